//! Dates, periods and working-day calendars.
//!
//! Dates are [`chrono::NaiveDate`]: the crate never reads a clock, so "today"
//! is always an argument.

use super::Labelled;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use core::fmt;

/// A period of whole days, both ends included (e.g. a year, a quarter, a
/// policy's time in force).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::Period;
/// let q1 = Period::new(
///     NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
///     NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
/// )?;
/// assert!(q1.contains(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()));
/// assert!(!q1.contains(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()));
/// assert_eq!(q1.days(), 90);
/// assert_eq!(q1, Period::quarter(2025, 1)?);
/// assert_eq!(Period::year(2025)?.days(), 365);
/// // Displayed as reports write it.
/// assert_eq!(q1.to_string(), "2025年第一季度");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeriodData", into = "PeriodData"))]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

/// The serde form of a [`Period`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodData {
    start: NaiveDate,
    end: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<PeriodData> for Period {
    type Error = PeriodError;
    fn try_from(d: PeriodData) -> Result<Self, Self::Error> {
        Self::new(d.start, d.end)
    }
}

#[cfg(feature = "serde")]
impl From<Period> for PeriodData {
    fn from(p: Period) -> Self {
        Self {
            start: p.start,
            end: p.end,
        }
    }
}

/// A period that cannot exist.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Period, PeriodError};
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// assert!(matches!(Period::new(d(2, 1), d(1, 1)), Err(PeriodError::EndBeforeStart { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The end date is before the start date.
    #[error("period end {end} is before its start {start}")]
    EndBeforeStart {
        /// The start given.
        start: NaiveDate,
        /// The end given.
        end: NaiveDate,
    },
    /// The year is outside the range chrono can represent.
    #[error("year {0} is out of range")]
    YearOutOfRange(i32),
    /// A quarter that is not 1 to 4.
    #[error("quarter {quarter} of {year} does not exist: quarters are 1 to 4")]
    QuarterOutOfRange {
        /// The year given.
        year: i32,
        /// The quarter given.
        quarter: u32,
    },
    /// A month that is not 1 to 12.
    #[error("month {month} of {year} does not exist: months are 1 to 12")]
    MonthOutOfRange {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
    },
}

impl PeriodError {
    /// The whole message in Chinese, with the same data as the English
    /// `Display`.
    ///
    /// ```
    /// use deputy_work::common::{Period, PeriodError};
    /// let err = Period::quarter(2025, 5).unwrap_err();
    /// assert_eq!(err, PeriodError::QuarterOutOfRange { year: 2025, quarter: 5 });
    /// assert_eq!(err.message_zh(), "2025年没有第5季度：季度应为1至4");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::EndBeforeStart { start, end } => format!(
                "期间的截止日期{}早于起始日期{}",
                zh_date(*end),
                zh_date(*start)
            ),
            Self::YearOutOfRange(year) => format!("年份{year}超出可表示的范围"),
            Self::QuarterOutOfRange { year, quarter } => {
                format!("{year}年没有第{quarter}季度：季度应为1至4")
            }
            Self::MonthOutOfRange { year, month } => {
                format!("{year}年没有{month}月：月份应为1至12")
            }
        }
    }
}

impl Labelled for PeriodError {
    /// ```
    /// use deputy_work::common::{Labelled, Period};
    /// let err = Period::month(2025, 13).unwrap_err();
    /// assert_eq!((err.label_zh(), err.label_en()), ("月份无效", "month out of range"));
    /// ```
    fn label_zh(&self) -> &str {
        match self {
            Self::EndBeforeStart { .. } => "截止日期早于起始日期",
            Self::YearOutOfRange(_) => "年份超出范围",
            Self::QuarterOutOfRange { .. } => "季度无效",
            Self::MonthOutOfRange { .. } => "月份无效",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::EndBeforeStart { .. } => "end before start",
            Self::YearOutOfRange(_) => "year out of range",
            Self::QuarterOutOfRange { .. } => "quarter out of range",
            Self::MonthOutOfRange { .. } => "month out of range",
        }
    }
}

/// A date as Chinese documents write it: 2025年3月31日.
fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The Chinese numerals of the four quarters, as in 第一季度.
const QUARTERS_ZH: [&str; 4] = ["一", "二", "三", "四"];

impl Period {
    /// A period from `start` to `end`, both included.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::Period;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("day");
    /// assert_eq!(Period::new(d(1, 1)?, d(5, 31)?)?.days(), 151);
    /// assert!(Period::new(d(5, 31)?, d(1, 1)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`PeriodError::EndBeforeStart`] when `end < start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, PeriodError> {
        if end < start {
            return Err(PeriodError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    /// The calendar year `year`, 1 January to 31 December.
    ///
    /// ```
    /// use deputy_work::common::{Period, PeriodError};
    /// assert_eq!(Period::year(2024)?.days(), 366);
    /// assert_eq!(Period::year(i32::MAX), Err(PeriodError::YearOutOfRange(i32::MAX)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`PeriodError::YearOutOfRange`] for a year chrono cannot represent.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(PeriodError::YearOutOfRange(year))?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(PeriodError::YearOutOfRange(year))?;
        Ok(Self { start, end })
    }

    /// Quarter `quarter` (1 to 4) of `year`: 1 January to 31 March, 1 April
    /// to 30 June, 1 July to 30 September, 1 October to 31 December.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// let q2 = Period::quarter(2025, 2)?;
    /// assert_eq!((q2.start().to_string(), q2.end().to_string()), ("2025-04-01".into(), "2025-06-30".into()));
    /// assert_eq!(q2.to_string(), "2025年第二季度");
    /// assert!(Period::quarter(2025, 0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`PeriodError::QuarterOutOfRange`] unless `quarter` is 1 to 4;
    /// [`PeriodError::YearOutOfRange`] for a year chrono cannot represent.
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, PeriodError> {
        let (first, last) = match quarter {
            1 => (1, 3),
            2 => (4, 6),
            3 => (7, 9),
            4 => (10, 12),
            _ => return Err(PeriodError::QuarterOutOfRange { year, quarter }),
        };
        Ok(Self {
            start: first_day(year, first)?,
            end: last_day(year, last)?,
        })
    }

    /// Month `month` (1 to 12) of `year`, its first day to its last.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// let feb = Period::month(2024, 2)?;
    /// assert_eq!(feb.days(), 29);
    /// assert_eq!(feb.to_string(), "2024年2月");
    /// assert!(Period::month(2024, 13).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`PeriodError::MonthOutOfRange`] unless `month` is 1 to 12;
    /// [`PeriodError::YearOutOfRange`] for a year chrono cannot represent.
    pub fn month(year: i32, month: u32) -> Result<Self, PeriodError> {
        if !(1..=12).contains(&month) {
            return Err(PeriodError::MonthOutOfRange { year, month });
        }
        Ok(Self {
            start: first_day(year, month)?,
            end: last_day(year, month)?,
        })
    }

    /// The first day.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// assert_eq!(Period::month(2025, 3)?.start().to_string(), "2025-03-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (included).
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// assert_eq!(Period::month(2025, 4)?.end().to_string(), "2025-04-30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether `date` falls in the period.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::Period;
    /// let march = Period::month(2025, 3)?;
    /// assert!(march.contains(NaiveDate::from_ymd_opt(2025, 3, 31).ok_or("day")?));
    /// assert!(!march.contains(NaiveDate::from_ymd_opt(2025, 4, 1).ok_or("day")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The number of days, both ends counted.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// assert_eq!(Period::quarter(2025, 1)?.days(), 90);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days(&self) -> u64 {
        let span = self.end.signed_duration_since(self.start).num_days();
        // chrono's whole range is under 2^28 days, so the sum cannot overflow.
        let days = u64::try_from(span).ok().and_then(|d| d.checked_add(1));
        debug_assert!(days.is_some(), "a period's end is never before its start");
        days.unwrap_or(1)
    }

    /// The year of the start date.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// assert_eq!(Period::quarter(2025, 4)?.start_year(), 2025);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn start_year(&self) -> i32 {
        self.start.year()
    }

    /// Whether the period lies within `other` (both ends included).
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// assert!(Period::quarter(2025, 2)?.within(&Period::year(2025)?));
    /// assert!(!Period::year(2025)?.within(&Period::quarter(2025, 2)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn within(&self, other: &Self) -> bool {
        other.start <= self.start && self.end <= other.end
    }

    /// The calendar year, quarter or month the period is exactly, if any.
    fn shape(&self) -> Shape {
        let (s, e) = (self.start, self.end);
        if s.year() != e.year()
            || s.day() != 1
            || e.checked_add_days(Days::new(1))
                .is_some_and(|n| n.day() != 1)
        {
            return Shape::Other;
        }
        match (s.month(), e.month()) {
            (1, 12) => Shape::Year,
            (a, b) if a == b => Shape::Month,
            (1, 3) => Shape::Quarter(0),
            (4, 6) => Shape::Quarter(1),
            (7, 9) => Shape::Quarter(2),
            (10, 12) => Shape::Quarter(3),
            _ => Shape::Other,
        }
    }
}

/// What a period is, for display.
enum Shape {
    Year,
    /// The quarter's index, 0 to 3.
    Quarter(u32),
    Month,
    Other,
}

/// The first day of a month.
fn first_day(year: i32, month: u32) -> Result<NaiveDate, PeriodError> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(PeriodError::YearOutOfRange(year))
}

/// The last day of a month: the day before the next month's first day.
fn last_day(year: i32, month: u32) -> Result<NaiveDate, PeriodError> {
    if month == 12 {
        // No stepping past the end of chrono's range.
        return NaiveDate::from_ymd_opt(year, 12, 31).ok_or(PeriodError::YearOutOfRange(year));
    }
    first_day(year, month)?
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .ok_or(PeriodError::YearOutOfRange(year))
}

impl fmt::Display for Period {
    /// The period as Chinese reports write it: a calendar year "2025年", a
    /// quarter "2025年第一季度", a month "2025年3月", a single day
    /// "2025年3月8日", any other "2025年1月1日至2025年3月31日". Honours width,
    /// fill and alignment.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::Period;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("day");
    /// assert_eq!(Period::year(2025)?.to_string(), "2025年");
    /// assert_eq!(Period::quarter(2025, 3)?.to_string(), "2025年第三季度");
    /// assert_eq!(Period::month(2025, 3)?.to_string(), "2025年3月");
    /// assert_eq!(Period::new(d(1, 1)?, d(5, 31)?)?.to_string(), "2025年1月1日至2025年5月31日");
    /// assert_eq!(Period::new(d(3, 8)?, d(3, 8)?)?.to_string(), "2025年3月8日");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.start.year();
        let text = match self.shape() {
            Shape::Year => format!("{year}年"),
            Shape::Quarter(q) => {
                let q = usize::try_from(q).ok().and_then(|q| QUARTERS_ZH.get(q));
                debug_assert!(q.is_some(), "a quarter's index is 0 to 3");
                format!("{year}年第{}季度", q.unwrap_or(&"?"))
            }
            Shape::Month => format!("{year}年{}月", self.start.month()),
            Shape::Other if self.start == self.end => zh_date(self.start),
            Shape::Other => format!("{}至{}", zh_date(self.start), zh_date(self.end)),
        };
        f.pad(&text)
    }
}

/// Which days count as working days (工作日), for windows such as "return a
/// wrong assignment within 7 working days".
///
/// The crate hard-codes no holidays: a caller that needs the official
/// holiday and make-up-day schedule implements this trait over its own data.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Calendar, WeekendCalendar};
/// let fri = NaiveDate::from_ymd_opt(2025, 3, 7).unwrap();
/// let cal = WeekendCalendar;
/// // 7 working days after a Friday: the Tuesday of the week after next.
/// assert_eq!(cal.add_working_days(fri, 7), NaiveDate::from_ymd_opt(2025, 3, 18));
/// ```
pub trait Calendar {
    /// Whether `date` is a working day.
    fn is_working_day(&self, date: NaiveDate) -> bool;

    /// The date `n` working days after `from` (`from` itself not counted);
    /// `None` past the end of chrono's range or if no working day is found
    /// within 366 days of the previous one.
    ///
    /// Cost: one [`is_working_day`](Self::is_working_day) call per day
    /// walked: at least `n`, at most 367 × `n`, and never past chrono's
    /// last date (about 95 million days from today). The walk is as long
    /// as `n` says, not as long as any input is: a rule table's window of
    /// 4,294,967,295 working days walks to chrono's last date (0.6 s with
    /// [`WeekendCalendar`], more with a calendar backed by data).
    fn add_working_days(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut date = from;
        for _ in 0..n {
            let mut gap = 0_u32;
            loop {
                date = date.checked_add_days(Days::new(1))?;
                if self.is_working_day(date) {
                    break;
                }
                gap = gap.checked_add(1)?;
                if gap > 366 {
                    return None;
                }
            }
        }
        Some(date)
    }
}

/// Monday to Friday are working days; no holidays.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Calendar, WeekendCalendar};
/// assert!(!WeekendCalendar.is_working_day(NaiveDate::from_ymd_opt(2025, 3, 8).unwrap()));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekendCalendar;

impl Calendar for WeekendCalendar {
    fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }
}

impl<C: Calendar + ?Sized> Calendar for &C {
    fn is_working_day(&self, date: NaiveDate) -> bool {
        (**self).is_working_day(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_year_has_366_days() {
        assert_eq!(Period::year(2024).unwrap().days(), 366);
        assert_eq!(Period::new(d(2025, 5, 5), d(2025, 5, 5)).unwrap().days(), 1);
    }

    #[test]
    fn quarters_and_months_cover_their_days() {
        // (year, quarter, first day, last day, days)
        let quarters = [
            (2025, 1, d(2025, 1, 1), d(2025, 3, 31), 90),
            (2024, 1, d(2024, 1, 1), d(2024, 3, 31), 91),
            (2025, 2, d(2025, 4, 1), d(2025, 6, 30), 91),
            (2025, 3, d(2025, 7, 1), d(2025, 9, 30), 92),
            (2025, 4, d(2025, 10, 1), d(2025, 12, 31), 92),
        ];
        for (y, q, start, end, days) in quarters {
            let p = Period::quarter(y, q).unwrap();
            assert_eq!(
                (p.start(), p.end(), p.days()),
                (start, end, days),
                "{y} Q{q}"
            );
        }
        let months = [
            (2025, 1, 31),
            (2025, 2, 28),
            (2024, 2, 29),
            (2025, 4, 30),
            (2025, 12, 31),
        ];
        for (y, m, days) in months {
            let p = Period::month(y, m).unwrap();
            assert_eq!((p.start(), p.days()), (d(y, m, 1), days), "{y}-{m}");
        }
        assert_eq!(
            Period::quarter(2025, 0),
            Err(PeriodError::QuarterOutOfRange {
                year: 2025,
                quarter: 0
            })
        );
        assert_eq!(
            Period::month(2025, 0),
            Err(PeriodError::MonthOutOfRange {
                year: 2025,
                month: 0
            })
        );
        assert_eq!(
            Period::month(i32::MAX, 1),
            Err(PeriodError::YearOutOfRange(i32::MAX))
        );
        assert_eq!(
            Period::quarter(i32::MIN, 4),
            Err(PeriodError::YearOutOfRange(i32::MIN))
        );
        // The last month and quarter chrono can represent.
        let max = NaiveDate::MAX;
        assert_eq!(Period::month(max.year(), 12).unwrap().end(), max);
        assert_eq!(Period::quarter(max.year(), 4).unwrap().end(), max);
    }

    #[test]
    fn periods_display_as_reports_write_them() {
        let cases = [
            (Period::year(2025).unwrap(), "2025年"),
            (Period::year(2024).unwrap(), "2024年"),
            (Period::quarter(2025, 1).unwrap(), "2025年第一季度"),
            (Period::quarter(2025, 2).unwrap(), "2025年第二季度"),
            (Period::quarter(2025, 3).unwrap(), "2025年第三季度"),
            (Period::quarter(2025, 4).unwrap(), "2025年第四季度"),
            (Period::month(2025, 3).unwrap(), "2025年3月"),
            (Period::month(2024, 2).unwrap(), "2024年2月"),
            (Period::month(2025, 12).unwrap(), "2025年12月"),
            (
                Period::new(d(2025, 1, 1), d(2025, 2, 28)).unwrap(),
                "2025年1月1日至2025年2月28日",
            ),
            (
                Period::new(d(2025, 2, 1), d(2025, 4, 30)).unwrap(),
                "2025年2月1日至2025年4月30日",
            ),
            (
                Period::new(d(2025, 1, 1), d(2025, 3, 30)).unwrap(),
                "2025年1月1日至2025年3月30日",
            ),
            (
                Period::new(d(2024, 1, 1), d(2025, 12, 31)).unwrap(),
                "2024年1月1日至2025年12月31日",
            ),
            (
                Period::new(d(2025, 3, 8), d(2025, 3, 8)).unwrap(),
                "2025年3月8日",
            ),
        ];
        for (p, want) in cases {
            assert_eq!(p.to_string(), want);
        }
        assert_eq!(
            format!("[{:>8}]", Period::year(2025).unwrap()),
            "[   2025年]"
        );
    }

    #[test]
    fn period_errors_in_chinese_carry_their_data() {
        let cases = [
            (
                PeriodError::EndBeforeStart {
                    start: d(2025, 2, 1),
                    end: d(2025, 1, 1),
                },
                vec!["2025年2月1日", "2025年1月1日"],
            ),
            (PeriodError::YearOutOfRange(300_000), vec!["300000"]),
            (
                PeriodError::QuarterOutOfRange {
                    year: 2025,
                    quarter: 5,
                },
                vec!["2025", "5"],
            ),
            (
                PeriodError::MonthOutOfRange {
                    year: 2025,
                    month: 13,
                },
                vec!["2025", "13"],
            ),
        ];
        for (err, data) in cases {
            let zh = err.message_zh();
            assert!(!zh.is_empty() && !err.label_zh().is_empty() && !err.label_en().is_empty());
            for item in data {
                assert!(zh.contains(item), "{zh} lacks {item}");
            }
        }
    }

    #[test]
    fn working_days_skip_weekends() {
        let sat = d(2025, 3, 8);
        assert_eq!(
            WeekendCalendar.add_working_days(sat, 1),
            Some(d(2025, 3, 10))
        );
        assert_eq!(WeekendCalendar.add_working_days(sat, 0), Some(sat));
    }

    #[test]
    fn calendar_with_no_working_days_gives_none() {
        struct Never;
        impl Calendar for Never {
            fn is_working_day(&self, _: NaiveDate) -> bool {
                false
            }
        }
        assert_eq!(Never.add_working_days(d(2025, 1, 1), 1), None);
    }

    #[test]
    fn end_of_range_gives_none() {
        assert_eq!(WeekendCalendar.add_working_days(NaiveDate::MAX, 1), None);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_rejects_reversed_period() {
        let bad = r#"{"start":"2025-02-01","end":"2025-01-01"}"#;
        assert!(serde_json::from_str::<Period>(bad).is_err());
        let good = r#"{"start":"2025-01-01","end":"2025-02-01"}"#;
        let p: Period = serde_json::from_str(good).unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), good);
    }
}

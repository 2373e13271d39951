//! Dates, periods and working-day calendars.
//!
//! Dates are [`chrono::NaiveDate`]: the crate never reads a clock, so "today"
//! is always an argument.

use chrono::{Datelike, Days, NaiveDate, Weekday};

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
/// assert_eq!(Period::year(2025)?.days(), 365);
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
}

impl Period {
    /// A period from `start` to `end`, both included.
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
    /// # Errors
    /// [`PeriodError::YearOutOfRange`] for a year chrono cannot represent.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(PeriodError::YearOutOfRange(year))?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(PeriodError::YearOutOfRange(year))?;
        Ok(Self { start, end })
    }

    /// The first day.
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (included).
    #[must_use]
    pub const fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether `date` falls in the period.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The number of days, both ends counted.
    #[must_use]
    pub fn days(&self) -> u64 {
        // end >= start, so the difference is non-negative.
        u64::try_from(self.end.signed_duration_since(self.start).num_days())
            .map_or(0, |d| d.saturating_add(1))
    }

    /// The year of the start date.
    #[must_use]
    pub fn start_year(&self) -> i32 {
        self.start.year()
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

//! A sample year of suggestions, for examples, docs, tests and benchmarks:
//! the seed's year (181 suggestions replied 131 A, 49 B, 1 C; 8 key
//! suggestions; 113 earlier B-class items solved in the year's look-back),
//! every item driven through the engine as a platform would drive it.
//!
//! The year is written once here: the suggestion tests and the
//! `suggestions` example build on it, and so can the annual report's seed
//! data ([`SampleYear::register`] gives the same register).
//!
//! ```
//! use deputy_work::suggestion::samples::{self, SampleYear};
//! let register = SampleYear::ORDOS_2025.register()?;
//! let counts = register.counts();
//! assert_eq!((counts.received, counts.key, counts.look_back_resolved), (181, 8, 113));
//! assert_eq!(samples::unit_names().len(), 14);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The plan of a year
//!
//! - Suggestion `n` (1 to the year's total) is drafted by deputy `Dn` and
//!   submitted on 12 January, registered two days later and assigned on
//!   the seventh day to one of the fourteen [units](unit_names), in turn
//!   (the first to 市教体局 U101); the standing committee marks evenly spaced
//!   items key the next day.
//! - The classes are dealt in order: the A items first, then B, then C.
//!   The unit replies on the 47th day, except every sixtieth item (the
//!   60th, 120th, …), replied late on the 107th day, after its three
//!   months; the lead deputy gives feedback five days after the reply:
//!   basically satisfied on a C item and on every ninth item from the
//!   fifth, satisfied otherwise.
//! - Earlier years' B-class items, closed and followed up, are looked back
//!   at from 3 February (回头看); the first `look_back_resolved` of them get
//!   an A follow-up reply in the year (solved), the last
//!   `look_back_open` do not. Their ids are `10000 × (year − 2000) + k`.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::SuggestionError;
use super::{Action, Actor, Command, Feedback, Policy, Register, ReviewChecks, Suggestion};
use crate::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};

/// The fourteen handling units of the sample, by id.
const UNITS: [(u32, &str); 14] = [
    (101, "市教体局"),
    (102, "市市场监管局"),
    (103, "市工信局"),
    (104, "市人社局"),
    (105, "市住建局"),
    (106, "市交通运输局"),
    (107, "市自然资源局"),
    (108, "市生态环境局"),
    (109, "市卫健委"),
    (110, "市民政局"),
    (111, "市农牧局"),
    (112, "市水利局"),
    (113, "市城管局"),
    (114, "市发改委"),
];

/// The deputy affairs office's staff member who registers, assigns and
/// starts look-backs.
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::{samples, Actor};
/// let register = samples::ordos_2025()?;
/// let registered = &register.get(SuggestionId::new(1)).unwrap().trail()[2];
/// assert_eq!(registered.actor, Actor::Office(samples::OFFICE));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const OFFICE: PersonId = PersonId::new(9_001);

/// The supervising leader of the key suggestions.
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::samples;
/// let key = samples::ordos_2025()?.get(SuggestionId::new(1)).unwrap().state().key.unwrap();
/// assert_eq!((key.leader, key.committee), (samples::KEY_LEADER, samples::KEY_COMMITTEE));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const KEY_LEADER: PersonId = PersonId::new(9_100);

/// The supervising committee of the key suggestions.
///
/// ```
/// use deputy_work::suggestion::samples;
/// assert!(!samples::unit_names().contains_key(&samples::KEY_COMMITTEE), "not a handling unit");
/// ```
pub const KEY_COMMITTEE: UnitId = UnitId::new(90);

/// The sample's handling units and their names (市教体局 U101 to 市发改委
/// U114), for front ends and reports that show names beside ids.
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::suggestion::samples;
/// assert_eq!(samples::unit_names()[&UnitId::new(106)], "市交通运输局");
/// ```
#[must_use]
pub fn unit_names() -> BTreeMap<UnitId, String> {
    UNITS
        .iter()
        .map(|(id, name)| (UnitId::new(*id), (*name).to_owned()))
        .collect()
}

/// The figures of a sample year; [`SampleYear::register`] drives its
/// suggestions through the engine under [`Policy::seed`]. See the
/// [module docs](self) for the plan.
///
/// ```
/// use deputy_work::suggestion::samples::SampleYear;
/// let small = SampleYear::new(2025, [3, 1, 0], 1)?.with_look_back(1, 1)?;
/// let counts = small.register()?.counts();
/// assert_eq!((counts.received, counts.key, counts.look_back_resolved), (4, 1, 1));
/// assert!(SampleYear::new(1999, [3, 1, 0], 1).is_err(), "ids count years from 2000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SampleYearData", into = "SampleYearData")
)]
pub struct SampleYear {
    year: i32,
    classes: [u32; 3],
    key: u32,
    look_back_resolved: u32,
    look_back_open: u32,
}

/// The serde form of a [`SampleYear`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleYearData {
    year: i32,
    classes: [u32; 3],
    key: u32,
    #[serde(default)]
    look_back_resolved: u32,
    #[serde(default)]
    look_back_open: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<SampleYearData> for SampleYear {
    type Error = SuggestionError;
    fn try_from(d: SampleYearData) -> Result<Self, SuggestionError> {
        Self::new(d.year, d.classes, d.key)?.with_look_back(d.look_back_resolved, d.look_back_open)
    }
}

#[cfg(feature = "serde")]
impl From<SampleYear> for SampleYearData {
    fn from(s: SampleYear) -> Self {
        Self {
            year: s.year,
            classes: s.classes,
            key: s.key,
            look_back_resolved: s.look_back_resolved,
            look_back_open: s.look_back_open,
        }
    }
}

/// The most items of each part of a sample year (the year's own, the
/// look-back's), so that the two ranges of ids never meet.
const MAX_ITEMS: u32 = 9_999;

impl SampleYear {
    /// The seed's 2025: 181 suggestions replied 131 A, 49 B, 1 C, 8 key;
    /// 113 earlier items solved in the look-back, 17 not.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let counts = SampleYear::ORDOS_2025.register()?.counts();
    /// let by_class: Vec<u32> = counts.by_class.values().copied().collect();
    /// assert_eq!(by_class, [131, 49, 1], "the year's items only");
    /// assert_eq!(counts.replied_on_time, 181 - 3, "the 60th, 120th and 180th were late");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const ORDOS_2025: Self = Self {
        year: 2025,
        classes: [131, 49, 1],
        key: 8,
        look_back_resolved: 113,
        look_back_open: 17,
    };

    /// Made-up figures for 2024, for year-over-year comparisons: 170
    /// suggestions replied 118 A, 50 B, 2 C, 6 key; 87 earlier items solved
    /// in the look-back, 17 not.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// assert_eq!(SampleYear::ORDOS_2024.register()?.counts().received, 170);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const ORDOS_2024: Self = Self {
        year: 2024,
        classes: [118, 50, 2],
        key: 6,
        look_back_resolved: 87,
        look_back_open: 17,
    };

    /// A year of `classes[0]` A, `classes[1]` B and `classes[2]` C replies,
    /// `key` of them key suggestions, and no look-back (see
    /// [`SampleYear::with_look_back`]).
    ///
    /// # Errors
    /// [`SuggestionError::InvalidSample`] when the year is before 2001 or
    /// after 9999, there are more than 9,999 items, or more key items than
    /// items.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// use deputy_work::suggestion::SuggestionError;
    /// assert_eq!(
    ///     SampleYear::new(2025, [1, 0, 0], 2),
    ///     Err(SuggestionError::InvalidSample { field: "key", value: 2 })
    /// );
    /// ```
    pub fn new(year: i32, classes: [u32; 3], key: u32) -> Result<Self, SuggestionError> {
        let invalid = |field, value: i64| Err(SuggestionError::InvalidSample { field, value });
        if !(2001..=9999).contains(&year) {
            return invalid("year", i64::from(year));
        }
        let [a, b, c] = classes;
        let total = a.checked_add(b).and_then(|n| n.checked_add(c));
        let Some(total) = total.filter(|n| *n <= MAX_ITEMS) else {
            return invalid("classes", classes.iter().map(|n| i64::from(*n)).sum());
        };
        if key > total {
            return invalid("key", i64::from(key));
        }
        Ok(Self {
            year,
            classes,
            key,
            look_back_resolved: 0,
            look_back_open: 0,
        })
    }

    /// The same year with earlier B-class items looked back at: `resolved`
    /// solved in the year, `open` not.
    ///
    /// # Errors
    /// [`SuggestionError::InvalidSample`] when there are more than 9,999
    /// of them.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let y = SampleYear::new(2025, [2, 0, 0], 0)?.with_look_back(3, 2)?;
    /// assert_eq!(y.register()?.due_for_look_back(2026).len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_look_back(mut self, resolved: u32, open: u32) -> Result<Self, SuggestionError> {
        match resolved.checked_add(open) {
            Some(n) if n <= MAX_ITEMS => {}
            _ => {
                return Err(SuggestionError::InvalidSample {
                    field: "look_back",
                    value: [resolved, open].iter().map(|n| i64::from(*n)).sum(),
                });
            }
        }
        self.look_back_resolved = resolved;
        self.look_back_open = open;
        Ok(self)
    }

    /// The year.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// assert_eq!(SampleYear::ORDOS_2025.year(), 2025);
    /// ```
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// Every item's commands, in id order (the year's items, then the
    /// look-back's), each item's in date order.
    ///
    /// # Errors
    /// [`SuggestionError::DateOutOfRange`] if a date of the plan does not
    /// exist (not for a year [`SampleYear::new`] accepts).
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// use deputy_work::suggestion::Step;
    /// let plans = SampleYear::ORDOS_2025.commands()?;
    /// assert_eq!(plans.len(), 181 + 113 + 17);
    /// let (id, first) = &plans[0];
    /// assert_eq!(id.get(), 1);
    /// let steps: Vec<Step> = first.iter().map(|c| c.action.step()).collect();
    /// assert_eq!(steps, [Step::Draft, Step::Submit, Step::Register, Step::Assign, Step::MarkKey, Step::Reply, Step::Feedback]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn commands(&self) -> Result<Vec<(SuggestionId, Vec<Command>)>, SuggestionError> {
        let [a, b, c] = self.classes;
        // `new` and `with_look_back` bound the sums by MAX_ITEMS.
        let a_b = sum(a, b)?;
        let total = sum(a_b, c)?;
        let look_back = sum(self.look_back_resolved, self.look_back_open)?;
        let mut out = Vec::new();
        let day = |year: i32, month: u32, day: u32| {
            NaiveDate::from_ymd_opt(year, month, day).ok_or(SuggestionError::DateOutOfRange {
                from: NaiveDate::MIN,
            })
        };
        let submitted = day(self.year, 1, 12)?;
        let key_step = total.checked_div(self.key);
        for i in 0..total {
            let class = if i < a {
                "A"
            } else if i < a_b {
                "B"
            } else {
                "C"
            };
            let verdict = if class == "C" || i % 9 == 4 {
                Feedback::BasicallySatisfied
            } else {
                Feedback::Satisfied
            };
            let key = key_step.is_some_and(|s| {
                i.checked_rem(s) == Some(0) && i.checked_div(s).is_some_and(|n| n < self.key)
            });
            let item = Item {
                id: sum(i, 1)?,
                submitted,
                unit: unit_at(i),
                class,
                late: i % 60 == 59,
                verdict,
                key,
            };
            out.push((SuggestionId::new(item.id), item.commands(None)?));
        }
        let first_id = self
            .year
            .checked_sub(2000)
            .and_then(|y| u32::try_from(y).ok())
            .and_then(|y| y.checked_mul(10_000))
            .ok_or(SuggestionError::InvalidSample {
                field: "year",
                value: i64::from(self.year),
            })?;
        let start = day(self.year, 2, 3)?;
        for k in 0..look_back {
            let years_back = match k % 3 {
                0 => 1,
                1 => 2,
                _ => 3,
            };
            let earlier =
                self.year
                    .checked_sub(years_back)
                    .ok_or(SuggestionError::InvalidSample {
                        field: "year",
                        value: i64::from(self.year),
                    })?;
            let item = Item {
                id: sum(first_id, k)?,
                submitted: day(earlier, 1, 10)?,
                unit: unit_at(k),
                class: "B",
                late: false,
                verdict: Feedback::Satisfied,
                key: false,
            };
            let solved = (k < self.look_back_resolved)
                .then(|| after(start, u64::from(k % 60)).and_then(|d| after(d, 7)))
                .transpose()?;
            out.push((
                SuggestionId::new(item.id),
                item.commands(Some((start, solved)))?,
            ));
        }
        Ok(out)
    }

    /// The year's register, every item driven through the engine under
    /// [`Policy::seed`] and the [`WeekendCalendar`].
    ///
    /// # Errors
    /// What [`SampleYear::commands`] or the engine refuses (neither does
    /// for a year [`SampleYear::new`] accepts: a test drives them).
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let r = SampleYear::ORDOS_2025.register()?;
    /// assert_eq!(r.len(), 181 + 113 + 17);
    /// assert!(r.awaiting_feedback().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register(&self) -> Result<Register, SuggestionError> {
        self.register_until(None)
    }

    /// The register as it stood on `as_of`: only the commands dated on or
    /// before it are handled.
    ///
    /// # Errors
    /// As [`SampleYear::register`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let r = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late: Vec<u32> = r.overdue(as_of).iter().map(|o| o.id.get()).collect();
    /// assert_eq!(late, [60, 120, 180]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register_as_of(&self, as_of: NaiveDate) -> Result<Register, SuggestionError> {
        self.register_until(Some(as_of))
    }

    fn register_until(&self, as_of: Option<NaiveDate>) -> Result<Register, SuggestionError> {
        let policy = Policy::seed();
        let mut register = Register::new(self.year);
        for (id, commands) in self.commands()? {
            let mut s = Suggestion::new(id);
            for c in commands
                .iter()
                .take_while(|c| as_of.is_none_or(|d| c.date <= d))
            {
                s.handle(c, &policy, &WeekendCalendar)?;
            }
            register.insert(s)?;
        }
        Ok(register)
    }
}

/// The seed's 2025 register ([`SampleYear::ORDOS_2025`]).
///
/// # Errors
/// None in practice (a test drives it); the `Result` keeps the library free
/// of panics.
///
/// ```
/// use deputy_work::suggestion::samples;
/// assert_eq!(samples::ordos_2025()?.by_class("C").len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ordos_2025() -> Result<Register, SuggestionError> {
    SampleYear::ORDOS_2025.register()
}

/// `a + b`, where the figures' bounds keep it in range.
fn sum(a: u32, b: u32) -> Result<u32, SuggestionError> {
    a.checked_add(b).ok_or(SuggestionError::InvalidSample {
        field: "classes",
        value: [a, b].iter().map(|n| i64::from(*n)).sum(),
    })
}

/// The unit of the `i`th item (from 0), in turn.
fn unit_at(i: u32) -> UnitId {
    let unit = u32::try_from(UNITS.len())
        .ok()
        .and_then(|n| i.checked_rem(n))
        .and_then(|at| usize::try_from(at).ok())
        .and_then(|at| UNITS.get(at));
    debug_assert!(unit.is_some(), "an index modulo the length is in the table");
    UnitId::new(unit.map_or(101, |(id, _)| *id))
}

/// `date` plus `days`.
fn after(date: NaiveDate, days: u64) -> Result<NaiveDate, SuggestionError> {
    date.checked_add_days(Days::new(days))
        .ok_or(SuggestionError::DateOutOfRange { from: date })
}

/// One made-up suggestion.
struct Item {
    id: u32,
    submitted: NaiveDate,
    unit: UnitId,
    class: &'static str,
    late: bool,
    verdict: Feedback,
    key: bool,
}

impl Item {
    /// Its commands, then a look-back started on the first date and an A
    /// follow-up reply on the second, if given.
    fn commands(
        &self,
        look_back: Option<(NaiveDate, Option<NaiveDate>)>,
    ) -> Result<Vec<Command>, SuggestionError> {
        let lead = Actor::Deputy(DeputyId::new(self.id));
        let office = Actor::Office(OFFICE);
        let at = |days| after(self.submitted, days);
        let mut v = vec![
            Command::new(
                self.submitted,
                lead,
                Action::Draft {
                    title: format!("建议{}", self.id),
                    co_signers: vec![],
                },
            ),
            Command::new(self.submitted, lead, Action::Submit),
            Command::new(
                at(2)?,
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            Command::new(
                at(7)?,
                office,
                Action::Assign {
                    lead_unit: self.unit,
                    co_units: vec![],
                },
            ),
        ];
        if self.key {
            v.push(Command::new(
                at(8)?,
                Actor::StandingCommittee,
                Action::MarkKey {
                    leader: KEY_LEADER,
                    committee: KEY_COMMITTEE,
                },
            ));
        }
        let (reply, feedback) = if self.late { (107, 112) } else { (47, 52) };
        v.push(Command::new(
            at(reply)?,
            Actor::Unit(self.unit),
            Action::Reply {
                class: self.class.to_owned(),
            },
        ));
        v.push(Command::new(
            at(feedback)?,
            lead,
            Action::Feedback {
                verdict: self.verdict,
                attitude: None,
            },
        ));
        if let Some((start, solved)) = look_back {
            v.push(Command::new(start, office, Action::LookBack));
            if let Some(on) = solved {
                v.push(Command::new(
                    on,
                    Actor::Unit(self.unit),
                    Action::FollowUpReply { class: "A".into() },
                ));
            }
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_presets_and_the_extremes_drive_through_the_engine() {
        for y in [
            SampleYear::ORDOS_2025,
            SampleYear::ORDOS_2024,
            SampleYear::new(2001, [0, 0, 0], 0).unwrap(),
            SampleYear::new(9999, [MAX_ITEMS, 0, 0], MAX_ITEMS)
                .unwrap()
                .with_look_back(0, 3)
                .unwrap(),
        ] {
            let r = y.register().unwrap();
            let [a, b, c] = y.classes;
            assert_eq!(r.counts().received, a + b + c);
            assert_eq!(r.counts().key, y.key);
        }
    }

    #[test]
    fn out_of_range_figures_are_refused() {
        let e = |field, value| Err(SuggestionError::InvalidSample { field, value });
        assert_eq!(SampleYear::new(2000, [1, 0, 0], 0), e("year", 2000));
        assert_eq!(SampleYear::new(10_000, [1, 0, 0], 0), e("year", 10_000));
        assert_eq!(
            SampleYear::new(2025, [u32::MAX, 1, 0], 0),
            e("classes", i64::from(u32::MAX) + 1)
        );
        assert_eq!(
            SampleYear::new(2025, [5_000, 5_000, 0], 0),
            e("classes", 10_000)
        );
        assert_eq!(
            SampleYear::ORDOS_2025.with_look_back(9_999, 1),
            e("look_back", 10_000)
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_sample_year_loads_validated() {
        let y: SampleYear =
            serde_json::from_str(r#"{"year":2025,"classes":[131,49,1],"key":8,"look_back_resolved":113,"look_back_open":17}"#)
                .unwrap();
        assert_eq!(y, SampleYear::ORDOS_2025);
        assert!(
            serde_json::from_str::<SampleYear>(r#"{"year":2025,"classes":[1,0,0],"key":2}"#)
                .is_err()
        );
    }
}

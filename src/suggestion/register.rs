//! The register of a year's suggestions, its queries and its counts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::evaluation::{self, EvaluationEvent};
use super::{
    Action, Actor, Code, Command, Event, Feedback, LinkedItem, MergedItem, Policy, Recipient,
    Stage, StageKind, Suggestion, SuggestionError, decide,
};
use crate::common::{Calendar, DeputyId, Labelled, Period, SuggestionId, UnitId};
use crate::stats::Satisfaction;

/// The suggestions of one year (and any earlier items carried over for the
/// look-back), by id.
///
/// Cost of loading: each suggestion loaded (see [`Suggestion`]) and
/// inserted (O(log n)), then each evaluation step checked as
/// [`Register::evaluate`] does, against the items and the steps before
/// it: O(steps × (items + steps)) for the log; memory: the items.
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::{Register, Suggestion};
/// let mut r = Register::new(2025);
/// r.insert(Suggestion::new(SuggestionId::new(1)))?;
/// assert!(r.insert(Suggestion::new(SuggestionId::new(1))).is_err());
/// assert_eq!(r.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RegisterData", into = "RegisterData")
)]
pub struct Register {
    year: i32,
    items: BTreeMap<SuggestionId, Suggestion>,
    evaluations: Vec<EvaluationEvent>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterData {
    year: i32,
    suggestions: Vec<Suggestion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evaluations: Vec<EvaluationEvent>,
}

#[cfg(feature = "serde")]
impl TryFrom<RegisterData> for Register {
    type Error = SuggestionError;
    fn try_from(d: RegisterData) -> Result<Self, Self::Error> {
        let mut r = Self::new(d.year);
        for s in d.suggestions {
            r.insert(s)?;
        }
        // The log is checked as if recorded again, step by step.
        for e in d.evaluations {
            r.evaluate(e)?;
        }
        Ok(r)
    }
}

#[cfg(feature = "serde")]
impl From<Register> for RegisterData {
    fn from(r: Register) -> Self {
        Self {
            year: r.year,
            suggestions: r.items.into_values().collect(),
            evaluations: r.evaluations,
        }
    }
}

/// An item whose running deadline has passed, as returned by
/// [`Register::overdue`].
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
/// use deputy_work::suggestion::{Action, Actor, Command, Policy, Register, ReviewChecks, Suggestion};
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let (lead, office) = (Actor::Deputy(DeputyId::new(1)), Actor::Office(PersonId::new(9)));
/// let mut s = Suggestion::new(SuggestionId::new(1));
/// for (date, actor, action) in [
///     (d(1, 6), lead, Action::Draft { title: "路灯".into(), co_signers: vec![] }),
///     (d(1, 6), lead, Action::Submit),
///     (d(1, 7), office, Action::Register { checks: ReviewChecks::PASSED }),
///     (d(1, 8), office, Action::Assign { lead_unit: UnitId::new(3), co_units: vec![] }),
/// ] {
///     s.handle(&Command::new(date, actor, action), &Policy::seed(), &WeekendCalendar)?;
/// }
/// let mut r = Register::new(2025);
/// r.insert(s)?;
/// let late = r.overdue(d(4, 18));
/// assert_eq!((late[0].due, late[0].days_overdue, late[0].unit), (d(4, 8), 10, Some(UnitId::new(3))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OverdueItem {
    /// The suggestion.
    pub id: SuggestionId,
    /// The unit whose deadline passed: the lead unit, or one of the units
    /// handling separately (none for a self-handled item).
    pub unit: Option<UnitId>,
    /// The due date that passed.
    pub due: NaiveDate,
    /// Days past the due date as of the query date.
    pub days_overdue: i64,
}

/// One item as a public listing shows it ([`Register::public_items`]).
///
/// ```
/// use deputy_work::suggestion::samples;
/// use deputy_work::suggestion::{Policy, StageKind};
/// let listing = samples::ordos_2025()?.public_items(&Policy::seed());
/// let first = &listing[0];
/// assert_eq!((first.title.as_str(), first.stage, first.stage_zh.as_str()), ("建议1", StageKind::Closed, "已办结"));
/// assert_eq!(first.class_zh.as_deref(), Some("已解决或者采纳"));
/// assert!(first.proposers.is_some(), "not confidential");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PublicItem {
    /// The suggestion.
    pub id: SuggestionId,
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage: StageKind,
    /// The stage's Chinese label.
    pub stage_zh: String,
    /// The class of its latest handling reply.
    pub class: Option<Code>,
    /// That class's Chinese label.
    pub class_zh: Option<String>,
    /// The replying units.
    pub units: Vec<UnitId>,
    /// Who proposed it and is replied to; none for a confidential item.
    pub proposers: Option<Vec<Recipient>>,
}

/// Feedback counts.
///
/// ```
/// use deputy_work::suggestion::FeedbackCounts;
/// assert_eq!(FeedbackCounts::default().satisfied, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FeedbackCounts {
    /// 满意.
    pub satisfied: u32,
    /// 基本满意.
    pub basically_satisfied: u32,
    /// 不满意.
    pub unsatisfied: u32,
}

impl FeedbackCounts {
    fn add(&mut self, verdict: Feedback) {
        let slot = match verdict {
            Feedback::Satisfied => &mut self.satisfied,
            Feedback::BasicallySatisfied => &mut self.basically_satisfied,
            Feedback::Unsatisfied => &mut self.unsatisfied,
        };
        bump(slot);
    }
}

impl From<FeedbackCounts> for Satisfaction {
    /// Feedback counts as a [`crate::stats::Satisfaction`]
    /// (no abstentions: feedback has none).
    ///
    /// ```
    /// use deputy_work::stats::Satisfaction;
    /// use deputy_work::suggestion::FeedbackCounts;
    /// let mut f = FeedbackCounts::default();
    /// (f.satisfied, f.basically_satisfied, f.unsatisfied) = (5, 2, 1);
    /// let s = Satisfaction::from(f);
    /// assert_eq!((s.satisfied, s.basically_satisfied, s.unsatisfied, s.abstained), (5, 2, 1, 0));
    /// ```
    fn from(f: FeedbackCounts) -> Self {
        Self {
            satisfied: u64::from(f.satisfied),
            basically_satisfied: u64::from(f.basically_satisfied),
            unsatisfied: u64::from(f.unsatisfied),
            abstained: 0,
        }
    }
}

/// One lead unit's figures.
///
/// ```
/// use deputy_work::suggestion::UnitCounts;
/// assert_eq!(UnitCounts::default().replied_on_time, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UnitCounts {
    /// Items assigned to it as lead unit.
    pub assigned: u32,
    /// Items it has replied to.
    pub replied: u32,
    /// Items whose first reply came by the deadline (办复率's numerator).
    pub replied_on_time: u32,
    /// The latest feedback on its items.
    pub feedback: FeedbackCounts,
    /// The ratings of its attitude: every proposer's latest, where given
    /// (办理态度, rated apart from the result).
    pub attitude: FeedbackCounts,
    /// Assignments it refused (disputed, asking to be re-assigned) on the
    /// year's items, whether or not it ended up handling them.
    pub refused: u32,
    /// The standing committee's vote on its handling, if it was rated in
    /// the year ([`Register::evaluate`]).
    pub evaluation: Option<Satisfaction>,
}

/// The figures the statistics and annual-report engines read, as plain data.
/// Counts are of the year's items (submitted in the year) unless said
/// otherwise; the class of an item is that of its latest reply in the
/// handling (not the look-back), and its feedback the latest given.
///
/// ```
/// use deputy_work::suggestion::{Policy, Register};
/// let counts = Register::new(2025).counts();
/// assert_eq!(counts.received, 0);
/// assert!(counts.by_class.is_empty());
/// ```
///
/// Stored counts are validated on the way in: every invariant that holds
/// for counts a register makes is checked, and counts that break one are
/// refused with [`SuggestionError::CorruptCounts`] naming the field.
///
/// ```
/// use deputy_work::suggestion::{RegisterCounts, samples};
/// let c = samples::ordos_2025()?.counts();
/// let json = serde_json::to_string(&c)?;
/// assert_eq!(serde_json::from_str::<RegisterCounts>(&json)?, c);
/// let edited = json.replace(r#""replied_on_time":178"#, r#""replied_on_time":4000000000"#);
/// assert!(serde_json::from_str::<RegisterCounts>(&edited).is_err(), "more on time than replied");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
#[non_exhaustive]
pub struct RegisterCounts {
    /// The register's year.
    pub year: i32,
    /// Submitted in the year.
    pub received: u32,
    /// Of those, registered (立案).
    pub registered: u32,
    /// Of those, not registered.
    pub not_registered: u32,
    /// Of those, withdrawn.
    pub withdrawn: u32,
    /// Of those, merged into another.
    pub merged: u32,
    /// Of those, key suggestions.
    pub key: u32,
    /// Of those, replied.
    pub replied: u32,
    /// Of those, first reply on time.
    pub replied_on_time: u32,
    /// Of those, closed.
    pub closed: u32,
    /// Replied items by class code.
    pub by_class: BTreeMap<Code, u32>,
    /// The latest feedback on the year's items.
    pub feedback: FeedbackCounts,
    /// The units' attitude as rated on the year's items: every proposer's
    /// rating on the latest reply, where given.
    pub attitude: FeedbackCounts,
    /// Followed-up items (any year) solved by a follow-up reply dated in the year.
    pub look_back_resolved: u32,
    /// Of the year's items, handled by the office itself (自行办理).
    pub self_handled: u32,
    /// Of the year's items, handled separately by several units.
    pub handled_separately: u32,
    /// Key suggestions of earlier years carried into this year.
    pub carried_over: u32,
    /// Per replying unit (the lead unit, or each unit handling separately),
    /// with every unit the committee evaluated.
    pub units: BTreeMap<UnitId, UnitCounts>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for RegisterCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The derived form (`remote = "Self"`), unchanged.
        Self::serialize(self, s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RegisterCounts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The derived form (`remote = "Self"`), then its invariants.
        let c = Self::deserialize(d)?;
        c.check_stored().map_err(serde::de::Error::custom)?;
        Ok(c)
    }
}

/// `part` within `whole`, or the error naming `field`.
#[cfg(feature = "serde")]
fn within(part: u64, whole: u64, field: impl FnOnce() -> String) -> Result<(), SuggestionError> {
    if part > whole {
        return Err(SuggestionError::CorruptCounts {
            field: field(),
            problem: "a part exceeds its whole",
        });
    }
    Ok(())
}

/// Every verdict of feedback counts, in a u64 (three u32s cannot overflow it).
#[cfg(feature = "serde")]
fn verdicts(f: &FeedbackCounts) -> u64 {
    [f.satisfied, f.basically_satisfied, f.unsatisfied]
        .into_iter()
        .map(u64::from)
        .sum()
}

#[cfg(feature = "serde")]
impl RegisterCounts {
    /// The invariants of counts made by `counts_where`, each from the
    /// counting rule named beside it. Each of the year's items is counted
    /// once in `received`, and at most once in each of the other item
    /// counters; its stage is one of not registered, withdrawn, merged or
    /// closed at most.
    fn check_stored(&self) -> Result<(), SuggestionError> {
        let received = u64::from(self.received);
        for (field, n) in [
            ("registered", self.registered),
            ("key", self.key),
            ("replied", self.replied),
            ("self_handled", self.self_handled),
            ("handled_separately", self.handled_separately),
        ] {
            within(u64::from(n), received, || field.to_owned())?;
        }
        // One stage per item (`match st.stage`).
        let ended = [
            self.not_registered,
            self.withdrawn,
            self.merged,
            self.closed,
        ]
        .into_iter()
        .map(u64::from)
        .sum();
        within(ended, received, || {
            "not_registered + withdrawn + merged + closed".to_owned()
        })?;
        // On time is a first reply that was not late.
        within(
            u64::from(self.replied_on_time),
            u64::from(self.replied),
            || "replied_on_time".to_owned(),
        )?;
        // One latest reply (its class) and one latest feedback per item;
        // a class entry is made by counting one.
        let mut classes: u64 = 0;
        for (code, n) in &self.by_class {
            if *n == 0 {
                return Err(SuggestionError::CorruptCounts {
                    field: format!("by_class.{code}"),
                    problem: "an entry is kept only once something is counted in it",
                });
            }
            classes = classes.saturating_add(u64::from(*n)); // u32s: never saturates
        }
        // `Replied` sets the first reply (once) and the latest together
        // (`event.rs`), so the items with a class are the items replied.
        if classes != u64::from(self.replied) {
            return Err(SuggestionError::CorruptCounts {
                field: "by_class".to_owned(),
                problem: "counts of the same records must be equal",
            });
        }
        within(verdicts(&self.feedback), received, || "feedback".to_owned())?;
        // A unit's entry is made by an assignment (lead or separate), a
        // refusal (`Disputed`) or the committee's rating; of its
        // assignments some are replied, of those some on time, and the
        // item's latest feedback is counted once per assignment.
        for (unit, u) in &self.units {
            if u.assigned == 0 && u.refused == 0 && u.evaluation.is_none() {
                return Err(SuggestionError::CorruptCounts {
                    field: format!("units.{unit}"),
                    problem: "a unit is kept only with an assignment, a refusal or an evaluation",
                });
            }
            let assigned = u64::from(u.assigned);
            within(u64::from(u.replied), assigned, || {
                format!("units.{unit}.replied")
            })?;
            within(u64::from(u.replied_on_time), u64::from(u.replied), || {
                format!("units.{unit}.replied_on_time")
            })?;
            within(verdicts(&u.feedback), assigned, || {
                format!("units.{unit}.feedback")
            })?;
        }
        Ok(())
    }
}

/// Counts one more: the register holds its items, trail entries and
/// feedback records in memory, so no count reaches `u32::MAX`.
fn bump(n: &mut u32) {
    let next = n.checked_add(1);
    debug_assert!(
        next.is_some(),
        "a register in memory has fewer than u32::MAX items, entries and verdicts"
    );
    *n = next.unwrap_or(u32::MAX);
}

impl Register {
    /// An empty register for `year`.
    ///
    /// ```
    /// use deputy_work::suggestion::Register;
    /// let r = Register::new(2025);
    /// assert!(r.is_empty() && r.evaluations().is_empty());
    /// ```
    #[must_use]
    pub const fn new(year: i32) -> Self {
        Self {
            year,
            items: BTreeMap::new(),
            evaluations: Vec::new(),
        }
    }

    /// The year.
    ///
    /// ```
    /// use deputy_work::suggestion::Register;
    /// assert_eq!(Register::new(2025).year(), 2025);
    /// ```
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// How many items.
    ///
    /// ```
    /// use deputy_work::suggestion::samples;
    /// assert_eq!(samples::ordos_2025()?.len(), 181 + 130, "the year's items and the earlier ones looked back at");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// use deputy_work::suggestion::Register;
    /// assert!(Register::new(2025).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a suggestion (new, replayed, or carried over from an earlier year).
    ///
    /// Cost: O(log n) in the register's items.
    ///
    /// # Errors
    /// [`SuggestionError::DuplicateSuggestion`] if the id is taken.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{Register, Suggestion, SuggestionError};
    /// let mut r = Register::new(2025);
    /// r.insert(Suggestion::new(SuggestionId::new(1)))?;
    /// assert_eq!(
    ///     r.insert(Suggestion::new(SuggestionId::new(1))),
    ///     Err(SuggestionError::DuplicateSuggestion { id: SuggestionId::new(1) })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, suggestion: Suggestion) -> Result<(), SuggestionError> {
        let id = suggestion.id();
        if self.items.contains_key(&id) {
            return Err(SuggestionError::DuplicateSuggestion { id });
        }
        self.items.insert(id, suggestion);
        Ok(())
    }

    /// The suggestion with this id.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let r = samples::ordos_2025()?;
    /// assert_eq!(r.get(SuggestionId::new(181)).and_then(|s| s.title()), Some("建议181"));
    /// assert!(r.get(SuggestionId::new(182)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: SuggestionId) -> Option<&Suggestion> {
        self.items.get(&id)
    }

    /// Every suggestion, by id.
    ///
    /// ```
    /// use deputy_work::suggestion::samples;
    /// let r = samples::ordos_2025()?;
    /// let ids: Vec<u32> = r.iter().take(3).map(|s| s.id().get()).collect();
    /// assert_eq!(ids, [1, 2, 3], "by id");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Suggestion> {
        self.items.values()
    }

    /// Handles a command on one suggestion.
    ///
    /// Cost: O(log n) to find the item, then [`Suggestion::handle`].
    ///
    /// # Errors
    /// [`SuggestionError::UnknownSuggestion`], or whatever the command's
    /// [`decide`] refuses (then nothing changed).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{Action, Actor, Command, Policy, Register, Suggestion};
    /// let mut r = Register::new(2025);
    /// r.insert(Suggestion::new(SuggestionId::new(1)))?;
    /// let c = Command::new(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::Deputy(DeputyId::new(1)), Action::Draft { title: "加装电梯".into(), co_signers: vec![] });
    /// r.handle(SuggestionId::new(1), &c, &Policy::seed(), &WeekendCalendar)?;
    /// assert!(r.handle(SuggestionId::new(2), &c, &Policy::seed(), &WeekendCalendar).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle<C: Calendar + ?Sized>(
        &mut self,
        id: SuggestionId,
        command: &Command,
        policy: &Policy,
        calendar: &C,
    ) -> Result<(), SuggestionError> {
        let s = self
            .items
            .get_mut(&id)
            .ok_or(SuggestionError::UnknownSuggestion { id })?;
        s.handle(command, policy, calendar).map(|_| ())
    }

    /// Merges `secondary` into `primary` (并案): both must be registered and
    /// not yet assigned; the office gives it. Both sides are decided first and
    /// committed together, so a refusal changes neither. The secondary's lead
    /// deputy stays owed a reply on the primary and may give feedback there.
    ///
    /// Cost: O(log n) lookups, two [`decide`]s, and a copy of both items
    /// (their trails included) so that a refusal changes neither.
    ///
    /// # Errors
    /// [`SuggestionError::UnknownSuggestion`],
    /// [`SuggestionError::MergeIntoSelf`], or what either side refuses.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, PersonId, SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{Action, Actor, Command, Policy, Register, ReviewChecks, Stage, Suggestion};
    /// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let office = Actor::Office(PersonId::new(9));
    /// let mut r = Register::new(2025);
    /// for n in [1, 2] {
    ///     let lead = Actor::Deputy(DeputyId::new(n));
    ///     let mut s = Suggestion::new(SuggestionId::new(n));
    ///     for (actor, action) in [
    ///         (lead, Action::Draft { title: "同一件事".into(), co_signers: vec![] }),
    ///         (lead, Action::Submit),
    ///         (office, Action::Register { checks: ReviewChecks::PASSED }),
    ///     ] {
    ///         s.handle(&Command::new(date, actor, action), &Policy::seed(), &WeekendCalendar)?;
    ///     }
    ///     r.insert(s)?;
    /// }
    /// let (s1, s2) = (SuggestionId::new(1), SuggestionId::new(2));
    /// r.merge(s2, s1, date, office, &Policy::seed(), &WeekendCalendar)?;
    /// assert_eq!(r.get(s2).unwrap().state().stage, Stage::Merged { into: s1 });
    /// assert_eq!(r.get(s1).unwrap().state().owed_replies(), [DeputyId::new(1), DeputyId::new(2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge<C: Calendar + ?Sized>(
        &mut self,
        secondary: SuggestionId,
        primary: SuggestionId,
        date: NaiveDate,
        actor: Actor,
        policy: &Policy,
        calendar: &C,
    ) -> Result<(), SuggestionError> {
        if secondary == primary {
            return Err(SuggestionError::MergeIntoSelf { id: secondary });
        }
        let sec = self
            .items
            .get(&secondary)
            .ok_or(SuggestionError::UnknownSuggestion { id: secondary })?;
        let pri = self
            .items
            .get(&primary)
            .ok_or(SuggestionError::UnknownSuggestion { id: primary })?;
        let lead = sec.state().lead.ok_or(SuggestionError::WrongStage {
            step: super::Step::MergeInto,
            stage: sec.state().stage.kind(),
        })?;
        let into = Command::new(date, actor, Action::MergeInto { primary });
        let absorb = Command::new(
            date,
            actor,
            Action::Absorb {
                item: MergedItem {
                    id: secondary,
                    lead,
                },
            },
        );
        let sec_events = decide(sec.state(), &into, policy, calendar)?;
        let pri_events = decide(pri.state(), &absorb, policy, calendar)?;
        // Both decided: commit on copies, then swap in together.
        let mut sec2 = sec.clone();
        let mut pri2 = pri.clone();
        sec2.commit(&into, sec_events)?;
        pri2.commit(&absorb, pri_events)?;
        self.items.insert(secondary, sec2);
        self.items.insert(primary, pri2);
        Ok(())
    }

    /// Items whose running deadline has passed as of `as_of`, by id; an item
    /// handled separately appears once for each unit past its own deadline.
    ///
    /// Cost: one pass over the items (and the units of each item handled
    /// separately).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let r = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = r.overdue(as_of);
    /// assert_eq!(late.len(), 3);
    /// assert_eq!((late[0].id.get(), late[0].unit, late[0].days_overdue), (60, Some(UnitId::new(104)), 6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn overdue(&self, as_of: NaiveDate) -> Vec<OverdueItem> {
        let mut out = Vec::new();
        for s in self.iter() {
            let st = s.state();
            let running = matches!(st.stage, Stage::Assigned { .. } | Stage::Rehandling { .. });
            if running && !st.separately.is_empty() {
                // Each unit handling separately answers for its own deadline.
                out.extend(
                    st.separately
                        .iter()
                        .filter(|h| h.replied.is_none() && h.reply.overdue(as_of))
                        .map(|h| OverdueItem {
                            id: st.id,
                            unit: Some(h.unit),
                            due: h.reply.due,
                            days_overdue: h.reply.days_overdue(as_of),
                        }),
                );
            } else if let Some(d) = st.deadline().filter(|d| d.overdue(as_of)) {
                out.push(OverdueItem {
                    id: st.id,
                    unit: st.lead_unit,
                    due: d.due,
                    days_overdue: d.days_overdue(as_of),
                });
            }
        }
        out
    }

    /// Items whose running deadline is in its warning window as of `as_of`.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// // The look-backs not solved are due on 3 May and warn from 18 April.
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let r = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// assert_eq!(r.due_soon(as_of).len(), 17);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due_soon(&self, as_of: NaiveDate) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().deadline().is_some_and(|d| d.warning(as_of)))
            .map(Suggestion::id)
            .collect()
    }

    /// Items handled by `unit`, as lead or co-handling unit.
    ///
    /// Cost: one pass over the items, each checked against its units.
    ///
    /// ```
    /// use deputy_work::common::{SuggestionId, UnitId};
    /// use deputy_work::suggestion::samples;
    /// let r = samples::ordos_2025()?;
    /// assert_eq!(r.by_unit(UnitId::new(101))[..2], [SuggestionId::new(1), SuggestionId::new(15)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn by_unit(&self, unit: UnitId) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().handled_by(unit))
            .map(Suggestion::id)
            .collect()
    }

    /// Items whose latest handling reply has class `code`.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// assert_eq!(samples::ordos_2025()?.by_class("C"), [SuggestionId::new(181)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn by_class(&self, code: &str) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| {
                s.state()
                    .last_reply
                    .is_some_and(|r| r.class.as_str() == code)
            })
            .map(Suggestion::id)
            .collect()
    }

    /// Items replied and awaiting the deputy's feedback.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// // On 1 March every item replied on 28 February awaits its deputy's
    /// // feedback (due on 5 March); the three late ones are not replied yet.
    /// let r = SampleYear::ORDOS_2025.register_as_of(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())?;
    /// assert_eq!(r.awaiting_feedback().len(), 181 - 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn awaiting_feedback(&self) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().awaiting_feedback())
            .map(Suggestion::id)
            .collect()
    }

    /// The items `deputy` proposed (as lead deputy, co-signer or the lead
    /// of a merged item), in id order: each is owed them a reply.
    ///
    /// Cost: one pass over the items and their proposers.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::suggestion::Register;
    /// assert!(Register::new(2025).proposed_by(DeputyId::new(1)).is_empty());
    /// ```
    #[must_use]
    pub fn proposed_by(&self, deputy: DeputyId) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().is_proposer(deputy))
            .map(Suggestion::id)
            .collect()
    }

    /// The items proposed in the name of delegation or deputy group `group`
    /// (its replies go to the group), in id order.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::Register;
    /// assert!(Register::new(2025).proposed_by_group(UnitId::new(3501)).is_empty());
    /// ```
    #[must_use]
    pub fn proposed_by_group(&self, group: UnitId) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().group.is_some_and(|g| g.group == group))
            .map(Suggestion::id)
            .collect()
    }

    /// The items replied and still awaiting `deputy`'s own verdict, in id
    /// order (a joint item may await some proposers and not others).
    ///
    /// Cost: one pass over the items; for each replied item its proposers are
    /// sorted and each looked up among the verdicts (O(p²) in its p
    /// proposers).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::suggestion::Register;
    /// assert!(Register::new(2025).feedback_owed_by(DeputyId::new(1)).is_empty());
    /// ```
    #[must_use]
    pub fn feedback_owed_by(&self, deputy: DeputyId) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().feedback_owed().contains(&deputy))
            .map(Suggestion::id)
            .collect()
    }

    /// Followed-up items due for the look-back in `year`: closed, still
    /// followed up, closed before `year`, and with no look-back started in
    /// `year` or later.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use deputy_work::suggestion::samples;
    /// let r = samples::ordos_2025()?;
    /// // The year's 49 B items, and the 17 earlier ones not solved this year.
    /// assert_eq!(r.due_for_look_back(2026).len(), 49 + 17);
    /// assert!(r.due_for_look_back(2025).is_empty(), "all looked back at in 2025");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due_for_look_back(&self, year: i32) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| {
                let st = s.state();
                match st.stage {
                    Stage::Closed {
                        on,
                        follow_up: true,
                        ..
                    } => on.year() < year && st.look_back_started.is_none_or(|d| d.year() < year),
                    _ => false,
                }
            })
            .map(Suggestion::id)
            .collect()
    }

    /// Names the earlier suggestions on the same matter (`earlier`, looked
    /// up in this register, then in `past` registers in order) on item
    /// `id`, each with whether it is solved now: an [`Action::Link`] given
    /// by `actor` (the office).
    ///
    /// Cost: for each id of `earlier`, a lookup in this register and then in
    /// each of `past` (O(earlier × registers × log n)), before [`decide`]
    /// refuses more than [`MAX_LINKS`](super::MAX_LINKS); then
    /// [`Suggestion::handle`].
    ///
    /// # Errors
    /// [`SuggestionError::UnknownSuggestion`] for an id in no register, or
    /// what the link's [`decide`] refuses (then nothing changed).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, PersonId, SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{Action, Actor, Command, Policy, Register, ReviewChecks, Suggestion};
    /// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let office = Actor::Office(PersonId::new(9));
    /// let mut r = Register::new(2025);
    /// for n in [1, 2] {
    ///     let lead = Actor::Deputy(DeputyId::new(n));
    ///     let mut s = Suggestion::new(SuggestionId::new(n));
    ///     for (actor, action) in [
    ///         (lead, Action::Draft { title: "老旧小区加装电梯".into(), co_signers: vec![] }),
    ///         (lead, Action::Submit),
    ///         (office, Action::Register { checks: ReviewChecks::PASSED }),
    ///     ] {
    ///         s.handle(&Command::new(date, actor, action), &Policy::seed(), &WeekendCalendar)?;
    ///     }
    ///     r.insert(s)?;
    /// }
    /// r.link(SuggestionId::new(2), &[SuggestionId::new(1)], date, office, &Policy::seed(), &WeekendCalendar, &[])?;
    /// assert_eq!(r.get(SuggestionId::new(2)).unwrap().state().times_raised(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn link<C: Calendar + ?Sized>(
        &mut self,
        id: SuggestionId,
        earlier: &[SuggestionId],
        date: NaiveDate,
        actor: Actor,
        policy: &Policy,
        calendar: &C,
        past: &[&Self],
    ) -> Result<(), SuggestionError> {
        let mut items = Vec::with_capacity(earlier.len());
        for e in earlier {
            let found = core::iter::once(&*self)
                .chain(past.iter().copied())
                .find_map(|r| r.get(*e))
                .ok_or(SuggestionError::UnknownSuggestion { id: *e })?;
            items.push(LinkedItem {
                id: *e,
                solved: found.state().is_solved(),
            });
        }
        let command = Command::new(date, actor, Action::Link { earlier: items });
        self.handle(id, &command, policy, calendar)
    }

    /// Items the committee is to act on (Fujian F33): not solved, and
    /// decided unsatisfied twice, or raised at least the policy's
    /// `raised_repeatedly` times without being solved.
    ///
    /// Cost: one pass over the items and their linked items.
    ///
    /// ```
    /// use deputy_work::suggestion::{Policy, Register};
    /// assert!(Register::new(2025).for_committee(&Policy::seed()).is_empty());
    /// ```
    #[must_use]
    pub fn for_committee(&self, policy: &Policy) -> Vec<SuggestionId> {
        let n = policy.handling().raised_repeatedly;
        self.iter()
            .filter(|s| {
                let st = s.state();
                st.registered_on.is_some()
                    && !st.is_solved()
                    && !st.is_dropped()
                    && (st.unsatisfied >= 2 || n.is_some_and(|n| st.times_raised() >= n))
            })
            .map(Suggestion::id)
            .collect()
    }

    /// Key suggestions carried into this register's year by a recorded
    /// decision, in id order.
    ///
    /// Cost: one pass over the items.
    ///
    /// ```
    /// use deputy_work::suggestion::Register;
    /// assert!(Register::new(2026).carried_over().is_empty());
    /// ```
    #[must_use]
    pub fn carried_over(&self) -> Vec<SuggestionId> {
        self.iter()
            .filter(|s| s.state().carried_into == Some(self.year))
            .map(Suggestion::id)
            .collect()
    }

    /// Records one step of the standing committee's evaluation of a unit
    /// (测评): its handling report heard, then the members' vote. The unit
    /// must handle one of the register's suggestions; see
    /// [`EvaluationEvent`] for the rules. A refused step changes nothing.
    /// Cost: linear in the register and the log.
    ///
    /// # Errors
    /// [`SuggestionError::EvaluationRefused`] naming the unit and the rule.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::stats::Satisfaction;
    /// use deputy_work::suggestion::{EvaluationEvent, Register, SuggestionError};
    /// let mut r = Register::new(2025);
    /// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    /// // No suggestion of the register is handled by U31.
    /// let heard = EvaluationEvent::ReportHeard { unit: UnitId::new(31), on };
    /// assert!(matches!(r.evaluate(heard), Err(SuggestionError::EvaluationRefused { .. })));
    /// assert!(r.evaluations().is_empty());
    /// ```
    pub fn evaluate(&mut self, event: EvaluationEvent) -> Result<(), SuggestionError> {
        evaluation::check(&self.evaluations, &event, self.year, |u| {
            self.items.values().any(|s| s.state().handled_by(u))
        })?;
        self.evaluations.push(event);
        Ok(())
    }

    /// The evaluation log, in the order recorded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::{samples, EvaluationEvent};
    /// let mut r = samples::ordos_2025()?;
    /// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    /// r.evaluate(EvaluationEvent::ReportHeard { unit: UnitId::new(101), on })?;
    /// assert_eq!(r.evaluations(), [EvaluationEvent::ReportHeard { unit: UnitId::new(101), on }]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn evaluations(&self) -> &[EvaluationEvent] {
        &self.evaluations
    }

    /// The items as a public listing may show them: a confidential item's
    /// proposers are left out (Fujian F18), everything else is there with
    /// its labels. In id order; merged and dropped items included with
    /// their stage.
    ///
    /// Cost: one pass over the items, with a lookup of each reply class among
    /// the policy's and each item's units and proposers copied (sorted);
    /// memory: the listing.
    ///
    /// ```
    /// use deputy_work::suggestion::{Policy, Register};
    /// assert!(Register::new(2025).public_items(&Policy::seed()).is_empty());
    /// ```
    #[must_use]
    pub fn public_items(&self, policy: &Policy) -> Vec<PublicItem> {
        self.iter()
            .map(|s| {
                let st = s.state();
                let class = st.last_reply.map(|r| r.class);
                PublicItem {
                    id: st.id,
                    // An item with nothing recorded has no title yet.
                    title: s.title().unwrap_or_default().to_owned(),
                    stage: st.stage.kind(),
                    stage_zh: st.stage.label_zh().to_owned(),
                    class,
                    class_zh: class
                        .and_then(|c| policy.class(c.as_str()))
                        .map(|c| c.label_zh.clone()),
                    units: st.replying_units(),
                    proposers: (!st.confidential).then(|| st.reply_recipients()),
                }
            })
            .collect()
    }

    /// The figures for the statistics engine.
    ///
    /// Cost: one pass over the items and their trails, then over the
    /// evaluation log; memory in proportion to the units and classes counted.
    ///
    /// ```
    /// use deputy_work::suggestion::samples;
    /// let c = samples::ordos_2025()?.counts();
    /// assert_eq!((c.received, c.registered, c.replied, c.replied_on_time, c.closed), (181, 181, 181, 178, 181));
    /// assert_eq!((c.key, c.look_back_resolved, c.feedback.basically_satisfied), (8, 113, 21));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn counts(&self) -> RegisterCounts {
        self.counts_where(|d| d.year() == self.year)
    }

    /// The figures of [`Register::counts`] for a part of the year (a
    /// quarter, a month, any [`Period`]): items submitted in `period`,
    /// followed-up items solved in it, and the committee's ratings dated in
    /// it. `year` and `carried_over` stay the register's. Days of `period`
    /// outside the register's year hold nothing the register counts.
    ///
    /// Cost: as [`Register::counts`].
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::suggestion::Register;
    /// let register = Register::new(2025);
    /// let q1 = register.counts_in(Period::quarter(2025, 1)?);
    /// assert_eq!((q1.year, q1.received), (2025, 0));
    /// assert_eq!(register.counts_in(Period::year(2025)?), register.counts());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn counts_in(&self, period: Period) -> RegisterCounts {
        self.counts_where(|d| d.year() == self.year && period.contains(d))
    }

    /// The counts, with `in_scope` saying which days count.
    fn counts_where(&self, in_scope: impl Fn(NaiveDate) -> bool) -> RegisterCounts {
        let mut c = RegisterCounts {
            year: self.year,
            ..RegisterCounts::default()
        };
        for s in self.iter() {
            count_item(&mut c, self.year, s, &in_scope);
        }
        self.count_evaluations(&mut c, &in_scope);
        c
    }

    /// The items by id (for counting them in parallel).
    #[cfg(feature = "rayon")]
    pub(super) const fn items(&self) -> &BTreeMap<SuggestionId, Suggestion> {
        &self.items
    }

    /// Adds the committee's ratings dated in scope to the units' counts:
    /// the log in the order recorded, the latest rating of a unit winning.
    pub(super) fn count_evaluations(
        &self,
        c: &mut RegisterCounts,
        in_scope: &impl Fn(NaiveDate) -> bool,
    ) {
        let rated: Vec<EvaluationEvent> = self
            .evaluations
            .iter()
            .filter(|e| in_scope(e.date()))
            .cloned()
            .collect();
        for (unit, votes) in evaluation::votes_by_unit(&rated) {
            c.units.entry(unit).or_default().evaluation = Some(votes);
        }
    }
}

/// Adds one item of the register of `year` to the counts, with `in_scope`
/// saying which days count.
pub(super) fn count_item(
    c: &mut RegisterCounts,
    year: i32,
    s: &Suggestion,
    in_scope: &impl Fn(NaiveDate) -> bool,
) {
    let st = s.state();
    if st.solved_on.is_some_and(in_scope) {
        bump(&mut c.look_back_resolved);
    }
    if st.carried_into == Some(year) {
        bump(&mut c.carried_over);
    }
    if st.submitted_on.is_none_or(|d| !in_scope(d)) {
        return;
    }
    bump(&mut c.received);
    if st.registered_on.is_some() {
        bump(&mut c.registered);
    }
    match st.stage {
        Stage::NotRegistered { .. } => bump(&mut c.not_registered),
        Stage::Withdrawn => bump(&mut c.withdrawn),
        Stage::Merged { .. } => bump(&mut c.merged),
        Stage::Closed { .. } => bump(&mut c.closed),
        _ => {}
    }
    if st.is_key() {
        bump(&mut c.key);
    }
    let on_time = st.first_reply.is_some_and(|r| !r.late);
    if st.first_reply.is_some() {
        bump(&mut c.replied);
    }
    if on_time {
        bump(&mut c.replied_on_time);
    }
    if let Some(r) = st.last_reply {
        bump(c.by_class.entry(r.class).or_insert(0));
    }
    if let Some(f) = st.feedback {
        c.feedback.add(f.verdict);
    }
    for a in st.round.iter().filter_map(|f| f.attitude) {
        c.attitude.add(a);
    }
    for e in s.trail() {
        if let Event::Disputed { unit, .. } = e.event {
            bump(&mut c.units.entry(unit).or_default().refused);
        }
    }
    if st.self_handled {
        bump(&mut c.self_handled);
    }
    if !st.separately.is_empty() {
        bump(&mut c.handled_separately);
    }
    let lead = st.lead_unit.map(|u| (u, st.first_reply));
    let separate = st.separately.iter().map(|h| (h.unit, h.first_reply));
    for (unit, first) in lead.into_iter().chain(separate) {
        let u = c.units.entry(unit).or_default();
        bump(&mut u.assigned);
        if first.is_some() {
            bump(&mut u.replied);
        }
        if first.is_some_and(|r| !r.late) {
            bump(&mut u.replied_on_time);
        }
        if let Some(f) = st.feedback {
            u.feedback.add(f.verdict);
        }
        for a in st.round.iter().filter_map(|f| f.attitude) {
            u.attitude.add(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{DeputyId, PersonId, WeekendCalendar};
    use crate::suggestion::ReviewChecks;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A B-class item closed in 2023, looked back at in 2024 and not solved.
    fn b_item() -> Suggestion {
        let p = Policy::seed();
        let lead = Actor::Deputy(DeputyId::new(1));
        let office = Actor::Office(PersonId::new(1));
        let unit = Actor::Unit(UnitId::new(3));
        let mut s = Suggestion::new(SuggestionId::new(1));
        for (date, actor, action) in [
            (
                d(2023, 1, 5),
                lead,
                Action::Draft {
                    title: "t".into(),
                    co_signers: vec![],
                },
            ),
            (d(2023, 1, 5), lead, Action::Submit),
            (
                d(2023, 1, 6),
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            (
                d(2023, 1, 9),
                office,
                Action::Assign {
                    lead_unit: UnitId::new(3),
                    co_units: vec![],
                },
            ),
            (d(2023, 3, 1), unit, Action::Reply { class: "B".into() }),
            (
                d(2023, 3, 5),
                lead,
                Action::Feedback {
                    verdict: Feedback::Satisfied,
                    attitude: None,
                },
            ),
            (d(2024, 2, 1), office, Action::LookBack),
            (
                d(2024, 4, 1),
                unit,
                Action::FollowUpReply { class: "B".into() },
            ),
        ] {
            s.handle(&Command::new(date, actor, action), &p, &WeekendCalendar)
                .unwrap();
        }
        s
    }

    #[test]
    fn a_look_back_in_an_earlier_year_does_not_excuse_this_one() {
        let mut r = Register::new(2025);
        r.insert(b_item()).unwrap();
        assert!(r.due_for_look_back(2024).is_empty(), "looked back in 2024");
        assert_eq!(r.due_for_look_back(2025), [SuggestionId::new(1)]);
        // Its 2024 look-back deadline (1 May 2024) has passed.
        assert_eq!(r.overdue(d(2025, 1, 1)).len(), 1);
        assert_eq!(r.counts().look_back_resolved, 0);
    }

    #[test]
    fn unknown_ids_are_errors() {
        let mut r = Register::new(2025);
        let c = Command::new(d(2025, 1, 1), Actor::StandingCommittee, Action::Remind);
        let p = Policy::seed();
        assert_eq!(
            r.handle(SuggestionId::new(4), &c, &p, &WeekendCalendar),
            Err(SuggestionError::UnknownSuggestion {
                id: SuggestionId::new(4)
            })
        );
        let e = r.merge(
            SuggestionId::new(1),
            SuggestionId::new(2),
            d(2025, 1, 1),
            c.actor,
            &p,
            &WeekendCalendar,
        );
        assert_eq!(
            e,
            Err(SuggestionError::UnknownSuggestion {
                id: SuggestionId::new(1)
            })
        );
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use serde_json::Value;

    fn refused(edit: impl Fn(&mut Value), field: &str) {
        let c = crate::suggestion::samples::ordos_2025().unwrap().counts();
        let mut v = serde_json::to_value(c).unwrap();
        edit(&mut v);
        let err = serde_json::from_value::<RegisterCounts>(v)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("stored counts, {field}")), "{err}");
    }

    #[test]
    fn stored_register_counts_keep_their_invariants() {
        let c = crate::suggestion::samples::ordos_2025().unwrap().counts();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(serde_json::from_value::<RegisterCounts>(v).unwrap(), c);
        // The sample: 181 received, registered, replied and closed.
        refused(|v| v["registered"] = Value::from(182), "registered");
        refused(
            |v| v["withdrawn"] = Value::from(1),
            "not_registered + withdrawn",
        );
        refused(|v| v["by_class"]["A"] = Value::from(0), "by_class.A");
        refused(
            |v| v["by_class"]["A"] = Value::from(v["by_class"]["A"].as_u64().unwrap() - 1),
            "by_class",
        );
        refused(
            |v| {
                let u = v["units"]
                    .as_object_mut()
                    .unwrap()
                    .values_mut()
                    .next()
                    .unwrap();
                u["replied_on_time"] = Value::from(u["replied"].as_u64().unwrap() + 1);
            },
            "units.",
        );
        refused(
            |v| {
                let u = v["units"]
                    .as_object_mut()
                    .unwrap()
                    .values_mut()
                    .next()
                    .unwrap();
                for f in ["assigned", "replied", "replied_on_time", "refused"] {
                    u[f] = Value::from(0);
                }
                u["feedback"] =
                    serde_json::json!({"satisfied": 0, "basically_satisfied": 0, "unsatisfied": 0});
                u["evaluation"] = Value::Null;
            },
            "units.",
        );
    }
}

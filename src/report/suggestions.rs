//! The bridge to the suggestion engine: the engine's [`Register`] (or plain
//! suggestion records, for platforms that keep only those) counted into the
//! [`SuggestionCounts`] a report reads.

use super::ReportError;
use crate::common::{Period, SuggestionId, UnitId};
use crate::records::{RecordKind, RecordsError};
use crate::stats::{Satisfaction, Verdict};
use crate::suggestion::{Code, Event, Policy, Register, ReplyClass, Stage, SuggestionState};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A handling unit's reply to a suggestion, in a plain record.
///
/// ```
/// use deputy_work::report::Reply;
/// use deputy_work::stats::Verdict;
/// use deputy_work::suggestion::Code;
/// let r = Reply { class: Code::new("A")?, on_time: true, feedback: Some(Verdict::Satisfied) };
/// assert!(r.on_time);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reply {
    /// The class of the latest handling reply: one of the policy's codes
    /// (`A`, `B`, `甲`, …).
    pub class: Code,
    /// Whether the first reply came within the deadline (3 months, or the
    /// extended 6).
    pub on_time: bool,
    /// The deputy's latest feedback on the reply, once returned.
    #[cfg_attr(feature = "serde", serde(default))]
    pub feedback: Option<Verdict>,
}

/// One suggestion as a plain record, for platforms that do not run the
/// `suggestion` engine. [`SuggestionRecord::from_state`] makes one from the
/// engine's state, and counting records gives the same
/// [`SuggestionCounts`] as counting the register.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{SuggestionId, UnitId};
/// use deputy_work::report::{Reply, SuggestionRecord};
/// use deputy_work::suggestion::Code;
/// let s = SuggestionRecord {
///     id: SuggestionId::new(1),
///     received: NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("day")?,
///     lead_unit: Some(UnitId::new(101)),
///     key: true,
///     reply: Some(Reply { class: Code::new("B")?, on_time: true, feedback: None }),
/// };
/// assert!(s.key);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SuggestionRecord {
    /// The suggestion, unique among suggestions.
    pub id: SuggestionId,
    /// The day it was received (submitted).
    pub received: NaiveDate,
    /// The lead handling unit (主办单位), once assigned.
    #[cfg_attr(feature = "serde", serde(default))]
    pub lead_unit: Option<UnitId>,
    /// Whether it is a key suggestion (重点建议) supervised by leaders.
    #[cfg_attr(feature = "serde", serde(default))]
    pub key: bool,
    /// The reply, once given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub reply: Option<Reply>,
}

impl SuggestionRecord {
    /// The plain record of an engine state: received on the day it was
    /// submitted, the class of its latest handling reply, on time when its
    /// first reply was not late, its latest feedback. `None` for a draft
    /// never submitted (the register does not count those either).
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::report::SuggestionRecord;
    /// use deputy_work::suggestion::Suggestion;
    /// let draft = Suggestion::new(SuggestionId::new(1));
    /// assert_eq!(SuggestionRecord::from_state(draft.state()), None);
    /// ```
    #[must_use]
    pub fn from_state(state: &SuggestionState) -> Option<Self> {
        let received = state.submitted_on?;
        let reply = state.first_reply.and_then(|first| {
            state.last_reply.map(|last| Reply {
                class: last.class,
                on_time: !first.late,
                feedback: state.feedback.map(|f| f.verdict.into()),
            })
        });
        Some(Self {
            id: state.id,
            received,
            lead_unit: state.lead_unit,
            key: state.is_key(),
            reply,
        })
    }
}

/// An earlier year's B-class suggestion pushed again in the look-back
/// (回头看), and the day it was resolved if it was, as a plain record.
/// [`LookBackItem::from_state`] makes one from the engine's state.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::SuggestionId;
/// use deputy_work::report::LookBackItem;
/// let l = LookBackItem { suggestion: SuggestionId::new(9), year: 2023, resolved: NaiveDate::from_ymd_opt(2025, 6, 1) };
/// assert_eq!(l.year, 2023);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LookBackItem {
    /// The earlier suggestion, unique among look-back items.
    pub suggestion: SuggestionId,
    /// The year it was first replied to as B.
    pub year: i32,
    /// The day it was resolved.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resolved: Option<NaiveDate>,
}

impl LookBackItem {
    /// The look-back record of an engine state that is followed up (closed
    /// with a followed-up class, looked back at, or solved by a follow-up
    /// reply); `year` is the year of its latest handling reply. `None` for
    /// any other state.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::report::LookBackItem;
    /// use deputy_work::suggestion::Suggestion;
    /// assert_eq!(LookBackItem::from_state(Suggestion::new(SuggestionId::new(1)).state()), None);
    /// ```
    #[must_use]
    pub fn from_state(state: &SuggestionState) -> Option<Self> {
        let followed = matches!(
            state.stage,
            Stage::Closed {
                follow_up: true,
                ..
            }
        ) || state.look_back_started.is_some()
            || state.solved_on.is_some();
        if !followed {
            return None;
        }
        let year = state
            .last_reply
            .map(|r| r.on.year())
            .or_else(|| state.submitted_on.map(|d| d.year()))?;
        Some(Self {
            suggestion: state.id,
            year,
            resolved: state.solved_on,
        })
    }
}

/// The standing committee's evaluation of a handling unit's report on its
/// suggestions (听取审议办理情况报告并满意度测评).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::UnitId;
/// use deputy_work::report::UnitEvaluation;
/// use deputy_work::stats::Satisfaction;
/// let e = UnitEvaluation {
///     unit: UnitId::new(101),
///     date: NaiveDate::from_ymd_opt(2025, 10, 28).unwrap(),
///     votes: Satisfaction { satisfied: 30, basically_satisfied: 3, unsatisfied: 0, abstained: 1 },
/// };
/// assert_eq!(e.votes.satisfied, 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UnitEvaluation {
    /// The unit evaluated.
    pub unit: UnitId,
    /// The day of the vote.
    pub date: NaiveDate,
    /// The votes cast.
    pub votes: Satisfaction,
}

impl UnitEvaluation {
    /// The evaluations recorded in a register ([`Register::evaluate`]): one
    /// for each unit rated, in the order of the log, for a platform that
    /// keeps plain records (the same figures as the register gives).
    ///
    /// Cost: a pass over the register's evaluation log.
    ///
    /// ```
    /// use deputy_work::report::UnitEvaluation;
    /// use deputy_work::suggestion::Register;
    /// assert!(UnitEvaluation::from_register(&Register::new(2025)).is_empty());
    /// ```
    ///
    /// [`Register::evaluate`]: crate::suggestion::Register::evaluate
    #[must_use]
    pub fn from_register(register: &Register) -> Vec<Self> {
        register
            .evaluations()
            .iter()
            .filter_map(|e| match *e {
                crate::suggestion::EvaluationEvent::Rated {
                    unit, on, votes, ..
                } => Some(Self {
                    unit,
                    date: on,
                    votes,
                }),
                _ => None,
            })
            .collect()
    }
}

/// One handling unit's suggestions.
///
/// ```
/// use deputy_work::report::UnitCounts;
/// let u = UnitCounts::default();
/// assert_eq!(u.assigned, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UnitCounts {
    /// Suggestions it leads (件).
    pub assigned: u64,
    /// Of those, replied to (件).
    pub replied: u64,
    /// Of those, replied to on time (件).
    pub replied_on_time: u64,
    /// Deputies' feedback on its replies.
    pub feedback: Satisfaction,
}

impl UnitCounts {
    pub(crate) fn merge(&mut self, o: Self) {
        // Counters saturate at u64::MAX (documented on SuggestionCounts).
        self.assigned = self.assigned.saturating_add(o.assigned);
        self.replied = self.replied.saturating_add(o.replied);
        self.replied_on_time = self.replied_on_time.saturating_add(o.replied_on_time);
        self.feedback.merge(o.feedback);
    }
}

impl From<crate::suggestion::UnitCounts> for UnitCounts {
    /// A lead unit's figures from the register's counts; the feedback
    /// becomes a [`Satisfaction`] with no abstentions.
    ///
    /// ```
    /// use deputy_work::report::UnitCounts;
    /// use deputy_work::suggestion::UnitCounts as EngineCounts;
    /// let u = UnitCounts::from(EngineCounts { assigned: 3, replied: 2, replied_on_time: 1, ..Default::default() });
    /// assert_eq!((u.assigned, u.replied, u.replied_on_time), (3, 2, 1));
    /// ```
    fn from(u: crate::suggestion::UnitCounts) -> Self {
        Self {
            assigned: u64::from(u.assigned),
            replied: u64::from(u.replied),
            replied_on_time: u64::from(u.replied_on_time),
            feedback: u.feedback.into(),
        }
    }
}

/// The suggestion figures a report needs, mergeable. **The bridge** to the
/// `suggestion` engine: [`SuggestionCounts::from_register`] fills it from a
/// [`Register`]'s counts, [`SuggestionCounts::count`] from plain
/// [`SuggestionRecord`]s; both give the same counts for the same
/// suggestions. Classes are keyed by the policy's [`Code`]s and come in the
/// policy's order with its labels ([`SuggestionCounts::classes`]).
///
/// Counters saturate at `u64::MAX` (unreachable in practice).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Period, SuggestionId, UnitId};
/// use deputy_work::report::{Reply, SuggestionCounts, SuggestionRecord};
/// use deputy_work::suggestion::{Code, Policy};
/// let s = SuggestionRecord {
///     id: SuggestionId::new(1),
///     received: NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("day")?,
///     lead_unit: Some(UnitId::new(101)),
///     key: false,
///     reply: Some(Reply { class: Code::new("A")?, on_time: true, feedback: None }),
/// };
/// let c = SuggestionCounts::count(&[s], &[], &[], &Policy::seed(), Period::year(2025)?)?;
/// assert_eq!(c.received, 1);
/// assert_eq!(c.class("A"), 1);
/// assert_eq!(c.classes.len(), 3, "the seed's A, B, C");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Stored counts are validated on the way in: every invariant that holds
/// for counts made by [`SuggestionCounts::count`],
/// [`SuggestionCounts::from_register`] and [`SuggestionCounts::merge`] is
/// checked, and counts that break one are refused with
/// [`ReportError::CorruptCounts`] naming the field.
///
/// ```
/// use deputy_work::report::SuggestionCounts;
/// use deputy_work::suggestion::{Policy, Register};
/// let c = SuggestionCounts::from_register(&Register::new(2025), &Policy::seed())?;
/// let json = serde_json::to_string(&c)?;
/// assert_eq!(serde_json::from_str::<SuggestionCounts>(&json)?, c);
/// let edited = json.replace(r#""key":0"#, r#""key":1"#);
/// assert!(serde_json::from_str::<SuggestionCounts>(&edited).is_err(), "more key suggestions than received");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, remote = "Self"))]
#[non_exhaustive]
pub struct SuggestionCounts {
    /// The reply classes in force, in the policy's order, with its labels.
    pub classes: Vec<ReplyClass>,
    /// Suggestions received (submitted) in the period (件).
    pub received: u64,
    /// Of those, key suggestions (件).
    pub key: u64,
    /// Replied suggestions by the class of their latest handling reply.
    pub by_class: BTreeMap<Code, u64>,
    /// By lead handling unit.
    pub by_unit: BTreeMap<UnitId, UnitCounts>,
    /// Followed-up items (of any year) resolved in the period (件).
    pub look_back_resolved: u64,
    /// The standing committee's evaluations in the period, by unit.
    pub evaluations: BTreeMap<UnitId, Satisfaction>,
    /// Plain records that fell outside the period and were not counted.
    pub outside_period: u64,
}

#[cfg(feature = "serde")]
impl serde::Serialize for SuggestionCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The derived form (`remote = "Self"`), unchanged.
        Self::serialize(self, s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SuggestionCounts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The derived form (`remote = "Self"`), then its invariants.
        let c = Self::deserialize(d)?;
        c.check_stored().map_err(serde::de::Error::custom)?;
        Ok(c)
    }
}

#[cfg(feature = "serde")]
fn corrupt(field: impl Into<String>, problem: &'static str) -> ReportError {
    ReportError::CorruptCounts {
        field: field.into(),
        problem,
    }
}

/// `part` within `whole`: both are counted from the same suggestions and
/// saturate alike, so the order survives merging and saturation.
#[cfg(feature = "serde")]
fn within(part: u64, whole: u64, field: impl FnOnce() -> String) -> Result<(), ReportError> {
    if part > whole {
        return Err(corrupt(field(), "a part exceeds its whole"));
    }
    Ok(())
}

#[cfg(feature = "serde")]
impl SuggestionCounts {
    /// The invariants of counts made by `count`, `from_register_counts`
    /// and `merge`, each from the counting rule named beside it.
    fn check_stored(&self) -> Result<(), ReportError> {
        // The policy's classes are distinct; `merge` appends only classes
        // it lacks.
        let mut codes = std::collections::BTreeSet::new();
        for (i, c) in self.classes.iter().enumerate() {
            if !codes.insert(c.code) {
                return Err(corrupt(format!("classes[{i}]"), "classes must be distinct"));
            }
        }
        // Key suggestions are among those received.
        within(self.key, self.received, || "key".to_owned())?;
        // A reply is counted in its class only if the class is one of the
        // policy's (`known`, `from_register_counts`), once per received
        // suggestion with a reply, and an entry is made by counting one.
        let mut replied: u64 = 0;
        for (code, n) in &self.by_class {
            if !codes.contains(code) {
                return Err(corrupt(
                    format!("by_class.{code}"),
                    "a reply class must be one of the classes",
                ));
            }
            if *n == 0 {
                return Err(corrupt(
                    format!("by_class.{code}"),
                    "an entry is kept only once something is counted in it",
                ));
            }
            replied = replied.saturating_add(*n); // as counted: saturating
        }
        within(replied, self.received, || "by_class".to_owned())?;
        // A unit is kept once a suggestion is assigned to it (`count`
        // bumps `assigned` on the entry it makes; `from_register_counts`
        // keeps units with `assigned > 0`). Of its assignments some are
        // replied, of those some on time; feedback is one verdict per
        // assignment at most (`count`: the reply's feedback; the register:
        // the item's latest feedback, once per unit handling it).
        for (unit, u) in &self.by_unit {
            if u.assigned == 0 {
                return Err(corrupt(
                    format!("by_unit.{unit}.assigned"),
                    "an entry is kept only once something is counted in it",
                ));
            }
            within(u.replied, u.assigned, || format!("by_unit.{unit}.replied"))?;
            within(u.replied_on_time, u.replied, || {
                format!("by_unit.{unit}.replied_on_time")
            })?;
            let f = &u.feedback;
            let verdicts = f
                .satisfied
                .saturating_add(f.basically_satisfied)
                .saturating_add(f.unsatisfied)
                .saturating_add(f.abstained); // as counted: saturating
            within(verdicts, u.assigned, || format!("by_unit.{unit}.feedback"))?;
        }
        Ok(())
    }
}

fn known(policy: &Policy, id: SuggestionId, code: Code) -> Result<(), ReportError> {
    if policy.class(code.as_str()).is_some() {
        Ok(())
    } else {
        Err(ReportError::UnknownReplyClass {
            suggestion: id,
            code,
        })
    }
}

impl SuggestionCounts {
    /// Counts the suggestions received in `period`, the look-back items
    /// resolved in it and the evaluations held in it, with `policy`'s
    /// classes. Does not check ids: see [`validate_suggestions`].
    ///
    /// Cost: a pass over the suggestion records, look-back items and
    /// evaluations (O(log) map updates each, a reply class looked up among
    /// the policy's); memory in proportion to the units and classes counted.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{Period, SuggestionId};
    /// use deputy_work::report::{SuggestionCounts, SuggestionRecord};
    /// use deputy_work::suggestion::Policy;
    /// let s = SuggestionRecord {
    ///     id: SuggestionId::new(1),
    ///     received: NaiveDate::from_ymd_opt(2025, 4, 2).ok_or("day")?,
    ///     lead_unit: None,
    ///     key: true,
    ///     reply: None,
    /// };
    /// let q2 = SuggestionCounts::count(&[s.clone()], &[], &[], &Policy::seed(), Period::quarter(2025, 2)?)?;
    /// assert_eq!((q2.received, q2.key), (1, 1));
    /// let q1 = SuggestionCounts::count(&[s], &[], &[], &Policy::seed(), Period::quarter(2025, 1)?)?;
    /// assert_eq!((q1.received, q1.outside_period), (0, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::UnknownReplyClass`] when a reply's class is not one
    /// of the policy's.
    pub fn count(
        suggestions: &[SuggestionRecord],
        look_back: &[LookBackItem],
        evaluations: &[UnitEvaluation],
        policy: &Policy,
        period: Period,
    ) -> Result<Self, ReportError> {
        let mut c = Self::empty(policy);
        for s in suggestions {
            c.add_suggestion(s, policy, period)?;
        }
        for l in look_back {
            c.add_look_back(l, period);
        }
        for e in evaluations {
            c.add_evaluation(e, period);
        }
        Ok(c)
    }

    /// No suggestion counted yet, with `policy`'s classes.
    pub(super) fn empty(policy: &Policy) -> Self {
        Self {
            classes: policy.classes().to_vec(),
            ..Self::default()
        }
    }

    /// Counts one suggestion record: received in `period`, or outside it.
    /// A reply whose class `policy` lacks is refused first, so an error
    /// changes nothing.
    pub(super) fn add_suggestion(
        &mut self,
        s: &SuggestionRecord,
        policy: &Policy,
        period: Period,
    ) -> Result<(), ReportError> {
        // Counters saturate at u64::MAX (documented on the struct),
        // unreachable in practice.
        if let Some(reply) = s.reply {
            known(policy, s.id, reply.class)?;
        }
        if !period.contains(s.received) {
            self.outside_period = self.outside_period.saturating_add(1);
            return Ok(());
        }
        self.received = self.received.saturating_add(1);
        if s.key {
            self.key = self.key.saturating_add(1);
        }
        if let Some(reply) = s.reply {
            let n = self.by_class.entry(reply.class).or_default();
            *n = n.saturating_add(1);
        }
        let Some(lead) = s.lead_unit else {
            return Ok(());
        };
        let unit = self.by_unit.entry(lead).or_default();
        unit.assigned = unit.assigned.saturating_add(1);
        if let Some(reply) = s.reply {
            unit.replied = unit.replied.saturating_add(1);
            if reply.on_time {
                unit.replied_on_time = unit.replied_on_time.saturating_add(1);
            }
            if let Some(v) = reply.feedback {
                unit.feedback.add(v);
            }
        }
        Ok(())
    }

    /// Counts one look-back item: resolved in `period` or not counted.
    pub(super) fn add_look_back(&mut self, l: &LookBackItem, period: Period) {
        if l.resolved.is_some_and(|d| period.contains(d)) {
            self.look_back_resolved = self.look_back_resolved.saturating_add(1);
        }
    }

    /// Counts one evaluation: held in `period`, or outside it.
    pub(super) fn add_evaluation(&mut self, e: &UnitEvaluation, period: Period) {
        if period.contains(e.date) {
            self.evaluations.entry(e.unit).or_default().merge(e.votes);
        } else {
            self.outside_period = self.outside_period.saturating_add(1);
        }
    }

    /// The figures of the suggestion engine's register, through its
    /// [`Register::counts`]: received, key, by class (the latest handling
    /// reply's class), per lead unit (assigned, replied, first reply on
    /// time: the 按期办复率; latest feedback: satisfied and basically
    /// satisfied) and the followed-up items solved in the register's year.
    /// Classes take `policy`'s order and labels. Items carried over from
    /// earlier years are there for the look-back: they count only when
    /// solved in the year, and are not "outside the period". The standing
    /// committee's evaluations of units come from the register's log
    /// ([`Register::evaluate`](crate::suggestion::Register::evaluate)).
    ///
    /// Cost: [`Register::counts`](crate::suggestion::Register::counts) (a
    /// pass over the items, their trails and the evaluation log), plus a
    /// lookup of each class counted; memory in proportion to the units and
    /// classes.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
    /// use deputy_work::report::SuggestionCounts;
    /// use deputy_work::suggestion::{Action, Actor, Command, Feedback, Policy, Register, ReviewChecks, Suggestion};
    /// let policy = Policy::seed();
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("day");
    /// let (lead, office, unit) = (Actor::Deputy(DeputyId::new(1)), Actor::Office(PersonId::new(9)), Actor::Unit(UnitId::new(3)));
    /// let mut s = Suggestion::new(SuggestionId::new(1));
    /// for (date, actor, action) in [
    ///     (d(1, 6)?, lead, Action::Draft { title: "路灯".into(), co_signers: vec![] }),
    ///     (d(1, 6)?, lead, Action::Submit),
    ///     (d(1, 7)?, office, Action::Register { checks: ReviewChecks::PASSED }),
    ///     (d(1, 8)?, office, Action::Assign { lead_unit: UnitId::new(3), co_units: vec![] }),
    ///     (d(3, 1)?, unit, Action::Reply { class: "A".into() }),
    ///     (d(3, 5)?, lead, Action::Feedback { verdict: Feedback::Satisfied, attitude: None }),
    /// ] {
    ///     s.handle(&Command::new(date, actor, action), &policy, &WeekendCalendar)?;
    /// }
    /// let mut register = Register::new(2025);
    /// register.insert(s)?;
    /// let c = SuggestionCounts::from_register(&register, &policy)?;
    /// assert_eq!((c.received, c.class("A")), (1, 1));
    /// assert_eq!(c.by_unit[&UnitId::new(3)].replied_on_time, 1);
    /// assert_eq!(c.by_unit[&UnitId::new(3)].feedback.satisfied, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::UnknownReplyClass`] when a class counted in the year
    /// is not one of `policy`'s (the register was handled under another
    /// policy), naming the first item with it.
    pub fn from_register(register: &Register, policy: &Policy) -> Result<Self, ReportError> {
        Self::from_register_counts(register, register.counts(), policy)
    }

    /// The figures of the register for a part of its year (a quarter, a
    /// month, …), through [`Register::counts_in`]; otherwise as
    /// [`SuggestionCounts::from_register`].
    ///
    /// Cost: as [`SuggestionCounts::from_register`].
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{ReportError, SuggestionCounts};
    /// use deputy_work::suggestion::{Policy, Register};
    /// let register = Register::new(2025);
    /// let q1 = SuggestionCounts::from_register_in(&register, &Policy::seed(), Period::quarter(2025, 1)?)?;
    /// assert_eq!(q1.received, 0);
    /// assert!(matches!(
    ///     SuggestionCounts::from_register_in(&register, &Policy::seed(), Period::year(2024)?),
    ///     Err(ReportError::RegisterYear { year: 2025, .. })
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::RegisterYear`] when `period` is not within the
    /// register's calendar year; [`ReportError::UnknownReplyClass`] as for
    /// [`SuggestionCounts::from_register`].
    pub fn from_register_in(
        register: &Register,
        policy: &Policy,
        period: Period,
    ) -> Result<Self, ReportError> {
        Self::register_in(register, policy, period, Register::counts_in)
    }

    /// [`SuggestionCounts::from_register_in`] with `count` counting the
    /// register for the period (in sequence or in parallel).
    pub(super) fn register_in(
        register: &Register,
        policy: &Policy,
        period: Period,
        count: impl FnOnce(&Register, Period) -> crate::suggestion::RegisterCounts,
    ) -> Result<Self, ReportError> {
        let year = register.year();
        if !Period::year(year).is_ok_and(|y| period.within(&y)) {
            return Err(ReportError::RegisterYear { year, period });
        }
        Self::from_register_counts(register, count(register, period), policy)
    }

    fn from_register_counts(
        register: &Register,
        rc: crate::suggestion::RegisterCounts,
        policy: &Policy,
    ) -> Result<Self, ReportError> {
        // Check the few codes counted; only on a miss look for the item
        // to name it.
        if let Some(code) = rc
            .by_class
            .keys()
            .find(|c| policy.class(c.as_str()).is_none())
        {
            let id = register
                .iter()
                .map(|s| s.state())
                .find(|st| st.last_reply.is_some_and(|r| r.class == *code))
                .map(|st| st.id);
            debug_assert!(
                id.is_some(),
                "a class counted is the class of some item's reply"
            );
            let id = id.unwrap_or(SuggestionId::new(0));
            return Err(ReportError::UnknownReplyClass {
                suggestion: id,
                code: *code,
            });
        }
        Ok(Self {
            classes: policy.classes().to_vec(),
            received: u64::from(rc.received),
            key: u64::from(rc.key),
            by_class: rc
                .by_class
                .iter()
                .map(|(k, n)| (*k, u64::from(*n)))
                .collect(),
            by_unit: rc
                .units
                .iter()
                .filter(|(_, u)| u.assigned > 0)
                .map(|(k, u)| (*k, UnitCounts::from(*u)))
                .collect(),
            look_back_resolved: u64::from(rc.look_back_resolved),
            evaluations: rc
                .units
                .iter()
                .filter_map(|(k, u)| u.evaluation.map(|e| (*k, e)))
                .collect(),
            outside_period: 0,
        })
    }

    /// Adds the counts of another set of suggestions (for the same period).
    /// Classes the other set has and this one lacks are appended, in its
    /// order.
    ///
    /// Cost: linear in both counts' units and classes.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::report::{SuggestionCounts, UnitCounts};
    /// use deputy_work::suggestion::Code;
    /// let mut a = SuggestionCounts::default();
    /// a.by_class.insert(Code::new("A")?, 2);
    /// a.by_unit.insert(UnitId::new(1), UnitCounts { assigned: 2, replied: 2, replied_on_time: 1, ..Default::default() });
    /// let mut b = a.clone();
    /// b.merge(a);
    /// assert_eq!(b.class("A"), 4);
    /// assert_eq!(b.all_units().replied_on_time, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, o: Self) {
        for k in o.classes {
            if !self.classes.iter().any(|c| c.code == k.code) {
                self.classes.push(k);
            }
        }
        // Counters saturate at u64::MAX (documented on the struct).
        self.received = self.received.saturating_add(o.received);
        self.key = self.key.saturating_add(o.key);
        for (k, n) in o.by_class {
            let e = self.by_class.entry(k).or_default();
            *e = e.saturating_add(n);
        }
        for (k, u) in o.by_unit {
            self.by_unit.entry(k).or_default().merge(u);
        }
        self.look_back_resolved = self.look_back_resolved.saturating_add(o.look_back_resolved);
        for (k, s) in o.evaluations {
            self.evaluations.entry(k).or_default().merge(s);
        }
        self.outside_period = self.outside_period.saturating_add(o.outside_period);
    }

    /// Replies whose class has this code (0 for an unknown code).
    ///
    /// ```
    /// use deputy_work::report::SuggestionCounts;
    /// use deputy_work::suggestion::Code;
    /// let mut c = SuggestionCounts::default();
    /// c.by_class.insert(Code::new("B")?, 49);
    /// assert_eq!((c.class("B"), c.class("A")), (49, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn class(&self, code: &str) -> u64 {
        Code::new(code)
            .ok()
            .and_then(|c| self.by_class.get(&c))
            .copied()
            .unwrap_or(0)
    }

    /// The classes a report shows, in order: the policy's classes, then
    /// any other code that has replies (in code order, labelled by the
    /// code), so that no reply is left out of the shares.
    ///
    /// ```
    /// use deputy_work::report::SuggestionCounts;
    /// use deputy_work::suggestion::{Code, Policy};
    /// let mut c = SuggestionCounts::default();
    /// c.classes = Policy::seed().classes().to_vec();
    /// c.by_class.insert(Code::new("Z")?, 1);
    /// let codes: Vec<String> = c.shown_classes().iter().map(|k| k.code.to_string()).collect();
    /// assert_eq!(codes, ["A", "B", "C", "Z"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn shown_classes(&self) -> Vec<ReplyClass> {
        let mut v = self.classes.clone();
        for code in self.by_class.keys() {
            if !v.iter().any(|k| k.code == *code) {
                v.push(ReplyClass {
                    code: *code,
                    label_zh: code.as_str().to_owned(),
                    label_en: code.as_str().to_owned(),
                    resolved: false,
                    followed_up: false,
                });
            }
        }
        v
    }

    /// Every unit together.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::report::{SuggestionCounts, UnitCounts};
    /// let mut c = SuggestionCounts::default();
    /// c.by_unit.insert(UnitId::new(1), UnitCounts { assigned: 2, ..Default::default() });
    /// c.by_unit.insert(UnitId::new(2), UnitCounts { assigned: 3, ..Default::default() });
    /// assert_eq!(c.all_units().assigned, 5);
    /// ```
    #[must_use]
    pub fn all_units(&self) -> UnitCounts {
        let mut t = UnitCounts::default();
        for u in self.by_unit.values() {
            t.merge(*u);
        }
        t
    }
}

/// Checks the plain suggestion inputs: suggestion ids unique (also against
/// the register's, when there is one, so nothing is counted twice),
/// look-back items unique (also against the register's items, whose
/// look-backs the register counts).
///
/// Cost: O(s log s + l log l) in the suggestion records and look-back items
/// (their ids sorted), plus a register lookup per suggestion record (O(log
/// n)); memory: the ids.
///
/// ```
/// use deputy_work::report::validate_suggestions;
/// assert!(validate_suggestions(&[], &[], None).is_ok());
/// ```
///
/// # Errors
/// [`RecordsError::DuplicateId`] naming [`RecordKind::Suggestion`] or
/// [`RecordKind::LookBack`] (an id used twice, or one the register holds).
pub fn validate_suggestions(
    suggestions: &[SuggestionRecord],
    look_back: &[LookBackItem],
    register: Option<&Register>,
) -> Result<(), RecordsError> {
    crate::records::unique_ids(
        RecordKind::Suggestion,
        suggestions.iter().map(|s| u64::from(s.id.get())),
    )?;
    if let Some(r) = register {
        for (index, s) in suggestions.iter().enumerate() {
            if r.get(s.id).is_some() {
                return Err(RecordsError::DuplicateId {
                    kind: RecordKind::Suggestion,
                    index,
                    id: u64::from(s.id.get()),
                });
            }
        }
    }
    crate::records::unique_ids(
        RecordKind::LookBack,
        look_back.iter().map(|s| u64::from(s.suggestion.get())),
    )?;
    if let Some(r) = register {
        for (index, l) in look_back.iter().enumerate() {
            if r.get(l.suggestion).is_some() {
                return Err(RecordsError::DuplicateId {
                    kind: RecordKind::LookBack,
                    index,
                    id: u64::from(l.suggestion.get()),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod plain_and_register {
    use super::*;
    use crate::suggestion::samples::SampleYear;

    /// The sample register of 2025 (a suggestion per class and a
    /// look-back item carried over from 2024), and that item's id.
    pub(super) fn year_with_look_back() -> (Register, SuggestionId) {
        let register = SampleYear::new(2025, [1, 1, 0], 1)
            .unwrap()
            .with_look_back(1, 0)
            .unwrap()
            .register()
            .unwrap();
        let look_back = register
            .iter()
            .find(|s| s.state().look_back_started.is_some())
            .unwrap()
            .id();
        (register, look_back)
    }

    #[test]
    fn a_plain_look_back_item_is_not_one_the_register_holds() {
        // The sample register of 2025 holds the year's suggestions and a
        // look-back item carried over from 2024; it counts that item's
        // look-back itself.
        let (register, held) = year_with_look_back();
        let item = |id| LookBackItem {
            suggestion: id,
            year: 2024,
            resolved: NaiveDate::from_ymd_opt(2025, 6, 1),
        };
        // A plain item for another suggestion: counted beside the register.
        let other = SuggestionId::new(9);
        assert!(register.get(other).is_none());
        assert_eq!(
            validate_suggestions(&[], &[item(other)], Some(&register)),
            Ok(())
        );
        // The register's own look-back item again, second in the list:
        // it would count twice.
        assert_eq!(
            validate_suggestions(&[], &[item(other), item(held)], Some(&register)),
            Err(RecordsError::DuplicateId {
                kind: RecordKind::LookBack,
                index: 1,
                id: u64::from(held.get()),
            })
        );
        // Without the register, nothing to repeat.
        assert_eq!(
            validate_suggestions(&[], &[item(other), item(held)], None),
            Ok(())
        );
    }
}

/// Every reply class a register's trails record (a reply, a unit's reply
/// when several units handle an item separately, a look-back's follow-up
/// reply) is one of `policy`'s classes, whatever the period counts: a
/// look-back item received in an earlier year is not counted, yet its
/// classes are the register's. Cost: one look at each trail entry, no
/// hashing.
///
/// # Errors
/// [`ReportError::UnknownReplyClass`] for the first suggestion (in id
/// order) whose trail records a class the policy does not have.
pub(super) fn register_classes(register: &Register, policy: &Policy) -> Result<(), ReportError> {
    for s in register.iter() {
        for entry in s.trail() {
            if let Event::Replied { reply }
            | Event::UnitReplied { reply, .. }
            | Event::FollowUpReplied { reply, .. } = &entry.event
            {
                known(policy, s.id(), reply.class)?;
            }
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "serde"))]
mod classes {
    use super::*;
    use serde_json::Value;

    /// A register of 2025 with a look-back item (the sample year's, one
    /// look-back item carried over from 2024 and solved), stored, with the
    /// class of the look-back item's last entry (its follow-up reply, which
    /// no later digest holds) set to `class`, then loaded.
    fn register_with_follow_up(class: &str) -> (Register, SuggestionId) {
        let (register, look_back) = plain_and_register::year_with_look_back();
        let mut json = serde_json::to_value(&register).unwrap();
        let item = json["suggestions"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|s| s["id"].as_u64() == Some(u64::from(look_back.get())))
            .unwrap();
        let last = item["trail"].as_array_mut().unwrap().last_mut().unwrap();
        assert_eq!(last["event"], "follow_up_replied", "{last}");
        last["data"]["reply"]["class"] = Value::from(class);
        (serde_json::from_value(json).unwrap(), look_back)
    }

    #[test]
    fn a_look_back_item_s_reply_class_is_one_of_the_policy_s() {
        let policy = Policy::seed();
        let year = Period::year(2025).unwrap();
        // The seed's classes are A, B and C; the sample's follow-up reply
        // is A. Recorded as Z: loading takes it (no digest holds the last
        // entry), the year's counts do not see it (the item was received
        // in 2024), and the check of the register's classes refuses it.
        let (register, look_back) = register_with_follow_up("Z");
        assert!(SuggestionCounts::from_register_in(&register, &policy, year).is_ok());
        assert_eq!(
            register_classes(&register, &policy),
            Err(ReportError::UnknownReplyClass {
                suggestion: look_back,
                code: Code::new("Z").unwrap(),
            })
        );
        // The near miss: recorded as C, one of the policy's classes.
        let (register, _) = register_with_follow_up("C");
        assert_eq!(register_classes(&register, &policy), Ok(()));
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use serde_json::Value;

    fn counts() -> SuggestionCounts {
        let register = crate::suggestion::samples::ordos_2025().unwrap();
        SuggestionCounts::from_register(&register, &Policy::seed()).unwrap()
    }

    fn refused(edit: impl Fn(&mut Value), says: &str) {
        let mut v = serde_json::to_value(counts()).unwrap();
        edit(&mut v);
        let err = serde_json::from_value::<SuggestionCounts>(v)
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{err}");
    }

    #[test]
    fn stored_suggestion_counts_keep_their_invariants() {
        let c = counts();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(serde_json::from_value::<SuggestionCounts>(v).unwrap(), c);
        refused(
            |v| v["key"] = Value::from(v["received"].as_u64().unwrap() + 1),
            "key: a part exceeds",
        );
        refused(
            |v| v["by_class"]["D"] = Value::from(1),
            "by_class.D: a reply class must be one of the classes",
        );
        refused(
            |v| {
                let first = v["classes"][0].clone();
                v["classes"].as_array_mut().unwrap().push(first);
            },
            "classes[3]: classes must be distinct",
        );
        refused(
            |v| {
                let u = v["by_unit"]
                    .as_object_mut()
                    .unwrap()
                    .values_mut()
                    .next()
                    .unwrap();
                u["replied"] = Value::from(u["assigned"].as_u64().unwrap() + 1);
            },
            ".replied: a part exceeds",
        );
    }
}

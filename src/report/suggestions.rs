//! The seam to the suggestion engine: plain suggestion records and their counts.

use crate::common::{Labelled, Period, SuggestionId, UnitId};
use crate::records::{RecordKind, RecordsError};
use crate::stats::{Satisfaction, Verdict};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How a reply classifies a suggestion's handling (办理结果分类). The seed
/// uses A, B and C; the national 2005 rules add D.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::report::ReplyClass;
/// assert_eq!(ReplyClass::A.label_zh(), "已解决或者采纳");
/// assert_eq!(ReplyClass::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ReplyClass {
    /// A: solved or adopted (已解决或者采纳).
    A,
    /// B: being solved or planned (正在解决或已列入计划逐步解决).
    B,
    /// C: conditions not yet met (暂时不具备解决条件).
    C,
    /// D: kept for reference (留作参考), where four classes are used.
    D,
}

impl ReplyClass {
    /// Every class, A first.
    pub const ALL: [Self; 4] = [Self::A, Self::B, Self::C, Self::D];
}

impl Labelled for ReplyClass {
    fn label_zh(&self) -> &str {
        match self {
            Self::A => "已解决或者采纳",
            Self::B => "正在解决或已列入计划逐步解决",
            Self::C => "暂时不具备解决条件",
            Self::D => "留作参考",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::A => "A: solved or adopted",
            Self::B => "B: being solved or planned",
            Self::C => "C: conditions not yet met",
            Self::D => "D: kept for reference",
        }
    }
}

/// A handling unit's reply to a suggestion.
///
/// ```
/// use deputy_work::report::{Reply, ReplyClass};
/// use deputy_work::stats::Verdict;
/// let r = Reply { class: ReplyClass::A, on_time: true, feedback: Some(Verdict::Satisfied) };
/// assert!(r.on_time);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reply {
    /// The class of the handling result.
    pub class: ReplyClass,
    /// Whether the reply came within the deadline (3 months, or the
    /// extended 6).
    pub on_time: bool,
    /// The deputy's feedback on the reply, once returned.
    #[cfg_attr(feature = "serde", serde(default))]
    pub feedback: Option<Verdict>,
}

/// One suggestion as the report sees it: the seam to the `suggestion`
/// engine, whose register will convert into these (or straight into
/// [`SuggestionCounts`]).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{SuggestionId, UnitId};
/// use deputy_work::report::{Reply, ReplyClass, SuggestionRecord};
/// let s = SuggestionRecord {
///     id: SuggestionId::new(1),
///     received: NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(),
///     lead_unit: UnitId::new(101),
///     key: true,
///     reply: Some(Reply { class: ReplyClass::B, on_time: true, feedback: None }),
/// };
/// assert!(s.key);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SuggestionRecord {
    /// The suggestion, unique among suggestions.
    pub id: SuggestionId,
    /// The day it was received (registered).
    pub received: NaiveDate,
    /// The lead handling unit (主办单位).
    pub lead_unit: UnitId,
    /// Whether it is a key suggestion (重点建议) supervised by leaders.
    #[cfg_attr(feature = "serde", serde(default))]
    pub key: bool,
    /// The reply, once given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub reply: Option<Reply>,
}

/// An earlier year's B-class suggestion pushed again in the look-back
/// (回头看), and the day it was resolved if it was.
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
    fn merge(&mut self, o: Self) {
        self.assigned = self.assigned.saturating_add(o.assigned);
        self.replied = self.replied.saturating_add(o.replied);
        self.replied_on_time = self.replied_on_time.saturating_add(o.replied_on_time);
        self.feedback.merge(o.feedback);
    }
}

/// The suggestion figures a report needs, mergeable. **The seam**: the
/// `suggestion` engine's register will fill this (a `From<&Register>`
/// impl) so the report never depends on its internals; until then
/// [`SuggestionCounts::count`] fills it from [`SuggestionRecord`]s.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Period, SuggestionId, UnitId};
/// use deputy_work::report::{Reply, ReplyClass, SuggestionCounts, SuggestionRecord};
/// let s = SuggestionRecord {
///     id: SuggestionId::new(1),
///     received: NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(),
///     lead_unit: UnitId::new(101),
///     key: false,
///     reply: Some(Reply { class: ReplyClass::A, on_time: true, feedback: None }),
/// };
/// let c = SuggestionCounts::count(&[s], &[], &[], Period::year(2025)?);
/// assert_eq!(c.received, 1);
/// assert_eq!(c.class(ReplyClass::A), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SuggestionCounts {
    /// Suggestions received in the period (件).
    pub received: u64,
    /// Of those, key suggestions (件).
    pub key: u64,
    /// Replies by class.
    pub by_class: BTreeMap<ReplyClass, u64>,
    /// By lead handling unit.
    pub by_unit: BTreeMap<UnitId, UnitCounts>,
    /// Earlier B-class items resolved in the period through the look-back (件).
    pub look_back_resolved: u64,
    /// The standing committee's evaluations in the period, by unit.
    pub evaluations: BTreeMap<UnitId, Satisfaction>,
    /// Records that fell outside the period and were not counted.
    pub outside_period: u64,
}

impl SuggestionCounts {
    /// Counts the suggestions received in `period`, the look-back items
    /// resolved in it and the evaluations held in it. Does not validate:
    /// see [`validate_suggestions`].
    #[must_use]
    pub fn count(
        suggestions: &[SuggestionRecord],
        look_back: &[LookBackItem],
        evaluations: &[UnitEvaluation],
        period: Period,
    ) -> Self {
        let mut c = Self::default();
        let mut outside = 0_u64;
        for s in suggestions {
            if !period.contains(s.received) {
                outside = outside.saturating_add(1);
                continue;
            }
            c.received = c.received.saturating_add(1);
            if s.key {
                c.key = c.key.saturating_add(1);
            }
            let unit = c.by_unit.entry(s.lead_unit).or_default();
            unit.assigned = unit.assigned.saturating_add(1);
            if let Some(reply) = s.reply {
                let n = c.by_class.entry(reply.class).or_default();
                *n = n.saturating_add(1);
                unit.replied = unit.replied.saturating_add(1);
                if reply.on_time {
                    unit.replied_on_time = unit.replied_on_time.saturating_add(1);
                }
                if let Some(v) = reply.feedback {
                    unit.feedback.add(v);
                }
            }
        }
        for l in look_back {
            if l.resolved.is_some_and(|d| period.contains(d)) {
                c.look_back_resolved = c.look_back_resolved.saturating_add(1);
            }
        }
        for e in evaluations {
            if period.contains(e.date) {
                c.evaluations.entry(e.unit).or_default().merge(e.votes);
            } else {
                outside = outside.saturating_add(1);
            }
        }
        c.outside_period = outside;
        c
    }

    /// Adds the counts of another set of suggestions (for the same period).
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::report::{ReplyClass, SuggestionCounts, UnitCounts};
    /// let mut a = SuggestionCounts::default();
    /// a.by_class.insert(ReplyClass::A, 2);
    /// a.by_unit.insert(UnitId::new(1), UnitCounts { assigned: 2, replied: 2, replied_on_time: 1, ..Default::default() });
    /// let mut b = a.clone();
    /// b.merge(a);
    /// assert_eq!(b.class(ReplyClass::A), 4);
    /// assert_eq!(b.all_units().replied_on_time, 2);
    /// ```
    pub fn merge(&mut self, o: Self) {
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

    /// Replies of one class.
    #[must_use]
    pub fn class(&self, class: ReplyClass) -> u64 {
        self.by_class.get(&class).copied().unwrap_or(0)
    }

    /// Every unit together.
    #[must_use]
    pub fn all_units(&self) -> UnitCounts {
        let mut t = UnitCounts::default();
        for u in self.by_unit.values() {
            t.merge(*u);
        }
        t
    }
}

/// Checks the suggestion inputs: suggestion ids unique, look-back items
/// unique.
///
/// ```
/// use deputy_work::report::validate_suggestions;
/// assert!(validate_suggestions(&[], &[]).is_ok());
/// ```
///
/// # Errors
/// [`RecordsError::DuplicateId`] naming [`RecordKind::Suggestion`] or
/// [`RecordKind::LookBack`].
pub fn validate_suggestions(
    suggestions: &[SuggestionRecord],
    look_back: &[LookBackItem],
) -> Result<(), RecordsError> {
    crate::records::unique_ids(
        RecordKind::Suggestion,
        suggestions.iter().map(|s| u64::from(s.id.get())),
    )?;
    crate::records::unique_ids(
        RecordKind::LookBack,
        look_back.iter().map(|s| u64::from(s.suggestion.get())),
    )
}

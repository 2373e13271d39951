//! The handling policy: reply classes, deadlines and the reasons for which a
//! suggestion is not registered. Data, validated while loading.

use chrono::{Months, NaiveDate};

use super::{Code, SuggestionError};

/// One class of reply (答复类别), e.g. A 已解决或者采纳.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::suggestion::Policy;
/// let seed = Policy::seed();
/// let b = seed.class("B").unwrap();
/// assert_eq!(b.label_zh(), "正在解决或已列入计划逐步解决");
/// assert!(!b.resolved && b.followed_up);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReplyClass {
    /// The class code as written on the reply (`A`, `B`, `甲`, …).
    pub code: Code,
    /// The Chinese label (e.g. 已解决或者采纳).
    pub label_zh: String,
    /// A short English label.
    pub label_en: String,
    /// Whether a reply of this class counts as resolved (solved or adopted).
    pub resolved: bool,
    /// Whether items replied with this class stay on the books and are
    /// followed up (回头看) until a later reply says they are solved.
    pub followed_up: bool,
}

crate::common::labelled_by_fields!(ReplyClass);

/// A reason for which a matter cannot be registered as a suggestion
/// (不予立案的情形), e.g. a case in litigation.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::suggestion::Policy;
/// let p = Policy::seed();
/// assert_eq!(p.reason("litigation").unwrap().label_zh(), "涉及诉讼、仲裁的案件");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reason {
    /// The reason's code, as carried by the event.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// A short English label.
    pub label_en: String,
}

crate::common::labelled_by_fields!(Reason);

/// The longest dispute window a policy may set, in working days: 250, about
/// a year of working days (365 days less 104 weekend days and 11 public
/// holidays). The rules in use give a few days (the default is 7); the limit
/// keeps the calendar walk each assignment makes (see
/// [`decide`](super::decide)) within a year.
///
/// ```
/// use deputy_work::suggestion::{Deadlines, Policy, PolicyData, MAX_DISPUTE_WINDOW_WORKING_DAYS};
/// let seed = Policy::seed();
/// let with = |days| PolicyData {
///     deadlines: Deadlines { dispute_window_working_days: days, ..Deadlines::default() },
///     ..PolicyData::new("window", seed.classes().to_vec())
/// };
/// assert!(Policy::new(with(MAX_DISPUTE_WINDOW_WORKING_DAYS)).is_ok());
/// assert!(Policy::new(with(MAX_DISPUTE_WINDOW_WORKING_DAYS + 1)).is_err());
/// ```
pub const MAX_DISPUTE_WINDOW_WORKING_DAYS: u32 = 250;

/// The deadlines of the handling (办理时限). In a rule table, fields left out
/// take the defaults below; unknown fields are refused.
///
/// ```
/// use deputy_work::suggestion::Deadlines;
/// let d = Deadlines::default();
/// assert_eq!((d.reply_months, d.extension_max_months, d.rehandling_months), (3, 6, 1));
/// assert_eq!((d.warning_days, d.dispute_window_working_days, d.co_views_months), (15, 7, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Deadlines {
    /// The reply is due this many months after assignment (3).
    pub reply_months: u32,
    /// An extension may run to at most this many months after assignment (6).
    pub extension_max_months: u32,
    /// After unsatisfied feedback, the new reply is due this many months later (1).
    pub rehandling_months: u32,
    /// A deadline warns this many days before it falls due (15).
    pub warning_days: u32,
    /// A unit may dispute its assignment within this many working days (7;
    /// at most [`MAX_DISPUTE_WINDOW_WORKING_DAYS`]).
    pub dispute_window_working_days: u32,
    /// Co-handling units send their views to the lead unit within this many
    /// months of assignment (1).
    pub co_views_months: u32,
    /// Whether an extension needs the assigning office's consent (a
    /// `GrantExtension` command) or is granted on request.
    pub extension_needs_consent: bool,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            reply_months: 3,
            extension_max_months: 6,
            rehandling_months: 1,
            warning_days: 15,
            dispute_window_working_days: 7,
            co_views_months: 1,
            extension_needs_consent: true,
        }
    }
}

/// The policy a congress applies to suggestions: reply classes, deadlines and
/// the reasons for not registering. Build it with [`Policy::new`] or load it
/// with serde (validated while loading); presets: [`Policy::seed`] and
/// [`Policy::national_2005`].
///
/// ```
/// use deputy_work::suggestion::Policy;
/// let p = Policy::national_2005();
/// assert_eq!(p.classes().len(), 4);
/// assert!(p.class("A").unwrap().resolved);
/// assert!(p.class("E").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PolicyData", into = "PolicyData"))]
pub struct Policy {
    name: String,
    classes: Vec<ReplyClass>,
    deadlines: Deadlines,
    not_registrable: Vec<Reason>,
    feedback_decides: FeedbackRule,
    urge_weights: UrgeWeights,
    handling: Handling,
}

/// The class of an item handled separately by several units, each with its
/// own reply (分别办理、分别答复, Fujian F20): the item is replied when every
/// unit has replied, and takes one class from theirs.
///
/// ```
/// use deputy_work::suggestion::{Handling, SeveralUnitsClass};
/// assert_eq!(Handling::default().several_units_class, SeveralUnitsClass::Lowest);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SeveralUnitsClass {
    /// The lowest of the units' classes: the one latest in the policy's list
    /// (classes are listed best first, A before B before C), so the item
    /// counts as solved only when every unit solved its part.
    #[default]
    Lowest,
    /// The highest of the units' classes (earliest in the policy's list).
    Highest,
}

/// How the handling is organised, beyond deadlines: rules a locality states
/// that the seed leaves at their defaults. In a rule table, `[handling]`
/// may be left out, and so may any of its fields.
///
/// ```
/// use deputy_work::suggestion::Handling;
/// let h = Handling::default();
/// assert!(!h.acceptance_required && !h.self_handling);
/// assert_eq!(h.raised_repeatedly, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[non_exhaustive]
pub struct Handling {
    /// The class of an item handled separately by several units.
    pub several_units_class: SeveralUnitsClass,
    /// A unit must accept (签收) its assignment before it handles it
    /// (the open-source platform's "awaiting the unit's acceptance"); the
    /// alternative is to dispute it. Off: units handle on assignment.
    pub acceptance_required: bool,
    /// The office may handle an item itself (自行办理) instead of assigning
    /// it to a unit: it then replies as a unit would.
    pub self_handling: bool,
    /// A matter raised this many times (the item and the unsolved earlier
    /// items it names) without being solved goes to the committee as two
    /// unsatisfied verdicts would (Fujian F33): unsatisfied once, it is
    /// escalated instead of re-handled. At least 2; none: not applied.
    pub raised_repeatedly: Option<u32>,
}

impl Handling {
    /// The same rules with another class for items handled separately.
    ///
    /// ```
    /// use deputy_work::suggestion::{Handling, SeveralUnitsClass};
    /// let h = Handling::default().with_several_units_class(SeveralUnitsClass::Highest);
    /// assert_eq!(h.several_units_class, SeveralUnitsClass::Highest);
    /// ```
    #[must_use]
    pub const fn with_several_units_class(mut self, class: SeveralUnitsClass) -> Self {
        self.several_units_class = class;
        self
    }

    /// The same rules with units accepting (签收) their assignment first, or not.
    ///
    /// ```
    /// use deputy_work::suggestion::Handling;
    /// assert!(Handling::default().with_acceptance_required(true).acceptance_required);
    /// ```
    #[must_use]
    pub const fn with_acceptance_required(mut self, required: bool) -> Self {
        self.acceptance_required = required;
        self
    }

    /// The same rules with the office handling items itself (自行办理), or not.
    ///
    /// ```
    /// use deputy_work::suggestion::Handling;
    /// assert!(Handling::default().with_self_handling(true).self_handling);
    /// ```
    #[must_use]
    pub const fn with_self_handling(mut self, allowed: bool) -> Self {
        self.self_handling = allowed;
        self
    }

    /// The same rules with matters raised `times` times going to the
    /// committee (none: not applied); [`Policy::new`] refuses fewer than 2.
    ///
    /// ```
    /// use deputy_work::suggestion::Handling;
    /// assert_eq!(Handling::default().with_raised_repeatedly(Some(3)).raised_repeatedly, Some(3));
    /// ```
    #[must_use]
    pub const fn with_raised_repeatedly(mut self, times: Option<u32>) -> Self {
        self.raised_repeatedly = times;
        self
    }
}

/// How much a reminder (催办) weighs, by who gives it: the open-source
/// deputy platform counts a deputy's urge 1, the deputy office's 2 and the
/// government's 4 (a supervising leader's here), so that a unit's urges can
/// be ranked by weight, not only counted ([`Suggestion::urge_weight`]).
///
/// ```
/// use deputy_work::suggestion::UrgeWeights;
/// let w = UrgeWeights::default();
/// assert_eq!((w.deputy, w.office, w.supervisor, w.standing_committee), (1, 2, 4, 4));
/// ```
///
/// [`Suggestion::urge_weight`]: super::Suggestion::urge_weight
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, default))]
pub struct UrgeWeights {
    /// A deputy's reminder.
    pub deputy: u32,
    /// The deputy affairs office's.
    pub office: u32,
    /// A handling unit's (none by default).
    pub unit: u32,
    /// A supervising leader's.
    pub supervisor: u32,
    /// The standing committee's.
    pub standing_committee: u32,
}

impl Default for UrgeWeights {
    fn default() -> Self {
        Self {
            deputy: 1,
            office: 2,
            unit: 0,
            supervisor: 4,
            standing_committee: 4,
        }
    }
}

impl UrgeWeights {
    /// The weight of a reminder by `actor`.
    ///
    /// ```
    /// use deputy_work::common::PersonId;
    /// use deputy_work::suggestion::{Actor, UrgeWeights};
    /// assert_eq!(UrgeWeights::default().of(&Actor::Office(PersonId::new(1))), 2);
    /// ```
    #[must_use]
    pub const fn of(&self, actor: &super::Actor) -> u32 {
        match actor {
            super::Actor::Deputy(_) => self.deputy,
            super::Actor::Office(_) => self.office,
            super::Actor::Unit(_) => self.unit,
            super::Actor::Supervisor(_) => self.supervisor,
            super::Actor::StandingCommittee => self.standing_committee,
        }
    }
}

/// Whose feedback decides a suggestion with several proposers (a joint or
/// merged suggestion). Every proposer is replied to and gives their own
/// verdict (逐人答复, Fujian F21, F20); every verdict is recorded, and this
/// rule says when the item is decided. A decided item closes when the
/// verdict is satisfied or basically satisfied, and otherwise goes back for
/// re-handling (the first time) or to consultation (after that).
///
/// ```
/// use deputy_work::suggestion::{FeedbackRule, Policy};
/// assert_eq!(Policy::seed().feedback_decides(), FeedbackRule::Lead);
/// let all = Policy::seed().with_feedback_decides(FeedbackRule::All);
/// assert_eq!(all.feedback_decides(), FeedbackRule::All);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FeedbackRule {
    /// The lead deputy's verdict decides (other provinces send the feedback
    /// form to the lead deputy); the others' verdicts are recorded.
    #[default]
    Lead,
    /// The item is decided when every proposer has given a verdict: by the
    /// worst of them (any unsatisfied → unsatisfied).
    All,
    /// Any proposer's unsatisfied verdict decides at once; the item closes
    /// when every proposer has given a verdict and none is unsatisfied.
    AnyUnsatisfied,
}

/// A suggestion policy as written in a file, before validation. Build one
/// (struct update syntax from [`PolicyData::new`]) and pass it to
/// [`Policy::new`], or deserialize a [`Policy`] directly; the fields left
/// out of a file take their defaults.
///
/// ```
/// use deputy_work::suggestion::{Deadlines, Policy, PolicyData};
/// let seed = Policy::seed();
/// let data = PolicyData {
///     deadlines: Deadlines { rehandling_months: 3, ..Deadlines::default() },
///     ..PolicyData::new("某县办法", seed.classes().to_vec())
/// };
/// let policy = Policy::new(data)?;
/// assert_eq!(policy.deadlines().rehandling_months, 3);
/// assert!(policy.not_registrable().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PolicyData {
    /// The policy's name.
    pub name: String,
    /// The reply classes, best first (A before B before C).
    pub classes: Vec<ReplyClass>,
    /// The deadlines.
    #[cfg_attr(feature = "serde", serde(default))]
    pub deadlines: Deadlines,
    /// The reasons for not registering.
    #[cfg_attr(feature = "serde", serde(default))]
    pub not_registrable: Vec<Reason>,
    /// Whose feedback decides an item with several proposers.
    #[cfg_attr(feature = "serde", serde(default))]
    pub feedback_decides: FeedbackRule,
    /// The weights of reminders by who gives them.
    #[cfg_attr(feature = "serde", serde(default))]
    pub urge_weights: UrgeWeights,
    /// How the handling is organised.
    #[cfg_attr(feature = "serde", serde(default))]
    pub handling: Handling,
}

impl PolicyData {
    /// A policy named `name` with these reply classes and every other field
    /// at its default: fill in the rest with struct update syntax
    /// (`..PolicyData::new(…)`).
    ///
    /// ```
    /// use deputy_work::suggestion::{FeedbackRule, Policy, PolicyData};
    /// let data = PolicyData::new("示例", Policy::national_2005().classes().to_vec());
    /// assert_eq!(data.feedback_decides, FeedbackRule::Lead);
    /// assert_eq!(Policy::new(data)?.classes().len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(name: &str, classes: Vec<ReplyClass>) -> Self {
        Self {
            name: name.to_owned(),
            classes,
            deadlines: Deadlines::default(),
            not_registrable: Vec::new(),
            feedback_decides: FeedbackRule::default(),
            urge_weights: UrgeWeights::default(),
            handling: Handling::default(),
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<PolicyData> for Policy {
    type Error = SuggestionError;
    fn try_from(d: PolicyData) -> Result<Self, Self::Error> {
        Self::new(d)
    }
}

impl From<Policy> for PolicyData {
    /// The policy's data, as [`Policy::new`] takes it.
    ///
    /// ```
    /// use deputy_work::suggestion::{Policy, PolicyData};
    /// let seed = Policy::seed();
    /// assert_eq!(Policy::new(PolicyData::from(seed.clone()))?, seed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from(p: Policy) -> Self {
        Self {
            name: p.name,
            classes: p.classes,
            deadlines: p.deadlines,
            not_registrable: p.not_registrable,
            feedback_decides: p.feedback_decides,
            urge_weights: p.urge_weights,
            handling: p.handling,
        }
    }
}

/// A preset's code: a short literal, never empty, never too long (a unit
/// test checks every preset).
fn preset_code(code: &str) -> Code {
    let c = Code::new(code);
    debug_assert!(c.is_ok(), "the presets' codes are valid literals");
    c.unwrap_or(Code::PLACEHOLDER)
}

fn class(code: &str, zh: &str, en: &str, resolved: bool, followed_up: bool) -> ReplyClass {
    ReplyClass {
        code: preset_code(code),
        label_zh: zh.to_owned(),
        label_en: en.to_owned(),
        resolved,
        followed_up,
    }
}

fn reason(code: &str, zh: &str, en: &str) -> Reason {
    Reason {
        code: preset_code(code),
        label_zh: zh.to_owned(),
        label_en: en.to_owned(),
    }
}

/// Shenzhen's list of matters that cannot be filed as suggestions.
fn shenzhen_reasons() -> Vec<Reason> {
    vec![
        reason(
            "personal_matters",
            "个人或者家庭事务",
            "personal or family matters",
        ),
        reason(
            "litigation",
            "涉及诉讼、仲裁的案件",
            "cases in litigation or arbitration",
        ),
        reason(
            "complaint",
            "申诉、控告、检举",
            "complaints and accusations",
        ),
        reason("forwarded_letter", "转交的来信", "forwarded letters"),
        reason(
            "academic",
            "学术探讨、产品推介",
            "academic discussion or promotion",
        ),
        reason("empty", "没有具体内容", "empty content"),
        reason(
            "outside_authority",
            "不属于本行政区域职权范围",
            "outside the region's authority",
        ),
    ]
}

impl Policy {
    /// Validates `data` into a policy.
    ///
    /// Cost: quadratic in the reply classes and in the reasons (each compared
    /// with the ones after it); memory: the policy. Loading a [`Policy`] with
    /// serde costs the same. `dispute_window_working_days`, which sets how
    /// many days every assignment walks (see [`decide`](super::decide)), is
    /// at most [`MAX_DISPUTE_WINDOW_WORKING_DAYS`].
    ///
    /// # Errors
    /// [`SuggestionError::InvalidPolicy`] when there is no reply class, a
    /// class or reason code is repeated, a label is empty, a class is both
    /// resolved and followed up, no class counts as resolved,
    /// `reply_months`, `rehandling_months` or `co_views_months` is 0,
    /// `extension_max_months < reply_months`, `dispute_window_working_days`
    /// is above [`MAX_DISPUTE_WINDOW_WORKING_DAYS`], or `raised_repeatedly`
    /// is below 2.
    ///
    /// ```
    /// use deputy_work::suggestion::{Deadlines, Policy, PolicyData, SuggestionError};
    /// let seed = Policy::seed();
    /// let too_short = PolicyData {
    ///     deadlines: Deadlines { extension_max_months: 2, ..Deadlines::default() },
    ///     ..PolicyData::new("bad", seed.classes().to_vec())
    /// };
    /// let err = Policy::new(too_short).unwrap_err();
    /// assert!(matches!(err, SuggestionError::InvalidPolicy { .. }));
    /// ```
    pub fn new(data: PolicyData) -> Result<Self, SuggestionError> {
        let PolicyData {
            name,
            classes,
            deadlines,
            not_registrable,
            feedback_decides,
            urge_weights,
            handling,
        } = data;
        let invalid = |what: String| Err(SuggestionError::InvalidPolicy { what });
        if classes.is_empty() {
            return invalid("no reply class".into());
        }
        for (i, c) in classes.iter().enumerate() {
            if classes.iter().skip(i).skip(1).any(|o| o.code == c.code) {
                return invalid(format!("reply class `{}` is listed twice", c.code));
            }
            if c.label_zh.trim().is_empty() || c.label_en.trim().is_empty() {
                return invalid(format!("reply class `{}` has an empty label", c.code));
            }
            if c.resolved && c.followed_up {
                return invalid(format!(
                    "reply class `{}` is both resolved and followed up",
                    c.code
                ));
            }
        }
        if !classes.iter().any(|c| c.resolved) {
            return invalid("no reply class counts as resolved".into());
        }
        for (i, r) in not_registrable.iter().enumerate() {
            if not_registrable
                .iter()
                .skip(i)
                .skip(1)
                .any(|o| o.code == r.code)
            {
                return invalid(format!("reason `{}` is listed twice", r.code));
            }
            if r.label_zh.trim().is_empty() || r.label_en.trim().is_empty() {
                return invalid(format!("reason `{}` has an empty label", r.code));
            }
        }
        check_deadlines(&deadlines)?;
        check_handling(&handling)?;
        Ok(Self {
            name,
            classes,
            deadlines,
            not_registrable,
            feedback_decides,
            urge_weights,
            handling,
        })
    }

    /// The seed's policy: three classes, A 已解决或者采纳 (resolved),
    /// B 正在解决或已列入计划逐步解决 (followed up), C 暂时不具备解决条件;
    /// default deadlines; Shenzhen's list of reasons.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// let seed = Policy::seed();
    /// let codes: Vec<&str> = seed.classes().iter().map(|c| c.code.as_str()).collect();
    /// assert_eq!(codes, ["A", "B", "C"]);
    /// ```
    #[must_use]
    pub fn seed() -> Self {
        Self {
            name: "seed (Ordos 2025)".into(),
            classes: vec![
                class("A", "已解决或者采纳", "solved or adopted", true, false),
                class(
                    "B",
                    "正在解决或已列入计划逐步解决",
                    "being solved or planned",
                    false,
                    true,
                ),
                class(
                    "C",
                    "暂时不具备解决条件",
                    "conditions not yet met",
                    false,
                    false,
                ),
            ],
            deadlines: Deadlines::default(),
            not_registrable: shenzhen_reasons(),
            feedback_decides: FeedbackRule::Lead,
            urge_weights: UrgeWeights::default(),
            handling: Handling::default(),
        }
    }

    /// The national 2005 rules' four classes: A solved or basically solved,
    /// B being solved or in the plan (followed up), C to be solved later
    /// (followed up), D kept for reference; default deadlines; Shenzhen's list
    /// of reasons.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// let p = Policy::national_2005();
    /// assert!(p.class("C").unwrap().followed_up);
    /// assert!(!p.class("D").unwrap().followed_up);
    /// ```
    #[must_use]
    pub fn national_2005() -> Self {
        Self {
            name: "national 2005".into(),
            classes: vec![
                class(
                    "A",
                    "所提问题已经解决或者基本解决",
                    "solved or basically solved",
                    true,
                    false,
                ),
                class(
                    "B",
                    "所提问题正在解决或者列入计划解决",
                    "being solved or in the plan",
                    false,
                    true,
                ),
                class(
                    "C",
                    "所提问题因条件限制需以后解决",
                    "to be solved later",
                    false,
                    true,
                ),
                class("D", "所提问题留作参考", "kept for reference", false, false),
            ],
            deadlines: Deadlines::default(),
            not_registrable: shenzhen_reasons(),
            feedback_decides: FeedbackRule::Lead,
            urge_weights: UrgeWeights::default(),
            handling: Handling::default(),
        }
    }

    /// The policy's name.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert_eq!(Policy::national_2005().name(), "national 2005");
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The reply classes, in the policy's order.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// let p = Policy::national_2005();
    /// let codes: Vec<&str> = p.classes().iter().map(|c| c.code.as_str()).collect();
    /// assert_eq!(codes, ["A", "B", "C", "D"]);
    /// ```
    #[must_use]
    pub fn classes(&self) -> &[ReplyClass] {
        &self.classes
    }

    /// Whose feedback decides an item with several proposers (default:
    /// the lead deputy's).
    ///
    /// ```
    /// use deputy_work::suggestion::{FeedbackRule, Policy};
    /// assert_eq!(Policy::seed().feedback_decides(), FeedbackRule::Lead);
    /// ```
    #[must_use]
    pub const fn feedback_decides(&self) -> FeedbackRule {
        self.feedback_decides
    }

    /// The same policy with another feedback rule.
    ///
    /// ```
    /// use deputy_work::suggestion::{FeedbackRule, Policy};
    /// let p = Policy::seed().with_feedback_decides(FeedbackRule::AnyUnsatisfied);
    /// assert_eq!(p.feedback_decides(), FeedbackRule::AnyUnsatisfied);
    /// ```
    #[must_use]
    pub const fn with_feedback_decides(mut self, rule: FeedbackRule) -> Self {
        self.feedback_decides = rule;
        self
    }

    /// The weights of reminders by who gives them.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert_eq!(Policy::seed().urge_weights().office, 2);
    /// ```
    #[must_use]
    pub const fn urge_weights(&self) -> UrgeWeights {
        self.urge_weights
    }

    /// The same policy with other reminder weights.
    ///
    /// ```
    /// use deputy_work::suggestion::{Policy, UrgeWeights};
    /// let p = Policy::seed().with_urge_weights(UrgeWeights { deputy: 2, ..UrgeWeights::default() });
    /// assert_eq!(p.urge_weights().deputy, 2);
    /// ```
    #[must_use]
    pub const fn with_urge_weights(mut self, weights: UrgeWeights) -> Self {
        self.urge_weights = weights;
        self
    }

    /// The handling rules (several units, acceptance, self-handling, matters
    /// raised repeatedly).
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert!(!Policy::seed().handling().self_handling);
    /// ```
    #[must_use]
    pub const fn handling(&self) -> Handling {
        self.handling
    }

    /// The same policy with other handling rules.
    ///
    /// # Errors
    /// [`SuggestionError::InvalidPolicy`] when `raised_repeatedly` is below 2.
    ///
    /// ```
    /// use deputy_work::suggestion::{Handling, Policy};
    /// let p = Policy::seed().with_handling(Handling::default().with_raised_repeatedly(Some(3)))?;
    /// assert_eq!(p.handling().raised_repeatedly, Some(3));
    /// assert!(Policy::seed().with_handling(Handling::default().with_raised_repeatedly(Some(1))).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_handling(mut self, handling: Handling) -> Result<Self, SuggestionError> {
        check_handling(&handling)?;
        self.handling = handling;
        Ok(self)
    }

    /// The position of a class in the policy's list (best first), if known.
    pub(crate) fn class_rank(&self, code: Code) -> Option<usize> {
        self.classes.iter().position(|c| c.code == code)
    }

    /// The class with this code.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert!(Policy::seed().class("A").is_some_and(|c| c.resolved));
    /// assert!(Policy::seed().class("D").is_none());
    /// ```
    #[must_use]
    pub fn class(&self, code: &str) -> Option<&ReplyClass> {
        self.classes.iter().find(|c| c.code.as_str() == code)
    }

    /// The deadlines.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert_eq!(Policy::seed().deadlines().reply_months, 3);
    /// ```
    #[must_use]
    pub const fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }

    /// The reasons for not registering.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert_eq!(Policy::seed().not_registrable()[0].code.as_str(), "personal_matters");
    /// ```
    #[must_use]
    pub fn not_registrable(&self) -> &[Reason] {
        &self.not_registrable
    }

    /// The reason with this code.
    ///
    /// ```
    /// use deputy_work::suggestion::Policy;
    /// assert_eq!(Policy::seed().reason("empty").map(|r| r.label_zh.as_str()), Some("没有具体内容"));
    /// assert!(Policy::seed().reason("unknown").is_none());
    /// ```
    #[must_use]
    pub fn reason(&self, code: &str) -> Option<&Reason> {
        self.not_registrable
            .iter()
            .find(|r| r.code.as_str() == code)
    }

    /// A copy with other deadlines, validated.
    ///
    /// # Errors
    /// As [`Policy::new`].
    ///
    /// ```
    /// use deputy_work::suggestion::{Deadlines, Policy};
    /// let sichuan = Policy::seed().with_deadlines(Deadlines { rehandling_months: 3, ..Deadlines::default() })?;
    /// assert_eq!(sichuan.deadlines().rehandling_months, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_deadlines(&self, deadlines: Deadlines) -> Result<Self, SuggestionError> {
        check_deadlines(&deadlines)?;
        Ok(Self {
            deadlines,
            ..self.clone()
        })
    }
}

/// The deadlines' rules, as [`Policy::new`] states them.
fn check_deadlines(d: &Deadlines) -> Result<(), SuggestionError> {
    let invalid = |what: String| Err(SuggestionError::InvalidPolicy { what });
    if d.reply_months == 0 || d.rehandling_months == 0 || d.co_views_months == 0 {
        return invalid(
            "reply_months, rehandling_months and co_views_months must be at least 1".into(),
        );
    }
    if d.dispute_window_working_days > MAX_DISPUTE_WINDOW_WORKING_DAYS {
        return invalid(format!(
            "dispute_window_working_days {} is more than {MAX_DISPUTE_WINDOW_WORKING_DAYS}",
            d.dispute_window_working_days
        ));
    }
    if d.extension_max_months < d.reply_months {
        return invalid(format!(
            "extension_max_months {} is less than reply_months {}",
            d.extension_max_months, d.reply_months
        ));
    }
    Ok(())
}

/// The handling rules' rules, as [`Policy::new`] states them.
fn check_handling(h: &Handling) -> Result<(), SuggestionError> {
    if h.raised_repeatedly.is_some_and(|n| n < 2) {
        return Err(SuggestionError::InvalidPolicy {
            what: "raised_repeatedly must be at least 2".into(),
        });
    }
    Ok(())
}

/// The Chinese of an invalid policy's description, as [`Policy::new`]
/// words it (the description itself if it is not one of them).
pub(crate) fn what_zh(what: &str) -> String {
    let quoted = |s: &str, head: &str, tail: &str| {
        s.strip_prefix(head)
            .and_then(|rest| rest.strip_suffix(tail))
            .map(ToOwned::to_owned)
    };
    if let Some(c) = quoted(what, "reply class `", "` is listed twice") {
        return format!("答复类别“{c}”重复列出");
    }
    if let Some(c) = quoted(what, "reply class `", "` has an empty label") {
        return format!("答复类别“{c}”的名称为空");
    }
    if let Some(c) = quoted(what, "reply class `", "` is both resolved and followed up") {
        return format!("答复类别“{c}”不能既计为已解决又跟踪落实");
    }
    if let Some(c) = quoted(what, "reason `", "` is listed twice") {
        return format!("不予立案情形“{c}”重复列出");
    }
    if let Some(c) = quoted(what, "reason `", "` has an empty label") {
        return format!("不予立案情形“{c}”的名称为空");
    }
    if let Some((max, reply)) = what
        .strip_prefix("extension_max_months ")
        .and_then(|rest| rest.split_once(" is less than reply_months "))
    {
        return format!(
            "最长延期月数（extension_max_months）{max} 少于答复月数（reply_months）{reply}"
        );
    }
    if let Some(days) = what
        .strip_prefix("dispute_window_working_days ")
        .and_then(|rest| {
            rest.strip_suffix(&format!(" is more than {MAX_DISPUTE_WINDOW_WORKING_DAYS}"))
        })
    {
        return format!(
            "申请调整交办的期限（dispute_window_working_days）{days} 个工作日超过 {MAX_DISPUTE_WINDOW_WORKING_DAYS} 个工作日"
        );
    }
    match what {
        "no reply class" => "没有答复类别",
        "no reply class counts as resolved" => "没有计为已解决的答复类别",
        "reply_months, rehandling_months and co_views_months must be at least 1" => {
            "答复、重新办理和协办意见的期限（reply_months、rehandling_months、co_views_months）至少为 1 个月"
        }
        "raised_repeatedly must be at least 2" => "多次提出的次数（raised_repeatedly）至少为 2",
        other => other,
    }
    .to_owned()
}

/// `date` plus `months` calendar months (chrono's `checked_add_months`: 31
/// May + 1 month = 30 June).
pub(crate) fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate, SuggestionError> {
    date.checked_add_months(Months::new(months))
        .ok_or(SuggestionError::DateOutOfRange { from: date })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_named() {
        assert_eq!(Policy::seed().name(), "seed (Ordos 2025)");
        assert_eq!(Policy::national_2005().name(), "national 2005");
    }

    /// The longest extension may end with the reply deadline itself (an
    /// extension of nothing), not before it.
    #[test]
    fn the_longest_extension_is_at_least_the_reply_time() {
        let seed = Policy::seed();
        let mut d = *seed.deadlines();
        d.extension_max_months = d.reply_months;
        assert!(seed.with_deadlines(d).is_ok());
        d.extension_max_months = d.reply_months - 1;
        assert!(matches!(
            seed.with_deadlines(d),
            Err(SuggestionError::InvalidPolicy { what }) if what.starts_with("extension_max_months")
        ));
    }

    #[test]
    fn presets_are_valid() {
        for p in [Policy::seed(), Policy::national_2005()] {
            let again = Policy::new(PolicyData::from(p.clone()));
            assert_eq!(again, Ok(p.clone()));
            assert_eq!(p.not_registrable().len(), 7);
            assert!(p.classes().iter().all(|c| c.code.as_str() != "?"));
        }
    }

    #[test]
    fn invalid_policies_are_refused_with_the_reason() {
        let seed = Policy::seed();
        let mut twice = seed.classes.clone();
        twice.push(twice[0].clone());
        let err = Policy::new(PolicyData::new("x", twice)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid policy: reply class `A` is listed twice"
        );
        let none_resolved: Vec<_> = seed
            .classes
            .iter()
            .filter(|c| !c.resolved)
            .cloned()
            .collect();
        assert!(Policy::new(PolicyData::new("x", none_resolved)).is_err());
        let zero = Deadlines {
            reply_months: 0,
            ..Deadlines::default()
        };
        assert!(seed.with_deadlines(zero).is_err());
        assert!(Policy::new(PolicyData::new("x", vec![])).is_err());
        let once = PolicyData {
            handling: Handling {
                raised_repeatedly: Some(1),
                ..Handling::default()
            },
            ..PolicyData::from(seed.clone())
        };
        assert!(
            Policy::new(once).is_err(),
            "every way in validates the handling"
        );
    }

    #[test]
    fn every_refusal_has_its_chinese_with_its_data() {
        let seed = Policy::seed();
        let mut twice = seed.classes.clone();
        twice.push(twice[0].clone());
        let mut unlabelled = seed.classes.clone();
        unlabelled[1].label_zh = " ".into();
        let mut both = seed.classes.clone();
        both[1].resolved = true;
        let none_resolved: Vec<_> = seed
            .classes
            .iter()
            .filter(|c| !c.resolved)
            .cloned()
            .collect();
        let mut reasons = seed.not_registrable.clone();
        reasons.push(reasons[0].clone());
        let mut bad_reason = seed.not_registrable.clone();
        bad_reason[0].label_en.clear();
        let with = |f: &dyn Fn(&mut PolicyData)| {
            let mut d = PolicyData::from(seed.clone());
            f(&mut d);
            Policy::new(d)
        };
        let cases: Vec<(Result<Policy, SuggestionError>, &str)> = vec![
            (with(&|d| d.classes.clear()), "没有答复类别"),
            (
                with(&|d| d.classes.clone_from(&twice)),
                "答复类别“A”重复列出",
            ),
            (
                with(&|d| d.classes.clone_from(&unlabelled)),
                "答复类别“B”的名称为空",
            ),
            (
                with(&|d| d.classes.clone_from(&both)),
                "答复类别“B”不能既计为已解决又跟踪落实",
            ),
            (
                with(&|d| d.classes.clone_from(&none_resolved)),
                "没有计为已解决的答复类别",
            ),
            (
                with(&|d| d.not_registrable.clone_from(&reasons)),
                "不予立案情形“personal_matters”重复列出",
            ),
            (
                with(&|d| d.not_registrable.clone_from(&bad_reason)),
                "不予立案情形“personal_matters”的名称为空",
            ),
            (with(&|d| d.deadlines.co_views_months = 0), "至少为 1 个月"),
            (
                with(&|d| d.deadlines.extension_max_months = 2),
                "（extension_max_months）2 少于答复月数（reply_months）3",
            ),
            (
                with(&|d| d.handling.raised_repeatedly = Some(1)),
                "至少为 2",
            ),
        ];
        for (result, zh) in cases {
            let Err(SuggestionError::InvalidPolicy { what }) = result else {
                panic!("refused: {zh}");
            };
            assert!(what_zh(&what).contains(zh), "{what} → {}", what_zh(&what));
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
        assert_eq!(
            add_months(d, 3).unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert!(add_months(NaiveDate::MAX, 1).is_err());
    }
}

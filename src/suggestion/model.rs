//! Actors, feedback, deadlines and the state of one suggestion.

use core::fmt;

use chrono::NaiveDate;

use super::Code;
use crate::common::{DeputyId, Labelled, PersonId, SuggestionId, UnitId, labelled_enum};

/// Who gives a command (every command names one).
///
/// ```
/// use deputy_work::common::{DeputyId, Labelled, UnitId};
/// use deputy_work::suggestion::{Actor, ActorKind};
/// let a = Actor::Unit(UnitId::new(3));
/// assert_eq!(a.kind(), ActorKind::Unit);
/// assert_eq!(a.to_string(), "unit U3");
/// assert_eq!(Actor::Deputy(DeputyId::new(1)).kind().label_zh(), "代表");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Actor {
    /// A deputy (a proposer: the lead deputy or a co-signer).
    Deputy(DeputyId),
    /// A staff member of the deputy affairs office (代表工委 / 办公厅).
    Office(PersonId),
    /// A handling unit (承办单位).
    Unit(UnitId),
    /// A supervising leader (督办领导).
    Supervisor(PersonId),
    /// The standing committee (常委会) or its chairmen's meeting.
    StandingCommittee,
}

impl Actor {
    /// The kind of actor.
    ///
    /// ```
    /// use deputy_work::suggestion::{Actor, ActorKind};
    /// assert_eq!(Actor::StandingCommittee.kind(), ActorKind::StandingCommittee);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> ActorKind {
        match self {
            Self::Deputy(_) => ActorKind::Deputy,
            Self::Office(_) => ActorKind::Office,
            Self::Unit(_) => ActorKind::Unit,
            Self::Supervisor(_) => ActorKind::Supervisor,
            Self::StandingCommittee => ActorKind::StandingCommittee,
        }
    }
}

/// `date` as an office writes it: `2025年6月30日`.
pub(crate) fn date_zh(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// An actor in Chinese with its id: `承办单位 U31`, `常委会`.
pub(crate) fn actor_zh(actor: &Actor) -> String {
    match actor {
        Actor::Deputy(id) => format!("代表 {id}"),
        Actor::Office(id) => format!("代表工作机构 {id}"),
        Actor::Unit(id) => format!("承办单位 {id}"),
        Actor::Supervisor(id) => format!("督办领导 {id}"),
        Actor::StandingCommittee => "常委会".to_owned(),
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Deputy(id) => write!(f, "deputy {id}"),
            Self::Office(id) => write!(f, "office {id}"),
            Self::Unit(id) => write!(f, "unit {id}"),
            Self::Supervisor(id) => write!(f, "supervisor {id}"),
            Self::StandingCommittee => f.write_str("standing committee"),
        }
    }
}

labelled_enum! {
    /// The kinds of [`Actor`].
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::ActorKind;
    /// assert_eq!(ActorKind::ALL.len(), 5);
    /// assert_eq!(ActorKind::Unit.label_zh(), "承办单位");
    /// ```
    pub enum ActorKind in suggestion {
        /// A deputy.
        Deputy = "deputy", "代表", "deputy";
        /// The deputy affairs office.
        Office = "office", "代表工作机构", "office";
        /// A handling unit.
        Unit = "unit", "承办单位", "unit";
        /// A supervising leader.
        Supervisor = "supervisor", "督办领导", "supervisor";
        /// The standing committee.
        StandingCommittee = "standing_committee", "常委会", "standing committee";
    }
}

impl Labelled for Actor {
    fn label_zh(&self) -> &str {
        self.kind().static_label_zh()
    }
    fn label_en(&self) -> &str {
        self.kind().static_label_en()
    }
}

labelled_enum! {
    /// A deputy's feedback on a reply (代表意见反馈).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::Feedback;
    /// assert_eq!(Feedback::BasicallySatisfied.label_zh(), "基本满意");
    /// assert!(Feedback::Satisfied.is_satisfied() && !Feedback::Unsatisfied.is_satisfied());
    /// ```
    pub enum Feedback in suggestion {
        /// 满意.
        Satisfied = "satisfied", "满意", "satisfied";
        /// 基本满意.
        BasicallySatisfied = "basically_satisfied", "基本满意", "basically satisfied";
        /// 不满意.
        Unsatisfied = "unsatisfied", "不满意", "unsatisfied";
    }
}

impl Feedback {
    /// Satisfied or basically satisfied.
    ///
    /// ```
    /// use deputy_work::suggestion::Feedback;
    /// assert!(Feedback::BasicallySatisfied.is_satisfied());
    /// assert!(!Feedback::Unsatisfied.is_satisfied());
    /// ```
    #[must_use]
    pub const fn is_satisfied(self) -> bool {
        !matches!(self, Self::Unsatisfied)
    }
}

impl From<Feedback> for crate::stats::Verdict {
    /// The deputy's feedback as the statistics' verdict (the report counts
    /// feedback in a [`Satisfaction`](crate::stats::Satisfaction)).
    ///
    /// ```
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::suggestion::Feedback;
    /// assert_eq!(Verdict::from(Feedback::BasicallySatisfied), Verdict::BasicallySatisfied);
    /// ```
    fn from(f: Feedback) -> Self {
        match f {
            Feedback::Satisfied => Self::Satisfied,
            Feedback::BasicallySatisfied => Self::BasicallySatisfied,
            Feedback::Unsatisfied => Self::Unsatisfied,
        }
    }
}

/// A deadline as plain data: the due date and the first day of its warning
/// window. Answered as of a date the caller gives; there is no clock.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::suggestion::Deadline;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let deadline = Deadline::new(d(6, 30), 15)?;
/// assert_eq!(deadline.due_date(), d(6, 30));
/// assert_eq!(deadline.days_left(d(6, 20)), 10);
/// assert!(deadline.warning(d(6, 20)) && !deadline.warning(d(6, 1)));
/// assert!(!deadline.overdue(d(6, 30)) && deadline.overdue(d(7, 1)));
/// assert_eq!(deadline.days_left(d(7, 3)), -3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Deadline {
    /// The last day on which the step is on time.
    pub due: NaiveDate,
    /// The first day of the warning window.
    pub warn_from: NaiveDate,
}

impl Deadline {
    /// A deadline due on `due` that warns `warning_days` before.
    ///
    /// # Errors
    /// [`super::SuggestionError::DateOutOfRange`] when the warning day is
    /// before chrono's first date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let due = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// assert_eq!(Deadline::new(due, 15)?.warn_from, NaiveDate::from_ymd_opt(2025, 6, 15).unwrap());
    /// assert!(Deadline::new(NaiveDate::MIN, 1).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(due: NaiveDate, warning_days: u32) -> Result<Self, super::SuggestionError> {
        let warn_from = due
            .checked_sub_days(chrono::Days::new(u64::from(warning_days)))
            .ok_or(super::SuggestionError::DateOutOfRange { from: due })?;
        Ok(Self { due, warn_from })
    }

    /// The due date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let due = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// assert_eq!(Deadline::new(due, 15)?.due_date(), due);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn due_date(&self) -> NaiveDate {
        self.due
    }

    /// Days left until the due date as of `as_of` (0 on the due date,
    /// negative once overdue).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let deadline = Deadline::new(d(6, 30), 15)?;
    /// assert_eq!((deadline.days_left(d(6, 28)), deadline.days_left(d(6, 30)), deadline.days_left(d(7, 2))), (2, 0, -2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_left(&self, as_of: NaiveDate) -> i64 {
        self.due.signed_duration_since(as_of).num_days()
    }

    /// Days past the due date as of `as_of` (0 on the due date, negative
    /// before it): the opposite of [`Deadline::days_left`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let deadline = Deadline::new(d(4, 19), 15)?;
    /// assert_eq!(deadline.days_overdue(d(4, 25)), 6);
    /// assert_eq!(deadline.days_overdue(d(4, 10)), -9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_overdue(&self, as_of: NaiveDate) -> i64 {
        as_of.signed_duration_since(self.due).num_days()
    }

    /// Whether the deadline has passed as of `as_of`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let deadline = Deadline::new(d(6, 30), 15)?;
    /// assert!(!deadline.overdue(d(6, 30)) && deadline.overdue(d(7, 1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        as_of > self.due
    }

    /// Whether `as_of` is in the warning window (on or after `warn_from`,
    /// not yet overdue).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let deadline = Deadline::new(d(6, 30), 15)?;
    /// assert!(!deadline.warning(d(6, 14)) && deadline.warning(d(6, 15)) && !deadline.warning(d(7, 1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn warning(&self, as_of: NaiveDate) -> bool {
        as_of >= self.warn_from && !self.overdue(as_of)
    }

    /// Whether a step taken on `date` was late.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::Deadline;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let deadline = Deadline::new(d(6, 30), 15)?;
    /// assert!(!deadline.late(d(6, 30)) && deadline.late(d(7, 1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn late(&self, date: NaiveDate) -> bool {
        self.overdue(date)
    }
}

/// A reply as recorded in the state.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::suggestion::{Code, ReplyRecord};
/// let r = ReplyRecord { class: Code::new("A")?, on: NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(), late: false };
/// assert_eq!(r.class.as_str(), "A");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReplyRecord {
    /// The reply class code.
    pub class: Code,
    /// The reply date.
    pub on: NaiveDate,
    /// Whether the reply came after its deadline.
    pub late: bool,
}

/// A deputy's feedback as recorded in the state.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::DeputyId;
/// use deputy_work::suggestion::{Feedback, FeedbackRecord};
/// let f = FeedbackRecord {
///     by: DeputyId::new(1),
///     verdict: Feedback::Satisfied,
///     attitude: Some(Feedback::BasicallySatisfied),
///     on: NaiveDate::from_ymd_opt(2025, 5, 9).unwrap(),
/// };
/// assert!(f.verdict.is_satisfied());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FeedbackRecord {
    /// The deputy who gave it.
    pub by: DeputyId,
    /// The verdict on the result (办理结果).
    pub verdict: Feedback,
    /// The rating of the unit's attitude (办理态度), rated apart from the
    /// result; none if not given.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub attitude: Option<Feedback>,
    /// When.
    pub on: NaiveDate,
}

/// The key-suggestion flag (重点督办建议): the supervising leader and committee.
///
/// ```
/// use deputy_work::common::{PersonId, UnitId};
/// use deputy_work::suggestion::KeyFlag;
/// let k = KeyFlag { leader: PersonId::new(2), committee: UnitId::new(90) };
/// assert_eq!(k.leader.get(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct KeyFlag {
    /// The supervising leader.
    pub leader: PersonId,
    /// The supervising committee (a special committee or working body).
    pub committee: UnitId,
}

/// A suggestion merged into another one (并案); its lead deputy is still
/// owed a reply and may give feedback.
///
/// ```
/// use deputy_work::common::{DeputyId, SuggestionId};
/// use deputy_work::suggestion::MergedItem;
/// let m = MergedItem { id: SuggestionId::new(9), lead: DeputyId::new(4) };
/// assert_eq!(m.id.to_string(), "S9");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MergedItem {
    /// The merged suggestion.
    pub id: SuggestionId,
    /// Its lead deputy.
    pub lead: DeputyId,
}

/// One unit's own handling when a suggestion is assigned to several units
/// that each handle it and each reply separately (分别办理、分别答复,
/// Fujian F20): its own deadline, extension and reply.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::UnitId;
/// use deputy_work::suggestion::{Deadline, UnitHandling};
/// let due = Deadline::new(NaiveDate::from_ymd_opt(2025, 4, 15).unwrap(), 15)?;
/// let h = UnitHandling::new(UnitId::new(31), due);
/// assert!(h.replied.is_none() && !h.extended);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct UnitHandling {
    /// The unit.
    pub unit: UnitId,
    /// Its reply deadline (moved by its own extension, or by re-handling).
    pub reply: Deadline,
    /// An extension it asked for and that is not yet granted.
    pub extension_requested: Option<NaiveDate>,
    /// Whether it was granted an extension.
    pub extended: bool,
    /// Its reply in the current round (cleared by re-handling).
    pub replied: Option<ReplyRecord>,
    /// Its first reply.
    pub first_reply: Option<ReplyRecord>,
}

impl UnitHandling {
    /// A unit's handling, due by `reply`, with nothing done yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::{Deadline, UnitHandling};
    /// let due = Deadline::new(NaiveDate::from_ymd_opt(2025, 4, 15).unwrap(), 15)?;
    /// let h = UnitHandling::new(UnitId::new(52), due);
    /// assert_eq!((h.unit, h.reply), (UnitId::new(52), due));
    /// assert!(h.extension_requested.is_none() && h.first_reply.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(unit: UnitId, reply: Deadline) -> Self {
        Self {
            unit,
            reply,
            extension_requested: None,
            extended: false,
            replied: None,
            first_reply: None,
        }
    }
}

labelled_enum! {
    /// The kind of body a suggestion is proposed in the name of.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::GroupKind;
    /// assert_eq!(GroupKind::Delegation.label_zh(), "代表团");
    /// ```
    pub enum GroupKind in suggestion {
        /// A delegation to the congress (代表团).
        Delegation = "delegation", "代表团", "delegation";
        /// A deputy group (代表小组).
        DeputyGroup = "deputy_group", "代表小组", "deputy group";
    }
}

/// A proposer that is not one deputy: a delegation or deputy group in whose
/// name a suggestion is made. The reply goes to the group (Fujian F21: to a
/// delegation, through the city standing committee or, for the army's, the
/// military district: `via`); the group's convenor (召集人, the head of the
/// delegation) drafts, submits and gives the group's feedback.
///
/// ```
/// use deputy_work::common::{DeputyId, UnitId};
/// use deputy_work::suggestion::{GroupKind, ProposerGroup};
/// let g = ProposerGroup { kind: GroupKind::Delegation, group: UnitId::new(350100), convenor: DeputyId::new(7), via: Some(UnitId::new(3501)) };
/// assert_eq!(g.convenor.get(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProposerGroup {
    /// Delegation or deputy group.
    pub kind: GroupKind,
    /// The group.
    pub group: UnitId,
    /// The deputy who acts for it (召集人 or 团长).
    pub convenor: DeputyId,
    /// The body replies are sent through, if any.
    pub via: Option<UnitId>,
}

/// Who a reply goes to ([`SuggestionState::reply_recipients`]).
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::suggestion::Recipient;
/// assert_eq!(Recipient::Deputy(DeputyId::new(1)).to_string(), "deputy D1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Recipient {
    /// A deputy (lead, co-signer, or lead of a merged item).
    Deputy(DeputyId),
    /// A delegation or deputy group, through `via` if given.
    Group(ProposerGroup),
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Deputy(d) => write!(f, "deputy {d}"),
            Self::Group(g) => match g.via {
                Some(via) => write!(f, "{} {} via {via}", g.kind.label_en(), g.group),
                None => write!(f, "{} {}", g.kind.label_en(), g.group),
            },
        }
    }
}

/// An earlier suggestion on the same matter, named by a later one, and
/// whether it was solved when the link was recorded.
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::LinkedItem;
/// let l = LinkedItem { id: SuggestionId::new(12), solved: false };
/// assert!(!l.solved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LinkedItem {
    /// The earlier suggestion.
    pub id: SuggestionId,
    /// Whether it had been solved (closed resolved, or solved in follow-up).
    pub solved: bool,
}

labelled_enum! {
    /// When a unit contacts the deputy (Fujian F18; Chengdu's 三访: 办前、办中、
    /// 办后).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::ContactPhase;
    /// assert_eq!(ContactPhase::After.label_zh(), "办后");
    /// ```
    pub enum ContactPhase in suggestion {
        /// Before handling starts, to understand the matter (办前).
        Before = "before", "办前", "before handling";
        /// During handling (办中).
        During = "during", "办中", "during handling";
        /// After the reply, to hear the deputy's view (办后).
        After = "after", "办后", "after the reply";
    }
}

impl fmt::Display for ContactPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// How many contacts with the deputies were recorded, by phase.
///
/// ```
/// use deputy_work::suggestion::{ContactCounts, ContactPhase};
/// let mut c = ContactCounts::default();
/// (c.before, c.after, c.face_to_face) = (1, 2, 1);
/// assert_eq!(c.get(ContactPhase::After), 2);
/// assert!(!c.covers_all());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ContactCounts {
    /// 办前.
    pub before: u32,
    /// 办中.
    pub during: u32,
    /// 办后.
    pub after: u32,
    /// Of all, face to face (见面).
    pub face_to_face: u32,
}

impl ContactCounts {
    /// The contacts in `phase`.
    ///
    /// ```
    /// use deputy_work::suggestion::{ContactCounts, ContactPhase};
    /// let mut c = ContactCounts::default();
    /// c.during = 2;
    /// assert_eq!((c.get(ContactPhase::Before), c.get(ContactPhase::During)), (0, 2));
    /// ```
    #[must_use]
    pub const fn get(&self, phase: ContactPhase) -> u32 {
        match phase {
            ContactPhase::Before => self.before,
            ContactPhase::During => self.during,
            ContactPhase::After => self.after,
        }
    }

    /// Whether there was a contact in every phase (all three visits).
    ///
    /// ```
    /// use deputy_work::suggestion::ContactCounts;
    /// let mut c = ContactCounts::default();
    /// (c.before, c.during) = (1, 1);
    /// assert!(!c.covers_all());
    /// c.after = 1;
    /// assert!(c.covers_all());
    /// ```
    #[must_use]
    pub const fn covers_all(&self) -> bool {
        self.before > 0 && self.during > 0 && self.after > 0
    }

    /// Counts one contact; none (and nothing changed) when a count is
    /// already at `u32::MAX` (a state loaded as such).
    pub(crate) fn add(&mut self, phase: ContactPhase, face_to_face: bool) -> Option<()> {
        let face = if face_to_face {
            self.face_to_face.checked_add(1)?
        } else {
            self.face_to_face
        };
        let n = match phase {
            ContactPhase::Before => &mut self.before,
            ContactPhase::During => &mut self.during,
            ContactPhase::After => &mut self.after,
        };
        *n = n.checked_add(1)?;
        self.face_to_face = face;
        Some(())
    }
}

/// Where a suggestion stands, each variant with its own data.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::suggestion::{Stage, StageKind};
/// assert_eq!(Stage::Draft.kind(), StageKind::Draft);
/// assert_eq!(Stage::Escalated.label_zh(), "面商或专题说明");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Stage {
    /// Nothing recorded yet.
    Empty,
    /// Being written (起草).
    Draft,
    /// Submitted, awaiting the office's pre-review.
    Submitted,
    /// Registered (立案), awaiting assignment.
    Registered,
    /// Not registered, with the policy's reason; optionally turned into a
    /// reference opinion (转为参阅件). Final.
    NotRegistered {
        /// The reason's code.
        reason: Code,
        /// Whether it was turned into a reference opinion.
        reference_opinion: bool,
    },
    /// Withdrawn by the lead deputy before assignment. Final.
    Withdrawn,
    /// Merged into another suggestion (并案). Final for this item.
    Merged {
        /// The suggestion it was merged into.
        into: SuggestionId,
    },
    /// Assigned to units, being handled (办理中).
    Assigned {
        /// The assignment date.
        on: NaiveDate,
        /// The reply deadline (moved by an extension).
        reply: Deadline,
        /// The last day a unit may dispute the assignment.
        dispute_until: NaiveDate,
        /// The co-handling units' views deadline.
        views_due: NaiveDate,
        /// An extension asked for and not yet granted: the date asked for.
        extension_requested: Option<NaiveDate>,
        /// Whether an extension was granted.
        extended: bool,
    },
    /// A unit disputed the assignment; the office must re-assign.
    Disputed {
        /// The disputing unit.
        by: UnitId,
    },
    /// Replied; awaiting the deputy's feedback.
    Replied,
    /// Sent back for re-handling after unsatisfied feedback.
    Rehandling {
        /// The new reply deadline.
        reply: Deadline,
    },
    /// Unsatisfied a second time: face-to-face consultation or a special
    /// explanation (面商或专题说明) before closing.
    Escalated,
    /// Closed (办结). A closed item of a followed-up class stays on the books
    /// until a follow-up reply says it is solved.
    Closed {
        /// The closing date.
        on: NaiveDate,
        /// Whether it counts as resolved.
        resolved: bool,
        /// Whether it is followed up (回头看) and not yet solved.
        follow_up: bool,
        /// The look-back's reply deadline, once a look-back started.
        look_back: Option<Deadline>,
    },
}

labelled_enum! {
    /// The kind of a [`Stage`], without its data (for errors and tables).
    ///
    /// ```
    /// use deputy_work::suggestion::StageKind;
    /// assert_eq!(StageKind::ALL.len(), 13);
    /// ```
    #[non_exhaustive]
    pub enum StageKind in suggestion {
        /// Nothing recorded yet (无记录).
        Empty = "empty", "无记录", "empty";
        /// Being written (起草).
        Draft = "draft", "起草", "draft";
        /// Submitted, awaiting pre-review (已提交).
        Submitted = "submitted", "已提交", "submitted";
        /// Registered, awaiting assignment (已立案).
        Registered = "registered", "已立案", "registered";
        /// Not registered (不予立案).
        NotRegistered = "not_registered", "不予立案", "not registered";
        /// Withdrawn (已撤回).
        Withdrawn = "withdrawn", "已撤回", "withdrawn";
        /// Merged into another (已并案).
        Merged = "merged", "已并案", "merged";
        /// Assigned and being handled (办理中).
        Assigned = "assigned", "办理中", "assigned";
        /// Assignment disputed (交办异议).
        Disputed = "disputed", "交办异议", "disputed";
        /// Replied, awaiting feedback (已答复).
        Replied = "replied", "已答复", "replied";
        /// Sent back for re-handling (重新办理).
        Rehandling = "rehandling", "重新办理", "re-handling";
        /// Consultation or special explanation (面商或专题说明).
        Escalated = "escalated", "面商或专题说明", "escalated";
        /// Closed (已办结).
        Closed = "closed", "已办结", "closed";
    }
}

impl fmt::Display for StageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

impl Stage {
    /// The kind of stage.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{Stage, StageKind};
    /// assert_eq!(Stage::Merged { into: SuggestionId::new(2) }.kind(), StageKind::Merged);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> StageKind {
        match self {
            Self::Empty => StageKind::Empty,
            Self::Draft => StageKind::Draft,
            Self::Submitted => StageKind::Submitted,
            Self::Registered => StageKind::Registered,
            Self::NotRegistered { .. } => StageKind::NotRegistered,
            Self::Withdrawn => StageKind::Withdrawn,
            Self::Merged { .. } => StageKind::Merged,
            Self::Assigned { .. } => StageKind::Assigned,
            Self::Disputed { .. } => StageKind::Disputed,
            Self::Replied => StageKind::Replied,
            Self::Rehandling { .. } => StageKind::Rehandling,
            Self::Escalated => StageKind::Escalated,
            Self::Closed { .. } => StageKind::Closed,
        }
    }
}

impl Labelled for Stage {
    fn label_zh(&self) -> &str {
        match self {
            Self::Closed {
                follow_up: true, ..
            } => "已办结（跟踪落实）",
            _ => self.kind().static_label_zh(),
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Closed {
                follow_up: true, ..
            } => "closed (followed up)",
            _ => self.kind().static_label_en(),
        }
    }
}

/// The state of one suggestion, rebuilt by applying its events.
///
/// Long texts (title, dispute reasons) are not copied into the state: they
/// stay in the events of the trail (see [`super::Suggestion::title`]).
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::{StageKind, SuggestionState};
/// let s = SuggestionState::new(SuggestionId::new(1));
/// assert_eq!(s.stage.kind(), StageKind::Empty);
/// assert!(!s.is_closed() && !s.is_open());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct SuggestionState {
    /// The suggestion's id.
    pub id: SuggestionId,
    /// Where it stands.
    pub stage: Stage,
    /// The sequence number of the last event applied (0: none).
    pub seq: u64,
    /// The date of the last event applied.
    pub last_date: Option<NaiveDate>,
    /// The time of day of the latest entry, if it had one.
    pub last_time: Option<chrono::NaiveTime>,
    /// The lead deputy (领衔代表), once drafted.
    pub lead: Option<DeputyId>,
    /// The co-signers (附议代表).
    pub co_signers: Vec<DeputyId>,
    /// Suggestions merged into this one.
    pub merged: Vec<MergedItem>,
    /// When it was submitted.
    pub submitted_on: Option<NaiveDate>,
    /// When it was registered.
    pub registered_on: Option<NaiveDate>,
    /// The lead handling unit (主办单位), once assigned.
    pub lead_unit: Option<UnitId>,
    /// The co-handling units (协办单位).
    pub co_units: Vec<UnitId>,
    /// Bit `i` set: co-handling unit `co_units[i]` has sent its views.
    pub views_sent: u32,
    /// Bit `i` set: co-handling unit `co_units[i]` sent its views late.
    pub views_late: u32,
    /// How many times the assignment was disputed.
    pub disputes: u32,
    /// The key-suggestion flag.
    pub key: Option<KeyFlag>,
    /// How many reminders (催办) were recorded.
    pub reminders: u32,
    /// The first reply.
    pub first_reply: Option<ReplyRecord>,
    /// The latest reply of the handling (first or re-handling; not the look-back).
    pub last_reply: Option<ReplyRecord>,
    /// The latest follow-up (look-back) reply.
    pub follow_up_reply: Option<ReplyRecord>,
    /// The date the latest look-back started.
    pub look_back_started: Option<NaiveDate>,
    /// The date the follow-up declared the item solved.
    pub solved_on: Option<NaiveDate>,
    /// The latest feedback.
    pub feedback: Option<FeedbackRecord>,
    /// Every proposer's feedback on the latest reply, in the order given
    /// (each proposer at most once).
    pub round: Vec<FeedbackRecord>,
    /// How many times the item was decided unsatisfied (sent back for
    /// re-handling, then to consultation).
    pub unsatisfied: u32,
    /// The proposing delegation or deputy group, for an item in a group's
    /// name (then `lead` is its convenor and there are no co-signers).
    #[cfg_attr(feature = "serde", serde(default))]
    pub group: Option<ProposerGroup>,
    /// Every unit's own handling, for an item assigned to several units
    /// that reply separately (empty otherwise; `lead_unit` is then none).
    #[cfg_attr(feature = "serde", serde(default))]
    pub separately: Vec<UnitHandling>,
    /// The units that accepted their assignment (签收), in the order they did.
    #[cfg_attr(feature = "serde", serde(default))]
    pub accepted: Vec<UnitId>,
    /// Handled by the office itself (自行办理) instead of a unit.
    #[cfg_attr(feature = "serde", serde(default))]
    pub self_handled: bool,
    /// Earlier suggestions on the same matter.
    #[cfg_attr(feature = "serde", serde(default))]
    pub linked: Vec<LinkedItem>,
    /// Contacts with the deputies, by phase.
    #[cfg_attr(feature = "serde", serde(default))]
    pub contacts: ContactCounts,
    /// The proposers are kept out of public exports (Fujian F18).
    #[cfg_attr(feature = "serde", serde(default))]
    pub confidential: bool,
    /// The latest year the item was carried into by a recorded decision
    /// (key suggestions not solved within the year, Fujian F32).
    #[cfg_attr(feature = "serde", serde(default))]
    pub carried_into: Option<i32>,
}

impl SuggestionState {
    /// The state before any event.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{StageKind, SuggestionState};
    /// let s = SuggestionState::new(SuggestionId::new(1));
    /// assert_eq!((s.seq, s.lead, s.stage.kind()), (0, None, StageKind::Empty));
    /// ```
    #[must_use]
    pub const fn new(id: SuggestionId) -> Self {
        Self {
            id,
            stage: Stage::Empty,
            seq: 0,
            last_date: None,
            last_time: None,
            lead: None,
            co_signers: Vec::new(),
            merged: Vec::new(),
            submitted_on: None,
            registered_on: None,
            lead_unit: None,
            co_units: Vec::new(),
            views_sent: 0,
            views_late: 0,
            disputes: 0,
            key: None,
            reminders: 0,
            first_reply: None,
            last_reply: None,
            follow_up_reply: None,
            look_back_started: None,
            solved_on: None,
            feedback: None,
            round: Vec::new(),
            unsatisfied: 0,
            group: None,
            separately: Vec::new(),
            accepted: Vec::new(),
            self_handled: false,
            linked: Vec::new(),
            contacts: ContactCounts {
                before: 0,
                during: 0,
                after: 0,
                face_to_face: 0,
            },
            confidential: false,
            carried_into: None,
        }
    }

    /// Closed (办结), whether or not still followed up.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// assert!(state(1).is_closed(), "replied A, satisfied");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_closed(&self) -> bool {
        matches!(self.stage, Stage::Closed { .. })
    }

    /// Final with no handling: not registered, withdrawn or merged.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{Stage, SuggestionState};
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// assert!(!s.is_dropped());
    /// s.stage = Stage::Withdrawn;
    /// assert!(s.is_dropped() && !s.is_open());
    /// ```
    #[must_use]
    pub const fn is_dropped(&self) -> bool {
        matches!(
            self.stage,
            Stage::NotRegistered { .. } | Stage::Withdrawn | Stage::Merged { .. }
        )
    }

    /// Between submission and closing (not dropped, not closed).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = register.get(SuggestionId::new(60)).unwrap().state();
    /// assert!(late.is_open(), "its reply comes on 29 April");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_open(&self) -> bool {
        !matches!(self.stage, Stage::Empty | Stage::Draft)
            && !self.is_closed()
            && !self.is_dropped()
    }

    /// Replied and awaiting the deputy's feedback.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// // Item 1 is replied on 28 February; its deputy answers on 5 March.
    /// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// assert!(register.get(SuggestionId::new(1)).unwrap().state().awaiting_feedback());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn awaiting_feedback(&self) -> bool {
        matches!(self.stage, Stage::Replied)
    }

    /// Closed but still followed up (a B-class item on the books).
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// assert!(state(132).pending_follow_up(), "replied B");
    /// assert!(!state(1).pending_follow_up(), "replied A");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn pending_follow_up(&self) -> bool {
        matches!(
            self.stage,
            Stage::Closed {
                follow_up: true,
                ..
            }
        )
    }

    /// A key suggestion (重点建议).
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// assert!(state(1).is_key() && !state(2).is_key());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_key(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `deputy` is a proposer: the lead deputy, a co-signer, or the
    /// lead deputy of a suggestion merged into this one.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// use deputy_work::common::DeputyId;
    /// assert!(state(1).is_proposer(DeputyId::new(1)) && !state(1).is_proposer(DeputyId::new(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_proposer(&self, deputy: DeputyId) -> bool {
        self.lead == Some(deputy)
            || self.co_signers.contains(&deputy)
            || self.merged.iter().any(|m| m.lead == deputy)
    }

    /// The verdict `deputy` gave on the latest reply, if any.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, SuggestionId};
    /// use deputy_work::suggestion::SuggestionState;
    /// assert_eq!(SuggestionState::new(SuggestionId::new(1)).verdict_of(DeputyId::new(1)), None);
    /// ```
    #[must_use]
    pub fn verdict_of(&self, deputy: DeputyId) -> Option<Feedback> {
        self.round
            .iter()
            .find(|f| f.by == deputy)
            .map(|f| f.verdict)
    }

    /// The proposers still to give feedback on the latest reply (empty unless
    /// the item awaits feedback), in id order.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::SuggestionState;
    /// assert!(SuggestionState::new(SuggestionId::new(1)).feedback_owed().is_empty());
    /// ```
    #[must_use]
    pub fn feedback_owed(&self) -> Vec<DeputyId> {
        if !self.awaiting_feedback() {
            return Vec::new();
        }
        let mut owed = self.owed_replies();
        owed.retain(|d| self.verdict_of(*d).is_none());
        owed
    }

    /// Whether `unit` is the lead or a co-handling unit.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// use deputy_work::common::UnitId;
    /// assert!(state(1).handled_by(UnitId::new(101)) && !state(1).handled_by(UnitId::new(102)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn handled_by(&self, unit: UnitId) -> bool {
        self.lead_unit == Some(unit)
            || self.co_units.contains(&unit)
            || self.separately.iter().any(|h| h.unit == unit)
    }

    /// The units that reply: the lead unit, or every unit handling
    /// separately (none for a self-handled item).
    ///
    /// ```
    /// use deputy_work::common::{SuggestionId, UnitId};
    /// use deputy_work::suggestion::SuggestionState;
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.lead_unit = Some(UnitId::new(3));
    /// assert_eq!(s.replying_units(), [UnitId::new(3)]);
    /// ```
    #[must_use]
    pub fn replying_units(&self) -> Vec<UnitId> {
        self.lead_unit
            .into_iter()
            .chain(self.separately.iter().map(|h| h.unit))
            .collect()
    }

    /// One unit's own handling, when the item is handled separately.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{SuggestionId, UnitId};
    /// use deputy_work::suggestion::{Deadline, SuggestionState, UnitHandling};
    /// let due = Deadline::new(NaiveDate::from_ymd_opt(2025, 4, 15).unwrap(), 15)?;
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.separately.push(UnitHandling::new(UnitId::new(51), due));
    /// assert_eq!(s.handling_of(UnitId::new(51)).map(|h| h.reply), Some(due));
    /// assert!(s.handling_of(UnitId::new(52)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn handling_of(&self, unit: UnitId) -> Option<&UnitHandling> {
        self.separately.iter().find(|h| h.unit == unit)
    }

    /// Whether `unit` has accepted its assignment.
    ///
    /// ```
    /// use deputy_work::common::{SuggestionId, UnitId};
    /// use deputy_work::suggestion::SuggestionState;
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.accepted.push(UnitId::new(31));
    /// assert!(s.has_accepted(UnitId::new(31)) && !s.has_accepted(UnitId::new(32)));
    /// ```
    #[must_use]
    pub fn has_accepted(&self, unit: UnitId) -> bool {
        self.accepted.contains(&unit)
    }

    /// Who the reply goes to: the group for an item in a group's name, each
    /// deputy otherwise (lead, co-signers), then the lead deputies of
    /// merged items; deputies in id order, without repeats.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, SuggestionId};
    /// use deputy_work::suggestion::{Recipient, SuggestionState};
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.lead = Some(DeputyId::new(5));
    /// assert_eq!(s.reply_recipients(), [Recipient::Deputy(DeputyId::new(5))]);
    /// ```
    #[must_use]
    pub fn reply_recipients(&self) -> Vec<Recipient> {
        let Some(group) = self.group else {
            return self
                .owed_replies()
                .into_iter()
                .map(Recipient::Deputy)
                .collect();
        };
        let mut merged: Vec<DeputyId> = self.merged.iter().map(|m| m.lead).collect();
        merged.sort_unstable();
        merged.dedup();
        core::iter::once(Recipient::Group(group))
            .chain(
                merged
                    .into_iter()
                    .filter(|d| *d != group.convenor)
                    .map(Recipient::Deputy),
            )
            .collect()
    }

    /// How many times the matter has been raised: this item and every
    /// linked earlier item that was not solved.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{LinkedItem, SuggestionState};
    /// let mut s = SuggestionState::new(SuggestionId::new(3));
    /// s.linked = vec![LinkedItem { id: SuggestionId::new(1), solved: false }, LinkedItem { id: SuggestionId::new(2), solved: true }];
    /// assert_eq!(s.times_raised(), 2);
    /// ```
    #[must_use]
    pub fn times_raised(&self) -> u32 {
        let unsolved = self.linked.iter().filter(|l| !l.solved).count();
        // Saturates at u32::MAX, its documented meaning: "at least", which
        // is what comparing with the policy's threshold needs.
        u32::try_from(unsolved).map_or(u32::MAX, |n| n.saturating_add(1))
    }

    /// Whether the item is solved: closed with a resolved class, or solved
    /// in the follow-up.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let state = |n| register.get(SuggestionId::new(n)).unwrap().state();
    /// assert!(state(1).is_solved(), "replied A");
    /// assert!(!state(132).is_solved(), "replied B, followed up");
    /// assert!(state(250_000).is_solved(), "an earlier B item solved in the look-back");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_solved(&self) -> bool {
        matches!(
            self.stage,
            Stage::Closed {
                resolved: true,
                follow_up: false,
                ..
            }
        )
    }

    /// The deputies owed a reply: the lead deputy, the co-signers and the
    /// lead deputies of merged suggestions, sorted, without repeats.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, SuggestionId};
    /// use deputy_work::suggestion::SuggestionState;
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.lead = Some(DeputyId::new(5));
    /// s.co_signers = vec![DeputyId::new(2), DeputyId::new(5)];
    /// assert_eq!(s.owed_replies(), [DeputyId::new(2), DeputyId::new(5)]);
    /// ```
    #[must_use]
    pub fn owed_replies(&self) -> Vec<DeputyId> {
        let mut all: Vec<DeputyId> = self
            .lead
            .into_iter()
            .chain(self.co_signers.iter().copied())
            .chain(self.merged.iter().map(|m| m.lead))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The deadline that is running now, if any: the reply deadline while
    /// assigned, the re-handling deadline, or the look-back's. For an item
    /// handled separately by several units, the earliest deadline of a
    /// unit that has not replied yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = register.get(SuggestionId::new(60)).unwrap().state();
    /// assert_eq!(late.deadline().map(|d| d.due), NaiveDate::from_ymd_opt(2025, 4, 19));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> Option<Deadline> {
        match self.stage {
            Stage::Assigned { .. } | Stage::Rehandling { .. } if !self.separately.is_empty() => {
                self.separately
                    .iter()
                    .filter(|h| h.replied.is_none())
                    .map(|h| h.reply)
                    .min()
            }
            Stage::Assigned { reply, .. } | Stage::Rehandling { reply } => Some(reply),
            Stage::Closed {
                follow_up: true,
                look_back,
                ..
            } => look_back,
            _ => None,
        }
    }

    /// The running deadline's due date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = register.get(SuggestionId::new(60)).unwrap().state();
    /// assert_eq!(late.due_date(), NaiveDate::from_ymd_opt(2025, 4, 19));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.deadline().map(|d| d.due)
    }

    /// Days left on the running deadline as of `as_of` (negative: overdue).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = register.get(SuggestionId::new(60)).unwrap().state();
    /// assert_eq!(late.days_left(as_of), Some(-6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_left(&self, as_of: NaiveDate) -> Option<i64> {
        self.deadline().map(|d| d.days_left(as_of))
    }

    /// Whether the running deadline has passed as of `as_of`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let register = SampleYear::ORDOS_2025.register_as_of(as_of)?;
    /// let late = register.get(SuggestionId::new(60)).unwrap().state();
    /// assert!(late.overdue(as_of));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        self.deadline().is_some_and(|d| d.overdue(as_of))
    }

    /// Whether co-handling unit `unit` has sent its views.
    ///
    /// ```
    /// use deputy_work::common::{SuggestionId, UnitId};
    /// use deputy_work::suggestion::SuggestionState;
    /// let mut s = SuggestionState::new(SuggestionId::new(1));
    /// s.co_units = vec![UnitId::new(32), UnitId::new(33)];
    /// s.views_sent = 0b10;
    /// assert!(s.views_sent_by(UnitId::new(33)) && !s.views_sent_by(UnitId::new(32)));
    /// ```
    #[must_use]
    pub fn views_sent_by(&self, unit: UnitId) -> bool {
        self.co_units
            .iter()
            .position(|u| *u == unit)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(|i| 1_u32.checked_shl(i))
            .is_some_and(|bit| self.views_sent & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap_or(NaiveDate::MIN)
    }

    /// A deadline due 30 June with 15 days' warning, day by day around its
    /// edges: (as of, days left, days overdue, overdue, warning, late).
    #[test]
    fn a_deadline_day_by_day() {
        let deadline = Deadline::new(d(6, 30), 15).unwrap();
        assert_eq!(deadline.warn_from, d(6, 15));
        let table = [
            (d(6, 1), 29, -29, false, false, false),
            (d(6, 14), 16, -16, false, false, false),
            (d(6, 15), 15, -15, false, true, false),
            (d(6, 29), 1, -1, false, true, false),
            (d(6, 30), 0, 0, false, true, false),
            (d(7, 1), -1, 1, true, false, true),
            (d(7, 31), -31, 31, true, false, true),
        ];
        for (as_of, left, over, overdue, warning, late) in table {
            let got = (
                deadline.days_left(as_of),
                deadline.days_overdue(as_of),
                deadline.overdue(as_of),
                deadline.warning(as_of),
                deadline.late(as_of),
            );
            assert_eq!(got, (left, over, overdue, warning, late), "{as_of}");
        }
    }

    /// Contacts by phase, and whether all three visits (三访) were made:
    /// every combination of phases with and without a contact.
    #[test]
    fn contacts_cover_all_three_phases_only_when_each_has_one() {
        for mask in 0_u32..8 {
            let c = ContactCounts {
                before: mask & 1,
                during: (mask >> 1 & 1) * 2,
                after: (mask >> 2 & 1) * 3,
                face_to_face: 0,
            };
            assert_eq!(c.covers_all(), mask == 7, "{c:?}");
            let by_phase = ContactPhase::ALL.map(|p| c.get(p));
            assert_eq!(by_phase, [c.before, c.during, c.after]);
        }
    }

    /// Open, closed or dropped, stage by stage: open from submission until
    /// closed, unless dropped (withdrawn, merged, not registered).
    #[test]
    fn open_closed_and_dropped_by_stage() {
        let closed = Stage::Closed {
            on: d(9, 1),
            resolved: true,
            follow_up: false,
            look_back: None,
        };
        let merged = Stage::Merged {
            into: SuggestionId::new(2),
        };
        // (stage, open, closed, dropped)
        let table = [
            (Stage::Empty, false, false, false),
            (Stage::Draft, false, false, false),
            (Stage::Submitted, true, false, false),
            (Stage::Registered, true, false, false),
            (Stage::Replied, true, false, false),
            (Stage::Escalated, true, false, false),
            (Stage::Withdrawn, false, false, true),
            (merged, false, false, true),
            (closed, false, true, false),
        ];
        for (stage, open, is_closed, dropped) in table {
            let mut s = SuggestionState::new(SuggestionId::new(1));
            s.stage = stage;
            let got = (s.is_open(), s.is_closed(), s.is_dropped());
            assert_eq!(got, (open, is_closed, dropped), "{stage:?}");
        }
    }

    /// What actors, recipients, phases and stages read as, in English and
    /// Chinese.
    #[test]
    fn actors_recipients_and_stages_read_as_written() {
        let actors = [
            (
                Actor::Deputy(DeputyId::new(1)),
                "deputy D1",
                "代表",
                "deputy",
            ),
            (
                Actor::Office(PersonId::new(2)),
                "office M2",
                "代表工作机构",
                "office",
            ),
            (Actor::Unit(UnitId::new(31)), "unit U31", "承办单位", "unit"),
            (
                Actor::Supervisor(PersonId::new(7)),
                "supervisor M7",
                "督办领导",
                "supervisor",
            ),
            (
                Actor::StandingCommittee,
                "standing committee",
                "常委会",
                "standing committee",
            ),
        ];
        for (a, shown, zh, en) in actors {
            assert_eq!(a.to_string(), shown);
            assert_eq!((a.label_zh(), a.label_en()), (zh, en));
        }
        let group = |via| ProposerGroup {
            kind: GroupKind::Delegation,
            group: UnitId::new(3501),
            convenor: DeputyId::new(7),
            via,
        };
        assert_eq!(
            Recipient::Group(group(Some(UnitId::new(35)))).to_string(),
            "delegation U3501 via U35"
        );
        assert_eq!(
            Recipient::Group(group(None)).to_string(),
            "delegation U3501"
        );
        assert_eq!(Recipient::Deputy(DeputyId::new(4)).to_string(), "deputy D4");
        assert_eq!(ContactPhase::After.to_string(), "after the reply");
        assert_eq!(StageKind::Rehandling.to_string(), "re-handling");
        let closed = |follow_up| Stage::Closed {
            on: d(9, 1),
            resolved: false,
            follow_up,
            look_back: None,
        };
        assert_eq!(
            (closed(true).label_zh(), closed(true).label_en()),
            ("已办结（跟踪落实）", "closed (followed up)")
        );
        assert_eq!(
            (closed(false).label_zh(), closed(false).label_en()),
            ("已办结", "closed")
        );
        assert_eq!(Stage::Replied.label_zh(), "已答复");
    }
}

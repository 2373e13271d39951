//! Commands: what an actor asks for, on a date. `decide` holds every rule.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::model::{Deadline, Stage, SuggestionState};
use super::policy::SeveralUnitsClass;
use super::policy::{FeedbackRule, add_months};
use super::{
    Actor, Code, ContactPhase, Event, Feedback, FeedbackRecord, KeyFlag, LinkedItem, MergedItem,
    Policy, ProposerGroup, ReplyRecord, SuggestionError,
};
use crate::common::{Calendar, DeputyId, Labelled, PersonId, SuggestionId, UnitId, labelled_enum};

/// The most co-handling units one assignment may name, and the most units
/// a separate assignment may name.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{PersonId, SuggestionId, UnitId, WeekendCalendar};
/// use deputy_work::suggestion::{decide, Action, Actor, Command, Policy, Stage, SuggestionError, SuggestionState, MAX_CO_UNITS};
/// let mut s = SuggestionState::new(SuggestionId::new(1));
/// s.stage = Stage::Registered;
/// let co_units: Vec<UnitId> = (2..=18).map(UnitId::new).collect();
/// let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let assign = Command::new(day, Actor::Office(PersonId::new(1)), Action::Assign { lead_unit: UnitId::new(1), co_units });
/// assert_eq!(
///     decide(&s, &assign, &Policy::seed(), &WeekendCalendar),
///     Err(SuggestionError::TooManyUnits { count: 17, max: MAX_CO_UNITS })
/// );
/// ```
pub const MAX_CO_UNITS: usize = 16;

/// The most earlier suggestions one item may name ([`Action::Link`]).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{PersonId, SuggestionId, WeekendCalendar};
/// use deputy_work::suggestion::{decide, Action, Actor, Command, LinkedItem, Policy, Stage, SuggestionError, SuggestionState, MAX_LINKS};
/// let mut s = SuggestionState::new(SuggestionId::new(1));
/// s.stage = Stage::Registered;
/// let earlier: Vec<LinkedItem> = (2..=18).map(|n| LinkedItem { id: SuggestionId::new(n), solved: false }).collect();
/// let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let link = Command::new(day, Actor::Office(PersonId::new(1)), Action::Link { earlier });
/// assert!(matches!(
///     decide(&s, &link, &Policy::seed(), &WeekendCalendar),
///     Err(SuggestionError::BadLink { max: MAX_LINKS, .. })
/// ));
/// ```
pub const MAX_LINKS: usize = 16;

/// The office's pre-review (前置审查) of a submitted suggestion: legality,
/// necessity and operability.
///
/// ```
/// use deputy_work::suggestion::ReviewChecks;
/// assert_eq!(ReviewChecks::PASSED.failed(), None);
/// let no = ReviewChecks { operable: false, ..ReviewChecks::PASSED };
/// assert_eq!(no.failed(), Some("operability"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReviewChecks {
    /// Lawful (合法性).
    pub legal: bool,
    /// Necessary (必要性).
    pub necessary: bool,
    /// Operable (可操作性).
    pub operable: bool,
}

impl ReviewChecks {
    /// All three checks passed.
    ///
    /// ```
    /// use deputy_work::suggestion::ReviewChecks;
    /// let p = ReviewChecks::PASSED;
    /// assert!(p.legal && p.necessary && p.operable);
    /// ```
    pub const PASSED: Self = Self {
        legal: true,
        necessary: true,
        operable: true,
    };

    /// The first failed check's name, if any.
    ///
    /// ```
    /// use deputy_work::suggestion::ReviewChecks;
    /// let c = ReviewChecks { legal: false, necessary: false, operable: true };
    /// assert_eq!(c.failed(), Some("legality"), "the first that failed");
    /// ```
    #[must_use]
    pub const fn failed(&self) -> Option<&'static str> {
        if !self.legal {
            Some("legality")
        } else if !self.necessary {
            Some("necessity")
        } else if !self.operable {
            Some("operability")
        } else {
            None
        }
    }
}

/// What a command asks for.
///
/// ```
/// use deputy_work::suggestion::{Action, Step};
/// assert_eq!(Action::Submit.step(), Step::Submit);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Action {
    /// Draft a suggestion (the actor becomes the lead deputy).
    Draft {
        /// The title.
        title: String,
        /// The co-signers (not the lead, no repeats).
        co_signers: Vec<DeputyId>,
    },
    /// Submit the draft.
    Submit,
    /// Pre-review passed: register.
    Register {
        /// The pre-review's three checks; all must pass.
        checks: ReviewChecks,
    },
    /// Do not register, for one of the policy's reasons.
    Decline {
        /// The reason's code (from the policy's list).
        reason: String,
        /// Turn it into a reference opinion.
        reference_opinion: bool,
    },
    /// Withdraw (before assignment).
    Withdraw,
    /// Merge this suggestion into `primary` (use
    /// [`super::Register::merge`] to do both sides at once).
    MergeInto {
        /// The suggestion it joins.
        primary: SuggestionId,
    },
    /// Take in a merged suggestion (the primary's side).
    Absorb {
        /// The merged suggestion and its lead deputy.
        item: MergedItem,
    },
    /// Assign to a lead unit and co-handling units.
    Assign {
        /// The lead unit.
        lead_unit: UnitId,
        /// The co-handling units.
        co_units: Vec<UnitId>,
    },
    /// A unit disputes its assignment, within the window.
    Dispute {
        /// Its reasons.
        reason: String,
    },
    /// Re-assign after a dispute.
    Reassign {
        /// The lead unit.
        lead_unit: UnitId,
        /// The co-handling units.
        co_units: Vec<UnitId>,
    },
    /// A co-handling unit sends its views to the lead unit.
    SendViews,
    /// The lead unit asks to extend the reply deadline to `until`.
    RequestExtension {
        /// The new due date asked for.
        until: NaiveDate,
    },
    /// The office grants a unit's pending extension.
    GrantExtension {
        /// The unit that asked (the lead unit, or a unit handling
        /// separately).
        unit: UnitId,
    },
    /// The lead unit replies with a class.
    Reply {
        /// The class code (from the policy).
        class: String,
    },
    /// A proposer gives feedback on the reply.
    Feedback {
        /// The verdict on the result.
        verdict: Feedback,
        /// The rating of the unit's attitude, given apart from the result
        /// (or not at all).
        attitude: Option<Feedback>,
    },
    /// Close a replied item without feedback, or an escalated one.
    Close,
    /// Flag as a key suggestion.
    MarkKey {
        /// The supervising leader.
        leader: PersonId,
        /// The supervising committee.
        committee: UnitId,
    },
    /// Urge the handling (催办).
    Remind,
    /// Start a look-back (回头看) on a followed-up item.
    LookBack,
    /// The lead unit's follow-up reply.
    FollowUpReply {
        /// The class code (from the policy).
        class: String,
    },
    /// Draft a suggestion in a delegation's or deputy group's name (the
    /// actor must be the group's convenor).
    DraftForGroup {
        /// The title.
        title: String,
        /// The group.
        group: ProposerGroup,
    },
    /// Assign to several units that each handle it and reply separately
    /// (分别交办, Fujian F20); also after a dispute.
    AssignSeparately {
        /// The units (2 to [`MAX_CO_UNITS`], no repeats).
        units: Vec<UnitId>,
    },
    /// A unit accepts its assignment (签收).
    Accept,
    /// The office handles the item itself (自行办理), if the policy
    /// provides for it.
    HandleSelf,
    /// A unit (or the office, for a self-handled item) records a contact
    /// with a proposer.
    Contact {
        /// The deputy contacted (a proposer).
        deputy: DeputyId,
        /// Before, during or after handling.
        phase: ContactPhase,
        /// Face to face.
        face_to_face: bool,
    },
    /// Keep the proposers out of public exports.
    MarkConfidential,
    /// Name earlier suggestions on the same matter (use
    /// [`super::Register::link`] to have the register say whether each was
    /// solved).
    Link {
        /// The earlier items.
        earlier: Vec<LinkedItem>,
    },
    /// Carry a key suggestion not solved within the year into a later year,
    /// by a recorded decision.
    CarryOver {
        /// The year it is carried into.
        year: i32,
        /// The decision (who decided, its reference).
        decision: String,
    },
}

labelled_enum! {
    /// The kinds of [`Action`], for errors, tables and labels.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::Step;
    /// assert_eq!(Step::Remind.label_zh(), "催办");
    /// assert_eq!(Step::ALL.len(), 29);
    /// ```
    #[non_exhaustive]
    pub enum Step in suggestion {
        /// Draft a suggestion (起草).
        Draft = "draft", "起草", "draft";
        /// Submit it (提交).
        Submit = "submit", "提交", "submit";
        /// Register it after pre-review (立案).
        Register = "register", "立案", "register";
        /// Do not register it (不予立案).
        Decline = "decline", "不予立案", "decline";
        /// Withdraw it (撤回).
        Withdraw = "withdraw", "撤回", "withdraw";
        /// Merge it into another (并案).
        MergeInto = "merge_into", "并案", "merge into";
        /// Take in a merged suggestion (并入主件).
        Absorb = "absorb", "并入主件", "absorb";
        /// Assign it to units (交办).
        Assign = "assign", "交办", "assign";
        /// Dispute the assignment (申请调整交办).
        Dispute = "dispute", "申请调整交办", "dispute";
        /// Re-assign after a dispute (重新交办).
        Reassign = "reassign", "重新交办", "reassign";
        /// Send co-handling views (提出协办意见).
        SendViews = "send_views", "提出协办意见", "send views";
        /// Ask for an extension (申请延期).
        RequestExtension = "request_extension", "申请延期", "request extension";
        /// Grant the extension (同意延期).
        GrantExtension = "grant_extension", "同意延期", "grant extension";
        /// Reply with a class (答复).
        Reply = "reply", "答复", "reply";
        /// Give feedback (反馈意见).
        Feedback = "feedback", "反馈意见", "feedback";
        /// Close it (办结).
        Close = "close", "办结", "close";
        /// Flag it as a key suggestion (确定重点督办).
        MarkKey = "mark_key", "确定重点督办", "mark key";
        /// Urge the handling (催办).
        Remind = "remind", "催办", "remind";
        /// Start a look-back (回头看).
        LookBack = "look_back", "回头看", "look back";
        /// Reply in the follow-up (跟踪落实答复).
        FollowUpReply = "follow_up_reply", "跟踪落实答复", "follow-up reply";
        /// Draft in a group's name (以代表团或代表小组名义起草).
        DraftForGroup = "draft_for_group", "以团组名义起草", "draft for a group";
        /// Assign to several units separately (分别交办).
        AssignSeparately = "assign_separately", "分别交办", "assign separately";
        /// Accept an assignment (签收).
        Accept = "accept", "签收", "accept";
        /// Handle the item in the office (自行办理).
        HandleSelf = "handle_self", "自行办理", "handle in the office";
        /// Contact a proposer (联系代表).
        Contact = "contact", "联系代表", "contact";
        /// Keep the proposers confidential (保密).
        MarkConfidential = "mark_confidential", "保密处理", "mark confidential";
        /// Link earlier suggestions (关联以往建议).
        Link = "link", "关联以往建议", "link";
        /// Carry over into a later year (跨年度跟踪).
        CarryOver = "carry_over", "跨年度跟踪", "carry over";
        /// Not a command: the step name used when replaying a trail.
        Replay = "replay", "重放", "replay";
    }
}

impl core::fmt::Display for Step {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.label_en())
    }
}

impl Action {
    /// The step this action is.
    ///
    /// ```
    /// use deputy_work::suggestion::{Action, Step};
    /// assert_eq!(Action::Reply { class: "A".into() }.step(), Step::Reply);
    /// ```
    #[must_use]
    pub const fn step(&self) -> Step {
        match self {
            Self::Draft { .. } => Step::Draft,
            Self::Submit => Step::Submit,
            Self::Register { .. } => Step::Register,
            Self::Decline { .. } => Step::Decline,
            Self::Withdraw => Step::Withdraw,
            Self::MergeInto { .. } => Step::MergeInto,
            Self::Absorb { .. } => Step::Absorb,
            Self::Assign { .. } => Step::Assign,
            Self::Dispute { .. } => Step::Dispute,
            Self::Reassign { .. } => Step::Reassign,
            Self::SendViews => Step::SendViews,
            Self::RequestExtension { .. } => Step::RequestExtension,
            Self::GrantExtension { .. } => Step::GrantExtension,
            Self::Reply { .. } => Step::Reply,
            Self::Feedback { .. } => Step::Feedback,
            Self::Close => Step::Close,
            Self::MarkKey { .. } => Step::MarkKey,
            Self::Remind => Step::Remind,
            Self::LookBack => Step::LookBack,
            Self::FollowUpReply { .. } => Step::FollowUpReply,
            Self::DraftForGroup { .. } => Step::DraftForGroup,
            Self::AssignSeparately { .. } => Step::AssignSeparately,
            Self::Accept => Step::Accept,
            Self::HandleSelf => Step::HandleSelf,
            Self::Contact { .. } => Step::Contact,
            Self::MarkConfidential => Step::MarkConfidential,
            Self::Link { .. } => Step::Link,
            Self::CarryOver { .. } => Step::CarryOver,
        }
    }
}

/// A command: an action, the date it happens and the actor who gives it.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::DeputyId;
/// use deputy_work::suggestion::{Action, Actor, Command, Step};
/// let c = Command::new(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::Deputy(DeputyId::new(1)), Action::Submit);
/// assert_eq!(c.action.step(), Step::Submit);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Command {
    /// The date it happens.
    pub date: NaiveDate,
    /// The time of day, if the platform records it (kept on the trail
    /// entries; on one date, times never go back).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<NaiveTime>,
    /// Who gives it.
    pub actor: Actor,
    /// What it asks for.
    pub action: Action,
}

impl Command {
    /// A command with no time of day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::{Action, Actor, Command, Step};
    /// let c = Command::new(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), Actor::StandingCommittee, Action::Remind);
    /// assert_eq!((c.time, c.action.step()), (None, Step::Remind));
    /// ```
    #[must_use]
    pub const fn new(date: NaiveDate, actor: Actor, action: Action) -> Self {
        Self {
            date,
            time: None,
            actor,
            action,
        }
    }

    /// The same command at a time of day.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::suggestion::{Action, Actor, Command};
    /// let nine = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
    /// let c = Command::new(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::Deputy(DeputyId::new(1)), Action::Submit).at(nine);
    /// assert_eq!(c.time, Some(nine));
    /// ```
    #[must_use]
    pub const fn at(mut self, time: NaiveTime) -> Self {
        self.time = Some(time);
        self
    }
}

/// Whether `step` can be taken in `stage` at all.
///
/// ```
/// use deputy_work::suggestion::{step_allowed_in, Stage, Step};
/// assert!(step_allowed_in(Step::Submit, &Stage::Draft));
/// assert!(!step_allowed_in(Step::Submit, &Stage::Registered));
/// ```
#[must_use]
pub const fn step_allowed_in(step: Step, stage: &Stage) -> bool {
    use Stage as S;
    match step {
        Step::Draft | Step::DraftForGroup => matches!(stage, S::Empty),
        Step::Submit => matches!(stage, S::Draft),
        Step::Register | Step::Decline => matches!(stage, S::Submitted),
        Step::Withdraw => matches!(stage, S::Draft | S::Submitted | S::Registered),
        Step::MergeInto | Step::Absorb | Step::Assign | Step::HandleSelf => {
            matches!(stage, S::Registered)
        }
        Step::AssignSeparately => matches!(stage, S::Registered | S::Disputed { .. }),
        Step::Dispute | Step::SendViews | Step::Accept | Step::GrantExtension => {
            matches!(stage, S::Assigned { .. })
        }
        Step::Contact => matches!(
            stage,
            S::Assigned { .. }
                | S::Rehandling { .. }
                | S::Replied
                | S::Escalated
                | S::Closed { .. }
        ),
        Step::MarkConfidential => !matches!(
            stage,
            S::Empty | S::NotRegistered { .. } | S::Withdrawn | S::Merged { .. }
        ),
        Step::Link => matches!(stage, S::Registered | S::Assigned { .. }),
        Step::CarryOver => matches!(
            stage,
            S::Assigned { .. }
                | S::Rehandling { .. }
                | S::Replied
                | S::Escalated
                | S::Closed {
                    follow_up: true,
                    ..
                }
        ),
        Step::RequestExtension => matches!(
            stage,
            S::Assigned {
                extension_requested: None,
                ..
            }
        ),
        Step::Reassign => matches!(stage, S::Disputed { .. }),
        Step::Reply => matches!(stage, S::Assigned { .. } | S::Rehandling { .. }),
        Step::Feedback => matches!(stage, S::Replied),
        Step::Close => matches!(stage, S::Replied | S::Escalated),
        Step::MarkKey => matches!(
            stage,
            S::Registered
                | S::Assigned { .. }
                | S::Disputed { .. }
                | S::Replied
                | S::Rehandling { .. }
                | S::Escalated
        ),
        Step::Remind => matches!(
            stage,
            S::Assigned { .. }
                | S::Rehandling { .. }
                | S::Closed {
                    follow_up: true,
                    ..
                }
        ),
        Step::LookBack | Step::FollowUpReply => matches!(
            stage,
            S::Closed {
                follow_up: true,
                ..
            }
        ),
        Step::Replay => false,
    }
}

/// Whether `actor` may give `step` on this suggestion.
///
/// | step | who |
/// |---|---|
/// | draft | any deputy (who becomes the lead deputy) |
/// | draft for a group | the group's convenor |
/// | submit, withdraw | the lead deputy (a group's convenor) |
/// | register, decline, merge, absorb, assign, assign separately, reassign, grant extension, look back, handle in the office, link | the office |
/// | dispute, accept, contact | a unit handling it (lead, co-handling or separate) |
/// | send views | a co-handling unit |
/// | request extension, reply, follow-up reply | the lead unit, or a unit handling separately |
/// | reply, follow-up reply, contact on a self-handled item | the office |
/// | feedback | a proposer (lead deputy, co-signer, lead deputy of a merged item) |
/// | close | the office or the standing committee |
/// | mark key, carry over | the standing committee |
/// | remind | the office, a supervisor or the standing committee |
/// | mark confidential | the lead deputy or the office |
///
/// ```
/// use deputy_work::common::{DeputyId, SuggestionId};
/// use deputy_work::suggestion::{may_give, Actor, Step, SuggestionState};
/// let mut s = SuggestionState::new(SuggestionId::new(1));
/// s.lead = Some(DeputyId::new(1));
/// s.co_signers = vec![DeputyId::new(2)];
/// assert!(may_give(&s, &Actor::Deputy(DeputyId::new(1)), Step::Withdraw));
/// assert!(!may_give(&s, &Actor::Deputy(DeputyId::new(2)), Step::Withdraw));
/// ```
#[must_use]
pub fn may_give(state: &SuggestionState, actor: &Actor, step: Step) -> bool {
    match (step, actor) {
        // The convenor: checked against the action's group by `decide`.
        (Step::Draft | Step::DraftForGroup, Actor::Deputy(_)) => true,
        (Step::Submit | Step::Withdraw, Actor::Deputy(d)) => state.lead == Some(*d),
        (
            Step::Register
            | Step::Decline
            | Step::MergeInto
            | Step::Absorb
            | Step::Assign
            | Step::AssignSeparately
            | Step::Reassign
            | Step::GrantExtension
            | Step::LookBack
            | Step::HandleSelf
            | Step::Link,
            Actor::Office(_),
        )
        | (Step::Close, Actor::Office(_) | Actor::StandingCommittee)
        | (Step::MarkKey | Step::CarryOver, Actor::StandingCommittee)
        | (Step::Remind, Actor::Office(_) | Actor::Supervisor(_) | Actor::StandingCommittee) => {
            true
        }
        (Step::Dispute | Step::Accept | Step::Contact, Actor::Unit(u)) => state.handled_by(*u),
        (Step::SendViews, Actor::Unit(u)) => state.co_units.contains(u),
        (Step::RequestExtension | Step::Reply | Step::FollowUpReply, Actor::Unit(u)) => {
            state.lead_unit == Some(*u) || state.handling_of(*u).is_some()
        }
        (Step::Reply | Step::FollowUpReply | Step::Contact, Actor::Office(_)) => state.self_handled,
        (Step::Feedback, Actor::Deputy(d)) => state.is_proposer(*d),
        (Step::MarkConfidential, Actor::Deputy(d)) => state.lead == Some(*d),
        (Step::MarkConfidential, Actor::Office(_)) => true,
        _ => false,
    }
}

/// Decides a command against the state: every business rule lives here.
/// Returns the events to apply, or an error; it never changes anything.
///
/// Cost: linear in the command and in the state's lists it checks, except
/// where noted: a draft's co-signers are checked for repeats in O(k log k)
/// for k co-signers; an absorbed item is checked against
/// every item merged before; a reply class is looked up among the policy's.
/// An assignment (Assign, Reassign, AssignSeparately) asks the calendar about
/// each day of the dispute window: O(`dispute_window_working_days`) calendar
/// calls, at most [`MAX_DISPUTE_WINDOW_WORKING_DAYS`](super::MAX_DISPUTE_WINDOW_WORKING_DAYS)
/// working days (before that limit, a window of 4,294,967,295 walked to
/// chrono's last date, about 95 million days and 0.6 s with
/// [`WeekendCalendar`](crate::common::WeekendCalendar)). Memory: the events,
/// with copies of the command's lists.
///
/// The checks, in order: the date does not go before the last event's
/// ([`SuggestionError::DateGoesBack`]); the step is possible in the stage
/// ([`SuggestionError::WrongStage`]); the actor may give it
/// ([`SuggestionError::NotAllowed`]); then the step's own rules.
///
/// # Errors
/// Any [`SuggestionError`] naming what is wrong.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
/// use deputy_work::suggestion::{decide, Action, Actor, Command, Policy, SuggestionError, SuggestionState};
/// let s = SuggestionState::new(SuggestionId::new(1));
/// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let draft = Command::new(date, Actor::Deputy(DeputyId::new(1)), Action::Draft { title: "修缮校舍".into(), co_signers: vec![] });
/// let events = decide(&s, &draft, &Policy::seed(), &WeekendCalendar)?;
/// assert_eq!(events[0].name(), "drafted");
/// let submit = Command::new(date, Actor::Deputy(DeputyId::new(1)), Action::Submit);
/// assert!(matches!(decide(&s, &submit, &Policy::seed(), &WeekendCalendar), Err(SuggestionError::WrongStage { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide<C: Calendar + ?Sized>(
    state: &SuggestionState,
    command: &Command,
    policy: &Policy,
    calendar: &C,
) -> Result<Vec<Event>, SuggestionError> {
    let mut events = Vec::new();
    decide_into(state, command, policy, calendar, &mut events)?;
    Ok(events)
}

/// [`decide`], appending the events to `out` (which a caller deciding many
/// commands reuses). On an error, `out` may hold some of the command's
/// events: the caller drops them.
pub(crate) fn decide_into<C: Calendar + ?Sized>(
    state: &SuggestionState,
    command: &Command,
    policy: &Policy,
    calendar: &C,
    out: &mut Vec<Event>,
) -> Result<(), SuggestionError> {
    let Command {
        date,
        time,
        actor,
        action,
    } = command;
    let date = *date;
    let step = action.step();
    super::event::in_order(state, date, *time)?;
    if !step_allowed_in(step, &state.stage) {
        return Err(SuggestionError::WrongStage {
            step,
            stage: state.stage.kind(),
        });
    }
    if !may_give(state, actor, step) {
        return Err(SuggestionError::NotAllowed {
            actor: *actor,
            step,
        });
    }
    let deadlines = policy.deadlines();
    let deadline = |from: NaiveDate, months: u32| {
        Deadline::new(add_months(from, months)?, deadlines.warning_days)
    };
    match action {
        Action::Draft { title, co_signers } => {
            let Actor::Deputy(lead) = *actor else {
                return Err(SuggestionError::NotAllowed {
                    actor: *actor,
                    step,
                });
            };
            if title.trim().is_empty() {
                return Err(SuggestionError::EmptyTitle);
            }
            // The first co-signer who is the lead or is listed again later:
            // each deputy's last place, then one pass (O(k log k)).
            let last: std::collections::BTreeMap<DeputyId, usize> = co_signers
                .iter()
                .enumerate()
                .map(|(i, d)| (*d, i))
                .collect();
            for (i, d) in co_signers.iter().enumerate() {
                if *d == lead || last.get(d) != Some(&i) {
                    return Err(SuggestionError::RepeatedDeputy { deputy: *d });
                }
            }
            out.push(Event::Drafted {
                lead,
                title: title.clone(),
                co_signers: co_signers.clone(),
            })
        }
        Action::Submit => out.push(Event::Submitted),
        Action::Register { checks } => {
            if let Some(check) = checks.failed() {
                return Err(SuggestionError::ReviewFailed { check });
            }
            out.push(Event::Registered)
        }
        Action::Decline {
            reason,
            reference_opinion,
        } => {
            let r = policy
                .reason(reason)
                .ok_or_else(|| SuggestionError::UnknownReason {
                    code: reason.clone(),
                })?;
            out.push(Event::NotRegistered {
                reason: r.code,
                reference_opinion: *reference_opinion,
            })
        }
        Action::Withdraw => out.push(Event::Withdrawn),
        Action::MergeInto { primary } => {
            if *primary == state.id {
                return Err(SuggestionError::MergeIntoSelf { id: state.id });
            }
            out.push(Event::MergedInto { primary: *primary })
        }
        Action::Absorb { item } => {
            if item.id == state.id || state.merged.iter().any(|m| m.id == item.id) {
                return Err(SuggestionError::MergeIntoSelf { id: item.id });
            }
            out.push(Event::Absorbed { item: *item })
        }
        Action::Assign {
            lead_unit,
            co_units,
        }
        | Action::Reassign {
            lead_unit,
            co_units,
        } => {
            if co_units.len() > MAX_CO_UNITS {
                return Err(SuggestionError::TooManyUnits {
                    count: co_units.len(),
                    max: MAX_CO_UNITS,
                });
            }
            for (i, u) in co_units.iter().enumerate() {
                if u == lead_unit || co_units.iter().skip(i).skip(1).any(|o| o == u) {
                    return Err(SuggestionError::RepeatedUnit { unit: *u });
                }
            }
            let dispute_until = calendar
                .add_working_days(date, deadlines.dispute_window_working_days)
                .ok_or(SuggestionError::DateOutOfRange { from: date })?;
            out.push(Event::Assigned {
                lead_unit: *lead_unit,
                co_units: co_units.clone(),
                reply: deadline(date, deadlines.reply_months)?,
                dispute_until,
                views_due: add_months(date, deadlines.co_views_months)?,
            })
        }
        Action::Dispute { reason } => {
            let (Actor::Unit(unit), Stage::Assigned { dispute_until, .. }) = (*actor, state.stage)
            else {
                return Err(SuggestionError::WrongStage {
                    step,
                    stage: state.stage.kind(),
                });
            };
            if state.has_accepted(unit) {
                return Err(SuggestionError::AlreadyAccepted { unit });
            }
            if date > dispute_until {
                return Err(SuggestionError::DisputeWindowClosed {
                    unit,
                    until: dispute_until,
                    date,
                });
            }
            out.push(Event::Disputed {
                unit,
                reason: reason.clone(),
            })
        }
        Action::SendViews => {
            let (Actor::Unit(unit), Stage::Assigned { views_due, .. }) = (*actor, state.stage)
            else {
                return Err(SuggestionError::WrongStage {
                    step,
                    stage: state.stage.kind(),
                });
            };
            if state.views_sent_by(unit) {
                return Err(SuggestionError::ViewsAlreadySent { unit });
            }
            must_have_accepted(state, policy, unit)?;
            out.push(Event::ViewsSent {
                unit,
                late: date > views_due,
            })
        }
        Action::RequestExtension { until } => {
            let (Actor::Unit(unit), Stage::Assigned { on, reply, .. }) = (*actor, state.stage)
            else {
                return Err(SuggestionError::WrongStage {
                    step,
                    stage: state.stage.kind(),
                });
            };
            must_have_accepted(state, policy, unit)?;
            let due = match state.handling_of(unit) {
                Some(h) if h.extension_requested.is_some() || h.replied.is_some() => {
                    return Err(SuggestionError::WrongStage {
                        step,
                        stage: state.stage.kind(),
                    });
                }
                Some(h) => h.reply.due,
                None => reply.due,
            };
            let max = add_months(on, deadlines.extension_max_months)?;
            if *until <= due {
                return Err(SuggestionError::ExtensionNotLater { until: *until, due });
            }
            if *until > max {
                return Err(SuggestionError::ExtensionTooLong { until: *until, max });
            }
            out.push(Event::ExtensionRequested {
                unit,
                until: *until,
            });
            if !deadlines.extension_needs_consent {
                out.push(Event::ExtensionGranted {
                    unit,
                    reply: Deadline::new(*until, deadlines.warning_days)?,
                });
            }
        }
        Action::GrantExtension { unit } => {
            let pending = match (state.handling_of(*unit), state.stage) {
                (Some(h), _) => h.extension_requested,
                (
                    None,
                    Stage::Assigned {
                        extension_requested,
                        ..
                    },
                ) if state.lead_unit == Some(*unit) => extension_requested,
                _ => None,
            };
            let Some(until) = pending else {
                return Err(SuggestionError::NoExtensionPending { unit: *unit });
            };
            out.push(Event::ExtensionGranted {
                unit: *unit,
                reply: Deadline::new(until, deadlines.warning_days)?,
            })
        }
        Action::Reply { class } => {
            let c = known_class(policy, class)?;
            if let Actor::Unit(unit) = *actor {
                must_have_accepted(state, policy, unit)?;
                if let Some(h) = state.handling_of(unit) {
                    return separate_reply(state, policy, unit, h.reply, c, date, out);
                }
            }
            let due = state.deadline().map(|d| d.due);
            out.push(Event::Replied {
                reply: ReplyRecord {
                    class: c,
                    on: date,
                    late: due.is_some_and(|d| date > d),
                },
            })
        }
        Action::Feedback { verdict, attitude } => {
            let Actor::Deputy(by) = *actor else {
                return Err(SuggestionError::NotAllowed {
                    actor: *actor,
                    step,
                });
            };
            if state.verdict_of(by).is_some() {
                return Err(SuggestionError::FeedbackAlreadyGiven { deputy: by });
            }
            out.push(Event::FeedbackGiven {
                feedback: FeedbackRecord {
                    by,
                    verdict: *verdict,
                    attitude: *attitude,
                    on: date,
                },
            });
            // Every proposer's verdict is recorded; the policy says when the
            // item is decided (Fujian F21: each deputy is replied to).
            let all_given = || {
                state
                    .owed_replies()
                    .iter()
                    .all(|d| *d == by || state.verdict_of(*d).is_some())
            };
            let worst = || {
                state
                    .round
                    .iter()
                    .map(|f| f.verdict)
                    .fold(*verdict, Ord::max)
            };
            let decided = match policy.feedback_decides() {
                FeedbackRule::Lead => (state.lead == Some(by)).then_some(*verdict),
                FeedbackRule::AnyUnsatisfied if !verdict.is_satisfied() => Some(*verdict),
                FeedbackRule::All | FeedbackRule::AnyUnsatisfied => all_given().then(worst),
            };
            let Some(decided) = decided else {
                return Ok(());
            };
            // A matter raised repeatedly without being solved goes to the
            // committee as a second unsatisfied verdict would (Fujian F33).
            let repeated = policy
                .handling()
                .raised_repeatedly
                .is_some_and(|n| state.times_raised() >= n);
            if decided.is_satisfied() {
                out.push(closing(state, policy)?);
            } else if state.unsatisfied == 0 && !repeated {
                out.push(Event::RehandlingOrdered {
                    reply: deadline(date, deadlines.rehandling_months)?,
                });
            } else {
                out.push(Event::Escalated);
            }
        }
        Action::Close => out.push(closing(state, policy)?),
        Action::MarkKey { leader, committee } => out.push(Event::MarkedKey {
            key: KeyFlag {
                leader: *leader,
                committee: *committee,
            },
        }),
        Action::Remind => out.push(Event::Reminded),
        Action::LookBack => out.push(Event::LookBackStarted {
            reply: deadline(date, deadlines.reply_months)?,
        }),
        Action::FollowUpReply { class } => {
            let c = known_class(policy, class)?;
            let solved = policy.class(class).is_some_and(|rc| rc.resolved);
            let due = state.deadline().map(|d| d.due);
            out.push(Event::FollowUpReplied {
                reply: ReplyRecord {
                    class: c,
                    on: date,
                    late: due.is_some_and(|d| date > d),
                },
                solved,
            })
        }
        Action::DraftForGroup { title, group } => {
            if *actor != Actor::Deputy(group.convenor) {
                return Err(SuggestionError::NotAllowed {
                    actor: *actor,
                    step,
                });
            }
            if title.trim().is_empty() {
                return Err(SuggestionError::EmptyTitle);
            }
            out.push(Event::DraftedForGroup {
                title: title.clone(),
                group: *group,
            })
        }
        Action::AssignSeparately { units } => {
            if units.len() < 2 {
                return Err(SuggestionError::TooFewUnits { count: units.len() });
            }
            if units.len() > MAX_CO_UNITS {
                return Err(SuggestionError::TooManyUnits {
                    count: units.len(),
                    max: MAX_CO_UNITS,
                });
            }
            for (i, u) in units.iter().enumerate() {
                if units.iter().skip(i).skip(1).any(|o| o == u) {
                    return Err(SuggestionError::RepeatedUnit { unit: *u });
                }
            }
            let dispute_until = calendar
                .add_working_days(date, deadlines.dispute_window_working_days)
                .ok_or(SuggestionError::DateOutOfRange { from: date })?;
            out.push(Event::AssignedSeparately {
                units: units.clone(),
                reply: deadline(date, deadlines.reply_months)?,
                dispute_until,
            })
        }
        Action::Accept => {
            let Actor::Unit(unit) = *actor else {
                return Err(SuggestionError::NotAllowed {
                    actor: *actor,
                    step,
                });
            };
            if state.has_accepted(unit) {
                return Err(SuggestionError::AlreadyAccepted { unit });
            }
            out.push(Event::Accepted { unit })
        }
        Action::HandleSelf => {
            if !policy.handling().self_handling {
                return Err(SuggestionError::SelfHandlingNotProvided);
            }
            out.push(Event::SelfHandlingStarted {
                reply: deadline(date, deadlines.reply_months)?,
            })
        }
        Action::Contact {
            deputy,
            phase,
            face_to_face,
        } => {
            if !state.is_proposer(*deputy) {
                return Err(SuggestionError::NotAProposer { deputy: *deputy });
            }
            let handling = matches!(
                state.stage,
                Stage::Assigned { .. } | Stage::Rehandling { .. }
            );
            let fits = match phase {
                ContactPhase::Before | ContactPhase::During => handling,
                ContactPhase::After => !handling,
            };
            if !fits {
                return Err(SuggestionError::ContactOutOfPhase {
                    phase: *phase,
                    stage: state.stage.kind(),
                });
            }
            out.push(Event::Contacted {
                deputy: *deputy,
                phase: *phase,
                face_to_face: *face_to_face,
            })
        }
        Action::MarkConfidential => {
            if state.confidential {
                return Err(SuggestionError::AlreadyConfidential);
            }
            out.push(Event::MarkedConfidential)
        }
        Action::Link { earlier } => {
            // Lengths past usize::MAX are past the maximum too.
            let too_many = state
                .linked
                .len()
                .checked_add(earlier.len())
                .is_none_or(|total| total > MAX_LINKS);
            for (i, l) in earlier.iter().enumerate() {
                let repeated = earlier.iter().skip(i).skip(1).any(|o| o.id == l.id)
                    || state.linked.iter().any(|o| o.id == l.id);
                if l.id == state.id || repeated || too_many {
                    return Err(SuggestionError::BadLink {
                        id: l.id,
                        max: MAX_LINKS,
                    });
                }
            }
            if earlier.is_empty() {
                return Err(SuggestionError::BadLink {
                    id: state.id,
                    max: MAX_LINKS,
                });
            }
            out.push(Event::Linked {
                earlier: earlier.clone(),
            })
        }
        Action::CarryOver { year, decision } => {
            let refuse = |why| Err(SuggestionError::CarryOverRefused { year: *year, why });
            if !state.is_key() {
                return refuse("only a key suggestion is carried over");
            }
            if decision.trim().is_empty() {
                return refuse("the decision is not recorded");
            }
            // A key item was submitted; a state loaded without its date is
            // refused as not carried past its year.
            let submitted = state.submitted_on.map_or(i32::MAX, |d| d.year());
            if *year <= submitted || *year < date.year() {
                return refuse("the year is not after the suggestion's year, or already past");
            }
            if state.carried_into.is_some_and(|y| y >= *year) {
                return refuse("already carried into that year or later");
            }
            out.push(Event::CarriedOver {
                year: *year,
                decision: decision.clone(),
            })
        }
    }
    Ok(())
}

/// Refuses a unit's handling step when the policy needs acceptance first.
fn must_have_accepted(
    state: &SuggestionState,
    policy: &Policy,
    unit: UnitId,
) -> Result<(), SuggestionError> {
    if policy.handling().acceptance_required && !state.has_accepted(unit) {
        return Err(SuggestionError::NotAccepted { unit });
    }
    Ok(())
}

/// One unit's reply when several handle separately: its own record, and the
/// item's once every unit has replied, with the class the policy's
/// [`SeveralUnitsClass`] rule takes from theirs.
fn separate_reply(
    state: &SuggestionState,
    policy: &Policy,
    unit: UnitId,
    due: Deadline,
    class: Code,
    date: NaiveDate,
    out: &mut Vec<Event>,
) -> Result<(), SuggestionError> {
    if state.handling_of(unit).is_some_and(|h| h.replied.is_some()) {
        return Err(SuggestionError::AlreadyReplied { unit });
    }
    let own = ReplyRecord {
        class,
        on: date,
        late: due.late(date),
    };
    out.push(Event::UnitReplied { unit, reply: own });
    let mut item = own;
    for h in state.separately.iter().filter(|h| h.unit != unit) {
        let Some(r) = h.replied else {
            return Ok(());
        };
        let rank = |c: Code| {
            policy
                .class_rank(c)
                .ok_or_else(|| SuggestionError::UnknownClass {
                    code: c.to_string(),
                })
        };
        // A rank is the class's place in the policy's list, best first
        // (one class a place): the lowest class has the largest rank.
        let (theirs, ours) = (rank(r.class)?, rank(item.class)?);
        let kept = match policy.handling().several_units_class {
            SeveralUnitsClass::Lowest => theirs.max(ours),
            SeveralUnitsClass::Highest => theirs.min(ours),
        };
        if kept == theirs {
            item.class = r.class;
        }
        item.late |= r.late;
    }
    out.push(Event::Replied { reply: item });
    Ok(())
}

fn known_class(policy: &Policy, class: &str) -> Result<Code, SuggestionError> {
    policy
        .class(class)
        .map(|c| c.code)
        .ok_or_else(|| SuggestionError::UnknownClass {
            code: class.to_owned(),
        })
}

/// The `Closed` event for the latest reply's class.
fn closing(state: &SuggestionState, policy: &Policy) -> Result<Event, SuggestionError> {
    let code = state
        .last_reply
        .map(|r| r.class)
        .ok_or(SuggestionError::WrongStage {
            step: Step::Close,
            stage: state.stage.kind(),
        })?;
    let class = policy
        .class(code.as_str())
        .ok_or_else(|| SuggestionError::UnknownClass {
            code: code.to_string(),
        })?;
    Ok(Event::Closed {
        resolved: class.resolved,
        follow_up: class.followed_up && !class.resolved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::WeekendCalendar;
    use crate::suggestion::{Suggestion, apply};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const LEAD: Actor = Actor::Deputy(DeputyId::new(1));
    const OFFICE: Actor = Actor::Office(PersonId::new(1));
    const UNIT: Actor = Actor::Unit(UnitId::new(5));

    /// Draft, submit, register on `on`; assign on `assign`.
    fn assigned(policy: &Policy, on: NaiveDate, assign: NaiveDate) -> Suggestion {
        let mut s = Suggestion::new(SuggestionId::new(1));
        for (date, actor, action) in [
            (
                on,
                LEAD,
                Action::Draft {
                    title: "t".into(),
                    co_signers: vec![],
                },
            ),
            (on, LEAD, Action::Submit),
            (
                on,
                OFFICE,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            (
                assign,
                OFFICE,
                Action::Assign {
                    lead_unit: UnitId::new(5),
                    co_units: vec![],
                },
            ),
        ] {
            s.handle(&Command::new(date, actor, action), policy, &WeekendCalendar)
                .unwrap();
        }
        s
    }

    fn go(s: &mut Suggestion, p: &Policy, date: NaiveDate, actor: Actor, action: Action) {
        s.handle(&Command::new(date, actor, action), p, &WeekendCalendar)
            .unwrap();
    }

    /// A draft by deputy 1 with these co-signers: refused with the first
    /// co-signer who is the lead or is listed again later, else drafted.
    #[test]
    fn a_draft_names_the_first_repeated_co_signer() {
        let cases: [(&[u32], Option<u32>); 6] = [
            (&[], None),
            (&[2, 3, 4], None),
            (&[3, 4, 1], Some(1)),    // the lead
            (&[5, 3, 5, 3], Some(5)), // 5 is met again first
            (&[3, 5, 5, 3], Some(3)), // 3 comes back later
            (&[2, 1, 2], Some(2)),    // 2 repeats before the lead is met
        ];
        let s = SuggestionState::new(SuggestionId::new(1));
        for (ids, want) in cases {
            let draft = Command::new(
                d(2025, 1, 6),
                LEAD,
                Action::Draft {
                    title: "t".into(),
                    co_signers: ids.iter().map(|i| DeputyId::new(*i)).collect(),
                },
            );
            let got = decide(&s, &draft, &Policy::seed(), &WeekendCalendar);
            match want {
                None => assert!(got.is_ok(), "{ids:?}: {got:?}"),
                Some(w) => assert_eq!(
                    got,
                    Err(SuggestionError::RepeatedDeputy {
                        deputy: DeputyId::new(w)
                    }),
                    "{ids:?}"
                ),
            }
        }
    }

    #[test]
    fn a_dispute_window_longer_than_a_year_of_working_days_is_refused() {
        let seed = Policy::seed();
        let with = |days| crate::suggestion::PolicyData {
            deadlines: crate::suggestion::Deadlines {
                dispute_window_working_days: days,
                ..Default::default()
            },
            ..crate::suggestion::PolicyData::new("window", seed.classes().to_vec())
        };
        assert!(Policy::new(with(250)).is_ok());
        let err = Policy::new(with(u32::MAX)).unwrap_err();
        assert_eq!(
            err.to_string(),
            SuggestionError::InvalidPolicy {
                what: "dispute_window_working_days 4294967295 is more than 250".into()
            }
            .to_string()
        );
        assert!(
            err.message_zh()
                .contains("4294967295 个工作日超过 250 个工作日"),
            "{}",
            err.message_zh()
        );
    }

    #[test]
    fn reply_deadline_clamps_to_the_month_end_and_warns_15_days_before() {
        let p = Policy::seed();
        let s = assigned(&p, d(2025, 1, 2), d(2025, 11, 30));
        let dl = s.state().deadline().unwrap();
        assert_eq!(dl.due, d(2026, 2, 28));
        assert_eq!(dl.warn_from, d(2026, 2, 13));
    }

    #[test]
    fn reply_on_the_due_date_is_on_time_and_the_day_after_is_late() {
        let p = Policy::seed();
        for (day, late) in [(15, false), (16, true)] {
            let mut s = assigned(&p, d(2025, 1, 2), d(2025, 1, 15));
            go(
                &mut s,
                &p,
                d(2025, 4, day),
                UNIT,
                Action::Reply { class: "A".into() },
            );
            assert_eq!(s.state().first_reply.unwrap().late, late, "4/{day}");
        }
    }

    #[test]
    fn closing_follows_the_class_of_the_latest_reply() {
        // National rules: C is followed up; after re-handling with A, resolved.
        let p = Policy::national_2005();
        let mut s = assigned(&p, d(2025, 1, 2), d(2025, 1, 15));
        go(
            &mut s,
            &p,
            d(2025, 2, 1),
            UNIT,
            Action::Reply { class: "C".into() },
        );
        let events = decide(
            s.state(),
            &Command::new(
                d(2025, 2, 2),
                LEAD,
                Action::Feedback {
                    verdict: Feedback::Satisfied,
                    attitude: None,
                },
            ),
            &p,
            &WeekendCalendar,
        )
        .unwrap();
        assert_eq!(
            events[1],
            Event::Closed {
                resolved: false,
                follow_up: true
            }
        );
        go(
            &mut s,
            &p,
            d(2025, 2, 2),
            LEAD,
            Action::Feedback {
                verdict: Feedback::Unsatisfied,
                attitude: None,
            },
        );
        go(
            &mut s,
            &p,
            d(2025, 2, 20),
            UNIT,
            Action::Reply { class: "A".into() },
        );
        go(
            &mut s,
            &p,
            d(2025, 2, 21),
            LEAD,
            Action::Feedback {
                verdict: Feedback::BasicallySatisfied,
                attitude: None,
            },
        );
        assert!(s.state().is_closed() && !s.state().pending_follow_up());
        assert_eq!(s.state().first_reply.unwrap().class.as_str(), "C");
    }

    #[test]
    fn a_class_dropped_from_the_policy_refuses_closing() {
        let p = Policy::seed();
        let mut s = assigned(&p, d(2025, 1, 2), d(2025, 1, 15));
        go(
            &mut s,
            &p,
            d(2025, 2, 1),
            UNIT,
            Action::Reply { class: "B".into() },
        );
        let only_a = Policy::new(crate::suggestion::PolicyData {
            deadlines: *p.deadlines(),
            ..crate::suggestion::PolicyData::new("A only", vec![p.class("A").unwrap().clone()])
        })
        .unwrap();
        let c = Command::new(d(2025, 2, 2), OFFICE, Action::Close);
        assert_eq!(
            decide(s.state(), &c, &only_a, &WeekendCalendar),
            Err(SuggestionError::UnknownClass { code: "B".into() })
        );
    }

    #[test]
    fn decided_events_always_apply() {
        // Whatever decide accepts, apply takes without error.
        let p = Policy::seed();
        let mut s = assigned(&p, d(2025, 1, 2), d(2025, 1, 15));
        let c = Command::new(
            d(2025, 3, 1),
            UNIT,
            Action::RequestExtension {
                until: d(2025, 7, 15),
            },
        );
        let events = decide(s.state(), &c, &p, &WeekendCalendar).unwrap();
        let mut st = s.state().clone();
        for e in &events {
            apply(&mut st, e).unwrap();
        }
        s.handle(&c, &p, &WeekendCalendar).unwrap();
        assert_eq!(s.state().stage, st.stage);
    }

    #[test]
    fn step_tables_agree_on_every_step() {
        // Replied: feedback, close, mark key, contact (after), mark
        // confidential, carry over.
        let replied: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| step_allowed_in(*s, &Stage::Replied))
            .collect();
        assert_eq!(
            replied,
            [
                Step::Feedback,
                Step::Close,
                Step::MarkKey,
                Step::Contact,
                Step::MarkConfidential,
                Step::CarryOver
            ]
        );
        assert!(
            !Step::ALL
                .iter()
                .any(|s| step_allowed_in(*s, &Stage::Withdrawn))
        );
        let st = SuggestionState::new(SuggestionId::new(1));
        assert!(!may_give(&st, &Actor::StandingCommittee, Step::Replay));
    }
}

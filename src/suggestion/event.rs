//! Events: what happened. Applying an event changes state and holds no rules.

use chrono::{NaiveDate, NaiveTime};

use super::model::{Deadline, Stage, SuggestionState, UnitHandling};
use super::{
    Actor, Code, ContactPhase, FeedbackRecord, KeyFlag, LinkedItem, MergedItem, ProposerGroup,
    ReplyRecord, SuggestionError,
};
use crate::common::{DeputyId, SuggestionId, UnitId};

/// Something that happened to a suggestion. Each variant has a stable
/// [`name`](Event::name); the serde form is tagged
/// (`{"event": "replied", "data": {…}}`) and carries [`Event::VERSION`] in the
/// trail entry, so stored trails stay readable.
///
/// ```
/// use deputy_work::suggestion::Event;
/// assert_eq!(Event::Submitted.name(), "submitted");
/// assert_eq!(Event::VERSION, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "event", content = "data", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Event {
    /// The lead deputy drafted the suggestion.
    Drafted {
        /// The lead deputy.
        lead: DeputyId,
        /// The title (kept in the trail only).
        title: String,
        /// The co-signers.
        co_signers: Vec<DeputyId>,
    },
    /// Submitted to the office.
    Submitted,
    /// Passed pre-review and registered (立案).
    Registered,
    /// Not registered, with a reason.
    NotRegistered {
        /// The reason's code.
        reason: Code,
        /// Turned into a reference opinion.
        reference_opinion: bool,
    },
    /// Withdrawn by the lead deputy.
    Withdrawn,
    /// Merged into another suggestion (this item's side).
    MergedInto {
        /// The primary suggestion.
        primary: SuggestionId,
    },
    /// Another suggestion was merged into this one (the primary's side).
    Absorbed {
        /// The merged suggestion and its lead deputy.
        item: MergedItem,
    },
    /// Assigned, or re-assigned after a dispute.
    Assigned {
        /// The lead unit.
        lead_unit: UnitId,
        /// The co-handling units.
        co_units: Vec<UnitId>,
        /// The reply deadline.
        reply: Deadline,
        /// The last day of the dispute window.
        dispute_until: NaiveDate,
        /// The co-handling views deadline.
        views_due: NaiveDate,
    },
    /// A unit disputed its assignment (reason kept in the trail only).
    Disputed {
        /// The unit.
        unit: UnitId,
        /// Its reasons.
        reason: String,
    },
    /// A co-handling unit sent its views to the lead unit.
    ViewsSent {
        /// The co-handling unit.
        unit: UnitId,
        /// Whether after the views deadline.
        late: bool,
    },
    /// A replying unit (the lead unit, or a unit handling separately)
    /// asked for an extension.
    ExtensionRequested {
        /// The unit.
        unit: UnitId,
        /// The date asked for.
        until: NaiveDate,
    },
    /// The unit's extension was granted.
    ExtensionGranted {
        /// The unit.
        unit: UnitId,
        /// Its new reply deadline.
        reply: Deadline,
    },
    /// The lead unit replied.
    Replied {
        /// The reply.
        reply: ReplyRecord,
    },
    /// A proposer gave feedback.
    FeedbackGiven {
        /// The feedback.
        feedback: FeedbackRecord,
    },
    /// Sent back for re-handling with a new deadline.
    RehandlingOrdered {
        /// The new reply deadline.
        reply: Deadline,
    },
    /// Unsatisfied again: consultation or special explanation.
    Escalated,
    /// Closed.
    Closed {
        /// Counts as resolved.
        resolved: bool,
        /// Followed up until solved.
        follow_up: bool,
    },
    /// Flagged as a key suggestion.
    MarkedKey {
        /// The supervising leader and committee.
        key: KeyFlag,
    },
    /// A reminder (催办); who urged is the trail entry's actor.
    Reminded,
    /// A look-back (回头看) started on a followed-up item.
    LookBackStarted {
        /// The follow-up reply's deadline.
        reply: Deadline,
    },
    /// The lead unit replied in the follow-up.
    FollowUpReplied {
        /// The reply.
        reply: ReplyRecord,
        /// Whether the reply's class counts as resolved (the item is solved).
        solved: bool,
    },
    /// The convenor drafted a suggestion in a delegation's or deputy
    /// group's name.
    DraftedForGroup {
        /// The title (kept in the trail only).
        title: String,
        /// The group, its convenor and the body replies go through.
        group: ProposerGroup,
    },
    /// Assigned to several units that each handle it and reply separately
    /// (分别交办).
    AssignedSeparately {
        /// The units, in the order named.
        units: Vec<UnitId>,
        /// Every unit's reply deadline.
        reply: Deadline,
        /// The last day of the dispute window.
        dispute_until: NaiveDate,
    },
    /// A unit accepted its assignment (签收).
    Accepted {
        /// The unit.
        unit: UnitId,
    },
    /// The office took the item to handle itself (自行办理).
    SelfHandlingStarted {
        /// The reply deadline.
        reply: Deadline,
    },
    /// One of several units handling separately replied; once every unit
    /// has, a `replied` event with the item's class follows.
    UnitReplied {
        /// The unit.
        unit: UnitId,
        /// Its reply.
        reply: ReplyRecord,
    },
    /// A unit (or the office, for a self-handled item) contacted a proposer.
    Contacted {
        /// The deputy contacted.
        deputy: DeputyId,
        /// Before, during or after handling.
        phase: ContactPhase,
        /// Face to face (见面), not by phone or letter.
        face_to_face: bool,
    },
    /// The proposers are to be kept out of public exports.
    MarkedConfidential,
    /// Earlier suggestions on the same matter were named.
    Linked {
        /// The earlier items and whether each was solved.
        earlier: Vec<LinkedItem>,
    },
    /// A key suggestion not solved within the year is carried into a later
    /// year by a recorded decision (Fujian F32).
    CarriedOver {
        /// The year it is carried into.
        year: i32,
        /// The decision (e.g. the chairmen's meeting's), kept in the trail.
        decision: String,
    },
}

impl Event {
    /// The version of the event schema written into each trail entry.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::{Actor, Event, TrailEntry};
    /// let e = TrailEntry::new(1, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::StandingCommittee, Event::Reminded);
    /// assert_eq!(e.version, Event::VERSION);
    /// ```
    pub const VERSION: u16 = 1;

    /// The event's stable name (as in its serde tag).
    ///
    /// ```
    /// use deputy_work::suggestion::Event;
    /// assert_eq!(Event::Escalated.name(), "escalated");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Drafted { .. } => "drafted",
            Self::Submitted => "submitted",
            Self::Registered => "registered",
            Self::NotRegistered { .. } => "not_registered",
            Self::Withdrawn => "withdrawn",
            Self::MergedInto { .. } => "merged_into",
            Self::Absorbed { .. } => "absorbed",
            Self::Assigned { .. } => "assigned",
            Self::Disputed { .. } => "disputed",
            Self::ViewsSent { .. } => "views_sent",
            Self::ExtensionRequested { .. } => "extension_requested",
            Self::ExtensionGranted { .. } => "extension_granted",
            Self::Replied { .. } => "replied",
            Self::FeedbackGiven { .. } => "feedback_given",
            Self::RehandlingOrdered { .. } => "rehandling_ordered",
            Self::Escalated => "escalated",
            Self::Closed { .. } => "closed",
            Self::MarkedKey { .. } => "marked_key",
            Self::Reminded => "reminded",
            Self::LookBackStarted { .. } => "look_back_started",
            Self::FollowUpReplied { .. } => "follow_up_replied",
            Self::DraftedForGroup { .. } => "drafted_for_group",
            Self::AssignedSeparately { .. } => "assigned_separately",
            Self::Accepted { .. } => "accepted",
            Self::SelfHandlingStarted { .. } => "self_handling_started",
            Self::UnitReplied { .. } => "unit_replied",
            Self::Contacted { .. } => "contacted",
            Self::MarkedConfidential => "marked_confidential",
            Self::Linked { .. } => "linked",
            Self::CarriedOver { .. } => "carried_over",
        }
    }

    /// The Chinese label of what happened, for audit listings.
    ///
    /// ```
    /// use deputy_work::suggestion::Event;
    /// assert_eq!(Event::Reminded.label_zh(), "催办");
    /// ```
    #[must_use]
    pub const fn label_zh(&self) -> &'static str {
        match self {
            Self::Drafted { .. } => "起草建议",
            Self::Submitted => "提交建议",
            Self::Registered => "审查通过，立案",
            Self::NotRegistered { .. } => "不予立案",
            Self::Withdrawn => "撤回建议",
            Self::MergedInto { .. } => "并案办理（并入）",
            Self::Absorbed { .. } => "并案办理（主件）",
            Self::Assigned { .. } => "交办",
            Self::Disputed { .. } => "申请调整交办",
            Self::ViewsSent { .. } => "协办单位提出意见",
            Self::ExtensionRequested { .. } => "申请延期",
            Self::ExtensionGranted { .. } => "同意延期",
            Self::Replied { .. } => "答复代表",
            Self::FeedbackGiven { .. } => "代表反馈意见",
            Self::RehandlingOrdered { .. } => "重新办理",
            Self::Escalated => "面商或专题说明",
            Self::Closed { .. } => "办结",
            Self::MarkedKey { .. } => "确定为重点督办建议",
            Self::Reminded => "催办",
            Self::LookBackStarted { .. } => "回头看",
            Self::FollowUpReplied { .. } => "跟踪落实答复",
            Self::DraftedForGroup { .. } => "以代表团或代表小组名义起草建议",
            Self::AssignedSeparately { .. } => "分别交办",
            Self::Accepted { .. } => "承办单位签收",
            Self::SelfHandlingStarted { .. } => "自行办理",
            Self::UnitReplied { .. } => "承办单位分别答复",
            Self::Contacted { .. } => "联系代表",
            Self::MarkedConfidential => "保密处理",
            Self::Linked { .. } => "关联以往建议",
            Self::CarriedOver { .. } => "跨年度跟踪督办",
        }
    }
}

/// The Chinese label of the event named `name` (as [`Event::name`] gives
/// it), for errors that carry only the name; the name itself if unknown.
pub(crate) fn label_zh_of_name(name: &str) -> &str {
    match name {
        "drafted" => "起草建议",
        "submitted" => "提交建议",
        "registered" => "审查通过，立案",
        "not_registered" => "不予立案",
        "withdrawn" => "撤回建议",
        "merged_into" => "并案办理（并入）",
        "absorbed" => "并案办理（主件）",
        "assigned" => "交办",
        "disputed" => "申请调整交办",
        "views_sent" => "协办单位提出意见",
        "extension_requested" => "申请延期",
        "extension_granted" => "同意延期",
        "replied" => "答复代表",
        "feedback_given" => "代表反馈意见",
        "rehandling_ordered" => "重新办理",
        "escalated" => "面商或专题说明",
        "closed" => "办结",
        "marked_key" => "确定为重点督办建议",
        "reminded" => "催办",
        "look_back_started" => "回头看",
        "follow_up_replied" => "跟踪落实答复",
        "drafted_for_group" => "以代表团或代表小组名义起草建议",
        "assigned_separately" => "分别交办",
        "accepted" => "承办单位签收",
        "self_handling_started" => "自行办理",
        "unit_replied" => "承办单位分别答复",
        "contacted" => "联系代表",
        "marked_confidential" => "保密处理",
        "linked" => "关联以往建议",
        "carried_over" => "跨年度跟踪督办",
        other => other,
    }
}

/// One entry of the append-only audit trail: sequence number (from 1, no
/// gaps), date, actor, event schema version and the event.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::suggestion::{Actor, Event, TrailEntry};
/// let e = TrailEntry::new(1, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), Actor::StandingCommittee, Event::Reminded);
/// assert_eq!(e.version, Event::VERSION);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrailEntry {
    /// The sequence number, from 1.
    pub seq: u64,
    /// The date it happened.
    pub date: NaiveDate,
    /// Who gave the command.
    pub actor: Actor,
    /// The event schema version.
    #[cfg_attr(feature = "serde", serde(rename = "v", default = "version_one"))]
    pub version: u16,
    /// The time of day, if recorded (see [`Command::time`](super::Command::time)).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<NaiveTime>,
    /// The digest of the entry before (for the first entry, the
    /// suggestion's [genesis](super::Digest::genesis) digest). Trails stored
    /// before digests were added have none and read as zero: they replay,
    /// but do not verify. [`Suggestion::handle`](super::Suggestion::handle)
    /// sets it; [`TrailEntry::new`] leaves it zero.
    #[cfg_attr(feature = "serde", serde(default))]
    pub prev: super::Digest,
    /// What happened.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub event: Event,
}

#[cfg(feature = "serde")]
const fn version_one() -> u16 {
    1
}

impl TrailEntry {
    /// An entry of the current [`Event::VERSION`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::{Actor, Digest, Event, TrailEntry};
    /// let e = TrailEntry::new(3, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::StandingCommittee, Event::Reminded);
    /// assert_eq!((e.seq, e.time, e.prev), (3, None, Digest::ZERO));
    /// ```
    #[must_use]
    pub const fn new(seq: u64, date: NaiveDate, actor: Actor, event: Event) -> Self {
        Self {
            seq,
            date,
            actor,
            version: Event::VERSION,
            time: None,
            prev: super::Digest::ZERO,
            event,
        }
    }
}

/// Applies an event to a state. Holds no business rules: it only refuses an
/// event that is impossible in the current stage (so a corrupt trail is an
/// error, never a panic) and then records what the event says. A refused
/// event leaves the state as it was.
///
/// Cost: linear in the event and in the state's lists it checks or extends
/// (proposers, verdicts, units, merged and linked items); memory: what the
/// event adds to the state.
///
/// # Errors
/// [`SuggestionError::ImpossibleEvent`] when the event cannot happen in the
/// state's stage.
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::{apply, Event, StageKind, SuggestionState};
/// let mut s = SuggestionState::new(SuggestionId::new(1));
/// assert!(apply(&mut s, &Event::Submitted).is_err(), "nothing to submit yet");
/// assert_eq!(s.stage.kind(), StageKind::Empty);
/// ```
pub fn apply(state: &mut SuggestionState, event: &Event) -> Result<(), SuggestionError> {
    let stage = state.stage;
    let seq = state.seq;
    let impossible = || SuggestionError::ImpossibleEvent {
        seq,
        event: event.name(),
        stage: stage.kind(),
    };
    match (event, stage) {
        (
            Event::Drafted {
                lead, co_signers, ..
            },
            Stage::Empty,
        ) => {
            state.lead = Some(*lead);
            state.co_signers.clone_from(co_signers);
            state.stage = Stage::Draft;
        }
        (Event::DraftedForGroup { group, .. }, Stage::Empty) => {
            state.lead = Some(group.convenor);
            state.group = Some(*group);
            state.stage = Stage::Draft;
        }
        (Event::Submitted, Stage::Draft) => {
            state.submitted_on = state.last_date;
            state.stage = Stage::Submitted;
        }
        (Event::Registered, Stage::Submitted) => {
            state.registered_on = state.last_date;
            state.stage = Stage::Registered;
        }
        (
            Event::NotRegistered {
                reason,
                reference_opinion,
            },
            Stage::Submitted,
        ) => {
            state.stage = Stage::NotRegistered {
                reason: *reason,
                reference_opinion: *reference_opinion,
            };
        }
        (Event::Withdrawn, Stage::Draft | Stage::Submitted | Stage::Registered) => {
            state.stage = Stage::Withdrawn;
        }
        (Event::MergedInto { primary }, Stage::Registered) => {
            state.stage = Stage::Merged { into: *primary };
        }
        (Event::Absorbed { item }, Stage::Registered) => state.merged.push(*item),
        (
            Event::Assigned {
                lead_unit,
                co_units,
                reply,
                dispute_until,
                views_due,
            },
            Stage::Registered | Stage::Disputed { .. },
        ) => {
            let on = state.last_date.ok_or_else(impossible)?;
            state.lead_unit = Some(*lead_unit);
            state.co_units.clone_from(co_units);
            state.separately.clear();
            state.accepted.clear();
            state.views_sent = 0;
            state.views_late = 0;
            state.stage = Stage::Assigned {
                on,
                reply: *reply,
                dispute_until: *dispute_until,
                views_due: *views_due,
                extension_requested: None,
                extended: false,
            };
        }
        (Event::Disputed { unit, .. }, Stage::Assigned { .. }) => {
            state.disputes = state.disputes.checked_add(1).ok_or_else(impossible)?;
            state.stage = Stage::Disputed { by: *unit };
        }
        (Event::ViewsSent { unit, late }, Stage::Assigned { .. }) => {
            let bit = state
                .co_units
                .iter()
                .position(|u| u == unit)
                .and_then(|i| u32::try_from(i).ok())
                .and_then(|i| 1_u32.checked_shl(i))
                .ok_or_else(impossible)?;
            state.views_sent |= bit;
            if *late {
                state.views_late |= bit;
            }
        }
        (Event::ExtensionRequested { unit, until }, Stage::Assigned { .. }) => {
            if state.lead_unit == Some(*unit) {
                state.stage = stage_with(stage, |s| {
                    if let Stage::Assigned {
                        extension_requested,
                        ..
                    } = s
                    {
                        *extension_requested = Some(*until);
                    }
                });
            } else {
                let h = handling_mut(state, *unit).ok_or_else(impossible)?;
                h.extension_requested = Some(*until);
            }
        }
        (Event::ExtensionGranted { unit, reply: new }, Stage::Assigned { .. }) => {
            if state.lead_unit == Some(*unit) {
                state.stage = stage_with(stage, |s| {
                    if let Stage::Assigned {
                        reply,
                        extension_requested,
                        extended,
                        ..
                    } = s
                    {
                        *reply = *new;
                        *extension_requested = None;
                        *extended = true;
                    }
                });
            } else {
                let h = handling_mut(state, *unit).ok_or_else(impossible)?;
                h.reply = *new;
                h.extension_requested = None;
                h.extended = true;
            }
        }
        (Event::Replied { reply }, Stage::Assigned { .. } | Stage::Rehandling { .. }) => {
            // Separately handled: the item is replied once every unit has.
            if state.separately.iter().any(|h| h.replied.is_none()) {
                return Err(impossible());
            }
            if state.first_reply.is_none() {
                state.first_reply = Some(*reply);
            }
            state.last_reply = Some(*reply);
            state.round.clear();
            state.stage = Stage::Replied;
        }
        (Event::FeedbackGiven { feedback }, Stage::Replied) => {
            state.feedback = Some(*feedback);
            state.round.push(*feedback);
        }
        (Event::RehandlingOrdered { reply }, Stage::Replied) => {
            let unsatisfied = state.unsatisfied.checked_add(1).ok_or_else(impossible)?;
            for h in &mut state.separately {
                h.replied = None;
                h.reply = *reply;
                h.extension_requested = None;
            }
            state.unsatisfied = unsatisfied;
            state.stage = Stage::Rehandling { reply: *reply };
        }
        (Event::Escalated, Stage::Replied) => {
            state.unsatisfied = state.unsatisfied.checked_add(1).ok_or_else(impossible)?;
            state.stage = Stage::Escalated;
        }
        (
            Event::Closed {
                resolved,
                follow_up,
            },
            Stage::Replied | Stage::Escalated,
        ) => {
            let on = state.last_date.ok_or_else(impossible)?;
            state.stage = Stage::Closed {
                on,
                resolved: *resolved,
                follow_up: *follow_up,
                look_back: None,
            };
        }
        (
            Event::MarkedKey { key },
            Stage::Registered
            | Stage::Assigned { .. }
            | Stage::Disputed { .. }
            | Stage::Replied
            | Stage::Rehandling { .. }
            | Stage::Escalated,
        ) => state.key = Some(*key),
        (
            Event::Reminded,
            Stage::Assigned { .. }
            | Stage::Rehandling { .. }
            | Stage::Closed {
                follow_up: true, ..
            },
        ) => state.reminders = state.reminders.checked_add(1).ok_or_else(impossible)?,
        (
            Event::LookBackStarted { reply },
            Stage::Closed {
                on,
                resolved,
                follow_up: true,
                ..
            },
        ) => {
            state.look_back_started = state.last_date;
            state.stage = Stage::Closed {
                on,
                resolved,
                follow_up: true,
                look_back: Some(*reply),
            };
        }
        (
            Event::FollowUpReplied { reply, solved },
            Stage::Closed {
                on,
                resolved: _,
                follow_up: true,
                look_back,
            },
        ) => {
            state.follow_up_reply = Some(*reply);
            if *solved {
                state.solved_on = Some(reply.on);
                state.stage = Stage::Closed {
                    on,
                    resolved: true,
                    follow_up: false,
                    look_back,
                };
            }
        }
        (
            Event::AssignedSeparately {
                units,
                reply,
                dispute_until,
            },
            Stage::Registered | Stage::Disputed { .. },
        ) => {
            let on = state.last_date.ok_or_else(impossible)?;
            state.lead_unit = None;
            state.co_units.clear();
            state.separately = units
                .iter()
                .map(|u| UnitHandling::new(*u, *reply))
                .collect();
            state.accepted.clear();
            state.views_sent = 0;
            state.views_late = 0;
            state.stage = Stage::Assigned {
                on,
                reply: *reply,
                dispute_until: *dispute_until,
                views_due: on,
                extension_requested: None,
                extended: false,
            };
        }
        (Event::Accepted { unit }, Stage::Assigned { .. }) => {
            if !state.handled_by(*unit) || state.accepted.contains(unit) {
                return Err(impossible());
            }
            state.accepted.push(*unit);
        }
        (Event::SelfHandlingStarted { reply }, Stage::Registered) => {
            let on = state.last_date.ok_or_else(impossible)?;
            state.self_handled = true;
            state.stage = Stage::Assigned {
                on,
                reply: *reply,
                dispute_until: on,
                views_due: on,
                extension_requested: None,
                extended: false,
            };
        }
        (Event::UnitReplied { unit, reply }, Stage::Assigned { .. } | Stage::Rehandling { .. }) => {
            let h = handling_mut(state, *unit).ok_or_else(impossible)?;
            if h.replied.is_some() {
                return Err(impossible());
            }
            h.replied = Some(*reply);
            if h.first_reply.is_none() {
                h.first_reply = Some(*reply);
            }
        }
        (
            Event::Contacted {
                phase,
                face_to_face,
                ..
            },
            Stage::Assigned { .. }
            | Stage::Rehandling { .. }
            | Stage::Replied
            | Stage::Escalated
            | Stage::Closed { .. },
        ) => state
            .contacts
            .add(*phase, *face_to_face)
            .ok_or_else(impossible)?,
        (Event::MarkedConfidential, s)
            if !matches!(
                s,
                Stage::Empty
                    | Stage::NotRegistered { .. }
                    | Stage::Withdrawn
                    | Stage::Merged { .. }
            ) =>
        {
            state.confidential = true;
        }
        (Event::Linked { earlier }, Stage::Registered | Stage::Assigned { .. }) => {
            state.linked.extend_from_slice(earlier);
        }
        (
            Event::CarriedOver { year, .. },
            Stage::Assigned { .. }
            | Stage::Rehandling { .. }
            | Stage::Replied
            | Stage::Escalated
            | Stage::Closed {
                follow_up: true, ..
            },
        ) => state.carried_into = Some(*year),
        _ => return Err(impossible()),
    }
    Ok(())
}

/// The separate handling of `unit`, to change.
fn handling_mut(state: &mut SuggestionState, unit: UnitId) -> Option<&mut UnitHandling> {
    state.separately.iter_mut().find(|h| h.unit == unit)
}

/// A copy of `stage` changed by `f` (keeps `apply` free of partial moves).
fn stage_with(mut stage: Stage, f: impl FnOnce(&mut Stage)) -> Stage {
    f(&mut stage);
    stage
}

/// `Ok` when a step dated `date` (at `time`, if given) may follow the
/// last one of `state`: never an earlier date, nor an earlier time on the
/// same date (a step without a time, or after one without, is in order).
/// The one rule for live commands ([`decide`](super::decide)) and stored
/// entries ([`apply_entry`]).
pub(crate) fn in_order(
    state: &SuggestionState,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Result<(), SuggestionError> {
    let Some(last) = state.last_date else {
        return Ok(());
    };
    if date < last {
        return Err(SuggestionError::DateGoesBack { date, last });
    }
    if let (true, Some(t), Some(l)) = (date == last, time, state.last_time)
        && t < l
    {
        return Err(SuggestionError::TimeGoesBack { time: t, last: l });
    }
    Ok(())
}

/// Applies one trail entry: checks that its sequence number follows the
/// state's, that its date does not go back, and that its version is known,
/// then applies the event and records the sequence number and date. A refused
/// entry leaves the state as it was.
///
/// Cost: that of [`apply`].
///
/// # Errors
/// [`SuggestionError::OutOfSequence`], [`SuggestionError::DateGoesBack`],
/// [`SuggestionError::UnsupportedVersion`] or the errors of [`apply`].
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, SuggestionId};
/// use deputy_work::suggestion::{apply_entry, Actor, Event, SuggestionError, SuggestionState, TrailEntry};
/// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let mut s = SuggestionState::new(SuggestionId::new(1));
/// let drafted = Event::Drafted { lead: DeputyId::new(1), title: "修路".into(), co_signers: vec![] };
/// let wrong_seq = TrailEntry::new(2, date, Actor::Deputy(DeputyId::new(1)), drafted.clone());
/// assert_eq!(apply_entry(&mut s, &wrong_seq), Err(SuggestionError::OutOfSequence { expected: 1, found: 2 }));
/// apply_entry(&mut s, &TrailEntry::new(1, date, Actor::Deputy(DeputyId::new(1)), drafted))?;
/// assert_eq!(s.seq, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_entry(state: &mut SuggestionState, entry: &TrailEntry) -> Result<(), SuggestionError> {
    let expected = state
        .seq
        .checked_add(1)
        .ok_or(SuggestionError::OutOfSequence {
            expected: state.seq,
            found: entry.seq,
        })?;
    if entry.seq != expected {
        return Err(SuggestionError::OutOfSequence {
            expected,
            found: entry.seq,
        });
    }
    if entry.version == 0 || entry.version > Event::VERSION {
        return Err(SuggestionError::UnsupportedVersion {
            seq: entry.seq,
            version: entry.version,
        });
    }
    in_order(state, entry.date, entry.time)?;
    let (old_seq, old_date, old_time) = (state.seq, state.last_date, state.last_time);
    // `apply` reads the entry's date as "today" (e.g. the submission date).
    state.last_date = Some(entry.date);
    state.last_time = entry.time;
    state.seq = entry.seq;
    if let Err(e) = apply(state, &entry.event) {
        state.seq = old_seq;
        state.last_date = old_date;
        state.last_time = old_time;
        return Err(e);
    }
    Ok(())
}

/// Rebuilds a state from a trail, checking every entry (see [`apply_entry`]).
///
/// Cost: one [`apply_entry`] per entry: linear in the trail for a usual item,
/// quadratic at worst (see
/// [`Suggestion::replay`](super::Suggestion::replay)); memory: the state.
///
/// # Errors
/// The first entry that does not replay, as in [`apply_entry`].
///
/// ```
/// use deputy_work::common::SuggestionId;
/// use deputy_work::suggestion::{replay, StageKind};
/// let s = replay(SuggestionId::new(1), &[])?;
/// assert_eq!(s.stage.kind(), StageKind::Empty);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay(id: SuggestionId, trail: &[TrailEntry]) -> Result<SuggestionState, SuggestionError> {
    let mut state = SuggestionState::new(id);
    for entry in trail {
        apply_entry(&mut state, entry)?;
    }
    Ok(state)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::common::PersonId;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn impossible_events_leave_the_state_as_it_was() {
        let mut s = SuggestionState::new(SuggestionId::new(1));
        s.stage = Stage::Closed {
            on: d(3, 1),
            resolved: true,
            follow_up: false,
            look_back: None,
        };
        let before = s.clone();
        let a = Code::new("A").unwrap();
        let reply = ReplyRecord {
            class: a,
            on: d(3, 2),
            late: false,
        };
        for e in [
            Event::FollowUpReplied {
                reply,
                solved: true,
            },
            Event::Replied { reply },
            Event::Reminded,
            Event::Withdrawn,
            Event::ViewsSent {
                unit: UnitId::new(3),
                late: false,
            },
        ] {
            let err = apply(&mut s, &e).unwrap_err();
            assert!(matches!(
                err,
                SuggestionError::ImpossibleEvent {
                    stage: super::super::StageKind::Closed,
                    ..
                }
            ));
            assert_eq!(s, before);
        }
    }

    #[test]
    fn views_from_a_unit_not_co_handling_are_impossible() {
        let mut s = SuggestionState::new(SuggestionId::new(1));
        s.stage = Stage::Assigned {
            on: d(1, 1),
            reply: Deadline::new(d(4, 1), 15).unwrap(),
            dispute_until: d(1, 10),
            views_due: d(2, 1),
            extension_requested: None,
            extended: false,
        };
        s.co_units = vec![UnitId::new(2)];
        let e = Event::ViewsSent {
            unit: UnitId::new(3),
            late: false,
        };
        assert!(apply(&mut s, &e).is_err());
        apply(
            &mut s,
            &Event::ViewsSent {
                unit: UnitId::new(2),
                late: true,
            },
        )
        .unwrap();
        assert_eq!((s.views_sent, s.views_late), (1, 1));
    }

    #[test]
    fn a_refused_entry_restores_sequence_and_date() {
        let mut s = SuggestionState::new(SuggestionId::new(1));
        let entry = TrailEntry::new(
            1,
            d(1, 1),
            Actor::Office(PersonId::new(1)),
            Event::Registered,
        );
        assert!(apply_entry(&mut s, &entry).is_err());
        assert_eq!(s, SuggestionState::new(SuggestionId::new(1)));
        let zero = TrailEntry {
            version: 0,
            ..entry
        };
        assert!(matches!(
            apply_entry(&mut s, &zero),
            Err(SuggestionError::UnsupportedVersion { version: 0, .. })
        ));
    }

    /// One event of each kind, in [`Event`]'s order.
    pub(crate) fn every_event() -> Vec<Event> {
        let reply = ReplyRecord {
            class: Code::new("A").unwrap(),
            on: d(1, 1),
            late: false,
        };
        let dl = Deadline::new(d(4, 1), 15).unwrap();
        vec![
            Event::Drafted {
                lead: DeputyId::new(1),
                title: String::new(),
                co_signers: vec![],
            },
            Event::Submitted,
            Event::Registered,
            Event::NotRegistered {
                reason: reply.class,
                reference_opinion: false,
            },
            Event::Withdrawn,
            Event::MergedInto {
                primary: SuggestionId::new(2),
            },
            Event::Absorbed {
                item: MergedItem {
                    id: SuggestionId::new(2),
                    lead: DeputyId::new(2),
                },
            },
            Event::Assigned {
                lead_unit: UnitId::new(1),
                co_units: vec![],
                reply: dl,
                dispute_until: d(1, 2),
                views_due: d(2, 1),
            },
            Event::Disputed {
                unit: UnitId::new(1),
                reason: String::new(),
            },
            Event::ViewsSent {
                unit: UnitId::new(1),
                late: false,
            },
            Event::ExtensionRequested {
                unit: UnitId::new(1),
                until: d(5, 1),
            },
            Event::ExtensionGranted {
                unit: UnitId::new(1),
                reply: dl,
            },
            Event::Replied { reply },
            Event::FeedbackGiven {
                feedback: FeedbackRecord {
                    by: DeputyId::new(1),
                    verdict: super::super::Feedback::Satisfied,
                    attitude: Some(super::super::Feedback::BasicallySatisfied),
                    on: d(1, 1),
                },
            },
            Event::RehandlingOrdered { reply: dl },
            Event::Escalated,
            Event::Closed {
                resolved: true,
                follow_up: false,
            },
            Event::MarkedKey {
                key: KeyFlag {
                    leader: PersonId::new(1),
                    committee: UnitId::new(1),
                },
            },
            Event::Reminded,
            Event::LookBackStarted { reply: dl },
            Event::FollowUpReplied {
                reply,
                solved: true,
            },
            Event::DraftedForGroup {
                title: String::new(),
                group: ProposerGroup {
                    kind: super::super::GroupKind::Delegation,
                    group: UnitId::new(5),
                    convenor: DeputyId::new(1),
                    via: None,
                },
            },
            Event::AssignedSeparately {
                units: vec![UnitId::new(1), UnitId::new(2)],
                reply: dl,
                dispute_until: d(1, 2),
            },
            Event::Accepted {
                unit: UnitId::new(1),
            },
            Event::SelfHandlingStarted { reply: dl },
            Event::UnitReplied {
                unit: UnitId::new(1),
                reply,
            },
            Event::Contacted {
                deputy: DeputyId::new(1),
                phase: ContactPhase::During,
                face_to_face: true,
            },
            Event::MarkedConfidential,
            Event::Linked {
                earlier: vec![LinkedItem {
                    id: SuggestionId::new(3),
                    solved: false,
                }],
            },
            Event::CarriedOver {
                year: 2026,
                decision: "主任会议决定".into(),
            },
        ]
    }

    #[test]
    fn a_count_at_its_maximum_refuses_the_event_and_changes_nothing() {
        let assigned = Stage::Assigned {
            on: d(1, 1),
            reply: Deadline::new(d(4, 1), 15).unwrap(),
            dispute_until: d(1, 10),
            views_due: d(2, 1),
            extension_requested: None,
            extended: false,
        };
        let mut s = SuggestionState::new(SuggestionId::new(1));
        s.stage = assigned;
        s.lead = Some(DeputyId::new(1));
        s.lead_unit = Some(UnitId::new(3));
        s.reminders = u32::MAX;
        s.disputes = u32::MAX;
        s.contacts.face_to_face = u32::MAX;
        let before = s.clone();
        for e in [
            Event::Reminded,
            Event::Disputed {
                unit: UnitId::new(3),
                reason: String::new(),
            },
            Event::Contacted {
                deputy: DeputyId::new(1),
                phase: ContactPhase::During,
                face_to_face: true,
            },
        ] {
            assert!(
                matches!(
                    apply(&mut s, &e),
                    Err(SuggestionError::ImpossibleEvent { .. })
                ),
                "{}",
                e.name()
            );
            assert_eq!(s, before);
        }
        let by_phone = Event::Contacted {
            deputy: DeputyId::new(1),
            phase: ContactPhase::During,
            face_to_face: false,
        };
        apply(&mut s, &by_phone).unwrap();
        assert_eq!((s.contacts.during, s.contacts.face_to_face), (1, u32::MAX));
        s.stage = Stage::Replied;
        s.unsatisfied = u32::MAX;
        let before = s.clone();
        for e in [
            Event::Escalated,
            Event::RehandlingOrdered {
                reply: Deadline::new(d(5, 1), 15).unwrap(),
            },
        ] {
            assert!(apply(&mut s, &e).is_err(), "{}", e.name());
            assert_eq!(s, before);
        }
    }

    #[test]
    fn labels_by_name_agree_with_the_events() {
        for e in every_event() {
            assert_eq!(label_zh_of_name(e.name()), e.label_zh(), "{}", e.name());
        }
        assert_eq!(label_zh_of_name("no_such_event"), "no_such_event");
    }

    #[test]
    fn every_event_name_is_distinct() {
        let all = every_event();
        assert_eq!(all.len(), 30);
        let names: std::collections::BTreeSet<&str> = all.iter().map(Event::name).collect();
        assert_eq!(names.len(), all.len());
        #[cfg(feature = "serde")]
        for e in &all {
            let v = serde_json::to_value(e).unwrap();
            assert_eq!(v["event"], e.name(), "serde tag and name() agree");
        }
    }
}

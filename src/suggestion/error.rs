//! The suggestion engine's error.

use chrono::NaiveDate;

use super::{Actor, StageKind, Step};
use crate::common::{DeputyId, SuggestionId, UnitId};

/// What went wrong in the suggestion engine: a refused command, a trail that
/// does not replay, an invalid policy or a register query on a missing item.
/// Every variant says what is wrong and where.
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::suggestion::{Actor, Step, SuggestionError};
/// let e = SuggestionError::NotAllowed { actor: Actor::Unit(UnitId::new(4)), step: Step::Reply };
/// assert_eq!(e.to_string(), "unit U4 may not take step `reply` on this suggestion");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SuggestionError {
    /// The step is not possible in the suggestion's stage.
    #[error("step `{step}` is not possible on a suggestion that is {stage}")]
    WrongStage {
        /// The step asked for.
        step: Step,
        /// The stage it is in.
        stage: StageKind,
    },
    /// The actor may not give this command on this suggestion.
    #[error("{actor} may not take step `{step}` on this suggestion")]
    NotAllowed {
        /// Who gave it.
        actor: Actor,
        /// The step.
        step: Step,
    },
    /// The command's or entry's date is before the last recorded event's.
    #[error("date {date} is before the last recorded date {last}")]
    DateGoesBack {
        /// The date given.
        date: NaiveDate,
        /// The last recorded date.
        last: NaiveDate,
    },
    /// A deadline would fall outside chrono's date range.
    #[error("a deadline counted from {from} is out of the date range")]
    DateOutOfRange {
        /// The date counted from.
        from: NaiveDate,
    },
    /// The draft has no title.
    #[error("the suggestion's title is empty")]
    EmptyTitle,
    /// A co-signer is the lead deputy or is listed twice.
    #[error("deputy {deputy} is listed twice among the proposers")]
    RepeatedDeputy {
        /// The deputy.
        deputy: DeputyId,
    },
    /// A co-handling unit is the lead unit or is listed twice.
    #[error("unit {unit} is listed twice in the assignment")]
    RepeatedUnit {
        /// The unit.
        unit: UnitId,
    },
    /// Too many co-handling units.
    #[error("{count} co-handling units named; at most {max}")]
    TooManyUnits {
        /// How many were named.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A pre-review check failed: the office must decline instead.
    #[error("pre-review failed on {check}: decline with a reason instead of registering")]
    ReviewFailed {
        /// The failed check.
        check: &'static str,
    },
    /// The reason is not in the policy's list.
    #[error("`{code}` is not one of the policy's reasons for not registering")]
    UnknownReason {
        /// The code given.
        code: String,
    },
    /// The reply class is not in the policy.
    #[error("`{code}` is not one of the policy's reply classes")]
    UnknownClass {
        /// The code given.
        code: String,
    },
    /// A suggestion cannot be merged into itself or twice.
    #[error("suggestion {id} cannot be merged here (itself, or already merged)")]
    MergeIntoSelf {
        /// The suggestion.
        id: SuggestionId,
    },
    /// The dispute window has closed: no adjustment after it.
    #[error("unit {unit} disputed on {date}, after the window closed on {until}")]
    DisputeWindowClosed {
        /// The disputing unit.
        unit: UnitId,
        /// The window's last day.
        until: NaiveDate,
        /// The dispute's date.
        date: NaiveDate,
    },
    /// The co-handling unit has already sent its views.
    #[error("unit {unit} has already sent its views")]
    ViewsAlreadySent {
        /// The unit.
        unit: UnitId,
    },
    /// The extension asked for does not move the deadline later.
    #[error("extension to {until} is not after the current due date {due}")]
    ExtensionNotLater {
        /// The date asked for.
        until: NaiveDate,
        /// The current due date.
        due: NaiveDate,
    },
    /// The extension asked for goes past the policy's maximum.
    #[error("extension to {until} goes past the maximum {max}")]
    ExtensionTooLong {
        /// The date asked for.
        until: NaiveDate,
        /// The latest date allowed.
        max: NaiveDate,
    },
    /// The policy is invalid.
    #[error("invalid policy: {what}")]
    InvalidPolicy {
        /// What is wrong.
        what: String,
    },
    /// A code is empty, too long or padded with whitespace.
    #[error("`{code}` is not a valid code: 1 to {max_len} bytes, no surrounding whitespace")]
    BadCode {
        /// The text given.
        code: String,
        /// The longest code.
        max_len: usize,
    },
    /// A trail entry's sequence number does not follow the previous one.
    #[error("trail entry has sequence number {found}, expected {expected}")]
    OutOfSequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// A trail entry's event version is not known to this build.
    #[error("trail entry {seq} has event version {version}, which this build cannot read")]
    UnsupportedVersion {
        /// The entry's sequence number.
        seq: u64,
        /// Its version.
        version: u16,
    },
    /// An event that cannot happen in the stage the suggestion is in.
    #[error("trail entry {seq}: event `{event}` cannot happen to a suggestion that is {stage}")]
    ImpossibleEvent {
        /// The entry's sequence number.
        seq: u64,
        /// The event's name.
        event: &'static str,
        /// The stage.
        stage: StageKind,
    },
    /// The register has no suggestion with this id.
    #[error("suggestion {id} is not in the register")]
    UnknownSuggestion {
        /// The id.
        id: SuggestionId,
    },
    /// The register already has a suggestion with this id.
    #[error("suggestion {id} is already in the register")]
    DuplicateSuggestion {
        /// The id.
        id: SuggestionId,
    },
    /// A trail entry's `prev` is not the digest of the entry before it:
    /// the trail was edited, reordered or spliced.
    #[error(
        "trail entry {seq}: its `prev` digest is not that of the entry before it (the trail was changed)"
    )]
    BrokenChain {
        /// The entry whose `prev` does not match.
        seq: u64,
    },
    /// A trail entry is not what the rules decide from the state before it.
    #[error("trail entry {seq} (`{event}`) is not what the rules decide: {reason}")]
    NotByTheRules {
        /// The entry.
        seq: u64,
        /// Its event's name.
        event: &'static str,
        /// Why: the rules' refusal, or what they would have recorded.
        reason: String,
    },
    /// The trail's head is not the digest kept apart from it: its last
    /// entry was changed, or entries were cut off or added.
    #[error("the trail's head digest is {found}, not the {expected} kept for it")]
    HeadMismatch {
        /// The head kept apart from the trail.
        expected: super::Digest,
        /// The head of the trail as it is.
        found: super::Digest,
    },
    /// A proposer gave feedback twice on the same reply.
    #[error("deputy {deputy} has already given feedback on this reply")]
    FeedbackAlreadyGiven {
        /// The deputy.
        deputy: DeputyId,
    },
    /// On the same date, a time of day before the last one recorded.
    #[error("time {time} is before the last recorded time {last} on the same date")]
    TimeGoesBack {
        /// The time given.
        time: chrono::NaiveTime,
        /// The last recorded time.
        last: chrono::NaiveTime,
    },
    /// The policy needs the unit to accept its assignment first.
    #[error("unit {unit} has not accepted its assignment: the policy needs it to accept first")]
    NotAccepted {
        /// The unit.
        unit: UnitId,
    },
    /// The unit has already accepted its assignment (and may no longer
    /// dispute it).
    #[error("unit {unit} has already accepted its assignment")]
    AlreadyAccepted {
        /// The unit.
        unit: UnitId,
    },
    /// A unit handling separately has already replied in this round.
    #[error("unit {unit} has already replied in this round")]
    AlreadyReplied {
        /// The unit.
        unit: UnitId,
    },
    /// The unit has no extension request waiting to be granted.
    #[error("unit {unit} has no extension request waiting")]
    NoExtensionPending {
        /// The unit.
        unit: UnitId,
    },
    /// Fewer than two units named for separate handling.
    #[error("separate handling needs at least two units, {count} named")]
    TooFewUnits {
        /// How many were named.
        count: usize,
    },
    /// The policy does not let the office handle items itself.
    #[error("the policy does not provide for self-handled items (自行办理)")]
    SelfHandlingNotProvided,
    /// A contact in a phase the item is not in.
    #[error("a contact {phase} is not possible on a suggestion that is {stage}")]
    ContactOutOfPhase {
        /// The phase given.
        phase: super::ContactPhase,
        /// The item's stage.
        stage: StageKind,
    },
    /// The deputy is not one of the item's proposers.
    #[error("deputy {deputy} is not a proposer of this suggestion")]
    NotAProposer {
        /// The deputy.
        deputy: DeputyId,
    },
    /// The item is already marked confidential.
    #[error("the suggestion is already confidential")]
    AlreadyConfidential,
    /// A link to the item itself, an item named twice, too many items.
    #[error("suggestion {id} cannot be linked here (itself, already linked, or over {max} links)")]
    BadLink {
        /// The suggestion named.
        id: SuggestionId,
        /// The most links an item may have.
        max: usize,
    },
    /// A carry-over the rules refuse.
    #[error("cannot carry the suggestion into {year}: {why}")]
    CarryOverRefused {
        /// The year asked for.
        year: i32,
        /// Why not.
        why: &'static str,
    },
    /// An evaluation step the rules refuse (测评).
    #[error("evaluation of unit {unit}: {why}")]
    EvaluationRefused {
        /// The unit.
        unit: UnitId,
        /// Why not.
        why: String,
    },
}

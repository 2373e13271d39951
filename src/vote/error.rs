//! The vote engine's error type.

use crate::common::{DeputyId, ProjectId};
use crate::stats::StatsError;
use rust_decimal::Decimal;

/// What can go wrong in a livelihood-project vote.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::vote::VoteError;
/// let e = VoteError::AlreadyVoted { voter: DeputyId::new(12), ballot_box: 3 };
/// assert_eq!(e.to_string(), "deputy D12 has already voted (ballot box 3)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VoteError {
    /// A rule is out of range.
    #[error("invalid rules: `{field}` {reason}")]
    InvalidRules {
        /// The field, as in the rule table.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The candidate list is empty.
    #[error("the candidate list is empty")]
    NoCandidates,
    /// The candidate list is longer than supported.
    #[error("{candidates} candidates; at most {max} are supported")]
    TooManyCandidates {
        /// How many were given.
        candidates: usize,
        /// The most supported.
        max: usize,
    },
    /// A project is listed twice.
    #[error("project {project} is listed twice")]
    DuplicateProject {
        /// The project.
        project: ProjectId,
    },
    /// A project's investment is negative.
    #[error("project {project} has a negative investment ({investment})")]
    NegativeInvestment {
        /// The project.
        project: ProjectId,
        /// Its investment.
        investment: Decimal,
    },
    /// Not more candidates than places: the vote would not be competitive (差额).
    #[error(
        "{candidates} candidates for {places} places: there must be more candidates than places"
    )]
    NotCompetitive {
        /// Candidates.
        candidates: u32,
        /// Places.
        places: u32,
    },
    /// Fewer surplus candidates than the rules require.
    #[error("{surplus} surplus candidates; the rules require at least {min}")]
    SurplusTooSmall {
        /// Candidates less places.
        surplus: u32,
        /// The rules' minimum.
        min: u32,
    },
    /// The surplus is a smaller share of the places than the rules require.
    #[error(
        "{surplus} surplus candidates for {places} places; the rules require a ratio of at least {min_ratio}"
    )]
    SurplusRatioTooSmall {
        /// Candidates less places.
        surplus: u32,
        /// Places.
        places: u32,
        /// The rules' minimum ratio.
        min_ratio: Decimal,
    },
    /// The electorate is empty.
    #[error("the electorate is empty")]
    EmptyElectorate,
    /// The electorate is larger than supported.
    #[error("an electorate of {size} deputies; at most {max} are supported")]
    ElectorateTooLarge {
        /// How many were given.
        size: usize,
        /// The most supported.
        max: usize,
    },
    /// More deputies signed in than there are.
    #[error("{signed_in} deputies signed in, but there are {deputies}")]
    SignedInExceedsDeputies {
        /// Signed in.
        signed_in: u32,
        /// All deputies.
        deputies: u32,
    },
    /// Too few deputies present to hold the vote (法定人数).
    #[error(
        "{present} of {deputies} deputies present; the quorum is {required}: the vote may not be held"
    )]
    NoQuorum {
        /// Deputies present.
        present: u32,
        /// All deputies.
        deputies: u32,
        /// The fewest present that make the quorum.
        required: u32,
    },
    /// A ballot that names its voter, in a secret ballot.
    #[error(
        "a ballot naming deputy {voter} in a secret ballot (ballot box {ballot_box}): count it without the name"
    )]
    NamedBallotInSecretVote {
        /// The deputy named.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A ballot without a voter, in a named or electronic vote.
    #[error("a ballot without its deputy in a vote by {voting} (ballot box {ballot_box})")]
    UnnamedBallot {
        /// The vote's way of voting.
        voting: &'static str,
        /// The box.
        ballot_box: u32,
    },
    /// Named or electronic voting with an electorate known by counts only.
    #[error("a vote by {voting} needs the electorate's names, not only its counts")]
    NamesNeeded {
        /// The vote's way of voting.
        voting: &'static str,
    },
    /// More ballots returned in one box than were issued for it: the vote
    /// is void.
    #[error(
        "ballot box {ballot_box}: {returned} ballots returned but {issued} issued for it: the vote is void"
    )]
    BoxVoid {
        /// The box.
        ballot_box: u32,
        /// Ballots issued for it.
        issued: u32,
        /// Ballots returned in it.
        returned: u64,
    },
    /// The boxes were issued more ballots together than the session.
    #[error("the boxes were issued {boxes} ballots together, the session {issued}")]
    BoxesExceedIssued {
        /// Issued for the boxes together.
        boxes: u64,
        /// Issued in the session.
        issued: u32,
    },
    /// A drawing of lots that does not order exactly the tied projects.
    #[error("the drawing of lots must order exactly the tied projects, each once")]
    LotMismatch,
    /// A step on an adopted project that its status does not allow.
    #[error("project {project}: `{step}` is not possible on a project that is {status}")]
    ProjectStep {
        /// The project.
        project: ProjectId,
        /// The step.
        step: &'static str,
        /// Its status.
        status: &'static str,
    },
    /// A step on an adopted project that breaks its record's rules.
    #[error("project {project}: {what}")]
    ProjectRecord {
        /// The project.
        project: ProjectId,
        /// What is wrong.
        what: &'static str,
    },
    /// A change or suspension without a recorded standing-committee
    /// decision (Shaanxi 2025, art. 18), or a decision that does not fit.
    #[error("project {project}: {what}")]
    DecisionNeeded {
        /// The project.
        project: ProjectId,
        /// What is missing or wrong.
        what: &'static str,
    },
    /// A deputy is listed twice (among members, or among those present).
    #[error("deputy {deputy} is listed twice")]
    DuplicateDeputy {
        /// The deputy.
        deputy: DeputyId,
    },
    /// A deputy listed as present is not a member.
    #[error("deputy {deputy} is listed as present but is not a member")]
    PresentNotMember {
        /// The deputy.
        deputy: DeputyId,
    },
    /// More ballots issued than deputies present.
    #[error("{issued} ballots issued but only {present} deputies present")]
    IssuedExceedsPresent {
        /// Ballots issued.
        issued: u32,
        /// Deputies present.
        present: u32,
    },
    /// A ballot from someone outside the electorate.
    #[error("{voter} is not in the electorate (ballot box {ballot_box})")]
    NotInElectorate {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A ballot from a deputy who is not present.
    #[error("deputy {voter} is not present (ballot box {ballot_box})")]
    Absent {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A second ballot from the same deputy.
    #[error("deputy {voter} has already voted (ballot box {ballot_box})")]
    AlreadyVoted {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// Merging two tallies in which the same deputy voted.
    #[error("deputy {voter} voted in ballot boxes {boxes:?} and in {other_boxes:?}")]
    VotedInTwoBoxes {
        /// The voter.
        voter: DeputyId,
        /// The boxes of the tally merged into.
        boxes: Vec<u32>,
        /// The boxes of the tally merged in.
        other_boxes: Vec<u32>,
    },
    /// Merging the same ballot box twice.
    #[error("ballot box {ballot_box} is counted twice")]
    SameBoxTwice {
        /// The box.
        ballot_box: u32,
    },
    /// A tally used with a session it was not made for.
    #[error("the tally of ballot box {ballot_box} was made for another session")]
    TallyMismatch {
        /// The (first) box of the tally.
        ballot_box: u32,
    },
    /// A stored tally does not hold together.
    #[error("corrupt tally: {what}")]
    CorruptTally {
        /// What is inconsistent.
        what: &'static str,
    },
    /// More ballots returned than issued: the vote is void.
    #[error("{returned} ballots returned but {issued} issued: the vote is void")]
    MoreReturnedThanIssued {
        /// Ballots issued.
        issued: u32,
        /// Ballots returned.
        returned: u64,
    },
    /// [`Outcome::resolve`](super::Outcome::resolve) on an outcome with no tie.
    #[error("there is no tie to resolve")]
    NoTie,
    /// A runoff that is not among exactly the tied projects for the places left.
    #[error("the runoff is not among exactly the tied projects for the places left")]
    RunoffMismatch,
    /// Merging the ratings of two different projects.
    #[error("ratings of project {other} cannot be merged into those of {project}")]
    RatingMismatch {
        /// The project rated here.
        project: ProjectId,
        /// The other project.
        other: ProjectId,
    },
    /// A rate could not be computed.
    #[error("rating: {0}")]
    Stats(#[from] StatsError),
    /// A sum went past what the number type holds.
    #[error("arithmetic overflow")]
    Overflow,
    /// The vote cannot be written as a Pabulib election.
    #[error("publishing as .pb: {0}")]
    Publish(#[from] super::pabulib::PbError),
}

impl VoteError {
    pub(crate) const fn rules(field: &'static str, reason: &'static str) -> Self {
        Self::InvalidRules { field, reason }
    }
}

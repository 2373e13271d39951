//! Livelihood-project votes (民生实事项目人大代表票决制) and participatory
//! budgeting.
//!
//! A congress session votes on a competitive list of candidate livelihood
//! projects; the elected ones are built during the year and rated by the
//! deputies when finished. This module models the vote and the rating;
//! [`pabulib`] models participatory budgeting on the Pabulib format.
//!
//! ## The rules implemented
//!
//! - **Candidates** ([`Project`], [`CandidateList`]): id, name, investment
//!   (exact yuan), category and planned completion date. The list is checked
//!   against the competition requirement (差额, [`Competition`]): more
//!   candidates than places, by at least a surplus count and, optionally, a
//!   surplus ratio of the places.
//! - **The session** ([`Session`]): the [`Electorate`] (all deputies, and who
//!   is present) and the ballots issued. No more may be issued than there
//!   are deputies present; if more ballots come back than were issued, the
//!   vote is void ([`VoteError::MoreReturnedThanIssued`]). With a
//!   [`Quorum`] in the rules (法定人数, e.g. two thirds of all deputies), a
//!   session with fewer present is refused ([`VoteError::NoQuorum`], naming
//!   both numbers).
//! - **How the deputies vote** ([`Voting`]): named ballots (the default),
//!   checked against the electorate; a **secret ballot** (无记名投票, the
//!   election law's practice): the electorate is known by its counts
//!   ([`Electorate::counted`]: deputies, sign-ins), ballots carry no name and
//!   are counted box by box ([`Tally::count`], [`Tally::with_issued`]); a
//!   box that returns more than it was issued voids the vote
//!   ([`VoteError::BoxVoid`]), as the whole does; or **electronic voting**
//!   (电子表决): each seat's presses, a project not pressed being *not
//!   voted* ([`ProjectResult::not_voted`]), the presses kept
//!   ([`Tally::presses`]) or not, as the rules say. All three give the same
//!   [`Outcome`].
//! - **Ballots** ([`Ballot`], [`Choice`]) in one of three forms
//!   ([`BallotForm`]): for / against / abstain on each project (an unmarked
//!   project is an abstention; at most `max_choices` marked "for"); choose up
//!   to N; or rank up to N by priority.
//!   A ballot from outside the electorate, from a deputy marked absent, or a
//!   second ballot from the same deputy is **refused** with an error, and the
//!   tally is unchanged. A ballot of the wrong form, naming an unknown project
//!   or a project twice, choosing more than allowed, or (when the rules say
//!   so) blank, is **counted as invalid** ([`InvalidReason`]), never fixed.
//! - **Ranked ballots**: each ranked project gets one vote for (this is what
//!   the pass threshold looks at), and the tally keeps how many ballots
//!   ranked each project at each rank ([`Tally::rank_counts`]). The ranking
//!   among passing projects follows the method the locality states
//!   ([`RankedCount`]; Liyang 2010 leaves it open): Borda points (with
//!   `N = max_choices`, the first priority `N`, the second `N − 1`, …; the
//!   default), a points table by rank, the rank sum, the mean rank, or the
//!   count in the first `k` ranks. The same tally serves every method.
//! - **The decision** ([`Session::decide`]): a project passes with votes for
//!   more than (or at least) a share of all deputies, of those present, or of
//!   the valid ballots ([`Threshold`]); passing projects are elected by most
//!   votes for (points, for ranked ballots) up to the number of places,
//!   skipping any that no longer fit the optional budget cap. A group with
//!   equal votes that does not fit the places (or the budget) left is a
//!   [`Tie`]: reported with the tied projects and the places left, never
//!   broken silently. [`Session::runoff`] makes a runoff session among only
//!   the tied projects (most votes win), and [`Outcome::resolve`] folds its
//!   result in; where the rules provide for it, [`Outcome::settle`] takes a
//!   recorded drawing of lots ([`Lot`]) instead, never an order of its own.
//!   Places left unfilled are reported for a separate vote (另行选举).
//! - **After the vote** ([`AdoptedProject`]): an elected project goes
//!   adopted → under way (progress) → completed → rated; a change
//!   (investment, completion date, name), a suspension or a resumption needs
//!   a recorded standing-committee [`Decision`] dated no later than the step
//!   (Shaanxi 2025, art. 18).
//! - **Completion rating** ([`CompletionRating`]): 满意 / 基本满意 / 不满意 /
//!   弃权 counts and the satisfied, basically satisfied and combined rates,
//!   with abstentions in the whole or not ([`RatingRules`]), each rounded
//!   once (四舍五入), plus shares that add up to exactly 100.
//!
//! The documented default, [`VoteRules::election_style`], follows the
//! congresses' own election rules, the nearest published precedent: more
//! than half of ALL deputies to pass; most votes win; a tie at the cut-off
//! is reported for a re-vote among the tied; unfilled places go to a
//! separate vote.
//!
//! ## Rule tables
//!
//! [`VoteRules`] loads from TOML or JSON; unknown fields are rejected and
//! the rules are checked while loading. Only `places` is required; the rest
//! default to the election-style rules. Decimals are strings.
//!
//! ```toml
//! form = "for_against_abstain"     # or "choose_up_to", "ranked"
//! places = 10
//! max_choices = 10                 # default: places
//! blank_ballots_valid = true
//! budget_cap = "300000000"         # yuan; leave out for no cap
//!
//! [threshold]                      # leave out for this default;
//! base = "all_deputies"            # threshold = "none": most votes win
//!                                  # base: or "present", "valid_ballots"
//! numerator = 1
//! denominator = 2
//! strict = true                    # "more than half"
//!
//! [competition]                    # competition = "none": not checked
//! min_surplus = 2
//! min_surplus_ratio = "0.2"
//!
//! [rating]
//! abstentions = "counted"           # or "excluded"
//! decimals = 2
//! ```
//!
//! and, for how the vote is held (each may be left out):
//!
//! ```toml
//! voting = "secret"                # "named" (default), "secret",
//!                                  # or { electronic = { keep_presses = false } }
//! quorum = { numerator = 2, denominator = 3 }   # leave out: not checked
//! ranked_count = { method = "points_table", points = [10, 8, 6, 5, 4] }
//!                                  # or "borda" (default), "rank_sum",
//!                                  # "mean_rank", "top_k" with k = …
//! ```
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use deputy_work::vote::{ThresholdBase, VoteRules};
//! let rules: VoteRules = serde_json::from_str(r#"{
//!     "places": 10,
//!     "threshold": { "base": "present", "numerator": 1, "denominator": 2, "strict": true },
//!     "budget_cap": "300000000"
//! }"#)?;
//! assert_eq!(rules.threshold.map(|t| t.base), Some(ThresholdBase::Present));
//! assert!(serde_json::from_str::<VoteRules>(r#"{ "places": 0 }"#).is_err());
//! assert!(serde_json::from_str::<VoteRules>(r#"{ "places": 3, "seats": 3 }"#).is_err());
//! let runoff: VoteRules = toml::from_str("places = 1\nthreshold = \"none\"")?;
//! assert_eq!(runoff.threshold, None);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Design decisions
//!
//! - **Memory in proportion to projects, not ballots.** A [`Tally`] keeps
//!   three counters per project (marked for, against and abstain; an
//!   abstention in the results of a paper vote is a valid ballot that is
//!   neither for nor against), for ranked ballots one counter per project
//!   and rank, one figure per box, and one bit per deputy of the
//!   electorate saying who has voted (none for a secret ballot). The one
//!   exception is an electronic vote whose rules keep each seat's presses:
//!   those are kept, one per deputy who voted. The bit is what refuses a second
//!   ballot; it is in proportion to voters, which is unavoidable and small
//!   (41 bytes for 327 deputies, 125 KB for a million).
//! - **Counting splits.** Each ballot box is tallied on its own
//!   ([`Tally::new`] with a box number) and [`Tally::merge`] adds them; the
//!   result is exactly that of one count over all ballots, in any order. A
//!   merge refuses the same box twice and a deputy who voted in both boxes,
//!   naming the deputy and the boxes. A tally serializes, so boxes can be
//!   counted on different machines.
//! - **Secrecy.** A ballot names its voter only so that eligibility and
//!   double voting can be checked; the tally keeps who has voted, never how.
//! - **A refused command changes nothing.** Every check runs before any
//!   counter moves.
//! - **Deterministic.** Results list projects best first and, within equal
//!   votes, by id; no hash maps.
//! - **Pabulib.** [`Session::to_pabulib`] publishes a vote as a Pabulib
//!   `.pb` election (projects with their investment, one approval set per
//!   valid ballot, the outcome as the `selected` column), so
//!   participatory-budgeting tools can read it.
//!
//! ## Example
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{DeputyId, ProjectId};
//! use deputy_work::vote::*;
//! use rust_decimal::Decimal;
//!
//! let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
//! let projects = (1..=3)
//!     .map(|n| Project::new(ProjectId::new(n), format!("项目{n}"), Decimal::from(100 * n), "民生", date))
//!     .collect();
//! let session = Session::new(
//!     VoteRules::election_style(2)?,
//!     CandidateList::new(projects)?,
//!     Electorate::all_present((1..=3).map(DeputyId::new))?,
//!     3,
//! )?;
//! let mut tally = Tally::new(&session, 1);
//! for d in 1..=3 {
//!     let marks = vec![(ProjectId::new(1), Mark::For), (ProjectId::new(d), Mark::For)];
//!     let verdict = tally.cast(&session, &Ballot::new(DeputyId::new(d), Choice::Marks(marks)))?;
//!     // Deputy 1 marks project 1 twice: the ballot is invalid, not fixed.
//!     assert_eq!(verdict.is_valid(), d != 1);
//! }
//! let outcome = session.decide(&tally)?;
//! assert_eq!(outcome.elected, [ProjectId::new(1)]);
//! assert_eq!(outcome.unfilled, 1, "one place goes to a separate vote");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ballot;
mod electorate;
mod implementation;
mod outcome;
pub mod pabulib;
mod project;
mod publish;
mod rating;
mod rules;
mod session;

pub use ballot::{Ballot, Choice, InvalidCounts, InvalidReason, Mark, Verdict};
pub use electorate::Electorate;
pub use implementation::{
    AdoptedProject, Decision, ProjectChange, ProjectEntry, ProjectEvent, ProjectStatus,
};
pub use outcome::{BallotFigures, Lot, Outcome, ProjectResult, Status, Tie};
pub use project::{CandidateList, Project};
pub use rating::{CompletionRating, RatingReport};
pub use rules::{
    BallotForm, Competition, Quorum, RankedCount, RatingRules, Threshold, ThresholdBase, VoteRules,
    Voting,
};
pub use session::{BoxCount, Press, ProjectTally, Session, Tally};

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
    /// [`Outcome::resolve`] on an outcome with no tie.
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
    Publish(#[from] pabulib::PbError),
}

impl VoteError {
    pub(crate) const fn rules(field: &'static str, reason: &'static str) -> Self {
        Self::InvalidRules { field, reason }
    }
}

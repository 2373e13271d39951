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
//! ## The pattern for rules
//!
//! As every engine of the crate, the vote takes its rules as a checked
//! [`Policy`], and every way in is checked:
//!
//! - **named constructors** for the rules a locality publishes:
//!   [`Policy::election_style`] (the documented default, below),
//!   [`Policy::ranked_priorities`] (ranked ballots, as Liyang 2010) and
//!   [`Policy::secret_ballot`] (a secret ballot under a two-thirds quorum);
//! - **[`Policy::with_changes`]** to depart from one, checking the result;
//! - **serde** (TOML or JSON, below), checking while loading;
//! - and [`Session::new`], which checks its rules again whatever was done
//!   to the public fields in between ([`Policy::validate`] checks them on
//!   their own).
//!
//! Arguments say what they are: a [`Project`] is built field by field by
//! name ([`Project::builder`]); ballots issued and ballot box numbers are
//! [`BallotsIssued`] and [`BoxNumber`].
//!
//! The documented default, [`Policy::election_style`], follows the
//! congresses' own election rules, the nearest published precedent: more
//! than half of ALL deputies to pass; most votes win; a tie at the cut-off
//! is reported for a re-vote among the tied; unfilled places go to a
//! separate vote.
//!
//! ## Rule tables
//!
//! [`Policy`] loads from TOML or JSON; unknown fields are rejected and
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
//! use deputy_work::vote::{ThresholdBase, Policy};
//! let rules: Policy = serde_json::from_str(r#"{
//!     "places": 10,
//!     "threshold": { "base": "present", "numerator": 1, "denominator": 2, "strict": true },
//!     "budget_cap": "300000000"
//! }"#)?;
//! assert_eq!(rules.threshold.map(|t| t.base), Some(ThresholdBase::Present));
//! assert!(serde_json::from_str::<Policy>(r#"{ "places": 0 }"#).is_err());
//! assert!(serde_json::from_str::<Policy>(r#"{ "places": 3, "seats": 3 }"#).is_err());
//! let runoff: Policy = toml::from_str("places = 1\nthreshold = \"none\"")?;
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
//!   ([`Tally::new`] with a [`BoxNumber`]) and [`Tally::merge`] adds them; the
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
//! ## Streaming and memory
//!
//! - **Ballots stream.** Each ballot goes through [`Tally::cast`] (or
//!   [`Tally::count`] for a secret ballot) one at a time and is not kept:
//!   a tally holds three counters per project, for ranked ballots one per
//!   project and rank, one figure per box and one bit per deputy of the
//!   electorate, in proportion to projects and deputies, never to ballots.
//!   The exception is an electronic vote whose rules keep the presses:
//!   one per deputy who voted, because the rules ask for them.
//! - **Pabulib files are parsed whole** ([`pabulib::PbElection::parse`]
//!   takes the file's text): the rules it names need every vote at once
//!   (the method of equal shares spends each voter's budget over many
//!   rounds, and the greedy rule ranks projects by all their votes), so an
//!   election is held in memory in proportion to its votes.
//! - **In parallel** (the `rayon` feature, off by default):
//!   `Tally::par_cast` and `Tally::par_count` count one box's ballots
//!   in parts over the threads, `Tally::par_merge_all` merges many boxes'
//!   tallies; each gives the sequential tally and error, byte for byte
//!   (see each function for how, and its cost).
//!
//! ## Cost
//!
//! Entry points that take input from outside, with their bounds (p:
//! candidates; m: members of the electorate; r: ranks counted; c: a
//! ballot's choices; b: ballot boxes). A [`Policy`] is a fixed set of
//! fields: loading and checking it is O(1). Each function's docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`CandidateList::new`], loading one | O(p log p) | the projects, an index |
//! | [`Electorate::new`], [`Electorate::all_present`], loading one | O(m log m) | the members, a bit each |
//! | [`Session::new`], loading one | O(1) beyond its parts | its parts |
//! | [`Tally::new`], [`Tally::with_issued`] | O(p × r + m / 64) | the same |
//! | [`Tally::cast`], [`Tally::count`] | O(c), plus O(p) above 64 candidates, plus a search of the tally's boxes | O(p) above 64 candidates, while counting |
//! | [`Tally::merge`] | O(p × r + m / 64 + b log b) | the other's boxes and presses |
//! | loading a [`Tally`] | linear in its lists, O(b log b) | the tally |
//! | [`Session::decide`] | O(b + p log p × r) | a row per project |
//! | [`Session::runoff`], [`Outcome::resolve`], [`Outcome::settle`] | linear in the tie and the rows | the new session or outcome |
//! | [`CompletionRating::add_many`], [`CompletionRating::report`] | O(1), whatever the numbers | none |
//! | [`AdoptedProject::record`], [`AdoptedProject::replay`], loading one | O(1) a step, O(trail) | the trail |
//! | [`Session::to_pabulib`] | linear in the ballots and their choices | the election |
//! | [`pabulib`] | see its [Cost](pabulib#cost) table: Equal Shares is **not** bounded by a file's size | |
//!
//! ## Example
//!
//! ```
//! use deputy_work::common::{DeputyId, ProjectId};
//! use deputy_work::vote::{
//!     samples, Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Tally,
//! };
//!
//! let session = Session::new(
//!     Policy::election_style(2)?,
//!     samples::candidates(3)?,
//!     Electorate::all_present((1..=3).map(DeputyId::new))?,
//!     BallotsIssued(3),
//! )?;
//! let mut tally = Tally::new(&session, BoxNumber(1));
//! for d in 1..=3 {
//!     let marks = vec![(ProjectId::new(1), Mark::For), (ProjectId::new(d), Mark::For)];
//!     let validity = tally.cast(&session, &Ballot::new(DeputyId::new(d), Choice::Marks(marks)))?;
//!     // Deputy 1 marks project 1 twice: the ballot is invalid, not fixed.
//!     assert_eq!(validity.is_valid(), d != 1);
//! }
//! let outcome = session.decide(&tally)?;
//! assert_eq!(outcome.elected[0].to_string(), "P1 老旧小区改造提升");
//! assert_eq!(outcome.unfilled, 1, "one place goes to a separate vote");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`samples`] holds the small vote the examples of this module use.

mod ballot;
mod electorate;
mod error;
mod implementation;
mod outcome;
pub mod pabulib;
#[cfg(feature = "rayon")]
mod par;
mod project;
mod publish;
mod rating;
mod rules;
pub mod samples;
mod session;

pub use ballot::{Ballot, Choice, InvalidCounts, InvalidKind, InvalidReason, Mark, Validity};
pub use electorate::Electorate;
pub use error::VoteError;
pub use implementation::{
    AdoptedProject, Decision, ProjectChange, ProjectEntry, ProjectEvent, ProjectStatus,
};
pub use outcome::{BallotFigures, DrawnLot, Lot, Outcome, ProjectRef, ProjectResult, Status, Tie};
pub use project::{CandidateList, Project, ProjectBuilder};
pub use rating::{CompletionRating, RatingReport};
pub use rules::{
    BallotForm, Competition, Policy, Quorum, RankedCount, RatingRules, Threshold, ThresholdBase,
    Voting,
};
pub use session::{BallotsIssued, BoxCount, BoxNumber, Press, ProjectTally, Session, Tally};

/// The value of a checked step that an invariant keeps in range. A broken
/// invariant is a bug: a debug build stops with the invariant's statement,
/// a release build goes on with `fallback`.
#[inline]
#[track_caller]
pub(crate) fn invariant<T>(value: Option<T>, fallback: T, statement: &str) -> T {
    debug_assert!(value.is_some(), "invariant broken: {statement}");
    value.unwrap_or(fallback)
}

/// The vote's rules, under their 0.1 name.
///
/// ```
/// #![allow(deprecated)]
/// let rules: deputy_work::vote::VoteRules = deputy_work::vote::Policy::election_style(3)?;
/// assert_eq!(rules.places, 3);
/// # Ok::<(), deputy_work::vote::VoteError>(())
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed to `vote::Policy`, as every engine names its rules"
)]
pub type VoteRules = Policy;

/// Whether a ballot counts, under its 0.1 name.
///
/// ```
/// #![allow(deprecated)]
/// assert!(deputy_work::vote::Verdict::Valid.is_valid());
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed to `vote::Validity` (`stats::Verdict` is a satisfaction verdict)"
)]
pub type Verdict = Validity;

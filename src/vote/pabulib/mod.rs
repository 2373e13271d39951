//! Participatory budgeting (参与式预算) on the Pabulib `.pb` format.
//!
//! [Pabulib](https://pabulib.org) publishes hundreds of real
//! participatory-budgeting elections, each with its officially funded
//! projects. This module reads and writes that format, and decides an
//! election by the rules Pabulib files name, exactly and deterministically,
//! so a livelihood-project vote (民生实事项目票决) can be published as a `.pb`
//! file and checked against the same rules.
//!
//! # The format
//!
//! Three sections, each a marker line then a header row then data rows,
//! fields separated by `;`:
//!
//! ```text
//! META
//! key;value
//! budget;100000,50
//! vote_type;approval
//! rule;greedy
//! PROJECTS
//! project_id;cost;name;selected
//! p1;60000;"Clinic; east wing";1
//! p2;45000;"Road ""Nanhuan"" lighting";0
//! VOTES
//! voter_id;age;vote
//! 1;34;p1,p2
//! ```
//!
//! - META: `budget` (non-negative; a decimal comma is accepted) and
//!   `vote_type` (`approval`, `cumulative`, `scoring`, `ordinal`,
//!   `choose-1`) are required; `rule` is read when it names a rule below;
//!   `min_project_score_threshold` is read as a number. Every other key is
//!   kept as text, in order (`num_votes`, `max_length`, … are not enforced).
//! - PROJECTS: `project_id` (unique, trimmed, no comma) and `cost` are
//!   required, `selected` is optional ([`Selected`]: 0 not funded, 1
//!   funded by the rule, 2 from a reserve, 3 from additional funds; only 1
//!   is what a rule's result is compared with, as Pabulib's checker does);
//!   other columns are kept.
//! - VOTES: `voter_id` (unique) and `vote` (project ids separated by `,`,
//!   in order of preference for ordinal ballots) are required; `points`
//!   (numbers separated by `,`, one per project) is required for cumulative
//!   and scoring ballots. A choose-1 ballot names at most one project.
//! - Fields may be quoted with `"` (a quote inside is doubled, a quoted
//!   field may span lines); a leading byte-order mark, `\r\n` line ends and
//!   blank lines are accepted.
//!
//! [`PbElection::parse`] reports the first problem with its line and what
//! was expected (in Chinese too: [`PbError::message_zh`]); [`PbReader`] reads the same text given in pieces (a large
//! file is never held whole), with the same result and errors;
//! [`PbElection::to_pb_string`] writes the election back, and
//! parsing that text gives an equal election. The votes are kept column by
//! column ([`PbVotes`]): an election takes about the memory of its text. [`PbElection::new`] builds an
//! election in code with the same checks. With the `serde` feature an
//! election serializes as its parts and is validated again when loaded
//! (costs and points are decimal strings):
//!
//! ```json
//! {
//!   "meta": [["budget", "12"], ["vote_type", "approval"], ["rule", "equalshares/add1"]],
//!   "project_columns": ["project_id", "cost", "name"],
//!   "projects": [{"id": "a", "cost": "6", "selected": null, "extra": ["Park"]}],
//!   "vote_columns": ["voter_id", "vote"],
//!   "votes": [{"voter_id": "1", "projects": [0], "points": [], "extra": []}]
//! }
//! ```
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use deputy_work::vote::pabulib::{PbElection, PbRule};
//! let json = r#"{
//!   "meta": [["budget", "12"], ["vote_type", "approval"], ["rule", "equalshares/add1"]],
//!   "project_columns": ["project_id", "cost", "name"],
//!   "projects": [{"id": "a", "cost": "6", "selected": null, "extra": ["Park"]}],
//!   "vote_columns": ["voter_id", "vote"],
//!   "votes": [{"voter_id": "1", "projects": [0], "points": [], "extra": []}]
//! }"#;
//! let e: PbElection = serde_json::from_str(json)?;
//! assert_eq!(e.rule(), Some(PbRule::EqualSharesAdd1));
//! assert_eq!(e.to_pb_string(), "META\nkey;value\nbudget;12\nvote_type;approval\nrule;equalshares/add1\n\
//!     PROJECTS\nproject_id;cost;name\na;6;Park\nVOTES\nvoter_id;vote\n1;a\n");
//! // Loading validates: a vote for a project that does not exist is refused.
//! assert!(serde_json::from_str::<PbElection>(&json.replace("[0]", "[5]")).is_err());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The rules
//!
//! A project's *score* is the number of ballots naming it (approval,
//! choose-1), the sum of its points (cumulative, scoring), or for ordinal
//! ballots positional points by the ballot's own length `L`: the first
//! choice earns `L`, the next `L − 1`, …, the last 1 (Pabulib's checker
//! recounts scores so; it gives the `score` column of every ordinal file in
//! the data).
//!
//! A project whose score is below META `min_project_score_threshold`, when
//! the file has one, is not eligible under any greedy rule, however well it
//! fits (pabulib.org's format description; Gdynia's `greedy-no-skip` files
//! carry a threshold too).
//!
//! - [`PbRule::Greedy`] (`greedy`): projects by score, highest first; each
//!   is funded if it still fits in what is left of the budget, else skipped.
//!   This is the rule of all 268 real greedy files in the data set, and it
//!   reproduces every official selection.
//! - [`PbRule::GreedyNoSkip`] (`greedy-no-skip`): the same order, but the
//!   first project that does not fit ends the rule.
//! - [`PbRule::GreedyThreshold`] (`greedy-threshold`): greedy with skipping,
//!   among the projects that reach the threshold.
//! - [`PbRule::EqualSharesAdd1`] (`equalshares/add1`): the Method of Equal
//!   Shares with cost utilities. Every voter starts with an equal share of
//!   the budget. In each round, every project whose supporters still hold
//!   at least its cost gets a price: its supporters pay equal shares `q`,
//!   and those holding less than `q` pay all they hold; the project with
//!   the smallest `ρ = q / cost` is funded and its supporters pay. The add1
//!   completion then reruns the method with a per-voter budget of
//!   `floor(budget / voters) + 1`, `+ 2`, … and keeps each outcome that
//!   stays within the budget, stopping at the first that does not
//!   (equalshares.net; Pabulib's checker), or when every project with a
//!   supporter is funded (no raise can change anything then; the checker
//!   loops forever there). An outcome that leaves no room for another
//!   project does not stop it: a higher per-voter budget may fund another
//!   set within the budget (Wieliczka 2023). The result is that of adding
//!   one unit at a time, but whole intervals of per-voter budgets with one
//!   proven outcome are skipped (see Design), so a huge budget beside few
//!   voters does not mean many runs; at most 64 runs per project and group
//!   of identical ballots (at least 10,000) are made, past which the
//!   election is refused with [`PbError::CompletionTooLong`]. It reproduces the Świecie 2023
//!   result of pabulib-checker and pabutools (17 projects costing
//!   1,040,337). Approval and choose-1 ballots give cost utilities (a
//!   supporter's utility is the project's cost, so `ρ = q / cost`);
//!   cumulative and scoring ballots give cardinal utilities (the points: a
//!   supporter pays `ρ` per point, or all it holds if less, and the lowest
//!   price per point wins; equalshares.net, "Other input formats"); ordinal
//!   ballots are refused.
//! - [`PbRule::EqualSharesAdd1Comparison`] (`equalshares/add1-comparison`):
//!   the add1 result, or greedy by approval count (skipping) if strictly more
//!   voters approve more of greedy's projects (equalshares.net's comparison
//!   step; Pabulib's checker, satisfaction mode).
//! - [`PbRule::GreedyCustom`] (`greedy-custom`): a city's variant, stated in
//!   META `comment`. Poznań's (META `unit` `Poznań`): greedy without
//!   skipping, then the next project from a reserve when what is left covers
//!   80 % of its cost ([`PbOutcome::reserve`], `selected` 2). Other cities'
//!   variants state no rule and are decided as greedy, as the checker does.
//! - [`PbRule::GreedyExclusive`] (`greedy-exclusive`): greedy by META (the
//!   format has no field for exclusive groups); with the groups named,
//!   [`PbElection::decide_exclusive`].
//!
//! A file whose META `rule` is `unknown` is decided by the rule the caller
//! names ([`PbElection::decide`]).
//!
//! Ties: greedy breaks a tie of scores to the cheaper project, then to the
//! one earlier in the file; equal shares breaks a tie of `ρ` to the cheaper
//! project, then to more approvals, then to the earlier one. Projects that
//! cost nothing are funded by equal shares when someone supports them.
//!
//! ```
//! use deputy_work::vote::pabulib::{PbElection, PbRule};
//! // Three voters want a and b, one voter wants c; the budget is 12.
//! let e = PbElection::parse("META\nkey;value\nbudget;12\nvote_type;approval\n\
//!     PROJECTS\nproject_id;cost\na;6\nb;6\nc;3\n\
//!     VOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,b\n4;c\n")?;
//! // Greedy serves the majority only; equal shares gives the minority its quarter.
//! assert_eq!(e.decide(PbRule::Greedy)?.selected_ids(&e), ["a", "b"]);
//! assert_eq!(e.decide(PbRule::EqualSharesAdd1)?.selected_ids(&e), ["a", "c"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Design
//!
//! - One pass over the text, given whole or in pieces ([`PbReader`]):
//!   VOTES rows without quotes are split by a vectorized search, and quoted
//!   fields are unescaped only where needed; project ids are interned to
//!   dense `u32` indices; the votes are stored column by column
//!   ([`PbVotes`]). Parsing Łódź 2022 (3.8 MB, 90,494 voters) takes about
//!   12 ms and under 7 MB.
//! - Money is exact: costs and the budget are `Decimal`s; equal shares turns
//!   them into integers of the smallest decimal unit and keeps every
//!   voter's budget as a fraction over one common denominator, in checked
//!   fixed-width integers, comparing prices by cross-multiplication. The
//!   common denominator is reduced by the factors all budgets share once it
//!   grows; a run starts in 256 bits and is redone in 512, 1,024, 2,048 or
//!   8,192 bits if the fractions outgrow them. Nothing is ever rounded; only
//!   beyond 8,192 bits is the election refused with [`PbError::Overflow`].
//! - add1 without stepping every unit ("Streamlining Equal Shares",
//!   Kraiczy, Robinson and Elkind, arXiv 2502.11797, for the idea): a run's
//!   signature (per round: the affordable projects, the one funded, the
//!   supporters it exhausts) makes budgets and prices affine or convex in
//!   the per-voter budget, so two runs with one signature, in which every
//!   unfunded project still loses, prove the outcome of every budget
//!   between; add1 skips such intervals. Where the outcome changes at
//!   almost every unit (large city districts), it steps unit by unit with
//!   quick runs that keep each group's payments rather than its budget,
//!   computed a batch of budgets at a time from the highest down, each run
//!   bounding the prices of the one below. Every file of Pabulib's two
//!   folders here decides in under 1 s (Warsaw Mokotów 2023, the slowest,
//!   in 0.6 s).
//! - Voters with the same ballot are counted as one weighted group by equal
//!   shares; they always hold the same budget. A project's price is found
//!   without sorting its supporters: those who cannot pay the current share
//!   pay all they hold, and the share is recomputed until nobody else drops
//!   out. Each round prices only the projects whose last price (a float
//!   lower bound, compared with a wide margin) could still win or tie;
//!   floats settle only clear cases, and the choice itself is always made
//!   in exact integers.
//! - Results are the same for the same input: ties are broken as stated
//!   above, never by hash order, and [`PbOutcome::selected_ids`] is sorted.
//!
//! # Cost
//!
//! Entry points that take input from outside, with their bounds (n: the
//! text's bytes; p: projects; e: the ballots' entries). Each function's
//! docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`PbElection::parse`], [`PbElection::parse_lenient`], [`PbReader::feed`] and [`PbReader::finish`] | O(n), expected O(1) per project named, O(p log p) | about n |
//! | [`PbElection::new`], loading a [`PbElection`] | linear in the parts, O(p log p) | about the parts |
//! | [`PbElection::to_pb_string`] | linear in the election | the text |
//! | [`PbElection::scores`] | O(e) | a score per project |
//! | [`PbElection::decide`], [`PbElection::decide_by_meta`]: greedy rules | O(e + p log p) | a score per project |
//! | [`PbElection::decide_exclusive`] | O(e + p log p + groups' entries) | a score per project, the groups indexed |
//! | [`PbElection::decide`], [`PbElection::decide_by_meta`]: Equal Shares | at most 64 × p × g runs of the method (g: groups of identical ballots; at least 10,000), each at most p rounds over the groups' entries, so O(p² × g × e); past the limit [`PbError::CompletionTooLong`]. Real files take at most 1,012 runs | the groups' entries |
//! | [`PbElection::explain_greedy`] | as greedy | a step per project |
//! | [`PbElection::explain_equal_shares`] | as Equal Shares, plus one run | supporters × rounds |
//! | [`PbElection::check`], [`PbElection::check_text`] | O(n) or linear in the election, plus deciding by the META rule when the file has an official selection | the findings |
//! | [`PbElection::compare_with_official`], [`PbElection::official_selection`], [`PbElection::project_index`] | O(p log p), O(p), O(p) | O(p) |
//!
//! Equal Shares with add1 is the costliest entry point: its time is bounded
//! by the file's size (the number of runs by the projects and groups, not
//! by the numbers' magnitude), but the bound is polynomial, not linear;
//! [`PbElection::decide`] gives measurements.

mod check;
mod error;
mod known;
mod mes;
mod model;
mod parse;
mod rules;
mod votes;
mod wide;

pub use check::{Finding, Severity};
pub use error::{Line, PbError, PbRepair, RepairKind};
pub use model::{PbElection, PbProject, PbRule, PbVote, Selected, VoteType};
pub use parse::PbReader;
pub use rules::{
    EqualSharesExplanation, GreedyDecision, GreedyStep, MesPayment, MesRound, PbDiff, PbOutcome,
};
pub use votes::{PbCells, PbVoteRef, PbVotes, PbVotesIter};

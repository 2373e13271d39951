//! # deputy-work
//!
//! Rule engines for the work of people's congress deputies (人大代表工作),
//! as pure domain types with no I/O, for platforms such as 数智人大 to embed.
//!
//! ## Overview
//!
//! | module | what lives there |
//! |---|---|
//! | [`common`] | ids, deputies and congress levels, dates, periods, working-day calendars, Chinese labels |
//! | [`points`] | duty-point scoring (履职积分): policies as data, scorecards, ledgers, rankings, bands |
//! | [`suggestion`] | the suggestion life cycle (代表建议: 提、交、办、督、评) as an event-sourced state machine |
//! | [`vote`] | livelihood-project votes (民生实事项目票决) and participatory budgeting (Pabulib) |
//! | [`stats`] | exact rates, shares that add up to 100%, person-times |
//! | [`records`] | the other records of deputy work: training, contacts, mediation, grids, … |
//! | [`report`] | the annual work report built from all of the above |
//!
//! Every engine takes its rules as data (loadable from TOML or JSON through
//! serde, validated while loading), takes dates as arguments (it never reads a
//! clock), computes in exact decimals, returns a typed error instead of
//! panicking, and gives the same output for the same input, byte for byte.
//!
//! ## One vocabulary
//!
//! Every engine uses the same words for the same roles, and no word means two
//! things:
//!
//! | word | what it is | where |
//! |---|---|---|
//! | **Policy** | the rules an engine applies, as a locality's regulation writes them: loaded from TOML or JSON and validated on the way in, or built by a named constructor for a published regulation | [`points::Policy`], [`suggestion::Policy`], [`vote::Policy`] |
//! | **PolicyData** | a policy as written, before it is checked; `Policy::new(data)` checks it, and serde reads a policy through it | [`points::PolicyData`], [`suggestion::PolicyData`] |
//! | **Code** | a short identifier a policy declares (a qualifier, a reply class, a reason) | [`points::Code`], [`suggestion::Code`] |
//! | **Roster** | the deputies (and groups) an engine may hear of, with what it needs to know of them | [`points::Roster`], [`records::Roster`] |
//! | **Options** | how results are presented (decimals, rounding), not what they are | [`report::ReportOptions`] |
//! | **Tally** | a mergeable count of the records given so far: add records (in any order, in shards), merge tallies, then decide | [`points::Tally`], [`vote::Tally`], [`report::Tally`] |
//! | **…Counts** | figures counted from a register or a tally, by what they count | [`suggestion::RegisterCounts`], [`suggestion::UnitCounts`] (a register's), [`report::UnitCounts`] (a report's), [`vote::InvalidCounts`] |
//! | **Disposition** | what an engine did with one record it was given (counted, or why not) | [`points::Disposition`] |
//! | **Validity** | whether one ballot counts, and why not | [`vote::Validity`] |
//! | **Outcome** | an engine's decision on a whole case | [`vote::Outcome`], [`vote::pabulib::PbOutcome`] |
//! | **Verdict** | a satisfaction verdict (满意, 基本满意, 不满意) | [`stats::Verdict`] |
//! | **Error** | each engine's one error type, in its `error.rs`, with a Chinese message beside the English one | [`points::PointsError`], [`suggestion::SuggestionError`], [`vote::VoteError`], [`vote::pabulib::PbError`], [`stats::StatsError`], [`records::RecordsError`], [`report::ReportError`] |
//! | **Labelled** | the Chinese and English labels of every code a person reads | [`common::Labelled`] |
//!
//! ## The engines in brief
//!
//! Duty points: a locality's regulation as data, a year's acts in, a ranked
//! scorecard out, every point with its reason.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{DeputyId, Period, RecordId};
//! use deputy_work::points::{Act, ActKind, Policy, Scorer, StandardKind};
//!
//! let policy: Policy = toml::from_str(r#"
//!     name = "履职积分管理办法"
//!     version = "2025.1"
//!     in_force = { start = "2025-01-01", end = "2025-12-31" }
//!     base = "60"
//!     [[rules]]
//!     kind = "submit_suggestion"
//!     points = "3"
//! "#)?;
//! let day = NaiveDate::from_ymd_opt(2025, 3, 5).ok_or("date")?;
//! let acts = [
//!     Act::new(RecordId::new(1), DeputyId::new(7), day, ActKind::Standard(StandardKind::SubmitSuggestion)),
//!     Act::new(RecordId::new(2), DeputyId::new(7), day, ActKind::Standard(StandardKind::SubmitSuggestion)),
//! ];
//! let card = Scorer::new(&policy, Period::year(2025)?)?.score(&acts)?;
//! assert_eq!(card.entries[0].total.to_string(), "66");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Suggestions: every step a command, checked against the policy; an
//! accepted command is recorded in an audit trail, a refused one changes
//! nothing.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
//! use deputy_work::suggestion::{Action, Actor, Command, Policy, StageKind, Suggestion};
//!
//! let policy = Policy::seed();
//! let lead = Actor::Deputy(DeputyId::new(1));
//! let day = NaiveDate::from_ymd_opt(2025, 1, 6).ok_or("date")?;
//! let mut s = Suggestion::new(SuggestionId::new(1));
//! let draft = Action::Draft { title: "修缮乡村道路".into(), co_signers: vec![] };
//! s.handle(&Command::new(day, lead, draft), &policy, &WeekendCalendar)?;
//! s.handle(&Command::new(day, lead, Action::Submit), &policy, &WeekendCalendar)?;
//! assert_eq!(s.state().stage.kind(), StageKind::Submitted);
//! assert_eq!(s.trail().len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Livelihood-project votes: the rules, the candidates and who is present
//! make a session; ballots go into a tally (box by box for a secret ballot);
//! the session decides, with names beside ids.
//!
//! ```
//! use deputy_work::common::{DeputyId, ProjectId};
//! use deputy_work::vote::{
//!     BallotsIssued, Ballot, BoxNumber, CandidateList, Choice, Electorate, Mark, Policy,
//!     Session, Tally, samples,
//! };
//!
//! let candidates = CandidateList::new(vec![samples::project(1)?, samples::project(2)?])?;
//! let present = Electorate::new((1..=5).map(DeputyId::new), (1..=5).map(DeputyId::new))?;
//! let session = Session::new(Policy::election_style(1)?, candidates, present, BallotsIssued(5))?;
//! let mut tally = Tally::new(&session, BoxNumber(1));
//! for d in 1..=5 {
//!     let mark = if d <= 3 { Mark::For } else { Mark::Against };
//!     let ballot = Ballot::new(DeputyId::new(d), Choice::Marks(vec![(ProjectId::new(1), mark)]));
//!     tally.cast(&session, &ballot)?;
//! }
//! let outcome = session.decide(&tally)?;
//! assert_eq!(outcome.elected_ids(), [ProjectId::new(1)]);
//! assert_eq!(outcome.rows[0].name, "老旧小区改造提升");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Participatory budgeting: a Pabulib file in, the rule it names applied.
//!
//! ```
//! use deputy_work::vote::pabulib::PbElection;
//!
//! let e = PbElection::parse(
//!     "META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy\n\
//!      PROJECTS\nproject_id;cost\npark;6\nlibrary;5\nroad;4\n\
//!      VOTES\nvoter_id;vote\nv1;park,road\nv2;park\nv3;library,road\nv4;park\n",
//! )?;
//! let outcome = e.decide_by_meta()?;
//! let funded: Vec<&str> = outcome.funded.iter().map(|&i| e.projects()[i as usize].id.as_str()).collect();
//! assert_eq!(funded, ["park", "road"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Records and the annual report: the year's records in, every figure of
//! the report out, each with its labels and the rule that counted it.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{Deputy, DeputyId, Level, Period, RecordId};
//! use deputy_work::records::{TrainingMode, TrainingSession};
//! use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions};
//!
//! let mut input = ReportInput::default();
//! input.deputies = (1..=3).map(|d| Deputy::new(DeputyId::new(d), "代表", Level::City)).collect();
//! input.records.training.push(TrainingSession {
//!     id: RecordId::new(1),
//!     date: NaiveDate::from_ymd_opt(2025, 4, 8).ok_or("date")?,
//!     mode: TrainingMode::Offline,
//!     attendees: vec![DeputyId::new(1), DeputyId::new(2)],
//! });
//! let report = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default())?;
//! assert_eq!(report.value(Metric::OfflineClasses).and_then(|v| v.count()), Some(1));
//! assert_eq!(report.value(Metric::OfflineCityDeputies).and_then(|v| v.count()), Some(2));
//! assert_eq!(report.period.to_string(), "2025年");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Statistics: exact rates, and shares that add up to exactly 100.
//!
//! ```
//! use deputy_work::stats::{Rate, Rounding, shares};
//!
//! assert_eq!(Rate::new(4_965, 5_732)?.percent(1, Rounding::HalfUp)?.to_string(), "86.6");
//! let classes: Vec<String> = shares(&[131, 49, 1], 1)?.iter().map(|d| d.to_string()).collect();
//! assert_eq!(classes, ["72.4", "27.1", "0.5"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Crate features
//!
//! - `serde` (on by default): `Serialize` and `Deserialize` for every public
//!   data type; rule tables reject unknown fields and validate while loading.
//!   Forwards to `chrono/serde` and `rust_decimal/serde` (decimals are
//!   written as strings, e.g. `"0.5"`).
//! - `rayon` (off by default): parallel scoring and counting on every core
//!   (`points::Scorer::par_tally_shards`, `vote::Tally::par_cast`,
//!   `records::Counts::par_count`, `report::Tally::par_count`,
//!   `suggestion::Register::par_counts`, …), giving results and errors
//!   identical, byte for byte, to the sequential ones. Without it nothing
//!   changes and rayon is not in the dependency tree.
//!
//! ## Embedding at scale
//!
//! A platform keeps its records in its own database and streams them in:
//! each engine takes records from an iterator and holds memory in
//! proportion to deputies × kinds (or projects), never to records; each
//! engine's module docs have a "Streaming and memory" note saying what it
//! holds and where streaming is not possible, and why. Tallies merge, so
//! shards can be counted on every core (`rayon`) or in separate processes:
//! every tally serializes, and a stored tally is checked when read back (a
//! partial no counting could have made is refused, naming the field).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::dbg_macro,
    clippy::todo,
    clippy::unimplemented,
    clippy::unreachable
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod common;
pub mod points;
pub mod records;
pub mod report;
pub mod stats;
pub mod suggestion;
pub mod vote;

/// Test-only: the configuration of a unit test's `proptest!` block, with
/// `default_cases` cases unless `PROPTEST_CASES` asks for another number (a
/// deeper run, e.g. `PROPTEST_CASES=5000 cargo test --release`). Not part of
/// the library: it exists only when the crate's own tests are built.
#[cfg(test)]
pub(crate) fn proptest_config(default_cases: u32) -> proptest::test_runner::Config {
    let asked = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    proptest::test_runner::Config::with_cases(asked.unwrap_or(default_cases))
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

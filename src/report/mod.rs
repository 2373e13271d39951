//! The annual work report (代表工作年度综述), built as a pure function of the
//! records, the suggestion engine's register and the livelihood votes.
//!
//! # What the report says
//!
//! [`AnnualReport::build`] validates a [`ReportInput`], counts it for a
//! [`Period`](crate::common::Period) into a [`Tally`] and turns the tally
//! into [`Figure`]s, one per [`Metric`], in the seed report's order:
//! training, duty reports, the standing committee and deputies, deputies and
//! the public, state organs, suggestions, grids and mediation, stations,
//! deputy groups, livelihood projects. Every metric carries its Chinese and
//! English label, what it counts in ([`Measure`]: persons 人, person-times
//! 人次, items 件, …) and its exact definition ([`Metric::definition`]). Beside
//! the figures the report has a table of handling units ([`UnitFigures`]:
//! on-time reply rate 办复率, satisfied and basically-satisfied shares, the
//! committee's evaluation), livelihood projects by level, opinions by topic,
//! the deputies outside every grid, and how many records fell outside the
//! period. [`AnnualReport::build_verified`] first re-decides the register's
//! trails by the input's policy and a working-day calendar, which loading
//! (a digest chain, replayed) cannot do for a trail's last entry.
//!
//! # Rules
//!
//! - Rates ([`Value::Percent`]) keep their part and whole and are rounded
//!   once at [`ReportOptions::decimals`] by [`ReportOptions::rounding`]
//!   (四舍五入 by default). A zero whole is `percent: None` ("no data").
//! - The reply classes are the suggestion [`Policy`](crate::suggestion::Policy)'s:
//!   keyed by its [`Code`](crate::suggestion::Code)s (`A`/`B`/`C` in the
//!   seed, `A`–`D` nationally, `甲`/`乙`/`丙` in some places), shown in its
//!   order (every class, even with no reply) and labelled with its labels
//!   ([`AnnualReport::label_zh`]). Their shares, like the satisfaction
//!   verdicts', add up to exactly 100 by the largest-remainder method
//!   ([`shares`](crate::stats::shares)); the seed's 131/49/1 of 181 give
//!   72.4/27.1/0.5. A reply whose class the policy lacks is refused
//!   ([`ReportError::UnknownReplyClass`]).
//! - Money is summed exactly in yuan and shown in 亿元 at
//!   [`ReportOptions::money_decimals`] with the same rounding.
//! - Persons are distinct; person-times count every attendance (see each
//!   metric's definition).
//! - [`Comparison::between`] sets two reports side by side: differences
//!   (percentage points for rates) and percentage changes of counts and
//!   money.
//!
//! # Bridges to the other engines
//!
//! - **Suggestions.** The report reads the `suggestion` engine's
//!   [`Register`](crate::suggestion::Register) for the period's year
//!   ([`ReportInput::register`]) through
//!   [`SuggestionCounts::from_register`], which takes every figure from
//!   [`Register::counts`](crate::suggestion::Register::counts): received,
//!   key, replies by class, per lead unit the on-time reply rate (按期办复率:
//!   first reply not late, of those assigned) and the latest feedback
//!   (the engine's [`Feedback`](crate::suggestion::Feedback) becomes a
//!   [`Verdict`](crate::stats::Verdict)), and the followed-up items solved in
//!   the year (回头看). Platforms that keep only plain records give
//!   [`SuggestionRecord`]s and [`LookBackItem`]s instead (or as well, with
//!   other ids); [`SuggestionRecord::from_state`] and
//!   [`LookBackItem::from_state`] turn engine states into those, and both
//!   paths give the same [`SuggestionCounts`] (tested in
//!   `tests/report_bridge.rs`). The committee's evaluations of units (测评)
//!   are recorded in the register too
//!   ([`Register::evaluate`](crate::suggestion::Register::evaluate)) and
//!   taken from it; platforms without the register give
//!   [`UnitEvaluation`]s.
//! - **Livelihood votes.** A decided vote [`Outcome`](crate::vote::Outcome)
//!   becomes [`LivelihoodProject`](crate::records::LivelihoodProject)s
//!   (elected projects with their investment from the session's
//!   candidates, at the congress's level and the vote's date) through
//!   [`LivelihoodProject::from_outcome`](crate::records::LivelihoodProject::from_outcome).
//! - Duty points are not in the seed's table; the report has no points row.
//!
//! # Data format
//!
//! [`ReportOptions`] is a small rule table; every field may be left out:
//!
//! ```toml
//! decimals = 1            # decimals of percentages
//! rounding = "half_up"    # half_up (四舍五入) | half_even | down | up
//! money_decimals = 2      # decimals of 亿元
//! abstentions = "excluded" # or "counted": in satisfaction wholes
//! ```
//!
//! [`ReportInput`] (de)serializes too: `deputies` (the roster), `unit_names`,
//! `records` (see [`records`](crate::records)), `policy` (a suggestion
//! policy table, see [`suggestion`](crate::suggestion); the seed's when left
//! out), `register` (the engine's register), `suggestions`, `look_back`,
//! `evaluations`. A plain suggestion record in JSON (`lead_unit`, `key` and
//! `reply` may be left out; `class` is one of the policy's codes):
//!
//! ```json
//! {"id": 1, "received": "2025-01-10", "lead_unit": 101, "key": true,
//!  "reply": {"class": "A", "on_time": true, "feedback": "satisfied"}}
//! ```
//!
//! # A sample
//!
//! `examples/seed_data/mod.rs` generates, in code, a made-up record set for
//! Ordos city whose totals are every figure the seed report published for
//! 2025 (181 suggestions, 131 A / 49 B / 1 C; 4,965 of 5,732 opinions
//! resolved; 712 of 913 mediations successful; 558 projects, 30.12 亿元; …),
//! and a made-up 2024 set. Its suggestions are driven through the
//! `suggestion` engine (submitted, registered, assigned, replied, fed back,
//! key ones supervised, earlier B-class items looked back at) and some of
//! its livelihood projects are decided by `vote` sessions. The `annual_report` example prints it and
//! `tests/report_seed.rs` checks every figure from the same data.
//!
//! # Streaming and memory
//!
//! - **Counting streams.** [`TallyBuilder`] takes records (as
//!   [`AnyRecord`](crate::records::AnyRecord)s), plain suggestion
//!   records, look-back items and evaluations one at a time and gives the
//!   [`Tally`] that [`Tally::count`] gives for the same input; the report
//!   is then shaped from it by [`AnnualReport::from_tally`]. What is held
//!   is in proportion to the persons, units, classes and kinds counted,
//!   never to the records.
//! - **Not streamed:** the suggestion engine's [`Register`](crate::suggestion::Register)
//!   is counted whole ([`TallyBuilder::register`]): each item's audit trail
//!   is itself the record, and the register holds it; and
//!   [`AnnualReport::build`] validates its whole input first (ids used
//!   twice need every id seen), so it takes a [`ReportInput`].
//! - **In parallel** (the `rayon` feature, off by default):
//!   `Tally::par_count` counts the records, the plain suggestions and
//!   the register side by side, each in parts; the same tally and error as
//!   [`Tally::count`], byte for byte.
//!
//! # Cost
//!
//! Entry points that take input from outside, with their bounds (r: the
//! records; N: the persons they name; P: distinct persons; s: plain
//! suggestion records, look-back items and evaluations; F: the report's
//! figures). Each function's docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | loading a [`ReportInput`] | linear in the text, plus loading its policy and register (each trail digested and replayed) | the input |
//! | loading [`ReportOptions`] | O(1) | none |
//! | [`AnnualReport::build`] | O(r log r + N log P + s log s), plus the register's items and trails | one kind's ids, the tally, the report |
//! | [`Tally::count`], [`TallyBuilder`] (`record`, `suggestion`, `look_back`, `evaluation`, `register`, `finish`) | O(r + N log P + s), plus the register's items and trails | the tally, never the records |
//! | [`Tally::merge`], [`SuggestionCounts::merge`] | linear in both tallies | the entries added |
//! | [`AnnualReport::from_tally`] | linear in the tally | the report |
//! | [`SuggestionCounts::count`], [`SuggestionCounts::from_register`], [`SuggestionCounts::from_register_in`] | O(s), or a pass over the register's items, trails and log | units × classes |
//! | [`validate_suggestions`] | O(s log s) | the ids |
//! | [`Comparison::between`] | O(F²) | a row per figure |
//!
//! No bound depends on a number's size.
//!
//! # Design
//!
//! Building is split in three pure steps: validate, count (a mergeable
//! [`Tally`], so counting can be split and parallelised), and shape the
//! figures ([`AnnualReport::from_tally`]). The report depends on the
//! engines' public data only (the register's counts, the policy's classes,
//! a vote's outcome), never on their internals; its per-unit tally
//! ([`UnitCounts`]) stays its own because it is mergeable and counts in
//! `u64` with a [`Satisfaction`](crate::stats::Satisfaction), and converts
//! from the register's. Figures are a `Vec` in a fixed
//! order and every map is a `BTreeMap`, so the same input gives the same
//! report, byte for byte. Nothing in this module panics or reads a clock.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{Period, SuggestionId, UnitId};
//! use deputy_work::report::{AnnualReport, Metric, Reply, ReportInput, ReportOptions, SuggestionRecord};
//! use deputy_work::suggestion::Code;
//!
//! let mut input = ReportInput::default(); // the seed's policy: A, B, C
//! for (n, class) in (0..181).map(|n| if n < 131 { "A" } else if n < 180 { "B" } else { "C" }).enumerate() {
//!     input.suggestions.push(SuggestionRecord {
//!         id: SuggestionId::new(n as u32),
//!         received: NaiveDate::from_ymd_opt(2025, 1, 12).ok_or("day")?,
//!         lead_unit: Some(UnitId::new(1)),
//!         key: false,
//!         reply: Some(Reply { class: Code::new(class)?, on_time: true, feedback: None }),
//!     });
//! }
//! let report = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default())?;
//! let pct = |c| -> Result<String, Box<dyn std::error::Error>> {
//!     let m = Metric::ReplyClass(Code::new(c)?);
//!     Ok(report.value(m).and_then(|v| v.percent()).ok_or("no share")?.to_string())
//! };
//! assert_eq!((pct("A")?, pct("B")?, pct("C")?), ("72.4".into(), "27.1".into(), "0.5".into()));
//! assert_eq!(report.label_zh(&Metric::ReplyClass(Code::new("C")?)), "暂时不具备解决条件");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The same from the engine: see [`SuggestionCounts::from_register`].

mod annual;
mod compare;
mod error;
mod metric;
#[cfg(feature = "rayon")]
mod par;
mod suggestions;

pub use annual::{
    AnnualReport, LevelInvestment, ReportInput, ReportOptions, Tally, TallyBuilder, TopicFigures,
    UnitFigures,
};
pub use compare::{Comparison, ComparisonRow};
pub use error::ReportError;
pub use metric::{Figure, Measure, Metric, Section, Value};
pub use suggestions::{
    LookBackItem, Reply, SuggestionCounts, SuggestionRecord, UnitCounts, UnitEvaluation,
    validate_suggestions,
};

//! The annual work report (代表工作年度综述), built as a pure function of the
//! records, the suggestions and the livelihood votes.
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
//! period.
//!
//! # Rules
//!
//! - Rates ([`Value::Percent`]) keep their part and whole and are rounded
//!   once at [`ReportOptions::decimals`] by [`ReportOptions::rounding`]
//!   (四舍五入 by default). A zero whole is `percent: None` ("no data").
//! - The reply classes A/B/C(/D) and the satisfaction verdicts are shares of
//!   one whole: they add up to exactly 100 by the largest-remainder method
//!   ([`shares`](crate::stats::shares)); the seed's 131/49/1 of 181 give
//!   72.4/27.1/0.5. Class D is shown only when some reply has it.
//! - Money is summed exactly in yuan and shown in 亿元 at
//!   [`ReportOptions::money_decimals`] with the same rounding.
//! - Persons are distinct; person-times count every attendance (see each
//!   metric's definition).
//! - [`Comparison::between`] sets two reports side by side: differences
//!   (percentage points for rates) and percentage changes of counts and
//!   money.
//!
//! # Seams to the other engines
//!
//! The report does not depend on the `points`, `suggestion` or `vote`
//! engines. It reads:
//!
//! - suggestions as [`SuggestionRecord`]s (id, lead unit, key?, reply class,
//!   on time?, feedback), counted into [`SuggestionCounts`]: the register of
//!   the `suggestion` engine will fill `SuggestionCounts` (or produce the
//!   records) through a `From` impl;
//! - voted livelihood projects as [`LivelihoodProject`](crate::records::LivelihoodProject)s
//!   (level, investment in yuan): a `vote` result converts into these;
//! - duty points are not in the seed's table; the report has no points row.
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
//! `records` (see [`records`](crate::records)), `suggestions`, `look_back`,
//! `evaluations`. A suggestion in JSON:
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
//! and a made-up 2024 set. The `annual_report` example prints it and
//! `tests/report_seed.rs` checks every figure from the same data.
//!
//! # Design
//!
//! Building is split in three pure steps: validate, count (a mergeable
//! [`Tally`], so counting can be split and parallelised), and shape the
//! figures ([`AnnualReport::from_tally`]). Figures are a `Vec` in a fixed
//! order and every map is a `BTreeMap`, so the same input gives the same
//! report, byte for byte. Nothing in this module panics or reads a clock.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{Period, SuggestionId, UnitId};
//! use deputy_work::report::{AnnualReport, Metric, Reply, ReplyClass, ReportInput, ReportOptions, SuggestionRecord};
//!
//! let mut input = ReportInput::default();
//! for (n, class) in (0..131).map(|_| ReplyClass::A)
//!     .chain((0..49).map(|_| ReplyClass::B))
//!     .chain([ReplyClass::C])
//!     .enumerate()
//! {
//!     input.suggestions.push(SuggestionRecord {
//!         id: SuggestionId::new(n as u32),
//!         received: NaiveDate::from_ymd_opt(2025, 1, 12).unwrap(),
//!         lead_unit: UnitId::new(1),
//!         key: false,
//!         reply: Some(Reply { class, on_time: true, feedback: None }),
//!     });
//! }
//! let report = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default())?;
//! let pct = |c| report.value(Metric::ReplyClass(c)).and_then(|v| v.percent()).map(|d| d.to_string());
//! assert_eq!(pct(ReplyClass::A).as_deref(), Some("72.4"));
//! assert_eq!(pct(ReplyClass::B).as_deref(), Some("27.1"));
//! assert_eq!(pct(ReplyClass::C).as_deref(), Some("0.5"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod annual;
mod compare;
mod metric;
mod suggestions;

pub use annual::{
    AnnualReport, LevelInvestment, ReportInput, ReportOptions, Tally, TopicFigures, UnitFigures,
};
pub use compare::{Comparison, ComparisonRow};
pub use metric::{Figure, Measure, Metric, Section, Value};
pub use suggestions::{
    LookBackItem, Reply, ReplyClass, SuggestionCounts, SuggestionRecord, UnitCounts,
    UnitEvaluation, validate_suggestions,
};

use crate::records::RecordsError;
use crate::stats::StatsError;

/// What can go wrong building a report.
///
/// ```
/// use deputy_work::common::{Deputy, DeputyId, Level, Period};
/// use deputy_work::records::{RecordKind, RecordsError};
/// use deputy_work::report::{AnnualReport, ReportError, ReportInput, ReportOptions};
/// let d = Deputy::new(DeputyId::new(1), "甲", Level::City);
/// let input = ReportInput { deputies: vec![d.clone(), d], ..ReportInput::default() };
/// let err = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default()).unwrap_err();
/// assert_eq!(err, ReportError::Records(RecordsError::DuplicateId { kind: RecordKind::Deputy, index: 1, id: 1 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The input breaks a rule of the records.
    #[error("invalid input: {0}")]
    Records(#[from] RecordsError),
    /// A statistic cannot be computed (overflow, too many decimals).
    #[error("statistics: {0}")]
    Stats(#[from] StatsError),
}

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
//! ## Example
//!
//! ```
//! use deputy_work::common::{Deputy, DeputyId, Level, Period};
//!
//! let deputy = Deputy::new(DeputyId::new(1), "王芳", Level::City);
//! let year = Period::year(2025)?;
//! assert_eq!(year.days(), 365);
//! assert_eq!(deputy.id.to_string(), "D1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Crate features
//!
//! - `serde` (on by default): `Serialize` and `Deserialize` for every public
//!   data type; rule tables reject unknown fields and validate while loading.
//!   Forwards to `chrono/serde` and `rust_decimal/serde` (decimals are
//!   written as strings, e.g. `"0.5"`).

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

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

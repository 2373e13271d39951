//! Duty-point scoring (履职积分): policies as data, scorecards, ledgers,
//! rankings, bands, honours and several-year consequences.
//!
//! # The rules implemented
//!
//! A local points regulation (代表履职积分管理办法) turns each recorded duty
//! act into points. This module implements the mechanics found in published
//! rules (Yinchuan, Jiangbei, Dongbao, Bishan, Yuanjiang):
//!
//! - **Acts** ([`Act`]) of a [standard kind](StandardKind) (meetings,
//!   deliberation speeches, suggestions, inspections, research,
//!   law-enforcement checks, training, contact with the public, absence,
//!   leave, duty reports, mediation) or of a kind the locality declares in
//!   its policy (`local:N`). Each act has a date, a [claim status](Claim)
//!   (only verified acts count: 申报审核制), a quantity (e.g. 3 half days of
//!   leave) and [qualifiers](Qualifier) the policy declares, such as lead/co-signer, key
//!   suggestion or a class-A reply.
//! - **Rules** ([`Rule`]): points per occurrence (negative for deductions,
//!   half points allowed), bonuses per qualifier, and an optional cap on
//!   what the rule can give or take in the scored period (a magnitude:
//!   a cap of 10 on a −1 rule stops deductions at −10).
//! - **Totals**: the policy's base score plus every rule's capped points,
//!   then held within the policy's floor and ceiling. No rounding is ever
//!   needed: points are exact decimals that are only multiplied by whole
//!   counts and added. Totals and ledger points are written at the policy's
//!   precision — the most decimal places any of its numbers has — so under
//!   a policy with half points every figure has one decimal place (`85.0`,
//!   `88.5`). Overflow is an error, never a wrap.
//! - **Duplicates**: an act id seen again counts once (the first record
//!   counts) and every repeat is listed in [`TallyStats::duplicates`].
//! - **Rankings**: standard competition ranking (1, 2, 2, 4) by total,
//!   highest first; equal totals share a rank and are listed by ascending
//!   deputy id. [Bands](Band) are assigned from the total, [honours](Honour)
//!   from the rank (everyone tied at the cut-off receives the honour; the
//!   overflow is reported in [`HonourAward`], never broken silently).
//! - **Several years**: [`Policy::evaluate_years`] applies
//!   [consequences](Consequence) such as "poor two years running" or "in the
//!   bottom 2 two years running" to a run of yearly scorecards.
//! - **The rule language** ([below](#the-rule-language)): a roster of
//!   deputies and groups with their levels and roles; a tree of categories
//!   with starts, caps and floors; the locality's own qualifiers and roles;
//!   points by role, by qualifier, by tiers of a value, by the nth
//!   occurrence or a quota; shares among proposers; the highest role only;
//!   conditions on the one scored; one-of-several states; thresholds on
//!   counts; minimum duties; veto items; outcome categories; quarterly caps
//!   and scorecards; corrections of recorded acts. Six published
//!   regulations (Tongcheng, Chunfu, Guangshui, Anqing, Lanshan and
//!   Yinchuan/Jiangbei/Dongbao) are written in it clause by clause in the
//!   crate's tests and reproduce totals worked out by hand.
//!
//! # Policy files
//!
//! A [`Policy`] loads from TOML or JSON and validates while loading: unknown
//! fields, negative caps, a floor above the ceiling, repeated rules,
//! undeclared locality kinds, rules whose bonuses have the other sign,
//! unsorted, overlapping or gapped bands, unsorted honours and unknown codes
//! are errors that name the field (`rules[2].cap`, `bands[1]`, `in_force`).
//! Write decimals as strings so they stay exact.
//!
//! ```toml
//! name = "履职积分管理办法（示例）"
//! version = "2025.1"
//! in_force = { start = "2024-01-01", end = "2028-12-31" }
//! base = "60"            # optional: the score everyone starts from
//! floor = "0"            # optional bounds on the total
//! ceiling = "100"
//!
//! [[local_kinds]]        # kinds the locality adds, used as "local:1"
//! code = 1
//! label_zh = "网格走访"
//! label_en = "grid visit"
//!
//! [[rules]]
//! kind = "submit_suggestion"
//! points = "3"
//! cap = "15"             # optional, per scored period, a magnitude
//! bonuses = [ { qualifier = "key_suggestion", points = "2" } ]
//!
//! [[rules]]
//! kind = "leave"         # per half day
//! points = "-1"
//!
//! [[rules]]
//! kind = "local:1"
//! points = "0.5"
//!
//! [[bands]]              # highest first; at_least <= score < below
//! code = "good"
//! label_zh = "好"
//! label_en = "good"
//! at_least = "80"
//! [[bands]]
//! code = "fairly_good"
//! label_zh = "较好"
//! label_en = "fairly good"
//! at_least = "60"
//! below = "80"
//! [[bands]]
//! code = "poor"
//! label_zh = "差"
//! label_en = "poor"
//! below = "60"
//!
//! [[honours]]            # by competition rank; strictly increasing top
//! code = "excellent"
//! label_zh = "优秀"
//! label_en = "excellent"
//! top = 3
//!
//! [[consequences]]       # when: band / honour / top / bottom / below
//! code = "persuade_to_resign"
//! label_zh = "劝辞或罢免"
//! label_en = "persuade to resign"
//! when = { band = "poor" }
//! years = 2
//! ```
//!
//! Acts are written one object per act; the example's act files hold an
//! optional `deputies` list and an `acts` list (TOML `[[acts]]` tables or a
//! JSON array):
//!
//! ```json
//! { "id": 17, "deputy": 3, "date": "2025-04-01", "kind": "submit_suggestion",
//!   "claim": "verified", "quantity": 1, "qualifiers": ["lead", "key_suggestion"] }
//! ```
//!
//! `quantity` defaults to 1 and `qualifiers` to none; `claim` is one of
//! `pending`, `verified`, `rejected`.
//!
//! # Design
//!
//! ## Two evaluators, one meaning
//!
//! [`Scorer::score`] takes the fast path below for a *plain* policy
//! ([`Policy::is_plain`]: points per occurrence, bonuses for qualifiers and
//! caps) without a roster; everything else (a roster, categories, roles,
//! shares, states, counts, minimums, vetoes, outcomes, corrections,
//! quarters) goes to the general evaluator, which makes the scorecard from
//! counters per unit, line and quarter in one pass over the acts (at most
//! three reads when some act corrects another) and one walk per unit. The general evaluator
//! is the definition; on plain policies the two give the same scorecard,
//! and a property test holds them to it.
//!
//! ## Counting, not storing
//!
//! A [`Scorer`] takes acts one at a time (from any iterator) into a
//! [`Tally`]: per deputy, one integer counter per rule and one per bonus.
//! Each act's kind is resolved to its counter through an array (standard
//! kinds and locality codes up to 1,023) or a binary search, and each
//! deputy id to a row through a dense table (ids below 2²²) or a tree
//! (above). Nothing per act is allocated, and a refused act leaves the
//! tally as it was.
//!
//! [`Scorer::tally_acts`] has a loop for the common case: acts numbered
//! one after another (as platforms number records) of known deputies.
//! Such an id is new by construction, so the loop does not look it up: it
//! keeps the run of consecutive ids aside and writes it to the id set in
//! one step (a word of the bitmap at a time). Inside the loop nothing
//! branches on the act's kind, claim or quantity, which are as random as
//! the data: one table, built per call, maps (claim, kind) to what the act
//! adds where: a verified act adds its quantity to its counter, a pending
//! or rejected act adds 1 to its claim's cell among scratch cells ahead
//! of the rows, one per claim (counted acts are then the acts taken minus
//! those), and [`StandardKind`] is `repr(u16)` so that either kind of
//! [`ActKind`] gives its table index without a branch. That table is the
//! fast rule, written once: the loop and the one-act fast step both apply
//! it, and a property test holds it to a plain statement of the rule.
//! Whatever the loop cannot take
//! (a gap or a lower id, a new deputy, a kind with no rule, an act dated
//! outside the period, a bonus, an overflow) goes through the general
//! path, which checks everything before writing.
//!
//! Points are computed once per unit and rule when the [`Scorecard`] is
//! made, in integers at the policy's precision, so caps, floors and
//! ceilings apply to totals, not to a running sum. The rule is written
//! once, in that walk: a tally's rows are the counters of a plain policy's
//! lines, and [`Scorer::scorecard`] hands them to the same walk the
//! general evaluator uses. One walk per unit (in id order, so the same
//! error comes first whatever the order of the acts) gives its total and
//! its ledger, at its exact length (the ledgers are most of a scorecard's
//! memory); the entries are then ranked. Band and honour codes are shared
//! ([`Arc<str>`](std::sync::Arc)) rather than copied into every entry.
//!
//! ## Ledgers
//!
//! "Every line cites the rule and the act" is met in two ways. A
//! scorecard's [`DeputyScore::ledger`] has one [`ScoreLine`] per rule
//! variant and bonus (citing the rule and the number of occurrences), one
//! per share or highest-only difference, per cap that cut points, per state,
//! count and missed minimum, per category start, cap or floor, and one for
//! the floor or ceiling: memory stays proportional to units × lines, and
//! [`DeputyScore::by_kind`] sums it by kind. A line names what it is about
//! by its index in the policy (32 bytes a line); the scorecard's [`Legend`]
//! gives every line's labels, so a front end needs only the scorecard.
//! For a plain policy, [`Scorer::ledger_for`] replays one deputy's acts
//! (holding only that deputy's, corrections resolved) and cites each act,
//! including the act at which a cap was reached and by how much it was cut;
//! its total equals the scorecard's.
//!
//! ## Duplicates and memory
//!
//! Detecting a repeated act id exactly, whatever the order of the acts,
//! needs to remember the ids seen: this is the one part of a tally that
//! grows with the number of acts, everything else is proportional to
//! deputies × rules. The ids are kept in a compressed bitmap (Roaring-style:
//! blocks of 65,536 ids, each a sorted array of 16-bit offsets while
//! sparse, an 8 KiB bitmap once it holds more than 512). Platforms number
//! records consecutively, so a year's ids are dense: 1,000,000 acts take
//! 128 KiB, one bit an act, beside 320 KiB of counters for 5,000
//! deputies. Sparse ids cost about
//! 2 bytes each plus a small block header. The trade-off buys exactness: no
//! act is ever double-counted or silently dropped, and shuffling the acts
//! changes nothing. If two records share an id but differ, the first one
//! seen counts; the repeat is listed, so the data error is visible.
//!
//! ## Merging
//!
//! [`Tally::merge`] adds counts, statistics and id sets. Tallies over
//! shards of the acts merge into exactly the tally over all of them,
//! provided every copy of an act lands in the same shard — shard by act id
//! (range or modulus) or by deputy. Merging tallies that both saw an id is
//! refused ([`PointsError::OverlappingTallies`]), because the act would
//! otherwise count twice. A tally serializes (rows sorted by deputy, ids as
//! runs of consecutive ids), so shards can be scored on different machines.
//!
//! ## Streams
//!
//! [`Scorer::tally_acts`], [`Scorer::score`], [`Scorer::quarterly`] and
//! [`Scorer::ledger_for`] take borrowed or owned acts (`Item:
//! Borrow<Act>`), so a platform streams acts from a database query into
//! the scorer row by row without collecting them. A tally holds deputies
//! × counters (4 bytes each) plus the id set, never the acts. The general
//! evaluator reads the acts up to three times when some act corrects
//! another (a correction may come before or after the record it
//! corrects), so `score` and `quarterly` need an iterator that can be
//! cloned (a slice, or a query that can run again); `tally_acts` reads
//! them once.
//!
//! ## A national year
//!
//! A nationwide year is about 2.77 million deputies and 554 million acts.
//! Its tally under the sample policy (16 counters a row) takes 177 MiB of
//! counters, 11 MiB of row table and 69 MiB of id set (one bit an act).
//! Its full [`Scorecard`] would not fit in a gigabyte (a ledger a
//! deputy: about 600 bytes each); the [`Ranking`] holds what a national
//! ranking needs — totals, ranks, bands, honours, ids without names — in
//! 56 bytes a deputy, and one deputy's ledger is asked for when shown
//! ([`Scorer::ledger_for`]). Its totals come from each deputy's row in
//! one pass, with no ledger made at all: the scorecard's arithmetic
//! written once more for plain policies, and held to the scorecard by the
//! tests. `benches/national.rs` scores such a year, generated as it is
//! read, and gives the figures.
//!
//! ## On every core
//!
//! With the `rayon` feature (off by default), `Scorer::par_tally_acts`,
//! `Scorer::par_tally_shards` (one shard a database partition),
//! `Scorer::par_score`, `Scorer::par_scorecard` and `Scorer::par_ranking`
//! give the results of their sequential namesakes, byte for byte: the
//! same acts in the same order, however they are cut into shards. Runs of
//! shards are merged when their ids are disjoint and read again after the
//! run before them when not, so an id in two shards counts once, the
//! first copy in order. The general evaluator (rosters, categories,
//! shares, corrections, quarters) stays on one core.
//!
//! ## Several years
//!
//! Consequences are evaluated as of the latest of the scorecards given
//! (oldest first, periods disjoint): a deputy is hit if the condition held
//! in each of the last `years` scorecards. "Bottom N" counts from the
//! lowest total with competition ranking: a deputy is in the bottom N if
//! fewer than N deputies scored strictly lower.
//!
//! # Cost
//!
//! Entry points that take input from outside, with their bounds (n: the
//! acts given; d: deputies or units; c: counters a row, one per rule and
//! bonus; q: quarters in the period when the policy counts by quarter,
//! else 1). Each function's docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`Policy::new`], loading a [`Policy`], [`PolicyData::validate`] | quadratic in the lengths of the policy's lists | the policy |
//! | [`Roster::new`], loading a [`Roster`] | O(n log n) in groups, deputies and roles | the roster |
//! | [`Scorer::with_roster`] | O(roster roles × policy roles) | none |
//! | [`Scorer::add`] | O(bonuses) per act, plus id and row lookups | a row per new deputy; row table up to 4 bytes × deputy id below 2²² |
//! | [`Scorer::tally_acts`] | O(n) | d × c × 4 bytes, the id set (a bit to 2 bytes an act), the row table |
//! | [`Scorer::score`] | plain: as `tally_acts` then `scorecard`; otherwise O(n × (1 + q/4)) over up to three reads, plus O(d × lines × q + d log d) | d × lines × q, the id set, the scorecard |
//! | [`Scorer::quarterly`] | as `score`, plus q scorecards | q scorecards |
//! | [`Scorer::scorecard`] | O(d × c + d log d) | the scorecard |
//! | [`Scorer::ranking`] | O(d × c + d log d) | 56 bytes a deputy |
//! | [`Scorer::ledger_for`] | O(n + m log m), m the deputy's acts | O(m) |
//! | [`Tally::merge`] | O(other's rows × c + id-set blocks) | the new rows and ids |
//! | loading a [`Tally`] | linear in rows, counters and duplicates, plus the ids its runs cover (at most [`MAX_STORED_ACTS`]) | the ids covered (a bit each, at most 512 MiB), not the text |
//! | loading a [`Ranking`] | O((n + honours) log n) | the ranking |
//! | [`Policy::evaluate_years`] | O(consequences × entries × log entries) | the deputies hit |
//!
//! Two bounds depend on numbers, not on the input's length: the row
//! table on the largest deputy id below 2²² (at most 16 MiB), and q on
//! the period's length (a period of years gives 4 a year).
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{DeputyId, Period, RecordId};
//! use deputy_work::points::{samples, Act, Claim, Qualifier, Scorer, StandardKind};
//!
//! let policy = samples::yinchuan_jiangbei()?;
//! let scorer = Scorer::new(&policy, Period::year(2025)?)?;
//! let day = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
//! let (wang, li) = (DeputyId::new(1), DeputyId::new(2));
//! let acts = [
//!     Act::new(RecordId::new(1), wang, day, StandardKind::SubmitSuggestion.into())
//!         .with_qualifier(Qualifier::new("key_suggestion")?),             // 3 + 2
//!     Act::new(RecordId::new(2), li, day, StandardKind::Leave.into()).with_quantity(2), // −2
//!     Act::new(RecordId::new(3), li, day, StandardKind::Research.into())
//!         .with_claim(Claim::Pending),                                     // not counted
//! ];
//! let card = scorer.score(&acts)?;
//! assert_eq!(card.entries[0].deputy, wang);
//! // Points are written at the policy's precision: it has half points.
//! assert_eq!(card.entries[0].total.to_string(), "65.0");
//! assert_eq!(card.entry(li).map(|e| e.total.to_string()), Some("58.0".into()));
//! assert_eq!(card.entry(li).and_then(|e| e.band.as_deref()), Some("poor"));
//! assert_eq!(card.stats.pending, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc = include_str!("LANGUAGE.md")]

mod act;
mod code;
mod error;
mod fast;
mod general;
mod history;
mod idset;
mod invariant;
mod language;
#[cfg(feature = "rayon")]
mod par;
mod plain;
mod plan;
mod policy;
mod ranking;
mod roster;
pub mod samples;
mod scorecard;
mod tally;

pub use act::{Act, ActDetail, ActKind, Claim, Correction, Share, StandardKind};
pub use code::{Code, Qualifier, Qualifiers};
pub use error::PointsError;
pub use history::ConsequenceHit;
pub use language::{
    Category, CountBy, CountRule, GroupActs, Measure, Minimum, NthStep, OutcomeCategory, Per,
    QualifierPoints, Quota, RankRange, Requirement, ShareRule, State, StateOption, Term, Tier,
    Unit, Units, Veto, When,
};
pub use policy::{
    Band, Bonus, Condition, Consequence, Honour, InForce, LocalKind, Policy, PolicyData, Rule,
};
pub use ranking::{RankedTotal, Ranking};
pub use roster::{Roster, RosterData, RosterDeputy, RosterGroup};
pub use scorecard::{
    CategoryScore, CodeLabel, CorrectionNote, DeputyLedger, DeputyScore, HonourAward, KindPoints,
    LedgerLine, Legend, LineItem, LineLabel, ScoreLine, Scorecard, SkippedAct, StateConflict,
};
pub use tally::{Disposition, MAX_STORED_ACTS, Scorer, Tally, TallyStats};

/// What happened to one act, under its 0.1 name.
///
/// ```
/// #![allow(deprecated)]
/// assert_eq!(deputy_work::points::Outcome::Counted, deputy_work::points::Disposition::Counted);
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed to `points::Disposition` (`vote::Outcome` is a vote's decision)"
)]
pub type Outcome = Disposition;

//! The one error type of the points engine.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::common::{DeputyId, Period, RecordId};

/// Everything that can go wrong when loading a points policy, scoring acts,
/// merging partial tallies or evaluating several years.
///
/// Policy errors name the field at fault with a path such as `rules[2].cap`.
///
/// ```
/// use deputy_work::points::PointsError;
/// let err = PointsError::NegativeCap { field: "rules[2].cap".into(), value: "-5".parse()? };
/// assert_eq!(err.to_string(), "rules[2].cap: a cap must not be negative, got -5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PointsError {
    /// A date range whose end is before its start.
    #[error("{field}: end {end} is before start {start}")]
    EndBeforeStart {
        /// The field at fault, e.g. `in_force`.
        field: String,
        /// The start given.
        start: NaiveDate,
        /// The end given.
        end: NaiveDate,
    },
    /// A cap (or a floor/ceiling) that is negative where only magnitudes make sense.
    #[error("{field}: a cap must not be negative, got {value}")]
    NegativeCap {
        /// The field at fault, e.g. `rules[2].cap`.
        field: String,
        /// The value given.
        value: Decimal,
    },
    /// The total's floor is above its ceiling.
    #[error("floor: floor {floor} is above ceiling {ceiling}")]
    FloorAboveCeiling {
        /// The floor given.
        floor: Decimal,
        /// The ceiling given.
        ceiling: Decimal,
    },
    /// A required text field is empty.
    #[error("{field}: must not be empty")]
    Empty {
        /// The field at fault.
        field: String,
    },
    /// Two entries share a key that must be unique (a rule's kind, a band's code, …).
    #[error("{field}: `{key}` appears more than once")]
    Duplicate {
        /// The field at fault, e.g. `rules[3].kind`.
        field: String,
        /// The repeated key.
        key: String,
    },
    /// A rule's points and its bonuses have different signs, so a cap could
    /// not be applied act by act in the same way as in total.
    #[error("{field}: points {points} and rule points {rule_points} have different signs")]
    MixedSigns {
        /// The field at fault, e.g. `rules[1].bonuses[0].points`.
        field: String,
        /// The bonus points.
        points: Decimal,
        /// The rule's points.
        rule_points: Decimal,
    },
    /// A kind that is neither a standard kind nor a locality kind of the policy.
    #[error("{field}: unknown kind `{kind}`")]
    UnknownKind {
        /// The field at fault, e.g. `rules[4].kind` or `act R17`.
        field: String,
        /// The kind as written.
        kind: String,
    },
    /// Text that does not name a kind of duty act.
    #[error(
        "`{0}` is not a kind of duty act: expected a standard kind such as `attend_meeting` or `local:N`"
    )]
    BadKind(String),
    /// Bands out of order: each band must lie strictly below the one before it.
    #[error("{field}: bands must be listed from the highest to the lowest")]
    BandsUnsorted {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// Two bands cover the same scores.
    #[error("{field}: overlaps the band before it")]
    BandsOverlap {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// Scores between two bands that no band covers.
    #[error("{field}: leaves a gap below the band before it")]
    BandsGap {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// A band's bounds are empty or open where they may not be.
    #[error("{field}: {problem}")]
    BadBand {
        /// The band at fault, e.g. `bands[0]`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A count (top N, years running, …) that must be at least one.
    #[error("{field}: must be at least 1")]
    Zero {
        /// The field at fault.
        field: String,
    },
    /// Honours must be listed with strictly increasing `top`.
    #[error("{field}: honours must be listed with strictly increasing `top`")]
    HonoursUnsorted {
        /// The honour at fault.
        field: String,
    },
    /// A reference to a band or honour code that the policy does not define.
    #[error("{field}: no band or honour has code `{code}`")]
    UnknownCode {
        /// The field at fault.
        field: String,
        /// The code referred to.
        code: String,
    },
    /// The period to score is not inside the dates the policy is in force.
    #[error("period {period:?} is not inside the policy's time in force {in_force:?}")]
    PeriodOutsidePolicy {
        /// The period asked for.
        period: Period,
        /// The policy's time in force.
        in_force: Period,
    },
    /// A tally from another policy or period was given to a scorer or merge.
    #[error("tally was made for {found}, expected {expected}")]
    TallyMismatch {
        /// What the scorer or receiving tally is for.
        expected: String,
        /// What the tally given is for.
        found: String,
    },
    /// Two tallies that saw the same act id cannot be merged exactly (the
    /// act would count twice); shard acts by id or by deputy instead.
    #[error("tallies overlap: act {first} (and {count} ids in all) were seen by both")]
    OverlappingTallies {
        /// The lowest act id seen by both.
        first: RecordId,
        /// How many ids both saw.
        count: u64,
    },
    /// A tally's stored data is inconsistent (wrong row length, unsorted ids, …).
    #[error("tally data: {0}")]
    BadTally(&'static str),
    /// A number grew past what can be represented.
    #[error("arithmetic overflow while {0}")]
    Overflow(&'static str),
    /// A rule of the language that cannot be applied as written (a tier
    /// table with a gap, a share that cannot add up, a veto without a band, …).
    #[error("{field}: {problem}")]
    BadRule {
        /// The field at fault, e.g. `rules[3].tiers[1]`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// Text that is not a code: 1 to 23 characters of `a-z`, `0-9` and `_`,
    /// starting with a letter.
    #[error("`{0}` is not a code: 1 to 23 characters of a-z, 0-9 and _, starting with a letter")]
    BadCode(String),
    /// An act that says something impossible about itself or that its
    /// rule cannot take.
    #[error("act {act}: {problem}")]
    BadAct {
        /// The act at fault.
        act: RecordId,
        /// What is wrong.
        problem: &'static str,
    },
    /// An act of someone who is not on the roster.
    #[error("act {act}: deputy {deputy} is not on the roster")]
    NotOnRoster {
        /// The act at fault.
        act: RecordId,
        /// The deputy (or group) it names.
        deputy: DeputyId,
    },
    /// The policy scores groups or applies rules by role or level, so it
    /// needs a roster ([`Scorer::with_roster`](super::Scorer::with_roster)).
    #[error("the policy scores groups or applies rules by role or level: give a roster")]
    RosterNeeded,
    /// A per-act ledger replay is made for policies the fast path scores
    /// (points per act, bonuses and caps); the scorecard's aggregate ledger
    /// covers every policy.
    #[error("{0} is made for plain policies only; use the scorecard's ledger")]
    PlainOnly(&'static str),
    /// An act with a share or a correction cannot be added to a [`Tally`](super::Tally)
    /// one by one: score the acts together with [`Scorer::score`](super::Scorer::score).
    #[error(
        "act {act} has a share or corrects a record: score the acts together with Scorer::score"
    )]
    NeedsWholeScore {
        /// The act.
        act: RecordId,
    },
    /// Yearly scorecards for a several-years evaluation must be given oldest
    /// first, with periods that do not overlap.
    #[error("scorecards[{index}]: periods must be given oldest first and must not overlap")]
    CardsOutOfOrder {
        /// The index of the scorecard at fault.
        index: usize,
    },
}

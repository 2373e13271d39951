//! Scorecards, ledgers, rankings, bands and honours.

use std::collections::BTreeSet;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::policy::{Fixed, FixedRule};
use super::tally::{Disposition, Scorer, Tally, TallyStats};
use super::{Act, ActKind, Claim, Code, Correction, PointsError, Unit};
use crate::common::{DeputyId, Labelled, Period, RecordId};

/// What a ledger line records. Lines name a role, a tier, a bonus, a state,
/// a count, a minimum or a category by its index in the policy, so that a
/// line stays small; the scorecard's [`Legend`] (or
/// [`Policy::line_label`](super::Policy::line_label)) gives its labels.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::LineItem;
/// assert_eq!(LineItem::RuleCap.label_zh(), "超出单项上限扣减");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LineItem {
    /// Points per occurrence under the rule.
    Points,
    /// Points per occurrence for an act role: the rule's `points_by_role`
    /// entry with this index (in code order).
    Role(u16),
    /// Points per occurrence for acts carrying a qualifier: the rule's
    /// `points_by_qualifier` entry with this index.
    Qualified(u16),
    /// Points per occurrence for acts whose value lies in this tier (by
    /// index in the rule's tiers).
    Tier(u16),
    /// A bonus, by index in the rule's bonuses.
    Bonus(u16),
    /// Points for the nth occurrences (the count is n).
    Nth,
    /// Points of a quota (the count is the occurrences).
    Quota,
    /// The difference between acts' shares among their proposers and their whole points.
    Share,
    /// Points of acts that did not count because another act on the same
    /// item was worth more (计最高分值，不重复计分).
    HighestOnly,
    /// Points cut by the rule's cap per quarter.
    QuarterCap,
    /// Points cut (or a deduction forgiven) because the rule's cap was reached.
    RuleCap,
    /// The option of a state recorded in a sub-period (indexes in the
    /// policy's states and the state's options).
    State {
        /// The state, by index in the policy's states.
        state: u16,
        /// The option, by index.
        option: u16,
    },
    /// Two or more options of a state (by index) in one sub-period: nothing counts.
    Conflict(u16),
    /// A count (by index in the policy's counts) whose requirements all hold.
    Count(u16),
    /// A minimum duty (by index in the policy's minimums) missed; the count
    /// is what was done.
    Minimum(u16),
    /// What a category (by index in the policy's categories) starts from.
    Start(u16),
    /// Points cut to a category's cap.
    CategoryCap(u16),
    /// Points added to lift a category to its floor.
    CategoryFloor(u16),
    /// Points added to lift the total to the policy's floor.
    Floor,
    /// Points cut to bring the total down to the policy's ceiling.
    Ceiling,
}

impl Labelled for LineItem {
    fn label_zh(&self) -> &str {
        match self {
            Self::Points => "计分",
            Self::Role(_) => "按角色计分",
            Self::Qualified(_) => "按情形计分",
            Self::Tier(_) => "按档计分",
            Self::Bonus(_) => "附加分",
            Self::Nth => "按次序计分",
            Self::Quota => "定额计分",
            Self::Share => "联名分摊",
            Self::HighestOnly => "计最高分值，不重复计分",
            Self::QuarterCap => "超出季度上限扣减",
            Self::RuleCap => "超出单项上限扣减",
            Self::State { .. } => "情形",
            Self::Conflict(_) => "情形冲突，不计分",
            Self::Count(_) => "达到要求",
            Self::Minimum(_) => "未完成基本履职要求",
            Self::Start(_) => "类别基础分",
            Self::CategoryCap(_) => "超出类别上限扣减",
            Self::CategoryFloor(_) => "类别保底调整",
            Self::Floor => "总分保底调整",
            Self::Ceiling => "总分封顶调整",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Points => "points",
            Self::Role(_) => "points by role",
            Self::Qualified(_) => "points by qualifier",
            Self::Tier(_) => "points by tier",
            Self::Bonus(_) => "bonus",
            Self::Nth => "points by occurrence",
            Self::Quota => "quota",
            Self::Share => "shared among proposers",
            Self::HighestOnly => "highest only, not counted twice",
            Self::QuarterCap => "cut by the quarter's cap",
            Self::RuleCap => "cut by the rule's cap",
            Self::State { .. } => "state",
            Self::Conflict(_) => "conflicting states, nothing counts",
            Self::Count(_) => "requirements met",
            Self::Minimum(_) => "minimum duty missed",
            Self::Start(_) => "category start",
            Self::CategoryCap(_) => "cut by the category's cap",
            Self::CategoryFloor(_) => "lifted to the category's floor",
            Self::Floor => "lifted to the floor",
            Self::Ceiling => "cut to the ceiling",
        }
    }
}

/// A category's subtotal on a scorecard entry, after its cap and floor (its
/// labels are in the scorecard's [`Legend`]).
///
/// ```
/// use deputy_work::points::{CategoryScore, Code};
/// let c = CategoryScore { code: Code::new("proposals")?, parent: None, points: "25".parse()? };
/// assert_eq!(c.points.to_string(), "25");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CategoryScore {
    /// The category.
    pub code: Code,
    /// The category it sits in.
    pub parent: Option<Code>,
    /// Its subtotal, within its floor and cap.
    pub points: Decimal,
}

/// Two or more options of a state recorded in one sub-period: reported,
/// and the state gives nothing.
///
/// ```
/// use deputy_work::points::{Code, StandardKind, StateConflict};
/// let c = StateConflict { state: Code::new("plenary")?, quarter: None,
///                         kinds: vec![StandardKind::AttendMeeting.into(), StandardKind::Leave.into()] };
/// assert_eq!(c.kinds.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StateConflict {
    /// The state.
    pub state: Code,
    /// The quarter, for a state per quarter: 1 for the period's first (1 to
    /// 4 in a calendar year).
    pub quarter: Option<u32>,
    /// The kinds of the options recorded.
    pub kinds: Vec<ActKind>,
}

/// A record that corrected another of the unit's records.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Correction, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let act = |id, kind: StandardKind| Act::new(RecordId::new(id), DeputyId::new(1),
///                                             NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), kind.into());
/// let acts = [act(4, StandardKind::Research),
///             act(9, StandardKind::Research).correcting(Correction::Annuls(RecordId::new(4)))];
/// let card = scorer.score(&acts)?;
/// let n = card.entries[0].corrections[0];
/// assert_eq!((n.record, n.correction.target()), (RecordId::new(9), RecordId::new(4)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct CorrectionNote {
    /// The correcting record.
    pub record: RecordId,
    /// What it did to which record.
    pub correction: Correction,
}

/// One line of a deputy's per-act ledger ([`DeputyLedger`]): which rule
/// (by kind) and which act produced how many points. (A [`Scorecard`]'s
/// ledgers are aggregates: [`ScoreLine`].)
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, LineItem, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let leave = Act::new(RecordId::new(4), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///                      StandardKind::Leave.into()).with_quantity(2);
/// let line = &scorer.ledger_for(DeputyId::new(1), [&leave])?.lines[0];
/// assert_eq!((line.item, line.act, line.count), (LineItem::Points, Some(RecordId::new(4)), 2));
/// assert_eq!(line.points.to_string(), "-2.0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct LedgerLine {
    /// The rule's kind; `None` for floor and ceiling lines on the total.
    pub kind: Option<ActKind>,
    /// What the line records.
    pub item: LineItem,
    /// The act cited, in a per-act ledger.
    pub act: Option<RecordId>,
    /// Occurrences behind the line (0 for cap, floor and ceiling lines).
    pub count: u64,
    /// Points, negative for deductions and cuts.
    pub points: Decimal,
}

/// One line of a scorecard's aggregate ledger: which rule (by kind)
/// produced how many points from how many occurrences. The per-act
/// ledger, with the act behind each line, is [`DeputyLedger`].
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, LineItem, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?; // inspection +3, capped at 12
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let acts: Vec<Act> = (1..=5)
///     .map(|i| Act::new(RecordId::new(i), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///                       StandardKind::Inspection.into()))
///     .collect();
/// let card = scorer.score(&acts)?;
/// let items: Vec<(LineItem, u32, String)> =
///     card.entries[0].ledger.iter().map(|l| (l.item, l.count, l.points.to_string())).collect();
/// assert_eq!(items, [(LineItem::Points, 5, "15.0".into()), (LineItem::RuleCap, 0, "-3.0".into())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ScoreLine {
    /// The rule's kind; `None` for floor and ceiling lines on the total.
    pub kind: Option<ActKind>,
    /// What the line records.
    pub item: LineItem,
    /// Occurrences behind the line (0 for cap, floor and ceiling lines);
    /// one of a tally's counters, so at most 2³² − 1.
    pub count: u32,
    /// Points, negative for deductions and cuts.
    pub points: Decimal,
}

/// Points one kind contributed to a total, after its cap.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let research = |i| Act::new(RecordId::new(i), DeputyId::new(1),
///                             NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), StandardKind::Research.into());
/// let card = scorer.score(&[research(1), research(2)])?;
/// let k = &card.entries[0].by_kind()?[0];
/// assert_eq!((k.kind, k.count, k.points.to_string()), (StandardKind::Research.into(), 2, "6.0".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct KindPoints {
    /// The kind.
    pub kind: ActKind,
    /// Occurrences counted.
    pub count: u64,
    /// Points after the rule's cap.
    pub points: Decimal,
}

/// One deputy's result for the period.
///
/// `total = base + Σ ledger points`, and lies within the policy's floor and
/// ceiling.
///
/// ```
/// # use deputy_work::common::{DeputyId, Period};
/// # use deputy_work::points::{samples, Scorer};
/// # let policy = samples::yinchuan_jiangbei()?;
/// # let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// # let mut tally = scorer.tally();
/// # tally.enrol(DeputyId::new(1))?;
/// let card = scorer.scorecard(&tally)?;
/// let e = &card.entries[0];
/// assert_eq!(e.total, policy.base() + e.ledger.iter().map(|l| l.points).sum::<rust_decimal::Decimal>());
/// assert_eq!(e.band.as_deref(), Some("fairly_good"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DeputyScore {
    /// The deputy (or group).
    pub deputy: DeputyId,
    /// Standard competition rank (1, 2, 2, 4) by total, highest first,
    /// among units of the same kind.
    pub rank: u32,
    /// The total score.
    pub total: Decimal,
    /// The code of the band the total falls in (shared by the entries in
    /// that band: cloning it allocates nothing), or the band a veto forced.
    pub band: Option<Arc<str>>,
    /// The code of the honour the rank earns (shared, as `band`).
    pub honour: Option<Arc<str>>,
    /// Aggregate ledger lines: rules in the policy's order, then states,
    /// counts, minimums, category starts and cuts, then floor or ceiling.
    pub ledger: Vec<ScoreLine>,
    /// The name on the roster.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<Arc<str>>,
    /// A deputy or a group.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Unit::is_deputy")
    )]
    pub unit: Unit,
    /// Subtotals per category, in the policy's order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub categories: Vec<CategoryScore>,
    /// States with conflicting options.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub conflicts: Vec<StateConflict>,
    /// Minimum duties missed, in the policy's order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub missed: Vec<Code>,
    /// The kind of the veto item that forced the band, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub vetoed_by: Option<ActKind>,
    /// Disqualified by a veto item: no band, honour or outcome.
    #[cfg_attr(feature = "serde", serde(default))]
    pub disqualified: bool,
    /// The outcome category.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub outcome: Option<Code>,
    /// The outcome's award.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub award: Option<Decimal>,
    /// Corrections of the unit's records.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub corrections: Vec<CorrectionNote>,
}

impl DeputyScore {
    /// Points by kind after caps, in the policy's rule order, summed from
    /// the ledger (kinds with no counted act are left out); the count is
    /// the occurrences the kind's rule scored.
    ///
    /// # Errors
    /// [`PointsError::Overflow`] if a partial sum leaves the decimal range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?; // inspection +3, capped at 12
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    /// let acts: Vec<Act> = (1..=5)
    ///     .map(|i| Act::new(RecordId::new(i), DeputyId::new(1), day, StandardKind::Inspection.into()))
    ///     .collect();
    /// let card = scorer.score(&acts)?;
    /// let kinds = card.entries[0].by_kind()?;
    /// assert_eq!((kinds[0].count, kinds[0].points.to_string()), (5, "12.0".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_kind(&self) -> Result<Vec<KindPoints>, PointsError> {
        let mut out: Vec<KindPoints> = Vec::new();
        for line in &self.ledger {
            let Some(kind) = line.kind else { continue };
            // Occurrences are counted once, on the lines of what an act is
            // worth (points, a role, a qualifier or a tier; n for nth and
            // quota), not again on its bonuses.
            let count = match line.item {
                LineItem::Points
                | LineItem::Role(_)
                | LineItem::Qualified(_)
                | LineItem::Tier(_)
                | LineItem::Nth
                | LineItem::Quota => u64::from(line.count),
                _ => 0,
            };
            match out.last_mut() {
                Some(k) if k.kind == kind => {
                    k.points = k
                        .points
                        .checked_add(line.points)
                        .ok_or_else(|| overflow("adding points by kind"))?;
                    k.count = k
                        .count
                        .checked_add(count)
                        .ok_or_else(|| overflow("counting occurrences by kind"))?;
                }
                _ => out.push(KindPoints {
                    kind,
                    count,
                    points: line.points,
                }),
            }
        }
        Ok(out)
    }
}

/// Who received an honour; more than `top` when deputies tie at the cut-off.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?; // 优秀: the top 3
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// // Four deputies tie for first place: all four receive the honour.
/// let acts: Vec<Act> = (1..=4)
///     .map(|i| Act::new(RecordId::new(i), DeputyId::new(i as u32), day, StandardKind::Research.into()))
///     .collect();
/// let award = &scorer.score(&acts)?.honours[0];
/// assert_eq!((award.code.as_str(), award.top, award.deputies.len()), ("excellent", 3, 4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct HonourAward {
    /// The honour's code.
    pub code: String,
    /// The places the policy sets.
    pub top: u32,
    /// Deputies or groups.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Unit::is_deputy")
    )]
    pub unit: Unit,
    /// The deputies who received it, by rank then id.
    pub deputies: Vec<DeputyId>,
}

impl HonourAward {
    /// How many more deputies received the honour than it has places
    /// (because of a tie at the cut-off); the tie is reported, never broken.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?; // 优秀: the top 3
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// let card = |n: u64| -> Result<_, deputy_work::points::PointsError> {
    ///     let acts: Vec<Act> = (1..=n)
    ///         .map(|i| Act::new(RecordId::new(i), DeputyId::new(i as u32), day, StandardKind::Research.into()))
    ///         .collect();
    ///     scorer.score(&acts)
    /// };
    /// assert_eq!(card(2)?.honours[0].overflow(), 0); // two of three places taken
    /// assert_eq!(card(5)?.honours[0].overflow(), 2); // five tie for three places
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn overflow(&self) -> usize {
        // Saturating is the meaning: fewer deputies than places is no
        // overflow (and more places than a usize counts are never filled).
        self.deputies
            .len()
            .saturating_sub(usize::try_from(self.top).unwrap_or(usize::MAX))
    }
}

/// The result of scoring a period: every deputy's total, rank, band, honour,
/// breakdown and ledger.
///
/// Entries are ordered by rank; deputies with equal totals share a rank
/// and are listed by ascending deputy id.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 2, 3).unwrap();
/// let card = scorer.score(&[Act::new(RecordId::new(1), DeputyId::new(5), day, StandardKind::DutyReport.into())])?;
/// assert_eq!((card.entries[0].rank, card.entries[0].total.to_string()), (1, "65.0".to_string()));
/// assert_eq!(card.honours[0].deputies, [DeputyId::new(5)]);
/// assert_eq!(card.stats.counted, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Scorecard {
    /// The policy's name.
    pub policy: String,
    /// The policy's version.
    pub version: String,
    /// The period scored.
    pub period: Period,
    /// One entry per deputy, by rank then deputy id.
    pub entries: Vec<DeputyScore>,
    /// Honours and who received them, in the policy's order.
    pub honours: Vec<HonourAward>,
    /// How many acts were counted, skipped and repeated.
    pub stats: TallyStats,
    /// The labels of every ledger line and code the policy can produce, so
    /// that a front end can show a scorecard (as JSON, say) without the
    /// policy.
    #[cfg_attr(feature = "serde", serde(default))]
    pub legend: Legend,
}

/// The Chinese and English labels of one kind of ledger line.
///
/// ```
/// use deputy_work::points::{LineItem, StandardKind};
/// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
/// let legend = policy.legend();
/// let l = legend.lines.iter().find(|l| l.kind == Some(StandardKind::Leave.into())).unwrap();
/// assert_eq!((l.item, l.label_zh.as_str(), l.label_en.as_str()), (LineItem::Points, "请假 · 计分", "leave · points"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct LineLabel {
    /// The rule's kind, as in [`ScoreLine::kind`].
    pub kind: Option<ActKind>,
    /// What the line records, as in [`ScoreLine::item`].
    pub item: LineItem,
    /// The Chinese label, e.g. 提案 · 立案.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
}

/// The Chinese and English labels of a code: a band, an honour, an outcome,
/// a category, a state, a count, a minimum, a qualifier or a role.
///
/// ```
/// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
/// let legend = policy.legend();
/// let c = &legend.codes[2];
/// assert_eq!((c.code.as_str(), c.label_zh.as_str(), c.label_en.as_str()), ("poor", "差", "poor"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct CodeLabel {
    /// The code.
    pub code: String,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
}

/// A scorecard's legend: the labels of its ledger lines and codes, from the
/// policy ([`Policy::legend`](super::Policy::legend)).
///
/// ```
/// use deputy_work::points::{LineItem, StandardKind};
/// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
/// let legend = policy.legend();
/// let leave = legend.line(Some(StandardKind::Leave.into()), LineItem::Points);
/// assert_eq!(leave.map(|l| l.label_zh.as_str()), Some("请假 · 计分"));
/// assert_eq!(legend.code("poor").map(|c| c.label_zh.as_str()), Some("差"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Legend {
    /// Every kind of ledger line the policy can produce, in ledger order.
    pub lines: Vec<LineLabel>,
    /// Every code the policy declares.
    pub codes: Vec<CodeLabel>,
}

impl Legend {
    /// The labels of a ledger line, if the policy can produce it.
    ///
    /// ```
    /// use deputy_work::points::{Legend, LineItem};
    /// assert!(Legend::default().line(None, LineItem::Floor).is_none());
    /// ```
    #[must_use]
    pub fn line(&self, kind: Option<ActKind>, item: LineItem) -> Option<&LineLabel> {
        self.lines.iter().find(|l| l.kind == kind && l.item == item)
    }

    /// The labels of a code.
    ///
    /// ```
    /// use deputy_work::points::Legend;
    /// assert!(Legend::default().code("good").is_none());
    /// ```
    #[must_use]
    pub fn code(&self, code: &str) -> Option<&CodeLabel> {
        self.codes.iter().find(|c| c.code == code)
    }
}

impl Scorecard {
    /// The entry of `deputy`, if scored.
    ///
    /// ```
    /// # use deputy_work::common::{DeputyId, Period};
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// # let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// # let mut tally = scorer.tally();
    /// # tally.enrol(DeputyId::new(1))?;
    /// let card = scorer.scorecard(&tally)?;
    /// assert!(card.entry(DeputyId::new(1)).is_some());
    /// assert!(card.entry(DeputyId::new(2)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn entry(&self, deputy: DeputyId) -> Option<&DeputyScore> {
        self.entries.iter().find(|e| e.deputy == deputy)
    }
}

/// An act a [`DeputyLedger`] did not count, and why.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Claim, Disposition, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let claim = Act::new(RecordId::new(3), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///                      StandardKind::Research.into()).with_claim(Claim::Pending);
/// let s = &scorer.ledger_for(DeputyId::new(1), [&claim])?.skipped[0];
/// assert_eq!((s.act, s.outcome), (RecordId::new(3), Disposition::Pending));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct SkippedAct {
    /// The act.
    pub act: RecordId,
    /// Why it was not counted.
    pub outcome: Disposition,
}

/// One deputy's full ledger, act by act: every line cites its rule and its
/// act, including the points a cap cut at the act where the cap was reached.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Claim, Disposition, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 2, 3).unwrap();
/// let acts = [
///     Act::new(RecordId::new(1), DeputyId::new(5), day, StandardKind::Leave.into()).with_quantity(2),
///     Act::new(RecordId::new(2), DeputyId::new(5), day, StandardKind::Research.into()).with_claim(Claim::Pending),
/// ];
/// let ledger = scorer.ledger_for(DeputyId::new(5), &acts)?;
/// assert_eq!(ledger.lines[0].act, Some(RecordId::new(1)));
/// assert_eq!(ledger.skipped[0].outcome, Disposition::Pending);
/// assert_eq!(ledger.total.to_string(), "58.0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DeputyLedger {
    /// The deputy.
    pub deputy: DeputyId,
    /// The base score.
    pub base: Decimal,
    /// Lines in (date, act id) order, then floor or ceiling.
    pub lines: Vec<LedgerLine>,
    /// Acts not counted, by act id.
    pub skipped: Vec<SkippedAct>,
    /// The total: base plus the sum of the lines.
    pub total: Decimal,
}

fn overflow(what: &'static str) -> PointsError {
    PointsError::Overflow(what)
}

#[inline]
fn times(count: u64, points: i128) -> Result<i128, PointsError> {
    // The common case in one machine multiplication; a checked 128-bit
    // multiplication is a library call.
    if let (Ok(c), Ok(p)) = (i64::try_from(count), i64::try_from(points))
        && let Some(v) = c.checked_mul(p)
    {
        return Ok(i128::from(v));
    }
    i128::from(count)
        .checked_mul(points)
        .ok_or_else(|| overflow("multiplying points"))
}

fn add(a: i128, b: i128) -> Result<i128, PointsError> {
    a.checked_add(b).ok_or_else(|| overflow("adding points"))
}

fn sub(a: i128, b: i128) -> Result<i128, PointsError> {
    a.checked_sub(b).ok_or_else(|| overflow("adding points"))
}

/// Clamps a rule's running sum to its cap (a magnitude, never negative).
fn capped(rule: &FixedRule, raw: i128) -> i128 {
    match rule.cap {
        Some(cap) if raw > cap => cap,
        Some(cap) if raw < 0 && raw.checked_add(cap).is_some_and(|x| x < 0) => {
            0_i128.checked_sub(cap).unwrap_or(raw)
        }
        _ => raw,
    }
}

/// Adds the floor or ceiling line and gives the final total.
fn finish_total(
    fixed: &Fixed,
    sum: i128,
    lines: &mut Vec<LedgerLine>,
) -> Result<i128, PointsError> {
    let total = add(fixed.base, sum)?;
    let (bound, item) = match (fixed.floor, fixed.ceiling) {
        (Some(f), _) if total < f => (f, LineItem::Floor),
        (_, Some(c)) if total > c => (c, LineItem::Ceiling),
        _ => return Ok(total),
    };
    lines.push(LedgerLine {
        kind: None,
        item,
        act: None,
        count: 0,
        points: fixed.decimal(sub(bound, total)?)?,
    });
    Ok(bound)
}

impl Scorer<'_> {
    /// Turns a tally into the period's scorecard: totals, breakdown by kind,
    /// aggregate ledger, competition ranks, bands and honours.
    ///
    /// Cost: O(deputies × counters) to check the tally and walk each row once,
    /// plus O(d log d) to rank d deputies; memory: the scorecard, whose ledgers
    /// hold up to one line per rule and bonus per deputy.
    ///
    /// # Errors
    /// [`PointsError::TallyMismatch`] for a tally of another policy or
    /// period; [`PointsError::CorruptTally`] for a tally (read from its
    /// stored form) whose counters contradict the policy's layout: a bonus
    /// counter above its rule's counter, or more rule counters set than acts
    /// counted; [`PointsError::Overflow`] if points overflow a decimal.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    /// let acts = [
    ///     Act::new(RecordId::new(1), DeputyId::new(1), day, StandardKind::Research.into()),
    ///     Act::new(RecordId::new(2), DeputyId::new(2), day, StandardKind::Research.into()),
    ///     Act::new(RecordId::new(3), DeputyId::new(3), day, StandardKind::Absence.into()),
    /// ];
    /// let card = scorer.scorecard(&scorer.tally_acts(&acts)?)?;
    /// let ranks: Vec<(u32, u32)> = card.entries.iter().map(|e| (e.deputy.get(), e.rank)).collect();
    /// assert_eq!(ranks, [(1, 1), (2, 1), (3, 3)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scorecard(&self, tally: &Tally) -> Result<Scorecard, PointsError> {
        self.plain_only("a tally")?;
        self.check_tally(tally)?;
        super::general::Evaluator::new(self.policy, self.period, None)?.card_of_tally(tally)
    }

    /// One deputy's ledger act by act, replayed from the acts (the bulk
    /// scorecard keeps only counts). Only `deputy`'s acts are held; they
    /// are taken in (date, id) order, so a cap is cut at the act that
    /// reaches it. Duplicates among them are skipped as in a tally.
    ///
    /// Cost: one pass over `acts` (O(acts)), then O(m log m) in the deputy's
    /// own m acts (corrections resolved, acts sorted by date); memory in
    /// proportion to m, not to all the acts.
    ///
    /// The total equals the deputy's total in the scorecard of the same acts
    /// (unless an id is shared by acts of two deputies: a data error the
    /// tally reports as a duplicate and this replay, seeing one deputy,
    /// cannot).
    ///
    /// # Errors
    /// [`PointsError::Overflow`] if points overflow a decimal.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Claim, LineItem, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?; // inspection: +3, capped at 12
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let acts: Vec<Act> = (1..=5)
    ///     .map(|i| Act::new(RecordId::new(i), DeputyId::new(1),
    ///                       NaiveDate::from_ymd_opt(2025, 3, i as u32).unwrap(), StandardKind::Inspection.into()))
    ///     .collect();
    /// let ledger = scorer.ledger_for(DeputyId::new(1), &acts)?;
    /// let cut = ledger.lines.iter().find(|l| l.item == LineItem::RuleCap).unwrap();
    /// assert_eq!((cut.act, cut.points.to_string()), (Some(RecordId::new(5)), "-3.0".to_string()));
    /// assert_eq!(ledger.total, scorer.score(&acts)?.entries[0].total);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger_for<I>(&self, deputy: DeputyId, acts: I) -> Result<DeputyLedger, PointsError>
    where
        I: IntoIterator,
        I::Item: core::borrow::Borrow<Act>,
    {
        self.plain_only("a per-act ledger")?;
        let policy = self.policy;
        let mut seen = BTreeSet::new();
        let mut counted: Vec<(&Act, u16)> = Vec::new();
        let mut skipped = Vec::new();
        // Corrections name records of the same deputy: resolving them among
        // this deputy's acts is resolving them among all.
        let mine: Vec<I::Item> = acts
            .into_iter()
            .filter(|a| core::borrow::Borrow::<Act>::borrow(a).deputy == deputy)
            .collect();
        let mine: Vec<&Act> = mine.iter().map(core::borrow::Borrow::borrow).collect();
        let resolved = super::general::resolve(mine.iter().copied())?;
        for act in mine {
            if act.share().is_some() {
                return Err(PointsError::BadAct {
                    act: act.id,
                    problem: "has a share, but its rule does not split acts among proposers",
                });
            }
            let outcome = if !seen.insert(act.id) {
                Disposition::Duplicate
            } else if resolved.dead.contains(&act.id.get()) {
                Disposition::Superseded
            } else if matches!(act.correction(), Some(Correction::Annuls(_)))
                && resolved.live.contains(&act.id.get())
            {
                Disposition::Annulment
            } else if !self.period.contains(act.date) {
                Disposition::OutsidePeriod
            } else {
                match (act.claim, policy.rule_index(act.kind)) {
                    (Claim::Pending, _) => Disposition::Pending,
                    (Claim::Rejected, _) => Disposition::Rejected,
                    (Claim::Verified, None) => Disposition::Unscored,
                    (Claim::Verified, Some(rule)) => {
                        counted.push((act, rule));
                        continue;
                    }
                }
            };
            skipped.push(SkippedAct {
                act: act.id,
                outcome,
            });
        }
        skipped.sort_by_key(|s| (s.act, s.outcome));
        counted.sort_by_key(|(a, _)| (a.date, a.id));
        let fixed = policy.fixed();
        let mut running = vec![0_i128; policy.rules().len()];
        let mut lines = Vec::new();
        let mut sum: i128 = 0;
        for (act, rule_index) in counted {
            let i = usize::from(rule_index);
            let (Some(rule), Some(fr), Some(run)) = (
                policy.rules().get(i),
                fixed.rules.get(i),
                running.get_mut(i),
            ) else {
                continue;
            };
            let q = u64::from(act.quantity);
            let base = times(q, fr.points)?;
            let mut act_points = base;
            let kind = Some(rule.kind);
            lines.push(LedgerLine {
                kind,
                item: LineItem::Points,
                act: Some(act.id),
                count: q,
                points: fixed.decimal(base)?,
            });
            for (j, (b, bp)) in rule.bonuses.iter().zip(&fr.bonuses).enumerate() {
                if b.applies(&act.qualifiers, act.role()) {
                    let p = times(q, *bp)?;
                    act_points = add(act_points, p)?;
                    lines.push(LedgerLine {
                        kind,
                        item: LineItem::Bonus(super::plan::index16(j)),
                        act: Some(act.id),
                        count: q,
                        points: fixed.decimal(p)?,
                    });
                }
            }
            let before = capped(fr, *run);
            *run = add(*run, act_points)?;
            let after = capped(fr, *run);
            let kept = sub(after, before)?;
            if kept != act_points {
                lines.push(LedgerLine {
                    kind,
                    item: LineItem::RuleCap,
                    act: Some(act.id),
                    count: 0,
                    points: fixed.decimal(sub(kept, act_points)?)?,
                });
            }
            sum = add(sum, kept)?;
        }
        let total = fixed.decimal(finish_total(fixed, sum, &mut lines)?)?;
        Ok(DeputyLedger {
            deputy,
            base: fixed.decimal(fixed.base)?,
            lines,
            skipped,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_is_a_magnitude_for_deductions() {
        let r = FixedRule {
            points: -1,
            bonuses: vec![],
            cap: Some(10),
        };
        assert_eq!(capped(&r, -12), -10);
        assert_eq!(capped(&r, -10), -10);
        assert_eq!(capped(&r, -9), -9);
        assert_eq!(capped(&r, 11), 10);
        let open = FixedRule {
            points: -1,
            bonuses: vec![],
            cap: None,
        };
        assert_eq!(capped(&open, -1000), -1000);
    }

    #[test]
    fn overflow_is_an_error() {
        assert!(times(u64::MAX, i128::MAX).is_err());
        assert!(add(i128::MAX, 1).is_err());
        assert!(sub(i128::MIN, 1).is_err());
    }
}

//! The annual report: input, options, tally, figures.

use super::{
    Figure, LookBackItem, Metric, ReportError, SuggestionCounts, SuggestionRecord, UnitEvaluation,
    Value, validate_suggestions,
};
use crate::common::{Calendar, Deputy, DeputyId, Labelled, Level, Period, UnitId};
use crate::records::{
    AnyRecord, Counts, CountsBuilder, GroupActivityKind, MediationOutcome, MicroStage,
    OpinionTopic, Records, Roster,
};
use crate::stats::{
    Abstentions, MAX_DECIMALS, Rate, Rounding, Satisfaction, StatsError, shares, yi_yuan,
};
use crate::suggestion::{Policy, Register, ReplyClass, verify};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Everything a report is built from. Suggestions come from the
/// `suggestion` engine's [`Register`] (`register`), from plain
/// [`SuggestionRecord`]s (`suggestions`, `look_back`), or both (with
/// distinct ids); `policy` gives the reply classes, their order and labels
/// (the seed's A/B/C by default).
///
/// Cost of loading: linear in the text for the records and plain
/// suggestion records, plus the loading of its suggestion policy
/// ([`Policy::new`](crate::suggestion::Policy::new)) and of its register
/// ([`Register`]: every trail digested and replayed, the evaluation log
/// checked step by step); memory: the input.
///
/// ```
/// use deputy_work::report::ReportInput;
/// use deputy_work::suggestion::Policy;
/// let input = ReportInput::default();
/// assert!(input.records.is_empty());
/// assert_eq!(input.policy, Policy::seed());
/// assert!(input.register.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ReportInput {
    /// The deputies (the roster), at every level.
    pub deputies: Vec<Deputy>,
    /// Names of handling units and other bodies, for display.
    pub unit_names: BTreeMap<UnitId, String>,
    /// The records of deputy work.
    pub records: Records,
    /// The suggestion policy in force: its reply classes key, order and
    /// label the class figures.
    pub policy: Policy,
    /// The suggestion engine's register for the report's year (with any
    /// earlier items carried over for the look-back).
    pub register: Option<Register>,
    /// Plain suggestion records, for suggestions not in the register.
    pub suggestions: Vec<SuggestionRecord>,
    /// Plain look-back records: earlier B-class items.
    pub look_back: Vec<LookBackItem>,
    /// Evaluations of handling units.
    pub evaluations: Vec<UnitEvaluation>,
}

impl Default for ReportInput {
    fn default() -> Self {
        Self {
            deputies: Vec::new(),
            unit_names: BTreeMap::new(),
            records: Records::default(),
            policy: Policy::seed(),
            register: None,
            suggestions: Vec::new(),
            look_back: Vec::new(),
            evaluations: Vec::new(),
        }
    }
}

/// How figures are rounded and satisfaction is counted. A small rule table:
/// loads from TOML or JSON, refuses unknown fields and checks the decimals.
///
/// ```
/// use deputy_work::report::ReportOptions;
/// use deputy_work::stats::Rounding;
/// let o = ReportOptions::default();
/// assert_eq!((o.decimals, o.rounding, o.money_decimals), (1, Rounding::HalfUp, 2));
/// assert!(ReportOptions::new(13, Rounding::HalfUp, 2, Default::default()).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OptionsData", into = "OptionsData")
)]
pub struct ReportOptions {
    /// Decimals of percentages (1, as reports print them).
    pub decimals: u32,
    /// Rounding of percentages and money (四舍五入).
    pub rounding: Rounding,
    /// Decimals of amounts in 亿元 (2).
    pub money_decimals: u32,
    /// Whether abstentions count in satisfaction wholes (no).
    pub abstentions: Abstentions,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            decimals: 1,
            rounding: Rounding::HalfUp,
            money_decimals: 2,
            abstentions: Abstentions::Excluded,
        }
    }
}

impl ReportOptions {
    /// Options, checked.
    ///
    /// ```
    /// use deputy_work::report::ReportOptions;
    /// use deputy_work::stats::{Abstentions, Rounding};
    /// let o = ReportOptions::new(2, Rounding::HalfEven, 4, Abstentions::Counted)?;
    /// assert_eq!((o.decimals, o.money_decimals), (2, 4));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Stats`] with [`StatsError::TooManyDecimals`] past
    /// [`MAX_DECIMALS`].
    pub fn new(
        decimals: u32,
        rounding: Rounding,
        money_decimals: u32,
        abstentions: Abstentions,
    ) -> Result<Self, ReportError> {
        for d in [decimals, money_decimals] {
            if d > MAX_DECIMALS {
                return Err(ReportError::Stats(StatsError::TooManyDecimals {
                    decimals: d,
                    max: MAX_DECIMALS,
                }));
            }
        }
        Ok(Self {
            decimals,
            rounding,
            money_decimals,
            abstentions,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsData {
    #[serde(default = "one")]
    decimals: u32,
    #[serde(default)]
    rounding: Rounding,
    #[serde(default = "two")]
    money_decimals: u32,
    #[serde(default)]
    abstentions: Abstentions,
}

#[cfg(feature = "serde")]
const fn one() -> u32 {
    1
}

#[cfg(feature = "serde")]
const fn two() -> u32 {
    2
}

#[cfg(feature = "serde")]
impl TryFrom<OptionsData> for ReportOptions {
    type Error = ReportError;
    fn try_from(d: OptionsData) -> Result<Self, ReportError> {
        Self::new(d.decimals, d.rounding, d.money_decimals, d.abstentions)
    }
}

#[cfg(feature = "serde")]
impl From<ReportOptions> for OptionsData {
    fn from(o: ReportOptions) -> Self {
        Self {
            decimals: o.decimals,
            rounding: o.rounding,
            money_decimals: o.money_decimals,
            abstentions: o.abstentions,
        }
    }
}

/// The counts a report is made from: the records' [`Counts`] and the
/// [`SuggestionCounts`]. Mergeable, so counting can be split.
///
/// ```
/// use deputy_work::common::Period;
/// use deputy_work::report::{ReportInput, Tally};
/// let year = Period::year(2025)?;
/// let mut t = Tally::count(&ReportInput::default(), year)?;
/// let empty = t.clone();
/// t.merge(Tally::count(&ReportInput::default(), year)?)?;
/// assert_eq!(t, empty, "nothing added to nothing");
/// assert_eq!(t.suggestions.classes.len(), 3, "the seed's classes, once");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Tally {
    /// Counts of the records.
    pub records: Counts,
    /// Counts of the suggestions.
    pub suggestions: SuggestionCounts,
}

impl Tally {
    /// Counts an input for a period (without validating ids). The
    /// register, if any, is counted through
    /// [`SuggestionCounts::from_register`] and added to the plain records'
    /// counts.
    ///
    /// Cost: [`Counts::count`] of the records (O(r + N log P)), a pass over
    /// the suggestions, look-back items and evaluations (a reply class looked
    /// up among the policy's), and [`SuggestionCounts::from_register_in`] of
    /// the register; memory: the tally, never the records.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period, UnitId};
    /// use deputy_work::records::GridAssignment;
    /// use deputy_work::report::{ReportInput, Tally};
    /// let mut input = ReportInput::default();
    /// input.records.grids.push(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(7) });
    /// let t = Tally::count(&input, Period::quarter(2025, 1)?)?;
    /// assert_eq!(t.records.gridded.distinct_persons(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Records`] when investment overflows;
    /// [`ReportError::RegisterYear`] when there is a register and `period`
    /// is not within its calendar year; [`ReportError::UnknownReplyClass`] when a
    /// reply's class is not one of the policy's.
    pub fn count(input: &ReportInput, period: Period) -> Result<Self, ReportError> {
        let mut suggestions = SuggestionCounts::count(
            &input.suggestions,
            &input.look_back,
            &input.evaluations,
            &input.policy,
            period,
        )?;
        if let Some(register) = &input.register {
            suggestions.merge(SuggestionCounts::from_register_in(
                register,
                &input.policy,
                period,
            )?);
        }
        Ok(Self {
            records: Counts::count(&input.records, period)?,
            suggestions,
        })
    }

    /// Adds another tally; on error `self` is unchanged.
    ///
    /// Cost: linear in both tallies' entries.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period, UnitId};
    /// use deputy_work::records::GridAssignment;
    /// use deputy_work::report::{ReportInput, Tally};
    /// let mut input = ReportInput::default();
    /// input.records.grids.push(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(7) });
    /// let year = Period::year(2025)?;
    /// let mut t = Tally::count(&input, year)?;
    /// t.merge(Tally::count(&input, year)?)?;
    /// assert_eq!(t.records.gridded.person_times(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Records`] when investment overflows.
    pub fn merge(&mut self, other: Self) -> Result<(), ReportError> {
        self.records.merge(other.records)?;
        self.suggestions.merge(other.suggestions);
        Ok(())
    }
}

/// Counts a report's input streamed one record at a time, as
/// [`Tally::count`] counts a whole [`ReportInput`]: for a platform that
/// reads its records, suggestion records, look-back items and evaluations
/// row by row and never holds them all.
///
/// **Memory** is in proportion to the persons, units, classes and kinds
/// counted (see [`CountsBuilder`]), never to the records. A suggestion
/// engine's [`Register`] is counted whole ([`TallyBuilder::register`]):
/// each item's audit trail is itself the record, and the register holds
/// it (a platform may build it item by item, replaying each trail).
///
/// Fed the same input, it gives the same tally as [`Tally::count`]; an
/// input with errors gives, kind by kind, the error of the first record
/// refused (a refused record changes nothing).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, SuggestionId, UnitId};
/// use deputy_work::records::{AnyRecord, GridAssignment};
/// use deputy_work::report::{Reply, ReportInput, SuggestionRecord, Tally, TallyBuilder};
/// use deputy_work::suggestion::{Code, Policy};
/// let year = Period::year(2025)?;
/// let grid = AnyRecord::from(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(7) });
/// let suggestion = SuggestionRecord {
///     id: SuggestionId::new(1),
///     received: NaiveDate::from_ymd_opt(2025, 2, 3).ok_or("day")?,
///     lead_unit: Some(UnitId::new(3)),
///     key: false,
///     reply: Some(Reply { class: Code::new("A")?, on_time: true, feedback: None }),
/// };
/// let mut builder = TallyBuilder::new(&Policy::seed(), year);
/// builder.record(&grid)?;
/// builder.suggestion(&suggestion)?;
/// let streamed = builder.finish();
///
/// let mut input = ReportInput::default();
/// input.records.push(grid);
/// input.suggestions.push(suggestion);
/// assert_eq!(streamed, Tally::count(&input, year)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TallyBuilder {
    policy: Policy,
    period: Period,
    records: CountsBuilder,
    suggestions: SuggestionCounts,
}

impl TallyBuilder {
    /// An empty tally for `period`, with `policy`'s reply classes.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{ReportInput, Tally, TallyBuilder};
    /// use deputy_work::suggestion::Policy;
    /// let year = Period::year(2025)?;
    /// let empty = TallyBuilder::new(&Policy::seed(), year).finish();
    /// assert_eq!(empty, Tally::count(&ReportInput::default(), year)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(policy: &Policy, period: Period) -> Self {
        Self {
            policy: policy.clone(),
            period,
            records: CountsBuilder::new(period),
            suggestions: SuggestionCounts::empty(policy),
        }
    }

    /// Counts one record of deputy work ([`CountsBuilder::add`]).
    ///
    /// Cost: as [`CountsBuilder::add`].
    ///
    /// ```
    /// use deputy_work::common::{Period, UnitId};
    /// use deputy_work::records::{AnyRecord, Street};
    /// use deputy_work::report::TallyBuilder;
    /// use deputy_work::suggestion::Policy;
    /// let mut b = TallyBuilder::new(&Policy::seed(), Period::year(2025)?);
    /// b.record(&AnyRecord::from(Street { id: UnitId::new(1), council: true }))?;
    /// assert_eq!(b.finish().records.streets_with_council, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Records`] when investment overflows; nothing changes.
    pub fn record(&mut self, record: &AnyRecord) -> Result<(), ReportError> {
        Ok(self.records.add(record)?)
    }

    /// Counts one plain suggestion record, as [`SuggestionCounts::count`]
    /// counts it.
    ///
    /// Cost: O(log) map updates, and the reply class looked up among the
    /// policy's.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{Period, SuggestionId};
    /// use deputy_work::report::{Reply, ReportError, SuggestionRecord, TallyBuilder};
    /// use deputy_work::suggestion::{Code, Policy};
    /// let mut b = TallyBuilder::new(&Policy::seed(), Period::year(2025)?);
    /// let s = SuggestionRecord {
    ///     id: SuggestionId::new(1),
    ///     received: NaiveDate::from_ymd_opt(2025, 2, 3).ok_or("day")?,
    ///     lead_unit: None,
    ///     key: true,
    ///     reply: Some(Reply { class: Code::new("Z")?, on_time: true, feedback: None }),
    /// };
    /// assert!(matches!(b.suggestion(&s), Err(ReportError::UnknownReplyClass { .. })));
    /// assert_eq!(b.finish().suggestions.received, 0, "refused: nothing changed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::UnknownReplyClass`] when its reply's class is not
    /// one of the policy's; nothing changes.
    pub fn suggestion(&mut self, s: &SuggestionRecord) -> Result<(), ReportError> {
        self.suggestions
            .add_suggestion(s, &self.policy, self.period)
    }

    /// Counts one plain look-back item.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{Period, SuggestionId};
    /// use deputy_work::report::{LookBackItem, TallyBuilder};
    /// use deputy_work::suggestion::Policy;
    /// let mut b = TallyBuilder::new(&Policy::seed(), Period::year(2025)?);
    /// b.look_back(&LookBackItem { suggestion: SuggestionId::new(9), year: 2023, resolved: NaiveDate::from_ymd_opt(2025, 6, 1) });
    /// assert_eq!(b.finish().suggestions.look_back_resolved, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn look_back(&mut self, item: &LookBackItem) {
        self.suggestions.add_look_back(item, self.period);
    }

    /// Counts one evaluation of a handling unit.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{Period, UnitId};
    /// use deputy_work::report::{TallyBuilder, UnitEvaluation};
    /// use deputy_work::stats::Satisfaction;
    /// use deputy_work::suggestion::Policy;
    /// let mut b = TallyBuilder::new(&Policy::seed(), Period::year(2025)?);
    /// let votes = Satisfaction { satisfied: 30, ..Satisfaction::default() };
    /// b.evaluation(&UnitEvaluation { unit: UnitId::new(1), date: NaiveDate::from_ymd_opt(2025, 10, 28).ok_or("day")?, votes });
    /// assert_eq!(b.finish().suggestions.evaluations[&UnitId::new(1)].satisfied, 30);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluation(&mut self, evaluation: &UnitEvaluation) {
        self.suggestions.add_evaluation(evaluation, self.period);
    }

    /// Counts a suggestion engine's register, as [`Tally::count`] counts
    /// [`ReportInput::register`] (through
    /// [`SuggestionCounts::from_register_in`]).
    ///
    /// Cost: as [`SuggestionCounts::from_register_in`].
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::TallyBuilder;
    /// use deputy_work::suggestion::{Policy, samples};
    /// let mut b = TallyBuilder::new(&Policy::seed(), Period::year(2025)?);
    /// b.register(&samples::ordos_2025()?)?;
    /// assert_eq!(b.finish().suggestions.received, 181);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`SuggestionCounts::from_register_in`]; nothing changes.
    pub fn register(&mut self, register: &Register) -> Result<(), ReportError> {
        let counts = SuggestionCounts::from_register_in(register, &self.policy, self.period)?;
        self.suggestions.merge(counts);
        Ok(())
    }

    /// The tally of everything given.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::TallyBuilder;
    /// use deputy_work::suggestion::Policy;
    /// let t = TallyBuilder::new(&Policy::seed(), Period::year(2025)?).finish();
    /// assert_eq!(t.suggestions.classes.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn finish(self) -> Tally {
        Tally {
            records: self.records.finish(),
            suggestions: self.suggestions,
        }
    }
}

/// One handling unit's row: on-time reply rate (办复率) and deputies'
/// satisfied and basically-satisfied shares.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Period, UnitId};
/// use deputy_work::report::{AnnualReport, ReportInput, ReportOptions, UnitEvaluation};
/// use deputy_work::stats::Satisfaction;
/// let mut input = ReportInput::default();
/// input.evaluations.push(UnitEvaluation {
///     unit: UnitId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 10, 28).ok_or("day")?,
///     votes: Satisfaction { satisfied: 30, ..Satisfaction::default() },
/// });
/// let r = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default())?;
/// let u = &r.units[0];
/// assert_eq!((u.unit, u.assigned), (UnitId::new(1), 0));
/// assert_eq!(u.on_time.percent(), None, "no suggestions: no data");
/// assert_eq!(u.evaluation.map(|e| e.satisfied), Some(30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct UnitFigures {
    /// The unit.
    pub unit: UnitId,
    /// Its name, when known.
    pub name: Option<String>,
    /// Suggestions it leads, received in the period.
    pub assigned: u64,
    /// Replied on time, of those assigned (办复率).
    pub on_time: Value,
    /// Feedback saying satisfied, of the feedback returned (a share; with
    /// the next and the unsatisfied share it adds up to exactly 100).
    pub satisfied: Value,
    /// Feedback saying basically satisfied, of the feedback returned.
    pub basically_satisfied: Value,
    /// The feedback counts.
    pub feedback: Satisfaction,
    /// The standing committee's vote on its handling report, if evaluated.
    pub evaluation: Option<Satisfaction>,
}

/// Livelihood projects and investment at one level (per-level detail of
/// [`Metric::LivelihoodProjects`] and [`Metric::LivelihoodInvestment`]).
///
/// ```
/// use deputy_work::common::Level;
/// use deputy_work::report::{LevelInvestment, Value};
/// use rust_decimal::Decimal;
/// let l = LevelInvestment {
///     level: Level::Township,
///     projects: 2,
///     investment: Value::Money { yuan: Decimal::from(300_000_000), yi_yuan: "3.00".parse()? },
/// };
/// assert_eq!(l.investment.yi_yuan(), Some("3.00".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LevelInvestment {
    /// The level of the congress (or street) that voted.
    pub level: Level,
    /// Projects voted (项).
    pub projects: u64,
    /// Their investment ([`Value::Money`]).
    pub investment: Value,
}

/// Opinions from the public on one topic (per-topic detail of
/// [`Metric::OpinionsResolvedRate`]).
///
/// ```
/// use deputy_work::records::OpinionTopic;
/// use deputy_work::report::{TopicFigures, Value};
/// let t = TopicFigures {
///     topic: OpinionTopic::Transport,
///     collected: 4,
///     resolved: 3,
///     rate: Value::Percent { part: 3, whole: 4, percent: Some("75.0".parse()?) },
/// };
/// assert_eq!(t.rate.percent(), Some("75.0".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TopicFigures {
    /// The topic.
    pub topic: OpinionTopic,
    /// Opinions collected (件).
    pub collected: u64,
    /// Of those, resolved (件).
    pub resolved: u64,
    /// Resolved of collected.
    pub rate: Value,
}

/// The annual work report (代表工作年度综述): every figure with its metric,
/// the handling units' table, and what the figures leave out.
///
/// ```
/// use deputy_work::common::Period;
/// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions};
/// let report = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, ReportOptions::default())?;
/// assert_eq!(report.value(Metric::SuggestionsReceived).and_then(|v| v.count()), Some(0));
/// // A zero whole is "no data", not NaN and not an error.
/// assert_eq!(report.value(Metric::MediationSuccessRate).and_then(|v| v.percent()), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct AnnualReport {
    /// The period reported on.
    pub period: Period,
    /// The options used.
    pub options: ReportOptions,
    /// The reply classes shown, in order, with the policy's labels (see
    /// [`SuggestionCounts::shown_classes`]).
    pub reply_classes: Vec<ReplyClass>,
    /// Every figure, in the report's order.
    pub figures: Vec<Figure>,
    /// Handling units, by id.
    pub units: Vec<UnitFigures>,
    /// Livelihood projects by level, highest level first (levels with none left out).
    pub livelihood_by_level: Vec<LevelInvestment>,
    /// Opinions from the public by topic (topics with none left out).
    pub opinions_by_topic: Vec<TopicFigures>,
    /// Deputies on the roster who are in no grid (empty when coverage is full).
    pub deputies_outside_grids: Vec<DeputyId>,
    /// Dated records left out because they fall outside the period.
    pub records_outside_period: u64,
}

fn rate(part: u64, whole: u64, o: &ReportOptions) -> Result<Value, ReportError> {
    let percent = match Rate::new(part, whole) {
        Ok(r) => Some(r.percent(o.decimals, o.rounding)?),
        Err(StatsError::NoData) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(Value::Percent {
        part,
        whole,
        percent,
    })
}

/// Largest-remainder shares of `counts`, as values (no data when all zero).
fn share_values(counts: &[u64], o: &ReportOptions) -> Result<Vec<Value>, ReportError> {
    let whole = counts
        .iter()
        .try_fold(0_u64, |a, &c| a.checked_add(c))
        .ok_or(StatsError::Overflow)?;
    let percents: Vec<Option<_>> = match shares(counts, o.decimals) {
        Ok(s) => s.into_iter().map(Some).collect(),
        Err(StatsError::NoData) => counts.iter().map(|_| None).collect(),
        Err(e) => return Err(e.into()),
    };
    Ok(counts
        .iter()
        .zip(percents)
        .map(|(&part, percent)| Value::Percent {
            part,
            whole,
            percent,
        })
        .collect())
}

/// Satisfied and basically-satisfied shares of some feedback.
fn satisfaction_values(s: &Satisfaction, o: &ReportOptions) -> Result<(Value, Value), ReportError> {
    let mut counts = vec![s.satisfied, s.basically_satisfied, s.unsatisfied];
    if o.abstentions == Abstentions::Counted {
        counts.push(s.abstained);
    }
    let v = share_values(&counts, o)?;
    let mut it = v.into_iter();
    let (sat, basic) = (it.next(), it.next());
    debug_assert!(
        sat.is_some() && basic.is_some(),
        "share_values gives one value per count, and there are at least three"
    );
    let none = Value::Percent {
        part: 0,
        whole: 0,
        percent: None,
    };
    Ok((sat.unwrap_or(none), basic.unwrap_or(none)))
}

/// The report's figures as they are pushed, section by section, in the
/// report's order.
struct Figures(Vec<Figure>);

impl Figures {
    fn push(&mut self, metric: Metric, value: Value) {
        self.0.push(Figure { metric, value });
    }

    fn count(&mut self, metric: Metric, n: u64) {
        self.push(metric, Value::Count(n));
    }

    /// Training: classes, city deputies trained offline, online sessions
    /// and person-times, sharing sessions and participants.
    fn training(&mut self, c: &Counts, roster: &Roster) {
        let city_trained = c
            .offline_attendees
            .iter()
            .filter(|(d, _)| roster.level(**d) == Some(Level::City))
            .count();
        self.count(Metric::OfflineClasses, c.offline_sessions);
        self.count(Metric::OfflineCityDeputies, count(city_trained));
        self.count(Metric::OnlineSessions, c.online_sessions);
        self.count(Metric::OnlinePersonTimes, c.online_attendees.person_times());
        self.count(Metric::SharingSessions, c.sharing_sessions);
        self.count(
            Metric::SharingParticipants,
            c.sharing_participants.distinct_persons(),
        );
    }

    /// Duty reports (述职), to the standing committee and to electoral units.
    fn duty_reports(&mut self, c: &Counts) {
        self.count(
            Metric::ReportsToCommittee,
            c.reports_to_committee.distinct_persons(),
        );
        self.count(
            Metric::ReportsToElectoralUnits,
            c.reports_to_electoral_units.distinct_persons(),
        );
    }

    /// The standing committee and deputies.
    fn standing_committee(&mut self, c: &Counts) {
        self.count(Metric::LiaisonMembers, c.liaison_members.distinct_persons());
        self.count(
            Metric::LiaisonDeputies,
            c.liaison_deputies.distinct_persons(),
        );
        self.count(Metric::MemberContacts, c.member_contacts.person_times());
        self.count(Metric::Invitations, c.invitations.person_times());
        self.count(
            Metric::CommitteeActivityDeputies,
            c.committee_activity_deputies.distinct_persons(),
        );
    }

    /// Deputies and the public: contacts and opinions.
    fn public(&mut self, c: &Counts, o: &ReportOptions) -> Result<(), ReportError> {
        let op = c.opinions_total();
        self.count(Metric::PublicContacts, c.public_person_times);
        self.count(Metric::OpinionsCollected, op.collected);
        self.count(Metric::OpinionsResolved, op.resolved);
        self.push(
            Metric::OpinionsResolvedRate,
            rate(op.resolved, op.collected, o)?,
        );
        Ok(())
    }

    /// State organs and deputies.
    fn state_organs(&mut self, c: &Counts) {
        self.count(
            Metric::OrganActivityDeputies,
            c.organ_activity_deputies.person_times(),
        );
        self.count(Metric::Symposia, c.symposia);
        self.count(Metric::SymposiumOpinions, c.symposium_opinions);
    }

    /// Suggestions: received, replied, the policy's classes (every one, in
    /// its order), key, look-back, evaluations, on-time replies, feedback.
    /// Gives the classes shown.
    fn suggestions(
        &mut self,
        s: &SuggestionCounts,
        o: &ReportOptions,
    ) -> Result<Vec<ReplyClass>, ReportError> {
        let all = s.all_units();
        self.count(Metric::SuggestionsReceived, s.received);
        self.count(Metric::SuggestionsReplied, all.replied);
        let shown = s.shown_classes();
        // A class with no reply is not in the map: it counts zero.
        let class_counts: Vec<u64> = shown
            .iter()
            .map(|k| s.by_class.get(&k.code).copied().unwrap_or(0))
            .collect();
        for (k, v) in shown.iter().zip(share_values(&class_counts, o)?) {
            self.push(Metric::ReplyClass(k.code), v);
        }
        self.count(Metric::KeySuggestions, s.key);
        self.count(Metric::LookBackResolved, s.look_back_resolved);
        self.count(Metric::UnitsEvaluated, count(s.evaluations.len()));
        self.push(
            Metric::OnTimeReplyRate,
            rate(all.replied_on_time, all.assigned, o)?,
        );
        let (sat, basic) = satisfaction_values(&all.feedback, o)?;
        self.push(Metric::FeedbackSatisfied, sat);
        self.push(Metric::FeedbackBasicallySatisfied, basic);
        Ok(shown)
    }

    /// Grids, mediation and petitions. Gives the deputies outside every grid.
    fn grids_and_mediation(
        &mut self,
        c: &Counts,
        roster: &Roster,
        o: &ReportOptions,
    ) -> Result<Vec<DeputyId>, ReportError> {
        let on_roster = count(roster.len());
        let outside: Vec<DeputyId> = roster
            .iter()
            .map(|d| d.id)
            .filter(|d| c.gridded.times_of(d) == 0)
            .collect();
        let in_grids = on_roster.checked_sub(count(outside.len()));
        debug_assert!(
            in_grids.is_some(),
            "the deputies outside the grids are on the roster"
        );
        let in_grids = in_grids.unwrap_or(0);
        self.count(Metric::DeputiesOnRoster, on_roster);
        self.count(Metric::DeputiesInGrids, in_grids);
        self.push(Metric::GridCoverage, rate(in_grids, on_roster, o)?);
        let cases = c.mediation_cases();
        let ok = c.mediation_with(MediationOutcome::Successful);
        self.count(Metric::Mediators, c.mediators.distinct_persons());
        self.count(Metric::MediationCases, cases);
        self.count(Metric::MediationSuccessful, ok);
        self.push(Metric::MediationSuccessRate, rate(ok, cases, o)?);
        self.count(Metric::PetitionsFollowed, c.petitions);
        self.count(Metric::PetitionsClosed, c.petitions_closed);
        Ok(outside)
    }

    /// Deputies' homes and stations, districts, streets.
    fn stations(&mut self, c: &Counts) {
        self.count(Metric::DistrictsWithPlatform, c.districts_with_platform);
        self.count(Metric::StationsUpgraded, c.stations_upgraded);
        self.count(Metric::StreetsWithCouncil, c.streets_with_council);
    }

    /// Deputy groups: liaison stations, professional groups, electoral-unit groups.
    fn groups(&mut self, c: &Counts) {
        let st = c.liaison_stations.total();
        self.count(
            Metric::GroupStations,
            c.liaison_stations.organisers.distinct_persons(),
        );
        self.count(Metric::GroupStationActivities, st.activities);
        self.count(Metric::GroupStationPublic, st.public_attendance);
        self.count(Metric::GroupStationOpinions, st.opinions);
        let research = c.professional_groups.kind(GroupActivityKind::Research);
        self.count(
            Metric::ProfessionalGroups,
            c.professional_groups.organisers.distinct_persons(),
        );
        self.count(Metric::GroupResearchTrips, research.activities);
        self.count(Metric::GroupResearchDeputies, research.deputy_times);
        let eu = c.electoral_unit_groups.total();
        self.count(Metric::ElectoralGroupActivities, eu.activities);
        self.count(Metric::ElectoralGroupDeputies, eu.deputy_times);
    }

    /// Livelihood projects and their investment, micro projects and their
    /// ratings.
    fn livelihood(&mut self, c: &Counts, o: &ReportOptions) -> Result<(), ReportError> {
        let inv = c.livelihood_total()?;
        self.count(Metric::LivelihoodProjects, inv.projects);
        self.push(Metric::LivelihoodInvestment, money(inv.yuan, o)?);
        // Counters saturate at u64::MAX, as the records' counts document.
        let micro = c
            .micro_projects
            .values()
            .fold(0_u64, |a, n| a.saturating_add(*n));
        self.count(Metric::MicroProjects, micro);
        self.count(
            Metric::MicroProjectsCompleted,
            c.micro_in(MicroStage::Completed),
        );
        let r = &c.micro_ratings;
        self.push(
            Metric::MicroSatisfaction,
            rate(
                r.satisfied
                    .checked_add(r.basically_satisfied)
                    .ok_or(StatsError::Overflow)?,
                r.total(o.abstentions)?,
                o,
            )?,
        );
        Ok(())
    }
}

/// An amount in yuan, with its 亿元 at the options' decimals and rounding.
fn money(yuan: Decimal, o: &ReportOptions) -> Result<Value, ReportError> {
    Ok(Value::Money {
        yuan,
        yi_yuan: yi_yuan(yuan, o.money_decimals, o.rounding)?,
    })
}

/// The handling units' table: every unit with suggestions or an evaluation,
/// by id.
fn unit_rows(
    s: &SuggestionCounts,
    unit_names: &BTreeMap<UnitId, String>,
    o: &ReportOptions,
) -> Result<Vec<UnitFigures>, ReportError> {
    let mut ids: Vec<UnitId> = s
        .by_unit
        .keys()
        .chain(s.evaluations.keys())
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut units = Vec::with_capacity(ids.len());
    for unit in ids {
        // A unit with only an evaluation has no suggestions: all zero.
        let u = s.by_unit.get(&unit).copied().unwrap_or_default();
        let (satisfied, basically_satisfied) = satisfaction_values(&u.feedback, o)?;
        units.push(UnitFigures {
            unit,
            name: unit_names.get(&unit).cloned(),
            assigned: u.assigned,
            on_time: rate(u.replied_on_time, u.assigned, o)?,
            satisfied,
            basically_satisfied,
            feedback: u.feedback,
            evaluation: s.evaluations.get(&unit).copied(),
        });
    }
    Ok(units)
}

/// Livelihood projects by level, highest level first.
fn livelihood_by_level(c: &Counts, o: &ReportOptions) -> Result<Vec<LevelInvestment>, ReportError> {
    c.livelihood
        .iter()
        .map(|(level, i)| {
            Ok(LevelInvestment {
                level: *level,
                projects: i.projects,
                investment: money(i.yuan, o)?,
            })
        })
        .collect()
}

/// Opinions from the public by topic.
fn opinions_by_topic(c: &Counts, o: &ReportOptions) -> Result<Vec<TopicFigures>, ReportError> {
    c.opinions
        .iter()
        .map(|(topic, r)| {
            Ok(TopicFigures {
                topic: *topic,
                collected: r.collected,
                resolved: r.resolved,
                rate: rate(r.resolved, r.collected, o)?,
            })
        })
        .collect()
}

fn count(n: usize) -> u64 {
    let n = u64::try_from(n);
    debug_assert!(
        n.is_ok(),
        "a usize length fits u64 on every supported target"
    );
    n.unwrap_or(u64::MAX)
}

impl AnnualReport {
    /// Validates `input`, counts it for `period` and builds the report.
    ///
    /// Cost: [`Roster::new`](crate::records::Roster::new),
    /// [`Records::validate`](crate::records::Records::validate),
    /// [`validate_suggestions`], [`Tally::count`] and
    /// [`AnnualReport::from_tally`] in turn: O(r log r + N log P) in the
    /// r records and the N persons they name (P distinct), plus the
    /// suggestions, look-back items and evaluations, and the register's
    /// items and trails; memory: the ids of one kind while validating,
    /// then the tally and the report.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level, Period};
    /// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions};
    /// let mut input = ReportInput::default();
    /// input.deputies.push(Deputy::new(DeputyId::new(1), "甲", Level::City));
    /// let r = AnnualReport::build(&input, Period::month(2025, 3)?, ReportOptions::default())?;
    /// assert_eq!(r.value(Metric::DeputiesOnRoster).and_then(|v| v.count()), Some(1));
    /// assert_eq!(r.period.to_string(), "2025年3月");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Records`] when the input breaks a rule (see
    /// [`Records::validate`] and [`validate_suggestions`]);
    /// [`ReportError::UnknownReplyClass`] when a reply class the register's
    /// trails record (any suggestion's, counted in `period` or not: a
    /// look-back item's too) is not one of the input's policy's classes;
    /// [`ReportError::RegisterYear`] when `period` is not within the
    /// register's year; [`ReportError::Stats`] on overflow.
    pub fn build(
        input: &ReportInput,
        period: Period,
        options: ReportOptions,
    ) -> Result<Self, ReportError> {
        let roster = Roster::new(&input.deputies)?;
        input.records.validate(&roster)?;
        validate_suggestions(
            &input.suggestions,
            &input.look_back,
            input.register.as_ref(),
        )?;
        if let Some(register) = &input.register {
            super::suggestions::register_classes(register, &input.policy)?;
        }
        let tally = Tally::count(input, period)?;
        Self::from_tally(&tally, &roster, &input.unit_names, period, options)
    }

    /// [`AnnualReport::build`], after re-deciding every register
    /// suggestion's trail by the input's policy and `calendar`
    /// ([`verify`](crate::suggestion::verify())): loading a register
    /// checks each trail's digest chain and replays it, but the chain
    /// cannot hold a trail's last entry (no later entry holds its digest),
    /// and replaying does not ask whether the policy would have recorded
    /// it. Give the working-day calendar the register was kept with (the
    /// dispute windows it recorded were counted in its working days).
    ///
    /// Cost: the register's trail entries each decided again and hashed
    /// once (SHA-256), in proportion to the entries; [`AnnualReport::build`]
    /// only looks at them. Measured (release build, 2-core VM, best of
    /// five): the seed year's register, 311 items and 2,428 entries, adds
    /// 0.5 ms to a 2.6 ms build, about 0.2 µs an entry.
    ///
    /// Every trail is decided by the input's one policy: a look-back item
    /// handled under an earlier year's policy with other deadlines does
    /// not verify under this year's.
    ///
    /// ```
    /// use deputy_work::common::{Period, WeekendCalendar};
    /// use deputy_work::report::{AnnualReport, ReportInput, ReportOptions};
    /// use deputy_work::suggestion::samples::SampleYear;
    /// let input = ReportInput {
    ///     register: Some(SampleYear::new(2025, [2, 1, 0], 1)?.register()?),
    ///     ..ReportInput::default()
    /// };
    /// let year = Period::year(2025)?;
    /// let verified = AnnualReport::build_verified(&input, year, ReportOptions::default(), &WeekendCalendar)?;
    /// assert_eq!(verified, AnnualReport::build(&input, year, ReportOptions::default())?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Trail`] for the first register suggestion (in id
    /// order) whose trail the policy does not decide as recorded; then as
    /// [`AnnualReport::build`].
    pub fn build_verified<C: Calendar + ?Sized>(
        input: &ReportInput,
        period: Period,
        options: ReportOptions,
        calendar: &C,
    ) -> Result<Self, ReportError> {
        if let Some(register) = &input.register {
            for s in register.iter() {
                verify(s.id(), s.trail(), &input.policy, calendar).map_err(|error| {
                    ReportError::Trail {
                        suggestion: s.id(),
                        error,
                    }
                })?;
            }
        }
        Self::build(input, period, options)
    }

    /// Builds the report from a tally already counted (e.g. merged from
    /// parts). The roster gives deputies' levels and the grid coverage.
    ///
    /// Cost: linear in the tally (its persons, units, classes, topics and
    /// levels), with a roster lookup (O(log n)) for each person counted and
    /// for each of the roster's n deputies (is each in a grid); memory: the
    /// report, a row per unit, class, topic and level, and the deputies
    /// outside the grids.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::records::Roster;
    /// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions, Tally};
    /// let year = Period::year(2025)?;
    /// let (spring, autumn) = (ReportInput::default(), ReportInput::default());
    /// let mut tally = Tally::count(&spring, year)?;
    /// tally.merge(Tally::count(&autumn, year)?)?;
    /// let report = AnnualReport::from_tally(&tally, &Roster::default(), &Default::default(), year, ReportOptions::default())?;
    /// assert_eq!(report.value(Metric::DeputiesOnRoster).and_then(|v| v.count()), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ReportError::Stats`] or [`ReportError::Records`] on overflow.
    pub fn from_tally(
        tally: &Tally,
        roster: &Roster,
        unit_names: &BTreeMap<UnitId, String>,
        period: Period,
        options: ReportOptions,
    ) -> Result<Self, ReportError> {
        let (c, s, o) = (&tally.records, &tally.suggestions, &options);
        let mut f = Figures(Vec::with_capacity(64));
        f.training(c, roster);
        f.duty_reports(c);
        f.standing_committee(c);
        f.public(c, o)?;
        f.state_organs(c);
        let reply_classes = f.suggestions(s, o)?;
        let deputies_outside_grids = f.grids_and_mediation(c, roster, o)?;
        f.stations(c);
        f.groups(c);
        f.livelihood(c, o)?;
        Ok(Self {
            period,
            options,
            reply_classes,
            figures: f.0,
            units: unit_rows(s, unit_names, o)?,
            livelihood_by_level: livelihood_by_level(c, o)?,
            opinions_by_topic: opinions_by_topic(c, o)?,
            deputies_outside_grids,
            // Counters saturate at u64::MAX (documented).
            records_outside_period: c.outside_period.saturating_add(s.outside_period),
        })
    }

    /// The Chinese label of a metric in this report: a reply class gets
    /// the policy's label (e.g. 已解决或者采纳), any other metric its own.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions};
    /// use deputy_work::suggestion::Code;
    /// let r = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, ReportOptions::default())?;
    /// assert_eq!(r.label_zh(&Metric::ReplyClass(Code::new("B")?)), "正在解决或已列入计划逐步解决");
    /// assert_eq!(r.label_zh(&Metric::KeySuggestions), "重点建议");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn label_zh<'a>(&'a self, metric: &'a Metric) -> &'a str {
        self.class_of(metric)
            .map_or_else(|| metric.label_zh(), |k| k.label_zh.as_str())
    }

    /// The English label of a metric in this report (see
    /// [`AnnualReport::label_zh`]).
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions};
    /// use deputy_work::suggestion::Code;
    /// let r = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, ReportOptions::default())?;
    /// assert!(r.label_en(&Metric::ReplyClass(Code::new("A")?)).contains("solved"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn label_en<'a>(&'a self, metric: &'a Metric) -> &'a str {
        self.class_of(metric)
            .map_or_else(|| metric.label_en(), |k| k.label_en.as_str())
    }

    fn class_of(&self, metric: &Metric) -> Option<&ReplyClass> {
        match metric {
            Metric::ReplyClass(code) => self.reply_classes.iter().find(|k| k.code == *code),
            _ => None,
        }
    }

    /// The value of one metric, if the report has it.
    ///
    /// Cost: a scan of the figures.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{AnnualReport, Metric, ReportInput, ReportOptions, Value};
    /// let r = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, ReportOptions::default())?;
    /// assert_eq!(r.value(Metric::MediationCases), Some(&Value::Count(0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn value(&self, metric: Metric) -> Option<&Value> {
        self.figures
            .iter()
            .find(|f| f.metric == metric)
            .map(|f| &f.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::SuggestionId;
    use crate::records::{MicroProject, MicroRating};
    use crate::report::Reply;
    use crate::stats::Verdict;
    use crate::suggestion::Code;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 12).unwrap()
    }

    fn suggestion(n: u32, unit: u32, class: &str, on_time: bool) -> SuggestionRecord {
        SuggestionRecord {
            id: SuggestionId::new(n),
            received: day(),
            lead_unit: Some(UnitId::new(unit)),
            key: false,
            reply: Some(Reply {
                class: Code::new(class).unwrap(),
                on_time,
                feedback: Some(Verdict::Satisfied),
            }),
        }
    }

    fn build(input: &ReportInput, o: ReportOptions) -> AnnualReport {
        AnnualReport::build(input, Period::year(2025).unwrap(), o).unwrap()
    }

    fn class(code: &str) -> Metric {
        Metric::ReplyClass(Code::new(code).unwrap())
    }

    #[test]
    fn every_class_of_the_policy_shows_in_its_order_with_its_labels() {
        let mut input = ReportInput::default();
        input.suggestions.push(suggestion(1, 1, "A", true));
        let r = build(&input, ReportOptions::default());
        assert!(r.value(class("D")).is_none(), "the seed has no D");
        assert_eq!(
            r.value(class("C")),
            Some(&Value::Percent {
                part: 0,
                whole: 1,
                percent: Some("0.0".parse().unwrap())
            })
        );
        // The national rules show D, even at zero.
        input.policy = Policy::national_2005();
        let r = build(&input, ReportOptions::default());
        assert_eq!(
            r.value(class("D")).and_then(Value::percent),
            Some(Decimal::ZERO.round_dp(1))
        );
        // A locality's 甲/乙/丙: the policy's order, not the codes' order.
        let classes = ["甲", "乙", "丙"]
            .iter()
            .zip(Policy::seed().classes())
            .map(|(c, k)| ReplyClass {
                code: Code::new(c).unwrap(),
                ..k.clone()
            })
            .collect();
        input.policy = Policy::new(crate::suggestion::PolicyData::new("县", classes)).unwrap();
        input.suggestions = vec![
            suggestion(1, 1, "甲", true),
            suggestion(2, 1, "甲", true),
            suggestion(3, 1, "丙", true),
        ];
        let r = build(&input, ReportOptions::default());
        let rows: Vec<(&str, String)> = r
            .figures
            .iter()
            .filter(|f| matches!(f.metric, Metric::ReplyClass(_)))
            .map(|f| {
                (
                    r.label_zh(&f.metric),
                    f.value.percent().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("已解决或者采纳", "66.7".to_owned()),
                ("正在解决或已列入计划逐步解决", "0.0".to_owned()),
                ("暂时不具备解决条件", "33.3".to_owned())
            ]
        );
        // A class the policy lacks is refused, naming the suggestion.
        input.suggestions.push(suggestion(4, 1, "A", true));
        assert_eq!(
            AnnualReport::build(
                &input,
                Period::year(2025).unwrap(),
                ReportOptions::default()
            ),
            Err(ReportError::UnknownReplyClass {
                suggestion: SuggestionId::new(4),
                code: Code::new("A").unwrap()
            })
        );
    }

    #[test]
    fn units_table_has_on_time_rate_and_evaluated_only_units() {
        let mut input = ReportInput::default();
        input.suggestions.push(suggestion(1, 3, "A", true));
        input.suggestions.push(suggestion(2, 3, "B", false));
        input.suggestions.push(suggestion(3, 3, "B", true));
        input.evaluations.push(UnitEvaluation {
            unit: UnitId::new(9),
            date: day(),
            votes: Satisfaction {
                satisfied: 1,
                ..Satisfaction::default()
            },
        });
        input
            .unit_names
            .insert(UnitId::new(3), "市交通运输局".to_owned());
        let r = build(&input, ReportOptions::default());
        assert_eq!(r.units.len(), 2);
        let u3 = &r.units[0];
        assert_eq!(u3.name.as_deref(), Some("市交通运输局"));
        assert_eq!(u3.on_time.percent(), Some("66.7".parse().unwrap()));
        let u9 = &r.units[1];
        assert_eq!(u9.assigned, 0);
        assert_eq!(u9.on_time.percent(), None, "no suggestions: no data, not 0");
        assert!(u9.evaluation.is_some());
        assert_eq!(
            r.value(Metric::UnitsEvaluated).and_then(Value::count),
            Some(1)
        );
    }

    #[test]
    fn abstentions_change_the_whole_only_when_counted() {
        let mut input = ReportInput::default();
        input.records.micro_projects.push(MicroProject {
            id: crate::common::ProjectId::new(1),
            date: day(),
            district: UnitId::new(1),
            stage: MicroStage::Completed,
            ratings: [Verdict::Satisfied, Verdict::Unsatisfied, Verdict::Abstained]
                .into_iter()
                .enumerate()
                .map(|(k, verdict)| MicroRating {
                    deputy: DeputyId::new(k as u32 + 1),
                    verdict,
                })
                .collect(),
        });
        input.deputies = (1..=3)
            .map(|k| Deputy::new(DeputyId::new(k), "代表", Level::County))
            .collect();
        let excluded = build(&input, ReportOptions::default());
        let counted = build(
            &input,
            ReportOptions::new(1, Rounding::HalfUp, 2, Abstentions::Counted).unwrap(),
        );
        let whole = |r: &AnnualReport| match r.value(Metric::MicroSatisfaction) {
            Some(Value::Percent { whole, percent, .. }) => (*whole, percent.map(|p| p.to_string())),
            other => panic!("{other:?}"),
        };
        assert_eq!(whole(&excluded), (2, Some("50.0".to_owned())));
        assert_eq!(whole(&counted), (3, Some("33.3".to_owned())));
    }

    #[test]
    fn money_rounds_as_the_options_say() {
        let mut input = ReportInput::default();
        input
            .records
            .livelihood
            .push(crate::records::LivelihoodProject {
                id: crate::common::ProjectId::new(1),
                date: day(),
                level: Level::County,
                investment: "3011500000".parse().unwrap(),
            });
        let half_up = build(&input, ReportOptions::default());
        let down = build(
            &input,
            ReportOptions::new(1, Rounding::Down, 2, Abstentions::Excluded).unwrap(),
        );
        let yi = |r: &AnnualReport| {
            r.value(Metric::LivelihoodInvestment)
                .and_then(Value::yi_yuan)
                .map(|d| d.to_string())
        };
        assert_eq!(yi(&half_up).as_deref(), Some("30.12"));
        assert_eq!(yi(&down).as_deref(), Some("30.11"));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn the_documented_json_loads_and_tallies_round_trip() {
        // The suggestion sample of the module docs.
        let s: SuggestionRecord = serde_json::from_str(
            r#"{"id": 1, "received": "2025-01-10", "lead_unit": 101, "key": true,
                "reply": {"class": "A", "on_time": true, "feedback": "satisfied"}}"#,
        )
        .unwrap();
        assert!(s.key);
        assert_eq!(s.reply.map(|r| r.class), Some(Code::new("A").unwrap()));
        assert!(
            serde_json::from_str::<SuggestionRecord>(
                r#"{"id": 1, "received": "2025-01-10", "lead_unit": 101, "urgent": true}"#
            )
            .is_err()
        );
        // A tally (maps keyed by ids) survives JSON.
        let mut input = ReportInput::default();
        input.suggestions.push(s);
        input
            .deputies
            .push(Deputy::new(DeputyId::new(1), "甲", Level::City));
        input.records.grids.push(crate::records::GridAssignment {
            deputy: DeputyId::new(1),
            grid: UnitId::new(3),
        });
        let t = Tally::count(&input, Period::year(2025).unwrap()).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Tally>(&json).unwrap(), t);
        let back: ReportInput =
            serde_json::from_str(&serde_json::to_string(&input).unwrap()).unwrap();
        assert_eq!(back, input);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn options_load_with_defaults_and_refuse_bad_tables() {
        let o: ReportOptions = toml::from_str("decimals = 2\nrounding = \"half_even\"").unwrap();
        assert_eq!(o.decimals, 2);
        assert_eq!(o.rounding, Rounding::HalfEven);
        assert_eq!(o.money_decimals, 2);
        assert_eq!(
            toml::from_str::<ReportOptions>("").unwrap(),
            ReportOptions::default()
        );
        assert!(toml::from_str::<ReportOptions>("decimals = 13").is_err());
        assert!(toml::from_str::<ReportOptions>("decimal = 1").is_err());
        assert!(toml::from_str::<ReportOptions>("rounding = \"bankers\"").is_err());
    }
}

#[cfg(all(test, feature = "serde"))]
mod verified {
    use super::*;
    use crate::common::WeekendCalendar;
    use crate::suggestion::SuggestionError;
    use crate::suggestion::samples::SampleYear;
    use serde_json::Value;

    /// An input whose register is a small sample year of 2025 (made with
    /// the weekend calendar), stored, its first suggestion's last entry
    /// edited by `edit`, then loaded.
    fn input(edit: impl Fn(&mut Value)) -> ReportInput {
        let input = ReportInput {
            register: Some(
                SampleYear::new(2025, [1, 1, 0], 1)
                    .unwrap()
                    .register()
                    .unwrap(),
            ),
            ..ReportInput::default()
        };
        let mut json = serde_json::to_value(&input).unwrap();
        let last = json["register"]["suggestions"][0]["trail"]
            .as_array_mut()
            .unwrap()
            .last_mut()
            .unwrap();
        edit(last);
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_last_entry_the_rules_do_not_decide_is_refused_when_verified() {
        let year = Period::year(2025).unwrap();
        let options = ReportOptions::default();
        let build = |i: &ReportInput| AnnualReport::build(i, year, options);
        let verified =
            |i: &ReportInput| AnnualReport::build_verified(i, year, options, &WeekendCalendar);
        // Untouched: the same report either way.
        let plain = input(|_| {});
        assert_eq!(verified(&plain), build(&plain));
        assert!(build(&plain).is_ok());
        // The first suggestion ends `closed` with `resolved: true` (its
        // reply was A, a class that counts as resolved). Recorded as not
        // resolved: loading and `build` take it, the rules do not.
        let edited = input(|last| {
            assert_eq!(last["event"], "closed", "{last}");
            assert_eq!(last["data"]["resolved"], true, "{last}");
            last["data"]["resolved"] = Value::from(false);
        });
        assert!(build(&edited).is_ok());
        // Eight entries: the feedback at 7 closes the item at 8, one
        // command; the error names the command's first entry.
        let len = plain
            .register
            .as_ref()
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .trail()
            .len();
        assert_eq!(len, 8);
        let seq = 7;
        match verified(&edited) {
            Err(ReportError::Trail {
                suggestion,
                error: SuggestionError::NotByTheRules { seq: at, .. },
            }) => {
                let first = plain.register.as_ref().unwrap().iter().next().unwrap().id();
                assert_eq!((suggestion, at), (first, seq));
            }
            other => panic!("{other:?}"),
        }
    }
}

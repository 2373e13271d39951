//! The declarations of the rule language beyond per-kind rules: the
//! locality's vocabulary, categories, states, counts, minimums, vetoes and
//! outcome categories. See `LANGUAGE.md` (the module docs) for the file form.

use rust_decimal::Decimal;

use super::{ActKind, Code, Qualifier};
use crate::common::Level;

/// Who a policy scores: deputies, groups (代表小组, 活动组) or both.
///
/// ```
/// use deputy_work::points::Units;
/// assert_eq!(Units::default(), Units::Deputies);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Units {
    /// Deputies (the default).
    #[default]
    Deputies,
    /// Groups, from the roster's `[[groups]]`.
    Groups,
    /// Deputies and groups, each ranked among their own kind.
    Both,
}

impl Units {
    pub(crate) const fn scores(self, unit: Unit) -> bool {
        matches!(
            (self, unit),
            (Self::Both, _) | (Self::Deputies, Unit::Deputy) | (Self::Groups, Unit::Group)
        )
    }
}

/// What one scored unit is.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::Unit;
/// assert_eq!(Unit::Group.label_zh(), "代表小组");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Unit {
    /// A deputy.
    #[default]
    Deputy,
    /// A group of deputies.
    Group,
}

impl Unit {
    /// Whether this is [`Unit::Deputy`] (for serde's `skip_serializing_if`).
    ///
    /// ```
    /// use deputy_work::points::Unit;
    /// assert!(Unit::Deputy.is_deputy() && !Unit::Group.is_deputy());
    /// ```
    #[must_use]
    pub const fn is_deputy(&self) -> bool {
        matches!(self, Self::Deputy)
    }
}

impl crate::common::Labelled for Unit {
    fn label_zh(&self) -> &str {
        match self {
            Self::Deputy => "代表",
            Self::Group => "代表小组",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Deputy => "deputy",
            Self::Group => "group",
        }
    }
}

/// Which acts count for a group.
///
/// ```
/// use deputy_work::points::GroupActs;
/// assert_eq!(GroupActs::default(), GroupActs::OwnAndMembers);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GroupActs {
    /// The group's own acts and its members' (the default).
    #[default]
    OwnAndMembers,
    /// The group's own acts only.
    Own,
}

/// A word of the locality's vocabulary: a roster role (常委), an act role
/// (领衔) or a qualifier (立案), with its labels.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::{Code, Term};
/// let t = Term { code: Code::new("filed")?, label_zh: "立案".into(), label_en: "filed".into() };
/// assert_eq!(t.label_zh(), "立案");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Term {
    /// The code used in rules, rosters and acts.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
}

crate::common::labelled_by_fields!(Term);

/// A node of the category tree (类别 → 项目), with its own start, cap and
/// floor per period.
///
/// ```
/// use deputy_work::points::{Category, Code};
/// let c = Category::new(Code::new("meetings")?, "会议", "meetings");
/// assert!(c.parent.is_none() && c.cap.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Category {
    /// The category's code.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The category it sits in, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub parent: Option<Code>,
    /// What the category starts from each period (e.g. 50).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub start: Option<Decimal>,
    /// The most the category can total in the period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub cap: Option<Decimal>,
    /// The least the category can total in the period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub floor: Option<Decimal>,
}

crate::common::labelled_by_fields!(Category);

impl Category {
    /// A top-level category with no start, cap or floor.
    ///
    /// ```
    /// use deputy_work::points::{Category, Code};
    /// assert_eq!(Category::new(Code::new("proposals")?, "提案", "proposals").label_zh, "提案");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(code: Code, label_zh: &str, label_en: &str) -> Self {
        Self {
            code,
            label_zh: label_zh.to_owned(),
            label_en: label_en.to_owned(),
            parent: None,
            start: None,
            cap: None,
            floor: None,
        }
    }
}

/// Who a rule applies to: any of the roster roles, and any of the levels
/// (an empty list does not restrict).
///
/// ```
/// use deputy_work::points::{Code, When};
/// let w = When { roles: vec![Code::new("standing_committee")?], levels: vec![] };
/// assert_eq!(w.roles.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct When {
    /// Roster roles, any of which qualifies.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub roles: Vec<Code>,
    /// Levels, any of which qualifies.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub levels: Vec<Level>,
}

/// Points for an act carrying a qualifier (G1: a commendation by the level
/// of the body that gives it).
///
/// ```
/// use deputy_work::points::{Qualifier, QualifierPoints};
/// let p = QualifierPoints { qualifier: Qualifier::new("national")?, points: "10".parse()? };
/// assert_eq!(p.points.to_string(), "10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct QualifierPoints {
    /// The qualifier.
    pub qualifier: Qualifier,
    /// Points per occurrence.
    pub points: Decimal,
}

/// Points for an act whose value lies in `at_least ≤ value < below`.
///
/// ```
/// use deputy_work::points::Tier;
/// let t = Tier { at_least: Some("90".parse()?), below: None, points: "15".parse()? };
/// assert!(t.contains("95".parse()?) && !t.contains("89.9".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Tier {
    /// The lowest value in the tier (included); none for the lowest tier.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_least: Option<Decimal>,
    /// The value the tier stops below; none for the highest tier.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub below: Option<Decimal>,
    /// Points per occurrence.
    pub points: Decimal,
}

impl Tier {
    /// Whether `value` lies in the tier.
    ///
    /// ```
    /// use deputy_work::points::Tier;
    /// let t = Tier { at_least: Some("80".parse()?), below: Some("90".parse()?), points: "11".parse()? };
    /// assert!(t.contains("80".parse()?) && !t.contains("90".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, value: Decimal) -> bool {
        self.at_least.is_none_or(|a| value >= a) && self.below.is_none_or(|b| value < b)
    }
}

/// The points of the nth occurrence, from `from` on (until the next step).
///
/// ```
/// use deputy_work::points::NthStep;
/// let steps = [NthStep { from: 1, points: "10".parse()? }, NthStep { from: 2, points: "5".parse()? }];
/// assert_eq!(steps[1].from, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NthStep {
    /// The first occurrence (from 1) the step applies to.
    pub from: u32,
    /// Points for each occurrence from `from` on.
    pub points: Decimal,
}

/// A quota (C2: 3 suggestions a year = 10; each one more +5, each one fewer −5).
///
/// ```
/// use deputy_work::points::Quota;
/// let q = Quota { target: 3, points: "10".parse()?, each_more: "5".parse()?, each_fewer: "-5".parse()? };
/// assert_eq!(q.points_for(1), Some("0".parse()?));
/// assert_eq!(q.points_for(5), Some("20".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Quota {
    /// The number of occurrences the quota asks for.
    pub target: u32,
    /// Points for meeting it exactly.
    pub points: Decimal,
    /// Points for each occurrence above the target.
    pub each_more: Decimal,
    /// Points for each occurrence missing (negative for a deduction).
    pub each_fewer: Decimal,
}

impl Quota {
    /// The points for `n` occurrences; `None` on overflow.
    ///
    /// ```
    /// use deputy_work::points::Quota;
    /// let q = Quota { target: 3, points: "10".parse()?, each_more: "5".parse()?, each_fewer: "-5".parse()? };
    /// assert_eq!(q.points_for(0), Some("-5".parse()?));
    /// assert_eq!(q.points_for(3), Some("10".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn points_for(&self, n: u64) -> Option<Decimal> {
        let target = u64::from(self.target);
        if n >= target {
            self.each_more
                .checked_mul(Decimal::from(n.checked_sub(target)?))
                .and_then(|d| self.points.checked_add(d))
        } else {
            self.each_fewer
                .checked_mul(Decimal::from(target.checked_sub(n)?))
                .and_then(|d| self.points.checked_add(d))
        }
    }
}

/// What `n` counts for a rule with `nth` or `quota`.
///
/// ```
/// use deputy_work::points::CountBy;
/// assert_eq!(CountBy::default(), CountBy::Occurrences);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CountBy {
    /// Occurrences (quantities) of the kind (the default).
    #[default]
    Occurrences,
    /// Distinct members of the group with at least one such act (C3).
    Members,
}

/// How an act's points are split among its proposers (T4).
///
/// ```
/// use deputy_work::points::ShareRule;
/// let s = ShareRule { first: Some("0.5".parse()?), places: 2, at_most: Some(3) };
/// let parts = s.parts("10".parse()?, 4);
/// assert_eq!(parts.map(|p| p.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
///            Some(vec!["5.0".into(), "1.67".into(), "1.67".into(), "1.66".into()]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ShareRule {
    /// The first proposer's part (between 0 and 1); the others share the
    /// rest equally. None: all parts equal.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub first: Option<Decimal>,
    /// Decimal places each part is rounded to (half away from zero); the
    /// last proposer's part is what is left, so the parts add up exactly.
    pub places: u32,
    /// The most proposers an act may name.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_most: Option<u32>,
}

impl ShareRule {
    /// The parts of `points` among `of` proposers, first to last; `None` if
    /// `of` is 0 or on overflow. Cost: O(`of`).
    ///
    /// ```
    /// use deputy_work::points::ShareRule;
    /// let equal = ShareRule { first: None, places: 2, at_most: None };
    /// let parts = equal.parts("10".parse()?, 3).unwrap();
    /// assert_eq!(parts.iter().map(|d| d.to_string()).collect::<Vec<_>>(), ["3.33", "3.33", "3.34"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn parts(&self, points: Decimal, of: u32) -> Option<Vec<Decimal>> {
        let n = usize::try_from(of).ok()?;
        let mut out = Vec::with_capacity(n);
        for position in 1..=of {
            out.push(self.part(points, position, of)?);
        }
        Some(out)
    }

    /// The part of the `position`th of `of` proposers; `None` if the
    /// position is not in `1..=of` or on overflow. Cost: O(1).
    ///
    /// ```
    /// use deputy_work::points::ShareRule;
    /// let s = ShareRule { first: Some("0.5".parse()?), places: 2, at_most: None };
    /// assert_eq!(s.part("25".parse()?, 1, 3).map(|d| d.to_string()), Some("12.5".into()));
    /// assert_eq!(s.part("25".parse()?, 3, 3).map(|d| d.to_string()), Some("6.25".into()));
    /// assert_eq!(s.part("25".parse()?, 1, 1), Some("25".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn part(&self, points: Decimal, position: u32, of: u32) -> Option<Decimal> {
        use rust_decimal::RoundingStrategy::MidpointAwayFromZero as HalfUp;
        if position == 0 || position > of {
            return None;
        }
        if of == 1 {
            return Some(points);
        }
        let round = |d: Decimal| d.round_dp_with_strategy(self.places, HalfUp);
        let (first, others_each) = match self.first {
            Some(f) => {
                let first = round(points.checked_mul(f)?);
                let rest = points.checked_sub(first)?;
                (
                    first,
                    round(rest.checked_div(Decimal::from(of.checked_sub(1)?))?),
                )
            }
            None => {
                let each = round(points.checked_div(Decimal::from(of))?);
                (each, each)
            }
        };
        if position == 1 {
            return Some(first);
        }
        if position < of {
            return Some(others_each);
        }
        // The last: what the others leave.
        let middle = others_each.checked_mul(Decimal::from(of.checked_sub(2)?))?;
        points.checked_sub(first)?.checked_sub(middle)
    }
}

/// The sub-period a state is decided in.
///
/// ```
/// use deputy_work::points::Per;
/// assert_eq!(Per::default(), Per::Year);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Per {
    /// The whole scored period (the default).
    #[default]
    Year,
    /// Each calendar quarter.
    Quarter,
}

/// One option of a [`State`]: a kind of act and what it is worth.
///
/// ```
/// use deputy_work::points::{StandardKind, StateOption};
/// let o = StateOption { kind: StandardKind::Leave.into(), points: "30".parse()? };
/// assert_eq!(o.points.to_string(), "30");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StateOption {
    /// The kind of act that records the option.
    pub kind: ActKind,
    /// Points for the option, once per sub-period.
    pub points: Decimal,
}

/// One of several states per period (T1: full attendance 50, approved
/// leave 30, absent 0). Two different options in one sub-period are a
/// conflict, reported and never added up.
///
/// ```
/// use deputy_work::points::{Code, Per, State};
/// let s = State { code: Code::new("plenary")?, label_zh: "全会".into(), label_en: "plenary".into(),
///                 category: None, per: Per::Year, options: vec![] };
/// assert!(s.options.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct State {
    /// The state's code.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The category it sits in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub category: Option<Code>,
    /// The sub-period it is decided in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub per: Per,
    /// The options (at least two).
    pub options: Vec<StateOption>,
}

crate::common::labelled_by_fields!(State);

/// What a [`Requirement`] measures.
///
/// ```
/// use deputy_work::points::Measure;
/// assert_eq!(Measure::default(), Measure::Quantity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Measure {
    /// The total quantity of the matching acts (the default).
    #[default]
    Quantity,
    /// How many distinct members of the group have a matching act.
    Members,
}

/// A bound on the acts of some kinds (carrying some qualifiers).
///
/// ```
/// use deputy_work::points::{Requirement, StandardKind};
/// let r = Requirement::new(vec![StandardKind::Absence.into()]).at_most(0);
/// assert!(r.holds(0) && !r.holds(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Requirement {
    /// The kinds of act measured.
    pub kinds: Vec<ActKind>,
    /// Qualifiers every measured act must carry.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub qualifiers: Vec<Qualifier>,
    /// The least measure allowed.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_least: Option<u64>,
    /// The most measure allowed.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_most: Option<u64>,
    /// What is measured.
    #[cfg_attr(feature = "serde", serde(default))]
    pub measure: Measure,
    /// Whether every member of the group must meet the bound on their own.
    #[cfg_attr(feature = "serde", serde(default))]
    pub each_member: bool,
}

impl Requirement {
    /// A requirement on `kinds` with no bound yet.
    ///
    /// ```
    /// use deputy_work::points::{Requirement, StandardKind};
    /// assert!(Requirement::new(vec![StandardKind::Training.into()]).at_least.is_none());
    /// ```
    #[must_use]
    pub const fn new(kinds: Vec<ActKind>) -> Self {
        Self {
            kinds,
            qualifiers: Vec::new(),
            at_least: None,
            at_most: None,
            measure: Measure::Quantity,
            each_member: false,
        }
    }

    /// Sets the least measure.
    ///
    /// ```
    /// use deputy_work::points::{Requirement, StandardKind};
    /// assert!(Requirement::new(vec![StandardKind::Training.into()]).at_least(4).holds(4));
    /// ```
    #[must_use]
    pub const fn at_least(mut self, n: u64) -> Self {
        self.at_least = Some(n);
        self
    }

    /// Sets the most measure.
    ///
    /// ```
    /// use deputy_work::points::{Requirement, StandardKind};
    /// assert!(!Requirement::new(vec![StandardKind::Absence.into()]).at_most(0).holds(2));
    /// ```
    #[must_use]
    pub const fn at_most(mut self, n: u64) -> Self {
        self.at_most = Some(n);
        self
    }

    /// Whether `measure` meets the bounds.
    ///
    /// ```
    /// use deputy_work::points::{Requirement, StandardKind};
    /// let r = Requirement::new(vec![StandardKind::Training.into()]).at_least(1).at_most(3);
    /// assert!(!r.holds(0) && r.holds(2) && !r.holds(4));
    /// ```
    #[must_use]
    pub fn holds(&self, measure: u64) -> bool {
        self.at_least.is_none_or(|n| measure >= n) && self.at_most.is_none_or(|n| measure <= n)
    }
}

/// Points given once in the period when every requirement holds (C6: at
/// least 4 group activities, reported, with no unexcused absence → 10).
///
/// ```
/// use deputy_work::points::{Code, CountRule};
/// let c = CountRule { code: Code::new("c6")?, label_zh: "小组活动".into(), label_en: "group activities".into(),
///                     category: None, points: "10".parse()?, require: vec![] };
/// assert_eq!(c.points.to_string(), "10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CountRule {
    /// The count's code.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The category it sits in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub category: Option<Code>,
    /// Points when every requirement holds.
    pub points: Decimal,
    /// The requirements (at least one).
    pub require: Vec<Requirement>,
}

crate::common::labelled_by_fields!(CountRule);

/// A required minimum duty (L1: at least 1 visit to a deputies' station); a
/// unit that misses it is flagged and may lose points.
///
/// ```
/// use deputy_work::points::{Code, Minimum, StandardKind};
/// let m = Minimum::new(Code::new("training")?, "培训", "training", vec![StandardKind::Training.into()], 1);
/// assert!(m.deduction.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Minimum {
    /// The minimum's code.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The kinds of act that fulfil it.
    pub kinds: Vec<ActKind>,
    /// Qualifiers a fulfilling act must carry.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub qualifiers: Vec<Qualifier>,
    /// The least total quantity.
    pub at_least: u64,
    /// Points (not positive) when missed.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub deduction: Option<Decimal>,
    /// The category the deduction sits in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub category: Option<Code>,
}

crate::common::labelled_by_fields!(Minimum);

impl Minimum {
    /// A minimum with no qualifiers, deduction or category.
    ///
    /// ```
    /// use deputy_work::points::{Code, Minimum, StandardKind};
    /// let m = Minimum::new(Code::new("suggestion")?, "建议", "suggestion", vec![StandardKind::SubmitSuggestion.into()], 1);
    /// assert_eq!(m.at_least, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        code: Code,
        label_zh: &str,
        label_en: &str,
        kinds: Vec<ActKind>,
        at_least: u64,
    ) -> Self {
        Self {
            code,
            label_zh: label_zh.to_owned(),
            label_en: label_en.to_owned(),
            kinds,
            qualifiers: Vec::new(),
            at_least,
            deduction: None,
            category: None,
        }
    }
}

/// A veto item (一票否决): one counted act of the kind forces a band, or
/// disqualifies, whatever the score.
///
/// ```
/// use deputy_work::points::{StandardKind, Veto};
/// let v = Veto { kind: StandardKind::Absence.into(), band: Some("poor".into()), disqualify: false };
/// assert!(v.band.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Veto {
    /// The kind of act that vetoes.
    pub kind: ActKind,
    /// The band forced.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub band: Option<String>,
    /// No band, no honour, no outcome.
    #[cfg_attr(feature = "serde", serde(default))]
    pub disqualify: bool,
}

/// A range of competition ranks, both ends included.
///
/// ```
/// use deputy_work::points::RankRange;
/// let r = RankRange { from: 4, to: 6 };
/// assert!(r.from <= r.to);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RankRange {
    /// The first rank.
    pub from: u32,
    /// The last rank.
    pub to: u32,
}

/// An outcome category by rank (C9: top 3 先进, ranks 4–6 合格, bottom 2
/// 较差). Each unit gets the first outcome it qualifies for.
///
/// ```
/// use deputy_work::points::{Code, OutcomeCategory};
/// let o = OutcomeCategory { code: Code::new("advanced")?, label_zh: "先进".into(), label_en: "advanced".into(),
///                           top: Some(3), ranks: None, bottom: None, award: Some("150".parse()?) };
/// assert_eq!(o.top, Some(3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OutcomeCategory {
    /// The outcome's code.
    pub code: Code,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// Ranked `top` or better.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub top: Option<u32>,
    /// Ranked within the range.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub ranks: Option<RankRange>,
    /// In the bottom N (fewer than N units of its kind scored strictly lower).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub bottom: Option<u32>,
    /// An award (money), if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub award: Option<Decimal>,
}

crate::common::labelled_by_fields!(OutcomeCategory);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn shares_add_up_and_round_half_away_from_zero() {
        let half = ShareRule {
            first: Some(d("0.5")),
            places: 2,
            at_most: None,
        };
        // Hand-worked: 10 among 4 → 5, then 5 / 3 = 1.666… → 1.67, 1.67, last 5 − 3.34 = 1.66.
        let p = half.parts(d("10"), 4).unwrap();
        assert_eq!(p, [d("5"), d("1.67"), d("1.67"), d("1.66")]);
        // 25 among 3 → 12.5 and 6.25 each.
        assert_eq!(
            half.parts(d("25"), 3).unwrap(),
            [d("12.5"), d("6.25"), d("6.25")]
        );
        // A deduction: −5 among 2 → −2.5 each.
        assert_eq!(half.parts(d("-5"), 2).unwrap(), [d("-2.5"), d("-2.5")]);
        // 0.125 rounds away from zero at 2 places.
        let equal = ShareRule {
            first: None,
            places: 2,
            at_most: None,
        };
        assert_eq!(equal.parts(d("0.25"), 2).unwrap(), [d("0.13"), d("0.12")]);
        for of in 1..12 {
            for points in ["10", "7", "-3", "0.01", "99.99"] {
                for rule in [&half, &equal] {
                    let parts = rule.parts(d(points), of).unwrap();
                    assert_eq!(
                        parts.iter().copied().sum::<Decimal>(),
                        d(points),
                        "{points} / {of}"
                    );
                }
            }
        }
        assert_eq!(half.part(d("1"), 0, 2), None);
        assert_eq!(half.part(d("1"), 3, 2), None);
    }

    #[test]
    fn quota_is_linear_around_its_target() {
        let q = Quota {
            target: 3,
            points: d("10"),
            each_more: d("5"),
            each_fewer: d("-5"),
        };
        let got: Vec<Decimal> = (0..6).map(|n| q.points_for(n).unwrap()).collect();
        assert_eq!(got, [d("-5"), d("0"), d("5"), d("10"), d("15"), d("20")]);
    }
}

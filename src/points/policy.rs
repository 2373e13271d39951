//! Points policies (积分办法) as validated data.

use super::invariant::surely;
use rust_decimal::Decimal;

use std::collections::{BTreeMap, BTreeSet};

use super::{ActKind, Code, PointsError, Qualifier};
use crate::common::{Labelled, Period};
use chrono::NaiveDate;

/// A locality-defined kind of duty act, declared in the policy.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::LocalKind;
/// let k = LocalKind { code: 1, label_zh: "网格走访".into(), label_en: "grid visit".into() };
/// assert_eq!(k.label_zh(), "网格走访");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LocalKind {
    /// The code acts use, written `local:CODE`.
    pub code: u16,
    /// The Chinese label.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
}

crate::common::labelled_by_fields!(LocalKind);

/// Extra points per occurrence when an act carries every listed qualifier
/// (and has the role, if one is named): a bonus for one qualifier (立案 +15)
/// or for a combination (a key suggestion × its lead proposer).
///
/// Written in files as `{ qualifier = "filed", points = "15" }` or
/// `{ qualifiers = ["key"], role = "lead", points = "2", label_zh = "…", label_en = "…" }`.
///
/// ```
/// use deputy_work::points::{Bonus, Qualifier};
/// let b = Bonus::new(Qualifier::new("key_suggestion")?, "2".parse()?);
/// assert_eq!(b.points.to_string(), "2");
/// assert_eq!(b.qualifiers, [Qualifier::new("key_suggestion")?]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BonusData", into = "BonusData"))]
pub struct Bonus {
    /// The qualifiers the act must carry (all of them).
    pub qualifiers: Vec<Qualifier>,
    /// The act role it must have, if any.
    pub role: Option<Code>,
    /// Points per occurrence (same sign as the rule's points).
    pub points: Decimal,
    /// A label for the ledger (otherwise the qualifiers' and role's labels).
    pub label_zh: Option<String>,
    /// An English label for the ledger.
    pub label_en: Option<String>,
}

impl Bonus {
    /// A bonus for one qualifier.
    ///
    /// ```
    /// use deputy_work::points::{Bonus, Qualifier};
    /// assert!(Bonus::new(Qualifier::new("filed")?, "15".parse()?).role.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(qualifier: Qualifier, points: Decimal) -> Self {
        Self {
            qualifiers: vec![qualifier],
            role: None,
            points,
            label_zh: None,
            label_en: None,
        }
    }

    /// Whether an act with these qualifiers and role earns the bonus.
    #[inline]
    pub(crate) fn applies(&self, qualifiers: &super::Qualifiers, role: Option<Code>) -> bool {
        // Most acts carry no qualifier: say no without a search.
        (!qualifiers.is_empty() || self.qualifiers.is_empty())
            && qualifiers.contains_all(&self.qualifiers)
            && self.role.is_none_or(|r| role == Some(r))
    }
}

/// A bonus as written in a file.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BonusData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    qualifiers: Vec<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Code>,
    points: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label_en: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<BonusData> for Bonus {
    type Error = PointsError;
    fn try_from(d: BonusData) -> Result<Self, PointsError> {
        let qualifiers = match (d.qualifier, d.qualifiers) {
            (Some(q), v) if v.is_empty() => vec![q],
            (None, v) => v,
            (Some(_), _) => {
                return Err(PointsError::BadRule {
                    field: "bonuses".to_owned(),
                    problem: "give `qualifier` or `qualifiers`, not both",
                });
            }
        };
        Ok(Self {
            qualifiers,
            role: d.role,
            points: d.points,
            label_zh: d.label_zh,
            label_en: d.label_en,
        })
    }
}

#[cfg(feature = "serde")]
impl From<Bonus> for BonusData {
    fn from(b: Bonus) -> Self {
        let (qualifier, qualifiers) = match b.qualifiers.as_slice() {
            [one] => (Some(*one), Vec::new()),
            _ => (None, b.qualifiers),
        };
        Self {
            qualifier,
            qualifiers,
            role: b.role,
            points: b.points,
            label_zh: b.label_zh,
            label_en: b.label_en,
        }
    }
}

/// How one kind of act is scored.
///
/// Exactly one of `points`, `points_by_role`, `points_by_qualifier`,
/// `tiers`, `nth` and `quota` says what an act is worth (`points` is 0 when
/// another is given); see the [rule language](super#the-rule-language).
///
/// ```
/// use deputy_work::points::{Rule, StandardKind};
/// let r = Rule::new(StandardKind::Leave.into(), "-1".parse()?).with_cap("10".parse()?);
/// assert_eq!(r.cap.map(|c| c.to_string()), Some("10".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rule {
    /// The kind of act scored.
    pub kind: ActKind,
    /// The category the rule sits in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub category: Option<Code>,
    /// Who the rule applies to (roster roles and levels); everyone if none.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub when: Option<super::When>,
    /// Points per occurrence; negative for a deduction; half points allowed.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "is_bare_zero")
    )]
    pub points: Decimal,
    /// Points per occurrence by the act's role.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "BTreeMap::is_empty")
    )]
    pub points_by_role: BTreeMap<Code, Decimal>,
    /// Points per occurrence by the first listed qualifier the act carries.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub points_by_qualifier: Vec<super::QualifierPoints>,
    /// Points per occurrence by the act's value, highest tier first.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub tiers: Vec<super::Tier>,
    /// Points of the nth occurrence in the period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub nth: Vec<super::NthStep>,
    /// A quota of occurrences in the period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub quota: Option<super::Quota>,
    /// What `nth` and `quota` count.
    #[cfg_attr(feature = "serde", serde(default))]
    pub count: super::CountBy,
    /// Bonuses for qualifiers (and roles), added per occurrence.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub bonuses: Vec<Bonus>,
    /// How an act's points are split among its proposers.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub share: Option<super::ShareRule>,
    /// Among acts with the same item, only the one worth most counts.
    #[cfg_attr(feature = "serde", serde(default))]
    pub highest_only: bool,
    /// The most points (in magnitude) the rule can give or take in one scored
    /// period; non-negative.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub cap: Option<Decimal>,
    /// The most points (in magnitude) the rule can give or take in one
    /// calendar quarter; non-negative.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub quarter_cap: Option<Decimal>,
}

/// Zero written without decimal places: what an absent `points` reads as,
/// so leaving it out of a file loses nothing (`"0.0"` still sets the
/// policy's precision, and is written).
#[cfg(feature = "serde")]
fn is_bare_zero(d: &Decimal) -> bool {
    d.is_zero() && d.scale() == 0
}

impl Rule {
    /// A rule with no bonus and no cap.
    ///
    /// ```
    /// use deputy_work::points::{Rule, StandardKind};
    /// let rule = Rule::new(StandardKind::SubmitSuggestion.into(), "3".parse()?);
    /// assert!(rule.bonuses.is_empty() && rule.cap.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(kind: ActKind, points: Decimal) -> Self {
        Self {
            kind,
            category: None,
            when: None,
            points,
            points_by_role: BTreeMap::new(),
            points_by_qualifier: Vec::new(),
            tiers: Vec::new(),
            nth: Vec::new(),
            quota: None,
            count: super::CountBy::Occurrences,
            bonuses: Vec::new(),
            share: None,
            highest_only: false,
            cap: None,
            quarter_cap: None,
        }
    }

    /// Whether the rule uses nothing beyond points per occurrence, bonuses
    /// for qualifiers alone and a cap (what the fast path scores).
    pub(crate) fn is_plain(&self) -> bool {
        self.category.is_none()
            && self.when.is_none()
            && self.points_by_role.is_empty()
            && self.points_by_qualifier.is_empty()
            && self.tiers.is_empty()
            && self.nth.is_empty()
            && self.quota.is_none()
            && self.share.is_none()
            && !self.highest_only
            && self.quarter_cap.is_none()
            && self.bonuses.iter().all(|b| b.role.is_none())
    }

    /// Adds a bonus.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Rule, StandardKind};
    /// let rule = Rule::new(StandardKind::SubmitSuggestion.into(), "3".parse()?)
    ///     .with_bonus(Qualifier::new("key_suggestion")?, "2".parse()?);
    /// assert_eq!(rule.bonuses[0].qualifiers, [Qualifier::new("key_suggestion")?]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_bonus(mut self, qualifier: Qualifier, points: Decimal) -> Self {
        self.bonuses.push(Bonus::new(qualifier, points));
        self
    }

    /// Sets the cap.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Rule, StandardKind};
    /// let rule = Rule::new(StandardKind::SubmitSuggestion.into(), "3".parse()?)
    ///     .with_cap("15".parse()?);
    /// assert_eq!(rule.cap, Some("15".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn with_cap(mut self, cap: Decimal) -> Self {
        self.cap = Some(cap);
        self
    }
}

/// A band of scores (档次), e.g. 好 for 80 and above: `at_least ≤ score < below`.
///
/// ```
/// use deputy_work::points::Band;
/// let b = Band::new("good", "好", "good").at_least("80".parse()?);
/// assert!(b.contains("80".parse()?) && !b.contains("79.5".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Band {
    /// A short code, e.g. `good`.
    pub code: String,
    /// The Chinese label, e.g. 好.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The lowest score in the band (included); none for the lowest band.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_least: Option<Decimal>,
    /// The score the band stays below (excluded); none for the highest band.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub below: Option<Decimal>,
}

impl Band {
    /// A band open at both ends.
    ///
    /// ```
    /// use deputy_work::points::Band;
    /// let any = Band::new("all", "全部", "all");
    /// assert!(any.contains("-1000".parse()?) && any.contains("1000".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(code: &str, label_zh: &str, label_en: &str) -> Self {
        Self {
            code: code.to_owned(),
            label_zh: label_zh.to_owned(),
            label_en: label_en.to_owned(),
            at_least: None,
            below: None,
        }
    }

    /// Sets the lowest score included.
    ///
    /// ```
    /// use deputy_work::points::Band;
    /// let good = Band::new("good", "好", "good").at_least("80".parse()?);
    /// assert!(good.contains("80".parse()?) && !good.contains("79.9".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn at_least(mut self, min: Decimal) -> Self {
        self.at_least = Some(min);
        self
    }

    /// Sets the score the band stays below.
    ///
    /// ```
    /// use deputy_work::points::Band;
    /// let poor = Band::new("poor", "差", "poor").below("60".parse()?);
    /// assert!(poor.contains("59.5".parse()?) && !poor.contains("60".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn below(mut self, max: Decimal) -> Self {
        self.below = Some(max);
        self
    }

    /// Whether `score` falls in the band.
    ///
    /// ```
    /// use deputy_work::points::Band;
    /// let fair = Band::new("fair", "较好", "fairly good").at_least("60".parse()?).below("80".parse()?);
    /// assert!(fair.contains("60".parse()?) && !fair.contains("80".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, score: Decimal) -> bool {
        self.at_least.is_none_or(|m| score >= m) && self.below.is_none_or(|m| score < m)
    }
}

crate::common::labelled_by_fields!(Band);

/// A rank-based honour (e.g. 优秀 for the top 9). Deputies tied at the
/// cut-off all receive it, so more than `top` may: see
/// [`HonourAward::overflow`](super::HonourAward::overflow).
///
/// ```
/// use deputy_work::points::Honour;
/// let h = Honour { code: "excellent".into(), label_zh: "优秀".into(), label_en: "excellent".into(), top: 9 };
/// assert_eq!(h.top, 9);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Honour {
    /// A short code, e.g. `excellent`.
    pub code: String,
    /// The Chinese label, e.g. 优秀.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// Deputies ranked `top` or better receive the honour.
    pub top: u32,
}

crate::common::labelled_by_fields!(Honour);

/// What a deputy must meet in one year for a several-years consequence.
///
/// Written in files as `{ band = "poor" }`, `{ honour = "excellent" }`,
/// `{ top = 3 }`, `{ bottom = 2 }`, `{ below = "60" }`,
/// `{ missed_minimum = "training" }`, `{ missed_any_minimum = true }` or
/// `{ outcome = "poor" }`.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::Condition;
/// let c = Condition::Bottom(2);
/// assert_ne!(c, Condition::Top(2));
/// assert_eq!(c.label_zh(), "排名靠后");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Condition {
    /// In the band with this code.
    Band(String),
    /// Received the honour with this code.
    Honour(String),
    /// Ranked in the top N (competition rank ≤ N).
    Top(u32),
    /// In the bottom N: fewer than N deputies scored strictly lower.
    Bottom(u32),
    /// A total strictly below this score.
    Below(Decimal),
    /// Missed the minimum duty with this code.
    MissedMinimum(Code),
    /// Missed any minimum duty (`{ missed_any_minimum = true }`).
    MissedAnyMinimum(bool),
    /// Placed in the outcome category with this code.
    Outcome(Code),
}

impl Labelled for Condition {
    /// What the condition looks at (the codes and numbers it carries are
    /// data: format them beside the label).
    fn label_zh(&self) -> &str {
        match self {
            Self::Band(_) => "积分档次",
            Self::Honour(_) => "评优等次",
            Self::Top(_) => "排名靠前",
            Self::Bottom(_) => "排名靠后",
            Self::Below(_) => "低于分数线",
            Self::MissedMinimum(_) | Self::MissedAnyMinimum(_) => "未完成基本履职要求",
            Self::Outcome(_) => "考核等次",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Band(_) => "band",
            Self::Honour(_) => "honour",
            Self::Top(_) => "top of the ranking",
            Self::Bottom(_) => "bottom of the ranking",
            Self::Below(_) => "below a score",
            Self::MissedMinimum(_) | Self::MissedAnyMinimum(_) => "missed a minimum duty",
            Self::Outcome(_) => "outcome category",
        }
    }
}

/// A consequence that follows when a condition holds several years running
/// (e.g. 差 two years running → the electoral unit is asked to persuade the
/// deputy to resign).
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::{Condition, Consequence};
/// let c = Consequence { code: "talk".into(), label_zh: "约谈".into(), label_en: "talk".into(),
///                       when: Condition::Band("poor".into()), years: 1 };
/// assert_eq!(c.label_zh(), "约谈");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Consequence {
    /// A short code, e.g. `persuade_to_resign`.
    pub code: String,
    /// The Chinese label, e.g. 劝辞.
    pub label_zh: String,
    /// The English label.
    pub label_en: String,
    /// The condition to meet each year.
    pub when: Condition,
    /// How many consecutive years, ending with the latest, it must hold.
    pub years: u32,
}

crate::common::labelled_by_fields!(Consequence);

/// The dates a policy is in force, as written in a file (validated into a
/// [`Period`] by [`Policy::new`]).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::points::InForce;
/// let f = InForce { start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
/// assert!(f.start < f.end);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InForce {
    /// The first day.
    pub start: NaiveDate,
    /// The last day (included).
    pub end: NaiveDate,
}

/// A points policy as written in a file, before validation. Build one and
/// pass it to [`Policy::new`], or deserialize a [`Policy`] directly.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::points::{InForce, Policy, PolicyData, Rule, StandardKind};
/// let data = PolicyData {
///     base: Some("60".parse()?),
///     rules: vec![Rule::new(StandardKind::AttendMeeting.into(), "2".parse()?)],
///     ..PolicyData::new("示例", "1", InForce { start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
///                                              end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap() })
/// };
/// let policy = Policy::new(data)?;
/// assert_eq!(policy.rules().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PolicyData {
    /// The policy's name, e.g. 银川市人大代表履职积分管理办法.
    pub name: String,
    /// The policy's version.
    pub version: String,
    /// The dates the policy is in force.
    pub in_force: InForce,
    /// The score every deputy starts from (e.g. Dongbao's 60); zero if none.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub base: Option<Decimal>,
    /// The lowest total possible (e.g. 0).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub floor: Option<Decimal>,
    /// The highest total possible (e.g. 100 for a score out of 100).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub ceiling: Option<Decimal>,
    /// Kinds of act the locality adds to the standard catalogue.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub local_kinds: Vec<LocalKind>,
    /// One rule per scored kind.
    pub rules: Vec<Rule>,
    /// Bands, highest first.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub bands: Vec<Band>,
    /// Rank-based honours, with strictly increasing `top`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub honours: Vec<Honour>,
    /// Consequences over several years.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub consequences: Vec<Consequence>,
    /// Who is scored: deputies (the default), groups or both.
    #[cfg_attr(feature = "serde", serde(default))]
    pub units: super::Units,
    /// Which acts count for a group.
    #[cfg_attr(feature = "serde", serde(default))]
    pub group_acts: super::GroupActs,
    /// Roles on the roster (常委, 组长, …).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub roles: Vec<super::Term>,
    /// Roles in an act (领衔, 附议, 第一提案人, …).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub act_roles: Vec<super::Term>,
    /// Qualifiers an act can carry (立案, 采用, 书面, 重点, …).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub qualifiers: Vec<super::Term>,
    /// The category tree.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub categories: Vec<super::Category>,
    /// One-of-several states per period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub states: Vec<super::State>,
    /// Thresholds on counts.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub counts: Vec<super::CountRule>,
    /// Required minimum duties.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub minimums: Vec<super::Minimum>,
    /// Veto items.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub vetoes: Vec<super::Veto>,
    /// Outcome categories by rank, first match wins.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub outcomes: Vec<super::OutcomeCategory>,
}

impl PolicyData {
    /// A policy with no rules yet, scoring deputies: fill in the rest with
    /// struct update syntax (`..PolicyData::new(…)`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::points::{InForce, Policy, PolicyData, Rule, StandardKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let data = PolicyData {
    ///     rules: vec![Rule::new(StandardKind::Leave.into(), "-1".parse()?)],
    ///     ..PolicyData::new("示例", "1", InForce { start: d(2025, 1, 1), end: d(2025, 12, 31) })
    /// };
    /// assert_eq!(Policy::new(data)?.rules().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(name: &str, version: &str, in_force: InForce) -> Self {
        Self {
            name: name.to_owned(),
            version: version.to_owned(),
            in_force,
            base: None,
            floor: None,
            ceiling: None,
            local_kinds: Vec::new(),
            rules: Vec::new(),
            bands: Vec::new(),
            honours: Vec::new(),
            consequences: Vec::new(),
            units: super::Units::Deputies,
            group_acts: super::GroupActs::OwnAndMembers,
            roles: Vec::new(),
            act_roles: Vec::new(),
            qualifiers: Vec::new(),
            categories: Vec::new(),
            states: Vec::new(),
            counts: Vec::new(),
            minimums: Vec::new(),
            vetoes: Vec::new(),
            outcomes: Vec::new(),
        }
    }
}

/// A validated points policy (积分办法).
///
/// Load it from TOML or JSON (it validates while loading) or build it from a
/// [`PolicyData`] with [`Policy::new`]. See the [module docs](super) for the
/// file format.
///
/// ```
/// use deputy_work::points::{Policy, StandardKind};
/// # #[cfg(feature = "serde")] {
/// let policy: Policy = toml::from_str(r#"
///     name = "示例"
///     version = "1"
///     in_force = { start = "2025-01-01", end = "2025-12-31" }
///     [[rules]]
///     kind = "leave"
///     points = "-1"
/// "#)?;
/// assert_eq!(policy.rule_for(StandardKind::Leave.into()).map(|r| r.points.to_string()), Some("-1".into()));
/// let err = toml::from_str::<Policy>(r#"
///     name = "示例"
///     version = "1"
///     in_force = { start = "2025-01-01", end = "2025-12-31" }
///     [[rules]]
///     kind = "leave"
///     points = "-1"
///     cap = "-3"
/// "#).unwrap_err();
/// assert!(err.to_string().contains("rules[0].cap"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PolicyData", into = "PolicyData"))]
pub struct Policy {
    data: PolicyData,
    in_force: Period,
    /// The lookups of the per-act paths.
    index: PolicyIndex,
    /// The policy's numbers as integers at one shared scale.
    fixed: Fixed,
    /// The rule language, compiled for the general evaluator.
    plan: super::plan::Plan,
}

/// A policy's numbers as integers of `10^-scale`, so that scoring adds and
/// multiplies machine integers; results go back to [`Decimal`] at `scale`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fixed {
    pub(crate) scale: u32,
    pub(crate) base: i128,
    pub(crate) floor: Option<i128>,
    pub(crate) ceiling: Option<i128>,
    pub(crate) rules: Vec<FixedRule>,
}

/// A rule's numbers at the policy's shared scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FixedRule {
    pub(crate) points: i128,
    pub(crate) bonuses: Vec<i128>,
    pub(crate) cap: Option<i128>,
}

impl Fixed {
    fn new(data: &PolicyData) -> Result<Self, PointsError> {
        let all = data
            .rules
            .iter()
            .flat_map(|r| {
                core::iter::once(r.points)
                    .chain(r.cap)
                    .chain(r.bonuses.iter().map(|b| b.points))
            })
            .chain(data.base)
            .chain(data.floor)
            .chain(data.ceiling);
        // No number at all: integers (scale 0).
        let scale = all.map(|d| d.scale()).max().unwrap_or(0);
        let at = |d: Decimal| -> Result<i128, PointsError> {
            let up = scale
                .checked_sub(d.scale())
                .and_then(|e| 10_i128.checked_pow(e))
                .ok_or(PointsError::Overflow(
                    "bringing the policy's numbers to one scale",
                ))?;
            d.mantissa().checked_mul(up).ok_or(PointsError::Overflow(
                "bringing the policy's numbers to one scale",
            ))
        };
        let opt = |d: Option<Decimal>| d.map(at).transpose();
        let mut rules = Vec::with_capacity(data.rules.len());
        for r in &data.rules {
            rules.push(FixedRule {
                points: at(r.points)?,
                bonuses: r
                    .bonuses
                    .iter()
                    .map(|b| at(b.points))
                    .collect::<Result<_, _>>()?,
                cap: opt(r.cap)?,
            });
        }
        Ok(Self {
            scale,
            // No base: everyone starts from zero, as documented.
            base: opt(data.base)?.unwrap_or(0),
            floor: opt(data.floor)?,
            ceiling: opt(data.ceiling)?,
            rules,
        })
    }

    /// `v` as a decimal at the shared scale.
    #[inline]
    pub(crate) fn decimal(&self, v: i128) -> Result<Decimal, PointsError> {
        if let Ok(small) = i64::try_from(v)
            && let Ok(d) = Decimal::try_new(small, self.scale)
        {
            return Ok(d);
        }
        Decimal::try_from_i128_with_scale(v, self.scale)
            .map_err(|_| PointsError::Overflow("writing points as a decimal"))
    }
}

/// How many standard kinds there are.
const STANDARD_KINDS: usize = super::StandardKind::ALL.len();

/// Local codes up to this one have an entry in the per-act lookup table;
/// rules for higher codes are found by binary search.
const LOCAL_DIRECT: u16 = 1023;

/// A kind's place in the per-act lookup table: standard kinds first, then
/// local codes.
#[inline(always)]
pub(crate) fn kind_index(kind: ActKind) -> usize {
    // Both payloads are `u16` (`StandardKind` is `repr(u16)`), so this
    // compiles to one load and an addition chosen by the variant.
    match kind {
        ActKind::Standard(k) => usize::from(k as u16),
        ActKind::Local(code) => usize::from(code).wrapping_add(STANDARD_KINDS), // < 2^17
    }
}

/// The per-act lookup: one entry per standard kind, then one per local
/// code from 0 to the highest with a rule (up to [`LOCAL_DIRECT`]); see
/// [`Policy::kind_table`].
fn kind_table(rules: &[Rule], starts: &[u32], slots: &[(usize, u8)]) -> Vec<u32> {
    let reach = rules
        .iter()
        .filter_map(|r| match r.kind {
            ActKind::Local(code) if code <= LOCAL_DIRECT => Some(usize::from(code)),
            _ => None,
        })
        .max()
        .map_or(0, |c| surely(c.checked_add(1), c, "code <= LOCAL_DIRECT"));
    let len = surely(
        STANDARD_KINDS.checked_add(reach),
        STANDARD_KINDS,
        "reach <= LOCAL_DIRECT + 1",
    );
    let mut table = vec![super::fast::NO_RULE; len];
    for ((r, start), (_, mask)) in rules.iter().zip(starts).zip(slots) {
        if let Some(cell) = table.get_mut(kind_index(r.kind)) {
            *cell = super::fast::pack(*start, *mask);
        }
    }
    table
}

/// The position of a standard kind in `StandardKind::ALL` (declaration order).
const fn standard_index(k: super::StandardKind) -> usize {
    k as usize
}

fn non_empty(field: &str, value: &str) -> Result<(), PointsError> {
    if value.trim().is_empty() {
        return Err(PointsError::Empty {
            field: field.to_owned(),
        });
    }
    Ok(())
}

fn non_negative(field: String, value: Option<Decimal>) -> Result<(), PointsError> {
    match value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(PointsError::NegativeCap { field, value: v })
        }
        _ => Ok(()),
    }
}

fn same_sign(a: Decimal, b: Decimal) -> bool {
    a.is_zero() || b.is_zero() || a.is_sign_negative() == b.is_sign_negative()
}

impl PolicyData {
    /// Checks the policy as written and says what is wrong and where: the
    /// first problem found, as a [`PointsError`] naming the field at fault
    /// (`rules[2].cap`, `bands[1]`, `in_force`). [`Policy::new`] (and
    /// loading a [`Policy`] from a file) runs these checks before it builds
    /// the policy's lookup index; an editor can run them alone.
    ///
    /// Cost: quadratic in the lengths of the policy's lists, and nothing else:
    /// each code is compared with those before it, each reference (a locality
    /// kind, qualifier, role, band, honour, minimum, outcome) is found by a
    /// linear search of its list, and the category tree is walked up from every
    /// category (O(categories²) for a chain). Memory in proportion to the
    /// policy, plus a plan entry per kind up to the highest locality code used
    /// (at most 65,536).
    ///
    /// # Errors
    /// An empty name or version, an end date before the start, a floor
    /// above the ceiling, an empty or repeated locality kind, more than
    /// 65,535 rules or 2³² − 1 counters, a repeated rule or code (a
    /// consequence's code too), an undeclared locality kind, a negative
    /// cap, mixed signs within a rule, repeated bonuses, unsorted,
    /// overlapping or gapped bands, unsorted honours, a zero count, a
    /// consequence that refers to an unknown band or honour, a code that
    /// names no entry of the policy's list it comes from, a rule of the [rule language](super#the-rule-language)
    /// that cannot be applied as written, or numbers that cannot be brought
    /// to one scale.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::points::{InForce, PointsError, PolicyData, Rule, StandardKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let mut data = PolicyData::new("示例", "1", InForce { start: d(2025, 1, 1), end: d(2025, 12, 31) });
    /// data.rules.push(Rule::new(StandardKind::Leave.into(), "-1".parse()?));
    /// assert_eq!(data.validate(), Ok(()));
    /// data.rules.push(Rule::new(StandardKind::Leave.into(), "-2".parse()?));
    /// assert_eq!(
    ///     data.validate(),
    ///     Err(PointsError::Duplicate { field: "rules[1].kind".into(), key: "leave".into() })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), PointsError> {
        validate_core(self)?;
        super::plan::compile(self)?;
        Fixed::new(self)?;
        Ok(())
    }
}

/// The checks of everything but the rule language (which
/// [`plan::compile`](super::plan::compile) checks as it compiles), in the
/// order of the fields; gives the time in force.
fn validate_core(data: &PolicyData) -> Result<Period, PointsError> {
    non_empty("name", &data.name)?;
    non_empty("version", &data.version)?;
    let in_force = Period::new(data.in_force.start, data.in_force.end).map_err(|_| {
        PointsError::EndBeforeStart {
            field: "in_force".to_owned(),
            start: data.in_force.start,
            end: data.in_force.end,
        }
    })?;
    if let (Some(floor), Some(ceiling)) = (data.floor, data.ceiling)
        && floor > ceiling
    {
        return Err(PointsError::FloorAboveCeiling { floor, ceiling });
    }

    for (i, k) in data.local_kinds.iter().enumerate() {
        non_empty(&format!("local_kinds[{i}].label_zh"), &k.label_zh)?;
        if data.local_kinds.iter().take(i).any(|o| o.code == k.code) {
            return Err(PointsError::Duplicate {
                field: format!("local_kinds[{i}].code"),
                key: k.code.to_string(),
            });
        }
    }

    if data.rules.len() > usize::from(u16::MAX) {
        return Err(PointsError::Overflow("counting rules"));
    }
    let mut kinds = BTreeSet::new();
    let mut slots: u32 = 0;
    for (i, r) in data.rules.iter().enumerate() {
        if let ActKind::Local(code) = r.kind
            && !data.local_kinds.iter().any(|k| k.code == code)
        {
            return Err(PointsError::UnknownKind {
                field: format!("rules[{i}].kind"),
                kind: r.kind.to_string(),
            });
        }
        if !kinds.insert(r.kind) {
            return Err(PointsError::Duplicate {
                field: format!("rules[{i}].kind"),
                key: r.kind.to_string(),
            });
        }
        non_negative(format!("rules[{i}].cap"), r.cap)?;
        for (j, b) in r.bonuses.iter().enumerate() {
            if !same_sign(b.points, r.points) {
                return Err(PointsError::MixedSigns {
                    field: format!("rules[{i}].bonuses[{j}].points"),
                    points: b.points,
                    rule_points: r.points,
                });
            }
            if r.bonuses
                .iter()
                .take(j)
                .any(|o| o.qualifiers == b.qualifiers && o.role == b.role)
            {
                return Err(PointsError::Duplicate {
                    field: format!("rules[{i}].bonuses[{j}].qualifiers"),
                    key: b
                        .qualifiers
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        if !r
            .bonuses
            .iter()
            .all(|a| r.bonuses.iter().all(|b| same_sign(a.points, b.points)))
        {
            return Err(PointsError::MixedSigns {
                field: format!("rules[{i}].bonuses"),
                points: r.bonuses.first().map_or(Decimal::ZERO, |b| b.points),
                rule_points: r.points,
            });
        }
        // A row of a tally holds every rule's counter and its bonuses'.
        slots = u32::try_from(r.bonuses.len())
            .ok()
            .and_then(|n| n.checked_add(1))
            .and_then(|width| slots.checked_add(width))
            .ok_or(PointsError::Overflow("counting bonuses"))?;
    }

    validate_bands(&data.bands)?;
    for (i, h) in data.honours.iter().enumerate() {
        non_empty(&format!("honours[{i}].code"), &h.code)?;
        if h.top == 0 {
            return Err(PointsError::Zero {
                field: format!("honours[{i}].top"),
            });
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| data.honours.get(p))
            && prev.top >= h.top
        {
            return Err(PointsError::HonoursUnsorted {
                field: format!("honours[{i}].top"),
            });
        }
        if data.honours.iter().take(i).any(|o| o.code == h.code) {
            return Err(PointsError::Duplicate {
                field: format!("honours[{i}].code"),
                key: h.code.clone(),
            });
        }
    }
    for (i, c) in data.consequences.iter().enumerate() {
        non_empty(&format!("consequences[{i}].code"), &c.code)?;
        if data.consequences.iter().take(i).any(|o| o.code == c.code) {
            return Err(PointsError::Duplicate {
                field: format!("consequences[{i}].code"),
                key: c.code.clone(),
            });
        }
        if c.years == 0 {
            return Err(PointsError::Zero {
                field: format!("consequences[{i}].years"),
            });
        }
        let field = format!("consequences[{i}].when");
        match &c.when {
            Condition::Band(code) if !data.bands.iter().any(|b| &b.code == code) => {
                return Err(PointsError::UnknownCode {
                    field,
                    code: code.clone(),
                });
            }
            Condition::Honour(code) if !data.honours.iter().any(|h| &h.code == code) => {
                return Err(PointsError::UnknownCode {
                    field,
                    code: code.clone(),
                });
            }
            Condition::Top(0) | Condition::Bottom(0) => {
                return Err(PointsError::Zero { field });
            }
            _ => {}
        }
    }
    Ok(in_force)
}

/// How a validated policy finds a kind's rule and its counters: the per-act
/// lookups of the scorer, built once per policy.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PolicyIndex {
    /// Rule index for each standard kind, in `StandardKind::ALL` order.
    standard: [Option<u16>; STANDARD_KINDS],
    /// (local code, rule index), sorted by code.
    local: Vec<(u16, u16)>,
    /// (first counter, bonus qualifier bits) per rule, for the per-act path.
    rule_slots: Vec<(usize, u8)>,
    /// The fast path's per-kind table (see [`Policy::kind_table`]).
    kind_table: Vec<u32>,
    /// Counters in a tally's row: one per rule and one per bonus.
    slots: u32,
}

impl PolicyIndex {
    /// The index of rules that [`validate_core`] accepted: at most 65,535
    /// of them, each kind once, with fewer than 2³² counters in all.
    fn build(rules: &[Rule]) -> Self {
        debug_assert!(
            rules.len() <= usize::from(u16::MAX),
            "validated: at most 65,535 rules"
        );
        let mut standard = [None; STANDARD_KINDS];
        let mut local: Vec<(u16, u16)> = Vec::new();
        let mut slot_start = Vec::with_capacity(rules.len());
        let mut slots: u32 = 0;
        for (r, idx) in rules.iter().zip(0..=u16::MAX) {
            match r.kind {
                ActKind::Standard(k) => {
                    let slot = standard.get_mut(standard_index(k));
                    debug_assert!(
                        slot.as_ref().is_some_and(|s| s.is_none()),
                        "validated: each standard kind has one rule"
                    );
                    if let Some(slot) = slot {
                        *slot = Some(idx);
                    }
                }
                ActKind::Local(code) => local.push((code, idx)),
            }
            slot_start.push(slots);
            let width = u32::try_from(r.bonuses.len())
                .ok()
                .and_then(|n| n.checked_add(1))
                .and_then(|w| slots.checked_add(w));
            debug_assert!(width.is_some(), "validated: fewer than 2^32 counters");
            slots = width.unwrap_or(slots);
        }
        local.sort_unstable();
        let rule_slots: Vec<(usize, u8)> = rules
            .iter()
            .zip(&slot_start)
            .map(|(r, start)| {
                // Any act with a qualifier under a rule with bonuses leaves
                // the run loop; the per-act path checks which bonuses apply.
                let mask = if r.bonuses.is_empty() { 0 } else { u8::MAX };
                // A u32 fits in a usize on the targets the crate builds for.
                let start = usize::try_from(*start);
                debug_assert!(start.is_ok(), "a u32 fits in a usize");
                (start.unwrap_or(usize::MAX), mask)
            })
            .collect();
        let kind_table = kind_table(rules, &slot_start, &rule_slots);
        Self {
            standard,
            local,
            rule_slots,
            kind_table,
            slots,
        }
    }
}

impl Policy {
    /// Validates `data` ([`PolicyData::validate`]) and builds the policy's
    /// lookup index.
    ///
    /// Cost: that of [`PolicyData::validate`], plus an index linear in the
    /// rules and bonuses. Loading a [`Policy`] with serde costs the same after
    /// parsing.
    ///
    /// # Errors
    /// As [`PolicyData::validate`]: a [`PointsError`] naming the field at
    /// fault.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::points::{InForce, Policy, PolicyData, PointsError};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let data = PolicyData::new("x", "1", InForce { start: d(2025, 1, 1), end: d(2024, 1, 1) });
    /// assert!(matches!(Policy::new(data), Err(PointsError::EndBeforeStart { field, .. }) if field == "in_force"));
    /// ```
    pub fn new(data: PolicyData) -> Result<Self, PointsError> {
        let in_force = validate_core(&data)?;
        let plan = super::plan::compile(&data)?;
        let fixed = Fixed::new(&data)?;
        Ok(Self {
            index: PolicyIndex::build(&data.rules),
            plan,
            in_force,
            fixed,
            data,
        })
    }

    /// The policy's name.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert!(policy.name().contains("示例"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// The policy's version.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.version(), "2025.1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn version(&self) -> &str {
        &self.data.version
    }

    /// The dates the policy is in force.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.in_force().start_year(), 2024);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn in_force(&self) -> Period {
        self.in_force
    }

    /// The score every deputy starts from (zero if the policy sets none).
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.base().to_string(), "60");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn base(&self) -> Decimal {
        self.data.base.unwrap_or(Decimal::ZERO)
    }

    /// The lowest total, if bounded.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.floor().map(|d| d.to_string()), Some("0".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn floor(&self) -> Option<Decimal> {
        self.data.floor
    }

    /// The highest total, if bounded.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.ceiling().map(|d| d.to_string()), Some("100".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn ceiling(&self) -> Option<Decimal> {
        self.data.ceiling
    }

    /// The rules, in file order.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert!(!policy.rules().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.data.rules
    }

    /// The bands, highest first.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.bands().iter().map(|b| b.label_zh.as_str()).collect::<Vec<_>>(), ["好", "较好", "差"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn bands(&self) -> &[Band] {
        &self.data.bands
    }

    /// The honours, smallest `top` first.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.honours()[0].label_zh, "优秀");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn honours(&self) -> &[Honour] {
        &self.data.honours
    }

    /// The several-years consequences.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert!(policy.consequences().iter().any(|c| c.years == 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn consequences(&self) -> &[Consequence] {
        &self.data.consequences
    }

    /// The locality kinds the policy declares.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.local_kinds()[0].code, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_kinds(&self) -> &[LocalKind] {
        &self.data.local_kinds
    }

    /// The policy as plain data.
    ///
    /// ```
    /// use deputy_work::points::Policy;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(Policy::new(policy.data().clone())?, policy);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn data(&self) -> &PolicyData {
        &self.data
    }

    /// The rule that scores `kind`, if any.
    ///
    /// ```
    /// use deputy_work::points::{ActKind, StandardKind};
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert!(policy.rule_for(StandardKind::SubmitSuggestion.into()).is_some());
    /// assert!(policy.rule_for(ActKind::Local(999)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule_for(&self, kind: ActKind) -> Option<&Rule> {
        self.rule_index(kind)
            .and_then(|i| self.data.rules.get(usize::from(i)))
    }

    /// The Chinese label of `kind`, taking locality kinds from the policy.
    ///
    /// ```
    /// use deputy_work::points::{ActKind, StandardKind};
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.kind_label_zh(ActKind::Local(1)), "网格走访");
    /// assert_eq!(policy.kind_label_zh(StandardKind::Leave.into()), "请假");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind_label_zh(&self, kind: ActKind) -> &str {
        match kind {
            ActKind::Local(code) => self
                .local_kind(code)
                .map_or("地方自定义事项", |k| k.label_zh.as_str()),
            ActKind::Standard(k) => k.static_label_zh(),
        }
    }

    /// The English label of `kind`, taking locality kinds from the policy.
    ///
    /// ```
    /// use deputy_work::points::{ActKind, StandardKind};
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.kind_label_en(ActKind::Local(1)), "grid visit");
    /// assert_eq!(policy.kind_label_en(StandardKind::Leave.into()), "leave");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind_label_en(&self, kind: ActKind) -> &str {
        match kind {
            ActKind::Local(code) => self
                .local_kind(code)
                .map_or("locality-defined act", |k| k.label_en.as_str()),
            ActKind::Standard(k) => k.static_label_en(),
        }
    }

    /// The band `score` falls in, if any.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.band_for("79.5".parse()?).map(|b| b.code.as_str()), Some("fairly_good"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn band_for(&self, score: Decimal) -> Option<&Band> {
        self.band_index(score).and_then(|i| self.data.bands.get(i))
    }

    /// The band with `code`, e.g. to show a scorecard entry's
    /// [`band`](super::DeputyScore::band) by its label.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.band("fairly_good").map(|b| b.label_zh()), Some("较好"));
    /// assert!(policy.band("excellent").is_none()); // an honour, not a band
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn band(&self, code: &str) -> Option<&Band> {
        self.data.bands.iter().find(|b| b.code == code)
    }

    /// The honour with `code`, e.g. to show a scorecard entry's
    /// [`honour`](super::DeputyScore::honour) or an
    /// [`HonourAward`](super::HonourAward) by its label.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.honour("excellent").map(|h| (h.label_zh(), h.top)), Some(("优秀", 3)));
    /// assert!(policy.honour("good").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn honour(&self, code: &str) -> Option<&Honour> {
        self.data.honours.iter().find(|h| h.code == code)
    }

    /// The several-years consequence with `code`, e.g. to describe a
    /// [`ConsequenceHit`](super::ConsequenceHit)'s condition.
    ///
    /// ```
    /// use deputy_work::points::Condition;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// let talk = policy.consequence("talk").unwrap();
    /// assert_eq!((talk.years, &talk.when), (1, &Condition::Band("poor".into())));
    /// assert!(policy.consequence("poor").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn consequence(&self, code: &str) -> Option<&Consequence> {
        self.data.consequences.iter().find(|c| c.code == code)
    }

    /// The locality kind the policy declares with `code` (`local:CODE`).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.local_kind(1).map(|k| k.label_zh()), Some("网格走访"));
    /// assert!(policy.local_kind(2).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_kind(&self, code: u16) -> Option<&LocalKind> {
        self.data.local_kinds.iter().find(|k| k.code == code)
    }

    /// The position of the band `score` falls in, in [`bands`](Self::bands).
    pub(crate) fn band_index(&self, score: Decimal) -> Option<usize> {
        self.data.bands.iter().position(|b| b.contains(score))
    }

    /// The rule index for `kind`: the per-act lookup, with no allocation.
    #[inline(always)]
    pub(crate) fn rule_index(&self, kind: ActKind) -> Option<u16> {
        match kind {
            ActKind::Standard(k) => self
                .index
                .standard
                .get(standard_index(k))
                .copied()
                .flatten(),
            ActKind::Local(code) => self
                .index
                .local
                .binary_search_by_key(&code, |(c, _)| *c)
                .ok()
                .and_then(|i| self.index.local.get(i))
                .map(|(_, r)| *r),
        }
    }

    /// The rule's first counter and the bits of the qualifiers it rewards.
    #[inline(always)]
    pub(crate) fn rule_slot(&self, rule: u16) -> (usize, u8) {
        surely(
            self.index.rule_slots.get(usize::from(rule)).copied(),
            (usize::MAX, 0),
            "a rule index comes from `rule_index`, so its rule exists",
        )
    }

    /// The fast path's per-kind table, indexed by [`kind_index`]: each
    /// kind's rule packed by [`pack`](super::fast::pack), or
    /// [`NO_RULE`](super::fast::NO_RULE).
    #[inline(always)]
    pub(crate) fn kind_table(&self) -> &[u32] {
        &self.index.kind_table
    }

    /// The compiled rule language.
    pub(crate) const fn plan(&self) -> &super::plan::Plan {
        &self.plan
    }

    /// Whether the fast path can score the policy: rules with points per
    /// occurrence, bonuses for qualifiers and caps, nothing else.
    ///
    /// ```
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert!(policy.is_plain());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_plain(&self) -> bool {
        self.plan.plain
    }

    /// The Chinese and English labels of a declared code: a qualifier, an
    /// act role, a roster role, a category, a state, a count, a minimum or
    /// an outcome (searched in that order).
    ///
    /// ```
    /// use deputy_work::points::Code;
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// assert_eq!(policy.labels(Code::new("key_suggestion")?), Some(("重点建议", "key suggestion")));
    /// assert_eq!(policy.labels(Code::new("nothing")?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn labels(&self, code: Code) -> Option<(&str, &str)> {
        let d = &self.data;
        let terms = d.qualifiers.iter().chain(&d.act_roles).chain(&d.roles);
        terms
            .map(|t| (t.code, t.label_zh.as_str(), t.label_en.as_str()))
            .chain(
                d.categories
                    .iter()
                    .map(|c| (c.code, c.label_zh.as_str(), c.label_en.as_str())),
            )
            .chain(
                d.states
                    .iter()
                    .map(|c| (c.code, c.label_zh.as_str(), c.label_en.as_str())),
            )
            .chain(
                d.counts
                    .iter()
                    .map(|c| (c.code, c.label_zh.as_str(), c.label_en.as_str())),
            )
            .chain(
                d.minimums
                    .iter()
                    .map(|c| (c.code, c.label_zh.as_str(), c.label_en.as_str())),
            )
            .chain(
                d.outcomes
                    .iter()
                    .map(|c| (c.code, c.label_zh.as_str(), c.label_en.as_str())),
            )
            .find(|(c, _, _)| *c == code)
            .map(|(_, zh, en)| (zh, en))
    }

    /// What a scorecard's ledger line says, in Chinese and English: the
    /// labels of its kind and item ([`item_label`](Self::item_label)).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Qualifier, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let act = Act::new(RecordId::new(1), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    ///                    StandardKind::SubmitSuggestion.into()).with_qualifier(Qualifier::new("key_suggestion")?);
    /// let card = scorer.score([&act])?;
    /// let labels: Vec<String> = card.entries[0].ledger.iter().map(|l| policy.line_label(l).0).collect();
    /// assert_eq!(labels, ["提出建议 · 计分", "提出建议 · 重点建议"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn line_label(&self, line: &super::ScoreLine) -> (String, String) {
        self.item_label(line.kind, line.item)
    }

    /// What a ledger line about `item` of `kind`'s rule says, in Chinese
    /// and English: the kind's label, then what the line records, naming
    /// the bonus (by its own labels, or else by the labels of the
    /// qualifiers and role that earn it), role, tier, state option,
    /// category or minimum by the policy's labels (e.g. `提案 · 立案`,
    /// `proposal · filed`). The same for a scorecard's [`ScoreLine`](super::ScoreLine),
    /// a per-act [`LedgerLine`](super::LedgerLine) and the [`Legend`](super::Legend).
    ///
    /// ```
    /// use deputy_work::points::{LineItem, StandardKind};
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// let suggestion = Some(StandardKind::SubmitSuggestion.into());
    /// assert_eq!(policy.item_label(suggestion, LineItem::Bonus(0)),
    ///            ("提出建议 · 领衔".to_owned(), "submitting a suggestion · lead".to_owned()));
    /// assert_eq!(policy.item_label(None, LineItem::Ceiling).0, "总分封顶调整");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn item_label(&self, kind: Option<ActKind>, item: super::LineItem) -> (String, String) {
        use super::LineItem as L;
        use crate::common::Labelled;
        let (kz, ke) = match kind {
            Some(k) => (
                self.kind_label_zh(k).to_owned(),
                self.kind_label_en(k).to_owned(),
            ),
            None => (String::new(), String::new()),
        };
        let rule = kind.and_then(|k| self.rule_for(k));
        let code_labels = |c: Code| {
            self.labels(c).map_or_else(
                || (c.to_string(), c.to_string()),
                |(z, e)| (z.to_owned(), e.to_owned()),
            )
        };
        let fallback = |item: L| (item.label_zh().to_owned(), item.label_en().to_owned());
        // A line about a declared thing: its labels, then what happened to it.
        let named = |code: Option<Code>| match code {
            Some(c) => {
                let (z, e) = code_labels(c);
                (
                    format!("{z} · {}", item.label_zh()),
                    format!("{e} · {}", item.label_en()),
                )
            }
            None => fallback(item),
        };
        let (iz, ie) = match item {
            L::Role(j) => rule
                .and_then(|r| r.points_by_role.keys().nth(usize::from(j)))
                .map_or_else(|| fallback(item), |c| code_labels(*c)),
            L::Qualified(j) => rule
                .and_then(|r| r.points_by_qualifier.get(usize::from(j)))
                .map_or_else(|| fallback(item), |q| code_labels(q.qualifier.0)),
            L::Bonus(j) => match rule.and_then(|r| r.bonuses.get(usize::from(j))) {
                Some(b) => match (&b.label_zh, &b.label_en) {
                    (Some(z), Some(e)) => (z.clone(), e.clone()),
                    _ => {
                        let parts: Vec<(String, String)> = b
                            .qualifiers
                            .iter()
                            .map(|q| q.0)
                            .chain(b.role)
                            .map(code_labels)
                            .collect();
                        (
                            parts
                                .iter()
                                .map(|p| p.0.as_str())
                                .collect::<Vec<_>>()
                                .join("、"),
                            parts
                                .iter()
                                .map(|p| p.1.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    }
                },
                None => fallback(item),
            },
            L::Tier(j) => match rule.and_then(|r| r.tiers.get(usize::from(j))) {
                Some(t) => {
                    let range = match (t.at_least, t.below) {
                        (Some(a), Some(b)) => format!("{a}–{b}"),
                        (Some(a), None) => format!("≥{a}"),
                        (None, Some(b)) => format!("<{b}"),
                        (None, None) => String::new(),
                    };
                    (format!("档次 {range}"), format!("tier {range}"))
                }
                None => fallback(item),
            },
            L::State { state, option } => match self.data.states.get(usize::from(state)) {
                Some(st) => {
                    let (sz, se) = code_labels(st.code);
                    match st.options.get(usize::from(option)) {
                        Some(o) => (
                            format!("{sz}：{}", self.kind_label_zh(o.kind)),
                            format!("{se}: {}", self.kind_label_en(o.kind)),
                        ),
                        None => (sz, se),
                    }
                }
                None => fallback(item),
            },
            L::Conflict(i) => named(self.data.states.get(usize::from(i)).map(|x| x.code)),
            L::Count(i) => named(self.data.counts.get(usize::from(i)).map(|x| x.code)),
            L::Minimum(i) => named(self.data.minimums.get(usize::from(i)).map(|x| x.code)),
            L::Start(i) | L::CategoryCap(i) | L::CategoryFloor(i) => {
                named(self.data.categories.get(usize::from(i)).map(|x| x.code))
            }
            other => (other.label_zh().to_owned(), other.label_en().to_owned()),
        };
        if kz.is_empty() {
            (iz, ie)
        } else {
            (format!("{kz} · {iz}"), format!("{ke} · {ie}"))
        }
    }

    /// The labels of every ledger line and code the policy can produce: the
    /// legend every [`Scorecard`](super::Scorecard) carries. Cost: linear in
    /// the size of the policy.
    ///
    /// ```
    /// use deputy_work::points::{LineItem, StandardKind};
    /// # let policy = deputy_work::points::samples::yinchuan_jiangbei()?;
    /// let legend = policy.legend();
    /// let bonus = legend.line(Some(StandardKind::SubmitSuggestion.into()), LineItem::Bonus(1)).unwrap();
    /// assert_eq!(bonus.label_en, "submitting a suggestion · key suggestion");
    /// assert!(legend.line(None, LineItem::Ceiling).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn legend(&self) -> super::Legend {
        use super::LineItem as L;
        use super::plan::index16;
        let d = &self.data;
        let mut lines: Vec<(Option<ActKind>, L)> = Vec::new();
        for r in &d.rules {
            let k = Some(r.kind);
            if !r.nth.is_empty() {
                lines.push((k, L::Nth));
            } else if r.quota.is_some() {
                lines.push((k, L::Quota));
            } else if !r.points_by_role.is_empty() {
                lines.extend((0..r.points_by_role.len()).map(|j| (k, L::Role(index16(j)))));
            } else if !r.points_by_qualifier.is_empty() {
                lines.extend(
                    (0..r.points_by_qualifier.len()).map(|j| (k, L::Qualified(index16(j)))),
                );
            } else if !r.tiers.is_empty() {
                lines.extend((0..r.tiers.len()).map(|j| (k, L::Tier(index16(j)))));
            } else {
                lines.push((k, L::Points));
            }
            lines.extend((0..r.bonuses.len()).map(|j| (k, L::Bonus(index16(j)))));
            for (on, item) in [
                (r.share.is_some(), L::Share),
                (r.highest_only, L::HighestOnly),
                (r.quarter_cap.is_some(), L::QuarterCap),
                (r.cap.is_some(), L::RuleCap),
            ] {
                if on {
                    lines.push((k, item));
                }
            }
        }
        for (si, st) in d.states.iter().enumerate() {
            lines.extend((0..st.options.len()).map(|j| {
                (
                    None,
                    L::State {
                        state: index16(si),
                        option: index16(j),
                    },
                )
            }));
            lines.push((None, L::Conflict(index16(si))));
        }
        lines.extend((0..d.counts.len()).map(|i| (None, L::Count(index16(i)))));
        lines.extend((0..d.minimums.len()).map(|i| (None, L::Minimum(index16(i)))));
        for (ci, c) in d.categories.iter().enumerate() {
            for (on, item) in [
                (c.start.is_some(), L::Start(index16(ci))),
                (c.cap.is_some(), L::CategoryCap(index16(ci))),
                (c.floor.is_some(), L::CategoryFloor(index16(ci))),
            ] {
                if on {
                    lines.push((None, item));
                }
            }
        }
        if d.floor.is_some() {
            lines.push((None, L::Floor));
        }
        if d.ceiling.is_some() {
            lines.push((None, L::Ceiling));
        }
        let lines = lines
            .into_iter()
            .map(|(kind, item)| {
                let (label_zh, label_en) = self.item_label(kind, item);
                super::LineLabel {
                    kind,
                    item,
                    label_zh,
                    label_en,
                }
            })
            .collect();
        let label = |code: String, zh: &str, en: &str| super::CodeLabel {
            code,
            label_zh: zh.to_owned(),
            label_en: en.to_owned(),
        };
        let mut codes: Vec<super::CodeLabel> = Vec::new();
        codes.extend(
            d.bands
                .iter()
                .map(|b| label(b.code.clone(), &b.label_zh, &b.label_en)),
        );
        codes.extend(
            d.honours
                .iter()
                .map(|h| label(h.code.clone(), &h.label_zh, &h.label_en)),
        );
        codes.extend(
            d.consequences
                .iter()
                .map(|c| label(c.code.clone(), &c.label_zh, &c.label_en)),
        );
        codes.extend(
            d.outcomes
                .iter()
                .map(|o| label(o.code.to_string(), &o.label_zh, &o.label_en)),
        );
        codes.extend(
            d.categories
                .iter()
                .map(|c| label(c.code.to_string(), &c.label_zh, &c.label_en)),
        );
        codes.extend(
            d.states
                .iter()
                .map(|c| label(c.code.to_string(), &c.label_zh, &c.label_en)),
        );
        codes.extend(
            d.counts
                .iter()
                .map(|c| label(c.code.to_string(), &c.label_zh, &c.label_en)),
        );
        codes.extend(
            d.minimums
                .iter()
                .map(|c| label(c.code.to_string(), &c.label_zh, &c.label_en)),
        );
        for t in d.qualifiers.iter().chain(&d.act_roles).chain(&d.roles) {
            codes.push(label(t.code.to_string(), &t.label_zh, &t.label_en));
        }
        super::Legend { lines, codes }
    }

    /// The policy's numbers at one scale.
    pub(crate) const fn fixed(&self) -> &Fixed {
        &self.fixed
    }

    /// The rule's bonuses.
    pub(crate) fn bonuses(&self, rule: u16) -> &[Bonus] {
        surely(
            self.data
                .rules
                .get(usize::from(rule))
                .map(|r| r.bonuses.as_slice()),
            &[],
            "a rule index comes from `rule_index`, so its rule exists",
        )
    }

    pub(crate) const fn slots(&self) -> u32 {
        self.index.slots
    }
}

fn validate_bands(bands: &[Band]) -> Result<(), PointsError> {
    let last = bands.len().checked_sub(1);
    for (i, b) in bands.iter().enumerate() {
        let field = format!("bands[{i}]");
        non_empty(&format!("bands[{i}].code"), &b.code)?;
        if bands.iter().take(i).any(|o| o.code == b.code) {
            return Err(PointsError::Duplicate {
                field: format!("bands[{i}].code"),
                key: b.code.clone(),
            });
        }
        if let (Some(lo), Some(hi)) = (b.at_least, b.below)
            && lo >= hi
        {
            return Err(PointsError::BadBand {
                field,
                problem: "`at_least` must be below `below`",
            });
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| bands.get(p)) {
            let unsorted = match (b.at_least, prev.at_least) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(lo), Some(prev_lo)) => lo >= prev_lo,
            };
            if unsorted {
                return Err(PointsError::BandsUnsorted { field });
            }
            match (b.below, prev.at_least) {
                (Some(hi), Some(prev_lo)) if hi < prev_lo => {
                    return Err(PointsError::BandsGap { field });
                }
                (Some(hi), Some(prev_lo)) if hi == prev_lo => {}
                _ => return Err(PointsError::BandsOverlap { field }),
            }
        }
        if Some(i) != last && b.at_least.is_none() {
            return Err(PointsError::BadBand {
                field,
                problem: "only the last (lowest) band may omit `at_least`",
            });
        }
    }
    Ok(())
}

#[cfg(feature = "serde")]
impl TryFrom<PolicyData> for Policy {
    type Error = PointsError;
    fn try_from(data: PolicyData) -> Result<Self, Self::Error> {
        Self::new(data)
    }
}

#[cfg(feature = "serde")]
impl From<Policy> for PolicyData {
    fn from(p: Policy) -> Self {
        p.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::{StandardKind, samples};

    fn data() -> PolicyData {
        samples::yinchuan_jiangbei().unwrap().data().clone()
    }

    /// A change to a valid policy and the error it must bring.
    type Case = (Box<dyn Fn(&mut PolicyData)>, PointsError);

    #[test]
    fn validation_names_what_is_wrong_and_where_and_agrees_with_new() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases: Vec<Case> = vec![
            (
                Box::new(|p| p.version = " ".into()),
                PointsError::Empty {
                    field: "version".into(),
                },
            ),
            (
                Box::new(move |p| p.in_force.end = d(2023, 12, 31)),
                PointsError::EndBeforeStart {
                    field: "in_force".into(),
                    start: d(2024, 1, 1),
                    end: d(2023, 12, 31),
                },
            ),
            (
                Box::new(|p| p.rules[4].kind = ActKind::Local(9)),
                PointsError::UnknownKind {
                    field: "rules[4].kind".into(),
                    kind: "local:9".into(),
                },
            ),
            (
                Box::new(|p| p.rules[5].kind = StandardKind::AttendMeeting.into()),
                PointsError::Duplicate {
                    field: "rules[5].kind".into(),
                    key: "attend_meeting".into(),
                },
            ),
            (
                Box::new(|p| p.rules[2].bonuses[1].points = Decimal::from(-2)),
                PointsError::MixedSigns {
                    field: "rules[2].bonuses[1].points".into(),
                    points: Decimal::from(-2),
                    rule_points: Decimal::from(3),
                },
            ),
            (
                Box::new(|p| p.bands.swap(0, 2)),
                PointsError::BadBand {
                    field: "bands[0]".into(),
                    problem: "only the last (lowest) band may omit `at_least`",
                },
            ),
            (
                Box::new(|p| {
                    let again = p.consequences[0].clone();
                    p.consequences.push(again);
                }),
                PointsError::Duplicate {
                    field: "consequences[4].code".into(),
                    key: "talk".into(),
                },
            ),
            (
                Box::new(|p| p.consequences[0].when = Condition::Honour("good".into())),
                PointsError::UnknownCode {
                    field: "consequences[0].when".into(),
                    code: "good".into(),
                },
            ),
        ];
        assert_eq!(data().validate(), Ok(()));
        for (edit, want) in cases {
            let mut p = data();
            edit(&mut p);
            assert_eq!(p.validate(), Err(want.clone()));
            assert_eq!(Policy::new(p), Err(want));
        }
    }

    #[test]
    fn a_bonus_naming_an_undeclared_qualifier_says_so() {
        // The sample declares the qualifiers lead, key_suggestion and
        // reply_class_a; rules[2] (submit_suggestion) has a bonus for
        // `lead`. With `lead` renamed in the list, the bonus names a
        // qualifier the list does not hold: the error says which list,
        // not "band or honour".
        let mut p = data();
        let lead = p.qualifiers.iter().position(|q| q.code.as_str() == "lead");
        let lead = lead.unwrap();
        p.qualifiers[lead].code = Code::new("leader").unwrap();
        let err = p.validate().unwrap_err();
        assert_eq!(
            err,
            PointsError::NotListed {
                field: "rules[2].bonuses[0].qualifiers".into(),
                code: "lead".into(),
                list: "the policy's qualifiers",
            }
        );
        assert_eq!(
            err.to_string(),
            "rules[2].bonuses[0].qualifiers: names `lead`, which the policy's qualifiers do not list"
        );
        assert_eq!(
            err.message_zh(),
            "rules[2].bonuses[0].qualifiers：所指“lead”不在本办法列出的情形之列"
        );
        // The near miss: the bonus renamed with the list, the policy holds.
        p.rules[2].bonuses[0].qualifiers = vec![Qualifier::new("leader").unwrap()];
        assert_eq!(p.validate(), Ok(()));
        // A qualifier dropped, and a rule's category no category has: each
        // error names the list the code must come from.
        type Edit = fn(&mut PolicyData);
        let cases: [(Edit, &str, &str); 2] = [
            (
                |p| p.qualifiers.retain(|q| q.code.as_str() != "reply_class_a"),
                "reply_class_a",
                "the policy's qualifiers",
            ),
            (
                |p| p.rules[0].category = Some(Code::new("nowhere").unwrap()),
                "nowhere",
                "the policy's categories",
            ),
        ];
        for (edit, code, list) in cases {
            let mut p = data();
            edit(&mut p);
            match p.validate() {
                Err(PointsError::NotListed {
                    code: c, list: l, ..
                }) => {
                    assert_eq!((c.as_str(), l), (code, list));
                }
                other => panic!("{code}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_consequence_code_is_given_once() {
        // The sample's four consequences start with talk.
        // The first again under its own code is refused, naming the code
        // and where it repeats; the same consequence under a new code (a
        // near miss) is another policy.
        let mut p = data();
        let again = p.consequences[0].clone();
        p.consequences.insert(2, again);
        let want = PointsError::Duplicate {
            field: "consequences[2].code".into(),
            key: "talk".into(),
        };
        assert_eq!(p.validate(), Err(want.clone()));
        assert_eq!(
            want.to_string(),
            "consequences[2].code: `talk` appears more than once"
        );
        p.consequences[2].code = "talk_again".into();
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(Policy::new(p).map(|p| p.consequences().len()), Ok(5));
    }

    #[test]
    fn the_index_finds_each_rule_and_its_counters() {
        let n = Decimal::from;
        let q = |c| Qualifier::new(c).unwrap();
        // Counters: leave 0; local 700: 1, its bonuses 2 and 3; meeting 4;
        // local 3: 5.
        let rules = [
            Rule::new(StandardKind::Leave.into(), n(-1)),
            Rule::new(ActKind::Local(700), n(2))
                .with_bonus(q("lead"), n(1))
                .with_bonus(q("key"), n(1)),
            Rule::new(StandardKind::AttendMeeting.into(), n(2)),
            Rule::new(ActKind::Local(3), n(1)),
        ];
        let index = PolicyIndex::build(&rules);
        assert_eq!(index.slots, 6);
        assert_eq!(index.rule_slots, [(0, 0), (1, u8::MAX), (4, 0), (5, 0)]);
        assert_eq!(index.local, [(3, 3), (700, 1)]);
        let std_rule = |k: StandardKind| index.standard[standard_index(k)];
        assert_eq!(std_rule(StandardKind::Leave), Some(0));
        assert_eq!(std_rule(StandardKind::AttendMeeting), Some(2));
        assert_eq!(std_rule(StandardKind::Absence), None);
        // The per-kind table reaches the highest local code up to 1,023.
        assert_eq!(index.kind_table.len(), STANDARD_KINDS + 701);
        let entry = |k: ActKind| index.kind_table[kind_index(k)];
        assert_eq!(
            super::super::fast::unpack(entry(ActKind::Local(700))),
            Some((1, u8::MAX))
        );
        assert_eq!(
            super::super::fast::unpack(entry(StandardKind::AttendMeeting.into())),
            Some((4, 0))
        );
        assert_eq!(entry(ActKind::Local(4)), super::super::fast::NO_RULE);
        // A local code past 1,023 is left to the binary search.
        let far = PolicyIndex::build(&[Rule::new(ActKind::Local(2000), n(1))]);
        assert_eq!(far.kind_table.len(), STANDARD_KINDS);
        assert_eq!(far.local, [(2000, 0)]);
    }
}

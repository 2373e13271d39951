//! Points policies (积分办法) as validated data.

use rust_decimal::Decimal;

use super::{ActKind, PointsError, Qualifier};
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

/// Extra points per occurrence when an act carries a qualifier.
///
/// ```
/// use deputy_work::points::{Bonus, Qualifier};
/// let b = Bonus { qualifier: Qualifier::KeySuggestion, points: "2".parse()? };
/// assert_eq!(b.points.to_string(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Bonus {
    /// The qualifier that earns the bonus.
    pub qualifier: Qualifier,
    /// Points per occurrence (same sign as the rule's points).
    pub points: Decimal,
}

/// How one kind of act is scored.
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
    /// Points per occurrence; negative for a deduction; half points allowed.
    pub points: Decimal,
    /// Bonuses for qualifiers, added per occurrence.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub bonuses: Vec<Bonus>,
    /// The most points (in magnitude) the rule can give or take in one scored
    /// period; non-negative.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub cap: Option<Decimal>,
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
            points,
            bonuses: Vec::new(),
            cap: None,
        }
    }

    /// Adds a bonus.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Rule, StandardKind};
    /// let rule = Rule::new(StandardKind::SubmitSuggestion.into(), "3".parse()?)
    ///     .with_bonus(Qualifier::KeySuggestion, "2".parse()?);
    /// assert_eq!(rule.bonuses[0].qualifier, Qualifier::KeySuggestion);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_bonus(mut self, qualifier: Qualifier, points: Decimal) -> Self {
        self.bonuses.push(Bonus { qualifier, points });
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
/// `{ top = 3 }`, `{ bottom = 2 }` or `{ below = "60" }`.
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
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Band(_) => "band",
            Self::Honour(_) => "honour",
            Self::Top(_) => "top of the ranking",
            Self::Bottom(_) => "bottom of the ranking",
            Self::Below(_) => "below a score",
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
///     name: "示例".into(),
///     version: "1".into(),
///     in_force: InForce { start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
///                         end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap() },
///     base: None, floor: None, ceiling: None,
///     local_kinds: vec![],
///     rules: vec![Rule::new(StandardKind::AttendMeeting.into(), "2".parse()?)],
///     bands: vec![], honours: vec![], consequences: vec![],
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
    /// Rule index for each standard kind, in `StandardKind::ALL` order.
    standard: [Option<u16>; 12],
    /// (local code, rule index), sorted by code.
    local: Vec<(u16, u16)>,
    /// (first counter, bonus qualifier bits) per rule, for the per-act path.
    rule_slots: Vec<(usize, u8)>,
    /// The per-act path's lookup, by [`kind_entry`](Self::kind_entry).
    kind_table: Vec<u32>,
    slots: u32,
    /// The policy's numbers as integers at one shared scale.
    fixed: Fixed,
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
/// [`Policy::kind_entry`].
fn kind_table(rules: &[Rule], starts: &[u32], slots: &[(usize, u8)]) -> Vec<u32> {
    let reach = rules
        .iter()
        .filter_map(|r| match r.kind {
            ActKind::Local(code) if code <= LOCAL_DIRECT => Some(usize::from(code)),
            _ => None,
        })
        .max()
        .map_or(0, |c| c.saturating_add(1));
    let mut table = vec![0_u32; STANDARD_KINDS.saturating_add(reach)];
    for ((r, start), (_, mask)) in rules.iter().zip(starts).zip(slots) {
        let i = kind_index(r.kind);
        // Counters past 2^24 - 2 take the general path.
        let entry = start
            .checked_add(1)
            .filter(|e| *e < 1 << 24)
            .map_or(0, |e| e | u32::from(*mask) << 24);
        if let Some(cell) = table.get_mut(i) {
            *cell = entry;
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

impl Policy {
    /// Validates `data` into a policy.
    ///
    /// # Errors
    /// A [`PointsError`] naming the field at fault: an end date before the
    /// start, a negative cap, a floor above the ceiling, a repeated rule or
    /// code, an undeclared locality kind, mixed signs within a rule, unsorted,
    /// overlapping or gapped bands, unsorted honours, a zero count, or a
    /// consequence that refers to an unknown band or honour.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::points::{InForce, Policy, PolicyData, PointsError};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let data = PolicyData { name: "x".into(), version: "1".into(),
    ///     in_force: InForce { start: d(2025, 1, 1), end: d(2024, 1, 1) },
    ///     base: None, floor: None, ceiling: None, local_kinds: vec![], rules: vec![],
    ///     bands: vec![], honours: vec![], consequences: vec![] };
    /// assert!(matches!(Policy::new(data), Err(PointsError::EndBeforeStart { field, .. }) if field == "in_force"));
    /// ```
    pub fn new(data: PolicyData) -> Result<Self, PointsError> {
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

        let mut local: Vec<(u16, u16)> = Vec::new();
        for (i, k) in data.local_kinds.iter().enumerate() {
            non_empty(&format!("local_kinds[{i}].label_zh"), &k.label_zh)?;
            if data.local_kinds.iter().take(i).any(|o| o.code == k.code) {
                return Err(PointsError::Duplicate {
                    field: format!("local_kinds[{i}].code"),
                    key: k.code.to_string(),
                });
            }
        }

        let mut standard = [None; 12];
        let mut slot_start = Vec::with_capacity(data.rules.len());
        let mut slots: u32 = 0;
        if data.rules.len() > usize::from(u16::MAX) {
            return Err(PointsError::Overflow("counting rules"));
        }
        for (i, r) in data.rules.iter().enumerate() {
            let idx = u16::try_from(i).map_err(|_| PointsError::Overflow("counting rules"))?;
            let dup = || PointsError::Duplicate {
                field: format!("rules[{i}].kind"),
                key: r.kind.to_string(),
            };
            match r.kind {
                ActKind::Standard(k) => {
                    let slot = standard
                        .get_mut(standard_index(k))
                        .ok_or(PointsError::Overflow("indexing kinds"))?;
                    if slot.is_some() {
                        return Err(dup());
                    }
                    *slot = Some(idx);
                }
                ActKind::Local(code) => {
                    if !data.local_kinds.iter().any(|k| k.code == code) {
                        return Err(PointsError::UnknownKind {
                            field: format!("rules[{i}].kind"),
                            kind: r.kind.to_string(),
                        });
                    }
                    if local.iter().any(|(c, _)| *c == code) {
                        return Err(dup());
                    }
                    local.push((code, idx));
                }
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
                if r.bonuses.iter().take(j).any(|o| o.qualifier == b.qualifier) {
                    return Err(PointsError::Duplicate {
                        field: format!("rules[{i}].bonuses[{j}].qualifier"),
                        key: b.qualifier.label_en().to_owned(),
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
            slot_start.push(slots);
            let width = u32::try_from(r.bonuses.len())
                .ok()
                .and_then(|n| n.checked_add(1))
                .ok_or(PointsError::Overflow("counting bonuses"))?;
            slots = slots
                .checked_add(width)
                .ok_or(PointsError::Overflow("counting bonuses"))?;
        }
        local.sort_unstable();
        let rule_slots: Vec<(usize, u8)> = data
            .rules
            .iter()
            .zip(&slot_start)
            .map(|(r, start)| {
                let mask = r
                    .bonuses
                    .iter()
                    .map(|b| b.qualifier)
                    .collect::<super::Qualifiers>();
                (usize::try_from(*start).unwrap_or(usize::MAX), mask.bits())
            })
            .collect();

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
        let kind_table = kind_table(&data.rules, &slot_start, &rule_slots);
        Ok(Self {
            in_force,
            standard,
            local,
            kind_table,
            rule_slots,
            slots,
            fixed: Fixed::new(&data)?,
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
                .data
                .local_kinds
                .iter()
                .find(|k| k.code == code)
                .map_or("地方自定义事项", |k| k.label_zh.as_str()),
            ActKind::Standard(k) => k.static_label_zh(),
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

    /// The position of the band `score` falls in, in [`bands`](Self::bands).
    pub(crate) fn band_index(&self, score: Decimal) -> Option<usize> {
        self.data.bands.iter().position(|b| b.contains(score))
    }

    /// The rule index for `kind`: the per-act lookup, with no allocation.
    #[inline(always)]
    pub(crate) fn rule_index(&self, kind: ActKind) -> Option<u16> {
        match kind {
            ActKind::Standard(k) => self.standard.get(standard_index(k)).copied().flatten(),
            ActKind::Local(code) => self
                .local
                .binary_search_by_key(&code, |(c, _)| *c)
                .ok()
                .and_then(|i| self.local.get(i))
                .map(|(_, r)| *r),
        }
    }

    /// The rule's first counter and the bits of the qualifiers it rewards.
    #[inline(always)]
    pub(crate) fn rule_slot(&self, rule: u16) -> (usize, u8) {
        self.rule_slots
            .get(usize::from(rule))
            .copied()
            .unwrap_or((0, 0))
    }

    /// The per-act path's lookup of `kind`, made to compile without a
    /// branch on the kind: `(first counter + 1) | bonus bits << 24`, or 0
    /// when the kind has no rule or is a local code the table does not
    /// reach (the caller takes the general path).
    #[inline(always)]
    pub(crate) fn kind_entry(&self, kind: ActKind) -> u32 {
        self.kind_table.get(kind_index(kind)).copied().unwrap_or(0)
    }

    /// The table behind [`kind_entry`](Self::kind_entry), indexed by
    /// [`kind_index`].
    #[inline(always)]
    pub(crate) fn kind_table(&self) -> &[u32] {
        &self.kind_table
    }

    /// The policy's numbers at one scale.
    pub(crate) const fn fixed(&self) -> &Fixed {
        &self.fixed
    }

    /// The rule's bonuses.
    pub(crate) fn bonuses(&self, rule: u16) -> &[Bonus] {
        self.data
            .rules
            .get(usize::from(rule))
            .map_or(&[], |r| r.bonuses.as_slice())
    }

    pub(crate) const fn slots(&self) -> u32 {
        self.slots
    }
}

fn validate_bands(bands: &[Band]) -> Result<(), PointsError> {
    let last = bands.len().saturating_sub(1);
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
        if i != last && b.at_least.is_none() {
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

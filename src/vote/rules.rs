//! The voting rules, as data.

use super::VoteError;
use crate::common::{Labelled, labelled_enum};
use crate::stats::Abstentions;
use rust_decimal::Decimal;

labelled_enum! {
    /// How a ballot is marked (票决方式).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::BallotForm;
    /// assert_eq!(BallotForm::ForAgainstAbstain.label_zh(), "逐项表决（赞成、反对、弃权）");
    /// assert_eq!(BallotForm::Ranked.label_en(), "rank by priority");
    /// ```
    #[derive(Default)]
    #[non_exhaustive]
    pub enum BallotForm in vote {
        /// For, against or abstain on each project (Dongyang 2017). The default.
        /// At most `max_choices` projects may be marked "for".
        #[default]
        ForAgainstAbstain = "for_against_abstain", "逐项表决（赞成、反对、弃权）", "for / against / abstain";
        /// Choose up to `max_choices` projects (等额/差额 choose-N).
        ChooseUpTo = "choose_up_to", "限额选择", "choose up to N";
        /// Rank up to `max_choices` projects by priority (Liyang 2010).
        Ranked = "ranked", "按优先顺序排序", "rank by priority";
    }
}

labelled_enum! {
    /// What the pass threshold is a share of.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::ThresholdBase;
    /// assert_eq!(ThresholdBase::AllDeputies.label_zh(), "全体代表");
    /// ```
    #[derive(Default)]
    #[non_exhaustive]
    pub enum ThresholdBase in vote {
        /// All deputies of the congress, present or not (全体代表). The default,
        /// as in the congresses' own election rules.
        #[default]
        AllDeputies = "all_deputies", "全体代表", "all deputies";
        /// The deputies present at the session (出席代表).
        Present = "present", "出席代表", "deputies present";
        /// The valid ballots returned (有效票).
        ValidBallots = "valid_ballots", "有效票", "valid ballots";
    }
}

/// The pass threshold: a project passes when its votes for are more than
/// (`strict`) or at least `numerator / denominator` of the base.
///
/// ```
/// use deputy_work::vote::{Threshold, ThresholdBase};
/// let t = Threshold::MORE_THAN_HALF_OF_ALL;
/// assert_eq!(t.base, ThresholdBase::AllDeputies);
/// assert_eq!(t.required(327)?, 164); // 164 > 163.5
/// assert_eq!(t.required(328)?, 165); // exactly half (164) does not pass
/// let two_thirds = Threshold { base: ThresholdBase::Present, numerator: 2, denominator: 3, strict: false };
/// assert_eq!(two_thirds.required(300)?, 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Threshold {
    /// What the share is taken of.
    pub base: ThresholdBase,
    /// The share's numerator.
    pub numerator: u32,
    /// The share's denominator (not zero, not below the numerator).
    pub denominator: u32,
    /// `true`: strictly more than the share (过半数 is "more than half");
    /// `false`: at least the share.
    pub strict: bool,
}

impl Threshold {
    /// More than half of all deputies (全体代表的过半数): the default.
    ///
    /// ```
    /// use deputy_work::vote::Threshold;
    /// assert_eq!(Threshold::MORE_THAN_HALF_OF_ALL.required(60)?, 31);
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    pub const MORE_THAN_HALF_OF_ALL: Self = Self {
        base: ThresholdBase::AllDeputies,
        numerator: 1,
        denominator: 2,
        strict: true,
    };

    /// Checks the fraction.
    ///
    /// ```
    /// use deputy_work::vote::{Threshold, ThresholdBase};
    /// let bad = Threshold { base: ThresholdBase::Present, numerator: 3, denominator: 2, strict: true };
    /// assert!(bad.validate().is_err());
    /// assert!(Threshold::MORE_THAN_HALF_OF_ALL.validate().is_ok());
    /// ```
    ///
    /// A strict share of the whole base (`1/1`, "more than all of them")
    /// is refused too: no count of votes can pass it.
    ///
    /// ```
    /// use deputy_work::vote::{Threshold, ThresholdBase, VoteError};
    /// let all = Threshold { base: ThresholdBase::Present, numerator: 1, denominator: 1, strict: true };
    /// assert!(matches!(all.validate(), Err(VoteError::InvalidRules { field: "threshold.strict", .. })));
    /// assert_eq!(Threshold { strict: false, ..all }.required(40)?, 40, "every one present: unanimity");
    /// # Ok::<(), VoteError>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] for a zero denominator, a share above
    /// one, or a strict share of exactly one.
    pub fn validate(&self) -> Result<(), VoteError> {
        if self.denominator == 0 {
            return Err(VoteError::rules(
                "threshold.denominator",
                "must not be zero",
            ));
        }
        if self.numerator > self.denominator {
            return Err(VoteError::rules(
                "threshold.numerator",
                "must not exceed the denominator",
            ));
        }
        if self.strict && self.numerator == self.denominator {
            return Err(VoteError::rules(
                "threshold.strict",
                "must be false when the numerator equals the denominator: no project can have more votes than the whole base",
            ));
        }
        Ok(())
    }

    /// The fewest votes for that pass, out of a base of `base`.
    ///
    /// ```
    /// use deputy_work::vote::Threshold;
    /// assert_eq!(Threshold::MORE_THAN_HALF_OF_ALL.required(314)?, 158);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] when the fraction is invalid.
    pub fn required(&self, base: u64) -> Result<u64, VoteError> {
        self.validate()?;
        let num = u128::from(base)
            .checked_mul(u128::from(self.numerator))
            .ok_or(VoteError::Overflow)?;
        let den = u128::from(self.denominator);
        let q = num.checked_div(den).ok_or(VoteError::Overflow)?;
        let r = num.checked_rem(den).ok_or(VoteError::Overflow)?;
        // strict: v * den > num  <=>  v >= floor(num / den) + 1
        // at least: v * den >= num  <=>  v >= ceil(num / den)
        let need = if self.strict || r > 0 {
            q.checked_add(1).ok_or(VoteError::Overflow)?
        } else {
            q
        };
        u64::try_from(need).map_err(|_| VoteError::Overflow)
    }
}

/// The competition requirement (差额): more candidates than places, by at
/// least `min_surplus` projects and at least `min_surplus_ratio` of the places.
///
/// ```
/// use deputy_work::vote::Competition;
/// use rust_decimal::Decimal;
/// let c = Competition::new(1, Some(Decimal::new(2, 1)));
/// assert!(c.check(12, 10).is_ok());   // 2 more, 20 % of 10
/// assert!(c.check(11, 10).is_err());  // 1 more, only 10 %
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Competition {
    /// The fewest surplus candidates (candidates − places). Whatever is set
    /// here, there must be more candidates than places.
    pub min_surplus: u32,
    /// The smallest surplus as a share of the places (e.g. `"0.2"`), if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub min_surplus_ratio: Option<Decimal>,
}

impl Competition {
    /// At least `min_surplus` more candidates than places and, if given,
    /// a surplus of at least `min_surplus_ratio` of the places.
    ///
    /// ```
    /// use deputy_work::vote::Competition;
    /// use rust_decimal::Decimal;
    /// let c = Competition::new(2, Some(Decimal::new(2, 1)));
    /// assert!(c.check(12, 10).is_ok());
    /// assert!(c.check(11, 10).is_err());
    /// ```
    #[must_use]
    pub const fn new(min_surplus: u32, min_surplus_ratio: Option<Decimal>) -> Self {
        Self {
            min_surplus,
            min_surplus_ratio,
        }
    }
}

impl Default for Competition {
    fn default() -> Self {
        Self {
            min_surplus: 1,
            min_surplus_ratio: None,
        }
    }
}

impl Competition {
    /// Checks `candidates` candidates for `places` places.
    ///
    /// ```
    /// use deputy_work::vote::{Competition, VoteError};
    /// let err = Competition::default().check(10, 10).unwrap_err();
    /// assert_eq!(err, VoteError::NotCompetitive { candidates: 10, places: 10 });
    /// ```
    ///
    /// # Errors
    /// [`VoteError::NotCompetitive`], [`VoteError::SurplusTooSmall`],
    /// [`VoteError::SurplusRatioTooSmall`].
    pub fn check(&self, candidates: u32, places: u32) -> Result<(), VoteError> {
        let surplus = match candidates.checked_sub(places) {
            Some(s) if s > 0 => s,
            _ => return Err(VoteError::NotCompetitive { candidates, places }),
        };
        if surplus < self.min_surplus {
            return Err(VoteError::SurplusTooSmall {
                surplus,
                min: self.min_surplus,
            });
        }
        if let Some(ratio) = self.min_surplus_ratio {
            let need = Decimal::from(places)
                .checked_mul(ratio)
                .ok_or(VoteError::Overflow)?;
            if Decimal::from(surplus) < need {
                return Err(VoteError::SurplusRatioTooSmall {
                    surplus,
                    places,
                    min_ratio: ratio,
                });
            }
        }
        Ok(())
    }
}

/// How completion ratings are turned into rates.
///
/// ```
/// use deputy_work::stats::Abstentions;
/// use deputy_work::vote::RatingRules;
/// let r = RatingRules::default();
/// assert_eq!(r.abstentions, Abstentions::Counted);
/// assert_eq!(r.decimals, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, default))]
#[non_exhaustive]
pub struct RatingRules {
    /// Whether abstentions count in the whole the rates are taken of
    /// (default: counted, as every ballot returned is).
    pub abstentions: Abstentions,
    /// Decimals shown in a percentage (Huzhou 2025: 98.56 %, two decimals).
    pub decimals: u32,
}

impl RatingRules {
    /// Abstentions in the whole or not, and the decimals of a percentage.
    ///
    /// ```
    /// use deputy_work::stats::Abstentions;
    /// use deputy_work::vote::RatingRules;
    /// let r = RatingRules::new(Abstentions::Excluded, 1);
    /// assert_eq!((r.abstentions, r.decimals), (Abstentions::Excluded, 1));
    /// ```
    #[must_use]
    pub const fn new(abstentions: Abstentions, decimals: u32) -> Self {
        Self {
            abstentions,
            decimals,
        }
    }
}

impl Default for RatingRules {
    fn default() -> Self {
        Self {
            abstentions: Abstentions::Counted,
            decimals: 2,
        }
    }
}

/// How the deputies vote (表决方式).
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::Voting;
/// assert_eq!(Voting::Secret.label_zh(), "无记名投票");
/// assert_eq!(Voting::default(), Voting::Named);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Voting {
    /// Each ballot names its deputy, who is checked against the electorate
    /// (present, not voted yet); the tally keeps who voted, never how.
    #[default]
    Named,
    /// Secret paper ballots (无记名投票; election law arts. 43–44 as the
    /// nearest precedent): ballots carry no name; the tellers know the
    /// sign-ins, the ballots issued and the ballots returned, box by box
    /// ([`Tally::count`](super::Tally::count)).
    Secret,
    /// Electronic voting (电子表决): each seat's presses, for / against /
    /// abstain on each project, or none (not voted). Whether each seat's
    /// presses are kept is the congress's rule.
    Electronic {
        /// Keep each seat's presses ([`Tally::presses`](super::Tally::presses)).
        keep_presses: bool,
    },
}

impl Labelled for Voting {
    fn label_zh(&self) -> &str {
        match self {
            Self::Named => "记名投票",
            Self::Secret => "无记名投票",
            Self::Electronic { .. } => "电子表决",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::Named => "named ballots",
            Self::Secret => "secret ballot",
            Self::Electronic { .. } => "electronic voting",
        }
    }
}

/// The quorum (法定人数): a vote may be held only when at least
/// `numerator / denominator` of all deputies are present (a town's
/// election rules: two thirds).
///
/// ```
/// use deputy_work::vote::Quorum;
/// let q = Quorum::TWO_THIRDS;
/// assert_eq!(q.required(60)?, 40);
/// assert_eq!(q.required(61)?, 41); // 40.67 rounds up: 41 present are needed
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Quorum {
    /// The share's numerator.
    pub numerator: u32,
    /// The share's denominator (not zero, not below the numerator).
    pub denominator: u32,
}

impl Quorum {
    /// Two thirds of all deputies.
    ///
    /// ```
    /// use deputy_work::vote::Quorum;
    /// assert_eq!(Quorum::TWO_THIRDS.required(327)?, 218);
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    pub const TWO_THIRDS: Self = Self {
        numerator: 2,
        denominator: 3,
    };

    /// The fewest deputies present that make the quorum, of `deputies`:
    /// the share rounded up.
    ///
    /// ```
    /// use deputy_work::vote::Quorum;
    /// assert_eq!(Quorum::TWO_THIRDS.required(60)?, 40);
    /// assert!(Quorum { numerator: 3, denominator: 2 }.required(60).is_err());
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] for a zero denominator or a share above
    /// one.
    pub fn required(&self, deputies: u32) -> Result<u32, VoteError> {
        if self.denominator == 0 || self.numerator > self.denominator {
            return Err(VoteError::rules(
                "quorum",
                "must be a share of at most one, with a denominator above zero",
            ));
        }
        // u32 × u32 fits a u64.
        let n = u64::from(deputies).wrapping_mul(u64::from(self.numerator));
        let d = u64::from(self.denominator);
        // n / d rounded up; at most `deputies`, so it fits a u32.
        let need = n.div_ceil(d);
        u32::try_from(need).map_err(|_| VoteError::Overflow)
    }
}

/// How ranked ballots are counted (the ranking among passing projects),
/// a rule the locality states: the Liyang 2010 report does not say how the
/// priorities were added up, and each of these can elect different
/// projects from the same ballots. Rank `r` is 1 for a ballot's first
/// priority; `N` is the ballot's `max_choices`.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::RankedCount;
/// assert_eq!(RankedCount::default(), RankedCount::Borda);
/// assert_eq!(RankedCount::TopK { k: 3 }.label_zh(), "进入前若干位的票数");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum RankedCount {
    /// Borda points: rank `r` earns `N + 1 − r`; unranked, nothing. Most
    /// points first. The default.
    #[default]
    Borda,
    /// Points by rank from a table: rank `r` earns `points[r − 1]`, ranks
    /// past the table nothing. Most points first.
    PointsTable {
        /// Points for rank 1, 2, …: not increasing, the first above zero.
        points: Vec<u64>,
    },
    /// Rank sum: the sum of the ranks given, an unranked project counting
    /// as rank `N + 1` on each valid ballot. Lowest first.
    RankSum,
    /// Mean rank among the ballots that rank the project (a project nobody
    /// ranks comes last). Lowest first; compared exactly, as fractions.
    MeanRank,
    /// The number of ballots that rank the project among their first `k`.
    /// Most first.
    TopK {
        /// How many first ranks count (at least 1).
        k: u32,
    },
}

impl Labelled for RankedCount {
    fn label_zh(&self) -> &str {
        match self {
            Self::Borda => "波达计分",
            Self::PointsTable { .. } => "按名次计分表",
            Self::RankSum => "名次之和",
            Self::MeanRank => "平均名次",
            Self::TopK { .. } => "进入前若干位的票数",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::Borda => "Borda points",
            Self::PointsTable { .. } => "points table by rank",
            Self::RankSum => "rank sum",
            Self::MeanRank => "mean rank",
            Self::TopK { .. } => "count in the top k",
        }
    }
}

impl RankedCount {
    /// Checks the method's own data.
    ///
    /// ```
    /// use deputy_work::vote::RankedCount;
    /// assert!(RankedCount::PointsTable { points: vec![10, 8, 6] }.validate().is_ok());
    /// assert!(RankedCount::PointsTable { points: vec![6, 8] }.validate().is_err());
    /// assert!(RankedCount::TopK { k: 0 }.validate().is_err());
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] for an empty or increasing points table,
    /// a first entry of zero, or `k` of zero.
    pub fn validate(&self) -> Result<(), VoteError> {
        match self {
            Self::PointsTable { points } => {
                if points.first().is_none_or(|p| *p == 0) {
                    return Err(VoteError::rules(
                        "ranked_count.points",
                        "must start with points above zero",
                    ));
                }
                if points.windows(2).any(|w| w.first() < w.get(1)) {
                    return Err(VoteError::rules(
                        "ranked_count.points",
                        "must not increase from one rank to the next",
                    ));
                }
            }
            Self::TopK { k: 0 } => {
                return Err(VoteError::rules("ranked_count.k", "must be at least 1"));
            }
            _ => {}
        }
        Ok(())
    }
}

/// The rules of one livelihood-project vote (票决办法).
///
/// Every way in is checked ([the pattern](super#the-pattern-for-rules)):
/// a named constructor for the rules a locality publishes
/// ([`Policy::election_style`], [`Policy::ranked_priorities`],
/// [`Policy::secret_ballot`]), changed by [`Policy::with_changes`], which
/// checks the result; serde (TOML/JSON, see the [module docs](super)),
/// which checks while loading; and a [`Session`](super::Session), which
/// checks its rules again when it is created, whatever was done to the
/// public fields in between.
///
/// ```
/// use deputy_work::vote::{BallotForm, Policy};
/// let rules = Policy::election_style(10)?.with_changes(|r| r.form = BallotForm::ChooseUpTo)?;
/// assert_eq!(rules.max_choices(), 10, "defaults to the number of places");
/// assert!(Policy::election_style(10)?.with_changes(|r| r.max_choices = Some(0)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PolicyData"))]
#[non_exhaustive]
pub struct Policy {
    /// How a ballot is marked.
    pub form: BallotForm,
    /// The number of places (应选项目数), at least one.
    pub places: u32,
    /// The most projects a ballot may mark "for", choose or rank; `None`
    /// means the number of places.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub max_choices: Option<u32>,
    /// The pass threshold; `None` (written `"none"`): no threshold, most
    /// votes win (as in a runoff).
    #[cfg_attr(feature = "serde", serde(serialize_with = "off_or::serialize"))]
    pub threshold: Option<Threshold>,
    /// The competition requirement; `None` (written `"none"`): not checked
    /// (as in a runoff).
    #[cfg_attr(feature = "serde", serde(serialize_with = "off_or::serialize"))]
    pub competition: Option<Competition>,
    /// The most the elected projects may cost together, in yuan.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub budget_cap: Option<Decimal>,
    /// Whether a blank ballot (nothing marked for or against) is valid.
    pub blank_ballots_valid: bool,
    /// How completion ratings are computed.
    pub rating: RatingRules,
    /// How the deputies vote: named ballots (the default), a secret ballot
    /// or electronic voting.
    #[cfg_attr(feature = "serde", serde(default))]
    pub voting: Voting,
    /// The quorum; `None`: not checked.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub quorum: Option<Quorum>,
    /// How ranked ballots are counted (Borda points by default).
    #[cfg_attr(feature = "serde", serde(default))]
    pub ranked_count: RankedCount,
}

/// The serde form of [`Policy`]: every field but `places` may be left out.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyData {
    #[serde(default)]
    form: BallotForm,
    places: u32,
    #[serde(default)]
    max_choices: Option<u32>,
    #[serde(
        default = "default_threshold",
        deserialize_with = "off_or::deserialize"
    )]
    threshold: Option<Threshold>,
    #[serde(
        default = "default_competition",
        deserialize_with = "off_or::deserialize"
    )]
    competition: Option<Competition>,
    #[serde(default)]
    budget_cap: Option<Decimal>,
    #[serde(default = "default_true")]
    blank_ballots_valid: bool,
    #[serde(default)]
    rating: RatingRules,
    #[serde(default)]
    voting: Voting,
    #[serde(default)]
    quorum: Option<Quorum>,
    #[serde(default)]
    ranked_count: RankedCount,
}

/// An optional rule table written as the string `"none"` or a table.
#[cfg(feature = "serde")]
mod off_or {
    use core::fmt;
    use core::marker::PhantomData;
    use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[allow(clippy::ref_option)]
    pub(super) fn serialize<S: Serializer, T: Serialize>(
        value: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            None => s.serialize_str("none"),
            Some(t) => t.serialize(s),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        struct OffOr<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OffOr<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"none\" or a table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
                if v == "none" {
                    Ok(None)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Some)
            }
        }
        d.deserialize_any(OffOr(PhantomData))
    }
}

#[cfg(feature = "serde")]
#[allow(clippy::unnecessary_wraps)]
const fn default_threshold() -> Option<Threshold> {
    Some(Threshold::MORE_THAN_HALF_OF_ALL)
}

#[cfg(feature = "serde")]
#[allow(clippy::unnecessary_wraps)]
fn default_competition() -> Option<Competition> {
    Some(Competition::default())
}

#[cfg(feature = "serde")]
const fn default_true() -> bool {
    true
}

#[cfg(feature = "serde")]
impl TryFrom<PolicyData> for Policy {
    type Error = VoteError;
    fn try_from(d: PolicyData) -> Result<Self, VoteError> {
        let rules = Self {
            form: d.form,
            places: d.places,
            max_choices: d.max_choices,
            threshold: d.threshold,
            competition: d.competition,
            budget_cap: d.budget_cap,
            blank_ballots_valid: d.blank_ballots_valid,
            rating: d.rating,
            voting: d.voting,
            quorum: d.quorum,
            ranked_count: d.ranked_count,
        };
        rules.validate()?;
        Ok(rules)
    }
}

impl Policy {
    /// The documented default, modelled on the congresses' election rules:
    /// for/against/abstain on each project, at most `places` marked "for";
    /// a project passes with votes for from more than half of ALL deputies;
    /// passing projects are elected by most votes for; a tie at the last
    /// place is reported; unfilled places are reported for a separate vote;
    /// at least one more candidate than places; no budget cap; blank ballots
    /// valid; ratings over all votes with two decimals; named ballots; no
    /// quorum checked; ranked ballots by Borda points.
    ///
    /// ```
    /// use deputy_work::vote::{Threshold, Policy};
    /// let rules = Policy::election_style(10)?;
    /// assert_eq!(rules.threshold, Some(Threshold::MORE_THAN_HALF_OF_ALL));
    /// assert!(Policy::election_style(0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] when `places` is zero.
    pub fn election_style(places: u32) -> Result<Self, VoteError> {
        let rules = Self {
            form: BallotForm::ForAgainstAbstain,
            places,
            max_choices: None,
            threshold: Some(Threshold::MORE_THAN_HALF_OF_ALL),
            competition: Some(Competition::default()),
            budget_cap: None,
            blank_ballots_valid: true,
            rating: RatingRules::default(),
            voting: Voting::Named,
            quorum: None,
            ranked_count: RankedCount::Borda,
        };
        rules.validate()?;
        Ok(rules)
    }

    /// Ranked ballots (按优先顺序排序, as in Liyang 2010): each deputy ranks
    /// up to `places` projects by priority; the election-style threshold
    /// and competition; passing projects ranked by Borda points
    /// ([`RankedCount::Borda`], the crate's default, since the Liyang report
    /// does not say how the priorities were added up: state the method with
    /// [`Policy::with_changes`] if the locality's differs).
    ///
    /// ```
    /// use deputy_work::vote::{BallotForm, Policy, RankedCount};
    /// let rules = Policy::ranked_priorities(10)?;
    /// assert_eq!((rules.form, rules.max_choices()), (BallotForm::Ranked, 10));
    /// assert_eq!(rules.ranked_count, RankedCount::Borda);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] when `places` is zero.
    pub fn ranked_priorities(places: u32) -> Result<Self, VoteError> {
        Self::election_style(places)?.with_changes(|r| r.form = BallotForm::Ranked)
    }

    /// A secret paper ballot (无记名投票) under a quorum of two thirds of all
    /// deputies, as a town's election rules have it; otherwise the
    /// election-style rules.
    ///
    /// ```
    /// use deputy_work::vote::{Policy, Quorum, Voting};
    /// let rules = Policy::secret_ballot(5)?;
    /// assert_eq!((rules.voting, rules.quorum), (Voting::Secret, Some(Quorum::TWO_THIRDS)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] when `places` is zero.
    pub fn secret_ballot(places: u32) -> Result<Self, VoteError> {
        Self::election_style(places)?.with_changes(|r| {
            r.voting = Voting::Secret;
            r.quorum = Some(Quorum::TWO_THIRDS);
        })
    }

    /// These rules changed by `change`, then checked: the way to depart
    /// from a named constructor.
    ///
    /// ```
    /// use deputy_work::vote::{Policy, VoteError};
    /// use rust_decimal::Decimal;
    /// let capped = Policy::election_style(10)?.with_changes(|r| r.budget_cap = Some(Decimal::from(300_000_000)))?;
    /// assert_eq!(capped.budget_cap, Some(Decimal::from(300_000_000)));
    /// let bad = Policy::election_style(10)?.with_changes(|r| r.budget_cap = Some(Decimal::NEGATIVE_ONE));
    /// assert!(matches!(bad, Err(VoteError::InvalidRules { field: "budget_cap", .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] naming the field, as [`Policy::validate`].
    pub fn with_changes(mut self, change: impl FnOnce(&mut Self)) -> Result<Self, VoteError> {
        change(&mut self);
        self.validate()?;
        Ok(self)
    }

    /// The most projects a ballot may mark "for", choose or rank.
    ///
    /// ```
    /// use deputy_work::vote::Policy;
    /// let mut rules = Policy::election_style(10)?;
    /// rules.max_choices = Some(3);
    /// assert_eq!(rules.max_choices(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn max_choices(&self) -> u32 {
        self.max_choices.unwrap_or(self.places)
    }

    /// Checks the rules on their own.
    ///
    /// ```
    /// use deputy_work::vote::{VoteError, Policy};
    /// let mut rules = Policy::election_style(10)?;
    /// rules.max_choices = Some(0);
    /// assert!(matches!(rules.validate(), Err(VoteError::InvalidRules { field: "max_choices", .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`] naming the field.
    pub fn validate(&self) -> Result<(), VoteError> {
        if self.places == 0 {
            return Err(VoteError::rules("places", "must be at least 1"));
        }
        if self.max_choices == Some(0) {
            return Err(VoteError::rules("max_choices", "must be at least 1"));
        }
        if let Some(t) = &self.threshold {
            t.validate()?;
        }
        if let Some(c) = &self.competition
            && c.min_surplus_ratio.is_some_and(|r| r.is_sign_negative())
        {
            return Err(VoteError::rules(
                "competition.min_surplus_ratio",
                "must not be negative",
            ));
        }
        if self.budget_cap.is_some_and(|b| b.is_sign_negative()) {
            return Err(VoteError::rules("budget_cap", "must not be negative"));
        }
        if self.rating.decimals > crate::stats::MAX_DECIMALS {
            return Err(VoteError::rules("rating.decimals", "at most 12"));
        }
        if let Some(q) = &self.quorum {
            q.required(0)?;
        }
        self.ranked_count.validate()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_at_the_edges() {
        let half = Threshold::MORE_THAN_HALF_OF_ALL;
        // (base, fewest votes that pass)
        for (base, need) in [(0, 1), (1, 1), (2, 2), (3, 2), (327, 164), (328, 165)] {
            assert_eq!(half.required(base).unwrap(), need, "base {base}");
        }
        let at_least_half = Threshold {
            strict: false,
            ..half
        };
        for (base, need) in [(0, 0), (1, 1), (2, 1), (3, 2), (328, 164)] {
            assert_eq!(at_least_half.required(base).unwrap(), need, "base {base}");
        }
        let all = Threshold {
            numerator: 1,
            denominator: 1,
            strict: false,
            ..half
        };
        assert_eq!(all.required(u64::MAX).unwrap(), u64::MAX);
        let more_than_all = Threshold {
            strict: true,
            ..all
        };
        assert!(more_than_all.validate().is_err());
        assert!(more_than_all.required(u64::MAX).is_err());
    }

    #[test]
    fn a_threshold_no_count_of_votes_can_pass_is_refused() {
        let t = |numerator, denominator, strict| Threshold {
            base: ThresholdBase::Present,
            numerator,
            denominator,
            strict,
        };
        let refused = |field, reason| VoteError::InvalidRules { field, reason };
        let whole = "must be false when the numerator equals the denominator: no project \
                     can have more votes than the whole base";
        // More than 1/1 (or 2/2) of 40 present: 41 votes of 40. Refused.
        assert_eq!(
            t(1, 1, true).validate(),
            Err(refused("threshold.strict", whole))
        );
        assert_eq!(
            t(2, 2, true).required(40),
            Err(refused("threshold.strict", whole))
        );
        // The other corners, refused before: no denominator, a share above one.
        let zero = Err(refused("threshold.denominator", "must not be zero"));
        assert_eq!(t(0, 0, true).validate(), zero);
        assert_eq!(t(0, 0, false).validate(), zero);
        assert_eq!(
            t(3, 2, false).validate(),
            Err(refused(
                "threshold.numerator",
                "must not exceed the denominator"
            ))
        );
        // Near misses: all 40 present (unanimity), more than 99/100 of 40
        // (39.6: 40 votes), more than none (one vote), at least none (no
        // vote needed: a threshold that every project meets).
        assert_eq!(t(1, 1, false).required(40), Ok(40));
        assert_eq!(t(99, 100, true).required(40), Ok(40));
        assert_eq!(t(0, 2, true).required(40), Ok(1));
        assert_eq!(t(0, 2, false).required(40), Ok(0));
    }

    #[test]
    fn competition_edges() {
        let c = Competition {
            min_surplus: 2,
            min_surplus_ratio: Some(Decimal::new(25, 2)),
        };
        assert_eq!(
            c.check(3, 5),
            Err(VoteError::NotCompetitive {
                candidates: 3,
                places: 5
            })
        );
        assert_eq!(
            c.check(5, 4),
            Err(VoteError::SurplusTooSmall { surplus: 1, min: 2 })
        );
        // 20 candidates for 10 places (Liyang 2010): surplus 10, 100 %.
        assert!(c.check(20, 10).is_ok());
        // surplus 2 of 10 places = 20 % < 25 %.
        assert!(matches!(
            c.check(12, 10),
            Err(VoteError::SurplusRatioTooSmall { surplus: 2, .. })
        ));
        // exactly 25 %: enough.
        assert!(c.check(10, 8).is_ok());
    }

    #[test]
    fn invalid_rules_name_the_field() {
        let mut r = Policy::election_style(3).unwrap();
        r.budget_cap = Some(Decimal::NEGATIVE_ONE);
        assert!(matches!(
            r.validate(),
            Err(VoteError::InvalidRules {
                field: "budget_cap",
                ..
            })
        ));
        let mut r = Policy::election_style(3).unwrap();
        r.threshold = Some(Threshold {
            denominator: 0,
            ..Threshold::MORE_THAN_HALF_OF_ALL
        });
        assert!(matches!(
            r.validate(),
            Err(VoteError::InvalidRules {
                field: "threshold.denominator",
                ..
            })
        ));
    }

    /// The edges of what a policy may say: each field at its last accepted
    /// value, and one past it.
    #[test]
    fn policy_edges_accepted_and_refused() {
        let field = |r: &Policy| match r.validate() {
            Ok(()) => None,
            Err(VoteError::InvalidRules { field, .. }) => Some(field),
            Err(e) => panic!("{e}"),
        };
        let mut r = Policy::election_style(3).unwrap();
        r.rating.decimals = crate::stats::MAX_DECIMALS;
        assert_eq!(field(&r), None, "twelve decimals");
        r.rating.decimals = crate::stats::MAX_DECIMALS + 1;
        assert_eq!(field(&r), Some("rating.decimals"));
        let table = |points: &[u64]| RankedCount::PointsTable {
            points: points.to_vec(),
        };
        let cases = [
            (table(&[10, 10, 6]), None),
            (table(&[1]), None),
            (table(&[6, 8]), Some("ranked_count.points")),
            (table(&[0]), Some("ranked_count.points")),
            (table(&[]), Some("ranked_count.points")),
            (RankedCount::TopK { k: 1 }, None),
            (RankedCount::TopK { k: 0 }, Some("ranked_count.k")),
        ];
        for (count, want) in cases {
            let mut r = Policy::election_style(3).unwrap();
            r.ranked_count = count.clone();
            assert_eq!(field(&r), want, "{count:?}");
        }
    }

    #[test]
    fn counting_methods_are_labelled_in_both_languages() {
        let cases = [
            (RankedCount::Borda, "波达计分", "Borda points"),
            (
                RankedCount::PointsTable { points: vec![3] },
                "按名次计分表",
                "points table by rank",
            ),
            (RankedCount::RankSum, "名次之和", "rank sum"),
            (RankedCount::MeanRank, "平均名次", "mean rank"),
            (
                RankedCount::TopK { k: 2 },
                "进入前若干位的票数",
                "count in the top k",
            ),
        ];
        for (m, zh, en) in cases {
            assert_eq!((m.label_zh(), m.label_en()), (zh, en));
        }
    }
}

//! Completion rating (满意度测评) of a finished project.

use super::{RatingRules, VoteError};
use crate::common::{Labelled, ProjectId};
use crate::stats::{Rate, Rounding, shares};
use rust_decimal::Decimal;

/// One deputy's rating of a finished project.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::Satisfaction;
/// assert_eq!(Satisfaction::BasicallySatisfied.label_zh(), "基本满意");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Satisfaction {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Dissatisfied,
    /// 弃权.
    Abstain,
}

impl Labelled for Satisfaction {
    fn label_zh(&self) -> &str {
        match self {
            Self::Satisfied => "满意",
            Self::BasicallySatisfied => "基本满意",
            Self::Dissatisfied => "不满意",
            Self::Abstain => "弃权",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::Satisfied => "satisfied",
            Self::BasicallySatisfied => "basically satisfied",
            Self::Dissatisfied => "dissatisfied",
            Self::Abstain => "abstain",
        }
    }
}

/// The ratings of one finished project: counts that add and merge.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{CompletionRating, RatingRules, Satisfaction};
///
/// let mut r = CompletionRating::new(ProjectId::new(1));
/// r.add_many(Satisfaction::Satisfied, 273);
/// r.add_many(Satisfaction::BasicallySatisfied, 4);
/// r.add_many(Satisfaction::Dissatisfied, 4);
/// r.add(Satisfaction::Abstain);
/// let report = r.report(&RatingRules::default())?;
/// assert_eq!(report.whole, 282);
/// assert_eq!(report.combined.to_string(), "98.23");
/// let without = r.report(&RatingRules { exclude_abstentions: true, decimals: 2 })?;
/// assert_eq!(without.combined.to_string(), "98.58");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CompletionRating {
    /// The project rated.
    pub project: ProjectId,
    /// 满意.
    pub satisfied: u64,
    /// 基本满意.
    pub basically_satisfied: u64,
    /// 不满意.
    pub dissatisfied: u64,
    /// 弃权.
    pub abstained: u64,
}

/// Satisfaction rates of one project, as percentages.
///
/// `satisfied`, `basically_satisfied`, `combined` and `dissatisfied` are
/// each rounded on their own (四舍五入), so `combined` is the rounded rate of
/// satisfied + basically satisfied, not the sum of two rounded figures.
/// `shares` instead add up to exactly 100 (largest remainder), one for each
/// category in the whole: satisfied, basically satisfied, dissatisfied, and
/// abstained unless abstentions are excluded.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{CompletionRating, RatingRules, Satisfaction};
/// let mut r = CompletionRating::new(ProjectId::new(1));
/// r.add_many(Satisfaction::Satisfied, 131);
/// r.add_many(Satisfaction::BasicallySatisfied, 49);
/// r.add(Satisfaction::Dissatisfied);
/// let report = r.report(&RatingRules { exclude_abstentions: true, decimals: 1 })?;
/// // each rounded: 72.4 + 27.1 + 0.6 = 100.1; the shares add up to 100.0
/// assert_eq!(report.dissatisfied.to_string(), "0.6");
/// let shares: Vec<String> = report.shares.iter().map(|(_, d)| d.to_string()).collect();
/// assert_eq!(shares, ["72.4", "27.1", "0.5"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RatingReport {
    /// The project rated.
    pub project: ProjectId,
    /// The whole the rates are of (all ratings, or all but abstentions).
    pub whole: u64,
    /// 满意率.
    pub satisfied: Decimal,
    /// 基本满意率.
    pub basically_satisfied: Decimal,
    /// 满意 + 基本满意 (总体满意率).
    pub combined: Decimal,
    /// 不满意率.
    pub dissatisfied: Decimal,
    /// Shares adding up to exactly 100, in category order.
    pub shares: Vec<(Satisfaction, Decimal)>,
}

impl CompletionRating {
    /// No ratings yet for `project`.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::CompletionRating;
    /// assert_eq!(CompletionRating::new(ProjectId::new(1)).total(), 0);
    /// ```
    #[must_use]
    pub const fn new(project: ProjectId) -> Self {
        Self {
            project,
            satisfied: 0,
            basically_satisfied: 0,
            dissatisfied: 0,
            abstained: 0,
        }
    }

    /// Counts one rating.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{CompletionRating, Satisfaction};
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add(Satisfaction::Dissatisfied);
    /// assert_eq!(r.dissatisfied, 1);
    /// ```
    pub fn add(&mut self, rating: Satisfaction) {
        self.add_many(rating, 1);
    }

    /// Counts `n` equal ratings (saturating at `u64::MAX`).
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{CompletionRating, Satisfaction};
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add_many(Satisfaction::Satisfied, 5);
    /// assert_eq!(r.total(), 5);
    /// ```
    pub fn add_many(&mut self, rating: Satisfaction, n: u64) {
        let c = match rating {
            Satisfaction::Satisfied => &mut self.satisfied,
            Satisfaction::BasicallySatisfied => &mut self.basically_satisfied,
            Satisfaction::Dissatisfied => &mut self.dissatisfied,
            Satisfaction::Abstain => &mut self.abstained,
        };
        *c = c.saturating_add(n);
    }

    /// Adds the ratings of another count of the same project.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{CompletionRating, Satisfaction, VoteError};
    /// let mut a = CompletionRating::new(ProjectId::new(1));
    /// let mut b = a.clone();
    /// b.add(Satisfaction::Satisfied);
    /// a.merge(&b)?;
    /// assert_eq!(a.satisfied, 1);
    /// assert!(a.merge(&CompletionRating::new(ProjectId::new(2))).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::RatingMismatch`] when `other` rates another project.
    pub fn merge(&mut self, other: &Self) -> Result<(), VoteError> {
        if other.project != self.project {
            return Err(VoteError::RatingMismatch {
                project: self.project,
                other: other.project,
            });
        }
        self.satisfied = self.satisfied.saturating_add(other.satisfied);
        self.basically_satisfied = self
            .basically_satisfied
            .saturating_add(other.basically_satisfied);
        self.dissatisfied = self.dissatisfied.saturating_add(other.dissatisfied);
        self.abstained = self.abstained.saturating_add(other.abstained);
        Ok(())
    }

    /// All ratings, abstentions included (saturating).
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{CompletionRating, Satisfaction};
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add(Satisfaction::Abstain);
    /// assert_eq!(r.total(), 1);
    /// ```
    #[must_use]
    pub const fn total(&self) -> u64 {
        self.satisfied
            .saturating_add(self.basically_satisfied)
            .saturating_add(self.dissatisfied)
            .saturating_add(self.abstained)
    }

    /// The satisfaction rates under `rules`.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{CompletionRating, RatingRules, Satisfaction};
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add_many(Satisfaction::Satisfied, 2);
    /// r.add(Satisfaction::Dissatisfied);
    /// let report = r.report(&RatingRules { exclude_abstentions: false, decimals: 1 })?;
    /// assert_eq!(report.satisfied.to_string(), "66.7");
    /// assert_eq!(report.dissatisfied.to_string(), "33.3");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::Stats`] with [`StatsError::NoData`](crate::stats::StatsError::NoData)
    /// when there is nothing to rate (no ratings, or only abstentions when
    /// they are excluded) and [`StatsError::Overflow`](crate::stats::StatsError::Overflow)
    /// when the counts add up past `u64`.
    pub fn report(&self, rules: &RatingRules) -> Result<RatingReport, VoteError> {
        use crate::stats::StatsError;
        let mut parts = vec![
            (Satisfaction::Satisfied, self.satisfied),
            (Satisfaction::BasicallySatisfied, self.basically_satisfied),
            (Satisfaction::Dissatisfied, self.dissatisfied),
        ];
        if !rules.exclude_abstentions {
            parts.push((Satisfaction::Abstain, self.abstained));
        }
        let whole = parts
            .iter()
            .try_fold(0_u64, |a, &(_, n)| a.checked_add(n))
            .ok_or(StatsError::Overflow)?;
        let both = self
            .satisfied
            .checked_add(self.basically_satisfied)
            .ok_or(StatsError::Overflow)?;
        let d = rules.decimals;
        let pct = |part| Rate::new(part, whole)?.percent(d, Rounding::HalfUp);
        let counts: Vec<u64> = parts.iter().map(|&(_, n)| n).collect();
        let split = shares(&counts, d)?;
        Ok(RatingReport {
            project: self.project,
            whole,
            satisfied: pct(self.satisfied)?,
            basically_satisfied: pct(self.basically_satisfied)?,
            combined: pct(both)?,
            dissatisfied: pct(self.dissatisfied)?,
            shares: parts.iter().map(|&(s, _)| s).zip(split).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::StatsError;

    fn rating(s: u64, b: u64, d: u64, a: u64) -> CompletionRating {
        CompletionRating {
            project: ProjectId::new(1),
            satisfied: s,
            basically_satisfied: b,
            dissatisfied: d,
            abstained: a,
        }
    }

    #[test]
    fn huzhou_style_two_decimals() {
        // 9,856 of 10,000 satisfied or basically satisfied: 98.56 %.
        let r = rating(9_247, 609, 144, 0)
            .report(&RatingRules::default())
            .unwrap();
        assert_eq!(r.combined.to_string(), "98.56");
        assert_eq!(r.satisfied.to_string(), "92.47");
        assert_eq!(r.basically_satisfied.to_string(), "6.09");
        assert_eq!(
            r.shares.iter().map(|(_, d)| *d).sum::<Decimal>(),
            Decimal::ONE_HUNDRED
        );
    }

    #[test]
    fn combined_is_rounded_once() {
        // 1/3 and 1/3 of 3 at 0 dp: 33 + 33 = 66, but 2/3 rounds to 67.
        let r = rating(1, 1, 1, 0)
            .report(&RatingRules {
                exclude_abstentions: false,
                decimals: 0,
            })
            .unwrap();
        assert_eq!(r.satisfied, Decimal::from(33));
        assert_eq!(r.combined, Decimal::from(67));
        // the shares add up to 100: 34 / 33 / 33, and 0 abstentions
        let s: Vec<Decimal> = r.shares.iter().map(|(_, d)| *d).collect();
        assert_eq!(
            s,
            [
                Decimal::from(34),
                Decimal::from(33),
                Decimal::from(33),
                Decimal::ZERO
            ]
        );
        assert_eq!(
            r.shares.last().map(|(k, _)| *k),
            Some(Satisfaction::Abstain)
        );
    }

    #[test]
    fn abstentions_in_or_out() {
        let incl = rating(3, 0, 0, 1).report(&RatingRules::default()).unwrap();
        assert_eq!(incl.whole, 4);
        assert_eq!(incl.combined.to_string(), "75.00");
        assert_eq!(incl.shares.len(), 4);
        let excl = rating(3, 0, 0, 1)
            .report(&RatingRules {
                exclude_abstentions: true,
                decimals: 1,
            })
            .unwrap();
        assert_eq!(excl.whole, 3);
        assert_eq!(excl.combined.to_string(), "100.0");
        assert_eq!(excl.shares.len(), 3);
    }

    #[test]
    fn nothing_to_rate_is_an_error() {
        let only_abstain = rating(0, 0, 0, 5);
        assert_eq!(
            only_abstain.report(&RatingRules {
                exclude_abstentions: true,
                decimals: 2
            }),
            Err(VoteError::Stats(StatsError::NoData))
        );
        assert_eq!(
            rating(u64::MAX, 1, 0, 0).report(&RatingRules::default()),
            Err(VoteError::Stats(StatsError::Overflow))
        );
    }
}

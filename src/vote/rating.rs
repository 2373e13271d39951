//! Completion rating (满意度测评) of a finished project.
//!
//! The verdicts and their counts are the statistics engine's
//! [`Verdict`] and [`Satisfaction`]; this module ties them to a project and
//! to the vote's [`RatingRules`].

use super::{Project, RatingRules, VoteError};
use crate::common::ProjectId;
use crate::stats::{Satisfaction, SatisfactionShares, Verdict};
use rust_decimal::Decimal;

/// The ratings of one finished project (满意 / 基本满意 / 不满意 / 弃权):
/// counts that add and merge.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::stats::{Abstentions, Verdict};
/// use deputy_work::vote::{CompletionRating, RatingRules};
///
/// let mut r = CompletionRating::new(ProjectId::new(1));
/// r.add_many(Verdict::Satisfied, 273);
/// r.add_many(Verdict::BasicallySatisfied, 4);
/// r.add_many(Verdict::Unsatisfied, 4);
/// r.add(Verdict::Abstained);
/// let report = r.report(&RatingRules::default())?;
/// assert_eq!(report.whole, 282);
/// assert_eq!(report.combined.to_string(), "98.23");
/// let without = r.report(&RatingRules::new(Abstentions::Excluded, 2))?;
/// assert_eq!(without.combined.to_string(), "98.58");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct CompletionRating {
    /// The project rated.
    pub project: ProjectId,
    /// Its name (empty when made by [`CompletionRating::new`] from the id
    /// alone).
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: String,
    /// The ratings given.
    pub ratings: Satisfaction,
}

/// Satisfaction rates of one project, as percentages.
///
/// `satisfied`, `basically_satisfied`, `combined` and `unsatisfied` are
/// each rounded on their own (四舍五入), so `combined` is the rounded rate of
/// satisfied + basically satisfied, not the sum of two rounded figures.
/// `shares` instead add up to exactly 100 (largest remainder), one for each
/// verdict in the whole (abstentions only when they are counted).
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::stats::{Abstentions, Verdict};
/// use deputy_work::vote::{CompletionRating, RatingRules};
/// let mut r = CompletionRating::new(ProjectId::new(1));
/// r.add_many(Verdict::Satisfied, 131);
/// r.add_many(Verdict::BasicallySatisfied, 49);
/// r.add(Verdict::Unsatisfied);
/// let report = r.report(&RatingRules::new(Abstentions::Excluded, 1))?;
/// // each rounded: 72.4 + 27.1 + 0.6 = 100.1; the shares add up to 100.0
/// assert_eq!(report.unsatisfied.to_string(), "0.6");
/// assert_eq!(report.shares.unsatisfied.to_string(), "0.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct RatingReport {
    /// The project rated.
    pub project: ProjectId,
    /// Its name, as the rating has it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: String,
    /// The whole the rates are of (all ratings, or all but abstentions).
    pub whole: u64,
    /// 满意率.
    pub satisfied: Decimal,
    /// 基本满意率.
    pub basically_satisfied: Decimal,
    /// 满意 + 基本满意 (总体满意率).
    pub combined: Decimal,
    /// 不满意率.
    pub unsatisfied: Decimal,
    /// Shares adding up to exactly 100.
    pub shares: SatisfactionShares,
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
    pub fn new(project: ProjectId) -> Self {
        Self {
            project,
            name: String::new(),
            ratings: Satisfaction::default(),
        }
    }

    /// No ratings yet for `project`, named as the project is, so its
    /// report can show the name.
    ///
    /// ```
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::{samples, CompletionRating, RatingRules};
    /// let mut r = CompletionRating::of(&samples::project(10)?);
    /// r.add(Verdict::Satisfied);
    /// assert_eq!(r.report(&RatingRules::default())?.name, "全民健身场地");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn of(project: &Project) -> Self {
        Self {
            project: project.id,
            name: project.name.clone(),
            ratings: Satisfaction::default(),
        }
    }

    /// Counts one rating.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::CompletionRating;
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add(Verdict::Unsatisfied);
    /// assert_eq!(r.ratings.unsatisfied, 1);
    /// ```
    pub fn add(&mut self, rating: Verdict) {
        self.ratings.add(rating);
    }

    /// Counts `n` equal ratings (saturating at `u64::MAX`: the documented
    /// meaning; [`CompletionRating::report`] refuses counts that add up past
    /// `u64` with an error).
    ///
    /// Cost: O(1), whatever `n`.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::CompletionRating;
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add_many(Verdict::Satisfied, 5);
    /// assert_eq!(r.total(), 5);
    /// ```
    pub fn add_many(&mut self, rating: Verdict, n: u64) {
        let mut more = Satisfaction::default();
        match rating {
            Verdict::Satisfied => more.satisfied = n,
            Verdict::BasicallySatisfied => more.basically_satisfied = n,
            Verdict::Unsatisfied => more.unsatisfied = n,
            Verdict::Abstained => more.abstained = n,
        }
        self.ratings.merge(more);
    }

    /// Adds the ratings of another count of the same project.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::CompletionRating;
    /// let mut a = CompletionRating::new(ProjectId::new(1));
    /// let mut b = a.clone();
    /// b.add(Verdict::Satisfied);
    /// a.merge(&b)?;
    /// assert_eq!(a.ratings.satisfied, 1);
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
        self.ratings.merge(other.ratings);
        Ok(())
    }

    /// All ratings, abstentions included (saturating).
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::CompletionRating;
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add(Verdict::Abstained);
    /// assert_eq!(r.total(), 1);
    /// ```
    #[must_use]
    pub const fn total(&self) -> u64 {
        let r = &self.ratings;
        // Saturating is the documented meaning here: a display figure.
        r.satisfied
            .saturating_add(r.basically_satisfied)
            .saturating_add(r.unsatisfied)
            .saturating_add(r.abstained)
    }

    /// The satisfaction rates under `rules`.
    ///
    /// Cost: O(1): a few rates and percentages of the four counts, whatever
    /// their size.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::stats::{Abstentions, Verdict};
    /// use deputy_work::vote::{CompletionRating, RatingRules};
    /// let mut r = CompletionRating::new(ProjectId::new(1));
    /// r.add_many(Verdict::Satisfied, 2);
    /// r.add(Verdict::Unsatisfied);
    /// let report = r.report(&RatingRules::new(Abstentions::Counted, 1))?;
    /// assert_eq!(report.satisfied.to_string(), "66.7");
    /// assert_eq!(report.unsatisfied.to_string(), "33.3");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::Stats`] with [`StatsError::NoData`](crate::stats::StatsError::NoData) when there is nothing
    /// to rate (no ratings, or only abstentions when they are excluded) and
    /// [`StatsError::Overflow`](crate::stats::StatsError::Overflow) when the counts add up past `u64`.
    pub fn report(&self, rules: &RatingRules) -> Result<RatingReport, VoteError> {
        let r = &self.ratings;
        let whole = r.total(rules.abstentions)?;
        let d = rules.decimals;
        let pct =
            |part| crate::stats::Rate::new(part, whole)?.percent(d, crate::stats::Rounding::HalfUp);
        Ok(RatingReport {
            project: self.project,
            name: self.name.clone(),
            whole,
            satisfied: pct(r.satisfied)?,
            basically_satisfied: pct(r.basically_satisfied)?,
            combined: r
                .satisfied_or_basically(rules.abstentions)?
                .percent(d, crate::stats::Rounding::HalfUp)?,
            unsatisfied: pct(r.unsatisfied)?,
            shares: r.shares(d, rules.abstentions)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Abstentions, StatsError};

    fn rating(s: u64, b: u64, d: u64, a: u64) -> CompletionRating {
        CompletionRating {
            project: ProjectId::new(1),
            name: String::new(),
            ratings: Satisfaction {
                satisfied: s,
                basically_satisfied: b,
                unsatisfied: d,
                abstained: a,
            },
        }
    }

    fn sum(s: &SatisfactionShares) -> Decimal {
        s.satisfied + s.basically_satisfied + s.unsatisfied + s.abstained.unwrap_or_default()
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
        assert_eq!(sum(&r.shares), Decimal::ONE_HUNDRED);
    }

    #[test]
    fn combined_is_rounded_once() {
        // 1/3 and 1/3 of 3 at 0 dp: 33 + 33 = 66, but 2/3 rounds to 67.
        let r = rating(1, 1, 1, 0)
            .report(&RatingRules {
                abstentions: Abstentions::Counted,
                decimals: 0,
            })
            .unwrap();
        assert_eq!(r.satisfied, Decimal::from(33));
        assert_eq!(r.combined, Decimal::from(67));
        // the shares add up to 100: 34 / 33 / 33, and 0 abstentions
        assert_eq!(
            r.shares,
            SatisfactionShares {
                satisfied: Decimal::from(34),
                basically_satisfied: Decimal::from(33),
                unsatisfied: Decimal::from(33),
                abstained: Some(Decimal::ZERO),
            }
        );
    }

    #[test]
    fn abstentions_in_or_out() {
        let incl = rating(3, 0, 0, 1).report(&RatingRules::default()).unwrap();
        assert_eq!(incl.whole, 4);
        assert_eq!(incl.combined.to_string(), "75.00");
        assert_eq!(
            incl.shares.abstained.map(|d| d.to_string()),
            Some("25.00".into())
        );
        let excl = rating(3, 0, 0, 1)
            .report(&RatingRules {
                abstentions: Abstentions::Excluded,
                decimals: 1,
            })
            .unwrap();
        assert_eq!(excl.whole, 3);
        assert_eq!(excl.combined.to_string(), "100.0");
        assert_eq!(excl.shares.abstained, None);
    }

    #[test]
    fn nothing_to_rate_is_an_error() {
        let only_abstain = rating(0, 0, 0, 5);
        assert_eq!(
            only_abstain.report(&RatingRules {
                abstentions: Abstentions::Excluded,
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

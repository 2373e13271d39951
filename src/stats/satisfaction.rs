//! Satisfaction verdicts (满意 / 基本满意 / 不满意 / 弃权) and their shares.

use super::{Rate, StatsError, shares};
use crate::common::labelled_enum;
use rust_decimal::Decimal;

labelled_enum! {
    /// One verdict on a feedback form or in a satisfaction vote (满意度测评).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::stats::Verdict;
    /// assert_eq!(Verdict::BasicallySatisfied.label_zh(), "基本满意");
    /// assert_eq!(Verdict::ALL.len(), 4);
    /// ```
    pub enum Verdict in stats {
        /// 满意.
        Satisfied = "satisfied", "满意", "satisfied";
        /// 基本满意.
        BasicallySatisfied = "basically_satisfied", "基本满意", "basically satisfied";
        /// 不满意.
        Unsatisfied = "unsatisfied", "不满意", "unsatisfied";
        /// 弃权: no verdict given (only some votes allow it).
        Abstained = "abstained", "弃权", "abstained";
    }
}

labelled_enum! {
    /// Whether abstentions count in the whole that satisfaction shares are
    /// taken of. Places differ; the default excludes them.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::stats::Abstentions;
    /// assert_eq!(Abstentions::default(), Abstentions::Excluded);
    /// assert_eq!(Abstentions::Counted.label_zh(), "弃权计入");
    /// ```
    #[derive(Default)]
    pub enum Abstentions in stats {
        /// Shares are of the verdicts actually given (the default).
        #[default]
        Excluded = "excluded", "弃权不计入", "abstentions excluded";
        /// Shares are of every ballot, abstentions included.
        Counted = "counted", "弃权计入", "abstentions counted";
    }
}

/// Counts of each [`Verdict`]; mergeable.
///
/// ```
/// use deputy_work::stats::{Abstentions, Satisfaction, Verdict};
/// let mut s = Satisfaction::default();
/// for _ in 0..92 { s.add(Verdict::Satisfied); }
/// for _ in 0..7 { s.add(Verdict::BasicallySatisfied); }
/// s.add(Verdict::Unsatisfied);
/// s.add(Verdict::Abstained);
/// let shares = s.shares(1, Abstentions::Excluded)?;
/// assert_eq!(shares.satisfied.to_string(), "92.0");
/// assert_eq!(shares.basically_satisfied.to_string(), "7.0");
/// assert_eq!(shares.unsatisfied.to_string(), "1.0");
/// assert_eq!(shares.abstained, None);
/// assert_eq!(s.satisfied_or_basically(Abstentions::Excluded)?.part(), 99);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Satisfaction {
    /// How many said 满意.
    pub satisfied: u64,
    /// How many said 基本满意.
    pub basically_satisfied: u64,
    /// How many said 不满意.
    pub unsatisfied: u64,
    /// How many abstained (弃权).
    pub abstained: u64,
}

/// Satisfaction shares that add up to exactly 100 (largest remainder, see
/// [`shares`]).
///
/// ```
/// use deputy_work::stats::{Abstentions, Satisfaction};
/// let s = Satisfaction { satisfied: 1, basically_satisfied: 1, unsatisfied: 1, abstained: 1 };
/// let sh = s.shares(0, Abstentions::Counted)?;
/// assert_eq!(sh.abstained.map(|d| d.to_string()), Some("25".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct SatisfactionShares {
    /// Percentage satisfied.
    pub satisfied: Decimal,
    /// Percentage basically satisfied.
    pub basically_satisfied: Decimal,
    /// Percentage unsatisfied.
    pub unsatisfied: Decimal,
    /// Percentage abstained, when abstentions are counted.
    pub abstained: Option<Decimal>,
}

impl Satisfaction {
    /// Counts one verdict (saturating at `u64::MAX`).
    ///
    /// ```
    /// use deputy_work::stats::{Satisfaction, Verdict};
    /// let mut s = Satisfaction::default();
    /// s.add(Verdict::BasicallySatisfied);
    /// assert_eq!(s.basically_satisfied, 1);
    /// ```
    pub fn add(&mut self, verdict: Verdict) {
        let slot = match verdict {
            Verdict::Satisfied => &mut self.satisfied,
            Verdict::BasicallySatisfied => &mut self.basically_satisfied,
            Verdict::Unsatisfied => &mut self.unsatisfied,
            Verdict::Abstained => &mut self.abstained,
        };
        // Saturation at u64::MAX is the documented meaning of a count here.
        *slot = slot.saturating_add(1);
    }

    /// Adds another count to this one (saturating at `u64::MAX`).
    ///
    /// ```
    /// use deputy_work::stats::{Satisfaction, Verdict};
    /// let mut a: Satisfaction = [Verdict::Satisfied].into_iter().collect();
    /// a.merge([Verdict::Satisfied, Verdict::Unsatisfied].into_iter().collect());
    /// assert_eq!((a.satisfied, a.unsatisfied), (2, 1));
    /// ```
    pub fn merge(&mut self, other: Self) {
        // Saturation at u64::MAX is the documented meaning of a count here.
        self.satisfied = self.satisfied.saturating_add(other.satisfied);
        self.basically_satisfied = self
            .basically_satisfied
            .saturating_add(other.basically_satisfied);
        self.unsatisfied = self.unsatisfied.saturating_add(other.unsatisfied);
        self.abstained = self.abstained.saturating_add(other.abstained);
    }

    /// The count of one verdict.
    ///
    /// ```
    /// use deputy_work::stats::{Satisfaction, Verdict};
    /// let s: Satisfaction = [Verdict::Unsatisfied, Verdict::Unsatisfied].into_iter().collect();
    /// assert_eq!(s.count(Verdict::Unsatisfied), 2);
    /// ```
    #[must_use]
    pub const fn count(&self, verdict: Verdict) -> u64 {
        match verdict {
            Verdict::Satisfied => self.satisfied,
            Verdict::BasicallySatisfied => self.basically_satisfied,
            Verdict::Unsatisfied => self.unsatisfied,
            Verdict::Abstained => self.abstained,
        }
    }

    /// The whole the shares are taken of.
    ///
    /// ```
    /// use deputy_work::stats::{Abstentions, Satisfaction, Verdict};
    /// let s: Satisfaction = [Verdict::Satisfied, Verdict::Abstained].into_iter().collect();
    /// assert_eq!(s.total(Abstentions::Excluded)?, 1);
    /// assert_eq!(s.total(Abstentions::Counted)?, 2);
    /// assert_eq!(s.count(Verdict::Abstained), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::Overflow`] past `u64::MAX`.
    pub fn total(&self, abstentions: Abstentions) -> Result<u64, StatsError> {
        let given = self
            .satisfied
            .checked_add(self.basically_satisfied)
            .and_then(|n| n.checked_add(self.unsatisfied))
            .ok_or(StatsError::Overflow)?;
        match abstentions {
            Abstentions::Excluded => Ok(given),
            Abstentions::Counted => given
                .checked_add(self.abstained)
                .ok_or(StatsError::Overflow),
        }
    }

    /// Satisfied or basically satisfied, as a part of [`Satisfaction::total`]:
    /// the overall satisfaction rate (满意率 in the wide sense).
    ///
    /// ```
    /// use deputy_work::stats::{Abstentions, Satisfaction};
    /// let s = Satisfaction { satisfied: 30, basically_satisfied: 4, unsatisfied: 1, abstained: 1 };
    /// assert_eq!(s.satisfied_or_basically(Abstentions::Excluded)?.to_string(), "97.1%");
    /// assert_eq!(s.satisfied_or_basically(Abstentions::Counted)?.to_string(), "94.4%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::NoData`] when there is no verdict; [`StatsError::Overflow`].
    pub fn satisfied_or_basically(&self, abstentions: Abstentions) -> Result<Rate, StatsError> {
        let part = self
            .satisfied
            .checked_add(self.basically_satisfied)
            .ok_or(StatsError::Overflow)?;
        Rate::new(part, self.total(abstentions)?)
    }

    /// The shares of each verdict at `decimals` decimals, adding up to
    /// exactly 100 by the largest-remainder method; equal remainders go in
    /// the order satisfied, basically satisfied, unsatisfied, abstained
    /// after the larger count (the rule of [`shares`]).
    ///
    /// Cost: O(1): four counts.
    ///
    /// ```
    /// use deputy_work::stats::{Abstentions, Satisfaction};
    /// let s = Satisfaction { satisfied: 1, basically_satisfied: 1, unsatisfied: 1, abstained: 0 };
    /// let sh = s.shares(1, Abstentions::Excluded)?;
    /// assert_eq!(sh.satisfied + sh.basically_satisfied + sh.unsatisfied, "100.0".parse()?);
    /// assert_eq!(sh.abstained, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::NoData`] when the whole is zero; the errors of [`shares`].
    pub fn shares(
        &self,
        decimals: u32,
        abstentions: Abstentions,
    ) -> Result<SatisfactionShares, StatsError> {
        let mut counts = vec![self.satisfied, self.basically_satisfied, self.unsatisfied];
        if abstentions == Abstentions::Counted {
            counts.push(self.abstained);
        }
        let s = shares(&counts, decimals)?;
        let mut it = s.into_iter();
        let mut next = || it.next().ok_or(StatsError::NoData);
        Ok(SatisfactionShares {
            satisfied: next()?,
            basically_satisfied: next()?,
            unsatisfied: next()?,
            abstained: match abstentions {
                Abstentions::Counted => Some(next()?),
                Abstentions::Excluded => None,
            },
        })
    }
}

impl FromIterator<Verdict> for Satisfaction {
    fn from_iter<I: IntoIterator<Item = Verdict>>(iter: I) -> Self {
        let mut s = Self::default();
        for v in iter {
            s.add(v);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_style_split() {
        // A split in the style of a published report (92.47 % / 7.53 %): 1,229 and 100 of
        // 1,329; the one step still missing goes to the larger remainder.
        let s = Satisfaction {
            satisfied: 1_229,
            basically_satisfied: 100,
            unsatisfied: 0,
            abstained: 3,
        };
        let sh = s.shares(2, Abstentions::Excluded).unwrap();
        assert_eq!(sh.satisfied.to_string(), "92.48");
        assert_eq!(sh.basically_satisfied.to_string(), "7.52");
        assert_eq!(sh.unsatisfied.to_string(), "0.00");
        let with = s.shares(2, Abstentions::Counted).unwrap();
        assert_eq!(
            with.satisfied + with.basically_satisfied + with.unsatisfied + with.abstained.unwrap(),
            Decimal::ONE_HUNDRED
        );
    }

    #[test]
    fn no_verdicts_is_no_data() {
        let s = Satisfaction {
            abstained: 4,
            ..Satisfaction::default()
        };
        assert_eq!(s.shares(1, Abstentions::Excluded), Err(StatsError::NoData));
        assert_eq!(
            s.satisfied_or_basically(Abstentions::Excluded),
            Err(StatsError::NoData)
        );
        assert_eq!(
            s.satisfied_or_basically(Abstentions::Counted),
            Rate::new(0, 4)
        );
    }

    #[test]
    fn merge_adds_each_count() {
        let a: Satisfaction = [Verdict::Satisfied, Verdict::Abstained]
            .into_iter()
            .collect();
        let mut b: Satisfaction = [Verdict::Satisfied, Verdict::Unsatisfied]
            .into_iter()
            .collect();
        b.merge(a);
        assert_eq!(b.count(Verdict::Satisfied), 2);
        assert_eq!(b.count(Verdict::Unsatisfied), 1);
        assert_eq!(b.count(Verdict::Abstained), 1);
        assert_eq!(b.total(Abstentions::Counted), Ok(4));
    }
}

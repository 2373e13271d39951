//! Person-times (人次) and distinct persons.

use std::collections::BTreeMap;

/// Counts person-times (人次) and distinct persons from the same records.
///
/// One person at three events is three person-times and one person.
/// Counting can be split: counting two record sets separately and merging
/// gives exactly the count of both together.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::stats::Headcount;
///
/// let mut morning = Headcount::new();
/// morning.extend([DeputyId::new(1), DeputyId::new(2), DeputyId::new(1)]);
/// let mut evening = Headcount::new();
/// evening.add(DeputyId::new(2));
/// morning.merge(evening);
/// assert_eq!(morning.person_times(), 4);
/// assert_eq!(morning.distinct_persons(), 2);
/// assert_eq!(morning.times_of(&DeputyId::new(2)), 2);
/// ```
///
/// A stored count is validated on the way in: its person-times must be
/// the sum of each person's times (saturating, as counting does). Cost of
/// loading: O(p log p) in the p persons stored (read into a map).
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::stats::Headcount;
/// let h: Headcount<DeputyId> = serde_json::from_str(r#"{"times":{"1":2,"2":1},"person_times":3}"#)?;
/// assert_eq!(h.person_times(), 3);
/// let edited = r#"{"times":{"1":2,"2":1},"person_times":4}"#;
/// assert!(serde_json::from_str::<Headcount<DeputyId>>(edited).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "HeadcountData<P>",
        bound(deserialize = "P: Ord + serde::Deserialize<'de>")
    )
)]
pub struct Headcount<P: Ord> {
    times: BTreeMap<P, u64>,
    person_times: u64,
}

/// The stored form of a [`Headcount`], checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadcountData<P: Ord> {
    times: BTreeMap<P, u64>,
    person_times: u64,
}

#[cfg(feature = "serde")]
impl<P: Ord> TryFrom<HeadcountData<P>> for Headcount<P> {
    type Error = super::StatsError;
    fn try_from(d: HeadcountData<P>) -> Result<Self, Self::Error> {
        // `add_times` adds `n` to the person's times and to person-times,
        // both saturating at u64::MAX; `merge` is `add_times` for each
        // person. Saturating sums of counts are min(true sum, u64::MAX), so
        // person-times is always the saturating sum of the times. (A person
        // with 0 times is possible: `add_times(p, 0)`.)
        let sum = d.times.values().fold(0_u64, |a, &n| a.saturating_add(n));
        if sum != d.person_times {
            return Err(super::StatsError::CorruptCounts {
                field: "person_times".to_owned(),
                problem: "person-times must be the sum of each person's times",
            });
        }
        Ok(Self {
            times: d.times,
            person_times: d.person_times,
        })
    }
}

impl<P: Ord> Default for Headcount<P> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P: Ord> Headcount<P> {
    /// An empty count.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let h: Headcount<DeputyId> = Headcount::new();
    /// assert_eq!((h.person_times(), h.distinct_persons()), (0, 0));
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            times: BTreeMap::new(),
            person_times: 0,
        }
    }

    /// Counts one attendance by `person`.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.add(DeputyId::new(1));
    /// h.add(DeputyId::new(1));
    /// assert_eq!((h.person_times(), h.distinct_persons()), (2, 1));
    /// ```
    pub fn add(&mut self, person: P) {
        self.add_times(person, 1);
    }

    /// Counts `n` attendances by `person` (saturating at `u64::MAX`).
    ///
    /// Cost: O(log p) in the p persons counted, whatever `n`.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.add_times(DeputyId::new(4), 3);
    /// assert_eq!(h.times_of(&DeputyId::new(4)), 3);
    /// ```
    pub fn add_times(&mut self, person: P, n: u64) {
        // Saturation at u64::MAX is the documented meaning of a count here.
        let t = self.times.entry(person).or_insert(0);
        *t = t.saturating_add(n);
        self.person_times = self.person_times.saturating_add(n);
    }

    /// Adds another count to this one.
    ///
    /// Cost: O(m log(p + m)) for `other`'s m persons; memory: the persons
    /// added.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let (mut a, mut b) = (Headcount::new(), Headcount::new());
    /// a.add(DeputyId::new(1));
    /// b.add(DeputyId::new(1));
    /// b.add(DeputyId::new(2));
    /// a.merge(b);
    /// assert_eq!((a.person_times(), a.distinct_persons()), (3, 2));
    /// ```
    pub fn merge(&mut self, other: Self) {
        for (p, n) in other.times {
            self.add_times(p, n);
        }
    }

    /// Person-times (人次): every attendance counted.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.extend([DeputyId::new(1), DeputyId::new(1), DeputyId::new(2)]);
    /// assert_eq!(h.person_times(), 3);
    /// ```
    #[must_use]
    pub const fn person_times(&self) -> u64 {
        self.person_times
    }

    /// Distinct persons (人).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.extend([DeputyId::new(1), DeputyId::new(1), DeputyId::new(2)]);
    /// assert_eq!(h.distinct_persons(), 2);
    /// ```
    #[must_use]
    pub fn distinct_persons(&self) -> u64 {
        let n = u64::try_from(self.times.len());
        debug_assert!(
            n.is_ok(),
            "a usize length fits u64 on every supported target"
        );
        n.unwrap_or(u64::MAX)
    }

    /// How many times `person` was counted.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.add(DeputyId::new(1));
    /// assert_eq!((h.times_of(&DeputyId::new(1)), h.times_of(&DeputyId::new(2))), (1, 0));
    /// ```
    #[must_use]
    pub fn times_of(&self, person: &P) -> u64 {
        // A person never counted was counted zero times.
        self.times.get(person).copied().unwrap_or(0)
    }

    /// Each person with their count, in the persons' order.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::stats::Headcount;
    /// let mut h = Headcount::new();
    /// h.extend([DeputyId::new(2), DeputyId::new(1), DeputyId::new(2)]);
    /// let each: Vec<(u32, u64)> = h.iter().map(|(d, n)| (d.get(), n)).collect();
    /// assert_eq!(each, [(1, 1), (2, 2)]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&P, u64)> {
        self.times.iter().map(|(p, &n)| (p, n))
    }
}

impl<P: Ord> Extend<P> for Headcount<P> {
    fn extend<I: IntoIterator<Item = P>>(&mut self, iter: I) {
        for p in iter {
            self.add(p);
        }
    }
}

impl<P: Ord> FromIterator<P> for Headcount<P> {
    fn from_iter<I: IntoIterator<Item = P>>(iter: I) -> Self {
        let mut h = Self::new();
        h.extend(iter);
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn merging_equals_counting_the_union(a in prop::collection::vec(0_u8..20, 0..50), b in prop::collection::vec(0_u8..20, 0..50)) {
            let mut left: Headcount<u8> = a.iter().copied().collect();
            left.merge(b.iter().copied().collect());
            let both: Headcount<u8> = a.iter().chain(&b).copied().collect();
            prop_assert_eq!(&left, &both);
            prop_assert_eq!(both.person_times(), (a.len() + b.len()) as u64);
            let mut distinct: Vec<u8> = a.iter().chain(&b).copied().collect();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(both.distinct_persons(), distinct.len() as u64);
            // Each person's count, against counting by hand.
            let mut by_hand = BTreeMap::<u8, u64>::new();
            for p in a.iter().chain(&b) {
                *by_hand.entry(*p).or_default() += 1;
            }
            let each: Vec<(u8, u64)> = both.iter().map(|(p, n)| (*p, n)).collect();
            prop_assert_eq!(each, by_hand.iter().map(|(p, n)| (*p, *n)).collect::<Vec<_>>());
            for p in 0_u8..21 {
                prop_assert_eq!(both.times_of(&p), by_hand.get(&p).copied().unwrap_or(0));
            }
        }
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use crate::stats::StatsError;

    #[test]
    fn person_times_must_add_up_even_when_saturated() {
        let mut h: Headcount<u8> = [1, 1, 2].into_iter().collect();
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<Headcount<u8>>(&json).unwrap(), h);
        let edited = json.replace(r#""person_times":3"#, r#""person_times":2"#);
        let err = serde_json::from_str::<Headcount<u8>>(&edited).unwrap_err();
        let expected = StatsError::CorruptCounts {
            field: "person_times".into(),
            problem: "person-times must be the sum of each person's times",
        };
        assert!(err.to_string().contains(&expected.to_string()), "{err}");
        // Saturated counts are counts `add_times` makes: accepted.
        h.add_times(3, u64::MAX);
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<Headcount<u8>>(&json).unwrap(), h);
    }
}

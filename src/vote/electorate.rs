//! The electorate: all deputies, and who is present.

use super::VoteError;
use crate::common::DeputyId;

/// A dense set of positions `0..len`, one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    pub(crate) fn new(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    #[cfg(any(feature = "serde", test))]
    pub(crate) fn from_words(words: Vec<u64>, len: usize) -> Option<Self> {
        if words.len() != len.div_ceil(64) {
            return None;
        }
        let tail = len % 64;
        if tail != 0
            && words
                .last()
                .is_some_and(|w| super::invariant(w.checked_shr(tail as u32), 0, "tail < 64") != 0)
        {
            return None;
        }
        Some(Self { words, len })
    }

    #[cfg(feature = "serde")]
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(crate) fn contains(&self, pos: usize) -> bool {
        if pos >= self.len {
            return false;
        }
        let bit = 1_u64.wrapping_shl((pos % 64) as u32);
        self.words.get(pos / 64).is_some_and(|w| w & bit != 0)
    }

    /// Sets `pos`; returns `false` if it was set already (or out of range).
    #[inline]
    pub(crate) fn insert(&mut self, pos: usize) -> bool {
        if pos >= self.len {
            return false;
        }
        let bit = 1_u64.wrapping_shl((pos % 64) as u32);
        match self.words.get_mut(pos / 64) {
            Some(w) if *w & bit == 0 => {
                *w |= bit;
                true
            }
            _ => false,
        }
    }

    #[cfg(any(feature = "serde", test))]
    pub(crate) fn count(&self) -> u64 {
        self.words.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    /// The first position in both sets.
    pub(crate) fn first_common(&self, other: &Self) -> Option<usize> {
        self.words
            .iter()
            .zip(&other.words)
            .enumerate()
            .find_map(|(i, (a, b))| {
                let both = a & b;
                (both != 0).then(|| {
                    super::invariant(
                        i.checked_mul(64)
                            .and_then(|b| b.checked_add(both.trailing_zeros() as usize)),
                        usize::MAX,
                        "a word's bits are positions below len",
                    )
                })
            })
    }

    pub(crate) fn union_with(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }
}

/// The electorate of a vote: every deputy of the congress, and who is
/// present. Only a deputy present may cast a ballot.
///
/// Positions (`0..size`) follow deputy id order. When the ids are
/// contiguous (e.g. `D1..=D327`), a voter's position is one subtraction;
/// otherwise a binary search.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::vote::Electorate;
///
/// let all = (1..=327).map(DeputyId::new);
/// let present = (1..=314).map(DeputyId::new);
/// let e = Electorate::new(all, present)?;
/// assert_eq!((e.size(), e.present()), (327, 314));
/// assert!(e.is_present(DeputyId::new(314)));
/// assert!(!e.is_present(DeputyId::new(315)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ElectorateData", into = "ElectorateData")
)]
pub struct Electorate {
    /// Sorted, distinct.
    members: Vec<DeputyId>,
    present: BitSet,
    present_count: u32,
    /// `Some(first)` when the ids are `first, first + 1, …`.
    dense_from: Option<u32>,
    /// For an electorate known by its counts only ([`Electorate::counted`]):
    /// how many deputies (the member list is then empty).
    counted: Option<u32>,
}

/// The serde form of an [`Electorate`]: the lists, or the counts.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum ElectorateData {
    Named {
        members: Vec<DeputyId>,
        present: Vec<DeputyId>,
    },
    Counted {
        deputies: u32,
        signed_in: u32,
    },
}

#[cfg(feature = "serde")]
impl TryFrom<ElectorateData> for Electorate {
    type Error = VoteError;
    fn try_from(d: ElectorateData) -> Result<Self, VoteError> {
        match d {
            ElectorateData::Named { members, present } => Self::new(members, present),
            ElectorateData::Counted {
                deputies,
                signed_in,
            } => Self::counted(deputies, signed_in),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Electorate> for ElectorateData {
    fn from(e: Electorate) -> Self {
        if let Some(deputies) = e.counted {
            return Self::Counted {
                deputies,
                signed_in: e.present_count,
            };
        }
        let present = e.present_members().collect();
        Self::Named {
            members: e.members,
            present,
        }
    }
}

impl Electorate {
    /// All deputies `members` (any order) and those `present`.
    ///
    /// Cost: O(m log m) in the m members (sorted to find a repeat), plus a
    /// lookup per present deputy (an offset for consecutive ids, else a
    /// binary search); memory: the members and one bit each. Loading an
    /// [`Electorate`] with serde costs the same.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::{Electorate, VoteError};
    /// let d = DeputyId::new;
    /// assert_eq!(
    ///     Electorate::new([d(1), d(2)], [d(3)]),
    ///     Err(VoteError::PresentNotMember { deputy: d(3) })
    /// );
    /// assert_eq!(Electorate::new([d(1), d(1)], []), Err(VoteError::DuplicateDeputy { deputy: d(1) }));
    /// ```
    ///
    /// # Errors
    /// [`VoteError::EmptyElectorate`], [`VoteError::DuplicateDeputy`] (in
    /// either list), [`VoteError::PresentNotMember`],
    /// [`VoteError::ElectorateTooLarge`].
    pub fn new(
        members: impl IntoIterator<Item = DeputyId>,
        present: impl IntoIterator<Item = DeputyId>,
    ) -> Result<Self, VoteError> {
        let mut members: Vec<DeputyId> = members.into_iter().collect();
        if members.is_empty() {
            return Err(VoteError::EmptyElectorate);
        }
        let max = u32::MAX as usize;
        if members.len() > max {
            return Err(VoteError::ElectorateTooLarge {
                size: members.len(),
                max,
            });
        }
        members.sort_unstable();
        if let Some(w) = members.windows(2).find(|w| w.first() == w.get(1))
            && let Some(&deputy) = w.first()
        {
            return Err(VoteError::DuplicateDeputy { deputy });
        }
        let dense_from = match (members.first(), members.last()) {
            (Some(first), Some(last))
                if usize::try_from(last.get().abs_diff(first.get()))
                    .is_ok_and(|d| d.checked_add(1) == Some(members.len())) =>
            {
                Some(first.get())
            }
            _ => None,
        };
        let mut e = Self {
            present: BitSet::new(members.len()),
            members,
            present_count: 0,
            dense_from,
            counted: None,
        };
        for deputy in present {
            let pos = e
                .position(deputy)
                .ok_or(VoteError::PresentNotMember { deputy })?;
            if !e.present.insert(pos) {
                return Err(VoteError::DuplicateDeputy { deputy });
            }
            e.present_count = super::invariant(
                e.present_count.checked_add(1),
                u32::MAX,
                "each member is present once, and there are at most u32::MAX",
            );
        }
        Ok(e)
    }

    /// An electorate where every deputy is present.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::all_present((1..=5).map(DeputyId::new))?;
    /// assert_eq!(e.present(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Electorate::new`].
    pub fn all_present(members: impl IntoIterator<Item = DeputyId>) -> Result<Self, VoteError> {
        let members: Vec<DeputyId> = members.into_iter().collect();
        let present = members.clone();
        Self::new(members, present)
    }

    /// An electorate known by its counts only, as the tellers of a secret
    /// ballot know it: `deputies` in all, `signed_in` present (签到). It
    /// names nobody, so it serves a secret ballot only
    /// ([`Voting::Secret`](super::Voting::Secret)).
    ///
    /// ```
    /// use deputy_work::vote::{Electorate, VoteError};
    /// let e = Electorate::counted(60, 52)?;
    /// assert_eq!((e.size(), e.present()), (60, 52));
    /// assert!(e.members().is_empty() && !e.is_named());
    /// assert_eq!(Electorate::counted(60, 61), Err(VoteError::SignedInExceedsDeputies { signed_in: 61, deputies: 60 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::EmptyElectorate`] for no deputies;
    /// [`VoteError::SignedInExceedsDeputies`].
    pub fn counted(deputies: u32, signed_in: u32) -> Result<Self, VoteError> {
        if deputies == 0 {
            return Err(VoteError::EmptyElectorate);
        }
        if signed_in > deputies {
            return Err(VoteError::SignedInExceedsDeputies {
                signed_in,
                deputies,
            });
        }
        Ok(Self {
            members: Vec::new(),
            present: BitSet::new(0),
            present_count: signed_in,
            dense_from: None,
            counted: Some(deputies),
        })
    }

    /// Whether the electorate names its deputies (false for
    /// [`Electorate::counted`]).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// assert!(Electorate::all_present([DeputyId::new(1)])?.is_named());
    /// assert!(!Electorate::counted(60, 52)?.is_named());
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    #[must_use]
    pub const fn is_named(&self) -> bool {
        self.counted.is_none()
    }

    /// All deputies of the congress (全体代表).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::all_present([DeputyId::new(1)])?;
    /// assert_eq!(e.size(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn size(&self) -> u32 {
        self.counted.unwrap_or_else(|| {
            super::invariant(
                u32::try_from(self.members.len()).ok(),
                u32::MAX,
                "`new` refuses more than u32::MAX members",
            )
        })
    }

    /// The deputies present (出席代表).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::new([DeputyId::new(1), DeputyId::new(2)], [DeputyId::new(2)])?;
    /// assert_eq!(e.present(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn present(&self) -> u32 {
        self.present_count
    }

    /// Every deputy, in id order.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::all_present([DeputyId::new(2), DeputyId::new(1)])?;
    /// assert_eq!(e.members(), [DeputyId::new(1), DeputyId::new(2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn members(&self) -> &[DeputyId] {
        &self.members
    }

    /// The deputies present, in id order.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::new((1..=3).map(DeputyId::new), [DeputyId::new(3)])?;
    /// assert_eq!(e.present_members().collect::<Vec<_>>(), [DeputyId::new(3)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn present_members(&self) -> impl Iterator<Item = DeputyId> + '_ {
        self.members
            .iter()
            .enumerate()
            .filter(|(i, _)| self.present.contains(*i))
            .map(|(_, d)| *d)
    }

    /// Whether `deputy` is a member and present.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::Electorate;
    /// let e = Electorate::all_present([DeputyId::new(1)])?;
    /// assert!(e.is_present(DeputyId::new(1)));
    /// assert!(!e.is_present(DeputyId::new(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_present(&self, deputy: DeputyId) -> bool {
        self.position(deputy)
            .is_some_and(|p| self.present.contains(p))
    }

    /// The position of `deputy` in id order, if a member.
    #[inline]
    pub(crate) fn position(&self, deputy: DeputyId) -> Option<usize> {
        match self.dense_from {
            Some(first) => deputy
                .get()
                .checked_sub(first)
                .and_then(|d| usize::try_from(d).ok())
                .filter(|&d| d < self.members.len()),
            None => self.members.binary_search(&deputy).ok(),
        }
    }

    #[inline]
    pub(crate) fn is_present_at(&self, pos: usize) -> bool {
        self.present.contains(pos)
    }

    pub(crate) fn member_at(&self, pos: usize) -> Option<DeputyId> {
        self.members.get(pos).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.members.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_and_dense_positions_agree() {
        let dense = Electorate::all_present((10..20).map(DeputyId::new)).unwrap();
        assert!(dense.dense_from.is_some());
        let sparse = Electorate::all_present((10..20).map(|n| DeputyId::new(n * 3))).unwrap();
        assert!(sparse.dense_from.is_none());
        for n in 0..70 {
            let want = (10..20).position(|m| m == n);
            assert_eq!(dense.position(DeputyId::new(n)), want, "dense {n}");
            let want = (10..20).position(|m| m * 3 == n);
            assert_eq!(sparse.position(DeputyId::new(n)), want, "sparse {n}");
        }
        let edge = Electorate::all_present([DeputyId::new(u32::MAX), DeputyId::new(0)]).unwrap();
        assert!(edge.dense_from.is_none());
        assert_eq!(edge.position(DeputyId::new(u32::MAX)), Some(1));
    }

    #[test]
    fn bitset_basics() {
        let mut a = BitSet::new(130);
        assert!(a.insert(129));
        assert!(!a.insert(129));
        assert!(!a.insert(130), "out of range is refused");
        let mut b = BitSet::new(130);
        b.insert(5);
        assert_eq!(a.first_common(&b), None);
        b.insert(129);
        assert_eq!(a.first_common(&b), Some(129));
        a.union_with(&b);
        assert_eq!(a.count(), 2);
        assert!(BitSet::from_words(vec![0, 0, 1 << 2], 130).is_none());
        assert!(BitSet::from_words(vec![0, 0, 1 << 1], 130).is_some());
        assert!(BitSet::from_words(vec![0], 130).is_none());
    }

    #[test]
    fn duplicate_present_is_refused() {
        let d = DeputyId::new;
        assert_eq!(
            Electorate::new([d(1), d(2)], [d(2), d(2)]),
            Err(VoteError::DuplicateDeputy { deputy: d(2) })
        );
        assert_eq!(Electorate::new([], []), Err(VoteError::EmptyElectorate));
    }
}

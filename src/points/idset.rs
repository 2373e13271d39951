//! An exact set of act ids stored as runs of consecutive ids.
//!
//! Platforms number records consecutively, so the ids of a year's acts form
//! few runs and the set stays small; in the worst case (no two ids
//! consecutive) it holds one run per distinct id. Appending the next id of
//! the highest run, the common case, touches no tree.

use std::collections::BTreeMap;

/// Runs of ids, `start → end` (both included), disjoint and non-adjacent.
/// The highest run lives in `top`, outside the map.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdSet {
    below: BTreeMap<u64, u64>,
    top: Option<(u64, u64)>,
    len: u64,
}

impl PartialEq for IdSet {
    fn eq(&self, other: &Self) -> bool {
        self.runs().eq(other.runs())
    }
}

impl Eq for IdSet {}

impl IdSet {
    /// Adds `id`; `false` if it was already there.
    #[inline]
    pub(crate) fn insert(&mut self, id: u64) -> bool {
        let Some((start, end)) = self.top else {
            self.top = Some((id, id));
            self.len = 1;
            return true;
        };
        if end.checked_add(1) == Some(id) {
            self.top = Some((start, id));
        } else if (start..=end).contains(&id) {
            return false;
        } else if id > end {
            self.below.insert(start, end);
            self.top = Some((id, id));
        } else if !self.insert_below(id, start) {
            return false;
        }
        self.len = self.len.saturating_add(1);
        true
    }

    /// Inserts an id lower than the top run, which starts at `top_start`.
    fn insert_below(&mut self, id: u64, top_start: u64) -> bool {
        let prev = self.below.range(..=id).next_back().map(|(s, e)| (*s, *e));
        if let Some((_, e)) = prev
            && e >= id
        {
            return false;
        }
        let joins_prev = prev.filter(|(_, e)| e.checked_add(1) == Some(id));
        let next_start = id.checked_add(1);
        let next = next_start.and_then(|n| self.below.get(&n).map(|e| (n, *e)));
        let joins_top = next.is_none() && next_start == Some(top_start);
        let new_start = joins_prev.map_or(id, |(s, _)| s);
        if joins_top {
            if let Some((s, _)) = joins_prev {
                self.below.remove(&s);
            }
            if let Some(top) = self.top.as_mut() {
                top.0 = new_start;
            }
            return true;
        }
        let new_end = match next {
            Some((n, e)) => {
                self.below.remove(&n);
                e
            }
            None => id,
        };
        self.below.insert(new_start, new_end);
        true
    }

    /// Whether `id` is in the set.
    pub(crate) fn contains(&self, id: u64) -> bool {
        if let Some((s, e)) = self.top
            && (s..=e).contains(&id)
        {
            return true;
        }
        self.below
            .range(..=id)
            .next_back()
            .is_some_and(|(_, e)| *e >= id)
    }

    /// How many ids the set holds.
    pub(crate) const fn len(&self) -> u64 {
        self.len
    }

    /// The runs, lowest first.
    pub(crate) fn runs(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.below.iter().map(|(s, e)| (*s, *e)).chain(self.top)
    }

    /// The ids both sets hold: the lowest one and how many.
    pub(crate) fn overlap(&self, other: &Self) -> Option<(u64, u64)> {
        let (mut a, mut b) = (self.runs().peekable(), other.runs().peekable());
        let mut first = None;
        let mut count: u64 = 0;
        while let (Some(&(s1, e1)), Some(&(s2, e2))) = (a.peek(), b.peek()) {
            let (lo, hi) = (s1.max(s2), e1.min(e2));
            if lo <= hi {
                first = first.or(Some(lo));
                count = count.saturating_add(hi.wrapping_sub(lo)).saturating_add(1);
            }
            if e1 < e2 {
                a.next();
            } else {
                b.next();
            }
        }
        first.map(|f| (f, count))
    }

    /// Adds every id of `other`; the caller has checked they do not overlap.
    pub(crate) fn absorb(&mut self, other: &Self) {
        let mut runs: Vec<(u64, u64)> = self.runs().chain(other.runs()).collect();
        runs.sort_unstable();
        *self = Self::from_sorted_runs(runs.into_iter());
    }

    /// Rebuilds a set from runs given lowest first; `None` if they are not
    /// sorted, overlap or are reversed.
    pub(crate) fn from_runs(runs: &[(u64, u64)]) -> Option<Self> {
        let mut prev_end: Option<u64> = None;
        for &(s, e) in runs {
            if s > e || prev_end.is_some_and(|p| p >= s) {
                return None;
            }
            prev_end = Some(e);
        }
        Some(Self::from_sorted_runs(runs.iter().copied()))
    }

    /// Coalesces sorted, disjoint runs.
    fn from_sorted_runs(runs: impl Iterator<Item = (u64, u64)>) -> Self {
        let mut set = Self::default();
        for (s, e) in runs {
            set.len = set.len.saturating_add(e.wrapping_sub(s)).saturating_add(1);
            match set.top {
                Some((ts, te)) if te.checked_add(1) == Some(s) => set.top = Some((ts, e)),
                Some((ts, te)) => {
                    set.below.insert(ts, te);
                    set.top = Some((s, e));
                }
                None => set.top = Some((s, e)),
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn runs_coalesce_in_any_order() {
        let mut s = IdSet::default();
        for id in [5, 3, 4, 10, 1, 2, 9, 8, 7, 6] {
            assert!(s.insert(id));
        }
        assert_eq!(s.runs().collect::<Vec<_>>(), [(1, 10)]);
        assert!(!s.insert(7));
        assert_eq!(s.len(), 10);
        assert!(s.insert(u64::MAX) && !s.insert(u64::MAX));
        assert!(s.insert(0));
        assert_eq!(
            s.runs().collect::<Vec<_>>(),
            [(0, 10), (u64::MAX, u64::MAX)]
        );
    }

    #[test]
    fn overlap_counts_shared_ids() {
        let a = IdSet::from_runs(&[(1, 5), (10, 20)]).unwrap();
        let b = IdSet::from_runs(&[(5, 12), (30, 30)]).unwrap();
        assert_eq!(a.overlap(&b), Some((5, 4)));
        let c = IdSet::from_runs(&[(6, 9)]).unwrap();
        assert_eq!(a.overlap(&c), None);
        let mut d = a.clone();
        d.absorb(&c);
        assert_eq!(d.runs().collect::<Vec<_>>(), [(1, 20)]);
        assert_eq!(d.len(), 20);
        assert!(IdSet::from_runs(&[(5, 6), (6, 7)]).is_none());
        assert!(IdSet::from_runs(&[(7, 6)]).is_none());
    }

    proptest! {
        #[test]
        fn behaves_like_a_set(ids in proptest::collection::vec(0_u64..200, 0..300)) {
            let mut s = IdSet::default();
            let mut model = BTreeSet::new();
            for id in ids {
                prop_assert_eq!(s.insert(id), model.insert(id));
            }
            prop_assert_eq!(s.len(), model.len() as u64);
            for id in 0..201 {
                prop_assert_eq!(s.contains(id), model.contains(&id));
            }
            let runs: Vec<_> = s.runs().collect();
            for w in runs.windows(2) {
                prop_assert!(w[0].1 + 1 < w[1].0, "runs must be disjoint and non-adjacent");
            }
            prop_assert_eq!(IdSet::from_runs(&runs).unwrap(), s);
        }
    }
}

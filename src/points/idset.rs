//! An exact set of act ids: a small Roaring-style bitmap.
//!
//! Ids are split into blocks of 65,536 (the high 48 bits are the block's
//! key). A block holds its low 16 bits as a sorted array while it has at most
//! [`ARRAY_MAX`] ids (2 bytes an id, for sparse ids) and as an 8 KiB bitmap
//! above that (one bit an id, for the dense, consecutive ids platforms
//! assign). A year of 1,000,000 consecutive ids takes 16 bitmaps: 128 KiB.
//! The block used last is remembered, so ids that arrive roughly in order
//! cost one bit test each; others cost a binary search over the blocks.

use super::invariant::surely;

/// Why a count of ids in a set cannot overflow a `u64`: it would take a set
/// of every one of the 2⁶⁴ ids, 2 EiB of bitmaps.
const LEN_FITS: &str = "a set holds fewer than 2^64 ids (it would take 2 EiB)";

/// Above this many ids a block becomes a bitmap.
const ARRAY_MAX: usize = 512;
/// Words in a bitmap block.
const WORDS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Array(Vec<u16>),
    Bitmap(Box<[u64; WORDS]>),
}

impl Block {
    /// Adds `low`; `false` if present.
    #[inline(always)]
    fn insert(&mut self, low: u16) -> bool {
        match self {
            Self::Bitmap(words) => {
                let (w, bit) = (usize::from(low >> 6), 1_u64 << (low & 63));
                match words.get_mut(w) {
                    Some(word) if *word & bit == 0 => {
                        *word |= bit;
                        true
                    }
                    _ => false,
                }
            }
            Self::Array(_) => self.insert_array(low),
        }
    }

    #[inline(never)]
    fn insert_array(&mut self, low: u16) -> bool {
        match self {
            Self::Bitmap(_) => false,
            Self::Array(values) => {
                let Err(at) = values.binary_search(&low) else {
                    return false;
                };
                values.insert(at, low);
                if values.len() > ARRAY_MAX {
                    let mut words = Box::new([0_u64; WORDS]);
                    for v in values.iter() {
                        if let Some(word) = words.get_mut(usize::from(v >> 6)) {
                            *word |= 1_u64 << (v & 63);
                        }
                    }
                    *self = Self::Bitmap(words);
                }
                true
            }
        }
    }

    /// Adds `lo..=hi`; returns how many were not there before. The block
    /// ends as one-by-one insertion leaves it (an array turns into a
    /// bitmap once it holds more than `ARRAY_MAX`), so equal sets stay
    /// equal whichever way they were filled.
    fn insert_range(&mut self, lo: u16, hi: u16) -> u64 {
        let mut lo = lo;
        let mut added: u64 = 0;
        while let Self::Array(_) = self {
            added = surely(
                added.checked_add(u64::from(self.insert_array(lo))),
                added,
                "at most 65,536 ids a block",
            );
            if lo >= hi {
                return added;
            }
            lo = surely(lo.checked_add(1), hi, "lo < hi <= u16::MAX");
        }
        let Self::Bitmap(words) = self else {
            return 0;
        };
        let (first, last) = (usize::from(lo >> 6), usize::from(hi >> 6));
        for (w, word) in words
            .iter_mut()
            .enumerate()
            .take(surely(last.checked_add(1), last, "last < 1,024"))
            .skip(first)
        {
            let from = if w == first { u32::from(lo & 63) } else { 0 };
            let to = if w == last { u32::from(hi & 63) } else { 63 };
            // Bits from..=to (from <= to <= 63).
            let width = surely(to.checked_sub(from), 0, "from <= to within a word");
            let mask = (u64::MAX >> surely(63_u32.checked_sub(width), 0, "to <= 63")) << from;
            added = surely(
                added.checked_add(u64::from((mask & !*word).count_ones())),
                added,
                "at most 65,536 ids a block",
            );
            *word |= mask;
        }
        added
    }

    fn contains(&self, low: u16) -> bool {
        match self {
            Self::Bitmap(words) => words
                .get(usize::from(low >> 6))
                .is_some_and(|w| w & (1_u64 << (low & 63)) != 0),
            Self::Array(values) => values.binary_search(&low).is_ok(),
        }
    }

    /// The highest low bits held.
    fn max(&self) -> Option<u16> {
        match self {
            Self::Array(values) => values.last().copied(),
            Self::Bitmap(words) => words
                .iter()
                .zip(0_u16..1024)
                .rev()
                .find(|(w, _)| **w != 0)
                .map(|(w, i)| {
                    let top = 63_u32.wrapping_sub(w.leading_zeros());
                    let top = surely(
                        u16::try_from(top).ok(),
                        0,
                        "a non-zero word's top bit is below 64",
                    );
                    (i << 6) | top
                }),
        }
    }

    /// How many ids the block holds.
    fn len(&self) -> u64 {
        match self {
            Self::Array(values) => values.len() as u64,
            Self::Bitmap(words) => words.iter().map(|w| u64::from(w.count_ones())).sum(),
        }
    }

    /// The ids both blocks hold: the lowest and how many.
    fn overlap(&self, other: &Self) -> Option<(u16, u64)> {
        let mut first = None;
        let mut count: u64 = 0;
        match (self, other) {
            (Self::Bitmap(a), Self::Bitmap(b)) => {
                for ((x, y), i) in a.iter().zip(b.iter()).zip(0_u16..) {
                    let both = x & y;
                    if both != 0 {
                        // trailing_zeros of a non-zero u64 is below 64
                        let low = (i << 6) | (both.trailing_zeros() as u16);
                        first = first.or(Some(low));
                        count = count.wrapping_add(u64::from(both.count_ones()));
                    }
                }
            }
            (Self::Array(values), other) | (other, Self::Array(values)) => {
                for v in values.iter().filter(|v| other.contains(**v)) {
                    first = first.or(Some(*v));
                    count = count.wrapping_add(1);
                }
            }
        }
        // At most 65,536 ids a block: the count cannot wrap.
        first.map(|f| (f, count))
    }

    /// Adds every id of `other`; returns how many were not there before.
    /// The block ends as one-by-one insertion leaves it.
    fn absorb(&mut self, other: &Self) -> u64 {
        match (&mut *self, other) {
            (Self::Bitmap(a), Self::Bitmap(b)) => {
                let mut added: u64 = 0;
                for (x, y) in a.iter_mut().zip(b.iter()) {
                    added = added.wrapping_add(u64::from((y & !*x).count_ones()));
                    *x |= y;
                }
                added
            }
            (_, Self::Array(values)) => values
                .iter()
                .map(|v| u64::from(self.insert(*v)))
                .fold(0, u64::wrapping_add),
            (Self::Array(mine), Self::Bitmap(_)) => {
                let mine = core::mem::take(mine);
                let had = mine.len() as u64;
                let mut merged = other.clone();
                for v in &mine {
                    merged.insert(*v);
                }
                let added = merged.len().wrapping_sub(had);
                *self = merged;
                added
            }
        }
    }

    /// The low bits held, ascending.
    #[cfg(any(feature = "serde", test))]
    fn values(&self) -> Box<dyn Iterator<Item = u16> + '_> {
        match self {
            Self::Array(values) => Box::new(values.iter().copied()),
            Self::Bitmap(words) => Box::new(words.iter().zip(0_u16..).flat_map(|(w, i)| {
                let base = i << 6;
                let w = *w;
                (0_u16..64)
                    .filter(move |b| w & (1_u64 << b) != 0)
                    .map(move |b| base | b)
            })),
        }
    }
}

/// Ids as blocks keyed by `id >> 16`, sorted by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdSet {
    keys: Vec<u64>,
    blocks: Vec<Block>,
    /// The block used last.
    last: usize,
    len: u64,
}

impl PartialEq for IdSet {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.keys == other.keys && self.blocks == other.blocks
    }
}

impl Eq for IdSet {}

#[inline]
#[allow(clippy::cast_possible_truncation)] // the low 16 bits, on purpose
const fn split(id: u64) -> (u64, u16) {
    (id >> 16, (id & 0xFFFF) as u16)
}

impl IdSet {
    /// Adds `id`; `false` if it was already there.
    #[inline(always)]
    pub(crate) fn insert(&mut self, id: u64) -> bool {
        let (key, low) = split(id);
        if self.keys.get(self.last) == Some(&key)
            && let Some(block) = self.blocks.get_mut(self.last)
        {
            let added = block.insert(low);
            if added {
                self.len = surely(self.len.checked_add(1), self.len, LEN_FITS);
            }
            return added;
        }
        self.insert_slow(key, low)
    }

    /// Adds every id of `start..=end` (nothing if `start > end`), a block
    /// at a time: a bitmap block is filled a word at a time.
    #[inline(never)]
    pub(crate) fn insert_range(&mut self, start: u64, end: u64) {
        let mut from = start;
        while from <= end {
            let (key, lo) = split(from);
            let block_end = from | 0xFFFF;
            let to = block_end.min(end);
            let (_, hi) = split(to);
            let at = match self.keys.binary_search(&key) {
                Ok(at) => at,
                Err(at) => {
                    self.keys.insert(at, key);
                    self.blocks.insert(at, Block::Array(Vec::new()));
                    at
                }
            };
            self.last = at;
            if let Some(block) = self.blocks.get_mut(at) {
                let added = block.insert_range(lo, hi);
                self.len = surely(self.len.checked_add(added), self.len, LEN_FITS);
            }
            match to.checked_add(1) {
                Some(next) => from = next,
                None => break,
            }
        }
    }

    /// Adds `id` if its block is the one used last: `Some(added)`;
    /// `None`, having changed nothing, otherwise.
    #[inline(always)]
    pub(crate) fn insert_cached(&mut self, id: u64) -> Option<bool> {
        let (key, low) = split(id);
        if self.keys.get(self.last) != Some(&key) {
            return None;
        }
        let added = self.blocks.get_mut(self.last)?.insert(low);
        if added {
            self.len = surely(self.len.checked_add(1), self.len, LEN_FITS);
        }
        Some(added)
    }

    #[inline(never)]
    fn insert_slow(&mut self, key: u64, low: u16) -> bool {
        let at = match self.keys.binary_search(&key) {
            Ok(at) => at,
            Err(at) => {
                self.keys.insert(at, key);
                self.blocks.insert(at, Block::Array(Vec::new()));
                at
            }
        };
        self.last = at;
        let added = self.blocks.get_mut(at).is_some_and(|b| b.insert(low));
        if added {
            self.len = surely(self.len.checked_add(1), self.len, LEN_FITS);
        }
        added
    }

    /// Whether `id` is in the set.
    #[cfg(any(test, feature = "serde"))]
    pub(crate) fn contains(&self, id: u64) -> bool {
        let (key, low) = split(id);
        self.keys
            .binary_search(&key)
            .ok()
            .and_then(|at| self.blocks.get(at))
            .is_some_and(|b| b.contains(low))
    }

    /// How many ids the set holds.
    pub(crate) const fn len(&self) -> u64 {
        self.len
    }

    /// The highest id held.
    pub(crate) fn max(&self) -> Option<u64> {
        let (key, block) = self.keys.last().zip(self.blocks.last())?;
        Some((key << 16) | u64::from(block.max()?))
    }

    /// Every id, ascending.
    #[cfg(any(feature = "serde", test))]
    pub(crate) fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.keys
            .iter()
            .zip(&self.blocks)
            .flat_map(|(key, b)| b.values().map(move |low| (key << 16) | u64::from(low)))
    }

    /// The ids as runs of consecutive ids, lowest first.
    #[cfg(any(feature = "serde", test))]
    pub(crate) fn runs(&self) -> Vec<(u64, u64)> {
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for id in self.iter() {
            match runs.last_mut() {
                Some((_, end)) if end.checked_add(1) == Some(id) => *end = id,
                _ => runs.push((id, id)),
            }
        }
        runs
    }

    /// The ids both sets hold: the lowest one and how many. Cost: one
    /// step per block of either set, and a word-by-word (or id-by-id for a
    /// sparse block) comparison of the blocks both have.
    pub(crate) fn overlap(&self, other: &Self) -> Option<(u64, u64)> {
        let mut first = None;
        let mut count: u64 = 0;
        let (mut i, mut j) = (0_usize, 0_usize);
        while let (Some(a), Some(b)) = (self.keys.get(i), other.keys.get(j)) {
            match a.cmp(b) {
                core::cmp::Ordering::Less => i = i.wrapping_add(1),
                core::cmp::Ordering::Greater => j = j.wrapping_add(1),
                core::cmp::Ordering::Equal => {
                    if let Some((low, n)) = self
                        .blocks
                        .get(i)
                        .zip(other.blocks.get(j))
                        .and_then(|(x, y)| x.overlap(y))
                    {
                        first = first.or(Some((a << 16) | u64::from(low)));
                        count = surely(count.checked_add(n), count, LEN_FITS);
                    }
                    (i, j) = (i.wrapping_add(1), j.wrapping_add(1));
                }
            }
        }
        first.map(|f| (f, count))
    }

    /// Adds every id of `other`, a block at a time (a bitmap block a word
    /// at a time); the result equals the set filled one id at a time.
    pub(crate) fn absorb(&mut self, other: &Self) {
        let keys = core::mem::take(&mut self.keys);
        let blocks = core::mem::take(&mut self.blocks);
        let mut mine = keys.into_iter().zip(blocks).peekable();
        let mut theirs = other.keys.iter().zip(&other.blocks).peekable();
        let total = self.keys.len().wrapping_add(other.keys.len());
        let (mut out_keys, mut out_blocks) = (Vec::with_capacity(total), Vec::with_capacity(total));
        let mut len = self.len;
        loop {
            let take_mine = match (mine.peek(), theirs.peek()) {
                (None, None) => break,
                (Some(_), None) => Some(true),
                (None, Some(_)) => Some(false),
                (Some((a, _)), Some((b, _))) if a < *b => Some(true),
                (Some((a, _)), Some((b, _))) if a > *b => Some(false),
                _ => None,
            };
            let (key, block) = match take_mine {
                Some(true) => match mine.next() {
                    Some(kb) => kb,
                    None => break,
                },
                Some(false) => match theirs.next() {
                    Some((k, b)) => {
                        len = surely(len.checked_add(b.len()), len, LEN_FITS);
                        (*k, b.clone())
                    }
                    None => break,
                },
                None => match (mine.next(), theirs.next()) {
                    (Some((k, mut b)), Some((_, theirs_b))) => {
                        let added = b.absorb(theirs_b);
                        len = surely(len.checked_add(added), len, LEN_FITS);
                        (k, b)
                    }
                    _ => break,
                },
            };
            out_keys.push(key);
            out_blocks.push(block);
        }
        self.keys = out_keys;
        self.blocks = out_blocks;
        self.len = len;
        self.last = 0;
    }

    #[cfg(any(feature = "serde", test))]
    /// Rebuilds a set from runs given lowest first; `None` if they are not
    /// sorted, overlap, are reversed, or hold more than `limit` ids.
    pub(crate) fn from_runs(runs: &[(u64, u64)], limit: u64) -> Option<Self> {
        let mut prev_end: Option<u64> = None;
        let mut total: u64 = 0;
        for &(s, e) in runs {
            if s > e || prev_end.is_some_and(|p| p >= s) {
                return None;
            }
            prev_end = Some(e);
            total = total.checked_add(e.wrapping_sub(s))?.checked_add(1)?;
        }
        if total > limit {
            return None;
        }
        let mut set = Self::default();
        for &(s, e) in runs {
            set.insert_range(s, e);
        }
        Some(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn sparse_and_dense_blocks() {
        let mut s = IdSet::default();
        for id in [5, 3, 4, 10, 1, 2, 9, 8, 7, 6] {
            assert!(s.insert(id));
        }
        assert_eq!(s.runs(), [(1, 10)]);
        assert!(!s.insert(7));
        assert_eq!(s.len(), 10);
        assert!(s.insert(u64::MAX) && !s.insert(u64::MAX));
        assert!(s.insert(0));
        assert_eq!(s.runs(), [(0, 10), (u64::MAX, u64::MAX)]);
        // Past ARRAY_MAX ids a block turns into a bitmap and keeps its ids.
        let mut d = IdSet::default();
        for id in (0..2000_u64).rev().step_by(2) {
            assert!(d.insert(id));
        }
        assert!(matches!(d.blocks[0], Block::Bitmap(_)));
        assert!(d.contains(1999) && !d.contains(1998));
        assert_eq!(d.iter().count(), 1000);
    }

    #[test]
    fn overlap_counts_shared_ids() {
        let a = IdSet::from_runs(&[(1, 5), (10, 20)], 100).unwrap();
        let b = IdSet::from_runs(&[(5, 12), (30, 30)], 100).unwrap();
        assert_eq!(a.overlap(&b), Some((5, 4)));
        let c = IdSet::from_runs(&[(6, 9)], 100).unwrap();
        assert_eq!(a.overlap(&c), None);
        let mut d = a.clone();
        d.absorb(&c);
        assert_eq!(d.runs(), [(1, 20)]);
        assert_eq!(d.len(), 20);
        assert!(IdSet::from_runs(&[(5, 6), (6, 7)], 100).is_none());
        assert!(IdSet::from_runs(&[(7, 6)], 100).is_none());
        assert!(IdSet::from_runs(&[(0, u64::MAX)], u64::MAX).is_none());
        assert!(IdSet::from_runs(&[(0, 100)], 100).is_none());
    }

    proptest! {
        #![proptest_config(crate::proptest_config(64))]

        #[test]
        fn behaves_like_a_set(
            ids in proptest::collection::vec(
                prop_oneof![0_u64..3000, 65_000_u64..67_000, any::<u64>()], 0..1500)
        ) {
            let mut s = IdSet::default();
            let mut model = BTreeSet::new();
            for id in &ids {
                prop_assert_eq!(s.insert(*id), model.insert(*id));
            }
            prop_assert_eq!(s.len(), model.len() as u64);
            for id in ids.iter().map(|i| i.wrapping_add(1)).chain(0..50) {
                prop_assert_eq!(s.contains(id), model.contains(&id));
            }
            prop_assert!(s.iter().eq(model.iter().copied()));
            let runs = s.runs();
            for w in runs.windows(2) {
                prop_assert!(w[0].1 + 1 < w[1].0, "runs must be disjoint and non-adjacent");
            }
            let back = IdSet::from_runs(&runs, 10_000).unwrap();
            prop_assert!(back.iter().eq(s.iter()));
        }

        /// Ranges (short, long, across blocks, at the top of `u64`) mixed
        /// with single ids, against a model; equal sets are equal
        /// whichever way they were filled.
        #[test]
        fn ranges_behave_like_their_ids(
            ops in proptest::collection::vec(
                (prop_oneof![0_u64..3000, 60_000_u64..140_000, (u64::MAX - 70_000)..=u64::MAX],
                 prop_oneof![0_u64..4, 0_u64..600, 0_u64..70_000]),
                0..12)
        ) {
            let mut s = IdSet::default();
            let mut model = BTreeSet::new();
            for (start, span) in &ops {
                let end = start.saturating_add(*span);
                s.insert_range(*start, end);
                model.extend(*start..=end);
                prop_assert!(s.insert(*start / 2) == model.insert(*start / 2));
            }
            prop_assert_eq!(s.len(), model.len() as u64);
            prop_assert!(s.iter().eq(model.iter().copied()));
            let mut one_by_one = IdSet::default();
            for id in &model {
                one_by_one.insert(*id);
            }
            prop_assert!(one_by_one == s);
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config(64))]

        /// Block-at-a-time overlap and union agree with a model, and a
        /// union equals the set filled one id at a time (sparse blocks,
        /// bitmaps, and one of each in the same block).
        #[test]
        fn overlap_and_absorb_behave_like_sets(
            a in proptest::collection::vec(
                prop_oneof![0_u64..2000, 65_000_u64..140_000, any::<u64>()], 0..1200),
            b in proptest::collection::vec(
                prop_oneof![0_u64..2000, 65_000_u64..140_000, any::<u64>()], 0..1200),
            ranges in proptest::collection::vec((0_u64..140_000, 0_u64..3000), 0..3),
        ) {
            let (mut x, mut y) = (IdSet::default(), IdSet::default());
            let (mut mx, mut my) = (BTreeSet::new(), BTreeSet::new());
            for id in &a {
                x.insert(*id);
                mx.insert(*id);
            }
            for id in &b {
                y.insert(*id);
                my.insert(*id);
            }
            for (start, span) in &ranges {
                y.insert_range(*start, start + span);
                my.extend(*start..=start + span);
            }
            let both: Vec<u64> = mx.intersection(&my).copied().collect();
            let want = both.first().map(|f| (*f, both.len() as u64));
            prop_assert_eq!(x.overlap(&y), want);
            prop_assert_eq!(y.overlap(&x), want);
            prop_assert_eq!(x.max(), mx.last().copied());
            let mut u = x.clone();
            u.absorb(&y);
            let union: BTreeSet<u64> = mx.union(&my).copied().collect();
            prop_assert_eq!(u.len(), union.len() as u64);
            prop_assert!(u.iter().eq(union.iter().copied()));
            let mut one_by_one = IdSet::default();
            for id in &union {
                one_by_one.insert(*id);
            }
            prop_assert!(one_by_one == u);
            // The set still takes ids after a union.
            let fresh = union.last().map_or(0, |l| l.wrapping_add(1));
            prop_assert_eq!(u.insert(fresh), !union.contains(&fresh));
        }
    }

    #[test]
    fn range_fills_whole_and_partial_words() {
        let mut s = IdSet::default();
        s.insert_range(0, 0);
        s.insert_range(60, 130);
        s.insert_range(65_530, 65_545);
        s.insert_range(5, 3); // empty
        assert_eq!(s.len(), 1 + 71 + 16);
        assert_eq!(s.runs(), [(0, 0), (60, 130), (65_530, 65_545)]);
        s.insert_range(0, 70_000);
        assert_eq!(s.len(), 70_001);
        assert_eq!(s.runs(), [(0, 70_000)]);
        s.insert_range(u64::MAX - 1, u64::MAX);
        assert_eq!(s.runs(), [(0, 70_000), (u64::MAX - 1, u64::MAX)]);
    }
}

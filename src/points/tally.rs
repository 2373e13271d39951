//! The scorer and its mergeable partial result, the tally.

use core::borrow::Borrow;
use std::collections::BTreeMap;

use super::fast::SCRATCH;
use super::idset::IdSet;
use super::invariant::surely;
use super::{Act, PointsError, Policy};
use crate::common::{DeputyId, Period, RecordId, labelled_enum};

/// Deputy ids below this are found through a dense table (one `u32` per id
/// up to the highest seen); higher ids through a tree.
const DENSE_LIMIT: u32 = 1 << 22;

/// The row of a deputy without one, in `Tally::dense`.
pub(super) const NO_ROW: u32 = u32::MAX;

labelled_enum! {
    /// What happened to one act given to [`Scorer::add`].
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::points::Disposition;
    /// assert_eq!(Disposition::Duplicate.label_zh(), "重复记录");
    /// ```
    #[non_exhaustive]
    pub enum Disposition in points {
        /// Verified, in the period, and scored by a rule.
        Counted = "counted", "计分", "counted";
        /// A claim still waiting for review; not counted.
        Pending = "pending", "待审核", "pending";
        /// A claim refused on review; not counted.
        Rejected = "rejected", "未通过审核", "rejected";
        /// Dated outside the scored period; not counted.
        OutsidePeriod = "outside_period", "不在计分期内", "outside the period";
        /// No rule of the policy scores its kind; not counted.
        Unscored = "unscored", "无计分规则", "no rule";
        /// Its id was seen before; counted once, with the first record.
        Duplicate = "duplicate", "重复记录", "duplicate";
        /// Amended or annulled by a later record; not counted.
        Superseded = "superseded", "已被更正或撤销", "amended or annulled";
        /// A record that annuls another; counts nothing itself.
        Annulment = "annulment", "撤销记录", "annulment";
    }
}

/// How many acts a tally saw, by [`Disposition`], and which ids were repeated.
///
/// ```
/// use deputy_work::points::TallyStats;
/// let s = TallyStats::default();
/// assert_eq!(s.seen(), Some(0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct TallyStats {
    /// Acts counted.
    pub counted: u64,
    /// Pending claims.
    pub pending: u64,
    /// Rejected claims.
    pub rejected: u64,
    /// Acts dated outside the period.
    pub outside_period: u64,
    /// Acts of a kind the policy does not score.
    pub unscored: u64,
    /// Acts under a rule that does not apply to the one who did them
    /// (`when`: a role or level they do not have).
    #[cfg_attr(feature = "serde", serde(default))]
    pub not_applicable: u64,
    /// Acts their rule gives no points for (no role, qualifier or tier of
    /// its table).
    #[cfg_attr(feature = "serde", serde(default))]
    pub no_points: u64,
    /// Records amended or annulled by a later record.
    #[cfg_attr(feature = "serde", serde(default))]
    pub superseded: u64,
    /// Records that annul another (they count nothing themselves).
    #[cfg_attr(feature = "serde", serde(default))]
    pub corrections: u64,
    /// Ids recorded more than once, one entry per extra record, sorted
    /// (in a [`Scorecard`](super::Scorecard) and in a tally's stored form).
    pub duplicates: Vec<RecordId>,
}

impl TallyStats {
    /// Every act seen, duplicates included; `None` on overflow.
    ///
    /// ```
    /// use deputy_work::common::RecordId;
    /// use deputy_work::points::TallyStats;
    /// let mut s = TallyStats::default();
    /// (s.counted, s.pending) = (3, 1);
    /// s.duplicates.push(RecordId::new(4));
    /// assert_eq!(s.seen(), Some(5));
    /// ```
    #[must_use]
    pub fn seen(&self) -> Option<u64> {
        let dup = u64::try_from(self.duplicates.len()).ok()?;
        self.counted
            .checked_add(self.pending)?
            .checked_add(self.rejected)?
            .checked_add(self.outside_period)?
            .checked_add(self.unscored)?
            .checked_add(self.not_applicable)?
            .checked_add(self.no_points)?
            .checked_add(self.superseded)?
            .checked_add(self.corrections)?
            .checked_add(dup)
    }

    /// The counter for `outcome` (duplicates: 0, they are listed instead).
    const fn get(&self, outcome: Disposition) -> u64 {
        match outcome {
            Disposition::Counted => self.counted,
            Disposition::Pending => self.pending,
            Disposition::Rejected => self.rejected,
            Disposition::OutsidePeriod => self.outside_period,
            Disposition::Unscored => self.unscored,
            Disposition::Duplicate => 0,
            Disposition::Superseded => self.superseded,
            Disposition::Annulment => self.corrections,
        }
    }

    /// Adds one to the counter for `outcome`; the caller has checked it is
    /// below `u64::MAX`.
    const fn bump(&mut self, outcome: Disposition) {
        let field = match outcome {
            Disposition::Counted => &mut self.counted,
            Disposition::Pending => &mut self.pending,
            Disposition::Rejected => &mut self.rejected,
            Disposition::OutsidePeriod => &mut self.outside_period,
            Disposition::Unscored => &mut self.unscored,
            Disposition::Duplicate => return,
            Disposition::Superseded => &mut self.superseded,
            Disposition::Annulment => &mut self.corrections,
        };
        *field = field.wrapping_add(1);
    }

    /// The sum of both; duplicates sorted, or (`in_order`) `other`'s after
    /// `self`'s, as a tally of `self`'s acts then `other`'s lists them.
    fn merged(&self, other: &Self, in_order: bool) -> Result<Self, PointsError> {
        let add = |a: u64, b: u64| {
            a.checked_add(b)
                .ok_or(PointsError::Overflow("merging tallies"))
        };
        let mut duplicates = self.duplicates.clone();
        duplicates.extend_from_slice(&other.duplicates);
        if !in_order {
            duplicates.sort_unstable();
        }
        Ok(Self {
            counted: add(self.counted, other.counted)?,
            pending: add(self.pending, other.pending)?,
            rejected: add(self.rejected, other.rejected)?,
            outside_period: add(self.outside_period, other.outside_period)?,
            unscored: add(self.unscored, other.unscored)?,
            not_applicable: add(self.not_applicable, other.not_applicable)?,
            no_points: add(self.no_points, other.no_points)?,
            superseded: add(self.superseded, other.superseded)?,
            corrections: add(self.corrections, other.corrections)?,
            duplicates,
        })
    }
}

/// What a tally was made for: partial results only merge with their kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct TallyKey {
    policy: String,
    version: String,
    period: Period,
    slots: u32,
}

impl TallyKey {
    fn describe(&self) -> String {
        format!(
            "policy `{}` version `{}`, period {}..={}, {} counters",
            self.policy,
            self.version,
            self.period.start(),
            self.period.end(),
            self.slots
        )
    }
}

/// A partial result: occurrence counts per deputy and rule counter, the act
/// ids seen and the statistics. Memory grows with deputies × counters (plus
/// the id set, see the [module docs](super#duplicates-and-memory)), never
/// with points or ledger lines.
///
/// Tallies over disjoint shards of the acts [`merge`](Self::merge) into
/// exactly the tally over all of them, whatever the order. Two tallies are
/// equal when they hold the same counts, ids and statistics, however the
/// acts were ordered.
///
/// A stored tally (serde) is checked on the way in against every
/// invariant counting keeps that needs no policy (its statistics against
/// its ids, sorted rows of the key's width, counters set only with acts
/// counted, repeats among the ids seen, the counters holding at least the
/// quantities counted), and against the policy's layout in
/// [`Scorer::scorecard`] (no bonus counter above its rule's counter, no
/// more rule counters set than acts counted, the rules' counters summing
/// to the quantities counted); an edit that breaks one is refused with
/// [`PointsError::CorruptTally`] naming the place. So a rule's counter
/// edited alone is always refused (a bonus counter may move within its
/// rule's: more or fewer acts carried the qualifier); an edit of several
/// fields that keeps every invariant describes acts that could have been
/// counted, and only the acts themselves can tell it from a real tally.
///
/// Cost of loading: linear in the rows, counters and duplicates listed,
/// plus the id set rebuilt from its runs, which takes time and memory in
/// proportion to the ids the runs cover (about one bit each), not to the
/// stored text: a run `[1, 4000000000]` with 4,000,000,000 acts in the
/// statistics is a few hundred bytes and builds a 480 MiB id set (as the
/// tally of those acts would hold). A stored tally holds at most
/// [`MAX_STORED_ACTS`] acts (2³², 512 MiB of ids); one claiming more is
/// refused before anything is built.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
/// let act = Act::new(RecordId::new(1), DeputyId::new(1), day, StandardKind::Research.into());
/// let json = serde_json::to_string(&scorer.tally_acts([&act])?)?;
/// let edited = json.replace(r#""counted":1"#, r#""counted":4000000000"#);
/// let err = serde_json::from_str::<deputy_work::points::Tally>(&edited).unwrap_err();
/// assert!(err.to_string().contains("tally data, ids"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
/// let acts: Vec<Act> = (1..=4)
///     .map(|i| Act::new(RecordId::new(i), DeputyId::new(1), day, StandardKind::Research.into()))
///     .collect();
/// let (left, right) = acts.split_at(1);
/// let mut a = scorer.tally_acts(left)?;
/// a.merge(&scorer.tally_acts(right)?)?;
/// assert_eq!(a, scorer.tally_acts(&acts)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TallyData", into = "TallyData"))]
pub struct Tally {
    key: TallyKey,
    /// Deputy of each row, in the order rows were made.
    deputies: Vec<DeputyId>,
    /// [`SCRATCH`] cells, then `deputies.len() × key.slots` occurrence
    /// counts.
    pub(super) counts: Vec<u32>,
    /// Row of each deputy id below `DENSE_LIMIT` ([`NO_ROW`]: none).
    pub(super) dense: Vec<u32>,
    sparse: BTreeMap<DeputyId, u32>,
    pub(super) ids: IdSet,
    pub(super) stats: TallyStats,
    /// The quantities of the acts counted, summed: each counted act adds
    /// its quantity to its rule's counter in its deputy's row, so this is
    /// the sum of the rules' counters over every row (checked, with the
    /// policy's layout, by [`Tally::check_layout`]). A counter edited in a
    /// stored tally breaks that sum.
    pub(super) occurrences: u64,
}

/// The stored form of a [`Tally`]: rows sorted by deputy, ids as runs.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct TallyData {
    key: TallyKey,
    rows: Vec<(DeputyId, Vec<u32>)>,
    ids: Vec<(u64, u64)>,
    stats: TallyStats,
    /// [`Tally::occurrences`].
    occurrences: u64,
}

impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        // Every statistic, duplicates in either order.
        self.key == other.key
            && self.ids == other.ids
            && self.occurrences == other.occurrences
            && self.sorted_stats() == other.sorted_stats()
            && self.sorted_rows().eq(other.sorted_rows())
    }
}

impl Eq for Tally {}

impl Tally {
    fn new(key: TallyKey) -> Self {
        Self {
            key,
            deputies: Vec::new(),
            counts: vec![0; SCRATCH],
            dense: Vec::new(),
            sparse: BTreeMap::new(),
            ids: IdSet::default(),
            stats: TallyStats::default(),
            occurrences: 0,
        }
    }

    /// Makes sure `deputy` appears in the scorecard even with no counted
    /// act (a deputy who did nothing still gets the base score and a rank).
    ///
    /// Cost: a row lookup; a new deputy adds a row of counters and may grow the
    /// row table to 4 bytes × the deputy id (ids below 2²², at most 16 MiB).
    ///
    /// # Errors
    /// [`PointsError::Overflow`] past 2³² − 1 deputies.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period};
    /// use deputy_work::points::{samples, Scorer};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let mut tally = scorer.tally();
    /// tally.enrol(DeputyId::new(9))?;
    /// let card = scorer.scorecard(&tally)?;
    /// assert_eq!(card.entries[0].total, policy.base());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enrol(&mut self, deputy: DeputyId) -> Result<(), PointsError> {
        self.row_or_insert(deputy).map(|_| ())
    }

    /// How many deputies the tally holds.
    ///
    /// ```
    /// # use deputy_work::common::{DeputyId, Period};
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let mut tally = Scorer::new(&policy, Period::year(2025)?)?.tally();
    /// tally.enrol(DeputyId::new(1))?;
    /// tally.enrol(DeputyId::new(1))?;
    /// assert_eq!(tally.deputies(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deputies(&self) -> usize {
        self.deputies.len()
    }

    /// The statistics so far (duplicates in the order seen).
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let tally = Scorer::new(&policy, Period::year(2025)?)?.tally();
    /// assert_eq!(tally.stats().counted, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn stats(&self) -> &TallyStats {
        &self.stats
    }

    /// How many distinct act ids the tally has seen.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let tally = Scorer::new(&policy, Period::year(2025)?)?.tally();
    /// assert_eq!(tally.distinct_acts(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn distinct_acts(&self) -> u64 {
        self.ids.len()
    }

    /// Adds `other` into this tally. The result equals the tally of both
    /// shards' acts together.
    ///
    /// Cost: O(other's rows × counters), plus a walk of both id sets block by
    /// block (word by word for dense blocks) and the duplicates listed; memory:
    /// `self` grows by `other`'s new rows and ids.
    ///
    /// # Errors
    /// [`PointsError::TallyMismatch`] if the tallies were made for different
    /// policies or periods; [`PointsError::OverlappingTallies`] if both saw
    /// an act id (shard acts by id range or by deputy so that copies of one
    /// act land in the same shard); [`PointsError::Overflow`]. On error
    /// `self` is unchanged.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, PointsError, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    /// let act = |id| Act::new(RecordId::new(id), DeputyId::new(1), day, StandardKind::Training.into());
    /// let mut a = scorer.tally_acts(&[act(1), act(2)])?;
    /// a.merge(&scorer.tally_acts(&[act(3)])?)?;
    /// assert_eq!(a.stats().counted, 3);
    /// // Act 3 again, in another shard: refused, `a` unchanged.
    /// let err = a.merge(&scorer.tally_acts(&[act(3)])?).unwrap_err();
    /// assert!(matches!(err, PointsError::OverlappingTallies { .. }));
    /// assert_eq!(a.stats().counted, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), PointsError> {
        self.merge_with(other, false)
    }

    /// [`merge`](Self::merge), with `other`'s duplicates listed after
    /// `self`'s (`in_order`): the tally of `self`'s acts followed by
    /// `other`'s, when their ids are disjoint.
    pub(super) fn merge_with(&mut self, other: &Self, in_order: bool) -> Result<(), PointsError> {
        if self.key != other.key {
            return Err(PointsError::TallyMismatch {
                expected: self.key.describe(),
                found: other.key.describe(),
            });
        }
        if let Some((first, count)) = self.ids.overlap(&other.ids) {
            return Err(PointsError::OverlappingTallies {
                first: RecordId::new(first),
                count,
            });
        }
        let stats = self.stats.merged(&other.stats, in_order)?;
        let occurrences = self
            .occurrences
            .checked_add(other.occurrences)
            .ok_or(PointsError::Overflow("merging tallies"))?;
        // Check every sum before changing anything.
        let slots = self.slots();
        for (i, d) in other.deputies.iter().enumerate() {
            let Some(row) = self.row_of(*d) else { continue };
            let mine = self.row_counts(row, slots);
            let theirs = other.row_counts(i, slots);
            if mine
                .iter()
                .zip(theirs)
                .any(|(a, b)| a.checked_add(*b).is_none())
            {
                return Err(PointsError::Overflow("merging tallies"));
            }
        }
        let rows = self.deputies.len().checked_add(other.deputies.len());
        if rows.and_then(|n| u32::try_from(n).ok()).is_none() {
            return Err(PointsError::Overflow("counting deputies"));
        }
        // Room for the new rows at once, not by doubling (a national
        // tally's counters are hundreds of megabytes).
        let new_rows = other
            .deputies
            .iter()
            .filter(|d| self.row_of(**d).is_none())
            .count();
        self.deputies.reserve_exact(new_rows);
        self.counts.reserve_exact(surely(
            new_rows.checked_mul(slots),
            0,
            "rows held in memory times counters fit in a usize",
        ));
        for (i, d) in other.deputies.iter().enumerate() {
            let row = self.row_or_insert(*d)?;
            let theirs = other.row_counts(i, slots);
            let range = row_range(row, slots);
            if let Some(mine) = range.and_then(|r| self.counts.get_mut(r)) {
                for (a, b) in mine.iter_mut().zip(theirs) {
                    *a = surely(a.checked_add(*b), *a, "every sum was checked above");
                }
            }
        }
        self.ids.absorb(&other.ids);
        self.stats = stats;
        self.occurrences = occurrences;
        Ok(())
    }

    pub(super) fn slots(&self) -> usize {
        surely(
            usize::try_from(self.key.slots).ok(),
            0,
            "a u32 fits in a usize on the targets the crate builds for",
        )
    }

    pub(crate) fn key_matches(&self, policy: &Policy, period: Period) -> Result<(), PointsError> {
        // Field by field: nothing is allocated unless they differ (`add`
        // asks once an act).
        let k = &self.key;
        if k.period == period
            && k.slots == policy.slots()
            && k.policy == policy.name()
            && k.version == policy.version()
        {
            return Ok(());
        }
        Err(PointsError::TallyMismatch {
            expected: key_for(policy, period).describe(),
            found: k.describe(),
        })
    }

    #[inline(always)]
    pub(super) fn row_of(&self, d: DeputyId) -> Option<usize> {
        let id = d.get();
        let row = if id < DENSE_LIMIT {
            self.dense.get(usize::try_from(id).ok()?).copied()?
        } else {
            self.sparse.get(&d).copied()?
        };
        if row == NO_ROW {
            return None;
        }
        usize::try_from(row).ok()
    }

    fn row_or_insert(&mut self, d: DeputyId) -> Result<usize, PointsError> {
        if let Some(row) = self.row_of(d) {
            return Ok(row);
        }
        let row = self.deputies.len();
        let tag = row_tag(row).ok_or(PointsError::Overflow("counting deputies"))?;
        let id = d.get();
        if id < DENSE_LIMIT {
            let at = usize::try_from(id).map_err(|_| PointsError::Overflow("indexing deputies"))?;
            if self.dense.len() <= at {
                self.dense
                    .resize(surely(at.checked_add(1), at, "at < DENSE_LIMIT"), NO_ROW);
            }
            if let Some(s) = self.dense.get_mut(at) {
                *s = tag;
            }
        } else {
            self.sparse.insert(d, tag);
        }
        self.deputies.push(d);
        let slots = self.slots();
        let len = surely(
            self.counts.len().checked_add(slots),
            self.counts.len(),
            "the counters of rows held in memory, and one more row, fit in a usize",
        );
        self.counts.resize(len, 0);
        Ok(row)
    }

    pub(crate) fn row_counts(&self, row: usize, slots: usize) -> &[u32] {
        surely(
            row_range(row, slots).and_then(|r| self.counts.get(r)),
            &[],
            "rows are asked for by their index, below the tally's rows",
        )
    }

    /// Rows in the order they were made.
    pub(crate) fn rows(&self) -> impl ExactSizeIterator<Item = (DeputyId, &[u32])> + '_ {
        let slots = self.slots();
        self.deputies
            .iter()
            .enumerate()
            .map(move |(row, d)| (*d, self.row_counts(row, slots)))
    }

    /// The deputy of each row, in the order rows were made.
    #[cfg(feature = "rayon")]
    pub(crate) fn row_deputies(&self) -> &[DeputyId] {
        &self.deputies
    }

    /// Rows sorted by deputy id.
    pub(crate) fn sorted_rows(&self) -> impl Iterator<Item = (DeputyId, &[u32])> + '_ {
        let slots = self.slots();
        let mut order: Vec<(DeputyId, usize)> = self.deputies.iter().copied().zip(0..).collect();
        order.sort_unstable();
        order
            .into_iter()
            .map(move |(d, row)| (d, self.row_counts(row, slots)))
    }

    pub(crate) fn sorted_stats(&self) -> TallyStats {
        let mut s = self.stats.clone();
        s.duplicates.sort_unstable();
        s
    }

    pub(crate) fn key_names(&self) -> (&str, &str, Period) {
        (&self.key.policy, &self.key.version, self.key.period)
    }
}

/// Whether a stored tally may hold `acts` distinct acts: at most
/// [`MAX_STORED_ACTS`], checked before its id set is built.
#[cfg(feature = "serde")]
const fn storable(acts: u64) -> bool {
    acts <= MAX_STORED_ACTS
}

/// The tag of row `row` in the row tables: its index, below [`NO_ROW`]
/// (`None` past 2³² − 2 rows, which no memory holds). A tally of `n` rows
/// has room for one more when `row_tag(n)` is `Some`.
fn row_tag(row: usize) -> Option<u32> {
    u32::try_from(row).ok().filter(|r| *r < NO_ROW)
}

/// The place of counter `start` of row `row` in a tally's counters.
/// `row` is a row of the tally, so the place is within the counters
/// unless `start` is not a counter of the policy's (then it is past the
/// end, which the caller refuses, never a wrong cell).
#[inline(always)]
fn cell_index(row: usize, slots: usize, start: usize) -> usize {
    surely(
        row.checked_mul(slots)
            .and_then(|c| c.checked_add(SCRATCH))
            .and_then(|c| c.checked_add(start)),
        usize::MAX,
        "the counters of a tally's rows fit in memory, so their places in a usize",
    )
}

fn row_range(row: usize, slots: usize) -> Option<core::ops::Range<usize>> {
    let start = row.checked_mul(slots)?.checked_add(SCRATCH)?;
    Some(start..start.checked_add(slots)?)
}

fn key_for(policy: &Policy, period: Period) -> TallyKey {
    TallyKey {
        policy: policy.name().to_owned(),
        version: policy.version().to_owned(),
        period,
        slots: policy.slots(),
    }
}

#[cfg(feature = "serde")]
impl From<Tally> for TallyData {
    fn from(t: Tally) -> Self {
        Self {
            key: t.key.clone(),
            rows: t.sorted_rows().map(|(d, c)| (d, c.to_vec())).collect(),
            ids: t.ids.runs(),
            stats: t.sorted_stats(),
            occurrences: t.occurrences,
        }
    }
}

/// A [`PointsError::CorruptTally`] at `field`.
/// The most acts (not counting duplicates) a stored [`Tally`] may hold:
/// 2³² = 4,294,967,296, more than seven national years of 554 million acts
/// (a tally counts one period). Loading a tally builds its id set, a bit an
/// id for ids numbered one after another, whatever the length of the text
/// that lists them as runs: this bounds that to 512 MiB. A stored tally
/// claiming more is refused before anything is built
/// ([`PointsError::CorruptTally`] on `stats`). A tally counted in memory may
/// hold more, but cannot be stored and read back.
///
/// ```
/// use deputy_work::points::MAX_STORED_ACTS;
/// assert_eq!(MAX_STORED_ACTS, 4_294_967_296);
/// ```
pub const MAX_STORED_ACTS: u64 = 1 << 32;

fn bad(field: impl Into<String>, problem: &'static str) -> PointsError {
    PointsError::CorruptTally {
        field: field.into(),
        problem,
    }
}

/// The invariants of a tally's stored form that hold without its policy,
/// each derived from the code that builds a tally (`Scorer::add`, its run
/// loop in `fast.rs`, [`Tally::enrol`], [`Tally::merge`]) and from
/// `From<Tally> for TallyData`. The invariants that need the policy's slot
/// layout are checked by [`Tally::check_layout`], where the policy is
/// present ([`Scorer::scorecard`]); a key that does not match the policy
/// is refused by `key_matches` in `scorecard`, `add` and `merge`.
#[cfg(feature = "serde")]
fn check_stored(data: &TallyData) -> Result<(), PointsError> {
    let s = &data.stats;
    // A tally takes no act with a share or a correction (`add_unchecked`
    // refuses them with `NeedsWholeScore`) and applies no rule by role or
    // level (plain policies only): it never counts these, and merging
    // adds zeros to zeros.
    for (field, n) in [
        ("stats.not_applicable", s.not_applicable),
        ("stats.no_points", s.no_points),
        ("stats.superseded", s.superseded),
        ("stats.corrections", s.corrections),
    ] {
        if n != 0 {
            return Err(bad(field, "a tally never counts this: it must be 0"));
        }
    }
    // The stored form lists duplicates sorted (`sorted_stats`).
    let pairs = s
        .duplicates
        .iter()
        .zip(s.duplicates.iter().skip(1))
        .zip(1_usize..);
    if let Some((_, i)) = pairs.into_iter().find(|((a, b), _)| a > b) {
        return Err(bad(
            format!("stats.duplicates[{i}]"),
            "duplicates must be sorted",
        ));
    }
    // The stored form lists rows sorted by deputy (`sorted_rows`), one per
    // deputy (`row_or_insert` finds a deputy's row before making one).
    let pairs = data
        .rows
        .iter()
        .zip(data.rows.iter().skip(1))
        .zip(1_usize..);
    if let Some((_, i)) = pairs.into_iter().find(|((a, b), _)| a.0 >= b.0) {
        return Err(bad(
            format!("rows[{i}]"),
            "rows must be sorted by deputy, one row per deputy",
        ));
    }
    // Every row has `key.slots` counters (`row_or_insert` sizes it so).
    let slots = usize::try_from(data.key.slots).ok();
    if let Some(i) = data.rows.iter().position(|r| Some(r.1.len()) != slots) {
        return Err(bad(
            format!("rows[{i}]"),
            "a row must hold one counter per slot of the key",
        ));
    }
    // A counter grows only when an act is counted (`count`, and the run
    // loop's counted acts), and each counted act raises counters in one
    // row: a row with a counter set needs an act counted of its own.
    let mut raised: u64 = 0;
    for (i, (_, counts)) in data.rows.iter().enumerate() {
        let Some(j) = counts.iter().position(|c| *c != 0) else {
            continue;
        };
        raised = surely(
            raised.checked_add(1),
            u64::MAX,
            "rows held in memory are fewer than 2^64",
        );
        if raised > s.counted {
            let problem = if s.counted == 0 {
                "a counter is set but no act was counted"
            } else {
                "more rows have counters set than acts were counted"
            };
            return Err(bad(format!("rows[{i}][{j}]"), problem));
        }
    }
    // Each counted act adds its quantity to its rule's counter (and to its
    // bonuses' counters): the counters together hold at least the
    // quantities counted. With the policy's layout the rules' counters
    // must sum to them exactly ([`Tally::check_layout`]).
    let all = data
        .rows
        .iter()
        .flat_map(|(_, counts)| counts.iter())
        .fold(0_u128, |sum, c| {
            surely(
                sum.checked_add(u128::from(*c)),
                u128::MAX,
                "fewer than 2^64 counters of 2^32 each sum below 2^128",
            )
        });
    if u128::from(data.occurrences) > all {
        return Err(bad(
            "occurrences",
            "the counters hold fewer occurrences than were counted",
        ));
    }
    Ok(())
}

#[cfg(feature = "serde")]
impl TryFrom<TallyData> for Tally {
    type Error = PointsError;
    fn try_from(data: TallyData) -> Result<Self, Self::Error> {
        check_stored(&data)?;
        // Every act that is not a duplicate puts its id in the set once.
        let distinct = data
            .stats
            .seen()
            .and_then(|n| n.checked_sub(u64::try_from(data.stats.duplicates.len()).ok()?))
            .ok_or_else(|| bad("stats", "statistics overflow"))?;
        if !storable(distinct) {
            return Err(bad(
                "stats",
                "a stored tally holds at most 2^32 acts (MAX_STORED_ACTS)",
            ));
        }
        let ids = IdSet::from_runs(&data.ids, distinct)
            .filter(|set| set.len() == distinct)
            .ok_or_else(|| {
                bad(
                    "ids",
                    "id runs must be sorted and disjoint, and hold one id per act that is not a duplicate",
                )
            })?;
        // A duplicate is an id the set already held (`insert` said so).
        if let Some(i) = data
            .stats
            .duplicates
            .iter()
            .position(|d| !ids.contains(d.get()))
        {
            return Err(bad(
                format!("stats.duplicates[{i}]"),
                "a duplicate must be an id the tally has seen",
            ));
        }
        // Every act that is not a duplicate gives its deputy a row (`add`:
        // "everyone met in the acts gets an entry"), so acts seen mean rows.
        if distinct > 0 && data.rows.is_empty() {
            return Err(bad("rows", "acts were seen but no deputy has a row"));
        }
        let mut t = Self::new(data.key);
        let slots = t.slots();
        for (d, counts) in &data.rows {
            let row = t.row_or_insert(*d)?;
            if let Some(dst) = row_range(row, slots).and_then(|r| t.counts.get_mut(r)) {
                dst.copy_from_slice(counts);
            }
        }
        t.ids = ids;
        t.stats = data.stats;
        t.occurrences = data.occurrences;
        Ok(t)
    }
}

impl Tally {
    /// The invariants that need the policy's slot layout (each rule's
    /// counter, then one counter per bonus: `policy.rs`, `Index::new`),
    /// checked where the policy is present ([`Scorer::scorecard`]); the
    /// key has been matched. A bonus counter grows with its rule's
    /// counter, by the same quantity, and only for some of its acts
    /// (`count`, `count_bonuses`), so it never exceeds it; each counted
    /// act raises one rule counter of one row, so the rule counters set
    /// are at most the acts counted.
    ///
    /// The rows are read in the order they were made, with no sort: each
    /// check holds or fails whatever the order (the running count of rule
    /// counters set passes the acts counted in one order if and only if
    /// its final value does). Only a tally that fails is read again in its
    /// stored order (by deputy), to name the first cell that is wrong.
    pub(crate) fn check_layout(&self, policy: &Policy) -> Result<(), PointsError> {
        match self.check_rows(policy, self.rows()) {
            Ok(()) => Ok(()),
            Err(_) => self.check_rows(policy, self.sorted_rows()),
        }
    }

    /// [`check_layout`](Self::check_layout) on the rows in the order given.
    fn check_rows<'t>(
        &self,
        policy: &Policy,
        rows: impl Iterator<Item = (DeputyId, &'t [u32])>,
    ) -> Result<(), PointsError> {
        let mut raised: u64 = 0;
        // The rules' counters summed (u32 counters, fewer than 2^64 of
        // them held in memory: the sum fits a u128).
        let mut bases: u128 = 0;
        for (i, (_, row)) in rows.enumerate() {
            let mut rest = row;
            let mut at = 0_usize;
            for rule in &policy.data().rules {
                let width = rule.bonuses.len();
                let Some((&base, after)) = rest.split_first() else {
                    break;
                };
                bases = surely(
                    bases.checked_add(u128::from(base)),
                    u128::MAX,
                    "fewer than 2^64 counters of 2^32 each sum below 2^128",
                );
                if base != 0 {
                    raised = surely(
                        raised.checked_add(1),
                        u64::MAX,
                        "rows × rules held in memory are fewer than 2^64",
                    );
                    if raised > self.stats.counted {
                        return Err(bad(
                            format!("rows[{i}][{at}]"),
                            "more rule counters are set than acts were counted",
                        ));
                    }
                }
                let (bonuses, next) = surely(
                    after.split_at_checked(width),
                    (after, &[]),
                    "the key matches the policy, so a row holds every rule's counters",
                );
                // Columns are below the row's length: `wrapping_add` never wraps.
                if let Some(j) = bonuses.iter().position(|c| *c > base) {
                    return Err(bad(
                        format!("rows[{i}][{}]", at.wrapping_add(j).wrapping_add(1)),
                        "a bonus counter exceeds its rule's counter",
                    ));
                }
                rest = next;
                at = at.wrapping_add(width).wrapping_add(1);
            }
        }
        if bases != u128::from(self.occurrences) {
            return Err(bad(
                "occurrences",
                "the rules' counters do not sum to the quantities counted",
            ));
        }
        Ok(())
    }
}

/// Scores acts under one policy for one period: builds [`Tally`]s, turns a
/// tally into a [`Scorecard`](super::Scorecard) and replays one deputy's
/// acts into a per-act [`DeputyLedger`](super::DeputyLedger).
///
/// A scorer only borrows the policy; it holds no state of its own.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let act = Act::new(RecordId::new(1), DeputyId::new(3),
///                    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), StandardKind::Inspection.into());
/// let card = scorer.score([&act])?;
/// assert_eq!(card.entries[0].total.to_string(), "63.0"); // base 60 + inspection 3
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorer<'p> {
    pub(crate) policy: &'p Policy,
    pub(crate) period: Period,
    pub(crate) roster: Option<&'p super::Roster>,
}

impl<'p> Scorer<'p> {
    /// A scorer for `period` under `policy`.
    ///
    /// # Errors
    /// [`PointsError::PeriodOutsidePolicy`] if the period is not inside the
    /// dates the policy is in force.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::points::{samples, PointsError, Scorer};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// assert!(matches!(Scorer::new(&policy, Period::year(2040)?), Err(PointsError::PeriodOutsidePolicy { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(policy: &'p Policy, period: Period) -> Result<Self, PointsError> {
        let in_force = policy.in_force();
        if !(in_force.contains(period.start()) && in_force.contains(period.end())) {
            return Err(PointsError::PeriodOutsidePolicy { period, in_force });
        }
        Ok(Self {
            policy,
            period,
            roster: None,
        })
    }

    /// The same scorer with a roster: every deputy and group on it gets an
    /// entry, a rank and a band, with or without acts, and an act of anyone
    /// else is an error ([`PointsError::NotOnRoster`]). A policy that scores
    /// groups or applies rules by role or level needs one.
    ///
    /// Cost: O(roster roles × policy roles): each role on the roster is looked
    /// up in the policy's list; nothing is allocated.
    ///
    /// # Errors
    /// [`PointsError::NotListed`] for a roster role the policy does not
    /// declare, naming the field (`deputies[2].roles[0]`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, PointsError, Roster, RosterData, RosterDeputy, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let roster = Roster::new(RosterData {
    ///     groups: vec![],
    ///     deputies: vec![RosterDeputy::new(DeputyId::new(1), "张三"), RosterDeputy::new(DeputyId::new(2), "李四")],
    /// })?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?.with_roster(&roster)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    /// let card = scorer.score(&[Act::new(RecordId::new(1), DeputyId::new(1), day, StandardKind::Research.into())])?;
    /// // Deputy 2 has no act and still has an entry, a rank and a band.
    /// let li = card.entry(DeputyId::new(2)).unwrap();
    /// assert_eq!((li.rank, li.total.to_string(), li.band.as_deref()), (2, "60.0".into(), Some("fairly_good")));
    /// assert_eq!(li.name.as_deref(), Some("李四"));
    /// let stranger = Act::new(RecordId::new(2), DeputyId::new(3), day, StandardKind::Research.into());
    /// assert!(matches!(scorer.score(&[stranger]), Err(PointsError::NotOnRoster { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_roster(mut self, roster: &'p super::Roster) -> Result<Self, PointsError> {
        super::general::Evaluator::new(self.policy, self.period, Some(roster))?;
        self.roster = Some(roster);
        Ok(self)
    }

    /// The roster, if one was given.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// assert!(Scorer::new(&policy, Period::year(2025)?)?.roster().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn roster(&self) -> Option<&'p super::Roster> {
        self.roster
    }

    /// Scorecards as of the end of each calendar quarter in the period
    /// (季度亮分), each counting the acts from the period's start, made in
    /// one pass over the acts; the last is the period's scorecard.
    ///
    /// Cost: as the general path of [`score`](Self::score) with q the quarters
    /// of the period, plus one scorecard per quarter: O(q × units × lines) time
    /// and memory for the output, so a long period costs in proportion to its
    /// length.
    ///
    /// # Errors
    /// As [`score`](Self::score).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let acts = [
    ///     Act::new(RecordId::new(1), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(), StandardKind::Research.into()),
    ///     Act::new(RecordId::new(2), DeputyId::new(1), NaiveDate::from_ymd_opt(2025, 8, 1).unwrap(), StandardKind::Research.into()),
    /// ];
    /// let quarters = scorer.quarterly(&acts)?;
    /// let totals: Vec<String> = quarters.iter().map(|c| c.entries[0].total.to_string()).collect();
    /// assert_eq!(totals, ["63.0", "63.0", "66.0", "66.0"]);
    /// assert_eq!(quarters[1].period.end(), NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    /// assert_eq!(quarters[3], scorer.score(&acts)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarterly<I>(&self, acts: I) -> Result<Vec<super::Scorecard>, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
        I::IntoIter: Clone,
    {
        super::general::Evaluator::new(self.policy, self.period, self.roster)?.score(acts, true)
    }

    /// Refuses a tally made for another policy or period, or one whose
    /// counters break the policy's layout ([`Tally::check_layout`]): what
    /// every way from a tally to totals checks first ([`scorecard`],
    /// [`ranking`](Self::ranking) and their parallel forms), so they agree
    /// on every tally, a tampered one included.
    ///
    /// [`scorecard`]: Self::scorecard
    pub(crate) fn check_tally(&self, tally: &Tally) -> Result<(), PointsError> {
        tally.key_matches(self.policy, self.period)?;
        tally.check_layout(self.policy)
    }

    /// Refuses a tally for a policy the fast path cannot score.
    pub(crate) fn plain_only(&self, what: &'static str) -> Result<(), PointsError> {
        if self.policy.is_plain() {
            Ok(())
        } else {
            Err(PointsError::PlainOnly(what))
        }
    }

    /// The policy.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// assert_eq!(scorer.policy().version(), "2025.1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn policy(&self) -> &'p Policy {
        self.policy
    }

    /// The period scored.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// assert_eq!(scorer.period(), Period::year(2025)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn period(&self) -> Period {
        self.period
    }

    /// An empty tally for this policy and period.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// assert_eq!(scorer.tally().deputies(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tally(&self) -> Tally {
        Tally::new(key_for(self.policy, self.period))
    }

    /// Adds one act to `tally` and says what happened to it. Acts of a
    /// deputy not yet in the tally add the deputy.
    ///
    /// Cost: O(1) for the act, plus its rule's bonuses, a lookup in the id set
    /// (a binary search of its blocks) and the deputy's row (a table for ids
    /// below 2²², a tree above). Memory: a new deputy's row (4 bytes per
    /// counter) and the act's id (about a bit to 2 bytes); the row table grows
    /// to 4 bytes × the largest deputy id below 2²² (at most 16 MiB), which
    /// depends on the ids' size, not their number.
    ///
    /// # Errors
    /// [`PointsError::TallyMismatch`] for a tally of another policy or
    /// period; [`PointsError::Overflow`] if a count passes 2⁶⁴ − 1. On error
    /// the tally is unchanged.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Claim, Disposition, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let mut tally = scorer.tally();
    /// let act = Act::new(RecordId::new(1), DeputyId::new(3),
    ///                    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), StandardKind::Leave.into());
    /// assert_eq!(scorer.add(&mut tally, &act)?, Disposition::Counted);
    /// assert_eq!(scorer.add(&mut tally, &act)?, Disposition::Duplicate);
    /// let claim = Act { id: RecordId::new(2), ..act }.with_claim(Claim::Pending);
    /// assert_eq!(scorer.add(&mut tally, &claim)?, Disposition::Pending);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&self, tally: &mut Tally, act: &Act) -> Result<Disposition, PointsError> {
        self.plain_only("a tally")?;
        tally.key_matches(self.policy, self.period)?;
        self.add_unchecked(tally, act)
    }

    #[inline(never)]
    pub(super) fn add_slow(
        &self,
        tally: &mut Tally,
        act: &Act,
    ) -> Result<Disposition, PointsError> {
        self.add_unchecked(tally, act)
    }

    /// The per-act step; the tally's key has been checked.
    ///
    /// Nothing is written until every check has passed, and the id set is
    /// touched once: classify the act, check the counters it would raise,
    /// then insert its id (a repeat is a duplicate), then write.
    #[inline(always)]
    fn add_unchecked(&self, tally: &mut Tally, act: &Act) -> Result<Disposition, PointsError> {
        if act.share().is_some() || act.correction().is_some() {
            return Err(PointsError::NeedsWholeScore { act: act.id });
        }
        let outcome = if !self.period.contains(act.date) {
            Disposition::OutsidePeriod
        } else {
            match act.claim {
                super::Claim::Pending => Disposition::Pending,
                super::Claim::Rejected => Disposition::Rejected,
                super::Claim::Verified => match self.policy.rule_index(act.kind) {
                    None => Disposition::Unscored,
                    Some(rule) => return self.count(tally, act, rule),
                },
            }
        };
        if tally.stats.get(outcome) == u64::MAX {
            return Err(PointsError::Overflow("counting acts"));
        }
        let new_row = tally.row_of(act.deputy).is_none();
        if new_row && row_tag(tally.deputies.len()).is_none() {
            return Err(PointsError::Overflow("counting deputies"));
        }
        if !tally.ids.insert(act.id.get()) {
            tally.stats.duplicates.push(act.id);
            return Ok(Disposition::Duplicate);
        }
        if new_row {
            // Everyone met in the acts gets an entry, even with no act
            // counted (room checked above).
            tally.row_or_insert(act.deputy)?;
        }
        tally.stats.bump(outcome);
        Ok(outcome)
    }

    /// Counts a verified, in-period, scored act (or reports it a duplicate).
    #[inline(always)]
    fn count(&self, tally: &mut Tally, act: &Act, rule: u16) -> Result<Disposition, PointsError> {
        let q = act.quantity;
        let (start, _) = self.policy.rule_slot(rule);
        let slots = tally.slots();
        let existing = tally.row_of(act.deputy);
        if tally.stats.counted == u64::MAX {
            return Err(PointsError::Overflow("counting acts"));
        }
        let Some(occurrences) = tally.occurrences.checked_add(u64::from(q)) else {
            return Err(PointsError::Overflow("counting occurrences"));
        };
        let at = existing.map(|row| cell_index(row, slots, start));
        if let Some(at) = at {
            let fits = tally
                .counts
                .get(at)
                .is_some_and(|c| c.checked_add(q).is_some());
            if !fits || !self.bonuses_fit(tally, at, rule, act) {
                return Err(PointsError::Overflow("counting occurrences"));
            }
        }
        if at.is_none() && row_tag(tally.deputies.len()).is_none() {
            return Err(PointsError::Overflow("counting deputies"));
        }
        if !tally.ids.insert(act.id.get()) {
            tally.stats.duplicates.push(act.id);
            return Ok(Disposition::Duplicate);
        }
        let at = match at {
            Some(at) => at,
            // A new row is all zeros, so the checks above hold for it, and
            // there is room for it (checked above).
            None => cell_index(tally.row_or_insert(act.deputy)?, slots, start),
        };
        if let Some(cell) = tally.counts.get_mut(at) {
            *cell = cell.wrapping_add(q); // checked above
        }
        self.count_bonuses(tally, at, rule, act);
        tally.stats.counted = tally.stats.counted.wrapping_add(1); // checked above
        tally.occurrences = occurrences;
        Ok(Disposition::Counted)
    }

    /// Whether the act's bonus occurrences fit in the counters after `at`.
    #[cold]
    #[inline(never)]
    pub(super) fn bonuses_fit(&self, tally: &Tally, at: usize, rule: u16, act: &Act) -> bool {
        self.policy.bonuses(rule).iter().enumerate().all(|(i, b)| {
            !b.applies(&act.qualifiers, act.role())
                || at
                    .checked_add(i)
                    .and_then(|j| j.checked_add(1))
                    .and_then(|j| tally.counts.get(j))
                    .is_some_and(|c| c.checked_add(act.quantity).is_some())
        })
    }

    #[cold]
    #[inline(never)]
    pub(super) fn count_bonuses(&self, tally: &mut Tally, at: usize, rule: u16, act: &Act) {
        for (i, b) in self.policy.bonuses(rule).iter().enumerate() {
            if b.applies(&act.qualifiers, act.role())
                && let Some(cell) = at
                    .checked_add(i)
                    .and_then(|j| j.checked_add(1))
                    .and_then(|j| tally.counts.get_mut(j))
            {
                *cell = cell.wrapping_add(act.quantity); // checked in `fits`
            }
        }
    }

    /// A fresh tally of `acts`, which may come in any order: borrowed
    /// (`&[Act]`, `&Vec<Act>`, an iterator of `&Act`) or owned (a stream
    /// of acts read row by row from a database, never collected).
    ///
    /// Cost: O(acts) time, each act read once (a run of consecutive ids is
    /// not looked up at all); memory as below, plus a row table of 4 bytes
    /// × the largest deputy id below 2²² (at most 16 MiB), never the acts.
    ///
    /// Memory is the tally's: deputies × counters a row × 4 bytes, plus
    /// the id set (about one bit an id for ids numbered one after another,
    /// 2 bytes an id for scattered ones; see the
    /// [module docs](super#duplicates-and-memory)), whatever the number of
    /// acts. Time: one pass, a few nanoseconds an act on the run loop (see
    /// the [module docs](super#counting-not-storing)).
    ///
    /// # Errors
    /// [`PointsError::PlainOnly`] for a policy that is not
    /// [plain](Policy::is_plain); [`PointsError::NeedsWholeScore`] for an
    /// act with a share or a correction; [`PointsError::Overflow`] if a
    /// count passes 2⁶⁴ − 1.
    ///
    /// ```
    /// # use deputy_work::common::Period;
    /// # use deputy_work::points::{samples, Act, Scorer};
    /// # let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let none: [Act; 0] = [];
    /// assert_eq!(scorer.tally_acts(&none)?, scorer.tally());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// Owned acts, made one at a time as a database cursor yields them:
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?;
    /// let rows = (1..=1_000_u64).map(|id| {
    ///     let deputy = DeputyId::new(u32::try_from(id % 7)? + 1);
    ///     Ok::<Act, std::num::TryFromIntError>(Act::new(RecordId::new(id), deputy, day, StandardKind::Research.into()))
    /// });
    /// let tally = scorer.tally_acts(rows.map_while(Result::ok))?;
    /// assert_eq!((tally.deputies(), tally.stats().counted), (7, 1_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tally_acts<I>(&self, acts: I) -> Result<Tally, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        self.plain_only("a tally")?;
        self.tally_fast(acts)
    }

    /// Tallies `acts` and makes the scorecard in one step.
    ///
    /// Cost: a plain policy without a roster costs
    /// [`tally_acts`](Self::tally_acts) then [`scorecard`](Self::scorecard).
    /// Otherwise O(acts × (1 + conditions + q / 4)) over up to three reads,
    /// where q is the number of quarters in the period when the policy counts
    /// by quarter (1 otherwise: each act's date is compared with every
    /// quarter's end), plus O(units × lines × q) to walk the counters and
    /// O(units log units) to rank. The period's length enters: a policy in
    /// force from year 1 to 9999 scored over that period has q = 39,996.
    /// Memory: units × lines × q counters, the id set, the corrections, and the
    /// scorecard (a ledger of up to one line per rule and bonus per unit).
    ///
    /// The acts may be borrowed or owned, but their iterator must be
    /// `Clone`: the general evaluator (a roster, categories, shares,
    /// corrections, quarters…) reads them once, and again (at most three
    /// reads in all) when some act corrects another, since a correction
    /// may come before or after the record it corrects. Memory stays in
    /// proportion to units × lines (plus the id set and the corrections),
    /// never to the acts. A stream that can be read only once is scored by
    /// [`tally_acts`](Self::tally_acts) then [`scorecard`](Self::scorecard)
    /// (plain policies), or by reading it again (a query run again).
    ///
    /// # Errors
    /// As [`tally_acts`](Self::tally_acts) and [`scorecard`](Self::scorecard).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    /// let acts = vec![Act::new(RecordId::new(1), DeputyId::new(8), day, StandardKind::Absence.into())];
    /// let card = scorer.score(acts.iter())?;
    /// assert_eq!(card.entries[0].total.to_string(), "58.0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn score<I>(&self, acts: I) -> Result<super::Scorecard, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
        I::IntoIter: Clone,
    {
        let acts = acts.into_iter();
        if self.roster.is_none() && self.policy.is_plain() {
            match self.tally_acts(acts.clone()) {
                // A share or a correction: the general evaluator decides.
                Err(PointsError::NeedsWholeScore { .. }) => {}
                other => return self.scorecard(&other?),
            }
        }
        let mut cards = super::general::Evaluator::new(self.policy, self.period, self.roster)?
            .score(acts, false)?;
        cards
            .pop()
            .ok_or(PointsError::Overflow("making the scorecard"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::{ActKind, StandardKind, samples};
    use chrono::NaiveDate;

    fn act(id: u64, deputy: u32) -> Act {
        Act::new(
            RecordId::new(id),
            DeputyId::new(deputy),
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            StandardKind::AttendMeeting.into(),
        )
    }

    /// A policy with a local kind inside the run loop's table (1) and one
    /// past it (2000), and the acts of a year that exercise every way out
    /// of the run loop.
    fn mixed() -> (Policy, Vec<Act>) {
        use crate::points::{Claim, Qualifier};
        let data = samples::yinchuan_jiangbei().unwrap().data().clone();
        let policy = Policy::new(samples::with_far_local_kind(data)).unwrap();
        let kinds = [
            StandardKind::AttendMeeting.into(),
            StandardKind::SubmitSuggestion.into(),
            ActKind::Local(1),
            ActKind::Local(2000),
            ActKind::Local(7), // declared nowhere: no rule
            StandardKind::Leave.into(),
        ];
        let claims = [
            Claim::Verified,
            Claim::Pending,
            Claim::Verified,
            Claim::Rejected,
        ];
        let acts = (0_u64..600)
            .map(|i| {
                let deputy = u32::try_from(i * 7 % 11).unwrap() + 1;
                let day = if i % 37 == 0 {
                    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() // outside
                } else {
                    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(i % 365)
                };
                let mut a = Act::new(
                    RecordId::new(if i % 53 == 0 { i } else { i + 1 }), // gaps and repeats
                    DeputyId::new(deputy),
                    day,
                    kinds[usize::try_from(i % 6).unwrap()],
                )
                .with_claim(claims[usize::try_from(i % 7 % 4).unwrap()])
                .with_quantity(u32::try_from(i % 4).unwrap());
                if i % 5 == 0 {
                    a = a.with_qualifier(Qualifier::new("key_suggestion").unwrap());
                }
                a
            })
            .collect();
        (policy, acts)
    }

    #[test]
    fn the_run_loop_agrees_with_one_act_at_a_time() {
        let (policy, acts) = mixed();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let mut one = scorer.tally();
        for a in &acts {
            scorer.add(&mut one, a).unwrap();
        }
        let all = scorer.tally_acts(&acts).unwrap();
        assert_eq!(all, one);
        // Every way out of the loop was taken.
        let s = all.stats();
        assert!(s.pending > 0 && s.rejected > 0 && s.outside_period > 0 && s.unscored > 0);
        assert!(!s.duplicates.is_empty());
        let far = policy.rule_index(ActKind::Local(2000)).unwrap();
        let at = policy.rule_slot(far).0;
        assert!(all.sorted_rows().any(|(_, c)| c[at] > 0));
        // The scratch cells are empty between calls.
        assert_eq!(all.counts[..SCRATCH], [0; SCRATCH]);
    }

    #[test]
    fn ids_up_to_the_last_one_run_and_then_wrap_to_the_general_path() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let acts: Vec<Act> = [u64::MAX - 2, u64::MAX - 1, u64::MAX, 0, 1, u64::MAX]
            .into_iter()
            .map(|id| act(id, 1))
            .collect();
        let mut one = scorer.tally();
        for a in &acts {
            scorer.add(&mut one, a).unwrap();
        }
        let all = scorer.tally_acts(&acts).unwrap();
        assert_eq!(all, one);
        assert_eq!(all.stats().counted, 5);
        assert_eq!(all.stats().duplicates, [RecordId::new(u64::MAX)]);
    }

    #[test]
    fn a_counter_overflow_in_a_run_is_the_general_path_s_error() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let acts: Vec<Act> = (1..=4)
            .map(|id| act(id, 1).with_quantity(u32::MAX / 3))
            .collect();
        assert_eq!(
            scorer.tally_acts(&acts),
            Err(PointsError::Overflow("counting occurrences"))
        );
    }

    #[test]
    fn sparse_and_dense_deputies_share_one_tally() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let mut t = scorer.tally();
        for (i, d) in [u32::MAX, 3, DENSE_LIMIT, 3, DENSE_LIMIT - 1, DENSE_LIMIT]
            .into_iter()
            .enumerate()
        {
            assert_eq!(
                scorer.add(&mut t, &act(i as u64, d)).unwrap(),
                Disposition::Counted
            );
        }
        assert_eq!(t.deputies(), 4);
        let rows: Vec<_> = t.sorted_rows().map(|(d, c)| (d.get(), c[0])).collect();
        assert_eq!(
            rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [3, DENSE_LIMIT - 1, DENSE_LIMIT, u32::MAX]
        );
    }

    /// Rows are tagged by their index, up to 2³² − 2; the last tag,
    /// `u32::MAX`, marks a deputy without a row.
    #[test]
    fn row_tags_stop_below_the_no_row_mark() {
        let max = u32::MAX as usize;
        assert_eq!(row_tag(0), Some(0));
        assert_eq!(row_tag(max - 1), Some(u32::MAX - 1));
        assert_eq!(row_tag(max), None);
        assert_eq!(row_tag(usize::MAX), None);
    }

    /// 2³² acts may be stored, not one more (the id set of exactly that
    /// many is 512 MiB, too much to build in a test).
    #[cfg(feature = "serde")]
    #[test]
    fn a_stored_tally_holds_up_to_max_stored_acts() {
        assert_eq!(MAX_STORED_ACTS, 1 << 32);
        for (acts, ok) in [
            (0, true),
            (MAX_STORED_ACTS, true),
            (MAX_STORED_ACTS + 1, false),
            (u64::MAX, false),
        ] {
            assert_eq!(storable(acts), ok, "{acts}");
        }
    }

    #[test]
    fn merge_of_overlapping_tallies_is_refused_and_changes_nothing() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let a = scorer.tally_acts(&[act(1, 1), act(2, 1)]).unwrap();
        let b = scorer.tally_acts(&[act(2, 2)]).unwrap();
        let mut m = a.clone();
        assert_eq!(
            m.merge(&b),
            Err(PointsError::OverlappingTallies {
                first: RecordId::new(2),
                count: 1
            })
        );
        assert_eq!(m, a);
        let other = Scorer::new(&policy, Period::year(2024).unwrap()).unwrap();
        let c = other.tally();
        assert!(matches!(
            m.merge(&c),
            Err(PointsError::TallyMismatch { .. })
        ));
        let mut c2 = c.clone();
        assert!(matches!(
            scorer.add(&mut c2, &act(9, 9)),
            Err(PointsError::TallyMismatch { .. })
        ));
        assert_eq!(c2, c);
    }

    /// Pairs of tallies that differ in one thing only: each is unequal,
    /// and the same acts in another order are equal.
    #[test]
    fn tallies_are_equal_only_when_every_field_is() {
        use crate::points::Claim;
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let tally = |acts: &[Act]| scorer.tally_acts(acts).unwrap();
        let base = tally(&[act(1, 1), act(1, 1), act(2, 1), act(2, 1)]);
        // The same acts in another order: equal (duplicates listed in
        // another order).
        let reordered = tally(&[act(2, 1), act(2, 1), act(1, 1), act(1, 1)]);
        assert_ne!(base.stats().duplicates, reordered.stats().duplicates);
        assert_eq!(base, reordered);
        // The same ids and statistics, another deputy: the rows differ.
        assert_ne!(tally(&[act(1, 1)]), tally(&[act(1, 2)]));
        // The same ids, rows and counts; the repeat is of another id.
        assert_ne!(
            tally(&[act(1, 1), act(1, 1), act(2, 1)]),
            tally(&[act(1, 1), act(2, 1), act(2, 1)])
        );
        // Pending or rejected: only that statistic differs.
        let claimed = |c| tally(&[act(1, 1).with_claim(c)]);
        assert_ne!(claimed(Claim::Pending), claimed(Claim::Rejected));
        assert_eq!(claimed(Claim::Pending), claimed(Claim::Pending));
        // The same act under another version of the policy: the keys differ.
        let mut data = policy.data().clone();
        data.version.push_str("-b");
        let other = Policy::new(data).unwrap();
        let other = Scorer::new(&other, Period::year(2025).unwrap()).unwrap();
        assert_ne!(tally(&[act(1, 1)]), other.tally_acts(&[act(1, 1)]).unwrap());
        // Statistics that no act of this scorer sets, each on its own.
        let edits: [fn(&mut TallyStats); 4] = [
            |s| s.not_applicable += 1,
            |s| s.no_points += 1,
            |s| s.superseded += 1,
            |s| s.corrections += 1,
        ];
        for edit in edits {
            let mut t = tally(&[act(1, 1)]);
            edit(&mut t.stats);
            assert_ne!(t, tally(&[act(1, 1)]));
        }
    }

    /// Each counter a refused act would raise, at its limit: the act is
    /// refused with nothing changed; one below, it is counted there.
    #[test]
    fn a_statistic_at_its_limit_refuses_the_act_that_would_raise_it() {
        use crate::points::Claim;
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let outside = Act::new(
            RecordId::new(1),
            DeputyId::new(1),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            StandardKind::AttendMeeting.into(),
        );
        type Field = fn(&mut TallyStats) -> &mut u64;
        let cases: [(Act, Disposition, Field); 4] = [
            (
                act(1, 1).with_claim(Claim::Pending),
                Disposition::Pending,
                |s| &mut s.pending,
            ),
            (
                act(1, 1).with_claim(Claim::Rejected),
                Disposition::Rejected,
                |s| &mut s.rejected,
            ),
            (outside, Disposition::OutsidePeriod, |s| {
                &mut s.outside_period
            }),
            (
                Act::new(
                    RecordId::new(1),
                    DeputyId::new(1),
                    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
                    ActKind::Local(7),
                ),
                Disposition::Unscored,
                |s| &mut s.unscored,
            ),
        ];
        for (a, outcome, field) in cases {
            let mut t = scorer.tally();
            *field(&mut t.stats) = u64::MAX;
            let before = t.clone();
            assert_eq!(
                scorer.add(&mut t, &a),
                Err(PointsError::Overflow("counting acts")),
                "{outcome:?}"
            );
            assert_eq!(t, before);
            *field(&mut t.stats) = u64::MAX - 1;
            assert_eq!(scorer.add(&mut t, &a), Ok(outcome));
            assert_eq!(*field(&mut t.stats), u64::MAX, "{outcome:?}");
        }
    }

    /// Merged statistics add field by field; duplicates sorted, or in
    /// order when the shards are in order; a sum past `u64::MAX` is refused.
    #[test]
    fn statistics_merge_field_by_field() {
        let ids = |v: &[u64]| v.iter().map(|i| RecordId::new(*i)).collect::<Vec<_>>();
        let a = TallyStats {
            counted: 1,
            pending: 2,
            rejected: 3,
            outside_period: 4,
            unscored: 5,
            not_applicable: 6,
            no_points: 7,
            superseded: 8,
            corrections: 9,
            duplicates: ids(&[9, 3]),
        };
        let b = TallyStats {
            counted: 10,
            pending: 20,
            rejected: 30,
            outside_period: 40,
            unscored: 50,
            not_applicable: 60,
            no_points: 70,
            superseded: 80,
            corrections: 90,
            duplicates: ids(&[5]),
        };
        let sum = TallyStats {
            counted: 11,
            pending: 22,
            rejected: 33,
            outside_period: 44,
            unscored: 55,
            not_applicable: 66,
            no_points: 77,
            superseded: 88,
            corrections: 99,
            duplicates: ids(&[3, 5, 9]),
        };
        assert_eq!(a.merged(&b, false), Ok(sum.clone()));
        let in_order = a.merged(&b, true).unwrap();
        assert_eq!(in_order.duplicates, ids(&[9, 3, 5]));
        assert_eq!(a.seen(), Some(45 + 2));
        let fields: [fn(&mut TallyStats) -> &mut u64; 9] = [
            |s| &mut s.counted,
            |s| &mut s.pending,
            |s| &mut s.rejected,
            |s| &mut s.outside_period,
            |s| &mut s.unscored,
            |s| &mut s.not_applicable,
            |s| &mut s.no_points,
            |s| &mut s.superseded,
            |s| &mut s.corrections,
        ];
        for field in fields {
            let mut full = a.clone();
            *field(&mut full) = u64::MAX;
            assert_eq!(
                full.merged(&b, false),
                Err(PointsError::Overflow("merging tallies"))
            );
            assert_eq!(full.seen(), None);
        }
    }

    /// A tally from another policy or period is refused, and the error
    /// says what each was made for.
    #[test]
    fn a_mismatch_names_both_tallies() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let other = Scorer::new(&policy, Period::year(2024).unwrap()).unwrap();
        let mut t = scorer.tally();
        let err = t.merge(&other.tally()).unwrap_err();
        let key = |year| {
            format!(
                "policy `{}` version `{}`, period {year}-01-01..={year}-12-31, {} counters",
                policy.name(),
                policy.version(),
                policy.slots()
            )
        };
        assert_eq!(
            err,
            PointsError::TallyMismatch {
                expected: key(2025),
                found: key(2024)
            }
        );
    }

    /// A scorer adds only to a tally made for its policy's name, version
    /// and counters and its period, and only under a plain policy; a
    /// refused act changes nothing.
    #[test]
    fn a_scorer_adds_only_to_its_own_kind_of_tally() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let mine = scorer.tally_acts(&[act(1, 1)]).unwrap();
        let mut renamed = policy.data().clone();
        renamed.name.push_str("-b");
        let mut reversioned = policy.data().clone();
        reversioned.version.push_str("-b");
        let wider = samples::with_far_local_kind(policy.data().clone());
        for data in [renamed, reversioned, wider] {
            let other = Policy::new(data).unwrap();
            let other = Scorer::new(&other, Period::year(2025).unwrap()).unwrap();
            let mut t = mine.clone();
            assert!(matches!(
                other.add(&mut t, &act(2, 1)),
                Err(PointsError::TallyMismatch { .. })
            ));
            assert_eq!(t, mine);
            let mut theirs = other.tally();
            assert!(matches!(
                scorer.add(&mut theirs, &act(2, 1)),
                Err(PointsError::TallyMismatch { .. })
            ));
            assert_eq!(theirs, other.tally());
        }
        let mut data = policy.data().clone();
        data.rules[0].highest_only = true;
        let general = Policy::new(data).unwrap();
        assert!(!general.is_plain());
        let general = Scorer::new(&general, Period::year(2025).unwrap()).unwrap();
        let mut t = general.tally();
        assert_eq!(
            general.add(&mut t, &act(1, 1)),
            Err(PointsError::PlainOnly("a tally"))
        );
        assert_eq!(t, general.tally());
    }

    /// The roster a scorer was given is the one it reports.
    #[test]
    fn a_scorer_reports_its_roster() {
        use crate::points::{Roster, RosterData, RosterDeputy};
        let policy = samples::yinchuan_jiangbei().unwrap();
        let roster = Roster::new(RosterData {
            groups: vec![],
            deputies: vec![RosterDeputy::new(DeputyId::new(1), "张三")],
        })
        .unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        assert!(scorer.roster().is_none());
        let with = scorer.with_roster(&roster).unwrap();
        assert!(with.roster().is_some_and(|r| core::ptr::eq(r, &roster)));
    }

    /// A bonus counter at its limit refuses an act that carries the
    /// bonus's qualifier, with nothing changed; acts without it still
    /// count.
    #[test]
    fn an_overflowing_bonus_counter_is_refused_and_changes_nothing() {
        use crate::points::Qualifier;
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let kind = StandardKind::SubmitSuggestion.into();
        let suggestion = |id| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(1),
                NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
                kind,
            )
        };
        let key = |id| suggestion(id).with_qualifier(Qualifier::new("key_suggestion").unwrap());
        let mut t = scorer.tally();
        scorer.add(&mut t, &key(1)).unwrap();
        // The rule's counter, then one per bonus: lead, key_suggestion,
        // reply_class_a.
        let (start, _) = policy.rule_slot(policy.rule_index(kind).unwrap());
        let cells = SCRATCH + start..SCRATCH + start + 4;
        assert_eq!(t.counts[cells.clone()], [1, 0, 1, 0]);
        t.counts[SCRATCH + start + 2] = u32::MAX;
        let before = t.clone();
        assert_eq!(
            scorer.add(&mut t, &key(2)),
            Err(PointsError::Overflow("counting occurrences"))
        );
        assert_eq!(t, before);
        assert_eq!(scorer.add(&mut t, &suggestion(3)), Ok(Disposition::Counted));
        assert_eq!(t.counts[cells], [2, 0, u32::MAX, 0]);
    }

    #[test]
    fn overflowing_count_is_refused_and_changes_nothing() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let mut t = scorer.tally();
        scorer.add(&mut t, &act(1, 1)).unwrap();
        let rule = policy
            .rule_index(StandardKind::AttendMeeting.into())
            .unwrap();
        let at = policy.rule_slot(rule).0;
        t.counts[SCRATCH + at] = u32::MAX;
        let before = t.clone();
        assert_eq!(
            scorer.add(&mut t, &act(2, 1)),
            Err(PointsError::Overflow("counting occurrences"))
        );
        assert_eq!(t, before);
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use crate::points::{Qualifier, StandardKind, samples};
    use chrono::NaiveDate;
    use serde_json::Value;

    fn suggestion(id: u64, deputy: u32, key: bool) -> Act {
        let a = Act::new(
            RecordId::new(id),
            DeputyId::new(deputy),
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            StandardKind::SubmitSuggestion.into(),
        );
        if key {
            a.with_qualifier(Qualifier::new("key_suggestion").unwrap())
        } else {
            a
        }
    }

    fn stored(t: &Tally) -> Value {
        serde_json::to_value(t).unwrap()
    }

    fn read(v: Value) -> Result<Tally, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    /// Acts that count nothing (a pending claim) still give their deputy
    /// a row; a stored tally with such acts and no row is refused, and one
    /// without acts needs no row.
    #[test]
    fn acts_seen_without_any_row_are_refused() {
        use crate::points::Claim;
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let t = scorer
            .tally_acts(&[suggestion(1, 1, false).with_claim(Claim::Pending)])
            .unwrap();
        assert_eq!((t.deputies(), t.stats().pending), (1, 1));
        let mut v = stored(&t);
        assert_eq!(read(v.clone()), Ok(t));
        v["rows"] = Value::Array(vec![]);
        let err = read(v).unwrap_err();
        assert!(
            err.contains("acts were seen but no deputy has a row"),
            "{err}"
        );
        assert_eq!(read(stored(&scorer.tally())), Ok(scorer.tally()));
    }

    #[test]
    fn a_bonus_counter_above_its_rule_s_is_refused_where_the_policy_is() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let t = scorer
            .tally_acts(&[suggestion(1, 1, true), suggestion(2, 1, false)])
            .unwrap();
        assert!(t.check_layout(&policy).is_ok());
        // submit_suggestion is slot 2 (2 acts), key_suggestion slot 4 (1).
        let mut v = stored(&t);
        assert_eq!(
            (v["rows"][0][1][2].as_u64(), v["rows"][0][1][4].as_u64()),
            (Some(2), Some(1))
        );
        v["rows"][0][1][4] = Value::from(3);
        let edited = read(v).unwrap(); // no policy on the way in
        assert_eq!(
            scorer.scorecard(&edited),
            Err(PointsError::CorruptTally {
                field: "rows[0][4]".into(),
                problem: "a bonus counter exceeds its rule's counter",
            })
        );
        // Two counters could be one act's each (quantities are any u32),
        // but then the rules' counters no longer sum to the quantities
        // counted; and one act counted cannot set two rule counters.
        let mut v = stored(&t);
        v["rows"][0][1][0] = Value::from(1);
        assert_eq!(
            scorer.scorecard(&read(v).unwrap()),
            Err(PointsError::CorruptTally {
                field: "occurrences".into(),
                problem: "the rules' counters do not sum to the quantities counted",
            })
        );
        // The issue's edit: one counter set to 4,000,000,000.
        let mut v = stored(&t);
        v["rows"][0][1][2] = Value::from(4_000_000_000_u64);
        assert_eq!(
            scorer.scorecard(&read(v).unwrap()),
            Err(PointsError::CorruptTally {
                field: "occurrences".into(),
                problem: "the rules' counters do not sum to the quantities counted",
            })
        );
        // The sum edited too, past what the counters hold: refused on the
        // way in, with no policy.
        let mut v = stored(&t);
        v["occurrences"] = Value::from(4);
        let err = read(v).unwrap_err();
        assert!(
            err.contains("occurrences: the counters hold fewer occurrences than were counted"),
            "{err}"
        );
        let one = scorer.tally_acts(&[suggestion(1, 1, true)]).unwrap();
        let mut v = stored(&one);
        v["rows"][0][1][0] = Value::from(1);
        let edited = read(v).unwrap();
        assert!(matches!(
            scorer.scorecard(&edited),
            Err(PointsError::CorruptTally { ref field, .. }) if field == "rows[0][2]"
        ));
    }

    /// Three bytes of runs can ask for billions of ids: past
    /// `MAX_STORED_ACTS` the tally is refused before its id set is built
    /// (at `u64::MAX` ids it would take 2 EiB); below it, it loads.
    #[test]
    fn a_stored_tally_holds_at_most_max_stored_acts() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let t = scorer.tally_acts(&[suggestion(1, 1, false)]).unwrap();
        let claim = |pending: u64, end: u64| {
            let mut v = stored(&t);
            v["stats"]["pending"] = Value::from(pending);
            v["ids"] = serde_json::json!([[1, end]]);
            read(v)
        };
        for pending in [MAX_STORED_ACTS, u64::MAX - 1] {
            let err = claim(pending, pending + 1).unwrap_err();
            assert!(
                err.contains("stats: a stored tally holds at most 2^32 acts (MAX_STORED_ACTS)"),
                "{pending}: {err}"
            );
        }
        // Below the limit the claim loads (exactly at it, it would build
        // 512 MiB of bitmaps: not in a unit test).
        let below = claim(999_999, 1_000_000).unwrap();
        assert_eq!(below.sorted_stats().pending, 999_999);
    }

    #[test]
    fn the_stored_form_is_checked_without_the_policy() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let mut t = scorer
            .tally_acts(&[suggestion(1, 1, false), suggestion(1, 1, false)])
            .unwrap();
        t.enrol(DeputyId::new(2)).unwrap();
        assert_eq!(read(stored(&t)).unwrap(), t);
        let refused = |path: &[&str], value: Value, says: &str| {
            let mut v = stored(&t);
            let mut at = &mut v;
            for p in path {
                at = match p.parse::<usize>() {
                    Ok(i) => &mut at[i],
                    Err(_) => &mut at[*p],
                };
            }
            *at = value;
            let err = read(v).unwrap_err();
            assert!(err.contains(says), "{path:?}: {err}");
        };
        refused(&["stats", "superseded"], Value::from(1), "stats.superseded");
        refused(
            &["stats", "duplicates", "0"],
            Value::from(9),
            "stats.duplicates[0]",
        );
        refused(
            &["rows", "1", "0"],
            Value::from(1),
            "rows[1]: rows must be sorted",
        );
        refused(
            &["stats", "counted"],
            Value::from(0),
            "a counter is set but no act was counted",
        );
        refused(&["stats", "counted"], Value::from(2), "ids");
        // The enrolled deputy's row with a counter: more rows with
        // counters (2) than acts counted (1).
        refused(&["rows", "1", "1", "0"], Value::from(1), "rows[1][0]");
    }
}

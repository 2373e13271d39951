//! Scoring on every core (feature `rayon`), with results identical, byte
//! for byte, to the sequential ones.
//!
//! # How shards stay exact
//!
//! The acts are cut into shards, in order: the acts of shard 0, then of
//! shard 1, and so on, are "the acts" that [`Scorer::tally_acts`] would
//! take one after another. Each core tallies a run of consecutive shards
//! into one tally (continuing it shard after shard, exactly as the
//! sequential loop would), and runs are joined left to right:
//!
//! - if the right run saw no id the left one saw, and the sums fit,
//!   [`Tally::merge`]'s sum is the sequential tally of both runs: nothing
//!   the right run did depended on the left's acts (a repeat of a left id
//!   would have been a duplicate; an overflow would show in the sums);
//! - otherwise (an id in both, a sum that overflows, an error in the right
//!   run), the right run's shards are read again, continuing the left
//!   run's tally, one after another: the sequential loop itself, so the
//!   first copy of an id counts, later ones are listed as duplicates, and
//!   the error is the one the sequential tally meets first.
//!
//! So the answer never depends on where the shards are cut or how many
//! cores there are. Shards with disjoint ids — a platform's partitions by
//! id range (recording order) or by deputy — never need a second read.
//! Duplicates are listed in the order the sequential tally meets them.
//!
//! # What is not parallel
//!
//! A tally exists for [plain](super::Policy::is_plain) policies without a
//! roster and acts without shares or corrections (as for
//! [`Scorer::tally_acts`]). [`Scorer::par_score`] hands everything else
//! — a roster, categories, shares, corrections, quarters — to the general
//! evaluator on one core, unchanged: a correction may name a record in any
//! shard and a group pools its members' acts, so its counters cannot be
//! summed shard by shard without first resolving every correction.

use core::borrow::Borrow;
use core::ops::Range;

use rayon::iter::{
    IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator,
};
use rayon::slice::{ParallelSlice, ParallelSliceMut};

use super::invariant::surely;
use super::ranking::{Ranker, awards};
use super::{Act, PointsError, Ranking, Scorecard, Scorer, Tally};

/// Fewer acts than this are tallied as one shard.
const MIN_SHARD: usize = 1 << 14;

/// A tally of shards `shards` (in order), or the error the sequential
/// tally of them meets first.
struct Part {
    tally: Result<Tally, PointsError>,
    shards: Range<usize>,
}

impl Scorer<'_> {
    /// [`tally_acts`](Self::tally_acts) on every core: the acts are cut
    /// into as many shards as rayon has threads. Equal to
    /// `tally_acts(acts)`: the same counts, statistics, duplicates (in the
    /// same order) and errors.
    ///
    /// Memory: one tally a thread while tallying (each holds the rows of
    /// the deputies its shard met), then their sum. Time: the sequential
    /// tally's divided by the threads, plus merging the tallies (a pass
    /// over their rows and a word-by-word union of their id sets); an id
    /// repeated across shards costs a second, sequential read of the
    /// shards after it (see [on every core](super#on-every-core)).
    ///
    /// # Errors
    /// As [`tally_acts`](Self::tally_acts).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).ok_or("date")?;
    /// let acts: Vec<Act> = (1..=100_000_u32)
    ///     .map(|i| Act::new(RecordId::new(u64::from(i % 90_000 + 1)), DeputyId::new(i % 50 + 1), day, StandardKind::Training.into()))
    ///     .collect();
    /// let tally = scorer.par_tally_acts(&acts)?;
    /// assert_eq!(tally, scorer.tally_acts(&acts)?);
    /// assert_eq!(tally.stats().duplicates.len(), 10_000); // the later copies
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_tally_acts(&self, acts: &[Act]) -> Result<Tally, PointsError> {
        self.plain_only("a tally")?;
        let threads = rayon::current_num_threads().max(1);
        let size = acts.len().div_ceil(threads).max(MIN_SHARD);
        let shards: Vec<&[Act]> = acts.chunks(size).collect();
        self.par_tally_shards(shards.len(), |k| {
            surely(shards.get(k).copied(), &[], "k is a shard's number")
        })
    }

    /// Tallies shards `0..shards` on every core: `open(k)` gives shard
    /// `k`'s acts (borrowed or owned: a query on one partition of a
    /// database, read row by row). Equal to [`tally_acts`](Self::tally_acts)
    /// of shard 0's acts, then shard 1's, and so on.
    ///
    /// `open(k)` is called once for each shard, and once more for each
    /// shard after a run of shards that shares an id with it (or whose
    /// sums overflow, or that fails): it must give the same acts each
    /// time. Shards are given to threads in runs of consecutive shards.
    ///
    /// Memory: one tally a thread, each with the rows of the deputies its
    /// shards met (partition by deputy to keep them small), plus the
    /// merged tally; never the acts.
    ///
    /// # Errors
    /// As [`tally_acts`](Self::tally_acts).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).ok_or("date")?;
    /// // Eight partitions of 1,000 acts each, made as they are read.
    /// let partition = |k: usize| {
    ///     let first = 1_000 * k as u64;
    ///     (first + 1..=first + 1_000).map(move |id| {
    ///         Act::new(RecordId::new(id), DeputyId::new((id % 97) as u32 + 1), day, StandardKind::Research.into())
    ///     })
    /// };
    /// let tally = scorer.par_tally_shards(8, partition)?;
    /// assert_eq!(tally, scorer.tally_acts((0..8).flat_map(partition))?);
    /// assert_eq!(tally.stats().counted, 8_000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_tally_shards<F, I>(&self, shards: usize, open: F) -> Result<Tally, PointsError>
    where
        F: Fn(usize) -> I + Sync,
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        self.plain_only("a tally")?;
        let threads = rayon::current_num_threads().max(1);
        // As many runs as threads: each run's tally may hold every
        // deputy's row, so more runs would cost memory, not time.
        let per_thread = shards.div_ceil(threads).max(1);
        let whole = (0..shards)
            .into_par_iter()
            .with_min_len(per_thread)
            .fold(
                || None,
                |part: Option<Part>, k| Some(self.continue_with(part, k, &open)),
            )
            .reduce(|| None, |a, b| self.join(a, b, &open));
        match whole {
            None => Ok(self.tally()),
            Some(part) => part.tally,
        }
    }

    /// [`score`](Self::score) on every core where it can be: for a plain
    /// policy without a roster, [`par_tally_acts`](Self::par_tally_acts)
    /// then [`par_scorecard`](Self::par_scorecard); otherwise (or if an
    /// act has a share or a correction) the general evaluator on one core,
    /// as `score` does. Equal to `score(acts)`. Memory: the tally's (as
    /// [`par_tally_acts`](Self::par_tally_acts)) and the scorecard's;
    /// time: the tally's and the walks' divided by the threads, plus a
    /// sort of the entries.
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
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).ok_or("date")?;
    /// let acts: Vec<Act> = (1..=50_000_u32)
    ///     .map(|i| Act::new(RecordId::new(u64::from(i)), DeputyId::new(i % 300 + 1), day, StandardKind::Inspection.into()))
    ///     .collect();
    /// assert_eq!(scorer.par_score(&acts)?, scorer.score(&acts)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_score(&self, acts: &[Act]) -> Result<Scorecard, PointsError> {
        if self.roster.is_none() && self.policy.is_plain() {
            match self.par_tally_acts(acts) {
                // A share or a correction: the general evaluator decides.
                Err(PointsError::NeedsWholeScore { .. }) => {}
                other => return self.par_scorecard(&other?),
            }
        }
        let mut cards = super::general::Evaluator::new(self.policy, self.period, self.roster)?
            .score(acts, false)?;
        cards
            .pop()
            .ok_or(PointsError::Overflow("making the scorecard"))
    }

    /// [`scorecard`](Self::scorecard) with the deputies' walks on every
    /// core, 4,096 deputies at a time. Equal to
    /// `scorecard(tally)`. Memory: the scorecard's (see
    /// [`Ranking`] for a national year).
    ///
    /// # Errors
    /// As [`scorecard`](Self::scorecard).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).ok_or("date")?;
    /// let acts: Vec<Act> = (1..=20_000_u32)
    ///     .map(|i| Act::new(RecordId::new(u64::from(i)), DeputyId::new(i % 9_000 + 1), day, StandardKind::Research.into()))
    ///     .collect();
    /// let tally = scorer.tally_acts(&acts)?;
    /// assert_eq!(scorer.par_scorecard(&tally)?, scorer.scorecard(&tally)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_scorecard(&self, tally: &Tally) -> Result<Scorecard, PointsError> {
        // The walk of one deputy depends on that deputy's row only (a
        // plain policy has no vetoes or outcomes), and ranks and honours
        // on the totals: the scorecard is the slices' entries, ranked.
        self.plain_only("a tally")?;
        self.check_tally(tally)?;
        let evaluator = super::general::Evaluator::new(self.policy, self.period, None)?;
        let rows: Vec<(crate::common::DeputyId, &[u32])> = tally.sorted_rows().collect();
        let slices: Vec<Result<Scorecard, PointsError>> = rows
            .par_chunks(super::ranking::SLICE)
            .map(|slice| evaluator.card_of_rows(slice))
            .collect();
        drop(rows);
        let mut entries = Vec::with_capacity(tally.deputies());
        for card in slices {
            entries.append(&mut card?.entries);
        }
        // Ids are unique, so the order is total and the sort deterministic.
        entries.par_sort_unstable_by(|a, b| b.total.cmp(&a.total).then(a.deputy.cmp(&b.deputy)));
        let mut ranker = Ranker::new(self.policy);
        for e in &mut entries {
            (e.rank, e.honour) = ranker.next(e.total)?;
        }
        let honours = awards(
            self.policy,
            entries.iter().map(|e| (e.deputy, e.honour.as_deref())),
        );
        let (name, version, period) = tally.key_names();
        Ok(Scorecard {
            policy: name.to_owned(),
            version: version.to_owned(),
            period,
            entries,
            honours,
            stats: tally.sorted_stats(),
            legend: self.policy.legend(),
        })
    }

    /// [`ranking`](Self::ranking) with the deputies' totals worked out and
    /// sorted on every core (numbering ranks and honours stays on one).
    /// Equal to `ranking(tally)`.
    ///
    /// # Errors
    /// As [`scorecard`](Self::scorecard).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 1).ok_or("date")?;
    /// let acts: Vec<Act> = (1..=20_000_u32)
    ///     .map(|i| Act::new(RecordId::new(u64::from(i)), DeputyId::new(i % 9_000 + 1), day, StandardKind::Research.into()))
    ///     .collect();
    /// let tally = scorer.par_tally_acts(&acts)?;
    /// assert_eq!(scorer.par_ranking(&tally)?, scorer.ranking(&tally)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_ranking(&self, tally: &Tally) -> Result<Ranking, PointsError> {
        self.plain_only("a tally")?;
        self.check_tally(tally)?;
        let evaluator = super::general::Evaluator::new(self.policy, self.period, None)?;
        if let Some(table) = super::plain::PlainTotals::new(self.policy) {
            let slots = tally.slots();
            let keyed: Option<Vec<super::ranking::Keyed>> = tally
                .row_deputies()
                .par_iter()
                .enumerate()
                .map(|(row, d)| {
                    table
                        .total(tally.row_counts(row, slots))
                        .map(|t| (core::cmp::Reverse(t), *d))
                })
                .collect();
            if let Some(mut keyed) = keyed {
                keyed.par_sort_unstable();
                return Ranking::of_keyed(self, &keyed, table.scale(), tally.sorted_stats());
            }
        }
        // A figure the plain rule leaves to the walk: the walk's error.
        let rows: Vec<(crate::common::DeputyId, &[u32])> = tally.sorted_rows().collect();
        // Each slice writes its totals in place: no copy of them is held.
        let mut totals: Vec<super::ranking::Total> = vec![
            (
                crate::common::DeputyId::new(0),
                rust_decimal::Decimal::ZERO,
                None
            );
            rows.len()
        ];
        let done: Vec<Result<(), PointsError>> = rows
            .par_chunks(super::ranking::SLICE)
            .zip(totals.par_chunks_mut(super::ranking::SLICE))
            .map(|(slice, out)| {
                let made = evaluator.totals_of_rows(slice)?;
                debug_assert_eq!(made.len(), out.len(), "one total a row");
                for (o, m) in out.iter_mut().zip(made) {
                    *o = m;
                }
                Ok(())
            })
            .collect();
        drop(rows);
        // The first error in deputy order, as the sequential walk meets it.
        done.into_iter().collect::<Result<(), PointsError>>()?;
        Ranking::of_totals(self, totals, tally.sorted_stats())
    }

    /// Shard `k` continuing `part` (shards before `k`, or none).
    fn continue_with<F, I>(&self, part: Option<Part>, k: usize, open: &F) -> Part
    where
        F: Fn(usize) -> I,
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        let next = surely(k.checked_add(1), k, "a shard's number is below usize::MAX");
        match part {
            None => Part {
                tally: self.tally_fast_into(self.tally(), open(k)),
                shards: k..next,
            },
            Some(Part { tally, shards }) => {
                debug_assert_eq!(shards.end, k, "a run of shards is consecutive");
                Part {
                    tally: tally.and_then(|t| self.tally_fast_into(t, open(k))),
                    shards: shards.start..next,
                }
            }
        }
    }

    /// Runs `a` then `b` (consecutive), as the sequential tally of both.
    fn join<F, I>(&self, a: Option<Part>, b: Option<Part>, open: &F) -> Option<Part>
    where
        F: Fn(usize) -> I,
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        let (a, b) = match (a, b) {
            (None, x) | (x, None) => return x,
            (Some(a), Some(b)) => (a, b),
        };
        debug_assert_eq!(a.shards.end, b.shards.start, "runs are joined in order");
        let shards = a.shards.start..b.shards.end;
        let tally = match (a.tally, b.tally) {
            // The left run's error is the first the sequential tally meets.
            (Err(e), _) => Err(e),
            (Ok(mut left), Ok(right)) => match left.merge_with(&right, true) {
                Ok(()) => Ok(left),
                // Unchanged on refusal: read the right run again after it.
                Err(_) => self.read_again(left, b.shards, open),
            },
            (Ok(left), Err(_)) => self.read_again(left, b.shards, open),
        };
        Some(Part { tally, shards })
    }

    /// `tally` continued by shards `shards`, one after another.
    fn read_again<F, I>(
        &self,
        tally: Tally,
        shards: Range<usize>,
        open: &F,
    ) -> Result<Tally, PointsError>
    where
        F: Fn(usize) -> I,
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        shards
            .into_iter()
            .try_fold(tally, |t, k| self.tally_fast_into(t, open(k)))
    }
}

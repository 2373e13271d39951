//! Parallel counting of ballots (the `rayon` feature).
//!
//! One box's ballots are cut into parts ([`part_len`]); each part is
//! counted on its own by [`Tally::cast`] (or [`Tally::count`]) into an
//! empty tally of the same box, and the parts are added back in ballot
//! order. The counts are sums, so the result is the sequential one, byte
//! for byte; what needs the order is kept exact this way:
//!
//! - **who has voted**: a part's voters are a set; a deputy in two parts is
//!   found by intersecting the sets, and the ballot refused is found by
//!   scanning the later part (only on that error path), so the error is
//!   [`VoteError::AlreadyVoted`] at the same ballot as in sequence;
//! - **the first error**: each part stops at its first error, and of
//!   several the one with the lowest ballot index is returned (rayon's
//!   `reduce` keeps the parts in order);
//! - **presses** (an electronic vote that keeps them) are appended part by
//!   part, in ballot order.
//!
//! Cost and memory: the work of counting each ballot once, spread over the
//! threads; adding a part back costs O(projects × ranks + electorate / 64).
//! At most a few parts per thread are alive at once, each one tally (three
//! counters per project and one bit per deputy of the electorate).

use super::{Ballot, Choice, Tally, VoteError, invariant};
use super::{Session, Voting};
use rayon::prelude::{IndexedParallelIterator, ParallelIterator, ParallelSlice};

/// The fewest ballots per part.
const PART: usize = 1024;

/// Ballots per part for `session`: at least [`PART`], and at least a
/// sixteenth of the electorate, so that making and adding back a part
/// (an empty who-has-voted set over the electorate, and its union) stays
/// small beside counting its ballots.
fn part_len(session: &Session) -> usize {
    PART.max(session.electorate().len() / 16)
}

/// Tallies per part of [`Tally::par_merge_all`].
const MERGE_PART: usize = 8;

/// One part of a box counted: the ballots `start..end` (up to the error
/// if there is one), the tally of those before the error, and the first
/// error with the index of the ballot that caused it.
struct Part {
    tally: Tally,
    start: usize,
    end: usize,
    err: Option<(usize, VoteError)>,
}

impl Part {
    /// The end of the ballots the part's tally holds: its error's ballot
    /// (not counted) or its end.
    fn stop(&self) -> usize {
        self.err.as_ref().map_or(self.end, |(i, _)| *i)
    }
}

/// The first ballot of `ballots[range]` whose voter has voted in `before`:
/// sequential counting refuses it there as a second ballot.
fn second_ballot(
    session: &Session,
    before: &Tally,
    ballots: &[Ballot],
    start: usize,
    stop: usize,
) -> Option<(usize, VoteError)> {
    let range = invariant(
        ballots.get(start..stop),
        &[],
        "a part's range is in the ballots",
    );
    (start..).zip(range).find_map(|(i, b)| {
        before.has_voted(session, b.voter).then_some((
            i,
            VoteError::AlreadyVoted {
                voter: b.voter,
                ballot_box: before.open_box(),
            },
        ))
    })
}

/// Adds `right` (the ballots after `left`'s) to `left`, or keeps the
/// first error in ballot order.
fn combine(session: &Session, ballots: &[Ballot], mut left: Part, right: Part) -> Part {
    if left.err.is_some() {
        return left;
    }
    // A part with an error holds only the ballots before it: scan them.
    if right.err.is_some() || left.tally.shares_voter(&right.tally) {
        let second = second_ballot(session, &left.tally, ballots, right.start, right.stop());
        debug_assert!(
            second.is_some() || right.err.is_some(),
            "voters in both parts: a ballot of the later part is a second ballot"
        );
        if let Some(e) = second.or(right.err) {
            left.err = Some(e);
            return left;
        }
    }
    match left.tally.absorb(&right.tally) {
        Ok(()) => left.end = right.end,
        Err(e) => left.err = Some((right.start, e)),
    }
    left
}

impl Tally {
    /// Casts `ballots` in parallel: the same as casting each in turn with
    /// [`Tally::cast`], in order, stopping at the first refused, except
    /// that a refused batch changes nothing. The result is identical to the
    /// sequential one, byte for byte, and so is the error: the one the
    /// first refused ballot gets from [`Tally::cast`].
    ///
    /// How: the ballots are cut into parts (1,024 ballots, or a sixteenth
    /// of the electorate if that is more), each counted into an
    /// empty tally of the same box, and the parts added back in ballot
    /// order. A deputy in two parts is found by intersecting the parts'
    /// who-has-voted sets, and the ballot refused by scanning the later
    /// part (only then), so a second ballot is refused where casting in
    /// turn refuses it; of several errors, the one of the lowest ballot
    /// is returned; kept presses are appended in ballot order.
    ///
    /// Cost: each ballot counted once, over rayon's threads, plus
    /// O(projects × ranks + electorate / 64) to add back each part;
    /// memory: a few tallies per thread (three counters per project and
    /// one bit per deputy of the electorate each).
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, VoteError, samples};
    /// let session = samples::session()?; // deputies 1 to 3 present
    /// let ballots: Vec<_> = (1..=3).map(|d| samples::ballot(d, 1, Mark::For)).collect();
    /// let mut parallel = Tally::new(&session, BoxNumber(1));
    /// parallel.par_cast(&session, &ballots)?;
    /// let mut sequential = Tally::new(&session, BoxNumber(1));
    /// for b in &ballots {
    ///     sequential.cast(&session, b)?;
    /// }
    /// assert_eq!(parallel, sequential);
    /// // Deputy 2 again: refused as `cast` refuses it, and nothing changes.
    /// let again = [samples::ballot(2, 1, Mark::Against)];
    /// assert!(matches!(parallel.par_cast(&session, &again), Err(VoteError::AlreadyVoted { .. })));
    /// assert_eq!(parallel, sequential);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Tally::cast`], for the first ballot it refuses.
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_cast(&mut self, session: &Session, ballots: &[Ballot]) -> Result<(), VoteError> {
        if ballots.is_empty() {
            return Ok(());
        }
        self.check_shape_of(session)?;
        let reduced = ballots
            .par_chunks(part_len(session))
            .enumerate()
            .map(|(k, chunk)| {
                let start = invariant(
                    k.checked_mul(part_len(session)),
                    usize::MAX,
                    "a part starts in the slice",
                );
                let mut tally = self.part(session);
                for (i, b) in (start..).zip(chunk) {
                    if let Err(e) = tally.cast(session, b) {
                        return Part {
                            tally,
                            start,
                            end: i,
                            err: Some((i, e)),
                        };
                    }
                }
                let end = invariant(
                    start.checked_add(chunk.len()),
                    usize::MAX,
                    "a part ends in the slice",
                );
                Part {
                    tally,
                    start,
                    end,
                    err: None,
                }
            })
            .reduce_with(|a, b| combine(session, ballots, a, b));
        let Some(part) = reduced else {
            return Ok(());
        };
        if (part.err.is_some() || self.shares_voter(&part.tally))
            && let Some((_, e)) = second_ballot(session, self, ballots, 0, part.stop())
        {
            return Err(e);
        }
        if let Some((_, e)) = part.err {
            return Err(e);
        }
        self.absorb(&part.tally)
    }

    /// Counts the paper ballots of a secret ballot in parallel: the same
    /// as counting each in turn with [`Tally::count`], except that a
    /// refused batch changes nothing. The result is identical to the
    /// sequential one, byte for byte.
    ///
    /// Cost and memory as [`Tally::par_cast`].
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Tally};
    /// let session = Session::new(Policy::secret_ballot(1)?, samples::candidates(2)?,
    ///     Electorate::counted(5, 5)?, BallotsIssued(5))?;
    /// let ballots = vec![Choice::Marks(vec![(ProjectId::new(1), Mark::For)]); 5];
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.par_count(&session, &ballots)?;
    /// assert_eq!((t.returned(), t.valid()), (5, 5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Tally::count`]: [`VoteError::TallyMismatch`],
    /// [`VoteError::UnnamedBallot`] unless the vote is a secret ballot,
    /// [`VoteError::Overflow`] past `u64` ballots.
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_count(&mut self, session: &Session, choices: &[Choice]) -> Result<(), VoteError> {
        if choices.is_empty() {
            return Ok(());
        }
        self.check_shape_of(session)?;
        if session.rules().voting != Voting::Secret {
            return Err(VoteError::UnnamedBallot {
                voting: super::session::voting_name(session.rules().voting),
                ballot_box: self.open_box(),
            });
        }
        // Counting one by one stops at the first ballot past u64.
        let n = u64::try_from(choices.len()).map_err(|_| VoteError::Overflow)?;
        self.unnamed().checked_add(n).ok_or(VoteError::Overflow)?;
        let reduced = choices
            .par_chunks(part_len(session))
            .map(|chunk| {
                let mut tally = self.part(session);
                for c in chunk {
                    // Checked above: a secret ballot, the right shape, and
                    // fewer than u64::MAX ballots.
                    let counted = tally.count(session, c);
                    debug_assert!(
                        counted.is_ok(),
                        "a part of a secret ballot counts every ballot"
                    );
                }
                tally
            })
            .reduce_with(|mut a, b| {
                let added = a.absorb(&b);
                debug_assert!(added.is_ok(), "parts of one slice add up within u64");
                a
            });
        match reduced {
            Some(part) => self.absorb(&part),
            None => Ok(()),
        }
    }

    /// Merges `others` into this tally in parallel: the same as
    /// [`Tally::merge`] with each in turn, except that a refused batch
    /// changes nothing. The result is identical to the sequential one,
    /// byte for byte (boxes sorted, presses in the order given), and so is
    /// the error: whenever a merge in the parallel tree fails, the
    /// sequential merges are replayed to name the first failure exactly as
    /// they would.
    ///
    /// Cost: O(tallies × (projects × ranks + electorate / 64)) over the
    /// threads; memory: one tally per thread besides the inputs.
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, samples};
    /// use rayon::iter::{IntoParallelIterator, ParallelIterator};
    /// let session = samples::session()?; // deputies 1 to 3 present
    /// // Three boxes, one ballot each, counted in parallel, then merged.
    /// let boxes: Vec<Tally> = (1..=3_u32)
    ///     .into_par_iter()
    ///     .map(|d| {
    ///         let mut t = Tally::new(&session, BoxNumber(d));
    ///         t.par_cast(&session, &[samples::ballot(d, 1, Mark::For)])?;
    ///         Ok(t)
    ///     })
    ///     .collect::<Result<_, deputy_work::vote::VoteError>>()?;
    /// let (first, rest) = boxes.split_first().ok_or("no box")?;
    /// let mut all = first.clone();
    /// all.par_merge_all(&session, rest)?;
    /// assert_eq!(all.ballot_boxes(), [1, 2, 3]);
    /// assert_eq!(all.valid(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Tally::merge`], for the first merge that fails.
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_merge_all(&mut self, session: &Session, others: &[Self]) -> Result<(), VoteError> {
        let merged = others
            .par_chunks(MERGE_PART)
            .map(|chunk| {
                let Some((first, rest)) = chunk.split_first() else {
                    return Ok(None);
                };
                let mut t = first.clone();
                for o in rest {
                    t.merge(session, o)?;
                }
                Ok(Some(t))
            })
            .reduce(
                || Ok(None),
                |a: Result<Option<Self>, VoteError>, b| match (a?, b?) {
                    (Some(mut a), Some(b)) => {
                        a.merge(session, &b)?;
                        Ok(Some(a))
                    }
                    (a, b) => Ok(a.or(b)),
                },
            );
        let mut all = self.clone();
        let done = merged.and_then(|m| match m {
            Some(m) => all.merge(session, &m),
            None => Ok(()),
        });
        match done {
            Ok(()) => {
                *self = all;
                Ok(())
            }
            Err(parallel) => {
                // Name the failure as merging one by one would.
                let mut again = self.clone();
                for o in others {
                    again.merge(session, o)?;
                }
                debug_assert!(false, "a merge that fails in a tree fails in sequence");
                Err(parallel)
            }
        }
    }
}

//! Parallel counting of a record set (the `rayon` feature).

use super::tally::{Counter, Tallied, TallyVisitor};
use super::{Counts, RecordKind, Records, RecordsError};
use crate::common::Period;
use rayon::prelude::{ParallelIterator, ParallelSlice};

/// Records per part: each part is counted into its own [`Counts`].
const PART: usize = 4096;

/// Counts one list of one kind.
fn count_list<R: Tallied>(records: &[R], period: Period) -> Result<Counts, RecordsError> {
    let mut counter = Counter::new(period);
    counter.list(records)?;
    Ok(counter.finish())
}

/// Counts a record set kind by kind, each list in parallel parts; stops at
/// the first error.
struct ParVisit {
    period: Period,
    counts: Counts,
    result: Result<(), RecordsError>,
}

impl TallyVisitor for ParVisit {
    fn visit<R: Tallied>(&mut self, records: &[R]) {
        if self.result.is_err() || records.is_empty() {
            return;
        }
        let period = self.period;
        // Decimal sums round past 28 digits and may overflow part way: in
        // another grouping they could differ, so investments are summed in
        // the order given, as `Counts::count` sums them.
        let part = if matches!(R::KIND, RecordKind::Livelihood) || records.len() <= PART {
            count_list(records, period)
        } else {
            records
                .par_chunks(PART)
                .map(|chunk| count_list(chunk, period))
                .reduce_with(|a, b| {
                    let mut a = a?;
                    a.merge(b?)?;
                    Ok(a)
                })
                .unwrap_or_else(|| Ok(Counts::default()))
        };
        self.result = part.and_then(|p| self.counts.merge(p));
    }
}

impl Counts {
    /// Counts `records` for `period` in parallel: the result of
    /// [`Counts::count`], identical byte for byte, and its error.
    ///
    /// Each kind's list is cut into parts of 4,096 records, counted apart
    /// and merged ([`Counts::merge`]): counters add, and the persons of
    /// a [`Headcount`](crate::stats::Headcount) are a map from person to
    /// times, whose merge is exact, so distinct persons stay distinct. The
    /// one exception is the livelihood projects' investment: decimal sums
    /// can round (past 28 significant digits) or overflow part way, so
    /// that list is summed in the order given, on one thread, as
    /// [`Counts::count`] sums it; it is also the only source of an error.
    ///
    /// Cost: each record counted once over rayon's threads, plus merging
    /// the parts (in proportion to the distinct persons of each); memory:
    /// a few part counts per thread, each in proportion to the persons in
    /// 4,096 records.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::records::{Counts, MeetingInvitation, Records};
    /// let mut r = Records::default();
    /// for n in 0..10_000_u32 {
    ///     r.invitations.push(MeetingInvitation {
    ///         id: RecordId::new(u64::from(n)),
    ///         date: NaiveDate::from_ymd_opt(2025, 1 + n % 12, 1).ok_or("day")?,
    ///         deputy: DeputyId::new(n % 300),
    ///     });
    /// }
    /// let year = Period::year(2025)?;
    /// let c = Counts::par_count(&r, year)?;
    /// assert_eq!((c.invitations.person_times(), c.invitations.distinct_persons()), (10_000, 300));
    /// assert_eq!(c, Counts::count(&r, year)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Counts::count`]: [`RecordsError::Overflow`] when the
    /// investment does not fit a `Decimal`.
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_count(records: &Records, period: Period) -> Result<Self, RecordsError> {
        let mut visit = ParVisit {
            period,
            counts: Self::default(),
            result: Ok(()),
        };
        records.visit_tallied(&mut visit);
        visit.result?;
        Ok(visit.counts)
    }
}

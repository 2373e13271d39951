//! Parallel counting of a report's input (the `rayon` feature).

use super::{ReportError, ReportInput, SuggestionCounts, Tally};
use crate::common::Period;
use crate::records::Counts;
use crate::suggestion::Register;
use rayon::prelude::{ParallelIterator, ParallelSlice};

/// Suggestion records per part.
const PART: usize = 4096;

/// The plain suggestion records, look-back items and evaluations counted
/// as [`SuggestionCounts::count`] counts them: the suggestion records in
/// parts (the first part with an unknown class gives the error, as the
/// first such record does in sequence), the others in one part.
fn plain(input: &ReportInput, period: Period) -> Result<SuggestionCounts, ReportError> {
    let policy = &input.policy;
    let rest =
        || SuggestionCounts::count(&[], &input.look_back, &input.evaluations, policy, period);
    let parts = input
        .suggestions
        .par_chunks(PART)
        .map(|chunk| SuggestionCounts::count(chunk, &[], &[], policy, period))
        .reduce_with(|a, b| {
            let mut a = a?;
            a.merge(b?);
            Ok(a)
        });
    match parts {
        None => rest(),
        Some(parts) => {
            let mut c = parts?;
            c.merge(rest()?);
            Ok(c)
        }
    }
}

impl Tally {
    /// [`Tally::count`], counted in parallel: the same tally, byte for
    /// byte, and the same error.
    ///
    /// The records ([`Counts::par_count`]), the plain suggestion records
    /// (in parts of 4,096) and the register ([`Register::par_counts_in`])
    /// are counted side by side. Every figure is a sum or a map of sums
    /// (persons by id, units, classes), whose merge is exact; what is not
    /// (the livelihood investment's decimal sum, the committee's ordered
    /// log of ratings) is counted in sequence inside those functions. Of
    /// several errors the one [`Tally::count`] meets first is returned:
    /// the plain suggestions' (the first record with an unknown class),
    /// then the register's, then the records'.
    ///
    /// Cost: each record, suggestion and item counted once over rayon's
    /// threads; memory: a few part counts per thread, each in proportion
    /// to the persons, units and classes of one part.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{ReportInput, Tally};
    /// use deputy_work::suggestion::samples;
    /// let mut input = ReportInput::default();
    /// input.register = Some(samples::ordos_2025()?);
    /// let year = Period::year(2025)?;
    /// let t = Tally::par_count(&input, year)?;
    /// assert_eq!(t.suggestions.received, 181);
    /// assert_eq!(t, Tally::count(&input, year)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Tally::count`].
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_count(input: &ReportInput, period: Period) -> Result<Self, ReportError> {
        let ((plain, register), records) = rayon::join(
            || {
                rayon::join(
                    || plain(input, period),
                    || {
                        input.register.as_ref().map(|r| {
                            SuggestionCounts::register_in(
                                r,
                                &input.policy,
                                period,
                                Register::par_counts_in,
                            )
                        })
                    },
                )
            },
            || Counts::par_count(&input.records, period),
        );
        let mut suggestions = plain?;
        if let Some(r) = register {
            suggestions.merge(r?);
        }
        Ok(Self {
            records: records?,
            suggestions,
        })
    }
}

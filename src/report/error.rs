//! The report engine's error type.

use crate::common::{Period, SuggestionId};
use crate::records::RecordsError;
use crate::stats::StatsError;
use crate::suggestion::Code;

/// What can go wrong building a report.
///
/// ```
/// use deputy_work::common::{Deputy, DeputyId, Level, Period};
/// use deputy_work::records::{RecordKind, RecordsError};
/// use deputy_work::report::{AnnualReport, ReportError, ReportInput, ReportOptions};
/// let d = Deputy::new(DeputyId::new(1), "甲", Level::City);
/// let input = ReportInput { deputies: vec![d.clone(), d], ..ReportInput::default() };
/// let err = AnnualReport::build(&input, Period::year(2025)?, ReportOptions::default()).unwrap_err();
/// assert_eq!(err, ReportError::Records(RecordsError::DuplicateId { kind: RecordKind::Deputy, index: 1, id: 1 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The input breaks a rule of the records.
    #[error("invalid input: {0}")]
    Records(#[from] RecordsError),
    /// A statistic cannot be computed (overflow, too many decimals).
    #[error("statistics: {0}")]
    Stats(#[from] StatsError),
    /// A suggestion's reply class is not one of the policy's classes.
    #[error("suggestion {suggestion}: reply class {code} is not one of the policy's classes")]
    UnknownReplyClass {
        /// The suggestion.
        suggestion: SuggestionId,
        /// The class code it carries.
        code: Code,
    },
    /// The register counts a calendar year that is not the report's period.
    #[error("the register counts the year {year}, the report covers {} to {}", period.start(), period.end())]
    RegisterYear {
        /// The register's year.
        year: i32,
        /// The report's period.
        period: Period,
    },
}

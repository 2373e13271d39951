//! The report engine's error type.

use crate::common::{Labelled, Period, SuggestionId};
use crate::records::RecordsError;
use crate::stats::StatsError;
use crate::suggestion::{Code, SuggestionError};

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
    /// A register suggestion's trail is not what the input's policy
    /// decides ([`AnnualReport::build_verified`](super::AnnualReport::build_verified)
    /// re-decides every entry with [`verify`](crate::suggestion::verify())).
    #[error("suggestion {suggestion}: {error}")]
    Trail {
        /// The suggestion.
        suggestion: SuggestionId,
        /// Why its trail does not verify.
        error: SuggestionError,
    },
    /// The report's period is not within the calendar year the register
    /// counts (a register counts its year or any part of it).
    #[error("the register counts the year {year}, the report covers {} to {}", period.start(), period.end())]
    RegisterYear {
        /// The register's year.
        year: i32,
        /// The report's period.
        period: Period,
    },
    /// Stored [`SuggestionCounts`](super::SuggestionCounts) that no counting
    /// could have made (a part above its whole, a class not among the
    /// classes), named by their place in the stored form.
    #[error("stored counts, {field}: {problem}")]
    CorruptCounts {
        /// The place in the stored form, e.g. `by_unit.101.replied`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
}

impl ReportError {
    /// The whole message in Chinese, with the same data as the English
    /// `Display`; an error of the records or the statistics gives its own
    /// Chinese message after a prefix.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::report::ReportError;
    /// use deputy_work::suggestion::Code;
    /// let err = ReportError::UnknownReplyClass { suggestion: SuggestionId::new(4), code: Code::new("D")? };
    /// assert_eq!(err.message_zh(), "建议S4：答复类别D不在办理规则所列类别之中");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::Records(e) => format!("输入有误：{}", e.message_zh()),
            Self::Stats(e) => format!("统计出错：{}", e.message_zh()),
            Self::UnknownReplyClass { suggestion, code } => {
                format!("建议{suggestion}：答复类别{code}不在办理规则所列类别之中")
            }
            Self::Trail { suggestion, error } => {
                format!("建议{suggestion}：{}", error.message_zh())
            }
            Self::RegisterYear { year, period } => {
                format!("建议登记簿统计的是{year}年，报告期间为{period}，不在该年度之内")
            }
            Self::CorruptCounts { field, problem } => format!(
                "存储的计数不一致，{field}：{}",
                crate::stats::counts_problem_zh(problem)
            ),
        }
    }
}

impl Labelled for ReportError {
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::report::ReportError;
    /// use deputy_work::stats::StatsError;
    /// let err = ReportError::Stats(StatsError::Overflow);
    /// assert_eq!((err.label_zh(), err.label_en()), ("计数溢出", "overflow"));
    /// ```
    ///
    /// An error of the records or the statistics has that error's label.
    fn label_zh(&self) -> &str {
        match self {
            Self::Records(e) => e.label_zh(),
            Self::Stats(e) => e.label_zh(),
            Self::UnknownReplyClass { .. } => "答复类别未知",
            Self::Trail { .. } => "建议办理记录不符合规则",
            Self::RegisterYear { .. } => "期间超出登记年度",
            Self::CorruptCounts { .. } => "建议计数不一致",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::Records(e) => e.label_en(),
            Self::Stats(e) => e.label_en(),
            Self::UnknownReplyClass { .. } => "unknown reply class",
            Self::Trail { .. } => "trail not by the rules",
            Self::RegisterYear { .. } => "period outside the register's year",
            Self::CorruptCounts { .. } => "corrupt suggestion counts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::RecordKind;

    #[test]
    fn every_error_has_chinese_with_its_data() {
        let cases: Vec<(ReportError, Vec<&str>)> = vec![
            (
                ReportError::Records(RecordsError::DuplicateId {
                    kind: RecordKind::Deputy,
                    index: 1,
                    id: 7,
                }),
                vec!["输入有误", "代表名册第2条", "7"],
            ),
            (
                ReportError::Stats(StatsError::TooManyDecimals {
                    decimals: 13,
                    max: 12,
                }),
                vec!["统计", "13", "12"],
            ),
            (
                ReportError::UnknownReplyClass {
                    suggestion: SuggestionId::new(4),
                    code: Code::new("甲").unwrap(),
                },
                vec!["S4", "甲"],
            ),
            (
                ReportError::Trail {
                    suggestion: SuggestionId::new(6),
                    error: SuggestionError::BrokenChain { seq: 3 },
                },
                vec!["S6", "3"],
            ),
            (
                ReportError::RegisterYear {
                    year: 2025,
                    period: Period::year(2024).unwrap(),
                },
                vec!["2025年", "2024年"],
            ),
            (
                ReportError::CorruptCounts {
                    field: "key".into(),
                    problem: "a part exceeds its whole",
                },
                vec!["key", "部分数大于总数"],
            ),
        ];
        for (err, data) in cases {
            let zh = err.message_zh();
            assert!(!err.label_zh().is_empty() && !err.label_en().is_empty());
            for item in data {
                assert!(zh.contains(item), "{zh} lacks {item}");
            }
        }
    }
}

//! Exact statistics for reports: rates, shares that add up to exactly 100%,
//! and person-times (人次) beside distinct persons.
//!
//! Work reports quote rates as percentages with one decimal. Every figure
//! here is computed in integers and rounded once, explicitly:
//!
//! - [`Rate`] is a part of a whole (e.g. 4,965 of 5,732 opinions resolved).
//!   [`Rate::percent`] rounds it at a chosen number of decimals with a chosen
//!   [`Rounding`]; the default, [`Rounding::HalfUp`], is 四舍五入 (a midpoint
//!   goes away from zero), not banker's rounding.
//! - [`shares`] splits a whole into percentages that add up to exactly 100 at
//!   the chosen precision by the largest-remainder method (最大余数法). The
//!   seed report's 131 A, 49 B and 1 C of 181 suggestions give 72.4, 27.1 and
//!   0.5, where rounding each share on its own would give 72.4, 27.1 and 0.6
//!   (sum 100.1).
//! - [`Headcount`] counts person-times (人次: one person at three events is
//!   three person-times) and distinct persons from the same records, and
//!   merges, so counting can be split.
//!
//! - [`yi_yuan`] turns yuan into 亿元 (10^8 yuan) with explicit rounding.
//! - [`Change`] compares a figure with last year's (同比): exact difference
//!   (percentage points for rates) and percentage change.
//! - [`Satisfaction`] counts verdicts (满意 / 基本满意 / 不满意 / 弃权) and gives
//!   their shares, adding up to 100, with abstentions counted or not
//!   ([`Abstentions`]).
//!
//! A zero whole is an explicit error ([`StatsError::NoData`]), never NaN.
//!
//! # Cost
//!
//! Every computation here is on fixed-width integers and decimals: its
//! time does not depend on the numbers' size. The entry points that take
//! lists (n: counts; p: persons):
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`Rate::new`], [`Rate::percent`], loading a [`Rate`], [`yi_yuan`], [`Change::difference`], [`Change::percent`] | O(1) | none |
//! | [`shares`] | O(n log n) | O(n) |
//! | [`Satisfaction::shares`], [`Satisfaction::satisfied_or_basically`] | O(1) | none |
//! | [`Headcount::add`], [`Headcount::add_times`] | O(log p) | a new person |
//! | [`Headcount::merge`] | O(m log(p + m)) for the other's m persons | the persons added |
//! | loading a [`Headcount`] | O(p log p) | the persons |
//!
//! ```
//! use deputy_work::stats::{Rate, Rounding, shares};
//! use rust_decimal::Decimal;
//!
//! let resolved = Rate::new(4_965, 5_732)?;
//! assert_eq!(resolved.percent(1, Rounding::HalfUp)?.to_string(), "86.6");
//!
//! let by_class = shares(&[131, 49, 1], 1)?;
//! let shown: Vec<String> = by_class.iter().map(Decimal::to_string).collect();
//! assert_eq!(shown, ["72.4", "27.1", "0.5"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::common::Labelled;

mod change;
mod headcount;
mod money;
mod rate;
mod satisfaction;

pub use change::Change;
pub use headcount::Headcount;
pub use money::{YUAN_PER_YI, yi_yuan};
pub use rate::{MAX_DECIMALS, Rate, Rounding, shares};
pub use satisfaction::{Abstentions, Satisfaction, SatisfactionShares, Verdict};

/// What can go wrong computing a statistic.
///
/// ```
/// use deputy_work::stats::{Rate, StatsError};
/// assert_eq!(Rate::new(1, 0), Err(StatsError::NoData));
/// assert_eq!(Rate::new(5, 4), Err(StatsError::PartExceedsWhole { part: 5, whole: 4 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// The whole is zero: there is no rate or share to give.
    #[error("no data: the whole is zero")]
    NoData,
    /// A part is larger than the whole it is a part of.
    #[error("part {part} exceeds the whole {whole}")]
    PartExceedsWhole {
        /// The part given.
        part: u64,
        /// The whole given.
        whole: u64,
    },
    /// More decimals were asked for than the crate computes exactly.
    #[error("{decimals} decimals asked for; at most {max} are supported")]
    TooManyDecimals {
        /// The number asked for.
        decimals: u32,
        /// The largest number supported.
        max: u32,
    },
    /// The counts add up to more than `u64` can hold.
    #[error("the counts add up to more than 2^64 - 1")]
    Overflow,
    /// Stored counts that no counting could have made (a part above its
    /// whole, person-times that are not the sum of each person's times),
    /// named by their place in the stored form.
    #[error("stored counts, {field}: {problem}")]
    CorruptCounts {
        /// The place in the stored form, e.g. `person_times`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
}

/// The Chinese of the fixed text of a stored-counts error
/// ([`StatsError::CorruptCounts`] and its siblings in the records, report
/// and suggestion engines); the English itself for any other text.
pub(crate) fn counts_problem_zh(en: &str) -> &str {
    match en {
        "a part exceeds its whole" => "部分数大于总数",
        "person-times must be the sum of each person's times" => "人次须等于每人次数之和",
        "counts of the same records must be equal" => "同一批记录的计数须相等",
        "an entry is kept only once something is counted in it" => "有计数的项目方可列出",
        "a reply class must be one of the classes" => "答复类别须为所列类别之一",
        "classes must be distinct" => "类别不得重复",
        "a unit is kept only with an assignment, a refusal or an evaluation" => {
            "承办单位须有交办、退回或者测评记录方可列出"
        }
        other => other,
    }
}

impl StatsError {
    /// The whole message in Chinese, with the same data as the English
    /// `Display`.
    ///
    /// ```
    /// use deputy_work::stats::{Rate, StatsError};
    /// let err = Rate::new(5, 4).unwrap_err();
    /// assert_eq!(err.message_zh(), "部分数5大于总数4");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::NoData => "无数据：总数为零".to_owned(),
            Self::PartExceedsWhole { part, whole } => format!("部分数{part}大于总数{whole}"),
            Self::TooManyDecimals { decimals, max } => {
                format!("要求保留{decimals}位小数，最多支持{max}位")
            }
            Self::Overflow => "计数合计超过2^64 - 1".to_owned(),
            Self::CorruptCounts { field, problem } => {
                format!("存储的计数不一致，{field}：{}", counts_problem_zh(problem))
            }
        }
    }
}

impl Labelled for StatsError {
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::stats::StatsError;
    /// assert_eq!(StatsError::NoData.label_zh(), "无数据");
    /// assert_eq!(StatsError::NoData.label_en(), "no data");
    /// ```
    fn label_zh(&self) -> &str {
        match self {
            Self::NoData => "无数据",
            Self::PartExceedsWhole { .. } => "部分数大于总数",
            Self::TooManyDecimals { .. } => "小数位数过多",
            Self::Overflow => "计数溢出",
            Self::CorruptCounts { .. } => "计数数据不一致",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::NoData => "no data",
            Self::PartExceedsWhole { .. } => "part exceeds whole",
            Self::TooManyDecimals { .. } => "too many decimals",
            Self::Overflow => "overflow",
            Self::CorruptCounts { .. } => "corrupt counts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_chinese_with_its_data() {
        let cases: [(StatsError, &[&str]); 4] = [
            (StatsError::NoData, &[]),
            (
                StatsError::PartExceedsWhole { part: 5, whole: 4 },
                &["5", "4"],
            ),
            (
                StatsError::TooManyDecimals {
                    decimals: 13,
                    max: 12,
                },
                &["13", "12"],
            ),
            (StatsError::Overflow, &["2^64"]),
        ];
        for (err, data) in cases {
            let zh = err.message_zh();
            assert!(!zh.is_empty() && !err.label_zh().is_empty() && !err.label_en().is_empty());
            assert_ne!(err.label_zh(), err.label_en());
            for item in data {
                assert!(zh.contains(item), "{zh} lacks {item}");
            }
        }
    }
}

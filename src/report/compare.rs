//! Year-over-year comparison of two reports (同比).

use super::{AnnualReport, Metric, ReportError, Value};
use crate::common::Period;
use crate::stats::{Change, StatsError};
use rust_decimal::Decimal;

/// One metric in two reports.
///
/// ```
/// use deputy_work::report::{ComparisonRow, Metric, Value};
/// use rust_decimal::Decimal;
/// let row = ComparisonRow {
///     metric: Metric::KeySuggestions,
///     previous: Value::Count(6),
///     current: Value::Count(8),
///     difference: Some(Decimal::from(2)),
///     percent_change: Some("33.3".parse()?),
/// };
/// assert_eq!(row.difference, Some(Decimal::from(2)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ComparisonRow {
    /// The metric.
    pub metric: Metric,
    /// Its value in the earlier report.
    pub previous: Value,
    /// Its value in the later report.
    pub current: Value,
    /// Later minus earlier: a count, yuan, or percentage points for a
    /// percentage; `None` when either percentage has no data.
    pub difference: Option<Decimal>,
    /// The change as a percentage of the earlier value, for counts and
    /// money; `None` for percentages (compare their points instead) and
    /// when the earlier value is zero.
    pub percent_change: Option<Decimal>,
}

/// Two reports side by side, metric by metric, in the later report's order.
///
/// ```
/// use deputy_work::common::Period;
/// use deputy_work::report::{AnnualReport, Comparison, ReportInput, ReportOptions};
/// let o = ReportOptions::default();
/// let y24 = AnnualReport::build(&ReportInput::default(), Period::year(2024)?, o)?;
/// let y25 = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, o)?;
/// let cmp = Comparison::between(&y24, &y25)?;
/// assert_eq!(cmp.rows.len(), y25.figures.len());
/// assert!(cmp.rows.iter().all(|r| r.percent_change.is_none()), "nothing grows from zero");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Comparison {
    /// The earlier period.
    pub previous: Period,
    /// The later period.
    pub current: Period,
    /// One row per metric found in both reports.
    pub rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// Compares `previous` with `current`, rounding percentage changes as
    /// `current`'s options say.
    ///
    /// # Errors
    /// [`ReportError::Stats`] on overflow.
    pub fn between(previous: &AnnualReport, current: &AnnualReport) -> Result<Self, ReportError> {
        let o = current.options;
        let mut rows = Vec::with_capacity(current.figures.len());
        for fig in &current.figures {
            let Some(prev) = previous.value(fig.metric) else {
                continue;
            };
            let is_percent = matches!(fig.value, Value::Percent { .. });
            let (difference, percent_change) = match (prev.magnitude(), fig.value.magnitude()) {
                (Some(a), Some(b)) => {
                    let change = Change::new(a, b);
                    let diff = change.difference()?;
                    let pct = if is_percent {
                        None
                    } else {
                        match change.percent(o.decimals, o.rounding) {
                            Ok(p) => Some(p),
                            Err(StatsError::NoData) => None,
                            Err(e) => return Err(e.into()),
                        }
                    };
                    (Some(diff), pct)
                }
                _ => (None, None),
            };
            rows.push(ComparisonRow {
                metric: fig.metric,
                previous: *prev,
                current: fig.value,
                difference,
                percent_change,
            });
        }
        Ok(Self {
            previous: previous.period,
            current: current.period,
            rows,
        })
    }

    /// The row of one metric.
    #[must_use]
    pub fn row(&self, metric: Metric) -> Option<&ComparisonRow> {
        self.rows.iter().find(|r| r.metric == metric)
    }
}

//! Year-over-year comparison of two reports (同比).

use super::{AnnualReport, Metric, ReportError, Value};
use crate::common::Period;
use crate::stats::{Change, StatsError};
use rust_decimal::Decimal;

/// One metric in two reports.
///
/// ```
/// use deputy_work::common::{DeputyId, Deputy, Level, Period};
/// use deputy_work::report::{AnnualReport, Comparison, Metric, ReportInput, ReportOptions, Value};
/// use rust_decimal::Decimal;
/// let o = ReportOptions::default();
/// let mut input = ReportInput::default();
/// let earlier = AnnualReport::build(&input, Period::year(2024)?, o)?;
/// input.deputies.push(Deputy::new(DeputyId::new(1), "甲", Level::City));
/// let later = AnnualReport::build(&input, Period::year(2025)?, o)?;
/// let cmp = Comparison::between(&earlier, &later)?;
/// let row = cmp.rows.iter().find(|r| r.metric == Metric::DeputiesOnRoster).ok_or("row")?;
/// assert_eq!((row.previous, row.current), (Value::Count(0), Value::Count(1)));
/// assert_eq!(row.difference, Some(Decimal::ONE));
/// assert_eq!(row.percent_change, None, "growth from nothing has no percentage");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Cost: O(F²) in the F figures (each current figure's metric is looked
    /// for among the previous report's by a scan; F grows with the policy's
    /// reply classes); memory: a row per figure.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{AnnualReport, Comparison, ReportInput, ReportOptions};
    /// let build = |y| -> Result<AnnualReport, Box<dyn std::error::Error>> {
    ///     Ok(AnnualReport::build(&ReportInput::default(), Period::year(y)?, ReportOptions::default())?)
    /// };
    /// let cmp = Comparison::between(&build(2024)?, &build(2025)?)?;
    /// assert_eq!((cmp.previous.to_string(), cmp.current.to_string()), ("2024年".into(), "2025年".into()));
    /// assert!(!cmp.rows.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::report::{AnnualReport, Comparison, Metric, ReportInput, ReportOptions};
    /// let o = ReportOptions::default();
    /// let a = AnnualReport::build(&ReportInput::default(), Period::year(2024)?, o)?;
    /// let b = AnnualReport::build(&ReportInput::default(), Period::year(2025)?, o)?;
    /// let row = Comparison::between(&a, &b)?.row(Metric::KeySuggestions).copied();
    /// assert_eq!(row.and_then(|r| r.difference), Some(0.into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn row(&self, metric: Metric) -> Option<&ComparisonRow> {
        self.rows.iter().find(|r| r.metric == metric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Figure, ReportOptions};

    fn report(year: i32, figures: Vec<Figure>) -> AnnualReport {
        AnnualReport {
            period: Period::year(year).unwrap(),
            options: ReportOptions::default(),
            reply_classes: vec![],
            figures,
            units: vec![],
            livelihood_by_level: vec![],
            opinions_by_topic: vec![],
            deputies_outside_grids: vec![],
            records_outside_period: 0,
        }
    }

    #[test]
    fn rows_follow_the_later_report_and_skip_missing_metrics() {
        let pct = |part, whole, p: Option<&str>| Value::Percent {
            part,
            whole,
            percent: p.map(|s| s.parse().unwrap()),
        };
        let before = report(
            2024,
            vec![
                Figure {
                    metric: Metric::MediationCases,
                    value: Value::Count(0),
                },
                Figure {
                    metric: Metric::MediationSuccessRate,
                    value: pct(0, 0, None),
                },
                Figure {
                    metric: Metric::OpinionsResolvedRate,
                    value: pct(80, 100, Some("80.0")),
                },
            ],
        );
        let after = report(
            2025,
            vec![
                Figure {
                    metric: Metric::OpinionsResolvedRate,
                    value: pct(86, 100, Some("86.0")),
                },
                Figure {
                    metric: Metric::MediationCases,
                    value: Value::Count(10),
                },
                Figure {
                    metric: Metric::MediationSuccessRate,
                    value: pct(7, 10, Some("70.0")),
                },
                Figure {
                    metric: Metric::Symposia,
                    value: Value::Count(2),
                },
            ],
        );
        let c = Comparison::between(&before, &after).unwrap();
        let order: Vec<Metric> = c.rows.iter().map(|r| r.metric).collect();
        assert_eq!(
            order,
            [
                Metric::OpinionsResolvedRate,
                Metric::MediationCases,
                Metric::MediationSuccessRate
            ]
        );
        let rate = c.row(Metric::OpinionsResolvedRate).unwrap();
        assert_eq!(
            rate.difference,
            Some("6.0".parse().unwrap()),
            "percentage points"
        );
        assert_eq!(rate.percent_change, None);
        let cases = c.row(Metric::MediationCases).unwrap();
        assert_eq!(cases.difference, Some(Decimal::from(10)));
        assert_eq!(
            cases.percent_change, None,
            "growth from zero has no percentage"
        );
        let no_data = c.row(Metric::MediationSuccessRate).unwrap();
        assert_eq!((no_data.difference, no_data.percent_change), (None, None));
    }
}

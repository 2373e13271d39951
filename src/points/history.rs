//! Consequences over several years of scorecards.

use super::invariant::surely;
use rust_decimal::Decimal;

use super::{Condition, PointsError, Policy, Scorecard, Unit};
use crate::common::DeputyId;

/// The deputies a several-years consequence falls on.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?; // poor (below 60): a talk
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let absence = Act::new(RecordId::new(1), DeputyId::new(4), NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///                        StandardKind::Absence.into());
/// let hits = policy.evaluate_years(&[scorer.score([&absence])?])?;
/// let talk = hits.iter().find(|h| h.code == "talk").unwrap();
/// assert_eq!((talk.label_zh.as_str(), talk.years, talk.deputies.as_slice()), ("约谈", 1, &[DeputyId::new(4)][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ConsequenceHit {
    /// The consequence's code.
    pub code: String,
    /// Its Chinese label.
    pub label_zh: String,
    /// The consecutive years required.
    pub years: u32,
    /// The deputies who met the condition in each of the last `years`
    /// scorecards, by id.
    pub deputies: Vec<DeputyId>,
}

fn holds(card: &Scorecard, when: &Condition) -> Vec<DeputyId> {
    let mut hit: Vec<DeputyId> = match when {
        Condition::Band(code) => card
            .entries
            .iter()
            .filter(|e| e.band.as_deref() == Some(code.as_str()))
            .map(|e| e.deputy)
            .collect(),
        Condition::Honour(code) => card
            .entries
            .iter()
            .filter(|e| e.honour.as_deref() == Some(code.as_str()))
            .map(|e| e.deputy)
            .collect(),
        Condition::Top(n) => card
            .entries
            .iter()
            .filter(|e| e.rank <= *n)
            .map(|e| e.deputy)
            .collect(),
        Condition::Below(score) => card
            .entries
            .iter()
            .filter(|e| e.total < *score)
            .map(|e| e.deputy)
            .collect(),
        Condition::Bottom(n) => {
            // In the bottom N: fewer than N units of the same kind scored
            // strictly lower.
            let mut totals: Vec<(Unit, Decimal)> =
                card.entries.iter().map(|e| (e.unit, e.total)).collect();
            totals.sort_unstable();
            // More places than a usize counts: everyone is in the bottom N.
            let limit = usize::try_from(*n).unwrap_or(usize::MAX);
            card.entries
                .iter()
                .filter(|e| {
                    let from = totals.partition_point(|(u, _)| *u < e.unit);
                    let lower = totals.partition_point(|(u, t)| (*u, *t) < (e.unit, e.total));
                    surely(
                        lower.checked_sub(from),
                        0,
                        "units of a kind scoring lower start where the kind does",
                    ) < limit
                })
                .map(|e| e.deputy)
                .collect()
        }
        Condition::MissedMinimum(code) => card
            .entries
            .iter()
            .filter(|e| e.missed.contains(code))
            .map(|e| e.deputy)
            .collect(),
        Condition::MissedAnyMinimum(_) => card
            .entries
            .iter()
            .filter(|e| !e.missed.is_empty())
            .map(|e| e.deputy)
            .collect(),
        Condition::Outcome(code) => card
            .entries
            .iter()
            .filter(|e| e.outcome == Some(*code))
            .map(|e| e.deputy)
            .collect(),
    };
    hit.sort_unstable();
    hit
}

impl Policy {
    /// Evaluates the policy's several-years consequences over yearly
    /// scorecards given oldest first: a consequence needing `years` years
    /// falls on the deputies who met its condition in each of the last
    /// `years` scorecards (a deputy missing from one of them did not).
    /// With fewer scorecards than `years`, it falls on no one.
    ///
    /// Cost: for each consequence, a pass over the entries of its last `years`
    /// cards, with a binary search per deputy kept: O(consequences × entries ×
    /// log entries) over the cards looked at; memory: the deputies hit.
    ///
    /// # Errors
    /// [`PointsError::CardsOutOfOrder`] if the scorecards' periods are not
    /// ascending and disjoint.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::points::{samples, Act, Scorer, StandardKind};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let mut cards = Vec::new();
    /// for year in [2024, 2025] {
    ///     let scorer = Scorer::new(&policy, Period::year(year)?)?;
    ///     let day = NaiveDate::from_ymd_opt(year, 6, 1).unwrap();
    ///     // Deputy 2 misses four meetings each year: 60 − 4 × 2 = 52, poor (差).
    ///     let acts: Vec<Act> = (0..4)
    ///         .map(|i| Act::new(RecordId::new(year as u64 * 10 + i), DeputyId::new(2), day, StandardKind::Absence.into()))
    ///         .collect();
    ///     let mut tally = scorer.tally_acts(&acts)?;
    ///     tally.enrol(DeputyId::new(1))?;
    ///     cards.push(scorer.scorecard(&tally)?);
    /// }
    /// let hits = policy.evaluate_years(&cards)?;
    /// let resign = hits.iter().find(|h| h.code == "persuade_to_resign").unwrap();
    /// assert_eq!(resign.deputies, [DeputyId::new(2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate_years(&self, cards: &[Scorecard]) -> Result<Vec<ConsequenceHit>, PointsError> {
        for (i, pair) in cards.windows(2).enumerate() {
            if let [a, b] = pair
                && a.period.end() >= b.period.start()
            {
                return Err(PointsError::CardsOutOfOrder {
                    index: surely(i.checked_add(1), i, "a slice's index plus one fits"),
                });
            }
        }
        let mut hits = Vec::with_capacity(self.consequences().len());
        for c in self.consequences() {
            // More years than a usize counts: more than there are cards.
            let years = usize::try_from(c.years).unwrap_or(usize::MAX);
            let deputies = match cards.len().checked_sub(years) {
                None => Vec::new(),
                Some(from) => {
                    let mut window = cards.iter().skip(from);
                    let mut common = surely(
                        window.next().map(|card| holds(card, &c.when)),
                        Vec::new(),
                        "a consequence's years are at least 1 (validated), so the window has a card",
                    );
                    for card in window {
                        let these = holds(card, &c.when);
                        common.retain(|d| these.binary_search(d).is_ok());
                    }
                    common
                }
            };
            hits.push(ConsequenceHit {
                code: c.code.clone(),
                label_zh: c.label_zh.clone(),
                years: c.years,
                deputies,
            });
        }
        Ok(hits)
    }
}

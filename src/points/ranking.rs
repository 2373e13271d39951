//! The compact result of a national year: totals, ranks, bands and
//! honours, without ledgers.
//!
//! A [`Scorecard`] keeps a ledger for every deputy: about 180 bytes an
//! entry plus 32 bytes a ledger line. For the 2.77 million deputies of a
//! nationwide year under the sample Yinchuan/Jiangbei policy (a dozen
//! lines a deputy who did a bit of everything) that is about 1.6 GiB, more
//! than a platform should hold to publish a ranking. A [`Ranking`] holds
//! 56 bytes a deputy (about 150 MiB for 2.77 million) and is made a slice
//! of deputies at a time, so no more than one slice's ledgers exist at
//! once. One deputy's ledger is asked for when it is shown: by
//! [`Scorer::ledger_for`] from that deputy's acts (every line citing its
//! act), whose total equals the ranking's.

use core::cmp::Reverse;
#[cfg(feature = "serde")]
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rust_decimal::Decimal;

use super::general::from_fixed;
use super::plain::PlainTotals;

use super::{HonourAward, PointsError, Scorecard, Scorer, Tally, TallyStats, Unit};
use crate::common::{DeputyId, Period};

/// How many deputies a [`Ranking`] is made for at a time: their ledgers
/// exist only while the slice is walked.
pub(super) const SLICE: usize = 4_096;
// The docs of `Scorer::ranking` and `Scorer::par_scorecard` say 4,096.
const _: () = assert!(SLICE == 4_096);

/// A deputy's total and band, before ranking.
pub(super) type Total = (DeputyId, Decimal, Option<Arc<str>>);

/// A deputy's total under the [plain rule](super::plain), keyed for
/// ranking: sorted, highest total first, then id.
pub(super) type Keyed = (Reverse<i128>, DeputyId);

/// One deputy's place in a [`Ranking`].
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// let acts = [Act::new(RecordId::new(1), DeputyId::new(4), day, StandardKind::Research.into())];
/// let ranking = scorer.ranking(&scorer.tally_acts(&acts)?)?;
/// let first = &ranking.entries[0];
/// assert_eq!((first.deputy, first.rank, first.total.to_string()), (DeputyId::new(4), 1, "63.0".into()));
/// assert_eq!(first.band.as_deref(), Some("fairly_good"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct RankedTotal {
    /// The deputy (an id only: names are the platform's).
    pub deputy: DeputyId,
    /// Competition rank (1, 2, 2, 4), highest total first.
    pub rank: u32,
    /// The total, at the policy's precision.
    pub total: Decimal,
    /// The band's code, if the total falls in one.
    pub band: Option<Arc<str>>,
    /// The honour's code, if the rank earns one.
    pub honour: Option<Arc<str>>,
}

/// A period's ranking under a [plain](super::Policy::is_plain) policy:
/// what a [`Scorecard`] says of every deputy except the ledgers, in the
/// same order (rank, then deputy id) and with the same honours and
/// statistics. See [a national year](super#a-national-year) for why it
/// exists.
///
/// Cost of loading a stored ranking: O((n + h) log n) in its n entries and
/// h honours (one pass gathers each honour's holders).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::points::{samples, Act, Ranking, Scorer, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// let acts: Vec<Act> = (1..=9_u32)
///     .map(|i| Act::new(RecordId::new(u64::from(i)), DeputyId::new(i % 4 + 1), day, StandardKind::Inspection.into()))
///     .collect();
/// let tally = scorer.tally_acts(&acts)?;
/// // The ranking says what the scorecard says, without the ledgers.
/// assert_eq!(scorer.ranking(&tally)?, Ranking::from(&scorer.scorecard(&tally)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RankingData"))]
#[non_exhaustive]
pub struct Ranking {
    /// The policy's name.
    pub policy: String,
    /// The policy's version.
    pub version: String,
    /// The period scored.
    pub period: Period,
    /// Every deputy, by rank then id.
    pub entries: Vec<RankedTotal>,
    /// Who received each honour, as in the scorecard.
    pub honours: Vec<HonourAward>,
    /// What happened to the acts, as in the scorecard.
    pub stats: TallyStats,
}

/// A ranking as stored, before it is checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RankingData {
    policy: String,
    version: String,
    period: Period,
    entries: Vec<RankedTotal>,
    honours: Vec<HonourAward>,
    stats: TallyStats,
}

#[cfg(feature = "serde")]
impl TryFrom<RankingData> for Ranking {
    type Error = PointsError;

    /// Checks that the entries are in rank order with competition ranks,
    /// each deputy once, and that each honour lists exactly the entries
    /// holding it.
    fn try_from(d: RankingData) -> Result<Self, PointsError> {
        let mut prev: Option<&RankedTotal> = None;
        for (i, e) in d.entries.iter().enumerate() {
            let position = u32::try_from(i)
                .ok()
                .and_then(|p| p.checked_add(1))
                .ok_or(PointsError::Overflow("ranking"))?;
            let ok = match prev {
                None => e.rank == 1,
                Some(p) if p.total == e.total => p.rank == e.rank && p.deputy < e.deputy,
                Some(p) => p.total > e.total && e.rank == position,
            };
            if !ok {
                return Err(PointsError::BadRanking(
                    "entries must be in rank order (highest total first, then deputy id), ranked 1, 2, 2, 4",
                ));
            }
            prev = Some(e);
        }
        let mut ids: Vec<DeputyId> = d.entries.iter().map(|e| e.deputy).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w.first() == w.get(1)) {
            return Err(PointsError::BadRanking("a deputy appears twice"));
        }
        // Each honour's holders in rank order, in one pass.
        let mut holders: BTreeMap<&str, Vec<DeputyId>> = BTreeMap::new();
        for e in &d.entries {
            if let Some(code) = e.honour.as_deref() {
                holders.entry(code).or_default().push(e.deputy);
            }
        }
        for h in &d.honours {
            let held = holders.get(h.code.as_str()).map_or(&[][..], Vec::as_slice);
            if h.unit != Unit::Deputy || held != h.deputies.as_slice() {
                return Err(PointsError::BadRanking(
                    "an honour must list the deputies holding it, in rank order",
                ));
            }
        }
        let listed: BTreeSet<&str> = d.honours.iter().map(|h| h.code.as_str()).collect();
        if holders.keys().any(|code| !listed.contains(code)) {
            return Err(PointsError::BadRanking(
                "an entry holds an honour the ranking does not list",
            ));
        }
        Ok(Self {
            policy: d.policy,
            version: d.version,
            period: d.period,
            entries: d.entries,
            honours: d.honours,
            stats: d.stats,
        })
    }
}

impl Ranking {
    /// The entry of `deputy`, if ranked. Cost: a scan of the entries (they
    /// are in rank order); index them by deputy to look up many.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period};
    /// use deputy_work::points::{samples, Scorer};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let mut tally = scorer.tally();
    /// tally.enrol(DeputyId::new(3))?;
    /// let ranking = scorer.ranking(&tally)?;
    /// assert_eq!(ranking.entry(DeputyId::new(3)).map(|e| e.total), Some(policy.base()));
    /// assert!(ranking.entry(DeputyId::new(4)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn entry(&self, deputy: DeputyId) -> Option<&RankedTotal> {
        self.entries.iter().find(|e| e.deputy == deputy)
    }

    /// Ranks `totals` (deputy, total, band, in any order): highest total
    /// first, then id; competition ranks; honours by rank.
    pub(super) fn of_totals(
        scorer: &Scorer<'_>,
        mut totals: Vec<Total>,
        stats: TallyStats,
    ) -> Result<Self, PointsError> {
        // Ids are unique, so the order is total and the sort deterministic.
        totals.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let n = totals.len();
        Self::of_sorted(scorer, totals.into_iter().map(Ok), n, stats)
    }

    /// Ranks totals of the [plain rule](super::plain) (integers of
    /// 10^-`scale`), sorted by their keys: highest total first, then id.
    /// Bands are looked up once per distinct total.
    pub(super) fn of_keyed(
        scorer: &Scorer<'_>,
        keyed: &[Keyed],
        scale: u32,
        stats: TallyStats,
    ) -> Result<Self, PointsError> {
        debug_assert!(keyed.is_sorted(), "keys come sorted");
        let codes: Vec<Arc<str>> = scorer
            .policy
            .data()
            .bands
            .iter()
            .map(|b| Arc::from(b.code.as_str()))
            .collect();
        let mut last: Option<(i128, Decimal, Option<Arc<str>>)> = None;
        let totals = keyed.iter().map(|(Reverse(total), deputy)| {
            let (decimal, band) = match &last {
                Some((t, d, b)) if t == total => (*d, b.clone()),
                _ => {
                    let d = from_fixed(*total, scale)?;
                    let b = scorer
                        .policy
                        .band_index(d)
                        .and_then(|i| codes.get(i))
                        .cloned();
                    last = Some((*total, d, b.clone()));
                    (d, b)
                }
            };
            Ok((*deputy, decimal, band))
        });
        Self::of_sorted(scorer, totals, keyed.len(), stats)
    }

    /// Ranks `totals` given in rank order.
    fn of_sorted(
        scorer: &Scorer<'_>,
        totals: impl Iterator<Item = Result<Total, PointsError>>,
        n: usize,
        stats: TallyStats,
    ) -> Result<Self, PointsError> {
        let data = scorer.policy.data();
        let mut ranker = Ranker::new(scorer.policy);
        let mut entries = Vec::with_capacity(n);
        for total in totals {
            let (deputy, total, band) = total?;
            let (rank, honour) = ranker.next(total)?;
            entries.push(RankedTotal {
                deputy,
                rank,
                total,
                band,
                honour,
            });
        }
        let honours = awards(
            scorer.policy,
            entries.iter().map(|e| (e.deputy, e.honour.as_deref())),
        );
        Ok(Self {
            policy: data.name.clone(),
            version: data.version.clone(),
            period: scorer.period,
            entries,
            honours,
            stats,
        })
    }
}

/// Competition ranks (1, 2, 2, 4) and honours of deputies given highest
/// total first, under a plain policy (no vetoes or outcomes).
pub(super) struct Ranker {
    codes: Vec<(u32, Arc<str>)>,
    seen: u32,
    rank: u32,
    prev: Option<Decimal>,
}

impl Ranker {
    pub(super) fn new(policy: &super::Policy) -> Self {
        Self {
            codes: policy
                .data()
                .honours
                .iter()
                .map(|h| (h.top, Arc::from(h.code.as_str())))
                .collect(),
            seen: 0,
            rank: 0,
            prev: None,
        }
    }

    /// The rank and honour of the next deputy, whose total is `total`.
    pub(super) fn next(&mut self, total: Decimal) -> Result<(u32, Option<Arc<str>>), PointsError> {
        self.seen = self
            .seen
            .checked_add(1)
            .ok_or(PointsError::Overflow("ranking"))?;
        if self.prev != Some(total) {
            self.rank = self.seen;
        }
        self.prev = Some(total);
        let rank = self.rank;
        let honour = self
            .codes
            .iter()
            .find(|(top, _)| rank <= *top)
            .map(|(_, code)| Arc::clone(code));
        Ok((rank, honour))
    }
}

/// Who received each of the policy's honours: `holders` in rank order.
pub(super) fn awards<'h>(
    policy: &super::Policy,
    holders: impl Iterator<Item = (DeputyId, Option<&'h str>)> + Clone,
) -> Vec<HonourAward> {
    policy
        .data()
        .honours
        .iter()
        .map(|h| HonourAward {
            code: h.code.clone(),
            top: h.top,
            unit: Unit::Deputy,
            deputies: holders
                .clone()
                .filter(|(_, code)| *code == Some(h.code.as_str()))
                .map(|(d, _)| d)
                .collect(),
        })
        .collect()
}

impl From<&Scorecard> for Ranking {
    /// What a scorecard says of every unit, without the ledgers.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period};
    /// use deputy_work::points::{samples, Ranking, Scorer};
    /// let policy = samples::yinchuan_jiangbei()?;
    /// let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    /// let mut tally = scorer.tally();
    /// tally.enrol(DeputyId::new(1))?;
    /// let ranking = Ranking::from(&scorer.scorecard(&tally)?);
    /// assert_eq!(ranking.entries[0].rank, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from(card: &Scorecard) -> Self {
        Self {
            policy: card.policy.clone(),
            version: card.version.clone(),
            period: card.period,
            entries: card
                .entries
                .iter()
                .map(|e| RankedTotal {
                    deputy: e.deputy,
                    rank: e.rank,
                    total: e.total,
                    band: e.band.clone(),
                    honour: e.honour.clone(),
                })
                .collect(),
            honours: card.honours.clone(),
            stats: card.stats.clone(),
        }
    }
}

impl Scorer<'_> {
    /// The tally's [`Ranking`]: the scorecard's totals, ranks, bands and
    /// honours without its ledgers. Each total is worked out from the
    /// deputy's row by the plain rule (the base; each rule's points per
    /// occurrence and bonuses, held within its cap; the floor or ceiling):
    /// the arithmetic of the [`scorecard`](Self::scorecard)'s walk without
    /// its ledger lines. A figure too large for a ledger line (past a
    /// decimal's 96 bits) sends the tally to the walk, 4,096 deputies at a
    /// time, for the error the scorecard gives.
    ///
    /// Cost: O(deputies × counters) to total each row, plus O(d log d) to sort
    /// d deputies; memory: about 56 bytes a deputy, no ledgers.
    ///
    /// Memory: 56 bytes a deputy for the result, plus 32 a deputy while
    /// sorting. Time: one pass over the rows and a sort by total.
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
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let acts = [
    ///     Act::new(RecordId::new(1), DeputyId::new(1), day, StandardKind::Absence.into()),
    ///     Act::new(RecordId::new(2), DeputyId::new(2), day, StandardKind::Research.into()),
    /// ];
    /// let ranking = scorer.ranking(&scorer.tally_acts(&acts)?)?;
    /// let order: Vec<(u32, u32)> = ranking.entries.iter().map(|e| (e.deputy.get(), e.rank)).collect();
    /// assert_eq!(order, [(2, 1), (1, 2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ranking(&self, tally: &Tally) -> Result<Ranking, PointsError> {
        self.plain_only("a tally")?;
        self.check_tally(tally)?;
        let evaluator = super::general::Evaluator::new(self.policy, self.period, None)?;
        if let Some(table) = PlainTotals::new(self.policy) {
            let keyed: Option<Vec<Keyed>> = tally
                .rows()
                .map(|(d, row)| table.total(row).map(|t| (Reverse(t), d)))
                .collect();
            if let Some(mut keyed) = keyed {
                keyed.sort_unstable();
                return Ranking::of_keyed(self, &keyed, table.scale(), tally.sorted_stats());
            }
        }
        // A figure the plain rule leaves to the walk: the walk's error.
        let rows: Vec<(DeputyId, &[u32])> = tally.sorted_rows().collect();
        let mut totals = Vec::with_capacity(rows.len());
        for slice in rows.chunks(SLICE) {
            totals.extend(evaluator.totals_of_rows(slice)?);
        }
        drop(rows);
        Ranking::of_totals(self, totals, tally.sorted_stats())
    }
}

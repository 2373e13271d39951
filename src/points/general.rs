//! The general evaluator: every mechanism of the rule language, in one pass
//! over the acts, then one walk per unit and cut-off date. A pass that meets
//! a correction stops; the corrections are resolved (one more read) and the
//! acts passed again, so acts are read at most three times, and once when
//! none corrects another.
//!
//! Each act adds its quantity to counters: one per rule variant (plain
//! points, a role, a qualifier, a tier) and bonus, one per state option, one
//! per measure (requirements, minimums, vetoes), per unit and sub-period.
//! Points are made from the counters when the scorecard is made, so the
//! order of the acts cannot matter. Only shares and highest-role-only
//! rules carry points per act: a share's difference from the whole act and,
//! per item, the sum and the best of its acts' points.

use core::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::idset::IdSet;
use super::invariant::surely;
use super::plan::{Plan, index16};
use super::scorecard::{CategoryScore, CorrectionNote, StateConflict};
use super::{
    Act, Claim, Code, CountBy, DeputyScore, GroupActs, HonourAward, LineItem, Measure, PointsError,
    Policy, Roster, ScoreLine, Scorecard, TallyStats, Unit,
};
use crate::common::{DeputyId, Level, Period, RecordId};

/// One scored or pooled unit.
#[derive(Debug)]
struct Entry<'r> {
    id: DeputyId,
    unit: Unit,
    name: Option<Arc<str>>,
    level: Option<Level>,
    roles: &'r [Code],
    /// The entries of a group's members.
    members: Vec<usize>,
    corrections: Vec<CorrectionNote>,
}

/// Ids to entries: a dense table for small ids, a map for the rest.
#[derive(Debug, Default)]
struct Index {
    dense: Vec<u32>,
    sparse: BTreeMap<DeputyId, usize>,
}

const DENSE_LIMIT: u32 = 1 << 22;
const NONE: u32 = u32::MAX;

impl Index {
    fn get(&self, id: DeputyId) -> Option<usize> {
        match self.dense.get(usize::try_from(id.get()).ok()?) {
            Some(&i) if i != NONE => usize::try_from(i).ok(),
            Some(_) => None,
            None => self.sparse.get(&id).copied(),
        }
    }

    fn insert(&mut self, id: DeputyId, at: usize) -> Result<(), PointsError> {
        let raw = id.get();
        if raw < DENSE_LIMIT {
            let i = usize::try_from(raw).map_err(|_| PointsError::Overflow("indexing deputies"))?;
            if self.dense.len() <= i {
                self.dense.resize(
                    i.checked_add(1)
                        .ok_or(PointsError::Overflow("indexing deputies"))?,
                    NONE,
                );
            }
            if let Some(slot) = self.dense.get_mut(i) {
                *slot =
                    u32::try_from(at).map_err(|_| PointsError::Overflow("indexing deputies"))?;
            }
        } else {
            self.sparse.insert(id, at);
        }
        Ok(())
    }
}

/// How units are ranked: by kind of unit, highest total first, then by id.
type RankKey = (Unit, core::cmp::Reverse<i128>, DeputyId);

/// The counter of (unit, quarter, index) in counters of `width` per unit
/// and quarter. Counters hold every unit, quarter and index, so a miss is an
/// error, never a silent zero.
fn read_cell<T: Copy>(
    cells: &[T],
    buckets: usize,
    width: usize,
    (unit, bucket, i): (usize, usize, usize),
) -> Result<T, PointsError> {
    unit.checked_mul(buckets)
        .and_then(|r| r.checked_add(bucket))
        .and_then(|r| r.checked_mul(width))
        .and_then(|r| r.checked_add(i))
        .and_then(|at| cells.get(at))
        .copied()
        .ok_or_else(|| overflow("indexing counters"))
}

/// The counters of (unit, quarter) in counters of `width` per unit and
/// quarter: a whole row, for callers that read most of it.
fn read_row<T>(
    cells: &[T],
    buckets: usize,
    width: usize,
    (unit, bucket): (usize, usize),
) -> Result<&[T], PointsError> {
    unit.checked_mul(buckets)
        .and_then(|r| r.checked_add(bucket))
        .and_then(|r| r.checked_mul(width))
        .and_then(|at| cells.get(at..at.checked_add(width)?))
        .ok_or_else(|| overflow("indexing counters"))
}

/// (entry, rule, item, bucket) of a highest-role-only rule's acts.
type HighestKey = (usize, u16, (u8, u64), usize);

/// The counters of every entry.
#[derive(Debug)]
struct Counters {
    /// Sub-periods per entry.
    buckets: usize,
    lines: usize,
    measures: usize,
    rules: usize,
    /// `entries × buckets × lines`.
    line: Vec<u32>,
    /// `entries × buckets × measures`.
    measure: Vec<u32>,
    /// Share differences, `entries × buckets × rules that share` (empty
    /// without shares).
    share: Vec<i128>,
    /// Highest-role-only rules: (entry, rule, item, bucket) → (sum, best).
    /// An act with no item is an item of its own: `(1, act id)`; items
    /// are `(0, item)`.
    highest: BTreeMap<HighestKey, (i128, i128)>,
}

impl Counters {
    /// Makes every counter cumulative over the quarters: bucket `b` then
    /// holds what was recorded in buckets `0..=b`. Cost: one pass over the
    /// counters.
    ///
    /// # Errors
    /// [`PointsError::Overflow`] if a year's count passes `u32::MAX`.
    fn accumulate(&mut self) -> Result<(), PointsError> {
        fn run<T: Copy>(
            v: &mut [T],
            buckets: usize,
            width: usize,
            add: impl Fn(T, T) -> Option<T>,
        ) -> Result<(), PointsError> {
            // Nothing to add without counters; one bucket is its own sum.
            let Some(block) = buckets.checked_mul(width).filter(|b| *b > 0) else {
                return Ok(());
            };
            for unit in v.chunks_exact_mut(block) {
                let (mut prev, mut rest) = unit.split_at_mut(width);
                while !rest.is_empty() {
                    let (cur, tail) = rest.split_at_mut(width);
                    for (c, p) in cur.iter_mut().zip(prev.iter()) {
                        *c = add(*c, *p).ok_or_else(|| overflow("counting occurrences"))?;
                    }
                    prev = cur;
                    rest = tail;
                }
            }
            Ok(())
        }
        run(&mut self.line, self.buckets, self.lines, u32::checked_add)?;
        run(
            &mut self.measure,
            self.buckets,
            self.measures,
            u32::checked_add,
        )?;
        run(&mut self.share, self.buckets, self.rules, i128::checked_add)?;
        Ok(())
    }

    fn grow(&mut self, entries: usize) -> Result<(), PointsError> {
        let size = |w: usize| {
            entries
                .checked_mul(self.buckets)
                .and_then(|n| n.checked_mul(w))
                .ok_or(PointsError::Overflow("sizing counters"))
        };
        self.line.resize(size(self.lines)?, 0);
        self.measure.resize(size(self.measures)?, 0);
        // Empty without shares (no rule that shares).
        self.share.resize(size(self.rules)?, 0);
        Ok(())
    }
}

/// A date's calendar quarter, counted from the year 0.
fn quarter_number(d: NaiveDate) -> i64 {
    surely(
        i64::from(d.year())
            .checked_mul(4)
            .and_then(|q| q.checked_add(i64::from(d.month0() / 3))),
        0,
        "|year| < 2^18 for a `NaiveDate`: four times it fits in an i64",
    )
}

/// How many of four quarter ends fall before `date`: no branch, no loop.
#[inline(always)]
fn ends_before([a, b, c, d]: &[NaiveDate; 4], date: NaiveDate) -> usize {
    // At most 4: the additions cannot wrap.
    usize::from(*a < date)
        .wrapping_add(usize::from(*b < date))
        .wrapping_add(usize::from(*c < date))
        .wrapping_add(usize::from(*d < date))
}

/// The last day of each of the first `n` quarters of `period`, in fours
/// padded with the latest date (which no act is after): a year's three are
/// compared with an act's date in one unrolled step ([`bucket_of`]).
fn quarter_ends(period: Period, n: usize) -> Vec<[NaiveDate; 4]> {
    let mut ends: Vec<[NaiveDate; 4]> = Vec::new();
    for k in 0..n {
        if k % 4 == 0 {
            ends.push([NaiveDate::MAX; 4]);
        }
        if let Some(slot) = ends.last_mut().and_then(|c| c.get_mut(k % 4)) {
            *slot = quarter_end(period, k);
        }
    }
    ends
}

/// The quarter of `date` (how many of `quarter_ends` fall before it),
/// counted without a branch on the date, which is as random as the data:
/// a search would mispredict.
#[inline(always)]
fn bucket_of(quarter_ends: &[[NaiveDate; 4]], date: NaiveDate) -> usize {
    match quarter_ends {
        [] => 0,
        [four] => ends_before(four, date),
        many => many.iter().map(|four| ends_before(four, date)).sum(),
    }
}

/// The calendar quarter of `date`, counted from the quarter of `start`
/// (0 for a date on or before it).
fn quarter_of(start: NaiveDate, date: NaiveDate) -> usize {
    let after = surely(
        quarter_number(date).checked_sub(quarter_number(start)),
        0,
        "quarter numbers lie within ±2^20",
    );
    // A date before `start` (a negative difference) is in quarter 0, as
    // documented.
    usize::try_from(after).unwrap_or(0)
}

/// The last day of the `k`th quarter from `period`'s first, within `period`.
fn quarter_end(period: Period, k: usize) -> NaiveDate {
    let q = surely(
        i64::try_from(k)
            .ok()
            .and_then(|k| quarter_number(period.start()).checked_add(k)),
        quarter_number(period.end()),
        "k counts the quarters of a period of `NaiveDate`s, fewer than 2^20",
    );
    let (year, q0) = (q.div_euclid(4), q.rem_euclid(4));
    // The first day of the next quarter, less one day.
    let next = i32::try_from(year).ok().and_then(|y| match q0 {
        // April, July or October of the same year.
        0..=2 => NaiveDate::from_ymd_opt(
            y,
            u32::try_from(q0).ok()?.checked_mul(3)?.checked_add(4)?,
            1,
        ),
        // January of the next.
        _ => NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1),
    });
    next.and_then(|d| d.pred_opt())
        .map_or(period.end(), |d| d.min(period.end()))
}

/// A rule's `j`th variant: its ledger item and points per occurrence.
pub(super) fn variant(rule: &super::Rule, j: usize) -> (LineItem, Decimal) {
    if !rule.points_by_role.is_empty() {
        rule.points_by_role
            .iter()
            .nth(j)
            .map_or((LineItem::Points, Decimal::ZERO), |(_, p)| {
                (LineItem::Role(index16(j)), *p)
            })
    } else if !rule.points_by_qualifier.is_empty() {
        rule.points_by_qualifier
            .get(j)
            .map_or((LineItem::Points, Decimal::ZERO), |p| {
                (LineItem::Qualified(index16(j)), p.points)
            })
    } else if !rule.tiers.is_empty() {
        rule.tiers
            .get(j)
            .map_or((LineItem::Points, Decimal::ZERO), |t| {
                (LineItem::Tier(index16(j)), t.points)
            })
    } else {
        (LineItem::Points, rule.points)
    }
}

/// Whether `rule` applies to `entry`: it has one of the rule's roles (if
/// the rule names any) and one of its levels (if it names any). A group
/// has neither, so a rule with `when` never applies to a group.
#[inline]
fn applies(rule: &super::Rule, entry: &Entry<'_>) -> bool {
    rule.when.as_ref().is_none_or(|w| {
        (w.roles.is_empty() || w.roles.iter().any(|r| entry.roles.contains(r)))
            && (w.levels.is_empty() || entry.level.is_some_and(|l| w.levels.contains(&l)))
    })
}

/// Which records corrections leave out, and which corrections stand.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Records amended or annulled by a record that stands.
    pub(crate) dead: BTreeSet<u64>,
    /// Correcting records that stand.
    pub(crate) live: BTreeSet<u64>,
}

/// Resolves corrections from the highest id down: a record that stands
/// and corrects another leaves the other out, so a correction annulled
/// restores the record it corrected. Checks that each correction names a
/// record among the acts, of the same deputy. Cost: one pass over the
/// acts, and a second plus O(c log c) for c corrections when there are any.
///
/// # Errors
/// [`PointsError::BadAct`] naming a correction whose target is missing or
/// belongs to another deputy.
pub(crate) fn resolve<I>(acts: I) -> Result<Resolved, PointsError>
where
    I: Iterator + Clone,
    I::Item: Borrow<Act>,
{
    // (id, deputy) of each correcting record, with its correction.
    let mut correctors: Vec<((RecordId, DeputyId), super::Correction)> = acts
        .clone()
        .filter_map(|a| {
            let a: &Act = a.borrow();
            a.correction().map(|c| ((a.id, a.deputy), c))
        })
        .collect();
    let mut out = Resolved::default();
    if correctors.is_empty() {
        return Ok(out);
    }
    correctors.sort_by_key(|(a, _)| core::cmp::Reverse(a.0));
    let targets: BTreeSet<u64> = correctors.iter().map(|(_, c)| c.target().get()).collect();
    let mut owner: BTreeMap<u64, DeputyId> = BTreeMap::new();
    for a in acts {
        let a: &Act = a.borrow();
        if targets.contains(&a.id.get()) {
            owner.entry(a.id.get()).or_insert(a.deputy);
        }
    }
    let mut done: BTreeSet<u64> = BTreeSet::new();
    for ((id, deputy), c) in &correctors {
        if !done.insert(id.get()) {
            continue; // a repeated record: the first copy decides
        }
        match owner.get(&c.target().get()) {
            None => {
                return Err(PointsError::BadAct {
                    act: *id,
                    problem: "corrects a record that is not among the acts",
                });
            }
            Some(d) if d != deputy => {
                return Err(PointsError::BadAct {
                    act: *id,
                    problem: "corrects a record of another deputy",
                });
            }
            Some(_) => {}
        }
        if out.dead.contains(&id.get()) {
            continue;
        }
        out.dead.insert(c.target().get());
        out.live.insert(id.get());
    }
    Ok(out)
}

pub(crate) struct Evaluator<'a> {
    policy: &'a Policy,
    plan: &'a Plan,
    period: Period,
    roster: Option<&'a Roster>,
}

fn overflow(what: &'static str) -> PointsError {
    PointsError::Overflow(what)
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, PointsError> {
    a.checked_add(b).ok_or_else(|| overflow("adding points"))
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, PointsError> {
    a.checked_sub(b).ok_or_else(|| overflow("adding points"))
}

fn times(n: u64, p: Decimal) -> Result<Decimal, PointsError> {
    p.checked_mul(Decimal::from(n))
        .ok_or_else(|| overflow("multiplying points"))
}

fn count32(n: u64) -> Result<u32, PointsError> {
    u32::try_from(n).map_err(|_| overflow("counting occurrences for a ledger line"))
}

/// `d` as an integer of 10^-`scale`; exact, as every number of a policy
/// has at most `scale` places (or an overflow error).
pub(super) fn to_fixed(d: Decimal, scale: u32) -> Result<i128, PointsError> {
    let up = scale
        .checked_sub(d.scale())
        .and_then(|e| 10_i128.checked_pow(e))
        .ok_or_else(|| overflow("bringing points to the policy's precision"))?;
    d.mantissa()
        .checked_mul(up)
        .ok_or_else(|| overflow("bringing points to the policy's precision"))
}

/// An integer of 10^-`scale` as a decimal with `scale` places.
#[inline]
pub(super) fn from_fixed(v: i128, scale: u32) -> Result<Decimal, PointsError> {
    // The common case without the 96-bit path.
    if let Ok(small) = i64::try_from(v)
        && let Ok(d) = Decimal::try_new(small, scale)
    {
        return Ok(d);
    }
    Decimal::try_from_i128_with_scale(v, scale).map_err(|_| overflow("writing points as a decimal"))
}

fn iadd(a: i128, b: i128) -> Result<i128, PointsError> {
    a.checked_add(b).ok_or_else(|| overflow("adding points"))
}

fn isub(a: i128, b: i128) -> Result<i128, PointsError> {
    a.checked_sub(b).ok_or_else(|| overflow("adding points"))
}

fn itimes(n: u64, p: i128) -> Result<i128, PointsError> {
    i128::from(n)
        .checked_mul(p)
        .ok_or_else(|| overflow("multiplying points"))
}

/// A magnitude cap on integers of 10^-scale: `v` within `-cap ..= cap`.
pub(super) fn iheld(v: i128, cap: Option<i128>) -> i128 {
    match cap {
        Some(c) => {
            debug_assert!(c >= 0, "caps are not negative, checked while loading");
            let low = surely(0_i128.checked_sub(c), i128::MIN, "-c fits for c ≥ 0");
            v.min(c).max(low)
        }
        None => v,
    }
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(
        policy: &'a Policy,
        period: Period,
        roster: Option<&'a Roster>,
    ) -> Result<Self, PointsError> {
        let plan = policy.plan();
        if roster.is_none() && plan.needs_roster {
            return Err(PointsError::RosterNeeded);
        }
        if let Some(r) = roster {
            for (i, d) in r.deputies().iter().enumerate() {
                for (j, role) in d.roles.iter().enumerate() {
                    if !policy.data().roles.iter().any(|t| t.code == *role) {
                        return Err(PointsError::NotListed {
                            field: format!("deputies[{i}].roles[{j}]"),
                            code: role.to_string(),
                            list: "the policy's roles",
                        });
                    }
                }
            }
        }
        Ok(Self {
            policy,
            plan,
            period,
            roster,
        })
    }

    /// Scorecards as of each cut-off: the period's end (`quarterly` false),
    /// or the end of each quarter in the period.
    #[allow(clippy::too_many_lines)] // the per-act step, kept in one place
    pub(crate) fn score<I>(&self, acts: I, quarterly: bool) -> Result<Vec<Scorecard>, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
        I::IntoIter: Clone,
    {
        let acts = acts.into_iter();
        let plan = self.plan;
        let buckets = if quarterly || plan.needs_quarters {
            surely(
                quarter_of(self.period.start(), self.period.end()).checked_add(1),
                1,
                "a period of `NaiveDate`s has fewer than 2^20 quarters",
            )
        } else {
            1
        };
        // At least one bucket, the period's last quarter.
        let last_bucket = surely(buckets.checked_sub(1), 0, "there is at least one bucket");
        let quarter_ends = quarter_ends(self.period, last_bucket);

        let first = self.pass(acts.clone(), buckets, &quarter_ends, None)?;
        let (entries, mut counters, stats) = match first {
            Some(done) => done,
            None => {
                let resolved = resolve(acts.clone())?;
                self.pass(acts, buckets, &quarter_ends, Some(&resolved))?
                    .ok_or_else(|| overflow("resolving corrections"))?
            }
        };
        counters.accumulate()?;
        let cutoffs: Vec<usize> = if quarterly {
            (0..buckets).collect()
        } else {
            vec![last_bucket]
        };
        let mut cards = Vec::with_capacity(cutoffs.len());
        for k in cutoffs {
            let period = if quarterly {
                Period::new(self.period.start(), quarter_end(self.period, k))
                    .map_err(|_| overflow("making a quarter"))?
            } else {
                self.period
            };
            cards.push(self.card(&entries, &counters, k, period, stats.clone())?);
        }
        Ok(cards)
    }

    /// One pass over the acts into counters per unit, line and quarter.
    /// `None` if it met a correction while `resolved` is `None` (the caller
    /// resolves the corrections and passes again).
    #[allow(clippy::too_many_lines)] // the per-act step, kept in one place
    #[allow(clippy::type_complexity)] // entries, counters, statistics
    fn pass<I>(
        &self,
        acts: I,
        buckets: usize,
        quarter_ends: &[[NaiveDate; 4]],
        resolved: Option<&Resolved>,
    ) -> Result<Option<(Vec<Entry<'a>>, Counters, TallyStats)>, PointsError>
    where
        I: Iterator,
        I::Item: Borrow<Act>,
    {
        let plan = self.plan;
        let data = self.policy.data();
        // Entries: the roster's, or every deputy met in the acts.
        let mut entries: Vec<Entry<'a>> = Vec::new();
        let mut index = Index::default();
        if let Some(roster) = self.roster {
            for g in roster.groups() {
                index.insert(g.id, entries.len())?;
                entries.push(Entry {
                    id: g.id,
                    unit: Unit::Group,
                    name: Some(Arc::from(g.name.as_str())),
                    level: None,
                    roles: &[],
                    members: Vec::new(),
                    corrections: Vec::new(),
                });
            }
            for d in roster.deputies() {
                let at = entries.len();
                let group = d.group.and_then(|g| index.get(g));
                if let Some(g) = group.and_then(|g| entries.get_mut(g)) {
                    g.members.push(at);
                }
                index.insert(d.id, at)?;
                entries.push(Entry {
                    id: d.id,
                    unit: Unit::Deputy,
                    name: Some(Arc::from(d.name.as_str())),
                    level: d.level,
                    roles: &d.roles,
                    members: Vec::new(),
                    corrections: Vec::new(),
                });
            }
        }

        let empty = Resolved::default();
        let Resolved {
            dead,
            live: live_correctors,
        } = resolved.unwrap_or(&empty);

        let mut counters = Counters {
            buckets,
            lines: plan.lines,
            measures: plan.conds.len(),
            rules: plan.shared_rules,
            line: Vec::new(),
            measure: Vec::new(),
            share: Vec::new(),
            highest: BTreeMap::new(),
        };
        counters.grow(entries.len())?;
        let mut ids = IdSet::default();
        let mut stats = TallyStats::default();
        let bump = |n: &mut u64| -> Result<(), PointsError> {
            *n = n.checked_add(1).ok_or_else(|| overflow("counting acts"))?;
            Ok(())
        };
        for item in acts {
            let act: &Act = item.borrow();
            // An act of someone not on the roster is an error, whatever it is.
            let e = match index.get(act.deputy) {
                Some(e) => e,
                None if self.roster.is_some() => {
                    return Err(PointsError::NotOnRoster {
                        act: act.id,
                        deputy: act.deputy,
                    });
                }
                None => {
                    let at = entries.len();
                    index.insert(act.deputy, at)?;
                    entries.push(Entry {
                        id: act.deputy,
                        unit: Unit::Deputy,
                        name: None,
                        level: None,
                        roles: &[],
                        members: Vec::new(),
                        corrections: Vec::new(),
                    });
                    counters.grow(entries.len())?;
                    at
                }
            };
            if resolved.is_none() && act.correction().is_some() {
                // Corrections must be resolved before any act counts: start
                // again, resolving them first (acts without corrections are
                // read once).
                return Ok(None);
            }
            if !ids.insert(act.id.get()) {
                stats.duplicates.push(act.id);
                continue;
            }
            act.check()?;
            if dead.contains(&act.id.get()) {
                bump(&mut stats.superseded)?;
                continue;
            }
            if let Some(c) = act.correction()
                && live_correctors.contains(&act.id.get())
            {
                if let Some(entry) = entries.get_mut(e) {
                    entry.corrections.push(CorrectionNote {
                        record: act.id,
                        correction: c,
                    });
                }
                if matches!(c, super::Correction::Annuls(_)) {
                    bump(&mut stats.corrections)?;
                    continue;
                }
            }
            if !self.period.contains(act.date) {
                bump(&mut stats.outside_period)?;
                continue;
            }
            match act.claim {
                Claim::Pending => {
                    bump(&mut stats.pending)?;
                    continue;
                }
                Claim::Rejected => {
                    bump(&mut stats.rejected)?;
                    continue;
                }
                Claim::Verified => {}
            }
            let Some(kp) = plan
                .kind(act.kind)
                .filter(|k| k.rule.is_some() || k.state.is_some() || !k.conds.is_empty())
            else {
                if act.share().is_some() {
                    return Err(PointsError::BadAct {
                        act: act.id,
                        problem: "has a share, but no rule scores its kind",
                    });
                }
                bump(&mut stats.unscored)?;
                continue;
            };
            // The quarter: how many quarters end before the act's date.
            let b = bucket_of(quarter_ends, act.date);
            let q = u64::from(act.quantity);
            let row = e
                .checked_mul(buckets)
                .and_then(|r| r.checked_add(b))
                .ok_or_else(|| overflow("indexing counters"))?;
            // Measures first: they do not depend on who the rule applies to.
            for c in &kp.conds {
                let ci = usize::try_from(*c).map_err(|_| overflow("indexing measures"))?;
                let Some(cond) = plan.conds.get(ci) else {
                    continue;
                };
                if act.qualifiers.contains_all(&cond.qualifiers) {
                    let at = row
                        .checked_mul(counters.measures)
                        .and_then(|r| r.checked_add(ci))
                        .ok_or_else(|| overflow("indexing measures"))?;
                    let cell = counters
                        .measure
                        .get_mut(at)
                        .ok_or_else(|| overflow("indexing measures"))?;
                    *cell = cell
                        .checked_add(act.quantity)
                        .ok_or_else(|| overflow("counting occurrences"))?;
                }
            }
            if let Some((s, opt)) = kp.state {
                let (first, _) = plan
                    .states
                    .get(usize::from(s))
                    .copied()
                    .ok_or_else(|| overflow("indexing states"))?;
                let line = first
                    .checked_add(usize::from(opt))
                    .ok_or_else(|| overflow("indexing lines"))?;
                self.add_line(&mut counters, row, line, act.quantity)?;
            }
            if let Some(ri) = kp.rule {
                let rule = data
                    .rules
                    .get(usize::from(ri))
                    .ok_or_else(|| overflow("indexing rules"))?;
                let rp = plan
                    .rules
                    .get(usize::from(ri))
                    .copied()
                    .ok_or_else(|| overflow("indexing rules"))?;
                if act.share().is_some() && rule.share.is_none() {
                    return Err(PointsError::BadAct {
                        act: act.id,
                        problem: "has a share, but its rule does not split acts among proposers",
                    });
                }
                // (The entry is read only for a rule with `when`: most acts
                // need nothing of it.)
                if rule.when.is_some() && !entries.get(e).is_some_and(|entry| applies(rule, entry))
                {
                    bump(&mut stats.not_applicable)?;
                    continue;
                }
                // The variant (and its points per occurrence).
                let variant: Option<(usize, Decimal)> = if !rule.points_by_role.is_empty() {
                    act.role().and_then(|role| {
                        rule.points_by_role
                            .iter()
                            .position(|(r, _)| *r == role)
                            .zip(rule.points_by_role.get(&role).copied())
                    })
                } else if !rule.points_by_qualifier.is_empty() {
                    rule.points_by_qualifier
                        .iter()
                        .enumerate()
                        .find(|(_, p)| act.qualifiers.contains(p.qualifier))
                        .map(|(i, p)| (i, p.points))
                } else if !rule.tiers.is_empty() {
                    let v = act.value().ok_or(PointsError::BadAct {
                        act: act.id,
                        problem: "its rule scores by tiers, but it has no value",
                    })?;
                    rule.tiers
                        .iter()
                        .enumerate()
                        .find(|(_, t)| t.contains(v))
                        .map(|(i, t)| (i, t.points))
                } else {
                    Some((0, rule.points))
                };
                let Some((variant, per)) = variant else {
                    bump(&mut stats.no_points)?;
                    if rule.highest_only {
                        // Worth nothing, it still stands for its item: an
                        // item's best is never below zero for want of it
                        // (a last share part can be negative).
                        let item = act.item().map_or((1_u8, act.id.get()), |i| (0, i));
                        let slot = counters.highest.entry((e, ri, item, b)).or_insert((0, 0));
                        slot.1 = slot.1.max(0);
                    }
                    continue;
                };
                self.add_line(
                    &mut counters,
                    row,
                    rp.first
                        .checked_add(variant)
                        .ok_or_else(|| overflow("indexing lines"))?,
                    act.quantity,
                )?;
                // The act's points per occurrence, needed only to share it
                // or to compare it with others on the same item.
                let worth_needed = rule.share.is_some() || rule.highest_only;
                let mut each = per;
                for (j, bonus) in rule.bonuses.iter().enumerate() {
                    if bonus.applies(&act.qualifiers, act.role()) {
                        let line = rp
                            .first
                            .checked_add(rp.variants)
                            .and_then(|l| l.checked_add(j))
                            .ok_or_else(|| overflow("indexing lines"))?;
                        self.add_line(&mut counters, row, line, act.quantity)?;
                        if worth_needed {
                            each = add(each, bonus.points)?;
                        }
                    }
                }
                if worth_needed {
                    let whole = times(q, each)?;
                    let mut worth = whole;
                    if let (Some(sr), Some(s)) = (&rule.share, act.share()) {
                        if sr.at_most.is_some_and(|m| s.of > m) {
                            return Err(PointsError::BadAct {
                                act: act.id,
                                problem: "names more proposers than its rule allows",
                            });
                        }
                        worth = sr
                            .part(whole, s.position, s.of)
                            .ok_or_else(|| overflow("sharing points"))?;
                        let slot = rp.share_slot.ok_or_else(|| overflow("indexing shares"))?;
                        let at = row
                            .checked_mul(counters.rules)
                            .and_then(|r| r.checked_add(slot))
                            .ok_or_else(|| overflow("indexing shares"))?;
                        let cell = counters
                            .share
                            .get_mut(at)
                            .ok_or_else(|| overflow("indexing shares"))?;
                        *cell = iadd(*cell, to_fixed(sub(worth, whole)?, plan.scale)?)?;
                    }
                    if rule.highest_only {
                        // An act without an item is an item of its own.
                        let item = act.item().map_or((1_u8, act.id.get()), |i| (0, i));
                        let worth = to_fixed(worth, plan.scale)?;
                        let slot = counters
                            .highest
                            .entry((e, ri, item, b))
                            .or_insert((0, worth));
                        slot.0 = iadd(slot.0, worth)?;
                        slot.1 = slot.1.max(worth);
                    }
                }
            }
            // Counted: every way a rule gives nothing has gone on to the
            // next act above.
            bump(&mut stats.counted)?;
        }
        stats.duplicates.sort_unstable();
        // Notes in record order, whatever the order of the acts.
        for entry in &mut entries {
            entry.corrections.sort_by_key(|n| n.record);
        }

        Ok(Some((entries, counters, stats)))
    }

    /// The entries and counters of a fast-path tally's rows (`n` of
    /// them), as the walk that makes every scorecard reads them: one entry
    /// per deputy, the rows' counters as its lines.
    fn plain_rows<'r>(
        &self,
        rows: impl Iterator<Item = (DeputyId, &'r [u32])>,
        n: usize,
    ) -> Result<(Vec<Entry<'a>>, Counters), PointsError> {
        let lines = self.plan.lines;
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(n);
        let mut line: Vec<u32> = Vec::with_capacity(surely(
            n.checked_mul(lines),
            0,
            "rows held in memory times lines fits in a usize",
        ));
        for (deputy, row) in rows {
            if row.len() != lines {
                return Err(PointsError::BadTally("a row does not fit the policy"));
            }
            entries.push(Entry {
                id: deputy,
                unit: Unit::Deputy,
                name: None,
                level: None,
                roles: &[],
                members: Vec::new(),
                corrections: Vec::new(),
            });
            line.extend_from_slice(row);
        }
        let counters = Counters {
            buckets: 1,
            lines,
            measures: 0,
            rules: 0,
            line,
            measure: Vec::new(),
            share: Vec::new(),
            highest: BTreeMap::new(),
        };
        Ok((entries, counters))
    }

    /// The scorecard of a fast-path tally: its rows are the counters of a
    /// plain policy's lines (one per rule, then one per bonus), so the walk
    /// that makes every other scorecard makes this one too.
    pub(crate) fn card_of_tally(&self, tally: &super::Tally) -> Result<Scorecard, PointsError> {
        debug_assert!(self.plan.plain, "a tally exists for plain policies only");
        let (entries, counters) = self.plain_rows(tally.sorted_rows(), tally.deputies())?;
        let (name, version, period) = tally.key_names();
        let mut card = self.card(&entries, &counters, 0, period, tally.sorted_stats())?;
        name.clone_into(&mut card.policy);
        version.clone_into(&mut card.version);
        Ok(card)
    }

    /// The totals and bands of some of a fast-path tally's rows (by
    /// deputy), made by the same walk as [`card_of_tally`](Self::card_of_tally)
    /// and dropping the ledgers: a [`Ranking`](super::Ranking) is made a
    /// slice of rows at a time, so ledgers are never held for more than
    /// one slice.
    pub(crate) fn totals_of_rows(
        &self,
        rows: &[(DeputyId, &[u32])],
    ) -> Result<Vec<super::ranking::Total>, PointsError> {
        Ok(self
            .card_of_rows(rows)?
            .entries
            .into_iter()
            .map(|e| (e.deputy, e.total, e.band))
            .collect())
    }

    /// The scorecard of some of a fast-path tally's rows (by deputy), as
    /// if they were all the rows: each entry's total, ledger and band are
    /// its own; ranks and honours are among these rows only.
    pub(crate) fn card_of_rows(
        &self,
        rows: &[(DeputyId, &[u32])],
    ) -> Result<Scorecard, PointsError> {
        debug_assert!(self.plan.plain, "a tally exists for plain policies only");
        let (entries, counters) =
            self.plain_rows(rows.iter().map(|(d, row)| (*d, *row)), rows.len())?;
        self.card(&entries, &counters, 0, self.period, TallyStats::default())
    }

    fn add_line(
        &self,
        c: &mut Counters,
        row: usize,
        line: usize,
        q: u32,
    ) -> Result<(), PointsError> {
        let at = row
            .checked_mul(c.lines)
            .and_then(|r| r.checked_add(line))
            .ok_or_else(|| overflow("indexing lines"))?;
        let cell = c
            .line
            .get_mut(at)
            .ok_or_else(|| overflow("indexing lines"))?;
        *cell = cell
            .checked_add(q)
            .ok_or_else(|| overflow("counting occurrences"))?;
        Ok(())
    }

    /// The units whose counters make `e`'s: itself, and its members for a
    /// group that pools them.
    fn pool(&self, entries: &[Entry<'_>], e: usize) -> Vec<usize> {
        let mut out = vec![e];
        if let Some(entry) = entries.get(e)
            && entry.unit == Unit::Group
            && self.policy.data().group_acts == GroupActs::OwnAndMembers
        {
            out.extend(entry.members.iter().copied());
        }
        out
    }

    #[allow(clippy::too_many_lines)] // one unit's whole walk, in ledger order
    fn card(
        &self,
        entries: &[Entry<'_>],
        c: &Counters,
        k: usize,
        period: Period,
        stats: TallyStats,
    ) -> Result<Scorecard, PointsError> {
        let data = self.policy.data();
        let plan = self.plan;
        let scale = plan.scale;
        // Every figure at the policy's precision: points are sums and
        // whole multiples of the policy's numbers and shares rounded to at
        // most `scale` places, so padding is exact.
        // Points are integers of 10^-scale: the policy's numbers, whole
        // multiples of them and shares rounded to at most `scale` places are
        // all exact there, and integer arithmetic is several times faster
        // than decimal. Figures go back to decimals at the policy's precision.
        let fx = |d: Decimal| to_fixed(d, scale);
        let fxo = |d: Option<Decimal>| d.map(|d| to_fixed(d, scale)).transpose();
        let dec = |v: i128| from_fixed(v, scale);
        // Sum of a counter over the pool's units and buckets 0..=k, or one bucket.
        // The counters are cumulative over the quarters (see
        // `Counters::accumulate`): what a unit recorded up to quarter `k` is
        // one read, and in quarter `b` alone the difference of two.
        let window = |only: Option<usize>| match only {
            None => (None, k),
            Some(b) => (b.checked_sub(1), b),
        };
        let line_sum =
            |pool: &[usize], line: usize, only: Option<usize>| -> Result<u64, PointsError> {
                let (from, to) = window(only);
                let mut n: u64 = 0;
                for &u in pool {
                    let read = |b: usize| -> Result<u64, PointsError> {
                        read_cell(&c.line, c.buckets, c.lines, (u, b, line)).map(u64::from)
                    };
                    let upto = read(to)?;
                    let before = from.map_or(Ok(0), read)?;
                    let these = surely(upto.checked_sub(before), 0, "counters are cumulative");
                    n = n
                        .checked_add(these)
                        .ok_or_else(|| overflow("counting occurrences"))?;
                }
                Ok(n)
            };
        let measure_sum = |pool: &[usize], m: usize| -> Result<u64, PointsError> {
            let mut n: u64 = 0;
            for &u in pool {
                let v = read_cell(&c.measure, c.buckets, c.measures, (u, k, m))?;
                n = n
                    .checked_add(u64::from(v))
                    .ok_or_else(|| overflow("counting occurrences"))?;
            }
            Ok(n)
        };
        let share_sum =
            |pool: &[usize], r: usize, only: Option<usize>| -> Result<i128, PointsError> {
                let mut s = 0_i128;
                if c.share.is_empty() {
                    return Ok(s);
                }
                let (from, to) = window(only);
                for &u in pool {
                    let read = |b: usize| read_cell(&c.share, c.buckets, c.rules, (u, b, r));
                    let part = isub(read(to)?, from.map_or(Ok(0), read)?)?;
                    s = iadd(s, part)?;
                }
                Ok(s)
            };
        // The difference highest-only makes, over the pool's items up to k.
        let highest_adj = |pool: &[usize], r: u16| -> Result<i128, PointsError> {
            let mut adj = 0_i128;
            // Items across the pool: a group counts an item once, whoever
            // of its members (or the group itself) recorded it.
            let mut per_item: BTreeMap<(u8, u64), (i128, i128)> = BTreeMap::new();
            for &u in pool {
                for ((_, _, item, _), (sum, best)) in c
                    .highest
                    .range((u, r, (0, 0), 0)..=(u, r, (1, u64::MAX), usize::MAX))
                    .filter(|((_, _, _, b), _)| *b <= k)
                {
                    let slot = per_item.entry(*item).or_insert((0, *best));
                    slot.0 = iadd(slot.0, *sum)?;
                    slot.1 = slot.1.max(*best);
                }
            }
            for (sum, best) in per_item.values() {
                adj = iadd(adj, isub(*best, *sum)?)?;
            }
            Ok(adj)
        };

        struct Scored {
            /// The entry's name and corrections, taken in entry order (the
            /// ranking reads units in rank order, which is random in memory).
            name: Option<Arc<str>>,
            corrections: Vec<CorrectionNote>,
            /// (kind of unit, total, id): ranked by kind, highest total
            /// first, then by id.
            key: RankKey,
            total: i128,
            ledger: Vec<ScoreLine>,
            categories: Vec<CategoryScore>,
            conflicts: Vec<StateConflict>,
            missed: Vec<Code>,
            veto: Option<usize>,
        }
        let mut scored: Vec<Scored> = Vec::with_capacity(entries.len());

        // The policy's numbers at the policy's precision, once per card.
        struct RuleFx {
            variants: Vec<(LineItem, i128)>,
            bonuses: Vec<i128>,
            cap: Option<i128>,
            quarter_cap: Option<i128>,
        }
        let mut rule_fx: Vec<RuleFx> = Vec::with_capacity(data.rules.len());
        for (rule, rp) in data.rules.iter().zip(&plan.rules) {
            let mut variants = Vec::with_capacity(rp.variants);
            for j in 0..rp.variants {
                let (item, p) = variant(rule, j);
                variants.push((item, fx(p)?));
            }
            rule_fx.push(RuleFx {
                variants,
                bonuses: rule
                    .bonuses
                    .iter()
                    .map(|b| fx(b.points))
                    .collect::<Result<_, _>>()?,
                cap: fxo(rule.cap)?,
                quarter_cap: fxo(rule.quarter_cap)?,
            });
        }
        let mut cat_fx: Vec<(Option<i128>, Option<i128>, Option<i128>)> =
            Vec::with_capacity(data.categories.len());
        for c in &data.categories {
            cat_fx.push((fxo(c.start)?, fxo(c.floor)?, fxo(c.cap)?));
        }
        let (base_fx, floor_fx, ceiling_fx) = (
            // No base: everyone starts from zero, as documented.
            fxo(data.base)?.unwrap_or(0),
            fxo(data.floor)?,
            fxo(data.ceiling)?,
        );
        let mut buffer: Vec<ScoreLine> = Vec::new();
        // Per-unit scratch, reused: subtotals per category before and after
        // their bounds.
        let mut in_cat_buf: Vec<i128> = Vec::with_capacity(data.categories.len());
        let mut finals_buf: Vec<i128> = Vec::with_capacity(data.categories.len());
        let mut upto_buf: Vec<u64> = Vec::with_capacity(c.lines);
        let mut upto_m_buf: Vec<u64> = Vec::with_capacity(c.measures);
        for (e, entry) in entries.iter().enumerate() {
            if !data.units.scores(entry.unit) {
                continue;
            }
            let pooled;
            // (Only a group can pool its members' acts.)
            let pool: &[usize] = if entry.unit == Unit::Group {
                pooled = self.pool(entries, e);
                &pooled
            } else {
                core::slice::from_ref(&e)
            };
            let members: &[usize] = if entry.unit == Unit::Group {
                &entry.members
            } else {
                &[]
            };
            // The pool's counters up to the cut-off, summed once: most reads
            // are of these.
            let mut upto = core::mem::take(&mut upto_buf);
            // Sized once; zeroed for each unit.
            upto.resize(c.lines, 0);
            upto.fill(0);
            let mut upto_m = core::mem::take(&mut upto_m_buf);
            // Sized once; zeroed for each unit.
            upto_m.resize(c.measures, 0);
            upto_m.fill(0);
            for &u in pool {
                let row = read_row(&c.line, c.buckets, c.lines, (u, k))?;
                for (s, v) in upto.iter_mut().zip(row) {
                    *s = s
                        .checked_add(u64::from(*v))
                        .ok_or_else(|| overflow("counting occurrences"))?;
                }
                let row = read_row(&c.measure, c.buckets, c.measures, (u, k))?;
                for (s, v) in upto_m.iter_mut().zip(row) {
                    *s = s
                        .checked_add(u64::from(*v))
                        .ok_or_else(|| overflow("counting occurrences"))?;
                }
            }
            // The pool's count on a line, up to the cut-off or in one quarter.
            let pool_line = |line: usize, only: Option<usize>| -> Result<u64, PointsError> {
                match only {
                    None => upto
                        .get(line)
                        .copied()
                        .ok_or_else(|| overflow("indexing counters")),
                    Some(_) => line_sum(pool, line, only),
                }
            };
            let pool_measure = |m: usize| -> Result<u64, PointsError> {
                upto_m
                    .get(m)
                    .copied()
                    .ok_or_else(|| overflow("indexing counters"))
            };
            // Written to one buffer, then copied at its exact length (the
            // ledgers are most of a scorecard's memory).
            let mut ledger = core::mem::take(&mut buffer);
            ledger.clear();
            let mut in_cat = core::mem::take(&mut in_cat_buf);
            // Sized once; zeroed for each unit.
            in_cat.resize(data.categories.len(), 0);
            in_cat.fill(0);
            let mut loose = 0_i128;
            let mut put =
                |cat: Option<usize>, v: i128, in_cat: &mut Vec<i128>| -> Result<(), PointsError> {
                    match cat.and_then(|i| in_cat.get_mut(i)) {
                        Some(slot) => *slot = iadd(*slot, v)?,
                        None => loose = iadd(loose, v)?,
                    }
                    Ok(())
                };
            let line = |ledger: &mut Vec<ScoreLine>,
                        kind,
                        item,
                        count: u64,
                        points: i128|
             -> Result<(), PointsError> {
                ledger.push(ScoreLine {
                    kind,
                    item,
                    count: count32(count)?,
                    points: dec(points)?,
                });
                Ok(())
            };

            // Rules, in the policy's order.
            for (ri, ((rule, rp), rf)) in
                data.rules.iter().zip(&plan.rules).zip(&rule_fx).enumerate()
            {
                // A rule for others (by role or level) gives this unit
                // nothing, not even a quota's points for no act.
                if rule.when.is_some() && !applies(rule, entry) {
                    continue;
                }
                let kind = Some(rule.kind);
                let r16 = u16::try_from(ri).map_err(|_| overflow("indexing rules"))?;
                let value_of = |only: Option<usize>,
                                mut ledger: Option<&mut Vec<ScoreLine>>|
                 -> Result<i128, PointsError> {
                    let mut emit = |item: LineItem, n: u64, p: i128| -> Result<(), PointsError> {
                        if let Some(l) = ledger.as_mut() {
                            l.push(ScoreLine {
                                kind,
                                item,
                                count: count32(n)?,
                                points: dec(p)?,
                            });
                        }
                        Ok(())
                    };
                    let mut v = 0_i128;
                    if !rule.nth.is_empty() || rule.quota.is_some() {
                        let n = match rule.count {
                            CountBy::Occurrences => pool_line(rp.first, only)?,
                            CountBy::Members => {
                                let mut n: u64 = 0;
                                for m in members {
                                    if line_sum(core::slice::from_ref(m), rp.first, only)? > 0 {
                                        n = surely(
                                            n.checked_add(1),
                                            n,
                                            "a count of a group's members fits in a u64",
                                        );
                                    }
                                }
                                n
                            }
                        };
                        if let Some(q) = &rule.quota {
                            v = fx(q.points_for(n).ok_or_else(|| overflow("scoring a quota"))?)?;
                            emit(LineItem::Quota, n, v)?;
                        } else if n > 0 {
                            // Steps: occurrences from..next-1 earn the step's points.
                            for (j, s) in rule.nth.iter().enumerate() {
                                let from = u64::from(s.from);
                                if n < from {
                                    break;
                                }
                                // Steps start at 1 and strictly increase
                                // (checked while loading), so the next step's
                                // `from` is at least 2 and above this one's.
                                let upto = match rule.nth.get(j.wrapping_add(1)) {
                                    Some(nx) => n.min(u64::from(nx.from).wrapping_sub(1)),
                                    None => n,
                                };
                                debug_assert!(
                                    upto >= from,
                                    "steps strictly increase and n >= from"
                                );
                                let cnt = upto
                                    .checked_sub(from)
                                    .and_then(|c| c.checked_add(1))
                                    .ok_or_else(|| overflow("counting occurrences"))?;
                                v = iadd(v, itimes(cnt, fx(s.points)?)?)?;
                            }
                            emit(LineItem::Nth, n, v)?;
                        }
                    } else {
                        for (j, (item, p)) in rf.variants.iter().enumerate() {
                            let line = rp
                                .first
                                .checked_add(j)
                                .ok_or_else(|| overflow("indexing lines"))?;
                            let n = pool_line(line, only)?;
                            if n > 0 {
                                let (item, p) = (*item, *p);
                                let pts = itimes(n, p)?;
                                v = iadd(v, pts)?;
                                emit(item, n, pts)?;
                            }
                        }
                        for (j, bonus_points) in rf.bonuses.iter().enumerate() {
                            let n = pool_line(
                                rp.first
                                    .checked_add(rp.variants)
                                    .and_then(|l| l.checked_add(j))
                                    .ok_or_else(|| overflow("indexing lines"))?,
                                only,
                            )?;
                            if n > 0 {
                                let pts = itimes(n, *bonus_points)?;
                                v = iadd(v, pts)?;
                                emit(LineItem::Bonus(index16(j)), n, pts)?;
                            }
                        }
                        if rule.share.is_some() {
                            let s = match rp.share_slot {
                                Some(slot) => share_sum(pool, slot, only)?,
                                None => 0,
                            };
                            if s != 0 {
                                v = iadd(v, s)?;
                                emit(LineItem::Share, 0, s)?;
                            }
                        }
                        // Never with a quarter cap (refused while loading), so
                        // only for the whole period (`only` is `None`).
                        if rule.highest_only {
                            debug_assert!(only.is_none(), "highest_only has no quarter cap");
                            let h = highest_adj(pool, r16)?;
                            if h != 0 {
                                v = iadd(v, h)?;
                                emit(LineItem::HighestOnly, 0, h)?;
                            }
                        }
                    }
                    Ok(v)
                };
                let mut v = value_of(None, Some(&mut ledger))?;
                if let Some(qcap) = rf.quarter_cap {
                    let mut kept = 0_i128;
                    for b in 0..=k {
                        kept = iadd(kept, iheld(value_of(Some(b), None)?, Some(qcap)))?;
                    }
                    if kept != v {
                        line(&mut ledger, kind, LineItem::QuarterCap, 0, isub(kept, v)?)?;
                        v = kept;
                    }
                }
                let kept = iheld(v, rf.cap);
                if kept != v {
                    line(&mut ledger, kind, LineItem::RuleCap, 0, isub(kept, v)?)?;
                }
                put(rp.category, kept, &mut in_cat)?;
            }

            // States: one option per sub-period, the unit's own acts only.
            let mut conflicts = Vec::new();
            for (si, (state, (first, cat))) in data.states.iter().zip(&plan.states).enumerate() {
                let subs: Vec<Option<usize>> = match state.per {
                    super::Per::Year => vec![None],
                    super::Per::Quarter => (0..=k).map(Some).collect(),
                };
                let mut total = 0_i128;
                for only in subs {
                    let mut chosen: Vec<usize> = Vec::new();
                    for (j, _) in state.options.iter().enumerate() {
                        let line = first
                            .checked_add(j)
                            .ok_or_else(|| overflow("indexing lines"))?;
                        let own = if pool.len() == 1 {
                            // The pool is the unit itself.
                            pool_line(line, only)?
                        } else {
                            line_sum(&[e], line, only)?
                        };
                        if own > 0 {
                            chosen.push(j);
                        }
                    }
                    match chosen.as_slice() {
                        [] => {}
                        [one] => {
                            let p =
                                fx(state.options.get(*one).map_or(Decimal::ZERO, |o| o.points))?;
                            total = iadd(total, p)?;
                            line(
                                &mut ledger,
                                None,
                                LineItem::State {
                                    state: index16(si),
                                    option: index16(*one),
                                },
                                1,
                                p,
                            )?;
                        }
                        many => {
                            conflicts.push(StateConflict {
                                state: state.code,
                                quarter: only
                                    .map(|b| {
                                        b.checked_add(1)
                                            .and_then(|q| u32::try_from(q).ok())
                                            .ok_or_else(|| overflow("numbering quarters"))
                                    })
                                    .transpose()?,
                                kinds: many
                                    .iter()
                                    .filter_map(|j| state.options.get(*j).map(|o| o.kind))
                                    .collect(),
                            });
                            line(&mut ledger, None, LineItem::Conflict(index16(si)), 1, 0)?;
                        }
                    }
                }
                put(*cat, total, &mut in_cat)?;
            }

            // Counts.
            for (ci, (count, (reqs, cat))) in data.counts.iter().zip(&plan.counts).enumerate() {
                let mut ok = true;
                for (r, rp) in count.require.iter().zip(reqs) {
                    let holds = if r.each_member {
                        !members.is_empty()
                            && members.iter().try_fold(
                                true,
                                |acc, m| -> Result<bool, PointsError> {
                                    Ok(acc && r.holds(measure_sum(&[*m], rp.cond)?))
                                },
                            )?
                    } else if r.measure == Measure::Members {
                        let mut n: u64 = 0;
                        for m in members {
                            if measure_sum(&[*m], rp.cond)? > 0 {
                                n = surely(
                                    n.checked_add(1),
                                    n,
                                    "a count of a group's members fits in a u64",
                                );
                            }
                        }
                        r.holds(n)
                    } else {
                        r.holds(pool_measure(rp.cond)?)
                    };
                    ok = ok && holds;
                }
                if ok {
                    line(
                        &mut ledger,
                        None,
                        LineItem::Count(index16(ci)),
                        1,
                        fx(count.points)?,
                    )?;
                    put(*cat, fx(count.points)?, &mut in_cat)?;
                }
            }

            // Minimums.
            let mut missed = Vec::new();
            for (mi, (m, (cond, cat))) in data.minimums.iter().zip(&plan.minimums).enumerate() {
                let n = pool_measure(*cond)?;
                if n < m.at_least {
                    missed.push(m.code);
                    // A minimum without a deduction is only reported.
                    let d = fxo(m.deduction)?.unwrap_or(0);
                    line(&mut ledger, None, LineItem::Minimum(index16(mi)), n, d)?;
                    put(*cat, d, &mut in_cat)?;
                }
            }

            // Vetoes: a disqualifying one wins; else the first in the
            // policy's order that an act triggered forces its band.
            let mut veto = None;
            for (vi, cond) in plan.vetoes.iter().enumerate() {
                if pool_measure(*cond)? > 0 {
                    let disqualifies = data.vetoes.get(vi).is_some_and(|v| v.disqualify);
                    if disqualifies {
                        veto = Some(vi);
                        break;
                    }
                    veto = veto.or(Some(vi));
                }
            }

            // Categories, children first.
            let mut categories = Vec::with_capacity(data.categories.len());
            let mut finals = core::mem::take(&mut finals_buf);
            // Sized once; zeroed for each unit.
            finals.resize(data.categories.len(), 0);
            finals.fill(0);
            for &ci in &plan.category_order {
                let Some(_) = data.categories.get(ci) else {
                    continue;
                };
                let mut v = surely(
                    in_cat.get(ci).copied(),
                    0,
                    "a subtotal per category of the policy",
                );
                let (start_fx, floor_fx, cap_fx) = surely(
                    cat_fx.get(ci).copied(),
                    (None, None, None),
                    "a start, floor and cap per category of the policy",
                );
                if let Some(s) = start_fx {
                    line(&mut ledger, None, LineItem::Start(index16(ci)), 0, s)?;
                    v = iadd(v, s)?;
                }
                let kept = match (floor_fx, cap_fx) {
                    (Some(f), _) if v < f => {
                        line(
                            &mut ledger,
                            None,
                            LineItem::CategoryFloor(index16(ci)),
                            0,
                            isub(f, v)?,
                        )?;
                        f
                    }
                    (_, Some(c)) if v > c => {
                        line(
                            &mut ledger,
                            None,
                            LineItem::CategoryCap(index16(ci)),
                            0,
                            isub(c, v)?,
                        )?;
                        c
                    }
                    _ => v,
                };
                if let Some(slot) = finals.get_mut(ci) {
                    *slot = kept;
                }
                match plan.category_parent.get(ci).copied().flatten() {
                    Some(p) => {
                        if let Some(slot) = in_cat.get_mut(p) {
                            *slot = iadd(*slot, kept)?;
                        }
                    }
                    None => loose = iadd(loose, kept)?,
                }
            }
            for (ci, cat) in data.categories.iter().enumerate() {
                categories.push(CategoryScore {
                    code: cat.code,
                    parent: cat.parent,
                    points: dec(surely(
                        finals.get(ci).copied(),
                        0,
                        "a final subtotal per category of the policy",
                    ))?,
                });
            }

            let mut total = iadd(base_fx, loose)?;
            match (floor_fx, ceiling_fx) {
                (Some(f), _) if total < f => {
                    line(&mut ledger, None, LineItem::Floor, 0, isub(f, total)?)?;
                    total = f;
                }
                (_, Some(cl)) if total > cl => {
                    line(&mut ledger, None, LineItem::Ceiling, 0, isub(cl, total)?)?;
                    total = cl;
                }
                _ => {}
            }
            let exact = ledger.clone();
            buffer = ledger;
            in_cat_buf = in_cat;
            finals_buf = finals;
            upto_buf = upto;
            upto_m_buf = upto_m;
            scored.push(Scored {
                name: entry.name.clone(),
                corrections: entry.corrections.clone(),
                key: (entry.unit, core::cmp::Reverse(total), entry.id),
                total,
                ledger: exact,
                categories,
                conflicts,
                missed,
                veto,
            });
        }

        // Rank within each kind of unit: highest total first, then id.
        // Keys are unique (ids are), so an unstable sort is deterministic;
        // the keys are sorted with their places, not the units' results.
        let mut order: Vec<(RankKey, usize)> =
            scored.iter().enumerate().map(|(i, s)| (s.key, i)).collect();
        order.sort_unstable();
        let band_codes: Vec<Arc<str>> = data
            .bands
            .iter()
            .map(|b| Arc::from(b.code.as_str()))
            .collect();
        let honour_codes: Vec<Arc<str>> = data
            .honours
            .iter()
            .map(|h| Arc::from(h.code.as_str()))
            .collect();
        let mut out: Vec<DeputyScore> = Vec::with_capacity(scored.len());
        let mut start = 0_usize;
        while start < order.len() {
            let unit = order.get(start).map(|((u, _, _), _)| *u);
            let end = order
                .iter()
                .skip(start)
                .position(|((u, _, _), _)| Some(*u) != unit)
                .map_or(order.len(), |p| {
                    surely(start.checked_add(p), order.len(), "a place in the order")
                });
            let group = surely(
                order.get(start..end),
                &[],
                "a unit's group lies within the order",
            );
            let totals: Vec<i128> = group.iter().map(|((_, t, _), _)| t.0).collect();
            let mut rank = 0_u32;
            let mut prev: Option<i128> = None;
            for (i, (_, at)) in group.iter().enumerate() {
                // Every place in the order is a unit's.
                let Some(s) = scored.get_mut(*at) else {
                    continue;
                };
                let position = u32::try_from(i)
                    .ok()
                    .and_then(|p| p.checked_add(1))
                    .ok_or_else(|| overflow("ranking"))?;
                if prev != Some(s.total) {
                    rank = position;
                }
                prev = Some(s.total);
                // Sorted highest first: those scoring strictly lower follow
                // the last entry with this total.
                let not_lower = totals.partition_point(|t| *t >= s.total);
                let lower = surely(
                    totals.len().checked_sub(not_lower),
                    0,
                    "a partition point lies within the totals",
                );
                let lower = u32::try_from(lower).map_err(|_| overflow("ranking"))?;
                let total = from_fixed(s.total, plan.scale)?;
                let veto = s.veto.and_then(|v| data.vetoes.get(v));
                let disqualified = veto.is_some_and(|v| v.disqualify);
                let band = match veto.and_then(|v| v.band.as_ref()) {
                    Some(code) => data
                        .bands
                        .iter()
                        .position(|b| &b.code == code)
                        .and_then(|i| band_codes.get(i))
                        .cloned(),
                    None if disqualified => None,
                    None => self
                        .policy
                        .band_index(total)
                        .and_then(|i| band_codes.get(i))
                        .cloned(),
                };
                let honour = if disqualified {
                    None
                } else {
                    data.honours
                        .iter()
                        .position(|h| rank <= h.top)
                        .and_then(|i| honour_codes.get(i))
                        .cloned()
                };
                let outcome = if disqualified {
                    None
                } else {
                    data.outcomes.iter().find(|o| {
                        o.top.is_some_and(|t| rank <= t)
                            || o.ranks.is_some_and(|r| r.from <= rank && rank <= r.to)
                            || o.bottom.is_some_and(|b| lower < b)
                    })
                };
                let (deputy, unit) = (s.key.2, s.key.0);
                out.push(DeputyScore {
                    deputy,
                    rank,
                    total,
                    band,
                    honour,
                    ledger: core::mem::take(&mut s.ledger),
                    name: s.name.take(),
                    unit,
                    categories: core::mem::take(&mut s.categories),
                    conflicts: core::mem::take(&mut s.conflicts),
                    missed: core::mem::take(&mut s.missed),
                    vetoed_by: veto.map(|v| v.kind),
                    disqualified,
                    outcome: outcome.map(|o| o.code),
                    award: outcome.and_then(|o| o.award),
                    corrections: core::mem::take(&mut s.corrections),
                });
            }
            start = end;
        }
        let mut honours = Vec::new();
        for unit in [Unit::Deputy, Unit::Group] {
            if !data.units.scores(unit) {
                continue;
            }
            for h in &data.honours {
                honours.push(HonourAward {
                    code: h.code.clone(),
                    top: h.top,
                    unit,
                    deputies: out
                        .iter()
                        .filter(|e| e.unit == unit && e.honour.as_deref() == Some(h.code.as_str()))
                        .map(|e| e.deputy)
                        .collect(),
                });
            }
        }
        Ok(Scorecard {
            policy: data.name.clone(),
            version: data.version.clone(),
            period,
            entries: out,
            honours,
            stats,
            legend: self.policy.legend(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids below `DENSE_LIMIT` go to the table (sized by the largest such
    /// id), the rest to the map, so a large id costs no memory by its
    /// size; an id never inserted is not found, on either side.
    #[test]
    fn the_index_finds_what_was_inserted_and_nothing_else() {
        let mut index = Index::default();
        for (id, at) in [(5, 0), (DENSE_LIMIT, 1), (0, 2), (u32::MAX, 3), (6, 4)] {
            index.insert(DeputyId::new(id), at).unwrap();
        }
        assert_eq!(index.dense.len(), 7);
        assert_eq!(index.sparse.len(), 2);
        let found: Vec<_> = [5, DENSE_LIMIT, 0, u32::MAX, 6]
            .into_iter()
            .map(|id| index.get(DeputyId::new(id)))
            .collect();
        assert_eq!(found, [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        for missing in [1, 4, 7, DENSE_LIMIT - 1, DENSE_LIMIT + 1, u32::MAX - 1] {
            assert_eq!(index.get(DeputyId::new(missing)), None, "{missing}");
        }
        // The largest dense id, then the next one up: the table grows by
        // exactly what it needs.
        index.insert(DeputyId::new(7), 5).unwrap();
        assert_eq!(
            (index.dense.len(), index.get(DeputyId::new(7))),
            (8, Some(5))
        );
        index.insert(DeputyId::new(DENSE_LIMIT - 1), 6).unwrap();
        assert_eq!(index.dense.len(), 1 << 22);
        assert_eq!(index.get(DeputyId::new(DENSE_LIMIT - 1)), Some(6));
        assert_eq!(index.sparse.len(), 2);
    }

    fn counters(buckets: usize, lines: usize, rules: usize) -> Counters {
        Counters {
            buckets,
            lines,
            measures: 0,
            rules,
            line: Vec::new(),
            measure: Vec::new(),
            share: Vec::new(),
            highest: BTreeMap::new(),
        }
    }

    /// Two units of three quarters: each quarter's counters become the sum
    /// of that quarter's and the earlier ones', unit by unit.
    #[test]
    fn counters_accumulate_over_the_quarters_of_each_unit() {
        let mut c = counters(3, 2, 1);
        c.grow(2).unwrap();
        assert_eq!((c.line.len(), c.measure.len(), c.share.len()), (12, 0, 6));
        c.line = vec![1, 2, 10, 20, 100, 200, 3, 0, 0, 4, 5, 0];
        c.share = vec![-1, 5, 7, 0, 0, -2];
        c.accumulate().unwrap();
        assert_eq!(c.line, [1, 2, 11, 22, 111, 222, 3, 0, 3, 4, 8, 4]);
        assert_eq!(c.share, [-1, 4, 11, 0, 0, -2]);
        // No share counters without a rule that shares.
        let mut none = counters(4, 3, 0);
        none.grow(5).unwrap();
        assert_eq!((none.line.len(), none.share.len()), (60, 0));
        // One quarter: nothing moves.
        let mut one = counters(1, 2, 0);
        one.grow(2).unwrap();
        one.line = vec![1, 2, 3, 4];
        one.accumulate().unwrap();
        assert_eq!(one.line, [1, 2, 3, 4]);
        // A year's count past `u32::MAX` is refused.
        let mut full = counters(2, 1, 0);
        full.grow(1).unwrap();
        full.line = vec![u32::MAX, 1];
        assert_eq!(full.accumulate(), Err(overflow("counting occurrences")));
        let mut huge = counters(usize::MAX, 2, 0);
        assert_eq!(huge.grow(2), Err(PointsError::Overflow("sizing counters")));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A quarter's last day belongs to it; the next day to the next
    /// quarter. Hand-worked for a year and for a period from mid-February.
    #[test]
    fn acts_fall_in_the_quarter_of_their_date() {
        let year = Period::year(2025).unwrap();
        let ends: Vec<NaiveDate> = (0..4).map(|k| quarter_end(year, k)).collect();
        assert_eq!(
            ends,
            [
                day(2025, 3, 31),
                day(2025, 6, 30),
                day(2025, 9, 30),
                day(2025, 12, 31)
            ]
        );
        let four = [ends[0], ends[1], ends[2], NaiveDate::MAX];
        for (date, quarter) in [
            (day(2025, 1, 1), 0),
            (day(2025, 3, 31), 0),
            (day(2025, 4, 1), 1),
            (day(2025, 6, 30), 1),
            (day(2025, 7, 1), 2),
            (day(2025, 9, 30), 2),
            (day(2025, 10, 1), 3),
            (day(2025, 12, 31), 3),
        ] {
            assert_eq!(ends_before(&four, date), quarter, "{date}");
            assert_eq!(quarter_of(year.start(), date), quarter, "{date}");
        }
        // A period from 15 February to 10 May 2026: two quarters, the
        // second ending with the period.
        let part = Period::new(day(2026, 2, 15), day(2026, 5, 10)).unwrap();
        assert_eq!(quarter_of(part.start(), part.end()), 1);
        assert_eq!(quarter_end(part, 0), day(2026, 3, 31));
        assert_eq!(quarter_end(part, 1), day(2026, 5, 10));
        assert_eq!(quarter_of(part.start(), day(2026, 1, 2)), 0);
        // Across a year's end: the fifth quarter from October 2025.
        let long = Period::new(day(2025, 10, 1), day(2027, 1, 31)).unwrap();
        assert_eq!(quarter_end(long, 1), day(2026, 3, 31));
        assert_eq!(quarter_end(long, 4), day(2026, 12, 31));
        assert_eq!(quarter_end(long, 5), day(2027, 1, 31));
        assert_eq!(
            quarter_number(day(2026, 12, 31)) - quarter_number(day(2025, 10, 1)),
            4
        );
    }

    /// The branchless count of quarter ends before a date gives each day
    /// of a period its calendar quarter, for periods of one to nine
    /// quarters (one, two and three blocks of four ends).
    #[test]
    fn every_day_falls_in_its_calendar_quarter() {
        for (start, end) in [
            (day(2025, 1, 1), day(2025, 3, 31)),
            (day(2025, 2, 15), day(2025, 8, 10)),
            (day(2025, 1, 1), day(2025, 12, 31)),
            (day(2024, 11, 30), day(2026, 1, 1)),
            (day(2025, 10, 1), day(2027, 12, 31)),
        ] {
            let period = Period::new(start, end).unwrap();
            let last = quarter_of(start, end);
            let ends = quarter_ends(period, last);
            assert_eq!(ends.len(), last.div_ceil(4));
            let quarter = |d: NaiveDate| d.year() * 4 + i32::try_from(d.month0() / 3).unwrap();
            let mut date = start;
            while date <= end {
                let by_month = usize::try_from(quarter(date) - quarter(start)).unwrap();
                assert_eq!(
                    bucket_of(&ends, date),
                    by_month,
                    "{date} in {start}..={end}"
                );
                date = date.succ_opt().unwrap();
            }
        }
    }

    /// With a roster, an act of anyone not on it is refused, whatever the
    /// act (pending, outside the period, of a kind nobody scores), naming
    /// the act and the deputy; without one, the same act makes an entry.
    #[test]
    fn an_act_of_someone_off_the_roster_is_refused() {
        use crate::points::{ActKind, RosterData, RosterDeputy, Scorer, StandardKind, samples};
        let policy = samples::yinchuan_jiangbei().unwrap();
        let roster = Roster::new(RosterData {
            groups: vec![],
            deputies: vec![
                RosterDeputy::new(DeputyId::new(1), "张三"),
                RosterDeputy::new(DeputyId::new(2), "李四"),
            ],
        })
        .unwrap();
        let plain = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let scorer = plain.clone().with_roster(&roster).unwrap();
        let act = |id: u64, deputy: u32| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(deputy),
                day(2025, 5, 1),
                StandardKind::Research.into(),
            )
        };
        let own = [act(1, 1), act(2, 2)];
        let strangers = [
            act(3, 3),
            act(3, 3).with_claim(Claim::Pending),
            Act::new(
                RecordId::new(3),
                DeputyId::new(3),
                day(2024, 5, 1),
                StandardKind::Research.into(),
            ),
            Act::new(
                RecordId::new(3),
                DeputyId::new(3),
                day(2025, 5, 1),
                ActKind::Local(7),
            ),
        ];
        assert_eq!(scorer.score(&own).unwrap().entries.len(), 2);
        for stranger in strangers {
            let acts = [own[0].clone(), stranger.clone(), own[1].clone()];
            assert_eq!(
                scorer.score(&acts),
                Err(PointsError::NotOnRoster {
                    act: RecordId::new(3),
                    deputy: DeputyId::new(3)
                }),
                "{stranger:?}"
            );
            assert_eq!(plain.score(&acts).unwrap().entries.len(), 3);
        }
    }

    /// A cap holds a magnitude: points and deductions alike stop at it.
    /// Hand-worked, at 10^-2.
    #[test]
    fn a_cap_holds_points_and_deductions_within_it() {
        for (v, cap, held) in [
            (700, Some(500), 500),
            (500, Some(500), 500),
            (499, Some(500), 499),
            (0, Some(500), 0),
            (-499, Some(500), -499),
            (-500, Some(500), -500),
            (-700, Some(500), -500),
            (300, Some(0), 0),
            (-300, Some(0), 0),
            (-300, None, -300),
            (i128::MAX, None, i128::MAX),
            (i128::MIN, Some(1), -1),
        ] {
            assert_eq!(iheld(v, cap), held, "{v} within {cap:?}");
        }
    }
}

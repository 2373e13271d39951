//! The Method of Equal Shares: the exact engine that Equal Shares, add1 and
//! the explanations run on. Voters with the same ballot are one group;
//! money is an integer number of `10^-scale` units over a common
//! denominator, in integers as wide as the election needs.

use core::cmp::Ordering;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use super::error::PbError;
use super::model::PbElection;
use super::rules::{EXPLAIN_PLACES, MesPayment, MesRound, overflow};
use super::wide::{Wide, gcd};

/// A ballot as Equal Shares reads it: (project, utility) pairs, sorted.
type Ballot = Vec<(u32, u64)>;

/// The least number of runs of the method add1 may make
/// ([`Mes::run_limit`]). Every file of Pabulib's two folders here, decided
/// by add1, takes at most 1,012 runs (Warsaw 2018 Piaski; median 92), and
/// at most 1/137 of its limit; random elections of 8 projects and 7 voters
/// with costs up to 10^27, at most 1,034.
const ADD1_RUNS_FLOOR: u64 = 10_000;

/// add1's runs allowed per project and group of identical ballots, above
/// [`ADD1_RUNS_FLOOR`] ([`Mes::run_limit`]).
const ADD1_RUNS_PER_PAIR: u64 = 64;

/// The runs of the method add1 has left before it gives up
/// ([`PbError::CompletionTooLong`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Runs {
    /// The limit.
    limit: u64,
    /// Runs still allowed.
    left: u64,
}

impl Runs {
    /// `limit` runs allowed.
    pub(super) fn new(limit: u64) -> Self {
        Self { limit, left: limit }
    }

    /// The runs made so far.
    pub(super) fn made(&self) -> u64 {
        debug_assert!(self.left <= self.limit, "runs are only taken away");
        self.limit.saturating_sub(self.left)
    }

    /// The limit.
    pub(super) fn limit(&self) -> u64 {
        self.limit
    }

    /// Takes one run, or says that the limit is reached.
    fn one_more(&mut self, mes: &Mes) -> Result<(), PbError> {
        self.left = self.left.checked_sub(1).ok_or(PbError::CompletionTooLong {
            limit: self.limit,
            projects: mes.costs.len(),
            groups: mes.weights.len(),
        })?;
        Ok(())
    }
}

/// How many budgets past the next one add1 computes ahead
/// ([`Mes::quick_batch`]).
const AHEAD: u128 = 7;

// The widths of a run's integers, in limbs of 64 bits, narrowest first
// ([`Mes::run_any`]'s `width` 0 to [`WIDEST`]). A run starts in 256 bits,
// which holds the fractions of most elections (a budget in units times a
// few rounds' denominators); each overflow redoes it twice as wide, up to
// 2,048 bits. The last step jumps to 8,192 bits, the engine's limit
// (beyond it an election is refused with [`PbError::Overflow`], as the
// module documents): an election that outgrows 2,048 bits grows by whole
// rounds' denominators, and one more redo in 4,096 bits would seldom
// suffice for it.

/// Width 0: 256 bits.
const LIMBS_256: usize = 4;
/// Width 1: 512 bits.
const LIMBS_512: usize = 8;
/// Width 2: 1,024 bits.
const LIMBS_1024: usize = 16;
/// Width 3: 2,048 bits.
const LIMBS_2048: usize = 32;
/// Width [`WIDEST`]: 8,192 bits, the widest.
const LIMBS_8192: usize = 128;
/// The index of the widest width ([`LIMBS_8192`]).
const WIDEST: u8 = 4;

/// A full run ([`Mes::run`]) reduces the common denominator once it has
/// more than this many bits per limb of its integers: a quarter of the
/// width, which leaves three quarters for the products a round forms (a
/// budget times a share's denominator, prices cross-multiplied) before they
/// overflow and the run is redone wider.
const RUN_REDUCE_BITS_PER_LIMB: u32 = 16;

/// A quick run ([`Mes::run_quick`]) reduces at three quarters of the width:
/// it keeps payments rather than budgets, so a round rescales only the
/// per-voter budget and one price per earlier round, and a reduction (a
/// division of every number by every factor) costs more than it saves
/// until the numbers are near the width.
const QUICK_REDUCE_BITS_PER_LIMB: u32 = 48;

/// After a reduction in a full run, the next waits until the denominator
/// has grown by this many bits: what did not reduce once seldom reduces at
/// the next round, and each pass costs a division per budget and factor.
const RUN_REDUCE_AGAIN_BITS: u32 = 32;

/// The same wait for a quick run, longer as its threshold is higher.
const QUICK_REDUCE_AGAIN_BITS: u32 = 64;

/// The `reduce_above` that add1 and the explanations pass to a run: no
/// limit of their own, so the width's threshold decides
/// ([`RUN_REDUCE_BITS_PER_LIMB`], [`QUICK_REDUCE_BITS_PER_LIMB`]). The
/// argument is there for the tests, which pass 0 to reduce after every
/// round: reducing must never change an outcome.
const REDUCE_BY_WIDTH: u32 = u32::MAX;

/// The relative margin within which floats do not decide: two float prices
/// (ρ) closer than this, or a float sum of money this close to a cost, are
/// compared exactly. The floats err far less (a ratio of wide integers by
/// under 2^-49 ≈ 1.8·10^-15 of it, money read off by at most [`MONEY_REL`]
/// ≈ 2.3·10^-13), so a clear case is never misjudged, and few close cases
/// fall to the exact (slower) comparison.
const FLOAT_MARGIN: f64 = 1e-9;

/// How far below a float ρ a project's lower bound is set (relative): more
/// than the error of the float ρ (under 2^-40 ≈ 9.1·10^-13 of it, see
/// [`Mes::float_rho`]), so the bound never exceeds the exact ρ, and far
/// less than [`FLOAT_MARGIN`], so it prunes as well as ρ itself.
const BOUND_SLACK: f64 = 1e-12;

/// Slack, in currency units of per-voter budget, when the float estimate
/// of where a run's signature changes ([`Signature::changes_at`]) is turned
/// into the last whole budget before it: an estimate a millionth above a
/// whole number is taken as that number, so float error does not push the
/// prediction one budget too far. Only a guess for where to look: the
/// search compares exact signatures.
const ESTIMATE_SLACK: f64 = 1e-6;

/// `per_limb` bits for each of `N` limbs: a reduction threshold.
fn bits_for<const N: usize>(per_limb: u32) -> u32 {
    let bits = u32::try_from(N).ok().and_then(|n| n.checked_mul(per_limb));
    debug_assert!(
        bits.is_some(),
        "at most {LIMBS_8192} limbs times at most 64 bits per limb fits u32"
    );
    // Never reducing is harmless: reduction only keeps numbers small.
    bits.unwrap_or(u32::MAX)
}

/// A number of bits plus `more`: the next reduction threshold.
fn bits_plus(bits: u32, more: u32) -> u32 {
    let sum = bits.checked_add(more);
    debug_assert!(
        sum.is_some(),
        "a width of at most 8,192 bits plus at most 64 fits u32"
    );
    sum.unwrap_or(u32::MAX)
}

/// The entry of a per-group table (money, rates, budgets, weights) for
/// group `g`. Every group index comes from a project's supporters, built
/// with the tables from the same groups, so it is always in range.
#[inline]
#[track_caller]
fn group_at<T: Copy + Default>(table: &[T], g: u32) -> T {
    let v = table.get(g as usize).copied();
    debug_assert!(
        v.is_some(),
        "group {g} is one of the {} groups of the election",
        table.len()
    );
    v.unwrap_or_default()
}

/// The entry of a per-group table for group `g`, by reference (see
/// [`group_at`]); `fallback` if out of range in a release build.
#[inline]
#[track_caller]
fn group_ref<'a, T>(table: &'a [T], g: u32, fallback: &'a T) -> &'a T {
    let v = table.get(g as usize);
    debug_assert!(
        v.is_some(),
        "group {g} is one of the {} groups of the election",
        table.len()
    );
    v.unwrap_or(fallback)
}

/// The entry of a per-project table for project `p`. Every project index
/// comes from a ballot, the candidates or a run's remaining projects, all
/// validated against the election's projects, so it is always in range.
#[inline]
#[track_caller]
fn project_at<T: Copy + Default>(table: &[T], p: u32) -> T {
    let v = table.get(p as usize).copied();
    debug_assert!(
        v.is_some(),
        "project {p} is one of the {} projects of the election",
        table.len()
    );
    v.unwrap_or_default()
}

/// The row of a per-project table of lists for project `p` (see
/// [`project_at`]).
#[inline]
#[track_caller]
fn project_row<T>(table: &[Vec<T>], p: u32) -> &[T] {
    let v = table.get(p as usize);
    debug_assert!(
        v.is_some(),
        "project {p} is one of the {} projects of the election",
        table.len()
    );
    v.map_or(&[], Vec::as_slice)
}

/// The Method of Equal Shares, prepared for repeated runs: voters with the
/// same ballot are one group, money is an integer number of `10^-scale`
/// units.
pub(super) struct Mes {
    /// Number of voters.
    pub(super) voters: u64,
    /// Decimal places of money.
    pub(super) scale: u32,
    /// The budget in units.
    pub(super) budget: u128,
    /// Each project's cost in units.
    costs: Vec<u128>,
    /// Each project's number of approvals.
    approvals: Vec<u64>,
    /// Each project's supporting groups.
    supporters: Vec<Vec<u32>>,
    /// Each supporting group's utility for the project, aligned with
    /// `supporters` (1 for approval ballots; points scaled to integers for
    /// cumulative and scoring ballots).
    utilities: Vec<Vec<u64>>,
    /// Each project's total utility, `Σ weight · utility` over its groups.
    utility_total: Vec<u64>,
    /// Cardinal utilities (points): prices are per unit of utility, not
    /// per unit of cost.
    cardinal: bool,
    /// Each group's number of voters.
    weights: Vec<u64>,
    /// The same, as floats.
    weights_f: Vec<f64>,
    /// Each supporting group's voters times its utility, as a float,
    /// aligned with `supporters`.
    weighted_f: Vec<Vec<f64>>,

    /// Each group's voters, by their index in the VOTES section.
    members: Vec<Vec<u32>>,
    /// Where each group's payments start in a [`Ledger`]'s: group `g` has
    /// `slots[g + 1] - slots[g]` of them, one per project on its ballot.
    slots: Vec<u32>,
    /// Projects with a positive cost and at least one approval.
    candidates: Vec<u32>,
    /// Projects with at least one approval.
    pub(super) supported: Vec<u32>,
}

/// What floats say of a project's price ([`Mes::float_rho`]).
enum FloatPrice {
    /// Its supporters clearly cannot pay for it.
    Unaffordable,
    /// Too close to call: price it exactly.
    Close,
    /// Its ρ, to within far less than 10^-9 of it.
    Rho(f64),
}

/// A run's signature (see [`Mes::run`]), what a later run needs to
/// compare itself with it, and a float estimate of where it changes.
#[derive(Debug, Default, Clone)]
pub(super) struct Signature {
    /// Per round: the affordable projects in index order, `u32::MAX`, the
    /// project funded (`u32::MAX` for none: the run's end), then the
    /// number of its exhausted supporter groups and their positions.
    cells: Vec<u32>,
    /// Per round: each affordable project, its number of exhausted
    /// supporter groups and their positions; then `u32::MAX`.
    lines: Vec<u32>,
    /// Whether, in a run compared with a reference, every project the
    /// reference did not fund in a round, priced with the reference's
    /// exhausted set for it, still does not beat the funded one.
    dominated: bool,
    /// Where, by the float estimate, some decision of the run first
    /// changes: a per-voter budget in currency units (infinite when none
    /// does). Only a guess for where to look: the search compares exact
    /// signatures.
    changes_at: f64,
    /// What the run funded.
    funded: Vec<u32>,
    /// Asked for only as an estimate: the run stays quick (pruned, floats
    /// first) and records no signature, only `changes_at`.
    estimate_only: bool,
}

impl Signature {
    fn clear(&mut self) {
        self.cells.clear();
        self.lines.clear();
        self.dominated = true;
        self.changes_at = f64::INFINITY;
        self.funded.clear();
    }

    /// Whether this run, made with `from` as its reference, proves that
    /// every budget between the two runs' has `from`'s signature (see
    /// [`Mes::add1_within`]).
    fn continues(&self, from: &Self) -> bool {
        self.dominated && self.cells == from.cells
    }

    /// The last whole per-voter budget, at least `at`, before the
    /// estimated change.
    fn predicted_end(&self, at: u128) -> u128 {
        debug_assert!(
            !self.changes_at.is_nan(),
            "a minimum of rises, each a number at least 0 or infinity"
        );
        let end = (self.changes_at - ESTIMATE_SLACK).ceil() - 1.0;
        // `as` saturates: infinity or a huge estimate gives u128::MAX, an
        // end below 0 gives 0.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let end = end as u128;
        end.max(at)
    }
}

/// The float estimate behind [`Signature::changes_at`]: along a run, each
/// group's money left and its rate of change per currency unit of
/// per-voter budget (both affine in the budget while the signature holds),
/// and the smallest rise of the budget at which one of the run's compared
/// quantities changes sign.
struct Drift {
    /// Each group's money left, in money units.
    val: Vec<f64>,
    /// Its rate of change per currency unit of per-voter budget.
    der: Vec<f64>,
    /// This round's affordable projects: project, ρ, its rate, q, its
    /// rate, and the rise at which one of its supporters crosses its share.
    priced: Vec<(u32, f64, f64, f64, f64, f64)>,
    /// The smallest rise found so far.
    soonest: f64,
}

impl Drift {
    fn new(groups: usize, start: f64, rate: f64) -> Self {
        Self {
            val: vec![start; groups],
            der: vec![rate; groups],
            priced: Vec::new(),
            soonest: f64::INFINITY,
        }
    }

    /// A quantity `f` that keeps its sign while the signature holds, with
    /// rate `df`: it reaches zero after a rise of `|f| / |df|` if it moves
    /// towards zero.
    fn towards_zero(&mut self, f: f64, df: f64) {
        self.soonest = self.soonest.min(Self::rise(f, df));
    }

    /// The rise after which `f`, with rate `df`, reaches zero (infinite if
    /// it moves away from it).
    fn rise(f: f64, df: f64) -> f64 {
        if (f >= 0.0 && df < 0.0) || (f <= 0.0 && df > 0.0) {
            (f / df).abs()
        } else {
            f64::INFINITY
        }
    }

    /// A project its supporters cannot afford: until their money reaches
    /// its cost.
    #[allow(clippy::cast_precision_loss)]
    fn unaffordable(&mut self, mes: &Mes, p: u32) {
        let (mut money, mut rate) = (0.0, 0.0);
        for &g in mes.supporters_of(p) {
            let w = mes.weight_of(g) as f64;
            money += w * group_at(&self.val, g);
            rate += w * group_at(&self.der, g);
        }
        let cost = mes.cost_of(p) as f64;
        self.towards_zero(money - cost, rate);
    }

    /// An affordable project with its exhausted supporters: its price, and
    /// until a supporter's money crosses its share.
    #[allow(clippy::cast_precision_loss)]
    fn affordable(&mut self, mes: &Mes, p: u32, exhausted: &[bool]) {
        let sup = mes.supporters_of(p);
        let utils = mes.utilities_of(p);
        let cost = mes.cost_of(p) as f64;
        let (mut paid, mut paid_rate, mut units) = (0.0, 0.0, 0.0);
        for ((&g, &u), &ex) in sup.iter().zip(utils).zip(exhausted) {
            let w = mes.weight_of(g) as f64;
            if ex {
                paid += w * group_at(&self.val, g);
                paid_rate += w * group_at(&self.der, g);
            } else {
                units += w * u as f64;
            }
        }
        if units <= 0.0 {
            return;
        }
        let q = (cost - paid) / units;
        let dq = -paid_rate / units;
        // Only the funded project's exhausted set is part of the
        // signature: this counts if it is funded.
        let mut own = f64::INFINITY;
        for (&g, &u) in sup.iter().zip(utils) {
            let v = group_at(&self.val, g);
            let dv = group_at(&self.der, g);
            own = own.min(Self::rise(v - q * u as f64, dv - dq * u as f64));
        }
        let per = if mes.cardinal || cost <= 0.0 {
            1.0
        } else {
            cost
        };
        self.priced.push((p, q / per, dq / per, q, dq, own));
    }

    /// The round's choice: until another project's price meets the funded
    /// one's. Then the funded project's supporters pay.
    #[allow(clippy::cast_precision_loss)]
    fn funded(&mut self, mes: &Mes, best: u32, left_zero: impl Fn(u32) -> bool) {
        let Some(&(_, rho, drho, q, dq, own)) = self.priced.iter().find(|x| x.0 == best) else {
            self.priced.clear();
            return;
        };
        self.soonest = self
            .priced
            .iter()
            .filter(|x| x.0 != best)
            .map(|&(_, r, dr, _, _, _)| Self::rise(r - rho, dr - drho))
            .fold(self.soonest.min(own), f64::min);
        self.priced.clear();
        let sup = mes.supporters_of(best);
        let utils = mes.utilities_of(best);
        for (&g, &u) in sup.iter().zip(utils) {
            let zero = left_zero(g);
            if let (Some(v), Some(dv)) =
                (self.val.get_mut(g as usize), self.der.get_mut(g as usize))
            {
                if zero {
                    (*v, *dv) = (0.0, 0.0);
                } else {
                    *v -= q * u as f64;
                    *dv -= dq * u as f64;
                }
            }
        }
    }
}

/// `i + n` for an index into a vector plus a count of entries in it: at
/// most twice a vector's length, which fits `usize`.
#[inline]
#[track_caller]
fn index_plus(i: usize, n: usize) -> usize {
    let sum = i.checked_add(n);
    debug_assert!(
        sum.is_some(),
        "an index plus a count within a vector fits usize"
    );
    sum.unwrap_or(usize::MAX)
}

/// `a / b` for a divisor known to be positive (a gcd at least 1, a
/// factor of the denominator).
#[inline]
#[track_caller]
fn exact_div(a: u64, b: u64) -> u64 {
    let q = a.checked_div(b);
    debug_assert!(q.is_some(), "the divisor is positive");
    q.unwrap_or(a)
}

/// `n + 1` for a counter that a loop bounds far below `u32::MAX`.
fn count_up(n: u32) -> u32 {
    debug_assert!(n < u32::MAX, "a loop bounds the counter");
    n.saturating_add(1)
}

/// The next wider width after an overflow at `width`: only a width below
/// [`WIDEST`] is redone (the widest returns its overflow).
fn wider(width: u8) -> u8 {
    debug_assert!(width < WIDEST, "only a width below the widest is redone");
    width.checked_add(1).unwrap_or(WIDEST)
}

impl Mes {
    /// Project `p`'s supporting groups.
    #[inline]
    fn supporters_of(&self, p: u32) -> &[u32] {
        project_row(&self.supporters, p)
    }
    /// Each supporting group's utility for project `p`.
    #[inline]
    fn utilities_of(&self, p: u32) -> &[u64] {
        project_row(&self.utilities, p)
    }
    /// Each supporting group's voters times its utility for `p`, as floats.
    #[inline]
    fn weighted_f_of(&self, p: u32) -> &[f64] {
        project_row(&self.weighted_f, p)
    }
    /// Project `p`'s cost in units.
    #[inline]
    fn cost_of(&self, p: u32) -> u128 {
        project_at(&self.costs, p)
    }
    /// Project `p`'s number of approvals.
    #[inline]
    fn approvals_of(&self, p: u32) -> u64 {
        project_at(&self.approvals, p)
    }
    /// Project `p`'s total utility.
    #[inline]
    fn utility_total_of(&self, p: u32) -> u64 {
        project_at(&self.utility_total, p)
    }
    /// Group `g`'s number of voters.
    #[inline]
    fn weight_of(&self, g: u32) -> u64 {
        group_at(&self.weights, g)
    }
    /// The number of payment slots of all groups ([`Mes::slots`]).
    fn slot_count(&self) -> usize {
        let n = self.slots.last().copied();
        debug_assert!(n.is_some(), "slots starts with 0");
        n.unwrap_or(0) as usize
    }
    /// Group `g`'s voters, by their index in the VOTES section.
    #[inline]
    fn members_of(&self, g: u32) -> &[u32] {
        let v = self.members.get(g as usize);
        debug_assert!(
            v.is_some(),
            "group {g} is one of the groups of the election"
        );
        v.map_or(&[], Vec::as_slice)
    }
    /// 10^scale, the money units in a currency unit, as a float (`scale`
    /// is a `Decimal`'s, at most 28).
    #[allow(clippy::cast_possible_wrap)]
    fn unit_f(&self) -> f64 {
        debug_assert!(self.scale <= 28, "a Decimal's scale is at most 28");
        10_f64.powi(self.scale as i32)
    }
    /// Group `g`'s number of voters, as a float.
    #[inline]
    fn weight_f_of(&self, g: u32) -> f64 {
        group_at(&self.weights_f, g)
    }
}

fn units(d: Decimal, scale: u32) -> Result<u128, PbError> {
    let m = u128::try_from(d.mantissa()).map_err(|_| overflow("scaling money"))?;
    let up = scale
        .checked_sub(d.scale())
        .ok_or_else(|| overflow("scaling money"))?;
    10_u128
        .checked_pow(up)
        .and_then(|f| m.checked_mul(f))
        .ok_or_else(|| overflow("scaling money"))
}

/// A candidate's price: a share `x / den` (in units over the common
/// denominator) for each of `den` supporters of a project costing `cost`.
#[derive(Clone, Copy)]
struct Price<const N: usize> {
    project: u32,
    x: Wide<N>,
    den: u64,
    cost: u128,
    approvals: u64,
    /// ρ is per unit of cost (cost utilities); else per unit of utility.
    per_cost: bool,
}

impl<const N: usize> Price<N> {
    /// ρ as a float, when it is a finite positive number.
    fn approx_rho(&self, d: &Wide<N>) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        let per = if self.per_cost { self.cost as f64 } else { 1.0 };
        let rho = self.x.approx_over(d) / (self.den as f64 * per);
        (rho.is_finite() && rho > 0.0).then_some(rho)
    }

    /// Orders prices: smaller ρ = x / (den · cost) first, then cheaper, then
    /// more approvals, then the earlier project. The prices are compared
    /// as floats when they differ by more than a safe margin, else exactly
    /// (in as many bits as the products need).
    fn better_than(&self, o: &Self) -> bool {
        let (oc, sc) = if self.per_cost {
            (o.cost, self.cost)
        } else {
            (1, 1)
        };
        #[allow(clippy::cast_precision_loss)]
        let float = |p: &Self, c: u128| p.x.approx() / (p.den as f64 * c as f64);
        let (a, b) = (float(self, sc), float(o, oc));
        let by_price = if a.is_finite() && b.is_finite() && a > 0.0 && b > 0.0 && {
            let ratio = a / b;
            !(1.0 - FLOAT_MARGIN..=1.0 + FLOAT_MARGIN).contains(&ratio)
        } {
            a.total_cmp(&b)
        } else {
            self.x
                .cmp_products(&[u128::from(o.den), oc], &o.x, &[u128::from(self.den), sc])
        };
        by_price
            .then(self.cost.cmp(&o.cost))
            .then(o.approvals.cmp(&self.approvals))
            .then(self.project.cmp(&o.project))
            == Ordering::Less
    }
}

impl Mes {
    pub(super) fn new(e: &PbElection) -> Result<Self, PbError> {
        let scale = e
            .projects
            .iter()
            .map(|p| p.cost.scale())
            .fold(e.budget.scale(), u32::max);
        let budget = units(e.budget, scale)?;
        let costs = e
            .projects
            .iter()
            .map(|p| units(p.cost, scale))
            .collect::<Result<Vec<_>, _>>()?;
        // Voters with the same ballot (and the same points) are one group.
        let cardinal = e.vote_type.has_points();
        let point_scale = e
            .votes
            .iter()
            .flat_map(|v| v.points.iter())
            .map(Decimal::scale)
            .max()
            // No points at all: nothing to scale.
            .unwrap_or(0);
        let mut groups: BTreeMap<Ballot, (u64, Vec<u32>)> = BTreeMap::new();
        for (vi, v) in (0_u32..).zip(&e.votes) {
            let mut key: Vec<(u32, u64)> = if cardinal {
                let mut key = Vec::with_capacity(v.projects.len());
                for (&p, pts) in v.projects.iter().zip(v.points) {
                    // A project given no points (or fewer) brings no utility.
                    if pts.is_sign_negative() || pts.is_zero() {
                        continue;
                    }
                    let u = u64::try_from(units(*pts, point_scale)?)
                        .map_err(|_| overflow("scaling points"))?;
                    key.push((p, u));
                }
                key
            } else {
                v.projects.iter().map(|&p| (p, 1)).collect()
            };
            if key.is_empty() {
                continue;
            }
            key.sort_unstable();
            let (w, members) = groups.entry(key).or_insert((0, Vec::new()));
            *w = w
                .checked_add(1)
                .ok_or_else(|| overflow("counting ballots"))?;
            members.push(vi);
        }
        let mut supporters = vec![Vec::new(); e.projects.len()];
        let mut utilities = vec![Vec::new(); e.projects.len()];
        let mut approvals = vec![0_u64; e.projects.len()];
        let mut utility_total = vec![0_u64; e.projects.len()];
        let mut weights = Vec::with_capacity(groups.len());
        let mut members = Vec::with_capacity(groups.len());
        let mut slots = vec![0_u32];
        slots.reserve(groups.len());
        for (g, (ballot, (w, voters))) in groups.into_iter().enumerate() {
            members.push(voters);
            let last = slots.last().copied();
            debug_assert!(last.is_some(), "slots starts with 0 and only grows");
            let end = last
                .unwrap_or(0)
                .checked_add(u32::try_from(ballot.len()).map_err(|_| overflow("counting ballots"))?)
                .ok_or_else(|| overflow("counting ballots"))?;
            slots.push(end);
            let g = u32::try_from(g).map_err(|_| overflow("counting ballots"))?;
            for (p, u) in ballot {
                if let Some(s) = supporters.get_mut(p as usize) {
                    s.push(g);
                }
                if let Some(s) = utilities.get_mut(p as usize) {
                    s.push(u);
                }
                if let Some(a) = approvals.get_mut(p as usize) {
                    *a = a
                        .checked_add(w)
                        .ok_or_else(|| overflow("counting ballots"))?;
                }
                if let Some(t) = utility_total.get_mut(p as usize) {
                    *t = w
                        .checked_mul(u)
                        .and_then(|x| t.checked_add(x))
                        .ok_or_else(|| overflow("summing utilities"))?;
                }
            }
            weights.push(w);
        }
        let supported: Vec<u32> = (0_u32..)
            .zip(&approvals)
            .filter(|(_, a)| **a > 0)
            .map(|(i, _)| i)
            .collect();
        let candidates = supported
            .iter()
            .copied()
            .filter(|&i| costs.get(i as usize).is_some_and(|c| *c > 0))
            .collect();
        #[allow(clippy::cast_precision_loss)]
        let weighted_f: Vec<Vec<f64>> = supporters
            .iter()
            .zip(&utilities)
            .map(|(gs, us)| {
                gs.iter()
                    .zip(us)
                    .map(|(&g, &u)| group_at(&weights, g) as f64 * u as f64)
                    .collect()
            })
            .collect();
        Ok(Self {
            voters: u64::try_from(e.votes.len()).map_err(|_| overflow("counting voters"))?,
            scale,
            budget,
            costs,
            approvals,
            supporters,
            utilities,
            utility_total,
            cardinal,
            #[allow(clippy::cast_precision_loss)]
            weights_f: weights.iter().map(|&w| w as f64).collect(),
            weighted_f,
            weights,
            members,
            slots,
            candidates,
            supported,
        })
    }

    /// add1 within its run limit ([`Mes::add1_within`]).
    #[cfg(test)]
    pub(super) fn add1(&self) -> Result<(Vec<u32>, u128, u64), PbError> {
        self.add1_within(&mut Runs::new(self.run_limit()))
    }

    /// The runs of the method add1 may make for this election:
    /// [`ADD1_RUNS_PER_PAIR`] per project and group of identical ballots,
    /// and at least [`ADD1_RUNS_FLOOR`].
    pub(super) fn run_limit(&self) -> u64 {
        let pairs = u128::from(ADD1_RUNS_PER_PAIR)
            .checked_mul(self.costs.len() as u128)
            .and_then(|x| x.checked_mul(self.weights.len() as u128));
        debug_assert!(pairs.is_some(), "two lengths below 2^64 times 64 fit u128");
        // A limit past u64::MAX is no limit: the runs are counted in u64.
        let pairs = pairs.map_or(u64::MAX, |x| u64::try_from(x).unwrap_or(u64::MAX));
        pairs.max(ADD1_RUNS_FLOOR)
    }

    /// Each voter's budget in the run add1 settles on, and what it funds:
    /// equalshares.net's add1 completion (Pabulib's checker,
    /// `_compute_equalshares_winners`): from the budget split equally,
    /// raise each voter's budget one currency unit at a time until the
    /// outcome would cost more than the budget, and keep the last outcome
    /// within it. The run ends too once every supported project is funded,
    /// where no raise can change anything. An outcome that leaves no
    /// unfunded project room is not an end: a higher budget may fund
    /// another set still within the budget (Wieliczka 2023).
    ///
    /// The same result without trying every unit. A run's *signature* is,
    /// per round, the affordable projects, the project funded and the
    /// supporters it exhausts (see [`Mes::run`]). While it holds, every
    /// voter's money left is affine in the per-voter budget `t`, and so is
    /// the funded project's price, each supporter's money against its
    /// share, and each group's money against a cost. Another project's
    /// price is not affine (its exhausted set may shift) but convex: it is
    /// the highest, over all sets of exhausted supporters, of the affine
    /// price that set gives. So take two budgets `lo < hi` with the same
    /// signature, where at `hi` every project not funded, priced with its
    /// exhausted set at `lo` (an affine lower bound of its price), still
    /// does not beat the funded one. Each affine comparison then has the
    /// same sign at both ends, so on all of `[lo, hi]`, and the line keeps
    /// every other project from winning in between: every budget between
    /// has the signature, and the outcome ("Streamlining Equal Shares",
    /// Kraiczy, Robinson and Elkind, arXiv 2502.11797, use the same
    /// piecewise-linear view for Exact Equal Shares). Such a `hi` makes
    /// every budget in between one too, so from a budget whose outcome add1
    /// keeps, a search (first where a float estimate of the next change
    /// points, then doubling, then bisection) finds the last budget it can
    /// skip to, exactly.
    ///
    /// A run with a signature prices every project in every round, and in
    /// a large city the signature may change at every unit; so add1 steps
    /// one unit at a time with the quick run, and searches for the end of
    /// the interval once the outcome has stayed the same for a few steps
    /// (4, doubled after each search that skips nothing). The unit steps
    /// are computed [`AHEAD`] + 1 at a time, the highest budget first, each
    /// run guided by the one above it ([`Mes::quick_batch`]); a step's
    /// outcome is the same whichever way it was computed.
    ///
    /// Returns the funded projects and the settled budget as
    /// `units / den0` money units. Cost: per interval of budgets with one
    /// signature, O(log L) runs (L its length in currency units, below
    /// 2^128: at most about 256 runs, as the search doubles its step after
    /// every probe that continues the interval, whatever the float
    /// estimate says) and a few single steps; the number of intervals is
    /// the number of distinct signatures met, which depends on the rounds,
    /// projects and supporter groups, not on the budget's magnitude. The
    /// budgets tried stay below `2 × Σ costs + 2` per voter, where every
    /// supported project is funded. As a backstop, add1 makes at most
    /// [`Mes::run_limit`] runs (64 per project and group of identical
    /// ballots, at least 10,000; the real elections take at most 1,012)
    /// and returns [`PbError::CompletionTooLong`] past it; each run takes
    /// at most p rounds over the groups' entries.
    ///
    /// (Before the search doubled its step, a float estimate that fell
    /// short of the interval's end by its error, some 10^-16 of the
    /// per-voter budget, was followed one unit at a time: 33,554,516 runs
    /// and 37 s for a 203-byte file with a budget of 10^24.)
    ///
    /// Each run of the method is taken from `runs`:
    /// [`PbError::CompletionTooLong`] once they are spent.
    pub(super) fn add1_within(&self, runs: &mut Runs) -> Result<(Vec<u32>, u128, u64), PbError> {
        if self.voters == 0 {
            return Ok((Vec::new(), 0, 1));
        }
        let mut width = 0;
        runs.one_more(self)?;
        let mut funded = self.run_any(self.budget, self.voters, &mut width, None, None, None)?;
        let mut last = (self.budget, self.voters);
        let ten_s = 10_u128
            .checked_pow(self.scale)
            .ok_or_else(|| overflow("scaling money"))?;
        let to_units = |k: u128| {
            k.checked_mul(ten_s)
                .ok_or_else(|| overflow("raising the per-voter budget"))
        };
        let start = self
            .budget
            .checked_div(
                u128::from(self.voters)
                    .checked_mul(ten_s)
                    .ok_or_else(|| overflow("scaling money"))?,
            )
            .ok_or_else(|| overflow("dividing the budget"))?;
        // At `cap` currency units each, any one supporter can pay for every
        // project twice over: every supported project is funded there.
        let total = self
            .costs
            .iter()
            .try_fold(0_u128, |a, c| a.checked_add(*c))
            .ok_or_else(|| overflow("summing costs"))?;
        let cap = total
            .checked_div(ten_s)
            .and_then(|t| t.checked_mul(2))
            .and_then(|t| t.checked_add(2))
            .ok_or_else(|| overflow("raising the per-voter budget"))?
            .max(
                start
                    .checked_add(2)
                    .ok_or_else(|| overflow("raising the per-voter budget"))?,
            );
        let all_funded = |f: &[u32]| self.supported.iter().all(|i| f.contains(i));
        // Runs with a signature price every project in every round, and in
        // a large city the signature may change at every unit (exhausted
        // sets shift). So step one unit at a time with the quick run until
        // the outcome has stayed the same for `patience` steps; then walk
        // interval by interval with signatures, while that skips budgets;
        // after two intervals in a row of one unit, step again, with twice
        // the patience.
        let mut patience = 4_u32;
        let mut same = 0_u32;
        // Outcomes of budgets computed ahead, the lowest last.
        let mut ahead: Vec<(u128, Vec<u32>)> = Vec::new();
        // The last budget whose outcome was kept, in currency units, with
        // its signature when known.
        let mut at: Option<u128> = None;
        let mut here = Signature::default();
        let mut probe = Signature::default();
        let mut estimate = Signature {
            estimate_only: true,
            ..Signature::default()
        };
        let mut next = Signature::default();
        while !all_funded(&funded) {
            if let (Some(lo), true) = (at, same >= patience) {
                same = 0;
                // A quick run first: if its estimate sees the signature
                // change within a unit, no search is worth its runs.
                runs.one_more(self)?;
                self.run_any(
                    to_units(lo)?,
                    1,
                    &mut width,
                    None,
                    Some(&mut estimate),
                    None,
                )?;
                if estimate.predicted_end(lo) <= lo {
                    // Saturating on purpose: past u32::MAX steps, patience
                    // stays there (the search is then never tried again).
                    patience = patience.saturating_mul(2);
                    continue;
                }
                runs.one_more(self)?;
                self.run_any(to_units(lo)?, 1, &mut width, None, Some(&mut here), None)?;
                let mut lo = lo;
                let mut short = 0_u32;
                loop {
                    let (end, probed) =
                        self.last_with(&here, lo, cap, &mut width, &mut probe, ten_s, runs)?;
                    last = (to_units(end)?, 1);
                    // The loop ends once `short` reaches 2.
                    short = if end == lo { count_up(short) } else { 0 };
                    // The first budget past the interval: its outcome is
                    // tried as the next step would.
                    let Some(k) = end.checked_add(1).filter(|k| *k <= cap) else {
                        debug_assert!(false, "add1 ends by the cap");
                        return Ok((funded, last.0, last.1));
                    };
                    let outcome = if probed {
                        core::mem::swap(&mut next, &mut probe);
                        next.funded.clone()
                    } else {
                        runs.one_more(self)?;
                        self.run_any(to_units(k)?, 1, &mut width, None, Some(&mut next), None)?
                    };
                    if self.cost_units(&outcome)? > self.budget {
                        return Ok((funded, last.0, last.1));
                    }
                    funded = outcome;
                    last = (to_units(k)?, 1);
                    at = Some(k);
                    lo = k;
                    core::mem::swap(&mut here, &mut next);
                    if all_funded(&funded) || short >= 2 {
                        break;
                    }
                }
                patience = if short >= 2 {
                    // Saturating on purpose, as above.
                    patience.saturating_mul(2)
                } else {
                    4
                };
                continue;
            }
            let k = match at {
                None => start,
                Some(k) => k,
            }
            .checked_add(1)
            .ok_or_else(|| overflow("raising the per-voter budget"))?;
            if k > cap {
                // Every supported project is funded at `cap`.
                debug_assert!(false, "add1 ends by the cap");
                break;
            }
            // Outcomes are computed a batch ahead, the highest budget first
            // (see `quick_batch`); a search may have jumped past some.
            while ahead.last().is_some_and(|(kk, _)| *kk < k) {
                ahead.pop();
            }
            let next = match ahead.pop() {
                Some((kk, outcome)) if kk == k => outcome,
                _ => {
                    // Saturating is exact here: the end is at most `cap`.
                    let to = k.saturating_add(AHEAD).min(cap);
                    ahead = self.quick_batch(k, to, &mut width, &funded, ten_s, runs)?;
                    match ahead.pop() {
                        Some((kk, outcome)) if kk == k => outcome,
                        _ => {
                            debug_assert!(false, "a batch starts at its first budget");
                            runs.one_more(self)?;
                            self.run_quick_any(to_units(k)?, 1, &mut width, Guide::default(), None)?
                        }
                    }
                }
            };
            if self.cost_units(&next)? > self.budget {
                break;
            }
            if next == funded {
                // Saturating on purpose: `same` is compared with `patience`,
                // which saturates too.
                same = same.saturating_add(1);
            } else {
                same = 0;
            }
            funded = next;
            last = (to_units(k)?, 1);
            at = Some(k);
        }
        Ok((funded, last.0, last.1))
    }

    /// The last per-voter budget (in currency units, at most `cap`) with
    /// the signature `here` of budget `lo`: first where the signature's
    /// estimate says it changes, then a doubling search and a bisection,
    /// on "same signature". Returns `lo` when `lo + 1` differs. Cost: two
    /// or three runs when the estimate is right; O(log L) runs with a
    /// signature otherwise, L the answer's distance from `lo`.
    #[allow(clippy::too_many_arguments)]
    fn last_with(
        &self,
        here: &Signature,
        lo: u128,
        cap: u128,
        width: &mut u8,
        probe: &mut Signature,
        ten_s: u128,
        runs: &mut Runs,
    ) -> Result<(u128, bool), PbError> {
        let to_units = |k: u128| {
            k.checked_mul(ten_s)
                .ok_or_else(|| overflow("raising the per-voter budget"))
        };
        let (mut lo, mut step) = (lo, 1_u128);
        let mut guess = here.predicted_end(lo);
        let mut hi = None;
        while hi.is_none() && lo < cap {
            // Where the estimate says the signature still holds, or one past
            // it once that is confirmed; doubling steps when the estimate
            // says nothing new.
            // Saturating is exact here: the step is capped at `cap`.
            let t = if guess > lo {
                guess
            } else {
                let t = lo.saturating_add(step);
                step = step.saturating_mul(2);
                t
            }
            .min(cap);
            runs.one_more(self)?;
            self.run_any(to_units(t)?, 1, width, None, Some(probe), Some(here))?;
            if probe.continues(here) {
                // The estimate, but at least the doubling step: float
                // estimates err by a fraction of the budget's magnitude
                // (at 10^23 units, by some 10^7), and trusting one that
                // advances by a unit at a time would walk that error unit
                // by unit. Overshooting costs only a bisection.
                // Saturating is harmless: a guess is capped at `cap`.
                guess = probe.predicted_end(t).max(t.saturating_add(step));
                step = step.saturating_mul(2);
                lo = t;
            } else {
                hi = Some(t);
            }
        }
        // At `cap` every supported project is funded; the caller's outcome
        // lacks one, so the search ends below it.
        let mut hi = hi.unwrap_or(lo);
        debug_assert!(hi >= lo, "the search's upper end is not below its lower");
        let mut probed_hi = true;
        while let Some(gap) = hi.checked_sub(lo).filter(|&gap| gap > 1) {
            let mid = lo.checked_add(gap / 2);
            debug_assert!(mid.is_some(), "lo + gap / 2 < hi: the sum fits");
            let mid = mid.unwrap_or(hi);
            runs.one_more(self)?;
            self.run_any(to_units(mid)?, 1, width, None, Some(probe), Some(here))?;
            if probe.continues(here) {
                lo = mid;
                probed_hi = false;
            } else {
                hi = mid;
                probed_hi = true;
            }
        }
        // `probe` holds the signature of `lo + 1` when the last run was there.
        Ok((lo, probed_hi && hi.checked_sub(lo) == Some(1)))
    }

    /// What a set of projects costs, in money units.
    fn cost_units(&self, funded: &[u32]) -> Result<u128, PbError> {
        funded.iter().try_fold(0_u128, |a, &i| {
            a.checked_add(self.cost_of(i))
                .ok_or_else(|| overflow("summing costs"))
        })
    }

    /// The price with the exhausted set `hint` (aligned with the project's
    /// supporters), when that set is the right one: every group in it
    /// holds less than its share, every other at least its share. Then the
    /// project is affordable and this is its price (the water level is
    /// unique). `None` when the hint is wrong, and the caller prices from
    /// scratch. Cost: two passes over the supporters.
    fn checked_hint<const N: usize>(
        &self,
        p: u32,
        hint: &[bool],
        d: &Wide<N>,
        budgets: &[Wide<N>],
    ) -> Result<Option<Price<N>>, PbError> {
        let exhausted = hint.iter().enumerate().filter(|(_, e)| **e).map(|(k, _)| k);
        let Some(price) = self.line_price(p, exhausted, d, budgets)? else {
            return Ok(None);
        };
        let sup = self.supporters_of(p);
        let utils = self.utilities_of(p);
        let zero = Wide::ZERO;
        for ((&g, &u), &ex) in sup.iter().zip(utils).zip(hint) {
            let b = group_ref(budgets, g, &zero);
            if (b.cmp_mul(price.den, &price.x, u) == Ordering::Less) != ex {
                return Ok(None);
            }
        }
        Ok(Some(price))
    }

    /// A project's price as if exactly the supporter groups at positions
    /// `exhausted` (of its supporters) paid all they hold and the others an
    /// equal share per unit of utility: a line through the project's real
    /// price where that set is the real one, and below it elsewhere (the
    /// real price is the highest of these over all sets, so a convex
    /// function of the per-voter budget). `None` when no group would be
    /// left to pay, or the set holds more than the cost.
    fn line_price<const N: usize>(
        &self,
        p: u32,
        exhausted: impl IntoIterator<Item = usize>,
        d: &Wide<N>,
        budgets: &[Wide<N>],
    ) -> Result<Option<Price<N>>, PbError> {
        let sup = self.supporters_of(p);
        let utils = self.utilities_of(p);
        let cost = self.cost_of(p);
        let mut x = d
            .checked_mul_u128(cost)
            .ok_or_else(|| overflow("scaling a cost"))?;
        let mut den = self.utility_total_of(p);
        for k in exhausted {
            let (Some(&g), Some(&u)) = (sup.get(k), utils.get(k)) else {
                return Ok(None);
            };
            let w = self.weight_of(g);
            let held = group_at(budgets, g)
                .checked_mul_u64(w)
                .ok_or_else(|| overflow("pricing a line"))?;
            let Some(left) = x.checked_sub(&held) else {
                return Ok(None);
            };
            x = left;
            den = w
                .checked_mul(u)
                .and_then(|wu| den.checked_sub(wu))
                .ok_or_else(|| overflow("pricing a line"))?;
        }
        if den == 0 {
            return Ok(None);
        }
        Ok(Some(Price {
            project: p,
            x,
            den,
            cost,
            approvals: self.approvals_of(p),
            per_cost: !self.cardinal,
        }))
    }

    /// A project's ρ by floats from each group's money as a float, when
    /// the floats settle it: [`FloatPrice::Unaffordable`] when its
    /// supporters' money is clearly below its cost, [`FloatPrice::Close`]
    /// when affordability is too close to call. The error of these floats
    /// is far below the 10^-9 margins their callers keep. Cost: linear in
    /// the project's supporter groups, times the rounds of exhaustion.
    ///
    /// `rel` bounds the relative error of each group's money (0 when it is
    /// far below the margins, as for money read off exact budgets): ρ is
    /// then [`FloatPrice::Close`] too when the money of the exhausted
    /// supporters, each off by up to `rel` of it, could move ρ by more
    /// than 2^-40 of it.
    #[allow(clippy::cast_precision_loss)]
    fn float_rho(&self, p: u32, money: &[f64], exhausted: &mut Vec<bool>, rel: f64) -> FloatPrice {
        let sup = self.supporters_of(p);
        let utils = self.utilities_of(p);
        let cost = self.cost_of(p) as f64;
        let weight = |g: u32| self.weight_f_of(g);
        let held = |g: u32| group_at(money, g);
        let sum: f64 = sup.iter().map(|&g| weight(g) * held(g)).sum();
        if sum < cost * (1.0 - FLOAT_MARGIN) {
            return FloatPrice::Unaffordable;
        }
        if sum <= cost * (1.0 + FLOAT_MARGIN) {
            return FloatPrice::Close;
        }
        exhausted.clear();
        exhausted.resize(sup.len(), false);
        let mut left = cost;
        let mut units = self.utility_total_of(p) as f64;
        loop {
            if units <= 0.0 {
                return FloatPrice::Close;
            }
            let q = left / units;
            let mut changed = false;
            for ((&g, &u), ex) in sup.iter().zip(utils).zip(exhausted.iter_mut()) {
                if !*ex && held(g) < q * u as f64 {
                    left -= weight(g) * held(g);
                    units -= weight(g) * u as f64;
                    *ex = true;
                    changed = true;
                }
            }
            if !changed {
                // `cost - left` is what the exhausted supporters pay.
                if (cost - left) * rel > left * ROUND_OFF {
                    return FloatPrice::Close;
                }
                let per = if self.cardinal { 1.0 } else { cost };
                return FloatPrice::Rho(q / per);
            }
        }
    }

    /// Computes a project's price: the share `x / den` that its remaining
    /// `den` supporters each pay while the others pay all they have.
    /// Returns `None` when its supporters cannot afford it.
    fn price<const N: usize>(
        &self,
        p: u32,
        d: &Wide<N>,
        budgets: &[Wide<N>],
        exhausted: &mut Vec<bool>,
    ) -> Result<Option<Price<N>>, PbError> {
        let sup = self.supporters_of(p);
        let cost = self.cost_of(p);
        // A hint from floats: the exhausted set they found, checked exactly.
        if exhausted.len() == sup.len()
            && let Some(line) = self.checked_hint(p, exhausted, d, budgets)?
        {
            return Ok(Some(line));
        }
        let total = d
            .checked_mul_u128(cost)
            .ok_or_else(|| overflow("scaling a cost"))?;
        let mut sum = Wide::ZERO;
        for &g in sup {
            let w = self.weight_of(g);
            if let Some(b) = budgets.get(g as usize)
                && !sum.add_mul_assign(b, w)
            {
                return Err(overflow("summing budgets"));
            }
        }
        if sum < total {
            return Ok(None);
        }
        exhausted.clear();
        exhausted.resize(sup.len(), false);
        let utils = self.utilities_of(p);
        // Each remaining supporter pays `x / den` per unit of its utility;
        // one who holds less pays all it holds and drops out.
        let mut x = total;
        let mut den = self.utility_total_of(p);
        loop {
            let mut changed = false;
            for ((&g, &u), ex) in sup.iter().zip(utils).zip(exhausted.iter_mut()) {
                if *ex {
                    continue;
                }
                let b = group_at(budgets, g);
                if b.cmp_mul(den, &x, u).is_lt() {
                    let w = self.weight_of(g);
                    let paid = b
                        .checked_mul_u64(w)
                        .ok_or_else(|| overflow("pricing a project"))?;
                    x = x
                        .checked_sub(&paid)
                        .ok_or_else(|| overflow("pricing a project"))?;
                    den = w
                        .checked_mul(u)
                        .and_then(|wu| den.checked_sub(wu))
                        .ok_or_else(|| overflow("pricing a project"))?;
                    *ex = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Ok(Some(Price {
            project: p,
            x,
            den,
            cost,
            approvals: self.approvals_of(p),
            per_cost: !self.cardinal,
        }))
    }

    /// Quick runs at the per-voter budgets `from..=to` (in currency units),
    /// the highest first: each lower one is guided by the one just above
    /// it (its outcome first, its [`Bounds`]), which spares most of the
    /// float pricing. `predicted` guides the highest. Returns each budget
    /// with its outcome, the lowest last. Cost: one quick run at `to`,
    /// then cheaper ones below it while they fund what the run above did.
    fn quick_batch(
        &self,
        from: u128,
        to: u128,
        width: &mut u8,
        predicted: &[u32],
        ten_s: u128,
        runs: &mut Runs,
    ) -> Result<Vec<(u128, Vec<u32>)>, PbError> {
        let mut out = Vec::new();
        let (mut above, mut here) = (Bounds::default(), Bounds::default());
        let mut k = to;
        loop {
            let guide = if out.is_empty() {
                Guide {
                    predicted,
                    above: None,
                }
            } else {
                Guide {
                    predicted: &above.funded,
                    above: Some(&above),
                }
            };
            let units = k
                .checked_mul(ten_s)
                .ok_or_else(|| overflow("raising the per-voter budget"))?;
            runs.one_more(self)?;
            let outcome = self.run_quick_any(units, 1, width, guide, Some(&mut here))?;
            out.push((k, outcome));
            core::mem::swap(&mut above, &mut here);
            if k <= from {
                break;
            }
            let lower = k.checked_sub(1);
            debug_assert!(lower.is_some(), "k > from >= 0");
            k = lower.unwrap_or(from);
        }
        Ok(out)
    }

    /// A quick run ([`Mes::run_quick`]) in the narrowest integers that hold
    /// it, as [`Mes::run_any`], guided by `guide`.
    fn run_quick_any(
        &self,
        per_voter: u128,
        den0: u64,
        width: &mut u8,
        guide: Guide<'_>,
        mut record: Option<&mut Bounds>,
    ) -> Result<Vec<u32>, PbError> {
        loop {
            let r = record.as_deref_mut();
            let result = match *width {
                0 => self.run_quick::<LIMBS_256>(per_voter, den0, REDUCE_BY_WIDTH, guide, r),
                1 => self.run_quick::<LIMBS_512>(per_voter, den0, REDUCE_BY_WIDTH, guide, r),
                2 => self.run_quick::<LIMBS_1024>(per_voter, den0, REDUCE_BY_WIDTH, guide, r),
                3 => self.run_quick::<LIMBS_2048>(per_voter, den0, REDUCE_BY_WIDTH, guide, r),
                _ => {
                    return self.run_quick::<LIMBS_8192>(
                        per_voter,
                        den0,
                        REDUCE_BY_WIDTH,
                        guide,
                        r,
                    );
                }
            };
            match result {
                Err(PbError::Overflow { .. }) => *width = wider(*width),
                other => return other,
            }
        }
    }

    /// One run in the narrowest integers that hold it: 256 bits, then 512,
    /// 1024, 2048 and 8192 (`width` remembers the last that sufficed). A
    /// run with neither a trace nor a signature is a quick run
    /// ([`Mes::run_quick`]).
    pub(super) fn run_any(
        &self,
        per_voter: u128,
        den0: u64,
        width: &mut u8,
        mut trace: Option<&mut Vec<MesRound>>,
        mut signature: Option<&mut Signature>,
        reference: Option<&Signature>,
    ) -> Result<Vec<u32>, PbError> {
        if trace.is_none() && signature.is_none() {
            return self.run_quick_any(per_voter, den0, width, Guide::default(), None);
        }
        loop {
            if let Some(t) = trace.as_deref_mut() {
                t.clear();
            }
            if let Some(s) = signature.as_deref_mut() {
                s.clear();
            }
            let (t, s) = (trace.as_deref_mut(), signature.as_deref_mut());
            let result = match *width {
                0 => self.run::<LIMBS_256>(per_voter, den0, REDUCE_BY_WIDTH, t, s, reference),
                1 => self.run::<LIMBS_512>(per_voter, den0, REDUCE_BY_WIDTH, t, s, reference),
                2 => self.run::<LIMBS_1024>(per_voter, den0, REDUCE_BY_WIDTH, t, s, reference),
                3 => self.run::<LIMBS_2048>(per_voter, den0, REDUCE_BY_WIDTH, t, s, reference),
                _ => {
                    return self.run::<LIMBS_8192>(
                        per_voter,
                        den0,
                        REDUCE_BY_WIDTH,
                        t,
                        s,
                        reference,
                    );
                }
            };
            match result {
                Err(PbError::Overflow { .. }) => *width = wider(*width),
                other => return other,
            }
        }
    }

    /// One run with each voter's budget `per_voter / den0` units; the
    /// common denominator is reduced when it has more than `reduce_above`
    /// bits (a quarter of the width in production).
    ///
    /// With a `signature`, every remaining project is priced exactly in
    /// every round (no pruning) and the run's signature is written to it
    /// (see [`Signature`] and [`Mes::add1_within`]); with a `reference` too, the
    /// run checks that each project the reference did not fund, priced
    /// with its exhausted set there, does not beat the one funded here.
    pub(super) fn run<const N: usize>(
        &self,
        per_voter: u128,
        den0: u64,
        reduce_above: u32,
        mut trace: Option<&mut Vec<MesRound>>,
        mut signature: Option<&mut Signature>,
        reference: Option<&Signature>,
    ) -> Result<Vec<u32>, PbError> {
        let mut reduce_above = reduce_above.min(bits_for::<N>(RUN_REDUCE_BITS_PER_LIMB));
        let mut d = Wide::<N>::from_u128(u128::from(den0));
        let mut budgets = vec![Wide::from_u128(per_voter); self.weights.len()];
        let mut funded: Vec<u32> = self
            .supported
            .iter()
            .copied()
            .filter(|&i| self.costs.get(i as usize).is_some_and(|c| *c == 0))
            .collect();
        let mut remaining = self.candidates.clone();
        let mut exhausted = Vec::new();
        // The common denominator `d` is the product of these factors.
        let mut factors: Vec<u64> = vec![den0];
        // A lower bound of each project's ρ, as a float: ρ only grows as
        // budgets shrink, so a project whose last ρ is clearly above the
        // best price found in this round cannot win or tie, and is not
        // priced again (the margin keeps float errors from mattering).
        let mut lower = vec![0.0_f64; self.costs.len()];
        let bound = |p: u32, lower: &[f64]| project_at(lower, p);
        // Each group's money as a float, to filter: a project clearly
        // unaffordable, or clearly dearer than the best found, is settled
        // by floats; anything close is priced exactly.
        #[allow(clippy::cast_precision_loss)]
        let mut money = vec![per_voter as f64 / den0 as f64; self.weights.len()];
        let mut float_exhausted = Vec::new();
        // A signature asked for only as an estimate: a quick run that also
        // estimates where its signature changes.
        let signed = signature.as_ref().is_some_and(|s| !s.estimate_only);
        let estimating = signature.is_some();
        // Where the reference's next round starts in its `lines`.
        let mut ref_at = 0_usize;
        let mut ref_round: Vec<(u32, usize, usize)> = Vec::new();
        let mut best_exhausted: Vec<bool> = Vec::new();
        #[allow(clippy::cast_precision_loss)]
        let mut drift = estimating.then(|| {
            Drift::new(
                self.weights.len(),
                per_voter as f64 / den0 as f64,
                self.unit_f() / den0 as f64,
            )
        });
        loop {
            if signed {
                remaining.sort_unstable();
            } else {
                remaining.sort_by(|&a, &b| {
                    bound(a, &lower)
                        .total_cmp(&bound(b, &lower))
                        .then(a.cmp(&b))
                });
            }
            let mut best: Option<Price<N>> = None;
            let mut best_rho = f64::INFINITY;
            let mut affordable = Vec::with_capacity(remaining.len());
            for (k, &p) in remaining.iter().enumerate() {
                if !signed && bound(p, &lower) > best_rho * (1.0 + FLOAT_MARGIN) {
                    affordable.extend(remaining.iter().skip(k));
                    break;
                }
                let mut hinted = false;
                if !signed {
                    match self.float_rho(p, &money, &mut float_exhausted, 0.0) {
                        FloatPrice::Unaffordable => {
                            if let Some(dr) = drift.as_mut() {
                                dr.unaffordable(self, p);
                            }
                            continue;
                        }
                        FloatPrice::Rho(rho) if rho > best_rho * (1.0 + FLOAT_MARGIN) => {
                            if let Some(dr) = drift.as_mut() {
                                dr.affordable(self, p, &float_exhausted);
                            }
                            affordable.push(p);
                            if let Some(l) = lower.get_mut(p as usize) {
                                *l = rho;
                            }
                            continue;
                        }
                        FloatPrice::Rho(_) => hinted = true,
                        FloatPrice::Close => {}
                    }
                }
                if hinted {
                    core::mem::swap(&mut exhausted, &mut float_exhausted);
                } else {
                    exhausted.clear();
                }
                let Some(price) = self.price(p, &d, &budgets, &mut exhausted)? else {
                    if let Some(dr) = drift.as_mut() {
                        dr.unaffordable(self, p);
                    }
                    continue;
                };
                affordable.push(p);
                if let Some(dr) = drift.as_mut() {
                    dr.affordable(self, p, &exhausted);
                }
                if let Some(sig) = signature
                    .as_deref_mut()
                    .filter(|s| !s.estimate_only)
                    .map(|s| &mut s.lines)
                {
                    sig.push(p);
                    let before = sig.len();
                    sig.push(0);
                    sig.extend(
                        (0_u32..)
                            .zip(&exhausted)
                            .filter(|(_, e)| **e)
                            .map(|(k, _)| k),
                    );
                    let count = u32::try_from(exhausted.iter().filter(|e| **e).count())
                        .map_err(|_| overflow("signing a run"))?;
                    if let Some(slot) = sig.get_mut(before) {
                        *slot = count;
                    }
                }
                let rho = price.approx_rho(&d);
                if let Some(l) = lower.get_mut(p as usize) {
                    // No usable float: a bound of 0 never prunes.
                    *l = rho.unwrap_or(0.0);
                }
                let is_better = match &best {
                    None => true,
                    Some(b) => price.better_than(b),
                };
                if is_better {
                    // No usable float: nothing is pruned against it.
                    best_rho = rho.unwrap_or(f64::INFINITY);
                    best = Some(price);
                    if signed {
                        best_exhausted.clone_from(&exhausted);
                    }
                }
            }
            if let Some(sig) = signature.as_deref_mut().filter(|s| !s.estimate_only) {
                // The round's affordable projects, the project funded and
                // its exhausted supporters.
                sig.lines.push(u32::MAX);
                sig.cells.extend(&affordable);
                sig.cells.push(u32::MAX);
                sig.cells
                    .push(best.as_ref().map_or(u32::MAX, |b| b.project));
                if best.is_some() {
                    let before = sig.cells.len();
                    sig.cells.push(0);
                    sig.cells.extend(
                        (0_u32..)
                            .zip(&best_exhausted)
                            .filter(|(_, e)| **e)
                            .map(|(k, _)| k),
                    );
                    let count = u32::try_from(best_exhausted.iter().filter(|e| **e).count())
                        .map_err(|_| overflow("signing a run"))?;
                    if let Some(slot) = sig.cells.get_mut(before) {
                        *slot = count;
                    }
                }
                // Against the reference: every project it did not fund,
                // priced with its exhausted set there, must still not beat
                // the one funded here.
                if let (Some(r), Some(b), true) = (reference, &best, sig.dominated) {
                    ref_round.clear();
                    while let Some(&p) = r.lines.get(ref_at) {
                        ref_at = index_plus(ref_at, 1);
                        if p == u32::MAX {
                            break;
                        }
                        // A project's line is followed by its count of
                        // exhausted groups and their positions.
                        let n = r.lines.get(ref_at).map(|&n| n as usize);
                        debug_assert!(n.is_some(), "a signature line has its count");
                        let n = n.unwrap_or(0);
                        ref_round.push((p, index_plus(ref_at, 1), n));
                        ref_at = index_plus(index_plus(ref_at, 1), n);
                    }
                    for &p in affordable.iter().filter(|&&p| p != b.project) {
                        let line = ref_round
                            .iter()
                            .find(|x| x.0 == p)
                            .and_then(|&(_, start, n)| r.lines.get(start..index_plus(start, n)))
                            .map(|ex| {
                                self.line_price(p, ex.iter().map(|&k| k as usize), &d, &budgets)
                            })
                            .transpose()?
                            .flatten();
                        if line.is_none_or(|l| l.better_than(b)) {
                            sig.dominated = false;
                            break;
                        }
                    }
                }
            }
            let Some(best) = best else {
                if let (Some(sig), Some(dr)) = (signature.as_deref_mut(), &drift) {
                    #[allow(clippy::cast_precision_loss)]
                    let at = per_voter as f64 / self.unit_f() / den0 as f64;
                    sig.changes_at = at + dr.soonest;
                }
                break;
            };
            funded.push(best.project);
            affordable.retain(|&p| p != best.project);
            remaining = affordable;
            // Each supporter pays q = x / den units, or all it has if less.
            let g0 = gcd(best.x.rem_u64(best.den), best.den).max(1);
            let den = exact_div(best.den, g0);
            let x = best.x.div_u64(g0);
            d = d
                .checked_mul_u64(den)
                .ok_or_else(|| overflow("splitting a payment"))?;
            if den != 1 {
                // A budget is below d × 2^128 (it is at most the per-voter
                // budget, a u128, over d): two limbs past d's bound it.
                let top = index_plus(d.len(), 2).min(N);
                for b in &mut budgets {
                    if !b.mul_assign_u64_within(den, top) {
                        return Err(overflow("splitting a payment"));
                    }
                }
            }
            let sup = self.supporters_of(best.project);
            let utils = self.utilities_of(best.project);
            // The money unit over the new common denominator, for the trace.
            let unit = match trace {
                Some(_) => Some(
                    d.checked_mul_u128(
                        10_u128
                            .checked_pow(self.scale)
                            .ok_or_else(|| overflow("scaling money"))?,
                    )
                    .ok_or_else(|| overflow("explaining a round"))?,
                ),
                None => None,
            };
            let mut payments = Vec::new();
            // The common denominator as a float, once for the round.
            let shift = d.float_shift();
            let d_float = d.approx_shifted(shift);
            for (&g, &u) in sup.iter().zip(utils) {
                // Pays x per unit of utility, or all it holds if less.
                let owed = x
                    .checked_mul_u64(u)
                    .ok_or_else(|| overflow("charging a supporter"))?;
                if let Some(b) = budgets.get_mut(g as usize) {
                    let before = *b;
                    // One who holds less than it owes pays all it holds.
                    *b = b.checked_sub(&owed).unwrap_or(Wide::ZERO);
                    if let Some(m) = money.get_mut(g as usize) {
                        *m = b.approx_shifted(shift) / d_float;
                    }
                    if let Some(unit) = &unit {
                        let paid = before.checked_sub(b);
                        debug_assert!(paid.is_some(), "a budget only shrinks when its group pays");
                        let paid = paid.unwrap_or(Wide::ZERO);
                        let dec = |w: &Wide<N>| {
                            w.ratio_to_decimal(unit, EXPLAIN_PLACES)
                                .ok_or_else(|| overflow("explaining a payment"))
                        };
                        payments.push(MesPayment {
                            voters: self.members_of(g).to_vec(),
                            paid: dec(&paid)?,
                            left: dec(b)?,
                        });
                    }
                }
            }
            if let Some(dr) = drift.as_mut() {
                dr.funded(self, best.project, |g| {
                    *group_ref(&budgets, g, &Wide::ZERO) == Wide::ZERO
                });
            }
            if let (Some(t), Some(unit)) = (trace.as_deref_mut(), &unit) {
                // Per unit of utility, `x / d` money units: per point, or
                // divided by the cost for cost utilities.
                let per = if self.cardinal {
                    *unit
                } else {
                    d.checked_mul_u128(best.cost)
                        .ok_or_else(|| overflow("explaining a price"))?
                };
                let price = x
                    .ratio_to_decimal(&per, EXPLAIN_PLACES)
                    .ok_or_else(|| overflow("explaining a price"))?;
                t.push(MesRound {
                    project: best.project,
                    id: String::new(),
                    name: None,
                    price,
                    payments,
                });
            }
            if den != 1 {
                factors.push(den);
                // Reduce only once the numbers grow: it costs a pass over
                // all budgets per factor.
                if d.bits() > reduce_above {
                    normalize(&mut d, &mut budgets, &mut factors, sup);
                    // What did not reduce is not tried again at once: the
                    // next pass waits for more bits.
                    reduce_above = reduce_above.max(bits_plus(d.bits(), RUN_REDUCE_AGAIN_BITS));
                }
            }
        }
        if let Some(sig) = signature {
            sig.funded.clone_from(&funded);
        }
        Ok(funded)
    }
}

/// How far a float ρ may be off, relatively, and still be given as a
/// [`FloatLevel::Rho`]; also the relative margin within which a quick run
/// checks a group against its share exactly. Far below the 10^-9 margins
/// of the comparisons, far above the error of the floats.
const ROUND_OFF: f64 = 1.0 / 68_719_476_736.0; // 2^-36

/// The relative error of a group's float money read off its exact budget
/// ([`Ledger::reread`]): [`Wide::approx_over`] is within 2^-49 of the
/// ratio, and the product by the group's weight rounds once more; 2^-48
/// bounds both.
const REREAD_ERR: f64 = 1.0 / 281_474_976_710_656.0; // 2^-48

/// The relative error of a group's float money at the start of a quick
/// run: the per-voter budget as a float is within 2^-52 of it, and the
/// product by the weight rounds once; 2^-50 bounds both with room.
const START_ERR: f64 = 1.0 / 1_125_899_906_842_624.0; // 2^-50

/// The relative error of a payment `q × utility` subtracted from a group's
/// float money: `q` is within 2^-49 of the exact price and the product
/// rounds once; 2^-47 bounds both with room.
const SHARE_ERR: f64 = 1.0 / 140_737_488_355_328.0; // 2^-47

/// The relative error a [`Ledger`] lets each group's money as a float
/// have before it reads it off the exact budget again.
const MONEY_REL: f64 = 1.0 / 4_398_046_511_104.0; // 2^-42

/// [`Book::count`] of a group that was exhausted: it holds nothing.
const EXHAUSTED: u32 = u32::MAX;

/// One payment in a [`Ledger`]: the round, and the utility paid for (the
/// group pays the round's price per unit of utility times it).
#[derive(Debug, Clone, Copy, Default)]
struct Paid {
    round: u32,
    utility: u64,
}

/// What floats say of a project's price in a quick run
/// ([`Mes::float_level`]).
enum FloatLevel {
    /// Its supporters clearly cannot pay for it.
    Unaffordable,
    /// Too close to call: price it exactly.
    Close,
    /// Its ρ is at least this, which is above the cutoff asked for.
    Above(f64),
    /// Its ρ, to within far less than 10^-9 of it, and the [`Gap`] around
    /// its level.
    Rho(f64, Gap),
}

/// Where the float water level of a project fell among its supporters,
/// in money per unit of utility: the most any exhausted group holds per
/// unit (0 when none), the least any other holds (infinite when none).
/// An exact level strictly between the two, by more than the floats'
/// error, confirms the exhausted set without a pass.
#[derive(Debug, Clone, Copy)]
struct Gap {
    below: f64,
    above: f64,
}

/// What a quick run ([`Mes::run_quick`]) knew of each project's ρ round
/// by round, for a run at a lower budget: while the lower run funds the
/// same projects in the same order, each of its budgets is at most this
/// run's (a round's payments keep the order: the lower run's level is
/// higher, so each group keeps less), so each of its prices is at least
/// this run's, and a project unaffordable here is unaffordable there.
#[derive(Debug, Default, Clone)]
pub(super) struct Bounds {
    /// What the run funded, in order.
    funded: Vec<u32>,
    /// Per round, before its payments: each project's lower bound of ρ
    /// (its float price when it was priced), infinite for a project
    /// funded or dropped as unaffordable.
    lower: Vec<f64>,
}

/// What a quick run is told of runs at nearby budgets; it only orders and
/// spares work, never changes what is funded.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Guide<'a> {
    /// A nearby budget's outcome, in the order funded: each round first
    /// prices the next project it funded that is still unfunded, so that
    /// the best ρ is known early and the other projects stop after one
    /// pass.
    predicted: &'a [u32],
    /// The [`Bounds`] of a run at a higher budget.
    above: Option<&'a Bounds>,
}

/// A project a quick run prices exactly in a round: the project, its
/// float ρ and [`Gap`] (none when floats cannot tell), and where its hint
/// is kept.
type Near = (u32, Option<(f64, Gap)>, usize);

/// What a [`Ledger`] keeps of a group besides its float: together, as a
/// payment reads and writes them together.
#[derive(Debug, Clone, Copy)]
struct Book {
    /// A bound of the absolute error of the group's float.
    err: f64,
    /// Its number of payments, or [`EXHAUSTED`].
    count: u32,
    /// Where its payments start in the ledger's ([`Mes::slots`]).
    start: u32,
}

/// The exact state of a quick run ([`Mes::run_quick`]), kept by payments
/// instead of budgets: a group's budget is the per-voter budget less what
/// it paid, `nums[0] - Σ utility · nums[1 + round]` over its payments, all
/// over the common denominator `d` (zero once it was exhausted). A round
/// then rescales the per-voter budget and one price per earlier round,
/// not every group's budget. What each group holds is kept as a float
/// too, within a relative [`MONEY_REL`] of the exact value.
#[derive(Debug)]
struct Ledger<const N: usize> {
    /// The common denominator.
    d: Wide<N>,
    /// The per-voter budget, then each round's price per unit of utility,
    /// over `d`.
    nums: Vec<Wide<N>>,
    /// Factors whose product is `d`.
    factors: Vec<u64>,
    /// Each group's [`Book`].
    books: Vec<Book>,
    /// Every payment of the run, group by group.
    paid: Vec<Paid>,
    /// What each group's voters hold together, in money units, as a float.
    held: Vec<f64>,
}

impl<const N: usize> Ledger<N> {
    /// A group's [`Book`]: one per group of the election.
    #[inline]
    fn book(&self, g: u32) -> Option<&Book> {
        let b = self.books.get(g as usize);
        debug_assert!(b.is_some(), "group {g} has a book");
        b
    }

    /// The per-voter budget over `d`, the first of `nums`.
    #[inline]
    fn per_voter(&self) -> Wide<N> {
        let v = self.nums.first().copied();
        debug_assert!(v.is_some(), "nums starts with the per-voter budget");
        v.unwrap_or_default()
    }

    /// The index of the last of `nums` (the rounds so far).
    #[inline]
    fn last(&self) -> usize {
        let l = self.nums.len().checked_sub(1);
        debug_assert!(l.is_some(), "nums starts with the per-voter budget");
        l.unwrap_or(0)
    }

    /// Whether a group was exhausted.
    fn exhausted(&self, g: u32) -> bool {
        self.book(g).is_none_or(|b| b.count == EXHAUSTED)
    }

    /// A group's payments so far (none once exhausted).
    fn payments(&self, g: u32) -> &[Paid] {
        let (from, n) = match self.book(g) {
            Some(b) if b.count != EXHAUSTED => (b.start as usize, b.count as usize),
            _ => (0, 0),
        };
        let v = self.paid.get(from..index_plus(from, n));
        debug_assert!(v.is_some(), "a group's payments are within its slots");
        v.unwrap_or_default()
    }

    /// A group's exact budget (per voter) over `d`. Cost: one product and
    /// sum per payment the group made.
    fn budget(&self, g: u32) -> Result<Wide<N>, PbError> {
        if self.exhausted(g) {
            return Ok(Wide::ZERO);
        }
        let mut spent = Wide::ZERO;
        for e in self.payments(g) {
            let price = self
                .nums
                .get(index_plus(e.round as usize, 1))
                .ok_or_else(|| overflow("reading a payment"))?;
            if !spent.add_mul_assign(price, e.utility) {
                return Err(overflow("summing payments"));
            }
        }
        let start = self.per_voter();
        let left = start.checked_sub(&spent);
        debug_assert!(left.is_some(), "a group never pays more than it holds");
        left.ok_or_else(|| overflow("summing payments"))
    }

    /// Reads a group's float off its exact budget, with its error bound.
    /// Cost: that of [`Ledger::budget`].
    fn reread(&mut self, g: u32, weight: f64) -> Result<(), PbError> {
        let b = self.budget(g)?;
        let m = weight * b.approx_over(&self.d);
        if let (Some(x), Some(b)) = (
            self.held.get_mut(g as usize),
            self.books.get_mut(g as usize),
        ) {
            *x = m;
            b.err = m * REREAD_ERR;
        }
        Ok(())
    }
}

impl Mes {
    /// A project's ρ by floats in a quick run, as [`Mes::float_rho`] with
    /// what each group holds (`held`, within a relative `rel`), but the
    /// water level rises from `from` (a lower bound of ρ: the groups below
    /// it are exhausted from the start) and stops as soon as it passes
    /// `cutoff`, with [`FloatLevel::Above`] and the level reached, a lower
    /// bound of ρ. The level rises from below: `q ↦ (cost - money of the
    /// groups below q) / (utility of the others)` stays below the real
    /// level when it starts below it. It has settled once no other group
    /// holds less per unit of utility than the level. `exhausted` holds
    /// the hint for an exact price when the answer is
    /// [`FloatLevel::Rho`]. Cost: one pass over the supporters per rise
    /// of the level (mostly one when `from` is last round's ρ).
    #[allow(clippy::cast_precision_loss)]
    fn float_level(
        &self,
        p: u32,
        held: &[f64],
        from: f64,
        cutoff: f64,
        exhausted: &mut Vec<bool>,
        rel: f64,
    ) -> FloatLevel {
        let sup = self.supporters_of(p);
        let weighted = self.weighted_f_of(p);
        let cost = self.cost_of(p) as f64;
        let per = if self.cardinal { 1.0 } else { cost };
        let held = |g: u32| group_at(held, g);
        exhausted.clear();
        exhausted.resize(sup.len(), false);
        let mut left = cost;
        let mut units = self.utility_total_of(p) as f64;
        // Just below the bound, so that float error never starts it above.
        let start = from * per * (1.0 - BOUND_SLACK);
        // Two running sums, swapped at each step, so that each addition
        // does not wait on the one before.
        let (mut sum, mut other) = (0.0, 0.0);
        let mut gap = Gap {
            below: 0.0,
            above: f64::INFINITY,
        };
        // A group is below a level `q` per unit of utility when its
        // voters hold less than `q` times their utility: `wb < q · wu`.
        for ((&g, &wu), ex) in sup.iter().zip(weighted).zip(exhausted.iter_mut()) {
            let wb = held(g);
            sum += wb;
            core::mem::swap(&mut sum, &mut other);
            if wb < start * wu {
                left -= wb;
                units -= wu;
                *ex = true;
                if wb > gap.below * wu {
                    gap.below = wb / wu;
                }
            } else if wb < gap.above * wu {
                gap.above = wb / wu;
            }
        }
        let sum = sum + other;
        if sum < cost * (1.0 - FLOAT_MARGIN) {
            return FloatLevel::Unaffordable;
        }
        if sum <= cost * (1.0 + FLOAT_MARGIN) {
            return FloatLevel::Close;
        }
        loop {
            // `cost - left` is what the exhausted supporters pay.
            if units <= 0.0 || left <= 0.0 || (cost - left) * rel > left * ROUND_OFF {
                return FloatLevel::Close;
            }
            let q = left / units;
            // Floats that are not numbers (money read as NaN or infinite)
            // settle nothing: the exact price decides.
            if !q.is_finite() {
                return FloatLevel::Close;
            }
            if q / per > cutoff {
                return FloatLevel::Above(q / per);
            }
            if gap.above >= q {
                return FloatLevel::Rho(q / per, gap);
            }
            gap.above = f64::INFINITY;
            let mut dropped = false;
            for ((&g, &wu), ex) in sup.iter().zip(weighted).zip(exhausted.iter_mut()) {
                if *ex {
                    continue;
                }
                let wb = held(g);
                if wb < q * wu {
                    left -= wb;
                    units -= wu;
                    *ex = true;
                    dropped = true;
                    if wb > gap.below * wu {
                        gap.below = wb / wu;
                    }
                } else if wb < gap.above * wu {
                    gap.above = wb / wu;
                }
            }
            // Each pass exhausts a supporter or ends: at most one pass per
            // supporter. A pass that exhausts none (a level the floats
            // cannot place) leaves it to the exact price.
            if !dropped {
                return FloatLevel::Close;
            }
        }
    }

    /// A project's exact price with the exhausted set `hint` (aligned with
    /// its supporters) in a quick run, when the hint is right: every group
    /// in it holds less than its share, every other at least its share
    /// (the water level is unique). The exhausted groups' money is summed
    /// as payments per round, not budget by budget. The hint is confirmed
    /// by `gap` when the exact level falls well inside it; else by a pass
    /// that reads floats and takes an exact budget only for a group too
    /// close to its share to tell. `None` when the hint is wrong. Cost:
    /// the payments of the exhausted supporters, a product per round, and
    /// when the gap does not settle it a pass over the supporters.
    fn ledger_price<const N: usize>(
        &self,
        p: u32,
        hint: &[bool],
        gap: Gap,
        led: &Ledger<N>,
        coef: &mut Vec<u64>,
    ) -> Result<Option<Price<N>>, PbError> {
        let sup = self.supporters_of(p);
        let utils = self.utilities_of(p);
        if hint.len() != sup.len() {
            return Ok(None);
        }
        let cost = self.cost_of(p);
        coef.clear();
        coef.resize(led.nums.len(), 0);
        // What the exhausted groups hold: their voters times the per-voter
        // budget, less their payments per round.
        let mut voters = 0_u64;
        let mut den = self.utility_total_of(p);
        for ((&g, &u), _) in sup.iter().zip(utils).zip(hint).filter(|x| *x.1) {
            let w = self.weight_of(g);
            den = w
                .checked_mul(u)
                .and_then(|wu| den.checked_sub(wu))
                .ok_or_else(|| overflow("pricing a project"))?;
            if led.exhausted(g) {
                continue;
            }
            voters = voters
                .checked_add(w)
                .ok_or_else(|| overflow("pricing a project"))?;
            for e in led.payments(g) {
                if let Some(c) = coef.get_mut(index_plus(e.round as usize, 1)) {
                    // At most the project's utility total, a u64.
                    *c = w
                        .checked_mul(e.utility)
                        .and_then(|wu| c.checked_add(wu))
                        .ok_or_else(|| overflow("pricing a project"))?;
                }
            }
        }
        if den == 0 {
            return Ok(None);
        }
        let mut spent = Wide::<N>::ZERO;
        for (c, n) in coef.iter().zip(&led.nums).skip(1) {
            if *c != 0 && !spent.add_mul_assign(n, *c) {
                return Err(overflow("pricing a project"));
            }
        }
        let held = led
            .per_voter()
            .checked_mul_u64(voters)
            .ok_or_else(|| overflow("pricing a project"))?
            .checked_sub(&spent);
        debug_assert!(
            held.is_some(),
            "exhausted groups hold what they did not pay"
        );
        let held = held.ok_or_else(|| overflow("pricing a project"))?;
        let total = led
            .d
            .checked_mul_u128(cost)
            .ok_or_else(|| overflow("scaling a cost"))?;
        let x = match total.checked_sub(&held) {
            Some(x) if x != Wide::ZERO => x,
            _ => return Ok(None),
        };
        let price = Price {
            project: p,
            x,
            den,
            cost,
            approvals: self.approvals_of(p),
            per_cost: !self.cardinal,
        };
        // The share per unit of utility, in money units.
        #[allow(clippy::cast_precision_loss)]
        let q = x.approx_over(&led.d) / den as f64;
        if gap.below < q * (1.0 - ROUND_OFF) && gap.above > q * (1.0 + ROUND_OFF) {
            return Ok(Some(price));
        }
        let weighted = self.weighted_f_of(p);
        for (((&g, &u), &wu), &ex) in sup.iter().zip(utils).zip(weighted).zip(hint) {
            let below = if led.exhausted(g) {
                // It holds nothing, less than any positive share.
                true
            } else {
                let h = group_at(&led.held, g);
                let share = q * wu;
                let diff = h - share;
                let tol = led.book(g).map_or(f64::INFINITY, |b| b.err) + (h + share) * ROUND_OFF;
                if diff > tol {
                    false
                } else if diff < -tol {
                    true
                } else {
                    led.budget(g)?.cmp_mul(den, &x, u).is_lt()
                }
            };
            if below != ex {
                return Ok(None);
            }
        }
        Ok(Some(price))
    }

    /// A project's exact price in a quick run from every supporter's exact
    /// budget, writing its exhausted set to `exhausted`; `None` when its
    /// supporters cannot afford it. For what floats cannot settle. Cost:
    /// every supporter's payments, then the water level's passes.
    fn ledger_price_exact<const N: usize>(
        &self,
        p: u32,
        led: &Ledger<N>,
        exhausted: &mut Vec<bool>,
    ) -> Result<Option<Price<N>>, PbError> {
        let sup = self.supporters_of(p);
        let held = sup
            .iter()
            .map(|&g| led.budget(g))
            .collect::<Result<Vec<_>, _>>()?;
        let cost = self.cost_of(p);
        let total = led
            .d
            .checked_mul_u128(cost)
            .ok_or_else(|| overflow("scaling a cost"))?;
        let mut sum = Wide::ZERO;
        for (&g, b) in sup.iter().zip(&held) {
            let w = self.weight_of(g);
            if !sum.add_mul_assign(b, w) {
                return Err(overflow("summing budgets"));
            }
        }
        if sum < total {
            return Ok(None);
        }
        exhausted.clear();
        exhausted.resize(sup.len(), false);
        let utils = self.utilities_of(p);
        let mut x = total;
        let mut den = self.utility_total_of(p);
        loop {
            let mut changed = false;
            for (((&g, &u), b), ex) in sup.iter().zip(utils).zip(&held).zip(exhausted.iter_mut()) {
                if *ex || !b.cmp_mul(den, &x, u).is_lt() {
                    continue;
                }
                let w = self.weight_of(g);
                let paid = b
                    .checked_mul_u64(w)
                    .ok_or_else(|| overflow("pricing a project"))?;
                x = x
                    .checked_sub(&paid)
                    .ok_or_else(|| overflow("pricing a project"))?;
                den = w
                    .checked_mul(u)
                    .and_then(|wu| den.checked_sub(wu))
                    .ok_or_else(|| overflow("pricing a project"))?;
                *ex = true;
                changed = true;
            }
            if !changed {
                break;
            }
        }
        Ok(Some(Price {
            project: p,
            x,
            den,
            cost,
            approvals: self.approvals_of(p),
            per_cost: !self.cardinal,
        }))
    }

    /// A quick run (no trace, no signature): what [`Mes::run`] funds with
    /// the same arguments, computed on a [`Ledger`]. Each round, floats
    /// price the projects in the order of a lower bound of their ρ (ρ
    /// only grows as budgets shrink) until the bound passes the best ρ
    /// found; only the projects within a margin of 10^-9 of the best (and
    /// those whose affordability or price floats cannot settle) are priced
    /// exactly, and the best of them by [`Price::better_than`] is funded.
    /// Cost per round: a few passes over the supporters of the projects
    /// priced by floats, one over the supporters of the funded project,
    /// the payments of its exhausted supporters, and a product per earlier
    /// round; no pass over all groups.
    ///
    /// `guide` orders and spares the work ([`Guide`]); `record`, when
    /// given, receives this run's [`Bounds`] for a run at a lower budget
    /// (a row of floats per round).
    pub(super) fn run_quick<const N: usize>(
        &self,
        per_voter: u128,
        den0: u64,
        reduce_above: u32,
        guide: Guide<'_>,
        mut record: Option<&mut Bounds>,
    ) -> Result<Vec<u32>, PbError> {
        let predicted = guide.predicted;
        if let Some(r) = record.as_deref_mut() {
            r.funded.clear();
            r.lower.clear();
        }
        let mut reduce_above = reduce_above.min(bits_for::<N>(QUICK_REDUCE_BITS_PER_LIMB));
        #[allow(clippy::cast_precision_loss)]
        let start = per_voter as f64 / den0 as f64;
        let mut led = Ledger::<N> {
            d: Wide::from_u128(u128::from(den0)),
            nums: vec![Wide::from_u128(per_voter)],
            factors: vec![den0],
            // The start is within 2^-52 of the per-voter budget; the
            // products round once.
            books: self
                .weights_f
                .iter()
                .zip(&self.slots)
                .map(|(w, &start_at)| Book {
                    err: w * start * START_ERR,
                    count: 0,
                    start: start_at,
                })
                .collect(),
            paid: vec![Paid::default(); self.slot_count()],
            held: self.weights_f.iter().map(|w| w * start).collect(),
        };
        let mut funded: Vec<u32> = self
            .supported
            .iter()
            .copied()
            .filter(|&i| self.costs.get(i as usize).is_some_and(|c| *c == 0))
            .collect();
        // A project its supporters cannot pay for at the start never is
        // affordable (budgets only shrink): compared exactly here.
        let mut remaining: Vec<u32> = self
            .candidates
            .iter()
            .copied()
            .filter(|&p| {
                let voters = self.approvals_of(p);
                let cost = self.cost_of(p);
                match (
                    u128::from(voters).checked_mul(per_voter),
                    cost.checked_mul(u128::from(den0)),
                ) {
                    (Some(held), Some(need)) => held >= need,
                    // Too large to compare here: the rounds price it.
                    _ => true,
                }
            })
            .collect();
        // A lower bound of each project's ρ, as in `run`; at the start, its
        // price were no supporter exhausted (the cost over its utility
        // total), just below so that float error never puts it above.
        #[allow(clippy::cast_precision_loss)]
        let mut lower: Vec<f64> = self
            .costs
            .iter()
            .zip(&self.utility_total)
            .map(|(&c, &u)| {
                let rho = if self.cardinal {
                    c as f64 / u as f64
                } else {
                    1.0 / u as f64
                };
                if rho.is_finite() {
                    rho * (1.0 - BOUND_SLACK)
                } else {
                    0.0
                }
            })
            .collect();
        let bound = |p: u32, lower: &[f64]| project_at(lower, p);
        let mut hint = Vec::new();
        // The projects to price exactly this round: (project, float ρ and
        // gap or none when floats cannot tell, its hint's slot in `hints`).
        let mut near: Vec<Near> = Vec::new();
        let mut hints: Vec<Vec<bool>> = Vec::new();
        let mut exact_ex = Vec::new();
        let mut best_ex = Vec::new();
        let mut coef = Vec::new();
        let mut next_predicted = 0_usize;
        // Whether this run has funded what the run above funded, in order.
        let mut follows = guide
            .above
            .is_some_and(|a| a.funded.get(..funded.len()) == Some(&funded[..]));
        let projects = self.costs.len();
        let mut round = 0_usize;
        loop {
            if let (Some(a), true) = (guide.above, follows) {
                // Rounds fund one project each: round × projects is at
                // most projects², far within usize.
                let from = round.checked_mul(projects);
                debug_assert!(from.is_some(), "round × projects fits usize");
                let from = from.unwrap_or(usize::MAX);
                if let Some(row) = a.lower.get(from..index_plus(from, projects)) {
                    remaining.retain(|&p| row.get(p as usize).is_none_or(|x| x.is_finite()));
                    for (l, &x) in lower.iter_mut().zip(row) {
                        if x > *l {
                            *l = x;
                        }
                    }
                }
            }
            remaining.sort_by(|&a, &b| {
                bound(a, &lower)
                    .total_cmp(&bound(b, &lower))
                    .then(a.cmp(&b))
            });
            // The predicted project first; the others stay in order of
            // their bounds, as the scan's stop needs.
            while let Some(&p) = predicted.get(next_predicted) {
                if let Some(at) = remaining.iter().position(|&r| r == p) {
                    if let Some(head) = remaining.get_mut(..=at) {
                        head.rotate_right(1);
                    }
                    break;
                }
                next_predicted = index_plus(next_predicted, 1);
            }
            let mut best_rho = f64::INFINITY;
            let mut affordable = Vec::with_capacity(remaining.len());
            near.clear();
            for (k, &p) in remaining.iter().enumerate() {
                if bound(p, &lower) > best_rho * (1.0 + FLOAT_MARGIN) {
                    affordable.extend(remaining.iter().skip(k));
                    break;
                }
                let cutoff = best_rho * (1.0 + FLOAT_MARGIN);
                let from = bound(p, &lower);
                let rho = match self.float_level(p, &led.held, from, cutoff, &mut hint, MONEY_REL) {
                    FloatLevel::Unaffordable => continue,
                    FloatLevel::Above(at_least) => {
                        if let Some(l) = lower.get_mut(p as usize) {
                            *l = at_least;
                        }
                        affordable.push(p);
                        continue;
                    }
                    FloatLevel::Rho(rho, gap) => {
                        if let Some(l) = lower.get_mut(p as usize) {
                            *l = rho;
                        }
                        affordable.push(p);
                        if rho > best_rho * (1.0 + FLOAT_MARGIN) {
                            continue;
                        }
                        best_rho = best_rho.min(rho);
                        Some((rho, gap))
                    }
                    FloatLevel::Close => {
                        affordable.push(p);
                        None
                    }
                };
                let slot = near.len();
                if hints.len() <= slot {
                    hints.push(Vec::new());
                }
                if let Some(h) = hints.get_mut(slot) {
                    core::mem::swap(h, &mut hint);
                }
                near.push((p, rho, slot));
            }
            let mut best: Option<Price<N>> = None;
            for &(p, rho, slot) in &near {
                if rho.is_some_and(|(r, _)| r > best_rho * (1.0 + FLOAT_MARGIN)) {
                    continue;
                }
                let h = hints.get(slot);
                debug_assert!(h.is_some(), "a hint was kept for every near project");
                let h = h.map_or(&[][..], Vec::as_slice);
                let hinted = match rho {
                    Some((_, gap)) => self.ledger_price(p, h, gap, &led, &mut coef)?,
                    None => None,
                };
                let price = match hinted {
                    Some(price) => {
                        exact_ex.clear();
                        exact_ex.extend_from_slice(h);
                        price
                    }
                    None => match self.ledger_price_exact(p, &led, &mut exact_ex)? {
                        Some(price) => price,
                        None => {
                            affordable.retain(|&a| a != p);
                            continue;
                        }
                    },
                };
                if let Some(l) = lower.get_mut(p as usize) {
                    // No usable float: a bound of 0 never prunes.
                    *l = price.approx_rho(&led.d).unwrap_or(0.0);
                }
                if best.as_ref().is_none_or(|b| price.better_than(b)) {
                    best = Some(price);
                    core::mem::swap(&mut best_ex, &mut exact_ex);
                }
            }
            if let Some(r) = record.as_deref_mut() {
                let from = r.lower.len();
                r.lower.resize(index_plus(from, projects), f64::INFINITY);
                if let Some(row) = r.lower.get_mut(from..) {
                    for &p in &affordable {
                        if let (Some(x), Some(&l)) =
                            (row.get_mut(p as usize), lower.get(p as usize))
                        {
                            *x = l;
                        }
                    }
                }
            }
            let Some(best) = best else {
                break;
            };
            funded.push(best.project);
            follows = follows
                && guide.above.is_some_and(|a| {
                    a.funded.get(funded.len().wrapping_sub(1)) == Some(&best.project)
                });
            round = index_plus(round, 1);
            affordable.retain(|&p| p != best.project);
            remaining = affordable;
            self.pay(&mut led, &best, &best_ex, &mut reduce_above)?;
        }
        if let Some(r) = record {
            r.funded.clone_from(&funded);
        }
        Ok(funded)
    }

    /// The funded project's supporters pay in a [`Ledger`]: the exhausted
    /// ones all they hold, the others the price per unit of utility, which
    /// becomes the round's entry. Cost: a pass over its supporters, a
    /// product per earlier round, and now and then a reduction of the
    /// common denominator.
    fn pay<const N: usize>(
        &self,
        led: &mut Ledger<N>,
        best: &Price<N>,
        exhausted: &[bool],
        reduce_above: &mut u32,
    ) -> Result<(), PbError> {
        // Each supporter pays q = x / den units per unit of utility.
        let g0 = gcd(best.x.rem_u64(best.den), best.den).max(1);
        let den = exact_div(best.den, g0);
        let x = best.x.div_u64(g0);
        led.d = led
            .d
            .checked_mul_u64(den)
            .ok_or_else(|| overflow("splitting a payment"))?;
        if den != 1 {
            // The per-voter budget and every price are below d × 2^128 (at
            // most the per-voter budget, a u128, over d).
            let top = index_plus(led.d.len(), 2).min(N);
            for n in &mut led.nums {
                if !n.mul_assign_u64_within(den, top) {
                    return Err(overflow("splitting a payment"));
                }
            }
        }
        let round = u32::try_from(led.last()).map_err(|_| overflow("counting rounds"))?;
        led.nums.push(x);
        let q = x.approx_over(&led.d);
        let sup = self.supporters_of(best.project);
        let utils = self.utilities_of(best.project);
        let weighted = self.weighted_f_of(best.project);
        for (((&g, &u), &wu), &ex) in sup.iter().zip(utils).zip(weighted).zip(exhausted) {
            let gi = g as usize;
            let (Some(b), Some(h)) = (led.books.get_mut(gi), led.held.get_mut(gi)) else {
                debug_assert!(false, "every supporter is a group");
                continue;
            };
            if b.count == EXHAUSTED {
                continue;
            }
            if ex {
                *h = 0.0;
                b.err = 0.0;
                b.count = EXHAUSTED;
                continue;
            }
            // A group pays at most once per project on its ballot: its
            // slots have room.
            let at = index_plus(b.start as usize, b.count as usize);
            b.count = count_up(b.count);
            let share = q * wu;
            let left = *h - share;
            // The difference rounds once more, by at most an epsilon of it.
            b.err += share * SHARE_ERR + left.abs() * f64::EPSILON;
            *h = left;
            let reread = !(left > 0.0 && b.err <= left * MONEY_REL);
            let slot = led.paid.get_mut(at);
            debug_assert!(slot.is_some(), "a slot per project on the ballot");
            if let Some(slot) = slot {
                *slot = Paid { round, utility: u };
            }
            if reread {
                led.reread(g, self.weight_f_of(g))?;
            }
        }
        if den != 1 {
            led.factors.push(den);
            if led.d.bits() > *reduce_above {
                let last = u32::try_from(led.last()).map_err(|_| overflow("counting rounds"))?;
                normalize(&mut led.d, &mut led.nums, &mut led.factors, &[last]);
                *reduce_above =
                    (*reduce_above).max(bits_plus(led.d.bits(), QUICK_REDUCE_AGAIN_BITS));
            }
        }
        Ok(())
    }
}

/// Divides the common denominator `d` and every budget by their common
/// factors, found among the known factors of `d`; this keeps the numbers
/// small (a budget's fraction stays the same).
///
/// The groups in `first` (those that just paid: the likeliest to share no
/// factor) are tried first, so that a pass that cannot reduce ends early.
fn normalize<const N: usize>(
    d: &mut Wide<N>,
    budgets: &mut [Wide<N>],
    factors: &mut Vec<u64>,
    first: &[u32],
) {
    for f in factors.iter_mut() {
        loop {
            let mut g = *f;
            let early = first.iter().filter_map(|&i| budgets.get(i as usize));
            for b in early.chain(budgets.iter()) {
                if g <= 1 {
                    break;
                }
                g = gcd(g, b.rem_u64(g));
            }
            if g <= 1 {
                break;
            }
            *d = d.div_u64(g);
            for b in budgets.iter_mut() {
                *b = b.div_u64(g);
            }
            *f = exact_div(*f, g);
        }
    }
    factors.retain(|&f| f > 1);
}

#[cfg(test)]
mod exact_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalize_keeps_every_fraction_and_shrinks_the_denominator() {
        // d = 6 * 10 = 60; budgets 30/60, 12/60, 0/60 reduce by 6 to 5/10, 2/10, 0/10.
        let mut d = Wide::<4>::from_u128(60);
        let mut budgets = [30_u128, 12, 0].map(Wide::<4>::from_u128);
        let mut factors = vec![6, 10];
        normalize(&mut d, &mut budgets, &mut factors, &[]);
        assert_eq!(d, Wide::from_u128(10));
        assert_eq!(budgets, [5_u128, 2, 0].map(Wide::from_u128));
        assert_eq!(factors, vec![10]);
        // Nothing in common: nothing changes.
        let mut budgets = [7_u128, 3].map(Wide::<4>::from_u128);
        normalize(&mut d, &mut budgets, &mut factors, &[]);
        assert_eq!(d, Wide::from_u128(10));
        assert_eq!(budgets, [7_u128, 3].map(Wide::from_u128));
    }

    fn big_election(costs: &[u32], ballots: &[Vec<u32>], budget: u32) -> PbElection {
        let mut t = format!(
            "META\nkey;value\nbudget;{budget}\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        );
        for (i, c) in costs.iter().enumerate() {
            t.push_str(&format!("p{i};{c}\n"));
        }
        t.push_str("VOTES\nvoter_id;vote\n");
        for (i, b) in ballots.iter().enumerate() {
            let ids: Vec<String> = b.iter().map(|p| format!("p{p}")).collect();
            t.push_str(&format!("{i};{}\n", ids.join(",")));
        }
        PbElection::parse(&t).unwrap()
    }

    /// add1 as equalshares.net and Pabulib's checker write it: one run per
    /// currency unit of per-voter budget. The oracle for [`Mes::add1`].
    fn add1_step_by_one(mes: &Mes) -> (Vec<u32>, u128, u64) {
        if mes.voters == 0 {
            return (Vec::new(), 0, 1);
        }
        let mut width = 0;
        let mut funded = mes
            .run_any(mes.budget, mes.voters, &mut width, None, None, None)
            .unwrap();
        let mut last = (mes.budget, mes.voters);
        let ten_s = 10_u128.pow(mes.scale);
        let mut per_voter = mes.budget / (u128::from(mes.voters) * ten_s);
        while !mes.supported.iter().all(|i| funded.contains(i)) {
            per_voter += 1;
            let next = mes
                .run_any(per_voter * ten_s, 1, &mut width, None, None, None)
                .unwrap();
            if mes.cost_units(&next).unwrap() > mes.budget {
                break;
            }
            funded = next;
            last = (per_voter * ten_s, 1);
        }
        (funded, last.0, last.1)
    }

    fn election_text(
        vote_type: &str,
        budget: u32,
        costs: &[u32],
        ballots: &[Vec<(u32, u32)>],
    ) -> String {
        let mut t = format!(
            "META\nkey;value\nbudget;{budget}\nvote_type;{vote_type}\nPROJECTS\nproject_id;cost\n"
        );
        for (i, c) in costs.iter().enumerate() {
            t.push_str(&format!("p{i};{c}\n"));
        }
        t.push_str("VOTES\nvoter_id;vote;points\n");
        for (i, b) in ballots.iter().enumerate() {
            let ids: Vec<String> = b.iter().map(|(p, _)| format!("p{p}")).collect();
            let pts: Vec<String> = b.iter().map(|(_, u)| u.to_string()).collect();
            t.push_str(&format!("{i};{};{}\n", ids.join(","), pts.join(",")));
        }
        t
    }

    /// The 203-byte file of issue 15: costs of 24 digits that are not
    /// round. The float estimate of where the interval ends falls short by
    /// its error (about 2^25 units at 5·10^23), and the search used to walk
    /// that shortfall one unit at a time (33,554,516 runs).
    const SLOW_203: &str = "META\nkey;value\nbudget;1000000000000000000000000\n\
        vote_type;approval\nrule;equalshares/add1\nPROJECTS\nproject_id;cost\n\
        p0;163143509155295852052017\np1;424466618508720642733117\n\
        VOTES\nvoter_id;vote\n0;p0,p1\n1;p0\n";

    #[test]
    fn the_203_byte_file_decides_in_few_runs() {
        assert_eq!(SLOW_203.len(), 203);
        let e = PbElection::parse(SLOW_203).unwrap();
        let mes = Mes::new(&e).unwrap();
        let mut runs = Runs::new(mes.run_limit());
        let (funded, units, den0) = mes.add1_within(&mut runs).unwrap();
        // By hand: both voters pay half of p0 (81571754577647926026008.5
        // each); voter 0 can then pay p1 alone from a per-voter budget of
        // 424466618508720642733117 + 81571754577647926026008.5, so from
        // 506038373086368568759126 whole units; p0 and p1 cost
        // 587610127664016494785134 < 10^24 together, and every supported
        // project is funded: add1 ends there.
        assert_eq!(funded, vec![0, 1]);
        assert_eq!((units, den0), (506_038_373_086_368_568_759_126, 1));
        // One below, p1 is out of reach: the settled budget is the first.
        let below = mes.run_any(units - 1, 1, &mut 0, None, None, None).unwrap();
        assert_eq!(below, vec![0]);
        assert!(runs.made() <= 100, "{} runs", runs.made());
        assert_eq!(mes.run_limit(), ADD1_RUNS_FLOOR);
        let out = e
            .decide(crate::vote::pabulib::PbRule::EqualSharesAdd1)
            .unwrap();
        assert_eq!(out.selected_ids(&e), ["p0", "p1"]);
    }

    /// The float estimate of where a run's outcome changes lets add1 jump
    /// to the end of each interval: on these elections, whose settled
    /// budget lies hundreds of thousands of units above the start, add1
    /// takes 13, 17 and 19 runs (2026-12-08); without the estimate (its
    /// rises never recorded) it took 42, 79 and 112. The bounds leave room
    /// for half as many again.
    #[test]
    fn the_estimate_keeps_add1_to_a_few_runs() {
        // Costs, ballots, budget, the settled per-voter budget's whole
        // units, the most runs.
        type Case<'a> = (&'a [u32], &'a [Vec<u32>], u32, &'a str, u64);
        let cases: [Case<'_>; 3] = [
            (
                &[163_143_509, 424_466_618],
                &[vec![0, 1], vec![0]],
                1_000_000_000,
                "506038373",
                20,
            ),
            (
                &[400_000, 700_000, 300_000],
                &[vec![0, 1], vec![0, 2], vec![1], vec![2, 0]],
                1_000_000,
                "416666",
                26,
            ),
            (
                &[4_000_000, 7_000_000, 3_000_000, 2_500_000],
                &[vec![0, 1], vec![0, 2], vec![1, 3], vec![2, 0], vec![3]],
                10_000_000,
                "4791666",
                29,
            ),
        ];
        for (costs, ballots, budget, per_voter, most) in cases {
            let x = big_election(costs, ballots, budget)
                .explain_equal_shares()
                .unwrap();
            assert_eq!(x.per_voter.trunc().to_string(), per_voter);
            assert!(x.runs <= most, "{} runs, at most {most}", x.runs);
        }
    }

    /// 64 runs per project and group of identical ballots, at least
    /// 10,000; the explanation reports the limit it ran under.
    #[test]
    fn the_run_limit_grows_with_projects_and_groups() {
        let e = big_election(&[1, 2], &[vec![0], vec![0, 1]], 3);
        assert_eq!(e.explain_equal_shares().unwrap().run_limit, 10_000);
        // 20 projects; 10 different ballots (and one repeated): 10 groups.
        let mut ballots: Vec<Vec<u32>> = (0..10).map(|i| vec![i, i + 10]).collect();
        ballots.push(vec![0, 10]);
        let e = big_election(&[1; 20], &ballots, 5);
        let mes = Mes::new(&e).unwrap();
        assert_eq!(mes.run_limit(), 64 * 20 * 10);
        let x = e.explain_equal_shares().unwrap();
        assert_eq!(x.run_limit, 12_800);
        assert!((1..=100).contains(&x.runs), "{} runs", x.runs);
        let runs = Runs::new(7);
        assert_eq!((runs.limit(), runs.made()), (7, 0));
    }

    /// The last whole per-voter budget before the estimated change: a
    /// millionth of slack below it, never below the budget it starts from,
    /// and every budget when nothing changes. Hand-worked.
    #[test]
    fn the_predicted_end_is_the_last_whole_budget_before_the_change() {
        let at = |changes_at: f64| Signature {
            changes_at,
            ..Signature::default()
        };
        for (changes_at, from, end) in [
            (10.5, 3, 10),        // 10 < 10.5 ≤ 11
            (10.0, 3, 9),         // the change itself is not before it
            (10.000_000_1, 3, 9), // within the slack: taken as 10
            (10.000_002, 3, 10),  // past the slack: 10 is before it
            (4.5, 7, 7),          // before the start: the start
            (7.5, 7, 7),          // the start is the last one
            (8.000_000_5, 7, 7),  // within the slack of 8
            (f64::INFINITY, 7, u128::MAX),
            (1e40, 7, u128::MAX), // past u128: saturates
            (0.0, 7, 7),          // an end below 0: the start
        ] {
            assert_eq!(
                at(changes_at).predicted_end(from),
                end,
                "{changes_at} from {from}"
            );
        }
    }

    /// How far a quantity must rise to reach zero: only when it moves
    /// towards zero; `towards_zero` keeps the soonest. Hand-worked.
    #[test]
    fn a_quantity_reaches_zero_only_moving_towards_it() {
        let inf = f64::INFINITY;
        for (f, df, rise) in [
            (6.0, -2.0, 3.0),
            (-6.0, 2.0, 3.0),
            (6.0, 2.0, inf),
            (-6.0, -2.0, inf),
            (0.0, -1.0, 0.0),
            (0.0, 1.0, 0.0),
            (5.0, 0.0, inf),
            (0.0, 0.0, inf),
        ] {
            assert_eq!(Drift::rise(f, df), rise, "{f}, {df}");
        }
        let mut d = Drift::new(2, 1.0, 0.5);
        assert_eq!(d.soonest, inf);
        d.towards_zero(6.0, -2.0);
        assert_eq!(d.soonest, 3.0);
        d.towards_zero(10.0, -2.0);
        assert_eq!(d.soonest, 3.0);
        d.towards_zero(-1.0, 4.0);
        assert_eq!(d.soonest, 0.25);
        d.towards_zero(1.0, 4.0);
        assert_eq!(d.soonest, 0.25);
    }

    /// A full run reduces its fractions at a quarter of its width, a quick
    /// run at three quarters, and each waits 32 or 64 more bits after a
    /// reduction.
    #[test]
    fn reduction_thresholds_are_fractions_of_the_width() {
        let widths = [
            (bits_for::<LIMBS_256>(64), 256),
            (bits_for::<LIMBS_512>(64), 512),
            (bits_for::<LIMBS_1024>(64), 1024),
            (bits_for::<LIMBS_2048>(64), 2048),
            (bits_for::<LIMBS_8192>(64), 8192),
        ];
        for (bits, width) in widths {
            assert_eq!(bits, width);
        }
        assert_eq!(bits_for::<LIMBS_256>(RUN_REDUCE_BITS_PER_LIMB), 256 / 4);
        assert_eq!(
            bits_for::<LIMBS_8192>(QUICK_REDUCE_BITS_PER_LIMB),
            8192 * 3 / 4
        );
        assert_eq!(bits_plus(64, RUN_REDUCE_AGAIN_BITS), 96);
        assert_eq!(bits_plus(6144, QUICK_REDUCE_AGAIN_BITS), 6208);
    }

    #[test]
    fn add1_past_its_run_limit_is_refused_with_the_limit() {
        let e = PbElection::parse(SLOW_203).unwrap();
        let mes = Mes::new(&e).unwrap();
        let err = mes.add1_within(&mut Runs::new(5)).unwrap_err();
        assert_eq!(
            err,
            PbError::CompletionTooLong {
                limit: 5,
                projects: 2,
                groups: 2,
            }
        );
        assert!(err.to_string().contains("more than 5 runs"), "{err}");
        // The limit spent exactly: the same run count passes.
        let mut runs = Runs::new(u64::MAX);
        let done = mes.add1_within(&mut runs).unwrap();
        let made = runs.made();
        assert_eq!(mes.add1_within(&mut Runs::new(made)).unwrap(), done);
        assert!(mes.add1_within(&mut Runs::new(made - 1)).is_err());
    }

    proptest! {
        #![proptest_config(crate::proptest_config(64))]
        /// Costs and budgets of up to 27 digits, not round: add1 ends well
        /// within its run limit (each search doubles its step), however
        /// large the numbers.
        #[test]
        fn add1_runs_do_not_grow_with_the_numbers(
            costs in prop::collection::vec(1_u128..1_000_000_000, 2..8),
            raw in prop::collection::vec(prop::collection::vec((0_u32..8, 1_u32..2), 1..4), 1..8),
            digits in 0_u32..18,
            budget in 1_000_000_000_u128..4_000_000_000,
        ) {
            let m = costs.len() as u32;
            let ballots = ballots_of(raw, m);
            let scale = 10_u128.pow(digits);
            let mut t = format!(
                "META\nkey;value\nbudget;{}\nvote_type;approval\nPROJECTS\nproject_id;cost\n",
                budget * scale
            );
            for (i, c) in costs.iter().enumerate() {
                // Not round: a few low digits of their own.
                t.push_str(&format!("p{i};{}\n", c * scale + (c * 7919) % scale.max(1)));
            }
            t.push_str("VOTES\nvoter_id;vote\n");
            for (i, b) in ballots.iter().enumerate() {
                let ids: Vec<String> = b.iter().map(|(p, _)| format!("p{p}")).collect();
                t.push_str(&format!("{i};{}\n", ids.join(",")));
            }
            let e = PbElection::parse(&t).unwrap();
            let mes = Mes::new(&e).unwrap();
            let mut runs = Runs::new(u64::MAX);
            let (funded, _, _) = mes.add1_within(&mut runs).unwrap();
            prop_assert!(mes.cost_units(&funded).unwrap() <= mes.budget);
            prop_assert!(runs.made() <= 3_000, "{} runs", runs.made());
        }
    }

    #[test]
    fn add1_jumps_over_a_huge_budget_in_few_runs() {
        // Two voters, a budget of 1,000,000: step by one would run Equal
        // Shares about 500,000 times.
        let e = PbElection::parse(&election_text(
            "approval",
            1_000_000,
            &[999_999, 2],
            &[vec![(0, 1)], vec![(1, 1)]],
        ))
        .unwrap();
        let mes = Mes::new(&e).unwrap();
        // 500,000 each: p1 (2) is funded by voter 2; p0 needs 999,999 from
        // voter 1 alone, so add1 raises to 999,999 each, where p0 and p1
        // cost 1,000,001 > 1,000,000: the last within the budget is p1.
        let (funded, units, den0) = mes.add1().unwrap();
        assert_eq!((funded, units, den0), (vec![1], 999_998, 1));
        // 10^21 for the one supported project, a budget of 13, and a free
        // project nobody supports (a fuzzer's find).
        let e = PbElection::parse(
            "META\nkey;value\nbudget;13\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
             a;1000000000000000000000\nb;1\nVOTES\nvoter_id;vote\n1;a\n",
        )
        .unwrap();
        let mes = Mes::new(&e).unwrap();
        assert_eq!(mes.add1().unwrap().0, Vec::<u32>::new());
    }

    #[test]
    fn add1_over_thousands_of_units_equals_step_by_one() {
        // A fixed pseudo-random election whose add1 runs over thousands of
        // currency units, so that the interval search, its estimates and
        // the switch back to single steps all take part.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |m: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(m)) as u32
        };
        for kind in ["approval", "cumulative"] {
            let costs: Vec<u32> = (0..12).map(|_| 2_000 + next(30_000)).collect();
            let ballots: Vec<Vec<(u32, u32)>> = (0..40)
                .map(|_| {
                    let mut b: Vec<(u32, u32)> =
                        (0..1 + next(4)).map(|_| (next(12), 1 + next(3))).collect();
                    b.sort_unstable();
                    b.dedup_by_key(|(p, _)| *p);
                    b
                })
                .collect();
            let e = PbElection::parse(&election_text(kind, 100_000, &costs, &ballots)).unwrap();
            let mes = Mes::new(&e).unwrap();
            let fast = mes.add1().unwrap();
            assert_eq!(fast, add1_step_by_one(&mes), "{kind}");
            // It starts from 100,000 / 40 = 2,500 each.
            assert!(
                fast.1 > 4_500,
                "the walk covers thousands of units: {}",
                fast.1
            );
        }
    }

    /// Found by the cardinal property test: with a budget of 0 the float
    /// level of a quick run could not be placed and its pass exhausted no
    /// one, forever. It now leaves such a level to the exact price.
    #[test]
    fn a_zero_budget_on_cardinal_ballots_ends() {
        let costs = [20, 20, 11, 5, 11, 10];
        let lists: [&[u32]; 7] = [
            &[0, 1, 2, 3],
            &[0, 1, 2],
            &[0, 2, 4],
            &[1, 2],
            &[4],
            &[0, 4],
            &[1, 2, 3, 4, 5],
        ];
        let ballots: Vec<Vec<(u32, u32)>> = lists
            .iter()
            .enumerate()
            .map(|(i, b)| {
                b.iter()
                    .map(|&c| (c, ((i as u32 * 7 + c * 3) % 4) + 1))
                    .collect()
            })
            .collect();
        let e = PbElection::parse(&election_text("cumulative", 0, &costs, &ballots)).unwrap();
        let mes = Mes::new(&e).unwrap();
        let fast = mes.add1().unwrap();
        assert!(fast.0.is_empty(), "nothing fits a budget of 0");
        assert_eq!(fast, add1_step_by_one(&mes));
    }

    /// Generated (project, utility) ballots over `m` projects: each
    /// project once, in order.
    fn ballots_of(raw: Vec<Vec<(u32, u32)>>, m: u32) -> Vec<Vec<(u32, u32)>> {
        raw.into_iter()
            .map(|b| {
                let mut b: Vec<(u32, u32)> = b.into_iter().map(|(p, u)| (p % m, u)).collect();
                b.sort_unstable();
                b.dedup_by_key(|(p, _)| *p);
                b
            })
            .collect()
    }

    proptest! {
        #![proptest_config(crate::proptest_config(256))]
        /// The jumping add1 equals add1 one unit at a time, on approval,
        /// cumulative and scoring ballots, with the settled budget too.
        #[test]
        fn add1_by_signatures_equals_add1_step_by_one(
            costs in prop::collection::vec(1_u32..300, 2..7),
            raw in prop::collection::vec(prop::collection::vec((0_u32..7, 1_u32..4), 1..4), 1..12),
            budget in 10_u32..1000,
            kind in 0_u8..3,
        ) {
            let m = costs.len() as u32;
            let ballots = ballots_of(raw, m);
            let vote_type = ["approval", "cumulative", "scoring"][usize::from(kind)];
            let e = PbElection::parse(&election_text(vote_type, budget, &costs, &ballots)).unwrap();
            let mes = Mes::new(&e).unwrap();
            prop_assert_eq!(mes.add1().unwrap(), add1_step_by_one(&mes));
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config(512))]
        /// A quick run on a ledger (floats first, prices summed per round,
        /// exact only where floats cannot tell) funds exactly what the
        /// plain exact run funds, in the same order, on approval,
        /// cumulative and scoring ballots and per-voter budgets that make
        /// ties likely (small integers) or not; and so does a narrow
        /// quick run whenever it does not overflow, and a quick run guided
        /// by the bounds a run at a higher budget recorded.
        #[test]
        fn quick_runs_equal_plain_runs(
            costs in prop::collection::vec(1_u32..300, 2..9),
            raw in prop::collection::vec(prop::collection::vec((0_u32..9, 1_u32..4), 1..5), 1..30),
            budget in 10_u32..3000,
            kind in 0_u8..3,
            extra in 0_u128..40,
        ) {
            let m = costs.len() as u32;
            let ballots = ballots_of(raw, m);
            let vote_type = ["approval", "cumulative", "scoring"][usize::from(kind)];
            let e = PbElection::parse(&election_text(vote_type, budget, &costs, &ballots)).unwrap();
            let mes = Mes::new(&e).unwrap();
            let each = mes.budget / u128::from(mes.voters);
            // A prediction orders the work only, right or wrong.
            let costs_order: Vec<u32> = (0..m).rev().collect();
            for (pv, den0) in [(mes.budget, mes.voters), (each + extra, 1), (7 * each + extra, 3), (1, 1)] {
                let plain = mes.run::<8>(pv, den0, REDUCE_BY_WIDTH, None, None, None).unwrap();
                prop_assert_eq!(&mes.run_quick::<8>(pv, den0, REDUCE_BY_WIDTH, Guide::default(), None).unwrap(), &plain);
                prop_assert_eq!(&mes.run_quick::<8>(pv, den0, 0, Guide { predicted: &plain, above: None }, None).unwrap(), &plain);
                if let Ok(narrow) = mes.run_quick::<2>(pv, den0, REDUCE_BY_WIDTH, Guide { predicted: &costs_order, above: None }, None) {
                    prop_assert_eq!(&narrow, &plain);
                }
                let mut width = 0;
                prop_assert_eq!(&mes.run_any(pv, den0, &mut width, None, None, None).unwrap(), &plain);
                // Guided by the bounds of runs at higher budgets, near
                // (likely the same order of funding) and far.
                for more in [1, den0, 5 * den0 + u64::from(kind)] {
                    let mut bounds = Bounds::default();
                    let high = pv + u128::from(more);
                    mes.run_quick::<8>(high, den0, REDUCE_BY_WIDTH, Guide::default(), Some(&mut bounds)).unwrap();
                    let guide = Guide { predicted: &bounds.funded, above: Some(&bounds) };
                    prop_assert_eq!(&mes.run_quick::<8>(pv, den0, REDUCE_BY_WIDTH, guide, None).unwrap(), &plain);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config(64))]
        /// Reducing the common denominator after every round must fund
        /// exactly what never reducing it funds, in 512 bits; and so must a
        /// 128-bit run whenever it does not overflow.
        #[test]
        fn narrow_runs_with_reduction_agree_with_wide_runs(
            costs in prop::collection::vec(1_u32..500, 3..10),
            raw in prop::collection::vec(prop::collection::vec(0_u32..10, 1..5), 5..40),
            budget in 100_u32..2000,
        ) {
            let m = costs.len() as u32;
            let ballots: Vec<Vec<u32>> = raw
                .into_iter()
                .map(|b| {
                    let mut b: Vec<u32> = b.into_iter().map(|p| p % m).collect();
                    b.sort_unstable();
                    b.dedup();
                    b
                })
                .collect();
            let e = big_election(&costs, &ballots, budget);
            let mes = Mes::new(&e).unwrap();
            for (pv, den0) in [(mes.budget, mes.voters), (1, 1), (7, 3), (40, 1)] {
                let plain = mes.run::<8>(pv, den0, REDUCE_BY_WIDTH, None, None, None).unwrap();
                prop_assert_eq!(&mes.run::<8>(pv, den0, 0, None, None, None).unwrap(), &plain);
                if let Ok(narrow) = mes.run::<2>(pv, den0, REDUCE_BY_WIDTH, None, None, None) {
                    prop_assert_eq!(&narrow, &plain);
                }
            }
        }
    }
}

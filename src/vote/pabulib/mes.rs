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

/// Reduce the common denominator once it has more bits than this; `run`
/// caps the limit at a quarter of the width of its integers.
const REDUCE_ABOVE_BITS: u32 = u32::MAX;

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
    /// Each group's voters, by their index in the VOTES section.
    members: Vec<Vec<u32>>,
    /// Projects with a positive cost and at least one approval.
    candidates: Vec<u32>,
    /// Projects with at least one approval.
    pub(super) supported: Vec<u32>,
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
        let below = self.den as f64 * per * d.approx();
        let rho = self.x.approx() / below;
        (rho.is_finite() && rho > 0.0).then_some(rho)
    }

    /// Orders prices: smaller ρ = x / (den · cost) first, then cheaper, then
    /// more approvals, then the earlier project.
    fn better_than(&self, o: &Self) -> Result<bool, PbError> {
        let (oc, sc) = if self.per_cost {
            (o.cost, self.cost)
        } else {
            (1, 1)
        };
        let lhs = self
            .x
            .checked_mul_u64(o.den)
            .and_then(|w| w.checked_mul_u128(oc))
            .ok_or_else(|| overflow("comparing equal-shares prices"))?;
        let rhs =
            o.x.checked_mul_u64(self.den)
                .and_then(|w| w.checked_mul_u128(sc))
                .ok_or_else(|| overflow("comparing equal-shares prices"))?;
        Ok(lhs
            .cmp(&rhs)
            .then(self.cost.cmp(&o.cost))
            .then(o.approvals.cmp(&self.approvals))
            .then(self.project.cmp(&o.project))
            == Ordering::Less)
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
            .unwrap_or(0);
        let mut groups: BTreeMap<Ballot, (u64, Vec<u32>)> = BTreeMap::new();
        for (vi, v) in (0_u32..).zip(&e.votes) {
            let mut key: Vec<(u32, u64)> = if cardinal {
                let mut key = Vec::with_capacity(v.projects.len());
                for (&p, pts) in v.projects.iter().zip(&v.points) {
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
            *w = w.saturating_add(1);
            members.push(vi);
        }
        let mut supporters = vec![Vec::new(); e.projects.len()];
        let mut utilities = vec![Vec::new(); e.projects.len()];
        let mut approvals = vec![0_u64; e.projects.len()];
        let mut utility_total = vec![0_u64; e.projects.len()];
        let mut weights = Vec::with_capacity(groups.len());
        let mut members = Vec::with_capacity(groups.len());
        for (g, (ballot, (w, voters))) in groups.into_iter().enumerate() {
            members.push(voters);
            let g = u32::try_from(g).map_err(|_| overflow("counting ballots"))?;
            for (p, u) in ballot {
                if let Some(s) = supporters.get_mut(p as usize) {
                    s.push(g);
                }
                if let Some(s) = utilities.get_mut(p as usize) {
                    s.push(u);
                }
                if let Some(a) = approvals.get_mut(p as usize) {
                    *a = a.saturating_add(w);
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
            weights,
            members,
            candidates,
            supported,
        })
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
        let sup = self
            .supporters
            .get(p as usize)
            .map_or(&[][..], Vec::as_slice);
        let cost = self.costs.get(p as usize).copied().unwrap_or(0);
        let total = d
            .checked_mul_u128(cost)
            .ok_or_else(|| overflow("scaling a cost"))?;
        let mut sum = Wide::ZERO;
        for &g in sup {
            let b = budgets.get(g as usize).copied().unwrap_or_default();
            let w = self.weights.get(g as usize).copied().unwrap_or(0);
            sum = b
                .checked_mul_u64(w)
                .and_then(|x| sum.checked_add(&x))
                .ok_or_else(|| overflow("summing budgets"))?;
        }
        if sum < total {
            return Ok(None);
        }
        exhausted.clear();
        exhausted.resize(sup.len(), false);
        let utils = self
            .utilities
            .get(p as usize)
            .map_or(&[][..], Vec::as_slice);
        // Each remaining supporter pays `x / den` per unit of its utility;
        // one who holds less pays all it holds and drops out.
        let mut x = total;
        let mut den = self.utility_total.get(p as usize).copied().unwrap_or(0);
        loop {
            let mut changed = false;
            for ((&g, &u), ex) in sup.iter().zip(utils).zip(exhausted.iter_mut()) {
                if *ex {
                    continue;
                }
                let b = budgets.get(g as usize).copied().unwrap_or_default();
                let scaled = b
                    .checked_mul_u64(den)
                    .ok_or_else(|| overflow("pricing a project"))?;
                let share = x
                    .checked_mul_u64(u)
                    .ok_or_else(|| overflow("pricing a project"))?;
                if scaled < share {
                    let w = self.weights.get(g as usize).copied().unwrap_or(0);
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
            approvals: self.approvals.get(p as usize).copied().unwrap_or(0),
            per_cost: !self.cardinal,
        }))
    }

    pub(super) fn run_any(
        &self,
        per_voter: u128,
        den0: u64,
        width: &mut u8,
        mut trace: Option<&mut Vec<MesRound>>,
    ) -> Result<Vec<u32>, PbError> {
        loop {
            if let Some(t) = trace.as_deref_mut() {
                t.clear();
            }
            let result = match *width {
                0 => self.run::<8>(per_voter, den0, REDUCE_ABOVE_BITS, trace.as_deref_mut()),
                1 => self.run::<32>(per_voter, den0, REDUCE_ABOVE_BITS, trace.as_deref_mut()),
                _ => {
                    return self.run::<128>(per_voter, den0, REDUCE_ABOVE_BITS, trace);
                }
            };
            match result {
                Err(PbError::Overflow { .. }) => *width = width.saturating_add(1),
                other => return other,
            }
        }
    }

    /// One run with each voter's budget `per_voter / den0` units; the
    /// common denominator is reduced when it has more than `reduce_above`
    /// bits (a quarter of the width in production).
    pub(super) fn run<const N: usize>(
        &self,
        per_voter: u128,
        den0: u64,
        reduce_above: u32,
        mut trace: Option<&mut Vec<MesRound>>,
    ) -> Result<Vec<u32>, PbError> {
        let reduce_above =
            reduce_above.min(16_u32.saturating_mul(u32::try_from(N).unwrap_or(u32::MAX)));
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
        let bound = |p: u32, lower: &[f64]| lower.get(p as usize).copied().unwrap_or(0.0);
        loop {
            remaining.sort_by(|&a, &b| {
                bound(a, &lower)
                    .total_cmp(&bound(b, &lower))
                    .then(a.cmp(&b))
            });
            let mut best: Option<Price<N>> = None;
            let mut best_rho = f64::INFINITY;
            let mut affordable = Vec::with_capacity(remaining.len());
            for (k, &p) in remaining.iter().enumerate() {
                if bound(p, &lower) > best_rho * (1.0 + 1e-9) {
                    affordable.extend(remaining.iter().skip(k));
                    break;
                }
                let Some(price) = self.price(p, &d, &budgets, &mut exhausted)? else {
                    continue;
                };
                affordable.push(p);
                let rho = price.approx_rho(&d);
                if let Some(l) = lower.get_mut(p as usize) {
                    *l = rho.unwrap_or(0.0);
                }
                let is_better = match &best {
                    None => true,
                    Some(b) => price.better_than(b)?,
                };
                if is_better {
                    best_rho = rho.unwrap_or(f64::INFINITY);
                    best = Some(price);
                }
            }
            let Some(best) = best else { break };
            funded.push(best.project);
            affordable.retain(|&p| p != best.project);
            remaining = affordable;
            // Each supporter pays q = x / den units, or all it has if less.
            let g0 = gcd(best.x.rem_u64(best.den), best.den).max(1);
            let den = best.den.checked_div(g0).unwrap_or(best.den);
            let x = best.x.div_u64(g0);
            d = d
                .checked_mul_u64(den)
                .ok_or_else(|| overflow("splitting a payment"))?;
            if den != 1 {
                for b in &mut budgets {
                    *b = b
                        .checked_mul_u64(den)
                        .ok_or_else(|| overflow("splitting a payment"))?;
                }
            }
            let sup = self
                .supporters
                .get(best.project as usize)
                .map_or(&[][..], Vec::as_slice);
            let utils = self
                .utilities
                .get(best.project as usize)
                .map_or(&[][..], Vec::as_slice);
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
            for (&g, &u) in sup.iter().zip(utils) {
                // Pays x per unit of utility, or all it holds if less.
                let owed = x
                    .checked_mul_u64(u)
                    .ok_or_else(|| overflow("charging a supporter"))?;
                if let Some(b) = budgets.get_mut(g as usize) {
                    let before = *b;
                    *b = b.checked_sub(&owed).unwrap_or(Wide::ZERO);
                    if let Some(unit) = &unit {
                        let paid = before.checked_sub(b).unwrap_or(Wide::ZERO);
                        let dec = |w: &Wide<N>| {
                            w.ratio_to_decimal(unit, EXPLAIN_PLACES)
                                .ok_or_else(|| overflow("explaining a payment"))
                        };
                        payments.push(MesPayment {
                            voters: self.members.get(g as usize).cloned().unwrap_or_default(),
                            paid: dec(&paid)?,
                            left: dec(b)?,
                        });
                    }
                }
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
                    price,
                    payments,
                });
            }
            if den != 1 {
                factors.push(den);
                // Reduce only once the numbers grow: it costs a pass over
                // all budgets per factor.
                if d.bits() > reduce_above {
                    normalize(&mut d, &mut budgets, &mut factors);
                }
            }
        }
        Ok(funded)
    }
}

/// Divides the common denominator `d` and every budget by their common
/// factors, found among the known factors of `d`; this keeps the numbers
/// small (a budget's fraction stays the same).
fn normalize<const N: usize>(d: &mut Wide<N>, budgets: &mut [Wide<N>], factors: &mut Vec<u64>) {
    for f in factors.iter_mut() {
        loop {
            let mut g = *f;
            for b in budgets.iter() {
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
            *f = f.checked_div(g).unwrap_or(1);
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
        normalize(&mut d, &mut budgets, &mut factors);
        assert_eq!(d, Wide::from_u128(10));
        assert_eq!(budgets, [5_u128, 2, 0].map(Wide::from_u128));
        assert_eq!(factors, vec![10]);
        // Nothing in common: nothing changes.
        let mut budgets = [7_u128, 3].map(Wide::<4>::from_u128);
        normalize(&mut d, &mut budgets, &mut factors);
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
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
                let plain = mes.run::<8>(pv, den0, u32::MAX, None).unwrap();
                prop_assert_eq!(&mes.run::<8>(pv, den0, 0, None).unwrap(), &plain);
                if let Ok(narrow) = mes.run::<2>(pv, den0, REDUCE_ABOVE_BITS, None) {
                    prop_assert_eq!(&narrow, &plain);
                }
            }
        }
    }
}

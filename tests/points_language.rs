//! The rule language of a points policy (`src/points/LANGUAGE.md`) against an
//! independent reference scorer.
//!
//! The reference scorer below was written from LANGUAGE.md alone, without
//! reading the general evaluator: it resolves corrections, then for each unit
//! collects its acts and computes every rule, state, count, minimum, category
//! and outcome in the most direct way. Property tests compare it with
//! [`Scorer::score`] over random policies, rosters and acts, and check
//! invariants that hold whatever the numbers; table tests check hand-worked
//! numbers and load-time errors.
//!
//! Where LANGUAGE.md leaves a choice open, the reference takes the reading
//! listed under `ASSUMPTIONS` below (the engine agrees with each on the
//! generated cases); where the engine departs from the text, the generator
//! stays clear and an ignored table test at the end holds the minimal case.
#![cfg(feature = "serde")]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use deputy_work::common::{DeputyId, Level, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Band, Bonus, Category, Claim, Code, Correction, CountBy, CountRule, DeputyScore,
    GroupActs, InForce, LineItem, LocalKind, Measure, Minimum, NthStep, OutcomeCategory, Per,
    PointsError, Policy, PolicyData, Qualifier, QualifierPoints, Quota, RankRange, Requirement,
    Roster, RosterData, RosterDeputy, RosterGroup, Rule, Scorecard, Scorer, ShareRule,
    StandardKind, State, StateOption, Term, Tier, Unit, Units, Veto, When,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::{Decimal, RoundingStrategy};

// ASSUMPTIONS (readings of LANGUAGE.md the reference makes where it leaves a
// choice open; the engine agrees with each of them on the generated cases):
// - Corrections are resolved on records whatever their claim or date (a
//   pending annulment, or one dated outside the period, still annuls); an
//   amendment that stands then counts or not by its own claim and date.
// - A rule's `when` looks at the unit scored (`roles` and `levels` must
//   both match when both are given); a group has neither, so a rule with
//   `when` gives a group nothing. Acts a rule does not apply to, and acts
//   its table gives no points, still count for counts, minimums and vetoes.
// - An act its rule gives no points (no role/qualifier/tier of the table)
//   earns no bonus either.
// - `share`: P is the whole act's points (base and bonuses, times quantity).
// - `highest_only`: "worth" is what the act gives the unit (after its share);
//   only generated with rules that give non-negative points; a group counts
//   an item once, whoever of it recorded it
//   (`highest_only_for_a_group_counts_an_item_once`).
// - `quarter_cap` is applied per quarter first, then `cap` on the period.
// - A quota counts for every unit it applies to, with n = 0 for a unit with
//   no such act, and for no other (`quota_applies_only_to_whom_when_names`).
// - Vetoes look at the same acts as rules (a member's act counts for the
//   group). A disqualifying veto wins over one forcing a band. A forced band
//   changes only the band; a disqualified unit keeps its rank (others are
//   ranked as if it were there) but gets no band and no outcome.
// - `count = "members"`, `measure = "members"` and `each_member` are only
//   generated with `group_acts = "own_and_members"`; a group's members are
//   the roster deputies whose `group` it is, a group's own acts are not a
//   member's, and a deputy has no members (n = 0; `each_member` fails).
// - Acts of groups are only generated when groups are scored.

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn code(s: &str) -> Code {
    Code::new(s).unwrap()
}

fn qual(s: &str) -> Qualifier {
    Qualifier::new(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn local(n: u16) -> ActKind {
    ActKind::Local(n)
}

fn term(c: &str) -> Term {
    Term {
        code: code(c),
        label_zh: format!("{c}（中）"),
        label_en: c.to_owned(),
    }
}

fn year() -> Period {
    Period::year(2025).unwrap()
}

/// The quarter (1 to 4) of a date.
fn quarter_of(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

/// `v` held within `lo ..= hi` (either may be open).
fn clamp(v: Decimal, lo: Option<Decimal>, hi: Option<Decimal>) -> Decimal {
    let v = match hi {
        Some(h) if v > h => h,
        _ => v,
    };
    match lo {
        Some(l) if v < l => l,
        _ => v,
    }
}

/// `v` held within `-m ..= m`.
fn within(v: Decimal, m: Decimal) -> Decimal {
    clamp(v, Some(-m), Some(m))
}

/// Proptest settings: `default` cases unless PROPTEST_CASES says otherwise;
/// no regression files are written.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// The reference scorer
// ---------------------------------------------------------------------------

/// A state conflict as the reference sees it (kinds sorted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RefConflict {
    state: Code,
    quarter: Option<u32>,
    kinds: Vec<ActKind>,
}

/// One unit's result as the reference computes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RefEntry {
    unit: Unit,
    total: Decimal,
    rank: u32,
    band: Option<String>,
    disqualified: bool,
    outcome: Option<Code>,
    award: Option<Decimal>,
    missed: Vec<Code>,
    conflicts: Vec<RefConflict>,
    /// Subtotals per category, in the policy's order.
    categories: Vec<(Code, Decimal)>,
}

type RefCard = BTreeMap<DeputyId, RefEntry>;

/// Someone scored, with what the rules look at.
#[derive(Debug, Clone)]
struct RefUnit {
    id: DeputyId,
    unit: Unit,
    roles: Vec<Code>,
    level: Option<Level>,
    /// For a group: the roster deputies in it.
    members: Vec<DeputyId>,
}

/// The part of `p` that the `position`th of `of` proposers gets.
fn share_part(s: &ShareRule, p: Decimal, position: u32, of: u32) -> Decimal {
    if of == 1 {
        return p;
    }
    let round =
        |d: Decimal| d.round_dp_with_strategy(s.places, RoundingStrategy::MidpointAwayFromZero);
    let (first, other) = match s.first {
        Some(f) => {
            let first = round(p * f);
            (first, round((p - first) / Decimal::from(of - 1)))
        }
        None => {
            let each = round(p / Decimal::from(of));
            (each, each)
        }
    };
    if position == 1 {
        first
    } else if position < of {
        other
    } else {
        p - first - other * Decimal::from(of - 2)
    }
}

/// Whether `a` carries every qualifier of `qs`.
fn carries(a: &Act, qs: &[Qualifier]) -> bool {
    qs.iter().all(|q| a.qualifiers.contains(*q))
}

/// The total quantity of `acts` of `kinds` carrying `qs`.
fn quantity_of(acts: &[&Act], kinds: &[ActKind], qs: &[Qualifier]) -> u64 {
    acts.iter()
        .filter(|a| kinds.contains(&a.kind) && carries(a, qs))
        .map(|a| u64::from(a.quantity))
        .sum()
}

/// What one rule gives one unit in the period (after its caps), from the
/// unit's counted acts of the rule's kind.
fn rule_points(rule: &Rule, acts: &[&Act], unit: &RefUnit) -> Result<Decimal, String> {
    let capped = |v: Decimal| rule.cap.map_or(v, |c| within(v, c));
    if !rule.nth.is_empty() || rule.quota.is_some() {
        let n: u64 = match rule.count {
            CountBy::Occurrences => acts.iter().map(|a| u64::from(a.quantity)).sum(),
            CountBy::Members => acts
                .iter()
                .filter(|a| unit.members.contains(&a.deputy))
                .map(|a| a.deputy)
                .collect::<BTreeSet<_>>()
                .len() as u64,
        };
        let raw = if let Some(q) = &rule.quota {
            let target = u64::from(q.target);
            if n >= target {
                q.points + Decimal::from(n - target) * q.each_more
            } else {
                q.points + Decimal::from(target - n) * q.each_fewer
            }
        } else {
            let mut sum = Decimal::ZERO;
            for k in 1..=n {
                let step = rule
                    .nth
                    .iter()
                    .rfind(|s| u64::from(s.from) <= k)
                    .ok_or("nth without a step from 1")?;
                sum += step.points;
            }
            sum
        };
        return Ok(capped(raw));
    }
    // Each act's worth to the unit.
    let mut worth: Vec<(&Act, Decimal)> = Vec::new();
    for a in acts {
        if a.share().is_some() && rule.share.is_none() {
            return Err(format!("act {}: a share under a rule without share", a.id));
        }
        let base: Option<Decimal> = if !rule.points_by_role.is_empty() {
            a.role().and_then(|r| rule.points_by_role.get(&r).copied())
        } else if !rule.points_by_qualifier.is_empty() {
            rule.points_by_qualifier
                .iter()
                .find(|e| a.qualifiers.contains(e.qualifier))
                .map(|e| e.points)
        } else if !rule.tiers.is_empty() {
            let v = a
                .value()
                .ok_or_else(|| format!("act {}: no value for tiers", a.id))?;
            rule.tiers
                .iter()
                .find(|t| t.at_least.is_none_or(|lo| v >= lo) && t.below.is_none_or(|hi| v < hi))
                .map(|t| t.points)
        } else {
            Some(rule.points)
        };
        let Some(base) = base else {
            worth.push((a, Decimal::ZERO));
            continue;
        };
        let bonus: Decimal = rule
            .bonuses
            .iter()
            .filter(|b| carries(a, &b.qualifiers) && b.role.is_none_or(|r| a.role() == Some(r)))
            .map(|b| b.points)
            .sum();
        let p = (base + bonus) * Decimal::from(a.quantity);
        let part = match (a.share(), &rule.share) {
            (Some(s), Some(rs)) => share_part(rs, p, s.position, s.of),
            _ => p,
        };
        worth.push((a, part));
    }
    let sum = if rule.highest_only {
        let mut loose = Decimal::ZERO;
        let mut best: BTreeMap<u64, Decimal> = BTreeMap::new();
        for (a, w) in &worth {
            match a.item() {
                None => loose += *w,
                Some(item) => {
                    let b = best.entry(item).or_insert(*w);
                    if *w > *b {
                        *b = *w;
                    }
                }
            }
        }
        loose + best.values().copied().sum::<Decimal>()
    } else if let Some(qc) = rule.quarter_cap {
        let mut by_quarter: BTreeMap<u32, Decimal> = BTreeMap::new();
        for (a, w) in &worth {
            *by_quarter.entry(quarter_of(a.date)).or_default() += *w;
        }
        by_quarter.values().map(|v| within(*v, qc)).sum()
    } else {
        worth.iter().map(|(_, w)| *w).sum()
    };
    Ok(capped(sum))
}

/// The calendar quarters of `period` as (quarter, first day, last day).
fn quarters(period: Period) -> Vec<(u32, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for y in period.start().year()..=period.end().year() {
        for q in 0..4_u32 {
            let start = day(y, q * 3 + 1, 1);
            let end = if q == 3 {
                day(y, 12, 31)
            } else {
                day(y, q * 3 + 4, 1).pred_opt().unwrap()
            };
            let (s, e) = (start.max(period.start()), end.min(period.end()));
            if s <= e {
                out.push((q + 1, s, e));
            }
        }
    }
    out
}

/// Scores `acts` under `policy` for `period`, straight from LANGUAGE.md.
fn reference(
    policy: &PolicyData,
    roster: Option<&Roster>,
    period: Period,
    acts: &[Act],
) -> Result<RefCard, String> {
    // The first record of each id counts.
    let mut records: BTreeMap<RecordId, &Act> = BTreeMap::new();
    for a in acts {
        records.entry(a.id).or_insert(a);
    }
    if let Some(r) = roster {
        for a in records.values() {
            let on = r.deputies().iter().any(|d| d.id == a.deputy)
                || r.groups().iter().any(|g| g.id == a.deputy);
            if !on {
                return Err(format!("act {}: not on the roster", a.id));
            }
        }
    }
    // Corrections, from the highest id down: a record corrected by a record
    // that itself stands does not count.
    let mut stands: BTreeMap<RecordId, bool> = records.keys().map(|id| (*id, true)).collect();
    for (id, a) in records.iter().rev() {
        if !stands[id] {
            continue;
        }
        if let Some(c) = a.correction() {
            let t = c.target();
            match records.get(&t) {
                Some(target) if t < *id && target.deputy == a.deputy => {
                    stands.insert(t, false);
                }
                _ => return Err(format!("act {id}: bad correction")),
            }
        }
    }
    let counted: Vec<&Act> = records
        .values()
        .filter(|a| {
            stands[&a.id]
                && !matches!(a.correction(), Some(Correction::Annuls(_)))
                && a.claim == Claim::Verified
                && period.contains(a.date)
        })
        .copied()
        .collect();

    // Who is scored.
    let mut units: Vec<RefUnit> = Vec::new();
    match roster {
        Some(r) => {
            if policy.units != Units::Groups {
                for d in r.deputies() {
                    units.push(RefUnit {
                        id: d.id,
                        unit: Unit::Deputy,
                        roles: d.roles.clone(),
                        level: d.level,
                        members: Vec::new(),
                    });
                }
            }
            if policy.units != Units::Deputies {
                for g in r.groups() {
                    units.push(RefUnit {
                        id: g.id,
                        unit: Unit::Group,
                        roles: Vec::new(),
                        level: None,
                        members: r.members(g.id).map(|m| m.id).collect(),
                    });
                }
            }
        }
        None => {
            let ids: BTreeSet<DeputyId> = records.values().map(|a| a.deputy).collect();
            for id in ids {
                units.push(RefUnit {
                    id,
                    unit: Unit::Deputy,
                    roles: Vec::new(),
                    level: None,
                    members: Vec::new(),
                });
            }
        }
    }

    // Roster roles and level of whoever may do an act.
    let doers: BTreeMap<DeputyId, (Vec<Code>, Option<Level>)> = roster
        .map(|r| {
            r.deputies()
                .iter()
                .map(|d| (d.id, (d.roles.clone(), d.level)))
                .collect()
        })
        .unwrap_or_default();

    let mut card = RefCard::new();
    for u in &units {
        let own: Vec<&Act> = counted
            .iter()
            .filter(|a| a.deputy == u.id)
            .copied()
            .collect();
        let with_members = u.unit == Unit::Group && policy.group_acts == GroupActs::OwnAndMembers;
        let mine: Vec<&Act> = counted
            .iter()
            .filter(|a| a.deputy == u.id || (with_members && u.members.contains(&a.deputy)))
            .copied()
            .collect();
        // (category, points) of every rule, state, count and minimum.
        let mut items: Vec<(Option<Code>, Decimal)> = Vec::new();
        let mut conflicts = Vec::new();
        let mut missed = Vec::new();

        for rule in &policy.rules {
            // `when` looks at the unit scored (and, act by act, at whoever did
            // it: for a deputy, the same).
            let applies = |roles: &[Code], level: Option<Level>| {
                rule.when.as_ref().is_none_or(|w| {
                    (w.roles.is_empty() || w.roles.iter().any(|r| roles.contains(r)))
                        && (w.levels.is_empty() || level.is_some_and(|l| w.levels.contains(&l)))
                })
            };
            // A rule that does not apply to the unit gives it nothing, not
            // even a quota's points for no act (a group has no role or level).
            if !applies(&u.roles, u.level) {
                continue;
            }
            let of_kind: Vec<&Act> = mine
                .iter()
                .filter(|a| {
                    let (roles, level) = doers.get(&a.deputy).cloned().unwrap_or_default();
                    a.kind == rule.kind && applies(&roles, level)
                })
                .copied()
                .collect();
            items.push((rule.category, rule_points(rule, &of_kind, u)?));
        }

        for s in &policy.states {
            let subs: Vec<(Option<u32>, NaiveDate, NaiveDate)> = match s.per {
                Per::Year => vec![(None, period.start(), period.end())],
                Per::Quarter => quarters(period)
                    .into_iter()
                    .map(|(q, a, b)| (Some(q), a, b))
                    .collect(),
            };
            for (q, from, to) in subs {
                let recorded: BTreeSet<usize> = own
                    .iter()
                    .filter(|a| from <= a.date && a.date <= to)
                    .filter_map(|a| s.options.iter().position(|o| o.kind == a.kind))
                    .collect();
                match recorded.len() {
                    0 => {}
                    1 => {
                        let o = recorded.first().unwrap();
                        items.push((s.category, s.options[*o].points));
                    }
                    _ => {
                        let mut kinds: Vec<ActKind> =
                            recorded.iter().map(|o| s.options[*o].kind).collect();
                        kinds.sort();
                        conflicts.push(RefConflict {
                            state: s.code,
                            quarter: q,
                            kinds,
                        });
                    }
                }
            }
        }

        for c in &policy.counts {
            let holds = |r: &Requirement| -> bool {
                let ok =
                    |m: u64| r.at_least.is_none_or(|n| m >= n) && r.at_most.is_none_or(|n| m <= n);
                if r.each_member {
                    !u.members.is_empty()
                        && u.members.iter().all(|m| {
                            let theirs: Vec<&Act> =
                                counted.iter().filter(|a| a.deputy == *m).copied().collect();
                            ok(quantity_of(&theirs, &r.kinds, &r.qualifiers))
                        })
                } else if r.measure == Measure::Members {
                    let who: BTreeSet<DeputyId> = mine
                        .iter()
                        .filter(|a| {
                            u.members.contains(&a.deputy)
                                && r.kinds.contains(&a.kind)
                                && carries(a, &r.qualifiers)
                        })
                        .map(|a| a.deputy)
                        .collect();
                    ok(who.len() as u64)
                } else {
                    ok(quantity_of(&mine, &r.kinds, &r.qualifiers))
                }
            };
            if c.require.iter().all(holds) {
                items.push((c.category, c.points));
            }
        }

        for m in &policy.minimums {
            if quantity_of(&mine, &m.kinds, &m.qualifiers) < m.at_least {
                missed.push(m.code);
                items.push((m.category, m.deduction.unwrap_or_default()));
            }
        }

        // A disqualifying veto wins; otherwise the first veto forcing a band.
        let vetoed = |v: &&Veto| mine.iter().any(|a| a.kind == v.kind);
        let veto = policy
            .vetoes
            .iter()
            .filter(vetoed)
            .find(|v| v.disqualify)
            .or_else(|| policy.vetoes.iter().find(vetoed));

        // Categories: start + items + children, held within floor ..= cap.
        fn subtotal(i: usize, cats: &[Category], items: &[(Option<Code>, Decimal)]) -> Decimal {
            let c = &cats[i];
            let mut sum = c.start.unwrap_or_default();
            sum += items
                .iter()
                .filter(|(k, _)| *k == Some(c.code))
                .map(|(_, p)| *p)
                .sum::<Decimal>();
            for (j, child) in cats.iter().enumerate() {
                if child.parent == Some(c.code) {
                    sum += subtotal(j, cats, items);
                }
            }
            clamp(sum, c.floor, c.cap)
        }
        let categories: Vec<(Code, Decimal)> = (0..policy.categories.len())
            .map(|i| {
                (
                    policy.categories[i].code,
                    subtotal(i, &policy.categories, &items),
                )
            })
            .collect();
        let mut total = policy.base.unwrap_or_default();
        for (i, c) in policy.categories.iter().enumerate() {
            if c.parent.is_none() {
                total += categories[i].1;
            }
        }
        total += items
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, p)| *p)
            .sum::<Decimal>();
        let total = clamp(total, policy.floor, policy.ceiling);

        let disqualified = veto.is_some_and(|v| v.disqualify);
        let band = if disqualified {
            None
        } else if let Some(b) = veto.and_then(|v| v.band.clone()) {
            Some(b)
        } else {
            policy
                .bands
                .iter()
                .find(|b| {
                    b.at_least.is_none_or(|lo| total >= lo) && b.below.is_none_or(|hi| total < hi)
                })
                .map(|b| b.code.clone())
        };
        conflicts.sort();
        card.insert(
            u.id,
            RefEntry {
                unit: u.unit,
                total,
                rank: 0,
                band,
                disqualified,
                outcome: None,
                award: None,
                missed,
                conflicts,
                categories,
            },
        );
    }

    // Ranks and outcomes, among units of the same kind.
    let snapshot = card.clone();
    for e in card.values_mut() {
        let same: Vec<&RefEntry> = snapshot.values().filter(|o| o.unit == e.unit).collect();
        let higher = same.iter().filter(|o| o.total > e.total).count();
        let lower = same.iter().filter(|o| o.total < e.total).count();
        e.rank = u32::try_from(higher + 1).unwrap();
        if e.disqualified {
            continue;
        }
        let found = policy.outcomes.iter().find(|o| {
            o.top.is_some_and(|n| e.rank <= n)
                || o.ranks.is_some_and(|r| r.from <= e.rank && e.rank <= r.to)
                || o.bottom.is_some_and(|n| (lower as u64) < u64::from(n))
        });
        if let Some(o) = found {
            e.outcome = Some(o.code);
            e.award = o.award;
        }
    }
    Ok(card)
}

// ---------------------------------------------------------------------------
// Random policies, rosters and acts
// ---------------------------------------------------------------------------

const QUALS: [&str; 3] = ["qa", "qb", "qc"];
const ACT_ROLES: [&str; 3] = ["lead", "cosign", "other"];
const ROSTER_ROLES: [&str; 2] = ["sc", "head"];
/// Kinds 1–5 may have rules, 6–9 are state options, 10–11 are only
/// measured, 12 is the veto kind.
const RULE_KINDS: [u16; 5] = [1, 2, 3, 4, 5];
const VALUES: [&str; 12] = [
    "30", "40", "45", "50", "59.5", "60", "75", "80", "85", "89.9", "90", "100",
];

/// Reads choices from random bytes; a zero byte (where proptest shrinks to)
/// is always the simplest choice, and the bytes read as zero once used up.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, at: 0 }
    }
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn pick(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }
    /// True about `pct` percent of the time; false on a zero byte.
    fn chance(&mut self, pct: u32) -> bool {
        u32::from(self.byte()) * 100 >= (100 - pct) * 256
    }
    fn from<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.pick(xs.len())]
    }
    fn points(&mut self) -> Decimal {
        dec(self.from(&["1", "2", "3", "0.5", "5", "1.5", "10", "4"]))
    }
}

fn tier(at_least: Option<&str>, below: Option<&str>, points: &str) -> Tier {
    Tier {
        at_least: at_least.map(dec),
        below: below.map(dec),
        points: dec(points),
    }
}

fn in_force() -> InForce {
    InForce {
        start: day(2020, 1, 1),
        end: day(2030, 12, 31),
    }
}

/// A random policy in the language.
fn gen_policy(b: &mut Bytes) -> PolicyData {
    let units = [Units::Deputies, Units::Deputies, Units::Groups, Units::Both][b.pick(4)];
    let group_acts = if b.pick(3) == 2 {
        GroupActs::Own
    } else {
        GroupActs::OwnAndMembers
    };
    let members_ok = units != Units::Deputies && group_acts == GroupActs::OwnAndMembers;

    let ncat = b.pick(4);
    let mut categories = Vec::new();
    for i in 0..ncat {
        let mut c = Category::new(
            code(&format!("c{i}")),
            &format!("类别{i}"),
            &format!("cat {i}"),
        );
        if i > 0 {
            let p = b.pick(i + 1);
            if p > 0 {
                c.parent = Some(code(&format!("c{}", p - 1)));
            }
        }
        if b.chance(30) {
            c.start = Some(Decimal::from(b.from(&[5, 10, 20])));
        }
        if b.chance(40) {
            c.cap = Some(Decimal::from(b.from(&[3, 5, 10, 20])));
        }
        if b.chance(30) {
            let f = Decimal::from(b.from(&[-5, -2, 0, 2]));
            if c.cap.is_none_or(|cap| f <= cap) {
                c.floor = Some(f);
            }
        }
        categories.push(c);
    }
    let pick_cat = |b: &mut Bytes| -> Option<Code> {
        let i = b.pick(ncat + 1);
        (i > 0).then(|| code(&format!("c{}", i - 1)))
    };

    let mut rules = Vec::new();
    for k in RULE_KINDS {
        if b.chance(15) {
            continue;
        }
        let mut r = Rule::new(local(k), Decimal::ZERO);
        let mech = b.pick(6);
        let mut negative = false;
        match mech {
            0 => {
                negative = b.chance(25);
                let p = b.points();
                r.points = if negative { -p } else { p };
            }
            1 => {
                for role in ACT_ROLES {
                    if b.chance(70) {
                        r.points_by_role.insert(code(role), b.points());
                    }
                }
                if r.points_by_role.is_empty() {
                    r.points_by_role.insert(code("lead"), b.points());
                }
            }
            2 => {
                let mut qs = QUALS.to_vec();
                qs.rotate_left(b.pick(3));
                let n = 1 + b.pick(3);
                for q in qs.iter().take(n) {
                    r.points_by_qualifier.push(QualifierPoints {
                        qualifier: qual(q),
                        points: b.points(),
                    });
                }
            }
            3 => {
                r.tiers = match b.pick(3) {
                    0 => vec![
                        tier(Some("90"), None, "15"),
                        tier(Some("80"), Some("90"), "11"),
                    ],
                    1 => vec![tier(Some("50"), None, "3"), tier(None, Some("50"), "1")],
                    _ => vec![
                        tier(Some("80"), None, "5"),
                        tier(Some("60"), Some("80"), "3"),
                        tier(Some("40"), Some("60"), "1"),
                    ],
                };
            }
            4 => {
                r.nth = vec![NthStep {
                    from: 1,
                    points: b.points(),
                }];
                let mut from = 1;
                for _ in 0..b.pick(3) {
                    from += 1 + u32::try_from(b.pick(3)).unwrap();
                    let points = if b.chance(20) {
                        Decimal::ZERO
                    } else {
                        b.points()
                    };
                    r.nth.push(NthStep { from, points });
                }
            }
            _ => {
                r.quota = Some(Quota {
                    target: 1 + u32::try_from(b.pick(4)).unwrap(),
                    points: b.points(),
                    each_more: if b.chance(20) {
                        Decimal::ZERO
                    } else {
                        b.points()
                    },
                    each_fewer: -b.points(),
                });
            }
        }
        let counted = mech >= 4;
        if counted && members_ok && b.chance(40) {
            r.count = CountBy::Members;
        }
        if !counted {
            for _ in 0..b.pick(3) {
                let bits = b.byte();
                let qualifiers: Vec<Qualifier> = QUALS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, q)| qual(q))
                    .collect();
                let role = match b.pick(4) {
                    0 => None,
                    i => Some(code(ACT_ROLES[i - 1])),
                };
                let qualifiers = if qualifiers.is_empty() && role.is_none() {
                    vec![qual("qa")]
                } else {
                    qualifiers
                };
                let p = b.points();
                let bonus = Bonus {
                    qualifiers,
                    role,
                    points: if negative { -p } else { p },
                    label_zh: None,
                    label_en: None,
                };
                if !r
                    .bonuses
                    .iter()
                    .any(|o| o.qualifiers == bonus.qualifiers && o.role == bonus.role)
                {
                    r.bonuses.push(bonus);
                }
            }
            if b.chance(25) {
                r.share = Some(ShareRule {
                    first: [None, Some(dec("0.5")), Some(dec("0.6"))][b.pick(3)],
                    places: u32::try_from(b.pick(3)).unwrap(),
                    at_most: b.chance(30).then_some(3),
                });
            }
            if !negative && b.chance(35) {
                r.highest_only = true;
            }
        }
        if b.chance(30) {
            r.cap = Some(Decimal::from(b.from(&[2, 5, 8, 12])));
        }
        if !counted && !r.highest_only && b.chance(15) {
            r.quarter_cap = Some(Decimal::from(b.from(&[2, 3, 5])));
        }
        if b.chance(15) {
            let bits = b.byte();
            let roles: Vec<Code> = ROSTER_ROLES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, c)| code(c))
                .collect();
            let levels: Vec<Level> = Level::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << (i + 2)) != 0)
                .map(|(_, l)| *l)
                .collect();
            r.when = Some(if roles.is_empty() && levels.is_empty() {
                When {
                    roles: vec![code("sc")],
                    levels: vec![],
                }
            } else {
                When { roles, levels }
            });
        }
        r.category = pick_cat(b);
        rules.push(r);
    }

    let mut states = Vec::new();
    for (i, kinds) in [[6, 7], [8, 9]].iter().enumerate().take(b.pick(3)) {
        let mut options = Vec::new();
        for k in kinds {
            let points = if b.chance(20) {
                Decimal::ZERO
            } else {
                b.points()
            };
            options.push(StateOption {
                kind: local(*k),
                points,
            });
        }
        states.push(State {
            code: code(&format!("s{i}")),
            label_zh: format!("情形{i}"),
            label_en: format!("state {i}"),
            category: pick_cat(b),
            per: if b.chance(35) {
                Per::Quarter
            } else {
                Per::Year
            },
            options,
        });
    }

    // Kinds counts and minimums may measure (no state kinds).
    let measurable: Vec<ActKind> = RULE_KINDS
        .iter()
        .map(|k| local(*k))
        .chain([local(10), local(11)])
        .collect();
    let pick_kinds = |b: &mut Bytes| -> Vec<ActKind> {
        let start = b.pick(measurable.len());
        let n = 1 + b.pick(2);
        (0..n)
            .map(|i| measurable[(start + i) % measurable.len()])
            .collect()
    };
    let pick_quals = |b: &mut Bytes| -> Vec<Qualifier> {
        if b.chance(30) {
            vec![qual(b.from(&QUALS))]
        } else {
            vec![]
        }
    };

    let mut counts = Vec::new();
    for i in 0..b.pick(3) {
        let mut require = Vec::new();
        for _ in 0..1 + b.pick(2) {
            let mut r = Requirement::new(pick_kinds(b));
            r.qualifiers = pick_quals(b);
            r = match b.pick(3) {
                0 => r.at_least(1 + b.pick(3) as u64),
                1 => r.at_most(b.pick(3) as u64),
                _ => {
                    let a = b.pick(3) as u64;
                    r.at_least(a).at_most(a + b.pick(3) as u64)
                }
            };
            if members_ok {
                match b.pick(4) {
                    2 => r.measure = Measure::Members,
                    3 => r.each_member = true,
                    _ => {}
                }
            }
            require.push(r);
        }
        counts.push(CountRule {
            code: code(&format!("n{i}")),
            label_zh: format!("计数{i}"),
            label_en: format!("count {i}"),
            category: pick_cat(b),
            points: b.points(),
            require,
        });
    }

    let mut minimums = Vec::new();
    for i in 0..b.pick(3) {
        let mut m = Minimum::new(
            code(&format!("m{i}")),
            &format!("最低{i}"),
            &format!("minimum {i}"),
            pick_kinds(b),
            1 + b.pick(3) as u64,
        );
        m.qualifiers = pick_quals(b);
        m.deduction = match b.pick(3) {
            0 => Some(-b.points()),
            1 => None,
            _ => Some(Decimal::ZERO),
        };
        m.category = pick_cat(b);
        minimums.push(m);
    }

    // At most one veto that disqualifies and at most one that forces a
    // band, in either order: a disqualifying one wins
    // (`a_disqualifying_veto_wins_whatever_the_order`).
    let mut vetoes = Vec::new();
    if b.chance(15) {
        vetoes.push(Veto {
            kind: local(b.from(&[12, 11])),
            band: None,
            disqualify: true,
        });
    }
    if b.chance(15) {
        let kind = local(b.from(&[12, 11]));
        if !vetoes.iter().any(|v| v.kind == kind) {
            vetoes.push(Veto {
                kind,
                band: Some("poor".to_owned()),
                disqualify: false,
            });
        }
    }
    if b.chance(50) {
        vetoes.reverse();
    }

    let mut outcomes = Vec::new();
    for i in 0..b.pick(4) {
        let mut o = OutcomeCategory {
            code: code(&format!("o{i}")),
            label_zh: format!("等次{i}"),
            label_en: format!("outcome {i}"),
            top: None,
            ranks: None,
            bottom: None,
            award: None,
        };
        match b.pick(3) {
            0 => o.top = Some(1 + u32::try_from(b.pick(3)).unwrap()),
            1 => {
                let from = 1 + u32::try_from(b.pick(4)).unwrap();
                o.ranks = Some(RankRange {
                    from,
                    to: from + u32::try_from(b.pick(3)).unwrap(),
                });
            }
            _ => o.bottom = Some(1 + u32::try_from(b.pick(2)).unwrap()),
        }
        if b.chance(30) {
            o.award = Some(Decimal::from(b.from(&[100, 150])));
        }
        outcomes.push(o);
    }

    let base = b
        .chance(40)
        .then(|| Decimal::from(b.from(&[0, 10, 50, 60])));
    let floor = b.chance(25).then(|| Decimal::from(b.from(&[0, -5, 40])));
    let ceiling = b
        .chance(25)
        .then(|| Decimal::from(b.from(&[20, 30, 100])))
        .filter(|c| floor.is_none_or(|f| f <= *c));

    PolicyData {
        base,
        floor,
        ceiling,
        units,
        group_acts,
        local_kinds: (1..=12)
            .map(|c| LocalKind {
                code: c,
                label_zh: format!("事项{c}"),
                label_en: format!("kind {c}"),
            })
            .collect(),
        roles: ROSTER_ROLES.iter().map(|c| term(c)).collect(),
        act_roles: ACT_ROLES.iter().map(|c| term(c)).collect(),
        qualifiers: QUALS.iter().map(|c| term(c)).collect(),
        categories,
        rules,
        states,
        counts,
        minimums,
        vetoes,
        outcomes,
        bands: vec![
            Band::new("good", "好", "good").at_least(dec("10")),
            Band::new("fair", "较好", "fair")
                .at_least(dec("0"))
                .below(dec("10")),
            Band::new("poor", "差", "poor").below(dec("0")),
        ],
        ..PolicyData::new("随机", "1", in_force())
    }
}

/// A random roster of 2 to 8 deputies, in groups when groups are scored
/// (and sometimes otherwise).
fn gen_roster(b: &mut Bytes, policy: &PolicyData) -> Roster {
    let ndep = 2 + b.pick(7);
    let ngroups = if policy.units != Units::Deputies {
        1 + b.pick(3)
    } else if b.chance(40) {
        1 + b.pick(2)
    } else {
        0
    };
    let group_id = |i: usize| DeputyId::new(900 + u32::try_from(i).unwrap());
    let groups = (0..ngroups)
        .map(|i| RosterGroup {
            id: group_id(i),
            name: format!("第{i}小组"),
        })
        .collect();
    let mut deputies = Vec::new();
    for i in 0..ndep {
        let mut d = RosterDeputy::new(
            DeputyId::new(u32::try_from(i + 1).unwrap()),
            &format!("代表{i}"),
        );
        if ngroups > 0 {
            let g = b.pick(ngroups + 1);
            d.group = (g > 0).then(|| group_id(g - 1));
        }
        d.level = match b.pick(6) {
            0 => None,
            l => Some(Level::ALL[l - 1]),
        };
        let bits = b.byte();
        d.roles = ROSTER_ROLES
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, c)| code(c))
            .collect();
        deputies.push(d);
    }
    Roster::new(RosterData { groups, deputies }).unwrap()
}

/// What the acts may include.
#[derive(Debug, Clone, Copy)]
struct ActOpts {
    corrections: bool,
    /// A correcting record takes the date of the record it corrects.
    same_date: bool,
}

const ALL_ACTS: ActOpts = ActOpts {
    corrections: true,
    same_date: false,
};
const NO_CORRECTIONS: ActOpts = ActOpts {
    corrections: false,
    same_date: false,
};

/// One act's body: everything but its id, deputy and correction.
fn gen_body(b: &mut Bytes, id: RecordId, deputy: DeputyId, policy: &PolicyData) -> Act {
    let kind = match b.pick(13) {
        12 => StandardKind::Training.into(),
        k => local(u16::try_from(k + 1).unwrap()),
    };
    let d = b.byte();
    let date = match d % 16 {
        i @ 0..=7 => [
            day(2025, 1, 1),
            day(2025, 3, 31),
            day(2025, 4, 1),
            day(2025, 6, 30),
            day(2025, 7, 1),
            day(2025, 9, 30),
            day(2025, 10, 1),
            day(2025, 12, 31),
        ][usize::from(i)],
        15 => [day(2024, 12, 31), day(2026, 1, 1)][usize::from(d / 16 % 2)],
        _ => NaiveDate::from_yo_opt(2025, 1 + u32::from(b.byte()) * 365 / 256).unwrap(),
    };
    let claim = match b.byte() {
        0..=219 => Claim::Verified,
        220..=239 => Claim::Pending,
        _ => Claim::Rejected,
    };
    let quantity = match b.byte() {
        0..=179 => 1,
        x => 2 + u32::from(x % 2),
    };
    let mut act = Act::new(id, deputy, date, kind)
        .with_claim(claim)
        .with_quantity(quantity);
    let bits = b.byte();
    for (i, q) in QUALS.iter().enumerate() {
        if bits & (1 << i) != 0 {
            act = act.with_qualifier(qual(q));
        }
    }
    if let i @ 1..=3 = b.pick(4) {
        act = act.with_role(code(ACT_ROLES[i - 1]));
    }
    if let i @ 1..=3 = b.pick(4) {
        act = act.with_item(i as u64);
    }
    let rule = policy.rules.iter().find(|r| r.kind == kind);
    if let Some(s) = rule.and_then(|r| r.share.as_ref())
        && b.pick(3) > 0
    {
        let max = s.at_most.unwrap_or(4) as usize;
        let of = 1 + b.pick(max);
        let position = 1 + b.pick(of);
        act = act.with_share(u32::try_from(position).unwrap(), u32::try_from(of).unwrap());
    }
    if rule.is_some_and(|r| !r.tiers.is_empty()) {
        act = act.with_value(dec(b.from(&VALUES)));
    }
    act
}

/// Random acts with ids 1, 2, …, of the roster's deputies (and groups when
/// groups are scored), some of them correcting earlier records.
fn gen_acts(raw: &[[u8; 16]], policy: &PolicyData, roster: &Roster, opts: ActOpts) -> Vec<Act> {
    let mut actors: Vec<DeputyId> = roster.deputies().iter().map(|d| d.id).collect();
    if policy.units != Units::Deputies {
        actors.extend(roster.groups().iter().map(|g| g.id));
    }
    let mut acts: Vec<Act> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let mut b = Bytes::new(r);
        let id = RecordId::new(i as u64 + 1);
        let corr = b.byte();
        let pick = b.pick(acts.len().max(1));
        let target = (opts.corrections && corr >= 200)
            .then(|| acts.get(pick).cloned())
            .flatten();
        let deputy = match &target {
            Some(t) => t.deputy,
            None => actors[b.pick(actors.len())],
        };
        let mut act = gen_body(&mut b, id, deputy, policy);
        if let Some(t) = target {
            if opts.same_date {
                act.date = t.date;
            }
            act = if corr < 230 {
                act.correcting(Correction::Amends(t.id))
            } else {
                act.correcting(Correction::Annuls(t.id))
            };
        }
        acts.push(act);
    }
    acts
}

/// A policy, a roster and acts.
#[derive(Debug, Clone)]
struct Case {
    data: PolicyData,
    policy: Policy,
    roster: Roster,
    acts: Vec<Act>,
}

impl Case {
    fn scorer(&self) -> Scorer<'_> {
        Scorer::new(&self.policy, year())
            .unwrap()
            .with_roster(&self.roster)
            .unwrap()
    }

    /// The case as JSON, to reproduce a failure.
    fn describe(&self) -> String {
        format!(
            "policy: {}\nroster: {}\nacts: {}",
            serde_json::to_string(&self.data).unwrap(),
            serde_json::to_string(&self.roster).unwrap(),
            serde_json::to_string(&self.acts).unwrap()
        )
    }
}

fn build_case(p: &[u8], r: &[u8], a: &[[u8; 16]], opts: ActOpts) -> Case {
    let data = gen_policy(&mut Bytes::new(p));
    let policy = Policy::new(data.clone())
        .unwrap_or_else(|e| panic!("generated policy invalid: {e}\n{data:?}"));
    let roster = gen_roster(&mut Bytes::new(r), &data);
    let acts = gen_acts(a, &data, &roster, opts);
    Case {
        data,
        policy,
        roster,
        acts,
    }
}

fn cases(opts: ActOpts) -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(any::<u8>(), 160),
        prop::collection::vec(any::<u8>(), 40),
        prop::collection::vec(any::<[u8; 16]>(), 0..=40),
    )
        .prop_map(move |(p, r, a)| build_case(&p, &r, &a, opts))
}

// ---------------------------------------------------------------------------
// Comparing a scorecard with the reference
// ---------------------------------------------------------------------------

/// Checks every entry of `card` against the reference: unit, total, rank,
/// band, disqualification, outcome and award, missed minimums, conflicts and
/// category subtotals.
fn agree(card: &Scorecard, want: &RefCard) -> Result<(), String> {
    let got: BTreeSet<DeputyId> = card.entries.iter().map(|e| e.deputy).collect();
    let expected: BTreeSet<DeputyId> = want.keys().copied().collect();
    if got != expected || card.entries.len() != want.len() {
        return Err(format!("entries {got:?}, expected {expected:?}"));
    }
    for e in &card.entries {
        let w = &want[&e.deputy];
        let mut conflicts: Vec<RefConflict> = e
            .conflicts
            .iter()
            .map(|c| {
                let mut kinds = c.kinds.clone();
                kinds.sort();
                RefConflict {
                    state: c.state,
                    quarter: c.quarter,
                    kinds,
                }
            })
            .collect();
        conflicts.sort();
        let categories: Vec<(Code, Decimal)> =
            e.categories.iter().map(|c| (c.code, c.points)).collect();
        let got = RefEntry {
            unit: e.unit,
            total: e.total,
            rank: e.rank,
            band: e.band.as_deref().map(str::to_owned),
            disqualified: e.disqualified,
            outcome: e.outcome,
            award: e.award,
            missed: e.missed.clone(),
            conflicts,
            categories,
        };
        if got != *w {
            return Err(format!(
                "unit {}:\n engine    {got:?}\n reference {w:?}\n ledger {:?}",
                e.deputy, e.ledger
            ));
        }
    }
    Ok(())
}

/// A tiny deterministic shuffle (xorshift), so a seed gives a permutation.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    seed |= 1;
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let j = usize::try_from(seed % (i as u64 + 1)).unwrap();
        v.swap(i, j);
    }
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// The engine agrees with the reference on every unit. A wrong engine
    /// (a cap applied per act, a state conflict summed, a member's act not
    /// counted for its group, a correction resolved from the lowest id up, a
    /// quota skipped for a unit with no act, …) gives another total, missed
    /// list, conflict list or outcome for some unit.
    #[test]
    fn engine_agrees_with_reference(case in cases(ALL_ACTS)) {
        let want = reference(&case.data, Some(&case.roster), year(), &case.acts);
        let got = case.scorer().score(&case.acts);
        match (got, want) {
            (Ok(card), Ok(want)) => {
                if let Err(e) = agree(&card, &want) {
                    return Err(TestCaseError::fail(format!("{e}\n{}", case.describe())));
                }
            }
            (got, want) => prop_assert!(
                false,
                "engine {:?} / reference {:?}\n{}",
                got.err(),
                want.err(),
                case.describe()
            ),
        }
    }

    /// `total = base + Σ ledger points`. A wrong engine that leaves out a
    /// line (a category's start, a cut by a category cap, a minimum's
    /// deduction, a floor) breaks the sum. A cut or a lift is written only
    /// when it moves the points: a subtotal exactly at its cap or floor
    /// has no line for it; nor has a rule without occurrences.
    #[test]
    fn ledger_adds_up(case in cases(ALL_ACTS)) {
        let card = case.scorer().score(&case.acts).unwrap();
        let base = case.data.base.unwrap_or_default();
        for e in &card.entries {
            let sum: Decimal = e.ledger.iter().map(|l| l.points).sum();
            prop_assert_eq!(base + sum, e.total, "unit {}\n{}", e.deputy, case.describe());
            for l in &e.ledger {
                let adjustment = matches!(
                    l.item,
                    LineItem::QuarterCap
                        | LineItem::RuleCap
                        | LineItem::CategoryCap(_)
                        | LineItem::CategoryFloor(_)
                        | LineItem::Floor
                        | LineItem::Ceiling
                );
                prop_assert!(!adjustment || !l.points.is_zero(),
                    "unit {}: a line of 0 points, {:?}\n{}", e.deputy, l, case.describe());
                // A rule writes a line of occurrences only for occurrences
                // there are (a quota's line may count none).
                let occurrences = matches!(
                    l.item,
                    LineItem::Points
                        | LineItem::Role(_)
                        | LineItem::Qualified(_)
                        | LineItem::Tier(_)
                        | LineItem::Bonus(_)
                        | LineItem::Nth
                );
                prop_assert!(!occurrences || l.count > 0,
                    "unit {}: a line of no occurrences, {:?}\n{}", e.deputy, l, case.describe());
            }
        }
    }

    /// Every category subtotal lies within its floor and cap, and every
    /// category of the policy has exactly one subtotal. A wrong engine that
    /// clamps only top-level categories, or clamps before adding a child,
    /// gives a subtotal outside its bounds.
    #[test]
    fn categories_stay_within_their_bounds(case in cases(ALL_ACTS)) {
        let card = case.scorer().score(&case.acts).unwrap();
        for e in &card.entries {
            let codes: Vec<Code> = e.categories.iter().map(|c| c.code).collect();
            let declared: Vec<Code> = case.data.categories.iter().map(|c| c.code).collect();
            prop_assert_eq!(codes, declared, "unit {}", e.deputy);
            for (c, decl) in e.categories.iter().zip(&case.data.categories) {
                prop_assert!(decl.cap.is_none_or(|cap| c.points <= cap),
                    "unit {} category {} = {} above cap {:?}\n{}", e.deputy, c.code, c.points, decl.cap, case.describe());
                prop_assert!(decl.floor.is_none_or(|f| c.points >= f),
                    "unit {} category {} = {} below floor {:?}\n{}", e.deputy, c.code, c.points, decl.floor, case.describe());
                prop_assert_eq!(c.parent, decl.parent);
            }
        }
    }

    /// Conflicting states never both count: a unit with two options of a
    /// state in one sub-period has the conflict listed and a Conflict line,
    /// and its State lines for that state give exactly the sub-periods with a
    /// single option. A wrong engine that adds both options (or keeps the
    /// first) fails the sum of the State lines.
    #[test]
    fn conflicting_states_never_both_count(case in cases(NO_CORRECTIONS)) {
        let card = case.scorer().score(&case.acts).unwrap();
        for e in &card.entries {
            let own: Vec<&Act> = case.acts.iter()
                .filter(|a| a.deputy == e.deputy && a.claim == Claim::Verified && year().contains(a.date))
                .collect();
            for s in &case.data.states {
                let subs: Vec<(Option<u32>, NaiveDate, NaiveDate)> = match s.per {
                    Per::Year => vec![(None, year().start(), year().end())],
                    Per::Quarter => quarters(year()).into_iter().map(|(q, a, b)| (Some(q), a, b)).collect(),
                };
                let mut expected = Decimal::ZERO;
                let mut conflicted = 0;
                for (q, from, to) in subs {
                    let options: BTreeSet<usize> = own.iter()
                        .filter(|a| from <= a.date && a.date <= to)
                        .filter_map(|a| s.options.iter().position(|o| o.kind == a.kind))
                        .collect();
                    let listed = e.conflicts.iter().any(|c| c.state == s.code && c.quarter == q);
                    prop_assert_eq!(listed, options.len() > 1,
                        "unit {} state {} quarter {:?}: options {:?}, conflicts {:?}\n{}",
                        e.deputy, s.code, q, options, e.conflicts, case.describe());
                    if options.len() == 1 {
                        expected += s.options[*options.first().unwrap()].points;
                    }
                    if options.len() > 1 {
                        conflicted += 1;
                    }
                }
                // Lines name a state by its index in the policy.
                let si = u16::try_from(case.data.states.iter().position(|x| x.code == s.code).unwrap()).unwrap();
                let state_lines: Vec<_> = e.ledger.iter()
                    .filter(|l| matches!(l.item, LineItem::State { state, .. } if state == si))
                    .collect();
                let given: Decimal = state_lines.iter().map(|l| l.points).sum();
                prop_assert_eq!(given, expected, "unit {} state {}\n{:?}\n{}", e.deputy, s.code, e.ledger, case.describe());
                let conflict_line = e.ledger.iter().any(|l| l.item == LineItem::Conflict(si));
                prop_assert_eq!(conflict_line, conflicted > 0, "unit {} state {}: conflict line", e.deputy, s.code);
                if s.per == Per::Year && conflicted > 0 {
                    prop_assert!(state_lines.is_empty(), "unit {} state {}: a State line beside a conflict", e.deputy, s.code);
                }
            }
        }
    }

    /// Every roster entry of a scored kind has exactly one entry, of the
    /// right unit, and nobody else has one. A wrong engine that scores only
    /// units with acts, or scores a deputy's acts as a group's, fails.
    #[test]
    fn every_roster_entry_is_present_once(case in cases(ALL_ACTS)) {
        let card = case.scorer().score(&case.acts).unwrap();
        let mut want: Vec<(DeputyId, Unit)> = Vec::new();
        if case.data.units != Units::Groups {
            want.extend(case.roster.deputies().iter().map(|d| (d.id, Unit::Deputy)));
        }
        if case.data.units != Units::Deputies {
            want.extend(case.roster.groups().iter().map(|g| (g.id, Unit::Group)));
        }
        want.sort();
        let mut got: Vec<(DeputyId, Unit)> = card.entries.iter().map(|e| (e.deputy, e.unit)).collect();
        got.sort();
        prop_assert_eq!(got, want);
        for e in &card.entries {
            let name = case.roster.deputies().iter().find(|d| d.id == e.deputy).map(|d| d.name.clone())
                .or_else(|| case.roster.groups().iter().find(|g| g.id == e.deputy).map(|g| g.name.clone()));
            prop_assert_eq!(e.name.as_deref(), name.as_deref());
        }
    }

    /// Shuffling the acts changes nothing. A wrong engine whose nth steps,
    /// highest-only choice, corrections or first-seen bookkeeping depend on
    /// the order of the acts gives another scorecard.
    #[test]
    fn shuffling_changes_nothing(case in cases(ALL_ACTS), seed in any::<u64>()) {
        let scorer = case.scorer();
        let card = scorer.score(&case.acts).unwrap();
        let mut shuffled = case.acts.clone();
        shuffle(&mut shuffled, seed);
        // Correction notes too are in record order whatever the order of
        // the acts (`correction_notes_do_not_depend_on_the_order_of_the_acts`).
        prop_assert_eq!(scorer.score(&shuffled).unwrap(), card, "{}", case.describe());
    }

    /// Giving every act twice (same ids) changes nothing but the list of
    /// duplicates. A wrong engine that counts a repeat (or lets a repeated
    /// correction act twice) gives other totals.
    #[test]
    fn duplicating_every_act_changes_only_the_duplicates(case in cases(ALL_ACTS)) {
        let scorer = case.scorer();
        let card = scorer.score(&case.acts).unwrap();
        let twice: Vec<Act> = case.acts.iter().chain(&case.acts).cloned().collect();
        let mut again = scorer.score(&twice).unwrap();
        let mut ids: Vec<RecordId> = case.acts.iter().map(|a| a.id).collect();
        ids.sort();
        prop_assert_eq!(&again.stats.duplicates, &ids);
        again.stats.duplicates.clear();
        prop_assert_eq!(again, card, "{}", case.describe());
    }

    /// An act amended (a later record with other values) counts as the
    /// amendment; the amendment annulled by a still later record, the act
    /// counts as first recorded. A wrong engine that resolves corrections
    /// from the lowest id up (so the annulled amendment still knocks out the
    /// original), or lets an annulment count, gives other totals.
    #[test]
    fn correction_then_annulment_restores_the_original(
        case in cases(NO_CORRECTIONS),
        pick in any::<prop::sample::Index>(),
        body in any::<[u8; 16]>(),
    ) {
        if case.acts.is_empty() {
            return Ok(());
        }
        let scorer = case.scorer();
        let original = scorer.score(&case.acts).unwrap();
        let target = case.acts[pick.index(case.acts.len())].clone();
        let next = case.acts.len() as u64 + 1;
        let amendment = gen_body(&mut Bytes::new(&body), RecordId::new(next), target.deputy, &case.data)
            .correcting(Correction::Amends(target.id));
        let annulment = Act::new(RecordId::new(next + 1), target.deputy, day(2025, 6, 1), local(10))
            .correcting(Correction::Annuls(amendment.id));

        // Amended: as if the act had the amendment's values.
        let mut amended = case.acts.clone();
        amended.push(amendment.clone());
        let mut replaced: Vec<Act> = case.acts.iter().filter(|a| a.id != target.id).cloned().collect();
        let mut rebuilt = amendment.clone();
        rebuilt.id = target.id;
        if let Some(d) = rebuilt.detail.as_mut() {
            d.correction = None;
        }
        replaced.push(rebuilt);
        let amended_card = scorer.score(&amended).unwrap();
        let replaced_card = scorer.score(&replaced).unwrap();
        for e in &replaced_card.entries {
            let a = amended_card.entry(e.deputy).unwrap();
            prop_assert_eq!(a.total, e.total, "amended unit {}\n{}", e.deputy, case.describe());
            prop_assert_eq!(&a.ledger, &e.ledger);
            prop_assert_eq!(&a.missed, &e.missed);
            prop_assert_eq!(&a.conflicts, &e.conflicts);
        }

        // Annulled amendment: as first recorded.
        let mut restored = amended.clone();
        restored.push(annulment);
        let restored_card = scorer.score(&restored).unwrap();
        for e in &original.entries {
            let r = restored_card.entry(e.deputy).unwrap();
            prop_assert_eq!(r.total, e.total, "restored unit {}\n{}", e.deputy, case.describe());
            prop_assert_eq!(&r.ledger, &e.ledger);
            prop_assert_eq!(&r.missed, &e.missed);
            prop_assert_eq!(&r.conflicts, &e.conflicts);
            prop_assert_eq!(r.outcome, e.outcome);
            prop_assert_eq!(r.rank, e.rank);
        }
    }

    /// The parts of one act among its n proposers (each a separate deputy)
    /// add up to the act's whole points. A wrong engine that rounds every
    /// part (instead of giving the last what is left), or splits per
    /// occurrence, loses or gains a cent.
    #[test]
    fn shares_add_up_to_the_whole_act(
        n in 1_u32..=7,
        points in prop::sample::select(vec!["10", "7", "-3", "0.01", "99.99", "1", "0.5", "25"]),
        bonus in prop::sample::select(vec![None, Some("2"), Some("0.35")]),
        first in prop::sample::select(vec![None, Some("0.5"), Some("0.6"), Some("1"), Some("0"), Some("0.333")]),
        places in 0_u32..=3,
        quantity in 1_u32..=3,
    ) {
        let p = dec(points);
        let mut rule = Rule::new(local(1), p);
        if let Some(b) = bonus {
            let b = if p.is_sign_negative() { -dec(b) } else { dec(b) };
            rule.bonuses.push(Bonus::new(qual("qa"), b));
        }
        rule.share = Some(ShareRule { first: first.map(dec), places, at_most: None });
        let data = PolicyData {
            local_kinds: vec![LocalKind { code: 1, label_zh: "提案".into(), label_en: "proposal".into() }],
            qualifiers: vec![term("qa")],
            rules: vec![rule.clone()],
            ..PolicyData::new("分摊", "1", in_force())
        };
        let policy = Policy::new(data).unwrap();
        let roster = Roster::new(RosterData {
            groups: vec![],
            deputies: (1..=n).map(|i| RosterDeputy::new(DeputyId::new(i), &format!("代表{i}"))).collect(),
        }).unwrap();
        let acts: Vec<Act> = (1..=n)
            .map(|i| {
                Act::new(RecordId::new(u64::from(i)), DeputyId::new(i), day(2025, 5, 1), local(1))
                    .with_quantity(quantity)
                    .with_qualifier(qual("qa"))
                    .with_item(42)
                    .with_share(i, n)
            })
            .collect();
        let card = Scorer::new(&policy, year()).unwrap().with_roster(&roster).unwrap().score(&acts).unwrap();
        let whole = (p + rule.bonuses.iter().map(|b| b.points).sum::<Decimal>()) * Decimal::from(quantity);
        let sum: Decimal = card.entries.iter().map(|e| e.total).sum();
        prop_assert_eq!(sum, whole);
        // And each part is the reference's.
        for e in &card.entries {
            let position = e.deputy.get();
            let want = share_part(rule.share.as_ref().unwrap(), whole, position, n);
            prop_assert_eq!(e.total, want, "proposer {} of {}", position, n);
        }
    }

    /// Quarterly scorecards: the last equals `score`, and each quarter's
    /// entries equal `score` on the acts dated up to the quarter's end. A
    /// wrong engine that carries a per-quarter state or quarter cap into the
    /// wrong quarter, or applies the period's cap per quarter, differs.
    #[test]
    fn quarterly_matches_scoring_up_to_each_quarter(
        case in cases(ActOpts { corrections: true, same_date: true }),
    ) {
        let scorer = case.scorer();
        let quarterly = scorer.quarterly(&case.acts).unwrap();
        let whole = scorer.score(&case.acts).unwrap();
        prop_assert_eq!(quarterly.len(), 4);
        prop_assert_eq!(quarterly.last().unwrap(), &whole, "{}", case.describe());
        for (i, (q, from, to)) in quarters(year()).into_iter().enumerate() {
            let card = &quarterly[i];
            prop_assert_eq!(card.period.start(), from.min(year().start()));
            prop_assert_eq!(card.period.end(), to, "quarter {}", q);
            let upto: Vec<Act> = case.acts.iter().filter(|a| a.date <= to).cloned().collect();
            let expected = scorer.score(&upto).unwrap();
            // The engine lists in every quarter's card the corrections of
            // the whole period (records dated after the quarter too), so
            // correction notes are left out of the comparison.
            let strip = |entries: &[DeputyScore]| -> Vec<DeputyScore> {
                entries.iter().cloned().map(|mut e| { e.corrections.clear(); e }).collect()
            };
            prop_assert_eq!(strip(&card.entries), strip(&expected.entries), "quarter {}\n{}", q, case.describe());
        }
    }
}

// ---------------------------------------------------------------------------
// Table tests with hand-worked numbers
// ---------------------------------------------------------------------------

const HEADER: &str = r#"
name = "测试"
version = "1"
in_force = { start = "2020-01-01", end = "2030-12-31" }
"#;

fn kinds_toml(n: u16) -> String {
    (1..=n)
        .map(|c| {
            format!(
                "[[local_kinds]]\ncode = {c}\nlabel_zh = \"事项{c}\"\nlabel_en = \"kind {c}\"\n"
            )
        })
        .collect()
}

/// Loads a policy from `body`: top-level keys first, then tables; the
/// header, twelve local kinds and (when `body` has none) an empty rule list
/// are added.
fn load(body: &str) -> Result<Policy, String> {
    let (top, tables) = body.find("[[").map_or((body, ""), |at| body.split_at(at));
    let rules = if tables.contains("[[rules]]") {
        ""
    } else {
        "rules = []\n"
    };
    let text = format!("{HEADER}{top}{rules}{}{tables}", kinds_toml(12));
    toml::from_str::<Policy>(&text).map_err(|e| e.to_string())
}

fn policy_of(body: &str) -> Policy {
    load(body).unwrap_or_else(|e| panic!("{e}"))
}

#[derive(serde::Deserialize)]
struct ActsFile {
    acts: Vec<Act>,
}

fn acts_of(text: &str) -> Vec<Act> {
    toml::from_str::<ActsFile>(text).unwrap().acts
}

fn roster_of(n: u32) -> Roster {
    Roster::new(RosterData {
        groups: vec![],
        deputies: (1..=n)
            .map(|i| RosterDeputy::new(DeputyId::new(i), &format!("代表{i}")))
            .collect(),
    })
    .unwrap()
}

fn score(policy: &Policy, roster: &Roster, acts: &[Act]) -> Scorecard {
    Scorer::new(policy, year())
        .unwrap()
        .with_roster(roster)
        .unwrap()
        .score(acts)
        .unwrap()
}

fn total(card: &Scorecard, id: u32) -> Decimal {
    card.entry(DeputyId::new(id)).unwrap().total
}

/// Checks the engine against the reference on a table case too.
fn check_reference(policy: &Policy, roster: &Roster, acts: &[Act], card: &Scorecard) {
    let want = reference(policy.data(), Some(roster), year(), acts).unwrap();
    agree(card, &want).unwrap();
}

#[test]
fn tiers_by_value_with_boundaries_and_no_points_below() {
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
tiers = [ { at_least = "90", points = "15" }, { at_least = "80", below = "90", points = "11" } ]
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
value = "95"
[[acts]]
id = 2
deputy = 2
date = "2025-02-01"
kind = "local:1"
value = "90"
[[acts]]
id = 3
deputy = 3
date = "2025-02-01"
kind = "local:1"
value = "85"
[[acts]]
id = 4
deputy = 4
date = "2025-02-01"
kind = "local:1"
value = "80"
[[acts]]
id = 5
deputy = 5
date = "2025-02-01"
kind = "local:1"
value = "79.9"
[[acts]]
id = 6
deputy = 1
date = "2025-03-01"
kind = "local:1"
value = "89.99"
quantity = 2
"#,
    );
    let roster = roster_of(5);
    let card = score(&p, &roster, &acts);
    // 95 → 15, plus 89.99 × 2 → 22: 37. 90 is in the top tier (at_least is
    // included), 80 in the second, 79.9 in none.
    assert_eq!(total(&card, 1), dec("37"));
    assert_eq!(total(&card, 2), dec("15"));
    assert_eq!(total(&card, 3), dec("11"));
    assert_eq!(total(&card, 4), dec("11"));
    assert_eq!(total(&card, 5), dec("0"));
    assert_eq!(card.stats.no_points, 1);
    let tiers: Vec<LineItem> = card
        .entry(DeputyId::new(1))
        .unwrap()
        .ledger
        .iter()
        .map(|l| l.item)
        .collect();
    assert!(tiers.contains(&LineItem::Tier(0)) && tiers.contains(&LineItem::Tier(1)));
    check_reference(&p, &roster, &acts, &card);

    // An act with no value under tiers is an error naming it.
    let bare = acts_of("[[acts]]\nid = 9\ndeputy = 1\ndate = \"2025-02-01\"\nkind = \"local:1\"\n");
    let err = Scorer::new(&p, year())
        .unwrap()
        .with_roster(&roster)
        .unwrap()
        .score(&bare)
        .unwrap_err();
    assert!(
        matches!(err, PointsError::BadAct { act, .. } if act == RecordId::new(9)),
        "{err}"
    );
}

#[test]
fn points_by_role_with_highest_only_per_item() {
    let p = policy_of(
        r#"
[[act_roles]]
code = "lead"
label_zh = "领衔"
label_en = "lead"
[[act_roles]]
code = "cosign"
label_zh = "附议"
label_en = "co-signer"
[[rules]]
kind = "local:1"
points_by_role = { lead = "3", cosign = "1" }
highest_only = true
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
role = "lead"
item = 7
[[acts]]
id = 2
deputy = 1
date = "2025-02-02"
kind = "local:1"
role = "cosign"
item = 7
[[acts]]
id = 3
deputy = 2
date = "2025-02-01"
kind = "local:1"
role = "lead"
item = 7
[[acts]]
id = 4
deputy = 2
date = "2025-02-02"
kind = "local:1"
role = "cosign"
item = 8
[[acts]]
id = 5
deputy = 3
date = "2025-02-02"
kind = "local:1"
"#,
    );
    let roster = roster_of(3);
    let card = score(&p, &roster, &acts);
    // Deputy 1: lead 3 and co-signer 1 on item 7 → 3, the 1 shown as −1.
    let e = card.entry(DeputyId::new(1)).unwrap();
    assert_eq!(e.total, dec("3"));
    let highest: Vec<Decimal> = e
        .ledger
        .iter()
        .filter(|l| l.item == LineItem::HighestOnly)
        .map(|l| l.points)
        .collect();
    assert_eq!(highest, [dec("-1")]);
    assert!(
        e.ledger
            .iter()
            .any(|l| l.item == LineItem::Role(role_index(&p, "lead")) && l.points == dec("3"))
    );
    // Deputy 2: different items → 3 + 1, no highest-only line.
    let e2 = card.entry(DeputyId::new(2)).unwrap();
    assert_eq!(e2.total, dec("4"));
    assert!(!e2.ledger.iter().any(|l| l.item == LineItem::HighestOnly));
    // Deputy 3: no role → nothing, reported.
    assert_eq!(total(&card, 3), dec("0"));
    assert_eq!(card.stats.no_points, 1);
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn combination_bonus_needs_every_qualifier_and_the_role() {
    let p = policy_of(
        r#"
[[act_roles]]
code = "lead"
label_zh = "领衔"
label_en = "lead"
[[act_roles]]
code = "cosign"
label_zh = "附议"
label_en = "co-signer"
[[qualifiers]]
code = "key"
label_zh = "重点"
label_en = "key"
[[qualifiers]]
code = "filed"
label_zh = "立案"
label_en = "filed"
[[rules]]
kind = "local:1"
points = "2"
bonuses = [ { qualifiers = ["key"], role = "lead", points = "2", label_zh = "重点建议领衔", label_en = "key, led" },
            { qualifier = "filed", points = "5" } ]
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
qualifiers = ["key"]
role = "lead"
[[acts]]
id = 2
deputy = 2
date = "2025-02-01"
kind = "local:1"
qualifiers = ["key"]
role = "cosign"
[[acts]]
id = 3
deputy = 3
date = "2025-02-01"
kind = "local:1"
qualifiers = ["key", "filed"]
role = "lead"
quantity = 2
[[acts]]
id = 4
deputy = 4
date = "2025-02-01"
kind = "local:1"
role = "lead"
"#,
    );
    let roster = roster_of(4);
    let card = score(&p, &roster, &acts);
    assert_eq!(total(&card, 1), dec("4")); // 2 + 2 (key, led)
    assert_eq!(total(&card, 2), dec("2")); // key but co-signer: no bonus
    assert_eq!(total(&card, 3), dec("18")); // (2 + 2 + 5) × 2
    assert_eq!(total(&card, 4), dec("2")); // led but not key: no bonus
    let e3 = card.entry(DeputyId::new(3)).unwrap();
    let bonus0 = e3
        .ledger
        .iter()
        .find(|l| l.item == LineItem::Bonus(0))
        .unwrap();
    assert_eq!((bonus0.count, bonus0.points), (2, dec("4")));
    let line = p.line_label(bonus0);
    assert!(
        line.0.contains("重点建议领衔") && line.1.contains("key, led"),
        "{line:?}"
    );
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn nth_with_three_steps() {
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
nth = [ { from = 1, points = "5" }, { from = 3, points = "3" }, { from = 5, points = "1" } ]
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
quantity = 2
[[acts]]
id = 2
deputy = 1
date = "2025-05-01"
kind = "local:1"
[[acts]]
id = 3
deputy = 1
date = "2025-09-01"
kind = "local:1"
quantity = 3
[[acts]]
id = 4
deputy = 2
date = "2025-02-01"
kind = "local:1"
quantity = 2
[[acts]]
id = 5
deputy = 2
date = "2025-03-01"
kind = "local:1"
claim = "pending"
"#,
    );
    let roster = roster_of(3);
    let card = score(&p, &roster, &acts);
    // Six occurrences: 5 + 5 + 3 + 3 + 1 + 1.
    assert_eq!(total(&card, 1), dec("18"));
    let nth = card
        .entry(DeputyId::new(1))
        .unwrap()
        .ledger
        .iter()
        .find(|l| l.item == LineItem::Nth)
        .unwrap();
    assert_eq!(nth.count, 6);
    // Two (the pending claim does not count): 5 + 5.
    assert_eq!(total(&card, 2), dec("10"));
    assert_eq!(total(&card, 3), dec("0"));
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn veto_forces_a_band_or_disqualifies() {
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
points = "10"
[[rules]]
kind = "local:9"
points = "1"
[[bands]]
code = "good"
label_zh = "好"
label_en = "good"
at_least = "10"
[[bands]]
code = "poor"
label_zh = "差"
label_en = "poor"
below = "10"
[[honours]]
code = "excellent"
label_zh = "优秀"
label_en = "excellent"
top = 3
[[vetoes]]
kind = "local:9"
band = "poor"
[[vetoes]]
kind = "local:10"
disqualify = true
[[outcomes]]
code = "advanced"
label_zh = "先进"
label_en = "advanced"
top = 3
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
quantity = 3
[[acts]]
id = 2
deputy = 1
date = "2025-02-01"
kind = "local:9"
[[acts]]
id = 3
deputy = 2
date = "2025-02-01"
kind = "local:1"
quantity = 4
[[acts]]
id = 4
deputy = 2
date = "2025-02-01"
kind = "local:10"
[[acts]]
id = 5
deputy = 3
date = "2025-02-01"
kind = "local:1"
[[acts]]
id = 6
deputy = 3
date = "2025-02-01"
kind = "local:10"
claim = "rejected"
"#,
    );
    let roster = roster_of(3);
    let card = score(&p, &roster, &acts);
    // Deputy 1: 31 points would be "good"; the veto forces "poor".
    let e1 = card.entry(DeputyId::new(1)).unwrap();
    assert_eq!(e1.total, dec("31"));
    assert_eq!(e1.band.as_deref(), Some("poor"));
    assert_eq!(e1.vetoed_by, Some(local(9)));
    assert!(!e1.disqualified);
    // Deputy 2: first with 40, disqualified: no band, honour or outcome.
    let e2 = card.entry(DeputyId::new(2)).unwrap();
    assert_eq!(e2.total, dec("40"));
    assert!(e2.disqualified);
    assert_eq!(e2.band, None);
    assert_eq!(e2.honour, None);
    assert_eq!(e2.outcome, None);
    assert!(
        !card
            .honours
            .iter()
            .any(|h| h.deputies.contains(&DeputyId::new(2)))
    );
    // Deputy 3: the veto act was rejected, so nothing is forced.
    let e3 = card.entry(DeputyId::new(3)).unwrap();
    assert_eq!(e3.band.as_deref(), Some("good"));
    assert_eq!(e3.vetoed_by, None);
    assert!(!e3.disqualified);
    assert_eq!(e3.outcome, Some(code("advanced")));
}

#[test]
fn per_quarter_state_with_a_conflict_in_one_quarter() {
    let p = policy_of(
        r#"
[[states]]
code = "monthly"
label_zh = "季度例会"
label_en = "quarterly meeting"
per = "quarter"
options = [ { kind = "local:1", points = "5" }, { kind = "local:2", points = "2" } ]
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-01-15"
kind = "local:1"
[[acts]]
id = 2
deputy = 1
date = "2025-03-31"
kind = "local:1"
[[acts]]
id = 3
deputy = 1
date = "2025-04-01"
kind = "local:1"
[[acts]]
id = 4
deputy = 1
date = "2025-06-30"
kind = "local:2"
[[acts]]
id = 5
deputy = 1
date = "2025-07-01"
kind = "local:2"
"#,
    );
    let roster = roster_of(1);
    let card = score(&p, &roster, &acts);
    let e = card.entry(DeputyId::new(1)).unwrap();
    // Q1: option 1 twice → 5 once; Q2: both options → conflict, nothing;
    // Q3: option 2 → 2; Q4: nothing.
    assert_eq!(e.total, dec("7"));
    assert_eq!(e.conflicts.len(), 1);
    let c = &e.conflicts[0];
    assert_eq!((c.state, c.quarter), (code("monthly"), Some(2)));
    let mut kinds = c.kinds.clone();
    kinds.sort();
    assert_eq!(kinds, [local(1), local(2)]);
    assert!(
        e.ledger
            .iter()
            .any(|l| l.item == LineItem::Conflict(state_index(&p, "monthly")))
    );
    check_reference(&p, &roster, &acts, &card);

    // Quarter by quarter: 5, 5 (the conflict), 7, 7.
    let quarterly = Scorer::new(&p, year())
        .unwrap()
        .with_roster(&roster)
        .unwrap()
        .quarterly(&acts)
        .unwrap();
    let totals: Vec<Decimal> = quarterly.iter().map(|c| c.entries[0].total).collect();
    assert_eq!(totals, [dec("5"), dec("5"), dec("7"), dec("7")]);
    assert!(quarterly[0].entries[0].conflicts.is_empty());
    assert_eq!(quarterly[1].entries[0].conflicts.len(), 1);
}

#[test]
fn quota_counts_zero_for_a_unit_with_no_act() {
    // Hand-worked: target 3, 10 points, +5 each more, −5 each fewer.
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
quota = { target = 3, points = "10", each_more = "5", each_fewer = "-5" }
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
quantity = 5
[[acts]]
id = 2
deputy = 2
date = "2025-02-01"
kind = "local:1"
"#,
    );
    let roster = roster_of(3);
    let card = score(&p, &roster, &acts);
    assert_eq!(total(&card, 1), dec("20"));
    assert_eq!(total(&card, 2), dec("0"));
    assert_eq!(total(&card, 3), dec("-5"));
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn group_counts_its_members_acts_but_states_only_its_own() {
    let p = policy_of(
        r#"
units = "groups"
[[rules]]
kind = "local:1"
points = "2"
[[states]]
code = "plenary"
label_zh = "全会"
label_en = "plenary"
options = [ { kind = "local:6", points = "10" }, { kind = "local:7", points = "4" } ]
[[minimums]]
code = "visit"
label_zh = "进站"
label_en = "visit"
kinds = ["local:5"]
at_least = 2
deduction = "-3"
[[counts]]
code = "active"
label_zh = "活跃"
label_en = "active"
points = "6"
require = [ { kinds = ["local:1"], measure = "members", at_least = 2 } ]
"#,
    );
    let roster = Roster::new(RosterData {
        groups: vec![RosterGroup {
            id: DeputyId::new(900),
            name: "第一小组".into(),
        }],
        deputies: (1..=3)
            .map(|i| {
                let mut d = RosterDeputy::new(DeputyId::new(i), &format!("代表{i}"));
                d.group = (i < 3).then_some(DeputyId::new(900));
                d
            })
            .collect(),
    })
    .unwrap();
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
[[acts]]
id = 2
deputy = 2
date = "2025-02-01"
kind = "local:1"
quantity = 2
[[acts]]
id = 3
deputy = 3
date = "2025-02-01"
kind = "local:1"
[[acts]]
id = 4
deputy = 900
date = "2025-02-01"
kind = "local:6"
[[acts]]
id = 5
deputy = 1
date = "2025-02-01"
kind = "local:7"
[[acts]]
id = 6
deputy = 2
date = "2025-02-01"
kind = "local:5"
"#,
    );
    let card = score(&p, &roster, &acts);
    assert_eq!(card.entries.len(), 1);
    let g = &card.entries[0];
    // Members 1 and 2: 3 occurrences × 2 = 6; the state from the group's
    // own act only (10, no conflict with member 1's local:7); 2 members
    // active → 6; one visit of 2 → missed, −3. Deputy 3 is in no group.
    assert_eq!(g.unit, Unit::Group);
    assert_eq!(g.total, dec("19"));
    assert!(g.conflicts.is_empty());
    assert_eq!(g.missed, [code("visit")]);
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn categories_start_cap_and_floor_nest() {
    let p = policy_of(
        r#"
base = "60"
[[categories]]
code = "meetings"
label_zh = "会议"
label_en = "meetings"
start = "20"
cap = "25"
[[categories]]
code = "plenary"
label_zh = "全会"
label_en = "plenary"
parent = "meetings"
cap = "8"
[[categories]]
code = "discipline"
label_zh = "纪律"
label_en = "discipline"
floor = "-4"
[[rules]]
kind = "local:1"
category = "plenary"
points = "3"
[[rules]]
kind = "local:2"
category = "meetings"
points = "1"
[[rules]]
kind = "local:3"
category = "discipline"
points = "-2"
[[rules]]
kind = "local:4"
points = "0.5"
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
quantity = 4
[[acts]]
id = 2
deputy = 1
date = "2025-02-01"
kind = "local:2"
quantity = 2
[[acts]]
id = 3
deputy = 1
date = "2025-02-01"
kind = "local:3"
quantity = 3
[[acts]]
id = 4
deputy = 1
date = "2025-02-01"
kind = "local:4"
"#,
    );
    let roster = roster_of(2);
    let card = score(&p, &roster, &acts);
    // plenary: 12 → cap 8; meetings: 20 + 2 + 8 = 30 → cap 25;
    // discipline: −6 → floor −4; loose 0.5. Total 60 + 25 − 4 + 0.5.
    let e = card.entry(DeputyId::new(1)).unwrap();
    assert_eq!(e.total, dec("81.5"));
    let subs: Vec<(String, Decimal)> = e
        .categories
        .iter()
        .map(|c| (c.code.to_string(), c.points))
        .collect();
    assert_eq!(
        subs,
        [
            ("meetings".to_owned(), dec("25")),
            ("plenary".to_owned(), dec("8")),
            ("discipline".to_owned(), dec("-4"))
        ]
    );
    // Deputy 2 has nothing: meetings starts from 20.
    assert_eq!(total(&card, 2), dec("80"));
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn annulled_amendment_counts_as_first_recorded() {
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
points = "3"
[[rules]]
kind = "local:2"
points = "10"
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 1
deputy = 1
date = "2025-02-01"
kind = "local:1"
[[acts]]
id = 2
deputy = 1
date = "2025-02-01"
kind = "local:2"
amends = 1
[[acts]]
id = 3
deputy = 1
date = "2025-02-01"
kind = "local:2"
annuls = 2
"#,
    );
    let roster = roster_of(1);
    assert_eq!(total(&score(&p, &roster, &acts[..1]), 1), dec("3"));
    assert_eq!(total(&score(&p, &roster, &acts[..2]), 1), dec("10"));
    let card = score(&p, &roster, &acts);
    assert_eq!(total(&card, 1), dec("3"));
    check_reference(&p, &roster, &acts, &card);
}

#[test]
fn load_errors_name_the_field() {
    let cases: &[(&str, &str)] = &[
        // A category cycle.
        (
            r#"
[[categories]]
code = "a"
label_zh = "甲"
label_en = "a"
parent = "b"
[[categories]]
code = "b"
label_zh = "乙"
label_en = "b"
parent = "a"
"#,
            "categories[",
        ),
        // An unknown parent.
        (
            r#"
[[categories]]
code = "a"
label_zh = "甲"
label_en = "a"
[[categories]]
code = "b"
label_zh = "乙"
label_en = "b"
parent = "nowhere"
"#,
            "categories[1].parent",
        ),
        // A gap between tiers.
        (
            r#"
[[rules]]
kind = "local:1"
tiers = [ { at_least = "90", points = "15" }, { at_least = "80", below = "85", points = "11" } ]
"#,
            "rules[0].tiers",
        ),
        // Overlapping tiers.
        (
            r#"
[[rules]]
kind = "local:1"
tiers = [ { at_least = "90", points = "15" }, { at_least = "80", below = "95", points = "11" } ]
"#,
            "rules[0].tiers",
        ),
        // A share's first part above 1.
        (
            r#"
[[rules]]
kind = "local:1"
points = "10"
share = { first = "1.5", places = 2 }
"#,
            "rules[0].share.first",
        ),
        // A veto with neither band nor disqualify.
        (
            r#"
[[vetoes]]
kind = "local:9"
"#,
            "vetoes[0]",
        ),
        // nth not starting at 1.
        (
            r#"
[[rules]]
kind = "local:1"
nth = [ { from = 2, points = "5" } ]
"#,
            "rules[0].nth[0].from",
        ),
        // A count requirement with no bound.
        (
            r#"
[[counts]]
code = "c"
label_zh = "计数"
label_en = "count"
points = "5"
require = [ { kinds = ["local:1"] } ]
"#,
            "counts[0].require[0]",
        ),
        // A bonus with an undeclared qualifier.
        (
            r#"
[[rules]]
kind = "local:1"
points = "2"
bonuses = [ { qualifier = "ghost", points = "1" } ]
"#,
            "rules[0].bonuses[0]",
        ),
    ];
    for (body, field) in cases {
        match load(body) {
            Ok(_) => panic!("loaded, expected an error naming {field}:\n{body}"),
            Err(e) => assert!(e.contains(field), "expected {field} in: {e}"),
        }
    }
    // The cycle names one of the two categories' parent.
    let e = load(cases[0].0).unwrap_err();
    assert!(
        e.contains("categories[0].parent") || e.contains("categories[1].parent"),
        "{e}"
    );
    // The same policies built as data fail the same way (not only in serde).
    let mut data = PolicyData::new("x", "1", in_force());
    data.local_kinds = vec![LocalKind {
        code: 1,
        label_zh: "甲".into(),
        label_en: "a".into(),
    }];
    let mut r = Rule::new(local(1), Decimal::ZERO);
    r.nth = vec![NthStep {
        from: 2,
        points: dec("5"),
    }];
    data.rules = vec![r];
    let err = Policy::new(data).unwrap_err();
    assert!(
        matches!(&err, PointsError::BadRule { field, .. } if field == "rules[0].nth[0].from"),
        "{err}"
    );
}

#[test]
fn reference_share_parts_match_the_documented_examples() {
    // LANGUAGE.md and the ShareRule docs: 10 among 4 with first 0.5 at two
    // places → 5, 1.67, 1.67, 1.66; equal parts of 10 among 3 → 3.33, 3.33,
    // 3.34; 0.25 between 2 at two places → 0.13, 0.12 (half away from zero).
    let half = ShareRule {
        first: Some(dec("0.5")),
        places: 2,
        at_most: None,
    };
    let parts: Vec<Decimal> = (1..=4)
        .map(|i| share_part(&half, dec("10"), i, 4))
        .collect();
    assert_eq!(parts, [dec("5"), dec("1.67"), dec("1.67"), dec("1.66")]);
    let equal = ShareRule {
        first: None,
        places: 2,
        at_most: None,
    };
    let parts: Vec<Decimal> = (1..=3)
        .map(|i| share_part(&equal, dec("10"), i, 3))
        .collect();
    assert_eq!(parts, [dec("3.33"), dec("3.33"), dec("3.34")]);
    let parts: Vec<Decimal> = (1..=2)
        .map(|i| share_part(&equal, dec("0.25"), i, 2))
        .collect();
    assert_eq!(parts, [dec("0.13"), dec("0.12")]);
}

// ---------------------------------------------------------------------------
// Cases the first engine got wrong (found by the reference above), kept as
// the minimal cases
// ---------------------------------------------------------------------------

#[test]
fn quota_applies_only_to_whom_when_names() {
    // `when`: "optional: only for these". Deputy 1 is not a standing
    // committee member, so the quota (3 a year, −5 each fewer) is not his:
    // he should score 0, not 10 − 3 × 5 = −5.
    let p = policy_of(
        r#"
[[roles]]
code = "sc"
label_zh = "常委"
label_en = "standing committee"
[[rules]]
kind = "local:1"
when = { roles = ["sc"] }
quota = { target = 3, points = "10", each_more = "5", each_fewer = "-5" }
"#,
    );
    let roster = Roster::new(RosterData {
        groups: vec![],
        deputies: vec![RosterDeputy::new(DeputyId::new(1), "张三"), {
            let mut d = RosterDeputy::new(DeputyId::new(2), "李四");
            d.roles = vec![code("sc")];
            d
        }],
    })
    .unwrap();
    let card = score(&p, &roster, &[]);
    assert_eq!(total(&card, 2), dec("-5"));
    assert_eq!(total(&card, 1), dec("0"));
}

#[test]
fn highest_only_for_a_group_counts_an_item_once() {
    // "among acts with the same item, only the one worth most counts", and
    // a member's act counts for the group: the group has three acts on
    // item 2 (its own and two members'), so it should get 1, not 3.
    let p = policy_of(
        r#"
units = "groups"
[[rules]]
kind = "local:2"
points = "1"
highest_only = true
"#,
    );
    let roster = Roster::new(RosterData {
        groups: vec![RosterGroup {
            id: DeputyId::new(900),
            name: "第一小组".into(),
        }],
        deputies: (1..=2)
            .map(|i| {
                let mut d = RosterDeputy::new(DeputyId::new(i), &format!("代表{i}"));
                d.group = Some(DeputyId::new(900));
                d
            })
            .collect(),
    })
    .unwrap();
    let acts: Vec<Act> = [1, 2, 900]
        .iter()
        .zip(1..)
        .map(|(who, id)| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(*who),
                day(2025, 2, 1),
                local(2),
            )
            .with_item(2)
        })
        .collect();
    let card = score(&p, &roster, &acts);
    assert_eq!(total(&card, 900), dec("1"));
}

#[test]
fn a_disqualifying_veto_wins_whatever_the_order() {
    // Deputy 1 has an act of each veto kind. Listed one way he is
    // disqualified (no band, no honour, no outcome); listed the other way
    // the engine only forces the band "poor" and he stays eligible.
    let vetoes = [
        "[[vetoes]]\nkind = \"local:9\"\nband = \"poor\"\n",
        "[[vetoes]]\nkind = \"local:10\"\ndisqualify = true\n",
    ];
    let bands = r#"
[[bands]]
code = "good"
label_zh = "好"
label_en = "good"
at_least = "0"
[[bands]]
code = "poor"
label_zh = "差"
label_en = "poor"
below = "0"
"#;
    let acts = [
        Act::new(
            RecordId::new(1),
            DeputyId::new(1),
            day(2025, 2, 1),
            local(9),
        ),
        Act::new(
            RecordId::new(2),
            DeputyId::new(1),
            day(2025, 2, 1),
            local(10),
        ),
    ];
    let roster = roster_of(1);
    for order in [[0, 1], [1, 0]] {
        let body = format!("{bands}{}{}", vetoes[order[0]], vetoes[order[1]]);
        let card = score(&policy_of(&body), &roster, &acts);
        let e = &card.entries[0];
        assert!(e.disqualified, "vetoes in order {order:?}: {e:?}");
        assert_eq!(e.band, None, "vetoes in order {order:?}");
    }
}

#[test]
fn correction_notes_do_not_depend_on_the_order_of_the_acts() {
    // "shuffling the acts changes nothing": the same four records in two
    // orders give two scorecards that differ only in the order of
    // `DeputyScore::corrections`.
    let p = policy_of(
        r#"
[[rules]]
kind = "local:1"
points = "1"
"#,
    );
    let a = |id: u64| {
        Act::new(
            RecordId::new(id),
            DeputyId::new(1),
            day(2025, 2, 1),
            local(1),
        )
    };
    let acts = vec![
        a(1),
        a(2),
        a(3).correcting(Correction::Amends(RecordId::new(1))),
        a(4).correcting(Correction::Annuls(RecordId::new(2))),
    ];
    let mut reversed = acts.clone();
    reversed.reverse();
    let roster = roster_of(1);
    assert_eq!(score(&p, &roster, &reversed), score(&p, &roster, &acts));
}

/// The index by which ledger lines name the role `c` of the first rule
/// scoring by role.
fn role_index(p: &Policy, c: &str) -> u16 {
    let rule = p
        .rules()
        .iter()
        .find(|r| !r.points_by_role.is_empty())
        .unwrap();
    u16::try_from(
        rule.points_by_role
            .keys()
            .position(|k| *k == code(c))
            .unwrap(),
    )
    .unwrap()
}

/// The index by which ledger lines name the state `c`.
fn state_index(p: &Policy, c: &str) -> u16 {
    u16::try_from(
        p.data()
            .states
            .iter()
            .position(|s| s.code == code(c))
            .unwrap(),
    )
    .unwrap()
}

/// Ledger lines name states, counts, minimums and categories by a 16-bit
/// index: a policy with more than 65,535 of one of them is refused while
/// loading, naming the list, instead of failing later.
#[test]
fn lists_longer_than_a_line_can_name_are_refused() {
    let mut data = PolicyData::new(
        "长",
        "1",
        InForce {
            start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        },
    );
    let one = Category::new(code("c"), "类", "category");
    data.categories = vec![one; 65_536];
    let err = Policy::new(data).unwrap_err().to_string();
    assert!(
        err.starts_with("categories:") && err.contains("65,535"),
        "{err}"
    );
}

/// Found by `engine_agrees_with_reference`: under `highest_only`, an act
/// of the item that earns nothing (no qualifier of the rule) still stands
/// for its item at zero, so a share rounded to whole points whose last
/// part is negative (1.5 among three: 1, 1, −0.5) does not pull the
/// item's best below zero.
#[test]
fn an_act_worth_nothing_keeps_its_items_best_at_zero() {
    let p = policy_of(
        r#"
[[qualifiers]]
code = "qa"
label_zh = "甲"
label_en = "a"

[[rules]]
kind = "local:5"
points_by_qualifier = [ { qualifier = "qa", points = "1.5" } ]
share = { places = 0 }
highest_only = true
"#,
    );
    let acts = acts_of(
        r#"
[[acts]]
id = 9
deputy = 1
date = "2025-05-12"
kind = "local:5"
qualifiers = ["qa"]
item = 1
share = { position = 3, of = 3 }
[[acts]]
id = 17
deputy = 1
date = "2025-07-01"
kind = "local:5"
item = 1
share = { position = 4, of = 4 }
[[acts]]
id = 18
deputy = 2
date = "2025-05-12"
kind = "local:5"
qualifiers = ["qa"]
item = 1
share = { position = 3, of = 3 }
"#,
    );
    let roster = roster_of(2);
    let card = score(&p, &roster, &acts);
    assert_eq!(total(&card, 1), dec("0"));
    // Alone on its item, the negative last part stands.
    assert_eq!(total(&card, 2), dec("-0.5"));
    check_reference(&p, &roster, &acts, &card);
}

//! Property tests for the points engine's invariants.

mod cases;

use chrono::{Days, NaiveDate};
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Band, Claim, Code, Disposition, InForce, LineItem, LocalKind, Policy, PolicyData,
    Qualifier, Qualifiers, Ranking, Roster, RosterData, RosterDeputy, Rule, Scorecard, Scorer,
    StandardKind, Tally, Term,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const QUALIFIERS: [&str; 5] = [
    "lead",
    "co_signer",
    "key_suggestion",
    "reply_class_a",
    "commended",
];

fn q(code: &str) -> Qualifier {
    Qualifier::new(code).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Half points from −5 to 5.
fn half_points() -> impl Strategy<Value = Decimal> {
    (-10_i64..=10).prop_map(|n| Decimal::new(n * 5, 1))
}

fn opt_cap() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of((0_i64..=20).prop_map(|n| Decimal::new(n * 5, 1)))
}

prop_compose! {
    fn arb_policy()(
        points in prop::collection::vec((half_points(), opt_cap()), 13),
        use_rule in prop::collection::vec(any::<bool>(), 13),
        bonus in (0_i64..=6).prop_map(|n| Decimal::new(n * 5, 1)),
        base in prop::option::of((0_i64..=80).prop_map(Decimal::from)),
        floor in prop::option::of((-10_i64..=40).prop_map(Decimal::from)),
        span in prop::option::of((0_i64..=80).prop_map(Decimal::from)),
    ) -> Policy {
        let mut rules = Vec::new();
        for (i, ((p, cap), on)) in points.iter().zip(&use_rule).enumerate() {
            if !on { continue; }
            let kind = StandardKind::ALL.get(i).map_or(ActKind::Local(1), |k| ActKind::Standard(*k));
            let mut r = Rule::new(kind, *p);
            r.cap = *cap;
            if kind == ActKind::Standard(StandardKind::SubmitSuggestion) {
                let b = if p.is_sign_negative() { -bonus } else { bonus };
                r = r.with_bonus(q("key_suggestion"), b).with_bonus(q("lead"), b);
            }
            rules.push(r);
        }
        let ceiling = match (floor, span) {
            (Some(f), Some(s)) => Some(f + s),
            (None, s) => s,
            (Some(_), None) => None,
        };
        Policy::new(PolicyData {
            base, floor, ceiling,
            qualifiers: QUALIFIERS.iter().map(|c| Term { code: Code::new(c).unwrap(), label_zh: (*c).into(), label_en: (*c).into() }).collect(),
            local_kinds: vec![LocalKind { code: 1, label_zh: "网格走访".into(), label_en: "grid".into() }],
            rules,
            bands: vec![
                Band::new("good", "好", "good").at_least(Decimal::from(80)),
                Band::new("poor", "差", "poor").below(Decimal::from(80)),
            ],
            honours: vec![],
            consequences: vec![],
            ..PolicyData::new("prop", "1", InForce { start: d(2024, 1, 1), end: d(2026, 12, 31) })
        }).unwrap()
    }
}

fn arb_kind() -> impl Strategy<Value = ActKind> {
    prop_oneof![
        8 => prop::sample::select(StandardKind::ALL.to_vec()).prop_map(ActKind::Standard),
        1 => Just(ActKind::Local(1)),
        1 => Just(ActKind::Local(2)),
    ]
}

fn arb_claim() -> impl Strategy<Value = Claim> {
    prop_oneof![8 => Just(Claim::Verified), 1 => Just(Claim::Pending), 1 => Just(Claim::Rejected)]
}

prop_compose! {
    fn arb_act(id: u64)(
        deputy in 1_u32..8,
        day in 0_u64..380,
        kind in arb_kind(),
        claim in arb_claim(),
        quantity in 0_u32..4,
        quals in prop::collection::vec(prop::sample::select(QUALIFIERS.iter().map(|c| q(c)).collect::<Vec<_>>()), 0..3),
    ) -> Act {
        Act {
            id: RecordId::new(id),
            deputy: DeputyId::new(deputy),
            date: d(2024, 12, 25).checked_add_days(Days::new(day)).unwrap(),
            kind,
            claim,
            quantity,
            qualifiers: quals.into_iter().collect::<Qualifiers>(),
            detail: None,
        }
    }
}

/// Acts with distinct ids, some recorded twice (exact copies).
fn arb_acts() -> impl Strategy<Value = Vec<Act>> {
    (0_usize..60)
        .prop_flat_map(|n| {
            let acts: Vec<_> = (0..n as u64).map(|i| arb_act(i * 3 + 1)).collect();
            (
                acts,
                prop::collection::vec(any::<prop::sample::Index>(), 0..4),
            )
        })
        .prop_map(|(mut acts, dups)| {
            if !acts.is_empty() {
                for i in dups {
                    let copy = i.get(&acts).clone();
                    acts.push(copy);
                }
            }
            acts
        })
}

fn year() -> Period {
    Period::year(2025).unwrap()
}

fn card(p: &Policy, acts: &[Act]) -> Scorecard {
    Scorer::new(p, year()).unwrap().score(acts).unwrap()
}

fn config() -> ProptestConfig {
    // Room for `prop_assume!` when PROPTEST_CASES asks for many more cases.
    ProptestConfig {
        max_global_rejects: 1 << 20,
        ..cases::config(64)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn total_is_base_plus_ledger_within_floor_and_ceiling(p in arb_policy(), acts in arb_acts()) {
        let card = card(&p, &acts);
        for e in &card.entries {
            let sum: Decimal = e.ledger.iter().map(|l| l.points).sum();
            prop_assert_eq!(e.total, p.base() + sum);
            if let Some(f) = p.floor() { prop_assert!(e.total >= f); }
            if let Some(c) = p.ceiling() { prop_assert!(e.total <= c); }
            let by_kind: Decimal = e.by_kind().unwrap().iter().map(|k| k.points).sum();
            let bounds: Decimal = e.ledger.iter()
                .filter(|l| matches!(l.item, LineItem::Floor | LineItem::Ceiling))
                .map(|l| l.points).sum();
            prop_assert_eq!(e.total, p.base() + by_kind + bounds);
        }
    }

    #[test]
    fn no_rule_exceeds_its_cap(p in arb_policy(), acts in arb_acts()) {
        for e in &card(&p, &acts).entries {
            for k in &e.by_kind().unwrap() {
                if let Some(cap) = p.rule_for(k.kind).and_then(|r| r.cap) {
                    prop_assert!(k.points.abs() <= cap, "{:?} over cap {}", k, cap);
                }
            }
        }
    }

    /// The fast path and the general evaluator (which a roster selects)
    /// give the same scorecard on plain policies: ranks, totals, bands,
    /// honours, ledgers and statistics. A fast path that, say, dropped a
    /// bonus or cut a cap at another point would fail here.
    #[test]
    fn the_fast_path_agrees_with_the_general_evaluator(p in arb_policy(), acts in arb_acts()) {
        prop_assume!(p.is_plain());
        let fast = card(&p, &acts);
        let mut ids: Vec<DeputyId> = acts.iter().map(|a| a.deputy).collect();
        ids.sort_unstable();
        ids.dedup();
        let roster = Roster::new(RosterData {
            groups: vec![],
            deputies: ids.iter().map(|d| RosterDeputy::new(*d, &format!("代表{d}"))).collect(),
        })
        .unwrap();
        let mut general = Scorer::new(&p, year()).unwrap().with_roster(&roster).unwrap().score(&acts).unwrap();
        for e in &mut general.entries {
            let (name, want) = (e.name.take(), format!("代表{}", e.deputy));
            prop_assert_eq!(name.as_deref(), Some(want.as_str()));
        }
        prop_assert_eq!(fast, general);
    }

    #[test]
    fn shuffling_the_acts_changes_nothing(
        p in arb_policy(),
        (acts, shuffled) in arb_acts().prop_flat_map(|a| (Just(a.clone()), Just(a).prop_shuffle())),
    ) {
        let s = Scorer::new(&p, year()).unwrap();
        prop_assert_eq!(s.tally_acts(&acts).unwrap(), s.tally_acts(&shuffled).unwrap());
        prop_assert_eq!(card(&p, &acts), card(&p, &shuffled));
    }

    #[test]
    fn merging_shards_equals_scoring_the_whole(p in arb_policy(), acts in arb_acts(), k in 1_u64..5) {
        let s = Scorer::new(&p, year()).unwrap();
        let whole = s.tally_acts(&acts).unwrap();
        // Shard by act id: copies of one act always land together.
        let mut by_id: Vec<Tally> = (0..k)
            .map(|i| s.tally_acts(acts.iter().filter(|a| a.id.get() % k == i)).unwrap())
            .collect();
        let mut merged = by_id.pop().unwrap();
        for t in by_id.iter().rev() { merged.merge(t).unwrap(); }
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(s.scorecard(&merged).unwrap(), s.scorecard(&whole).unwrap());
        // Shard by deputy (in the other merge order).
        let mut by_deputy = s.tally();
        for i in 0..k {
            let shard = s.tally_acts(acts.iter().filter(|a| u64::from(a.deputy.get()) % k == i)).unwrap();
            by_deputy.merge(&shard).unwrap();
        }
        prop_assert_eq!(s.scorecard(&by_deputy).unwrap(), s.scorecard(&whole).unwrap());
    }

    #[test]
    fn a_verified_positive_act_never_lowers_a_total(
        p in arb_policy(), acts in arb_acts(), extra in arb_act(1_000_000),
    ) {
        let extra = extra.with_claim(Claim::Verified);
        let positive = p.rule_for(extra.kind).is_some_and(|r| {
            !r.points.is_sign_negative() && r.bonuses.iter().all(|b| !b.points.is_sign_negative())
        });
        prop_assume!(positive && year().contains(extra.date));
        let before = card(&p, &acts);
        let mut more = acts.clone();
        more.push(extra.clone());
        let after = card(&p, &more);
        let old = before.entry(extra.deputy).map_or(p.base(), |e| e.total);
        let old = match (p.floor(), p.ceiling()) {
            (Some(f), _) if old < f => f,
            (_, Some(c)) if old > c => c,
            _ => old,
        };
        prop_assert!(after.entry(extra.deputy).unwrap().total >= old);
    }

    #[test]
    fn adding_one_by_one_equals_tallying_at_once(p in arb_policy(), acts in arb_acts()) {
        let s = Scorer::new(&p, year()).unwrap();
        let mut one_by_one = s.tally();
        let mut outcomes = std::collections::BTreeMap::new();
        for a in &acts {
            let o = s.add(&mut one_by_one, a).unwrap();
            *outcomes.entry(o).or_insert(0_u64) += 1;
        }
        let at_once = s.tally_acts(&acts).unwrap();
        prop_assert_eq!(&one_by_one, &at_once);
        let st = at_once.stats();
        prop_assert_eq!(outcomes.get(&Disposition::Counted).copied().unwrap_or(0), st.counted);
        prop_assert_eq!(outcomes.get(&Disposition::Duplicate).copied().unwrap_or(0), st.duplicates.len() as u64);
        prop_assert_eq!(st.seen(), Some(acts.len() as u64));
    }

    /// Consecutive ids (the tally's fast path keeps runs of new ids and
    /// writes them to the id set in bulk), starting near a 65,536-id block
    /// edge or the top of `u64`, long enough to fill bitmap blocks, with a
    /// few acts swapped and a few repeated.
    #[test]
    fn consecutive_ids_one_by_one_equals_at_once(
        p in arb_policy(),
        start in prop_oneof![Just(1_u64), 65_000_u64..65_600, (u64::MAX - 800)..(u64::MAX - 700)],
        mut acts in prop::collection::vec(arb_act(0), 0..700),
        swaps in prop::collection::vec(any::<(prop::sample::Index, prop::sample::Index)>(), 0..4),
        dups in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        for (a, i) in acts.iter_mut().zip(0_u64..) {
            a.id = RecordId::new(start + i);
        }
        if !acts.is_empty() {
            for (i, j) in swaps {
                let (i, j) = (i.index(acts.len()), j.index(acts.len()));
                acts.swap(i, j);
            }
            for i in dups {
                let copy = i.get(&acts).clone();
                let at = i.index(acts.len() + 1);
                acts.insert(at, copy);
            }
        }
        let s = Scorer::new(&p, year()).unwrap();
        let mut one_by_one = s.tally();
        for a in &acts {
            s.add(&mut one_by_one, a).unwrap();
        }
        let at_once = s.tally_acts(&acts).unwrap();
        prop_assert_eq!(&one_by_one, &at_once);
        prop_assert_eq!(at_once.stats().seen(), Some(acts.len() as u64));
        let distinct: std::collections::BTreeSet<_> = acts.iter().map(|a| a.id).collect();
        prop_assert_eq!(at_once.distinct_acts(), distinct.len() as u64);
    }

    #[test]
    fn rankings_agree_with_totals(p in arb_policy(), acts in arb_acts()) {
        let card = card(&p, &acts);
        for (i, e) in card.entries.iter().enumerate() {
            let higher = card.entries.iter().filter(|o| o.total > e.total).count();
            prop_assert_eq!(e.rank as usize, higher + 1);
            if let Some(next) = card.entries.get(i + 1) {
                prop_assert!(e.total > next.total || (e.total == next.total && e.deputy < next.deputy));
            }
        }
    }

    /// The ranking's totals come from the plain rule (`src/points/plain.rs`),
    /// the scorecard's from the walk: they agree on every total, band,
    /// rank and honour, and on every error, including points so large that
    /// a ledger line cannot hold them (the plain rule then leaves the
    /// tally to the walk). With `rayon`, the parallel ranking too.
    #[test]
    fn the_ranking_is_the_scorecard_without_ledgers(
        p in arb_policy(),
        acts in arb_acts(),
        huge in prop::option::of((0_usize..13, 0_u32..4, 0_u8..3)),
    ) {
        prop_assume!(p.is_plain());
        let p = match huge {
            None => p,
            // One rule's points near the 96 bits of a decimal's mantissa,
            // its bonuses (if any) as large the other way, and no cap, a
            // larger one or a smaller one: lines, adjustments and totals
            // pass the 96 bits, alone or together.
            Some((i, k, cap)) => {
                let mut data = p.data().clone();
                let n = data.rules.len();
                prop_assume!(n > 0);
                let big = Decimal::from_i128_with_scale(10_i128.pow(27) * i128::from(k + 1) * 9, 0);
                let r = &mut data.rules[i % n];
                r.points = if k % 2 == 0 { big } else { -big };
                for b in &mut r.bonuses {
                    b.points = -r.points;
                }
                r.cap = match cap {
                    0 => None,
                    1 => Some(big * Decimal::TWO),
                    _ => Some(Decimal::from(10)),
                };
                match Policy::new(data) {
                    Ok(p) => p,
                    Err(_) => return Ok(()),
                }
            }
        };
        let s = Scorer::new(&p, year()).unwrap();
        let tally = s.tally_acts(&acts).unwrap();
        let ranking = s.ranking(&tally);
        match (s.scorecard(&tally), &ranking) {
            (Ok(card), Ok(ranking)) => prop_assert_eq!(ranking, &Ranking::from(&card)),
            (card, ranking) => prop_assert_eq!(card.err(), ranking.clone().err()),
        }
        #[cfg(feature = "rayon")]
        prop_assert_eq!(s.par_ranking(&tally), ranking);
    }

    #[test]
    fn the_per_act_ledger_agrees_with_the_scorecard(p in arb_policy(), acts in arb_acts()) {
        let s = Scorer::new(&p, year()).unwrap();
        let card = s.score(&acts).unwrap();
        for e in &card.entries {
            let ledger = s.ledger_for(e.deputy, &acts).unwrap();
            prop_assert_eq!(ledger.total, e.total);
            let sum: Decimal = ledger.lines.iter().map(|l| l.points).sum();
            prop_assert_eq!(ledger.total, ledger.base + sum);
            prop_assert!(ledger.lines.iter().all(|l| l.act.is_some() || l.kind.is_none()));
        }
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(config())]

    #[test]
    fn serde_round_trips(p in arb_policy(), acts in arb_acts()) {
        let s = Scorer::new(&p, year()).unwrap();
        let tally = s.tally_acts(&acts).unwrap();
        let card = s.scorecard(&tally).unwrap();

        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Policy>(&json).unwrap(), &p);
        let toml_text = toml::to_string(&p).unwrap();
        prop_assert_eq!(&toml::from_str::<Policy>(&toml_text).unwrap(), &p);

        let json = serde_json::to_string(&acts).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Vec<Act>>(&json).unwrap(), &acts);

        let json = serde_json::to_string(&tally).unwrap();
        let back: Tally = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &tally);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json, "stored form is canonical");
        prop_assert_eq!(&s.scorecard(&back).unwrap(), &card);

        let json = serde_json::to_string(&card).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Scorecard>(&json).unwrap(), &card);
    }
}

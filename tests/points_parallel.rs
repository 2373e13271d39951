//! Scoring at scale: streams of owned acts, the compact ranking, and (with
//! the `rayon` feature) parallel scoring, held to the sequential results
//! byte for byte. (Serialized forms are compared: the file needs the
//! default `serde` feature.)
#![cfg(feature = "serde")]

mod cases;

use chrono::{Days, NaiveDate};
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Claim, Correction, Qualifier, Ranking, Scorer, StandardKind, Tally, samples,
};
use proptest::prelude::*;

const DEPUTIES: u32 = 12;

fn year() -> Period {
    Period::year(2025).unwrap()
}

/// Ids mostly in recording order, with gaps, repeats (of any earlier id,
/// so across shards too) and jumps back.
fn ids(steps: &[(u8, u8)]) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::with_capacity(steps.len());
    let mut next = 1_u64;
    for (i, (how, k)) in steps.iter().enumerate() {
        let id = match how % 12 {
            0 => next + u64::from(*k) + 1,
            1 | 2 if i > 0 => out[usize::from(*k) % i],
            3 => next.saturating_sub(u64::from(*k) * 70_000 + 1).max(1),
            _ => next,
        };
        out.push(id);
        next = next.max(id + 1);
    }
    out
}

/// Acts for a random year: every claim, dates in and out of 2025, bonuses,
/// quantities up to 3 (or, with `huge`, near `u32::MAX` so that sums
/// overflow), and with `detail` some shares and corrections (which only
/// the general evaluator takes).
fn acts_from(
    steps: &[(u8, u8)],
    fields: &[(u32, u8, u8, u8, u16)],
    huge: bool,
    detail: bool,
) -> Vec<Act> {
    let key = Qualifier::new("key_suggestion").unwrap();
    let kinds = [
        ActKind::Standard(StandardKind::AttendMeeting),
        ActKind::Standard(StandardKind::SubmitSuggestion),
        ActKind::Standard(StandardKind::Research),
        ActKind::Standard(StandardKind::Leave),
        ActKind::Local(1),
        ActKind::Local(9), // no rule
    ];
    let start = NaiveDate::from_ymd_opt(2024, 12, 15).unwrap();
    let ids = ids(steps);
    let mut acts: Vec<Act> = ids
        .iter()
        .zip(fields)
        .map(|(id, (deputy, kind, claim, extra, day))| {
            let claim = match claim % 10 {
                0 => Claim::Pending,
                1 => Claim::Rejected,
                _ => Claim::Verified,
            };
            let quantity = if huge {
                u32::MAX / 3 + u32::from(*extra)
            } else {
                u32::from(extra % 4)
            };
            let mut act = Act::new(
                RecordId::new(*id),
                DeputyId::new(deputy % DEPUTIES + 1),
                start + Days::new(u64::from(*day % 400)),
                kinds[usize::from(*kind) % kinds.len()],
            )
            .with_claim(claim)
            .with_quantity(quantity);
            if extra % 3 == 0 {
                act = act.with_qualifier(key);
            }
            act
        })
        .collect();
    if detail {
        for i in 1..acts.len() {
            let (before, rest) = acts.split_at_mut(i);
            let act = &mut rest[0];
            let earlier = &before[usize::from(fields[i].3) % i];
            if fields[i].1.is_multiple_of(17) && earlier.id < act.id {
                act.kind = earlier.kind;
                act.deputy = earlier.deputy;
                *act = act.clone().correcting(Correction::Annuls(earlier.id));
            } else if fields[i].1.is_multiple_of(19)
                && act.kind == ActKind::Standard(StandardKind::SubmitSuggestion)
            {
                *act = act.clone().with_share(1, 2);
            }
        }
    }
    acts
}

prop_compose! {
    fn arb_acts(max: usize)(
        steps in prop::collection::vec((any::<u8>(), any::<u8>()), 0..max),
        fields in prop::collection::vec((any::<u32>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>()), max),
        huge in prop::bool::weighted(0.1),
        detail in prop::bool::weighted(0.2),
    ) -> Vec<Act> {
        acts_from(&steps, &fields, huge, detail)
    }
}

/// Cuts `acts` at the sorted, deduplicated positions `cuts` (each taken
/// modulo the length + 1): shards in order, some of them empty.
#[cfg(feature = "rayon")]
fn shards(acts: &[Act], cuts: &[usize]) -> Vec<Vec<Act>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (acts.len() + 1)).collect();
    at.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for c in at.into_iter().chain([acts.len()]) {
        out.push(acts[from..c].to_vec());
        from = c;
    }
    out
}

/// Two tallies agree entirely: equal, the same JSON, the same duplicates
/// in the same order, the same deputies.
fn same_tally(a: &Tally, b: &Tally) -> Result<(), TestCaseError> {
    prop_assert_eq!(a, b);
    prop_assert_eq!(
        serde_json::to_string(a).unwrap(),
        serde_json::to_string(b).unwrap()
    );
    prop_assert_eq!(&a.stats().duplicates, &b.stats().duplicates);
    prop_assert_eq!(a.deputies(), b.deputies());
    Ok(())
}

proptest! {
    #![proptest_config(cases::config(96))]

    /// A stream of owned acts tallies as the same acts borrowed.
    #[test]
    fn owned_acts_tally_as_borrowed_ones(acts in arb_acts(200)) {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, year()).unwrap();
        let borrowed = scorer.tally_acts(&acts);
        let owned = scorer.tally_acts(acts.clone());
        match (borrowed, owned) {
            (Ok(a), Ok(b)) => same_tally(&a, &b)?,
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }

    /// The compact ranking says what the scorecard says, JSON included.
    #[test]
    fn the_ranking_is_the_scorecard_without_ledgers(acts in arb_acts(200)) {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, year()).unwrap();
        let Ok(tally) = scorer.tally_acts(&acts) else { return Ok(()) };
        let card = scorer.scorecard(&tally);
        let ranking = scorer.ranking(&tally);
        match (card, ranking) {
            (Ok(card), Ok(ranking)) => {
                let from_card = Ranking::from(&card);
                prop_assert_eq!(&ranking, &from_card);
                let json = serde_json::to_string(&ranking).unwrap();
                prop_assert_eq!(&json, &serde_json::to_string(&from_card).unwrap());
                let back: Ranking = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(back, ranking);
            }
            (card, ranking) => prop_assert_eq!(card.err(), ranking.err()),
        }
    }
}

/// Six research acts on 1 April 2025, act `i` by deputy `i % 3 + 1` with
/// quantity `i`.
fn six_research_acts() -> Vec<Act> {
    let day = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    (1..=6_u32)
        .map(|i| {
            Act::new(
                RecordId::new(u64::from(i)),
                DeputyId::new(i % 3 + 1),
                day,
                StandardKind::Research.into(),
            )
            .with_quantity(i)
        })
        .collect()
}

/// Every way from a tally to totals (the scorecard, the ranking and, with
/// `rayon`, their parallel forms) refuses a tampered tally with the same
/// error: here the quantities counted, lowered by one, no longer match the
/// rules' counters (a value the stored form alone cannot judge).
#[test]
fn every_way_to_totals_refuses_a_tampered_tally_alike() {
    let policy = samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, year()).unwrap();
    let acts = six_research_acts();
    let mut v = serde_json::to_value(scorer.tally_acts(&acts).unwrap()).unwrap();
    assert_eq!(v["occurrences"], 21, "1 + 2 + … + 6");
    v["occurrences"] = 20.into();
    let edited: Tally = serde_json::from_value(v).unwrap();
    let err = scorer.scorecard(&edited).unwrap_err();
    assert_eq!(
        err.to_string(),
        "tally data, occurrences: the rules' counters do not sum to the quantities counted"
    );
    assert_eq!(scorer.ranking(&edited).unwrap_err(), err);
    #[cfg(feature = "rayon")]
    {
        assert_eq!(scorer.par_scorecard(&edited).unwrap_err(), err);
        assert_eq!(scorer.par_ranking(&edited).unwrap_err(), err);
    }
}

#[test]
fn a_tampered_ranking_is_refused() {
    let policy = samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, year()).unwrap();
    let acts = six_research_acts();
    let ranking = scorer.ranking(&scorer.tally_acts(&acts).unwrap()).unwrap();
    // Hand-worked: deputy 1 has acts 3 and 6 (9 occurrences, capped at
    // 12 points), deputy 3 has 2 and 5 (7: 12), deputy 2 has 1 and 4 (5: 15,
    // capped 12): all tie at 72.0, ranked 1, listed by id, all honoured.
    let order: Vec<(u32, u32, String)> = ranking
        .entries
        .iter()
        .map(|e| (e.deputy.get(), e.rank, e.total.to_string()))
        .collect();
    assert_eq!(
        order,
        [
            (1, 1, "72.0".into()),
            (2, 1, "72.0".into()),
            (3, 1, "72.0".into())
        ]
    );
    assert_eq!(ranking.honours[0].deputies.len(), 3);
    let json = serde_json::to_string(&ranking).unwrap();
    for (from, to) in [
        ("\"rank\":1", "\"rank\":2"),
        ("\"deputy\":3", "\"deputy\":1"),
    ] {
        let bad = json.replacen(from, to, 1);
        let err = serde_json::from_str::<Ranking>(&bad).unwrap_err();
        assert!(err.to_string().contains("ranking data"), "{err}");
    }
    let dropped = json.replacen("[1,2,3]", "[1,2]", 1);
    assert_ne!(dropped, json);
    assert!(serde_json::from_str::<Ranking>(&dropped).is_err());
    // An entry's honour renamed: the honour no longer lists it, and the
    // entry holds one the ranking does not list; the honour renamed: it
    // lists deputies who do not hold it.
    let code = ranking.honours[0].code.clone();
    let value = serde_json::to_value(&ranking).unwrap();
    let mut entry = value.clone();
    entry["entries"][1]["honour"] = "renamed".into();
    let mut honour = value.clone();
    honour["honours"][0]["code"] = "renamed".into();
    let mut both = value;
    both["honours"][0]["code"] = "renamed".into();
    for e in 0..3 {
        both["entries"][e]["honour"] = "renamed".into();
    }
    for (edited, why) in [
        (
            entry,
            "an honour must list the deputies holding it, in rank order",
        ),
        (
            honour,
            "an honour must list the deputies holding it, in rank order",
        ),
    ] {
        let err = serde_json::from_value::<Ranking>(edited).unwrap_err();
        assert!(err.to_string().contains(why), "{code}: {err}");
    }
    // Renamed everywhere at once: the same ranking under another code.
    assert!(serde_json::from_value::<Ranking>(both).is_ok());
}

#[test]
fn an_entry_holding_an_honour_nobody_lists_is_refused() {
    let policy = samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, year()).unwrap();
    let ranking = scorer
        .ranking(&scorer.tally_acts(six_research_acts()).unwrap())
        .unwrap();
    let mut value = serde_json::to_value(&ranking).unwrap();
    // One holder given a code that is nowhere in the honours, and taken
    // off its honour's list: the honour still lists its holders right.
    value["honours"][0]["deputies"] = serde_json::json!([1, 2]);
    value["entries"][2]["honour"] = "unlisted".into();
    let err = serde_json::from_value::<Ranking>(value).unwrap_err();
    assert!(
        err.to_string()
            .contains("an entry holds an honour the ranking does not list"),
        "{err}"
    );
}

#[cfg(feature = "rayon")]
mod parallel {
    use super::*;
    use deputy_work::points::{PointsError, Policy, Roster, RosterData, RosterDeputy};

    /// A policy shaped like Tongcheng's (categories with caps and a floor,
    /// rules by role, a share rule, bonuses), as in `benches/points.rs`.
    const T_SHAPED: &str = r#"
name = "T-shaped"
version = "1"
in_force = { start = "2024-01-01", end = "2026-12-31" }

[[roles]]
code = "standing_committee"
label_zh = "常委"
label_en = "standing committee member"

[[qualifiers]]
code = "key_suggestion"
label_zh = "立案"
label_en = "filed"

[[categories]]
code = "meetings"
label_zh = "会议"
label_en = "meetings"
start = "50"
cap = "50"
floor = "0"

[[categories]]
code = "proposals"
label_zh = "提案"
label_en = "proposals"
cap = "25"

[[rules]]
kind = "leave"
category = "meetings"
when = { roles = ["standing_committee"] }
points = "-2"

[[rules]]
kind = "attend_meeting"
category = "meetings"
points = "0.5"

[[rules]]
kind = "submit_suggestion"
category = "proposals"
points = "10"
bonuses = [{ qualifier = "key_suggestion", points = "15" }]
share = { first = "0.5", places = 1, at_most = 3 }

[[rules]]
kind = "research"
points = "2"
quarter_cap = "3"

[[bands]]
code = "pass"
label_zh = "合格"
label_en = "pass"
at_least = "60"

[[bands]]
code = "fail"
label_zh = "不合格"
label_en = "fail"
below = "60"
"#;

    fn t_shaped() -> (Policy, Roster) {
        let policy: Policy = toml::from_str(T_SHAPED).unwrap();
        let role = "standing_committee".parse().unwrap();
        let deputies = (1..=DEPUTIES)
            .map(|i| {
                let mut d = RosterDeputy::new(DeputyId::new(i), "代表");
                if i % 3 == 0 {
                    d.roles.push(role);
                }
                d
            })
            .collect();
        let roster = Roster::new(RosterData {
            groups: vec![],
            deputies,
        })
        .unwrap();
        (policy, roster)
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    proptest! {
        #![proptest_config(cases::config(128))]

        /// Shards cut anywhere, read on 1 to 5 threads, tally exactly as
        /// the sequential tally of their acts in order: duplicates across
        /// shards, overflows and errors included.
        #[test]
        fn sharded_tallies_equal_the_sequential_one(
            acts in arb_acts(300),
            cuts in prop::collection::vec(any::<usize>(), 0..9),
            threads in 1_usize..6,
        ) {
            let policy = samples::yinchuan_jiangbei().unwrap();
            let scorer = Scorer::new(&policy, year()).unwrap();
            let shards = shards(&acts, &cuts);
            let sequential = scorer.tally_acts(&acts);
            let parallel = pool(threads).install(|| scorer.par_tally_shards(shards.len(), |k| shards[k].iter()));
            // Owned acts, made as each shard is read.
            let owned = pool(threads).install(|| scorer.par_tally_shards(shards.len(), |k| shards[k].clone()));
            match (sequential, parallel, owned) {
                (Ok(s), Ok(p), Ok(o)) => {
                    same_tally(&s, &p)?;
                    same_tally(&s, &o)?;
                }
                (s, p, o) => {
                    prop_assert_eq!(s.as_ref().err(), p.as_ref().err());
                    prop_assert_eq!(s.err(), o.err());
                }
            }
            let whole = pool(threads).install(|| scorer.par_tally_acts(&acts));
            match (scorer.tally_acts(&acts), whole) {
                (Ok(s), Ok(p)) => same_tally(&s, &p)?,
                (s, p) => prop_assert_eq!(s.err(), p.err()),
            }
        }

        /// `par_score` is `score`, byte for byte, under the sample policy
        /// (the fast path, or the general evaluator for shares and
        /// corrections) and under the T-shaped policy with a roster
        /// (categories, roles, shares, a quarterly cap); the scorecard
        /// and the ranking made on every core are the sequential ones.
        #[test]
        fn parallel_scorecards_equal_the_sequential_ones(
            acts in arb_acts(300),
            threads in 1_usize..5,
        ) {
            let policy = samples::yinchuan_jiangbei().unwrap();
            let scorer = Scorer::new(&policy, year()).unwrap();
            let pool = pool(threads);
            let json = |c: &Result<deputy_work::points::Scorecard, PointsError>| {
                c.as_ref().map(|c| serde_json::to_string(c).unwrap()).map_err(Clone::clone)
            };
            let (s, p) = (scorer.score(&acts), pool.install(|| scorer.par_score(&acts)));
            prop_assert_eq!(json(&s), json(&p));
            prop_assert_eq!(s, p);
            if let Ok(tally) = scorer.tally_acts(&acts) {
                let s = scorer.scorecard(&tally);
                let p = pool.install(|| scorer.par_scorecard(&tally));
                prop_assert_eq!(json(&s), json(&p));
                prop_assert_eq!(pool.install(|| scorer.par_ranking(&tally)), scorer.ranking(&tally));
            }
            let (policy, roster) = t_shaped();
            let scorer = Scorer::new(&policy, year()).unwrap().with_roster(&roster).unwrap();
            let (s, p) = (scorer.score(&acts), pool.install(|| scorer.par_score(&acts)));
            prop_assert_eq!(json(&s), json(&p));
        }
    }

    /// Hand-worked: act 3 is in both shards. Sequentially the first copy
    /// counts (deputy 1's) and the second is a duplicate, and deputy 2,
    /// whose only act is that copy, gets no entry; the shards agree.
    #[test]
    fn an_id_in_two_shards_counts_once_as_in_order() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, year()).unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let act = |id, deputy| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(deputy),
                day,
                StandardKind::Inspection.into(),
            )
        };
        let shards = [
            vec![act(1, 1), act(3, 1)],
            vec![act(2, 1), act(3, 2), act(4, 1)],
        ];
        for threads in 1..=3 {
            let tally = pool(threads)
                .install(|| scorer.par_tally_shards(2, |k| shards[k].iter()))
                .unwrap();
            assert_eq!(tally.stats().duplicates, [RecordId::new(3)]);
            assert_eq!((tally.stats().counted, tally.deputies()), (4, 1));
            let card = scorer.scorecard(&tally).unwrap();
            assert_eq!(card.entries[0].total.to_string(), "72.0"); // 60 + 4 × 3, at the cap
            assert_eq!(tally, scorer.tally_acts(shards.iter().flatten()).unwrap());
        }
        // Merging the shards' own tallies is refused: only the order of
        // the shards says which copy counts.
        let mut a = scorer.tally_acts(&shards[0]).unwrap();
        assert!(matches!(
            a.merge(&scorer.tally_acts(&shards[1]).unwrap()),
            Err(PointsError::OverlappingTallies { .. })
        ));
    }

    /// Hand-worked: two shards whose counts fit alone but not together
    /// give the sequential tally's error, not a merging error.
    #[test]
    fn an_overflow_across_shards_is_the_sequential_error() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, year()).unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let big = |id| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(1),
                day,
                StandardKind::Training.into(),
            )
            .with_quantity(u32::MAX / 2 + 1)
        };
        let shards = [vec![big(1)], vec![big(2)]];
        let expected = Err(PointsError::Overflow("counting occurrences"));
        assert_eq!(scorer.tally_acts(shards.iter().flatten()), expected);
        for threads in 1..=2 {
            assert_eq!(
                pool(threads).install(|| scorer.par_tally_shards(2, |k| shards[k].iter())),
                expected
            );
        }
    }

    /// A correction whose record is in another shard: the tally refuses it
    /// as the sequential one does, and `par_score` resolves it as `score`.
    #[test]
    fn a_correction_across_shards_is_resolved_as_sequentially() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, year()).unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let mut acts: Vec<Act> = (1..=40_000_u32)
            .map(|i| {
                Act::new(
                    RecordId::new(u64::from(i)),
                    DeputyId::new(i % 7 + 1),
                    day,
                    StandardKind::Research.into(),
                )
            })
            .collect();
        let last = acts.len() - 1;
        acts[last] = acts[last]
            .clone()
            .correcting(Correction::Annuls(RecordId::new(7)));
        acts[last].deputy = acts[6].deputy;
        let seq = scorer.tally_acts(&acts);
        assert!(matches!(seq, Err(PointsError::NeedsWholeScore { .. })));
        assert_eq!(pool(2).install(|| scorer.par_tally_acts(&acts)), seq);
        let card = pool(2).install(|| scorer.par_score(&acts)).unwrap();
        assert_eq!(card, scorer.score(&acts).unwrap());
        assert_eq!((card.stats.superseded, card.stats.corrections), (1, 1));
    }
}

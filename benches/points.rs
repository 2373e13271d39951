//! Scoring 1,000,000 duty acts (5,000 deputies × 200 acts) under the sample
//! Yinchuan/Jiangbei policy, beside a baseline that only sums the acts'
//! `quantity` field over the same `Vec`. The goal is scoring within 5× the
//! baseline; quote each benchmark / `baseline_sum_quantity` as a ratio.
//!
//! The acts are adversarial for the scorer: deputies, kinds (12 standard +
//! one locality kind), claims (5% pending, 5% rejected), quantities and
//! qualifiers are uniformly random, in id order.
//!
//! - `baseline_sum_quantity`: the baseline.
//! - `score_tally_only`: acts → tally.
//! - `scorecard_only`: tally → scorecard (5,000 entries with ledgers).
//! - `score_tally_and_scorecard`: the whole job, the figure to quote.
//! - `score_tally_grouped_by_deputy`: acts sorted by deputy, so ids arrive
//!   out of order (the id set's slow path).
//! - `score_tally_grouped_renumbered`: the same, renumbered in order: the
//!   cost of random access to the deputies' counters, by difference.
//! - `score_shuffled_ids`: the whole job on acts reversed in blocks.
//! - `t_shaped_score`: the same acts under a policy shaped like Tongcheng's
//!   (T): four categories with caps and a floor, rules only for
//!   standing-committee members (a roster of 5,000, one in ten 常委), a
//!   share rule and qualifier bonuses; the general evaluator. Goal: within
//!   10× the baseline.
//! - `t_shaped_score_with_shares`: the same, with every suggestion split
//!   among 1–3 proposers (the acts carry a share).
//! - `t_shaped_quarterly`: the four quarterly scorecards (季度亮分) of the
//!   T-shaped policy in one pass. Goal: within 1.5× `t_shaped_score`.
//! - `simple_quarterly`: the four quarterly scorecards of the simple policy.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Claim, Policy, Qualifier, Roster, RosterData, RosterDeputy, Scorer, StandardKind,
    samples,
};

const DEPUTIES: u32 = 5_000;
const ACTS_EACH: u32 = 200;

/// A deterministic pseudo-random year of acts: ids numbered in recording
/// order, deputies interleaved as a platform records them.
fn acts() -> Vec<Act> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let total = u64::from(DEPUTIES) * u64::from(ACTS_EACH);
    let key = Qualifier::new("key_suggestion").unwrap_or_else(|e| panic!("{e}"));
    (0..total)
        .map(|i| {
            let r = next();
            let deputy = DeputyId::new(u32::try_from(r % u64::from(DEPUTIES)).unwrap_or(0) + 1);
            let kind = match (r >> 16) % 14 {
                13 => ActKind::Local(1),
                k => ActKind::Standard(StandardKind::ALL[usize::try_from(k % 12).unwrap_or(0)]),
            };
            let claim = match (r >> 24) % 20 {
                0 => Claim::Pending,
                1 => Claim::Rejected,
                _ => Claim::Verified,
            };
            let mut act = Act::new(
                RecordId::new(i + 1),
                deputy,
                start + Days::new((r >> 32) % 365),
                kind,
            )
            .with_claim(claim)
            .with_quantity(u32::try_from((r >> 40) % 3).unwrap_or(0) + 1);
            if (r >> 48) % 4 == 0 {
                act = act.with_qualifier(key);
            }
            act
        })
        .collect()
}

/// A policy shaped like Tongcheng's (T1–T6) over the standard kinds.
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

[[qualifiers]]
code = "commended"
label_zh = "书面发言"
label_en = "written"

[[local_kinds]]
code = 1
label_zh = "网格走访"
label_en = "grid visit"

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

[[categories]]
code = "activities"
label_zh = "活动"
label_en = "activities"
cap = "10"

[[categories]]
code = "reports"
label_zh = "社情民意"
label_en = "reports"
cap = "15"

[[rules]]
kind = "leave"
category = "meetings"
when = { roles = ["standing_committee"] }
points = "-2"

[[rules]]
kind = "absence"
category = "meetings"
when = { roles = ["standing_committee"] }
points = "-5"

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
kind = "speak_in_deliberation"
category = "activities"
points = "2"
bonuses = [{ qualifier = "commended", points = "3" }]

[[rules]]
kind = "inspection"
category = "activities"
points = "2"

[[rules]]
kind = "research"
category = "activities"
points = "2"

[[rules]]
kind = "law_enforcement_check"
category = "activities"
points = "2"

[[rules]]
kind = "training"
category = "activities"
points = "2"

[[rules]]
kind = "duty_report"
category = "reports"
points = "10"
bonuses = [{ qualifier = "key_suggestion", points = "5" }]

[[rules]]
kind = "contact_public"
points = "1"

[[rules]]
kind = "mediation"
points = "1"

[[rules]]
kind = "local:1"
points = "0.5"

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
    let policy: Policy = toml::from_str(T_SHAPED).unwrap_or_else(|e| panic!("{e}"));
    let role = "standing_committee"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let deputies = (1..=DEPUTIES)
        .map(|i| {
            let mut d = RosterDeputy::new(DeputyId::new(i), "代表");
            if i % 10 == 0 {
                d.roles.push(role);
            }
            d
        })
        .collect();
    let roster = Roster::new(RosterData {
        groups: vec![],
        deputies,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (policy, roster)
}

fn bench(c: &mut Criterion) {
    let acts = acts();
    let policy = samples::yinchuan_jiangbei().unwrap_or_else(|e| panic!("{e}"));
    let scorer = Scorer::new(
        &policy,
        Period::year(2025).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut shuffled = acts.clone();
    // A fixed permutation: reverse blocks, so ids no longer arrive in order.
    shuffled.chunks_mut(977).for_each(<[Act]>::reverse);
    shuffled.reverse();

    let mut grouped = acts.clone();
    grouped.sort_by_key(|a| (a.deputy, a.id));
    let mut renumbered = grouped.clone();
    for (i, a) in renumbered.iter_mut().enumerate() {
        a.id = RecordId::new(u64::try_from(i).unwrap_or(0) + 1);
    }

    let mut g = c.benchmark_group("points_1m_acts");
    g.sample_size(10);
    g.bench_function("baseline_sum_quantity", |b| {
        b.iter(|| {
            black_box(&acts)
                .iter()
                .map(|a| u64::from(a.quantity))
                .sum::<u64>()
        });
    });
    g.bench_function("score_tally_only", |b| {
        b.iter(|| scorer.tally_acts(black_box(&acts)).map(|t| t.deputies()));
    });
    let tally = scorer.tally_acts(&acts).unwrap_or_else(|e| panic!("{e}"));
    g.bench_function("scorecard_only", |b| {
        b.iter(|| scorer.scorecard(black_box(&tally)).map(|c| c.entries.len()));
    });
    g.bench_function("score_tally_and_scorecard", |b| {
        b.iter(|| scorer.score(black_box(&acts)).map(|c| c.entries.len()));
    });
    g.bench_function("score_tally_grouped_by_deputy", |b| {
        b.iter(|| scorer.tally_acts(black_box(&grouped)).map(|t| t.deputies()));
    });
    g.bench_function("score_tally_grouped_renumbered", |b| {
        b.iter(|| {
            scorer
                .tally_acts(black_box(&renumbered))
                .map(|t| t.deputies())
        });
    });
    g.bench_function("score_shuffled_ids", |b| {
        b.iter(|| scorer.score(black_box(&shuffled)).map(|c| c.entries.len()));
    });
    g.bench_function("simple_quarterly", |b| {
        b.iter(|| scorer.quarterly(black_box(&acts)).map(|c| c.len()));
    });
    let (t_policy, roster) = t_shaped();
    let t_scorer = Scorer::new(
        &t_policy,
        Period::year(2025).unwrap_or_else(|e| panic!("{e}")),
    )
    .and_then(|s| s.with_roster(&roster))
    .unwrap_or_else(|e| panic!("{e}"));
    let shared: Vec<Act> = acts
        .iter()
        .map(|a| {
            if a.kind == ActKind::Standard(StandardKind::SubmitSuggestion) {
                let of = u32::try_from(a.id.get() % 3).unwrap_or(0) + 1;
                let position = u32::try_from(a.id.get() / 3 % u64::from(of)).unwrap_or(0) + 1;
                a.clone().with_share(position, of)
            } else {
                a.clone()
            }
        })
        .collect();
    g.bench_function("t_shaped_score", |b| {
        b.iter(|| t_scorer.score(black_box(&acts)).map(|c| c.entries.len()));
    });
    g.bench_function("t_shaped_score_with_shares", |b| {
        b.iter(|| t_scorer.score(black_box(&shared)).map(|c| c.entries.len()));
    });
    g.bench_function("t_shaped_quarterly", |b| {
        b.iter(|| t_scorer.quarterly(black_box(&acts)).map(|c| c.len()));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

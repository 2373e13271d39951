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

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{Act, ActKind, Claim, Qualifier, Scorer, StandardKind, samples};

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! A nationwide year: 2,770,000 deputies × 200 duty acts = 554,000,000
//! acts, scored under the sample Yinchuan/Jiangbei policy into a tally and
//! the national [`Ranking`] (totals, ranks, bands, honours; no ledgers),
//! sequentially and (with `--features rayon`) on every core. Goal: the
//! whole year within 5 s on 2 cores, in under 1 GiB.
//!
//! The acts are never stored: they are made as they are read, like rows
//! from a database query, by a deterministic xorshift generator, shard by
//! shard. The year is held in 64 partitions, as a national platform would
//! keep it (one per provincial platform, say): partition `k` holds the
//! acts of deputies `k × 43,281 + 1 …` (the last one the rest), numbered
//! in recording order from `k × 8,656,200 + 1`, each act by a deputy of
//! the partition drawn at random, with random kinds (12 standard + one
//! locality kind), claims (5% pending, 5% rejected), quantities, dates
//! and qualifiers (as in `benches/points.rs`). The sequential job reads
//! the partitions one after another into one tally
//! ([`Scorer::tally_acts`]) and ranks it ([`Scorer::ranking`]); the
//! parallel one reads them on every core ([`Scorer::par_tally_shards`],
//! [`Scorer::par_ranking`]), and gives the same tally and ranking (the
//! property tests in `tests/points_parallel.rs` hold it to that).
//!
//! - `national/generate_only`: reading the year's acts and summing their
//!   quantities (the cost of the data source, in every job).
//! - `national/sequential`: tally and ranking on one core, the year read
//!   as one stream (`flat_map` over the partitions).
//! - `national/rayon`: the same on every core (with the feature).
//! - `national/rayon_1_thread`: the parallel job's code on a one-thread
//!   pool: the partitions read one after another into one tally, each
//!   straight from its generator. The fair base for the speed-up: the
//!   `flat_map` of `sequential` keeps the generator out of the scorer's
//!   loop and costs it about half its speed.
//!
//! Figures measured on the 2-core VM on 2026-12-07 (shared with other
//! builds; load average 1–6 during the runs; ±20%):
//!
//! | bench | time (criterion mean, 10 samples) | peak RSS |
//! |---|---|---|
//! | generate_only | 6.6 s | 5 MB |
//! | sequential | 38.4 s | 534 MB |
//! | rayon_1_thread | 20.4 s | — |
//! | rayon (2 threads) | 11.7 s | 541 MB |
//!
//! Speed-up on 2 cores: 1.75× over the same code on one thread (3.3× over
//! `sequential`). Memory is within the goal (under 1 GiB); time is not
//! (11.7 s, not 5 s). Where it goes (`perf record` of `sequential`): about
//! 55% in the tally's loop (each act a random row among its partition's
//! 43,281 deputies: 2.7 MB of counters, past the L2 cache), about 30% in
//! making the acts (xorshift, building each `Act`; the data source, not
//! the scorer), about 10% in the ranking (the scorecard walk a slice at a
//! time, its ledgers allocated and freed, and the sort by total).
//!
//! Commands:
//!
//! ```text
//! cargo bench --bench national --features rayon
//! /usr/bin/time -v target/release/deps/national-<hash> --bench --profile-time 1 national/sequential
//! /usr/bin/time -v target/release/deps/national-<hash> --bench --profile-time 1 national/rayon
//! ```
//!
//! ("Maximum resident set size" is the peak.)

use std::hint::black_box;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Claim, Qualifier, Qualifiers, Scorer, StandardKind, samples,
};

const DEPUTIES: u32 = 2_770_000;
const ACTS_EACH: u64 = 200;
const SHARDS: u32 = 64;

/// Deputies of partition `k`: `first..first + count`.
fn deputies_of(k: u32) -> (u32, u32) {
    let each = DEPUTIES / SHARDS;
    let first = k * each + 1;
    let count = if k + 1 == SHARDS {
        DEPUTIES - k * each
    } else {
        each
    };
    (first, count)
}

/// The acts of partition `k`, made as they are read.
struct Partition {
    state: u64,
    next_id: u64,
    end_id: u64,
    first: u32,
    count: u64,
    days: [NaiveDate; 365],
    /// `key_suggestion`, made once (a database row would carry its
    /// qualifiers as a bit set too).
    key: Qualifiers,
}

impl Partition {
    fn new(k: u32) -> Self {
        let (first, count) = deputies_of(k);
        let acts_per = u64::from(DEPUTIES / SHARDS) * ACTS_EACH;
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        let mut days = [start; 365];
        for (i, d) in (0_u64..).zip(days.iter_mut()) {
            *d = start + Days::new(i);
        }
        Self {
            state: 0x9E37_79B9_7F4A_7C15 ^ (u64::from(k) + 1).wrapping_mul(0xD1B5_4A32_D192_ED03),
            next_id: u64::from(k) * acts_per + 1,
            end_id: u64::from(k) * acts_per + u64::from(count) * ACTS_EACH,
            first,
            count: u64::from(count),
            days,
            key: Qualifiers::default()
                .with(Qualifier::new("key_suggestion").unwrap_or_else(|e| panic!("{e}"))),
        }
    }
}

impl Iterator for Partition {
    type Item = Act;

    #[inline]
    fn next(&mut self) -> Option<Act> {
        if self.next_id > self.end_id {
            return None;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        let r = self.state;
        // A deputy of the partition: the low 32 bits scaled to the count
        // (a multiplication, not a division by a number known only now).
        let pick = ((r & 0xFFFF_FFFF) * self.count) >> 32;
        let deputy = DeputyId::new(self.first + u32::try_from(pick).unwrap_or(0));
        let kind = match (r >> 16) % 14 {
            13 => ActKind::Local(1),
            k => ActKind::Standard(StandardKind::ALL[usize::try_from(k % 12).unwrap_or(0)]),
        };
        let claim = match (r >> 24) % 20 {
            0 => Claim::Pending,
            1 => Claim::Rejected,
            _ => Claim::Verified,
        };
        let day = self.days[usize::try_from((r >> 32) % 365).unwrap_or(0)];
        let mut act = Act::new(RecordId::new(id), deputy, day, kind)
            .with_claim(claim)
            .with_quantity(u32::try_from((r >> 40) % 3).unwrap_or(0) + 1);
        if (r >> 48).is_multiple_of(4) {
            act.qualifiers = self.key.clone();
        }
        Some(act)
    }
}

fn national(c: &mut Criterion) {
    let policy = samples::yinchuan_jiangbei().unwrap_or_else(|e| panic!("{e}"));
    let period = Period::year(2025).unwrap_or_else(|e| panic!("{e}"));
    let scorer = Scorer::new(&policy, period).unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("national");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(1));
    g.warm_up_time(Duration::from_millis(1));

    g.bench_function("generate_only", |b| {
        b.iter(|| {
            let sum: u64 = (0..SHARDS)
                .flat_map(Partition::new)
                .map(|a| u64::from(a.quantity))
                .sum();
            black_box(sum)
        });
    });

    g.bench_function("sequential", |b| {
        b.iter(|| {
            let tally = scorer
                .tally_acts((0..SHARDS).flat_map(Partition::new))
                .unwrap_or_else(|e| panic!("{e}"));
            let ranking = scorer.ranking(&tally).unwrap_or_else(|e| panic!("{e}"));
            black_box((tally.stats().counted, ranking.entries.len()))
        });
    });

    #[cfg(feature = "rayon")]
    g.bench_function("rayon", |b| {
        b.iter(|| {
            let tally = scorer
                .par_tally_shards(SHARDS as usize, |k| {
                    Partition::new(u32::try_from(k).unwrap_or(0))
                })
                .unwrap_or_else(|e| panic!("{e}"));
            let ranking = scorer.par_ranking(&tally).unwrap_or_else(|e| panic!("{e}"));
            black_box((tally.stats().counted, ranking.entries.len()))
        });
    });
    // The parallel job's code on one thread: the partitions read one
    // after another into one tally, each straight from its generator (no
    // `flat_map` between them): the fair base for the speed-up.
    #[cfg(feature = "rayon")]
    {
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        g.bench_function("rayon_1_thread", |b| {
            b.iter(|| {
                one.install(|| {
                    let tally = scorer
                        .par_tally_shards(SHARDS as usize, |k| {
                            Partition::new(u32::try_from(k).unwrap_or(0))
                        })
                        .unwrap_or_else(|e| panic!("{e}"));
                    let ranking = scorer.par_ranking(&tally).unwrap_or_else(|e| panic!("{e}"));
                    black_box((tally.stats().counted, ranking.entries.len()))
                })
            });
        });
    }
    g.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);

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
//! acts of deputies `k × 43,282 + 1 …` (the last one the rest), numbered
//! in recording order from `k × 8,656,250 + 1`, each act by a deputy of
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
//!   quantities (the cost of the data source, in both jobs).
//! - `national/sequential`: tally and ranking on one core.
//! - `national/rayon`: the same on every core (with the feature).
//!
//! Figures on the 2-core VM (noisy, ±20%), `cargo bench --bench national
//! --features rayon`:
//!
//! | bench | time | peak RSS |
//! |---|---|---|
//! | generate_only | FIGURE | — |
//! | sequential | FIGURE | FIGURE |
//! | rayon | FIGURE | FIGURE |
//!
//! Peak memory, one job a process, on the bench binary built above:
//!
//! ```text
//! /usr/bin/time -v target/release/deps/national-<hash> --bench --profile-time 10 national/sequential
//! /usr/bin/time -v target/release/deps/national-<hash> --bench --profile-time 10 national/rayon
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
    g.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);

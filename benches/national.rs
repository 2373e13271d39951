//! A nationwide year: 2,770,000 deputies × 200 duty acts = 554,000,000
//! acts, scored under the sample Yinchuan/Jiangbei policy into a tally and
//! the national [`Ranking`] (totals, ranks, bands, honours; no ledgers),
//! sequentially and (with `--features rayon`) on every core. Goal: the
//! whole year within 5 s on 2 cores, in under 1 GiB.
//!
//! The acts are never stored: they are made as they are read, like rows
//! from a database query, by a deterministic xorshift generator, shard by
//! shard. The year is held in 2,770 partitions of 1,000 deputies (a
//! platform per county, say): partition `k` holds the acts of deputies
//! `k × 1,000 + 1 …`, numbered in recording order from `k × 200,000 + 1`,
//! each act by a deputy of the partition drawn at random, with random
//! kinds (12 standard + one locality kind), claims (5% pending, 5%
//! rejected), quantities and dates. Qualifiers go on the acts they
//! describe: a quarter of submitted suggestions are key suggestions
//! (`key_suggestion`, which earns the suggestion rule's bonus); no other
//! act carries one. The sequential job reads the partitions one after
//! another into one tally ([`Scorer::tally_acts`]) and ranks it
//! ([`Scorer::ranking`]); the parallel one reads them on every core
//! ([`Scorer::par_tally_shards`], [`Scorer::par_ranking`]), and gives the
//! same tally and ranking (the property tests in `tests/points_parallel.rs`
//! hold it to that).
//!
//! - `national/generate_only`: reading the year's acts and summing their
//!   quantities (the cost of the data source, in every job).
//! - `national/sequential`: tally and ranking on one core, the year read
//!   as one stream (`flat_map` over the partitions).
//! - `national/rayon`: the same on every core (with the feature).
//! - `national/rayon_every_kind_qualified`: `rayon` with the earlier
//!   generator's qualifiers: a quarter of all acts, of every kind, carry
//!   `key_suggestion` (an inspection marked as a key suggestion is not
//!   data a platform holds, but each such act costs the source a qualifier
//!   set and the scorer nothing).
//! - `national/rayon_1_thread`: the parallel job's code on a one-thread
//!   pool: the partitions read one after another into one tally, each
//!   straight from its generator. The fair base for the speed-up: the
//!   `flat_map` of `sequential` keeps the generator out of the scorer's
//!   loop and costs it about half its speed.
//!
//! Figures measured on the 2-core VM on 2026-12-07, criterion means of 10
//! samples, each column in one sitting with nothing else running (±10%
//! from one sitting to the next). "Earlier" is the code of the sitting
//! before, with a quarter of all acts qualified:
//!
//! | bench | first (64 partitions; ranking by the scorecard's walk) | earlier | now | peak RSS now |
//! |---|---|---|---|---|
//! | generate_only | — | 4.9 s | 2.6 s | 5 MB |
//! | sequential | — | 14.3 s | 13.7 s | 522 MB |
//! | rayon_1_thread | 20.0 s | 9.6 s | 6.7 s | 522 MB |
//! | rayon (2 threads) | 11.6 s | 6.3 s | 4.2 s (3.8–4.7) | 583 MB |
//!
//! `rayon` measured again in three later sittings the same evening: 5.0 s,
//! 4.1 s and 3.9 s (the VM's speed varies by ±20% from one sitting to the
//! next). Speed-up on 2 cores: 1.6× over the same code on one thread. Time
//! and memory are within the goal (5 s, 1 GiB) for acts qualified as a
//! platform records them. With a quarter of all acts qualified
//! (`rayon_every_kind_qualified`) the source's qualifier sets cost about
//! 2 s more a core (a branch taken at random and a set built for each):
//! 4.9 s (4.7–5.1), 597 MB, against 3.9 s for `rayon` run just after it.
//! What changed from the first
//! figures (`perf record` found each):
//!
//! - partitions of 1,000 deputies, not 43,281: a partition's counters
//!   (1,000 rows × 16 counters × 4 bytes) stay in the L2 cache while its
//!   acts are read (the tally on one thread: 13.7 s, not 16.0 s);
//! - the ranking's totals come from each row by the plain rule, with no
//!   ledger made (`src/points/plain.rs`; 3.5 s to about 1 s on one
//!   thread);
//! - the scorer reads each act where the iterator left it, not a copy;
//!   `Code` is word-aligned and `Qualifiers::with` builds a one-qualifier
//!   set without the heap and is not inlined: an act whose qualifiers
//!   were just copied byte by byte stalled every read of it (about a
//!   fifth of the loop);
//! - the generator draws kinds and claims from tables, without branches,
//!   and qualifies only suggestions (making the acts: 4.9 s to 2.6 s).
//!
//! Phase figures ("13.7 s, not 16.0 s", "about 1 s", "about a fifth",
//! "about 2 s more") come from a scratch harness timing each
//! phase with `Instant` (which `clippy.toml` keeps out of benches) and
//! from `perf record`; the table's come from the commands below.
//!
//! Commands:
//!
//! ```text
//! cargo bench --bench national --features rayon
//! /usr/bin/time -f "%e s %M KB" target/release/deps/national-<hash> --bench '^national/rayon$'
//! /usr/bin/time -f "%e s %M KB" target/release/deps/national-<hash> --bench '^national/rayon_1_thread$'
//! /usr/bin/time -f "%e s %M KB" target/release/deps/national-<hash> --bench '^national/(generate_only|sequential)$'
//! ```
//!
//! (`%M` is the peak resident set of the whole run.)

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
const SHARDS: u32 = 2_770;

/// Kinds by draw: the 12 standard kinds (the first twice) and the
/// locality's grid visit.
const KINDS: [ActKind; 14] = {
    let mut k = [ActKind::Local(1); 14];
    let mut i = 0;
    while i < 13 {
        k[i] = ActKind::Standard(StandardKind::ALL[i % 12]);
        i += 1;
    }
    k
};

/// The kind of act a key suggestion (重点建议) is recorded on.
const SUGGESTION: ActKind = ActKind::Standard(StandardKind::SubmitSuggestion);

/// Claims by draw: 1 in 20 pending, 1 in 20 rejected.
const CLAIMS: [Claim; 20] = {
    let mut c = [Claim::Verified; 20];
    c[0] = Claim::Pending;
    c[1] = Claim::Rejected;
    c
};

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

/// The acts of partition `k`, made as they are read. With `EVERY_KIND`,
/// a quarter of all acts carry `key_suggestion`, whatever their kind (the
/// generator before 2026-12-07: more qualified acts than a platform holds,
/// each costing the source a qualifier set).
struct Partition<const EVERY_KIND: bool = false> {
    state: u64,
    next_id: u64,
    end_id: u64,
    first: u32,
    count: u64,
    days: [NaiveDate; 365],
    /// `key_suggestion`, made once.
    key: Qualifier,
}

impl<const EVERY_KIND: bool> Partition<EVERY_KIND> {
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
            key: Qualifier::new("key_suggestion").unwrap_or_else(|e| panic!("{e}")),
        }
    }
}

impl<const EVERY_KIND: bool> Iterator for Partition<EVERY_KIND> {
    type Item = Act;

    // Inlined into the scorer's loop, as a query's row decoder would be.
    #[inline(always)]
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
        // Each field from its own bits of `r`, scaled to its range by a
        // multiplication (no division): bits 0..24 the deputy, 24..32 the
        // kind, 32..40 the claim, 40..52 the day, 52..58 the quantity,
        // 58..60 whether a suggestion is a key one.
        let bits = |from: u32, width: u32| (r >> from) & ((1 << width) - 1);
        let scaled = |from: u32, width: u32, n: u64| (bits(from, width) * n) >> width;
        let pick = u32::try_from(scaled(0, 24, self.count)).unwrap_or(0);
        let deputy = DeputyId::new(self.first + pick);
        let kind = KINDS[usize::try_from(scaled(24, 8, 14)).unwrap_or(0)];
        let claim = CLAIMS[usize::try_from(scaled(32, 8, 20)).unwrap_or(0)];
        let day = self.days[usize::try_from(scaled(40, 12, 365)).unwrap_or(0)];
        let mut act = Act::new(RecordId::new(id), deputy, day, kind);
        act.claim = claim;
        act.quantity = u32::try_from(scaled(52, 6, 3)).unwrap_or(0) + 1;
        // Qualifiers go on the acts they describe: a quarter of submitted
        // suggestions are key suggestions (one branch, rarely taken).
        if (EVERY_KIND | (kind == SUGGESTION)) & (bits(58, 2) == 0) {
            act.qualifiers = Qualifiers::EMPTY.with(self.key);
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
                .flat_map(Partition::<false>::new)
                .map(|a| u64::from(a.quantity))
                .sum();
            black_box(sum)
        });
    });

    g.bench_function("sequential", |b| {
        b.iter(|| {
            let tally = scorer
                .tally_acts((0..SHARDS).flat_map(Partition::<false>::new))
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
                    Partition::<false>::new(u32::try_from(k).unwrap_or(0))
                })
                .unwrap_or_else(|e| panic!("{e}"));
            let ranking = scorer.par_ranking(&tally).unwrap_or_else(|e| panic!("{e}"));
            black_box((tally.stats().counted, ranking.entries.len()))
        });
    });
    // The same with a quarter of all acts qualified (see `Partition`).
    #[cfg(feature = "rayon")]
    g.bench_function("rayon_every_kind_qualified", |b| {
        b.iter(|| {
            let tally = scorer
                .par_tally_shards(SHARDS as usize, |k| {
                    Partition::<true>::new(u32::try_from(k).unwrap_or(0))
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
                            Partition::<false>::new(u32::try_from(k).unwrap_or(0))
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

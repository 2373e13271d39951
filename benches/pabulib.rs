//! Benchmarks for participatory budgeting on real Pabulib files:
//! parse + greedy on Łódź 2022 (90,494 voters, 160 projects) and the Method
//! of Equal Shares with add1 on Świecie 2023 (2,553 voters, 22 projects).
//! Reading the file from disk is outside the timed part.
//!
//! Baseline: pabutools 1.2.3 (Python 3.11) on the same machine, same sitting
//! (2026-11-26, 2 shared cores): Łódź `parse_pabulib` 3.5–4.5 s plus
//! `greedy_utilitarian_welfare(sat_class=Cost_Sat)` 30–36 s; Świecie
//! `exhaustion_by_budget_increase(method_of_equal_shares, Cost_Sat,
//! budget_step = voters)` 22–26 s. This crate: Łódź parse + greedy ≈ 50 ms
//! (≈ 700×), Świecie equal shares + add1 ≈ 35 ms (≈ 650×).
//!
//! Skips (prints and returns) when `../shared/data/pabulib/` is missing.

use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::vote::pabulib::{PbElection, PbRule};
use std::hint::black_box;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/pabulib");

fn read(name: &str) -> Option<String> {
    let path = format!("{DATA}/{name}");
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) => {
            println!("skipping the benchmark on {path}: {e}");
            None
        }
    }
}

fn lodz_parse_greedy(c: &mut Criterion) {
    let Some(text) = read("poland_lodz_2022_.pb") else {
        return;
    };
    let mut g = c.benchmark_group("pabulib_lodz_2022");
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| PbElection::parse(black_box(&text)).map(|e| e.votes().len()))
    });
    g.bench_function("parse_and_greedy", |b| {
        b.iter(|| {
            PbElection::parse(black_box(&text))
                .and_then(|e| e.decide(PbRule::Greedy))
                .map(|o| o.total_cost)
        })
    });
    if let Ok(e) = PbElection::parse(&text) {
        g.bench_function("greedy_only", |b| {
            b.iter(|| black_box(&e).decide(PbRule::Greedy).map(|o| o.total_cost))
        });
    }
    g.finish();
}

fn swiecie_mes_add1(c: &mut Criterion) {
    let Some(text) = read("poland_swiecie_2023_.pb") else {
        return;
    };
    let Ok(e) = PbElection::parse(&text) else {
        println!("skipping: the Świecie file does not parse");
        return;
    };
    let mut g = c.benchmark_group("pabulib_swiecie_2023");
    g.sample_size(10);
    g.bench_function("mes_add1", |b| {
        b.iter(|| {
            black_box(&e)
                .decide(PbRule::EqualSharesAdd1)
                .map(|o| o.total_cost)
        })
    });
    g.finish();
}

criterion_group!(benches, lodz_parse_greedy, swiecie_mes_add1);
criterion_main!(benches);

//! Benchmarks for the `vote` engine (placeholder until its issue lands).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn placeholder(c: &mut Criterion) {
    c.bench_function("vote_placeholder", |b| {
        b.iter(|| black_box(1_u64) + black_box(2))
    });
}

criterion_group!(benches, placeholder);
criterion_main!(benches);

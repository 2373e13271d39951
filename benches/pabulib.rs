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
//! `pabulib_add1` times add1 where stepping one currency unit at a time
//! took seconds (whole process, 2026-12-07, before → after): two voters
//! with a budget of 1,000,000 (0.15 s → under 0.01 s), Budapest VIII 2022
//! (15.5 s → 0.11 s), Veszprém 2025 (8.4 s → under 0.01 s). Świecie 2023
//! whole process: 23 ms against pabutools' 21.2 s (about 910×).
//!
//! Equal Shares with add1 after quick runs keep payments and step a batch
//! of budgets at a time (2026-12-07, criterion, one sitting): Świecie 2023
//! 8.4 ms, Budapest VIII 108 ms, Veszprém 2.3 ms, two voters with a budget
//! of 1,000,000 8.3 µs, Warsaw Mokotów 2020 430 ms (whole process 4.75 s
//! before, 0.44 s after), Mokotów 2023 596 ms (0.64 s whole process, the
//! slowest of the 492 files; all of them 44.3 s before, 13.6 s after).
//! Świecie whole process 10.5–13 ms against pabutools 1.2.3's 21.4 s
//! (about 1,600–2,000×).
//!
//! Łódź 2022 after one-pass splitting and one end offset per ballot
//! (2026-12-07, later the same day, back to back): `parse` 13.2 → 11.9 ms,
//! `parse_and_greedy` 13.9 → 12.2 ms, `read_in_64k_pieces_and_greedy`
//! 14.0 → 12.1 ms; whole process 13.4 ms and 6.6 MB against `wc -l`
//! 1.74–1.98 ms (7–7.7×).
//!
//! Łódź 2022 after column storage and the streaming reader (2026-12-07,
//! one sitting, the other core busy): in process, `parse_and_greedy`
//! 14.1 ms and `read_in_64k_pieces_and_greedy` 14.7–15.5 ms, against
//! `baseline_count_lines` (line feeds counted with `memchr`) 0.14 ms; whole
//! process (`examples/pabulib`, the file read in 64 KiB pieces) 15.7 ms and
//! 7.2 MB peak memory (1.9× the 3.8 MB file) against `wc -l` 1.75 ms
//! (9×); before, 73 ms and 42 MB. pabutools 1.2.3 the same sitting: 30.2 s
//! and 2.4 GB (about 1,900×).
//!
//! The floor of "5× `wc -l`" (2026-12-07, one sitting): `baseline_minimal_split`
//! does only the work no reader can skip (split rows, look up ids, copy
//! cells and indices into columns; no checks at all) and takes 6.9 ms in
//! process against `parse_and_greedy`'s 12.1 ms (`cargo bench --bench
//! pabulib -- 'pabulib_lodz_2022/(baseline|parse_and)'`). Whole process,
//! `perf stat -r 30 target/release/examples/pabulib FILE` took 14.1 ms
//! against `perf stat -r 30 wc -l FILE`'s 1.78 ms (7.9×).
//!
//! Skips (prints and returns) when `../shared/data/pabulib/` is missing.

use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::vote::pabulib::{PbElection, PbReader, PbRule};
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
    g.bench_function("read_in_64k_pieces_and_greedy", |b| {
        b.iter(|| {
            let mut r = PbReader::new();
            for piece in black_box(text.as_bytes()).chunks(1 << 16) {
                r.feed(piece)?;
            }
            r.finish()
                .and_then(|(e, _)| e.decide(PbRule::Greedy))
                .map(|o| o.total_cost)
        })
    });
    // The in-process counterpart of `wc -l`: count the line feeds.
    g.bench_function("baseline_count_lines", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(text.as_bytes())).count())
    });
    // The floor of this design: only the work no reader of this file can
    // skip (split the rows, look up each project id, copy the voter's
    // cells and the project indices into columns), with none of the checks.
    let (ballots, named) = minimal_split(&text);
    println!("baseline_minimal_split reads {ballots} ballots naming {named} projects");
    g.bench_function("baseline_minimal_split", |b| {
        b.iter(|| minimal_split(black_box(&text)))
    });
    if let Ok(e) = PbElection::parse(&text) {
        g.bench_function("greedy_only", |b| {
            b.iter(|| black_box(&e).decide(PbRule::Greedy).map(|o| o.total_cost))
        });
    }
    g.finish();
}

/// The bare minimum of reading Łódź 2022's VOTES: rows split eight bytes
/// at a time at `;`, `,` and line feeds; project ids of up to eight bytes
/// looked up in an open-addressing table; the cells before the vote and the
/// project indices appended to columns. No UTF-8, quote, count, duplicate
/// or error-line checks and no other column layout: a floor, not a reader.
/// Returns the number of ballots and projects named.
fn minimal_split(text: &str) -> (usize, usize) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let eq = |w: u64, c: u8| {
        let x = w ^ u64::from(c).wrapping_mul(0x0101_0101_0101_0101);
        !((x & LOW7).wrapping_add(LOW7) | x | LOW7)
    };
    let word = |b: &[u8], at: usize| {
        if let Some(w) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
            return u64::from_le_bytes(*w);
        }
        let mut w = [0_u8; 8];
        for (d, s) in w.iter_mut().zip(b.get(at..).unwrap_or_default()) {
            *d = *s;
        }
        u64::from_le_bytes(w)
    };
    let low = |n: usize| u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
    let slot = |w: u64| (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize;
    let (Some(p), Some(v)) = (text.find("\nPROJECTS\n"), text.find("\nVOTES\n")) else {
        return (0, 0);
    };
    let mut table = vec![(0_u64, u32::MAX); 512];
    for (i, line) in text[p + 10..v].lines().skip(1).enumerate() {
        let id = line.split(';').next().unwrap_or_default().as_bytes();
        let key = (word(id, 0) & low(id.len().min(8))) | ((id.len() as u64) << 60);
        let mut a = slot(key);
        while table[a].1 != u32::MAX {
            a = (a + 1) & 511;
        }
        table[a] = (key, i as u32);
    }
    let body = &text.as_bytes()[v + 7..];
    let rows = body
        .iter()
        .position(|&c| c == b'\n')
        .map_or(body.len(), |k| k + 1);
    let b = &body[rows..];
    let (mut cells, mut ends, mut projects, mut project_ends) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut row, mut field, mut from, mut vote) = (0, 0, 0, 0);
    let id = |a: usize, e: usize, projects: &mut Vec<u32>| {
        let n = e - a;
        let key = (word(b, a) & low(n.min(8))) | ((n as u64) << 60);
        let mut s = slot(key);
        while table[s].1 != u32::MAX {
            if table[s].0 == key {
                projects.push(table[s].1);
                return;
            }
            s = (s + 1) & 511;
        }
    };
    let mut at = 0;
    while at < b.len() {
        let w = word(b, at);
        let mut hits = eq(w, b';') | eq(w, b',') | eq(w, b'\n');
        while hits != 0 {
            let k = at + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            if k >= b.len() {
                break;
            }
            match b[k] {
                b';' => {
                    field += 1;
                    if field == 4 {
                        (vote, from) = (k, k + 1);
                    }
                }
                b',' => {
                    id(from, k, &mut projects);
                    from = k + 1;
                }
                _ => {
                    id(from, k, &mut projects);
                    cells.extend_from_slice(&b[row..=vote]);
                    ends.push(cells.len() as u32);
                    project_ends.push(projects.len() as u32);
                    (row, field) = (k + 1, 0);
                }
            }
        }
        at += 8;
    }
    if row < b.len() && field == 4 {
        id(from, b.len(), &mut projects);
        cells.extend_from_slice(&b[row..=vote]);
        ends.push(cells.len() as u32);
        project_ends.push(projects.len() as u32);
    }
    (ends.len(), projects.len())
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

/// add1 where stepping one currency unit at a time used to take seconds:
/// two voters and a budget of 1,000,000 (about 500,000 steps), Budapest
/// VIII 2022 (153,000 steps) and Veszprém 2025, from the 2026 sample.
fn add1_long_walks(c: &mut Criterion) {
    let mut g = c.benchmark_group("pabulib_add1");
    g.sample_size(10);
    let two = "META\nkey;value\nbudget;1000000\nvote_type;approval\nPROJECTS\n\
               project_id;cost\na;999999\nb;2\nVOTES\nvoter_id;vote\n1;a\n2;b\n";
    let mut files = vec![("two_voters_budget_1e6", Some(two.to_owned()))];
    for (name, file) in [
        (
            "budapest_viii_2022",
            "Hungary_Budapest_2022_VIII_Jozsefvaros.pb",
        ),
        ("veszprem_2025", "Hungary_Veszprem_2025.pb"),
    ] {
        files.push((name, read(&format!("../pabulib-2026/{file}"))));
    }
    // The largest city districts, where the outcome changes at almost
    // every unit of the per-voter budget.
    files.push((
        "warszawa_mokotow_2020",
        read("poland_warszawa_2020_mokotow.pb"),
    ));
    files.push((
        "warszawa_mokotow_2023",
        read("poland_warszawa_2023_mokotow.pb"),
    ));
    for (name, text) in files {
        let Some(e) = text.and_then(|t| PbElection::parse(&t).ok()) else {
            continue;
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(&e)
                    .decide(PbRule::EqualSharesAdd1)
                    .map(|o| o.total_cost)
            })
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    lodz_parse_greedy,
    swiecie_mes_add1,
    add1_long_walks
);
criterion_main!(benches);

//! Benchmarks for the livelihood-project vote.
//!
//! `tally_1m_ballots` counts 1,000,000 for/against/abstain ballots on 12
//! projects (checking each voter against the electorate, refusing second
//! ballots, validating each ballot) and decides the vote; its baseline,
//! `read_1m_ballots`, only reads the same ballots into a checksum. Goal: the
//! tally within 3× the plain read. `tally_1m_ballots_4_boxes_merged` counts
//! the same ballots in four boxes (one after another) and merges them.
//! `secret_count_1m_ballots` counts the same ballots' content as a secret
//! ballot (no names: no electorate check) into one box and decides.
//!
//! `cargo bench --bench vote -- --warm-up-time 1 --measurement-time 3`

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Policy, Project,
    Session, Tally, Voting,
};
use rust_decimal::Decimal;
use std::hint::black_box;

const BALLOTS: u32 = 1_000_000;
const PROJECTS: u32 = 12;

fn setup() -> (Session, Vec<Ballot>) {
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let projects = (1..=PROJECTS)
        .map(|n| {
            Project::builder(ProjectId::new(n), format!("项目{n}"))
                .investment(Decimal::from(n))
                .category("民生")
                .completion(date)
                .build()
                .expect("project")
        })
        .collect();
    let session = Session::new(
        Policy::election_style(10).unwrap(),
        CandidateList::new(projects).unwrap(),
        Electorate::all_present((1..=BALLOTS).map(DeputyId::new)).unwrap(),
        BallotsIssued(BALLOTS),
    )
    .unwrap();
    let mut state: u64 = 42;
    let ballots = (1..=BALLOTS)
        .map(|voter| {
            let mut fors = 0;
            let marks = (1..=PROJECTS)
                .map(|p| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let m = match (state >> 33) % 10 {
                        0..=5 if fors < 10 => {
                            fors += 1;
                            Mark::For
                        }
                        0..=7 => Mark::Against,
                        _ => Mark::Abstain,
                    };
                    (ProjectId::new(p), m)
                })
                .collect();
            Ballot::new(DeputyId::new(voter), Choice::Marks(marks))
        })
        .collect();
    (session, ballots)
}

/// The baseline: read every ballot once, as a tally must.
fn read(ballots: &[Ballot]) -> u64 {
    let mut sum: u64 = 0;
    for b in ballots {
        sum = sum.wrapping_add(u64::from(b.voter.get()));
        if let Choice::Marks(marks) = &b.choice {
            for &(p, m) in marks {
                let w = match m {
                    Mark::For => 1,
                    Mark::Against => 2,
                    Mark::Abstain => 3,
                };
                sum = sum.wrapping_add(u64::from(p.get()) * w);
            }
        }
    }
    sum
}

fn tally(session: &Session, ballots: &[Ballot]) -> usize {
    let mut t = Tally::new(session, BoxNumber(1));
    for b in ballots {
        t.cast(session, b).unwrap();
    }
    session.decide(&t).unwrap().elected.len()
}

/// The same ballots counted in four boxes, then merged.
fn tally_in_boxes(session: &Session, ballots: &[Ballot]) -> usize {
    let mut boxes = ballots
        .chunks(ballots.len() / 4)
        .zip(1..)
        .map(|(chunk, n)| {
            let mut t = Tally::new(session, BoxNumber(n));
            for b in chunk {
                t.cast(session, b).unwrap();
            }
            t
        });
    let mut all = boxes.next().unwrap();
    for t in boxes {
        all.merge(session, &t).unwrap();
    }
    session.decide(&all).unwrap().elected.len()
}

/// The same session as a secret ballot: the counts of the electorate only.
fn secret(session: &Session) -> Session {
    let mut rules = session.rules().clone();
    rules.voting = Voting::Secret;
    Session::new(
        rules,
        session.candidates().clone(),
        Electorate::counted(BALLOTS, BALLOTS).unwrap(),
        BallotsIssued(BALLOTS),
    )
    .unwrap()
}

/// The ballots' content counted without names.
fn secret_count(session: &Session, ballots: &[Ballot]) -> usize {
    let mut t = Tally::with_issued(session, BoxNumber(1), BallotsIssued(BALLOTS));
    for b in ballots {
        t.count(session, &b.choice).unwrap();
    }
    session.decide(&t).unwrap().elected.len()
}

fn million_ballots(c: &mut Criterion) {
    let (session, ballots) = setup();
    let paper = secret(&session);
    assert_eq!(tally(&session, &ballots), 10);
    assert_eq!(tally_in_boxes(&session, &ballots), 10);
    assert_eq!(secret_count(&paper, &ballots), 10);
    let mut g = c.benchmark_group("vote");
    g.sample_size(10);
    g.bench_function("read_1m_ballots", |b| b.iter(|| read(black_box(&ballots))));
    g.bench_function("tally_1m_ballots", |b| {
        b.iter(|| tally(black_box(&session), black_box(&ballots)))
    });
    g.bench_function("tally_1m_ballots_4_boxes_merged", |b| {
        b.iter(|| tally_in_boxes(black_box(&session), black_box(&ballots)))
    });
    g.bench_function("secret_count_1m_ballots", |b| {
        b.iter(|| secret_count(black_box(&paper), black_box(&ballots)))
    });
    g.finish();
}

criterion_group!(benches, million_ballots);
criterion_main!(benches);

//! Replaying 1,000,000 events across 100,000 suggestions, beside a loop that
//! only copies the same events (the baseline).
//!
//! ```sh
//! cargo bench --bench suggestion -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Goal: at least 10 million events per second, and within 10x the copy loop.
//!
//! `verify_chain_1m_events` checks the digest chain alone (one SHA-256 per
//! entry); `verify_1m_events` is the full verification: the chain, and
//! every recorded command re-decided under the policy. Goal for the full
//! verification: at least 5 million events per second; quote it beside
//! `replay_1m_events`.
//!
//! Measured 2026-12-07 on the 2-core development machine, one sitting:
//! copy 37-38 M events/s, replay 35-37 M/s, chain 8.7-8.9 M/s, full
//! verification 5.4-5.5 M/s (an occasional noisy run reads about 4 M/s).

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::suggestion::{
    Action, Actor, Command, Feedback, Policy, ReviewChecks, Suggestion, TrailEntry, replay, verify,
    verify_chain,
};

const SUGGESTIONS: u32 = 100_000;
const EVENTS_PER: usize = 10;

/// 100,000 trails of 10 events each, made through the real command path.
fn trails() -> Vec<(SuggestionId, Vec<TrailEntry>)> {
    let policy = Policy::seed();
    let cal = WeekendCalendar;
    let office = Actor::Office(PersonId::new(100));
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    (1..=SUGGESTIONS)
        .map(|i| {
            let day = |n: u64| start + Days::new(u64::from(i % 60) + n);
            let lead = Actor::Deputy(DeputyId::new(i));
            let unit = UnitId::new(1 + i % 40);
            let co = UnitId::new(100 + i % 7);
            let class = ["A", "A", "B", "C"][(i % 4) as usize];
            let mut s = Suggestion::new(SuggestionId::new(i));
            let commands = [
                Command::new(
                    day(0),
                    lead,
                    Action::Draft {
                        title: format!("建议第{i}号"),
                        co_signers: vec![DeputyId::new(i.wrapping_add(1))],
                    },
                ),
                Command::new(day(0), lead, Action::Submit),
                Command::new(
                    day(2),
                    office,
                    Action::Register {
                        checks: ReviewChecks::PASSED,
                    },
                ),
                Command::new(
                    day(5),
                    office,
                    Action::Assign {
                        lead_unit: unit,
                        co_units: vec![co],
                    },
                ),
                Command::new(
                    day(6),
                    Actor::StandingCommittee,
                    Action::MarkKey {
                        leader: PersonId::new(7),
                        committee: UnitId::new(90),
                    },
                ),
                Command::new(day(20), Actor::Unit(co), Action::SendViews),
                Command::new(day(60), office, Action::Remind),
                Command::new(
                    day(70),
                    Actor::Unit(unit),
                    Action::Reply {
                        class: class.into(),
                    },
                ),
                // Feedback yields two events: the feedback and the closing.
                Command::new(
                    day(75),
                    lead,
                    Action::Feedback {
                        verdict: Feedback::Satisfied,
                        attitude: None,
                    },
                ),
            ];
            for c in &commands {
                s.handle(c, &policy, &cal)
                    .expect("the generated commands are valid");
            }
            assert_eq!(s.trail().len(), EVENTS_PER);
            (s.id(), s.trail().to_vec())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let trails = trails();
    let events = trails.iter().map(|(_, t)| t.len()).sum::<usize>();
    assert_eq!(events, 1_000_000);
    let mut group = c.benchmark_group("suggestion_replay");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("copy_1m_events_baseline", |b| {
        let mut out: Vec<TrailEntry> = Vec::with_capacity(EVENTS_PER);
        b.iter(|| {
            let mut n = 0_usize;
            for (_, trail) in &trails {
                out.clear();
                out.extend_from_slice(black_box(trail));
                n += out.len();
                black_box(&out);
            }
            n
        });
    });
    group.bench_function("replay_1m_events", |b| {
        b.iter(|| {
            let mut closed = 0_u32;
            for (id, trail) in &trails {
                let state = replay(*id, black_box(trail)).expect("replays");
                closed += u32::from(state.is_closed());
                black_box(&state);
            }
            closed
        });
    });
    group.bench_function("verify_chain_1m_events", |b| {
        b.iter(|| {
            let mut n = 0_usize;
            for (id, trail) in &trails {
                black_box(verify_chain(*id, black_box(trail)).expect("verifies"));
                n += trail.len();
            }
            n
        });
    });
    let policy = Policy::seed();
    group.bench_function("verify_1m_events", |b| {
        b.iter(|| {
            let mut closed = 0_u32;
            for (id, trail) in &trails {
                let v = verify(*id, black_box(trail), &policy, &WeekendCalendar).expect("verifies");
                closed += u32::from(v.state.is_closed());
                black_box(&v);
            }
            closed
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

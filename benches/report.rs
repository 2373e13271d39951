//! Benchmarks for the annual report over 1,000,000 records of each kind.
//!
//! ```sh
//! cargo bench --bench report -- --warm-up-time 1 --measurement-time 3
//! REPORT_BENCH_RECORDS=100000 cargo bench --bench report   # a smaller run
//! ```
//!
//! Baseline (`baseline_touch`): one pass over every record that only adds up
//! a field of each, the floor any report must pay to read its input. The
//! other benches are quoted as ratios against it and as time per record:
//! `tally` (counting into the mergeable tally), `build` (validate + count +
//! figures), `seed_2025` (the example's 2025 report, small input) and
//! `seed_2025_generate` (making the example's data, its suggestions driven
//! through the suggestion engine and three votes through the vote engine)
//! and `seed_compare` (the example's year-over-year comparison, 2024 against
//! 2025).
//!
//! Group `suggestion_bridge`: the report's counts from the suggestion
//! engine's register ([`SuggestionCounts::from_register`]) and from the
//! same items as plain records, against the engine's own
//! `Register::counts` as the baseline.

#[path = "../examples/seed_data/mod.rs"]
mod seed_data;

use chrono::Datelike;
use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use deputy_work::common::{
    Deputy, DeputyId, Level, Period, PersonId, ProjectId, RecordId, SuggestionId, UnitId,
    WeekendCalendar,
};
use deputy_work::records::*;
use deputy_work::report::SuggestionCounts;
use deputy_work::report::{
    AnnualReport, Comparison, LookBackItem, Reply, ReportInput, ReportOptions, SuggestionRecord,
    Tally, UnitEvaluation,
};
use deputy_work::stats::{Satisfaction, Verdict};
use deputy_work::suggestion::samples::SampleYear;
use deputy_work::suggestion::{Code, Policy, Register, Suggestion};
use rust_decimal::Decimal;
use std::hint::black_box;

const ROSTER: u32 = 4_966;

// One list per kind, each built from the same index: clearer as assignments.
#[allow(clippy::field_reassign_with_default)]
fn big_input(n: u32) -> ReportInput {
    let date = |i: u32| NaiveDate::from_ymd_opt(2025, i % 12 + 1, i % 28 + 1).unwrap();
    let dep = |i: u32| DeputyId::new(i % ROSTER + 1);
    let deps = |i: u32| vec![dep(i), dep(i + 1), dep(i + 2)];
    let rid = |i: u32| RecordId::new(u64::from(i));
    let mut r = Records::default();
    r.training = (0..n)
        .map(|i| TrainingSession {
            id: rid(i),
            date: date(i),
            mode: TrainingMode::ALL[i as usize % 2],
            attendees: deps(i),
        })
        .collect();
    r.sharing = (0..n)
        .map(|i| SharingSession {
            id: rid(i),
            date: date(i),
            participants: deps(i),
        })
        .collect();
    r.duty_reports = (0..n)
        .map(|i| DutyReport {
            id: rid(i),
            date: date(i),
            deputy: dep(i),
            body: if i % 2 == 0 {
                ReportBody::StandingCommittee
            } else {
                ReportBody::ElectoralUnit(UnitId::new(i % 9))
            },
        })
        .collect();
    r.liaison = (0..n)
        .map(|i| LiaisonPair {
            member: PersonId::new(i % 48),
            deputy: dep(i),
        })
        .collect();
    r.member_contacts = (0..n)
        .map(|i| MemberContact {
            id: rid(i),
            date: date(i),
            member: PersonId::new(i % 48),
            deputy: dep(i),
            channel: ContactChannel::ALL[i as usize % 4],
        })
        .collect();
    r.invitations = (0..n)
        .map(|i| MeetingInvitation {
            id: rid(i),
            date: date(i),
            deputy: dep(i),
        })
        .collect();
    r.committee_activities = (0..n)
        .map(|i| CommitteeActivity {
            id: rid(i),
            date: date(i),
            kind: CommitteeActivityKind::ALL[i as usize % 3],
            deputies: deps(i),
        })
        .collect();
    r.public_contacts = (0..n)
        .map(|i| PublicContact {
            id: rid(i),
            date: date(i),
            deputy: dep(i),
            channel: PublicChannel::ALL[i as usize % 3],
            people: i % 7,
        })
        .collect();
    r.opinions = (0..n)
        .map(|i| PublicOpinion {
            id: rid(i),
            date: date(i),
            deputy: dep(i),
            topic: OpinionTopic::ALL[i as usize % 5],
            resolved: i % 7 != 0,
        })
        .collect();
    r.organ_contacts = (0..n)
        .map(|i| OrganContact {
            id: rid(i),
            date: date(i),
            organ: StateOrgan::ALL[i as usize % 4],
            activity: OrganActivity::ALL[i as usize % 4],
            deputies: deps(i),
            opinions: i % 3,
        })
        .collect();
    r.grids = (0..n)
        .map(|i| GridAssignment {
            deputy: dep(i),
            grid: UnitId::new(i % 500),
        })
        .collect();
    r.mediation = (0..n)
        .map(|i| MediationCase {
            id: rid(i),
            date: date(i),
            mediators: vec![dep(i)],
            outcome: MediationOutcome::ALL[i as usize % 3],
        })
        .collect();
    r.petitions = (0..n)
        .map(|i| PetitionCase {
            id: rid(i),
            date: date(i),
            deputy: dep(i),
            closed: (i % 2 == 0).then(|| date(i)),
        })
        .collect();
    r.group_activities = (0..n)
        .map(|i| GroupActivity {
            id: rid(i),
            date: date(i),
            organiser: GroupOrganiser::ProfessionalGroup(UnitId::new(i % 4)),
            kind: GroupActivityKind::ALL[i as usize % 5],
            deputies: deps(i),
            public_attendance: i % 20,
            opinions: i % 3,
        })
        .collect();
    r.stations = (0..n)
        .map(|i| Station {
            id: UnitId::new(i),
            district: UnitId::new(i % 9),
            kind: StationKind::ALL[i as usize % 2],
            upgraded: i % 3 != 0,
        })
        .collect();
    r.districts = (0..n)
        .map(|i| District {
            id: UnitId::new(i),
            platform: i % 2 == 0,
        })
        .collect();
    r.streets = (0..n)
        .map(|i| Street {
            id: UnitId::new(i),
            council: i % 4 != 0,
        })
        .collect();
    r.livelihood = (0..n)
        .map(|i| LivelihoodProject {
            id: ProjectId::new(i),
            date: date(i),
            level: Level::ALL[i as usize % 5],
            investment: Decimal::new(i64::from(i % 1000) * 10_000 + 1, 2),
        })
        .collect();
    r.micro_projects = (0..n)
        .map(|i| MicroProject {
            id: ProjectId::new(i),
            date: date(i),
            district: UnitId::new(i % 9),
            stage: MicroStage::Completed,
            ratings: vec![MicroRating {
                deputy: dep(i),
                verdict: Verdict::ALL[i as usize % 4],
            }],
        })
        .collect();
    ReportInput {
        deputies: (1..=ROSTER)
            .map(|k| {
                Deputy::new(
                    DeputyId::new(k),
                    format!("D{k}"),
                    Level::ALL[k as usize % 5],
                )
            })
            .collect(),
        unit_names: Default::default(),
        records: r,
        suggestions: (0..n)
            .map(|i| SuggestionRecord {
                id: SuggestionId::new(i),
                received: date(i),
                lead_unit: Some(UnitId::new(i % 40)),
                key: i % 20 == 0,
                reply: Some(Reply {
                    class: Code::new(["A", "B", "C"][i as usize % 3]).unwrap(),
                    on_time: i % 9 != 0,
                    feedback: Some(Verdict::ALL[i as usize % 3]),
                }),
            })
            .collect(),
        look_back: (0..n)
            .map(|i| LookBackItem {
                suggestion: SuggestionId::new(i),
                year: 2024,
                resolved: (i % 2 == 0).then(|| date(i)),
            })
            .collect(),
        evaluations: (0..n)
            .map(|i| UnitEvaluation {
                unit: UnitId::new(i % 40),
                date: date(i),
                votes: Satisfaction {
                    satisfied: 3,
                    basically_satisfied: 1,
                    unsatisfied: 0,
                    abstained: 0,
                },
            })
            .collect(),
        ..ReportInput::default()
    }
}

/// Adds up one number from each record: its id, or its date's day for the
/// kinds without ids.
struct Touch(u64);

impl RecordVisitor for Touch {
    fn visit<R: Record>(&mut self, records: &[R]) {
        for r in records {
            let n = r
                .id()
                .or_else(|| r.date().map(|d| u64::from(d.ordinal())))
                .unwrap_or(1);
            self.0 = self.0.wrapping_add(n);
        }
    }
}

/// The baseline: touch every record once, adding one number from each.
fn touch(i: &ReportInput) -> u64 {
    let mut t = Touch(0);
    i.records.visit(&mut t);
    let mut s = t.0;
    s = s.wrapping_add(i.suggestions.iter().map(|x| u64::from(x.key)).sum());
    s = s.wrapping_add(
        i.look_back
            .iter()
            .map(|x| u64::from(x.resolved.is_some()))
            .sum(),
    );
    s = s.wrapping_add(i.evaluations.iter().map(|x| x.votes.satisfied).sum());
    s
}

fn bench(c: &mut Criterion) {
    let n: u32 = std::env::var("REPORT_BENCH_RECORDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let input = big_input(n);
    let total = (input.records.len()
        + input.suggestions.len()
        + input.look_back.len()
        + input.evaluations.len()) as u64;
    let year = Period::year(2025).unwrap();
    let options = ReportOptions::default();

    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.throughput(Throughput::Elements(total));
    g.bench_function(BenchmarkId::new("baseline_touch", n), |b| {
        b.iter(|| touch(black_box(&input)))
    });
    g.bench_function(BenchmarkId::new("tally", n), |b| {
        b.iter(|| Tally::count(black_box(&input), year).unwrap())
    });
    g.bench_function(BenchmarkId::new("build", n), |b| {
        b.iter(|| AnnualReport::build(black_box(&input), year, options).unwrap())
    });
    g.finish();

    let seed = seed_data::ordos_2025();
    c.bench_function("report/seed_2025", |b| {
        b.iter(|| AnnualReport::build(black_box(&seed), year, options).unwrap())
    });
    c.bench_function("report/seed_2025_generate", |b| {
        b.iter(seed_data::ordos_2025)
    });
    let previous = AnnualReport::build(
        &seed_data::ordos_2024(),
        Period::year(2024).unwrap(),
        options,
    )
    .unwrap();
    let current = AnnualReport::build(&seed, year, options).unwrap();
    c.bench_function("report/seed_compare", |b| {
        b.iter(|| Comparison::between(black_box(&previous), black_box(&current)).unwrap())
    });

    bridge(c);
}

/// The seed's register made `copies` times larger (ids shifted).
fn big_register(copies: u32) -> Register {
    let policy = Policy::seed();
    let mut r = Register::new(2025);
    let year = SampleYear::ORDOS_2025.commands().unwrap();
    for k in 0..copies {
        for (id, commands) in &year {
            let mut s = Suggestion::new(SuggestionId::new(id.get() + k * 1_000_000));
            for c in commands {
                s.handle(c, &policy, &WeekendCalendar).unwrap();
            }
            r.insert(s).unwrap();
        }
    }
    r
}

/// The suggestion bridge on a register of 31,100 items (100 seed years):
/// the baseline is the engine's own `Register::counts`; `from_register`
/// adds the class check and the conversion; `plain_records` counts the same
/// items as plain records (the other path; converting them is not timed).
fn bridge(c: &mut Criterion) {
    let policy = Policy::seed();
    let register = big_register(100);
    let states = || register.iter().map(|s| s.state());
    let records: Vec<SuggestionRecord> = states()
        .filter_map(SuggestionRecord::from_state)
        .filter(|r| r.received.year() == 2025)
        .collect();
    let look_back: Vec<LookBackItem> = states().filter_map(LookBackItem::from_state).collect();
    let year = Period::year(2025).unwrap();
    let mut g = c.benchmark_group("suggestion_bridge");
    g.sample_size(20);
    g.throughput(Throughput::Elements(register.len() as u64));
    g.bench_function("baseline_register_counts", |b| {
        b.iter(|| black_box(&register).counts())
    });
    g.bench_function("from_register", |b| {
        b.iter(|| SuggestionCounts::from_register(black_box(&register), &policy).unwrap())
    });
    g.bench_function("plain_records", |b| {
        b.iter(|| {
            SuggestionCounts::count(black_box(&records), &look_back, &[], &policy, year).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

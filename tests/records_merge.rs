//! Counting two record sets and merging equals counting their union.

mod cases;

use chrono::NaiveDate;
use deputy_work::common::{
    DeputyId, Level, Period, PersonId, ProjectId, RecordId, SuggestionId, UnitId,
};
use deputy_work::records::{
    CommitteeActivity, CommitteeActivityKind, Counts, District, DutyReport, GridAssignment,
    GroupActivity, GroupActivityKind, GroupOrganiser, LiaisonPair, LivelihoodProject,
    MediationCase, MediationOutcome, MeetingInvitation, MicroProject, MicroRating, MicroStage,
    OpinionTopic, OrganActivity, OrganContact, PetitionCase, PublicChannel, PublicContact,
    PublicOpinion, Records, ReportBody, SharingSession, StateOrgan, Station, StationKind, Street,
    TrainingMode, TrainingSession,
};
use deputy_work::report::{
    LookBackItem, Reply, ReportInput, SuggestionRecord, Tally, UnitEvaluation,
};
use deputy_work::stats::{Satisfaction, Verdict};
use deputy_work::suggestion::Code;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One record of any kind, from a few small numbers; `base` keeps ids unique
/// across the two sets.
fn record(kind: u8, n: u32, seed: u32, base: u32, into: &mut ReportInput) {
    let r: &mut Records = &mut into.records;
    let id = RecordId::new(u64::from(base + n));
    // Dates straddle the 2025 period so some records fall outside it.
    let date = NaiveDate::from_ymd_opt(
        2024 + seed.is_multiple_of(3) as i32,
        seed % 12 + 1,
        seed % 28 + 1,
    )
    .unwrap();
    let dep = |k: u32| DeputyId::new((seed + k) % 20 + 1);
    let deps = |len: u32| {
        (0..len % 4)
            .map(|k| DeputyId::new((seed + 5 * k) % 20 + 1))
            .collect::<Vec<_>>()
    };
    match kind % 22 {
        0 => r.training.push(TrainingSession {
            id,
            date,
            mode: if seed.is_multiple_of(2) {
                TrainingMode::Offline
            } else {
                TrainingMode::Online
            },
            attendees: deps(seed),
        }),
        1 => r.sharing.push(SharingSession {
            id,
            date,
            participants: deps(seed + 1),
        }),
        2 => r.duty_reports.push(DutyReport {
            id,
            date,
            deputy: dep(0),
            body: if seed.is_multiple_of(2) {
                ReportBody::StandingCommittee
            } else {
                ReportBody::ElectoralUnit(UnitId::new(seed % 3))
            },
        }),
        3 => r.liaison.push(LiaisonPair {
            member: PersonId::new(seed % 5),
            deputy: dep(1),
        }),
        4 => r.invitations.push(MeetingInvitation {
            id,
            date,
            deputy: dep(2),
        }),
        5 => r.committee_activities.push(CommitteeActivity {
            id,
            date,
            kind: CommitteeActivityKind::ALL[seed as usize % 3],
            deputies: deps(seed + 2),
        }),
        6 => r.public_contacts.push(PublicContact {
            id,
            date,
            deputy: dep(3),
            channel: PublicChannel::ALL[seed as usize % 3],
            people: seed % 9,
        }),
        7 => r.opinions.push(PublicOpinion {
            id,
            date,
            deputy: dep(4),
            topic: OpinionTopic::ALL[seed as usize % 5],
            resolved: seed % 3 != 1,
        }),
        8 => r.organ_contacts.push(OrganContact {
            id,
            date,
            organ: StateOrgan::ALL[seed as usize % 4],
            activity: OrganActivity::ALL[seed as usize % 4],
            deputies: deps(seed + 3),
            opinions: seed % 7,
        }),
        9 => r.grids.push(GridAssignment {
            deputy: dep(5),
            grid: UnitId::new(seed % 4),
        }),
        10 => r.mediation.push(MediationCase {
            id,
            date,
            mediators: vec![dep(6)],
            outcome: MediationOutcome::ALL[seed as usize % 3],
        }),
        11 => r.petitions.push(PetitionCase {
            id,
            date,
            deputy: dep(7),
            closed: seed.is_multiple_of(2).then_some(date),
        }),
        12 => r.group_activities.push(GroupActivity {
            id,
            date,
            organiser: match seed % 3 {
                0 => GroupOrganiser::LiaisonStation(UnitId::new(seed % 2)),
                1 => GroupOrganiser::ProfessionalGroup(UnitId::new(seed % 4)),
                _ => GroupOrganiser::ElectoralUnitGroup(UnitId::new(seed % 5)),
            },
            kind: GroupActivityKind::ALL[seed as usize % 5],
            deputies: deps(seed),
            public_attendance: seed % 30,
            opinions: seed % 4,
        }),
        13 => r.stations.push(Station {
            id: UnitId::new(base + n),
            district: UnitId::new(seed % 3),
            kind: StationKind::ALL[seed as usize % 2],
            upgraded: seed.is_multiple_of(2),
        }),
        14 => r.districts.push(District {
            id: UnitId::new(base + n),
            platform: seed % 2 == 1,
        }),
        15 => r.streets.push(Street {
            id: UnitId::new(base + n),
            council: !seed.is_multiple_of(3),
        }),
        16 => r.livelihood.push(LivelihoodProject {
            id: ProjectId::new(base + n),
            date,
            level: Level::ALL[seed as usize % 5],
            investment: Decimal::new(i64::from(seed) * 1_234_567, 2),
        }),
        17 => r.micro_projects.push(MicroProject {
            id: ProjectId::new(base + n),
            date,
            district: UnitId::new(seed % 2),
            stage: MicroStage::ALL[seed as usize % 3],
            ratings: if MicroStage::ALL[seed as usize % 3] == MicroStage::Completed {
                vec![MicroRating {
                    deputy: dep(8),
                    verdict: Verdict::ALL[seed as usize % 4],
                }]
            } else {
                vec![]
            },
        }),
        18 => into.suggestions.push(SuggestionRecord {
            id: SuggestionId::new(base + n),
            received: date,
            lead_unit: (!seed.is_multiple_of(7)).then(|| UnitId::new(seed % 3)),
            key: seed.is_multiple_of(5),
            reply: (!seed.is_multiple_of(4)).then(|| Reply {
                class: Code::new(["A", "B", "C"][seed as usize % 3]).unwrap(),
                on_time: !seed.is_multiple_of(3),
                feedback: seed
                    .is_multiple_of(2)
                    .then(|| Verdict::ALL[seed as usize % 3]),
            }),
        }),
        19 => into.look_back.push(LookBackItem {
            suggestion: SuggestionId::new(base + n),
            year: 2023,
            resolved: seed.is_multiple_of(2).then_some(date),
        }),
        20 => into.evaluations.push(UnitEvaluation {
            unit: UnitId::new(seed % 3),
            date,
            votes: Satisfaction {
                satisfied: u64::from(seed % 9),
                basically_satisfied: 1,
                unsatisfied: 0,
                abstained: 0,
            },
        }),
        _ => r.member_contacts.push(deputy_work::records::MemberContact {
            id,
            date,
            member: PersonId::new(seed % 6),
            deputy: dep(9),
            channel: deputy_work::records::ContactChannel::ALL[seed as usize % 4],
        }),
    }
}

fn input(spec: &[(u8, u32)], base: u32) -> ReportInput {
    let mut i = ReportInput::default();
    for (n, (kind, seed)) in spec.iter().enumerate() {
        record(*kind, n as u32, *seed, base, &mut i);
    }
    i
}

fn union(mut a: ReportInput, b: ReportInput) -> ReportInput {
    a.records.append(b.records);
    a.suggestions.extend(b.suggestions);
    a.look_back.extend(b.look_back);
    a.evaluations.extend(b.evaluations);
    a
}

fn spec() -> impl Strategy<Value = Vec<(u8, u32)>> {
    prop::collection::vec((0_u8..22, 0_u32..10_000), 0..120)
}

proptest! {
    #![proptest_config(cases::config(128))]

    #[test]
    fn merged_counts_equal_counts_of_the_union(a in spec(), b in spec()) {
        let year = Period::year(2025).unwrap();
        let (ia, ib) = (input(&a, 0), input(&b, 100_000));
        let mut merged = Counts::count(&ia.records, year).unwrap();
        merged.merge(Counts::count(&ib.records, year).unwrap()).unwrap();
        let both = union(ia.clone(), ib.clone());
        prop_assert_eq!(&merged, &Counts::count(&both.records, year).unwrap());

        let mut tally = Tally::count(&ia, year).unwrap();
        tally.merge(Tally::count(&ib, year).unwrap()).unwrap();
        prop_assert_eq!(tally, Tally::count(&both, year).unwrap());
    }

    #[test]
    fn merging_is_order_free(a in spec(), b in spec()) {
        let year = Period::year(2025).unwrap();
        let ca = Counts::count(&input(&a, 0).records, year).unwrap();
        let cb = Counts::count(&input(&b, 100_000).records, year).unwrap();
        let mut ab = ca.clone();
        ab.merge(cb.clone()).unwrap();
        let mut ba = cb;
        ba.merge(ca).unwrap();
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn every_dated_record_is_counted_or_reported_outside(a in spec()) {
        let year = Period::year(2025).unwrap();
        let i = input(&a, 0);
        let c = Counts::count(&i.records, year).unwrap();
        let outside = i.records.mediation.iter().filter(|m| !year.contains(m.date)).count() as u64
            + i.records.opinions.iter().filter(|m| !year.contains(m.date)).count() as u64;
        prop_assert!(c.outside_period >= outside);
        prop_assert_eq!(
            c.mediation_cases() + i.records.mediation.iter().filter(|m| !year.contains(m.date)).count() as u64,
            i.records.mediation.len() as u64
        );
    }
}

#[test]
fn a_failed_merge_leaves_counts_unchanged() {
    let year = Period::year(2025).unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 5, 5).unwrap();
    let mut r = Records::default();
    r.livelihood.push(LivelihoodProject {
        id: ProjectId::new(1),
        date: day,
        level: Level::County,
        investment: Decimal::MAX,
    });
    r.mediation.push(MediationCase {
        id: RecordId::new(1),
        date: day,
        mediators: vec![DeputyId::new(1)],
        outcome: MediationOutcome::Successful,
    });
    let mut a = Counts::count(&r, year).unwrap();
    let before = a.clone();
    let b = Counts::count(&r, year).unwrap();
    assert!(a.merge(b).is_err());
    assert_eq!(a, before, "nothing half-done");
    // Counting a set whose sum overflows is an error too, never a panic.
    let mut twice = r.clone();
    twice.livelihood.push(LivelihoodProject {
        id: ProjectId::new(2),
        ..r.livelihood[0].clone()
    });
    assert!(Counts::count(&twice, year).is_err());
}

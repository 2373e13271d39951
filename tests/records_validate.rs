//! Table tests for the rules of a record set: each bad input is refused
//! with an error that names the kind of record and where it is.

use chrono::NaiveDate;
use deputy_work::common::{
    Deputy, DeputyId, Level, Period, ProjectId, RecordId, SuggestionId, UnitId,
};
use deputy_work::records::{
    LivelihoodProject, MediationCase, MediationOutcome, MicroProject, MicroRating, MicroStage,
    PetitionCase, RecordKind, Records, RecordsError, Roster, TrainingMode, TrainingSession,
};
use deputy_work::report::{
    AnnualReport, ReportError, ReportInput, ReportOptions, SuggestionRecord,
};
use deputy_work::stats::Verdict;
use rust_decimal::Decimal;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn roster() -> Roster {
    Roster::new(&[
        Deputy::new(DeputyId::new(1), "甲", Level::City),
        Deputy::new(DeputyId::new(2), "乙", Level::County),
    ])
    .unwrap()
}

fn training(id: u64, attendees: &[u32]) -> TrainingSession {
    TrainingSession {
        id: RecordId::new(id),
        date: day(3, 1),
        mode: TrainingMode::Online,
        attendees: attendees.iter().map(|&n| DeputyId::new(n)).collect(),
    }
}

fn mediation(id: u64, mediators: &[u32]) -> MediationCase {
    MediationCase {
        id: RecordId::new(id),
        date: day(3, 1),
        mediators: mediators.iter().map(|&n| DeputyId::new(n)).collect(),
        outcome: MediationOutcome::Successful,
    }
}

#[test]
fn each_rule_refuses_with_its_error() {
    let cases: Vec<(&str, Records, RecordsError)> = vec![
        (
            "duplicate id",
            Records {
                training: vec![training(1, &[1]), training(2, &[2]), training(1, &[])],
                ..Records::default()
            },
            RecordsError::DuplicateId {
                kind: RecordKind::Training,
                index: 2,
                id: 1,
            },
        ),
        (
            "unknown deputy",
            Records {
                training: vec![training(1, &[1]), training(2, &[2, 3])],
                ..Records::default()
            },
            RecordsError::UnknownDeputy {
                kind: RecordKind::Training,
                index: 1,
                deputy: DeputyId::new(3),
            },
        ),
        (
            "deputy listed twice",
            Records {
                training: vec![training(1, &[2, 1, 2])],
                ..Records::default()
            },
            RecordsError::DuplicateDeputy {
                kind: RecordKind::Training,
                index: 0,
                deputy: DeputyId::new(2),
            },
        ),
        (
            "mediation without mediator",
            Records {
                mediation: vec![mediation(1, &[1]), mediation(2, &[])],
                ..Records::default()
            },
            RecordsError::NoDeputy {
                kind: RecordKind::Mediation,
                index: 1,
            },
        ),
        (
            "closed before opened",
            Records {
                petitions: vec![PetitionCase {
                    id: RecordId::new(1),
                    date: day(5, 2),
                    deputy: DeputyId::new(1),
                    closed: Some(day(5, 1)),
                }],
                ..Records::default()
            },
            RecordsError::ClosedBeforeOpened {
                kind: RecordKind::Petition,
                index: 0,
                opened: day(5, 2),
                closed: day(5, 1),
            },
        ),
        (
            "rated before completion",
            Records {
                micro_projects: vec![MicroProject {
                    id: ProjectId::new(1),
                    date: day(5, 1),
                    district: UnitId::new(1),
                    stage: MicroStage::Transferred,
                    ratings: vec![MicroRating {
                        deputy: DeputyId::new(1),
                        verdict: Verdict::Satisfied,
                    }],
                }],
                ..Records::default()
            },
            RecordsError::RatedBeforeCompletion {
                kind: RecordKind::MicroProject,
                index: 0,
                stage: MicroStage::Transferred,
            },
        ),
        (
            "two ratings by one deputy",
            Records {
                micro_projects: vec![MicroProject {
                    id: ProjectId::new(1),
                    date: day(5, 1),
                    district: UnitId::new(1),
                    stage: MicroStage::Completed,
                    ratings: vec![
                        MicroRating {
                            deputy: DeputyId::new(1),
                            verdict: Verdict::Satisfied,
                        },
                        MicroRating {
                            deputy: DeputyId::new(1),
                            verdict: Verdict::Unsatisfied,
                        },
                    ],
                }],
                ..Records::default()
            },
            RecordsError::DuplicateDeputy {
                kind: RecordKind::MicroProject,
                index: 0,
                deputy: DeputyId::new(1),
            },
        ),
        (
            "negative investment",
            Records {
                livelihood: vec![LivelihoodProject {
                    id: ProjectId::new(1),
                    date: day(1, 9),
                    level: Level::County,
                    investment: Decimal::new(-1, 2),
                }],
                ..Records::default()
            },
            RecordsError::NegativeAmount {
                kind: RecordKind::Livelihood,
                index: 0,
                amount: Decimal::new(-1, 2),
            },
        ),
    ];
    for (name, records, want) in cases {
        assert_eq!(records.validate(&roster()), Err(want.clone()), "{name}");
        // The report refuses the same input with the same error.
        let input = ReportInput {
            deputies: roster().iter().cloned().collect(),
            records,
            ..ReportInput::default()
        };
        assert_eq!(
            AnnualReport::build(
                &input,
                Period::year(2025).unwrap(),
                ReportOptions::default()
            ),
            Err(ReportError::Records(want)),
            "{name}"
        );
    }
}

#[test]
fn good_records_pass_and_errors_say_where() {
    let ok = Records {
        training: vec![training(1, &[1, 2]), training(2, &[])],
        mediation: vec![mediation(1, &[2])],
        ..Records::default()
    };
    assert_eq!(ok.validate(&roster()), Ok(()));
    let err = RecordsError::UnknownDeputy {
        kind: RecordKind::Training,
        index: 4,
        deputy: DeputyId::new(9),
    };
    assert_eq!(
        err.to_string(),
        "training session #4: deputy D9 is not on the roster"
    );
}

#[test]
fn duplicate_suggestions_are_refused() {
    let s = SuggestionRecord {
        id: SuggestionId::new(5),
        received: day(1, 12),
        lead_unit: Some(UnitId::new(1)),
        key: false,
        reply: None,
    };
    let input = ReportInput {
        suggestions: vec![s.clone(), s],
        ..ReportInput::default()
    };
    assert_eq!(
        AnnualReport::build(
            &input,
            Period::year(2025).unwrap(),
            ReportOptions::default()
        ),
        Err(ReportError::Records(RecordsError::DuplicateId {
            kind: RecordKind::Suggestion,
            index: 1,
            id: 5
        }))
    );
}

#[cfg(feature = "serde")]
#[test]
fn records_load_from_toml_and_refuse_unknown_fields() {
    let toml_text = r#"
        [[training]]
        id = 1
        date = "2025-04-10"
        mode = "offline"
        attendees = [1, 2]

        [[livelihood]]
        id = 1
        date = "2025-01-15"
        level = "county"
        investment = "5000000"

        [[grids]]
        deputy = 1
        grid = 700
    "#;
    let r: Records = toml::from_str(toml_text).unwrap();
    assert_eq!(r.training[0].attendees.len(), 2);
    assert_eq!(r.livelihood[0].investment, Decimal::from(5_000_000));
    assert_eq!(r.validate(&roster()), Ok(()));
    let bad = "[[grids]]\ndeputy = 1\ngrid = 700\ncolour = \"red\"\n";
    assert!(toml::from_str::<Records>(bad).is_err());
    // A roster with a duplicate id is refused while loading.
    let dup = r#"[{"id":1,"name":"甲","level":"city"},{"id":1,"name":"乙","level":"city"}]"#;
    assert!(serde_json::from_str::<Roster>(dup).is_err());
}

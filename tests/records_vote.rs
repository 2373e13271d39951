//! Livelihood projects from a vote outcome: elected projects only, with the
//! session's investment; undecided or mismatched outcomes refused.

mod cases;

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Level, ProjectId};
use deputy_work::records::{LivelihoodProject, Records, RecordsError};
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Policy, Project,
    Session, Tally,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn session(places: u32, wan: &[i64]) -> Session {
    let done = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let candidates = CandidateList::new(
        wan.iter()
            .zip(1..)
            .map(|(w, n)| {
                Project::builder(ProjectId::new(n), format!("项目{n}"))
                    .investment(Decimal::from(*w * 10_000))
                    .category("其他")
                    .completion(done)
                    .build()
                    .unwrap()
            })
            .collect(),
    )
    .unwrap();
    let ds = (1..=9).map(DeputyId::new);
    Session::new(
        Policy::election_style(places).unwrap(),
        candidates,
        Electorate::new(ds.clone(), ds).unwrap(),
        BallotsIssued(9),
    )
    .unwrap()
}

/// Each deputy votes for the projects numbered in its list.
fn decide(s: &Session, votes: &[Vec<u32>]) -> deputy_work::vote::Outcome {
    let mut t = Tally::new(s, BoxNumber(1));
    for (d, v) in votes.iter().enumerate() {
        let marks = v.iter().map(|n| (ProjectId::new(*n), Mark::For)).collect();
        t.cast(
            s,
            &Ballot::new(DeputyId::new(d as u32 + 1), Choice::Marks(marks)),
        )
        .unwrap();
    }
    s.decide(&t).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 20).unwrap()
}

#[test]
fn elected_projects_only_in_the_outcomes_order() {
    let s = session(2, &[100, 200, 300]);
    // Project 3 gets 9 votes, project 1 gets 6, project 2 gets 3 (not passed).
    let votes: Vec<Vec<u32>> = (0..9)
        .map(|d| match d % 3 {
            0 => vec![3, 2],
            _ => vec![3, 1],
        })
        .collect();
    let o = decide(&s, &votes);
    let p = LivelihoodProject::from_outcome(&o, &s, Level::Township, day()).unwrap();
    let got: Vec<(u32, Decimal)> = p.iter().map(|p| (p.id.get(), p.investment)).collect();
    assert_eq!(
        got,
        [(3, Decimal::from(3_000_000)), (1, Decimal::from(1_000_000))]
    );
    assert!(
        p.iter()
            .all(|p| p.level == Level::Township && p.date == day())
    );
    // They are valid records.
    let r = Records {
        livelihood: p,
        ..Records::default()
    };
    assert_eq!(r.validate(&Default::default()), Ok(()));
}

#[test]
fn a_pending_tie_is_refused() {
    let s = session(2, &[100, 200, 300]);
    // Every project gets 6 votes of 9: three tied for two places.
    let round: Vec<Vec<u32>> = (0..9)
        .map(|d| match d % 3 {
            0 => vec![1, 2],
            1 => vec![2, 3],
            _ => vec![1, 3],
        })
        .collect();
    let o = decide(&s, &round);
    assert!(o.tie.is_some());
    assert_eq!(
        LivelihoodProject::from_outcome(&o, &s, Level::County, day()),
        Err(RecordsError::VoteUndecided {
            tied: vec![ProjectId::new(1), ProjectId::new(2), ProjectId::new(3)]
        })
    );
    // Without the tie the same call succeeds.
    let clear: Vec<Vec<u32>> = (0..9).map(|_| vec![1, 2]).collect();
    let o = decide(&s, &clear);
    assert_eq!(
        LivelihoodProject::from_outcome(&o, &s, Level::County, day())
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn an_outcome_of_another_session_is_refused() {
    let s = session(2, &[100, 200, 300, 400]);
    let votes: Vec<Vec<u32>> = (0..9).map(|_| vec![4, 3]).collect();
    let o = decide(&s, &votes);
    let other = session(1, &[100, 200, 300]);
    let err = LivelihoodProject::from_outcome(&o, &other, Level::County, day()).unwrap_err();
    assert_eq!(
        err,
        RecordsError::UnknownProject {
            project: ProjectId::new(4)
        }
    );
    assert_eq!(
        err.to_string(),
        "elected project P4 is not among the session's candidates"
    );
}

proptest! {
    #![proptest_config(cases::config(64))]

    /// Whatever the votes, a decided outcome converts to exactly its elected
    /// projects, and their investment sums to the outcome's.
    #[test]
    fn the_records_are_the_elected_projects(
        wan in prop::collection::vec(1_i64..5_000, 3..8),
        votes in prop::collection::vec(prop::collection::vec(1_u32..8, 0..3), 9),
    ) {
        let places = 2;
        let s = session(places, &wan);
        let n = wan.len() as u32;
        let votes: Vec<Vec<u32>> = votes
            .into_iter()
            .map(|v| {
                let mut v: Vec<u32> = v.into_iter().filter(|p| *p <= n).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let o = decide(&s, &votes);
        match LivelihoodProject::from_outcome(&o, &s, Level::County, day()) {
            Ok(p) => {
                prop_assert!(o.tie.is_none());
                prop_assert_eq!(p.iter().map(|p| p.id).collect::<Vec<_>>(), o.elected_ids());
                prop_assert_eq!(p.iter().map(|p| p.investment).sum::<Decimal>(), o.elected_investment);
            }
            Err(e) => {
                prop_assert!(o.tie.is_some());
                let is_undecided = matches!(e, RecordsError::VoteUndecided { .. });
                prop_assert!(is_undecided);
            }
        }
    }
}

//! Publishing a livelihood vote as a Pabulib `.pb` election.

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::pabulib::{PbElection, VoteType};
use deputy_work::vote::{
    Ballot, BallotForm, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Policy,
    Project, Session, Tally, VoteError,
};
use rust_decimal::Decimal;

fn project(n: u32, yuan: i64, name: &str) -> Project {
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    Project::builder(ProjectId::new(n), name)
        .investment(Decimal::from(yuan))
        .category("民生; 教育")
        .completion(date)
        .build()
        .unwrap()
}

fn session(form: BallotForm) -> Session {
    let mut rules = Policy::election_style(2).unwrap();
    rules.form = form;
    Session::new(
        rules,
        CandidateList::new(vec![
            project(1, 3_000_000, "学校扩建"),
            project(2, 1_500_000, "老旧小区\"改造\""),
            project(3, 800_000, "公交线路"),
        ])
        .unwrap(),
        Electorate::new((1..=7).map(DeputyId::new), (1..=6).map(DeputyId::new)).unwrap(),
        BallotsIssued(6),
    )
    .unwrap()
}

fn marks(d: u32, list: &[(u32, Mark)]) -> Ballot {
    Ballot::new(
        DeputyId::new(d),
        Choice::Marks(list.iter().map(|&(p, m)| (ProjectId::new(p), m)).collect()),
    )
}

#[test]
fn a_vote_round_trips_through_the_pb_format() {
    use Mark::{Abstain as A, Against as X, For as F};
    let s = session(BallotForm::ForAgainstAbstain);
    let ballots = vec![
        marks(1, &[(1, F), (2, F), (3, X)]),
        marks(2, &[(1, F), (2, A), (3, F)]),
        marks(3, &[(1, F), (2, F), (3, F)]), // three "for" where 2 are allowed: invalid
        marks(4, &[(1, F), (2, F), (3, A)]),
        marks(5, &[(1, X), (2, F), (3, F)]),
        marks(6, &[(1, F), (2, F), (3, X)]),
    ];
    let mut tally = Tally::new(&s, BoxNumber(1));
    for b in &ballots {
        tally.cast(&s, b).unwrap();
    }
    let outcome = s.decide(&tally).unwrap();
    let pb = s
        .to_pabulib(
            &ballots,
            Some(&outcome),
            "票决",
            &[("country", "China"), ("unit", "某县")],
        )
        .unwrap();
    assert_eq!(pb.vote_type(), VoteType::Approval);
    assert_eq!(
        pb.meta_value("num_votes"),
        Some("5"),
        "the invalid ballot is left out"
    );
    assert_eq!(pb.meta_value("budget"), Some("5300000"));
    assert_eq!(pb.meta_value("unit"), Some("某县"));
    let voters: Vec<&str> = pb.votes().iter().map(|v| v.voter_id).collect();
    assert_eq!(voters, ["1", "2", "4", "5", "6"]);
    // the written text parses back to the same election, names with quotes and
    // separators included
    let text = pb.to_pb_string();
    assert_eq!(PbElection::parse(&text).unwrap(), pb);
    // the official selection is the vote's outcome
    let elected: Vec<u32> = outcome
        .elected
        .iter()
        .map(|p| u32::try_from(s.candidates().position(p.id).unwrap()).unwrap())
        .collect();
    let mut official = pb.official_selection().unwrap();
    official.sort_unstable();
    let mut elected_sorted = elected.clone();
    elected_sorted.sort_unstable();
    assert_eq!(official, elected_sorted);
    // more than half of all 7 deputies (4 votes for) elects projects 1 and 2
    assert_eq!(elected_sorted, [0, 1]);
}

#[test]
fn ranked_ballots_publish_as_ordinal_in_ballot_order() {
    let s = session(BallotForm::Ranked);
    let ballots = vec![Ballot::new(
        DeputyId::new(2),
        Choice::Ranked(vec![ProjectId::new(3), ProjectId::new(1)]),
    )];
    let pb = s.to_pabulib(&ballots, None, "排序票决", &[]).unwrap();
    assert_eq!(pb.vote_type(), VoteType::Ordinal);
    assert_eq!(pb.votes().get(0).unwrap().projects, [2, 0]);
    assert_eq!(pb.official_selection(), None);
}

#[test]
fn a_ballot_the_tally_refuses_is_an_error() {
    let s = session(BallotForm::ChooseUpTo);
    let chosen = |d| Ballot::new(DeputyId::new(d), Choice::Chosen(vec![ProjectId::new(1)]));
    // deputy 7 is a member but absent; deputy 9 is not a member; deputy 1 twice
    for ballots in [vec![chosen(7)], vec![chosen(9)], vec![chosen(1), chosen(1)]] {
        let err = s.to_pabulib(&ballots, None, "x", &[]).unwrap_err();
        assert!(!matches!(err, VoteError::Publish(_)), "{err}");
    }
}

#[test]
fn a_duplicate_meta_key_is_a_publish_error() {
    let s = session(BallotForm::ChooseUpTo);
    let err = s
        .to_pabulib(&[], None, "x", &[("budget", "1")])
        .unwrap_err();
    assert!(matches!(err, VoteError::Publish(_)), "{err}");
}

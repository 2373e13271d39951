//! Table tests for the livelihood-project vote's rule edges.

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::{
    Ballot, BallotForm, BallotsIssued, BoxNumber, CandidateList, Choice, Competition, Electorate,
    InvalidReason, Mark, Outcome, Policy, Project, Session, Status, Tally, Threshold,
    ThresholdBase, Validity, VoteError,
};
use rust_decimal::Decimal;

fn d(n: u32) -> DeputyId {
    DeputyId::new(n)
}

fn p(n: u32) -> ProjectId {
    ProjectId::new(n)
}

fn project(n: u32, cost: i64) -> Project {
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    Project::builder(p(n), format!("项目{n}"))
        .investment(Decimal::from(cost))
        .category("民生")
        .completion(date)
        .build()
        .unwrap()
}

fn candidates(n: u32) -> CandidateList {
    CandidateList::new((1..=n).map(|i| project(i, 100)).collect()).unwrap()
}

fn session(rules: Policy, n_projects: u32, deputies: u32, present: u32) -> Session {
    Session::new(
        rules,
        candidates(n_projects),
        Electorate::new((1..=deputies).map(d), (1..=present).map(d)).unwrap(),
        BallotsIssued(present),
    )
    .unwrap()
}

fn marks(list: &[(u32, Mark)]) -> Choice {
    Choice::Marks(list.iter().map(|&(n, m)| (p(n), m)).collect())
}

fn fors(list: &[u32]) -> Choice {
    Choice::Marks(list.iter().map(|&n| (p(n), Mark::For)).collect())
}

/// Casts `votes[i]` as deputy i + 1's ballot and decides.
fn run(s: &Session, votes: &[Choice]) -> Outcome {
    let mut t = Tally::new(s, BoxNumber(1));
    for (i, c) in (1..).zip(votes) {
        t.cast(s, &Ballot::new(d(i), c.clone())).unwrap();
    }
    s.decide(&t).unwrap()
}

fn status(o: &Outcome, n: u32) -> Status {
    o.row(p(n)).unwrap().status
}

#[test]
fn ballot_validity_table() {
    use InvalidReason::*;
    use Mark::{Abstain as A, Against as X, For as F};
    let faa = Policy::election_style(2).unwrap();
    let mut strict_blank = faa.clone();
    strict_blank.blank_ballots_valid = false;
    let mut choose = faa.clone();
    choose.form = BallotForm::ChooseUpTo;
    let mut ranked = faa.clone();
    ranked.form = BallotForm::Ranked;
    ranked.max_choices = Some(3);

    let cases: Vec<(&str, &Policy, Choice, Validity)> = vec![
        ("two for", &faa, fors(&[1, 2]), Validity::Valid),
        (
            "all marked",
            &faa,
            marks(&[(1, F), (2, X), (3, A), (4, X)]),
            Validity::Valid,
        ),
        (
            "three for, two places",
            &faa,
            fors(&[1, 2, 3]),
            Validity::Invalid(TooManyChoices {
                chosen: 3,
                allowed: 2,
            }),
        ),
        (
            "against is not a choice",
            &faa,
            marks(&[(1, X), (2, X), (3, X)]),
            Validity::Valid,
        ),
        ("empty is blank, valid", &faa, fors(&[]), Validity::Valid),
        (
            "all abstain is blank, valid",
            &faa,
            marks(&[(1, A)]),
            Validity::Valid,
        ),
        (
            "empty, blanks invalid",
            &strict_blank,
            fors(&[]),
            Validity::Invalid(Blank),
        ),
        (
            "abstain only, blanks invalid",
            &strict_blank,
            marks(&[(1, A), (2, A)]),
            Validity::Invalid(Blank),
        ),
        (
            "one against is not blank",
            &strict_blank,
            marks(&[(1, X)]),
            Validity::Valid,
        ),
        (
            "unknown project",
            &faa,
            fors(&[9]),
            Validity::Invalid(UnknownProject(p(9))),
        ),
        (
            "first problem wins",
            &faa,
            fors(&[1, 9, 1]),
            Validity::Invalid(UnknownProject(p(9))),
        ),
        (
            "same project twice",
            &faa,
            marks(&[(1, F), (1, A)]),
            Validity::Invalid(DuplicateProject(p(1))),
        ),
        (
            "duplicate before too many",
            &faa,
            fors(&[1, 2, 3, 3]),
            Validity::Invalid(DuplicateProject(p(3))),
        ),
        (
            "wrong form",
            &faa,
            Choice::Chosen(vec![p(1)]),
            Validity::Invalid(WrongForm),
        ),
        (
            "choose two",
            &choose,
            Choice::Chosen(vec![p(1), p(4)]),
            Validity::Valid,
        ),
        (
            "choose three",
            &choose,
            Choice::Chosen(vec![p(1), p(2), p(3)]),
            Validity::Invalid(TooManyChoices {
                chosen: 3,
                allowed: 2,
            }),
        ),
        (
            "choose none",
            &choose,
            Choice::Chosen(vec![]),
            Validity::Valid,
        ),
        (
            "marks on a choose ballot",
            &choose,
            fors(&[1]),
            Validity::Invalid(WrongForm),
        ),
        (
            "rank three",
            &ranked,
            Choice::Ranked(vec![p(3), p(1), p(2)]),
            Validity::Valid,
        ),
        (
            "rank four of max three",
            &ranked,
            Choice::Ranked(vec![p(3), p(1), p(2), p(4)]),
            Validity::Invalid(TooManyChoices {
                chosen: 4,
                allowed: 3,
            }),
        ),
        (
            "rank twice",
            &ranked,
            Choice::Ranked(vec![p(3), p(3)]),
            Validity::Invalid(DuplicateProject(p(3))),
        ),
    ];
    for (name, rules, choice, want) in cases {
        let s = session(rules.clone(), 4, 3, 3);
        let mut t = Tally::new(&s, BoxNumber(1));
        let got = t.cast(&s, &Ballot::new(d(1), choice)).unwrap();
        assert_eq!(got, want, "{name}");
        assert_eq!(t.returned(), 1, "{name}: counted as returned");
        let counted: u64 = t.projects().map(|r| r.votes_for + r.against).sum();
        if !want.is_valid() {
            assert_eq!(t.valid(), 0, "{name}");
            assert_eq!(
                counted, 0,
                "{name}: nothing on an invalid ballot is counted"
            );
            assert_eq!(t.invalid().total(), 1, "{name}");
        }
    }
}

#[test]
fn refused_ballots_leave_the_tally_as_it_was() {
    let s = session(Policy::election_style(1).unwrap(), 2, 5, 4);
    let mut t = Tally::new(&s, BoxNumber(7));
    t.cast(&s, &Ballot::new(d(1), fors(&[1]))).unwrap();
    let before = t.clone();
    let cases = [
        (
            d(9),
            VoteError::NotInElectorate {
                voter: d(9),
                ballot_box: 7,
            },
        ),
        (
            d(5),
            VoteError::Absent {
                voter: d(5),
                ballot_box: 7,
            },
        ),
        (
            d(1),
            VoteError::AlreadyVoted {
                voter: d(1),
                ballot_box: 7,
            },
        ),
    ];
    for (voter, want) in cases {
        assert_eq!(t.cast(&s, &Ballot::new(voter, fors(&[2]))), Err(want));
        assert_eq!(t, before);
    }
    // An invalid ballot still uses up the deputy's vote.
    t.cast(&s, &Ballot::new(d(2), fors(&[1, 2]))).unwrap();
    assert_eq!(
        t.cast(&s, &Ballot::new(d(2), fors(&[1]))),
        Err(VoteError::AlreadyVoted {
            voter: d(2),
            ballot_box: 7
        })
    );
}

#[test]
fn more_returned_than_issued_voids_the_vote() {
    let s = Session::new(
        Policy::election_style(1).unwrap(),
        candidates(2),
        Electorate::all_present((1..=3).map(d)).unwrap(),
        BallotsIssued(2),
    )
    .unwrap();
    let mut t = Tally::new(&s, BoxNumber(1));
    for i in 1..=3 {
        t.cast(&s, &Ballot::new(d(i), fors(&[1]))).unwrap();
    }
    assert_eq!(
        s.decide(&t),
        Err(VoteError::MoreReturnedThanIssued {
            issued: 2,
            returned: 3
        })
    );
    // Lishui 2025: 327 deputies, 314 present, 314 issued, 314 returned: valid.
    let lishui = session(Policy::election_style(1).unwrap(), 2, 327, 314);
    let votes: Vec<Choice> = (0..314).map(|_| fors(&[1])).collect();
    let o = run(&lishui, &votes);
    assert_eq!((o.figures.issued, o.figures.returned), (314, 314));
    assert_eq!(o.elected_ids(), [p(1)]);
}

#[test]
fn session_checks() {
    let e = Electorate::new((1..=10).map(d), (1..=8).map(d)).unwrap();
    let too_many = Session::new(
        Policy::election_style(1).unwrap(),
        candidates(2),
        e.clone(),
        BallotsIssued(9),
    );
    assert_eq!(
        too_many,
        Err(VoteError::IssuedExceedsPresent {
            issued: 9,
            present: 8
        })
    );
    let mut rules = Policy::election_style(10).unwrap();
    rules.competition = Some(Competition::new(2, Some(Decimal::new(3, 1))));
    // 12 for 10: surplus 2 is 20 % < 30 %.
    assert_eq!(
        Session::new(rules.clone(), candidates(12), e.clone(), BallotsIssued(8)),
        Err(VoteError::SurplusRatioTooSmall {
            surplus: 2,
            places: 10,
            min_ratio: Decimal::new(3, 1)
        })
    );
    assert!(Session::new(rules, candidates(13), e, BallotsIssued(8)).is_ok());
}

#[test]
fn threshold_bases() {
    // 10 deputies, 8 present, 6 of them vote (8 issued); one ballot invalid.
    let cases = [
        (ThresholdBase::AllDeputies, true, 6),
        (ThresholdBase::Present, true, 5),
        (ThresholdBase::ValidBallots, true, 3),
        (ThresholdBase::ValidBallots, false, 3),
        (ThresholdBase::Present, false, 4),
    ];
    for (base, strict, required) in cases {
        let mut rules = Policy::election_style(1).unwrap();
        rules.threshold = Some(Threshold {
            base,
            numerator: 1,
            denominator: 2,
            strict,
        });
        let s = session(rules, 2, 10, 8);
        let mut votes: Vec<Choice> = (0..5).map(|_| fors(&[1])).collect();
        votes.push(fors(&[1, 2])); // invalid: two for, one place
        let o = run(&s, &votes);
        assert_eq!(o.required, required, "{base:?} strict={strict}");
        assert_eq!(o.figures.valid, 5);
        let passes = 5 >= required;
        assert_eq!(status(&o, 1) == Status::Elected, passes, "{base:?}");
    }
}

#[test]
fn exactly_half_of_all_deputies_does_not_pass() {
    let s = session(Policy::election_style(1).unwrap(), 2, 10, 10);
    let votes: Vec<Choice> = (0..10)
        .map(|i| if i < 5 { fors(&[1]) } else { fors(&[2]) })
        .collect();
    let o = run(&s, &votes);
    assert_eq!(o.required, 6);
    assert_eq!(status(&o, 1), Status::NotPassed);
    assert_eq!(status(&o, 2), Status::NotPassed);
    assert!(o.elected.is_empty());
    assert_eq!(o.unfilled, 1);
}

#[test]
fn tie_at_the_last_place_is_reported_and_a_runoff_resolves_it() {
    // 9 deputies (5 votes pass); 4 candidates for 2 places;
    // votes for: P1 8, P2 5, P3 5, P4 0.
    let s = session(Policy::election_style(2).unwrap(), 4, 9, 9);
    let mut votes = vec![fors(&[1, 2]); 4];
    votes.extend(vec![fors(&[1, 3]); 4]);
    votes.push(fors(&[2, 3]));
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1)]);
    let tie = o.tie.clone().unwrap();
    assert_eq!(tie.ids(), [p(2), p(3)]);
    assert_eq!((tie.places_left, tie.votes), (1, 5));
    assert_eq!(status(&o, 2), Status::Tied);
    assert_eq!(status(&o, 4), Status::NotPassed);
    assert_eq!(o.unfilled, 0, "counted after the runoff");
    let ranks: Vec<u32> = o.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [1, 2, 2, 4]);

    let runoff = s.runoff(&tie, BallotsIssued(9)).unwrap();
    assert_eq!(runoff.rules().max_choices(), 1);
    assert!(runoff.rules().threshold.is_none());
    // Only the tied projects are on the runoff ballot.
    let mut t = Tally::new(&runoff, BoxNumber(2));
    assert_eq!(
        t.cast(&runoff, &Ballot::new(d(1), fors(&[1]))).unwrap(),
        Validity::Invalid(InvalidReason::UnknownProject(p(1)))
    );
    for i in 2..=9 {
        let choice = if i <= 4 { fors(&[2]) } else { fors(&[3]) };
        t.cast(&runoff, &Ballot::new(d(i), choice)).unwrap();
    }
    let second = runoff.decide(&t).unwrap();
    assert_eq!(second.elected_ids(), [p(3)]);
    let last = o.resolve(&second).unwrap();
    assert_eq!(last.elected_ids(), [p(1), p(3)]);
    assert_eq!(status(&last, 2), Status::LostRunoff);
    assert_eq!(status(&last, 3), Status::Elected);
    assert!(last.tie.is_none());
    assert_eq!(last.unfilled, 0);
    assert_eq!(last.elected_investment, Decimal::from(200));
    // Resolving twice, or with the wrong runoff, is refused.
    assert_eq!(last.resolve(&second), Err(VoteError::NoTie));
    assert_eq!(o.resolve(&o), Err(VoteError::RunoffMismatch));
}

#[test]
fn a_tie_that_fits_the_places_is_no_tie() {
    let s = session(Policy::election_style(3).unwrap(), 4, 5, 5);
    let votes = vec![
        fors(&[1, 2, 3]),
        fors(&[1, 2, 3]),
        fors(&[1, 2, 3]),
        fors(&[4]),
        fors(&[4]),
    ];
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1), p(2), p(3)]);
    assert!(o.tie.is_none());
    assert_eq!(status(&o, 4), Status::NotPassed);
}

#[test]
fn places_full_and_places_unfilled() {
    // 3 pass for 2 places (P1 5, P2 4, P3 3 votes; 3 pass): P3 has no place.
    let mut rules = Policy::election_style(2).unwrap();
    rules.max_choices = Some(3);
    let s = session(rules, 4, 5, 5);
    let mut votes = vec![fors(&[1, 2, 3]); 3];
    votes.extend([fors(&[1, 2]), fors(&[1])]);
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1), p(2)]);
    assert_eq!(status(&o, 3), Status::NoPlace);
    assert_eq!(o.unfilled, 0);
    // Only one passes for 3 places: two go to a separate vote.
    let s = session(Policy::election_style(3).unwrap(), 4, 5, 5);
    let votes = vec![
        fors(&[1]),
        fors(&[1]),
        fors(&[1, 2]),
        fors(&[2]),
        fors(&[3]),
    ];
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1)]);
    assert_eq!(o.unfilled, 2);
}

fn budget_session(cap: i64, places: u32, costs: &[i64]) -> Session {
    let mut rules = Policy::election_style(places).unwrap();
    rules.budget_cap = Some(Decimal::from(cap));
    rules.threshold = None;
    let list = CandidateList::new((1..).zip(costs).map(|(n, &c)| project(n, c)).collect()).unwrap();
    Session::new(
        rules,
        list,
        Electorate::all_present((1..=20).map(d)).unwrap(),
        BallotsIssued(20),
    )
    .unwrap()
}

#[test]
fn budget_cap_skips_what_no_longer_fits() {
    // P1 100 (5 votes), P2 200 (4), P3 100 (3), P4 100 (0); cap 250; 3 places.
    let s = budget_session(250, 3, &[100, 200, 100, 100]);
    let mut votes = vec![fors(&[1, 2, 3]); 3];
    votes.extend([fors(&[1, 2]), fors(&[1])]);
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1), p(3)]);
    assert_eq!(status(&o, 2), Status::OverBudget);
    assert_eq!(o.elected_investment, Decimal::from(200));
    // P4 has 0 votes but no threshold: it is elected only if it fits (50 left: no).
    assert_eq!(status(&o, 4), Status::OverBudget);
    assert_eq!(o.unfilled, 1);
}

#[test]
fn budget_tie_and_its_runoff() {
    // P1 100 (5 votes); P2 and P3 100 each (4 votes); cap 250, 3 places:
    // after P1, 150 left pays for one of P2 and P3 only.
    let s = budget_session(250, 3, &[100, 100, 100, 100]);
    let mut votes = vec![fors(&[1, 2, 3]); 4];
    votes.push(fors(&[1]));
    let o = run(&s, &votes);
    let tie = o.tie.clone().unwrap();
    assert_eq!(tie.ids(), [p(2), p(3)]);
    assert_eq!(
        (tie.places_left, tie.budget_left),
        (2, Some(Decimal::from(150)))
    );
    let runoff = s.runoff(&tie, BallotsIssued(20)).unwrap();
    let second = run(&runoff, &[fors(&[2]), fors(&[2]), fors(&[3])]);
    assert_eq!(second.elected_ids(), [p(2)]);
    assert_eq!(second.row(p(3)).unwrap().status, Status::OverBudget);
    let last = o.resolve(&second).unwrap();
    assert_eq!(last.elected_ids(), [p(1), p(2)]);
    assert_eq!(status(&last, 3), Status::LostRunoff);
    assert_eq!(last.elected_investment, Decimal::from(200));
    assert_eq!(last.unfilled, 1);
}

#[test]
fn ranked_ballots_rank_by_points() {
    let mut rules = Policy::election_style(1).unwrap();
    rules.form = BallotForm::Ranked;
    rules.max_choices = Some(3);
    let s = session(rules, 3, 5, 5);
    let r = |v: &[u32]| Choice::Ranked(v.iter().map(|&n| p(n)).collect());
    // P1: ranked by all 5 (first by 2) -> 3+3+2+2+2 = 12 points.
    // P2: ranked first by 3 -> 9 points, + second by 2 -> 13 points.
    // P3: third by 3 -> 3 points, not ranked by 2 -> passes? 3 of 5 deputies.
    let votes = vec![
        r(&[1, 2]),
        r(&[1, 2]),
        r(&[2, 1, 3]),
        r(&[2, 1, 3]),
        r(&[2, 1, 3]),
    ];
    let o = run(&s, &votes);
    let pts: Vec<(u32, u64, u64)> = o
        .rows
        .iter()
        .map(|x| (x.project.get(), x.points, x.votes_for))
        .collect();
    assert_eq!(pts, [(2, 13, 5), (1, 12, 5), (3, 3, 3)]);
    assert_eq!(o.elected_ids(), [p(2)]);
}

#[test]
fn merging_boxes() {
    let s = session(Policy::election_style(1).unwrap(), 2, 6, 6);
    let mut a = Tally::new(&s, BoxNumber(1));
    let mut b = Tally::new(&s, BoxNumber(2));
    a.cast(&s, &Ballot::new(d(1), fors(&[1]))).unwrap();
    b.cast(&s, &Ballot::new(d(2), fors(&[2]))).unwrap();
    b.cast(&s, &Ballot::new(d(3), fors(&[1, 2]))).unwrap();
    let mut c = Tally::new(&s, BoxNumber(3));
    c.cast(&s, &Ballot::new(d(2), fors(&[1]))).unwrap();

    let before = a.clone();
    assert_eq!(
        a.merge(&s, &a.clone()),
        Err(VoteError::SameBoxTwice { ballot_box: 1 })
    );
    a.merge(&s, &b).unwrap();
    let merged = a.clone();
    assert_eq!(
        a.merge(&s, &c),
        Err(VoteError::VotedInTwoBoxes {
            voter: d(2),
            boxes: vec![1, 2],
            other_boxes: vec![3]
        })
    );
    assert_eq!(a, merged, "a refused merge changes nothing");
    assert_eq!(a.returned(), 3);
    assert_eq!(a.invalid().total(), 1);
    assert_ne!(a, before);

    // A tally of another session.
    let other = session(Policy::election_style(1).unwrap(), 3, 6, 6);
    let foreign = Tally::new(&other, BoxNumber(9));
    assert_eq!(
        a.merge(&s, &foreign),
        Err(VoteError::TallyMismatch { ballot_box: 9 })
    );
    assert_eq!(
        s.decide(&foreign),
        Err(VoteError::TallyMismatch { ballot_box: 9 })
    );
    let mut foreign = foreign;
    assert_eq!(
        foreign.cast(&s, &Ballot::new(d(1), fors(&[1]))),
        Err(VoteError::TallyMismatch { ballot_box: 9 })
    );
}

#[test]
fn errors_say_what_and_where() {
    let cases = [
        (
            VoteError::NotInElectorate {
                voter: d(400),
                ballot_box: 2,
            },
            "D400 is not in the electorate (ballot box 2)",
        ),
        (
            VoteError::VotedInTwoBoxes {
                voter: d(5),
                boxes: vec![1],
                other_boxes: vec![2, 3],
            },
            "deputy D5 voted in ballot boxes [1] and in [2, 3]",
        ),
        (
            VoteError::MoreReturnedThanIssued {
                issued: 314,
                returned: 315,
            },
            "315 ballots returned but 314 issued: the vote is void",
        ),
        (
            VoteError::NotCompetitive {
                candidates: 10,
                places: 10,
            },
            "10 candidates for 10 places: there must be more candidates than places",
        ),
    ];
    for (e, want) in cases {
        assert_eq!(e.to_string(), want);
    }
}

#[test]
fn many_candidates_and_sparse_ids() {
    // 100 candidates with sparse ids (binary search, large duplicate set),
    // a sparse electorate (binary search for voters).
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let ids: Vec<u32> = (1..=100).map(|n| n * 1_000).collect();
    let list = CandidateList::new(
        ids.iter()
            .map(|&n| {
                Project::builder(p(n), "p")
                    .investment(Decimal::ONE)
                    .category("c")
                    .completion(date)
                    .build()
                    .unwrap()
            })
            .collect(),
    )
    .unwrap();
    let voters: Vec<DeputyId> = (1..=10).map(|n| d(n * 7)).collect();
    for form in [BallotForm::ForAgainstAbstain, BallotForm::ChooseUpTo] {
        let mut rules = Policy::election_style(90).unwrap();
        rules.form = form;
        let s = Session::new(
            rules,
            list.clone(),
            Electorate::all_present(voters.clone()).unwrap(),
            BallotsIssued(10),
        )
        .unwrap();
        let ballot = |ps: &[u32]| match form {
            BallotForm::ForAgainstAbstain => fors(ps),
            _ => Choice::Chosen(ps.iter().map(|&n| p(n)).collect()),
        };
        let mut t = Tally::new(&s, BoxNumber(1));
        assert_eq!(
            t.cast(&s, &Ballot::new(d(7), ballot(&[100_000, 1_000, 100_000])))
                .unwrap(),
            Validity::Invalid(InvalidReason::DuplicateProject(p(100_000)))
        );
        assert_eq!(
            t.cast(&s, &Ballot::new(d(14), ballot(&[100_000, 1_500])))
                .unwrap(),
            Validity::Invalid(InvalidReason::UnknownProject(p(1_500)))
        );
        let all: Vec<u32> = ids.iter().copied().take(90).collect();
        assert!(
            t.cast(&s, &Ballot::new(d(21), ballot(&all)))
                .unwrap()
                .is_valid()
        );
        assert_eq!(
            t.cast(&s, &Ballot::new(d(8), ballot(&[1_000]))),
            Err(VoteError::NotInElectorate {
                voter: d(8),
                ballot_box: 1
            })
        );
        assert_eq!(t.project(p(100_000)).unwrap().votes_for, 0, "{form:?}");
        assert_eq!(t.project(p(90_000)).unwrap().votes_for, 1, "{form:?}");
        assert_eq!((t.valid(), t.invalid().total()), (1, 2));
    }
}

#[test]
fn counting_splits_across_threads() {
    let s = session(Policy::election_style(3).unwrap(), 5, 300, 300);
    let ballots: Vec<Ballot> = (1..=300)
        .map(|i| Ballot::new(d(i), fors(&[1 + i % 5, 1 + (i * 7) % 5])))
        .collect();
    let mut one = Tally::new(&s, BoxNumber(0));
    for b in &ballots {
        one.cast(&s, b).unwrap();
    }
    let boxes: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = ballots
            .chunks(100)
            .zip(1..)
            .map(|(chunk, n)| {
                let s = &s;
                scope.spawn(move || {
                    let mut t = Tally::new(s, BoxNumber(n));
                    for b in chunk {
                        t.cast(s, b).unwrap();
                    }
                    t
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut merged = boxes[2].clone();
    merged.merge(&s, &boxes[0]).unwrap();
    merged.merge(&s, &boxes[1]).unwrap();
    assert_eq!(merged.ballot_boxes(), [1, 2, 3]);
    // The same outcome, but for each box's own figures.
    let (mut split, whole) = (s.decide(&merged).unwrap(), s.decide(&one).unwrap());
    let returned: Vec<u64> = split.boxes.iter().map(|b| b.returned).collect();
    assert_eq!(returned, [100, 100, 100]);
    split.boxes.clone_from(&whole.boxes);
    assert_eq!(split, whole);
    assert_eq!(merged.returned(), 300);
}

#[test]
fn named_policies_are_the_rules_they_say() {
    use deputy_work::vote::{Quorum, RankedCount, Voting};
    // (rules, form, voting, quorum, threshold)
    let table = [
        (
            Policy::election_style(10).unwrap(),
            BallotForm::ForAgainstAbstain,
            Voting::Named,
            None,
        ),
        (
            Policy::ranked_priorities(10).unwrap(),
            BallotForm::Ranked,
            Voting::Named,
            None,
        ),
        (
            Policy::secret_ballot(10).unwrap(),
            BallotForm::ForAgainstAbstain,
            Voting::Secret,
            Some(Quorum::TWO_THIRDS),
        ),
    ];
    for (rules, form, voting, quorum) in table {
        assert_eq!(rules.form, form);
        assert_eq!(rules.voting, voting);
        assert_eq!(rules.quorum, quorum);
        assert_eq!(rules.places, 10);
        assert_eq!(rules.max_choices(), 10);
        assert_eq!(rules.threshold, Some(Threshold::MORE_THAN_HALF_OF_ALL));
        assert_eq!(rules.ranked_count, RankedCount::Borda);
        assert!(rules.validate().is_ok());
    }
    for make in [
        Policy::election_style,
        Policy::ranked_priorities,
        Policy::secret_ballot,
    ] {
        assert!(matches!(
            make(0),
            Err(VoteError::InvalidRules {
                field: "places",
                ..
            })
        ));
    }
    // with_changes checks what it changed, and leaves valid rules as made
    let bad = Policy::election_style(3).unwrap().with_changes(|r| {
        r.threshold = Some(Threshold {
            denominator: 0,
            ..Threshold::MORE_THAN_HALF_OF_ALL
        })
    });
    assert!(matches!(
        bad,
        Err(VoteError::InvalidRules {
            field: "threshold.denominator",
            ..
        })
    ));
}

#[test]
fn a_project_is_built_by_name_and_checked() {
    let date = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    let built = Project::builder(p(7), "背街小巷整治")
        .investment(Decimal::from(18_000_000))
        .category("城乡建设")
        .completion(date)
        .build()
        .unwrap();
    assert_eq!(
        (
            built.id,
            built.name.as_str(),
            built.category.as_str(),
            built.completion
        ),
        (p(7), "背街小巷整治", "城乡建设", date)
    );
    // (what is left out or wrong, the error)
    let cases = [
        (
            Project::builder(p(7), "x").completion(date).build(),
            VoteError::ProjectIncomplete {
                project: p(7),
                field: "investment",
            },
        ),
        (
            Project::builder(p(7), "x").investment(Decimal::ONE).build(),
            VoteError::ProjectIncomplete {
                project: p(7),
                field: "completion",
            },
        ),
        (
            Project::builder(p(7), "x")
                .investment(Decimal::new(-1, 2))
                .completion(date)
                .build(),
            VoteError::NegativeInvestment {
                project: p(7),
                investment: Decimal::new(-1, 2),
            },
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, Err(want));
    }
    // a category may be left out; a zero investment is allowed
    let bare = Project::builder(p(8), "y")
        .investment(Decimal::ZERO)
        .completion(date)
        .build()
        .unwrap();
    assert_eq!(bare.category, "");
}

#[test]
fn a_refusal_reads_in_chinese_with_its_figures() {
    use deputy_work::common::Labelled;
    use deputy_work::vote::BallotsIssued;
    let rules = Policy::secret_ballot(2).unwrap();
    let err = Session::new(
        rules,
        CandidateList::new((1..=3).map(|n| project(n, 1)).collect()).unwrap(),
        Electorate::counted(60, 39).unwrap(),
        BallotsIssued(39),
    )
    .unwrap_err();
    assert_eq!(
        err,
        VoteError::NoQuorum {
            present: 39,
            deputies: 60,
            required: 40
        }
    );
    assert_eq!(err.label_zh(), "不足法定人数");
    assert_eq!(
        err.message_zh(),
        "代表总数60名，出席39名，不足法定人数40名，不得进行表决"
    );
}

/// What each status, project and result line reads as, in the result
/// table and on a front end.
#[test]
fn statuses_projects_and_result_lines_read_as_printed() {
    use deputy_work::common::Labelled;
    use deputy_work::vote::{ProjectRef, Voting};
    let statuses = [
        (Status::Elected, true, "入选"),
        (Status::Tied, false, "票数相等，待再次投票"),
        (Status::LostRunoff, false, "再次投票未入选"),
        (Status::NoPlace, false, "过票但名额已满"),
        (Status::OverBudget, false, "超出预算上限"),
        (Status::NotPassed, false, "未获通过"),
        (Status::LostDraw, false, "抽签未入选"),
    ];
    assert_eq!(statuses.len(), Status::ALL.len(), "every status listed");
    for (s, elected, zh) in statuses {
        assert_eq!(s.is_elected(), elected, "{s:?}");
        assert_eq!(s.to_string(), zh, "{s:?}");
    }
    let votings = [
        (Voting::Named, "记名投票", "named ballots"),
        (Voting::Secret, "无记名投票", "secret ballot"),
        (
            Voting::Electronic { keep_presses: true },
            "电子表决",
            "electronic voting",
        ),
    ];
    for (v, zh, en) in votings {
        assert_eq!((v.label_zh(), v.label_en()), (zh, en));
    }
    assert_eq!(ProjectRef::new(p(7), "口袋公园").to_string(), "P7 口袋公园");

    // A line without points (marks), then with points (ranked ballots).
    let s = session(Policy::election_style(1).unwrap(), 2, 3, 3);
    // One choice a ballot: a project left unmarked is an abstention.
    let o = run(&s, &[fors(&[1]), fors(&[2]), fors(&[1])]);
    let lines: Vec<String> = o.rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "1. P1 项目1：赞成2票，反对0票，弃权1票，入选",
            "2. P2 项目2：赞成1票，反对0票，弃权2票，未获通过",
        ]
    );
    let mut rules = Policy::election_style(1).unwrap();
    rules.form = BallotForm::Ranked;
    rules.max_choices = Some(2);
    rules.threshold = None;
    let s = session(rules, 3, 3, 3);
    let r = |v: &[u32]| Choice::Ranked(v.iter().map(|&n| p(n)).collect());
    // Borda over 2 choices: first 2 points, second 1; a ballot that does
    // not rank a project abstains on it.
    let o = run(&s, &[r(&[2, 1]), r(&[2]), r(&[1])]);
    let lines: Vec<String> = o.rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "1. P2 项目2：赞成2票，反对0票，弃权1票，计分4，入选",
            "2. P1 项目1：赞成2票，反对0票，弃权1票，计分3，过票但名额已满",
            "3. P3 项目3：赞成0票，反对0票，弃权3票，过票但名额已满",
        ]
    );
}

#[test]
fn a_project_costing_exactly_the_budget_left_is_elected() {
    // Cap 300: P1 100 (5 votes), P2 200 (4 votes); after P1, 200 is left,
    // exactly P2's cost; P3 100 (3 votes) and P4 (none) find nothing left.
    let s = budget_session(300, 3, &[100, 200, 100, 100]);
    let mut votes = vec![fors(&[1, 2, 3]); 3];
    votes.extend([fors(&[1, 2]), fors(&[1])]);
    let o = run(&s, &votes);
    assert_eq!(o.elected_ids(), [p(1), p(2)]);
    assert_eq!(status(&o, 3), Status::OverBudget);
    assert_eq!(o.elected_investment, Decimal::from(300));
    assert_eq!(o.unfilled, 1);
}

#[test]
fn a_runoff_must_be_for_the_tie_it_resolves() {
    use deputy_work::vote::{ProjectRef, Tie};
    // P1 8 votes, P2 and P3 5 each, for 2 places: a tie for 1 place.
    let s = session(Policy::election_style(2).unwrap(), 3, 9, 9);
    let mut votes = vec![fors(&[1, 2]); 4];
    votes.extend(vec![fors(&[1, 3]); 4]);
    votes.push(fors(&[2, 3]));
    let o = run(&s, &votes);
    let tie = o.tie.clone().unwrap();
    assert_eq!((tie.ids(), tie.places_left), (vec![p(2), p(3)], 1));

    // The tied projects, but for 2 places: not this tie's runoff.
    let mut rules = Policy::election_style(2).unwrap();
    rules.threshold = None;
    rules.competition = None;
    let two_places = Session::new(
        rules,
        CandidateList::new(vec![project(2, 100), project(3, 100)]).unwrap(),
        Electorate::all_present((1..=9).map(d)).unwrap(),
        BallotsIssued(9),
    )
    .unwrap();
    let other = run(&two_places, &[fors(&[2]), fors(&[3])]);
    assert_eq!(o.resolve(&other), Err(VoteError::RunoffMismatch));

    // A runoff that ties again leaves both tied, the tie pending.
    let runoff = s.runoff(&tie, BallotsIssued(9)).unwrap();
    let again = run(&runoff, &[fors(&[2]), fors(&[3])]);
    let last = o.resolve(&again).unwrap();
    assert_eq!(
        (status(&last, 2), status(&last, 3)),
        (Status::Tied, Status::Tied)
    );
    assert_eq!(last.tie.as_ref().map(|t| t.ids()), Some(vec![p(2), p(3)]));
    assert_eq!(last.elected_ids(), [p(1)]);

    // A tie with no place left, or with no project, has no runoff.
    let refs = vec![
        ProjectRef::new(p(2), "项目2"),
        ProjectRef::new(p(3), "项目3"),
    ];
    for bad in [Tie::new(refs, 0, None, 5), Tie::new(Vec::new(), 1, None, 5)] {
        assert_eq!(
            s.runoff(&bad, BallotsIssued(9)).unwrap_err(),
            VoteError::RunoffMismatch,
            "{bad:?}"
        );
    }
}

#[test]
fn lots_drawn_under_a_budget_cap_take_what_still_fits() {
    use deputy_work::vote::Lot;
    // Cap 250, 3 places: P1 100 elected; P2 and P3 (100 each, 4 votes)
    // tie for 150 left (P4, no votes, ranks below the tie). Drawn P3 first:
    // it fits (100 of 150); P2 then finds 50 left and loses the draw.
    let s = budget_session(250, 3, &[100, 100, 100, 100]);
    let mut votes = vec![fors(&[1, 2, 3]); 4];
    votes.push(fors(&[1]));
    let o = run(&s, &votes);
    assert_eq!(
        o.tie.as_ref().unwrap().budget_left,
        Some(Decimal::from(150))
    );
    let settled = o.settle(&s, &Lot::new(vec![p(3), p(2)], "抽签")).unwrap();
    assert_eq!(settled.elected_ids(), [p(1), p(3)]);
    assert_eq!(status(&settled, 2), Status::LostDraw);
    assert_eq!(settled.elected_investment, Decimal::from(200));
    assert_eq!(settled.unfilled, 1);
}

#[test]
fn mean_rank_puts_projects_nobody_ranks_last_and_level() {
    use deputy_work::vote::RankedCount;
    let mut rules = Policy::election_style(1).unwrap();
    rules.form = BallotForm::Ranked;
    rules.ranked_count = RankedCount::MeanRank;
    rules.max_choices = Some(2);
    rules.threshold = None;
    let s = session(rules, 4, 3, 3);
    let r = |v: &[u32]| Choice::Ranked(v.iter().map(|&n| p(n)).collect());
    let o = run(&s, &[r(&[1, 2]), r(&[2, 1]), r(&[1])]);
    let ranks: Vec<(u32, u32)> = o.rows.iter().map(|x| (x.project.get(), x.rank)).collect();
    // P1 is ranked first twice and second once: mean 4/3; P2 first and
    // second, 3/2; P3 and P4 by nobody: last, level.
    assert_eq!(ranks, [(1, 1), (2, 2), (3, 3), (4, 3)]);
    assert_eq!(o.elected_ids(), [p(1)]);
}

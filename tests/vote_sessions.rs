//! Votes as congresses hold them (`VOTES.md`): secret ballots counted box by
//! box, the quorum, ranked ballots counted by the locality's method, ties
//! settled by a recorded drawing of lots, electronic voting, and an adopted
//! project's life after the vote. Every figure is worked by hand.

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Labelled, ProjectId};
use deputy_work::stats::Verdict;
use deputy_work::vote::{
    AdoptedProject, Ballot, BallotForm, BallotsIssued, BoxCount, BoxNumber, CandidateList, Choice,
    CompletionRating, Decision, Electorate, Lot, Mark, Policy, Project, ProjectChange,
    ProjectEvent, ProjectStatus, Quorum, RankedCount, Session, Status, Tally, VoteError, Voting,
};
use rust_decimal::Decimal;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn candidates(n: u32) -> CandidateList {
    CandidateList::new(
        (1..=n)
            .map(|i| {
                Project::builder(ProjectId::new(i), format!("项目{i}"))
                    .investment(Decimal::from(100 * i))
                    .category("民生")
                    .completion(date(12, 31))
                    .build()
                    .unwrap()
            })
            .collect(),
    )
    .unwrap()
}

fn fors(ids: &[u32]) -> Choice {
    Choice::Marks(
        ids.iter()
            .map(|&i| (ProjectId::new(i), Mark::For))
            .collect(),
    )
}

fn ranked(ids: &[u32]) -> Choice {
    Choice::Ranked(ids.iter().map(|&i| ProjectId::new(i)).collect())
}

/// 60 deputies, 52 signed in; 52 ballots issued, 20 + 20 + 12 by box;
/// 4 candidates for 2 places, more than half of all (31) to pass.
fn paper_session() -> Session {
    let mut rules = Policy::election_style(2).unwrap();
    rules.voting = Voting::Secret;
    rules.quorum = Some(Quorum::TWO_THIRDS);
    Session::new(
        rules,
        candidates(4),
        Electorate::counted(60, 52).unwrap(),
        BallotsIssued(52),
    )
    .unwrap()
}

#[test]
fn a_secret_ballot_counted_in_three_boxes_and_merged() {
    let s = paper_session();
    // Box 1: 20 ballots (P1+P2 ×12, P1+P3 ×8). Box 2: 20 (P2+P3 ×10,
    // P1+P2 ×9, one marking three: invalid). Box 3: 12 (P1+P4 ×11, one blank).
    let mut boxes = [
        Tally::with_issued(&s, BoxNumber(1), BallotsIssued(20)),
        Tally::with_issued(&s, BoxNumber(2), BallotsIssued(20)),
        Tally::with_issued(&s, BoxNumber(3), BallotsIssued(12)),
    ];
    for (b, ids, n) in [
        (0, &[1, 2][..], 12),
        (0, &[1, 3][..], 8),
        (1, &[2, 3][..], 10),
        (1, &[1, 2][..], 9),
        (1, &[1, 2, 3][..], 1),
        (2, &[1, 4][..], 11),
        (2, &[][..], 1),
    ] {
        for _ in 0..n {
            boxes[b].count(&s, &fors(ids)).unwrap();
        }
    }
    let [b1, b2, b3] = boxes;
    let mut all = b3.clone();
    all.merge(&s, &b1).unwrap();
    all.merge(&s, &b2).unwrap();
    let o = s.decide(&all).unwrap();
    // Returned 52 = issued; valid 51 (one over the limit); blank is valid.
    assert_eq!((o.figures.returned, o.figures.valid), (52, 51));
    assert_eq!(o.required, 31);
    let votes = |n| o.row(ProjectId::new(n)).unwrap().votes_for;
    // P1: 12 + 8 + 9 + 11 = 40; P2: 12 + 10 + 9 = 31; P3: 8 + 10 = 18; P4: 11.
    assert_eq!([votes(1), votes(2), votes(3), votes(4)], [40, 31, 18, 11]);
    assert_eq!(o.elected_ids(), [ProjectId::new(1), ProjectId::new(2)]);
    assert_eq!(
        o.boxes,
        [
            BoxCount::new(BoxNumber(1), Some(20), 20),
            BoxCount::new(BoxNumber(2), Some(20), 20),
            BoxCount::new(BoxNumber(3), Some(12), 12),
        ]
    );
    assert_eq!(o.voting.label_zh(), "无记名投票");
    // Of the 52 present, one returned an invalid ballot: no valid vote.
    assert_eq!(o.row(ProjectId::new(1)).unwrap().not_voted, 52 - 51);

    // One ballot too many in box 3: 53 returned, 52 issued, the vote is
    // void (box 3's own count, 13 of 12, is checked after the total).
    let mut extra = b3.clone();
    extra.count(&s, &fors(&[4])).unwrap();
    let mut all = extra;
    all.merge(&s, &b1).unwrap();
    all.merge(&s, &b2).unwrap();
    assert_eq!(
        s.decide(&all),
        Err(VoteError::MoreReturnedThanIssued {
            issued: 52,
            returned: 53
        })
    );
    // A box over its own count voids the vote even when the total is within.
    let mut short = Tally::with_issued(&s, BoxNumber(4), BallotsIssued(1));
    short.count(&s, &fors(&[1])).unwrap();
    short.count(&s, &fors(&[1])).unwrap();
    assert_eq!(
        s.decide(&short),
        Err(VoteError::BoxVoid {
            ballot_box: 4,
            issued: 1,
            returned: 2
        })
    );
    // Boxes issued more than the session.
    let mut a = Tally::with_issued(&s, BoxNumber(5), BallotsIssued(30));
    a.merge(&s, &Tally::with_issued(&s, BoxNumber(6), BallotsIssued(30)))
        .unwrap();
    assert_eq!(
        s.decide(&a),
        Err(VoteError::BoxesExceedIssued {
            boxes: 60,
            issued: 52
        })
    );
}

#[test]
fn a_secret_ballot_names_nobody_and_a_named_vote_names_everybody() {
    let s = paper_session();
    let mut t = Tally::new(&s, BoxNumber(1));
    assert!(matches!(
        t.cast(&s, &Ballot::new(DeputyId::new(1), fors(&[1]))),
        Err(VoteError::NamedBallotInSecretVote { .. })
    ));
    let named = Session::new(
        Policy::election_style(2).unwrap(),
        candidates(4),
        Electorate::all_present((1..=5).map(DeputyId::new)).unwrap(),
        BallotsIssued(5),
    )
    .unwrap();
    let mut t = Tally::new(&named, BoxNumber(1));
    assert_eq!(
        t.count(&named, &fors(&[1])),
        Err(VoteError::UnnamedBallot {
            voting: "named ballots",
            ballot_box: 1
        })
    );
    assert_eq!(t.returned(), 0);
    // A named or electronic vote needs the names.
    for voting in [
        Voting::Named,
        Voting::Electronic {
            keep_presses: false,
        },
    ] {
        let mut rules = Policy::election_style(2).unwrap();
        rules.voting = voting;
        assert!(matches!(
            Session::new(
                rules,
                candidates(4),
                Electorate::counted(60, 52).unwrap(),
                BallotsIssued(52)
            ),
            Err(VoteError::NamesNeeded { .. })
        ));
    }
}

#[test]
fn below_the_quorum_the_session_is_refused_naming_both_numbers() {
    let mut rules = Policy::election_style(2).unwrap();
    rules.voting = Voting::Secret;
    rules.quorum = Some(Quorum::TWO_THIRDS);
    // Two thirds of 61 is 40.67: 41 must be present.
    let at = Session::new(
        rules.clone(),
        candidates(4),
        Electorate::counted(61, 41).unwrap(),
        BallotsIssued(41),
    );
    assert!(at.is_ok());
    let below = Session::new(
        rules,
        candidates(4),
        Electorate::counted(61, 40).unwrap(),
        BallotsIssued(40),
    );
    let err = below.unwrap_err();
    assert_eq!(
        err,
        VoteError::NoQuorum {
            present: 40,
            deputies: 61,
            required: 41
        }
    );
    assert_eq!(
        err.to_string(),
        "40 of 61 deputies present; the quorum is 41: the vote may not be held"
    );
}

/// Five ranked ballots (ranks up to 3) on four projects, worked by hand:
///
/// | ballot | 1st | 2nd | 3rd |
/// |---|---|---|---|
/// | B1 | P1 | P2 | P3 |
/// | B2 | P1 | P3 | P2 |
/// | B3 | P2 | P3 | – |
/// | B4 | P2 | P3 | P4 |
/// | B5 | P3 | P4 | – |
///
/// Rank counts (1st, 2nd, 3rd): P1 (2, 0, 0), P2 (2, 1, 1), P3 (1, 3, 1),
/// P4 (0, 1, 1).
fn ranked_ballots() -> [Choice; 5] {
    [
        ranked(&[1, 2, 3]),
        ranked(&[1, 3, 2]),
        ranked(&[2, 3]),
        ranked(&[2, 3, 4]),
        ranked(&[3, 4]),
    ]
}

fn ranked_outcome(method: RankedCount) -> deputy_work::vote::Outcome {
    let mut rules = Policy::election_style(1).unwrap();
    rules.form = BallotForm::Ranked;
    rules.max_choices = Some(3);
    rules.threshold = None;
    rules.ranked_count = method;
    let s = Session::new(
        rules,
        candidates(4),
        Electorate::all_present((1..=5).map(DeputyId::new)).unwrap(),
        BallotsIssued(5),
    )
    .unwrap();
    let mut t = Tally::new(&s, BoxNumber(1));
    for (d, c) in (1..).zip(ranked_ballots()) {
        t.cast(&s, &Ballot::new(DeputyId::new(d), c)).unwrap();
    }
    s.decide(&t).unwrap()
}

#[test]
fn each_ranked_method_matches_the_hand_worked_table() {
    // (method, figures of P1..P4, winner or tie)
    let table: [(RankedCount, [u64; 4], Option<u32>); 5] = [
        // Borda 3-2-1: P1 6, P2 6+2+1, P3 3+6+1, P4 2+1.
        (RankedCount::Borda, [6, 9, 10, 3], Some(3)),
        // Points 5-2-1: P1 10, P2 10+2+1, P3 5+6+1, P4 2+1.
        (
            RankedCount::PointsTable {
                points: vec![5, 2, 1],
            },
            [10, 13, 12, 3],
            Some(2),
        ),
        // Rank sum, unranked = 4: P1 2+3×4, P2 7+4, P3 10, P4 5+3×4.
        (RankedCount::RankSum, [14, 11, 10, 17], Some(3)),
        // Mean rank (sum shown; mean = sum / times ranked): P1 2/2 = 1.
        (RankedCount::MeanRank, [2, 7, 10, 5], Some(1)),
        // First priorities: P1 and P2 tie with 2.
        (RankedCount::TopK { k: 1 }, [2, 2, 1, 0], None),
    ];
    for (method, figures, winner) in table {
        let o = ranked_outcome(method.clone());
        let got: Vec<u64> = (1..=4)
            .map(|n| o.row(ProjectId::new(n)).unwrap().points)
            .collect();
        assert_eq!(got, figures, "{method:?}");
        match winner {
            Some(w) => assert_eq!(o.elected_ids(), [ProjectId::new(w)], "{method:?}"),
            None => {
                let tie = o.tie.as_ref().unwrap();
                assert_eq!(tie.ids(), [ProjectId::new(1), ProjectId::new(2)]);
            }
        }
    }
    // Two counts in the top two ranks: P3 (4) before P2 (3).
    let top2 = ranked_outcome(RankedCount::TopK { k: 2 });
    assert_eq!(top2.elected_ids(), [ProjectId::new(3)]);
    assert_eq!(top2.rows[1].project, ProjectId::new(2));
}

#[test]
fn a_tie_is_settled_only_by_a_recorded_drawing_of_lots() {
    let o = ranked_outcome(RankedCount::TopK { k: 1 });
    let mut rules = Policy::election_style(1).unwrap();
    rules.form = BallotForm::Ranked;
    rules.max_choices = Some(3);
    let s = Session::new(
        rules,
        candidates(4),
        Electorate::all_present((1..=5).map(DeputyId::new)).unwrap(),
        BallotsIssued(5),
    )
    .unwrap();
    for bad in [vec![2], vec![2, 1, 3], vec![2, 2]] {
        let lot = Lot::new(bad.into_iter().map(ProjectId::new).collect(), "抽签");
        assert_eq!(o.settle(&s, &lot), Err(VoteError::LotMismatch));
    }
    let lot = Lot::new(
        vec![ProjectId::new(2), ProjectId::new(1)],
        "大会主席团第三次会议，监票人当场抽签",
    );
    let settled = o.settle(&s, &lot).unwrap();
    assert_eq!(settled.elected_ids(), [ProjectId::new(2)]);
    assert_eq!(
        settled.row(ProjectId::new(1)).unwrap().status,
        Status::LostDraw
    );
    assert_eq!(Status::LostDraw.label_zh(), "抽签未入选");
    let drawn = settled.lot.as_ref().unwrap();
    assert_eq!(drawn.record, lot.record);
    let order: Vec<(u32, &str)> = drawn
        .order
        .iter()
        .map(|p| (p.id.get(), p.name.as_str()))
        .collect();
    let name = |n| s.candidates().get(ProjectId::new(n)).unwrap().name.as_str();
    assert_eq!(order, [(2, name(2)), (1, name(1))]);
    assert!(settled.tie.is_none());
    assert_eq!(settled.unfilled, 0);
    assert_eq!(settled.settle(&s, &lot), Err(VoteError::NoTie));
}

#[test]
fn electronic_voting_counts_the_seats_that_did_not_press() {
    for keep in [true, false] {
        let mut rules = Policy::election_style(2).unwrap();
        rules.voting = Voting::Electronic { keep_presses: keep };
        let s = Session::new(
            rules,
            candidates(3),
            Electorate::new((1..=6).map(DeputyId::new), (1..=5).map(DeputyId::new)).unwrap(),
            BallotsIssued(5),
        )
        .unwrap();
        let mut t = Tally::new(&s, BoxNumber(1));
        let press = |d: u32, marks: &[(u32, Mark)]| {
            Ballot::new(
                DeputyId::new(d),
                Choice::Marks(marks.iter().map(|&(p, m)| (ProjectId::new(p), m)).collect()),
            )
        };
        // D1: for P1, abstain P2; D2: for P1, against P3; D3: for P1 and P2;
        // D4 presses nothing at all on P3 … and D5 never presses.
        t.cast(&s, &press(1, &[(1, Mark::For), (2, Mark::Abstain)]))
            .unwrap();
        t.cast(&s, &press(2, &[(1, Mark::For), (3, Mark::Against)]))
            .unwrap();
        t.cast(&s, &press(3, &[(1, Mark::For), (2, Mark::For)]))
            .unwrap();
        t.cast(&s, &press(4, &[(2, Mark::For)])).unwrap();
        let o = s.decide(&t).unwrap();
        let row = |n| o.row(ProjectId::new(n)).unwrap().clone();
        // P2: for 2 (D3, D4), abstain 1 (D1), not voted 2 (D2, D5).
        let p2 = row(2);
        assert_eq!(
            (p2.votes_for, p2.against, p2.abstain, p2.not_voted),
            (2, 0, 1, 2)
        );
        // P3: against 1 (D2), not voted 4.
        let p3 = row(3);
        assert_eq!(
            (p3.votes_for, p3.against, p3.abstain, p3.not_voted),
            (0, 1, 0, 4)
        );
        assert_eq!(row(1).not_voted, 2);
        assert_eq!(t.presses().len(), if keep { 4 } else { 0 });
        if keep {
            assert_eq!(t.presses()[3].deputy, DeputyId::new(4));
        }
    }
}

#[test]
fn an_adopted_project_changes_only_by_a_recorded_decision() {
    let project = candidates(3).get(ProjectId::new(2)).unwrap().clone();
    let mut p = AdoptedProject::new(project, date(1, 10));
    let decision = |m, d, r: &str| Decision {
        date: date(m, d),
        reference: r.into(),
    };
    // Not started: it cannot be completed or rated.
    assert!(matches!(
        p.record(date(2, 1), ProjectEvent::Completed),
        Err(VoteError::ProjectStep {
            step: "complete",
            status: "adopted",
            ..
        })
    ));
    p.record(date(3, 1), ProjectEvent::Started).unwrap();
    p.record(date(5, 1), ProjectEvent::Progress { percent: 40 })
        .unwrap();
    assert!(
        p.record(date(5, 2), ProjectEvent::Progress { percent: 30 })
            .is_err()
    );
    assert!(
        p.record(date(4, 30), ProjectEvent::Progress { percent: 50 })
            .is_err()
    );
    // Suspended and resumed, each by a decision of the standing committee.
    for bad in [
        decision(6, 20, " "),
        decision(6, 21, "常委会第十九次会议决定"),
        decision(1, 5, "常委会第十次会议决定"),
    ] {
        let before = p.clone();
        assert!(matches!(
            p.record(
                date(6, 20),
                ProjectEvent::Suspended {
                    decision: bad,
                    reason: "规划调整".into()
                }
            ),
            Err(VoteError::DecisionNeeded { .. })
        ));
        assert_eq!(p, before);
    }
    p.record(
        date(6, 20),
        ProjectEvent::Suspended {
            decision: decision(6, 19, "县人大常委会第十九次会议决定"),
            reason: "规划调整".into(),
        },
    )
    .unwrap();
    assert_eq!(p.status(), ProjectStatus::Suspended);
    assert!(
        p.record(date(6, 21), ProjectEvent::Progress { percent: 50 })
            .is_err()
    );
    p.record(
        date(8, 28),
        ProjectEvent::Changed {
            decision: decision(8, 27, "县人大常委会第二十次会议决定"),
            change: ProjectChange::Completion(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
        },
    )
    .unwrap();
    p.record(
        date(8, 28),
        ProjectEvent::Resumed {
            decision: decision(8, 27, "县人大常委会第二十次会议决定"),
        },
    )
    .unwrap();
    assert_eq!(
        p.project().completion,
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    );
    assert_eq!(p.adopted().completion, date(12, 31));
    p.record(date(11, 30), ProjectEvent::Completed).unwrap();
    assert_eq!(p.progress(), 100);
    let mut rating = CompletionRating::new(ProjectId::new(2));
    rating.add_many(Verdict::Satisfied, 50);
    rating.add_many(Verdict::BasicallySatisfied, 2);
    let mut other = rating.clone();
    other.project = ProjectId::new(3);
    assert!(
        p.record(date(12, 20), ProjectEvent::Rated { rating: other })
            .is_err()
    );
    p.record(
        date(12, 20),
        ProjectEvent::Rated {
            rating: rating.clone(),
        },
    )
    .unwrap();
    assert_eq!(p.status(), ProjectStatus::Rated);
    assert_eq!(p.rating(), Some(&rating));
    assert_eq!(p.trail().len(), 7);
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&p).unwrap();
        let back: AdoptedProject = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        // A stored record whose suspension lost its decision's reference
        // is refused when read.
        let edited = json.replacen("县人大常委会第十九次会议决定", "", 1);
        let err = serde_json::from_str::<AdoptedProject>(&edited).unwrap_err();
        assert!(err.to_string().contains("no reference"), "{err}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn the_new_rules_load_from_a_rule_table() {
    let rules: Policy = toml::from_str(
        r#"
form = "ranked"
places = 10
max_choices = 10
voting = "secret"
quorum = { numerator = 2, denominator = 3 }
threshold = "none"
ranked_count = { method = "points_table", points = [10, 8, 6, 5, 4, 3, 2, 1] }
"#,
    )
    .unwrap();
    assert_eq!(rules.voting, Voting::Secret);
    assert_eq!(rules.quorum, Some(Quorum::TWO_THIRDS));
    assert!(matches!(
        rules.ranked_count,
        RankedCount::PointsTable { .. }
    ));
    let electronic: Policy =
        toml::from_str("places = 3\nvoting = { electronic = { keep_presses = true } }").unwrap();
    assert_eq!(electronic.voting, Voting::Electronic { keep_presses: true });
    for (bad, want) in [
        (
            "places = 3\nranked_count = { method = \"top_k\", k = 0 }",
            "ranked_count.k",
        ),
        (
            "places = 3\nranked_count = { method = \"points_table\", points = [1, 2] }",
            "ranked_count.points",
        ),
        (
            "places = 3\nquorum = { numerator = 4, denominator = 3 }",
            "quorum",
        ),
        ("places = 3\nvoting = \"show_of_hands\"", "unknown variant"),
    ] {
        let err = toml::from_str::<Policy>(bad).unwrap_err().to_string();
        assert!(err.contains(want), "{bad}: {err}");
    }
}

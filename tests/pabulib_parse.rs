//! Reading, writing and building Pabulib elections: the crate's own
//! fixtures, error messages with their lines, and edge cases of the format.

use deputy_work::common::Labelled;
use deputy_work::vote::pabulib::{
    Line, PbElection, PbError, PbProject, PbRule, PbVote, Selected, VoteType,
};
use rust_decimal::Decimal;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/pabulib/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const MINIMAL: &str = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;4\nb;6\nVOTES\nvoter_id;vote\n1;a\n";

#[test]
fn approval_fixture_with_bom_crlf_quotes_and_decimal_commas() {
    let text = fixture("approval_fixture.pb");
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    let e = PbElection::parse(&text).unwrap();
    assert_eq!(e.budget(), Decimal::new(10_000_050, 2));
    assert_eq!(e.vote_type(), VoteType::Approval);
    assert_eq!(e.rule(), Some(PbRule::Greedy));
    assert_eq!(
        e.meta_value("description"),
        Some("Fixture: budget with a decimal comma; quoted fields")
    );
    assert_eq!(
        e.project_columns(),
        ["project_id", "cost", "votes", "name", "selected"]
    );
    let p2 = &e.projects()[1];
    assert_eq!(p2.cost, Decimal::new(4_500_050, 2));
    assert_eq!(p2.extra, ["5", "Road \"Nanhuan\" lighting"]);
    assert_eq!(e.projects()[0].extra[1], "Clinic; east wing");
    assert_eq!(e.votes().len(), 8);
    assert_eq!(e.votes().get(6).unwrap().projects, [3, 1]);
    assert_eq!(e.votes().get(6).unwrap().extra, ["70"]);
    // Scores 6, 5, 5, 2, 0: p1, then p3 (ties with p2 but cheaper), p2 no longer fits, p4 does.
    let out = e.decide_by_meta().unwrap();
    assert_eq!(out.funded, [0, 2, 3]);
    assert_eq!(out.total_cost, Decimal::new(100_000, 0));
    assert!(e.compare_with_official(&out).unwrap().is_match());
    // Greedy without skipping stops at p2.
    assert_eq!(e.decide(PbRule::GreedyNoSkip).unwrap().funded, [0, 2]);
}

#[test]
fn cumulative_fixture_sums_points_and_breaks_ties_to_the_cheaper() {
    let e = PbElection::parse(&fixture("cumulative_fixture.pb")).unwrap();
    assert_eq!(e.scores().unwrap(), [4.into(), 3.into(), 4.into()]);
    let out = e.decide_by_meta().unwrap();
    assert_eq!(
        out.funded,
        [2, 0],
        "C (20) before A (30) on a tie of 4 points"
    );
    assert!(e.compare_with_official(&out).unwrap().is_match());
    // Equal Shares prices per point (12.5 each at first): C at 5 per point,
    // then B (A no longer affordable); completed by add1, at 17 each C then
    // A (8 per point against B's 25/3) spend the whole 50.
    let mes = e.decide(PbRule::EqualSharesAdd1).unwrap();
    assert_eq!(mes.selected_ids(&e), ["A", "C"]);
    assert_eq!(mes.total_cost, 50.into());
}

#[test]
fn mes_fixture_gives_the_minority_its_share() {
    let e = PbElection::parse(&fixture("mes_fixture.pb")).unwrap();
    let mes = e.decide_by_meta().unwrap();
    assert_eq!(mes.selected_ids(&e), ["a", "c"]);
    assert_eq!(mes.total_cost, 9.into());
    assert_eq!(
        e.decide(PbRule::Greedy).unwrap().selected_ids(&e),
        ["a", "b"]
    );
    assert_eq!(e.compare_with_official(&mes), None, "no selected column");
}

#[test]
fn bad_fixture_names_the_line_and_the_unknown_project() {
    let err = PbElection::parse(&fixture("bad_unknown_project.pb")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 11: voter \"2\" votes for unknown project \"b\""
    );
}

#[test]
fn writer_round_trips_the_fixtures() {
    for name in [
        "approval_fixture.pb",
        "cumulative_fixture.pb",
        "mes_fixture.pb",
    ] {
        let e = PbElection::parse(&fixture(name)).unwrap();
        let written = e.to_pb_string();
        assert!(!written.contains('\r') && !written.starts_with('\u{feff}'));
        assert_eq!(PbElection::parse(&written).unwrap(), e, "{name}");
        assert_eq!(
            PbElection::parse(&written).unwrap().to_pb_string(),
            written,
            "{name}: stable text"
        );
    }
    // Already-canonical text is written back byte for byte.
    let text = fixture("cumulative_fixture.pb");
    assert_eq!(PbElection::parse(&text).unwrap().to_pb_string(), text);
}

/// Each broken text, the error's line and a piece of its message.
#[test]
fn errors_say_where_and_what() {
    let cases: &[(&str, Option<usize>, &str)] = &[
        ("", None, "the file ends before META"),
        ("\n\nPROJECTS\n", Some(3), "expected META"),
        ("META\n", None, "ends before the META header"),
        ("META\nkey;value\nbudget;1\n", None, "ends before PROJECTS"),
        (
            "META\nkey;value\nbudget;1;2\n",
            Some(3),
            "expected a META row key;value or PROJECTS",
        ),
        (
            "META\nkey;value\nbudget;-1\nvote_type;approval\nPROJECTS\n",
            Some(3),
            "budget: expected a non-negative number",
        ),
        (
            "META\nkey;value\nbudget;1\nbudget;2\nPROJECTS\n",
            Some(4),
            "META key \"budget\" appears twice",
        ),
        (
            "META\nkey;value\nvote_type;approval\nPROJECTS\n",
            None,
            "META has no \"budget\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approvals\nPROJECTS\n",
            Some(4),
            "vote_type: expected approval",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;name\n",
            Some(6),
            "PROJECTS header: missing column \"cost\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;cost\n",
            Some(6),
            "duplicate column \"cost\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1;2\n",
            Some(7),
            "expected 2 fields as in the header, found 3",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;x\n",
            Some(7),
            "cost: expected a non-negative number, found \"x\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\na;2\n",
            Some(8),
            "project id \"a\" is a duplicate",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na,b;1\n",
            Some(7),
            "containing a comma",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;selected\na;1;yes\n",
            Some(7),
            "selected: expected 0, 1, 2 or 3",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n",
            None,
            "ends before VOTES",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter;vote\n",
            Some(9),
            "VOTES header: missing column \"voter_id\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n1;a\n",
            Some(11),
            "voter id \"1\" is a duplicate",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a,a\n",
            Some(10),
            "names project \"a\" twice",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote\n1;a,b\n",
            Some(11),
            "more than one project",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote;points\n1;a;1,2\n",
            Some(10),
            "as many points as projects",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote;points\n1;a;-1\n",
            Some(10),
            "must not be negative",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;scoring\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote;points\n1;a;x\n",
            Some(10),
            "points: expected a number",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;scoring\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n",
            None,
            "VOTES header: missing column \"points\"",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;name\na;1;\"open\n",
            Some(7),
            "a quoted field is not closed",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;name\na;1;\"x\"y\n",
            Some(7),
            "after a closing quote",
        ),
    ];
    for (text, line, piece) in cases {
        let err = PbElection::parse(text).expect_err(text);
        let msg = err.to_string();
        assert!(msg.contains(piece), "{text:?}: {msg:?} lacks {piece:?}");
        match line {
            Some(n) => assert!(
                msg.starts_with(&format!("line {n}: ")),
                "{text:?}: {msg:?} not on line {n}"
            ),
            None => assert!(
                !msg.starts_with("line ") || msg.contains("ends before"),
                "{text:?}: {msg:?}"
            ),
        }
        // The same in Chinese: the same line, no English phrase left.
        let zh = err.message_zh();
        if let Some(n) = line {
            assert!(
                zh.starts_with(&format!("第 {n} 行：")),
                "{zh:?} not on line {n}"
            );
        }
        for english in ["expected", "ends before", "quoted field", "closing quote"] {
            assert!(!zh.contains(english), "{text:?}: {zh:?} keeps {english:?}");
        }
        assert!(!err.label_zh().is_ascii(), "{err:?}");
    }
}

/// Whole Chinese messages of a few errors, as an office reads them.
#[test]
fn errors_read_in_chinese() {
    let cases = [
        ("MEAT\n", "第 1 行：应为 META 段标记，实为“MEAT”"),
        (
            "META\nkey;value\nbudget;1\n",
            "第 4 行：文件已结束，尚缺 PROJECTS 段标记",
        ),
        (
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;price\n",
            "第 6 行：PROJECTS 段表头缺少“cost”列",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n7;a,a\n",
            "第 10 行：投票人“7”重复投了项目“a”",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n7;b\n",
            "第 10 行：投票人“7”所投项目“b”不在项目清单中",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            PbElection::parse(text).unwrap_err().message_zh(),
            want,
            "{text:?}"
        );
    }
}

#[test]
fn a_quoted_field_may_span_lines_and_later_lines_are_still_counted() {
    let text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n\
                a;4;\"two\nlines\"\nb;x;y\n";
    let err = PbElection::parse(text).unwrap_err();
    assert!(
        matches!(
            err,
            PbError::InvalidNumber {
                line: Line(Some(9)),
                ..
            }
        ),
        "{err}"
    );
    let ok = text.replace("b;x;y", "b;1;y") + "VOTES\nvoter_id;vote\n1;a,b\n";
    let e = PbElection::parse(&ok).unwrap();
    assert_eq!(e.projects()[0].extra, ["two\nlines"]);
    assert_eq!(PbElection::parse(&e.to_pb_string()).unwrap(), e);
}

#[test]
fn a_quoted_last_field_may_end_the_text_with_or_without_a_line_break() {
    let base = "META\r\nkey;value\r\nbudget;1\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost\r\na;1\r\nVOTES\r\nvoter_id;vote\r\n1;\"a\"";
    for end in ["", "\r", "\r\n", "\n"] {
        let e = PbElection::parse(&format!("{base}{end}")).unwrap();
        assert_eq!(e.votes().get(0).unwrap().projects, [0], "{end:?}");
    }
}

#[test]
fn blank_lines_spaces_and_empty_ballots_are_accepted() {
    let text = "\n\nMETA\nkey;value\nbudget; 10 \nvote_type; Approval\n\n PROJECTS \nproject_id;cost\na;4\n\nVOTES\nvoter_id;vote\n1; a \n2;\n";
    let e = PbElection::parse(text).unwrap();
    assert_eq!(e.budget(), 10.into());
    assert_eq!(e.votes().get(0).unwrap().projects, [0]);
    assert!(e.votes().get(1).unwrap().projects.is_empty());
}

#[test]
fn meta_rule_is_typed_only_when_known() {
    let e = PbElection::parse(&MINIMAL.replace(
        "vote_type;approval",
        "vote_type;approval\nrule;greedy-no-skip",
    ))
    .unwrap();
    assert_eq!(e.rule(), Some(PbRule::GreedyNoSkip));
    let e = PbElection::parse(
        &MINIMAL.replace("vote_type;approval", "vote_type;approval\nrule;phragmen"),
    )
    .unwrap();
    assert_eq!(e.rule(), None);
    assert_eq!(
        e.decide_by_meta(),
        Err(PbError::NoRule {
            found: Some("phragmen".into())
        })
    );
    assert_eq!(e.meta_value("rule"), Some("phragmen"));
}

#[test]
fn labels_name_every_vote_type_and_rule() {
    for t in VoteType::ALL {
        assert_eq!(t.pabulib_name().parse::<VoteType>().unwrap(), t);
        assert!(!t.label_zh().is_empty() && t.label_en() == t.pabulib_name());
    }
    for r in PbRule::ALL {
        assert_eq!(r.pabulib_name().parse::<PbRule>().unwrap(), r);
        assert!(!r.label_zh().is_empty() && !r.label_en().is_empty());
    }
    assert_eq!(VoteType::Scoring.label_zh(), "评分投票");
}

fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn new_builds_a_livelihood_vote_for_publication() {
    // A county congress publishes its vote on three livelihood projects as a .pb file.
    let mut projects = vec![
        PbProject::new("LP01", Decimal::new(3_200_000, 0)),
        PbProject::new("LP02", Decimal::new(1_500_000, 0)),
        PbProject::new("LP03", Decimal::new(2_000_000, 0)),
    ];
    for (p, name) in projects
        .iter_mut()
        .zip(["老旧小区改造", "农村饮水", "社区食堂"])
    {
        p.extra.push(name.to_owned());
        p.selected = Some(Selected::from(name != "农村饮水"));
    }
    let votes = (1..=5)
        .map(|i| PbVote::new(format!("D{i}"), if i <= 3 { vec![0, 2] } else { vec![1] }))
        .collect();
    let e = PbElection::new(
        meta(&[
            ("description", "民生实事项目票决"),
            ("budget", "6000000"),
            ("vote_type", "approval"),
            ("rule", "greedy"),
        ]),
        ["project_id", "cost", "name", "selected"]
            .map(String::from)
            .to_vec(),
        projects,
        Vec::new(),
        votes,
    )
    .unwrap();
    let text = e.to_pb_string();
    assert!(text.contains("LP01;3200000;老旧小区改造;1\n"));
    assert!(text.contains("VOTES\nvoter_id;vote\nD1;LP01,LP03\n"));
    assert_eq!(PbElection::parse(&text).unwrap(), e);
    assert!(
        e.compare_with_official(&e.decide_by_meta().unwrap())
            .unwrap()
            .is_match()
    );
}

#[test]
fn new_refuses_inconsistent_parts() {
    let m = meta(&[("budget", "10"), ("vote_type", "approval")]);
    let p = || {
        vec![
            PbProject::new("a", Decimal::ONE),
            PbProject::new("b", Decimal::TWO),
        ]
    };
    let err = |projects, columns: Vec<String>, votes| {
        PbElection::new(m.clone(), columns, projects, Vec::new(), votes).unwrap_err()
    };
    assert!(matches!(
        err(p(), vec![], vec![PbVote::new("1", vec![2])]),
        PbError::UnknownProject { .. }
    ));
    assert!(matches!(
        err(p(), vec![], vec![PbVote::new("1", vec![1, 1])]),
        PbError::RepeatedProject { .. }
    ));
    assert!(matches!(
        err(
            p(),
            vec![],
            vec![PbVote::new("1", vec![]), PbVote::new("1", vec![])]
        ),
        PbError::BadVoterId {
            problem: "a duplicate",
            ..
        }
    ));
    assert!(matches!(
        err(p(), vec![], vec![PbVote::new("", vec![])]),
        PbError::BadVoterId {
            problem: "empty",
            ..
        }
    ));
    let mut dup = p();
    dup[1].id = "a".into();
    assert!(matches!(
        err(dup, vec![], vec![]),
        PbError::BadProjectId {
            problem: "a duplicate",
            ..
        }
    ));
    let mut neg = p();
    neg[0].cost = Decimal::NEGATIVE_ONE;
    assert!(matches!(
        err(neg, vec![], vec![]),
        PbError::InvalidNumber { .. }
    ));
    let mut extra = p();
    extra[0].extra.push("x".into());
    assert!(matches!(
        err(extra, vec![], vec![]),
        PbError::FieldCount { .. }
    ));
    let mut half = p();
    half[0].selected = Some(Selected::Yes);
    assert!(matches!(
        err(half, vec![], vec![]),
        PbError::BadHeader { .. }
    ));
    let cols = vec!["project_id".to_owned(), "name".to_owned()];
    assert!(matches!(
        err(p(), cols, vec![]),
        PbError::BadHeader {
            problem: "missing",
            ..
        }
    ));
    let mut spaced = p();
    spaced[0].id = " a".into();
    assert!(matches!(
        err(spaced, vec![], vec![]),
        PbError::BadProjectId {
            problem: "not trimmed",
            ..
        }
    ));
    let mut pts = PbVote::new("1", vec![0]);
    pts.points.push(Decimal::ONE);
    assert!(matches!(
        err(p(), vec![], vec![pts]),
        PbError::BadBallot { .. }
    ));
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip_and_validation_on_load() {
    let e = PbElection::parse(&fixture("approval_fixture.pb")).unwrap();
    let json = serde_json::to_string(&e).unwrap();
    assert!(
        json.contains("\"cost\":\"45000.50\""),
        "decimals as strings: {json}"
    );
    assert_eq!(serde_json::from_str::<PbElection>(&json).unwrap(), e);
    let out = e.decide_by_meta().unwrap();
    let back: deputy_work::vote::pabulib::PbOutcome =
        serde_json::from_str(&serde_json::to_string(&out).unwrap()).unwrap();
    assert_eq!(back, out);
    assert!(
        serde_json::to_string(&out)
            .unwrap()
            .contains("\"rule\":\"greedy\"")
    );
    // Loading validates: a vote for project #9 is refused.
    let bad = json.replacen("\"projects\":[0,1,2]", "\"projects\":[0,1,9]", 1);
    assert_ne!(bad, json);
    assert!(
        serde_json::from_str::<PbElection>(&bad)
            .unwrap_err()
            .to_string()
            .contains("unknown project")
    );
    // Unknown fields are refused.
    let unknown = json.replacen("{\"meta\"", "{\"extra_field\":1,\"meta\"", 1);
    assert!(serde_json::from_str::<PbElection>(&unknown).is_err());
}

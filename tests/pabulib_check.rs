//! The checker, finding by finding, on a small file worked by hand, and the
//! lenient reader's repairs.

mod shared;

use deputy_work::vote::pabulib::{Finding, PbElection, PbRule, Selected, Severity};

/// A file with one defect of each kind the checker knows, line by line.
const FILE: &str = "META
key;value
description;test
country;Poland
unit;Testowo
instance;2025
num_projects;4
num_votes;5
budget;1000
vote_type;cumulative
rule;greedy
date_begin;01.02.2025
date_end;31.01.2025
max_length;2
max_points;5
max_sum_points;6
comment;no number
colour;blue
PROJECTS
project_id;cost;votes;score;name;selected
a;600;3;12;A;1
b;500;2;7;B;1
c;0;1;1;C;0
d;2000;0;0;D;0
VOTES
voter_id;vote;points
1;a,b;4,3
2;a,b,c;2,3,1
3;a;6
4;b;1
";

fn find<'f>(findings: &'f [Finding], kind: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

#[test]
fn each_check_reports_its_line_and_severity() {
    let findings = PbElection::check_text(FILE).unwrap();
    let one = |kind: &str| {
        let f = find(&findings, kind);
        assert_eq!(f.len(), 1, "{kind}: {findings:#?}");
        f[0].clone()
    };
    // META: 4 votes, not 5; an unknown key; dates backwards; comment; rule
    // `greedy` is fine here (no threshold).
    let votes = one("different number of votes");
    assert_eq!((votes.line.0, votes.severity), (Some(8), Severity::Error));
    assert_eq!(one("not known meta fields").line.0, Some(18));
    assert_eq!(one("date range missmatch").line.0, Some(13));
    assert_eq!(one("invalid comment numbering").line.0, Some(17));
    // Budget: c costs nothing, d more than the budget, a + b (1100) > 1000.
    assert_eq!(one("project with no cost").line.0, Some(23));
    assert_eq!(one("single project exceeded whole budget").line.0, Some(24));
    assert!(one("budget exceeded").detail.contains("1100"));
    // Votes: voter 2 names three projects (max 2); voter 3 gives 6 points
    // (max 5; sum 6 is allowed); voter 2's 2,3,1 is not in decreasing order.
    assert_eq!(one("vote length exceeded").line.0, Some(28));
    assert_eq!(one("points above maximum").line.0, Some(29));
    let order = one("vote order not sorted by points");
    assert_eq!(
        (order.line.0, order.severity),
        (Some(28), Severity::Warning)
    );
    assert!(find(&findings, "points sum above maximum").len() == 1);
    // Columns: a has 3 votes and 4 + 2 + 6 = 12 points: right; b has 3
    // votes (file: 2) and 3 + 3 + 1 = 7 points: right; d has none.
    let b = one("different values in votes");
    assert_eq!(b.line.0, Some(22));
    assert!(b.detail.contains("`2` in the file, 3 counted"), "{b}");
    assert!(find(&findings, "different values in scores").is_empty());
    assert_eq!(one("project with no votes").line.0, Some(24));
    // The official selection against greedy: a (12) then b (7) do not both
    // fit; greedy funds a and c (cost 0).
    let rule = one("greedy rule not followed");
    assert!(rule.detail.contains("should not be: b"), "{rule}");
    assert_eq!(
        rule.to_string(),
        "error: greedy rule not followed: projects not selected but should be: c; selected but should not be: b"
    );
}

#[test]
fn a_threshold_needs_the_right_rule() {
    let with = FILE.replace("comment;no number\n", "min_project_score_threshold;5\n");
    let findings = PbElection::check_text(&with).unwrap();
    assert_eq!(find(&findings, "incorrect rule with threshold").len(), 1);
    let without = FILE.replace("rule;greedy", "rule;greedy-threshold");
    let findings = PbElection::check_text(&without).unwrap();
    assert_eq!(find(&findings, "missing threshold field").len(), 1);
}

#[test]
fn a_clean_file_has_no_error() {
    let clean = "META
key;value
description;clean
country;Poland
unit;Testowo
instance;2025
num_projects;2
num_votes;2
budget;10
vote_type;approval
rule;greedy
date_begin;2025
date_end;2025
PROJECTS
project_id;cost;votes;name;selected
a;6;2;A;1
b;5;1;B;0
VOTES
voter_id;vote
1;a,b
2;a
";
    let findings = PbElection::check_text(clean).unwrap();
    assert!(
        findings.iter().all(|f| f.severity == Severity::Warning),
        "{findings:#?}"
    );
    // The same checks without lines on an election built in memory.
    let e = PbElection::parse(clean).unwrap();
    assert_eq!(e.check().len(), findings.len());
    assert!(e.check().iter().all(|f| f.line.0.is_none()));
}

#[test]
fn duplicated_projects_are_repaired_leniently_and_reported_by_the_checker() {
    let text = "META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy\n\
        PROJECTS\nproject_id;cost;selected\na;6;1\nb;4;1\n\
        VOTES\nvoter_id;vote\n1;a,b,a\n2;b,b\n";
    assert!(PbElection::parse(text).is_err());
    let (e, repairs) = PbElection::parse_lenient(text).unwrap();
    assert_eq!(repairs.len(), 2);
    assert_eq!(
        repairs.iter().map(|r| r.line.0).collect::<Vec<_>>(),
        [Some(12), Some(13)]
    );
    assert_eq!(e.votes().get(1).unwrap().projects, [1]);
    assert_eq!(
        e.decide(PbRule::Greedy).unwrap().selected_ids(&e),
        ["a", "b"]
    );
    let findings = PbElection::check_text(text).unwrap();
    assert_eq!(find(&findings, "vote with duplicated projects").len(), 2);
    // Points ballots have no single reading: still refused.
    let points = "META\nkey;value\nbudget;10\nvote_type;cumulative\n\
        PROJECTS\nproject_id;cost\na;6\nVOTES\nvoter_id;vote;points\n1;a,a;2,3\n";
    assert!(PbElection::parse_lenient(points).is_err());
    assert_eq!(e.projects()[0].selected, Some(Selected::Yes));
}

#[test]
fn counts_that_disagree_with_meta_are_errors_strictly_and_repaired_leniently() {
    let text = "META\nkey;value\nnum_projects;3\nnum_votes;2\nbudget;10\nvote_type;approval\n\
        PROJECTS\nproject_id;cost\na;6\nb;4\nVOTES\nvoter_id;vote\n1;a\n2;b\n";
    let err = PbElection::parse(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: META num_projects is \"3\" but the file has 2"
    );
    let (e, repairs) = PbElection::parse_lenient(text).unwrap();
    assert_eq!(repairs.len(), 1);
    assert_eq!(repairs[0].line.0, Some(3));
    assert_eq!(e.meta_value("num_projects"), Some("2"));
    assert_eq!(
        e.meta_value("num_votes"),
        Some("2"),
        "right already: untouched"
    );
    let findings = PbElection::check_text(text).unwrap();
    let count = findings
        .iter()
        .find(|f| f.kind == "different number of projects")
        .unwrap();
    assert_eq!((count.line.0, count.severity), (Some(3), Severity::Error));
}

/// Equal Shares with cardinal utilities (cumulative points), worked by hand:
/// budget 10, two voters with 5 each; voter 1 gives a 3 points and b 1,
/// voter 2 gives b 2; a costs 4, b costs 6. Prices per point: a 4/3 (voter
/// 1 pays 4), b 2 (voter 1 pays 2, voter 2 pays 4): a first. Then b: voter
/// 1 holds 1 and pays it, voter 2 pays the other 5 (2.5 per point): both
/// funded.
#[test]
fn equal_shares_prices_cumulative_points_per_point() {
    let text = "META\nkey;value\nbudget;10\nvote_type;cumulative\n\
        PROJECTS\nproject_id;cost\na;4\nb;6\n\
        VOTES\nvoter_id;vote;points\n1;a,b;3,1\n2;b;2\n";
    let e = PbElection::parse(text).unwrap();
    let o = e.decide(PbRule::EqualSharesAdd1).unwrap();
    assert_eq!(o.selected_ids(&e), ["a", "b"]);
    let approval = text
        .replace("cumulative", "approval")
        .replace("voter_id;vote;points", "voter_id;vote")
        .replace("1;a,b;3,1", "1;a,b")
        .replace("2;b;2", "2;b");
    // Ordinal ballots have no utilities to price by.
    let ordinal = approval.replace("approval", "ordinal");
    let o = PbElection::parse(&ordinal).unwrap();
    assert!(o.decide(PbRule::EqualSharesAdd1).is_err());
}

#[test]
fn field_types_and_values_are_checked_as_fields_py_states_them() {
    let text = "META\nkey;value\nbudget;10,5\nvote_type;choose-1\nmax_length;3\nlanguage;PL\n\
        currency;pln\nfully_funded;2\n\
        PROJECTS\nproject_id;cost\na;6\nb;4\nVOTES\nvoter_id;vote\n1;a\n";
    let findings = PbElection::check_text(text).unwrap();
    let typed: Vec<String> = findings
        .iter()
        .filter(|f| f.kind == "incorrect meta field datatype")
        .map(|f| f.detail.split(':').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(typed, ["language", "currency", "fully_funded"]);
    assert_eq!(find(&findings, "comma in float!").len(), 1);
    let choose1 = find(&findings, "invalid choose-1 meta constraint");
    assert_eq!(choose1.len(), 1);
    assert_eq!(choose1[0].line.0, Some(5));
    assert_eq!(
        find(&findings, "invalid meta field value").len(),
        1,
        "max_length 3 > 2 projects"
    );
}

#[test]
fn project_values_and_coordinates_are_checked() {
    let text = "META\nkey;value\nbudget;100\nvote_type;approval\n\
        PROJECTS\nproject_id;cost;votes;latitude;longitude\n\
        a;10;1;50,06;19,94\nb;10;x;91;19\nc;10;1;50;\nd;10;0;;\n\
        VOTES\nvoter_id;vote\n1;a,c\n";
    let findings = PbElection::check_text(text).unwrap();
    let lines = |kind: &str| {
        find(&findings, kind)
            .iter()
            .map(|f| f.line.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines("incorrect projects field datatype"), [Some(8)]);
    // b out of range (91), c with a latitude only; a (decimal commas) and d
    // (no coordinates) are fine.
    assert_eq!(lines("invalid projects field value"), [Some(8), Some(9)]);
}

/// Every finding the checker gives on the real files has a Chinese name
/// for its kind.
#[test]
fn every_finding_on_the_real_files_has_a_chinese_label() {
    use deputy_work::common::Labelled;
    let Some(dir) = shared::data_dir("pabulib") else {
        return;
    };
    let mut seen = std::collections::BTreeSet::new();
    for path in shared::pb_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        for f in PbElection::check_text(&text).unwrap() {
            assert!(!f.label_zh().is_ascii(), "{}: {f}", path.display());
            seen.insert(f.kind);
        }
    }
    assert!(
        seen.len() >= 5,
        "the real files give several kinds: {seen:?}"
    );
}

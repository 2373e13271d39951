//! Rule tables and records of the livelihood-project vote through serde.
#![cfg(feature = "serde")]

use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::{
    BallotForm, CandidateList, Choice, Competition, Electorate, Mark, Policy, Tally, Threshold,
    ThresholdBase,
};
use rust_decimal::Decimal;

const FULL: &str = r#"
form = "ranked"
places = 10
max_choices = 5
blank_ballots_valid = false
budget_cap = "300000000"

[threshold]
base = "valid_ballots"
numerator = 2
denominator = 3
strict = false

[competition]
min_surplus = 2
min_surplus_ratio = "0.2"

[rating]
abstentions = "excluded"
decimals = 1
"#;

#[test]
fn a_full_rule_table_loads() {
    let r: Policy = toml::from_str(FULL).unwrap();
    assert_eq!(r.form, BallotForm::Ranked);
    assert_eq!(r.max_choices(), 5);
    assert!(!r.blank_ballots_valid);
    assert_eq!(r.budget_cap, Some(Decimal::from(300_000_000)));
    assert_eq!(
        r.threshold,
        Some(Threshold {
            base: ThresholdBase::ValidBallots,
            numerator: 2,
            denominator: 3,
            strict: false
        })
    );
    assert_eq!(
        r.competition,
        Some(Competition::new(2, Some(Decimal::new(2, 1))))
    );
    assert_eq!(
        r.rating.abstentions,
        deputy_work::stats::Abstentions::Excluded
    );
    // decimals are written as strings
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["budget_cap"], "300000000");
    assert_eq!(json["competition"]["min_surplus_ratio"], "0.2");
    // and writes back to the same rules
    let again: Policy = toml::from_str(&toml::to_string(&r).unwrap()).unwrap();
    assert_eq!(again, r);
}

#[test]
fn a_minimal_rule_table_is_the_election_style_default() {
    let r: Policy = toml::from_str("places = 10").unwrap();
    assert_eq!(r, Policy::election_style(10).unwrap());
    let json: Policy = serde_json::from_str(r#"{"places": 10}"#).unwrap();
    assert_eq!(json, r);
    let off: Policy =
        toml::from_str("places = 1\nthreshold = \"none\"\ncompetition = \"none\"").unwrap();
    assert_eq!((off.threshold, off.competition), (None, None));
}

#[test]
fn bad_rule_tables_are_refused_with_the_reason() {
    let cases = [
        ("places = 0", "`places` must be at least 1"),
        ("places = 3\nseats = 3", "unknown field `seats`"),
        ("places = 3\nthreshold = \"off\"", "\"none\" or a table"),
        (
            "places = 3\n[threshold]\nbase = \"all_deputies\"\nnumerator = 1\ndenominator = 0\nstrict = true",
            "`threshold.denominator` must not be zero",
        ),
        (
            "places = 3\n[threshold]\nbase = \"everyone\"\nnumerator = 1\ndenominator = 2\nstrict = true",
            "unknown variant `everyone`",
        ),
        (
            "places = 3\n[competition]\nmin_surplus = 1\nmin_ratio = \"0.1\"",
            "unknown field `min_ratio`",
        ),
        (
            "places = 3\nbudget_cap = \"-1\"",
            "`budget_cap` must not be negative",
        ),
        (
            "places = 3\nform = \"approval\"",
            "unknown variant `approval`",
        ),
        (
            "places = 3\n[rating]\ndecimals = 13",
            "`rating.decimals` at most 12",
        ),
    ];
    for (src, want) in cases {
        let err = toml::from_str::<Policy>(src).unwrap_err().to_string();
        assert!(err.contains(want), "{src:?}: {err}");
    }
}

#[test]
fn records_validate_while_loading() {
    let dup = r#"[{"id":1,"name":"a","investment":"1","category":"c","completion":"2025-12-31"},
                  {"id":1,"name":"b","investment":"2","category":"c","completion":"2025-12-31"}]"#;
    let err = serde_json::from_str::<CandidateList>(dup)
        .unwrap_err()
        .to_string();
    assert!(err.contains("project P1 is listed twice"), "{err}");
    let err = serde_json::from_str::<Electorate>(r#"{"members":[1,2],"present":[3]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("D3 is listed as present but is not a member"),
        "{err}"
    );
    let bad_tally = r#"{"boxes":[{"ballot_box":1,"issued":null,"returned":1}],"open_box":1,
        "projects":[1],"counts":[{"marks":[1,0,0]}],"top":1,
        "valid":1,"invalid":[0,0,0,0,0],"electorate_size":3,"voted":[0]}"#;
    let err = serde_json::from_str::<Tally>(bad_tally)
        .unwrap_err()
        .to_string();
    assert!(err.contains("corrupt tally"), "{err}");
}

#[test]
fn ballots_have_a_plain_json_form() {
    let b = deputy_work::vote::Ballot::new(
        DeputyId::new(7),
        Choice::Marks(vec![
            (ProjectId::new(1), Mark::For),
            (ProjectId::new(2), Mark::Abstain),
        ]),
    );
    let json = serde_json::to_string(&b).unwrap();
    assert_eq!(
        json,
        r#"{"voter":7,"choice":{"marks":[[1,"for"],[2,"abstain"]]}}"#
    );
}

#[test]
fn invalid_counts_are_keyed_by_reason_and_still_read_the_old_array() {
    use deputy_work::vote::{InvalidCounts, InvalidKind};
    let c = InvalidCounts::from_counts([(InvalidKind::Blank, 2), (InvalidKind::TooManyChoices, 1)])
        .unwrap();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"wrong_form":0,"unknown_project":0,"duplicate_project":0,"too_many_choices":1,"blank":2}"#
    );
    // any key order, missing keys as zero
    let read: InvalidCounts =
        serde_json::from_str(r#"{"blank": 2, "too_many_choices": 1}"#).unwrap();
    assert_eq!(read, c);
    // the 0.1 form: five counts in the order of InvalidKind::ALL
    let old: InvalidCounts = serde_json::from_str("[0, 0, 0, 1, 2]").unwrap();
    assert_eq!(old, c);
    assert_eq!((old.get(InvalidKind::Blank), old.total()), (2, 3));
    // refused: an unknown reason, a short array, counts adding up past u64
    assert!(serde_json::from_str::<InvalidCounts>(r#"{"smudged": 1}"#).is_err());
    assert!(serde_json::from_str::<InvalidCounts>("[0, 0, 1]").is_err());
    let past = format!(r#"{{"blank": {}, "wrong_form": 1}}"#, u64::MAX);
    assert!(serde_json::from_str::<InvalidCounts>(&past).is_err());
}

#[test]
fn results_carry_names_and_status_labels_for_a_front_end() {
    use deputy_work::vote::{Outcome, ProjectResult, samples};
    let session = samples::session().unwrap();
    let outcome = session.decide(&samples::tally(&session).unwrap()).unwrap();
    let json = serde_json::to_value(&outcome).unwrap();
    let first = &json["rows"][0];
    assert_eq!(first["project"], 1);
    assert_eq!(first["name"], "老旧小区改造提升");
    assert_eq!(first["status"], "elected");
    assert_eq!(first["status_zh"], "入选");
    assert_eq!(json["rows"][1]["status_zh"], "未获通过");
    assert_eq!(json["elected"][0]["name"], "老旧小区改造提升");
    assert_eq!(json["figures"]["invalid"]["blank"], 0);
    assert_eq!(json["voting"], "named");
    assert_eq!(json["voting_zh"], "记名投票");
    assert_eq!(json["threshold_base"], "all_deputies");
    assert_eq!(json["threshold_base_zh"], "全体代表");
    let back: Outcome = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, outcome);
    let mut wrong = json.clone();
    wrong["voting_zh"] = "无记名投票".into();
    assert!(serde_json::from_value::<Outcome>(wrong).is_err());
    let mut unlabelled = json.clone();
    let fields = unlabelled.as_object_mut().unwrap();
    fields.remove("voting_zh");
    fields.remove("threshold_base_zh");
    assert_eq!(
        serde_json::from_value::<Outcome>(unlabelled).unwrap(),
        outcome
    );

    // A label that does not fit its code is refused; a row without the
    // label (0.1) reads.
    let mut row = first.clone();
    row["status_zh"] = "未获通过".into();
    assert!(serde_json::from_value::<ProjectResult>(row.clone()).is_err());
    row.as_object_mut().unwrap().remove("status_zh");
    let read: ProjectResult = serde_json::from_value(row).unwrap();
    assert_eq!(read, outcome.rows[0]);
}

#[test]
fn merging_stored_secret_tallies_past_u64_is_an_error_and_changes_nothing() {
    use deputy_work::vote::{BallotsIssued, BoxNumber, Session, VoteError};
    let session = Session::new(
        Policy::secret_ballot(1).unwrap(),
        deputy_work::vote::samples::candidates(2).unwrap(),
        Electorate::counted(5, 5).unwrap(),
        BallotsIssued(5),
    )
    .unwrap();
    // A stored box claiming 2^63 blank-but-valid ballots: it holds together,
    // so it reads; two of them cannot be added.
    let huge = |b: u32| {
        let mut v = serde_json::to_value(Tally::new(&session, BoxNumber(b))).unwrap();
        let n = 1_u64 << 63;
        v["valid"] = n.into();
        v["unnamed"] = n.into();
        v["boxes"][0]["returned"] = n.into();
        serde_json::from_value::<Tally>(v).unwrap()
    };
    let mut a = huge(1);
    let before = a.clone();
    assert_eq!(a.merge(&session, &huge(2)), Err(VoteError::Overflow));
    assert_eq!(a, before);
}

#[test]
fn invalid_counts_refuse_a_reason_twice_and_a_long_array() {
    use deputy_work::vote::InvalidCounts;
    assert!(serde_json::from_str::<InvalidCounts>(r#"{"blank": 1, "blank": 2}"#).is_err());
    assert!(serde_json::from_str::<InvalidCounts>("[0, 0, 0, 0, 0, 0]").is_err());
    let toml_form: InvalidCounts = toml::from_str("blank = 3\nwrong_form = 1").unwrap();
    assert_eq!(toml_form.total(), 4);
}

#[test]
fn a_project_is_checked_while_loading() {
    use deputy_work::vote::{Project, VoteError};
    let ok: Project = serde_json::from_str(
        r#"{"id": 3, "name": "中小学食堂提质", "investment": "12000000", "category": "教育", "completion": "2025-08-28"}"#,
    )
    .unwrap();
    assert_eq!(ok.name, "中小学食堂提质");
    let negative = serde_json::from_str::<Project>(
        r#"{"id": 3, "name": "x", "investment": "-1", "category": "", "completion": "2025-08-28"}"#,
    )
    .unwrap_err();
    assert!(
        negative.to_string().contains(
            &VoteError::NegativeInvestment {
                project: ProjectId::new(3),
                investment: Decimal::NEGATIVE_ONE
            }
            .to_string()
        ),
        "{negative}"
    );
}

#[test]
fn a_ranked_outcome_labels_its_counting_method() {
    use deputy_work::vote::{
        Ballot, BallotsIssued, BoxNumber, Outcome, RankedCount, Session, samples,
    };
    let rules = Policy::ranked_priorities(1)
        .unwrap()
        .with_changes(|r| {
            r.ranked_count = RankedCount::TopK { k: 1 };
            r.max_choices = Some(2);
        })
        .unwrap();
    let session = Session::new(
        rules,
        samples::candidates(3).unwrap(),
        Electorate::all_present((1..=3).map(DeputyId::new)).unwrap(),
        BallotsIssued(3),
    )
    .unwrap();
    let mut t = Tally::new(&session, BoxNumber(1));
    for (d, first) in [(1, 2), (2, 2), (3, 1)] {
        let ranks = Choice::Ranked(vec![ProjectId::new(first), ProjectId::new(3)]);
        t.cast(&session, &Ballot::new(DeputyId::new(d), ranks))
            .unwrap();
    }
    let outcome = session.decide(&t).unwrap();
    assert_eq!(outcome.elected_ids(), [ProjectId::new(2)]);
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["ranked_count"]["method"], "top_k");
    assert_eq!(json["ranked_count_zh"], "进入前若干位的票数");
    assert_eq!(json["rows"][0]["name"], "农村供水保障工程");
    let back: Outcome = serde_json::from_value(json).unwrap();
    assert_eq!(back, outcome);
}

//! The points engine on the stored policy and act files (TOML and JSON).
#![cfg(feature = "serde")]

use deputy_work::common::{Deputy, DeputyId, Period, RecordId};
use deputy_work::points::{Act, Policy, Scorecard, Scorer, samples};
use rust_decimal::Decimal;

const POLICY_TOML: &str = include_str!("data/points/yinchuan_jiangbei.toml");
const POLICY_JSON: &str = include_str!("data/points/yinchuan_jiangbei.json");
const ACTS_TOML: &str = include_str!("data/points/acts.toml");
const ACTS_JSON: &str = include_str!("data/points/acts.json");

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ActsFile {
    deputies: Vec<Deputy>,
    acts: Vec<Act>,
}

/// (rank, deputy, total, band, honour)
type Row = (u32, u32, String, Option<String>, Option<String>);

fn policy() -> Policy {
    toml::from_str(POLICY_TOML).unwrap()
}

fn acts() -> ActsFile {
    toml::from_str(ACTS_TOML).unwrap()
}

fn card(policy: &Policy, file: &ActsFile, year: i32) -> Scorecard {
    let s = Scorer::new(policy, Period::year(year).unwrap()).unwrap();
    let mut t = s.tally();
    for d in &file.deputies {
        t.enrol(d.id).unwrap();
    }
    for a in &file.acts {
        s.add(&mut t, a).unwrap();
    }
    s.scorecard(&t).unwrap()
}

#[test]
fn toml_and_json_files_agree() {
    let from_json: Policy = serde_json::from_str(POLICY_JSON).unwrap();
    assert_eq!(from_json, policy());
    assert_eq!(policy(), samples::yinchuan_jiangbei().unwrap());
    let acts_json: ActsFile = serde_json::from_str(ACTS_JSON).unwrap();
    assert_eq!(acts_json, acts());
}

#[test]
fn the_sample_year_scores_as_published_rules_say() {
    let p = policy();
    let card = card(&p, &acts(), 2025);
    let table: Vec<Row> = card
        .entries
        .iter()
        .map(|e| {
            (
                e.rank,
                e.deputy.get(),
                e.total.to_string(),
                e.band.as_deref().map(str::to_owned),
                e.honour.as_deref().map(str::to_owned),
            )
        })
        .collect();
    let row = |rank, d, total: &str, band: &str, honour: Option<&str>| {
        (
            rank,
            d,
            total.to_owned(),
            Some(band.to_owned()),
            honour.map(str::to_owned),
        )
    };
    assert_eq!(
        table,
        [
            // Written with one decimal place: the policy has half points.
            row(1, 1, "100.0", "good", Some("excellent")),
            row(2, 2, "88.5", "good", Some("excellent")),
            row(3, 3, "85.0", "good", Some("excellent")),
            row(4, 5, "77.0", "fairly_good", None),
            row(5, 6, "58.0", "poor", None),
            row(6, 4, "54.0", "poor", None),
        ]
    );
    assert_eq!(card.stats.counted, 62);
    assert_eq!((card.stats.pending, card.stats.rejected), (1, 1));
    assert_eq!(card.stats.outside_period, 67);
    assert_eq!(card.stats.duplicates, [RecordId::new(1082)]);
    // 王芳 reaches the meeting cap (20) and the inspection cap (12), then the ceiling.
    let wang = card.entry(DeputyId::new(1)).unwrap();
    let cut: Decimal = wang
        .ledger
        .iter()
        .map(|l| l.points)
        .filter(|p| p.is_sign_negative())
        .sum();
    assert_eq!(cut, Decimal::from(-20));
    let s = Scorer::new(&p, Period::year(2025).unwrap()).unwrap();
    for e in &card.entries {
        assert_eq!(s.ledger_for(e.deputy, &acts().acts).unwrap().total, e.total);
    }
}

#[test]
fn two_years_of_consequences_name_the_deputies() {
    let p = policy();
    let file = acts();
    let cards = [card(&p, &file, 2024), card(&p, &file, 2025)];
    let hits = p.evaluate_years(&cards).unwrap();
    let who = |code: &str| -> Vec<u32> {
        hits.iter()
            .find(|h| h.code == code)
            .unwrap()
            .deputies
            .iter()
            .map(|d| d.get())
            .collect()
    };
    assert_eq!(who("talk"), [4, 6]);
    assert_eq!(
        who("persuade_to_resign"),
        [4],
        "赵强 was fairly good in 2024"
    );
    assert_eq!(who("admonition"), [4, 6]);
    assert!(who("commended").is_empty(), "needs three years");
}

#[test]
fn decimals_are_written_as_strings() {
    let v = serde_json::to_value(policy()).unwrap();
    assert_eq!(v["base"], "60");
    assert_eq!(v["rules"][12]["points"], "0.5");
    let card = card(&policy(), &acts(), 2025);
    let v = serde_json::to_value(&card).unwrap();
    assert_eq!(v["entries"][1]["total"], "88.5");
}

fn toml_error(edit: &str, replace: &str) -> String {
    assert!(POLICY_TOML.contains(edit), "fixture lacks {edit}");
    toml::from_str::<Policy>(&POLICY_TOML.replacen(edit, replace, 1))
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_policy_files_are_refused_with_the_field_named() {
    let cases = [
        (
            "cap = \"20\"",
            "cap = \"-20\"",
            "rules[0].cap: a cap must not be negative",
        ),
        (
            "ceiling = \"100\"",
            "ceiling = \"100\"\ncolour = \"red\"",
            "unknown field `colour`",
        ),
        (
            "end = \"2028-12-31\"",
            "end = \"2023-12-31\"",
            "in_force: end 2023-12-31 is before start 2024-01-01",
        ),
        (
            "below = \"80\"",
            "below = \"85\"",
            "bands[1]: overlaps the band before it",
        ),
        ("below = \"60\"", "below = \"50\"", "bands[2]: leaves a gap"),
        (
            "kind = \"local:1\"",
            "kind = \"local:2\"",
            "rules[12].kind: unknown kind `local:2`",
        ),
        (
            "kind = \"research\"",
            "kind = \"reserch\"",
            "`reserch` is not a kind of duty act",
        ),
        (
            "kind = \"research\"",
            "kind = \"inspection\"",
            "rules[4].kind: `inspection` appears more than once",
        ),
        (
            "when = { band = \"poor\" }",
            "when = { band = \"bad\" }",
            "consequences[0].when: no band or honour has code `bad`",
        ),
        ("top = 3", "top = 0", "honours[0].top: must be at least 1"),
    ];
    for (from, to, want) in cases {
        let err = toml_error(from, to);
        assert!(err.contains(want), "`{to}`: got {err}");
    }
    let mut v: serde_json::Value = serde_json::from_str(POLICY_JSON).unwrap();
    v["rules"][9]["cap"] = "-1".into();
    let err = serde_json::from_value::<Policy>(v).unwrap_err().to_string();
    assert!(err.contains("rules[9].cap"), "{err}");
}

#[test]
fn bad_act_files_are_refused() {
    let bad_claim = ACTS_JSON.replacen("\"verified\"", "\"approved\"", 1);
    assert!(
        serde_json::from_str::<ActsFile>(&bad_claim)
            .unwrap_err()
            .to_string()
            .contains("approved")
    );
    let bad_kind = ACTS_TOML.replacen("kind = \"attend_meeting\"", "kind = \"meeting\"", 1);
    assert!(
        toml::from_str::<ActsFile>(&bad_kind)
            .unwrap_err()
            .to_string()
            .contains("meeting")
    );
    let bad_date = ACTS_JSON.replacen("2024-01-10", "2024-02-30", 1);
    assert!(serde_json::from_str::<ActsFile>(&bad_date).is_err());
}

#[test]
fn a_tally_travels_between_machines() {
    let p = policy();
    let file = acts();
    let s = Scorer::new(&p, Period::year(2025).unwrap()).unwrap();
    let (left, right): (Vec<&Act>, Vec<&Act>) =
        file.acts.iter().partition(|a| a.deputy.get() % 2 == 0);
    let a = serde_json::to_string(&s.tally_acts(left).unwrap()).unwrap();
    let b = serde_json::to_string(&s.tally_acts(right).unwrap()).unwrap();
    let mut merged: deputy_work::points::Tally = serde_json::from_str(&a).unwrap();
    merged.merge(&serde_json::from_str(&b).unwrap()).unwrap();
    assert_eq!(merged, s.tally_acts(&file.acts).unwrap());
    // A tampered tally is refused on load.
    let broken = a.replacen("\"ids\":[[", "\"ids\":[[5000,5001],[", 1);
    let err = serde_json::from_str::<deputy_work::points::Tally>(&broken).unwrap_err();
    assert!(err.to_string().contains("id runs must be sorted"), "{err}");
}

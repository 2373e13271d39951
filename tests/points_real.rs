//! The six real points regulations (Tongcheng, Chunfu, Guangshui, Anqing,
//! Lanshan, and Yinchuan/Jiangbei/Dongbao), each written as a policy file
//! clause by clause in `tests/data/points/real/<name>/`, scored on a roster
//! and a year of acts, and compared with totals worked out by hand from the
//! clauses (`expected.toml`, with the working in comments).
#![cfg(feature = "serde")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use deputy_work::common::{DeputyId, Period};
use deputy_work::points::{Act, Policy, Roster, Scorecard, Scorer};
use rust_decimal::Decimal;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ActsFile {
    acts: Vec<Act>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    year: i32,
    totals: BTreeMap<String, Decimal>,
    #[serde(default)]
    bands: BTreeMap<String, String>,
    #[serde(default)]
    outcomes: BTreeMap<String, String>,
    #[serde(default)]
    conflicts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    missed: BTreeMap<String, Vec<String>>,
}

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/points/real")
        .join(name)
}

fn read<T: serde::de::DeserializeOwned>(name: &str, file: &str) -> T {
    let path = dir(name).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Case {
    policy: Policy,
    roster: Roster,
    acts: Vec<Act>,
    expected: Expected,
}

fn case(name: &str) -> Case {
    Case {
        policy: read(name, "policy.toml"),
        roster: read(name, "roster.toml"),
        acts: read::<ActsFile>(name, "acts.toml").acts,
        expected: read(name, "expected.toml"),
    }
}

fn score(c: &Case) -> Scorecard {
    let period = Period::year(c.expected.year).unwrap();
    Scorer::new(&c.policy, period)
        .unwrap()
        .with_roster(&c.roster)
        .unwrap()
        .score(&c.acts)
        .unwrap()
}

fn id(key: &str) -> DeputyId {
    DeputyId::new(key.parse().unwrap())
}

/// Compares everything `expected.toml` states, and that every roster
/// entry the policy scores has a total there.
fn check(name: &str) {
    let c = case(name);
    let card = score(&c);
    let mut wrong = Vec::new();
    for e in &card.entries {
        let key = e.deputy.get().to_string();
        match c.expected.totals.get(&key) {
            None => wrong.push(format!(
                "{key}: scored {} but not in expected.toml",
                e.total
            )),
            Some(want) if *want != e.total => {
                let lines: Vec<String> = e
                    .ledger
                    .iter()
                    .map(|l| format!("{} ×{} {}", c.policy.line_label(l).1, l.count, l.points))
                    .collect();
                wrong.push(format!(
                    "{key}: total {} expected {want}\n    {}",
                    e.total,
                    lines.join("\n    ")
                ));
            }
            Some(_) => {}
        }
    }
    for key in c.expected.totals.keys() {
        if card.entry(id(key)).is_none() {
            wrong.push(format!("{key}: expected a total, but has no entry"));
        }
    }
    for (key, band) in &c.expected.bands {
        let got = card
            .entry(id(key))
            .and_then(|e| e.band.as_deref().map(str::to_owned));
        if got.as_deref() != Some(band.as_str()) {
            wrong.push(format!("{key}: band {got:?} expected {band}"));
        }
    }
    for (key, outcome) in &c.expected.outcomes {
        let got = card
            .entry(id(key))
            .and_then(|e| e.outcome.map(|o| o.to_string()));
        if got.as_deref() != Some(outcome.as_str()) {
            wrong.push(format!("{key}: outcome {got:?} expected {outcome}"));
        }
    }
    for e in &card.entries {
        let key = e.deputy.get().to_string();
        let conflicts: Vec<String> = e.conflicts.iter().map(|c| c.state.to_string()).collect();
        let want = c.expected.conflicts.get(&key).cloned().unwrap_or_default();
        if conflicts != want {
            wrong.push(format!("{key}: conflicts {conflicts:?} expected {want:?}"));
        }
        let missed: Vec<String> = e.missed.iter().map(ToString::to_string).collect();
        let want = c.expected.missed.get(&key).cloned().unwrap_or_default();
        if missed != want {
            wrong.push(format!("{key}: missed {missed:?} expected {want:?}"));
        }
        // The ledger explains the total, and sums by kind.
        let sum: Decimal = e.ledger.iter().map(|l| l.points).sum();
        let base = c.policy.base();
        assert_eq!(base + sum, e.total, "{name} {key}: ledger does not add up");
        let by_kind = e.by_kind().unwrap();
        let kinds: Decimal = by_kind.iter().map(|k| k.points).sum();
        let rest: Decimal = e
            .ledger
            .iter()
            .filter(|l| l.kind.is_none())
            .map(|l| l.points)
            .sum();
        assert_eq!(kinds + rest, sum, "{name} {key}: by kind");
        for k in &by_kind {
            // The occurrences scored: the counts on the lines of what an act is worth.
            let worth: u64 = e
                .ledger
                .iter()
                .filter(|l| l.kind == Some(k.kind))
                .filter(|l| {
                    use deputy_work::points::LineItem as L;
                    matches!(
                        l.item,
                        L::Points | L::Role(_) | L::Qualified(_) | L::Tier(_) | L::Nth | L::Quota
                    )
                })
                .map(|l| u64::from(l.count))
                .sum();
            assert_eq!(k.count, worth, "{name} {key}: {:?}", k.kind);
        }
    }
    assert!(wrong.is_empty(), "{name}:\n  {}", wrong.join("\n  "));
}

#[test]
fn tongcheng() {
    check("tongcheng");
}

#[test]
fn chunfu() {
    check("chunfu");
}

#[test]
fn guangshui() {
    check("guangshui");
}

#[test]
fn anqing() {
    check("anqing");
}

#[test]
fn lanshan() {
    check("lanshan");
}

#[test]
fn yinchuan_jiangbei_dongbao() {
    check("yinchuan_jiangbei_dongbao");
}

/// C9's consequence: the 较差 group's party branch is not considered for
/// honours; the one-year consequence names exactly the 较差 groups.
#[test]
fn chunfu_poor_group_branch_is_named() {
    let c = case("chunfu");
    let card = score(&c);
    let hits = c
        .policy
        .evaluate_years(core::slice::from_ref(&card))
        .unwrap();
    let hit = hits
        .iter()
        .find(|h| h.code == "branch_not_for_honours")
        .unwrap();
    let poor: Vec<DeputyId> = c
        .expected
        .outcomes
        .iter()
        .filter(|(_, o)| o.as_str() == "poor")
        .map(|(k, _)| id(k))
        .collect();
    assert!(!poor.is_empty());
    assert_eq!(hit.deputies, poor);
}

/// L2: a deputy who misses any minimum is named at the group meeting and
/// called in for a talk: both consequences name exactly those with a
/// missed minimum in expected.toml.
#[test]
fn lanshan_missed_minimums_lead_to_both_consequences() {
    let c = case("lanshan");
    let card = score(&c);
    let hits = c
        .policy
        .evaluate_years(core::slice::from_ref(&card))
        .unwrap();
    let want: Vec<DeputyId> = c
        .expected
        .missed
        .iter()
        .filter(|(_, m)| !m.is_empty())
        .map(|(k, _)| id(k))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(hits.len(), 2);
    for h in &hits {
        let mut got = h.deputies.clone();
        got.sort_unstable();
        let mut want = want.clone();
        want.sort_unstable();
        assert_eq!(got, want, "{}", h.code);
    }
}

/// Every ledger line of every real scorecard, and every code an entry
/// carries, is in the scorecard's legend (a front end needs nothing else to
/// show it), and the legend's labels are the policy's.
#[test]
fn every_line_and_code_is_in_the_legend() {
    for name in [
        "tongcheng",
        "chunfu",
        "guangshui",
        "anqing",
        "lanshan",
        "yinchuan_jiangbei_dongbao",
    ] {
        let c = case(name);
        let card = score(&c);
        for e in &card.entries {
            for l in &e.ledger {
                let label = card
                    .legend
                    .line(l.kind, l.item)
                    .unwrap_or_else(|| panic!("{name}: {l:?} has no label"));
                assert_eq!(
                    (label.label_zh.clone(), label.label_en.clone()),
                    c.policy.line_label(l)
                );
                assert!(!label.label_zh.is_empty() && !label.label_en.is_empty());
            }
            let codes = e
                .band
                .iter()
                .map(ToString::to_string)
                .chain(e.outcome.map(|o| o.to_string()))
                .chain(e.missed.iter().map(ToString::to_string))
                .chain(e.conflicts.iter().map(|k| k.state.to_string()))
                .chain(e.categories.iter().map(|k| k.code.to_string()));
            for code in codes {
                assert!(
                    card.legend.code(&code).is_some(),
                    "{name}: {code} has no label"
                );
            }
        }
    }
}

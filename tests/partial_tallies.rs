//! Partial tallies from several processes merge into the one-process
//! result, byte for byte in their stored form.
//!
//! The test re-invokes its own test binary once per shard: with
//! `DEPUTY_WORK_ENGINE` (`points`, `vote` or `report`) and
//! `DEPUTY_WORK_SHARD=i/n` set, the helper test `shard_helper` computes
//! shard `i` of `n` of a sample year and prints the partial tally's JSON on
//! stdout between markers; without them it returns at once. The parent
//! reads the three outputs, deserializes them (validated on the way in),
//! merges them and compares the result with the tally made in one process.
//! A tampered partial, or one sent twice, is refused at the merge step and
//! leaves the merged result as it was.

#![cfg(feature = "serde")]

#[allow(dead_code)]
#[path = "../examples/seed_data/mod.rs"]
mod seed_data;

use chrono::{Days, NaiveDate};
use deputy_work::common::{DeputyId, Period, ProjectId, RecordId};
use deputy_work::points::{Act, Claim, PointsError, Qualifier, Scorer, StandardKind};
use deputy_work::report::{ReportInput, Tally as ReportTally};
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy as VotePolicy, Session,
    Tally as VoteTally, VoteError,
};
use serde_json::Value;
use std::process::Command;

const ENGINE_VAR: &str = "DEPUTY_WORK_ENGINE";
const SHARD_VAR: &str = "DEPUTY_WORK_SHARD";
const BEGIN: &str = "<<<partial tally>>>";
const END: &str = "<<<end>>>";
const SHARDS: u32 = 3;

// ------------------------------------------------------------ sample year

/// A points year: 120 deputies, 40 acts each, of several kinds, claims and
/// qualifiers, some outside the year, some of a kind no rule scores, and
/// every 17th act recorded twice (the copy is the same deputy's, so it
/// lands in the same shard).
fn points_acts() -> Vec<Act> {
    let kinds = [
        StandardKind::AttendMeeting,
        StandardKind::SubmitSuggestion,
        StandardKind::Research,
        StandardKind::ContactPublic,
        StandardKind::Leave,
        StandardKind::Training,
    ];
    let claims = [
        Claim::Verified,
        Claim::Verified,
        Claim::Pending,
        Claim::Rejected,
    ];
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut acts = Vec::new();
    for d in 1..=120_u32 {
        for k in 0..40_u64 {
            let id = u64::from(d) * 1_000 + k;
            let day = start + Days::new((id * 7) % 380); // a few in 2026
            let kind = kinds[((id / 3) % 6) as usize];
            let mut act = Act::new(RecordId::new(id), DeputyId::new(d), day, kind.into())
                .with_claim(claims[(id % 4) as usize])
                .with_quantity(u32::try_from(id % 3).unwrap() + 1);
            if id % 5 == 0 {
                act = act.with_qualifier(Qualifier::new("key_suggestion").unwrap());
            }
            if id % 17 == 0 {
                acts.push(act.clone());
            }
            acts.push(act);
        }
    }
    acts
}

/// A named vote in three ballot boxes: 60 deputies, 57 present, three
/// candidates; deputy `d` votes in box `d % 3 + 1`, and every 11th ballot
/// marks a project twice (invalid).
fn vote_session() -> Session {
    Session::new(
        VotePolicy::election_style(2).unwrap(),
        deputy_work::vote::samples::candidates(3).unwrap(),
        Electorate::new((1..=60).map(DeputyId::new), (1..=57).map(DeputyId::new)).unwrap(),
        BallotsIssued(57),
    )
    .unwrap()
}

fn vote_box(session: &Session, i: u32, n: u32) -> VoteTally {
    let mut t = VoteTally::new(session, BoxNumber(i + 1));
    for d in (1..=57_u32).filter(|d| d % n == i) {
        let marks = if d % 11 == 0 {
            vec![
                (ProjectId::new(1), Mark::For),
                (ProjectId::new(1), Mark::Against),
            ]
        } else {
            (1..=3)
                .map(|p| {
                    let m = [Mark::For, Mark::Against, Mark::Abstain][((d + p) % 3) as usize];
                    (ProjectId::new(p), m)
                })
                .collect()
        };
        t.cast(
            session,
            &Ballot::new(DeputyId::new(d), Choice::Marks(marks)),
        )
        .unwrap();
    }
    t
}

/// Shard `i` of `n` of the seed report's input: every `n`th record of each
/// list, starting at `i`; the register (counted whole) in shard 0 only.
fn report_shard(input: &ReportInput, i: usize, n: usize) -> ReportInput {
    let mut v = serde_json::to_value(input).unwrap();
    let keep = |list: &mut Value| {
        if let Value::Array(items) = list {
            let all = std::mem::take(items);
            items.extend(
                all.into_iter()
                    .enumerate()
                    .filter(|(k, _)| k % n == i)
                    .map(|(_, x)| x),
            );
        }
    };
    for list in v["records"].as_object_mut().unwrap().values_mut() {
        keep(list);
    }
    for field in ["suggestions", "look_back", "evaluations"] {
        keep(&mut v[field]);
    }
    if i != 0 {
        v["register"] = Value::Null;
    }
    serde_json::from_value(v).unwrap()
}

// ---------------------------------------------------------------- children

/// Shard `i` of `n` of `engine`'s sample year, as its stored JSON.
fn partial(engine: &str, i: u32, n: u32) -> String {
    match engine {
        "points" => {
            let policy = deputy_work::points::samples::yinchuan_jiangbei().unwrap();
            let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
            let acts = points_acts();
            let mine = acts.iter().filter(|a| a.deputy.get() % n == i);
            serde_json::to_string(&scorer.tally_acts(mine).unwrap()).unwrap()
        }
        "vote" => serde_json::to_string(&vote_box(&vote_session(), i, n)).unwrap(),
        "report" => {
            let input = report_shard(&seed_data::ordos_2025(), i as usize, n as usize);
            let t = ReportTally::count(&input, Period::year(2025).unwrap()).unwrap();
            serde_json::to_string(&t).unwrap()
        }
        other => panic!("no engine {other}"),
    }
}

/// The child's side: with the variables set, prints its shard's tally;
/// otherwise (a plain `cargo test`) returns at once.
#[test]
fn shard_helper() {
    let (Ok(engine), Ok(shard)) = (std::env::var(ENGINE_VAR), std::env::var(SHARD_VAR)) else {
        return;
    };
    let (i, n) = shard.split_once('/').unwrap();
    let json = partial(&engine, i.parse().unwrap(), n.parse().unwrap());
    println!("{BEGIN}{json}{END}");
}

/// Runs this test binary as shard `i` of `n` of `engine` and returns the
/// JSON it printed.
fn run_shard(engine: &str, i: u32, n: u32) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["shard_helper", "--exact", "--nocapture", "--test-threads=1"])
        .env(ENGINE_VAR, engine)
        .env(SHARD_VAR, format!("{i}/{n}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "shard {i}/{n} of {engine} failed: {out:?}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let from = stdout.find(BEGIN).expect("the child printed a tally") + BEGIN.len();
    let to = from + stdout[from..].find(END).unwrap();
    stdout[from..to].to_owned()
}

fn shards(engine: &str) -> Vec<String> {
    (0..SHARDS).map(|i| run_shard(engine, i, SHARDS)).collect()
}

// ------------------------------------------------------------------ parent

#[test]
fn points_partials_from_three_processes_merge_into_the_whole() {
    let policy = deputy_work::points::samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
    let whole = scorer.tally_acts(points_acts()).unwrap();
    let parts = shards("points");
    let mut merged: deputy_work::points::Tally = serde_json::from_str(&parts[0]).unwrap();
    for p in &parts[1..] {
        merged.merge(&serde_json::from_str(p).unwrap()).unwrap();
    }
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    assert_eq!(
        scorer.scorecard(&merged).unwrap(),
        scorer.scorecard(&whole).unwrap()
    );
    // The sample exercises repeats and every way an act is not counted.
    let s = whole.stats();
    assert!(s.counted > 0 && s.pending > 0 && s.rejected > 0 && s.outside_period > 0);
    assert!(!s.duplicates.is_empty());

    // A partial sent twice: its ids overlap, refused, nothing changed.
    let before = serde_json::to_string(&merged).unwrap();
    let again: deputy_work::points::Tally = serde_json::from_str(&parts[1]).unwrap();
    assert!(matches!(
        merged.merge(&again),
        Err(PointsError::OverlappingTallies { .. })
    ));
    // A partial edited on the way (one more act counted than its ids
    // hold): refused on the way in, before any merging.
    let mut edited: Value = serde_json::from_str(&parts[2]).unwrap();
    let counted = edited["stats"]["counted"].as_u64().unwrap();
    edited["stats"]["counted"] = Value::from(counted + 1);
    let err = serde_json::from_value::<deputy_work::points::Tally>(edited).unwrap_err();
    assert!(err.to_string().contains("id runs"), "{err}");
    assert_eq!(serde_json::to_string(&merged).unwrap(), before);
}

#[test]
fn vote_boxes_from_three_processes_merge_into_the_whole() {
    let session = vote_session();
    let mut whole = vote_box(&session, 0, SHARDS);
    for i in 1..SHARDS {
        whole
            .merge(&session, &vote_box(&session, i, SHARDS))
            .unwrap();
    }
    let parts = shards("vote");
    let mut merged: VoteTally = serde_json::from_str(&parts[0]).unwrap();
    for p in &parts[1..] {
        merged
            .merge(&session, &serde_json::from_str(p).unwrap())
            .unwrap();
    }
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    assert_eq!(merged.ballot_boxes(), [1, 2, 3]);
    assert_eq!((merged.returned(), merged.valid()), (57, 52));
    assert_eq!(
        session.decide(&merged).unwrap(),
        session.decide(&whole).unwrap()
    );

    // Box 2 counted again: refused, nothing changed.
    let before = serde_json::to_string(&merged).unwrap();
    let again: VoteTally = serde_json::from_str(&parts[1]).unwrap();
    assert!(matches!(
        merged.merge(&session, &again),
        Err(VoteError::SameBoxTwice { ballot_box: 2 })
    ));
    // A box whose valid ballots were edited up: refused on the way in.
    let mut edited: Value = serde_json::from_str(&parts[2]).unwrap();
    let valid = edited["valid"].as_u64().unwrap();
    edited["valid"] = Value::from(valid + 1);
    let err = serde_json::from_value::<VoteTally>(edited).unwrap_err();
    assert!(err.to_string().contains("valid + invalid"), "{err}");
    assert_eq!(serde_json::to_string(&merged).unwrap(), before);
}

#[test]
fn report_partials_from_three_processes_merge_into_the_whole() {
    let year = Period::year(2025).unwrap();
    let whole = ReportTally::count(&seed_data::ordos_2025(), year).unwrap();
    let parts = shards("report");
    let mut merged: ReportTally = serde_json::from_str(&parts[0]).unwrap();
    for p in &parts[1..] {
        merged.merge(serde_json::from_str(p).unwrap()).unwrap();
    }
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    assert!(merged.records.petitions > 0 && merged.suggestions.received > 0);

    // A partial edited on the way (more petitions closed than taken on):
    // refused on the way in, nothing merged.
    let before = serde_json::to_string(&merged).unwrap();
    let mut edited: Value = serde_json::from_str(&parts[1]).unwrap();
    let taken = edited["records"]["petitions"].as_u64().unwrap();
    edited["records"]["petitions_closed"] = Value::from(taken + 1);
    let err = serde_json::from_value::<ReportTally>(edited).unwrap_err();
    assert!(err.to_string().contains("petitions_closed"), "{err}");
    assert_eq!(serde_json::to_string(&merged).unwrap(), before);
}

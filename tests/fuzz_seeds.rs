//! The fuzz targets' seed corpora (`fuzz/seeds/<target>/`), made from the
//! crate's own samples and test data, and kept in step with the formats.
//!
//! The test fails when a committed seed differs from what the samples give
//! today (a format changed: the seeds would no longer reach the engines).
//! To write them afresh: `DEPUTY_WORK_WRITE_FUZZ_SEEDS=1 cargo test --test
//! fuzz_seeds`. The `pabulib` target's seeds are `tests/data/pabulib/`
//! itself. The `fuzz/` folder is not in the published package: there the
//! test says it skipped (and fails under CI, where it must be present).
#![cfg(feature = "serde")]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Period, UnitId};
use deputy_work::records::GridAssignment;
use deputy_work::report::{ReportInput, Tally as ReportTally};
use deputy_work::suggestion::samples::{SampleYear, unit_names};
use deputy_work::vote::{BoxNumber, Mark, Tally as VoteTally, samples as vote_samples};
use deputy_work::{points, suggestion};

/// One seed: its target, file name and bytes.
type Seed = (&'static str, String, Vec<u8>);

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

fn data(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn points_seeds(out: &mut Vec<Seed>) {
    let acts: serde_json::Value = serde_json::from_str(&data("points/acts.json")).unwrap();
    let acts = serde_json::to_vec(&acts["acts"]).unwrap();
    for (name, policy) in [
        ("yinchuan_toml", data("points/yinchuan_jiangbei.toml")),
        ("yinchuan_json", data("points/yinchuan_jiangbei.json")),
    ] {
        let mut bytes = policy.into_bytes();
        bytes.push(0);
        bytes.extend_from_slice(&acts);
        out.push(("points", name.to_owned(), bytes));
    }
}

fn suggestion_seeds(out: &mut Vec<Seed>) {
    let stored: serde_json::Value =
        serde_json::from_str(&data("suggestion/trail_v1.json")).unwrap();
    out.push((
        "suggestion_trail",
        "trail_v1".to_owned(),
        serde_json::to_vec_pretty(&stored["trail"]).unwrap(),
    ));
    let year = SampleYear::new(2025, [2, 2, 1], 2)
        .unwrap()
        .with_look_back(1, 1)
        .unwrap();
    let register = year.register().unwrap();
    for s in register.iter() {
        out.push((
            "suggestion_trail",
            format!("sample_{}", s.id().get()),
            json(&s.trail()),
        ));
    }
    for (id, commands) in year.commands().unwrap() {
        out.push((
            "suggestion_commands",
            format!("sample_{}", id.get()),
            json(&commands),
        ));
    }
    out.push((
        "stored",
        "suggestion_register".to_owned(),
        stored_seed(4, &register),
    ));
    out.push((
        "stored",
        "suggestion_policy".to_owned(),
        stored_seed(3, &suggestion::Policy::seed()),
    ));
}

fn vote_seeds(out: &mut Vec<Seed>) {
    let session = vote_samples::session().unwrap();
    let ballots: Vec<(u32, _)> = [
        (1, vote_samples::ballot(1, 1, Mark::For)),
        (2, vote_samples::ballot(2, 2, Mark::Against)),
        (2, vote_samples::ballot(3, 1, Mark::Abstain)),
    ]
    .into_iter()
    .collect();
    let tally = vote_samples::tally(&session).unwrap();
    let input = serde_json::json!({
        "session": session,
        "ballots": ballots,
        "stored": tally,
    });
    out.push(("vote", "sample_session".to_owned(), json(&input)));
    out.push((
        "stored",
        "vote_session".to_owned(),
        stored_seed(6, &session),
    ));
    out.push(("stored", "vote_tally".to_owned(), stored_seed(7, &tally)));
    out.push((
        "stored",
        "vote_policy".to_owned(),
        stored_seed(5, &vote_samples::policy().unwrap()),
    ));
    let empty = VoteTally::new(&session, BoxNumber(2));
    out.push((
        "stored",
        "vote_tally_empty".to_owned(),
        stored_seed(7, &empty),
    ));
}

fn report_seeds(out: &mut Vec<Seed>) {
    let mut input = ReportInput {
        unit_names: unit_names(),
        register: Some(
            SampleYear::new(2025, [2, 1, 1], 1)
                .unwrap()
                .register()
                .unwrap(),
        ),
        ..ReportInput::default()
    };
    input.records.grids.push(GridAssignment {
        deputy: DeputyId::new(1),
        grid: UnitId::new(7),
    });
    out.push(("report", "small_year".to_owned(), json(&input)));
    let tally = ReportTally::count(&input, Period::year(2025).unwrap()).unwrap();
    out.push(("stored", "report_tally".to_owned(), stored_seed(8, &tally)));
    out.push(("stored", "report_input".to_owned(), stored_seed(11, &input)));
    out.push((
        "stored",
        "records".to_owned(),
        stored_seed(9, &input.records),
    ));
}

fn stored_points(out: &mut Vec<Seed>) {
    let policy = points::samples::yinchuan_jiangbei().unwrap();
    out.push((
        "stored",
        "points_policy".to_owned(),
        stored_seed(0, &policy),
    ));
    let scorer = points::Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    let acts: Vec<points::Act> = (1..=4)
        .map(|i| {
            points::Act::new(
                deputy_work::common::RecordId::new(i),
                DeputyId::new(u32::try_from(i % 2 + 1).unwrap()),
                day,
                points::StandardKind::Research.into(),
            )
        })
        .collect();
    let tally = scorer.tally_acts(&acts).unwrap();
    out.push(("stored", "points_tally".to_owned(), stored_seed(1, &tally)));
    let rate = deputy_work::stats::Rate::new(3, 40).unwrap();
    out.push(("stored", "rate".to_owned(), stored_seed(10, &rate)));
}

/// The `stored` target's input: the type's selector byte, then its JSON.
fn stored_seed<T: serde::Serialize>(selector: u8, value: &T) -> Vec<u8> {
    let mut bytes = vec![selector];
    bytes.extend(serde_json::to_vec(value).unwrap());
    bytes
}

fn seeds() -> Vec<Seed> {
    let mut out = Vec::new();
    points_seeds(&mut out);
    suggestion_seeds(&mut out);
    vote_seeds(&mut out);
    report_seeds(&mut out);
    stored_points(&mut out);
    out
}

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}

#[test]
fn the_committed_seeds_are_what_the_samples_give() {
    let dir = seed_dir();
    let seeds = seeds();
    if std::env::var_os("DEPUTY_WORK_WRITE_FUZZ_SEEDS").is_some() {
        for (target, name, bytes) in &seeds {
            let d = dir.join(target);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(name), bytes).unwrap();
        }
        return;
    }
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            dir.display()
        );
        eprintln!(
            "skipped: {} is not here (a published package)",
            dir.display()
        );
        return;
    }
    for (target, name, bytes) in &seeds {
        let p = dir.join(target).join(name);
        let committed = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(
            committed == *bytes,
            "{} differs from the samples: rewrite the seeds (see this file's docs)",
            p.display()
        );
    }
    // And nothing stale beside them.
    let mut on_disk = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        on_disk += std::fs::read_dir(target.unwrap().path()).unwrap().count();
    }
    assert_eq!(on_disk, seeds.len(), "seeds on disk that no sample makes");
}

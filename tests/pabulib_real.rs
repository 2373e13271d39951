//! Decides every real Pabulib election in `../shared/data/pabulib/` by the
//! rule its META names and checks the official selection.

mod shared;

use deputy_work::vote::pabulib::{PbElection, PbReader, PbRule};

#[test]
fn every_real_election_matches_its_official_result() {
    let Some(dir) = shared::data_dir("pabulib") else {
        return;
    };
    let files = shared::pb_files(&dir);
    assert!(
        files.len() >= 268,
        "expected the 268+ files, found {}",
        files.len()
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let e = match PbElection::parse(&text) {
            Ok(e) => e,
            Err(err) => {
                failures.push(format!("{name}: {err}"));
                continue;
            }
        };
        // Read in pieces (of a size that varies from file to file, down to
        // one byte), it is the same election.
        let piece = 1 + (n * 7919) % 70_000;
        let mut reader = PbReader::new();
        for part in text.as_bytes().chunks(piece) {
            reader.feed(part).unwrap();
        }
        assert_eq!(
            reader.finish().unwrap(),
            (e.clone(), Vec::new()),
            "{name}: in pieces of {piece}"
        );
        // parse ∘ write is the identity on the model.
        assert_eq!(
            PbElection::parse(&e.to_pb_string()).as_ref(),
            Ok(&e),
            "{name}: round trip"
        );
        let outcome = e.decide_by_meta().unwrap();
        assert!(outcome.total_cost <= e.budget(), "{name}: over budget");
        match e.compare_with_official(&outcome) {
            Some(diff) if !diff.is_match() => failures.push(format!("{name}: {diff:?}")),
            Some(_) => checked += 1,
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        checked,
        files.len() - 1,
        "every file but Świecie has a selected column"
    );
}

#[test]
fn swiecie_equal_shares_add1_matches_the_readme() {
    let Some(dir) = shared::data_dir("pabulib") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("poland_swiecie_2023_.pb")).unwrap();
    let e = PbElection::parse(&text).unwrap();
    assert_eq!(e.rule(), Some(PbRule::EqualSharesAdd1));
    assert_eq!(e.votes().len(), 2553);
    let out = e.decide_by_meta().unwrap();
    let mut ids = out.selected_ids(&e);
    ids.sort_by_key(|id| id[1..].parse::<u32>().unwrap());
    assert_eq!(
        ids,
        [
            "c1", "c2", "c3", "c4", "c5", "c7", "c9", "c10", "c11", "c12", "c13", "c14", "c17",
            "c18", "c19", "c20", "c21"
        ]
    );
    assert_eq!(out.total_cost, 1_040_337.into());
}

/// The explanation rows and the selection carry each project's name beside
/// its id (the file's `name` column).
#[test]
fn swiecie_rounds_and_selection_carry_project_names() {
    let Some(dir) = shared::data_dir("pabulib") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("poland_swiecie_2023_.pb")).unwrap();
    let e = PbElection::parse(&text).unwrap();
    let x = e.explain_equal_shares().unwrap();
    assert_eq!(x.rounds.len(), 17);
    for r in &x.rounds {
        assert_eq!(r.name.as_deref(), e.project_name(r.project), "{}", r.id);
        assert!(r.name.is_some(), "{} has a name in the file", r.id);
    }
    let named = e.decide_by_meta().unwrap().selected_names(&e);
    assert_eq!(named.len(), 17);
    assert!(named.contains(&("c2", Some("Dron z kamerą termowizyjną dla Gminy Świecie"))));
}

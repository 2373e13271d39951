//! Decides a Pabulib participatory-budgeting election.
//!
//! ```text
//! cargo run --release --example pabulib -- FILE.pb [--rule greedy|greedy-no-skip|mes-add1]
//! ```
//!
//! The rule defaults to the file's META `rule`. Prints the selected project
//! ids one per line (sorted), then the total cost, then — when the file has
//! a `selected` column — `official: match` or `official: differ` with the
//! differences. With no arguments it decides the Świecie 2023 election from
//! `../shared/data/pabulib/` (Method of Equal Shares with add1) if present,
//! else the crate's own fixture.

use deputy_work::vote::pabulib::{PbElection, PbRule};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut file: Option<PathBuf> = None;
    let mut rule: Option<PbRule> = None;
    while let Some(a) = args.next() {
        if a == "--rule" {
            let r = args.next().ok_or("--rule needs a value")?;
            rule = Some(match r.as_str() {
                "greedy" => PbRule::Greedy,
                "greedy-no-skip" => PbRule::GreedyNoSkip,
                "mes-add1" | "equalshares/add1" => PbRule::EqualSharesAdd1,
                other => {
                    return Err(format!(
                        "unknown rule {other:?}; use greedy, greedy-no-skip or mes-add1"
                    ));
                }
            });
        } else if file.is_none() {
            file = Some(PathBuf::from(a));
        } else {
            return Err(format!("unexpected argument {a:?}"));
        }
    }
    let file = file.unwrap_or_else(|| {
        let real = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/pabulib/poland_swiecie_2023_.pb"
        ));
        let path = if real.is_file() {
            real
        } else {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/pabulib/mes_fixture.pb"
            ))
        };
        eprintln!("(no file given: deciding {})", path.display());
        path
    });
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let election = PbElection::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let outcome = match rule {
        Some(r) => election.decide(r),
        None => election.decide_by_meta(),
    }
    .map_err(|e| format!("{}: {e}", file.display()))?;
    for id in outcome.selected_ids(&election) {
        println!("{id}");
    }
    println!("total cost: {}", outcome.total_cost);
    if let Some(diff) = election.compare_with_official(&outcome) {
        if diff.is_match() {
            println!("official: match");
        } else {
            let list = |ids: &[String]| {
                if ids.is_empty() {
                    "none".to_owned()
                } else {
                    ids.join(" ")
                }
            };
            println!(
                "official: differ (only by the rule: {}; only official: {})",
                list(&diff.only_computed),
                list(&diff.only_official)
            );
        }
    }
    Ok(())
}

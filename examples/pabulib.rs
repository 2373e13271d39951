//! Decides a Pabulib participatory-budgeting election.
//!
//! ```text
//! cargo run --release --example pabulib -- FILE.pb [--rule NAME] [--lenient] [--check]
//! ```
//!
//! The rule defaults to the file's META `rule`; `--rule` names any of
//! Pabulib's (`greedy`, `greedy-no-skip`, `greedy-threshold`,
//! `greedy-custom`, `greedy-exclusive`, `equalshares/add1`,
//! `equalshares/add1-comparison`; `mes-add1` for short), as for a file whose
//! rule is `unknown`. `--lenient` reads a file with repairable defects (a
//! project named twice in one vote) and lists each repair with its line.
//! `--check` prints the findings of the Pabulib checker's checks, one per
//! line with its line number, and exits non-zero when there is an error.
//! `--explain` prints, for a greedy rule, why each project was funded or
//! not, in the order the rule took them, with the budget left; for Equal
//! Shares, each round's project, price and payments: a table whose columns
//! line up with Chinese project names too. Prints the selected project
//! ids one per line (sorted, each with its name when the file has a `name`
//! column), then the total cost, then — when the file has a `selected`
//! column — `official: match` or `official: differ` with the differences.
//! An error is printed in English, then in Chinese. With no arguments it
//! decides the Świecie 2023 election from `../shared/data/pabulib/`
//! (Method of Equal Shares with add1) if present, else the crate's own
//! fixture.

#[path = "support/table.rs"]
mod table;

use deputy_work::common::Labelled;
use deputy_work::vote::pabulib::{PbElection, PbError, PbReader, PbRule, Severity};

/// An error of the engine for the user: where, what (English), then the
/// same in Chinese.
fn pb_error(name: &impl std::fmt::Display, e: &PbError, hint: &str) -> String {
    format!("{name}: {e}{hint}\n{}：{}", e.label_zh(), e.message_zh())
}

/// Prints rows under a header, each column as wide as its widest cell in
/// terminal columns (Chinese characters take two); `numeric` columns are
/// aligned to the right.
fn print_table(header: &[&str], numeric: &[bool], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| table::width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(table::width(cell));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let parts: Vec<String> = cells
            .zip(&widths)
            .zip(numeric)
            .map(|((c, &w), &num)| {
                if num {
                    table::right(c, w)
                } else {
                    table::left(c, w)
                }
            })
            .collect();
        println!("{}", parts.join("  ").trim_end());
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
}
use std::fs::File;
use std::io::Read;
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
    let (mut lenient, mut check, mut explain) = (false, false, false);
    while let Some(a) = args.next() {
        if a == "--rule" {
            let r = args.next().ok_or("--rule needs a value")?;
            let name = if r == "mes-add1" {
                "equalshares/add1"
            } else {
                r.as_str()
            };
            rule = Some(name.parse::<PbRule>().map_err(|_| {
                format!("unknown rule {r:?}; use one of Pabulib's rule names or mes-add1")
            })?);
        } else if a == "--lenient" {
            lenient = true;
        } else if a == "--check" {
            check = true;
        } else if a == "--explain" {
            explain = true;
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
    let name = file.display();
    if check {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let findings = PbElection::check_text(&text).map_err(|e| pb_error(&name, &e, ""))?;
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        for f in &findings {
            println!("{f} [{}]", f.label_zh());
        }
        println!(
            "{}: {errors} errors, {} warnings",
            name,
            findings.len() - errors
        );
        return if errors == 0 {
            Ok(())
        } else {
            Err(format!("{name}: invalid"))
        };
    }
    // Read the file in pieces: only the election is held, not its text.
    let mut reader = if lenient {
        PbReader::lenient()
    } else {
        PbReader::new()
    };
    let hint = if lenient { "" } else { " (try --lenient)" };
    let mut f = File::open(&file).map_err(|e| format!("{name}: {e}"))?;
    let mut piece = vec![0_u8; 1 << 16];
    loop {
        let n = f.read(&mut piece).map_err(|e| format!("{name}: {e}"))?;
        if n == 0 {
            break;
        }
        reader
            .feed(&piece[..n])
            .map_err(|e| pb_error(&name, &e, hint))?;
    }
    let (election, repairs) = reader.finish().map_err(|e| pb_error(&name, &e, hint))?;
    for r in &repairs {
        eprintln!("repaired: {r} [{}]", r.kind.label_zh());
    }
    let outcome = match rule {
        Some(r) => election.decide(r),
        None => election.decide_by_meta(),
    }
    .map_err(|e| pb_error(&name, &e, ""))?;
    if explain {
        let equal_shares = matches!(
            outcome.rule,
            PbRule::EqualSharesAdd1 | PbRule::EqualSharesAdd1Comparison
        );
        if equal_shares {
            let x = election
                .explain_equal_shares()
                .map_err(|e| pb_error(&name, &e, ""))?;
            println!("per-voter budget: {}", x.per_voter);
            let rows: Vec<Vec<String>> = x
                .rounds
                .iter()
                .map(|r| {
                    let payers: usize = r.payments.iter().map(|p| p.voters.len()).sum();
                    let most = r.payments.iter().map(|p| p.paid).max().unwrap_or_default();
                    vec![
                        r.id.clone(),
                        r.name.clone().unwrap_or_default(),
                        r.price.to_string(),
                        payers.to_string(),
                        most.to_string(),
                    ]
                })
                .collect();
            print_table(
                &["project", "name", "price", "voters", "most paid"],
                &[false, false, true, true, true],
                &rows,
            );
        } else {
            let steps = election
                .explain_greedy(outcome.rule)
                .map_err(|e| pb_error(&name, &e, ""))?;
            let rows: Vec<Vec<String>> = steps
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.name.clone().unwrap_or_default(),
                        s.score.to_string(),
                        s.cost.to_string(),
                        s.left.to_string(),
                        format!("{} ({})", s.decision.label_zh(), s.decision.label_en()),
                    ]
                })
                .collect();
            print_table(
                &["project", "name", "score", "cost", "left", "decision"],
                &[false, false, true, true, true, false],
                &rows,
            );
        }
    }
    for (id, project_name) in outcome.selected_names(&election) {
        match project_name {
            Some(n) => println!("{id}  {n}"),
            None => println!("{id}"),
        }
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

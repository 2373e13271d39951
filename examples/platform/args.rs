//! The example's command line: `[--db FILE]`, `--help`. Shared by
//! `examples/platform.rs` and `tests/platform.rs` through `#[path]`.

use std::path::PathBuf;

/// The help text.
pub(crate) const USAGE: &str = "\
usage: platform [--db FILE]

  --db FILE   keep the database in FILE (created, or replaced if it exists);
              without it the database is in memory
  --help      print this help
";

/// What to run with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Args {
    /// Where to keep the database; in memory when `None`.
    pub(crate) db: Option<PathBuf>,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// Run the platform.
    Run(Args),
    /// Print the help.
    Help,
}

/// Reads the arguments (without the program's name); a bad one is an
/// error to print before the usage, with exit code 2.
pub(crate) fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut out = Args { db: None };
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--help" | "-h" => return Ok(Parsed::Help),
            "--db" => match args.next() {
                Some(file) if !file.is_empty() && out.db.is_none() => {
                    out.db = Some(PathBuf::from(file));
                }
                Some(_) if out.db.is_some() => return Err("--db given twice".to_owned()),
                _ => return Err("--db needs a FILE".to_owned()),
            },
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Parsed::Run(out))
}

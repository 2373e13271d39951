//! How many cases a property test runs: `PROPTEST_CASES` when it is set (a
//! deeper run, e.g. `PROPTEST_CASES=5000 cargo test --release`), else the
//! block's own default, chosen to keep `cargo test` quick.

use proptest::test_runner::Config;

/// `Config::with_cases(default_cases)`, unless `PROPTEST_CASES` asks for
/// another number of cases.
pub(crate) fn config(default_cases: u32) -> Config {
    let asked = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    Config::with_cases(asked.unwrap_or(default_cases))
}

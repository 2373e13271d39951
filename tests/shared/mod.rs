//! The workplace's shared data (`../shared/data/`), for the tests that read
//! real elections: present, or the test says it skipped; under CI (`CI`
//! set), missing data fails the test.

use std::path::PathBuf;

/// The folder `../shared/data/<name>`, or `None` (after saying so) when it
/// is missing outside CI.
pub(crate) fn data_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data")).join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but the shared data folder {} is missing",
        dir.display()
    );
    eprintln!(
        "SKIPPED: {} is missing (set CI to make this fail)",
        dir.display()
    );
    None
}

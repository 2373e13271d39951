//! The workplace's shared data (`../shared/data/`), for the tests that read
//! real elections: present, or the test says it skipped; under CI (`CI`
//! set), missing data fails the test.

use std::path::{Path, PathBuf};

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

/// The `.pb` files of `dir`, sorted by path.
pub(crate) fn pb_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pb"))
        .collect();
    files.sort();
    files
}

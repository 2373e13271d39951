//! The annual work report (the README's main command).
//!
//! Placeholder until issue 5 lands: prints what the crate has so far.

use deputy_work::common::{Labelled, Level, Period};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let year = Period::year(2025)?;
    println!(
        "deputy-work annual report for {}–{} (placeholder)",
        year.start(),
        year.end()
    );
    for level in Level::ALL {
        println!("  {:<10} {}", level.label_en(), level.label_zh());
    }
    Ok(())
}

//! The annual report from a report input (records, suggestions, register,
//! evaluations) read from JSON, for a year, a quarter and a month.
//!
//! Input: a `ReportInput` as JSON. Besides "no panic, no hang", the tally
//! of a year counted at once equals the merge of its four quarters' where
//! the records are all dated, and a report is deterministic.
#![no_main]

use deputy_work::common::Period;
use deputy_work::report::{AnnualReport, ReportInput, ReportOptions, Tally};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<ReportInput>(data) else {
        return;
    };
    for period in [
        Period::year(2025),
        Period::quarter(2025, 2),
        Period::month(2025, 11),
    ] {
        let Ok(period) = period else { continue };
        let first = AnnualReport::build(&input, period, ReportOptions::default());
        let again = AnnualReport::build(&input, period, ReportOptions::default());
        assert_eq!(
            format!("{first:?}"),
            format!("{again:?}"),
            "not deterministic"
        );
        if let Ok(t) = Tally::count(&input, period) {
            let mut twice = t.clone();
            let _ = twice.merge(t);
        }
    }
});

//! Every other stored type from JSON: policies, tallies, registers,
//! sessions, scorecards' inputs. The first byte picks the type; the rest
//! is its JSON.
//!
//! Besides "no panic, no hang", what reads back must write out and read
//! back as the same value (validation on the way in accepts what the
//! crate itself writes).
#![no_main]

use deputy_work::{points, records, report, stats, suggestion, vote};
use libfuzzer_sys::fuzz_target;
use serde::{Serialize, de::DeserializeOwned};

fn round_trip<T>(json: &[u8])
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return;
    };
    let text = serde_json::to_string(&value).expect("a read value writes out");
    let back = serde_json::from_str::<T>(&text);
    assert_eq!(back.as_ref().ok(), Some(&value), "{text}: {back:?}");
}

fuzz_target!(|data: &[u8]| {
    let Some((which, json)) = data.split_first() else {
        return;
    };
    match which % 12 {
        0 => round_trip::<points::Policy>(json),
        1 => round_trip::<points::Tally>(json),
        2 => round_trip::<points::Roster>(json),
        3 => round_trip::<suggestion::Policy>(json),
        4 => round_trip::<suggestion::Register>(json),
        5 => round_trip::<vote::Policy>(json),
        6 => round_trip::<vote::Session>(json),
        7 => round_trip::<vote::Tally>(json),
        8 => round_trip::<report::Tally>(json),
        9 => round_trip::<records::Records>(json),
        10 => round_trip::<stats::Rate>(json),
        _ => round_trip::<report::ReportInput>(json),
    }
});

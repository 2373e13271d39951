//! A points policy from TOML or JSON, then scoring acts under it.
//!
//! Input: the policy's text, a NUL byte, then the year's acts as a JSON
//! array. Besides "no panic, no hang", it checks that scoring the acts in
//! two parts and merging gives the tally of scoring them at once, and that
//! a tally survives its stored form.
#![no_main]

use deputy_work::common::Period;
use deputy_work::points::{Act, Policy, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (policy_text, acts_text) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"[]"[..]),
    };
    let Ok(policy_text) = std::str::from_utf8(policy_text) else {
        return;
    };
    let policy: Policy = if policy_text.trim_start().starts_with('{') {
        match serde_json::from_str(policy_text) {
            Ok(p) => p,
            Err(_) => return,
        }
    } else {
        match toml::from_str(policy_text) {
            Ok(p) => p,
            Err(_) => return,
        }
    };
    let Ok(acts) = serde_json::from_slice::<Vec<Act>>(acts_text) else {
        return;
    };
    let Ok(year) = Period::year(2025) else {
        return;
    };
    let scorer = match Scorer::new(&policy, year) {
        Ok(s) => s,
        Err(_) => match Scorer::new(&policy, policy.in_force()) {
            Ok(s) => s,
            Err(_) => return,
        },
    };
    let whole = scorer.tally_acts(&acts);
    if let Ok(tally) = &whole {
        let _ = scorer.scorecard(tally);
        let stored = serde_json::to_string(tally).expect("a tally serializes");
        let back: deputy_work::points::Tally =
            serde_json::from_str(&stored).expect("a tally's stored form reads back");
        assert_eq!(&back, tally);
        let (left, right) = acts.split_at(acts.len() / 2);
        if let (Ok(mut a), Ok(b)) = (scorer.tally_acts(left), scorer.tally_acts(right)) {
            // Overlapping ids are refused by merge; otherwise it is exact.
            if a.merge(&b).is_ok() {
                assert_eq!(&a, tally, "merge of two halves differs");
            }
        }
    }
    let _ = scorer.score(&acts);
    let _ = scorer.quarterly(&acts);
});

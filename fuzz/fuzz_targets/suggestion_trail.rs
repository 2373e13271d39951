//! A stored suggestion trail: chain verification, verification against the
//! rules, replay, and loading a suggestion from its stored form.
//!
//! Input: a JSON array of trail entries. Besides "no panic, no hang", a
//! trail that verifies also replays, and replay of it gives the state the
//! verified suggestion has.
#![no_main]

use deputy_work::common::{SuggestionId, WeekendCalendar};
use deputy_work::suggestion::{Policy, Suggestion, TrailEntry, replay, verify, verify_chain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(trail) = serde_json::from_slice::<Vec<TrailEntry>>(data) else {
        // The same bytes as a whole suggestion's stored form.
        let _ = serde_json::from_slice::<Suggestion>(data);
        return;
    };
    let id = SuggestionId::new(1);
    let _ = verify_chain(id, &trail);
    let policy = Policy::seed();
    let verified = verify(id, &trail, &policy, &WeekendCalendar);
    let replayed = replay(id, &trail);
    if verified.is_ok() {
        assert!(
            replayed.is_ok(),
            "verified but does not replay: {replayed:?}"
        );
        let s = Suggestion::replay(id, trail).expect("a verified trail loads");
        assert_eq!(Some(s.state()), replayed.as_ref().ok());
    }
});

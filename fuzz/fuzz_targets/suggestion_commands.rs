//! Live commands on a suggestion: any sequence, authorised or not.
//!
//! Input: a JSON array of commands. Besides "no panic, no hang", it checks
//! the life cycle's promises: a refused command leaves the suggestion
//! exactly as it was, and the trail the accepted ones leave verifies
//! against the same rules and replays to the same state.
#![no_main]

use deputy_work::common::{SuggestionId, WeekendCalendar};
use deputy_work::suggestion::{Command, Policy, Suggestion, replay, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(commands) = serde_json::from_slice::<Vec<Command>>(data) else {
        return;
    };
    let policy = Policy::seed();
    let id = SuggestionId::new(1);
    let mut s = Suggestion::new(id);
    for command in commands.iter().take(256) {
        let before = s.clone();
        if s.handle(command, &policy, &WeekendCalendar).is_err() {
            assert_eq!(s, before, "a refused command changed the suggestion");
        }
    }
    let verified = verify(id, s.trail(), &policy, &WeekendCalendar);
    assert!(
        verified.is_ok(),
        "an accepted trail fails verification: {verified:?}"
    );
    let state = replay(id, s.trail()).expect("an accepted trail replays");
    assert_eq!(&state, s.state());
    let stored = serde_json::to_string(&s).expect("a suggestion serializes");
    let back: Suggestion = serde_json::from_str(&stored).expect("and reads back");
    assert_eq!(back, s);
});

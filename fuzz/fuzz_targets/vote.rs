//! A livelihood-project vote: a session (rules, candidates, electorate)
//! from JSON, ballots into ballot boxes, the outcome, and stored tallies.
//!
//! Input: `{"session": …, "ballots": [[box, ballot], …], "stored": tally}`
//! (every part optional but the session). Besides "no panic, no hang", a
//! tally counted in two parts and merged equals the tally counted at once,
//! and a tally survives its stored form.
#![no_main]

use deputy_work::vote::{Ballot, BoxNumber, Session, Tally};
use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct Input {
    session: Session,
    #[serde(default)]
    ballots: Vec<(u32, Ballot)>,
    #[serde(default)]
    stored: Option<serde_json::Value>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Input>(data) else {
        return;
    };
    let session = &input.session;
    let mut boxes: Vec<Tally> = Vec::new();
    let mut all = Tally::new(session, BoxNumber(1));
    for (n, ballot) in input.ballots.iter().take(4096) {
        let n = n % 4 + 1;
        let _ = all.cast(session, ballot);
        let i = usize::try_from(n - 1).unwrap_or(0);
        while boxes.len() <= i {
            let next = u32::try_from(boxes.len()).unwrap_or(0) + 1;
            boxes.push(Tally::new(session, BoxNumber(next)));
        }
        let _ = boxes[i].cast(session, ballot);
    }
    let _ = session.decide(&all);
    let stored = serde_json::to_string(&all).expect("a tally serializes");
    let back: Tally = serde_json::from_str(&stored).expect("a tally's stored form reads back");
    assert_eq!(back, all);
    let mut merged: Option<Tally> = None;
    for b in &boxes {
        match &mut merged {
            None => merged = Some(b.clone()),
            Some(m) => {
                let _ = m.merge(session, b);
            }
        }
    }
    if let Some(m) = &merged {
        let _ = session.decide(m);
    }
    if let Some(v) = input.stored
        && let Ok(t) = serde_json::from_value::<Tally>(v)
    {
        let _ = session.decide(&t);
        let _ = all.clone().merge(session, &t);
    }
});

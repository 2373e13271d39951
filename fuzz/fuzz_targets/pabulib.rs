//! The Pabulib reader, then every rule and check on what it reads.
//!
//! Input: the bytes of a `.pb` file. Besides "no panic, no hang", it checks
//! what the reader promises: reading in pieces gives the same result as
//! reading at once (strict and lenient), and a strictly read election is
//! written back as text that reads as the same election.
#![no_main]

use deputy_work::vote::pabulib::{PbElection, PbReader, PbRule};
use libfuzzer_sys::fuzz_target;

fn read(lenient: bool, data: &[u8], piece: usize) -> String {
    let mut r = if lenient {
        PbReader::lenient()
    } else {
        PbReader::new()
    };
    for chunk in data.chunks(piece.max(1)) {
        if let Err(e) = r.feed(chunk) {
            return format!("Err({e:?})");
        }
    }
    format!("{:?}", r.finish())
}

fuzz_target!(|data: &[u8]| {
    // Pieces of 7 bytes split lines, fields and UTF-8 sequences alike.
    for lenient in [false, true] {
        assert_eq!(
            read(lenient, data, data.len()),
            read(lenient, data, 7),
            "pieces change the result (lenient: {lenient})"
        );
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let election = match PbElection::parse(text) {
        Ok(e) => e,
        Err(_) => match PbElection::parse_lenient(text) {
            Ok((e, _)) => e,
            Err(_) => return,
        },
    };
    let again = PbElection::parse(&election.to_pb_string());
    assert_eq!(again.as_ref().ok(), Some(&election), "{again:?}");
    let _ = election.check();
    let _ = election.decide_by_meta();
    for rule in PbRule::ALL {
        let _ = election.decide(rule);
        let _ = election.explain_greedy(rule);
    }
    let _ = election.explain_equal_shares();
});

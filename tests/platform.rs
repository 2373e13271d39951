//! The platform example's core (`examples/platform/store.rs` and
//! `args.rs`, shared through `#[path]`): what goes into the database comes
//! back the same, the engines fed from the database decide as when fed
//! directly, and edited rows are caught on reload. The rows hold the
//! crate's serde forms, so these tests need the `serde` feature.
#![cfg(feature = "serde")]

mod cases;

#[path = "../examples/platform/args.rs"]
mod args;
#[path = "../examples/platform/store.rs"]
#[allow(dead_code, reason = "the example uses what a test does not")]
mod store;

use std::path::PathBuf;

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Period, RecordId, SuggestionId};
use deputy_work::points::{
    Act, ActDetail, ActKind, Claim, Code, Correction, Qualifier, Scorer, Share, StandardKind,
    samples as points_samples,
};
use deputy_work::suggestion::{SuggestionError, samples::SampleYear};
use deputy_work::vote::{BoxNumber, Tally};
use proptest::prelude::*;
use rusqlite::Connection;
use rust_decimal::Decimal;
use store::Plan;

/// Enough deputies for the vote (327), 200 acts each, as the example.
const YEAR: Plan = Plan {
    deputies: 330,
    acts_each: 200,
};

/// Enough deputies for the vote (327), 60 acts each.
const SMALL: Plan = Plan {
    deputies: 330,
    acts_each: 60,
};

/// The deputies for the vote, no acts.
const NO_ACTS: Plan = Plan {
    deputies: store::VOTERS,
    acts_each: 0,
};

fn loaded(plan: Plan) -> Connection {
    let mut conn = store::open(None).unwrap();
    let n = store::load(&mut conn, plan).unwrap();
    assert_eq!(
        (n.deputies, n.acts),
        (u64::from(plan.deputies), plan.acts())
    );
    conn
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

/// A database with the tables and deputies 1–9, no records.
fn empty() -> Connection {
    let mut conn = store::open(None).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch(store::SCHEMA).unwrap();
    for id in 1..=9 {
        tx.execute(
            "INSERT INTO deputies (id, name) VALUES (?1, ?2)",
            rusqlite::params![id, store::deputy_name(id)],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    conn
}

fn store_and_read(conn: &mut Connection, acts: &[Act]) -> Vec<Act> {
    let tx = conn.transaction().unwrap();
    tx.execute("DELETE FROM acts", []).unwrap();
    assert_eq!(
        store::store_acts(&tx, acts.iter().cloned()).unwrap(),
        acts.len() as u64
    );
    tx.commit().unwrap();
    let mut select = conn.prepare("SELECT * FROM acts ORDER BY id").unwrap();
    let mut rows = select.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        out.push(store::act_from_row(row).unwrap());
    }
    out
}

#[test]
fn an_act_with_every_field_comes_back_the_same() {
    let q = |c| Qualifier::new(c).unwrap();
    let full = Act::new(
        RecordId::new(7),
        DeputyId::new(3),
        d(3, 5),
        StandardKind::SubmitSuggestion.into(),
    )
    .with_claim(Claim::Pending)
    .with_quantity(4)
    .with_qualifier(q("lead"))
    .with_qualifier(q("key_suggestion"))
    .with_role(Code::new("convenor").unwrap())
    .with_item(12)
    .with_share(2, 3)
    .with_value(Decimal::new(875, 1))
    .correcting(Correction::Amends(RecordId::new(2)));
    let local = Act::new(
        RecordId::new(9),
        DeputyId::new(9),
        d(12, 31),
        ActKind::Local(1023),
    )
    .with_claim(Claim::Rejected);
    let acts = [full, local];
    assert_eq!(store_and_read(&mut empty(), &acts), acts);
}

#[test]
fn a_row_the_crate_would_refuse_is_an_error_naming_it() {
    let conn = empty();
    let bad_rows = [
        (
            "2025-13-01",
            "attend_meeting",
            "verified",
            "",
            None,
            "bad date",
        ),
        (
            "2025-01-01",
            "attend_meeting",
            "approved",
            "",
            None,
            "unknown claim",
        ),
        ("2025-01-01", "meeting", "verified", "", None, "meeting"),
        (
            "2025-01-01",
            "attend_meeting",
            "verified",
            "Lead",
            None,
            "Lead",
        ),
        (
            "2025-01-01",
            "attend_meeting",
            "verified",
            "",
            Some(r#"{"share":{"position":4,"of":3}}"#),
            "share",
        ),
        (
            "2025-01-01",
            "attend_meeting",
            "verified",
            "",
            Some(r#"{"colour":"red"}"#),
            "colour",
        ),
    ];
    for (date, kind, claim, qualifiers, detail, says) in bad_rows {
        conn.execute("DELETE FROM acts", []).unwrap();
        conn.execute(
            "INSERT INTO acts VALUES (5, 1, ?1, ?2, ?3, 1, ?4, ?5)",
            rusqlite::params![date, kind, claim, qualifiers, detail],
        )
        .unwrap();
        let err = conn
            .query_row("SELECT * FROM acts", [], |row| {
                Ok(store::act_from_row(row).map_err(|e| e.to_string()))
            })
            .unwrap()
            .unwrap_err();
        assert!(err.contains(says), "{err} should say {says}");
    }
}

#[test]
fn acts_streamed_from_the_database_score_as_the_acts_themselves() {
    let conn = loaded(YEAR);
    let policy = points_samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
    let mut tally = scorer.tally();
    assert_eq!(
        store::tally_acts(&conn, &scorer, &mut tally).unwrap(),
        YEAR.acts()
    );
    let acts: Vec<Act> = store::acts(YEAR).collect();
    assert_eq!(tally, scorer.tally_acts(&acts).unwrap());
    let card = scorer.scorecard(&tally).unwrap();
    assert_eq!(card, scorer.score(&acts).unwrap());
    // The generated year spreads over the bands, and the claims are mixed.
    for band in ["good", "fairly_good", "poor"] {
        assert!(
            card.entries.iter().any(|e| e.band.as_deref() == Some(band)),
            "someone is {band}"
        );
    }
    assert!(card.stats.pending > 0 && card.stats.rejected > 0);
}

#[test]
fn the_generated_year_uses_every_column() {
    let acts: Vec<Act> = store::acts(SMALL).collect();
    assert_eq!(acts.len() as u64, SMALL.acts());
    let ids: Vec<u64> = acts.iter().map(|a| a.id.get()).collect();
    assert!(
        ids.iter().zip(1..).all(|(id, n)| *id == n),
        "numbered in order"
    );
    assert!(acts.iter().any(|a| a.qualifiers.len() == 2));
    assert!(acts.iter().any(|a| a.item().is_some()));
    assert!(acts.iter().any(|a| a.quantity == 3));
    assert!(acts.iter().any(|a| a.kind == ActKind::Local(1)));
    // Generated anew, the same year.
    assert!(store::acts(SMALL).eq(acts));
}

#[test]
fn generated_names_differ_up_to_8000() {
    let names: std::collections::BTreeSet<String> = (1..=8_000).map(store::deputy_name).collect();
    assert_eq!(names.len(), 8_000);
    assert_eq!(store::deputy_name(1), "王建华");
}

#[test]
fn the_names_come_from_the_deputies_table() {
    let conn = loaded(SMALL);
    let names = store::names(&conn, [DeputyId::new(2), DeputyId::new(999)]).unwrap();
    assert_eq!(names.len(), 1, "D999 is not a deputy");
    assert_eq!(names[&DeputyId::new(2)], "李建华");
}

#[test]
fn stored_trails_are_the_engines_and_verify() {
    let conn = loaded(SMALL);
    let register = SampleYear::ORDOS_2025.register().unwrap();
    for s in register.iter() {
        let (trail, head) = store::stored_trail(&conn, s.id()).unwrap();
        assert_eq!(trail, s.trail(), "trail of {}", s.id());
        assert_eq!(head, s.head());
    }
    assert_eq!(store::verify_all(&conn).unwrap(), (311, None));
}

/// Applies `edit` and returns what verifying suggestion 60 then says.
fn after_edit(edit: &str) -> SuggestionError {
    let conn = loaded(NO_ACTS);
    conn.execute_batch(edit).unwrap();
    store::verify_stored(&conn, SuggestionId::new(60))
        .unwrap()
        .unwrap_err()
}

#[test]
fn an_edited_row_is_caught_on_reload() {
    let date = after_edit(
        "UPDATE trail SET date = '2025-01-13' WHERE suggestion = 60 AND event = 'registered'",
    );
    assert_eq!(date, SuggestionError::BrokenChain { seq: 4 });

    let unit = after_edit(
        "UPDATE trail SET data = json_set(data, '$.lead_unit', 105) \
         WHERE suggestion = 60 AND event = 'assigned'",
    );
    // The rules speak first: entry 4 re-decided is an assignment to U105
    // (its own `prev` still holds), and U104 may then not reply.
    assert!(
        matches!(&unit, SuggestionError::NotByTheRules { seq: 5, event: "replied", reason, .. }
            if reason.contains("U104")),
        "{unit:?}"
    );

    let cut = after_edit("DELETE FROM trail WHERE suggestion = 60 AND date = '2025-05-04'");
    assert!(
        matches!(cut, SuggestionError::HeadMismatch { .. }),
        "{cut:?}"
    );

    // A verdict changed: the rules accept the feedback as edited, the
    // next entry's `prev` does not.
    let verdict = after_edit(
        "UPDATE trail SET data = json_set(data, '$.feedback.verdict', 'basically_satisfied') \
         WHERE suggestion = 60 AND event = 'feedback_given'",
    );
    assert_eq!(verdict, SuggestionError::BrokenChain { seq: 7 });

    // What the rules derive (the closing's `resolved`) cannot be edited
    // either: the run that records it is re-decided.
    let closed = after_edit(
        "UPDATE trail SET data = json_set(data, '$.resolved', json('false')) \
         WHERE suggestion = 60 AND event = 'closed'",
    );
    assert!(
        matches!(closed, SuggestionError::NotByTheRules { seq: 6, .. }),
        "{closed:?}"
    );
}

#[test]
fn a_forged_trail_with_recomputed_digests_is_caught_by_the_rules() {
    let conn = loaded(NO_ACTS);
    let id = SuggestionId::new(60);
    conn.execute(
        "UPDATE trail SET actor = '{\"unit\":105}' WHERE suggestion = 60 AND event = 'replied'",
        [],
    )
    .unwrap();
    let (mut trail, _) = store::stored_trail(&conn, id).unwrap();
    let mut prev = deputy_work::suggestion::Digest::genesis(id);
    for e in &mut trail {
        e.prev = prev;
        prev = deputy_work::suggestion::Digest::of(e);
        conn.execute(
            "UPDATE trail SET prev = ?1 WHERE suggestion = 60 AND seq = ?2",
            rusqlite::params![e.prev.to_string(), i64::try_from(e.seq).unwrap()],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE suggestions SET head = ?1 WHERE id = 60",
        [prev.to_string()],
    )
    .unwrap();
    assert_eq!(
        deputy_work::suggestion::verify_chain(id, &trail),
        Ok(prev),
        "the chain holds"
    );
    let err = store::verify_stored(&conn, id).unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            SuggestionError::NotByTheRules {
                seq: 5,
                event: "replied",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.message_zh().contains("U105"), "{}", err.message_zh());
}

#[test]
fn a_row_that_is_not_an_entry_is_an_error_not_a_verdict() {
    let conn = loaded(NO_ACTS);
    conn.execute(
        "UPDATE trail SET event = 'approved' WHERE suggestion = 60 AND seq = 3",
        [],
    )
    .unwrap();
    assert!(store::verify_stored(&conn, SuggestionId::new(60)).is_err());
    assert!(store::verify_all(&conn).is_err());
}

#[test]
fn the_docket_from_the_rows_is_the_registers() {
    let conn = loaded(NO_ACTS);
    for as_of in [d(1, 31), d(4, 25), d(5, 10), d(12, 31)] {
        let from_rows = store::register_as_of(&conn, 2025, as_of).unwrap();
        let direct = SampleYear::ORDOS_2025.register_as_of(as_of).unwrap();
        assert_eq!(from_rows.overdue(as_of), direct.overdue(as_of), "{as_of}");
        assert_eq!(from_rows.counts(), direct.counts(), "{as_of}");
    }
    // Hand-checked in the sample's docs: three replies late on 25 April
    // (S60, S120, S180, each 6 days past 19 April); the 17 look-back items
    // not solved are past 3 May on 10 May.
    let late = store::register_as_of(&conn, 2025, d(4, 25))
        .unwrap()
        .overdue(d(4, 25));
    let ids: Vec<(u32, i64)> = late.iter().map(|o| (o.id.get(), o.days_overdue)).collect();
    assert_eq!(ids, [(60, 6), (120, 6), (180, 6)]);
    let may = store::register_as_of(&conn, 2025, d(5, 10))
        .unwrap()
        .overdue(d(5, 10));
    assert_eq!(may.len(), 17);
}

#[test]
fn the_vote_from_stored_ballots_is_the_vote_from_the_ballots() {
    let conn = loaded(NO_ACTS);
    let session = store::vote_session().unwrap();
    let from_rows = session
        .decide(&store::tally_ballots(&conn, &session).unwrap())
        .unwrap();
    let mut tally = Tally::new(&session, BoxNumber(1));
    for b in store::ballots() {
        tally.cast(&session, &b).unwrap();
    }
    let direct = session.decide(&tally).unwrap();
    assert_eq!(from_rows, direct);
    assert_eq!(
        (direct.figures.valid, direct.figures.invalid.total()),
        (313, 1)
    );
    assert_eq!(direct.elected.len(), 10);
}

#[test]
fn a_blank_ballot_and_a_bad_mark_read_back() {
    let conn = loaded(NO_ACTS);
    let session = store::vote_session().unwrap();
    // Deputy 1's ballot left blank: every project an abstention.
    conn.execute("DELETE FROM ballot_marks WHERE voter = 1", [])
        .unwrap();
    let tally = store::tally_ballots(&conn, &session).unwrap();
    assert_eq!((tally.returned(), tally.valid()), (314, 313));
    conn.execute(
        "UPDATE ballot_marks SET mark = 'yes' WHERE voter = 2 AND project = 1",
        [],
    )
    .unwrap();
    let err = store::tally_ballots(&conn, &session).unwrap_err();
    assert!(err.to_string().contains("unknown mark `yes`"), "{err}");
}

#[test]
fn a_year_without_the_voters_is_refused() {
    let mut conn = store::open(None).unwrap();
    let few = Plan {
        deputies: 12,
        acts_each: 1,
    };
    let err = store::load(&mut conn, few).unwrap_err();
    assert!(err.to_string().contains("327"), "{err}");
    let tables: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "nothing was written");
}

#[test]
fn a_database_file_is_created_or_replaced() {
    let path = std::env::temp_dir().join(format!("platform-test-{}.db", std::process::id()));
    std::fs::write(&path, b"not a database").unwrap();
    let mut conn = store::open(Some(&path)).unwrap();
    store::load(&mut conn, SMALL).unwrap();
    drop(conn);
    let conn = Connection::open(&path).unwrap();
    let acts: i64 = conn
        .query_row("SELECT COUNT(*) FROM acts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(acts as u64, SMALL.acts());
    drop(conn);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn arguments() {
    use args::{Args, Parsed, USAGE, parse};
    assert!(USAGE.contains("--db FILE") && USAGE.contains("--help"));
    let p = |a: &[&str]| parse(a.iter().map(|s| (*s).to_owned()));
    assert_eq!(p(&[]), Ok(Parsed::Run(Args { db: None })));
    assert_eq!(p(&["--help"]), Ok(Parsed::Help));
    assert_eq!(
        p(&["--db", "x.db"]),
        Ok(Parsed::Run(Args {
            db: Some(PathBuf::from("x.db"))
        }))
    );
    assert_eq!(p(&["--db"]), Err("--db needs a FILE".to_owned()));
    assert_eq!(p(&["--db", ""]), Err("--db needs a FILE".to_owned()));
    assert_eq!(
        p(&["--db", "a", "--db", "b"]),
        Err("--db given twice".to_owned())
    );
    assert_eq!(p(&["-x"]), Err("unknown argument `-x`".to_owned()));
}

fn any_act() -> impl Strategy<Value = Act> {
    let kind = prop_oneof![
        (0..12_usize).prop_map(|k| ActKind::Standard(StandardKind::ALL[k])),
        any::<u16>().prop_map(ActKind::Local),
    ];
    let claim = prop_oneof![
        Just(Claim::Pending),
        Just(Claim::Verified),
        Just(Claim::Rejected)
    ];
    let codes = [
        "lead",
        "co_signer",
        "key_suggestion",
        "q9",
        "a_long_code_of_23_chars",
    ];
    let detail = prop::option::of((
        prop::option::of(prop::sample::select(codes.to_vec())),
        prop::option::of(any::<u64>()),
        prop::option::of((1..5_u32, 0..3_u32).prop_map(|(of, less)| Share {
            position: of - less.min(of - 1),
            of,
        })),
        prop::option::of((any::<i64>(), 0..6_u32).prop_map(|(n, s)| Decimal::new(n, s))),
        prop::option::of((any::<bool>(), 1..1_000_u64)),
    ));
    (
        1_000..i64::MAX as u64,
        1..=9_u32,
        0..365_u64,
        kind,
        claim,
        any::<u32>(),
        prop::sample::subsequence(codes.to_vec(), 0..=codes.len()),
        detail,
    )
        .prop_map(|(id, deputy, day, kind, claim, quantity, qs, detail)| {
            let mut act = Act::new(
                RecordId::new(id),
                DeputyId::new(deputy),
                d(1, 1) + chrono::Days::new(day),
                kind,
            )
            .with_claim(claim)
            .with_quantity(quantity);
            for q in qs {
                act = act.with_qualifier(Qualifier::new(q).unwrap());
            }
            act.detail = detail.map(|(role, item, share, value, correction)| {
                Box::new(ActDetail {
                    role: role.map(|r| Code::new(r).unwrap()),
                    item,
                    share,
                    value,
                    correction: correction.map(|(amends, back)| {
                        let target = RecordId::new(id - back);
                        if amends {
                            Correction::Amends(target)
                        } else {
                            Correction::Annuls(target)
                        }
                    }),
                })
            });
            act
        })
}

proptest! {
    #![proptest_config(cases::config(64))]

    /// Any act the crate accepts comes back from its row unchanged.
    #[test]
    fn any_act_survives_its_row(acts in prop::collection::vec(any_act(), 1..8)) {
        let mut acts = acts;
        acts.sort_by_key(|a| a.id);
        acts.dedup_by_key(|a| a.id);
        for a in &acts {
            prop_assert!(a.check().is_ok());
        }
        let back = store_and_read(&mut empty(), &acts);
        prop_assert_eq!(back, acts);
    }
}

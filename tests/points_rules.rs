//! Table tests for the points engine's rule edges (no serde needed).

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Period, RecordId};
use deputy_work::points::{
    Act, ActKind, Band, Claim, Code, Condition, Consequence, Disposition, Honour, InForce,
    LineItem, LocalKind, PointsError, Policy, PolicyData, Qualifier, Rule, Scorecard, Scorer,
    StandardKind, Term,
};
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A small policy: meeting +2 (cap 6), leave −1 (cap 3), absence −2,
/// suggestion +3 with key-suggestion bonus +2 (cap 10), grid visit +0.5.
fn data() -> PolicyData {
    PolicyData {
        qualifiers: ["key_suggestion", "lead"]
            .iter()
            .map(|c| Term {
                code: Code::new(c).unwrap(),
                label_zh: format!("{c}（中文）"),
                label_en: (*c).to_owned(),
            })
            .collect(),
        local_kinds: vec![LocalKind {
            code: 7,
            label_zh: "网格走访".into(),
            label_en: "grid visit".into(),
        }],
        rules: vec![
            Rule::new(StandardKind::AttendMeeting.into(), dec("2")).with_cap(dec("6")),
            Rule::new(StandardKind::Leave.into(), dec("-1")).with_cap(dec("3")),
            Rule::new(StandardKind::Absence.into(), dec("-2")),
            Rule::new(StandardKind::SubmitSuggestion.into(), dec("3"))
                .with_bonus(Qualifier::new("key_suggestion").unwrap(), dec("2"))
                .with_cap(dec("10")),
            Rule::new(ActKind::Local(7), dec("0.5")),
        ],
        bands: vec![
            Band::new("good", "好", "good").at_least(dec("80")),
            Band::new("fair", "较好", "fairly good")
                .at_least(dec("60"))
                .below(dec("80")),
            Band::new("poor", "差", "poor").below(dec("60")),
        ],
        honours: vec![Honour {
            code: "excellent".into(),
            label_zh: "优秀".into(),
            label_en: "excellent".into(),
            top: 2,
        }],
        consequences: vec![],
        ..PolicyData::new(
            "test",
            "1",
            InForce {
                start: d(2020, 1, 1),
                end: d(2030, 12, 31),
            },
        )
    }
}

fn policy(edit: impl FnOnce(&mut PolicyData)) -> Policy {
    let mut data = data();
    edit(&mut data);
    Policy::new(data).unwrap()
}

fn year() -> Period {
    Period::year(2025).unwrap()
}

fn act(id: u64, deputy: u32, kind: StandardKind) -> Act {
    Act::new(
        RecordId::new(id),
        DeputyId::new(deputy),
        d(2025, 6, 1),
        kind.into(),
    )
}

fn total(card: &Scorecard, deputy: u32) -> Decimal {
    card.entry(DeputyId::new(deputy)).unwrap().total
}

fn cap_lines(card: &Scorecard, deputy: u32) -> Vec<Decimal> {
    card.entry(DeputyId::new(deputy))
        .unwrap()
        .ledger
        .iter()
        .filter(|l| l.item == LineItem::RuleCap)
        .map(|l| l.points)
        .collect()
}

#[test]
fn cap_exactly_reached_cuts_nothing_one_more_is_cut() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    // (meetings, expected total, expected cut)
    for (n, want, cut) in [
        (2, "4", None),
        (3, "6", None),
        (4, "6", Some("-2")),
        (10, "6", Some("-14")),
    ] {
        let acts: Vec<Act> = (0..n)
            .map(|i| act(i, 1, StandardKind::AttendMeeting))
            .collect();
        let card = s.score(&acts).unwrap();
        assert_eq!(total(&card, 1), dec(want), "{n} meetings");
        assert_eq!(
            cap_lines(&card, 1),
            cut.map(dec).into_iter().collect::<Vec<_>>(),
            "{n} meetings"
        );
        let ledger = s.ledger_for(DeputyId::new(1), &acts).unwrap();
        assert_eq!(ledger.total, dec(want));
    }
}

#[test]
fn deduction_caps_are_magnitudes() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    for (half_days, want) in [(1, "-1"), (3, "-3"), (4, "-3"), (40, "-3")] {
        let a = act(1, 1, StandardKind::Leave).with_quantity(half_days);
        assert_eq!(
            total(&s.score([&a]).unwrap(), 1),
            dec(want),
            "{half_days} half days"
        );
    }
}

#[test]
fn deduction_below_the_floor_is_lifted_and_shown() {
    let p = policy(|d| {
        d.base = Some(dec("6"));
        d.floor = Some(dec("0"));
    });
    let s = Scorer::new(&p, year()).unwrap();
    // (absences, total, floor line)
    for (n, want, lift) in [
        (2, "2", None),
        (3, "0", None),
        (4, "0", Some("2")),
        (5, "0", Some("4")),
    ] {
        let acts: Vec<Act> = (0..n).map(|i| act(i, 1, StandardKind::Absence)).collect();
        let card = s.score(&acts).unwrap();
        let e = card.entry(DeputyId::new(1)).unwrap();
        assert_eq!(e.total, dec(want), "{n} absences");
        let floor: Vec<Decimal> = e
            .ledger
            .iter()
            .filter(|l| l.item == LineItem::Floor)
            .map(|l| l.points)
            .collect();
        assert_eq!(floor, lift.map(dec).into_iter().collect::<Vec<_>>());
        assert_eq!(
            e.total,
            p.base() + e.ledger.iter().map(|l| l.points).sum::<Decimal>()
        );
    }
}

#[test]
fn total_above_the_ceiling_is_cut_and_shown() {
    let p = policy(|d| {
        d.base = Some(dec("95"));
        d.ceiling = Some(dec("100"));
    });
    let s = Scorer::new(&p, year()).unwrap();
    let acts: Vec<Act> = (0..3)
        .map(|i| act(i, 1, StandardKind::AttendMeeting))
        .collect();
    let e = s.score(&acts).unwrap().entries.remove(0);
    assert_eq!(e.total, dec("100"));
    assert_eq!(
        e.ledger.last().map(|l| (l.item, l.points)),
        Some((LineItem::Ceiling, dec("-1")))
    );
}

#[test]
fn first_and_last_day_count_days_outside_do_not() {
    let p = policy(|_| {});
    let q1 = Period::new(d(2025, 1, 1), d(2025, 3, 31)).unwrap();
    let s = Scorer::new(&p, q1).unwrap();
    let mut t = s.tally();
    for (id, date, want) in [
        (1, d(2025, 1, 1), Disposition::Counted),
        (2, d(2025, 3, 31), Disposition::Counted),
        (3, d(2024, 12, 31), Disposition::OutsidePeriod),
        (4, d(2025, 4, 1), Disposition::OutsidePeriod),
    ] {
        let a = Act {
            date,
            ..act(id, 1, StandardKind::AttendMeeting)
        };
        assert_eq!(s.add(&mut t, &a).unwrap(), want, "{date}");
    }
    let card = s.scorecard(&t).unwrap();
    assert_eq!(total(&card, 1), dec("4"));
    assert_eq!(card.stats.outside_period, 2);
}

#[test]
fn only_verified_claims_count() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let mut t = s.tally();
    for (id, claim, want) in [
        (1, Claim::Pending, Disposition::Pending),
        (2, Claim::Rejected, Disposition::Rejected),
        (3, Claim::Verified, Disposition::Counted),
    ] {
        let a = act(id, 1, StandardKind::AttendMeeting).with_claim(claim);
        assert_eq!(s.add(&mut t, &a).unwrap(), want);
    }
    let card = s.scorecard(&t).unwrap();
    assert_eq!(total(&card, 1), dec("2"));
    assert_eq!(
        (card.stats.pending, card.stats.rejected, card.stats.counted),
        (1, 1, 1)
    );
}

#[test]
fn pending_claim_alone_still_lists_the_deputy_at_base() {
    let p = policy(|d| d.base = Some(dec("60")));
    let s = Scorer::new(&p, year()).unwrap();
    let a = act(1, 1, StandardKind::AttendMeeting).with_claim(Claim::Pending);
    let t = s.tally_acts([&a]).unwrap();
    // Everyone met in the acts has an entry, even with nothing counted, so
    // that "bottom N" and "poor two years running" cannot miss them.
    assert_eq!(t.deputies(), 1, "a pending claim lists its deputy");
    assert_eq!(total(&s.scorecard(&t).unwrap(), 1), dec("60"));
    let rejected = act(2, 2, StandardKind::AttendMeeting).with_claim(Claim::Rejected);
    let outside = act(3, 3, StandardKind::AttendMeeting).with_claim(Claim::Verified);
    let outside = Act {
        date: d(2019, 5, 1),
        ..outside
    };
    let card = s.score([&a, &rejected, &outside]).unwrap();
    assert_eq!(card.entries.len(), 3);
    assert!(
        card.entries
            .iter()
            .all(|e| e.total == dec("60") && e.rank == 1)
    );
}

#[test]
fn a_record_seen_twice_counts_once_and_is_reported() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let a = act(5, 1, StandardKind::AttendMeeting);
    let b = act(6, 1, StandardKind::AttendMeeting);
    let card = s.score([&a, &b, &a, &a]).unwrap();
    assert_eq!(total(&card, 1), dec("4"));
    assert_eq!(card.stats.duplicates, [RecordId::new(5), RecordId::new(5)]);
    assert_eq!(card.stats.counted, 2);
    assert_eq!(card.stats.seen(), Some(4));
    let ledger = s.ledger_for(DeputyId::new(1), [&a, &b, &a]).unwrap();
    assert_eq!(ledger.total, dec("4"));
    assert_eq!(ledger.skipped.len(), 1);
    assert_eq!(ledger.skipped[0].outcome, Disposition::Duplicate);
}

#[test]
fn kinds_without_a_rule_are_unscored() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let mut t = s.tally();
    assert_eq!(
        s.add(&mut t, &act(1, 1, StandardKind::Mediation)).unwrap(),
        Disposition::Unscored
    );
    let undeclared = Act {
        kind: ActKind::Local(8),
        ..act(2, 1, StandardKind::Mediation)
    };
    assert_eq!(s.add(&mut t, &undeclared).unwrap(), Disposition::Unscored);
    assert_eq!(t.stats().unscored, 2);
}

#[test]
fn half_points_and_local_kinds() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let a = Act {
        kind: ActKind::Local(7),
        ..act(1, 1, StandardKind::Mediation)
    }
    .with_quantity(3);
    let card = s.score([&a]).unwrap();
    assert_eq!(total(&card, 1), dec("1.5"));
    assert_eq!(p.kind_label_zh(ActKind::Local(7)), "网格走访");
}

#[test]
fn bonuses_count_per_occurrence_and_share_the_cap() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let key = |id| {
        act(id, 1, StandardKind::SubmitSuggestion)
            .with_qualifier(Qualifier::new("key_suggestion").unwrap())
    };
    // (key suggestions, plain suggestions, total)
    for (k, plain, want) in [
        (1, 0, "5"),
        (2, 0, "10"),
        (1, 1, "8"),
        (3, 0, "10"),
        (0, 4, "10"),
    ] {
        let mut acts: Vec<Act> = (0..k).map(key).collect();
        acts.extend((100..100 + plain).map(|i| act(i, 1, StandardKind::SubmitSuggestion)));
        let card = s.score(&acts).unwrap();
        assert_eq!(total(&card, 1), dec(want), "{k} key, {plain} plain");
        let kinds = card.entries[0].by_kind().unwrap();
        assert_eq!(kinds.len(), 1);
        assert_eq!(kinds[0].points, dec(want));
    }
    // A qualifier the rule has no bonus for earns nothing extra.
    let lead =
        act(1, 1, StandardKind::SubmitSuggestion).with_qualifier(Qualifier::new("lead").unwrap());
    assert_eq!(total(&s.score([&lead]).unwrap(), 1), dec("3"));
}

#[test]
fn competition_ranking_with_ties_by_deputy_id() {
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    // deputy → meetings: 9 → 3 (6 pts), 4 → 2 (4), 2 → 2 (4), 7 → 1 (2)
    let mut acts = Vec::new();
    let mut id = 0;
    for (deputy, n) in [(9, 3), (4, 2), (2, 2), (7, 1)] {
        for _ in 0..n {
            id += 1;
            acts.push(act(id, deputy, StandardKind::AttendMeeting));
        }
    }
    let card = s.score(&acts).unwrap();
    let got: Vec<(u32, u32)> = card
        .entries
        .iter()
        .map(|e| (e.deputy.get(), e.rank))
        .collect();
    assert_eq!(got, [(9, 1), (2, 2), (4, 2), (7, 4)]);
    // top 2 excellent: three deputies share ranks 1–2, so the award overflows by one.
    assert_eq!(
        card.honours[0].deputies,
        [DeputyId::new(9), DeputyId::new(2), DeputyId::new(4)]
    );
    assert_eq!(card.honours[0].overflow(), 1);
    assert_eq!(card.entry(DeputyId::new(7)).unwrap().honour, None);
}

#[test]
fn band_edges() {
    let p = policy(|_| {});
    for (score, band) in [
        ("100", "good"),
        ("80", "good"),
        ("79.5", "fair"),
        ("60", "fair"),
        ("59.5", "poor"),
        ("-3", "poor"),
    ] {
        assert_eq!(
            p.band_for(dec(score)).map(|b| b.code.as_str()),
            Some(band),
            "{score}"
        );
    }
    let top_only = policy(|d| d.bands.truncate(1));
    assert!(top_only.band_for(dec("79")).is_none());
}

#[test]
fn scoring_a_period_outside_the_policy_is_refused() {
    let p = policy(|_| {});
    let straddling = Period::new(d(2030, 6, 1), d(2031, 5, 31)).unwrap();
    assert!(matches!(
        Scorer::new(&p, straddling),
        Err(PointsError::PeriodOutsidePolicy { .. })
    ));
}

#[test]
fn a_tally_of_another_period_is_refused() {
    let p = policy(|_| {});
    let s25 = Scorer::new(&p, year()).unwrap();
    let s24 = Scorer::new(&p, Period::year(2024).unwrap()).unwrap();
    let t = s24.tally();
    assert!(matches!(
        s25.scorecard(&t),
        Err(PointsError::TallyMismatch { .. })
    ));
}

// ---- validation -------------------------------------------------------

fn invalid(edit: impl FnOnce(&mut PolicyData)) -> PointsError {
    let mut data = data();
    edit(&mut data);
    Policy::new(data).unwrap_err()
}

#[test]
fn invalid_policies_name_the_field() {
    let cases: Vec<(PointsError, &str)> = vec![
        (
            invalid(|d| d.rules[1].cap = Some(dec("-1"))),
            "rules[1].cap",
        ),
        (invalid(|x| x.in_force.end = d(2019, 1, 1)), "in_force"),
        (
            invalid(|d| {
                d.rules
                    .push(Rule::new(StandardKind::Leave.into(), dec("1")))
            }),
            "rules[5].kind",
        ),
        (
            invalid(|d| d.rules.push(Rule::new(ActKind::Local(9), dec("1")))),
            "rules[5].kind",
        ),
        (
            invalid(|d| d.rules[3].bonuses[0].points = dec("-2")),
            "rules[3].bonuses[0].points",
        ),
        (invalid(|d| d.bands[1].below = Some(dec("85"))), "bands[1]"),
        (invalid(|d| d.bands[1].below = Some(dec("75"))), "bands[1]"),
        (invalid(|d| d.bands.swap(0, 1)), "bands[1]"),
        (
            invalid(|d| d.bands[1].at_least = Some(dec("90"))),
            "bands[1]",
        ),
        (invalid(|d| d.honours[0].top = 0), "honours[0].top"),
        (invalid(|d| d.name = " ".into()), "name"),
        (
            invalid(|d| {
                d.consequences.push(Consequence {
                    code: "talk".into(),
                    label_zh: "约谈".into(),
                    label_en: "talk".into(),
                    when: Condition::Band("bad".into()),
                    years: 1,
                })
            }),
            "consequences[0].when",
        ),
        (
            invalid(|d| {
                d.consequences.push(Consequence {
                    code: "talk".into(),
                    label_zh: "约谈".into(),
                    label_en: "talk".into(),
                    when: Condition::Bottom(2),
                    years: 0,
                })
            }),
            "consequences[0].years",
        ),
    ];
    for (err, field) in cases {
        assert!(
            err.to_string().starts_with(field),
            "`{err}` should name {field}"
        );
    }
    assert!(matches!(
        invalid(|d| d.bands[1].below = Some(dec("85"))),
        PointsError::BandsOverlap { .. }
    ));
    assert!(matches!(
        invalid(|d| d.bands[1].below = Some(dec("75"))),
        PointsError::BandsGap { .. }
    ));
    assert!(matches!(
        invalid(|d| d.bands.swap(0, 1)),
        PointsError::BandsUnsorted { .. }
    ));
    assert!(matches!(
        invalid(|d| {
            d.floor = Some(dec("10"));
            d.ceiling = Some(dec("5"));
        }),
        PointsError::FloorAboveCeiling { .. }
    ));
    // Numbers that cannot share one precision are refused, not wrapped.
    assert!(matches!(
        invalid(|d| {
            d.rules[4].points = dec("0.0000000000000000000000000001");
            d.ceiling = Some(Decimal::MAX);
        }),
        PointsError::Overflow(_)
    ));
}

// ---- several years ----------------------------------------------------

fn card_for(p: &Policy, y: i32, meetings: &[(u32, u64)]) -> Scorecard {
    let s = Scorer::new(p, Period::year(y).unwrap()).unwrap();
    let mut t = s.tally();
    let mut id = u64::try_from(y).unwrap() * 1000;
    for &(deputy, n) in meetings {
        t.enrol(DeputyId::new(deputy)).unwrap();
        for _ in 0..n {
            id += 1;
            let a = Act::new(
                RecordId::new(id),
                DeputyId::new(deputy),
                d(y, 5, 5),
                StandardKind::AttendMeeting.into(),
            );
            s.add(&mut t, &a).unwrap();
        }
    }
    s.scorecard(&t).unwrap()
}

fn consequence(code: &str, when: Condition, years: u32) -> Consequence {
    Consequence {
        code: code.into(),
        label_zh: code.into(),
        label_en: code.into(),
        when,
        years,
    }
}

#[test]
fn several_year_consequences() {
    let p = policy(|d| {
        d.base = Some(dec("58"));
        d.consequences = vec![
            consequence("poor2", Condition::Band("poor".into()), 2),
            consequence("bottom1x2", Condition::Bottom(1), 2),
            consequence("top1x3", Condition::Top(1), 3),
            consequence("below59", Condition::Below(dec("59")), 1),
            consequence("excellent2", Condition::Honour("excellent".into()), 2),
        ];
    });
    // 2023: 1 → 64, 2 → 58 (poor), 3 → 58 (poor); 2024: 1 → 64, 2 → 58, 3 → 60;
    // 2025: 1 → 64, 2 → 58, 3 → 58, 4 → 58 (new).
    let cards = vec![
        card_for(&p, 2023, &[(1, 3), (2, 0), (3, 0)]),
        card_for(&p, 2024, &[(1, 3), (2, 0), (3, 1)]),
        card_for(&p, 2025, &[(1, 3), (2, 0), (3, 0), (4, 0)]),
    ];
    let hits = p.evaluate_years(&cards).unwrap();
    let who = |code: &str| -> Vec<u32> {
        hits.iter()
            .find(|h| h.code == code)
            .unwrap()
            .deputies
            .iter()
            .map(|d| d.get())
            .collect()
    };
    assert_eq!(who("poor2"), [2], "3 was fair in 2024; 4 has no 2024 card");
    assert_eq!(
        who("bottom1x2"),
        [2],
        "2025: 2, 3 and 4 tie at the bottom; 2024: only 2"
    );
    assert_eq!(who("top1x3"), [1]);
    assert_eq!(who("below59"), [2, 3, 4]);
    assert_eq!(
        who("excellent2"),
        [1, 3],
        "top 2 in 2025 is 1 then a tie of 2, 3, 4 at rank 2"
    );
    // Fewer cards than years: no one.
    let short = p.evaluate_years(&cards[1..]).unwrap();
    assert!(
        short
            .iter()
            .find(|h| h.code == "top1x3")
            .unwrap()
            .deputies
            .is_empty()
    );
    // Out of order.
    let reversed: Vec<Scorecard> = cards.iter().rev().cloned().collect();
    assert_eq!(
        p.evaluate_years(&reversed),
        Err(PointsError::CardsOutOfOrder { index: 1 })
    );
}

/// Corrections under a plain policy (meeting +2, suggestion +3): the
/// scorecard and the per-act ledger resolve them the same way. Worked by
/// hand: deputy 1's meeting R1 is amended by R2 into a suggestion (+3), and
/// R2 is annulled by R3, so R1 stands again (+2); deputy 2's suggestion R4
/// is annulled by R5 (nothing), and R6 amends nothing of another deputy.
#[test]
fn corrections_resolve_alike_in_scorecard_and_ledger() {
    use deputy_work::points::Correction;
    let p = policy(|_| {});
    let s = Scorer::new(&p, year()).unwrap();
    let acts = [
        act(1, 1, StandardKind::AttendMeeting),
        act(2, 1, StandardKind::SubmitSuggestion).correcting(Correction::Amends(RecordId::new(1))),
        act(3, 1, StandardKind::SubmitSuggestion).correcting(Correction::Annuls(RecordId::new(2))),
        act(4, 2, StandardKind::SubmitSuggestion),
        act(5, 2, StandardKind::SubmitSuggestion).correcting(Correction::Annuls(RecordId::new(4))),
    ];
    let card = s.score(&acts).unwrap();
    assert_eq!(total(&card, 1), dec("2"));
    assert_eq!(total(&card, 2), dec("0"));
    assert_eq!((card.stats.superseded, card.stats.corrections), (2, 2));
    let ledger = s.ledger_for(DeputyId::new(1), &acts).unwrap();
    assert_eq!(ledger.total, total(&card, 1));
    let outcomes: Vec<(u64, Disposition)> = ledger
        .skipped
        .iter()
        .map(|k| (k.act.get(), k.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [(2, Disposition::Superseded), (3, Disposition::Annulment)]
    );
    assert_eq!(
        s.ledger_for(DeputyId::new(2), &acts).unwrap().total,
        dec("0")
    );
    // Without the annulment of R2, the amendment stands: +3 instead of +2.
    let card = s.score(&acts[..2]).unwrap();
    assert_eq!(total(&card, 1), dec("3"));
    // A correction of another deputy's record is refused, naming the act.
    let bad = [
        act(1, 1, StandardKind::AttendMeeting),
        act(2, 2, StandardKind::AttendMeeting).correcting(Correction::Annuls(RecordId::new(1))),
    ];
    let err = s.score(&bad).unwrap_err().to_string();
    assert!(
        err.contains("R2") && err.contains("another deputy"),
        "{err}"
    );
    // A tally cannot take a correction one act at a time.
    assert!(matches!(
        s.tally_acts(&acts),
        Err(PointsError::NeedsWholeScore { .. })
    ));
}

#[test]
fn bonus_lines_are_labelled_by_what_earned_them_everywhere() {
    use deputy_work::points::Bonus;
    let p = policy(|d| {
        // A second bonus with labels of its own, for a combination.
        let both = Bonus {
            qualifiers: vec![
                Qualifier::new("key_suggestion").unwrap(),
                Qualifier::new("lead").unwrap(),
            ],
            label_zh: Some("重点建议领衔".into()),
            label_en: Some("key suggestion, led".into()),
            ..Bonus::new(Qualifier::new("lead").unwrap(), dec("1"))
        };
        d.rules[3].bonuses.push(both);
    });
    let s = Scorer::new(&p, year()).unwrap();
    let a = act(1, 1, StandardKind::SubmitSuggestion)
        .with_qualifier(Qualifier::new("key_suggestion").unwrap())
        .with_qualifier(Qualifier::new("lead").unwrap());
    let want = [
        (
            LineItem::Bonus(0),
            "提出建议 · key_suggestion（中文）",
            "submitting a suggestion · key_suggestion",
        ),
        (
            LineItem::Bonus(1),
            "提出建议 · 重点建议领衔",
            "submitting a suggestion · key suggestion, led",
        ),
    ];
    // The scorecard's aggregate ledger, through `line_label`.
    let card = s.score([&a]).unwrap();
    let bonus_lines: Vec<(LineItem, (String, String))> = card.entries[0]
        .ledger
        .iter()
        .filter(|l| matches!(l.item, LineItem::Bonus(_)))
        .map(|l| (l.item, p.line_label(l)))
        .collect();
    // The per-act ledger, through `item_label`.
    let ledger = s.ledger_for(DeputyId::new(1), [&a]).unwrap();
    let per_act: Vec<(LineItem, (String, String))> = ledger
        .lines
        .iter()
        .filter(|l| matches!(l.item, LineItem::Bonus(_)))
        .map(|l| (l.item, p.item_label(l.kind, l.item)))
        .collect();
    // The legend every scorecard carries.
    let kind = Some(StandardKind::SubmitSuggestion.into());
    for lines in [&bonus_lines, &per_act] {
        assert_eq!(lines.len(), 2);
        for ((item, (zh, en)), (w_item, w_zh, w_en)) in lines.iter().zip(want) {
            assert_eq!((*item, zh.as_str(), en.as_str()), (w_item, w_zh, w_en));
            assert!(!zh.contains("附加分"), "{zh}");
        }
    }
    for (item, zh, en) in want {
        let l = card.legend.line(kind, item).unwrap();
        assert_eq!((l.label_zh.as_str(), l.label_en.as_str()), (zh, en));
    }
}

#[test]
fn bands_honours_consequences_and_local_kinds_are_found_by_code() {
    let p = policy(|d| d.consequences = vec![consequence("talk", Condition::Bottom(1), 1)]);
    let codes = |bands: &[&str]| -> Vec<Option<String>> {
        bands
            .iter()
            .map(|c| p.band(c).map(|b| b.label_zh.clone()))
            .collect()
    };
    assert_eq!(
        codes(&["good", "fair", "poor", "excellent", ""]),
        [
            Some("好".into()),
            Some("较好".into()),
            Some("差".into()),
            None,
            None
        ]
    );
    assert_eq!(p.honour("excellent").map(|h| h.top), Some(2));
    assert!(p.honour("good").is_none());
    assert_eq!(p.consequence("talk").map(|c| c.years), Some(1));
    assert!(p.consequence("excellent").is_none());
    assert_eq!(
        p.local_kind(7).map(|k| k.label_en.as_str()),
        Some("grid visit")
    );
    assert!(p.local_kind(8).is_none());
    // Every band and honour code a scorecard gives is found.
    let s = Scorer::new(&p, year()).unwrap();
    let acts: Vec<Act> = (1..=4)
        .map(|i| {
            act(i, u32::try_from(i).unwrap(), StandardKind::Absence)
                .with_quantity(u32::try_from(i).unwrap() * 6)
        })
        .collect();
    let card = s.score(&acts).unwrap();
    for e in &card.entries {
        assert!(e.band.as_deref().is_none_or(|b| p.band(b).is_some()));
        assert!(e.honour.as_deref().is_none_or(|h| p.honour(h).is_some()));
    }
}

#[test]
fn errors_read_in_chinese_with_the_same_field_and_data() {
    use deputy_work::common::Labelled;
    // (error, its Chinese label, what its Chinese message must say)
    let cases: Vec<(PointsError, &str, Vec<&str>)> = vec![
        (
            invalid(|d| d.rules[1].cap = Some(dec("-1"))),
            "上限为负数",
            vec!["rules[1].cap", "-1", "不得为负数"],
        ),
        (
            invalid(|d| d.rules.push(Rule::new(ActKind::Local(9), dec("1")))),
            "未知类别",
            vec!["rules[5].kind", "local:9"],
        ),
        (
            invalid(|d| d.bands[1].below = Some(dec("70"))),
            "档次间有空档",
            vec!["bands[1]", "空档"],
        ),
        (
            Scorer::new(&policy(|_| {}), Period::year(2040).unwrap()).unwrap_err(),
            "期间超出施行期",
            vec!["2040-01-01", "2040-12-31", "2020-01-01", "2030-12-31"],
        ),
        (
            {
                let p = policy(|_| {});
                let s = Scorer::new(&p, year()).unwrap();
                let a = act(3, 1, StandardKind::AttendMeeting).with_share(4, 2);
                s.score([&a]).unwrap_err()
            },
            "履职记录有误",
            vec!["R3", "分摊"],
        ),
    ];
    for (err, label, says) in cases {
        let zh = err.message_zh();
        assert_eq!(err.label_zh(), label, "{err}");
        for piece in says {
            assert!(zh.contains(piece), "{zh} should say {piece} ({err})");
        }
        assert!(!err.label_en().is_empty());
    }
}

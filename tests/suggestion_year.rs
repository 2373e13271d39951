//! A year at the seed's scale ([`SampleYear::ORDOS_2025`]): 181 suggestions
//! replied 131 A, 49 B, 1 C; 8 key suggestions; earlier B items looked back
//! at, 113 solved in the year; this year's B items carried into next year's
//! look-back. Figures worked out by hand from the plan in the `samples`
//! module docs.

use chrono::NaiveDate;
use deputy_work::common::UnitId;
use deputy_work::suggestion::samples::SampleYear;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn as_of_25_april_the_three_late_replies_are_overdue() {
    let as_of = d(2025, 4, 25);
    let reg = SampleYear::ORDOS_2025.register_as_of(as_of).unwrap();
    // Assigned 19 January, due 19 April; the 60th, 120th and 180th items
    // are replied on 29 April. Item n goes to unit 101 + (n - 1) % 14.
    let overdue: Vec<(u32, Option<UnitId>, NaiveDate, i64)> = reg
        .overdue(as_of)
        .iter()
        .map(|o| (o.id.get(), o.unit, o.due, o.days_overdue))
        .collect();
    let due = d(2025, 4, 19);
    assert_eq!(
        overdue,
        [
            (60, Some(UnitId::new(104)), due, 6),
            (120, Some(UnitId::new(108)), due, 6),
            (180, Some(UnitId::new(112)), due, 6),
        ]
    );
    // The look-back's deadline, 3 May, warns from 18 April: the 17 items
    // not solved yet, and not the 113 solved by 4 April.
    assert_eq!(reg.due_soon(as_of).len(), 17);
    assert_eq!(reg.awaiting_feedback().len(), 0);
}

#[test]
fn as_of_20_may_the_unsolved_look_backs_are_overdue() {
    let as_of = d(2025, 5, 20);
    let reg = SampleYear::ORDOS_2025.register_as_of(as_of).unwrap();
    let overdue = reg.overdue(as_of);
    assert_eq!(overdue.len(), 17);
    assert!(
        overdue
            .iter()
            .all(|o| o.id.get() >= 250_000 && o.due == d(2025, 5, 3) && o.days_overdue == 17)
    );
}

#[test]
fn the_seed_year() {
    let reg = SampleYear::ORDOS_2025.register().unwrap();
    let counts = reg.counts();
    // The counts are of the year's items: the look-back items, replied B in
    // their own years, count only as solved in the look-back.
    let by_class: Vec<(&str, u32)> = counts
        .by_class
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(by_class, [("A", 131), ("B", 49), ("C", 1)]);
    assert_eq!(
        (counts.received, counts.replied, counts.closed, counts.key),
        (181, 181, 181, 8)
    );
    assert_eq!(counts.replied_on_time, 181 - 3, "every sixtieth reply late");
    // Basically satisfied: the C item (181st) and items 5, 14, …, 176 (i % 9 == 4 from 0).
    assert_eq!(counts.feedback.basically_satisfied, 20 + 1);
    assert_eq!(counts.feedback.satisfied, 181 - 21);
    assert_eq!(counts.look_back_resolved, 113);
    // 181 items over 14 units: the first 13 units get 13, the last 12.
    assert_eq!(counts.units.len(), 14);
    assert_eq!(counts.units[&UnitId::new(101)].assigned, 13);
    assert_eq!(counts.units[&UnitId::new(114)].assigned, 12);
    assert_eq!(
        reg.overdue(d(2025, 12, 31)).len(),
        17,
        "only the look-backs not solved"
    );
    assert!(reg.awaiting_feedback().is_empty());
    // This year's 49 B items and the 17 earlier ones not solved are on the
    // books for next year's look-back.
    assert_eq!(reg.due_for_look_back(2026).len(), 49 + 17);
    assert!(
        reg.due_for_look_back(2025).is_empty(),
        "looked back in 2025"
    );
}

#[test]
fn the_seed_year_before_runs_the_same_plan() {
    let y2024 = SampleYear::ORDOS_2024.register().unwrap().counts();
    assert_eq!(y2024.year, 2024);
    assert_eq!(
        y2024.by_class.values().copied().collect::<Vec<_>>(),
        [118, 50, 2]
    );
    assert_eq!(
        (y2024.received, y2024.key, y2024.look_back_resolved),
        (170, 6, 87)
    );
}

//! A year at the seed's scale: 181 suggestions replied 131 A, 49 B, 1 C;
//! 8 key suggestions; the B items carried into next year's look-back.

use chrono::{Days, Months, NaiveDate};
use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::suggestion::{
    Action, Actor, Command, Feedback, Policy, Register, ReviewChecks, Suggestion,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Suggestion `i`: submitted in January or February, assigned a week later
/// to unit `1 + i % 12`; every tenth reply is 100 days after assignment
/// (late), the others 40 days.
fn plan(i: u32, class: &str) -> Vec<Command> {
    let lead = Actor::Deputy(DeputyId::new(i));
    let office = Actor::Office(PersonId::new(100));
    let unit = UnitId::new(1 + i % 12);
    let submitted = d(2025, 1, 6) + Days::new(u64::from(i % 50));
    let assigned = submitted + Days::new(7);
    let replied = assigned + Days::new(if i % 10 == 0 { 100 } else { 40 });
    let mut v = vec![
        Command::new(
            submitted,
            lead,
            Action::Draft {
                title: format!("建议{i}"),
                co_signers: vec![],
            },
        ),
        Command::new(submitted, lead, Action::Submit),
        Command::new(
            submitted + Days::new(2),
            office,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        ),
        Command::new(
            assigned,
            office,
            Action::Assign {
                lead_unit: unit,
                co_units: vec![],
            },
        ),
    ];
    if i % 22 == 0 {
        v.push(Command::new(
            assigned,
            Actor::StandingCommittee,
            Action::MarkKey {
                leader: PersonId::new(7),
                committee: UnitId::new(90),
            },
        ));
    }
    v.push(Command::new(
        replied,
        Actor::Unit(unit),
        Action::Reply {
            class: class.into(),
        },
    ));
    let verdict = if i % 30 == 0 {
        Feedback::BasicallySatisfied
    } else {
        Feedback::Satisfied
    };
    v.push(Command::new(
        replied + Days::new(5),
        lead,
        Action::Feedback {
            verdict,
            attitude: None,
        },
    ));
    v
}

fn class_of(i: u32) -> &'static str {
    // Spread the one C and the 49 B among the A items.
    match i {
        91 => "C",
        _ if i % 4 == 2 || [37, 111, 148, 175].contains(&i) => "B",
        _ => "A",
    }
}

#[test]
fn the_seed_year() {
    let policy = Policy::seed();
    let classes: Vec<&str> = (1..=181).map(class_of).collect();
    let b = classes.iter().filter(|c| **c == "B").count();
    assert_eq!(
        (b, classes.iter().filter(|c| **c == "C").count()),
        (49, 1),
        "the plan itself"
    );

    let mut reg = Register::new(2025);
    let as_of = d(2025, 5, 1);
    let mut later = Vec::new();
    for i in 1..=181 {
        let id = SuggestionId::new(i);
        reg.insert(Suggestion::new(id)).unwrap();
        for c in plan(i, class_of(i)) {
            if c.date <= as_of {
                reg.handle(id, &c, &policy, &WeekendCalendar).unwrap();
            } else {
                later.push((id, c));
            }
        }
    }
    // As of 1 May: the late items whose 3 months ran out before 1 May and
    // whose reply comes after it.
    let overdue = reg.overdue(as_of);
    let expected: Vec<u32> = (1..=181)
        .filter(|i| {
            let assigned = d(2025, 1, 13) + Days::new(u64::from(i % 50));
            let due = assigned + Months::new(3);
            i % 10 == 0 && due < as_of && assigned + Days::new(100) > as_of
        })
        .collect();
    assert_eq!(expected, [10, 60, 110, 160]);
    assert_eq!(
        overdue.iter().map(|o| o.id.get()).collect::<Vec<_>>(),
        expected
    );
    assert!(overdue.iter().all(|o| o.days_overdue > 0 && o.due < as_of));
    for (id, c) in later {
        reg.handle(id, &c, &policy, &WeekendCalendar).unwrap();
    }

    let counts = reg.counts();
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
    assert_eq!(
        counts.replied_on_time,
        181 - 18,
        "every tenth reply was late"
    );
    assert_eq!(counts.feedback.basically_satisfied, 6);
    assert_eq!(counts.units.len(), 12);
    assert_eq!(counts.units.values().map(|u| u.replied).sum::<u32>(), 181);
    assert!(reg.overdue(d(2025, 12, 31)).is_empty());
    assert!(reg.awaiting_feedback().is_empty());
    // The 49 B items are on the books for next year's look-back.
    assert_eq!(reg.due_for_look_back(2026).len(), 49);
    assert_eq!(reg.by_class("B").len(), 49);
}

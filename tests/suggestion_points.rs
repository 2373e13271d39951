//! Duty points straight from the suggestion register: the register's
//! suggestions become duty acts (`Register::duty_acts`) and a points policy
//! scores them. Totals worked by hand below.

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Period, SuggestionId, WeekendCalendar};
use deputy_work::suggestion::{Action, Actor, Command, DutyActs, Policy, Register, Suggestion};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[cfg(feature = "serde")]
const OFFICE: Actor = Actor::Office(deputy_work::common::PersonId::new(100));

fn deputy(n: u32) -> Actor {
    Actor::Deputy(DeputyId::new(n))
}

/// A suggestion by `lead` with `co` submitted on `on`, then `more`.
fn suggestion(id: u32, lead: u32, co: &[u32], on: NaiveDate, more: &[Command]) -> Suggestion {
    let policy = Policy::seed();
    let mut s = Suggestion::new(SuggestionId::new(id));
    let draft = Command::new(
        on,
        deputy(lead),
        Action::Draft {
            title: format!("建议{id}"),
            co_signers: co.iter().copied().map(DeputyId::new).collect(),
        },
    );
    let submit = Command::new(on, deputy(lead), Action::Submit);
    for c in [&draft, &submit].into_iter().chain(more) {
        s.handle(c, &policy, &WeekendCalendar).unwrap();
    }
    s
}

#[cfg(feature = "serde")]
const POINTS: &str = r#"
name = "建议积分"
version = "1"
in_force = { start = "2025-01-01", end = "2025-12-31" }

[[act_roles]]
code = "lead"
label_zh = "领衔"
label_en = "lead"

[[act_roles]]
code = "co_signer"
label_zh = "附议"
label_en = "co-signer"

[[qualifiers]]
code = "filed"
label_zh = "立案"
label_en = "filed"

[[qualifiers]]
code = "key"
label_zh = "重点建议"
label_en = "key suggestion"

[[qualifiers]]
code = "adopted"
label_zh = "答复采纳"
label_en = "adopted"

[[rules]]
kind = "submit_suggestion"
points_by_role = { lead = "5", co_signer = "2" }
bonuses = [ { qualifier = "filed", points = "3" },
            { qualifiers = ["key"], role = "lead", points = "4" },
            { qualifier = "adopted", points = "1" } ]
"#;

#[cfg(feature = "serde")]
#[test]
fn duty_points_come_straight_from_the_register() {
    use deputy_work::common::UnitId;
    use deputy_work::points::{Code as RoleCode, Policy as PointsPolicy, Qualifier, Scorer};
    use deputy_work::suggestion::{Code, ReviewChecks};
    use rust_decimal::Decimal;
    let registered = |on| {
        Command::new(
            on,
            OFFICE,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        )
    };
    let mut reg = Register::new(2025);
    // S1: D1 leads, D2 and D3 co-sign; registered, key, replied A.
    reg.insert(suggestion(
        1,
        1,
        &[2, 3],
        d(2025, 1, 7),
        &[
            registered(d(2025, 1, 10)),
            Command::new(
                d(2025, 1, 12),
                Actor::StandingCommittee,
                Action::MarkKey {
                    leader: deputy_work::common::PersonId::new(7),
                    committee: UnitId::new(90),
                },
            ),
            Command::new(
                d(2025, 1, 15),
                OFFICE,
                Action::Assign {
                    lead_unit: UnitId::new(31),
                    co_units: vec![],
                },
            ),
            Command::new(
                d(2025, 3, 1),
                Actor::Unit(UnitId::new(31)),
                Action::Reply { class: "A".into() },
            ),
        ],
    ))
    .unwrap();
    // S2: D2 alone; not registered.
    reg.insert(suggestion(
        2,
        2,
        &[],
        d(2025, 2, 1),
        &[Command::new(
            d(2025, 2, 3),
            OFFICE,
            Action::Decline {
                reason: "litigation".into(),
                reference_opinion: false,
            },
        )],
    ))
    .unwrap();
    // S3: submitted the year before: not this year's acts.
    reg.insert(suggestion(3, 1, &[2], d(2024, 12, 30), &[]))
        .unwrap();

    let mapping = DutyActs {
        lead: Some(RoleCode::new("lead").unwrap()),
        co_signer: Some(RoleCode::new("co_signer").unwrap()),
        registered: Some(Qualifier::new("filed").unwrap()),
        key: Some(Qualifier::new("key").unwrap()),
        classes: vec![(Code::new("A").unwrap(), Qualifier::new("adopted").unwrap())],
        shares: false,
    };
    let year = Period::year(2025).unwrap();
    let acts = reg.duty_acts(year, &mapping);
    assert_eq!(acts.len(), 4, "three proposers of S1, one of S2");
    // Taken twice, the same acts (the same record ids).
    assert_eq!(reg.duty_acts(year, &mapping), acts);

    let policy: PointsPolicy = toml::from_str(POINTS).unwrap();
    let card = Scorer::new(&policy, year).unwrap().score(&acts).unwrap();
    let total = |n: u32| {
        card.entries
            .iter()
            .find(|e| e.deputy == DeputyId::new(n))
            .map(|e| e.total)
    };
    // D1: S1 as lead 5 + filed 3 + key and lead 4 + adopted 1 = 13.
    assert_eq!(total(1), Some(Decimal::from(13)));
    // D2: S1 as co-signer 2 + 3 + 1 (the key bonus is the lead's) = 6;
    // S2 as lead 5, not filed, no reply: 11.
    assert_eq!(total(2), Some(Decimal::from(11)));
    // D3: S1 as co-signer: 6.
    assert_eq!(total(3), Some(Decimal::from(6)));
}

#[test]
fn shares_give_each_proposer_their_place() {
    let mut reg = Register::new(2025);
    reg.insert(suggestion(9, 4, &[5, 6], d(2025, 5, 5), &[]))
        .unwrap();
    let acts = reg.duty_acts(
        Period::year(2025).unwrap(),
        &DutyActs {
            shares: true,
            ..DutyActs::default()
        },
    );
    let places: Vec<(u32, u32, u32)> = acts
        .iter()
        .map(|a| {
            let s = a.share().unwrap();
            (a.deputy.get(), s.position, s.of)
        })
        .collect();
    assert_eq!(places, [(4, 1, 3), (5, 2, 3), (6, 3, 3)]);
    assert!(
        acts.iter()
            .all(|a| a.role().is_none() && a.item() == Some(9))
    );
    let ids: Vec<u64> = acts.iter().map(|a| a.id.get()).collect();
    assert_eq!(ids, [9 << 32, (9 << 32) + 1, (9 << 32) + 2]);
}

//! The bridge from the suggestion engine to the report: the register's
//! counts and the plain records made from the same states agree, figure by
//! figure; the register's year, ids and classes are checked.

mod cases;

#[path = "../examples/seed_data/mod.rs"]
mod seed_data;

use chrono::{Datelike, NaiveDate};
use deputy_work::common::{Period, UnitId};
use deputy_work::report::{
    AnnualReport, LookBackItem, Metric, ReportError, ReportInput, ReportOptions, SuggestionCounts,
    SuggestionRecord, UnitEvaluation, Value,
};
use deputy_work::stats::Verdict;
use deputy_work::suggestion::{Code, Feedback, Policy, Register};
use plan::{Plan, Stop};
use proptest::prelude::*;

/// The plain records a platform without the engine would keep for the
/// register's items: the year's suggestions and every followed-up item.
fn plain(register: &Register) -> (Vec<SuggestionRecord>, Vec<LookBackItem>) {
    let states = || register.iter().map(|s| s.state());
    let records = states()
        .filter_map(SuggestionRecord::from_state)
        .filter(|r| r.received.year() == register.year())
        .collect();
    let look_back = states().filter_map(LookBackItem::from_state).collect();
    (records, look_back)
}

fn year() -> Period {
    Period::year(2025).unwrap()
}

#[test]
fn the_seed_register_and_its_plain_records_give_the_same_report() {
    let input = seed_data::ordos_2025();
    let register = input.register.clone().unwrap();
    assert!(input.suggestions.is_empty() && input.look_back.is_empty());
    let (records, look_back) = plain(&register);
    assert_eq!((records.len(), look_back.len()), (181, 130 + 49));

    let from_engine = SuggestionCounts::from_register(&register, &input.policy).unwrap();
    let evaluations = UnitEvaluation::from_register(&register);
    assert_eq!(evaluations.len(), 4);
    let from_records =
        SuggestionCounts::count(&records, &look_back, &evaluations, &input.policy, year()).unwrap();
    assert_eq!(from_engine, from_records);
    assert_eq!(from_engine.look_back_resolved, 113);

    let by_records = ReportInput {
        register: None,
        suggestions: records,
        look_back,
        evaluations,
        ..input.clone()
    };
    let o = ReportOptions::default();
    assert_eq!(
        AnnualReport::build(&input, year(), o).unwrap(),
        AnnualReport::build(&by_records, year(), o).unwrap()
    );
}

#[test]
fn the_2024_register_and_its_plain_records_agree_too() {
    let input = seed_data::ordos_2024();
    let register = input.register.clone().unwrap();
    let (records, look_back) = plain(&register);
    // The made-up 2024: 118 A, 50 B, 2 C; 87 earlier items solved.
    assert_eq!(records.len(), 170);
    let evaluations = UnitEvaluation::from_register(&register);
    let y2024 = Period::year(2024).unwrap();
    let from_engine = SuggestionCounts::from_register(&register, &input.policy).unwrap();
    let from_records =
        SuggestionCounts::count(&records, &look_back, &evaluations, &input.policy, y2024).unwrap();
    assert_eq!(from_engine, from_records);
    assert_eq!(
        (
            from_engine.class("A"),
            from_engine.class("B"),
            from_engine.class("C")
        ),
        (118, 50, 2)
    );
    assert_eq!(from_engine.look_back_resolved, 87);
}

#[test]
fn unit_rates_come_from_the_registers_counts() {
    let input = seed_data::ordos_2025();
    let register = input.register.as_ref().unwrap();
    let counts = register.counts();
    let r = AnnualReport::build(&input, year(), ReportOptions::default()).unwrap();
    assert_eq!(r.units.len(), counts.units.len());
    for u in &r.units {
        let c = counts.units[&u.unit];
        let on_time = match u.on_time {
            Value::Percent { part, whole, .. } => (part, whole),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            on_time,
            (u64::from(c.replied_on_time), u64::from(c.assigned))
        );
        assert_eq!(u.feedback.satisfied, u64::from(c.feedback.satisfied));
        assert_eq!(
            u.feedback.basically_satisfied,
            u64::from(c.feedback.basically_satisfied)
        );
    }
    // The three late replies fall on units 101, 103 and 105 (items 60,
    // 120 and 180 of 14 units each): 12 of 13 on time there.
    let late: Vec<(UnitId, String)> = r
        .units
        .iter()
        .filter(|u| u.on_time.percent() != Some("100.0".parse().unwrap()))
        .map(|u| (u.unit, u.on_time.percent().unwrap().to_string()))
        .collect();
    assert_eq!(late.len(), 3, "{late:?}");
    assert!(late.iter().all(|(_, p)| p == "92.3"), "{late:?}");
}

#[test]
fn a_register_of_another_year_is_refused() {
    let input = seed_data::ordos_2025();
    let err = AnnualReport::build(
        &input,
        Period::year(2024).unwrap(),
        ReportOptions::default(),
    );
    assert_eq!(
        err,
        Err(ReportError::RegisterYear {
            year: 2025,
            period: Period::year(2024).unwrap()
        })
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        "the register counts the year 2025, the report covers 2024-01-01 to 2024-12-31"
    );
    // Nor may a period reaching past the register's year.
    let across = Period::new(
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    )
    .unwrap();
    assert!(matches!(
        AnnualReport::build(&input, across, ReportOptions::default()),
        Err(ReportError::RegisterYear { year: 2025, .. })
    ));
}

/// The register's counts for `period` and the plain records' agree, apart
/// from what the plain path counts as outside the period.
fn register_and_plain_agree(period: Period) -> SuggestionCounts {
    let input = seed_data::ordos_2025();
    let register = input.register.clone().unwrap();
    let (records, look_back) = plain(&register);
    let evaluations = UnitEvaluation::from_register(&register);
    let from_engine = SuggestionCounts::from_register_in(&register, &input.policy, period).unwrap();
    let from_records =
        SuggestionCounts::count(&records, &look_back, &evaluations, &input.policy, period).unwrap();
    assert_eq!(
        from_engine.outside_period, 0,
        "the register counts its year"
    );
    let mut from_records_in_period = from_records.clone();
    from_records_in_period.outside_period = 0;
    assert_eq!(from_engine, from_records_in_period, "{period}");
    // The report takes the same figures and units.
    let o = ReportOptions::default();
    let by_engine = AnnualReport::build(&input, period, o).unwrap();
    let by_records = AnnualReport::build(
        &ReportInput {
            register: None,
            suggestions: records,
            look_back,
            evaluations,
            ..input
        },
        period,
        o,
    )
    .unwrap();
    assert_eq!(by_engine.figures, by_records.figures, "{period}");
    assert_eq!(by_engine.units, by_records.units, "{period}");
    from_engine
}

#[test]
fn a_register_reports_a_quarter_and_a_month_of_its_year() {
    let quarters: Vec<SuggestionCounts> = (1..=4)
        .map(|q| register_and_plain_agree(Period::quarter(2025, q).unwrap()))
        .collect();
    let months: Vec<SuggestionCounts> = (1..=12)
        .map(|m| register_and_plain_agree(Period::month(2025, m).unwrap()))
        .collect();
    let whole = register_and_plain_agree(year());
    // The parts add up to the year: received, key, replies by class,
    // look-back items solved.
    let sum = |parts: &[SuggestionCounts]| {
        let mut all = SuggestionCounts::default();
        for p in parts {
            all.merge(p.clone());
        }
        all
    };
    for parts in [sum(&quarters), sum(&months)] {
        assert_eq!(parts.received, 181);
        assert_eq!(parts.received, whole.received);
        assert_eq!(parts.key, whole.key);
        assert_eq!(parts.by_class, whole.by_class);
        assert_eq!(parts.look_back_resolved, whole.look_back_resolved);
    }
    // The seed's parts, by hand: every suggestion is submitted in January
    // (at the congress's session); look-back items are solved in February
    // (38), March (62) and April (13); the committee rates two units in
    // October and two in November.
    let shape = |c: &SuggestionCounts| (c.received, c.look_back_resolved, c.evaluations.len());
    let by_quarter: Vec<_> = quarters.iter().map(shape).collect();
    assert_eq!(
        by_quarter,
        [(181, 100, 0), (0, 13, 0), (0, 0, 0), (0, 0, 4)]
    );
    let by_month: Vec<_> = months.iter().map(shape).collect();
    let mut want = vec![(0, 0, 0); 12];
    want[0] = (181, 0, 0);
    want[1] = (0, 38, 0);
    want[2] = (0, 62, 0);
    want[3] = (0, 13, 0);
    want[9] = (0, 0, 2);
    want[10] = (0, 0, 2);
    assert_eq!(by_month, want);
}

#[test]
fn a_plain_record_may_not_repeat_a_register_item() {
    let mut input = seed_data::ordos_2025();
    let (records, _) = plain(input.register.as_ref().unwrap());
    input.suggestions.push(records[5].clone());
    assert!(matches!(
        AnnualReport::build(&input, year(), ReportOptions::default()),
        Err(ReportError::Records(_))
    ));
}

#[test]
fn a_register_handled_under_another_policy_is_refused() {
    let mut input = seed_data::ordos_2025();
    let classes = ["甲", "乙", "丙"]
        .iter()
        .zip(Policy::seed().classes())
        .map(|(c, k)| deputy_work::suggestion::ReplyClass {
            code: Code::new(c).unwrap(),
            ..k.clone()
        })
        .collect();
    input.policy = Policy::new(deputy_work::suggestion::PolicyData::new("县", classes)).unwrap();
    let err = AnnualReport::build(&input, year(), ReportOptions::default()).unwrap_err();
    assert!(
        matches!(err, ReportError::UnknownReplyClass { code, .. } if code.as_str() == "A"),
        "{err}"
    );
}

#[test]
fn the_engines_feedback_is_the_reports_verdict() {
    for (f, v) in Feedback::ALL.into_iter().zip([
        Verdict::Satisfied,
        Verdict::BasicallySatisfied,
        Verdict::Unsatisfied,
    ]) {
        assert_eq!(Verdict::from(f), v);
    }
}

fn stop(n: u8) -> Stop {
    [
        Stop::Drafted,
        Stop::Submitted,
        Stop::Withdrawn,
        Stop::Registered,
        Stop::Assigned,
        Stop::Replied,
        Stop::FedBack,
        Stop::FedBack,
    ][usize::from(n % 8)]
}

prop_compose! {
    fn plan_spec()(
        stop_n in 0_u8..8,
        class in 0_usize..3,
        late in any::<bool>(),
        verdict in 0_usize..3,
        key in any::<bool>(),
        earlier in 0_u8..4,
        unit in 1_u32..5,
        day in 0_u32..200,
        solved in any::<bool>(),
    ) -> (Stop, &'static str, bool, Feedback, bool, u8, u32, u32, bool) {
        (stop(stop_n), ["A", "B", "C"][class], late, Feedback::ALL[verdict], key, earlier, unit, day, solved)
    }
}

proptest! {
    #![proptest_config(cases::config(64))]

    /// Any mix of items, at any stage, of this year or carried over: the
    /// register's counts equal the counts of its plain records.
    #[test]
    fn both_paths_agree(specs in prop::collection::vec(plan_spec(), 0..40)) {
        let policy = Policy::seed();
        let mut register = Register::new(2025);
        for (n, (stop, class, late, verdict, key, earlier, unit, day, solved)) in specs.into_iter().enumerate() {
            // Earlier items: fed back in their year, a B closed with
            // follow-up is looked back at in 2025 and maybe solved.
            let y = if earlier == 0 { 2024 } else { 2025 };
            let submitted = NaiveDate::from_ymd_opt(y, 1, 1).unwrap() + chrono::Days::new(u64::from(day % if y == 2025 { 200 } else { 230 }));
            let closed_b = stop == Stop::FedBack && class == "B" && verdict != Feedback::Unsatisfied;
            let start = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
            let plan = Plan {
                id: n as u32 + 1,
                submitted,
                unit,
                stop,
                class,
                late,
                verdict,
                key,
                look_back: (closed_b && y == 2024).then(|| (start, solved.then(|| start + chrono::Days::new(20)))),
            };
            register.insert(plan::drive(&plan, &policy)).unwrap();
        }
        let (records, look_back) = plain(&register);
        let engine = SuggestionCounts::from_register(&register, &policy).unwrap();
        let plain_counts = SuggestionCounts::count(&records, &look_back, &[], &policy, year()).unwrap();
        prop_assert_eq!(&engine, &plain_counts);
        // And the report's class shares still add up to 100 when any replied.
        let input = ReportInput { register: Some(register), ..ReportInput::default() };
        let r = AnnualReport::build(&input, year(), ReportOptions::default()).unwrap();
        let shares: Vec<_> = r.figures.iter().filter(|f| matches!(f.metric, Metric::ReplyClass(_))).filter_map(|f| f.value.percent()).collect();
        prop_assert_eq!(shares.len(), if engine.by_class.is_empty() { 0 } else { 3 });
        if !shares.is_empty() {
            prop_assert_eq!(shares.iter().sum::<rust_decimal::Decimal>(), rust_decimal::Decimal::ONE_HUNDRED);
        }
    }
}

/// The input with its register survives JSON, and the report is the same.
#[cfg(feature = "serde")]
#[test]
fn the_input_with_its_register_round_trips_through_json() {
    let input = seed_data::ordos_2025();
    let json = serde_json::to_string(&input).unwrap();
    let back: ReportInput = serde_json::from_str(&json).unwrap();
    assert_eq!(back, input);
    // A table with no policy takes the seed's; an unknown field is refused.
    let plain: ReportInput = serde_json::from_str(
        r#"{"suggestions": [{"id": 1, "received": "2025-01-10",
             "reply": {"class": "B", "on_time": false}}]}"#,
    )
    .unwrap();
    assert_eq!(plain.policy, Policy::seed());
    assert_eq!(plain.suggestions[0].lead_unit, None);
    let r = AnnualReport::build(&plain, year(), ReportOptions::default()).unwrap();
    assert_eq!(
        r.value(Metric::ReplyClass(Code::new("B").unwrap()))
            .and_then(Value::percent),
        Some("100.0".parse().unwrap())
    );
    assert!(serde_json::from_str::<ReportInput>(r#"{"registers": []}"#).is_err());
}

/// Made-up suggestions driven through the engine to any stage of their life
/// cycle, for the property test below.
mod plan {
    use chrono::{Days, NaiveDate};
    use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
    use deputy_work::suggestion::{
        Action, Actor, Command, Feedback, Policy, ReviewChecks, Suggestion,
    };

    /// How far a made-up suggestion goes through its life cycle.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub(super) enum Stop {
        /// Drafted, never submitted.
        Drafted,
        /// Submitted, awaiting pre-review.
        Submitted,
        /// Withdrawn by the lead deputy before assignment.
        Withdrawn,
        /// Registered (立案), not yet assigned.
        Registered,
        /// Assigned to the lead unit.
        Assigned,
        /// Replied.
        Replied,
        /// Replied and fed back.
        FedBack,
    }

    /// One made-up suggestion's life: the commands a platform would send.
    #[derive(Debug, Clone)]
    pub(super) struct Plan {
        /// The suggestion's number (also its lead deputy's).
        pub(super) id: u32,
        /// The day it is submitted.
        pub(super) submitted: NaiveDate,
        /// The lead unit.
        pub(super) unit: u32,
        /// How far it goes.
        pub(super) stop: Stop,
        /// The reply class.
        pub(super) class: &'static str,
        /// Whether the reply comes after the 3-month deadline.
        pub(super) late: bool,
        /// The feedback.
        pub(super) verdict: Feedback,
        /// Whether the standing committee marks it key (重点建议).
        pub(super) key: bool,
        /// A look-back (回头看) started on this day, for a closed followed-up
        /// item, and the day of a follow-up reply solving it, if any.
        pub(super) look_back: Option<(NaiveDate, Option<NaiveDate>)>,
    }

    /// The commands of a plan, in order.
    pub(super) fn commands(p: &Plan) -> Vec<Command> {
        let lead = Actor::Deputy(DeputyId::new(p.id));
        let office = Actor::Office(PersonId::new(9_001));
        let unit = UnitId::new(p.unit);
        let at = |days: u64| p.submitted.checked_add_days(Days::new(days)).expect("day");
        let mut v = vec![Command::new(
            p.submitted,
            lead,
            Action::Draft {
                title: format!("建议{}", p.id),
                co_signers: vec![],
            },
        )];
        let steps: [(Stop, Vec<Command>); 6] = [
            (
                Stop::Submitted,
                vec![Command::new(p.submitted, lead, Action::Submit)],
            ),
            (
                Stop::Withdrawn,
                vec![Command::new(at(1), lead, Action::Withdraw)],
            ),
            (
                Stop::Registered,
                vec![Command::new(
                    at(2),
                    office,
                    Action::Register {
                        checks: ReviewChecks::PASSED,
                    },
                )],
            ),
            (Stop::Assigned, {
                let mut c = vec![Command::new(
                    at(7),
                    office,
                    Action::Assign {
                        lead_unit: unit,
                        co_units: vec![],
                    },
                )];
                if p.key {
                    c.push(Command::new(
                        at(8),
                        Actor::StandingCommittee,
                        Action::MarkKey {
                            leader: PersonId::new(9_100),
                            committee: UnitId::new(90),
                        },
                    ));
                }
                c
            }),
            (
                Stop::Replied,
                vec![Command::new(
                    at(if p.late { 107 } else { 47 }),
                    Actor::Unit(unit),
                    Action::Reply {
                        class: p.class.into(),
                    },
                )],
            ),
            (
                Stop::FedBack,
                vec![Command::new(
                    at(if p.late { 112 } else { 52 }),
                    lead,
                    Action::Feedback {
                        verdict: p.verdict,
                        attitude: None,
                    },
                )],
            ),
        ];
        for (stop, cmds) in steps {
            // A withdrawn item stops there; the others skip the withdrawal.
            if stop == Stop::Withdrawn {
                if p.stop == Stop::Withdrawn {
                    v.extend(cmds);
                    return v;
                }
                continue;
            }
            if p.stop < stop {
                return v;
            }
            v.extend(cmds);
        }
        if let Some((start, solved)) = p.look_back {
            v.push(Command::new(start, office, Action::LookBack));
            if let Some(on) = solved {
                v.push(Command::new(
                    on,
                    Actor::Unit(unit),
                    Action::FollowUpReply { class: "A".into() },
                ));
            }
        }
        v
    }

    /// Drives a plan through the engine.
    pub(super) fn drive(p: &Plan, policy: &Policy) -> Suggestion {
        let mut s = Suggestion::new(SuggestionId::new(p.id));
        for c in commands(p) {
            s.handle(&c, policy, &WeekendCalendar)
                .unwrap_or_else(|e| panic!("suggestion {}: {:?} refused: {e}", p.id, c.action));
        }
        s
    }
}

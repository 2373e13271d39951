//! Every (stage, step, actor) combination: allowed ones go where the rules
//! say; all others are refused with the right error and change nothing.
//!
//! The expectations below are written out from the rules (DOMAIN.md §2), not
//! derived from the library's own tables.

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::suggestion::{
    Action, Actor, ActorKind, Command, ContactPhase, Feedback, GroupKind, Handling, LinkedItem,
    MergedItem, Policy, ProposerGroup, ReviewChecks, StageKind, Step, Suggestion, SuggestionError,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

const LEAD: Actor = Actor::Deputy(DeputyId::new(1));
const CO_SIGNER: Actor = Actor::Deputy(DeputyId::new(2));
const OTHER_DEPUTY: Actor = Actor::Deputy(DeputyId::new(9));
const OFFICE: Actor = Actor::Office(PersonId::new(100));
const LEAD_UNIT: Actor = Actor::Unit(UnitId::new(31));
const CO_UNIT: Actor = Actor::Unit(UnitId::new(32));
const OTHER_UNIT: Actor = Actor::Unit(UnitId::new(99));
const SUPERVISOR: Actor = Actor::Supervisor(PersonId::new(7));
const COMMITTEE: Actor = Actor::StandingCommittee;

const ACTORS: [Actor; 9] = [
    LEAD,
    CO_SIGNER,
    OTHER_DEPUTY,
    OFFICE,
    LEAD_UNIT,
    CO_UNIT,
    OTHER_UNIT,
    SUPERVISOR,
    COMMITTEE,
];

/// The fixtures: a name, the expected stage kind, and how to get there.
fn fixtures() -> Vec<(&'static str, StageKind, Suggestion)> {
    let policy = policy();
    let cal = WeekendCalendar;
    let build = |steps: &[(NaiveDate, Actor, Action)]| {
        let mut s = Suggestion::new(SuggestionId::new(1));
        for (date, actor, action) in steps {
            s.handle(&Command::new(*date, *actor, action.clone()), &policy, &cal)
                .unwrap_or_else(|e| panic!("fixture step {action:?}: {e}"));
        }
        s
    };
    let draft = (
        d(1, 6),
        LEAD,
        Action::Draft {
            title: "修缮校舍".into(),
            co_signers: vec![DeputyId::new(2)],
        },
    );
    let submit = (d(1, 7), LEAD, Action::Submit);
    let register = (
        d(1, 8),
        OFFICE,
        Action::Register {
            checks: ReviewChecks::PASSED,
        },
    );
    let assign = (
        d(1, 15),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![UnitId::new(32)],
        },
    );
    let reply_b = (d(2, 1), LEAD_UNIT, Action::Reply { class: "B".into() });
    let reply_a = (d(2, 1), LEAD_UNIT, Action::Reply { class: "A".into() });
    let unsatisfied = (
        d(2, 2),
        LEAD,
        Action::Feedback {
            verdict: Feedback::Unsatisfied,
            attitude: None,
        },
    );
    let satisfied = (
        d(2, 2),
        LEAD,
        Action::Feedback {
            verdict: Feedback::Satisfied,
            attitude: None,
        },
    );
    let base = [
        draft.clone(),
        submit.clone(),
        register.clone(),
        assign.clone(),
    ];
    let with = |extra: &[(NaiveDate, Actor, Action)]| {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        build(&v)
    };
    vec![
        ("empty", StageKind::Empty, build(&[])),
        (
            "draft",
            StageKind::Draft,
            build(std::slice::from_ref(&draft)),
        ),
        (
            "submitted",
            StageKind::Submitted,
            build(&[draft.clone(), submit.clone()]),
        ),
        ("registered", StageKind::Registered, build(&base[..3])),
        (
            "not registered",
            StageKind::NotRegistered,
            build(&[
                draft.clone(),
                submit.clone(),
                (
                    d(1, 8),
                    OFFICE,
                    Action::Decline {
                        reason: "academic".into(),
                        reference_opinion: false,
                    },
                ),
            ]),
        ),
        (
            "withdrawn",
            StageKind::Withdrawn,
            build(&[
                draft.clone(),
                submit.clone(),
                (d(1, 8), LEAD, Action::Withdraw),
            ]),
        ),
        (
            "merged",
            StageKind::Merged,
            build(&[
                draft.clone(),
                submit.clone(),
                register.clone(),
                (
                    d(1, 9),
                    OFFICE,
                    Action::MergeInto {
                        primary: SuggestionId::new(2),
                    },
                ),
            ]),
        ),
        ("assigned", StageKind::Assigned, with(&[])),
        (
            "assigned, extension asked",
            StageKind::Assigned,
            with(&[(
                d(1, 16),
                LEAD_UNIT,
                Action::RequestExtension { until: d(6, 1) },
            )]),
        ),
        (
            "disputed",
            StageKind::Disputed,
            with(&[(
                d(1, 16),
                CO_UNIT,
                Action::Dispute {
                    reason: "职责不符".into(),
                },
            )]),
        ),
        (
            "replied",
            StageKind::Replied,
            with(std::slice::from_ref(&reply_b)),
        ),
        (
            "re-handling",
            StageKind::Rehandling,
            with(&[reply_b.clone(), unsatisfied.clone()]),
        ),
        (
            "escalated",
            StageKind::Escalated,
            with(&[
                reply_b.clone(),
                unsatisfied.clone(),
                (d(2, 10), LEAD_UNIT, Action::Reply { class: "C".into() }),
                (
                    d(2, 11),
                    LEAD,
                    Action::Feedback {
                        verdict: Feedback::Unsatisfied,
                        attitude: None,
                    },
                ),
            ]),
        ),
        (
            "closed, followed up",
            StageKind::Closed,
            with(&[reply_b, satisfied.clone()]),
        ),
        (
            "closed, resolved",
            StageKind::Closed,
            with(&[reply_a, satisfied]),
        ),
    ]
}

/// The table's policy: the seed's, with self-handled items provided for.
fn policy() -> Policy {
    Policy::seed()
        .with_handling(Handling::default().with_self_handling(true))
        .unwrap()
}

/// One action of each step, with arguments that pass the step's own rules
/// whenever stage and actor are right (but see [`own_rule`]); a contact's
/// phase fits the fixture.
fn action(step: Step, fixture: &str) -> Option<Action> {
    Some(match step {
        Step::Draft => Action::Draft {
            title: "新建议".into(),
            co_signers: vec![],
        },
        Step::Submit => Action::Submit,
        Step::Register => Action::Register {
            checks: ReviewChecks::PASSED,
        },
        Step::Decline => Action::Decline {
            reason: "empty".into(),
            reference_opinion: true,
        },
        Step::Withdraw => Action::Withdraw,
        Step::MergeInto => Action::MergeInto {
            primary: SuggestionId::new(5),
        },
        Step::Absorb => Action::Absorb {
            item: MergedItem {
                id: SuggestionId::new(6),
                lead: DeputyId::new(6),
            },
        },
        Step::Assign => Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![UnitId::new(32)],
        },
        Step::Dispute => Action::Dispute {
            reason: "不属于本单位".into(),
        },
        Step::Reassign => Action::Reassign {
            lead_unit: UnitId::new(33),
            co_units: vec![],
        },
        Step::SendViews => Action::SendViews,
        Step::RequestExtension => Action::RequestExtension { until: d(7, 1) },
        Step::GrantExtension => Action::GrantExtension {
            unit: UnitId::new(31),
        },
        Step::Reply => Action::Reply { class: "A".into() },
        Step::Feedback => Action::Feedback {
            verdict: Feedback::Satisfied,
            attitude: None,
        },
        Step::Close => Action::Close,
        Step::MarkKey => Action::MarkKey {
            leader: PersonId::new(7),
            committee: UnitId::new(90),
        },
        Step::Remind => Action::Remind,
        Step::LookBack => Action::LookBack,
        Step::FollowUpReply => Action::FollowUpReply { class: "A".into() },
        Step::DraftForGroup => Action::DraftForGroup {
            title: "代表团建议".into(),
            group: ProposerGroup {
                kind: GroupKind::Delegation,
                group: UnitId::new(500),
                convenor: DeputyId::new(1),
                via: Some(UnitId::new(600)),
            },
        },
        Step::AssignSeparately => Action::AssignSeparately {
            units: vec![UnitId::new(31), UnitId::new(32)],
        },
        Step::Accept => Action::Accept,
        Step::HandleSelf => Action::HandleSelf,
        Step::Contact => Action::Contact {
            deputy: DeputyId::new(1),
            phase: if matches!(
                fixture,
                "assigned" | "assigned, extension asked" | "re-handling"
            ) {
                ContactPhase::During
            } else {
                ContactPhase::After
            },
            face_to_face: true,
        },
        Step::MarkConfidential => Action::MarkConfidential,
        Step::Link => Action::Link {
            earlier: vec![LinkedItem {
                id: SuggestionId::new(8),
                solved: false,
            }],
        },
        Step::CarryOver => Action::CarryOver {
            year: 2026,
            decision: "主任会议决定".into(),
        },
        _ => return None,
    })
}

/// The stage a step goes to from each fixture in which it is possible.
fn expected_next(step: Step, fixture: &str) -> Option<StageKind> {
    use StageKind as K;
    let open_handling = [
        "registered",
        "assigned",
        "assigned, extension asked",
        "disputed",
        "replied",
        "re-handling",
        "escalated",
    ];
    match (step, fixture) {
        (Step::Draft, "empty") => Some(K::Draft),
        (Step::Submit, "draft") => Some(K::Submitted),
        (Step::Register, "submitted") => Some(K::Registered),
        (Step::Decline, "submitted") => Some(K::NotRegistered),
        (Step::Withdraw, "draft" | "submitted" | "registered") => Some(K::Withdrawn),
        (Step::MergeInto, "registered") => Some(K::Merged),
        (Step::Absorb, "registered") => Some(K::Registered),
        (Step::Assign, "registered") => Some(K::Assigned),
        (Step::Dispute, "assigned" | "assigned, extension asked") => Some(K::Disputed),
        (Step::Reassign, "disputed") => Some(K::Assigned),
        (Step::SendViews, "assigned" | "assigned, extension asked") => Some(K::Assigned),
        (Step::RequestExtension, "assigned") => Some(K::Assigned),
        (Step::GrantExtension, "assigned" | "assigned, extension asked") => Some(K::Assigned),
        (Step::Reply, "assigned" | "assigned, extension asked" | "re-handling") => Some(K::Replied),
        (Step::Feedback, "replied") => Some(K::Closed),
        (Step::Close, "replied" | "escalated") => Some(K::Closed),
        (Step::MarkKey, f) if open_handling.contains(&f) => expected_kind(f),
        (Step::Remind, "assigned" | "assigned, extension asked" | "re-handling") => {
            expected_kind(fixture)
        }
        (Step::Remind | Step::LookBack | Step::FollowUpReply, "closed, followed up") => {
            Some(K::Closed)
        }
        (Step::DraftForGroup, "empty") => Some(K::Draft),
        (Step::AssignSeparately, "registered" | "disputed") => Some(K::Assigned),
        (Step::HandleSelf, "registered") => Some(K::Assigned),
        (Step::Accept, "assigned" | "assigned, extension asked") => Some(K::Assigned),
        (
            Step::Contact,
            "assigned"
            | "assigned, extension asked"
            | "re-handling"
            | "replied"
            | "escalated"
            | "closed, followed up"
            | "closed, resolved",
        )
        | (Step::Link, "registered" | "assigned" | "assigned, extension asked")
        | (
            Step::CarryOver,
            "assigned"
            | "assigned, extension asked"
            | "re-handling"
            | "replied"
            | "escalated"
            | "closed, followed up",
        ) => expected_kind(fixture),
        (Step::MarkConfidential, f)
            if !["empty", "not registered", "withdrawn", "merged"].contains(&f) =>
        {
            expected_kind(f)
        }
        _ => None,
    }
}

/// The refusal a step's own rule gives where stage and actor are right:
/// granting an extension nobody asked for, carrying over an item that is
/// not a key suggestion (no fixture is one).
fn own_rule(step: Step, fixture: &str) -> Option<SuggestionError> {
    match (step, fixture) {
        (Step::GrantExtension, "assigned") => Some(SuggestionError::NoExtensionPending {
            unit: UnitId::new(31),
        }),
        (Step::CarryOver, _) => Some(SuggestionError::CarryOverRefused {
            year: 2026,
            why: "only a key suggestion is carried over",
        }),
        _ => None,
    }
}

fn expected_kind(fixture: &str) -> Option<StageKind> {
    fixtures()
        .into_iter()
        .find(|(n, _, _)| *n == fixture)
        .map(|(_, k, _)| k)
}

/// Whether `actor` may give `step` on the fixtures' suggestion (lead deputy
/// D1 with co-signer D2; lead unit U31 with co-handling unit U32).
fn may(step: Step, actor: Actor) -> bool {
    match step {
        Step::Draft => actor.kind() == ActorKind::Deputy,
        // The group's convenor is D1.
        Step::Submit | Step::Withdraw | Step::DraftForGroup => actor == LEAD,
        Step::Register
        | Step::Decline
        | Step::MergeInto
        | Step::Absorb
        | Step::Assign
        | Step::Reassign
        | Step::GrantExtension
        | Step::LookBack
        | Step::AssignSeparately
        | Step::HandleSelf
        | Step::Link => actor == OFFICE,
        Step::Dispute | Step::Accept | Step::Contact => actor == LEAD_UNIT || actor == CO_UNIT,
        Step::MarkConfidential => actor == LEAD || actor == OFFICE,
        Step::CarryOver => actor == COMMITTEE,
        Step::SendViews => actor == CO_UNIT,
        Step::RequestExtension | Step::Reply | Step::FollowUpReply => actor == LEAD_UNIT,
        Step::Feedback => actor == LEAD || actor == CO_SIGNER,
        Step::Close => actor == OFFICE || actor == COMMITTEE,
        Step::MarkKey => actor == COMMITTEE,
        Step::Remind => actor == OFFICE || actor == SUPERVISOR || actor == COMMITTEE,
        _ => false,
    }
}

#[test]
fn every_stage_step_and_actor() {
    let policy = policy();
    let mut accepted = 0;
    let mut by_own_rule = 0;
    let mut refused = 0;
    for (name, kind, fixture) in fixtures() {
        assert_eq!(fixture.state().stage.kind(), kind, "fixture {name}");
        // Every kind of actor is covered.
        for k in ActorKind::ALL {
            assert!(ACTORS.iter().any(|a| a.kind() == k));
        }
        for step in Step::ALL {
            let Some(act) = action(step, name) else {
                continue;
            };
            for actor in ACTORS {
                let date = fixture.state().last_date.unwrap_or(d(1, 6));
                let mut s = fixture.clone();
                let result = s.handle(
                    &Command::new(date, actor, act.clone()),
                    &policy,
                    &WeekendCalendar,
                );
                let ctx = format!("{name} / {step:?} / {actor}");
                // A co-signer's verdict is recorded; the lead deputy's
                // decides (the seed policy's feedback rule).
                let next = expected_next(step, name).map(|k| {
                    if step == Step::Feedback && actor == CO_SIGNER {
                        StageKind::Replied
                    } else {
                        k
                    }
                });
                match (next, may(step, actor)) {
                    (Some(_), true) if own_rule(step, name).is_some() => {
                        assert_eq!(result.unwrap_err(), own_rule(step, name).unwrap(), "{ctx}");
                        assert_eq!(s, fixture, "{ctx}: refused but changed");
                        by_own_rule += 1;
                    }
                    (Some(next), true) => {
                        let entries = result
                            .unwrap_or_else(|e| panic!("{ctx}: refused: {e}"))
                            .len();
                        assert!(entries >= 1, "{ctx}: no event");
                        assert_eq!(s.state().stage.kind(), next, "{ctx}");
                        assert_eq!(s.trail().len(), fixture.trail().len() + entries, "{ctx}");
                        assert!(s.trail().iter().all(|e| e.date <= date), "{ctx}");
                        accepted += 1;
                    }
                    (None, _) => {
                        assert_eq!(
                            result.unwrap_err(),
                            SuggestionError::WrongStage { step, stage: kind },
                            "{ctx}"
                        );
                        assert_eq!(s, fixture, "{ctx}: refused but changed");
                        refused += 1;
                    }
                    (Some(_), false) => {
                        assert_eq!(
                            result.unwrap_err(),
                            SuggestionError::NotAllowed { actor, step },
                            "{ctx}"
                        );
                        assert_eq!(s, fixture, "{ctx}: refused but changed");
                        refused += 1;
                    }
                }
            }
        }
    }
    // 15 fixtures x 28 steps x 9 actors.
    assert_eq!(accepted + refused + by_own_rule, 15 * 28 * 9);
    assert!(accepted >= 80, "only {accepted} accepted");
    assert_eq!(by_own_rule, 7, "six carry-overs and one grant");
}

#[test]
fn the_stage_names_cover_every_fixture_kind() {
    let kinds: std::collections::BTreeSet<StageKind> =
        fixtures().into_iter().map(|(_, k, _)| k).collect();
    assert_eq!(
        kinds.len(),
        StageKind::ALL.len(),
        "every stage has a fixture"
    );
}

//! Property tests on random command sequences.
//!
//! Each generated "move" is a few random numbers read against the current
//! state: most moves pick a step possible in the stage and the actor that may
//! give it (so sequences get deep into the life cycle), the rest pick any
//! step and any actor (so refusals are exercised too).

use chrono::{Days, NaiveDate, NaiveTime};
use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::suggestion::{
    Action, Actor, Code, Command, ContactPhase, Digest, Event, Feedback, FeedbackRule, GroupKind,
    Handling, LinkedItem, MergedItem, Policy, ProposerGroup, ReviewChecks, SeveralUnitsClass, Step,
    Suggestion, TrailEntry, replay, step_allowed_in, verify,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const ACTORS: [Actor; 9] = [
    Actor::Deputy(DeputyId::new(1)),
    Actor::Deputy(DeputyId::new(2)),
    Actor::Deputy(DeputyId::new(9)),
    Actor::Office(PersonId::new(100)),
    Actor::Unit(UnitId::new(31)),
    Actor::Unit(UnitId::new(32)),
    Actor::Unit(UnitId::new(99)),
    Actor::Supervisor(PersonId::new(7)),
    Actor::StandingCommittee,
];

/// One random move: (step pick, actor pick, argument pick, days forward, guided?).
type Move = (u8, u8, u8, u8, bool);

fn moves() -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec(
        (
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            0_u8..40,
            prop::bool::weighted(0.8),
        ),
        1..80,
    )
}

fn pick<T: Copy>(items: &[T], n: u8) -> T {
    items[usize::from(n) % items.len()]
}

fn action(step: Step, arg: u8, today: NaiveDate) -> Action {
    let classes = ["A", "B", "C", "Z"];
    match step {
        Step::Draft => Action::Draft {
            title: if arg.is_multiple_of(17) {
                String::new()
            } else {
                "建议".into()
            },
            co_signers: if arg.is_multiple_of(2) {
                vec![DeputyId::new(2)]
            } else {
                vec![]
            },
        },
        Step::Submit => Action::Submit,
        Step::Register => Action::Register {
            checks: ReviewChecks {
                operable: !arg.is_multiple_of(9),
                ..ReviewChecks::PASSED
            },
        },
        Step::Decline => Action::Decline {
            reason: pick(&["litigation", "empty", "nonsense"], arg).into(),
            reference_opinion: arg.is_multiple_of(2),
        },
        Step::Withdraw => Action::Withdraw,
        Step::MergeInto => Action::MergeInto {
            primary: SuggestionId::new(u32::from(arg % 3)),
        },
        Step::Absorb => Action::Absorb {
            item: MergedItem {
                id: SuggestionId::new(u32::from(arg % 4) + 10),
                lead: DeputyId::new(5),
            },
        },
        Step::Assign | Step::Reassign => {
            let co_units = if arg.is_multiple_of(3) {
                vec![]
            } else {
                vec![UnitId::new(32)]
            };
            let lead_unit = UnitId::new(if arg.is_multiple_of(11) { 32 } else { 31 });
            if step == Step::Assign {
                Action::Assign {
                    lead_unit,
                    co_units,
                }
            } else {
                Action::Reassign {
                    lead_unit,
                    co_units,
                }
            }
        }
        Step::Dispute => Action::Dispute { reason: "r".into() },
        Step::SendViews => Action::SendViews,
        Step::RequestExtension => Action::RequestExtension {
            until: today + Days::new(u64::from(arg)),
        },
        Step::GrantExtension => Action::GrantExtension {
            unit: UnitId::new(pick(&[31, 32, 99], arg)),
        },
        Step::DraftForGroup => Action::DraftForGroup {
            title: "代表团建议".into(),
            group: ProposerGroup {
                kind: GroupKind::Delegation,
                group: UnitId::new(500),
                convenor: DeputyId::new(if arg.is_multiple_of(7) { 9 } else { 1 }),
                via: arg.is_multiple_of(2).then_some(UnitId::new(600)),
            },
        },
        Step::AssignSeparately => Action::AssignSeparately {
            units: match arg % 5 {
                0 => vec![UnitId::new(31)],
                1 => vec![UnitId::new(31), UnitId::new(32), UnitId::new(99)],
                _ => vec![UnitId::new(31), UnitId::new(32)],
            },
        },
        Step::Accept => Action::Accept,
        Step::HandleSelf => Action::HandleSelf,
        Step::Contact => Action::Contact {
            deputy: DeputyId::new(pick(&[1, 2, 9], arg)),
            phase: pick(&ContactPhase::ALL, arg / 3),
            face_to_face: arg.is_multiple_of(2),
        },
        Step::MarkConfidential => Action::MarkConfidential,
        Step::Link => Action::Link {
            earlier: vec![LinkedItem {
                id: SuggestionId::new(if arg.is_multiple_of(13) {
                    1
                } else {
                    u32::from(arg % 4) + 20
                }),
                solved: arg.is_multiple_of(2),
            }],
        },
        Step::CarryOver => Action::CarryOver {
            year: 2025 + i32::from(arg % 3),
            decision: if arg.is_multiple_of(5) {
                String::new()
            } else {
                "主任会议决定".into()
            },
        },
        Step::Reply => Action::Reply {
            class: pick(&classes, arg).into(),
        },
        Step::Feedback => Action::Feedback {
            verdict: pick(&Feedback::ALL, arg),
            attitude: (!arg.is_multiple_of(4)).then(|| pick(&Feedback::ALL, arg / 4)),
        },
        Step::Close => Action::Close,
        Step::MarkKey => Action::MarkKey {
            leader: PersonId::new(7),
            committee: UnitId::new(90),
        },
        Step::Remind => Action::Remind,
        Step::LookBack => Action::LookBack,
        _ => Action::FollowUpReply {
            class: pick(&classes, arg).into(),
        },
    }
}

/// The actor that usually may give `step` on the generated suggestion.
fn right_actor(step: Step, arg: u8) -> Actor {
    let [
        lead,
        co,
        _,
        office,
        lead_unit,
        co_unit,
        _,
        supervisor,
        committee,
    ] = ACTORS;
    match step {
        Step::Draft | Step::Submit | Step::Withdraw | Step::DraftForGroup => lead,
        Step::Feedback => pick(&[lead, co], arg),
        Step::Dispute | Step::Accept => pick(&[lead_unit, co_unit], arg),
        Step::Contact => pick(&[lead_unit, co_unit, office], arg),
        Step::SendViews => co_unit,
        // Separately handled items have both units reply; self-handled ones
        // the office.
        Step::RequestExtension | Step::Reply | Step::FollowUpReply => {
            pick(&[lead_unit, lead_unit, co_unit, office], arg / 2)
        }
        Step::Close => pick(&[office, committee], arg),
        Step::MarkKey | Step::CarryOver => committee,
        Step::MarkConfidential => pick(&[lead, office], arg),
        Step::Remind => pick(&[office, supervisor, committee], arg),
        _ => office,
    }
}

/// The policy of a run: the seed's, with a feedback rule and handling rules
/// picked by the first move.
fn policy_for(moves: &[Move]) -> Policy {
    let rule = [
        FeedbackRule::Lead,
        FeedbackRule::All,
        FeedbackRule::AnyUnsatisfied,
    ][moves.first().map_or(0, |m| usize::from(m.2 % 3))];
    let bits = moves.first().map_or(0, |m| m.0);
    let handling = Handling::default()
        .with_acceptance_required(bits & 1 != 0)
        .with_self_handling(bits & 2 != 0)
        .with_raised_repeatedly((bits & 4 != 0).then_some(2))
        .with_several_units_class(if bits & 8 != 0 {
            SeveralUnitsClass::Highest
        } else {
            SeveralUnitsClass::Lowest
        });
    Policy::seed()
        .with_feedback_decides(rule)
        .with_handling(handling)
        .unwrap()
}

/// Runs the moves; checks the per-command properties and returns the result.
fn run(moves: &[Move]) -> Suggestion {
    let policy = policy_for(moves);
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    let mut s = Suggestion::new(SuggestionId::new(1));
    let mut today = start;
    let steps: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| *s != Step::Replay)
        .collect();
    for &(step_pick, actor_pick, arg, days, guided) in moves {
        // Mostly forward; sometimes a date before the last one, to be refused.
        today = if days == 39 {
            today - Days::new(3)
        } else {
            today + Days::new(u64::from(days / 4))
        };
        let (step, actor) = if guided {
            let possible: Vec<Step> = steps
                .iter()
                .copied()
                .filter(|st| step_allowed_in(*st, &s.state().stage))
                // Steps that end the life cycle early are picked less often.
                .filter(|st| {
                    step_pick % 5 == 0
                        || !matches!(st, Step::Withdraw | Step::Decline | Step::MergeInto)
                })
                // Steps on the side of the life cycle, less often still.
                .filter(|st| {
                    step_pick % 3 == 0
                        || !matches!(
                            st,
                            Step::Contact
                                | Step::MarkConfidential
                                | Step::Link
                                | Step::CarryOver
                                | Step::Remind
                                | Step::MarkKey
                        )
                })
                .collect();
            if possible.is_empty() {
                continue;
            }
            let step = pick(&possible, step_pick);
            (step, right_actor(step, arg))
        } else {
            (pick(&steps, step_pick), pick(&ACTORS, actor_pick))
        };
        let before = s.clone();
        let was_closed = before.state().is_closed();
        let mut command = Command::new(today, actor, action(step, arg, today));
        // Some commands carry a time of day, in any order within a date
        // (one earlier than the last on the same date is refused).
        if step_pick % 3 == 0 {
            command = command.at(NaiveTime::from_hms_opt(u32::from(arg % 24), 0, 0).unwrap());
        }
        match s.handle(&command, &policy, &WeekendCalendar) {
            Ok(entries) => {
                assert!(!entries.is_empty(), "accepted with no event");
                if was_closed {
                    for e in entries {
                        assert!(
                            matches!(
                                e.event,
                                Event::Reminded
                                    | Event::LookBackStarted { .. }
                                    | Event::FollowUpReplied { .. }
                                    | Event::Contacted { .. }
                                    | Event::MarkedConfidential
                                    | Event::CarriedOver { .. }
                            ),
                            "a closed item changed by {}",
                            e.event.name()
                        );
                    }
                    assert!(s.state().is_closed(), "a closed item re-opened");
                }
            }
            Err(_) => assert_eq!(s, before, "a refused command changed the suggestion"),
        }
    }
    s
}

/// One edit of one field of a trail entry, `None` when the entry has no
/// such field. `rules` edits are ones the rules themselves decide (a reply
/// class, a `late` flag, a due date, who may reply, …): they must fail
/// verification even when the forger recomputes every digest.
fn edit(entry: &TrailEntry, which: u8, rules: bool) -> Option<TrailEntry> {
    let mut e = entry.clone();
    let later = |d: NaiveDate| d + Days::new(1);
    let far = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap();
    let z = Code::new("Z").unwrap();
    let general = which.is_multiple_of(2) && !rules;
    if general {
        match (which / 2) % 6 {
            0 => e.date = later(e.date),
            1 => {
                e.actor = ACTORS
                    .into_iter()
                    .find(|a| *a != e.actor && a.kind() != e.actor.kind())
                    .unwrap();
            }
            2 => e.version = 2,
            3 => {
                let mut b = *e.prev.as_bytes();
                b[0] ^= 1;
                e.prev = Digest::from_bytes(b);
            }
            4 => e.seq += 1,
            _ => {
                if let Event::Drafted { title, .. } = &mut e.event {
                    title.push('!');
                } else {
                    return None;
                }
            }
        }
        return Some(e);
    }
    match &mut e.event {
        Event::Replied { reply }
        | Event::FollowUpReplied { reply, .. }
        | Event::UnitReplied { reply, .. } => match which % 3 {
            0 => reply.class = z,
            1 => reply.late = !reply.late,
            _ if rules => e.actor = Actor::Deputy(DeputyId::new(1)),
            _ => reply.on = later(reply.on),
        },
        Event::Assigned {
            reply,
            dispute_until,
            views_due,
            ..
        } => match which % 3 {
            0 => reply.due = far,
            1 => *dispute_until = later(*dispute_until),
            _ => *views_due = later(*views_due),
        },
        Event::ExtensionGranted { reply, .. }
        | Event::RehandlingOrdered { reply }
        | Event::LookBackStarted { reply }
        | Event::SelfHandlingStarted { reply }
        | Event::AssignedSeparately { reply, .. } => reply.due = far,
        Event::Contacted { face_to_face, .. } if !rules => *face_to_face = !*face_to_face,
        Event::Linked { earlier } if !rules => earlier[0].solved = !earlier[0].solved,
        Event::CarriedOver { decision, .. } if !rules => decision.push('!'),
        Event::ViewsSent { late, .. } => *late = !*late,
        Event::Closed {
            resolved,
            follow_up,
        } => {
            if which.is_multiple_of(2) {
                *resolved = !*resolved;
            } else {
                *follow_up = !*follow_up;
            }
        }
        Event::FeedbackGiven { feedback } => {
            if rules || which.is_multiple_of(2) {
                feedback.by = DeputyId::new(9);
            } else {
                feedback.attitude = match feedback.attitude {
                    None => Some(Feedback::Unsatisfied),
                    Some(_) => None,
                };
            }
        }
        Event::NotRegistered {
            reference_opinion, ..
        } if !rules => *reference_opinion = !*reference_opinion,
        Event::Disputed { reason, .. } if !rules => reason.push('!'),
        Event::MarkedKey { key } if !rules => key.leader = PersonId::new(key.leader.get() + 1),
        _ if rules => e.seq += 1,
        _ => return None,
    }
    Some(e)
}

/// The trail of `s` with entry `at` (modulo its length) edited, and the
/// entry's index; `None` when there is nothing to edit or the edit changes
/// nothing.
fn edited_trail(
    s: &Suggestion,
    at: usize,
    which: u8,
    rules: bool,
) -> Option<(usize, Vec<TrailEntry>)> {
    let n = s.trail().len();
    let i = at.checked_rem(n)?;
    let edited = edit(&s.trail()[i], which, rules).filter(|e| *e != s.trail()[i])?;
    let mut trail = s.trail().to_vec();
    trail[i] = edited;
    Some((i, trail))
}

/// The trail with every `prev` recomputed, as a forger would.
fn rechained(id: SuggestionId, trail: &mut [TrailEntry]) {
    let mut prev = Digest::genesis(id);
    for e in trail {
        e.prev = prev;
        prev = Digest::of(e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_live_trail_verifies(moves in moves()) {
        let s = run(&moves);
        let v = verify(s.id(), s.trail(), &policy_for(&moves), &WeekendCalendar);
        prop_assert!(v.is_ok(), "{:?}", v);
        let v = v.unwrap();
        prop_assert_eq!(&v.state, s.state());
        prop_assert_eq!(v.head, s.head());
        // Another suggestion's trail does not verify under this id.
        if !s.trail().is_empty() {
            prop_assert!(verify(SuggestionId::new(2), s.trail(), &policy_for(&moves), &WeekendCalendar).is_err());
        }
    }

    #[test]
    fn every_single_field_edit_fails_verification(moves in moves(), at in any::<usize>(), which in any::<u8>()) {
        let s = run(&moves);
        let Some((i, trail)) = edited_trail(&s, at, which, false) else {
            return Ok(());
        };
        let verdict = verify(s.id(), &trail, &policy_for(&moves), &WeekendCalendar)
            .and_then(|v| v.expect_head(s.head()));
        prop_assert!(verdict.is_err(), "edit of entry {} went through", i + 1);
    }

    #[test]
    fn rule_edits_fail_even_with_digests_recomputed(moves in moves(), at in any::<usize>(), which in any::<u8>()) {
        let s = run(&moves);
        let Some((i, mut trail)) = edited_trail(&s, at, which, true) else {
            return Ok(());
        };
        rechained(s.id(), &mut trail);
        let verdict = verify(s.id(), &trail, &policy_for(&moves), &WeekendCalendar);
        prop_assert!(verdict.is_err(), "a forged entry {} went through: {:?}", i + 1, trail[i]);
    }

    #[test]
    fn random_sequences_keep_the_invariants(moves in moves()) {
        let s = run(&moves);
        // Deterministic: the same commands give the same suggestion.
        prop_assert_eq!(&run(&moves), &s);
        // Replay equals the live state.
        prop_assert_eq!(&replay(s.id(), s.trail()).unwrap(), s.state());
        // Sequence numbers count from 1; dates never go backwards.
        for (i, e) in s.trail().iter().enumerate() {
            prop_assert_eq!(e.seq, i as u64 + 1);
        }
        for w in s.trail().windows(2) {
            prop_assert!(w[0].date <= w[1].date);
        }
        // Deadline answers agree with each other.
        if let Some(due) = s.state().due_date() {
            prop_assert_eq!(s.state().days_left(due), Some(0));
            prop_assert!(!s.state().overdue(due));
            prop_assert!(s.state().overdue(due + Days::new(1)));
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn trails_round_trip_through_serde(moves in moves()) {
        let s = run(&moves);
        let json = serde_json::to_string(&s).unwrap();
        let back: Suggestion = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn truncated_or_shuffled_trails_never_panic(moves in moves(), cut in any::<usize>(), swap in any::<(usize, usize)>()) {
        let s = run(&moves);
        let mut trail = s.trail().to_vec();
        if !trail.is_empty() {
            let n = trail.len();
            trail.swap(swap.0 % n, swap.1 % n);
            trail.truncate(cut % (n + 1));
        }
        // Either replays or is an error; never a panic.
        let _ = Suggestion::replay(s.id(), trail);
    }
}

#[test]
fn guided_sequences_reach_the_end_of_the_life_cycle() {
    // A fixed guided run through to closing, to show the generator goes deep.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut deepest = 0;
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let m = moves().new_tree(&mut runner).unwrap().current();
        let s = run(&m);
        if s.state().is_closed() {
            deepest += 1;
        }
        // A separately handled item replied by every unit.
        if s.trail().windows(2).any(|w| {
            matches!(w[0].event, Event::UnitReplied { .. })
                && matches!(w[1].event, Event::Replied { .. })
        }) {
            seen.insert("replied after every unit");
        }
        seen.extend(s.trail().iter().map(|e| e.event.name()));
    }
    // Every kind of event comes up in some run.
    for name in [
        "drafted_for_group",
        "assigned_separately",
        "accepted",
        "self_handling_started",
        "unit_replied",
        "replied after every unit",
        "contacted",
        "marked_confidential",
        "linked",
        "extension_granted",
        "follow_up_replied",
    ] {
        assert!(seen.contains(name), "no run recorded `{name}`");
    }
    assert!(
        deepest >= 40,
        "only {deepest} of 200 random runs reached closing"
    );
}

//! How the handling is organised (Fujian F18, F20, F21, F32, F33 and the
//! open-source platform's states): several units replying separately, units
//! accepting their assignment, self-handled items, suggestions in a
//! delegation's name, contacts, confidentiality, linked and carried-over
//! items, and the standing committee's evaluation of units. Every case is
//! worked by hand; every live trail verifies.

use chrono::NaiveDate;
use deputy_work::common::{
    DeputyId, Labelled, Period, PersonId, SuggestionId, UnitId, WeekendCalendar,
};
use deputy_work::report::SuggestionCounts;
use deputy_work::stats::{Abstentions, Rounding, Satisfaction};
use deputy_work::suggestion::{
    Action, Actor, Command, ContactPhase, DutyActs, EvaluationEvent, Event, Feedback, GroupKind,
    Handling, Policy, ProposerGroup, Recipient, Register, ReviewChecks, SeveralUnitsClass, Stage,
    StageKind, Suggestion, SuggestionError, verify,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const LEAD: Actor = Actor::Deputy(DeputyId::new(1));
const CO1: Actor = Actor::Deputy(DeputyId::new(2));
const CONVENOR: Actor = Actor::Deputy(DeputyId::new(7));
const OFFICE: Actor = Actor::Office(PersonId::new(100));
const COMMITTEE: Actor = Actor::StandingCommittee;
const U31: Actor = Actor::Unit(UnitId::new(31));
const U32: Actor = Actor::Unit(UnitId::new(32));

fn policy(h: Handling) -> Policy {
    Policy::seed().with_handling(h).unwrap()
}

/// A suggestion driven command by command; every accepted command leaves a
/// trail that verifies, every refused one changes nothing.
struct Item {
    s: Suggestion,
    policy: Policy,
}

impl Item {
    fn new(id: u32, policy: Policy) -> Self {
        Self {
            s: Suggestion::new(SuggestionId::new(id)),
            policy,
        }
    }

    fn go(&mut self, date: NaiveDate, actor: Actor, action: Action) -> Result<(), SuggestionError> {
        let before = self.s.clone();
        let r = self
            .s
            .handle(
                &Command::new(date, actor, action),
                &self.policy,
                &WeekendCalendar,
            )
            .map(|_| ());
        if r.is_err() {
            assert_eq!(self.s, before, "a refused command changed the suggestion");
        } else {
            let v = verify(self.s.id(), self.s.trail(), &self.policy, &WeekendCalendar)
                .unwrap_or_else(|e| panic!("a live trail does not verify: {e}"));
            assert_eq!(&v.state, self.s.state());
        }
        r
    }

    fn ok(&mut self, date: NaiveDate, actor: Actor, action: Action) -> &mut Self {
        self.go(date, actor, action)
            .unwrap_or_else(|e| panic!("refused: {e}"));
        self
    }

    /// Drafted by LEAD with co-signer D2, submitted, registered (Jan 2025).
    fn registered(id: u32, policy: Policy) -> Self {
        let mut i = Self::new(id, policy);
        i.ok(
            d(2025, 1, 6),
            LEAD,
            Action::Draft {
                title: "整治城区内涝".into(),
                co_signers: vec![DeputyId::new(2)],
            },
        )
        .submit_and_register(LEAD);
        i
    }

    /// Submitted by `by` on 7 January 2025, registered on the 10th.
    fn submit_and_register(&mut self, by: Actor) -> &mut Self {
        self.ok(d(2025, 1, 7), by, Action::Submit).ok(
            d(2025, 1, 10),
            OFFICE,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        )
    }

    fn assigned(id: u32, policy: Policy) -> Self {
        let mut i = Self::registered(id, policy);
        i.ok(
            d(2025, 1, 15),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![UnitId::new(32)],
            },
        );
        i
    }

    fn state(&self) -> &deputy_work::suggestion::SuggestionState {
        self.s.state()
    }
}

fn reply(class: &str) -> Action {
    Action::Reply {
        class: class.into(),
    }
}

fn verdict(v: Feedback) -> Action {
    Action::Feedback {
        verdict: v,
        attitude: None,
    }
}

fn separately() -> Action {
    Action::AssignSeparately {
        units: vec![UnitId::new(31), UnitId::new(32)],
    }
}

/// U31 asks on 1 March to extend to 15 June; the next day the office may
/// grant it to U31, and has nothing to grant U32.
fn only_the_asker_is_granted(i: &mut Item) {
    i.ok(
        d(2025, 3, 1),
        U31,
        Action::RequestExtension {
            until: d(2025, 6, 15),
        },
    );
    let grant = |n| Action::GrantExtension {
        unit: UnitId::new(n),
    };
    assert_eq!(
        i.go(d(2025, 3, 2), OFFICE, grant(32)),
        Err(SuggestionError::NoExtensionPending {
            unit: UnitId::new(32)
        })
    );
    i.ok(d(2025, 3, 2), OFFICE, grant(31));
}

#[test]
fn two_units_handle_and_reply_separately_each_by_its_own_deadline() {
    let mut i = Item::registered(1, Policy::seed());
    // Assigned on Wednesday 15 January: both replies due 15 April.
    i.ok(d(2025, 1, 15), OFFICE, separately());
    let st = i.state();
    assert_eq!(st.lead_unit, None);
    assert_eq!(st.replying_units(), [UnitId::new(31), UnitId::new(32)]);
    assert!(st.handled_by(UnitId::new(32)) && !st.handled_by(UnitId::new(33)));
    assert_eq!(st.due_date(), Some(d(2025, 4, 15)));
    // Only co-handling units send views; there are none.
    assert!(matches!(
        i.go(d(2025, 1, 20), U32, Action::SendViews),
        Err(SuggestionError::NotAllowed { .. })
    ));
    // U31 gets its own extension, to 15 June; U32 keeps 15 April.
    only_the_asker_is_granted(&mut i);
    let h31 = *i.state().handling_of(UnitId::new(31)).unwrap();
    let h32 = *i.state().handling_of(UnitId::new(32)).unwrap();
    assert_eq!((h31.reply.due, h31.extended), (d(2025, 6, 15), true));
    assert_eq!((h32.reply.due, h32.extended), (d(2025, 4, 15), false));
    // The item's running deadline is the earliest still owed.
    assert_eq!(i.state().due_date(), Some(d(2025, 4, 15)));
    let mut r = Register::new(2025);
    r.insert(i.s.clone()).unwrap();
    let late = r.overdue(d(2025, 4, 16));
    assert_eq!(late.len(), 1);
    assert_eq!(
        (late[0].unit, late[0].days_overdue),
        (Some(UnitId::new(32)), 1)
    );
    // U32 replies B five days late; the item is not replied yet.
    i.ok(d(2025, 4, 20), U32, reply("B"));
    assert_eq!(i.state().stage.kind(), StageKind::Assigned);
    assert_eq!(i.state().due_date(), Some(d(2025, 6, 15)), "now U31's");
    assert_eq!(
        i.go(d(2025, 4, 21), U32, reply("A")),
        Err(SuggestionError::AlreadyReplied {
            unit: UnitId::new(32)
        })
    );
    // U31 replies A on time: the item is replied with the lowest class, B,
    // and counts as late because one unit was.
    i.ok(d(2025, 5, 6), U31, reply("A"));
    let st = i.state();
    assert_eq!(st.stage.kind(), StageKind::Replied);
    let item = st.last_reply.unwrap();
    assert_eq!(
        (item.class.as_str(), item.on, item.late),
        ("B", d(2025, 5, 6), true)
    );
    let names: Vec<&str> =
        i.s.trail()
            .iter()
            .rev()
            .take(2)
            .map(|e| e.event.name())
            .collect();
    assert_eq!(names, ["replied", "unit_replied"]);
    // Counts per unit: each its own reply and lateness.
    let mut r = Register::new(2025);
    r.insert(i.s.clone()).unwrap();
    let c = r.counts();
    assert_eq!(c.handled_separately, 1);
    let (u31, u32_) = (c.units[&UnitId::new(31)], c.units[&UnitId::new(32)]);
    assert_eq!((u31.assigned, u31.replied, u31.replied_on_time), (1, 1, 1));
    assert_eq!(
        (u32_.assigned, u32_.replied, u32_.replied_on_time),
        (1, 1, 0)
    );
    assert_eq!(c.by_class.len(), 1);
    // Unsatisfied: both units handle again, by one new deadline.
    i.ok(d(2025, 5, 10), LEAD, verdict(Feedback::Unsatisfied));
    let st = i.state();
    assert_eq!(st.stage.kind(), StageKind::Rehandling);
    assert!(st.separately.iter().all(|h| h.replied.is_none()));
    assert_eq!(st.due_date(), Some(d(2025, 6, 10)));
    i.ok(d(2025, 6, 1), U32, reply("A"));
    i.ok(d(2025, 6, 2), U31, reply("A"));
    assert_eq!(i.state().last_reply.unwrap().class.as_str(), "A");
    assert!(!i.state().last_reply.unwrap().late);
    // The first replies stay on each unit's record.
    assert_eq!(
        i.state()
            .handling_of(UnitId::new(32))
            .unwrap()
            .first_reply
            .unwrap()
            .class
            .as_str(),
        "B"
    );
}

#[test]
fn the_items_class_follows_the_policys_rule() {
    // Three units reply A, B and C in every order: the item's class is the
    // lowest (C) or the highest (A), whoever replied last.
    let replies = [(U31, "A"), (Actor::Unit(UnitId::new(33)), "B"), (U32, "C")];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for (rule, class) in [
        (SeveralUnitsClass::Lowest, "C"),
        (SeveralUnitsClass::Highest, "A"),
    ] {
        for order in orders {
            let p = policy(Handling::default().with_several_units_class(rule));
            let mut i = Item::registered(1, p);
            i.ok(
                d(2025, 1, 15),
                OFFICE,
                Action::AssignSeparately {
                    units: vec![UnitId::new(31), UnitId::new(32), UnitId::new(33)],
                },
            );
            for (day, n) in (1..).zip(order) {
                let (unit, c) = replies[n];
                i.ok(d(2025, 2, day), unit, reply(c));
            }
            assert_eq!(
                i.state().last_reply.unwrap().class.as_str(),
                class,
                "{rule:?} {order:?}"
            );
        }
    }
    let mut i = Item::registered(1, Policy::seed());
    assert_eq!(
        i.go(
            d(2025, 1, 15),
            OFFICE,
            Action::AssignSeparately {
                units: vec![UnitId::new(31)]
            }
        ),
        Err(SuggestionError::TooFewUnits { count: 1 })
    );
    assert_eq!(
        i.go(
            d(2025, 1, 15),
            OFFICE,
            Action::AssignSeparately {
                units: vec![UnitId::new(31), UnitId::new(31)]
            }
        ),
        Err(SuggestionError::RepeatedUnit {
            unit: UnitId::new(31)
        })
    );
}

#[test]
fn units_accept_or_refuse_their_assignment_when_the_policy_asks() {
    let p = policy(Handling::default().with_acceptance_required(true));
    let mut i = Item::assigned(1, p);
    assert_eq!(
        i.go(d(2025, 1, 16), U31, reply("A")),
        Err(SuggestionError::NotAccepted {
            unit: UnitId::new(31)
        })
    );
    i.ok(d(2025, 1, 16), U31, Action::Accept);
    assert_eq!(
        i.go(d(2025, 1, 16), U31, Action::Accept),
        Err(SuggestionError::AlreadyAccepted {
            unit: UnitId::new(31)
        })
    );
    // Accepted, it may no longer refuse; the co-handling unit still may.
    assert_eq!(
        i.go(
            d(2025, 1, 17),
            U31,
            Action::Dispute {
                reason: "职责不符".into()
            }
        ),
        Err(SuggestionError::AlreadyAccepted {
            unit: UnitId::new(31)
        })
    );
    assert!(matches!(
        i.go(d(2025, 1, 17), U32, Action::SendViews),
        Err(SuggestionError::NotAccepted { .. })
    ));
    i.ok(
        d(2025, 1, 17),
        U32,
        Action::Dispute {
            reason: "不属于本单位职责".into(),
        },
    );
    // Re-assigned: acceptances start over.
    i.ok(
        d(2025, 1, 20),
        OFFICE,
        Action::Reassign {
            lead_unit: UnitId::new(31),
            co_units: vec![UnitId::new(33)],
        },
    );
    assert!(i.state().accepted.is_empty());
    i.ok(d(2025, 1, 21), U31, Action::Accept)
        .ok(d(2025, 2, 1), U31, reply("A"));
    let mut r = Register::new(2025);
    r.insert(i.s.clone()).unwrap();
    assert_eq!(r.counts().units[&UnitId::new(32)].refused, 1);
    // Without the rule, units handle on assignment.
    let mut j = Item::assigned(2, Policy::seed());
    j.ok(d(2025, 2, 1), U31, reply("A"));
}

#[test]
fn the_office_handles_an_item_itself_only_where_the_policy_provides() {
    let mut i = Item::registered(1, Policy::seed());
    assert_eq!(
        i.go(d(2025, 1, 15), OFFICE, Action::HandleSelf),
        Err(SuggestionError::SelfHandlingNotProvided)
    );
    let p = policy(Handling::default().with_self_handling(true));
    let mut i = Item::registered(1, p);
    i.ok(d(2025, 1, 15), OFFICE, Action::HandleSelf);
    assert!(i.state().self_handled);
    assert_eq!(i.state().due_date(), Some(d(2025, 4, 15)));
    assert!(matches!(
        i.go(d(2025, 2, 1), U31, reply("A")),
        Err(SuggestionError::NotAllowed { .. })
    ));
    i.ok(
        d(2025, 2, 1),
        OFFICE,
        Action::Contact {
            deputy: DeputyId::new(1),
            phase: ContactPhase::During,
            face_to_face: false,
        },
    )
    .ok(d(2025, 2, 3), OFFICE, reply("A"))
    .ok(d(2025, 2, 5), LEAD, verdict(Feedback::Satisfied));
    assert!(i.state().is_solved());
    let mut r = Register::new(2025);
    r.insert(i.s.clone()).unwrap();
    let c = r.counts();
    assert_eq!((c.self_handled, c.replied, c.closed), (1, 1, 1));
    assert!(c.units.is_empty(), "no unit answers for it");
}

#[test]
fn a_delegations_suggestion_is_replied_to_the_delegation() {
    let group = ProposerGroup {
        kind: GroupKind::Delegation,
        group: UnitId::new(350_100),
        convenor: DeputyId::new(7),
        via: Some(UnitId::new(3501)),
    };
    let draft = Action::DraftForGroup {
        title: "支持闽江流域生态保护".into(),
        group,
    };
    let mut i = Item::new(1, Policy::seed());
    assert!(matches!(
        i.go(d(2025, 1, 6), LEAD, draft.clone()),
        Err(SuggestionError::NotAllowed { .. })
    ));
    i.ok(d(2025, 1, 6), CONVENOR, draft)
        .submit_and_register(CONVENOR)
        .ok(
            d(2025, 1, 15),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![],
            },
        )
        .ok(d(2025, 3, 1), U31, reply("A"));
    let st = i.state();
    assert_eq!(st.reply_recipients(), [Recipient::Group(group)]);
    assert_eq!(
        st.reply_recipients()[0].to_string(),
        "delegation U350100 via U3501"
    );
    assert_eq!(st.group.unwrap().kind.label_zh(), "代表团");
    assert_eq!(i.s.title(), Some("支持闽江流域生态保护"));
    // The convenor gives the delegation's feedback; it decides.
    i.ok(d(2025, 3, 5), CONVENOR, verdict(Feedback::Satisfied));
    assert!(i.state().is_closed());
    // It is the delegation's suggestion: no deputy's duty act.
    let mut r = Register::new(2025);
    r.insert(i.s.clone()).unwrap();
    assert!(
        r.duty_acts(Period::year(2025).unwrap(), &DutyActs::default())
            .is_empty()
    );
    assert_eq!(r.counts().received, 1);
}

#[test]
fn contacts_before_during_and_after_handling() {
    let mut i = Item::assigned(1, Policy::seed());
    let contact = |deputy, phase| Action::Contact {
        deputy: DeputyId::new(deputy),
        phase,
        face_to_face: phase == ContactPhase::Before,
    };
    i.ok(d(2025, 1, 20), U31, contact(1, ContactPhase::Before));
    assert_eq!(
        i.go(d(2025, 1, 21), U31, contact(9, ContactPhase::During)),
        Err(SuggestionError::NotAProposer {
            deputy: DeputyId::new(9)
        })
    );
    assert_eq!(
        i.go(d(2025, 1, 21), U31, contact(1, ContactPhase::After)),
        Err(SuggestionError::ContactOutOfPhase {
            phase: ContactPhase::After,
            stage: StageKind::Assigned
        })
    );
    assert!(matches!(
        i.go(
            d(2025, 1, 21),
            Actor::Unit(UnitId::new(99)),
            contact(1, ContactPhase::During)
        ),
        Err(SuggestionError::NotAllowed { .. })
    ));
    i.ok(d(2025, 2, 10), U32, contact(2, ContactPhase::During));
    assert!(!i.state().contacts.covers_all());
    i.ok(d(2025, 3, 1), U31, reply("A"));
    assert!(matches!(
        i.go(d(2025, 3, 2), U31, contact(1, ContactPhase::Before)),
        Err(SuggestionError::ContactOutOfPhase { .. })
    ));
    i.ok(d(2025, 3, 2), U31, contact(1, ContactPhase::After));
    let c = i.state().contacts;
    assert_eq!((c.before, c.during, c.after, c.face_to_face), (1, 1, 1, 1));
    assert!(c.covers_all());
    assert_eq!(ContactPhase::During.label_zh(), "办中");
}

#[test]
fn a_confidential_items_proposers_stay_out_of_public_listings() {
    let mut open = Item::assigned(1, Policy::seed());
    let mut secret = Item::assigned(2, Policy::seed());
    assert!(matches!(
        secret.go(d(2025, 1, 16), CO1, Action::MarkConfidential),
        Err(SuggestionError::NotAllowed { .. })
    ));
    secret.ok(d(2025, 1, 16), LEAD, Action::MarkConfidential);
    assert_eq!(
        secret.go(d(2025, 1, 17), OFFICE, Action::MarkConfidential),
        Err(SuggestionError::AlreadyConfidential)
    );
    open.ok(d(2025, 3, 1), U31, reply("B"));
    let mut r = Register::new(2025);
    r.insert(open.s.clone()).unwrap();
    r.insert(secret.s.clone()).unwrap();
    let items = r.public_items(&Policy::seed());
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].proposers.as_deref(),
        Some(
            &[
                Recipient::Deputy(DeputyId::new(1)),
                Recipient::Deputy(DeputyId::new(2))
            ][..]
        )
    );
    assert_eq!(
        items[0].class_zh.as_deref(),
        Some("正在解决或已列入计划逐步解决")
    );
    assert_eq!(items[0].stage_zh, "已答复");
    assert_eq!(items[1].proposers, None);
    assert_eq!(
        items[1].title, "整治城区内涝",
        "the matter itself is public"
    );
    assert_eq!(items[1].units, [UnitId::new(31)]);
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_value(&items[1]).unwrap();
        assert!(json["proposers"].is_null());
    }
}

/// An item replied B and closed satisfied: closed, not solved.
fn closed_b(id: u32) -> Suggestion {
    let mut i = Item::assigned(id, Policy::seed());
    i.ok(d(2025, 3, 1), U31, reply("B"))
        .ok(d(2025, 3, 5), LEAD, verdict(Feedback::Satisfied));
    i.s
}

#[test]
fn a_matter_raised_repeatedly_goes_to_the_committee_like_two_unsatisfied_verdicts() {
    let p = policy(Handling::default().with_raised_repeatedly(Some(3)));
    let mut r = Register::new(2025);
    r.insert(closed_b(1)).unwrap();
    r.insert(closed_b(2)).unwrap();
    r.insert(Item::registered(3, p.clone()).s).unwrap();
    let s3 = SuggestionId::new(3);
    assert_eq!(
        r.link(
            s3,
            &[SuggestionId::new(8)],
            d(2025, 1, 11),
            OFFICE,
            &p,
            &WeekendCalendar,
            &[]
        ),
        Err(SuggestionError::UnknownSuggestion {
            id: SuggestionId::new(8)
        })
    );
    assert!(matches!(
        r.link(s3, &[s3], d(2025, 1, 11), OFFICE, &p, &WeekendCalendar, &[]),
        Err(SuggestionError::BadLink { .. })
    ));
    // One earlier item from last year's register, one from this year's.
    let mut last_year = Register::new(2024);
    last_year.insert(closed_b(20)).unwrap();
    r.link(
        s3,
        &[SuggestionId::new(1), SuggestionId::new(20)],
        d(2025, 1, 11),
        OFFICE,
        &p,
        &WeekendCalendar,
        &[&last_year],
    )
    .unwrap();
    let st = r.get(s3).unwrap().state();
    assert_eq!(st.times_raised(), 3);
    assert!(st.linked.iter().all(|l| !l.solved));
    assert_eq!(r.for_committee(&p), [s3]);
    assert!(
        r.for_committee(&Policy::seed()).is_empty(),
        "no N in the seed"
    );
    // Unsatisfied once: escalated, not re-handled.
    for (date, actor, action) in [
        (
            d(2025, 1, 15),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![],
            },
        ),
        (d(2025, 3, 1), U31, reply("C")),
        (d(2025, 3, 5), LEAD, verdict(Feedback::Unsatisfied)),
    ] {
        r.handle(s3, &Command::new(date, actor, action), &p, &WeekendCalendar)
            .unwrap();
    }
    let s = r.get(s3).unwrap();
    assert_eq!(s.state().stage, Stage::Escalated);
    verify(s3, s.trail(), &p, &WeekendCalendar).unwrap();
    // Under the seed (no N), the same trail would have re-handled: the
    // verification under the seed refuses the escalation.
    assert!(matches!(
        verify(s3, s.trail(), &Policy::seed(), &WeekendCalendar),
        Err(SuggestionError::NotByTheRules { .. })
    ));
}

#[test]
fn key_suggestions_carry_into_the_next_year_by_a_recorded_decision() {
    let mut i = Item::assigned(1, Policy::seed());
    let carry = |year, decision: &str| Action::CarryOver {
        year,
        decision: decision.into(),
    };
    assert!(matches!(
        i.go(d(2025, 12, 20), COMMITTEE, carry(2026, "主任会议决定")),
        Err(SuggestionError::CarryOverRefused { .. })
    ));
    i.ok(
        d(2025, 1, 20),
        COMMITTEE,
        Action::MarkKey {
            leader: PersonId::new(7),
            committee: UnitId::new(90),
        },
    );
    for (year, decision) in [(2025, "主任会议决定"), (2026, " ")] {
        assert!(matches!(
            i.go(d(2025, 12, 20), COMMITTEE, carry(year, decision)),
            Err(SuggestionError::CarryOverRefused { .. })
        ));
    }
    assert!(matches!(
        i.go(d(2025, 12, 20), OFFICE, carry(2026, "主任会议决定")),
        Err(SuggestionError::NotAllowed { .. })
    ));
    i.ok(
        d(2025, 12, 20),
        COMMITTEE,
        carry(2026, "第十四届主任会议第32次会议决定"),
    );
    assert_eq!(i.state().carried_into, Some(2026));
    assert!(matches!(
        i.go(d(2025, 12, 21), COMMITTEE, carry(2026, "再次决定")),
        Err(SuggestionError::CarryOverRefused { .. })
    ));
    let mut next = Register::new(2026);
    next.insert(i.s.clone()).unwrap();
    assert_eq!(next.carried_over(), [SuggestionId::new(1)]);
    assert_eq!(next.counts().carried_over, 1);
    assert_eq!(next.counts().received, 0, "received in 2025, not 2026");
    let last = i.s.trail().last().unwrap();
    assert!(
        matches!(&last.event, Event::CarriedOver { decision, .. } if decision.contains("主任会议"))
    );
    assert_eq!(last.event.label_zh(), "跨年度跟踪督办");
}

#[test]
fn the_committees_evaluation_of_units_is_kept_in_the_register() {
    let mut r = Register::new(2025);
    let mut i = Item::assigned(1, Policy::seed());
    i.ok(d(2025, 3, 1), U31, reply("A"));
    r.insert(i.s).unwrap();
    let votes = Satisfaction {
        satisfied: 30,
        basically_satisfied: 3,
        unsatisfied: 1,
        abstained: 1,
    };
    let rated = EvaluationEvent::Rated {
        unit: UnitId::new(31),
        on: d(2025, 10, 28),
        present: 36,
        votes,
    };
    assert!(matches!(
        r.evaluate(rated),
        Err(SuggestionError::EvaluationRefused { .. })
    ));
    r.evaluate(EvaluationEvent::ReportHeard {
        unit: UnitId::new(31),
        on: d(2025, 10, 28),
    })
    .unwrap();
    r.evaluate(rated).unwrap();
    assert_eq!(r.evaluations().len(), 2);
    let c = r.counts();
    assert_eq!(c.units[&UnitId::new(31)].evaluation, Some(votes));
    // The annual report takes it from the register: 33 of 34 votes.
    let report = SuggestionCounts::from_register(&r, &Policy::seed()).unwrap();
    let e = report.evaluations[&UnitId::new(31)];
    assert_eq!(e, votes);
    let rate = e.satisfied_or_basically(Abstentions::Excluded).unwrap();
    assert_eq!((rate.part(), rate.whole()), (33, 34));
    // 33 / 34 = 97.0588…%, 四舍五入 to one decimal.
    assert_eq!(
        rate.percent(1, Rounding::HalfUp).unwrap().to_string(),
        "97.1"
    );
    // The co-handling unit handles an item too and may be heard; a unit
    // with no item may not.
    r.evaluate(EvaluationEvent::ReportHeard {
        unit: UnitId::new(32),
        on: d(2025, 10, 28),
    })
    .unwrap();
    assert!(
        r.evaluate(EvaluationEvent::ReportHeard {
            unit: UnitId::new(77),
            on: d(2025, 10, 29),
        })
        .is_err()
    );
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&r).unwrap();
        let back: Register = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        // A log edited so that the vote comes before the hearing is refused.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["evaluations"].as_array_mut().unwrap().swap(0, 1);
        let err = serde_json::from_value::<Register>(v).unwrap_err();
        assert!(err.to_string().contains("has not been heard"), "{err}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn the_handling_rules_load_from_a_policy_file() {
    let text = r#"
name = "a province's rules"

[[classes]]
code = "A"
label_zh = "已解决"
label_en = "solved"
resolved = true
followed_up = false

[handling]
several_units_class = "highest"
acceptance_required = true
self_handling = true
raised_repeatedly = 3
"#;
    let p: Policy = toml::from_str(text).unwrap();
    assert_eq!(
        p.handling(),
        Handling::default()
            .with_several_units_class(SeveralUnitsClass::Highest)
            .with_acceptance_required(true)
            .with_self_handling(true)
            .with_raised_repeatedly(Some(3))
    );
    // Left out, the handling takes its defaults; an unknown field, a value
    // below 2 or an unknown class rule is refused.
    let plain: Policy = toml::from_str(&text[..text.find("[handling]").unwrap()]).unwrap();
    assert_eq!(plain.handling(), Handling::default());
    for bad in [
        text.replace("self_handling", "self_handled"),
        text.replace("= 3", "= 1"),
        text.replace("\"highest\"", "\"median\""),
    ] {
        assert!(toml::from_str::<Policy>(&bad).is_err(), "{bad}");
    }
    // The rules survive a change of deadlines.
    let longer = p
        .with_deadlines(deputy_work::suggestion::Deadlines {
            reply_months: 2,
            ..*p.deadlines()
        })
        .unwrap();
    assert_eq!(longer.handling(), p.handling());
}

/// Each deadline on its last day and the day after: the co-handling unit's
/// views (a month after assignment, the seed policy) and the reply (three
/// months) are on time on the day they fall due, late the day after.
#[test]
fn a_step_on_its_due_day_is_on_time_and_the_day_after_late() {
    for (n, (day, late)) in (1..).zip([(d(2025, 2, 15), false), (d(2025, 2, 16), true)]) {
        let mut i = Item::assigned(n, Policy::seed());
        i.ok(day, U32, Action::SendViews);
        let last = &i.s.trail().last().unwrap().event;
        assert!(
            matches!(last, Event::ViewsSent { late: l, .. } if *l == late),
            "{day}: {last:?}"
        );
    }
    for (n, (day, late)) in (3..).zip([(d(2025, 4, 15), false), (d(2025, 4, 16), true)]) {
        let mut i = Item::assigned(n, Policy::seed());
        i.ok(day, U31, reply("A"));
        assert_eq!(i.state().last_reply.unwrap().late, late, "{day}");
    }
}

/// Sixteen units at most besides the lead (seventeen refused, as the
/// lifecycle tests show), each named once, and never the lead again.
#[test]
fn units_are_distinct_and_at_most_sixteen() {
    let units = |n: u32| (100..100 + n).map(UnitId::new).collect::<Vec<_>>();
    let mut i = Item::registered(1, Policy::seed());
    i.ok(
        d(2025, 1, 15),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: units(16),
        },
    );
    assert_eq!(i.state().co_units.len(), 16);
    let mut i = Item::registered(2, Policy::seed());
    assert_eq!(
        i.go(
            d(2025, 1, 15),
            OFFICE,
            Action::AssignSeparately { units: units(17) }
        ),
        Err(SuggestionError::TooManyUnits { count: 17, max: 16 })
    );
    let repeated = [
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![UnitId::new(32), UnitId::new(33), UnitId::new(32)],
        },
        Action::AssignSeparately {
            units: vec![UnitId::new(32), UnitId::new(33), UnitId::new(32)],
        },
    ];
    for action in repeated {
        assert_eq!(
            i.go(d(2025, 1, 15), OFFICE, action),
            Err(SuggestionError::RepeatedUnit {
                unit: UnitId::new(32)
            })
        );
    }
    i.ok(
        d(2025, 1, 15),
        OFFICE,
        Action::AssignSeparately { units: units(16) },
    );
    assert_eq!(i.state().replying_units().len(), 16);
}

/// A unit handling separately asks for one extension, and only before it
/// replies; an extension is granted only to the unit that asked for it.
#[test]
fn one_extension_per_unit_before_its_reply() {
    let ask = |until| Action::RequestExtension { until };
    let mut i = Item::registered(1, Policy::seed());
    i.ok(d(2025, 1, 15), OFFICE, separately());
    i.ok(d(2025, 3, 1), U31, ask(d(2025, 6, 15)));
    assert!(matches!(
        i.go(d(2025, 3, 2), U31, ask(d(2025, 6, 20))),
        Err(SuggestionError::WrongStage { .. })
    ));
    i.ok(d(2025, 3, 10), U32, reply("B"));
    assert!(matches!(
        i.go(d(2025, 3, 11), U32, ask(d(2025, 6, 15))),
        Err(SuggestionError::WrongStage { .. })
    ));
    // Handled jointly: the lead unit asks; a co-handling unit has nothing
    // to grant.
    let mut i = Item::assigned(2, Policy::seed());
    only_the_asker_is_granted(&mut i);
    assert_eq!(i.state().due_date(), Some(d(2025, 6, 15)));
}

/// A suggestion absorbs another once, and never itself.
#[test]
fn a_suggestion_absorbs_another_once_and_never_itself() {
    use deputy_work::suggestion::MergedItem;
    let item = |n| MergedItem {
        id: SuggestionId::new(n),
        lead: DeputyId::new(5),
    };
    let mut i = Item::registered(1, Policy::seed());
    assert_eq!(
        i.go(d(2025, 1, 11), OFFICE, Action::Absorb { item: item(1) }),
        Err(SuggestionError::MergeIntoSelf {
            id: SuggestionId::new(1)
        })
    );
    i.ok(d(2025, 1, 11), OFFICE, Action::Absorb { item: item(2) });
    assert_eq!(
        i.go(d(2025, 1, 12), OFFICE, Action::Absorb { item: item(2) }),
        Err(SuggestionError::MergeIntoSelf {
            id: SuggestionId::new(2)
        })
    );
    i.ok(d(2025, 1, 12), OFFICE, Action::Absorb { item: item(3) });
    assert_eq!(i.state().merged.len(), 2);
}

/// Earlier suggestions on the same matter are linked each once, never the
/// suggestion itself, at most sixteen in all (`MAX_LINKS`).
#[test]
fn links_to_earlier_suggestions_are_distinct_and_at_most_sixteen() {
    use deputy_work::suggestion::{LinkedItem, MAX_LINKS};
    let link = |ids: &[u32]| Action::Link {
        earlier: ids
            .iter()
            .map(|&n| LinkedItem {
                id: SuggestionId::new(n),
                solved: false,
            })
            .collect(),
    };
    let bad = |n| {
        Err(SuggestionError::BadLink {
            id: SuggestionId::new(n),
            max: MAX_LINKS,
        })
    };
    let mut i = Item::assigned(1, Policy::seed());
    let day = d(2025, 1, 20);
    assert_eq!(i.go(day, OFFICE, link(&[1])), bad(1), "itself");
    assert_eq!(i.go(day, OFFICE, link(&[8, 8])), bad(8), "twice at once");
    i.ok(day, OFFICE, link(&[8]));
    assert_eq!(i.go(day, OFFICE, link(&[8])), bad(8), "already linked");
    i.ok(day, OFFICE, link(&[9]));
    assert_eq!(i.state().linked.len(), 2);

    let sixteen: Vec<u32> = (101..117).collect();
    let mut i = Item::assigned(2, Policy::seed());
    assert_eq!(
        i.go(day, OFFICE, link(&(100..117).collect::<Vec<_>>())),
        bad(100)
    );
    i.ok(day, OFFICE, link(&sixteen));
    assert_eq!(i.state().linked.len(), MAX_LINKS);
    assert_eq!(i.go(day, OFFICE, link(&[200])), bad(200), "a seventeenth");
}

/// A key suggestion is carried into a later year by a decision taken in
/// that year at the latest: into 2026 on 5 January 2026, not on 5 January
/// 2027.
#[test]
fn a_carry_over_is_decided_by_the_year_it_carries_into() {
    let carry = Action::CarryOver {
        year: 2026,
        decision: "主任会议决定".into(),
    };
    let key = Action::MarkKey {
        leader: PersonId::new(7),
        committee: UnitId::new(90),
    };
    for (n, (day, carried)) in (1..).zip([(d(2026, 1, 5), true), (d(2027, 1, 5), false)]) {
        let mut i = Item::assigned(n, Policy::seed());
        i.ok(d(2025, 1, 20), COMMITTEE, key.clone());
        let r = i.go(day, COMMITTEE, carry.clone());
        assert_eq!(r.is_ok(), carried, "{day}: {r:?}");
        assert_eq!(i.state().carried_into, carried.then_some(2026));
    }
}

/// A delegation's suggestion that absorbed others is replied to the
/// delegation and to each absorbed item's lead, once each, but for its own
/// convenor, whom the delegation's reply reaches.
#[test]
fn replies_go_to_the_delegation_and_to_absorbed_items_leads() {
    use deputy_work::suggestion::MergedItem;
    let group = ProposerGroup {
        kind: GroupKind::Delegation,
        group: UnitId::new(350_100),
        convenor: DeputyId::new(7),
        via: None,
    };
    let mut i = Item::new(1, Policy::seed());
    i.ok(
        d(2025, 1, 6),
        CONVENOR,
        Action::DraftForGroup {
            title: "支持闽江流域生态保护".into(),
            group,
        },
    )
    .submit_and_register(CONVENOR);
    for (n, lead) in [(2, 7), (3, 5), (4, 5)] {
        let item = MergedItem {
            id: SuggestionId::new(n),
            lead: DeputyId::new(lead),
        };
        i.ok(d(2025, 1, 11), OFFICE, Action::Absorb { item });
    }
    assert_eq!(
        i.state().reply_recipients(),
        [Recipient::Group(group), Recipient::Deputy(DeputyId::new(5))]
    );
}

//! The suggestion life cycle end to end: the rules' edges, authority, the
//! register's queries and counts, and the stored formats.

use chrono::NaiveDate;
use deputy_work::common::{
    Calendar, DeputyId, Labelled, PersonId, SuggestionId, UnitId, WeekendCalendar,
};
use deputy_work::suggestion::{
    Action, Actor, Command, Deadlines, Event, Feedback, FeedbackRule, Policy, Register,
    ReviewChecks, Stage, StageKind, Step, Suggestion, SuggestionError, UrgeWeights, replay, verify,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const LEAD: Actor = Actor::Deputy(DeputyId::new(1));
const CO1: Actor = Actor::Deputy(DeputyId::new(2));
const STRANGER: Actor = Actor::Deputy(DeputyId::new(9));
const OFFICE: Actor = Actor::Office(PersonId::new(100));
const SUPERVISOR: Actor = Actor::Supervisor(PersonId::new(7));
const U31: Actor = Actor::Unit(UnitId::new(31));
const U32: Actor = Actor::Unit(UnitId::new(32));
const U33: Actor = Actor::Unit(UnitId::new(33));

struct Run {
    s: Suggestion,
    policy: Policy,
}

impl Run {
    fn new(id: u32) -> Self {
        Self::with(id, Policy::seed())
    }
    fn with(id: u32, policy: Policy) -> Self {
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
            // Every live trail verifies, to the same state and head.
            let v = verify(self.s.id(), self.s.trail(), &self.policy, &WeekendCalendar)
                .unwrap_or_else(|e| panic!("a live trail does not verify: {e}"));
            assert_eq!(&v.state, self.s.state());
            assert_eq!(v.head, self.s.head());
        }
        r
    }
    fn ok(&mut self, date: NaiveDate, actor: Actor, action: Action) -> &mut Self {
        self.go(date, actor, action).unwrap();
        self
    }
    fn kind(&self) -> StageKind {
        self.s.state().stage.kind()
    }
    /// Drafted by LEAD with CO1, submitted and registered in January 2025.
    fn registered(id: u32) -> Self {
        let mut r = Self::new(id);
        r.ok(
            d(2025, 1, 6),
            LEAD,
            Action::Draft {
                title: "改善农村饮水安全".into(),
                co_signers: vec![DeputyId::new(2), DeputyId::new(3)],
            },
        )
        .ok(d(2025, 1, 7), LEAD, Action::Submit)
        .ok(
            d(2025, 1, 10),
            OFFICE,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        );
        r
    }
    /// Registered, then assigned on Wednesday 15 January 2025 to U31 with U32.
    fn assigned(id: u32) -> Self {
        let mut r = Self::registered(id);
        r.ok(
            d(2025, 1, 15),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![UnitId::new(32)],
            },
        );
        r
    }
}

fn reply(class: &str) -> Action {
    Action::Reply {
        class: class.into(),
    }
}

fn feedback(verdict: Feedback) -> Action {
    Action::Feedback {
        verdict,
        attitude: None,
    }
}

#[test]
fn the_joint_suggestion_walkthrough() {
    let mut r = Run::assigned(1);
    assert_eq!(r.s.state().due_date(), Some(d(2025, 4, 15)));
    let Stage::Assigned { dispute_until, .. } = r.s.state().stage else {
        panic!("not assigned")
    };
    assert_eq!(
        dispute_until,
        d(2025, 1, 24),
        "7 working days after a Wednesday"
    );
    r.ok(
        d(2025, 1, 20),
        U31,
        Action::Dispute {
            reason: "不属于本单位职责".into(),
        },
    );
    assert_eq!(r.kind(), StageKind::Disputed);
    r.ok(
        d(2025, 1, 22),
        OFFICE,
        Action::Reassign {
            lead_unit: UnitId::new(33),
            co_units: vec![UnitId::new(32)],
        },
    );
    assert_eq!(
        r.s.state().due_date(),
        Some(d(2025, 4, 22)),
        "counted from the re-assignment"
    );
    // The old lead unit no longer handles it.
    let err = r.go(d(2025, 2, 1), U31, reply("A")).unwrap_err();
    assert_eq!(
        err,
        SuggestionError::NotAllowed {
            actor: U31,
            step: Step::Reply
        }
    );
    assert_eq!(
        err.to_string(),
        "unit U31 may not take step `reply` on this suggestion"
    );
    r.ok(d(2025, 2, 10), U32, Action::SendViews);
    assert!(r.s.state().views_sent_by(UnitId::new(32)));
    assert_eq!(
        r.go(d(2025, 2, 11), U32, Action::SendViews),
        Err(SuggestionError::ViewsAlreadySent {
            unit: UnitId::new(32)
        })
    );
    r.ok(d(2025, 3, 20), SUPERVISOR, Action::Remind);
    r.ok(d(2025, 4, 10), U33, reply("B"));
    assert!(r.s.state().awaiting_feedback());
    // Only proposers give feedback.
    assert!(matches!(
        r.go(d(2025, 4, 12), STRANGER, feedback(Feedback::Satisfied)),
        Err(SuggestionError::NotAllowed {
            actor: STRANGER,
            ..
        })
    ));
    r.ok(d(2025, 4, 15), LEAD, feedback(Feedback::Unsatisfied));
    assert_eq!(r.kind(), StageKind::Rehandling);
    assert_eq!(
        r.s.state().due_date(),
        Some(d(2025, 5, 15)),
        "re-handling: 1 month"
    );
    r.ok(d(2025, 5, 10), U33, reply("A"));
    // Each proposer answers the new reply; a co-signer's verdict does not
    // close the item, nor stop the lead deputy from giving theirs.
    r.ok(d(2025, 5, 12), CO1, feedback(Feedback::Satisfied));
    assert!(r.s.state().awaiting_feedback());
    assert!(matches!(
        r.go(d(2025, 5, 12), CO1, feedback(Feedback::Unsatisfied)),
        Err(SuggestionError::FeedbackAlreadyGiven { .. })
    ));
    r.ok(d(2025, 5, 13), LEAD, feedback(Feedback::Satisfied));
    let st = r.s.state();
    assert!(st.is_closed() && !st.pending_follow_up());
    assert_eq!(st.first_reply.unwrap().class.as_str(), "B");
    assert_eq!(st.last_reply.unwrap().class.as_str(), "A");
    assert_eq!(st.reminders, 1);
    assert_eq!(st.disputes, 1);
    // The unit that refused the assignment is counted for it, though it no
    // longer handles the item.
    let mut reg = Register::new(2025);
    reg.insert(r.s.clone()).unwrap();
    let c = reg.counts();
    let (u31, u33) = (&c.units[&UnitId::new(31)], &c.units[&UnitId::new(33)]);
    assert_eq!((u31.refused, u31.assigned), (1, 0));
    assert_eq!((u33.refused, u33.assigned), (0, 1));
    assert_eq!(r.s.trail().len(), 15);
    let names: Vec<&str> = r.s.trail().iter().map(|e| e.event.name()).collect();
    assert_eq!(
        names,
        [
            "drafted",
            "submitted",
            "registered",
            "assigned",
            "disputed",
            "assigned",
            "views_sent",
            "reminded",
            "replied",
            "feedback_given",
            "rehandling_ordered",
            "replied",
            "feedback_given",
            "feedback_given",
            "closed"
        ]
    );
    assert_eq!(replay(st.id, r.s.trail()).unwrap(), *st);
}

#[test]
fn dispute_after_the_window_is_refused() {
    let mut r = Run::assigned(1);
    let err = r
        .go(d(2025, 1, 27), U32, Action::Dispute { reason: "x".into() })
        .unwrap_err();
    assert_eq!(
        err,
        SuggestionError::DisputeWindowClosed {
            unit: UnitId::new(32),
            until: d(2025, 1, 24),
            date: d(2025, 1, 27)
        }
    );
    // The last day of the window is still open, and a stranger unit may not.
    assert!(matches!(
        r.go(
            d(2025, 1, 24),
            Actor::Unit(UnitId::new(99)),
            Action::Dispute { reason: "x".into() }
        ),
        Err(SuggestionError::NotAllowed { .. })
    ));
    r.ok(d(2025, 1, 24), U32, Action::Dispute { reason: "x".into() });
}

#[test]
fn the_dispute_window_uses_the_callers_calendar() {
    // A calendar where 20-24 January 2025 are holidays.
    struct Holidays;
    impl Calendar for Holidays {
        fn is_working_day(&self, date: NaiveDate) -> bool {
            WeekendCalendar.is_working_day(date)
                && !(d(2025, 1, 20)..=d(2025, 1, 24)).contains(&date)
        }
    }
    let mut r = Run::registered(1);
    let cmd = Command::new(
        d(2025, 1, 15),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![],
        },
    );
    r.s.handle(&cmd, &r.policy, &Holidays).unwrap();
    let Stage::Assigned { dispute_until, .. } = r.s.state().stage else {
        panic!()
    };
    assert_eq!(dispute_until, d(2025, 1, 31));
}

#[test]
fn extensions_up_to_the_maximum_with_consent() {
    let mut r = Run::assigned(1);
    let until = d(2025, 7, 16);
    assert_eq!(
        r.go(d(2025, 3, 1), U31, Action::RequestExtension { until }),
        Err(SuggestionError::ExtensionTooLong {
            until,
            max: d(2025, 7, 15)
        })
    );
    assert!(matches!(
        r.go(
            d(2025, 3, 1),
            U31,
            Action::RequestExtension {
                until: d(2025, 4, 15)
            }
        ),
        Err(SuggestionError::ExtensionNotLater { .. })
    ));
    assert!(matches!(
        r.go(
            d(2025, 3, 1),
            U32,
            Action::RequestExtension {
                until: d(2025, 6, 15)
            }
        ),
        Err(SuggestionError::NotAllowed { .. })
    ));
    r.ok(
        d(2025, 3, 1),
        U31,
        Action::RequestExtension {
            until: d(2025, 6, 15),
        },
    );
    assert_eq!(
        r.s.state().due_date(),
        Some(d(2025, 4, 15)),
        "not yet granted"
    );
    assert!(matches!(
        r.go(
            d(2025, 3, 2),
            U31,
            Action::GrantExtension {
                unit: UnitId::new(31)
            }
        ),
        Err(SuggestionError::NotAllowed { .. })
    ));
    r.ok(
        d(2025, 3, 3),
        OFFICE,
        Action::GrantExtension {
            unit: UnitId::new(31),
        },
    );
    assert_eq!(r.s.state().due_date(), Some(d(2025, 6, 15)));
    assert_eq!(r.s.state().days_left(d(2025, 6, 1)), Some(14));
    r.ok(d(2025, 6, 16), U31, reply("A"));
    assert!(
        r.s.state().last_reply.unwrap().late,
        "a day after the extended deadline"
    );
}

#[test]
fn extension_granted_on_request_when_no_consent_is_needed() {
    let policy = Policy::seed()
        .with_deadlines(Deadlines {
            extension_needs_consent: false,
            ..Deadlines::default()
        })
        .unwrap();
    let mut r = Run::assigned(1);
    r.policy = policy;
    r.ok(
        d(2025, 3, 1),
        U31,
        Action::RequestExtension {
            until: d(2025, 7, 15),
        },
    );
    assert_eq!(r.s.state().due_date(), Some(d(2025, 7, 15)));
    let last: Vec<&str> =
        r.s.trail()
            .iter()
            .rev()
            .take(2)
            .map(|e| e.event.name())
            .collect();
    assert_eq!(last, ["extension_granted", "extension_requested"]);
}

#[test]
fn second_unsatisfied_escalates_and_then_closes() {
    let mut r = Run::assigned(1);
    r.ok(d(2025, 3, 1), U31, reply("C"))
        .ok(d(2025, 3, 5), LEAD, feedback(Feedback::Unsatisfied))
        .ok(d(2025, 3, 25), U31, reply("C"))
        .ok(d(2025, 3, 26), CO1, feedback(Feedback::Unsatisfied));
    // A co-signer's verdict is recorded; the lead deputy's decides (the
    // seed policy's rule).
    assert_eq!(r.kind(), StageKind::Replied);
    assert_eq!(
        r.s.state().verdict_of(DeputyId::new(2)),
        Some(Feedback::Unsatisfied)
    );
    r.ok(d(2025, 3, 26), LEAD, feedback(Feedback::Unsatisfied));
    assert_eq!(r.kind(), StageKind::Escalated);
    assert!(matches!(
        r.go(d(2025, 3, 27), U31, Action::Close),
        Err(SuggestionError::NotAllowed { .. })
    ));
    r.ok(d(2025, 4, 2), Actor::StandingCommittee, Action::Close);
    assert_eq!(
        r.s.state().stage,
        Stage::Closed {
            on: d(2025, 4, 2),
            resolved: false,
            follow_up: false,
            look_back: None
        }
    );
    assert_eq!(r.s.state().unsatisfied, 2);
}

#[test]
fn b_items_stay_on_the_books_until_the_look_back_solves_them() {
    let mut r = Run::new(7);
    r.ok(
        d(2024, 2, 1),
        LEAD,
        Action::Draft {
            title: "建设乡村公路".into(),
            co_signers: vec![],
        },
    )
    .ok(d(2024, 2, 1), LEAD, Action::Submit)
    .ok(
        d(2024, 2, 2),
        OFFICE,
        Action::Register {
            checks: ReviewChecks::PASSED,
        },
    )
    .ok(
        d(2024, 2, 5),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![],
        },
    )
    .ok(d(2024, 4, 1), U31, reply("B"))
    .ok(d(2024, 4, 10), LEAD, feedback(Feedback::BasicallySatisfied));
    assert!(r.s.state().is_closed() && r.s.state().pending_follow_up());
    assert_eq!(r.s.state().stage.label_zh(), "已办结（跟踪落实）");
    // Closed items take no more feedback or replies outside the follow-up.
    assert!(matches!(
        r.go(d(2025, 1, 2), U31, reply("A")),
        Err(SuggestionError::WrongStage { .. })
    ));

    let mut reg = Register::new(2025);
    reg.insert(r.s.clone()).unwrap();
    assert_eq!(reg.due_for_look_back(2025), [SuggestionId::new(7)]);
    assert!(
        reg.due_for_look_back(2024).is_empty(),
        "closed in 2024 itself"
    );
    let policy = Policy::seed();
    let id = SuggestionId::new(7);
    reg.handle(
        id,
        &Command::new(d(2025, 3, 1), OFFICE, Action::LookBack),
        &policy,
        &WeekendCalendar,
    )
    .unwrap();
    assert!(reg.due_for_look_back(2025).is_empty());
    assert_eq!(reg.get(id).unwrap().state().due_date(), Some(d(2025, 6, 1)));
    assert!(reg.overdue(d(2025, 6, 2)).iter().any(|o| o.id == id));
    reg.handle(
        id,
        &Command::new(
            d(2025, 4, 1),
            U31,
            Action::FollowUpReply { class: "B".into() },
        ),
        &policy,
        &WeekendCalendar,
    )
    .unwrap();
    assert!(reg.get(id).unwrap().state().pending_follow_up(), "still B");
    reg.handle(
        id,
        &Command::new(
            d(2025, 5, 1),
            U31,
            Action::FollowUpReply { class: "A".into() },
        ),
        &policy,
        &WeekendCalendar,
    )
    .unwrap();
    let st = reg.get(id).unwrap().state();
    assert!(st.is_closed() && !st.pending_follow_up());
    assert_eq!(st.solved_on, Some(d(2025, 5, 1)));
    let counts = reg.counts();
    assert_eq!(counts.look_back_resolved, 1);
    assert_eq!(counts.received, 0, "submitted in 2024");
    // In 2024's figures the same item is received, replied on time, class B.
    let mut reg24 = Register::new(2024);
    reg24.insert(reg.get(id).unwrap().clone()).unwrap();
    let c24 = reg24.counts();
    assert_eq!(
        (
            c24.received,
            c24.replied,
            c24.replied_on_time,
            c24.look_back_resolved
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(
        c24.by_class
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("B", 1)]
    );
}

#[test]
fn pre_review_declines_with_a_listed_reason_or_registers() {
    let mut r = Run::new(1);
    r.ok(
        d(2025, 1, 6),
        LEAD,
        Action::Draft {
            title: "申诉".into(),
            co_signers: vec![],
        },
    )
    .ok(d(2025, 1, 6), LEAD, Action::Submit);
    assert_eq!(
        r.go(
            d(2025, 1, 8),
            OFFICE,
            Action::Register {
                checks: ReviewChecks {
                    legal: false,
                    ..ReviewChecks::PASSED
                }
            }
        ),
        Err(SuggestionError::ReviewFailed { check: "legality" })
    );
    assert_eq!(
        r.go(
            d(2025, 1, 8),
            OFFICE,
            Action::Decline {
                reason: "gossip".into(),
                reference_opinion: false
            }
        ),
        Err(SuggestionError::UnknownReason {
            code: "gossip".into()
        })
    );
    r.ok(
        d(2025, 1, 8),
        OFFICE,
        Action::Decline {
            reason: "complaint".into(),
            reference_opinion: true,
        },
    );
    let Stage::NotRegistered {
        reason,
        reference_opinion,
    } = r.s.state().stage
    else {
        panic!()
    };
    assert_eq!((reason.as_str(), reference_opinion), ("complaint", true));
    assert!(!r.s.state().is_open());
}

#[test]
fn drafts_are_checked_and_only_the_lead_withdraws_before_assignment() {
    let mut r = Run::new(1);
    assert_eq!(
        r.go(
            d(2025, 1, 6),
            LEAD,
            Action::Draft {
                title: "  ".into(),
                co_signers: vec![]
            }
        ),
        Err(SuggestionError::EmptyTitle)
    );
    assert_eq!(
        r.go(
            d(2025, 1, 6),
            LEAD,
            Action::Draft {
                title: "t".into(),
                co_signers: vec![DeputyId::new(1)]
            }
        ),
        Err(SuggestionError::RepeatedDeputy {
            deputy: DeputyId::new(1)
        })
    );
    assert!(matches!(
        r.go(
            d(2025, 1, 6),
            OFFICE,
            Action::Draft {
                title: "t".into(),
                co_signers: vec![]
            }
        ),
        Err(SuggestionError::NotAllowed {
            actor: OFFICE,
            step: Step::Draft
        })
    ));
    let mut r = Run::registered(2);
    assert_eq!(
        r.go(d(2025, 1, 11), CO1, Action::Withdraw),
        Err(SuggestionError::NotAllowed {
            actor: CO1,
            step: Step::Withdraw
        })
    );
    let mut a = Run::assigned(3);
    assert_eq!(
        a.go(d(2025, 1, 16), LEAD, Action::Withdraw),
        Err(SuggestionError::WrongStage {
            step: Step::Withdraw,
            stage: StageKind::Assigned
        })
    );
    r.ok(d(2025, 1, 11), LEAD, Action::Withdraw);
    assert_eq!(r.kind(), StageKind::Withdrawn);
}

#[test]
fn dates_never_go_back_and_assignments_are_checked() {
    let mut r = Run::registered(1);
    assert_eq!(
        r.go(
            d(2025, 1, 9),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![]
            }
        ),
        Err(SuggestionError::DateGoesBack {
            date: d(2025, 1, 9),
            last: d(2025, 1, 10)
        })
    );
    assert_eq!(
        r.go(
            d(2025, 1, 10),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: vec![UnitId::new(31)]
            }
        ),
        Err(SuggestionError::RepeatedUnit {
            unit: UnitId::new(31)
        })
    );
    let many: Vec<UnitId> = (100..117).map(UnitId::new).collect();
    assert_eq!(
        r.go(
            d(2025, 1, 10),
            OFFICE,
            Action::Assign {
                lead_unit: UnitId::new(31),
                co_units: many
            }
        ),
        Err(SuggestionError::TooManyUnits { count: 17, max: 16 })
    );
    assert_eq!(
        r.go(d(2025, 1, 10), OFFICE, reply("Z"))
            .unwrap_err()
            .to_string(),
        "step `reply` is not possible on a suggestion that is registered"
    );
    let mut a = Run::assigned(2);
    assert_eq!(
        a.go(d(2025, 2, 1), U31, reply("Z")),
        Err(SuggestionError::UnknownClass { code: "Z".into() })
    );
}

#[test]
fn merged_suggestions_owe_a_reply_to_every_deputy() {
    let policy = Policy::seed();
    let mut reg = Register::new(2025);
    let primary = Run::registered(1).s;
    let mut other = Run::new(2);
    let d5 = Actor::Deputy(DeputyId::new(5));
    other
        .ok(
            d(2025, 1, 6),
            d5,
            Action::Draft {
                title: "改善饮水".into(),
                co_signers: vec![],
            },
        )
        .ok(d(2025, 1, 7), d5, Action::Submit)
        .ok(
            d(2025, 1, 10),
            OFFICE,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        );
    reg.insert(primary).unwrap();
    reg.insert(other.s).unwrap();
    let (s1, s2) = (SuggestionId::new(1), SuggestionId::new(2));
    // A unit may not merge; nothing changes on either side.
    let before = reg.clone();
    assert!(
        reg.merge(s2, s1, d(2025, 1, 12), U31, &policy, &WeekendCalendar)
            .is_err()
    );
    assert_eq!(reg, before);
    assert!(
        reg.merge(s1, s1, d(2025, 1, 12), OFFICE, &policy, &WeekendCalendar)
            .is_err()
    );
    reg.merge(s2, s1, d(2025, 1, 12), OFFICE, &policy, &WeekendCalendar)
        .unwrap();
    assert_eq!(
        reg.get(s2).unwrap().state().stage,
        Stage::Merged { into: s1 }
    );
    let owed = reg.get(s1).unwrap().state().owed_replies();
    assert_eq!(owed, [1, 2, 3, 5].map(DeputyId::new));
    let cal = WeekendCalendar;
    let go = |reg: &mut Register, date, actor, action| {
        reg.handle(s1, &Command::new(date, actor, action), &policy, &cal)
    };
    go(
        &mut reg,
        d(2025, 1, 15),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![],
        },
    )
    .unwrap();
    go(&mut reg, d(2025, 2, 15), U31, reply("A")).unwrap();
    assert_eq!(reg.awaiting_feedback(), [s1]);
    // The merged item's deputy is replied to and gives feedback too; the
    // primary's lead deputy decides.
    go(&mut reg, d(2025, 2, 20), d5, feedback(Feedback::Satisfied)).unwrap();
    let st = reg.get(s1).unwrap().state();
    assert!(!st.is_closed());
    assert_eq!(st.verdict_of(DeputyId::new(5)), Some(Feedback::Satisfied));
    assert_eq!(st.feedback_owed(), [1, 2, 3].map(DeputyId::new));
    // The register answers per deputy.
    assert_eq!(reg.feedback_owed_by(DeputyId::new(1)), [s1]);
    assert!(reg.feedback_owed_by(DeputyId::new(5)).is_empty());
    assert_eq!(reg.proposed_by(DeputyId::new(5)), [s1, s2]);
    go(
        &mut reg,
        d(2025, 2, 21),
        LEAD,
        feedback(Feedback::Satisfied),
    )
    .unwrap();
    assert!(reg.get(s1).unwrap().state().is_closed());
    let c = reg.counts();
    assert_eq!((c.received, c.merged, c.closed, c.replied), (2, 1, 1, 1));
}

#[test]
fn register_answers_overdue_by_unit_by_class_and_counts() {
    let policy = Policy::seed();
    let mut reg = Register::new(2025);
    let mut a = Run::assigned(1); // due 15 April, U31 + U32
    a.ok(
        d(2025, 1, 20),
        Actor::StandingCommittee,
        Action::MarkKey {
            leader: PersonId::new(7),
            committee: UnitId::new(90),
        },
    );
    reg.insert(a.s).unwrap();
    let mut b = Run::registered(2);
    b.ok(
        d(2025, 2, 1),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(33),
            co_units: vec![],
        },
    ) // due 1 May
    .ok(d(2025, 3, 1), U33, reply("C"))
    .ok(d(2025, 3, 9), LEAD, feedback(Feedback::BasicallySatisfied));
    reg.insert(b.s).unwrap();
    let mut c = Run::registered(3);
    c.ok(
        d(2025, 2, 1),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![],
        },
    )
    .ok(d(2025, 5, 5), U31, reply("A")); // late: due 1 May
    reg.insert(c.s).unwrap();

    let overdue = reg.overdue(d(2025, 4, 20));
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        (overdue[0].id.get(), overdue[0].due, overdue[0].days_overdue),
        (1, d(2025, 4, 15), 5)
    );
    assert!(
        reg.overdue(d(2025, 4, 15)).is_empty(),
        "due today is not overdue"
    );
    assert_eq!(reg.due_soon(d(2025, 4, 1)), [SuggestionId::new(1)]);
    assert_eq!(reg.by_unit(UnitId::new(32)), [SuggestionId::new(1)]);
    assert_eq!(reg.by_unit(UnitId::new(31)), [1, 3].map(SuggestionId::new));
    assert_eq!(reg.by_class("C"), [SuggestionId::new(2)]);
    assert_eq!(reg.awaiting_feedback(), [SuggestionId::new(3)]);

    let counts = reg.counts();
    assert_eq!((counts.received, counts.registered, counts.key), (3, 3, 1));
    assert_eq!(
        (counts.replied, counts.replied_on_time, counts.closed),
        (2, 1, 1)
    );
    assert_eq!(counts.feedback.basically_satisfied, 1);
    let u31 = counts.units[&UnitId::new(31)];
    assert_eq!((u31.assigned, u31.replied, u31.replied_on_time), (2, 1, 0));
    assert_eq!(
        counts.units[&UnitId::new(33)].feedback.basically_satisfied,
        1
    );
    assert!(
        !counts.units.contains_key(&UnitId::new(32)),
        "per lead unit"
    );
    let _ = policy;
}

#[test]
fn corrupt_trails_are_errors() {
    let r = Run::assigned(1);
    let trail = r.s.trail().to_vec();
    let id = SuggestionId::new(1);
    let mut gap = trail.clone();
    gap.remove(1);
    assert_eq!(
        Suggestion::replay(id, gap).unwrap_err(),
        SuggestionError::OutOfSequence {
            expected: 2,
            found: 3
        }
    );
    let mut back = trail.clone();
    back[2].date = d(2024, 1, 1);
    assert!(matches!(
        Suggestion::replay(id, back),
        Err(SuggestionError::DateGoesBack { .. })
    ));
    let mut future = trail.clone();
    future[0].version = Event::VERSION + 1;
    assert!(matches!(
        Suggestion::replay(id, future),
        Err(SuggestionError::UnsupportedVersion { seq: 1, .. })
    ));
    let mut impossible = trail.clone();
    impossible[3].event = Event::Escalated;
    assert_eq!(
        Suggestion::replay(id, impossible).unwrap_err(),
        SuggestionError::ImpossibleEvent {
            seq: 4,
            event: "escalated",
            stage: StageKind::Registered
        }
    );
    assert_eq!(Suggestion::replay(id, trail).unwrap(), r.s);
}

#[test]
fn labels_are_chinese() {
    assert_eq!(Step::Dispute.label_zh(), "申请调整交办");
    assert_eq!(
        Policy::seed().class("C").unwrap().label_zh(),
        "暂时不具备解决条件"
    );
    assert_eq!(StageKind::Rehandling.label_zh(), "重新办理");
    assert_eq!(Event::Reminded.label_zh(), "催办");
}

#[cfg(feature = "serde")]
mod stored {
    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/suggestion");

    fn walkthrough() -> Suggestion {
        let mut r = Run::assigned(1);
        r.ok(d(2025, 2, 10), U32, Action::SendViews)
            .ok(d(2025, 4, 10), U31, reply("B"))
            .ok(d(2025, 4, 15), LEAD, feedback(Feedback::Satisfied));
        r.s
    }

    #[test]
    fn a_stored_v1_trail_still_reads() {
        // Stored before digests: it replays to the same state, but its chain
        // does not verify (every `prev` reads as zero, not the genesis).
        let text = std::fs::read_to_string(format!("{DIR}/trail_v1.json")).unwrap();
        let stored: Suggestion = serde_json::from_str(&text).unwrap();
        let live = walkthrough();
        assert_eq!(stored.state(), live.state());
        assert!(stored.state().pending_follow_up());
        assert_eq!(
            deputy_work::suggestion::verify_chain(stored.id(), stored.trail()),
            Err(SuggestionError::BrokenChain { seq: 1 })
        );
    }

    #[test]
    fn a_stored_trail_with_digests_reads_verifies_and_writes_back() {
        let text = std::fs::read_to_string(format!("{DIR}/trail_digests.json")).unwrap();
        let stored: Suggestion = serde_json::from_str(&text).unwrap();
        let live = walkthrough();
        assert_eq!(stored, live);
        // The digests are pinned: the same trail, written by this build,
        // gives the same text, digests and all.
        assert_eq!(
            serde_json::to_string_pretty(&stored).unwrap(),
            text.trim_end()
        );
        let v = verify(
            stored.id(),
            stored.trail(),
            &Policy::seed(),
            &WeekendCalendar,
        )
        .unwrap();
        v.expect_head(live.head()).unwrap();
        assert_eq!(
            live.head().to_string(),
            "b58c28ac7e4883d640cf9cbbe72120b71311d6dd2427a5003317dc3d802dd378"
        );
    }

    #[test]
    fn a_trail_that_does_not_replay_is_refused_while_loading() {
        let text = std::fs::read_to_string(format!("{DIR}/trail_v1.json")).unwrap();
        let bad = text.replace("\"seq\": 3", "\"seq\": 9");
        let err = serde_json::from_str::<Suggestion>(&bad).unwrap_err();
        assert!(err.to_string().contains("expected 3"), "{err}");
        let unknown = text.replacen("\"v\": 1", "\"v\": 1, \"extra\": 0", 1);
        assert!(serde_json::from_str::<Suggestion>(&unknown).is_err());
    }

    #[test]
    fn policies_load_from_toml_and_are_validated() {
        let text = std::fs::read_to_string(format!("{DIR}/county_policy.toml")).unwrap();
        let p: Policy = toml::from_str(&text).unwrap();
        assert_eq!(p.classes().len(), 3);
        assert_eq!(
            p.class("乙").unwrap().label_zh(),
            "正在解决或已列入计划逐步解决"
        );
        assert_eq!(p.deadlines().rehandling_months, 3);
        assert_eq!(p.deadlines().dispute_window_working_days, 10);
        assert!(p.reason("litigation").is_some());
        let unknown = text.replace("resolved = true", "resolved = true\nweight = 2");
        assert!(toml::from_str::<Policy>(&unknown).is_err());
        let twice = text.replace("code = \"丙\"", "code = \"甲\"");
        let err = toml::from_str::<Policy>(&twice).unwrap_err();
        assert!(err.to_string().contains("listed twice"), "{err}");
        // Deadlines left out take the defaults; the table may be partial.
        let partial = r#"
            name = "partial"
            [[classes]]
            code = "A"
            label_zh = "已解决"
            label_en = "solved"
            resolved = true
            followed_up = false
            [deadlines]
            rehandling_months = 3
        "#;
        let p: Policy = toml::from_str(partial).unwrap();
        assert_eq!(
            *p.deadlines(),
            Deadlines {
                rehandling_months: 3,
                ..Deadlines::default()
            }
        );
        let bad = partial.replace("rehandling_months = 3", "rehandling_months = 0");
        assert!(toml::from_str::<Policy>(&bad).is_err());
        let json = serde_json::to_string(&Policy::seed()).unwrap();
        assert_eq!(
            serde_json::from_str::<Policy>(&json).unwrap(),
            Policy::seed()
        );
    }

    #[test]
    fn registers_and_counts_round_trip() {
        let mut reg = Register::new(2025);
        reg.insert(walkthrough()).unwrap();
        let json = serde_json::to_string(&reg).unwrap();
        assert_eq!(serde_json::from_str::<Register>(&json).unwrap(), reg);
        let counts = reg.counts();
        let cj = serde_json::to_value(&counts).unwrap();
        assert_eq!(cj["by_class"]["B"], 1);
        assert_eq!(cj["units"]["31"]["replied_on_time"], 1);
    }
}

/// A joint suggestion by D1 (lead) with co-signers D2, D3 and D4, replied
/// B, under `rule`; then the verdicts in order. Returns the stage after
/// each verdict.
fn joint_verdicts(rule: FeedbackRule, verdicts: &[(u32, Feedback)]) -> Vec<StageKind> {
    let mut r = Run::with(1, Policy::seed().with_feedback_decides(rule));
    r.ok(
        d(2025, 1, 6),
        LEAD,
        Action::Draft {
            title: "加强乡村医疗服务".into(),
            co_signers: [2, 3, 4].map(DeputyId::new).to_vec(),
        },
    )
    .ok(d(2025, 1, 7), LEAD, Action::Submit)
    .ok(
        d(2025, 1, 10),
        OFFICE,
        Action::Register {
            checks: ReviewChecks::PASSED,
        },
    )
    .ok(
        d(2025, 1, 15),
        OFFICE,
        Action::Assign {
            lead_unit: UnitId::new(31),
            co_units: vec![],
        },
    )
    .ok(d(2025, 3, 1), U31, reply("B"));
    assert_eq!(
        r.s.state().feedback_owed(),
        [1, 2, 3, 4].map(DeputyId::new),
        "a reply is owed to each proposer"
    );
    verdicts
        .iter()
        .map(|&(who, v)| {
            r.ok(
                d(2025, 3, 5),
                Actor::Deputy(DeputyId::new(who)),
                feedback(v),
            );
            assert_eq!(r.s.state().verdict_of(DeputyId::new(who)), Some(v));
            r.kind()
        })
        .collect()
}

#[test]
fn whose_feedback_decides_is_the_policys_rule() {
    use Feedback::{BasicallySatisfied as B, Satisfied as S, Unsatisfied as U};
    use StageKind::{Closed, Rehandling, Replied};
    // Worked by hand from FeedbackRule's three rules. Verdicts: D2 satisfied,
    // D3 unsatisfied, D1 (lead) basically satisfied, D4 satisfied.
    let mixed = [(2, S), (3, U), (1, B), (4, S)];
    type Case<'a> = (FeedbackRule, &'a [(u32, Feedback)], &'a [StageKind]);
    let table: [Case<'_>; 6] = [
        // The lead decides: the co-signers' verdicts wait; the lead's closes.
        (FeedbackRule::Lead, &mixed[..3], &[Replied, Replied, Closed]),
        // All: decided by the last verdict, by the worst of the four.
        (
            FeedbackRule::All,
            &mixed,
            &[Replied, Replied, Replied, Rehandling],
        ),
        (
            FeedbackRule::All,
            &[(2, S), (3, B), (1, S), (4, S)],
            &[Replied, Replied, Replied, Closed],
        ),
        // Any unsatisfied: D3's verdict decides at once.
        (
            FeedbackRule::AnyUnsatisfied,
            &mixed[..2],
            &[Replied, Rehandling],
        ),
        (
            FeedbackRule::AnyUnsatisfied,
            &[(1, S), (2, S), (3, B), (4, S)],
            &[Replied, Replied, Replied, Closed],
        ),
        // The lead's unsatisfied sends it back even after others were satisfied.
        (
            FeedbackRule::Lead,
            &[(2, S), (3, S), (1, U)],
            &[Replied, Replied, Rehandling],
        ),
    ];
    for (rule, verdicts, expected) in table {
        assert_eq!(
            joint_verdicts(rule, verdicts),
            expected,
            "{rule:?} {verdicts:?}"
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn the_feedback_rule_loads_from_a_policy_file() {
    let text = r#"
name = "all must answer"
feedback_decides = "all"

[[classes]]
code = "A"
label_zh = "已解决"
label_en = "solved"
resolved = true
followed_up = false
"#;
    let p: Policy = toml::from_str(text).unwrap();
    assert_eq!(p.feedback_decides(), FeedbackRule::All);
    let bad = text.replace("\"all\"", "\"majority\"");
    assert!(toml::from_str::<Policy>(&bad).is_err());
}

#[test]
fn reminders_weigh_by_who_gives_them() {
    let mut r = Run::assigned(1);
    r.ok(d(2025, 2, 1), OFFICE, Action::Remind)
        .ok(
            d(2025, 2, 2),
            Actor::Supervisor(PersonId::new(7)),
            Action::Remind,
        )
        .ok(d(2025, 2, 3), Actor::StandingCommittee, Action::Remind);
    assert_eq!(r.s.state().reminders, 3);
    // Office 2 + supervising leader 4 + standing committee 4 (the defaults).
    assert_eq!(r.s.urge_weight(&r.policy), 10);
    let heavier = r.policy.clone().with_urge_weights(UrgeWeights {
        office: 3,
        ..UrgeWeights::default()
    });
    assert_eq!(r.s.urge_weight(&heavier), 11);
}

#[cfg(feature = "serde")]
#[test]
fn urge_weights_load_from_a_policy_file() {
    let text = r#"
name = "weights"
urge_weights = { office = 5, standing_committee = 10 }

[[classes]]
code = "A"
label_zh = "已解决"
label_en = "solved"
resolved = true
followed_up = false
"#;
    let p: Policy = toml::from_str(text).unwrap();
    assert_eq!(p.urge_weights().office, 5);
    assert_eq!(p.urge_weights().deputy, 1, "the rest keep their defaults");
    assert!(toml::from_str::<Policy>(&text.replace("office = 5", "mayor = 5")).is_err());
}

#[test]
fn the_result_and_the_units_attitude_are_rated_apart() {
    let mut r = Run::assigned(1);
    r.ok(d(2025, 3, 1), U31, reply("B")).ok(
        d(2025, 3, 5),
        CO1,
        Action::Feedback {
            verdict: Feedback::Satisfied,
            attitude: Some(Feedback::Unsatisfied),
        },
    );
    r.ok(
        d(2025, 3, 6),
        LEAD,
        Action::Feedback {
            verdict: Feedback::BasicallySatisfied,
            attitude: Some(Feedback::Satisfied),
        },
    );
    let st = r.s.state();
    assert!(st.is_closed());
    let attitudes: Vec<_> = st.round.iter().map(|f| (f.by, f.attitude)).collect();
    assert_eq!(
        attitudes,
        [
            (DeputyId::new(2), Some(Feedback::Unsatisfied)),
            (DeputyId::new(1), Some(Feedback::Satisfied)),
        ]
    );
    let mut reg = Register::new(2025);
    reg.insert(r.s.clone()).unwrap();
    let c = reg.counts();
    // The item's feedback is the latest verdict; the attitude counts every
    // proposer's rating.
    assert_eq!(c.feedback.basically_satisfied, 1);
    assert_eq!((c.attitude.satisfied, c.attitude.unsatisfied), (1, 1));
    let u = &c.units[&UnitId::new(31)];
    assert_eq!((u.attitude.satisfied, u.attitude.unsatisfied), (1, 1));
}

#[test]
fn times_of_day_are_kept_and_never_go_back_on_a_date() {
    use chrono::NaiveTime;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let mut r = Run::assigned(1);
    let at = |c: Command, time| c.at(time);
    let policy = r.policy.clone();
    let cal = WeekendCalendar;
    r.s.handle(
        &at(
            Command::new(d(2025, 2, 1), OFFICE, Action::Remind),
            t(15, 0),
        ),
        &policy,
        &cal,
    )
    .unwrap();
    assert_eq!(r.s.trail().last().unwrap().time, Some(t(15, 0)));
    // Earlier on the same date: refused, nothing recorded.
    let before = r.s.clone();
    let err =
        r.s.handle(
            &at(
                Command::new(d(2025, 2, 1), Actor::StandingCommittee, Action::Remind),
                t(9, 0),
            ),
            &policy,
            &cal,
        )
        .unwrap_err();
    assert_eq!(
        err,
        SuggestionError::TimeGoesBack {
            time: t(9, 0),
            last: t(15, 0)
        }
    );
    assert_eq!(r.s, before);
    // The same time, then a later one, on the same date: in order.
    for time in [t(15, 0), t(16, 30)] {
        r.s.handle(
            &at(Command::new(d(2025, 2, 1), OFFICE, Action::Remind), time),
            &policy,
            &cal,
        )
        .unwrap();
    }
    // A later date at an earlier hour is fine, and the trail verifies.
    r.s.handle(
        &at(Command::new(d(2025, 2, 2), OFFICE, Action::Remind), t(9, 0)),
        &policy,
        &cal,
    )
    .unwrap();
    let v = verify(r.s.id(), r.s.trail(), &policy, &cal).unwrap();
    assert_eq!(&v.state, r.s.state());
    // A time edited on the last entry changes the head.
    let mut edited = r.s.trail().to_vec();
    edited.last_mut().unwrap().time = Some(t(9, 1));
    let v = verify(r.s.id(), &edited, &policy, &cal).unwrap();
    assert!(v.expect_head(r.s.head()).is_err());
}

/// A look-back reply (回头看) is on time on the look-back's due date and
/// late the day after: a look-back started 1 May 2025 is due 1 August.
#[test]
fn a_look_back_reply_on_its_due_date_is_on_time() {
    for (n, (day, late)) in (1..).zip([(d(2025, 8, 1), false), (d(2025, 8, 2), true)]) {
        let mut r = Run::assigned(n);
        r.ok(d(2025, 4, 1), U31, reply("B"))
            .ok(d(2025, 4, 10), LEAD, feedback(Feedback::BasicallySatisfied))
            .ok(d(2025, 5, 1), OFFICE, Action::LookBack);
        assert_eq!(r.s.state().due_date(), Some(d(2025, 8, 1)));
        r.ok(day, U31, Action::FollowUpReply { class: "A".into() });
        let last = &r.s.trail().last().unwrap().event;
        assert!(
            matches!(last, Event::FollowUpReplied { reply, .. } if reply.late == late),
            "{day}: {last:?}"
        );
    }
}

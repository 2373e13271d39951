//! The suggestion life cycle (代表建议: 提、交、办、督、评).
//!
//! Run with no arguments:
//!
//! ```sh
//! cargo run --release --example suggestions
//! ```
//!
//! 1. One joint suggestion goes through a disputed assignment, re-assignment,
//!    a B reply, unsatisfied feedback, re-handling, an A reply and the
//!    co-signer's then the lead deputy's satisfied feedback; its audit trail
//!    is printed with Chinese labels.
//! 2. A joint suggestion by a lead deputy and three co-signers, who give
//!    different verdicts on the reply: each verdict is recorded (逐人答复),
//!    and the item is decided as the policy's feedback rule says, shown
//!    under all three rules.
//! 3. A suggestion assigned to two units that each handle it and reply
//!    separately (分别办理、分别答复): each unit's own deadline and extension,
//!    the contacts with the deputy before, during and after handling, and
//!    the item's class taken as the lower of the two; then a suggestion in
//!    a delegation's name, replied to the delegation through the city's
//!    standing committee.
//! 4. A generated year of 181 suggestions, replied 131 A, 49 B, 1 C (the
//!    seed's figures): the items overdue as of 20 May, the year's counts,
//!    and the standing committee's evaluation (测评) of two units recorded
//!    in the register, with their satisfaction rates.
//!
//! With `--write-trail FILE` it also writes the walked suggestion's trail as
//! JSON (`{"id", "trail", "head"}`: the head digest kept beside the trail).
//! With `--verify FILE` it only checks such a file: the digest chain, the
//! head, and every entry re-decided under the seed policy; it exits non-zero
//! naming the failing entry and why. Any changed field fails:
//!
//! ```sh
//! cargo run --release --example suggestions -- --write-trail /tmp/trail.json
//! sed -i 's/"class": "A"/"class": "Z"/' /tmp/trail.json
//! cargo run --release --example suggestions -- --verify /tmp/trail.json   # fails at entry 13
//! ```

use std::error::Error;

use chrono::{Days, NaiveDate};
use deputy_work::common::{DeputyId, Labelled, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::stats::{Abstentions, Rounding, Satisfaction, shares};
use deputy_work::suggestion::{
    Action, Actor, Command, ContactPhase, Digest, EvaluationEvent, Event, Feedback, FeedbackRule,
    GroupKind, Policy, ProposerGroup, Recipient, Register, ReviewChecks, Suggestion, TrailEntry,
    verify,
};
use rust_decimal::Decimal;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).expect("a valid 2025 date")
}

fn actor_text(a: &Actor) -> String {
    let id = match a {
        Actor::Deputy(id) => id.to_string(),
        Actor::Office(id) | Actor::Supervisor(id) => id.to_string(),
        Actor::Unit(id) => id.to_string(),
        _ => String::new(),
    };
    format!("{}{}", a.label_zh(), id)
}

fn detail(e: &Event, policy: &Policy) -> String {
    let class = |code: &str| {
        policy
            .class(code)
            .map_or(code.to_owned(), |c| format!("{code}类 {}", c.label_zh()))
    };
    match e {
        Event::Drafted {
            title, co_signers, ..
        } => format!("《{title}》，附议代表 {} 人", co_signers.len()),
        Event::Assigned {
            lead_unit,
            co_units,
            reply,
            dispute_until,
            ..
        } => format!(
            "主办 {lead_unit}，协办 {}，答复期限 {}，异议截止 {dispute_until}",
            co_units
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            reply.due
        ),
        Event::Disputed { unit, reason } => format!("{unit}：{reason}"),
        Event::Replied { reply } => format!(
            "{}{}",
            class(reply.class.as_str()),
            if reply.late { "（逾期）" } else { "" }
        ),
        Event::FeedbackGiven { feedback } => {
            format!("{} {}", feedback.by, feedback.verdict.label_zh())
        }
        Event::RehandlingOrdered { reply } => format!("重新答复期限 {}", reply.due),
        Event::Closed { resolved, .. } => {
            if *resolved {
                "已解决".into()
            } else {
                "未解决".into()
            }
        }
        Event::MarkedKey { key } => {
            format!("督办领导 {}，督办委员会 {}", key.leader, key.committee)
        }
        Event::AssignedSeparately { units, reply, .. } => format!(
            "承办 {}，各自答复期限 {}",
            units
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            reply.due
        ),
        Event::ExtensionRequested { unit, until } => format!("{unit} 申请延至 {until}"),
        Event::ExtensionGranted { unit, reply } => format!("{unit} 答复期限 {}", reply.due),
        Event::UnitReplied { unit, reply } => format!(
            "{unit}：{}{}",
            class(reply.class.as_str()),
            if reply.late { "（逾期）" } else { "" }
        ),
        Event::Contacted {
            deputy,
            phase,
            face_to_face,
        } => format!(
            "{}，{deputy}，{}",
            phase.label_zh(),
            if *face_to_face { "当面" } else { "电话" }
        ),
        Event::DraftedForGroup { title, group } => format!(
            "《{title}》，以{}{}名义，召集人 {}",
            group.kind.label_zh(),
            group.group,
            group.convenor
        ),
        _ => String::new(),
    }
}

fn walkthrough(policy: &Policy) -> Result<Suggestion, Box<dyn Error>> {
    let lead = Actor::Deputy(DeputyId::new(1));
    let co = Actor::Deputy(DeputyId::new(2));
    let office = Actor::Office(PersonId::new(100));
    let (u31, u32_, u33) = (UnitId::new(31), UnitId::new(32), UnitId::new(33));
    let cal = WeekendCalendar;
    let mut s = Suggestion::new(SuggestionId::new(1));
    let steps = [
        Command::new(
            d(1, 6),
            lead,
            Action::Draft {
                title: "关于改善农村牧区饮水安全的建议".into(),
                co_signers: vec![DeputyId::new(2), DeputyId::new(3)],
            },
        ),
        Command::new(d(1, 7), lead, Action::Submit),
        Command::new(
            d(1, 10),
            office,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        ),
        Command::new(
            d(1, 12),
            Actor::StandingCommittee,
            Action::MarkKey {
                leader: PersonId::new(7),
                committee: UnitId::new(90),
            },
        ),
        Command::new(
            d(1, 15),
            office,
            Action::Assign {
                lead_unit: u31,
                co_units: vec![u32_],
            },
        ),
        Command::new(
            d(1, 20),
            Actor::Unit(u31),
            Action::Dispute {
                reason: "供水工程不属于本单位职责".into(),
            },
        ),
        Command::new(
            d(1, 22),
            office,
            Action::Reassign {
                lead_unit: u33,
                co_units: vec![u32_],
            },
        ),
        Command::new(d(2, 10), Actor::Unit(u32_), Action::SendViews),
        Command::new(
            d(3, 20),
            Actor::Supervisor(PersonId::new(7)),
            Action::Remind,
        ),
        Command::new(
            d(4, 10),
            Actor::Unit(u33),
            Action::Reply { class: "B".into() },
        ),
        Command::new(
            d(4, 15),
            lead,
            Action::Feedback {
                verdict: Feedback::Unsatisfied,
                attitude: None,
            },
        ),
        Command::new(
            d(5, 10),
            Actor::Unit(u33),
            Action::Reply { class: "A".into() },
        ),
        Command::new(
            d(5, 12),
            co,
            Action::Feedback {
                verdict: Feedback::Satisfied,
                attitude: None,
            },
        ),
        // The co-signer's verdict is recorded; the lead deputy's decides.
        Command::new(
            d(5, 13),
            lead,
            Action::Feedback {
                verdict: Feedback::Satisfied,
                attitude: None,
            },
        ),
    ];
    // Commands that the rules refuse, tried along the way: a dispute after
    // the window, feedback from a deputy who is not a proposer, a reply from
    // the unit that is no longer assigned. Each leaves no trace.
    let refused = [
        (
            7,
            Command::new(
                d(2, 3),
                Actor::Unit(u32_),
                Action::Dispute {
                    reason: "迟到的异议".into(),
                },
            ),
        ),
        (
            10,
            Command::new(
                d(4, 12),
                Actor::Deputy(DeputyId::new(9)),
                Action::Feedback {
                    verdict: Feedback::Satisfied,
                    attitude: None,
                },
            ),
        ),
        (
            11,
            Command::new(
                d(4, 20),
                Actor::Unit(u31),
                Action::Reply { class: "A".into() },
            ),
        ),
    ];
    let mut errors = Vec::new();
    for (i, c) in steps.iter().enumerate() {
        s.handle(c, policy, &cal)?;
        for (after, r) in &refused {
            if *after == i + 1 {
                let len = s.trail().len();
                let err = s.handle(r, policy, &cal).expect_err("the rules refuse it");
                assert_eq!(s.trail().len(), len, "a refused command leaves no event");
                errors.push(format!("{} {}：{err}", r.date, actor_text(&r.actor)));
            }
        }
    }

    println!("== 一件联名建议的办理过程（审计记录）");
    println!("{}", s.title().unwrap_or_default());
    let mut previous = "";
    for e in s.trail() {
        // An assignment right after a dispute is the re-assignment.
        let label = match (&e.event, previous) {
            (Event::Assigned { .. }, "disputed") => "重新交办",
            (event, _) => event.label_zh(),
        };
        println!(
            "{:>3}  {}  {}  {}  {}",
            e.seq,
            e.date,
            actor_text(&e.actor),
            label,
            detail(&e.event, policy)
        );
        previous = e.event.name();
    }
    println!("现状：{}", s.state().stage.label_zh());
    println!("被拒绝的命令（未留记录）：");
    for e in errors {
        println!("  {e}");
    }
    println!("尾部摘要（head）：{}", s.head());
    println!();
    Ok(s)
}

/// A joint suggestion (lead D11, co-signers D12–D14) replied B; the four
/// give different verdicts; the item is decided by each feedback rule.
fn joint_feedback(policy: &Policy) -> Result<(), Box<dyn Error>> {
    println!("== 联名建议：逐人答复、逐人反馈 ==");
    let office = Actor::Office(PersonId::new(100));
    let unit = UnitId::new(41);
    let verdicts = [
        (12, Feedback::Satisfied),
        (13, Feedback::Unsatisfied),
        (11, Feedback::BasicallySatisfied),
        (14, Feedback::Satisfied),
    ];
    for (rule, name) in [
        (FeedbackRule::Lead, "领衔代表意见为准"),
        (FeedbackRule::All, "全体代表反馈后以最低评价为准"),
        (FeedbackRule::AnyUnsatisfied, "任一代表不满意即重新办理"),
    ] {
        let policy = policy.clone().with_feedback_decides(rule);
        let mut s = Suggestion::new(SuggestionId::new(2));
        for c in [
            Command::new(
                d(2, 3),
                Actor::Deputy(DeputyId::new(11)),
                Action::Draft {
                    title: "关于加强乡村医疗服务的建议".into(),
                    co_signers: [12, 13, 14].map(DeputyId::new).to_vec(),
                },
            ),
            Command::new(d(2, 3), Actor::Deputy(DeputyId::new(11)), Action::Submit),
            Command::new(
                d(2, 5),
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            Command::new(
                d(2, 6),
                office,
                Action::Assign {
                    lead_unit: unit,
                    co_units: vec![],
                },
            ),
            Command::new(
                d(4, 1),
                Actor::Unit(unit),
                Action::Reply { class: "B".into() },
            ),
        ] {
            s.handle(&c, &policy, &WeekendCalendar)?;
        }
        print!("{name}：");
        for (who, verdict) in verdicts {
            if !s.state().awaiting_feedback() {
                break;
            }
            let deputy = DeputyId::new(who);
            let c = Command::new(
                d(4, 8),
                Actor::Deputy(deputy),
                Action::Feedback {
                    verdict,
                    attitude: None,
                },
            );
            s.handle(&c, &policy, &WeekendCalendar)?;
            print!(
                "{deputy} {} → {}；",
                verdict.label_zh(),
                s.state().stage.label_zh()
            );
        }
        let owed: Vec<String> = s
            .state()
            .feedback_owed()
            .iter()
            .map(ToString::to_string)
            .collect();
        if owed.is_empty() {
            println!();
        } else {
            println!("尚待反馈：{}", owed.join("、"));
        }
    }
    println!();
    Ok(())
}

/// Prints a trail with its labels and details.
fn print_trail(s: &Suggestion, policy: &Policy) {
    for e in s.trail() {
        println!(
            "{:>3}  {}  {}  {}  {}",
            e.seq,
            e.date,
            actor_text(&e.actor),
            e.event.label_zh(),
            detail(&e.event, policy)
        );
    }
}

/// A suggestion handled separately by two units, and one in a
/// delegation's name.
fn separate_units(policy: &Policy) -> Result<(), Box<dyn Error>> {
    println!("== 分别交办：两个承办单位分别办理、分别答复 ==");
    let lead = Actor::Deputy(DeputyId::new(21));
    let office = Actor::Office(PersonId::new(100));
    let (u51, u52) = (UnitId::new(51), UnitId::new(52));
    let contact = |phase| Action::Contact {
        deputy: DeputyId::new(21),
        phase,
        face_to_face: phase != ContactPhase::During,
    };
    let mut s = Suggestion::new(SuggestionId::new(3));
    for c in [
        Command::new(
            d(1, 8),
            lead,
            Action::Draft {
                title: "关于治理城区内涝和改造排水管网的建议".into(),
                co_signers: vec![],
            },
        ),
        Command::new(d(1, 8), lead, Action::Submit),
        Command::new(
            d(1, 10),
            office,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        ),
        Command::new(
            d(1, 15),
            office,
            Action::AssignSeparately {
                units: vec![u51, u52],
            },
        ),
        Command::new(d(1, 22), Actor::Unit(u51), contact(ContactPhase::Before)),
        Command::new(
            d(3, 3),
            Actor::Unit(u52),
            Action::RequestExtension { until: d(6, 15) },
        ),
        Command::new(d(3, 4), office, Action::GrantExtension { unit: u52 }),
        Command::new(d(3, 20), Actor::Unit(u52), contact(ContactPhase::During)),
        Command::new(
            d(4, 2),
            Actor::Unit(u51),
            Action::Reply { class: "A".into() },
        ),
        Command::new(
            d(6, 10),
            Actor::Unit(u52),
            Action::Reply { class: "B".into() },
        ),
        Command::new(d(6, 12), Actor::Unit(u52), contact(ContactPhase::After)),
    ] {
        s.handle(&c, policy, &WeekendCalendar)?;
    }
    print_trail(&s, policy);
    let st = s.state();
    let c = st.contacts;
    println!(
        "现状：{}，按较低类别计为 {} 类；联系代表 办前 {}、办中 {}、办后 {} 次",
        st.stage.label_zh(),
        st.last_reply
            .map(|r| r.class.to_string())
            .unwrap_or_default(),
        c.before,
        c.during,
        c.after
    );
    println!();

    println!("== 代表团建议：答复代表团 ==");
    let group = ProposerGroup {
        kind: GroupKind::Delegation,
        group: UnitId::new(3501),
        convenor: DeputyId::new(31),
        via: Some(UnitId::new(350)),
    };
    let convenor = Actor::Deputy(group.convenor);
    let mut g = Suggestion::new(SuggestionId::new(4));
    for c in [
        Command::new(
            d(1, 9),
            convenor,
            Action::DraftForGroup {
                title: "关于支持闽江流域生态保护补偿的建议".into(),
                group,
            },
        ),
        Command::new(d(1, 9), convenor, Action::Submit),
        Command::new(
            d(1, 10),
            office,
            Action::Register {
                checks: ReviewChecks::PASSED,
            },
        ),
        Command::new(
            d(1, 15),
            office,
            Action::Assign {
                lead_unit: u51,
                co_units: vec![],
            },
        ),
        Command::new(
            d(3, 28),
            Actor::Unit(u51),
            Action::Reply { class: "A".into() },
        ),
    ] {
        g.handle(&c, policy, &WeekendCalendar)?;
    }
    print_trail(&g, policy);
    let to: Vec<String> = g
        .state()
        .reply_recipients()
        .iter()
        .map(|r| match r {
            Recipient::Group(g) => match g.via {
                Some(via) => format!("{}{}（经 {via} 转交）", g.kind.label_zh(), g.group),
                None => format!("{}{}", g.kind.label_zh(), g.group),
            },
            Recipient::Deputy(d) => format!("代表{d}"),
        })
        .collect();
    println!("答复送达：{}", to.join("、"));
    println!();
    Ok(())
}

/// Writes a suggestion's trail and head as JSON.
fn write_trail(s: &Suggestion, path: &str) -> Result<(), Box<dyn Error>> {
    let file = serde_json::json!({
        "id": s.id(),
        "trail": s.trail(),
        "head": s.head().to_string(),
    });
    std::fs::write(path, serde_json::to_string_pretty(&file)? + "\n")?;
    println!("已写出审计记录：{path}（{} 条）", s.trail().len());
    Ok(())
}

/// Checks a trail file: digests, head and the rules. `Err` names the
/// failing entry and why.
fn verify_file(path: &str, policy: &Policy) -> Result<(), Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    let id = serde_json::from_value(v["id"].clone())?;
    let trail: Vec<TrailEntry> = serde_json::from_value(v["trail"].clone())?;
    let head: Digest = v["head"].as_str().ok_or("no `head` in the file")?.parse()?;
    let verified = verify(id, &trail, policy, &WeekendCalendar)?;
    verified.expect_head(head)?;
    println!(
        "核验通过：建议 {id}，{} 条记录，现状 {}，尾部摘要 {head}",
        trail.len(),
        verified.state.stage.label_zh()
    );
    Ok(())
}

/// A small deterministic generator (no randomness crate needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn generated_year(policy: &Policy) -> Result<(), Box<dyn Error>> {
    let office = Actor::Office(PersonId::new(100));
    let cal = WeekendCalendar;
    let mut rng = Lcg(2025);
    // 131 A, 49 B, 1 C, dealt out in a shuffled order.
    let mut classes: Vec<&str> = std::iter::repeat_n("A", 131)
        .chain(std::iter::repeat_n("B", 49))
        .chain(std::iter::once("C"))
        .collect();
    for i in (1..classes.len()).rev() {
        let j = usize::try_from(rng.next(u64::try_from(i)? + 1))?;
        classes.swap(i, j);
    }
    let mut plans: Vec<(SuggestionId, Vec<Command>)> = Vec::new();
    for (i, class) in (1_u32..).zip(&classes) {
        let id = SuggestionId::new(i);
        let lead = Actor::Deputy(DeputyId::new(i));
        let unit = UnitId::new(1 + i % 12);
        let submitted = d(1, 6) + Days::new(rng.next(60));
        let registered = submitted + Days::new(2);
        let assigned = registered + Days::new(5);
        // Most replies well inside 3 months; a few run late.
        let reply_after = if rng.next(10) == 0 {
            95 + rng.next(20)
        } else {
            25 + rng.next(60)
        };
        let replied = assigned + Days::new(reply_after);
        let verdict = match rng.next(20) {
            0 => Feedback::BasicallySatisfied,
            _ => Feedback::Satisfied,
        };
        let mut cmds = vec![
            Command::new(
                submitted,
                lead,
                Action::Draft {
                    title: format!("建议第{i}号"),
                    co_signers: vec![],
                },
            ),
            Command::new(submitted, lead, Action::Submit),
            Command::new(
                registered,
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
            cmds.push(Command::new(
                assigned,
                Actor::StandingCommittee,
                Action::MarkKey {
                    leader: PersonId::new(7),
                    committee: UnitId::new(90),
                },
            ));
        }
        cmds.push(Command::new(
            replied,
            Actor::Unit(unit),
            Action::Reply {
                class: (*class).into(),
            },
        ));
        cmds.push(Command::new(
            replied + Days::new(7),
            lead,
            Action::Feedback {
                verdict,
                attitude: None,
            },
        ));
        plans.push((id, cmds));
    }

    let mut register = Register::new(2025);
    for (id, _) in &plans {
        register.insert(Suggestion::new(*id))?;
    }
    let as_of = d(5, 20);
    let mut rest = Vec::new();
    for (id, cmds) in plans {
        for c in cmds {
            if c.date <= as_of {
                register.handle(id, &c, policy, &cal)?;
            } else {
                rest.push((id, c));
            }
        }
    }
    println!("== 生成的一年：181 件建议");
    let overdue = register.overdue(as_of);
    println!("截至 {as_of} 逾期未答复 {} 件：", overdue.len());
    for o in &overdue {
        println!(
            "  {}  主办 {}  期限 {}  逾期 {} 天",
            o.id,
            o.unit.map(|u| u.to_string()).unwrap_or_default(),
            o.due,
            o.days_overdue
        );
    }
    println!(
        "截至 {as_of} 临近期限（{} 天内）{} 件",
        policy.deadlines().warning_days,
        register.due_soon(as_of).len()
    );
    for (id, c) in rest {
        register.handle(id, &c, policy, &cal)?;
    }

    let counts = register.counts();
    println!();
    println!(
        "全年收到 {} 件，重点督办 {} 件，已答复 {} 件，按期答复 {} 件",
        counts.received, counts.key, counts.replied, counts.replied_on_time
    );
    // Shares of one whole add up to exactly 100.0 by the largest-remainder
    // method, as the seed publishes them (C: 0.5%, not the 0.6% of rounding
    // each share half-up).
    let numbers: Vec<u64> = policy
        .classes()
        .iter()
        .map(|class| u64::from(counts.by_class.get(&class.code).copied().unwrap_or(0)))
        .collect();
    let pcts = shares(&numbers, 1)?;
    for ((class, n), pct) in policy.classes().iter().zip(&numbers).zip(&pcts) {
        println!(
            "  {}类（{}）{} 件，{}%",
            class.code,
            class.label_zh(),
            n,
            pct
        );
    }
    println!(
        "  代表反馈：满意 {}，基本满意 {}，不满意 {}",
        counts.feedback.satisfied, counts.feedback.basically_satisfied, counts.feedback.unsatisfied
    );
    println!(
        "  跟踪落实（B 类）转入下一年回头看：{} 件",
        register.due_for_look_back(2026).len()
    );
    println!(
        "  （最大余数法取一位小数，合计 {}%。）",
        pcts.iter().sum::<Decimal>()
    );

    // The standing committee hears two units' handling reports and votes.
    println!();
    println!("== 常委会听取办理情况报告并测评 ==");
    for (unit, votes) in [
        (UnitId::new(2), [31, 4, 0, 1]),
        (UnitId::new(3), [25, 8, 3, 0]),
    ] {
        let on = d(10, 28);
        register.evaluate(EvaluationEvent::ReportHeard { unit, on })?;
        let [satisfied, basically_satisfied, unsatisfied, abstained] = votes;
        register.evaluate(EvaluationEvent::Rated {
            unit,
            on,
            present: 37,
            votes: Satisfaction {
                satisfied,
                basically_satisfied,
                unsatisfied,
                abstained,
            },
        })?;
    }
    for (unit, u) in &register.counts().units {
        if let Some(votes) = u.evaluation {
            let rate = votes
                .satisfied_or_basically(Abstentions::Excluded)?
                .percent(1, Rounding::HalfUp)?;
            println!(
                "  {unit}：满意 {}，基本满意 {}，不满意 {}，弃权 {}；满意率（含基本满意）{rate}%",
                votes.satisfied, votes.basically_satisfied, votes.unsatisfied, votes.abstained
            );
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let policy = Policy::seed();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(path) = value_of("--verify") {
        if let Err(e) = verify_file(&path, &policy) {
            eprintln!("核验失败（verification failed）：{e}");
            std::process::exit(1);
        }
        return Ok(());
    }
    let walked = walkthrough(&policy)?;
    if let Some(path) = value_of("--write-trail") {
        write_trail(&walked, &path)?;
    }
    joint_feedback(&policy)?;
    separate_units(&policy)?;
    generated_year(&policy)
}

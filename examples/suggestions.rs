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
//! 4. The seed's year of 181 suggestions, replied 131 A, 49 B, 1 C
//!    ([`samples::SampleYear::ORDOS_2025`]): the items overdue as of 25
//!    April and 20 May, the year's counts by class, and the standing
//!    committee's evaluation (测评) of two units recorded in the register,
//!    with their satisfaction rates. Units are shown by name beside their
//!    ids, and the tables line up with Chinese text.
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

use std::collections::BTreeMap;
use std::error::Error;

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Labelled, PersonId, SuggestionId, UnitId, WeekendCalendar};
use deputy_work::stats::{Abstentions, Rounding, Satisfaction, shares};
use deputy_work::suggestion::samples::{self, SampleYear};
use deputy_work::suggestion::{
    Action, Actor, Command, ContactPhase, Digest, EvaluationEvent, Feedback, FeedbackRule,
    GroupKind, Policy, ProposerGroup, ReviewChecks, Suggestion, SuggestionError, TrailEntry,
    verify,
};
use rust_decimal::Decimal;

#[path = "support/table.rs"]
mod table;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).expect("a valid 2025 date")
}

/// The units of the walk-throughs, and the sample year's.
fn unit_names() -> BTreeMap<UnitId, String> {
    let mut names = samples::unit_names();
    for (id, name) in [
        (31, "市水务局"),
        (32, "市财政局"),
        (33, "市农牧局供水站"),
        (41, "市卫健委基层卫生科"),
        (51, "市住建局"),
        (52, "市城管局"),
        (90, "常委会代表工作委员会"),
        (350, "市人大常委会"),
        (3501, "某区代表团"),
    ] {
        names.insert(UnitId::new(id), name.to_owned());
    }
    names
}

/// Prints a trail as a table: number, date, who, what (with names).
fn print_trail(s: &Suggestion, policy: &Policy, units: &BTreeMap<UnitId, String>) {
    for e in s.trail() {
        println!(
            "{}  {}  {}  {}",
            table::right(&e.seq.to_string(), 3),
            e.date,
            table::left(&e.actor.describe_zh(units), 32),
            e.event.describe_zh(policy, units)
        );
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
                errors.push(format!(
                    "{} {}：{}（{}）",
                    r.date,
                    r.actor.describe_zh(&unit_names()),
                    err.message_zh(),
                    err.label_zh()
                ));
            }
        }
    }

    println!("== 一件联名建议的办理过程（审计记录）");
    println!("{}", s.title().unwrap_or_default());
    print_trail(&s, policy, &unit_names());
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
    print_trail(&s, policy, &unit_names());
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
    print_trail(&g, policy, &unit_names());
    let names = unit_names();
    let to: Vec<String> = g
        .state()
        .reply_recipients()
        .iter()
        .map(|r| r.describe_zh(&names))
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

/// The seed's year: overdue items on two dates, the counts by class, and
/// the standing committee's evaluation of two units.
fn seed_year(policy: &Policy) -> Result<(), Box<dyn Error>> {
    let year = SampleYear::ORDOS_2025;
    let units = samples::unit_names();
    println!("== 示例年度：181 件建议（{} 年）", year.year());
    for as_of in [d(4, 25), d(5, 20)] {
        let register = year.register_as_of(as_of)?;
        let overdue = register.overdue(as_of);
        println!("截至 {as_of} 逾期未答复 {} 件：", overdue.len());
        println!(
            "  {}  {}  {}  {}",
            table::left("建议", 8),
            table::left("承办单位", 26),
            table::left("答复期限", 10),
            table::right("逾期天数", 8)
        );
        for o in overdue.iter().take(5) {
            let unit = o.unit.map_or("自行办理".to_owned(), |u| {
                units
                    .get(&u)
                    .map_or(u.to_string(), |n| format!("{n}（{u}）"))
            });
            println!(
                "  {}  {}  {}  {}",
                table::left(&o.id.to_string(), 8),
                table::left(&unit, 26),
                o.due,
                table::right(&o.days_overdue.to_string(), 8)
            );
        }
        if let Some(first) = overdue.first() {
            println!("  （{}）", first.describe_zh(&units));
        }
        println!(
            "截至 {as_of} 临近期限（{} 天内）{} 件",
            policy.deadlines().warning_days,
            register.due_soon(as_of).len()
        );
    }

    let mut register = year.register()?;
    let counts = register.counts();
    println!();
    println!(
        "全年收到 {} 件，重点督办 {} 件，已答复 {} 件，按期答复 {} 件，往年建议回头看解决 {} 件",
        counts.received,
        counts.key,
        counts.replied,
        counts.replied_on_time,
        counts.look_back_resolved
    );
    // Shares of one whole add up to exactly 100.0 by the largest-remainder
    // method, as the seed publishes them (C: 0.5%, not the 0.6% of rounding
    // each share half-up).
    let rows = counts.class_rows(policy);
    let numbers: Vec<u64> = rows.iter().map(|r| u64::from(r.count)).collect();
    let pcts = shares(&numbers, 1)?;
    println!(
        "  {}  {}  {}  {}",
        table::left("类别", 4),
        table::left("答复内容", 30),
        table::right("件数", 6),
        table::right("占比", 7)
    );
    for (row, pct) in rows.iter().zip(&pcts) {
        println!(
            "  {}  {}  {}  {}",
            table::left(row.code.as_str(), 4),
            table::left(&row.label_zh, 30),
            table::right(&row.count.to_string(), 6),
            table::right(&format!("{pct}%"), 7)
        );
    }
    println!(
        "  代表反馈：满意 {}，基本满意 {}，不满意 {}",
        counts.feedback.satisfied, counts.feedback.basically_satisfied, counts.feedback.unsatisfied
    );
    println!(
        "  跟踪落实转入下一年回头看：{} 件",
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
        (UnitId::new(102), [31, 4, 0, 1]),
        (UnitId::new(103), [25, 8, 3, 0]),
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
    println!(
        "  {}  {}  {}  {}  {}  {}",
        table::left("承办单位", 24),
        table::right("满意", 4),
        table::right("基本满意", 8),
        table::right("不满意", 6),
        table::right("弃权", 4),
        table::right("满意率", 7)
    );
    for (unit, u) in &register.counts().units {
        if let Some(votes) = u.evaluation {
            let rate = votes
                .satisfied_or_basically(Abstentions::Excluded)?
                .percent(1, Rounding::HalfUp)?;
            let name = units
                .get(unit)
                .map_or(unit.to_string(), |n| format!("{n}（{unit}）"));
            println!(
                "  {}  {}  {}  {}  {}  {}",
                table::left(&name, 24),
                table::right(&votes.satisfied.to_string(), 4),
                table::right(&votes.basically_satisfied.to_string(), 8),
                table::right(&votes.unsatisfied.to_string(), 6),
                table::right(&votes.abstained.to_string(), 4),
                table::right(&format!("{rate}%"), 7)
            );
        }
    }
    println!("  （满意率含基本满意，弃权不计。）");
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
            match e.downcast_ref::<SuggestionError>() {
                Some(e) => eprintln!("核验失败（{}）：{}", e.label_zh(), e.message_zh()),
                None => eprintln!("核验失败（verification failed）：{e}"),
            }
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
    seed_year(&policy)
}

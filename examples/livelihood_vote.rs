//! A county congress votes on its livelihood projects (民生实事项目票决).
//!
//! `cargo run --release --example livelihood_vote` (no arguments):
//!
//! 1. 327 deputies, 314 present, 314 ballots issued; 12 candidates for 10
//!    places; for / against / abstain on each project, at most 10 "for";
//!    a project needs votes for from more than half of ALL deputies (164).
//!    Prints the tally table and the outcome.
//! 2. The same congress, with a tie at the last place, resolved by a
//!    runoff among only the tied projects.
//! 3. The completion rating of a finished project, with and without
//!    abstentions.
//! 4. A secret ballot (无记名投票): 60 deputies, 52 signed in, 52 ballots
//!    issued into three boxes (票箱) of 20, 20 and 12; each box counted on
//!    its own without names, then merged; the same session with one ballot
//!    too many in a box is void.
//! 5. A session refused for want of a quorum (法定人数): two thirds of 60
//!    must be present, 39 are.
//! 6. The same ranked ballots (Liyang-style priorities) counted by Borda
//!    points and by the count of first priorities: they elect different
//!    projects (P1, everyone's second choice, or P12, the most first
//!    choices, tied with P2), so the method is a rule the locality must
//!    state; the tie is settled by a recorded drawing of lots.

use deputy_work::common::{DeputyId, Labelled, ProjectId};
use deputy_work::stats::{Abstentions, Verdict};
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, CompletionRating, Electorate, Lot,
    Mark, Outcome, Policy, RankedCount, RatingRules, Session, Tally, VoteError, samples,
};
use rust_decimal::Decimal;

#[path = "support/table.rs"]
mod table;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The twelve county candidates of the crate's sample vote (names,
/// investments, categories, completion dates): see `vote::samples::project`
/// for how each is built with `Project::builder`.
fn candidates() -> Res<CandidateList> {
    Ok(samples::candidates(samples::PROJECT_COUNT)?)
}

/// A small deterministic generator (no clock, no randomness from outside).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The ballot figures and the result table: names beside ids, the
/// columns lined up in a terminal whatever the Chinese in them.
fn print_table(session: &Session, o: &Outcome) -> Res<()> {
    let f = &o.figures;
    println!(
        "  应到 {} 人, 实到 {} 人; 发出 {} 张, 收回 {} 张, 有效 {} 张, 无效 {} 张",
        f.deputies,
        f.present,
        f.issued,
        f.returned,
        f.valid,
        f.invalid.total()
    );
    let invalid: Vec<String> = f
        .invalid
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{} {n} 张", kind.label_zh()))
        .collect();
    if !invalid.is_empty() {
        println!("  无效票: {}", invalid.join(", "));
    }
    if let Some(base) = o.threshold_base {
        println!(
            "  通过票数: 超过{}的半数, 即至少 {} 票 (应选 {} 个)",
            base.label_zh(),
            o.required,
            o.places
        );
    } else {
        println!("  再次投票: 以得票多的入选 (应选 {} 个)", o.places);
    }
    const NAME: usize = 22;
    println!(
        "  {} {} {} {} {} {} {}  结果",
        table::right("名次", 4),
        table::left("编号", 5),
        table::left("项目", NAME),
        table::right("投资(万元)", 10),
        table::right("赞成", 5),
        table::right("反对", 5),
        table::right("弃权", 5),
    );
    for r in &o.rows {
        let p = session.candidates().get(r.project).ok_or("project")?;
        let wan = p.investment / Decimal::from(10_000);
        println!(
            "  {} {} {} {} {} {} {}  {}",
            table::right(&r.rank.to_string(), 4),
            table::left(&r.project.to_string(), 5),
            table::left(&r.name, NAME),
            table::right(&wan.to_string(), 10),
            table::right(&r.votes_for.to_string(), 5),
            table::right(&r.against.to_string(), 5),
            table::right(&r.abstain.to_string(), 5),
            r.status,
        );
    }
    Ok(())
}

/// Projects as people read them: `P1 老旧小区改造提升、P2 …`.
fn listed<T: ToString>(projects: &[T]) -> String {
    projects
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

fn print_outcome(o: &Outcome) {
    println!(
        "  入选 {} 个 (应选 {} 个): {}",
        o.elected.len(),
        o.places,
        listed(&o.elected)
    );
    println!(
        "  入选项目投资合计: {} 万元",
        o.elected_investment / Decimal::from(10_000)
    );
    if let Some(t) = &o.tie {
        println!(
            "  票数相等 (各 {} 票), 争剩余 {} 个名额: {}; 须再次投票 (或依规抽签)",
            t.votes,
            t.places_left,
            listed(&t.projects)
        );
    }
    if o.unfilled > 0 {
        println!("  {} 个名额未选出: 另行选举", o.unfilled);
    }
}

/// An error as a people's congress office reads it, then in English.
fn print_refused(what: &str, e: &VoteError) {
    println!("  {what}: {} ({e})", e.message_zh());
}

fn session(issued: u32) -> Res<Session> {
    let electorate = Electorate::new((1..=327).map(DeputyId::new), (1..=314).map(DeputyId::new))?;
    Ok(Session::new(
        Policy::election_style(10)?,
        candidates()?,
        electorate,
        BallotsIssued(issued),
    )?)
}

/// Case 1: each deputy scores the projects (appeal + noise), marks the top
/// eight to ten "for", the least liked "against", and abstains on the rest.
fn ordinary_vote() -> Res<()> {
    println!("== 1. 12 candidates for 10 places, for / against / abstain");
    let session = session(314)?;
    // appeal of each project, out of 1000
    let appeal = [900, 870, 860, 840, 800, 780, 760, 700, 640, 560, 420, 380];
    let mut rng = Lcg(2025);
    let mut tally = Tally::new(&session, BoxNumber(1));
    for voter in 1..=314 {
        let mut scored: Vec<(u64, u32)> = (1..)
            .zip(appeal)
            .map(|(p, a)| (a + rng.next() % 700, p))
            .collect();
        scored.sort_unstable_by(|a, b| b.cmp(a));
        let fors = 8 + rng.next() % 3;
        let fors = if voter == 77 { 11 } else { fors }; // one deputy marks too many
        let marks = (0_u64..)
            .zip(&scored)
            .map(|(i, &(_, p))| {
                let m = if i < fors {
                    Mark::For
                } else if i == 11 {
                    Mark::Against
                } else {
                    Mark::Abstain
                };
                (ProjectId::new(p), m)
            })
            .collect();
        tally.cast(
            &session,
            &Ballot::new(DeputyId::new(voter), Choice::Marks(marks)),
        )?;
    }
    // A second ballot from deputy 5 is refused and changes nothing.
    let again = Ballot::new(DeputyId::new(5), Choice::Marks(vec![]));
    if let Err(e) = tally.cast(&session, &again) {
        print_refused("拒收", &e);
    }
    let outcome = session.decide(&tally)?;
    print_table(&session, &outcome)?;
    print_outcome(&outcome);
    Ok(())
}

/// Case 2: projects 1–9 are clearly ahead; P10 and P11 tie for the last place.
fn tie_and_runoff() -> Res<()> {
    println!();
    println!("== 2. a tie at the last place, resolved by a runoff among the tied");
    let session = session(314)?;
    let mut tally = Tally::new(&session, BoxNumber(1));
    for voter in 1..=314_u32 {
        let skip = voter % 9 + 1; // each deputy leaves out one of P1..P9
        let pair = match voter {
            1..=186 => [10, 11],
            187..=250 => [10, 12],
            _ => [11, 12],
        };
        let marks = (1..=9)
            .filter(|&p| p != skip)
            .chain(pair)
            .map(|p| (ProjectId::new(p), Mark::For))
            .collect();
        tally.cast(
            &session,
            &Ballot::new(DeputyId::new(voter), Choice::Marks(marks)),
        )?;
    }
    let first = session.decide(&tally)?;
    print_table(&session, &first)?;
    print_outcome(&first);
    let tie = first.tie.clone().ok_or("expected a tie")?;

    println!();
    println!("  -- runoff (再次投票) among only the tied projects");
    let runoff = session.runoff(&tie, BallotsIssued(314))?;
    let mut again = Tally::new(&runoff, BoxNumber(2));
    for voter in 1..=314_u32 {
        let marks = match voter % 20 {
            0 => vec![],                                     // abstains
            1..=10 => vec![(ProjectId::new(10), Mark::For)], // 10 in 20
            _ => vec![(ProjectId::new(11), Mark::For)],      // 9 in 20
        };
        again.cast(
            &runoff,
            &Ballot::new(DeputyId::new(voter), Choice::Marks(marks)),
        )?;
    }
    let second = runoff.decide(&again)?;
    print_table(&runoff, &second)?;
    let last = first.resolve(&second)?;
    println!();
    println!("  -- final");
    print_table(&session, &last)?;
    print_outcome(&last);
    Ok(())
}

/// Case 3: a year later the deputies rate a finished project (满意度测评).
fn completion_rating() -> Res<()> {
    println!();
    let project = candidates()?
        .get(ProjectId::new(1))
        .cloned()
        .ok_or("project")?;
    println!("== 3. completion rating of {} a year later", project.name);
    let mut rating = CompletionRating::of(&project);
    rating.add_many(Verdict::Satisfied, 271);
    rating.add_many(Verdict::BasicallySatisfied, 33);
    rating.add_many(Verdict::Unsatisfied, 4);
    rating.add_many(Verdict::Abstained, 3);
    for abstentions in [Abstentions::Counted, Abstentions::Excluded] {
        let exclude_abstentions = abstentions == Abstentions::Excluded;
        let rules = RatingRules::new(abstentions, 2);
        let r = rating.report(&rules)?;
        let sh = &r.shares;
        let mut shares = vec![
            format!("{} {}%", Verdict::Satisfied.label_zh(), sh.satisfied),
            format!(
                "{} {}%",
                Verdict::BasicallySatisfied.label_zh(),
                sh.basically_satisfied
            ),
            format!("{} {}%", Verdict::Unsatisfied.label_zh(), sh.unsatisfied),
        ];
        if let Some(a) = sh.abstained {
            shares.push(format!("{} {a}%", Verdict::Abstained.label_zh()));
        }
        println!(
            "  {} {} (of {}): 满意 {}%, 基本满意 {}%, 总体满意 {}%; shares: {}",
            r.name,
            if exclude_abstentions {
                "without abstentions"
            } else {
                "with abstentions"
            },
            r.whole,
            r.satisfied,
            r.basically_satisfied,
            r.combined,
            shares.join(", ")
        );
    }
    Ok(())
}

/// Case 4: a secret ballot counted in three boxes.
fn secret_ballot() -> Res<()> {
    println!();
    println!("== 4. 无记名投票: three ballot boxes counted apart, then merged");
    let session = Session::new(
        Policy::secret_ballot(10)?,
        candidates()?,
        Electorate::counted(60, 52)?,
        BallotsIssued(52),
    )?;
    let appeal = [900, 870, 860, 840, 800, 780, 760, 700, 640, 560, 420, 380];
    let mut rng = Lcg(60);
    let mut boxes = Vec::new();
    for (b, issued) in [(1, 20), (2, 20), (3, 12)] {
        let mut tally = Tally::with_issued(&session, BoxNumber(b), BallotsIssued(issued));
        for _ in 0..issued {
            let mut scored: Vec<(u64, u32)> = (1..)
                .zip(appeal)
                .map(|(p, a)| (a + rng.next() % 700, p))
                .collect();
            scored.sort_unstable_by(|a, b| b.cmp(a));
            let marks = scored
                .iter()
                .take(9)
                .map(|&(_, p)| (ProjectId::new(p), Mark::For))
                .collect();
            tally.count(&session, &Choice::Marks(marks))?;
        }
        println!(
            "  票箱 {b}: 发出 {issued} 张, 收回 {} 张, 有效 {} 张",
            tally.returned(),
            tally.valid()
        );
        boxes.push(tally);
    }
    let mut all = boxes.first().cloned().ok_or("box")?;
    for b in boxes.iter().skip(1) {
        all.merge(&session, b)?;
    }
    let outcome = session.decide(&all)?;
    print_table(&session, &outcome)?;
    print_outcome(&outcome);
    // A box with one ballot more than it was issued voids the vote.
    let mut over = Tally::with_issued(&session, BoxNumber(4), BallotsIssued(1));
    over.count(&session, &Choice::Marks(vec![]))?;
    over.count(&session, &Choice::Marks(vec![]))?;
    if let Err(e) = session.decide(&over) {
        print_refused("无效", &e);
    }
    Ok(())
}

/// Case 5: too few deputies present.
fn no_quorum() -> Res<()> {
    println!();
    println!("== 5. 法定人数: two thirds of all deputies must be present");
    match Session::new(
        Policy::secret_ballot(10)?,
        candidates()?,
        Electorate::counted(60, 39)?,
        BallotsIssued(39),
    ) {
        Ok(_) => println!("  held (unexpected)"),
        Err(e) => print_refused("不得表决", &e),
    }
    Ok(())
}

/// Case 6: one set of ranked ballots, two counting methods.
fn ranked_methods() -> Res<()> {
    println!();
    println!("== 6. ranked ballots (按优先顺序排序): the counting method decides");
    // 40 deputies rank 3 of 12 projects: 14 put P12 first, 14 P2 and 12
    // P3; every one of them puts P1 second. By Borda points (3-2-1) P1,
    // everyone's second choice, has 80 against P2's 68, P3's 50 and P12's
    // 42; by first priorities P12 and P2 tie at 14, and P1 has none.
    let ballots: Vec<[u32; 3]> = (0..40_u32)
        .map(|i| match i {
            0..14 => [12, 1, 2],
            14..28 => [2, 1, 3],
            _ => [3, 1, 2],
        })
        .collect();
    for method in [RankedCount::Borda, RankedCount::TopK { k: 1 }] {
        let rules = Policy::ranked_priorities(1)?.with_changes(|r| {
            r.max_choices = Some(3);
            r.threshold = None;
            r.ranked_count = method.clone();
        })?;
        let electorate = Electorate::all_present((1..=40).map(DeputyId::new))?;
        let session = Session::new(rules, candidates()?, electorate, BallotsIssued(40))?;
        let mut tally = Tally::new(&session, BoxNumber(1));
        for (d, b) in (1..).zip(&ballots) {
            let ranks = b.iter().map(|&p| ProjectId::new(p)).collect();
            tally.cast(
                &session,
                &Ballot::new(DeputyId::new(d), Choice::Ranked(ranks)),
            )?;
        }
        let outcome = session.decide(&tally)?;
        let top: Vec<String> = outcome
            .rows
            .iter()
            .take(4)
            .map(|r| format!("{} {} {}", r.project, r.name, r.points))
            .collect();
        println!(
            "  {} ({}): {}",
            method.label_zh(),
            method.label_en(),
            top.join(", ")
        );
        print_outcome(&outcome);
        if let Some(tie) = &outcome.tie {
            // The presidium draws lots; the crate never picks by itself.
            let mut order = tie.ids();
            order.reverse();
            let lot = Lot::new(order, "大会主席团会议当场抽签，监票人监督");
            let settled = outcome.settle(&session, &lot)?;
            let drawn = settled.lot.as_ref().ok_or("lot")?;
            println!(
                "  抽签 ({}), 抽签顺序 {}: 入选 {}",
                drawn.record,
                listed(&drawn.order),
                listed(&settled.elected)
            );
        }
    }
    Ok(())
}

fn main() -> Res<()> {
    ordinary_vote()?;
    tie_and_runoff()?;
    completion_rating()?;
    secret_ballot()?;
    no_quorum()?;
    ranked_methods()
}

//! Property tests for the livelihood-project vote.

mod cases;

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::{
    Ballot, BallotForm, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Outcome,
    Policy, Project, Quorum, RankedCount, Session, Status, Tally, Threshold, ThresholdBase,
    VoteError, Voting,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const UNKNOWN: u32 = 99;

/// A random vote: rules, candidates with costs, an electorate, and the
/// ballots of the deputies present who voted.
#[derive(Debug, Clone)]
struct Scenario {
    session: Session,
    /// (voter, raw marks: project number and 0 = for, 1 = against, 2 = abstain)
    ballots: Vec<(u32, Vec<(u32, u8)>)>,
    /// Deputies present who did not vote.
    non_voters: Vec<u32>,
    /// A permutation key per ballot, and a ballot box per ballot.
    keys: Vec<(u32, u8)>,
}

fn mark(m: u8) -> Mark {
    match m {
        0 => Mark::For,
        1 => Mark::Against,
        _ => Mark::Abstain,
    }
}

fn choice(form: BallotForm, raw: &[(u32, u8)]) -> Choice {
    let ids = || raw.iter().map(|&(n, _)| ProjectId::new(n)).collect();
    match form {
        BallotForm::ForAgainstAbstain => Choice::Marks(
            raw.iter()
                .map(|&(n, m)| (ProjectId::new(n), mark(m)))
                .collect(),
        ),
        BallotForm::ChooseUpTo => Choice::Chosen(ids()),
        BallotForm::Ranked => Choice::Ranked(ids()),
        other => panic!("no generator for ballot form {other:?}"),
    }
}

impl Scenario {
    fn ballot(&self, i: usize) -> Ballot {
        let (voter, raw) = &self.ballots[i];
        Ballot::new(
            DeputyId::new(*voter),
            choice(self.session.rules().form, raw),
        )
    }

    fn all_ballots(&self) -> Vec<Ballot> {
        (0..self.ballots.len()).map(|i| self.ballot(i)).collect()
    }

    fn count(&self, ballots: &[Ballot], ballot_box: u32) -> Tally {
        let mut t = Tally::new(&self.session, BoxNumber(ballot_box));
        for b in ballots {
            t.cast(&self.session, b).unwrap();
        }
        t
    }

    fn decide(&self) -> (Tally, Outcome) {
        let t = self.count(&self.all_ballots(), 1);
        let o = self.session.decide(&t).unwrap();
        (t, o)
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (2_u32..8, 1_u32..30, 0_u32..4).prop_flat_map(|(k, n, absent)| {
        let present = n.saturating_sub(absent).max(1);
        let project_no = prop_oneof![12 => 1..=k, 1 => Just(UNKNOWN)];
        let raw = prop::collection::vec((project_no, 0_u8..3), 0..=(k as usize));
        (
            Just((k, n, present)),
            1..k,
            prop::option::of(1..=k),
            prop_oneof![
                4 => Just(BallotForm::ForAgainstAbstain),
                1 => Just(BallotForm::ChooseUpTo),
                1 => Just(BallotForm::Ranked)
            ],
            prop::option::of((0_u8..3, any::<bool>())),
            prop::collection::vec(1_i64..50, k as usize),
            prop::option::of(0_i64..200),
            prop::collection::vec(prop::option::weighted(0.85, raw), present as usize),
            prop::collection::vec((any::<u32>(), 0_u8..3), present as usize),
        )
            .prop_map(
                |((k, n, present), places, max, form, threshold, costs, cap, raws, keys)| {
                    let mut rules = Policy::election_style(places).unwrap();
                    rules.form = form;
                    rules.max_choices = max;
                    rules.competition = None;
                    rules.budget_cap = cap.map(Decimal::from);
                    rules.threshold = threshold.map(|(b, strict)| Threshold {
                        base: [
                            ThresholdBase::AllDeputies,
                            ThresholdBase::Present,
                            ThresholdBase::ValidBallots,
                        ][usize::from(b)],
                        numerator: 1,
                        denominator: 2,
                        strict,
                    });
                    let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
                    let projects = (1..=k)
                        .zip(&costs)
                        .map(|(i, &c)| {
                            Project::builder(ProjectId::new(i), "p")
                                .investment(Decimal::from(c))
                                .category("c")
                                .completion(date)
                                .build()
                                .unwrap()
                        })
                        .collect();
                    let electorate = Electorate::new(
                        (1..=n).map(DeputyId::new),
                        (1..=present).map(DeputyId::new),
                    )
                    .unwrap();
                    let session = Session::new(
                        rules,
                        CandidateList::new(projects).unwrap(),
                        electorate,
                        BallotsIssued(present),
                    )
                    .unwrap();
                    let mut ballots = Vec::new();
                    let mut non_voters = Vec::new();
                    let mut ks = Vec::new();
                    for ((voter, raw), key) in (1..).zip(raws).zip(keys) {
                        match raw {
                            Some(raw) => {
                                ballots.push((voter, raw));
                                ks.push(key);
                            }
                            None => non_voters.push(voter),
                        }
                    }
                    Scenario {
                        session,
                        ballots,
                        non_voters,
                        keys: ks,
                    }
                },
            )
    })
}

/// An independent reading of the rules: is the raw ballot valid?
fn model_valid(s: &Scenario, raw: &[(u32, u8)]) -> bool {
    let rules = s.session.rules();
    let k = s.session.candidates().len() as u32;
    let mut seen = std::collections::BTreeSet::new();
    if raw.iter().any(|&(n, _)| n == 0 || n > k || !seen.insert(n)) {
        return false;
    }
    let chosen = match rules.form {
        BallotForm::ForAgainstAbstain => raw.iter().filter(|&&(_, m)| m == 0).count(),
        _ => raw.len(),
    };
    chosen as u32 <= rules.max_choices()
}

proptest! {
    #![proptest_config(cases::config(96))]

    #[test]
    fn per_project_for_against_abstain_add_up_to_valid(s in scenario()) {
        let (t, _) = s.decide();
        let form = s.session.rules().form;
        let valid: Vec<&Vec<(u32, u8)>> =
            s.ballots.iter().map(|(_, r)| r).filter(|r| model_valid(&s, r)).collect();
        prop_assert_eq!(t.valid(), valid.len() as u64);
        prop_assert_eq!(t.returned(), s.ballots.len() as u64);
        for row in t.projects() {
            prop_assert_eq!(row.votes_for + row.against + row.abstain, t.valid());
            let n = row.project.get();
            let marked = |want: u8| {
                valid.iter().filter(|r| r.iter().any(|&(p, m)| p == n && m == want)).count() as u64
            };
            let named = valid.iter().filter(|r| r.iter().any(|&(p, _)| p == n)).count() as u64;
            let (f, a) = match form {
                BallotForm::ForAgainstAbstain => (marked(0), marked(1)),
                _ => (named, 0),
            };
            prop_assert_eq!((row.votes_for, row.against), (f, a), "project {}", n);
            if form == BallotForm::Ranked {
                let top = u64::from(s.session.rules().max_choices());
                let points: u64 = valid
                    .iter()
                    .filter_map(|r| r.iter().position(|&(p, _)| p == n))
                    .map(|rank| top - rank as u64)
                    .sum();
                prop_assert_eq!(row.points, points);
            }
        }
    }

    #[test]
    fn shuffling_ballots_changes_no_result(s in scenario()) {
        let (t, o) = s.decide();
        let mut shuffled: Vec<(u32, Ballot)> =
            s.keys.iter().map(|k| k.0).zip(s.all_ballots()).collect();
        shuffled.sort_by_key(|(k, b)| (*k, b.voter));
        let ballots: Vec<Ballot> = shuffled.into_iter().map(|(_, b)| b).collect();
        let t2 = s.count(&ballots, 1);
        prop_assert_eq!(&t2, &t);
        prop_assert_eq!(s.session.decide(&t2).unwrap(), o);
    }

    #[test]
    fn merging_boxes_equals_one_count(s in scenario()) {
        let (t, o) = s.decide();
        let all = s.all_ballots();
        let mut boxes: Vec<Tally> = (0..3).map(|b| Tally::new(&s.session, BoxNumber(10 + b))).collect();
        for (b, key) in all.iter().zip(&s.keys) {
            boxes[usize::from(key.1)].cast(&s.session, b).unwrap();
        }
        let mut merged = boxes.remove(1);
        for other in &boxes {
            merged.merge(&s.session, other).unwrap();
        }
        prop_assert_eq!(merged.ballot_boxes(), [10, 11, 12]);
        prop_assert_eq!(merged.projects().collect::<Vec<_>>(), t.projects().collect::<Vec<_>>());
        prop_assert_eq!(merged.invalid(), t.invalid());
        // The same outcome, but for each box's own figures.
        let mut from_boxes = s.session.decide(&merged).unwrap();
        prop_assert_eq!(from_boxes.boxes.iter().map(|b| b.returned).sum::<u64>(), o.figures.returned);
        from_boxes.boxes.clone_from(&o.boxes);
        prop_assert_eq!(from_boxes, o);
        // Merging any box again is refused.
        prop_assert!(merged.clone().merge(&s.session, &boxes[0]).is_err());
    }

    #[test]
    fn outcome_respects_places_threshold_and_budget(s in scenario()) {
        let (_, o) = s.decide();
        let rules = s.session.rules();
        prop_assert!(o.elected.len() as u32 <= rules.places);
        prop_assert_eq!(
            o.elected.len(),
            o.rows.iter().filter(|r| r.status == Status::Elected).count()
        );
        let cost: Decimal = o
            .elected
            .iter()
            .map(|p| s.session.candidates().get(p.id).unwrap().investment)
            .sum();
        prop_assert_eq!(cost, o.elected_investment);
        if let Some(cap) = rules.budget_cap {
            prop_assert!(o.elected_investment <= cap);
        }
        for r in &o.rows {
            prop_assert_eq!(r.votes_for >= o.required, r.status != Status::NotPassed);
        }
        if rules.threshold == Some(Threshold::MORE_THAN_HALF_OF_ALL) {
            for r in o.rows.iter().filter(|r| r.status == Status::Elected) {
                prop_assert!(2 * r.votes_for > u64::from(o.figures.deputies));
            }
        }
        if o.tie.is_none() {
            prop_assert_eq!(o.unfilled as usize, rules.places as usize - o.elected.len());
        }
    }

    #[test]
    fn a_runoff_resolves_within_the_budget(s in scenario()) {
        let (_, o) = s.decide();
        let Some(tie) = o.tie.clone() else { return Ok(()) };
        let runoff = s.session.runoff(&tie, BallotsIssued(s.session.issued())).unwrap();
        let mut t = Tally::new(&runoff, BoxNumber(2));
        let places = tie.places_left as usize;
        for (i, voter) in runoff.electorate().present_members().enumerate() {
            // Each voter supports a different slice of the tied projects.
            let pick: Vec<u32> = tie.projects.iter().cycle().skip(i).take(places.min(tie.projects.len())).map(|p| p.id.get()).collect();
            let raw: Vec<(u32, u8)> = pick.iter().map(|&n| (n, 0)).collect();
            t.cast(&runoff, &Ballot::new(voter, choice(runoff.rules().form, &raw))).unwrap();
        }
        let last = o.resolve(&runoff.decide(&t).unwrap()).unwrap();
        prop_assert!(last.elected.len() as u32 <= s.session.rules().places);
        if let Some(cap) = s.session.rules().budget_cap {
            prop_assert!(last.elected_investment <= cap);
        }
        let mut seen = last.elected.clone();
        seen.sort();
        seen.dedup();
        prop_assert_eq!(seen.len(), last.elected.len(), "no project elected twice");
    }

    #[test]
    fn one_more_vote_for_a_winner_never_makes_it_lose(s in scenario(), pick in any::<prop::sample::Index>()) {
        let (t, o) = s.decide();
        let (Some(&voter), false) = (s.non_voters.first(), o.elected.is_empty()) else {
            return Ok(());
        };
        let winner = o.elected[pick.index(o.elected.len())].id;
        let mut t2 = t.clone();
        let more = Ballot::new(DeputyId::new(voter), choice(s.session.rules().form, &[(winner.get(), 0)]));
        prop_assert!(t2.cast(&s.session, &more).unwrap().is_valid());
        let o2 = s.session.decide(&t2).unwrap();
        prop_assert_eq!(o2.row(winner).unwrap().status, Status::Elected);
    }

    #[test]
    fn exactly_half_of_all_deputies_never_passes(half in 1_u32..200, absent in 0_u32..3, k in 2_u32..6) {
        let deputies = 2 * half;
        let present = deputies - absent.min(half);
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let projects = (1..=k).map(|i| Project::builder(ProjectId::new(i), "p").investment(Decimal::ONE).category("c").completion(date).build().unwrap()).collect();
        let session = Session::new(
            Policy::election_style(1).unwrap(),
            CandidateList::new(projects).unwrap(),
            Electorate::new((1..=deputies).map(DeputyId::new), (1..=present).map(DeputyId::new)).unwrap(),
            BallotsIssued(present),
        ).unwrap();
        let mut t = Tally::new(&session, BoxNumber(1));
        for v in 1..=present {
            let m = if v <= half { Mark::For } else { Mark::Against };
            t.cast(&session, &Ballot::new(DeputyId::new(v), Choice::Marks(vec![(ProjectId::new(1), m)]))).unwrap();
        }
        let o = session.decide(&t).unwrap();
        prop_assert_eq!(o.row(ProjectId::new(1)).unwrap().votes_for, u64::from(half));
        prop_assert_eq!(o.row(ProjectId::new(1)).unwrap().status, Status::NotPassed);
        prop_assert!(o.elected.is_empty());
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(cases::config(48))]

    #[test]
    fn serde_round_trips(s in scenario()) {
        let (t, o) = s.decide();
        let json = serde_json::to_string(&s.session).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Session>(&json).unwrap(), &s.session);
        let json = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Tally>(&json).unwrap(), &t);
        let json = serde_json::to_string(&o).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Outcome>(&json).unwrap(), &o);
        let rules = toml::to_string(s.session.rules()).unwrap();
        prop_assert_eq!(&toml::from_str::<Policy>(&rules).unwrap(), s.session.rules());
        for b in s.all_ballots() {
            let json = serde_json::to_string(&b).unwrap();
            prop_assert_eq!(serde_json::from_str::<Ballot>(&json).unwrap(), b);
        }
    }
}

/// The same vote as a secret ballot: the same rules but for the way of
/// voting, an electorate known by its counts only.
fn secret(s: &Session) -> Session {
    let mut rules = s.rules().clone();
    rules.voting = Voting::Secret;
    let e = s.electorate();
    Session::new(
        rules,
        s.candidates().clone(),
        Electorate::counted(e.size(), e.present()).unwrap(),
        BallotsIssued(s.issued()),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Counted without names, box by box, merged in any order: the outcome
    /// of the named count (but for the way of voting and the boxes).
    #[test]
    fn secret_boxes_in_any_order_give_the_named_outcome(s in scenario(), order in Just([0_usize, 1, 2]).prop_shuffle()) {
        let (_, named) = s.decide();
        let paper = secret(&s.session);
        let mut boxes: Vec<Tally> = (0..3).map(|b| Tally::new(&paper, BoxNumber(20 + b))).collect();
        for (b, key) in s.all_ballots().iter().zip(&s.keys) {
            boxes[usize::from(key.1)].count(&paper, &b.choice).unwrap();
        }
        let mut merged = boxes[order[0]].clone();
        for &i in &order[1..] {
            merged.merge(&paper, &boxes[i]).unwrap();
        }
        let mut o = paper.decide(&merged).unwrap();
        prop_assert_eq!(o.voting, Voting::Secret);
        prop_assert_eq!(o.boxes.iter().map(|b| b.ballot_box).collect::<Vec<_>>(), [20, 21, 22]);
        o.voting = named.voting;
        o.boxes.clone_from(&named.boxes);
        prop_assert_eq!(o, named);
    }

    /// Exactly at the quorum a session may vote; one deputy fewer, it may not,
    /// and the error names both numbers.
    #[test]
    fn the_quorum_holds_at_its_edge(deputies in 1_u32..2_000, num in 1_u32..=4, extra in 0_u32..3) {
        let q = Quorum { numerator: num, denominator: num + extra };
        let need = q.required(deputies).unwrap();
        // The fewest that make the share: need / deputies >= q, (need - 1) / deputies < q.
        prop_assert!(u64::from(need) * u64::from(q.denominator) >= u64::from(deputies) * u64::from(q.numerator));
        prop_assert!(need == 0 || u64::from(need - 1) * u64::from(q.denominator) < u64::from(deputies) * u64::from(q.numerator));
        let mut rules = Policy::election_style(1).unwrap();
        rules.quorum = Some(q);
        rules.voting = Voting::Secret;
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let list = || CandidateList::new((1..=2).map(|i| Project::builder(ProjectId::new(i), "p").investment(Decimal::ONE).category("c").completion(date).build().unwrap()).collect()).unwrap();
        let at = Session::new(rules.clone(), list(), Electorate::counted(deputies, need).unwrap(), BallotsIssued(0));
        prop_assert!(at.is_ok(), "{:?}", at);
        if need > 0 {
            let below = Session::new(rules, list(), Electorate::counted(deputies, need - 1).unwrap(), BallotsIssued(0));
            prop_assert_eq!(below.unwrap_err(), VoteError::NoQuorum { present: need - 1, deputies, required: need });
        }
    }

    /// Every ranking method ranks by a figure it can show, and the elected
    /// projects are the best by it (no hidden order): with no threshold, no
    /// cap and one place, the winner's figure is the best, or there is a tie.
    #[test]
    fn every_ranked_method_elects_the_best_by_its_figure(s in scenario(), m in 0_usize..5) {
        if s.session.rules().form != BallotForm::Ranked {
            return Ok(());
        }
        let method = [
            RankedCount::Borda,
            RankedCount::PointsTable { points: vec![5, 3, 1] },
            RankedCount::RankSum,
            RankedCount::MeanRank,
            RankedCount::TopK { k: 1 },
        ][m].clone();
        let mut rules = s.session.rules().clone();
        rules.ranked_count = method.clone();
        rules.threshold = None;
        rules.budget_cap = None;
        rules.places = 1;
        let session = Session::new(rules, s.session.candidates().clone(), s.session.electorate().clone(), BallotsIssued(s.session.issued())).unwrap();
        let mut t = Tally::new(&session, BoxNumber(1));
        for b in s.all_ballots() {
            t.cast(&session, &b).unwrap();
        }
        let o = session.decide(&t).unwrap();
        prop_assert_eq!(o.ranked_count.as_ref(), Some(&method));
        let lower_better = matches!(method, RankedCount::RankSum);
        let first = &o.rows[0];
        for r in &o.rows[1..] {
            if matches!(method, RankedCount::MeanRank) {
                // Ranked by mean (points / votes_for), never ranked last.
                if first.votes_for > 0 && r.votes_for > 0 {
                    prop_assert!(u128::from(first.points) * u128::from(r.votes_for) <= u128::from(r.points) * u128::from(first.votes_for));
                }
                prop_assert!(first.votes_for > 0 || r.votes_for == 0);
            } else if lower_better {
                prop_assert!(first.points <= r.points);
            } else {
                prop_assert!(first.points >= r.points);
            }
        }
        prop_assert!(o.elected.len() == 1 || o.tie.is_some());
        if let Some(winner) = o.elected.first().map(|p| p.id) {
            prop_assert_eq!(winner, first.project);
        }
    }
}

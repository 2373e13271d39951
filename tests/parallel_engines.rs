//! The `rayon` feature: parallel counting gives the sequential result, byte
//! for byte (the values and their JSON), errors included, for votes,
//! records, the report's tally and the register's counts; and the
//! streaming entry points give what the slice-based ones give.

#![cfg(feature = "rayon")]

mod cases;

use deputy_work::common::{DeputyId, ProjectId};
use deputy_work::vote::{
    Ballot, BallotForm, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Tally,
    VoteError, Voting, samples,
};
use proptest::prelude::*;

/// A small deterministic generator (splitmix64), so that one proptest seed
/// makes thousands of ballots cheaply.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Serializes with serde_json (the byte-for-byte comparison).
#[cfg(feature = "serde")]
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

#[cfg(not(feature = "serde"))]
fn json<T: std::fmt::Debug>(v: &T) -> String {
    format!("{v:?}")
}

// ---------------------------------------------------------------- votes

/// Deputies in the electorate: more than a part of ballots (1,024), so
/// that a box is counted in several parts.
const ELECTORATE: u32 = 2_600;

/// A session: `form` 0..3 (for/against/abstain, choose up to, ranked),
/// `voting` 0..3 (named, electronic keeping presses, secret).
fn session(form: u8, voting: u8, candidates: u32, absent: u32) -> Session {
    let mut rules = Policy::election_style(1).unwrap();
    rules.competition = None;
    rules.form = match form {
        0 => BallotForm::ForAgainstAbstain,
        1 => BallotForm::ChooseUpTo,
        _ => BallotForm::Ranked,
    };
    rules.max_choices = Some(2);
    rules.blank_ballots_valid = form != 1;
    rules.voting = match voting {
        0 => Voting::Named,
        1 => Voting::Electronic { keep_presses: true },
        _ => Voting::Secret,
    };
    let present = ELECTORATE - absent;
    let electorate = if voting == 2 {
        Electorate::counted(ELECTORATE, present).unwrap()
    } else {
        Electorate::new(
            (1..=ELECTORATE).map(DeputyId::new),
            (1..=present).map(DeputyId::new),
        )
        .unwrap()
    };
    Session::new(
        rules,
        samples::candidates(candidates).unwrap(),
        electorate,
        BallotsIssued(present),
    )
    .unwrap()
}

/// A random choice of the session's form, valid or not (an unknown or
/// repeated project, too many choices, a blank, the wrong form).
fn choice(rng: &mut Rng, form: BallotForm, candidates: u32) -> Choice {
    let n = rng.below(4) as usize;
    let mut ids: Vec<ProjectId> = (0..n)
        .map(|_| ProjectId::new(1 + rng.below(u64::from(candidates) + 1) as u32))
        .collect();
    if rng.below(20) == 0 {
        ids.push(ProjectId::new(99));
    }
    let marks = |rng: &mut Rng, ids: Vec<ProjectId>| {
        let m = [Mark::For, Mark::Against, Mark::Abstain];
        Choice::Marks(
            ids.into_iter()
                .map(|id| (id, m[rng.below(3) as usize]))
                .collect(),
        )
    };
    if rng.below(30) == 0 {
        // The wrong form.
        return match form {
            BallotForm::ForAgainstAbstain => Choice::Chosen(ids),
            _ => marks(rng, ids),
        };
    }
    match form {
        BallotForm::ForAgainstAbstain => marks(rng, ids),
        BallotForm::Ranked => Choice::Ranked(ids),
        _ => Choice::Chosen(ids),
    }
}

/// `n` named ballots: distinct present deputies in a random order, with
/// `faults` of them replaced by a second ballot, an absent deputy or a
/// stranger.
fn named_ballots(rng: &mut Rng, s: &Session, n: usize, faults: usize, absent: u32) -> Vec<Ballot> {
    let present = ELECTORATE - absent;
    let mut voters: Vec<u32> = (1..=present).collect();
    for i in (1..voters.len()).rev() {
        voters.swap(i, rng.below(i as u64 + 1) as usize);
    }
    voters.truncate(n.min(voters.len()));
    let len = voters.len();
    for _ in 0..faults {
        if len < 2 {
            break;
        }
        let at = 1 + rng.below(len as u64 - 1) as usize;
        voters[at] = match rng.below(4) {
            0 | 1 => voters[rng.below(at as u64) as usize],
            2 if absent > 0 => present + 1,
            _ => ELECTORATE + 7,
        };
    }
    let candidates = s.candidates().len() as u32;
    voters
        .into_iter()
        .map(|v| Ballot::new(DeputyId::new(v), choice(rng, s.rules().form, candidates)))
        .collect()
}

/// Casting one by one on a copy, kept only if every ballot is accepted:
/// what `par_cast` promises to equal.
fn cast_in_turn(t: &Tally, s: &Session, ballots: &[Ballot]) -> (Tally, Result<(), VoteError>) {
    let mut copy = t.clone();
    for b in ballots {
        if let Err(e) = copy.cast(s, b) {
            return (t.clone(), Err(e));
        }
    }
    (copy, Ok(()))
}

fn count_in_turn(t: &Tally, s: &Session, choices: &[Choice]) -> (Tally, Result<(), VoteError>) {
    let mut copy = t.clone();
    for c in choices {
        if let Err(e) = copy.count(s, c) {
            return (t.clone(), Err(e));
        }
    }
    (copy, Ok(()))
}

proptest! {
    #![proptest_config(cases::config(24))]

    #[test]
    fn parallel_casting_equals_casting_in_turn(
        seed in any::<u64>(),
        form in 0_u8..3,
        electronic in any::<bool>(),
        candidates in 2_u32..6,
        absent in 0_u32..3,
        before in 0_usize..40,
        n in prop_oneof![0_usize..50, 900_usize..2_500],
        faults in prop_oneof![Just(0_usize), 1_usize..4],
        cross in any::<bool>(),
    ) {
        let s = session(form, u8::from(electronic), candidates, absent);
        let mut rng = Rng(seed);
        let all = named_ballots(&mut rng, &s, before + n, faults, absent);
        let mut all = all;
        // A second ballot in a later part of the batch than the first.
        if cross && all.len() > before + 1_100 {
            let first = before + rng.below(1_000) as usize;
            let second = before + 1_024 + rng.below((all.len() - before - 1_024) as u64) as usize;
            all[second] = Ballot::new(all[first].voter, all[second].choice.clone());
        }
        let (early, late) = all.split_at(before.min(all.len()));
        // A tally with some ballots in it already (the batch may repeat them).
        let (start, _) = cast_in_turn(&Tally::new(&s, BoxNumber(3)), &s, early);
        let (want, want_result) = cast_in_turn(&start, &s, late);
        let mut got = start.clone();
        let got_result = got.par_cast(&s, late);
        prop_assert_eq!(&got_result, &want_result);
        prop_assert_eq!(json(&got), json(&want));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn parallel_counting_of_a_secret_ballot_equals_counting_in_turn(
        seed in any::<u64>(),
        form in 0_u8..3,
        candidates in 2_u32..6,
        n in prop_oneof![0_usize..50, 900_usize..3_000],
        secret in prop_oneof![9 => Just(true), 1 => Just(false)],
    ) {
        let s = session(form, if secret { 2 } else { 0 }, candidates, 0);
        let mut rng = Rng(seed);
        let choices: Vec<Choice> =
            (0..n).map(|_| choice(&mut rng, s.rules().form, candidates)).collect();
        let start = Tally::with_issued(&s, BoxNumber(2), BallotsIssued(2_000));
        let (want, want_result) = count_in_turn(&start, &s, &choices);
        let mut got = start.clone();
        let got_result = got.par_count(&s, &choices);
        prop_assert_eq!(&got_result, &want_result);
        prop_assert_eq!(json(&got), json(&want));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn parallel_merging_of_boxes_equals_merging_in_turn(
        seed in any::<u64>(),
        form in 0_u8..3,
        electronic in any::<bool>(),
        boxes in 1_usize..30,
        per_box in 0_usize..120,
        clash in prop_oneof![3 => Just(0_u8), 1 => 1_u8..3],
    ) {
        let s = session(form, u8::from(electronic), 4, 0);
        let mut rng = Rng(seed);
        let all = named_ballots(&mut rng, &s, boxes * per_box, 0, 0);
        let mut tallies: Vec<Tally> = (0..boxes)
            .map(|k| all.get(k * per_box..).map_or(&[][..], |rest| &rest[..per_box.min(rest.len())]))
            .enumerate()
            .map(|(k, chunk)| {
                let mut t = Tally::new(&s, BoxNumber(k as u32 + 1));
                t.par_cast(&s, chunk).unwrap();
                t
            })
            .collect();
        // A clash: a box counted twice, or a deputy who voted in two boxes.
        if tallies.len() > 2 {
            let at = 1 + rng.below(tallies.len() as u64 - 1) as usize;
            match clash {
                1 => tallies[at] = tallies[rng.below(at as u64) as usize].clone(),
                2 if per_box > 0 => {
                    let voter = all[rng.below(all.len() as u64) as usize].voter;
                    let mut t = Tally::new(&s, BoxNumber(1_000));
                    t.cast(&s, &Ballot::new(voter, Choice::Marks(vec![]))).ok();
                    tallies.insert(at, t);
                }
                _ => {}
            }
        }
        let (first, rest) = tallies.split_first().unwrap();
        let mut want = first.clone();
        let want_result = rest.iter().try_for_each(|t| want.merge(&s, t));
        if want_result.is_err() {
            want = first.clone();
        }
        let mut got = first.clone();
        let got_result = got.par_merge_all(&s, rest);
        prop_assert_eq!(&got_result, &want_result);
        prop_assert_eq!(json(&got), json(&want));
        prop_assert_eq!(got, want);
    }
}

#[test]
fn a_second_ballot_in_a_later_part_is_refused_where_casting_in_turn_refuses_it() {
    let s = session(0, 0, 3, 0);
    let mut rng = Rng(7);
    let mut ballots = named_ballots(&mut rng, &s, 2_500, 0, 0);
    // Deputy of ballot 10 again at 2,000 and deputy of ballot 20 again at
    // 1,500: in sequence, the one at 1,500 is refused first.
    ballots[2_000] = Ballot::new(ballots[10].voter, Choice::Marks(vec![]));
    ballots[1_500] = Ballot::new(ballots[20].voter, Choice::Marks(vec![]));
    let mut t = Tally::new(&s, BoxNumber(1));
    assert_eq!(
        t.par_cast(&s, &ballots),
        Err(VoteError::AlreadyVoted {
            voter: ballots[20].voter,
            ballot_box: 1
        })
    );
    assert_eq!(
        t,
        Tally::new(&s, BoxNumber(1)),
        "a refused batch changes nothing"
    );
}

// -------------------------------------------------------------- records

use chrono::NaiveDate;
use deputy_work::common::{Level, Period, PersonId, RecordId, UnitId};
use deputy_work::records::{
    AnyRecord, CommitteeActivity, CommitteeActivityKind, ContactChannel, Counts, CountsBuilder,
    District, DutyReport, GridAssignment, GroupActivity, GroupActivityKind, GroupOrganiser,
    LiaisonPair, LivelihoodProject, MediationCase, MediationOutcome, MeetingInvitation,
    MemberContact, MicroProject, MicroRating, MicroStage, OpinionTopic, OrganActivity,
    OrganContact, PetitionCase, PublicChannel, PublicContact, PublicOpinion, Records, ReportBody,
    SharingSession, StateOrgan, Station, StationKind, Street, TrainingMode, TrainingSession,
};
use deputy_work::stats::Verdict;
use rust_decimal::Decimal;

fn pick<T: Copy, const N: usize>(rng: &mut Rng, all: [T; N]) -> T {
    all[rng.below(N as u64) as usize]
}

/// A day of 2024 to 2026: a third of the records fall outside 2025.
fn day(rng: &mut Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        2024 + rng.below(3) as i32,
        1 + rng.below(12) as u32,
        1 + rng.below(28) as u32,
    )
    .unwrap()
}

fn deputies(rng: &mut Rng, persons: u32) -> Vec<DeputyId> {
    (0..rng.below(5))
        .map(|_| DeputyId::new(1 + rng.below(u64::from(persons)) as u32))
        .collect()
}

/// An investment: mostly plain yuan; now and then one with many decimals
/// (sums round past 28 digits) or near `Decimal::MAX` (sums overflow).
fn investment(rng: &mut Rng) -> Decimal {
    match rng.below(40) {
        0 => Decimal::MAX / Decimal::from(3),
        1 => Decimal::from_i128_with_scale(i128::from(rng.next()) * 1_000_003, 20),
        _ => Decimal::new(rng.below(10_000_000_000) as i64, rng.below(3) as u32),
    }
}

/// One record of a random kind, naming deputies `1..=persons`.
fn any_record(rng: &mut Rng, n: u64, persons: u32, huge: bool) -> AnyRecord {
    let id = RecordId::new(n);
    let d = |rng: &mut Rng| DeputyId::new(1 + rng.below(u64::from(persons)) as u32);
    let unit = |rng: &mut Rng| UnitId::new(1 + rng.below(30) as u32);
    match rng.below(19) {
        0 => TrainingSession {
            id,
            date: day(rng),
            mode: pick(rng, TrainingMode::ALL),
            attendees: deputies(rng, persons),
        }
        .into(),
        1 => SharingSession {
            id,
            date: day(rng),
            participants: deputies(rng, persons),
        }
        .into(),
        2 => DutyReport {
            id,
            date: day(rng),
            deputy: d(rng),
            body: if rng.below(2) == 0 {
                ReportBody::StandingCommittee
            } else {
                ReportBody::ElectoralUnit(unit(rng))
            },
        }
        .into(),
        3 => LiaisonPair {
            member: PersonId::new(1 + rng.below(40) as u32),
            deputy: d(rng),
        }
        .into(),
        4 => MemberContact {
            id,
            date: day(rng),
            member: PersonId::new(1 + rng.below(40) as u32),
            deputy: d(rng),
            channel: pick(rng, ContactChannel::ALL),
        }
        .into(),
        5 => MeetingInvitation {
            id,
            date: day(rng),
            deputy: d(rng),
        }
        .into(),
        6 => CommitteeActivity {
            id,
            date: day(rng),
            kind: pick(rng, CommitteeActivityKind::ALL),
            deputies: deputies(rng, persons),
        }
        .into(),
        7 => PublicContact {
            id,
            date: day(rng),
            deputy: d(rng),
            channel: pick(rng, PublicChannel::ALL),
            people: rng.below(50) as u32,
        }
        .into(),
        8 => PublicOpinion {
            id,
            date: day(rng),
            deputy: d(rng),
            topic: pick(rng, OpinionTopic::ALL),
            resolved: rng.below(2) == 0,
        }
        .into(),
        9 => OrganContact {
            id,
            date: day(rng),
            organ: pick(rng, StateOrgan::ALL),
            activity: pick(rng, OrganActivity::ALL),
            deputies: deputies(rng, persons),
            opinions: rng.below(9) as u32,
        }
        .into(),
        10 => GridAssignment {
            deputy: d(rng),
            grid: unit(rng),
        }
        .into(),
        11 => MediationCase {
            id,
            date: day(rng),
            mediators: deputies(rng, persons),
            outcome: pick(rng, MediationOutcome::ALL),
        }
        .into(),
        12 => PetitionCase {
            id,
            date: day(rng),
            deputy: d(rng),
            closed: (rng.below(2) == 0).then(|| day(rng)),
        }
        .into(),
        13 => GroupActivity {
            id,
            date: day(rng),
            organiser: match rng.below(3) {
                0 => GroupOrganiser::LiaisonStation(unit(rng)),
                1 => GroupOrganiser::ProfessionalGroup(unit(rng)),
                _ => GroupOrganiser::ElectoralUnitGroup(unit(rng)),
            },
            kind: pick(rng, GroupActivityKind::ALL),
            deputies: deputies(rng, persons),
            public_attendance: rng.below(100) as u32,
            opinions: rng.below(9) as u32,
        }
        .into(),
        14 => Station {
            id: unit(rng),
            district: unit(rng),
            kind: pick(rng, StationKind::ALL),
            upgraded: rng.below(2) == 0,
        }
        .into(),
        15 => District {
            id: unit(rng),
            platform: rng.below(2) == 0,
        }
        .into(),
        16 => Street {
            id: unit(rng),
            council: rng.below(2) == 0,
        }
        .into(),
        17 => LivelihoodProject {
            id: ProjectId::new(n as u32),
            date: day(rng),
            level: pick(rng, Level::ALL),
            investment: if huge {
                investment(rng)
            } else {
                Decimal::new(rng.below(1_000_000) as i64, 2)
            },
        }
        .into(),
        _ => MicroProject {
            id: ProjectId::new(n as u32),
            date: day(rng),
            district: unit(rng),
            stage: pick(rng, MicroStage::ALL),
            ratings: deputies(rng, persons)
                .into_iter()
                .map(|deputy| MicroRating {
                    deputy,
                    verdict: pick(rng, Verdict::ALL),
                })
                .collect(),
        }
        .into(),
    }
}

/// `n` random records, as a stream and as a record set.
fn random_records(seed: u64, n: usize, persons: u32, huge: bool) -> (Vec<AnyRecord>, Records) {
    let mut rng = Rng(seed);
    let stream: Vec<AnyRecord> = (0..n as u64)
        .map(|i| any_record(&mut rng, i, persons, huge))
        .collect();
    let mut records = Records::default();
    for r in &stream {
        records.push(r.clone());
    }
    (stream, records)
}

proptest! {
    #![proptest_config(cases::config(24))]

    #[test]
    fn parallel_record_counts_equal_sequential_ones(
        seed in any::<u64>(),
        n in prop_oneof![0_usize..200, 20_000_usize..120_000],
        persons in prop_oneof![1_u32..20, 100_u32..5_000],
        huge in prop_oneof![3 => Just(false), 1 => Just(true)],
    ) {
        let (_, records) = random_records(seed, n, persons, huge);
        let year = Period::year(2025).unwrap();
        let want = Counts::count(&records, year);
        let got = Counts::par_count(&records, year);
        prop_assert_eq!(json(&got.as_ref().ok()), json(&want.as_ref().ok()));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn streamed_record_counts_equal_slice_based_ones(
        seed in any::<u64>(),
        n in prop_oneof![0_usize..200, 20_000_usize..60_000],
        persons in prop_oneof![1_u32..20, 100_u32..5_000],
        huge in prop_oneof![3 => Just(false), 1 => Just(true)],
    ) {
        let (stream, records) = random_records(seed, n, persons, huge);
        let year = Period::year(2025).unwrap();
        let want = Counts::count(&records, year);
        // The record set visits kind by kind: stream in that order to meet
        // the same first error; without errors any order gives the same.
        let mut by_kind = stream.clone();
        by_kind.sort_by_key(|r| r.kind());
        let mut builder = CountsBuilder::new(year);
        let got = builder.add_all(&by_kind).map(|()| builder.finish());
        prop_assert_eq!(json(&got.as_ref().ok()), json(&want.as_ref().ok()));
        prop_assert_eq!(&got, &want);
        // Without rounding investments, any order gives the same counts.
        if want.is_ok() && !huge {
            let mut any_order = CountsBuilder::new(year);
            any_order.add_all(stream.iter().rev()).unwrap();
            prop_assert_eq!(json(&any_order.finish()), json(want.as_ref().unwrap()));
        }
    }
}

// ---------------------------------------------------- register and report

use deputy_work::common::{PersonId as Person, SuggestionId, WeekendCalendar};
use deputy_work::report::{
    LookBackItem, Reply, ReportError, ReportInput, SuggestionRecord, Tally as ReportTally,
    TallyBuilder, UnitEvaluation,
};
use deputy_work::stats::Satisfaction;
use deputy_work::suggestion::samples::SampleYear;
use deputy_work::suggestion::{
    Action, Actor, Code, Command, EvaluationEvent, Register, ReviewChecks, Suggestion,
};

/// A register: a sample year of the given shape, with extra items driven
/// part of the way through their life cycle on random days by random units,
/// and the committee's ratings of some units on random days.
fn random_register(
    rng: &mut Rng,
    classes: [u32; 3],
    key: u32,
    look_back: (u32, u32),
    extra: u32,
) -> Register {
    let mut r = SampleYear::new(2025, classes, key.min(classes.iter().sum()))
        .unwrap()
        .with_look_back(look_back.0, look_back.1)
        .unwrap()
        .register()
        .unwrap();
    let policy = deputy_work::suggestion::Policy::seed();
    let office = Actor::Office(Person::new(9));
    for n in 0..extra {
        let id = SuggestionId::new(50_000 + n);
        let lead = Actor::Deputy(DeputyId::new(1 + rng.below(50) as u32));
        let unit = UnitId::new(101 + rng.below(14) as u32);
        let mut s = Suggestion::new(id);
        let d = NaiveDate::from_ymd_opt(2025, 1 + rng.below(9) as u32, 1 + rng.below(28) as u32)
            .unwrap();
        let steps = [
            (
                d,
                lead,
                Action::Draft {
                    title: "路灯".into(),
                    co_signers: vec![],
                },
            ),
            (d, lead, Action::Submit),
            (
                d + chrono::Days::new(1),
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            (
                d + chrono::Days::new(2),
                office,
                Action::Assign {
                    lead_unit: unit,
                    co_units: vec![],
                },
            ),
            (
                d + chrono::Days::new(20 + rng.below(120)),
                Actor::Unit(unit),
                Action::Reply {
                    class: ["A", "B", "C"][rng.below(3) as usize].into(),
                },
            ),
        ];
        let upto = rng.below(steps.len() as u64 + 1) as usize;
        for (date, actor, action) in steps.into_iter().take(upto) {
            s.handle(
                &Command::new(date, actor, action),
                &policy,
                &WeekendCalendar,
            )
            .unwrap();
        }
        r.insert(s).unwrap();
    }
    for _ in 0..rng.below(6) {
        let unit = UnitId::new(101 + rng.below(14) as u32);
        let on = NaiveDate::from_ymd_opt(2025, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
            .unwrap();
        let votes = Satisfaction {
            satisfied: rng.below(30),
            basically_satisfied: rng.below(5),
            unsatisfied: rng.below(3),
            abstained: rng.below(2),
        };
        let present =
            (votes.satisfied + votes.basically_satisfied + votes.unsatisfied + votes.abstained)
                as u32;
        // Refused steps (a rating before its hearing, …) are simply not recorded.
        r.evaluate(EvaluationEvent::ReportHeard { unit, on }).ok();
        r.evaluate(EvaluationEvent::Rated {
            unit,
            on,
            present,
            votes,
        })
        .ok();
    }
    r
}

/// A period: the year, a quarter, a month, or a year the register does
/// not cover.
fn period(which: u8) -> Period {
    match which {
        0 => Period::year(2025).unwrap(),
        1..=4 => Period::quarter(2025, u32::from(which)).unwrap(),
        5 => Period::year(2024).unwrap(),
        m => Period::month(2025, u32::from(m - 5)).unwrap(),
    }
}

/// Plain suggestion records, now and then with a class the seed policy
/// lacks; look-back items; evaluations.
fn plain_suggestions(
    rng: &mut Rng,
    n: usize,
    unknown: bool,
) -> (
    Vec<SuggestionRecord>,
    Vec<LookBackItem>,
    Vec<UnitEvaluation>,
) {
    let suggestions = (0..n as u32)
        .map(|i| SuggestionRecord {
            id: SuggestionId::new(100_000 + i),
            received: day(rng),
            lead_unit: (rng.below(5) != 0).then(|| UnitId::new(1 + rng.below(20) as u32)),
            key: rng.below(9) == 0,
            reply: (rng.below(4) != 0).then(|| Reply {
                class: Code::new(if unknown && rng.below(400) == 0 {
                    "Z"
                } else {
                    ["A", "B", "C"][rng.below(3) as usize]
                })
                .unwrap(),
                on_time: rng.below(5) != 0,
                feedback: (rng.below(2) == 0).then(|| pick(rng, Verdict::ALL)),
            }),
        })
        .collect();
    let look_back = (0..rng.below(50) as u32)
        .map(|i| LookBackItem {
            suggestion: SuggestionId::new(200_000 + i),
            year: 2023,
            resolved: (rng.below(2) == 0).then(|| day(rng)),
        })
        .collect();
    let evaluations = (0..rng.below(20))
        .map(|_| UnitEvaluation {
            unit: UnitId::new(1 + rng.below(20) as u32),
            date: day(rng),
            votes: Satisfaction {
                satisfied: rng.below(30),
                basically_satisfied: rng.below(5),
                unsatisfied: rng.below(3),
                abstained: rng.below(2),
            },
        })
        .collect();
    (suggestions, look_back, evaluations)
}

fn random_input(
    seed: u64,
    records: usize,
    suggestions: usize,
    unknown: bool,
    huge: bool,
    register: Option<Shape>,
) -> (ReportInput, Vec<AnyRecord>) {
    let (stream, records) = random_records(seed, records, 300, huge);
    let mut rng = Rng(seed ^ 0x5555);
    let (suggestions, look_back, evaluations) = plain_suggestions(&mut rng, suggestions, unknown);
    let input = ReportInput {
        records,
        suggestions,
        look_back,
        evaluations,
        register: register.map(|(c, k, l, e)| random_register(&mut rng, c, k, l, e)),
        ..ReportInput::default()
    };
    (input, stream)
}

/// A sample year's shape: replies by class, key items, look-back items
/// (solved, open) and extra items.
type Shape = ([u32; 3], u32, (u32, u32), u32);

fn register_shape() -> impl Strategy<Value = Shape> {
    (
        [0_u32..60, 0_u32..30, 0_u32..4],
        0_u32..6,
        (0_u32..20, 0_u32..5),
        0_u32..80,
    )
        .prop_map(|(c, k, l, e)| (c, k, l, e))
}

proptest! {
    #![proptest_config(cases::config(16))]

    #[test]
    fn parallel_register_counts_equal_sequential_ones(
        seed in any::<u64>(),
        shape in register_shape(),
        which in 0_u8..18,
    ) {
        let mut rng = Rng(seed);
        let (classes, key, look_back, extra) = shape;
        let r = random_register(&mut rng, classes, key, look_back, extra);
        prop_assert_eq!(json(&r.par_counts()), json(&r.counts()));
        prop_assert_eq!(r.par_counts(), r.counts());
        let p = period(which);
        prop_assert_eq!(json(&r.par_counts_in(p)), json(&r.counts_in(p)));
    }

    #[test]
    fn parallel_report_tallies_equal_sequential_ones(
        seed in any::<u64>(),
        records in prop_oneof![0_usize..100, 5_000_usize..30_000],
        suggestions in prop_oneof![0_usize..100, 5_000_usize..20_000],
        unknown in prop_oneof![3 => Just(false), 1 => Just(true)],
        huge in prop_oneof![3 => Just(false), 1 => Just(true)],
        register in prop::option::of(register_shape()),
        which in 0_u8..18,
    ) {
        let (input, _) = random_input(seed, records, suggestions, unknown, huge, register);
        let p = period(which);
        let want = ReportTally::count(&input, p);
        let got = ReportTally::par_count(&input, p);
        prop_assert_eq!(json(&got.as_ref().ok()), json(&want.as_ref().ok()));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn streamed_report_tallies_equal_slice_based_ones(
        seed in any::<u64>(),
        records in prop_oneof![0_usize..100, 5_000_usize..30_000],
        suggestions in prop_oneof![0_usize..100, 5_000_usize..20_000],
        unknown in prop_oneof![3 => Just(false), 1 => Just(true)],
        huge in prop_oneof![3 => Just(false), 1 => Just(true)],
        register in prop::option::of(register_shape()),
        which in 0_u8..18,
    ) {
        let (input, mut stream) = random_input(seed, records, suggestions, unknown, huge, register);
        let p = period(which);
        let want = ReportTally::count(&input, p);
        // In the order `Tally::count` meets errors: plain suggestions, the
        // register, then the records kind by kind.
        stream.sort_by_key(|r| r.kind());
        let mut b = TallyBuilder::new(&input.policy, p);
        let got = (|| -> Result<ReportTally, ReportError> {
            for s in &input.suggestions {
                b.suggestion(s)?;
            }
            for l in &input.look_back {
                b.look_back(l);
            }
            for e in &input.evaluations {
                b.evaluation(e);
            }
            if let Some(r) = &input.register {
                b.register(r)?;
            }
            for r in &stream {
                b.record(r)?;
            }
            Ok(b.clone().finish())
        })();
        prop_assert_eq!(json(&got.as_ref().ok()), json(&want.as_ref().ok()));
        prop_assert_eq!(got, want);
    }
}

#[test]
fn streaming_past_the_buffer_counts_every_person_exactly() {
    // 200,000 invitations of 5,000 deputies: the builder counts its
    // buffer of persons into the headcount several times over.
    let year = Period::year(2025).unwrap();
    let mut rng = Rng(11);
    let rows: Vec<MeetingInvitation> = (0..200_000)
        .map(|n| MeetingInvitation {
            id: RecordId::new(n),
            date: day(&mut rng),
            deputy: DeputyId::new(1 + rng.below(5_000) as u32),
        })
        .collect();
    let mut b = CountsBuilder::new(year);
    b.add_all(rows.iter().cloned().map(AnyRecord::from))
        .unwrap();
    let got = b.finish();
    // An independent count: the headcount of the invitations in the year.
    let want: deputy_work::stats::Headcount<DeputyId> = rows
        .iter()
        .filter(|r| year.contains(r.date))
        .map(|r| r.deputy)
        .collect();
    assert_eq!(got.invitations, want);
    let outside = rows.iter().filter(|r| !year.contains(r.date)).count() as u64;
    assert_eq!(got.outside_period, outside);
    assert!(
        want.person_times() > 65_536,
        "more persons than the buffer holds"
    );
}

#[test]
fn investments_are_summed_in_order_because_decimal_sums_round() {
    // 5 × 10^28 + 0.4 + 0.4: in order, each 0.4 is rounded away (30 digits do
    // not fit); grouped the other way, 0.8 rounds up to 1.
    let big = Decimal::from_i128_with_scale(5 * 10_i128.pow(28), 0);
    let small = Decimal::new(4, 1);
    let in_order = big.checked_add(small).unwrap().checked_add(small).unwrap();
    let grouped = big.checked_add(small.checked_add(small).unwrap()).unwrap();
    assert_ne!(
        in_order, grouped,
        "decimal addition is not associative here"
    );
    let mut records = Records::default();
    for (n, yuan) in [big, small, small].into_iter().enumerate() {
        records.livelihood.push(LivelihoodProject {
            id: ProjectId::new(n as u32),
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            level: Level::County,
            investment: yuan,
        });
    }
    let year = Period::year(2025).unwrap();
    let parallel = Counts::par_count(&records, year).unwrap();
    assert_eq!(parallel.livelihood_total().unwrap().yuan, in_order);
    assert_eq!(
        json(&parallel),
        json(&Counts::count(&records, year).unwrap())
    );
}

/// Times the sequential and the parallel count of large inputs, checking
/// that they agree. Run it on an idle machine:
/// `cargo test --release --all-features --test parallel_engines -- --ignored --nocapture measure`.
#[test]
#[ignore = "a measurement: run on its own, in release"]
// The library never reads a clock; this measurement (not a test of it) does.
#[allow(clippy::disallowed_types, clippy::disallowed_methods)]
fn measure_sequential_and_parallel_counts() {
    use std::time::Instant;
    fn time<T>(what: &str, f: impl FnOnce() -> T) -> (T, f64) {
        let start = Instant::now();
        let v = f();
        let s = start.elapsed().as_secs_f64();
        println!("{what:<52} {s:>8.3} s");
        (v, s)
    }
    fn both<T: PartialEq + std::fmt::Debug>(
        what: &str,
        seq: impl FnOnce() -> T,
        par: impl FnOnce() -> T,
    ) {
        let (a, s) = time(&format!("{what}: sequential"), seq);
        let (b, p) = time(&format!("{what}: rayon"), par);
        println!("{what:<52} speed-up {:.2}", s / p);
        assert_eq!(a, b);
    }
    println!("rayon threads: {}", rayon::current_num_threads());

    // A named vote of a million deputies, ten projects.
    let n = 1_000_000_u32;
    let mut rules = Policy::election_style(5).unwrap();
    rules.competition = None;
    let s = Session::new(
        rules,
        samples::candidates(10).unwrap(),
        Electorate::all_present((1..=n).map(DeputyId::new)).unwrap(),
        BallotsIssued(n),
    )
    .unwrap();
    let mut rng = Rng(1);
    let ballots: Vec<Ballot> = (1..=n)
        .map(|d| {
            Ballot::new(
                DeputyId::new(d),
                choice(&mut rng, BallotForm::ForAgainstAbstain, 10),
            )
        })
        .collect();
    both(
        "vote: 1,000,000 named ballots, 10 projects",
        || cast_in_turn(&Tally::new(&s, BoxNumber(1)), &s, &ballots),
        || {
            let mut t = Tally::new(&s, BoxNumber(1));
            let r = t.par_cast(&s, &ballots);
            (t, r)
        },
    );
    drop(ballots);

    // A secret ballot: 5,000,000 paper ballots.
    let secret = session(0, 2, 10, 0);
    let choices: Vec<Choice> = (0..5_000_000)
        .map(|_| choice(&mut rng, BallotForm::ForAgainstAbstain, 10))
        .collect();
    both(
        "vote: 5,000,000 secret ballots, 10 projects",
        || count_in_turn(&Tally::new(&secret, BoxNumber(1)), &secret, &choices),
        || {
            let mut t = Tally::new(&secret, BoxNumber(1));
            let r = t.par_count(&secret, &choices);
            (t, r)
        },
    );
    drop(choices);

    // Two million records of 300,000 deputies, plus 300,000 suggestion records.
    let (input, _) = random_input(
        3,
        2_000_000,
        300_000,
        false,
        false,
        Some(([2_000, 1_000, 100], 50, (500, 100), 5_000)),
    );
    let year = Period::year(2025).unwrap();
    both(
        "records: 2,000,000 records",
        || Counts::count(&input.records, year),
        || Counts::par_count(&input.records, year),
    );
    let register = input.register.as_ref().unwrap();
    both(
        "register: 8,700 items",
        || register.counts(),
        || register.par_counts(),
    );
    both(
        "report: the records, 300,000 suggestions, the register",
        || ReportTally::count(&input, year),
        || ReportTally::par_count(&input, year),
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM")) {
            println!("peak memory of the whole test: {line}");
        }
    }
}

//! Every stored tally is validated on the way in: a real value is built
//! from real inputs, serialized to JSON, then edited field by field by one
//! walker (every counter up, down, to 4,000,000,000 and to `u64::MAX`;
//! every list reordered, duplicated and truncated; every map key and text
//! changed). Each edit must be refused with the expected error, or, where
//! the edit yields a value the engine could have built from other inputs,
//! accepted; the table of each type says which, and why.
//!
//! "Refused" covers the whole way in: deserializing, then, where the
//! invariants need the rules, the step that has them (a points tally's
//! policy in `Scorer::scorecard`, a vote tally's session in
//! `Tally::merge`).

#![cfg(feature = "serde")]

#[allow(dead_code)]
#[path = "../examples/seed_data/mod.rs"]
mod seed_data;
mod tamper;

use chrono::NaiveDate;
use deputy_work::common::{DeputyId, Period, ProjectId, RecordId};
use deputy_work::points::{Act, ActKind, Claim, Qualifier, Scorer, StandardKind};
use deputy_work::report::Tally as ReportTally;
use deputy_work::stats::{Headcount, Satisfaction, Verdict};
use deputy_work::suggestion::RegisterCounts;
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, Choice, CompletionRating, Electorate, Mark,
    Policy as VotePolicy, Session, Tally as VoteTally, Voting,
};
use serde_json::Value;
use tamper::{Edit, Expect, Rule, apply, check};

// ---------------------------------------------------------------- points

fn points_acts() -> Vec<Act> {
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    let q = |c| Qualifier::new(c).unwrap();
    let act = |id, deputy, date, kind: StandardKind| {
        Act::new(RecordId::new(id), DeputyId::new(deputy), date, kind.into())
    };
    vec![
        act(1, 1, day(1, 5), StandardKind::AttendMeeting),
        act(2, 1, day(2, 5), StandardKind::SubmitSuggestion).with_qualifier(q("key_suggestion")),
        act(3, 2, day(3, 5), StandardKind::SubmitSuggestion)
            .with_qualifier(q("lead"))
            .with_quantity(2),
        act(4, 2, day(3, 6), StandardKind::Research).with_claim(Claim::Pending),
        act(5, 3, day(4, 1), StandardKind::Inspection).with_claim(Claim::Rejected),
        Act::new(
            RecordId::new(6),
            DeputyId::new(3),
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            StandardKind::Training.into(),
        ),
        Act::new(
            RecordId::new(7),
            DeputyId::new(4),
            day(5, 1),
            ActKind::Local(7),
        ),
        act(2, 1, day(2, 5), StandardKind::SubmitSuggestion), // a repeat
        act(9, 4, day(6, 1), StandardKind::Leave).with_quantity(3),
        act(10, 5, day(7, 1), StandardKind::ContactPublic),
    ]
}

/// The fate of an edited counter of a points tally's row (`/rows/r/1/c`).
/// In the sample policy's layout, slot 2 is `submit_suggestion` and slots
/// 3, 4, 5 its bonuses (`lead`, `key_suggestion`, `reply_class_a`); the
/// other slots are rules without bonuses. The sample is tight: as many
/// rule counters are set as acts were counted (five).
fn points_counter(doc: &Value, path: &str, edit: Edit) -> Expect {
    let seg: Vec<usize> = path.split('/').filter_map(|s| s.parse().ok()).collect();
    let (r, c) = (seg[0], seg[2]);
    let row: Vec<u64> = doc["rows"][r][1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let new = match edit {
        Edit::Up => row[c] + 1,
        Edit::Down => row[c] - 1,
        Edit::Big => 4_000_000_000,
        _ => return Expect::Refused("expected u32"),
    };
    let bonus = (3..=5).contains(&c);
    if bonus {
        return if new > row[2] {
            Expect::Refused("a bonus counter exceeds its rule's counter")
        } else {
            Expect::Accepted("more or fewer of the rule's acts carried the qualifier")
        };
    }
    if row[c] == 0 {
        return Expect::Refused("more rule counters are set than acts were counted");
    }
    if c == 2 && row[3..=5].iter().any(|b| *b > new) {
        return Expect::Refused("a bonus counter exceeds its rule's counter");
    }
    // One act could have had another quantity (any u32), but the rules'
    // counters must still sum to the quantities counted (`occurrences`).
    Expect::Refused("do not sum to the quantities counted")
}

/// The points table: the stored form is `{key: {policy, version, period:
/// {start, end}, slots}, rows: [[deputy, [counter; 16]]], ids: [[start,
/// end]], stats: {counted, pending, …, duplicates}, occurrences}`. The sample: deputies
/// 1 to 5 with acts (deputy 3's rejected or outside the period), deputy 6
/// enrolled with none; act 2 repeated once.
const POINTS: &[Rule] = &[
    // A field renamed: the stored form knows no such field.
    ("/**", &[Edit::Rekey], Expect::Refused("unknown field")),
    // The key: another policy's or period's tally.
    (
        "/key/policy",
        &[Edit::Text],
        Expect::Refused("tally mismatch"),
    ),
    (
        "/key/version",
        &[Edit::Text],
        Expect::Refused("tally mismatch"),
    ),
    (
        "/key/period/*",
        &[Edit::Text],
        Expect::Refused("trailing input"),
    ),
    ("/key/slots", &[Edit::Max], Expect::Refused("expected u32")),
    (
        "/key/slots",
        &[],
        Expect::Refused("a row must hold one counter per slot of the key"),
    ),
    // Rows: one per deputy, sorted by deputy, each of the key's width.
    (
        "/rows",
        &[Edit::Reorder, Edit::Duplicate],
        Expect::Refused("rows must be sorted by deputy"),
    ),
    (
        "/rows",
        &[Edit::Truncate],
        Expect::Accepted(
            "the last row is deputy 6's, enrolled with no act: a tally that did not enrol them",
        ),
    ),
    ("/rows/*", &[Edit::Reorder], Expect::Refused("invalid type")),
    (
        "/rows/*",
        &[Edit::Duplicate],
        Expect::Refused("trailing characters"),
    ),
    (
        "/rows/*",
        &[Edit::Truncate],
        Expect::Refused("invalid length"),
    ),
    ("/rows/*/0", &[Edit::Max], Expect::Refused("expected u32")),
    (
        "/rows/0/0",
        &[Edit::Down],
        Expect::Accepted("deputy 0 instead of 1: the same acts done by another deputy"),
    ),
    (
        "/rows/5/0",
        &[Edit::Up, Edit::Big],
        Expect::Accepted("another deputy enrolled instead of 6, still after the others"),
    ),
    (
        "/rows/*/0",
        &[],
        Expect::Refused("rows must be sorted by deputy"),
    ),
    (
        "/rows/*/1",
        &[Edit::Duplicate, Edit::Truncate],
        Expect::Refused("a row must hold one counter per slot"),
    ),
    // A row reversed: its counters land in other rules' slots (rows 3 and
    // 4, deputies 4 and 5, put a counter in a bonus slot above its rule's).
    (
        "/rows/3/1",
        &[Edit::Reorder],
        Expect::Refused("a bonus counter exceeds its rule's counter"),
    ),
    (
        "/rows/4/1",
        &[Edit::Reorder],
        Expect::Refused("a bonus counter exceeds its rule's counter"),
    ),
    (
        "/rows/*/1",
        &[Edit::Reorder],
        Expect::Refused("more rule counters are set than acts were counted"),
    ),
    ("/rows/*/1/*", &[], Expect::By(points_counter)),
    // Ids: runs of the distinct ids, one per act that is not a repeat.
    (
        "/ids/*",
        &[Edit::Duplicate],
        Expect::Refused("trailing characters"),
    ),
    (
        "/ids/*",
        &[Edit::Truncate],
        Expect::Refused("invalid length"),
    ),
    (
        "/ids/**",
        &[],
        Expect::Refused("id runs must be sorted and disjoint"),
    ),
    // Statistics: each act that is not a repeat is one id; a tally never
    // counts what only the general evaluator does.
    (
        "/stats/not_applicable",
        &[],
        Expect::Refused("a tally never counts this"),
    ),
    (
        "/stats/no_points",
        &[],
        Expect::Refused("a tally never counts this"),
    ),
    (
        "/stats/superseded",
        &[],
        Expect::Refused("a tally never counts this"),
    ),
    (
        "/stats/corrections",
        &[],
        Expect::Refused("a tally never counts this"),
    ),
    (
        "/stats/*",
        &[Edit::Max],
        Expect::Refused("statistics overflow"),
    ),
    (
        "/stats/duplicates",
        &[Edit::Duplicate, Edit::Truncate],
        Expect::Accepted("act 2 repeated twice, or never: repeats are not ids"),
    ),
    (
        "/stats/duplicates/0",
        &[Edit::Up, Edit::Down],
        Expect::Accepted("act 3 or act 1 repeated instead of act 2: ids the tally saw"),
    ),
    (
        "/stats/duplicates/0",
        &[Edit::Big, Edit::Max],
        Expect::Refused("a duplicate must be an id the tally has seen"),
    ),
    (
        "/stats/*",
        &[],
        Expect::Refused("id runs must be sorted and disjoint"),
    ),
    // The quantities counted: the rules' counters sum to them (with the
    // policy); past every counter's sum, refused on the way in.
    (
        "/occurrences",
        &[Edit::Up, Edit::Down],
        Expect::Refused("do not sum to the quantities counted"),
    ),
    (
        "/occurrences",
        &[Edit::Big, Edit::Max],
        Expect::Refused("fewer occurrences than were counted"),
    ),
];

#[test]
fn points_tally() {
    let policy = deputy_work::points::samples::yinchuan_jiangbei().unwrap();
    let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
    let mut tally = scorer.tally_acts(points_acts()).unwrap();
    tally.enrol(DeputyId::new(6)).unwrap();
    let way_in = |json: &str| {
        let t: deputy_work::points::Tally =
            serde_json::from_str(json).map_err(|e| e.to_string())?;
        scorer
            .scorecard(&t)
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", deputy_work::common::Labelled::label_en(&e)))
    };
    check("points::Tally", &tally, way_in, POINTS);
}

// ------------------------------------------------------------------ vote

fn marks(pairs: &[(u32, Mark)]) -> Choice {
    Choice::Marks(pairs.iter().map(|&(p, m)| (ProjectId::new(p), m)).collect())
}

/// An electronic vote that keeps presses: six present, five vote (one
/// ballot invalid: a project twice), three candidates, two places.
fn vote_electronic() -> (Session, VoteTally) {
    let rules = VotePolicy::election_style(2)
        .unwrap()
        .with_changes(|r| r.voting = Voting::Electronic { keep_presses: true })
        .unwrap();
    let session = Session::new(
        rules,
        deputy_work::vote::samples::candidates(3).unwrap(),
        Electorate::new((1..=7).map(DeputyId::new), (1..=6).map(DeputyId::new)).unwrap(),
        BallotsIssued(6),
    )
    .unwrap();
    let mut t = VoteTally::new(&session, BoxNumber(1));
    let ballots = [
        (1, marks(&[(1, Mark::For), (2, Mark::Against)])),
        (2, marks(&[(1, Mark::For), (3, Mark::Abstain)])),
        (3, marks(&[(2, Mark::For), (3, Mark::For)])),
        (5, marks(&[(1, Mark::Against)])),
        (6, marks(&[(1, Mark::For), (1, Mark::Against)])),
    ];
    for (d, choice) in ballots {
        t.cast(&session, &Ballot::new(DeputyId::new(d), choice))
            .unwrap();
    }
    (session, t)
}

/// A ranked vote: four present, four rank up to two of three projects.
fn vote_ranked() -> (Session, VoteTally) {
    let session = Session::new(
        VotePolicy::ranked_priorities(2).unwrap(),
        deputy_work::vote::samples::candidates(3).unwrap(),
        Electorate::new((1..=4).map(DeputyId::new), (1..=4).map(DeputyId::new)).unwrap(),
        BallotsIssued(4),
    )
    .unwrap();
    let mut t = VoteTally::new(&session, BoxNumber(2));
    for (d, ranked) in [
        (1, vec![1, 2]),
        (2, vec![2, 1]),
        (3, vec![1, 3]),
        (4, vec![3]),
    ] {
        let choice = Choice::Ranked(ranked.into_iter().map(ProjectId::new).collect());
        t.cast(&session, &Ballot::new(DeputyId::new(d), choice))
            .unwrap();
    }
    (session, t)
}

/// A secret ballot: five ballots in box 3 (one blank), four in box 4.
fn vote_secret() -> (Session, VoteTally) {
    let session = Session::new(
        VotePolicy::secret_ballot(1).unwrap(),
        deputy_work::vote::samples::candidates(2).unwrap(),
        Electorate::counted(10, 9).unwrap(),
        BallotsIssued(9),
    )
    .unwrap();
    let mut a = VoteTally::new(&session, BoxNumber(3));
    for c in [
        marks(&[(1, Mark::For)]),
        marks(&[(1, Mark::For), (2, Mark::Against)]),
        marks(&[(2, Mark::For)]),
        marks(&[]),
        marks(&[(1, Mark::Abstain)]),
    ] {
        a.count(&session, &c).unwrap();
    }
    let mut b = VoteTally::new(&session, BoxNumber(4));
    for c in vec![marks(&[(1, Mark::For)]); 4] {
        b.count(&session, &c).unwrap();
    }
    a.merge(&session, &b).unwrap();
    (session, a)
}

/// The way in for a vote tally: deserialized, then merged into an empty
/// tally of the session (`merge` checks the tally is the session's).
fn vote_way_in(session: &Session) -> impl Fn(&str) -> Result<(), String> + '_ {
    move |json| {
        let t: VoteTally = serde_json::from_str(json).map_err(|e| e.to_string())?;
        VoteTally::new(session, BoxNumber(99))
            .merge(session, &t)
            .map_err(|e| e.to_string())
    }
}

const CORRUPT_SUM: &str = "valid + invalid must equal the voters marked as voted";
const OTHER_SESSION: &str = "was made for another session";
const MARKS_OVER_VALID: &str = "the marks of a project exceed the valid ballots";
const OVER_PRESSES: &str = "a project's marks exceed the kept presses that carry them";
/// Edits a stored press can take unseen: judging a press (valid or not,
/// its deputy one of the electorate) needs the session's rules and
/// electorate, which the stored tally does not hold and `merge` does not
/// re-judge. Left over: recount kept presses where the session is present.
const PRESS_UNJUDGED: &str = "left over: a press is not re-judged against the session";

/// The lines every vote tally shares: the stored form is `{boxes:
/// [{ballot_box, issued, returned}], open_box, projects, counts: [{marks:
/// [for, against, abstain]}], ranks?, top, valid, invalid: {kind: n},
/// electorate_size, voted: [bit words], unnamed, presses?}`.
/// The lines every vote tally takes first: the shape of the stored form.
const VOTE_FIRST: &[Rule] = &[
    ("/**", &[Edit::Rekey], Expect::Refused("unknown")),
    (
        "/**/ballot_box",
        &[Edit::Max],
        Expect::Refused("expected u32"),
    ),
    ("/open_box", &[Edit::Max], Expect::Refused("expected u32")),
    ("/top", &[Edit::Max], Expect::Refused("expected u32")),
    ("/projects/*", &[Edit::Max], Expect::Refused("expected u32")),
    ("/presses/**", &[Edit::Max], Expect::Refused("expected u32")),
    (
        "/presses/*/choice/marks/*/1",
        &[Edit::Text],
        Expect::Refused("unknown variant"),
    ),
    (
        "/presses/*/choice/marks/*",
        &[Edit::Reorder],
        Expect::Refused("invalid type"),
    ),
    (
        "/presses/*/choice/marks/*",
        &[Edit::Truncate],
        Expect::Refused("invalid length"),
    ),
    (
        "/presses/*/choice/marks/*",
        &[Edit::Duplicate],
        Expect::Refused("trailing characters"),
    ),
    (
        "/counts/*/marks",
        &[Edit::Truncate],
        Expect::Refused("invalid length"),
    ),
    (
        "/counts/*/marks",
        &[Edit::Duplicate],
        Expect::Refused("trailing characters"),
    ),
    (
        "/projects",
        &[Edit::Truncate, Edit::Duplicate],
        Expect::Refused("one count per project"),
    ),
    (
        "/counts",
        &[Edit::Truncate, Edit::Duplicate],
        Expect::Refused("one count per project"),
    ),
    (
        "/boxes",
        &[Edit::Duplicate],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/voted",
        &[Edit::Truncate, Edit::Duplicate],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    (
        "/counts/*/marks/*",
        &[Edit::Big, Edit::Max],
        Expect::Refused(MARKS_OVER_VALID),
    ),
];

/// The lines every vote tally takes last: returned = valid + invalid =
/// voters marked + unnamed ballots, box by box too.
const VOTE_LAST: &[Rule] = &[
    ("/valid", &[], Expect::Refused(CORRUPT_SUM)),
    ("/unnamed", &[], Expect::Refused(CORRUPT_SUM)),
    ("/invalid/*", &[], Expect::Refused(CORRUPT_SUM)),
    (
        "/boxes/*/returned",
        &[],
        Expect::Refused("the boxes' returned ballots must add up"),
    ),
];

/// A sample's table: the shared first lines, its own, the shared last
/// (the first matching line wins).
fn vote_table(own: &[Rule]) -> Vec<Rule> {
    VOTE_FIRST
        .iter()
        .chain(own)
        .chain(VOTE_LAST)
        .copied()
        .collect()
}

const VOTE_ELECTRONIC: &[Rule] = &[
    // One invalid ballot (a project twice): another kind at u64::MAX makes
    // the invalid counts overflow on the way in.
    (
        "/invalid/duplicate_project",
        &[Edit::Max],
        Expect::Refused(CORRUPT_SUM),
    ),
    (
        "/invalid/*",
        &[Edit::Max],
        Expect::Refused("arithmetic overflow"),
    ),
    (
        "/boxes",
        &[Edit::Truncate],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/boxes/0/ballot_box",
        &[],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/open_box",
        &[],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/electorate_size",
        &[Edit::Up, Edit::Down],
        Expect::Refused(OTHER_SESSION),
    ),
    (
        "/electorate_size",
        &[],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    (
        "/voted/0",
        &[Edit::Up, Edit::Down],
        Expect::Refused(CORRUPT_SUM),
    ),
    (
        "/voted/0",
        &[],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    ("/top", &[], Expect::Refused(OTHER_SESSION)),
    (
        "/projects/0",
        &[Edit::Up],
        Expect::Refused("projects must be distinct"),
    ),
    (
        "/projects/1",
        &[Edit::Up, Edit::Down],
        Expect::Refused("projects must be distinct"),
    ),
    (
        "/projects/2",
        &[Edit::Down],
        Expect::Refused("projects must be distinct"),
    ),
    ("/projects", &[Edit::Reorder], Expect::Refused(OVER_PRESSES)),
    ("/projects/*", &[], Expect::Refused(OVER_PRESSES)),
    ("/counts", &[Edit::Reorder], Expect::Refused(OVER_PRESSES)),
    (
        "/counts/*/marks",
        &[Edit::Reorder],
        Expect::Refused(OVER_PRESSES),
    ),
    // Deputy 6's press (p1 for and against, invalid) still bounds p1's
    // "for" and "against": one more of either stays within the presses.
    (
        "/counts/0/marks/0",
        &[Edit::Up],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/counts/0/marks/1",
        &[Edit::Up],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/counts/*/marks/*",
        &[Edit::Up],
        Expect::Refused(OVER_PRESSES),
    ),
    (
        "/counts/*/marks/*",
        &[Edit::Down],
        Expect::Accepted("one mark fewer: that deputy left the project unmarked"),
    ),
    (
        "/presses",
        &[Edit::Reorder],
        Expect::Accepted("presses are a set: their order is not counted"),
    ),
    (
        "/presses",
        &[Edit::Truncate],
        Expect::Refused("presses are kept for every deputy who voted or for none"),
    ),
    (
        "/presses",
        &[Edit::Duplicate],
        Expect::Refused("more presses kept than deputies who voted"),
    ),
    (
        "/presses/*/choice/marks",
        &[Edit::Reorder],
        Expect::Accepted("the order of a ballot's marks is not counted"),
    ),
    (
        "/presses/*/choice/marks",
        &[Edit::Duplicate],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/0/choice/marks",
        &[Edit::Truncate],
        Expect::Refused(OVER_PRESSES),
    ),
    (
        "/presses/1/choice/marks",
        &[Edit::Truncate],
        Expect::Refused(OVER_PRESSES),
    ),
    (
        "/presses/2/choice/marks",
        &[Edit::Truncate],
        Expect::Refused(OVER_PRESSES),
    ),
    (
        "/presses/*/choice/marks",
        &[Edit::Truncate],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/0/choice/marks/0/0",
        &[],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/1/choice/marks/0/0",
        &[],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/3/choice/marks/0/0",
        &[],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/4/choice/marks/*/0",
        &[],
        Expect::Accepted(PRESS_UNJUDGED),
    ),
    (
        "/presses/*/choice/marks/*/0",
        &[],
        Expect::Refused(OVER_PRESSES),
    ),
    (
        "/presses/0/deputy",
        &[Edit::Up],
        Expect::Refused("a deputy's presses are kept once"),
    ),
    (
        "/presses/1/deputy",
        &[Edit::Up, Edit::Down],
        Expect::Refused("a deputy's presses are kept once"),
    ),
    (
        "/presses/2/deputy",
        &[Edit::Down],
        Expect::Refused("a deputy's presses are kept once"),
    ),
    (
        "/presses/3/deputy",
        &[Edit::Up],
        Expect::Refused("a deputy's presses are kept once"),
    ),
    (
        "/presses/4/deputy",
        &[Edit::Down],
        Expect::Refused("a deputy's presses are kept once"),
    ),
    ("/presses/*/deputy", &[], Expect::Accepted(PRESS_UNJUDGED)),
    (
        "/presses/*/choice/marks",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
];

const VOTE_RANKED: &[Rule] = &[
    (
        "/boxes",
        &[Edit::Truncate],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/boxes/0/ballot_box",
        &[],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/open_box",
        &[],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/electorate_size",
        &[Edit::Up],
        Expect::Refused(OTHER_SESSION),
    ),
    (
        "/electorate_size",
        &[],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    ("/voted/0", &[Edit::Down], Expect::Refused(CORRUPT_SUM)),
    (
        "/voted/0",
        &[],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    (
        "/top",
        &[],
        Expect::Refused("ranks must hold one counter per rank up to top"),
    ),
    (
        "/projects/0",
        &[Edit::Up],
        Expect::Refused("projects must be distinct"),
    ),
    (
        "/projects/1",
        &[Edit::Up, Edit::Down],
        Expect::Refused("projects must be distinct"),
    ),
    (
        "/projects/2",
        &[Edit::Down],
        Expect::Refused("projects must be distinct"),
    ),
    ("/projects/**", &[], Expect::Refused(OTHER_SESSION)),
    (
        "/ranks",
        &[Edit::Truncate, Edit::Duplicate],
        Expect::Refused("ranks must hold the same number of counters"),
    ),
    (
        "/ranks",
        &[Edit::Reorder],
        Expect::Refused("a project's ranks must add up to its votes for"),
    ),
    (
        "/ranks/*",
        &[],
        Expect::Refused("a project's ranks must add up to its votes for"),
    ),
    (
        "/counts/*/marks/0",
        &[],
        Expect::Refused("a project's ranks must add up to its votes for"),
    ),
    (
        "/counts/*/marks/*",
        &[],
        Expect::Refused("a ranked vote counts no against or abstain marks"),
    ),
    (
        "/counts/**",
        &[Edit::Reorder],
        Expect::Refused("a project's ranks must add up to its votes for"),
    ),
];

const VOTE_SECRET: &[Rule] = &[
    (
        "/boxes",
        &[Edit::Reorder],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/boxes",
        &[Edit::Truncate],
        Expect::Refused("the boxes' returned ballots must add up"),
    ),
    (
        "/boxes/0/ballot_box",
        &[Edit::Down],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/boxes/0/ballot_box",
        &[],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/boxes/1/ballot_box",
        &[Edit::Down],
        Expect::Refused("boxes must be sorted, distinct and not empty"),
    ),
    (
        "/boxes/1/ballot_box",
        &[],
        Expect::Accepted("box 4 numbered otherwise, still after box 3: another box merged"),
    ),
    (
        "/open_box",
        &[Edit::Up],
        Expect::Accepted("the tally opened for box 4, box 3 merged into it"),
    ),
    (
        "/open_box",
        &[],
        Expect::Refused("open_box must be one of the boxes"),
    ),
    (
        "/electorate_size",
        &[],
        Expect::Refused("voted does not fit electorate_size"),
    ),
    ("/top", &[], Expect::Refused(OTHER_SESSION)),
    (
        "/projects/0",
        &[Edit::Up],
        Expect::Refused("projects must be distinct"),
    ),
    (
        "/projects/1",
        &[Edit::Down],
        Expect::Refused("projects must be distinct"),
    ),
    ("/projects/**", &[], Expect::Refused(OTHER_SESSION)),
    (
        "/counts/**",
        &[Edit::Reorder],
        Expect::Accepted("secret ballots: other ballots could have marked the projects so"),
    ),
    (
        "/counts/*/marks/*",
        &[Edit::Up, Edit::Down],
        Expect::Accepted(
            "secret ballots: one ballot marking a project otherwise (its marks stay within the valid ballots)",
        ),
    ),
];

#[test]
fn vote_tally_electronic() {
    let (session, tally) = vote_electronic();
    check(
        "vote::Tally electronic",
        &tally,
        vote_way_in(&session),
        &vote_table(VOTE_ELECTRONIC),
    );
}

#[test]
fn vote_tally_ranked() {
    let (session, tally) = vote_ranked();
    check(
        "vote::Tally ranked",
        &tally,
        vote_way_in(&session),
        &vote_table(VOTE_RANKED),
    );
}

#[test]
fn vote_tally_secret() {
    let (session, tally) = vote_secret();
    check(
        "vote::Tally secret",
        &tally,
        vote_way_in(&session),
        &vote_table(VOTE_SECRET),
    );
}

// ------------------------------------------- report, records, suggestions

fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<(), String> {
    serde_json::from_str::<T>(json)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

/// The saturating sum of `v`'s values (objects) or elements (arrays), as
/// the engines add counts.
fn total(v: &Value, field: Option<&str>) -> u64 {
    let items: Vec<&Value> = match v {
        Value::Object(m) => m.values().collect(),
        Value::Array(a) => a.iter().collect(),
        _ => vec![],
    };
    items
        .into_iter()
        .map(|x| field.map_or(n(x), |f| n(&x[f])))
        .fold(0, u64::saturating_add)
}

/// Whether every headcount (`{times, person_times}`) under `v` has
/// person-times equal to the saturating sum of its times.
fn headcounts_add_up(v: &Value) -> bool {
    match v {
        Value::Object(m) if m.contains_key("times") && m.contains_key("person_times") => {
            total(&m["times"], None) == n(&m["person_times"])
        }
        Value::Object(m) => m.values().all(headcounts_add_up),
        _ => true,
    }
}

/// The invariants of stored records counts and suggestion counts, as the
/// module docs of `records::Counts` and `report::SuggestionCounts` state
/// them (written out here again, from the counting rules).
fn report_invariants(doc: &Value) -> Result<(), &'static str> {
    let r = &doc["records"];
    if !headcounts_add_up(r) {
        return Err("person-times must be the sum of each person's times");
    }
    let le = |a: u64, b: u64| a <= b;
    let opinions_ok = r["opinions"]
        .as_object()
        .unwrap()
        .values()
        .all(|o| n(&o["collected"]) >= 1 && le(n(&o["resolved"]), n(&o["collected"])));
    let kept = |v: &Value, f: Option<&str>| {
        v.as_object()
            .unwrap()
            .values()
            .all(|x| f.map_or(n(x), |f| n(&x[f])) >= 1)
    };
    let groups_ok = [
        "liaison_stations",
        "professional_groups",
        "electoral_unit_groups",
    ]
    .iter()
    .all(|g| {
        let g = &r[*g];
        kept(&g["by_kind"], Some("activities"))
            && n(&g["organisers"]["person_times"]) == total(&g["by_kind"], Some("activities"))
    });
    let records_ok = opinions_ok
        && groups_ok
        && kept(&r["mediation"], None)
        && kept(&r["micro_projects"], None)
        && kept(&r["livelihood"], Some("projects"))
        && le(n(&r["petitions_closed"]), n(&r["petitions"]))
        && n(&r["petition_deputies"]["person_times"]) == n(&r["petitions"])
        && le(n(&r["districts_with_platform"]), n(&r["districts"]))
        && le(n(&r["stations_upgraded"]), n(&r["stations"]))
        && le(n(&r["streets_with_council"]), n(&r["streets"]))
        && n(&r["liaison_members"]["person_times"]) == n(&r["liaison_deputies"]["person_times"])
        && n(&r["gridded"]["person_times"]) == n(&r["grids"]["person_times"]);
    let s = &doc["suggestions"];
    let codes: Vec<&Value> = s["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["code"])
        .collect();
    let distinct = codes
        .iter()
        .enumerate()
        .all(|(i, c)| !codes[..i].contains(c));
    let classes_ok = s["by_class"]
        .as_object()
        .unwrap()
        .iter()
        .all(|(k, v)| n(v) >= 1 && codes.iter().any(|c| c.as_str() == Some(k.as_str())));
    let units_ok = s["by_unit"].as_object().unwrap().values().all(|u| {
        n(&u["assigned"]) >= 1
            && le(n(&u["replied"]), n(&u["assigned"]))
            && le(n(&u["replied_on_time"]), n(&u["replied"]))
            && le(total(&u["feedback"], None), n(&u["assigned"]))
    });
    let suggestions_ok = distinct
        && classes_ok
        && units_ok
        && le(n(&s["key"]), n(&s["received"]))
        && le(total(&s["by_class"], None), n(&s["received"]));
    if records_ok && suggestions_ok {
        Ok(())
    } else {
        Err("stored counts, ")
    }
}

/// A counter of a stored report tally: refused exactly when the edited
/// counts break an invariant, accepted otherwise.
fn report_counter(doc: &Value, path: &str, edit: Edit) -> Expect {
    let mut edited = doc.clone();
    assert!(apply(&mut edited, path, edit));
    match report_invariants(&edited) {
        Ok(()) => Expect::Accepted(
            "every part stays within its whole and every equal pair equal: \
             counts other records would give",
        ),
        Err(says) => Expect::Refused(says),
    }
}

/// The report tally: `{records: records::Counts, suggestions:
/// SuggestionCounts}` counted from the seed report's year.
const REPORT: &[Rule] = &[
    (
        "/**/times/*",
        &[Edit::Rekey],
        Expect::Accepted("another person counted the same times"),
    ),
    (
        "/suggestions/by_unit/*",
        &[Edit::Rekey],
        Expect::Accepted("another unit's suggestions"),
    ),
    (
        "/suggestions/evaluations/*",
        &[Edit::Rekey],
        Expect::Accepted("another unit evaluated"),
    ),
    (
        "/suggestions/by_class/*",
        &[Edit::Rekey],
        Expect::Refused("a reply class must be one of the classes"),
    ),
    (
        "/records/**/by_kind/*",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
    (
        "/records/opinions/*",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
    (
        "/records/mediation/*",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
    (
        "/records/micro_projects/*",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
    (
        "/records/livelihood/*",
        &[Edit::Rekey],
        Expect::Refused("unknown variant"),
    ),
    ("/**", &[Edit::Rekey], Expect::Refused("unknown field")),
    (
        "/records/livelihood/*/yuan",
        &[Edit::Text],
        Expect::Refused(""),
    ),
    (
        "/suggestions/classes",
        &[Edit::Reorder],
        Expect::Accepted("a policy listing its classes in another order"),
    ),
    (
        "/suggestions/classes",
        &[Edit::Duplicate],
        Expect::Refused("classes must be distinct"),
    ),
    (
        "/suggestions/classes",
        &[Edit::Truncate],
        Expect::Refused("a reply class must be one of the classes"),
    ),
    (
        "/suggestions/classes/*/code",
        &[Edit::Text],
        Expect::Refused("a reply class must be one of the classes"),
    ),
    (
        "/suggestions/classes/*/*",
        &[Edit::Text],
        Expect::Accepted("a policy labelling its classes otherwise"),
    ),
    (
        "/**",
        &[Edit::Up, Edit::Down, Edit::Big, Edit::Max],
        Expect::By(report_counter),
    ),
];

#[test]
fn report_tally() {
    let input = seed_data::ordos_2025();
    let tally = ReportTally::count(&input, Period::year(2025).unwrap()).unwrap();
    check("report::Tally", &tally, from_json::<ReportTally>, REPORT);
}

/// The invariants of stored register counts (from `counts_where`).
fn register_invariants(d: &Value) -> bool {
    let le = |a: u64, b: u64| a <= b;
    let received = n(&d["received"]);
    let ended = ["not_registered", "withdrawn", "merged", "closed"]
        .iter()
        .map(|f| n(&d[*f]))
        .sum::<u64>();
    let units_ok = d["units"].as_object().unwrap().values().all(|u| {
        (n(&u["assigned"]) > 0 || n(&u["refused"]) > 0 || !u["evaluation"].is_null())
            && le(n(&u["replied"]), n(&u["assigned"]))
            && le(n(&u["replied_on_time"]), n(&u["replied"]))
            && le(total(&u["feedback"], None), n(&u["assigned"]))
    });
    [
        "registered",
        "key",
        "replied",
        "self_handled",
        "handled_separately",
    ]
    .iter()
    .all(|f| le(n(&d[*f]), received))
        && le(ended, received)
        && le(n(&d["replied_on_time"]), n(&d["replied"]))
        && d["by_class"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| n(v) >= 1)
        && total(&d["by_class"], None) == n(&d["replied"])
        && le(total(&d["feedback"], None), received)
        && units_ok
}

fn register_counter(doc: &Value, path: &str, edit: Edit) -> Expect {
    let mut edited = doc.clone();
    assert!(apply(&mut edited, path, edit));
    if register_invariants(&edited) {
        Expect::Accepted("every part stays within its whole: counts another register would give")
    } else {
        Expect::Refused("stored counts, ")
    }
}

/// Register counts (`u32` counters; `year` an `i32`): the Ordos sample.
const REGISTER: &[Rule] = &[
    (
        "/units/*",
        &[Edit::Rekey],
        Expect::Accepted("another unit's figures"),
    ),
    (
        "/by_class/*",
        &[Edit::Rekey],
        Expect::Accepted("another class code: the counts hold no class list"),
    ),
    (
        "/units/*/evaluation",
        &[Edit::Rekey],
        Expect::Accepted("no evaluation: `evaluation` may be absent, and the unit has assignments"),
    ),
    ("/**", &[Edit::Rekey], Expect::Refused("missing field")),
    (
        "/year",
        &[Edit::Big, Edit::Max],
        Expect::Refused("expected i32"),
    ),
    (
        "/year",
        &[],
        Expect::Accepted("another year's register: the year is not tied to its counts"),
    ),
    ("/**", &[Edit::Max], Expect::Refused("expected u32")),
    (
        "/**",
        &[Edit::Up, Edit::Down, Edit::Big],
        Expect::By(register_counter),
    ),
];

#[test]
fn register_counts() {
    let counts = deputy_work::suggestion::samples::ordos_2025()
        .unwrap()
        .counts();
    check(
        "RegisterCounts",
        &counts,
        from_json::<RegisterCounts>,
        REGISTER,
    );
}

/// Four independent counters: `add` counts each verdict apart and
/// `merge` saturates at `u64::MAX`, so any four counts, `u64::MAX`
/// included, are counts it could hold.
const SATISFACTION: &[Rule] = &[
    ("/**", &[Edit::Rekey], Expect::Refused("unknown field")),
    ("/*", &[], Expect::Accepted("any count of each verdict")),
];

const RATING: &[Rule] = &[
    ("/**", &[Edit::Rekey], Expect::Refused("unknown field")),
    (
        "/ratings/*",
        &[],
        Expect::Accepted("any count of each verdict"),
    ),
    (
        "/name",
        &[],
        Expect::Accepted("the rating of a project named otherwise"),
    ),
    ("/project", &[Edit::Max], Expect::Refused("expected u32")),
    (
        "/project",
        &[],
        Expect::Accepted("the rating of another project"),
    ),
];

/// Person-times are the sum of each person's times (saturating, as
/// `add_times` and `merge` add them).
const HEADCOUNT: &[Rule] = &[
    (
        "/times/*",
        &[Edit::Rekey],
        Expect::Accepted("another person counted the same times"),
    ),
    ("/*", &[Edit::Rekey], Expect::Refused("unknown field")),
    (
        "/times/*",
        &[],
        Expect::Refused("person-times must be the sum of each person's times"),
    ),
    (
        "/person_times",
        &[],
        Expect::Refused("person-times must be the sum of each person's times"),
    ),
];

#[test]
fn satisfaction() {
    let s: Satisfaction = [
        Verdict::Satisfied,
        Verdict::Satisfied,
        Verdict::Unsatisfied,
        Verdict::Abstained,
    ]
    .into_iter()
    .collect();
    check("Satisfaction", &s, from_json::<Satisfaction>, SATISFACTION);
}

#[test]
fn completion_rating() {
    let mut r = CompletionRating::of(&deputy_work::vote::samples::project(1).unwrap());
    r.add_many(Verdict::Satisfied, 273);
    r.add_many(Verdict::BasicallySatisfied, 4);
    r.add(Verdict::Abstained);
    check(
        "CompletionRating",
        &r,
        from_json::<CompletionRating>,
        RATING,
    );
}

#[test]
fn headcount() {
    let h: Headcount<DeputyId> = [1, 2, 1, 3].into_iter().map(DeputyId::new).collect();
    check("Headcount", &h, from_json::<Headcount<DeputyId>>, HEADCOUNT);
}

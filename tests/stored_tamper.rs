//! Every stored type other than the tallies (those are in
//! `tests/tally_tamper.rs`) is validated on the way in: a real value is
//! built from the crate's own samples, serialized to JSON, then edited
//! field by field by the shared walker (`tests/tamper/mod.rs`: every
//! number up, down, to 4,000,000,000 and to `u64::MAX`; every list
//! reordered, duplicated and truncated; every key and text changed; here
//! also every boolean flipped and every decimal text moved by one). Each
//! edit must be refused with the expected error, or accepted with the
//! reason; a table per type says which.
//!
//! "Refused" covers the whole way in a platform takes: deserializing, then,
//! where the rules live elsewhere, the step that has them (a suggestion's
//! trail: `verify` against the policy and the head kept apart; a ballot:
//! `Tally::cast` against its session; a report's input:
//! `AnnualReport::build_verified` with the calendar its register was kept
//! with). Edits that today's crate accepts although it should not are
//! marked `GAP:` (none today); the test asserts today's behaviour.

#![cfg(feature = "serde")]

#[allow(dead_code)]
#[path = "../examples/seed_data/mod.rs"]
mod seed_data;
mod tamper;

use deputy_work::common::{Period, WeekendCalendar};
use deputy_work::points::{self, Policy as PointsPolicy};
use deputy_work::report::{AnnualReport, ReportInput, ReportOptions};
use deputy_work::suggestion::samples::SampleYear;
use deputy_work::suggestion::{self, Policy as SuggestionPolicy, Suggestion};
use deputy_work::vote::{self, Ballot, BoxNumber, Electorate, Session, Tally as VoteTally};
use serde_json::Value;
use tamper::{Edit, Expect, Rule, check_rich, expect_of};

// ---------------------------------------------------------------- points

/// Any label a person reads: a legitimate change of wording.
const LABEL: Expect = Expect::Accepted("a label is wording, not a rule: any text is a policy");
/// A number in a JSON document that does not fit the field's integer.
const TOO_BIG: Expect = Expect::Refused("invalid value: integer");
/// A date with a character added.
const BAD_DATE: Expect = Expect::Refused("trailing input");
/// A decimal with a character added.
const BAD_DECIMAL: Expect = Expect::Refused("expected a Decimal type");

/// The points policy (the sample `yinchuan_jiangbei`): its stored form is
/// `{name, version, in_force: {start, end}, base, floor, ceiling,
/// local_kinds, units, group_acts, qualifiers, rules: [{kind, points, cap,
/// count, highest_only, bonuses: [{qualifier, points}]}], bands: [{code,
/// labels, at_least, below}], honours: [{code, labels, top}], consequences:
/// [{code, labels, when, years}]}`. Loading checks it (`Policy::new`); a
/// policy's numbers edited within their bounds are another policy, which a
/// locality may write.
const POINTS_POLICY: &[Rule] = &[
    ("/**", &[Edit::Rekey], Expect::Refused("unknown")),
    ("/**", &[Edit::Max], TOO_BIG),
    ("/**/label_zh", &[Edit::Text], LABEL),
    ("/**/label_en", &[Edit::Text], LABEL),
    ("/name", &[Edit::Text], LABEL),
    (
        "/version",
        &[],
        Expect::Accepted("another version of the policy (a text, here `2025.1`)"),
    ),
    ("/in_force/*", &[Edit::Text], BAD_DATE),
    ("/**", &[Edit::Text], Expect::By(points_text)),
    // Base, floor and ceiling, rules' points and caps, bonuses' points:
    // moved by one, still in order (floor ≤ base ≤ ceiling): another policy.
    (
        "/*",
        &[Edit::Up, Edit::Down],
        Expect::Accepted("another base, floor or ceiling, still in order"),
    ),
    (
        "/rules/*/points",
        &[Edit::Up, Edit::Down],
        Expect::Accepted("a rule worth another number of points (negative too: a deduction)"),
    ),
    (
        "/rules/*/cap",
        &[Edit::Up, Edit::Down],
        Expect::Accepted("a rule capped at another number of points"),
    ),
    (
        "/rules/*/bonuses/*/points",
        &[Edit::Up, Edit::Down],
        Expect::Accepted("a bonus worth another number of points"),
    ),
    (
        "/rules/*/highest_only",
        &[Edit::Flip],
        Expect::Accepted("whether only the highest bonus counts is the policy's choice"),
    ),
    // Lists keyed by code or kind: a repeat is refused, the order is free,
    // a last item dropped is a policy without it unless something names it.
    (
        "/rules",
        &[Edit::Duplicate],
        Expect::Refused("`attend_meeting` appears more than once"),
    ),
    (
        "/qualifiers",
        &[Edit::Duplicate],
        Expect::Refused("`lead` appears more than once"),
    ),
    (
        "/rules/*/bonuses",
        &[Edit::Duplicate],
        Expect::Refused("`lead` appears more than once"),
    ),
    (
        "/local_kinds",
        &[Edit::Duplicate],
        Expect::Refused("`1` appears more than once"),
    ),
    (
        "/local_kinds",
        &[Edit::Truncate],
        Expect::Refused("unknown kind `local:1`"),
    ),
    (
        "/local_kinds/*/code",
        &[Edit::Up, Edit::Down],
        Expect::Refused("unknown kind `local:1`"),
    ),
    (
        "/local_kinds/*/code",
        &[Edit::Big],
        Expect::Refused("expected u16"),
    ),
    (
        "/honours",
        &[Edit::Duplicate],
        Expect::Refused("strictly increasing `top`"),
    ),
    (
        "/bands",
        &[Edit::Reorder, Edit::Duplicate],
        Expect::Refused("only the last (lowest) band may omit `at_least`"),
    ),
    (
        "/bands",
        &[Edit::Truncate],
        Expect::Refused("no band or honour has code `poor`"),
    ),
    (
        "/consequences",
        &[Edit::Duplicate],
        Expect::Refused("consequences[4].code: `talk` appears more than once"),
    ),
    (
        "/*",
        &[Edit::Reorder, Edit::Truncate],
        Expect::Accepted(
            "the order of rules, qualifiers, honours and consequences is free; the last one dropped \
             (nothing names it) is a policy without it",
        ),
    ),
    (
        "/rules/*/bonuses",
        &[Edit::Reorder, Edit::Truncate],
        Expect::Accepted("the bonuses' order is free; a rule with one bonus fewer"),
    ),
    // Bands: each band's bounds meet the next band's.
    (
        "/bands/*/at_least",
        &[Edit::Up],
        Expect::Refused("leaves a gap below the band before it"),
    ),
    (
        "/bands/*/at_least",
        &[Edit::Down],
        Expect::Refused("overlaps the band before it"),
    ),
    (
        "/bands/*/below",
        &[Edit::Up],
        Expect::Refused("overlaps the band before it"),
    ),
    (
        "/bands/*/below",
        &[Edit::Down],
        Expect::Refused("leaves a gap below the band before it"),
    ),
    // Honours and consequences: counts of deputies and of years.
    (
        "/honours/*/top",
        &[],
        Expect::Accepted("an honour for another number of top deputies"),
    ),
    (
        "/consequences/*/when/*",
        &[],
        Expect::Accepted("a consequence for another number of top or bottom deputies"),
    ),
    (
        "/consequences/0/years",
        &[Edit::Down],
        Expect::Refused("must be at least 1"),
    ),
    (
        "/consequences/*/years",
        &[],
        Expect::Accepted("a consequence over another number of years (still at least 1)"),
    ),
];

/// The fate of a text edited (`x` added) in a points policy, by what the
/// text is.
fn points_text(doc: &Value, path: &str, _: Edit) -> Expect {
    let text = doc.pointer(path).and_then(Value::as_str).unwrap();
    let field = path.rsplit('/').next().unwrap();
    match field {
        "points" | "cap" | "base" | "floor" | "ceiling" | "at_least" | "below" => BAD_DECIMAL,
        "kind" => Expect::Refused("is not a kind of duty act"),
        "count" | "units" | "group_acts" => Expect::Refused("unknown variant"),
        "qualifier" => Expect::Refused("which the policy's qualifiers do not list"),
        // A qualifier renamed: the bonus that names it names none.
        "code" if text == "poor" => Expect::Refused("no band or honour has code `poor`"),
        "code" if text == "lead" => Expect::Refused(
            "rules[2].bonuses[0].qualifiers: names `lead`, which the policy's qualifiers do not list",
        ),
        "code" if text == "key_suggestion" => Expect::Refused(
            "rules[2].bonuses[1].qualifiers: names `key_suggestion`, which the policy's qualifiers \
             do not list",
        ),
        "code" if text == "reply_class_a" => Expect::Refused(
            "rules[2].bonuses[2].qualifiers: names `reply_class_a`, which the policy's qualifiers \
             do not list",
        ),
        "band" => Expect::Refused("no band or honour has code `poorx`"),
        "code" => Expect::Accepted("a code nothing else names: renaming it is another policy"),
        _ => Expect::Refused("no such text in the sample"),
    }
}

#[test]
fn points_policy_json() {
    let policy = points::samples::yinchuan_jiangbei().unwrap();
    check_rich(
        "points policy",
        &policy,
        |json| {
            serde_json::from_str::<PointsPolicy>(json)
                .map(drop)
                .map_err(|e| e.to_string())
        },
        POINTS_POLICY,
    );
}

/// The points policy as TOML (the form localities write): a few edits of
/// the same kinds, each refused or accepted as in JSON.
#[test]
fn points_policy_toml() {
    let policy = points::samples::yinchuan_jiangbei().unwrap();
    let text = toml::to_string(&policy).unwrap();
    assert_eq!(toml::from_str::<PointsPolicy>(&text).unwrap(), policy);
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let load = |edit: &dyn Fn(&mut toml::Table)| {
        let mut d = doc.clone();
        edit(&mut d);
        toml::from_str::<PointsPolicy>(&toml::to_string(&d).unwrap()).map_err(|e| e.to_string())
    };
    let rule = |d: &toml::Table| -> toml::Table {
        d["rules"].as_array().unwrap()[0]
            .as_table()
            .unwrap()
            .clone()
    };
    // Accepted: another base is another policy.
    let other = load(&|d| {
        d.insert("base".into(), "61".into());
    })
    .unwrap();
    assert_eq!(other.base().to_string(), "61");
    // Refused: a field renamed, a kind no one knows, a rule twice, bands
    // that overlap.
    let refused = [
        load(&|d| {
            let v = d.remove("base").unwrap();
            d.insert("basex".into(), v);
        }),
        load(&|d| {
            let mut r = rule(d);
            r.insert("kind".into(), "attend_meetingx".into());
            d["rules"].as_array_mut().unwrap()[0] = r.into();
        }),
        load(&|d| {
            let r = rule(d);
            d["rules"].as_array_mut().unwrap().push(r.into());
        }),
        load(&|d| {
            let bands = d["bands"].as_array_mut().unwrap();
            bands[1]
                .as_table_mut()
                .unwrap()
                .insert("below".into(), "81".into());
        }),
    ];
    let says = [
        "unknown field `basex`",
        "`attend_meetingx` is not a kind of duty act",
        "`attend_meeting` appears more than once",
        "overlaps the band before it",
    ];
    for (got, says) in refused.iter().zip(says) {
        let err = got.as_ref().unwrap_err();
        assert!(err.contains(says), "expected {says:?}, got {err:?}");
    }
}

// ------------------------------------------------------------ suggestion

/// The first suggestion of the seed's year, driven through the engine as
/// a platform drives it: drafted, submitted, registered, assigned, marked
/// key, replied, given feedback.
fn sample_suggestion() -> Suggestion {
    let (id, commands) = SampleYear::ORDOS_2025
        .commands()
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let policy = SuggestionPolicy::seed();
    let mut s = Suggestion::new(id);
    for c in &commands {
        s.handle(c, &policy, &WeekendCalendar).unwrap();
    }
    s
}

const BY_CHAIN: &str = "its `prev` digest is not that of the entry before it";
const BY_RULES: Expect = Expect::Refused("is not what the rules decide");

/// Whether an edit at `path` (of a suggestion whose stored form is at
/// `prefix` of the document: `{id, trail}`) changes a digest that a later
/// entry's `prev` holds, so that loading (which checks the chain before
/// replaying) refuses it: another id (the genesis digest), entries
/// reordered or repeated, any field of an entry but the last.
fn chained(json: &Value, prefix: &str, path: &str, edit: Edit) -> bool {
    let Some(rest) = path.strip_prefix(prefix) else {
        return false;
    };
    let len = json
        .pointer(&format!("{prefix}/trail"))
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut parts = rest.split('/').skip(1);
    match (parts.next(), parts.next()) {
        (Some("id"), None) => true,
        (Some("trail"), None) => matches!(edit, Edit::Reorder | Edit::Duplicate),
        (Some("trail"), Some(j)) => j.parse::<usize>().is_ok_and(|j| j + 1 < len),
        _ => false,
    }
}

/// The suggestion's stored form: `{id, trail: [{seq, date, actor, v,
/// prev, event, data}]}`, eight entries: drafted (lead D1), submitted,
/// registered and assigned (office P…), marked key (standing committee),
/// replied (unit U101, class A), feedback given, closed. Loading reads
/// the types, checks the digest chain (each entry's `prev` is the digest
/// of the entry before it, the first's that of the id) and replays the
/// trail (sequence, version, stage); `verify` re-decides every entry by
/// the policy; the head kept apart catches what happens to the last
/// entry. No edit is accepted: a stored trail is a record of what
/// happened, not a setting.
const TRAIL: &[Rule] = &[
    // What does not read as its type.
    ("/**", &[Edit::Rekey], Expect::Refused("loading: ")),
    (
        "/trail/*/v",
        &[Edit::Big, Edit::Max],
        Expect::Refused("loading: invalid value"),
    ),
    ("/trail/*/seq", &[Edit::Max], Expect::By(trail_chain)),
    (
        "/**",
        &[Edit::Max],
        Expect::Refused("loading: invalid value"),
    ),
    (
        "/trail/*/prev",
        &[Edit::Text],
        Expect::Refused("loading: not a digest"),
    ),
    (
        "/trail/*/date",
        &[Edit::Text],
        Expect::Refused("loading: trailing input"),
    ),
    ("/trail/*/data/**", &[Edit::Text], Expect::By(trail_text)),
    (
        "/trail/*/*",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    // The rest: the chain, else `TRAIL_LAST`.
    ("/**", &[], Expect::By(trail_chain)),
];

/// What the chain cannot hold (the trail cut short, the last entry): replay,
/// the rules or the head refuse it.
const TRAIL_LAST: &[Rule] = &[
    (
        "/trail",
        &[Edit::Truncate],
        Expect::Refused("verify: trail entry 7 (`feedback_given`) is not what the rules decide"),
    ),
    (
        "/trail/*/seq",
        &[],
        Expect::Refused("loading: trail entry has sequence number"),
    ),
    (
        "/trail/*/v",
        &[],
        Expect::Refused("which this build cannot read"),
    ),
    ("/trail/*/**", &[], BY_RULES),
];

fn trail_chain(json: &Value, path: &str, edit: Edit) -> Expect {
    if chained(json, "", path, edit) {
        Expect::Refused(BY_CHAIN)
    } else {
        expect_of(TRAIL_LAST, json, path, edit)
    }
}

/// The fate of a text edited in an entry's data: dates no longer read, a
/// verdict is no verdict; a title or a reply class is held by the chain
/// (or, in the last entry, the rules).
fn trail_text(json: &Value, path: &str, edit: Edit) -> Expect {
    match path.rsplit('/').next().unwrap() {
        "title" | "class" => trail_chain(json, path, edit),
        "verdict" => Expect::Refused("loading: unknown variant"),
        _ => Expect::Refused("loading: trailing input"),
    }
}

#[test]
fn suggestion_trail() {
    let original = sample_suggestion();
    let head = original.head();
    let policy = SuggestionPolicy::seed();
    check_rich(
        "suggestion trail",
        &original,
        |json| {
            let s: Suggestion = serde_json::from_str(json).map_err(|e| format!("loading: {e}"))?;
            let v = suggestion::verify(s.state().id, s.trail(), &policy, &WeekendCalendar)
                .map_err(|e| format!("verify: {e}"))?;
            v.expect_head(head).map_err(|e| format!("head: {e}"))
        },
        TRAIL,
    );
}

// ------------------------------------------------------------------ vote

/// The vote session (the sample: election-style rules for one place, more
/// than half of all deputies; projects P1 and P2; deputies D1–D4 with
/// D1–D3 present; three ballots issued). Its stored form is `{rules,
/// candidates, electorate: {members, present}, issued}`; loading runs
/// `Session::new`, which checks the rules, the competition, the quorum and
/// the ballots issued against the deputies present.
const SESSION: &[Rule] = &[
    ("/electorate/**", &[], Expect::By(electorate)),
    ("/**", &[Edit::Rekey], Expect::Refused("field")),
    ("/**", &[Edit::Max], Expect::Refused("invalid value")),
    ("/**/name", &[Edit::Text], LABEL),
    ("/**/category", &[Edit::Text], LABEL),
    ("/**/completion", &[Edit::Text], BAD_DATE),
    ("/**/investment", &[Edit::Text], BAD_DECIMAL),
    (
        "/candidates/*/investment",
        &[],
        Expect::Accepted("a project costing another sum"),
    ),
    (
        "/candidates",
        &[Edit::Duplicate],
        Expect::Refused("project P1 is listed twice"),
    ),
    (
        "/candidates",
        &[Edit::Truncate],
        Expect::Refused("there must be more candidates than places"),
    ),
    (
        "/candidates",
        &[Edit::Reorder],
        Expect::Accepted("the candidates' order is free"),
    ),
    (
        "/candidates/0/id",
        &[Edit::Up],
        Expect::Refused("project P2 is listed twice"),
    ),
    (
        "/candidates/1/id",
        &[Edit::Down],
        Expect::Refused("project P1 is listed twice"),
    ),
    (
        "/candidates/*/id",
        &[],
        Expect::Accepted("a project under another id, still unique"),
    ),
    (
        "/issued",
        &[Edit::Down],
        Expect::Accepted("fewer ballots issued than deputies present"),
    ),
    (
        "/issued",
        &[],
        Expect::Refused("ballots issued but only 3 deputies present"),
    ),
    (
        "/rules/places",
        &[Edit::Down],
        Expect::Refused("`places` must be at least 1"),
    ),
    (
        "/rules/places",
        &[],
        Expect::Refused("there must be more candidates than places"),
    ),
    (
        "/rules/competition/min_surplus",
        &[Edit::Down],
        Expect::Accepted("no surplus of candidates required"),
    ),
    (
        "/rules/competition/min_surplus",
        &[],
        Expect::Refused("surplus candidates; the rules require at least"),
    ),
    (
        "/rules/rating/decimals",
        &[Edit::Big],
        Expect::Refused("`rating.decimals` at most 12"),
    ),
    (
        "/rules/rating/decimals",
        &[],
        Expect::Accepted("ratings shown with another number of decimals"),
    ),
    (
        "/rules/threshold/numerator",
        &[Edit::Big],
        Expect::Refused("`threshold.numerator` must not exceed the denominator"),
    ),
    (
        "/rules/threshold/numerator",
        &[Edit::Up],
        // 1/2 up to 2/2, strict: more than all the deputies.
        Expect::Refused(
            "`threshold.strict` must be false when the numerator equals the denominator",
        ),
    ),
    (
        "/rules/threshold/numerator",
        &[],
        Expect::Accepted("another share of the deputies (0/2, strict: more than none)"),
    ),
    (
        "/rules/threshold/denominator",
        &[Edit::Down],
        // 1/2 down to 1/1, strict: more than all the deputies.
        Expect::Refused(
            "`threshold.strict` must be false when the numerator equals the denominator",
        ),
    ),
    (
        "/rules/threshold/denominator",
        &[],
        Expect::Accepted("another share of the deputies (1/3, 1/4,000,000,000)"),
    ),
    (
        "/rules/**",
        &[Edit::Flip],
        Expect::Accepted(
            "whether blank ballots are valid, whether the threshold is strict: the rules' choice",
        ),
    ),
    (
        "/rules/**",
        &[Edit::Text],
        Expect::Refused("unknown variant"),
    ),
];

/// The fate of an edit of an electorate, alone or in a session: a deputy
/// listed twice, or present without being a member, is refused; another
/// absent member, another present member, or the lists in another order
/// are another electorate. In a session, fewer present than ballots
/// issued is refused.
fn electorate(doc: &Value, path: &str, edit: Edit) -> Expect {
    let in_session = path.starts_with("/electorate");
    let list = |name: &str| -> Vec<u64> {
        let v = if in_session {
            &doc["electorate"][name]
        } else {
            &doc[name]
        };
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap())
            .collect()
    };
    let (mut members, mut present) = (list("members"), list("present"));
    let local = path.trim_start_matches("/electorate");
    let seg: Vec<&str> = local.split('/').collect();
    if seg.len() < 2 {
        return Expect::Refused("unknown field");
    }
    let which = if seg[1] == "members" {
        &mut members
    } else {
        &mut present
    };
    match (seg.len(), edit) {
        (_, Edit::Rekey | Edit::Max) => return Expect::Refused("did not match any variant"),
        (2, Edit::Reorder) => return Expect::Accepted("the lists' order is free"),
        (2, Edit::Duplicate) => return Expect::Refused("is listed twice"),
        (2, Edit::Truncate) => {
            which.pop();
        }
        (3, _) => {
            let i: usize = seg[2].parse().unwrap();
            which[i] = match edit {
                Edit::Up => which[i] + 1,
                Edit::Down => which[i] - 1,
                _ => 4_000_000_000,
            };
            let mut seen = which.clone();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() < which.len() {
                return Expect::Refused("is listed twice");
            }
        }
        _ => return Expect::Refused("no such edit in the sample"),
    }
    if present.iter().any(|d| !members.contains(d)) {
        return Expect::Refused("is listed as present but is not a member");
    }
    if in_session && present.len() < 3 {
        return Expect::Refused("3 ballots issued but only 2 deputies present");
    }
    Expect::Accepted(
        "another electorate: another absent member, another member present, or one absent member fewer",
    )
}

/// A box of two stored ballots (D1 for P1, D2 against P2), cast into a
/// tally of the sample session: `Tally::cast` refuses a voter outside the
/// electorate or voting twice; a ballot it counts invalid is recorded here
/// as refused ("counted invalid").
const BALLOTS: &[Rule] = &[
    (
        "",
        &[Edit::Reorder, Edit::Truncate],
        Expect::Accepted("the box's ballots in another order; a box with one ballot fewer"),
    ),
    ("", &[Edit::Duplicate], Expect::Refused("has already voted")),
    ("/**", &[Edit::Rekey], Expect::Refused("unknown")),
    ("/**", &[Edit::Max], Expect::Refused("invalid value")),
    (
        "/*/choice/marks",
        &[Edit::Duplicate],
        Expect::Refused("counted invalid: Invalid(DuplicateProject"),
    ),
    (
        "/*/choice/marks",
        &[Edit::Truncate],
        Expect::Accepted("a blank ballot, valid under the sample's rules"),
    ),
    (
        "/*/choice/marks/0",
        &[Edit::Duplicate],
        Expect::Refused("trailing characters"),
    ),
    (
        "/*/choice/marks/0",
        &[Edit::Reorder],
        Expect::Refused("invalid type"),
    ),
    (
        "/*/choice/marks/0",
        &[Edit::Truncate],
        Expect::Refused("invalid length"),
    ),
    (
        "/*/choice/marks/0/1",
        &[Edit::Text],
        Expect::Refused("unknown variant"),
    ),
    (
        "/0/choice/marks/0/0",
        &[Edit::Up],
        Expect::Accepted("a mark for P2 instead of P1"),
    ),
    (
        "/1/choice/marks/0/0",
        &[Edit::Down],
        Expect::Accepted("a mark against P1 instead of P2"),
    ),
    (
        "/*/choice/marks/0/0",
        &[],
        Expect::Refused("counted invalid: Invalid(UnknownProject"),
    ),
    (
        "/0/voter",
        &[Edit::Up],
        Expect::Refused("deputy D2 has already voted"),
    ),
    (
        "/1/voter",
        &[Edit::Down],
        Expect::Refused("deputy D1 has already voted"),
    ),
    (
        "/1/voter",
        &[Edit::Up],
        Expect::Accepted("D3, present, cast it instead of D2"),
    ),
    ("/*/voter", &[], Expect::Refused("is not in the electorate")),
];

/// The electorate alone (the sample session's: D1–D4, D1–D3 present):
/// `{members, present}`, or the counts alone.
const ELECTORATE: &[Rule] = &[("/**", &[], Expect::By(electorate))];

#[test]
fn vote_session() {
    let session = vote::samples::session().unwrap();
    check_rich(
        "vote session",
        &session,
        |json| {
            serde_json::from_str::<Session>(json)
                .map(drop)
                .map_err(|e| e.to_string())
        },
        SESSION,
    );
}

#[test]
fn vote_electorate() {
    let session = vote::samples::session().unwrap();
    check_rich(
        "vote electorate",
        session.electorate(),
        |json| {
            serde_json::from_str::<Electorate>(json)
                .map(drop)
                .map_err(|e| e.to_string())
        },
        ELECTORATE,
    );
}

#[test]
fn vote_ballots() {
    let session = vote::samples::session().unwrap();
    let ballots = vec![
        vote::samples::ballot(1, 1, vote::Mark::For),
        vote::samples::ballot(2, 2, vote::Mark::Against),
    ];
    check_rich(
        "vote ballots",
        &ballots,
        |json| {
            let ballots: Vec<Ballot> = serde_json::from_str(json).map_err(|e| e.to_string())?;
            let mut tally = VoteTally::new(&session, BoxNumber(1));
            for b in &ballots {
                let validity = tally.cast(&session, b).map_err(|e| e.to_string())?;
                if !validity.is_valid() {
                    return Err(format!("counted invalid: {validity:?}"));
                }
            }
            Ok(())
        },
        BALLOTS,
    );
}

// ---------------------------------------------------------------- report

/// The seed's 2025 input, cut small: every record list down to its first
/// two records, the register a small sample year's (two A items, one B,
/// one C, one key; one look-back item solved, one open).
fn report_input() -> ReportInput {
    let mut json = serde_json::to_value(seed_data::ordos_2025()).unwrap();
    for (kind, list) in json["records"].as_object_mut().unwrap() {
        if kind != "districts" {
            list.as_array_mut().unwrap().truncate(2);
        }
    }
    // The districts: those the stations and micro projects left lie in.
    let named = named_districts(&json);
    json["records"]["districts"]
        .as_array_mut()
        .unwrap()
        .retain(|d| named.contains(&d["id"].as_u64().unwrap()));
    // The roster: the deputies the records left name (any number in them).
    let mut named = std::collections::BTreeSet::new();
    numbers(&json["records"], &mut named);
    json["deputies"]
        .as_array_mut()
        .unwrap()
        .retain(|d| named.contains(&d["id"].as_u64().unwrap()));
    let mut input: ReportInput = serde_json::from_value(json).unwrap();
    input.register = Some(
        SampleYear::new(2025, [1, 1, 0], 1)
            .unwrap()
            .with_look_back(1, 0)
            .unwrap()
            .register()
            .unwrap(),
    );
    input
}

/// Edits of a trail's last entry that loading a register lets through (no
/// later entry holds its digest, and loading does not re-decide it by the
/// rules): `AnnualReport::build_verified` re-decides every entry by the
/// input's policy.
const REGISTER_LAST_ENTRY: Expect = Expect::Refused("is not what the rules decide");

/// The report's input for 2025 (the seed's year cut small, see
/// [`report_input`]): `{deputies, unit_names, records: {<kind>: [..]},
/// policy, register: {year, suggestions: [{id, trail}]}, suggestions,
/// look_back, evaluations}`. Loading reads it (the policy and the
/// register checked as they load); `AnnualReport::build_verified` (with
/// the weekend calendar the sample register was kept with) re-decides the
/// register's trails by the policy, then `AnnualReport::build` checks the
/// records against the roster and the suggestions against the policy.
const REPORT_INPUT: &[Rule] = &[
    (
        "/register/**/seq",
        &[Edit::Up, Edit::Down, Edit::Big, Edit::Max],
        Expect::By(register_chain),
    ),
    (
        "/unit_names/*",
        &[Edit::Rekey],
        Expect::Accepted("a unit's name under another unit id: names are for display"),
    ),
    ("/unit_names/*", &[Edit::Text], LABEL),
    ("/**", &[Edit::Rekey], Expect::Refused("loading: ")),
    ("/records/**", &[], Expect::By(report_record)),
    ("/deputies/**", &[], Expect::By(report_record)),
    ("/deputies", &[], Expect::By(report_record)),
    (
        "/**",
        &[Edit::Max],
        Expect::Refused("loading: invalid value"),
    ),
    // The suggestion policy: a setting; edits within its rules are another
    // policy, unless the register's replies then name no class.
    ("/policy/name", &[Edit::Text], LABEL),
    ("/policy/**/label_zh", &[Edit::Text], LABEL),
    ("/policy/**/label_en", &[Edit::Text], LABEL),
    (
        "/policy/not_registrable/*/code",
        &[Edit::Text],
        Expect::Accepted("a reason for not registering under another code"),
    ),
    (
        "/policy/*",
        &[Edit::Duplicate],
        Expect::Refused("loading: invalid policy"),
    ),
    (
        "/policy/*",
        &[Edit::Reorder],
        Expect::Accepted("the classes' and reasons' order is free"),
    ),
    (
        "/policy/not_registrable",
        &[Edit::Truncate],
        Expect::Accepted("one reason fewer for not registering"),
    ),
    (
        "/policy/classes",
        &[Edit::Truncate],
        Expect::Accepted("a policy without class C, which no suggestion of the year was given"),
    ),
    (
        "/policy/classes/2/code",
        &[Edit::Text],
        Expect::Accepted("class C renamed: no suggestion of the year was given C"),
    ),
    (
        "/policy/classes/*/code",
        &[Edit::Text],
        Expect::Refused("build: suggestion S"),
    ),
    (
        "/policy/classes/0/*",
        &[Edit::Flip],
        Expect::Refused("loading: invalid policy"),
    ),
    (
        "/policy/classes/1/resolved",
        &[Edit::Flip],
        Expect::Refused("is both resolved and followed up"),
    ),
    (
        "/policy/classes/1/followed_up",
        &[Edit::Flip],
        // B followed up no more: S2, replied B, would have closed unresolved
        // and not followed up; its trail says otherwise.
        BY_RULES,
    ),
    (
        "/policy/classes/*/*",
        &[Edit::Flip],
        Expect::Accepted("another choice of which classes count as resolved or followed up"),
    ),
    (
        "/policy/deadlines/co_views_months",
        &[Edit::Down],
        Expect::Refused("loading: invalid policy"),
    ),
    (
        "/policy/deadlines/rehandling_months",
        &[Edit::Down],
        Expect::Refused("loading: invalid policy"),
    ),
    (
        "/policy/deadlines/reply_months",
        &[Edit::Big],
        Expect::Refused("loading: invalid policy"),
    ),
    (
        "/policy/deadlines/dispute_window_working_days",
        &[Edit::Big],
        Expect::Refused("dispute_window_working_days 4000000000 is more than 250"),
    ),
    // The deadlines and handling choices the register's trails recorded
    // (a reply's due and warning days, the dispute window, the co-units'
    // views, acceptance before a reply): another value is not the policy
    // the register was kept under, and `build_verified` re-decides it.
    (
        "/policy/deadlines/co_views_months",
        &[Edit::Up, Edit::Big],
        BY_RULES,
    ),
    (
        "/policy/deadlines/dispute_window_working_days",
        &[Edit::Up, Edit::Down],
        BY_RULES,
    ),
    (
        "/policy/deadlines/reply_months",
        &[Edit::Up, Edit::Down],
        BY_RULES,
    ),
    (
        "/policy/deadlines/warning_days",
        &[Edit::Up, Edit::Down, Edit::Big],
        BY_RULES,
    ),
    (
        "/policy/handling/acceptance_required",
        &[Edit::Flip],
        BY_RULES,
    ),
    (
        "/policy/*/*",
        &[Edit::Up, Edit::Down, Edit::Big, Edit::Flip],
        Expect::Accepted(
            "other deadlines, weights or handling choices, within the policy's bounds",
        ),
    ),
    (
        "/policy/*",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    (
        "/policy/*/*",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    // The register: its year must be the report's; suggestions unique.
    (
        "/register/year",
        &[Edit::Big],
        Expect::Refused("loading: invalid value"),
    ),
    (
        "/register/year",
        &[],
        Expect::Refused("build: the register counts the year"),
    ),
    (
        "/register/suggestions",
        &[Edit::Duplicate],
        Expect::Refused("is already in the register"),
    ),
    (
        "/register/suggestions",
        &[Edit::Reorder],
        Expect::Accepted("the register keeps its suggestions by id"),
    ),
    (
        "/register/suggestions",
        &[Edit::Truncate],
        Expect::Accepted("a register without its last item (nothing names it)"),
    ),
    // Each suggestion's trail, as in `suggestion_trail`: first what does
    // not read as its type, then the digest chain, then `REGISTER_LAST`.
    (
        "/register/**/v",
        &[Edit::Big],
        Expect::Refused("loading: invalid value"),
    ),
    (
        "/register/**/prev",
        &[Edit::Text],
        Expect::Refused("loading: not a digest"),
    ),
    (
        "/register/**/verdict",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    (
        "/register/suggestions/*/trail/*/event",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    (
        "/register/suggestions/*/trail/*/actor",
        &[Edit::Text],
        Expect::Refused("loading: unknown variant"),
    ),
    (
        "/register/**/title",
        &[Edit::Text],
        Expect::By(register_chain),
    ),
    (
        "/register/**/class",
        &[Edit::Text],
        Expect::By(register_chain),
    ),
    (
        "/register/**",
        &[Edit::Text],
        Expect::Refused("loading: trailing input"),
    ),
    ("/register/**", &[], Expect::By(register_chain)),
];

/// What the chain cannot hold in a register's trails: a trail cut short,
/// the last entry of a trail.
const REGISTER_LAST: &[Rule] = &[
    (
        "/register/suggestions/2/trail",
        &[Edit::Truncate],
        Expect::Accepted(
            "a trail cut at its last entry (S250000's follow-up reply, one command) is the \
             suggestion as it stood the step before: only a head kept apart tells (the \
             register keeps none)",
        ),
    ),
    (
        "/register/**/trail",
        &[Edit::Truncate],
        // S1 and S2 end with feedback, which closes the item: one command
        // records both entries, and the trail cut between them is not what
        // the rules decide.
        Expect::Refused("the rules record 2 entries here, and the trail ends first"),
    ),
    (
        "/register/**/seq",
        &[],
        Expect::Refused("loading: trail entry has sequence number"),
    ),
    (
        "/register/**/v",
        &[],
        Expect::Refused("which this build cannot read"),
    ),
    (
        "/register/**/class",
        &[Edit::Text],
        // A look-back item's too (received in an earlier year, not counted):
        // `build_verified` re-decides it (`build` checks every class the
        // register's trails record against the policy's).
        Expect::Refused("is not one of the policy's"),
    ),
    (
        "/register/suggestions/2/trail/6/data/follow_up",
        &[Edit::Flip],
        Expect::Refused("cannot happen to a suggestion"),
    ),
    ("/register/**", &[], REGISTER_LAST_ENTRY),
];

/// A register's suggestion at `path`: refused by the chain where an edit
/// changes a digest a later entry holds, else as `REGISTER_LAST` says.
fn register_chain(json: &Value, path: &str, edit: Edit) -> Expect {
    let prefix: String = path.split('/').take(4).collect::<Vec<_>>().join("/");
    if prefix.starts_with("/register/suggestions/") && chained(json, &prefix, path, edit) {
        Expect::Refused(BY_CHAIN)
    } else {
        expect_of(REGISTER_LAST, json, path, edit)
    }
}

/// Record kinds whose ids are `u32` (the others' are `u64`).
const U32_IDS: &[&str] = &[
    "districts",
    "livelihood",
    "micro_projects",
    "stations",
    "streets",
];
/// Fields that name deputies on the roster.
const DEPUTY_FIELDS: &[&str] = &[
    "deputy",
    "deputies",
    "attendees",
    "participants",
    "mediators",
];

/// The fate of an edit of the roster or of a record: ids unique within
/// their kind, deputies named on the roster and not twice in one record;
/// counts, other references, flags and amounts are the record's facts.
fn report_record(doc: &Value, path: &str, edit: Edit) -> Expect {
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    let refused = Expect::Refused("build: invalid input");
    let roster: Vec<u64> = doc["deputies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    let moved = |old: u64| match edit {
        Edit::Up => old + 1,
        Edit::Down => old - 1,
        _ => 4_000_000_000,
    };
    if seg[0] == "deputies" {
        return match (seg.len(), edit) {
            (1, Edit::Duplicate) => Expect::Refused("build: invalid input: roster"),
            (1, _) => Expect::Accepted(
                "the roster's order is free; the last deputy is named by no record",
            ),
            (3, Edit::Text) if seg[2] == "name" => LABEL,
            (3, Edit::Text) => Expect::Refused("loading: unknown variant"),
            (3, Edit::Max) => Expect::Refused("loading: invalid value"),
            _ => {
                let old = doc.pointer(path).unwrap().as_u64().unwrap();
                let mut named = std::collections::BTreeSet::new();
                named_deputies(&doc["records"], &mut named);
                if roster.contains(&moved(old)) || named.contains(&old) {
                    refused
                } else {
                    Expect::Accepted("a deputy no record names, under another id")
                }
            }
        };
    }
    let (kind, list) = (seg[1], doc["records"][seg[1]].as_array().unwrap());
    let districts = named_districts(doc);
    if seg.len() == 2 {
        let last_named = list
            .last()
            .and_then(|r| r["id"].as_u64())
            .is_some_and(|id| kind == "districts" && districts.contains(&id));
        return match edit {
            Edit::Duplicate if kind == "grids" => {
                Expect::Refused("build: invalid input: grid assignment #2: the same record as #0")
            }
            Edit::Duplicate if kind == "liaison" => {
                Expect::Refused("build: invalid input: liaison pair #2: the same record as #0")
            }
            Edit::Duplicate => refused,
            Edit::Truncate if last_named => Expect::Refused("is not among the districts"),
            _ => Expect::Accepted("the records' order is free; a year with one record fewer"),
        };
    }
    let field = seg[3];
    let value = doc.pointer(path).unwrap();
    match (edit, value) {
        (Edit::Flip, _) => Expect::Accepted("a yes/no fact of the record"),
        (Edit::Text, Value::String(s)) if s.len() == 10 && s.as_bytes()[4] == b'-' => BAD_DATE,
        (Edit::Text, Value::String(s)) if tamper_decimal(s) => {
            Expect::Refused("loading: invalid value")
        }
        (Edit::Text, _) => Expect::Refused("loading: unknown variant"),
        (Edit::Up | Edit::Down, Value::String(_)) => Expect::Accepted("another amount"),
        (Edit::Duplicate, _) => refused,
        (Edit::Reorder, _) => Expect::Accepted("the names' order is free"),
        (Edit::Truncate, Value::Array(a)) if a.len() == 1 => refused,
        (Edit::Truncate, _) => Expect::Accepted("a record naming one deputy fewer"),
        (Edit::Max, _) if field == "id" && !U32_IDS.contains(&kind) => {
            Expect::Accepted("another record id, still unique (these ids are u64)")
        }
        (Edit::Max, _) => Expect::Refused("loading: invalid value"),
        (_, Value::Number(n)) if field == "id" => {
            let new = moved(n.as_u64().unwrap());
            if list.iter().any(|r| r["id"].as_u64() == Some(new)) {
                refused
            } else if kind == "districts" && districts.contains(&n.as_u64().unwrap()) {
                Expect::Refused("is not among the districts")
            } else {
                Expect::Accepted("another record id, still unique")
            }
        }
        (_, Value::Number(n)) if DEPUTY_FIELDS.contains(&field) => {
            let new = moved(n.as_u64().unwrap());
            let in_record = seg.len() == 5
                && doc
                    .pointer(&format!("/records/{kind}/{}/{field}", seg[2]))
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d.as_u64() == Some(new));
            if !roster.contains(&new) || in_record {
                refused
            } else {
                Expect::Accepted("the record names another deputy on the roster")
            }
        }
        (_, Value::Number(n)) if field == "district" => {
            let listed = doc["records"]["districts"].as_array().unwrap();
            if listed
                .iter()
                .any(|d| d["id"].as_u64() == Some(moved(n.as_u64().unwrap())))
            {
                Expect::Accepted("the record lies in another district of the list")
            } else {
                Expect::Refused("is not among the districts")
            }
        }
        _ => Expect::Accepted(
            "a count, or a reference to what the records do not list (a grid, a committee member)",
        ),
    }
}

/// Whether `s` reads as a decimal.
fn tamper_decimal(s: &str) -> bool {
    s.parse::<rust_decimal::Decimal>().is_ok()
}

#[test]
fn report_input_2025() {
    let input = report_input();
    let year = Period::year(2025).unwrap();
    check_rich(
        "report input",
        &input,
        |json| {
            let input: ReportInput =
                serde_json::from_str(json).map_err(|e| format!("loading: {e}"))?;
            AnnualReport::build_verified(&input, year, ReportOptions::default(), &WeekendCalendar)
                .map(drop)
                .map_err(|e| format!("build: {e}"))
        },
        REPORT_INPUT,
    );
}

/// The districts the stations and micro projects of `doc` (a report
/// input) lie in.
fn named_districts(doc: &Value) -> std::collections::BTreeSet<u64> {
    ["stations", "micro_projects"]
        .iter()
        .flat_map(|k| doc["records"][k].as_array().unwrap())
        .map(|r| r["district"].as_u64().unwrap())
        .collect()
}

/// Every whole number in `v`.
fn numbers(v: &Value, out: &mut std::collections::BTreeSet<u64>) {
    match v {
        Value::Number(n) => out.extend(n.as_u64()),
        Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        Value::Object(m) => m.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

/// Every deputy the records in `v` name (the numbers under a deputy field).
fn named_deputies(v: &Value, out: &mut std::collections::BTreeSet<u64>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| named_deputies(x, out)),
        Value::Object(m) => {
            for (k, x) in m {
                if DEPUTY_FIELDS.contains(&k.as_str()) {
                    numbers(x, out);
                } else {
                    named_deputies(x, out);
                }
            }
        }
        _ => {}
    }
}

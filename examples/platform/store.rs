//! The platform's storage and its calls into the engines: the tables, a
//! generated year loaded in one transaction, and the queries that stream
//! the records back into the engines. Shared by `examples/platform.rs` and
//! `tests/platform.rs` through `#[path]`.
//!
//! What a row holds is what the crate's types hold: an act's every field
//! (its detail as the JSON of [`ActDetail`]), a trail entry's every field
//! (its actor and its event's data as JSON, the rest as columns), a
//! ballot's every mark. Reading a row back checks it as the crate's serde
//! form would: an unknown kind, claim or qualifier is an error naming the
//! row, never a silent default.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use deputy_work::common::{DeputyId, ProjectId, RecordId, SuggestionId, WeekendCalendar};
use deputy_work::points::{
    Act, ActDetail, ActKind, Claim, Qualifier, Qualifiers, Scorer, StandardKind, Tally,
};
use deputy_work::suggestion::{
    self, Digest, Policy as SuggestionPolicy, Register, Suggestion, SuggestionError, TrailEntry,
    Verified, samples::SampleYear,
};
use deputy_work::vote::{
    self, Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Session, samples,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The platform's errors: the database's, or a row the engines refuse.
pub(crate) type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The tables. Dates are ISO text (`2025-03-05`), as SQLite's date
/// functions read them; JSON columns hold the crate's serde form.
pub(crate) const SCHEMA: &str = "
CREATE TABLE deputies (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL
);
CREATE TABLE acts (
    id          INTEGER PRIMARY KEY,
    deputy      INTEGER NOT NULL REFERENCES deputies(id),
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL,   -- `attend_meeting`, …, or `local:N`
    claim       TEXT NOT NULL,   -- pending / verified / rejected
    quantity    INTEGER NOT NULL,
    qualifiers  TEXT NOT NULL,   -- codes separated by spaces, '' for none
    detail      TEXT             -- JSON of ActDetail (role, item, share, value, correction) or NULL
);
CREATE TABLE suggestions (
    id     INTEGER PRIMARY KEY,
    title  TEXT,
    head   TEXT NOT NULL         -- digest of the last trail entry, kept apart from the trail
);
CREATE TABLE trail (
    suggestion  INTEGER NOT NULL REFERENCES suggestions(id),
    seq         INTEGER NOT NULL,
    date        TEXT NOT NULL,
    time        TEXT,
    actor       TEXT NOT NULL,   -- JSON, e.g. {\"unit\":104}
    v           INTEGER NOT NULL,
    prev        TEXT NOT NULL,   -- digest of the entry before
    event       TEXT NOT NULL,   -- the event's stable name
    data        TEXT,            -- JSON of the event's data, or NULL
    PRIMARY KEY (suggestion, seq)
) WITHOUT ROWID;
CREATE TABLE ballots (
    voter  INTEGER PRIMARY KEY REFERENCES deputies(id),
    box    INTEGER NOT NULL
);
CREATE TABLE ballot_marks (
    voter    INTEGER NOT NULL REFERENCES ballots(voter),
    project  INTEGER NOT NULL,
    mark     TEXT NOT NULL,      -- for / against / abstain
    PRIMARY KEY (voter, project)
) WITHOUT ROWID;
";

/// The size of the generated year.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    /// Deputies, numbered from 1.
    pub(crate) deputies: u32,
    /// Duty acts per deputy, on average.
    pub(crate) acts_each: u32,
}

impl Plan {
    /// Every act of the year.
    pub(crate) fn acts(self) -> u64 {
        u64::from(self.deputies) * u64::from(self.acts_each)
    }
}

/// The vote: the county's 327 deputies (the platform's first 327), 314
/// present, 12 candidates from `vote::samples` for 10 places.
pub(crate) const VOTERS: u32 = 327;
/// Deputies present at the vote.
pub(crate) const PRESENT: u32 = 314;
/// Places to fill.
pub(crate) const PLACES: u32 = 10;

/// What the load wrote, table by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Loaded {
    pub(crate) deputies: u64,
    pub(crate) acts: u64,
    pub(crate) suggestions: u64,
    pub(crate) trail_entries: u64,
    pub(crate) ballots: u64,
    pub(crate) marks: u64,
}

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN_1: [&str; 20] = [
    "建", "国", "志", "文", "海", "晓", "红", "明", "春", "玉", "德", "秀", "永", "金", "丽", "立",
    "雪", "宏", "新", "振",
];
const GIVEN_2: [&str; 20] = [
    "华", "平", "军", "英", "芳", "伟", "强", "敏", "梅", "峰", "兰", "刚", "霞", "涛", "燕", "斌",
    "琴", "辉", "云", "杰",
];

/// Deputy `id`'s generated name: a surname and a two-character given
/// name, different for every id up to 8,000.
pub(crate) fn deputy_name(id: u32) -> String {
    let i = id.wrapping_sub(1) as usize;
    let pick = |list: &[&'static str; 20], n: usize| list.get(n % 20).copied().unwrap_or("某");
    format!(
        "{}{}{}",
        pick(&SURNAMES, i),
        pick(&GIVEN_1, i / 20),
        pick(&GIVEN_2, i / 400)
    )
}

/// The kinds a deputy does, per thousand acts that are neither an absence
/// nor leave. Duty reports are rare (one a year, for about half).
const KINDS: [(ActKind, u64); 11] = [
    (ActKind::Standard(StandardKind::AttendMeeting), 250),
    (ActKind::Standard(StandardKind::SpeakInDeliberation), 100),
    (ActKind::Standard(StandardKind::SubmitSuggestion), 80),
    (ActKind::Standard(StandardKind::Inspection), 60),
    (ActKind::Standard(StandardKind::Research), 60),
    (ActKind::Standard(StandardKind::LawEnforcementCheck), 40),
    (ActKind::Standard(StandardKind::Training), 100),
    (ActKind::Standard(StandardKind::ContactPublic), 170),
    (ActKind::Standard(StandardKind::DutyReport), 3),
    (ActKind::Standard(StandardKind::Mediation), 45),
    (ActKind::Local(1), 92),
];

/// How often deputy `d` is absent or on leave, per thousand acts: 0 to
/// 349, most deputies near 0 (the square of a uniform draw).
fn absence_permille(d: DeputyId) -> u64 {
    let h = u64::from(d.get()).wrapping_mul(0x9E37_79B9) % 1000;
    h * h * 35 / 100_000
}

/// The year's acts, generated one at a time (never held together): ids in
/// recording order, deputies interleaved, claims (5% pending, 5% rejected),
/// quantities and dates pseudo-random from a fixed seed (the xorshift of
/// `benches/points.rs`). Each deputy is absent or on leave at their own
/// rate ([`absence_permille`]), so the totals spread over the bands; the
/// other acts follow [`KINDS`]. Suggestions carry `lead` or `co_signer`
/// and, one in four, `key_suggestion`; meetings name the meeting
/// (`detail.item`), so every column is exercised.
pub(crate) fn acts(plan: Plan) -> impl Iterator<Item = Act> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let deputies = u64::from(plan.deputies.max(1));
    let q = |code| Qualifier::new(code).ok();
    let (lead, co_signer, key) = (q("lead"), q("co_signer"), q("key_suggestion"));
    (0..plan.acts()).map(move |i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let r = state;
        let deputy = DeputyId::new(u32::try_from(r % deputies).unwrap_or(0) + 1);
        let kind = if (r >> 16) % 1000 < absence_permille(deputy) {
            if (r >> 26).is_multiple_of(2) {
                ActKind::Standard(StandardKind::Absence)
            } else {
                ActKind::Standard(StandardKind::Leave)
            }
        } else {
            let mut pick = (r >> 27) % 1000;
            KINDS
                .iter()
                .find(|(_, weight)| {
                    let here = pick < *weight;
                    pick = pick.saturating_sub(*weight);
                    here
                })
                .map_or(ActKind::Local(1), |(kind, _)| *kind)
        };
        let claim = match (r >> 37) % 20 {
            0 => Claim::Pending,
            1 => Claim::Rejected,
            _ => Claim::Verified,
        };
        let day = (r >> 42) % 365;
        let mut act = Act::new(RecordId::new(i + 1), deputy, start + Days::new(day), kind)
            .with_claim(claim)
            .with_quantity(u32::try_from((r >> 51) % 3).unwrap_or(0) + 1);
        match kind {
            ActKind::Standard(StandardKind::SubmitSuggestion) => {
                let role = if (r >> 53).is_multiple_of(3) {
                    lead
                } else {
                    co_signer
                };
                let extra = (r >> 55).is_multiple_of(4).then_some(key).flatten();
                act.qualifiers = role.into_iter().chain(extra).collect();
            }
            ActKind::Standard(StandardKind::AttendMeeting) => {
                act = act.with_item(day / 30 + 1);
            }
            _ => {}
        }
        act
    })
}

/// The livelihood vote's session: the sample candidates, deputies 1–327,
/// 1–314 present, 314 ballots issued, election-style rules for 10 places.
pub(crate) fn vote_session() -> Res<Session> {
    Ok(Session::new(
        vote::Policy::election_style(PLACES)?,
        samples::candidates(samples::PROJECT_COUNT)?,
        Electorate::new(
            (1..=VOTERS).map(DeputyId::new),
            (1..=PRESENT).map(DeputyId::new),
        )?,
        BallotsIssued(PRESENT),
    )?)
}

/// The 314 ballots, generated as in `examples/livelihood_vote.rs`: each
/// deputy scores the projects (appeal + noise), marks the top eight to ten
/// "for", the least liked "against", and abstains on the rest; deputy 77
/// marks eleven "for" (an invalid ballot).
pub(crate) fn ballots() -> impl Iterator<Item = Ballot> {
    let appeal: [u64; 12] = [900, 870, 860, 840, 800, 780, 760, 700, 640, 560, 420, 380];
    let mut lcg = 2025_u64;
    let mut next = move || {
        lcg = lcg
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        lcg >> 33
    };
    (1..=PRESENT).map(move |voter| {
        let mut scored: Vec<(u64, u32)> = (1..)
            .zip(appeal)
            .map(|(p, a)| (a + next() % 700, p))
            .collect();
        scored.sort_unstable_by(|a, b| b.cmp(a));
        let fors = if voter == 77 { 11 } else { 8 + next() % 3 };
        let marks = (0_u64..)
            .zip(&scored)
            .map(|(i, &(_, p))| {
                let mark = if i < fors {
                    Mark::For
                } else if i == 11 {
                    Mark::Against
                } else {
                    Mark::Abstain
                };
                (ProjectId::new(p), mark)
            })
            .collect();
        Ballot::new(DeputyId::new(voter), Choice::Marks(marks))
    })
}

/// Opens the database: in `file` (replaced if it exists; SQLite's default
/// journal and synchronous settings) or in memory.
pub(crate) fn open(file: Option<&std::path::Path>) -> Res<Connection> {
    let conn = match file {
        Some(path) => {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
            Connection::open(path)?
        }
        None => Connection::open_in_memory()?,
    };
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Creates the tables and loads the generated year in one transaction with
/// prepared statements (nothing is written if any of it fails): the
/// deputies, their acts, the sample year's suggestions (every command
/// decided by the engine, its new trail entries appended as a platform
/// appends them) and the vote's ballots.
pub(crate) fn load(conn: &mut Connection, plan: Plan) -> Res<Loaded> {
    if plan.deputies < VOTERS {
        return Err(format!(
            "the vote needs deputies 1–{VOTERS}; the plan has {}",
            plan.deputies
        )
        .into());
    }
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let mut loaded = Loaded::default();
    {
        let mut insert = tx.prepare("INSERT INTO deputies (id, name) VALUES (?1, ?2)")?;
        for id in 1..=plan.deputies {
            insert.execute(params![id, deputy_name(id)])?;
            loaded.deputies += 1;
        }
    }
    loaded.acts = store_acts(&tx, acts(plan))?;
    let (suggestions, entries) = store_suggestions(&tx)?;
    (loaded.suggestions, loaded.trail_entries) = (suggestions, entries);
    let (ballots, marks) = store_ballots(&tx, ballots())?;
    (loaded.ballots, loaded.marks) = (ballots, marks);
    tx.commit()?;
    Ok(loaded)
}

/// Writes acts, one row each; returns how many.
pub(crate) fn store_acts(tx: &Transaction<'_>, acts: impl Iterator<Item = Act>) -> Res<u64> {
    let mut insert = tx.prepare(
        "INSERT INTO acts (id, deputy, date, kind, claim, quantity, qualifiers, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let (mut date, mut kind, mut qualifiers) = (String::new(), String::new(), String::new());
    let mut n = 0_u64;
    for act in acts {
        date.clear();
        write!(date, "{}", act.date)?;
        kind.clear();
        write!(kind, "{}", act.kind)?;
        qualifiers.clear();
        for (i, q) in act.qualifiers.iter().enumerate() {
            if i > 0 {
                qualifiers.push(' ');
            }
            qualifiers.push_str(q.code().as_str());
        }
        let detail = act
            .detail
            .as_deref()
            .map(serde_json::to_string)
            .transpose()?;
        insert.execute(params![
            i64::try_from(act.id.get())?,
            act.deputy.get(),
            date,
            kind,
            act.claim.code(),
            act.quantity,
            qualifiers,
            detail,
        ])?;
        n += 1;
    }
    Ok(n)
}

/// Reads one `acts` row (the columns in table order) back into an act.
pub(crate) fn act_from_row(row: &rusqlite::Row<'_>) -> Res<Act> {
    let id = RecordId::new(u64::try_from(row.get::<_, i64>(0)?)?);
    let bad = |what: &str, text: &str| format!("act {id}: {what} `{text}`");
    let date_text = row.get_ref(2)?.as_str()?;
    let date: NaiveDate = date_text.parse().map_err(|_| bad("bad date", date_text))?;
    let kind: ActKind = row.get_ref(3)?.as_str()?.parse()?;
    let claim_text = row.get_ref(4)?.as_str()?;
    let claim = Claim::from_code(claim_text).ok_or_else(|| bad("unknown claim", claim_text))?;
    let mut act = Act::new(id, DeputyId::new(row.get(1)?), date, kind)
        .with_claim(claim)
        .with_quantity(row.get(5)?);
    act.qualifiers = row
        .get_ref(6)?
        .as_str()?
        .split_ascii_whitespace()
        .map(Qualifier::new)
        .collect::<Result<Qualifiers, _>>()?;
    act.detail = row
        .get_ref(7)?
        .as_str_or_null()?
        .map(serde_json::from_str::<ActDetail>)
        .transpose()?
        .map(Box::new);
    act.check()?;
    Ok(act)
}

/// Streams every act, by id, from the database into `tally`, one row at a
/// time (nothing is collected); returns how many rows were read.
pub(crate) fn tally_acts(conn: &Connection, scorer: &Scorer<'_>, tally: &mut Tally) -> Res<u64> {
    let mut select = conn.prepare(
        "SELECT id, deputy, date, kind, claim, quantity, qualifiers, detail \
         FROM acts ORDER BY id",
    )?;
    let mut rows = select.query([])?;
    let mut n = 0_u64;
    while let Some(row) = rows.next()? {
        scorer.add(tally, &act_from_row(row)?)?;
        n += 1;
    }
    Ok(n)
}

/// The names of the deputies asked for.
pub(crate) fn names(
    conn: &Connection,
    ids: impl IntoIterator<Item = DeputyId>,
) -> Res<BTreeMap<DeputyId, String>> {
    let mut select = conn.prepare_cached("SELECT name FROM deputies WHERE id = ?1")?;
    let mut out = BTreeMap::new();
    for id in ids {
        if let Some(name) = select
            .query_row([id.get()], |r| r.get::<_, String>(0))
            .optional()?
        {
            out.insert(id, name);
        }
    }
    Ok(out)
}

/// Drives the sample year (`suggestion::samples`, 181 suggestions and the
/// look-back's items) through the engine command by command and appends
/// each command's new entries to `trail`, keeping the head in
/// `suggestions`. Returns (suggestions, entries).
fn store_suggestions(tx: &Transaction<'_>) -> Res<(u64, u64)> {
    let policy = SuggestionPolicy::seed();
    let mut insert = tx.prepare("INSERT INTO suggestions (id, title, head) VALUES (?1, ?2, ?3)")?;
    let mut update = tx.prepare("UPDATE suggestions SET title = ?2, head = ?3 WHERE id = ?1")?;
    let mut append = tx.prepare(
        "INSERT INTO trail (suggestion, seq, date, time, actor, v, prev, event, data) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let (mut items, mut entries) = (0_u64, 0_u64);
    for (id, commands) in SampleYear::ORDOS_2025.commands()? {
        let mut s = Suggestion::new(id);
        insert.execute(params![id.get(), None::<String>, s.head().to_string()])?;
        for command in &commands {
            let before = s.trail().len();
            s.handle(command, &policy, &WeekendCalendar)?;
            for entry in s.trail().get(before..).unwrap_or_default() {
                append_entry(&mut append, id, entry)?;
                entries += 1;
            }
            update.execute(params![id.get(), s.title(), s.head().to_string()])?;
        }
        items += 1;
    }
    Ok((items, entries))
}

/// A trail entry's columns: its serde form taken apart.
fn append_entry(
    append: &mut rusqlite::Statement<'_>,
    id: SuggestionId,
    entry: &TrailEntry,
) -> Res<()> {
    let serde_json::Value::Object(mut m) = serde_json::to_value(entry)? else {
        return Err("a trail entry is a JSON object".into());
    };
    let mut take = |k: &str| m.remove(k);
    let text = |v: Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
        None => None,
    };
    let (seq, date, time, actor) = (take("seq"), take("date"), take("time"), take("actor"));
    let (v, prev, event, data) = (take("v"), take("prev"), take("event"), take("data"));
    if !m.is_empty() {
        return Err(format!("trail entry {}: columns missing for {m:?}", entry.seq).into());
    }
    append.execute(params![
        id.get(),
        seq.and_then(|v| v.as_i64()),
        text(date),
        text(time),
        actor.map(|a| a.to_string()),
        v.and_then(|v| v.as_i64()),
        text(prev),
        text(event),
        data.map(|d| d.to_string()),
    ])?;
    Ok(())
}

/// Suggestion `id`'s stored trail, by sequence number, and its stored head.
pub(crate) fn stored_trail(conn: &Connection, id: SuggestionId) -> Res<(Vec<TrailEntry>, Digest)> {
    let head: String = conn.query_row(
        "SELECT head FROM suggestions WHERE id = ?1",
        [id.get()],
        |r| r.get(0),
    )?;
    let mut select = conn.prepare_cached(
        "SELECT seq, date, time, actor, v, prev, event, data FROM trail \
         WHERE suggestion = ?1 ORDER BY seq",
    )?;
    let mut rows = select.query([id.get()])?;
    let mut trail = Vec::new();
    while let Some(row) = rows.next()? {
        trail.push(entry_from_row(row, 0)?);
    }
    Ok((trail, head.parse()?))
}

/// Reloads suggestion `id`'s trail and verifies it: the digest chain, every
/// entry re-decided under the policy, and the head kept apart. The outer
/// error is the database's; the inner one is the verification's verdict.
pub(crate) fn verify_stored(
    conn: &Connection,
    id: SuggestionId,
) -> Res<Result<Verified, SuggestionError>> {
    let (trail, head) = stored_trail(conn, id)?;
    Ok(
        suggestion::verify(id, &trail, &SuggestionPolicy::seed(), &WeekendCalendar)
            .and_then(|v| v.expect_head(head).map(|()| v)),
    )
}

/// Verifies every stored trail; returns how many verified, and the first
/// that did not with its error.
pub(crate) fn verify_all(conn: &Connection) -> Res<(u64, Option<(SuggestionId, SuggestionError)>)> {
    let mut select = conn.prepare("SELECT id FROM suggestions ORDER BY id")?;
    let ids: Vec<u32> = select
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut ok = 0_u64;
    for id in ids.into_iter().map(SuggestionId::new) {
        match verify_stored(conn, id)? {
            Ok(_) => ok += 1,
            Err(e) => return Ok((ok, Some((id, e)))),
        }
    }
    Ok((ok, None))
}

/// The register as it stood on `as_of`: every trail's entries dated on or
/// before it, streamed by suggestion and sequence number, each trail
/// replayed (one trail in memory at a time).
pub(crate) fn register_as_of(conn: &Connection, year: i32, as_of: NaiveDate) -> Res<Register> {
    let mut select = conn.prepare(
        "SELECT suggestion, seq, date, time, actor, v, prev, event, data FROM trail \
         WHERE date <= ?1 ORDER BY suggestion, seq",
    )?;
    let mut rows = select.query([as_of.to_string()])?;
    let mut register = Register::new(year);
    let mut current: Option<(SuggestionId, Vec<TrailEntry>)> = None;
    let mut finish = |item: Option<(SuggestionId, Vec<TrailEntry>)>| -> Res<()> {
        if let Some((id, trail)) = item {
            register.insert(Suggestion::replay(id, trail)?)?;
        }
        Ok(())
    };
    while let Some(row) = rows.next()? {
        let id = SuggestionId::new(row.get(0)?);
        let entry = entry_from_row(row, 1)?;
        match &mut current {
            Some((at, trail)) if *at == id => trail.push(entry),
            _ => finish(current.replace((id, vec![entry])))?,
        }
    }
    finish(current)?;
    Ok(register)
}

/// A `trail` row's columns seq, date, time, actor, v, prev, event, data
/// (from column `first` on) back into an entry, through its serde form,
/// which checks it.
fn entry_from_row(row: &rusqlite::Row<'_>, first: usize) -> Res<TrailEntry> {
    use serde_json::Value;
    let col = |i: usize| first + i;
    let mut m = serde_json::Map::new();
    m.insert("seq".into(), Value::from(row.get::<_, i64>(col(0))?));
    m.insert("date".into(), Value::from(row.get::<_, String>(col(1))?));
    if let Some(time) = row.get::<_, Option<String>>(col(2))? {
        m.insert("time".into(), Value::from(time));
    }
    let actor = row.get_ref(col(3))?.as_str()?;
    m.insert("actor".into(), serde_json::from_str(actor)?);
    m.insert("v".into(), Value::from(row.get::<_, i64>(col(4))?));
    m.insert("prev".into(), Value::from(row.get::<_, String>(col(5))?));
    m.insert("event".into(), Value::from(row.get::<_, String>(col(6))?));
    if let Some(data) = row.get_ref(col(7))?.as_str_or_null()? {
        m.insert("data".into(), serde_json::from_str(data)?);
    }
    Ok(serde_json::from_value(Value::Object(m))?)
}

/// Writes ballots (box 1), one row each and one row per mark; returns
/// (ballots, marks).
pub(crate) fn store_ballots(
    tx: &Transaction<'_>,
    ballots: impl Iterator<Item = Ballot>,
) -> Res<(u64, u64)> {
    let mut insert = tx.prepare("INSERT INTO ballots (voter, box) VALUES (?1, 1)")?;
    let mut mark =
        tx.prepare("INSERT INTO ballot_marks (voter, project, mark) VALUES (?1, ?2, ?3)")?;
    let (mut n, mut m) = (0_u64, 0_u64);
    for ballot in ballots {
        let Choice::Marks(marks) = &ballot.choice else {
            return Err(format!(
                "ballot of {}: the vote is for / against / abstain",
                ballot.voter
            )
            .into());
        };
        insert.execute([ballot.voter.get()])?;
        for (project, how) in marks {
            mark.execute(params![ballot.voter.get(), project.get(), how.code()])?;
            m += 1;
        }
        n += 1;
    }
    Ok((n, m))
}

/// Streams the ballots back from the database (one ballot in memory at a
/// time, its marks by project) into a tally of box 1.
pub(crate) fn tally_ballots(conn: &Connection, session: &Session) -> Res<vote::Tally> {
    let mut select = conn.prepare(
        "SELECT b.voter, m.project, m.mark FROM ballots b \
         LEFT JOIN ballot_marks m ON m.voter = b.voter ORDER BY b.voter, m.project",
    )?;
    let mut rows = select.query([])?;
    let mut tally = vote::Tally::new(session, BoxNumber(1));
    let mut current: Option<(DeputyId, Vec<(ProjectId, Mark)>)> = None;
    let cast =
        |tally: &mut vote::Tally, item: Option<(DeputyId, Vec<(ProjectId, Mark)>)>| -> Res<()> {
            if let Some((voter, marks)) = item {
                tally.cast(session, &Ballot::new(voter, Choice::Marks(marks)))?;
            }
            Ok(())
        };
    while let Some(row) = rows.next()? {
        let voter = DeputyId::new(row.get(0)?);
        let mark = match row.get::<_, Option<u32>>(1)? {
            Some(p) => {
                let text = row.get_ref(2)?.as_str()?;
                let how = Mark::from_code(text)
                    .ok_or_else(|| format!("ballot of {voter}: unknown mark `{text}`"))?;
                Some((ProjectId::new(p), how))
            }
            None => None,
        };
        match &mut current {
            Some((at, marks)) if *at == voter => marks.extend(mark),
            _ => {
                let next = (voter, mark.into_iter().collect());
                cast(&mut tally, current.replace(next))?;
            }
        }
    }
    cast(&mut tally, current)?;
    Ok(tally)
}

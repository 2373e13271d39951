//! A small platform on SQLite: the crate is pure, so the records live in a
//! database and the platform streams them into the engines.
//!
//! ```sh
//! cargo run --release --example platform                  # in-memory database
//! cargo run --release --example platform -- --db year.db  # kept in year.db (replaced)
//! ```
//!
//! 1. Creates the tables (`examples/platform/store.rs`: deputies, duty acts
//!    with every field of an act, suggestions with their heads, one trail
//!    row per event, ballots and their marks) and loads a generated year in
//!    one transaction with prepared statements: 5,000 deputies with
//!    generated names, 1,000,000 duty acts (200 each on average,
//!    pseudo-random from a fixed seed, each deputy absent or on leave at
//!    their own rate, so the totals spread over the bands), the 311 items
//!    of the sample suggestion year (`suggestion::samples`: 181
//!    suggestions and the look-back's), every command decided by the
//!    engine and its entries appended as it was decided, and the 314
//!    ballots of a livelihood vote on the 12 sample projects
//!    (`vote::samples`).
//! 2. Streams the acts from `SELECT … ORDER BY id`, row by row, into the
//!    points scorer (`Scorer::add`, one act at a time, none collected),
//!    makes the scorecard and prints the top 10 and the bottom 5 with
//!    their names, and how many deputies are in each band.
//! 3. Reloads every suggestion's trail from its rows and verifies it (the
//!    digest chain, every entry re-decided under the policy, the head kept
//!    apart); then edits rows as someone with database access might (a
//!    date; a replying unit, with every digest and the head recomputed; the
//!    last step's entries deleted), shows the typed error each edit gets on
//!    reload (in Chinese and English), and rolls the edits back, so a kept
//!    database holds the year as decided.
//! 4. Prints the docket of overdue suggestions as of 25 April 2025 (the
//!    register rebuilt from the trail rows dated on or before it) with the
//!    units' names, and the vote's outcome from the ballots read back.

#[path = "platform/args.rs"]
mod args;
#[path = "platform/store.rs"]
mod store;
#[path = "support/table.rs"]
#[allow(
    unreachable_pub,
    reason = "the shared helper's items are pub for every example that includes it"
)]
mod table;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use chrono::NaiveDate;
use deputy_work::common::{Labelled, Period, SuggestionId};
use deputy_work::points::{self, Scorecard, Scorer};
use deputy_work::suggestion::{
    Digest, OverdueItem, SuggestionError, samples as suggestion_samples,
};
use rusqlite::{Connection, DropBehavior};
use table::{left, right};

use crate::args::{Args, Parsed, USAGE, parse};
use crate::store::{Plan, Res};

/// The generated year: 5,000 deputies × 200 acts.
const PLAN: Plan = Plan {
    deputies: 5_000,
    acts_each: 200,
};

/// The suggestion whose trail the example edits.
const EDITED: SuggestionId = SuggestionId::new(60);

fn main() -> std::process::ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            return match emit(USAGE) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(_) => std::process::ExitCode::FAILURE,
            };
        }
        Err(e) => {
            eprintln!("platform: {e}\n\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("platform: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
fn emit(text: &str) -> Res<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn run(args: &Args) -> Res<()> {
    let mut out = String::new();
    let mut conn = store::open(args.db.as_deref())?;
    let where_ = args
        .db
        .as_ref()
        .map_or("内存数据库 in memory".to_owned(), |p| {
            p.display().to_string()
        });
    let loaded = store::load(&mut conn, PLAN)?;
    writeln!(
        out,
        "履职平台示例 / a platform on SQLite ({where_})\n\
         载入 loaded: {} 名代表 deputies, {} 条履职记录 acts, {} 件建议 suggestions \
         ({} 条审计记录 trail rows), {} 张选票 ballots ({} 个标记 marks)\n",
        loaded.deputies,
        loaded.acts,
        loaded.suggestions,
        loaded.trail_entries,
        loaded.ballots,
        loaded.marks
    )?;

    let card = score(&conn, &mut out)?;
    ranking(&conn, &card, &mut out)?;

    trails(&mut conn, &mut out)?;

    docket(&conn, &mut out)?;

    vote(&conn, &mut out)?;
    emit(&out)
}

/// Streams the acts into the scorer and makes the scorecard.
fn score(conn: &Connection, out: &mut String) -> Res<Scorecard> {
    let policy = points::samples::yinchuan_jiangbei()?;
    let scorer = Scorer::new(&policy, Period::year(2025)?)?;
    let mut tally = scorer.tally();
    let rows = store::tally_acts(conn, &scorer, &mut tally)?;
    let card = scorer.scorecard(&tally)?;
    let s = &card.stats;
    writeln!(
        out,
        "【履职积分】 duty points: {} ({}), 2025\n  \
         读取 {rows} 条 rows read: 计分 {} counted, 待审核 {} pending, 未通过 {} rejected, \
         期间外 {} outside, 重复 {} duplicates",
        card.policy,
        card.version,
        s.counted,
        s.pending,
        s.rejected,
        s.outside_period,
        s.duplicates.len()
    )?;
    Ok(card)
}

/// The top 10 and the bottom 5 with names and totals, and the count in
/// each band.
fn ranking(conn: &Connection, card: &Scorecard, out: &mut String) -> Res<()> {
    let n = card.entries.len();
    let shown: Vec<_> = card
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 10 || *i + 5 >= n)
        .collect();
    let names = store::names(conn, shown.iter().map(|(_, e)| e.deputy))?;
    writeln!(
        out,
        "  {} {} {} {} 等次",
        right("名次", 6),
        left("代表", 7),
        left("姓名", 8),
        right("积分", 6),
    )?;
    for (i, e) in shown {
        if i == 10 && n > 15 {
            writeln!(out, "  {}", right("…", 6))?;
        }
        let band = e
            .band
            .as_deref()
            .and_then(|b| card.legend.code(b))
            .map_or("—", |c| c.label_zh.as_str());
        writeln!(
            out,
            "  {} {} {} {} {band}",
            right(&e.rank.to_string(), 6),
            left(&e.deputy.to_string(), 7),
            left(names.get(&e.deputy).map_or("?", String::as_str), 8),
            right(&e.total.to_string(), 6),
        )?;
    }
    // The bands in the policy's order (highest first), with their counts.
    let mut by_band: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &card.entries {
        *by_band.entry(e.band.as_deref().unwrap_or("")).or_default() += 1;
    }
    let bands: Vec<String> = card
        .legend
        .codes
        .iter()
        .filter_map(|c| {
            let count = by_band.get(c.code.as_str())?;
            Some(format!("{}（{}）{count} 人", c.label_zh, c.label_en))
        })
        .collect();
    if !bands.is_empty() {
        writeln!(out, "  等次 bands: {}", bands.join(", "))?;
    }
    writeln!(out)?;
    Ok(())
}

/// Verifies every stored trail, then shows three edits caught on reload.
fn trails(conn: &mut Connection, out: &mut String) -> Res<()> {
    writeln!(
        out,
        "【建议审计记录】 suggestion trails, reloaded from their rows"
    )?;
    let (ok, failed) = store::verify_all(conn)?;
    match failed {
        None => writeln!(
            out,
            "  {ok} 件建议的审计记录全部核验通过 (digest chain, rules, head): all verified"
        )?,
        Some((id, e)) => return Err(format!("trail of {id} failed: {e}").into()),
    }
    let v = store::verify_stored(conn, EDITED)??;
    let (trail, _) = store::stored_trail(conn, EDITED)?;
    writeln!(
        out,
        "  建议 {EDITED}: {} 条记录 entries, 状态 {}, head {}…  核验通过 verified",
        trail.len(),
        v.state.stage.label_zh(),
        &v.head.to_string()[..16]
    )?;

    // Edit 1: a date changed in place.
    edited(conn, out, "改动立案日期 a date changed", |c| {
        c.execute(
            "UPDATE trail SET date = '2025-01-13' WHERE suggestion = ?1 AND event = 'registered'",
            [EDITED.get()],
        )?;
        Ok(())
    })?;
    // Edit 2: the replying unit changed, every digest and the head recomputed.
    edited(
        conn,
        out,
        "改动答复单位并重算摘要 another unit replies, digests recomputed",
        |c| {
            c.execute(
                "UPDATE trail SET actor = '{\"unit\":105}' WHERE suggestion = ?1 AND event = 'replied'",
                [EDITED.get()],
            )?;
            let (mut trail, _) = store::stored_trail(c, EDITED)?;
            let mut prev = Digest::genesis(EDITED);
            for e in &mut trail {
                e.prev = prev;
                prev = Digest::of(e);
                c.execute(
                    "UPDATE trail SET prev = ?3 WHERE suggestion = ?1 AND seq = ?2",
                    rusqlite::params![EDITED.get(), i64::try_from(e.seq)?, e.prev.to_string()],
                )?;
            }
            c.execute(
                "UPDATE suggestions SET head = ?2 WHERE id = ?1",
                rusqlite::params![EDITED.get(), prev.to_string()],
            )?;
            Ok(())
        },
    )?;
    // Edit 3: the last step's entries deleted (the trail cut short).
    edited(
        conn,
        out,
        "删除最后一步的记录 the last step's entries deleted",
        |c| {
            c.execute(
                "DELETE FROM trail WHERE suggestion = ?1 \
             AND date = (SELECT MAX(date) FROM trail WHERE suggestion = ?1)",
                [EDITED.get()],
            )?;
            Ok(())
        },
    )?;
    store::verify_stored(conn, EDITED)??;
    writeln!(
        out,
        "  改动均已回滚, 建议 {EDITED} 再次核验通过: edits rolled back, verified again\n"
    )?;
    Ok(())
}

/// Applies `edit` inside a savepoint, reloads and verifies the trail,
/// prints the error it gets, and rolls the edit back.
fn edited(
    conn: &mut Connection,
    out: &mut String,
    what: &str,
    edit: impl FnOnce(&Connection) -> Res<()>,
) -> Res<()> {
    let mut sp = conn.savepoint()?;
    sp.set_drop_behavior(DropBehavior::Rollback);
    edit(&sp)?;
    match store::verify_stored(&sp, EDITED)? {
        Ok(_) => return Err(format!("edit not caught: {what}").into()),
        Err(e) => caught(out, what, &e)?,
    }
    Ok(())
}

fn caught(out: &mut String, what: &str, e: &SuggestionError) -> Res<()> {
    writeln!(
        out,
        "  × {what}\n    {}: {}\n    {e}",
        e.label_zh(),
        e.message_zh()
    )?;
    Ok(())
}

/// The docket of overdue suggestions as of 25 April 2025.
fn docket(conn: &Connection, out: &mut String) -> Res<()> {
    let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).ok_or("date")?;
    let register = store::register_as_of(conn, 2025, as_of)?;
    let late = register.overdue(as_of);
    let units = suggestion_samples::unit_names();
    writeln!(
        out,
        "【逾期未办复】 overdue as of {as_of} (register of {} items rebuilt from the rows): {} 件",
        register.len(),
        late.len()
    )?;
    let unit_of = |item: &OverdueItem| {
        item.unit.map_or("自行办理".to_owned(), |u| {
            format!("{}（{u}）", units.get(&u).map_or("?", String::as_str))
        })
    };
    let cols = late
        .iter()
        .map(|i| table::width(&unit_of(i)))
        .max()
        .unwrap_or(0)
        .max(table::width("承办单位"));
    writeln!(
        out,
        "  {} {} {} {} {}",
        left("建议", 6),
        left("题目", 8),
        left("承办单位", cols),
        left("答复期限", 10),
        right("逾期天数", 8)
    )?;
    for item in &late {
        let title = register.get(item.id).and_then(|s| s.title()).unwrap_or("?");
        let unit = unit_of(item);
        writeln!(
            out,
            "  {} {} {} {} {}",
            left(&item.id.to_string(), 6),
            left(title, 8),
            left(&unit, cols),
            left(&item.due.to_string(), 10),
            right(&item.days_overdue.to_string(), 8)
        )?;
    }
    for item in &late {
        writeln!(out, "  {}", item.describe_zh(&units))?;
    }
    writeln!(out)?;
    Ok(())
}

/// The livelihood vote, decided from the ballots read back.
fn vote(conn: &Connection, out: &mut String) -> Res<()> {
    let session = store::vote_session()?;
    let tally = store::tally_ballots(conn, &session)?;
    let o = session.decide(&tally)?;
    let f = &o.figures;
    writeln!(
        out,
        "【民生实事项目票决】 livelihood vote, from the ballots read back\n  \
         应到 {} 人, 实到 {} 人; 发出 {} 张, 收回 {} 张, 有效 {} 张, 无效 {} 张; 通过至少 {} 票, 应选 {} 个",
        f.deputies,
        f.present,
        f.issued,
        f.returned,
        f.valid,
        f.invalid.total(),
        o.required,
        o.places
    )?;
    writeln!(
        out,
        "  {} {} {} {} {} {}  结果",
        right("名次", 4),
        left("编号", 5),
        left("项目", 22),
        right("赞成", 5),
        right("反对", 5),
        right("弃权", 5),
    )?;
    for r in &o.rows {
        writeln!(
            out,
            "  {} {} {} {} {} {}  {}",
            right(&r.rank.to_string(), 4),
            left(&r.project.to_string(), 5),
            left(&r.name, 22),
            right(&r.votes_for.to_string(), 5),
            right(&r.against.to_string(), 5),
            right(&r.abstain.to_string(), 5),
            r.status,
        )?;
    }
    let elected: Vec<String> = o.elected.iter().map(ToString::to_string).collect();
    writeln!(
        out,
        "  入选 {} 个 adopted: {}",
        o.elected.len(),
        elected.join("、")
    )?;
    Ok(())
}

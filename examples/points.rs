//! Duty-point scoring (履职积分): scores a year of duty acts under a points
//! policy and prints the ranking table, one deputy's full ledger and the
//! several-year consequences.
//!
//! ```sh
//! cargo run --release --example points                      # embedded sample (Yinchuan/Jiangbei rules)
//! cargo run --release --example points -- --policy tests/data/points/yinchuan_jiangbei.json \
//!     --acts tests/data/points/acts.toml --deputy 2
//! ```
//!
//! Files are JSON or TOML, chosen by extension. The policy format is
//! documented in `deputy_work::points`; an acts file holds an optional
//! `deputies` list (id, name, level) and an `acts` list. Every calendar year
//! that has acts and lies in the policy's time in force is scored; the
//! latest is printed. A bad file prints the error and exits with status 1.

#[cfg(feature = "serde")]
mod app {
    use std::collections::{BTreeMap, BTreeSet};
    use std::error::Error;
    use std::path::Path;

    use chrono::Datelike;
    use deputy_work::common::{Deputy, DeputyId, Labelled, Period, RecordId};
    use deputy_work::points::{Act, Condition, LineItem, Outcome, Policy, Scorecard, Scorer};

    const POLICY: &str = include_str!("../tests/data/points/yinchuan_jiangbei.toml");
    const ACTS: &str = include_str!("../tests/data/points/acts.toml");

    /// An acts file: who the deputies are, and what they did.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ActsFile {
        #[serde(default)]
        deputies: Vec<Deputy>,
        acts: Vec<Act>,
    }

    fn parse<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, Box<dyn Error>> {
        match Path::new(path).extension().and_then(|e| e.to_str()) {
            Some("toml") => Ok(toml::from_str(text).map_err(|e| format!("{path}: {e}"))?),
            Some("json") => Ok(serde_json::from_str(text).map_err(|e| format!("{path}: {e}"))?),
            _ => Err(format!("{path}: expected a .toml or .json file").into()),
        }
    }

    fn load<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, Box<dyn Error>> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        parse(path, &text)
    }

    struct Args {
        policy: Option<String>,
        acts: Option<String>,
        deputy: Option<DeputyId>,
    }

    fn args() -> Result<Args, Box<dyn Error>> {
        let mut out = Args {
            policy: None,
            acts: None,
            deputy: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--policy" => out.policy = Some(value()?),
                "--acts" => out.acts = Some(value()?),
                "--deputy" => out.deputy = Some(value()?.parse()?),
                "-h" | "--help" => {
                    return Err("usage: points [--policy FILE --acts FILE] [--deputy ID]".into());
                }
                other => return Err(format!("unknown argument `{other}`").into()),
            }
        }
        if out.policy.is_some() != out.acts.is_some() {
            return Err("give both --policy FILE and --acts FILE, or neither".into());
        }
        Ok(out)
    }

    fn describe(c: &Condition, policy: &Policy) -> String {
        let label = |code: &str| {
            policy
                .bands()
                .iter()
                .find(|b| b.code == code)
                .map(|b| b.label_zh.clone())
                .or_else(|| {
                    policy
                        .honours()
                        .iter()
                        .find(|h| h.code == code)
                        .map(|h| h.label_zh.clone())
                })
                .unwrap_or_else(|| code.to_owned())
        };
        match c {
            Condition::Band(code) => format!("档次为{}", label(code)),
            Condition::Honour(code) => format!("评为{}", label(code)),
            Condition::Top(n) => format!("排名前{n}"),
            Condition::Bottom(n) => format!("排名后{n}"),
            Condition::Below(s) => format!("低于{s}分"),
            Condition::MissedMinimum(code) => format!(
                "未完成“{}”",
                policy
                    .labels(*code)
                    .map_or_else(|| code.to_string(), |l| l.0.to_owned())
            ),
            Condition::MissedAnyMinimum(_) => "未完成基本履职要求".to_owned(),
            Condition::Outcome(code) => format!(
                "考核为{}",
                policy
                    .labels(*code)
                    .map_or_else(|| code.to_string(), |l| l.0.to_owned())
            ),
        }
    }

    pub(crate) fn run() -> Result<(), Box<dyn Error>> {
        let args = args()?;
        let (policy, file): (Policy, ActsFile) = match (&args.policy, &args.acts) {
            (Some(p), Some(a)) => (load(p)?, load(a)?),
            _ => (
                parse("embedded.toml", POLICY)?,
                parse("embedded.toml", ACTS)?,
            ),
        };
        let names: BTreeMap<DeputyId, &str> = file
            .deputies
            .iter()
            .map(|d| (d.id, d.name.as_str()))
            .collect();
        let name = |d: DeputyId| names.get(&d).copied().unwrap_or("");
        let years: BTreeSet<i32> = file
            .acts
            .iter()
            .map(|a| a.date.year())
            .filter(|y| {
                Period::year(*y).is_ok_and(|p| {
                    policy.in_force().contains(p.start()) && policy.in_force().contains(p.end())
                })
            })
            .collect();
        let Some(&latest) = years.last() else {
            return Err("no act falls in a calendar year inside the policy's time in force".into());
        };

        let mut cards: Vec<Scorecard> = Vec::new();
        for &year in &years {
            let scorer = Scorer::new(&policy, Period::year(year)?)?;
            let mut tally = scorer.tally();
            for d in &file.deputies {
                tally.enrol(d.id)?;
            }
            for act in &file.acts {
                scorer.add(&mut tally, act)?;
            }
            cards.push(scorer.scorecard(&tally)?);
        }
        let card = cards.last().ok_or("no scorecard")?;

        println!(
            "{} v{} — {latest} 年度履职积分",
            policy.name(),
            policy.version()
        );
        println!();
        println!("  排名  代表     姓名        积分  档次    评优");
        for e in &card.entries {
            let band = e
                .band
                .as_deref()
                .and_then(|c| policy.bands().iter().find(|b| b.code == c))
                .map_or("—", |b| b.label_zh());
            let honour = e
                .honour
                .as_deref()
                .and_then(|c| policy.honours().iter().find(|h| h.code == c))
                .map_or("", |h| h.label_zh());
            println!(
                "{:>6}  {:<8} {:<6} {:>7}  {:<6} {}",
                e.rank,
                e.deputy.to_string(),
                name(e.deputy),
                e.total.to_string(),
                band,
                honour
            );
        }
        for award in &card.honours {
            if award.overflow() > 0 {
                println!(
                    "note: {} has {} places but {} deputies tie for them; all receive it",
                    award.code,
                    award.top,
                    award.deputies.len()
                );
            }
        }
        let s = &card.stats;
        let dups: Vec<String> = s.duplicates.iter().map(RecordId::to_string).collect();
        println!();
        println!(
            "acts: {} counted, {} pending, {} rejected, {} outside {latest}, {} unscored, {} duplicate {}",
            s.counted,
            s.pending,
            s.rejected,
            s.outside_period,
            s.unscored,
            s.duplicates.len(),
            if dups.is_empty() {
                String::new()
            } else {
                format!("({})", dups.join(", "))
            }
        );

        let who = args
            .deputy
            .or_else(|| card.entries.first().map(|e| e.deputy))
            .ok_or("no deputy to show")?;
        let entry = card
            .entry(who)
            .ok_or_else(|| format!("deputy {who} was not scored"))?;
        let scorer = Scorer::new(&policy, Period::year(latest)?)?;
        let ledger = scorer.ledger_for(who, &file.acts)?;
        let dates: BTreeMap<RecordId, chrono::NaiveDate> =
            file.acts.iter().map(|a| (a.id, a.date)).collect();
        println!();
        println!(
            "{who} {} 履职积分明细 ({latest}): 基础分 {}",
            name(who),
            ledger.base
        );
        let mut running = ledger.base;
        for line in &ledger.lines {
            running = running.checked_add(line.points).ok_or("overflow")?;
            let what = match (line.item, line.kind) {
                (LineItem::Bonus(_), Some(kind)) => {
                    let whole = policy.line_label(&deputy_work::points::ScoreLine {
                        kind: Some(kind),
                        item: line.item,
                        count: 0,
                        points: line.points,
                    });
                    format!(
                        "附加分：{}",
                        whole.0.rsplit(" · ").next().unwrap_or_default()
                    )
                }
                (other, _) => other.label_zh().to_owned(),
            };
            let kind = line.kind.map_or("总分", |k| policy.kind_label_zh(k));
            let act = line.act.map_or_else(String::new, |a| a.to_string());
            let date = line
                .act
                .and_then(|a| dates.get(&a))
                .map_or_else(String::new, ToString::to_string);
            println!(
                "  {date:<10} {act:<6} {kind:<10} {what:<12} ×{:<3} {:>6} → {running}",
                line.count,
                line.points.to_string()
            );
        }
        let mut outside = 0_usize;
        for s in &ledger.skipped {
            if s.outcome == Outcome::OutsidePeriod {
                outside = outside.saturating_add(1);
            } else {
                println!("  未计分 {}: {}", s.act, s.outcome.label_zh());
            }
        }
        if outside > 0 {
            println!("  未计分: {outside} 条不在 {latest} 年度内");
        }
        println!("  合计 {} (scorecard: {})", ledger.total, entry.total);

        println!();
        let first = years.first().copied().unwrap_or(latest);
        println!("连续年度后果 ({first}–{latest}):");
        for hit in policy.evaluate_years(&cards)? {
            let rule = policy.consequences().iter().find(|c| c.code == hit.code);
            let cond = rule.map_or_else(String::new, |c| describe(&c.when, &policy));
            let who: Vec<String> = hit
                .deputies
                .iter()
                .map(|d| format!("{d} {}", name(*d)))
                .collect();
            println!(
                "  {}（连续{}年{}）: {}",
                hit.label_zh,
                hit.years,
                cond,
                if who.is_empty() {
                    "无".to_owned()
                } else {
                    who.join("、")
                }
            );
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
fn main() -> std::process::ExitCode {
    match app::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "serde"))]
fn main() {
    eprintln!("the points example reads TOML and JSON files: build it with the `serde` feature");
}

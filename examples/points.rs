//! Duty-point scoring (履职积分): scores a year of duty acts under a points
//! policy (optionally on a roster) and prints the ranking table, one entry's
//! ledger and the several-year consequences — or the scorecard as JSON, or
//! the four quarterly scorecards (季度亮分).
//!
//! ```sh
//! cargo run --release --example points                      # embedded sample (Yinchuan/Jiangbei rules)
//! cargo run --release --example points -- --policy tests/data/points/yinchuan_jiangbei.json \
//!     --acts tests/data/points/acts.toml --deputy 2
//! cargo run --release --example points -- --policy tests/data/points/real/chunfu/policy.toml \
//!     --roster tests/data/points/real/chunfu/roster.toml \
//!     --acts tests/data/points/real/chunfu/acts.toml --year 2025 [--quarterly] [--json]
//! ```
//!
//! Files are JSON or TOML, chosen by extension. The policy format is
//! documented in `deputy_work::points` and `src/points/LANGUAGE.md`; a roster
//! file holds `groups` and `deputies` lists; an acts file holds an optional
//! `deputies` list (id, name, level: names for the table when there is no
//! roster) and an `acts` list.
//!
//! The year printed is `--year N`, or else the latest calendar year that has
//! acts and lies in the policy's time in force; consequences look at every
//! year from the first such year up to it. With `--json` the scorecard (or,
//! with `--quarterly`, the array of four) is the only thing on stdout.
//!
//! The table shows, per entry, the rank, id, name, total, band, outcome,
//! honour, category subtotals and notes (missed minimums, state conflicts,
//! vetoes), as far as the policy has them. The ledger printed (of the top
//! entry, or `--deputy ID`) cites each act under a plain policy (points per
//! act, bonuses, caps) and is the scorecard's aggregate ledger otherwise;
//! every line is labelled by `Policy::line_label`.
//!
//! A bad argument prints the usage and exits with status 2; a bad file
//! prints the error (naming the file) and exits with status 1.

#[cfg(feature = "serde")]
#[path = "support/table.rs"]
mod table;

#[cfg(feature = "serde")]
mod app {
    use std::collections::BTreeMap;
    use std::error::Error;
    use std::fmt::Write as _;
    use std::io::Write as _;
    use std::path::Path;

    use crate::table;
    use chrono::{Datelike, NaiveDate};
    use deputy_work::common::{Deputy, DeputyId, Labelled, Period, RecordId};
    use deputy_work::points::{
        Act, Condition, DeputyScore, Disposition, PointsError, Policy, Roster, ScoreLine,
        Scorecard, Scorer, TallyStats, Unit,
    };

    const POLICY: &str = include_str!("../tests/data/points/yinchuan_jiangbei.toml");
    const ACTS: &str = include_str!("../tests/data/points/acts.toml");

    pub(crate) const USAGE: &str = "\
usage: points [--policy FILE --acts FILE] [--roster FILE] [--year N]
              [--deputy ID] [--quarterly] [--json]

  --policy FILE   points policy (.toml or .json); with --acts, else the embedded sample
  --acts FILE     acts (.toml or .json): an `acts` list and an optional `deputies` list
  --roster FILE   roster (.toml or .json): `groups` and `deputies`; each gets an entry
                  if the policy scores its kind
  --year N        the calendar year to print (default: the latest year with acts)
  --deputy ID     whose ledger to print (default: the top entry)
  --quarterly     the four quarterly scorecards, each as of its quarter's end
  --json          the scorecard (or the four, as an array) as JSON, nothing else
  -h, --help      this message";

    /// An acts file: who the deputies are, and what they did.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ActsFile {
        #[serde(default)]
        deputies: Vec<Deputy>,
        acts: Vec<Act>,
    }

    /// The command line.
    #[derive(Debug, Default)]
    pub(crate) struct Args {
        policy: Option<String>,
        acts: Option<String>,
        roster: Option<String>,
        year: Option<i32>,
        deputy: Option<DeputyId>,
        quarterly: bool,
        json: bool,
    }

    /// Reads the command line: `Ok(None)` for `--help`, `Err` (a message
    /// for the usage) for anything wrong.
    pub(crate) fn args(mut it: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
        fn set<T>(slot: &mut Option<T>, flag: &str, value: T) -> Result<(), String> {
            if slot.replace(value).is_some() {
                return Err(format!("`{flag}` given twice"));
            }
            Ok(())
        }
        let mut out = Args::default();
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .filter(|v| !v.starts_with("--"))
                    .ok_or_else(|| format!("`{flag}` needs a value"))
            };
            match flag.as_str() {
                "--policy" => set(&mut out.policy, &flag, value()?)?,
                "--acts" => set(&mut out.acts, &flag, value()?)?,
                "--roster" => set(&mut out.roster, &flag, value()?)?,
                "--year" => {
                    let v = value()?;
                    let year = v
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1..=9999).contains(y))
                        .ok_or_else(|| format!("`--year {v}`: expected a year such as 2025"))?;
                    set(&mut out.year, &flag, year)?;
                }
                "--deputy" => {
                    let v = value()?;
                    let id = v
                        .parse::<DeputyId>()
                        .map_err(|_| format!("`--deputy {v}`: expected an id such as 2 or D2"))?;
                    set(&mut out.deputy, &flag, id)?;
                }
                "--quarterly" => out.quarterly = true,
                "--json" => out.json = true,
                "-h" | "--help" => return Ok(None),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if out.policy.is_some() != out.acts.is_some() {
            return Err("give both --policy FILE and --acts FILE, or neither".into());
        }
        Ok(Some(out))
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

    // ── Tables ───────────────────────────────────────────────────────────

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Align {
        Left,
        Right,
    }

    /// `s` padded with spaces to `cols` terminal columns.
    fn pad(s: &str, cols: usize, align: Align) -> String {
        match align {
            Align::Left => table::left(s, cols),
            Align::Right => table::right(s, cols),
        }
    }

    /// A table with columns aligned by display width.
    fn print_table(
        out: &mut String,
        head: &[(String, Align)],
        rows: &[Vec<String>],
    ) -> Result<(), Box<dyn Error>> {
        let widths: Vec<usize> = head
            .iter()
            .enumerate()
            .map(|(i, (h, _))| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| table::width(c))
                    .chain([table::width(h)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let heads: Vec<String> = head.iter().map(|(h, _)| h.clone()).collect();
        for row in std::iter::once(&heads).chain(rows) {
            let cells: Vec<String> = head
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, ((_, align), w))| pad(row.get(i).map_or("", String::as_str), *w, *align))
                .collect();
            writeln!(out, "  {}", cells.join("  ").trim_end())?;
        }
        Ok(())
    }

    // ── Scoring ──────────────────────────────────────────────────────────

    struct Input {
        policy: Policy,
        roster: Option<Roster>,
        /// The acts file's `deputies` (names when there is no roster).
        deputies: Vec<Deputy>,
        acts: Vec<Act>,
        policy_path: String,
        acts_path: String,
        roster_path: String,
    }

    impl Input {
        fn load(args: &Args) -> Result<Self, Box<dyn Error>> {
            let (policy_path, acts_path) = match (&args.policy, &args.acts) {
                (Some(p), Some(a)) => (p.clone(), a.clone()),
                _ => (
                    "embedded policy.toml".to_owned(),
                    "embedded acts.toml".to_owned(),
                ),
            };
            let (policy, file): (Policy, ActsFile) = match (&args.policy, &args.acts) {
                (Some(_), Some(_)) => (load(&policy_path)?, load(&acts_path)?),
                _ => (parse(&policy_path, POLICY)?, parse(&acts_path, ACTS)?),
            };
            let roster = args.roster.as_deref().map(load::<Roster>).transpose()?;
            Ok(Self {
                policy,
                roster,
                deputies: file.deputies,
                acts: file.acts,
                policy_path,
                acts_path,
                roster_path: args.roster.clone().unwrap_or_default(),
            })
        }

        fn scorer(&self, period: Period) -> Result<Scorer<'_>, Box<dyn Error>> {
            let scorer = Scorer::new(&self.policy, period)
                .map_err(|e| format!("{}: {e}", self.policy_path))?;
            Ok(match &self.roster {
                Some(r) => scorer
                    .with_roster(r)
                    .map_err(|e| format!("{}: {e}", self.roster_path))?,
                None => scorer,
            })
        }

        /// The scorecard for `period`. Without a roster, a plain policy is
        /// tallied and the acts file's deputies enrolled, so that each has an
        /// entry even without acts.
        fn card(&self, period: Period) -> Result<Scorecard, Box<dyn Error>> {
            let scorer = self.scorer(period)?;
            let card = if self.roster.is_none() && self.policy.is_plain() {
                match scorer.tally_acts(&self.acts) {
                    Ok(mut tally) => {
                        for d in &self.deputies {
                            tally.enrol(d.id)?;
                        }
                        scorer.scorecard(&tally)
                    }
                    // A share or a correction: the whole-score path decides.
                    Err(PointsError::NeedsWholeScore { .. }) => scorer.score(&self.acts),
                    Err(e) => Err(e),
                }
            } else {
                scorer.score(&self.acts)
            };
            Ok(self.named(card.map_err(|e| self.blame(e))?))
        }

        /// The scorecards as of the end of each quarter of `year`.
        fn quarters(&self, year: i32) -> Result<Vec<Scorecard>, Box<dyn Error>> {
            let period = Period::year(year)?;
            if self.roster.is_none() && self.policy.is_plain() {
                let mut cards = Vec::with_capacity(4);
                for (month, day) in [(3, 31), (6, 30), (9, 30), (12, 31)] {
                    let end = NaiveDate::from_ymd_opt(year, month, day).ok_or("bad quarter")?;
                    cards.push(self.card(Period::new(period.start(), end)?)?);
                }
                return Ok(cards);
            }
            let cards = self
                .scorer(period)?
                .quarterly(&self.acts)
                .map_err(|e| self.blame(e))?;
            Ok(cards.into_iter().map(|c| self.named(c)).collect())
        }

        /// A scoring error, naming the file at fault.
        fn blame(&self, e: PointsError) -> String {
            match e {
                PointsError::RosterNeeded => format!("{}: {e} (--roster FILE)", self.policy_path),
                e => format!("{}: {e}", self.acts_path),
            }
        }

        /// Names from the acts file for entries the roster did not name.
        fn named(&self, mut card: Scorecard) -> Scorecard {
            for e in card.entries.iter_mut().filter(|e| e.name.is_none()) {
                e.name = self
                    .deputies
                    .iter()
                    .find(|d| d.id == e.deputy)
                    .map(|d| std::sync::Arc::from(d.name.as_str()));
            }
            card
        }

        /// Calendar years with acts inside the policy's time in force.
        fn years(&self) -> Vec<i32> {
            let in_force = self.policy.in_force();
            let mut years: Vec<i32> = self
                .acts
                .iter()
                .map(|a| a.date.year())
                .filter(|y| {
                    Period::year(*y)
                        .is_ok_and(|p| in_force.contains(p.start()) && in_force.contains(p.end()))
                })
                .collect();
            years.sort_unstable();
            years.dedup();
            years
        }
    }

    // ── Labels ───────────────────────────────────────────────────────────

    fn code_label(policy: &Policy, code: deputy_work::points::Code) -> String {
        policy
            .labels(code)
            .map_or_else(|| code.to_string(), |l| l.0.to_owned())
    }

    fn band_label<'a>(policy: &'a Policy, code: &'a str) -> &'a str {
        policy.band(code).map_or(code, |b| b.label_zh())
    }

    fn honour_label<'a>(policy: &'a Policy, code: &'a str) -> &'a str {
        policy.honour(code).map_or(code, |h| h.label_zh())
    }

    fn describe(c: &Condition, policy: &Policy) -> String {
        match c {
            Condition::Band(code) => format!("档次为{}", band_label(policy, code)),
            Condition::Honour(code) => format!("评为{}", honour_label(policy, code)),
            Condition::Top(n) => format!("排名前{n}"),
            Condition::Bottom(n) => format!("排名后{n}"),
            Condition::Below(s) => format!("低于{s}分"),
            Condition::MissedMinimum(code) => format!("未完成“{}”", code_label(policy, *code)),
            Condition::MissedAnyMinimum(_) => "未完成基本履职要求".to_owned(),
            Condition::Outcome(code) => format!("考核为{}", code_label(policy, *code)),
            // A condition of a later release: its label.
            other => other.label_zh().to_owned(),
        }
    }

    /// Missed minimums, state conflicts and vetoes, by label.
    fn notes(e: &DeputyScore, policy: &Policy) -> String {
        let mut notes = Vec::new();
        if !e.missed.is_empty() {
            let missed: Vec<String> = e.missed.iter().map(|c| code_label(policy, *c)).collect();
            notes.push(format!("未完成：{}", missed.join("、")));
        }
        if !e.conflicts.is_empty() {
            let conflicts: Vec<String> = e
                .conflicts
                .iter()
                .map(|c| match c.quarter {
                    Some(q) => format!("{}（第{q}季度）", code_label(policy, c.state)),
                    None => code_label(policy, c.state),
                })
                .collect();
            notes.push(format!("情形冲突：{}", conflicts.join("、")));
        }
        match (e.vetoed_by, e.disqualified) {
            (Some(kind), false) => notes.push(format!("一票否决：{}", policy.kind_label_zh(kind))),
            (Some(kind), true) => notes.push(format!(
                "一票否决：{}，取消评定资格",
                policy.kind_label_zh(kind)
            )),
            (None, true) => notes.push("取消评定资格".to_owned()),
            (None, false) => {}
        }
        notes.join("；")
    }

    fn stats_line(s: &TallyStats, outside: &str) -> String {
        let dups: Vec<String> = s.duplicates.iter().map(RecordId::to_string).collect();
        let mut line = format!(
            "acts: {} counted, {} pending, {} rejected, {} outside {outside}, {} unscored, {} duplicate{}",
            s.counted,
            s.pending,
            s.rejected,
            s.outside_period,
            s.unscored,
            s.duplicates.len(),
            if dups.is_empty() {
                String::new()
            } else {
                format!(" ({})", dups.join(", "))
            }
        );
        for (n, what) in [
            (s.not_applicable, "not applicable"),
            (s.no_points, "without points"),
            (s.superseded, "superseded"),
            (s.corrections, "annulling"),
        ] {
            if n > 0 {
                let _ = write!(line, ", {n} {what}");
            }
        }
        line
    }

    // ── Output ───────────────────────────────────────────────────────────

    /// The ranking table, one block per kind of unit (groups are ranked
    /// among groups, deputies among deputies).
    fn ranking(out: &mut String, card: &Scorecard, policy: &Policy) -> Result<(), Box<dyn Error>> {
        let data = policy.data();
        let names = card.entries.iter().any(|e| e.name.is_some());
        let units: Vec<Unit> = [Unit::Deputy, Unit::Group]
            .into_iter()
            .filter(|u| card.entries.iter().any(|e| e.unit == *u))
            .collect();
        for unit in &units {
            let entries: Vec<&DeputyScore> =
                card.entries.iter().filter(|e| e.unit == *unit).collect();
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    let mut row = vec![e.rank.to_string(), e.deputy.to_string()];
                    if names {
                        row.push(e.name.as_deref().unwrap_or_default().to_owned());
                    }
                    row.push(e.total.to_string());
                    if !policy.bands().is_empty() {
                        row.push(
                            e.band
                                .as_deref()
                                .map_or("—", |c| band_label(policy, c))
                                .to_owned(),
                        );
                    }
                    if !data.outcomes.is_empty() {
                        row.push(match (e.outcome, e.award) {
                            (Some(o), Some(a)) => format!("{}（奖励 {a}）", code_label(policy, o)),
                            (Some(o), None) => code_label(policy, o),
                            (None, _) => "—".to_owned(),
                        });
                    }
                    if !policy.honours().is_empty() {
                        row.push(
                            e.honour
                                .as_deref()
                                .map_or("", |c| honour_label(policy, c))
                                .to_owned(),
                        );
                    }
                    for c in &data.categories {
                        row.push(
                            e.categories
                                .iter()
                                .find(|s| s.code == c.code)
                                .map_or_else(|| "—".to_owned(), |s| s.points.to_string()),
                        );
                    }
                    row.push(notes(e, policy));
                    row
                })
                .collect();
            let mut head = vec![
                ("排名".to_owned(), Align::Right),
                (unit.label_zh().to_owned(), Align::Left),
            ];
            if names {
                let what = if *unit == Unit::Group {
                    "名称"
                } else {
                    "姓名"
                };
                head.push((what.to_owned(), Align::Left));
            }
            head.push(("积分".to_owned(), Align::Right));
            if !policy.bands().is_empty() {
                head.push(("档次".to_owned(), Align::Left));
            }
            if !data.outcomes.is_empty() {
                head.push(("考核结果".to_owned(), Align::Left));
            }
            if !policy.honours().is_empty() {
                head.push(("评优".to_owned(), Align::Left));
            }
            for c in &data.categories {
                head.push((c.label_zh.clone(), Align::Right));
            }
            if rows.iter().any(|r| r.last().is_some_and(|n| !n.is_empty())) {
                head.push(("备注".to_owned(), Align::Left));
            }
            if units.len() > 1 {
                if unit != units.first().unwrap_or(unit) {
                    writeln!(out)?;
                }
                writeln!(out, "{}（{} 个）", unit.label_zh(), entries.len())?;
            }
            print_table(out, &head, &rows)?;
        }
        for award in &card.honours {
            if award.overflow() > 0 {
                writeln!(
                    out,
                    "note: {} has {} places but {} tie for them; all receive it",
                    honour_label(policy, &award.code),
                    award.top,
                    award.deputies.len()
                )?;
            }
        }
        Ok(())
    }

    /// The entry's ledger: act by act when the policy is plain (each act
    /// cited), else the scorecard's lines.
    fn ledger(
        out: &mut String,
        input: &Input,
        card: &Scorecard,
        who: DeputyId,
        year: i32,
    ) -> Result<(), Box<dyn Error>> {
        let policy = &input.policy;
        let entry = card
            .entry(who)
            .ok_or_else(|| format!("{who} was not scored in {year}"))?;
        let name = entry.name.as_deref().unwrap_or("");
        let label = |l: &ScoreLine| policy.line_label(l).0;
        let per_act = if policy.is_plain() {
            input
                .scorer(Period::year(year)?)?
                .ledger_for(who, &input.acts)
                .ok()
        } else {
            None
        };
        writeln!(
            out,
            "{who} {name} 履职积分明细 ({year}): 基础分 {}",
            per_act.as_ref().map_or_else(|| policy.base(), |l| l.base)
        )?;
        let mut running = per_act.as_ref().map_or_else(|| policy.base(), |l| l.base);
        let mut rows: Vec<Vec<String>> = Vec::new();
        if let Some(ledger) = &per_act {
            let dates: BTreeMap<RecordId, NaiveDate> =
                input.acts.iter().map(|a| (a.id, a.date)).collect();
            for line in &ledger.lines {
                running = running.checked_add(line.points).ok_or("overflow")?;
                rows.push(vec![
                    line.act
                        .and_then(|a| dates.get(&a))
                        .map_or_else(String::new, ToString::to_string),
                    line.act.map_or_else(String::new, |a| a.to_string()),
                    policy.item_label(line.kind, line.item).0,
                    format!("×{}", line.count),
                    line.points.to_string(),
                    format!("→ {running}"),
                ]);
            }
            let head = [
                ("日期", Align::Left),
                ("记录", Align::Left),
                ("项目", Align::Left),
                ("次数", Align::Right),
                ("积分", Align::Right),
                ("累计", Align::Left),
            ]
            .map(|(h, a)| (h.to_owned(), a));
            print_table(out, &head, &rows)?;
            let mut outside = 0_usize;
            for s in &ledger.skipped {
                if s.outcome == Disposition::OutsidePeriod {
                    outside = outside.saturating_add(1);
                } else {
                    writeln!(out, "  未计分 {}: {}", s.act, s.outcome.label_zh())?;
                }
            }
            if outside > 0 {
                writeln!(out, "  未计分: {outside} 条不在 {year} 年度内")?;
            }
            writeln!(out, "  合计 {} (scorecard: {})", ledger.total, entry.total)?;
        } else {
            for line in &entry.ledger {
                running = running.checked_add(line.points).ok_or("overflow")?;
                rows.push(vec![
                    label(line),
                    format!("×{}", line.count),
                    line.points.to_string(),
                    format!("→ {running}"),
                ]);
            }
            let head = [
                ("项目", Align::Left),
                ("次数", Align::Right),
                ("积分", Align::Right),
                ("累计", Align::Left),
            ]
            .map(|(h, a)| (h.to_owned(), a));
            if rows.is_empty() {
                writeln!(out, "  （无积分项）")?;
            } else {
                print_table(out, &head, &rows)?;
            }
            if !entry.corrections.is_empty() {
                let notes: Vec<String> = entry
                    .corrections
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {} {}",
                            c.record,
                            c.correction.label_zh(),
                            c.correction.target()
                        )
                    })
                    .collect();
                writeln!(out, "  更正: {}", notes.join("、"))?;
            }
            writeln!(out, "  合计 {}", entry.total)?;
        }
        Ok(())
    }

    fn consequences(
        out: &mut String,
        policy: &Policy,
        cards: &[Scorecard],
    ) -> Result<(), Box<dyn Error>> {
        let (Some(first), Some(last)) = (cards.first(), cards.last()) else {
            return Ok(());
        };
        let name = |d: DeputyId| {
            last.entry(d)
                .or_else(|| cards.iter().rev().find_map(|c| c.entry(d)))
                .and_then(|e| e.name.clone())
                .unwrap_or_default()
        };
        let (from, to) = (first.period.start().year(), last.period.end().year());
        if from == to {
            writeln!(out, "连续年度后果 ({to}):")?;
        } else {
            writeln!(out, "连续年度后果 ({from}–{to}):")?;
        }
        for hit in policy.evaluate_years(cards)? {
            let rule = policy.consequence(&hit.code);
            let cond = rule.map_or_else(String::new, |c| describe(&c.when, policy));
            let who: Vec<String> = hit
                .deputies
                .iter()
                .map(|d| format!("{d} {}", name(*d)).trim_end().to_owned())
                .collect();
            writeln!(
                out,
                "  {}（连续{}年{}）: {}",
                hit.label_zh,
                hit.years,
                cond,
                if who.is_empty() {
                    "无".to_owned()
                } else {
                    who.join("、")
                }
            )?;
        }
        Ok(())
    }

    /// The policy's name and version (`v2025.1`, or `（undated）`).
    fn title(policy: &Policy) -> String {
        let v = policy.version();
        if v.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{} v{v}", policy.name())
        } else {
            format!("{}（{v}）", policy.name())
        }
    }

    fn roster_line(out: &mut String, input: &Input) -> Result<(), Box<dyn Error>> {
        if let Some(r) = &input.roster {
            writeln!(
                out,
                "名册: {} 名代表, {} 个小组; 考核对象: {}",
                r.deputies().len(),
                r.groups().len(),
                match input.policy.data().units {
                    deputy_work::points::Units::Deputies => "代表",
                    deputy_work::points::Units::Groups => "代表小组",
                    deputy_work::points::Units::Both => "代表和代表小组",
                }
            )?;
        }
        Ok(())
    }

    pub(crate) fn run(args: &Args) -> Result<(), Box<dyn Error>> {
        let input = Input::load(args)?;
        let policy = &input.policy;
        let years = input.years();
        let year = match (args.year, years.last()) {
            (Some(y), _) => y,
            (None, Some(&y)) => y,
            (None, None) => {
                return Err(format!(
                    "{}: no act falls in a calendar year inside the policy's time in force (give --year N)",
                    input.acts_path
                )
                .into());
            }
        };
        let in_force = policy.in_force();
        if !Period::year(year)
            .is_ok_and(|p| in_force.contains(p.start()) && in_force.contains(p.end()))
        {
            return Err(format!(
                "{}: year {year} is not inside the policy's time in force ({} to {})",
                input.policy_path,
                in_force.start(),
                in_force.end()
            )
            .into());
        }
        let mut out = String::new();

        if args.quarterly {
            let cards = input.quarters(year)?;
            if args.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&cards)?)?;
            } else {
                writeln!(out, "{} — {year} 年季度履职积分", title(policy))?;
                roster_line(&mut out, &input)?;
                for (q, card) in cards.iter().enumerate() {
                    writeln!(out)?;
                    writeln!(
                        out,
                        "第{}季度（截至 {}）",
                        q.saturating_add(1),
                        card.period.end()
                    )?;
                    ranking(&mut out, card, policy)?;
                }
                if let Some(card) = cards.last() {
                    writeln!(out)?;
                    writeln!(out, "{}", stats_line(&card.stats, &year.to_string()))?;
                }
            }
            return emit(&out);
        }

        // Every year from the first with acts up to the one printed, so that
        // "n years running" sees consecutive years.
        let first = years.first().copied().filter(|f| *f < year).unwrap_or(year);
        let mut cards: Vec<Scorecard> = Vec::new();
        for y in first..=year {
            cards.push(input.card(Period::year(y)?)?);
        }
        let card = cards.last().ok_or("no scorecard")?;

        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(card)?)?;
            return emit(&out);
        }

        writeln!(out, "{} — {year} 年度履职积分", title(policy))?;
        roster_line(&mut out, &input)?;
        writeln!(out)?;
        ranking(&mut out, card, policy)?;
        writeln!(out)?;
        writeln!(out, "{}", stats_line(&card.stats, &year.to_string()))?;

        if let Some(who) = args
            .deputy
            .or_else(|| card.entries.first().map(|e| e.deputy))
        {
            writeln!(out)?;
            ledger(&mut out, &input, card, who, year)?;
        }

        if !policy.consequences().is_empty() {
            writeln!(out)?;
            consequences(&mut out, policy, &cards)?;
        }
        emit(&out)
    }

    /// Writes to stdout; a closed pipe (`| head`) is not an error.
    fn emit(text: &str) -> Result<(), Box<dyn Error>> {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(feature = "serde")]
fn main() -> std::process::ExitCode {
    let args = match app::args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{}", app::USAGE);
            return std::process::ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n{}", app::USAGE);
            return std::process::ExitCode::from(2);
        }
    };
    match app::run(&args) {
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

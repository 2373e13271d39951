//! The annual work report: the README's main command.
//!
//! ```sh
//! cargo run --release --example annual_report            # bilingual table
//! cargo run --release --example annual_report -- --json  # the same as JSON
//! ```
//!
//! Builds the 2025 report for Ordos city from a made-up record set
//! (`examples/seed_data/mod.rs`) whose totals are the seed report's
//! published figures, and compares it with a made-up 2024 set. The
//! suggestions are driven through the suggestion engine (its register gives
//! every suggestion figure, with the policy's class labels) and three
//! district votes through the vote engine (their elected projects are among
//! the livelihood projects).

#[path = "seed_data/mod.rs"]
mod seed_data;
#[path = "support/table.rs"]
#[allow(
    unreachable_pub,
    reason = "the shared helper's items are pub for every example that includes it"
)]
mod table;

use deputy_work::common::{Labelled, Period};
use deputy_work::report::{
    AnnualReport, Comparison, Figure, Metric, ReportOptions, Section, UnitFigures, Value,
};
use deputy_work::stats::yi_yuan;
use std::fmt::Write as _;
use std::io::Write as _;
use table::{left, right, width};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    let options = ReportOptions::default();
    let y2025 = AnnualReport::build(&seed_data::ordos_2025(), Period::year(2025)?, options)?;
    let y2024 = AnnualReport::build(&seed_data::ordos_2024(), Period::year(2024)?, options)?;
    let cmp = Comparison::between(&y2024, &y2025)?;
    if json {
        let mut text = serde_json::to_string_pretty(&to_json(&y2025, &cmp))?;
        text.push('\n');
        emit(&text)
    } else {
        emit(&table(&y2025, &cmp))
    }
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
fn emit(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Percent {
            percent: Some(p), ..
        } => format!("{p}%"),
        Value::Percent { percent: None, .. } => "—".to_owned(),
        Value::Money { yi_yuan, .. } => yi_yuan.to_string(),
    }
}

fn detail(v: &Value) -> String {
    match v {
        Value::Percent { part, whole, .. } => format!("{part} / {whole}"),
        Value::Money { yuan, .. } => format!("{yuan} 元"),
        Value::Count(_) => String::new(),
    }
}

fn unit_word(m: Metric) -> &'static str {
    match m.measure() {
        deputy_work::report::Measure::Percent => "",
        other => match other.label_zh() {
            "人" => "人",
            "人次" => "人次",
            "期" => "期",
            "次" => "次",
            "件" => "件",
            "项" => "项",
            "个" => "个",
            _ => "亿元",
        },
    }
}

fn table(r: &AnnualReport, cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "鄂尔多斯市人大常委会代表工作年度综述 / Ordos deputy work, annual report\n\
         期间 period: {} ({} – {})   (made-up records; totals as published)\n",
        r.period,
        r.period.start(),
        r.period.end()
    );
    let mut section: Option<Section> = None;
    for Figure { metric, value } in &r.figures {
        if section != Some(metric.section()) {
            section = Some(metric.section());
            let _ = writeln!(
                out,
                "【{}】 {}",
                metric.section().label_zh(),
                metric.section().label_en()
            );
        }
        let _ = writeln!(
            out,
            "  {} {} {} {}（{}）",
            right(&shown(value), 10),
            left(unit_word(*metric), 4),
            left(&detail(value), 18),
            r.label_zh(metric),
            r.label_en(metric),
        );
    }
    let _ = writeln!(
        out,
        "\n【承办单位】 handling units: 办复率 on time · 满意 satisfied · 基本满意 basically satisfied · 常委会测评 committee vote"
    );
    let name_cols = r
        .units
        .iter()
        .map(|u| width(u.name.as_deref().unwrap_or("?")))
        .max()
        .unwrap_or(0);
    for UnitFigures {
        unit,
        name,
        assigned,
        on_time,
        satisfied,
        basically_satisfied,
        evaluation,
        ..
    } in &r.units
    {
        let vote = evaluation.map_or(String::new(), |e| {
            format!(
                "测评 {}满意 / {}基本满意 / {}不满意 / {}弃权",
                e.satisfied, e.basically_satisfied, e.unsatisfied, e.abstained
            )
        });
        let row = format!(
            "  {unit:<6} {} {assigned:>3}件  办复率 {}  满意 {}  基本满意 {}  {vote}",
            left(name.as_deref().unwrap_or("?"), name_cols),
            right(&shown(on_time), 6),
            right(&shown(satisfied), 6),
            right(&shown(basically_satisfied), 6),
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
    let _ = writeln!(out, "\n【民生实事分级】 livelihood projects by level");
    for l in &r.livelihood_by_level {
        let _ = writeln!(
            out,
            "  {:>6} 项 {} 亿元  {}（{}）",
            l.projects,
            right(&shown(&l.investment), 10),
            l.level.label_zh(),
            l.level.label_en()
        );
    }
    let _ = writeln!(out, "\n【群众意见建议分类】 opinions by topic");
    for t in &r.opinions_by_topic {
        let _ = writeln!(
            out,
            "  {:>6} 件 {:>6} 件解决 {}  {}（{}）",
            t.collected,
            t.resolved,
            right(&shown(&t.rate), 7),
            t.topic.label_zh(),
            t.topic.label_en()
        );
    }
    let _ = writeln!(
        out,
        "\n  网格外代表 deputies outside grids: {}   期间外记录 records outside the period: {}",
        r.deputies_outside_grids.len(),
        r.records_outside_period
    );
    let _ = writeln!(
        out,
        "\n【同比】 year over year: {} → {}",
        cmp.previous, cmp.current
    );
    for row in &cmp.rows {
        let diff = row.difference.map_or("—".to_owned(), |d| {
            let (d, pts) = match row.current {
                Value::Percent { .. } => (d, " 个百分点"),
                Value::Money { .. } => (
                    yi_yuan(d, r.options.money_decimals, r.options.rounding).unwrap_or(d),
                    " 亿元",
                ),
                Value::Count(_) => (d, ""),
            };
            if d.is_sign_negative() {
                format!("{d}{pts}")
            } else {
                format!("+{d}{pts}")
            }
        });
        let pct = row.percent_change.map_or(String::new(), |p| {
            if p.is_sign_negative() {
                format!("({p}%)")
            } else {
                format!("(+{p}%)")
            }
        });
        let _ = writeln!(
            out,
            "  {} → {} {} {} {}",
            right(&shown(&row.previous), 10),
            left(&shown(&row.current), 10),
            right(&diff, 18),
            left(&pct, 10),
            r.label_zh(&row.metric)
        );
    }
    out
}

fn to_json(r: &AnnualReport, cmp: &Comparison) -> serde_json::Value {
    let figures: Vec<serde_json::Value> = r
        .figures
        .iter()
        .map(|f| {
            serde_json::json!({
                "metric": f.metric,
                "section": f.metric.section(),
                "label_zh": r.label_zh(&f.metric),
                "label_en": r.label_en(&f.metric),
                "measure": f.metric.measure(),
                "definition": f.metric.definition(),
                "value": f.value,
            })
        })
        .collect();
    serde_json::json!({
        "period": r.period,
        "options": r.options,
        "figures": figures,
        "units": r.units,
        "livelihood_by_level": r.livelihood_by_level,
        "opinions_by_topic": r.opinions_by_topic,
        "deputies_outside_grids": r.deputies_outside_grids,
        "records_outside_period": r.records_outside_period,
        "year_over_year": cmp,
    })
}

//! A checker of `.pb` files as Pabulib's official checker (`pabulib/checker`,
//! `pabulib/checker.py`) checks them: counts against META, vote lengths and
//! points against META limits, budget and costs, the PROJECTS `votes` and
//! `score` columns against the votes, the fields, and the official selection
//! against the rule. Findings carry the checker's own type strings, a
//! severity and the line.

use core::fmt;

use rust_decimal::Decimal;

use super::error::{Line, PbError};
use super::known::gap;
use super::model::{PbElection, PbRule, Selected, VoteType};
use super::parse::Lines;
use crate::common::{Labelled, labelled_enum};

labelled_enum! {
    /// How serious a finding is: an error makes a file invalid, a warning does
    /// not (the checker's two levels).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::Severity;
    /// assert_eq!(Severity::Error.label_zh(), "错误");
    /// ```
    pub enum Severity in vote::pabulib {
        /// The file is invalid.
        Error = "error", "错误", "error";
        /// Worth a look; the file stays valid.
        Warning = "warning", "警告", "warning";
    }
}

/// One finding of [`PbElection::check`]. Its [`Labelled`] labels name the
/// kind of finding: `label_zh` in Chinese, `label_en` the checker's type
/// string.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::pabulib::{Finding, Line, Severity};
/// let f = Finding::new(Severity::Error, "budget exceeded", Line(None), "1200 > 1000");
/// assert_eq!(f.to_string(), "error: budget exceeded: 1200 > 1000");
/// assert_eq!(f.label_zh(), "入选项目总费用超出预算");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The checker's type string (e.g. `different number of votes`).
    pub kind: &'static str,
    /// Where, when it is one line.
    pub line: Line,
    /// What was found.
    pub detail: String,
}

impl Finding {
    /// A finding of `kind` (the checker's type string) at `line`.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{Finding, Line, Severity};
    /// let f = Finding::new(Severity::Warning, "unused budget", Line(Some(4)), "50 left");
    /// assert_eq!(f.to_string(), "line 4: warning: unused budget: 50 left");
    /// ```
    #[must_use]
    pub fn new(
        severity: Severity,
        kind: &'static str,
        line: Line,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            kind,
            line,
            detail: detail.into(),
        }
    }
}

impl Labelled for Finding {
    /// The kind of finding in Chinese; the checker's type string itself
    /// when it has none.
    fn label_zh(&self) -> &str {
        kind_zh(self.kind).unwrap_or(self.kind)
    }
    /// The checker's type string.
    fn label_en(&self) -> &str {
        self.kind
    }
}

/// The Chinese name of each kind of finding (the checker's type strings,
/// and those of the lenient reader's repairs).
fn kind_zh(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "all projects funded" => "预算足以资助全部项目",
        "budget exceeded" => "入选项目总费用超出预算",
        "comma in float!" => "数值使用了逗号作小数点",
        "date range missmatch" => "起止日期有误",
        "different number of projects" => "项目数与 META 不符",
        "different number of votes" => "投票数与 META 不符",
        "different values in scores" => "项目得分与选票不符",
        "different values in votes" => "项目票数与选票不符",
        "equalshares/add1 rule not followed" => "未按平等份额法（add1）选出",
        "equalshares/add1-comparison rule not followed" => "未按平等份额法（add1，比较）选出",
        "greedy rule not followed" => "未按贪心规则选出",
        "greedy-custom cannot be verified" => "自定贪心规则无法核验",
        "greedy-exclusive potential mismatch" => "互斥贪心规则可能不符",
        "greedy-no-skip rule not followed" => "未按不跳过的贪心规则选出",
        "greedy-threshold rule not followed" => "未按带门槛的贪心规则选出",
        "incorrect meta field datatype" => "META 项数据类型有误",
        "incorrect projects field datatype" => "项目字段数据类型有误",
        "incorrect rule with threshold" => "设有得分门槛却用贪心规则",
        "invalid choose-1 meta constraint" => "单选投票的 META 限制有误",
        "invalid comment numbering" => "说明编号有误",
        "invalid meta field value" => "META 项取值有误",
        "invalid projects field value" => "项目字段取值有误",
        "missing meta field value" => "缺少 META 项",
        "missing meta obligatory field" => "缺少 META 必填项",
        "missing threshold field" => "缺少得分门槛",
        "negative cumulative points" => "累积投票分数为负",
        "no_max_length_used" => "无人用满最多可投项目数",
        "not known meta fields" => "未知的 META 项",
        "points above maximum" => "分数高于上限",
        "points below minimum" => "分数低于下限",
        "points sum above maximum" => "分数合计高于上限",
        "points sum below minimum" => "分数合计低于下限",
        "poznan rule not followed" => "未按波兹南规则选出",
        "project with no cost" => "项目无费用",
        "project with no votes" => "项目无人投票",
        "selected sentinel-cost project" => "已撤回项目入选",
        "single project exceeded whole budget" => "单个项目费用超出全部预算",
        "unused budget" => "剩余预算足以资助未入选项目",
        "vote length exceeded" => "所投项目数超出上限",
        "vote length too short" => "所投项目数低于下限",
        "vote order not sorted by points" => "选票未按分数排序",
        "vote with duplicated projects" => "同一选票重复投同一项目",
        _ => return None,
    })
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}: {}: {}",
            self.line,
            self.severity.label_en(),
            self.kind,
            self.detail
        )
    }
}

/// The META keys Pabulib's format knows (`pabulib_helpers/fields.py`), in
/// its order; the first eleven are obligatory.
const META_KNOWN: [&str; 44] = [
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "district",
    "subunit",
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "default_score",
    "min_project_cost",
    "max_project_cost",
    "min_project_score_threshold",
    "neighborhoods",
    "subdistricts",
    "categories",
    "edition",
    "language",
    "currency",
    "fully_funded",
    "experimental",
    "comment",
    "acknowledgments",
    "leftover_budget",
    "budget_per_category",
    "budget_per_neighborhood",
    "min_length_per_category",
    "max_length_per_category",
    "min_sum_cost_per_category",
    "max_sum_cost_per_category",
    "key",
    "scoring_fn",
];

/// How many of [`META_KNOWN`] are obligatory.
const META_OBLIGATORY: usize = 11;

/// The cost Pabulib gives a withdrawn project (`SENTINEL_PROJECT_COST`).
const WITHDRAWN: u64 = 999_999_999;

struct Out<'a> {
    findings: Vec<Finding>,
    lines: Option<&'a Lines>,
}

impl Out<'_> {
    fn push(&mut self, severity: Severity, kind: &'static str, line: Line, detail: String) {
        self.findings.push(Finding {
            severity,
            kind,
            line,
            detail,
        });
    }
    fn error(&mut self, kind: &'static str, line: Line, detail: String) {
        self.push(Severity::Error, kind, line, detail);
    }
    fn warn(&mut self, kind: &'static str, line: Line, detail: String) {
        self.push(Severity::Warning, kind, line, detail);
    }
    fn meta_line(&self, e: &PbElection, key: &str) -> Line {
        let i = e.meta().iter().position(|(k, _)| k == key);
        Line(i.and_then(|i| self.lines.and_then(|l| l.meta.get(i).copied())))
    }
    fn project_line(&self, i: usize) -> Line {
        Line(self.lines.and_then(|l| l.projects.get(i).copied()))
    }
    fn vote_line(&self, i: usize) -> Line {
        Line(self.lines.and_then(|l| l.votes.get(i).copied()))
    }
}

impl PbElection {
    /// Checks `.pb` text as Pabulib's official checker does and returns its
    /// findings, each with its line: the file is read leniently (each repair
    /// is reported as the error the checker gives it, e.g. `vote with
    /// duplicated projects`, `different number of votes`), then
    /// [`PbElection::check`]'s checks run. Cost: linear in the text, plus
    /// deciding the election by its META rule (for Equal Shares not bounded
    /// by the text's size: see [`PbElection::decide`]).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, Severity};
    /// let text = "META\nkey;value\nnum_votes;3\nbudget;10\nvote_type;approval\nrule;greedy\nmax_length;1\n\
    ///     PROJECTS\nproject_id;cost;selected\na;6;1\nb;5;0\n\
    ///     VOTES\nvoter_id;vote\n1;a,b\n2;a\n";
    /// let findings = PbElection::check_text(text)?;
    /// let kinds: Vec<&str> = findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.kind).collect();
    /// assert!(kinds.contains(&"different number of votes"));
    /// assert!(kinds.contains(&"vote length exceeded"));
    /// let long = findings.iter().find(|f| f.kind == "vote length exceeded").ok_or("none")?;
    /// assert_eq!(long.line.0, Some(14));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// What even the lenient reader refuses ([`PbElection::parse_lenient`]).
    pub fn check_text(text: &str) -> Result<Vec<Finding>, PbError> {
        let mut lines = Lines::default();
        let (e, repairs) = Self::read(text, true, Some(&mut lines))?;
        let mut out = Out {
            findings: Vec::new(),
            lines: Some(&lines),
        };
        for r in repairs {
            out.error(r.kind.checker_kind(), r.line, r.what);
        }
        e.run_checks(&mut out);
        Ok(out.findings)
    }

    /// Checks the election as Pabulib's official checker does (without
    /// lines: see [`PbElection::check_text`] for a file). Errors and
    /// warnings carry the checker's type strings:
    ///
    /// Cost: linear in the election's entries plus O(p log p) in the
    /// projects, and, when the file has an official selection and names a
    /// rule, deciding it by that rule ([`PbElection::decide`]: for Equal
    /// Shares at most 64 runs per project and group of identical ballots).
    ///
    /// - META: obligatory keys missing, keys the format does not know,
    ///   `num_votes` and `num_projects` against the sections, dates
    ///   (`YYYY` or `DD.MM.YYYY`, not ending before they begin), a
    ///   `comment` not numbered `#1: …`, `greedy` with a threshold or
    ///   `greedy-threshold` without one;
    /// - budget and costs: a project costing nothing or more than the whole
    ///   budget, the selected projects over budget, a budget that funds every
    ///   project (unless `fully_funded`), budget left that would fund an
    ///   unselected project under a skipping greedy rule;
    /// - votes: lengths against `min_length` / `max_length`, points against
    ///   `min_points` / `max_points` (errors) and their sums against
    ///   `min_sum_points` / `max_sum_points` (warnings), negative cumulative
    ///   points, points not in decreasing order (warning);
    /// - the PROJECTS `votes` and `score` columns against the votes (scores:
    ///   the sum of points, or positional points `L, L − 1, …` by the
    ///   ballot's own length `L` when there are no points);
    /// - the official selection against the META rule (`<rule> rule not
    ///   followed`; a warning for `greedy-custom` and `greedy-exclusive`,
    ///   which the format cannot state fully).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy\n\
    ///     PROJECTS\nproject_id;cost;selected\na;6;1\nb;5;1\nVOTES\nvoter_id;vote\n1;a,b\n")?;
    /// let kinds: Vec<&str> = e.check().iter().map(|f| f.kind).collect();
    /// assert!(kinds.contains(&"budget exceeded"));
    /// assert!(kinds.contains(&"greedy rule not followed"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn check(&self) -> Vec<Finding> {
        let mut out = Out {
            findings: Vec::new(),
            lines: None,
        };
        self.run_checks(&mut out);
        out.findings
    }

    fn run_checks(&self, out: &mut Out<'_>) {
        self.check_meta(out);
        self.check_budget(out);
        self.check_votes(out);
        self.check_columns(out);
        self.check_project_fields(out);
        self.check_rule(out);
    }

    /// PROJECTS values (`fields.py`): `votes` and `score` integers,
    /// coordinates both given, numbers and within range
    /// (`check_project_coordinates`).
    fn check_project_fields(&self, out: &mut Out<'_>) {
        let (votes, score) = (self.extra_column("votes"), self.extra_column("score"));
        let (lat, lon) = (
            self.extra_column("latitude"),
            self.extra_column("longitude"),
        );
        for (i, p) in self.projects().iter().enumerate() {
            let value = |c: Option<usize>| c.and_then(|c| p.extra.get(c)).map(|v| v.trim());
            for (name, col) in [("votes", votes), ("score", score)] {
                if let Some(v) = value(col)
                    && !v.is_empty()
                    && v.parse::<i64>().is_err()
                {
                    out.error(
                        "incorrect projects field datatype",
                        out.project_line(i),
                        format!("project `{}`: {name} `{v}` is not an integer", p.id),
                    );
                }
            }
            let coordinate = |v: Option<&str>| {
                v.filter(|v| !v.is_empty())
                    .map(|v| v.replace(',', ".").parse::<f64>().ok())
            };
            let problem = match (coordinate(value(lat)), coordinate(value(lon))) {
                (None, None) => None,
                (Some(_), None) | (None, Some(_)) => Some("only one of latitude and longitude"),
                (Some(None), _) | (_, Some(None)) => Some("a coordinate is not a number"),
                (Some(Some(la)), Some(Some(lo))) => (!(-90.0..=90.0).contains(&la)
                    || !(-180.0..=180.0).contains(&lo))
                .then_some("a coordinate out of range"),
            };
            if let Some(problem) = problem {
                out.error(
                    "invalid projects field value",
                    out.project_line(i),
                    format!("project `{}`: {problem}", p.id),
                );
            }
        }
    }

    fn meta_int(&self, key: &str) -> Option<i64> {
        self.meta_value(key)
            .and_then(|v| v.trim().parse::<i64>().ok())
    }

    fn meta_decimal(&self, key: &str) -> Option<Decimal> {
        self.meta_value(key)
            .and_then(|v| v.trim().replace(',', ".").parse::<Decimal>().ok())
    }

    fn check_meta(&self, out: &mut Out<'_>) {
        let missing: Vec<&str> = META_KNOWN
            .iter()
            .take(META_OBLIGATORY)
            .filter(|k| self.meta_value(k).is_none())
            .copied()
            .collect();
        if !missing.is_empty() {
            out.error(
                "missing meta obligatory field",
                Line(None),
                format!("missing fields: {}", missing.join(", ")),
            );
        }
        for (k, _) in self.meta() {
            if !META_KNOWN.contains(&k.as_str()) {
                let line = out.meta_line(self, k);
                out.error("not known meta fields", line, format!("`{k}`"));
            }
        }
        for (key, counted, kind) in [
            ("num_votes", self.votes().len(), "different number of votes"),
            (
                "num_projects",
                self.projects().len(),
                "different number of projects",
            ),
        ] {
            let line = out.meta_line(self, key);
            match self.meta_value(key) {
                None => {}
                Some(v) => match v.trim().parse::<usize>() {
                    Ok(n) if n == counted => {}
                    Ok(n) => out.error(
                        kind,
                        line,
                        format!("{key} in META: {n}, counted in the file: {counted}"),
                    ),
                    Err(_) => out.error("invalid meta field value", line, format!("{key}: `{v}`")),
                },
            }
        }
        let date = |key: &str| {
            let v = self.meta_value(key)?.trim().to_owned();
            Some((key.to_owned(), v))
        };
        let mut parsed = Vec::new();
        for (key, v) in [date("date_begin"), date("date_end")].into_iter().flatten() {
            match parse_date(&v) {
                Some(d) => parsed.push(d),
                None => {
                    let line = out.meta_line(self, &key);
                    out.error(
                        "invalid meta field value",
                        line,
                        format!("{key}: `{v}` is neither YYYY nor DD.MM.YYYY"),
                    );
                }
            }
        }
        if let [begin, end] = parsed.as_slice()
            && begin > end
        {
            let line = out.meta_line(self, "date_end");
            out.error(
                "date range missmatch",
                line,
                "date_end is before date_begin".into(),
            );
        }
        if let Some(c) = self.meta_value("comment")
            && !c.trim_start().starts_with("#1: ")
        {
            let line = out.meta_line(self, "comment");
            out.error(
                "invalid comment numbering",
                line,
                "a comment starts with `#1: `".into(),
            );
        }
        // Field types and values (`fields.py`): integers, numbers, flags
        // that must be 1, ISO codes.
        for (k, v) in self.meta() {
            let line = out.meta_line(self, k);
            let t = v.trim();
            let problem = match k.as_str() {
                "num_projects"
                | "num_votes"
                | "min_length"
                | "max_length"
                | "min_points"
                | "max_points"
                | "min_sum_points"
                | "max_sum_points"
                | "default_score"
                | "min_project_cost"
                | "max_project_cost"
                | "min_project_score_threshold"
                | "min_length_per_category"
                | "max_length_per_category" => (t.parse::<i64>().is_err()).then_some("an integer"),
                "budget" | "min_sum_cost" | "max_sum_cost" => {
                    (t.replace(',', ".").parse::<f64>().is_err()).then_some("a number")
                }
                "fully_funded" | "experimental" => (t != "1").then_some("1"),
                "language" => (t.len() != 2 || !t.chars().all(|c| c.is_ascii_lowercase()))
                    .then_some("an ISO 639-1 code (two lower-case letters)"),
                "currency" => (t.len() != 3 || !t.chars().all(|c| c.is_ascii_uppercase()))
                    .then_some("an ISO 4217 code (three capitals)"),
                _ => None,
            };
            if let Some(expected) = problem {
                out.error(
                    "incorrect meta field datatype",
                    line,
                    format!("{k}: expected {expected}, found `{t}`"),
                );
            }
            if k == "budget" && t.contains(',') {
                out.error("comma in float!", line, "in budget".into());
            }
        }
        if self.vote_type() == VoteType::Cumulative && self.meta_value("max_sum_points").is_none() {
            out.error(
                "missing meta field value",
                Line(None),
                "cumulative ballots need max_sum_points".into(),
            );
        }
        if self.vote_type() == VoteType::Choose1
            && [self.meta_int("min_length"), self.meta_int("max_length")]
                .iter()
                .any(|m| m.is_some_and(|m| m != 1))
        {
            out.error(
                "invalid choose-1 meta constraint",
                out.meta_line(self, "max_length"),
                "choose-1 ballots have min_length and max_length 1".into(),
            );
        }
        if let (Some(m), Ok(n)) = (
            self.meta_int("max_length"),
            i64::try_from(self.projects().len()),
        ) && m > n
        {
            out.error(
                "invalid meta field value",
                out.meta_line(self, "max_length"),
                format!("max_length {m} is more than the {n} projects"),
            );
        }
        let has_threshold = self.meta_value("min_project_score_threshold").is_some();
        match self.meta_value("rule").map(str::trim) {
            Some("greedy") if has_threshold => out.error(
                "incorrect rule with threshold",
                out.meta_line(self, "rule"),
                "rule is `greedy` but min_project_score_threshold is given: use greedy-threshold"
                    .into(),
            ),
            Some("greedy-threshold") if !has_threshold => out.error(
                "missing threshold field",
                out.meta_line(self, "rule"),
                "greedy-threshold needs min_project_score_threshold".into(),
            ),
            _ => {}
        }
    }

    fn check_budget(&self, out: &mut Out<'_>) {
        let budget = self.budget().floor();
        let mut spent = Decimal::ZERO;
        let mut all = Decimal::ZERO;
        // Sums saturate on purpose: one past Decimal's range is past any
        // budget, which is all they are compared with.
        for (i, p) in self.projects().iter().enumerate() {
            let cost = p.cost.floor();
            all = all.saturating_add(cost);
            let withdrawn = cost == Decimal::from(WITHDRAWN);
            if p.selected == Some(Selected::Yes) {
                spent = spent.saturating_add(cost);
                if withdrawn {
                    out.error(
                        "selected sentinel-cost project",
                        out.project_line(i),
                        format!("project `{}` is withdrawn but selected", p.id),
                    );
                }
            }
            if cost.is_zero() {
                out.error(
                    "project with no cost",
                    out.project_line(i),
                    format!("project `{}` has no cost", p.id),
                );
            } else if cost > budget {
                let detail = format!(
                    "project `{}` costs {cost}, more than the whole budget {budget}",
                    p.id
                );
                if withdrawn {
                    out.warn(
                        "single project exceeded whole budget",
                        out.project_line(i),
                        detail,
                    );
                } else {
                    out.error(
                        "single project exceeded whole budget",
                        out.project_line(i),
                        detail,
                    );
                }
            }
        }
        if spent > budget {
            out.error(
                "budget exceeded",
                Line(None),
                format!("budget {budget}, cost of the selected projects {spent}"),
            );
        }
        if self.meta_value("fully_funded").is_none() && budget >= all && !all.is_zero() {
            out.error(
                "all projects funded",
                Line(None),
                format!("budget {budget}, cost of all projects {all}"),
            );
        }
        // Budget left that would fund an unselected project, under a
        // skipping greedy rule (an error; a warning for the rules the format
        // cannot state fully).
        let severity = match self.rule() {
            Some(PbRule::Greedy | PbRule::GreedyThreshold) => Severity::Error,
            Some(PbRule::GreedyCustom | PbRule::GreedyExclusive) => Severity::Warning,
            _ => return,
        };
        if self.official_selection().is_none() {
            return;
        }
        let Ok(scores) = self.scores() else { return };
        // Saturating on purpose, as the sums it comes from.
        let mut left = budget.saturating_sub(spent);
        let mut candidates: Vec<usize> = (0..self.projects().len())
            .filter(|&i| {
                self.projects().get(i).and_then(|p| p.selected) == Some(Selected::No)
                    && self
                        .threshold
                        .is_none_or(|t| scores.get(i).is_some_and(|s| *s > t))
            })
            .collect();
        candidates.sort_by(|&a, &b| {
            let s = |i: usize| {
                let s = scores.get(i).copied();
                debug_assert!(s.is_some(), "a score per project");
                s.unwrap_or_default()
            };
            s(b).cmp(&s(a)).then(a.cmp(&b))
        });
        let mut fits = Vec::new();
        for i in candidates {
            let Some(p) = self.projects().get(i) else {
                continue;
            };
            let cost = p.cost.floor();
            if cost <= left {
                left = left.saturating_sub(cost);
                fits.push(p.id.as_str());
            }
        }
        if !fits.is_empty() {
            out.push(
                severity,
                "unused budget",
                Line(None),
                format!(
                    "projects {} can be funded but are not selected",
                    fits.join(", ")
                ),
            );
        }
    }

    fn check_votes(&self, out: &mut Out<'_>) {
        let max = self.meta_int("max_length");
        let min = self.meta_int("min_length");
        let (min_p, max_p) = (
            self.meta_decimal("min_points"),
            self.meta_decimal("max_points"),
        );
        let (min_s, max_s) = (
            self.meta_decimal("min_sum_points"),
            self.meta_decimal("max_sum_points"),
        );
        let mut used_max = false;
        for (i, v) in self.votes().iter().enumerate() {
            let line = out.vote_line(i);
            // Saturating on purpose: a length past i64 is past any limit.
            let n = i64::try_from(v.projects.len()).unwrap_or(i64::MAX);
            if let Some(m) = max.filter(|&m| n > m) {
                out.error(
                    "vote length exceeded",
                    line,
                    format!("voter `{}`: {n} projects, at most {m}", v.voter_id),
                );
            }
            if let Some(m) = min.filter(|&m| n < m) {
                out.error(
                    "vote length too short",
                    line,
                    format!("voter `{}`: {n} projects, at least {m}", v.voter_id),
                );
            }
            used_max |= max == Some(n);
            if v.points.is_empty() {
                continue;
            }
            for p in v.points {
                if self.vote_type() == VoteType::Cumulative && p.is_sign_negative() && !p.is_zero()
                {
                    out.error(
                        "negative cumulative points",
                        line,
                        format!("voter `{}`: {p}", v.voter_id),
                    );
                }
                if min_p.is_some_and(|m| *p < m) {
                    out.error(
                        "points below minimum",
                        line,
                        format!("voter `{}`: {p}", v.voter_id),
                    );
                }
                if max_p.is_some_and(|m| *p > m) {
                    out.error(
                        "points above maximum",
                        line,
                        format!("voter `{}`: {p}", v.voter_id),
                    );
                }
            }
            let sum: Decimal = v
                .points
                .iter()
                // Saturating on purpose: a sum past Decimal's range is past
                // any limit in META.
                .fold(Decimal::ZERO, |a, p| a.saturating_add(*p));
            if min_s.is_some_and(|m| sum < m) {
                out.warn(
                    "points sum below minimum",
                    line,
                    format!("voter `{}`: {sum}", v.voter_id),
                );
            }
            if max_s.is_some_and(|m| sum > m) {
                out.warn(
                    "points sum above maximum",
                    line,
                    format!("voter `{}`: {sum}", v.voter_id),
                );
            }
            if v.points.windows(2).any(|w| w.first() < w.get(1)) {
                out.warn(
                    "vote order not sorted by points",
                    line,
                    format!("voter `{}`", v.voter_id),
                );
            }
        }
        if max.is_some() && !used_max && !self.votes().is_empty() {
            out.warn(
                "no_max_length_used",
                out.meta_line(self, "max_length"),
                "no voter used the longest ballot allowed".into(),
            );
        }
    }

    /// The PROJECTS `votes` and `score` columns against the votes.
    fn check_columns(&self, out: &mut Out<'_>) {
        let column = |name: &str| self.extra_column(name);
        let n = self.projects().len();
        let mut counted = vec![0_u64; n];
        let mut points = vec![Decimal::ZERO; n];
        let has_points = self.vote_columns().iter().any(|c| c == "points");
        for v in self.votes() {
            // Positional points: the first of `len` projects earns `len`,
            // the last 1.
            for (j, &p) in v.projects.iter().enumerate() {
                let p = p as usize;
                if let Some(c) = counted.get_mut(p) {
                    debug_assert!(*c < u64::MAX, "at most the number of ballots");
                    *c = c.saturating_add(1);
                }
                let add = if has_points {
                    let pts = v.points.get(j).copied();
                    debug_assert!(pts.is_some(), "a ballot has a point per project");
                    pts.unwrap_or_default()
                } else {
                    Decimal::from(gap(j, v.projects.len()))
                };
                if let Some(x) = points.get_mut(p) {
                    // Saturating on purpose: a sum past Decimal's range
                    // differs from any figure in the file all the same.
                    *x = x.saturating_add(add);
                }
            }
        }
        for (name, kind, figures) in [
            (
                "votes",
                "different values in votes",
                counted
                    .iter()
                    .map(|&c| Decimal::from(c))
                    .collect::<Vec<_>>(),
            ),
            ("score", "different values in scores", points),
        ] {
            let Some(col) = column(name) else { continue };
            for (i, (p, want)) in self.projects().iter().zip(&figures).enumerate() {
                let text = p.extra.get(col).map_or("", |s| s.trim());
                // Not a number: read as 0 (its datatype is a finding of its own).
                let file = text.parse::<Decimal>().unwrap_or_default();
                if name == "votes" && file.is_zero() {
                    out.warn(
                        "project with no votes",
                        out.project_line(i),
                        format!("project `{}`", p.id),
                    );
                }
                if file.trunc() != want.trunc() {
                    out.error(
                        kind,
                        out.project_line(i),
                        format!("project `{}`: `{text}` in the file, {want} counted", p.id),
                    );
                }
            }
        }
    }

    /// The official selection against the META rule.
    fn check_rule(&self, out: &mut Out<'_>) {
        let Some(rule) = self.rule() else { return };
        if self.official_selection().is_none() {
            return;
        }
        let Ok(outcome) = self.decide(rule) else {
            return;
        };
        let Some(diff) = self.compare_with_official(&outcome) else {
            return;
        };
        if diff.is_match() {
            return;
        }
        let detail = format!(
            "projects not selected but should be: {}; selected but should not be: {}",
            diff.only_computed.join(", "),
            diff.only_official.join(", ")
        );
        match rule {
            PbRule::GreedyExclusive => {
                out.warn("greedy-exclusive potential mismatch", Line(None), detail);
            }
            PbRule::GreedyCustom if self.meta_value("unit").map(str::trim) != Some("Poznań") => {
                out.warn("greedy-custom cannot be verified", Line(None), detail);
            }
            PbRule::GreedyCustom => out.error("poznan rule not followed", Line(None), detail),
            PbRule::Greedy => out.error("greedy rule not followed", Line(None), detail),
            PbRule::GreedyNoSkip => {
                out.error("greedy-no-skip rule not followed", Line(None), detail)
            }
            PbRule::GreedyThreshold => {
                out.error("greedy-threshold rule not followed", Line(None), detail);
            }
            PbRule::EqualSharesAdd1 => {
                out.error("equalshares/add1 rule not followed", Line(None), detail);
            }
            PbRule::EqualSharesAdd1Comparison => out.error(
                "equalshares/add1-comparison rule not followed",
                Line(None),
                detail,
            ),
        }
    }

    /// The position of PROJECTS column `name` among a project's `extra`
    /// values.
    fn extra_column(&self, name: &str) -> Option<usize> {
        self.project_columns()
            .iter()
            .filter(|c| !matches!(c.as_str(), "project_id" | "cost" | "selected"))
            .position(|c| c.eq_ignore_ascii_case(name))
    }
}

/// `YYYY` or `DD.MM.YYYY`, as a comparable (year, month, day).
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    if s.len() == 4 {
        return s.parse::<i32>().ok().map(|y| (y, 1, 1));
    }
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() != 2 || m.len() != 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|_| (y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::pabulib::RepairKind;

    /// Every kind the checker reports directly (a literal passed to
    /// `Out::error` or `Out::warn` in this file) has a Chinese name, and so
    /// have those it passes along (counts, columns, rules, repairs).
    #[test]
    fn every_kind_of_finding_has_a_chinese_name() {
        let source = include_str!("check.rs");
        let mut kinds = Vec::new();
        // Spelt in two pieces, so that this line is not one of the calls.
        for call in [concat!(".", "error("), concat!(".", "warn(")] {
            for (at, _) in source.match_indices(call) {
                let rest = source[at + call.len()..].trim_start();
                if let Some(lit) = rest.strip_prefix('"') {
                    kinds.push(&lit[..lit.find('"').unwrap()]);
                }
            }
        }
        assert!(kinds.len() > 25, "{kinds:?}");
        kinds.extend([
            "different number of votes",
            "different number of projects",
            "different values in votes",
            "different values in scores",
            "equalshares/add1-comparison rule not followed",
        ]);
        kinds.extend(
            [
                RepairKind::RepeatedProject,
                RepairKind::NumVotes,
                RepairKind::NumProjects,
            ]
            .map(RepairKind::checker_kind),
        );
        for kind in kinds {
            let f = Finding::new(Severity::Warning, kind, Line(None), "");
            assert!(kind_zh(kind).is_some(), "{kind:?} has no Chinese name");
            assert!(!f.label_zh().is_ascii(), "{kind:?}");
            assert_eq!(f.label_en(), kind);
        }
        // An unknown kind falls back to itself.
        assert_eq!(
            Finding::new(Severity::Error, "new kind", Line(None), "").label_zh(),
            "new kind"
        );
    }
}

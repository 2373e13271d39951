//! The error type of the participatory-budgeting engine.

use core::fmt;

use crate::common::{Labelled, labelled_enum};

/// Where an error was found: a 1-based line of `.pb` text, or nowhere in
/// particular when the election was built in code.
///
/// ```
/// use deputy_work::vote::pabulib::Line;
/// assert_eq!(Line(Some(12)).to_string(), "line 12: ");
/// assert_eq!(Line(None).to_string(), "");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Line(pub Option<usize>);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, "line {n}: "),
            None => Ok(()),
        }
    }
}

/// A defect of a `.pb` file that the lenient reader repaired
/// ([`PbElection::parse_lenient`](super::PbElection::parse_lenient)): where,
/// and what was done.
///
/// ```
/// use deputy_work::vote::pabulib::{Line, PbRepair, RepairKind};
/// let r = PbRepair::new(RepairKind::RepeatedProject, Line(Some(7)), "kept its first place");
/// assert_eq!(r.to_string(), "line 7: kept its first place");
/// assert_eq!(r.kind.checker_kind(), "vote with duplicated projects");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PbRepair {
    /// Which defect.
    pub kind: RepairKind,
    /// Where.
    pub line: Line,
    /// What was repaired, and how.
    pub what: String,
}

impl PbRepair {
    /// A repair of `kind` at `line`, saying `what` was done.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{Line, PbRepair, RepairKind};
    /// let r = PbRepair::new(RepairKind::NumVotes, Line(Some(3)), "set to 2");
    /// assert_eq!(r.line, Line(Some(3)));
    /// assert_eq!(r.what, "set to 2");
    /// ```
    #[must_use]
    pub fn new(kind: RepairKind, line: Line, what: impl Into<String>) -> Self {
        Self {
            kind,
            line,
            what: what.into(),
        }
    }
}

labelled_enum! {
    /// The defects the lenient reader repairs.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::RepairKind;
    /// assert_eq!(RepairKind::NumVotes.checker_kind(), "different number of votes");
    /// assert_eq!(RepairKind::NumVotes.label_zh(), "投票数与 META 不符");
    /// ```
    #[non_exhaustive]
    pub enum RepairKind in vote::pabulib {
        /// A project named twice in one vote: kept its first place.
        RepeatedProject = "repeated_project", "同一选票重复投同一项目", "project named twice in a vote";
        /// META `num_votes` not the number of votes: set to it.
        NumVotes = "num_votes", "投票数与 META 不符", "number of votes differs from META";
        /// META `num_projects` not the number of projects: set to it.
        NumProjects = "num_projects", "项目数与 META 不符", "number of projects differs from META";
    }
}

impl RepairKind {
    /// The official checker's type string for the defect.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::RepairKind;
    /// assert_eq!(RepairKind::NumProjects.checker_kind(), "different number of projects");
    /// ```
    #[must_use]
    pub const fn checker_kind(self) -> &'static str {
        match self {
            Self::RepeatedProject => "vote with duplicated projects",
            Self::NumVotes => "different number of votes",
            Self::NumProjects => "different number of projects",
        }
    }
}

impl fmt::Display for PbRepair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.line, self.what)
    }
}

/// Everything that can go wrong while reading, building or deciding a
/// participatory-budgeting election.
///
/// Errors found in `.pb` text say on which line ([`Line`]) and what was
/// expected there.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbError};
/// let err = PbElection::parse("META\nkey;value\nbudget;abc\nPROJECTS\n").unwrap_err();
/// assert!(matches!(err, PbError::InvalidNumber { .. }));
/// assert_eq!(err.to_string(), "line 3: budget: expected a non-negative number, found \"abc\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PbError {
    /// A line is not what the format allows at that place.
    #[error("{line}expected {expected}, found {found:?}")]
    Unexpected {
        /// Where.
        line: Line,
        /// What the format allows there.
        expected: &'static str,
        /// What was found (shortened to 80 characters).
        found: String,
    },
    /// The text ended before a section or header the format requires.
    #[error("line {line}: the file ends before {expected}")]
    UnexpectedEnd {
        /// The last line number of the text (0 for empty text).
        line: usize,
        /// What was still missing.
        expected: &'static str,
    },
    /// A quoted field is never closed.
    #[error("line {line}: a quoted field is not closed")]
    UnclosedQuote {
        /// The line where the quoted field starts.
        line: usize,
    },
    /// The text is not UTF-8 ([`PbReader`](super::PbReader) takes bytes).
    #[error("line {line}: the text is not valid UTF-8")]
    NotUtf8 {
        /// The line with the first invalid byte.
        line: usize,
    },
    /// A section header lacks a required column, or names a column twice.
    #[error("{line}{section} header: {problem} column {column:?}")]
    BadHeader {
        /// Where.
        line: Line,
        /// `PROJECTS` or `VOTES`.
        section: &'static str,
        /// `"missing"` or `"duplicate"`.
        problem: &'static str,
        /// The column concerned.
        column: String,
    },
    /// A row has a different number of fields than its header.
    #[error("{line}expected {expected} fields as in the header, found {found}")]
    FieldCount {
        /// Where.
        line: Line,
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A required META key is missing.
    #[error("META has no {key:?}")]
    MissingMeta {
        /// The key (`budget` or `vote_type`).
        key: &'static str,
    },
    /// A META key appears twice.
    #[error("{line}META key {key:?} appears twice")]
    DuplicateMeta {
        /// Where.
        line: Line,
        /// The key.
        key: String,
    },
    /// A number could not be read.
    #[error("{line}{field}: expected {expected}, found {found:?}")]
    InvalidNumber {
        /// Where.
        line: Line,
        /// The field or column.
        field: &'static str,
        /// What kind of number was expected.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// The META `vote_type` is not one of the Pabulib vote types.
    #[error(
        "{line}vote_type: expected approval, cumulative, scoring, ordinal or choose-1, found {found:?}"
    )]
    UnknownVoteType {
        /// Where.
        line: Line,
        /// What was found.
        found: String,
    },
    /// A project id is empty, has surrounding spaces or a comma, or is not unique.
    #[error("{line}project id {id:?} is {problem}")]
    BadProjectId {
        /// Where.
        line: Line,
        /// The id.
        id: String,
        /// `"empty"`, `"not trimmed"`, `"containing a comma"` or `"a duplicate"`.
        problem: &'static str,
    },
    /// A voter id is empty or appears twice.
    #[error("{line}voter id {id:?} is {problem}")]
    BadVoterId {
        /// Where.
        line: Line,
        /// The id.
        id: String,
        /// `"empty"` or `"a duplicate"`.
        problem: &'static str,
    },
    /// A vote names a project that is not in PROJECTS.
    #[error("{line}voter {voter:?} votes for unknown project {project:?}")]
    UnknownProject {
        /// Where.
        line: Line,
        /// The voter.
        voter: String,
        /// The unknown project id.
        project: String,
    },
    /// META `num_votes` or `num_projects` is not the number of rows in its
    /// section.
    #[error("{line}META {key} is {meta:?} but the file has {counted}")]
    CountMismatch {
        /// Where (the META entry).
        line: Line,
        /// `num_votes` or `num_projects`.
        key: &'static str,
        /// The META value.
        meta: String,
        /// The rows counted.
        counted: usize,
    },
    /// A greedy explanation asked of a rule that is not greedy.
    #[error("`{rule}` is not a greedy rule: there is no greedy walk to explain")]
    NotGreedy {
        /// The rule.
        rule: &'static str,
    },
    /// A vote names the same project twice.
    #[error("{line}voter {voter:?} names project {project:?} twice")]
    RepeatedProject {
        /// Where.
        line: Line,
        /// The voter.
        voter: String,
        /// The project named twice.
        project: String,
    },
    /// A vote breaks its vote type: points missing or not matching the
    /// projects, or a choose-1 ballot naming several projects.
    #[error("{line}voter {voter:?}: {problem}")]
    BadBallot {
        /// Where.
        line: Line,
        /// The voter.
        voter: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// The META names no rule, or one this crate does not implement.
    #[error(
        "no rule to decide by: META rule is {found:?}; expected greedy, greedy-no-skip or equalshares/add1"
    )]
    NoRule {
        /// The META `rule`, if any.
        found: Option<String>,
    },
    /// The rule cannot decide this vote type.
    #[error("rule {rule} cannot decide {vote_type} ballots")]
    UnsupportedVoteType {
        /// The rule's Pabulib name.
        rule: &'static str,
        /// The vote type's Pabulib name.
        vote_type: &'static str,
    },
    /// A sum or an exact fraction grew beyond the engine's widest integers
    /// (8,192 bits for equal shares; `Decimal` for sums of costs and points).
    #[error("arithmetic overflow while {what}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },
    /// Equal Shares' add1 completion would take more runs of the method
    /// than its limit for the election's size (64 per project and group of
    /// identical ballots, at least 10,000; see
    /// [`PbElection::decide`](super::PbElection::decide)): the election is
    /// not decided. No real election comes near it; a caller may decide
    /// the file by another rule.
    #[error(
        "equal shares: the add1 completion needs more than {limit} runs of the method, \
         the limit for {projects} projects and {groups} groups of identical ballots; \
         the election is not decided"
    )]
    CompletionTooLong {
        /// The limit on runs that was reached.
        limit: u64,
        /// The election's projects.
        projects: usize,
        /// Its groups of voters with identical ballots.
        groups: usize,
    },
}

impl Labelled for PbError {
    fn label_zh(&self) -> &str {
        match self {
            Self::Unexpected { .. } => "格式不符",
            Self::UnexpectedEnd { .. } => "文件不完整",
            Self::UnclosedQuote { .. } => "引号未闭合",
            Self::NotUtf8 { .. } => "编码错误",
            Self::BadHeader { .. } => "表头有误",
            Self::FieldCount { .. } => "字段数不符",
            Self::MissingMeta { .. } => "缺少必填项",
            Self::DuplicateMeta { .. } => "META 项重复",
            Self::InvalidNumber { .. } => "数值有误",
            Self::UnknownVoteType { .. } => "投票类型不明",
            Self::BadProjectId { .. } => "项目编号有误",
            Self::BadVoterId { .. } => "投票人编号有误",
            Self::UnknownProject { .. } => "项目不存在",
            Self::CountMismatch { .. } => "数量与 META 不符",
            Self::NotGreedy { .. } => "非贪心规则",
            Self::RepeatedProject { .. } => "项目重复",
            Self::BadBallot { .. } => "选票无效",
            Self::NoRule { .. } => "未指定规则",
            Self::UnsupportedVoteType { .. } => "规则不适用",
            Self::Overflow { .. } => "数值溢出",
            Self::CompletionTooLong { .. } => "计算量超限",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Unexpected { .. } => "unexpected line",
            Self::UnexpectedEnd { .. } => "unexpected end",
            Self::UnclosedQuote { .. } => "unclosed quote",
            Self::NotUtf8 { .. } => "not UTF-8",
            Self::BadHeader { .. } => "bad header",
            Self::FieldCount { .. } => "wrong number of fields",
            Self::MissingMeta { .. } => "missing META key",
            Self::DuplicateMeta { .. } => "duplicate META key",
            Self::InvalidNumber { .. } => "invalid number",
            Self::UnknownVoteType { .. } => "unknown vote type",
            Self::BadProjectId { .. } => "bad project id",
            Self::BadVoterId { .. } => "bad voter id",
            Self::UnknownProject { .. } => "unknown project",
            Self::CountMismatch { .. } => "count mismatch",
            Self::NotGreedy { .. } => "not a greedy rule",
            Self::RepeatedProject { .. } => "repeated project",
            Self::BadBallot { .. } => "bad ballot",
            Self::NoRule { .. } => "no rule",
            Self::UnsupportedVoteType { .. } => "unsupported vote type",
            Self::Overflow { .. } => "arithmetic overflow",
            Self::CompletionTooLong { .. } => "completion too long",
        }
    }
}

impl PbError {
    /// The whole message in Chinese, with the same data as the English
    /// [`Display`](fmt::Display) (line, ids, fields, numbers). The fixed
    /// phrases the engine uses (what was expected, what is wrong) are
    /// translated; a field name or a value from the file is quoted as it is.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::PbElection;
    /// let err = PbElection::parse("META\nkey;value\nbudget;abc\nPROJECTS\n").unwrap_err();
    /// assert_eq!(err.label_zh(), "数值有误");
    /// assert_eq!(err.message_zh(), "第 3 行：budget 应为非负数，实为“abc”");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::Unexpected {
                line,
                expected,
                found,
            } => format!(
                "{}应为{}，实为“{found}”",
                line_zh(*line),
                spaced(zh(expected))
            ),
            Self::UnexpectedEnd { line, expected } => {
                format!("第 {line} 行：文件已结束，尚缺{}", spaced(zh(expected)))
            }
            Self::UnclosedQuote { line } => format!("第 {line} 行：引号字段未闭合"),
            Self::NotUtf8 { line } => format!("第 {line} 行：文本不是有效的 UTF-8 编码"),
            Self::BadHeader {
                line,
                section,
                problem,
                column,
            } => format!(
                "{}{section} 段表头{}“{column}”列",
                line_zh(*line),
                zh(problem)
            ),
            Self::FieldCount {
                line,
                expected,
                found,
            } => format!(
                "{}应与表头一致为 {expected} 个字段，实为 {found} 个",
                line_zh(*line)
            ),
            Self::MissingMeta { key } => format!("META 段缺少“{key}”"),
            Self::DuplicateMeta { line, key } => {
                format!("{}META 项“{key}”重复出现", line_zh(*line))
            }
            Self::InvalidNumber {
                line,
                field,
                expected,
                found,
            } => format!(
                "{}{field} 应为{}，实为“{found}”",
                line_zh(*line),
                spaced(zh(expected))
            ),
            Self::UnknownVoteType { line, found } => format!(
                "{}vote_type 应为 approval、cumulative、scoring、ordinal 或 choose-1，实为“{found}”",
                line_zh(*line)
            ),
            Self::BadProjectId { line, id, problem } => {
                format!("{}项目编号“{id}”{}", line_zh(*line), zh(problem))
            }
            Self::BadVoterId { line, id, problem } => {
                format!("{}投票人编号“{id}”{}", line_zh(*line), zh(problem))
            }
            Self::UnknownProject {
                line,
                voter,
                project,
            } => format!(
                "{}投票人“{voter}”所投项目“{project}”不在项目清单中",
                line_zh(*line)
            ),
            Self::CountMismatch {
                line,
                key,
                meta,
                counted,
            } => format!(
                "{}META 项 {key} 为“{meta}”，但文件实有 {counted}",
                line_zh(*line)
            ),
            Self::NotGreedy { rule } => {
                format!("“{rule}”不是贪心规则，无逐项选择过程可供说明")
            }
            Self::RepeatedProject {
                line,
                voter,
                project,
            } => format!("{}投票人“{voter}”重复投了项目“{project}”", line_zh(*line)),
            Self::BadBallot {
                line,
                voter,
                problem,
            } => format!("{}投票人“{voter}”：{}", line_zh(*line), zh(problem)),
            Self::NoRule { found } => {
                let found = match found {
                    Some(r) => format!("“{r}”"),
                    None => "空缺".to_owned(),
                };
                format!(
                    "无可用的决定规则：META 段 rule 为{found}，应为 greedy、greedy-no-skip 或 equalshares/add1"
                )
            }
            Self::UnsupportedVoteType { rule, vote_type } => {
                format!("规则 {rule} 不适用于 {vote_type} 类型的选票")
            }
            Self::Overflow { what } => format!("{}时数值溢出", zh(what)),
            Self::CompletionTooLong {
                limit,
                projects,
                groups,
            } => format!(
                "等额分配法的 add1 补足需运行该方法超过 {limit} 次，\
                 超出 {projects} 个项目、{groups} 组相同选票的上限；未作决定"
            ),
        }
    }
}

/// A phrase after Chinese text: a space first when it starts with a Latin
/// letter or a digit, as Chinese typesetting spaces them.
fn spaced(phrase: &str) -> String {
    if phrase.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        format!(" {phrase}")
    } else {
        phrase.to_owned()
    }
}

/// A line in a Chinese message: `第 n 行：`, or nothing.
fn line_zh(line: Line) -> String {
    match line.0 {
        Some(n) => format!("第 {n} 行："),
        None => String::new(),
    }
}

/// The Chinese for a fixed phrase of the engine's errors (what was
/// expected, what is wrong, what was being computed); a phrase without one
/// is given as it is, so no message loses its data.
fn zh(phrase: &str) -> &str {
    match phrase {
        // Sections and headers.
        "META" => "META 段标记",
        "the META header key;value" => "META 段表头 key;value",
        "a META row key;value or PROJECTS" => "META 段数据行 key;value 或 PROJECTS 段标记",
        "PROJECTS" => "PROJECTS 段标记",
        "the PROJECTS header" => "PROJECTS 段表头",
        "VOTES" => "VOTES 段标记",
        "the VOTES header" => "VOTES 段表头",
        "';' or the end of the line after a closing quote" => "引号闭合后接“;”或行末",
        // Numbers.
        "a non-negative number" => "非负数",
        "a number" => "数字",
        "0, 1, 2 or 3" => "0、1、2 或 3",
        // Headers and ids.
        "missing" => "缺少",
        "duplicate" => "重复",
        "empty" => "为空",
        "not trimmed" => "首尾含空格",
        "containing a comma" => "含有逗号",
        "a duplicate" => "重复",
        // Ballots.
        "this vote type needs a points column" => "该投票类型须有 points 列",
        "expected as many points as projects" => "分数个数应与项目个数相同",
        "points given but there is no points column" => "无 points 列却给出了分数",
        "cumulative points must not be negative" => "累积投票的分数不得为负",
        "a choose-1 ballot names more than one project" => "单选选票投了多个项目",
        "a project has no value for the" => "有项目未填",
        "a project has a value for a missing" => "有项目填了表头所缺的",
        // What was being computed when a number overflowed.
        "charging a supporter" => "向支持者收取份额",
        "counting ballots" => "统计选票",
        "counting projects" => "统计项目",
        "counting rounds" => "统计轮次",
        "counting voters" => "统计投票人",
        "dividing the budget" => "分配预算",
        "explaining a payment" => "说明支付额",
        "explaining a price" => "说明价格",
        "explaining a round" => "说明轮次",
        "pricing a line" => "计算价格线",
        "pricing a project" => "计算项目价格",
        "raising the per-voter budget" => "提高人均预算",
        "ranking" => "排序",
        "reading a payment" => "读取支付额",
        "scaling a cost" => "换算项目费用",
        "scaling money" => "换算金额",
        "scaling points" => "换算分数",
        "signing a run" => "记录运算特征",
        "splitting a payment" => "分摊支付额",
        "subtracting a cost" => "扣减项目费用",
        "summing budgets" => "汇总预算",
        "summing costs" => "汇总项目费用",
        "summing payments" => "汇总支付额",
        "summing points" => "汇总分数",
        "summing positional points" => "汇总排位分",
        "summing utilities" => "汇总效用",
        "taking 80 % of a cost" => "计算项目费用的 80%",
        "writing the per-voter budget" => "写出人均预算",
        "storing votes (over 4 GiB of one column)" => "存储选票（单列超过 4 GiB）",
        other => other,
    }
}

/// Shortens a text shown in an error to at most 80 characters.
pub(crate) fn shorten(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::pabulib::PbElection;

    /// Every variant, with data that must reach both messages.
    fn every_variant() -> Vec<(PbError, Vec<&'static str>)> {
        let l = Line(Some(17));
        vec![
            (
                PbError::Unexpected {
                    line: l,
                    expected: "META",
                    found: "MEAT".into(),
                },
                vec!["17", "META 段标记", "MEAT"],
            ),
            (
                PbError::UnexpectedEnd {
                    line: 6,
                    expected: "the PROJECTS header",
                },
                vec!["6", "PROJECTS 段表头"],
            ),
            (PbError::UnclosedQuote { line: 9 }, vec!["9"]),
            (PbError::NotUtf8 { line: 4 }, vec!["4", "UTF-8"]),
            (
                PbError::BadHeader {
                    line: l,
                    section: "PROJECTS",
                    problem: "missing",
                    column: "cost".into(),
                },
                vec!["17", "PROJECTS", "缺少", "cost"],
            ),
            (
                PbError::FieldCount {
                    line: l,
                    expected: 3,
                    found: 5,
                },
                vec!["17", "3", "5"],
            ),
            (PbError::MissingMeta { key: "budget" }, vec!["budget"]),
            (
                PbError::DuplicateMeta {
                    line: l,
                    key: "rule".into(),
                },
                vec!["17", "rule"],
            ),
            (
                PbError::InvalidNumber {
                    line: l,
                    field: "cost",
                    expected: "a non-negative number",
                    found: "-3".into(),
                },
                vec!["17", "cost", "非负数", "-3"],
            ),
            (
                PbError::UnknownVoteType {
                    line: l,
                    found: "borda".into(),
                },
                vec!["17", "borda"],
            ),
            (
                PbError::BadProjectId {
                    line: l,
                    id: "p,1".into(),
                    problem: "containing a comma",
                },
                vec!["17", "p,1", "逗号"],
            ),
            (
                PbError::BadVoterId {
                    line: l,
                    id: "v7".into(),
                    problem: "a duplicate",
                },
                vec!["17", "v7", "重复"],
            ),
            (
                PbError::UnknownProject {
                    line: l,
                    voter: "v7".into(),
                    project: "p9".into(),
                },
                vec!["17", "v7", "p9"],
            ),
            (
                PbError::CountMismatch {
                    line: l,
                    key: "num_votes",
                    meta: "12".into(),
                    counted: 11,
                },
                vec!["17", "num_votes", "12", "11"],
            ),
            (
                PbError::NotGreedy {
                    rule: "equalshares/add1",
                },
                vec!["equalshares/add1"],
            ),
            (
                PbError::RepeatedProject {
                    line: l,
                    voter: "v7".into(),
                    project: "p2".into(),
                },
                vec!["17", "v7", "p2"],
            ),
            (
                PbError::BadBallot {
                    line: l,
                    voter: "v7".into(),
                    problem: "a choose-1 ballot names more than one project",
                },
                vec!["17", "v7", "单选"],
            ),
            (
                PbError::NoRule {
                    found: Some("borda".into()),
                },
                vec!["borda"],
            ),
            (PbError::NoRule { found: None }, vec!["空缺"]),
            (
                PbError::UnsupportedVoteType {
                    rule: "equalshares/add1",
                    vote_type: "ordinal",
                },
                vec!["equalshares/add1", "ordinal"],
            ),
            (
                PbError::Overflow {
                    what: "pricing a project",
                },
                vec!["计算项目价格"],
            ),
            (
                PbError::CompletionTooLong {
                    limit: 10_000,
                    projects: 2,
                    groups: 2,
                },
                vec!["10000", "2 个项目", "2 组", "未作决定"],
            ),
        ]
    }

    #[test]
    fn every_error_has_chinese_labels_and_a_message_with_its_data() {
        for (err, data) in every_variant() {
            let zh = err.message_zh();
            assert!(
                !err.label_zh().is_empty() && !err.label_en().is_empty(),
                "{err:?}"
            );
            assert!(!zh.is_empty(), "{err:?}");
            for d in data {
                assert!(zh.contains(d), "{zh:?} lacks {d:?}");
            }
            // The English data is in the English message too.
            assert!(!err.to_string().is_empty());
        }
        let all = every_variant();
        let labels: std::collections::BTreeSet<&str> =
            all.iter().map(|(e, _)| e.label_zh()).collect();
        // 22 rows, NoRule twice: one distinct Chinese label per kind.
        assert_eq!(labels.len(), 21);
    }

    #[test]
    fn lines_read_as_chinese_and_are_left_out_when_there_is_none() {
        let e = PbError::FieldCount {
            line: Line(Some(12)),
            expected: 2,
            found: 3,
        };
        assert_eq!(
            e.message_zh(),
            "第 12 行：应与表头一致为 2 个字段，实为 3 个"
        );
        let e = PbError::FieldCount {
            line: Line(None),
            expected: 2,
            found: 3,
        };
        assert_eq!(e.message_zh(), "应与表头一致为 2 个字段，实为 3 个");
    }

    /// Errors the reader gives on real defects read wholly in Chinese: no
    /// untranslated English phrase is left in them.
    #[test]
    fn errors_of_real_text_leave_no_english_phrase() {
        let head = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n";
        let texts = [
            "MEAT\n".to_owned(),
            "META\nkey\n".to_owned(),
            "META\nkey;value\na;b;c\n".to_owned(),
            "META\nkey;value\nbudget;x\n".to_owned(),
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;price\n".to_owned(),
            format!("{head}a;-1\n"),
            format!("{head}a,b;1\n"),
            format!("{head}a;1\na;2\n"),
            format!("{head}a;1\nVOTES\nvoter_id;vote\n1;a\n1;a\n"),
            format!("{head}a;1\nVOTES\nvoter_id;vote\n1;a,a\n"),
            format!("{head}a;1\nVOTES\nvoter_id;vote\n1;b\n"),
            format!("{head}a;1\nVOTES\nvoter_id\n"),
            format!("{head}a;\"1\n"),
            format!("{head}a;1;2\n"),
            "META\nkey;value\nbudget;1\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote\n1;a,b\n".to_owned(),
        ];
        for t in &texts {
            let Err(err) = PbElection::parse(t) else {
                panic!("{t:?} must be refused");
            };
            let zh = err.message_zh();
            for english in [
                "expected",
                "the ",
                "missing",
                "duplicate",
                "empty",
                "a number",
                "ballot",
            ] {
                assert!(
                    !zh.contains(english),
                    "{zh:?} (from {err}) keeps {english:?}"
                );
            }
        }
    }

    #[test]
    fn repairs_have_chinese_labels() {
        for k in [
            RepairKind::RepeatedProject,
            RepairKind::NumVotes,
            RepairKind::NumProjects,
        ] {
            assert!(!k.label_zh().is_empty());
            assert!(!k.label_zh().is_ascii(), "{k:?}");
            assert_ne!(k.label_en(), k.checker_kind());
        }
    }
}

//! The error type of the participatory-budgeting engine.

use core::fmt;

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
/// let r = PbRepair { kind: RepairKind::RepeatedProject, line: Line(Some(7)), what: "kept its first place".into() };
/// assert_eq!(r.to_string(), "line 7: kept its first place");
/// assert_eq!(r.kind.checker_kind(), "vote with duplicated projects");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PbRepair {
    /// Which defect.
    pub kind: RepairKind,
    /// Where.
    pub line: Line,
    /// What was repaired, and how.
    pub what: String,
}

/// The defects the lenient reader repairs.
///
/// ```
/// use deputy_work::vote::pabulib::RepairKind;
/// assert_eq!(RepairKind::NumVotes.checker_kind(), "different number of votes");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RepairKind {
    /// A project named twice in one vote: kept its first place.
    RepeatedProject,
    /// META `num_votes` not the number of votes: set to it.
    NumVotes,
    /// META `num_projects` not the number of projects: set to it.
    NumProjects,
}

impl RepairKind {
    /// The official checker's type string for the defect.
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
}

/// Shortens a text shown in an error to at most 80 characters.
pub(crate) fn shorten(s: &str) -> String {
    s.chars().take(80).collect()
}

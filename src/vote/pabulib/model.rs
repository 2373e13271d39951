//! The election model: META, projects and votes.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

use super::error::{Line, PbError, shorten};
use super::known::{gap, plus};
use super::votes::{PbVotes, UniqueIds};
use crate::common::labelled_enum;

/// Column names with a meaning in the format.
pub(crate) const PROJECT_ID: &str = "project_id";
pub(crate) const COST: &str = "cost";
pub(crate) const SELECTED: &str = "selected";
pub(crate) const VOTER_ID: &str = "voter_id";
pub(crate) const VOTE: &str = "vote";
pub(crate) const POINTS: &str = "points";

labelled_enum! {
    /// How voters fill in a Pabulib ballot (META `vote_type`).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::VoteType;
    /// let t: VoteType = "choose-1".parse()?;
    /// assert_eq!(t, VoteType::Choose1);
    /// assert_eq!(t.pabulib_name(), "choose-1");
    /// assert_eq!(VoteType::Approval.label_zh(), "赞成票（可选多项）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum VoteType in vote::pabulib {
        /// Approve any set of projects (`approval`).
        Approval = "approval", "赞成票（可选多项）", "approval";
        /// Spread a number of points over projects (`cumulative`).
        Cumulative = "cumulative", "累积投票", "cumulative";
        /// Give each chosen project a score (`scoring`).
        Scoring = "scoring", "评分投票", "scoring";
        /// List projects in order of preference (`ordinal`).
        Ordinal = "ordinal", "排序投票", "ordinal";
        /// Choose one project (`choose-1`).
        Choose1 = "choose-1", "单选", "choose-1";
    }
}

impl VoteType {
    /// The name used in META `vote_type`: its [`code`](Self::code).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::VoteType;
    /// assert_eq!(VoteType::Cumulative.pabulib_name(), "cumulative");
    /// ```
    #[must_use]
    pub const fn pabulib_name(self) -> &'static str {
        self.code()
    }

    /// Whether ballots carry points (cumulative and scoring ballots do).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::VoteType;
    /// assert!(VoteType::Scoring.has_points());
    /// assert!(!VoteType::Approval.has_points());
    /// ```
    #[must_use]
    pub const fn has_points(self) -> bool {
        matches!(self, Self::Cumulative | Self::Scoring)
    }
}

impl core::str::FromStr for VoteType {
    type Err = PbError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|v| v.pabulib_name().eq_ignore_ascii_case(t))
            .ok_or_else(|| PbError::UnknownVoteType {
                line: Line(None),
                found: shorten(s),
            })
    }
}

labelled_enum! {
    /// A rule that decides which projects are funded (META `rule`).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::PbRule;
    /// let r: PbRule = "equalshares/add1".parse()?;
    /// assert_eq!(r, PbRule::EqualSharesAdd1);
    /// assert_eq!(PbRule::Greedy.label_zh(), "按得票贪心（跳过超预算项目）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum PbRule in vote::pabulib {
        /// Greedy by score, skipping projects that no longer fit (`greedy`).
        Greedy = "greedy", "按得票贪心（跳过超预算项目）", "greedy with skipping";
        /// Greedy by score, stopping at the first project that does not fit
        /// (`greedy-no-skip`).
        GreedyNoSkip = "greedy-no-skip", "按得票贪心（遇超预算即停）", "greedy without skipping";
        /// The Method of Equal Shares with cost utilities, completed by raising
        /// the per-voter budget by one unit at a time (`equalshares/add1`).
        EqualSharesAdd1 = "equalshares/add1", "均等份额法（逐一加额补全）", "method of equal shares, add1 completion";
        /// Greedy with skipping, among the projects whose score reaches META
        /// `min_project_score_threshold` (`greedy-threshold`).
        GreedyThreshold = "greedy-threshold", "按得票贪心（须达最低得票）", "greedy with a minimum project score";
        /// A city's own variant of greedy (`greedy-custom`), described in the
        /// file's META `comment`. Poznań's is a stated rule (META `unit` is
        /// `Poznań`): greedy without skipping, then the next project too when
        /// what is left covers 80 % of its cost, funded from a reserve
        /// (`selected` 2). Other cities' variants are not stated as rules; they
        /// are decided as greedy, as Pabulib's checker does.
        GreedyCustom = "greedy-custom", "按得票贪心（城市自定变体）", "a city's variant of greedy";
        /// Greedy where some projects exclude each other (`greedy-exclusive`).
        /// The format has no field for the groups (they are described in META
        /// `comment`): by META the election is decided as greedy, as Pabulib's
        /// checker does; [`PbElection::decide_exclusive`] takes the groups.
        ///
        /// [`PbElection::decide_exclusive`]: super::PbElection::decide_exclusive
        GreedyExclusive = "greedy-exclusive", "按得票贪心（互斥项目）", "greedy with projects that exclude each other";
        /// Equal Shares with add1, then the comparison step
        /// (`equalshares/add1-comparison`): the result is compared with greedy
        /// by approval count, and greedy's is taken only if strictly more voters
        /// approve more of its projects (equalshares.net, "completion" and
        /// "comparison"; Pabulib's checker, satisfaction mode).
        EqualSharesAdd1Comparison = "equalshares/add1-comparison", "均等份额法（逐一加额补全，再与贪心比较）", "method of equal shares, add1 completion, comparison step";
    }
}

impl PbRule {
    /// The name used in META `rule`: its [`code`](Self::code).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbRule;
    /// assert_eq!(PbRule::GreedyNoSkip.pabulib_name(), "greedy-no-skip");
    /// ```
    #[must_use]
    pub const fn pabulib_name(self) -> &'static str {
        self.code()
    }
}

impl core::str::FromStr for PbRule {
    type Err = PbError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|r| r.pabulib_name().eq_ignore_ascii_case(t))
            .ok_or_else(|| PbError::NoRule {
                found: Some(shorten(s)),
            })
    }
}

labelled_enum! {
    /// A project's `selected` value, with the meaning Pabulib's data and its
    /// checker give it (`pabulib/checker`: `fields.py` allows 0 to 3; Poznań's
    /// files and the data producers' notes say what 2 and 3 are).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::Selected;
    /// assert_eq!("2".parse::<Selected>()?, Selected::Reserve);
    /// assert!(Selected::Yes.by_the_rule() && !Selected::Reserve.by_the_rule());
    /// assert!(Selected::Additional.funded());
    /// assert_eq!(Selected::Reserve.label_zh(), "以预备资金入选");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Selected in vote::pabulib {
        /// 0: not funded.
        No = "no", "未入选", "not funded";
        /// 1: funded by the election's rule.
        Yes = "yes", "按规则入选", "funded by the rule";
        /// 2: funded beside the rule from a reserve (Poznań's 80 % rule: the
        /// next project, when what is left covers 80 % of its cost; elsewhere
        /// "funded outside the regular pool").
        Reserve = "reserve", "以预备资金入选", "funded from a reserve";
        /// 3: funded later, from additional funds.
        Additional = "additional", "以追加资金入选", "funded from additional funds";
    }
}

impl Selected {
    /// The digit in the file.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::Selected;
    /// assert_eq!(Selected::Reserve.digit(), '2');
    /// ```
    #[must_use]
    pub const fn digit(self) -> char {
        match self {
            Self::No => '0',
            Self::Yes => '1',
            Self::Reserve => '2',
            Self::Additional => '3',
        }
    }

    /// Funded by the election's rule (1): what a rule's result is compared
    /// with, as the checker compares it.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::Selected;
    /// assert!(Selected::Yes.by_the_rule());
    /// assert!(!Selected::Additional.by_the_rule());
    /// ```
    #[must_use]
    pub const fn by_the_rule(self) -> bool {
        matches!(self, Self::Yes)
    }

    /// Funded at all (1, 2 or 3).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::Selected;
    /// assert!(Selected::Reserve.funded());
    /// assert!(!Selected::No.funded());
    /// ```
    #[must_use]
    pub const fn funded(self) -> bool {
        !matches!(self, Self::No)
    }
}

impl core::str::FromStr for Selected {
    type Err = PbError;
    fn from_str(s: &str) -> Result<Self, PbError> {
        match s.trim() {
            "0" => Ok(Self::No),
            "1" => Ok(Self::Yes),
            "2" => Ok(Self::Reserve),
            "3" => Ok(Self::Additional),
            _ => Err(PbError::InvalidNumber {
                line: Line(None),
                field: "selected",
                expected: "0, 1, 2 or 3",
                found: shorten(s),
            }),
        }
    }
}

impl From<bool> for Selected {
    fn from(b: bool) -> Self {
        if b { Self::Yes } else { Self::No }
    }
}

/// One project of the PROJECTS section.
///
/// ```
/// use deputy_work::vote::pabulib::PbProject;
/// use rust_decimal::Decimal;
/// let p = PbProject::new("p1", Decimal::new(1000, 0));
/// assert_eq!(p.id, "p1");
/// assert_eq!(p.selected, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PbProject {
    /// `project_id`: unique, non-empty, trimmed, without commas.
    pub id: String,
    /// `cost`, non-negative.
    pub cost: Decimal,
    /// `selected`, when the file has that column.
    pub selected: Option<Selected>,
    /// The values of the other columns, in the order of the header.
    pub extra: Vec<String>,
}

impl PbProject {
    /// A project with no official selection and no other columns.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbProject;
    /// use rust_decimal::Decimal;
    /// assert_eq!(PbProject::new("a", Decimal::ONE).cost, Decimal::ONE);
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, cost: Decimal) -> Self {
        Self {
            id: id.into(),
            cost,
            selected: None,
            extra: Vec::new(),
        }
    }
}

/// One voter's ballot from the VOTES section.
///
/// ```
/// use deputy_work::vote::pabulib::PbVote;
/// let v = PbVote::new("v1", vec![0, 2]);
/// assert_eq!(v.projects, vec![0, 2]);
/// assert!(v.points.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PbVote {
    /// `voter_id`, unique and non-empty.
    pub voter_id: String,
    /// The projects on the ballot, as indices into the election's projects,
    /// in ballot order (the order of preference for ordinal ballots).
    pub projects: Vec<u32>,
    /// `points`, one per project, when the file has that column.
    pub points: Vec<Decimal>,
    /// The values of the other columns, in the order of the header.
    pub extra: Vec<String>,
}

impl PbVote {
    /// A ballot without points and without other columns.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbVote;
    /// assert_eq!(PbVote::new("v9", vec![1]).voter_id, "v9");
    /// ```
    #[must_use]
    pub fn new(voter_id: impl Into<String>, projects: Vec<u32>) -> Self {
        Self {
            voter_id: voter_id.into(),
            projects,
            points: Vec::new(),
            extra: Vec::new(),
        }
    }
}

/// A participatory-budgeting election: META key/value pairs (with the
/// typed `budget`, `vote_type` and `rule` read from them), the projects and
/// the votes.
///
/// Built by [`PbElection::parse`] from `.pb` text or by [`PbElection::new`]
/// in code; both validate, so every value of this type is consistent.
/// [`PbElection::to_pb_string`] writes it back out.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbProject, PbRule, PbVote};
/// use rust_decimal::Decimal;
///
/// let meta = vec![
///     ("budget".to_owned(), "100".to_owned()),
///     ("vote_type".to_owned(), "approval".to_owned()),
///     ("rule".to_owned(), "greedy".to_owned()),
/// ];
/// let projects = vec![
///     PbProject::new("a", Decimal::new(60, 0)),
///     PbProject::new("b", Decimal::new(50, 0)),
///     PbProject::new("c", Decimal::new(40, 0)),
/// ];
/// let votes = vec![PbVote::new("1", vec![0, 1]), PbVote::new("2", vec![0, 2])];
/// let e = PbElection::new(meta, Vec::new(), projects, Vec::new(), votes)?;
/// assert_eq!(e.budget(), Decimal::new(100, 0));
/// assert_eq!(e.rule(), Some(PbRule::Greedy));
/// let outcome = e.decide_by_meta()?;
/// assert_eq!(outcome.selected_ids(&e), vec!["a", "c"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PbElectionData"))]
pub struct PbElection {
    pub(crate) meta: Vec<(String, String)>,
    pub(crate) budget: Decimal,
    pub(crate) vote_type: VoteType,
    pub(crate) rule: Option<PbRule>,
    pub(crate) threshold: Option<Decimal>,
    pub(crate) project_columns: Vec<String>,
    pub(crate) projects: Vec<PbProject>,
    pub(crate) vote_columns: Vec<String>,
    pub(crate) votes: PbVotes,
}

/// The serialized form of [`PbElection`]; validated through
/// [`PbElection::new`] when loading.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PbElectionData {
    meta: Vec<(String, String)>,
    project_columns: Vec<String>,
    projects: Vec<PbProject>,
    vote_columns: Vec<String>,
    votes: Vec<PbVote>,
}

#[cfg(feature = "serde")]
impl TryFrom<PbElectionData> for PbElection {
    type Error = PbError;

    fn try_from(d: PbElectionData) -> Result<Self, Self::Error> {
        Self::new(
            d.meta,
            d.project_columns,
            d.projects,
            d.vote_columns,
            d.votes,
        )
    }
}

/// Serializes as its parts: the META pairs, the two headers, the
/// projects and the votes (each vote as [`PbVote`] serializes).
#[cfg(feature = "serde")]
impl serde::Serialize for PbElection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PbElectionData", 5)?;
        st.serialize_field("meta", &self.meta)?;
        st.serialize_field("project_columns", &self.project_columns)?;
        st.serialize_field("projects", &self.projects)?;
        st.serialize_field("vote_columns", &self.vote_columns)?;
        st.serialize_field("votes", &self.votes)?;
        st.end()
    }
}

/// The typed META values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypedMeta {
    pub(crate) budget: Decimal,
    pub(crate) vote_type: VoteType,
    pub(crate) rule: Option<PbRule>,
    pub(crate) threshold: Option<Decimal>,
}

/// Reads a non-negative decimal, accepting a decimal comma.
pub(crate) fn parse_amount(s: &str, line: Line, field: &'static str) -> Result<Decimal, PbError> {
    let t = s.trim();
    let parsed = if t.contains(',') {
        t.replace(',', ".").parse::<Decimal>()
    } else {
        t.parse::<Decimal>()
    };
    match parsed {
        Ok(d) if !d.is_sign_negative() || d.is_zero() => Ok(d),
        _ => Err(PbError::InvalidNumber {
            line,
            field,
            expected: "a non-negative number",
            found: shorten(s),
        }),
    }
}

/// Reads the typed values from META; `line_of(i)` gives the line of entry `i`.
pub(crate) fn typed_meta(
    meta: &[(String, String)],
    line_of: impl Fn(usize) -> Line,
) -> Result<TypedMeta, PbError> {
    let mut seen = BTreeSet::new();
    let mut budget = None;
    let mut vote_type = None;
    let mut rule = None;
    let mut threshold = None;
    for (i, (k, v)) in meta.iter().enumerate() {
        if !seen.insert(k.as_str()) {
            return Err(PbError::DuplicateMeta {
                line: line_of(i),
                key: shorten(k),
            });
        }
        match k.as_str() {
            "budget" => budget = Some(parse_amount(v, line_of(i), "budget")?),
            "vote_type" => {
                vote_type = Some(
                    v.parse::<VoteType>()
                        .map_err(|_| PbError::UnknownVoteType {
                            line: line_of(i),
                            found: shorten(v),
                        })?,
                );
            }
            "rule" => rule = v.parse::<PbRule>().ok(),
            "min_project_score_threshold" => {
                threshold = Some(parse_amount(v, line_of(i), "min_project_score_threshold")?);
            }
            _ => {}
        }
    }
    Ok(TypedMeta {
        budget: budget.ok_or(PbError::MissingMeta { key: "budget" })?,
        vote_type: vote_type.ok_or(PbError::MissingMeta { key: "vote_type" })?,
        rule,
        threshold,
    })
}

/// Positions of the typed columns in a header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProjectHeader {
    pub(crate) id: usize,
    pub(crate) cost: usize,
    pub(crate) selected: Option<usize>,
}

/// Positions of the typed columns in a header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VoteHeader {
    pub(crate) voter: usize,
    pub(crate) vote: usize,
    pub(crate) points: Option<usize>,
}

fn find_columns<'c>(
    columns: impl Iterator<Item = &'c str>,
    section: &'static str,
    line: Line,
    wanted: [&'static str; 3],
) -> Result<[Option<usize>; 3], PbError> {
    let mut seen = BTreeSet::new();
    let mut found = [None; 3];
    for (i, c) in columns.enumerate() {
        if !seen.insert(c) {
            return Err(PbError::BadHeader {
                line,
                section,
                problem: "duplicate",
                column: shorten(c),
            });
        }
        for (slot, w) in found.iter_mut().zip(wanted) {
            if c == w {
                *slot = Some(i);
            }
        }
    }
    Ok(found)
}

fn required(
    pos: Option<usize>,
    section: &'static str,
    line: Line,
    column: &'static str,
) -> Result<usize, PbError> {
    pos.ok_or_else(|| PbError::BadHeader {
        line,
        section,
        problem: "missing",
        column: column.to_owned(),
    })
}

pub(crate) fn project_header<'c>(
    columns: impl Iterator<Item = &'c str>,
    line: Line,
) -> Result<ProjectHeader, PbError> {
    let [id, cost, selected] =
        find_columns(columns, "PROJECTS", line, [PROJECT_ID, COST, SELECTED])?;
    Ok(ProjectHeader {
        id: required(id, "PROJECTS", line, PROJECT_ID)?,
        cost: required(cost, "PROJECTS", line, COST)?,
        selected,
    })
}

pub(crate) fn vote_header<'c>(
    columns: impl Iterator<Item = &'c str>,
    line: Line,
) -> Result<VoteHeader, PbError> {
    let [voter, vote, points] = find_columns(columns, "VOTES", line, [VOTER_ID, VOTE, POINTS])?;
    Ok(VoteHeader {
        voter: required(voter, "VOTES", line, VOTER_ID)?,
        vote: required(vote, "VOTES", line, VOTE)?,
        points,
    })
}

/// Checks a project id.
pub(crate) fn check_project_id(id: &str, line: Line) -> Result<(), PbError> {
    let problem = if id.is_empty() {
        "empty"
    } else if id.trim() != id {
        "not trimmed"
    } else if id.contains(',') {
        "containing a comma"
    } else {
        return Ok(());
    };
    Err(PbError::BadProjectId {
        line,
        id: shorten(id),
        problem,
    })
}

/// Checks one ballot against the vote type (repeats are checked by the caller).
pub(crate) fn check_ballot(
    voter: &str,
    projects: &[u32],
    points: &[Decimal],
    vote_type: VoteType,
    has_points_column: bool,
    line: Line,
) -> Result<(), PbError> {
    let bad = |problem| PbError::BadBallot {
        line,
        voter: shorten(voter),
        problem,
    };
    if vote_type.has_points() && !has_points_column {
        return Err(bad("this vote type needs a points column"));
    }
    if has_points_column && points.len() != projects.len() {
        return Err(bad("expected as many points as projects"));
    }
    if !has_points_column && !points.is_empty() {
        return Err(bad("points given but there is no points column"));
    }
    if vote_type == VoteType::Cumulative && points.iter().any(|p| p.is_sign_negative()) {
        return Err(bad("cumulative points must not be negative"));
    }
    if vote_type == VoteType::Choose1 && projects.len() > 1 {
        return Err(bad("a choose-1 ballot names more than one project"));
    }
    Ok(())
}

impl PbElection {
    /// Builds an election from its parts, checking everything
    /// [`PbElection::parse`] checks.
    ///
    /// Cost: linear in the parts (expected O(1) per voter id and per
    /// project named, O(p log p) in the p projects); memory: about the
    /// size of the parts. Loading a [`PbElection`] with serde costs the
    /// same.
    ///
    /// - `meta`: the META key/value pairs, in order; `budget` (a
    ///   non-negative number, decimal comma allowed) and `vote_type` are
    ///   required, keys are unique; `rule` is read when it names a rule this
    ///   crate implements.
    /// - `project_columns`: the PROJECTS header; empty means
    ///   `project_id;cost` (plus `selected` when the projects carry it).
    ///   It must name `project_id` and `cost`, and `selected` exactly when
    ///   the projects carry an official selection; every project's `extra`
    ///   holds the other columns.
    /// - `vote_columns`: the VOTES header; empty means `voter_id;vote`
    ///   (plus `points` for cumulative and scoring ballots).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbError, PbProject, PbVote};
    /// use rust_decimal::Decimal;
    /// let meta = vec![
    ///     ("budget".to_owned(), "10".to_owned()),
    ///     ("vote_type".to_owned(), "approval".to_owned()),
    /// ];
    /// let projects = vec![PbProject::new("a", Decimal::ONE)];
    /// let bad = vec![PbVote::new("1", vec![0, 0])];
    /// let err = PbElection::new(meta, vec![], projects, vec![], bad).unwrap_err();
    /// assert!(matches!(err, PbError::RepeatedProject { .. }));
    /// ```
    ///
    /// # Errors
    ///
    /// The [`PbError`] naming the first inconsistency found.
    pub fn new(
        meta: Vec<(String, String)>,
        project_columns: Vec<String>,
        projects: Vec<PbProject>,
        vote_columns: Vec<String>,
        votes: Vec<PbVote>,
    ) -> Result<Self, PbError> {
        let none = Line(None);
        let typed = typed_meta(&meta, |_| none)?;
        let has_selected = projects.first().is_some_and(|p| p.selected.is_some());
        let project_columns = if project_columns.is_empty() {
            let mut c = vec![PROJECT_ID.to_owned(), COST.to_owned()];
            if has_selected {
                c.push(SELECTED.to_owned());
            }
            c
        } else {
            project_columns
        };
        let vote_columns = if vote_columns.is_empty() {
            let mut c = vec![VOTER_ID.to_owned(), VOTE.to_owned()];
            if typed.vote_type.has_points() {
                c.push(POINTS.to_owned());
            }
            c
        } else {
            vote_columns
        };
        let ph = project_header(project_columns.iter().map(String::as_str), none)?;
        let vh = vote_header(vote_columns.iter().map(String::as_str), none)?;
        // The headers were read: they have their required columns.
        let project_extra = gap(
            if ph.selected.is_some() { 3 } else { 2 },
            project_columns.len(),
        );
        let vote_extra = gap(if vh.points.is_some() { 3 } else { 2 }, vote_columns.len());
        let mut ids = BTreeMap::new();
        for (i, p) in projects.iter().enumerate() {
            check_project_id(&p.id, none)?;
            if ids.insert(p.id.as_str(), i).is_some() {
                return Err(PbError::BadProjectId {
                    line: none,
                    id: shorten(&p.id),
                    problem: "a duplicate",
                });
            }
            if p.cost.is_sign_negative() && !p.cost.is_zero() {
                return Err(PbError::InvalidNumber {
                    line: none,
                    field: "cost",
                    expected: "a non-negative number",
                    found: p.cost.to_string(),
                });
            }
            if p.selected.is_some() != ph.selected.is_some() {
                return Err(PbError::BadHeader {
                    line: none,
                    section: "PROJECTS",
                    problem: if ph.selected.is_some() {
                        "a project has no value for the"
                    } else {
                        "a project has a value for a missing"
                    },
                    column: SELECTED.to_owned(),
                });
            }
            if p.extra.len() != project_extra {
                return Err(PbError::FieldCount {
                    line: none,
                    expected: project_columns.len(),
                    found: plus(gap(project_extra, project_columns.len()), p.extra.len()),
                });
            }
        }
        let count = u32::try_from(projects.len()).map_err(|_| PbError::Overflow {
            what: "counting projects",
        })?;
        let mut store = PbVotes::new(vote_extra, vh.points.is_some());
        let mut unique = UniqueIds::default();
        let mut seen = vec![usize::MAX; projects.len()];
        for (row, v) in votes.iter().enumerate() {
            if v.voter_id.is_empty() || !unique.is_new(&store, &v.voter_id) {
                return Err(PbError::BadVoterId {
                    line: none,
                    id: shorten(&v.voter_id),
                    problem: if v.voter_id.is_empty() {
                        "empty"
                    } else {
                        "a duplicate"
                    },
                });
            }
            for &p in &v.projects {
                let slot = usize::try_from(p).ok().and_then(|i| seen.get_mut(i));
                match slot {
                    Some(s) if *s == row => {
                        let id = projects.get(p as usize).map_or("", |x| x.id.as_str());
                        return Err(PbError::RepeatedProject {
                            line: none,
                            voter: shorten(&v.voter_id),
                            project: shorten(id),
                        });
                    }
                    Some(s) => *s = row,
                    None => {
                        return Err(PbError::UnknownProject {
                            line: none,
                            voter: shorten(&v.voter_id),
                            project: format!("#{p} of {count}"),
                        });
                    }
                }
            }
            check_ballot(
                &v.voter_id,
                &v.projects,
                &v.points,
                typed.vote_type,
                vh.points.is_some(),
                none,
            )?;
            if v.extra.len() != vote_extra {
                return Err(PbError::FieldCount {
                    line: none,
                    expected: vote_columns.len(),
                    found: plus(gap(vote_extra, vote_columns.len()), v.extra.len()),
                });
            }
            store.push_field(&v.voter_id)?;
            for &p in &v.projects {
                store.push_project(p);
            }
            for &d in &v.points {
                store.push_point(d);
            }
            for c in &v.extra {
                store.push_field(c)?;
            }
            store.end_vote()?;
        }
        let votes = store;
        for (key, counted) in [("num_projects", projects.len()), ("num_votes", votes.len())] {
            if let Some((_, v)) = meta.iter().find(|(k, _)| k == key)
                && v.trim().parse::<usize>().ok() != Some(counted)
            {
                return Err(PbError::CountMismatch {
                    line: Line(None),
                    key,
                    meta: shorten(v),
                    counted,
                });
            }
        }
        Ok(Self {
            meta,
            budget: typed.budget,
            vote_type: typed.vote_type,
            rule: typed.rule,
            threshold: typed.threshold,
            project_columns,
            projects,
            vote_columns,
            votes,
        })
    }

    /// The META key/value pairs, in file order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.meta()[0], ("budget".to_owned(), "5".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn meta(&self) -> &[(String, String)] {
        &self.meta
    }

    /// The value of a META key.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nunit;Łódź\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.meta_value("unit"), Some("Łódź"));
    /// assert_eq!(e.meta_value("rule"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// META `budget`.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5,50\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.budget().to_string(), "5.50");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn budget(&self) -> Decimal {
        self.budget
    }

    /// META `vote_type`.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::{PbElection, VoteType};
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;ordinal\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.vote_type(), VoteType::Ordinal);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vote_type(&self) -> VoteType {
        self.vote_type
    }

    /// META `rule`, when it names a rule this crate implements.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.rule(), Some(PbRule::Greedy));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule(&self) -> Option<PbRule> {
        self.rule
    }

    /// The PROJECTS header, in file order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;name;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.project_columns(), ["project_id", "name", "cost"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn project_columns(&self) -> &[String] {
        &self.project_columns
    }

    /// The projects, in file order; votes refer to them by index.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\nx;3\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.projects()[0].id, "x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn projects(&self) -> &[PbProject] {
        &self.projects
    }

    /// The index of the project with this id.
    ///
    /// Cost: O(p): a scan of the projects.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\nx;3\ny;4\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.project_index("y"), Some(1));
    /// assert_eq!(e.project_index("z"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn project_index(&self, id: &str) -> Option<u32> {
        self.projects
            .iter()
            .position(|p| p.id == id)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The name of the project at `index`: its value in the PROJECTS
    /// column `name` (any letter case), trimmed; `None` when the file has no
    /// such column, the value is empty or there is no such project.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost;name\nx;3;东湖路灯改造\ny;4;\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.project_name(0), Some("东湖路灯改造"));
    /// assert_eq!(e.project_name(1), None);
    /// assert_eq!(e.project_name(2), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn project_name(&self, index: u32) -> Option<&str> {
        let column = self
            .project_columns
            .iter()
            .filter(|c| !matches!(c.as_str(), "project_id" | "cost" | "selected"))
            .position(|c| c.eq_ignore_ascii_case("name"))?;
        let name = self.projects.get(index as usize)?.extra.get(column)?.trim();
        (!name.is_empty()).then_some(name)
    }

    /// The VOTES header, in file order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;age;vote\n")?;
    /// assert_eq!(e.vote_columns(), ["voter_id", "age", "vote"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vote_columns(&self) -> &[String] {
        &self.vote_columns
    }

    /// The votes, in file order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\nx;3\ny;4\nVOTES\nvoter_id;vote\n7;y,x\n")?;
    /// assert_eq!(e.votes().get(0).unwrap().projects, [1, 0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn votes(&self) -> &PbVotes {
        &self.votes
    }

    /// The official selection by the rule (the projects whose `selected` is
    /// 1; 2 and 3 were funded beside the rule), as project indices
    /// in file order, when the file has one.
    ///
    /// Cost: O(p) in the projects.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost;selected\nx;3;0\ny;4;1\nVOTES\nvoter_id;vote\n")?;
    /// assert_eq!(e.official_selection(), Some(vec![1]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn official_selection(&self) -> Option<Vec<u32>> {
        if !self.project_columns.iter().any(|c| c == SELECTED) {
            return None;
        }
        Some(
            self.projects
                .iter()
                .zip(0_u32..)
                .filter(|(p, _)| p.selected.is_some_and(Selected::by_the_rule))
                .map(|(_, i)| i)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_accept_a_decimal_comma_and_refuse_negatives() {
        let ok = |s: &str| parse_amount(s, Line(Some(1)), "cost").unwrap();
        assert_eq!(ok("1,5"), Decimal::new(15, 1));
        assert_eq!(ok(" 969245.38 "), Decimal::new(96_924_538, 2));
        assert_eq!(ok("-0"), Decimal::ZERO);
        for bad in ["-1", "1,000,5", "", "abc", "1.2.3"] {
            assert!(
                matches!(
                    parse_amount(bad, Line(Some(4)), "cost"),
                    Err(PbError::InvalidNumber {
                        line: Line(Some(4)),
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn project_ids_must_be_usable_in_a_vote_list() {
        assert!(check_project_id("L17/01/VII", Line(None)).is_ok());
        for (bad, problem) in [
            ("", "empty"),
            (" a", "not trimmed"),
            ("a,b", "containing a comma"),
        ] {
            assert_eq!(
                check_project_id(bad, Line(None)),
                Err(PbError::BadProjectId {
                    line: Line(None),
                    id: bad.to_owned(),
                    problem
                })
            );
        }
    }
}

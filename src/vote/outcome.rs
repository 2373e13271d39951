//! Deciding a vote: threshold, ranking, places, budget, ties and runoffs.

use core::cmp::Ordering;

use super::{
    BallotForm, BallotsIssued, BoxCount, CandidateList, InvalidCounts, RankedCount, Session, Tally,
    ThresholdBase, VoteError, Voting, invariant,
};
use crate::common::{Labelled, ProjectId, labelled_enum};
use rust_decimal::Decimal;

labelled_enum! {
    /// What became of a project in the decision.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::Status;
    /// assert_eq!(Status::Elected.label_zh(), "入选");
    /// assert!(Status::Elected.is_elected());
    /// ```
    #[non_exhaustive]
    pub enum Status in vote {
        /// Passed and took a place.
        Elected = "elected", "入选", "elected";
        /// Tied at the last place; awaiting a runoff.
        Tied = "tied", "票数相等，待再次投票", "tied";
        /// Tied, then not elected in the runoff.
        LostRunoff = "lost_runoff", "再次投票未入选", "lost runoff";
        /// Passed the threshold but no place was left for it (or it ranks below a tie).
        NoPlace = "no_place", "过票但名额已满", "no place";
        /// Passed, but its investment no longer fits the budget cap.
        OverBudget = "over_budget", "超出预算上限", "over budget";
        /// Did not reach the pass threshold.
        NotPassed = "not_passed", "未获通过", "not passed";
        /// Tied, then not elected by the recorded drawing of lots.
        LostDraw = "lost_draw", "抽签未入选", "lost the draw";
    }
}

impl Status {
    /// Whether the project is elected.
    ///
    /// ```
    /// use deputy_work::vote::Status;
    /// assert!(!Status::Tied.is_elected());
    /// ```
    #[must_use]
    pub const fn is_elected(&self) -> bool {
        matches!(self, Self::Elected)
    }
}

/// The Chinese label, as a result table prints it.
///
/// ```
/// use deputy_work::vote::Status;
/// assert_eq!(Status::OverBudget.to_string(), "超出预算上限");
/// ```
impl core::fmt::Display for Status {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// A project as a result names it: its id and its name (from the
/// candidate list), so a front end can show either.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::ProjectRef;
/// let p = ProjectRef::new(ProjectId::new(3), "中小学食堂提质");
/// assert_eq!(p.to_string(), "P3 中小学食堂提质");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ProjectRef {
    /// The project's id.
    pub id: ProjectId,
    /// Its name.
    pub name: String,
}

impl ProjectRef {
    /// A project's id and name.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::ProjectRef;
    /// assert_eq!(ProjectRef::new(ProjectId::new(1), "背街小巷整治").name, "背街小巷整治");
    /// ```
    #[must_use]
    pub fn new(id: ProjectId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
        }
    }

    /// The reference of a candidate of `candidates`, by id (the id alone,
    /// with an empty name, for a project that is not a candidate there).
    fn of(candidates: &CandidateList, id: ProjectId) -> Self {
        let name = candidates.get(id).map(|p| p.name.clone());
        debug_assert!(name.is_some(), "a result names only candidates");
        Self {
            id,
            name: name.unwrap_or_default(),
        }
    }
}

/// `P3 中小学食堂提质`: the id, then the name.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::ProjectRef;
/// assert_eq!(format!("{}", ProjectRef::new(ProjectId::new(12), "智慧停车泊位")), "P12 智慧停车泊位");
/// ```
impl core::fmt::Display for ProjectRef {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} {}", self.id, self.name)
    }
}

/// One line of the result table: the project (id and name), its votes and
/// what became of it.
///
/// Its serde form carries the status's Chinese label beside its code
/// (`"status": "elected", "status_zh": "入选"`), so a front end can show
/// it as read; reading checks that the label fits the code.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{samples, Status};
/// let session = samples::session()?;
/// let outcome = session.decide(&samples::tally(&session)?)?;
/// let first = &outcome.rows[0];
/// assert_eq!((first.rank, first.project, first.name.as_str()), (1, ProjectId::new(1), "老旧小区改造提升"));
/// assert_eq!((first.votes_for, first.status), (3, Status::Elected));
/// assert_eq!(first.to_string(), "1. P1 老旧小区改造提升：赞成3票，反对0票，弃权0票，入选");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ProjectResultData", into = "ProjectResultData")
)]
#[non_exhaustive]
pub struct ProjectResult {
    /// Standard competition rank by the ranking key (1, 2, 2, 4, …).
    pub rank: u32,
    /// The project.
    pub project: ProjectId,
    /// Its name, from the candidate list.
    pub name: String,
    /// Votes for.
    pub votes_for: u64,
    /// Votes against.
    pub against: u64,
    /// Abstentions.
    pub abstain: u64,
    /// Ranked ballots: the figure of the counting method
    /// ([`Outcome::ranked_count`]): Borda or table points, the rank sum,
    /// the count in the top k, or, for the mean rank, the sum of the ranks
    /// given (the mean is `points / votes_for`). Zero for other forms.
    pub points: u64,
    /// Deputies present who gave no valid vote on it: no ballot returned,
    /// an invalid ballot, or (electronic voting) no press on it.
    pub not_voted: u64,
    /// What became of it.
    pub status: Status,
}

impl ProjectResult {
    /// The project's id and name.
    ///
    /// ```
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// let outcome = session.decide(&samples::tally(&session)?)?;
    /// assert_eq!(outcome.rows[1].project_ref().to_string(), "P2 农村供水保障工程");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn project_ref(&self) -> ProjectRef {
        ProjectRef::new(self.project, self.name.clone())
    }
}

/// A result line in Chinese: `1. P1 老旧小区改造提升：赞成3票，反对0票，弃权0票，入选`
/// (ranked ballots add the points: `，计分12`).
impl core::fmt::Display for ProjectResult {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{}. {} {}：赞成{}票，反对{}票，弃权{}票",
            self.rank, self.project, self.name, self.votes_for, self.against, self.abstain
        )?;
        if self.points > 0 {
            write!(f, "，计分{}", self.points)?;
        }
        write!(f, "，{}", self.status)
    }
}

/// The serde form of a [`ProjectResult`]: the fields, and the status's
/// Chinese label beside its code.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectResultData {
    rank: u32,
    project: ProjectId,
    #[serde(default)]
    name: String,
    votes_for: u64,
    against: u64,
    abstain: u64,
    points: u64,
    #[serde(default)]
    not_voted: u64,
    status: Status,
    #[serde(default)]
    status_zh: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<ProjectResultData> for ProjectResult {
    type Error = String;
    fn try_from(d: ProjectResultData) -> Result<Self, String> {
        if let Some(label) = &d.status_zh
            && label != d.status.label_zh()
        {
            return Err(format!(
                "status_zh {label:?} does not fit status {:?} ({})",
                d.status,
                d.status.label_zh()
            ));
        }
        Ok(Self {
            rank: d.rank,
            project: d.project,
            name: d.name,
            votes_for: d.votes_for,
            against: d.against,
            abstain: d.abstain,
            points: d.points,
            not_voted: d.not_voted,
            status: d.status,
        })
    }
}

#[cfg(feature = "serde")]
impl From<ProjectResult> for ProjectResultData {
    fn from(r: ProjectResult) -> Self {
        Self {
            status_zh: Some(r.status.label_zh().to_owned()),
            rank: r.rank,
            project: r.project,
            name: r.name,
            votes_for: r.votes_for,
            against: r.against,
            abstain: r.abstain,
            points: r.points,
            not_voted: r.not_voted,
            status: r.status,
        }
    }
}

/// A tie at the last place: more tied projects than places left (or than
/// the budget left can pay for). Never broken silently: resolve it by a
/// runoff among only these projects ([`Session::runoff`],
/// [`Outcome::resolve`]).
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{ProjectRef, Tie};
/// let t = Tie::new(vec![ProjectRef::new(ProjectId::new(4), "居家养老服务中心"),
///     ProjectRef::new(ProjectId::new(9), "婴幼儿托育服务中心")], 1, None, 200);
/// assert_eq!(t.ids(), [ProjectId::new(4), ProjectId::new(9)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Tie {
    /// The tied projects, by id, with their names.
    pub projects: Vec<ProjectRef>,
    /// The places left for them.
    pub places_left: u32,
    /// The budget left for them, when there is a cap.
    pub budget_left: Option<Decimal>,
    /// The ranking key they tie on (votes for, or points for ranked ballots).
    pub votes: u64,
}

impl Tie {
    /// A tie among `projects` (sorted by id here) for `places_left`
    /// places, `budget_left` yuan if there is a cap, on `votes`.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{ProjectRef, Tie};
    /// let p = |n| ProjectRef::new(ProjectId::new(n), format!("项目{n}"));
    /// let t = Tie::new(vec![p(9), p(4)], 1, None, 200);
    /// assert_eq!(t.projects[0].id, ProjectId::new(4));
    /// ```
    #[must_use]
    pub fn new(
        mut projects: Vec<ProjectRef>,
        places_left: u32,
        budget_left: Option<Decimal>,
        votes: u64,
    ) -> Self {
        projects.sort_unstable();
        Self {
            projects,
            places_left,
            budget_left,
            votes,
        }
    }

    /// The tied projects' ids, sorted.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{ProjectRef, Tie};
    /// let t = Tie::new(vec![ProjectRef::new(ProjectId::new(2), "农村供水保障工程")], 1, None, 3);
    /// assert_eq!(t.ids(), [ProjectId::new(2)]);
    /// ```
    #[must_use]
    pub fn ids(&self) -> Vec<ProjectId> {
        self.projects.iter().map(|p| p.id).collect()
    }
}

/// The ballot figures of a vote (应到、实到、发出、收回、有效、无效).
///
/// ```
/// use deputy_work::vote::samples;
/// let session = samples::session()?;
/// let f = session.decide(&samples::tally(&session)?)?.figures;
/// assert_eq!((f.deputies, f.present, f.issued, f.returned, f.valid), (4, 3, 3, 3, 3));
/// assert_eq!(f.invalid.total(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct BallotFigures {
    /// All deputies (应到).
    pub deputies: u32,
    /// Deputies present (实到).
    pub present: u32,
    /// Ballots issued (发出).
    pub issued: u32,
    /// Ballots returned (收回).
    pub returned: u64,
    /// Valid ballots.
    pub valid: u64,
    /// Invalid ballots by reason.
    pub invalid: InvalidCounts,
}

/// The result of a vote: figures, the ranked table, the elected projects,
/// a pending tie and the places left for a separate vote. Every project it
/// names carries its name beside its id.
///
/// Its serde form carries the Chinese labels beside the codes it holds
/// (`"voting": "secret", "voting_zh": "无记名投票"`, `threshold_base_zh`,
/// `ranked_count_zh`), so a front end can show them as read; reading checks
/// that each label given fits its code.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{samples, Outcome};
/// use rust_decimal::Decimal;
/// let session = samples::session()?;
/// let o: Outcome = session.decide(&samples::tally(&session)?)?;
/// assert_eq!((o.figures.returned, o.required), (3, 3));
/// assert_eq!(o.elected[0].to_string(), "P1 老旧小区改造提升");
/// assert_eq!(o.elected_investment, Decimal::from(48_000_000));
/// assert_eq!(o.rows.first().map(|r| r.project), Some(ProjectId::new(1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OutcomeData", into = "OutcomeData")
)]
#[non_exhaustive]
pub struct Outcome {
    /// The ballot figures.
    pub figures: BallotFigures,
    /// The threshold base, if there is a threshold.
    pub threshold_base: Option<ThresholdBase>,
    /// The fewest votes for that pass (0 without a threshold).
    pub required: u64,
    /// The places to fill.
    pub places: u32,
    /// Every candidate, best first (ties by project id).
    pub rows: Vec<ProjectResult>,
    /// The elected projects, best first, with their names.
    pub elected: Vec<ProjectRef>,
    /// The elected projects' investment together, in yuan.
    pub elected_investment: Decimal,
    /// A tie at the last place, awaiting a runoff.
    pub tie: Option<Tie>,
    /// Places left unfilled, for a separate vote (另行选举). Zero while a
    /// tie is pending: counted once the runoff resolves it.
    pub unfilled: u32,
    /// How the deputies voted.
    #[cfg_attr(feature = "serde", serde(default))]
    pub voting: Voting,
    /// Each ballot box's figures, in box order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub boxes: Vec<BoxCount>,
    /// For ranked ballots, how they were counted.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ranked_count: Option<RankedCount>,
    /// The drawing of lots that settled a tie, if one did, with the
    /// projects' names.
    #[cfg_attr(feature = "serde", serde(default))]
    pub lot: Option<DrawnLot>,
}

/// The serde form of an [`Outcome`]: its fields, with the Chinese labels
/// of its codes.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeData {
    figures: BallotFigures,
    threshold_base: Option<ThresholdBase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    threshold_base_zh: Option<String>,
    required: u64,
    places: u32,
    rows: Vec<ProjectResult>,
    elected: Vec<ProjectRef>,
    elected_investment: Decimal,
    tie: Option<Tie>,
    unfilled: u32,
    #[serde(default)]
    voting: Voting,
    #[serde(default)]
    voting_zh: Option<String>,
    #[serde(default)]
    boxes: Vec<BoxCount>,
    #[serde(default)]
    ranked_count: Option<RankedCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ranked_count_zh: Option<String>,
    #[serde(default)]
    lot: Option<DrawnLot>,
}

/// `Err` naming the field when a label read does not fit its code.
#[cfg(feature = "serde")]
fn label_fits<T: Labelled + core::fmt::Debug>(
    field: &str,
    label: Option<&String>,
    code: Option<&T>,
) -> Result<(), String> {
    match (label, code) {
        (None, _) => Ok(()),
        (Some(l), Some(c)) if l == c.label_zh() => Ok(()),
        (Some(l), c) => Err(format!("{field} {l:?} does not fit {c:?}")),
    }
}

#[cfg(feature = "serde")]
impl TryFrom<OutcomeData> for Outcome {
    type Error = String;
    fn try_from(d: OutcomeData) -> Result<Self, String> {
        label_fits(
            "threshold_base_zh",
            d.threshold_base_zh.as_ref(),
            d.threshold_base.as_ref(),
        )?;
        label_fits("voting_zh", d.voting_zh.as_ref(), Some(&d.voting))?;
        label_fits(
            "ranked_count_zh",
            d.ranked_count_zh.as_ref(),
            d.ranked_count.as_ref(),
        )?;
        Ok(Self {
            figures: d.figures,
            threshold_base: d.threshold_base,
            required: d.required,
            places: d.places,
            rows: d.rows,
            elected: d.elected,
            elected_investment: d.elected_investment,
            tie: d.tie,
            unfilled: d.unfilled,
            voting: d.voting,
            boxes: d.boxes,
            ranked_count: d.ranked_count,
            lot: d.lot,
        })
    }
}

#[cfg(feature = "serde")]
impl From<Outcome> for OutcomeData {
    fn from(o: Outcome) -> Self {
        let zh = |l: &dyn Labelled| l.label_zh().to_owned();
        Self {
            threshold_base_zh: o.threshold_base.as_ref().map(|b| zh(b)),
            voting_zh: Some(zh(&o.voting)),
            ranked_count_zh: o.ranked_count.as_ref().map(|r| zh(r)),
            figures: o.figures,
            threshold_base: o.threshold_base,
            required: o.required,
            places: o.places,
            rows: o.rows,
            elected: o.elected,
            elected_investment: o.elected_investment,
            tie: o.tie,
            unfilled: o.unfilled,
            voting: o.voting,
            boxes: o.boxes,
            ranked_count: o.ranked_count,
            lot: o.lot,
        }
    }
}

/// A recorded drawing of lots (抽签) that settles a tie: the tied projects
/// in the order drawn, and the record of the drawing (who drew, where it is
/// minuted). Supplied by the caller; the crate never breaks a tie by an
/// order of its own.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::Lot;
/// let lot = Lot::new(vec![ProjectId::new(9), ProjectId::new(4)], "主席团第三次会议抽签");
/// assert_eq!(lot.order[0], ProjectId::new(9));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Lot {
    /// The tied projects, first drawn first.
    pub order: Vec<ProjectId>,
    /// The record of the drawing.
    pub record: String,
}

impl Lot {
    /// A drawing of lots: the tied projects in the order drawn, and its record.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::Lot;
    /// let lot = Lot::new(vec![ProjectId::new(2)], "主席团抽签");
    /// assert_eq!(lot.record, "主席团抽签");
    /// ```
    #[must_use]
    pub fn new(order: Vec<ProjectId>, record: impl Into<String>) -> Self {
        Self {
            order,
            record: record.into(),
        }
    }
}

/// A drawing of lots as the outcome shows it: the projects in the order
/// drawn, with their names, and the record.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{Ballot, BallotsIssued, Choice, Electorate, Lot, Mark, Session, Tally, BoxNumber, samples};
/// let mut rules = samples::policy()?;
/// rules.threshold = None;
/// let session = Session::new(rules, samples::candidates(2)?,
///     Electorate::all_present((1..=2).map(deputy_work::common::DeputyId::new))?, BallotsIssued(2))?;
/// let mut t = Tally::new(&session, BoxNumber(1));
/// t.cast(&session, &samples::ballot(1, 1, Mark::For))?;
/// t.cast(&session, &samples::ballot(2, 2, Mark::For))?;
/// let lot = Lot::new(vec![ProjectId::new(2), ProjectId::new(1)], "主席团抽签");
/// let settled = session.decide(&t)?.settle(&session, &lot)?;
/// let drawn = settled.lot.ok_or("lot")?;
/// assert_eq!(drawn.order[0].name, "农村供水保障工程");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DrawnLot {
    /// The tied projects, first drawn first, with their names.
    pub order: Vec<ProjectRef>,
    /// The record of the drawing.
    pub record: String,
}

impl Outcome {
    /// The elected projects' ids, best first.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// let outcome = session.decide(&samples::tally(&session)?)?;
    /// assert_eq!(outcome.elected_ids(), [ProjectId::new(1)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn elected_ids(&self) -> Vec<ProjectId> {
        self.elected.iter().map(|p| p.id).collect()
    }

    /// The row of project `id`.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, Status};
    /// let session = samples::session()?;
    /// let o = session.decide(&samples::tally(&session)?)?;
    /// assert_eq!(o.row(ProjectId::new(1)).ok_or("p1")?.votes_for, 3);
    /// assert_eq!(o.row(ProjectId::new(2)).ok_or("p2")?.status, Status::NotPassed);
    /// assert!(o.row(ProjectId::new(3)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn row(&self, id: ProjectId) -> Option<&ProjectResult> {
        self.rows.iter().find(|r| r.project == id)
    }

    /// Folds in the outcome of the runoff among this outcome's tied projects.
    ///
    /// Cost: linear in the two outcomes' rows and tied projects (the outcome
    /// is copied); memory: the new outcome.
    ///
    /// The runoff's elected projects are elected here, after the others;
    /// the other tied projects lose the runoff; a tie in the runoff stays
    /// pending (run another runoff). Projects ranked below the tie are not
    /// reconsidered: places the runoff leaves open are reported as unfilled.
    ///
    /// ```
    /// use deputy_work::vote::{samples, VoteError};
    /// let session = samples::session()?;
    /// let o = session.decide(&samples::tally(&session)?)?;
    /// assert_eq!(o.resolve(&o), Err(VoteError::NoTie), "nothing to resolve");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// See [`Session::runoff`] for a runoff.
    ///
    /// # Errors
    /// [`VoteError::NoTie`] when there is nothing to resolve;
    /// [`VoteError::RunoffMismatch`] when `runoff` was not among exactly the
    /// tied projects for the places left.
    pub fn resolve(&self, runoff: &Self) -> Result<Self, VoteError> {
        let tie = self.tie.as_ref().ok_or(VoteError::NoTie)?;
        let mut theirs: Vec<ProjectId> = runoff.rows.iter().map(|r| r.project).collect();
        theirs.sort_unstable();
        if theirs != tie.ids() || runoff.places != tie.places_left {
            return Err(VoteError::RunoffMismatch);
        }
        let mut out = self.clone();
        for row in &mut out.rows {
            if row.status == Status::Tied {
                row.status = match runoff.row(row.project).map(|r| r.status) {
                    Some(Status::Elected) => Status::Elected,
                    Some(Status::Tied) => Status::Tied,
                    _ => Status::LostRunoff,
                };
            }
        }
        out.elected.extend_from_slice(&runoff.elected);
        out.elected_investment = out
            .elected_investment
            .checked_add(runoff.elected_investment)
            .ok_or(VoteError::Overflow)?;
        out.tie.clone_from(&runoff.tie);
        out.unfilled = runoff.unfilled;
        Ok(out)
    }
}

impl Outcome {
    /// Settles the pending tie of a vote of `session` by a recorded drawing
    /// of lots, where the rules provide for it: the tied
    /// projects are taken in the order drawn while places (and the budget)
    /// are left; the others lose the draw. The places that no tied project
    /// fills are reported as unfilled.
    ///
    /// Cost: linear in the outcome's rows and the lot's order, with a
    /// candidate lookup per project drawn; memory: the new outcome.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{samples, BallotsIssued, BoxNumber, Electorate, Lot, Mark, Session, Status, Tally, VoteError};
    /// // Most votes win (no threshold); one vote each for 1 place: a tie.
    /// let rules = samples::policy()?.with_changes(|r| r.threshold = None)?;
    /// let session = Session::new(rules, samples::candidates(2)?,
    ///     Electorate::all_present((1..=2).map(DeputyId::new))?, BallotsIssued(2))?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(1, 1, Mark::For))?;
    /// t.cast(&session, &samples::ballot(2, 2, Mark::For))?;
    /// let tied = session.decide(&t)?;
    /// let lot = Lot::new(vec![ProjectId::new(2), ProjectId::new(1)], "主席团抽签");
    /// let settled = tied.settle(&session, &lot)?;
    /// assert_eq!(settled.elected_ids(), [ProjectId::new(2)]);
    /// assert_eq!(settled.row(ProjectId::new(1)).ok_or("p1")?.status, Status::LostDraw);
    /// let wrong = Lot::new(vec![ProjectId::new(2)], "");
    /// assert_eq!(tied.settle(&session, &wrong), Err(VoteError::LotMismatch));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::NoTie`]; [`VoteError::LotMismatch`] unless the lot
    /// orders exactly the tied projects, each once, or names a project that
    /// is not a candidate of `session`; [`VoteError::Overflow`].
    pub fn settle(&self, session: &Session, lot: &Lot) -> Result<Self, VoteError> {
        let tie = self.tie.as_ref().ok_or(VoteError::NoTie)?;
        let mut drawn = lot.order.clone();
        drawn.sort_unstable();
        if drawn != tie.ids() {
            return Err(VoteError::LotMismatch);
        }
        let mut out = self.clone();
        let mut places = tie.places_left;
        let mut budget = tie.budget_left;
        for id in &lot.order {
            // A tied project that is not a candidate of `session`: the
            // session is not the one decided.
            let cost = session
                .candidates()
                .get(*id)
                .map(|p| p.investment)
                .ok_or(VoteError::LotMismatch)?;
            let fits = places > 0 && budget.is_none_or(|b| cost <= b);
            let status = if fits {
                places = invariant(places.checked_sub(1), 0, "a place is left (checked)");
                if let Some(b) = budget {
                    budget = Some(b.checked_sub(cost).ok_or(VoteError::Overflow)?);
                }
                out.elected.push(ProjectRef::of(session.candidates(), *id));
                out.elected_investment = out
                    .elected_investment
                    .checked_add(cost)
                    .ok_or(VoteError::Overflow)?;
                Status::Elected
            } else {
                Status::LostDraw
            };
            if let Some(row) = out.rows.iter_mut().find(|r| r.project == *id) {
                row.status = status;
            }
        }
        out.tie = None;
        out.unfilled = places;
        out.lot = Some(DrawnLot {
            order: lot
                .order
                .iter()
                .map(|&id| ProjectRef::of(session.candidates(), id))
                .collect(),
            record: lot.record.clone(),
        });
        Ok(out)
    }
}

impl Session {
    /// Decides the vote from the tally of all its ballot boxes.
    ///
    /// Cost: O(b) in the tally's boxes, plus O(p log p × r) to rank the p
    /// projects (a ranked vote compares rank counts, r per project) and a
    /// walk down the ranking; memory: a row per project.
    ///
    /// 1. More ballots returned than issued voids the vote (an error).
    /// 2. A project passes with votes for at or above [`Outcome::required`].
    /// 3. Passing projects are taken by votes for (ranked ballots: points),
    ///    most first; a project that no longer fits the budget cap is skipped;
    ///    a group of equal votes that does not fit the places (or budget) left
    ///    is a [`Tie`], and the decision stops there.
    /// 4. Places left are reported as unfilled, for a separate vote.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{samples, Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Status, Tally};
    ///
    /// // 5 deputies, 4 present; 3 candidates for 2 places.
    /// let session = Session::new(
    ///     Policy::election_style(2)?,
    ///     samples::candidates(3)?,
    ///     Electorate::new((1..=5).map(DeputyId::new), (1..=4).map(DeputyId::new))?,
    ///     BallotsIssued(4),
    /// )?;
    /// let mut tally = Tally::new(&session, BoxNumber(1));
    /// for (d, fors) in [(1, [1, 2]), (2, [1, 2]), (3, [1, 3]), (4, [2, 3])] {
    ///     let marks = fors.iter().map(|&n| (ProjectId::new(n), Mark::For)).collect();
    ///     tally.cast(&session, &Ballot::new(DeputyId::new(d), Choice::Marks(marks)))?;
    /// }
    /// let outcome = session.decide(&tally)?;
    /// assert_eq!(outcome.required, 3, "more than half of all 5 deputies");
    /// assert_eq!(outcome.elected_ids(), [ProjectId::new(1), ProjectId::new(2)]);
    /// assert_eq!(outcome.row(ProjectId::new(3)).ok_or("p3")?.status, Status::NotPassed);
    /// assert_eq!(outcome.unfilled, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::MoreReturnedThanIssued`] (the vote is void);
    /// [`VoteError::TallyMismatch`] when the tally is of another session;
    /// [`VoteError::Overflow`] if investments overflow.
    pub fn decide(&self, tally: &Tally) -> Result<Outcome, VoteError> {
        tally.check_of(self)?;
        let rules = self.rules();
        let electorate = self.electorate();
        let returned = tally.returned();
        if returned > u64::from(self.issued()) {
            return Err(VoteError::MoreReturnedThanIssued {
                issued: self.issued(),
                returned,
            });
        }
        let mut boxes_issued: u64 = 0;
        for b in tally.boxes() {
            let Some(issued) = b.issued else { continue };
            if b.returned > u64::from(issued) {
                return Err(VoteError::BoxVoid {
                    ballot_box: b.ballot_box,
                    issued,
                    returned: b.returned,
                });
            }
            boxes_issued = boxes_issued
                .checked_add(u64::from(issued))
                .ok_or(VoteError::Overflow)?;
        }
        if boxes_issued > u64::from(self.issued()) {
            return Err(VoteError::BoxesExceedIssued {
                boxes: boxes_issued,
                issued: self.issued(),
            });
        }
        let required = match &rules.threshold {
            None => 0,
            Some(t) => t.required(match t.base {
                ThresholdBase::AllDeputies => u64::from(electorate.size()),
                ThresholdBase::Present => u64::from(electorate.present()),
                ThresholdBase::ValidBallots => tally.valid(),
            })?,
        };
        let ranked = rules.form == BallotForm::Ranked;
        let electronic = matches!(rules.voting, Voting::Electronic { .. });
        let present = u64::from(electorate.present());
        // Each row beside its ranking key, sorted best first.
        let mut pairs: Vec<(ProjectResult, Key)> = Vec::with_capacity(self.candidates().len());
        for (t, marked_abstain) in tally.projects().zip(tally.marked_abstentions()) {
            let key = if ranked {
                rank_key(
                    &rules.ranked_count,
                    invariant(
                        tally.rank_counts(t.project),
                        &[],
                        "a ranked vote's tally keeps rank counts for every candidate",
                    ),
                    tally.valid(),
                    rules.max_choices(),
                )?
            } else {
                Key::High(t.votes_for)
            };
            // Electronic voting: an unpressed project is not voted on, not
            // an abstention.
            let abstain = if electronic {
                marked_abstain
            } else {
                t.abstain
            };
            let voted = t
                .votes_for
                .checked_add(t.against)
                .and_then(|n| n.checked_add(abstain))
                .ok_or(VoteError::Overflow)?;
            let row = ProjectResult {
                rank: 0,
                project: t.project,
                name: ProjectRef::of(self.candidates(), t.project).name,
                votes_for: t.votes_for,
                against: t.against,
                abstain,
                points: if ranked { key.figure() } else { 0 },
                not_voted: invariant(
                    present.checked_sub(voted),
                    0,
                    "votes on a project are at most the valid ballots, which are at most the \
                     ballots issued (checked above), which are at most the deputies present",
                ),
                status: if t.votes_for >= required {
                    Status::NoPlace
                } else {
                    Status::NotPassed
                },
            };
            pairs.push((row, key));
        }
        pairs.sort_by(|(a, ka), (b, kb)| ka.cmp_rank(*kb).then(a.project.cmp(&b.project)));
        let mut above: u32 = 0;
        let mut prev: Option<(Key, u32)> = None;
        for (row, k) in &mut pairs {
            row.rank = match prev {
                Some((pk, rank)) if pk.cmp_rank(*k) == Ordering::Equal => rank,
                _ => invariant(above.checked_add(1), u32::MAX, "at most 65,535 candidates"),
            };
            prev = Some((*k, row.rank));
            above = invariant(above.checked_add(1), u32::MAX, "at most 65,535 candidates");
        }

        let mut places_left = rules.places;
        let mut budget_left = rules.budget_cap;
        let mut elected = Vec::new();
        let mut elected_investment = Decimal::ZERO;
        let mut tie = None;
        let candidates = self.candidates();
        let mut start = 0;
        while tie.is_none() && places_left > 0 {
            // Past the last group: every project is ranked.
            let Some(&(_, k)) = pairs.get(start) else {
                break;
            };
            let end = pairs
                .iter()
                .skip(start)
                .position(|(_, other)| other.cmp_rank(k) != Ordering::Equal)
                .map_or(pairs.len(), |n| {
                    invariant(n.checked_add(start), pairs.len(), "a position in `pairs`")
                });
            let Some(group) = pairs.get_mut(start..end) else {
                debug_assert!(false, "start < end <= pairs.len()");
                break;
            };
            start = end;
            let mut fitting = Vec::new();
            let mut sum = Decimal::ZERO;
            for (row, _) in group
                .iter_mut()
                .filter(|(r, _)| r.status == Status::NoPlace)
            {
                let cost = investment(candidates, row.project)?;
                if budget_left.is_some_and(|b| cost > b) {
                    row.status = Status::OverBudget;
                } else {
                    sum = sum.checked_add(cost).ok_or(VoteError::Overflow)?;
                    fitting.push(ProjectRef::new(row.project, row.name.clone()));
                }
            }
            if fitting.is_empty() {
                continue;
            }
            let n = u32::try_from(fitting.len()).map_err(|_| VoteError::Overflow)?;
            let fits_budget = budget_left.is_none_or(|b| sum <= b);
            let status = if n <= places_left && fits_budget {
                elected.extend_from_slice(&fitting);
                places_left = invariant(places_left.checked_sub(n), 0, "n <= places_left");
                budget_left = budget_left
                    .map(|b| b.checked_sub(sum).ok_or(VoteError::Overflow))
                    .transpose()?;
                elected_investment = elected_investment
                    .checked_add(sum)
                    .ok_or(VoteError::Overflow)?;
                Status::Elected
            } else {
                tie = Some(Tie::new(fitting, places_left, budget_left, k.figure()));
                Status::Tied
            };
            for (row, _) in group
                .iter_mut()
                .filter(|(r, _)| r.status == Status::NoPlace)
            {
                row.status = status;
            }
        }
        let unfilled = if tie.is_some() { 0 } else { places_left };
        Ok(Outcome {
            figures: BallotFigures {
                deputies: electorate.size(),
                present: electorate.present(),
                issued: self.issued(),
                returned,
                valid: tally.valid(),
                invalid: *tally.invalid(),
            },
            threshold_base: rules.threshold.map(|t| t.base),
            required,
            places: rules.places,
            rows: pairs.into_iter().map(|(r, _)| r).collect(),
            elected,
            elected_investment,
            tie,
            unfilled,
            voting: rules.voting,
            boxes: tally.boxes().to_vec(),
            ranked_count: ranked.then(|| rules.ranked_count.clone()),
            lot: None,
        })
    }

    /// The session of a runoff (再次投票) among only the tied projects, for
    /// the places (and budget) left, with `issued` new ballots: same form and
    /// electorate; no threshold (most votes win) and no competition
    /// requirement; at most `places_left` choices.
    ///
    /// Cost: O(t × log p) in the t tied projects, plus
    /// [`CandidateList::new`](super::CandidateList::new) of them; memory: the
    /// new session (the electorate is copied).
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{samples, BallotsIssued, BoxNumber, Electorate, Mark, Session, Status, Tally};
    ///
    /// // Most votes win (no threshold), 2 candidates for 1 place.
    /// let rules = samples::policy()?.with_changes(|r| r.threshold = None)?;
    /// let session = Session::new(
    ///     rules,
    ///     samples::candidates(2)?,
    ///     Electorate::all_present((1..=4).map(DeputyId::new))?,
    ///     BallotsIssued(4),
    /// )?;
    /// let vote = |s: &Session, t: &mut Tally, d, n| t.cast(s, &samples::ballot(d, n, Mark::For));
    /// let mut tally = Tally::new(&session, BoxNumber(1));
    /// for (d, n) in [(1, 1), (2, 1), (3, 2), (4, 2)] { vote(&session, &mut tally, d, n)?; }
    /// let first = session.decide(&tally)?;
    /// let tie = first.tie.clone().ok_or("tie")?;
    /// assert_eq!((tie.projects.len(), tie.places_left), (2, 1));
    ///
    /// let runoff = session.runoff(&tie, BallotsIssued(4))?;
    /// let mut again = Tally::new(&runoff, BoxNumber(2));
    /// for (d, n) in [(1, 1), (2, 1), (3, 1), (4, 2)] { vote(&runoff, &mut again, d, n)?; }
    /// let last = first.resolve(&runoff.decide(&again)?)?;
    /// assert_eq!(last.elected_ids(), [ProjectId::new(1)]);
    /// assert_eq!(last.row(ProjectId::new(2)).ok_or("p2")?.status, Status::LostRunoff);
    /// assert!(last.tie.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::RunoffMismatch`] when the tie names a project that is
    /// not a candidate here, or leaves no place; errors of [`Session::new`].
    pub fn runoff(&self, tie: &Tie, issued: BallotsIssued) -> Result<Self, VoteError> {
        if tie.places_left == 0 || tie.projects.is_empty() {
            return Err(VoteError::RunoffMismatch);
        }
        let projects = tie
            .projects
            .iter()
            .map(|p| {
                self.candidates()
                    .get(p.id)
                    .cloned()
                    .ok_or(VoteError::RunoffMismatch)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut rules = self.rules().clone();
        rules.places = tie.places_left;
        rules.max_choices = Some(tie.places_left);
        rules.threshold = None;
        rules.competition = None;
        rules.budget_cap = tie.budget_left;
        Self::new(
            rules,
            CandidateList::new(projects)?,
            self.electorate().clone(),
            issued,
        )
    }
}

/// A project's standing in the ranking, by the counting method.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// More is better (votes for, points, counts in the top k).
    High(u64),
    /// Less is better (a rank sum).
    Low(u64),
    /// A mean rank, `sum / n`, lower better; never ranked (`n` = 0) last.
    Mean { sum: u64, n: u64 },
}

impl Key {
    /// `Less` when `self` ranks before `other`; `Equal` when they tie.
    fn cmp_rank(self, other: Self) -> Ordering {
        match (self, other) {
            (Self::High(a), Self::High(b)) => b.cmp(&a),
            (Self::Low(a), Self::Low(b)) => a.cmp(&b),
            (Self::Mean { sum: sa, n: na }, Self::Mean { sum: sb, n: nb }) => match (na, nb) {
                (0, 0) => Ordering::Equal,
                (0, _) => Ordering::Greater,
                (_, 0) => Ordering::Less,
                // sa / na against sb / nb, exactly.
                // u64 × u64 < 2^128: the products never wrap.
                _ => u128::from(sa)
                    .wrapping_mul(u128::from(nb))
                    .cmp(&u128::from(sb).wrapping_mul(u128::from(na))),
            },
            // One method per vote: keys of different kinds never meet.
            _ => Ordering::Equal,
        }
    }

    /// The figure shown in the results.
    const fn figure(self) -> u64 {
        match self {
            Self::High(v) | Self::Low(v) | Self::Mean { sum: v, .. } => v,
        }
    }
}

/// The ranking key of a project from its rank counts (`counts[r]`: ballots
/// ranking it at rank `r + 1`), the valid ballots and the ballot's
/// `max_choices`, by the method stated in the rules.
fn rank_key(
    method: &RankedCount,
    counts: &[u64],
    valid: u64,
    max_choices: u32,
) -> Result<Key, VoteError> {
    let top = u64::from(max_choices);
    let weighted = |weight: &dyn Fn(u64) -> u64| {
        (0_u64..)
            .zip(counts)
            .try_fold(0_u64, |acc, (r, n)| {
                n.checked_mul(weight(r)).and_then(|x| acc.checked_add(x))
            })
            .ok_or(VoteError::Overflow)
    };
    // rank r (from 0) is the (r + 1)-th priority.
    let ranked: u64 = weighted(&|_| 1)?;
    Ok(match method {
        RankedCount::Borda => Key::High(weighted(&|r| {
            invariant(top.checked_sub(r), 0, "a rank is below max_choices")
        })?),
        RankedCount::PointsTable { points } => Key::High(weighted(&|r| {
            usize::try_from(r)
                .ok()
                .and_then(|i| points.get(i))
                .copied()
                // Ranks past the table earn nothing: the rule's meaning.
                .unwrap_or(0)
        })?),
        RankedCount::RankSum => {
            let given = weighted(&next_rank)?;
            // Each valid ballot that leaves it unranked counts rank N + 1.
            let unranked = valid.checked_sub(ranked).ok_or(VoteError::Overflow)?;
            let penalty = unranked
                .checked_mul(next_rank(top))
                .ok_or(VoteError::Overflow)?;
            Key::Low(given.checked_add(penalty).ok_or(VoteError::Overflow)?)
        }
        RankedCount::MeanRank => Key::Mean {
            sum: weighted(&next_rank)?,
            n: ranked,
        },
        RankedCount::TopK { k } => Key::High(weighted(&|r| u64::from(r < u64::from(*k)))?),
    })
}

/// Rank `r` (from 0) as people count it (from 1); `max_choices + 1` for an
/// unranked project. Both are far below `u64::MAX` (a `u32` plus one).
fn next_rank(r: u64) -> u64 {
    invariant(r.checked_add(1), u64::MAX, "a rank fits a u32")
}

fn investment(candidates: &CandidateList, id: ProjectId) -> Result<Decimal, VoteError> {
    candidates
        .get(id)
        .map(|p| p.investment)
        .ok_or(VoteError::RunoffMismatch)
}

#[cfg(test)]
mod tests {
    use super::{Key, Ordering};

    /// The ranking comparison, hand-worked: more votes or points first,
    /// a lower rank sum first, a lower mean rank first (compared as
    /// fractions), a project nobody ranks after every ranked one and level
    /// with another nobody ranks.
    #[test]
    fn ranking_keys_compare_as_the_counting_method_says() {
        use Ordering::{Equal, Greater, Less};
        let mean = |sum, n| Key::Mean { sum, n };
        let cases = [
            (Key::High(5), Key::High(3), Less),
            (Key::High(3), Key::High(3), Equal),
            (Key::Low(3), Key::Low(5), Less),
            (Key::Low(5), Key::Low(3), Greater),
            // 4/3 before 3/2; 2/2 level with 1/1; 7/2 after 3/1.
            (mean(4, 3), mean(3, 2), Less),
            (mean(3, 2), mean(4, 3), Greater),
            (mean(2, 2), mean(1, 1), Equal),
            (mean(7, 2), mean(3, 1), Greater),
            // Nobody ranks it: after a mean of any size, level with another.
            (mean(0, 0), mean(9, 3), Greater),
            (mean(9, 3), mean(0, 0), Less),
            (mean(0, 0), mean(0, 0), Equal),
            // The largest sums and counts compare without wrapping.
            (
                mean(u64::MAX, u64::MAX),
                mean(u64::MAX - 1, u64::MAX),
                Greater,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.cmp_rank(b), want, "{a:?} against {b:?}");
        }
    }
}

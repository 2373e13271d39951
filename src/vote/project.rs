//! Candidate projects and the candidate list.

use super::{VoteError, invariant};
use crate::common::ProjectId;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A candidate livelihood project (民生实事候选项目), as printed on the ballot:
/// its name, investment, category and planned completion date.
///
/// Build one with [`Project::builder`], which names every field and checks
/// the project (or read one with serde, which checks it the same way).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::Project;
/// use rust_decimal::Decimal;
///
/// let p = Project::builder(ProjectId::new(1), "老旧小区改造")
///     .investment(Decimal::new(12_000_000, 0))
///     .category("城乡建设")
///     .completion(NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?)
///     .build()?;
/// assert_eq!(p.investment.to_string(), "12000000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, try_from = "ProjectData")
)]
#[non_exhaustive]
pub struct Project {
    /// The project's id.
    pub id: ProjectId,
    /// Its name.
    pub name: String,
    /// Its investment in yuan (not negative).
    pub investment: Decimal,
    /// Its category (e.g. 教育, 交通, 养老), free text.
    pub category: String,
    /// The planned completion date.
    pub completion: NaiveDate,
}

/// The serde form of a [`Project`], checked by [`ProjectBuilder::build`]
/// when read.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectData {
    id: ProjectId,
    name: String,
    investment: Decimal,
    category: String,
    completion: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<ProjectData> for Project {
    type Error = VoteError;
    fn try_from(d: ProjectData) -> Result<Self, VoteError> {
        Self::builder(d.id, d.name)
            .investment(d.investment)
            .category(d.category)
            .completion(d.completion)
            .build()
    }
}

impl Project {
    /// Starts a project with its id and name; the builder asks for the rest
    /// by name.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::Project;
    /// use rust_decimal::Decimal;
    /// let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let p = Project::builder(ProjectId::new(2), "校园食堂")
    ///     .investment(Decimal::from(300_000))
    ///     .category("教育")
    ///     .completion(date)
    ///     .build()?;
    /// assert_eq!((p.name.as_str(), p.category.as_str()), ("校园食堂", "教育"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(id: ProjectId, name: impl Into<String>) -> ProjectBuilder {
        ProjectBuilder {
            id,
            name: name.into(),
            investment: None,
            category: String::new(),
            completion: None,
        }
    }

    /// A project from five positional arguments (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use chrono::NaiveDate;
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::Project;
    /// use rust_decimal::Decimal;
    /// let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let p = Project::new(ProjectId::new(2), "校园食堂", Decimal::from(300_000), "教育", date);
    /// assert_eq!(p.name, "校园食堂");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "use `Project::builder(id, name).investment(…).category(…).completion(…).build()`, which names each field"
    )]
    #[must_use]
    pub fn new(
        id: ProjectId,
        name: impl Into<String>,
        investment: Decimal,
        category: impl Into<String>,
        completion: NaiveDate,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            investment,
            category: category.into(),
            completion,
        }
    }
}

/// A [`Project`] being built: [`Project::builder`] gives the id and name,
/// the methods the rest, each by name; [`ProjectBuilder::build`] checks it.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{Project, VoteError};
/// use rust_decimal::Decimal;
/// let missing = Project::builder(ProjectId::new(5), "背街小巷整治").investment(Decimal::ONE).build();
/// assert_eq!(missing, Err(VoteError::ProjectIncomplete { project: ProjectId::new(5), field: "completion" }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct ProjectBuilder {
    id: ProjectId,
    name: String,
    investment: Option<Decimal>,
    category: String,
    completion: Option<NaiveDate>,
}

impl ProjectBuilder {
    /// The investment, in yuan (required, not negative).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use deputy_work::common::ProjectId;
    /// # use deputy_work::vote::Project;
    /// # use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let p = Project::builder(ProjectId::new(1), "全民健身场地")
    ///     .investment(Decimal::from(7_600_000))
    ///     .completion(date)
    ///     .build()?;
    /// assert_eq!(p.investment, Decimal::from(7_600_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn investment(mut self, yuan: Decimal) -> Self {
        self.investment = Some(yuan);
        self
    }

    /// The category (free text, e.g. 教育; empty if not given).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use deputy_work::common::ProjectId;
    /// # use deputy_work::vote::Project;
    /// # use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let p = Project::builder(ProjectId::new(1), "全民健身场地").investment(Decimal::ONE)
    ///     .category("体育").completion(date).build()?;
    /// assert_eq!(p.category, "体育");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn category(mut self, category: impl Into<String>) -> Self {
        self.category = category.into();
        self
    }

    /// The planned completion date (required).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use deputy_work::common::ProjectId;
    /// # use deputy_work::vote::Project;
    /// # use rust_decimal::Decimal;
    /// let date = NaiveDate::from_ymd_opt(2025, 11, 28).ok_or("date")?;
    /// let p = Project::builder(ProjectId::new(1), "全民健身场地").investment(Decimal::ONE)
    ///     .completion(date).build()?;
    /// assert_eq!(p.completion, date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn completion(mut self, date: NaiveDate) -> Self {
        self.completion = Some(date);
        self
    }

    /// The project, checked.
    ///
    /// Cost: O(1) besides the name and category given.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use deputy_work::common::ProjectId;
    /// # use deputy_work::vote::{Project, VoteError};
    /// # use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let negative = Project::builder(ProjectId::new(1), "全民健身场地")
    ///     .investment(Decimal::NEGATIVE_ONE).completion(date).build();
    /// assert!(matches!(negative, Err(VoteError::NegativeInvestment { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::ProjectIncomplete`] naming `investment` or `completion`
    /// when it was not given; [`VoteError::NegativeInvestment`].
    pub fn build(self) -> Result<Project, VoteError> {
        let project = self.id;
        let missing = |field| VoteError::ProjectIncomplete { project, field };
        let investment = self.investment.ok_or_else(|| missing("investment"))?;
        let completion = self.completion.ok_or_else(|| missing("completion"))?;
        if investment.is_sign_negative() && !investment.is_zero() {
            return Err(VoteError::NegativeInvestment {
                project,
                investment,
            });
        }
        Ok(Project {
            id: self.id,
            name: self.name,
            investment,
            category: self.category,
            completion,
        })
    }
}

/// The candidate list of one vote, in ballot order: distinct ids, no
/// negative investment, at most 65,535 projects. Checked against the
/// rules' competition requirement when a [`Session`](super::Session) is made.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{samples, CandidateList, VoteError};
///
/// let p = samples::project;
/// let list = CandidateList::new(vec![p(1)?, p(2)?, p(3)?])?;
/// assert_eq!(list.len(), 3);
/// assert_eq!(
///     CandidateList::new(vec![p(1)?, p(1)?]),
///     Err(VoteError::DuplicateProject { project: ProjectId::new(1) })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<Project>", into = "Vec<Project>")
)]
pub struct CandidateList {
    projects: Vec<Project>,
    /// (id, position in `projects`), sorted by id.
    index: Vec<(ProjectId, u16)>,
    /// When the ids span a small range: position by `id - table_from`,
    /// `NONE` where there is no project.
    table: Vec<u16>,
    table_from: u32,
}

const NONE: u16 = u16::MAX;

impl TryFrom<Vec<Project>> for CandidateList {
    type Error = VoteError;
    fn try_from(projects: Vec<Project>) -> Result<Self, VoteError> {
        Self::new(projects)
    }
}

impl From<CandidateList> for Vec<Project> {
    fn from(list: CandidateList) -> Self {
        list.projects
    }
}

impl CandidateList {
    /// The most candidates one list may hold.
    ///
    /// ```
    /// use deputy_work::vote::CandidateList;
    /// assert_eq!(CandidateList::MAX_PROJECTS, 65_535);
    /// ```
    pub const MAX_PROJECTS: usize = u16::MAX as usize;

    /// Checks and wraps the candidates, in ballot order.
    ///
    /// Cost: O(p log p) in the p projects (at most 65,535; an id index is
    /// sorted); memory: the projects, the index, and a position table over
    /// the ids' span when it is under max(4p, 64) (2 bytes an entry).
    /// Loading a [`CandidateList`] with serde costs the same.
    ///
    /// ```
    /// use deputy_work::vote::{CandidateList, VoteError};
    /// assert_eq!(CandidateList::new(vec![]), Err(VoteError::NoCandidates));
    /// ```
    ///
    /// # Errors
    /// [`VoteError::NoCandidates`], [`VoteError::TooManyCandidates`],
    /// [`VoteError::DuplicateProject`], [`VoteError::NegativeInvestment`].
    pub fn new(projects: Vec<Project>) -> Result<Self, VoteError> {
        if projects.is_empty() {
            return Err(VoteError::NoCandidates);
        }
        if projects.len() > Self::MAX_PROJECTS {
            return Err(VoteError::TooManyCandidates {
                candidates: projects.len(),
                max: Self::MAX_PROJECTS,
            });
        }
        let mut index = Vec::with_capacity(projects.len());
        for (pos, p) in projects.iter().enumerate() {
            if p.investment.is_sign_negative() && !p.investment.is_zero() {
                return Err(VoteError::NegativeInvestment {
                    project: p.id,
                    investment: p.investment,
                });
            }
            let pos = u16::try_from(pos).map_err(|_| VoteError::Overflow)?;
            index.push((p.id, pos));
        }
        index.sort_unstable();
        if let Some(w) = index
            .windows(2)
            .find(|w| w.first().map(|a| a.0) == w.get(1).map(|b| b.0))
            && let Some(&(project, _)) = w.first()
        {
            return Err(VoteError::DuplicateProject { project });
        }
        let (table, table_from) = match (index.first(), index.last()) {
            (Some(&(lo, _)), Some(&(hi, _))) => {
                // A span that does not fit a usize (a 16-bit target) takes
                // the binary search: usize::MAX is never below the limit.
                let span = usize::try_from(hi.get().abs_diff(lo.get())).unwrap_or(usize::MAX);
                let limit = invariant(
                    projects.len().checked_mul(4),
                    usize::MAX,
                    "at most 65,535 projects",
                );
                if span < limit.max(64) {
                    let len = invariant(span.checked_add(1), span, "span < limit");
                    let mut table = vec![NONE; len];
                    for &(id, pos) in &index {
                        let i = invariant(
                            usize::try_from(id.get().abs_diff(lo.get())).ok(),
                            usize::MAX,
                            "an id's offset is at most the span, which fits",
                        );
                        if let Some(slot) = table.get_mut(i) {
                            *slot = pos;
                        }
                    }
                    (table, lo.get())
                } else {
                    (Vec::new(), 0)
                }
            }
            _ => (Vec::new(), 0),
        };
        Ok(Self {
            projects,
            index,
            table,
            table_from,
        })
    }

    /// The candidates, in ballot order.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, CandidateList};
    /// let p = samples::project;
    /// let list = CandidateList::new(vec![p(9)?, p(3)?])?;
    /// let names: Vec<&str> = list.projects().iter().map(|p| p.name.as_str()).collect();
    /// assert_eq!(names, ["婴幼儿托育服务中心", "中小学食堂提质"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    /// The number of candidates (never zero).
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, CandidateList};
    /// let p = samples::project;
    /// assert_eq!(CandidateList::new(vec![p(1)?])?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.projects.len()
    }

    /// Always `false`: a candidate list is never empty.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, CandidateList};
    /// let p = samples::project;
    /// assert!(!CandidateList::new(vec![p(1)?])?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.projects.is_empty()
    }

    /// The position on the ballot of project `id`, if it is a candidate.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, CandidateList};
    /// let p = samples::project;
    /// let list = CandidateList::new(vec![p(9)?, p(3)?])?;
    /// assert_eq!(list.position(ProjectId::new(3)), Some(1));
    /// assert_eq!(list.position(ProjectId::new(4)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn position(&self, id: ProjectId) -> Option<usize> {
        if !self.table.is_empty() {
            return id
                .get()
                .checked_sub(self.table_from)
                .and_then(|i| self.table.get(usize::try_from(i).ok()?))
                .filter(|&&pos| pos != NONE)
                .map(|&pos| usize::from(pos));
        }
        self.index
            .binary_search_by(|probe| probe.0.cmp(&id))
            .ok()
            .and_then(|i| self.index.get(i))
            .map(|&(_, pos)| usize::from(pos))
    }

    /// Project `id`, if it is a candidate.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, CandidateList};
    /// let p = samples::project;
    /// let list = CandidateList::new(vec![p(9)?])?;
    /// assert_eq!(list.get(ProjectId::new(9)).map(|p| p.name.as_str()), Some("婴幼儿托育服务中心"));
    /// assert!(list.get(ProjectId::new(4)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: ProjectId) -> Option<&Project> {
        self.position(id).and_then(|i| self.projects.get(i))
    }

    /// The ids, in ballot order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = ProjectId> + '_ {
        self.projects.iter().map(|p| p.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(ids: impl IntoIterator<Item = u32>) -> CandidateList {
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        CandidateList::new(
            ids.into_iter()
                .map(|n| {
                    Project::builder(ProjectId::new(n), "p")
                        .investment(Decimal::ONE)
                        .completion(date)
                        .build()
                        .unwrap()
                })
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn table_and_search_agree() {
        // dense ids use the table, sparse ones the binary search
        let dense = list([7, 3, 5, 4]);
        assert!(!dense.table.is_empty());
        let sparse = list([7, 3_000_000, 5, u32::MAX]);
        assert!(sparse.table.is_empty());
        for (l, ids) in [
            (&dense, vec![7, 3, 5, 4]),
            (&sparse, vec![7, 3_000_000, 5, u32::MAX]),
        ] {
            for (pos, &id) in ids.iter().enumerate() {
                assert_eq!(l.position(ProjectId::new(id)), Some(pos));
            }
            for id in [0, 1, 2, 6, 8, 9, 1_000, u32::MAX - 1] {
                assert_eq!(l.position(ProjectId::new(id)), None, "{id}");
            }
        }
    }

    #[test]
    fn negative_investment_is_refused_and_zero_is_not() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        #[allow(deprecated)]
        let p = |n, c| Project::new(ProjectId::new(n), "p", c, "c", date);
        assert!(CandidateList::new(vec![p(1, Decimal::ZERO), p(2, Decimal::ONE)]).is_ok());
        assert_eq!(
            CandidateList::new(vec![p(1, Decimal::ONE), p(2, Decimal::NEGATIVE_ONE)]),
            Err(VoteError::NegativeInvestment {
                project: ProjectId::new(2),
                investment: Decimal::NEGATIVE_ONE
            })
        );
    }
}

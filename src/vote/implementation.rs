//! After the vote: an adopted project through implementation to the
//! completion rating, with every change or suspension backed by a recorded
//! standing-committee decision (Shaanxi 2025, art. 18).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{CompletionRating, Outcome, Project, Session, VoteError};
use crate::common::{Labelled, labelled_enum};

labelled_enum! {
    /// Where an adopted project stands.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::ProjectStatus;
    /// assert_eq!(ProjectStatus::Suspended.label_zh(), "暂停实施");
    /// ```
    #[non_exhaustive]
    pub enum ProjectStatus in vote {
        /// Elected by the vote, not started (已票决).
        Adopted = "adopted", "已票决", "adopted";
        /// Being built (实施中).
        UnderWay = "under_way", "实施中", "under way";
        /// Suspended by a standing-committee decision (暂停实施).
        Suspended = "suspended", "暂停实施", "suspended";
        /// Finished, awaiting the deputies' rating (已完工).
        Completed = "completed", "已完工", "completed";
        /// Rated by the deputies (已测评).
        Rated = "rated", "已测评", "rated";
    }
}

/// The Chinese label, as a progress table prints it.
///
/// ```
/// use deputy_work::vote::ProjectStatus;
/// assert_eq!(ProjectStatus::UnderWay.to_string(), "实施中");
/// ```
impl core::fmt::Display for ProjectStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// A standing-committee decision, as recorded: its date and its reference
/// (the session and the decision's title or number).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::vote::Decision;
/// let d = Decision { date: NaiveDate::from_ymd_opt(2025, 6, 26).unwrap(), reference: "县十八届人大常委会第二十次会议决定".into() };
/// assert!(!d.reference.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Decision {
    /// The day of the decision.
    pub date: NaiveDate,
    /// Its reference.
    pub reference: String,
}

/// What a change to an adopted project changes.
///
/// ```
/// use rust_decimal::Decimal;
/// use deputy_work::vote::ProjectChange;
/// let c = ProjectChange::Investment(Decimal::from(4_500_000));
/// assert!(matches!(c, ProjectChange::Investment(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ProjectChange {
    /// The investment, in yuan (not negative).
    Investment(Decimal),
    /// The planned completion date.
    Completion(NaiveDate),
    /// The project's name and content.
    Name(String),
}

/// Something that happened to an adopted project.
///
/// ```
/// use deputy_work::vote::ProjectEvent;
/// assert_eq!(ProjectEvent::Started.label_zh(), "开工实施");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "event", content = "data", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ProjectEvent {
    /// Work started.
    Started,
    /// Progress reported, as a percentage (never going back).
    Progress {
        /// Percent done, 0 to 100.
        percent: u8,
    },
    /// Changed by a standing-committee decision.
    Changed {
        /// The decision.
        decision: Decision,
        /// What it changes.
        change: ProjectChange,
    },
    /// Suspended by a standing-committee decision.
    Suspended {
        /// The decision.
        decision: Decision,
        /// Why.
        reason: String,
    },
    /// Resumed by a standing-committee decision.
    Resumed {
        /// The decision.
        decision: Decision,
    },
    /// Finished.
    Completed,
    /// The deputies' completion rating (满意度测评).
    Rated {
        /// The ratings.
        rating: CompletionRating,
    },
}

impl ProjectEvent {
    /// The step's name, for errors.
    ///
    /// ```
    /// use deputy_work::vote::ProjectEvent;
    /// assert_eq!(ProjectEvent::Progress { percent: 10 }.name(), "report progress");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Started => "start",
            Self::Progress { .. } => "report progress",
            Self::Changed { .. } => "change",
            Self::Suspended { .. } => "suspend",
            Self::Resumed { .. } => "resume",
            Self::Completed => "complete",
            Self::Rated { .. } => "rate",
        }
    }

    /// The Chinese label of what happened.
    ///
    /// ```
    /// use deputy_work::vote::ProjectEvent;
    /// assert_eq!(ProjectEvent::Completed.label_zh(), "完工");
    /// ```
    #[must_use]
    pub const fn label_zh(&self) -> &'static str {
        match self {
            Self::Started => "开工实施",
            Self::Progress { .. } => "报告进度",
            Self::Changed { .. } => "经常委会决定变更",
            Self::Suspended { .. } => "经常委会决定暂停",
            Self::Resumed { .. } => "经常委会决定恢复实施",
            Self::Completed => "完工",
            Self::Rated { .. } => "代表满意度测评",
        }
    }

    const fn decision(&self) -> Option<&Decision> {
        match self {
            Self::Changed { decision, .. }
            | Self::Suspended { decision, .. }
            | Self::Resumed { decision } => Some(decision),
            _ => None,
        }
    }
}

/// One entry of an adopted project's record.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::vote::{ProjectEntry, ProjectEvent};
/// let e = ProjectEntry { date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), event: ProjectEvent::Started };
/// assert_eq!(e.event.name(), "start");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProjectEntry {
    /// When.
    pub date: NaiveDate,
    /// What.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub event: ProjectEvent,
}

/// An adopted livelihood project from the vote to its completion rating:
/// the project as now changed, its status and its record. Every step is
/// checked: a step the status does not allow, a date going back, progress
/// going back, a change or suspension without a standing-committee
/// decision on or before the day (and not before adoption), a rating of
/// another project: each is refused and changes nothing.
///
/// The steps: adopted → under way (progress reported) → completed → rated;
/// while adopted or under way it may be suspended and then resumed; while
/// adopted, under way or suspended it may be changed (investment,
/// completion date, name). A change, suspension or resumption carries the
/// decision that made it (Shaanxi 2025, art. 18).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::vote::{samples, AdoptedProject, Decision, ProjectChange, ProjectEvent, ProjectStatus, VoteError};
/// use rust_decimal::Decimal;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let mut p = AdoptedProject::new(samples::project(12)?, d(1, 10)); // 智慧停车泊位
/// p.record(d(3, 1), ProjectEvent::Started)?;
/// let decision = Decision { date: d(6, 26), reference: "常委会第二十次会议决定".into() };
/// p.record(d(6, 27), ProjectEvent::Changed { decision, change: ProjectChange::Investment(Decimal::from(3_600_000)) })?;
/// assert_eq!(p.project().investment, Decimal::from(3_600_000));
/// // A decision recorded after the change does not back it.
/// let late = Decision { date: d(7, 2), reference: "常委会决定".into() };
/// let err = p.record(d(7, 1), ProjectEvent::Suspended { decision: late, reason: "用地调整".into() }).unwrap_err();
/// assert!(matches!(err, VoteError::DecisionNeeded { .. }));
/// assert_eq!(p.status(), ProjectStatus::UnderWay);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AdoptedProjectData", into = "AdoptedProjectData")
)]
pub struct AdoptedProject {
    adopted: Project,
    adopted_on: NaiveDate,
    project: Project,
    status: ProjectStatus,
    progress: u8,
    trail: Vec<ProjectEntry>,
}

/// The serde form: the project as adopted, the day and the record,
/// replayed through the rules when read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AdoptedProjectData {
    project: Project,
    adopted_on: NaiveDate,
    trail: Vec<ProjectEntry>,
}

#[cfg(feature = "serde")]
impl TryFrom<AdoptedProjectData> for AdoptedProject {
    type Error = VoteError;
    fn try_from(d: AdoptedProjectData) -> Result<Self, VoteError> {
        Self::replay(d.project, d.adopted_on, d.trail)
    }
}

#[cfg(feature = "serde")]
impl From<AdoptedProject> for AdoptedProjectData {
    fn from(p: AdoptedProject) -> Self {
        Self {
            project: p.adopted,
            adopted_on: p.adopted_on,
            trail: p.trail,
        }
    }
}

impl AdoptedProject {
    /// A project adopted on `adopted_on`, not started.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectStatus};
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?;
    /// let p = AdoptedProject::new(samples::project(1)?, on);
    /// assert_eq!((p.status(), p.progress()), (ProjectStatus::Adopted, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(project: Project, adopted_on: NaiveDate) -> Self {
        Self {
            adopted: project.clone(),
            adopted_on,
            project,
            status: ProjectStatus::Adopted,
            progress: 0,
            trail: Vec::new(),
        }
    }

    /// The elected projects of a decided vote, adopted on `on`, best first.
    ///
    /// Cost: a candidate lookup and a copy per elected project.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject};
    /// let session = samples::session()?;
    /// let outcome = session.decide(&samples::tally(&session)?)?;
    /// let date = NaiveDate::from_ymd_opt(2025, 1, 20).ok_or("date")?;
    /// let adopted = AdoptedProject::from_outcome(&session, &outcome, date);
    /// assert_eq!(adopted.len(), 1);
    /// assert_eq!(adopted[0].project().name, "老旧小区改造提升");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_outcome(session: &Session, outcome: &Outcome, on: NaiveDate) -> Vec<Self> {
        outcome
            .elected
            .iter()
            .filter_map(|p| session.candidates().get(p.id))
            .map(|p| Self::new(p.clone(), on))
            .collect()
    }

    /// Rebuilds a project from its record, checking every entry.
    ///
    /// Cost: one [`AdoptedProject::record`] per entry: linear in the trail;
    /// memory: the trail. Loading an [`AdoptedProject`] with serde costs the
    /// same.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectEntry, ProjectEvent, ProjectStatus};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let trail = vec![
    ///     ProjectEntry { date: d(3, 1)?, event: ProjectEvent::Started },
    ///     ProjectEntry { date: d(6, 1)?, event: ProjectEvent::Progress { percent: 40 } },
    /// ];
    /// let p = AdoptedProject::replay(samples::project(1)?, d(1, 10)?, trail)?;
    /// assert_eq!((p.status(), p.progress()), (ProjectStatus::UnderWay, 40));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The first entry the rules refuse, as [`AdoptedProject::record`].
    pub fn replay(
        project: Project,
        adopted_on: NaiveDate,
        trail: impl IntoIterator<Item = ProjectEntry>,
    ) -> Result<Self, VoteError> {
        let mut p = Self::new(project, adopted_on);
        for e in trail {
            p.record(e.date, e.event)?;
        }
        Ok(p)
    }

    /// The project as now changed.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, Decision, ProjectChange, ProjectEvent};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let mut p = AdoptedProject::new(samples::project(1)?, d(1, 10)?);
    /// let decision = Decision { date: d(2, 1)?, reference: "常委会第十次会议决定".into() };
    /// p.record(d(2, 2)?, ProjectEvent::Changed { decision, change: ProjectChange::Name("老旧小区改造".into()) })?;
    /// assert_eq!(p.project().name, "老旧小区改造");
    /// assert_eq!(p.adopted().name, "老旧小区改造提升");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn project(&self) -> &Project {
        &self.project
    }

    /// The project as adopted (before any change).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject};
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?;
    /// let p = AdoptedProject::new(samples::project(2)?, on);
    /// assert_eq!(p.adopted(), p.project());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn adopted(&self) -> &Project {
        &self.adopted
    }

    /// Where it stands.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectEvent, ProjectStatus};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let mut p = AdoptedProject::new(samples::project(1)?, d(1, 10)?);
    /// p.record(d(3, 1)?, ProjectEvent::Started)?;
    /// assert_eq!(p.status(), ProjectStatus::UnderWay);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn status(&self) -> ProjectStatus {
        self.status
    }

    /// The progress last reported, in percent (100 once completed).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectEvent};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let mut p = AdoptedProject::new(samples::project(1)?, d(1, 10)?);
    /// p.record(d(3, 1)?, ProjectEvent::Started)?;
    /// p.record(d(9, 1)?, ProjectEvent::Completed)?;
    /// assert_eq!(p.progress(), 100);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn progress(&self) -> u8 {
        self.progress
    }

    /// The record, in order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectEvent};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let mut p = AdoptedProject::new(samples::project(1)?, d(1, 10)?);
    /// p.record(d(3, 1)?, ProjectEvent::Started)?;
    /// assert_eq!(p.trail().len(), 1);
    /// assert_eq!(p.trail()[0].event.label_zh(), "开工实施");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn trail(&self) -> &[ProjectEntry] {
        &self.trail
    }

    /// The completion rating, once rated.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::stats::Verdict;
    /// use deputy_work::vote::{samples, AdoptedProject, CompletionRating, ProjectEvent};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let project = samples::project(1)?;
    /// let mut p = AdoptedProject::new(project.clone(), d(1, 10)?);
    /// p.record(d(3, 1)?, ProjectEvent::Started)?;
    /// p.record(d(11, 1)?, ProjectEvent::Completed)?;
    /// assert!(p.rating().is_none());
    /// let mut rating = CompletionRating::of(&project);
    /// rating.add_many(Verdict::Satisfied, 40);
    /// p.record(d(12, 20)?, ProjectEvent::Rated { rating })?;
    /// assert_eq!(p.rating().map(|r| r.total()), Some(40));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rating(&self) -> Option<&CompletionRating> {
        self.trail.iter().rev().find_map(|e| match &e.event {
            ProjectEvent::Rated { rating } => Some(rating),
            _ => None,
        })
    }

    /// Records a step on `date`; a refused step changes nothing. Cost:
    /// constant, but for copying the step into the record.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::vote::{samples, AdoptedProject, ProjectEvent, VoteError};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// let mut p = AdoptedProject::new(samples::project(1)?, d(1, 10)?);
    /// let early = p.record(d(3, 1)?, ProjectEvent::Completed);
    /// assert!(matches!(early, Err(VoteError::ProjectStep { step: "complete", status: "adopted", .. })));
    /// assert!(p.trail().is_empty(), "refused: nothing recorded");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::ProjectStep`] for a step the status does not allow;
    /// [`VoteError::DecisionNeeded`] for a decision without a reference,
    /// dated after the step or before the adoption; [`VoteError::ProjectRecord`]
    /// for a date before the last one (or the adoption), progress above 100
    /// or going back, a negative investment, an empty name, or a rating of
    /// another project.
    pub fn record(&mut self, date: NaiveDate, event: ProjectEvent) -> Result<(), VoteError> {
        use ProjectStatus as S;
        let project = self.project.id;
        let refuse = |what: &'static str| Err(VoteError::ProjectRecord { project, what });
        let last = self.trail.last().map_or(self.adopted_on, |e| e.date);
        if date < last {
            return refuse("the date is before the last one recorded");
        }
        if let Some(d) = event.decision() {
            let what = if d.reference.trim().is_empty() {
                Some("the standing committee's decision has no reference")
            } else if d.date > date {
                Some("the standing committee's decision is dated after the step")
            } else if d.date < self.adopted_on {
                Some("the standing committee's decision is dated before the adoption")
            } else {
                None
            };
            if let Some(what) = what {
                return Err(VoteError::DecisionNeeded { project, what });
            }
        }
        let next = match (&event, self.status) {
            (ProjectEvent::Started, S::Adopted) => S::UnderWay,
            (ProjectEvent::Progress { percent }, S::UnderWay) => {
                if *percent > 100 || *percent < self.progress {
                    return refuse("progress is above 100 or goes back");
                }
                S::UnderWay
            }
            (ProjectEvent::Changed { change, .. }, S::Adopted | S::UnderWay | S::Suspended) => {
                match change {
                    ProjectChange::Investment(v) if v.is_sign_negative() => {
                        return refuse("the investment is negative");
                    }
                    ProjectChange::Name(n) if n.trim().is_empty() => {
                        return refuse("the name is empty");
                    }
                    _ => self.status,
                }
            }
            (ProjectEvent::Suspended { .. }, S::Adopted | S::UnderWay) => S::Suspended,
            (ProjectEvent::Resumed { .. }, S::Suspended) => S::UnderWay,
            (ProjectEvent::Completed, S::UnderWay) => S::Completed,
            (ProjectEvent::Rated { rating }, S::Completed) => {
                if rating.project != project {
                    return refuse("the rating is of another project");
                }
                S::Rated
            }
            (e, s) => {
                return Err(VoteError::ProjectStep {
                    project,
                    step: e.name(),
                    status: s.static_label_en(),
                });
            }
        };
        match &event {
            ProjectEvent::Progress { percent } => self.progress = *percent,
            ProjectEvent::Completed => self.progress = 100,
            ProjectEvent::Changed { change, .. } => match change {
                ProjectChange::Investment(v) => self.project.investment = *v,
                ProjectChange::Completion(d) => self.project.completion = *d,
                ProjectChange::Name(n) => self.project.name.clone_from(n),
            },
            _ => {}
        }
        self.status = next;
        self.trail.push(ProjectEntry { date, event });
        Ok(())
    }
}

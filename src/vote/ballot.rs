//! Ballots and why a ballot is invalid.

use crate::common::{DeputyId, Labelled, ProjectId};

/// A mark on one project of a for/against/abstain ballot.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::Mark;
/// assert_eq!(Mark::For.label_zh(), "赞成");
/// assert_eq!(Mark::Abstain.label_en(), "abstain");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Mark {
    /// 赞成.
    For,
    /// 反对.
    Against,
    /// 弃权. A project left unmarked counts as an abstention too.
    Abstain,
}

impl Labelled for Mark {
    fn label_zh(&self) -> &str {
        match self {
            Self::For => "赞成",
            Self::Against => "反对",
            Self::Abstain => "弃权",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::For => "for",
            Self::Against => "against",
            Self::Abstain => "abstain",
        }
    }
}

/// What a ballot says, in one of the three ballot forms.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::{Choice, Mark};
/// let p = ProjectId::new;
/// let marks = Choice::Marks(vec![(p(1), Mark::For), (p(2), Mark::Against)]);
/// assert_eq!(marks.approvals(), [p(1)]);
/// let ranked = Choice::Ranked(vec![p(3), p(1)]);
/// assert_eq!(ranked.approvals(), [p(3), p(1)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Choice {
    /// For / against / abstain, project by project; unmarked projects are
    /// abstentions. Form [`BallotForm::ForAgainstAbstain`](super::BallotForm::ForAgainstAbstain).
    Marks(Vec<(ProjectId, Mark)>),
    /// The projects chosen. Form [`BallotForm::ChooseUpTo`](super::BallotForm::ChooseUpTo).
    Chosen(Vec<ProjectId>),
    /// The projects ranked, first priority first. Form
    /// [`BallotForm::Ranked`](super::BallotForm::Ranked).
    Ranked(Vec<ProjectId>),
}

impl Choice {
    /// The projects this ballot supports (marked for, chosen or ranked), in
    /// ballot order: the approval set a Pabulib `.pb` file would record.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::Choice;
    /// assert_eq!(Choice::Chosen(vec![ProjectId::new(4)]).approvals(), [ProjectId::new(4)]);
    /// ```
    #[must_use]
    pub fn approvals(&self) -> Vec<ProjectId> {
        match self {
            Self::Marks(marks) => marks
                .iter()
                .filter(|(_, m)| *m == Mark::For)
                .map(|(p, _)| *p)
                .collect(),
            Self::Chosen(ps) | Self::Ranked(ps) => ps.clone(),
        }
    }
}

/// One returned ballot: who cast it and what it says.
///
/// The voter is recorded so a second ballot from the same deputy, or one
/// from outside the electorate, can be refused; the tally keeps only a bit
/// per deputy, never the ballot.
///
/// ```
/// use deputy_work::common::{DeputyId, ProjectId};
/// use deputy_work::vote::{Ballot, Choice};
/// let b = Ballot::new(DeputyId::new(7), Choice::Chosen(vec![ProjectId::new(1)]));
/// assert_eq!(b.voter, DeputyId::new(7));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Ballot {
    /// The deputy who cast it.
    pub voter: DeputyId,
    /// What it says.
    pub choice: Choice,
}

impl Ballot {
    /// A ballot.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{Ballot, Choice, Mark};
    /// let b = Ballot::new(DeputyId::new(1), Choice::Marks(vec![(ProjectId::new(2), Mark::For)]));
    /// assert_eq!(b.choice.approvals(), [ProjectId::new(2)]);
    /// ```
    #[must_use]
    pub const fn new(voter: DeputyId, choice: Choice) -> Self {
        Self { voter, choice }
    }
}

/// Why a returned ballot is invalid (废票). An invalid ballot is counted as
/// returned and invalid; nothing on it is counted, and it is never "fixed".
///
/// ```
/// use deputy_work::common::{Labelled, ProjectId};
/// use deputy_work::vote::InvalidReason;
/// let r = InvalidReason::TooManyChoices { chosen: 11, allowed: 10 };
/// assert_eq!(r.label_zh(), "所选项目多于规定数");
/// assert_eq!(r.kind(), InvalidReason::TOO_MANY_CHOICES);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InvalidReason {
    /// The ballot is not in the form the rules prescribe.
    WrongForm,
    /// It names a project that is not a candidate.
    UnknownProject(ProjectId),
    /// It names the same project twice.
    DuplicateProject(ProjectId),
    /// It marks for, chooses or ranks more projects than allowed.
    TooManyChoices {
        /// How many it marks.
        chosen: usize,
        /// How many are allowed.
        allowed: u32,
    },
    /// Nothing is marked for or against, and the rules count blank ballots as invalid.
    Blank,
}

impl InvalidReason {
    /// Index of [`InvalidReason::WrongForm`] in [`InvalidCounts`].
    pub const WRONG_FORM: usize = 0;
    /// Index of [`InvalidReason::UnknownProject`] in [`InvalidCounts`].
    pub const UNKNOWN_PROJECT: usize = 1;
    /// Index of [`InvalidReason::DuplicateProject`] in [`InvalidCounts`].
    pub const DUPLICATE_PROJECT: usize = 2;
    /// Index of [`InvalidReason::TooManyChoices`] in [`InvalidCounts`].
    pub const TOO_MANY_CHOICES: usize = 3;
    /// Index of [`InvalidReason::Blank`] in [`InvalidCounts`].
    pub const BLANK: usize = 4;

    /// The index of this reason's counter in [`InvalidCounts`].
    ///
    /// ```
    /// use deputy_work::vote::InvalidReason;
    /// assert_eq!(InvalidReason::Blank.kind(), 4);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> usize {
        match self {
            Self::WrongForm => Self::WRONG_FORM,
            Self::UnknownProject(_) => Self::UNKNOWN_PROJECT,
            Self::DuplicateProject(_) => Self::DUPLICATE_PROJECT,
            Self::TooManyChoices { .. } => Self::TOO_MANY_CHOICES,
            Self::Blank => Self::BLANK,
        }
    }
}

impl Labelled for InvalidReason {
    fn label_zh(&self) -> &str {
        match self {
            Self::WrongForm => "选票格式不符",
            Self::UnknownProject(_) => "所列项目不是候选项目",
            Self::DuplicateProject(_) => "同一项目重复填写",
            Self::TooManyChoices { .. } => "所选项目多于规定数",
            Self::Blank => "空白票",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::WrongForm => "wrong form",
            Self::UnknownProject(_) => "unknown project",
            Self::DuplicateProject(_) => "duplicate project",
            Self::TooManyChoices { .. } => "too many choices",
            Self::Blank => "blank",
        }
    }
}

/// Invalid ballots by reason, indexed by [`InvalidReason::kind`].
///
/// ```
/// use deputy_work::vote::{InvalidCounts, InvalidReason};
/// let mut c = InvalidCounts::default();
/// c.add(InvalidReason::Blank);
/// assert_eq!(c.total(), 1);
/// assert_eq!(c.by_kind[InvalidReason::BLANK], 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct InvalidCounts {
    /// Counts by reason kind.
    pub by_kind: [u64; 5],
}

impl InvalidCounts {
    /// Counts one invalid ballot.
    ///
    /// ```
    /// use deputy_work::vote::{InvalidCounts, InvalidReason};
    /// let mut c = InvalidCounts::default();
    /// c.add(InvalidReason::WrongForm);
    /// assert_eq!(c.by_kind, [1, 0, 0, 0, 0]);
    /// ```
    pub fn add(&mut self, reason: InvalidReason) {
        if let Some(n) = self.by_kind.get_mut(reason.kind()) {
            // Bounded by the electorate (< 2^32): never saturates.
            *n = n.saturating_add(1);
        }
    }

    /// All invalid ballots.
    ///
    /// ```
    /// use deputy_work::vote::InvalidCounts;
    /// assert_eq!(InvalidCounts { by_kind: [1, 2, 0, 0, 3] }.total(), 6);
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.by_kind.iter().fold(0, |a, &b| a.saturating_add(b))
    }

    pub(crate) fn merge(&mut self, other: &Self) {
        for (a, b) in self.by_kind.iter_mut().zip(other.by_kind) {
            *a = a.saturating_add(b);
        }
    }
}

/// What became of a ballot that was accepted into the box.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::{InvalidReason, Validity};
/// assert_eq!(Validity::Invalid(InvalidReason::Blank).label_zh(), "无效票");
/// assert!(Validity::Valid.is_valid());
/// assert!(!Validity::Invalid(InvalidReason::Blank).is_valid());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Validity {
    /// Counted.
    Valid,
    /// Counted as returned but invalid.
    Invalid(InvalidReason),
}

impl Labelled for Validity {
    fn label_zh(&self) -> &str {
        match self {
            Self::Valid => "有效票",
            Self::Invalid(_) => "无效票",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::Valid => "valid",
            Self::Invalid(_) => "invalid",
        }
    }
}

impl Validity {
    /// Whether the ballot is valid.
    ///
    /// ```
    /// use deputy_work::vote::Validity;
    /// assert!(Validity::Valid.is_valid());
    /// ```
    #[must_use]
    pub const fn is_valid(&self) -> bool {
        matches!(self, Self::Valid)
    }
}

//! Ballots and why a ballot is invalid.

use crate::common::{DeputyId, Labelled, ProjectId, labelled_enum};

labelled_enum! {
    /// A mark on one project of a for/against/abstain ballot.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::Mark;
    /// assert_eq!(Mark::For.label_zh(), "赞成");
    /// assert_eq!(Mark::Abstain.label_en(), "abstain");
    /// ```
    pub enum Mark in vote {
        /// 赞成.
        For = "for", "赞成", "for";
        /// 反对.
        Against = "against", "反对", "against";
        /// 弃权. A project left unmarked counts as an abstention too.
        Abstain = "abstain", "弃权", "abstain";
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
#[non_exhaustive]
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
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::{InvalidKind, InvalidReason};
/// let r = InvalidReason::TooManyChoices { chosen: 11, allowed: 10 };
/// assert_eq!(r.label_zh(), "所选项目多于规定数");
/// assert_eq!(r.kind(), InvalidKind::TooManyChoices);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
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
    /// Index of [`InvalidReason::WrongForm`] (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::WRONG_FORM, 0);
    /// assert_eq!(InvalidKind::ALL[InvalidReason::WRONG_FORM], InvalidKind::WrongForm);
    /// ```
    #[deprecated(since = "0.2.0", note = "use `InvalidKind::WrongForm`")]
    pub const WRONG_FORM: usize = 0;
    /// Index of [`InvalidReason::UnknownProject`] (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::UNKNOWN_PROJECT, 1);
    /// assert_eq!(InvalidKind::ALL[InvalidReason::UNKNOWN_PROJECT], InvalidKind::UnknownProject);
    /// ```
    #[deprecated(since = "0.2.0", note = "use `InvalidKind::UnknownProject`")]
    pub const UNKNOWN_PROJECT: usize = 1;
    /// Index of [`InvalidReason::DuplicateProject`] (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::DUPLICATE_PROJECT, 2);
    /// assert_eq!(InvalidKind::ALL[InvalidReason::DUPLICATE_PROJECT], InvalidKind::DuplicateProject);
    /// ```
    #[deprecated(since = "0.2.0", note = "use `InvalidKind::DuplicateProject`")]
    pub const DUPLICATE_PROJECT: usize = 2;
    /// Index of [`InvalidReason::TooManyChoices`] (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::TOO_MANY_CHOICES, 3);
    /// assert_eq!(InvalidKind::ALL[InvalidReason::TOO_MANY_CHOICES], InvalidKind::TooManyChoices);
    /// ```
    #[deprecated(since = "0.2.0", note = "use `InvalidKind::TooManyChoices`")]
    pub const TOO_MANY_CHOICES: usize = 3;
    /// Index of [`InvalidReason::Blank`] (0.1).
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::BLANK, 4);
    /// assert_eq!(InvalidKind::ALL[InvalidReason::BLANK], InvalidKind::Blank);
    /// ```
    #[deprecated(since = "0.2.0", note = "use `InvalidKind::Blank`")]
    pub const BLANK: usize = 4;

    /// The kind of this reason, without its data: what [`InvalidCounts`]
    /// counts by.
    ///
    /// ```
    /// use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{InvalidKind, InvalidReason};
    /// assert_eq!(InvalidReason::Blank.kind(), InvalidKind::Blank);
    /// assert_eq!(InvalidReason::UnknownProject(ProjectId::new(9)).kind(), InvalidKind::UnknownProject);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> InvalidKind {
        match self {
            Self::WrongForm => InvalidKind::WrongForm,
            Self::UnknownProject(_) => InvalidKind::UnknownProject,
            Self::DuplicateProject(_) => InvalidKind::DuplicateProject,
            Self::TooManyChoices { .. } => InvalidKind::TooManyChoices,
            Self::Blank => InvalidKind::Blank,
        }
    }
}

impl Labelled for InvalidReason {
    fn label_zh(&self) -> &str {
        self.kind().static_label_zh()
    }

    fn label_en(&self) -> &str {
        self.kind().static_label_en()
    }
}

labelled_enum! {
    /// The kind of reason a ballot is invalid, without its data: the key of
    /// [`InvalidCounts`] (in its serde form, the snake-case name).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::InvalidKind;
    /// assert_eq!(InvalidKind::Blank.label_zh(), "空白票");
    /// assert_eq!(InvalidKind::TooManyChoices.code(), "too_many_choices");
    /// assert_eq!(InvalidKind::ALL.len(), 5);
    /// ```
    #[non_exhaustive]
    pub enum InvalidKind in vote {
        /// Not in the form the rules prescribe.
        WrongForm = "wrong_form", "选票格式不符", "wrong form";
        /// Names a project that is not a candidate.
        UnknownProject = "unknown_project", "所列项目不是候选项目", "unknown project";
        /// Names the same project twice.
        DuplicateProject = "duplicate_project", "同一项目重复填写", "duplicate project";
        /// More marked for, chosen or ranked than allowed.
        TooManyChoices = "too_many_choices", "所选项目多于规定数", "too many choices";
        /// Blank, where blank ballots are invalid.
        Blank = "blank", "空白票", "blank";
    }
}

impl InvalidKind {
    /// The counter's position in [`InvalidCounts`].
    const fn index(self) -> usize {
        match self {
            Self::WrongForm => 0,
            Self::UnknownProject => 1,
            Self::DuplicateProject => 2,
            Self::TooManyChoices => 3,
            Self::Blank => 4,
        }
    }
}

/// Invalid ballots (无效票) by kind of reason.
///
/// Its serde form is an object keyed by [`InvalidKind::code`], every kind
/// in the order of [`InvalidKind::ALL`]:
/// `{"wrong_form": 0, "unknown_project": 0, "duplicate_project": 0,
/// "too_many_choices": 1, "blank": 2}`. Reading accepts the keys in any
/// order, a missing key as zero, and the 0.1 form (an array of five counts
/// in that order); an unknown key, or counts adding up past `u64`, is
/// refused.
///
/// ```
/// use deputy_work::vote::{InvalidCounts, InvalidKind, InvalidReason};
/// let mut c = InvalidCounts::default();
/// c.add(InvalidReason::Blank);
/// assert_eq!(c.total(), 1);
/// assert_eq!(c.get(InvalidKind::Blank), 1);
/// # #[cfg(feature = "serde")]
/// assert_eq!(
///     serde_json::to_string(&c)?,
///     r#"{"wrong_form":0,"unknown_project":0,"duplicate_project":0,"too_many_choices":0,"blank":1}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub struct InvalidCounts {
    /// Counts by [`InvalidKind::index`].
    by_kind: [u64; 5],
}

impl InvalidCounts {
    /// Counts from `(kind, count)` pairs (a kind given twice adds up).
    ///
    /// ```
    /// use deputy_work::vote::{InvalidCounts, InvalidKind};
    /// let c = InvalidCounts::from_counts([(InvalidKind::Blank, 2), (InvalidKind::WrongForm, 1)])?;
    /// assert_eq!((c.get(InvalidKind::Blank), c.total()), (2, 3));
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::Overflow`](super::VoteError::Overflow) when the counts
    /// add up past `u64`.
    pub fn from_counts(
        counts: impl IntoIterator<Item = (InvalidKind, u64)>,
    ) -> Result<Self, super::VoteError> {
        let mut out = Self::default();
        for (kind, n) in counts {
            if let Some(c) = out.by_kind.get_mut(kind.index()) {
                *c = c.checked_add(n).ok_or(super::VoteError::Overflow)?;
            }
        }
        out.checked_total().ok_or(super::VoteError::Overflow)?;
        Ok(out)
    }

    /// Counts one invalid ballot.
    ///
    /// ```
    /// use deputy_work::vote::{InvalidCounts, InvalidKind, InvalidReason};
    /// let mut c = InvalidCounts::default();
    /// c.add(InvalidReason::WrongForm);
    /// assert_eq!(c.get(InvalidKind::WrongForm), 1);
    /// ```
    pub fn add(&mut self, reason: InvalidReason) {
        if let Some(n) = self.by_kind.get_mut(reason.kind().index()) {
            // Saturating is the documented meaning: a count stops at
            // u64::MAX. A tally's counts are bounded by its electorate
            // (< 2^32), so there it never saturates.
            *n = n.saturating_add(1);
        }
    }

    /// The invalid ballots of one kind.
    ///
    /// ```
    /// use deputy_work::vote::{InvalidCounts, InvalidKind};
    /// assert_eq!(InvalidCounts::default().get(InvalidKind::TooManyChoices), 0);
    /// ```
    #[must_use]
    pub fn get(&self, kind: InvalidKind) -> u64 {
        self.by_kind.get(kind.index()).copied().unwrap_or_else(|| {
            debug_assert!(false, "every kind has a counter");
            0
        })
    }

    /// Every kind with its count, in the order of [`InvalidKind::ALL`]
    /// (kinds with none included), for a table of invalid ballots.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::{InvalidCounts, InvalidKind};
    /// let c = InvalidCounts::from_counts([(InvalidKind::Blank, 2)])?;
    /// let shown: Vec<String> = c.iter().filter(|(_, n)| *n > 0)
    ///     .map(|(k, n)| format!("{}{n}张", k.label_zh())).collect();
    /// assert_eq!(shown, ["空白票2张"]);
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (InvalidKind, u64)> + '_ {
        InvalidKind::ALL.into_iter().zip(self.by_kind)
    }

    /// All invalid ballots (saturating at `u64::MAX`, which counts read or
    /// built here never reach: they are checked to add up).
    ///
    /// ```
    /// use deputy_work::vote::{InvalidCounts, InvalidKind};
    /// let c = InvalidCounts::from_counts([(InvalidKind::WrongForm, 1), (InvalidKind::Blank, 3)])?;
    /// assert_eq!(c.total(), 4);
    /// # Ok::<(), deputy_work::vote::VoteError>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.checked_total().unwrap_or_else(|| {
            debug_assert!(false, "invalid counts add up within u64");
            u64::MAX
        })
    }

    fn checked_total(&self) -> Option<u64> {
        self.by_kind
            .iter()
            .try_fold(0_u64, |a, &b| a.checked_add(b))
    }

    /// Adds another count; `None` (and nothing changed) past `u64`.
    pub(crate) fn checked_merge(&self, other: &Self) -> Option<Self> {
        let mut out = *self;
        for (a, b) in out.by_kind.iter_mut().zip(other.by_kind) {
            *a = a.checked_add(b)?;
        }
        out.checked_total()?;
        Some(out)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for InvalidCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(InvalidKind::ALL.len()))?;
        for (kind, n) in self.iter() {
            map.serialize_entry(kind.code(), &n)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for InvalidCounts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use core::fmt;
        use serde::de::{self, MapAccess, SeqAccess, Visitor};

        const CODES: &[&str] = &[
            "wrong_form",
            "unknown_project",
            "duplicate_project",
            "too_many_choices",
            "blank",
        ];
        /// The keyed form (0.2) or the array of five counts (0.1).
        struct Counts;
        impl<'de> Visitor<'de> for Counts {
            type Value = InvalidCounts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("invalid ballot counts keyed by reason, or an array of five counts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InvalidCounts, A::Error> {
                let mut pairs = Vec::with_capacity(InvalidKind::ALL.len());
                while let Some(key) = map.next_key::<String>()? {
                    let kind = InvalidKind::ALL
                        .into_iter()
                        .find(|k| k.code() == key)
                        .ok_or_else(|| de::Error::unknown_field(&key, CODES))?;
                    if pairs.iter().any(|(k, _)| *k == kind) {
                        return Err(de::Error::custom(format_args!("`{key}` given twice")));
                    }
                    pairs.push((kind, map.next_value::<u64>()?));
                }
                InvalidCounts::from_counts(pairs).map_err(de::Error::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<InvalidCounts, A::Error> {
                let mut pairs = Vec::with_capacity(InvalidKind::ALL.len());
                for (i, kind) in InvalidKind::ALL.into_iter().enumerate() {
                    let n = seq
                        .next_element::<u64>()?
                        .ok_or_else(|| de::Error::invalid_length(i, &self))?;
                    pairs.push((kind, n));
                }
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(6, &self));
                }
                InvalidCounts::from_counts(pairs).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(Counts)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_codes_and_counters_agree() {
        for (i, kind) in InvalidKind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), i);
            let mut c = InvalidCounts::default();
            c.add(match kind {
                InvalidKind::WrongForm => InvalidReason::WrongForm,
                InvalidKind::UnknownProject => InvalidReason::UnknownProject(ProjectId::new(1)),
                InvalidKind::DuplicateProject => InvalidReason::DuplicateProject(ProjectId::new(1)),
                InvalidKind::TooManyChoices => InvalidReason::TooManyChoices {
                    chosen: 2,
                    allowed: 1,
                },
                InvalidKind::Blank => InvalidReason::Blank,
            });
            assert_eq!(c.get(kind), 1, "{kind:?}");
            assert_eq!(c.total(), 1);
        }
        let a = InvalidCounts::from_counts([(InvalidKind::Blank, u64::MAX)]).unwrap();
        assert_eq!(a.checked_merge(&a), None);
        assert_eq!(
            InvalidCounts::from_counts([
                (InvalidKind::Blank, u64::MAX),
                (InvalidKind::WrongForm, 1)
            ]),
            Err(crate::vote::VoteError::Overflow)
        );
    }
}

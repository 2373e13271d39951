//! The voting session and the tally of one ballot box.

use super::electorate::BitSet;
use super::{
    Ballot, BallotForm, CandidateList, Choice, Electorate, InvalidCounts, InvalidReason, Mark,
    Policy, Validity, VoteError, Voting, invariant,
};

/// The most rank counters a ranked vote may need (candidates × ranks):
/// 8 MiB of counters, far above any congress's list.
const MAX_RANK_COUNTERS: usize = 1 << 20;

/// The rank counters a tally of `session` keeps: for ranked ballots, one
/// per candidate and rank (a ballot ranks at most `max_choices` projects,
/// and at most every candidate once); none for other forms. At most
/// [`MAX_RANK_COUNTERS`] ([`Session::new`] checks).
fn rank_len(session: &Session) -> usize {
    if session.rules.form != BallotForm::Ranked {
        return 0;
    }
    let n = session.candidates.len();
    let per = usize::try_from(session.rules.max_choices()).map_or(n, |m| m.min(n));
    invariant(
        n.checked_mul(per),
        0,
        "Session::new keeps candidates × ranks at most MAX_RANK_COUNTERS",
    )
}

/// The English name of a way of voting, for errors.
pub(crate) const fn voting_name(v: Voting) -> &'static str {
    match v {
        Voting::Named => "named ballots",
        Voting::Secret => "secret ballot",
        Voting::Electronic { .. } => "electronic voting",
    }
}
use crate::common::{DeputyId, ProjectId};

/// A number of ballots issued (发出选票), as an argument that says what it
/// is: `Session::new(…, BallotsIssued(314))`.
///
/// ```
/// use deputy_work::vote::BallotsIssued;
/// let issued = BallotsIssued(314);
/// assert_eq!(issued.0, 314);
/// assert_eq!(issued.to_string(), "314");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct BallotsIssued(pub u32);

impl core::fmt::Display for BallotsIssued {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

/// A ballot box's number (票箱号), as an argument that says what it is:
/// `Tally::new(&session, BoxNumber(1))`.
///
/// ```
/// use deputy_work::vote::BoxNumber;
/// assert_eq!(BoxNumber(3).to_string(), "3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct BoxNumber(pub u32);

impl core::fmt::Display for BoxNumber {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

/// One vote at a congress session (票决): the rules, the candidate list,
/// the electorate and the number of ballots issued.
///
/// Creating a session checks the rules, the candidate list against the
/// competition requirement, and that no more ballots were issued than there
/// are deputies present.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::vote::{samples, BallotsIssued, Electorate, Policy, Session, VoteError};
///
/// let candidates = samples::candidates(12)?;
/// let electorate = Electorate::new((1..=327).map(DeputyId::new), (1..=314).map(DeputyId::new))?;
/// let session = Session::new(Policy::election_style(10)?, candidates.clone(), electorate.clone(), BallotsIssued(314))?;
/// assert_eq!(session.issued(), 314);
///
/// // 12 candidates cannot compete for 12 places.
/// let err = Session::new(Policy::election_style(12)?, candidates, electorate, BallotsIssued(314)).unwrap_err();
/// assert_eq!(err, VoteError::NotCompetitive { candidates: 12, places: 12 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SessionData", into = "SessionData")
)]
pub struct Session {
    rules: Policy,
    candidates: CandidateList,
    electorate: Electorate,
    issued: u32,
}

/// The serde form of a [`Session`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionData {
    rules: Policy,
    candidates: CandidateList,
    electorate: Electorate,
    issued: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<SessionData> for Session {
    type Error = VoteError;
    fn try_from(d: SessionData) -> Result<Self, VoteError> {
        Self::new(d.rules, d.candidates, d.electorate, BallotsIssued(d.issued))
    }
}

#[cfg(feature = "serde")]
impl From<Session> for SessionData {
    fn from(s: Session) -> Self {
        Self {
            rules: s.rules,
            candidates: s.candidates,
            electorate: s.electorate,
            issued: s.issued,
        }
    }
}

impl Session {
    /// A session with `issued` ballots issued.
    ///
    /// Cost: O(1) besides its parts (built and checked already); loading a
    /// [`Session`] with serde costs its parts' loading: the candidates
    /// ([`CandidateList::new`](super::CandidateList::new)) and the
    /// electorate ([`Electorate::new`](super::Electorate::new)).
    ///
    /// # Errors
    /// [`VoteError::InvalidRules`]; [`VoteError::NotCompetitive`],
    /// [`VoteError::SurplusTooSmall`], [`VoteError::SurplusRatioTooSmall`]
    /// from the competition requirement; [`VoteError::IssuedExceedsPresent`];
    /// [`VoteError::NoQuorum`] when fewer deputies are present than the
    /// rules' quorum (the vote may not be held); [`VoteError::NamesNeeded`]
    /// for a named or electronic vote with an electorate known by its
    /// counts only.
    ///
    /// ```
    /// use deputy_work::vote::{BallotsIssued, Session, VoteError, samples};
    /// let session = samples::session()?;
    /// // 4 deputies, 3 present: 4 ballots cannot be issued.
    /// let again = Session::new(session.rules().clone(), session.candidates().clone(),
    ///     session.electorate().clone(), BallotsIssued(4));
    /// assert_eq!(again, Err(VoteError::IssuedExceedsPresent { issued: 4, present: 3 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        rules: Policy,
        candidates: CandidateList,
        electorate: Electorate,
        issued: BallotsIssued,
    ) -> Result<Self, VoteError> {
        let BallotsIssued(issued) = issued;
        rules.validate()?;
        if let Some(c) = &rules.competition {
            let n = u32::try_from(candidates.len()).map_err(|_| VoteError::Overflow)?;
            c.check(n, rules.places)?;
        }
        if issued > electorate.present() {
            return Err(VoteError::IssuedExceedsPresent {
                issued,
                present: electorate.present(),
            });
        }
        if let Some(q) = &rules.quorum {
            let required = q.required(electorate.size())?;
            if electorate.present() < required {
                return Err(VoteError::NoQuorum {
                    present: electorate.present(),
                    deputies: electorate.size(),
                    required,
                });
            }
        }
        if rules.form == BallotForm::Ranked {
            let n = candidates.len();
            let per = usize::try_from(rules.max_choices()).map_or(n, |m| m.min(n));
            if n.checked_mul(per).is_none_or(|c| c > MAX_RANK_COUNTERS) {
                return Err(VoteError::rules(
                    "max_choices",
                    "ranked ballots: candidates × max_choices must be at most 2^20",
                ));
            }
        }
        if !electorate.is_named() && rules.voting != Voting::Secret {
            return Err(VoteError::NamesNeeded {
                voting: voting_name(rules.voting),
            });
        }
        Ok(Self {
            rules,
            candidates,
            electorate,
            issued,
        })
    }

    /// The rules.
    ///
    /// ```
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// assert_eq!(session.rules().places, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn rules(&self) -> &Policy {
        &self.rules
    }

    /// The candidate list.
    ///
    /// ```
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// assert_eq!(session.candidates().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn candidates(&self) -> &CandidateList {
        &self.candidates
    }

    /// The electorate.
    ///
    /// ```
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// assert_eq!((session.electorate().size(), session.electorate().present()), (4, 3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn electorate(&self) -> &Electorate {
        &self.electorate
    }

    /// The number of ballots issued (发出选票).
    ///
    /// ```
    /// use deputy_work::vote::samples;
    /// let session = samples::session()?;
    /// assert_eq!(session.issued(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn issued(&self) -> u32 {
        self.issued
    }

    /// Checks a choose-N or ranked ballot; `Err` is why it is invalid.
    /// For/against/abstain ballots are checked while they are counted
    /// ([`Tally::cast`]).
    ///
    /// The candidate positions of the first `buf.len()` projects named are
    /// left in `buf`, so counting need not look them up again.
    fn check(&self, choice: &Choice, buf: &mut [u16]) -> Result<(), InvalidReason> {
        match (self.rules.form, choice) {
            (BallotForm::ChooseUpTo, Choice::Chosen(ps))
            | (BallotForm::Ranked, Choice::Ranked(ps)) => {
                if self.candidates.len() <= 64 {
                    self.check_ids(ps, buf, 0_u64)?;
                } else {
                    self.check_ids(ps, buf, vec![false; self.candidates.len()])?;
                }
                self.check_limits(ps.len(), ps.is_empty())
            }
            _ => Err(InvalidReason::WrongForm),
        }
    }

    /// Not more choices than allowed; not blank where blanks are invalid.
    fn check_limits(&self, chosen: usize, blank: bool) -> Result<(), InvalidReason> {
        let allowed = self.rules.max_choices();
        if u32::try_from(chosen).map_or(true, |f| f > allowed) {
            return Err(InvalidReason::TooManyChoices { chosen, allowed });
        }
        if blank && !self.rules.blank_ballots_valid {
            return Err(InvalidReason::Blank);
        }
        Ok(())
    }

    /// Every project named is a candidate, and named once.
    fn check_ids(
        &self,
        ids: &[ProjectId],
        buf: &mut [u16],
        mut seen: impl SeenSet,
    ) -> Result<(), InvalidReason> {
        let mut slots = buf.iter_mut();
        for &id in ids {
            let pos = self
                .candidates
                .position(id)
                .ok_or(InvalidReason::UnknownProject(id))?;
            if !seen.insert(pos) {
                return Err(InvalidReason::DuplicateProject(id));
            }
            if let Some(slot) = slots.next() {
                // A candidate position is below CandidateList::MAX_PROJECTS.
                *slot = invariant(
                    u16::try_from(pos).ok(),
                    u16::MAX,
                    "a candidate position is below CandidateList::MAX_PROJECTS",
                );
            }
        }
        Ok(())
    }
}

/// A counter stays below u64::MAX: it counts ballots, each once.
const COUNTER: &str = "a counter counts each ballot at most once";

/// How many candidate positions a ballot's check keeps for counting.
const BUF: usize = 32;

/// Which candidate positions a ballot has named (to find duplicates).
trait SeenSet {
    /// `false` if `pos` was seen already.
    fn insert(&mut self, pos: usize) -> bool;
}

/// Up to 64 candidates: one bit each, in a register.
impl SeenSet for u64 {
    #[inline]
    fn insert(&mut self, pos: usize) -> bool {
        let shift = invariant(
            u32::try_from(pos).ok().filter(|&p| p < 64),
            63,
            "a register set serves at most 64 candidates",
        );
        let bit = 1_u64.wrapping_shl(shift);
        let fresh = *self & bit == 0;
        *self |= bit;
        fresh
    }
}

impl SeenSet for Vec<bool> {
    #[inline]
    fn insert(&mut self, pos: usize) -> bool {
        self.get_mut(pos)
            .is_some_and(|s| !core::mem::replace(s, true))
    }
}

/// Two tallies' counters added ([`Tally::checked_sums`]).
#[derive(Debug)]
struct Sums {
    counts: Vec<Counter>,
    ranks: Vec<u64>,
    valid: u64,
    unnamed: u64,
    invalid: InvalidCounts,
}

/// The running counts of one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct Counter {
    /// Marks for, against and abstain, by [`Mark`] order (a ballot form
    /// without marks counts its choices as "for"). Abstentions here are the
    /// marked ones only; unmarked projects are abstentions too.
    marks: [u64; 3],
}

impl Counter {
    const fn votes_for(&self) -> u64 {
        self.marks[0]
    }

    const fn against(&self) -> u64 {
        self.marks[1]
    }
}

/// The counter slot of a mark.
#[inline]
const fn slot(mark: Mark) -> usize {
    match mark {
        Mark::For => 0,
        Mark::Against => 1,
        Mark::Abstain => 2,
    }
}

/// The counts of one project in a tally.
///
/// For a for/against/abstain ballot, an unmarked project is an abstention;
/// for choose-N and ranked ballots, a project not chosen or not ranked counts
/// as an abstention. So `votes_for + against + abstain` is always the number
/// of valid ballots. `points` are the ranked ballots' priority points (see
/// the [module docs](super)); zero for the other forms.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::samples;
/// let session = samples::session()?;
/// let t = samples::tally(&session)?.project(ProjectId::new(2)).ok_or("p2")?;
/// assert_eq!((t.votes_for, t.against, t.abstain, t.points), (0, 1, 2, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ProjectTally {
    /// The project.
    pub project: ProjectId,
    /// Votes for (赞成票 / 选票 / 排序票).
    pub votes_for: u64,
    /// Votes against (反对票).
    pub against: u64,
    /// Abstentions (弃权票), including projects left unmarked.
    pub abstain: u64,
    /// Priority points from ranked ballots.
    pub points: u64,
}

/// The count of one ballot box (票箱), or of several merged.
///
/// Memory is in proportion to the projects (three counters each) plus one
/// bit per deputy of the electorate (who has voted), never to the ballots:
/// the bit refuses a second ballot from the same deputy, and merging two
/// boxes finds a deputy who voted in both.
///
/// ```
/// use deputy_work::common::{DeputyId, ProjectId};
/// use deputy_work::vote::{samples, BoxNumber, Mark, Tally, VoteError};
///
/// let session = samples::session()?; // deputies 1 to 3 present
/// let ballot = |d, m| samples::ballot(d, 1, m);
///
/// let mut east = Tally::new(&session, BoxNumber(1));
/// east.cast(&session, &ballot(1, Mark::For))?;
/// east.cast(&session, &ballot(2, Mark::Against))?;
/// let mut west = Tally::new(&session, BoxNumber(2));
/// west.cast(&session, &ballot(3, Mark::For))?;
///
/// // A second ballot from deputy 1 is refused and changes nothing.
/// let before = east.clone();
/// assert_eq!(
///     east.cast(&session, &ballot(1, Mark::For)),
///     Err(VoteError::AlreadyVoted { voter: DeputyId::new(1), ballot_box: 1 })
/// );
/// assert_eq!(east, before);
///
/// east.merge(&session, &west)?;
/// let p1 = east.project(ProjectId::new(1)).ok_or("p1")?;
/// assert_eq!((p1.votes_for, p1.against, p1.abstain), (2, 1, 0));
/// assert_eq!(east.ballot_boxes(), [1, 2]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TallyData", into = "TallyData"))]
pub struct Tally {
    ballot_boxes: Vec<u32>,
    /// Each box's figures, in the order of `ballot_boxes`.
    boxes: Vec<BoxCount>,
    /// The box ballots cast here go to (the one it was made for).
    open_box: u32,
    projects: Vec<ProjectId>,
    counts: Vec<Counter>,
    /// Ranked ballots: how many ranked each project at each rank, project
    /// by project (`max_choices` counters each, at most one per candidate);
    /// empty for other forms.
    ranks: Vec<u64>,
    /// The ballot's `max_choices` (Borda's top points).
    top: u32,
    valid: u64,
    invalid: InvalidCounts,
    voted: BitSet,
    /// Ballots counted without a name (a secret ballot).
    unnamed: u64,
    /// Each seat's presses, when an electronic vote keeps them.
    presses: Vec<Press>,
}

/// One ballot box's figures: the ballots issued for it, if counted apart,
/// and the ballots returned in it (收回).
///
/// ```
/// use deputy_work::vote::{samples, BoxCount, BoxNumber};
/// let session = samples::session()?;
/// let tally = samples::tally(&session)?;
/// assert_eq!(tally.boxes(), [BoxCount::new(BoxNumber(1), None, 3)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct BoxCount {
    /// The box.
    pub ballot_box: u32,
    /// Ballots issued for it (发出), if the tellers counted them per box.
    pub issued: Option<u32>,
    /// Ballots returned in it.
    pub returned: u64,
}

impl BoxCount {
    /// A box's figures: its number, the ballots issued for it (if counted
    /// apart) and the ballots returned in it.
    ///
    /// ```
    /// use deputy_work::vote::{BoxCount, BoxNumber};
    /// let b = BoxCount::new(BoxNumber(2), Some(20), 19);
    /// assert_eq!((b.ballot_box, b.issued, b.returned), (2, Some(20), 19));
    /// ```
    #[must_use]
    pub const fn new(ballot_box: BoxNumber, issued: Option<u32>, returned: u64) -> Self {
        Self {
            ballot_box: ballot_box.0,
            issued,
            returned,
        }
    }
}

/// One seat's presses in an electronic vote that keeps them.
///
/// ```
/// use deputy_work::common::{DeputyId, ProjectId};
/// use deputy_work::vote::{Choice, Mark, Press};
/// let p = Press { deputy: DeputyId::new(3), choice: Choice::Marks(vec![(ProjectId::new(1), Mark::For)]) };
/// assert_eq!(p.deputy.get(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Press {
    /// The seat's deputy.
    pub deputy: DeputyId,
    /// What was pressed (a project not pressed is not voted on).
    pub choice: Choice,
}

/// The serde form of a [`Tally`]: `voted` is the who-has-voted bitset as
/// 64-bit words, over the electorate in deputy id order.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TallyData {
    boxes: Vec<BoxCount>,
    open_box: u32,
    projects: Vec<ProjectId>,
    counts: Vec<Counter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ranks: Vec<u64>,
    top: u32,
    valid: u64,
    invalid: InvalidCounts,
    electorate_size: usize,
    voted: Vec<u64>,
    #[serde(default)]
    unnamed: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    presses: Vec<Press>,
}

#[cfg(feature = "serde")]
impl TryFrom<TallyData> for Tally {
    type Error = VoteError;
    fn try_from(d: TallyData) -> Result<Self, VoteError> {
        let bad = |what| Err(VoteError::CorruptTally { what });
        let ballot_boxes: Vec<u32> = d.boxes.iter().map(|b| b.ballot_box).collect();
        if ballot_boxes.is_empty() || !ballot_boxes.windows(2).all(|w| w.first() < w.get(1)) {
            return bad("boxes must be sorted, distinct and not empty");
        }
        if !ballot_boxes.contains(&d.open_box) {
            return bad("open_box must be one of the boxes");
        }
        if d.projects.len() != d.counts.len() {
            return bad("one count per project");
        }
        let Some(voted) = BitSet::from_words(d.voted, d.electorate_size) else {
            return bad("voted does not fit electorate_size");
        };
        let returned = d.valid.checked_add(d.invalid.total());
        if returned != voted.count().checked_add(d.unnamed) {
            return bad(
                "valid + invalid must equal the voters marked as voted and the unnamed ballots",
            );
        }
        let in_boxes = d
            .boxes
            .iter()
            .try_fold(0_u64, |a, b| a.checked_add(b.returned));
        if in_boxes != returned {
            return bad("the boxes' returned ballots must add up to valid + invalid");
        }
        if d.counts.iter().any(|c| {
            c.marks
                .iter()
                .try_fold(0_u64, |a, &n| a.checked_add(n))
                .is_none_or(|n| n > d.valid)
        }) {
            return bad("the marks of a project exceed the valid ballots");
        }
        // A session's candidates are distinct (`CandidateList::new`), and
        // a tally holds them in the list's order (`Tally::new`).
        let mut sorted = d.projects.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w.first() == w.get(1)) {
            return bad("projects must be distinct");
        }
        // Named ballots (`cast`) are refused in a secret vote and unnamed
        // ones (`count`) in any other, and tallies merge only within one
        // session: a tally holds one kind or the other.
        if voted.count() > 0 && d.unnamed > 0 {
            return bad("a tally holds named or unnamed ballots, not both");
        }
        if !d.ranks.is_empty() {
            // No projects: `per` is 0, which is refused just below.
            let per = d.ranks.len().checked_div(d.projects.len()).unwrap_or(0);
            if per == 0 || per.checked_mul(d.projects.len()) != Some(d.ranks.len()) {
                return bad("ranks must hold the same number of counters for every project");
            }
            // `rank_len`: one counter per rank up to `max_choices` (`top`),
            // at most one per candidate.
            let ranks_per =
                usize::try_from(d.top).map_or(d.projects.len(), |m| m.min(d.projects.len()));
            if per != ranks_per {
                return bad("ranks must hold one counter per rank up to top for every project");
            }
            let agree = d.ranks.chunks(per).zip(&d.counts).all(|(r, c)| {
                r.iter().try_fold(0_u64, |a, &n| a.checked_add(n)) == Some(c.votes_for())
            });
            if !agree {
                return bad("a project's ranks must add up to its votes for");
            }
            // A ranked ballot counts its projects "for" only (`apply`).
            if d.counts
                .iter()
                .any(|c| c.against() != 0 || c.marks.get(2) != Some(&0))
            {
                return bad("a ranked vote counts no against or abstain marks");
            }
        }
        if u64::try_from(d.presses.len()).map_or(true, |n| n > voted.count()) {
            return bad("more presses kept than deputies who voted");
        }
        // When a session keeps presses, every named ballot keeps one
        // (`cast`); otherwise none does.
        if !d.presses.is_empty() && u64::try_from(d.presses.len()).ok() != Some(voted.count()) {
            return bad("presses are kept for every deputy who voted or for none");
        }
        // A deputy votes once (`voted.insert` in `cast`).
        let mut pressed: Vec<DeputyId> = d.presses.iter().map(|p| p.deputy).collect();
        pressed.sort_unstable();
        if pressed.windows(2).any(|w| w.first() == w.get(1)) {
            return bad("a deputy's presses are kept once");
        }
        // Kept presses are the ballots: a valid one adds each of its marks
        // (a choice or a rank: "for") to its project's counter once, an
        // invalid one nothing (`count_choice`). So no counter exceeds the
        // presses that carry its mark. (Which presses are valid needs the
        // session's rules: this is the bound without them.)
        if !d.presses.is_empty() && !marks_within_presses(&d.projects, &d.counts, &d.presses) {
            return bad("a project's marks exceed the kept presses that carry them");
        }
        let boxes = d.boxes;
        Ok(Self {
            ballot_boxes,
            boxes,
            open_box: d.open_box,
            projects: d.projects,
            counts: d.counts,
            ranks: d.ranks,
            top: d.top,
            valid: d.valid,
            invalid: d.invalid,
            voted,
            unnamed: d.unnamed,
            presses: d.presses,
        })
    }
}

/// Whether every counter of `counts` (one per project of `projects`) is at
/// most the number of `presses` carrying its mark.
#[cfg(feature = "serde")]
fn marks_within_presses(projects: &[ProjectId], counts: &[Counter], presses: &[Press]) -> bool {
    let mut bound = vec![[0_u64; 3]; projects.len()];
    let place: std::collections::BTreeMap<ProjectId, usize> =
        projects.iter().copied().zip(0..).collect();
    for press in presses {
        let marked: Vec<(ProjectId, usize)> = match &press.choice {
            Choice::Marks(marks) => marks.iter().map(|&(p, m)| (p, slot(m))).collect(),
            Choice::Chosen(ids) | Choice::Ranked(ids) => ids.iter().map(|&p| (p, 0)).collect(),
        };
        for (p, s) in marked {
            let cell = place
                .get(&p)
                .and_then(|&i| bound.get_mut(i))
                .and_then(|b| b.get_mut(s));
            if let Some(n) = cell {
                // At most one per press and mark: fewer than u64::MAX.
                *n = n.saturating_add(1);
            }
        }
    }
    counts
        .iter()
        .zip(&bound)
        .all(|(c, b)| c.marks.iter().zip(b).all(|(n, most)| n <= most))
}

#[cfg(feature = "serde")]
impl From<Tally> for TallyData {
    fn from(t: Tally) -> Self {
        Self {
            electorate_size: t.voted.len(),
            boxes: t.boxes,
            open_box: t.open_box,
            projects: t.projects,
            counts: t.counts,
            ranks: t.ranks,
            top: t.top,
            valid: t.valid,
            invalid: t.invalid,
            voted: t.voted.words().to_vec(),
            unnamed: t.unnamed,
            presses: t.presses,
        }
    }
}

impl Tally {
    /// An empty tally for ballot box `ballot_box` of `session`.
    ///
    /// Cost: O(p × r + m / 64) time and memory: three counters per project, p
    /// × r rank counters for a ranked vote (r the ranks, at most 2²⁰ counters
    /// in all) and one bit per member of the electorate.
    ///
    /// ```
    /// use deputy_work::vote::{samples, BoxNumber, Tally};
    /// let session = samples::session()?;
    /// let t = Tally::new(&session, BoxNumber(7));
    /// assert_eq!((t.returned(), t.valid()), (0, 0));
    /// assert_eq!(t.ballot_boxes(), [7]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(session: &Session, ballot_box: BoxNumber) -> Self {
        let BoxNumber(ballot_box) = ballot_box;
        Self {
            ballot_boxes: vec![ballot_box],
            boxes: vec![BoxCount {
                ballot_box,
                issued: None,
                returned: 0,
            }],
            open_box: ballot_box,
            projects: session.candidates.ids().collect(),
            counts: vec![Counter::default(); session.candidates.len()],
            ranks: vec![0; rank_len(session)],
            top: session.rules.max_choices(),
            valid: 0,
            invalid: InvalidCounts::default(),
            voted: BitSet::new(session.electorate.len()),
            unnamed: 0,
            presses: Vec::new(),
        }
    }

    /// An empty tally for ballot box `ballot_box`, for which the tellers
    /// issued `issued` ballots: more returned in it voids the vote
    /// ([`VoteError::BoxVoid`]), as more returned than issued in all does.
    ///
    /// Cost: as [`Tally::new`].
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{samples, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Tally, VoteError};
    /// let session = Session::new(Policy::secret_ballot(1)?, samples::candidates(2)?,
    ///     Electorate::counted(5, 5)?, BallotsIssued(5))?;
    /// let mut t = Tally::with_issued(&session, BoxNumber(1), BallotsIssued(1));
    /// let ballot = Choice::Marks(vec![(ProjectId::new(1), Mark::For)]);
    /// t.count(&session, &ballot)?;
    /// t.count(&session, &ballot)?;
    /// assert_eq!(session.decide(&t), Err(VoteError::BoxVoid { ballot_box: 1, issued: 1, returned: 2 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_issued(session: &Session, ballot_box: BoxNumber, issued: BallotsIssued) -> Self {
        let mut t = Self::new(session, ballot_box);
        for b in &mut t.boxes {
            b.issued = Some(issued.0);
        }
        t
    }

    /// Counts one returned ballot.
    ///
    /// Cost: O(c) in the ballot's c choices (a lookup each), plus O(p) when
    /// the session has more than 64 candidates (a fresh table of the projects
    /// seen, one per ballot, however short the ballot) and a search of this
    /// tally's boxes; memory: that table while counting, and a copy of the
    /// ballot when presses are kept.
    ///
    /// A ballot whose content breaks the rules (wrong form, an unknown or
    /// repeated project, more choices than allowed, a blank ballot where
    /// blanks are invalid) is counted as invalid: `Ok(Validity::Invalid(_))`.
    /// A ballot that may not be in the box at all is refused with an error
    /// and the tally is left exactly as it was.
    ///
    /// ```
    /// # use deputy_work::common::DeputyId;
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, Validity, VoteError, samples};
    /// let session = samples::session()?;
    /// let vote = |d, m| samples::ballot(d, 1, m);
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// assert_eq!(t.cast(&session, &vote(1, Mark::For))?, Validity::Valid);
    /// assert_eq!(
    ///     t.cast(&session, &vote(4, Mark::For)),
    ///     Err(VoteError::Absent { voter: DeputyId::new(4), ballot_box: 1 })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::NotInElectorate`], [`VoteError::Absent`],
    /// [`VoteError::AlreadyVoted`], and [`VoteError::TallyMismatch`] when
    /// the tally was made for another session.
    pub fn cast(&mut self, session: &Session, ballot: &Ballot) -> Result<Validity, VoteError> {
        self.check_shape(session)?;
        let voter = ballot.voter;
        let ballot_box = self.open_box;
        if session.rules.voting == Voting::Secret {
            return Err(VoteError::NamedBallotInSecretVote { voter, ballot_box });
        }
        let Some(pos) = session.electorate.position(voter) else {
            return Err(VoteError::NotInElectorate { voter, ballot_box });
        };
        if !session.electorate.is_present_at(pos) {
            return Err(VoteError::Absent { voter, ballot_box });
        }
        if !self.voted.insert(pos) {
            return Err(VoteError::AlreadyVoted { voter, ballot_box });
        }
        let verdict = self.count_choice(session, &ballot.choice);
        if let Voting::Electronic { keep_presses: true } = session.rules.voting {
            self.presses.push(Press {
                deputy: voter,
                choice: ballot.choice.clone(),
            });
        }
        Ok(verdict)
    }

    /// Counts one returned paper ballot of a secret ballot
    /// ([`Voting::Secret`]): no name, so no check of who cast it; the
    /// tellers' figures (ballots issued and returned, in all and per box)
    /// are what [`Session::decide`] checks. Its content is judged as
    /// [`Tally::cast`] judges a named ballot's.
    ///
    /// Cost: as [`Tally::cast`], without the voter's checks.
    ///
    /// ```
    /// # use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{samples, Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Mark, Policy, Session, Tally, Validity, VoteError};
    /// let session = Session::new(Policy::secret_ballot(1)?, samples::candidates(2)?,
    ///     Electorate::counted(5, 4)?, BallotsIssued(4))?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// assert_eq!(t.count(&session, &Choice::Marks(vec![(ProjectId::new(1), Mark::For)]))?, Validity::Valid);
    /// let named = Ballot::new(DeputyId::new(1), Choice::Marks(vec![]));
    /// assert!(matches!(t.cast(&session, &named), Err(VoteError::NamedBallotInSecretVote { .. })));
    /// assert_eq!(t.returned(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::UnnamedBallot`] unless the vote is a secret ballot;
    /// [`VoteError::TallyMismatch`]; [`VoteError::Overflow`] past `u64`
    /// ballots. On error, nothing changes.
    pub fn count(&mut self, session: &Session, choice: &Choice) -> Result<Validity, VoteError> {
        self.check_shape(session)?;
        if session.rules.voting != Voting::Secret {
            return Err(VoteError::UnnamedBallot {
                voting: voting_name(session.rules.voting),
                ballot_box: self.open_box,
            });
        }
        self.unnamed = self.unnamed.checked_add(1).ok_or(VoteError::Overflow)?;
        Ok(self.count_choice(session, choice))
    }

    fn check_shape(&self, session: &Session) -> Result<(), VoteError> {
        if self.counts.len() != session.candidates.len()
            || self.voted.len() != session.electorate.len()
        {
            return Err(VoteError::TallyMismatch {
                ballot_box: self.first_box(),
            });
        }
        Ok(())
    }

    /// Judges and counts a ballot's content into the open box.
    fn count_choice(&mut self, session: &Session, choice: &Choice) -> Validity {
        let counted = match (session.rules.form, choice) {
            (BallotForm::ForAgainstAbstain, Choice::Marks(marks)) => {
                self.count_marks(session, marks)
            }
            (_, choice) => {
                let mut buf = [0_u16; BUF];
                session
                    .check(choice, &mut buf)
                    .map(|()| self.apply(session, choice, &buf))
            }
        };
        let open = self.open_box;
        // Ballots counted here are at most the electorate (named) or the
        // unnamed ballots, whose count is checked (secret): below u64::MAX.
        const BOUNDED: &str = "ballots counted stay below u64::MAX";
        if let Some(b) = self.boxes.iter_mut().find(|b| b.ballot_box == open) {
            b.returned = invariant(b.returned.checked_add(1), u64::MAX, BOUNDED);
        }
        match counted {
            Ok(()) => {
                self.valid = invariant(self.valid.checked_add(1), u64::MAX, BOUNDED);
                Validity::Valid
            }
            Err(reason) => {
                self.invalid.add(reason);
                Validity::Invalid(reason)
            }
        }
    }

    /// Checks and counts a for/against/abstain ballot in one pass. If the
    /// ballot turns out invalid, what was counted of it is taken back, so
    /// the counts are exactly as before.
    fn count_marks(
        &mut self,
        session: &Session,
        marks: &[(ProjectId, Mark)],
    ) -> Result<(), InvalidReason> {
        let n = session.candidates.len();
        if n <= 64 {
            self.count_marks_with(session, marks, 0_u64)
        } else {
            self.count_marks_with(session, marks, vec![false; n])
        }
    }

    fn count_marks_with(
        &mut self,
        session: &Session,
        marks: &[(ProjectId, Mark)],
        mut seen: impl SeenSet,
    ) -> Result<(), InvalidReason> {
        let candidates = &session.candidates;
        let mut fors: usize = 0;
        let mut blank = true;
        for (i, &(id, mark)) in marks.iter().enumerate() {
            let pos = match candidates.position(id) {
                None => Err(InvalidReason::UnknownProject(id)),
                Some(pos) if !seen.insert(pos) => Err(InvalidReason::DuplicateProject(id)),
                Some(pos) => Ok(pos),
            };
            let pos = match pos {
                Ok(pos) => pos,
                Err(reason) => {
                    let counted = invariant(marks.get(..i), &[], "i < marks.len()");
                    self.take_back(session, counted);
                    return Err(reason);
                }
            };
            if let Some(c) = self.counts.get_mut(pos) {
                // Branch-free: marks are unpredictable.
                if let Some(n) = c.marks.get_mut(slot(mark)) {
                    *n = invariant(n.checked_add(1), u64::MAX, COUNTER);
                }
            }
            fors = invariant(
                fors.checked_add(usize::from(mark == Mark::For)),
                usize::MAX,
                "at most one per mark",
            );
            blank &= mark == Mark::Abstain;
        }
        session.check_limits(fors, blank).inspect_err(|_| {
            self.take_back(session, marks);
        })
    }

    /// Takes back the counts of marks just counted by [`Tally::count_marks`]
    /// (known, distinct projects). The counters never saturate (they are
    /// bounded by the electorate), so this restores them exactly.
    fn take_back(&mut self, session: &Session, marks: &[(ProjectId, Mark)]) {
        for &(id, mark) in marks {
            if let Some(c) = session
                .candidates
                .position(id)
                .and_then(|pos| self.counts.get_mut(pos))
                && let Some(n) = c.marks.get_mut(slot(mark))
            {
                *n = invariant(n.checked_sub(1), 0, "a mark taken back was counted");
            }
        }
    }

    /// Adds a checked choose-N or ranked ballot to the counts; `buf` holds the
    /// candidate positions of the first [`BUF`] projects named.
    fn apply(&mut self, session: &Session, choice: &Choice, buf: &[u16; BUF]) {
        let candidates = &session.candidates;
        let ids = match choice {
            // Counted by Tally::count_marks.
            Choice::Marks(_) => return,
            Choice::Chosen(ps) | Choice::Ranked(ps) => ps.len(),
        };
        let buffered = ids <= BUF;
        let position = |i: usize, id: ProjectId| {
            if buffered {
                buf.get(i).map(|&p| usize::from(p))
            } else {
                candidates.position(id)
            }
        };
        match choice {
            Choice::Marks(_) => {}
            Choice::Chosen(ps) => {
                for (i, &id) in ps.iter().enumerate() {
                    if let Some(c) = position(i, id).and_then(|p| self.counts.get_mut(p))
                        && let Some(n) = c.marks.get_mut(slot(Mark::For))
                    {
                        *n = invariant(n.checked_add(1), u64::MAX, COUNTER);
                    }
                }
            }
            Choice::Ranked(ps) => {
                let per = invariant(
                    self.ranks.len().checked_div(self.counts.len()),
                    0,
                    "a candidate list is never empty",
                );
                for (rank, &id) in ps.iter().enumerate() {
                    let Some(p) = position(rank, id) else {
                        continue;
                    };
                    if let Some(n) = self
                        .counts
                        .get_mut(p)
                        .and_then(|c| c.marks.get_mut(slot(Mark::For)))
                    {
                        *n = invariant(n.checked_add(1), u64::MAX, COUNTER);
                    }
                    // rank < min(max_choices, candidates): checked before.
                    let at = p.checked_mul(per).and_then(|b| b.checked_add(rank));
                    if let Some(n) = at.and_then(|at| self.ranks.get_mut(at)) {
                        *n = invariant(n.checked_add(1), u64::MAX, COUNTER);
                    }
                }
            }
        }
    }

    /// Adds another box's tally to this one, as if its ballots had been
    /// counted here. Counting can be split across threads or machines.
    ///
    /// Cost: O(p × r + m / 64) for the counters and the voters' bits, plus
    /// O(b log b) in the two tallies' boxes and the presses copied; memory:
    /// `other`'s boxes and presses added.
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, VoteError, samples};
    /// let session = samples::session()?;
    /// let vote = |d, m| samples::ballot(d, 1, m);
    /// let (mut a, mut b) = (Tally::new(&session, BoxNumber(1)), Tally::new(&session, BoxNumber(2)));
    /// a.cast(&session, &vote(1, Mark::For))?;
    /// b.cast(&session, &vote(1, Mark::For))?;
    /// assert!(matches!(a.merge(&session, &b), Err(VoteError::VotedInTwoBoxes { .. })));
    /// assert_eq!(a.returned(), 1, "unchanged");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`VoteError::TallyMismatch`] when either tally is not of `session`;
    /// [`VoteError::SameBoxTwice`] when both contain the same box;
    /// [`VoteError::VotedInTwoBoxes`] naming a deputy whose ballot is in
    /// both. On error, nothing changes.
    pub fn merge(&mut self, session: &Session, other: &Self) -> Result<(), VoteError> {
        self.check_of(session)?;
        other.check_of(session)?;
        if let Some(&b) = self
            .ballot_boxes
            .iter()
            .find(|b| other.ballot_boxes.binary_search(b).is_ok())
        {
            return Err(VoteError::SameBoxTwice { ballot_box: b });
        }
        if let Some(pos) = self.voted.first_common(&other.voted) {
            let voter = session
                .electorate
                .member_at(pos)
                .ok_or(VoteError::TallyMismatch {
                    ballot_box: self.first_box(),
                })?;
            return Err(VoteError::VotedInTwoBoxes {
                voter,
                boxes: self.ballot_boxes.clone(),
                other_boxes: other.ballot_boxes.clone(),
            });
        }
        // Every sum is checked before anything changes. Named ballots are
        // bounded by the electorate, but a secret ballot's unnamed counts are
        // not: two stored tallies can add up past u64.
        let sums = self.checked_sums(other)?;
        self.set_sums(sums);
        self.voted.union_with(&other.voted);
        self.ballot_boxes.extend_from_slice(&other.ballot_boxes);
        self.ballot_boxes.sort_unstable();
        self.boxes.extend_from_slice(&other.boxes);
        self.boxes.sort_unstable_by_key(|b| b.ballot_box);
        self.presses.extend_from_slice(&other.presses);
        Ok(())
    }

    /// The counters of `self` and `other` added, every sum checked (for
    /// [`merge`](Self::merge) and the parallel parts' `absorb`): nothing
    /// changes until [`set_sums`](Self::set_sums). Named ballots are
    /// bounded by the electorate, but a secret ballot's unnamed counts are
    /// not: two stored tallies can add up past u64.
    fn checked_sums(&self, other: &Self) -> Result<Sums, VoteError> {
        let overflow = || VoteError::Overflow;
        let counts = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| {
                let mut c = *a;
                for (x, y) in c.marks.iter_mut().zip(b.marks) {
                    *x = x.checked_add(y)?;
                }
                Some(c)
            })
            .collect::<Option<Vec<Counter>>>()
            .ok_or_else(overflow)?;
        let ranks = self
            .ranks
            .iter()
            .zip(&other.ranks)
            .map(|(a, b)| a.checked_add(*b))
            .collect::<Option<Vec<u64>>>()
            .ok_or_else(overflow)?;
        let valid = self.valid.checked_add(other.valid).ok_or_else(overflow)?;
        let unnamed = self
            .unnamed
            .checked_add(other.unnamed)
            .ok_or_else(overflow)?;
        let invalid = self
            .invalid
            .checked_merge(&other.invalid)
            .ok_or_else(overflow)?;
        valid.checked_add(invalid.total()).ok_or_else(overflow)?;
        Ok(Sums {
            counts,
            ranks,
            valid,
            unnamed,
            invalid,
        })
    }

    /// Puts sums from [`checked_sums`](Self::checked_sums) in place.
    fn set_sums(&mut self, sums: Sums) {
        let Sums {
            counts,
            ranks,
            valid,
            unnamed,
            invalid,
        } = sums;
        self.counts = counts;
        self.ranks = ranks;
        self.valid = valid;
        self.unnamed = unnamed;
        self.invalid = invalid;
    }

    /// Checks that this tally was made for `session`.
    pub(crate) fn check_of(&self, session: &Session) -> Result<(), VoteError> {
        if self.voted.len() == session.electorate.len()
            && self.projects.iter().copied().eq(session.candidates.ids())
            && self.counts.len() == self.projects.len()
            && self.ranks.len() == rank_len(session)
            && self.top == session.rules.max_choices()
        {
            Ok(())
        } else {
            Err(VoteError::TallyMismatch {
                ballot_box: self.first_box(),
            })
        }
    }

    fn first_box(&self) -> u32 {
        invariant(
            self.ballot_boxes.first().copied(),
            0,
            "a tally has at least one box",
        )
    }

    /// The ballot boxes counted here, sorted.
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Tally, samples};
    /// let session = samples::session()?;
    /// let mut a = Tally::new(&session, BoxNumber(2));
    /// a.merge(&session, &Tally::new(&session, BoxNumber(1)))?;
    /// assert_eq!(a.ballot_boxes(), [1, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ballot_boxes(&self) -> &[u32] {
        &self.ballot_boxes
    }

    /// Ballots returned (收回选票): valid and invalid.
    ///
    /// ```
    /// # use deputy_work::common::DeputyId;
    /// use deputy_work::vote::{Ballot, BoxNumber, Choice, Mark, Tally, samples};
    /// let session = samples::session()?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(1, 1, Mark::For))?;
    /// t.cast(&session, &Ballot::new(DeputyId::new(2), Choice::Chosen(vec![])))?; // wrong form
    /// assert_eq!((t.returned(), t.valid(), t.invalid().total()), (2, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn returned(&self) -> u64 {
        invariant(
            self.valid.checked_add(self.invalid.total()),
            u64::MAX,
            "counting and merging keep valid + invalid within u64",
        )
    }

    /// Valid ballots (有效票).
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, samples};
    /// let session = samples::session()?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(1, 1, Mark::Against))?;
    /// assert_eq!(t.valid(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn valid(&self) -> u64 {
        self.valid
    }

    /// Invalid ballots (无效票) by reason.
    ///
    /// ```
    /// # use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{Ballot, BoxNumber, Choice, InvalidKind, InvalidReason, Mark, Tally, Validity, samples};
    /// let session = samples::session()?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// let v = t.cast(&session, &Ballot::new(DeputyId::new(1), Choice::Marks(vec![(ProjectId::new(9), Mark::For)])))?;
    /// assert_eq!(v, Validity::Invalid(InvalidReason::UnknownProject(ProjectId::new(9))));
    /// assert_eq!(t.invalid().get(InvalidKind::UnknownProject), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn invalid(&self) -> &InvalidCounts {
        &self.invalid
    }

    /// The counts of project `id`, if it is a candidate.
    ///
    /// ```
    /// # use deputy_work::common::ProjectId;
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, samples};
    /// let session = samples::session()?;
    /// let vote = |d, m| samples::ballot(d, 1, m);
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(1, 1, Mark::For))?;
    /// t.cast(&session, &samples::ballot(2, 1, Mark::Against))?;
    /// let p1 = t.project(ProjectId::new(1)).ok_or("p1")?;
    /// assert_eq!((p1.votes_for, p1.against, p1.abstain), (1, 1, 0));
    /// let p2 = t.project(ProjectId::new(2)).ok_or("p2")?;
    /// assert_eq!(p2.abstain, 2, "unmarked is an abstention");
    /// assert!(t.project(ProjectId::new(3)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn project(&self, id: ProjectId) -> Option<ProjectTally> {
        self.projects
            .iter()
            .position(|&p| p == id)
            .and_then(|i| self.projects.get(i).zip(self.counts.get(i)))
            .map(|(&p, c)| self.row(p, c))
    }

    /// The counts of every project, in ballot order.
    ///
    /// ```
    /// use deputy_work::vote::{BoxNumber, Mark, Tally, samples};
    /// let session = samples::session()?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(1, 1, Mark::For))?;
    /// let fors: Vec<u64> = t.projects().map(|r| r.votes_for).collect();
    /// assert_eq!(fors, [1, 0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn projects(&self) -> impl Iterator<Item = ProjectTally> + '_ {
        self.projects
            .iter()
            .zip(&self.counts)
            .map(|(&p, c)| self.row(p, c))
    }

    fn row(&self, project: ProjectId, c: &Counter) -> ProjectTally {
        ProjectTally {
            project,
            votes_for: c.votes_for(),
            against: c.against(),
            abstain: invariant(
                self.valid
                    .checked_sub(c.votes_for())
                    .and_then(|n| n.checked_sub(c.against())),
                0,
                "a valid ballot marks a project at most once",
            ),
            points: self.rank_counts(project).map_or(0, |ranks| {
                // Borda: rank r (from 0) earns max_choices − r (r is below
                // max_choices). Saturating is the documented meaning: the
                // figure stops at u64::MAX, reached only by a stored tally
                // of more than 2^32 ballots; `Session::decide` counts the
                // points checked and refuses such a tally with `Overflow`.
                (0_u64..)
                    .zip(ranks)
                    // A rank at or past `top` earns nothing, as an unranked
                    // project does (Borda's rule).
                    .map(|(r, n)| n.saturating_mul(u64::from(self.top).saturating_sub(r)))
                    .fold(0_u64, u64::saturating_add)
            }),
        }
    }

    /// The abstentions marked on each project, in ballot order (without the
    /// projects left unmarked).
    pub(crate) fn marked_abstentions(&self) -> impl Iterator<Item = u64> + '_ {
        self.counts
            .iter()
            .map(|c| invariant(c.marks.get(slot(Mark::Abstain)).copied(), 0, "three slots"))
    }

    /// How many valid ballots ranked project `id` first, second, …, for a
    /// ranked vote (none for other forms or an unknown project). The
    /// ranking methods of [`RankedCount`](super::RankedCount) are all
    /// computed from these counts, so one count serves every method.
    ///
    /// ```
    /// # use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::{samples, Ballot, BallotsIssued, BoxNumber, Choice, Electorate, Policy, Session, Tally};
    /// let rules = Policy::ranked_priorities(1)?.with_changes(|r| r.max_choices = Some(2))?;
    /// let session = Session::new(rules, samples::candidates(3)?,
    ///     Electorate::all_present((1..=2).map(DeputyId::new))?, BallotsIssued(2))?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// let rank = |ids: [u32; 2]| Choice::Ranked(ids.map(ProjectId::new).to_vec());
    /// t.cast(&session, &Ballot::new(DeputyId::new(1), rank([2, 1])))?;
    /// t.cast(&session, &Ballot::new(DeputyId::new(2), rank([1, 3])))?;
    /// assert_eq!(t.rank_counts(ProjectId::new(1)), Some(&[1, 1][..]));
    /// assert_eq!(t.project(ProjectId::new(1)).ok_or("p1")?.points, 3, "Borda: 2 + 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rank_counts(&self, id: ProjectId) -> Option<&[u64]> {
        let per = self.ranks.len().checked_div(self.counts.len())?;
        if per == 0 {
            return None;
        }
        let i = self.projects.iter().position(|&p| p == id)?;
        let start = i.checked_mul(per)?;
        self.ranks.get(start..start.checked_add(per)?)
    }

    /// The ballot boxes' figures, in box order.
    ///
    /// ```
    /// # use deputy_work::common::DeputyId;
    /// use deputy_work::vote::{samples, Ballot, BallotsIssued, BoxCount, BoxNumber, Choice, Tally};
    /// let session = samples::session()?;
    /// let mut a = Tally::with_issued(&session, BoxNumber(1), BallotsIssued(2));
    /// a.cast(&session, &Ballot::new(DeputyId::new(1), Choice::Marks(vec![])))?;
    /// a.merge(&session, &Tally::new(&session, BoxNumber(2)))?;
    /// assert_eq!(a.boxes()[0], BoxCount::new(BoxNumber(1), Some(2), 1));
    /// assert_eq!(a.boxes()[1].issued, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn boxes(&self) -> &[BoxCount] {
        &self.boxes
    }

    /// Each seat's presses, when the vote is electronic and its rules keep
    /// them (`keep_presses`); empty otherwise. In the order cast (boxes
    /// merged in the order merged).
    ///
    /// ```
    /// # use deputy_work::common::DeputyId;
    /// use deputy_work::vote::{samples, BallotsIssued, BoxNumber, Electorate, Mark, Policy, Session, Tally, Voting};
    /// let rules = samples::policy()?.with_changes(|r| r.voting = Voting::Electronic { keep_presses: true })?;
    /// let session = Session::new(rules, samples::candidates(2)?,
    ///     Electorate::all_present((1..=3).map(DeputyId::new))?, BallotsIssued(3))?;
    /// let mut t = Tally::new(&session, BoxNumber(1));
    /// t.cast(&session, &samples::ballot(2, 1, Mark::For))?;
    /// assert_eq!(t.presses()[0].deputy, DeputyId::new(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn presses(&self) -> &[Press] {
        &self.presses
    }
}

/// The steps of parallel counting ([`vote::par`](super::par)): parts of
/// one box are counted apart, then added back in ballot order.
#[cfg(feature = "rayon")]
impl Tally {
    /// An empty part of this tally's open box, for the same session.
    pub(super) fn part(&self, session: &Session) -> Self {
        Self::new(session, BoxNumber(self.open_box))
    }

    /// The box ballots cast here go to.
    pub(super) const fn open_box(&self) -> u32 {
        self.open_box
    }

    /// The ballots counted without a name (a secret ballot).
    pub(super) const fn unnamed(&self) -> u64 {
        self.unnamed
    }

    /// Checks that the tally fits `session` before a ballot is counted
    /// (what [`Tally::cast`] and [`Tally::count`] check first).
    pub(super) fn check_shape_of(&self, session: &Session) -> Result<(), VoteError> {
        self.check_shape(session)
    }

    /// Whether `voter` has voted in this tally.
    pub(super) fn has_voted(&self, session: &Session, voter: DeputyId) -> bool {
        session
            .electorate
            .position(voter)
            .is_some_and(|p| self.voted.contains(p))
    }

    /// Whether a deputy has voted in both tallies.
    pub(super) fn shares_voter(&self, other: &Self) -> bool {
        self.voted.first_common(&other.voted).is_some()
    }

    /// Adds `part`, counted into the same open box (a tally of one box
    /// made by [`Tally::part`]), as if its ballots had been counted here
    /// after this tally's. The caller has checked that no deputy voted in
    /// both. Every sum is checked before anything changes: on error
    /// ([`VoteError::Overflow`]), nothing changes.
    pub(super) fn absorb(&mut self, part: &Self) -> Result<(), VoteError> {
        debug_assert!(
            self.counts.len() == part.counts.len() && self.ranks.len() == part.ranks.len(),
            "a part is made for the same session"
        );
        debug_assert!(!self.shares_voter(part), "the caller checked the voters");
        let overflow = || VoteError::Overflow;
        let sums = self.checked_sums(part)?;
        let open = self.open_box;
        let added = part.returned();
        let returned = self
            .boxes
            .iter()
            .find(|b| b.ballot_box == open)
            .map(|b| b.returned.checked_add(added).ok_or_else(overflow))
            .transpose()?;
        self.set_sums(sums);
        self.voted.union_with(&part.voted);
        if let (Some(b), Some(n)) = (
            self.boxes.iter_mut().find(|b| b.ballot_box == open),
            returned,
        ) {
            b.returned = n;
        }
        self.presses.extend_from_slice(&part.presses);
        Ok(())
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use serde_json::Value;

    fn ranked() -> (Session, Tally) {
        let session = Session::new(
            Policy::ranked_priorities(2).unwrap(),
            super::super::samples::candidates(3).unwrap(),
            Electorate::new((1..=3).map(DeputyId::new), (1..=3).map(DeputyId::new)).unwrap(),
            BallotsIssued(3),
        )
        .unwrap();
        let mut t = Tally::new(&session, BoxNumber(1));
        for (d, ps) in [(1, vec![1, 2]), (2, vec![2]), (3, vec![3, 1])] {
            let choice = Choice::Ranked(ps.into_iter().map(ProjectId::new).collect());
            t.cast(&session, &Ballot::new(DeputyId::new(d), choice))
                .unwrap();
        }
        (session, t)
    }

    fn rejects(t: &Tally, edit: impl Fn(&mut Value), what: &str) {
        let mut v = serde_json::to_value(t).unwrap();
        edit(&mut v);
        let err = serde_json::from_value::<Tally>(v).unwrap_err().to_string();
        assert!(err.contains(what), "{err}");
    }

    #[test]
    fn a_stored_ranked_tally_counts_only_votes_for_and_ranks_up_to_top() {
        let (_, t) = ranked();
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(serde_json::from_value::<Tally>(v).unwrap(), t);
        rejects(
            &t,
            |v| v["counts"][0]["marks"][1] = Value::from(1),
            "no against or abstain",
        );
        rejects(
            &t,
            |v| v["top"] = Value::from(3),
            "one counter per rank up to top",
        );
        rejects(
            &t,
            |v| v["projects"][1] = Value::from(1),
            "projects must be distinct",
        );
        rejects(&t, |v| v["unnamed"] = Value::from(1), "valid + invalid");
    }

    #[test]
    fn kept_presses_bound_the_counts() {
        let rules = Policy::election_style(1)
            .unwrap()
            .with_changes(|r| r.voting = Voting::Electronic { keep_presses: true })
            .unwrap();
        let session = Session::new(
            rules,
            super::super::samples::candidates(2).unwrap(),
            Electorate::new((1..=2).map(DeputyId::new), (1..=2).map(DeputyId::new)).unwrap(),
            BallotsIssued(2),
        )
        .unwrap();
        let mut t = Tally::new(&session, BoxNumber(1));
        for d in 1..=2 {
            let choice = Choice::Marks(vec![(ProjectId::new(1), Mark::For)]);
            t.cast(&session, &Ballot::new(DeputyId::new(d), choice))
                .unwrap();
        }
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(serde_json::from_value::<Tally>(v).unwrap(), t);
        // Project 2's "for" raised: no press marks it.
        rejects(
            &t,
            |v| v["counts"][1]["marks"][0] = Value::from(1),
            "kept presses",
        );
        rejects(
            &t,
            |v| v["presses"][1]["deputy"] = Value::from(1),
            "kept once",
        );
        rejects(
            &t,
            |v| {
                v["presses"].as_array_mut().unwrap().pop();
            },
            "for every deputy who voted or for none",
        );
    }
}

//! The votes of an election, stored column by column.
//!
//! A city's file holds hundreds of thousands of ballots; one `String` and
//! three `Vec`s per ballot cost several times the file's own size. Here
//! every column is one buffer for the whole election (voter ids, project
//! lists, points, other cells), with one `u32` end offset per ballot in
//! each column (a cell's own end only when a cell holds the separator),
//! so an election takes less memory than its VOTES text.

use core::fmt;
use rust_decimal::Decimal;

use super::error::PbError;
use super::known::{gap, plus, twice};
use super::model::PbVote;

/// The votes of a [`PbElection`](super::PbElection), in file order, stored
/// column by column (one buffer per column, not one allocation per ballot).
///
/// Index with [`PbVotes::get`] or iterate: each ballot is a [`PbVoteRef`]
/// borrowing from the columns.
///
/// ```
/// use deputy_work::vote::pabulib::PbElection;
/// let e = PbElection::parse(
///     "META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\na;4\nb;5\n\
///      VOTES\nvoter_id;age;vote\nv1;30;b,a\nv2;41;a\n",
/// )?;
/// let votes = e.votes();
/// assert_eq!(votes.len(), 2);
/// let first = votes.get(0).unwrap();
/// assert_eq!(first.voter_id, "v1");
/// assert_eq!(first.projects, [1, 0]);
/// assert_eq!(first.extra, ["30"]);
/// let approvals: usize = votes.iter().map(|v| v.projects.len()).sum();
/// assert_eq!(approvals, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PbVotes {
    /// Per ballot, its voter id then its other cells, each followed by
    /// one separator byte `;`, so that a row's run of fields is copied at
    /// once.
    text: String,
    /// Where each ballot's last field ends in `text` (at its `;`; the
    /// next ballot starts a byte later). A ballot none of whose fields holds `;`
    /// is split at each `;`.
    run_ends: Vec<u32>,
    /// One bit per ballot, set when a field of it holds `;`: its fields'
    /// ends are then in `wide_ends`.
    wide: Vec<u64>,
    /// Per 64 ballots, how many ballots before them have their bit set.
    wide_before: Vec<usize>,
    /// Per ballot with its bit set, in order, where each of its `1 +
    /// width` fields ends in `text`.
    wide_ends: Vec<u32>,
    /// How many ballots have their bit set.
    wide_count: usize,
    /// Where each field of the ballot being added ends, when added field
    /// by field, and whether one of them holds `;`.
    pending: Vec<u32>,
    pending_wide: bool,
    projects: Vec<u32>,
    project_ends: Vec<u32>,
    /// Parallel to `projects` when the ballots carry points, else empty.
    points: Vec<Decimal>,
    has_points: bool,
    /// Other cells per ballot.
    width: usize,
}

/// One ballot of [`PbVotes`], borrowed from its columns.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbVote};
/// let e = PbElection::parse(
///     "META\nkey;value\nbudget;9\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;4\nb;5\n\
///      VOTES\nvoter_id;vote;points\nv1;b,a;2,1\n",
/// )?;
/// let v = e.votes().get(0).unwrap();
/// assert_eq!(v.points.iter().map(ToString::to_string).collect::<Vec<_>>(), ["2", "1"]);
/// let owned: PbVote = v.to_vote();
/// assert_eq!(owned.projects, vec![1, 0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PbVoteRef<'a> {
    /// `voter_id`, unique and non-empty.
    pub voter_id: &'a str,
    /// The projects on the ballot, as indices into the election's
    /// projects, in ballot order (the order of preference for ordinal
    /// ballots).
    pub projects: &'a [u32],
    /// `points`, one per project, when the file has that column; else empty.
    pub points: &'a [Decimal],
    /// The values of the other columns, in the order of the header.
    pub extra: PbCells<'a>,
}

/// The other cells of one ballot ([`PbVoteRef::extra`]): the values of the
/// VOTES columns besides `voter_id`, `vote` and `points`, in header order.
///
/// ```
/// use deputy_work::vote::pabulib::PbElection;
/// let e = PbElection::parse(
///     "META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\na;4\n\
///      VOTES\nvoter_id;age;sex;vote\nv1;30;K;a\n",
/// )?;
/// let cells = e.votes().get(0).unwrap().extra;
/// assert_eq!(cells.len(), 2);
/// assert_eq!(cells.get(1), Some("K"));
/// assert_eq!(cells.iter().collect::<Vec<_>>(), ["30", "K"]);
/// assert_eq!(cells, ["30", "K"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct PbCells<'a> {
    text: &'a str,
    /// Where the first cell starts in `text`.
    start: u32,
    /// The end of each cell in `text` (each next one starts a byte later),
    /// unless `split`.
    ends: &'a [u32],
    /// Whether the cells are `text[start..]` split at each `;` (none of
    /// them holds one; each is followed by one).
    split: bool,
    /// How many cells.
    count: usize,
}

/// The iterator of [`PbCells::iter`].
#[derive(Debug, Clone)]
struct CellsIter<'a> {
    cells: PbCells<'a>,
    next: usize,
    /// The cells not yet given, when split at each `;`.
    rest: &'a str,
}

impl<'a> Iterator for CellsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.next >= self.cells.count {
            return None;
        }
        let cell = if self.cells.split {
            // The last cell has no `;` after it: the rest is the cell.
            let (cell, rest) = self.rest.split_once(';').unwrap_or((self.rest, ""));
            self.rest = rest;
            cell
        } else {
            let cell = self.cells.get(self.next);
            debug_assert!(cell.is_some(), "a cell below the count is there");
            cell.unwrap_or_default()
        };
        self.next = plus(self.next, 1);
        Some(cell)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = gap(self.next, self.cells.count);
        (n, Some(n))
    }
}

impl ExactSizeIterator for CellsIter<'_> {}

impl<'a> PbCells<'a> {
    /// How many cells.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\nv1;\n")?;
    /// assert!(e.votes().get(0).unwrap().extra.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are no cells.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote;x\nv1;;\n")?;
    /// assert!(!e.votes().get(0).unwrap().extra.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The `i`-th cell (0-based), if there is one. O(1) for cells that
    /// hold a `;`, else O(1) per byte of the cells before it.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote;x\nv1;;7\n")?;
    /// let cells = e.votes().get(0).unwrap().extra;
    /// assert_eq!((cells.get(0), cells.get(1)), (Some("7"), None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        if self.split {
            if i >= self.count {
                return None;
            }
            return self.text.get(self.start as usize..)?.split(';').nth(i);
        }
        let start = match i.checked_sub(1) {
            None => self.start,
            Some(j) => self.ends.get(j)?.checked_add(1)?,
        };
        let end = *self.ends.get(i)?;
        self.text.get(start as usize..end as usize)
    }

    /// The cells in header order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;a;vote;b\nv1;x;;y\n")?;
    /// let cells: Vec<&str> = e.votes().get(0).unwrap().extra.iter().collect();
    /// assert_eq!(cells, ["x", "y"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        CellsIter {
            cells: *self,
            next: 0,
            rest: if self.split {
                let rest = self.text.get(self.start as usize..);
                debug_assert!(rest.is_some(), "a run starts within the cell text");
                rest.unwrap_or_default()
            } else {
                ""
            },
        }
    }
}

impl fmt::Debug for PbCells<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for PbCells<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for PbCells<'_> {}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for PbCells<'_> {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for PbCells<'_> {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl PbVoteRef<'_> {
    /// The ballot as an owned [`PbVote`].
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::{PbElection, PbVote};
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\nv1;a\n")?;
    /// assert_eq!(e.votes().get(0).unwrap().to_vote(), PbVote::new("v1", vec![0]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_vote(&self) -> PbVote {
        PbVote {
            voter_id: self.voter_id.to_owned(),
            projects: self.projects.to_vec(),
            points: self.points.to_vec(),
            extra: self.extra.iter().map(str::to_owned).collect(),
        }
    }
}

impl PartialEq<PbVote> for PbVoteRef<'_> {
    fn eq(&self, v: &PbVote) -> bool {
        self.voter_id == v.voter_id
            && self.projects == v.projects.as_slice()
            && self.points == v.points.as_slice()
            && self.extra == *v.extra.as_slice()
    }
}

/// Turns a buffer length into a stored end offset.
fn end_of(len: usize) -> Result<u32, PbError> {
    u32::try_from(len).map_err(|_| PbError::Overflow {
        what: "storing votes (over 4 GiB of one column)",
    })
}

impl PbVotes {
    /// Empty storage for ballots with `width` other cells each, with
    /// points when `has_points`.
    pub(crate) fn new(width: usize, has_points: bool) -> Self {
        Self {
            width,
            has_points,
            ..Self::default()
        }
    }

    /// How many ballots.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\nv1;\nv2;\n")?;
    /// assert_eq!(e.votes().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.project_ends.len()
    }

    /// Whether there are no ballots.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert!(e.votes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.project_ends.is_empty()
    }

    /// Whether the ballots carry points (the file has a `points` column).
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")?;
    /// assert!(!e.votes().has_points());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn has_points(&self) -> bool {
        self.has_points
    }

    /// The `i`-th ballot (0-based, file order), if there is one. O(1).
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\nv1;\nv2;a\n")?;
    /// assert_eq!(e.votes().get(1).map(|v| v.voter_id), Some("v2"));
    /// assert!(e.votes().get(2).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, i: usize) -> Option<PbVoteRef<'_>> {
        let (ps, pe) = (
            match i.checked_sub(1) {
                None => 0,
                Some(j) => *self.project_ends.get(j)?,
            } as usize,
            *self.project_ends.get(i)? as usize,
        );
        let projects = self.projects.get(ps..pe)?;
        let points = if self.has_points {
            self.points.get(ps..pe)?
        } else {
            &[]
        };
        let start = match i.checked_sub(1) {
            None => 0,
            Some(j) => (*self.run_ends.get(j)? as usize).checked_add(1)?,
        };
        let (voter_id, extra) = match self.wide_rank(i)? {
            Some(r) => {
                let fields = self.width.checked_add(1)?;
                let at = r.checked_mul(fields)?;
                let ends = self.wide_ends.get(at..at.checked_add(fields)?)?;
                let (&voter_end, cells) = ends.split_first()?;
                let cells = PbCells {
                    text: &self.text,
                    start: voter_end.checked_add(1)?,
                    ends: cells,
                    split: false,
                    count: self.width,
                };
                (self.text.get(start..voter_end as usize)?, cells)
            }
            None => {
                let end = (*self.run_ends.get(i)? as usize).checked_add(1)?;
                // The fields, each followed by its `;`.
                let run = self.text.get(start..end)?;
                let (voter_id, cells) = run.split_once(';')?;
                let cells = PbCells {
                    text: cells,
                    start: 0,
                    ends: &[],
                    split: true,
                    count: self.width,
                };
                (voter_id, cells)
            }
        };
        Some(PbVoteRef {
            voter_id,
            projects,
            points,
            extra,
        })
    }

    /// Whether ballot `i` has a field holding `;` (its rank among those,
    /// if so); none past the last ballot. O(1).
    fn wide_rank(&self, i: usize) -> Option<Option<usize>> {
        let word = *self.wide.get(i / 64)?;
        // `i % 64` is below 64: the shifts stay inside the word.
        let bit = 1_u64.wrapping_shl((i % 64) as u32);
        if word & bit == 0 {
            return Some(None);
        }
        let before = *self.wide_before.get(i / 64)?;
        let below = (word & bit.wrapping_sub(1)).count_ones() as usize;
        Some(Some(plus(before, below)))
    }

    /// The ballots in file order.
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::PbElection;
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\nv1;\nv2;\n")?;
    /// let ids: Vec<&str> = e.votes().iter().map(|v| v.voter_id).collect();
    /// assert_eq!(ids, ["v1", "v2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> PbVotesIter<'_> {
        PbVotesIter {
            votes: self,
            next: 0,
            end: self.len(),
        }
    }

    /// The ballots as owned [`PbVote`]s (what [`PbElection::new`]
    /// takes).
    ///
    /// [`PbElection::new`]: super::PbElection::new
    ///
    /// ```
    /// # use deputy_work::vote::pabulib::{PbElection, PbVote};
    /// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\nv1;a\n")?;
    /// assert_eq!(e.votes().to_vec(), [PbVote::new("v1", vec![0])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_vec(&self) -> Vec<PbVote> {
        self.iter().map(|v| v.to_vote()).collect()
    }

    /// Every ballot's projects, one ballot after another.
    pub(crate) fn all_projects(&self) -> &[u32] {
        &self.projects
    }

    /// How many other cells each ballot has.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// The voter id of the last ballot completed, if any.
    pub(crate) fn last_id(&self) -> Option<&str> {
        let last = self.len().checked_sub(1)?;
        self.get(last).map(|v| v.voter_id)
    }

    /// The projects and points of the ballot being added.
    pub(crate) fn current_ballot(&self) -> (&[u32], &[Decimal]) {
        // Where the last ballot ended, or 0 before the first.
        let start = self.project_ends.last().copied().unwrap_or_default() as usize;
        let projects = self.projects.get(start..);
        debug_assert!(
            projects.is_some(),
            "the last ballot ends within the projects"
        );
        let projects = projects.unwrap_or_default();
        let points = if self.has_points {
            let points = self.points.get(start..);
            debug_assert!(points.is_some(), "the points run along the projects");
            points.unwrap_or_default()
        } else {
            &[]
        };
        (projects, points)
    }

    /// Adds the voter id or a cell of the ballot being added: the id
    /// first, then its `width` cells in header order. Push its projects
    /// and points at any time; end it with [`Self::end_vote`].
    pub(crate) fn push_field(&mut self, s: &str) -> Result<(), PbError> {
        self.text.push_str(s);
        self.pending.push(end_of(self.text.len())?);
        self.text.push(';');
        self.pending_wide = self.pending_wide || memchr::memchr(b';', s.as_bytes()).is_some();
        Ok(())
    }

    /// Adds the voter id and the cells of the ballot being added at once,
    /// from a run of the row holding them in order, each separated from
    /// the next by one `;` and holding none (as a row split at every `;`
    /// gives them). O(1) per byte of `run` (one copy).
    pub(crate) fn push_run(&mut self, run: &str) -> Result<(), PbError> {
        debug_assert!(self.pending.is_empty(), "a ballot is added one way");
        debug_assert_eq!(
            memchr::memchr_iter(b';', run.as_bytes()).count(),
            self.width,
            "a run of an id and `width` cells, none holding `;`"
        );
        self.text.push_str(run);
        end_of(self.text.len())?;
        self.text.push(';');
        Ok(())
    }

    /// Adds a project to the ballot being added.
    pub(crate) fn push_project(&mut self, p: u32) {
        self.projects.push(p);
    }

    /// Adds a point value to the ballot being added.
    pub(crate) fn push_point(&mut self, d: Decimal) {
        self.points.push(d);
    }

    /// Ends the ballot being added.
    pub(crate) fn end_vote(&mut self) -> Result<(), PbError> {
        self.project_ends.push(end_of(self.projects.len())?);
        debug_assert!(
            self.pending.is_empty() || self.pending.len() == plus(self.width, 1),
            "an id and `width` cells per ballot"
        );
        // The ballot just ended.
        let i = gap(1, self.project_ends.len());
        if i.is_multiple_of(64) {
            self.wide_before.push(self.wide_count);
            self.wide.push(0);
        }
        // Every field added was followed by its `;`, the last one too.
        self.run_ends.push(end_of(gap(1, self.text.len()))?);
        if self.pending_wide {
            if let Some(w) = self.wide.last_mut() {
                // `i % 64` is below 64: the shift stays inside the word.
                *w |= 1_u64.wrapping_shl((i % 64) as u32);
            }
            self.wide_ends.extend_from_slice(&self.pending);
            // At most one per ballot, whose count is a `usize`.
            self.wide_count = self.wide_count.wrapping_add(1);
        }
        self.pending.clear();
        self.pending_wide = false;
        debug_assert!(
            !self.has_points || self.points.len() == self.projects.len(),
            "one point value per project"
        );
        Ok(())
    }

    /// Drops spare capacity (once all ballots are in).
    pub(crate) fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.run_ends.shrink_to_fit();
        self.wide.shrink_to_fit();
        self.wide_before.shrink_to_fit();
        self.wide_ends.shrink_to_fit();
        self.projects.shrink_to_fit();
        self.project_ends.shrink_to_fit();
        self.points.shrink_to_fit();
    }
}

impl fmt::Debug for PbVotes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The iterator of [`PbVotes::iter`].
///
/// ```
/// # use deputy_work::vote::pabulib::PbElection;
/// # let e = PbElection::parse("META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\nv1;\nv2;\n")?;
/// let mut it = e.votes().iter();
/// assert_eq!(it.len(), 2);
/// assert_eq!(it.next_back().map(|v| v.voter_id), Some("v2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PbVotesIter<'a> {
    votes: &'a PbVotes,
    next: usize,
    end: usize,
}

impl<'a> Iterator for PbVotesIter<'a> {
    type Item = PbVoteRef<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let v = self.votes.get(self.next);
        self.next = self.next.checked_add(1)?;
        v
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = gap(self.next, self.end);
        (n, Some(n))
    }
}

impl DoubleEndedIterator for PbVotesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        self.end = self.end.checked_sub(1)?;
        self.votes.get(self.end)
    }
}

impl ExactSizeIterator for PbVotesIter<'_> {}

impl<'a> IntoIterator for &'a PbVotes {
    type Item = PbVoteRef<'a>;
    type IntoIter = PbVotesIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PbCells<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PbVoteRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PbVote", 4)?;
        st.serialize_field("voter_id", self.voter_id)?;
        st.serialize_field("projects", self.projects)?;
        st.serialize_field("points", self.points)?;
        st.serialize_field("extra", &self.extra)?;
        st.end()
    }
}

/// Serializes as a list of ballots, each as [`PbVote`] serializes.
#[cfg(feature = "serde")]
impl serde::Serialize for PbVotes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Tells whether each new voter id is new: O(1) per id while the ids come
/// in increasing order (shortlex, as numbers without leading zeros do, or
/// byte order); from the first id out of both orders on, a hash set of
/// ballot indices (expected O(1) per id).
#[derive(Debug, Default)]
pub(crate) struct UniqueIds {
    shortlex: bool,
    bytes: bool,
    started: bool,
    /// The key of the last id taken while they come in order, when it
    /// has at most 16 bytes.
    last: Option<IdKey>,
    /// Open addressing over ballot indices (`u32::MAX` = empty), once
    /// the ids stop coming in order.
    table: Vec<u32>,
    filled: usize,
}

/// FxHash-style mixing of a short key, eight bytes at a time, with a
/// final multiply so that the top bits (which place entries) depend on
/// every byte. Entries are always compared byte for byte.
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0_u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0_u8; 8];
        for (d, s) in w.iter_mut().zip(rest) {
            *d = *s;
        }
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    (h ^ (h >> 32)).wrapping_mul(K)
}

/// The slot of `hash` in a table of `2^bits` slots: its top bits.
fn slot_of(hash: u64, bits: u32) -> usize {
    debug_assert!(bits <= u64::BITS, "a table of at most 2^64 slots");
    // A shift of 64 (a table of one slot) gives none: slot 0.
    hash.checked_shr(u64::BITS.saturating_sub(bits))
        .unwrap_or(0) as usize
}

/// The first eight bytes of a key, zero-padded, read with at most two
/// loads.
fn prefix(key: &[u8]) -> u64 {
    let n = key.len();
    // Zero-padded: a byte past the key reads as 0 (none is read below).
    let byte = |i: usize| u64::from(key.get(i).copied().unwrap_or(0));
    let word4 = |at: usize| {
        let mut w = [0_u8; 4];
        if let Some(src) = key.get(at..plus(at, 4)) {
            w.copy_from_slice(src);
        }
        u64::from(u32::from_le_bytes(w))
    };
    // `at` below eight: the shift stays inside the word.
    let at_byte = |x: u64, at: usize| x.wrapping_shl(8_u32.wrapping_mul(at as u32));
    match n {
        0 => 0,
        1..=3 => {
            let (mid, last) = (n / 2, gap(1, n));
            byte(0) | at_byte(byte(mid), mid) | at_byte(byte(last), last)
        }
        4..=8 => {
            let tail = gap(4, n);
            word4(0) | at_byte(word4(tail), tail)
        }
        _ => {
            let mut w = [0_u8; 8];
            if let Some(src) = key.get(..8) {
                w.copy_from_slice(src);
            }
            u64::from_le_bytes(w)
        }
    }
}

/// [`hash`] for a key of at most eight bytes, from its prefix: one
/// multiply.
fn hash_short(w: u64, len: u32) -> u64 {
    (w ^ (u64::from(len) << 59)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash of an id in [`IdIndex`].
fn id_hash(key: &[u8], w: u64) -> u64 {
    match u32::try_from(key.len()) {
        Ok(len) if len <= 8 => hash_short(w, len),
        _ => hash(key),
    }
}

/// Project ids to their indices: open addressing with the first eight
/// bytes and the length of each id in its slot, so that a short id (most
/// are) is found without a byte comparison. Expected O(1) per lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    /// (prefix, length, index); `u32::MAX` as index marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    bits: u32,
    filled: usize,
}

impl IdIndex {
    /// The index of an id of one to eight bytes, given as its bytes
    /// little-endian, zero-padded (as [`IdIndex::get`] reads them) and its
    /// length: no byte comparison. Expected O(1).
    pub(crate) fn get_short(&self, w: u64, len: u32) -> Option<u32> {
        debug_assert!((1..=8).contains(&len), "a short id has one to eight bytes");
        self.probe(hash_short(w, len), w, len, |_| true)
    }

    /// The index of `key`; `id(i)` gives the id of entry `i`.
    pub(crate) fn get<'s>(&self, key: &str, id: impl Fn(u32) -> &'s str) -> Option<u32> {
        let key = key.as_bytes();
        let (w, len) = (prefix(key), u32::try_from(key.len()).ok()?);
        self.probe(id_hash(key, w), w, len, |i| {
            len <= 8 || id(i).as_bytes().get(8..) == key.get(8..)
        })
    }

    /// The entry in the probe sequence of `hash` with prefix `w`, length
    /// `len` and the rest of its bytes accepted by `rest`.
    #[inline(always)]
    fn probe(&self, hash: u64, w: u64, len: u32, rest: impl Fn(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = slot_of(hash, self.bits);
        loop {
            let &(sw, slen, i) = self.slots.get(at)?;
            if i == u32::MAX {
                return None;
            }
            if sw == w && slen == len && rest(i) {
                return Some(i);
            }
            at = at.wrapping_add(1) & mask;
        }
    }

    /// Adds `key` as entry `index` unless it is there; returns whether it
    /// was added.
    pub(crate) fn insert<'s>(
        &mut self,
        key: &str,
        index: u32,
        id: impl Fn(u32) -> &'s str,
    ) -> bool {
        if self.get(key, &id).is_some() {
            return false;
        }
        if twice(plus(self.filled, 1)) > self.slots.len() {
            let old = core::mem::take(&mut self.slots);
            // A table of projects: far fewer than 2^32 bits' worth.
            debug_assert!(self.bits < 32, "at most 2^32 projects");
            self.bits = self.bits.checked_add(1).unwrap_or(self.bits).max(4);
            self.slots = vec![(0, 0, u32::MAX); 1_usize << self.bits];
            self.filled = 0;
            for (_, _, i) in old {
                if i != u32::MAX {
                    self.place(id(i).as_bytes(), i);
                }
            }
        }
        self.place(key.as_bytes(), index);
        true
    }

    fn place(&mut self, key: &[u8], index: u32) {
        let mask = gap(1, self.slots.len());
        let w = prefix(key);
        let mut at = slot_of(id_hash(key, w), self.bits);
        let len = u32::try_from(key.len());
        debug_assert!(
            len.is_ok(),
            "an id's length fits u32 (a column ends below 2^32 bytes)"
        );
        let len = len.unwrap_or(u32::MAX);
        while let Some(slot) = self.slots.get_mut(at) {
            if slot.2 == u32::MAX {
                *slot = (w, len, index);
                self.filled = plus(self.filled, 1);
                return;
            }
            at = at.wrapping_add(1) & mask;
        }
        debug_assert!(false, "a table at most half full has an empty slot");
    }
}

/// The order of a voter id of at most 16 bytes in one number: its bytes
/// big-endian and zero-padded, with its length. `(word, len)` orders as
/// the bytes do (a zero byte past the end of the shorter id leaves the
/// words equal, and then the shorter id comes first, as it does in byte
/// order); `(len, word)` orders by shortlex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IdKey {
    word: u128,
    len: usize,
}

impl IdKey {
    /// The key of `id`, if it has at most 16 bytes. O(1).
    pub(crate) fn of(id: &[u8]) -> Option<Self> {
        if id.len() > 16 {
            return None;
        }
        let mut b = [0_u8; 16];
        for (d, s) in b.iter_mut().zip(id) {
            *d = *s;
        }
        Some(Self {
            word: u128::from_be_bytes(b),
            len: id.len(),
        })
    }

    /// [`IdKey::of`] the `len` bytes of `bytes` from `at`: one 16-byte
    /// load, the bytes past the id masked off, when `bytes` goes on that
    /// far. O(1).
    pub(crate) fn at(bytes: &[u8], at: usize, len: usize) -> Option<Self> {
        if len > 16 {
            return None;
        }
        match bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
            Some(b) => {
                // `len` is at most 16: the shift is at most 128 bits (all
                // bytes kept, `checked_shr` gives none).
                let past = u128::MAX.checked_shr(8_u32.wrapping_mul(len as u32));
                Some(Self {
                    word: u128::from_be_bytes(*b) & !past.unwrap_or(0),
                    len,
                })
            }
            None => Self::of(bytes.get(at..at.checked_add(len)?)?),
        }
    }
}

impl UniqueIds {
    /// Whether `id` differs from every id in `votes` (then the caller adds
    /// it as the next ballot).
    pub(crate) fn is_new(&mut self, votes: &PbVotes, id: &str) -> bool {
        self.is_new_keyed(votes, id, IdKey::of(id.as_bytes()))
    }

    /// [`UniqueIds::is_new`], given `id`'s key ([`IdKey::of`] it): while
    /// the ids come in order, two short ids are compared as two numbers,
    /// inline.
    #[inline]
    pub(crate) fn is_new_keyed(&mut self, votes: &PbVotes, id: &str, key: Option<IdKey>) -> bool {
        debug_assert_eq!(key, IdKey::of(id.as_bytes()), "the key of `id`");
        if self.started
            && self.table.is_empty()
            && let (Some(a), Some(b)) = (self.last, key)
        {
            let shortlex = self.shortlex && (a.len, a.word) < (b.len, b.word);
            let bytes = self.bytes && (a.word, a.len) < (b.word, b.len);
            if shortlex || bytes {
                self.shortlex = shortlex;
                self.bytes = bytes;
                self.last = key;
                return true;
            }
        }
        self.is_new_slow(votes, id, key)
    }

    /// [`UniqueIds::is_new_keyed`] from its start: the first id, a long
    /// id, an id out of both orders, or the hash set.
    #[inline(never)]
    fn is_new_slow(&mut self, votes: &PbVotes, id: &str, key: Option<IdKey>) -> bool {
        if !self.started {
            self.started = true;
            self.shortlex = true;
            self.bytes = true;
            self.last = key;
            return true;
        }
        if self.table.is_empty() {
            match (self.last, key) {
                (Some(a), Some(b)) => {
                    self.shortlex = self.shortlex && (a.len, a.word) < (b.len, b.word);
                    self.bytes = self.bytes && (a.word, a.len) < (b.word, b.len);
                }
                _ => {
                    if let Some(last) = votes.last_id() {
                        let (a, b) = (last.as_bytes(), id.as_bytes());
                        self.shortlex = self.shortlex && (a.len(), a) < (b.len(), b);
                        self.bytes = self.bytes && a < b;
                    }
                }
            }
            if self.shortlex || self.bytes {
                self.last = key;
                return true;
            }
            self.rebuild(votes, twice(votes.len()).max(16));
        }
        if self.find(votes, id).is_some() {
            return false;
        }
        // Keep the load at most one half; the caller adds `id` as ballot
        // `votes.len()`, which the table takes in now.
        if twice(plus(self.filled, 1)) > self.table.len() {
            self.rebuild(votes, twice(self.table.len()));
        }
        self.place(id.as_bytes(), votes.len());
        true
    }

    fn find(&self, votes: &PbVotes, id: &str) -> Option<usize> {
        let mask = self.table.len().checked_sub(1)?;
        let mut at = slot_of(hash(id.as_bytes()), self.table.len().trailing_zeros());
        loop {
            let slot = *self.table.get(at)?;
            if slot == u32::MAX {
                return None;
            }
            if votes.get(slot as usize).map(|v| v.voter_id) == Some(id) {
                return Some(slot as usize);
            }
            at = at.wrapping_add(1) & mask;
        }
    }

    fn place(&mut self, key: &[u8], index: usize) {
        let Some(mask) = self.table.len().checked_sub(1) else {
            debug_assert!(false, "the table is built before placing");
            return;
        };
        let mut at = slot_of(hash(key), self.table.len().trailing_zeros());
        while let Some(slot) = self.table.get_mut(at) {
            if *slot == u32::MAX {
                // Ids are at least a byte each and their column ends
                // below 2^32 bytes, so every index fits below `u32::MAX`.
                debug_assert!(index < u32::MAX as usize, "ballot index below u32::MAX");
                *slot = u32::try_from(index).unwrap_or(u32::MAX);
                self.filled = plus(self.filled, 1);
                return;
            }
            at = at.wrapping_add(1) & mask;
        }
    }

    /// A table of at least `size` slots (a power of two) holding every id
    /// of `votes`.
    fn rebuild(&mut self, votes: &PbVotes, size: usize) {
        let power = size.checked_next_power_of_two();
        debug_assert!(
            power.is_some(),
            "a table sized by its entries has a power of two above"
        );
        let size = power.unwrap_or(size);
        self.table.clear();
        self.table.resize(size, u32::MAX);
        self.filled = 0;
        for (i, v) in votes.iter().enumerate() {
            self.place(v.voter_id.as_bytes(), i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(rows: &[(&str, &[u32], &[&str])]) -> PbVotes {
        let width = rows.first().map_or(0, |r| r.2.len());
        let mut v = PbVotes::new(width, false);
        for (id, ps, cells) in rows {
            v.push_field(id).unwrap();
            for c in *cells {
                v.push_field(c).unwrap();
            }
            for p in *ps {
                v.push_project(*p);
            }
            v.end_vote().unwrap();
        }
        v
    }

    #[test]
    fn columns_give_back_each_ballot() {
        let rows: &[(&str, &[u32], &[&str])] = &[
            ("v1", &[3, 1], &["30", "K"]),
            ("", &[], &["", ""]),
            ("voter three", &[0], &["", "M"]),
        ];
        let v = store(rows);
        assert_eq!(v.len(), 3);
        for (i, (id, ps, cells)) in rows.iter().enumerate() {
            let b = v.get(i).unwrap();
            assert_eq!(b.voter_id, *id);
            assert_eq!(b.projects, *ps);
            assert!(b.points.is_empty());
            assert_eq!(b.extra, **cells);
        }
        assert!(v.get(3).is_none());
        let back: Vec<_> = v.iter().rev().map(|b| b.voter_id).collect();
        assert_eq!(back, ["voter three", "", "v1"]);
        assert_eq!(format!("{:?}", v.get(0).unwrap().extra), r#"["30", "K"]"#);
    }

    #[test]
    fn a_run_of_fields_is_stored_as_field_by_field() {
        let mut by_field = PbVotes::new(3, false);
        let mut by_run = PbVotes::new(3, false);
        for row in ["1401;53;K;internet", "7;;;", "x;a b;;c"] {
            for f in row.split(';') {
                by_field.push_field(f).unwrap();
            }
            by_run.push_run(row).unwrap();
            by_field.push_project(2);
            by_run.push_project(2);
            by_field.end_vote().unwrap();
            by_run.end_vote().unwrap();
        }
        assert_eq!(by_run, by_field);
        let v = by_run.get(2).unwrap();
        assert_eq!(v.voter_id, "x");
        assert_eq!(v.extra, ["a b", "", "c"]);
        assert_eq!(by_run.last_id(), Some("x"));
    }

    #[test]
    fn cells_holding_the_separator_keep_their_ends() {
        // Ballots with and without a `;` in a field, across the 64-ballot
        // blocks of the bitset.
        let mut v = PbVotes::new(2, false);
        let mut rows = Vec::new();
        for i in 0..200_u32 {
            let id = format!("v{i}");
            let (a, b) = match i % 7 {
                0 => ("a;b".to_owned(), String::new()),
                3 => (String::new(), ";".to_owned()),
                5 => ("x".to_owned(), format!("{i};;")),
                _ => (format!("{i}"), "K".to_owned()),
            };
            v.push_field(&id).unwrap();
            v.push_field(&a).unwrap();
            v.push_field(&b).unwrap();
            v.push_project(i % 3);
            v.end_vote().unwrap();
            rows.push((id, a, b));
        }
        assert_eq!(v.len(), rows.len());
        for (i, (id, a, b)) in rows.iter().enumerate() {
            let ballot = v.get(i).unwrap();
            assert_eq!(ballot.voter_id, id);
            assert_eq!(ballot.extra.len(), 2);
            assert_eq!(ballot.extra.get(0), Some(a.as_str()), "{i}");
            assert_eq!(ballot.extra.get(1), Some(b.as_str()), "{i}");
            assert_eq!(ballot.extra.get(2), None);
            assert_eq!(ballot.extra.iter().collect::<Vec<_>>(), [a, b], "{i}");
            assert_eq!(ballot.extra.iter().len(), 2);
            assert_eq!(ballot.projects, [i as u32 % 3]);
        }
        assert_eq!(v.last_id(), Some("v199"));
        assert!(v.get(200).is_none());
        let mut c = v.clone();
        c.shrink();
        assert_eq!(c, v);
    }

    #[test]
    fn ids_are_unique_in_order_and_out_of_order() {
        for ids in [
            vec!["1", "2", "10", "11", "9", "2", "x"],
            vec!["a", "b", "c", "b"],
            vec!["b", "a", "c", "a"],
            vec!["5", "5"],
        ] {
            let mut seen = std::collections::BTreeSet::new();
            let mut u = UniqueIds::default();
            let mut v = PbVotes::new(0, false);
            for id in ids.iter().copied() {
                assert_eq!(u.is_new(&v, id), seen.insert(id), "{ids:?} at {id}");
                v.push_field(id).unwrap();
                v.end_vote().unwrap();
            }
        }
    }

    #[test]
    fn many_ids_out_of_order_grow_the_table() {
        let mut u = UniqueIds::default();
        let mut v = PbVotes::new(0, false);
        for i in (0..5000_u32).rev() {
            let id = format!("{}", i.wrapping_mul(7919) % 5000);
            assert!(u.is_new(&v, &id), "{id}");
            v.push_field(&id).unwrap();
            v.end_vote().unwrap();
        }
        assert!(!u.is_new(&v, "4999"));
        assert!(u.is_new(&v, "5000"));
    }
}

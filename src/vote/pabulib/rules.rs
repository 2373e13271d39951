//! The rules: greedy with and without skipping, and the Method of Equal
//! Shares with the add1 completion, in exact arithmetic.

use core::cmp::Ordering;
use rust_decimal::Decimal;

use super::error::PbError;
use super::mes::{Mes, Runs};
use super::model::{PbElection, PbRule, VoteType};
use super::wide::Wide;

/// The result of deciding an election by a rule.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbRule};
/// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost\nb;6\na;5\nVOTES\nvoter_id;vote\n1;a,b\n2;b\n")?;
/// let out = e.decide(PbRule::Greedy)?;
/// assert_eq!(out.funded, vec![0]); // b has more votes; a no longer fits
/// assert_eq!(out.total_cost.to_string(), "6");
/// assert_eq!(out.selected_ids(&e), vec!["b"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PbOutcome {
    /// Projects funded beside the budget from a reserve (Poznań's 80 %
    /// rule: `selected` 2), by index; not in `funded` nor `total_cost`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub reserve: Vec<u32>,
    /// The rule that decided.
    pub rule: PbRule,
    /// The funded projects (indices into the election's projects), in the
    /// order the rule funded them.
    pub funded: Vec<u32>,
    /// The total cost of the funded projects.
    pub total_cost: Decimal,
}

impl PbOutcome {
    /// An outcome of `rule` funding `funded` (indices, in the order they
    /// were funded) at `total_cost`, with no reserve: for instance an
    /// official selection to compare ([`PbElection::compare_with_official`]).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbOutcome, PbRule};
    /// let o = PbOutcome::new(PbRule::Greedy, vec![2, 0], 70.into());
    /// assert_eq!((o.funded, o.total_cost, o.reserve), (vec![2, 0], 70.into(), vec![]));
    /// ```
    #[must_use]
    pub fn new(rule: PbRule, funded: Vec<u32>, total_cost: Decimal) -> Self {
        Self {
            reserve: Vec::new(),
            rule,
            funded,
            total_cost,
        }
    }

    /// The funded projects' indices, ascending.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbOutcome, PbRule};
    /// use rust_decimal::Decimal;
    /// let o = PbOutcome::new(PbRule::Greedy, vec![3, 1], Decimal::ZERO);
    /// assert_eq!(o.selected(), vec![1, 3]);
    /// ```
    #[must_use]
    pub fn selected(&self) -> Vec<u32> {
        let mut s = self.funded.clone();
        s.sort_unstable();
        s
    }

    /// The funded projects' ids, sorted as strings.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\nz;1\ny;1\nVOTES\nvoter_id;vote\n1;z,y\n")?;
    /// assert_eq!(e.decide(PbRule::Greedy)?.selected_ids(&e), vec!["y", "z"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn selected_ids<'e>(&self, election: &'e PbElection) -> Vec<&'e str> {
        let mut ids: Vec<&str> = self
            .funded
            .iter()
            .filter_map(|&i| election.projects.get(i as usize))
            .map(|p| p.id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The funded projects' ids with their names
    /// ([`PbElection::project_name`]), sorted by id as
    /// [`PbOutcome::selected_ids`]: what a notice of the result lists.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost;name\nz;1;老旧小区加装电梯\ny;1;\nVOTES\nvoter_id;vote\n1;z,y\n")?;
    /// let named = e.decide(PbRule::Greedy)?.selected_names(&e);
    /// assert_eq!(named, [("y", None), ("z", Some("老旧小区加装电梯"))]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn selected_names<'e>(&self, election: &'e PbElection) -> Vec<(&'e str, Option<&'e str>)> {
        let mut named: Vec<(&str, Option<&str>)> = self
            .funded
            .iter()
            .filter_map(|&i| {
                let p = election.projects.get(i as usize)?;
                Some((p.id.as_str(), election.project_name(i)))
            })
            .collect();
        named.sort_unstable();
        named
    }
}

/// How a computed selection differs from the official one.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbRule};
/// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost;selected\na;6;0\nb;5;1\nVOTES\nvoter_id;vote\n1;a\n")?;
/// let diff = e.compare_with_official(&e.decide(PbRule::Greedy)?).expect("has a selected column");
/// assert_eq!(diff.only_computed, vec!["a"]);
/// assert_eq!(diff.only_official, vec!["b"]);
/// assert!(!diff.is_match());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct PbDiff {
    /// Ids funded by the rule but not officially, sorted.
    pub only_computed: Vec<String>,
    /// Ids funded officially but not by the rule, sorted.
    pub only_official: Vec<String>,
}

impl PbDiff {
    /// Whether both selections are the same.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbDiff;
    /// assert!(PbDiff::default().is_match());
    /// ```
    #[must_use]
    pub fn is_match(&self) -> bool {
        self.only_computed.is_empty() && self.only_official.is_empty()
    }
}

/// How a greedy walk treats the first project that does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// Skip it and go on.
    Skip,
    /// Stop there.
    NoSkip,
    /// Poznań: fund it from a reserve if 80 % of it is covered, then stop.
    Poznan,
}

/// What a greedy rule did with a project ([`GreedyStep`]).
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::vote::pabulib::GreedyDecision;
/// assert_eq!(GreedyDecision::BelowThreshold.label_en(), "below the minimum score");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum GreedyDecision {
    /// Funded: it fitted in what was left.
    Funded,
    /// Skipped: it no longer fitted.
    DoesNotFit,
    /// Not fitting, it ended the rule (no skipping).
    Stops,
    /// Not reached: the rule had ended.
    AfterStop,
    /// Below META `min_project_score_threshold`: not eligible.
    BelowThreshold,
    /// Ruled out by a funded project of its exclusive group.
    Excluded {
        /// The funded project (index) that excludes it.
        by: u32,
    },
    /// Funded from a reserve (Poznań: 80 % of it was covered).
    FromReserve,
}

impl crate::common::Labelled for GreedyDecision {
    fn label_zh(&self) -> &str {
        match self {
            Self::Funded => "入选",
            Self::DoesNotFit => "剩余预算不足，跳过",
            Self::Stops => "剩余预算不足，规则至此结束",
            Self::AfterStop => "规则已结束",
            Self::BelowThreshold => "未达最低得票",
            Self::Excluded { .. } => "与已入选项目互斥",
            Self::FromReserve => "以预备资金入选",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Funded => "funded",
            Self::DoesNotFit => "does not fit: skipped",
            Self::Stops => "does not fit: the rule ends",
            Self::AfterStop => "not reached: the rule had ended",
            Self::BelowThreshold => "below the minimum score",
            Self::Excluded { .. } => "excluded by a funded project",
            Self::FromReserve => "funded from a reserve",
        }
    }
}

/// One step of a greedy rule ([`PbElection::explain_greedy`]).
///
/// ```
/// use deputy_work::vote::pabulib::{GreedyDecision, PbElection, PbRule};
/// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost;name\na;6;社区食堂\nVOTES\nvoter_id;vote\n1;a\n")?;
/// let s = &e.explain_greedy(PbRule::Greedy)?[0];
/// assert_eq!((s.id.as_str(), s.name.as_deref()), ("a", Some("社区食堂")));
/// assert_eq!((s.score, s.cost, s.left), (1.into(), 6.into(), 4.into()));
/// assert_eq!(s.decision, GreedyDecision::Funded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct GreedyStep {
    /// The project's index.
    pub index: u32,
    /// Its `project_id`.
    pub id: String,
    /// Its name ([`PbElection::project_name`]), when the file gives one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// Its score.
    pub score: Decimal,
    /// Its cost.
    pub cost: Decimal,
    /// The budget left after this step.
    pub left: Decimal,
    /// What the rule did with it.
    pub decision: GreedyDecision,
}

/// Decimal places of the figures in an Equal Shares explanation.
pub(super) const EXPLAIN_PLACES: u32 = 10;

/// Equal Shares with add1, round by round ([`PbElection::explain_equal_shares`]).
///
/// ```
/// use deputy_work::vote::pabulib::PbElection;
/// let e = PbElection::parse("META\nkey;value\nbudget;6\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost\na;9\nVOTES\nvoter_id;vote\n1;a\n2;a\n")?;
/// let x = e.explain_equal_shares()?;
/// // add1 raised each voter's 3 to 4: at 5, the two could fund a, but
/// // a costs more than the budget of 6.
/// assert_eq!(x.per_voter.to_string(), "4.0000000000");
/// assert!(x.rounds.is_empty());
/// assert!(x.runs <= x.run_limit && x.run_limit == 10_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct EqualSharesExplanation {
    /// Each voter's budget in the run that decided (add1's last).
    pub per_voter: Decimal,
    /// The rounds, in order.
    pub rounds: Vec<MesRound>,
    /// How many runs of the method add1 made to settle the budget.
    #[cfg_attr(feature = "serde", serde(default))]
    pub runs: u64,
    /// The most runs add1 may make for this election (64 per project and
    /// group of identical ballots, at least 10,000): past it, deciding
    /// returns [`PbError::CompletionTooLong`].
    #[cfg_attr(feature = "serde", serde(default))]
    pub run_limit: u64,
}

/// One round of Equal Shares: the project funded, its price and the
/// supporters' payments.
///
/// ```
/// use deputy_work::vote::pabulib::PbElection;
/// let e = PbElection::parse("META\nkey;value\nbudget;4\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost;name\na;4;口袋公园\nVOTES\nvoter_id;vote\n1;a\n2;a\n")?;
/// let r = &e.explain_equal_shares()?.rounds[0];
/// assert_eq!((r.project, r.id.as_str(), r.name.as_deref()), (0, "a", Some("口袋公园")));
/// assert_eq!(r.price.to_string(), "0.5000000000"); // each pays 2 of 4
/// assert_eq!(r.payments.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct MesRound {
    /// The project's index.
    pub project: u32,
    /// Its `project_id`.
    pub id: String,
    /// Its name ([`PbElection::project_name`]), when the file gives one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// Its price: per unit of cost (approval ballots) or money per point
    /// (cumulative and scoring ballots).
    pub price: Decimal,
    /// What its supporters paid, voters with the same ballot together.
    pub payments: Vec<MesPayment>,
}

/// What a group of supporters (voters with the same ballot) paid in a
/// round, each, and has left.
///
/// ```
/// use deputy_work::vote::pabulib::PbElection;
/// let e = PbElection::parse("META\nkey;value\nbudget;6\nvote_type;approval\n\
///     PROJECTS\nproject_id;cost\na;4\nVOTES\nvoter_id;vote\n1;a\n2;a\n")?;
/// let p = &e.explain_equal_shares()?.rounds[0].payments[0];
/// assert_eq!(p.voters, [0, 1]); // the same ballot: one group
/// assert_eq!((p.paid.to_string(), p.left.to_string()), ("2.0000000000".into(), "1.0000000000".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct MesPayment {
    /// The voters, by their index in the VOTES section.
    pub voters: Vec<u32>,
    /// What each paid.
    pub paid: Decimal,
    /// What each has left.
    pub left: Decimal,
}

/// The projects a walk funded within the budget, in order.
fn funded_by(steps: &[GreedyStep]) -> Vec<u32> {
    steps
        .iter()
        .filter(|s| s.decision == GreedyDecision::Funded)
        .map(|s| s.index)
        .collect()
}

pub(super) fn overflow(what: &'static str) -> PbError {
    PbError::Overflow { what }
}

impl PbElection {
    /// Each project's score, in project order: the number of ballots naming
    /// it (approval, ordinal and choose-1 ballots) or the sum of its points
    /// (cumulative and scoring ballots).
    ///
    /// Cost: linear in the ballots' entries; memory: a score per project.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;cumulative\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;5\nVOTES\nvoter_id;vote;points\n1;a,b;2,1\n2;b;3\n")?;
    /// assert_eq!(e.scores()?, vec![2.into(), 4.into()]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PbError::Overflow`] if a sum of points overflows.
    pub fn scores(&self) -> Result<Vec<Decimal>, PbError> {
        if self.vote_type.has_points() {
            let mut s = vec![Decimal::ZERO; self.projects.len()];
            for v in &self.votes {
                for (&p, pts) in v.projects.iter().zip(v.points) {
                    if let Some(x) = s.get_mut(p as usize) {
                        *x = x
                            .checked_add(*pts)
                            .ok_or_else(|| overflow("summing points"))?;
                    }
                }
            }
            Ok(s)
        } else if self.vote_type == VoteType::Ordinal {
            // Positional points by the ballot's own length `L` (the first
            // choice `L`, the next `L - 1`, …, the last 1), as Pabulib's
            // checker recounts a score without points
            // (`create_points_based_on_vote_length`); it gives the `score`
            // column of every ordinal file in the data, Kraków's, Zürich's
            // and Seattle's (where ballots are shorter than `max_length`).
            let mut c = vec![0_u64; self.projects.len()];
            for v in &self.votes {
                let len = u64::try_from(v.projects.len()).map_err(|_| overflow("ranking"))?;
                for (&p, pos) in v.projects.iter().zip(0_u64..) {
                    if let Some(x) = c.get_mut(p as usize) {
                        // pos < len: the first of `len` earns `len`.
                        let points = len.checked_sub(pos);
                        debug_assert!(points.is_some(), "a position is below the ballot's length");
                        *x = x
                            .checked_add(points.unwrap_or(0))
                            .ok_or_else(|| overflow("summing positional points"))?;
                    }
                }
            }
            Ok(c.into_iter().map(Decimal::from).collect())
        } else {
            // One count per ballot naming the project: a sweep of the
            // project column, ballot boundaries aside.
            let mut c = vec![0_u64; self.projects.len()];
            for &p in self.votes.all_projects() {
                if let Some(x) = c.get_mut(p as usize) {
                    // At most one count per entry of the column, whose
                    // length is a `usize`.
                    *x = x.wrapping_add(1);
                }
            }
            Ok(c.into_iter().map(Decimal::from).collect())
        }
    }

    /// Decides the election by the META `rule`.
    ///
    /// Cost: that of [`PbElection::decide`] for the rule named, so for Equal
    /// Shares at most 64 runs of the method per project and group of
    /// identical ballots (at least 10,000).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbError};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\nrule;unknown\n\
    ///     PROJECTS\nproject_id;cost\na;6\nVOTES\nvoter_id;vote\n")?;
    /// assert!(matches!(e.decide_by_meta(), Err(PbError::NoRule { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PbError::NoRule`] when META names no rule this crate implements,
    /// else as [`PbElection::decide`].
    pub fn decide_by_meta(&self) -> Result<PbOutcome, PbError> {
        let rule = self.rule.ok_or_else(|| PbError::NoRule {
            found: self.meta_value("rule").map(ToOwned::to_owned),
        })?;
        self.decide(rule)
    }

    /// Decides the election by `rule`. See the [module docs](super) for the
    /// rules and their tie-breaking.
    ///
    /// Cost: the greedy rules take time linear in the ballots' entries (the
    /// scores), O(p log p) in the p projects to order them and one walk;
    /// memory: a score per project. Equal Shares (`equalshares/add1`, and
    /// `-comparison`, which adds a greedy count) runs the method many
    /// times, raising the per-voter budget; a run takes at most p rounds,
    /// each pricing the projects still in play over their groups of
    /// identical ballots, and memory in proportion to those groups'
    /// entries. The runs are bounded by the election's size, not by its
    /// numbers: an interval of per-voter budgets with one outcome costs
    /// O(log L) runs (L its length, under 2^128), and add1 makes at most
    /// 64 runs per project and group of identical ballots (at least
    /// 10,000), returning [`PbError::CompletionTooLong`] past that; every
    /// file of Pabulib's two folders here takes at most 1,012 runs (Warsaw
    /// 2018 Piaski; median 92), at most 1/137 of its limit, and under 2 s.
    /// A 203-byte file (budget 10²⁴, two projects costing
    /// 163143509155295852052017 and 424466618508720642733117, two voters
    /// `p0,p1` and `p0`), which took 33,554,516 runs and 37 to 69 s before
    /// the search doubled its step, takes 63 runs (under 1 ms); random
    /// files of 8 projects and 7 voters with budgets of 10¹⁸ to 10²⁷, at
    /// most 1,034 runs and 9 ms (release build, shared 2-core VM).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;5\nc;4\nVOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,c\n")?;
    /// // Scores: a 3, b 2, c 1. Greedy skips b, which no longer fits.
    /// assert_eq!(e.decide(PbRule::Greedy)?.selected_ids(&e), vec!["a", "c"]);
    /// assert_eq!(e.decide(PbRule::GreedyNoSkip)?.funded, vec![0]);
    /// let mes = e.decide(PbRule::EqualSharesAdd1)?;
    /// // Raising the per-voter budget to 5 would fund a and b (11 > 10): add1 stops before.
    /// assert_eq!(mes.selected_ids(&e), vec!["a"]);
    /// assert_eq!(mes.total_cost, 6.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PbError::UnsupportedVoteType`] for the Method of Equal Shares on
    /// ordinal ballots; [`PbError::Overflow`] if
    /// an exact computation outgrows its fixed width;
    /// [`PbError::CompletionTooLong`] if add1 reaches its limit on runs.
    pub fn decide(&self, rule: PbRule) -> Result<PbOutcome, PbError> {
        let mut reserve = Vec::new();
        let funded = match rule {
            PbRule::Greedy | PbRule::GreedyThreshold | PbRule::GreedyExclusive => {
                self.greedy(true, &[])?
            }
            PbRule::GreedyNoSkip => self.greedy(false, &[])?,
            PbRule::GreedyCustom if self.is_poznan() => {
                let (funded, next) = self.poznan()?;
                reserve.extend(next);
                funded
            }
            PbRule::GreedyCustom => self.greedy(true, &[])?,
            PbRule::EqualSharesAdd1 => self.equal_shares_add1()?,
            PbRule::EqualSharesAdd1Comparison => {
                self.compared_with_greedy(self.equal_shares_add1()?)?
            }
        };
        let total_cost = self.cost_of(&funded)?;
        Ok(PbOutcome {
            rule,
            funded,
            total_cost,
            reserve,
        })
    }

    /// Greedy with skipping where projects exclude each other: funding a
    /// project rules out the others of its group (`groups`, project indices;
    /// a project may be in several groups). The file format has no field for
    /// the groups (Pabulib states them in META `comment`, e.g. Warszawa 2024),
    /// so the caller names them.
    ///
    /// Cost: as the greedy rules (see [`PbElection::decide`]), plus O(p + g)
    /// for the groups, g the project indices in all of `groups`: one pass
    /// indexes each project's groups, and each project looks only at its
    /// own.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;4\nb;4\nc;4\nVOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,c\n")?;
    /// // a and b are two sites for one playground: b is ruled out once a is funded.
    /// assert_eq!(e.decide_exclusive(&[vec![0, 1]])?.selected_ids(&e), ["a", "c"]);
    /// assert_eq!(e.decide(PbRule::Greedy)?.selected_ids(&e), ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PbError::Overflow`] if a sum overflows.
    pub fn decide_exclusive(&self, groups: &[Vec<u32>]) -> Result<PbOutcome, PbError> {
        let funded = self.greedy(true, groups)?;
        let total_cost = self.cost_of(&funded)?;
        Ok(PbOutcome {
            rule: PbRule::GreedyExclusive,
            funded,
            total_cost,
            reserve: Vec::new(),
        })
    }

    /// Compares an outcome with the official `selected` column, if any.
    ///
    /// Cost: O(p log p) in the projects.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost;selected\na;6;1\nVOTES\nvoter_id;vote\n1;a\n")?;
    /// assert!(e.compare_with_official(&e.decide(PbRule::Greedy)?).is_some_and(|d| d.is_match()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn compare_with_official(&self, outcome: &PbOutcome) -> Option<PbDiff> {
        let mut official = self.official_selection()?;
        let mut ours = outcome.selected();
        // The rule that funds from a reserve (`greedy-custom`, Poznań's) is
        // compared with the reserve's `selected` 2 as well, whether or not
        // it funded one itself.
        if outcome.rule == PbRule::GreedyCustom {
            official.extend(
                self.projects.iter().zip(0_u32..).filter_map(|(p, i)| {
                    (p.selected == Some(super::Selected::Reserve)).then_some(i)
                }),
            );
            official.sort_unstable();
            ours.extend_from_slice(&outcome.reserve);
            ours.sort_unstable();
        }
        let id = |i: &u32| {
            self.projects
                .get(*i as usize)
                .map_or_else(String::new, |p| p.id.clone())
        };
        let mut only_computed: Vec<String> = ours
            .iter()
            .filter(|i| official.binary_search(i).is_err())
            .map(id)
            .collect();
        let mut only_official: Vec<String> = official
            .iter()
            .filter(|i| ours.binary_search(i).is_err())
            .map(id)
            .collect();
        only_computed.sort();
        only_official.sort();
        Some(PbDiff {
            only_computed,
            only_official,
        })
    }

    fn cost_of(&self, funded: &[u32]) -> Result<Decimal, PbError> {
        funded.iter().try_fold(Decimal::ZERO, |acc, &i| {
            let c = self
                .projects
                .get(i as usize)
                .map_or(Decimal::ZERO, |p| p.cost);
            acc.checked_add(c).ok_or_else(|| overflow("summing costs"))
        })
    }

    /// Greedy by score (highest first; ties to the cheaper project, then to
    /// the earlier one in the file); `skip` decides whether a project that
    /// no longer fits is skipped or ends the rule.
    fn greedy(&self, skip: bool, groups: &[Vec<u32>]) -> Result<Vec<u32>, PbError> {
        let walk = if skip { Walk::Skip } else { Walk::NoSkip };
        Ok(funded_by(&self.greedy_walk(walk, groups)?))
    }

    /// The greedy rules' one walk, step by step: projects by score (ties to
    /// the cheaper, then the earlier); below META
    /// `min_project_score_threshold` a project is not eligible however well
    /// it fits (pabulib.org's format description; the checker applies it to
    /// every greedy rule); a project of an exclusive group already served
    /// is ruled out; a project that fits is funded; one that does not is
    /// skipped, or ends the walk (no-skip; Poznań's rule first funds it from
    /// a reserve if what is left covers 80 % of its cost).
    fn greedy_walk(&self, walk: Walk, groups: &[Vec<u32>]) -> Result<Vec<GreedyStep>, PbError> {
        let scores = self.scores()?;
        let order = self.by_score(&scores)?;
        let eighty = Decimal::new(8, 1);
        let mut left = self.budget;
        let mut steps: Vec<GreedyStep> = Vec::with_capacity(order.len());
        // For each project, the groups that name it, in group order, with
        // its first place there; for each group, the first place of a
        // funded member (a project beyond the election's is never funded).
        let mut member_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.projects.len()];
        for (g, members) in groups.iter().enumerate() {
            for (at, o) in members.iter().enumerate() {
                if let Some(m) = member_of.get_mut(*o as usize)
                    && m.last().is_none_or(|(last, _)| *last != g)
                {
                    m.push((g, at));
                }
            }
        }
        let mut first_funded: Vec<Option<usize>> = vec![None; groups.len()];
        let mut stopped = false;
        for i in order {
            let score = scores.get(i as usize).copied();
            debug_assert!(score.is_some(), "a score per project");
            let score = score.unwrap_or_default();
            let project = self.projects.get(i as usize);
            let cost = project.map_or(Decimal::ZERO, |p| p.cost);
            // The first group naming `i` with a funded member, and its
            // first funded member (`i` itself is not funded yet).
            let mine = member_of.get(i as usize).map_or(&[][..], Vec::as_slice);
            let excluded_by = mine.iter().find_map(|(g, _)| {
                let at = first_funded.get(*g).copied().flatten()?;
                groups.get(*g)?.get(at).copied()
            });
            let decision = if stopped {
                GreedyDecision::AfterStop
            } else if self.threshold.is_some_and(|t| score < t) {
                GreedyDecision::BelowThreshold
            } else if let Some(by) = excluded_by {
                GreedyDecision::Excluded { by }
            } else if cost <= left {
                left = left
                    .checked_sub(cost)
                    .ok_or_else(|| overflow("subtracting a cost"))?;
                for (g, at) in mine {
                    if let Some(first) = first_funded.get_mut(*g) {
                        *first = Some(first.map_or(*at, |f| f.min(*at)));
                    }
                }
                GreedyDecision::Funded
            } else {
                match walk {
                    Walk::Skip => GreedyDecision::DoesNotFit,
                    Walk::NoSkip => {
                        stopped = true;
                        GreedyDecision::Stops
                    }
                    Walk::Poznan => {
                        stopped = true;
                        let covered = cost
                            .checked_mul(eighty)
                            .ok_or_else(|| overflow("taking 80 % of a cost"))?;
                        if left >= covered {
                            GreedyDecision::FromReserve
                        } else {
                            GreedyDecision::Stops
                        }
                    }
                }
            };
            steps.push(GreedyStep {
                index: i,
                id: project.map_or_else(String::new, |p| p.id.clone()),
                name: self.project_name(i).map(str::to_owned),
                score,
                cost,
                left,
                decision,
            });
        }
        Ok(steps)
    }

    /// Why each project was funded or not under a greedy rule, step by
    /// step in the order the rule takes them, with the budget left after
    /// each step: what a front end shows a voter who asks "why not mine?".
    /// The same walk decides the election ([`PbElection::decide`]).
    ///
    /// Cost: as the greedy rules in [`PbElection::decide`]; memory: a step
    /// per project.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::vote::pabulib::{GreedyDecision, PbElection, PbRule};
    /// let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;5\nc;4\nVOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,c\n")?;
    /// let steps = e.explain_greedy(PbRule::Greedy)?;
    /// let why: Vec<(&str, GreedyDecision)> = steps.iter().map(|s| (s.id.as_str(), s.decision)).collect();
    /// assert_eq!(why, [("a", GreedyDecision::Funded), ("b", GreedyDecision::DoesNotFit), ("c", GreedyDecision::Funded)]);
    /// assert_eq!(steps[1].left, 4.into());
    /// assert_eq!(steps[1].decision.label_zh(), "剩余预算不足，跳过");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PbError::NotGreedy`] for an Equal Shares rule; [`PbError::Overflow`].
    pub fn explain_greedy(&self, rule: PbRule) -> Result<Vec<GreedyStep>, PbError> {
        let walk = match rule {
            PbRule::Greedy | PbRule::GreedyThreshold | PbRule::GreedyExclusive => Walk::Skip,
            PbRule::GreedyNoSkip => Walk::NoSkip,
            PbRule::GreedyCustom if self.is_poznan() => Walk::Poznan,
            PbRule::GreedyCustom => Walk::Skip,
            PbRule::EqualSharesAdd1 | PbRule::EqualSharesAdd1Comparison => {
                return Err(PbError::NotGreedy {
                    rule: rule.pabulib_name(),
                });
            }
        };
        self.greedy_walk(walk, &[])
    }

    /// Whether META `unit` is Poznań (whose `greedy-custom` is a stated rule).
    fn is_poznan(&self) -> bool {
        self.meta_value("unit").map(str::trim) == Some("Poznań")
    }

    /// Poznań's rule (its files' META `comment`; Pabulib's checker,
    /// `verify_poznan_selected`): by score, fund each project while it fits;
    /// at the first that does not, fund it too from a reserve if what is
    /// left covers 80 % of its cost, and stop. Returns the funded projects
    /// and the reserve-funded one.
    fn poznan(&self) -> Result<(Vec<u32>, Option<u32>), PbError> {
        let steps = self.greedy_walk(Walk::Poznan, &[])?;
        let reserve = steps
            .iter()
            .find(|s| s.decision == GreedyDecision::FromReserve)
            .map(|s| s.index);
        Ok((funded_by(&steps), reserve))
    }

    /// Project indices by score, highest first; ties to the cheaper
    /// project, then to the earlier one in the file.
    fn by_score(&self, scores: &[Decimal]) -> Result<Vec<u32>, PbError> {
        let mut order: Vec<u32> = (0..u32::try_from(self.projects.len())
            .map_err(|_| overflow("counting projects"))?)
            .collect();
        let key = |i: u32| {
            let s = scores.get(i as usize).copied();
            debug_assert!(s.is_some(), "a score per project");
            let s = s.unwrap_or_default();
            let c = self
                .projects
                .get(i as usize)
                .map_or(Decimal::ZERO, |p| p.cost);
            (s, c)
        };
        order.sort_by(|&a, &b| {
            let (sa, ca) = key(a);
            let (sb, cb) = key(b);
            sb.cmp(&sa).then(ca.cmp(&cb)).then(a.cmp(&b))
        });
        Ok(order)
    }

    /// The comparison step (equalshares.net; Pabulib's checker,
    /// `_apply_equalshares_comparison_step`, satisfaction mode): the Equal
    /// Shares result against greedy by approval count (every project by
    /// approvals, highest first, funded while it fits, skipping the others);
    /// greedy's result is taken only if strictly more voters approve more of
    /// its projects than of Equal Shares'. Cost: linear in the ballots.
    fn compared_with_greedy(&self, mes: Vec<u32>) -> Result<Vec<u32>, PbError> {
        let approvals = self.scores()?;
        let order = self.by_score(&approvals)?;
        let mut left = self.budget;
        let mut greedy = Vec::new();
        for i in order {
            let cost = self
                .projects
                .get(i as usize)
                .map_or(Decimal::ZERO, |p| p.cost);
            if cost <= left {
                left = left
                    .checked_sub(cost)
                    .ok_or_else(|| overflow("subtracting a cost"))?;
                greedy.push(i);
            }
        }
        let n = self.projects.len();
        let mut in_mes = vec![false; n];
        let mut in_greedy = vec![false; n];
        for &i in &mes {
            if let Some(x) = in_mes.get_mut(i as usize) {
                *x = true;
            }
        }
        for &i in &greedy {
            if let Some(x) = in_greedy.get_mut(i as usize) {
                *x = true;
            }
        }
        let (mut prefer_mes, mut prefer_greedy) = (0_u64, 0_u64);
        for v in &self.votes {
            let count = |set: &[bool]| {
                v.projects
                    .iter()
                    .filter(|&&p| {
                        let s = set.get(p as usize).copied();
                        debug_assert!(s.is_some(), "a ballot names projects of the election");
                        s.unwrap_or(false)
                    })
                    .count()
            };
            match count(&in_mes).cmp(&count(&in_greedy)) {
                Ordering::Greater => {
                    prefer_mes = prefer_mes
                        .checked_add(1)
                        .ok_or_else(|| overflow("counting ballots"))?;
                }
                Ordering::Less => {
                    prefer_greedy = prefer_greedy
                        .checked_add(1)
                        .ok_or_else(|| overflow("counting ballots"))?;
                }
                Ordering::Equal => {}
            }
        }
        Ok(if prefer_greedy > prefer_mes {
            greedy
        } else {
            mes
        })
    }

    fn equal_shares_add1(&self) -> Result<Vec<u32>, PbError> {
        Ok(self.add1()?.0)
    }

    /// The add1 completion: the funded projects, and the per-voter budget
    /// of the run that funded them (`units / den` money units), with the
    /// prepared method.
    fn add1(&self) -> Result<(Vec<u32>, u128, u64, Mes, Runs), PbError> {
        if self.vote_type == VoteType::Ordinal {
            return Err(PbError::UnsupportedVoteType {
                rule: PbRule::EqualSharesAdd1.pabulib_name(),
                vote_type: self.vote_type.pabulib_name(),
            });
        }
        let mes = Mes::new(self)?;
        let mut runs = Runs::new(mes.run_limit());
        let (funded, units, den0) = mes.add1_within(&mut runs)?;
        Ok((funded, units, den0, mes, runs))
    }

    /// The rounds of Equal Shares with add1, as data for a front end: the
    /// per-voter budget add1 settled on, then in each round the project
    /// funded, its price (per unit of cost for approval ballots, per point
    /// for cumulative and scoring ballots) and what each supporter paid and
    /// has left, voters with the same ballot together. The figures are the
    /// exact ones of the decision, written with 10 decimals rounded down;
    /// the decision itself is exact. Cost: that of [`PbElection::decide`]
    /// with Equal Shares (a bounded number of runs), one more run of
    /// the method, and memory in proportion to supporters × rounds.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbElection;
    /// let e = PbElection::parse("META\nkey;value\nbudget;12\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;6\nc;3\n\
    ///     VOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,b\n4;c\n")?;
    /// let x = e.explain_equal_shares()?;
    /// assert_eq!(x.per_voter.to_string(), "3.0000000000");
    /// // a first: three voters pay 2 each (ρ = 2 / 6 per unit of cost).
    /// assert_eq!(x.rounds[0].id, "a");
    /// assert_eq!(x.rounds[0].price.to_string(), "0.3333333333");
    /// assert_eq!(x.rounds[0].payments[0].voters, [0, 1, 2]);
    /// assert_eq!(x.rounds[0].payments[0].paid.to_string(), "2.0000000000");
    /// assert_eq!(x.rounds[0].payments[0].left.to_string(), "1.0000000000");
    /// // then c, voter 4's 3 for its whole cost.
    /// assert_eq!(x.rounds[1].id, "c");
    /// assert_eq!(x.rounds[1].payments[0].left.to_string(), "0.0000000000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`PbElection::decide`] with Equal Shares; [`PbError::Overflow`]
    /// when a figure has more than 28 digits.
    pub fn explain_equal_shares(&self) -> Result<EqualSharesExplanation, PbError> {
        let (_, units, den0, mes, runs) = self.add1()?;
        // With no voters the run funds nothing and records no round.
        let mut rounds = Vec::new();
        let mut width = 0;
        mes.run_any(units, den0, &mut width, Some(&mut rounds), None, None)?;
        for r in &mut rounds {
            r.id = self
                .projects
                .get(r.project as usize)
                .map_or_else(String::new, |p| p.id.clone());
            r.name = self.project_name(r.project).map(str::to_owned);
        }
        let ten_s = 10_u128
            .checked_pow(mes.scale)
            .ok_or_else(|| overflow("scaling money"))?;
        let per_voter = Wide::<4>::from_u128(units)
            .ratio_to_decimal(
                &Wide::<4>::from_u128(
                    u128::from(den0)
                        .checked_mul(ten_s)
                        .ok_or_else(|| overflow("scaling money"))?,
                ),
                EXPLAIN_PLACES,
            )
            .ok_or_else(|| overflow("writing the per-voter budget"))?;
        Ok(EqualSharesExplanation {
            per_voter,
            rounds,
            runs: runs.made(),
            run_limit: runs.limit(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn election(budget: &str, projects: &[(&str, &str)], votes: &[&str]) -> PbElection {
        let mut t = format!(
            "META\nkey;value\nbudget;{budget}\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        );
        for (id, c) in projects {
            t.push_str(&format!("{id};{c}\n"));
        }
        t.push_str("VOTES\nvoter_id;vote\n");
        for (i, v) in votes.iter().enumerate() {
            t.push_str(&format!("{i};{v}\n"));
        }
        PbElection::parse(&t).unwrap()
    }

    /// A Poznań-style file: a (6) and b (5) for a budget of 10, by score a,
    /// b, c; `selected` as given.
    fn poznan(unit: &str, b_cost: &str, selected: [&str; 3]) -> PbElection {
        let [sa, sb, sc] = selected;
        PbElection::parse(&format!(
            "META\nkey;value\nbudget;10\nvote_type;approval\nunit;{unit}\nrule;greedy-custom\n\
             PROJECTS\nproject_id;cost;selected\na;6;{sa}\nb;{b_cost};{sb}\nc;1;{sc}\n\
             VOTES\nvoter_id;vote\n1;a,b,c\n2;a,b\n3;a\n"
        ))
        .unwrap()
    }

    /// Poznań's rule, step by step: a is funded (4 left); b (5) does not
    /// fit, but 4 covers 80 % of it, so it is funded from the reserve and
    /// the rule ends. Elsewhere `greedy-custom` skips b and funds c.
    #[test]
    fn poznans_reserve_funds_the_first_project_that_does_not_fit() {
        let why = |e: &PbElection| -> Vec<GreedyDecision> {
            let steps = e.explain_greedy(PbRule::GreedyCustom).unwrap();
            steps.iter().map(|s| s.decision).collect()
        };
        use GreedyDecision::{AfterStop, DoesNotFit, FromReserve, Funded};
        let e = poznan("Poznań", "5", ["1", "2", "0"]);
        assert_eq!(why(&e), [Funded, FromReserve, AfterStop]);
        let o = e.decide(PbRule::GreedyCustom).unwrap();
        assert_eq!((o.funded.clone(), o.reserve.clone()), (vec![0], vec![1]));
        assert!(e.compare_with_official(&o).unwrap().is_match());
        let elsewhere = poznan("Łódź", "5", ["1", "0", "1"]);
        assert_eq!(why(&elsewhere), [Funded, DoesNotFit, Funded]);
        let o = elsewhere.decide(PbRule::GreedyCustom).unwrap();
        assert_eq!((o.funded.clone(), o.reserve.len()), (vec![0, 2], 0));
        assert!(elsewhere.compare_with_official(&o).unwrap().is_match());
        // b at 6: 4 left is under 80 % of it, so no reserve. The file still
        // marks b as reserve-funded (2): that is a difference.
        let e = poznan("Poznań", "6", ["1", "2", "0"]);
        let o = e.decide(PbRule::GreedyCustom).unwrap();
        assert!(o.reserve.is_empty());
        let diff = e.compare_with_official(&o).unwrap();
        assert_eq!(
            (diff.only_computed.len(), diff.only_official.clone()),
            (0, vec!["b".to_owned()])
        );
    }

    /// A project scoring exactly `min_project_score_threshold` is eligible;
    /// one below it is not.
    #[test]
    fn the_minimum_score_is_itself_enough() {
        let e = PbElection::parse(
            "META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy-threshold\n\
             min_project_score_threshold;2\nPROJECTS\nproject_id;cost\na;1\nb;1\nc;1\n\
             VOTES\nvoter_id;vote\n1;a,b,c\n2;a,b\n3;a\n",
        )
        .unwrap();
        let steps = e.explain_greedy(PbRule::GreedyThreshold).unwrap();
        let why: Vec<GreedyDecision> = steps.iter().map(|s| s.decision).collect();
        use GreedyDecision::{BelowThreshold, Funded};
        assert_eq!(why, [Funded, Funded, BelowThreshold]);
        assert_eq!(e.decide(PbRule::GreedyThreshold).unwrap().funded, [0, 1]);
    }

    /// The comparison step by hand: x (10) against y and z (3 each) for a
    /// budget of 10. Equal Shares funds y (and z); greedy by approvals
    /// funds x. Greedy is taken only when strictly more voters prefer it.
    #[test]
    fn greedy_replaces_equal_shares_only_when_strictly_more_prefer_it() {
        let e = |votes: &[&str]| election("10", &[("x", "10"), ("y", "3"), ("z", "3")], votes);
        // (ballots, then the funded projects of Equal Shares, of greedy,
        // and after the comparison)
        type Case<'a> = (&'a [&'a str], [&'a [u32]; 3]);
        let table: [Case; 2] = [
            // 4 prefer x (greedy), 2 prefer y and z: greedy.
            (&["x", "x", "x", "x", "y,z", "y,z"], [&[1], &[0], &[0]]),
            // 3 prefer x, 3 prefer y or z: a tie keeps Equal Shares.
            (&["x", "x", "x", "y", "y,z", "z"], [&[1, 2], &[0], &[1, 2]]),
        ];
        for (votes, [mes, greedy, compared]) in table {
            let el = e(votes);
            let funded = |r| el.decide(r).unwrap().funded;
            assert_eq!(funded(PbRule::EqualSharesAdd1), mes, "{votes:?}");
            assert_eq!(funded(PbRule::Greedy), greedy, "{votes:?}");
            assert_eq!(
                funded(PbRule::EqualSharesAdd1Comparison),
                compared,
                "{votes:?}"
            );
        }
    }

    /// An election nobody voted in: Equal Shares funds nothing, and its
    /// explanation has no rounds.
    #[test]
    fn equal_shares_without_votes_explains_no_rounds() {
        let e = election("10", &[("x", "10")], &[]);
        assert!(e.decide(PbRule::EqualSharesAdd1).unwrap().funded.is_empty());
        assert!(e.explain_equal_shares().unwrap().rounds.is_empty());
    }

    /// What each greedy decision reads as, in both languages.
    #[test]
    fn greedy_decisions_are_labelled_in_both_languages() {
        use crate::common::Labelled;
        let table = [
            (GreedyDecision::Funded, "入选", "funded"),
            (
                GreedyDecision::DoesNotFit,
                "剩余预算不足，跳过",
                "does not fit: skipped",
            ),
            (
                GreedyDecision::Stops,
                "剩余预算不足，规则至此结束",
                "does not fit: the rule ends",
            ),
            (
                GreedyDecision::AfterStop,
                "规则已结束",
                "not reached: the rule had ended",
            ),
            (
                GreedyDecision::BelowThreshold,
                "未达最低得票",
                "below the minimum score",
            ),
            (
                GreedyDecision::Excluded { by: 3 },
                "与已入选项目互斥",
                "excluded by a funded project",
            ),
            (
                GreedyDecision::FromReserve,
                "以预备资金入选",
                "funded from a reserve",
            ),
        ];
        for (decision, zh, en) in table {
            assert_eq!((decision.label_zh(), decision.label_en()), (zh, en));
        }
    }

    /// Two selections match only when neither has a project the other
    /// lacks.
    #[test]
    fn a_difference_on_either_side_is_no_match() {
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let diff = |computed: &[&str], official: &[&str]| PbDiff {
            only_computed: ids(computed),
            only_official: ids(official),
        };
        assert!(diff(&[], &[]).is_match());
        assert!(!diff(&["3"], &[]).is_match());
        assert!(!diff(&[], &["4"]).is_match());
        assert!(!diff(&["3"], &["4"]).is_match());
    }

    /// Exclusive groups by hand: d leads; a, b and c tie after it; a is
    /// funded and rules out b (group 0); c is ruled out by d through group
    /// 1, which names d twice and a project beyond the election (9).
    #[test]
    fn an_exclusive_group_rules_out_the_rest_once_one_is_funded() {
        let e = election(
            "20",
            &[("a", "3"), ("b", "3"), ("c", "3"), ("d", "1")],
            &["a,b,c,d", "a,b,c,d", "d"],
        );
        // d leads (3 votes), then a, b, c tie (2 each, same cost: by index).
        let groups = vec![vec![0, 1], vec![9, 3, 2, 3]];
        // Funded in walk order: d, then a.
        assert_eq!(e.decide_exclusive(&groups).unwrap().funded, vec![3, 0]);
        let steps = e.greedy_walk(Walk::Skip, &groups).unwrap();
        let why: Vec<(u32, GreedyDecision)> = steps.iter().map(|s| (s.index, s.decision)).collect();
        assert_eq!(
            why,
            [
                (3, GreedyDecision::Funded),
                (0, GreedyDecision::Funded),
                (1, GreedyDecision::Excluded { by: 0 }),
                (2, GreedyDecision::Excluded { by: 3 }),
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config(128))]

        /// Exclusive greedy against the rule written plainly: projects in
        /// the greedy order; one named with a funded project in any group
        /// is ruled out by the first such, group by group, member by
        /// member; else funded if it fits.
        #[test]
        fn exclusive_groups_follow_the_plain_rule(
            costs in proptest::collection::vec(1_u32..10, 1..8),
            budget in 1_u32..40,
            votes in proptest::collection::vec(proptest::collection::vec(proptest::bool::ANY, 8), 1..6),
            groups in proptest::collection::vec(proptest::collection::vec(0_u32..10, 0..5), 0..5),
        ) {
            let ids: Vec<String> = (0..costs.len()).map(|i| format!("p{i}")).collect();
            let projects: Vec<(String, String)> = ids.iter().zip(&costs).map(|(i, c)| (i.clone(), c.to_string())).collect();
            let projects: Vec<(&str, &str)> = projects.iter().map(|(i, c)| (i.as_str(), c.as_str())).collect();
            let ballots: Vec<String> = votes
                .iter()
                .map(|v| ids.iter().zip(v).filter(|(_, on)| **on).map(|(i, _)| i.as_str()).collect::<Vec<_>>().join(","))
                .filter(|b| !b.is_empty())
                .collect();
            proptest::prop_assume!(!ballots.is_empty());
            let ballots: Vec<&str> = ballots.iter().map(String::as_str).collect();
            let e = election(&budget.to_string(), &projects, &ballots);
            let order: Vec<u32> = e.greedy_walk(Walk::Skip, &[]).unwrap().iter().map(|s| s.index).collect();
            let mut funded: Vec<u32> = Vec::new();
            let mut left = budget;
            let mut why = Vec::new();
            for i in order {
                let by = groups
                    .iter()
                    .filter(|g| g.contains(&i))
                    .flat_map(|g| g.iter().copied())
                    .find(|o| *o != i && funded.contains(o));
                let cost = costs[i as usize];
                let decision = match by {
                    Some(by) => GreedyDecision::Excluded { by },
                    None if cost <= left => {
                        left -= cost;
                        funded.push(i);
                        GreedyDecision::Funded
                    }
                    None => GreedyDecision::DoesNotFit,
                };
                why.push((i, decision));
            }
            let steps = e.greedy_walk(Walk::Skip, &groups).unwrap();
            let got: Vec<(u32, GreedyDecision)> = steps.iter().map(|s| (s.index, s.decision)).collect();
            proptest::prop_assert_eq!(got, why);
            proptest::prop_assert_eq!(e.decide_exclusive(&groups).unwrap().funded, funded);
        }
    }

    #[test]
    fn greedy_ties_go_to_the_cheaper_then_the_earlier_project() {
        let e = election("10", &[("a", "6"), ("b", "5"), ("c", "5")], &["a,b,c"]);
        // All tie on one vote: b (cheaper, earlier than c), then c; a no longer fits.
        assert_eq!(e.decide(PbRule::Greedy).unwrap().funded, vec![1, 2]);
    }

    #[test]
    fn greedy_skips_but_no_skip_stops() {
        let e = election(
            "10",
            &[("a", "8"), ("b", "5"), ("c", "2")],
            &["a,b,c", "a,b", "a"],
        );
        assert_eq!(e.decide(PbRule::Greedy).unwrap().funded, vec![0, 2]);
        assert_eq!(e.decide(PbRule::GreedyNoSkip).unwrap().funded, vec![0]);
    }

    #[test]
    fn equal_shares_funds_a_minority_its_share() {
        // 3 voters want a and b (cost 6 each), 1 voter wants c (cost 3); budget 12.
        // Per voter 3: the three fund a at 2 each and keep 1 each, too little
        // for b; c's voter pays 3 for c alone. Greedy funds a and b only.
        let e = election(
            "12",
            &[("a", "6"), ("b", "6"), ("c", "3")],
            &["a,b", "a,b", "a,b", "c"],
        );
        let mes = e.decide(PbRule::EqualSharesAdd1).unwrap();
        assert_eq!(mes.funded, vec![0, 2]);
        assert_eq!(mes.total_cost, Decimal::new(9, 0));
        let greedy = e.decide(PbRule::Greedy).unwrap();
        assert_eq!(greedy.selected(), vec![0, 1]);
    }

    #[test]
    fn equal_shares_prefers_the_lower_price_per_utility() {
        // Budget 4 for 4 voters (1 each). a (cost 2) has 2 supporters: ρ = (2/2)/2 = 1/2;
        // b (cost 3) has 3 supporters: ρ = (3/3)/3 = 1/3, so b goes first and empties
        // voter 0, leaving a unaffordable. The outcome is exhaustive (a would exceed 4).
        let e = election("4", &[("a", "2"), ("b", "3")], &["a,b", "a", "b", "b"]);
        let out = e.decide(PbRule::EqualSharesAdd1).unwrap();
        assert_eq!(out.funded, vec![1]);
        assert_eq!(out.total_cost, Decimal::new(3, 0));
    }

    #[test]
    fn equal_shares_breaks_a_tie_of_prices_to_the_cheaper_project() {
        // 2 per voter. a (cost 4): voters 0 and 1 pay 2 each, ρ = 2/4;
        // b (cost 2): voters 2 and 3 pay 1 each, ρ = 1/2 too → b first, then a.
        let e = election("8", &[("a", "4"), ("b", "2")], &["a", "a", "b", "b"]);
        assert_eq!(
            e.decide(PbRule::EqualSharesAdd1).unwrap().funded,
            vec![1, 0]
        );
        // Same prices and costs: the earlier project first.
        let e = election("8", &[("a", "2"), ("b", "2")], &["b", "b", "a", "a"]);
        assert_eq!(
            e.decide(PbRule::EqualSharesAdd1).unwrap().funded,
            vec![0, 1]
        );
    }

    #[test]
    fn equal_shares_charges_a_poor_supporter_everything_it_has() {
        // 3 per voter. x (cost 6, voters 0-2, ρ = 2/6) comes first; then voter 0
        // holds 1 and voter 3 still 3. y (cost 3, voters 0 and 3): an equal share
        // would be 1.5, more than voter 0 holds, so voter 0 pays 1 and voter 3
        // pays 2, keeping 1 — too little for z (1.25), which an equal split
        // (keeping 1.5) would have funded.
        let e = election(
            "12",
            &[("x", "6"), ("y", "3"), ("z", "1.25")],
            &["x,y", "x", "x", "y,z"],
        );
        let mes = Mes::new(&e).unwrap();
        assert_eq!(mes.scale, 2);
        assert_eq!(
            mes.run::<8>(mes.budget, mes.voters, u32::MAX, None, None, None)
                .unwrap(),
            vec![0, 1]
        );
        // With 4 per voter, y is split equally (1.5 each) and z fits; add1 gets there.
        assert_eq!(
            e.decide(PbRule::EqualSharesAdd1).unwrap().funded,
            vec![0, 1, 2]
        );
    }

    #[test]
    fn equal_shares_refuses_ordinal_ballots() {
        let e = PbElection::parse("META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n").unwrap();
        assert_eq!(
            e.decide(PbRule::EqualSharesAdd1),
            Err(PbError::UnsupportedVoteType {
                rule: "equalshares/add1",
                vote_type: "ordinal"
            })
        );
    }

    #[test]
    fn no_voters_funds_nothing() {
        let e = election("10", &[("a", "1")], &[]);
        assert!(e.decide(PbRule::EqualSharesAdd1).unwrap().funded.is_empty());
        // Greedy funds by score even with no votes (all scores are 0).
        assert_eq!(e.decide(PbRule::Greedy).unwrap().funded, vec![0]);
    }

    #[test]
    fn zero_cost_projects_with_support_are_funded_and_unsupported_do_not_loop() {
        // z costs nothing; u has no supporter and fits: add1 must still stop.
        let e = election("10", &[("z", "0"), ("a", "4"), ("u", "1")], &["z,a", "a"]);
        let out = e.decide(PbRule::EqualSharesAdd1).unwrap();
        assert_eq!(out.selected(), vec![0, 1]);
    }
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    use super::*;

    /// A name is written only when there is one, and rows written before
    /// names existed still load.
    #[test]
    fn rows_carry_a_name_only_when_the_file_has_one() {
        let e = PbElection::parse(
            "META\nkey;value\nbudget;10\nvote_type;approval\n\
             PROJECTS\nproject_id;cost;name\na;6;社区食堂\nb;3;\nVOTES\nvoter_id;vote\n1;a,b\n",
        )
        .unwrap();
        let steps = e.explain_greedy(PbRule::Greedy).unwrap();
        let json = serde_json::to_string(&steps).unwrap();
        assert!(json.contains(r#""name":"社区食堂""#), "{json}");
        assert_eq!(json.matches("\"name\"").count(), 1, "b has none: {json}");
        let old = r#"{"index":1,"id":"b","score":"1","cost":"3","left":"1","decision":"funded"}"#;
        let step: GreedyStep = serde_json::from_str(old).unwrap();
        assert_eq!((step.id.as_str(), step.name), ("b", None));
        assert_eq!(
            serde_json::from_str::<Vec<GreedyStep>>(&json).unwrap(),
            steps
        );
        let x = e.explain_equal_shares().unwrap();
        let back: EqualSharesExplanation =
            serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
        assert_eq!(back, x);
        let names: Vec<(&str, Option<&str>)> = x
            .rounds
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_deref()))
            .collect();
        // A tie of prices goes to the cheaper b.
        assert_eq!(names, [("b", None), ("a", Some("社区食堂"))]);
    }
}

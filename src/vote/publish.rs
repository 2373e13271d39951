//! Publishing a livelihood vote as a Pabulib `.pb` election.

use super::pabulib::{PbElection, PbProject, PbVote, Selected};
use super::{Ballot, BallotForm, Outcome, Session, Tally, Validity, VoteError};

impl Session {
    /// The vote as a Pabulib election, so a livelihood vote can be
    /// published in the format participatory-budgeting tools read.
    ///
    /// Cost: each ballot cast into a fresh tally
    /// ([`Tally::cast`](super::Tally::cast)) and its approvals looked up,
    /// then the election checked as
    /// [`PbElection::new`](super::pabulib::PbElection::new) checks it: linear
    /// in the ballots and their choices (O(p) more a ballot above 64
    /// candidates); memory: the election, about the size of its `.pb` text.
    ///
    /// - **META**: `description`, `num_projects`, `num_votes`, `budget` (the
    ///   rules' budget cap, or else the candidates' total investment),
    ///   `vote_type` (`approval` for for/against/abstain and choose-up-to
    ///   ballots, `ordinal` for ranked ones), then `extra_meta` in order
    ///   (e.g. `country`, `unit`, `instance`).
    /// - **PROJECTS**: `project_id` (the id's number), `cost` (the
    ///   investment in yuan), `name`, `category`, and `selected` when an
    ///   outcome is given (1 for its elected projects).
    /// - **VOTES**: one line per *valid* ballot, `voter_id` (the deputy id's
    ///   number) and the projects it supports, in ballot order
    ///   ([`Choice::approvals`](super::Choice::approvals)). Ballots are
    ///   checked exactly as [`Tally::cast`] checks them: an invalid ballot is
    ///   left out, and a ballot the tally would refuse is an error.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, ProjectId};
    /// use deputy_work::vote::pabulib::{PbElection, PbRule};
    /// use deputy_work::vote::{samples, Ballot, BallotForm, BallotsIssued, Choice, Electorate, Session};
    ///
    /// // Projects 1 (4800万元) and 2 (3600万元); choose one.
    /// let rules = samples::policy()?.with_changes(|r| r.form = BallotForm::ChooseUpTo)?;
    /// let session = Session::new(
    ///     rules,
    ///     samples::candidates(2)?,
    ///     Electorate::all_present((1..=3).map(DeputyId::new))?,
    ///     BallotsIssued(3),
    /// )?;
    /// let ballots: Vec<Ballot> = [1, 2, 1]
    ///     .iter()
    ///     .zip(1..)
    ///     .map(|(&p, d)| Ballot::new(DeputyId::new(d), Choice::Chosen(vec![ProjectId::new(p)])))
    ///     .collect();
    /// let pb = session.to_pabulib(&ballots, None, "县人大民生实事票决", &[("country", "China")])?;
    /// let text = pb.to_pb_string();
    /// assert!(text.contains("vote_type;approval"));
    /// let back = PbElection::parse(&text)?;
    /// assert_eq!(back.votes().len(), 3);
    /// // greedy by approvals within the total investment (8400万元) funds both.
    /// assert_eq!(back.decide(PbRule::Greedy)?.selected_ids(&back), ["1", "2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The [`VoteError`] a [`Tally`] gives for a ballot it refuses (a voter
    /// outside the electorate or absent, a second ballot), and
    /// [`VoteError::Publish`] with the [`PbError`](super::pabulib::PbError)
    /// when the election cannot be written as a `.pb` file.
    pub fn to_pabulib(
        &self,
        ballots: &[Ballot],
        outcome: Option<&Outcome>,
        description: &str,
        extra_meta: &[(&str, &str)],
    ) -> Result<PbElection, VoteError> {
        let candidates = self.candidates().projects();
        let mut tally = Tally::new(self, super::BoxNumber(0));
        let mut votes = Vec::with_capacity(ballots.len());
        for ballot in ballots {
            if tally.cast(self, ballot)? != Validity::Valid {
                continue;
            }
            let projects = ballot
                .choice
                .approvals()
                .into_iter()
                .filter_map(|id| self.candidates().position(id))
                .map(|i| u32::try_from(i).map_err(|_| VoteError::Overflow))
                .collect::<Result<Vec<u32>, VoteError>>()?;
            votes.push(PbVote::new(ballot.voter.get().to_string(), projects));
        }
        let budget = match self.rules().budget_cap {
            Some(cap) => cap,
            None => candidates
                .iter()
                .try_fold(rust_decimal::Decimal::ZERO, |a, p| {
                    a.checked_add(p.investment)
                })
                .ok_or(VoteError::Overflow)?,
        };
        let vote_type = match self.rules().form {
            BallotForm::Ranked => "ordinal",
            BallotForm::ForAgainstAbstain | BallotForm::ChooseUpTo => "approval",
        };
        let mut meta = vec![
            ("description".to_owned(), description.to_owned()),
            ("num_projects".to_owned(), candidates.len().to_string()),
            ("num_votes".to_owned(), votes.len().to_string()),
            ("budget".to_owned(), budget.normalize().to_string()),
            ("vote_type".to_owned(), vote_type.to_owned()),
        ];
        meta.extend(
            extra_meta
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        let mut columns: Vec<String> = ["project_id", "cost", "name", "category"]
            .map(str::to_owned)
            .into();
        if outcome.is_some() {
            columns.push("selected".to_owned());
        }
        let projects = candidates
            .iter()
            .map(|p| PbProject {
                id: p.id.get().to_string(),
                cost: p.investment,
                selected: outcome.map(|o| Selected::from(o.elected.iter().any(|e| e.id == p.id))),
                extra: vec![p.name.clone(), p.category.clone()],
            })
            .collect();
        Ok(PbElection::new(meta, columns, projects, Vec::new(), votes)?)
    }
}

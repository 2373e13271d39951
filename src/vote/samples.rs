//! A small sample vote, for examples, docs and tests.
//!
//! The figures are small enough to follow by hand:
//!
//! - [`project`]: twelve county livelihood projects (民生实事候选项目) with
//!   their names, investments and completion dates in 2025;
//! - [`policy`]: the election-style rules ([`Policy::election_style`]) for
//!   one place;
//! - [`session`]: those rules, the first two projects, 4 deputies (D1–D4)
//!   of whom D1–D3 are present, and 3 ballots issued; a project passes
//!   with 3 votes for (more than half of all 4);
//! - [`ballot`]: a named ballot marking one project;
//! - [`tally`]: ballot box 1 of that session with three ballots: D1 and D2
//!   for project 1, D3 for project 1 and against project 2.
//!
//! ```
//! use deputy_work::common::ProjectId;
//! use deputy_work::vote::{samples, Status};
//! let session = samples::session()?;
//! let outcome = session.decide(&samples::tally(&session)?)?;
//! assert_eq!(outcome.elected_ids(), [ProjectId::new(1)]);
//! assert_eq!(outcome.rows[0].name, "老旧小区改造提升");
//! assert_eq!(outcome.rows[1].status, Status::NotPassed);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{
    Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Policy, Project,
    Session, Tally, VoteError,
};
use crate::common::{DeputyId, ProjectId};

/// The sample projects: name, investment in 万元 (ten thousand yuan),
/// category, month of completion in 2025.
const PROJECTS: [(&str, i64, &str, u32); 12] = [
    ("老旧小区改造提升", 4_800, "城乡建设", 11),
    ("农村供水保障工程", 3_600, "水利", 10),
    ("中小学食堂提质", 1_200, "教育", 8),
    ("居家养老服务中心", 2_100, "养老", 12),
    ("社区卫生服务站标准化", 1_500, "卫生健康", 9),
    ("城乡公交一体化", 2_900, "交通", 12),
    ("背街小巷整治", 1_800, "城乡建设", 10),
    ("农贸市场改造", 1_350, "商贸", 9),
    ("婴幼儿托育服务中心", 980, "托育", 12),
    ("全民健身场地", 760, "体育", 11),
    ("污水管网延伸", 5_200, "生态环境", 12),
    ("智慧停车泊位", 1_100, "交通", 12),
];

/// How many sample projects [`project`] knows.
///
/// ```
/// use deputy_work::vote::samples;
/// assert_eq!(samples::candidates(samples::PROJECT_COUNT)?.len(), 12);
/// # Ok::<(), deputy_work::vote::VoteError>(())
/// ```
pub const PROJECT_COUNT: u32 = 12;

/// Sample project `n` (1 to [`PROJECT_COUNT`]): a county livelihood
/// project with its name, investment in yuan, category and completion date
/// (the 28th of a month of 2025).
///
/// ```
/// use deputy_work::vote::samples;
/// use rust_decimal::Decimal;
/// let p = samples::project(3)?;
/// assert_eq!((p.id.get(), p.name.as_str()), (3, "中小学食堂提质"));
/// assert_eq!(p.investment, Decimal::from(12_000_000));
/// assert!(samples::project(13).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`VoteError::ProjectIncomplete`] for an `n` outside 1 to
/// [`PROJECT_COUNT`] (there is no such sample).
pub fn project(n: u32) -> Result<Project, VoteError> {
    let id = ProjectId::new(n);
    let entry = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| PROJECTS.get(i));
    let (name, wan, category, month) = entry.copied().ok_or(VoteError::ProjectIncomplete {
        project: id,
        field: "name",
    })?;
    let completion =
        NaiveDate::from_ymd_opt(2025, month, 28).ok_or(VoteError::ProjectIncomplete {
            project: id,
            field: "completion",
        })?;
    let yuan = Decimal::from(wan)
        .checked_mul(Decimal::from(10_000))
        .ok_or(VoteError::Overflow)?;
    Project::builder(id, name)
        .investment(yuan)
        .category(category)
        .completion(completion)
        .build()
}

/// The candidate list of sample projects 1 to `n`, in that order.
///
/// ```
/// use deputy_work::vote::samples;
/// assert_eq!(samples::candidates(3)?.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`VoteError::NoCandidates`] for `n` = 0; as [`project`] for `n` above
/// [`PROJECT_COUNT`].
pub fn candidates(n: u32) -> Result<CandidateList, VoteError> {
    CandidateList::new((1..=n).map(project).collect::<Result<_, _>>()?)
}

/// The election-style rules for one place ([`Policy::election_style`]).
///
/// ```
/// use deputy_work::vote::samples;
/// assert_eq!(samples::policy()?.places, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// None in practice (the rules are valid; a test checks it).
pub fn policy() -> Result<Policy, VoteError> {
    Policy::election_style(1)
}

/// The sample session: [`policy`], projects 1 and 2, deputies D1–D4 with
/// D1–D3 present, 3 ballots issued.
///
/// ```
/// use deputy_work::vote::samples;
/// let session = samples::session()?;
/// assert_eq!((session.electorate().size(), session.electorate().present()), (4, 3));
/// assert_eq!((session.candidates().len(), session.issued()), (2, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// None in practice (the data is valid; a test checks it).
pub fn session() -> Result<Session, VoteError> {
    Session::new(
        policy()?,
        candidates(2)?,
        Electorate::new((1..=4).map(DeputyId::new), (1..=3).map(DeputyId::new))?,
        BallotsIssued(3),
    )
}

/// A named for/against/abstain ballot from deputy `deputy` marking project
/// `project` with `mark` (every other project left unmarked).
///
/// ```
/// use deputy_work::common::{DeputyId, ProjectId};
/// use deputy_work::vote::{samples, Mark};
/// let b = samples::ballot(2, 1, Mark::Against);
/// assert_eq!(b.voter, DeputyId::new(2));
/// assert!(b.choice.approvals().is_empty());
/// ```
#[must_use]
pub fn ballot(deputy: u32, project: u32, mark: Mark) -> Ballot {
    Ballot::new(
        DeputyId::new(deputy),
        Choice::Marks(vec![(ProjectId::new(project), mark)]),
    )
}

/// Ballot box 1 of `session` (the sample [`session`]) with three ballots:
/// D1 and D2 for project 1; D3 for project 1 and against project 2.
///
/// ```
/// use deputy_work::common::ProjectId;
/// use deputy_work::vote::samples;
/// let session = samples::session()?;
/// let tally = samples::tally(&session)?;
/// assert_eq!((tally.returned(), tally.valid()), (3, 3));
/// let p2 = tally.project(ProjectId::new(2)).ok_or("p2")?;
/// assert_eq!((p2.votes_for, p2.against, p2.abstain), (0, 1, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// The errors of [`Tally::cast`] when `session` is not one the ballots fit
/// (none for the sample session).
pub fn tally(session: &Session) -> Result<Tally, VoteError> {
    let mut tally = Tally::new(session, BoxNumber(1));
    tally.cast(session, &ballot(1, 1, Mark::For))?;
    tally.cast(session, &ballot(2, 1, Mark::For))?;
    let third = Ballot::new(
        DeputyId::new(3),
        Choice::Marks(vec![
            (ProjectId::new(1), Mark::For),
            (ProjectId::new(2), Mark::Against),
        ]),
    );
    tally.cast(session, &third)?;
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::Status;

    #[test]
    fn the_samples_are_valid_and_decide_as_documented() {
        for n in 1..=PROJECT_COUNT {
            let p = project(n).unwrap();
            assert_eq!(p.id, ProjectId::new(n));
            assert!(!p.name.is_empty() && !p.category.is_empty());
        }
        assert_eq!(
            project(0),
            Err(VoteError::ProjectIncomplete {
                project: ProjectId::new(0),
                field: "name"
            })
        );
        assert_eq!(candidates(0), Err(VoteError::NoCandidates));
        let s = session().unwrap();
        let o = s.decide(&tally(&s).unwrap()).unwrap();
        assert_eq!(o.required, 3);
        assert_eq!(o.elected_ids(), [ProjectId::new(1)]);
        assert_eq!(o.elected_investment, Decimal::from(48_000_000));
        assert_eq!(o.rows.get(1).map(|r| r.status), Some(Status::NotPassed));
    }
}

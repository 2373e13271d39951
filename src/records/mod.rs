//! The other records of deputy work: training, duty reports, contacts,
//! grids, mediation, petitions, group activities, stations, livelihood
//! projects and micro projects.
//!
//! # What is recorded
//!
//! Each kind of record is a plain type (see [`RecordKind`] for the full
//! list, with Chinese labels), carrying [`common`](crate::common) ids. Dated
//! records (sessions, contacts, cases, …) have a [`RecordId`](crate::common::RecordId)
//! unique within their kind and a date; standing facts that hold for the
//! year (grid assignments, liaison pairs, stations, districts, streets) have
//! no date. A full year's records are one [`Records`] value.
//!
//! # Rules
//!
//! - **Person-times and persons.** A deputy at three sessions is three
//!   person-times (人次) and one person (人). [`Counts`] keeps both, with
//!   [`Headcount`](crate::stats::Headcount). Members of the public are not
//!   identified, so their attendance is person-times only.
//! - **Validation** ([`Records::validate`]) refuses: a record id used twice
//!   within a kind, a deputy who is not on the [`Roster`], the same deputy
//!   twice in one record's list, a mediation case with no mediator, a
//!   petition closed before it was opened, a rating of a micro project that
//!   is not completed or two ratings by one deputy, a negative investment,
//!   a grid assignment or liaison pair (the kinds without ids) given twice,
//!   and, when the districts are given, a station or micro project in a
//!   district they do not list. Each error names the kind of record and its
//!   position in its list.
//! - **Counting** ([`Counts::count`]) counts the dated records that fall in
//!   the period and all standing facts; records outside the period are not
//!   counted but their number is kept ([`Counts::outside_period`]), so
//!   nothing disappears silently. Counting does not validate: call
//!   [`Records::validate`] first (the report always does).
//! - **Livelihood projects from a vote.** A decided vote
//!   [`Outcome`](crate::vote::Outcome) becomes records through
//!   [`LivelihoodProject::from_outcome`]: one per elected project (best
//!   first), its id and investment from the session's candidates, the level
//!   and date the caller gives (a vote session knows neither). An outcome
//!   with a tie awaiting its runoff is refused
//!   ([`RecordsError::VoteUndecided`]), as is an elected project missing
//!   from the session ([`RecordsError::UnknownProject`]).
//! - **Merging.** Counts of two record sets, merged with [`Counts::merge`],
//!   equal the counts of their union; so counting can be split by month,
//!   by district or across threads.
//!
//! # Data format
//!
//! With the `serde` feature every record (de)serializes; unknown fields are
//! refused; ids are plain numbers, dates ISO strings, money a decimal string
//! of yuan. A record set in TOML:
//!
//! ```toml
//! [[training]]
//! id = 1
//! date = "2025-04-10"
//! mode = "offline"
//! attendees = [1, 2, 3]
//!
//! [[mediation]]
//! id = 1
//! date = "2025-07-01"
//! mediators = [4]
//! outcome = "successful"
//!
//! [[livelihood]]
//! id = 1
//! date = "2025-01-15"
//! level = "county"
//! investment = "5000000"
//!
//! [[grids]]
//! deputy = 1
//! grid = 700
//! ```
//!
//! Every list may be left out (it is then empty).
//!
//! # Streaming and memory
//!
//! - **Counting streams.** A platform that reads its records row by row
//!   gives each, as an [`AnyRecord`] (one variant per kind), to a
//!   [`CountsBuilder`], then [`CountsBuilder::finish`]es: the same
//!   [`Counts`] as [`Counts::count`] over the whole set. What is held is
//!   in proportion to the persons and units counted (one entry per
//!   distinct person in each [`Headcount`](crate::stats::Headcount), a
//!   counter per kind, topic, outcome, level and stage) plus a buffer of
//!   at most 65,536 persons waiting to be counted, never to the records.
//!   [`Counts::count`] over a [`Records`] uses the same buffer.
//! - **Validation does not stream.** [`Records::validate`] refuses an id
//!   used twice within a kind, which needs every id seen, in proportion to
//!   the records; a database enforces that with a unique key instead, and
//!   checks the rest of a record's rules ([`Record::validate`]) row by row.
//! - **In parallel** (the `rayon` feature, off by default):
//!   `Counts::par_count` counts each kind's list in parts and merges
//!   them; the livelihood projects' investment is summed in order (decimal
//!   sums can round), so the result and error are those of
//!   [`Counts::count`], byte for byte.
//!
//! # Cost
//!
//! Entry points that take input from outside, with their bounds (r: the
//! records; N: the persons they name; P: distinct persons; n: deputies on
//! the roster). Each function's docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`Roster::new`], loading a [`Roster`] | O(n log n) | the roster |
//! | [`Records::validate`] | O(r log r + N log n) | one kind's ids |
//! | [`Record::validate`] | O(k log n) in the record's k deputies (sorted above 8) | O(k) |
//! | [`Counts::count`], [`CountsBuilder::add`], [`CountsBuilder::add_all`], [`CountsBuilder::finish`] | O(r + N log P) | the counts (P persons), a buffer of 65,536 persons |
//! | [`Counts::merge`] | linear in both counts' entries | the persons added |
//! | loading a [`Counts`] | linear in its entries | the counts |
//!
//! No bound depends on a number's size: counters and money are only
//! added.
//!
//! # Design
//!
//! Records are data, not behaviour: the rules live in [`Records::validate`]
//! and [`Counts`]. Counters saturate at `u64::MAX` (unreachable in practice)
//! and money adds with `checked_add`; a failed merge leaves the counts as
//! they were. Maps are `BTreeMap`s, so every output is in a fixed order.
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{Deputy, DeputyId, Level, Period, RecordId};
//! use deputy_work::records::{Counts, MediationCase, MediationOutcome, Records, Roster};
//!
//! let roster = Roster::new(&[
//!     Deputy::new(DeputyId::new(1), "甲", Level::City),
//!     Deputy::new(DeputyId::new(2), "乙", Level::County),
//! ])?;
//! let day = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
//! let mut records = Records::default();
//! for (n, outcome) in [MediationOutcome::Successful, MediationOutcome::Unsuccessful].into_iter().enumerate() {
//!     records.mediation.push(MediationCase {
//!         id: RecordId::new(n as u64),
//!         date: day,
//!         mediators: vec![DeputyId::new(1)],
//!         outcome,
//!     });
//! }
//! records.validate(&roster)?;
//! let counts = Counts::count(&records, Period::year(2025)?)?;
//! assert_eq!(counts.mediation_cases(), 2);
//! assert_eq!(counts.mediators.distinct_persons(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod kinds;
#[cfg(feature = "rayon")]
mod par;
mod record;
mod tally;
mod validate;

pub use kinds::{
    CommitteeActivity, CommitteeActivityKind, ContactChannel, District, DutyReport, GridAssignment,
    GroupActivity, GroupActivityKind, GroupOrganiser, LiaisonPair, LivelihoodProject,
    MediationCase, MediationOutcome, MeetingInvitation, MemberContact, MicroProject, MicroRating,
    MicroStage, OpinionTopic, OrganActivity, OrganContact, PetitionCase, PublicChannel,
    PublicContact, PublicOpinion, ReportBody, SharingSession, StateOrgan, Station, StationKind,
    Street, TrainingMode, TrainingSession,
};
pub use record::{Record, RecordVisitor};
pub use tally::{ActivityCounts, Counts, CountsBuilder, GroupCounts, Investment, Resolution};
pub use validate::Roster;
pub(crate) use validate::unique_ids;

use crate::common::{DeputyId, Labelled, labelled_enum};

/// Declares, from one list of the kinds of record, the [`Records`] struct
/// (one list per kind), its `len`, `append`, `visit` and `visit_tallied`,
/// and the [`RecordKind`] enum with its codes and labels (through
/// `common::labelled_enum!`; the kinds before and after the records' kinds
/// are the report input's other lists). Validation ([`Records::validate`])
/// and counting ([`Counts::count`]) are driven by these visits. Adding a
/// kind of record is one line here plus its struct, its [`Record`] impl
/// (`records/record.rs`) and its counting rules (`Tallied` in
/// `records/tally.rs`); the compiler asks for each.
macro_rules! record_kinds {
    (
        before { $( $(#[$bdoc:meta])* $bkind:ident = $bcode:literal, $bzh:literal, $ben:literal; )* }
        records { $( $(#[$doc:meta])* $field:ident: $ty:ident => $kind:ident = $code:literal, $zh:literal, $en:literal; )+ }
        after { $( $(#[$adoc:meta])* $akind:ident = $acode:literal, $azh:literal, $aen:literal; )* }
    ) => {
        /// Every record of one year (or any period), one list per kind.
        ///
        /// ```
        /// use deputy_work::records::Records;
        /// let r = Records::default();
        /// assert_eq!(r.len(), 0);
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
        pub struct Records {
            $( $(#[$doc])* pub $field: Vec<$ty>, )+
        }

        impl Records {
            /// The number of records of every kind together.
            ///
            /// ```
            /// use deputy_work::common::{DeputyId, UnitId};
            /// use deputy_work::records::{GridAssignment, Records};
            /// let mut r = Records::default();
            /// r.grids.push(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) });
            /// assert_eq!(r.len(), 1);
            /// ```
            #[must_use]
            pub fn len(&self) -> usize {
                let mut n = 0_usize;
                $(
                    let sum = n.checked_add(self.$field.len());
                    // The lists live in memory together, so their lengths add up within usize.
                    debug_assert!(sum.is_some(), "the records' lengths add up within usize");
                    n = sum.unwrap_or(usize::MAX);
                )+
                n
            }

            /// Appends every record of `other` (for building a set from parts).
            ///
            /// ```
            /// use deputy_work::common::{DeputyId, UnitId};
            /// use deputy_work::records::{GridAssignment, Records};
            /// let mut a = Records::default();
            /// let mut b = Records::default();
            /// b.grids.push(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) });
            /// a.append(b);
            /// assert_eq!(a.len(), 1);
            /// assert!(!a.is_empty());
            /// ```
            pub fn append(&mut self, mut other: Self) {
                $( self.$field.append(&mut other.$field); )+
            }

            /// Visits every list, kind by kind, in the order of the fields.
            ///
            /// ```
            /// use deputy_work::records::{Record, RecordVisitor, Records};
            /// struct Count(usize);
            /// impl RecordVisitor for Count {
            ///     fn visit<R: Record>(&mut self, records: &[R]) {
            ///         self.0 += 1;
            ///     }
            /// }
            /// let mut kinds = Count(0);
            /// Records::default().visit(&mut kinds);
            /// assert_eq!(kinds.0, 19);
            /// ```
            pub fn visit<V: RecordVisitor>(&self, visitor: &mut V) {
                $( visitor.visit(&self.$field); )+
            }

            /// Visits every list with its counting rules (for [`Counts::count`]).
            pub(crate) fn visit_tallied<V: tally::TallyVisitor>(&self, visitor: &mut V) {
                $( visitor.visit(&self.$field); )+
            }

            /// Adds one record to the list of its kind (for building a set
            /// from a stream of [`AnyRecord`]s).
            ///
            /// ```
            /// use deputy_work::common::{DeputyId, UnitId};
            /// use deputy_work::records::{AnyRecord, GridAssignment, Records};
            /// let mut r = Records::default();
            /// r.push(AnyRecord::from(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) }));
            /// assert_eq!(r.grids.len(), 1);
            /// ```
            pub fn push(&mut self, record: AnyRecord) {
                match record {
                    $( AnyRecord::$kind(r) => self.$field.push(r), )+
                }
            }
        }

        /// One record of any kind: what a platform streams, row by row,
        /// into a [`CountsBuilder`] (or [`Records::push`]). With serde it
        /// is tagged by the kind's code, e.g. `{"grid": {"deputy": 1,
        /// "grid": 9}}`.
        ///
        /// ```
        /// use deputy_work::common::{DeputyId, UnitId};
        /// use deputy_work::records::{AnyRecord, GridAssignment, RecordKind};
        /// let r = AnyRecord::from(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) });
        /// assert_eq!(r.kind(), RecordKind::Grid);
        /// # #[cfg(feature = "serde")] {
        /// let row: AnyRecord = serde_json::from_str(r#"{"grid": {"deputy": 1, "grid": 9}}"#)?;
        /// assert_eq!(row, r);
        /// # }
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum AnyRecord {
            $(
                #[doc = concat!("A [`", stringify!($ty), "`].")]
                #[cfg_attr(feature = "serde", serde(rename = $code))]
                $kind($ty),
            )+
        }

        impl AnyRecord {
            /// The kind of record.
            ///
            /// ```
            /// use deputy_work::common::{UnitId};
            /// use deputy_work::records::{AnyRecord, RecordKind, Street};
            /// assert_eq!(AnyRecord::from(Street { id: UnitId::new(1), council: true }).kind(), RecordKind::Street);
            /// ```
            #[must_use]
            pub const fn kind(&self) -> RecordKind {
                match self {
                    $( Self::$kind(_) => RecordKind::$kind, )+
                }
            }

            /// Counts the record with its counting rules.
            pub(crate) fn tally_into(&self, counter: &mut tally::Counter) -> Result<(), RecordsError> {
                match self {
                    $( Self::$kind(r) => counter.one(r), )+
                }
            }
        }

        $(
            impl From<$ty> for AnyRecord {
                fn from(r: $ty) -> Self {
                    Self::$kind(r)
                }
            }
        )+

        labelled_enum! {
            /// Every kind of record, for errors and labels.
            ///
            /// ```
            /// use deputy_work::common::Labelled;
            /// use deputy_work::records::RecordKind;
            /// assert_eq!(RecordKind::Mediation.label_zh(), "矛盾调解");
            /// assert_eq!(RecordKind::Mediation.code(), "mediation");
            /// ```
            #[non_exhaustive]
            pub enum RecordKind in records {
                $( $(#[$bdoc])* $bkind = $bcode, $bzh, $ben; )*
                $( #[doc = concat!("[`", stringify!($ty), "`].")] $kind = $code, $zh, $en; )+
                $( $(#[$adoc])* $akind = $acode, $azh, $aen; )*
            }
        }
    };
}

record_kinds! {
    before {
        /// The roster of deputies.
        Deputy = "deputy", "代表名册", "roster";
    }
    records {
        /// Training sessions (履职培训).
        training: TrainingSession => Training = "training", "履职培训", "training session";
        /// Experience-sharing sessions (履职经验分享会).
        sharing: SharingSession => Sharing = "sharing", "履职经验分享会", "sharing session";
        /// Duty reports (述职).
        duty_reports: DutyReport => DutyReport = "duty_report", "代表述职", "duty report";
        /// Standing-committee members assigned to deputies.
        liaison: LiaisonPair => Liaison = "liaison", "常委会组成人员联系代表", "liaison pair";
        /// Contacts of standing-committee members with deputies.
        member_contacts: MemberContact => MemberContact = "member_contact", "联系代表", "member contact";
        /// Deputies invited to attend standing-committee meetings.
        invitations: MeetingInvitation => Invitation = "invitation", "邀请列席", "meeting invitation";
        /// Research, inspections and inquiries deputies joined.
        committee_activities: CommitteeActivity => CommitteeActivity = "committee_activity", "调研、执法检查、专题询问", "committee activity";
        /// Deputies' contacts with the public.
        public_contacts: PublicContact => PublicContact = "public_contact", "联系群众", "public contact";
        /// Opinions collected from the public.
        opinions: PublicOpinion => Opinion = "opinion", "群众意见建议", "public opinion";
        /// State organs' contacts with deputies.
        organ_contacts: OrganContact => OrganContact = "organ_contact", "国家机关联系代表", "state-organ contact";
        /// Deputies placed in grids.
        grids: GridAssignment => Grid = "grid", "下沉网格", "grid assignment";
        /// Mediation cases.
        mediation: MediationCase => Mediation = "mediation", "矛盾调解", "mediation case";
        /// Petitions followed by deputies.
        petitions: PetitionCase => Petition = "petition", "信访代办", "petition case";
        /// Group activities.
        group_activities: GroupActivity => GroupActivity = "group_activity", "代表小组活动", "group activity";
        /// Deputy homes and liaison stations.
        stations: Station => Station = "station", "代表家站", "station";
        /// Districts.
        districts: District => District = "district", "旗区", "district";
        /// Streets.
        streets: Street => Street = "street", "街道", "street";
        /// Livelihood projects voted on.
        livelihood: LivelihoodProject => Livelihood = "livelihood", "民生实事项目", "livelihood project";
        /// Micro projects.
        micro_projects: MicroProject => MicroProject = "micro_project", "民生微实事", "micro project";
    }
    after {
        /// A suggestion record (in the report's input).
        Suggestion = "suggestion", "代表建议", "suggestion";
        /// A look-back item (in the report's input).
        LookBack = "look_back", "B类建议回头看", "look-back item";
        /// A handling unit's evaluation (in the report's input).
        UnitEvaluation = "unit_evaluation", "办理情况评议", "unit evaluation";
    }
}

impl Records {
    /// Whether there is no record at all.
    ///
    /// ```
    /// use deputy_work::records::Records;
    /// assert!(Records::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A record set that breaks a rule. Each variant names the kind of record
/// and its position (`index`, from 0) in its list.
///
/// ```
/// use deputy_work::common::{Deputy, DeputyId, Level};
/// use deputy_work::records::{RecordKind, RecordsError, Roster};
/// let d = Deputy::new(DeputyId::new(1), "甲", Level::City);
/// assert_eq!(
///     Roster::new(&[d.clone(), d]),
///     Err(RecordsError::DuplicateId { kind: RecordKind::Deputy, index: 1, id: 1 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordsError {
    /// Two records of one kind share an id.
    #[error("{} #{index}: id {id} is used twice", kind.label_en())]
    DuplicateId {
        /// The kind of record.
        kind: RecordKind,
        /// The position of the second use.
        index: usize,
        /// The id, as a number.
        id: u64,
    },
    /// A record of a kind without ids (a grid assignment, a liaison pair)
    /// given again: the same fact twice, which would count twice.
    #[error("{} #{index}: the same record as #{first}", kind.label_en())]
    RepeatedRecord {
        /// The kind of record.
        kind: RecordKind,
        /// The position of the repeat.
        index: usize,
        /// The position of its first use.
        first: usize,
    },
    /// A record lies in a district (旗区) that the records' districts do
    /// not list.
    #[error("{} #{index}: district {district} is not among the districts", kind.label_en())]
    UnknownDistrict {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// The district named.
        district: crate::common::UnitId,
    },
    /// A record names a deputy who is not on the roster.
    #[error("{} #{index}: deputy {deputy} is not on the roster", kind.label_en())]
    UnknownDeputy {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// The deputy named.
        deputy: DeputyId,
    },
    /// A record lists the same deputy twice.
    #[error("{} #{index}: deputy {deputy} is listed twice", kind.label_en())]
    DuplicateDeputy {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// The deputy listed twice.
        deputy: DeputyId,
    },
    /// A record that needs at least one deputy has none.
    #[error("{} #{index}: no deputy is named", kind.label_en())]
    NoDeputy {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
    },
    /// A case closed before it was opened.
    #[error("{} #{index}: closed on {closed}, before it was opened on {opened}", kind.label_en())]
    ClosedBeforeOpened {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// The day it was opened.
        opened: chrono::NaiveDate,
        /// The day it was closed.
        closed: chrono::NaiveDate,
    },
    /// A micro project is rated before it is completed.
    #[error("{} #{index}: rated while {}; only completed projects are rated", kind.label_en(), stage.label_en())]
    RatedBeforeCompletion {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// Its stage.
        stage: MicroStage,
    },
    /// An amount of money is negative.
    #[error("{} #{index}: negative amount {amount}", kind.label_en())]
    NegativeAmount {
        /// The kind of record.
        kind: RecordKind,
        /// The record's position.
        index: usize,
        /// The amount given.
        amount: rust_decimal::Decimal,
    },
    /// A sum of money leaves the range of `Decimal`.
    #[error("a sum of money is too large to represent")]
    Overflow,
    /// A vote outcome still has a tie at the last place: its projects are
    /// not decided until the runoff resolves it.
    #[error("the vote has a tie pending a runoff among projects {tied:?}; resolve it first")]
    VoteUndecided {
        /// The tied projects.
        tied: Vec<crate::common::ProjectId>,
    },
    /// A vote outcome elects a project that is not among the session's
    /// candidates (the outcome and the session do not belong together).
    #[error("elected project {project} is not among the session's candidates")]
    UnknownProject {
        /// The project.
        project: crate::common::ProjectId,
    },
    /// Stored [`Counts`] that no counting could have made (a part above
    /// its whole, two counts of the same records that differ), named by
    /// their place in the stored form.
    #[error("stored counts, {field}: {problem}")]
    CorruptCounts {
        /// The place in the stored form, e.g. `petitions_closed`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
}

/// A record's place in its list, in Chinese: "矛盾调解第3条" for index 2
/// (Chinese counts records from 1, the index from 0).
fn place_zh(kind: RecordKind, index: usize) -> String {
    let kind = kind.label_zh();
    match u128::try_from(index).ok().and_then(|i| i.checked_add(1)) {
        Some(n) => format!("{kind}第{n}条"),
        None => format!("{kind}#{index}"),
    }
}

/// Projects as "P1、P2".
fn projects_zh(projects: &[crate::common::ProjectId]) -> String {
    projects
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

impl RecordsError {
    /// The whole message in Chinese, with the same data as the English
    /// `Display` (the record's place is counted from 1: index 0 is 第1条).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::records::{RecordKind, RecordsError};
    /// let err = RecordsError::UnknownDeputy { kind: RecordKind::Mediation, index: 2, deputy: DeputyId::new(9) };
    /// assert_eq!(err.message_zh(), "矛盾调解第3条：代表D9不在代表名册中");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::DuplicateId { kind, index, id } => {
                format!("{}：编号{id}重复使用", place_zh(*kind, *index))
            }
            Self::RepeatedRecord { kind, index, first } => {
                format!(
                    "{}：与{}重复",
                    place_zh(*kind, *index),
                    place_zh(*kind, *first)
                )
            }
            Self::UnknownDistrict {
                kind,
                index,
                district,
            } => format!("{}：旗区{district}不在旗区名单中", place_zh(*kind, *index)),
            Self::UnknownDeputy {
                kind,
                index,
                deputy,
            } => format!("{}：代表{deputy}不在代表名册中", place_zh(*kind, *index)),
            Self::DuplicateDeputy {
                kind,
                index,
                deputy,
            } => format!("{}：代表{deputy}重复列入", place_zh(*kind, *index)),
            Self::NoDeputy { kind, index } => {
                format!("{}：未列明代表", place_zh(*kind, *index))
            }
            Self::ClosedBeforeOpened {
                kind,
                index,
                opened,
                closed,
            } => format!(
                "{}：办结日期{closed}早于受理日期{opened}",
                place_zh(*kind, *index)
            ),
            Self::RatedBeforeCompletion { kind, index, stage } => format!(
                "{}：项目处于“{}”阶段即已评价，只有已完成的项目方可评价",
                place_zh(*kind, *index),
                stage.label_zh()
            ),
            Self::NegativeAmount {
                kind,
                index,
                amount,
            } => format!("{}：金额{amount}为负数", place_zh(*kind, *index)),
            Self::Overflow => "金额合计过大，超出可表示的范围".to_owned(),
            Self::VoteUndecided { tied } => format!(
                "票决结果中项目{}票数相同、尚待再次投票，请先完成再次投票",
                projects_zh(tied)
            ),
            Self::UnknownProject { project } => {
                format!("当选项目{project}不在本次票决的候选项目中")
            }
            Self::CorruptCounts { field, problem } => format!(
                "存储的计数不一致，{field}：{}",
                crate::stats::counts_problem_zh(problem)
            ),
        }
    }
}

impl Labelled for RecordsError {
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::RecordsError;
    /// assert_eq!(RecordsError::Overflow.label_zh(), "金额溢出");
    /// assert_eq!(RecordsError::Overflow.label_en(), "amount overflow");
    /// ```
    fn label_zh(&self) -> &str {
        match self {
            Self::DuplicateId { .. } => "编号重复",
            Self::RepeatedRecord { .. } => "记录重复",
            Self::UnknownDistrict { .. } => "旗区不在名单",
            Self::UnknownDeputy { .. } => "代表不在名册",
            Self::DuplicateDeputy { .. } => "代表重复列入",
            Self::NoDeputy { .. } => "未列明代表",
            Self::ClosedBeforeOpened { .. } => "办结早于受理",
            Self::RatedBeforeCompletion { .. } => "未完成即评价",
            Self::NegativeAmount { .. } => "金额为负",
            Self::Overflow => "金额溢出",
            Self::VoteUndecided { .. } => "票决结果未定",
            Self::UnknownProject { .. } => "项目不在候选之列",
            Self::CorruptCounts { .. } => "计数数据不一致",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::DuplicateId { .. } => "duplicate id",
            Self::RepeatedRecord { .. } => "repeated record",
            Self::UnknownDistrict { .. } => "unknown district",
            Self::UnknownDeputy { .. } => "unknown deputy",
            Self::DuplicateDeputy { .. } => "deputy listed twice",
            Self::NoDeputy { .. } => "no deputy",
            Self::ClosedBeforeOpened { .. } => "closed before opened",
            Self::RatedBeforeCompletion { .. } => "rated before completion",
            Self::NegativeAmount { .. } => "negative amount",
            Self::Overflow => "amount overflow",
            Self::VoteUndecided { .. } => "vote undecided",
            Self::UnknownProject { .. } => "unknown project",
            Self::CorruptCounts { .. } => "corrupt counts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::ProjectId;
    use chrono::NaiveDate;

    #[test]
    fn every_error_has_chinese_with_its_data() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let k = RecordKind::Petition;
        let cases: Vec<(RecordsError, Vec<&str>)> = vec![
            (
                RecordsError::DuplicateId {
                    kind: k,
                    index: 0,
                    id: 42,
                },
                vec!["信访代办第1条", "42"],
            ),
            (
                RecordsError::RepeatedRecord {
                    kind: RecordKind::Grid,
                    index: 3,
                    first: 0,
                },
                vec!["第4条", "第1条", "重复"],
            ),
            (
                RecordsError::UnknownDistrict {
                    kind: RecordKind::Station,
                    index: 1,
                    district: crate::common::UnitId::new(17),
                },
                vec!["第2条", "17", "旗区"],
            ),
            (
                RecordsError::UnknownDeputy {
                    kind: k,
                    index: 4,
                    deputy: DeputyId::new(7),
                },
                vec!["信访代办第5条", "D7"],
            ),
            (
                RecordsError::DuplicateDeputy {
                    kind: k,
                    index: 1,
                    deputy: DeputyId::new(8),
                },
                vec!["信访代办第2条", "D8"],
            ),
            (
                RecordsError::NoDeputy {
                    kind: RecordKind::Mediation,
                    index: 9,
                },
                vec!["矛盾调解第10条"],
            ),
            (
                RecordsError::ClosedBeforeOpened {
                    kind: k,
                    index: 2,
                    opened: d(3, 2),
                    closed: d(3, 1),
                },
                vec!["信访代办第3条", "2025-03-02", "2025-03-01"],
            ),
            (
                RecordsError::RatedBeforeCompletion {
                    kind: RecordKind::MicroProject,
                    index: 0,
                    stage: MicroStage::ALL[0],
                },
                vec!["民生微实事第1条", MicroStage::ALL[0].label_zh()],
            ),
            (
                RecordsError::NegativeAmount {
                    kind: RecordKind::Livelihood,
                    index: 3,
                    amount: rust_decimal::Decimal::from(-5),
                },
                vec!["民生实事项目第4条", "-5"],
            ),
            (RecordsError::Overflow, vec!["金额"]),
            (
                RecordsError::VoteUndecided {
                    tied: vec![ProjectId::new(1), ProjectId::new(2)],
                },
                vec!["P1、P2"],
            ),
            (
                RecordsError::UnknownProject {
                    project: ProjectId::new(5),
                },
                vec!["P5"],
            ),
            (
                RecordsError::CorruptCounts {
                    field: "petitions_closed".into(),
                    problem: "a part exceeds its whole",
                },
                vec!["petitions_closed", "部分数大于总数"],
            ),
        ];
        for (err, data) in cases {
            let zh = err.message_zh();
            assert!(!err.label_zh().is_empty() && !err.label_en().is_empty());
            for item in data {
                assert!(zh.contains(item), "{zh} lacks {item}");
            }
        }
        // The largest index counts from 1 without overflowing.
        let huge = RecordsError::NoDeputy {
            kind: k,
            index: usize::MAX,
        };
        let n = u128::try_from(usize::MAX).unwrap() + 1;
        assert!(huge.message_zh().contains(&format!("第{n}条")));
    }
}

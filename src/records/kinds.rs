//! The record types and their labelled enums.

use crate::common::{
    DeputyId, Labelled, Level, PersonId, ProjectId, RecordId, UnitId, labelled_enum,
};
use crate::stats::Verdict;
use chrono::NaiveDate;
use rust_decimal::Decimal;

labelled_enum! {
    /// How a training session is held.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::TrainingMode;
    /// assert_eq!(TrainingMode::Online.label_zh(), "线上培训");
    /// ```
    pub enum TrainingMode in records {
        /// A class held in person (线下履职培训班).
        Offline = "offline", "线下培训", "offline";
        /// An online session, e.g. the 代表云课堂 on the 数智人大 platform.
        Online = "online", "线上培训", "online";
    }
}

/// A training session (履职培训) and who attended it.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{TrainingMode, TrainingSession};
/// let s = TrainingSession {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
///     mode: TrainingMode::Offline,
///     attendees: vec![DeputyId::new(1), DeputyId::new(2)],
/// };
/// assert_eq!(s.attendees.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrainingSession {
    /// The record's id, unique among training sessions.
    pub id: RecordId,
    /// The day the session was held (or began).
    pub date: NaiveDate,
    /// Offline or online.
    pub mode: TrainingMode,
    /// The deputies who attended, each once.
    pub attendees: Vec<DeputyId>,
}

/// An experience-sharing session (履职经验分享会) and its participants.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::SharingSession;
/// let s = SharingSession {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
///     participants: vec![DeputyId::new(3)],
/// };
/// assert_eq!(s.participants, [DeputyId::new(3)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SharingSession {
    /// The record's id, unique among sharing sessions.
    pub id: RecordId,
    /// The day of the session.
    pub date: NaiveDate,
    /// The deputies who took part, each once.
    pub participants: Vec<DeputyId>,
}

/// The body a deputy reports to (述职).
///
/// ```
/// use deputy_work::common::{Labelled, UnitId};
/// use deputy_work::records::ReportBody;
/// assert_eq!(ReportBody::ElectoralUnit(UnitId::new(4)).label_zh(), "原选举单位");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReportBody {
    /// The standing committee of the congress that keeps the report
    /// (e.g. regional deputies reporting to the city standing committee).
    StandingCommittee,
    /// The deputy's electoral unit (原选举单位).
    ElectoralUnit(UnitId),
}

impl Labelled for ReportBody {
    fn label_zh(&self) -> &str {
        match self {
            Self::StandingCommittee => "人大常委会",
            Self::ElectoralUnit(_) => "原选举单位",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::StandingCommittee => "standing committee",
            Self::ElectoralUnit(_) => "electoral unit",
        }
    }
}

/// A deputy's duty report (代表述职).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{DutyReport, ReportBody};
/// let r = DutyReport {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
///     deputy: DeputyId::new(8),
///     body: ReportBody::StandingCommittee,
/// };
/// assert_eq!(r.body, ReportBody::StandingCommittee);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DutyReport {
    /// The record's id, unique among duty reports.
    pub id: RecordId,
    /// The day of the report.
    pub date: NaiveDate,
    /// Who reported.
    pub deputy: DeputyId,
    /// To whom.
    pub body: ReportBody,
}

/// A standing-committee member (常委会组成人员) assigned to keep in touch
/// with a deputy (常委会组成人员联系代表). Holds for the whole year.
///
/// ```
/// use deputy_work::common::{DeputyId, PersonId};
/// use deputy_work::records::LiaisonPair;
/// let p = LiaisonPair { member: PersonId::new(1), deputy: DeputyId::new(9) };
/// assert_eq!(p.deputy.get(), 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LiaisonPair {
    /// The standing-committee member.
    pub member: PersonId,
    /// The deputy the member keeps in touch with.
    pub deputy: DeputyId,
}

labelled_enum! {
    /// How a standing-committee member contacted a deputy.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::ContactChannel;
    /// assert_eq!(ContactChannel::Visit.label_zh(), "实地走访");
    /// ```
    #[non_exhaustive]
    pub enum ContactChannel in records {
        /// A visit in person.
        Visit = "visit", "实地走访", "visit";
        /// Together at a meeting.
        Meeting = "meeting", "会议", "meeting";
        /// Together on a research trip.
        Research = "research", "参与调研", "research";
        /// Online.
        Online = "online", "线上互动", "online";
    }
}

/// One contact of a standing-committee member with a deputy.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, PersonId, RecordId};
/// use deputy_work::records::{ContactChannel, MemberContact};
/// let c = MemberContact {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
///     member: PersonId::new(2),
///     deputy: DeputyId::new(5),
///     channel: ContactChannel::Online,
/// };
/// assert_eq!(c.member, PersonId::new(2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MemberContact {
    /// The record's id, unique among member contacts.
    pub id: RecordId,
    /// The day of the contact.
    pub date: NaiveDate,
    /// The standing-committee member.
    pub member: PersonId,
    /// The deputy contacted.
    pub deputy: DeputyId,
    /// How.
    pub channel: ContactChannel,
}

/// A deputy invited to attend (列席) a standing-committee meeting.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::MeetingInvitation;
/// let i = MeetingInvitation {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 8, 28).unwrap(),
///     deputy: DeputyId::new(5),
/// };
/// assert_eq!(i.deputy, DeputyId::new(5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MeetingInvitation {
    /// The record's id, unique among invitations.
    pub id: RecordId,
    /// The day of the meeting.
    pub date: NaiveDate,
    /// The deputy invited.
    pub deputy: DeputyId,
}

labelled_enum! {
    /// A standing-committee activity that deputies are invited to join.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::CommitteeActivityKind;
    /// assert_eq!(CommitteeActivityKind::LawInspection.label_zh(), "执法检查");
    /// ```
    #[non_exhaustive]
    pub enum CommitteeActivityKind in records {
        /// 专题调研.
        Research = "research", "专题调研", "research";
        /// 执法检查: a check on how a law is enforced.
        LawInspection = "law_inspection", "执法检查", "law-enforcement inspection";
        /// 专题询问: a special inquiry.
        Inquiry = "inquiry", "专题询问", "special inquiry";
    }
}

/// Deputies joining a standing-committee activity.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{CommitteeActivity, CommitteeActivityKind};
/// let a = CommitteeActivity {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 5, 12).unwrap(),
///     kind: CommitteeActivityKind::Research,
///     deputies: vec![DeputyId::new(1)],
/// };
/// assert_eq!(a.kind, CommitteeActivityKind::Research);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CommitteeActivity {
    /// The record's id, unique among committee activities.
    pub id: RecordId,
    /// The day (or first day).
    pub date: NaiveDate,
    /// What kind of activity.
    pub kind: CommitteeActivityKind,
    /// The deputies who took part, each once.
    pub deputies: Vec<DeputyId>,
}

labelled_enum! {
    /// Where a deputy met the public.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::PublicChannel;
    /// assert_eq!(PublicChannel::Station.label_zh(), "进家入站接待");
    /// ```
    #[non_exhaustive]
    pub enum PublicChannel in records {
        /// At a deputy home or liaison station (代表之家、代表联络站).
        Station = "station", "进家入站接待", "station reception";
        /// Online, e.g. by scanning a 家站码 / 代表码.
        Online = "online", "线上平台互动", "online";
        /// Anywhere else (visits, grid work).
        Other = "other", "其他方式", "other";
    }
}

/// A deputy meeting members of the public (代表联系群众).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{PublicChannel, PublicContact};
/// let c = PublicContact {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 2, 14).unwrap(),
///     deputy: DeputyId::new(3),
///     channel: PublicChannel::Station,
///     people: 4,
/// };
/// assert_eq!(c.people, 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PublicContact {
    /// The record's id, unique among public contacts.
    pub id: RecordId,
    /// The day.
    pub date: NaiveDate,
    /// The deputy.
    pub deputy: DeputyId,
    /// Where.
    pub channel: PublicChannel,
    /// How many members of the public were met: person-times (人次), since
    /// the public are not identified.
    pub people: u32,
}

labelled_enum! {
    /// What an opinion from the public is about.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::OpinionTopic;
    /// assert_eq!(OpinionTopic::OldCommunityRenovation.label_zh(), "老旧小区改造");
    /// ```
    #[non_exhaustive]
    pub enum OpinionTopic in records {
        /// 老旧小区改造.
        OldCommunityRenovation = "old_community_renovation", "老旧小区改造", "old-community renovation";
        /// 物业服务.
        PropertyServices = "property_services", "物业服务", "property services";
        /// 环境治理.
        Environment = "environment", "环境治理", "environment";
        /// 交通出行.
        Transport = "transport", "交通出行", "transport";
        /// Anything else.
        Other = "other", "其他", "other";
    }
}

/// An opinion or suggestion from the public (群众意见建议) collected by a
/// deputy, and whether it was resolved.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{OpinionTopic, PublicOpinion};
/// let o = PublicOpinion {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 2, 14).unwrap(),
///     deputy: DeputyId::new(3),
///     topic: OpinionTopic::Transport,
///     resolved: true,
/// };
/// assert!(o.resolved);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PublicOpinion {
    /// The record's id, unique among opinions.
    pub id: RecordId,
    /// The day it was collected.
    pub date: NaiveDate,
    /// The deputy who collected it.
    pub deputy: DeputyId,
    /// Its topic.
    pub topic: OpinionTopic,
    /// Whether it has been resolved (推动解决).
    pub resolved: bool,
}

labelled_enum! {
    /// The state organs of "one government, one commission, two courts" (一府一委两院).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::StateOrgan;
    /// assert_eq!(StateOrgan::Court.label_zh(), "人民法院");
    /// ```
    #[non_exhaustive]
    pub enum StateOrgan in records {
        /// 人民政府.
        Government = "government", "人民政府", "government";
        /// 监察委员会.
        SupervisoryCommission = "supervisory_commission", "监察委员会", "supervisory commission";
        /// 人民法院.
        Court = "court", "人民法院", "court";
        /// 人民检察院.
        Procuratorate = "procuratorate", "人民检察院", "procuratorate";
    }
}

labelled_enum! {
    /// What a state organ invited deputies to.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::OrganActivity;
    /// assert_eq!(OrganActivity::CourtHearing.label_zh(), "旁听庭审");
    /// ```
    #[non_exhaustive]
    pub enum OrganActivity in records {
        /// 有关会议.
        Meeting = "meeting", "有关会议", "meeting";
        /// 旁听庭审.
        CourtHearing = "court_hearing", "旁听庭审", "court hearing";
        /// 见证执行.
        EnforcementWitness = "enforcement_witness", "见证执行", "witnessing enforcement";
        /// 专题座谈会: a symposium to hear deputies' opinions (e.g. chaired by the mayor).
        Symposium = "symposium", "专题座谈会", "symposium";
    }
}

/// A state organ's contact with deputies (国家机关联系代表).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{OrganActivity, OrganContact, StateOrgan};
/// let c = OrganContact {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 9, 9).unwrap(),
///     organ: StateOrgan::Government,
///     activity: OrganActivity::Symposium,
///     deputies: vec![DeputyId::new(1), DeputyId::new(2)],
///     opinions: 12,
/// };
/// assert_eq!(c.opinions, 12);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OrganContact {
    /// The record's id, unique among organ contacts.
    pub id: RecordId,
    /// The day.
    pub date: NaiveDate,
    /// Which organ.
    pub organ: StateOrgan,
    /// What the deputies were invited to.
    pub activity: OrganActivity,
    /// The deputies who took part, each once.
    pub deputies: Vec<DeputyId>,
    /// Opinions the deputies gave (意见建议, counted in items 条).
    pub opinions: u32,
}

/// A deputy placed in a grid (编组进家、下沉网格). Holds for the whole year.
///
/// ```
/// use deputy_work::common::{DeputyId, UnitId};
/// use deputy_work::records::GridAssignment;
/// let g = GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(700) };
/// assert_eq!(g.grid, UnitId::new(700));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GridAssignment {
    /// The deputy.
    pub deputy: DeputyId,
    /// The grid (网格).
    pub grid: UnitId,
}

labelled_enum! {
    /// How a mediation case ended.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::MediationOutcome;
    /// assert_eq!(MediationOutcome::Successful.label_zh(), "调解成功");
    /// ```
    pub enum MediationOutcome in records {
        /// 调解成功.
        Successful = "successful", "调解成功", "successful";
        /// 调解不成功: referred on.
        Unsuccessful = "unsuccessful", "调解不成功", "unsuccessful";
        /// Still in progress (调解中).
        Pending = "pending", "调解中", "pending";
    }
}

/// A dispute mediated by deputies acting as invited mediators (特邀调解员).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{MediationCase, MediationOutcome};
/// let m = MediationCase {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
///     mediators: vec![DeputyId::new(4)],
///     outcome: MediationOutcome::Successful,
/// };
/// assert_eq!(m.outcome, MediationOutcome::Successful);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MediationCase {
    /// The record's id, unique among mediation cases.
    pub id: RecordId,
    /// The day the case was taken on.
    pub date: NaiveDate,
    /// The deputies who mediated, at least one, each once.
    pub mediators: Vec<DeputyId>,
    /// The outcome so far.
    pub outcome: MediationOutcome,
}

/// A petition (信访) that a deputy follows on the public's behalf (代办)
/// until it is closed (闭环处理).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::PetitionCase;
/// let p = PetitionCase {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///     deputy: DeputyId::new(2),
///     closed: NaiveDate::from_ymd_opt(2025, 4, 1),
/// };
/// assert!(p.closed.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PetitionCase {
    /// The record's id, unique among petition cases.
    pub id: RecordId,
    /// The day the deputy took the case on.
    pub date: NaiveDate,
    /// The deputy following it.
    pub deputy: DeputyId,
    /// The day it was closed, if it has been; never before `date`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed: Option<NaiveDate>,
}

/// Who organised a group activity.
///
/// ```
/// use deputy_work::common::{Labelled, UnitId};
/// use deputy_work::records::GroupOrganiser;
/// assert_eq!(GroupOrganiser::ProfessionalGroup(UnitId::new(1)).label_zh(), "专业代表小组");
/// assert_eq!(GroupOrganiser::LiaisonStation(UnitId::new(2)).unit(), UnitId::new(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GroupOrganiser {
    /// A professional group's liaison station (专业代表小组联络站), also a
    /// point for collecting public opinion (社情民意收集点).
    LiaisonStation(UnitId),
    /// A professional group of deputies (专业代表小组).
    ProfessionalGroup(UnitId),
    /// A deputy group organised by an electoral unit (选举单位代表小组).
    ElectoralUnitGroup(UnitId),
}

impl GroupOrganiser {
    /// The organising station or group.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::records::GroupOrganiser;
    /// assert_eq!(GroupOrganiser::ProfessionalGroup(UnitId::new(5)).unit(), UnitId::new(5));
    /// ```
    #[must_use]
    pub const fn unit(&self) -> UnitId {
        match *self {
            Self::LiaisonStation(u) | Self::ProfessionalGroup(u) | Self::ElectoralUnitGroup(u) => u,
        }
    }
}

impl Labelled for GroupOrganiser {
    fn label_zh(&self) -> &str {
        match self {
            Self::LiaisonStation(_) => "专业代表小组联络站",
            Self::ProfessionalGroup(_) => "专业代表小组",
            Self::ElectoralUnitGroup(_) => "选举单位代表小组",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::LiaisonStation(_) => "professional-group liaison station",
            Self::ProfessionalGroup(_) => "professional group",
            Self::ElectoralUnitGroup(_) => "electoral-unit group",
        }
    }
}

labelled_enum! {
    /// What a group activity was.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::GroupActivityKind;
    /// assert_eq!(GroupActivityKind::Research.label_zh(), "专题调研");
    /// ```
    #[non_exhaustive]
    pub enum GroupActivityKind in records {
        /// 接待群众.
        Reception = "reception", "接待群众", "receiving the public";
        /// 政策宣讲.
        PolicyBriefing = "policy_briefing", "政策宣讲", "policy briefing";
        /// 专题学习.
        Study = "study", "专题学习", "study";
        /// 专题调研.
        Research = "research", "专题调研", "research";
        /// Anything else.
        Other = "other", "其他活动", "other";
    }
}

/// An activity of a deputy group or a group's liaison station (代表小组活动).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId, UnitId};
/// use deputy_work::records::{GroupActivity, GroupActivityKind, GroupOrganiser};
/// let a = GroupActivity {
///     id: RecordId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
///     organiser: GroupOrganiser::LiaisonStation(UnitId::new(1)),
///     kind: GroupActivityKind::Reception,
///     deputies: vec![DeputyId::new(1)],
///     public_attendance: 20,
///     opinions: 3,
/// };
/// assert_eq!(a.public_attendance, 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GroupActivity {
    /// The record's id, unique among group activities.
    pub id: RecordId,
    /// The day.
    pub date: NaiveDate,
    /// Who organised it.
    pub organiser: GroupOrganiser,
    /// What it was.
    pub kind: GroupActivityKind,
    /// The deputies who took part, each once.
    pub deputies: Vec<DeputyId>,
    /// Members of the public who took part (person-times).
    #[cfg_attr(feature = "serde", serde(default))]
    pub public_attendance: u32,
    /// Opinions collected (社情民意, items).
    #[cfg_attr(feature = "serde", serde(default))]
    pub opinions: u32,
}

labelled_enum! {
    /// The kind of a place where deputies meet the public.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::StationKind;
    /// assert_eq!(StationKind::DeputyHome.label_zh(), "人大代表之家");
    /// ```
    #[non_exhaustive]
    pub enum StationKind in records {
        /// 人大代表之家.
        DeputyHome = "deputy_home", "人大代表之家", "deputy home";
        /// 人大代表联络站.
        LiaisonStation = "liaison_station", "人大代表联络站", "liaison station";
    }
}

/// A deputy home or liaison station (代表家站) and whether it was upgraded
/// (迭代升级) this year.
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::records::{Station, StationKind};
/// let s = Station { id: UnitId::new(1), district: UnitId::new(10), kind: StationKind::DeputyHome, upgraded: true };
/// assert!(s.upgraded);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Station {
    /// The station, unique among stations.
    pub id: UnitId,
    /// The district (旗区) it lies in.
    pub district: UnitId,
    /// Home or liaison station.
    pub kind: StationKind,
    /// Whether it was upgraded this year.
    pub upgraded: bool,
}

/// A district (旗区) and whether it has built a deputy-work information
/// platform (代表工作信息化平台).
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::records::District;
/// let d = District { id: UnitId::new(10), platform: true };
/// assert!(d.platform);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct District {
    /// The district, unique among districts.
    pub id: UnitId,
    /// Whether it has a deputy-work information platform.
    pub platform: bool,
}

/// A street (街道) and whether it runs a council of deliberating
/// representatives (议政代表会制度).
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::records::Street;
/// let s = Street { id: UnitId::new(20), council: true };
/// assert!(s.council);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Street {
    /// The street, unique among streets.
    pub id: UnitId,
    /// Whether it has set up the council.
    pub council: bool,
}

/// A livelihood project (民生实事项目) decided by vote (票决) or, where there
/// is no congress, by residents' representatives (票选), with its investment.
///
/// This is the seam to the `vote` engine: a voted project list converts into
/// these records; until then callers fill them directly.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{Level, ProjectId};
/// use deputy_work::records::LivelihoodProject;
/// use rust_decimal::Decimal;
/// let p = LivelihoodProject {
///     id: ProjectId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
///     level: Level::County,
///     investment: Decimal::new(5_000_000, 0),
/// };
/// assert_eq!(p.level, Level::County);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LivelihoodProject {
    /// The project, unique among livelihood projects.
    pub id: ProjectId,
    /// The day of the vote.
    pub date: NaiveDate,
    /// The level of the congress (or street) that voted on it.
    pub level: Level,
    /// Investment completed, in yuan (元); never negative.
    pub investment: Decimal,
}

impl LivelihoodProject {
    /// The livelihood projects a decided vote elected (民生实事项目票决): one
    /// per elected project of `outcome`, in its order (best first), with the
    /// project's id and investment from `session`'s candidate list, at the
    /// `level` of the congress (or street) that voted and on `date`, the
    /// day of the vote. The vote engine knows neither: a session is the
    /// rules, candidates and electorate, so the caller says where and when.
    ///
    /// Project ids are the candidates' ids, so give candidates of different
    /// sessions different ids if their projects go into one record set.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Level, ProjectId};
    /// use deputy_work::records::LivelihoodProject;
    /// use deputy_work::vote::{Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Project, Session, Tally, Policy};
    /// use rust_decimal::Decimal;
    ///
    /// let done = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let p = |n: u32, wan: i64| Project::builder(ProjectId::new(n), format!("项目{n}")).investment(Decimal::from(wan * 10_000)).category("其他").completion(done).build();
    /// let session = Session::new(
    ///     Policy::election_style(2)?,
    ///     CandidateList::new(vec![p(1, 300)?, p(2, 120)?, p(3, 80)?])?,
    ///     Electorate::new((1..=5).map(DeputyId::new), (1..=5).map(DeputyId::new))?,
    ///     BallotsIssued(5),
    /// )?;
    /// let mut tally = Tally::new(&session, BoxNumber(1));
    /// for d in 1..=5 {
    ///     let marks = vec![(ProjectId::new(1), Mark::For), (ProjectId::new(3), Mark::For)];
    ///     tally.cast(&session, &Ballot::new(DeputyId::new(d), Choice::Marks(marks)))?;
    /// }
    /// let outcome = session.decide(&tally)?;
    /// let vote_day = NaiveDate::from_ymd_opt(2025, 1, 20).ok_or("date")?;
    /// let projects = LivelihoodProject::from_outcome(&outcome, &session, Level::County, vote_day)?;
    /// let ids: Vec<u32> = projects.iter().map(|p| p.id.get()).collect();
    /// assert_eq!(ids, [1, 3]);
    /// assert_eq!(projects[0].investment, Decimal::from(3_000_000));
    /// assert!(projects.iter().all(|p| p.level == Level::County && p.date == vote_day));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::VoteUndecided`](super::RecordsError::VoteUndecided)
    /// while a tie awaits its runoff;
    /// [`RecordsError::UnknownProject`](super::RecordsError::UnknownProject)
    /// when an elected project is not among `session`'s candidates.
    pub fn from_outcome(
        outcome: &crate::vote::Outcome,
        session: &crate::vote::Session,
        level: Level,
        date: NaiveDate,
    ) -> Result<Vec<Self>, super::RecordsError> {
        if let Some(tie) = &outcome.tie {
            return Err(super::RecordsError::VoteUndecided { tied: tie.ids() });
        }
        outcome
            .elected_ids()
            .into_iter()
            .map(|id| {
                session
                    .candidates()
                    .get(id)
                    .map(|p| Self {
                        id,
                        date,
                        level,
                        investment: p.investment,
                    })
                    .ok_or(super::RecordsError::UnknownProject { project: id })
            })
            .collect()
    }
}

labelled_enum! {
    /// Where a micro project (微实事) stands in its rolling pool.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::MicroStage;
    /// assert_eq!(MicroStage::Completed.label_zh(), "办结");
    /// ```
    pub enum MicroStage in records {
        /// Collected into the pool (入库).
        Pooled = "pooled", "入库", "pooled";
        /// Passed to the government to handle (转交政府办理).
        Transferred = "transferred", "转交办理", "transferred";
        /// Done (办结); only now can deputies rate it.
        Completed = "completed", "办结", "completed";
    }
}

/// A deputy's rating of a completed micro project.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::records::MicroRating;
/// use deputy_work::stats::Verdict;
/// let r = MicroRating { deputy: DeputyId::new(1), verdict: Verdict::Satisfied };
/// assert_eq!(r.verdict, Verdict::Satisfied);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MicroRating {
    /// The deputy rating.
    pub deputy: DeputyId,
    /// The rating.
    pub verdict: Verdict,
}

/// A micro project (民生微实事) from the rolling pool between sessions.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{ProjectId, UnitId};
/// use deputy_work::records::{MicroProject, MicroStage};
/// let m = MicroProject {
///     id: ProjectId::new(1),
///     date: NaiveDate::from_ymd_opt(2025, 5, 5).unwrap(),
///     district: UnitId::new(10),
///     stage: MicroStage::Pooled,
///     ratings: vec![],
/// };
/// assert!(m.ratings.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MicroProject {
    /// The project, unique among micro projects.
    pub id: ProjectId,
    /// The day it entered the pool.
    pub date: NaiveDate,
    /// The district running the pool.
    pub district: UnitId,
    /// Where it stands.
    pub stage: MicroStage,
    /// Deputies' ratings, only once completed; one per deputy.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ratings: Vec<MicroRating>,
}

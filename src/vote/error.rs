//! The vote engine's error type.

use crate::common::{DeputyId, Labelled, ProjectId};
use crate::stats::StatsError;
use rust_decimal::Decimal;

/// What can go wrong in a livelihood-project vote.
///
/// Every error has a short Chinese and English name
/// ([`Labelled`]) and a whole message in Chinese
/// ([`VoteError::message_zh`]) beside the English [`Display`](core::fmt::Display).
///
/// ```
/// use deputy_work::common::{DeputyId, Labelled};
/// use deputy_work::vote::VoteError;
/// let e = VoteError::AlreadyVoted { voter: DeputyId::new(12), ballot_box: 3 };
/// assert_eq!(e.to_string(), "deputy D12 has already voted (ballot box 3)");
/// assert_eq!(e.label_zh(), "重复投票");
/// assert_eq!(e.label_en(), "already voted");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VoteError {
    /// A rule is out of range.
    #[error("invalid rules: `{field}` {reason}")]
    InvalidRules {
        /// The field, as in the rule table.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The candidate list is empty.
    #[error("the candidate list is empty")]
    NoCandidates,
    /// The candidate list is longer than supported.
    #[error("{candidates} candidates; at most {max} are supported")]
    TooManyCandidates {
        /// How many were given.
        candidates: usize,
        /// The most supported.
        max: usize,
    },
    /// A project is listed twice.
    #[error("project {project} is listed twice")]
    DuplicateProject {
        /// The project.
        project: ProjectId,
    },
    /// A project's investment is negative.
    #[error("project {project} has a negative investment ({investment})")]
    NegativeInvestment {
        /// The project.
        project: ProjectId,
        /// Its investment.
        investment: Decimal,
    },
    /// Not more candidates than places: the vote would not be competitive (差额).
    #[error(
        "{candidates} candidates for {places} places: there must be more candidates than places"
    )]
    NotCompetitive {
        /// Candidates.
        candidates: u32,
        /// Places.
        places: u32,
    },
    /// Fewer surplus candidates than the rules require.
    #[error("{surplus} surplus candidates; the rules require at least {min}")]
    SurplusTooSmall {
        /// Candidates less places.
        surplus: u32,
        /// The rules' minimum.
        min: u32,
    },
    /// The surplus is a smaller share of the places than the rules require.
    #[error(
        "{surplus} surplus candidates for {places} places; the rules require a ratio of at least {min_ratio}"
    )]
    SurplusRatioTooSmall {
        /// Candidates less places.
        surplus: u32,
        /// Places.
        places: u32,
        /// The rules' minimum ratio.
        min_ratio: Decimal,
    },
    /// The electorate is empty.
    #[error("the electorate is empty")]
    EmptyElectorate,
    /// The electorate is larger than supported.
    #[error("an electorate of {size} deputies; at most {max} are supported")]
    ElectorateTooLarge {
        /// How many were given.
        size: usize,
        /// The most supported.
        max: usize,
    },
    /// More deputies signed in than there are.
    #[error("{signed_in} deputies signed in, but there are {deputies}")]
    SignedInExceedsDeputies {
        /// Signed in.
        signed_in: u32,
        /// All deputies.
        deputies: u32,
    },
    /// Too few deputies present to hold the vote (法定人数).
    #[error(
        "{present} of {deputies} deputies present; the quorum is {required}: the vote may not be held"
    )]
    NoQuorum {
        /// Deputies present.
        present: u32,
        /// All deputies.
        deputies: u32,
        /// The fewest present that make the quorum.
        required: u32,
    },
    /// A ballot that names its voter, in a secret ballot.
    #[error(
        "a ballot naming deputy {voter} in a secret ballot (ballot box {ballot_box}): count it without the name"
    )]
    NamedBallotInSecretVote {
        /// The deputy named.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A ballot without a voter, in a named or electronic vote.
    #[error("a ballot without its deputy in a vote by {voting} (ballot box {ballot_box})")]
    UnnamedBallot {
        /// The vote's way of voting.
        voting: &'static str,
        /// The box.
        ballot_box: u32,
    },
    /// Named or electronic voting with an electorate known by counts only.
    #[error("a vote by {voting} needs the electorate's names, not only its counts")]
    NamesNeeded {
        /// The vote's way of voting.
        voting: &'static str,
    },
    /// More ballots returned in one box than were issued for it: the vote
    /// is void.
    #[error(
        "ballot box {ballot_box}: {returned} ballots returned but {issued} issued for it: the vote is void"
    )]
    BoxVoid {
        /// The box.
        ballot_box: u32,
        /// Ballots issued for it.
        issued: u32,
        /// Ballots returned in it.
        returned: u64,
    },
    /// The boxes were issued more ballots together than the session.
    #[error("the boxes were issued {boxes} ballots together, the session {issued}")]
    BoxesExceedIssued {
        /// Issued for the boxes together.
        boxes: u64,
        /// Issued in the session.
        issued: u32,
    },
    /// A project built without a field it needs
    /// ([`ProjectBuilder::build`](super::ProjectBuilder::build)).
    #[error("project {project}: `{field}` is not given")]
    ProjectIncomplete {
        /// The project.
        project: ProjectId,
        /// The missing field.
        field: &'static str,
    },
    /// A drawing of lots that does not order exactly the tied projects.
    #[error("the drawing of lots must order exactly the tied projects, each once")]
    LotMismatch,
    /// A step on an adopted project that its status does not allow.
    #[error("project {project}: `{step}` is not possible on a project that is {status}")]
    ProjectStep {
        /// The project.
        project: ProjectId,
        /// The step.
        step: &'static str,
        /// Its status.
        status: &'static str,
    },
    /// A step on an adopted project that breaks its record's rules.
    #[error("project {project}: {what}")]
    ProjectRecord {
        /// The project.
        project: ProjectId,
        /// What is wrong.
        what: &'static str,
    },
    /// A change or suspension without a recorded standing-committee
    /// decision (Shaanxi 2025, art. 18), or a decision that does not fit.
    #[error("project {project}: {what}")]
    DecisionNeeded {
        /// The project.
        project: ProjectId,
        /// What is missing or wrong.
        what: &'static str,
    },
    /// A deputy is listed twice (among members, or among those present).
    #[error("deputy {deputy} is listed twice")]
    DuplicateDeputy {
        /// The deputy.
        deputy: DeputyId,
    },
    /// A deputy listed as present is not a member.
    #[error("deputy {deputy} is listed as present but is not a member")]
    PresentNotMember {
        /// The deputy.
        deputy: DeputyId,
    },
    /// More ballots issued than deputies present.
    #[error("{issued} ballots issued but only {present} deputies present")]
    IssuedExceedsPresent {
        /// Ballots issued.
        issued: u32,
        /// Deputies present.
        present: u32,
    },
    /// A ballot from someone outside the electorate.
    #[error("{voter} is not in the electorate (ballot box {ballot_box})")]
    NotInElectorate {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A ballot from a deputy who is not present.
    #[error("deputy {voter} is not present (ballot box {ballot_box})")]
    Absent {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// A second ballot from the same deputy.
    #[error("deputy {voter} has already voted (ballot box {ballot_box})")]
    AlreadyVoted {
        /// The voter.
        voter: DeputyId,
        /// The box.
        ballot_box: u32,
    },
    /// Merging two tallies in which the same deputy voted.
    #[error("deputy {voter} voted in ballot boxes {boxes:?} and in {other_boxes:?}")]
    VotedInTwoBoxes {
        /// The voter.
        voter: DeputyId,
        /// The boxes of the tally merged into.
        boxes: Vec<u32>,
        /// The boxes of the tally merged in.
        other_boxes: Vec<u32>,
    },
    /// Merging the same ballot box twice.
    #[error("ballot box {ballot_box} is counted twice")]
    SameBoxTwice {
        /// The box.
        ballot_box: u32,
    },
    /// A tally used with a session it was not made for.
    #[error("the tally of ballot box {ballot_box} was made for another session")]
    TallyMismatch {
        /// The (first) box of the tally.
        ballot_box: u32,
    },
    /// A stored tally does not hold together.
    #[error("corrupt tally: {what}")]
    CorruptTally {
        /// What is inconsistent.
        what: &'static str,
    },
    /// More ballots returned than issued: the vote is void.
    #[error("{returned} ballots returned but {issued} issued: the vote is void")]
    MoreReturnedThanIssued {
        /// Ballots issued.
        issued: u32,
        /// Ballots returned.
        returned: u64,
    },
    /// [`Outcome::resolve`](super::Outcome::resolve) on an outcome with no tie.
    #[error("there is no tie to resolve")]
    NoTie,
    /// A runoff that is not among exactly the tied projects for the places left.
    #[error("the runoff is not among exactly the tied projects for the places left")]
    RunoffMismatch,
    /// Merging the ratings of two different projects.
    #[error("ratings of project {other} cannot be merged into those of {project}")]
    RatingMismatch {
        /// The project rated here.
        project: ProjectId,
        /// The other project.
        other: ProjectId,
    },
    /// A rate could not be computed.
    #[error("rating: {0}")]
    Stats(#[from] StatsError),
    /// A sum went past what the number type holds.
    #[error("arithmetic overflow")]
    Overflow,
    /// The vote cannot be written as a Pabulib election.
    #[error("publishing as .pb: {0}")]
    Publish(#[from] super::pabulib::PbError),
}

impl VoteError {
    pub(crate) const fn rules(field: &'static str, reason: &'static str) -> Self {
        Self::InvalidRules { field, reason }
    }

    /// The whole message in Chinese, with the same data as the English
    /// [`Display`](core::fmt::Display) (ids, boxes, numbers, fields).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::vote::VoteError;
    /// let e = VoteError::AlreadyVoted { voter: DeputyId::new(12), ballot_box: 3 };
    /// assert_eq!(e.message_zh(), "代表D12已经投票（第3号票箱）");
    /// let e = VoteError::InvalidRules { field: "places", reason: "must be at least 1" };
    /// assert_eq!(e.message_zh(), "票决办法有误：`places`应当至少为1");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::InvalidRules { field, reason } => {
                format!("票决办法有误：`{field}`{}", zh(reason))
            }
            Self::NoCandidates => "候选项目名单为空".to_owned(),
            Self::TooManyCandidates { candidates, max } => {
                format!("候选项目{candidates}个，最多支持{max}个")
            }
            Self::DuplicateProject { project } => format!("项目{project}重复列入"),
            Self::NegativeInvestment {
                project,
                investment,
            } => format!("项目{project}的投资额为负数（{investment}）"),
            Self::NotCompetitive { candidates, places } => format!(
                "候选项目{candidates}个、应选{places}个：候选项目数应当多于应选项目数（差额）"
            ),
            Self::SurplusTooSmall { surplus, min } => {
                format!("差额数为{surplus}个，票决办法要求至少{min}个")
            }
            Self::SurplusRatioTooSmall {
                surplus,
                places,
                min_ratio,
            } => format!("应选{places}个、差额{surplus}个，票决办法要求差额比例至少为{min_ratio}"),
            Self::EmptyElectorate => "代表名单为空".to_owned(),
            Self::ElectorateTooLarge { size, max } => {
                format!("代表{size}名，最多支持{max}名")
            }
            Self::SignedInExceedsDeputies {
                signed_in,
                deputies,
            } => format!("签到代表{signed_in}名，多于代表总数{deputies}名"),
            Self::NoQuorum {
                present,
                deputies,
                required,
            } => format!(
                "代表总数{deputies}名，出席{present}名，不足法定人数{required}名，不得进行表决"
            ),
            Self::NamedBallotInSecretVote { voter, ballot_box } => format!(
                "无记名投票中出现署名代表{voter}的选票（第{ballot_box}号票箱）：应当不记名计票"
            ),
            Self::UnnamedBallot { voting, ballot_box } => format!(
                "以{}方式表决，选票未注明代表（第{ballot_box}号票箱）",
                zh(voting)
            ),
            Self::NamesNeeded { voting } => {
                format!("以{}方式表决，须有代表名单，不能只有人数", zh(voting))
            }
            Self::BoxVoid {
                ballot_box,
                issued,
                returned,
            } => format!(
                "第{ballot_box}号票箱发出选票{issued}张，收回{returned}张，收回多于发出，表决无效"
            ),
            Self::BoxesExceedIssued { boxes, issued } => {
                format!("各票箱发出选票合计{boxes}张，多于本次表决发出的{issued}张")
            }
            Self::ProjectIncomplete { project, field } => {
                format!("项目{project}未填写`{field}`")
            }
            Self::LotMismatch => {
                "抽签结果应当恰好包含全部票数相等的项目，且每个项目一次".to_owned()
            }
            Self::ProjectStep {
                project,
                step,
                status,
            } => format!("项目{project}处于{}状态，不能{}", zh(status), zh(step)),
            Self::ProjectRecord { project, what } | Self::DecisionNeeded { project, what } => {
                format!("项目{project}：{}", zh(what))
            }
            Self::DuplicateDeputy { deputy } => format!("代表{deputy}重复列入"),
            Self::PresentNotMember { deputy } => {
                format!("代表{deputy}列为出席，但不在代表名单中")
            }
            Self::IssuedExceedsPresent { issued, present } => {
                format!("发出选票{issued}张，但出席代表只有{present}名")
            }
            Self::NotInElectorate { voter, ballot_box } => {
                format!("{voter}不在代表名单中（第{ballot_box}号票箱）")
            }
            Self::Absent { voter, ballot_box } => {
                format!("代表{voter}未出席（第{ballot_box}号票箱）")
            }
            Self::AlreadyVoted { voter, ballot_box } => {
                format!("代表{voter}已经投票（第{ballot_box}号票箱）")
            }
            Self::VotedInTwoBoxes {
                voter,
                boxes,
                other_boxes,
            } => format!(
                "代表{voter}既在第{}号票箱投票，又在第{}号票箱投票",
                join(boxes),
                join(other_boxes)
            ),
            Self::SameBoxTwice { ballot_box } => format!("第{ballot_box}号票箱重复计票"),
            Self::TallyMismatch { ballot_box } => {
                format!("第{ballot_box}号票箱的计票不属于本次表决")
            }
            Self::CorruptTally { what } => format!("计票数据不一致：{}", zh(what)),
            Self::MoreReturnedThanIssued { issued, returned } => {
                format!("发出选票{issued}张，收回{returned}张，收回多于发出，表决无效")
            }
            Self::NoTie => "没有需要处理的票数相等情形".to_owned(),
            Self::RunoffMismatch => {
                "再次投票的项目和名额与票数相等的项目、剩余名额不一致".to_owned()
            }
            Self::RatingMismatch { project, other } => {
                format!("项目{other}的测评结果不能并入项目{project}")
            }
            Self::Stats(e) => format!("满意度测评无法计算：{e}"),
            Self::Overflow => "数值超出可计算范围".to_owned(),
            Self::Publish(e) => format!("无法导出为Pabulib（.pb）格式：{e}"),
        }
    }
}

/// A box list as people write it: `1、2、3`.
fn join(boxes: &[u32]) -> String {
    let mut out = String::new();
    for (i, b) in boxes.iter().enumerate() {
        if i > 0 {
            out.push('、');
        }
        out.push_str(&b.to_string());
    }
    out
}

/// The Chinese of the English phrases the engine puts into its errors
/// (reasons, steps, statuses, ways of voting).
const PHRASES: &[(&str, &str)] = &[
    ("must be at least 1", "应当至少为1"),
    ("must not be zero", "不得为零"),
    ("must not exceed the denominator", "不得大于分母"),
    (
        "must be false when the numerator equals the denominator: no project can have more votes than the whole base",
        "在分子等于分母时须为 false：任何项目的票数都不可能超过全部基数",
    ),
    ("must not be negative", "不得为负数"),
    ("at most 12", "最多为12"),
    (
        "must be a share of at most one, with a denominator above zero",
        "应当是不大于1的比例，分母大于零",
    ),
    (
        "must start with points above zero",
        "第一名的分值应当大于零",
    ),
    (
        "must not increase from one rank to the next",
        "分值不得随名次递增",
    ),
    (
        "ranked ballots: candidates × max_choices must be at most 2^20",
        "排序票：候选项目数与可选项目数之积不得超过2^20",
    ),
    ("named ballots", "记名投票"),
    ("secret ballot", "无记名投票"),
    ("electronic voting", "电子表决"),
    ("start", "开工"),
    ("report progress", "报告进度"),
    ("change", "变更"),
    ("suspend", "暂停"),
    ("resume", "恢复实施"),
    ("complete", "完工"),
    ("rate", "测评"),
    ("adopted", "已票决"),
    ("under way", "实施中"),
    ("suspended", "暂停实施"),
    ("completed", "已完工"),
    ("rated", "已测评"),
    (
        "the date is before the last one recorded",
        "日期早于上一条记录",
    ),
    (
        "the standing committee's decision has no reference",
        "常委会决定未注明文号或名称",
    ),
    (
        "the standing committee's decision is dated after the step",
        "常委会决定的日期晚于该事项",
    ),
    (
        "the standing committee's decision is dated before the adoption",
        "常委会决定的日期早于项目票决",
    ),
    ("progress is above 100 or goes back", "进度超过100%或者倒退"),
    ("the investment is negative", "投资额为负数"),
    ("the name is empty", "项目名称为空"),
    ("the rating is of another project", "测评结果属于其他项目"),
    (
        "boxes must be sorted, distinct and not empty",
        "票箱应当按序排列、互不重复且不为空",
    ),
    (
        "open_box must be one of the boxes",
        "当前票箱应当是已列票箱之一",
    ),
    ("one count per project", "每个项目应当有一组计数"),
    (
        "voted does not fit electorate_size",
        "已投票记录与代表人数不符",
    ),
    (
        "valid + invalid must equal the voters marked as voted and the unnamed ballots",
        "有效票与无效票之和应当等于已投票代表数与不记名选票数之和",
    ),
    (
        "the boxes' returned ballots must add up to valid + invalid",
        "各票箱收回选票之和应当等于有效票与无效票之和",
    ),
    (
        "the marks of a project exceed the valid ballots",
        "某一项目的表决数多于有效票数",
    ),
    (
        "ranks must hold the same number of counters for every project",
        "每个项目的名次计数个数应当相同",
    ),
    (
        "a project's ranks must add up to its votes for",
        "某一项目各名次票数之和应当等于其赞成票数",
    ),
    (
        "more presses kept than deputies who voted",
        "保存的按键记录多于已投票代表数",
    ),
    ("projects must be distinct", "项目不得重复"),
    (
        "a tally holds named or unnamed ballots, not both",
        "同一计票只能包含记名票或者无记名票，不能兼有",
    ),
    (
        "ranks must hold one counter per rank up to top for every project",
        "每个项目的名次计数应当按最多可选名次逐名次各有一个",
    ),
    (
        "presses are kept for every deputy who voted or for none",
        "按键记录应当为每位已投票代表各保存一条，或者一条也不保存",
    ),
    (
        "a deputy's presses are kept once",
        "同一代表的按键记录只能保存一次",
    ),
    (
        "a project's marks exceed the kept presses that carry them",
        "某一项目的表决数多于载有该表决的按键记录数",
    ),
    (
        "a ranked vote counts no against or abstain marks",
        "排序投票不计反对票和弃权票",
    ),
];

/// The Chinese of an English phrase of [`PHRASES`]; the phrase itself if
/// it has none (a test checks that every phrase the engine uses has one).
fn zh(en: &str) -> &str {
    PHRASES
        .iter()
        .find(|(e, _)| *e == en)
        .map_or(en, |(_, z)| z)
}

impl Labelled for VoteError {
    fn label_zh(&self) -> &str {
        match self {
            Self::InvalidRules { .. } => "票决办法有误",
            Self::NoCandidates => "候选项目为空",
            Self::TooManyCandidates { .. } => "候选项目过多",
            Self::DuplicateProject { .. } => "项目重复",
            Self::NegativeInvestment { .. } => "投资额为负数",
            Self::NotCompetitive { .. } => "未实行差额",
            Self::SurplusTooSmall { .. } => "差额数不足",
            Self::SurplusRatioTooSmall { .. } => "差额比例不足",
            Self::EmptyElectorate => "代表名单为空",
            Self::ElectorateTooLarge { .. } => "代表人数过多",
            Self::SignedInExceedsDeputies { .. } => "签到人数多于代表总数",
            Self::NoQuorum { .. } => "不足法定人数",
            Self::NamedBallotInSecretVote { .. } => "无记名投票中出现署名选票",
            Self::UnnamedBallot { .. } => "选票未注明代表",
            Self::NamesNeeded { .. } => "缺少代表名单",
            Self::BoxVoid { .. } => "票箱收回多于发出",
            Self::BoxesExceedIssued { .. } => "各票箱发票数超出",
            Self::ProjectIncomplete { .. } => "项目信息不全",
            Self::LotMismatch => "抽签结果不符",
            Self::ProjectStep { .. } => "项目状态不允许",
            Self::ProjectRecord { .. } => "项目记录有误",
            Self::DecisionNeeded { .. } => "缺少常委会决定",
            Self::DuplicateDeputy { .. } => "代表重复",
            Self::PresentNotMember { .. } => "出席者不是代表",
            Self::IssuedExceedsPresent { .. } => "发票数多于出席人数",
            Self::NotInElectorate { .. } => "不在代表名单中",
            Self::Absent { .. } => "代表未出席",
            Self::AlreadyVoted { .. } => "重复投票",
            Self::VotedInTwoBoxes { .. } => "在两个票箱投票",
            Self::SameBoxTwice { .. } => "票箱重复计票",
            Self::TallyMismatch { .. } => "计票与表决不符",
            Self::CorruptTally { .. } => "计票数据不一致",
            Self::MoreReturnedThanIssued { .. } => "收回多于发出",
            Self::NoTie => "没有票数相等",
            Self::RunoffMismatch => "再次投票不符",
            Self::RatingMismatch { .. } => "测评项目不符",
            Self::Stats(_) => "测评无法计算",
            Self::Overflow => "数值溢出",
            Self::Publish(_) => "导出失败",
        }
    }

    fn label_en(&self) -> &str {
        match self {
            Self::InvalidRules { .. } => "invalid rules",
            Self::NoCandidates => "no candidates",
            Self::TooManyCandidates { .. } => "too many candidates",
            Self::DuplicateProject { .. } => "duplicate project",
            Self::NegativeInvestment { .. } => "negative investment",
            Self::NotCompetitive { .. } => "not competitive",
            Self::SurplusTooSmall { .. } => "surplus too small",
            Self::SurplusRatioTooSmall { .. } => "surplus ratio too small",
            Self::EmptyElectorate => "empty electorate",
            Self::ElectorateTooLarge { .. } => "electorate too large",
            Self::SignedInExceedsDeputies { .. } => "more signed in than deputies",
            Self::NoQuorum { .. } => "no quorum",
            Self::NamedBallotInSecretVote { .. } => "named ballot in a secret vote",
            Self::UnnamedBallot { .. } => "unnamed ballot",
            Self::NamesNeeded { .. } => "names needed",
            Self::BoxVoid { .. } => "ballot box void",
            Self::BoxesExceedIssued { .. } => "boxes exceed ballots issued",
            Self::ProjectIncomplete { .. } => "project incomplete",
            Self::LotMismatch => "lot mismatch",
            Self::ProjectStep { .. } => "step not allowed",
            Self::ProjectRecord { .. } => "bad project record",
            Self::DecisionNeeded { .. } => "decision needed",
            Self::DuplicateDeputy { .. } => "duplicate deputy",
            Self::PresentNotMember { .. } => "present but not a member",
            Self::IssuedExceedsPresent { .. } => "more issued than present",
            Self::NotInElectorate { .. } => "not in the electorate",
            Self::Absent { .. } => "absent",
            Self::AlreadyVoted { .. } => "already voted",
            Self::VotedInTwoBoxes { .. } => "voted in two boxes",
            Self::SameBoxTwice { .. } => "same box twice",
            Self::TallyMismatch { .. } => "tally mismatch",
            Self::CorruptTally { .. } => "corrupt tally",
            Self::MoreReturnedThanIssued { .. } => "more returned than issued",
            Self::NoTie => "no tie",
            Self::RunoffMismatch => "runoff mismatch",
            Self::RatingMismatch { .. } => "rating mismatch",
            Self::Stats(_) => "rating not computable",
            Self::Overflow => "overflow",
            Self::Publish(_) => "publish failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::pabulib::PbError;

    /// One of every variant, with data that shows in the message.
    fn every_variant() -> Vec<(VoteError, Vec<&'static str>)> {
        let p = ProjectId::new(731);
        let d = DeputyId::new(482);
        vec![
            (
                VoteError::rules("places", "must be at least 1"),
                vec!["places", "至少为1"],
            ),
            (VoteError::NoCandidates, vec![]),
            (
                VoteError::TooManyCandidates {
                    candidates: 70_001,
                    max: 65_535,
                },
                vec!["70001", "65535"],
            ),
            (VoteError::DuplicateProject { project: p }, vec!["P731"]),
            (
                VoteError::NegativeInvestment {
                    project: p,
                    investment: Decimal::new(-25, 1),
                },
                vec!["P731", "-2.5"],
            ),
            (
                VoteError::NotCompetitive {
                    candidates: 17,
                    places: 19,
                },
                vec!["17", "19"],
            ),
            (
                VoteError::SurplusTooSmall { surplus: 3, min: 4 },
                vec!["3", "4"],
            ),
            (
                VoteError::SurplusRatioTooSmall {
                    surplus: 2,
                    places: 10,
                    min_ratio: Decimal::new(25, 2),
                },
                vec!["2", "10", "0.25"],
            ),
            (VoteError::EmptyElectorate, vec![]),
            (
                VoteError::ElectorateTooLarge {
                    size: 5_000_000_000,
                    max: 4_294_967_295,
                },
                vec!["5000000000", "4294967295"],
            ),
            (
                VoteError::SignedInExceedsDeputies {
                    signed_in: 61,
                    deputies: 60,
                },
                vec!["61", "60"],
            ),
            (
                VoteError::NoQuorum {
                    present: 39,
                    deputies: 60,
                    required: 40,
                },
                vec!["39", "60", "40"],
            ),
            (
                VoteError::NamedBallotInSecretVote {
                    voter: d,
                    ballot_box: 7,
                },
                vec!["D482", "7"],
            ),
            (
                VoteError::UnnamedBallot {
                    voting: "electronic voting",
                    ballot_box: 7,
                },
                vec!["电子表决", "7"],
            ),
            (
                VoteError::NamesNeeded {
                    voting: "named ballots",
                },
                vec!["记名投票"],
            ),
            (
                VoteError::BoxVoid {
                    ballot_box: 2,
                    issued: 20,
                    returned: 21,
                },
                vec!["2", "20", "21"],
            ),
            (
                VoteError::BoxesExceedIssued {
                    boxes: 53,
                    issued: 52,
                },
                vec!["53", "52"],
            ),
            (
                VoteError::ProjectIncomplete {
                    project: p,
                    field: "completion",
                },
                vec!["P731", "completion"],
            ),
            (VoteError::LotMismatch, vec![]),
            (
                VoteError::ProjectStep {
                    project: p,
                    step: "start",
                    status: "completed",
                },
                vec!["P731", "开工", "已完工"],
            ),
            (
                VoteError::ProjectRecord {
                    project: p,
                    what: "the name is empty",
                },
                vec!["P731", "名称为空"],
            ),
            (
                VoteError::DecisionNeeded {
                    project: p,
                    what: "the standing committee's decision has no reference",
                },
                vec!["P731", "常委会决定"],
            ),
            (VoteError::DuplicateDeputy { deputy: d }, vec!["D482"]),
            (VoteError::PresentNotMember { deputy: d }, vec!["D482"]),
            (
                VoteError::IssuedExceedsPresent {
                    issued: 315,
                    present: 314,
                },
                vec!["315", "314"],
            ),
            (
                VoteError::NotInElectorate {
                    voter: d,
                    ballot_box: 9,
                },
                vec!["D482", "9"],
            ),
            (
                VoteError::Absent {
                    voter: d,
                    ballot_box: 9,
                },
                vec!["D482", "9"],
            ),
            (
                VoteError::AlreadyVoted {
                    voter: d,
                    ballot_box: 9,
                },
                vec!["D482", "9"],
            ),
            (
                VoteError::VotedInTwoBoxes {
                    voter: d,
                    boxes: vec![1, 3],
                    other_boxes: vec![8],
                },
                vec!["D482", "1、3", "8"],
            ),
            (VoteError::SameBoxTwice { ballot_box: 6 }, vec!["6"]),
            (VoteError::TallyMismatch { ballot_box: 6 }, vec!["6"]),
            (
                VoteError::CorruptTally {
                    what: "one count per project",
                },
                vec!["每个项目"],
            ),
            (
                VoteError::MoreReturnedThanIssued {
                    issued: 314,
                    returned: 315,
                },
                vec!["314", "315"],
            ),
            (VoteError::NoTie, vec![]),
            (VoteError::RunoffMismatch, vec![]),
            (
                VoteError::RatingMismatch {
                    project: p,
                    other: ProjectId::new(9),
                },
                vec!["P731", "P9"],
            ),
            (VoteError::Stats(StatsError::NoData), vec!["no data"]),
            (VoteError::Overflow, vec![]),
            (
                VoteError::Publish(PbError::UnclosedQuote { line: 12 }),
                vec!["12"],
            ),
        ]
    }

    #[test]
    fn every_variant_has_a_chinese_message_with_its_data() {
        for (e, data) in every_variant() {
            let zh = e.message_zh();
            assert!(!zh.is_empty(), "{e:?}");
            assert!(
                !e.label_zh().is_empty() && !e.label_en().is_empty(),
                "{e:?}"
            );
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e:?}: {zh}"
            );
            for piece in data {
                assert!(zh.contains(piece), "{e:?}: {zh:?} lacks {piece:?}");
                if piece.is_ascii() && !piece.contains('、') {
                    // the same data in the English message
                    let en = e.to_string();
                    assert!(
                        en.contains(piece) || PHRASES.iter().any(|(x, _)| en.contains(x)),
                        "{e:?}: {en:?} lacks {piece:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_phrase_has_chinese_and_no_phrase_is_listed_twice() {
        for (i, (en, z)) in PHRASES.iter().enumerate() {
            assert_eq!(zh(en), *z);
            assert!(!z.is_ascii(), "{en}");
            assert!(
                PHRASES.iter().skip(i + 1).all(|(other, _)| other != en),
                "{en} twice"
            );
        }
        assert_eq!(zh("not a known phrase"), "not a known phrase");
    }

    #[test]
    fn every_phrase_the_engine_writes_is_translated() {
        // The string literals handed to the error constructors in the
        // engine's sources: each must have its Chinese.
        let sources = [
            include_str!("rules.rs"),
            include_str!("session.rs"),
            include_str!("implementation.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            for marker in ["rules(", "refuse(", "bad(", "Some(\""] {
                for (at, _) in src.match_indices(marker) {
                    let rest = src.get(at..).unwrap_or_default();
                    // the literals up to the closing parenthesis of the call
                    let call = rest.split(')').next().unwrap_or_default();
                    for lit in call.split('"').skip(1).step_by(2) {
                        if lit.len() > 3 && !lit.contains('.') && lit.contains(' ') {
                            seen += 1;
                            assert_ne!(zh(lit), lit, "no Chinese for {lit:?}");
                        }
                    }
                }
            }
        }
        assert!(seen > 20, "found only {seen} phrases");
    }
}

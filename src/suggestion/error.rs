//! The suggestion engine's error.

use chrono::NaiveDate;

use super::model::{actor_zh, date_zh};
use super::{Actor, StageKind, Step};
use crate::common::{DeputyId, Labelled, SuggestionId, UnitId};

/// What went wrong in the suggestion engine: a refused command, a trail that
/// does not replay, an invalid policy or a register query on a missing item.
/// Every variant says what is wrong and where.
///
/// ```
/// use deputy_work::common::UnitId;
/// use deputy_work::suggestion::{Actor, Step, SuggestionError};
/// let e = SuggestionError::NotAllowed { actor: Actor::Unit(UnitId::new(4)), step: Step::Reply };
/// assert_eq!(e.to_string(), "unit U4 may not take step `reply` on this suggestion");
/// ```
///
/// For people: [`Labelled`] names the kind of error in Chinese and English,
/// and [`SuggestionError::message_zh`] gives the whole message in Chinese.
///
/// ```
/// use deputy_work::common::{Labelled, UnitId};
/// use deputy_work::suggestion::{Actor, Step, SuggestionError};
/// let e = SuggestionError::NotAllowed { actor: Actor::Unit(UnitId::new(4)), step: Step::Reply };
/// assert_eq!(e.label_zh(), "无权办理");
/// assert_eq!(e.message_zh(), "承办单位 U4 无权对本件建议进行“答复”");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SuggestionError {
    /// The step is not possible in the suggestion's stage.
    #[error("step `{step}` is not possible on a suggestion that is {stage}")]
    WrongStage {
        /// The step asked for.
        step: Step,
        /// The stage it is in.
        stage: StageKind,
    },
    /// The actor may not give this command on this suggestion.
    #[error("{actor} may not take step `{step}` on this suggestion")]
    NotAllowed {
        /// Who gave it.
        actor: Actor,
        /// The step.
        step: Step,
    },
    /// The command's or entry's date is before the last recorded event's.
    #[error("date {date} is before the last recorded date {last}")]
    DateGoesBack {
        /// The date given.
        date: NaiveDate,
        /// The last recorded date.
        last: NaiveDate,
    },
    /// A deadline would fall outside chrono's date range.
    #[error("a deadline counted from {from} is out of the date range")]
    DateOutOfRange {
        /// The date counted from.
        from: NaiveDate,
    },
    /// The draft has no title.
    #[error("the suggestion's title is empty")]
    EmptyTitle,
    /// A co-signer is the lead deputy or is listed twice.
    #[error("deputy {deputy} is listed twice among the proposers")]
    RepeatedDeputy {
        /// The deputy.
        deputy: DeputyId,
    },
    /// A co-handling unit is the lead unit or is listed twice.
    #[error("unit {unit} is listed twice in the assignment")]
    RepeatedUnit {
        /// The unit.
        unit: UnitId,
    },
    /// Too many co-handling units.
    #[error("{count} co-handling units named; at most {max}")]
    TooManyUnits {
        /// How many were named.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A pre-review check failed: the office must decline instead.
    #[error("pre-review failed on {check}: decline with a reason instead of registering")]
    ReviewFailed {
        /// The failed check.
        check: &'static str,
    },
    /// The reason is not in the policy's list.
    #[error("`{code}` is not one of the policy's reasons for not registering")]
    UnknownReason {
        /// The code given.
        code: String,
    },
    /// The reply class is not in the policy.
    #[error("`{code}` is not one of the policy's reply classes")]
    UnknownClass {
        /// The code given.
        code: String,
    },
    /// A suggestion cannot be merged into itself or twice.
    #[error("suggestion {id} cannot be merged here (itself, or already merged)")]
    MergeIntoSelf {
        /// The suggestion.
        id: SuggestionId,
    },
    /// The dispute window has closed: no adjustment after it.
    #[error("unit {unit} disputed on {date}, after the window closed on {until}")]
    DisputeWindowClosed {
        /// The disputing unit.
        unit: UnitId,
        /// The window's last day.
        until: NaiveDate,
        /// The dispute's date.
        date: NaiveDate,
    },
    /// The co-handling unit has already sent its views.
    #[error("unit {unit} has already sent its views")]
    ViewsAlreadySent {
        /// The unit.
        unit: UnitId,
    },
    /// The extension asked for does not move the deadline later.
    #[error("extension to {until} is not after the current due date {due}")]
    ExtensionNotLater {
        /// The date asked for.
        until: NaiveDate,
        /// The current due date.
        due: NaiveDate,
    },
    /// The extension asked for goes past the policy's maximum.
    #[error("extension to {until} goes past the maximum {max}")]
    ExtensionTooLong {
        /// The date asked for.
        until: NaiveDate,
        /// The latest date allowed.
        max: NaiveDate,
    },
    /// The policy is invalid.
    #[error("invalid policy: {what}")]
    InvalidPolicy {
        /// What is wrong.
        what: String,
    },
    /// A code is empty, too long or padded with whitespace.
    #[error("`{code}` is not a valid code: 1 to {max_len} bytes, no surrounding whitespace")]
    BadCode {
        /// The text given.
        code: String,
        /// The longest code.
        max_len: usize,
    },
    /// A trail entry's sequence number does not follow the previous one.
    #[error("trail entry has sequence number {found}, expected {expected}")]
    OutOfSequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// A trail entry's event version is not known to this build.
    #[error("trail entry {seq} has event version {version}, which this build cannot read")]
    UnsupportedVersion {
        /// The entry's sequence number.
        seq: u64,
        /// Its version.
        version: u16,
    },
    /// An event that cannot happen in the stage the suggestion is in.
    #[error("trail entry {seq}: event `{event}` cannot happen to a suggestion that is {stage}")]
    ImpossibleEvent {
        /// The entry's sequence number.
        seq: u64,
        /// The event's name.
        event: &'static str,
        /// The stage.
        stage: StageKind,
    },
    /// The register has no suggestion with this id.
    #[error("suggestion {id} is not in the register")]
    UnknownSuggestion {
        /// The id.
        id: SuggestionId,
    },
    /// The register already has a suggestion with this id.
    #[error("suggestion {id} is already in the register")]
    DuplicateSuggestion {
        /// The id.
        id: SuggestionId,
    },
    /// A trail entry's `prev` is not the digest of the entry before it:
    /// the trail was edited, reordered or spliced.
    #[error(
        "trail entry {seq}: its `prev` digest is not that of the entry before it (the trail was changed)"
    )]
    BrokenChain {
        /// The entry whose `prev` does not match.
        seq: u64,
    },
    /// A trail entry is not what the rules decide from the state before it.
    #[error("trail entry {seq} (`{event}`) is not what the rules decide: {reason}")]
    NotByTheRules {
        /// The entry.
        seq: u64,
        /// Its event's name.
        event: &'static str,
        /// Why: the rules' refusal, or what they would have recorded.
        reason: String,
        /// The same in Chinese (for [`SuggestionError::message_zh`]).
        reason_zh: String,
    },
    /// The trail's head is not the digest kept apart from it: its last
    /// entry was changed, or entries were cut off or added.
    #[error("the trail's head digest is {found}, not the {expected} kept for it")]
    HeadMismatch {
        /// The head kept apart from the trail.
        expected: super::Digest,
        /// The head of the trail as it is.
        found: super::Digest,
    },
    /// A proposer gave feedback twice on the same reply.
    #[error("deputy {deputy} has already given feedback on this reply")]
    FeedbackAlreadyGiven {
        /// The deputy.
        deputy: DeputyId,
    },
    /// On the same date, a time of day before the last one recorded.
    #[error("time {time} is before the last recorded time {last} on the same date")]
    TimeGoesBack {
        /// The time given.
        time: chrono::NaiveTime,
        /// The last recorded time.
        last: chrono::NaiveTime,
    },
    /// The policy needs the unit to accept its assignment first.
    #[error("unit {unit} has not accepted its assignment: the policy needs it to accept first")]
    NotAccepted {
        /// The unit.
        unit: UnitId,
    },
    /// The unit has already accepted its assignment (and may no longer
    /// dispute it).
    #[error("unit {unit} has already accepted its assignment")]
    AlreadyAccepted {
        /// The unit.
        unit: UnitId,
    },
    /// A unit handling separately has already replied in this round.
    #[error("unit {unit} has already replied in this round")]
    AlreadyReplied {
        /// The unit.
        unit: UnitId,
    },
    /// The unit has no extension request waiting to be granted.
    #[error("unit {unit} has no extension request waiting")]
    NoExtensionPending {
        /// The unit.
        unit: UnitId,
    },
    /// Fewer than two units named for separate handling.
    #[error("separate handling needs at least two units, {count} named")]
    TooFewUnits {
        /// How many were named.
        count: usize,
    },
    /// The policy does not let the office handle items itself.
    #[error("the policy does not provide for self-handled items (自行办理)")]
    SelfHandlingNotProvided,
    /// A contact in a phase the item is not in.
    #[error("a contact {phase} is not possible on a suggestion that is {stage}")]
    ContactOutOfPhase {
        /// The phase given.
        phase: super::ContactPhase,
        /// The item's stage.
        stage: StageKind,
    },
    /// The deputy is not one of the item's proposers.
    #[error("deputy {deputy} is not a proposer of this suggestion")]
    NotAProposer {
        /// The deputy.
        deputy: DeputyId,
    },
    /// The item is already marked confidential.
    #[error("the suggestion is already confidential")]
    AlreadyConfidential,
    /// A link to the item itself, an item named twice, too many items.
    #[error("suggestion {id} cannot be linked here (itself, already linked, or over {max} links)")]
    BadLink {
        /// The suggestion named.
        id: SuggestionId,
        /// The most links an item may have.
        max: usize,
    },
    /// A carry-over the rules refuse.
    #[error("cannot carry the suggestion into {year}: {why}")]
    CarryOverRefused {
        /// The year asked for.
        year: i32,
        /// Why not.
        why: &'static str,
    },
    /// An evaluation step the rules refuse (测评).
    #[error("evaluation of unit {unit}: {why}")]
    EvaluationRefused {
        /// The unit.
        unit: UnitId,
        /// Why not.
        why: String,
    },
    /// A sample year's figure is out of range
    /// ([`samples::SampleYear`](super::samples::SampleYear)).
    #[error("sample year: `{field}` = {value} is out of range")]
    InvalidSample {
        /// The figure.
        field: &'static str,
        /// Its value.
        value: i64,
    },
    /// Stored [`RegisterCounts`](super::RegisterCounts) that no register
    /// could have counted (a part above its whole, an entry with nothing
    /// counted in it), named by their place in the stored form.
    #[error("stored counts, {field}: {problem}")]
    CorruptCounts {
        /// The place in the stored form, e.g. `units.3.replied`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
}

impl Labelled for SuggestionError {
    /// A short Chinese name of the kind of error, e.g. 阶段不符.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::SuggestionError;
    /// assert_eq!(SuggestionError::EmptyTitle.label_zh(), "标题为空");
    /// ```
    fn label_zh(&self) -> &str {
        match self {
            Self::WrongStage { .. } => "阶段不符",
            Self::NotAllowed { .. } => "无权办理",
            Self::DateGoesBack { .. } => "日期倒序",
            Self::DateOutOfRange { .. } => "日期超出范围",
            Self::EmptyTitle => "标题为空",
            Self::RepeatedDeputy { .. } => "代表重复",
            Self::RepeatedUnit { .. } => "单位重复",
            Self::TooManyUnits { .. } => "单位过多",
            Self::ReviewFailed { .. } => "审查未通过",
            Self::UnknownReason { .. } => "不予立案情形不明",
            Self::UnknownClass { .. } => "答复类别不明",
            Self::MergeIntoSelf { .. } => "不能并案",
            Self::DisputeWindowClosed { .. } => "异议期限已过",
            Self::ViewsAlreadySent { .. } => "协办意见已提出",
            Self::ExtensionNotLater { .. } => "延期未延后",
            Self::ExtensionTooLong { .. } => "延期超过上限",
            Self::InvalidPolicy { .. } => "办理办法无效",
            Self::BadCode { .. } => "代码无效",
            Self::OutOfSequence { .. } => "序号不连续",
            Self::UnsupportedVersion { .. } => "版本无法读取",
            Self::ImpossibleEvent { .. } => "事件不可能发生",
            Self::UnknownSuggestion { .. } => "建议不存在",
            Self::DuplicateSuggestion { .. } => "建议重复",
            Self::BrokenChain { .. } => "摘要链断裂",
            Self::NotByTheRules { .. } => "不符合办理规则",
            Self::HeadMismatch { .. } => "尾部摘要不符",
            Self::FeedbackAlreadyGiven { .. } => "已反馈意见",
            Self::TimeGoesBack { .. } => "时间倒序",
            Self::NotAccepted { .. } => "尚未签收",
            Self::AlreadyAccepted { .. } => "已经签收",
            Self::AlreadyReplied { .. } => "已经答复",
            Self::NoExtensionPending { .. } => "无待批延期",
            Self::TooFewUnits { .. } => "单位过少",
            Self::SelfHandlingNotProvided => "未规定自行办理",
            Self::ContactOutOfPhase { .. } => "联系阶段不符",
            Self::NotAProposer { .. } => "不是提出人",
            Self::AlreadyConfidential => "已作保密处理",
            Self::BadLink { .. } => "关联无效",
            Self::CarryOverRefused { .. } => "不能跨年度督办",
            Self::EvaluationRefused { .. } => "测评不予记录",
            Self::InvalidSample { .. } => "样例参数无效",
            Self::CorruptCounts { .. } => "登记簿计数不一致",
        }
    }

    /// A short English name of the kind of error, e.g. `wrong stage`.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::SuggestionError;
    /// assert_eq!(SuggestionError::EmptyTitle.label_en(), "empty title");
    /// ```
    fn label_en(&self) -> &str {
        match self {
            Self::WrongStage { .. } => "wrong stage",
            Self::NotAllowed { .. } => "not allowed",
            Self::DateGoesBack { .. } => "date goes back",
            Self::DateOutOfRange { .. } => "date out of range",
            Self::EmptyTitle => "empty title",
            Self::RepeatedDeputy { .. } => "repeated deputy",
            Self::RepeatedUnit { .. } => "repeated unit",
            Self::TooManyUnits { .. } => "too many units",
            Self::ReviewFailed { .. } => "pre-review failed",
            Self::UnknownReason { .. } => "unknown reason",
            Self::UnknownClass { .. } => "unknown reply class",
            Self::MergeIntoSelf { .. } => "cannot merge",
            Self::DisputeWindowClosed { .. } => "dispute window closed",
            Self::ViewsAlreadySent { .. } => "views already sent",
            Self::ExtensionNotLater { .. } => "extension not later",
            Self::ExtensionTooLong { .. } => "extension too long",
            Self::InvalidPolicy { .. } => "invalid policy",
            Self::BadCode { .. } => "bad code",
            Self::OutOfSequence { .. } => "out of sequence",
            Self::UnsupportedVersion { .. } => "unsupported version",
            Self::ImpossibleEvent { .. } => "impossible event",
            Self::UnknownSuggestion { .. } => "unknown suggestion",
            Self::DuplicateSuggestion { .. } => "duplicate suggestion",
            Self::BrokenChain { .. } => "broken chain",
            Self::NotByTheRules { .. } => "not by the rules",
            Self::HeadMismatch { .. } => "head mismatch",
            Self::FeedbackAlreadyGiven { .. } => "feedback already given",
            Self::TimeGoesBack { .. } => "time goes back",
            Self::NotAccepted { .. } => "not accepted",
            Self::AlreadyAccepted { .. } => "already accepted",
            Self::AlreadyReplied { .. } => "already replied",
            Self::NoExtensionPending { .. } => "no extension pending",
            Self::TooFewUnits { .. } => "too few units",
            Self::SelfHandlingNotProvided => "self-handling not provided",
            Self::ContactOutOfPhase { .. } => "contact out of phase",
            Self::NotAProposer { .. } => "not a proposer",
            Self::AlreadyConfidential => "already confidential",
            Self::BadLink { .. } => "bad link",
            Self::CarryOverRefused { .. } => "carry-over refused",
            Self::EvaluationRefused { .. } => "evaluation refused",
            Self::InvalidSample { .. } => "invalid sample",
            Self::CorruptCounts { .. } => "corrupt register counts",
        }
    }
}

/// The Chinese name of a pre-review check, as [`ReviewChecks::failed`]
/// names it in English.
///
/// [`ReviewChecks::failed`]: super::ReviewChecks::failed
fn check_zh(check: &str) -> &str {
    match check {
        "legality" => "合法性",
        "necessity" => "必要性",
        "operability" => "可操作性",
        other => other,
    }
}

/// The Chinese of a carry-over refusal's reason, as `decide` words it.
fn carry_over_zh(why: &str) -> &str {
    match why {
        "only a key suggestion is carried over" => "只有重点督办建议可以跨年度跟踪督办",
        "the decision is not recorded" => "未记录所作决定",
        "the year is not after the suggestion's year, or already past" => {
            "所转年度不在建议提出年度之后，或已经过去"
        }
        "already carried into that year or later" => "已转入该年度或更晚的年度",
        other => other,
    }
}

impl SuggestionError {
    /// The whole message in Chinese, with the same data as the English
    /// [`Display`](core::fmt::Display): ids, codes, dates (written
    /// `2025年6月30日`), numbers.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::SuggestionError;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let e = SuggestionError::DisputeWindowClosed { unit: UnitId::new(31), until: d(1, 24), date: d(2, 3) };
    /// assert_eq!(e.message_zh(), "承办单位 U31 于2025年2月3日申请调整交办，异议期限已于2025年1月24日届满");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::WrongStage { step, stage } => format!(
                "建议处于“{}”阶段，不能进行“{}”",
                stage.label_zh(),
                step.label_zh()
            ),
            Self::NotAllowed { actor, step } => format!(
                "{} 无权对本件建议进行“{}”",
                actor_zh(actor),
                step.label_zh()
            ),
            Self::DateGoesBack { date, last } => format!(
                "日期{}早于最近一次记录的日期{}",
                date_zh(*date),
                date_zh(*last)
            ),
            Self::DateOutOfRange { from } => {
                format!("自{}起算的期限超出可用日期范围", date_zh(*from))
            }
            Self::EmptyTitle => "建议标题为空".to_owned(),
            Self::RepeatedDeputy { deputy } => format!("代表 {deputy} 在提出人中重复列出"),
            Self::RepeatedUnit { unit } => format!("单位 {unit} 在交办单位中重复列出"),
            Self::TooManyUnits { count, max } => {
                format!("列出承办单位 {count} 个，最多 {max} 个")
            }
            Self::ReviewFailed { check } => format!(
                "前置审查未通过{}审查：应不予立案并说明理由",
                check_zh(check)
            ),
            Self::UnknownReason { code } => format!("“{code}”不是办理办法规定的不予立案情形"),
            Self::UnknownClass { code } => format!("“{code}”不是办理办法规定的答复类别"),
            Self::MergeIntoSelf { id } => {
                format!("建议 {id} 不能在此并案（不能并入自身或重复并案）")
            }
            Self::DisputeWindowClosed { unit, until, date } => format!(
                "承办单位 {unit} 于{}申请调整交办，异议期限已于{}届满",
                date_zh(*date),
                date_zh(*until)
            ),
            Self::ViewsAlreadySent { unit } => format!("协办单位 {unit} 已提出协办意见"),
            Self::ExtensionNotLater { until, due } => format!(
                "申请延期至{}，未晚于现答复期限{}",
                date_zh(*until),
                date_zh(*due)
            ),
            Self::ExtensionTooLong { until, max } => format!(
                "申请延期至{}，超过最长期限{}",
                date_zh(*until),
                date_zh(*max)
            ),
            Self::InvalidPolicy { what } => {
                format!("办理办法无效：{}", super::policy::what_zh(what))
            }
            Self::BadCode { code, max_len } => {
                format!("“{code}”不是有效代码：应为 1 至 {max_len} 个字节，首尾不得有空白")
            }
            Self::OutOfSequence { expected, found } => {
                format!("审计记录序号为 {found}，应为 {expected}")
            }
            Self::UnsupportedVersion { seq, version } => {
                format!("第 {seq} 条审计记录的事件版本为 {version}，本版本无法读取")
            }
            Self::ImpossibleEvent { seq, event, stage } => format!(
                "第 {seq} 条审计记录：建议处于“{}”阶段，不可能发生“{}”（{event}）",
                stage.label_zh(),
                super::event::label_zh_of_name(event)
            ),
            Self::UnknownSuggestion { id } => format!("登记簿中没有建议 {id}"),
            Self::DuplicateSuggestion { id } => format!("登记簿中已有建议 {id}"),
            Self::BrokenChain { seq } => {
                format!("第 {seq} 条审计记录的前序摘要与上一条记录不符：审计记录已被改动")
            }
            Self::NotByTheRules {
                seq,
                event,
                reason_zh,
                ..
            } => format!(
                "第 {seq} 条审计记录（“{}”，{event}）不符合办理规则：{reason_zh}",
                super::event::label_zh_of_name(event)
            ),
            Self::HeadMismatch { expected, found } => {
                format!("审计记录尾部摘要为 {found}，与另行保存的 {expected} 不符")
            }
            Self::FeedbackAlreadyGiven { deputy } => {
                format!("代表 {deputy} 已对本次答复反馈意见")
            }
            Self::TimeGoesBack { time, last } => {
                format!("同一日期内，时间 {time} 早于最近一次记录的时间 {last}")
            }
            Self::NotAccepted { unit } => {
                format!("承办单位 {unit} 尚未签收：按办理办法应先签收再办理")
            }
            Self::AlreadyAccepted { unit } => format!("承办单位 {unit} 已签收"),
            Self::AlreadyReplied { unit } => format!("承办单位 {unit} 本轮已答复"),
            Self::NoExtensionPending { unit } => {
                format!("承办单位 {unit} 没有待批准的延期申请")
            }
            Self::TooFewUnits { count } => {
                format!("分别交办至少需要两个承办单位，现列出 {count} 个")
            }
            Self::SelfHandlingNotProvided => "办理办法未规定自行办理".to_owned(),
            Self::ContactOutOfPhase { phase, stage } => format!(
                "建议处于“{}”阶段，不能进行{}联系",
                stage.label_zh(),
                phase.label_zh()
            ),
            Self::NotAProposer { deputy } => format!("代表 {deputy} 不是本件建议的提出人"),
            Self::AlreadyConfidential => "本件建议已作保密处理".to_owned(),
            Self::BadLink { id, max } => {
                format!("建议 {id} 不能在此关联（关联自身、重复关联或超过 {max} 件）")
            }
            Self::CarryOverRefused { year, why } => {
                format!("不能将建议转入 {year} 年度跟踪督办：{}", carry_over_zh(why))
            }
            Self::EvaluationRefused { unit, why } => format!(
                "对承办单位 {unit} 的测评不予记录：{}",
                super::evaluation::why_zh(why)
            ),
            Self::InvalidSample { field, value } => {
                format!("样例年度的参数“{field}”为 {value}，超出范围")
            }
            Self::CorruptCounts { field, problem } => format!(
                "存储的登记簿计数不一致，“{field}”：{}",
                crate::stats::counts_problem_zh(problem)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::common::PersonId;
    use crate::suggestion::{ContactPhase, Digest};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    /// Every variant, each with the pieces of data its Chinese message
    /// must carry.
    fn every_error() -> Vec<(SuggestionError, Vec<&'static str>)> {
        use SuggestionError as E;
        let u = UnitId::new(31);
        let (t1, t2) = (
            NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        );
        vec![
            (
                E::WrongStage {
                    step: Step::Reply,
                    stage: StageKind::Closed,
                },
                vec!["答复", "已办结"],
            ),
            (
                E::NotAllowed {
                    actor: Actor::Office(PersonId::new(7)),
                    step: Step::MarkKey,
                },
                vec!["代表工作机构 M7", "确定重点督办"],
            ),
            (
                E::DateGoesBack {
                    date: d(3, 1),
                    last: d(3, 2),
                },
                vec!["2025年3月1日", "2025年3月2日"],
            ),
            (
                E::DateOutOfRange { from: d(12, 31) },
                vec!["2025年12月31日"],
            ),
            (E::EmptyTitle, vec!["标题"]),
            (
                E::RepeatedDeputy {
                    deputy: DeputyId::new(5),
                },
                vec!["D5"],
            ),
            (E::RepeatedUnit { unit: u }, vec!["U31"]),
            (E::TooManyUnits { count: 17, max: 16 }, vec!["17", "16"]),
            (
                E::ReviewFailed {
                    check: "operability",
                },
                vec!["可操作性"],
            ),
            (E::UnknownReason { code: "x1".into() }, vec!["x1"]),
            (E::UnknownClass { code: "Z".into() }, vec!["Z"]),
            (
                E::MergeIntoSelf {
                    id: SuggestionId::new(9),
                },
                vec!["S9"],
            ),
            (
                E::DisputeWindowClosed {
                    unit: u,
                    until: d(1, 24),
                    date: d(2, 3),
                },
                vec!["U31", "2025年1月24日", "2025年2月3日"],
            ),
            (E::ViewsAlreadySent { unit: u }, vec!["U31"]),
            (
                E::ExtensionNotLater {
                    until: d(4, 1),
                    due: d(4, 15),
                },
                vec!["2025年4月1日", "2025年4月15日"],
            ),
            (
                E::ExtensionTooLong {
                    until: d(9, 1),
                    max: d(7, 15),
                },
                vec!["2025年9月1日", "2025年7月15日"],
            ),
            (
                E::InvalidPolicy {
                    what: "reply class `甲` is listed twice".into(),
                },
                vec!["甲"],
            ),
            (
                E::BadCode {
                    code: " A".into(),
                    max_len: 23,
                },
                vec![" A", "23"],
            ),
            (
                E::OutOfSequence {
                    expected: 4,
                    found: 6,
                },
                vec!["4", "6"],
            ),
            (E::UnsupportedVersion { seq: 3, version: 9 }, vec!["3", "9"]),
            (
                E::ImpossibleEvent {
                    seq: 12,
                    event: "replied",
                    stage: StageKind::Draft,
                },
                vec!["12", "答复代表", "起草"],
            ),
            (
                E::UnknownSuggestion {
                    id: SuggestionId::new(4),
                },
                vec!["S4"],
            ),
            (
                E::DuplicateSuggestion {
                    id: SuggestionId::new(4),
                },
                vec!["S4"],
            ),
            (E::BrokenChain { seq: 8 }, vec!["8"]),
            (
                E::NotByTheRules {
                    seq: 5,
                    event: "replied",
                    reason: "`Z` is not one of the policy's reply classes".into(),
                    reason_zh: "“Z”不是办理办法规定的答复类别".into(),
                },
                vec!["5", "答复代表", "“Z”"],
            ),
            (
                E::HeadMismatch {
                    expected: Digest::genesis(SuggestionId::new(1)),
                    found: Digest::ZERO,
                },
                vec!["0000000000"],
            ),
            (
                E::FeedbackAlreadyGiven {
                    deputy: DeputyId::new(2),
                },
                vec!["D2"],
            ),
            (
                E::TimeGoesBack { time: t1, last: t2 },
                vec!["09:30:00", "10:00:00"],
            ),
            (E::NotAccepted { unit: u }, vec!["U31"]),
            (E::AlreadyAccepted { unit: u }, vec!["U31"]),
            (E::AlreadyReplied { unit: u }, vec!["U31"]),
            (E::NoExtensionPending { unit: u }, vec!["U31"]),
            (E::TooFewUnits { count: 1 }, vec!["1"]),
            (E::SelfHandlingNotProvided, vec!["自行办理"]),
            (
                E::ContactOutOfPhase {
                    phase: ContactPhase::After,
                    stage: StageKind::Assigned,
                },
                vec!["办后", "办理中"],
            ),
            (
                E::NotAProposer {
                    deputy: DeputyId::new(9),
                },
                vec!["D9"],
            ),
            (E::AlreadyConfidential, vec!["保密"]),
            (
                E::BadLink {
                    id: SuggestionId::new(3),
                    max: 16,
                },
                vec!["S3", "16"],
            ),
            (
                E::CarryOverRefused {
                    year: 2026,
                    why: "only a key suggestion is carried over",
                },
                vec!["2026", "重点督办建议"],
            ),
            (
                E::EvaluationRefused {
                    unit: u,
                    why: "more votes cast than the 34 members present".into(),
                },
                vec!["U31", "34"],
            ),
            (
                E::InvalidSample {
                    field: "key",
                    value: 9,
                },
                vec!["key", "9"],
            ),
            (
                E::CorruptCounts {
                    field: "units.3.replied".into(),
                    problem: "a part exceeds its whole",
                },
                vec!["units.3.replied", "部分数大于总数"],
            ),
        ]
    }

    /// An English word of three letters or more (not a digest or an id):
    /// a message left untranslated.
    fn has_english(s: &str) -> bool {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
    }

    #[test]
    fn every_variant_has_a_chinese_message_with_its_data() {
        let all = every_error();
        assert_eq!(all.len(), 42, "one case per variant");
        let mut labels = std::collections::BTreeSet::new();
        for (e, data) in &all {
            let zh = e.message_zh();
            assert!(!zh.is_empty() && !e.label_zh().is_empty() && !e.label_en().is_empty());
            assert!(labels.insert(e.label_zh()), "{} named twice", e.label_zh());
            for piece in data {
                assert!(zh.contains(piece), "{zh} lacks {piece}");
            }
            let quoted_english = matches!(
                e,
                SuggestionError::InvalidSample { .. }
                    | SuggestionError::CorruptCounts { .. }
                    | SuggestionError::NotByTheRules { .. }
                    | SuggestionError::ImpossibleEvent { .. }
            );
            assert!(quoted_english || !has_english(&zh), "untranslated: {zh}");
        }
    }

    #[test]
    fn every_carry_over_reason_is_translated() {
        for why in [
            "only a key suggestion is carried over",
            "the decision is not recorded",
            "the year is not after the suggestion's year, or already past",
            "already carried into that year or later",
        ] {
            assert!(!has_english(carry_over_zh(why)), "{why}");
            let src = include_str!("command.rs");
            assert!(src.contains(why), "command.rs no longer says {why:?}");
        }
    }
}

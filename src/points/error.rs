//! The one error type of the points engine.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::common::{DeputyId, Labelled, Period, RecordId};

/// Everything that can go wrong when loading a points policy, scoring acts,
/// merging partial tallies or evaluating several years.
///
/// Policy errors name the field at fault with a path such as `rules[2].cap`.
///
/// ```
/// use deputy_work::points::PointsError;
/// let err = PointsError::NegativeCap { field: "rules[2].cap".into(), value: "-5".parse()? };
/// assert_eq!(err.to_string(), "rules[2].cap: a cap must not be negative, got -5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PointsError {
    /// A date range whose end is before its start.
    #[error("{field}: end {end} is before start {start}")]
    EndBeforeStart {
        /// The field at fault, e.g. `in_force`.
        field: String,
        /// The start given.
        start: NaiveDate,
        /// The end given.
        end: NaiveDate,
    },
    /// A cap (or a floor/ceiling) that is negative where only magnitudes make sense.
    #[error("{field}: a cap must not be negative, got {value}")]
    NegativeCap {
        /// The field at fault, e.g. `rules[2].cap`.
        field: String,
        /// The value given.
        value: Decimal,
    },
    /// The total's floor is above its ceiling.
    #[error("floor: floor {floor} is above ceiling {ceiling}")]
    FloorAboveCeiling {
        /// The floor given.
        floor: Decimal,
        /// The ceiling given.
        ceiling: Decimal,
    },
    /// A required text field is empty.
    #[error("{field}: must not be empty")]
    Empty {
        /// The field at fault.
        field: String,
    },
    /// Two entries share a key that must be unique (a rule's kind, a band's code, …).
    #[error("{field}: `{key}` appears more than once")]
    Duplicate {
        /// The field at fault, e.g. `rules[3].kind`.
        field: String,
        /// The repeated key.
        key: String,
    },
    /// A rule's points and its bonuses have different signs, so a cap could
    /// not be applied act by act in the same way as in total.
    #[error("{field}: points {points} and rule points {rule_points} have different signs")]
    MixedSigns {
        /// The field at fault, e.g. `rules[1].bonuses[0].points`.
        field: String,
        /// The bonus points.
        points: Decimal,
        /// The rule's points.
        rule_points: Decimal,
    },
    /// A kind that is neither a standard kind nor a locality kind of the policy.
    #[error("{field}: unknown kind `{kind}`")]
    UnknownKind {
        /// The field at fault, e.g. `rules[4].kind` or `act R17`.
        field: String,
        /// The kind as written.
        kind: String,
    },
    /// Text that does not name a kind of duty act.
    #[error(
        "`{0}` is not a kind of duty act: expected a standard kind such as `attend_meeting` or `local:N`"
    )]
    BadKind(String),
    /// Bands out of order: each band must lie strictly below the one before it.
    #[error("{field}: bands must be listed from the highest to the lowest")]
    BandsUnsorted {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// Two bands cover the same scores.
    #[error("{field}: overlaps the band before it")]
    BandsOverlap {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// Scores between two bands that no band covers.
    #[error("{field}: leaves a gap below the band before it")]
    BandsGap {
        /// The band at fault, e.g. `bands[1]`.
        field: String,
    },
    /// A band's bounds are empty or open where they may not be.
    #[error("{field}: {problem}")]
    BadBand {
        /// The band at fault, e.g. `bands[0]`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A count (top N, years running, …) that must be at least one.
    #[error("{field}: must be at least 1")]
    Zero {
        /// The field at fault.
        field: String,
    },
    /// Honours must be listed with strictly increasing `top`.
    #[error("{field}: honours must be listed with strictly increasing `top`")]
    HonoursUnsorted {
        /// The honour at fault.
        field: String,
    },
    /// A reference to a band or honour code that the policy does not define.
    #[error("{field}: no band or honour has code `{code}`")]
    UnknownCode {
        /// The field at fault.
        field: String,
        /// The code referred to.
        code: String,
    },
    /// A code that must name an entry of one of the policy's lists (or of
    /// the roster's groups) and names none: a bonus's qualifier that the
    /// policy's `qualifiers` do not list, a rule's category, a role, the
    /// minimum or outcome a consequence names.
    ///
    /// ```
    /// use deputy_work::points::PointsError;
    /// let err = PointsError::NotListed {
    ///     field: "rules[2].bonuses[0].qualifiers".into(),
    ///     code: "lead".into(),
    ///     list: "the policy's qualifiers",
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rules[2].bonuses[0].qualifiers: names `lead`, which the policy's qualifiers do not list"
    /// );
    /// assert_eq!(err.message_zh(), "rules[2].bonuses[0].qualifiers：所指“lead”不在本办法列出的情形之列");
    /// ```
    #[error("{field}: names `{code}`, which {list} do not list")]
    NotListed {
        /// The field at fault, e.g. `rules[2].bonuses[0].qualifiers`.
        field: String,
        /// The code as written.
        code: String,
        /// The list it must come from, e.g. `the policy's qualifiers`.
        list: &'static str,
    },
    /// The period to score is not inside the dates the policy is in force.
    #[error("period {period:?} is not inside the policy's time in force {in_force:?}")]
    PeriodOutsidePolicy {
        /// The period asked for.
        period: Period,
        /// The policy's time in force.
        in_force: Period,
    },
    /// A tally from another policy or period was given to a scorer or merge.
    #[error("tally was made for {found}, expected {expected}")]
    TallyMismatch {
        /// What the scorer or receiving tally is for.
        expected: String,
        /// What the tally given is for.
        found: String,
    },
    /// Two tallies that saw the same act id cannot be merged exactly (the
    /// act would count twice); shard acts by id or by deputy instead.
    #[error("tallies overlap: act {first} (and {count} ids in all) were seen by both")]
    OverlappingTallies {
        /// The lowest act id seen by both.
        first: RecordId,
        /// How many ids both saw.
        count: u64,
    },
    /// A tally's stored data is inconsistent (wrong row length, unsorted ids, …).
    #[error("tally data: {0}")]
    BadTally(&'static str),
    /// A stored tally that no counting could have made: a counter, an id
    /// or a list that contradicts the rest of the tally, named by its place
    /// in the stored form (`rows[3][5]`, `stats.duplicates[0]`).
    #[error("tally data, {field}: {problem}")]
    CorruptTally {
        /// The place in the stored tally, e.g. `rows[3][5]`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A stored [`Ranking`](super::Ranking) is inconsistent (ranks that do
    /// not follow the totals, a deputy twice, an honour's list wrong).
    #[error("ranking data: {0}")]
    BadRanking(&'static str),
    /// A number grew past what can be represented.
    #[error("arithmetic overflow while {0}")]
    Overflow(&'static str),
    /// A rule of the language that cannot be applied as written (a tier
    /// table with a gap, a share that cannot add up, a veto without a band, …).
    #[error("{field}: {problem}")]
    BadRule {
        /// The field at fault, e.g. `rules[3].tiers[1]`.
        field: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// Text that is not a code: 1 to 23 characters of `a-z`, `0-9` and `_`,
    /// starting with a letter.
    #[error("`{0}` is not a code: 1 to 23 characters of a-z, 0-9 and _, starting with a letter")]
    BadCode(String),
    /// An act that says something impossible about itself or that its
    /// rule cannot take.
    #[error("act {act}: {problem}")]
    BadAct {
        /// The act at fault.
        act: RecordId,
        /// What is wrong.
        problem: &'static str,
    },
    /// An act of someone who is not on the roster.
    #[error("act {act}: deputy {deputy} is not on the roster")]
    NotOnRoster {
        /// The act at fault.
        act: RecordId,
        /// The deputy (or group) it names.
        deputy: DeputyId,
    },
    /// The policy scores groups or applies rules by role or level, so it
    /// needs a roster ([`Scorer::with_roster`](super::Scorer::with_roster)).
    #[error("the policy scores groups or applies rules by role or level: give a roster")]
    RosterNeeded,
    /// A per-act ledger replay is made for policies the fast path scores
    /// (points per act, bonuses and caps); the scorecard's aggregate ledger
    /// covers every policy.
    #[error("{0} is made for plain policies only; use the scorecard's ledger")]
    PlainOnly(&'static str),
    /// An act with a share or a correction cannot be added to a [`Tally`](super::Tally)
    /// one by one: score the acts together with [`Scorer::score`](super::Scorer::score).
    #[error(
        "act {act} has a share or corrects a record: score the acts together with Scorer::score"
    )]
    NeedsWholeScore {
        /// The act.
        act: RecordId,
    },
    /// Yearly scorecards for a several-years evaluation must be given oldest
    /// first, with periods that do not overlap.
    #[error("scorecards[{index}]: periods must be given oldest first and must not overlap")]
    CardsOutOfOrder {
        /// The index of the scorecard at fault.
        index: usize,
    },
}

impl Labelled for PointsError {
    /// A short Chinese name of the kind of error, e.g. 档次重叠.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::points::PointsError;
    /// let err = PointsError::BandsOverlap { field: "bands[1]".into() };
    /// assert_eq!((err.label_zh(), err.label_en()), ("档次重叠", "bands overlap"));
    /// ```
    fn label_zh(&self) -> &str {
        match self {
            Self::EndBeforeStart { .. } => "日期倒置",
            Self::NegativeCap { .. } => "上限为负数",
            Self::FloorAboveCeiling { .. } => "保底分高于封顶分",
            Self::Empty { .. } => "必填项为空",
            Self::Duplicate { .. } => "重复项",
            Self::MixedSigns { .. } => "分值正负不一致",
            Self::UnknownKind { .. } => "未知类别",
            Self::BadKind(_) => "类别无效",
            Self::BandsUnsorted { .. } => "档次顺序错误",
            Self::BandsOverlap { .. } => "档次重叠",
            Self::BandsGap { .. } => "档次间有空档",
            Self::BadBand { .. } => "档次设置有误",
            Self::Zero { .. } => "数值为零",
            Self::HonoursUnsorted { .. } => "评优顺序错误",
            Self::UnknownCode { .. } => "未知代码",
            Self::NotListed { .. } => "所指代码未列出",
            Self::PeriodOutsidePolicy { .. } => "期间超出施行期",
            Self::TallyMismatch { .. } => "计数不匹配",
            Self::OverlappingTallies { .. } => "计数重叠",
            Self::BadTally(_) => "计数数据有误",
            Self::CorruptTally { .. } => "计数数据不一致",
            Self::BadRanking(_) => "排名数据有误",
            Self::Overflow(_) => "数值溢出",
            Self::BadRule { .. } => "规则有误",
            Self::BadCode(_) => "代码无效",
            Self::BadAct { .. } => "履职记录有误",
            Self::NotOnRoster { .. } => "不在名册中",
            Self::RosterNeeded => "缺少名册",
            Self::PlainOnly(_) => "仅适用于简单办法",
            Self::NeedsWholeScore { .. } => "须整体计分",
            Self::CardsOutOfOrder { .. } => "积分表顺序错误",
        }
    }

    /// A short English name of the kind of error, e.g. `bands overlap`.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::points::PointsError;
    /// assert_eq!(PointsError::RosterNeeded.label_en(), "roster needed");
    /// ```
    fn label_en(&self) -> &str {
        match self {
            Self::EndBeforeStart { .. } => "end before start",
            Self::NegativeCap { .. } => "negative cap",
            Self::FloorAboveCeiling { .. } => "floor above ceiling",
            Self::Empty { .. } => "empty field",
            Self::Duplicate { .. } => "duplicate",
            Self::MixedSigns { .. } => "mixed signs",
            Self::UnknownKind { .. } => "unknown kind",
            Self::BadKind(_) => "bad kind",
            Self::BandsUnsorted { .. } => "bands unsorted",
            Self::BandsOverlap { .. } => "bands overlap",
            Self::BandsGap { .. } => "gap between bands",
            Self::BadBand { .. } => "bad band",
            Self::Zero { .. } => "zero count",
            Self::HonoursUnsorted { .. } => "honours unsorted",
            Self::UnknownCode { .. } => "unknown code",
            Self::NotListed { .. } => "code not listed",
            Self::PeriodOutsidePolicy { .. } => "period outside the policy",
            Self::TallyMismatch { .. } => "tally mismatch",
            Self::OverlappingTallies { .. } => "overlapping tallies",
            Self::BadTally(_) => "bad tally data",
            Self::CorruptTally { .. } => "corrupt tally",
            Self::BadRanking(_) => "bad ranking data",
            Self::Overflow(_) => "overflow",
            Self::BadRule { .. } => "bad rule",
            Self::BadCode(_) => "bad code",
            Self::BadAct { .. } => "bad act",
            Self::NotOnRoster { .. } => "not on the roster",
            Self::RosterNeeded => "roster needed",
            Self::PlainOnly(_) => "plain policies only",
            Self::NeedsWholeScore { .. } => "needs a whole score",
            Self::CardsOutOfOrder { .. } => "scorecards out of order",
        }
    }
}

impl PointsError {
    /// The whole message in Chinese, with the same data as the English
    /// [`Display`](std::fmt::Display): the field at fault, ids, codes,
    /// numbers and dates. Field paths (`rules[2].cap`) and codes stay as
    /// written in the policy file, so that the reader can find them.
    ///
    /// ```
    /// use deputy_work::common::RecordId;
    /// use deputy_work::points::PointsError;
    /// let err = PointsError::NegativeCap { field: "rules[2].cap".into(), value: "-5".parse()? };
    /// assert_eq!(err.message_zh(), "rules[2].cap：上限不得为负数，现为 -5");
    /// let err = PointsError::BadAct { act: RecordId::new(7), problem: "names no kind" };
    /// assert_eq!(err.message_zh(), "记录 R7：未指定类别");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        match self {
            Self::EndBeforeStart { field, start, end } => {
                format!("{field}：结束日期 {end} 早于开始日期 {start}")
            }
            Self::NegativeCap { field, value } => format!("{field}：上限不得为负数，现为 {value}"),
            Self::FloorAboveCeiling { floor, ceiling } => {
                format!("floor：保底分 {floor} 高于封顶分 {ceiling}")
            }
            Self::Empty { field } => format!("{field}：不得为空"),
            Self::Duplicate { field, key } => format!("{field}：“{key}”重复出现"),
            Self::MixedSigns {
                field,
                points,
                rule_points,
            } => format!("{field}：分值 {points} 与规则分值 {rule_points} 正负不一致"),
            Self::UnknownKind { field, kind } => format!("{field}：未知类别“{kind}”"),
            Self::BadKind(text) => {
                format!("“{text}”不是履职事项类别：应为 attend_meeting 等标准类别或者 local:N")
            }
            Self::BandsUnsorted { field } => format!("{field}：档次须按从高到低排列"),
            Self::BandsOverlap { field } => format!("{field}：与上一档重叠"),
            Self::BandsGap { field } => format!("{field}：与上一档之间留有空档"),
            Self::BadBand { field, problem } | Self::BadRule { field, problem } => {
                format!("{field}：{}", zh(problem))
            }
            Self::Zero { field } => format!("{field}：不得小于 1"),
            Self::HonoursUnsorted { field } => format!("{field}：评优须按 top 严格递增排列"),
            Self::UnknownCode { field, code } => {
                format!("{field}：没有代码为“{code}”的档次或者评优")
            }
            Self::NotListed { field, code, list } => {
                format!("{field}：所指“{code}”不在{}之列", zh(list))
            }
            Self::PeriodOutsidePolicy { period, in_force } => format!(
                "计分期间 {} 至 {} 不在办法施行期 {} 至 {} 内",
                period.start(),
                period.end(),
                in_force.start(),
                in_force.end()
            ),
            Self::TallyMismatch { expected, found } => {
                format!("计数所属为 {found}，应为 {expected}")
            }
            Self::OverlappingTallies { first, count } => {
                format!("两份计数重叠：记录 {first}（共 {count} 个编号）在两份计数中均已出现")
            }
            Self::BadTally(problem) => format!("计数数据有误：{}", zh(problem)),
            Self::CorruptTally { field, problem } => {
                format!("计数数据不一致，{field}：{}", zh(problem))
            }
            Self::BadRanking(problem) => format!("排名数据有误：{}", zh(problem)),
            Self::Overflow(what) => format!("{}时数值溢出", zh(what)),
            Self::BadCode(text) => format!(
                "“{text}”不是有效代码：须为 1 至 23 个字符，由 a-z、0-9 和 _ 组成，以字母开头"
            ),
            Self::BadAct { act, problem } => format!("记录 {act}：{}", zh(problem)),
            Self::NotOnRoster { act, deputy } => format!("记录 {act}：代表 {deputy} 不在名册中"),
            Self::RosterNeeded => {
                "该办法按代表小组计分，或者按角色、层级适用规则，须提供名册".to_owned()
            }
            Self::PlainOnly(what) => {
                format!("{}仅适用于简单积分办法，请使用积分表中的明细", zh(what))
            }
            Self::NeedsWholeScore { act } => format!(
                "记录 {act} 设有分摊份额或者更正其他记录，须用 Scorer::score 对全部记录一并计分"
            ),
            Self::CardsOutOfOrder { index } => {
                format!("scorecards[{index}]：各年度积分表须按时间先后排列，期间不得重叠")
            }
        }
    }
}

/// The Chinese of every fixed English text the engine puts in an error
/// (a problem, a step that overflowed, what is for plain policies only),
/// sorted by the English. A unit test holds it to the texts in the source.
const ZH: &[(&str, &str)] = &[
    (
        "`at_least` must be below `below`",
        "`at_least` 须小于 `below`",
    ),
    (
        "a bonus counter exceeds its rule's counter",
        "奖励计数超过其规则的计数",
    ),
    (
        "a correction must name an earlier record (a lower id)",
        "更正须指向此前的记录（编号较小者）",
    ),
    (
        "a counter is set but no act was counted",
        "未计入任何履职行为，却有计数不为零",
    ),
    ("a deduction is not positive", "扣分值须大于零"),
    ("a deputy appears twice", "同一代表出现两次"),
    (
        "a duplicate must be an id the tally has seen",
        "重复记录须为计数已见过的编号",
    ),
    ("a list of more than 65,535 entries", "列表超过 65,535 项"),
    ("a per-act ledger", "逐条明细"),
    (
        "a record either amends or annuls, not both",
        "一条记录只能修改或者撤销另一条记录，不能兼有",
    ),
    ("a row does not fit the policy", "某行与积分办法不符"),
    (
        "a row has the wrong number of counters",
        "某行的计数器个数不符",
    ),
    (
        "a row must hold one counter per slot of the key",
        "每行须按计数键的计数位各有一个计数",
    ),
    (
        "a rule with nth or quota cannot be shared",
        "按次序或者定额计分的规则不能分摊",
    ),
    (
        "a rule with nth or quota has no bonuses",
        "按次序或者定额计分的规则不设附加分",
    ),
    ("a state has 2 to 64 options", "情形须有 2 至 64 个选项"),
    (
        "a stored tally holds at most 2^32 acts (MAX_STORED_ACTS)",
        "存储的计数至多容纳 2^32 条履职记录（MAX_STORED_ACTS）",
    ),
    ("a tally", "计数"),
    (
        "a tally never counts this: it must be 0",
        "计数从不统计此项，须为 0",
    ),
    (
        "a veto item needs a target band (or disqualify = true)",
        "一票否决项须指定档次（或者设 disqualify = true）",
    ),
    (
        "acts were seen but no deputy has a row",
        "已见履职记录，却没有任何代表的行",
    ),
    ("adding points", "累加积分"),
    ("adding points by kind", "按类别累加积分"),
    (
        "an entry holds an honour the ranking does not list",
        "有代表获得了排名未列出的荣誉",
    ),
    (
        "an honour must list the deputies holding it, in rank order",
        "评优名单须列出获此评优的代表，按名次排列",
    ),
    (
        "applies to nth and quota only",
        "仅适用于按次序或者定额计分",
    ),
    ("at most 10 decimal places", "小数不得超过 10 位"),
    ("at_least is above at_most", "at_least 大于 at_most"),
    ("at_least must be below `below`", "at_least 须小于 `below`"),
    (
        "bringing points to the policy's precision",
        "将积分换算为办法规定的精度",
    ),
    (
        "bringing the policy's numbers to one scale",
        "统一办法中各数值的精度",
    ),
    (
        "corrects a record of another deputy",
        "更正了其他代表的记录",
    ),
    (
        "corrects a record that is not among the acts",
        "所更正的记录不在履职记录中",
    ),
    ("counting acts", "统计记录条数"),
    ("counting bonuses", "统计附加分项"),
    ("counting deputies", "统计代表人数"),
    ("counting lines", "统计明细行数"),
    ("counting measures", "统计计量项"),
    ("counting occurrences", "统计次数"),
    ("counting occurrences by kind", "按类别统计次数"),
    ("counting occurrences for a ledger line", "统计明细行的次数"),
    ("counting options", "统计选项数"),
    ("counting rules", "统计规则数"),
    ("counting states", "统计情形数"),
    ("duplicates must be sorted", "重复记录须按编号排序"),
    (
        "entries must be in rank order (highest total first, then deputy id), ranked 1, 2, 2, 4",
        "条目须按名次排列（总分从高到低，同分按代表编号），名次为 1、2、2、4 式",
    ),
    (
        "every tier but the last needs at_least, and every tier but the first needs below, equal to the next tier's",
        "除最后一档外，每档须设 at_least；除第一档外，每档须设 below，并与相邻一档衔接",
    ),
    ("from is above to", "from 大于 to"),
    (
        "give `qualifier` or `qualifiers`, not both",
        "`qualifier` 与 `qualifiers` 只能填写其一",
    ),
    (
        "give a band or disqualify, not both",
        "档次与取消资格只能填写其一",
    ),
    (
        "give at_least, at_most or both",
        "须填写 at_least、at_most 或者两者",
    ),
    (
        "give both label_zh and label_en, or neither",
        "label_zh 与 label_en 须同时填写或者同时省略",
    ),
    (
        "give exactly one of top, ranks and bottom",
        "top、ranks、bottom 须填写且只能填写其一",
    ),
    (
        "give one of points, points_by_role, points_by_qualifier, tiers, nth and quota",
        "points、points_by_role、points_by_qualifier、tiers、nth、quota 须填写其一",
    ),
    (
        "has a share, but its rule does not split acts among proposers",
        "记录设有分摊份额，但其规则不在提出人之间分摊",
    ),
    (
        "has a share, but no rule scores its kind",
        "记录设有分摊份额，但没有规则为其类别计分",
    ),
    (
        "id runs must be sorted and disjoint, and hold one id per act that is not a duplicate",
        "编号区间须有序且互不重叠，每条非重复记录对应一个编号",
    ),
    ("indexing counters", "编排计数器"),
    ("indexing deputies", "编排代表索引"),
    ("indexing kinds", "编排类别索引"),
    ("indexing lines", "编排明细行索引"),
    ("indexing measures", "编排计量项索引"),
    ("indexing rules", "编排规则索引"),
    ("indexing shares", "编排分摊索引"),
    ("indexing states", "编排情形索引"),
    (
        "its rule scores by tiers, but it has no value",
        "其规则按档计分，但记录没有数值",
    ),
    (
        "leaves a gap below the tier before it",
        "与上一档之间留有空档",
    ),
    ("making a quarter", "划分季度"),
    ("making the scorecard", "生成积分表"),
    (
        "measure = members and each_member do not go together",
        "measure = members 与 each_member 不能同时使用",
    ),
    (
        "members are counted for groups only",
        "仅代表小组可以按成员计数",
    ),
    (
        "members are measured for groups only",
        "仅代表小组可以按成员计量",
    ),
    ("merging tallies", "合并计数"),
    (
        "missed_any_minimum is written `true`",
        "missed_any_minimum 应写作 `true`",
    ),
    (
        "more rows have counters set than acts were counted",
        "计数不为零的行多于计入的履职行为",
    ),
    (
        "more rule counters are set than acts were counted",
        "不为零的规则计数多于计入的履职行为",
    ),
    ("multiplying points", "计算积分"),
    (
        "must lie between 0 and 1 so that the parts can add up",
        "须在 0 与 1 之间，各份额方能合计",
    ),
    (
        "names more proposers than its rule allows",
        "提出人数超过其规则允许的人数",
    ),
    ("names no kind", "未指定类别"),
    ("names no qualifier and no role", "未指定情形，也未指定角色"),
    ("names no requirement", "未指定要求"),
    ("names no role and no level", "未指定角色，也未指定层级"),
    ("not with nth or quota", "不能与按次序或者定额计分同时使用"),
    (
        "not with nth, quota or highest_only",
        "不能与按次序计分、定额计分或者只计最高分同时使用",
    ),
    ("numbering quarters", "季度编号"),
    (
        "only the last (lowest) band may omit `at_least`",
        "只有最后（最低）一档可以省略 `at_least`",
    ),
    (
        "overlaps the tier before it (tiers are listed highest first)",
        "与上一档重叠（各档按从高到低排列）",
    ),
    ("ranking", "排名"),
    ("resolving corrections", "处理更正记录"),
    (
        "rows must be sorted by deputy, one row per deputy",
        "各行须按代表排序，每名代表一行",
    ),
    ("scoring a quota", "计算定额积分"),
    (
        "share: position must lie in 1..=of",
        "分摊份额：位次须在 1 至 of 之间",
    ),
    ("sharing points", "分摊积分"),
    ("sizing counters", "分配计数器"),
    ("statistics overflow", "统计数溢出"),
    ("the category tree has a cycle", "类别树中存在循环"),
    (
        "the counters hold fewer occurrences than were counted",
        "各计数合计少于计入的次数",
    ),
    (
        "the first step is from 1, and each step starts after the one before",
        "第一步须从 1 开始，每一步须在前一步之后开始",
    ),
    ("the floor is above the cap", "保底分高于上限"),
    (
        "the kind already has a rule or a state: a kind is scored once",
        "该类别已有规则或者情形：同一类别只计分一次",
    ),
    ("the policy's act roles", "本办法列出的履职角色"),
    ("the policy's categories", "本办法列出的类别"),
    ("the policy's minimums", "本办法列出的最低履职要求"),
    ("the policy's outcomes", "本办法列出的评定结果"),
    ("the policy's qualifiers", "本办法列出的情形"),
    ("the policy's roles", "本办法列出的名册角色"),
    ("the roster's groups", "名册列出的代表小组"),
    (
        "the rules' counters do not sum to the quantities counted",
        "各规则计数之和与计入的次数合计不符",
    ),
    ("writing points as a decimal", "将积分写为小数"),
];

/// The Chinese of a fixed English text of an error; the English itself for
/// a text the table does not hold (one a caller made up: the message stays
/// whole, in English).
fn zh(en: &str) -> &str {
    ZH.binary_search_by(|(k, _)| (*k).cmp(en))
        .ok()
        .and_then(|i| ZH.get(i))
        .map_or(en, |(_, z)| z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Which variant `e` is: a match with no wildcard, so that a new
    /// variant must be added here (and to `every_variant`).
    fn which(e: &PointsError) -> usize {
        use PointsError as E;
        match e {
            E::EndBeforeStart { .. } => 0,
            E::NegativeCap { .. } => 1,
            E::FloorAboveCeiling { .. } => 2,
            E::Empty { .. } => 3,
            E::Duplicate { .. } => 4,
            E::MixedSigns { .. } => 5,
            E::UnknownKind { .. } => 6,
            E::BadKind(_) => 7,
            E::BandsUnsorted { .. } => 8,
            E::BandsOverlap { .. } => 9,
            E::BandsGap { .. } => 10,
            E::BadBand { .. } => 11,
            E::Zero { .. } => 12,
            E::HonoursUnsorted { .. } => 13,
            E::UnknownCode { .. } => 14,
            E::PeriodOutsidePolicy { .. } => 15,
            E::TallyMismatch { .. } => 16,
            E::OverlappingTallies { .. } => 17,
            E::BadTally(_) => 18,
            E::Overflow(_) => 19,
            E::BadRule { .. } => 20,
            E::BadCode(_) => 21,
            E::BadAct { .. } => 22,
            E::NotOnRoster { .. } => 23,
            E::RosterNeeded => 24,
            E::PlainOnly(_) => 25,
            E::NeedsWholeScore { .. } => 26,
            E::CardsOutOfOrder { .. } => 27,
            E::CorruptTally { .. } => 28,
            E::BadRanking(_) => 29,
            E::NotListed { .. } => 30,
        }
    }
    const VARIANTS: usize = 31;

    /// One error of each variant, with the pieces of data its Chinese
    /// message must carry and a piece of Chinese it must say.
    fn every_variant() -> Vec<(PointsError, Vec<&'static str>, &'static str)> {
        use PointsError as E;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        vec![
            (
                E::EndBeforeStart {
                    field: "in_force".into(),
                    start: d(2025, 3, 1),
                    end: d(2024, 1, 31),
                },
                vec!["in_force", "2025-03-01", "2024-01-31"],
                "早于",
            ),
            (
                E::NegativeCap {
                    field: "rules[2].cap".into(),
                    value: "-5.5".parse().unwrap(),
                },
                vec!["rules[2].cap", "-5.5"],
                "负数",
            ),
            (
                E::FloorAboveCeiling {
                    floor: "90".parse().unwrap(),
                    ceiling: "80.5".parse().unwrap(),
                },
                vec!["floor", "90", "80.5"],
                "高于",
            ),
            (
                E::Empty {
                    field: "local_kinds[3].label_zh".into(),
                },
                vec!["local_kinds[3].label_zh"],
                "不得为空",
            ),
            (
                E::Duplicate {
                    field: "rules[4].kind".into(),
                    key: "leave".into(),
                },
                vec!["rules[4].kind", "leave"],
                "重复",
            ),
            (
                E::MixedSigns {
                    field: "rules[1].bonuses[0].points".into(),
                    points: "-2".parse().unwrap(),
                    rule_points: "3".parse().unwrap(),
                },
                vec!["rules[1].bonuses[0].points", "-2", "3"],
                "正负",
            ),
            (
                E::UnknownKind {
                    field: "rules[5].kind".into(),
                    kind: "local:77".into(),
                },
                vec!["rules[5].kind", "local:77"],
                "未知类别",
            ),
            (E::BadKind("Leave!".into()), vec!["Leave!"], "类别"),
            (
                E::BandsUnsorted {
                    field: "bands[1]".into(),
                },
                vec!["bands[1]"],
                "从高到低",
            ),
            (
                E::BandsOverlap {
                    field: "bands[2]".into(),
                },
                vec!["bands[2]"],
                "重叠",
            ),
            (
                E::BandsGap {
                    field: "bands[3]".into(),
                },
                vec!["bands[3]"],
                "空档",
            ),
            (
                E::BadBand {
                    field: "bands[0]".into(),
                    problem: "`at_least` must be below `below`",
                },
                vec!["bands[0]", "`at_least`", "`below`"],
                "须小于",
            ),
            (
                E::Zero {
                    field: "honours[0].top".into(),
                },
                vec!["honours[0].top", "1"],
                "不得小于",
            ),
            (
                E::HonoursUnsorted {
                    field: "honours[1].top".into(),
                },
                vec!["honours[1].top", "top"],
                "递增",
            ),
            (
                E::UnknownCode {
                    field: "consequences[0].when".into(),
                    code: "awful".into(),
                },
                vec!["consequences[0].when", "awful"],
                "没有代码",
            ),
            (
                E::NotListed {
                    field: "rules[1].category".into(),
                    code: "meetings".into(),
                    list: "the policy's categories",
                },
                vec!["rules[1].category", "meetings"],
                "本办法列出的类别",
            ),
            (
                E::PeriodOutsidePolicy {
                    period: Period::year(2040).unwrap(),
                    in_force: Period::new(d(2024, 1, 1), d(2028, 12, 31)).unwrap(),
                },
                vec!["2040-01-01", "2040-12-31", "2024-01-01", "2028-12-31"],
                "施行期",
            ),
            (
                E::TallyMismatch {
                    expected: "policy `a` version `1`".into(),
                    found: "policy `b` version `2`".into(),
                },
                vec!["policy `a` version `1`", "policy `b` version `2`"],
                "应为",
            ),
            (
                E::OverlappingTallies {
                    first: RecordId::new(42),
                    count: 7,
                },
                vec!["R42", "7"],
                "重叠",
            ),
            (
                E::BadTally("a deputy appears twice"),
                vec![],
                "同一代表出现两次",
            ),
            (
                E::CorruptTally {
                    field: "rows[3][5]".into(),
                    problem: "a bonus counter exceeds its rule's counter",
                },
                vec!["rows[3][5]"],
                "奖励",
            ),
            (
                E::BadRanking("a deputy appears twice"),
                vec![],
                "排名数据有误：同一代表出现两次",
            ),
            (
                E::Overflow("counting deputies"),
                vec![],
                "统计代表人数时数值溢出",
            ),
            (
                E::BadRule {
                    field: "rules[3].tiers[1]".into(),
                    problem: "leaves a gap below the tier before it",
                },
                vec!["rules[3].tiers[1]"],
                "空档",
            ),
            (E::BadCode("9lives".into()), vec!["9lives", "23"], "代码"),
            (
                E::BadAct {
                    act: RecordId::new(17),
                    problem: "share: position must lie in 1..=of",
                },
                vec!["R17", "1", "of"],
                "分摊",
            ),
            (
                E::NotOnRoster {
                    act: RecordId::new(5),
                    deputy: DeputyId::new(12),
                },
                vec!["R5", "D12"],
                "名册",
            ),
            (E::RosterNeeded, vec![], "名册"),
            (E::PlainOnly("a per-act ledger"), vec![], "逐条明细"),
            (
                E::NeedsWholeScore {
                    act: RecordId::new(9),
                },
                vec!["R9", "Scorer::score"],
                "一并计分",
            ),
            (
                E::CardsOutOfOrder { index: 3 },
                vec!["scorecards[3]"],
                "先后",
            ),
        ]
    }

    #[test]
    fn every_variant_has_a_chinese_message_with_its_data_and_labels() {
        let all = every_variant();
        let mut seen = [false; VARIANTS];
        for (err, data, says) in &all {
            seen[which(err)] = true;
            let zh = err.message_zh();
            let en = err.to_string();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(zh.contains(says), "{zh} should say {says}");
            for piece in data {
                assert!(zh.contains(piece), "{zh} should carry {piece}");
                assert!(en.contains(piece), "{en} should carry {piece}");
            }
            assert!(!err.label_zh().is_empty() && !err.label_en().is_empty());
            assert!(!err.label_zh().is_ascii(), "{}", err.label_zh());
        }
        assert!(seen.iter().all(|s| *s), "a variant is missing: {seen:?}");
        // Labels tell the kinds of error apart.
        let mut labels: Vec<&str> = all.iter().map(|(e, _, _)| e.label_zh()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), VARIANTS);
    }

    #[test]
    fn the_chinese_table_is_sorted_and_whole_and_a_made_up_text_stays_english() {
        assert!(ZH.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no repeats");
        assert!(ZH.iter().all(|(en, z)| !en.is_empty() && !z.is_empty()));
        assert!(ZH.iter().all(|(en, _)| zh(en) != *en));
        let made_up = PointsError::BadRule {
            field: "rules[0]".into(),
            problem: "something new",
        };
        assert_eq!(made_up.message_zh(), "rules[0]：something new");
    }

    /// The string literal starting at `s[i..]` (after blanks), if any.
    fn literal_at(s: &str, i: usize) -> Option<&str> {
        let rest = s.get(i..)?.trim_start();
        let body = rest.strip_prefix('"')?;
        body.find('"').and_then(|end| body.get(..end))
    }

    /// The last string literal among the top-level arguments of the call
    /// whose `(` ends just before `s[i..]`.
    fn last_argument_literal(s: &str, i: usize) -> Option<&str> {
        let bytes = s.as_bytes();
        let (mut depth, mut j, mut last) = (1_usize, i, None);
        while depth > 0 && j < bytes.len() {
            match bytes[j] {
                b'"' => {
                    let end = j + 1 + s[j + 1..].find('"')?;
                    if depth == 1 {
                        last = Some(&s[j + 1..end]);
                    }
                    j = end;
                }
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        last
    }

    #[test]
    fn every_fixed_text_of_an_error_in_the_source_has_its_chinese() {
        let sources = [
            include_str!("act.rs"),
            include_str!("code.rs"),
            include_str!("general.rs"),
            include_str!("history.rs"),
            include_str!("idset.rs"),
            include_str!("language.rs"),
            include_str!("plan.rs"),
            include_str!("par.rs"),
            include_str!("policy.rs"),
            include_str!("ranking.rs"),
            include_str!("roster.rs"),
            include_str!("scorecard.rs"),
            include_str!("tally.rs"),
        ];
        let mut found = 0;
        for source in sources {
            // The code, not its tests or comments.
            let code = source.split("#[cfg(test)]\nmod tests").next().unwrap();
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for marker in [
                "problem:",
                "Overflow(",
                "overflow(",
                "list:",
                "BadTally(",
                "BadRanking(",
                "PlainOnly(",
                "plain_only(",
            ] {
                for (i, _) in code.match_indices(marker) {
                    if let Some(text) = literal_at(&code, i + marker.len()) {
                        assert_ne!(zh(text), text, "no Chinese for `{text}`");
                        found += 1;
                    }
                }
            }
            for call in ["bad(", "not_listed("] {
                for (i, _) in code.match_indices(call) {
                    let before = code[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    if let Some(text) = last_argument_literal(&code, i + call.len()) {
                        assert_ne!(zh(text), text, "no Chinese for `{text}`");
                        found += 1;
                    }
                }
            }
        }
        // The scan saw the texts (it is not vacuous).
        assert!(found > 80, "{found}");
    }
}

//! Chinese text for people: what an event, a trail entry or an overdue item
//! says, with its data, and with unit names and class labels where the
//! caller gives them.

use core::fmt;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::model::{actor_zh, date_zh};
use super::register::{OverdueItem, PublicItem, RegisterCounts};
use super::{Code, Event, Policy, TrailEntry};
use crate::common::{Labelled, UnitId};

/// What the text shows beside ids and codes, if the caller gave it.
#[derive(Clone, Copy)]
struct Names<'a> {
    policy: Option<&'a Policy>,
    units: Option<&'a BTreeMap<UnitId, String>>,
}

impl Names<'_> {
    const NONE: Names<'static> = Names {
        policy: None,
        units: None,
    };

    /// `市交通运输局（U106）` with a name, `U106` without.
    fn unit(&self, unit: UnitId) -> String {
        match self.units.and_then(|u| u.get(&unit)) {
            Some(name) => format!("{name}（{unit}）"),
            None => unit.to_string(),
        }
    }

    fn units(&self, units: &[UnitId]) -> String {
        units
            .iter()
            .map(|u| self.unit(*u))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// `A类（已解决或者采纳）` with the policy, `A类` without.
    fn class(&self, code: Code) -> String {
        match self.policy.and_then(|p| p.class(code.as_str())) {
            Some(c) => format!("{code}类（{}）", c.label_zh),
            None => format!("{code}类"),
        }
    }

    /// The reason's label and code with the policy, its code without.
    fn reason(&self, code: Code) -> String {
        match self.policy.and_then(|p| p.reason(code.as_str())) {
            Some(r) => format!("{}（{code}）", r.label_zh),
            None => code.to_string(),
        }
    }
}

fn due(date: NaiveDate) -> String {
    format!("限{}前答复", date_zh(date))
}

fn late(late: bool) -> &'static str {
    if late { "（逾期）" } else { "" }
}

fn write_event(f: &mut fmt::Formatter<'_>, e: &Event, n: Names<'_>) -> fmt::Result {
    use crate::common::DeputyId;
    let deputies = |ds: &[DeputyId]| {
        ds.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、")
    };
    match e {
        Event::Drafted {
            lead,
            title,
            co_signers,
        } => {
            write!(f, "代表 {lead} 起草建议《{title}》")?;
            if !co_signers.is_empty() {
                write!(f, "，附议代表 {}", deputies(co_signers))?;
            }
            Ok(())
        }
        Event::NotRegistered {
            reason,
            reference_opinion,
        } => {
            write!(f, "不予立案，理由：{}", n.reason(*reason))?;
            if *reference_opinion {
                f.write_str("；转为参阅件")?;
            }
            Ok(())
        }
        Event::MergedInto { primary } => write!(f, "并入建议 {primary} 办理"),
        Event::Absorbed { item } => {
            write!(f, "建议 {}（领衔代表 {}）并入本件办理", item.id, item.lead)
        }
        Event::Assigned {
            lead_unit,
            co_units,
            reply,
            dispute_until,
            views_due,
        } => {
            write!(f, "交办主办单位 {}", n.unit(*lead_unit))?;
            if !co_units.is_empty() {
                write!(f, "，协办单位 {}", n.units(co_units))?;
            }
            write!(
                f,
                "，{}；异议期限至{}",
                due(reply.due),
                date_zh(*dispute_until)
            )?;
            if !co_units.is_empty() {
                write!(f, "；协办意见限{}前提出", date_zh(*views_due))?;
            }
            Ok(())
        }
        Event::Disputed { unit, reason } => {
            write!(f, "承办单位 {} 申请调整交办：{reason}", n.unit(*unit))
        }
        Event::ViewsSent { unit, late: l } => {
            write!(f, "协办单位 {} 提出协办意见{}", n.unit(*unit), late(*l))
        }
        Event::ExtensionRequested { unit, until } => write!(
            f,
            "承办单位 {} 申请延期至{}",
            n.unit(*unit),
            date_zh(*until)
        ),
        Event::ExtensionGranted { unit, reply } => {
            write!(f, "同意承办单位 {} 延期，{}", n.unit(*unit), due(reply.due))
        }
        Event::Replied { reply } => {
            write!(f, "答复代表：{}{}", n.class(reply.class), late(reply.late))
        }
        Event::FeedbackGiven { feedback } => {
            write!(
                f,
                "代表 {} 反馈意见：{}",
                feedback.by,
                feedback.verdict.label_zh()
            )?;
            if let Some(a) = feedback.attitude {
                write!(f, "，办理态度{}", a.label_zh())?;
            }
            Ok(())
        }
        Event::RehandlingOrdered { reply } => write!(f, "重新办理，{}", due(reply.due)),
        Event::Closed {
            resolved,
            follow_up,
        } => f.write_str(match (resolved, follow_up) {
            (true, _) => "办结（已解决）",
            (false, true) => "办结（跟踪落实）",
            (false, false) => "办结（未解决）",
        }),
        Event::MarkedKey { key } => write!(
            f,
            "确定为重点督办建议，督办领导 {}，督办单位 {}",
            key.leader,
            n.unit(key.committee)
        ),
        Event::LookBackStarted { reply } => write!(f, "回头看，{}", due(reply.due)),
        Event::FollowUpReplied { reply, solved } => write!(
            f,
            "跟踪落实答复：{}{}{}",
            n.class(reply.class),
            late(reply.late),
            if *solved { "，已解决" } else { "" }
        ),
        Event::DraftedForGroup { title, group } => {
            write!(
                f,
                "以{} {} 名义起草建议《{title}》，召集人 {}",
                group.kind.label_zh(),
                group.group,
                group.convenor
            )?;
            if let Some(via) = group.via {
                write!(f, "，经 {} 转交答复", n.unit(via))?;
            }
            Ok(())
        }
        Event::AssignedSeparately {
            units,
            reply,
            dispute_until,
        } => write!(
            f,
            "分别交办承办单位 {}，各{}；异议期限至{}",
            n.units(units),
            due(reply.due),
            date_zh(*dispute_until)
        ),
        Event::Accepted { unit } => write!(f, "承办单位 {} 签收", n.unit(*unit)),
        Event::SelfHandlingStarted { reply } => write!(f, "自行办理，{}", due(reply.due)),
        Event::UnitReplied { unit, reply } => write!(
            f,
            "承办单位 {} 答复：{}{}",
            n.unit(*unit),
            n.class(reply.class),
            late(reply.late)
        ),
        Event::Contacted {
            deputy,
            phase,
            face_to_face,
        } => write!(
            f,
            "{}联系代表 {deputy}（{}）",
            phase.label_zh(),
            if *face_to_face {
                "当面"
            } else {
                "电话或书面"
            }
        ),
        Event::Linked { earlier } => {
            let items: Vec<String> = earlier
                .iter()
                .map(|l| format!("{}（{}）", l.id, if l.solved { "已解决" } else { "未解决" }))
                .collect();
            write!(f, "关联以往建议 {}", items.join("、"))
        }
        Event::CarriedOver { year, decision } => {
            write!(f, "转入 {year} 年度跟踪督办（{decision}）")
        }
        Event::Submitted
        | Event::Registered
        | Event::Withdrawn
        | Event::Escalated
        | Event::Reminded
        | Event::MarkedConfidential => f.write_str(e.label_zh()),
    }
}

impl fmt::Display for Event {
    /// What happened, in Chinese, with the event's data: ids, codes and
    /// dates (see [`Event::describe_zh`] for unit names and class labels).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::{Deadline, Event};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let e = Event::ExtensionGranted { unit: UnitId::new(31), reply: Deadline::new(d(6, 30), 15)? };
    /// assert_eq!(e.to_string(), "同意承办单位 U31 延期，限2025年6月30日前答复");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_event(f, self, Names::NONE)
    }
}

/// [`Event`] as text with names, for [`Event::describe_zh`].
struct Described<'a> {
    event: &'a Event,
    names: Names<'a>,
}

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_event(f, self.event, self.names)
    }
}

impl Event {
    /// What happened, in Chinese, as [`Display`](fmt::Display) says it,
    /// with each unit's name beside its id (where `units` has it) and each
    /// reply class's and reason's label beside its code (from `policy`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::{samples, Deadline, Event, Policy};
    /// use deputy_work::common::UnitId;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let e = Event::Assigned {
    ///     lead_unit: UnitId::new(106), co_units: vec![],
    ///     reply: Deadline::new(d(6, 30), 15)?, dispute_until: d(4, 9), views_due: d(4, 30),
    /// };
    /// assert_eq!(
    ///     e.describe_zh(&Policy::seed(), &samples::unit_names()),
    ///     "交办主办单位 市交通运输局（U106），限2025年6月30日前答复；异议期限至2025年4月9日"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn describe_zh(&self, policy: &Policy, units: &BTreeMap<UnitId, String>) -> String {
        Described {
            event: self,
            names: Names {
                policy: Some(policy),
                units: Some(units),
            },
        }
        .to_string()
    }
}

impl Labelled for Event {
    /// The Chinese name of the kind of event (as [`Event::label_zh`]).
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::Event;
    /// assert_eq!(Labelled::label_zh(&Event::Reminded), "催办");
    /// ```
    fn label_zh(&self) -> &str {
        Self::label_zh(self)
    }

    /// A short English name of the kind of event.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::suggestion::Event;
    /// assert_eq!(Event::Reminded.label_en(), "reminded");
    /// ```
    fn label_en(&self) -> &str {
        match self {
            Self::Drafted { .. } => "drafted",
            Self::Submitted => "submitted",
            Self::Registered => "registered",
            Self::NotRegistered { .. } => "not registered",
            Self::Withdrawn => "withdrawn",
            Self::MergedInto { .. } => "merged into another",
            Self::Absorbed { .. } => "took in a merged item",
            Self::Assigned { .. } => "assigned",
            Self::Disputed { .. } => "assignment disputed",
            Self::ViewsSent { .. } => "co-handling views sent",
            Self::ExtensionRequested { .. } => "extension requested",
            Self::ExtensionGranted { .. } => "extension granted",
            Self::Replied { .. } => "replied",
            Self::FeedbackGiven { .. } => "feedback given",
            Self::RehandlingOrdered { .. } => "sent back for re-handling",
            Self::Escalated => "consultation or special explanation",
            Self::Closed { .. } => "closed",
            Self::MarkedKey { .. } => "marked key",
            Self::Reminded => "reminded",
            Self::LookBackStarted { .. } => "look-back started",
            Self::FollowUpReplied { .. } => "follow-up reply",
            Self::DraftedForGroup { .. } => "drafted for a group",
            Self::AssignedSeparately { .. } => "assigned separately",
            Self::Accepted { .. } => "accepted",
            Self::SelfHandlingStarted { .. } => "handled by the office",
            Self::UnitReplied { .. } => "a unit replied",
            Self::Contacted { .. } => "deputy contacted",
            Self::MarkedConfidential => "marked confidential",
            Self::Linked { .. } => "earlier items linked",
            Self::CarriedOver { .. } => "carried over",
        }
    }
}

impl super::Actor {
    /// Who acted, in Chinese with the id, and a unit's name beside its id
    /// where `units` has it.
    ///
    /// ```
    /// use deputy_work::common::{PersonId, UnitId};
    /// use deputy_work::suggestion::{samples, Actor};
    /// let names = samples::unit_names();
    /// assert_eq!(Actor::Unit(UnitId::new(112)).describe_zh(&names), "承办单位 市水利局（U112）");
    /// assert_eq!(Actor::Office(PersonId::new(9)).describe_zh(&names), "代表工作机构 M9");
    /// ```
    #[must_use]
    pub fn describe_zh(&self, units: &BTreeMap<UnitId, String>) -> String {
        match self {
            Self::Unit(u) => {
                let names = Names {
                    policy: None,
                    units: Some(units),
                };
                format!("承办单位 {}", names.unit(*u))
            }
            other => actor_zh(other),
        }
    }
}

impl PublicItem {
    /// The item as a public listing prints it, in Chinese: its number and
    /// title, its stage, the class of its reply, and the replying units with
    /// their names beside their ids where `units` has them.
    ///
    /// ```
    /// use deputy_work::suggestion::{samples, Policy};
    /// let listing = samples::ordos_2025()?.public_items(&Policy::seed());
    /// let line = listing[0].describe_zh(&samples::unit_names());
    /// assert_eq!(line, "第1号建议《建议1》：已办结，已解决或者采纳；答复单位：市教体局（U101）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn describe_zh(&self, units: &BTreeMap<UnitId, String>) -> String {
        let names = Names {
            policy: None,
            units: Some(units),
        };
        let mut out = format!(
            "第{}号建议《{}》：{}",
            self.id.get(),
            self.title,
            self.stage_zh
        );
        if let Some(class) = &self.class_zh {
            out.push('，');
            out.push_str(class);
        }
        if !self.units.is_empty() {
            out.push_str("；答复单位：");
            out.push_str(&names.units(&self.units));
        }
        out
    }
}

impl super::Recipient {
    /// Who the reply goes to, in Chinese: the deputy, or the group with its
    /// kind and the body it goes through, with unit names beside ids where
    /// `units` has them.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use deputy_work::common::{DeputyId, UnitId};
    /// use deputy_work::suggestion::{GroupKind, ProposerGroup, Recipient};
    /// let names = BTreeMap::from([(UnitId::new(3501), "某区代表团".to_owned())]);
    /// let group = ProposerGroup { kind: GroupKind::Delegation, group: UnitId::new(3501), convenor: DeputyId::new(7), via: Some(UnitId::new(350)) };
    /// assert_eq!(Recipient::Group(group).describe_zh(&names), "代表团 某区代表团（U3501），经 U350 转交");
    /// assert_eq!(Recipient::Deputy(DeputyId::new(7)).describe_zh(&names), "代表 D7");
    /// ```
    #[must_use]
    pub fn describe_zh(&self, units: &BTreeMap<UnitId, String>) -> String {
        let names = Names {
            policy: None,
            units: Some(units),
        };
        match self {
            Self::Deputy(d) => format!("代表 {d}"),
            Self::Group(g) => {
                let group = format!("{} {}", g.kind.label_zh(), names.unit(g.group));
                match g.via {
                    Some(via) => format!("{group}，经 {} 转交", names.unit(via)),
                    None => group,
                }
            }
        }
    }
}

/// The date, and time if recorded, as an entry's text starts.
fn write_when(f: &mut fmt::Formatter<'_>, e: &TrailEntry) -> fmt::Result {
    f.write_str(&date_zh(e.date))?;
    if let Some(t) = e.time {
        write!(f, " {}", t.format("%H:%M"))?;
    }
    Ok(())
}

impl fmt::Display for TrailEntry {
    /// The entry in Chinese: its number, date, who acted and what happened
    /// (see [`TrailEntry::describe_zh`] for names and labels).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::PersonId;
    /// use deputy_work::suggestion::{Actor, Event, TrailEntry};
    /// let e = TrailEntry::new(9, NaiveDate::from_ymd_opt(2025, 3, 20).unwrap(), Actor::Supervisor(PersonId::new(7)), Event::Reminded);
    /// assert_eq!(e.to_string(), "第9条 2025年3月20日 督办领导 M7：催办");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}条 ", self.seq)?;
        write_when(f, self)?;
        write!(f, " {}：", actor_zh(&self.actor))?;
        write_event(f, &self.event, Names::NONE)
    }
}

impl TrailEntry {
    /// The entry in Chinese as [`Display`](fmt::Display) says it, with unit
    /// names and class labels as in [`Event::describe_zh`] (a unit acting
    /// is named too).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::{samples, Actor, Code, Event, Policy, ReplyRecord, TrailEntry};
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    /// let reply = ReplyRecord { class: Code::new("A")?, on, late: false };
    /// let e = TrailEntry::new(5, on, Actor::Unit(UnitId::new(101)), Event::Replied { reply });
    /// assert_eq!(
    ///     e.describe_zh(&Policy::seed(), &samples::unit_names()),
    ///     "第5条 2025年3月20日 承办单位 市教体局（U101）：答复代表：A类（已解决或者采纳）"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn describe_zh(&self, policy: &Policy, units: &BTreeMap<UnitId, String>) -> String {
        let actor = self.actor.describe_zh(units);
        let event = Described {
            event: &self.event,
            names: Names {
                policy: Some(policy),
                units: Some(units),
            },
        };
        format!("第{}条 {} {actor}：{event}", self.seq, When(self))
    }
}

/// An entry's date and time, as text.
struct When<'a>(&'a TrailEntry);

impl fmt::Display for When<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_when(f, self.0)
    }
}

impl fmt::Display for OverdueItem {
    /// The item in Chinese: the suggestion, the unit whose deadline passed,
    /// the due date and the days overdue (see [`OverdueItem::describe_zh`]
    /// for the unit's name).
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let late = SampleYear::ORDOS_2025.register_as_of(as_of)?.overdue(as_of);
    /// assert_eq!(late[0].to_string(), "建议 S60：承办单位 U104 限2025年4月19日前答复，已逾期 6 天");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_overdue(f, self, Names::NONE)
    }
}

fn write_overdue(f: &mut fmt::Formatter<'_>, o: &OverdueItem, n: Names<'_>) -> fmt::Result {
    write!(f, "建议 {}：", o.id)?;
    match o.unit {
        Some(u) => write!(f, "承办单位 {} ", n.unit(u))?,
        None => f.write_str("自行办理，")?,
    }
    write!(f, "{}，已逾期 {} 天", due(o.due), o.days_overdue)
}

/// [`OverdueItem`] as text with names.
struct OverdueText<'a> {
    item: &'a OverdueItem,
    names: Names<'a>,
}

impl fmt::Display for OverdueText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_overdue(f, self.item, self.names)
    }
}

impl OverdueItem {
    /// The item in Chinese as [`Display`](fmt::Display) says it, with the
    /// unit's name beside its id where `units` has it.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::{self, SampleYear};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 4, 25).unwrap();
    /// let late = SampleYear::ORDOS_2025.register_as_of(as_of)?.overdue(as_of);
    /// assert_eq!(
    ///     late[0].describe_zh(&samples::unit_names()),
    ///     "建议 S60：承办单位 市人社局（U104） 限2025年4月19日前答复，已逾期 6 天"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn describe_zh(&self, units: &BTreeMap<UnitId, String>) -> String {
        OverdueText {
            item: self,
            names: Names {
                policy: None,
                units: Some(units),
            },
        }
        .to_string()
    }
}

/// One reply class's line of a register's counts, with its labels
/// ([`RegisterCounts::class_rows`]).
///
/// ```
/// use deputy_work::suggestion::samples::SampleYear;
/// use deputy_work::suggestion::Policy;
/// let rows = SampleYear::ORDOS_2025.register()?.counts().class_rows(&Policy::seed());
/// assert_eq!((rows[2].code.as_str(), rows[2].label_zh.as_str(), rows[2].count), ("C", "暂时不具备解决条件", 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ClassRow {
    /// The class code.
    pub code: Code,
    /// Its Chinese label (the code itself for a class the policy lacks).
    pub label_zh: String,
    /// Its English label (the code itself for a class the policy lacks).
    pub label_en: String,
    /// The year's items whose latest reply has this class.
    pub count: u32,
}

impl RegisterCounts {
    /// The replied items by class, one row per class of the policy in its
    /// order (zero where none), then any class the counts hold that the
    /// policy lacks, by code: each with its labels, for tables.
    ///
    /// ```
    /// use deputy_work::suggestion::samples::SampleYear;
    /// use deputy_work::suggestion::Policy;
    /// let counts = SampleYear::ORDOS_2025.register()?.counts();
    /// let rows: Vec<(String, u32)> = counts
    ///     .class_rows(&Policy::national_2005())
    ///     .into_iter()
    ///     .map(|r| (r.label_zh, r.count))
    ///     .collect();
    /// assert_eq!(rows[0], ("所提问题已经解决或者基本解决".to_owned(), 131));
    /// assert_eq!(rows[3], ("所提问题留作参考".to_owned(), 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn class_rows(&self, policy: &Policy) -> Vec<ClassRow> {
        let known = policy.classes().iter().map(|c| ClassRow {
            code: c.code,
            label_zh: c.label_zh.clone(),
            label_en: c.label_en.clone(),
            count: self.by_class.get(&c.code).copied().unwrap_or_default(),
        });
        let unknown = self
            .by_class
            .iter()
            .filter(|(code, _)| policy.class(code.as_str()).is_none())
            .map(|(code, n)| ClassRow {
                code: *code,
                label_zh: code.to_string(),
                label_en: code.to_string(),
                count: *n,
            });
        known.chain(unknown).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggestion::event::tests::every_event;

    #[test]
    fn every_event_says_what_happened_with_its_data() {
        let policy = Policy::seed();
        let units: BTreeMap<UnitId, String> = [(UnitId::new(1), "市教体局".to_owned())].into();
        let expected = [
            "代表 D1 起草建议《》",
            "提交建议",
            "审查通过，立案",
            "不予立案，理由：A",
            "撤回建议",
            "并入建议 S2 办理",
            "建议 S2（领衔代表 D2）并入本件办理",
            "交办主办单位 U1，限2025年4月1日前答复；异议期限至2025年1月2日",
            "承办单位 U1 申请调整交办：",
            "协办单位 U1 提出协办意见",
            "承办单位 U1 申请延期至2025年5月1日",
            "同意承办单位 U1 延期，限2025年4月1日前答复",
            "答复代表：A类",
            "代表 D1 反馈意见：满意，办理态度基本满意",
            "重新办理，限2025年4月1日前答复",
            "面商或专题说明",
            "办结（已解决）",
            "确定为重点督办建议，督办领导 M1，督办单位 U1",
            "催办",
            "回头看，限2025年4月1日前答复",
            "跟踪落实答复：A类，已解决",
            "以代表团 U5 名义起草建议《》，召集人 D1",
            "分别交办承办单位 U1、U2，各限2025年4月1日前答复；异议期限至2025年1月2日",
            "承办单位 U1 签收",
            "自行办理，限2025年4月1日前答复",
            "承办单位 U1 答复：A类",
            "办中联系代表 D1（当面）",
            "保密处理",
            "关联以往建议 S3（未解决）",
            "转入 2026 年度跟踪督办（主任会议决定）",
        ];
        let all = every_event();
        assert_eq!(all.len(), expected.len());
        for (e, text) in all.iter().zip(expected) {
            assert_eq!(e.to_string(), text, "{}", e.name());
            assert!(!e.label_en().is_empty());
            let named = e.describe_zh(&policy, &units);
            // With names: unit U1 is named, class A labelled.
            let with_names = text
                .replace("U1，", "市教体局（U1），")
                .replace("U1 ", "市教体局（U1） ")
                .replace("U1、", "市教体局（U1）、")
                .replace("A类", "A类（已解决或者采纳）");
            let with_names = match with_names.strip_suffix("U1") {
                Some(head) => format!("{head}市教体局（U1）"),
                None => with_names,
            };
            if e.name() != "not_registered" {
                assert_eq!(named, with_names, "{}", e.name());
            }
        }
    }

    #[test]
    fn a_unit_acting_is_named_in_the_entry() {
        let units: BTreeMap<UnitId, String> = [(UnitId::new(3), "市水利局".to_owned())].into();
        let mut e = TrailEntry::new(
            4,
            NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
            super::super::Actor::Unit(UnitId::new(3)),
            Event::Accepted {
                unit: UnitId::new(3),
            },
        );
        e.time = chrono::NaiveTime::from_hms_opt(9, 5, 0);
        assert_eq!(
            e.to_string(),
            "第4条 2025年2月1日 09:05 承办单位 U3：承办单位 U3 签收"
        );
        assert_eq!(
            e.describe_zh(&Policy::seed(), &units),
            "第4条 2025年2月1日 09:05 承办单位 市水利局（U3）：承办单位 市水利局（U3） 签收"
        );
    }
}

//! The standing committee's evaluation of handling units (测评): each unit's
//! handling report heard, then the members' satisfaction vote on it. Kept in
//! the [`Register`](super::Register) as an append-only log of events.

use chrono::NaiveDate;

use super::SuggestionError;
use crate::common::UnitId;
use crate::stats::Satisfaction;

/// One step of the committee's evaluation of a unit.
///
/// The rules (other provinces' practice beside Fujian's: the standing
/// committee hears the units' handling reports and evaluates them, and
/// commends or criticises units): a unit's report is heard once a year; the
/// members present then vote 满意 / 基本满意 / 不满意 (or abstain) once, no
/// earlier than the hearing; no more votes are cast than members are
/// present. Dates fall in the register's year and never go back in the log.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::UnitId;
/// use deputy_work::stats::Satisfaction;
/// use deputy_work::suggestion::EvaluationEvent;
/// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
/// let heard = EvaluationEvent::ReportHeard { unit: UnitId::new(31), on };
/// let votes = Satisfaction { satisfied: 30, basically_satisfied: 3, unsatisfied: 1, abstained: 1 };
/// let rated = EvaluationEvent::Rated { unit: UnitId::new(31), on, present: 36, votes };
/// assert_eq!(heard.unit(), rated.unit());
/// assert_eq!(rated.label_zh(), "满意度测评");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum EvaluationEvent {
    /// The committee heard the unit's report on its handling
    /// (听取办理情况报告).
    ReportHeard {
        /// The unit.
        unit: UnitId,
        /// The session's date.
        on: NaiveDate,
    },
    /// The members present voted on the unit's handling (满意度测评).
    Rated {
        /// The unit.
        unit: UnitId,
        /// The vote's date.
        on: NaiveDate,
        /// Members present.
        present: u32,
        /// The votes.
        votes: Satisfaction,
    },
}

impl EvaluationEvent {
    /// The unit evaluated.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::EvaluationEvent;
    /// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    /// assert_eq!(EvaluationEvent::ReportHeard { unit: UnitId::new(31), on }.unit(), UnitId::new(31));
    /// ```
    #[must_use]
    pub const fn unit(&self) -> UnitId {
        match self {
            Self::ReportHeard { unit, .. } | Self::Rated { unit, .. } => *unit,
        }
    }

    /// The date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::EvaluationEvent;
    /// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    /// assert_eq!(EvaluationEvent::ReportHeard { unit: UnitId::new(31), on }.date(), on);
    /// ```
    #[must_use]
    pub const fn date(&self) -> NaiveDate {
        match self {
            Self::ReportHeard { on, .. } | Self::Rated { on, .. } => *on,
        }
    }

    /// The Chinese label of the step.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::UnitId;
    /// use deputy_work::suggestion::EvaluationEvent;
    /// let on = NaiveDate::from_ymd_opt(2025, 10, 28).unwrap();
    /// assert_eq!(EvaluationEvent::ReportHeard { unit: UnitId::new(31), on }.label_zh(), "听取办理情况报告");
    /// ```
    #[must_use]
    pub const fn label_zh(&self) -> &'static str {
        match self {
            Self::ReportHeard { .. } => "听取办理情况报告",
            Self::Rated { .. } => "满意度测评",
        }
    }
}

/// Checks `event` against the log before it, for the register of `year`
/// whose handling units are known by `handles`. Cost: linear in the log.
pub(crate) fn check(
    log: &[EvaluationEvent],
    event: &EvaluationEvent,
    year: i32,
    handles: impl Fn(UnitId) -> bool,
) -> Result<(), SuggestionError> {
    use chrono::Datelike;
    let unit = event.unit();
    let refuse = |why: String| Err(SuggestionError::EvaluationRefused { unit, why });
    let on = event.date();
    if on.year() != year {
        return refuse(format!("{on} is not in the register's year {year}"));
    }
    if let Some(last) = log.last().map(EvaluationEvent::date)
        && on < last
    {
        return refuse(format!("{on} is before the last evaluation step on {last}"));
    }
    let heard = log.iter().find_map(|e| match e {
        EvaluationEvent::ReportHeard { unit: u, on } if *u == unit => Some(*on),
        _ => None,
    });
    let rated = log
        .iter()
        .any(|e| matches!(e, EvaluationEvent::Rated { unit: u, .. } if *u == unit));
    match event {
        EvaluationEvent::ReportHeard { .. } => {
            if !handles(unit) {
                return refuse("it handles none of the register's suggestions".into());
            }
            if heard.is_some() {
                return refuse("its report was already heard this year".into());
            }
        }
        EvaluationEvent::Rated { present, votes, .. } => {
            if heard.is_none() {
                return refuse("its report has not been heard".into());
            }
            if rated {
                return refuse("it was already rated this year".into());
            }
            let cast = votes
                .satisfied
                .checked_add(votes.basically_satisfied)
                .and_then(|n| n.checked_add(votes.unsatisfied))
                .and_then(|n| n.checked_add(votes.abstained));
            match cast {
                Some(0) => return refuse("no vote was cast".into()),
                Some(n) if n <= u64::from(*present) => {}
                _ => {
                    return refuse(format!(
                        "more votes cast than the {present} members present"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The Chinese of a refusal's reason, as [`check`] words it in English
/// (the reason itself if it is not one of them).
pub(crate) fn why_zh(why: &str) -> String {
    let date = |s: &str| {
        s.parse::<NaiveDate>()
            .map_or_else(|_| s.to_owned(), super::model::date_zh)
    };
    if let Some((on, year)) = why.split_once(" is not in the register's year ") {
        return format!("{}不在登记簿所属的 {year} 年度内", date(on));
    }
    if let Some((on, last)) = why.split_once(" is before the last evaluation step on ") {
        return format!("{}早于上一次测评记录的日期{}", date(on), date(last));
    }
    if let Some(present) = why
        .strip_prefix("more votes cast than the ")
        .and_then(|s| s.strip_suffix(" members present"))
    {
        return format!("投票数超过出席人数 {present} 人");
    }
    match why {
        "it handles none of the register's suggestions" => "该单位未承办登记簿中的建议",
        "its report was already heard this year" => "本年度已听取该单位的办理情况报告",
        "its report has not been heard" => "尚未听取该单位的办理情况报告",
        "it was already rated this year" => "本年度已对该单位进行满意度测评",
        "no vote was cast" => "没有投票",
        other => other,
    }
    .to_owned()
}

/// The votes on each unit rated in `log`, by unit.
pub(crate) fn votes_by_unit(
    log: &[EvaluationEvent],
) -> std::collections::BTreeMap<UnitId, Satisfaction> {
    log.iter()
        .filter_map(|e| match e {
            EvaluationEvent::Rated { unit, votes, .. } => Some((*unit, *votes)),
            EvaluationEvent::ReportHeard { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    const U: UnitId = UnitId::new(31);

    fn votes(s: u64, b: u64, u: u64, a: u64) -> Satisfaction {
        Satisfaction {
            satisfied: s,
            basically_satisfied: b,
            unsatisfied: u,
            abstained: a,
        }
    }

    #[test]
    fn steps_are_labelled_in_chinese() {
        let heard = EvaluationEvent::ReportHeard {
            unit: U,
            on: d(10, 28),
        };
        let rated = EvaluationEvent::Rated {
            unit: U,
            on: d(11, 3),
            present: 48,
            votes: votes(40, 5, 2, 1),
        };
        assert_eq!(heard.label_zh(), "听取办理情况报告");
        assert_eq!(rated.label_zh(), "满意度测评");
    }

    #[test]
    fn every_reason_has_its_chinese_with_its_data() {
        let heard = EvaluationEvent::ReportHeard {
            unit: U,
            on: d(10, 28),
        };
        let rated = |on, present, v| EvaluationEvent::Rated {
            unit: U,
            on,
            present,
            votes: v,
        };
        let next_year = EvaluationEvent::ReportHeard {
            unit: U,
            on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        };
        let done = [heard, rated(d(10, 28), 35, votes(30, 3, 1, 1))];
        let cases: [(&[EvaluationEvent], EvaluationEvent, bool, &str); 8] = [
            (
                &[],
                next_year,
                true,
                "2026年1月5日不在登记簿所属的 2025 年度内",
            ),
            (
                &[heard],
                rated(d(10, 27), 40, votes(1, 0, 0, 0)),
                true,
                "2025年10月27日早于上一次测评记录的日期2025年10月28日",
            ),
            (&[], heard, false, "该单位未承办登记簿中的建议"),
            (&[heard], heard, true, "本年度已听取该单位的办理情况报告"),
            (
                &[],
                rated(d(10, 28), 40, votes(1, 0, 0, 0)),
                true,
                "尚未听取该单位的办理情况报告",
            ),
            (
                &done,
                rated(d(10, 29), 35, votes(1, 0, 0, 0)),
                true,
                "本年度已对该单位进行满意度测评",
            ),
            (
                &[heard],
                rated(d(10, 28), 35, votes(0, 0, 0, 0)),
                true,
                "没有投票",
            ),
            (
                &[heard],
                rated(d(10, 28), 34, votes(30, 3, 1, 1)),
                true,
                "投票数超过出席人数 34 人",
            ),
        ];
        for (log, e, handles, zh) in cases {
            let Err(SuggestionError::EvaluationRefused { why, .. }) =
                check(log, &e, 2025, |_| handles)
            else {
                panic!("{e:?} is refused");
            };
            assert_eq!(why_zh(&why), zh, "{why}");
        }
    }

    #[test]
    fn each_rule_refuses_with_its_reason() {
        let heard = EvaluationEvent::ReportHeard {
            unit: U,
            on: d(10, 28),
        };
        let rated = |on, present, v| EvaluationEvent::Rated {
            unit: U,
            on,
            present,
            votes: v,
        };
        let why = |log: &[EvaluationEvent], e: &EvaluationEvent| match check(log, e, 2025, |_| true)
        {
            Err(SuggestionError::EvaluationRefused { why, .. }) => why,
            other => panic!("{other:?}"),
        };
        assert!(why(&[], &rated(d(10, 28), 40, votes(30, 3, 1, 1))).contains("not been heard"));
        assert!(check(&[], &heard, 2025, |_| true).is_ok());
        assert!(why(&[heard], &heard).contains("already heard"));
        assert!(why(&[heard], &rated(d(10, 27), 40, votes(1, 0, 0, 0))).contains("before"));
        assert!(why(&[heard], &rated(d(10, 28), 34, votes(30, 3, 1, 1))).contains("more votes"));
        assert!(
            check(
                &[heard],
                &rated(d(10, 28), 35, votes(30, 3, 1, 1)),
                2025,
                |_| true
            )
            .is_ok()
        );
        assert!(why(&[heard], &rated(d(10, 28), 35, votes(0, 0, 0, 0))).contains("no vote"));
        let done = [heard, rated(d(10, 28), 35, votes(30, 3, 1, 1))];
        assert!(why(&done, &rated(d(10, 29), 35, votes(1, 0, 0, 0))).contains("already rated"));
        let next_year = EvaluationEvent::ReportHeard {
            unit: U,
            on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        };
        assert!(why(&[], &next_year).contains("not in the register's year"));
        assert!(matches!(
            check(&[], &heard, 2025, |_| false),
            Err(SuggestionError::EvaluationRefused { .. })
        ));
    }
}

//! A sample policy, for examples, docs and tests.
//!
//! The same policy is stored as TOML in `tests/data/points/yinchuan_jiangbei.toml`
//! (a test checks that the two agree) and shown in the [module docs](super).
//!
//! ```
//! use deputy_work::points::samples;
//! let policy = samples::yinchuan_jiangbei()?;
//! assert!(policy.is_plain());
//! assert_eq!(policy.band("poor").map(|b| b.label_zh.as_str()), Some("差"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{
    Band, Code, Condition, Consequence, Honour, InForce, LocalKind, PointsError, Policy,
    PolicyData, Qualifier, Rule, StandardKind, Term,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    super::invariant::surely(
        NaiveDate::from_ymd_opt(y, m, d),
        NaiveDate::default(),
        "the sample's dates are real dates",
    )
}

fn term(code: &str, zh: &str, en: &str) -> Result<Term, PointsError> {
    Ok(Term {
        code: Code::new(code)?,
        label_zh: zh.to_owned(),
        label_en: en.to_owned(),
    })
}

fn consequence(code: &str, zh: &str, en: &str, when: Condition, years: u32) -> Consequence {
    Consequence {
        code: code.to_owned(),
        label_zh: zh.to_owned(),
        label_en: en.to_owned(),
        when,
        years,
    }
}

/// A policy modelled on the published Yinchuan rules (out of 100: ≥ 80 好,
/// 60–79 较好, < 60 差; 差 two years running → persuade to resign) and the
/// Jiangbei rules (a suggestion +3, an inspection or research trip +3, half a
/// day of leave −1), with Dongbao's base of 60.
///
/// # Errors
/// None in practice: the data is valid (a test checks it); the `Result`
/// only keeps the library free of panics.
///
/// ```
/// use deputy_work::points::{samples, StandardKind};
/// let policy = samples::yinchuan_jiangbei()?;
/// let leave = policy.rule_for(StandardKind::Leave.into()).unwrap();
/// assert_eq!(leave.points.to_string(), "-1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn yinchuan_jiangbei() -> Result<Policy, PointsError> {
    use StandardKind as K;
    let n = Decimal::from;
    let capped = |k: K, points: Decimal, cap: i64| Rule::new(k.into(), points).with_cap(n(cap));
    let q = Qualifier::new;
    let data = PolicyData {
        base: Some(n(60)),
        floor: Some(n(0)),
        ceiling: Some(n(100)),
        local_kinds: vec![LocalKind {
            code: 1,
            label_zh: "网格走访".to_owned(),
            label_en: "grid visit".to_owned(),
        }],
        rules: vec![
            capped(K::AttendMeeting, n(2), 20),
            capped(K::SpeakInDeliberation, n(2), 10),
            capped(K::SubmitSuggestion, n(3), 15)
                .with_bonus(q("lead")?, n(1))
                .with_bonus(q("key_suggestion")?, n(2))
                .with_bonus(q("reply_class_a")?, n(1)),
            capped(K::Inspection, n(3), 12),
            capped(K::Research, n(3), 12),
            capped(K::LawEnforcementCheck, n(3), 12),
            capped(K::Training, n(1), 5),
            capped(K::ContactPublic, n(1), 10),
            Rule::new(K::Absence.into(), n(-2)),
            capped(K::Leave, n(-1), 10),
            Rule::new(K::DutyReport.into(), n(5)),
            capped(K::Mediation, n(1), 5),
            Rule::new(super::ActKind::Local(1), Decimal::new(5, 1)).with_cap(n(5)),
        ],
        bands: vec![
            Band::new("good", "好", "good").at_least(n(80)),
            Band::new("fairly_good", "较好", "fairly good")
                .at_least(n(60))
                .below(n(80)),
            Band::new("poor", "差", "poor").below(n(60)),
        ],
        honours: vec![Honour {
            code: "excellent".to_owned(),
            label_zh: "优秀".to_owned(),
            label_en: "excellent".to_owned(),
            top: 3,
        }],
        consequences: vec![
            consequence(
                "talk",
                "约谈",
                "talk",
                Condition::Band("poor".to_owned()),
                1,
            ),
            consequence(
                "persuade_to_resign",
                "建议原选举单位劝辞或罢免",
                "electoral unit asked to persuade to resign or recall",
                Condition::Band("poor".to_owned()),
                2,
            ),
            consequence(
                "admonition",
                "诫勉谈话",
                "admonition talk",
                Condition::Bottom(2),
                2,
            ),
            consequence("commended", "通报表扬", "commended", Condition::Top(3), 3),
        ],
        qualifiers: vec![
            term("lead", "领衔", "lead")?,
            term("co_signer", "附议", "co-signer")?,
            term("key_suggestion", "重点建议", "key suggestion")?,
            term("reply_class_a", "答复为A类", "reply class A")?,
            term("commended", "受到表扬", "commended")?,
        ],
        ..PolicyData::new(
            "履职积分管理办法（银川、江北规则示例）",
            "2025.1",
            InForce {
                start: date(2024, 1, 1),
                end: date(2028, 12, 31),
            },
        )
    };
    Policy::new(data)
}

/// The sample policy's data with a locality kind past the fast path's
/// table (code 2000, 4 points), so that tests meet both kinds of local
/// kinds.
#[cfg(test)]
pub(crate) fn with_far_local_kind(mut data: PolicyData) -> PolicyData {
    data.local_kinds.push(LocalKind {
        code: 2000,
        label_zh: "调研报告".to_owned(),
        label_en: "research report".to_owned(),
    });
    data.rules
        .push(Rule::new(super::ActKind::Local(2000), Decimal::from(4)));
    data
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "serde")]
    #[test]
    fn sample_matches_the_stored_toml() {
        let stored: super::Policy = toml::from_str(include_str!(
            "../../tests/data/points/yinchuan_jiangbei.toml"
        ))
        .unwrap();
        assert_eq!(stored, super::yinchuan_jiangbei().unwrap());
    }
}

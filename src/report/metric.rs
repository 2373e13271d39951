//! The rows of the report: sections, metrics with their definitions, values.

use crate::common::{Labelled, labelled_enum};
use crate::suggestion::Code;
use rust_decimal::Decimal;

labelled_enum! {
    /// A section of the report, in the seed's order.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::report::Section;
    /// assert_eq!(Section::Suggestions.label_zh(), "代表建议办理");
    /// ```
    #[non_exhaustive]
    pub enum Section in report {
        /// Training and experience sharing.
        Training = "training", "学习培训", "training";
        /// Duty reports.
        DutyReports = "duty_reports", "代表述职", "duty reports";
        /// Standing committee and deputies.
        Committee = "committee", "常委会联系代表", "standing committee and deputies";
        /// Deputies and the public.
        Public = "public", "代表联系群众", "deputies and the public";
        /// State organs and deputies.
        StateOrgans = "state_organs", "国家机关联系代表", "state organs and deputies";
        /// Suggestions.
        Suggestions = "suggestions", "代表建议办理", "suggestions";
        /// Grids, mediation and petitions.
        Grassroots = "grassroots", "网格、调解与信访", "grids, mediation and petitions";
        /// Stations and platforms.
        Stations = "stations", "代表家站与平台", "stations and platforms";
        /// Deputy groups.
        Groups = "groups", "代表小组活动", "deputy groups";
        /// Livelihood projects and micro projects.
        Livelihood = "livelihood", "民生实事", "livelihood projects";
    }
}

labelled_enum! {
    /// What a figure counts in.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::report::Measure;
    /// assert_eq!(Measure::PersonTimes.label_zh(), "人次");
    /// ```
    #[non_exhaustive]
    pub enum Measure in report {
        /// Distinct persons (人).
        Persons = "persons", "人", "persons";
        /// Person-times (人次): every attendance counted.
        PersonTimes = "person_times", "人次", "person-times";
        /// Sessions or classes (期).
        Sessions = "sessions", "期", "sessions";
        /// Events (次).
        Times = "times", "次", "times";
        /// Cases, suggestions or opinions (件).
        Items = "items", "件", "items";
        /// Projects (项).
        Projects = "projects", "项", "projects";
        /// Places, bodies or units (个).
        Places = "places", "个", "places";
        /// A percentage (%).
        Percent = "percent", "%", "%";
        /// Money: yuan, shown in 亿元.
        Money = "money", "亿元", "100 million yuan";
    }
}

macro_rules! metrics {
    ( $( $(#[$m:meta])* $v:ident => $sec:ident, $meas:ident, $zh:literal, $en:literal, $def:literal; )+ ) => {
        /// One row of the report. Each metric has Chinese and English labels
        /// ([`Labelled`]), a [`Section`], a [`Measure`] and a definition of
        /// exactly what it counts ([`Metric::definition`]).
        ///
        /// ```
        /// use deputy_work::common::Labelled;
        /// use deputy_work::report::{Measure, Metric};
        /// use deputy_work::suggestion::Code;
        /// assert_eq!(Metric::OpinionsResolvedRate.label_zh(), "意见建议解决率");
        /// assert_eq!(Metric::OnlinePersonTimes.measure(), Measure::PersonTimes);
        /// // A class row is labelled by its code here; the report labels it
        /// // with the policy's label (`AnnualReport::label_zh`).
        /// assert_eq!(Metric::ReplyClass(Code::new("C")?).label_zh(), "C");
        /// assert!(Metric::MediationSuccessRate.definition().contains("whatever the outcome"));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        #[non_exhaustive]
        pub enum Metric {
            $( $(#[$m])* $v, )+
            /// The share of replies in one class, by the policy's class code
            /// (largest remainder, so the classes add up to exactly 100).
            ReplyClass(Code),
        }

        impl Metric {
            /// The section the metric belongs to.
            ///
            /// ```
            /// use deputy_work::report::{Metric, Section};
            /// assert_eq!(Metric::MediationCases.section(), Section::Grassroots);
            /// ```
            #[must_use]
            pub const fn section(&self) -> Section {
                match self {
                    $( Self::$v => Section::$sec, )+
                    Self::ReplyClass(_) => Section::Suggestions,
                }
            }

            /// What the metric counts in.
            ///
            /// ```
            /// use deputy_work::report::{Measure, Metric};
            /// assert_eq!(Metric::MediationSuccessRate.measure(), Measure::Percent);
            /// ```
            #[must_use]
            pub const fn measure(&self) -> Measure {
                match self {
                    $( Self::$v => Measure::$meas, )+
                    Self::ReplyClass(_) => Measure::Percent,
                }
            }

            /// Exactly what is counted, in English.
            ///
            /// ```
            /// use deputy_work::report::Metric;
            /// assert!(!Metric::GridCoverage.definition().is_empty());
            /// ```
            #[must_use]
            pub const fn definition(&self) -> &'static str {
                match self {
                    $( Self::$v => $def, )+
                    Self::ReplyClass(_) => "Replies given in this class, as a share of all replies given to the suggestions received in the period; the classes' shares add up to exactly 100 by the largest-remainder method (equal remainders: larger count first, then the policy's class order). Every class of the policy is shown, even with no reply.",
                }
            }
        }

        impl Labelled for Metric {
            fn label_zh(&self) -> &str {
                match self {
                    $( Self::$v => $zh, )+
                    Self::ReplyClass(c) => c.as_str(),
                }
            }

            fn label_en(&self) -> &str {
                match self {
                    $( Self::$v => $en, )+
                    Self::ReplyClass(c) => c.as_str(),
                }
            }
        }
    };
}

metrics! {
    /// Offline training classes held.
    OfflineClasses => Training, Sessions, "线下履职培训班", "offline training classes",
        "Offline training sessions held in the period.";
    /// City deputies trained offline.
    OfflineCityDeputies => Training, Persons, "参训市人大代表", "city deputies trained offline",
        "Distinct deputies of city level (by the roster) who attended at least one offline class; others attending (regional deputies, township heads) are not counted here.";
    /// Online sessions held.
    OnlineSessions => Training, Sessions, "线上专题学习", "online study sessions",
        "Online training sessions held in the period.";
    /// Attendance at online sessions.
    OnlinePersonTimes => Training, PersonTimes, "线上参学代表", "online attendance",
        "Attendances at online sessions, a deputy counted once per session attended.";
    /// Experience-sharing sessions held.
    SharingSessions => Training, Times, "履职经验分享会", "experience-sharing sessions",
        "Experience-sharing sessions held in the period.";
    /// Deputies at sharing sessions.
    SharingParticipants => Training, Persons, "分享会参与代表", "deputies at sharing sessions",
        "Distinct deputies who took part in at least one sharing session.";
    /// Deputies who reported to a standing committee.
    ReportsToCommittee => DutyReports, Persons, "向人大常委会述职的代表", "deputies reporting to the standing committee",
        "Distinct deputies who gave a duty report to the standing committee in the period.";
    /// Deputies who reported to their electoral units.
    ReportsToElectoralUnits => DutyReports, Persons, "向原选举单位述职的代表", "deputies reporting to electoral units",
        "Distinct deputies who gave a duty report to their electoral unit in the period.";
    /// Standing-committee members with liaison deputies.
    LiaisonMembers => Committee, Persons, "联系代表的常委会组成人员", "standing-committee members in liaison",
        "Distinct standing-committee members assigned to keep in touch with deputies.";
    /// Deputies with a liaison member.
    LiaisonDeputies => Committee, Persons, "被联系的代表", "deputies in liaison",
        "Distinct deputies assigned a standing-committee member to keep in touch with.";
    /// Contacts of members with deputies.
    MemberContacts => Committee, PersonTimes, "常委会组成人员联系代表", "member contacts with deputies",
        "Contacts of standing-committee members with deputies in the period, each contact one person-time.";
    /// Deputies invited to attend standing-committee meetings.
    Invitations => Committee, PersonTimes, "邀请代表列席常委会会议", "deputies invited to attend meetings",
        "Invitations to attend standing-committee meetings, each deputy counted once per meeting.";
    /// Deputies in research, inspections and inquiries.
    CommitteeActivityDeputies => Committee, Persons, "参与调研、执法检查、专题询问的代表", "deputies in research, inspections and inquiries",
        "Distinct deputies who joined at least one research trip, law-enforcement inspection or special inquiry of the standing committee.";
    /// Members of the public met by deputies.
    PublicContacts => Public, PersonTimes, "联系群众", "contacts with the public",
        "Members of the public met by deputies (at stations, online or elsewhere), in person-times: the public are not identified.";
    /// Opinions collected from the public.
    OpinionsCollected => Public, Items, "收集意见建议", "opinions collected",
        "Opinions and suggestions from the public collected by deputies in the period.";
    /// Opinions resolved.
    OpinionsResolved => Public, Items, "推动解决意见建议", "opinions resolved",
        "Of the opinions collected in the period, those resolved.";
    /// Opinions resolved as a rate.
    OpinionsResolvedRate => Public, Percent, "意见建议解决率", "opinions resolved (rate)",
        "Opinions resolved as a percentage of opinions collected in the period, rounded once as the options say (四舍五入 by default).";
    /// Deputies at state organs' meetings, hearings and enforcement.
    OrganActivityDeputies => StateOrgans, PersonTimes, "参加会议、旁听庭审、见证执行", "deputies at meetings, hearings and enforcement",
        "Deputies attending state organs' meetings, court hearings and enforcement, each deputy counted once per event; symposia are counted apart.";
    /// Symposia held to hear deputies.
    Symposia => StateOrgans, Times, "人大代表专题座谈会", "symposia with deputies",
        "Symposia held by state organs (e.g. chaired by the mayor) to hear deputies.";
    /// Opinions given at symposia.
    SymposiumOpinions => StateOrgans, Items, "座谈会意见建议", "opinions at symposia",
        "Opinions and suggestions deputies gave at those symposia (条).";
    /// Suggestions received.
    SuggestionsReceived => Suggestions, Items, "收到代表建议", "suggestions received",
        "Suggestions received (registered) in the period.";
    /// Suggestions replied to.
    SuggestionsReplied => Suggestions, Items, "已答复代表建议", "suggestions replied to",
        "Of the suggestions received in the period, those with a reply; the class shares are of these.";
    /// Key suggestions.
    KeySuggestions => Suggestions, Items, "重点建议", "key suggestions",
        "Of the suggestions received in the period, those chosen as key suggestions supervised by leaders.";
    /// Earlier B-class suggestions resolved in the look-back.
    LookBackResolved => Suggestions, Items, "回头看推动解决往年B类建议", "earlier B-class items resolved in the look-back",
        "Earlier years' B-class suggestions resolved in the period through the look-back (回头看).";
    /// Handling units whose reports were evaluated.
    UnitsEvaluated => Suggestions, Places, "听取审议办理情况报告并测评的承办单位", "handling units evaluated",
        "Distinct handling units whose report on their suggestions the standing committee heard and evaluated in the period.";
    /// On-time reply rate, all units.
    OnTimeReplyRate => Suggestions, Percent, "按期办复率", "on-time reply rate",
        "Suggestions replied to within the deadline, as a percentage of the suggestions received in the period (all units).";
    /// Satisfied share of deputies' feedback, all units.
    FeedbackSatisfied => Suggestions, Percent, "代表反馈满意", "feedback: satisfied",
        "Feedback forms saying satisfied, as a share of all feedback returned; with basically satisfied and unsatisfied it adds up to exactly 100.";
    /// Basically-satisfied share of deputies' feedback, all units.
    FeedbackBasicallySatisfied => Suggestions, Percent, "代表反馈基本满意", "feedback: basically satisfied",
        "Feedback forms saying basically satisfied, as a share of all feedback returned.";
    /// Deputies on the roster.
    DeputiesOnRoster => Grassroots, Persons, "各级人大代表", "deputies at all levels",
        "Deputies on the roster.";
    /// Deputies placed in grids.
    DeputiesInGrids => Grassroots, Persons, "纳入基层网格的代表", "deputies in grids",
        "Distinct deputies of the roster placed in at least one grid.";
    /// Grid coverage.
    GridCoverage => Grassroots, Percent, "网格覆盖率", "grid coverage",
        "Deputies in grids as a percentage of the roster; 100 means every deputy is in a grid.";
    /// Deputies mediating.
    Mediators => Grassroots, Persons, "参与调解的代表", "deputies mediating",
        "Distinct deputies who mediated at least one case taken on in the period.";
    /// Mediation cases.
    MediationCases => Grassroots, Items, "调解案件", "mediation cases",
        "Cases deputies took on in the period, whatever the outcome.";
    /// Successful mediations.
    MediationSuccessful => Grassroots, Items, "调解成功", "successful mediations",
        "Of those cases, the ones mediated successfully.";
    /// Mediation success rate.
    MediationSuccessRate => Grassroots, Percent, "调解成功率", "mediation success rate",
        "Successful cases as a percentage of all cases taken on in the period, whatever the outcome (pending cases count in the whole).";
    /// Petitions followed by deputies.
    PetitionsFollowed => Grassroots, Items, "代表信访代办", "petitions followed",
        "Petitions deputies took on in the period to follow for the public.";
    /// Petitions closed.
    PetitionsClosed => Grassroots, Items, "信访代办闭环办结", "petitions closed",
        "Of those, the ones closed by the end of the period.";
    /// Districts with an information platform.
    DistrictsWithPlatform => Stations, Places, "建成代表工作信息化平台的旗区", "districts with a platform",
        "Districts that have built a deputy-work information platform.";
    /// Stations upgraded.
    StationsUpgraded => Stations, Places, "迭代升级的代表家站", "stations upgraded",
        "Deputy homes and liaison stations upgraded this year.";
    /// Streets with councils.
    StreetsWithCouncil => Stations, Places, "建立议政代表会制度的街道", "streets with councils",
        "Streets that run a council of deliberating representatives.";
    /// Professional-group liaison stations active.
    GroupStations => Groups, Places, "专业代表小组联络站", "professional-group liaison stations",
        "Distinct professional-group liaison stations that held activities in the period.";
    /// Activities at those stations.
    GroupStationActivities => Groups, Times, "联络站活动", "liaison-station activities",
        "Activities (receptions, briefings, study) held at those stations.";
    /// Members of the public at those activities.
    GroupStationPublic => Groups, PersonTimes, "联络站活动参与群众", "public at liaison-station activities",
        "Members of the public taking part in those activities, in person-times.";
    /// Opinions collected at those activities.
    GroupStationOpinions => Groups, Items, "联络站收集社情民意", "opinions collected at liaison stations",
        "Opinions of the public (社情民意, 条) collected at those activities.";
    /// Professional groups active.
    ProfessionalGroups => Groups, Places, "开展活动的专业代表小组", "professional groups active",
        "Distinct professional groups that held at least one activity in the period.";
    /// Research trips of professional groups.
    GroupResearchTrips => Groups, Times, "专业代表小组专题调研", "professional-group research trips",
        "Research trips held by professional groups.";
    /// Deputies on those trips.
    GroupResearchDeputies => Groups, PersonTimes, "专题调研参与代表", "deputies on research trips",
        "Deputies on those research trips, each counted once per trip.";
    /// Activities of electoral-unit groups.
    ElectoralGroupActivities => Groups, Times, "选举单位代表小组活动", "electoral-unit group activities",
        "Activities of deputy groups organised by electoral units.";
    /// Deputies at those activities.
    ElectoralGroupDeputies => Groups, PersonTimes, "代表小组活动参与代表", "deputies at group activities",
        "Deputies at those activities, each counted once per activity.";
    /// Livelihood projects voted.
    LivelihoodProjects => Livelihood, Projects, "票决（票选）民生实事项目", "livelihood projects voted",
        "Livelihood projects decided by deputies' vote (or residents' representatives' vote) in the period, every level together.";
    /// Their investment.
    LivelihoodInvestment => Livelihood, Money, "民生实事完成投资额", "livelihood investment",
        "Investment completed in those projects: the exact sum in yuan, and in 亿元 (10^8 yuan) rounded once as the options say.";
    /// Micro projects collected.
    MicroProjects => Livelihood, Projects, "民生微实事入库项目", "micro projects collected",
        "Micro projects that entered the rolling pool in the period, at any stage.";
    /// Micro projects completed.
    MicroProjectsCompleted => Livelihood, Projects, "民生微实事办结", "micro projects completed",
        "Of those, the ones completed.";
    /// Deputies' satisfaction with completed micro projects.
    MicroSatisfaction => Livelihood, Percent, "代表评价满意及基本满意率", "micro projects rated satisfied",
        "Deputies' ratings of completed micro projects saying satisfied or basically satisfied, as a percentage of ratings given (abstentions as the options say).";
}

/// The value of one figure.
///
/// ```
/// use deputy_work::report::Value;
/// let v = Value::Count(181);
/// assert_eq!(v.count(), Some(181));
/// assert_eq!(v.to_string(), "181");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Value {
    /// A count.
    Count(u64),
    /// A part of a whole as a percentage; `percent` is `None` when the whole
    /// is zero ("no data", never NaN).
    Percent {
        /// The part.
        part: u64,
        /// The whole.
        whole: u64,
        /// The percentage, rounded as the options say.
        percent: Option<Decimal>,
    },
    /// Money.
    Money {
        /// The exact amount in yuan.
        yuan: Decimal,
        /// The amount in 亿元, rounded as the options say.
        yi_yuan: Decimal,
    },
}

impl Value {
    /// The count, for a [`Value::Count`].
    ///
    /// ```
    /// use deputy_work::report::Value;
    /// assert_eq!(Value::Count(3).count(), Some(3));
    /// assert_eq!(Value::Percent { part: 0, whole: 0, percent: None }.count(), None);
    /// ```
    #[must_use]
    pub const fn count(&self) -> Option<u64> {
        match self {
            Self::Count(n) => Some(*n),
            _ => None,
        }
    }

    /// The percentage, for a [`Value::Percent`] with data.
    ///
    /// ```
    /// use deputy_work::report::Value;
    /// let v = Value::Percent { part: 1, whole: 8, percent: Some("12.5".parse()?) };
    /// assert_eq!(v.percent(), Some("12.5".parse()?));
    /// assert_eq!(Value::Count(1).percent(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn percent(&self) -> Option<Decimal> {
        match self {
            Self::Percent { percent, .. } => *percent,
            _ => None,
        }
    }

    /// The amount in 亿元, for a [`Value::Money`].
    ///
    /// ```
    /// use deputy_work::report::Value;
    /// use rust_decimal::Decimal;
    /// let v = Value::Money { yuan: Decimal::from(301_150_000), yi_yuan: "3.01".parse()? };
    /// assert_eq!(v.yi_yuan(), Some("3.01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn yi_yuan(&self) -> Option<Decimal> {
        match self {
            Self::Money { yi_yuan, .. } => Some(*yi_yuan),
            _ => None,
        }
    }

    /// The number year-over-year comparisons work on: the count, the
    /// percentage, or the yuan.
    ///
    /// ```
    /// use deputy_work::report::Value;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Value::Count(7).magnitude(), Some(Decimal::from(7)));
    /// let money = Value::Money { yuan: Decimal::from(5), yi_yuan: "0.00".parse()? };
    /// assert_eq!(money.magnitude(), Some(Decimal::from(5)), "yuan, not 亿元");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn magnitude(&self) -> Option<Decimal> {
        match self {
            Self::Count(n) => Some(Decimal::from(*n)),
            Self::Percent { percent, .. } => *percent,
            Self::Money { yuan, .. } => Some(*yuan),
        }
    }
}

impl core::fmt::Display for Value {
    /// `181`; `86.6% (4965/5732)`; `no data (0/0)`; `30.12 亿元`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Count(n) => write!(f, "{n}"),
            Self::Percent {
                part,
                whole,
                percent: Some(p),
            } => write!(f, "{p}% ({part}/{whole})"),
            Self::Percent {
                part,
                whole,
                percent: None,
            } => write!(f, "no data ({part}/{whole})"),
            Self::Money { yi_yuan, .. } => write!(f, "{yi_yuan} 亿元"),
        }
    }
}

/// One row of the report: a metric and its value.
///
/// ```
/// use deputy_work::report::{Figure, Metric, Value};
/// let f = Figure { metric: Metric::KeySuggestions, value: Value::Count(8) };
/// assert_eq!(f.value.count(), Some(8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Figure {
    /// What is counted.
    pub metric: Metric,
    /// Its value.
    pub value: Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(code: &str) -> Metric {
        Metric::ReplyClass(Code::new(code).unwrap())
    }

    #[test]
    fn metrics_say_what_they_count() {
        for m in [
            Metric::OfflineCityDeputies,
            Metric::OnlinePersonTimes,
            Metric::OpinionsResolvedRate,
            Metric::LivelihoodInvestment,
            class("A"),
            class("甲"),
            Metric::MicroSatisfaction,
        ] {
            assert!(!m.label_zh().is_empty() && !m.label_en().is_empty());
            assert!(m.definition().ends_with('.'), "{m:?}");
        }
        assert_eq!(Metric::OfflineCityDeputies.measure(), Measure::Persons);
        assert!(
            Metric::OfflineCityDeputies
                .definition()
                .starts_with("Distinct")
        );
        assert_eq!(Metric::OnlinePersonTimes.measure(), Measure::PersonTimes);
        assert_eq!(Metric::LivelihoodInvestment.measure(), Measure::Money);
        assert_eq!(class("B").section(), Section::Suggestions);
    }

    #[test]
    fn values_display_and_expose_their_numbers() {
        let p = Value::Percent {
            part: 4_965,
            whole: 5_732,
            percent: Some("86.6".parse().unwrap()),
        };
        assert_eq!(p.to_string(), "86.6% (4965/5732)");
        assert_eq!(p.magnitude(), Some("86.6".parse().unwrap()));
        assert_eq!(p.count(), None);
        let none = Value::Percent {
            part: 0,
            whole: 0,
            percent: None,
        };
        assert_eq!(none.to_string(), "no data (0/0)");
        assert_eq!(none.magnitude(), None);
        let m = Value::Money {
            yuan: Decimal::from(3_012_000_000_u64),
            yi_yuan: "30.12".parse().unwrap(),
        };
        assert_eq!(m.to_string(), "30.12 亿元");
        assert_eq!(m.magnitude(), Some(Decimal::from(3_012_000_000_u64)));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn metric_names_are_stable_snake_case() {
        assert_eq!(
            serde_json::to_string(&Metric::OpinionsResolvedRate).unwrap(),
            "\"opinions_resolved_rate\""
        );
        assert_eq!(
            serde_json::to_string(&class("C")).unwrap(),
            "{\"reply_class\":\"C\"}"
        );
        let v = Value::Money {
            yuan: Decimal::from(5),
            yi_yuan: "0.00".parse().unwrap(),
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            "{\"money\":{\"yuan\":\"5\",\"yi_yuan\":\"0.00\"}}",
            "decimals are strings"
        );
    }
}

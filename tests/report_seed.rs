//! Every figure the seed report publishes, checked from the data the
//! `annual_report` example prints.

#[path = "../examples/seed_data/mod.rs"]
mod seed_data;

use deputy_work::common::{Labelled, Level, Period};
use deputy_work::report::{AnnualReport, Comparison, Metric, ReportOptions, Value};
use deputy_work::suggestion::Code;
use rust_decimal::Decimal;

fn class(code: &str) -> Metric {
    Metric::ReplyClass(Code::new(code).unwrap())
}

fn report_2025() -> AnnualReport {
    AnnualReport::build(
        &seed_data::ordos_2025(),
        Period::year(2025).unwrap(),
        ReportOptions::default(),
    )
    .unwrap()
}

fn count(r: &AnnualReport, m: Metric) -> u64 {
    r.value(m)
        .and_then(Value::count)
        .unwrap_or_else(|| panic!("{m:?} is not a count"))
}

fn percent(r: &AnnualReport, m: Metric) -> (u64, u64, String) {
    match r.value(m) {
        Some(Value::Percent {
            part,
            whole,
            percent: Some(p),
        }) => (*part, *whole, p.to_string()),
        other => panic!("{m:?}: {other:?}"),
    }
}

#[test]
fn every_published_count() {
    use Metric as M;
    let r = report_2025();
    // (metric, the seed's figure): exact figures.
    let exact = [
        (M::OfflineClasses, 2),
        (M::OfflineCityDeputies, 112),
        (M::OnlineSessions, 6),
        (M::OnlinePersonTimes, 1_300),
        (M::SharingSessions, 4),
        (M::SharingParticipants, 168),
        (M::ReportsToCommittee, 13),
        (M::ReportsToElectoralUnits, 72),
        (M::LiaisonMembers, 48),
        (M::LiaisonDeputies, 165),
        (M::Invitations, 50),
        (M::PublicContacts, 15_226),
        (M::OpinionsCollected, 5_732),
        (M::OpinionsResolved, 4_965),
        (M::Symposia, 2),
        (M::SuggestionsReceived, 181),
        (M::KeySuggestions, 8),
        (M::LookBackResolved, 113),
        (M::UnitsEvaluated, 4),
        (M::DeputiesOnRoster, 4_966),
        (M::DeputiesInGrids, 4_966),
        (M::Mediators, 466),
        (M::MediationCases, 913),
        (M::MediationSuccessful, 712),
        (M::DistrictsWithPlatform, 7),
        (M::StationsUpgraded, 232),
        (M::StreetsWithCouncil, 26),
        (M::GroupStations, 2),
        (M::GroupStationActivities, 9),
        (M::GroupStationPublic, 165),
        (M::GroupStationOpinions, 32),
        (M::ProfessionalGroups, 4),
        (M::GroupResearchTrips, 6),
        (M::GroupResearchDeputies, 56),
        (M::ElectoralGroupActivities, 15),
        (M::ElectoralGroupDeputies, 141),
        (M::LivelihoodProjects, 558),
    ];
    for (m, want) in exact {
        assert_eq!(count(&r, m), want, "{} ({})", m.label_zh(), m.label_en());
    }
    // The seed's approximate figures: "over 120", "90-odd", "160-odd",
    // "nearly a hundred".
    let member_contacts = count(&r, M::MemberContacts);
    assert!(
        member_contacts > 120 && member_contacts < 130,
        "{member_contacts}"
    );
    let research = count(&r, M::CommitteeActivityDeputies);
    assert!((91..100).contains(&research), "{research}");
    let organs = count(&r, M::OrganActivityDeputies);
    assert!((161..170).contains(&organs), "{organs}");
    let symposium = count(&r, M::SymposiumOpinions);
    assert!((90..100).contains(&symposium), "{symposium}");
}

#[test]
fn every_published_rate_and_share() {
    let r = report_2025();
    let cases = [
        (class("A"), 131, 181, "72.4"),
        (class("B"), 49, 181, "27.1"),
        (class("C"), 1, 181, "0.5"),
        (Metric::OpinionsResolvedRate, 4_965, 5_732, "86.6"),
        (Metric::MediationSuccessRate, 712, 913, "78.0"),
        (Metric::GridCoverage, 4_966, 4_966, "100.0"),
    ];
    for (m, part, whole, want) in cases {
        assert_eq!(
            percent(&r, m),
            (part, whole, want.to_owned()),
            "{}",
            m.label_en()
        );
    }
    // No D class in the seed's policy, so no D row; the rows carry the
    // policy's labels.
    assert!(r.value(class("D")).is_none());
    assert_eq!(r.label_zh(&class("A")), "已解决或者采纳");
    assert_eq!(r.label_zh(&class("C")), "暂时不具备解决条件");
    assert!(r.deputies_outside_grids.is_empty());
    assert_eq!(r.records_outside_period, 0);
}

#[test]
fn investment_is_30_12_yi_yuan_exactly() {
    let r = report_2025();
    match r.value(Metric::LivelihoodInvestment) {
        Some(Value::Money { yuan, yi_yuan }) => {
            assert_eq!(*yuan, Decimal::from(3_012_000_000_u64));
            assert_eq!(yi_yuan.to_string(), "30.12");
        }
        other => panic!("{other:?}"),
    }
    // Voted at district (旗区, county level) and township (苏木乡镇、街道) level only.
    let levels: Vec<Level> = r.livelihood_by_level.iter().map(|l| l.level).collect();
    assert_eq!(levels, [Level::County, Level::Township]);
    let sum: Decimal = r
        .livelihood_by_level
        .iter()
        .map(|l| match l.investment {
            Value::Money { yuan, .. } => yuan,
            _ => Decimal::ZERO,
        })
        .sum();
    assert_eq!(sum, Decimal::from(3_012_000_000_u64));
    assert_eq!(
        r.livelihood_by_level
            .iter()
            .map(|l| l.projects)
            .sum::<u64>(),
        558
    );
    // Opinions by topic add up to the published totals.
    assert_eq!(
        r.opinions_by_topic.iter().map(|t| t.collected).sum::<u64>(),
        5_732
    );
    assert_eq!(
        r.opinions_by_topic.iter().map(|t| t.resolved).sum::<u64>(),
        4_965
    );
}

#[test]
fn the_four_evaluated_units_are_the_seeds() {
    let r = report_2025();
    let evaluated: Vec<&str> = r
        .units
        .iter()
        .filter(|u| u.evaluation.is_some())
        .filter_map(|u| u.name.as_deref())
        .collect();
    assert_eq!(
        evaluated,
        ["市教体局", "市市场监管局", "市工信局", "市人社局"]
    );
    for u in &r.units {
        // Satisfied + basically satisfied + unsatisfied = 100 for every unit.
        let (Some(s), Some(b)) = (u.satisfied.percent(), u.basically_satisfied.percent()) else {
            panic!("{:?} has no feedback", u.unit);
        };
        let unsatisfied = Decimal::from(u.feedback.unsatisfied);
        assert!(s + b <= Decimal::ONE_HUNDRED);
        if unsatisfied.is_zero() {
            assert_eq!(s + b, Decimal::ONE_HUNDRED, "{:?}", u.unit);
        }
    }
}

#[test]
fn year_over_year_against_2024() {
    let r25 = report_2025();
    let r24 = AnnualReport::build(
        &seed_data::ordos_2024(),
        Period::year(2024).unwrap(),
        ReportOptions::default(),
    )
    .unwrap();
    let cmp = Comparison::between(&r24, &r25).unwrap();
    let row = cmp.row(Metric::SuggestionsReceived).unwrap();
    assert_eq!(row.difference, Some(Decimal::from(11)));
    assert_eq!(
        row.percent_change.map(|d| d.to_string()).as_deref(),
        Some("6.5")
    );
    // 118/170 = 69.41 → 69.4; 72.4 − 69.4 = 3.0 points, no percentage change.
    let a = cmp.row(class("A")).unwrap();
    assert_eq!(a.difference.map(|d| d.to_string()).as_deref(), Some("3.0"));
    assert_eq!(a.percent_change, None);
    let money = cmp.row(Metric::LivelihoodInvestment).unwrap();
    assert_eq!(money.difference, Some(Decimal::from(255_700_000)));
    assert_eq!(
        money.percent_change.map(|d| d.to_string()).as_deref(),
        Some("9.3")
    );
}

#[test]
fn the_report_is_deterministic() {
    let a = report_2025();
    let b = report_2025();
    assert_eq!(a, b);
    #[cfg(feature = "serde")]
    {
        let ja = serde_json::to_string(&a).unwrap();
        assert_eq!(ja, serde_json::to_string(&b).unwrap());
        let back: AnnualReport = serde_json::from_str(&ja).unwrap();
        assert_eq!(back, a);
    }
}

#[test]
fn the_suggestion_figures_come_from_the_engine() {
    let input = seed_data::ordos_2025();
    // Every suggestion is in the engine's register; no plain records.
    assert!(input.suggestions.is_empty() && input.look_back.is_empty());
    let register = input.register.as_ref().unwrap();
    assert_eq!(register.len(), 181 + 113 + 17);
    let c = register.counts();
    assert_eq!((c.received, c.replied, c.closed, c.key), (181, 181, 181, 8));
    assert_eq!(c.look_back_resolved, 113);
    let by_class: Vec<(&str, u32)> = c.by_class.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(by_class, [("A", 131), ("B", 49), ("C", 1)]);
    // The 49 B items of 2025 are due for next year's look-back, with the
    // 17 earlier ones left unsolved.
    assert_eq!(register.due_for_look_back(2026).len(), 49 + 17);
    let r = report_2025();
    assert_eq!(
        percent(&r, Metric::OnTimeReplyRate),
        (178, 181, "98.3".to_owned())
    );
    assert_eq!(
        percent(&r, Metric::FeedbackSatisfied),
        (u64::from(c.feedback.satisfied), 181, "88.4".to_owned())
    );
}

#[test]
fn some_livelihood_projects_come_from_the_vote_engine() {
    let input = seed_data::ordos_2025();
    let mut from_votes = Decimal::ZERO;
    for k in 0..seed_data::VOTE_SESSIONS {
        let (_, outcome) = seed_data::district_session(2025, k);
        assert_eq!((outcome.elected.len(), outcome.unfilled), (10, 0));
        assert!(outcome.tie.is_none());
        let projects = seed_data::district_vote(2025, k);
        // Every elected project is in the records, as the vote elected it.
        for p in &projects {
            assert!(input.records.livelihood.contains(p), "{p:?}");
        }
        let sum: Decimal = projects.iter().map(|p| p.investment).sum();
        assert_eq!(sum, outcome.elected_investment);
        from_votes += sum;
    }
    assert!(from_votes > Decimal::ZERO);
    // The 558 projects and 30.12 亿元 still hold with the voted ones in.
    let r = report_2025();
    assert_eq!(count(&r, Metric::LivelihoodProjects), 558);
}

//! Properties of the built report on random inputs.

mod cases;

use chrono::NaiveDate;
use deputy_work::common::{Deputy, DeputyId, Level, Period, RecordId, SuggestionId, UnitId};
use deputy_work::records::{MediationCase, MediationOutcome, OpinionTopic, PublicOpinion};
use deputy_work::report::{
    AnnualReport, Metric, Reply, ReportInput, ReportOptions, SuggestionRecord, Value,
};
use deputy_work::stats::{Abstentions, Rounding, Verdict};
use deputy_work::suggestion::{Code, Policy};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn build_input(
    sugg: &[(u8, u8, bool)],
    med: &[(u32, u8)],
    ops: &[(u32, bool)],
    roster: u32,
) -> ReportInput {
    let day = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    let mut i = ReportInput {
        deputies: (1..=roster)
            .map(|n| Deputy::new(DeputyId::new(n), format!("D{n}"), Level::County))
            .collect(),
        // The national rules: four classes, A to D.
        policy: Policy::national_2005(),
        ..ReportInput::default()
    };
    for (n, &(class, unit, on_time)) in sugg.iter().enumerate() {
        i.suggestions.push(SuggestionRecord {
            id: SuggestionId::new(n as u32),
            received: day,
            lead_unit: (unit % 6 != 5).then(|| UnitId::new(u32::from(unit % 6))),
            key: n % 7 == 0,
            reply: (class % 5 != 4).then(|| Reply {
                class: Code::new(["A", "B", "C", "D"][usize::from(class % 5) % 4]).unwrap(),
                on_time,
                feedback: (class % 2 == 0).then(|| Verdict::ALL[usize::from(unit % 4)]),
            }),
        });
    }
    for (n, &(dep, outcome)) in med.iter().enumerate() {
        i.records.mediation.push(MediationCase {
            id: RecordId::new(n as u64),
            date: day,
            mediators: vec![DeputyId::new(dep)],
            outcome: MediationOutcome::ALL[usize::from(outcome % 3)],
        });
    }
    for (n, &(dep, resolved)) in ops.iter().enumerate() {
        i.records.opinions.push(PublicOpinion {
            id: RecordId::new(n as u64),
            date: day,
            deputy: DeputyId::new(dep),
            topic: OpinionTopic::Other,
            resolved,
        });
    }
    i
}

fn options() -> impl Strategy<Value = ReportOptions> {
    (0_u32..4, 0_usize..4, 0_u32..4, any::<bool>()).prop_map(|(d, r, m, a)| {
        ReportOptions::new(
            d,
            [
                Rounding::HalfUp,
                Rounding::HalfEven,
                Rounding::Down,
                Rounding::Up,
            ][r],
            m,
            if a {
                Abstentions::Counted
            } else {
                Abstentions::Excluded
            },
        )
        .unwrap()
    })
}

proptest! {
    #![proptest_config(cases::config(96))]

    #[test]
    fn rates_lie_in_range_and_classes_add_to_100(
        sugg in prop::collection::vec((any::<u8>(), any::<u8>(), any::<bool>()), 0..80),
        med in prop::collection::vec((1_u32..30, any::<u8>()), 0..40),
        ops in prop::collection::vec((1_u32..30, any::<bool>()), 0..40),
        o in options(),
    ) {
        // Deputies 1..30 on a roster of 30: the input is valid.
        let input = build_input(&sugg, &med, &ops, 30);
        let r = AnnualReport::build(&input, Period::year(2025).unwrap(), o).unwrap();
        let mut class_sum = Decimal::ZERO;
        let mut classes = 0;
        for f in &r.figures {
            if let Value::Percent { part, whole, percent } = f.value {
                prop_assert!(part <= whole);
                match percent {
                    Some(p) => {
                        prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED, "{:?}", f);
                        prop_assert_eq!(p.scale(), o.decimals);
                    }
                    None => prop_assert_eq!(whole, 0, "no data only for an empty whole"),
                }
                if let (Metric::ReplyClass(_), Some(p)) = (f.metric, percent) {
                    class_sum += p;
                    classes += 1;
                }
            }
        }
        if classes > 0 {
            prop_assert_eq!(class_sum, Decimal::ONE_HUNDRED);
        }
        prop_assert_eq!(r.value(Metric::SuggestionsReceived).and_then(Value::count), Some(sugg.len() as u64));
        // Same input, same report.
        prop_assert_eq!(&r, &AnnualReport::build(&input, Period::year(2025).unwrap(), o).unwrap());
    }

    #[test]
    fn any_input_gives_a_report_or_an_error_never_a_panic(
        sugg in prop::collection::vec((any::<u8>(), any::<u8>(), any::<bool>()), 0..30),
        med in prop::collection::vec((0_u32..40, any::<u8>()), 0..30),
        ops in prop::collection::vec((0_u32..40, any::<bool>()), 0..30),
        roster in 0_u32..40,
        o in options(),
    ) {
        // Deputies may be missing from the roster: then it is an error.
        let input = build_input(&sugg, &med, &ops, roster);
        let unknown = med.iter().map(|m| m.0).chain(ops.iter().map(|o| o.0)).any(|d| d == 0 || d > roster);
        let got = AnnualReport::build(&input, Period::year(2025).unwrap(), o);
        prop_assert_eq!(got.is_err(), unknown);
    }
}

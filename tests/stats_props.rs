//! Properties of the statistics the report relies on.

mod cases;

use deputy_work::stats::{Abstentions, Change, Rate, Rounding, Satisfaction, shares, yi_yuan};
use proptest::prelude::*;
use rust_decimal::Decimal;

proptest! {
    #![proptest_config(cases::config(256))]

    /// Equal counts get shares in position order, never differing by more
    /// than one step; a larger count never gets a smaller share.
    #[test]
    fn ties_are_broken_by_position_and_order_is_kept(counts in prop::collection::vec(0_u64..50, 1..10), dp in 0_u32..3) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let s = shares(&counts, dp).unwrap();
        let step = Decimal::new(1, dp);
        for i in 0..counts.len() {
            for j in i + 1..counts.len() {
                if counts[i] == counts[j] {
                    prop_assert!(s[i] >= s[j] && s[i] - s[j] <= step);
                } else if counts[i] > counts[j] {
                    prop_assert!(s[i] >= s[j]);
                } else {
                    prop_assert!(s[i] <= s[j]);
                }
            }
        }
        // The same counts always give the same shares.
        prop_assert_eq!(&s, &shares(&counts, dp).unwrap());
    }

    /// Satisfaction shares add up to exactly 100 and the wide rate lies in 0..=100.
    #[test]
    fn satisfaction_shares_add_up(s in 0_u64..1_000, b in 0_u64..1_000, u in 0_u64..1_000, a in 0_u64..1_000, dp in 0_u32..4) {
        let sat = Satisfaction { satisfied: s, basically_satisfied: b, unsatisfied: u, abstained: a };
        for mode in [Abstentions::Excluded, Abstentions::Counted] {
            match sat.shares(dp, mode) {
                Ok(sh) => {
                    let sum = sh.satisfied + sh.basically_satisfied + sh.unsatisfied + sh.abstained.unwrap_or_default();
                    prop_assert_eq!(sum, Decimal::ONE_HUNDRED);
                    let p = sat.satisfied_or_basically(mode).unwrap().percent(dp, Rounding::HalfUp).unwrap();
                    prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED);
                }
                Err(_) => prop_assert_eq!(sat.total(mode).unwrap(), 0),
            }
        }
    }

    /// 亿元 conversion rounds once: HalfUp agrees with rust_decimal's
    /// MidpointAwayFromZero and never moves by more than half a step.
    #[test]
    fn yi_yuan_rounds_once(cents in 0_i64..1_000_000_000_000_000, dp in 0_u32..5) {
        let yuan = Decimal::new(cents, 2);
        let got = yi_yuan(yuan, dp, Rounding::HalfUp).unwrap();
        let exact = yuan / Decimal::from(100_000_000);
        prop_assert_eq!(got, exact.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        prop_assert!((got - exact).abs() * Decimal::from(2) <= Decimal::new(1, dp));
        prop_assert_eq!(got.scale(), dp);
    }

    /// A change's difference added to the previous value gives the current one.
    #[test]
    fn change_difference_is_exact(p in 0_i64..1_000_000_000, c in 0_i64..1_000_000_000) {
        let ch = Change::new(Decimal::new(p, 2), Decimal::new(c, 2));
        prop_assert_eq!(ch.previous + ch.difference().unwrap(), ch.current);
        if p == 0 { prop_assert!(ch.percent(1, Rounding::HalfUp).is_err()); }
    }

    /// Rates never leave 0..=100, whatever the rounding.
    #[test]
    fn rates_stay_in_range(whole in 1_u64..u64::MAX, part_frac in 0_u64..=1_000, dp in 0_u32..6) {
        let part = ((u128::from(whole) * u128::from(part_frac)) / 1_000) as u64;
        for r in [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down, Rounding::Up] {
            let p = Rate::new(part, whole).unwrap().percent(dp, r).unwrap();
            prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED);
        }
    }
}

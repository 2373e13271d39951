//! Rates and largest-remainder shares, computed exactly in integers.

use super::StatsError;
use crate::common::labelled_enum;
use rust_decimal::Decimal;

/// The most decimals a percentage can be asked for.
///
/// ```
/// use deputy_work::stats::{MAX_DECIMALS, Rate, Rounding};
/// assert!(Rate::new(1, 3)?.percent(MAX_DECIMALS + 1, Rounding::HalfUp).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_DECIMALS: u32 = 12;

/// The decimals a [`Rate`] displays with when the format gives no precision:
/// one, as work reports quote rates.
const DISPLAY_DECIMALS: u32 = 1;

labelled_enum! {
    /// How a percentage is rounded to the decimals shown.
    ///
    /// ```
    /// use deputy_work::stats::{Rate, Rounding};
    /// let r = Rate::new(1, 8)?; // 12.5 %
    /// assert_eq!(r.percent(0, Rounding::HalfUp)?.to_string(), "13");
    /// assert_eq!(r.percent(0, Rounding::HalfEven)?.to_string(), "12");
    /// assert_eq!(r.percent(0, Rounding::Down)?.to_string(), "12");
    /// assert_eq!(r.percent(0, Rounding::Up)?.to_string(), "13");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Default)]
    pub enum Rounding in stats {
        /// 四舍五入: a midpoint goes away from zero (12.5 → 13). The default.
        #[default]
        HalfUp = "half_up", "四舍五入", "half up";
        /// Banker's rounding: a midpoint goes to the even neighbour (12.5 → 12).
        HalfEven = "half_even", "四舍六入五成双", "half even";
        /// Truncation toward zero (舍去).
        Down = "down", "舍去", "down";
        /// Away from zero whenever anything is left over (进一).
        Up = "up", "进一", "up";
    }
}

impl Rounding {
    /// Rounds the non-negative fraction `q + r / d` (with `r < d`) to an integer.
    fn apply(self, q: u128, r: u128, d: u128) -> Option<u128> {
        let twice = r.checked_mul(2)?;
        let up = match self {
            Self::HalfUp => twice >= d,
            Self::HalfEven => twice > d || (twice == d && q % 2 == 1),
            Self::Down => false,
            Self::Up => r > 0,
        };
        if up { q.checked_add(1) } else { Some(q) }
    }
}

/// A part of a whole, such as "4,965 of 5,732 opinions resolved".
///
/// ```
/// use deputy_work::stats::{Rate, Rounding};
/// let mediation = Rate::new(712, 913)?;
/// assert_eq!(mediation.percent(1, Rounding::HalfUp)?.to_string(), "78.0");
/// assert_eq!(mediation.part(), 712);
/// // Displayed as a percentage, one decimal unless the format says otherwise.
/// assert_eq!(mediation.to_string(), "78.0%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RateData", into = "RateData"))]
pub struct Rate {
    part: u64,
    whole: u64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RateData {
    part: u64,
    whole: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RateData> for Rate {
    type Error = StatsError;
    fn try_from(d: RateData) -> Result<Self, StatsError> {
        Self::new(d.part, d.whole)
    }
}

#[cfg(feature = "serde")]
impl From<Rate> for RateData {
    fn from(r: Rate) -> Self {
        Self {
            part: r.part,
            whole: r.whole,
        }
    }
}

impl Rate {
    /// `part` of `whole`.
    ///
    /// ```
    /// use deputy_work::stats::{Rate, StatsError};
    /// assert_eq!(Rate::new(3, 4)?.part(), 3);
    /// assert_eq!(Rate::new(0, 0), Err(StatsError::NoData));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::NoData`] when `whole` is zero;
    /// [`StatsError::PartExceedsWhole`] when `part > whole`.
    pub fn new(part: u64, whole: u64) -> Result<Self, StatsError> {
        if whole == 0 {
            return Err(StatsError::NoData);
        }
        if part > whole {
            return Err(StatsError::PartExceedsWhole { part, whole });
        }
        Ok(Self { part, whole })
    }

    /// The part.
    ///
    /// ```
    /// use deputy_work::stats::Rate;
    /// assert_eq!(Rate::new(712, 913)?.part(), 712);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn part(&self) -> u64 {
        self.part
    }

    /// The whole (never zero).
    ///
    /// ```
    /// use deputy_work::stats::Rate;
    /// assert_eq!(Rate::new(712, 913)?.whole(), 913);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn whole(&self) -> u64 {
        self.whole
    }

    /// The rate as a percentage with `decimals` decimals, rounded once by
    /// `rounding`. Always between 0 and 100.
    ///
    /// Cost: O(1): one 128-bit product and division, whatever the numbers.
    ///
    /// ```
    /// use deputy_work::stats::{Rate, Rounding};
    /// assert_eq!(Rate::new(1, 3)?.percent(2, Rounding::HalfUp)?.to_string(), "33.33");
    /// assert_eq!(Rate::new(2, 3)?.percent(0, Rounding::HalfUp)?.to_string(), "67");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::TooManyDecimals`] past [`MAX_DECIMALS`].
    pub fn percent(&self, decimals: u32, rounding: Rounding) -> Result<Decimal, StatsError> {
        let units = percent_units(decimals)?;
        let whole = u128::from(self.whole);
        let scaled = u128::from(self.part)
            .checked_mul(units)
            .ok_or(StatsError::Overflow)?;
        let q = scaled.checked_div(whole).ok_or(StatsError::NoData)?;
        let r = scaled.checked_rem(whole).ok_or(StatsError::NoData)?;
        let n = rounding.apply(q, r, whole).ok_or(StatsError::Overflow)?;
        to_decimal(n, decimals)
    }
}

impl core::fmt::Display for Rate {
    /// The percentage with its sign, rounded half up (四舍五入) at the
    /// format's precision (one decimal when none is given, at most
    /// [`MAX_DECIMALS`]); honours width, fill and alignment.
    ///
    /// ```
    /// use deputy_work::stats::Rate;
    /// let r = Rate::new(1, 8)?;
    /// assert_eq!(r.to_string(), "12.5%");
    /// assert_eq!(format!("{r:.0}"), "13%");
    /// assert_eq!(format!("{:.2}", Rate::new(1, 3)?), "33.33%");
    /// assert_eq!(format!("{r:>8}"), "   12.5%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let decimals = f
            .precision()
            .map_or(DISPLAY_DECIMALS, |p| {
                u32::try_from(p).unwrap_or(MAX_DECIMALS)
            })
            .min(MAX_DECIMALS);
        let percent = self.percent(decimals, Rounding::HalfUp);
        // A rate's part never exceeds its whole, so 100 × 10^12 × u64::MAX fits u128.
        debug_assert!(
            percent.is_ok(),
            "a rate's percentage at most MAX_DECIMALS decimals always fits"
        );
        match percent {
            Ok(p) => f.pad_integral(true, "", &format!("{p}%")),
            Err(_) => f.pad("?%"),
        }
    }
}

/// 100 × 10^decimals: the number of steps in a whole at that precision.
fn percent_units(decimals: u32) -> Result<u128, StatsError> {
    if decimals > MAX_DECIMALS {
        return Err(StatsError::TooManyDecimals {
            decimals,
            max: MAX_DECIMALS,
        });
    }
    10_u128
        .checked_pow(decimals)
        .and_then(|p| p.checked_mul(100))
        .ok_or(StatsError::Overflow)
}

fn to_decimal(n: u128, decimals: u32) -> Result<Decimal, StatsError> {
    let n = i128::try_from(n).map_err(|_| StatsError::Overflow)?;
    Decimal::try_from_i128_with_scale(n, decimals).map_err(|_| StatsError::Overflow)
}

/// Splits a whole into percentages, one for each count, that add up to
/// exactly 100 at `decimals` decimals, by the largest-remainder method
/// (Hamilton's method).
///
/// Cost: O(n log n) in the n counts (the remainders are sorted); memory:
/// O(n). Neither the counts' size nor `decimals` (at most [`MAX_DECIMALS`])
/// enters beyond a fixed-width product.
///
/// Each share first gets its exact value rounded down to the precision; the
/// steps still missing from 100 go one each to the shares with the largest
/// remainders. **Equal remainders** are ordered by the larger count first,
/// then by the earlier position in `counts`; so the result depends only on
/// the counts and their order, never on anything else. Every share is within
/// one step (10^-decimals) of its exact value.
///
/// ```
/// use deputy_work::stats::shares;
/// use rust_decimal::Decimal;
/// // Three equal thirds at whole percents: the first one gets the extra point.
/// let s = shares(&[1, 1, 1], 0)?;
/// assert_eq!(s, [Decimal::from(34), Decimal::from(33), Decimal::from(33)]);
/// assert_eq!(s.iter().sum::<Decimal>(), Decimal::from(100));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`StatsError::NoData`] when the counts add up to zero (or there are none);
/// [`StatsError::TooManyDecimals`] past [`MAX_DECIMALS`];
/// [`StatsError::Overflow`] when the counts add up to more than `u64::MAX`.
pub fn shares(counts: &[u64], decimals: u32) -> Result<Vec<Decimal>, StatsError> {
    let units = percent_units(decimals)?;
    let total = counts
        .iter()
        .try_fold(0_u64, |acc, &c| acc.checked_add(c))
        .ok_or(StatsError::Overflow)?;
    if total == 0 {
        return Err(StatsError::NoData);
    }
    let total = u128::from(total);
    let mut floors = Vec::with_capacity(counts.len());
    let mut order: Vec<(u128, u64, usize)> = Vec::with_capacity(counts.len());
    let mut given: u128 = 0;
    for (i, &c) in counts.iter().enumerate() {
        let scaled = u128::from(c)
            .checked_mul(units)
            .ok_or(StatsError::Overflow)?;
        let q = scaled.checked_div(total).ok_or(StatsError::NoData)?;
        let r = scaled.checked_rem(total).ok_or(StatsError::NoData)?;
        given = given.checked_add(q).ok_or(StatsError::Overflow)?;
        floors.push(q);
        order.push((r, c, i));
    }
    // Largest remainder first, then larger count, then earlier position.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let missing = units.checked_sub(given).ok_or(StatsError::Overflow)?;
    let missing = usize::try_from(missing).map_err(|_| StatsError::Overflow)?;
    for &(_, _, i) in order.iter().take(missing) {
        if let Some(f) = floors.get_mut(i) {
            *f = f.checked_add(1).ok_or(StatsError::Overflow)?;
        }
    }
    floors
        .into_iter()
        .map(|n| to_decimal(n, decimals))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn seed_rates() {
        let cases = [
            (131, 181, "72.4"),
            (49, 181, "27.1"),
            (1, 181, "0.6"),
            (4_965, 5_732, "86.6"),
            (712, 913, "78.0"),
            (0, 5, "0.0"),
            (5, 5, "100.0"),
        ];
        for (p, w, want) in cases {
            let got = Rate::new(p, w)
                .unwrap()
                .percent(1, Rounding::HalfUp)
                .unwrap();
            assert_eq!(got.to_string(), want, "{p}/{w}");
        }
    }

    #[test]
    fn rates_display_as_percentages() {
        let cases = [
            (1, 8, "12.5%"),
            (1, 3, "33.3%"),
            (2, 3, "66.7%"),
            (0, 5, "0.0%"),
            (5, 5, "100.0%"),
            (4_965, 5_732, "86.6%"),
        ];
        for (p, w, want) in cases {
            assert_eq!(Rate::new(p, w).unwrap().to_string(), want, "{p}/{w}");
        }
        let r = Rate::new(1, 3).unwrap();
        assert_eq!(format!("{r:.0}"), "33%");
        assert_eq!(format!("{r:.3}"), "33.333%");
        assert_eq!(format!("{r:<8}|"), "33.3%   |");
        assert_eq!(format!("{r:^9}"), "  33.3%  ");
        // A precision past MAX_DECIMALS is held at MAX_DECIMALS.
        assert_eq!(format!("{r:.20}"), "33.333333333333%");
        let max = Rate::new(u64::MAX, u64::MAX).unwrap();
        assert_eq!(format!("{max:.12}"), "100.000000000000%");
    }

    #[test]
    fn midpoints_follow_the_rounding() {
        // 1/16 = 6.25 %
        let r = Rate::new(1, 16).unwrap();
        assert_eq!(r.percent(1, Rounding::HalfUp).unwrap(), dec("6.3"));
        assert_eq!(r.percent(1, Rounding::HalfEven).unwrap(), dec("6.2"));
        assert_eq!(r.percent(2, Rounding::HalfEven).unwrap(), dec("6.25"));
    }

    /// Every rounding on hand-worked cases: exact values, values below and
    /// above a midpoint, and midpoints whose kept digit is even and odd
    /// (half-even differs from half-up only on an even one).
    #[test]
    fn rounding_table() {
        // (part, whole, decimals, half up, half even, down, up)
        let table: &[(u64, u64, u32, &str, &str, &str, &str)] = &[
            (1, 4, 0, "25", "25", "25", "25"), // 25 exactly
            (0, 5, 1, "0.0", "0.0", "0.0", "0.0"),
            (5, 5, 0, "100", "100", "100", "100"),
            (1, 3, 0, "33", "33", "33", "34"), // 33.33…
            (2, 3, 0, "67", "67", "66", "67"), // 66.66…
            (2, 3, 2, "66.67", "66.67", "66.66", "66.67"),
            (1, 8, 0, "13", "12", "12", "13"), // 12.5: even digit kept
            (3, 8, 0, "38", "38", "37", "38"), // 37.5: odd digit rounds up
            (1, 200, 0, "1", "0", "0", "1"),   // 0.5: zero is even
            (3, 200, 0, "2", "2", "1", "2"),   // 1.5
            (5, 200, 0, "3", "2", "2", "3"),   // 2.5
            (1, 16, 1, "6.3", "6.2", "6.2", "6.3"), // 6.25
            (5, 16, 1, "31.3", "31.2", "31.2", "31.3"), // 31.25
            (7, 16, 1, "43.8", "43.8", "43.7", "43.8"), // 43.75
            (1, 32, 2, "3.13", "3.12", "3.12", "3.13"), // 3.125
            (3, 32, 2, "9.38", "9.38", "9.37", "9.38"), // 9.375
            (1, 7, 3, "14.286", "14.286", "14.285", "14.286"), // 14.2857…
        ];
        let kinds = [
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ];
        for &(part, whole, dp, hu, he, down, up) in table {
            let r = Rate::new(part, whole).unwrap();
            for (kind, want) in kinds.into_iter().zip([hu, he, down, up]) {
                assert_eq!(
                    r.percent(dp, kind).unwrap(),
                    dec(want),
                    "{part}/{whole} at {dp} decimals, {kind:?}"
                );
            }
        }
    }

    #[test]
    fn a_rate_keeps_its_part_and_whole() {
        let r = Rate::new(3, 40).unwrap();
        assert_eq!((r.part(), r.whole()), (3, 40));
        assert_eq!(
            Rate::new(41, 40),
            Err(StatsError::PartExceedsWhole {
                part: 41,
                whole: 40
            })
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_stored_rate_is_validated() {
        let r: Rate = serde_json::from_str(r#"{"part":3,"whole":40}"#).unwrap();
        assert_eq!((r.part(), r.whole()), (3, 40));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"part":3,"whole":40}"#
        );
        for bad in [
            r#"{"part":0,"whole":0}"#,
            r#"{"part":41,"whole":40}"#,
            r#"{"part":3,"whole":40,"percent":7.5}"#,
            r#"{"part":3}"#,
            r#"{"part":-1,"whole":40}"#,
        ] {
            assert!(serde_json::from_str::<Rate>(bad).is_err(), "{bad}");
        }
        let zero = serde_json::from_str::<Rate>(r#"{"part":0,"whole":0}"#).unwrap_err();
        assert!(zero.to_string().contains("no data"), "{zero}");
    }

    #[test]
    fn seed_shares_add_up() {
        let s = shares(&[131, 49, 1], 1).unwrap();
        assert_eq!(s, [dec("72.4"), dec("27.1"), dec("0.5")]);
    }

    #[test]
    fn equal_remainders_go_to_larger_count_then_earlier() {
        // 1 and 2 of 3... remainders: 33.33→.33, 66.66→.66: not equal. Use 1,1,2 of 4
        // at 0 dp: 25, 25, 50 exact: nothing to give.
        assert_eq!(
            shares(&[1, 1, 2], 0).unwrap(),
            [dec("25"), dec("25"), dec("50")]
        );
        // 1,1,1,1,1,1 of 6 → 16.66 each, 4 steps to give: the first four.
        let s = shares(&[1; 6], 0).unwrap();
        assert_eq!(s.iter().filter(|d| **d == dec("17")).count(), 4);
        assert_eq!(s[4], dec("16"));
        assert_eq!(s[5], dec("16"));
        // 2 and 5 of 7 at 0 dp: 28.57 / 71.43 → remainders 4/7 and 3/7: 29 / 71.
        assert_eq!(shares(&[2, 5], 0).unwrap(), [dec("29"), dec("71")]);
    }

    #[test]
    fn errors() {
        assert_eq!(shares(&[], 1), Err(StatsError::NoData));
        assert_eq!(shares(&[0, 0], 1), Err(StatsError::NoData));
        assert_eq!(
            shares(&[1], 13),
            Err(StatsError::TooManyDecimals {
                decimals: 13,
                max: 12
            })
        );
        assert_eq!(shares(&[u64::MAX, 1], 0), Err(StatsError::Overflow));
        assert!(
            Rate::new(u64::MAX, u64::MAX)
                .unwrap()
                .percent(12, Rounding::Up)
                .is_ok()
        );
    }

    proptest! {
        #[test]
        fn shares_sum_to_exactly_100(counts in prop::collection::vec(0_u64..10_000, 1..12), dp in 0_u32..4) {
            prop_assume!(counts.iter().sum::<u64>() > 0);
            let s = shares(&counts, dp).unwrap();
            prop_assert_eq!(s.iter().sum::<Decimal>(), Decimal::from(100));
            let total: u64 = counts.iter().sum();
            let step = Decimal::new(1, dp);
            for (share, &c) in s.iter().zip(&counts) {
                let exact = Decimal::from(c) * Decimal::from(100) / Decimal::from(total);
                prop_assert!((*share - exact).abs() < step, "{} vs {}", share, exact);
                prop_assert_eq!(share.scale(), dp);
            }
        }

        #[test]
        fn shares_are_deterministic_under_equal_counts(n in 1_usize..20, dp in 0_u32..3) {
            let s = shares(&vec![7; n], dp).unwrap();
            // Equal counts: extra steps go to the earliest positions, so the
            // shares never increase along the list.
            prop_assert!(s.windows(2).all(|w| w[0] >= w[1]));
        }

        #[test]
        fn rates_lie_between_0_and_100(whole in 1_u64..u64::MAX, frac in 0.0_f64..=1.0, dp in 0_u32..=MAX_DECIMALS) {
            let part = ((whole as f64) * frac) as u64;
            let part = part.min(whole);
            for rounding in [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down, Rounding::Up] {
                let p = Rate::new(part, whole).unwrap().percent(dp, rounding).unwrap();
                prop_assert!(p >= Decimal::ZERO && p <= Decimal::from(100));
            }
        }

        #[test]
        fn half_up_matches_decimal_rounding(part in 0_u64..100_000, extra in 0_u64..100_000, dp in 0_u32..4) {
            let whole = part + extra + 1;
            let exact = Decimal::from(part) * Decimal::from(100) / Decimal::from(whole);
            let want = exact.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(Rate::new(part, whole).unwrap().percent(dp, Rounding::HalfUp).unwrap(), want);
        }
    }
}

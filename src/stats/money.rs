//! Money in yuan (元) and in 亿元 (100 million yuan).

use super::{MAX_DECIMALS, Rounding, StatsError};
use rust_decimal::{Decimal, RoundingStrategy};

/// One 亿 (10^8): 1 亿元 is 100,000,000 yuan.
///
/// ```
/// use deputy_work::stats::YUAN_PER_YI;
/// use rust_decimal::Decimal;
/// assert_eq!(YUAN_PER_YI, Decimal::from(100_000_000));
/// ```
pub const YUAN_PER_YI: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// The rust_decimal strategy that implements a [`Rounding`].
pub(super) const fn strategy(rounding: Rounding) -> RoundingStrategy {
    match rounding {
        Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        Rounding::Down => RoundingStrategy::ToZero,
        Rounding::Up => RoundingStrategy::AwayFromZero,
    }
}

/// An amount in yuan expressed in 亿元 (units of 100 million yuan), rounded
/// once to `decimals` decimals by `rounding`.
///
/// Reports quote investment in 亿元 with two decimals: the seed's 558
/// livelihood projects total 30.12 亿元.
///
/// ```
/// use deputy_work::stats::{Rounding, yi_yuan};
/// use rust_decimal::Decimal;
/// let yuan: Decimal = "3011500000".parse()?; // 30.115 亿元
/// assert_eq!(yi_yuan(yuan, 2, Rounding::HalfUp)?.to_string(), "30.12");
/// assert_eq!(yi_yuan(yuan, 2, Rounding::HalfEven)?.to_string(), "30.12");
/// assert_eq!(yi_yuan(yuan, 2, Rounding::Down)?.to_string(), "30.11");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`StatsError::TooManyDecimals`] past [`MAX_DECIMALS`].
pub fn yi_yuan(yuan: Decimal, decimals: u32, rounding: Rounding) -> Result<Decimal, StatsError> {
    if decimals > MAX_DECIMALS {
        return Err(StatsError::TooManyDecimals {
            decimals,
            max: MAX_DECIMALS,
        });
    }
    let yi = yuan.checked_div(YUAN_PER_YI).ok_or(StatsError::Overflow)?;
    let mut rounded = yi.round_dp_with_strategy(decimals, strategy(rounding));
    // Show exactly `decimals` decimals (30.1 → 30.10).
    rounded.rescale(decimals);
    Ok(rounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn seed_total_and_edges() {
        let cases = [
            ("3012000000", 2, Rounding::HalfUp, "30.12"),
            ("3010000000", 2, Rounding::HalfUp, "30.10"),
            ("3012499999.99", 2, Rounding::HalfUp, "30.12"),
            ("3012500000", 2, Rounding::HalfUp, "30.13"),
            ("3012500000", 2, Rounding::HalfEven, "30.12"),
            ("3013500000", 2, Rounding::HalfEven, "30.14"),
            ("3012000001", 2, Rounding::Up, "30.13"),
            ("3012999999", 2, Rounding::Down, "30.12"),
            ("-150000000", 0, Rounding::HalfUp, "-2"),
            ("0", 2, Rounding::HalfUp, "0.00"),
        ];
        for (yuan, dp, r, want) in cases {
            let got = yi_yuan(dec(yuan), dp, r).unwrap();
            assert_eq!(got.to_string(), want, "{yuan} {r:?}");
        }
    }

    #[test]
    fn too_many_decimals() {
        assert_eq!(
            yi_yuan(Decimal::ONE, 13, Rounding::HalfUp),
            Err(StatsError::TooManyDecimals {
                decimals: 13,
                max: 12
            })
        );
        assert!(yi_yuan(Decimal::MAX, 12, Rounding::HalfUp).is_ok());
    }
}

//! Year-over-year change (同比).

use super::money::strategy;
use super::{MAX_DECIMALS, Rounding, StatsError};
use rust_decimal::Decimal;

/// A figure this year beside the same figure last year (同比).
///
/// The difference is exact; the percentage change is relative to the
/// previous value's size, rounded once. For a figure that is itself a rate,
/// compare with [`Change::difference`]: that is the change in percentage
/// points (百分点), which is what reports quote.
///
/// ```
/// use deputy_work::stats::{Change, Rounding};
/// use rust_decimal::Decimal;
/// let opinions = Change::new(Decimal::from(5_000), Decimal::from(5_732));
/// assert_eq!(opinions.difference()?, Decimal::from(732));
/// assert_eq!(opinions.percent(1, Rounding::HalfUp)?.to_string(), "14.6");
/// let fewer = Change::new(Decimal::from(8), Decimal::from(6));
/// assert_eq!(fewer.percent(1, Rounding::HalfUp)?.to_string(), "-25.0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Change {
    /// Last year's value (the base).
    pub previous: Decimal,
    /// This year's value.
    pub current: Decimal,
}

impl Change {
    /// A change from `previous` to `current`.
    ///
    /// ```
    /// use deputy_work::stats::Change;
    /// use rust_decimal::Decimal;
    /// let c = Change::new(Decimal::from(8), Decimal::from(6));
    /// assert_eq!((c.previous, c.current), (Decimal::from(8), Decimal::from(6)));
    /// ```
    #[must_use]
    pub const fn new(previous: Decimal, current: Decimal) -> Self {
        Self { previous, current }
    }

    /// `current - previous`, exact.
    ///
    /// ```
    /// use deputy_work::stats::Change;
    /// use rust_decimal::Decimal;
    /// let rate = Change::new("84.0".parse()?, "86.6".parse()?);
    /// assert_eq!(rate.difference()?.to_string(), "2.6", "percentage points");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::Overflow`] past the range of `Decimal`.
    pub fn difference(&self) -> Result<Decimal, StatsError> {
        self.current
            .checked_sub(self.previous)
            .ok_or(StatsError::Overflow)
    }

    /// The change as a percentage of the previous value's size, with
    /// `decimals` decimals, rounded once by `rounding` (symmetrically: a
    /// fall rounds like the rise of the same size, with a minus sign).
    ///
    /// ```
    /// use deputy_work::stats::{Change, Rounding, StatsError};
    /// use rust_decimal::Decimal;
    /// let c = Change::new(Decimal::from(170), Decimal::from(181));
    /// assert_eq!(c.percent(1, Rounding::HalfUp)?.to_string(), "6.5");
    /// assert_eq!(Change::new(Decimal::ZERO, Decimal::ONE).percent(1, Rounding::HalfUp), Err(StatsError::NoData));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StatsError::NoData`] when the previous value is zero (growth from
    /// nothing has no percentage); [`StatsError::TooManyDecimals`] past
    /// [`MAX_DECIMALS`]; [`StatsError::Overflow`] past the range of `Decimal`.
    pub fn percent(&self, decimals: u32, rounding: Rounding) -> Result<Decimal, StatsError> {
        if decimals > MAX_DECIMALS {
            return Err(StatsError::TooManyDecimals {
                decimals,
                max: MAX_DECIMALS,
            });
        }
        if self.previous.is_zero() {
            return Err(StatsError::NoData);
        }
        let scaled = self
            .difference()?
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(StatsError::Overflow)?;
        let ratio = scaled
            .checked_div(self.previous.abs())
            .ok_or(StatsError::Overflow)?;
        let mut rounded = ratio.round_dp_with_strategy(decimals, strategy(rounding));
        rounded.rescale(decimals);
        Ok(rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn table() {
        let cases = [
            ("100", "150", 1, "50.0"),
            ("150", "100", 1, "-33.3"),
            ("8", "7", 1, "-12.5"),
            ("16", "17", 1, "6.3"),
            ("16", "15", 1, "-6.3"),
            ("-10", "-5", 0, "50"),
            ("86.6", "86.6", 1, "0.0"),
        ];
        for (p, c, dp, want) in cases {
            let got = Change::new(dec(p), dec(c))
                .percent(dp, Rounding::HalfUp)
                .unwrap();
            assert_eq!(got.to_string(), want, "{p} → {c}");
        }
    }

    #[test]
    fn errors() {
        let from_zero = Change::new(Decimal::ZERO, Decimal::ONE);
        assert_eq!(
            from_zero.percent(1, Rounding::HalfUp),
            Err(StatsError::NoData)
        );
        assert_eq!(from_zero.difference(), Ok(Decimal::ONE));
        assert_eq!(
            Change::new(Decimal::MIN, Decimal::MAX).difference(),
            Err(StatsError::Overflow)
        );
        assert!(matches!(
            Change::new(Decimal::ONE, Decimal::ONE).percent(13, Rounding::HalfUp),
            Err(StatsError::TooManyDecimals { .. })
        ));
        // Twelve decimals, the most there are, are allowed: 3 → 4 is a
        // third more.
        assert_eq!(
            Change::new(Decimal::from(3), Decimal::from(4))
                .percent(MAX_DECIMALS, Rounding::HalfUp)
                .unwrap()
                .to_string(),
            "33.333333333333"
        );
    }

    proptest! {
        #[test]
        fn rise_and_fall_are_symmetric(base in 1_i64..1_000_000, delta in 0_i64..1_000_000, dp in 0_u32..4) {
            let b = Decimal::from(base);
            let up = Change::new(b, b + Decimal::from(delta)).percent(dp, Rounding::HalfUp).unwrap();
            let down = Change::new(b, b - Decimal::from(delta)).percent(dp, Rounding::HalfUp).unwrap();
            prop_assert_eq!(up, -down);
            prop_assert!(up >= Decimal::ZERO);
        }
    }
}

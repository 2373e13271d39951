//! A fixed-width unsigned integer for the exact arithmetic of the Method of
//! Equal Shares: voters' budgets are fractions over one common denominator
//! that grows as payments are split, beyond what `u128` holds.

use core::cmp::Ordering;

/// An unsigned integer of `N` limbs of 64 bits (`N >= 2`); every
/// operation is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wide<const N: usize>([u64; N]);

impl<const N: usize> Default for Wide<N> {
    fn default() -> Self {
        Self::ZERO
    }
}

impl<const N: usize> Wide<N> {
    pub(crate) const ZERO: Self = Self([0; N]);

    pub(crate) fn from_u128(v: u128) -> Self {
        let mut w = [0; N];
        let (lo, hi) = (v as u64, (v >> 64) as u64);
        if let Some(x) = w.get_mut(0) {
            *x = lo;
        }
        if let Some(x) = w.get_mut(1) {
            *x = hi;
        }
        Self(w)
    }

    /// The number of significant bits.
    pub(crate) fn bits(&self) -> u32 {
        for (i, &l) in self.0.iter().enumerate().rev() {
            if l != 0 {
                // At most 128 limbs of 64 bits: every figure fits u32.
                let bits = u32::try_from(i)
                    .ok()
                    .and_then(|i| i.checked_mul(u64::BITS))
                    .zip(u64::BITS.checked_sub(l.leading_zeros()))
                    .and_then(|(below, top)| below.checked_add(top));
                debug_assert!(bits.is_some(), "a width of at most 8,192 bits fits u32");
                return bits.unwrap_or(u32::MAX);
            }
        }
        0
    }

    pub(crate) fn checked_add(&self, o: &Self) -> Option<Self> {
        let mut r = [0_u64; N];
        let mut carry = false;
        for ((d, a), b) in r.iter_mut().zip(self.0).zip(o.0) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *d = s2;
            carry = c1 || c2;
        }
        (!carry).then_some(Self(r))
    }

    pub(crate) fn checked_sub(&self, o: &Self) -> Option<Self> {
        let mut r = [0_u64; N];
        let mut borrow = false;
        for ((d, a), b) in r.iter_mut().zip(self.0).zip(o.0) {
            let (s1, c1) = a.overflowing_sub(b);
            let (s2, c2) = s1.overflowing_sub(u64::from(borrow));
            *d = s2;
            borrow = c1 || c2;
        }
        (!borrow).then_some(Self(r))
    }

    pub(crate) fn checked_mul_u64(&self, m: u64) -> Option<Self> {
        // Past 512 bits, only the limbs up to the top non-zero one (wide
        // numbers are mostly leading zeros); up to 512, every limb, in a
        // loop the compiler unrolls.
        let top = if N > 8 { self.len() } else { N };
        let mut r = [0_u64; N];
        let mut carry: u128 = 0;
        for (d, a) in r.iter_mut().zip(self.0).take(top) {
            // a * m + carry < 2^128: (2^64-1)^2 + 2^64-1 < 2^128.
            let t = u128::from(a)
                .wrapping_mul(u128::from(m))
                .wrapping_add(carry);
            *d = t as u64;
            carry = t >> 64;
        }
        if carry != 0 {
            // The carry is below 2^64; it fits when a limb is left.
            *r.get_mut(top)? = carry as u64;
        }
        Some(Self(r))
    }

    /// The number of limbs up to the top non-zero one.
    pub(crate) fn len(&self) -> usize {
        self.0
            .iter()
            .rposition(|&l| l != 0)
            .map_or(0, |i| i.wrapping_add(1))
    }

    /// `self *= m` in place (no copy of a wide number); `false`, with
    /// `self` no longer meaningful, on overflow.
    #[cfg(test)]
    pub(crate) fn mul_assign_u64(&mut self, m: u64) -> bool {
        let top = if N > 8 { self.len() } else { N };
        self.mul_assign_u64_within(m, top)
    }

    /// `self *= m` in place for a number known to have no non-zero limb
    /// from `top` up (the caller's bound saves finding it); `false`, with
    /// `self` no longer meaningful, on overflow.
    pub(crate) fn mul_assign_u64_within(&mut self, m: u64, top: usize) -> bool {
        debug_assert!(
            self.0.iter().skip(top).all(|&l| l == 0),
            "no limb above the caller's bound"
        );
        let mut carry: u128 = 0;
        for a in self.0.iter_mut().take(top) {
            // a * m + carry < 2^128.
            let t = u128::from(*a)
                .wrapping_mul(u128::from(m))
                .wrapping_add(carry);
            *a = t as u64;
            carry = t >> 64;
        }
        if carry == 0 {
            return true;
        }
        match self.0.get_mut(top) {
            Some(slot) => {
                *slot = carry as u64;
                true
            }
            None => false,
        }
    }

    /// `self += b × m` in place; `false`, with `self` no longer
    /// meaningful, on overflow.
    pub(crate) fn add_mul_assign(&mut self, b: &Self, m: u64) -> bool {
        let mut carry: u128 = 0;
        for (a, &l) in self.0.iter_mut().zip(&b.0) {
            // a + l * m + carry < 2^128: (2^64-1) + (2^64-1)^2 + (2^64-1).
            let t = u128::from(*a)
                .wrapping_add(u128::from(l).wrapping_mul(u128::from(m)))
                .wrapping_add(carry);
            *a = t as u64;
            carry = t >> 64;
        }
        carry == 0
    }

    /// Compares `self × m` with `o × n` without overflow.
    pub(crate) fn cmp_mul(&self, m: u64, o: &Self, n: u64) -> Ordering {
        let mut x = [0_u64; N];
        let mut y = [0_u64; N];
        let times = |w: &Self, f: u64, out: &mut [u64; N]| {
            let mut carry: u128 = 0;
            for (d, &a) in out.iter_mut().zip(&w.0) {
                let t = u128::from(a)
                    .wrapping_mul(u128::from(f))
                    .wrapping_add(carry);
                *d = t as u64;
                carry = t >> 64;
            }
            carry as u64
        };
        let (cx, cy) = (times(self, m, &mut x), times(o, n, &mut y));
        cx.cmp(&cy).then_with(|| x.iter().rev().cmp(y.iter().rev()))
    }

    pub(crate) fn checked_mul_u128(&self, m: u128) -> Option<Self> {
        let lo = self.checked_mul_u64(m as u64)?;
        let hi_factor = (m >> 64) as u64;
        if hi_factor == 0 {
            return Some(lo);
        }
        let hi = self.checked_mul_u64(hi_factor)?;
        // Shift `hi` up by one limb.
        // N >= 2: there is a last limb.
        if hi.0.last().is_some_and(|&l| l != 0) {
            return None;
        }
        let mut shifted = [0_u64; N];
        for (d, s) in shifted.iter_mut().skip(1).zip(hi.0) {
            *d = s;
        }
        lo.checked_add(&Self(shifted))
    }

    /// Compares `self × Π a` with `o × Π b`, exactly, in as many limbs as
    /// the products need (this never overflows). Cost: linear in the limbs
    /// times the factors; it allocates, so callers use it only when a float
    /// comparison is too close to call.
    pub(crate) fn cmp_products(&self, a: &[u128], o: &Self, b: &[u128]) -> Ordering {
        fn times(v: &[u64], m: u128) -> Vec<u64> {
            // v × m = v × lo + (v × hi) shifted one limb up.
            let (lo, hi) = (m as u64, (m >> 64) as u64);
            // Two limbs more than `v` hold the product.
            let len = v.len().checked_add(2);
            debug_assert!(len.is_some(), "a vector's length plus 2 fits usize");
            let mut r = vec![0_u64; len.unwrap_or(v.len())];
            for (shift, f) in [(0_usize, lo), (1, hi)] {
                let mut carry: u128 = 0;
                for (i, slot) in r.iter_mut().enumerate().skip(shift) {
                    // i >= shift; the limbs past `v` are zero.
                    let a = v.get(i.wrapping_sub(shift)).copied().unwrap_or(0);
                    // a * f + slot + carry < 2^128.
                    let t = u128::from(a)
                        .wrapping_mul(u128::from(f))
                        .wrapping_add(u128::from(*slot))
                        .wrapping_add(carry);
                    *slot = t as u64;
                    carry = t >> 64;
                }
            }
            r
        }
        let product = |w: &Self, fs: &[u128]| {
            let mut v = w.0.to_vec();
            for &f in fs {
                v = times(&v, f);
            }
            v
        };
        let (x, y) = (product(self, a), product(o, b));
        let len = x.len().max(y.len());
        // The shorter product's missing limbs are zero.
        let limb = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
        (0..len)
            .rev()
            .map(|i| limb(&x, i).cmp(&limb(&y, i)))
            .find(|c| c.is_ne())
            .unwrap_or(Ordering::Equal)
    }

    /// `self / d` as a float (relative error below 2^-49), however wide
    /// the two are: both are shifted down by the same number of bits
    /// first, keeping the top 64 bits of `d`.
    pub(crate) fn approx_over(&self, d: &Self) -> f64 {
        let shift = d.float_shift();
        self.approx_shifted(shift) / d.approx_shifted(shift)
    }

    /// The shift that keeps the top 64 bits of `self`: with it,
    /// [`Wide::approx_shifted`] of `self` and of numbers up to 2^64 times
    /// larger stay exact to a float's precision.
    pub(crate) fn float_shift(&self) -> u32 {
        // Saturating on purpose: a number of at most 64 bits is not shifted.
        self.bits().saturating_sub(64)
    }

    /// `self / 2^shift` as a float (relative error below 2^-52).
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn approx_shifted(&self, shift: u32) -> f64 {
        match self.shifted(shift) {
            // Two 64-bit halves: conversions the processor does.
            Some(v) => (v >> 64) as u64 as f64 * 18_446_744_073_709_551_616.0 + v as u64 as f64,
            None => {
                let shift = i32::try_from(shift);
                debug_assert!(shift.is_ok(), "a shift below 8,192 bits fits i32");
                // An infinite divisor in a release build: a zero, harmless
                // in a float that only guides.
                self.approx() / 2_f64.powi(shift.unwrap_or(i32::MAX))
            }
        }
    }

    /// `self >> shift` when it fits 128 bits.
    fn shifted(&self, shift: u32) -> Option<u128> {
        let limb = usize::try_from(shift / 64).ok()?;
        let bit = shift % 64;
        // A limb above the width is zero, as in the number it extends.
        let get = |i: Option<usize>| i.and_then(|i| self.0.get(i)).copied().unwrap_or(0);
        // `limb` is at most 2^26 (a u32 shift over 64): these sums fit.
        let (next, top) = (limb.checked_add(1), limb.checked_add(2));
        if self.0.iter().skip(limb.checked_add(3)?).any(|&l| l != 0) {
            return None;
        }
        // The 192 bits from `limb` up, shifted right by `bit`.
        let lo = u128::from(get(Some(limb))) | (u128::from(get(next)) << 64);
        let top = get(top);
        let value = if bit == 0 {
            (top == 0).then_some(lo)?
        } else {
            if top >> bit != 0 {
                return None;
            }
            // 0 < bit < 64, so the shift is below 128.
            (lo >> bit) | (u128::from(top) << 128_u32.wrapping_sub(bit))
        };
        Some(value)
    }

    /// The value as a float (relative error below 2^-50; infinite when too
    /// large), for bounds that are checked with a margin.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn approx(&self) -> f64 {
        self.0
            .iter()
            .rev()
            .fold(0.0, |acc, &l| acc * 18_446_744_073_709_551_616.0 + l as f64)
    }

    /// The remainder of a division by a non-zero `m`.
    pub(crate) fn rem_u64(&self, m: u64) -> u64 {
        debug_assert!(
            m != 0,
            "callers divide by a denominator or a factor above 1"
        );
        if m == 0 {
            return 0;
        }
        // From here on `m` is not zero: each `checked_rem` and
        // `checked_div` below is `Some`, and `unwrap_or(0)` never applies.
        // Leading zero limbs leave the remainder at zero.
        let top = self
            .0
            .iter()
            .rposition(|&l| l != 0)
            .map_or(0, |i| i.wrapping_add(1));
        let limbs = self.0.get(..top);
        debug_assert!(limbs.is_some(), "the top non-zero limb is a limb");
        let limbs = limbs.unwrap_or_default();
        if let Ok(m32) = u32::try_from(m) {
            // A divisor under 2^32: long division by half-limbs in u64, as
            // the processor divides (no 128-bit division routine).
            let m = u64::from(m32);
            let mut r = 0_u64;
            for &l in limbs.iter().rev() {
                // r < m < 2^32, so each shifted value fits 64 bits.
                r = ((r << 32) | (l >> 32)).checked_rem(m).unwrap_or(0);
                r = ((r << 32) | (l & 0xffff_ffff)).checked_rem(m).unwrap_or(0);
            }
            return r;
        }
        let mut r: u128 = 0;
        for &l in limbs.iter().rev() {
            r = ((r << 64) | u128::from(l))
                .checked_rem(u128::from(m))
                .unwrap_or(0);
        }
        r as u64
    }

    /// `self / den` as a decimal with `places` decimal places, rounded down
    /// (truncated), by long division; `None` when `den` is zero or the
    /// result does not fit a `Decimal` (28 digits). Cost: quadratic in the
    /// number of digits (at most about 40 + `places`).
    pub(crate) fn ratio_to_decimal(
        &self,
        den: &Self,
        places: u32,
    ) -> Option<rust_decimal::Decimal> {
        if *den == Self::ZERO || places > 20 {
            return None;
        }
        // The largest power of ten p with den · 10^p <= self.
        let mut powers = vec![*den];
        loop {
            let next = powers.last()?.checked_mul_u64(10);
            match next {
                Some(n) if n <= *self => powers.push(n),
                _ => break,
            }
            if powers.len() > 40 {
                return None;
            }
        }
        let mut r = *self;
        let mut mantissa: u128 = 0;
        let digit_of = |r: &mut Self, unit: &Self, mantissa: &mut u128| -> Option<()> {
            let mut k: u128 = 0;
            while let Some(rest) = r.checked_sub(unit) {
                *r = rest;
                k = k.checked_add(1)?;
            }
            *mantissa = mantissa.checked_mul(10)?.checked_add(k)?;
            Some(())
        };
        for unit in powers.iter().rev() {
            digit_of(&mut r, unit, &mut mantissa)?;
        }
        for _ in 0..places {
            r = r.checked_mul_u64(10)?;
            digit_of(&mut r, den, &mut mantissa)?;
        }
        let m = i128::try_from(mantissa).ok()?;
        rust_decimal::Decimal::try_from_i128_with_scale(m, places).ok()
    }

    /// The quotient of a division by a non-zero `m` (rounded down).
    pub(crate) fn div_u64(&self, m: u64) -> Self {
        debug_assert!(m != 0, "callers divide by a factor above 1");
        if m == 0 {
            return *self;
        }
        // From here on `m` is not zero: each `checked_div` and `checked_rem`
        // below is `Some`, and `unwrap_or(0)` never applies.
        let mut q = [0_u64; N];
        let top = self
            .0
            .iter()
            .rposition(|&l| l != 0)
            .map_or(0, |i| i.wrapping_add(1));
        if let Ok(m32) = u32::try_from(m) {
            // As in `rem_u64`: half-limbs in u64 for a divisor under 2^32.
            let m = u64::from(m32);
            let mut r = 0_u64;
            for (d, &l) in q.iter_mut().zip(self.0.iter()).take(top).rev() {
                // r < m < 2^32: each value below fits 64 bits and each
                // quotient 32 bits.
                let hi = (r << 32) | (l >> 32);
                let qh = hi.checked_div(m).unwrap_or(0);
                r = hi.checked_rem(m).unwrap_or(0);
                let lo = (r << 32) | (l & 0xffff_ffff);
                let ql = lo.checked_div(m).unwrap_or(0);
                r = lo.checked_rem(m).unwrap_or(0);
                *d = (qh << 32) | ql;
            }
            return Self(q);
        }
        let mut r: u128 = 0;
        for (d, &l) in q.iter_mut().zip(self.0.iter()).take(top).rev() {
            let cur = (r << 64) | u128::from(l);
            // r < m, so cur / m < 2^64.
            *d = cur.checked_div(u128::from(m)).unwrap_or(0) as u64;
            r = cur.checked_rem(u128::from(m)).unwrap_or(0);
        }
        Self(q)
    }
}

impl<const N: usize> Ord for Wide<N> {
    fn cmp(&self, o: &Self) -> Ordering {
        self.0.iter().rev().cmp(o.0.iter().rev())
    }
}

impl<const N: usize> PartialOrd for Wide<N> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The greatest common divisor of two numbers.
pub(crate) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        // `b` is not zero: the remainder is `Some`.
        let t = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = t;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIMBS: usize = 8;
    type Wide = super::Wide<LIMBS>;

    fn to_u128(w: &Wide) -> Option<u128> {
        if w.0.iter().skip(2).any(|&l| l != 0) {
            return None;
        }
        Some(u128::from(w.0[0]) | (u128::from(w.0[1]) << 64))
    }

    #[test]
    fn ratios_are_long_divided_and_truncated() {
        let w = |v: u128| Wide::from_u128(v);
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(w(1).ratio_to_decimal(&w(3), 4), Some(d("0.3333")));
        assert_eq!(w(2).ratio_to_decimal(&w(3), 4), Some(d("0.6666")));
        assert_eq!(w(12_345).ratio_to_decimal(&w(100), 1), Some(d("123.4")));
        assert_eq!(w(7).ratio_to_decimal(&w(7), 0), Some(d("1")));
        assert_eq!(w(0).ratio_to_decimal(&w(7), 2), Some(d("0.00")));
        assert_eq!(w(1).ratio_to_decimal(&w(0), 2), None);
        let big = w(u128::MAX);
        assert_eq!(big.ratio_to_decimal(&w(1), 0), None, "39 digits do not fit");
        assert_eq!(
            w(10_u128.pow(20)).ratio_to_decimal(&w(3), 2),
            Some(d("33333333333333333333.33"))
        );
    }

    #[test]
    fn overflow_is_detected() {
        let max = Wide([u64::MAX; LIMBS]);
        assert_eq!(max.checked_add(&Wide::from_u128(1)), None);
        assert_eq!(Wide::ZERO.checked_sub(&Wide::from_u128(1)), None);
        assert_eq!(max.checked_mul_u64(2), None);
        assert_eq!(max.checked_mul_u128(1 << 64), None);
        assert_eq!(max.checked_mul_u64(1), Some(max));
        assert_eq!(max.bits(), 512);
        assert_eq!(Wide::ZERO.bits(), 0);
    }

    proptest! {
        #![proptest_config(crate::proptest_config(200))]
        #[test]
        fn agrees_with_u128(a in any::<u64>(), b in any::<u64>(), m in 1..u64::MAX) {
            let (wa, wb) = (Wide::from_u128(a.into()), Wide::from_u128(b.into()));
            prop_assert_eq!(to_u128(&wa.checked_add(&wb).unwrap()), Some(u128::from(a) + u128::from(b)));
            prop_assert_eq!(wa.checked_sub(&wb).and_then(|w| to_u128(&w)), u128::from(a).checked_sub(b.into()));
            prop_assert_eq!(to_u128(&wa.checked_mul_u64(b).unwrap()), Some(u128::from(a) * u128::from(b)));
            prop_assert_eq!(wa.cmp(&wb), a.cmp(&b));
            let big = Wide::from_u128(u128::from(a) * u128::from(b));
            prop_assert_eq!(u128::from(big.rem_u64(m)), u128::from(a) * u128::from(b) % u128::from(m));
            prop_assert_eq!(to_u128(&big.div_u64(m)), Some(u128::from(a) * u128::from(b) / u128::from(m)));
            let x = (u128::from(a) << 64) | u128::from(b);
            // (x * m) / m == x and (x * m) % m == 0 for a 128-bit x.
            let y = Wide::from_u128(x).checked_mul_u128(u128::from(m)).unwrap();
            prop_assert_eq!(y.div_u64(m), Wide::from_u128(x));
            prop_assert_eq!(y.rem_u64(m), 0);
            // (x * 2^64) has x shifted up one limb.
            let z = Wide::from_u128(x).checked_mul_u128(1 << 64).unwrap();
            prop_assert_eq!(z.div_u64(1 << 32).div_u64(1 << 32), Wide::from_u128(x));
            prop_assert_eq!(gcd(a, m) == 0, a == 0 && m == 0);
        }

        /// Products compared exactly, beyond the width of the numbers.
        #[test]
        fn products_compare_as_u128_and_beyond(a in any::<u64>(), b in any::<u64>(), m in any::<u64>(), n in any::<u64>()) {
            let (wa, wb) = (Wide::from_u128(a.into()), Wide::from_u128(b.into()));
            let exact = (u128::from(a) * u128::from(m)).cmp(&(u128::from(b) * u128::from(n)));
            prop_assert_eq!(wa.cmp_products(&[m.into()], &wb, &[n.into()]), exact);
            // A factor of 2^64 on both sides changes nothing, even past the width.
            let top = Wide::from_u128(u128::MAX).checked_mul_u128(1 << 64).unwrap();
            let big = 1_u128 << 100;
            prop_assert_eq!(top.cmp_products(&[big, m.into()], &top, &[big, n.into()]), m.cmp(&n));
            prop_assert_eq!(wa.cmp_products(&[u128::MAX], &wa, &[u128::MAX]), Ordering::Equal);
        }

        /// Past 512 bits the product skips leading zero limbs: it must agree
        /// with the full loop of a narrower number, and still see overflow.
        #[test]
        fn wide_products_skip_leading_zeros_exactly(x in any::<u128>(), ms in prop::collection::vec(any::<u64>(), 1..8)) {
            let mut narrow = Some(super::Wide::<8>::from_u128(x));
            let mut wide = Some(super::Wide::<16>::from_u128(x));
            for &m in &ms {
                narrow = narrow.and_then(|n| n.checked_mul_u64(m));
                wide = wide.and_then(|w| w.checked_mul_u64(m));
                if let (Some(n), Some(w)) = (narrow, wide) {
                    prop_assert_eq!(&w.0[..8], &n.0[..]);
                    prop_assert!(w.0[8..].iter().all(|&l| l == 0));
                }
            }
            // The top limb set: doubling overflows.
            let mut top = super::Wide::<16>::ZERO;
            top.0[15] = 1 << 63;
            prop_assert!(top.checked_mul_u64(2).is_none());
            prop_assert_eq!(top.checked_mul_u64(1), Some(top));
        }

        /// The in-place products and the product comparison agree with the
        /// copying ones, and see overflow.
        #[test]
        fn in_place_products_agree(x in any::<u128>(), y in any::<u128>(), m in any::<u64>(), n in any::<u64>()) {
            let (wx, wy) = (Wide::from_u128(x), Wide::from_u128(y));
            let mut a = wx;
            prop_assert!(a.mul_assign_u64(m));
            prop_assert_eq!(Some(a), wx.checked_mul_u64(m));
            let mut s = wy;
            prop_assert!(s.add_mul_assign(&wx, m));
            prop_assert_eq!(Some(s), wx.checked_mul_u64(m).and_then(|p| p.checked_add(&wy)));
            prop_assert_eq!(wx.cmp_mul(m, &wy, n), wx.cmp_products(&[m.into()], &wy, &[n.into()]));
            let mut top = super::Wide::<16>::ZERO;
            top.0[15] = 1 << 63;
            prop_assert!(!top.mul_assign_u64(2));
            let mut wide = super::Wide::<16>::from_u128(x);
            prop_assert!(wide.mul_assign_u64(m));
            prop_assert_eq!(Some(wide), super::Wide::<16>::from_u128(x).checked_mul_u64(m));
            let mut full = super::Wide::<2>::from_u128(u128::MAX);
            prop_assert_eq!(full.add_mul_assign(&super::Wide::<2>::from_u128(1), 1), false);
        }

        /// A ratio as a float, for numbers past the range of a float too.
        #[test]
        fn ratios_as_floats(a in 1..u64::MAX, b in 1..u64::MAX, k in 0_u32..7) {
            let (mut x, mut y) = (Wide::from_u128(a.into()), Wide::from_u128(b.into()));
            for _ in 0..k {
                x = x.checked_mul_u128(1 << 64).unwrap_or(x);
                y = y.checked_mul_u128(1 << 64).unwrap_or(y);
            }
            let want = a as f64 / b as f64;
            let got = x.approx_over(&y);
            prop_assert!((got - want).abs() <= want * 1e-12, "{got} vs {want}");
            let z = Wide::from_u128(u128::from(a) << 50);
            let got = z.approx_over(&Wide::from_u128(b.into()));
            let want = a as f64 * 2_f64.powi(50) / b as f64;
            prop_assert!((got - want).abs() <= want * 1e-12, "{got} vs {want}");
        }

        /// Divisors under 2^32 take the half-limb path: it must agree with
        /// 128-bit arithmetic, on values of up to four limbs.
        #[test]
        fn small_divisors_agree_with_u128(a in any::<u64>(), b in any::<u64>(), m in 1..=u64::from(u32::MAX)) {
            let big = Wide::from_u128(u128::from(a) * u128::from(b));
            prop_assert_eq!(u128::from(big.rem_u64(m)), u128::from(a) * u128::from(b) % u128::from(m));
            prop_assert_eq!(to_u128(&big.div_u64(m)), Some(u128::from(a) * u128::from(b) / u128::from(m)));
            let x = (u128::from(a) << 64) | u128::from(b);
            let y = Wide::from_u128(x).checked_mul_u128(u128::from(m)).unwrap();
            prop_assert_eq!(y.div_u64(m), Wide::from_u128(x));
            prop_assert_eq!(y.rem_u64(m), 0);
            // Plus a remainder: (x * m + r) / m == x, % m == r.
            let r = a % m;
            let yr = y.checked_add(&Wide::from_u128(r.into())).unwrap();
            prop_assert_eq!(yr.div_u64(m), Wide::from_u128(x));
            prop_assert_eq!(yr.rem_u64(m), r);
        }
    }
}

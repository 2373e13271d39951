//! Arithmetic on indices, offsets and counts that the engine knows are in
//! range. Each helper states the invariant, checks it in debug builds, and
//! falls back to a harmless value in release builds (never a panic).

/// `at + n` for an index or offset and a count within the same vector or
/// text (or a few past it): a vector or a text holds at most `isize::MAX`
/// bytes, so the sum fits.
#[inline]
#[track_caller]
pub(super) fn plus(at: usize, n: usize) -> usize {
    let sum = at.checked_add(n);
    debug_assert!(
        sum.is_some(),
        "an offset plus a count within a vector fits usize"
    );
    sum.unwrap_or(usize::MAX)
}

/// `to - from` for positions kept in order (`from <= to`).
#[inline]
#[track_caller]
pub(super) fn gap(from: usize, to: usize) -> usize {
    let n = to.checked_sub(from);
    debug_assert!(n.is_some(), "position {from} is not past {to}");
    n.unwrap_or(0)
}

/// `2 × n` for the size of a table sized by the entries it holds (within
/// memory, so far below `usize::MAX`).
#[inline]
#[track_caller]
pub(super) fn twice(n: usize) -> usize {
    let t = n.checked_mul(2);
    debug_assert!(t.is_some(), "twice a table's entries fits usize");
    t.unwrap_or(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_sums_and_differences_are_exact() {
        assert_eq!(plus(7, 5), 12);
        assert_eq!(gap(5, 12), 7);
        assert_eq!(gap(12, 12), 0);
        assert_eq!(twice(21), 42);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "is not past")]
    fn a_difference_out_of_order_is_caught_in_debug_builds() {
        let _ = gap(3, 2);
    }
}

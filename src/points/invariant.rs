//! States no input can reach, asserted rather than hidden.

/// `value`, which no input can make `None`: `invariant` states why. Debug
/// builds assert it; release builds fall back to `fallback`, chosen at
/// each call to be harmless (an empty slice, an index past the end that
/// the caller refuses, a count that only sizes a buffer, …).
#[inline(always)]
#[track_caller]
pub(crate) fn surely<T>(value: Option<T>, fallback: T, invariant: &'static str) -> T {
    debug_assert!(value.is_some(), "{invariant}");
    value.unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::surely;

    #[test]
    fn a_present_value_is_kept() {
        assert_eq!(surely(Some(3), 0, "three"), 3);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "the invariant, stated")]
    fn a_missing_value_is_an_assertion_in_debug_builds() {
        let _ = surely(None::<u8>, 0, "the invariant, stated");
    }
}

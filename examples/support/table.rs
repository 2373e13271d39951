//! Terminal columns that line up with Chinese text: a CJK character takes
//! two columns, which `format!("{:<8}")` does not know (it counts
//! characters). Shared by the examples through `#[path]`.

// Each example uses the part it needs.
#![allow(dead_code)]

use unicode_width::UnicodeWidthStr;

/// The columns `s` takes in a terminal.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces on the right to `cols` terminal columns (as is
/// when wider).
pub(crate) fn left(s: &str, cols: usize) -> String {
    let mut out = String::from(s);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(width(s))));
    out
}

/// `s` padded with spaces on the left to `cols` terminal columns (as is
/// when wider).
pub(crate) fn right(s: &str, cols: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

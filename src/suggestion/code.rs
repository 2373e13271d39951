//! Short codes (reply classes such as `A` or `甲`, reasons such as
//! `personal_matters`) stored inline, so that events carrying them stay `Copy`
//! and applying them never allocates.

use core::fmt;

use super::SuggestionError;

/// A short code of at most [`Code::MAX_LEN`] bytes of UTF-8, stored inline
/// (no allocation), e.g. the reply class `A`, `甲` or the reason code
/// `litigation`.
///
/// A code is never empty and has no leading or trailing whitespace.
///
/// ```
/// use deputy_work::suggestion::Code;
/// let a = Code::new("A")?;
/// assert_eq!(a.as_str(), "A");
/// assert_eq!(Code::new("甲")?.to_string(), "甲");
/// assert!(Code::new("").is_err());
/// assert!(Code::new("a code that is far too long to fit").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Code {
    len: u8,
    bytes: [u8; Self::MAX_LEN],
}

impl Code {
    /// The longest code, in bytes of UTF-8 (a Chinese character takes 3).
    ///
    /// ```
    /// use deputy_work::suggestion::Code;
    /// assert_eq!(Code::MAX_LEN, 23);
    /// assert!(Code::new(&"甲".repeat(7)).is_ok(), "21 bytes");
    /// assert!(Code::new(&"甲".repeat(8)).is_err(), "24 bytes");
    /// ```
    pub const MAX_LEN: usize = 23;

    /// `?`: only used by the presets if one of their literals were invalid
    /// (a unit test checks that none is).
    pub(crate) const PLACEHOLDER: Self = Self {
        len: 1,
        bytes: *b"?\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    };

    /// Makes a code.
    ///
    /// # Errors
    /// [`SuggestionError::BadCode`] when `s` is empty, longer than
    /// [`Code::MAX_LEN`] bytes, or has whitespace at either end.
    ///
    /// ```
    /// use deputy_work::suggestion::{Code, SuggestionError};
    /// assert_eq!(Code::new("乙")?.as_str(), "乙");
    /// assert!(matches!(Code::new(" B"), Err(SuggestionError::BadCode { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(s: &str) -> Result<Self, SuggestionError> {
        let bad = || SuggestionError::BadCode {
            code: s.to_owned(),
            max_len: Self::MAX_LEN,
        };
        if s.is_empty() || s.len() > Self::MAX_LEN || s.trim() != s {
            return Err(bad());
        }
        let mut bytes = [0_u8; Self::MAX_LEN];
        for (dst, src) in bytes.iter_mut().zip(s.bytes()) {
            *dst = src;
        }
        let len = u8::try_from(s.len()).map_err(|_| bad())?;
        Ok(Self { len, bytes })
    }

    /// The code as text.
    ///
    /// ```
    /// use deputy_work::suggestion::Code;
    /// assert_eq!(Code::new("litigation")?.as_str(), "litigation");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        let text = self
            .bytes
            .get(..usize::from(self.len))
            .and_then(|b| core::str::from_utf8(b).ok());
        debug_assert!(
            text.is_some(),
            "a code holds the UTF-8 of a str of at most MAX_LEN bytes (only `new` makes one)"
        );
        text.unwrap_or("")
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({:?})", self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Code {
    type Error = SuggestionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl TryFrom<&str> for Code {
    type Error = SuggestionError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> Self {
        c.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_order_as_text() {
        let max = "x".repeat(Code::MAX_LEN);
        assert_eq!(Code::new(&max).unwrap().as_str(), max);
        assert!(Code::new(&format!("{max}x")).is_err());
        assert!(Code::new(" A").is_err());
        // Ordering is by text, not by length first.
        assert!(Code::new("AB").unwrap() < Code::new("B").unwrap());
        assert_eq!(format!("{:?}", Code::new("丙").unwrap()), "Code(\"丙\")");
    }
}

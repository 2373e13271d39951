//! Codes a locality declares in its policy (qualifiers, roles, categories, …)
//! and the set of qualifiers an act carries.

use core::fmt;
use core::str::FromStr;

use super::PointsError;

/// The longest code, in bytes.
const MAX: usize = 23;

/// A short identifier a policy declares: a qualifier, a role, a category, a
/// state, a count, a minimum or an outcome. 1 to 23 characters of `a-z`,
/// `0-9` and `_`, starting with a letter; kept inline, so it is `Copy` and
/// costs no allocation.
///
/// ```
/// use deputy_work::points::Code;
/// let c: Code = "standing_committee".parse()?;
/// assert_eq!(c.as_str(), "standing_committee");
/// assert!("Filed".parse::<Code>().is_err());
/// assert!("".parse::<Code>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
// The text first and aligned, the length last: an act's qualifiers are
// copied a word at a time, not byte by byte.
#[repr(C, align(8))]
pub struct Code {
    // Zero-padded: equal codes have equal bytes, and the derived order is
    // the order of the text.
    bytes: [u8; MAX],
    /// 1 to 23: an act's qualifiers keep their tag in the other values
    /// (see `Repr`).
    len: Len,
}

macro_rules! lengths {
    ($($v:ident = $n:literal),*) => {
        /// A code's length, 1 to 23.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        enum Len { $($v = $n),* }

        impl Len {
            const fn new(n: usize) -> Option<Self> {
                match n { $($n => Some(Self::$v),)* _ => None }
            }

            const fn get(self) -> usize {
                self as usize
            }
        }
    };
}

lengths!(
    L1 = 1,
    L2 = 2,
    L3 = 3,
    L4 = 4,
    L5 = 5,
    L6 = 6,
    L7 = 7,
    L8 = 8,
    L9 = 9,
    L10 = 10,
    L11 = 11,
    L12 = 12,
    L13 = 13,
    L14 = 14,
    L15 = 15,
    L16 = 16,
    L17 = 17,
    L18 = 18,
    L19 = 19,
    L20 = 20,
    L21 = 21,
    L22 = 22,
    L23 = 23
);

impl Code {
    /// The code for `text`, if it is a valid code.
    ///
    /// Cost: O(1): at most the code's longest length is read (a refused
    /// text is copied into the error).
    ///
    /// # Errors
    /// [`PointsError::BadCode`] naming the text.
    ///
    /// ```
    /// use deputy_work::points::Code;
    /// assert_eq!(Code::new("filed")?.as_str(), "filed");
    /// assert!(Code::new("a_code_that_is_far_too_long").is_err());
    /// assert!(Code::new("9lives").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, PointsError> {
        let bad = || PointsError::BadCode(text.to_owned());
        let raw = text.as_bytes();
        if raw.is_empty() || raw.len() > MAX || !raw.first().is_some_and(u8::is_ascii_lowercase) {
            return Err(bad());
        }
        let mut bytes = [0_u8; MAX];
        for (slot, &b) in bytes.iter_mut().zip(raw) {
            if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return Err(bad());
            }
            *slot = b;
        }
        let len = Len::new(raw.len()).ok_or_else(bad)?;
        Ok(Self { bytes, len })
    }

    /// The code as text.
    ///
    /// ```
    /// use deputy_work::points::Code;
    /// assert_eq!(Code::new("lead")?.as_str(), "lead");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        use super::invariant::surely;
        let used = surely(
            self.bytes.get(..self.len.get()),
            &[],
            "a code's length is at most its capacity (checked in `new`)",
        );
        surely(
            core::str::from_utf8(used).ok(),
            "",
            "only ASCII bytes are ever stored (checked in `new`)",
        )
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Code {
    type Err = PointsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Code {
    type Error = PointsError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> Self {
        c.as_str().to_owned()
    }
}

/// Something about an act that a rule can reward: a code the policy
/// declares in `[[qualifiers]]` with its labels (立案 `filed`, 采用
/// `adopted`, 书面 `written`, 重点 `key`, …).
///
/// ```
/// use deputy_work::points::Qualifier;
/// let q = Qualifier::new("filed")?;
/// assert_eq!(q.to_string(), "filed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Qualifier(pub Code);

impl Qualifier {
    /// The qualifier with the code `text`.
    ///
    /// # Errors
    /// [`PointsError::BadCode`] if `text` is not a valid [`Code`].
    ///
    /// ```
    /// use deputy_work::points::Qualifier;
    /// assert!(Qualifier::new("key_suggestion").is_ok());
    /// assert!(Qualifier::new("Key").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, PointsError> {
        Code::new(text).map(Self)
    }

    /// The code.
    ///
    /// ```
    /// use deputy_work::points::Qualifier;
    /// assert_eq!(Qualifier::new("adopted")?.code().as_str(), "adopted");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn code(self) -> Code {
        self.0
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Qualifier {
    type Err = PointsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

/// The qualifiers an act carries: sorted, without repeats. Written in files
/// as a list: `["lead", "key_suggestion"]`. An empty set allocates nothing.
///
/// ```
/// use deputy_work::points::{Qualifier, Qualifiers};
/// let lead = Qualifier::new("lead")?;
/// let key = Qualifier::new("key_suggestion")?;
/// let q = Qualifiers::EMPTY.with(lead).with(key).with(lead);
/// assert!(q.contains(lead) && q.len() == 2);
/// assert_eq!(q.iter().map(|q| q.to_string()).collect::<Vec<_>>(), ["key_suggestion", "lead"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "Vec<Qualifier>", into = "Vec<Qualifier>")
)]
pub struct Qualifiers(Repr);

/// Most acts carry no qualifier or one: one is kept in the act itself, so
/// that reading it costs no trip to the heap. 24 bytes in all (the tag sits
/// in a code's length, which is 1 to 23), so an act stays within a cache
/// line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
enum Repr {
    #[default]
    None,
    One(Qualifier),
    /// Two or more, sorted, without repeats.
    Many(Box<[Qualifier]>),
}

impl Qualifiers {
    /// No qualifiers.
    ///
    /// ```
    /// use deputy_work::points::Qualifiers;
    /// assert!(Qualifiers::EMPTY.is_empty());
    /// assert_eq!(Qualifiers::EMPTY, Qualifiers::default());
    /// ```
    pub const EMPTY: Self = Self(Repr::None);

    /// The qualifiers, sorted.
    fn as_slice(&self) -> &[Qualifier] {
        match &self.0 {
            Repr::None => &[],
            Repr::One(q) => core::slice::from_ref(q),
            Repr::Many(v) => v,
        }
    }

    /// This set with `q` added.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// let q = Qualifier::new("written")?;
    /// assert!(Qualifiers::EMPTY.with(q).contains(q));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    // Not inlined: a caller that builds acts to be read at once (rows of a
    // query fed to a scorer) gets the set back whole, rather than copied
    // piece by piece into the act; a read of an act just copied that way
    // stalls, and costs the national bench (`benches/national.rs`) about
    // a fifth of its time.
    #[inline(never)]
    pub fn with(self, q: Qualifier) -> Self {
        // The common case, the first qualifier: kept in the act, with no
        // trip to the heap.
        if let Repr::None = self.0 {
            return Self(Repr::One(q));
        }
        if self.contains(q) {
            return self;
        }
        let mut v = Vec::from(self);
        v.push(q);
        v.into()
    }

    /// Whether `q` is in the set.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// assert!(!Qualifiers::EMPTY.contains(Qualifier::new("lead")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn contains(&self, q: Qualifier) -> bool {
        // Acts carry a few qualifiers: comparing for equality word by word
        // beats ordering them.
        self.as_slice().contains(&q)
    }

    /// Whether every qualifier of `all` is in the set.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// let (a, b) = (Qualifier::new("a")?, Qualifier::new("b")?);
    /// let q = Qualifiers::EMPTY.with(a).with(b);
    /// assert!(q.contains_all(&[b, a]) && q.contains_all(&[]));
    /// assert!(!Qualifiers::EMPTY.with(a).contains_all(&[a, b]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn contains_all(&self, all: &[Qualifier]) -> bool {
        all.iter().all(|q| self.contains(*q))
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// assert!(Qualifiers::EMPTY.is_empty());
    /// assert!(!Qualifiers::EMPTY.with(Qualifier::new("key")?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        matches!(self.0, Repr::None)
    }

    /// All ones if the set has a qualifier, zero if not: the fast path's
    /// test against a rule's "has bonuses" mask, without a branch.
    #[inline]
    pub(crate) fn bits(&self) -> u8 {
        0_u8.wrapping_sub(u8::from(!self.is_empty()))
    }

    /// How many qualifiers the set holds.
    ///
    /// ```
    /// use deputy_work::points::Qualifiers;
    /// assert_eq!(Qualifiers::EMPTY.len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// The qualifiers, in code order.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// let q: Qualifiers = [Qualifier::new("z")?, Qualifier::new("a")?].into_iter().collect();
    /// assert_eq!(q.iter().map(|q| q.to_string()).collect::<Vec<_>>(), ["a", "z"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Qualifier> + '_ {
        self.as_slice().iter().copied()
    }
}

impl From<Vec<Qualifier>> for Qualifiers {
    fn from(mut v: Vec<Qualifier>) -> Self {
        v.sort_unstable();
        v.dedup();
        Self(match v.as_slice() {
            [] => Repr::None,
            [one] => Repr::One(*one),
            _ => Repr::Many(v.into_boxed_slice()),
        })
    }
}

impl From<Qualifiers> for Vec<Qualifier> {
    fn from(q: Qualifiers) -> Self {
        match q.0 {
            Repr::None => Self::new(),
            Repr::One(one) => vec![one],
            Repr::Many(v) => v.into_vec(),
        }
    }
}

impl FromIterator<Qualifier> for Qualifiers {
    fn from_iter<I: IntoIterator<Item = Qualifier>>(iter: I) -> Self {
        iter.into_iter().collect::<Vec<_>>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_ordered_as_text() {
        for bad in [
            "",
            "A",
            "_a",
            "1a",
            "a-b",
            "a b",
            "代表",
            "abcdefghijklmnopqrstuvwx",
        ] {
            assert_eq!(Code::new(bad), Err(PointsError::BadCode(bad.to_owned())));
        }
        let longest = "abcdefghijklmnopqrstuvw";
        assert_eq!(
            Code::new(longest).map(|c| c.to_string()),
            Ok(longest.to_owned())
        );
        let mut v: Vec<Code> = ["b", "ab", "a", "a_1"]
            .iter()
            .map(|s| Code::new(s).unwrap())
            .collect();
        v.sort();
        assert_eq!(
            v.iter().map(Code::as_str).collect::<Vec<_>>(),
            ["a", "a_1", "ab", "b"]
        );
        assert_eq!(format!("{:>6}|", Code::new("ab").unwrap()), "    ab|");
    }

    #[test]
    fn qualifiers_stay_inline_for_none_and_one() {
        // The tag sits in the code's length: no room is spent on it.
        assert_eq!(size_of::<Qualifiers>(), 24);
        let (a, b) = (Qualifier::new("a").unwrap(), Qualifier::new("b").unwrap());
        for set in [vec![], vec![a], vec![b, a, b], vec![a, b]] {
            let q: Qualifiers = set.iter().copied().collect();
            let mut want = set.clone();
            want.sort_unstable();
            want.dedup();
            assert_eq!(q.iter().collect::<Vec<_>>(), want);
            assert_eq!((q.len(), q.is_empty()), (want.len(), want.is_empty()));
            assert_eq!(q.bits() != 0, !want.is_empty());
            assert!(want.iter().all(|x| q.contains(*x)) && q.contains_all(&want));
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn qualifiers_read_sorted_and_refuse_bad_codes() {
        let q: Qualifiers = serde_json::from_str(r#"["lead","filed","lead"]"#).unwrap();
        assert_eq!(serde_json::to_string(&q).unwrap(), r#"["filed","lead"]"#);
        let err = serde_json::from_str::<Qualifiers>(r#"["Lead"]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("Lead"), "{err}");
    }
}

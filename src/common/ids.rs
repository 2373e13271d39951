//! Newtype identifiers shared by every engine.

use super::Labelled;
use core::fmt;
use core::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $inner:ty, $prefix:literal, $zh:literal) => {
        $(#[$doc])*
        ///
        /// The id is a plain number so that tables indexed by it stay small and
        /// fast; it displays with a short prefix (honouring width, fill and
        /// alignment, so ids line up in tables) and parses from either form.
        ///
        /// ```
        #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
        #[doc = concat!("let id = ", stringify!($name), "::new(7);")]
        /// assert_eq!(id.get(), 7);
        #[doc = concat!("assert_eq!(id.to_string(), \"", $prefix, "7\");")]
        #[doc = concat!("assert_eq!(\"", $prefix, "7\".parse::<", stringify!($name), ">()?, id);")]
        #[doc = concat!("assert_eq!(\"7\".parse::<", stringify!($name), ">()?, id);")]
        #[doc = concat!("assert_eq!(format!(\"[{id:>4}]\"), \"[  ", $prefix, "7]\");")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name($inner);

        impl $name {
            /// The prefix used when the id is displayed.
            ///
            /// ```
            #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::PREFIX, \"", $prefix, "\");")]
            /// ```
            pub const PREFIX: &'static str = $prefix;

            /// What the id is called in Chinese (e.g. in error messages).
            ///
            /// ```
            #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::NAME_ZH, \"", $zh, "\");")]
            /// ```
            pub const NAME_ZH: &'static str = $zh;

            /// Makes an id from its number.
            ///
            /// ```
            #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(3).get(), 3);")]
            /// ```
            #[must_use]
            pub const fn new(n: $inner) -> Self {
                Self(n)
            }

            /// The id's number.
            ///
            /// ```
            #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(12).get(), 12);")]
            /// ```
            #[must_use]
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl From<$inner> for $name {
            fn from(n: $inner) -> Self {
                Self(n)
            }
        }

        impl From<$name> for $inner {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            /// The prefix and the number (e.g. `D7`), padded as the
            /// formatter asks (`{:>6}`, `{:-<6}`, …).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if f.width().is_none() && f.precision().is_none() {
                    // The common case: no padding, no allocation.
                    return write!(f, "{}{}", $prefix, self.0);
                }
                f.pad(&format!("{}{}", $prefix, self.0))
            }
        }

        impl FromStr for $name {
            type Err = ParseIdError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let digits = s.strip_prefix($prefix).unwrap_or(s);
                digits.parse::<$inner>().map(Self).map_err(|_| ParseIdError {
                    kind: stringify!($name),
                    kind_zh: $zh,
                    prefix: $prefix,
                    input: s.to_owned(),
                })
            }
        }
    };
}

id_type!(
    /// A deputy (人大代表).
    DeputyId, u32, "D", "代表编号"
);
id_type!(
    /// An organisation: a handling unit (承办单位), an office, an electoral
    /// unit (原选举单位) or any other body.
    UnitId, u32, "U", "单位编号"
);
id_type!(
    /// One recorded duty act (履职行为) or other record.
    RecordId, u64, "R", "记录编号"
);
id_type!(
    /// A deputy's suggestion (代表建议).
    SuggestionId, u32, "S", "建议编号"
);
id_type!(
    /// A project: a livelihood project (民生实事项目) or a participatory-budgeting project.
    ProjectId, u32, "P", "项目编号"
);
id_type!(
    /// A person who is not (necessarily) a deputy: a staff member, a leader,
    /// a standing-committee member or a voter.
    PersonId, u32, "M", "人员编号"
);

/// A string that is not an id of the expected kind.
///
/// ```
/// use deputy_work::common::DeputyId;
/// let err = "X12".parse::<DeputyId>().unwrap_err();
/// assert_eq!(err.to_string(), "`X12` is not a DeputyId: expected a number, optionally prefixed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a {kind}: expected a number, optionally prefixed")]
pub struct ParseIdError {
    kind: &'static str,
    kind_zh: &'static str,
    prefix: &'static str,
    input: String,
}

impl ParseIdError {
    /// The text that failed to parse.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// let err = "U-1".parse::<UnitId>().unwrap_err();
    /// assert_eq!(err.input(), "U-1");
    /// ```
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The whole message in Chinese, with the same data as the English
    /// `Display`: the text given and the kind of id expected.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// let err = "X12".parse::<DeputyId>().unwrap_err();
    /// assert_eq!(err.message_zh(), "“X12”不是有效的代表编号：应为数字，可带前缀“D”");
    /// ```
    #[must_use]
    pub fn message_zh(&self) -> String {
        format!(
            "“{}”不是有效的{}：应为数字，可带前缀“{}”",
            self.input, self.kind_zh, self.prefix
        )
    }
}

impl Labelled for ParseIdError {
    /// ```
    /// use deputy_work::common::{Labelled, ProjectId};
    /// let err = "P?".parse::<ProjectId>().unwrap_err();
    /// assert_eq!((err.label_zh(), err.label_en()), ("编号格式错误", "malformed id"));
    /// ```
    fn label_zh(&self) -> &str {
        "编号格式错误"
    }

    fn label_en(&self) -> &str {
        "malformed id"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_agree() {
        for n in [0_u32, 1, 42, u32::MAX] {
            let id = DeputyId::new(n);
            assert_eq!(id.to_string().parse::<DeputyId>(), Ok(id));
        }
        assert!("".parse::<UnitId>().is_err());
        assert!("U".parse::<UnitId>().is_err());
        assert!("U-1".parse::<UnitId>().is_err());
        assert!("4294967296".parse::<UnitId>().is_err());
        assert_eq!(
            "R18446744073709551615"
                .parse::<RecordId>()
                .map(RecordId::get),
            Ok(u64::MAX)
        );
    }

    #[test]
    fn display_honours_width_fill_and_alignment() {
        let id = DeputyId::new(7);
        assert_eq!(format!("{id}"), "D7");
        assert_eq!(format!("{id:>5}"), "   D7");
        assert_eq!(format!("{id:<5}|"), "D7   |");
        assert_eq!(format!("{id:*^6}"), "**D7**");
        assert_eq!(
            format!("{:1}", RecordId::new(123)),
            "R123",
            "width below the length"
        );
        assert_eq!(
            format!("{:.2}", UnitId::new(123)),
            "U1",
            "precision truncates, as for str"
        );
    }

    #[test]
    fn parse_errors_in_chinese_name_the_input_and_the_kind() {
        let cases = [
            ("x".parse::<DeputyId>().unwrap_err(), "代表编号", "D"),
            ("x".parse::<UnitId>().unwrap_err(), "单位编号", "U"),
            ("x".parse::<RecordId>().unwrap_err(), "记录编号", "R"),
            ("x".parse::<SuggestionId>().unwrap_err(), "建议编号", "S"),
            ("x".parse::<ProjectId>().unwrap_err(), "项目编号", "P"),
            ("x".parse::<PersonId>().unwrap_err(), "人员编号", "M"),
        ];
        for (err, kind, prefix) in cases {
            let zh = err.message_zh();
            assert!(zh.contains("“x”"), "{zh}");
            assert!(zh.contains(kind), "{zh}");
            assert!(zh.contains(&format!("“{prefix}”")), "{zh}");
            assert!(err.to_string().contains("`x`"));
            assert_eq!(err.label_zh(), "编号格式错误");
        }
    }

    #[test]
    fn ids_order_by_number() {
        assert!(DeputyId::new(9) < DeputyId::new(10));
    }
}

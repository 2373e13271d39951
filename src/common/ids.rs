//! Newtype identifiers shared by every engine.

use core::fmt;
use core::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $inner:ty, $prefix:literal) => {
        $(#[$doc])*
        ///
        /// The id is a plain number so that tables indexed by it stay small and
        /// fast; it displays with a short prefix and parses from either form.
        ///
        /// ```
        #[doc = concat!("use deputy_work::common::", stringify!($name), ";")]
        #[doc = concat!("let id = ", stringify!($name), "::new(7);")]
        /// assert_eq!(id.get(), 7);
        #[doc = concat!("assert_eq!(id.to_string(), \"", $prefix, "7\");")]
        #[doc = concat!("assert_eq!(\"", $prefix, "7\".parse::<", stringify!($name), ">()?, id);")]
        #[doc = concat!("assert_eq!(\"7\".parse::<", stringify!($name), ">()?, id);")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name($inner);

        impl $name {
            /// The prefix used when the id is displayed.
            pub const PREFIX: &'static str = $prefix;

            /// Makes an id from its number.
            #[must_use]
            pub const fn new(n: $inner) -> Self {
                Self(n)
            }

            /// The id's number.
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
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = ParseIdError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let digits = s.strip_prefix($prefix).unwrap_or(s);
                digits.parse::<$inner>().map(Self).map_err(|_| ParseIdError {
                    kind: stringify!($name),
                    input: s.to_owned(),
                })
            }
        }
    };
}

id_type!(
    /// A deputy (人大代表).
    DeputyId, u32, "D"
);
id_type!(
    /// An organisation: a handling unit (承办单位), an office, an electoral
    /// unit (原选举单位) or any other body.
    UnitId, u32, "U"
);
id_type!(
    /// One recorded duty act (履职行为) or other record.
    RecordId, u64, "R"
);
id_type!(
    /// A deputy's suggestion (代表建议).
    SuggestionId, u32, "S"
);
id_type!(
    /// A project: a livelihood project (民生实事项目) or a participatory-budgeting project.
    ProjectId, u32, "P"
);
id_type!(
    /// A person who is not (necessarily) a deputy: a staff member, a leader,
    /// a standing-committee member or a voter.
    PersonId, u32, "M"
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
    input: String,
}

impl ParseIdError {
    /// The text that failed to parse.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
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
    fn ids_order_by_number() {
        assert!(DeputyId::new(9) < DeputyId::new(10));
    }
}

//! What every engine shares: ids, deputies and congress levels, dates,
//! periods and working-day calendars, and Chinese labels.
//!
//! # Cost
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | parsing an id (`"D12"`, [`DeputyId`], …), [`Level::from_code`] | linear in the text | the text, on error |
//! | [`Period::new`], [`Period::year`], [`Period::quarter`], [`Period::month`], loading a [`Period`] | O(1) | none |
//! | [`Deputy::new`] and its builders | O(1) besides the strings given | the strings |
//! | [`Calendar::add_working_days`] | one calendar call per day walked, at least `n`: **in proportion to `n`, a number**, up to chrono's last date | none |
//!
//! The working-day walk is the one bound here set by a number rather
//! than by the input's length; a suggestion policy's dispute window
//! ([`Deadlines`](crate::suggestion::Deadlines)) gives that number.

/// Implements [`Labelled`] for a rule-table type that carries its labels as
/// `label_zh` and `label_en` string fields (bands, honours, reply classes, …).
macro_rules! labelled_by_fields {
    ($ty:ty) => {
        impl $crate::common::Labelled for $ty {
            fn label_zh(&self) -> &str {
                &self.label_zh
            }
            fn label_en(&self) -> &str {
                &self.label_en
            }
        }
    };
}
pub(crate) use labelled_by_fields;

/// Declares a fieldless domain enum with its codes and labels: one line per
/// variant gives its serde name (its code in rule and data files), its
/// Chinese label and its English label.
///
/// ```ignore
/// labelled_enum! {
///     /// How a training session is held.
///     #[non_exhaustive]            // any outer attributes, e.g. #[repr(u16)]
///     pub enum TrainingMode in records {   // its public module (e.g. `vote::pabulib`), for the examples
///         /// A class held in person.
///         Offline = "offline", "线下培训", "offline";
///         /// An online session.
///         Online = "online", "线上培训", "online";
///     }
/// }
/// ```
///
/// It derives `Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash`
/// (and serde's traits behind the `serde` feature, each variant renamed to
/// its code), and generates `ALL` (every variant in declaration order, an
/// array), `code()`, `from_code()`, `static_label_zh()`, `static_label_en()`
/// and the [`Labelled`] impl, each with a doc example built from the first
/// variant. Further derives (`#[derive(Default)]` with a `#[default]`
/// variant) and attributes pass through, e.g. `points::StandardKind`'s
/// `#[repr(u16)]`.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $module:path {
            $(#[$fmeta:meta])* $first:ident = $fcode:literal, $fzh:literal, $fen:literal;
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        $vis enum $name {
            $(#[$fmeta])*
            #[cfg_attr(feature = "serde", serde(rename = $fcode))]
            $first,
            $(
                $(#[$vmeta])*
                #[cfg_attr(feature = "serde", serde(rename = $code))]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order.
            ///
            /// ```
            #[doc = concat!("use deputy_work::", stringify!($module), "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::ALL.first(), Some(&", stringify!($name), "::", stringify!($first), "));")]
            /// ```
            pub const ALL: [Self; [$fcode $(, $code)*].len()] = [Self::$first $(, Self::$variant)*];

            /// The code: the value's name in rule and data files (its serde name).
            ///
            /// ```
            #[doc = concat!("use deputy_work::", stringify!($module), "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($first), ".code(), \"", $fcode, "\");")]
            /// ```
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self {
                    Self::$first => $fcode,
                    $( Self::$variant => $code, )*
                }
            }

            /// The value with the given code, if any.
            ///
            /// ```
            #[doc = concat!("use deputy_work::", stringify!($module), "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from_code(\"", $fcode, "\"), Some(", stringify!($name), "::", stringify!($first), "));")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from_code(\"?\"), None);")]
            /// ```
            #[must_use]
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $fcode => Some(Self::$first),
                    $( $code => Some(Self::$variant), )*
                    _ => None,
                }
            }

            /// The Chinese label, with a `'static` lifetime.
            ///
            /// ```
            #[doc = concat!("use deputy_work::", stringify!($module), "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($first), ".static_label_zh(), \"", $fzh, "\");")]
            /// ```
            #[must_use]
            pub const fn static_label_zh(self) -> &'static str {
                match self {
                    Self::$first => $fzh,
                    $( Self::$variant => $zh, )*
                }
            }

            /// The English label, with a `'static` lifetime.
            ///
            /// ```
            #[doc = concat!("use deputy_work::", stringify!($module), "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($first), ".static_label_en(), \"", $fen, "\");")]
            /// ```
            #[must_use]
            pub const fn static_label_en(self) -> &'static str {
                match self {
                    Self::$first => $fen,
                    $( Self::$variant => $en, )*
                }
            }
        }

        impl $crate::common::Labelled for $name {
            fn label_zh(&self) -> &str {
                self.static_label_zh()
            }
            fn label_en(&self) -> &str {
                self.static_label_en()
            }
        }
    };
}
pub(crate) use labelled_enum;

mod dates;
mod deputy;
mod ids;

pub use dates::{Calendar, Period, PeriodError, WeekendCalendar};
pub use deputy::{Deputy, Level};
pub use ids::{DeputyId, ParseIdError, PersonId, ProjectId, RecordId, SuggestionId, UnitId};

/// A domain value with a Chinese label for display (the people who run these
/// platforms read Chinese) and an English one for logs and tests.
///
/// ```
/// use deputy_work::common::{Labelled, Level};
/// assert_eq!(Level::City.label_en(), "city");
/// assert_eq!(Level::City.label_zh(), "设区的市、自治州");
/// ```
pub trait Labelled {
    /// The Chinese label, as printed on reports (e.g. 已解决或者采纳).
    ///
    /// ```
    /// use deputy_work::common::{Labelled, Level};
    /// assert_eq!(Level::National.label_zh(), "全国");
    /// ```
    fn label_zh(&self) -> &str;

    /// A short English label.
    ///
    /// ```
    /// use deputy_work::common::{Labelled, Level};
    /// assert_eq!(Level::National.label_en(), "national");
    /// ```
    fn label_en(&self) -> &str;
}

#[cfg(test)]
mod tests {
    use super::Labelled;

    /// For every value of each enum: its code parses back to it, and (with
    /// serde) its serde name is its code; labels are given in both languages.
    macro_rules! codes_round_trip {
        ($($ty:ty),+) => {$(
            for v in <$ty>::ALL {
                assert_eq!(<$ty>::from_code(v.code()), Some(v));
                assert!(!v.label_zh().is_empty() && !v.label_en().is_empty());
                assert_eq!(v.label_zh(), v.static_label_zh());
                #[cfg(feature = "serde")]
                {
                    let json = serde_json::to_string(&v).unwrap();
                    assert_eq!(json, format!("\"{}\"", v.code()));
                    assert_eq!(serde_json::from_str::<$ty>(&json).unwrap(), v);
                }
            }
            assert_eq!(<$ty>::from_code("no such code"), None);
        )+};
    }

    #[test]
    fn labelled_enums_codes_labels_and_serde_names_agree() {
        use crate::records::{
            CommitteeActivityKind, ContactChannel, GroupActivityKind, MediationOutcome, MicroStage,
            OpinionTopic, OrganActivity, PublicChannel, StateOrgan, StationKind, TrainingMode,
        };
        use crate::report::{Measure, Section};
        use crate::stats::{Abstentions, Rounding, Verdict};
        codes_round_trip!(
            super::Level,
            Rounding,
            Verdict,
            Abstentions,
            Section,
            Measure,
            TrainingMode,
            ContactChannel,
            CommitteeActivityKind,
            PublicChannel,
            OpinionTopic,
            StateOrgan,
            OrganActivity,
            MediationOutcome,
            GroupActivityKind,
            StationKind,
            MicroStage,
            crate::records::RecordKind
        );
        assert_eq!(crate::records::RecordKind::ALL.len(), 1 + 19 + 3);
        {
            use crate::points::{Claim, Disposition, StandardKind};
            use crate::suggestion::{
                ActorKind, ContactPhase, Feedback, GroupKind, StageKind, Step,
            };
            use crate::vote::pabulib::{PbRule, RepairKind, Selected, Severity, VoteType};
            use crate::vote::{
                BallotForm, InvalidKind, Mark, ProjectStatus, Status, ThresholdBase,
            };
            codes_round_trip!(
                StandardKind,
                Claim,
                Disposition,
                Step,
                ActorKind,
                Feedback,
                GroupKind,
                ContactPhase,
                StageKind,
                Status,
                BallotForm,
                ThresholdBase,
                Mark,
                InvalidKind,
                ProjectStatus,
                VoteType,
                PbRule,
                Selected,
                RepairKind,
                Severity
            );
            // Serde names that are not the snake-case variant name.
            assert_eq!(VoteType::Choose1.code(), "choose-1");
            assert_eq!(PbRule::EqualSharesAdd1.code(), "equalshares/add1");
            assert_eq!(Step::ALL.len(), 29);
            assert_eq!(StageKind::ALL.len(), 13);
            assert_eq!(BallotForm::default(), BallotForm::ForAgainstAbstain);
            assert_eq!(ThresholdBase::default(), ThresholdBase::AllDeputies);
        }
        // Serde names as written in files before the macro: snake case.
        assert_eq!(Rounding::HalfEven.code(), "half_even");
        assert_eq!(Verdict::BasicallySatisfied.code(), "basically_satisfied");
        assert_eq!(Measure::PersonTimes.code(), "person_times");
        assert_eq!(Abstentions::default(), Abstentions::Excluded);
        assert_eq!(Rounding::default(), Rounding::HalfUp);
    }
}

//! What every engine shares: ids, deputies and congress levels, dates,
//! periods and working-day calendars, and Chinese labels.

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

//! Deputies and the five levels of people's congresses.

use super::ids::{DeputyId, UnitId};

labelled_enum! {
    /// The five levels of people's congresses (人民代表大会), highest first.
    ///
    /// ```
    /// use deputy_work::common::{Labelled, Level};
    /// assert_eq!(Level::Township.label_zh(), "乡、民族乡、镇（苏木）");
    /// assert!(Level::National < Level::County, "ordered from the top down");
    /// assert_eq!(Level::ALL.len(), 5);
    /// ```
    pub enum Level in common {
        /// The National People's Congress (全国人民代表大会).
        National = "national", "全国", "national";
        /// A province, autonomous region or municipality directly under the central government.
        Provincial = "provincial", "省、自治区、直辖市", "provincial";
        /// A city divided into districts, or an autonomous prefecture (设区的市、自治州).
        City = "city", "设区的市、自治州", "city";
        /// A county, banner, autonomous county, city not divided into districts, or city district.
        County = "county", "县、自治县、不设区的市、市辖区（旗）", "county";
        /// A township, ethnic township, town or sumu.
        Township = "township", "乡、民族乡、镇（苏木）", "township";
    }
}

/// A deputy (人大代表): who they are, the congress they sit in, the
/// electoral unit that elected them and the groups they belong to.
///
/// ```
/// use deputy_work::common::{Deputy, DeputyId, Level, UnitId};
/// let d = Deputy::new(DeputyId::new(1), "王芳", Level::City)
///     .with_electoral_unit(UnitId::new(30))
///     .with_group("教科文卫组");
/// assert_eq!(d.groups, ["教科文卫组"]);
/// assert_eq!(d.electoral_unit, Some(UnitId::new(30)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Deputy {
    /// The deputy's id.
    pub id: DeputyId,
    /// The deputy's name.
    pub name: String,
    /// The level of the congress the deputy sits in.
    pub level: Level,
    /// The electoral unit (原选举单位) that elected the deputy and to which they report.
    #[cfg_attr(feature = "serde", serde(default))]
    pub electoral_unit: Option<UnitId>,
    /// Delegations, professional groups (专业小组) or grids the deputy belongs to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub groups: Vec<String>,
}

impl Deputy {
    /// A deputy with no electoral unit and no groups yet.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// let d = Deputy::new(DeputyId::new(1), "王芳", Level::City);
    /// assert_eq!((d.name.as_str(), d.electoral_unit), ("王芳", None));
    /// assert!(d.groups.is_empty());
    /// ```
    #[must_use]
    pub fn new(id: DeputyId, name: impl Into<String>, level: Level) -> Self {
        Self {
            id,
            name: name.into(),
            level,
            electoral_unit: None,
            groups: Vec::new(),
        }
    }

    /// Sets the electoral unit.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level, UnitId};
    /// let d = Deputy::new(DeputyId::new(1), "王芳", Level::City).with_electoral_unit(UnitId::new(30));
    /// assert_eq!(d.electoral_unit, Some(UnitId::new(30)));
    /// ```
    #[must_use]
    pub fn with_electoral_unit(mut self, unit: UnitId) -> Self {
        self.electoral_unit = Some(unit);
        self
    }

    /// Adds a group.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// let d = Deputy::new(DeputyId::new(1), "王芳", Level::City).with_group("财经组").with_group("网格三");
    /// assert_eq!(d.groups, ["财经组", "网格三"]);
    /// ```
    #[must_use]
    pub fn with_group(mut self, group: impl Into<String>) -> Self {
        self.groups.push(group.into());
        self
    }
}

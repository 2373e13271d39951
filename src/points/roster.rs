//! Who is scored: deputies and groups with their attributes.

use super::invariant::surely;
use super::{Code, PointsError};
use crate::common::{DeputyId, Level};
use std::collections::BTreeMap;

/// A deputy on a [`Roster`].
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::points::RosterDeputy;
/// let d = RosterDeputy::new(DeputyId::new(1), "张三");
/// assert!(d.roles.is_empty() && d.group.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RosterDeputy {
    /// The deputy's id (one id space with groups).
    pub id: DeputyId,
    /// The deputy's name.
    pub name: String,
    /// The level of the congress the deputy sits in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub level: Option<Level>,
    /// Roles the policy declares (常委, 组长, …).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub roles: Vec<Code>,
    /// The group the deputy belongs to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub group: Option<DeputyId>,
    /// The electoral unit (原选举单位).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub electoral_unit: Option<String>,
}

impl RosterDeputy {
    /// A deputy with no level, role, group or electoral unit.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::points::RosterDeputy;
    /// assert_eq!(RosterDeputy::new(DeputyId::new(2), "李四").name, "李四");
    /// ```
    #[must_use]
    pub fn new(id: DeputyId, name: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            level: None,
            roles: Vec::new(),
            group: None,
            electoral_unit: None,
        }
    }
}

/// A group (代表小组, 活动组) on a [`Roster`].
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::points::RosterGroup;
/// let g = RosterGroup { id: DeputyId::new(900), name: "第一代表小组".into() };
/// assert_eq!(g.id.get(), 900);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RosterGroup {
    /// The group's id (one id space with deputies).
    pub id: DeputyId,
    /// The group's name.
    pub name: String,
}

/// A roster as written in a file, before validation ([`Roster::new`]).
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use deputy_work::points::RosterData;
/// let data: RosterData = toml::from_str(r#"
///     [[groups]]
///     id = 900
///     name = "第一代表小组"
///     [[deputies]]
///     id = 1
///     name = "张三"
///     roles = ["standing_committee"]
///     group = 900
/// "#).unwrap();
/// assert_eq!((data.groups.len(), data.deputies[0].roles.len()), (1, 1));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RosterData {
    /// The groups.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub groups: Vec<RosterGroup>,
    /// The deputies.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub deputies: Vec<RosterDeputy>,
}

/// Who is scored: every deputy and group on it gets a scorecard entry, a
/// rank and a band, with or without acts; an act of anyone else is an error.
/// Ids are unique across deputies and groups, and a deputy's group is on
/// the roster.
///
/// ```
/// use deputy_work::common::DeputyId;
/// use deputy_work::points::{Roster, RosterData, RosterDeputy, RosterGroup};
/// let mut d = RosterDeputy::new(DeputyId::new(1), "张三");
/// d.group = Some(DeputyId::new(9));
/// let roster = Roster::new(RosterData {
///     groups: vec![RosterGroup { id: DeputyId::new(9), name: "一组".into() }],
///     deputies: vec![d],
/// })?;
/// assert_eq!(roster.members(DeputyId::new(9)).count(), 1);
/// d = RosterDeputy::new(DeputyId::new(1), "张三");
/// d.group = Some(DeputyId::new(8));
/// assert!(Roster::new(RosterData { groups: vec![], deputies: vec![d] }).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RosterData", into = "RosterData"))]
pub struct Roster {
    data: RosterData,
}

impl Roster {
    /// Validates a roster.
    ///
    /// Cost: O(n log n) in the groups, deputies and roles: a sort finds a
    /// repeated id, each deputy's group is found by a binary search of the
    /// sorted groups and each deputy's roles are checked for repeats in a
    /// sorted map. Memory: two ids per entry besides the data. Loading a
    /// [`Roster`] with serde costs the same.
    ///
    /// # Errors
    /// [`PointsError::Duplicate`] for an id given twice, [`PointsError::Empty`]
    /// for a name left empty, [`PointsError::NotListed`] for a group not on
    /// the roster, each naming the field (`deputies[3].group`).
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::points::{Roster, RosterData, RosterDeputy};
    /// let twice = RosterData { groups: vec![], deputies: vec![RosterDeputy::new(DeputyId::new(1), "甲"),
    ///                                                       RosterDeputy::new(DeputyId::new(1), "乙")] };
    /// assert!(Roster::new(twice).unwrap_err().to_string().contains("deputies[1].id"));
    /// ```
    pub fn new(data: RosterData) -> Result<Self, PointsError> {
        let mut ids: Vec<DeputyId> = Vec::with_capacity(surely(
            data.groups.len().checked_add(data.deputies.len()),
            0,
            "the lengths of two lists in memory add up within a usize",
        ));
        // Names first, groups then deputies, each field named only when
        // it is wrong.
        for (i, g) in data.groups.iter().enumerate() {
            if g.name.trim().is_empty() {
                return Err(PointsError::Empty {
                    field: format!("groups[{i}].name"),
                });
            }
            ids.push(g.id);
        }
        for (i, d) in data.deputies.iter().enumerate() {
            if d.name.trim().is_empty() {
                return Err(PointsError::Empty {
                    field: format!("deputies[{i}].name"),
                });
            }
            ids.push(d.id);
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w.first() == w.get(1)) {
            let dup = surely(w.first().copied(), DeputyId::new(0), "a window of two");
            // Name the second place the id is given.
            let at = ids
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == dup)
                .nth(1)
                .map(|(i, _)| i);
            let at = surely(at, 0, "a repeated id is given in two places");
            let field = match at.checked_sub(data.groups.len()) {
                Some(d) => format!("deputies[{d}].id"),
                None => format!("groups[{at}].id"),
            };
            return Err(PointsError::Duplicate {
                field,
                key: dup.to_string(),
            });
        }
        let mut groups: Vec<DeputyId> = data.groups.iter().map(|g| g.id).collect();
        groups.sort_unstable();
        for (i, d) in data.deputies.iter().enumerate() {
            if let Some(g) = d.group
                && groups.binary_search(&g).is_err()
            {
                return Err(PointsError::NotListed {
                    field: format!("deputies[{i}].group"),
                    code: g.to_string(),
                    list: "the roster's groups",
                });
            }
            // The first role given before: each role's first place, then
            // one pass.
            if d.roles.len() > 1 {
                let mut first: BTreeMap<&Code, usize> = BTreeMap::new();
                for (j, r) in d.roles.iter().enumerate() {
                    if *first.entry(r).or_insert(j) != j {
                        return Err(PointsError::Duplicate {
                            field: format!("deputies[{i}].roles[{j}]"),
                            key: r.to_string(),
                        });
                    }
                }
            }
        }
        Ok(Self { data })
    }

    /// The deputies, as given.
    ///
    /// ```
    /// use deputy_work::points::Roster;
    /// assert!(Roster::default().deputies().is_empty());
    /// ```
    #[must_use]
    pub fn deputies(&self) -> &[RosterDeputy] {
        &self.data.deputies
    }

    /// The groups, as given.
    ///
    /// ```
    /// use deputy_work::points::Roster;
    /// assert!(Roster::default().groups().is_empty());
    /// ```
    #[must_use]
    pub fn groups(&self) -> &[RosterGroup] {
        &self.data.groups
    }

    /// The deputies of `group`, in roster order.
    ///
    /// ```
    /// use deputy_work::common::DeputyId;
    /// use deputy_work::points::Roster;
    /// assert_eq!(Roster::default().members(DeputyId::new(1)).count(), 0);
    /// ```
    pub fn members(&self, group: DeputyId) -> impl Iterator<Item = &RosterDeputy> + '_ {
        self.data
            .deputies
            .iter()
            .filter(move |d| d.group == Some(group))
    }

    /// The roster as written.
    ///
    /// ```
    /// use deputy_work::points::Roster;
    /// assert!(Roster::default().data().groups.is_empty());
    /// ```
    #[must_use]
    pub const fn data(&self) -> &RosterData {
        &self.data
    }
}

impl TryFrom<RosterData> for Roster {
    type Error = PointsError;
    fn try_from(d: RosterData) -> Result<Self, PointsError> {
        Self::new(d)
    }
}

impl From<Roster> for RosterData {
    fn from(r: Roster) -> Self {
        r.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deputy(id: u32, name: &str, group: Option<u32>, roles: &[&str]) -> RosterDeputy {
        let mut d = RosterDeputy::new(DeputyId::new(id), name);
        d.group = group.map(DeputyId::new);
        d.roles = roles.iter().map(|r| Code::new(r).unwrap()).collect();
        d
    }

    fn group(id: u32, name: &str) -> RosterGroup {
        RosterGroup {
            id: DeputyId::new(id),
            name: name.into(),
        }
    }

    /// An edit of a good roster, and the field the error names.
    type Case = (fn(&mut RosterData), &'static str);

    /// Hand-worked rosters and the first thing wrong with each, named by
    /// its field.
    #[test]
    fn each_fault_is_named_where_it_is() {
        let ok = || RosterData {
            groups: vec![group(100, "甲组"), group(50, "乙组")],
            deputies: vec![
                deputy(1, "张", Some(50), &["standing", "chair"]),
                deputy(2, "李", Some(100), &[]),
                deputy(3, "王", None, &["standing"]),
            ],
        };
        assert!(Roster::new(ok()).is_ok());
        let cases: [Case; 7] = [
            (|r| r.groups[1].name = " ".into(), "groups[1].name"),
            (|r| r.deputies[2].name = String::new(), "deputies[2].name"),
            // The second place an id is given, groups before deputies.
            (|r| r.deputies[1].id = DeputyId::new(50), "deputies[1].id"),
            (|r| r.groups[1].id = DeputyId::new(100), "groups[1].id"),
            (
                |r| r.deputies[0].group = Some(DeputyId::new(7)),
                "deputies[0].group",
            ),
            (
                |r| {
                    r.deputies[2].roles = ["a", "b", "a", "b"]
                        .iter()
                        .map(|c| Code::new(c).unwrap())
                        .collect()
                },
                "deputies[2].roles[2]",
            ),
            (
                |r| r.deputies[0].roles.push(Code::new("chair").unwrap()),
                "deputies[0].roles[2]",
            ),
        ];
        for (edit, field) in cases {
            let mut data = ok();
            edit(&mut data);
            let err = Roster::new(data).unwrap_err();
            let named = match &err {
                PointsError::Empty { field }
                | PointsError::Duplicate { field, .. }
                | PointsError::NotListed { field, .. } => field.clone(),
                other => panic!("{field}: {other:?}"),
            };
            assert_eq!(named, field, "{err}");
        }
    }
}

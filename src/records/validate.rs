//! The roster and the validation of a record set.

use super::{Record, RecordKind, RecordVisitor, Records, RecordsError};
use crate::common::{Deputy, DeputyId, Level, UnitId};
use std::collections::{BTreeMap, BTreeSet};

/// The deputies a record set may name, with their levels.
///
/// ```
/// use deputy_work::common::{Deputy, DeputyId, Level};
/// use deputy_work::records::Roster;
/// let roster = Roster::new(&[Deputy::new(DeputyId::new(3), "丙", Level::County)])?;
/// assert_eq!(roster.level(DeputyId::new(3)), Some(Level::County));
/// assert_eq!(roster.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<Deputy>", into = "Vec<Deputy>")
)]
pub struct Roster {
    deputies: BTreeMap<DeputyId, Deputy>,
    /// The same ids, sorted, for fast membership tests.
    ids: Vec<DeputyId>,
}

impl TryFrom<Vec<Deputy>> for Roster {
    type Error = RecordsError;
    fn try_from(v: Vec<Deputy>) -> Result<Self, RecordsError> {
        Self::new(&v)
    }
}

impl From<Roster> for Vec<Deputy> {
    fn from(r: Roster) -> Self {
        r.deputies.into_values().collect()
    }
}

impl Roster {
    /// A roster of `deputies`.
    ///
    /// Cost: O(n log n) in the deputies; memory: a copy of each. Loading a
    /// [`Roster`] with serde costs the same.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// use deputy_work::records::Roster;
    /// let d = Deputy::new(DeputyId::new(1), "甲", Level::City);
    /// assert_eq!(Roster::new(&[d.clone()])?.len(), 1);
    /// assert!(Roster::new(&[d.clone(), d]).is_err(), "an id twice");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::DuplicateId`] when a deputy id appears twice.
    pub fn new(deputies: &[Deputy]) -> Result<Self, RecordsError> {
        let mut map = BTreeMap::new();
        for (index, d) in deputies.iter().enumerate() {
            if map.insert(d.id, d.clone()).is_some() {
                return Err(RecordsError::DuplicateId {
                    kind: RecordKind::Deputy,
                    index,
                    id: u64::from(d.id.get()),
                });
            }
        }
        let ids = map.keys().copied().collect();
        Ok(Self { deputies: map, ids })
    }

    /// The number of deputies.
    ///
    /// ```
    /// use deputy_work::records::Roster;
    /// assert_eq!(Roster::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.deputies.len()
    }

    /// Whether the roster is empty.
    ///
    /// ```
    /// use deputy_work::records::Roster;
    /// assert!(Roster::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.deputies.is_empty()
    }

    /// Whether `deputy` is on the roster.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// use deputy_work::records::Roster;
    /// let r = Roster::new(&[Deputy::new(DeputyId::new(1), "甲", Level::City)])?;
    /// assert!(r.contains(DeputyId::new(1)));
    /// assert!(!r.contains(DeputyId::new(2)));
    /// assert_eq!(r.get(DeputyId::new(1)).map(|d| d.name.as_str()), Some("甲"));
    /// assert_eq!(r.iter().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, deputy: DeputyId) -> bool {
        self.ids.binary_search(&deputy).is_ok()
    }

    /// The level of the congress `deputy` sits in.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// use deputy_work::records::Roster;
    /// let r = Roster::new(&[Deputy::new(DeputyId::new(2), "乙", Level::Township)])?;
    /// assert_eq!(r.level(DeputyId::new(2)), Some(Level::Township));
    /// assert_eq!(r.level(DeputyId::new(3)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn level(&self, deputy: DeputyId) -> Option<Level> {
        self.deputies.get(&deputy).map(|d| d.level)
    }

    /// The deputy with this id.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// use deputy_work::records::Roster;
    /// let r = Roster::new(&[Deputy::new(DeputyId::new(2), "乙", Level::Township)])?;
    /// assert_eq!(r.get(DeputyId::new(2)).map(|d| d.name.as_str()), Some("乙"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, deputy: DeputyId) -> Option<&Deputy> {
        self.deputies.get(&deputy)
    }

    /// Every deputy, in id order.
    ///
    /// ```
    /// use deputy_work::common::{Deputy, DeputyId, Level};
    /// use deputy_work::records::Roster;
    /// let r = Roster::new(&[
    ///     Deputy::new(DeputyId::new(9), "丙", Level::City),
    ///     Deputy::new(DeputyId::new(2), "乙", Level::City),
    /// ])?;
    /// let ids: Vec<u32> = r.iter().map(|d| d.id.get()).collect();
    /// assert_eq!(ids, [2, 9]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Deputy> {
        self.deputies.values()
    }
}

/// Checks that the ids yielded are unique; reports the second use.
///
/// Ids in strictly increasing order (the usual export order) are checked in
/// one pass; otherwise they are sorted, and on a duplicate the list is
/// scanned again for the position of its second use.
pub(crate) fn unique_ids<I>(kind: RecordKind, ids: I) -> Result<(), RecordsError>
where
    I: Iterator<Item = u64> + Clone,
{
    let mut last: Option<u64> = None;
    let increasing = ids.clone().all(|id| {
        let ok = last.is_none_or(|l| l < id);
        last = Some(id);
        ok
    });
    if increasing {
        return Ok(());
    }
    let mut sorted: Vec<u64> = ids.clone().collect();
    sorted.sort_unstable();
    let Some(dup) = sorted.windows(2).find_map(|w| {
        if let [a, b] = w {
            (a == b).then_some(*a)
        } else {
            None
        }
    }) else {
        return Ok(());
    };
    let index = ids
        .enumerate()
        .filter(|&(_, id)| id == dup)
        .nth(1)
        .map_or(0, |(i, _)| i);
    Err(RecordsError::DuplicateId {
        kind,
        index,
        id: dup,
    })
}

/// Every deputy on the roster, none twice.
pub(crate) fn deputies(
    roster: &Roster,
    kind: RecordKind,
    index: usize,
    deputies: &[DeputyId],
) -> Result<(), RecordsError> {
    for &deputy in deputies {
        if !roster.contains(deputy) {
            return Err(RecordsError::UnknownDeputy {
                kind,
                index,
                deputy,
            });
        }
    }
    if deputies.len() <= 8 {
        // Small lists (the usual case): compare pairs, no allocation.
        let mut rest = deputies;
        while let Some((a, tail)) = rest.split_first() {
            if tail.contains(a) {
                return Err(RecordsError::DuplicateDeputy {
                    kind,
                    index,
                    deputy: *a,
                });
            }
            rest = tail;
        }
    } else {
        let mut sorted = deputies.to_vec();
        sorted.sort_unstable();
        for w in sorted.windows(2) {
            if let [a, b] = w
                && a == b
            {
                return Err(RecordsError::DuplicateDeputy {
                    kind,
                    index,
                    deputy: *a,
                });
            }
        }
    }
    Ok(())
}

/// Validates each list: ids unique within it, then each record's own rules.
struct Validator<'a> {
    roster: &'a Roster,
    result: Result<(), RecordsError>,
}

impl RecordVisitor for Validator<'_> {
    fn visit<R: Record>(&mut self, records: &[R]) {
        if self.result.is_err() {
            return;
        }
        self.result = unique_ids(R::KIND, records.iter().filter_map(Record::id)).and_then(|()| {
            records
                .iter()
                .enumerate()
                .try_for_each(|(i, r)| r.validate(i, self.roster))
        });
    }
}

impl Records {
    /// Checks every rule listed in the [module docs](super): unique ids,
    /// deputies on the roster and listed once, cases with a mediator and
    /// closed after they were opened, ratings only of completed micro
    /// projects, no negative investment; then that no grid assignment or
    /// liaison pair (the kinds without ids) is given twice, and, when the
    /// districts are given (a list that is not empty), that every station
    /// and micro project lies in one of them.
    ///
    /// Cost: O(r log r) in each kind's r records (their ids sorted), plus for
    /// each record its deputies looked up on the roster (O(log n) each) and
    /// checked for a repeat (pairwise up to 8, sorted above); memory: the ids
    /// of one kind at a time, in proportion to the records.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::records::{MeetingInvitation, RecordKind, Records, RecordsError, Roster};
    /// let mut r = Records::default();
    /// r.invitations.push(MeetingInvitation {
    ///     id: RecordId::new(1),
    ///     date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    ///     deputy: DeputyId::new(9),
    /// });
    /// assert_eq!(
    ///     r.validate(&Roster::default()),
    ///     Err(RecordsError::UnknownDeputy { kind: RecordKind::Invitation, index: 0, deputy: DeputyId::new(9) })
    /// );
    /// ```
    ///
    /// # Errors
    /// The first [`RecordsError`] found, kinds in the order of the fields of
    /// [`Records`]; then [`RecordsError::RepeatedRecord`] (grids, then
    /// liaison pairs) and [`RecordsError::UnknownDistrict`] (stations,
    /// then micro projects).
    pub fn validate(&self, roster: &Roster) -> Result<(), RecordsError> {
        let mut v = Validator {
            roster,
            result: Ok(()),
        };
        self.visit(&mut v);
        v.result?;
        given_once(RecordKind::Grid, &self.grids)?;
        given_once(RecordKind::Liaison, &self.liaison)?;
        if !self.districts.is_empty() {
            let districts: BTreeSet<UnitId> = self.districts.iter().map(|d| d.id).collect();
            let listed = |kind, index, district| {
                if districts.contains(&district) {
                    Ok(())
                } else {
                    Err(RecordsError::UnknownDistrict {
                        kind,
                        index,
                        district,
                    })
                }
            };
            for (i, s) in self.stations.iter().enumerate() {
                listed(RecordKind::Station, i, s.district)?;
            }
            for (i, m) in self.micro_projects.iter().enumerate() {
                listed(RecordKind::MicroProject, i, m.district)?;
            }
        }
        Ok(())
    }
}

/// Each record of a kind without ids given once: a repeat is the same fact
/// twice (it would count twice), named with its first use.
fn given_once<R: Ord>(kind: RecordKind, records: &[R]) -> Result<(), RecordsError> {
    let mut first: BTreeMap<&R, usize> = BTreeMap::new();
    for (index, r) in records.iter().enumerate() {
        if let Some(&first) = first.get(r) {
            return Err(RecordsError::RepeatedRecord { kind, index, first });
        }
        first.insert(r, index);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_use_of_an_id_is_named() {
        // Id 7 at positions 0 and 2: ids sort with their positions, so the
        // error always names the later use.
        let e = unique_ids(RecordKind::Station, [7_u64, 3, 7, 1].into_iter()).unwrap_err();
        assert_eq!(
            e,
            RecordsError::DuplicateId {
                kind: RecordKind::Station,
                index: 2,
                id: 7
            }
        );
        assert_eq!(
            unique_ids(RecordKind::Station, [1_u64, 2, 3].into_iter()),
            Ok(())
        );
        assert_eq!(unique_ids(RecordKind::Station, core::iter::empty()), Ok(()));
    }

    proptest::proptest! {
        #[test]
        fn duplicates_are_found_wherever_they_are(ids in proptest::collection::vec(0_u64..40, 0..30)) {
            let got = unique_ids(RecordKind::Opinion, ids.iter().copied());
            let mut seen = BTreeSet::new();
            let first_dup = ids.iter().position(|id| !seen.insert(*id));
            match (got, first_dup) {
                (Ok(()), None) => {}
                (Err(RecordsError::DuplicateId { index, id, .. }), Some(_)) => {
                    proptest::prop_assert_eq!(ids[index], id);
                    proptest::prop_assert!(ids[..index].contains(&id), "the second use is named");
                }
                (other, dup) => proptest::prop_assert!(false, "{:?} vs {:?}", other, dup),
            }
        }
    }

    #[test]
    fn a_fact_without_an_id_is_given_once_and_districts_are_listed() {
        use crate::common::PersonId;
        use crate::records::{District, GridAssignment, LiaisonPair, Station, StationKind};
        let roster = Roster::new(&[
            Deputy::new(DeputyId::new(1), "甲", Level::City),
            Deputy::new(DeputyId::new(2), "乙", Level::City),
        ])
        .unwrap();
        let grid = |d, g| GridAssignment {
            deputy: DeputyId::new(d),
            grid: UnitId::new(g),
        };
        // Deputy 1 in grids 700 and 701, deputy 2 in grid 700: three facts.
        let mut r = Records {
            grids: vec![grid(1, 700), grid(1, 701), grid(2, 700)],
            ..Records::default()
        };
        assert_eq!(r.validate(&roster), Ok(()));
        // Deputy 1 in grid 701 again, fourth in the list: the same as the second.
        r.grids.push(grid(1, 701));
        assert_eq!(
            r.validate(&roster),
            Err(RecordsError::RepeatedRecord {
                kind: RecordKind::Grid,
                index: 3,
                first: 1
            })
        );
        r.grids.pop();
        let pair = |m, d| LiaisonPair {
            member: PersonId::new(m),
            deputy: DeputyId::new(d),
        };
        r.liaison = vec![pair(5, 1), pair(5, 2), pair(6, 1), pair(5, 2)];
        assert_eq!(
            r.validate(&roster),
            Err(RecordsError::RepeatedRecord {
                kind: RecordKind::Liaison,
                index: 3,
                first: 1
            })
        );
        r.liaison.pop();
        assert_eq!(r.validate(&roster), Ok(()));
        // Stations in districts 10 and 11; no districts given: nothing to
        // check against. Districts 10 and 12 given: 11 is not among them.
        let station = |id, district| Station {
            id: UnitId::new(id),
            district: UnitId::new(district),
            kind: StationKind::DeputyHome,
            upgraded: false,
        };
        r.stations = vec![station(1, 10), station(2, 11)];
        assert_eq!(r.validate(&roster), Ok(()));
        let district = |id| District {
            id: UnitId::new(id),
            platform: false,
        };
        r.districts = vec![district(10), district(12)];
        let err = r.validate(&roster).unwrap_err();
        assert_eq!(
            err,
            RecordsError::UnknownDistrict {
                kind: RecordKind::Station,
                index: 1,
                district: UnitId::new(11)
            }
        );
        assert_eq!(err.message_zh(), "代表家站第2条：旗区U11不在旗区名单中");
        r.districts.push(district(11));
        assert_eq!(r.validate(&roster), Ok(()));
        // A micro project in district 13, then in 12.
        r.micro_projects.push(crate::records::MicroProject {
            id: crate::common::ProjectId::new(1),
            date: chrono::NaiveDate::from_ymd_opt(2025, 5, 5).unwrap(),
            district: UnitId::new(13),
            stage: crate::records::MicroStage::Pooled,
            ratings: vec![],
        });
        assert_eq!(
            r.validate(&roster),
            Err(RecordsError::UnknownDistrict {
                kind: RecordKind::MicroProject,
                index: 0,
                district: UnitId::new(13)
            })
        );
        r.micro_projects[0].district = UnitId::new(12);
        assert_eq!(r.validate(&roster), Ok(()));
    }

    #[test]
    fn roster_levels_and_order() {
        let r = Roster::new(&[
            Deputy::new(DeputyId::new(5), "戊", Level::Township),
            Deputy::new(DeputyId::new(2), "乙", Level::City),
        ])
        .unwrap();
        assert_eq!(r.level(DeputyId::new(2)), Some(Level::City));
        assert_eq!(r.level(DeputyId::new(3)), None);
        let order: Vec<u32> = r.iter().map(|d| d.id.get()).collect();
        assert_eq!(order, [2, 5]);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn roster_round_trips_as_a_list() {
        let r = Roster::new(&[Deputy::new(DeputyId::new(1), "甲", Level::City)]).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.starts_with('['));
        assert_eq!(serde_json::from_str::<Roster>(&json).unwrap(), r);
    }
}

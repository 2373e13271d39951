//! What every kind of record shares: the [`Record`] trait, its impls, and
//! the visitor over a record set's lists.

use super::{
    CommitteeActivity, District, DutyReport, GridAssignment, GroupActivity, LiaisonPair,
    LivelihoodProject, MediationCase, MeetingInvitation, MemberContact, MicroProject, MicroStage,
    OrganContact, PetitionCase, PublicContact, PublicOpinion, RecordKind, RecordsError, Roster,
    SharingSession, Station, Street, TrainingSession, validate,
};
use crate::common::DeputyId;
use chrono::NaiveDate;
use std::borrow::Cow;

/// What every kind of record shares: its [`RecordKind`], its id and date
/// where it has them, the deputies it names, and its own rules.
/// [`Records`](super::Records) holds one list per kind; validation, the
/// record count and [`Records::visit`](super::Records::visit) are driven by
/// this trait over the one list of kinds in `records/mod.rs`.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::records::{MeetingInvitation, Record, RecordKind};
/// let r = MeetingInvitation {
///     id: RecordId::new(4),
///     date: NaiveDate::from_ymd_opt(2025, 8, 28).ok_or("day")?,
///     deputy: DeputyId::new(5),
/// };
/// assert_eq!(MeetingInvitation::KIND, RecordKind::Invitation);
/// assert_eq!(r.id(), Some(4));
/// assert_eq!(r.date(), NaiveDate::from_ymd_opt(2025, 8, 28));
/// assert_eq!(r.deputies().as_ref(), [DeputyId::new(5)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Record {
    /// The kind of record, for errors and labels.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::records::{MediationCase, Record};
    /// assert_eq!(MediationCase::KIND.label_zh(), "矛盾调解");
    /// ```
    const KIND: RecordKind;

    /// The record's id as a number, unique within its kind; `None` for
    /// kinds without ids (liaison pairs, grid assignments).
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, UnitId};
    /// use deputy_work::records::{GridAssignment, Record};
    /// assert_eq!(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(2) }.id(), None);
    /// ```
    fn id(&self) -> Option<u64>;

    /// The record's date; `None` for standing facts that hold for the
    /// year (grids, liaison pairs, stations, districts, streets).
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::records::{District, Record};
    /// assert_eq!(District { id: UnitId::new(1), platform: true }.date(), None);
    /// ```
    fn date(&self) -> Option<NaiveDate>;

    /// The deputies the record names: each must be on the roster and named
    /// once.
    ///
    /// ```
    /// use deputy_work::common::UnitId;
    /// use deputy_work::records::{Record, Street};
    /// assert!(Street { id: UnitId::new(1), council: true }.deputies().is_empty());
    /// ```
    fn deputies(&self) -> Cow<'_, [DeputyId]>;

    /// Checks the record's own rules; `index` is its place in its list,
    /// for the error. By default: every deputy it names is on the roster
    /// and named once. Kinds with more rules (a mediation needs a
    /// mediator, a petition closes after it opens, …) add them.
    ///
    /// Cost: O(k log n) for the record's k deputies on a roster of n (a
    /// lookup each; a repeat found pairwise up to 8, by a sort above).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{RecordId};
    /// use deputy_work::records::{MediationCase, MediationOutcome, Record, RecordKind, RecordsError, Roster};
    /// let case = MediationCase {
    ///     id: RecordId::new(1),
    ///     date: NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("day")?,
    ///     mediators: vec![],
    ///     outcome: MediationOutcome::Pending,
    /// };
    /// assert_eq!(
    ///     case.validate(3, &Roster::default()),
    ///     Err(RecordsError::NoDeputy { kind: RecordKind::Mediation, index: 3 })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The first [`RecordsError`] the record breaks.
    fn validate(&self, index: usize, roster: &Roster) -> Result<(), RecordsError> {
        validate::deputies(roster, Self::KIND, index, &self.deputies())
    }
}

/// Something done to every list of a [`Records`](super::Records), kind by
/// kind, in the order of its fields ([`Records::visit`](super::Records::visit)).
///
/// ```
/// use deputy_work::common::{DeputyId, UnitId};
/// use deputy_work::records::{GridAssignment, Record, RecordKind, RecordVisitor, Records};
/// /// The kinds that have records.
/// struct Present(Vec<RecordKind>);
/// impl RecordVisitor for Present {
///     fn visit<R: Record>(&mut self, records: &[R]) {
///         if !records.is_empty() {
///             self.0.push(R::KIND);
///         }
///     }
/// }
/// let mut r = Records::default();
/// r.grids.push(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) });
/// let mut present = Present(Vec::new());
/// r.visit(&mut present);
/// assert_eq!(present.0, [RecordKind::Grid]);
/// ```
pub trait RecordVisitor {
    /// Visits the list of one kind.
    ///
    /// ```
    /// use deputy_work::records::{Record, RecordVisitor, Records};
    /// /// Records with a date.
    /// struct Dated(usize);
    /// impl RecordVisitor for Dated {
    ///     fn visit<R: Record>(&mut self, records: &[R]) {
    ///         self.0 += records.iter().filter(|r| r.date().is_some()).count();
    ///     }
    /// }
    /// let mut dated = Dated(0);
    /// Records::default().visit(&mut dated);
    /// assert_eq!(dated.0, 0);
    /// ```
    fn visit<R: Record>(&mut self, records: &[R]);
}

/// Implements [`Record`] for a kind: its id field (or none), its date field
/// (or none), and the deputies it names (one field, a list field, or none).
macro_rules! record {
    ($ty:ty, $kind:ident, id: $id:tt, date: $date:tt, deputies: $dep:tt $(, $field:ident)?) => {
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn id(&self) -> Option<u64> {
                record!(@id self, $id)
            }
            fn date(&self) -> Option<NaiveDate> {
                record!(@date self, $date)
            }
            fn deputies(&self) -> Cow<'_, [DeputyId]> {
                record!(@deputies self, $dep $(, $field)?)
            }
        }
    };
    (@id $s:ident, none) => { None };
    (@id $s:ident, $f:ident) => { Some(u64::from($s.$f.get())) };
    (@date $s:ident, none) => { None };
    (@date $s:ident, $f:ident) => { Some($s.$f) };
    (@deputies $s:ident, none) => { Cow::Borrowed(&[]) };
    (@deputies $s:ident, one, $f:ident) => { Cow::Borrowed(core::slice::from_ref(&$s.$f)) };
    (@deputies $s:ident, list, $f:ident) => { Cow::Borrowed(&$s.$f) };
}

record!(TrainingSession, Training, id: id, date: date, deputies: list, attendees);
record!(SharingSession, Sharing, id: id, date: date, deputies: list, participants);
record!(DutyReport, DutyReport, id: id, date: date, deputies: one, deputy);
record!(LiaisonPair, Liaison, id: none, date: none, deputies: one, deputy);
record!(MemberContact, MemberContact, id: id, date: date, deputies: one, deputy);
record!(MeetingInvitation, Invitation, id: id, date: date, deputies: one, deputy);
record!(CommitteeActivity, CommitteeActivity, id: id, date: date, deputies: list, deputies);
record!(PublicContact, PublicContact, id: id, date: date, deputies: one, deputy);
record!(PublicOpinion, Opinion, id: id, date: date, deputies: one, deputy);
record!(OrganContact, OrganContact, id: id, date: date, deputies: list, deputies);
record!(GridAssignment, Grid, id: none, date: none, deputies: one, deputy);
record!(GroupActivity, GroupActivity, id: id, date: date, deputies: list, deputies);
record!(Station, Station, id: id, date: none, deputies: none);
record!(District, District, id: id, date: none, deputies: none);
record!(Street, Street, id: id, date: none, deputies: none);

impl Record for MediationCase {
    const KIND: RecordKind = RecordKind::Mediation;
    fn id(&self) -> Option<u64> {
        Some(self.id.get())
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
    fn deputies(&self) -> Cow<'_, [DeputyId]> {
        Cow::Borrowed(&self.mediators)
    }
    /// A case needs a mediator; every mediator is on the roster, once.
    fn validate(&self, index: usize, roster: &Roster) -> Result<(), RecordsError> {
        if self.mediators.is_empty() {
            return Err(RecordsError::NoDeputy {
                kind: Self::KIND,
                index,
            });
        }
        validate::deputies(roster, Self::KIND, index, &self.mediators)
    }
}

impl Record for PetitionCase {
    const KIND: RecordKind = RecordKind::Petition;
    fn id(&self) -> Option<u64> {
        Some(self.id.get())
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
    fn deputies(&self) -> Cow<'_, [DeputyId]> {
        Cow::Borrowed(core::slice::from_ref(&self.deputy))
    }
    /// The deputy is on the roster; a closed case closes on or after the
    /// day it was opened.
    fn validate(&self, index: usize, roster: &Roster) -> Result<(), RecordsError> {
        validate::deputies(roster, Self::KIND, index, &self.deputies())?;
        match self.closed {
            Some(closed) if closed < self.date => Err(RecordsError::ClosedBeforeOpened {
                kind: Self::KIND,
                index,
                opened: self.date,
                closed,
            }),
            _ => Ok(()),
        }
    }
}

impl Record for LivelihoodProject {
    const KIND: RecordKind = RecordKind::Livelihood;
    fn id(&self) -> Option<u64> {
        Some(u64::from(self.id.get()))
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
    fn deputies(&self) -> Cow<'_, [DeputyId]> {
        Cow::Borrowed(&[])
    }
    /// The investment is not negative.
    fn validate(&self, index: usize, _: &Roster) -> Result<(), RecordsError> {
        if self.investment.is_sign_negative() && !self.investment.is_zero() {
            return Err(RecordsError::NegativeAmount {
                kind: Self::KIND,
                index,
                amount: self.investment,
            });
        }
        Ok(())
    }
}

impl Record for MicroProject {
    const KIND: RecordKind = RecordKind::MicroProject;
    fn id(&self) -> Option<u64> {
        Some(u64::from(self.id.get()))
    }
    fn date(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
    /// The deputies who rated it.
    fn deputies(&self) -> Cow<'_, [DeputyId]> {
        Cow::Owned(self.ratings.iter().map(|r| r.deputy).collect())
    }
    /// Only a completed project is rated; every rater is on the roster and
    /// rates once.
    fn validate(&self, index: usize, roster: &Roster) -> Result<(), RecordsError> {
        if !self.ratings.is_empty() && self.stage != MicroStage::Completed {
            return Err(RecordsError::RatedBeforeCompletion {
                kind: Self::KIND,
                index,
                stage: self.stage,
            });
        }
        validate::deputies(roster, Self::KIND, index, &self.deputies())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{RecordId, UnitId};

    /// The kinds a visit meets, in order.
    struct Kinds(Vec<RecordKind>);

    impl RecordVisitor for Kinds {
        fn visit<R: Record>(&mut self, _: &[R]) {
            self.0.push(R::KIND);
        }
    }

    #[test]
    fn a_visit_meets_every_record_kind_once_in_the_lists_order() {
        let mut kinds = Kinds(Vec::new());
        super::super::Records::default().visit(&mut kinds);
        // RecordKind: the roster first, then the record kinds, then the
        // report input's three other lists.
        assert_eq!(
            kinds.0.as_slice(),
            &RecordKind::ALL[1..RecordKind::ALL.len() - 3]
        );
        assert_eq!(kinds.0.first(), Some(&RecordKind::Training));
        assert_eq!(kinds.0.last(), Some(&RecordKind::MicroProject));
    }

    #[test]
    fn kinds_ids_dates_and_deputies() {
        let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let d = DeputyId::new;
        let t = TrainingSession {
            id: RecordId::new(3),
            date: day,
            mode: super::super::TrainingMode::Online,
            attendees: vec![d(1), d(2)],
        };
        assert_eq!(
            (TrainingSession::KIND, t.id(), t.date(), t.deputies().len()),
            (RecordKind::Training, Some(3), Some(day), 2)
        );
        let l = LiaisonPair {
            member: crate::common::PersonId::new(1),
            deputy: d(7),
        };
        assert_eq!(
            (l.id(), l.date(), l.deputies().as_ref()),
            (None, None, &[d(7)][..])
        );
        let s = Station {
            id: UnitId::new(9),
            district: UnitId::new(1),
            kind: super::super::StationKind::ALL[0],
            upgraded: false,
        };
        assert_eq!((s.id(), s.date(), s.deputies().len()), (Some(9), None, 0));
    }
}

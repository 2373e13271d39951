//! Mergeable counts of a record set.

use super::{
    AnyRecord, CommitteeActivity, District, DutyReport, GridAssignment, GroupActivity,
    GroupActivityKind, GroupOrganiser, LiaisonPair, LivelihoodProject, MediationCase,
    MediationOutcome, MeetingInvitation, MemberContact, MicroProject, MicroStage, OpinionTopic,
    OrganActivity, OrganContact, PetitionCase, PublicContact, PublicOpinion, Record, Records,
    RecordsError, ReportBody, SharingSession, Station, Street, TrainingMode, TrainingSession,
};
use crate::common::{DeputyId, Level, Period, PersonId, UnitId};
use crate::stats::{Headcount, Satisfaction};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Opinions collected and resolved.
///
/// ```
/// use deputy_work::records::Resolution;
/// let r = Resolution { collected: 5_732, resolved: 4_965 };
/// assert!(r.resolved <= r.collected);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Resolution {
    /// Opinions collected (件).
    pub collected: u64,
    /// Of those, resolved (件).
    pub resolved: u64,
}

impl Resolution {
    fn merge(&mut self, o: Self) {
        // Counters saturate at u64::MAX (the module's documented meaning).
        self.collected = self.collected.saturating_add(o.collected);
        self.resolved = self.resolved.saturating_add(o.resolved);
    }
}

/// Activities of one kind by one kind of group.
///
/// ```
/// use deputy_work::records::ActivityCounts;
/// let a = ActivityCounts::default();
/// assert_eq!(a.activities, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ActivityCounts {
    /// Activities held (次).
    pub activities: u64,
    /// Deputies taking part (人次).
    pub deputy_times: u64,
    /// Members of the public taking part (人次).
    pub public_attendance: u64,
    /// Opinions collected (条).
    pub opinions: u64,
}

impl ActivityCounts {
    fn merge(&mut self, o: Self) {
        // Counters saturate at u64::MAX (the module's documented meaning).
        self.activities = self.activities.saturating_add(o.activities);
        self.deputy_times = self.deputy_times.saturating_add(o.deputy_times);
        self.public_attendance = self.public_attendance.saturating_add(o.public_attendance);
        self.opinions = self.opinions.saturating_add(o.opinions);
    }
}

/// The activities of one kind of group organiser.
///
/// ```
/// use deputy_work::records::GroupCounts;
/// let g = GroupCounts::default();
/// assert_eq!(g.total().activities, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GroupCounts {
    /// The stations or groups that held activities, with how many each.
    pub organisers: Headcount<UnitId>,
    /// Counts by kind of activity.
    pub by_kind: BTreeMap<GroupActivityKind, ActivityCounts>,
}

impl GroupCounts {
    /// All kinds together.
    ///
    /// ```
    /// use deputy_work::records::{ActivityCounts, GroupActivityKind, GroupCounts};
    /// let mut g = GroupCounts::default();
    /// g.by_kind.insert(GroupActivityKind::Research, ActivityCounts { activities: 2, ..Default::default() });
    /// g.by_kind.insert(GroupActivityKind::ALL[0], ActivityCounts { activities: 3, ..Default::default() });
    /// assert!(g.total().activities >= 3);
    /// ```
    #[must_use]
    pub fn total(&self) -> ActivityCounts {
        let mut t = ActivityCounts::default();
        for a in self.by_kind.values() {
            t.merge(*a);
        }
        t
    }

    /// One kind of activity (zero when there was none).
    ///
    /// ```
    /// use deputy_work::records::{ActivityCounts, GroupActivityKind, GroupCounts};
    /// let mut g = GroupCounts::default();
    /// g.by_kind.insert(GroupActivityKind::Research, ActivityCounts { activities: 6, deputy_times: 56, ..Default::default() });
    /// assert_eq!(g.kind(GroupActivityKind::Research).deputy_times, 56);
    /// ```
    #[must_use]
    pub fn kind(&self, kind: GroupActivityKind) -> ActivityCounts {
        // A kind with no activity is not in the map: zero, as documented.
        self.by_kind.get(&kind).copied().unwrap_or_default()
    }

    fn merge(&mut self, o: Self) {
        self.organisers.merge(o.organisers);
        for (k, a) in o.by_kind {
            self.by_kind.entry(k).or_default().merge(a);
        }
    }
}

/// Projects and their investment.
///
/// ```
/// use deputy_work::records::Investment;
/// use rust_decimal::Decimal;
/// let i = Investment { projects: 2, yuan: Decimal::from(300) };
/// assert_eq!(i.projects, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Investment {
    /// Projects (项).
    pub projects: u64,
    /// Investment in yuan (元).
    pub yuan: Decimal,
}

/// The counts of a record set, for one period. Mergeable: the counts of two
/// record sets merged equal the counts of their union.
///
/// Every field is public data; [`Counts::count`] fills them from
/// [`Records`], and the `report` module turns them into figures.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::records::{Counts, MeetingInvitation, Records};
/// let day = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let mut r = Records::default();
/// for (n, m) in [(1, 3), (2, 6), (3, 9)] {
///     r.invitations.push(MeetingInvitation { id: RecordId::new(n), date: day(m), deputy: DeputyId::new(7) });
/// }
/// let first_half = Period::new(day(1), day(6))?;
/// let c = Counts::count(&r, first_half)?;
/// assert_eq!(c.invitations.person_times(), 2);
/// assert_eq!(c.invitations.distinct_persons(), 1);
/// assert_eq!(c.outside_period, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Stored counts are validated on the way in: every invariant that holds
/// for counts made by [`Counts::count`] and [`Counts::merge`] is checked
/// (parts within their wholes, counts of the same records equal, entries
/// only where something was counted), and counts that break one are
/// refused with [`RecordsError::CorruptCounts`] naming the field.
///
/// ```
/// use deputy_work::common::Period;
/// use deputy_work::records::{Counts, Records};
/// let c = Counts::count(&Records::default(), Period::year(2025)?)?;
/// let json = serde_json::to_string(&c)?;
/// assert_eq!(serde_json::from_str::<Counts>(&json)?, c);
/// let edited = json.replace(r#""petitions_closed":0"#, r#""petitions_closed":1"#);
/// let err = serde_json::from_str::<Counts>(&edited).unwrap_err();
/// assert!(err.to_string().contains("petitions_closed"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, remote = "Self"))]
#[non_exhaustive]
pub struct Counts {
    /// Dated records that fell outside the period and were not counted.
    pub outside_period: u64,
    /// Offline training classes held (期).
    pub offline_sessions: u64,
    /// Attendance at offline classes.
    pub offline_attendees: Headcount<DeputyId>,
    /// Online sessions held (期).
    pub online_sessions: u64,
    /// Attendance at online sessions.
    pub online_attendees: Headcount<DeputyId>,
    /// Experience-sharing sessions held (次).
    pub sharing_sessions: u64,
    /// Participation in sharing sessions.
    pub sharing_participants: Headcount<DeputyId>,
    /// Duty reports to a standing committee.
    pub reports_to_committee: Headcount<DeputyId>,
    /// Duty reports to electoral units.
    pub reports_to_electoral_units: Headcount<DeputyId>,
    /// Standing-committee members with a liaison assignment.
    pub liaison_members: Headcount<PersonId>,
    /// Deputies with a liaison member.
    pub liaison_deputies: Headcount<DeputyId>,
    /// Deputies contacted by standing-committee members.
    pub member_contacts: Headcount<DeputyId>,
    /// Deputies invited to attend meetings.
    pub invitations: Headcount<DeputyId>,
    /// Research, inspections and inquiries held with deputies (次).
    pub committee_activities: u64,
    /// Deputies taking part in them.
    pub committee_activity_deputies: Headcount<DeputyId>,
    /// Deputies' contacts with the public: records.
    pub public_contacts: u64,
    /// Members of the public met (人次).
    pub public_person_times: u64,
    /// Opinions from the public, by topic.
    pub opinions: BTreeMap<OpinionTopic, Resolution>,
    /// State-organ meetings, hearings and enforcement with deputies (次), symposia excluded.
    pub organ_activities: u64,
    /// Deputies at them.
    pub organ_activity_deputies: Headcount<DeputyId>,
    /// Symposia held by state organs to hear deputies (次).
    pub symposia: u64,
    /// Deputies at symposia.
    pub symposium_deputies: Headcount<DeputyId>,
    /// Opinions given at symposia (条).
    pub symposium_opinions: u64,
    /// Deputies placed in grids.
    pub gridded: Headcount<DeputyId>,
    /// Grids with deputies.
    pub grids: Headcount<UnitId>,
    /// Mediation cases by outcome.
    pub mediation: BTreeMap<MediationOutcome, u64>,
    /// Deputies mediating.
    pub mediators: Headcount<DeputyId>,
    /// Petitions taken on (件).
    pub petitions: u64,
    /// Of those, closed by the end of the period (件).
    pub petitions_closed: u64,
    /// Deputies following petitions.
    pub petition_deputies: Headcount<DeputyId>,
    /// Activities at professional-group liaison stations.
    pub liaison_stations: GroupCounts,
    /// Activities of professional groups.
    pub professional_groups: GroupCounts,
    /// Activities of electoral-unit groups.
    pub electoral_unit_groups: GroupCounts,
    /// Districts recorded.
    pub districts: u64,
    /// Districts with a deputy-work information platform.
    pub districts_with_platform: u64,
    /// Stations recorded.
    pub stations: u64,
    /// Stations upgraded this year.
    pub stations_upgraded: u64,
    /// Streets recorded.
    pub streets: u64,
    /// Streets with a council of deliberating representatives.
    pub streets_with_council: u64,
    /// Livelihood projects and investment by level.
    pub livelihood: BTreeMap<Level, Investment>,
    /// Micro projects by stage.
    pub micro_projects: BTreeMap<MicroStage, u64>,
    /// Deputies' ratings of completed micro projects.
    pub micro_ratings: Satisfaction,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The derived form (`remote = "Self"`), unchanged.
        Self::serialize(self, s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Counts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The derived form (`remote = "Self"`), then its invariants.
        let c = Self::deserialize(d)?;
        c.check_stored().map_err(serde::de::Error::custom)?;
        Ok(c)
    }
}

/// A [`RecordsError::CorruptCounts`] at `field`.
#[cfg(feature = "serde")]
fn corrupt(field: impl Into<String>, problem: &'static str) -> RecordsError {
    RecordsError::CorruptCounts {
        field: field.into(),
        problem,
    }
}

/// `part` within `whole` (both saturate in the same way when counted and
/// merged, so the order holds at `u64::MAX` too).
#[cfg(feature = "serde")]
fn within(part: u64, whole: u64, field: &str) -> Result<(), RecordsError> {
    if part > whole {
        return Err(corrupt(field, "a part exceeds its whole"));
    }
    Ok(())
}

/// Two counts of the same records (each record adds one to both; both
/// saturate at the same `u64::MAX`).
#[cfg(feature = "serde")]
fn equal(a: u64, b: u64, field: &str) -> Result<(), RecordsError> {
    if a != b {
        return Err(corrupt(field, "counts of the same records must be equal"));
    }
    Ok(())
}

/// A map entry is made by counting a record into it (`entry().or_default()`
/// then a bump), so every kept entry has counted at least one.
#[cfg(feature = "serde")]
fn kept<K: std::fmt::Debug>(
    entries: impl IntoIterator<Item = (K, u64)>,
    field: &str,
) -> Result<(), RecordsError> {
    if let Some((k, _)) = entries.into_iter().find(|(_, n)| *n == 0) {
        return Err(corrupt(
            format!("{field}.{k:?}"),
            "an entry is kept only once something is counted in it",
        ));
    }
    Ok(())
}

#[cfg(feature = "serde")]
impl GroupCounts {
    /// Each group activity pushes its organiser once and adds one
    /// activity to its kind (`Tallied for GroupActivity`).
    fn check_stored(&self, field: &str) -> Result<(), RecordsError> {
        kept(
            self.by_kind.iter().map(|(k, a)| (k, a.activities)),
            &format!("{field}.by_kind"),
        )?;
        let activities = self
            .by_kind
            .values()
            .fold(0_u64, |n, a| n.saturating_add(a.activities)); // as counted: saturating
        equal(
            self.organisers.person_times(),
            activities,
            &format!("{field}.organisers.person_times"),
        )
    }
}

#[cfg(feature = "serde")]
impl Counts {
    /// The invariants of counts made by [`Counts::count`] and kept by
    /// [`Counts::merge`], each from the counting rule named beside it.
    fn check_stored(&self) -> Result<(), RecordsError> {
        // PublicOpinion: one collected per opinion, one resolved if resolved.
        for (topic, r) in &self.opinions {
            kept([(topic, r.collected)], "opinions")?;
            within(
                r.resolved,
                r.collected,
                &format!("opinions.{topic:?}.resolved"),
            )?;
        }
        // MediationCase, MicroProject, LivelihoodProject: one per record.
        kept(self.mediation.iter().map(|(k, n)| (k, *n)), "mediation")?;
        kept(
            self.micro_projects.iter().map(|(k, n)| (k, *n)),
            "micro_projects",
        )?;
        kept(
            self.livelihood.iter().map(|(k, i)| (k, i.projects)),
            "livelihood",
        )?;
        // PetitionCase: one petition, one deputy following it, and closed
        // only if it is one of them.
        within(self.petitions_closed, self.petitions, "petitions_closed")?;
        equal(
            self.petition_deputies.person_times(),
            self.petitions,
            "petition_deputies.person_times",
        )?;
        // District, Station, Street: the part is a flag of the whole.
        within(
            self.districts_with_platform,
            self.districts,
            "districts_with_platform",
        )?;
        within(self.stations_upgraded, self.stations, "stations_upgraded")?;
        within(
            self.streets_with_council,
            self.streets,
            "streets_with_council",
        )?;
        // LiaisonPair: one member and one deputy; GridAssignment: one
        // deputy and one grid.
        equal(
            self.liaison_members.person_times(),
            self.liaison_deputies.person_times(),
            "liaison_members.person_times",
        )?;
        equal(
            self.gridded.person_times(),
            self.grids.person_times(),
            "gridded.person_times",
        )?;
        self.liaison_stations.check_stored("liaison_stations")?;
        self.professional_groups
            .check_stored("professional_groups")?;
        self.electoral_unit_groups
            .check_stored("electoral_unit_groups")
    }
}

/// Persons waiting to be counted by [`Counts::count`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Buffers {
    offline_attendees: Vec<DeputyId>,
    online_attendees: Vec<DeputyId>,
    sharing_participants: Vec<DeputyId>,
    reports_to_committee: Vec<DeputyId>,
    reports_to_electoral_units: Vec<DeputyId>,
    liaison_members: Vec<PersonId>,
    liaison_deputies: Vec<DeputyId>,
    member_contacts: Vec<DeputyId>,
    invitations: Vec<DeputyId>,
    committee_activity_deputies: Vec<DeputyId>,
    symposium_deputies: Vec<DeputyId>,
    organ_activity_deputies: Vec<DeputyId>,
    gridded: Vec<DeputyId>,
    grids: Vec<UnitId>,
    mediators: Vec<DeputyId>,
    petition_deputies: Vec<DeputyId>,
    station_organisers: Vec<UnitId>,
    group_organisers: Vec<UnitId>,
    electoral_organisers: Vec<UnitId>,
}

/// Counts every person of `v` into `into`, one map update per distinct
/// person, and empties `v` (keeping its room).
fn flush<P: Ord + Copy>(v: &mut Vec<P>, into: &mut Headcount<P>) {
    v.sort_unstable();
    let mut it = v.drain(..).peekable();
    while let Some(p) = it.next() {
        let mut n = 1_u64;
        while it.next_if_eq(&p).is_some() {
            n = n.saturating_add(1); // counters saturate (documented)
        }
        into.add_times(p, n);
    }
}

/// Persons held in the buffers before they are counted into the
/// [`Headcount`]s: memory stays in proportion to the persons, never to the
/// records.
const FLUSH: usize = 1 << 16;

impl Buffers {
    /// The persons waiting.
    fn len(&self) -> usize {
        let lens = [
            self.offline_attendees.len(),
            self.online_attendees.len(),
            self.sharing_participants.len(),
            self.reports_to_committee.len(),
            self.reports_to_electoral_units.len(),
            self.liaison_members.len(),
            self.liaison_deputies.len(),
            self.member_contacts.len(),
            self.invitations.len(),
            self.committee_activity_deputies.len(),
            self.symposium_deputies.len(),
            self.organ_activity_deputies.len(),
            self.gridded.len(),
            self.grids.len(),
            self.mediators.len(),
            self.petition_deputies.len(),
            self.station_organisers.len(),
            self.group_organisers.len(),
            self.electoral_organisers.len(),
        ];
        let n = lens.iter().try_fold(0_usize, |a, &n| a.checked_add(n));
        debug_assert!(n.is_some(), "buffers in memory add up within usize");
        n.unwrap_or(usize::MAX)
    }

    /// Counts every person waiting into `c`.
    fn flush_into(&mut self, c: &mut Counts) {
        flush(&mut self.offline_attendees, &mut c.offline_attendees);
        flush(&mut self.online_attendees, &mut c.online_attendees);
        flush(&mut self.sharing_participants, &mut c.sharing_participants);
        flush(&mut self.reports_to_committee, &mut c.reports_to_committee);
        flush(
            &mut self.reports_to_electoral_units,
            &mut c.reports_to_electoral_units,
        );
        flush(&mut self.liaison_members, &mut c.liaison_members);
        flush(&mut self.liaison_deputies, &mut c.liaison_deputies);
        flush(&mut self.member_contacts, &mut c.member_contacts);
        flush(&mut self.invitations, &mut c.invitations);
        flush(
            &mut self.committee_activity_deputies,
            &mut c.committee_activity_deputies,
        );
        flush(&mut self.symposium_deputies, &mut c.symposium_deputies);
        flush(
            &mut self.organ_activity_deputies,
            &mut c.organ_activity_deputies,
        );
        flush(&mut self.gridded, &mut c.gridded);
        flush(&mut self.grids, &mut c.grids);
        flush(&mut self.mediators, &mut c.mediators);
        flush(&mut self.petition_deputies, &mut c.petition_deputies);
        flush(
            &mut self.station_organisers,
            &mut c.liaison_stations.organisers,
        );
        flush(
            &mut self.group_organisers,
            &mut c.professional_groups.organisers,
        );
        flush(
            &mut self.electoral_organisers,
            &mut c.electoral_unit_groups.organisers,
        );
    }
}

// Counters saturate at u64::MAX: the documented meaning (module docs,
// "Design"), unreachable in practice.
fn bump(n: &mut u64) {
    *n = n.saturating_add(1);
}

fn add(n: &mut u64, k: u64) {
    *n = n.saturating_add(k);
}

fn len(v: &[DeputyId]) -> u64 {
    let n = u64::try_from(v.len());
    debug_assert!(
        n.is_ok(),
        "a usize length fits u64 on every supported target"
    );
    n.unwrap_or(u64::MAX)
}

/// How one kind of record adds to the counts (crate-private: the counting
/// rules of each kind). [`Counts::count`] calls it for every record of
/// every kind (through the one list of kinds), once it has checked that a
/// dated record falls in the period.
pub(crate) trait Tallied: Record + Sync {
    /// Adds the record to the counts; persons go to the buffers.
    fn tally(&self, c: &mut Counts, b: &mut Buffers, period: Period) -> Result<(), RecordsError>;
}

/// Something done to every list of a record set with its counting rules
/// ([`Records::visit_tallied`]).
pub(crate) trait TallyVisitor {
    /// Visits the list of one kind.
    fn visit<R: Tallied>(&mut self, records: &[R]);
}

/// Counts records one at a time: the state of [`Counts::count`] and of
/// [`CountsBuilder`].
#[derive(Debug, Clone)]
pub(crate) struct Counter {
    period: Period,
    c: Counts,
    b: Buffers,
}

impl Counter {
    pub(crate) fn new(period: Period) -> Self {
        Self {
            period,
            c: Counts::default(),
            b: Buffers::default(),
        }
    }

    /// Counts one record: a dated record only in the period (else it is
    /// counted as outside), a standing fact always. On error nothing
    /// changes.
    pub(crate) fn one<R: Tallied>(&mut self, r: &R) -> Result<(), RecordsError> {
        if r.date().is_some_and(|d| !self.period.contains(d)) {
            bump(&mut self.c.outside_period);
            return Ok(());
        }
        r.tally(&mut self.c, &mut self.b, self.period)?;
        if self.b.len() >= FLUSH {
            self.b.flush_into(&mut self.c);
        }
        Ok(())
    }

    /// The counts of every record given.
    pub(crate) fn finish(mut self) -> Counts {
        self.b.flush_into(&mut self.c);
        self.c
    }

    /// Counts a list of one kind, stopping at the first error.
    pub(crate) fn list<R: Tallied>(&mut self, records: &[R]) -> Result<(), RecordsError> {
        records.iter().try_for_each(|r| self.one(r))
    }
}

/// Counts a record set, list by list; stops at the first error.
struct Visit {
    counter: Counter,
    result: Result<(), RecordsError>,
}

impl TallyVisitor for Visit {
    fn visit<R: Tallied>(&mut self, records: &[R]) {
        if self.result.is_ok() {
            self.result = self.counter.list(records);
        }
    }
}

impl Tallied for TrainingSession {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        let (n, h) = match self.mode {
            TrainingMode::Offline => (&mut c.offline_sessions, &mut b.offline_attendees),
            TrainingMode::Online => (&mut c.online_sessions, &mut b.online_attendees),
        };
        bump(n);
        h.extend(self.attendees.iter().copied());
        Ok(())
    }
}

impl Tallied for SharingSession {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.sharing_sessions);
        b.sharing_participants
            .extend(self.participants.iter().copied());
        Ok(())
    }
}

impl Tallied for DutyReport {
    fn tally(&self, _: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        match self.body {
            ReportBody::StandingCommittee => b.reports_to_committee.push(self.deputy),
            ReportBody::ElectoralUnit(_) => b.reports_to_electoral_units.push(self.deputy),
        }
        Ok(())
    }
}

impl Tallied for LiaisonPair {
    fn tally(&self, _: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        b.liaison_members.push(self.member);
        b.liaison_deputies.push(self.deputy);
        Ok(())
    }
}

impl Tallied for MemberContact {
    fn tally(&self, _: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        b.member_contacts.push(self.deputy);
        Ok(())
    }
}

impl Tallied for MeetingInvitation {
    fn tally(&self, _: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        b.invitations.push(self.deputy);
        Ok(())
    }
}

impl Tallied for CommitteeActivity {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.committee_activities);
        b.committee_activity_deputies
            .extend(self.deputies.iter().copied());
        Ok(())
    }
}

impl Tallied for PublicContact {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.public_contacts);
        add(&mut c.public_person_times, u64::from(self.people));
        Ok(())
    }
}

impl Tallied for PublicOpinion {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        let e = c.opinions.entry(self.topic).or_default();
        bump(&mut e.collected);
        if self.resolved {
            bump(&mut e.resolved);
        }
        Ok(())
    }
}

impl Tallied for OrganContact {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        if self.activity == OrganActivity::Symposium {
            bump(&mut c.symposia);
            b.symposium_deputies.extend(self.deputies.iter().copied());
            add(&mut c.symposium_opinions, u64::from(self.opinions));
        } else {
            bump(&mut c.organ_activities);
            b.organ_activity_deputies
                .extend(self.deputies.iter().copied());
        }
        Ok(())
    }
}

impl Tallied for GridAssignment {
    fn tally(&self, _: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        b.gridded.push(self.deputy);
        b.grids.push(self.grid);
        Ok(())
    }
}

impl Tallied for MediationCase {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(c.mediation.entry(self.outcome).or_default());
        b.mediators.extend(self.mediators.iter().copied());
        Ok(())
    }
}

impl Tallied for PetitionCase {
    /// A petition counts as closed when it was closed on or before the
    /// period's last day.
    fn tally(&self, c: &mut Counts, b: &mut Buffers, period: Period) -> Result<(), RecordsError> {
        bump(&mut c.petitions);
        if self.closed.is_some_and(|d| d <= period.end()) {
            bump(&mut c.petitions_closed);
        }
        b.petition_deputies.push(self.deputy);
        Ok(())
    }
}

impl Tallied for GroupActivity {
    fn tally(&self, c: &mut Counts, b: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        let (g, organisers) = match self.organiser {
            GroupOrganiser::LiaisonStation(_) => {
                (&mut c.liaison_stations, &mut b.station_organisers)
            }
            GroupOrganiser::ProfessionalGroup(_) => {
                (&mut c.professional_groups, &mut b.group_organisers)
            }
            GroupOrganiser::ElectoralUnitGroup(_) => {
                (&mut c.electoral_unit_groups, &mut b.electoral_organisers)
            }
        };
        organisers.push(self.organiser.unit());
        let a = g.by_kind.entry(self.kind).or_default();
        bump(&mut a.activities);
        add(&mut a.deputy_times, len(&self.deputies));
        add(&mut a.public_attendance, u64::from(self.public_attendance));
        add(&mut a.opinions, u64::from(self.opinions));
        Ok(())
    }
}

impl Tallied for Station {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.stations);
        if self.upgraded {
            bump(&mut c.stations_upgraded);
        }
        Ok(())
    }
}

impl Tallied for District {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.districts);
        if self.platform {
            bump(&mut c.districts_with_platform);
        }
        Ok(())
    }
}

impl Tallied for Street {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(&mut c.streets);
        if self.council {
            bump(&mut c.streets_with_council);
        }
        Ok(())
    }
}

impl Tallied for LivelihoodProject {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        // The sum first, so that an overflow changes nothing.
        let before = c.livelihood.get(&self.level).map(|e| e.yuan);
        let yuan = before
            .unwrap_or_default()
            .checked_add(self.investment)
            .ok_or(RecordsError::Overflow)?;
        let e = c.livelihood.entry(self.level).or_default();
        bump(&mut e.projects);
        e.yuan = yuan;
        Ok(())
    }
}

impl Tallied for MicroProject {
    fn tally(&self, c: &mut Counts, _: &mut Buffers, _: Period) -> Result<(), RecordsError> {
        bump(c.micro_projects.entry(self.stage).or_default());
        for rating in &self.ratings {
            c.micro_ratings.add(rating.verdict);
        }
        Ok(())
    }
}

impl Counts {
    /// Counts `records` for `period`: dated records only when their date is
    /// in the period, standing facts always. A petition counts as closed
    /// when it was closed on or before the period's last day.
    ///
    /// Cost: O(N log P), N the persons named in the records and P the
    /// distinct persons (each buffer of at most 65,536 is sorted and counted
    /// into the headcounts), plus O(1) for each record; memory: the counts
    /// (one entry per distinct person, a counter per kind, topic, outcome,
    /// level and stage) and the buffers, never the records.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, RecordId};
    /// use deputy_work::records::{Counts, OpinionTopic, PublicOpinion, Records};
    /// let mut r = Records::default();
    /// for (n, resolved) in [(1, true), (2, false), (3, true)] {
    ///     r.opinions.push(PublicOpinion {
    ///         id: RecordId::new(n),
    ///         date: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
    ///         deputy: DeputyId::new(1),
    ///         topic: OpinionTopic::Transport,
    ///         resolved,
    ///     });
    /// }
    /// let c = Counts::count(&r, Period::year(2025)?)?;
    /// assert_eq!((c.opinions_total().collected, c.opinions_total().resolved), (3, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::Overflow`] when the investment does not fit a `Decimal`.
    pub fn count(records: &Records, period: Period) -> Result<Self, RecordsError> {
        // Persons are collected in buffers and counted in one sorted pass
        // per buffer: the same counts as adding them one by one, far fewer
        // map updates.
        let mut visit = Visit {
            counter: Counter::new(period),
            result: Ok(()),
        };
        records.visit_tallied(&mut visit);
        visit.result?;
        Ok(visit.counter.finish())
    }

    /// Adds the counts of another record set (for the same period).
    ///
    /// Cost: linear in both counts' entries (each headcount merged in one
    /// sorted walk); memory: `other`'s persons added.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::records::{Counts, Records};
    /// let mut a = Counts::count(&Records::default(), Period::year(2025)?)?;
    /// a.merge(Counts::default())?;
    /// assert_eq!(a, Counts::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::Overflow`] when the investment sums do not fit a
    /// `Decimal`; `self` is then left unchanged.
    pub fn merge(&mut self, other: Self) -> Result<(), RecordsError> {
        // The only fallible part first, so a failure changes nothing.
        let mut livelihood = self.livelihood.clone();
        for (level, i) in &other.livelihood {
            let e = livelihood.entry(*level).or_default();
            // Counters saturate (documented); money is checked.
            e.projects = e.projects.saturating_add(i.projects);
            e.yuan = e.yuan.checked_add(i.yuan).ok_or(RecordsError::Overflow)?;
        }
        self.livelihood = livelihood;
        add(&mut self.outside_period, other.outside_period);
        add(&mut self.offline_sessions, other.offline_sessions);
        self.offline_attendees.merge(other.offline_attendees);
        add(&mut self.online_sessions, other.online_sessions);
        self.online_attendees.merge(other.online_attendees);
        add(&mut self.sharing_sessions, other.sharing_sessions);
        self.sharing_participants.merge(other.sharing_participants);
        self.reports_to_committee.merge(other.reports_to_committee);
        self.reports_to_electoral_units
            .merge(other.reports_to_electoral_units);
        self.liaison_members.merge(other.liaison_members);
        self.liaison_deputies.merge(other.liaison_deputies);
        self.member_contacts.merge(other.member_contacts);
        self.invitations.merge(other.invitations);
        add(&mut self.committee_activities, other.committee_activities);
        self.committee_activity_deputies
            .merge(other.committee_activity_deputies);
        add(&mut self.public_contacts, other.public_contacts);
        add(&mut self.public_person_times, other.public_person_times);
        for (k, r) in other.opinions {
            self.opinions.entry(k).or_default().merge(r);
        }
        add(&mut self.organ_activities, other.organ_activities);
        self.organ_activity_deputies
            .merge(other.organ_activity_deputies);
        add(&mut self.symposia, other.symposia);
        self.symposium_deputies.merge(other.symposium_deputies);
        add(&mut self.symposium_opinions, other.symposium_opinions);
        self.gridded.merge(other.gridded);
        self.grids.merge(other.grids);
        for (k, n) in other.mediation {
            add(self.mediation.entry(k).or_default(), n);
        }
        self.mediators.merge(other.mediators);
        add(&mut self.petitions, other.petitions);
        add(&mut self.petitions_closed, other.petitions_closed);
        self.petition_deputies.merge(other.petition_deputies);
        self.liaison_stations.merge(other.liaison_stations);
        self.professional_groups.merge(other.professional_groups);
        self.electoral_unit_groups
            .merge(other.electoral_unit_groups);
        add(&mut self.districts, other.districts);
        add(
            &mut self.districts_with_platform,
            other.districts_with_platform,
        );
        add(&mut self.stations, other.stations);
        add(&mut self.stations_upgraded, other.stations_upgraded);
        add(&mut self.streets, other.streets);
        add(&mut self.streets_with_council, other.streets_with_council);
        for (k, n) in other.micro_projects {
            add(self.micro_projects.entry(k).or_default(), n);
        }
        self.micro_ratings.merge(other.micro_ratings);
        Ok(())
    }

    /// All opinions from the public, every topic together.
    ///
    /// ```
    /// use deputy_work::records::{Counts, OpinionTopic, Resolution};
    /// let mut c = Counts::default();
    /// c.opinions.insert(OpinionTopic::Transport, Resolution { collected: 4, resolved: 3 });
    /// c.opinions.insert(OpinionTopic::Other, Resolution { collected: 2, resolved: 2 });
    /// assert_eq!(c.opinions_total(), Resolution { collected: 6, resolved: 5 });
    /// ```
    #[must_use]
    pub fn opinions_total(&self) -> Resolution {
        let mut t = Resolution::default();
        for r in self.opinions.values() {
            t.merge(*r);
        }
        t
    }

    /// Mediation cases taken on, whatever the outcome (saturating at
    /// `u64::MAX`, like every counter here).
    ///
    /// ```
    /// use deputy_work::records::{Counts, MediationOutcome};
    /// let mut c = Counts::default();
    /// c.mediation.insert(MediationOutcome::Successful, 712);
    /// c.mediation.insert(MediationOutcome::Unsuccessful, 201);
    /// assert_eq!(c.mediation_cases(), 913);
    /// assert_eq!(c.mediation_with(MediationOutcome::Pending), 0);
    /// ```
    #[must_use]
    pub fn mediation_cases(&self) -> u64 {
        self.mediation.values().fold(0, |a, n| a.saturating_add(*n))
    }

    /// Mediation cases with one outcome (zero when there was none).
    ///
    /// ```
    /// use deputy_work::records::{Counts, MediationOutcome};
    /// let mut c = Counts::default();
    /// c.mediation.insert(MediationOutcome::Successful, 712);
    /// assert_eq!(c.mediation_with(MediationOutcome::Successful), 712);
    /// assert_eq!(c.mediation_with(MediationOutcome::Pending), 0);
    /// ```
    #[must_use]
    pub fn mediation_with(&self, outcome: MediationOutcome) -> u64 {
        self.mediation.get(&outcome).copied().unwrap_or(0)
    }

    /// Livelihood projects and investment, every level together.
    ///
    /// ```
    /// use deputy_work::common::Level;
    /// use deputy_work::records::{Counts, Investment};
    /// use rust_decimal::Decimal;
    /// let mut c = Counts::default();
    /// c.livelihood.insert(Level::County, Investment { projects: 1, yuan: Decimal::from(10) });
    /// c.livelihood.insert(Level::Township, Investment { projects: 2, yuan: Decimal::from(5) });
    /// assert_eq!(c.livelihood_total()?, Investment { projects: 3, yuan: Decimal::from(15) });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::Overflow`] when the sum does not fit a `Decimal`.
    pub fn livelihood_total(&self) -> Result<Investment, RecordsError> {
        let mut t = Investment::default();
        for i in self.livelihood.values() {
            // Counters saturate (documented); money is checked.
            t.projects = t.projects.saturating_add(i.projects);
            t.yuan = t.yuan.checked_add(i.yuan).ok_or(RecordsError::Overflow)?;
        }
        Ok(t)
    }

    /// Micro projects in one stage (zero when there was none).
    ///
    /// ```
    /// use deputy_work::records::{Counts, MicroStage};
    /// let mut c = Counts::default();
    /// c.micro_projects.insert(MicroStage::Completed, 20);
    /// assert_eq!(c.micro_in(MicroStage::Completed), 20);
    /// ```
    #[must_use]
    pub fn micro_in(&self, stage: MicroStage) -> u64 {
        self.micro_projects.get(&stage).copied().unwrap_or(0)
    }
}

/// Counts records streamed one at a time, as [`Counts::count`] counts a
/// whole [`Records`]: for a platform that reads its records row by row
/// (from a database query, a file) and never holds them all.
///
/// **Memory** is in proportion to the persons and units counted (one map
/// entry per distinct person in each [`Headcount`], one counter per kind,
/// topic, outcome, level and stage), plus a buffer of at most 65,536
/// persons waiting to be counted; never to the records.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, Period, RecordId};
/// use deputy_work::records::{AnyRecord, Counts, CountsBuilder, MeetingInvitation, Records};
/// let day = |m| NaiveDate::from_ymd_opt(2025, m, 1).ok_or("day");
/// let rows = [(1, 3), (2, 6), (3, 9)]; // as a query would return them
/// let mut builder = CountsBuilder::new(Period::year(2025)?);
/// let mut records = Records::default();
/// for (n, m) in rows {
///     let row = AnyRecord::from(MeetingInvitation { id: RecordId::new(n), date: day(m)?, deputy: DeputyId::new(7) });
///     builder.add(&row)?;
///     records.push(row);
/// }
/// let streamed = builder.finish();
/// assert_eq!(streamed.invitations.person_times(), 3);
/// assert_eq!(streamed, Counts::count(&records, Period::year(2025)?)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CountsBuilder {
    counter: Counter,
}

impl CountsBuilder {
    /// An empty count for `period`.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::records::{Counts, CountsBuilder};
    /// let c = CountsBuilder::new(Period::year(2025)?).finish();
    /// assert_eq!(c, Counts::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(period: Period) -> Self {
        Self {
            counter: Counter::new(period),
        }
    }

    /// Counts one record with the rules of [`Counts::count`]: a dated
    /// record only when its date is in the period (else it is counted in
    /// [`Counts::outside_period`]), a standing fact always.
    ///
    /// Cost: O(k) in the persons the record names (buffered), plus a sort and
    /// merge of a full buffer every 65,536 persons (O(log P) a person,
    /// amortized); memory: the counts and the buffers (65,536 persons, or
    /// as many as one record names when it names more).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{Level, Period, ProjectId};
    /// use deputy_work::records::{AnyRecord, CountsBuilder, LivelihoodProject, RecordsError};
    /// use rust_decimal::Decimal;
    /// let project = |n, yuan| AnyRecord::from(LivelihoodProject {
    ///     id: ProjectId::new(n),
    ///     date: NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
    ///     level: Level::County,
    ///     investment: yuan,
    /// });
    /// let mut b = CountsBuilder::new(Period::year(2025)?);
    /// b.add(&project(1, Decimal::MAX))?;
    /// // The sum does not fit a Decimal: refused, and nothing changes.
    /// assert_eq!(b.add(&project(2, Decimal::MAX)), Err(RecordsError::Overflow));
    /// assert_eq!(b.finish().livelihood_total()?.projects, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`RecordsError::Overflow`] when the investment does not fit a
    /// `Decimal`; the count is then left as it was.
    pub fn add(&mut self, record: &AnyRecord) -> Result<(), RecordsError> {
        record.tally_into(&mut self.counter)
    }

    /// Counts every record of `records`, in order, stopping at the first
    /// that is refused (those before it stay counted).
    ///
    /// Cost: [`CountsBuilder::add`] per record.
    ///
    /// ```
    /// use deputy_work::common::{Period, UnitId};
    /// use deputy_work::records::{AnyRecord, CountsBuilder, Street};
    /// let rows = (1..=3).map(|n| AnyRecord::from(Street { id: UnitId::new(n), council: n != 2 }));
    /// let mut b = CountsBuilder::new(Period::year(2025)?);
    /// b.add_all(rows)?;
    /// let c = b.finish();
    /// assert_eq!((c.streets, c.streets_with_council), (3, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`CountsBuilder::add`].
    pub fn add_all<I>(&mut self, records: I) -> Result<(), RecordsError>
    where
        I: IntoIterator,
        I::Item: core::borrow::Borrow<AnyRecord>,
    {
        records
            .into_iter()
            .try_for_each(|r| self.add(core::borrow::Borrow::borrow(&r)))
    }

    /// The counts of every record given.
    ///
    /// Cost: the buffers left sorted and counted, O(B log B) for B persons
    /// buffered.
    ///
    /// ```
    /// use deputy_work::common::{DeputyId, Period, UnitId};
    /// use deputy_work::records::{AnyRecord, CountsBuilder, GridAssignment};
    /// let mut b = CountsBuilder::new(Period::year(2025)?);
    /// b.add(&AnyRecord::from(GridAssignment { deputy: DeputyId::new(1), grid: UnitId::new(9) }))?;
    /// assert_eq!(b.finish().grids.distinct_persons(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn finish(self) -> Counts {
        self.counter.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::RecordId;
    use crate::records::StateOrgan;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ids(v: &[u32]) -> Vec<DeputyId> {
        v.iter().map(|&n| DeputyId::new(n)).collect()
    }

    #[test]
    fn persons_and_person_times_differ() {
        let mut r = Records::default();
        for (n, who) in [(1, vec![1, 2]), (2, vec![1, 3]), (3, vec![1])] {
            r.training.push(TrainingSession {
                id: RecordId::new(n),
                date: day(2025, 3, 1),
                mode: TrainingMode::Online,
                attendees: ids(&who),
            });
        }
        r.training.push(TrainingSession {
            id: RecordId::new(4),
            date: day(2025, 3, 1),
            mode: TrainingMode::Offline,
            attendees: ids(&[9]),
        });
        let c = Counts::count(&r, Period::year(2025).unwrap()).unwrap();
        assert_eq!(c.online_sessions, 3);
        assert_eq!(c.online_attendees.person_times(), 5);
        assert_eq!(c.online_attendees.distinct_persons(), 3);
        assert_eq!(c.offline_sessions, 1);
        assert_eq!(c.offline_attendees.times_of(&DeputyId::new(1)), 0);
    }

    #[test]
    fn symposia_are_counted_apart() {
        let mut r = Records::default();
        for (n, activity, opinions) in [
            (1, OrganActivity::Meeting, 5),
            (2, OrganActivity::Symposium, 40),
            (3, OrganActivity::CourtHearing, 0),
        ] {
            r.organ_contacts.push(OrganContact {
                id: RecordId::new(n),
                date: day(2025, 6, 1),
                organ: StateOrgan::Government,
                activity,
                deputies: ids(&[1, 2, 3]),
                opinions,
            });
        }
        let c = Counts::count(&r, Period::year(2025).unwrap()).unwrap();
        assert_eq!(c.organ_activities, 2);
        assert_eq!(c.organ_activity_deputies.person_times(), 6);
        assert_eq!(c.symposia, 1);
        assert_eq!(
            c.symposium_opinions, 40,
            "opinions at meetings are not symposium opinions"
        );
    }

    #[test]
    fn petition_closed_after_the_period_is_open() {
        let mut r = Records::default();
        for (n, closed) in [
            (1, Some(day(2025, 12, 31))),
            (2, Some(day(2026, 1, 1))),
            (3, None),
        ] {
            r.petitions.push(PetitionCase {
                id: RecordId::new(n),
                date: day(2025, 12, 1),
                deputy: DeputyId::new(1),
                closed,
            });
        }
        let c = Counts::count(&r, Period::year(2025).unwrap()).unwrap();
        assert_eq!((c.petitions, c.petitions_closed), (3, 1));
    }

    #[test]
    fn group_activities_split_by_organiser_and_kind() {
        let mut r = Records::default();
        let act = |n, organiser, kind, d: &[u32]| GroupActivity {
            id: RecordId::new(n),
            date: day(2025, 5, 5),
            organiser,
            kind,
            deputies: ids(d),
            public_attendance: 10,
            opinions: 2,
        };
        r.group_activities.push(act(
            1,
            GroupOrganiser::ProfessionalGroup(UnitId::new(1)),
            GroupActivityKind::Research,
            &[1, 2],
        ));
        r.group_activities.push(act(
            2,
            GroupOrganiser::ProfessionalGroup(UnitId::new(1)),
            GroupActivityKind::Study,
            &[1],
        ));
        r.group_activities.push(act(
            3,
            GroupOrganiser::LiaisonStation(UnitId::new(7)),
            GroupActivityKind::Reception,
            &[],
        ));
        let c = Counts::count(&r, Period::year(2025).unwrap()).unwrap();
        let research = c.professional_groups.kind(GroupActivityKind::Research);
        assert_eq!((research.activities, research.deputy_times), (1, 2));
        assert_eq!(c.professional_groups.total().deputy_times, 3);
        assert_eq!(c.professional_groups.organisers.distinct_persons(), 1);
        assert_eq!(c.liaison_stations.total().public_attendance, 10);
        assert_eq!(c.electoral_unit_groups, GroupCounts::default());
    }

    #[test]
    fn records_outside_the_period_are_reported_not_counted() {
        let mut r = Records::default();
        for (n, y) in [(1, 2024), (2, 2025), (3, 2026)] {
            r.livelihood.push(LivelihoodProject {
                id: crate::common::ProjectId::new(n),
                date: day(y, 1, 1),
                level: Level::Township,
                investment: Decimal::from(100),
            });
        }
        let c = Counts::count(&r, Period::year(2025).unwrap()).unwrap();
        assert_eq!(c.outside_period, 2);
        assert_eq!(
            c.livelihood_total().unwrap(),
            Investment {
                projects: 1,
                yuan: Decimal::from(100)
            }
        );
    }
}

#[cfg(all(test, feature = "serde"))]
mod stored {
    use super::*;
    use crate::common::RecordId;
    use chrono::NaiveDate;
    use serde_json::Value;

    fn counts() -> Counts {
        let day = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let mut r = Records::default();
        r.petitions.push(PetitionCase {
            id: RecordId::new(1),
            date: day,
            deputy: DeputyId::new(1),
            closed: Some(day),
        });
        r.grids.push(GridAssignment {
            deputy: DeputyId::new(2),
            grid: UnitId::new(7),
        });
        Counts::count(&r, Period::year(2025).unwrap()).unwrap()
    }

    fn refused(edit: impl Fn(&mut Value), field: &str) {
        let mut v = serde_json::to_value(counts()).unwrap();
        edit(&mut v);
        let err = serde_json::from_value::<Counts>(v).unwrap_err().to_string();
        assert!(err.contains(&format!("stored counts, {field}")), "{err}");
    }

    #[test]
    fn stored_counts_keep_parts_within_wholes_and_pairs_equal() {
        let c = counts();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(serde_json::from_value::<Counts>(v).unwrap(), c);
        refused(|v| v["petitions"] = Value::from(0), "petitions_closed");
        refused(
            |v| {
                v["petitions"] = Value::from(2);
                v["petitions_closed"] = Value::from(2);
            },
            "petition_deputies.person_times",
        );
        refused(
            |v| {
                v["grids"]["times"]["7"] = Value::from(2);
                v["grids"]["person_times"] = Value::from(2);
            },
            "gridded.person_times",
        );
        refused(
            |v| v["mediation"]["successful"] = Value::from(0),
            "mediation",
        );
    }
}

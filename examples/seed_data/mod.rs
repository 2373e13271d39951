//! A made-up record set for Ordos city, consistent with every figure of the
//! seed report (鄂尔多斯市人大常委会2025年代表工作综述), and a made-up 2024
//! set to compare it with.
//!
//! Shared by `examples/annual_report.rs`, `tests/report_seed.rs`,
//! `tests/report_bridge.rs` and `benches/report.rs` through `#[path =
//! "../examples/seed_data/mod.rs"] mod seed_data;` so that the data the
//! example prints is the data the tests check. Each of them uses every item
//! here (so no dead code is allowed), but one variant noted where it is.
//! Everything is generated in code, deterministically: no file, no
//! randomness. The individual records are invented; only the totals are
//! the seed's.

use chrono::{Days, NaiveDate};
use deputy_work::common::{Deputy, DeputyId, Level, PersonId, ProjectId, RecordId, UnitId};
use deputy_work::records::{
    CommitteeActivity, CommitteeActivityKind, ContactChannel, District, DutyReport, GridAssignment,
    GroupActivity, GroupActivityKind, GroupOrganiser, LiaisonPair, LivelihoodProject,
    MediationCase, MediationOutcome, MeetingInvitation, MemberContact, MicroProject, MicroRating,
    MicroStage, OpinionTopic, OrganActivity, OrganContact, PetitionCase, PublicChannel,
    PublicContact, PublicOpinion, Records, ReportBody, SharingSession, StateOrgan, Station,
    StationKind, Street, TrainingMode, TrainingSession,
};
use deputy_work::report::ReportInput;
use deputy_work::stats::{Satisfaction, Verdict};
use deputy_work::suggestion::samples::{self, SampleYear};
use deputy_work::suggestion::{EvaluationEvent, Policy, Register};
use deputy_work::vote::{
    Ballot, BallotsIssued, BoxNumber, CandidateList, Choice, Electorate, Mark, Outcome,
    Policy as VotePolicy, Project, Session, Tally,
};
use rust_decimal::Decimal;

/// The figures a generated year reproduces.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    pub(crate) year: i32,
    pub(crate) offline_city_deputies: u32,
    pub(crate) online_person_times: u32,
    pub(crate) sharing_deputies: u32,
    pub(crate) regional_reporting: u32,
    pub(crate) city_reporting: u32,
    pub(crate) liaison_members: u32,
    pub(crate) liaison_deputies: u32,
    pub(crate) member_contacts: u32,
    pub(crate) invitations: u32,
    pub(crate) committee_deputies: u32,
    pub(crate) public_person_times: u32,
    pub(crate) opinions: u32,
    pub(crate) opinions_resolved: u32,
    pub(crate) organ_person_times: u32,
    pub(crate) symposium_opinions: [u32; 2],
    pub(crate) suggestions: [u32; 3],
    pub(crate) key: u32,
    pub(crate) look_back_resolved: u32,
    pub(crate) mediators: u32,
    pub(crate) mediation_cases: u32,
    pub(crate) mediation_successful: u32,
    pub(crate) districts_with_platform: u32,
    pub(crate) stations_upgraded: u32,
    pub(crate) streets_with_council: u32,
    pub(crate) station_public: u32,
    pub(crate) station_opinions: u32,
    pub(crate) research_deputy_times: u32,
    pub(crate) group_activities: u32,
    pub(crate) group_deputy_times: u32,
    pub(crate) livelihood_projects: u32,
    /// Total investment in yuan.
    pub(crate) livelihood_yuan: i64,
}

/// The seed's figures for 2025.
pub(crate) const ORDOS_2025: Params = Params {
    year: 2025,
    offline_city_deputies: 112,
    online_person_times: 1_300,
    sharing_deputies: 168,
    regional_reporting: 13,
    city_reporting: 72,
    liaison_members: 48,
    liaison_deputies: 165,
    member_contacts: 126,
    invitations: 50,
    committee_deputies: 93,
    public_person_times: 15_226,
    opinions: 5_732,
    opinions_resolved: 4_965,
    organ_person_times: 164,
    symposium_opinions: [52, 46],
    suggestions: [131, 49, 1],
    key: 8,
    look_back_resolved: 113,
    mediators: 466,
    mediation_cases: 913,
    mediation_successful: 712,
    districts_with_platform: 7,
    stations_upgraded: 232,
    streets_with_council: 26,
    station_public: 165,
    station_opinions: 32,
    research_deputy_times: 56,
    group_activities: 15,
    group_deputy_times: 141,
    livelihood_projects: 558,
    livelihood_yuan: 3_012_000_000,
};

/// Made-up figures for 2024, for the year-over-year comparison.
pub(crate) const ORDOS_2024: Params = Params {
    year: 2024,
    offline_city_deputies: 98,
    online_person_times: 960,
    sharing_deputies: 120,
    regional_reporting: 11,
    city_reporting: 64,
    liaison_members: 46,
    liaison_deputies: 160,
    member_contacts: 104,
    invitations: 44,
    committee_deputies: 81,
    public_person_times: 13_480,
    opinions: 5_105,
    opinions_resolved: 4_290,
    organ_person_times: 138,
    symposium_opinions: [40, 35],
    suggestions: [118, 50, 2],
    key: 6,
    look_back_resolved: 87,
    mediators: 402,
    mediation_cases: 815,
    mediation_successful: 611,
    districts_with_platform: 5,
    stations_upgraded: 180,
    streets_with_council: 20,
    station_public: 118,
    station_opinions: 21,
    research_deputy_times: 41,
    group_activities: 12,
    group_deputy_times: 108,
    livelihood_projects: 521,
    livelihood_yuan: 2_756_300_000,
};

/// Deputies on the roster: 40 regional (自治区), 400 city, 1,300 county
/// (旗区), the rest township; 4,966 in all.
pub(crate) const DEPUTIES: u32 = 4_966;
/// Earlier years' B-class items looked back at and still open.
const LOOK_BACK_OPEN: u32 = 17;
/// The first city deputy's number (regional deputies come before).
const CITY_FIRST: u32 = 41;
/// The first county deputy's number.
const COUNTY_FIRST: u32 = 441;
/// The first township deputy's number.
const TOWNSHIP_FIRST: u32 = 1_741;
/// The nine districts (旗区), also the electoral units of city deputies.
const DISTRICTS: u32 = 9;
/// The first district's unit id; the others follow.
const DISTRICT_ID_BASE: u32 = 11;
/// Deputies' homes and liaison stations (代表家站), and the first one's id.
const STATIONS: u32 = 260;
const STATION_ID_BASE: u32 = 2_000;
/// Streets, and the first one's id.
const STREETS: u32 = 30;
const STREET_ID_BASE: u32 = 3_000;
/// Grids (网格) the deputies are placed in, and the first one's id.
const GRIDS: u32 = 500;
const GRID_ID_BASE: u32 = 1_000;

/// Online study sessions (线上专题学习) and the gap between the first
/// attendees of consecutive sessions.
const ONLINE_SESSIONS: u32 = 6;
const ONLINE_STRIDE: u32 = 37;
/// Regional and township deputies beside the city deputies in the two
/// offline classes, not counted as city deputies.
const OFFLINE_REGIONAL_GUESTS: u32 = 5;
const OFFLINE_TOWNSHIP_GUESTS: u32 = 20;
/// Experience-sharing sessions, and how far each overlaps the next beyond
/// an even quarter of the participants.
const SHARING_SESSIONS: u32 = 4;
const SHARING_OVERLAP: u32 = 9;
/// The first deputy kept in touch with by a standing-committee member.
const LIAISON_FIRST: u32 = 200;
/// Standing-committee meetings deputies are invited to.
const INVITATION_MEETINGS: u32 = 6;
/// Research trips, inspections and inquiries; deputies on each; and the
/// gap between the first deputies of consecutive ones.
const COMMITTEE_ACTIVITIES: u32 = 12;
const COMMITTEE_ACTIVITY_SIZE: u32 = 10;
const COMMITTEE_ACTIVITY_STRIDE: u32 = 8;
/// Members of the public at one contact (a few contacts have one more).
const PEOPLE_PER_CONTACT: u32 = 5;
/// Opinions are spread over the deputies with this stride.
const OPINION_STRIDE: u32 = 7;
/// Meetings, hearings and enforcement deputies attend with state organs,
/// and the gap between the first deputies of consecutive ones.
const ORGAN_MEETINGS: u32 = 20;
const ORGAN_STRIDE: u32 = 11;
/// Deputies at each symposium (座谈会).
const SYMPOSIUM_SIZE: u32 = 30;
/// Of the cases not successfully mediated, the tenths that failed (the
/// rest are pending).
const MEDIATION_FAILED_TENTHS: u32 = 9;
/// Every fifth mediation case has a second mediator.
const SECOND_MEDIATOR_EVERY: u32 = 5;
/// Petitions followed (not in the seed's table); every eighth stays open;
/// the others close this many days after they were opened.
const PETITIONS: u32 = 60;
const PETITION_OPEN_EVERY: u32 = 8;
const PETITION_DAYS: u64 = 20;
/// Liaison stations' activities, and the first station's id (two stations).
const STATION_ACTIVITIES: u32 = 9;
const LIAISON_STATION_ID_BASE: u32 = 501;
/// Professional groups' research trips, their groups' first id (four
/// groups) and the gap between the first deputies of consecutive trips.
const RESEARCH_TRIPS: u32 = 6;
const PROFESSIONAL_GROUP_ID_BASE: u32 = 601;
const PROFESSIONAL_GROUPS: u32 = 4;
const RESEARCH_STRIDE: u32 = 12;
/// The gap between the first deputies of consecutive electoral-unit group
/// activities.
const ELECTORAL_GROUP_STRIDE: u32 = 15;
/// A plain livelihood project's investment: a base and steps of this size,
/// cycling through this many sizes (yuan).
const PROJECT_BASE_YUAN: i64 = 2_000_000;
const PROJECT_STEP_YUAN: i64 = 500_000;
const PROJECT_SIZES: u32 = 13;
/// Of every nine plain livelihood projects, this many are county-level (the
/// rest township).
const COUNTY_PROJECTS_PER_NINE: u32 = 2;
/// Micro projects in two districts' rolling pools (民生微实事), the two
/// districts, and the deputies rating each completed one.
const MICRO_PROJECTS: u32 = 40;
const MICRO_DISTRICTS: [u32; 2] = [11, 17];
const RATERS_PER_PROJECT: u32 = 3;
/// Units whose handling reports the standing committee hears and rates,
/// and the members present at each vote.
const EVALUATED_UNITS: usize = 4;
const MEMBERS_PRESENT: u32 = 40;

fn d(n: u32) -> DeputyId {
    DeputyId::new(n)
}

fn day(year: i32, i: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, i % 12 + 1, i % 28 + 1).expect("valid day")
}

fn level(id: u32) -> Level {
    if id < CITY_FIRST {
        Level::Provincial
    } else if id < COUNTY_FIRST {
        Level::City
    } else if id < TOWNSHIP_FIRST {
        Level::County
    } else {
        Level::Township
    }
}

fn district_of(id: u32) -> UnitId {
    UnitId::new(DISTRICT_ID_BASE + id % DISTRICTS)
}

/// Splits `total` into `parts` sizes that differ by at most one.
fn split(total: u32, parts: u32) -> impl Iterator<Item = u32> {
    (0..parts).map(move |k| total / parts + u32::from(k < total % parts))
}

pub(crate) fn ordos_2025() -> ReportInput {
    generate(&ORDOS_2025)
}

pub(crate) fn ordos_2024() -> ReportInput {
    generate(&ORDOS_2024)
}

pub(crate) fn generate(p: &Params) -> ReportInput {
    let y = p.year;
    let mut r = Records::default();
    let mut id = 0_u64;
    let mut next = || {
        id += 1;
        RecordId::new(id)
    };

    // Training: two offline classes of city deputies, with some regional and
    // township deputies beside them who are not counted as city deputies.
    let first = p.offline_city_deputies / 2;
    let classes = [
        (CITY_FIRST..CITY_FIRST + first)
            .chain(1..=OFFLINE_REGIONAL_GUESTS)
            .collect::<Vec<_>>(),
        (CITY_FIRST + first..CITY_FIRST + p.offline_city_deputies)
            .chain(TOWNSHIP_FIRST..TOWNSHIP_FIRST + OFFLINE_TOWNSHIP_GUESTS)
            .collect(),
    ];
    for (k, ids) in classes.into_iter().enumerate() {
        r.training.push(TrainingSession {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 4 + 5 * k as u32, 15).expect("day"),
            mode: TrainingMode::Offline,
            attendees: ids.into_iter().map(d).collect(),
        });
    }
    for (k, size) in split(p.online_person_times, ONLINE_SESSIONS).enumerate() {
        let start = CITY_FIRST + ONLINE_STRIDE * k as u32;
        r.training.push(TrainingSession {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 2 * k as u32 + 1, 20).expect("day"),
            mode: TrainingMode::Online,
            attendees: (start..start + size).map(d).collect(),
        });
    }
    // Sharing sessions overlapping so that distinct deputies are the
    // figure: session k covers [k·s, k·s + len) with 3s + len = total.
    let last = SHARING_SESSIONS - 1;
    let len = p.sharing_deputies / SHARING_SESSIONS + SHARING_OVERLAP;
    let step = (p.sharing_deputies - len) / last;
    let rest = p.sharing_deputies - len - last * step; // absorbed by the last
    for k in 0..SHARING_SESSIONS {
        let start = COUNTY_FIRST + k * step;
        let extra = if k == last { rest } else { 0 };
        r.sharing.push(SharingSession {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 3 * k + 2, 10).expect("day"),
            participants: (start..start + len + extra).map(d).collect(),
        });
    }
    // Duty reports.
    for n in 1..=p.regional_reporting {
        r.duty_reports.push(DutyReport {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 11, 20).expect("day"),
            deputy: d(n),
            body: ReportBody::StandingCommittee,
        });
    }
    for n in CITY_FIRST..CITY_FIRST + p.city_reporting {
        r.duty_reports.push(DutyReport {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 12, 5).expect("day"),
            deputy: d(n),
            body: ReportBody::ElectoralUnit(district_of(n)),
        });
    }
    // Standing-committee members and their deputies.
    for j in 0..p.liaison_deputies {
        r.liaison.push(LiaisonPair {
            member: PersonId::new(j % p.liaison_members + 1),
            deputy: d(LIAISON_FIRST + j),
        });
    }
    let channels = [
        ContactChannel::Visit,
        ContactChannel::Meeting,
        ContactChannel::Research,
        ContactChannel::Online,
    ];
    for i in 0..p.member_contacts {
        r.member_contacts.push(MemberContact {
            id: next(),
            date: day(y, i),
            member: PersonId::new(i % p.liaison_members + 1),
            deputy: d(LIAISON_FIRST + i % p.liaison_deputies),
            channel: channels[i as usize % channels.len()],
        });
    }
    let mut invited = 0;
    for (k, size) in split(p.invitations, INVITATION_MEETINGS).enumerate() {
        for _ in 0..size {
            r.invitations.push(MeetingInvitation {
                id: next(),
                date: NaiveDate::from_ymd_opt(y, 2 * k as u32 + 2, 26).expect("day"),
                deputy: d(CITY_FIRST + invited),
            });
            invited += 1;
        }
    }
    let kinds = [
        CommitteeActivityKind::Research,
        CommitteeActivityKind::LawInspection,
        CommitteeActivityKind::Inquiry,
    ];
    for k in 0..COMMITTEE_ACTIVITIES {
        r.committee_activities.push(CommitteeActivity {
            id: next(),
            date: day(y, k),
            kind: kinds[k as usize % kinds.len()],
            deputies: (0..COMMITTEE_ACTIVITY_SIZE)
                .map(|i| d(CITY_FIRST + (k * COMMITTEE_ACTIVITY_STRIDE + i) % p.committee_deputies))
                .collect(),
        });
    }
    // Deputies and the public: contacts of 5 people, a few of 6.
    let contacts = p.public_person_times / PEOPLE_PER_CONTACT;
    let sixes = p.public_person_times % PEOPLE_PER_CONTACT;
    let pch = [
        PublicChannel::Station,
        PublicChannel::Online,
        PublicChannel::Other,
    ];
    for i in 0..contacts {
        r.public_contacts.push(PublicContact {
            id: next(),
            date: day(y, i),
            deputy: d(i % DEPUTIES + 1),
            channel: pch[i as usize % pch.len()],
            people: PEOPLE_PER_CONTACT + u32::from(i < sixes),
        });
    }
    let topics = OpinionTopic::ALL;
    for i in 0..p.opinions {
        r.opinions.push(PublicOpinion {
            id: next(),
            date: day(y, i),
            deputy: d(i * OPINION_STRIDE % DEPUTIES + 1),
            topic: topics[i as usize % topics.len()],
            resolved: i < p.opinions_resolved,
        });
    }
    // State organs: 20 meetings, hearings and enforcement; 2 symposia.
    let acts = [
        (StateOrgan::Government, OrganActivity::Meeting),
        (StateOrgan::Court, OrganActivity::CourtHearing),
        (StateOrgan::Court, OrganActivity::EnforcementWitness),
        (StateOrgan::Procuratorate, OrganActivity::Meeting),
        (StateOrgan::SupervisoryCommission, OrganActivity::Meeting),
    ];
    for (k, size) in split(p.organ_person_times, ORGAN_MEETINGS).enumerate() {
        let (organ, activity) = acts[k % acts.len()];
        let start = COUNTY_FIRST + ORGAN_STRIDE * k as u32;
        r.organ_contacts.push(OrganContact {
            id: next(),
            date: day(y, k as u32),
            organ,
            activity,
            deputies: (start..start + size).map(d).collect(),
            opinions: 0,
        });
    }
    for (k, opinions) in p.symposium_opinions.into_iter().enumerate() {
        let start = CITY_FIRST + SYMPOSIUM_SIZE * k as u32;
        r.organ_contacts.push(OrganContact {
            id: next(),
            date: NaiveDate::from_ymd_opt(y, 6 + 4 * k as u32, 18).expect("day"),
            organ: StateOrgan::Government,
            activity: OrganActivity::Symposium,
            deputies: (start..start + SYMPOSIUM_SIZE).map(d).collect(),
            opinions,
        });
    }
    // Every deputy in a grid.
    for n in 1..=DEPUTIES {
        r.grids.push(GridAssignment {
            deputy: d(n),
            grid: UnitId::new(GRID_ID_BASE + n % GRIDS),
        });
    }
    // Mediation: cases cycle through the mediators; every fifth case has a
    // second mediator from the other half of the pool.
    let failed = (p.mediation_cases - p.mediation_successful) * MEDIATION_FAILED_TENTHS / 10;
    for i in 0..p.mediation_cases {
        let mut mediators = vec![d(COUNTY_FIRST + i % p.mediators)];
        if i % SECOND_MEDIATOR_EVERY == 0 {
            mediators.push(d(COUNTY_FIRST + (i + p.mediators / 2) % p.mediators));
        }
        let outcome = if i < p.mediation_successful {
            MediationOutcome::Successful
        } else if i < p.mediation_successful + failed {
            MediationOutcome::Unsuccessful
        } else {
            MediationOutcome::Pending
        };
        r.mediation.push(MediationCase {
            id: next(),
            date: day(y, i),
            mediators,
            outcome,
        });
    }
    // Petitions followed to closure (not in the seed's table).
    for i in 0..PETITIONS {
        let opened = NaiveDate::from_ymd_opt(y, i % 11 + 1, i % 28 + 1).expect("day");
        r.petitions.push(PetitionCase {
            id: next(),
            date: opened,
            deputy: d(TOWNSHIP_FIRST + i),
            closed: (i % PETITION_OPEN_EVERY != PETITION_OPEN_EVERY - 1)
                .then(|| opened + Days::new(PETITION_DAYS)),
        });
    }
    // Groups: two liaison stations, four professional groups, electoral units.
    let station_kinds = [
        GroupActivityKind::Reception,
        GroupActivityKind::PolicyBriefing,
        GroupActivityKind::Study,
    ];
    let mut opinions = split(p.station_opinions, STATION_ACTIVITIES);
    for (k, public) in split(p.station_public, STATION_ACTIVITIES).enumerate() {
        r.group_activities.push(GroupActivity {
            id: next(),
            date: day(y, k as u32),
            organiser: GroupOrganiser::LiaisonStation(UnitId::new(
                LIAISON_STATION_ID_BASE + (k as u32 % 2),
            )),
            kind: station_kinds[k % station_kinds.len()],
            deputies: vec![d(CITY_FIRST + k as u32), d(COUNTY_FIRST + k as u32)],
            public_attendance: public,
            opinions: opinions
                .next()
                .expect("one share of the opinions per activity"),
        });
    }
    for (k, size) in split(p.research_deputy_times, RESEARCH_TRIPS).enumerate() {
        let start = CITY_FIRST + RESEARCH_STRIDE * k as u32;
        r.group_activities.push(GroupActivity {
            id: next(),
            date: day(y, 3 + k as u32),
            organiser: GroupOrganiser::ProfessionalGroup(UnitId::new(
                PROFESSIONAL_GROUP_ID_BASE + (k as u32 % PROFESSIONAL_GROUPS),
            )),
            kind: GroupActivityKind::Research,
            deputies: (start..start + size).map(d).collect(),
            public_attendance: 0,
            opinions: 0,
        });
    }
    for (k, size) in split(p.group_deputy_times, p.group_activities).enumerate() {
        let start = COUNTY_FIRST + ELECTORAL_GROUP_STRIDE * k as u32;
        r.group_activities.push(GroupActivity {
            id: next(),
            date: day(y, k as u32),
            organiser: GroupOrganiser::ElectoralUnitGroup(district_of(k as u32)),
            kind: GroupActivityKind::Other,
            deputies: (start..start + size).map(d).collect(),
            public_attendance: 0,
            opinions: 0,
        });
    }
    // Stations, districts, streets.
    for n in 0..DISTRICTS {
        r.districts.push(District {
            id: UnitId::new(DISTRICT_ID_BASE + n),
            platform: n < p.districts_with_platform,
        });
    }
    for n in 0..STATIONS {
        r.stations.push(Station {
            id: UnitId::new(STATION_ID_BASE + n),
            district: UnitId::new(DISTRICT_ID_BASE + n % DISTRICTS),
            kind: if n % 3 == 0 {
                StationKind::DeputyHome
            } else {
                StationKind::LiaisonStation
            },
            upgraded: n < p.stations_upgraded,
        });
    }
    for n in 0..STREETS {
        r.streets.push(Street {
            id: UnitId::new(STREET_ID_BASE + n),
            council: n < p.streets_with_council,
        });
    }
    // Livelihood projects at district and township level: three district
    // congresses' votes decided through the vote engine, the rest plain
    // records; the last plain one takes what is left so the total is exact.
    let mut voted: Vec<LivelihoodProject> = (0..VOTE_SESSIONS)
        .flat_map(|k| district_vote(y, k))
        .collect();
    let from_votes: Decimal = voted.iter().map(|p| p.investment).sum();
    let n = p.livelihood_projects - voted.len() as u32;
    let amounts: Vec<i64> = (0..n - 1)
        .map(|i| PROJECT_BASE_YUAN + i64::from(i % PROJECT_SIZES) * PROJECT_STEP_YUAN)
        .collect();
    let last = Decimal::from(p.livelihood_yuan - amounts.iter().sum::<i64>()) - from_votes;
    assert!(last > Decimal::ZERO, "the made-up amounts exceed the total");
    let amounts = amounts.into_iter().map(Decimal::from).chain([last]);
    for (i, yuan) in amounts.enumerate() {
        let i = i as u32;
        r.livelihood.push(LivelihoodProject {
            id: ProjectId::new(i + 1),
            date: NaiveDate::from_ymd_opt(y, 1 + i % 3, 10 + i % 15).expect("day"),
            level: if i % 9 < COUNTY_PROJECTS_PER_NINE {
                Level::County
            } else {
                Level::Township
            },
            investment: yuan,
        });
    }
    r.livelihood.append(&mut voted);
    // Micro projects in two districts' rolling pools.
    for i in 0..MICRO_PROJECTS {
        let stage = match i % 4 {
            0 => MicroStage::Pooled,
            1 => MicroStage::Transferred,
            _ => MicroStage::Completed,
        };
        let ratings = if stage == MicroStage::Completed {
            (0..RATERS_PER_PROJECT)
                .map(|k| MicroRating {
                    deputy: d(COUNTY_FIRST + i * RATERS_PER_PROJECT + k),
                    verdict: if (i + k) % 7 == 0 {
                        Verdict::BasicallySatisfied
                    } else {
                        Verdict::Satisfied
                    },
                })
                .collect()
        } else {
            Vec::new()
        };
        r.micro_projects.push(MicroProject {
            id: ProjectId::new(i + 1),
            date: day(y, i),
            district: UnitId::new(MICRO_DISTRICTS[i as usize % MICRO_DISTRICTS.len()]),
            stage,
            ratings,
        });
    }

    // Suggestions, driven through the suggestion engine: received at the
    // session, spread over the units, and earlier years' B-class items
    // looked back at this year.
    // The standing committee hears four units' handling reports and rates
    // them (测评), recorded in the register beside the suggestions.
    let mut register = suggestions(p);
    // The sample's handling units, in id order; the first four are evaluated.
    let unit_names = samples::unit_names();
    for (k, &unit) in unit_names.keys().take(EVALUATED_UNITS).enumerate() {
        let on = NaiveDate::from_ymd_opt(y, 10 + k as u32 / 2, 28).expect("day");
        let votes = Satisfaction {
            satisfied: 30 + k as u64,
            basically_satisfied: 4 - k as u64,
            unsatisfied: u64::from(k == 3),
            abstained: 1,
        };
        register
            .evaluate(EvaluationEvent::ReportHeard { unit, on })
            .expect("the unit handles the year's suggestions");
        register
            .evaluate(EvaluationEvent::Rated {
                unit,
                on,
                present: MEMBERS_PRESENT,
                votes,
            })
            .expect("heard, and no more votes than members present");
    }

    ReportInput {
        deputies: (1..=DEPUTIES)
            .map(|n| Deputy::new(d(n), format!("代表{n:04}"), level(n)))
            .collect(),
        unit_names,
        records: r,
        policy: Policy::seed(),
        register: Some(register),
        ..ReportInput::default()
    }
}

/// District congresses whose livelihood votes go through the vote engine.
pub(crate) const VOTE_SESSIONS: u32 = 3;

/// A district congress's vote (票决): 60 deputies, all present; 12
/// candidates for 10 places, for / against / abstain on each, a project
/// needs votes for from more than half of all deputies. Returns the session
/// and the decided outcome.
pub(crate) fn district_session(year: i32, k: u32) -> (Session, Outcome) {
    let done = NaiveDate::from_ymd_opt(year, 12, 20).expect("day");
    let pid = |n: u32| ProjectId::new(100_000 + 1_000 * k + n);
    let candidates = CandidateList::new(
        (1..=12)
            .map(|n| {
                // 1.2 to 6.7 million yuan, in whole ten-thousands.
                let wan = 120 + i64::from((n * 7 + k * 3) % 12) * 50;
                Project::builder(pid(n), format!("第{k}区民生项目{n}"))
                    .investment(Decimal::from(wan * 10_000))
                    .category("民生")
                    .completion(done)
                    .build()
                    .expect("project")
            })
            .collect(),
    )
    .expect("candidates");
    let deputies = (1..=60).map(|n| d(COUNTY_FIRST + 100 * k + n));
    let electorate = Electorate::new(deputies.clone(), deputies.clone()).expect("electorate");
    let session = Session::new(
        VotePolicy::election_style(10).expect("rules"),
        candidates,
        electorate,
        BallotsIssued(60),
    )
    .expect("session");
    let mut tally = Tally::new(&session, BoxNumber(1));
    for (i, deputy) in deputies.enumerate() {
        // Four in five vote for projects 1 to 10; the others for 1 to 8, 11, 12.
        let chosen: Vec<u32> = if i % 5 == 0 {
            (1..=8).chain([11, 12]).collect()
        } else {
            (1..=10).collect()
        };
        let marks = chosen.into_iter().map(|n| (pid(n), Mark::For)).collect();
        tally
            .cast(&session, &Ballot::new(deputy, Choice::Marks(marks)))
            .expect("valid ballot");
    }
    let outcome = session.decide(&tally).expect("decided");
    (session, outcome)
}

/// The projects a district congress's vote elected, as records.
pub(crate) fn district_vote(year: i32, k: u32) -> Vec<LivelihoodProject> {
    let (session, outcome) = district_session(year, k);
    let date = NaiveDate::from_ymd_opt(year, 1, 8 + k).expect("day");
    LivelihoodProject::from_outcome(&outcome, &session, Level::County, date).expect("no tie")
}

/// The year's register: the crate's sample year
/// ([`SampleYear`](deputy_work::suggestion::samples::SampleYear), 131 A /
/// 49 B / 1 C in 2025, every sixtieth reply late, a few key items, and the
/// earlier years' B-class items looked back at), driven through the engine.
pub(crate) fn suggestions(p: &Params) -> Register {
    SampleYear::new(p.year, p.suggestions, p.key)
        .and_then(|y| y.with_look_back(p.look_back_resolved, LOOK_BACK_OPEN))
        .and_then(|y| y.register())
        .expect("the seed's sample year is valid")
}

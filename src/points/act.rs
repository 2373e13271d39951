//! Duty acts: the standard catalogue of kinds, claims, qualifiers.

use core::fmt;
use core::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Code, PointsError, Qualifier, Qualifiers};
use crate::common::{DeputyId, Labelled, RecordId, labelled_enum};

labelled_enum! {
    /// The standard catalogue of duty acts (履职行为) that every policy can
    /// score: the five behaviours the platforms record (meetings,
    /// deliberation speeches, suggestions, activities, contact with the
    /// public) split into their usual items, plus absence, leave, duty
    /// reports and mediation.
    ///
    /// A locality adds its own kinds as [`ActKind::Local`] in its policy.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::points::StandardKind;
    /// assert_eq!(StandardKind::SubmitSuggestion.label_zh(), "提出建议");
    /// assert_eq!(StandardKind::SubmitSuggestion.code(), "submit_suggestion");
    /// assert_eq!(StandardKind::from_code("leave"), Some(StandardKind::Leave));
    /// assert_eq!(StandardKind::ALL.len(), 12);
    /// ```
    // Two bytes, as a local kind's code: an `ActKind` then holds either
    // payload in the same place, and the per-act path reads it without
    // a branch on the variant.
    #[repr(u16)]
    pub enum StandardKind in points {
        /// Attending a congress or standing-committee meeting (出席会议).
        AttendMeeting = "attend_meeting", "出席会议", "attending a meeting";
        /// Speaking in a deliberation (审议发言).
        SpeakInDeliberation = "speak_in_deliberation", "审议发言", "speaking in deliberation";
        /// Submitting a suggestion, as lead or co-signer (提出建议).
        SubmitSuggestion = "submit_suggestion", "提出建议", "submitting a suggestion";
        /// Joining an inspection (视察).
        Inspection = "inspection", "参加视察", "joining an inspection";
        /// Joining a research trip (调研).
        Research = "research", "参加调研", "joining research";
        /// Joining a law-enforcement check (执法检查).
        LawEnforcementCheck = "law_enforcement_check", "参加执法检查", "joining a law-enforcement check";
        /// Attending training (履职学习培训).
        Training = "training", "参加履职培训", "attending training";
        /// Contacting the public, e.g. receiving voters at a station (联系群众).
        ContactPublic = "contact_public", "联系群众", "contacting the public";
        /// Absence without leave (无故缺席).
        Absence = "absence", "无故缺席", "absence without leave";
        /// Leave from a meeting or session, usually counted in half days (请假).
        Leave = "leave", "请假", "leave";
        /// Reporting on one's duties to the electoral unit or standing committee (述职).
        DutyReport = "duty_report", "述职", "duty report";
        /// Taking part in mediating a dispute (参与矛盾纠纷调解).
        Mediation = "mediation", "参与调解", "mediation";
    }
}

/// A kind of duty act: a standard kind or one a locality defines in its
/// policy by a numeric code.
///
/// Written in files as the standard kind's code (`"attend_meeting"`) or as
/// `"local:N"` for locality kind `N`.
///
/// ```
/// use deputy_work::points::{ActKind, StandardKind};
/// let k: ActKind = "local:7".parse()?;
/// assert_eq!(k, ActKind::Local(7));
/// assert_eq!(ActKind::from(StandardKind::Leave).to_string(), "leave");
/// assert!("local:x".parse::<ActKind>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub enum ActKind {
    /// A kind from the standard catalogue.
    Standard(StandardKind),
    /// A kind the locality defines in its policy (`local_kinds`), by code.
    Local(u16),
}

impl From<StandardKind> for ActKind {
    fn from(k: StandardKind) -> Self {
        Self::Standard(k)
    }
}

impl fmt::Display for ActKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Standard(k) => f.write_str(k.code()),
            Self::Local(n) => write!(f, "local:{n}"),
        }
    }
}

impl FromStr for ActKind {
    type Err = PointsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(k) = StandardKind::from_code(s) {
            return Ok(Self::Standard(k));
        }
        s.strip_prefix("local:")
            .and_then(|n| n.parse::<u16>().ok())
            .map(Self::Local)
            .ok_or_else(|| PointsError::BadKind(s.to_owned()))
    }
}

impl TryFrom<String> for ActKind {
    type Error = PointsError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ActKind> for String {
    fn from(k: ActKind) -> Self {
        k.to_string()
    }
}

impl Labelled for ActKind {
    /// The standard kind's label, or 地方自定义事项 for a locality kind (the
    /// policy holds its real label: [`Policy::kind_label_zh`](super::Policy::kind_label_zh)).
    fn label_zh(&self) -> &str {
        match self {
            Self::Standard(k) => k.label_zh(),
            Self::Local(_) => "地方自定义事项",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Standard(k) => k.label_en(),
            Self::Local(_) => "locality-defined act",
        }
    }
}

labelled_enum! {
    /// Where a claimed act stands (申报审核制): only verified acts count.
    ///
    /// ```
    /// use deputy_work::common::Labelled;
    /// use deputy_work::points::Claim;
    /// assert_eq!(Claim::Pending.label_zh(), "待审核");
    /// assert!(Claim::Verified.counts() && !Claim::Rejected.counts());
    /// ```
    pub enum Claim in points {
        /// Self-reported, not yet reviewed (待审核).
        Pending = "pending", "待审核", "pending";
        /// Recorded by the platform or reviewed and accepted (已审核).
        Verified = "verified", "已审核", "verified";
        /// Reviewed and refused (未通过).
        Rejected = "rejected", "未通过", "rejected";
    }
}

impl Claim {
    /// Whether an act with this claim status earns points.
    ///
    /// ```
    /// use deputy_work::points::Claim;
    /// assert!(!Claim::Pending.counts());
    /// ```
    #[must_use]
    pub const fn counts(self) -> bool {
        matches!(self, Self::Verified)
    }
}

/// One act's part among its proposers (联名): the `position`th of `of`.
///
/// ```
/// use deputy_work::points::Share;
/// let s = Share { position: 1, of: 3 };
/// assert!(s.position <= s.of);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Share {
    /// The deputy's place among the proposers, from 1 (the first proposer).
    pub position: u32,
    /// How many proposers the act has.
    pub of: u32,
}

/// A record that corrects an earlier one (错重漏): the record it names, by id.
///
/// ```
/// use deputy_work::common::RecordId;
/// use deputy_work::points::Correction;
/// let c = Correction::Annuls(RecordId::new(4));
/// assert_eq!(c.target(), RecordId::new(4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Correction {
    /// This record replaces the one named (an error corrected, or a claim
    /// re-reviewed on appeal).
    Amends(RecordId),
    /// The record named does not count (a duplicate or an error); this
    /// record counts nothing itself.
    Annuls(RecordId),
}

impl Correction {
    /// The record corrected.
    ///
    /// ```
    /// use deputy_work::common::RecordId;
    /// use deputy_work::points::Correction;
    /// assert_eq!(Correction::Amends(RecordId::new(2)).target(), RecordId::new(2));
    /// ```
    #[must_use]
    pub const fn target(self) -> RecordId {
        match self {
            Self::Amends(id) | Self::Annuls(id) => id,
        }
    }
}

impl Labelled for Correction {
    fn label_zh(&self) -> &str {
        match self {
            Self::Amends(_) => "更正",
            Self::Annuls(_) => "撤销",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Amends(_) => "amended",
            Self::Annuls(_) => "annulled",
        }
    }
}

/// What an act says besides its kind, date and quantity, when it says more:
/// its role, the item it concerns, its share among proposers, a value for
/// tiers and a correction. Kept behind one pointer so that a plain act stays
/// small.
///
/// ```
/// use deputy_work::points::{ActDetail, Share};
/// let d = ActDetail { share: Some(Share { position: 2, of: 3 }), ..ActDetail::default() };
/// assert!(d.role.is_none() && d.share.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ActDetail {
    /// The deputy's role in the act (an act role the policy declares).
    pub role: Option<Code>,
    /// What the act concerns (a proposal, a meeting), for highest-role-only rules.
    pub item: Option<u64>,
    /// The act's part among its proposers.
    pub share: Option<Share>,
    /// A value for a rule with tiers (an attendance rate, an amount).
    pub value: Option<Decimal>,
    /// The earlier record this one corrects.
    pub correction: Option<Correction>,
}

/// One recorded duty act (履职行为) of one deputy (or of a group).
///
/// `quantity` is how many occurrences the record stands for (e.g. 3 half
/// days of leave); it defaults to 1 in files, and `claim` to verified.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
/// let act = Act::new(RecordId::new(1), DeputyId::new(7), NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
///                    StandardKind::SubmitSuggestion.into())
///     .with_qualifier(Qualifier::new("lead")?);
/// assert_eq!(act.claim, Claim::Verified);
/// assert_eq!(act.quantity, 1);
/// assert_eq!(act.clone().with_claim(Claim::Pending).claim, Claim::Pending);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ActData", into = "ActData"))]
pub struct Act {
    /// The record's id; a record seen twice counts once.
    pub id: RecordId,
    /// The deputy (or group) who performed the act.
    pub deputy: DeputyId,
    /// The day of the act.
    pub date: NaiveDate,
    /// What kind of act it was.
    pub kind: ActKind,
    /// Whether the act is verified, pending review or rejected.
    pub claim: Claim,
    /// How many occurrences this record stands for.
    pub quantity: u32,
    /// What can earn a bonus.
    pub qualifiers: Qualifiers,
    /// Role, item, share, value and correction, if any.
    pub detail: Option<Box<ActDetail>>,
}

/// An act as written in a file: one flat object.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ActData {
    id: RecordId,
    deputy: DeputyId,
    date: NaiveDate,
    kind: ActKind,
    #[serde(default = "verified")]
    claim: Claim,
    #[serde(default = "one")]
    quantity: u32,
    #[serde(default, skip_serializing_if = "Qualifiers::is_empty")]
    qualifiers: Qualifiers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    share: Option<Share>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amends: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annuls: Option<RecordId>,
}

#[cfg(feature = "serde")]
const fn one() -> u32 {
    1
}

#[cfg(feature = "serde")]
const fn verified() -> Claim {
    Claim::Verified
}

#[cfg(feature = "serde")]
impl TryFrom<ActData> for Act {
    type Error = PointsError;
    fn try_from(d: ActData) -> Result<Self, PointsError> {
        let correction = match (d.amends, d.annuls) {
            (Some(_), Some(_)) => {
                return Err(PointsError::BadAct {
                    act: d.id,
                    problem: "a record either amends or annuls, not both",
                });
            }
            (Some(t), None) => Some(Correction::Amends(t)),
            (None, Some(t)) => Some(Correction::Annuls(t)),
            (None, None) => None,
        };
        let detail = ActDetail {
            role: d.role,
            item: d.item,
            share: d.share,
            value: d.value,
            correction,
        };
        let act = Self {
            id: d.id,
            deputy: d.deputy,
            date: d.date,
            kind: d.kind,
            claim: d.claim,
            quantity: d.quantity,
            qualifiers: d.qualifiers,
            detail: (detail != ActDetail::default()).then(|| Box::new(detail)),
        };
        act.check()?;
        Ok(act)
    }
}

#[cfg(feature = "serde")]
impl From<Act> for ActData {
    fn from(a: Act) -> Self {
        let d = a.detail.map(|d| *d).unwrap_or_default();
        let (amends, annuls) = match d.correction {
            Some(Correction::Amends(t)) => (Some(t), None),
            Some(Correction::Annuls(t)) => (None, Some(t)),
            None => (None, None),
        };
        Self {
            id: a.id,
            deputy: a.deputy,
            date: a.date,
            kind: a.kind,
            claim: a.claim,
            quantity: a.quantity,
            qualifiers: a.qualifiers,
            role: d.role,
            item: d.item,
            share: d.share,
            value: d.value,
            amends,
            annuls,
        }
    }
}

impl Act {
    /// A verified act of quantity 1 with no qualifiers.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Claim, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::Leave.into());
    /// assert_eq!((act.quantity, act.claim), (1, Claim::Verified));
    /// ```
    #[must_use]
    pub const fn new(id: RecordId, deputy: DeputyId, date: NaiveDate, kind: ActKind) -> Self {
        Self {
            id,
            deputy,
            date,
            kind,
            claim: Claim::Verified,
            quantity: 1,
            qualifiers: Qualifiers::EMPTY,
            detail: None,
        }
    }

    /// Sets the claim status.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Claim, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::Leave.into())
    ///     .with_claim(Claim::Rejected);
    /// assert!(!act.claim.counts());
    /// ```
    #[must_use]
    pub const fn with_claim(mut self, claim: Claim) -> Self {
        self.claim = claim;
        self
    }

    /// Sets the quantity.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::Leave.into())
    ///     .with_quantity(3); // three half days
    /// assert_eq!(act.quantity, 3);
    /// ```
    #[must_use]
    pub const fn with_quantity(mut self, quantity: u32) -> Self {
        self.quantity = quantity;
        self
    }

    /// Adds a qualifier.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Qualifier, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let filed = Qualifier::new("filed")?;
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::SubmitSuggestion.into())
    ///     .with_qualifier(filed);
    /// assert!(act.qualifiers.contains(filed));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_qualifier(mut self, q: Qualifier) -> Self {
        self.qualifiers = self.qualifiers.with(q);
        self
    }

    fn detail_mut(&mut self) -> &mut ActDetail {
        self.detail.get_or_insert_with(Box::default)
    }

    /// Sets the deputy's role in the act (an act role the policy declares).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Code, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::SubmitSuggestion.into())
    ///     .with_role(Code::new("lead")?);
    /// assert_eq!(act.role().map(|r| r.to_string()), Some("lead".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_role(mut self, role: Code) -> Self {
        self.detail_mut().role = Some(role);
        self
    }

    /// Sets the item the act concerns (a proposal, a meeting).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::AttendMeeting.into())
    ///     .with_item(40);
    /// assert_eq!(act.item(), Some(40));
    /// ```
    #[must_use]
    pub fn with_item(mut self, item: u64) -> Self {
        self.detail_mut().item = Some(item);
        self
    }

    /// Sets the act's part among its proposers: the `position`th of `of`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Share, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::SubmitSuggestion.into())
    ///     .with_share(1, 3);
    /// assert_eq!(act.share(), Some(Share { position: 1, of: 3 }));
    /// ```
    #[must_use]
    pub fn with_share(mut self, position: u32, of: u32) -> Self {
        self.detail_mut().share = Some(Share { position, of });
        self
    }

    /// Sets the value a rule's tiers look at.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::AttendMeeting.into())
    ///     .with_value("92.5".parse()?);
    /// assert_eq!(act.value().map(|v| v.to_string()), Some("92.5".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_value(mut self, value: Decimal) -> Self {
        self.detail_mut().value = Some(value);
        self
    }

    /// Makes this record a correction of an earlier one.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Correction, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let fix = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::Leave.into())
    ///     .correcting(Correction::Amends(RecordId::new(3)));
    /// assert_eq!(fix.correction(), Some(Correction::Amends(RecordId::new(3))));
    /// ```
    #[must_use]
    pub fn correcting(mut self, correction: Correction) -> Self {
        self.detail_mut().correction = Some(correction);
        self
    }

    /// The deputy's role in the act, if recorded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// assert!(Act::new(RecordId::new(1), DeputyId::new(2), day, StandardKind::Leave.into()).role().is_none());
    /// ```
    #[must_use]
    pub fn role(&self) -> Option<Code> {
        self.detail.as_ref().and_then(|d| d.role)
    }

    /// The item the act concerns, if recorded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// assert!(Act::new(RecordId::new(1), DeputyId::new(2), day, StandardKind::Leave.into()).item().is_none());
    /// ```
    #[must_use]
    pub fn item(&self) -> Option<u64> {
        self.detail.as_ref().and_then(|d| d.item)
    }

    /// The act's part among its proposers, if recorded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// assert!(Act::new(RecordId::new(1), DeputyId::new(2), day, StandardKind::Leave.into()).share().is_none());
    /// ```
    #[must_use]
    pub fn share(&self) -> Option<Share> {
        self.detail.as_ref().and_then(|d| d.share)
    }

    /// The act's value for tiers, if recorded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// assert!(Act::new(RecordId::new(1), DeputyId::new(2), day, StandardKind::Leave.into()).value().is_none());
    /// ```
    #[must_use]
    pub fn value(&self) -> Option<Decimal> {
        self.detail.as_ref().and_then(|d| d.value)
    }

    /// The earlier record this one corrects, if any.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// assert!(Act::new(RecordId::new(1), DeputyId::new(2), day, StandardKind::Leave.into()).correction().is_none());
    /// ```
    #[must_use]
    pub fn correction(&self) -> Option<Correction> {
        self.detail.as_ref().and_then(|d| d.correction)
    }

    /// Whether the act says more than kind, date, claim, quantity and
    /// qualifiers (a role, item, share, value or correction).
    pub(crate) fn has_detail(&self) -> bool {
        self.detail.is_some()
    }

    /// Checks what the act says about itself: a share's position within
    /// `1..=of`, a correction naming an earlier record.
    ///
    /// # Errors
    /// [`PointsError::BadAct`] naming the act and the problem.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Correction, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(5), DeputyId::new(2), day, StandardKind::Leave.into());
    /// assert!(act.clone().with_share(2, 3).check().is_ok());
    /// assert!(act.clone().with_share(4, 3).check().is_err());
    /// assert!(act.correcting(Correction::Annuls(RecordId::new(5))).check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), PointsError> {
        let bad = |problem| PointsError::BadAct {
            act: self.id,
            problem,
        };
        if let Some(s) = self.share()
            && (s.position == 0 || s.position > s.of)
        {
            return Err(bad("share: position must lie in 1..=of"));
        }
        if let Some(c) = self.correction()
            && c.target() >= self.id
        {
            return Err(bad("a correction must name an earlier record (a lower id)"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standard_code_round_trips() {
        for k in StandardKind::ALL {
            assert_eq!(StandardKind::from_code(k.code()), Some(k));
            let kind = ActKind::from(k);
            assert_eq!(kind.to_string().parse::<ActKind>().unwrap(), kind);
            assert!(!k.label_zh().is_empty());
        }
        // Catalogue order is the derived order, and the fast path's
        // `kind_index` reads a standard kind as its `u16` discriminant.
        assert!(StandardKind::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(size_of::<StandardKind>(), 2);
        for (i, k) in StandardKind::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(k as u16), i);
        }
    }

    #[test]
    fn bad_kinds_are_refused() {
        for bad in ["", "Leave", "local:", "local:-1", "local:65536", "locale:1"] {
            assert_eq!(
                bad.parse::<ActKind>(),
                Err(PointsError::BadKind(bad.to_owned()))
            );
        }
        assert_eq!("local:65535".parse::<ActKind>(), Ok(ActKind::Local(65535)));
    }

    #[test]
    fn a_plain_act_stays_small() {
        // The fast path reads every act: keep the rare details behind a pointer.
        assert!(size_of::<Act>() <= 64, "{}", size_of::<Act>());
        // The module docs say a ledger line is 32 bytes: lines are most of a
        // scorecard's memory.
        assert_eq!(size_of::<crate::points::ScoreLine>(), 32);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn act_json_defaults_and_rejects_unknown_fields() {
        let a: Act = serde_json::from_str(
            r#"{"id":1,"deputy":2,"date":"2025-01-02","kind":"local:3","claim":"pending"}"#,
        )
        .unwrap();
        assert_eq!(a.quantity, 1);
        assert_eq!(a.kind, ActKind::Local(3));
        assert!(a.qualifiers.is_empty() && a.detail.is_none());
        let d: Act =
            serde_json::from_str(r#"{"id":1,"deputy":2,"date":"2025-01-02","kind":"leave"}"#)
                .unwrap();
        assert_eq!(d.claim, Claim::Verified);
        let bad = r#"{"id":1,"deputy":2,"date":"2025-01-02","kind":"leave","claim":"verified","colour":1}"#;
        let err = serde_json::from_str::<Act>(bad).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
        let q = r#"{"id":9,"deputy":2,"date":"2025-01-02","kind":"submit_suggestion","qualifiers":["lead","reply_class_a"],"role":"first","item":4,"share":{"position":1,"of":2},"value":"1.5","amends":3}"#;
        let a: Act = serde_json::from_str(q).unwrap();
        assert!(
            a.qualifiers
                .contains(Qualifier::new("reply_class_a").unwrap())
        );
        assert_eq!(a.correction(), Some(Correction::Amends(RecordId::new(3))));
        assert_eq!(a.share(), Some(Share { position: 1, of: 2 }));
        assert_eq!(
            serde_json::from_str::<Act>(&serde_json::to_string(&a).unwrap()).unwrap(),
            a
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn bad_details_are_refused_while_reading() {
        for (json, needle) in [
            (r#""share":{"position":0,"of":2}"#, "position"),
            (r#""share":{"position":3,"of":2}"#, "position"),
            (r#""amends":9"#, "earlier"),
            (r#""annuls":12"#, "earlier"),
            (r#""amends":1,"annuls":2"#, "not both"),
        ] {
            let text =
                format!(r#"{{"id":9,"deputy":2,"date":"2025-01-02","kind":"leave",{json}}}"#);
            let err = serde_json::from_str::<Act>(&text).unwrap_err().to_string();
            assert!(err.contains(needle) && err.contains("R9"), "{text}: {err}");
        }
    }
}

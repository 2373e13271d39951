//! Duty acts: the standard catalogue of kinds, claims, qualifiers.

use core::fmt;
use core::str::FromStr;

use chrono::NaiveDate;

use super::PointsError;
use crate::common::{DeputyId, Labelled, RecordId};

macro_rules! standard_kinds {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal;)*) => {
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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        // Two bytes, as a local kind's code: an `ActKind` then holds either
        // payload in the same place, and the per-act path reads it without
        // a branch on the variant.
        #[repr(u16)]
        pub enum StandardKind {
            $($(#[$doc])* $variant,)*
        }

        impl StandardKind {
            /// Every standard kind, in catalogue order.
            pub const ALL: [Self; 12] = [$(Self::$variant,)*];

            /// The snake-case code used in policy and act files.
            ///
            /// ```
            /// use deputy_work::points::StandardKind;
            /// assert_eq!(StandardKind::LawEnforcementCheck.code(), "law_enforcement_check");
            /// ```
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }

            /// The Chinese label, with a `'static` lifetime.
            ///
            /// ```
            /// use deputy_work::points::StandardKind;
            /// let label: &'static str = StandardKind::Mediation.static_label_zh();
            /// assert_eq!(label, "参与调解");
            /// ```
            #[must_use]
            pub const fn static_label_zh(self) -> &'static str {
                match self { $(Self::$variant => $zh,)* }
            }

            /// The kind with the given code, if any.
            ///
            /// ```
            /// use deputy_work::points::StandardKind;
            /// assert_eq!(StandardKind::from_code("training"), Some(StandardKind::Training));
            /// assert_eq!(StandardKind::from_code("Training"), None);
            /// ```
            #[must_use]
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)* _ => None }
            }
        }

        impl Labelled for StandardKind {
            fn label_zh(&self) -> &str {
                self.static_label_zh()
            }
            fn label_en(&self) -> &str {
                match self { $(Self::$variant => $en,)* }
            }
        }
    };
}

standard_kinds! {
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

/// Where a claimed act stands (申报审核制): only verified acts count.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::Claim;
/// assert_eq!(Claim::Pending.label_zh(), "待审核");
/// assert!(Claim::Verified.counts() && !Claim::Rejected.counts());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Claim {
    /// Self-reported, not yet reviewed (待审核).
    Pending,
    /// Recorded by the platform or reviewed and accepted (已审核).
    Verified,
    /// Reviewed and refused (未通过).
    Rejected,
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

impl Labelled for Claim {
    fn label_zh(&self) -> &str {
        match self {
            Self::Pending => "待审核",
            Self::Verified => "已审核",
            Self::Rejected => "未通过",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Rejected => "rejected",
        }
    }
}

/// Something about an act that can earn a bonus under a rule.
///
/// ```
/// use deputy_work::common::Labelled;
/// use deputy_work::points::Qualifier;
/// assert_eq!(Qualifier::KeySuggestion.label_zh(), "重点建议");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Qualifier {
    /// The deputy led a joint suggestion (领衔).
    Lead,
    /// The deputy co-signed a suggestion (附议).
    CoSigner,
    /// The suggestion was chosen as a key suggestion (重点建议).
    KeySuggestion,
    /// The suggestion's reply was class A, solved or adopted (答复为A类).
    ReplyClassA,
    /// The act was singled out for praise, e.g. an excellent speech (表扬).
    Commended,
}

impl Qualifier {
    /// Every qualifier.
    pub const ALL: [Self; 5] = [
        Self::Lead,
        Self::CoSigner,
        Self::KeySuggestion,
        Self::ReplyClassA,
        Self::Commended,
    ];

    const fn bit(self) -> u8 {
        match self {
            Self::Lead => 1,
            Self::CoSigner => 2,
            Self::KeySuggestion => 4,
            Self::ReplyClassA => 8,
            Self::Commended => 16,
        }
    }
}

impl Labelled for Qualifier {
    fn label_zh(&self) -> &str {
        match self {
            Self::Lead => "领衔",
            Self::CoSigner => "附议",
            Self::KeySuggestion => "重点建议",
            Self::ReplyClassA => "答复为A类",
            Self::Commended => "受到表扬",
        }
    }
    fn label_en(&self) -> &str {
        match self {
            Self::Lead => "lead",
            Self::CoSigner => "co-signer",
            Self::KeySuggestion => "key suggestion",
            Self::ReplyClassA => "reply class A",
            Self::Commended => "commended",
        }
    }
}

/// A set of [`Qualifier`]s, stored as bits so that an act stays small.
/// Written in files as a list: `["lead", "key_suggestion"]`.
///
/// ```
/// use deputy_work::points::{Qualifier, Qualifiers};
/// let q = Qualifiers::EMPTY.with(Qualifier::Lead).with(Qualifier::KeySuggestion);
/// assert!(q.contains(Qualifier::Lead) && !q.contains(Qualifier::CoSigner));
/// assert_eq!(q.iter().collect::<Vec<_>>(), [Qualifier::Lead, Qualifier::KeySuggestion]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "Vec<Qualifier>", into = "Vec<Qualifier>")
)]
pub struct Qualifiers(u8);

impl Qualifiers {
    /// No qualifiers.
    pub const EMPTY: Self = Self(0);

    /// This set with `q` added.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// assert!(Qualifiers::EMPTY.with(Qualifier::CoSigner).contains(Qualifier::CoSigner));
    /// ```
    #[must_use]
    pub const fn with(self, q: Qualifier) -> Self {
        Self(self.0 | q.bit())
    }

    /// Whether `q` is in the set.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// assert!(!Qualifiers::EMPTY.contains(Qualifier::Lead));
    /// ```
    #[must_use]
    pub const fn contains(self, q: Qualifier) -> bool {
        self.0 & q.bit() != 0
    }

    /// The set as bits.
    #[inline]
    pub(crate) const fn bits(self) -> u8 {
        self.0
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// assert!(Qualifiers::EMPTY.is_empty());
    /// assert!(!Qualifiers::EMPTY.with(Qualifier::Commended).is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The qualifiers in the set, in [`Qualifier::ALL`] order.
    ///
    /// ```
    /// use deputy_work::points::{Qualifier, Qualifiers};
    /// let q: Qualifiers = [Qualifier::ReplyClassA, Qualifier::Lead].into_iter().collect();
    /// assert_eq!(q.iter().collect::<Vec<_>>(), [Qualifier::Lead, Qualifier::ReplyClassA]);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Qualifier> {
        Qualifier::ALL
            .into_iter()
            .filter(move |q| self.contains(*q))
    }
}

impl From<Vec<Qualifier>> for Qualifiers {
    fn from(v: Vec<Qualifier>) -> Self {
        v.into_iter().fold(Self::EMPTY, Self::with)
    }
}

impl From<Qualifiers> for Vec<Qualifier> {
    fn from(q: Qualifiers) -> Self {
        q.iter().collect()
    }
}

impl FromIterator<Qualifier> for Qualifiers {
    fn from_iter<I: IntoIterator<Item = Qualifier>>(iter: I) -> Self {
        iter.into_iter().fold(Self::EMPTY, Self::with)
    }
}

/// One recorded duty act (履职行为) of one deputy.
///
/// `quantity` is how many occurrences the record stands for (e.g. 3 half
/// days of leave); it defaults to 1 in files.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, RecordId};
/// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
/// let act = Act::new(RecordId::new(1), DeputyId::new(7), NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
///                    StandardKind::SubmitSuggestion.into())
///     .with_qualifier(Qualifier::Lead);
/// assert_eq!(act.claim, Claim::Verified);
/// assert_eq!(act.quantity, 1);
/// assert_eq!(act.clone().with_claim(Claim::Pending).claim, Claim::Pending);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Act {
    /// The record's id; a record seen twice counts once.
    pub id: RecordId,
    /// The deputy who performed the act.
    pub deputy: DeputyId,
    /// The day of the act.
    pub date: NaiveDate,
    /// What kind of act it was.
    pub kind: ActKind,
    /// Whether the act is verified, pending review or rejected.
    pub claim: Claim,
    /// How many occurrences this record stands for.
    #[cfg_attr(feature = "serde", serde(default = "one"))]
    pub quantity: u32,
    /// What can earn a bonus.
    #[cfg_attr(feature = "serde", serde(default))]
    pub qualifiers: Qualifiers,
}

#[cfg(feature = "serde")]
const fn one() -> u32 {
    1
}

impl Act {
    /// A verified act of quantity 1 with no qualifiers.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
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
        }
    }

    /// Sets the claim status.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, RecordId};
    /// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
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
    /// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
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
    /// use deputy_work::points::{Act, Claim, Qualifier, StandardKind};
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    /// let act = Act::new(RecordId::new(9), DeputyId::new(2), day, StandardKind::Leave.into())
    ///     .with_qualifier(Qualifier::Commended);
    /// assert!(act.qualifiers.contains(Qualifier::Commended));
    /// ```
    #[must_use]
    pub const fn with_qualifier(mut self, q: Qualifier) -> Self {
        self.qualifiers = self.qualifiers.with(q);
        self
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
    fn qualifier_bits_are_distinct() {
        let all: Qualifiers = Qualifier::ALL.into_iter().collect();
        assert_eq!(all.iter().count(), Qualifier::ALL.len());
        for q in Qualifier::ALL {
            let one = Qualifiers::EMPTY.with(q);
            assert_eq!(one.iter().collect::<Vec<_>>(), [q]);
        }
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
        assert!(a.qualifiers.is_empty());
        let bad = r#"{"id":1,"deputy":2,"date":"2025-01-02","kind":"leave","claim":"verified","colour":1}"#;
        let err = serde_json::from_str::<Act>(bad).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
        let q = r#"{"id":1,"deputy":2,"date":"2025-01-02","kind":"submit_suggestion","claim":"verified","qualifiers":["lead","reply_class_a"]}"#;
        let a: Act = serde_json::from_str(q).unwrap();
        assert!(a.qualifiers.contains(Qualifier::ReplyClassA));
        assert_eq!(
            serde_json::from_str::<Act>(&serde_json::to_string(&a).unwrap()).unwrap(),
            a
        );
    }
}

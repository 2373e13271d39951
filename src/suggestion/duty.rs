//! Duty acts from the register: what the points engine counts of a year's
//! suggestions, taken straight from the suggestion records.

use crate::common::{Period, RecordId};
use crate::points::{Act, Code as RoleCode, Qualifier, StandardKind};

use super::{Code, Register, Suggestion};

/// How a register's suggestions become duty acts ([`Register::duty_acts`]):
/// the act roles and qualifiers a points policy declares for them. Every
/// field may be left out; what is left out is not marked on the acts.
///
/// ```
/// use deputy_work::points::{Code, Qualifier};
/// use deputy_work::suggestion::DutyActs;
/// let m = DutyActs {
///     lead: Some(Code::new("lead")?),
///     co_signer: Some(Code::new("co_signer")?),
///     registered: Some(Qualifier::new("filed")?),
///     ..DutyActs::default()
/// };
/// assert!(m.key.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, default))]
pub struct DutyActs {
    /// The act role of the lead deputy (领衔).
    pub lead: Option<RoleCode>,
    /// The act role of a co-signer (附议).
    pub co_signer: Option<RoleCode>,
    /// The qualifier of a registered suggestion (立案).
    pub registered: Option<Qualifier>,
    /// The qualifier of a key suggestion (重点督办).
    pub key: Option<Qualifier>,
    /// Qualifiers by the class of the latest reply (e.g. `A` → adopted).
    pub classes: Vec<(Code, Qualifier)>,
    /// Give each proposer's act its place among the proposers (the lead
    /// first, then the co-signers in order), for a rule that shares a joint
    /// suggestion's points ([`Share`](crate::points::Share)).
    pub shares: bool,
}

impl Register {
    /// The duty acts of the register's suggestions submitted in `period`:
    /// one [`StandardKind::SubmitSuggestion`] act for each proposer (the
    /// lead deputy and each co-signer), dated the day of submission,
    /// verified (these are the office's own records), its item the
    /// suggestion's id, and with the roles, qualifiers and shares `mapping`
    /// gives. A suggestion merged into another still counts for its own
    /// proposers; one in a delegation's or deputy group's name gives no act
    /// (it is the group's, not its convenor's). Acts come in suggestion
    /// order, lead first.
    ///
    /// Record ids are `suggestion id × 2^32 + place` (place 0 the lead, then
    /// the co-signers from 1): unique, and the same on every call, so acts
    /// taken again from the register amend nothing by accident.
    ///
    /// Cost: linear in the suggestions and their proposers.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, Period, PersonId, SuggestionId, WeekendCalendar};
    /// use deputy_work::points::{Code, Qualifier};
    /// use deputy_work::suggestion::{Action, Actor, Command, DutyActs, Policy, Register, ReviewChecks, Suggestion};
    /// let policy = Policy::seed();
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let lead = Actor::Deputy(DeputyId::new(1));
    /// let mut s = Suggestion::new(SuggestionId::new(7));
    /// for c in [
    ///     Command::new(day, lead, Action::Draft { title: "修路".into(), co_signers: vec![DeputyId::new(2)] }),
    ///     Command::new(day, lead, Action::Submit),
    ///     Command::new(day, Actor::Office(PersonId::new(100)), Action::Register { checks: ReviewChecks::PASSED }),
    /// ] {
    ///     s.handle(&c, &policy, &WeekendCalendar)?;
    /// }
    /// let mut reg = Register::new(2025);
    /// reg.insert(s)?;
    /// let mapping = DutyActs {
    ///     lead: Some(Code::new("lead")?),
    ///     co_signer: Some(Code::new("co_signer")?),
    ///     registered: Some(Qualifier::new("filed")?),
    ///     shares: true,
    ///     ..DutyActs::default()
    /// };
    /// let acts = reg.duty_acts(Period::year(2025)?, &mapping);
    /// assert_eq!(acts.len(), 2);
    /// assert_eq!(acts[1].deputy, DeputyId::new(2));
    /// assert_eq!(acts[1].role().map(|r| r.to_string()), Some("co_signer".into()));
    /// assert!(acts[1].qualifiers.contains(Qualifier::new("filed")?));
    /// assert_eq!(acts[1].share().map(|s| (s.position, s.of)), Some((2, 2)));
    /// assert_eq!(acts[0].item(), Some(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn duty_acts(&self, period: Period, mapping: &DutyActs) -> Vec<Act> {
        let mut out = Vec::new();
        for s in self.iter() {
            acts_of(s, period, mapping, &mut out);
        }
        out
    }
}

fn acts_of(s: &Suggestion, period: Period, mapping: &DutyActs, out: &mut Vec<Act>) {
    let st = s.state();
    // An item in a group's name is not one deputy's act: its convenor
    // drafted it for the group.
    let (Some(lead), Some(on), None) = (st.lead, st.submitted_on, st.group) else {
        return;
    };
    if !period.contains(on) {
        return;
    }
    let registered = st.registered_on.is_some();
    let class = st.last_reply.map(|r| r.class);
    let proposers = core::iter::once(lead).chain(st.co_signers.iter().copied());
    let of = u32::try_from(st.co_signers.len())
        .ok()
        .and_then(|n| n.checked_add(1));
    for (place, deputy) in (0_u32..).zip(proposers) {
        let id = (u64::from(st.id.get()) << 32) | u64::from(place);
        let mut act = Act::new(
            RecordId::new(id),
            deputy,
            on,
            StandardKind::SubmitSuggestion.into(),
        )
        .with_item(u64::from(st.id.get()));
        let role = if place == 0 {
            mapping.lead
        } else {
            mapping.co_signer
        };
        if let Some(role) = role {
            act = act.with_role(role);
        }
        if let (true, Some(of), Some(position)) = (mapping.shares, of, place.checked_add(1)) {
            act = act.with_share(position, of);
        }
        if let (true, Some(q)) = (registered, mapping.registered) {
            act = act.with_qualifier(q);
        }
        if let (true, Some(q)) = (st.key.is_some(), mapping.key) {
            act = act.with_qualifier(q);
        }
        if let Some(q) = class.and_then(|c| {
            mapping
                .classes
                .iter()
                .find(|(code, _)| *code == c)
                .map(|(_, q)| *q)
        }) {
            act = act.with_qualifier(q);
        }
        out.push(act);
    }
}

//! The aggregate: a suggestion's state together with its audit trail.

use super::{
    Command, Digest, Event, Policy, SuggestionError, SuggestionState, TrailEntry, apply_entry,
    decide,
};
use crate::common::{Calendar, SuggestionId};

/// One suggestion: its state and its append-only audit trail. Commands go
/// through [`Suggestion::handle`]; a refused command changes nothing and
/// leaves no entry. Its serde form is the id and the trail only; the state is
/// rebuilt (and the trail checked) while loading.
///
/// Cost of loading: one SHA-256 per entry (linear in the trail's size),
/// then [`Suggestion::replay`] (linear in the trail for a usual item,
/// quadratic at worst); memory: the trail and the state.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
/// use deputy_work::suggestion::{Action, Actor, Command, Policy, StageKind, Suggestion};
/// let policy = Policy::seed();
/// let lead = Actor::Deputy(DeputyId::new(1));
/// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let mut s = Suggestion::new(SuggestionId::new(1));
/// s.handle(&Command::new(date, lead, Action::Draft { title: "修缮乡村道路".into(), co_signers: vec![DeputyId::new(2)] }), &policy, &WeekendCalendar)?;
/// s.handle(&Command::new(date, lead, Action::Submit), &policy, &WeekendCalendar)?;
/// assert_eq!(s.state().stage.kind(), StageKind::Submitted);
/// assert_eq!(s.trail().len(), 2);
/// assert_eq!(s.title(), Some("修缮乡村道路"));
/// // A co-signer may not withdraw: refused, nothing recorded.
/// let co = Actor::Deputy(DeputyId::new(2));
/// assert!(s.handle(&Command::new(date, co, Action::Withdraw), &policy, &WeekendCalendar).is_err());
/// assert_eq!(s.trail().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SuggestionData", into = "SuggestionData")
)]
pub struct Suggestion {
    state: SuggestionState,
    trail: Vec<TrailEntry>,
}

/// The serde form of a [`Suggestion`]: its id and trail.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestionData {
    id: SuggestionId,
    trail: Vec<TrailEntry>,
}

#[cfg(feature = "serde")]
impl TryFrom<SuggestionData> for Suggestion {
    type Error = SuggestionError;
    /// Checks the digest chain (as [`verify_chain`](super::verify_chain),
    /// which needs no policy, but letting through entries stored before
    /// digests were added), then replays the trail: an entry edited in
    /// storage is refused, not loaded.
    fn try_from(d: SuggestionData) -> Result<Self, Self::Error> {
        super::verify::check_stored_chain(d.id, &d.trail)?;
        Self::replay(d.id, d.trail)
    }
}

#[cfg(feature = "serde")]
impl From<Suggestion> for SuggestionData {
    fn from(s: Suggestion) -> Self {
        Self {
            id: s.state.id,
            trail: s.trail,
        }
    }
}

impl Suggestion {
    /// A suggestion with nothing recorded yet.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{StageKind, Suggestion};
    /// let s = Suggestion::new(SuggestionId::new(1));
    /// assert_eq!(s.state().stage.kind(), StageKind::Empty);
    /// assert!(s.trail().is_empty());
    /// ```
    #[must_use]
    pub const fn new(id: SuggestionId) -> Self {
        Self {
            state: SuggestionState::new(id),
            trail: Vec::new(),
        }
    }

    /// Rebuilds a suggestion from a stored trail.
    ///
    /// Cost: one [`apply_entry`] per entry, each linear in the entry and in
    /// the state's lists it checks (a feedback looks its deputy up among the
    /// proposers and the verdicts so far), so linear in the trail for a usual
    /// item and quadratic at worst; memory: the state and the trail.
    ///
    /// # Errors
    /// The first entry that does not replay: [`SuggestionError::OutOfSequence`],
    /// [`SuggestionError::DateGoesBack`], [`SuggestionError::UnsupportedVersion`]
    /// or [`SuggestionError::ImpossibleEvent`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, SuggestionId};
    /// use deputy_work::suggestion::{Actor, Event, Suggestion, SuggestionError, TrailEntry};
    /// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let bad = vec![TrailEntry::new(1, date, Actor::Deputy(DeputyId::new(1)), Event::Submitted)];
    /// assert!(matches!(Suggestion::replay(SuggestionId::new(1), bad), Err(SuggestionError::ImpossibleEvent { seq: 1, .. })));
    /// ```
    pub fn replay(id: SuggestionId, trail: Vec<TrailEntry>) -> Result<Self, SuggestionError> {
        let mut state = SuggestionState::new(id);
        for entry in &trail {
            apply_entry(&mut state, entry)?;
        }
        Ok(Self { state, trail })
    }

    /// Decides the command and, if accepted, applies its events and appends
    /// them to the trail. Returns the new trail entries.
    ///
    /// Cost: that of [`decide`], plus a copy of the state and a digest of
    /// each new entry (linear in the entry); the trail grows by the entries.
    ///
    /// # Errors
    /// Whatever [`decide`] refuses; then nothing changed.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{Action, Actor, Command, Policy, Suggestion, SuggestionError};
    /// let mut s = Suggestion::new(SuggestionId::new(1));
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let lead = Actor::Deputy(DeputyId::new(1));
    /// let draft = Command::new(day, lead, Action::Draft { title: "修路".into(), co_signers: vec![] });
    /// let recorded = s.handle(&draft, &Policy::seed(), &WeekendCalendar)?;
    /// assert_eq!((recorded.len(), recorded[0].seq, recorded[0].event.name()), (1, 1, "drafted"));
    /// // Drafting twice is refused, and leaves no entry.
    /// let again = s.handle(&draft, &Policy::seed(), &WeekendCalendar);
    /// assert!(matches!(again, Err(SuggestionError::WrongStage { .. })));
    /// assert_eq!(s.trail().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle<C: Calendar + ?Sized>(
        &mut self,
        command: &Command,
        policy: &Policy,
        calendar: &C,
    ) -> Result<&[TrailEntry], SuggestionError> {
        let events = decide(&self.state, command, policy, calendar)?;
        self.commit(command, events)
    }

    /// Applies already-decided events as entries of `command`'s date and
    /// actor; all or nothing.
    pub(crate) fn commit(
        &mut self,
        command: &Command,
        events: Vec<Event>,
    ) -> Result<&[TrailEntry], SuggestionError> {
        let mut next = self.state.clone();
        let mut entries = Vec::with_capacity(events.len());
        let mut prev = self.head();
        for event in events {
            let seq = next
                .seq
                .checked_add(1)
                .ok_or(SuggestionError::OutOfSequence {
                    expected: next.seq,
                    found: next.seq,
                })?;
            let mut entry = TrailEntry::new(seq, command.date, command.actor, event);
            entry.time = command.time;
            entry.prev = prev;
            prev = Digest::of(&entry);
            apply_entry(&mut next, &entry)?;
            entries.push(entry);
        }
        let start = self.trail.len();
        self.state = next;
        self.trail.extend(entries);
        let new = self.trail.get(start..);
        debug_assert!(
            new.is_some(),
            "the trail only grew, so its old length is in range"
        );
        Ok(new.unwrap_or_default())
    }

    /// The suggestion's id.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::Suggestion;
    /// assert_eq!(Suggestion::new(SuggestionId::new(7)).id(), SuggestionId::new(7));
    /// ```
    #[must_use]
    pub const fn id(&self) -> SuggestionId {
        self.state.id
    }

    /// The current state.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let first = register.get(SuggestionId::new(1)).unwrap();
    /// assert!(first.state().is_closed() && first.state().is_key());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn state(&self) -> &SuggestionState {
        &self.state
    }

    /// The audit trail, oldest first.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let names: Vec<&str> = register.get(SuggestionId::new(1)).unwrap().trail().iter().map(|e| e.event.name()).collect();
    /// assert_eq!(names, ["drafted", "submitted", "registered", "assigned", "marked_key", "replied", "feedback_given", "closed"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn trail(&self) -> &[TrailEntry] {
        &self.trail
    }

    /// The digest of the last trail entry (the suggestion's
    /// [genesis](Digest::genesis) digest with none): what a
    /// platform keeps apart from the trail to catch an edit of the last
    /// entry or a trail cut short. Cost: one SHA-256 of an entry.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{Action, Actor, Command, Digest, Policy, Suggestion};
    /// let mut s = Suggestion::new(SuggestionId::new(1));
    /// assert_eq!(s.head(), Digest::genesis(SuggestionId::new(1)));
    /// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// let draft = Action::Draft { title: "修路".into(), co_signers: vec![] };
    /// s.handle(&Command::new(date, Actor::Deputy(DeputyId::new(1)), draft), &Policy::seed(), &WeekendCalendar)?;
    /// assert_eq!(s.head(), Digest::of(&s.trail()[0]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn head(&self) -> Digest {
        self.trail
            .last()
            .map_or_else(|| Digest::genesis(self.state.id), Digest::of)
    }

    /// The reminders (催办) recorded, each weighed by who gave it
    /// ([`UrgeWeights`](super::UrgeWeights) in the policy). Cost: one pass
    /// over the trail.
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{Policy, Suggestion};
    /// assert_eq!(Suggestion::new(SuggestionId::new(1)).urge_weight(&Policy::seed()), 0);
    /// ```
    #[must_use]
    pub fn urge_weight(&self, policy: &Policy) -> u64 {
        let w = policy.urge_weights();
        let mut total = 0_u64;
        for e in self
            .trail
            .iter()
            .filter(|e| matches!(e.event, Event::Reminded))
        {
            let next = total.checked_add(u64::from(w.of(&e.actor)));
            debug_assert!(
                next.is_some(),
                "u32 weights over a trail held in memory cannot pass u64::MAX"
            );
            total = next.unwrap_or(u64::MAX);
        }
        total
    }

    /// The title, as drafted (kept in the trail, not copied into the state).
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{samples, Suggestion};
    /// let register = samples::ordos_2025()?;
    /// assert_eq!(register.get(SuggestionId::new(1)).unwrap().title(), Some("建议1"));
    /// assert_eq!(Suggestion::new(SuggestionId::new(2)).title(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.trail.iter().find_map(|e| match &e.event {
            Event::Drafted { title, .. } | Event::DraftedForGroup { title, .. } => {
                Some(title.as_str())
            }
            _ => None,
        })
    }
}

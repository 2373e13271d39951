//! Verifying a stored trail: the digest chain, and every event re-decided
//! by the rules from the state before it.

use super::command::decide_into;
use super::{
    Action, Command, Digest, Event, Policy, ReviewChecks, SuggestionError, SuggestionState,
    TrailEntry, apply_entry,
};
use crate::common::{Calendar, SuggestionId};

/// A trail that verified: the state after its last entry and its head (the
/// digest of its last entry).
///
/// ```
/// use deputy_work::common::{SuggestionId, WeekendCalendar};
/// use deputy_work::suggestion::{verify, Digest, Policy, StageKind};
/// let v = verify(SuggestionId::new(1), &[], &Policy::seed(), &WeekendCalendar)?;
/// assert_eq!(v.state.stage.kind(), StageKind::Empty);
/// assert_eq!(v.head, Digest::genesis(SuggestionId::new(1)));
/// v.expect_head(Digest::genesis(SuggestionId::new(1)))?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The state after the last entry (the same as replaying the trail).
    pub state: SuggestionState,
    /// The digest of the last entry (the suggestion's
    /// [genesis](Digest::genesis) digest for an empty trail).
    pub head: Digest,
}

impl Verified {
    /// Checks the head against the one kept apart from the trail.
    ///
    /// # Errors
    /// [`SuggestionError::HeadMismatch`] if they differ: the last entry was
    /// changed, or entries were cut off or added at the end.
    ///
    /// ```
    /// use deputy_work::common::{SuggestionId, WeekendCalendar};
    /// use deputy_work::suggestion::{verify, Digest, Policy, SuggestionError};
    /// let v = verify(SuggestionId::new(1), &[], &Policy::seed(), &WeekendCalendar)?;
    /// assert!(v.expect_head(Digest::genesis(SuggestionId::new(1))).is_ok());
    /// assert!(matches!(v.expect_head(Digest::ZERO), Err(SuggestionError::HeadMismatch { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expect_head(&self, expected: Digest) -> Result<(), SuggestionError> {
        if self.head == expected {
            Ok(())
        } else {
            Err(SuggestionError::HeadMismatch {
                expected,
                found: self.head,
            })
        }
    }
}

/// Checks the digest chain alone (no policy needed): every entry's `prev`
/// is the digest of the entry before it, and the first entry's is the
/// genesis digest of suggestion `id`. Returns the head. Cost: one SHA-256
/// per entry.
///
/// # Errors
/// [`SuggestionError::BrokenChain`] naming the first entry whose `prev`
/// does not match.
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, SuggestionId, WeekendCalendar};
/// use deputy_work::suggestion::{verify_chain, Action, Actor, Command, Policy, Suggestion, SuggestionError};
/// let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let lead = Actor::Deputy(DeputyId::new(1));
/// let mut s = Suggestion::new(SuggestionId::new(1));
/// s.handle(&Command::new(date, lead, Action::Draft { title: "修路".into(), co_signers: vec![] }), &Policy::seed(), &WeekendCalendar)?;
/// s.handle(&Command::new(date, lead, Action::Submit), &Policy::seed(), &WeekendCalendar)?;
/// assert_eq!(verify_chain(s.id(), s.trail())?, s.head());
/// // Another suggestion's trail does not verify under this id.
/// assert_eq!(verify_chain(SuggestionId::new(2), s.trail()), Err(SuggestionError::BrokenChain { seq: 1 }));
/// let mut edited = s.trail().to_vec();
/// edited[0].date = NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
/// assert_eq!(verify_chain(s.id(), &edited), Err(SuggestionError::BrokenChain { seq: 2 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_chain(id: SuggestionId, trail: &[TrailEntry]) -> Result<Digest, SuggestionError> {
    let mut prev = Digest::genesis(id);
    for entry in trail {
        if entry.prev != prev {
            return Err(SuggestionError::BrokenChain { seq: entry.seq });
        }
        prev = Digest::of(entry);
    }
    Ok(prev)
}

/// The digest chain of a trail read from storage: [`verify_chain`], except
/// that entries stored before digests were added (a first run of entries
/// whose `prev` is zero) are let through, so that such trails still load.
/// From the first entry with a digest on, every entry must chain (the first
/// on the genesis digest or on the entry before it). Cost: one SHA-256 per
/// entry.
#[cfg(feature = "serde")]
pub(crate) fn check_stored_chain(
    id: SuggestionId,
    trail: &[TrailEntry],
) -> Result<(), SuggestionError> {
    let mut before = Digest::genesis(id);
    let mut legacy = true;
    for entry in trail {
        legacy = legacy && entry.prev == Digest::ZERO;
        if !legacy && entry.prev != before {
            return Err(SuggestionError::BrokenChain { seq: entry.seq });
        }
        before = Digest::of(entry);
    }
    Ok(())
}

/// Verifies a stored trail against the policy: re-decides every recorded
/// command from the state before it and refuses any entry the rules would
/// not have produced (a reply class the policy does not know, a `late` flag
/// or a due date the rules would have set otherwise, a unit replying to an
/// item not assigned to it, an entry of another suggestion, …), and checks
/// the digest chain as it goes. The calendar must be the one the trail was
/// decided with (it sets the dispute windows).
///
/// Each run of entries that one command recorded (same date and actor) is
/// re-decided as that command: the command is read back from its first
/// event (a `replied` entry was a reply with its class, a `feedback_given`
/// entry feedback with its verdict, …) and the rules' events must equal the
/// recorded ones, in order. Cost: what deciding and applying the trail's
/// commands cost (see [`decide`](super::decide): linear in the trail for a
/// usual item, quadratic at worst in its lists, plus a calendar walk of
/// every assignment's dispute window) and one SHA-256 per entry; memory:
/// the state and one command's events.
///
/// # Errors
/// The first entry that fails: [`SuggestionError::BrokenChain`],
/// [`SuggestionError::NotByTheRules`] (with the rules' refusal or what they
/// would have recorded), or what replaying it refuses
/// ([`SuggestionError::OutOfSequence`], [`SuggestionError::DateGoesBack`],
/// [`SuggestionError::UnsupportedVersion`]).
///
/// ```
/// use chrono::NaiveDate;
/// use deputy_work::common::{DeputyId, PersonId, SuggestionId, UnitId, WeekendCalendar};
/// use deputy_work::suggestion::{verify, Action, Actor, Code, Command, Event, Policy, ReviewChecks, Suggestion, SuggestionError};
/// let policy = Policy::seed();
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let lead = Actor::Deputy(DeputyId::new(1));
/// let office = Actor::Office(PersonId::new(100));
/// let mut s = Suggestion::new(SuggestionId::new(1));
/// for c in [
///     Command::new(d(1, 6), lead, Action::Draft { title: "改善农村供水".into(), co_signers: vec![] }),
///     Command::new(d(1, 7), lead, Action::Submit),
///     Command::new(d(1, 10), office, Action::Register { checks: ReviewChecks::PASSED }),
///     Command::new(d(1, 15), office, Action::Assign { lead_unit: UnitId::new(31), co_units: vec![] }),
///     Command::new(d(3, 20), Actor::Unit(UnitId::new(31)), Action::Reply { class: "A".into() }),
/// ] {
///     s.handle(&c, &policy, &WeekendCalendar)?;
/// }
/// let v = verify(s.id(), s.trail(), &policy, &WeekendCalendar)?;
/// assert_eq!(&v.state, s.state());
///
/// // A reply class edited to one the policy does not have is refused, even
/// // with its digests recomputed.
/// let mut edited = s.trail().to_vec();
/// if let Event::Replied { reply } = &mut edited[4].event {
///     reply.class = Code::new("Z")?;
/// }
/// let err = verify(s.id(), &edited, &policy, &WeekendCalendar).unwrap_err();
/// assert!(matches!(err, SuggestionError::NotByTheRules { seq: 5, .. }));
/// assert_eq!(err.message_zh(), "第 5 条审计记录（“答复代表”，replied）不符合办理规则：“Z”不是办理办法规定的答复类别");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify<C: Calendar + ?Sized>(
    id: SuggestionId,
    trail: &[TrailEntry],
    policy: &Policy,
    calendar: &C,
) -> Result<Verified, SuggestionError> {
    let mut state = SuggestionState::new(id);
    let mut prev = Digest::genesis(id);
    let mut at = 0_usize;
    // One buffer for every command's events.
    let mut events = Vec::new();
    while let Some(first) = trail.get(at) {
        // Why the first candidate fails, in English and in Chinese.
        let mut reason: Option<(String, String)> = None;
        let mut recorded = 0_usize;
        for command in (0..2).filter_map(|i| command_for(first, i)) {
            events.clear();
            match decide_into(&state, &command, policy, calendar, &mut events) {
                Ok(()) => {
                    let run = at
                        .checked_add(events.len())
                        .and_then(|end| trail.get(at..end));
                    // The first recorded entry that is not what the rules
                    // decide (date, time, actor and event alike).
                    let mismatch = run.map(|run| {
                        run.iter().zip(&events).find(|(entry, event)| {
                            entry.date != command.date
                                || entry.time != command.time
                                || entry.actor != command.actor
                                || entry.event != **event
                        })
                    });
                    let found = match mismatch {
                        Some(None) => {
                            recorded = events.len();
                            break;
                        }
                        Some(Some((entry, event))) => (
                            format!("the rules record {event:?} as entry {}", entry.seq),
                            format!("按规则第 {} 条应记录为：{event}", entry.seq),
                        ),
                        None => (
                            format!(
                                "the rules record {} entries here, and the trail ends first",
                                events.len()
                            ),
                            format!("按规则此处应记录 {} 条，审计记录却已结束", events.len()),
                        ),
                    };
                    // The first candidate's reason is the one to give.
                    reason = reason.or(Some(found));
                }
                Err(e) => reason = reason.or_else(|| Some((e.to_string(), e.message_zh()))),
            }
        }
        if recorded == 0 {
            let (reason, reason_zh) = reason.unwrap_or_else(|| {
                (
                    format!("no command records `{}` first", first.event.name()),
                    format!("没有命令会首先记录“{}”", first.event.label_zh()),
                )
            });
            return Err(SuggestionError::NotByTheRules {
                seq: first.seq,
                event: first.event.name(),
                reason,
                reason_zh,
            });
        }
        let run = at
            .checked_add(recorded)
            .and_then(|end| Some((end, trail.get(at..end)?)));
        debug_assert!(run.is_some(), "the run the rules matched is in the trail");
        let Some((end, run)) = run else {
            return Err(SuggestionError::NotByTheRules {
                seq: first.seq,
                event: first.event.name(),
                reason: "the rules' entries run past the trail".to_owned(),
                reason_zh: "按规则的记录超出审计记录的末尾".to_owned(),
            });
        };
        for entry in run {
            if entry.prev != prev {
                return Err(SuggestionError::BrokenChain { seq: entry.seq });
            }
            apply_entry(&mut state, entry)?;
            prev = Digest::of(entry);
        }
        at = end;
    }
    Ok(Verified { state, head: prev })
}

/// The commands that could have recorded `entry` as their first event, by
/// candidate number (two for an assignment: a first one, or one after a
/// dispute; one for every other event), built only when asked for.
fn command_for(entry: &TrailEntry, candidate: u8) -> Option<Command> {
    let c = |action| {
        let mut command = Command::new(entry.date, entry.actor, action);
        command.time = entry.time;
        Some(command)
    };
    let one = |action| if candidate == 0 { c(action) } else { None };
    match &entry.event {
        Event::Drafted {
            title, co_signers, ..
        } => one(Action::Draft {
            title: title.clone(),
            co_signers: co_signers.clone(),
        }),
        Event::Submitted => one(Action::Submit),
        Event::Registered => one(Action::Register {
            checks: ReviewChecks::PASSED,
        }),
        Event::NotRegistered {
            reason,
            reference_opinion,
        } => one(Action::Decline {
            reason: reason.as_str().to_owned(),
            reference_opinion: *reference_opinion,
        }),
        Event::Withdrawn => one(Action::Withdraw),
        Event::MergedInto { primary } => one(Action::MergeInto { primary: *primary }),
        Event::Absorbed { item } => one(Action::Absorb { item: *item }),
        Event::Assigned {
            lead_unit,
            co_units,
            ..
        } => match candidate {
            0 => c(Action::Assign {
                lead_unit: *lead_unit,
                co_units: co_units.clone(),
            }),
            1 => c(Action::Reassign {
                lead_unit: *lead_unit,
                co_units: co_units.clone(),
            }),
            _ => None,
        },
        Event::Disputed { reason, .. } => one(Action::Dispute {
            reason: reason.clone(),
        }),
        Event::ViewsSent { .. } => one(Action::SendViews),
        Event::ExtensionRequested { until, .. } => one(Action::RequestExtension { until: *until }),
        Event::ExtensionGranted { unit, .. } => one(Action::GrantExtension { unit: *unit }),
        Event::Replied { reply } | Event::UnitReplied { reply, .. } => one(Action::Reply {
            class: reply.class.as_str().to_owned(),
        }),
        Event::FeedbackGiven { feedback } => one(Action::Feedback {
            verdict: feedback.verdict,
            attitude: feedback.attitude,
        }),
        Event::Closed { .. } => one(Action::Close),
        Event::MarkedKey { key } => one(Action::MarkKey {
            leader: key.leader,
            committee: key.committee,
        }),
        Event::Reminded => one(Action::Remind),
        Event::LookBackStarted { .. } => one(Action::LookBack),
        Event::FollowUpReplied { reply, .. } => one(Action::FollowUpReply {
            class: reply.class.as_str().to_owned(),
        }),
        Event::DraftedForGroup { title, group } => one(Action::DraftForGroup {
            title: title.clone(),
            group: *group,
        }),
        Event::AssignedSeparately { units, .. } => one(Action::AssignSeparately {
            units: units.clone(),
        }),
        Event::Accepted { .. } => one(Action::Accept),
        Event::SelfHandlingStarted { .. } => one(Action::HandleSelf),
        Event::Contacted {
            deputy,
            phase,
            face_to_face,
        } => one(Action::Contact {
            deputy: *deputy,
            phase: *phase,
            face_to_face: *face_to_face,
        }),
        Event::MarkedConfidential => one(Action::MarkConfidential),
        Event::Linked { earlier } => one(Action::Link {
            earlier: earlier.clone(),
        }),
        Event::CarriedOver { year, decision } => one(Action::CarryOver {
            year: *year,
            decision: decision.clone(),
        }),
        // Only ever recorded after another event of the same command.
        Event::RehandlingOrdered { .. } | Event::Escalated => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::common::{DeputyId, PersonId, UnitId, WeekendCalendar};
    use crate::suggestion::{Actor, Suggestion};

    /// A suggestion drafted, submitted, registered and assigned: four
    /// chained entries.
    #[cfg(feature = "serde")]
    fn four_entries() -> Suggestion {
        let d = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        let lead = Actor::Deputy(DeputyId::new(1));
        let office = Actor::Office(PersonId::new(100));
        let mut s = Suggestion::new(SuggestionId::new(1));
        for c in [
            Command::new(
                d,
                lead,
                Action::Draft {
                    title: "修路".into(),
                    co_signers: vec![],
                },
            ),
            Command::new(d, lead, Action::Submit),
            Command::new(
                d,
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            Command::new(
                d,
                office,
                Action::Assign {
                    lead_unit: UnitId::new(31),
                    co_units: vec![],
                },
            ),
        ] {
            s.handle(&c, &Policy::seed(), &WeekendCalendar).unwrap();
        }
        s
    }

    #[test]
    #[cfg(feature = "serde")]
    fn a_stored_chain_is_checked_past_entries_stored_before_digests() {
        let s = four_entries();
        let id = s.id();
        let trail = s.trail().to_vec();
        assert_eq!(check_stored_chain(id, &trail), Ok(()));
        // Stored before digests: every `prev` zero.
        let mut legacy = trail.clone();
        for e in &mut legacy {
            e.prev = Digest::ZERO;
        }
        assert_eq!(check_stored_chain(id, &legacy), Ok(()));
        // An old trail continued by a build with digests: the entries after
        // the old ones chain on them.
        let mut continued = legacy.clone();
        continued[2].prev = Digest::of(&continued[1]);
        continued[3].prev = Digest::of(&continued[2]);
        assert_eq!(check_stored_chain(id, &continued), Ok(()));
        // Once an entry has a digest, a later one without is refused.
        let mut dropped = trail.clone();
        dropped[3].prev = Digest::ZERO;
        assert_eq!(
            check_stored_chain(id, &dropped),
            Err(SuggestionError::BrokenChain { seq: 4 })
        );
        // An entry edited: the next entry's digest of it no longer holds.
        let mut edited = trail.clone();
        edited[1].date = NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
        assert_eq!(
            check_stored_chain(id, &edited),
            Err(SuggestionError::BrokenChain { seq: 3 })
        );
        // Another suggestion's id: the genesis digest differs.
        assert_eq!(
            check_stored_chain(SuggestionId::new(2), &trail),
            Err(SuggestionError::BrokenChain { seq: 1 })
        );
    }

    #[test]
    fn a_refusal_names_what_the_rules_record_in_chinese_too() {
        let policy = Policy::seed();
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let lead = Actor::Deputy(DeputyId::new(1));
        let office = Actor::Office(PersonId::new(100));
        let mut s = Suggestion::new(SuggestionId::new(1));
        for c in [
            Command::new(
                d(1, 6),
                lead,
                Action::Draft {
                    title: "修路".into(),
                    co_signers: vec![],
                },
            ),
            Command::new(d(1, 7), lead, Action::Submit),
            Command::new(
                d(1, 10),
                office,
                Action::Register {
                    checks: ReviewChecks::PASSED,
                },
            ),
            Command::new(
                d(1, 15),
                office,
                Action::Assign {
                    lead_unit: UnitId::new(31),
                    co_units: vec![],
                },
            ),
            Command::new(
                d(3, 20),
                Actor::Unit(UnitId::new(31)),
                Action::Reply { class: "A".into() },
            ),
        ] {
            s.handle(&c, &policy, &WeekendCalendar).unwrap();
        }
        let mut edited = s.trail().to_vec();
        if let Event::Replied { reply } = &mut edited[4].event {
            reply.late = true;
        }
        let err = verify(s.id(), &edited, &policy, &WeekendCalendar).unwrap_err();
        assert!(
            err.to_string().contains("the rules record Replied"),
            "{err}"
        );
        assert_eq!(
            err.message_zh(),
            "第 5 条审计记录（“答复代表”，replied）不符合办理规则：按规则第 5 条应记录为：答复代表：A类"
        );
        let cut = &s.trail()[..0];
        assert!(verify(s.id(), cut, &policy, &WeekendCalendar).is_ok());
        let escalated = [TrailEntry::new(1, d(1, 6), lead, Event::Escalated)];
        let err = verify(s.id(), &escalated, &policy, &WeekendCalendar).unwrap_err();
        assert!(
            err.message_zh()
                .ends_with("没有命令会首先记录“面商或专题说明”"),
            "{}",
            err.message_zh()
        );
    }
}

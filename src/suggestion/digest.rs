//! Trail digests: each entry carries the SHA-256 digest of the entry before
//! it, over a canonical encoding, so an edited trail is caught without the
//! policy. The encoding is documented on [`Digest`].

use core::fmt;
use core::str::FromStr;

use chrono::{Datelike, NaiveDate, Timelike};
use sha2::{Digest as _, Sha256};

use crate::common::SuggestionId;

use super::{
    Actor, ContactPhase, Deadline, Event, Feedback, FeedbackRecord, GroupKind, KeyFlag, MergedItem,
    ReplyRecord, TrailEntry,
};

/// A SHA-256 digest of a trail entry: shown and stored as 64 lowercase hex
/// digits.
///
/// # The canonical encoding
///
/// An entry is encoded as bytes, big-endian, fields in this order, with no
/// padding and no field names:
///
/// | field | bytes |
/// |---|---|
/// | tag | `b"DW-TRAIL-1"` (10 bytes) |
/// | `seq` | u64 |
/// | `date` | i32: days from 0001-01-01 (chrono's `num_days_from_ce`) |
/// | `time` | optional: 0, or 1 then seconds from midnight (u32) and nanoseconds (u32) |
/// | `actor` | u8 kind (1 deputy, 2 office, 3 unit, 4 supervisor, 5 standing committee), then the id as u32 (0 for the standing committee) |
/// | `v` | u16 |
/// | `prev` | the 32 bytes of the previous entry's digest (for the first entry, the suggestion's genesis digest) |
/// | event name | u8 length, then the UTF-8 of [`Event::name`] |
/// | event data | the event's fields in the order they are declared |
///
/// Field values: an id is a u32; a date as above; a bool one byte (0 or 1);
/// a code or a text a u32 length then UTF-8; a list a u32 count then its
/// items; an optional value a byte 0 (none) or 1 then the value; a
/// feedback verdict one byte (1 satisfied, 2 basically satisfied, 3
/// unsatisfied); a group kind one byte (1 delegation, 2 deputy group); a
/// contact phase one byte (1 before, 2 during, 3 after); a year an i32. A [`Deadline`] is its due date then its warning date; a
/// [`ReplyRecord`] its class, date and `late`; a [`FeedbackRecord`] its
/// deputy, verdict, optional attitude rating and date; a [`KeyFlag`] leader then committee; a
/// [`MergedItem`] its id then lead deputy; a proposer group its kind, group,
/// convenor and optional `via`; a linked item its id then `solved`.
///
/// An entry's digest is SHA-256 of its encoding. A suggestion's *genesis*
/// digest, the `prev` of its first entry, is SHA-256 of `b"DW-TRAIL-1"`
/// then its id as u32: a trail is bound to its suggestion, so another
/// suggestion's trail does not verify under this id. The digest of the last
/// entry is the trail's *head*: a platform that keeps the head apart from
/// the trail (or signs it) also catches an edit of the last entry, or a
/// trail cut short.
///
///
/// [`Event::name`]: super::Event::name
/// [`Deadline`]: super::Deadline
/// [`ReplyRecord`]: super::ReplyRecord
/// [`FeedbackRecord`]: super::FeedbackRecord
/// [`KeyFlag`]: super::KeyFlag
/// [`MergedItem`]: super::MergedItem
///
/// ```
/// use deputy_work::suggestion::Digest;
/// let d: Digest = "00".repeat(32).parse()?;
/// assert_eq!(d, Digest::ZERO);
/// assert_eq!(d.to_string().len(), 64);
/// assert!("xyz".parse::<Digest>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Digest([u8; 32]);

impl Digest {
    /// All zero: what a trail stored before digests reads as.
    pub const ZERO: Self = Self([0; 32]);

    /// The genesis digest of a suggestion: the `prev` of its trail's first
    /// entry (see [`Digest`]).
    ///
    /// ```
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::Digest;
    /// assert_ne!(Digest::genesis(SuggestionId::new(1)), Digest::genesis(SuggestionId::new(2)));
    /// ```
    #[must_use]
    pub fn genesis(id: SuggestionId) -> Self {
        let mut hasher = Sha256::new();
        hasher.put(b"DW-TRAIL-1");
        put_u32(&mut hasher, id.get());
        Self(hasher.finalize().into())
    }

    /// A digest from its 32 bytes.
    ///
    /// ```
    /// use deputy_work::suggestion::Digest;
    /// assert_eq!(Digest::from_bytes([0; 32]), Digest::ZERO);
    /// ```
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 bytes.
    ///
    /// ```
    /// use deputy_work::suggestion::Digest;
    /// assert_eq!(Digest::ZERO.as_bytes(), &[0; 32]);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The digest of one trail entry: SHA-256 of its canonical encoding
    /// (see [`Digest`]). Cost: linear in the entry's size.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::suggestion::{Actor, Digest, Event, TrailEntry};
    /// let date = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// let a = TrailEntry::new(1, date, Actor::StandingCommittee, Event::Reminded);
    /// let mut b = a.clone();
    /// b.seq = 2;
    /// assert_ne!(Digest::of(&a), Digest::of(&b));
    /// assert_eq!(Digest::of(&a), Digest::of(&a.clone()));
    /// ```
    #[must_use]
    pub fn of(entry: &TrailEntry) -> Self {
        let mut hasher = Sha256::new();
        encode_entry(entry, &mut hasher);
        Self(hasher.finalize().into())
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

/// A string that is not 64 hex digits.
///
/// ```
/// use deputy_work::suggestion::Digest;
/// let e = "12".parse::<Digest>().unwrap_err();
/// assert_eq!(e.to_string(), "not a digest: expected 64 hex digits, found 2 characters");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a digest: expected 64 hex digits, found {len} characters")]
pub struct ParseDigestError {
    /// How many characters the string had.
    pub len: usize,
}

impl FromStr for Digest {
    type Err = ParseDigestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = ParseDigestError {
            len: s.chars().count(),
        };
        let digits = s.as_bytes();
        if digits.len() != 64 {
            return Err(err);
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
            b'a'..=b'f' => Some(c.wrapping_sub(b'a').wrapping_add(10)),
            b'A'..=b'F' => Some(c.wrapping_sub(b'A').wrapping_add(10)),
            _ => None,
        };
        let mut out = [0_u8; 32];
        for (o, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            let [hi, lo] = pair else {
                return Err(err);
            };
            let (Some(hi), Some(lo)) = (nibble(*hi), nibble(*lo)) else {
                return Err(err);
            };
            // hi < 16, so the shift keeps every bit.
            *o = (hi << 4) | lo;
        }
        Ok(Self(out))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where an encoding goes: bytes kept (tests) or hashed as they come.
pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);
    fn push(&mut self, byte: u8) {
        self.put(&[byte]);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Sink for Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

fn put_u32(out: &mut impl Sink, v: u32) {
    out.put(&v.to_be_bytes());
}

fn put_len(out: &mut impl Sink, n: usize) {
    let len = u32::try_from(n);
    debug_assert!(
        len.is_ok(),
        "a title, reason or list in a trail entry is under 4 GiB"
    );
    // Were one longer, the encoding stays total: its bytes still differ from
    // any shorter entry's.
    put_u32(out, len.unwrap_or(u32::MAX));
}

fn put_text(out: &mut impl Sink, s: &str) {
    put_len(out, s.len());
    out.put(s.as_bytes());
}

fn put_date(out: &mut impl Sink, d: NaiveDate) {
    out.put(&d.num_days_from_ce().to_be_bytes());
}

fn put_bool(out: &mut impl Sink, b: bool) {
    out.push(u8::from(b));
}

fn put_deadline(out: &mut impl Sink, d: &Deadline) {
    put_date(out, d.due);
    put_date(out, d.warn_from);
}

fn put_reply(out: &mut impl Sink, r: &ReplyRecord) {
    put_text(out, r.class.as_str());
    put_date(out, r.on);
    put_bool(out, r.late);
}

fn put_feedback(out: &mut impl Sink, f: &FeedbackRecord) {
    put_u32(out, f.by.get());
    put_verdict(out, f.verdict);
    match f.attitude {
        None => out.push(0),
        Some(a) => {
            out.push(1);
            put_verdict(out, a);
        }
    }
    put_date(out, f.on);
}

fn put_verdict(out: &mut impl Sink, v: Feedback) {
    out.push(match v {
        Feedback::Satisfied => 1,
        Feedback::BasicallySatisfied => 2,
        Feedback::Unsatisfied => 3,
    });
}

fn put_key(out: &mut impl Sink, k: &KeyFlag) {
    put_u32(out, k.leader.get());
    put_u32(out, k.committee.get());
}

fn put_merged(out: &mut impl Sink, m: &MergedItem) {
    put_u32(out, m.id.get());
    put_u32(out, m.lead.get());
}

fn put_actor(out: &mut impl Sink, a: Actor) {
    let (kind, id) = match a {
        Actor::Deputy(d) => (1, d.get()),
        Actor::Office(p) => (2, p.get()),
        Actor::Unit(u) => (3, u.get()),
        Actor::Supervisor(p) => (4, p.get()),
        Actor::StandingCommittee => (5, 0),
    };
    out.push(kind);
    put_u32(out, id);
}

/// Appends the canonical encoding of `entry` to `out` (see the module docs).
pub(crate) fn encode_entry(entry: &TrailEntry, out: &mut impl Sink) {
    out.put(b"DW-TRAIL-1");
    out.put(&entry.seq.to_be_bytes());
    put_date(out, entry.date);
    match entry.time {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_u32(out, t.num_seconds_from_midnight());
            put_u32(out, t.nanosecond());
        }
    }
    put_actor(out, entry.actor);
    out.put(&entry.version.to_be_bytes());
    out.put(entry.prev.as_bytes());
    let name = entry.event.name();
    // Names are short ASCII constants (at most 20 bytes).
    out.push(u8::try_from(name.len()).unwrap_or(u8::MAX));
    out.put(name.as_bytes());
    match &entry.event {
        Event::Drafted {
            lead,
            title,
            co_signers,
        } => {
            put_u32(out, lead.get());
            put_text(out, title);
            put_len(out, co_signers.len());
            for d in co_signers {
                put_u32(out, d.get());
            }
        }
        Event::Submitted
        | Event::Registered
        | Event::Withdrawn
        | Event::Escalated
        | Event::Reminded
        | Event::MarkedConfidential => {}
        Event::NotRegistered {
            reason,
            reference_opinion,
        } => {
            put_text(out, reason.as_str());
            put_bool(out, *reference_opinion);
        }
        Event::MergedInto { primary } => put_u32(out, primary.get()),
        Event::Absorbed { item } => put_merged(out, item),
        Event::Assigned {
            lead_unit,
            co_units,
            reply,
            dispute_until,
            views_due,
        } => {
            put_u32(out, lead_unit.get());
            put_len(out, co_units.len());
            for u in co_units {
                put_u32(out, u.get());
            }
            put_deadline(out, reply);
            put_date(out, *dispute_until);
            put_date(out, *views_due);
        }
        Event::Disputed { unit, reason } => {
            put_u32(out, unit.get());
            put_text(out, reason);
        }
        Event::ViewsSent { unit, late } => {
            put_u32(out, unit.get());
            put_bool(out, *late);
        }
        Event::ExtensionRequested { unit, until } => {
            put_u32(out, unit.get());
            put_date(out, *until);
        }
        Event::ExtensionGranted { unit, reply } => {
            put_u32(out, unit.get());
            put_deadline(out, reply);
        }
        Event::RehandlingOrdered { reply }
        | Event::LookBackStarted { reply }
        | Event::SelfHandlingStarted { reply } => put_deadline(out, reply),
        Event::Replied { reply } => put_reply(out, reply),
        Event::FeedbackGiven { feedback } => put_feedback(out, feedback),
        Event::Closed {
            resolved,
            follow_up,
        } => {
            put_bool(out, *resolved);
            put_bool(out, *follow_up);
        }
        Event::MarkedKey { key } => put_key(out, key),
        Event::FollowUpReplied { reply, solved } => {
            put_reply(out, reply);
            put_bool(out, *solved);
        }
        Event::DraftedForGroup { title, group } => {
            put_text(out, title);
            out.push(match group.kind {
                GroupKind::Delegation => 1,
                GroupKind::DeputyGroup => 2,
            });
            put_u32(out, group.group.get());
            put_u32(out, group.convenor.get());
            match group.via {
                None => out.push(0),
                Some(u) => {
                    out.push(1);
                    put_u32(out, u.get());
                }
            }
        }
        Event::AssignedSeparately {
            units,
            reply,
            dispute_until,
        } => {
            put_len(out, units.len());
            for u in units {
                put_u32(out, u.get());
            }
            put_deadline(out, reply);
            put_date(out, *dispute_until);
        }
        Event::Accepted { unit } => put_u32(out, unit.get()),
        Event::UnitReplied { unit, reply } => {
            put_u32(out, unit.get());
            put_reply(out, reply);
        }
        Event::Contacted {
            deputy,
            phase,
            face_to_face,
        } => {
            put_u32(out, deputy.get());
            out.push(match phase {
                ContactPhase::Before => 1,
                ContactPhase::During => 2,
                ContactPhase::After => 3,
            });
            put_bool(out, *face_to_face);
        }
        Event::Linked { earlier } => {
            put_len(out, earlier.len());
            for l in earlier {
                put_u32(out, l.id.get());
                put_bool(out, l.solved);
            }
        }
        Event::CarriedOver { year, decision } => {
            out.put(&year.to_be_bytes());
            put_text(out, decision);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::DeputyId;

    #[test]
    fn hex_round_trips_and_is_lowercase() {
        let d = Digest::from_bytes(core::array::from_fn(|i| u8::try_from(i * 7 % 256).unwrap()));
        let s = d.to_string();
        assert_eq!(s.len(), 64);
        assert!(
            s.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        );
        assert_eq!(s.parse::<Digest>(), Ok(d));
        assert_eq!(s.to_uppercase().parse::<Digest>(), Ok(d));
        assert!(format!("{s}0").parse::<Digest>().is_err());
        assert!(s.replacen('0', "g", 1).parse::<Digest>().is_err() || !s.contains('0'));
        // 64 bytes but not ASCII hex: multibyte characters are refused.
        assert!("é".repeat(32).parse::<Digest>().is_err());
    }

    #[test]
    fn the_encoding_is_pinned() {
        // A known entry's digest: changing the encoding changes this, and
        // every stored trail's chain with it.
        let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        let e = TrailEntry::new(
            1,
            date,
            Actor::Deputy(DeputyId::new(1)),
            Event::Drafted {
                lead: DeputyId::new(1),
                title: "改善农村饮水安全".into(),
                co_signers: vec![DeputyId::new(2), DeputyId::new(3)],
            },
        );
        let mut bytes = Vec::new();
        encode_entry(&e, &mut bytes);
        let mut expected = b"DW-TRAIL-1".to_vec();
        expected.extend_from_slice(&1_u64.to_be_bytes());
        expected.extend_from_slice(&date.num_days_from_ce().to_be_bytes());
        expected.push(0);
        expected.extend_from_slice(&[1, 0, 0, 0, 1]);
        expected.extend_from_slice(&1_u16.to_be_bytes());
        expected.extend_from_slice(&[0; 32]);
        expected.push(7);
        expected.extend_from_slice(b"drafted");
        expected.extend_from_slice(&1_u32.to_be_bytes());
        expected.extend_from_slice(&24_u32.to_be_bytes());
        expected.extend_from_slice("改善农村饮水安全".as_bytes());
        expected.extend_from_slice(&2_u32.to_be_bytes());
        expected.extend_from_slice(&2_u32.to_be_bytes());
        expected.extend_from_slice(&3_u32.to_be_bytes());
        assert_eq!(bytes, expected);
        assert_eq!(
            Digest::of(&e),
            Digest::from_bytes(Sha256::digest(&expected).into())
        );
    }
}

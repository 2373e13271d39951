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
/// An entry is encoded as bytes, fields in this order, with no padding and
/// no field names:
///
/// | field | bytes |
/// |---|---|
/// | `prev` | the 32 bytes of the previous entry's digest (for the first entry, the suggestion's genesis digest) |
/// | `seq` | a number |
/// | `date` | a date |
/// | `time` | optional: 0, or 1 then seconds from midnight and nanoseconds, as numbers |
/// | `actor` | one byte for its kind (1 deputy, 2 office, 3 unit, 4 supervisor, 5 standing committee), then its id (0 for the standing committee) |
/// | `v` | a number |
/// | event | one byte: the event's code, its place in [`Event`]'s list from 1 (`drafted` 1, `submitted` 2, `registered` 3, `not_registered` 4, `withdrawn` 5, `merged_into` 6, `absorbed` 7, `assigned` 8, `disputed` 9, `views_sent` 10, `extension_requested` 11, `extension_granted` 12, `replied` 13, `feedback_given` 14, `rehandling_ordered` 15, `escalated` 16, `closed` 17, `marked_key` 18, `reminded` 19, `look_back_started` 20, `follow_up_replied` 21, `drafted_for_group` 22, `assigned_separately` 23, `accepted` 24, `self_handling_started` 25, `unit_replied` 26, `contacted` 27, `marked_confidential` 28, `linked` 29, `carried_over` 30) |
/// | event data | the event's fields in the order they are declared |
///
/// A *number* (a sequence number, an id, a count or a length) is unsigned
/// LEB128: seven bits per byte, lowest first, the high bit set on every
/// byte but the last. A *date* is its day count from 0001-01-01 (chrono's
/// `num_days_from_ce`), zigzag-mapped (0, -1, 1, -2, … to 0, 1, 2, 3, …)
/// then written as a number; a year likewise. A bool is one byte (0 or 1);
/// a code or a text its byte length then UTF-8; a list its count then its
/// items; an optional value a byte 0 (none) or 1 then the value; a feedback
/// verdict one byte (1 satisfied, 2 basically satisfied, 3 unsatisfied); a
/// group kind one byte (1 delegation, 2 deputy group); a contact phase one
/// byte (1 before, 2 during, 3 after). A [`Deadline`] is its due date then
/// its warning date; a [`ReplyRecord`] its class, date and `late`; a
/// [`FeedbackRecord`] its deputy, one byte for the verdict plus four times
/// the attitude rating (0 when there is none), then its date; a
/// [`KeyFlag`] leader then committee; a [`MergedItem`] its id then lead
/// deputy; a proposer group its kind, group, convenor and optional `via`;
/// a linked item its id then `solved`.
///
/// The encoding is compact on purpose: most entries (all but drafts,
/// assignments and long texts) fit one 64-byte SHA-256 block.
///
/// An entry's digest is SHA-256 of its encoding. A suggestion's *genesis*
/// digest, the `prev` of its first entry, is SHA-256 of `b"DW-TRAIL-2"`
/// then its id as a big-endian u32: a trail is bound to its suggestion, so
/// another suggestion's trail does not verify under this id. The digest of the last
/// entry is the trail's *head*: a platform that keeps the head apart from
/// the trail (or signs it) also catches an edit of the last entry, or a
/// trail cut short.
///
/// [`Event`]: super::Event
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
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use deputy_work::common::SuggestionId;
    /// use deputy_work::suggestion::{Actor, Digest, Event, TrailEntry};
    /// assert_eq!(Digest::ZERO.as_bytes(), &[0; 32]);
    /// assert_ne!(Digest::ZERO, Digest::genesis(SuggestionId::new(1)));
    /// let e = TrailEntry::new(1, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), Actor::StandingCommittee, Event::Reminded);
    /// assert_eq!(e.prev, Digest::ZERO, "not yet chained");
    /// ```
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
        hasher.put(b"DW-TRAIL-2");
        hasher.put(&id.get().to_be_bytes());
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
        let mut hasher = BlockHasher::new();
        encode_entry(entry, &mut hasher);
        Self(hasher.finish())
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

/// SHA-256 over an encoding written piece by piece: each full 64-byte block
/// goes straight to `sha2`'s compression function, so the many short
/// fields of an entry cost a copy each and no buffering logic. The padding
/// is FIPS 180-4, section 5.1.1; a test checks every length from 0 to 300
/// bytes against `Sha256::digest`.
struct BlockHasher {
    state: [u32; 8],
    block: [u8; 64],
    /// Bytes in `block`, always under 64.
    fill: usize,
    /// Blocks compressed so far.
    blocks: u64,
}

impl BlockHasher {
    /// SHA-256's initial hash value (FIPS 180-4, section 5.3.3).
    const IV: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];

    const fn new() -> Self {
        Self {
            state: Self::IV,
            block: [0; 64],
            fill: 0,
            blocks: 0,
        }
    }

    fn compress(&mut self) {
        sha2::block_api::compress256(&mut self.state, core::slice::from_ref(&self.block));
        self.blocks = self.blocks.wrapping_add(1);
        self.fill = 0;
    }

    fn finish(mut self) -> [u8; 32] {
        // The message length in bits: blocks of 512 bits plus the fill.
        let bits = self
            .blocks
            .wrapping_mul(512)
            .wrapping_add((self.fill as u64).wrapping_mul(8));
        self.push(0x80);
        if self.fill > 56 {
            // No room for the length: zeros to the end of this block.
            while self.fill != 0 {
                self.push(0);
            }
        }
        debug_assert!(self.fill <= 56, "a fill under 64 after the 0x80 byte");
        if let Some(zeros) = self.block.get_mut(self.fill..56) {
            zeros.fill(0);
        }
        if let Some(tail) = self.block.get_mut(56..) {
            tail.copy_from_slice(&bits.to_be_bytes());
        }
        self.compress();
        let mut out = [0_u8; 32];
        for (o, w) in out.chunks_exact_mut(4).zip(self.state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

impl BlockHasher {
    /// The general case of `put`: the bytes fill the block (perhaps
    /// several times over).
    #[cold]
    fn put_across(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = self.block.get_mut(self.fill..).filter(|r| !r.is_empty());
            debug_assert!(
                room.is_some(),
                "the fill stays under 64: a full block is compressed at once"
            );
            let Some(room) = room else {
                // Harmless: a full block is compressed, and the loop goes on.
                self.compress();
                continue;
            };
            let n = room.len().min(bytes.len());
            let (now, rest) = bytes.split_at(n);
            if let Some(dst) = room.get_mut(..n) {
                dst.copy_from_slice(now);
            }
            bytes = rest;
            // n is at most the room left, so the fill stays at most 64.
            self.fill = self.fill.wrapping_add(n);
            if self.fill == 64 {
                self.compress();
            }
        }
    }
}

impl Sink for BlockHasher {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        // The common case, inlined so that a field of known size is a
        // move of known size: the bytes fit the block with room to spare.
        let end = self.fill.wrapping_add(bytes.len());
        match self.block.get_mut(self.fill..end) {
            Some(dst) if end < 64 => {
                dst.copy_from_slice(bytes);
                self.fill = end;
            }
            _ => self.put_across(bytes),
        }
    }

    #[inline]
    fn push(&mut self, byte: u8) {
        debug_assert!(self.fill < 64, "a full block is compressed at once");
        if let Some(slot) = self.block.get_mut(self.fill) {
            *slot = byte;
            self.fill = self.fill.wrapping_add(1);
            if self.fill == 64 {
                self.compress();
            }
        }
    }
}

/// A number: unsigned LEB128.
#[inline]
fn put_num(out: &mut impl Sink, mut v: u64) {
    while v >= 0x80 {
        // The low seven bits, with the high bit saying more follow.
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn put_id(out: &mut impl Sink, v: u32) {
    put_num(out, u64::from(v));
}

fn put_len(out: &mut impl Sink, n: usize) {
    let len = u64::try_from(n);
    debug_assert!(
        len.is_ok(),
        "a usize fits in a u64 on every supported target"
    );
    put_num(out, len.unwrap_or(u64::MAX));
}

/// A signed number, zigzag-mapped: 0, -1, 1, -2, … to 0, 1, 2, 3, ….
fn put_signed(out: &mut impl Sink, v: i32) {
    put_num(
        out,
        u64::from(u32::from_ne_bytes(((v << 1) ^ (v >> 31)).to_ne_bytes())),
    );
}

fn put_text(out: &mut impl Sink, s: &str) {
    put_len(out, s.len());
    out.put(s.as_bytes());
}

fn put_date(out: &mut impl Sink, d: NaiveDate) {
    put_signed(out, d.num_days_from_ce());
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
    put_id(out, f.by.get());
    // The verdict and the attitude rating share a byte.
    out.push(verdict_code(f.verdict) | (f.attitude.map_or(0, verdict_code) << 2));
    put_date(out, f.on);
}

const fn verdict_code(v: Feedback) -> u8 {
    match v {
        Feedback::Satisfied => 1,
        Feedback::BasicallySatisfied => 2,
        Feedback::Unsatisfied => 3,
    }
}

fn put_key(out: &mut impl Sink, k: &KeyFlag) {
    put_id(out, k.leader.get());
    put_id(out, k.committee.get());
}

fn put_merged(out: &mut impl Sink, m: &MergedItem) {
    put_id(out, m.id.get());
    put_id(out, m.lead.get());
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
    put_id(out, id);
}

/// The event's code in the encoding: its place in [`Event`]'s list.
const fn event_code(event: &Event) -> u8 {
    match event {
        Event::Drafted { .. } => 1,
        Event::Submitted => 2,
        Event::Registered => 3,
        Event::NotRegistered { .. } => 4,
        Event::Withdrawn => 5,
        Event::MergedInto { .. } => 6,
        Event::Absorbed { .. } => 7,
        Event::Assigned { .. } => 8,
        Event::Disputed { .. } => 9,
        Event::ViewsSent { .. } => 10,
        Event::ExtensionRequested { .. } => 11,
        Event::ExtensionGranted { .. } => 12,
        Event::Replied { .. } => 13,
        Event::FeedbackGiven { .. } => 14,
        Event::RehandlingOrdered { .. } => 15,
        Event::Escalated => 16,
        Event::Closed { .. } => 17,
        Event::MarkedKey { .. } => 18,
        Event::Reminded => 19,
        Event::LookBackStarted { .. } => 20,
        Event::FollowUpReplied { .. } => 21,
        Event::DraftedForGroup { .. } => 22,
        Event::AssignedSeparately { .. } => 23,
        Event::Accepted { .. } => 24,
        Event::SelfHandlingStarted { .. } => 25,
        Event::UnitReplied { .. } => 26,
        Event::Contacted { .. } => 27,
        Event::MarkedConfidential => 28,
        Event::Linked { .. } => 29,
        Event::CarriedOver { .. } => 30,
    }
}

/// Appends the canonical encoding of `entry` to `out` (see the module docs).
pub(crate) fn encode_entry(entry: &TrailEntry, out: &mut impl Sink) {
    out.put(entry.prev.as_bytes());
    put_num(out, entry.seq);
    put_date(out, entry.date);
    match entry.time {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_id(out, t.num_seconds_from_midnight());
            put_id(out, t.nanosecond());
        }
    }
    put_actor(out, entry.actor);
    put_num(out, u64::from(entry.version));
    out.push(event_code(&entry.event));
    match &entry.event {
        Event::Drafted {
            lead,
            title,
            co_signers,
        } => {
            put_id(out, lead.get());
            put_text(out, title);
            put_len(out, co_signers.len());
            for d in co_signers {
                put_id(out, d.get());
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
        Event::MergedInto { primary } => put_id(out, primary.get()),
        Event::Absorbed { item } => put_merged(out, item),
        Event::Assigned {
            lead_unit,
            co_units,
            reply,
            dispute_until,
            views_due,
        } => {
            put_id(out, lead_unit.get());
            put_len(out, co_units.len());
            for u in co_units {
                put_id(out, u.get());
            }
            put_deadline(out, reply);
            put_date(out, *dispute_until);
            put_date(out, *views_due);
        }
        Event::Disputed { unit, reason } => {
            put_id(out, unit.get());
            put_text(out, reason);
        }
        Event::ViewsSent { unit, late } => {
            put_id(out, unit.get());
            put_bool(out, *late);
        }
        Event::ExtensionRequested { unit, until } => {
            put_id(out, unit.get());
            put_date(out, *until);
        }
        Event::ExtensionGranted { unit, reply } => {
            put_id(out, unit.get());
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
            put_id(out, group.group.get());
            put_id(out, group.convenor.get());
            match group.via {
                None => out.push(0),
                Some(u) => {
                    out.push(1);
                    put_id(out, u.get());
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
                put_id(out, u.get());
            }
            put_deadline(out, reply);
            put_date(out, *dispute_until);
        }
        Event::Accepted { unit } => put_id(out, unit.get()),
        Event::UnitReplied { unit, reply } => {
            put_id(out, unit.get());
            put_reply(out, reply);
        }
        Event::Contacted {
            deputy,
            phase,
            face_to_face,
        } => {
            put_id(out, deputy.get());
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
                put_id(out, l.id.get());
                put_bool(out, l.solved);
            }
        }
        Event::CarriedOver { year, decision } => {
            put_signed(out, *year);
            put_text(out, decision);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{DeputyId, UnitId};
    use crate::suggestion::Code;
    use chrono::NaiveTime;

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
    fn the_block_hasher_is_sha256() {
        let data: Vec<u8> = (0..300_u32).map(|i| (i * 31 % 251) as u8).collect();
        for len in 0..=300 {
            let msg = &data[..len];
            let expected: [u8; 32] = Sha256::digest(msg).into();
            // Whole, byte by byte, and in uneven pieces.
            let mut whole = BlockHasher::new();
            whole.put(msg);
            assert_eq!(whole.finish(), expected, "length {len}");
            let mut bytes = BlockHasher::new();
            for b in msg {
                bytes.push(*b);
            }
            assert_eq!(bytes.finish(), expected, "length {len}, byte by byte");
            let mut pieces = BlockHasher::new();
            for chunk in msg.chunks(7) {
                pieces.put(chunk);
            }
            assert_eq!(pieces.finish(), expected, "length {len}, in pieces");
        }
    }

    #[test]
    fn numbers_are_leb128_and_signed_ones_zigzag() {
        let enc = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut v = Vec::new();
            f(&mut v);
            v
        };
        assert_eq!(enc(&|o| put_num(o, 0)), [0]);
        assert_eq!(enc(&|o| put_num(o, 127)), [0x7f]);
        assert_eq!(enc(&|o| put_num(o, 128)), [0x80, 0x01]);
        assert_eq!(enc(&|o| put_num(o, 300)), [0xac, 0x02]);
        assert_eq!(
            enc(&|o| put_num(o, u64::MAX)),
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        );
        assert_eq!(enc(&|o| put_signed(o, 0)), [0]);
        assert_eq!(enc(&|o| put_signed(o, -1)), [1]);
        assert_eq!(enc(&|o| put_signed(o, 1)), [2]);
        assert_eq!(enc(&|o| put_signed(o, -2)), [3]);
        assert_eq!(enc(&|o| put_signed(o, 2025)), [0xd2, 0x1f]);
        assert_eq!(
            enc(&|o| put_signed(o, i32::MIN)),
            [0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn most_entries_fit_one_block() {
        // 55 bytes is what one SHA-256 block holds besides its padding.
        let date = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        let unit = UnitId::new(31);
        for event in [
            Event::Submitted,
            Event::ViewsSent { unit, late: false },
            Event::Replied {
                reply: ReplyRecord {
                    class: Code::new("A").unwrap(),
                    on: date,
                    late: false,
                },
            },
            Event::FeedbackGiven {
                feedback: FeedbackRecord {
                    by: DeputyId::new(100_000),
                    verdict: Feedback::Satisfied,
                    attitude: Some(Feedback::Satisfied),
                    on: date,
                },
            },
        ] {
            let mut e = TrailEntry::new(9, date, Actor::Deputy(DeputyId::new(100_000)), event);
            e.time = NaiveTime::from_hms_opt(23, 59, 59);
            let mut bytes = Vec::new();
            encode_entry(&e, &mut bytes);
            assert!(
                bytes.len() <= 55,
                "{} takes {} bytes",
                e.event.name(),
                bytes.len()
            );
        }
    }

    #[test]
    fn event_codes_are_distinct_and_follow_the_list() {
        let names: Vec<&str> = crate::suggestion::event::tests::every_event()
            .iter()
            .map(Event::name)
            .collect();
        let codes: Vec<u8> = crate::suggestion::event::tests::every_event()
            .iter()
            .map(event_code)
            .collect();
        assert_eq!(codes, (1..=30).collect::<Vec<u8>>(), "{names:?}");
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
        // 2025-01-06 is day 739,257 from 0001-01-01: zigzag 1,478,514,
        // LEB128 0xf2 0x9e 0x5a.
        assert_eq!(date.num_days_from_ce(), 739_257);
        let mut expected = vec![0; 32];
        expected.push(1); // seq
        expected.extend_from_slice(&[0xf2, 0x9e, 0x5a]); // date
        expected.push(0); // no time
        expected.extend_from_slice(&[1, 1]); // deputy 1
        expected.push(1); // v
        expected.push(1); // drafted
        expected.push(1); // lead
        expected.push(24); // title length
        expected.extend_from_slice("改善农村饮水安全".as_bytes());
        expected.extend_from_slice(&[2, 2, 3]); // two co-signers
        assert_eq!(bytes, expected);
        assert_eq!(
            Digest::of(&e),
            Digest::from_bytes(Sha256::digest(&expected).into())
        );
    }
}

//! Reading and writing the `.pb` text format.

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt::Write as _;

use super::error::{Line, PbError, PbRepair, RepairKind, shorten};
use super::known::{gap, plus};
use super::model::{
    COST, PROJECT_ID, PbElection, PbProject, ProjectHeader, SELECTED, Selected, TypedMeta, VOTE,
    VOTER_ID, VoteHeader, check_ballot, check_project_id, parse_amount, project_header, typed_meta,
    vote_header,
};
use super::votes::{IdIndex, IdKey, PbVotes, UniqueIds};

/// Splits `.pb` text into `;`-separated records with quoted fields,
/// borrowing from the text wherever a field needs no unescaping.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line at `pos`.
    line: usize,
}

impl<'a> Reader<'a> {
    #[cfg(test)]
    fn new(text: &'a str) -> Self {
        Self {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            pos: 0,
            line: 1,
        }
    }

    /// Reads the next non-blank record into `fields`; returns its line, or
    /// `None` at the end of the text.
    #[cfg(test)]
    fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<Option<usize>, PbError> {
        loop {
            if self.pos >= self.text.len() {
                return Ok(None);
            }
            let start_line = self.line;
            self.read_fields(fields)?;
            let blank = match fields.as_slice() {
                [only] => only.trim().is_empty(),
                _ => false,
            };
            if !blank {
                return Ok(Some(start_line));
            }
        }
    }

    fn read_fields(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<(), PbError> {
        fields.clear();
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let field;
            if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                let mut seg = plus(self.pos, 1);
                let mut owned: Option<String> = None;
                loop {
                    let rest = bytes_from(bytes, seg);
                    let Some(off) = rest.iter().position(|&b| b == b'"') else {
                        return Err(PbError::UnclosedQuote { line: open_line });
                    };
                    let q = plus(seg, off);
                    let piece = span_of(text, seg, q);
                    self.line = plus(self.line, piece.bytes().filter(|&b| b == b'\n').count());
                    if bytes.get(plus(q, 1)) == Some(&b'"') {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(piece);
                        s.push('"');
                        seg = plus(q, 2);
                    } else {
                        field = match owned {
                            Some(mut s) => {
                                s.push_str(piece);
                                Cow::Owned(s)
                            }
                            None => Cow::Borrowed(piece),
                        };
                        self.pos = plus(q, 1);
                        break;
                    }
                }
                if bytes.get(self.pos) == Some(&b'\r')
                    && matches!(bytes.get(plus(self.pos, 1)), Some(b'\n') | None)
                {
                    self.pos = plus(self.pos, 1);
                }
                match bytes.get(self.pos) {
                    None | Some(b';' | b'\n') => {}
                    Some(_) => {
                        let rest = span_of(text, self.pos, text.len());
                        return Err(PbError::Unexpected {
                            line: Line(Some(self.line)),
                            expected: "';' or the end of the line after a closing quote",
                            found: shorten(rest.lines().next().unwrap_or_default()),
                        });
                    }
                }
            } else {
                let rest = bytes_from(bytes, self.pos);
                let end = rest
                    .iter()
                    .position(|&b| b == b';' || b == b'\n')
                    .map_or(bytes.len(), |off| plus(self.pos, off));
                let raw = span_of(text, self.pos, end);
                let raw = if bytes.get(end) == Some(&b';') {
                    raw
                } else {
                    raw.strip_suffix('\r').unwrap_or(raw)
                };
                field = Cow::Borrowed(raw);
                self.pos = end;
            }
            fields.push(field);
            match bytes.get(self.pos) {
                Some(b';') => self.pos = plus(self.pos, 1),
                Some(_) => {
                    self.pos = plus(self.pos, 1);
                    self.line = plus(self.line, 1);
                    return Ok(());
                }
                None => return Ok(()),
            }
        }
    }
}

/// Where each part of an election was read: the line of every META entry,
/// project and vote, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lines {
    pub(crate) meta: Vec<usize>,
    pub(crate) projects: Vec<usize>,
    pub(crate) votes: Vec<usize>,
}

/// Whether a record is the given section marker.
fn is_marker(fields: &[Cow<'_, str>], marker: &str) -> bool {
    match fields {
        [only] => only.trim().eq_ignore_ascii_case(marker),
        _ => false,
    }
}

/// Whether a record is blank (one field of white space).
fn is_blank<S: AsRef<str>>(fields: &[S]) -> bool {
    match fields {
        [only] => only.as_ref().trim().is_empty(),
        _ => false,
    }
}

/// `text[a..b]` for a span the reader found: its ends are at `;`, `,`,
/// `"` or line feeds (ASCII, so character boundaries) within the text.
#[inline]
#[track_caller]
fn span_of(text: &str, a: usize, b: usize) -> &str {
    let s = text.get(a..b);
    debug_assert!(
        s.is_some(),
        "{a}..{b} is a span of the text on character boundaries"
    );
    s.unwrap_or_default()
}

/// `bytes[at..]` for an offset the reader keeps within the bytes.
#[inline]
#[track_caller]
fn bytes_from(bytes: &[u8], at: usize) -> &[u8] {
    let s = bytes.get(at..);
    debug_assert!(
        s.is_some(),
        "offset {at} is within the {} bytes",
        bytes.len()
    );
    s.unwrap_or_default()
}

fn found_text(fields: &[Cow<'_, str>]) -> String {
    shorten(&fields.join(";"))
}

/// The error for a record that is not what the format allows at `line`:
/// `expected` there, the record's fields (joined by `;`, shortened) found.
fn unexpected(line: Line, expected: &'static str, fields: &[Cow<'_, str>]) -> PbError {
    PbError::Unexpected {
        line,
        expected,
        found: found_text(fields),
    }
}

fn field<'f>(fields: &'f [Cow<'_, str>], i: usize) -> &'f str {
    fields.get(i).map_or("", |f| f.as_ref())
}

/// `s` without leading and trailing white space (as [`str::trim`]),
/// at once when it starts and ends with a printable ASCII character.
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&x), Some(&y)) if (0x21..0x7f).contains(&x) && (0x21..0x7f).contains(&y) => s,
        _ => s.trim(),
    }
}

/// The span `from..to` of `text` without leading and trailing white space,
/// as [`trim`] gives it. O(1) when the span starts and ends with a
/// printable ASCII character, else O(1) per byte of white space.
fn trim_span(text: &str, from: usize, to: usize) -> (usize, usize) {
    let s = span_of(text, from, to);
    let t = trim(s);
    if t.len() == s.len() {
        return (from, to);
    }
    let start = s.trim_start();
    // `t` is `start` without its trailing white space, both within `s`.
    let lead = gap(start.len(), s.len());
    let a = plus(from, lead);
    (a, plus(a, t.len()))
}

/// Eight bytes of `bytes` from `at`, little-endian, zero-padded past the
/// end. O(1).
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let rest = bytes_from(bytes, at);
    match rest.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => {
            let mut w = [0_u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            u64::from_le_bytes(w)
        }
    }
}

/// The low `n` bytes of a word set (`n` at most 8). O(1).
fn low_bytes(n: usize) -> u64 {
    debug_assert!(n <= 8, "a word has eight bytes");
    // `n` at most 8: a shift of 0 to 64 bits (none left at 64).
    u64::MAX
        .checked_shr(64_u32.wrapping_sub(8_u32.wrapping_mul(n as u32)))
        .unwrap_or(0)
}

/// The top bit of each byte of `w` that equals `c`, no other bit: exact
/// (the sum of a byte's low seven bits and `0x7f` cannot carry into the
/// next byte). O(1).
fn bytes_equal(w: u64, c: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ u64::from(c).wrapping_mul(0x0101_0101_0101_0101);
    !((x & LOW7).wrapping_add(LOW7) | x | LOW7)
}

/// The positions of the byte `c` in `bytes[from..to]`, in order, found
/// eight bytes at a time (reading up to seven bytes past `to` when
/// `bytes` has them). Cost: O(1) per eight bytes and per position.
struct Hits<'b> {
    bytes: &'b [u8],
    c: u8,
    /// Where the next word starts.
    next: usize,
    to: usize,
    /// Where the current word starts, and its positions not yet given.
    base: usize,
    mask: u64,
}

impl<'b> Hits<'b> {
    fn new(bytes: &'b [u8], from: usize, to: usize, c: u8) -> Self {
        Self {
            bytes,
            c,
            next: from,
            to,
            base: from,
            mask: 0,
        }
    }
}

impl Iterator for Hits<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.next >= self.to {
                return None;
            }
            let mut m = bytes_equal(word_at(self.bytes, self.next), self.c);
            let left = gap(self.next, self.to);
            if left < 8 {
                m &= low_bytes(left);
            }
            self.base = self.next;
            self.next = plus(self.next, 8);
            self.mask = m;
        }
        // At most 63 trailing zeros: a byte offset below 8.
        let k = (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask.wrapping_sub(1);
        Some(plus(self.base, k))
    }
}

/// The most fields of a VOTES row read by [`PbReader::plain_row`] without
/// collecting them; wider rows are read field by field.
const ROW_FIELDS: usize = 16;

/// Which part of the text the reader expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Start,
    MetaHeader,
    Meta,
    ProjectsHeader,
    Projects,
    VotesHeader,
    Votes,
}

impl Section {
    /// What is missing when the text ends here.
    fn missing(self) -> Option<&'static str> {
        match self {
            Self::Start => Some("META"),
            Self::MetaHeader => Some("the META header key;value"),
            Self::Meta => Some("PROJECTS"),
            Self::ProjectsHeader => Some("the PROJECTS header"),
            Self::Projects => Some("VOTES"),
            Self::VotesHeader => Some("the VOTES header"),
            Self::Votes => None,
        }
    }
}

/// Where a carried (incomplete) record stands, byte by byte: the grammar
/// of [`Reader`] reduced to what decides where a record ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Scan {
    #[default]
    FieldStart,
    Plain,
    Quoted,
    QuoteInQuoted,
}

impl Scan {
    /// The state after `b`, and whether `b` ends a record.
    fn step(self, b: u8) -> (Self, bool) {
        match (self, b) {
            (Self::FieldStart, b'"') | (Self::QuoteInQuoted, b'"') => (Self::Quoted, false),
            (Self::Quoted, b'"') => (Self::QuoteInQuoted, false),
            (Self::Quoted, _) => (Self::Quoted, false),
            (_, b'\n') => (Self::FieldStart, true),
            (_, b';') => (Self::FieldStart, false),
            _ => (Self::Plain, false),
        }
    }
}

/// Reads `.pb` text given in pieces of any size, so a large file can be
/// read without holding all of it: [`PbReader::feed`] each piece as it
/// arrives (split anywhere, even inside a character or a quoted field),
/// then [`PbReader::finish`]. The reader keeps only the election read so
/// far and the unfinished last record. The result, and every error with
/// its line, is the same as [`PbElection::parse`] (strict, from
/// [`PbReader::new`]) or [`PbElection::parse_lenient`] (from
/// [`PbReader::lenient`]) on the whole text. Bytes that are not UTF-8 are
/// [`PbError::NotUtf8`] with their line, unless an earlier line has a
/// problem of its own.
///
/// ```
/// use deputy_work::vote::pabulib::{PbElection, PbReader};
/// let text = "META\nkey;value\nbudget;10\nvote_type;approval\n\
///             PROJECTS\nproject_id;cost;name\na;6;\"Park;\ntrees\"\nb;4;Łąka\n\
///             VOTES\nvoter_id;vote\n1;a,b\n2;b\n";
/// let mut reader = PbReader::new();
/// for piece in text.as_bytes().chunks(7) {
///     reader.feed(piece)?;
/// }
/// let (e, repairs) = reader.finish()?;
/// assert!(repairs.is_empty());
/// assert_eq!(e, PbElection::parse(text)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Cost: O(n) in the bytes fed (each byte is scanned at most twice),
/// plus expected O(1) per project id named in a vote.
pub struct PbReader {
    lenient: bool,
    repairs: Vec<PbRepair>,
    lines: Option<Lines>,
    /// The unfinished record.
    carry: Vec<u8>,
    /// The scan's state at the end of `carry`.
    scan: Scan,
    /// The line at the start of `carry`.
    line: usize,
    started: bool,
    section: Section,
    meta: Vec<(String, String)>,
    meta_lines: Vec<usize>,
    typed: Option<TypedMeta>,
    project_columns: Vec<String>,
    ph: Option<ProjectHeader>,
    projects: Vec<PbProject>,
    index: IdIndex,
    vote_columns: Vec<String>,
    vh: Option<VoteHeader>,
    votes: PbVotes,
    unique: UniqueIds,
    /// The last ballot naming each project (repeat check).
    seen: Vec<usize>,
    /// The first column of the run of voter id and other cells, when the
    /// header has them in one run.
    run: Option<usize>,
    /// Where each field of a row starts (reused).
    starts: Vec<usize>,
}

impl core::fmt::Debug for PbReader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PbReader")
            .field("lenient", &self.lenient)
            .field("line", &self.line)
            .field("section", &self.section)
            .field("projects", &self.projects.len())
            .field("votes", &self.votes.len())
            .field("repairs", &self.repairs.len())
            .finish_non_exhaustive()
    }
}

impl Default for PbReader {
    fn default() -> Self {
        Self::new()
    }
}

impl PbReader {
    /// A strict reader, as [`PbElection::parse`].
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbError, PbReader};
    /// let mut r = PbReader::new();
    /// r.feed(b"META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n")?;
    /// let err = r.feed(b"VOTES\nvoter_id;vote\n1;a,a\n").unwrap_err();
    /// assert!(matches!(err, PbError::RepeatedProject { .. }));
    /// # Ok::<(), PbError>(())
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self {
            lenient: false,
            repairs: Vec::new(),
            lines: None,
            carry: Vec::new(),
            scan: Scan::default(),
            line: 1,
            started: false,
            section: Section::Start,
            meta: Vec::new(),
            meta_lines: Vec::new(),
            typed: None,
            project_columns: Vec::new(),
            ph: None,
            projects: Vec::new(),
            index: IdIndex::default(),
            vote_columns: Vec::new(),
            vh: None,
            votes: PbVotes::default(),
            unique: UniqueIds::default(),
            seen: Vec::new(),
            run: None,
            starts: Vec::new(),
        }
    }

    /// A lenient reader, as [`PbElection::parse_lenient`]: repairs what
    /// has one reading and lists each repair.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbReader, RepairKind};
    /// let mut r = PbReader::lenient();
    /// r.feed(b"META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n")?;
    /// r.feed(b"VOTES\nvoter_id;vote\n1;a,a\n")?;
    /// let (e, repairs) = r.finish()?;
    /// assert_eq!(e.votes().get(0).unwrap().projects, [0]);
    /// assert_eq!(repairs[0].kind, RepairKind::RepeatedProject);
    /// # Ok::<(), deputy_work::vote::pabulib::PbError>(())
    /// ```
    #[must_use]
    pub fn lenient() -> Self {
        Self {
            lenient: true,
            ..Self::new()
        }
    }

    /// Reads the next piece of the text. A piece may end anywhere; what
    /// it leaves unfinished waits for the next piece or for
    /// [`PbReader::finish`].
    ///
    /// Cost: linear in the piece (see [`PbReader`]); memory: the election
    /// read so far, and the unfinished record carried to the next piece.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbError, PbReader};
    /// let mut r = PbReader::new();
    /// // The first problem is reported as soon as its line is complete.
    /// assert!(r.feed(b"META\nkey;value\nbudget;1\nvote_type;approv").is_ok());
    /// assert!(matches!(r.feed(b"al\nPROJECTS\n"), Err(PbError::Unexpected { .. }) | Ok(())));
    /// let err = r.feed(b"project_id;price\n").unwrap_err();
    /// assert_eq!(err.to_string(), "line 6: PROJECTS header: missing column \"cost\"");
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`PbError`] in the lines completed so far, with its line;
    /// after an error the reader holds a part of the election only, and
    /// should be dropped.
    pub fn feed(&mut self, piece: &[u8]) -> Result<(), PbError> {
        let mut rest = piece;
        while !self.carry.is_empty() {
            // Scan the new bytes for the end of the carried record,
            // without rescanning what was scanned before.
            let mut scan = self.scan;
            let mut end = None;
            for (i, &b) in rest.iter().enumerate() {
                let (next, ends) = scan.step(b);
                scan = next;
                if ends {
                    end = Some(i);
                    break;
                }
            }
            self.scan = scan;
            let Some(end) = end else {
                self.carry.extend_from_slice(rest);
                return Ok(());
            };
            let (head, tail) = rest.split_at(plus(end, 1));
            self.carry.extend_from_slice(head);
            rest = tail;
            let mut carry = core::mem::take(&mut self.carry);
            let used = self.block(&carry, false)?;
            // The reader stops early only inside a quoted field (the scan
            // cannot tell a quote right after a byte-order mark).
            carry.drain(..used.min(carry.len()));
            self.scan = if carry.is_empty() {
                Scan::default()
            } else {
                Scan::Quoted
            };
            self.carry = carry;
        }
        // Whole lines straight from the piece; the unfinished end is
        // carried, scanned once.
        let cut = rest
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| plus(i, 1));
        let (whole, tail) = rest.split_at(cut);
        let used = self.block(whole, false)?;
        let left = bytes_from(whole, used);
        self.scan = if left.is_empty() {
            Scan::default()
        } else {
            Scan::Quoted
        };
        self.carry.extend_from_slice(left);
        self.carry.extend_from_slice(tail);
        for &b in tail {
            self.scan = self.scan.step(b).0;
        }
        Ok(())
    }

    /// Reads what is left and returns the election, with the repairs made
    /// (none for a strict reader).
    ///
    /// Cost: linear in the record left, plus the checks of the whole election
    /// (O(p log p) in the projects).
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbError, PbReader};
    /// let mut r = PbReader::new();
    /// r.feed(b"META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\n")?;
    /// assert_eq!(
    ///     r.finish().unwrap_err(),
    ///     PbError::UnexpectedEnd { line: 6, expected: "the PROJECTS header" }
    /// );
    /// # Ok::<(), PbError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`PbElection::parse`] (or [`PbElection::parse_lenient`]).
    pub fn finish(self) -> Result<(PbElection, Vec<PbRepair>), PbError> {
        self.finish_with_lines().map(|(e, repairs, _)| (e, repairs))
    }

    /// [`PbReader::finish`], with the lines read when they were asked for.
    fn finish_with_lines(mut self) -> Result<(PbElection, Vec<PbRepair>, Option<Lines>), PbError> {
        let carry = core::mem::take(&mut self.carry);
        let used = self.block(&carry, true)?;
        debug_assert_eq!(used, carry.len(), "the last block is read whole");
        if let Some(expected) = self.section.missing() {
            return Err(PbError::UnexpectedEnd {
                line: self.line,
                expected,
            });
        }
        self.end()
    }

    /// Reads complete records from `bytes` (whole lines, or the rest of
    /// the text when `last`); returns how many bytes were read: all but a
    /// record whose quoted field goes on past `bytes`.
    fn block(&mut self, bytes: &[u8], last: bool) -> Result<usize, PbError> {
        // Bytes that are not UTF-8: the whole lines before them are read
        // first (an earlier problem is reported first), then the error.
        let (text, bad) = match core::str::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let good = bytes.get(..e.valid_up_to());
                debug_assert!(good.is_some(), "valid_up_to is within the bytes");
                let good = good.unwrap_or_default();
                let line = plus(self.line, good.iter().filter(|&&b| b == b'\n').count());
                let lines = good
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| plus(i, 1));
                let head = good.get(..lines);
                debug_assert!(
                    head.is_some(),
                    "a cut after a line feed of `good` is within it"
                );
                let text = match core::str::from_utf8(head.unwrap_or_default()) {
                    Ok(text) => text,
                    Err(_) => {
                        debug_assert!(false, "bytes before `valid_up_to` are UTF-8");
                        ""
                    }
                };
                (text, Some(PbError::NotUtf8 { line }))
            }
        };
        let last = last && bad.is_none();
        let mut pos = 0;
        if !self.started && !text.is_empty() {
            self.started = true;
            if text.starts_with('\u{feff}') {
                pos = '\u{feff}'.len_utf8();
            }
        }
        let mut r = Reader {
            text,
            pos,
            line: self.line,
        };
        let mut f: Vec<Cow<'_, str>> = Vec::with_capacity(16);
        let mut spans: Vec<&str> = Vec::with_capacity(16);
        while r.pos < text.len() {
            if self.section == Section::Votes {
                (r.pos, r.line) = self.plain_votes(text, r.pos, r.line, &mut spans)?;
                if r.pos >= text.len() {
                    break;
                }
            }
            let (start, line) = (r.pos, r.line);
            match r.read_fields(&mut f) {
                Ok(()) => {}
                Err(PbError::UnclosedQuote { .. }) if !last => {
                    r.pos = start;
                    r.line = line;
                    break;
                }
                Err(e) => return Err(e),
            }
            if !is_blank(&f) {
                self.record(&f, line)?;
            }
        }
        if let Some(e) = bad {
            return Err(e);
        }
        self.line = r.line;
        Ok(r.pos)
    }

    /// Reads VOTES rows from `pos` (at `line`) as long as they have no
    /// quote: one pass over the text eight bytes at a time finds every
    /// `;`, line feed and quote, and each row is read where it stands
    /// ([`PbReader::plain_row`]). Returns where it stopped (and the line
    /// there): the end of `text`, or the start of a row with a quote, for
    /// [`Reader`].
    ///
    /// Cost: O(1) per eight bytes and per `;`, plus
    /// [`PbReader::plain_row`] per row.
    fn plain_votes<'t>(
        &mut self,
        text: &'t str,
        pos: usize,
        mut line: usize,
        spans: &mut Vec<&'t str>,
    ) -> Result<(usize, usize), PbError> {
        let bytes = text.as_bytes();
        let mut row = pos;
        // Where the row's first `ROW_FIELDS` `;` are, and how many it has.
        let mut ends = [0_usize; ROW_FIELDS];
        let mut n = 0_usize;
        let mut at = pos;
        while at < bytes.len() {
            let w = word_at(bytes, at);
            let left = gap(at, bytes.len());
            let keep = if left < 8 { low_bytes(left) } else { u64::MAX };
            let mut semis = bytes_equal(w, b';') & keep;
            let mut stops = (bytes_equal(w, b'\n') | bytes_equal(w, b'"')) & keep;
            loop {
                // The `;` before the next line feed or quote (all of them
                // when there is none: `0 - 1` sets every bit).
                let below = (stops & stops.wrapping_neg()).wrapping_sub(1);
                let mut these = semis & below;
                semis &= !below;
                while these != 0 {
                    // At most 63 trailing zeros: a byte offset below 8.
                    let k = plus(at, (these.trailing_zeros() / 8) as usize);
                    if let Some(e) = ends.get_mut(n) {
                        *e = k;
                    }
                    n = plus(n, 1);
                    these &= these.wrapping_sub(1);
                }
                if stops == 0 {
                    break;
                }
                let k = plus(at, (stops.trailing_zeros() / 8) as usize);
                stops &= stops.wrapping_sub(1);
                if bytes.get(k) == Some(&b'"') {
                    return Ok((row, line));
                }
                self.plain_row(text, row, k, &mut ends, n, line, spans)?;
                line = plus(line, 1);
                row = plus(k, 1);
                n = 0;
            }
            at = plus(at, 8);
        }
        // The last row of the text, without a line feed.
        if row < bytes.len() {
            self.plain_row(text, row, bytes.len(), &mut ends, n, line, spans)?;
            row = bytes.len();
        }
        Ok((row, line))
    }

    /// One VOTES row without a quote, `text[start..end]` (its line feed
    /// excluded, a carriage return before it dropped), with `n` `;`, the
    /// first of them at `ends`: read by [`PbReader::fast_vote`] when it has
    /// as many fields as the header (at most [`ROW_FIELDS`]), else collected
    /// into `spans` for [`PbReader::vote`] (a blank row is skipped).
    ///
    /// Cost: O(1) per field, plus [`PbReader::fast_vote`] (or O(1) per
    /// eight bytes of the row and [`PbReader::vote`]).
    #[allow(clippy::too_many_arguments)]
    fn plain_row<'t>(
        &mut self,
        text: &'t str,
        start: usize,
        end: usize,
        ends: &mut [usize; ROW_FIELDS],
        n: usize,
        line: usize,
        spans: &mut Vec<&'t str>,
    ) -> Result<(), PbError> {
        let bytes = text.as_bytes();
        let stop = match end.checked_sub(1) {
            Some(e) if e >= start && bytes.get(e) == Some(&b'\r') => e,
            _ => end,
        };
        let width = self.vote_columns.len();
        if plus(n, 1) == width
            && let Some(e) = ends.get_mut(n)
        {
            *e = stop;
            // `width` is `n + 1`, and `ends` has room for `n`.
            let row = ends.get(..width);
            debug_assert!(row.is_some(), "n + 1 fields fit ROW_FIELDS");
            return self.fast_vote(text, start, row.unwrap_or_default(), line);
        }
        spans.clear();
        let mut starts = core::mem::take(&mut self.starts);
        starts.clear();
        let mut field = start;
        for k in Hits::new(bytes, start, stop, b';').chain(core::iter::once(stop)) {
            spans.push(span_of(text, field, k));
            starts.push(field);
            field = plus(k, 1);
        }
        let read = if is_blank(spans) {
            Ok(())
        } else {
            self.vote(spans, Some((text, &starts)), line)
        };
        self.starts = starts;
        read
    }

    /// A VOTES row of the header's width, `ends` giving where each field
    /// ends in `text` (the first starts at `start`, each next one a byte
    /// after the previous end): [`PbReader::vote`] without collecting the
    /// fields.
    ///
    /// Cost: O(1) per field, plus O(1) per eight bytes of the vote list
    /// and expected O(1) per project named (as [`PbReader::vote`]).
    fn fast_vote(
        &mut self,
        text: &str,
        start: usize,
        ends: &[usize],
        line: usize,
    ) -> Result<(), PbError> {
        let Some(vh) = self.vh else {
            debug_assert!(false, "the VOTES header comes first");
            return Ok(());
        };
        let at = Line(Some(line));
        let begin = |c: usize| match c.checked_sub(1) {
            None => Some(start),
            Some(b) => ends.get(b).map(|&e| plus(e, 1)),
        };
        let span = |c: usize| Some((begin(c)?, *ends.get(c)?));
        let (Some((va, vb)), Some((la, lb))) = (span(vh.voter), span(vh.vote)) else {
            debug_assert!(false, "a row of the header's width has its columns");
            return Ok(());
        };
        let voter = span_of(text, va, vb);
        let key = IdKey::at(text.as_bytes(), va, gap(va, vb));
        self.check_voter(voter, key, at)?;
        self.ballot_projects(text, la, lb, voter, at)?;
        if let Some((pa, pb)) = vh.points.and_then(span) {
            self.ballot_points(span_of(text, pa, pb), at)?;
        }
        let cells = self.votes.width();
        // The voter id and the other cells at once when they are one run
        // of the row (split at every `;`, so none holds one).
        let run = self.run.and_then(|a| {
            let last = *ends.get(a.checked_add(cells)?)?;
            text.get(begin(a)?..last)
        });
        match run {
            Some(run) => self.votes.push_run(run)?,
            None => {
                self.votes.push_field(voter)?;
                for c in 0..ends.len() {
                    if c != vh.voter && c != vh.vote && Some(c) != vh.points {
                        let c = span(c);
                        debug_assert!(c.is_some(), "a row of the header's width has every column");
                        let (a, b) = c.unwrap_or_default();
                        self.votes.push_field(span_of(text, a, b))?;
                    }
                }
            }
        }
        self.end_ballot(voter, at, line)
    }

    /// One record outside the fast path.
    fn record(&mut self, f: &[Cow<'_, str>], line: usize) -> Result<(), PbError> {
        let at = Line(Some(line));
        match self.section {
            Section::Start => {
                if !is_marker(f, "META") {
                    return Err(unexpected(at, "META", f));
                }
                self.section = Section::MetaHeader;
            }
            Section::MetaHeader => {
                if f.len() != 2 {
                    return Err(unexpected(at, "the META header key;value", f));
                }
                self.section = Section::Meta;
            }
            Section::Meta => {
                if is_marker(f, "PROJECTS") {
                    let lines = &self.meta_lines;
                    self.typed = Some(typed_meta(&self.meta, |i| Line(lines.get(i).copied()))?);
                    if let Some(l) = self.lines.as_mut() {
                        l.meta.clone_from(&self.meta_lines);
                    }
                    self.section = Section::ProjectsHeader;
                    return Ok(());
                }
                match f {
                    [k, v] => {
                        self.meta.push((k.to_string(), v.to_string()));
                        self.meta_lines.push(line);
                    }
                    _ => return Err(unexpected(at, "a META row key;value or PROJECTS", f)),
                }
            }
            Section::ProjectsHeader => {
                self.ph = Some(project_header(f.iter().map(AsRef::as_ref), at)?);
                self.project_columns = f.iter().map(ToString::to_string).collect();
                self.section = Section::Projects;
            }
            Section::Projects => {
                if is_marker(f, "VOTES") {
                    self.section = Section::VotesHeader;
                    return Ok(());
                }
                self.project(f, at)?;
            }
            Section::VotesHeader => {
                let vh = vote_header(f.iter().map(AsRef::as_ref), at)?;
                self.vote_columns = f.iter().map(ToString::to_string).collect();
                let special = if vh.points.is_some() { 3 } else { 2 };
                // The header has its voter, vote and points columns.
                let cells = gap(special, f.len());
                self.votes = PbVotes::new(cells, vh.points.is_some());
                // The voter column then every other cell: one run.
                let other = |c: usize| c != vh.vote && Some(c) != vh.points;
                self.run = vh
                    .voter
                    .checked_add(cells)
                    .filter(|&last| (vh.voter..=last).skip(1).all(other) && last < f.len())
                    .map(|_| vh.voter);
                self.vh = Some(vh);
                self.seen = vec![usize::MAX; self.projects.len()];
                self.section = Section::Votes;
            }
            Section::Votes => {
                let spans: Vec<&str> = f.iter().map(AsRef::as_ref).collect();
                self.vote(&spans, None, line)?;
            }
        }
        Ok(())
    }

    fn project(&mut self, f: &[Cow<'_, str>], at: Line) -> Result<(), PbError> {
        let Some(ph) = self.ph else {
            debug_assert!(false, "the PROJECTS header comes first");
            return Ok(());
        };
        let width = self.project_columns.len();
        if f.len() != width {
            return Err(PbError::FieldCount {
                line: at,
                expected: width,
                found: f.len(),
            });
        }
        let id = field(f, ph.id);
        check_project_id(id, at)?;
        let n = u32::try_from(self.projects.len()).map_err(|_| PbError::Overflow {
            what: "counting projects",
        })?;
        let projects = &self.projects;
        let known = |i: u32| projects.get(i as usize).map_or("", |p| p.id.as_str());
        if !self.index.insert(id, n, known) {
            return Err(PbError::BadProjectId {
                line: at,
                id: shorten(id),
                problem: "a duplicate",
            });
        }
        let cost = parse_amount(field(f, ph.cost), at, "cost")?;
        let selected = match ph.selected {
            None => None,
            Some(i) => {
                let text = field(f, i);
                Some(
                    text.parse::<Selected>()
                        .map_err(|_| PbError::InvalidNumber {
                            line: at,
                            field: "selected",
                            expected: "0, 1, 2 or 3",
                            found: shorten(text),
                        })?,
                )
            }
        };
        let extra = f
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != ph.id && *i != ph.cost && Some(*i) != ph.selected)
            .map(|(_, v)| v.to_string())
            .collect();
        if let (Some(l), Some(line)) = (self.lines.as_mut(), at.0) {
            l.projects.push(line);
        }
        self.projects.push(PbProject {
            id: id.to_owned(),
            cost,
            selected,
            extra,
        });
        Ok(())
    }

    /// One VOTES row, its fields split; `row`, for a row split without
    /// quotes, is its text and where each field starts in it.
    fn vote(
        &mut self,
        f: &[&str],
        row: Option<(&str, &[usize])>,
        line: usize,
    ) -> Result<(), PbError> {
        let Some(vh) = self.vh else {
            debug_assert!(false, "the VOTES header comes first");
            return Ok(());
        };
        let at = Line(Some(line));
        let width = self.vote_columns.len();
        if f.len() != width {
            return Err(PbError::FieldCount {
                line: at,
                expected: width,
                found: f.len(),
            });
        }
        // The row has the header's width, so every column of it.
        let column = |c: usize| {
            let v = f.get(c).copied();
            debug_assert!(v.is_some(), "a row of the header's width has column {c}");
            v.unwrap_or_default()
        };
        let voter = column(vh.voter);
        self.check_voter(voter, IdKey::of(voter.as_bytes()), at)?;
        let list = column(vh.vote);
        self.ballot_projects(list, 0, list.len(), voter, at)?;
        if let Some(pi) = vh.points {
            self.ballot_points(column(pi), at)?;
        }
        // The voter id and the other cells: at once when they are one run
        // of a row split at every `;` (the voter column, then the other
        // columns, none holding a `;`).
        let run = self.run.zip(row).and_then(|(a, (text, starts))| {
            let cells = self.votes.width();
            let first = *starts.get(a)?;
            let last = a.checked_add(cells)?;
            let end = starts.get(last)?.checked_add(f.get(last)?.len())?;
            text.get(first..end)
        });
        match run {
            Some(run) => self.votes.push_run(run)?,
            None => {
                self.votes.push_field(voter)?;
                for (i, v) in f.iter().enumerate() {
                    if i != vh.voter && i != vh.vote && Some(i) != vh.points {
                        self.votes.push_field(v)?;
                    }
                }
            }
        }
        self.end_ballot(voter, at, line)
    }

    /// Checks a ballot's voter id (non-empty, new); `key` is its
    /// [`IdKey`]. Expected O(1).
    fn check_voter(&mut self, voter: &str, key: Option<IdKey>, at: Line) -> Result<(), PbError> {
        if voter.is_empty() || !self.unique.is_new_keyed(&self.votes, voter, key) {
            return Err(PbError::BadVoterId {
                line: at,
                id: shorten(voter),
                problem: if voter.is_empty() {
                    "empty"
                } else {
                    "a duplicate"
                },
            });
        }
        Ok(())
    }

    /// The projects of the ballot being added, from its vote list
    /// `text[from..to]`: split at each `,`, each id trimmed and looked up,
    /// a repeat refused (or, leniently and without points, dropped with a
    /// repair). An id of at most eight bytes with a `,` (or the end of the
    /// list) within the eight bytes from its start is read and looked up
    /// as that one word of `text`.
    ///
    /// Cost: O(1) per eight bytes of the list, and expected O(1) per id.
    fn ballot_projects(
        &mut self,
        text: &str,
        from: usize,
        to: usize,
        voter: &str,
        at: Line,
    ) -> Result<(), PbError> {
        let (from, to) = trim_span(text, from, to);
        if from >= to {
            return Ok(());
        }
        let Some(vh) = self.vh else {
            debug_assert!(false, "the VOTES header comes first");
            return Ok(());
        };
        let row_index = self.votes.len();
        let bytes = text.as_bytes();
        // Printable ASCII but a space: an id with such ends is its own
        // trimmed self.
        let plain = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x7f).contains(&b));
        let mut a = from;
        loop {
            let left = gap(a, to);
            let w = word_at(bytes, a);
            let commas = bytes_equal(w, b',') & low_bytes(left.min(8));
            // Where the id ends: at its `,`, else at the end of the list.
            let b = if commas != 0 {
                // At most 63 trailing zeros: a byte offset below 8.
                plus(a, (commas.trailing_zeros() / 8) as usize)
            } else if left <= 8 {
                to
            } else {
                let rest = bytes.get(a..to);
                debug_assert!(rest.is_some(), "the id's start is within the list");
                let rest = rest.unwrap_or_default();
                memchr::memchr(b',', rest).map_or(to, |k| plus(a, k))
            };
            let n = gap(a, b);
            let short =
                (1..=8).contains(&n) && plain(bytes.get(a)) && plain(bytes.get(b.wrapping_sub(1)));
            let (ia, ib, found) = if short {
                // `n` is one to eight.
                let p = self.index.get_short(w & low_bytes(n), n as u32);
                (a, b, p)
            } else {
                let (ia, ib) = trim_span(text, a, b);
                let n = gap(ia, ib);
                let p = match u32::try_from(n) {
                    Ok(short @ 1..=8) => self
                        .index
                        .get_short(word_at(bytes, ia) & low_bytes(n), short),
                    _ => {
                        let projects = &self.projects;
                        let known = |i: u32| projects.get(i as usize).map_or("", |p| p.id.as_str());
                        self.index.get(span_of(text, ia, ib), known)
                    }
                };
                (ia, ib, p)
            };
            let id = || span_of(text, ia, ib);
            let Some(p) = found else {
                return Err(PbError::UnknownProject {
                    line: at,
                    voter: shorten(voter),
                    project: shorten(id()),
                });
            };
            match self.seen.get_mut(p as usize) {
                Some(s) if *s == row_index => {
                    // One reading only where a ballot has no points:
                    // the project keeps its first place.
                    if !self.lenient || vh.points.is_some() {
                        return Err(PbError::RepeatedProject {
                            line: at,
                            voter: shorten(voter),
                            project: shorten(id()),
                        });
                    }
                    self.repairs.push(PbRepair {
                        kind: RepairKind::RepeatedProject,
                        line: at,
                        what: format!(
                            "voter {:?} names project {:?} again: kept its first place",
                            shorten(voter),
                            shorten(id())
                        ),
                    });
                }
                Some(s) => {
                    *s = row_index;
                    self.votes.push_project(p);
                }
                None => self.votes.push_project(p),
            }
            if b >= to {
                return Ok(());
            }
            a = plus(b, 1);
        }
    }

    /// The points of the ballot being added, from its `points` cell.
    /// O(1) per byte of the cell.
    fn ballot_points(&mut self, list: &str, at: Line) -> Result<(), PbError> {
        let list = list.trim();
        if !list.is_empty() {
            for p in list.split(',') {
                let d = p
                    .trim()
                    .parse::<Decimal>()
                    .map_err(|_| PbError::InvalidNumber {
                        line: at,
                        field: "points",
                        expected: "a number",
                        found: shorten(p),
                    })?;
                self.votes.push_point(d);
            }
        }
        Ok(())
    }

    /// Checks the ballot being added as a whole, then ends it. O(1) (or
    /// O(1) per point value, for cumulative ballots).
    fn end_ballot(&mut self, voter: &str, at: Line, line: usize) -> Result<(), PbError> {
        let (Some(vh), Some(typed)) = (self.vh, self.typed) else {
            debug_assert!(false, "the VOTES header and META come first");
            return Ok(());
        };
        let (projects, points) = self.votes.current_ballot();
        check_ballot(
            voter,
            projects,
            points,
            typed.vote_type,
            vh.points.is_some(),
            at,
        )?;
        self.votes.end_vote()?;
        if let Some(l) = self.lines.as_mut() {
            l.votes.push(line);
        }
        Ok(())
    }

    /// The checks on the whole file, then the election.
    fn end(mut self) -> Result<(PbElection, Vec<PbRepair>, Option<Lines>), PbError> {
        let (Some(typed), Some(vh)) = (self.typed, self.vh) else {
            debug_assert!(false, "every section was read");
            return Err(PbError::UnexpectedEnd {
                line: self.line,
                expected: "the VOTES header",
            });
        };
        if vh.points.is_none() && typed.vote_type.has_points() {
            return Err(PbError::BadHeader {
                line: Line(None),
                section: "VOTES",
                problem: "missing",
                column: super::model::POINTS.to_owned(),
            });
        }
        // META's counts must be the sections' (the checker's "different
        // number of votes / projects"); leniently, the sections are the
        // data and META is corrected.
        for (key, counted, kind) in [
            ("num_projects", self.projects.len(), RepairKind::NumProjects),
            ("num_votes", self.votes.len(), RepairKind::NumVotes),
        ] {
            let Some(i) = self.meta.iter().position(|(k, _)| k == key) else {
                continue;
            };
            let line = Line(self.meta_lines.get(i).copied());
            let Some((_, value)) = self.meta.get_mut(i) else {
                continue;
            };
            if value.trim().parse::<usize>().ok() == Some(counted) {
                continue;
            }
            if !self.lenient {
                return Err(PbError::CountMismatch {
                    line,
                    key,
                    meta: shorten(value),
                    counted,
                });
            }
            self.repairs.push(PbRepair {
                kind,
                line,
                what: format!(
                    "META {key} is {:?} but the file has {counted}: set to {counted}",
                    shorten(value)
                ),
            });
            *value = counted.to_string();
        }
        self.votes.shrink();
        Ok((
            PbElection {
                meta: self.meta,
                budget: typed.budget,
                vote_type: typed.vote_type,
                rule: typed.rule,
                threshold: typed.threshold,
                project_columns: self.project_columns,
                projects: self.projects,
                vote_columns: self.vote_columns,
                votes: self.votes,
            },
            self.repairs,
            self.lines,
        ))
    }
}

impl PbElection {
    /// Reads an election from `.pb` text: a `META` section of `key;value`
    /// rows, a `PROJECTS` section and a `VOTES` section, each starting with
    /// its header row. Fields are separated by `;` and may be quoted with
    /// `"` (a quote inside is doubled); a leading byte-order mark, `\r\n`
    /// line ends and blank lines are accepted; `budget` and `cost` may use a
    /// decimal comma. To read a file in pieces, use [`PbReader`].
    ///
    /// Cost: one pass over the text, O(n) in its bytes (as [`PbReader`]),
    /// plus expected O(1) per project named in a vote and O(p log p) in the p
    /// projects; memory: about the size of the text (the votes column by
    /// column), whatever the numbers in it say.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{PbElection, VoteType};
    /// let text = "\u{feff}META\nkey;value\nbudget;1000,50\nvote_type;approval\n\
    ///             PROJECTS\nproject_id;cost;name\n1;600;\"Park; trees\"\n2;500;\"Say \"\"hi\"\"\"\n\
    ///             VOTES\nvoter_id;vote\nv1;1,2\nv2;2\n";
    /// let e = PbElection::parse(text)?;
    /// assert_eq!(e.vote_type(), VoteType::Approval);
    /// assert_eq!(e.projects()[0].extra, ["Park; trees"]);
    /// assert_eq!(e.projects()[1].extra, ["Say \"hi\""]);
    /// assert_eq!(e.votes().get(0).unwrap().projects, [0, 1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PbError`] with the line and what was expected there.
    pub fn parse(text: &str) -> Result<Self, PbError> {
        Self::read(text, false, None).map(|(e, _)| e)
    }

    /// Reads an election as [`PbElection::parse`] does, but repairs the
    /// defects of real files that have only one reading, and reports each
    /// repair with its line: a project named twice in one approval, ordinal
    /// or choose-1 vote keeps its first place (a cumulative or scoring vote
    /// naming a project twice has two point values and no single reading:
    /// still an error); META `num_votes` or `num_projects` that disagrees
    /// with the sections is set to their count. A clean file reads exactly
    /// as strictly, with no repair.
    ///
    /// Cost: as [`PbElection::parse`], plus the repairs listed.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::{Line, PbElection, PbError};
    /// let text = "META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;4\nVOTES\nvoter_id;vote\n1;a,b,a\n2;b\n";
    /// assert!(matches!(PbElection::parse(text), Err(PbError::RepeatedProject { .. })));
    /// let (e, repairs) = PbElection::parse_lenient(text)?;
    /// assert_eq!(e.votes().get(0).unwrap().projects, [0, 1]);
    /// assert_eq!(repairs.len(), 1);
    /// assert_eq!(repairs[0].line, Line(Some(11)));
    /// assert_eq!(repairs[0].to_string(), "line 11: voter \"1\" names project \"a\" again: kept its first place");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`PbElection::parse`], for the defects with no single reading.
    pub fn parse_lenient(text: &str) -> Result<(Self, Vec<PbRepair>), PbError> {
        Self::read(text, true, None)
    }

    /// The reader on a whole text; `lines`, when given, receives the line
    /// of every META entry, project and vote.
    pub(crate) fn read(
        text: &str,
        lenient: bool,
        lines: Option<&mut Lines>,
    ) -> Result<(Self, Vec<PbRepair>), PbError> {
        let mut r = if lenient {
            PbReader::lenient()
        } else {
            PbReader::new()
        };
        if lines.is_some() {
            r.lines = Some(Lines::default());
        }
        r.feed(text.as_bytes())?;
        let (e, repairs, found) = r.finish_with_lines()?;
        if let (Some(l), Some(found)) = (lines, found) {
            *l = found;
        }
        Ok((e, repairs))
    }

    /// Writes the election as `.pb` text (`\n` line ends, no byte-order
    /// mark), quoting the fields that need it. Parsing the text gives back
    /// an equal election.
    ///
    /// Cost: linear in the election; memory: the text.
    ///
    /// ```
    /// use deputy_work::vote::pabulib::PbElection;
    /// let text = "META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///             PROJECTS\nproject_id;cost;name\na;4;\"x;y\"\n\
    ///             VOTES\nvoter_id;vote\n1;a\n";
    /// let e = PbElection::parse(text)?;
    /// assert_eq!(e.to_pb_string(), text);
    /// assert_eq!(PbElection::parse(&e.to_pb_string())?, e);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_pb_string(&self) -> String {
        // A guess of 64 bytes a row; none if that overflows (a hint only).
        let rows = self.votes.len().checked_add(self.projects.len());
        let mut out = String::with_capacity(rows.and_then(|n| n.checked_mul(64)).unwrap_or(0));
        out.push_str("META\nkey;value\n");
        for (k, v) in &self.meta {
            push_field(&mut out, k);
            out.push(';');
            push_field(&mut out, v);
            out.push('\n');
        }
        out.push_str("PROJECTS\n");
        push_row(&mut out, self.project_columns.iter().map(String::as_str));
        for p in &self.projects {
            let mut extra = p.extra.iter();
            let mut first = true;
            for c in &self.project_columns {
                if !first {
                    out.push(';');
                }
                first = false;
                match c.as_str() {
                    PROJECT_ID => push_field(&mut out, &p.id),
                    COST => {
                        let _ = write!(out, "{}", p.cost);
                    }
                    SELECTED => out.push(p.selected.map_or('0', Selected::digit)),
                    _ => push_field(&mut out, extra.next().map_or("", String::as_str)),
                }
            }
            out.push('\n');
        }
        out.push_str("VOTES\n");
        push_row(&mut out, self.vote_columns.iter().map(String::as_str));
        let mut list = String::new();
        for v in &self.votes {
            let mut extra = v.extra.iter();
            let mut first = true;
            for c in &self.vote_columns {
                if !first {
                    out.push(';');
                }
                first = false;
                match c.as_str() {
                    VOTER_ID => push_field(&mut out, v.voter_id),
                    VOTE => {
                        list.clear();
                        for (i, p) in v.projects.iter().enumerate() {
                            if i > 0 {
                                list.push(',');
                            }
                            let id = self.projects.get(*p as usize).map_or("", |x| x.id.as_str());
                            list.push_str(id);
                        }
                        push_field(&mut out, &list);
                    }
                    super::model::POINTS => {
                        for (i, p) in v.points.iter().enumerate() {
                            if i > 0 {
                                out.push(',');
                            }
                            let _ = write!(out, "{p}");
                        }
                    }
                    _ => {
                        let cell = extra.next();
                        debug_assert!(cell.is_some(), "a project has a cell per other column");
                        push_field(&mut out, cell.unwrap_or_default());
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

fn push_row<'s>(out: &mut String, fields: impl Iterator<Item = &'s str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(';');
        }
        push_field(out, f);
    }
    out.push('\n');
}

/// Writes one field, quoted when it holds `;`, `"`, a line break, starts
/// with a byte-order mark or is blank but not empty (so that it cannot be
/// taken for a blank line or a section marker).
fn push_field(out: &mut String, f: &str) {
    let needs_quotes = f.contains([';', '"', '\n', '\r'])
        || f.starts_with('\u{feff}')
        || (!f.is_empty() && f.trim().is_empty())
        || ["META", "PROJECTS", "VOTES"]
            .iter()
            .any(|m| f.trim().eq_ignore_ascii_case(m));
    if needs_quotes {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Vec<Cow<'_, str>>)> {
        let mut r = Reader::new(text);
        let mut out = Vec::new();
        let mut f = Vec::new();
        while let Some(line) = r.next_record(&mut f).unwrap() {
            out.push((line, f.clone()));
        }
        out
    }

    #[test]
    fn fields_are_borrowed_unless_a_quote_must_be_unescaped() {
        let recs = records("\u{feff}a;\"b;c\";\"d\"\"e\"\r\n\n\"x\ny\";z\nlast");
        assert_eq!(recs.len(), 3);
        let (line, f) = &recs[0];
        assert_eq!(*line, 1);
        assert_eq!(f, &["a", "b;c", "d\"e"]);
        assert!(matches!(f[0], Cow::Borrowed(_)));
        assert!(matches!(f[1], Cow::Borrowed(_)));
        assert!(matches!(f[2], Cow::Owned(_)));
        // The blank line 2 is skipped; the quoted field spans lines 3 and 4.
        assert_eq!(recs[1].0, 3);
        assert_eq!(recs[1].1, ["x\ny", "z"]);
        assert_eq!(recs[2], (5, vec![Cow::Borrowed("last")]));
    }

    fn in_pieces(text: &[u8], size: usize) -> Result<PbElection, PbError> {
        let mut r = PbReader::new();
        for part in text.chunks(size) {
            r.feed(part)?;
        }
        r.finish().map(|(e, _)| e)
    }

    const SMALL: &str = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\n\
                         project_id;cost;name\na;6;\"Park;\n\"\"trees\"\"\"\nb;4;Łąka\nVOTES\n\
                         voter_id;vote\n1;a,b\n\"2\";b\n3;\n";

    #[test]
    fn every_piece_size_reads_the_same_election() {
        let whole = PbElection::parse(SMALL).unwrap();
        assert_eq!(whole.projects()[0].extra, ["Park;\n\"trees\""]);
        assert_eq!(whole.votes().get(1).unwrap().voter_id, "2");
        for size in 1..=SMALL.len() {
            assert_eq!(
                in_pieces(SMALL.as_bytes(), size),
                Ok(whole.clone()),
                "{size}"
            );
        }
        // A byte-order mark, then a quoted field over two lines: the
        // carried record is kept until its quote closes.
        let bom = format!("\u{feff}\"META\"\n{}", &SMALL[5..]);
        for size in 1..=8 {
            assert_eq!(in_pieces(bom.as_bytes(), size), Ok(whole.clone()), "{size}");
        }
        let quoted_first = "\u{feff}\"x\ny\";z\n";
        for size in 1..=quoted_first.len() {
            assert_eq!(
                in_pieces(quoted_first.as_bytes(), size),
                PbElection::parse(quoted_first),
                "{size}"
            );
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_with_their_line() {
        let mut text = SMALL.as_bytes().to_vec();
        let at = SMALL.find("Łąka").unwrap();
        text[at] = 0xff;
        for size in [1, 2, 5, 64, text.len()] {
            assert_eq!(
                in_pieces(&text, size),
                Err(PbError::NotUtf8 { line: 9 }),
                "{size}"
            );
        }
        // A character split between two pieces is not an error.
        let at = SMALL.find('ą').unwrap() + 1;
        let mut r = PbReader::new();
        r.feed(&SMALL.as_bytes()[..at]).unwrap();
        r.feed(&SMALL.as_bytes()[at..]).unwrap();
        assert_eq!(r.finish().map(|(e, _)| e), PbElection::parse(SMALL));
    }

    #[test]
    fn a_quoted_field_over_many_pieces_is_read_whole() {
        // 20,000 lines inside one quoted field, fed a line at a time: the
        // reader keeps one carried record and reads it once it closes.
        let mut text = String::from(
            "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;name\na;1;\"",
        );
        for i in 0..20_000 {
            text.push_str(&format!("line {i}\n"));
        }
        text.push_str("\"\nVOTES\nvoter_id;vote\n1;a\n");
        let mut r = PbReader::new();
        for line in text.split_inclusive('\n') {
            r.feed(line.as_bytes()).unwrap();
        }
        let (e, _) = r.finish().unwrap();
        assert_eq!(e.projects()[0].extra[0].lines().count(), 20_000);
        assert_eq!(e, PbElection::parse(&text).unwrap());
    }

    #[test]
    fn empty_fields_and_trailing_separators_are_kept() {
        let recs = records(";;\na;\n");
        assert_eq!(recs[0].1, ["", "", ""]);
        assert_eq!(recs[1].1, ["a", ""]);
    }

    #[test]
    fn fields_that_need_quotes_get_them() {
        let mut out = String::new();
        for f in [
            "plain",
            "a;b",
            "say \"hi\"",
            "two\nlines",
            " ",
            "VOTES",
            "",
            "\u{feff}x",
        ] {
            push_field(&mut out, f);
            out.push('|');
        }
        assert_eq!(
            out,
            "plain|\"a;b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" \"|\"VOTES\"||\"\u{feff}x\"|"
        );
    }
}

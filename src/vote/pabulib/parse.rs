//! Reading and writing the `.pb` text format.

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use super::error::{Line, PbError, PbRepair, RepairKind, shorten};
use super::model::{
    COST, PROJECT_ID, PbElection, PbProject, PbVote, SELECTED, Selected, VOTE, VOTER_ID,
    check_ballot, check_project_id, parse_amount, project_header, typed_meta, vote_header,
};

/// Splits `.pb` text into `;`-separated records with quoted fields,
/// borrowing from the text wherever a field needs no unescaping.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line at `pos`.
    line: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            pos: 0,
            line: 1,
        }
    }

    /// Reads the next non-blank record into `fields`; returns its line, or
    /// `None` at the end of the text.
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
                let mut seg = self.pos.saturating_add(1);
                let mut owned: Option<String> = None;
                loop {
                    let rest = bytes.get(seg..).unwrap_or_default();
                    let Some(off) = rest.iter().position(|&b| b == b'"') else {
                        return Err(PbError::UnclosedQuote { line: open_line });
                    };
                    let q = seg.saturating_add(off);
                    let piece = text.get(seg..q).unwrap_or_default();
                    self.line = self
                        .line
                        .saturating_add(piece.bytes().filter(|&b| b == b'\n').count());
                    if bytes.get(q.saturating_add(1)) == Some(&b'"') {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(piece);
                        s.push('"');
                        seg = q.saturating_add(2);
                    } else {
                        field = match owned {
                            Some(mut s) => {
                                s.push_str(piece);
                                Cow::Owned(s)
                            }
                            None => Cow::Borrowed(piece),
                        };
                        self.pos = q.saturating_add(1);
                        break;
                    }
                }
                if bytes.get(self.pos) == Some(&b'\r')
                    && matches!(bytes.get(self.pos.saturating_add(1)), Some(b'\n') | None)
                {
                    self.pos = self.pos.saturating_add(1);
                }
                match bytes.get(self.pos) {
                    None | Some(b';' | b'\n') => {}
                    Some(_) => {
                        let rest = text.get(self.pos..).unwrap_or_default();
                        return Err(PbError::Unexpected {
                            line: Line(Some(self.line)),
                            expected: "';' or the end of the line after a closing quote",
                            found: shorten(rest.lines().next().unwrap_or_default()),
                        });
                    }
                }
            } else {
                let rest = bytes.get(self.pos..).unwrap_or_default();
                let end = rest
                    .iter()
                    .position(|&b| b == b';' || b == b'\n')
                    .map_or(bytes.len(), |off| self.pos.saturating_add(off));
                let raw = text.get(self.pos..end).unwrap_or_default();
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
                Some(b';') => self.pos = self.pos.saturating_add(1),
                Some(_) => {
                    self.pos = self.pos.saturating_add(1);
                    self.line = self.line.saturating_add(1);
                    return Ok(());
                }
                None => return Ok(()),
            }
        }
    }
}

/// FNV-1a: a fast hash for the short ids looked up while parsing (the
/// maps never leak their order into results).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvBuild = BuildHasherDefault<Fnv>;

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

fn found_text(fields: &[Cow<'_, str>]) -> String {
    shorten(&fields.join(";"))
}

fn field<'f>(fields: &'f [Cow<'_, str>], i: usize) -> &'f str {
    fields.get(i).map_or("", |f| f.as_ref())
}

impl PbElection {
    /// Reads an election from `.pb` text: a `META` section of `key;value`
    /// rows, a `PROJECTS` section and a `VOTES` section, each starting with
    /// its header row. Fields are separated by `;` and may be quoted with
    /// `"` (a quote inside is doubled); a leading byte-order mark, `\r\n`
    /// line ends and blank lines are accepted; `budget` and `cost` may use a
    /// decimal comma.
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
    /// assert_eq!(e.votes()[0].projects, [0, 1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PbError`] with the line and what was expected there.
    pub fn parse(text: &str) -> Result<Self, PbError> {
        Self::read(text, None, None)
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
    /// ```
    /// use deputy_work::vote::pabulib::{Line, PbElection, PbError};
    /// let text = "META\nkey;value\nbudget;10\nvote_type;approval\n\
    ///     PROJECTS\nproject_id;cost\na;6\nb;4\nVOTES\nvoter_id;vote\n1;a,b,a\n2;b\n";
    /// assert!(matches!(PbElection::parse(text), Err(PbError::RepeatedProject { .. })));
    /// let (e, repairs) = PbElection::parse_lenient(text)?;
    /// assert_eq!(e.votes()[0].projects, [0, 1]);
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
        let mut repairs = Vec::new();
        let e = Self::read(text, Some(&mut repairs), None)?;
        Ok((e, repairs))
    }

    /// The reader; `repairs` is `Some` in lenient mode; `lines`, when
    /// given, receives the line of every META entry, project and vote.
    pub(crate) fn read(
        text: &str,
        mut repairs: Option<&mut Vec<PbRepair>>,
        mut lines: Option<&mut Lines>,
    ) -> Result<Self, PbError> {
        let mut r = Reader::new(text);
        let mut f: Vec<Cow<'_, str>> = Vec::with_capacity(16);
        let end = |r: &Reader<'_>, expected| PbError::UnexpectedEnd {
            line: r.line,
            expected,
        };

        // META
        let line = r.next_record(&mut f)?.ok_or_else(|| end(&r, "META"))?;
        if !is_marker(&f, "META") {
            return Err(PbError::Unexpected {
                line: Line(Some(line)),
                expected: "META",
                found: found_text(&f),
            });
        }
        let line = r
            .next_record(&mut f)?
            .ok_or_else(|| end(&r, "the META header key;value"))?;
        if f.len() != 2 {
            return Err(PbError::Unexpected {
                line: Line(Some(line)),
                expected: "the META header key;value",
                found: found_text(&f),
            });
        }
        let mut meta = Vec::new();
        let mut meta_lines = Vec::new();
        loop {
            let line = r.next_record(&mut f)?.ok_or_else(|| end(&r, "PROJECTS"))?;
            if is_marker(&f, "PROJECTS") {
                break;
            }
            match f.as_slice() {
                [k, v] => {
                    meta.push((k.to_string(), v.to_string()));
                    meta_lines.push(line);
                }
                _ => {
                    return Err(PbError::Unexpected {
                        line: Line(Some(line)),
                        expected: "a META row key;value or PROJECTS",
                        found: found_text(&f),
                    });
                }
            }
        }
        let typed = typed_meta(&meta, |i| Line(meta_lines.get(i).copied()))?;
        if let Some(l) = lines.as_deref_mut() {
            l.meta.clone_from(&meta_lines);
        }

        // PROJECTS
        let line = r
            .next_record(&mut f)?
            .ok_or_else(|| end(&r, "the PROJECTS header"))?;
        let ph = project_header(f.iter().map(AsRef::as_ref), Line(Some(line)))?;
        let project_columns: Vec<String> = f.iter().map(ToString::to_string).collect();
        let width = f.len();
        let mut projects = Vec::new();
        let mut index: HashMap<String, u32, FnvBuild> = HashMap::default();
        loop {
            let line = r.next_record(&mut f)?.ok_or_else(|| end(&r, "VOTES"))?;
            if is_marker(&f, "VOTES") {
                break;
            }
            let at = Line(Some(line));
            if f.len() != width {
                return Err(PbError::FieldCount {
                    line: at,
                    expected: width,
                    found: f.len(),
                });
            }
            let id = field(&f, ph.id);
            check_project_id(id, at)?;
            let n = u32::try_from(projects.len()).map_err(|_| PbError::Overflow {
                what: "counting projects",
            })?;
            if index.insert(id.to_owned(), n).is_some() {
                return Err(PbError::BadProjectId {
                    line: at,
                    id: shorten(id),
                    problem: "a duplicate",
                });
            }
            let cost = parse_amount(field(&f, ph.cost), at, "cost")?;
            let selected = match ph.selected {
                None => None,
                Some(i) => {
                    let text = field(&f, i);
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
            if let Some(l) = lines.as_deref_mut() {
                l.projects.push(line);
            }
            projects.push(PbProject {
                id: id.to_owned(),
                cost,
                selected,
                extra,
            });
        }

        // VOTES
        let line = r
            .next_record(&mut f)?
            .ok_or_else(|| end(&r, "the VOTES header"))?;
        let vh = vote_header(f.iter().map(AsRef::as_ref), Line(Some(line)))?;
        let vote_columns: Vec<String> = f.iter().map(ToString::to_string).collect();
        let width = f.len();
        let index: HashMap<&str, u32, FnvBuild> =
            index.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let mut voters: HashSet<Cow<'_, str>, FnvBuild> = HashSet::default();
        let mut seen = vec![usize::MAX; projects.len()];
        let mut votes = Vec::new();
        while let Some(line) = r.next_record(&mut f)? {
            let at = Line(Some(line));
            if f.len() != width {
                return Err(PbError::FieldCount {
                    line: at,
                    expected: width,
                    found: f.len(),
                });
            }
            let voter_cow = f.get(vh.voter).cloned().unwrap_or_default();
            let voter = voter_cow.as_ref();
            if voter.is_empty() || !voters.insert(voter_cow.clone()) {
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
            let row = votes.len();
            let mut chosen = Vec::new();
            let list = field(&f, vh.vote).trim();
            if !list.is_empty() {
                for id in list.split(',') {
                    let id = id.trim();
                    let Some(&p) = index.get(id) else {
                        return Err(PbError::UnknownProject {
                            line: at,
                            voter: shorten(voter),
                            project: shorten(id),
                        });
                    };
                    match seen.get_mut(p as usize) {
                        Some(s) if *s == row => {
                            // One reading only where a ballot has no points:
                            // the project keeps its first place.
                            match repairs.as_deref_mut() {
                                Some(log) if vh.points.is_none() => {
                                    log.push(PbRepair {
                                        kind: RepairKind::RepeatedProject,
                                        line: at,
                                        what: format!(
                                            "voter {:?} names project {:?} again: kept its first place",
                                            shorten(voter),
                                            shorten(id)
                                        ),
                                    });
                                    continue;
                                }
                                _ => {
                                    return Err(PbError::RepeatedProject {
                                        line: at,
                                        voter: shorten(voter),
                                        project: shorten(id),
                                    });
                                }
                            }
                        }
                        Some(s) => *s = row,
                        None => {}
                    }
                    chosen.push(p);
                }
            }
            let mut points = Vec::new();
            if let Some(pi) = vh.points {
                let list = field(&f, pi).trim();
                if !list.is_empty() {
                    for p in list.split(',') {
                        let d =
                            p.trim()
                                .parse::<Decimal>()
                                .map_err(|_| PbError::InvalidNumber {
                                    line: at,
                                    field: "points",
                                    expected: "a number",
                                    found: shorten(p),
                                })?;
                        points.push(d);
                    }
                }
            }
            let extra = f
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != vh.voter && *i != vh.vote && Some(*i) != vh.points)
                .map(|(_, v)| v.to_string())
                .collect();
            let vote = PbVote {
                voter_id: voter.to_owned(),
                projects: chosen,
                points,
                extra,
            };
            check_ballot(&vote, typed.vote_type, vh.points.is_some(), at)?;
            if let Some(l) = lines.as_deref_mut() {
                l.votes.push(line);
            }
            votes.push(vote);
        }
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
            ("num_projects", projects.len(), RepairKind::NumProjects),
            ("num_votes", votes.len(), RepairKind::NumVotes),
        ] {
            let Some(i) = meta.iter().position(|(k, _)| k == key) else {
                continue;
            };
            let line = Line(meta_lines.get(i).copied());
            let Some((_, value)) = meta.get_mut(i) else {
                continue;
            };
            if value.trim().parse::<usize>().ok() == Some(counted) {
                continue;
            }
            match repairs.as_deref_mut() {
                Some(log) => {
                    log.push(PbRepair {
                        kind,
                        line,
                        what: format!(
                            "META {key} is {:?} but the file has {counted}: set to {counted}",
                            shorten(value)
                        ),
                    });
                    *value = counted.to_string();
                }
                None => {
                    return Err(PbError::CountMismatch {
                        line,
                        key,
                        meta: shorten(value),
                        counted,
                    });
                }
            }
        }
        Ok(Self {
            meta,
            budget: typed.budget,
            vote_type: typed.vote_type,
            rule: typed.rule,
            threshold: typed.threshold,
            project_columns,
            projects,
            vote_columns,
            votes,
        })
    }

    /// Writes the election as `.pb` text (`\n` line ends, no byte-order
    /// mark), quoting the fields that need it. Parsing the text gives back
    /// an equal election.
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
        let mut out = String::with_capacity(
            64_usize.saturating_mul(self.votes.len().saturating_add(self.projects.len())),
        );
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
                    VOTER_ID => push_field(&mut out, &v.voter_id),
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
                    _ => push_field(&mut out, extra.next().map_or("", String::as_str)),
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

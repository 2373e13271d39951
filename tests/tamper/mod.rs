//! The tamper walker shared by `tests/tally_tamper.rs` and
//! `tests/stored_tamper.rs`: it edits a stored JSON value field by field
//! and checks each edit's fate against a table.
//!
//! The edits: every number up, down, to 4,000,000,000 and to `u64::MAX`;
//! every list reordered, duplicated and truncated; every map key and text
//! changed. [`check_rich`] adds, for stored types that carry them, every
//! boolean flipped and every decimal written as text (`"3"`, `"0.5"`)
//! moved up and down by one.

#![allow(dead_code)]

use serde_json::Value;

/// One edit of one place of the stored form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// A number plus one (in a rich walk, a decimal text too).
    Up,
    /// A number minus one (in a rich walk, a decimal text too).
    Down,
    /// A number set to 4,000,000,000 (fits a `u32`).
    Big,
    /// A number set to `u64::MAX`.
    Max,
    /// A list reversed.
    Reorder,
    /// A list with its first element again at the end.
    Duplicate,
    /// A list without its last element.
    Truncate,
    /// A map key changed (a number key: another number; a text: suffixed).
    Rekey,
    /// A text suffixed with `x`.
    Text,
    /// A boolean flipped (rich walk only).
    Flip,
}

/// What must happen to an edit.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect {
    /// Refused, the error saying this.
    Refused(&'static str),
    /// Accepted: the edited value is one the engine could have built; why.
    Accepted(&'static str),
    /// Decided by a function of the untouched document, the path and the
    /// edit (for counters whose fate depends on their neighbours).
    By(fn(&Value, &str, Edit) -> Self),
}

/// One line of a type's table: a path pattern (`*` one segment, a final
/// `**` any rest), the edits it covers (empty: all) and what must happen.
pub(crate) type Rule = (&'static str, &'static [Edit], Expect);

/// What `table` says of `edit` at `path` of the untouched document
/// `json`: its first line that covers them, resolved if it is a
/// [`Expect::By`].
pub(crate) fn expect_of(table: &[Rule], json: &Value, path: &str, edit: Edit) -> Expect {
    let expect = table
        .iter()
        .find(|(p, es, _)| matches(p, path) && (es.is_empty() || es.contains(&edit)))
        .map_or(Expect::Refused("no line of the table"), |r| r.2);
    match expect {
        Expect::By(f) => f(json, path, edit),
        e => e,
    }
}

/// The elements walked into: every field of a struct and every element of
/// a short list (a row's counters, a tally's rows); the first two and the
/// last of a long list or of a map keyed by ids (the others are alike).
fn walked(len: usize, all: bool) -> Vec<usize> {
    if all || len <= 3 {
        return (0..len).collect();
    }
    vec![0, 1, len - 1]
}

/// Every edit of every place of `v`, as (path, edit, edited document).
fn edits(root: &Value, rich: bool) -> Vec<(String, Edit, Value)> {
    let mut places = Vec::new();
    collect(root, String::new(), rich, &mut places);
    let mut out = Vec::new();
    for (path, edit) in places {
        let mut doc = root.clone();
        if apply(&mut doc, &path, edit) {
            out.push((path, edit, doc));
        }
    }
    out
}

/// A text that reads as a decimal (`"3"`, `"-1.5"`).
fn decimal_text(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
}

fn collect(v: &Value, path: String, rich: bool, out: &mut Vec<(String, Edit)>) {
    match v {
        Value::Number(_) => {
            for e in [Edit::Up, Edit::Down, Edit::Big, Edit::Max] {
                out.push((path.clone(), e));
            }
        }
        Value::String(s) => {
            if rich && decimal_text(s) {
                out.push((path.clone(), Edit::Up));
                out.push((path.clone(), Edit::Down));
            }
            out.push((path, Edit::Text));
        }
        Value::Array(items) => {
            for e in [Edit::Reorder, Edit::Duplicate, Edit::Truncate] {
                out.push((path.clone(), e));
            }
            for i in walked(items.len(), items.len() <= 24) {
                collect(&items[i], format!("{path}/{i}"), rich, out);
            }
        }
        Value::Object(map) => {
            let keys: Vec<&String> = map.keys().collect();
            let by_id = keys.iter().all(|k| k.parse::<u64>().is_ok());
            for i in walked(keys.len(), !by_id) {
                let k = keys[i];
                let p = format!("{path}/{k}");
                out.push((p.clone(), Edit::Rekey));
                collect(&map[k], p, rich, out);
            }
        }
        Value::Bool(_) if rich => out.push((path, Edit::Flip)),
        Value::Null | Value::Bool(_) => {}
    }
}

/// `s`, a decimal text, plus or minus one, written back as text.
fn step_text(s: &str, up: bool) -> String {
    let d: rust_decimal::Decimal = s.parse().unwrap();
    let one = rust_decimal::Decimal::ONE;
    (if up { d + one } else { d - one }).to_string()
}

/// Applies `edit` at `path`; false when it would change nothing.
pub(crate) fn apply(doc: &mut Value, path: &str, edit: Edit) -> bool {
    if edit == Edit::Rekey {
        let (parent, key) = path.rsplit_once('/').unwrap();
        let map = doc.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        let new = match key.parse::<u64>() {
            Ok(n) => (n + 1_000).to_string(),
            Err(_) => format!("{key}x"),
        };
        if map.contains_key(&new) {
            return false;
        }
        let v = map.remove(key).unwrap();
        map.insert(new, v);
        return true;
    }
    let v = doc.pointer_mut(path).unwrap();
    if let (Edit::Up | Edit::Down | Edit::Big | Edit::Max, Value::Number(n)) = (edit, &*v) {
        let Some(n) = n.as_u64() else { return false };
        let new = match edit {
            Edit::Up => n.checked_add(1),
            Edit::Down => n.checked_sub(1),
            Edit::Big => Some(4_000_000_000),
            _ => Some(u64::MAX),
        };
        return match new {
            Some(m) if m != n => {
                *v = Value::from(m);
                true
            }
            _ => false,
        };
    }
    match (edit, v) {
        (Edit::Up | Edit::Down, Value::String(s)) if decimal_text(s) => {
            *s = step_text(s, edit == Edit::Up);
            true
        }
        (Edit::Flip, Value::Bool(b)) => {
            *b = !*b;
            true
        }
        (Edit::Text, Value::String(s)) => {
            s.push('x');
            true
        }
        (Edit::Reorder, Value::Array(a)) => {
            let before = a.clone();
            a.reverse();
            *a != before
        }
        (Edit::Duplicate, Value::Array(a)) => match a.first().cloned() {
            Some(first) => {
                a.push(first);
                true
            }
            None => false,
        },
        (Edit::Truncate, Value::Array(a)) => a.pop().is_some(),
        _ => false,
    }
}

/// Whether `path` matches `pattern`: `*` one segment, `**` any number.
pub(crate) fn matches(pattern: &str, path: &str) -> bool {
    fn go(p: &[&str], s: &[&str]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((&"**", rest)) => (0..=s.len()).any(|i| go(rest, &s[i..])),
            Some((seg, rest)) => {
                s.first().is_some_and(|x| *seg == "*" || seg == x) && go(rest, &s[1..])
            }
        }
    }
    let p: Vec<&str> = pattern.split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    go(&p, &s)
}

/// Runs every edit of `value`'s stored form through `way_in` and checks
/// each against `table` (first matching line wins; no line: refused with
/// any error). Every mismatch is listed before the test fails.
pub(crate) fn check<T: serde::Serialize>(
    name: &str,
    value: &T,
    way_in: impl Fn(&str) -> Result<(), String>,
    table: &[Rule],
) {
    walk(name, value, way_in, table, false);
}

/// [`check`], with booleans flipped and decimal texts moved too; returns
/// the counts (refused, accepted).
pub(crate) fn check_rich<T: serde::Serialize>(
    name: &str,
    value: &T,
    way_in: impl Fn(&str) -> Result<(), String>,
    table: &[Rule],
) -> (usize, usize) {
    walk(name, value, way_in, table, true)
}

fn walk<T: serde::Serialize>(
    name: &str,
    value: &T,
    way_in: impl Fn(&str) -> Result<(), String>,
    table: &[Rule],
    rich: bool,
) -> (usize, usize) {
    let json = serde_json::to_value(value).unwrap();
    let text = serde_json::to_string(&json).unwrap();
    way_in(&text).unwrap_or_else(|e| panic!("{name}: the untouched value is refused: {e}"));
    let mut wrong = Vec::new();
    let (mut refused, mut accepted, mut gaps) = (0, 0, 0);
    for (path, edit, doc) in edits(&json, rich) {
        let got = way_in(&serde_json::to_string(&doc).unwrap());
        let expect = expect_of(table, &json, &path, edit);
        if std::env::var_os("TAMPER_DUMP").is_some() {
            eprintln!("{name} {path} {edit:?}: {got:?}");
        }
        match (expect, &got) {
            (Expect::Refused(says), Err(e)) if e.contains(says) => refused += 1,
            (Expect::Accepted(why), Ok(())) => {
                assert!(
                    !why.is_empty(),
                    "{name} {path} {edit:?}: accepted without a reason"
                );
                accepted += 1;
                gaps += usize::from(why.starts_with("GAP"));
            }
            _ => wrong.push(format!("{path} {edit:?}: expected {expect:?}, got {got:?}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{name}: {} of {} edits went otherwise:\n{}",
        wrong.len(),
        wrong.len() + refused + accepted,
        wrong.join("\n")
    );
    assert!(refused > 0, "{name}: the walker refused nothing");
    if gaps == 0 {
        eprintln!("{name}: {refused} edits refused, {accepted} accepted");
    } else {
        eprintln!(
            "{name}: {refused} edits refused, {accepted} accepted ({gaps} of them known gaps)"
        );
    }
    (refused, accepted)
}

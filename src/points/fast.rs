//! The hot path of [`Scorer::tally_acts`]: the fast rule, written once.
//!
//! **The rule.** An act dated in the period, of a kind whose rule the
//! policy's direct table reaches, by a deputy who already has a row, with
//! no share or correction and earning no bonus, adds to one cell of the
//! tally's counters:
//!
//! - verified: its quantity to its rule's counter in the deputy's row;
//! - pending or rejected: 1 to its claim's scratch cell (one of
//!   [`SCRATCH`] cells ahead of the rows).
//!
//! [`FastTable`] holds that rule as data, one [`FastEntry`] per (claim,
//! kind), and [`target`] applies an entry to an act; both ways in,
//! [`Scorer::add_fast`] (one act, any id) and [`Scorer::run_fast`] (acts
//! numbered one after another), go through them, so neither branches on
//! the claim, the kind or the quantity. Every act either way adds one to
//! [`Held::taken`]; the acts counted are those taken less the scratch
//! cells' counts, worked out when [`Held::flush`] moves them to the
//! tally's statistics. An act dated outside the period only adds to
//! [`Held::outside_period`].
//!
//! Whatever the rule does not take (a gap or a lower id in a run, a new
//! deputy, a kind with no rule, a bonus that does not fit, an overflow)
//! goes through the general path ([`Scorer::add`]'s), which checks
//! everything before writing; the statistics held here are flushed first,
//! so the general path always sees them whole.
//!
//! A rule's entry in the policy's per-kind table is packed into a `u32`
//! by [`pack`] and read by [`unpack`].

use core::borrow::Borrow;

use super::policy::kind_index;
use super::tally::{NO_ROW, Tally};
use super::{Act, Claim, PointsError, Policy, Scorer};

/// How many claim states an act can be in ([`Claim`]'s variants, whose
/// discriminants are `0..CLAIMS`): the fast table has a part per claim.
pub(super) const CLAIMS: usize = 3;
const _: () = assert!(
    Claim::Pending as usize == 0
        && Claim::Verified as usize == 1
        && Claim::Rejected as usize == 2
        && CLAIMS == 3
);

/// Cells at the start of a tally's counters, before the rows, one per
/// claim (at its discriminant): the fast path counts pending and rejected
/// acts there. The verified cell is never written. They hold 0 outside
/// the fast path (see [`Held::flush`]).
pub(super) const SCRATCH: usize = CLAIMS;

/// Bits of a packed kind entry (see [`pack`]) that hold the rule's first
/// counter plus one; the bits above hold the rule's bonus qualifier bits.
const COUNTER_BITS: u32 = 24;

/// The mask of [`COUNTER_BITS`].
const COUNTER_MASK: u32 = (1 << COUNTER_BITS) - 1;

/// The packed entry of a kind with no rule in reach of the fast path.
pub(super) const NO_RULE: u32 = 0;

/// Packs a rule's first counter and the bits of the qualifiers its bonuses
/// reward into a per-kind table entry: `(first + 1) | bonus << 24`, so
/// that 0 ([`NO_RULE`]) means no rule. A first counter past 2²⁴ − 2 gets
/// [`NO_RULE`]: its acts take the general path.
pub(super) fn pack(first: u32, bonus: u8) -> u32 {
    first
        .checked_add(1)
        .filter(|e| *e <= COUNTER_MASK)
        .map_or(NO_RULE, |e| {
            // The counter's three low bytes under the bonus byte (as
            // `unpack` reads them back).
            let [_, a, b, c] = e.to_be_bytes();
            u32::from_be_bytes([bonus, a, b, c])
        })
}

/// The first counter and bonus bits of a packed entry, `None` for
/// [`NO_RULE`].
#[inline(always)]
pub(super) fn unpack(entry: u32) -> Option<(u32, u8)> {
    let first = (entry & COUNTER_MASK).checked_sub(1)?;
    let [bonus, ..] = entry.to_be_bytes();
    Some((first, bonus))
}

/// What the fast rule does with an act of one claim and kind: add
/// `(act's quantity & quantity) | one` to cell `row × stride + cell` of
/// the counters (see [`target`]), unless the act has a qualifier in
/// `bonus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FastEntry {
    cell: u64,
    stride: u64,
    quantity: u32,
    one: u32,
    bonus: u8,
}

impl FastEntry {
    /// No counter: `cell` lies past the end of any tally's counters (they
    /// hold fewer than `u64::MAX` cells), so the act takes the general path.
    const NONE: Self = Self {
        cell: u64::MAX,
        stride: 0,
        quantity: 0,
        one: 0,
        bonus: 0,
    };

    /// The rule for `claim` under a rule whose first counter is `first`
    /// (`None`: no rule), in a tally with `slots` counters a row.
    fn new(claim: Claim, first: Option<(u32, u8)>, slots: u64) -> Self {
        match (claim, first) {
            (_, None) => Self::NONE,
            // SCRATCH + first < 2^24 + 3 (see `pack`): no overflow.
            (Claim::Verified, Some((first, bonus))) => Self {
                cell: u64::from(first).wrapping_add(SCRATCH as u64),
                stride: slots,
                quantity: u32::MAX,
                one: 0,
                bonus,
            },
            (Claim::Pending | Claim::Rejected, Some(_)) => Self {
                cell: claim as u64,
                stride: 0,
                quantity: 0,
                one: 1,
                bonus: 0,
            },
        }
    }
}

/// The cell of a tally's counters that entry `e` writes for an act by the
/// deputy in row `row`, and what it adds there. The cell may lie past the
/// end of the counters (an entry with no counter); the caller then takes
/// the general path.
#[inline(always)]
fn target(e: &FastEntry, row: u64, act: &Act) -> (u64, u32) {
    // row < 2^32 and stride < 2^32, so the product fits in a u64; `cell`
    // is `u64::MAX` only for `NONE`, whose stride is 0.
    let at = row.wrapping_mul(e.stride).wrapping_add(e.cell);
    // One of the two terms is always 0 (see `FastEntry::new`).
    (at, (act.quantity & e.quantity).wrapping_add(e.one))
}

/// The fast rule as data: [`FastEntry`]s by claim, then by
/// [`kind_index`], each claim's part ending with [`FastEntry::NONE`] for
/// the kinds past the policy's table.
#[derive(Debug)]
pub(super) struct FastTable {
    entries: Vec<FastEntry>,
    /// The length of each claim's part.
    part: usize,
}

impl FastTable {
    /// The table for `policy`, whose tallies have `slots` counters a row.
    pub(super) fn new(policy: &Policy, slots: usize) -> Self {
        let kinds = policy.kind_table();
        debug_assert!(
            u64::try_from(slots).is_ok(),
            "a tally's counters a row fit in a u64"
        );
        let stride = u64::try_from(slots).unwrap_or(u64::MAX);
        let claims = [Claim::Pending, Claim::Verified, Claim::Rejected];
        let entries: Vec<FastEntry> = claims
            .iter()
            .flat_map(|claim| {
                kinds
                    .iter()
                    .chain([&NO_RULE])
                    .map(move |k| FastEntry::new(*claim, unpack(*k), stride))
            })
            .collect();
        let part = kinds.len().wrapping_add(1);
        debug_assert_eq!(entries.len(), part.wrapping_mul(CLAIMS));
        Self { entries, part }
    }

    /// The entry for `act`'s claim and kind (kinds past the table's reach
    /// share the [`FastEntry::NONE`] that ends each claim's part).
    #[inline(always)]
    fn lookup(&self, act: &Act) -> Option<&FastEntry> {
        lookup(&self.entries, self.part, act)
    }
}

/// [`FastTable::lookup`], on the table's parts (so that a loop holds them
/// in registers).
#[inline(always)]
fn lookup<'t>(entries: &'t [FastEntry], part: usize, act: &Act) -> Option<&'t FastEntry> {
    let kind = kind_index(act.kind).min(part.wrapping_sub(1));
    entries.get(kind.wrapping_add(part.wrapping_mul(act.claim as usize)))
}

/// Statistics of acts the fast path took, not yet in the tally's: acts
/// taken in the period (counted, pending or rejected; the scratch cells
/// say which were not counted) and acts dated outside it. Each counts
/// acts of one run of a program, so it cannot wrap.
#[derive(Debug, Default)]
pub(super) struct Held {
    taken: u64,
    outside_period: u64,
    /// What the acts taken added to the counters: a verified act's
    /// quantity, or 1 in a scratch cell for a pending or rejected one.
    /// At most 2^64 acts of 2^32 each: it cannot wrap.
    added: u128,
}

impl Held {
    /// Adds the held counts and the scratch cells' to the tally's
    /// statistics and empties both; on overflow nothing changes.
    ///
    /// # Errors
    /// [`PointsError::Overflow`] if a statistic passes 2⁶⁴ − 1.
    #[inline(never)]
    pub(super) fn flush(&mut self, tally: &mut Tally) -> Result<(), PointsError> {
        let mut claims = [0_u64; SCRATCH];
        for (held, cell) in claims.iter_mut().zip(tally.counts.iter()) {
            *held = u64::from(*cell);
        }
        let [pending, verified, rejected] = claims;
        debug_assert_eq!(verified, 0, "the verified scratch cell is never written");
        let counted = self
            .taken
            .checked_sub(pending)
            .and_then(|n| n.checked_sub(rejected));
        debug_assert!(
            counted.is_some(),
            "every pending or rejected act in a scratch cell was taken"
        );
        let counted = counted.unwrap_or(0);
        // The quantities counted: what was added, less the scratch cells'.
        let quantities = self
            .added
            .checked_sub(u128::from(pending))
            .and_then(|n| n.checked_sub(u128::from(rejected)));
        debug_assert!(
            quantities.is_some(),
            "every pending or rejected act in a scratch cell added 1 to `added`"
        );
        let occurrences = quantities
            .and_then(|q| u64::try_from(q).ok())
            .and_then(|q| tally.occurrences.checked_add(q))
            .ok_or(PointsError::Overflow("counting occurrences"))?;
        let stats = &mut tally.stats;
        let add = |a: u64, b: u64| {
            a.checked_add(b)
                .ok_or(PointsError::Overflow("counting acts"))
        };
        let new = (
            add(stats.counted, counted)?,
            add(stats.pending, pending)?,
            add(stats.rejected, rejected)?,
            add(stats.outside_period, self.outside_period)?,
        );
        (
            stats.counted,
            stats.pending,
            stats.rejected,
            stats.outside_period,
        ) = new;
        tally.occurrences = occurrences;
        for cell in tally.counts.iter_mut().take(SCRATCH) {
            *cell = 0;
        }
        *self = Self::default();
        Ok(())
    }
}

/// Writes a run of new ids taken by the fast path to the id set.
#[inline(always)]
fn flush_ids(tally: &mut Tally, run: Option<(u64, u64)>) {
    if let Some((start, end)) = run {
        tally.ids.insert_range(start, end);
    }
}

/// Adds the id of an act that may be a repeat, if the id set's block used
/// last holds it: `Some(true)` if new, `Some(false)` if a repeat (listed
/// as a duplicate); `None`, having changed nothing, for another block.
#[inline(always)]
fn cached_id(tally: &mut Tally, act: &Act) -> Option<bool> {
    let added = tally.ids.insert_cached(act.id.get())?;
    if !added {
        tally.stats.duplicates.push(act.id);
    }
    Some(added)
}

impl Scorer<'_> {
    /// [`Scorer::tally_acts`]: the fast rule for every act it takes, the
    /// general path for the rest.
    pub(super) fn tally_fast<I>(&self, acts: I) -> Result<Tally, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        self.tally_fast_into(self.tally(), acts)
    }

    /// [`Scorer::tally_fast`] into a tally that may already hold acts (its
    /// key checked by the caller): the acts continue the ones it saw.
    pub(super) fn tally_fast_into<I>(&self, mut tally: Tally, acts: I) -> Result<Tally, PointsError>
    where
        I: IntoIterator,
        I::Item: Borrow<Act>,
    {
        let table = FastTable::new(self.policy, tally.slots());
        // `hi`: no id in the tally is above it. `run`: consecutive ids
        // above every id in `tally.ids`, taken by the fast path and not
        // yet written to the id set (they are new by construction).
        // `held`: the fast path's statistics, kept out of the tally (in
        // registers) until the general path or the end needs them.
        let mut hi: Option<u64> = tally.ids.max();
        let mut run: Option<(u64, u64)> = None;
        let mut held = Held::default();
        let mut acts = acts.into_iter();
        // An act the run loop stopped at, to be taken next.
        let mut next: Option<I::Item> = None;
        while let Some(item) = next.take().or_else(|| acts.next()) {
            let act: &Act = item.borrow();
            let id = act.id.get();
            if hi.is_none_or(|h| id > h) {
                if self.add_fast::<true>(&mut tally, &table, &mut held, act) {
                    let (last, stop) = self.run_fast(&mut tally, &table, &mut acts, id, &mut held);
                    run = match run {
                        // An act the run loop left to the fast path (a
                        // bonus) continues the run.
                        Some((start, end)) if end.checked_add(1) == Some(id) => Some((start, last)),
                        _ => {
                            flush_ids(&mut tally, run);
                            Some((id, last))
                        }
                    };
                    hi = Some(last);
                    next = stop;
                    continue;
                }
                flush_ids(&mut tally, run.take());
            } else {
                // A lower id may be a repeat: the id set must be complete.
                flush_ids(&mut tally, run.take());
                if self.add_fast::<false>(&mut tally, &table, &mut held, act) {
                    continue;
                }
            }
            hi = Some(hi.map_or(id, |h| h.max(id)));
            held.flush(&mut tally)?;
            self.add_slow(&mut tally, act)?;
        }
        flush_ids(&mut tally, run);
        held.flush(&mut tally)?;
        Ok(tally)
    }

    /// One act under the fast rule, by a deputy who already has a row (or
    /// dated outside the period). Statistics go to `held`, not to the tally.
    ///
    /// With `NEW` the caller knows the id is new (above every id seen)
    /// and records it itself; without, the id must fall in the id block
    /// used last (a repeat is listed as a duplicate). Returns `false`,
    /// having changed nothing, for anything else.
    #[inline(always)]
    fn add_fast<const NEW: bool>(
        &self,
        tally: &mut Tally,
        table: &FastTable,
        held: &mut Held,
        act: &Act,
    ) -> bool {
        let Some(row) = tally.row_of(act.deputy) else {
            return false; // the general path gives the deputy a row
        };
        if !self.period.contains(act.date) {
            if !NEW {
                match cached_id(tally, act) {
                    None => return false,
                    Some(false) => return true,
                    Some(true) => {}
                }
            }
            held.outside_period = held.outside_period.wrapping_add(1);
            return true;
        }
        let Some(e) = table.lookup(act) else {
            return false;
        };
        let Ok(row) = u64::try_from(row) else {
            return false;
        };
        let (at, add) = target(e, row, act);
        let Some(at) = usize::try_from(at).ok() else {
            return false;
        };
        let Some(new) = tally.counts.get(at).and_then(|c| c.checked_add(add)) else {
            return false;
        };
        if act.has_detail() {
            return false;
        }
        let rule = if act.qualifiers.bits() & e.bonus != 0 {
            let rule = self.fast_bonus_rule(tally, at, act);
            if rule.is_none() {
                return false;
            }
            rule
        } else {
            None
        };
        if !NEW {
            match cached_id(tally, act) {
                None => return false,
                Some(false) => return true,
                Some(true) => {}
            }
        }
        if let Some(cell) = tally.counts.get_mut(at) {
            *cell = new;
        }
        if let Some(rule) = rule {
            self.count_bonuses(tally, at, rule, act);
        }
        held.taken = held.taken.wrapping_add(1);
        held.added = held.added.wrapping_add(u128::from(add)); // see `Held::added`
        true
    }

    /// The rule of a counted act with bonuses, if its bonus occurrences
    /// all fit in the counters after `at`.
    #[cold]
    #[inline(never)]
    fn fast_bonus_rule(&self, tally: &Tally, at: usize, act: &Act) -> Option<u16> {
        let rule = self.policy.rule_index(act.kind)?;
        self.bonuses_fit(tally, at, rule, act).then_some(rule)
    }

    /// The loop for acts numbered one after another, after an act `first`
    /// the fast path took: takes each act whose id is the next one, dated
    /// in the period, by a deputy with a row (in the dense table) and
    /// earning no bonus, under the fast rule, with as few instructions as
    /// it can (no branch on the claim, the kind or the quantity). Returns
    /// the last id taken (their ids are not yet in the id set) and the act
    /// it stopped at, if any, untouched.
    #[inline(always)]
    fn run_fast<I>(
        &self,
        tally: &mut Tally,
        table: &FastTable,
        acts: &mut I,
        first: u64,
        held: &mut Held,
    ) -> (u64, Option<I::Item>)
    where
        I: Iterator,
        I::Item: Borrow<Act>,
    {
        let (start, end) = (self.period.start(), self.period.end());
        let (entries, part) = (table.entries.as_slice(), table.part);
        let dense = &tally.dense;
        let counts = &mut tally.counts;
        let mut last = first;
        let mut added: u128 = 0;
        let stop = loop {
            // Read where `next` left it: moving the act out first costs a
            // copy of every act, read back at once.
            let slot = acts.next();
            let Some(item) = slot.as_ref() else {
                break None;
            };
            let act: &Act = item.borrow();
            let id = act.id.get();
            if last.checked_add(1) != Some(id) || act.date < start || act.date > end {
                break slot;
            }
            let Some(e) = lookup(entries, part, act) else {
                break slot;
            };
            if act.qualifiers.bits() & e.bonus != 0 || act.has_detail() {
                break slot;
            }
            // A deputy without a row gets one on the general path, whatever
            // the act's claim (everyone met in the acts has an entry).
            let Some(row) = dense_row(dense, act) else {
                break slot;
            };
            // Past the end of `counts` for an entry without a counter.
            let (at, add) = target(e, row, act);
            let Some(cell) = usize::try_from(at).ok().and_then(|at| counts.get_mut(at)) else {
                break slot;
            };
            let Some(new) = cell.checked_add(add) else {
                break slot;
            };
            *cell = new;
            added = added.wrapping_add(u128::from(add)); // see `Held::added`
            last = id;
        };
        // Every act taken has an id after `first`, up to `last`.
        held.taken = held.taken.wrapping_add(last.wrapping_sub(first));
        held.added = held.added.wrapping_add(added);
        (last, stop)
    }
}

/// The row of the act's deputy in the dense table, if there is one.
#[inline(always)]
fn dense_row(dense: &[u32], act: &Act) -> Option<u64> {
    let row = *dense.get(usize::try_from(act.deputy.get()).ok()?)?;
    (row != NO_ROW).then_some(u64::from(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_and_refuses_what_does_not_fit() {
        for (first, bonus) in [(0, 0), (5, 0xFF), (COUNTER_MASK - 1, 1)] {
            assert_eq!(unpack(pack(first, bonus)), Some((first, bonus)));
        }
        assert_eq!(pack(COUNTER_MASK, 0), NO_RULE);
        assert_eq!(pack(u32::MAX, 0xFF), NO_RULE);
        assert_eq!(unpack(NO_RULE), None);
        // The bonus bits never spill into the counter's.
        assert_eq!(pack(0, 0xFF), 1 | 0xFF << COUNTER_BITS);
    }

    /// The fast path takes the acts its rule names and leaves the rest to
    /// the general path (which gives the same tally, so only this test can
    /// tell that the fast path took them): one act at a time, and a run of
    /// consecutive ids up to the first act outside the rule.
    #[test]
    fn the_fast_path_takes_what_its_rule_says() {
        use crate::common::{DeputyId, Period, RecordId};
        use crate::points::{Code, StandardKind, samples};
        let policy = samples::yinchuan_jiangbei().unwrap();
        let scorer = Scorer::new(&policy, Period::year(2025).unwrap()).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let act = |id: u64, deputy: u32| {
            Act::new(
                RecordId::new(id),
                DeputyId::new(deputy),
                day,
                StandardKind::Inspection.into(),
            )
        };
        let mut tally = scorer.tally();
        tally.enrol(DeputyId::new(1)).unwrap();
        let table = FastTable::new(&policy, tally.slots());
        let mut held = Held::default();
        let mut take =
            |tally: &mut Tally, a: &Act| scorer.add_fast::<true>(tally, &table, &mut held, a);
        assert!(take(&mut tally, &act(1, 1)));
        assert!(take(&mut tally, &act(2, 1).with_claim(Claim::Pending)));
        assert!(!take(&mut tally, &act(3, 2)), "no row yet");
        let mut key =
            act(6, 1).with_qualifier(crate::points::Qualifier::new("key_suggestion").unwrap());
        key.kind = StandardKind::SubmitSuggestion.into();
        assert!(take(&mut tally, &key), "a bonus that fits");
        assert!(
            !take(&mut tally, &act(4, 1).with_role(Code::new("lead").unwrap())),
            "a detail"
        );
        let mut no_rule = act(5, 1);
        no_rule.kind = crate::points::ActKind::Local(999);
        assert!(!take(&mut tally, &no_rule), "a kind with no rule");
        // An id at or below the highest seen: the fast path takes it if the
        // id block used last holds it, a repeat listed as a duplicate.
        tally.ids.insert(1);
        tally.ids.insert(2);
        let table_now = FastTable::new(&policy, tally.slots());
        let mut held_now = Held::default();
        assert!(scorer.add_fast::<false>(&mut tally, &table_now, &mut held_now, &act(2, 1)));
        assert_eq!(tally.stats.duplicates, [RecordId::new(2)]);
        assert_eq!(held_now.taken, 0, "a repeat is not taken again");
        assert!(scorer.add_fast::<false>(&mut tally, &table_now, &mut held_now, &act(0, 1)));
        assert_eq!(held_now.taken, 1);
        assert!(
            !scorer.add_fast::<false>(&mut tally, &table_now, &mut held_now, &act(1 << 40, 1)),
            "another id block"
        );
        // A run: ids 11 to 14 taken (the first and last days of the period
        // are in it, and a qualifier the act's rule has no bonus for), 16
        // (a gap) handed back untouched.
        let on = |a: Act, m: u32, d: u32| Act {
            date: chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap(),
            ..a
        };
        let mut acts = [
            on(act(12, 1), 1, 1),
            on(act(13, 1), 12, 31),
            act(14, 1).with_qualifier(crate::points::Qualifier::new("key_suggestion").unwrap()),
            act(16, 1),
            act(17, 1),
        ]
        .into_iter();
        let table = FastTable::new(&policy, tally.slots());
        let (last, stop) = scorer.run_fast(&mut tally, &table, &mut acts, 11, &mut held);
        assert_eq!((last, stop.map(|a| a.id.get())), (14, Some(16)));
        assert_eq!(held.taken, 3 + 3);
    }

    #[test]
    fn entries_say_where_each_claim_goes() {
        let first = Some((4, 0xFF));
        let v = FastEntry::new(Claim::Verified, first, 10);
        assert_eq!(
            (v.cell, v.stride, v.quantity, v.one, v.bonus),
            (7, 10, u32::MAX, 0, 0xFF)
        );
        for claim in [Claim::Pending, Claim::Rejected] {
            let e = FastEntry::new(claim, first, 10);
            assert_eq!(
                (e.cell, e.stride, e.quantity, e.one, e.bonus),
                (claim as u64, 0, 0, 1, 0)
            );
        }
        for claim in [Claim::Pending, Claim::Verified, Claim::Rejected] {
            assert_eq!(FastEntry::new(claim, None, 10), FastEntry::NONE);
        }
    }

    mod oracle {
        use std::collections::{BTreeMap, BTreeSet};

        use chrono::NaiveDate;
        use proptest::prelude::*;

        use super::super::SCRATCH;
        use crate::common::{DeputyId, Period, RecordId};
        use crate::points::{
            Act, ActKind, Claim, Policy, Qualifier, Scorer, StandardKind, samples,
        };

        /// What the plain rule gives: counters per deputy, and (counted,
        /// pending, rejected, outside the period, unscored, duplicates).
        type Plain = (BTreeMap<DeputyId, Vec<u64>>, [u64; 5], Vec<RecordId>);

        /// The rule of a tally, written as plainly as it can be: acts in
        /// order; a repeated id is a duplicate; otherwise the act is dated
        /// outside the period, pending, rejected, of a kind with no rule, or
        /// counted: its quantity on its rule's counter and on the counter of
        /// each bonus it earns. Everyone with an act that is not a
        /// duplicate has a row.
        fn plain(policy: &Policy, period: Period, acts: &[Act]) -> Plain {
            let slots = usize::try_from(policy.slots()).unwrap();
            let mut rows: BTreeMap<DeputyId, Vec<u64>> = BTreeMap::new();
            let mut stats = [0_u64; 5];
            let mut seen = BTreeSet::new();
            let mut duplicates = Vec::new();
            for act in acts {
                if !seen.insert(act.id) {
                    duplicates.push(act.id);
                    continue;
                }
                let row = rows.entry(act.deputy).or_insert_with(|| vec![0; slots]);
                let rule = policy.rule_index(act.kind);
                let which = if !period.contains(act.date) {
                    3
                } else if act.claim == Claim::Pending {
                    1
                } else if act.claim == Claim::Rejected {
                    2
                } else if rule.is_none() {
                    4
                } else {
                    0
                };
                stats[which] += 1;
                if let (0, Some(rule)) = (which, rule) {
                    let first = policy.rule_slot(rule).0;
                    row[first] += u64::from(act.quantity);
                    for (j, b) in policy.bonuses(rule).iter().enumerate() {
                        if b.applies(&act.qualifiers, act.role()) {
                            row[first + 1 + j] += u64::from(act.quantity);
                        }
                    }
                }
            }
            duplicates.sort_unstable();
            (rows, stats, duplicates)
        }

        /// The sample policy with a locality kind past the fast table's
        /// reach (2000), so that both kinds of local kinds are tried.
        fn policy() -> Policy {
            let data = samples::yinchuan_jiangbei().unwrap().data().clone();
            Policy::new(samples::with_far_local_kind(data)).unwrap()
        }

        /// How an act's id follows the one before: mostly the next id (the
        /// run loop), else a gap, a repeat of an earlier id or a jump back.
        fn ids(steps: &[(u8, u8)]) -> Vec<u64> {
            let mut out: Vec<u64> = Vec::with_capacity(steps.len());
            let mut next = 1_000_u64;
            for (i, (how, k)) in steps.iter().enumerate() {
                let id = match how % 16 {
                    0 => next + u64::from(*k) + 1,                        // a gap
                    1 if i > 0 => out[usize::from(*k) % i],               // a repeat
                    2 => next.saturating_sub(u64::from(*k) * 70_000 + 1), // back, another block
                    3 => next.saturating_sub(u64::from(*k) + 1),          // back, same block
                    _ => next,
                };
                out.push(id);
                next = next.max(id + 1);
            }
            out
        }

        prop_compose! {
            fn arb_acts()(
                steps in prop::collection::vec((any::<u8>(), any::<u8>()), 0..300),
                fields in prop::collection::vec(
                    (0_u32..14, 0_usize..16, 0_u8..20, 0_u32..4, 0_u8..8, 0_u32..400),
                    300,
                ),
            ) -> Vec<Act> {
                let kinds: Vec<ActKind> = StandardKind::ALL
                    .into_iter()
                    .map(ActKind::from)
                    .chain([ActKind::Local(1), ActKind::Local(2000), ActKind::Local(7)])
                    .collect();
                let qualifiers = ["lead", "key_suggestion", "reply_class_a"]
                    .map(|q| Qualifier::new(q).unwrap());
                let start = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
                ids(&steps)
                    .into_iter()
                    .zip(fields)
                    .map(|(id, (deputy, kind, claim, quantity, quals, day))| {
                        // Deputies past the dense table (2^22) too.
                        let deputy = if deputy == 13 { u32::MAX - 1 } else { deputy + 1 };
                        let claim = match claim {
                            0 => Claim::Pending,
                            1 => Claim::Rejected,
                            _ => Claim::Verified,
                        };
                        let mut act = Act::new(
                            RecordId::new(id),
                            DeputyId::new(deputy),
                            start + chrono::Days::new(u64::from(day)), // some outside 2025
                            kinds[kind % kinds.len()],
                        )
                        .with_claim(claim)
                        .with_quantity(quantity);
                        for (bit, q) in qualifiers.iter().enumerate() {
                            if quals & (1 << bit) != 0 {
                                act = act.with_qualifier(*q);
                            }
                        }
                        act
                    })
                    .collect()
            }
        }

        proptest! {
            #![proptest_config(crate::proptest_config(256))]

            #[test]
            fn the_fast_path_equals_the_plain_rule(acts in arb_acts()) {
                let policy = policy();
                let period = Period::year(2025).unwrap();
                let scorer = Scorer::new(&policy, period).unwrap();
                let tally = scorer.tally_acts(&acts).unwrap();
                let (rows, stats, duplicates) = plain(&policy, period, &acts);
                let fast: BTreeMap<DeputyId, Vec<u64>> = tally
                    .sorted_rows()
                    .map(|(d, c)| (d, c.iter().map(|n| u64::from(*n)).collect()))
                    .collect();
                prop_assert_eq!(fast, rows);
                let s = tally.sorted_stats();
                prop_assert_eq!(
                    [s.counted, s.pending, s.rejected, s.outside_period, s.unscored],
                    stats
                );
                prop_assert_eq!(s.duplicates, duplicates);
                // The scratch cells are empty between calls.
                prop_assert_eq!(&tally.counts[..SCRATCH], &[0; SCRATCH][..]);
            }
        }
    }
}

//! Parallel counting of a register (the `rayon` feature).

use super::register::count_item;
use super::{FeedbackCounts, Register, RegisterCounts, UnitCounts};
use crate::common::Period;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

/// Adds `b` to `a`: the register holds its items in memory, so no count
/// reaches `u32::MAX` (as the sequential count's own steps assume).
fn add(a: &mut u32, b: u32) {
    let sum = a.checked_add(b);
    debug_assert!(
        sum.is_some(),
        "a register in memory has fewer than u32::MAX items, entries and verdicts"
    );
    *a = sum.unwrap_or(u32::MAX);
}

fn add_feedback(a: &mut FeedbackCounts, b: FeedbackCounts) {
    add(&mut a.satisfied, b.satisfied);
    add(&mut a.basically_satisfied, b.basically_satisfied);
    add(&mut a.unsatisfied, b.unsatisfied);
}

/// Adds the counts of a part of the items (no evaluations: those are
/// counted once, from the log, after the parts).
fn merge(mut a: RegisterCounts, b: RegisterCounts) -> RegisterCounts {
    add(&mut a.received, b.received);
    add(&mut a.registered, b.registered);
    add(&mut a.not_registered, b.not_registered);
    add(&mut a.withdrawn, b.withdrawn);
    add(&mut a.merged, b.merged);
    add(&mut a.key, b.key);
    add(&mut a.replied, b.replied);
    add(&mut a.replied_on_time, b.replied_on_time);
    add(&mut a.closed, b.closed);
    for (code, n) in b.by_class {
        add(a.by_class.entry(code).or_insert(0), n);
    }
    add_feedback(&mut a.feedback, b.feedback);
    add_feedback(&mut a.attitude, b.attitude);
    add(&mut a.look_back_resolved, b.look_back_resolved);
    add(&mut a.self_handled, b.self_handled);
    add(&mut a.handled_separately, b.handled_separately);
    add(&mut a.carried_over, b.carried_over);
    for (unit, u) in b.units {
        let e: &mut UnitCounts = a.units.entry(unit).or_default();
        add(&mut e.assigned, u.assigned);
        add(&mut e.replied, u.replied);
        add(&mut e.replied_on_time, u.replied_on_time);
        add_feedback(&mut e.feedback, u.feedback);
        add_feedback(&mut e.attitude, u.attitude);
        add(&mut e.refused, u.refused);
        debug_assert!(u.evaluation.is_none(), "parts count no evaluation");
    }
    a
}

impl Register {
    /// [`Register::counts`], counted in parallel: identical, byte for
    /// byte.
    ///
    /// The items are counted in parts, one count per thread, and the
    /// parts added up: every figure is a sum (by class and by unit, maps
    /// whose merge is exact), so the order does not matter. The committee's
    /// ratings of units are an ordered log (the latest rating of a unit
    /// wins): they are counted once, in order, after the parts.
    ///
    /// Cost: each item's state and trail read once, over rayon's threads
    /// (the trail for the units' refused assignments); memory: one count
    /// per thread, in proportion to the classes and units, and a list of
    /// references to the items.
    ///
    /// ```
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// assert_eq!(register.par_counts(), register.counts());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    #[must_use]
    pub fn par_counts(&self) -> RegisterCounts {
        let year = self.year();
        self.par_counts_where(move |d| d.year() == year)
    }

    /// [`Register::counts_in`], counted in parallel as
    /// [`Register::par_counts`]: identical, byte for byte.
    ///
    /// ```
    /// use deputy_work::common::Period;
    /// use deputy_work::suggestion::samples;
    /// let register = samples::ordos_2025()?;
    /// let q1 = Period::quarter(2025, 1)?;
    /// assert_eq!(register.par_counts_in(q1), register.counts_in(q1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    #[must_use]
    pub fn par_counts_in(&self, period: Period) -> RegisterCounts {
        let year = self.year();
        self.par_counts_where(move |d| d.year() == year && period.contains(d))
    }

    fn par_counts_where(&self, in_scope: impl Fn(NaiveDate) -> bool + Sync) -> RegisterCounts {
        let year = self.year();
        let empty = || RegisterCounts {
            year,
            ..RegisterCounts::default()
        };
        let mut c = self
            .items()
            .par_iter()
            .fold(empty, |mut c, (_, s)| {
                count_item(&mut c, year, s, &in_scope);
                c
            })
            .reduce(empty, merge);
        self.count_evaluations(&mut c, &in_scope);
        c
    }
}

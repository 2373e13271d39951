//! The hot path of [`Scorer::ranking`](super::Scorer::ranking): a plain
//! policy's total of one tally row, written once.
//!
//! **The rule.** Under a [plain](super::Policy::is_plain) policy a
//! deputy's total is the base, plus for each rule in the policy's order
//! the rule's points (each line's count times its points: the rule's
//! points per occurrence, then one line per bonus) held within the rule's
//! cap, then held within the policy's floor or ceiling (the floor is
//! tried first). Every figure is an integer of 10^-scale, the policy's
//! precision, as in the scorecard's walk.
//!
//! The walk that makes a [`Scorecard`](super::Scorecard) says the same
//! and also writes a ledger line for every nonzero line and every
//! adjustment; a figure a ledger line could not hold (a decimal's 96-bit
//! mantissa) is an error there. [`PlainTotals::total`] gives `None` for
//! any row where the walk could fail (an overflow, or a figure past the
//! 96 bits), so the caller asks the walk for the error it gives: the
//! ranking never says anything the scorecard would not. The tests hold
//! the ranking to the scorecard's totals, bands, ranks and errors on
//! random plain policies (`tests/points_parallel.rs`).
//!
//! Cost: one pass over a row (its counters), with no allocation.

use rust_decimal::Decimal;

use super::Policy;
use super::general::{iheld, to_fixed, variant};

/// The largest magnitude a decimal's mantissa holds: 2⁹⁶ − 1.
const MANTISSA: u128 = (1 << 96) - 1;

/// A rule's lines and cap.
#[derive(Debug)]
struct PlainRule {
    /// Its lines: `first..end` of a row.
    first: usize,
    end: usize,
    cap: Option<i128>,
}

/// A plain policy's totals as data: every figure at the policy's
/// precision.
#[derive(Debug)]
pub(super) struct PlainTotals {
    scale: u32,
    base: i128,
    floor: Option<i128>,
    ceiling: Option<i128>,
    rules: Vec<PlainRule>,
    /// The points of each line of a row.
    points: Vec<i128>,
}

/// Whether the walk can write `v` as a ledger figure.
#[inline(always)]
fn writable(v: i128) -> Option<i128> {
    (v.unsigned_abs() <= MANTISSA).then_some(v)
}

impl PlainTotals {
    /// The table of a plain policy; `None` if one of its numbers does not
    /// fit the policy's precision (the walk then says why).
    pub(super) fn new(policy: &Policy) -> Option<Self> {
        let data = policy.data();
        let plan = policy.plan();
        debug_assert!(plan.plain, "plain totals are asked for plain policies only");
        let scale = plan.scale;
        // The walk writes figures with `scale` places: a decimal holds 28.
        if scale > 28 {
            return None;
        }
        let fx = |d: Decimal| to_fixed(d, scale).ok();
        // `None`: a number past the precision; `Some(None)`: no number.
        let fxo = |d: Option<Decimal>| d.map(|d| to_fixed(d, scale)).transpose().ok();
        let mut points = vec![0_i128; plan.lines];
        let mut rules = Vec::with_capacity(data.rules.len());
        for (rule, rp) in data.rules.iter().zip(&plan.rules) {
            let end = rp
                .first
                .checked_add(rp.variants)?
                .checked_add(rule.bonuses.len())?;
            let lines = points.get_mut(rp.first..end)?;
            let (base, bonuses) = lines.split_at_mut(rp.variants.min(lines.len()));
            for (j, p) in base.iter_mut().enumerate() {
                *p = fx(variant(rule, j).1)?;
            }
            for (p, b) in bonuses.iter_mut().zip(&rule.bonuses) {
                *p = fx(b.points)?;
            }
            rules.push(PlainRule {
                first: rp.first,
                end,
                cap: fxo(rule.cap)?,
            });
        }
        Some(Self {
            scale,
            base: fxo(data.base)?.unwrap_or(0),
            floor: fxo(data.floor)?,
            ceiling: fxo(data.ceiling)?,
            rules,
            points,
        })
    }

    /// The policy's precision: totals are integers of 10^-`scale`.
    pub(super) const fn scale(&self) -> u32 {
        self.scale
    }

    /// The total of a row (one counter per line), or `None` where the
    /// scorecard's walk would fail on it.
    #[inline]
    pub(super) fn total(&self, row: &[u32]) -> Option<i128> {
        let mut loose = 0_i128;
        for rule in &self.rules {
            let counts = row.get(rule.first..rule.end)?;
            let points = self.points.get(rule.first..rule.end)?;
            let mut v = 0_i128;
            // A line with no occurrences adds 0 (the walk writes no line
            // for it; 0 is writable either way).
            for (n, p) in counts.iter().zip(points) {
                let pts = writable(i128::from(*n).checked_mul(*p)?)?;
                v = v.checked_add(pts)?;
            }
            let kept = iheld(v, rule.cap);
            if kept != v {
                writable(kept.checked_sub(v)?)?;
            }
            loose = loose.checked_add(kept)?;
        }
        let total = self.base.checked_add(loose)?;
        // The floor first, as the walk: a total below it is raised to it;
        // otherwise one above the ceiling is lowered to it.
        let floored = self.floor.map_or(total, |f| total.max(f));
        let held = if floored == total {
            self.ceiling.map_or(total, |c| total.min(c))
        } else {
            floored
        };
        if held != total {
            writable(held.checked_sub(total)?)?;
        }
        writable(held)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::common::{DeputyId, Period, RecordId};
    use crate::points::{
        Act, ActKind, Code, InForce, PointsError, PolicyData, Qualifier, Rule, Scorer,
        StandardKind, Term, samples,
    };

    /// Hand-worked: the Yinchuan/Jiangbei sample scores from a base of
    /// 60 at one decimal place.
    #[test]
    fn a_row_of_the_sample_policy() {
        let policy = samples::yinchuan_jiangbei().unwrap();
        let table = PlainTotals::new(&policy).unwrap();
        assert_eq!(table.scale(), 1);
        let lines = policy.plan().lines;
        // No acts: the base, 60.0.
        assert_eq!(table.total(&vec![0; lines]), Some(600));
        // Two meetings (+2 each), a suggestion (+3) with the key bonus
        // (+2), seven absences (−2 each): 60 + 4 + 5 − 14 = 55.0.
        let mut row = vec![0; lines];
        row[0] = 2; // attend_meeting
        row[2] = 1; // submit_suggestion
        row[4] = 1; // its second bonus, key_suggestion
        let absence = policy.plan().rules[8].first;
        row[absence] = 7;
        assert_eq!(table.total(&row), Some(550));
        // Twenty meetings: 40 points, held to the cap of 20: 80.0.
        let mut row = vec![0; lines];
        row[0] = 20;
        assert_eq!(table.total(&row), Some(800));
        // Sixty absences: −120, within the floor of 0.
        let mut row = vec![0; lines];
        row[absence] = 60;
        assert_eq!(table.total(&row), Some(0));
        // A row shorter than the policy's lines is not a row of it.
        assert_eq!(table.total(&[]), None);
    }

    #[test]
    fn figures_past_a_decimal_are_left_to_the_walk() {
        assert_eq!(writable(-(1_i128 << 96) + 1), Some(-(1_i128 << 96) + 1));
        assert_eq!(writable(1 << 96), None);
        assert_eq!(writable(i128::MIN), None);
    }

    /// 4 × 10^28: one such figure fits a decimal's 96 bits (about
    /// 7.9 × 10^28), two do not.
    fn big() -> Decimal {
        Decimal::from_i128_with_scale(4 * 10_i128.pow(28), 0)
    }

    fn policy(rules: Vec<Rule>, ceiling: Option<Decimal>) -> Policy {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let mut data = PolicyData::new(
            "t",
            "1",
            InForce {
                start: day(1, 1),
                end: day(12, 31),
            },
        );
        data.qualifiers = vec![Term {
            code: Code::new("lead").unwrap(),
            label_zh: "领衔".into(),
            label_en: "lead".into(),
        }];
        data.rules = rules;
        data.ceiling = ceiling;
        Policy::new(data).unwrap()
    }

    fn act(id: u64, kind: StandardKind, lead: bool) -> Act {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let a = Act::new(
            RecordId::new(id),
            DeputyId::new(1),
            day,
            ActKind::Standard(kind),
        );
        if lead {
            a.with_qualifier(Qualifier::new("lead").unwrap())
        } else {
            a
        }
    }

    /// Each figure the walk writes is checked where the walk writes it:
    /// in each case below exactly one of them passes the 96 bits, and the
    /// ranking gives the scorecard's error rather than a total.
    #[test]
    fn every_figure_the_walk_writes_is_checked() {
        let lead = || Qualifier::new("lead").unwrap();
        let meeting = |p: Decimal| Rule::new(StandardKind::AttendMeeting.into(), p);
        let research = Rule::new(StandardKind::Research.into(), big());
        /// What is checked, the policy's rules and ceiling, the acts.
        type Case = (&'static str, Vec<Rule>, Option<Decimal>, Vec<Act>);
        let cases: [Case; 4] = [
            // Two meetings: a line of 8 × 10^28, held to a cap of 4 ×
            // 10^28 (the adjustment and the total fit).
            (
                "a line",
                vec![meeting(big()).with_cap(big())],
                None,
                vec![
                    act(1, StandardKind::AttendMeeting, false),
                    act(2, StandardKind::AttendMeeting, false),
                ],
            ),
            // One meeting with the bonus: two lines of 4 × 10^28, capped
            // at 10: the cap's adjustment is −8 × 10^28 + 10.
            (
                "a cap",
                vec![
                    meeting(big())
                        .with_bonus(lead(), big())
                        .with_cap(Decimal::TEN),
                ],
                None,
                vec![act(1, StandardKind::AttendMeeting, true)],
            ),
            // Two rules of 4 × 10^28, held to a ceiling of 100.
            (
                "a ceiling",
                vec![meeting(big()), research.clone()],
                Some(Decimal::ONE_HUNDRED),
                vec![
                    act(1, StandardKind::AttendMeeting, false),
                    act(2, StandardKind::Research, false),
                ],
            ),
            // The same without the ceiling: the total.
            (
                "a total",
                vec![meeting(big()), research],
                None,
                vec![
                    act(1, StandardKind::AttendMeeting, false),
                    act(2, StandardKind::Research, false),
                ],
            ),
        ];
        for (what, rules, ceiling, acts) in cases {
            let p = policy(rules, ceiling);
            let scorer = Scorer::new(&p, Period::year(2025).unwrap()).unwrap();
            let tally = scorer.tally_acts(&acts).unwrap();
            let table = PlainTotals::new(&p).unwrap();
            let (_, row) = tally.rows().next().unwrap();
            assert_eq!(table.total(row), None, "{what}");
            let err = scorer.scorecard(&tally).unwrap_err();
            assert_eq!(
                err,
                PointsError::Overflow("writing points as a decimal"),
                "{what}"
            );
            assert_eq!(scorer.ranking(&tally).unwrap_err(), err, "{what}");
        }
        // One figure of 4 × 10^28 alone is a total.
        let p = policy(vec![meeting(big())], None);
        let scorer = Scorer::new(&p, Period::year(2025).unwrap()).unwrap();
        let tally = scorer
            .tally_acts(&[act(1, StandardKind::AttendMeeting, false)])
            .unwrap();
        assert_eq!(scorer.ranking(&tally).unwrap().entries[0].total, big());
    }
}

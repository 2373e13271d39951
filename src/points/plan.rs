//! Validation of the rule language and its compiled form, the plan the
//! general evaluator ([`super::general`]) follows.

use super::invariant::surely;
use rust_decimal::Decimal;

use super::policy::PolicyData;
use super::{ActKind, Code, CountBy, Measure, PointsError, Qualifier, Units};

/// What one kind of act feeds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct KindPlan {
    /// The rule scoring the kind.
    pub(crate) rule: Option<u16>,
    /// The state and option the kind records.
    pub(crate) state: Option<(u16, u16)>,
    /// The measures the kind adds to.
    pub(crate) conds: Vec<u32>,
}

/// A measure: the quantity of acts of some kinds carrying some qualifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CondPlan {
    pub(crate) qualifiers: Vec<Qualifier>,
}

/// A rule's place in the per-unit lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RulePlan {
    /// The first line (base variants, then one per bonus).
    pub(crate) first: usize,
    /// How many base variants (1 for plain points, nth and quota).
    pub(crate) variants: usize,
    /// The category, by index in the policy's list.
    pub(crate) category: Option<usize>,
    /// The rule's place among the rules that share acts among proposers.
    pub(crate) share_slot: Option<usize>,
}

/// A requirement, compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReqPlan {
    pub(crate) cond: usize,
}

/// The compiled policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Plan {
    /// Whether the fast path can score the policy.
    pub(crate) plain: bool,
    /// Whether scoring needs a roster (groups or conditions on the scored).
    pub(crate) needs_roster: bool,
    /// Whether scoring needs quarters (quarter caps or per-quarter states).
    pub(crate) needs_quarters: bool,
    /// The most decimal places any of the policy's numbers has.
    pub(crate) scale: u32,
    /// Lines per unit and sub-period.
    pub(crate) lines: usize,
    pub(crate) rules: Vec<RulePlan>,
    /// How many rules share acts among proposers.
    pub(crate) shared_rules: usize,
    /// First line of each state's options.
    pub(crate) states: Vec<(usize, Option<usize>)>,
    pub(crate) conds: Vec<CondPlan>,
    /// Per count: its requirements' measures, and its category.
    pub(crate) counts: Vec<(Vec<ReqPlan>, Option<usize>)>,
    /// Per minimum: its measure and category.
    pub(crate) minimums: Vec<(usize, Option<usize>)>,
    /// Per veto: its measure.
    pub(crate) vetoes: Vec<usize>,
    /// What each kind feeds, by [`kind_index`](super::policy::kind_index).
    pub(crate) kinds: Vec<KindPlan>,
    /// Categories, children before parents (indexes into the policy's list).
    pub(crate) category_order: Vec<usize>,
    /// Each category's parent, by index.
    pub(crate) category_parent: Vec<Option<usize>>,
}

impl Plan {
    /// What `kind` feeds, if anything.
    #[inline]
    pub(crate) fn kind(&self, kind: ActKind) -> Option<&KindPlan> {
        self.kinds.get(super::policy::kind_index(kind))
    }
}

/// An index into one of a policy's lists as a ledger line names it: every
/// list a line names is at most 65,535 long (checked while loading).
pub(crate) fn index16(j: usize) -> u16 {
    debug_assert!(
        j <= usize::from(u16::MAX),
        "list lengths are checked while loading"
    );
    u16::try_from(j).unwrap_or(u16::MAX)
}

fn bad(field: impl Into<String>, problem: &'static str) -> PointsError {
    PointsError::BadRule {
        field: field.into(),
        problem,
    }
}

fn unknown(field: impl Into<String>, code: impl ToString) -> PointsError {
    PointsError::UnknownCode {
        field: field.into(),
        code: code.to_string(),
    }
}

/// A code that names no entry of the `list` it must come from (`the
/// policy's qualifiers`): [`PointsError::NotListed`].
fn not_listed(field: impl Into<String>, code: impl ToString, list: &'static str) -> PointsError {
    PointsError::NotListed {
        field: field.into(),
        code: code.to_string(),
        list,
    }
}

fn labels(field: &str, zh: &str, en: &str) -> Result<(), PointsError> {
    if zh.trim().is_empty() {
        return Err(PointsError::Empty {
            field: format!("{field}.label_zh"),
        });
    }
    if en.trim().is_empty() {
        return Err(PointsError::Empty {
            field: format!("{field}.label_en"),
        });
    }
    Ok(())
}

fn unique<'a>(
    field: &str,
    codes: impl Iterator<Item = &'a Code>,
) -> Result<Vec<Code>, PointsError> {
    let mut seen: Vec<Code> = Vec::new();
    for (i, c) in codes.enumerate() {
        if seen.contains(c) {
            return Err(PointsError::Duplicate {
                field: format!("{field}[{i}].code"),
                key: c.to_string(),
            });
        }
        seen.push(*c);
    }
    Ok(seen)
}

fn not_negative(field: String, v: Option<Decimal>) -> Result<(), PointsError> {
    match v {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(PointsError::NegativeCap { field, value: v })
        }
        _ => Ok(()),
    }
}

/// Validates everything beyond the per-kind basics (checked by
/// [`Policy::new`](super::Policy::new)) and compiles the plan.
#[allow(clippy::too_many_lines)] // one check per clause of the language, in file order
pub(crate) fn compile(data: &PolicyData) -> Result<Plan, PointsError> {
    let groups = data.units != Units::Deputies;
    // Ledger lines name these by a 16-bit index.
    for (name, n) in [
        ("categories", data.categories.len()),
        ("states", data.states.len()),
        ("counts", data.counts.len()),
        ("minimums", data.minimums.len()),
        ("rules", data.rules.len()),
    ] {
        if n > usize::from(u16::MAX) {
            return Err(bad(name, "a list of more than 65,535 entries"));
        }
    }
    for (name, list) in [
        ("roles", &data.roles),
        ("act_roles", &data.act_roles),
        ("qualifiers", &data.qualifiers),
    ] {
        unique(name, list.iter().map(|t| &t.code))?;
        for (i, t) in list.iter().enumerate() {
            labels(&format!("{name}[{i}]"), &t.label_zh, &t.label_en)?;
        }
    }
    let has_q = |q: &Qualifier| data.qualifiers.iter().any(|t| t.code == q.0);
    let has_act_role = |r: &Code| data.act_roles.iter().any(|t| t.code == *r);
    let has_kind = |k: ActKind| match k {
        ActKind::Standard(_) => true,
        ActKind::Local(c) => data.local_kinds.iter().any(|l| l.code == c),
    };
    let check_kind = |field: String, k: ActKind| {
        if has_kind(k) {
            Ok(())
        } else {
            Err(PointsError::UnknownKind {
                field,
                kind: k.to_string(),
            })
        }
    };

    // Categories: unique codes, known parents, no cycle.
    let cats = unique("categories", data.categories.iter().map(|c| &c.code))?;
    let cat_index = |field: String, code: Option<Code>| -> Result<Option<usize>, PointsError> {
        code.map(|c| {
            cats.iter()
                .position(|x| *x == c)
                .ok_or_else(|| not_listed(field, c, "the policy's categories"))
        })
        .transpose()
    };
    let mut category_parent = Vec::with_capacity(cats.len());
    for (i, c) in data.categories.iter().enumerate() {
        let field = format!("categories[{i}]");
        labels(&field, &c.label_zh, &c.label_en)?;
        not_negative(format!("{field}.cap"), c.cap)?;
        if let (Some(f), Some(cap)) = (c.floor, c.cap)
            && f > cap
        {
            return Err(bad(format!("{field}.floor"), "the floor is above the cap"));
        }
        category_parent.push(cat_index(format!("{field}.parent"), c.parent)?);
    }
    // Depth of each node, walking up at most `cats.len()` steps: a longer
    // walk has met a node twice, a cycle.
    let mut depth = vec![0_usize; cats.len()];
    for (i, d) in depth.iter_mut().enumerate() {
        let mut at = i;
        let mut steps = 0_usize;
        while let Some(Some(p)) = category_parent.get(at) {
            steps = surely(
                steps.checked_add(1),
                steps,
                "at most `cats.len() + 1` steps: the walk stops there",
            );
            if steps > cats.len() {
                return Err(bad(
                    format!("categories[{i}].parent"),
                    "the category tree has a cycle",
                ));
            }
            at = *p;
        }
        *d = steps;
    }
    let mut category_order: Vec<usize> = (0..cats.len()).collect();
    // Deepest first: every child comes before its parent.
    category_order.sort_by(|a, b| depth.get(*b).cmp(&depth.get(*a)).then(a.cmp(b)));

    let mut kinds: Vec<KindPlan> = Vec::new();
    let kind_slot = |kinds: &mut Vec<KindPlan>, k: ActKind| -> Result<usize, PointsError> {
        let i = super::policy::kind_index(k);
        if kinds.len() <= i {
            kinds.resize(
                i.checked_add(1)
                    .ok_or(PointsError::Overflow("indexing kinds"))?,
                KindPlan::default(),
            );
        }
        Ok(i)
    };

    // Rules.
    let mut lines = 0_usize;
    let mut shared_rules = 0_usize;
    let mut rules = Vec::with_capacity(data.rules.len());
    let mut needs_roster = groups;
    let mut needs_quarters = false;
    for (i, r) in data.rules.iter().enumerate() {
        let field = format!("rules[{i}]");
        let category = cat_index(format!("{field}.category"), r.category)?;
        if let Some(w) = &r.when {
            needs_roster = true;
            for (j, role) in w.roles.iter().enumerate() {
                if !data.roles.iter().any(|t| t.code == *role) {
                    return Err(not_listed(
                        format!("{field}.when.roles[{j}]"),
                        role,
                        "the policy's roles",
                    ));
                }
            }
            if w.roles.is_empty() && w.levels.is_empty() {
                return Err(bad(format!("{field}.when"), "names no role and no level"));
            }
        }
        let sources = [
            !r.points.is_zero(),
            !r.points_by_role.is_empty(),
            !r.points_by_qualifier.is_empty(),
            !r.tiers.is_empty(),
            !r.nth.is_empty(),
            r.quota.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if sources > 1 {
            return Err(bad(
                field,
                "give one of points, points_by_role, points_by_qualifier, tiers, nth and quota",
            ));
        }
        for role in r.points_by_role.keys() {
            if !has_act_role(role) {
                return Err(not_listed(
                    format!("{field}.points_by_role"),
                    role,
                    "the policy's act roles",
                ));
            }
        }
        for (j, q) in r.points_by_qualifier.iter().enumerate() {
            if !has_q(&q.qualifier) {
                return Err(not_listed(
                    format!("{field}.points_by_qualifier[{j}].qualifier"),
                    q.qualifier,
                    "the policy's qualifiers",
                ));
            }
            if r.points_by_qualifier
                .iter()
                .take(j)
                .any(|o| o.qualifier == q.qualifier)
            {
                return Err(PointsError::Duplicate {
                    field: format!("{field}.points_by_qualifier[{j}].qualifier"),
                    key: q.qualifier.to_string(),
                });
            }
        }
        for (j, t) in r.tiers.iter().enumerate() {
            let tf = format!("{field}.tiers[{j}]");
            if let (Some(a), Some(b)) = (t.at_least, t.below)
                && a >= b
            {
                return Err(bad(tf, "at_least must be below `below`"));
            }
            let following = surely(j.checked_add(1), j, "an index plus one fits in a usize");
            if let Some(next) = r.tiers.get(following) {
                match (t.at_least, next.below) {
                    (Some(a), Some(b)) if a == b => {}
                    (Some(a), Some(b)) if b > a => {
                        return Err(bad(
                            format!("{field}.tiers[{following}]"),
                            "overlaps the tier before it (tiers are listed highest first)",
                        ));
                    }
                    (Some(_), Some(_)) => {
                        return Err(bad(
                            format!("{field}.tiers[{following}]"),
                            "leaves a gap below the tier before it",
                        ));
                    }
                    _ => {
                        return Err(bad(
                            tf,
                            "every tier but the last needs at_least, and every tier but the first needs below, equal to the next tier's",
                        ));
                    }
                }
            }
        }
        for (j, s) in r.nth.iter().enumerate() {
            let ok = match j.checked_sub(1).and_then(|p| r.nth.get(p)) {
                None => s.from == 1,
                Some(prev) => s.from > prev.from,
            };
            if !ok {
                return Err(bad(
                    format!("{field}.nth[{j}].from"),
                    "the first step is from 1, and each step starts after the one before",
                ));
            }
        }
        let counted = !r.nth.is_empty() || r.quota.is_some();
        if r.count == CountBy::Members {
            if !counted {
                return Err(bad(
                    format!("{field}.count"),
                    "applies to nth and quota only",
                ));
            }
            if !groups {
                return Err(bad(
                    format!("{field}.count"),
                    "members are counted for groups only",
                ));
            }
        }
        for (j, b) in r.bonuses.iter().enumerate() {
            let bf = format!("{field}.bonuses[{j}]");
            if counted {
                return Err(bad(bf, "a rule with nth or quota has no bonuses"));
            }
            if b.qualifiers.is_empty() && b.role.is_none() {
                return Err(bad(bf, "names no qualifier and no role"));
            }
            for q in &b.qualifiers {
                if !has_q(q) {
                    return Err(not_listed(
                        format!("{bf}.qualifiers"),
                        q,
                        "the policy's qualifiers",
                    ));
                }
            }
            if let Some(role) = b.role
                && !has_act_role(&role)
            {
                return Err(not_listed(
                    format!("{bf}.role"),
                    role,
                    "the policy's act roles",
                ));
            }
            if b.label_zh.is_some() != b.label_en.is_some() {
                return Err(bad(bf, "give both label_zh and label_en, or neither"));
            }
        }
        if let Some(s) = &r.share {
            let sf = format!("{field}.share");
            if counted {
                return Err(bad(sf, "a rule with nth or quota cannot be shared"));
            }
            if let Some(f) = s.first
                && (f.is_sign_negative() || f > Decimal::ONE)
            {
                return Err(bad(
                    format!("{sf}.first"),
                    "must lie between 0 and 1 so that the parts can add up",
                ));
            }
            if s.places > 10 {
                return Err(bad(format!("{sf}.places"), "at most 10 decimal places"));
            }
            if s.at_most == Some(0) {
                return Err(PointsError::Zero {
                    field: format!("{sf}.at_most"),
                });
            }
        }
        if r.highest_only && counted {
            return Err(bad(
                format!("{field}.highest_only"),
                "not with nth or quota",
            ));
        }
        not_negative(format!("{field}.quarter_cap"), r.quarter_cap)?;
        if r.quarter_cap.is_some() {
            needs_quarters = true;
            if counted || r.highest_only {
                return Err(bad(
                    format!("{field}.quarter_cap"),
                    "not with nth, quota or highest_only",
                ));
            }
        }
        let longest = [
            r.bonuses.len(),
            r.tiers.len(),
            r.points_by_qualifier.len(),
            r.points_by_role.len(),
            r.nth.len(),
        ];
        if longest.iter().any(|n| *n > usize::from(u16::MAX)) {
            return Err(bad(field, "a list of more than 65,535 entries"));
        }
        let variants = if !r.points_by_role.is_empty() {
            r.points_by_role.len()
        } else if !r.points_by_qualifier.is_empty() {
            r.points_by_qualifier.len()
        } else if !r.tiers.is_empty() {
            r.tiers.len()
        } else {
            1
        };
        let idx = u16::try_from(i).map_err(|_| PointsError::Overflow("counting rules"))?;
        let at = kind_slot(&mut kinds, r.kind)?;
        if let Some(k) = kinds.get_mut(at) {
            k.rule = Some(idx);
        }
        let share_slot = r.share.as_ref().map(|_| shared_rules);
        if share_slot.is_some() {
            shared_rules = surely(
                shared_rules.checked_add(1),
                shared_rules,
                "at most one per rule, fewer than 65,536",
            );
        }
        rules.push(RulePlan {
            first: lines,
            variants,
            category,
            share_slot,
        });
        lines = lines
            .checked_add(variants)
            .and_then(|l| l.checked_add(r.bonuses.len()))
            .ok_or(PointsError::Overflow("counting lines"))?;
    }

    // States.
    unique("states", data.states.iter().map(|s| &s.code))?;
    let mut states = Vec::with_capacity(data.states.len());
    for (i, s) in data.states.iter().enumerate() {
        let field = format!("states[{i}]");
        labels(&field, &s.label_zh, &s.label_en)?;
        if s.options.len() < 2 || s.options.len() > 64 {
            return Err(bad(
                format!("{field}.options"),
                "a state has 2 to 64 options",
            ));
        }
        if s.per == super::Per::Quarter {
            needs_quarters = true;
        }
        let idx = u16::try_from(i).map_err(|_| PointsError::Overflow("counting states"))?;
        for (j, o) in s.options.iter().enumerate() {
            let of = format!("{field}.options[{j}].kind");
            check_kind(of.clone(), o.kind)?;
            let at = kind_slot(&mut kinds, o.kind)?;
            let k = kinds
                .get_mut(at)
                .ok_or(PointsError::Overflow("indexing kinds"))?;
            if k.rule.is_some() || k.state.is_some() {
                return Err(bad(
                    of,
                    "the kind already has a rule or a state: a kind is scored once",
                ));
            }
            let opt = u16::try_from(j).map_err(|_| PointsError::Overflow("counting options"))?;
            k.state = Some((idx, opt));
        }
        states.push((lines, cat_index(format!("{field}.category"), s.category)?));
        lines = lines
            .checked_add(s.options.len())
            .ok_or(PointsError::Overflow("counting lines"))?;
    }

    // Measures: requirements, minimums and vetoes.
    let mut conds: Vec<CondPlan> = Vec::new();
    let mut add_cond = |kinds: &mut Vec<KindPlan>,
                        field: &str,
                        ks: &[ActKind],
                        qs: &[Qualifier]|
     -> Result<usize, PointsError> {
        if ks.is_empty() {
            return Err(bad(format!("{field}.kinds"), "names no kind"));
        }
        for (j, q) in qs.iter().enumerate() {
            if !has_q(q) {
                return Err(not_listed(
                    format!("{field}.qualifiers[{j}]"),
                    q,
                    "the policy's qualifiers",
                ));
            }
        }
        let c = conds.len();
        let c32 = u32::try_from(c).map_err(|_| PointsError::Overflow("counting measures"))?;
        for (j, k) in ks.iter().enumerate() {
            check_kind(format!("{field}.kinds[{j}]"), *k)?;
            if ks.iter().take(j).any(|o| o == k) {
                return Err(PointsError::Duplicate {
                    field: format!("{field}.kinds[{j}]"),
                    key: k.to_string(),
                });
            }
            let at = kind_slot(kinds, *k)?;
            if let Some(kp) = kinds.get_mut(at) {
                kp.conds.push(c32);
            }
        }
        conds.push(CondPlan {
            qualifiers: qs.to_vec(),
        });
        Ok(c)
    };
    unique("counts", data.counts.iter().map(|c| &c.code))?;
    let mut counts = Vec::with_capacity(data.counts.len());
    for (i, c) in data.counts.iter().enumerate() {
        let field = format!("counts[{i}]");
        labels(&field, &c.label_zh, &c.label_en)?;
        if c.require.is_empty() {
            return Err(bad(format!("{field}.require"), "names no requirement"));
        }
        let mut reqs = Vec::with_capacity(c.require.len());
        for (j, r) in c.require.iter().enumerate() {
            let rf = format!("{field}.require[{j}]");
            if r.at_least.is_none() && r.at_most.is_none() {
                return Err(bad(rf, "give at_least, at_most or both"));
            }
            if let (Some(a), Some(b)) = (r.at_least, r.at_most)
                && a > b
            {
                return Err(bad(rf, "at_least is above at_most"));
            }
            if (r.measure == Measure::Members || r.each_member) && !groups {
                return Err(bad(rf, "members are measured for groups only"));
            }
            if r.measure == Measure::Members && r.each_member {
                return Err(bad(
                    rf,
                    "measure = members and each_member do not go together",
                ));
            }
            reqs.push(ReqPlan {
                cond: add_cond(&mut kinds, &rf, &r.kinds, &r.qualifiers)?,
            });
        }
        counts.push((reqs, cat_index(format!("{field}.category"), c.category)?));
    }
    unique("minimums", data.minimums.iter().map(|m| &m.code))?;
    let mut minimums = Vec::with_capacity(data.minimums.len());
    for (i, m) in data.minimums.iter().enumerate() {
        let field = format!("minimums[{i}]");
        labels(&field, &m.label_zh, &m.label_en)?;
        if m.at_least == 0 {
            return Err(PointsError::Zero {
                field: format!("{field}.at_least"),
            });
        }
        if m.deduction
            .is_some_and(|d| d.is_sign_positive() && !d.is_zero())
        {
            return Err(bad(
                format!("{field}.deduction"),
                "a deduction is not positive",
            ));
        }
        let c = add_cond(&mut kinds, &field, &m.kinds, &m.qualifiers)?;
        minimums.push((c, cat_index(format!("{field}.category"), m.category)?));
    }
    let mut vetoes = Vec::with_capacity(data.vetoes.len());
    for (i, v) in data.vetoes.iter().enumerate() {
        let field = format!("vetoes[{i}]");
        match (&v.band, v.disqualify) {
            (Some(b), false) => {
                if !data.bands.iter().any(|x| &x.code == b) {
                    return Err(unknown(format!("{field}.band"), b));
                }
            }
            (None, true) => {}
            (Some(_), true) => {
                return Err(bad(field, "give a band or disqualify, not both"));
            }
            (None, false) => {
                return Err(bad(
                    field,
                    "a veto item needs a target band (or disqualify = true)",
                ));
            }
        }
        vetoes.push(add_cond(&mut kinds, &field, &[v.kind], &[])?);
    }

    // Outcomes.
    unique("outcomes", data.outcomes.iter().map(|o| &o.code))?;
    for (i, o) in data.outcomes.iter().enumerate() {
        let field = format!("outcomes[{i}]");
        labels(&field, &o.label_zh, &o.label_en)?;
        let given = [o.top.is_some(), o.ranks.is_some(), o.bottom.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        if given != 1 {
            return Err(bad(field, "give exactly one of top, ranks and bottom"));
        }
        if o.top == Some(0) || o.bottom == Some(0) || o.ranks.is_some_and(|r| r.from == 0) {
            return Err(PointsError::Zero { field });
        }
        if o.ranks.is_some_and(|r| r.from > r.to) {
            return Err(bad(format!("{field}.ranks"), "from is above to"));
        }
        not_negative(format!("{field}.award"), o.award)?;
    }

    // Consequences that look at minimums and outcomes.
    for (i, c) in data.consequences.iter().enumerate() {
        let field = format!("consequences[{i}].when");
        match &c.when {
            super::Condition::MissedMinimum(code)
                if !data.minimums.iter().any(|m| m.code == *code) =>
            {
                return Err(not_listed(field, code, "the policy's minimums"));
            }
            super::Condition::MissedAnyMinimum(false) => {
                return Err(bad(field, "missed_any_minimum is written `true`"));
            }
            super::Condition::Outcome(code) if !data.outcomes.iter().any(|o| o.code == *code) => {
                return Err(not_listed(field, code, "the policy's outcomes"));
            }
            _ => {}
        }
    }

    let scale = numbers(data)
        .map(|d| d.scale())
        .chain(
            data.rules
                .iter()
                .filter_map(|r| r.share.as_ref().map(|s| s.places)),
        )
        .max()
        // No number at all: integers (scale 0).
        .unwrap_or(0);

    let plain = data.rules.iter().all(super::Rule::is_plain)
        && data.categories.is_empty()
        && data.states.is_empty()
        && data.counts.is_empty()
        && data.minimums.is_empty()
        && data.vetoes.is_empty()
        && data.outcomes.is_empty()
        && data.units == Units::Deputies;
    Ok(Plan {
        plain,
        needs_roster,
        needs_quarters,
        scale,
        lines,
        rules,
        shared_rules,
        states,
        conds,
        counts,
        minimums,
        vetoes,
        kinds,
        category_order,
        category_parent,
    })
}

/// Every number of the policy that points are made of.
fn numbers(data: &PolicyData) -> impl Iterator<Item = Decimal> + '_ {
    let rules = data.rules.iter().flat_map(|r| {
        core::iter::once(r.points)
            .chain(r.cap)
            .chain(r.quarter_cap)
            .chain(r.bonuses.iter().map(|b| b.points))
            .chain(r.points_by_role.values().copied())
            .chain(r.points_by_qualifier.iter().map(|q| q.points))
            .chain(r.tiers.iter().map(|t| t.points))
            .chain(r.nth.iter().map(|s| s.points))
            .chain(
                r.quota
                    .iter()
                    .flat_map(|q| [q.points, q.each_more, q.each_fewer]),
            )
    });
    let cats = data
        .categories
        .iter()
        .flat_map(|c| c.start.into_iter().chain(c.cap).chain(c.floor));
    let states = data
        .states
        .iter()
        .flat_map(|s| s.options.iter().map(|o| o.points));
    let counts = data.counts.iter().map(|c| c.points);
    let mins = data.minimums.iter().filter_map(|m| m.deduction);
    rules
        .chain(cats)
        .chain(states)
        .chain(counts)
        .chain(mins)
        .chain(data.base)
        .chain(data.floor)
        .chain(data.ceiling)
}

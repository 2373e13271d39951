//! The suggestion life cycle (代表建议: 提、交、办、督、评) as an event-sourced
//! state machine with no clock.
//!
//! ## The rules
//!
//! A deputy's suggestion moves through these stages ([`StageKind`]):
//!
//! 1. **Propose (提).** A deputy drafts it, alone or with co-signers
//!    (领衔 + 附议), and the lead deputy submits it. The office pre-reviews it
//!    for legality, necessity and operability ([`ReviewChecks`]): it is
//!    registered (立案), or not registered with one of the policy's reasons
//!    (Shenzhen's list in the presets), optionally turned into a reference
//!    opinion. The lead deputy may withdraw it until it is assigned.
//!    Identical registered suggestions may be merged (并案, [`Register::merge`]);
//!    every merged deputy is still owed a reply
//!    ([`SuggestionState::owed_replies`]) and may give feedback.
//! 2. **Assign (交办).** The office assigns one lead unit and up to
//!    [`MAX_CO_UNITS`] co-handling units. A unit may dispute the assignment
//!    within the policy's window of *working* days (counted with the caller's
//!    [`Calendar`](crate::common::Calendar)); the office then re-assigns.
//!    After the window a dispute is refused.
//! 3. **Handle (办).** The reply is due `reply_months` after assignment;
//!    co-handling units send views within `co_views_months`. The lead unit
//!    may ask to extend up to `extension_max_months` after assignment; the
//!    office grants it (or it is granted on request if
//!    `extension_needs_consent` is false). The lead unit replies once, with a
//!    class from the policy ([`ReplyClass`]: code, Chinese label, resolved?,
//!    followed up?).
//! 4. **Evaluate (评).** The reply is owed to every proposer (the lead
//!    deputy, the co-signers, the leads of merged items: 逐人答复, Fujian
//!    F21), and each gives their own verdict once per reply
//!    ([`SuggestionState::verdict_of`], [`SuggestionState::feedback_owed`]).
//!    The policy's [`FeedbackRule`] says when the item is decided: by the
//!    lead deputy's verdict (the default), when all have answered (by the
//!    worst verdict), or at the first unsatisfied verdict. Decided satisfied
//!    or basically satisfied, the item closes; decided *unsatisfied* the
//!    first time, it goes back for re-handling with a new deadline
//!    (`rehandling_months`); the second time, to consultation or a special
//!    explanation, which the office or standing committee then closes. The
//!    office may also close a replied item that got no feedback.
//! 5. **Supervise (督).** The standing committee flags key suggestions
//!    (supervising leader and committee); the office, supervisors or the
//!    standing committee record reminders (催办). An item closed with a
//!    followed-up class (B) stays on the books across years; the office
//!    starts a look-back (回头看) with a new deadline and a later follow-up
//!    reply with a resolved class marks it solved. A closed item changes only
//!    through follow-up.
//!
//! 6. **How the handling is organised** (the policy's [`Handling`]):
//!    - *several units* may each handle an item and reply separately
//!      (分别办理、分别答复, Fujian F20; [`Action::AssignSeparately`]): each
//!      has its own deadline and extension ([`UnitHandling`]); the item is
//!      replied once every unit has, with the class the policy's
//!      [`SeveralUnitsClass`] takes from theirs (the lowest by default), and
//!      re-handling sends it back to all of them;
//!    - a unit may have to *accept* its assignment (签收) before handling it;
//!      once accepted it may no longer dispute it;
//!    - the office may *handle an item itself* (自行办理) and reply;
//!    - an item may be proposed *in a delegation's or deputy group's name*
//!      ([`ProposerGroup`]): the reply goes to the group, through the body it
//!      names (Fujian F21), and its convenor acts for it;
//!    - units record *contacts* with the deputy before, during and after
//!      handling (Fujian F18, [`ContactPhase`]); an item may be
//!      *confidential*: its proposers stay out of
//!      [`Register::public_items`];
//!    - an item may *name earlier ones* on the same matter ([`LinkedItem`]):
//!      raised `raised_repeatedly` times without being solved, it goes to the
//!      committee at its first unsatisfied decision, as a second would send
//!      it (Fujian F33; [`Register::for_committee`]);
//!    - the standing committee may *carry a key suggestion* not solved within
//!      the year into a later year by a recorded decision (Fujian F32).
//!
//! Deadlines are plain data ([`Deadline`]) answered as of a date the caller
//! gives: due date, days left or overdue, warning window
//! (`warning_days` before), and whether a step was late (kept on replies and
//! views).
//!
//! **Authority.** Every command names its actor ([`Actor`]); [`may_give`]
//! lists who may give what. A unit replying to an item not assigned to it, a
//! co-signer withdrawing, anyone but a proposer giving feedback: refused with
//! [`SuggestionError::NotAllowed`] naming the actor and the step.
//!
//! ## Events and the audit trail
//!
//! [`decide`] holds every rule: it takes the state, a [`Command`] (date,
//! actor, [`Action`]), the [`Policy`] and a calendar, and returns the events
//! or an error. [`apply`] holds no rules: it records what an event says and
//! only refuses an event impossible in the stage. [`Suggestion`] wraps the
//! state and the append-only trail of [`TrailEntry`] `{ seq, date, actor,
//! v, event }`. Replaying a trail ([`Suggestion::replay`], [`replay`]) gives
//! exactly the live state; an out-of-order sequence number, a date going
//! back, an unknown version or an impossible event is an error, never a
//! panic. A refused command changes nothing and leaves no entry.
//!
//! A stored trail entry in JSON (events are tagged by their stable
//! [`Event::name`]; `v` is [`Event::VERSION`]; `prev` is the digest of the
//! entry before, shortened here):
//!
//! ```json
//! {"seq":7,"date":"2025-04-02","actor":{"unit":31},"v":1,"prev":"9f2c…",
//!  "event":"replied","data":{"reply":{"class":"B","on":"2025-04-02","late":false}}}
//! ```
//!
//! ## Verifying a stored trail
//!
//! Replaying only checks that a trail holds together (sequence, dates,
//! events possible in their stage). Two further checks catch an edited
//! trail:
//!
//! - **Digests.** Each entry carries the SHA-256 [`Digest`] of the entry
//!   before it over a documented canonical encoding; the first entry's is
//!   the suggestion's [`Digest::genesis`]. [`verify_chain`] checks them
//!   without the policy; [`Suggestion::head`], kept apart from the trail,
//!   also catches a change to the last entry or a trail cut short
//!   ([`Verified::expect_head`]).
//! - **The rules.** [`verify()`] re-decides every recorded command from the
//!   state before it, under the policy and calendar, and refuses the first
//!   entry the rules would not have produced
//!   ([`SuggestionError::NotByTheRules`], with the entry's sequence number
//!   and the reason) — even when a forger recomputed every digest.
//!
//! ## The policy as data
//!
//! A policy is loaded from TOML or JSON, rejects unknown fields and is
//! validated while loading; in code it is built from a [`PolicyData`] by the
//! validating [`Policy::new`] (the same rules). Presets:
//! [`Policy::seed`] (A/B/C) and [`Policy::national_2005`] (A–D). `deadlines`,
//! `not_registrable`, `feedback_decides`, `urge_weights` and `handling` may
//! be left out (defaults: 3, 6, 1 months, 15 days, 7 working days, 1 month,
//! consent needed; no reasons; the lead deputy's verdict decides; urges
//! weigh 1, 2, 0, 4, 4; the lowest class, no acceptance step, no
//! self-handling, no count of repeats).
//!
//! ```toml
//! name = "a county's rules"
//!
//! [[classes]]
//! code = "甲"
//! label_zh = "已解决或者采纳"
//! label_en = "solved or adopted"
//! resolved = true
//! followed_up = false
//!
//! [[classes]]
//! code = "乙"
//! label_zh = "正在解决或已列入计划逐步解决"
//! label_en = "being solved or planned"
//! resolved = false
//! followed_up = true
//!
//! [deadlines]
//! reply_months = 3
//! extension_max_months = 6
//! rehandling_months = 3
//! warning_days = 15
//! dispute_window_working_days = 10
//! co_views_months = 1
//! extension_needs_consent = true
//!
//! [handling]
//! several_units_class = "lowest"   # or "highest"
//! acceptance_required = false
//! self_handling = true
//! raised_repeatedly = 3
//!
//! [[not_registrable]]
//! code = "litigation"
//! label_zh = "涉及诉讼、仲裁的案件"
//! label_en = "cases in litigation or arbitration"
//! ```
//!
//! ## The register
//!
//! [`Register`] holds a year's suggestions (and earlier followed-up items
//! carried over) and answers: overdue as of a date, due soon, by unit, by
//! class, awaiting feedback, due for the look-back, and [`RegisterCounts`]
//! for the statistics engine (received, by class, key, replied on time,
//! feedback, look-back items solved in the year, per replying unit), the
//! items the committee is to act on, the key items carried into the year,
//! and a public listing. It also keeps the standing committee's evaluation
//! of units (测评, [`Register::evaluate`]): each unit's handling report
//! heard, then the members' 满意 / 基本满意 / 不满意 vote, from which the
//! annual report takes the units' satisfaction rates.
//!
//! ## Text for people
//!
//! Events, trail entries and overdue items print in Chinese with their data
//! ([`Display`](core::fmt::Display): `同意承办单位 U31 延期，限2025年6月30日前答复`);
//! [`Event::describe_zh`], [`TrailEntry::describe_zh`],
//! [`OverdueItem::describe_zh`] and [`Actor::describe_zh`] also put each
//! unit's name beside its id and each class's label beside its code, and
//! [`RegisterCounts::class_rows`] gives the counts by class with their
//! labels. Every [`SuggestionError`] has a Chinese name
//! ([`Labelled`](crate::common::Labelled)) and a Chinese message
//! ([`SuggestionError::message_zh`]).
//!
//! ## A sample year
//!
//! [`samples`] drives the seed's year (181 suggestions, 131 A, 49 B, 1 C)
//! through the engine, for examples, docs and tests.
//!
//! ## Streaming and memory
//!
//! A suggestion's audit trail is itself the record: its state is the
//! replay of the whole trail, and verifying a stored trail needs the whole
//! chain of digests. So a [`Suggestion`] holds its trail, and a
//! [`Register`] its items, in proportion to the items and their steps;
//! a platform may still build the register item by item, replaying each
//! stored trail ([`Register::insert`]). Counting reads each item once and
//! holds counts in proportion to the classes and units
//! ([`Register::counts`]). In parallel (the `rayon` feature, off by
//! default) `Register::par_counts` and `Register::par_counts_in` count
//! the items in parts and add them up; the committee's ratings, an ordered
//! log, are counted once in order, so the counts are identical, byte for
//! byte.
//!
//! ## Design decisions
//!
//! - The state is a struct of data shared by all stages plus a [`Stage`]
//!   enum whose variants carry their own data (deadlines, the pending
//!   extension, the closing outcome), with predicates such as
//!   [`SuggestionState::is_closed`].
//! - Events are small: codes are inline [`Code`]s (`Copy`), ids are numbers,
//!   long texts (title, dispute reasons) stay in the trail and are not copied
//!   into the state; applying an event allocates only when copying the
//!   co-signer and co-unit lists.
//! - Deadlines are computed when deciding and carried by the events, so
//!   replaying never needs the policy or the calendar, and a later policy
//!   change does not rewrite history.
//! - Month arithmetic is chrono's `checked_add_months` (31 May + 1 month =
//!   30 June). The feedback that closes the item uses the class of the latest
//!   reply.
//! - Order of checks in [`decide`]: date, stage, actor, then the step's own
//!   rules; so a step impossible in the stage is [`SuggestionError::WrongStage`]
//!   whoever gives it.
//!
//! ## Cost
//!
//! Entry points that take input from outside, with their bounds (e: a
//! trail's entries; n: a register's items; k: a command's lists). Each
//! function's docs say more.
//!
//! | entry point | time | memory |
//! |---|---|---|
//! | [`Policy::new`], loading a [`Policy`] | quadratic in the classes and in the reasons | the policy |
//! | [`decide`] | linear in the command and the state's lists; O(k log k) in a draft's co-signers; an assignment calls the calendar once a day of the dispute window (`dispute_window_working_days`, at most [`MAX_DISPUTE_WINDOW_WORKING_DAYS`]) | the events |
//! | [`Suggestion::handle`] | [`decide`], a copy of the state, a digest per new entry | the new entries |
//! | [`Suggestion::replay`], [`replay`], loading a [`Suggestion`] | O(e) applies (and O(e) digests when loading), each linear in the state's lists: quadratic in e at worst | the trail and the state |
//! | [`apply`], [`apply_entry`] | linear in the event and the state's lists | what the event adds |
//! | [`verify_chain`] | one SHA-256 per entry | a digest |
//! | [`verify`] | each command decided again ([`decide`]'s cost) and its entries digested | the state, one command's events |
//! | [`Register::insert`], [`Register::handle`] | O(log n), then [`Suggestion::handle`] | as it |
//! | [`Register::merge`] | two [`decide`]s and a copy of both items | the copies |
//! | [`Register::link`] | O(earlier × registers × log n), then [`Suggestion::handle`] | the links |
//! | [`Register::evaluate`] | linear in the items and the log | the step |
//! | loading a [`Register`] | each item loaded, then O(steps × (items + steps)) for the evaluation log | the items |
//! | [`Register::counts`], [`Register::counts_in`] | one pass over the items, their trails and the log | units × classes |
//! | queries ([`Register::overdue`], [`Register::by_unit`], …, [`Register::public_items`]) | one pass over the items | the answer |
//! | [`Register::duty_acts`] | linear in the suggestions and their proposers | the acts |
//!
//! One bound depends on a number rather than on the input's length: the
//! dispute window's working days, which [`Policy::new`] does not limit.
//!
//! ## Example
//!
//! ```
//! use chrono::NaiveDate;
//! use deputy_work::common::{DeputyId, Labelled, PersonId, SuggestionId, UnitId, WeekendCalendar};
//! use deputy_work::suggestion::{Action, Actor, Command, Feedback, Policy, ReviewChecks, Suggestion};
//!
//! let policy = Policy::seed();
//! let cal = WeekendCalendar;
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let lead = Actor::Deputy(DeputyId::new(1));
//! let office = Actor::Office(PersonId::new(100));
//! let unit = Actor::Unit(UnitId::new(31));
//! let mut s = Suggestion::new(SuggestionId::new(1));
//! for c in [
//!     Command::new(d(1, 6), lead, Action::Draft { title: "改善农村供水".into(), co_signers: vec![] }),
//!     Command::new(d(1, 7), lead, Action::Submit),
//!     Command::new(d(1, 10), office, Action::Register { checks: ReviewChecks::PASSED }),
//!     Command::new(d(1, 15), office, Action::Assign { lead_unit: UnitId::new(31), co_units: vec![] }),
//! ] {
//!     s.handle(&c, &policy, &cal)?;
//! }
//! assert_eq!(s.state().due_date(), Some(d(4, 15)));
//! assert_eq!(s.state().days_left(d(4, 10)), Some(5));
//! s.handle(&Command::new(d(3, 20), unit, Action::Reply { class: "A".into() }), &policy, &cal)?;
//! s.handle(&Command::new(d(3, 25), lead, Action::Feedback { verdict: Feedback::Satisfied, attitude: None }), &policy, &cal)?;
//! assert!(s.state().is_closed());
//! assert_eq!(s.state().stage.label_zh(), "已办结");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aggregate;
mod code;
mod command;
mod digest;
mod duty;
mod error;
mod evaluation;
mod event;
mod model;
#[cfg(feature = "rayon")]
mod par;
mod policy;
mod register;
pub mod samples;
mod text;
mod verify;

pub use aggregate::Suggestion;
pub use code::Code;
pub use command::{
    Action, Command, MAX_CO_UNITS, MAX_LINKS, ReviewChecks, Step, decide, may_give, step_allowed_in,
};
pub use digest::{Digest, ParseDigestError};
pub use duty::DutyActs;
pub use error::SuggestionError;
pub use evaluation::EvaluationEvent;
pub use event::{Event, TrailEntry, apply, apply_entry, replay};
pub use model::{
    Actor, ActorKind, ContactCounts, ContactPhase, Deadline, Feedback, FeedbackRecord, GroupKind,
    KeyFlag, LinkedItem, MergedItem, ProposerGroup, Recipient, ReplyRecord, Stage, StageKind,
    SuggestionState, UnitHandling,
};
pub use policy::{
    Deadlines, FeedbackRule, Handling, MAX_DISPUTE_WINDOW_WORKING_DAYS, Policy, PolicyData, Reason,
    ReplyClass, SeveralUnitsClass, UrgeWeights,
};
pub use register::{FeedbackCounts, OverdueItem, PublicItem, Register, RegisterCounts, UnitCounts};
pub use text::ClassRow;
pub use verify::{Verified, verify, verify_chain};

//! What `assess` needs about one partner: counts and dates a store fills with aggregate queries
//! (COUNT, MIN, MAX over indexed columns), never by loading every row. Each field says exactly
//! which rows it counts; the date ranges come from [`HealthWindows`].
//!
//! Common rules for every field: rows of this partner only; a commitment with status `released`
//! (dropped by agreement) is never counted as due or kept; "dated" = `due_on` set (never an
//! ongoing item); dates are compared as calendar days, both ends of a [`DateRange`] inclusive.
//! [`HealthInput::from_rows`] is the reference definition in code.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::rules::Rules;
use crate::domain::types::Stage;

/// Commitment counts for one side of the ledger (`ours` or `theirs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideLedger {
    /// Dated commitments of this side, status ≠ released, whose judged due day (the due day
    /// first missed when re-dated late, else `due_on`) is in the side's due window (ours:
    /// [`HealthWindows::our_due`], theirs: [`HealthWindows::their_due`]).
    pub due_in_window: u32,
    /// Of `due_in_window`: kept on or before the judged due day, never re-dated late.
    pub kept_on_time: u32,
    /// Dated commitments of this side with status `open`, whatever their due day.
    pub open_dated: u32,
    /// Of `open_dated`: `due_on < today`.
    pub overdue: u32,
    /// `MIN(due_on)` of the `overdue` ones; `None` when nothing is overdue.
    pub oldest_overdue_due_on: Option<NaiveDate>,
    /// Dated commitments of this side kept (on time or late) whose judged due day is in
    /// [`HealthWindows::effort`]: the delivery side of the effort ratio, counted when it fell
    /// due, so keeping early never moves the ratio before then.
    pub kept_for_effort: u32,
    /// Reviews of this side's ongoing commitments with verdict `not-honoured` and `on` in
    /// [`HealthWindows::reviews`].
    pub not_honoured: u32,
    /// Ours only (0 for theirs): our promises that broke (see
    /// [`crate::domain::slips::broken`]: overdue, missed, kept late, re-dated late) on a day in
    /// [`HealthWindows::slips`].
    pub slips_recent: u32,
}

/// Our broken promises not yet told (see [`crate::domain::slips::broken`]): open and overdue
/// or open and re-dated late, whenever they broke, and missed ones that broke within
/// [`HealthWindows::our_due`]; with no bad-news touch on or after the day telling counts from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Untold {
    pub count: u32,
    /// The earliest day one of them broke.
    pub oldest_broken_on: Option<NaiveDate>,
    /// The most days late at which one of them (open, re-dated late) was re-dated.
    pub most_days_late_redated: Option<i64>,
}

/// Conversations in one window: touches other than our `update` and `care` touches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversations {
    /// Conversations we started.
    pub by_us: u32,
    /// Conversations they started (any kind).
    pub by_them: u32,
}

impl Conversations {
    pub fn total(&self) -> u64 {
        u64::from(self.by_us) + u64::from(self.by_them)
    }
}

/// What they delivered in one window (momentum).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TheirDelivery {
    /// Conversations they started, `on` in the window.
    pub conversations_started: u32,
    /// Their commitments kept with `closed_on` in the window, on or before the due day (an
    /// undated one is on time), never re-dated late.
    pub kept_on_time: u32,
}

impl TheirDelivery {
    /// Everything they delivered in the window.
    pub fn total(&self) -> u64 {
        u64::from(self.conversations_started) + u64::from(self.kept_on_time)
    }
}

/// An unresolved problem: `opened_on <= today` and (`resolved_on` is null or after today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenProblem {
    pub id: i64,
    pub summary: String,
    pub opened_on: NaiveDate,
    /// How bad the problem really is, 1–5.
    pub severity: u8,
    /// How hard the partner reacted, 1–5.
    pub reaction: u8,
    /// When the brave conversation was held; a date after today counts as not yet held.
    pub brave_conversation_on: Option<NaiveDate>,
}

/// The per-partner data of §4, as aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthInput {
    pub stage: Stage,
    pub signed_on: Option<NaiveDate>,
    /// The agreed update cadence, in days.
    pub update_every_days: u32,
    /// What we promised them.
    pub ours: SideLedger,
    /// What they promised us.
    pub theirs: SideLedger,
    /// Our broken promises not yet told.
    pub untold: Untold,
    /// Whether a dated commitment of either side, status ≠ released, has a judged due day
    /// before today (something has fallen due).
    pub fallen_due: bool,
    /// The earliest day of a touch or of a commitment made, up to today: the partnership's age.
    pub first_record_on: Option<NaiveDate>,
    /// Conversations in [`HealthWindows::recent_touches`] (the share they started).
    pub conversations_recent: Conversations,
    /// Conversations in [`HealthWindows::effort`] (the effort ratio).
    pub conversations_effort: Conversations,
    /// `MAX(on)` of touches with `kind = update` and `on <= today`.
    pub last_update_on: Option<NaiveDate>,
    /// `MAX(on)` of touches with `bad_news` and `on <= today`.
    pub last_bad_news_on: Option<NaiveDate>,
    /// `MAX(on)` of touches initiated by us with `on <= today`.
    pub last_touch_by_us_on: Option<NaiveDate>,
    /// Unresolved problems (a handful at most), see [`OpenProblem`].
    pub open_problems: Vec<OpenProblem>,
    /// Problems ever logged with `opened_on <= today`, resolved or not (0 = adversity unknown).
    pub problems_logged: u32,
    /// Touches initiated by us during the courtship: `on <= signed_on` (the signing day
    /// belongs to it); 0 when not signed.
    pub our_touches_courtship: u32,
    /// Touches initiated by us in [`HealthWindows::after_signing`]; 0 when not signed.
    pub our_touches_after_signing: u32,
    /// Touches with `kind = care` and `on` in [`HealthWindows::care`].
    pub care_recent: u32,
    /// What they delivered in [`HealthWindows::momentum_recent`].
    pub their_delivery_recent: TheirDelivery,
    /// What they delivered in [`HealthWindows::momentum_before`].
    pub their_delivery_before: TheirDelivery,
    /// Their dated commitments (status ≠ released) whose judged due day is in
    /// [`HealthWindows::lapse_recent`] and that were not kept on time: lapsed unkept.
    pub their_lapsed_recent: u32,
    /// The same over [`HealthWindows::lapse_evidence`].
    pub their_lapsed_evidence: u32,
    /// Conversations they ever started (`on <= today`): a history of engagement, against which
    /// going silent is evidence of dwindling, not an absence of evidence.
    pub their_conversations_ever: u32,
    /// Commitments (either side) with `ongoing = true` and status `open`.
    pub ongoing_items: u32,
    /// `MIN(made_on)` of those ongoing items: the charter's age when never reviewed.
    pub ongoing_since: Option<NaiveDate>,
    /// `MIN` over those ongoing items of their last review day (`made_on` for an item never
    /// reviewed): the item left longest without a review.
    pub least_recent_review_on: Option<NaiveDate>,
}

impl Default for HealthInput {
    /// An engaged partner with nothing logged and the default cadence of 14 days.
    fn default() -> Self {
        HealthInput {
            stage: Stage::Engaged,
            signed_on: None,
            update_every_days: 14,
            ours: SideLedger::default(),
            theirs: SideLedger::default(),
            untold: Untold::default(),
            fallen_due: false,
            first_record_on: None,
            conversations_recent: Conversations::default(),
            conversations_effort: Conversations::default(),
            last_update_on: None,
            last_bad_news_on: None,
            last_touch_by_us_on: None,
            open_problems: Vec::new(),
            problems_logged: 0,
            our_touches_courtship: 0,
            our_touches_after_signing: 0,
            care_recent: 0,
            their_delivery_recent: TheirDelivery::default(),
            their_delivery_before: TheirDelivery::default(),
            their_lapsed_recent: 0,
            their_lapsed_evidence: 0,
            their_conversations_ever: 0,
            ongoing_items: 0,
            ongoing_since: None,
            least_recent_review_on: None,
        }
    }
}

impl HealthInput {
    /// The date ranges a store must query for this partner (they depend on `signed_on`).
    pub fn windows(&self, rules: &Rules, today: NaiveDate) -> HealthWindows {
        HealthWindows::new(rules, today, self.signed_on)
    }
}

/// Calendar days from `from` to `to`, both included; empty when `from > to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// The `days` days ending on `to` (included); empty when `days` is 0.
    pub fn ending(to: NaiveDate, days: u32) -> DateRange {
        match days.checked_sub(1) {
            Some(back) => DateRange {
                from: days_before(to, back),
                to,
            },
            None => DateRange {
                from: to,
                to: days_before(to, 1),
            },
        }
    }

    /// Whether `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// How many days the range covers (0 when empty).
    pub fn days(&self) -> u32 {
        u32::try_from((self.to - self.from).num_days() + 1).unwrap_or(0)
    }
}

/// `day` minus `n` days, saturating at the earliest representable date.
pub(crate) fn days_before(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MIN)
}

/// Whole days from `earlier` to `later` (negative when `earlier` is after `later`).
pub(crate) fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

/// The exact date ranges of §4 for one partner on `today`. With the defaults and today
/// 2026-11-27: `our_due` 2026-05-31..=2026-11-26, `their_due` 2026-08-29..=2026-11-26,
/// `recent_touches` 2026-08-30..=2026-11-27, `effort` 2026-09-29..=2026-11-27,
/// `momentum_recent` 2026-10-29..=2026-11-27, `momentum_before` 2026-08-30..=2026-10-28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthWindows {
    /// Our commitments whose judged due day fell in the last `reliability_days` days:
    /// today − N ..= today − 1.
    pub our_due: DateRange,
    /// Their commitments due in the last `reciprocity_commitment_days` days, today excluded.
    pub their_due: DateRange,
    /// The last `reciprocity_touch_days` days, today included (the share of conversations).
    pub recent_touches: DateRange,
    /// The last `effort_days` days, today included (conversations in the effort ratio).
    pub effort: DateRange,
    /// The `effort_days` days before today (kept commitments in the effort ratio, by due day).
    pub effort_due: DateRange,
    /// The last `review_days` days, today included (reviews "not honoured").
    pub reviews: DateRange,
    /// The last `slip_days` days, today included (our recent slips).
    pub slips: DateRange,
    /// The last `care_days` days, today included.
    pub care: DateRange,
    /// The last `momentum_recent_days` days, today included.
    pub momentum_recent: DateRange,
    /// The `momentum_before_days` days just before `momentum_recent`.
    pub momentum_before: DateRange,
    /// Their promises due in the `momentum_recent_days` days before today (lapses).
    pub lapse_recent: DateRange,
    /// Their promises due in the `momentum_recent_days + momentum_before_days` days before
    /// today (lapses that count as momentum's evidence).
    pub lapse_evidence: DateRange,
    /// After signing, at most the last `after_signing_days` days: max(signed_on + 1,
    /// today − N + 1) ..= today (the signing day belongs to the courtship). `None` when not
    /// signed or signed after today.
    pub after_signing: Option<DateRange>,
}

impl HealthWindows {
    /// The ranges for a partner signed on `signed_on` (if ever), seen on `today`.
    pub fn new(rules: &Rules, today: NaiveDate, signed_on: Option<NaiveDate>) -> HealthWindows {
        let w = &rules.windows;
        let yesterday = days_before(today, 1);
        let momentum_recent = DateRange::ending(today, w.momentum_recent_days);
        let before_end = days_before(momentum_recent.from, 1);
        let signed = signed_on.filter(|on| *on <= today);
        HealthWindows {
            our_due: DateRange::ending(yesterday, w.reliability_days),
            their_due: DateRange::ending(yesterday, w.reciprocity_commitment_days),
            recent_touches: DateRange::ending(today, w.reciprocity_touch_days),
            effort: DateRange::ending(today, w.effort_days),
            effort_due: DateRange::ending(yesterday, w.effort_days),
            reviews: DateRange::ending(today, w.review_days),
            slips: DateRange::ending(today, w.slip_days),
            care: DateRange::ending(today, w.care_days),
            momentum_recent,
            momentum_before: DateRange::ending(before_end, w.momentum_before_days),
            lapse_recent: DateRange::ending(yesterday, w.momentum_recent_days),
            lapse_evidence: DateRange::ending(
                yesterday,
                w.momentum_recent_days
                    .saturating_add(w.momentum_before_days),
            ),
            after_signing: signed.map(|on| {
                let window = DateRange::ending(today, w.after_signing_days);
                DateRange {
                    from: window.from.max(on.succ_opt().unwrap_or(on)),
                    to: today,
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    #[test]
    fn default_windows_on_the_reference_day() {
        let w = HealthWindows::new(
            &Rules::default(),
            day("2026-11-27"),
            Some(day("2026-10-01")),
        );
        let range = |a: &str, b: &str| DateRange {
            from: day(a),
            to: day(b),
        };
        assert_eq!(w.our_due, range("2026-05-31", "2026-11-26"));
        assert_eq!(w.our_due.days(), 180);
        assert_eq!(w.their_due, range("2026-08-29", "2026-11-26"));
        assert_eq!(w.recent_touches, range("2026-08-30", "2026-11-27"));
        assert_eq!(w.recent_touches.days(), 90);
        assert_eq!(w.effort, range("2026-09-29", "2026-11-27"));
        assert_eq!(w.effort_due, range("2026-09-28", "2026-11-26"));
        assert_eq!(w.slips, range("2026-10-29", "2026-11-27"));
        assert_eq!(w.care, w.recent_touches);
        assert_eq!(w.momentum_recent, range("2026-10-29", "2026-11-27"));
        assert_eq!(w.momentum_before, range("2026-08-30", "2026-10-28"));
        assert_eq!(w.momentum_before.days(), 60);
        assert_eq!(w.lapse_recent, range("2026-10-28", "2026-11-26"));
        assert_eq!(w.lapse_evidence, range("2026-08-29", "2026-11-26"));
        // The signing day belongs to the courtship.
        assert_eq!(w.after_signing, Some(range("2026-10-02", "2026-11-27")));
    }

    #[test]
    fn signing_in_the_future_or_never_has_no_signing_window() {
        let today = day("2026-11-27");
        let future = HealthWindows::new(&Rules::default(), today, Some(day("2026-12-01")));
        assert_eq!(future.after_signing, None);
        assert_eq!(
            HealthWindows::new(&Rules::default(), today, None).after_signing,
            None
        );
    }

    #[test]
    fn a_zero_day_window_is_empty() {
        let range = DateRange::ending(day("2026-11-27"), 0);
        assert_eq!(range.days(), 0);
        assert!(!range.contains(day("2026-11-27")));
    }
}

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
    /// Dated commitments of this side, status ≠ released, with `due_on` in the side's due
    /// window (ours: [`HealthWindows::our_due`], theirs: [`HealthWindows::their_due`]).
    pub due_in_window: u32,
    /// Of `due_in_window`: status `kept` and `closed_on <= due_on` (kept on or before the due day).
    pub kept_on_time: u32,
    /// Dated commitments of this side with status `open`, whatever their due day.
    pub open_dated: u32,
    /// Of `open_dated`: `due_on < today`.
    pub overdue: u32,
    /// `MIN(due_on)` of the `overdue` ones; `None` when nothing is overdue.
    pub oldest_overdue_due_on: Option<NaiveDate>,
    /// Commitments of this side (dated or not) with status `kept` and `closed_on` in
    /// [`HealthWindows::recent_touches`] (the effort ratio's window).
    pub kept_recent: u32,
}

/// What they did in one window (momentum).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TheirActivity {
    /// Touches with `initiated_by = them` and `on` in the window.
    pub touches_started: u32,
    /// Commitments with `side = theirs` (dated or ongoing, any status) and `made_on` in the window.
    pub commitments_made: u32,
    /// Commitments with `side = theirs`, status `kept` and `closed_on` in the window.
    pub commitments_kept: u32,
}

impl TheirActivity {
    /// Everything they did in the window.
    pub fn total(&self) -> u64 {
        u64::from(self.touches_started)
            + u64::from(self.commitments_made)
            + u64::from(self.commitments_kept)
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
    /// Whether an `update` touch exists with `opened_on <= on <= today` (the problem was disclosed).
    pub update_since_opened: bool,
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
    /// Touches with `initiated_by = us` and `on` in [`HealthWindows::recent_touches`].
    pub touches_recent_by_us: u32,
    /// Touches with `initiated_by = them` and `on` in [`HealthWindows::recent_touches`].
    pub touches_recent_by_them: u32,
    /// `MAX(on)` of touches with `kind = update` and `on <= today`.
    pub last_update_on: Option<NaiveDate>,
    /// `MIN(on)` of all touches with `on <= today`: the cadence is counted from here until the
    /// first update.
    pub first_touch_on: Option<NaiveDate>,
    /// Unresolved problems (a handful at most), see [`OpenProblem`].
    pub open_problems: Vec<OpenProblem>,
    /// Problems ever logged with `opened_on <= today`, resolved or not (0 = adversity unknown).
    pub problems_logged: u32,
    /// Touches (any kind, either side) with `on` in [`HealthWindows::after_signing`]; 0 when
    /// not signed.
    pub touches_after_signing: u32,
    /// Touches (any kind, either side) with `on` in [`HealthWindows::before_signing`]; 0 when
    /// not signed.
    pub touches_before_signing: u32,
    /// Whether anything at all was logged before signing: a touch with `on < signed_on` or a
    /// commitment with `made_on < signed_on`. Without it the pace before signing is unknown.
    pub logged_before_signing: bool,
    /// Touches with `kind = care` and `on` in [`HealthWindows::care`].
    pub care_recent: u32,
    /// Their activity in [`HealthWindows::momentum_recent`].
    pub their_activity_recent: TheirActivity,
    /// Their activity in [`HealthWindows::momentum_before`].
    pub their_activity_before: TheirActivity,
    /// Commitments (either side) with `ongoing = true` and status `open`.
    pub ongoing_items: u32,
    /// `MIN(made_on)` of those ongoing items: the charter's age when never reviewed.
    pub ongoing_since: Option<NaiveDate>,
    /// `MAX(reviews.on)` over reviews of this partner's ongoing commitments with `on <= today`.
    pub last_review_on: Option<NaiveDate>,
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
            touches_recent_by_us: 0,
            touches_recent_by_them: 0,
            last_update_on: None,
            first_touch_on: None,
            open_problems: Vec::new(),
            problems_logged: 0,
            touches_after_signing: 0,
            touches_before_signing: 0,
            logged_before_signing: false,
            care_recent: 0,
            their_activity_recent: TheirActivity::default(),
            their_activity_before: TheirActivity::default(),
            ongoing_items: 0,
            ongoing_since: None,
            last_review_on: None,
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
/// 2026-11-27: `our_due` 2026-05-31..=2026-11-26, `recent_touches` 2026-08-30..=2026-11-27,
/// `momentum_recent` 2026-10-29..=2026-11-27, `momentum_before` 2026-08-30..=2026-10-28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthWindows {
    /// Our commitments due in the last `reliability_days` days whose due day is over:
    /// today − N ..= today − 1.
    pub our_due: DateRange,
    /// Their commitments due in the last `reciprocity_commitment_days` days, today excluded.
    pub their_due: DateRange,
    /// The last `reciprocity_touch_days` days, today included (touch share, effort ratio).
    pub recent_touches: DateRange,
    /// The last `care_days` days, today included.
    pub care: DateRange,
    /// The last `momentum_recent_days` days, today included.
    pub momentum_recent: DateRange,
    /// The `momentum_before_days` days just before `momentum_recent`.
    pub momentum_before: DateRange,
    /// Since signing, at most `after_signing_days` days: max(signed_on, today − N + 1) ..= today.
    /// `None` when not signed or signed after today.
    pub after_signing: Option<DateRange>,
    /// The `after_signing_days` days before signing: signed_on − N ..= signed_on − 1.
    pub before_signing: Option<DateRange>,
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
            care: DateRange::ending(today, w.care_days),
            momentum_recent,
            momentum_before: DateRange::ending(before_end, w.momentum_before_days),
            after_signing: signed.map(|on| {
                let window = DateRange::ending(today, w.after_signing_days);
                DateRange {
                    from: window.from.max(on),
                    to: today,
                }
            }),
            before_signing: signed
                .map(|on| DateRange::ending(days_before(on, 1), w.after_signing_days)),
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
        assert_eq!(w.their_due, w.our_due);
        assert_eq!(w.recent_touches, range("2026-08-30", "2026-11-27"));
        assert_eq!(w.recent_touches.days(), 90);
        assert_eq!(w.care, w.recent_touches);
        assert_eq!(w.momentum_recent, range("2026-10-29", "2026-11-27"));
        assert_eq!(w.momentum_before, range("2026-08-30", "2026-10-28"));
        assert_eq!(w.momentum_before.days(), 60);
        assert_eq!(w.after_signing, Some(range("2026-10-01", "2026-11-27")));
        assert_eq!(w.before_signing, Some(range("2026-07-03", "2026-09-30")));
    }

    #[test]
    fn signing_in_the_future_or_never_has_no_signing_windows() {
        let today = day("2026-11-27");
        let future = HealthWindows::new(&Rules::default(), today, Some(day("2026-12-01")));
        assert_eq!(future.after_signing, None);
        assert_eq!(
            HealthWindows::new(&Rules::default(), today, None).before_signing,
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

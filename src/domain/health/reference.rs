//! [`HealthInput::from_rows`]: the definition of every aggregate, written over plain rows.
//!
//! The store never loads a partner's rows to assess health; it runs aggregate queries. This
//! function is the oracle those queries are tested against, and what small in-memory books
//! (the demo, unit tests) can use directly.

use chrono::NaiveDate;

use super::input::{HealthInput, HealthWindows, OpenProblem, SideLedger, TheirActivity};
use super::rules::Rules;
use crate::domain::types::{
    Commitment, Initiator, Partner, Problem, Review, Side, Status, Touch, TouchKind,
};

impl HealthInput {
    /// Builds the aggregates from one partner's rows. Rows of other partners must not be
    /// passed; `reviews` may include reviews of any of the partner's commitments.
    pub fn from_rows(
        partner: &Partner,
        commitments: &[Commitment],
        reviews: &[Review],
        touches: &[Touch],
        problems: &[Problem],
        today: NaiveDate,
        rules: &Rules,
    ) -> HealthInput {
        let windows = HealthWindows::new(rules, today, partner.signed_on);
        let signed_on = windows.after_signing.and(partner.signed_on);
        let count_touches =
            |keep: &dyn Fn(&Touch) -> bool| count(touches.iter().filter(|t| keep(t)));
        let in_window =
            |range: Option<super::DateRange>, on: NaiveDate| range.is_some_and(|r| r.contains(on));
        let open_ongoing: Vec<&Commitment> = commitments
            .iter()
            .filter(|c| c.ongoing && c.status == Status::Open)
            .collect();
        let last_review_on = reviews
            .iter()
            .filter(|r| r.on <= today)
            .filter(|r| {
                commitments
                    .iter()
                    .any(|c| c.id == r.commitment_id && c.ongoing)
            })
            .map(|r| r.on)
            .max();
        HealthInput {
            stage: partner.stage,
            signed_on: partner.signed_on,
            update_every_days: partner.update_every_days,
            ours: side_ledger(commitments, Side::Ours, &windows, today),
            theirs: side_ledger(commitments, Side::Theirs, &windows, today),
            touches_recent_by_us: count_touches(&|t| {
                t.initiated_by == Initiator::Us && windows.recent_touches.contains(t.on)
            }),
            touches_recent_by_them: count_touches(&|t| {
                t.initiated_by == Initiator::Them && windows.recent_touches.contains(t.on)
            }),
            last_update_on: touches
                .iter()
                .filter(|t| t.kind == TouchKind::Update && t.on <= today)
                .map(|t| t.on)
                .max(),
            first_touch_on: touches.iter().map(|t| t.on).filter(|on| *on <= today).min(),
            open_problems: problems
                .iter()
                .filter(|p| p.opened_on <= today && p.resolved_on.is_none_or(|on| on > today))
                .map(|p| OpenProblem {
                    id: p.id,
                    summary: p.summary.clone(),
                    opened_on: p.opened_on,
                    severity: p.severity,
                    reaction: p.reaction,
                    brave_conversation_on: p.brave_conversation_on,
                    update_since_opened: touches.iter().any(|t| {
                        t.kind == TouchKind::Update && p.opened_on <= t.on && t.on <= today
                    }),
                })
                .collect(),
            problems_logged: count(problems.iter().filter(|p| p.opened_on <= today)),
            touches_after_signing: count_touches(&|t| in_window(windows.after_signing, t.on)),
            touches_before_signing: count_touches(&|t| in_window(windows.before_signing, t.on)),
            logged_before_signing: signed_on.is_some_and(|signed| {
                touches.iter().any(|t| t.on < signed)
                    || commitments.iter().any(|c| c.made_on < signed)
            }),
            care_recent: count_touches(&|t| {
                t.kind == TouchKind::Care && windows.care.contains(t.on)
            }),
            their_activity_recent: their_activity(commitments, touches, windows.momentum_recent),
            their_activity_before: their_activity(commitments, touches, windows.momentum_before),
            ongoing_items: count(open_ongoing.iter()),
            ongoing_since: open_ongoing.iter().map(|c| c.made_on).min(),
            last_review_on,
        }
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

fn side_ledger(
    commitments: &[Commitment],
    side: Side,
    windows: &HealthWindows,
    today: NaiveDate,
) -> SideLedger {
    let due_window = match side {
        Side::Ours => windows.our_due,
        Side::Theirs => windows.their_due,
    };
    let of_side = || commitments.iter().filter(move |c| c.side == side);
    let dated = || of_side().filter_map(|c| c.due_on.filter(|_| !c.ongoing).map(|due| (c, due)));
    let due: Vec<(&Commitment, NaiveDate)> = dated()
        .filter(|(c, due)| c.status != Status::Released && due_window.contains(*due))
        .collect();
    let overdue: Vec<NaiveDate> = dated()
        .filter(|(c, due)| c.status == Status::Open && *due < today)
        .map(|(_, due)| due)
        .collect();
    SideLedger {
        due_in_window: count(due.iter()),
        kept_on_time: count(due.iter().filter(|(c, due)| {
            c.status == Status::Kept && c.closed_on.is_some_and(|on| on <= *due)
        })),
        open_dated: count(dated().filter(|(c, _)| c.status == Status::Open)),
        overdue: count(overdue.iter()),
        oldest_overdue_due_on: overdue.iter().min().copied(),
        kept_recent: count(of_side().filter(|c| {
            c.status == Status::Kept
                && c.closed_on
                    .is_some_and(|on| windows.recent_touches.contains(on))
        })),
    }
}

fn their_activity(
    commitments: &[Commitment],
    touches: &[Touch],
    window: super::DateRange,
) -> TheirActivity {
    let theirs = || commitments.iter().filter(|c| c.side == Side::Theirs);
    TheirActivity {
        touches_started: count(
            touches
                .iter()
                .filter(|t| t.initiated_by == Initiator::Them && window.contains(t.on)),
        ),
        commitments_made: count(theirs().filter(|c| window.contains(c.made_on))),
        commitments_kept: count(theirs().filter(|c| {
            c.status == Status::Kept && c.closed_on.is_some_and(|on| window.contains(on))
        })),
    }
}

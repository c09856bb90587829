//! [`HealthInput::from_rows`]: the definition of every aggregate, written over plain rows.
//!
//! The store never loads a partner's rows to assess health; it runs aggregate queries. This
//! function is the oracle those queries are tested against, and what small in-memory books
//! (the demo, unit tests) can use directly.

use chrono::NaiveDate;

use super::input::{
    Conversations, DateRange, HealthInput, HealthWindows, OpenProblem, SideLedger, TheirDelivery,
    Untold,
};
use super::rules::Rules;
use crate::domain::slips::{self, Breach};
use crate::domain::types::{
    Commitment, Initiator, Partner, Problem, Review, Side, Status, Touch, TouchKind, Verdict,
};

/// Whether a touch is a conversation: anything but our own `update` and `care` touches.
pub(crate) fn is_conversation(t: &Touch) -> bool {
    !(t.initiated_by == Initiator::Us && matches!(t.kind, TouchKind::Update | TouchKind::Care))
}

/// Whether a commitment was kept on time: kept on or before its due day (an undated one is on
/// time), never re-dated late.
pub(crate) fn kept_on_time(c: &Commitment) -> bool {
    c.status == Status::Kept
        && c.slip.is_none()
        && match (c.closed_on, c.due_on) {
            (Some(closed), Some(due)) => closed <= due,
            (Some(_), None) => true,
            _ => false,
        }
}

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
        let w = HealthWindows::new(rules, today, partner.signed_on);
        let signed_on = w.after_signing.and(partner.signed_on);
        let upto: Vec<&Touch> = touches.iter().filter(|t| t.on <= today).collect();
        let count_touches = |keep: &dyn Fn(&Touch) -> bool| count(upto.iter().filter(|t| keep(t)));
        let last_of =
            |keep: &dyn Fn(&Touch) -> bool| upto.iter().filter(|t| keep(t)).map(|t| t.on).max();
        let conversations = |range: DateRange| Conversations {
            by_us: count_touches(&|t| {
                is_conversation(t) && t.initiated_by == Initiator::Us && range.contains(t.on)
            }),
            by_them: count_touches(&|t| t.initiated_by == Initiator::Them && range.contains(t.on)),
        };
        let open_ongoing: Vec<&Commitment> = commitments
            .iter()
            .filter(|c| c.ongoing && c.status == Status::Open)
            .collect();
        let last_bad_news_on = last_of(&|t| t.bad_news);
        let delivery = |range: DateRange| TheirDelivery {
            conversations_started: count_touches(&|t| {
                t.initiated_by == Initiator::Them && range.contains(t.on)
            }),
            kept_on_time: count(commitments.iter().filter(|c| {
                c.side == Side::Theirs
                    && kept_on_time(c)
                    && c.closed_on.is_some_and(|on| range.contains(on))
            })),
        };
        let lapsed = |range: DateRange| {
            count(dated(commitments, Side::Theirs).filter(|(c, due)| {
                c.status != Status::Released && range.contains(*due) && !kept_on_time(c)
            }))
        };
        let first_record_on = upto
            .iter()
            .map(|t| t.on)
            .chain(commitments.iter().map(|c| c.made_on))
            .filter(|on| *on <= today)
            .min();
        HealthInput {
            stage: partner.stage,
            signed_on: partner.signed_on,
            update_every_days: partner.update_every_days,
            ours: side_ledger(commitments, reviews, Side::Ours, &w, today),
            theirs: side_ledger(commitments, reviews, Side::Theirs, &w, today),
            untold: untold(commitments, last_bad_news_on, w.our_due.from, today),
            fallen_due: commitments.iter().any(|c| {
                !c.ongoing
                    && c.status != Status::Released
                    && c.judged_due_on().is_some_and(|due| due < today)
            }),
            first_record_on,
            conversations_recent: conversations(w.recent_touches),
            conversations_effort: conversations(w.effort),
            last_update_on: last_of(&|t| t.kind == TouchKind::Update),
            last_bad_news_on,
            last_touch_by_us_on: last_of(&|t| t.initiated_by == Initiator::Us),
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
                })
                .collect(),
            problems_logged: count(problems.iter().filter(|p| p.opened_on <= today)),
            our_touches_courtship: signed_on.map_or(0, |signed| {
                count_touches(&|t| t.initiated_by == Initiator::Us && t.on <= signed)
            }),
            our_touches_after_signing: w.after_signing.map_or(0, |after| {
                count_touches(&|t| t.initiated_by == Initiator::Us && after.contains(t.on))
            }),
            care_recent: count_touches(&|t| t.kind == TouchKind::Care && w.care.contains(t.on)),
            their_delivery_recent: delivery(w.momentum_recent),
            their_delivery_before: delivery(w.momentum_before),
            their_lapsed_recent: lapsed(w.lapse_recent),
            their_lapsed_evidence: lapsed(w.lapse_evidence),
            their_conversations_ever: count_touches(&|t| t.initiated_by == Initiator::Them),
            ongoing_items: count(open_ongoing.iter()),
            ongoing_since: open_ongoing.iter().map(|c| c.made_on).min(),
            least_recent_review_on: open_ongoing
                .iter()
                .map(|c| {
                    reviews
                        .iter()
                        .filter(|r| r.commitment_id == c.id && r.on <= today)
                        .map(|r| r.on)
                        .max()
                        .unwrap_or(c.made_on)
                })
                .min(),
        }
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// The dated (not ongoing) commitments of one side, with their judged due day.
fn dated(commitments: &[Commitment], side: Side) -> impl Iterator<Item = (&Commitment, NaiveDate)> {
    commitments
        .iter()
        .filter(move |c| c.side == side && !c.ongoing)
        .filter_map(|c| c.judged_due_on().map(|due| (c, due)))
}

fn side_ledger(
    commitments: &[Commitment],
    reviews: &[Review],
    side: Side,
    w: &HealthWindows,
    today: NaiveDate,
) -> SideLedger {
    let due_window = match side {
        Side::Ours => w.our_due,
        Side::Theirs => w.their_due,
    };
    let due: Vec<&Commitment> = dated(commitments, side)
        .filter(|(c, due)| c.status != Status::Released && due_window.contains(*due))
        .map(|(c, _)| c)
        .collect();
    let open: Vec<NaiveDate> = commitments
        .iter()
        .filter(|c| c.side == side && !c.ongoing && c.status == Status::Open)
        .filter_map(|c| c.due_on)
        .collect();
    let overdue: Vec<NaiveDate> = open.iter().copied().filter(|d| *d < today).collect();
    let ongoing_of_side: Vec<i64> = commitments
        .iter()
        .filter(|c| c.side == side && c.ongoing)
        .map(|c| c.id)
        .collect();
    SideLedger {
        due_in_window: count(due.iter()),
        kept_on_time: count(due.iter().filter(|c| kept_on_time(c))),
        open_dated: count(open.iter()),
        overdue: count(overdue.iter()),
        oldest_overdue_due_on: overdue.iter().min().copied(),
        kept_for_effort: count(
            dated(commitments, side)
                .filter(|(c, due)| c.status == Status::Kept && w.effort_due.contains(*due)),
        ),
        not_honoured: count(reviews.iter().filter(|r| {
            r.verdict == Verdict::NotHonoured
                && w.reviews.contains(r.on)
                && ongoing_of_side.contains(&r.commitment_id)
        })),
        // Only our promises are slips (`broken` is of ours only).
        slips_recent: count(
            commitments
                .iter()
                .filter(|c| c.side == side)
                .filter_map(|c| slips::broken(c, today))
                .filter(|b| w.slips.contains(b.on)),
        ),
    }
}

/// Our broken promises that no bad-news touch has told them of: those still open (overdue, or
/// re-dated late), and missed ones that broke on or after `from` (kept late ones are
/// delivered: nothing is left to tell).
fn untold(
    commitments: &[Commitment],
    last_bad_news_on: Option<NaiveDate>,
    from: NaiveDate,
    today: NaiveDate,
) -> Untold {
    let broken: Vec<slips::Broken> = commitments
        .iter()
        .filter_map(|c| slips::broken(c, today))
        .filter(|b| match b.how {
            Breach::KeptLate => false,
            Breach::Missed => from <= b.on && b.on <= today,
            Breach::Overdue | Breach::Redated { .. } => b.on <= today,
        })
        .filter(|b| !slips::told(b, last_bad_news_on))
        .collect();
    Untold {
        count: count(broken.iter()),
        oldest_broken_on: broken.iter().map(|b| b.on).min(),
        most_days_late_redated: broken
            .iter()
            .filter_map(|b| match b.how {
                Breach::Redated { days_late } => Some(days_late),
                _ => None,
            })
            .max(),
    }
}

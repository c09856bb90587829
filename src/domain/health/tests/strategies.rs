//! What the properties are generated from: inputs built field by field, rule sets, and
//! whole partnerships lived over a year, all on days up to the fixed today.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::rows::{Book, ago, today};
use crate::domain::health::{
    Conversations, HealthInput, OpenProblem, Rules, SideLedger, TheirDelivery, Untold, Weights,
};
use crate::domain::types::{Initiator, Side, Stage, Status, TouchKind};

pub fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

pub fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((-30i64..400).prop_map(ago))
}

pub fn ledger() -> impl Strategy<Value = SideLedger> {
    (
        (0u32..50, 0u32..60, 0u32..20, 0u32..20, date()),
        (0u32..30, 0u32..3, 0u32..4),
    )
        .prop_map(
            |((due, kept, open, overdue, oldest), (effort, not_honoured, slips))| SideLedger {
                due_in_window: due,
                kept_on_time: kept, // may exceed `due`: the rules must not care
                open_dated: open,
                overdue,
                oldest_overdue_due_on: oldest,
                kept_for_effort: effort,
                not_honoured,
                slips_recent: slips,
            },
        )
}

pub fn delivery() -> impl Strategy<Value = TheirDelivery> {
    (0u32..20, 0u32..5).prop_map(|(t, k)| TheirDelivery {
        conversations_started: t,
        kept_on_time: k,
    })
}

pub fn talk() -> impl Strategy<Value = Conversations> {
    (0u32..40, 0u32..40).prop_map(|(by_us, by_them)| Conversations { by_us, by_them })
}

pub fn problem() -> impl Strategy<Value = OpenProblem> {
    ((0i64..300), 1u8..=5, 1u8..=5, date()).prop_map(|(opened, severity, reaction, brave)| {
        OpenProblem {
            id: 1,
            summary: "p".into(),
            opened_on: ago(opened),
            severity,
            reaction,
            brave_conversation_on: brave,
        }
    })
}

prop_compose! {
    pub fn input()(
        stage in stage(), signed_on in date(), cadence in 0u32..60,
        ours in ledger(), theirs in ledger(), recent in talk(), effort in talk(),
        (last_update, bad_news, last_ours, first) in (date(), date(), date(), date()),
        problems in prop::collection::vec(problem(), 0..4), logged in 0u32..5,
        after in 0u32..40, before in 0u32..40, care in 0u32..4,
        now in delivery(), earlier in delivery(), lapsed in (0u32..4, 0u32..6),
        untold in (0u32..3, date(), prop::option::of(0i64..60)), fallen_due in any::<bool>(),
        ongoing in 0u32..4, ongoing_since in date(), reviewed in date(),
    ) -> HealthInput {
        HealthInput {
            stage, signed_on, update_every_days: cadence, ours, theirs,
            untold: Untold { count: untold.0, oldest_broken_on: untold.1, most_days_late_redated: untold.2 },
            fallen_due, first_record_on: first,
            conversations_recent: recent, conversations_effort: effort,
            last_update_on: last_update, last_bad_news_on: bad_news, last_touch_by_us_on: last_ours,
            open_problems: problems, problems_logged: logged,
            our_touches_courtship: before, our_touches_after_signing: after, care_recent: care,
            their_delivery_recent: now, their_delivery_before: earlier,
            their_lapsed_recent: lapsed.0, their_lapsed_evidence: lapsed.1,
            their_conversations_ever: lapsed.1 * 2,
            ongoing_items: ongoing, ongoing_since, least_recent_review_on: reviewed,
        }
    }
}

prop_compose! {
    pub fn rules()(w in prop::collection::vec(0u32..40, 7), windows in prop::collection::vec(0u32..400, 4)) -> Rules {
        // Zero-day windows are refused by `validate`, but `assess` must survive them anyway.
        let defaults = Rules::default();
        Rules {
            weights: Weights {
                our_reliability: w[0], reciprocity: w[1], openness: w[2], after_signing: w[3],
                adversity: w[4], momentum: w[5], charter_review: w[6],
            },
            windows: crate::domain::health::Windows {
                momentum_recent_days: windows[0],
                momentum_before_days: windows[1],
                after_signing_days: windows[2],
                reliability_days: windows[3],
                ..defaults.windows
            },
            ..defaults
        }
    }
}

/// One generated commitment: side, due (days ago; negative is ahead; `None` undated),
/// status, closed (days after it was made, capped at today).
pub type Item = (bool, Option<i64>, usize, i64);

/// A partnership lived through: a stage and signing day, touches, commitments both ways and
/// a problem or two, all on days up to today.
pub fn book() -> impl Strategy<Value = Book> {
    (
        0usize..3,
        0i64..300,
        prop::collection::vec(
            (
                0i64..300,
                0usize..7,
                any::<bool>(),
                prop::bool::weighted(0.1),
            ),
            0..30,
        ),
        prop::collection::vec(
            (
                any::<bool>(),
                prop::option::weighted(0.85, -60i64..300),
                0usize..4,
                0i64..60,
            ),
            0..16,
        ),
        prop::collection::vec((0i64..200, 1u8..=5, 1u8..=5), 0..2),
    )
        .prop_map(|(stage, signed_ago, touches, items, problems)| {
            let stage = [Stage::Prospect, Stage::Engaged, Stage::Signed][stage];
            let mut book = Book::new(stage, (stage == Stage::Signed).then_some(signed_ago));
            for (on, kind, them, bad) in touches {
                let by = if them { Initiator::Them } else { Initiator::Us };
                book.touch(on, TouchKind::ALL[kind], by);
                if let Some(t) = book.touches.last_mut() {
                    t.bad_news = bad;
                }
            }
            for (theirs, due, status, closed_after) in items {
                add_item(&mut book, (theirs, due, status, closed_after));
            }
            for (opened, severity, reaction) in problems {
                book.problem(opened, severity, reaction);
            }
            book
        })
}

pub fn add_item(book: &mut Book, (theirs, due, status, closed_after): Item) {
    let statuses = [Status::Open, Status::Kept, Status::Missed, Status::Released];
    let status = statuses[status];
    let side = if theirs { Side::Theirs } else { Side::Ours };
    let due_ago = due.unwrap_or(10);
    let made_ago = due_ago + 30;
    let closed = (status != Status::Open).then_some((made_ago - closed_after).max(0));
    book.promise(side, due_ago, status, closed);
    if due.is_none()
        && let Some(c) = book.commitments.last_mut()
    {
        c.due_on = None;
    }
}

pub fn open_overdue_of_ours(book: &Book) -> Vec<usize> {
    book.commitments
        .iter()
        .enumerate()
        .filter(|(_, c)| c.side == Side::Ours && c.status == Status::Open && !c.ongoing)
        .filter(|(_, c)| c.due_on.is_some_and(|d| d < today()))
        .map(|(i, _)| i)
        .collect()
}

/// Every count a window holds: when none moved between two days, no record crossed a window's
/// edge.
pub fn windowed(i: &HealthInput) -> Vec<u64> {
    let side = |l: &SideLedger| {
        vec![
            l.due_in_window,
            l.kept_on_time,
            l.kept_for_effort,
            l.not_honoured,
            l.slips_recent,
        ]
    };
    let mut all: Vec<u32> = side(&i.ours);
    all.extend(side(&i.theirs));
    all.extend([
        i.untold.count,
        i.conversations_recent.by_us,
        i.conversations_recent.by_them,
        i.conversations_effort.by_us,
        i.conversations_effort.by_them,
        i.our_touches_after_signing,
        i.care_recent,
        i.their_delivery_recent.conversations_started,
        i.their_delivery_recent.kept_on_time,
        i.their_delivery_before.conversations_started,
        i.their_delivery_before.kept_on_time,
        i.their_lapsed_recent,
        i.their_lapsed_evidence,
        u32::try_from(i.open_problems.len()).unwrap_or(0),
    ]);
    all.into_iter().map(u64::from).collect()
}

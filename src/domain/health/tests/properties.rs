//! Properties that hold for any book, and the metamorphic properties of §4's principles: what
//! a new record may and may not do to a verdict.

use chrono::Days;
use proptest::prelude::*;

use super::rows::today;
use super::strategies::{add_item, book, input, open_overdue_of_ours, rules, windowed};
use crate::domain::health::{HealthVerdict, Level, SignalKey, assess};
use crate::domain::slips;
use crate::domain::types::{Initiator, Side, Status, TouchKind};

/// Poor < watch < good; unknown is not judged, so it is compared apart.
fn rank(level: Level) -> Option<u8> {
    match level {
        Level::Poor => Some(0),
        Level::Watch => Some(1),
        Level::Good => Some(2),
        Level::Unknown => None,
    }
}

fn level(h: &crate::domain::health::Health, key: SignalKey) -> Level {
    h.signal(key).map_or(Level::Unknown, |s| s.level)
}

/// `after` is a better verdict than `before` (too early is not ranked against the others).
fn better(before: HealthVerdict, after: HealthVerdict) -> bool {
    matches!((before.rank(), after.rank()), (Some(b), Some(a)) if a > b)
}

/// The verdict's rank, with "at risk: we switched off" as grave as a walk-away review (each
/// names a different fault; neither is better than the other).
fn grade(h: &crate::domain::health::Health) -> Option<u8> {
    if h.switched_off_days.is_some() {
        Some(0)
    } else {
        h.verdict.rank()
    }
}

fn better_health(
    before: &crate::domain::health::Health,
    after: &crate::domain::health::Health,
) -> bool {
    matches!((grade(before), grade(after)), (Some(b), Some(a)) if a > b)
}

/// A signal raised: judged higher than before, or newly judged good.
fn raised(before: Level, after: Level) -> bool {
    match (rank(before), rank(after)) {
        (Some(b), Some(a)) => a > b,
        (None, Some(a)) => a == 2,
        _ => false,
    }
}

fn lowered(before: Level, after: Level) -> bool {
    match (rank(before), rank(after)) {
        (Some(b), Some(a)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn the_score_is_within_0_and_100(input in input(), rules in rules()) {
        let h = assess(&input, today(), &rules);
        if let Some(score) = h.score {
            prop_assert!(score <= 100);
            prop_assert!(h.uncapped_score.is_some_and(|u| score <= u));
        }
        prop_assert_eq!(h.signals.len(), 7);
        prop_assert!(!h.reason.is_empty() && !h.next_band_hint().is_empty());
        // The colour is the verdict's; too early and ended have none, and no score.
        if h.verdict == HealthVerdict::TooEarly || h.ended {
            prop_assert!(h.level.is_none() && h.score.is_none());
        } else {
            prop_assert_eq!(h.level, h.verdict.colour());
        }
    }

    #[test]
    fn renormalisation_never_divides_by_zero(input in input(), rules in rules()) {
        let h = assess(&input, today(), &rules);
        let counted = h.counted_weight();
        if counted > 0 {
            let shares: f64 = h.contributions.iter().map(|c| c.share).sum();
            prop_assert!((shares - 1.0).abs() < 1e-9);
            prop_assert!(h.contributions.iter().all(|c| c.contributed.is_finite()));
        }
        if h.score.is_some() {
            prop_assert!(counted > 0);
        }
    }

    #[test]
    fn recording_a_promise_of_theirs_never_improves_anything(
        book in book(),
        due_in in prop::option::of(0u64..90),
        ongoing in any::<bool>(),
    ) {
        let before = book.health();
        let mut after_book = book.clone();
        // A promise made today, due today or later, undated or a standing expectation.
        after_book.promise(Side::Theirs, 0, Status::Open, None);
        if let Some(c) = after_book.commitments.last_mut() {
            c.made_on = today();
            c.due_on = due_in.map(|d| today() + Days::new(d));
            if ongoing {
                c.ongoing = true;
                c.due_on = None;
            }
        }
        let after = after_book.health();
        prop_assert!(!better(before.verdict, after.verdict), "{:?} -> {:?}", before.verdict, after.verdict);
        for key in [SignalKey::Reciprocity, SignalKey::Momentum] {
            prop_assert!(!raised(level(&before, key), level(&after, key)), "{key:?}");
        }
        if let (Some(b), Some(a)) = (before.score, after.score) {
            prop_assert!(a <= b, "score {b} -> {a}");
        }
    }

    #[test]
    fn logging_our_update_or_care_never_lowers_a_signal(book in book(), care in any::<bool>()) {
        let before = book.health();
        let mut after_book = book.clone();
        after_book.touch(0, if care { TouchKind::Care } else { TouchKind::Update }, Initiator::Us);
        let after = after_book.health();
        for key in SignalKey::ALL {
            prop_assert!(
                !lowered(level(&before, key), level(&after, key)),
                "{key:?}: {:?} -> {:?}", level(&before, key), level(&after, key)
            );
        }
    }

    #[test]
    fn keeping_a_commitment_on_time_never_worsens_the_verdict(
        book in book(),
        extra in (any::<bool>(), prop::option::of(-60i64..=0)),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut book = book;
        add_item(&mut book, (extra.0, extra.1, 0, 0));
        let on_time: Vec<usize> = book.commitments.iter().enumerate()
            .filter(|(_, c)| c.status == Status::Open && !c.ongoing)
            .filter(|(_, c)| c.due_on.is_none_or(|d| d >= today()))
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!on_time.is_empty());
        let before = book.health();
        let mut after_book = book.clone();
        let chosen = on_time[pick.index(on_time.len())];
        after_book.commitments[chosen].status = Status::Kept;
        after_book.commitments[chosen].closed_on = Some(today());
        let after = after_book.health();
        prop_assert!(!better_health(&after, &before), "{:?} -> {:?}\n{:#?}\n{:#?}", before.verdict, after.verdict,
            before.signals_worst_first(), after.signals_worst_first());
    }

    #[test]
    fn redating_an_overdue_promise_of_ours_never_raises_reliability_or_the_score(
        book in book(),
        overdue_by in 1i64..120,
        new_due_in in 0u64..60,
        pick in any::<prop::sample::Index>(),
    ) {
        let mut book = book;
        // A bad-news touch on the day of the re-date would tell them of it (same day, order
        // unknown): the re-date alone is the event under test.
        for t in &mut book.touches {
            t.bad_news &= t.on < today();
        }
        book.promise(Side::Ours, overdue_by, Status::Open, None);
        let overdue = open_overdue_of_ours(&book);
        let chosen = overdue[pick.index(overdue.len())];
        let before = book.health();
        let mut after_book = book.clone();
        let c = &after_book.commitments[chosen];
        let new_due = today() + Days::new(new_due_in);
        let slip = slips::redate(c, new_due, today());
        prop_assert!(slip.as_ref().is_ok_and(|s| s.is_some()), "{slip:?}");
        after_book.commitments[chosen].slip = slip.ok().flatten();
        after_book.commitments[chosen].due_on = Some(new_due);
        let after = after_book.health();
        let key = SignalKey::OurReliability;
        prop_assert!(!raised(level(&before, key), level(&after, key)),
            "{:?} -> {:?}", before.signal(key), after.signal(key));
        if let (Some(b), Some(a)) = (before.score, after.score) {
            prop_assert!(a <= b, "score {b} -> {a}");
        }
        prop_assert!(!better(before.verdict, after.verdict));
    }

    #[test]
    fn marking_theirs_missed_never_raises_reciprocity(
        book in book(),
        extra in prop::option::of(-60i64..200),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut book = book;
        add_item(&mut book, (true, extra, 0, 0));
        let open: Vec<usize> = book.commitments.iter().enumerate()
            .filter(|(_, c)| c.side == Side::Theirs && c.status == Status::Open && !c.ongoing)
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!open.is_empty());
        let before = book.health();
        let mut after_book = book.clone();
        let chosen = open[pick.index(open.len())];
        after_book.commitments[chosen].status = Status::Missed;
        after_book.commitments[chosen].closed_on = Some(today());
        let after = after_book.health();
        let key = SignalKey::Reciprocity;
        prop_assert!(!raised(level(&before, key), level(&after, key)));
    }

    #[test]
    fn with_nothing_new_tomorrow_is_never_better_unless_a_record_crossed_a_window(
        book in book(),
        days_on in 0u64..60,
    ) {
        let day = today() + Days::new(days_on);
        let next = day + Days::new(1);
        let (today_input, next_input) = (book.input_on(day), book.input_on(next));
        let (now, then) = (book.health_on(day), book.health_on(next));
        let known = |h: &crate::domain::health::Health| -> Vec<bool> {
            h.signals.iter().map(|s| s.level != Level::Unknown).collect()
        };
        if windowed(&today_input) == windowed(&next_input) && known(&now) == known(&then) {
            prop_assert!(!better_health(&now, &then),
                "{day}: {:?} -> {:?}\n{:#?}\n{:#?}", now.verdict, then.verdict,
                now.signals_worst_first(), then.signals_worst_first());
            for key in SignalKey::ALL {
                prop_assert!(!raised(level(&now, key), level(&then, key)),
                    "{key:?} on {day}: {:?} -> {:?}", now.signal(key), then.signal(key));
            }
        }
    }
}

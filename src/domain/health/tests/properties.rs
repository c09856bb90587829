//! Properties that hold for any book, and the metamorphic properties of §4's principles: what
//! a new record may and may not do to a verdict.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::rows::{Book, ago, today};
use crate::domain::health::{
    Conversations, HealthInput, HealthVerdict, Level, OpenProblem, Rules, SideLedger, SignalKey,
    TheirDelivery, Untold, Weights, assess,
};
use crate::domain::slips;
use crate::domain::types::{Initiator, Side, Stage, Status, TouchKind};

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

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((-30i64..400).prop_map(ago))
}

fn ledger() -> impl Strategy<Value = SideLedger> {
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

fn delivery() -> impl Strategy<Value = TheirDelivery> {
    (0u32..20, 0u32..5).prop_map(|(t, k)| TheirDelivery {
        conversations_started: t,
        kept_on_time: k,
    })
}

fn talk() -> impl Strategy<Value = Conversations> {
    (0u32..40, 0u32..40).prop_map(|(by_us, by_them)| Conversations { by_us, by_them })
}

fn problem() -> impl Strategy<Value = OpenProblem> {
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
    fn input()(
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
    fn rules()(w in prop::collection::vec(0u32..40, 7), windows in prop::collection::vec(0u32..400, 4)) -> Rules {
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
type Item = (bool, Option<i64>, usize, i64);

/// A partnership lived through: a stage and signing day, touches, commitments both ways and
/// a problem or two, all on days up to today.
fn book() -> impl Strategy<Value = Book> {
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

fn add_item(book: &mut Book, (theirs, due, status, closed_after): Item) {
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

fn open_overdue_of_ours(book: &Book) -> Vec<usize> {
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
fn windowed(i: &HealthInput) -> Vec<u64> {
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

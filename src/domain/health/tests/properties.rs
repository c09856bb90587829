//! Properties that hold for any book.

use proptest::prelude::*;

use super::rows::{Book, ago, today};
use crate::domain::health::{
    HealthInput, Level, OpenProblem, Rules, SideLedger, SignalKey, TheirActivity, Weights, assess,
};
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

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    prop::option::of((-30i64..400).prop_map(ago))
}

fn ledger() -> impl Strategy<Value = SideLedger> {
    (0u32..50, 0u32..60, 0u32..20, 0u32..20, date(), 0u32..30).prop_map(
        |(due, kept, open, overdue, oldest, recent)| {
            SideLedger {
                due_in_window: due,
                kept_on_time: kept, // may exceed `due`: the rules must not care
                open_dated: open,
                overdue,
                oldest_overdue_due_on: oldest,
                kept_recent: recent,
            }
        },
    )
}

fn activity() -> impl Strategy<Value = TheirActivity> {
    (0u32..20, 0u32..5, 0u32..5).prop_map(|(t, m, k)| TheirActivity {
        touches_started: t,
        commitments_made: m,
        commitments_kept: k,
    })
}

fn problem() -> impl Strategy<Value = OpenProblem> {
    ((0i64..300), 1u8..=5, 1u8..=5, date(), any::<bool>()).prop_map(
        |(opened, severity, reaction, brave, update)| OpenProblem {
            id: 1,
            summary: "p".into(),
            opened_on: ago(opened),
            severity,
            reaction,
            brave_conversation_on: brave,
            update_since_opened: update,
        },
    )
}

prop_compose! {
    fn input()(
        stage in stage(), signed_on in date(), cadence in 0u32..60,
        ours in ledger(), theirs in ledger(), by_us in 0u32..40, by_them in 0u32..40,
        last_update in date(), first_touch in date(),
        problems in prop::collection::vec(problem(), 0..4), logged in 0u32..5,
        after in 0u32..40, before in 0u32..40, logged_before in any::<bool>(), care in 0u32..4,
        recent in activity(), earlier in activity(),
        ongoing in 0u32..4, ongoing_since in date(), reviewed in date(),
    ) -> HealthInput {
        HealthInput {
            stage, signed_on, update_every_days: cadence, ours, theirs,
            touches_recent_by_us: by_us, touches_recent_by_them: by_them,
            last_update_on: last_update, first_touch_on: first_touch,
            open_problems: problems, problems_logged: logged,
            touches_after_signing: after, touches_before_signing: before,
            logged_before_signing: logged_before, care_recent: care,
            their_activity_recent: recent, their_activity_before: earlier,
            ongoing_items: ongoing, ongoing_since, last_review_on: reviewed,
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
    }

    #[test]
    fn renormalisation_never_divides_by_zero(input in input(), rules in rules()) {
        let h = assess(&input, today(), &rules);
        let counted = h.counted_weight();
        if input.stage != Stage::Ended {
            prop_assert_eq!(h.score.is_some(), counted > 0);
        }
        if counted > 0 {
            let shares: f64 = h.contributions.iter().map(|c| c.share).sum();
            prop_assert!((shares - 1.0).abs() < 1e-9);
            prop_assert!(h.contributions.iter().all(|c| c.contributed.is_finite()));
        }
    }

    #[test]
    fn keeping_an_overdue_commitment_of_ours_never_lowers_our_reliability(
        overdue_by in 1i64..300,
        items in prop::collection::vec((0i64..300, 0usize..4, 0i64..300), 0..12),
        pick in any::<prop::sample::Index>(),
    ) {
        let statuses = [Status::Open, Status::Kept, Status::Missed, Status::Released];
        let mut book = Book::new(Stage::Signed, Some(300));
        book.promise(Side::Ours, overdue_by, Status::Open, None);
        for (due, status, closed) in &items {
            let status = statuses[*status];
            let closed = (status != Status::Open).then_some(*closed);
            book.promise(Side::Ours, *due, status, closed);
        }
        let overdue: Vec<usize> = book.commitments.iter().enumerate()
            .filter(|(_, c)| c.status == Status::Open && c.due_on.is_some_and(|d| d < today()))
            .map(|(i, _)| i)
            .collect();
        let before = book.health().signal(SignalKey::OurReliability).map(|s| s.level);
        let chosen = overdue[pick.index(overdue.len())];
        book.commitments[chosen].status = Status::Kept;
        book.commitments[chosen].closed_on = Some(today());
        let after = book.health().signal(SignalKey::OurReliability).map(|s| s.level);
        let (before, after) = (before.and_then(rank), after.and_then(rank));
        prop_assert!(before.is_some(), "an overdue item is always judged");
        prop_assert!(after.is_none_or(|a| Some(a) >= before), "{before:?} -> {after:?}");
    }

    #[test]
    fn adding_a_care_touch_never_lowers_after_signing(
        signed_ago in 0i64..400,
        touches in prop::collection::vec((0i64..600, 0usize..7, any::<bool>()), 0..30),
        care_at in any::<prop::sample::Index>(),
        by_them in any::<bool>(),
    ) {
        let by = |them: bool| if them { Initiator::Them } else { Initiator::Us };
        let mut book = Book::new(Stage::Signed, Some(signed_ago));
        for (on, kind, them) in &touches {
            book.touch(*on, TouchKind::ALL[*kind], by(*them));
        }
        let before = book.health().signal(SignalKey::AfterSigning).map(|s| s.level);
        // A care touch logged since signing, within the last 90 days.
        let span = usize::try_from(signed_ago.min(89)).unwrap_or(0) + 1;
        book.touch(i64::try_from(care_at.index(span)).unwrap_or(0), TouchKind::Care, by(by_them));
        let after = book.health().signal(SignalKey::AfterSigning).map(|s| s.level);
        let (before, after) = (before.and_then(rank), after.and_then(rank));
        prop_assert_eq!(before.is_some(), after.is_some());
        prop_assert!(after >= before, "{before:?} -> {after:?}");
    }
}

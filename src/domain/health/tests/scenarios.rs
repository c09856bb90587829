//! The "done when" partners of issue 3, built as rows and aggregated by the reference
//! definition, so the aggregates and the rules are checked together.

use super::rows::Book;
use crate::domain::health::{Band, HealthVerdict, Level, SignalKey};
use crate::domain::types::{Initiator, Side, Stage, Status, TouchKind};

fn level(book: &Book, key: SignalKey) -> Level {
    book.health()
        .signal(key)
        .map_or(Level::Unknown, |s| s.level)
}

/// Both sides keep their word, updates go out on cadence, touches run both ways.
fn healthy_book() -> Book {
    let mut book = Book::new(Stage::Signed, Some(200));
    for week in 0..40 {
        let day = week * 7;
        let kind = match week % 4 {
            0 => TouchKind::Update,
            2 => TouchKind::Care,
            _ => TouchKind::Call,
        };
        book.touch(day + 1, kind, Initiator::Us);
        book.touch(day + 4, TouchKind::Email, Initiator::Them);
    }
    for n in 0..8 {
        let due = 5 + n * 20;
        book.promise(Side::Ours, due, Status::Kept, Some(due + 2));
        book.promise(Side::Theirs, due + 3, Status::Kept, Some(due + 3));
    }
    book.ongoing(250, Some(12));
    book
}

#[test]
fn healthy_and_green_when_everything_runs_both_ways() {
    let h = healthy_book().health();
    assert_eq!(
        (h.level, h.verdict),
        (Band::Green, HealthVerdict::Healthy),
        "{:#?}",
        h.signals_worst_first()
    );
    assert!(
        h.signals
            .iter()
            .all(|s| s.level == Level::Good || s.key == SignalKey::Adversity)
    );
}

#[test]
fn walk_away_review_when_only_we_keep_our_word() {
    let mut book = Book::new(Stage::Signed, Some(150));
    for week in 0..22 {
        book.touch(
            week * 7,
            if week % 2 == 0 {
                TouchKind::Update
            } else {
                TouchKind::Care
            },
            Initiator::Us,
        );
    }
    // Their touches dried up in the last 30 days; they kept nothing in 90 days.
    for day in [35, 45, 55, 65, 75, 85, 95, 110, 130, 160, 170] {
        book.touch(day, TouchKind::Call, Initiator::Them);
    }
    for due in [10, 30, 50, 70] {
        book.promise(Side::Ours, due, Status::Kept, Some(due));
        book.promise(Side::Theirs, due, Status::Missed, Some(due - 5));
    }
    let h = book.health();
    assert_eq!(
        h.signal(SignalKey::Reciprocity).map(|s| s.level),
        Some(Level::Poor)
    );
    assert_eq!(
        h.signal(SignalKey::Momentum).map(|s| s.level),
        Some(Level::Poor)
    );
    assert_eq!(h.verdict, HealthVerdict::WalkAwayReview, "{}", h.reason);
}

#[test]
fn after_signing_poor_when_touches_stop_at_the_signature() {
    let mut book = Book::new(Stage::Signed, Some(100));
    for week in 0..13 {
        book.touch(101 + week * 7, TouchKind::Meeting, Initiator::Us);
    }
    assert_eq!(level(&book, SignalKey::AfterSigning), Level::Poor);
    let h = book.health();
    let after = h.signal(SignalKey::AfterSigning).map(|s| s.value.as_str());
    assert_eq!(
        after,
        Some(
            "0.0 touches a month since signing vs 4.3 before (0 % of the pace); no care touch in 90 days"
        )
    );
}

#[test]
fn adversity_poor_and_at_most_amber_until_the_brave_conversation() {
    let mut book = healthy_book();
    let problem = book.problem(10, 1, 5);
    book.touch(9, TouchKind::Update, Initiator::Us);
    let h = book.health();
    assert_eq!(
        h.signal(SignalKey::Adversity).map(|s| s.level),
        Some(Level::Poor)
    );
    assert!(h.level <= Band::Amber && !h.caps.is_empty());

    book.problems[problem].brave_conversation_on = Some(super::rows::ago(2));
    let h = book.health();
    assert_eq!(
        h.signal(SignalKey::Adversity).map(|s| s.level),
        Some(Level::Watch)
    );
    assert!(h.caps.is_empty());
    assert_eq!(h.level, Band::Green);
}

#[test]
fn reference_aggregates_follow_the_windows() {
    let mut book = Book::new(Stage::Signed, Some(100));
    book.promise(Side::Ours, 180, Status::Kept, Some(180)); // first day of the due window
    book.promise(Side::Ours, 181, Status::Kept, Some(181)); // just outside
    book.promise(Side::Ours, 0, Status::Open, None); // due today: not yet judged, not overdue
    book.promise(Side::Ours, 20, Status::Open, None); // overdue
    book.promise(Side::Ours, 5, Status::Released, Some(5)); // dropped by agreement
    book.promise(Side::Ours, 3, Status::Kept, Some(2)); // kept late
    book.touch(89, TouchKind::Care, Initiator::Them); // first day of the 90-day window
    book.touch(90, TouchKind::Care, Initiator::Them); // just outside
    let input = book.input();
    assert_eq!(input.ours.due_in_window, 3);
    assert_eq!(input.ours.kept_on_time, 1);
    assert_eq!((input.ours.open_dated, input.ours.overdue), (2, 1));
    assert_eq!(input.ours.oldest_overdue_due_on, Some(super::rows::ago(20)));
    assert_eq!(input.ours.kept_recent, 1);
    assert_eq!((input.care_recent, input.touches_recent_by_them), (1, 1));
    // Day 90 is after signing (100 days ago) but outside the 90-day window: in neither.
    assert_eq!(
        (input.touches_after_signing, input.touches_before_signing),
        (1, 0)
    );
    assert!(input.logged_before_signing);
}

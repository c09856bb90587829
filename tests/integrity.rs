//! The store keeps a book's history honest: a closed commitment is not closed again, a review of
//! several commitments is all or nothing, a brave conversation is recorded once, days are in
//! order and not after today, and a restore never loses an earlier kept-aside copy.

use chrono::NaiveDate;
use pactum::domain::dates::shift;
use pactum::domain::{Initiator, Origin, Side, Status, TouchKind, Verdict};
use pactum::store::{NewCommitment, NewPartner, NewProblem, NewTouch, Store};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn day(offset: i64) -> NaiveDate {
    shift(today(), offset)
}

fn open(path: &Path) -> Store {
    Store::open(path, "tester").unwrap()
}

/// A book with one partner; returns its id.
fn book() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.db"));
    let id = store
        .add_partner(&NewPartner::named("Acme", day(-100)))
        .unwrap();
    (dir, store, id)
}

fn promise(partner_id: i64, made: i64, due: Option<i64>) -> NewCommitment {
    NewCommitment {
        partner_id,
        side: Side::Ours,
        title: "Send pricing".into(),
        detail: String::new(),
        made_on: day(made),
        due_on: due.map(day),
        ongoing: due.is_none(),
        origin: Origin::Later,
    }
}

fn message(e: pactum::store::StoreError) -> String {
    e.to_string()
}

#[test]
fn a_closed_commitment_is_not_closed_again() {
    let (_d, mut store, acme) = book();
    let c = store
        .add_commitment(&promise(acme, -30, Some(-5)), today())
        .unwrap();
    store.set_status(c, Status::Kept, day(-7), today()).unwrap();
    let events = store.events(100).unwrap().len();
    for status in [Status::Kept, Status::Missed, Status::Released] {
        let err = message(store.set_status(c, status, today(), today()).unwrap_err());
        assert_eq!(
            err,
            format!(
                "commitment {c} is already kept (on {}): nothing changed",
                day(-7)
            )
        );
    }
    let kept = store.commitment(c).unwrap();
    assert_eq!((kept.status, kept.closed_on), (Status::Kept, Some(day(-7))));
    assert_eq!(store.events(100).unwrap().len(), events, "nothing logged");

    let r = store
        .add_commitment(&promise(acme, -30, Some(-5)), today())
        .unwrap();
    store
        .set_status(r, Status::Released, today(), today())
        .unwrap();
    let err = message(
        store
            .set_status(r, Status::Kept, today(), today())
            .unwrap_err(),
    );
    assert!(err.contains("is already released"), "{err}");
}

#[test]
fn undoing_a_keep_reopens_it_and_it_can_be_kept_again() {
    let (_d, mut store, acme) = book();
    let c = store
        .add_commitment(&promise(acme, -30, Some(-5)), today())
        .unwrap();
    let event = store.set_status(c, Status::Kept, today(), today()).unwrap();
    store.undo(event).unwrap();
    let back = store.commitment(c).unwrap();
    assert_eq!((back.status, back.closed_on), (Status::Open, None));
    store
        .set_status(c, Status::Missed, today(), today())
        .unwrap();
    assert_eq!(store.commitment(c).unwrap().status, Status::Missed);
}

#[test]
fn a_commitment_closes_between_its_made_day_and_today() {
    let (_d, mut store, acme) = book();
    let c = store
        .add_commitment(&promise(acme, -30, Some(-5)), today())
        .unwrap();
    let early = message(
        store
            .set_status(c, Status::Kept, day(-31), today())
            .unwrap_err(),
    );
    assert_eq!(
        early,
        format!(
            "closing day {} is before the made day {}",
            day(-31),
            day(-30)
        )
    );
    let later = message(
        store
            .set_status(c, Status::Kept, day(30), today())
            .unwrap_err(),
    );
    assert!(later.starts_with(&format!(
        "closing day {} is after today ({})",
        day(30),
        today()
    )));
    assert_eq!(store.commitment(c).unwrap().status, Status::Open);
    store
        .set_status(c, Status::Kept, day(-30), today())
        .unwrap();
}

#[test]
fn new_records_are_not_dated_after_today_nor_due_before_made() {
    let (_d, mut store, acme) = book();
    let due_early = message(
        store
            .add_commitment(&promise(acme, -10, Some(-20)), today())
            .unwrap_err(),
    );
    assert_eq!(
        due_early,
        format!("due day {} is before the made day {}", day(-20), day(-10))
    );
    let made_later = message(
        store
            .add_commitment(&promise(acme, 100, None), today())
            .unwrap_err(),
    );
    assert!(made_later.starts_with("made day "), "{made_later}");
    let touch = NewTouch {
        partner_id: acme,
        on: day(100),
        kind: TouchKind::Call,
        initiated_by: Initiator::Us,
        summary: "call".into(),
        bad_news: false,
    };
    let err = message(store.add_touch(&touch, today()).unwrap_err());
    assert!(
        err.starts_with(&format!("touch day {} is after today", day(100))),
        "{err}"
    );
    let problem = NewProblem {
        partner_id: acme,
        opened_on: day(35),
        summary: "late delivery".into(),
        severity: 2,
        reaction: 4,
    };
    let err = message(store.add_problem(&problem, today()).unwrap_err());
    assert!(err.starts_with("problem day "), "{err}");
    assert!(store.commitments(Default::default()).unwrap().is_empty());
    assert!(store.touches(None, None, 10).unwrap().is_empty());
    assert!(store.problems(None, false).unwrap().is_empty());

    // Today and earlier are fine, and so is a due day after today.
    store
        .add_commitment(&promise(acme, 0, Some(30)), today())
        .unwrap();
    store
        .add_touch(
            &NewTouch {
                on: today(),
                ..touch
            },
            today(),
        )
        .unwrap();
}

#[test]
fn an_edit_cannot_make_a_commitment_due_before_it_was_made() {
    let (_d, mut store, acme) = book();
    let c = store
        .add_commitment(&promise(acme, -10, Some(5)), today())
        .unwrap();
    let mut edited = store.commitment(c).unwrap();
    edited.due_on = Some(day(-11));
    let err = message(store.edit_commitment(&edited, today()).unwrap_err());
    assert_eq!(
        err,
        format!(
            "the new due day {} is before the day it was made ({})",
            day(-11),
            day(-10)
        )
    );
    assert_eq!(store.commitment(c).unwrap().due_on, Some(day(5)));
}

#[test]
fn reviews_of_several_commitments_are_all_or_nothing() {
    let (_d, mut store, acme) = book();
    let care = store
        .add_commitment(&promise(acme, -30, None), today())
        .unwrap();
    let feedback = store
        .add_commitment(&promise(acme, -30, None), today())
        .unwrap();
    let dated = store
        .add_commitment(&promise(acme, -30, Some(5)), today())
        .unwrap();
    let events = store.events(100).unwrap().len();
    let refused = |store: &mut Store, ids: &[i64]| {
        message(
            store
                .add_reviews(ids, Verdict::Honoured, today(), "", today())
                .unwrap_err(),
        )
    };
    let err = refused(&mut store, &[care, feedback, dated]);
    assert!(
        err.starts_with(&format!("commitment {dated} (\"Send pricing\") is dated")),
        "{err}"
    );
    let err = refused(&mut store, &[care, 999]);
    assert_eq!(err, "no commitment with id 999");
    let err = refused(&mut store, &[care, feedback, care]);
    assert!(
        err.contains(&format!("commitment {care} is named twice")),
        "{err}"
    );
    assert!(
        store.reviews(acme).unwrap().is_empty(),
        "nothing was written"
    );
    assert_eq!(store.events(100).unwrap().len(), events);
    let err = message(
        store
            .add_reviews(&[care], Verdict::Honoured, day(1), "", today())
            .unwrap_err(),
    );
    assert!(err.starts_with("review day "), "{err}");

    let done = store
        .add_reviews(&[care, feedback], Verdict::Honoured, today(), "", today())
        .unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(store.reviews(acme).unwrap().len(), 2);
}

#[test]
fn a_brave_conversation_is_recorded_once() {
    let (_d, mut store, acme) = book();
    let p = store
        .add_problem(
            &NewProblem {
                partner_id: acme,
                opened_on: day(-20),
                summary: "late delivery".into(),
                severity: 2,
                reaction: 5,
            },
            today(),
        )
        .unwrap();
    let err = message(
        store
            .brave_conversation(p, day(-21), "too early", today())
            .unwrap_err(),
    );
    assert_eq!(
        err,
        format!(
            "brave conversation day {} is before the problem day {}",
            day(-21),
            day(-20)
        )
    );
    store
        .brave_conversation(p, day(-10), "talked it through", today())
        .unwrap();
    let err = message(
        store
            .brave_conversation(p, today(), "again", today())
            .unwrap_err(),
    );
    assert_eq!(
        err,
        format!(
            "problem {p}: the brave conversation is already recorded (on {}): nothing changed",
            day(-10)
        )
    );
    let kept = &store.problems(Some(acme), false).unwrap()[0];
    assert_eq!(kept.brave_conversation_on, Some(day(-10)));
    assert_eq!(kept.brave_note, "talked it through");

    store.resolve_problem(p, today(), today()).unwrap();
    let err = message(store.resolve_problem(p, today(), today()).unwrap_err());
    assert!(err.contains("is already resolved"), "{err}");
}

/// The copies of `book.db` kept aside by restores, by name.
fn kept_aside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("book.db.before-restore"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_restore_refuses_the_book_itself_and_changes_nothing() {
    let (dir, mut store, _) = book();
    let path = dir.path().join("book.db");
    let events = store.events(100).unwrap().len();
    let err = message(store.restore_from(&path).unwrap_err());
    assert_eq!(
        err,
        "the backup to restore cannot be the book itself: choose a backup file"
    );
    // Named another way, it is still the book.
    let roundabout = dir.path().join(".").join("book.db");
    assert!(store.restore_from(&roundabout).is_err());
    assert_eq!(store.events(100).unwrap().len(), events);
    assert!(kept_aside(dir.path()).is_empty());
}

#[test]
fn each_restore_keeps_the_book_aside_under_a_new_name() {
    let (dir, mut store, _) = book();
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup, false).unwrap();

    store
        .add_partner(&NewPartner::named("Second", today()))
        .unwrap();
    let first = store.restore_from(&backup).unwrap().previous.unwrap();
    store
        .add_partner(&NewPartner::named("Third", today()))
        .unwrap();
    // Most likely within the same second as the first restore: a numbered name.
    let second = store.restore_from(&backup).unwrap().previous.unwrap();
    assert_ne!(first, second);
    assert_eq!(kept_aside(dir.path()).len(), 2);
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("book.db.before-restore-20") && name.contains('T'),
        "{name}"
    );

    // Each copy holds the book as it was before its own restore.
    let names = |file: &Path| -> Vec<String> {
        let scratch = tempfile::tempdir().unwrap();
        let mut s = open(&scratch.path().join("scratch.db"));
        s.restore_from(file).unwrap();
        let mut names: Vec<String> = s
            .partners(true)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&first), ["Acme", "Second"]);
    assert_eq!(names(&second), ["Acme", "Third"]);
}

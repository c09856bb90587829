//! The dashboard's forms and keys meet the same rules as the command line: days in order and
//! not after today, and a closed commitment is not closed again (undo still reopens it).

mod common;

use common::{app, book, drive, today, type_text};
use pactum::app::{App, Notice, Overlay};
use pactum::domain::{Side, Status};
use pactum::store::{CommitmentFilter, Store};

/// An app on a book with one partner, Acme.
fn acme() -> (tempfile::TempDir, Store, App) {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    (dir, store, app)
}

/// Replaces the focused field's text.
fn retype(app: &mut App, store: &mut Store, text: &str) {
    for _ in 0..12 {
        drive(app, store, &["backspace"]);
    }
    type_text(app, store, text);
}

fn form_error(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Form(form)) => form.error.clone().unwrap_or_default(),
        other => panic!("the form closed: {other:?} {:?}", app.notice),
    }
}

#[test]
fn a_touch_or_problem_after_today_is_refused_in_the_form() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["t", "tab", "tab"]);
    type_text(&mut app, &mut store, "Planning call");
    drive(&mut app, &mut store, &["tab"]);
    retype(&mut app, &mut store, "+3d");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(
        form_error(&app),
        "touch day 2026-11-30 is after today (2026-11-27): record it once it has happened"
    );
    drive(&mut app, &mut store, &["esc", "p"]);
    type_text(&mut app, &mut store, "Late delivery");
    drive(&mut app, &mut store, &["tab", "tab", "tab"]);
    retype(&mut app, &mut store, "+1w");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(
        form_error(&app),
        "problem day 2026-12-04 is after today (2026-11-27): record it once it has happened"
    );
    assert!(store.touches(None, None, 10).unwrap().is_empty());
    assert!(store.problems(None, false).unwrap().is_empty());
}

#[test]
fn a_commitment_due_before_today_is_refused_in_the_form() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Deck");
    drive(&mut app, &mut store, &["tab", "tab"]);
    retype(&mut app, &mut store, "-3d");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(
        form_error(&app),
        "due day 2026-11-24 is before the made day 2026-11-27"
    );
    let Some(Overlay::Form(form)) = &app.overlay else {
        unreachable!()
    };
    assert_eq!(form.fields[0].value(), "Deck", "what was typed is kept");
    assert!(
        store
            .commitments(CommitmentFilter::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn keep_undo_and_keep_again_and_a_stale_keep_is_refused_by_the_book() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Deck");
    drive(&mut app, &mut store, &["enter", "K"]);
    let status = |store: &Store| store.commitments(CommitmentFilter::default()).unwrap()[0].status;
    assert_eq!(status(&store), Status::Kept);
    drive(&mut app, &mut store, &["u"]);
    assert_eq!(status(&store), Status::Open, "undo reopened it");
    drive(&mut app, &mut store, &["K"]);
    assert_eq!(status(&store), Status::Kept, "kept again after the undo");
    drive(&mut app, &mut store, &["u"]);
    assert_eq!(status(&store), Status::Open);

    // Another session releases it; this screen still shows it open, and K is refused.
    let id = app.side(Side::Ours)[0].id;
    let mut other = Store::open(store.path(), "colleague").unwrap();
    other
        .set_status(id, Status::Released, today(), today())
        .unwrap();
    drive(&mut app, &mut store, &["K"]);
    assert!(
        matches!(&app.notice, Some(Notice::Error(m))
            if m == &format!("commitment {id} is already released (on {}): nothing changed", today())),
        "{:?}",
        app.notice
    );
    assert_eq!(status(&store), Status::Released);
}

//! The frequent forms by the keys a hand presses, counted beyond the typed text, each checked
//! against the record it stores: log a meeting they started in 4, sign a prospect in 4, open a
//! problem with its severity and reaction in 5, re-date in 2 plus the date.

mod common;

use common::{app, book, drive, today, type_text};
use pactum::app::{App, Mode, Overlay, Pane};
use pactum::domain::dates::shift;
use pactum::domain::{Initiator, Side, Stage, TouchKind};
use pactum::store::{CommitmentFilter, Store};

/// An app on a book with one partner, Acme, a prospect.
fn acme() -> (tempfile::TempDir, Store, App) {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    (dir, store, app)
}

/// Presses `before`, types `typed`, presses `after`; returns the keys pressed beyond the text.
fn flow(app: &mut App, store: &mut Store, before: &[&str], typed: &str, after: &[&str]) -> usize {
    drive(app, store, before);
    type_text(app, store, typed);
    drive(app, store, after);
    before.len() + after.len()
}

fn form_error(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Form(form)) => form.error.clone(),
        _ => None,
    }
}

#[test]
fn a_meeting_they_started_is_logged_in_four_keys() {
    let (_dir, mut store, mut app) = acme();
    let keys = flow(
        &mut app,
        &mut store,
        &["t", "m", "t"],
        "Kick-off",
        &["enter"],
    );
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    assert!(keys <= 4, "{keys} keys");
    let touch = &store.touches(None, None, 10).unwrap()[0];
    assert_eq!(touch.kind, TouchKind::Meeting);
    assert_eq!(touch.initiated_by, Initiator::Them);
    assert_eq!(touch.summary, "Kick-off");
    assert_eq!(touch.on, today());
    assert!(!touch.bad_news);
}

#[test]
fn a_call_of_ours_keeps_the_picks_with_tab_and_a_second_letter_goes_on() {
    let (_dir, mut store, mut app) = acme();
    flow(
        &mut app,
        &mut store,
        &["t", "tab", "tab"],
        "Checked in",
        &["enter"],
    );
    // m picks meeting and moves on; back on Kind, m again goes on to message. An email from
    // them a week ago that told them of a delay: the date words as on the command line.
    flow(
        &mut app,
        &mut store,
        &["t", "m", "backtab", "m", "t"],
        "Slack ping",
        &["enter"],
    );
    flow(
        &mut app,
        &mut store,
        &["t", "e", "t"],
        "Delay",
        &["tab", "-", "1", "w", "tab", "y", "enter"],
    );
    let touches = store.touches(None, None, 10).unwrap();
    let by_summary = |s: &str| touches.iter().find(|t| t.summary == s).unwrap();
    let call = by_summary("Checked in");
    assert_eq!(
        (call.kind, call.initiated_by),
        (TouchKind::Call, Initiator::Us)
    );
    let message = by_summary("Slack ping");
    assert_eq!(message.kind, TouchKind::Message);
    let email = by_summary("Delay");
    assert_eq!(
        (email.kind, email.on, email.bad_news),
        (TouchKind::Email, shift(today(), -7), true)
    );
}

#[test]
fn a_key_that_picks_nothing_says_which_keys_do_and_changes_nothing() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["t", "z"]);
    let error = form_error(&app).unwrap_or_default();
    assert!(
        error.contains("m meeting") && error.contains("←/→"),
        "{error}"
    );
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form closed")
    };
    assert_eq!(
        (form.focus, form.fields[0].value()),
        (0, "call".to_string())
    );
    drive(&mut app, &mut store, &["right", "right", "left"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form closed")
    };
    assert_eq!(form.fields[0].value(), "meeting", "arrows step in place");
    assert_eq!(form.focus, 0);
}

#[test]
fn a_prospect_is_signed_in_four_keys_and_signed_today() {
    let (_dir, mut store, mut app) = acme();
    let keys = flow(&mut app, &mut store, &["E", "tab", "s"], "", &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    assert!(keys <= 5, "{keys} keys");
    let acme = store.partner(app.data.rows[0].id).unwrap();
    assert_eq!(acme.stage, Stage::Signed);
    assert_eq!(acme.signed_on, Some(today()));
}

#[test]
fn a_problem_with_severity_and_reaction_takes_five_keys() {
    let (_dir, mut store, mut app) = acme();
    let keys = flow(
        &mut app,
        &mut store,
        &["p"],
        "Invoice dispute",
        &["tab", "2", "5", "enter"],
    );
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    assert!(keys <= 6, "{keys} keys");
    let problem = &store.problems(None, false).unwrap()[0];
    assert_eq!((problem.severity, problem.reaction), (2, 5));
    assert_eq!(problem.opened_on, today());
}

#[test]
fn a_rating_takes_only_one_to_five_and_arrows_stop_at_the_ends() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["p"]);
    type_text(&mut app, &mut store, "Outage");
    drive(&mut app, &mut store, &["tab", "7"]);
    assert!(
        form_error(&app)
            .unwrap_or_default()
            .contains("1, 2, 3, 4, 5")
    );
    drive(
        &mut app,
        &mut store,
        &[
            "right", "right", "right", "right", "tab", "left", "left", "enter",
        ],
    );
    let problem = &store.problems(None, false).unwrap()[0];
    assert_eq!((problem.severity, problem.reaction), (5, 1));
}

#[test]
fn a_new_commitment_is_selected_and_redated_in_two_keys_plus_the_date() {
    let (_dir, mut store, mut app) = acme();
    // A new partner is the selected one: `a` speaks of it.
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Zeta");
    drive(&mut app, &mut store, &["enter", "a"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("no form")
    };
    assert_eq!(form.title, "New commitment with Zeta");
    type_text(&mut app, &mut store, "Send the deck");
    drive(&mut app, &mut store, &["tab", "t", "enter"]);
    assert_eq!(app.pane, Pane::Theirs, "the new commitment is selected");
    let made = app.selected_commitment().expect("selected").clone();
    assert_eq!(
        (made.title.as_str(), made.side),
        ("Send the deck", Side::Theirs)
    );

    let keys = flow(&mut app, &mut store, &["d"], "+3w", &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    assert!(keys <= 3, "{keys} keys");
    let due = |store: &Store| {
        store
            .commitments(CommitmentFilter::default())
            .unwrap()
            .into_iter()
            .find(|c| c.id == made.id)
            .unwrap()
            .due_on
    };
    assert_eq!(due(&store), Some(shift(today(), 21)));
    // Filled in with the due day, → steps it a day later.
    let keys = flow(&mut app, &mut store, &["d", "right", "enter"], "", &[]);
    assert_eq!(keys, 3);
    assert_eq!(due(&store), Some(shift(today(), 22)));
}

#[test]
fn a_date_steps_while_as_filled_in_and_the_cursor_moves_once_typed_into() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["t", "tab", "tab"]);
    type_text(&mut app, &mut store, "Lunch");
    drive(&mut app, &mut store, &["tab", "left", "left"]);
    let on = |app: &App| match &app.overlay {
        Some(Overlay::Form(form)) => form.fields[3].value(),
        _ => panic!("form closed"),
    };
    assert_eq!(on(&app), shift(today(), -2).to_string());
    // Typing replaces the stepped day; then ← moves the cursor to fix a digit.
    type_text(&mut app, &mut store, "-3d");
    drive(&mut app, &mut store, &["left", "backspace"]);
    type_text(&mut app, &mut store, "4");
    assert_eq!(on(&app), "-4d");
    drive(&mut app, &mut store, &["alt-right", "enter"]);
    assert_eq!(app.mode(), Mode::Dashboard, "{:?}", form_error(&app));
    let touch = &store.touches(None, None, 10).unwrap()[0];
    assert_eq!(touch.on, shift(today(), -3), "alt-→ steps a typed date too");
}

#[test]
fn a_filled_in_value_is_replaced_by_the_first_key_and_ctrl_u_clears_it() {
    let (_dir, mut store, mut app) = acme();
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Beta");
    drive(&mut app, &mut store, &["tab", "tab", "tab"]);
    type_text(&mut app, &mut store, "7");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    let beta = app.selected_row().expect("Beta is selected").id;
    assert_eq!(store.partner(beta).unwrap().update_every_days, 7);
    // Edit: the name is filled in; ctrl-e then typing adds to it, ctrl-w takes back a word,
    // ctrl-a goes to the start, ctrl-u clears what stands before the cursor.
    let name = |app: &App| match &app.overlay {
        Some(Overlay::Form(form)) => form.fields[0].value(),
        _ => panic!("form closed"),
    };
    drive(&mut app, &mut store, &["E", "ctrl-e"]);
    type_text(&mut app, &mut store, " Holdings");
    assert_eq!(name(&app), "Beta Holdings");
    drive(&mut app, &mut store, &["ctrl-w"]);
    type_text(&mut app, &mut store, "Group");
    drive(&mut app, &mut store, &["ctrl-a"]);
    type_text(&mut app, &mut store, "The ");
    assert_eq!(name(&app), "The Beta Group");
    drive(&mut app, &mut store, &["ctrl-u"]);
    assert_eq!(name(&app), "Beta Group");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", form_error(&app));
    assert_eq!(store.partner(beta).unwrap().name, "Beta Group");
}

//! Problems, contacts, the charter and first-meeting promises, recorded by keys through
//! `update` and the real keymap.

mod common;

use common::{app, book, drive, press, today, type_text};
use pactum::app::{Mode, Notice, Overlay, Screen};
use pactum::domain::{Origin, Side};
use pactum::store::CommitmentFilter;

/// Moves Today's cursor to the line about a problem.
fn to_the_brave_line(app: &mut pactum::app::App) {
    for _ in 0..200 {
        let Screen::Reader(r) = &app.screen else {
            panic!("Today is not open")
        };
        let at = r.doc.targets()[r.cursor];
        if r.doc.lines[at].target.and_then(|t| t.problem_id).is_some() {
            return;
        }
        press(app, &["j"]);
    }
    panic!("no line awaits a brave conversation");
}

#[test]
fn the_brave_conversation_is_recorded_from_today_in_two_keys_and_a_note() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["T"]);
    to_the_brave_line(&mut app);
    // The keys: B, the note, enter.
    drive(&mut app, &mut store, &["B"]);
    assert_eq!(app.mode(), Mode::Form);
    type_text(&mut app, &mut store, "Walked their COO through the fix");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    let faced = store
        .problems(None, false)
        .unwrap()
        .into_iter()
        .find(|p| p.brave_conversation_on == Some(today()))
        .expect("a brave conversation was recorded");
    assert_eq!(faced.brave_conversation_on, Some(today()));
    assert_eq!(faced.brave_note, "Walked their COO through the fix");
    let Screen::Reader(today_screen) = &app.screen else {
        panic!("Today stays open")
    };
    assert!(
        today_screen
            .doc
            .plain()
            .contains("Awaiting a brave conversation (0)"),
        "Today was read again without the line: {}",
        today_screen.doc.plain()
    );
    // u undoes it, from Today.
    drive(&mut app, &mut store, &["u"]);
    let undone = store.problems(None, false).unwrap();
    let again = undone.iter().find(|p| p.id == faced.id).unwrap();
    assert_eq!(again.brave_conversation_on, None);
}

#[test]
fn on_a_line_that_is_not_a_problem_b_says_so() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["T", "B"]);
    assert_eq!(app.overlay, None);
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("not a problem")));
}

#[test]
fn a_problem_is_faced_then_resolved_from_the_dashboard() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter", "S"]);
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("no open problem")));
    drive(&mut app, &mut store, &["p"]);
    type_text(&mut app, &mut store, "Invoice sent twice");
    // A digit sets a rating and moves on: severity 1, reaction 5.
    drive(&mut app, &mut store, &["tab", "1", "5", "enter"]);
    assert_eq!(app.data.problems.len(), 1, "{:?}", app.notice);
    let pane = app.health_doc(60).unwrap().plain();
    assert!(pane.contains("awaiting a brave conversation"), "{pane}");

    drive(&mut app, &mut store, &["B"]);
    type_text(&mut app, &mut store, "Agreed a second check on invoices");
    drive(&mut app, &mut store, &["enter"]);
    let pane = app.health_doc(60).unwrap().plain();
    assert!(pane.contains("Agreed a second check on invoices"), "{pane}");
    drive(&mut app, &mut store, &["B"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("no open problem awaits")),
        "{:?}",
        app.notice
    );

    drive(&mut app, &mut store, &["S", "enter"]);
    assert!(app.data.problems.is_empty(), "{:?}", app.notice);
    assert!(
        store.problems(None, false).unwrap()[0]
            .resolved_on
            .is_some()
    );
}

#[test]
fn a_wrong_problem_number_keeps_the_form_and_says_which_are_open() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["T"]);
    to_the_brave_line(&mut app);
    drive(&mut app, &mut store, &["B"]);
    type_text(&mut app, &mut store, "note");
    drive(
        &mut app,
        &mut store,
        &["tab", "backspace", "backspace", "backspace"],
    );
    type_text(&mut app, &mut store, "999");
    drive(&mut app, &mut store, &["enter"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form stays open")
    };
    assert!(
        form.error
            .as_deref()
            .unwrap_or("")
            .contains("not an open problem")
    );
    assert_eq!(form.fields[0].value(), "note", "nothing typed is lost");
}

#[test]
fn a_first_meeting_is_captured_without_leaving_the_dashboard() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("A: state the first-meeting charter")),
        "{:?}",
        app.notice
    );

    // The charter: the first intention and the second expectation picked, one free item.
    drive(&mut app, &mut store, &["A"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the charter step")
    };
    let intentions = app.charter.intentions.len();
    assert_eq!(
        form.fields.len(),
        intentions + app.charter.expectations.len() + 2
    );
    // `y` picks yes and moves on to the next item.
    drive(&mut app, &mut store, &["y"]);
    for _ in 0..intentions {
        drive(&mut app, &mut store, &["tab"]);
    }
    drive(&mut app, &mut store, &["y"]);
    // From the third expectation on to "More of ours", after the last expectation.
    for _ in 2..app.charter.expectations.len() {
        drive(&mut app, &mut store, &["tab"]);
    }
    type_text(&mut app, &mut store, "Weekly call; Shared roadmap");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    let charter = store.commitments(CommitmentFilter::default()).unwrap();
    let titles: Vec<(Side, &str)> = charter.iter().map(|c| (c.side, c.title.as_str())).collect();
    assert!(titles.contains(&(Side::Ours, app.charter.intentions[0].as_str())));
    assert!(titles.contains(&(Side::Ours, "Weekly call")));
    assert!(titles.contains(&(Side::Ours, "Shared roadmap")));
    assert!(titles.contains(&(Side::Theirs, app.charter.expectations[1].as_str())));
    assert_eq!(charter.len(), 4);
    assert!(
        charter
            .iter()
            .all(|c| c.ongoing && c.origin == Origin::FirstMeeting)
    );

    // u takes the whole charter back, and u again puts it back.
    drive(&mut app, &mut store, &["u"]);
    assert!(
        store
            .commitments(CommitmentFilter::default())
            .unwrap()
            .is_empty()
    );
    drive(&mut app, &mut store, &["u"]);
    assert_eq!(
        store
            .commitments(CommitmentFilter::default())
            .unwrap()
            .len(),
        4
    );

    // A contact to call.
    drive(&mut app, &mut store, &["C"]);
    type_text(&mut app, &mut store, "Dana Reyes");
    drive(&mut app, &mut store, &["tab"]);
    type_text(&mut app, &mut store, "ops director");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.data.contacts.len(), 1, "{:?}", app.notice);

    // A dated promise each way, made at the first meeting (the partner was added today), and a
    // one-off expectation with no due day.
    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Send pricing");
    drive(&mut app, &mut store, &["enter", "tab", "a"]);
    type_text(&mut app, &mut store, "Approve the pilot");
    drive(&mut app, &mut store, &["enter", "a"]);
    type_text(&mut app, &mut store, "Access to their ops director");
    drive(
        &mut app,
        &mut store,
        &["tab", "tab", "ctrl-a", "delete", "delete", "delete"],
    );
    drive(&mut app, &mut store, &["enter"]);
    let all = store.commitments(CommitmentFilter::default()).unwrap();
    let made = |title: &str| all.iter().find(|c| c.title == title).unwrap().clone();
    let pricing = made("Send pricing");
    assert_eq!(
        (pricing.side, pricing.origin),
        (Side::Ours, Origin::FirstMeeting)
    );
    assert_eq!(pricing.due_on, Some(today() + chrono::Days::new(7)));
    let pilot = made("Approve the pilot");
    assert_eq!(
        (pilot.side, pilot.origin),
        (Side::Theirs, Origin::FirstMeeting)
    );
    let access = made("Access to their ops director");
    assert_eq!(
        (access.due_on, access.ongoing),
        (None, false),
        "a one-off with no due day"
    );
}

#[test]
fn contacts_are_stepped_through_edited_and_an_emptied_name_removes_one_until_undone() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter", "W"]);
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("C adds one")));
    for name in ["Dana", "Lee"] {
        drive(&mut app, &mut store, &["C"]);
        type_text(&mut app, &mut store, name);
        drive(&mut app, &mut store, &["enter"]);
    }
    drive(&mut app, &mut store, &["W"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the contact form")
    };
    assert!(form.title.starts_with("Contact 1 of 2"), "{}", form.title);
    drive(&mut app, &mut store, &["esc", "W"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the contact form")
    };
    assert_eq!(form.fields[0].value(), "Lee");
    drive(&mut app, &mut store, &["tab"]);
    type_text(&mut app, &mut store, "CFO");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.data.contacts[1].role, "CFO");

    drive(&mut app, &mut store, &["W"]);
    for _ in 0.."Dana".len() {
        drive(&mut app, &mut store, &["backspace"]);
    }
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.data.contacts.len(), 1, "{:?}", app.notice);
    drive(&mut app, &mut store, &["u"]);
    assert_eq!(app.data.contacts.len(), 2, "undo put Dana back");
}

#[test]
fn an_ongoing_item_with_a_due_day_is_refused_in_the_form() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Regular feedback");
    drive(
        &mut app,
        &mut store,
        &["tab", "tab", "tab", "tab", "backspace"],
    );
    type_text(&mut app, &mut store, "y");
    drive(&mut app, &mut store, &["enter"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form stays open")
    };
    assert!(form.error.as_deref().unwrap_or("").contains("no due day"));
}

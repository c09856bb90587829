//! The update and the plan in the dashboard, by keys through the real keymap: U drafts it and
//! asks for the editor, y copies only when OSC 52 is enabled (one effect, the whole text), r
//! records it; with no editor it is edited in place.

mod common;

use common::{app, book, drive, press, run, type_text};
use pactum::app::letter::{LetterKind, osc52};
use pactum::app::{Action, Effect, Mode, Notice, Overlay, update};
use pactum::domain::TouchKind;

fn select(app: &mut pactum::app::App, name: &str) {
    let id = app
        .data
        .rows
        .iter()
        .find(|r| r.name.starts_with(name))
        .unwrap()
        .id;
    app.select_partner(id);
}

fn letter_text(app: &pactum::app::App) -> String {
    match &app.overlay {
        Some(Overlay::Letter(l)) => l.text.clone(),
        other => panic!("no letter open: {other:?}"),
    }
}

#[test]
fn u_drafts_the_update_and_hands_it_to_the_editor() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    select(&mut app, "Lumen");
    let effects = press(&mut app, &["U"]);
    let id = app.selected_row().unwrap().id;
    assert_eq!(effects, vec![Effect::DraftUpdate(id)]);
    run(&mut app, &mut store, effects);
    assert_eq!(app.mode(), Mode::Letter);
    let text = letter_text(&app);
    assert!(
        text.starts_with("Lumen Health Partners: our update of"),
        "{text}"
    );
    assert!(text.find("What slipped").unwrap() < text.find("Thank you").unwrap());
    // The editor comes back with an edited text: it is what will be sent.
    update(
        &mut app,
        Action::Edited(Ok(Some(format!("{text}\nP.S. see you Tuesday\n")))),
    );
    assert!(letter_text(&app).contains("P.S. see you Tuesday"));
    // A failing editor leaves the draft as it was, and says why.
    update(
        &mut app,
        Action::Edited(Err(
            "the editor exited with status 1; the draft is as it was".into(),
        )),
    );
    assert!(letter_text(&app).contains("P.S. see you Tuesday"));
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("status 1")));
}

#[test]
fn copying_sends_one_osc52_only_when_enabled() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["U"]);
    let text = letter_text(&app);
    let effects = press(&mut app, &["y"]);
    assert!(effects.is_empty(), "off by default: {effects:?}");
    assert!(
        matches!(&app.notice, Some(Notice::Error(e)) if e.contains("osc52 = true") && e.contains("w writes"))
    );
    app.osc52 = true;
    let effects = press(&mut app, &["y"]);
    assert_eq!(effects, vec![Effect::Copy(text.clone())]);
    let seq = osc52(&text);
    assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
    assert_eq!(seq.matches('\x1b').count(), 1, "one sequence");
    assert!(
        seq["\x1b]52;c;".len()..seq.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    );
}

#[test]
fn r_records_the_update_as_sent_and_closes_it() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    select(&mut app, "Lumen");
    drive(&mut app, &mut store, &["U", "r"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("as bad news")));
    let id = app.selected_row().unwrap().id;
    let t = store.touches(Some(id), None, 1).unwrap().remove(0);
    assert_eq!((t.kind, t.bad_news), (TouchKind::Update, true));
    assert!(t.body.contains("What slipped"));
    // u undoes the record, as any change.
    drive(&mut app, &mut store, &["u"]);
    assert_ne!(store.touches(Some(id), None, 1).unwrap()[0].id, t.id);
}

#[test]
fn with_no_editor_the_letter_is_edited_in_place() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["U"]);
    update(&mut app, Action::Edited(Ok(None)));
    assert_eq!(app.mode(), Mode::LetterText);
    type_text(&mut app, &mut store, "Dear all");
    drive(&mut app, &mut store, &["enter"]);
    drive(&mut app, &mut store, &["ctrl-s"]);
    assert_eq!(app.mode(), Mode::Letter);
    assert!(
        letter_text(&app).starts_with("Dear all\n"),
        "{}",
        letter_text(&app)
    );
    // esc in the choices closes it; nothing is recorded.
    drive(&mut app, &mut store, &["esc"]);
    assert_eq!(app.overlay, None);
}

#[test]
fn s_in_the_brief_shows_the_plan_and_w_offers_an_html_file() {
    let (dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["b", "V"]);
    let Some(Overlay::Letter(letter)) = &app.overlay else {
        panic!("no plan: {:?}", app.notice)
    };
    assert!(matches!(letter.kind, LetterKind::Plan { .. }));
    assert!(letter.text.starts_with("# Our plan with"));
    press(&mut app, &["w"]);
    assert_eq!(app.mode(), Mode::Form, "the file name is asked for");
    let path = dir.path().join("plan.html");
    // Replace the offered name with ours.
    for _ in 0..60 {
        press(&mut app, &["backspace"]);
    }
    type_text(&mut app, &mut store, &path.display().to_string());
    drive(&mut app, &mut store, &["enter"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.starts_with("wrote ")),
        "{:?}",
        app.notice
    );
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
}

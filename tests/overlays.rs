//! The `/` filter shows the highlighted match's ledger; the conflict overlay merges edits to
//! different fields and shows differing fields in full; help explains the words.

mod common;

use common::{app, book, drive, type_text};
use pactum::app::{App, Mode, Overlay};

fn shown(app: &App) -> String {
    app.data
        .partner
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

#[test]
fn the_filter_shows_the_highlighted_match_and_esc_goes_back() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["j"]);
    let before = shown(&app);
    drive(&mut app, &mut store, &["/"]);
    assert_eq!(shown(&app), before, "nothing typed: the same partner");
    type_text(&mut app, &mut store, "oakridge");
    assert!(shown(&app).starts_with("Oakridge"), "{}", shown(&app));
    drive(&mut app, &mut store, &["esc"]);
    assert_eq!(app.mode(), Mode::Dashboard);
    assert_eq!(shown(&app), before, "esc goes back to the partner selected");
    assert_eq!(app.selected, 1);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, "saltmarsh");
    drive(&mut app, &mut store, &["enter"]);
    assert!(shown(&app).starts_with("Saltmarsh"));
    assert!(app.selected_row().unwrap().name.starts_with("Saltmarsh"));
    assert_eq!(app.overlay, None::<Overlay>);
}

/// A book with Acme, an app on it, and a second session's store on the same file.
fn two_sessions() -> (
    tempfile::TempDir,
    pactum::store::Store,
    App,
    pactum::store::Store,
) {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 80, 24);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    let other = pactum::store::Store::open(&dir.path().join("book.db"), "colleague").unwrap();
    (dir, store, app, other)
}

/// The other session saves the partner with `change` applied.
fn they_save(other: &mut pactum::store::Store, id: i64, change: impl Fn(&mut PartnerEdit)) {
    let p = other.partner(id).unwrap();
    let mut edit = PartnerEdit {
        id,
        version: p.version,
        name: p.name.clone(),
        stage: p.stage,
        signed_on: p.signed_on,
        update_every_days: p.update_every_days,
        desired_outcome: p.desired_outcome.clone(),
        their_goals: p.their_goals.clone(),
        their_constraints: p.their_constraints.clone(),
        owner: p.owner.clone(),
        tags: p.tags.clone(),
    };
    change(&mut edit);
    other.edit_partner(&edit).unwrap();
}

use pactum::store::PartnerEdit;

#[test]
fn edits_to_different_fields_merge_without_asking() {
    let (_dir, mut store, mut app, mut other) = two_sessions();
    let id = app.selected_row().unwrap().id;
    drive(&mut app, &mut store, &["E"]);
    they_save(&mut other, id, |e| e.update_every_days = 7);
    drive(&mut app, &mut store, &["tab", "e", "enter"]);
    assert_eq!(app.mode(), Mode::Dashboard, "no question asked");
    let acme = store.partner(id).unwrap();
    assert_eq!(acme.stage, pactum::domain::Stage::Engaged, "mine");
    assert_eq!(acme.update_every_days, 7, "theirs");
    assert!(
        matches!(&app.notice, Some(pactum::app::Notice::Info(m)) if m.contains("merged with another session's change to update every")),
        "{:?}",
        app.notice
    );
}

#[test]
fn a_commitment_kept_meanwhile_keeps_its_status_and_takes_my_title() {
    let (_dir, mut store, mut app, mut other) = two_sessions();
    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Deck");
    drive(&mut app, &mut store, &["enter", "e", "end"]);
    let id = app.selected_commitment().unwrap().id;
    other
        .set_status(
            id,
            pactum::domain::Status::Kept,
            common::today(),
            common::today(),
        )
        .unwrap();
    type_text(&mut app, &mut store, " v2");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.mode(), Mode::Dashboard, "{:?}", app.notice);
    let deck = store.commitment(id).unwrap();
    assert_eq!(deck.title, "Deck v2");
    assert_eq!(deck.status, pactum::domain::Status::Kept);
}

#[test]
fn a_real_conflict_shows_both_values_in_full_and_scrolls() {
    let (_dir, mut store, mut app, mut other) = two_sessions();
    let id = app.selected_row().unwrap().id;
    let long = "A signed pilot in the northern region with weekly reviews, shared dashboards, a joint \
                steering group and a renewal decided on the numbers, ending in";
    let long = long.repeat(3);
    drive(&mut app, &mut store, &["E", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, &mut store, &format!("{long} mine"));
    they_save(&mut other, id, |e| {
        e.desired_outcome = format!("{long} theirs");
        e.update_every_days = 30;
    });
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.mode(), Mode::Conflict);
    let Some(Overlay::Conflict(c)) = &app.overlay else {
        unreachable!()
    };
    assert_eq!(c.rows.len(), 1, "only the field both changed: {:?}", c.rows);
    assert_eq!(c.merged, vec!["update every".to_string()]);
    let screen = |app: &App| {
        pactum::commands::render::to_text(app, &pactum::ui::Theme { color: false }, 80, 24).unwrap()
    };
    let mut seen = screen(&app);
    assert!(
        !seen.contains("take theirs (drop mine)"),
        "taller than the screen: the keys are below\n{seen}"
    );
    for _ in 0..30 {
        drive(&mut app, &mut store, &["j"]);
        seen.push_str(&screen(&app));
    }
    for end in [
        "ending in mine",
        "ending in theirs",
        "take theirs (drop mine)",
    ] {
        assert!(seen.contains(end), "{end} never shown:\n{seen}");
    }
    let Some(Overlay::Conflict(c)) = &app.overlay else {
        unreachable!()
    };
    assert!(c.scroll > 0);
    drive(&mut app, &mut store, &["m"]);
    let acme = store.partner(id).unwrap();
    assert!(acme.desired_outcome.ends_with("mine"));
    assert_eq!(acme.update_every_days, 30, "their other change kept");
}

#[test]
fn help_explains_the_words_and_the_form_keys_at_its_end() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 40);
    drive(&mut app, &mut store, &["?"]);
    let plain = pactum::ui::Theme { color: false };
    let top = pactum::commands::render::to_text(&app, &plain, 100, 40).unwrap();
    assert!(top.contains("explained at the end (G)"), "{top}");
    drive(&mut app, &mut store, &["G"]);
    let end = pactum::commands::render::to_text(&app, &plain, 100, 40).unwrap();
    for word in [
        "charter",
        "care touch",
        "bad news",
        "slip",
        "brave conversation",
        "walk-away review",
        "too early",
        "ctrl-w",
    ] {
        assert!(end.contains(word), "{word} missing:\n{end}");
    }
}

//! Every screen at every size with hostile books: no panic, and no control or
//! bidi character from the book ever reaches a cell of the screen.
//!
//! Random books (proptest, 48 books, each of 21 screens at 3 sizes: two up to 200×60, one up to
//! 400×120), then a deterministic sweep on the demo book with hostile partners added: every width
//! 1..=200 at heights 1, 2, 5, 10, 24, 60 and every height 1..=60 at widths 1, 20, 40, 80, 200 for
//! the dashboard (1,500 sizes), every 3rd of them for Brief and a form, every 7th for the other
//! screens, and the extremes (1×1, 400×120, both sides of the minimum) for all. A longer run:
//! `PROPTEST_CASES=2000 cargo test --release --test safety_screens`.

mod common;
mod hostile;

use common::{app, drive, today, type_text};
use hostile::{assert_clean_screen, book, build, config, hostile_demo};
use pactum::app::{Action, App, update};
use pactum::commands::render::to_text;
use pactum::store::Store;
use pactum::ui::Theme;
use proptest::collection::vec;
use proptest::prelude::*;

const PLAIN: Theme = Theme { color: false };
const COLOR: Theme = Theme { color: true };

/// Every screen, by the keys that open it from the dashboard, and what is typed after.
const SCREENS: &[(&str, &[&str], &str)] = &[
    ("dashboard", &[], ""),
    ("closed shown, ledger focused", &["c", "tab", "G"], ""),
    ("health pane", &["tab", "tab", "tab", "G"], ""),
    ("today", &["T"], ""),
    ("today at the end", &["T", "G"], ""),
    ("brief", &["b"], ""),
    ("brief scrolled", &["b", "pagedown", "pagedown"], ""),
    ("timeline", &["L"], ""),
    ("explain", &["i"], ""),
    ("review", &["r"], ""),
    ("review all, mid-way", &["ctrl-r", "s", "k"], ""),
    ("help", &["?", "j", "j", "j"], ""),
    ("add partner form", &["P"], "Northwind"),
    ("add commitment form", &["a"], "Send the pricing sheet"),
    ("add problem form", &["p"], ""),
    ("edit partner form", &["E"], ""),
    ("edit commitment form", &["tab", "e"], ""),
    ("log touch form", &["t"], ""),
    ("end partner form", &["X"], ""),
    ("search", &["/"], "a"),
    ("mine only", &["m"], ""),
    ("charter step", &["A"], ""),
    ("contact form", &["C"], "Dana"),
    ("update draft", &["U"], ""),
    ("shared plan", &["V"], ""),
];

/// Opens `screen` on a fresh dashboard of the book.
fn open(store: &mut Store, keys: &[&str], typed: &str) -> App {
    let mut app = app(store, 80, 24);
    drive(&mut app, store, keys);
    type_text(&mut app, store, typed);
    app
}

/// Draws `app` at `w`×`h` (the app told of the size first, as the runtime does).
fn draw(app: &mut App, theme: &Theme, w: u16, h: u16, what: &str) -> String {
    update(
        app,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    let text = to_text(app, theme, w, h).unwrap_or_else(|e| panic!("{what} at {w}×{h}: {e}"));
    assert_clean_screen(&text, &format!("{what} at {w}×{h}"));
    text
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_screen_survives_random_books_at_random_sizes(
        spec in book(),
        sizes in vec((1u16..=200, 1u16..=60), 2),
        big in (1u16..=400, 1u16..=120),
    ) {
        let (_dir, mut store) = build(&spec, today());
        for (i, (name, keys, typed)) in SCREENS.iter().enumerate() {
            let mut app = open(&mut store, keys, typed);
            let theme = if i % 2 == 0 { &PLAIN } else { &COLOR };
            for (w, h) in sizes.iter().chain([&big]) {
                draw(&mut app, theme, *w, *h, name);
            }
        }
    }
}

/// The sizes of the deterministic sweep: every width at a few heights, every height at a few
/// widths.
fn sweep() -> Vec<(u16, u16)> {
    let mut sizes = Vec::new();
    for h in [1, 2, 5, 10, 24, 60] {
        sizes.extend((1..=200).map(|w| (w, h)));
    }
    for w in [1, 20, 40, 80, 200] {
        sizes.extend((1..=60).map(|h| (w, h)));
    }
    sizes
}

/// Sizes every screen is drawn at in the sweep: the extremes and both sides of the minimum.
const EDGES: &[(u16, u16)] = &[
    (1, 1),
    (400, 120),
    (400, 1),
    (1, 120),
    (300, 100),
    (39, 9),
    (39, 10),
    (40, 9),
    (40, 10),
    (41, 11),
];

/// Draws each of `screens`, opened on the hostile partner, at the sweep's sizes (every `step`th)
/// and at the edges.
fn sweep_screens(screens: &[(&str, &[&str], &str)], step: impl Fn(&str) -> usize) {
    let dir = hostile::tempdir();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    hostile_demo(&mut store, today());
    let sizes = sweep();
    for (name, keys, typed) in screens {
        // The hostile partner first: search for it, then open the screen on it.
        let mut app = app(&mut store, 80, 24);
        drive(&mut app, &mut store, &["/"]);
        type_text(&mut app, &mut store, "ACME");
        drive(&mut app, &mut store, &["enter"]);
        drive(&mut app, &mut store, keys);
        type_text(&mut app, &mut store, typed);
        for (w, h) in EDGES.iter().chain(sizes.iter().step_by(step(name))) {
            draw(&mut app, &PLAIN, *w, *h, name);
        }
        let shown = draw(&mut app, &PLAIN, 120, 40, name);
        assert!(
            !shown.contains("terminal too small"),
            "{name} at 120×40:\n{shown}"
        );
    }
}

#[test]
fn the_dashboard_at_every_size_with_hostile_names() {
    sweep_screens(&SCREENS[..1], |_| 1);
}

#[test]
fn every_other_screen_at_many_sizes_with_hostile_names() {
    sweep_screens(&SCREENS[1..], |name| match name {
        "brief" | "add commitment form" => 3,
        _ => 7,
    });
}

#[test]
fn the_hostile_partner_shows_in_caret_form() {
    let dir = hostile::tempdir();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    hostile_demo(&mut store, today());
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, "ACME");
    drive(&mut app, &mut store, &["enter"]);
    let dashboard = draw(&mut app, &PLAIN, 160, 40, "dashboard");
    assert!(dashboard.contains("ACME^[]0;owned"), "{dashboard}");
    drive(&mut app, &mut store, &["b"]);
    let brief = draw(&mut app, &PLAIN, 160, 40, "brief");
    assert!(
        brief.contains("Brief — ACME^[]0;owned^G^[[2J^[[31mFAKE"),
        "{brief}"
    );
    assert!(brief.contains("Pay 0001$ by ^[[2J Friday"), "{brief}");
    // The edit form shows the stored name in caret form too; the name is kept exactly unless
    // it is changed.
    drive(&mut app, &mut store, &["esc", "E"]);
    let form = draw(&mut app, &PLAIN, 160, 40, "edit partner form");
    assert!(form.contains("Edit ACME^[]0;owned^G"), "{form}");
    assert!(
        form.contains("│›Name            ACME^[]0;owned^G"),
        "{form}"
    );
}

#[test]
fn the_conflict_overlay_at_many_sizes_with_hostile_values() {
    let dir = hostile::tempdir();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    hostile_demo(&mut store, today());
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, "ACME");
    drive(&mut app, &mut store, &["enter", "E", "end"]);
    type_text(&mut app, &mut store, " mine");
    // Someone else saves the partner first, with a name of their own.
    let id = app.selected_row().expect("a partner").id;
    let theirs = store.partner(id).unwrap();
    store
        .edit_partner(&pactum::store::PartnerEdit {
            id,
            version: theirs.version,
            name: "ACME\u{202e}\x1b[31mTHEIRS\u{9b}".into(),
            stage: theirs.stage,
            signed_on: theirs.signed_on,
            update_every_days: theirs.update_every_days,
            desired_outcome: "\x1b]0;owned\x07".into(),
            their_goals: theirs.their_goals.clone(),
            their_constraints: theirs.their_constraints.clone(),
            owner: theirs.owner.clone(),
            tags: theirs.tags.clone(),
        })
        .unwrap();
    drive(&mut app, &mut store, &["enter"]);
    let shown = draw(&mut app, &PLAIN, 160, 40, "conflict");
    assert!(shown.contains("Someone else saved this first"), "{shown}");
    assert!(shown.contains("ACME^[[31mTHEIRS^[["), "{shown}");
    for (w, h) in EDGES.iter().chain(sweep().iter().step_by(7)) {
        draw(&mut app, &PLAIN, *w, *h, "conflict");
    }
}

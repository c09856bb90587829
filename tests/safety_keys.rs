//! The key handler under proptest (stable Rust has no cargo-fuzz): random keys through the real
//! keymap, typed hostile characters (a terminal without bracketed paste delivers a paste as
//! keys), pastes, clicks and resizes, performed against a hostile book. No panic; every frame
//! clean; fields and the search query within their limits.
//!
//! 128 sequences of up to 60 events. A longer run:
//! `PROPTEST_CASES=5000 cargo test --release --test safety_keys`.

mod common;
mod hostile;

use common::{press, run, today};
use hostile::{assert_clean_screen, config, hostile, hostile_char, hostile_demo};
use pactum::app::{Action, App, Keymap, Overlay, update};
use pactum::commands::render::to_text;
use pactum::domain::limits::NAME_MAX;
use pactum::store::Store;
use pactum::ui::Theme;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Every default key, and a few unbound ones.
const KEYS: &[&str] = &[
    "q",
    "j",
    "k",
    "g",
    "G",
    "h",
    "l",
    "tab",
    "backtab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "enter",
    "esc",
    "space",
    "backspace",
    "delete",
    "P",
    "E",
    "a",
    "e",
    "t",
    "p",
    "K",
    "M",
    "R",
    "H",
    "N",
    "c",
    "X",
    "u",
    "?",
    "D",
    "T",
    "b",
    "L",
    "i",
    "r",
    "ctrl-r",
    "/",
    "y",
    "n",
    "s",
    "o",
    "m",
    "ctrl-s",
    "ctrl-d",
    "ctrl-u",
    "ctrl-c",
    "x",
    "1",
    "-",
];

#[derive(Debug, Clone)]
enum Event {
    Key(&'static str),
    Type(char),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => select(KEYS).prop_map(Event::Key),
        3 => hostile_char().prop_map(Event::Type),
        1 => hostile().prop_map(Event::Paste),
        1 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0u16..200, 0u16..60).prop_map(|(c, r)| Event::Click(c, r)),
    ]
}

fn typed(c: char) -> Action {
    Action::Input(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char(c),
        ctrl: false,
        alt: false,
        shift: false,
    })
}

fn apply(app: &mut App, store: &mut Store, event: &Event) {
    let effects = match event {
        Event::Key(name) => press(app, &[name]),
        Event::Type(c) => update(app, typed(*c)),
        Event::Paste(text) => update(app, Action::Paste(text.clone())),
        Event::Resize(w, h) => update(
            app,
            Action::Resize {
                width: *w,
                height: *h,
            },
        ),
        Event::Click(column, row) => update(
            app,
            Action::Click {
                column: *column,
                row: *row,
            },
        ),
    };
    run(app, store, effects);
}

fn check(app: &App, step: usize) {
    let (w, h) = app.size;
    let screen = to_text(app, &Theme { color: true }, w, h).expect("rendering");
    assert_clean_screen(&screen, &format!("after event {step} at {w}×{h}"));
    if let Some(Overlay::Form(form)) = &app.overlay {
        for field in &form.fields {
            assert!(
                field.len() <= field.max,
                "{} holds {} characters, over {}",
                field.label,
                field.len(),
                field.max
            );
        }
    }
    if let Some(search) = &app.search {
        let n = search.query.chars().count();
        assert!(n <= NAME_MAX, "the search query holds {n} characters");
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn random_events_never_panic_or_leak_control_characters(events in vec(event(), 0..60)) {
        let dir = hostile::tempdir();
        let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
        hostile_demo(&mut store, today());
        let mut app = App::new(today(), Keymap::defaults());
        update(&mut app, Action::Resize { width: 100, height: 30 });
        let first = app.reload();
        run(&mut app, &mut store, vec![first]);
        for (step, event) in events.iter().enumerate() {
            apply(&mut app, &mut store, event);
            if step % 5 == 4 {
                check(&app, step);
            }
        }
        check(&app, events.len());
    }
}

#[test]
fn a_huge_paste_into_search_is_cut_at_the_limit() {
    let (_dir, mut store) = common::book(true);
    let mut app = common::app(&mut store, 100, 30);
    common::drive(&mut app, &mut store, &["/"]);
    update(&mut app, Action::Paste("\x1b[2J".repeat(10_000)));
    let query = &app.search.as_ref().expect("searching").query;
    assert_eq!(query.chars().count(), NAME_MAX);
    assert!(query.starts_with("^[[2J^[[2J"));
}

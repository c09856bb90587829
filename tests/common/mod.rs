//! Shared fixtures: a demo book on a temp file, an app driven by key names.
#![allow(dead_code)]

use chrono::NaiveDate;
use pactum::app::{Action, App, Effect, Key, Keymap, update};
use pactum::runtime;
use pactum::store::{DemoBook, Store};
use tempfile::TempDir;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// A temp book, empty or with the demo loaded.
pub fn book(with_demo: bool) -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    if with_demo {
        store
            .load_demo(&DemoBook::shipped().unwrap(), today())
            .unwrap();
    }
    (dir, store)
}

/// An app of `width`×`height` with the book loaded, as the runtime would start it.
pub fn app(store: &mut Store, width: u16, height: u16) -> App {
    let mut app = App::new(today(), Keymap::defaults());
    app.user = store.user().to_string();
    update(&mut app, Action::Resize { width, height });
    let first = app.reload();
    run(&mut app, store, vec![first]);
    app
}

/// Performs effects the way the runtime does, feeding reports back into `update`.
pub fn run(app: &mut App, store: &mut Store, mut effects: Vec<Effect>) {
    while let Some(effect) = effects.pop() {
        if let Some(report) = runtime::perform(
            store,
            today(),
            &pactum::domain::health::Rules::default(),
            effect,
        ) {
            effects.extend(update(app, report));
        }
    }
}

/// Presses keys by their keymap names ("j", "tab", "ctrl-d"); unbound keys in a form are typed.
/// Returns the effects of the last key without running them.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut last = Vec::new();
    for name in keys {
        let key = Key::parse(name).unwrap();
        let action = match app.keymap.action(app.mode(), key) {
            Some(a) => a.clone(),
            None => Action::Input(typed(key)),
        };
        last = update(app, action);
    }
    last
}

/// Presses keys and performs their effects against the book.
pub fn drive(app: &mut App, store: &mut Store, keys: &[&str]) {
    for name in keys {
        let effects = press(app, &[name]);
        run(app, store, effects);
    }
}

/// Types text into the focused form field, one key per character.
pub fn type_text(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        let effects = update(
            app,
            Action::Input(typed(Key::parse(&c.to_string()).unwrap())),
        );
        run(app, store, effects);
    }
}

fn typed(key: Key) -> ratatui_textarea::Input {
    use pactum::app::KeyCode as K;
    use ratatui_textarea::Key as T;
    let key_code = match key.code {
        K::Char(c) => T::Char(c),
        K::Backspace => T::Backspace,
        K::Enter => T::Enter,
        K::Left => T::Left,
        K::Right => T::Right,
        K::Delete => T::Delete,
        K::Home => T::Home,
        K::End => T::End,
        K::Up => T::Up,
        K::Down => T::Down,
        K::Tab => T::Tab,
        K::Esc => T::Esc,
        _ => T::Null,
    };
    ratatui_textarea::Input {
        key: key_code,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: false,
    }
}

/// Runs the real binary on `book` with today pinned to the fixtures' day.
pub fn pactum_on(book: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pactum"))
        .arg("--db")
        .arg(book)
        .args(["--today", "2026-11-27"])
        .args(args)
        .env_remove("PACTUM_DB")
        .output()
        .unwrap()
}

/// Bytes of an output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

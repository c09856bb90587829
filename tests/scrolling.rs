//! Scrolling stops where the text does: the Today cursor line is always fully on screen, the
//! reading screens end with their last line at the bottom, and the Health pane and the help
//! overlay stop when their last line shows. Driven by keys through the real keymap, checked on
//! the drawn screen.

mod common;

use common::{app, book, drive, today, type_text};
use pactum::app::layout::areas;
use pactum::app::{App, Screen};
use pactum::commands::render::to_text;
use pactum::store::{GenSpec, Store};
use pactum::ui::Theme;
use ratatui::layout::Rect;

const PLAIN: Theme = Theme { color: false };

fn drawn(app: &App) -> String {
    to_text(app, &PLAIN, app.size.0, app.size.1).unwrap()
}

/// Words separated by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text rows inside the reading screen's border (between the title and the status line),
/// without the border.
fn body_rows(screen: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let bottom = rows.len().saturating_sub(3);
    rows[2..bottom]
        .iter()
        .map(|r| {
            let inner: String = r.chars().skip(1).collect();
            inner.trim_end().trim_end_matches('│').to_string()
        })
        .collect()
}

/// The cells of `area` on a drawn screen, row by row, inside its border.
fn pane_rows(screen: &str, area: Rect) -> Vec<String> {
    screen
        .lines()
        .skip(usize::from(area.y) + 1)
        .take(usize::from(area.height.saturating_sub(2)))
        .map(|r| {
            r.chars()
                .skip(usize::from(area.x) + 1)
                .take(usize::from(area.width.saturating_sub(2)))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

fn reader(app: &App) -> &pactum::app::Reader {
    match &app.screen {
        Screen::Reader(r) => r,
        other => panic!("not a reading screen: {other:?}"),
    }
}

/// Asserts the Today cursor line is drawn in full: its `›` row is inside the body and the rows
/// from there hold all of its words.
fn assert_cursor_line_shown(app: &App, when: &str) {
    let screen = drawn(app);
    let r = reader(app);
    let line = r.doc.lines[r.doc.targets()[r.cursor]].plain();
    let rows = body_rows(&screen);
    let Some(at) = rows.iter().position(|row| row.starts_with('›')) else {
        panic!("{when}: no › on screen for {line:?}\n{screen}");
    };
    let from_marker = words(&rows[at..].join(" ").replacen('›', "", 1));
    assert!(
        from_marker.starts_with(&words(&line)),
        "{when}: the cursor line {line:?} is cut\n{screen}"
    );
}

fn generated() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("gen.db"), "tester").unwrap();
    let spec = GenSpec {
        partners: 60,
        commitments: 1_200,
        touches: 2_000,
        seed: 5,
    };
    store.generate(spec, today(), false).unwrap();
    (dir, store)
}

#[test]
fn today_cursor_line_stays_on_screen_past_wrapped_lines() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 20);
    drive(&mut app, &mut store, &["T"]);
    let targets = reader(&app).doc.targets().len();
    assert!(targets > 5, "the demo agenda has a screenful");
    assert_cursor_line_shown(&app, "at the top");
    for n in 1..=targets {
        drive(&mut app, &mut store, &["j"]);
        assert_cursor_line_shown(&app, &format!("after {n} j"));
    }
    for n in 1..=targets {
        drive(&mut app, &mut store, &["k"]);
        assert_cursor_line_shown(&app, &format!("after {n} k"));
    }
}

#[test]
fn today_on_a_big_book_g_shows_the_last_item_and_what_follows() {
    let (_dir, mut store) = generated();
    let mut app = app(&mut store, 120, 20);
    drive(&mut app, &mut store, &["T", "G"]);
    assert_cursor_line_shown(&app, "after G");
    let last = words(&reader(&app).doc.lines.last().unwrap().plain());
    let rows = body_rows(&drawn(&app));
    assert!(
        words(&rows.join(" ")).ends_with(&last),
        "the last line {last:?} is on screen after G\n{}",
        drawn(&app)
    );
    for n in 1..=40 {
        drive(&mut app, &mut store, &["k"]);
        assert_cursor_line_shown(&app, &format!("after G and {n} k"));
    }
    drive(&mut app, &mut store, &["g"]);
    for n in 1..=60 {
        drive(&mut app, &mut store, &["pagedown"]);
        assert_cursor_line_shown(&app, &format!("after {n} pagedown"));
    }
}

#[test]
fn today_selection_survives_a_smaller_terminal() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 30);
    drive(&mut app, &mut store, &["T", "G"]);
    pactum::app::update(
        &mut app,
        pactum::app::Action::Resize {
            width: 90,
            height: 14,
        },
    );
    assert_cursor_line_shown(&app, "after shrinking");
}

/// Opens `key`'s reading screen for `partner` at `w`×`h`.
fn reading(partner: &str, key: &str, w: u16, h: u16) -> (tempfile::TempDir, Store, App) {
    let (dir, mut store) = book(true);
    let mut app = app(&mut store, w, h);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, partner);
    drive(&mut app, &mut store, &["enter", key]);
    (dir, store, app)
}

#[test]
fn bottom_of_a_reading_screen_shows_the_last_line_and_stops_there() {
    for (partner, key) in [("lumen", "b"), ("kestrel", "L"), ("brightwater", "i")] {
        for (w, h) in [(120, 20), (80, 24), (60, 16)] {
            let what = format!("{key} on {partner} at {w}x{h}");
            let (_dir, mut store, mut app) = reading(partner, key, w, h);
            drive(&mut app, &mut store, &["G"]);
            let at_bottom = drawn(&app);
            let rows = body_rows(&at_bottom);
            let last = words(&reader(&app).doc.lines.last().unwrap().plain());
            assert!(
                !rows.last().unwrap().trim().is_empty(),
                "{what}: G leaves the bottom row blank\n{at_bottom}"
            );
            assert!(
                last.ends_with(&words(rows.last().unwrap())),
                "{what}: G ends on the last line {last:?}\n{at_bottom}"
            );
            drive(&mut app, &mut store, &["j"]);
            assert_eq!(drawn(&app), at_bottom, "{what}: j scrolls past the end");
            drive(&mut app, &mut store, &["pagedown"]);
            assert_eq!(
                drawn(&app),
                at_bottom,
                "{what}: pagedown scrolls past the end"
            );
            drive(&mut app, &mut store, &["g"]);
            for _ in 0..200 {
                drive(&mut app, &mut store, &["j"]);
            }
            assert_eq!(drawn(&app), at_bottom, "{what}: j stops at the end");
            drive(&mut app, &mut store, &["k"]);
            assert_ne!(drawn(&app), at_bottom, "{what}: one k moves back up");
        }
    }
}

#[test]
fn health_pane_stops_at_its_last_line() {
    for (w, h) in [(120, 20), (80, 24)] {
        let (_dir, mut store, mut app) = reading("kestrel", "tab", w, h);
        drive(&mut app, &mut store, &["tab", "tab"]);
        assert_eq!(app.pane, pactum::app::Pane::Health);
        let health = areas(Rect::new(0, 0, w, h)).health;
        drive(&mut app, &mut store, &["G"]);
        let at_bottom = drawn(&app);
        let rows = pane_rows(&at_bottom, health);
        assert!(
            !rows.last().unwrap().trim().is_empty(),
            "{w}x{h}: G leaves the Health pane's bottom row blank\n{at_bottom}"
        );
        drive(&mut app, &mut store, &["j"]);
        assert_eq!(drawn(&app), at_bottom, "{w}x{h}: j scrolls past the end");
        drive(&mut app, &mut store, &["g"]);
        for _ in 0..300 {
            drive(&mut app, &mut store, &["j"]);
        }
        assert_eq!(drawn(&app), at_bottom, "{w}x{h}: j stops at the end");
        drive(&mut app, &mut store, &["k"]);
        assert_ne!(drawn(&app), at_bottom, "{w}x{h}: one k moves back up");
    }
}

/// Presses `j` until the screen stops changing (at most 300 times).
fn j_to_the_end(app: &mut App, store: &mut Store) {
    for _ in 0..300 {
        let before = drawn(app);
        drive(app, store, &["j"]);
        if drawn(app) == before {
            return;
        }
    }
    panic!("j never stops\n{}", drawn(app));
}

#[test]
fn help_is_as_wide_as_its_lines_and_stops_at_the_end() {
    let (_dir, mut store) = book(true);
    let mut wide = app(&mut store, 250, 40);
    drive(&mut wide, &mut store, &["?"]);
    j_to_the_end(&mut wide, &mut store);
    let screen = drawn(&wide);
    assert!(
        screen.contains("✓ kept  ✗ missed  – released│"),
        "the marks line whole on one row\n{screen}"
    );
    assert!(
        screen.contains("Keys come from assets/keymap.toml; override them in your config file."),
        "{screen}"
    );

    let mut app = app(&mut store, 70, 24);
    drive(&mut app, &mut store, &["?"]);
    j_to_the_end(&mut app, &mut store);
    let end = drawn(&app);
    let text = help_text(&end);
    assert!(
        text.ends_with("override them in your config file."),
        "the last line shows at the bottom\n{end}"
    );
    assert!(
        text.contains("✓ kept ✗ missed – released"),
        "the marks line wraps, not cut\n{end}"
    );
    drive(&mut app, &mut store, &["k"]);
    assert_ne!(drawn(&app), end, "one k moves back up");
}

/// The words inside the help box of a drawn screen.
fn help_text(screen: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|r| r.chars().collect()).collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains("Help — esc closes"))
        .expect("the help box");
    let title = &rows[top];
    let left = (0..title.len())
        .find(|&i| title[i..].starts_with(&['┌', ' ', 'H']))
        .unwrap();
    let right = left + title[left..].iter().position(|c| *c == '┐').unwrap();
    let mut text = Vec::new();
    for row in &rows[top + 1..] {
        if row.get(left) == Some(&'└') {
            break;
        }
        text.push(row[left + 1..right].iter().collect::<String>());
    }
    words(&text.join(" "))
}

#[test]
fn a_form_on_a_short_screen_scrolls_to_the_focused_field_and_its_error_line_is_clean() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 40, 10);
    drive(&mut app, &mut store, &["P", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, &mut store, "XYZ");
    let screen = drawn(&app);
    assert!(
        screen.contains("XYZ"),
        "the focused field is shown:\n{screen}"
    );
    // Back to the empty name, and save: the error replaces the status line whole.
    drive(&mut app, &mut store, &["enter"]);
    let screen = drawn(&app);
    let error_row = screen
        .lines()
        .find(|l| l.contains('✗'))
        .unwrap_or_else(|| panic!("no error shown:\n{screen}"));
    assert!(
        !error_row.contains("cadence") && !error_row.contains("·"),
        "hint text left on the error row: {error_row}"
    );
}

//! Screens rendered to ratatui's TestBackend and compared with insta snapshots.

mod common;

use common::{app, book, drive, type_text};
use pactum::commands::render::to_text;
use pactum::ui::Theme;

const PLAIN: Theme = Theme { color: false };

fn screen(with_demo: bool, w: u16, h: u16, keys: &[&str], typed: &str) -> String {
    let (_dir, mut store) = book(with_demo);
    let mut app = app(&mut store, w, h);
    drive(&mut app, &mut store, keys);
    type_text(&mut app, &mut store, typed);
    to_text(&app, &PLAIN, w, h).unwrap()
}

#[test]
fn empty_book_welcomes() {
    insta::assert_snapshot!("empty_80x24", screen(false, 80, 24, &[], ""));
    insta::assert_snapshot!("empty_120x40", screen(false, 120, 40, &[], ""));
}

#[test]
fn demo_book_dashboard() {
    insta::assert_snapshot!("demo_80x24", screen(true, 80, 24, &[], ""));
    insta::assert_snapshot!("demo_120x40", screen(true, 120, 40, &[], ""));
}

#[test]
fn demo_ledger_focused_on_a_second_partner() {
    insta::assert_snapshot!(
        "demo_ledger_120x40",
        screen(true, 120, 40, &["j", "tab"], "")
    );
}

#[test]
fn add_commitment_form() {
    insta::assert_snapshot!("form_80x24", screen(true, 80, 24, &["a"], "Send pricing"));
    insta::assert_snapshot!("form_120x40", screen(true, 120, 40, &["a"], "Send pricing"));
}

#[test]
fn help_overlay_from_the_keymap() {
    insta::assert_snapshot!("help_100x40", screen(true, 100, 40, &["?"], ""));
}

#[test]
fn too_small_says_what_it_needs() {
    let text = screen(true, 20, 5, &[], "");
    assert!(text.contains("terminal too small"), "{text}");
    insta::assert_snapshot!("too_small_20x5", text);
}

#[test]
fn every_size_draws_without_panic() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 80, 24);
    for w in (1..=160).step_by(7) {
        for h in (1..=60).step_by(5) {
            pactum::app::update(
                &mut app,
                pactum::app::Action::Resize {
                    width: w,
                    height: h,
                },
            );
            to_text(&app, &PLAIN, w, h).unwrap();
        }
    }
}

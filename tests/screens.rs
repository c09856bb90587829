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
fn pickers_in_the_touch_and_problem_forms() {
    // Kind picked by its letter (focus moved on to By), a summary being typed.
    let keys = ["t", "m"];
    insta::assert_snapshot!("touch_form_80x24", screen(true, 80, 24, &keys, ""));
    let keys = ["t", "m", "t"];
    insta::assert_snapshot!(
        "touch_form_120x40",
        screen(true, 120, 40, &keys, "Kick-off")
    );
    // Severity picked by a digit; the date stepped a day back, shown selected.
    let keys = ["p", "tab", "4", "tab", "left"];
    insta::assert_snapshot!("problem_form_80x24", screen(true, 80, 24, &keys, ""));
    insta::assert_snapshot!("problem_form_120x40", screen(true, 120, 40, &keys, ""));
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

/// Opens the dashboard on the demo, selects `partner` through the search, then presses `keys`.
fn on_partner(partner: &str, w: u16, h: u16, keys: &[&str]) -> String {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, w, h);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, partner);
    drive(&mut app, &mut store, &["enter"]);
    drive(&mut app, &mut store, keys);
    to_text(&app, &PLAIN, w, h).unwrap()
}

#[test]
fn today_agenda() {
    insta::assert_snapshot!("today_80x24", screen(true, 80, 24, &["T"], ""));
    insta::assert_snapshot!("today_120x40", screen(true, 120, 40, &["T"], ""));
}

#[test]
fn brief_for_a_call() {
    insta::assert_snapshot!("brief_80x24", on_partner("lumen", 80, 24, &["b"]));
    insta::assert_snapshot!("brief_120x40", on_partner("lumen", 120, 40, &["b"]));
    insta::assert_snapshot!(
        "brief_scrolled_80x24",
        on_partner("lumen", 80, 24, &["b", "pagedown"])
    );
}

#[test]
fn review_mid_way() {
    insta::assert_snapshot!(
        "review_100x30",
        on_partner("halcyon", 100, 30, &["r", "h", "s"])
    );
}

#[test]
fn timeline_newest_first() {
    insta::assert_snapshot!("timeline_100x30", on_partner("kestrel", 100, 30, &["L"]));
}

#[test]
fn health_pane_and_explain() {
    insta::assert_snapshot!("health_pane_120x40", on_partner("kestrel", 120, 40, &[]));
    insta::assert_snapshot!("explain_100x40", on_partner("brightwater", 100, 40, &["i"]));
}

#[test]
fn search_narrows_the_list() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["/"]);
    type_text(&mut app, &mut store, "nadia");
    insta::assert_snapshot!("search_100x30", to_text(&app, &PLAIN, 100, 30).unwrap());
}

#[test]
fn the_charter_step_and_the_contact_and_brave_conversation_forms() {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("charter_{w}x{h}"), screen(true, w, h, &["A"], ""));
        insta::assert_snapshot!(
            format!("contact_form_{w}x{h}"),
            screen(true, w, h, &["C"], "Dana Reyes")
        );
        insta::assert_snapshot!(
            format!("brave_form_{w}x{h}"),
            screen(
                true,
                w,
                h,
                &["j", "j", "j", "B"],
                "Walked their COO through the fix"
            )
        );
    }
}

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

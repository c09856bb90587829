//! Drawing: a pure function of the dashboard's state. Never touches the book.

mod chrome;
mod form;
pub mod health;
mod ledger;
mod letter;
mod overlay;
mod reader;
mod relationships;
mod review;
pub mod theme;
mod welcome;

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Overlay, Screen};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
pub use theme::{Meaning, Theme};

/// Draws the whole screen for `app`.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let screen = frame.area();
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        too_small(screen, frame);
        return;
    }
    let areas = layout::areas(screen);
    chrome::title(app, theme, frame, areas.title);
    let body = layout::body(screen);
    if let Screen::Reader(r) = &app.screen {
        reader::draw(r, theme, frame, screen);
    } else if let Screen::Review(run) = &app.screen {
        review::draw(app, run, theme, frame, body);
    } else if app.loaded && app.data.rows.is_empty() {
        welcome::draw(app, theme, frame, body);
    } else {
        relationships::draw(app, theme, frame, areas.relationships);
        ledger::draw(app, theme, frame, areas.ours, areas.theirs);
        health::draw(app, theme, frame, areas.health);
    }
    chrome::status(app, theme, frame, areas.status);
    chrome::footer(app, theme, frame, areas.footer);
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => overlay::help(app, theme, frame, *scroll),
        Some(Overlay::Form(f)) => form::draw(app, f, theme, frame),
        Some(Overlay::Confirm(c)) => overlay::confirm(app, c, theme, frame),
        Some(Overlay::Conflict(c)) => overlay::conflict(app, c, theme, frame),
        Some(Overlay::Letter(l)) => letter::draw(l, theme, frame),
    }
    // Only an overlay draws over what is already laid out.
    if app.overlay.is_some() {
        mend_wide_symbols(frame.buffer_mut());
    }
}

/// A wide symbol (東, 😀) that something drew over afterwards — an overlay's border on its
/// right half — cannot be shown: a terminal erases it, or the border, or shifts the rest of
/// the row, and what it then shows is no longer what ratatui believes is on screen. Such a
/// symbol becomes a blank, so every frame is one a terminal can show exactly.
fn mend_wide_symbols(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let width = buffer[(x, y)].symbol().cell_width();
            if width < 2 {
                x += 1;
                continue;
            }
            let end = x.saturating_add(width).min(area.right());
            let broken = x.saturating_add(width) > area.right()
                || (x + 1..end).any(|covered| buffer[(covered, y)].symbol() != " ");
            if broken {
                buffer[(x, y)].set_symbol(" ");
                x += 1;
            } else {
                x = end;
            }
        }
    }
}

fn too_small(screen: Rect, frame: &mut Frame) {
    let text = format!(
        "terminal too small — need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        screen.width, screen.height
    );
    frame.render_widget(
        Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
        screen,
    );
}

/// A bordered pane whose title shows when it has focus.
fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> ratatui::widgets::Block<'a> {
    let style = if focused {
        theme.style(Meaning::Focused)
    } else {
        theme.style(Meaning::Muted)
    };
    let marker = if focused { "▶ " } else { "" };
    ratatui::widgets::Block::bordered()
        .border_style(style)
        .title(Line::styled(format!("{marker}{title}"), style))
}

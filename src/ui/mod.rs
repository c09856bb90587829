//! Drawing: a pure function of the dashboard's state. Never touches the book.

mod chrome;
pub mod health;
mod ledger;
mod overlay;
mod reader;
mod relationships;
mod review;
pub mod theme;
mod welcome;

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Overlay, Screen};
use ratatui::Frame;
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
        Some(Overlay::Form(form)) => overlay::form(form, theme, frame),
        Some(Overlay::Confirm(c)) => overlay::confirm(app, c, theme, frame),
        Some(Overlay::Conflict(c)) => overlay::conflict(app, c, theme, frame),
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

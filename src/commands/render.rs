//! `pactum render`: a screen drawn into a buffer and printed as plain text.

use super::line;
use crate::app::{App, Loaded, update};
use crate::cli::Context;
use crate::runtime;
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::io::Write;

/// Parses `WIDTHxHEIGHT`.
pub fn parse_size(size: &str) -> Result<(u16, u16), String> {
    let bad = || format!("malformed size {size:?}: use WIDTHxHEIGHT, e.g. 120x40 (1 to 1000 each)");
    let (w, h) = size.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if !(1..=1000).contains(&w) || !(1..=1000).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// Draws `app` at `width`×`height` and returns the screen as lines of text.
pub fn to_text(app: &App, theme: &Theme, width: u16, height: u16) -> Result<String, String> {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).map_err(|e| format!("rendering: {e}"))?;
    terminal
        .draw(|frame| ui::draw(app, theme, frame))
        .map_err(|e| format!("rendering: {e}"))?;
    Ok(buffer_text(terminal.backend().buffer()))
}

/// The symbols of a buffer, row by row, right-trimmed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let mut text = String::new();
    let width = usize::from(buffer.area.width);
    for row in buffer.content().chunks(width.max(1)) {
        let mut skip = 0usize;
        let mut line = String::new();
        for cell in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            skip = crate::domain::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

pub fn run(ctx: &Context, size: &str, view: &str, out: &mut dyn Write) -> Result<(), String> {
    let (width, height) = parse_size(size)?;
    let mut store = ctx.open()?;
    let partner = match view.split_once(':') {
        None if view == "dashboard" => None,
        Some(("dashboard", name)) => Some(store.resolve_partner(name).map_err(|e| e.to_string())?),
        _ => {
            return Err(format!(
                "unknown view {view:?}: use dashboard or dashboard:NAME"
            ));
        }
    };
    let data: Loaded = runtime::load(&mut store, ctx.today, &ctx.config.rules, partner, false)
        .map_err(|e| e.to_string())?;
    let mut app = App::new(ctx.today, ctx.config.keymap.clone());
    update(&mut app, crate::app::Action::Resize { width, height });
    update(&mut app, crate::app::Action::Loaded(Box::new(data)));
    let text = to_text(&app, &Theme { color: false }, width, height)?;
    write!(out, "{text}").map_err(|e| format!("writing output: {e}"))?;
    let _ = line;
    Ok(())
}

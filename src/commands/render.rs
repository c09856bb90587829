//! `pactum render`: a screen drawn into a buffer and printed as plain text.

use crate::app::{App, Loaded, Request, update};
use crate::context::Context;
use crate::runtime;
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::io::Write;

/// Parses `WIDTHxHEIGHT`.
pub fn parse_size(size: &str) -> Result<(u16, u16), String> {
    let bad = || {
        format!(
            "malformed size {}: use WIDTHxHEIGHT, e.g. 120x40 (1 to 1000 each)",
            crate::domain::text::quoted(size)
        )
    };
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
    let err = |e: crate::store::StoreError| e.to_string();
    let (screen, name) = view
        .split_once(':')
        .map_or((view, None), |(v, n)| (v, Some(n)));
    let partner = name
        .map(|n| store.resolve_partner(n))
        .transpose()
        .map_err(err)?;
    let request = match (screen, partner) {
        ("dashboard", _) => None,
        ("today", None) => Some(Request::Today),
        ("brief", Some(id)) => Some(Request::Brief(id)),
        ("timeline", Some(id)) => Some(Request::Timeline(id)),
        ("explain", Some(id)) => Some(Request::Explain(id)),
        ("review", scope) => Some(Request::Review(scope)),
        _ => {
            return Err(format!(
                "unknown view {}: use dashboard[:NAME], today, brief:NAME, timeline:NAME, explain:NAME or review[:NAME]",
                crate::domain::text::quoted(view)
            ));
        }
    };
    let rules = &ctx.config.rules;
    let data: Loaded =
        runtime::load(&mut store, ctx.today, rules, partner, false, None).map_err(err)?;
    let mut app = App::new(ctx.today, ctx.config.keymap.clone());
    app.charter = ctx.config.charter.clone();
    update(&mut app, crate::app::Action::Resize { width, height });
    update(&mut app, crate::app::Action::Loaded(Box::new(data)));
    if let Some(request) = request {
        let screen = runtime::open_screen(&mut store, ctx.today, rules, request).map_err(err)?;
        update(&mut app, crate::app::Action::ScreenReady(Box::new(screen)));
    }
    let text = to_text(&app, &Theme { color: false }, width, height)?;
    out.write_all(text.as_bytes())
        .map_err(|e| format!("writing output: {e}"))
}

//! The Commitments pane: the selected partner's ledger, *We promised* | *They promised*.

use super::relationships::due_label;
use super::theme::{Meaning, Theme};
use crate::app::layout::{inner_rows, scroll_offset};
use crate::app::{App, Pane};
use crate::domain::{Commitment, Side, Status, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The mark and meaning of one commitment on `today` (a symbol for every colour).
fn mark(c: &Commitment, today: chrono::NaiveDate) -> (&'static str, Meaning) {
    match c.status {
        Status::Kept => ("✓", Meaning::Good),
        Status::Missed => ("✗", Meaning::Poor),
        Status::Released => ("–", Meaning::Muted),
        Status::Open if c.ongoing => ("∞", Meaning::Muted),
        Status::Open => match c.due_on.map(|d| (d - today).num_days()) {
            Some(n) if n < 0 => ("!", Meaning::Overdue),
            Some(n) if n <= 7 => ("~", Meaning::DueSoon),
            _ => ("·", Meaning::Muted),
        },
    }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, ours: Rect, theirs: Rect) {
    column(app, theme, frame, ours, Side::Ours);
    column(app, theme, frame, theirs, Side::Theirs);
}

fn column(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, side: Side) {
    let (title, pane, cursor) = match side {
        Side::Ours => ("We promised", Pane::Ours, app.cursor_ours),
        Side::Theirs => ("They promised", Pane::Theirs, app.cursor_theirs),
    };
    let focused = app.pane == pane;
    let block = super::pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = app.side(side);
    let width = usize::from(inner.width);
    if items.is_empty() {
        let hint = match app.selected_row() {
            Some(row) if row.stage == crate::domain::Stage::Ended => "ended — no new commitments",
            Some(_) => "nothing open — a adds one",
            None => "",
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::fit(hint, width),
                theme.style(Meaning::Muted),
            )),
            inner,
        );
        return;
    }
    let rows = inner_rows(area);
    let offset = scroll_offset(cursor, rows);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, c)| {
            let (symbol, meaning) = mark(c, app.today);
            let when = if c.ongoing {
                "ongoing".to_string()
            } else if c.status == Status::Open {
                due_label(c.due_on, app.today)
            } else {
                c.status.to_string()
            };
            let title_w = width.saturating_sub(12).max(1);
            let pointer = if focused && i == cursor { "›" } else { " " };
            let mut line = Line::from(vec![
                Span::raw(pointer),
                Span::styled(symbol, theme.style(meaning)),
                Span::raw(" "),
                Span::styled(text::pad(&when, 8), theme.style(meaning)),
                Span::raw(" "),
                Span::raw(text::fit(&c.title, title_w)),
            ]);
            if focused && i == cursor {
                line = line.style(theme.style(Meaning::Selected));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

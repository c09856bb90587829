//! The Relationships pane: one line per partner, most urgent first.

use super::theme::{Meaning, Theme};
use crate::app::layout::{inner_rows, scroll_offset};
use crate::app::{App, Pane};
use crate::domain::facts::days_since;
use crate::domain::text;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A due day relative to today, in six cells or fewer: "today", "in 3d", "5d late".
pub fn due_label(due: Option<NaiveDate>, today: NaiveDate) -> String {
    match due.map(|d| (d - today).num_days()) {
        None => "—".into(),
        Some(0) => "today".into(),
        Some(n) if n < 0 => format!("{}d late", -n),
        Some(n) => format!("in {n}d"),
    }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.pane == Pane::Relationships;
    let block = super::pane_block("Relationships", focused, theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let mut rows = inner_rows(area);
    // While searching, the list narrows to the matches, best first, under the query line.
    let (positions, selected): (Vec<usize>, usize) = match &app.search {
        Some(search) => {
            let query = Line::from(vec![
                Span::styled("/", theme.style(Meaning::Key)),
                Span::raw(text::fit(
                    &search.query,
                    usize::from(inner.width).saturating_sub(14),
                )),
                Span::styled(
                    format!(
                        "▏ {}",
                        text::counted(search.matches.len() as i64, "match", "matches")
                    ),
                    theme.style(Meaning::Muted),
                ),
            ]);
            frame.render_widget(
                Paragraph::new(query),
                Rect {
                    height: 1.min(inner.height),
                    ..inner
                },
            );
            inner.y = inner.y.saturating_add(1);
            inner.height = inner.height.saturating_sub(1);
            rows = rows.saturating_sub(1);
            (search.positions.clone(), search.cursor)
        }
        None => ((0..app.data.rows.len()).collect(), app.selected),
    };
    let offset = scroll_offset(selected, rows);
    let width = usize::from(inner.width);
    // Stage is dropped first when the pane is narrow; the name keeps at least 14 cells.
    let with_stage = width >= 5 + 14 + 23;
    let tail = if with_stage { 23 } else { 14 };
    let name_w = width.saturating_sub(5 + tail).max(1);
    let lines: Vec<Line> = positions
        .iter()
        .filter_map(|p| app.data.rows.get(*p))
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, row)| {
            let (mark, meaning) = super::health::verdict_mark(row.health);
            let since = days_since(row.facts.last_touch_on, app.today)
                .map(|d| format!("{d}d"))
                .unwrap_or_else(|| "—".into());
            let stage = if with_stage {
                text::pad(row.stage.as_str(), 9)
            } else {
                String::new()
            };
            let rest = format!(
                " {stage}{} {}",
                text::pad(&due_label(row.facts.next_due(), app.today), 8),
                text::pad(&since, 4)
            );
            let pointer = if i == selected { "›" } else { " " };
            let mut line = Line::from(vec![
                Span::raw(pointer),
                Span::styled(mark, theme.style(meaning)),
                Span::raw(" "),
                Span::raw(text::pad(&row.name, name_w)),
                Span::styled(rest, theme.style(Meaning::Muted)),
            ]);
            if i == selected {
                line = line.style(theme.style(Meaning::Selected));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

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

/// A due day relative to today, in eight cells or fewer: "today", "in 3d", "5d late", and
/// in weeks or years when days would not fit ("18w late", "3y late").
pub fn due_label(due: Option<NaiveDate>, today: NaiveDate) -> String {
    match due.map(|d| (d - today).num_days()) {
        None => "—".into(),
        Some(0) => "today".into(),
        Some(n) if n < 0 => format!("{} late", span(-n, 100)),
        Some(n) => format!("in {}", span(n, 1000)),
    }
}

/// `days` as "12d", or from `weeks_from` days on as weeks ("18w"), and as years ("3y") once
/// weeks would take three digits.
fn span(days: i64, weeks_from: i64) -> String {
    match days {
        d if d < weeks_from => format!("{d}d"),
        d if d < 700 => format!("{}w", d / 7),
        d => format!("{}y", d / 365),
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
                .map(|d| span(d, 1000))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_labels_fit_their_column() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let label = |days: i64| due_label(Some(today + chrono::Duration::days(days)), today);
        for (days, want) in [
            (0, "today"),
            (3, "in 3d"),
            (999, "in 999d"),
            (1500, "in 4y"),
            (-5, "5d late"),
            (-99, "99d late"),
            (-126, "18w late"),
            (-699, "99w late"),
            (-1316, "3y late"),
        ] {
            assert_eq!(label(days), want);
            assert!(text::width(&label(days)) <= 8, "{days}");
        }
        assert_eq!(span(1316, 1000), "3y");
        assert_eq!(span(116, 1000), "116d");
    }
}

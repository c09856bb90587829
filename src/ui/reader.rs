//! Reading screens (Today, Brief, Timeline, Explain): a document, scrolled, with the cursor
//! line of Today highlighted.

use super::theme::{Meaning, Theme};
use crate::app::doc::{DocLine, Tone};
use crate::app::{Reader, Request};
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The theme meaning of a document tone.
pub fn meaning(tone: Tone) -> Option<Meaning> {
    match tone {
        Tone::Plain => None,
        Tone::Heading => Some(Meaning::Title),
        Tone::Muted => Some(Meaning::Muted),
        Tone::Overdue => Some(Meaning::Overdue),
        Tone::DueSoon => Some(Meaning::DueSoon),
        Tone::Good => Some(Meaning::Good),
        Tone::Watch => Some(Meaning::Watch),
        Tone::Poor => Some(Meaning::Poor),
        Tone::Ours => Some(Meaning::Ours),
        Tone::Theirs => Some(Meaning::Theirs),
    }
}

/// One document line as styled lines wrapped at word boundaries to `width` cells; continuation
/// lines hang under the first word. Words longer than a line are cut by width.
pub fn wrapped<'a>(line: &DocLine, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let width = width.max(1);
    let plain = line.plain();
    let lead = plain.len() - plain.trim_start().len();
    let bullet = plain.split_whitespace().next().map_or(0, |w| {
        if w == "•" || w.ends_with('.') && w.len() <= 3 {
            text::width(w) + 1
        } else {
            0
        }
    });
    let indent = (lead + bullet).min(width / 2);
    let mut lines: Vec<Vec<Span<'a>>> = vec![Vec::new()];
    let mut used = 0usize;
    for (tone, s) in &line.spans {
        let style = meaning(*tone).map(|m| theme.style(m)).unwrap_or_default();
        let clean = text::clean_line(s);
        for piece in clean.split_inclusive(' ') {
            let w = text::width(piece);
            let fits = used + w.saturating_sub(usize::from(piece.ends_with(' '))) <= width;
            if !fits && used > indent {
                lines.push(vec![Span::raw(" ".repeat(indent))]);
                used = indent;
            }
            let room = width.saturating_sub(used);
            let trimmed = piece.trim_end_matches(' ');
            let cut = if w <= room {
                piece.to_string()
            } else if text::width(trimmed) <= room {
                trimmed.to_string()
            } else {
                text::fit(piece, room)
            };
            used += text::width(&cut);
            if let Some(last) = lines.last_mut() {
                last.push(Span::styled(cut, style));
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

pub fn draw(reader: &Reader, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Focused))
        .title(Line::styled(
            format!(" {} ", text::clean_line(&reader.doc.title)),
            theme.style(Meaning::Title),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let cursor_line = (reader.request == Request::Today)
        .then(|| reader.doc.targets().get(reader.cursor).copied())
        .flatten();
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, l) in reader.doc.lines.iter().enumerate().skip(reader.scroll) {
        if lines.len() >= rows {
            break;
        }
        let selected = Some(i) == cursor_line;
        for (n, part) in wrapped(l, theme, width.saturating_sub(1))
            .into_iter()
            .enumerate()
        {
            let pointer = if selected && n == 0 { "›" } else { " " };
            let mut spans = vec![Span::raw(pointer)];
            spans.extend(part.spans);
            let mut line = Line::from(spans);
            if selected {
                line = line.style(theme.style(Meaning::Selected));
            }
            lines.push(line);
        }
    }
    lines.truncate(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}

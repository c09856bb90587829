//! Reading screens (Today, Brief, Timeline, Explain): a document, scrolled, with the cursor
//! line of Today highlighted.

use super::theme::{Meaning, Theme};
use crate::app::doc::{DocLine, Tone};
use crate::app::layout;
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
        Tone::Key => Some(Meaning::Key),
    }
}

/// One document line as styled rows of at most `width` cells (see [`DocLine::wrap`]).
pub fn wrapped<'a>(line: &DocLine, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    line.wrap(width)
        .into_iter()
        .map(|row| {
            Line::from(
                row.into_iter()
                    .map(|(tone, s)| match meaning(tone) {
                        Some(m) => Span::styled(s, theme.style(m)),
                        None => Span::raw(s),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// Draws `reader` over the body of `screen`: its rows from `reader.scroll`, the Today cursor
/// line marked with `›` on its first row.
pub fn draw(reader: &Reader, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Focused))
        .title(Line::styled(
            format!(" {} ", text::clean_line(&reader.doc.title)),
            theme.style(Meaning::Title),
        ));
    frame.render_widget(block, layout::body(screen));
    let text = layout::reader_text(screen);
    let width = usize::from(text.width);
    let rows = usize::from(text.height);
    let cursor_line = (reader.request == Request::Today)
        .then(|| reader.doc.targets().get(reader.cursor).copied())
        .flatten();
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    let mut row = 0usize;
    for (i, l) in reader.doc.lines.iter().enumerate() {
        if lines.len() >= rows {
            break;
        }
        let selected = Some(i) == cursor_line;
        for (n, part) in wrapped(l, theme, width).into_iter().enumerate() {
            row += 1;
            if row <= reader.scroll || lines.len() >= rows {
                continue;
            }
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
    frame.render_widget(Paragraph::new(lines), layout::inside(layout::body(screen)));
}

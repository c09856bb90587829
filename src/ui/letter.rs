//! A letter to a partner: its text (scrolled), or the text being edited in place, and the file
//! name being typed when it is written out. The keys are in the footer, from the keymap.

use super::theme::{Meaning, Theme};
use crate::app::layout::centered;
use crate::app::letter::Letter;
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(letter: &Letter, theme: &Theme, frame: &mut Frame) {
    let screen = frame.area();
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(96),
        screen.height.saturating_sub(3),
    );
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Focused))
        .title(Line::styled(
            format!(" {} ", text::clean_line(&letter.title())),
            theme.style(Meaning::Title),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let prompt_rows = u16::from(letter.path.is_some());
    let body = Rect {
        height: inner.height.saturating_sub(prompt_rows),
        ..inner
    };
    if let Some(editing) = &letter.editing {
        let mut widget = editing.clone();
        widget.set_cursor_line_style(Style::default());
        frame.render_widget(&widget, body);
    } else {
        let lines: Vec<Line> = letter
            .text
            .lines()
            .map(|l| Line::raw(text::clean_line(l)))
            .collect();
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((letter.scroll, 0)),
            body,
        );
    }
    if let Some(path) = &letter.path {
        let row = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1.min(inner.height),
            ..inner
        };
        let label = "write to file: ";
        let label_w = u16::try_from(label.len()).unwrap_or(0).min(row.width);
        frame.render_widget(
            Paragraph::new(Line::styled(label, theme.style(Meaning::Focused))),
            Rect {
                width: label_w,
                ..row
            },
        );
        let mut widget = path.clone();
        widget.set_cursor_line_style(Style::default());
        frame.render_widget(
            &widget,
            Rect {
                x: row.x.saturating_add(label_w),
                width: row.width.saturating_sub(label_w),
                ..row
            },
        );
    }
}

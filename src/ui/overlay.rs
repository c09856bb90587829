//! Overlays: help (generated from the keymap), confirmations, conflicts (forms: form.rs).

use super::reader::wrapped;
use super::theme::{Meaning, Theme};
use crate::app::layout::{centered, conflict_box, help_box, inside};
use crate::app::scroll::rows_of;
use crate::app::{App, Confirm, Mode, views};
use crate::domain::text;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn boxed<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.style(Meaning::Focused))
        .title(Line::styled(title, theme.style(Meaning::Title)))
}

pub fn help(app: &App, theme: &Theme, frame: &mut Frame, scroll: u16) {
    let doc = views::help(&app.keymap);
    let area = help_box(frame.area(), views::widest(&doc));
    let inner = inside(area);
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .flat_map(|l| wrapped(l, theme, usize::from(inner.width)))
        .skip(usize::from(scroll))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(boxed(format!(" {} ", doc.title), theme), area);
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn confirm(app: &App, c: &Confirm, theme: &Theme, frame: &mut Frame) {
    let area = centered(frame.area(), 60, 5);
    frame.render_widget(Clear, area);
    let yes = app
        .keymap
        .key_for(Mode::Confirm, &crate::app::Action::Confirm)
        .unwrap_or_default();
    let no = app
        .keymap
        .key_for(Mode::Confirm, &crate::app::Action::Cancel)
        .unwrap_or_default();
    let lines = vec![
        Line::from(text::clean_line(&c.question)),
        Line::styled(format!("{yes} yes · {no} no"), theme.style(Meaning::Muted)),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(boxed(" Confirm ".into(), theme)),
        area,
    );
}

pub fn conflict(app: &App, c: &crate::app::conflict::Conflict, theme: &Theme, frame: &mut Frame) {
    let doc = views::conflict(c, &app.keymap);
    let width = usize::from(inside(conflict_box(frame.area(), 0)).width);
    let area = conflict_box(frame.area(), rows_of(&doc, width).total());
    let inner = inside(area);
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .flat_map(|l| wrapped(l, theme, usize::from(inner.width)))
        .skip(usize::from(c.scroll))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(boxed(format!(" {} ", doc.title), theme), area);
    frame.render_widget(Paragraph::new(lines), inner);
}

//! Overlays: help (generated from the keymap), confirmations, conflicts (forms: form.rs).

use super::reader::wrapped;
use super::theme::{Meaning, Theme};
use crate::app::layout::{centered, help_box, inside};
use crate::app::{App, Confirm, Mode, views};
use crate::domain::text;
use ratatui::Frame;
use ratatui::text::{Line, Span};
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
    let height = u16::try_from(c.rows.len() * 3 + 6).unwrap_or(u16::MAX);
    let area = centered(frame.area(), 90, height);
    frame.render_widget(Clear, area);
    let block = boxed(" Someone else saved this first ".into(), theme);
    let inner = block.inner(area);
    let half = usize::from(inner.width.saturating_sub(18) / 2).max(1);
    let mut lines = vec![Line::from(vec![
        Span::styled(text::pad("", 16), theme.style(Meaning::Muted)),
        Span::styled(text::pad("yours", half), theme.style(Meaning::Ours)),
        Span::styled(
            text::pad("theirs (saved)", half),
            theme.style(Meaning::Theirs),
        ),
    ])];
    for (field, mine, theirs) in &c.rows {
        lines.push(Line::from(vec![
            Span::styled(text::pad(field, 16), theme.style(Meaning::Muted)),
            Span::raw(text::pad(mine, half)),
            Span::raw(text::pad(theirs, half)),
        ]));
    }
    if c.rows.is_empty() {
        lines.push(Line::styled(
            "the saved version has the same values as yours",
            theme.style(Meaning::Muted),
        ));
    }
    lines.push(Line::default());
    let key = |a: &crate::app::Action| app.keymap.key_for(Mode::Conflict, a).unwrap_or_default();
    lines.push(Line::from(vec![
        Span::styled(
            key(&crate::app::Action::KeepMine),
            theme.style(Meaning::Key),
        ),
        Span::raw(" keep mine (overwrite theirs)   "),
        Span::styled(
            key(&crate::app::Action::TakeTheirs),
            theme.style(Meaning::Key),
        ),
        Span::raw(" take theirs (drop mine)"),
    ]));
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

//! Overlays: help (generated from the keymap), forms and confirmations.

use super::reader::wrapped;
use super::theme::{Meaning, Theme};
use crate::app::layout::{centered, help_box, inside};
use crate::app::{App, Confirm, Form, Mode, views};
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn boxed<'a>(title: String, theme: &Theme) -> Block<'a> {
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

pub fn form(form: &Form, theme: &Theme, frame: &mut Frame) {
    let height = u16::try_from(form.fields.len() * 2 + 4).unwrap_or(u16::MAX);
    let area = centered(frame.area(), 72, height);
    frame.render_widget(Clear, area);
    let block = boxed(format!(" {} ", form.title), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w: u16 = 17;
    // The last row is the status line; above it each field takes two rows. On a short screen
    // the fields scroll so the focused one is always shown.
    let status_y = inner.bottom().saturating_sub(1);
    let shown = usize::from(status_y.saturating_sub(inner.y) / 2).max(1);
    let first = (form.focus + 1).saturating_sub(shown);
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        let y = inner
            .y
            .saturating_add(u16::try_from((i - first) * 2).unwrap_or(u16::MAX));
        if y >= status_y && inner.height > 1 {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused {
            theme.style(Meaning::Focused)
        } else {
            theme.style(Meaning::Muted)
        };
        let label = Rect {
            x: inner.x,
            y,
            width: label_w.min(inner.width),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text::pad(field.label, 16), label_style)),
            label,
        );
        let input = Rect {
            x: inner.x.saturating_add(label_w),
            y,
            width: inner.width.saturating_sub(label_w),
            height: 1,
        };
        let mut area_widget = field.area.clone();
        area_widget.set_cursor_line_style(ratatui::style::Style::default());
        if !focused {
            area_widget.set_cursor_style(ratatui::style::Style::default());
        }
        frame.render_widget(&area_widget, input);
        let hint_y = y.saturating_add(1);
        if hint_y < status_y {
            let hint = format!("{} · {}/{}", field.hint, field.len(), field.max);
            let hint_area = Rect { y: hint_y, ..input };
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text::fit(&hint, usize::from(hint_area.width)),
                    theme.style(Meaning::Muted),
                )),
                hint_area,
            );
        }
    }
    let last = Rect {
        x: inner.x,
        y: inner.bottom().saturating_sub(1),
        width: inner.width,
        height: 1.min(inner.height),
    };
    let status = match (&form.error, form.pending) {
        (_, true) => Line::styled("saving…", theme.style(Meaning::Muted)),
        (Some(e), _) => Line::styled(
            text::fit(&format!("✗ {e}"), usize::from(last.width)),
            theme.style(Meaning::Error),
        ),
        (None, _) => Line::styled(
            "enter saves · tab next field · esc closes",
            theme.style(Meaning::Muted),
        ),
    };
    frame.render_widget(Clear, last);
    frame.render_widget(Paragraph::new(status), last);
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

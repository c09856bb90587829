//! The form overlay: a label and an input per field, a hint under each, a status line.

use super::overlay::boxed;
use super::theme::{Meaning, Theme};
use crate::app::form::{Choice, Entry, Field, LineEdit};
use crate::app::layout::centered;
use crate::app::{Action, App, Form, Mode};
use crate::domain::{parse_date, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const LABEL_W: u16 = 17;

pub fn draw(app: &App, form: &Form, theme: &Theme, frame: &mut Frame) {
    let height = u16::try_from(form.fields.len() * 2 + 4).unwrap_or(u16::MAX);
    let area = centered(frame.area(), 72, height);
    frame.render_widget(Clear, area);
    let block = boxed(format!(" {} ", form.title), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
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
        let label_style = theme.style(if focused {
            Meaning::Focused
        } else {
            Meaning::Muted
        });
        let label = Rect {
            x: inner.x,
            y,
            width: LABEL_W.min(inner.width),
            height: 1,
        };
        frame.render_widget(
            // `›` marks the focused field without colour too.
            Paragraph::new(Line::styled(
                text::pad(
                    &format!("{}{}", if focused { "›" } else { " " }, field.label),
                    16,
                ),
                label_style,
            )),
            label,
        );
        let input = Rect {
            x: inner.x.saturating_add(LABEL_W),
            y,
            width: inner.width.saturating_sub(LABEL_W),
            height: 1,
        };
        let width = usize::from(input.width);
        let shown = match &field.entry {
            Entry::Text(line) | Entry::Date(line) => edited(line, focused, width, theme),
            Entry::Choice(choice) => options(choice, focused, width, theme),
        };
        frame.render_widget(Paragraph::new(shown), input);
        let hint_y = y.saturating_add(1);
        if hint_y < status_y {
            let hint_area = Rect { y: hint_y, ..input };
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text::fit(&hint(app, field), width),
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
            text::fit(&keys(app, form), usize::from(last.width)),
            theme.style(Meaning::Muted),
        ),
    };
    frame.render_widget(Clear, last);
    frame.render_widget(Paragraph::new(status), last);
}

/// Text being edited: a value still as filled in shows selected (typing replaces it); else
/// the cursor is a reversed cell, the line scrolled so it stays in view.
fn edited<'a>(line: &LineEdit, focused: bool, width: usize, theme: &Theme) -> Line<'a> {
    let value = line.value();
    if !focused {
        return Line::raw(text::fit(&value, width));
    }
    if line.fresh && !line.is_empty() {
        return Line::styled(text::fit(&value, width), theme.style(Meaning::Selected));
    }
    let chars: Vec<char> = value.chars().collect();
    let cursor = line.cursor().min(chars.len());
    let cell = |c: &char| text::width(&c.to_string());
    // Scroll from the left until what stands before the cursor leaves room for it.
    let mut start = 0;
    while start < cursor && chars[start..cursor].iter().map(cell).sum::<usize>() + 1 > width {
        start += 1;
    }
    let before: String = chars[start..cursor].iter().collect();
    let at = chars.get(cursor).map_or(" ".to_string(), char::to_string);
    let room = width.saturating_sub(text::width(&before) + text::width(&at));
    let after: String = chars.get(cursor + 1..).unwrap_or_default().iter().collect();
    Line::from(vec![
        Span::raw(before),
        Span::styled(at, theme.style(Meaning::Selected)),
        Span::raw(text::fit(&after, room)),
    ])
}

/// The options in a row, the picked one in brackets; `‹ pick › 2/7` when they do not fit.
fn options<'a>(choice: &Choice, focused: bool, width: usize, theme: &Theme) -> Line<'a> {
    let picked = theme.style(if focused {
        Meaning::Selected
    } else {
        Meaning::Focused
    });
    let all: usize = choice.options.iter().map(|o| text::width(o) + 2).sum();
    if all > width {
        let compact = format!(
            "‹ {} › {}/{}",
            choice.value(),
            choice.index + 1,
            choice.options.len()
        );
        return Line::styled(text::fit(&compact, width), picked);
    }
    let spans = choice.options.iter().enumerate().map(|(i, option)| {
        if i == choice.index {
            Span::styled(format!("[{option}]"), picked)
        } else {
            Span::styled(format!(" {option} "), theme.style(Meaning::Muted))
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// Under a field: what it wants, the count against its limit, and for a date the day it
/// names.
fn hint(app: &App, field: &Field) -> String {
    match &field.entry {
        Entry::Text(_) => format!("{} · {}/{}", field.hint, field.len(), field.max),
        Entry::Choice(_) => field.hint.to_string(),
        Entry::Date(line) => match parse_date(&line.value(), app.today) {
            Ok(day) if !line.is_empty() => {
                format!("{} · {}", day.format("%a %-d %b %Y"), field.hint)
            }
            _ => field.hint.to_string(),
        },
    }
}

/// The status line: the keys that matter on the focused field, then save, next, close.
fn keys(app: &App, form: &Form) -> String {
    let key = |action: Action| app.keymap.key_for(Mode::Form, &action).unwrap_or_default();
    let focused = match form.fields.get(form.focus).map(|f| &f.entry) {
        Some(Entry::Choice(_)) => "a letter picks · ←/→ · ",
        Some(Entry::Date(_)) => "←/→ a day · ",
        _ => "",
    };
    format!(
        "{focused}{} saves · {} next · {} closes",
        key(Action::Submit),
        key(Action::NextField),
        key(Action::Cancel)
    )
}

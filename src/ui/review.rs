//! The review ritual: one item at a time, one key per verdict, progress shown.

use super::theme::{Meaning, Theme};
use crate::app::{Action, App, Mode, ReviewRun};
use crate::domain::{Side, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(app: &App, run: &ReviewRun, theme: &Theme, frame: &mut Frame, area: Rect) {
    let total = run.items.len();
    let shown = (run.index + 1).min(total);
    let title = format!(" Review {shown}/{total} ");
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Focused))
        .title(Line::styled(title, theme.style(Meaning::Title)));
    let key = |a: Action| {
        app.keymap
            .key_for(Mode::Review, &a)
            .unwrap_or_else(|| "?".into())
    };
    let hint = |a: Action| {
        vec![
            Span::styled(key(a.clone()), theme.style(Meaning::Key)),
            Span::raw(format!(" {}   ", a.describe_in(Mode::Review))),
        ]
    };
    let mut lines = Vec::new();
    match run.current() {
        None => {
            lines.push(Line::styled(
                if total == 0 {
                    "Nothing to review: no open commitments."
                } else {
                    "Review complete."
                },
                theme.style(Meaning::Title),
            ));
            lines.push(Line::default());
            lines.push(Line::raw(format!(
                "{} items: {}",
                total,
                run.tally.summary()
            )));
            lines.push(Line::default());
            lines.push(Line::from(
                [hint(Action::Submit), hint(Action::Cancel)].concat(),
            ));
        }
        Some(item) => {
            let c = &item.commitment;
            let (who, meaning) = match c.side {
                Side::Ours => ("We promised", Meaning::Ours),
                Side::Theirs => ("They promised", Meaning::Theirs),
            };
            lines.push(Line::styled(
                text::clean_line(&item.partner),
                theme.style(Meaning::Title),
            ));
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled(format!("{who}: "), theme.style(meaning)),
                Span::raw(text::clean_line(&c.title)),
            ]));
            if !c.detail.is_empty() {
                lines.push(Line::styled(
                    text::clean_line(&c.detail),
                    theme.style(Meaning::Muted),
                ));
            }
            let when = match c.due_on {
                None => "ongoing (charter item)".to_string(),
                Some(d) if d < app.today => {
                    format!(
                        "due {d}, {} late",
                        crate::domain::text::counted((app.today - d).num_days(), "day", "days")
                    )
                }
                Some(d) => format!("due {d}"),
            };
            lines.push(Line::styled(when, theme.style(Meaning::Muted)));
            let last = item
                .last_review
                .map_or("never reviewed".to_string(), |(on, v)| {
                    format!("last reviewed {on}: {v}")
                });
            lines.push(Line::styled(last, theme.style(Meaning::Muted)));
            lines.push(Line::default());
            let keys = if c.ongoing {
                [
                    hint(Action::Honoured),
                    hint(Action::NotHonoured),
                    hint(Action::Release),
                    hint(Action::Skip),
                ]
                .concat()
            } else {
                [
                    hint(Action::Keep),
                    hint(Action::Miss),
                    hint(Action::StillOpen),
                    hint(Action::Release),
                    hint(Action::Skip),
                ]
                .concat()
            };
            lines.push(Line::from(keys));
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("so far: {}", run.tally.summary()),
                theme.style(Meaning::Muted),
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

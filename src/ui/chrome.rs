//! Title bar, status line and the key-hint footer (generated from the keymap).

use super::theme::{Meaning, Theme};
use crate::app::{Action, App, Mode, Notice};
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = &app.data.rows;
    let count = format!(
        " {} · {} ",
        crate::domain::text::counted(rows.len() as i64, "partner", "partners"),
        app.today
    );
    let mut spans = vec![Span::styled(" pactum ", theme.style(Meaning::Title))];
    match app.data.lines_as_of {
        // The first frame of a new day: the list is yesterday's until it is caught up; that
        // says more than the motto, so it takes its place (it fits 80 columns).
        Some(day) => spans.extend([
            Span::styled(count, theme.style(Meaning::Muted)),
            Span::styled(
                format!("· list as of {day}, updating… "),
                theme.style(Meaning::Watch),
            ),
        ]),
        None => spans.extend([
            Span::styled("— agreements must be kept", theme.style(Meaning::Muted)),
            Span::raw(" "),
            Span::styled(count, theme.style(Meaning::Muted)),
        ]),
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let line = match &app.notice {
        Some(Notice::Error(msg)) => Line::styled(
            text::fit(&format!("✗ {msg}"), width),
            theme.style(Meaning::Error),
        ),
        Some(Notice::Info(msg)) => Line::styled(
            text::fit(&format!("· {msg}"), width),
            theme.style(Meaning::Info),
        ),
        None => match app.selected_row() {
            Some(row) => Line::styled(
                text::fit(
                    &format!(
                        "{} · {} · owner {}{}",
                        row.name,
                        row.stage,
                        if row.owner.is_empty() {
                            "—"
                        } else {
                            &row.owner
                        },
                        if app.show_closed {
                            " · showing closed"
                        } else {
                            ""
                        }
                    ),
                    width,
                ),
                theme.style(Meaning::Muted),
            ),
            None => Line::default(),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The most useful actions of the mode, with the keys bound to them now.
const HINTS: &[(Mode, &[Action])] = &[
    (
        Mode::Dashboard,
        &[
            Action::Help,
            Action::OpenToday,
            Action::Brief,
            Action::NextPane,
            Action::AddCommitment,
            Action::LogTouch,
            Action::Keep,
            Action::Miss,
            Action::AddPartner,
            Action::Undo,
            Action::Quit,
        ],
    ),
    (
        Mode::Form,
        &[Action::Submit, Action::NextField, Action::Cancel],
    ),
    (Mode::Confirm, &[Action::Confirm, Action::Cancel]),
    (Mode::Help, &[Action::Down, Action::Up, Action::Cancel]),
    (
        Mode::Today,
        &[
            Action::Down,
            Action::Keep,
            Action::Miss,
            Action::Release,
            Action::Undo,
            Action::LogTouch,
            Action::OpenPartner,
            Action::Brief,
            Action::Cancel,
        ],
    ),
    (
        Mode::Reader,
        &[
            Action::Down,
            Action::PageDown,
            Action::LogTouch,
            Action::OpenPartner,
            Action::Cancel,
        ],
    ),
    (
        Mode::Review,
        &[
            Action::Honoured,
            Action::NotHonoured,
            Action::Keep,
            Action::Miss,
            Action::StillOpen,
            Action::Release,
            Action::Skip,
            Action::Cancel,
        ],
    ),
    (Mode::Search, &[Action::Submit, Action::Cancel]),
    (Mode::Conflict, &[Action::KeepMine, Action::TakeTheirs]),
];

pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mode = app.mode();
    let mut spans = Vec::new();
    let mut used = 0usize;
    let wanted = HINTS
        .iter()
        .find(|(m, _)| *m == mode)
        .map(|(_, a)| *a)
        .unwrap_or(&[]);
    for action in wanted {
        let Some(key) = app.keymap.key_for(mode, action) else {
            continue;
        };
        let hint = format!(" {}", action.describe_in(mode));
        let cost = text::width(&key) + text::width(&hint) + 2;
        if used + cost > usize::from(area.width) {
            break;
        }
        used += cost;
        spans.push(Span::styled(key, theme.style(Meaning::Key)));
        spans.push(Span::styled(hint, theme.style(Meaning::Muted)));
        spans.push(Span::raw("  "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

//! The first run: what pactum is for, and one key to load the demo book.

use super::theme::{Meaning, Theme};
use crate::app::{Action, App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let key = |a: Action| {
        app.keymap
            .key_for(Mode::Dashboard, &a)
            .unwrap_or_else(|| "?".into())
    };
    let k = |a: Action| Span::styled(key(a), theme.style(Meaning::Key));
    let lines = vec![
        Line::styled("Welcome to pactum", theme.style(Meaning::Title)),
        Line::default(),
        // One paragraph, wrapped to the width there is.
        Line::from(
            "A partnership is earned. pactum keeps what you promised your partners and what \
             they promised you, both ways, and tells you when to call, when to have the brave \
             conversation, and when to walk away.",
        ),
        Line::default(),
        Line::from(vec![
            Span::raw("  "),
            k(Action::LoadDemo),
            Span::raw("  load the demo book: ten partnerships, each showing a lesson"),
        ]),
        Line::from(vec![
            Span::raw("  "),
            k(Action::AddPartner),
            Span::raw("  add your first partner"),
        ]),
        Line::from(vec![
            Span::raw("  "),
            k(Action::Help),
            Span::raw("  every key"),
        ]),
        Line::from(vec![Span::raw("  "), k(Action::Quit), Span::raw("  quit")]),
        Line::default(),
        Line::styled(
            "From a shell: pactum demo · pactum partner add NAME · pactum --help",
            theme.style(Meaning::Muted),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(theme.style(Meaning::Muted))),
        area,
    );
}

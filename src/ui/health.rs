//! The Health pane: the facts health is judged from, each a number from the book.

use super::theme::{Meaning, Theme};
use crate::app::{App, Pane};
use crate::domain::facts::{Attention, PartnerFacts, SideCounts, days_since};
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

fn owed(counts: &SideCounts) -> String {
    format!("{} open · {} overdue", counts.open, counts.overdue)
}

fn ago(days: Option<i64>) -> String {
    match days {
        None => "never".into(),
        Some(0) => "today".into(),
        Some(1) => "yesterday".into(),
        Some(d) => format!("{d} days ago"),
    }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = super::pane_block("Health", app.pane == Pane::Health, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(row) = app.selected_row() else {
        return;
    };
    let f: &PartnerFacts = &row.facts;
    let label = |s: &str| Span::styled(text::pad(s, 18), theme.style(Meaning::Muted));
    let level = |bad: bool, watch: bool| {
        if bad {
            theme.style(Meaning::Poor)
        } else if watch {
            theme.style(Meaning::Watch)
        } else {
            theme.style(Meaning::Good)
        }
    };
    let since_update = days_since(f.last_update_on, app.today);
    let cadence = i64::from(row.update_every_days);
    let update_late = since_update.is_none_or(|d| d > cadence);
    let mut lines = vec![
        Line::from(vec![
            label("We owe"),
            Span::styled(owed(&f.ours), level(f.ours.overdue > 0, false)),
        ]),
        Line::from(vec![
            label("They owe"),
            Span::styled(owed(&f.theirs), level(false, f.theirs.overdue > 0)),
        ]),
        Line::from(vec![
            label("Our last update"),
            Span::styled(
                format!("{} (agreed every {cadence})", ago(since_update)),
                level(false, update_late),
            ),
        ]),
        Line::from(vec![
            label("Their last touch"),
            Span::raw(ago(days_since(f.last_their_touch_on, app.today))),
        ]),
        Line::from(vec![
            label("Open problems"),
            Span::styled(
                format!(
                    "{} ({} awaiting a brave conversation)",
                    f.open_problems, f.unfaced_problems
                ),
                level(f.unfaced_problems > 0, f.open_problems > 0),
            ),
        ]),
    ];
    let summary = match f.attention(app.today, row.update_every_days) {
        Attention::Act => "! act: something of ours is late, or a brave conversation is due",
        Attention::Watch => "~ watch: they owe something, an update is due, or a problem is open",
        Attention::Calm => "✓ nothing pending",
    };
    lines.push(Line::default());
    lines.push(Line::styled(summary, theme.style(Meaning::Muted)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

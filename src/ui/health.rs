//! The Health pane (its document is built in `app::views::health`), and the marks of a
//! verdict in the Relationships pane.

use super::reader::wrapped;
use super::theme::{Meaning, Theme};
use crate::app::layout::inside;
use crate::app::{App, Pane};
use crate::domain::health::{Band, HealthSummary, HealthVerdict};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The meaning of a band.
pub fn band_meaning(band: Band) -> Meaning {
    match band {
        Band::Green => Meaning::Good,
        Band::Amber => Meaning::Watch,
        Band::Red => Meaning::Poor,
    }
}

/// The dot and symbol of a verdict, for the Relationships pane.
pub fn verdict_mark(health: Option<HealthSummary>) -> (&'static str, Meaning) {
    match health {
        None => ("○ ·", Meaning::Muted),
        Some(h) if h.ended => ("○ -", Meaning::Muted),
        Some(h) => match h.verdict {
            HealthVerdict::WalkAwayReview => ("● ✗", Meaning::Poor),
            HealthVerdict::AtRisk => ("● !", Meaning::Poor),
            HealthVerdict::NeedsAttention => ("● ~", Meaning::Watch),
            HealthVerdict::Healthy => ("● ✓", Meaning::Good),
            HealthVerdict::TooEarly => ("○ ?", Meaning::Muted),
        },
    }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = super::pane_block("Health", app.pane == Pane::Health, theme);
    frame.render_widget(block, area);
    let inner = inside(area);
    let Some(doc) = app.health_doc(usize::from(inner.width)) else {
        return;
    };
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .flat_map(|l| wrapped(l, theme, usize::from(inner.width)))
        .skip(usize::from(app.health_scroll))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

//! The Health pane: verdict in words, score and band, the trend, and each signal with its why
//! and next action, worst first.

use super::theme::{Meaning, Theme};
use crate::app::{App, Pane};
use crate::domain::health::{Band, Health, HealthSummary, HealthVerdict, Level};
use crate::domain::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The meaning and symbol of a signal level (the symbol says it without colour).
pub fn level_mark(level: Level) -> (&'static str, Meaning) {
    match level {
        Level::Good => ("✓", Meaning::Good),
        Level::Watch => ("~", Meaning::Watch),
        Level::Poor => ("!", Meaning::Poor),
        Level::Unknown => ("?", Meaning::Muted),
    }
}

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
        Some(h) if h.score.is_none() => ("○ ?", Meaning::Muted),
        Some(h) => match h.verdict {
            HealthVerdict::WalkAwayReview => ("● ✗", Meaning::Poor),
            HealthVerdict::AtRisk => ("● !", Meaning::Poor),
            HealthVerdict::NeedsAttention => ("● ~", band_meaning(h.level)),
            HealthVerdict::Healthy => ("● ✓", Meaning::Good),
        },
    }
}

/// Scores as a row of block characters, one per point.
pub fn sparkline(points: &[Option<u8>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| match p {
            Some(score) => BARS[usize::from(*score).min(100) * 7 / 100],
            None => '·',
        })
        .collect()
}

/// The headline of a health: "needs attention · 70/100 amber".
pub fn headline(h: &Health) -> String {
    match h.score {
        _ if h.ended => "ended — not scored".to_string(),
        Some(score) => format!("{} · {score}/100 {}", h.verdict.words(), h.level),
        None => format!("{} · no score yet", h.verdict.words()),
    }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = super::pane_block("Health", app.pane == Pane::Health, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(h) = app.selected_row().and_then(|r| app.health(r.id)) else {
        return;
    };
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled(headline(h), theme.style(band_meaning(h.level))),
        Span::styled(
            // Said only when a cap lowered the score.
            match h.uncapped_score {
                Some(uncapped) if !h.caps.is_empty() && Some(uncapped) != h.score => {
                    format!("  (capped from {uncapped})")
                }
                _ => String::new(),
            },
            theme.style(Meaning::Muted),
        ),
    ])];
    let points: Vec<Option<u8>> = app.data.trend.iter().map(|(_, s)| *s).collect();
    if !points.is_empty() {
        let weeks = points.len();
        lines.push(Line::from(vec![
            Span::styled("trend ", theme.style(Meaning::Muted)),
            Span::raw(sparkline(&points)),
            Span::styled(
                format!("  {weeks} week{}", if weeks == 1 { "" } else { "s" }),
                theme.style(Meaning::Muted),
            ),
        ]));
    }
    // The reason restates the worst signal, which is listed below; say it only when it adds
    // something: the walk-away call, or why all is well.
    let troubled = h
        .signals
        .iter()
        .any(|s| matches!(s.level, Level::Poor | Level::Watch));
    if h.verdict == HealthVerdict::WalkAwayReview || !troubled {
        lines.push(Line::raw(text::clean_line(&h.reason)));
    }
    for cap in &h.caps {
        lines.push(Line::styled(
            text::clean_line(&format!("cap: {cap}")),
            theme.style(Meaning::Watch),
        ));
    }
    let mut unknown = Vec::new();
    // An ended partnership is not assessed: no signals to act on, only why it ended.
    if h.ended {
        let partner = app.data.partner.as_ref();
        if let Some(p) = partner.filter(|p| !p.end_reason.is_empty()) {
            lines.push(Line::raw(text::clean_line(&format!(
                "ended{}: {}",
                p.ended_on.map(|d| format!(" on {d}")).unwrap_or_default(),
                p.end_reason
            ))));
        }
    }
    for s in h.signals_worst_first().into_iter().filter(|_| !h.ended) {
        if s.level == Level::Unknown {
            unknown.push(s.key.label());
            continue;
        }
        let (mark, meaning) = level_mark(s.level);
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), theme.style(meaning)),
            Span::styled(text::pad(s.key.label(), 19), theme.style(meaning)),
            Span::raw(text::clean_line(&s.value)),
        ]));
        if s.level != Level::Good {
            let detail = format!("    {} → {}", s.why, s.next_action);
            lines.push(Line::styled(
                text::fit(&detail, width.max(1) * 2),
                theme.style(Meaning::Muted),
            ));
        }
    }
    if !unknown.is_empty() {
        lines.push(Line::styled(
            format!(
                "? not enough data: {} (left out of the score)",
                unknown.join(", ")
            ),
            theme.style(Meaning::Muted),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.health_scroll, 0)),
        inner,
    );
}

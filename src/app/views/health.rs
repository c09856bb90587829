//! The Health pane as a document: verdict in words, score and band, the trend, and each signal
//! with its why and next action, worst first.

use super::level_tone;
use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::health::{Band, Health, HealthVerdict, Level};
use crate::domain::text;

/// The tone of a band.
pub fn band_tone(band: Band) -> Tone {
    match band {
        Band::Green => Tone::Good,
        Band::Amber => Tone::Watch,
        Band::Red => Tone::Poor,
    }
}

/// The tone of a verdict's colour (too early and ended have none).
pub fn verdict_tone(level: Option<Band>) -> Tone {
    level.map_or(Tone::Muted, band_tone)
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

/// The headline of a health: "needs attention · 70/100". The colour is the verdict's, so
/// the band is not said again beside the score.
pub fn headline(h: &Health) -> String {
    match h.score {
        _ if h.ended => "ended — not scored".to_string(),
        Some(score) => format!("{} · {score}/100", h.verdict.words()),
        None => "too early to judge · no score".to_string(),
    }
}

/// The Health pane of one partner at `width` cells (each why → next is cut to about two
/// rows), with the weekly `trend`, oldest first, and for an ended partner why it `ended`.
pub fn health(h: &Health, trend: &[Option<u8>], ended: Option<String>, width: usize) -> Doc {
    let mut doc = Doc::new("Health");
    // Said only when a cap lowered the score.
    let capped = match h.uncapped_score {
        Some(uncapped) if !h.caps.is_empty() && Some(uncapped) != h.score => {
            format!("  (capped from {uncapped})")
        }
        _ => String::new(),
    };
    doc.push(DocLine::new(verdict_tone(h.level), headline(h)).and(Tone::Muted, capped));
    if !trend.is_empty() {
        let weeks = trend.len();
        doc.push(
            DocLine::new(Tone::Muted, "trend ")
                .and(Tone::Plain, sparkline(trend))
                .and(
                    Tone::Muted,
                    format!("  {weeks} week{}", if weeks == 1 { "" } else { "s" }),
                ),
        );
    }
    // The reason restates the worst signal, which is listed below; say it only when it adds
    // something: the walk-away call, or why all is well.
    let troubled = h
        .signals
        .iter()
        .any(|s| matches!(s.level, Level::Poor | Level::Watch));
    if h.verdict == HealthVerdict::WalkAwayReview || !troubled {
        doc.push(DocLine::new(Tone::Plain, h.reason.clone()));
    }
    for cap in &h.caps {
        doc.push(DocLine::new(Tone::Watch, format!("cap: {cap}")));
    }
    // An ended partnership is not assessed: no signals to act on, only why it ended.
    if h.ended {
        if let Some(why) = ended {
            doc.push(DocLine::new(Tone::Plain, why));
        }
        return doc;
    }
    let mut unknown = Vec::new();
    for s in h.signals_worst_first() {
        if s.level == Level::Unknown {
            unknown.push(s.key.label());
            continue;
        }
        let (tone, mark) = level_tone(s.level);
        doc.push(
            DocLine::new(tone, format!("{mark} "))
                .and(tone, text::pad(s.key.label(), 19))
                .and(Tone::Plain, s.value.clone()),
        );
        if s.level != Level::Good {
            let detail = format!("    {} → {}", s.why, s.next_action);
            doc.push(DocLine::new(
                Tone::Muted,
                text::fit(&detail, width.max(1) * 2),
            ));
        }
    }
    if !unknown.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            format!(
                "? not enough data: {} (left out of the score)",
                unknown.join(", ")
            ),
        ));
    }
    doc
}

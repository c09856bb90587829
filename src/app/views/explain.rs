//! The explain view: how the score was made, what caps applied, the rows behind each signal,
//! and what would move the partnership to the next band.

use super::level_tone;
use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::Partner;
use crate::domain::health::{Evidence, Health};

/// The explanation of one partner's health.
pub fn explain(partner: &Partner, h: &Health, evidence: &[Evidence]) -> Doc {
    let mut doc = Doc::new(format!("Explain — {}", partner.name));
    doc.push(DocLine::new(Tone::Heading, super::headline(h)));
    doc.block(Tone::Plain, "", &h.reason);

    doc.gap();
    doc.push(DocLine::new(
        Tone::Heading,
        "Score = Σ weight share × points",
    ));
    doc.push(DocLine::new(
        Tone::Muted,
        format!(
            "  {:<20} {:>6} {:>7} {:>7} {:>6}",
            "signal", "weight", "share", "points", "adds"
        ),
    ));
    for c in &h.contributions {
        doc.push(DocLine::new(
            Tone::Plain,
            format!(
                "  {:<20} {:>6} {:>6.1}% {:>7} {:>6.1}",
                c.key.label(),
                c.weight,
                c.share * 100.0,
                c.points,
                c.contributed
            ),
        ));
    }
    let counted = h.counted_weight();
    let total = h.total_weight();
    let left_out: Vec<&str> = h.unknown_left_out.iter().map(|k| k.label()).collect();
    if left_out.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            format!("  all weights counted ({counted})"),
        ));
    } else {
        doc.push(DocLine::new(
            Tone::Muted,
            format!(
                "  re-normalised: {counted} of {total} weight counted; unknown, left out: {}",
                left_out.join(", ")
            ),
        ));
    }
    match (h.uncapped_score, h.score) {
        (Some(u), Some(s)) if u != s => {
            doc.push(DocLine::new(Tone::Watch, format!("  capped: {u} → {s}")))
        }
        _ => {}
    }
    for cap in &h.caps {
        doc.push(DocLine::new(Tone::Watch, format!("  cap: {cap}")));
    }

    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Next band"));
    doc.block(Tone::Plain, "  ", &h.next_band_hint());

    for s in &h.signals {
        doc.gap();
        let (tone, mark) = level_tone(s.level);
        doc.push(
            DocLine::new(tone, format!("{mark} {} ", s.key.label()))
                .and(Tone::Muted, format!("({}, weight {})", s.level, s.weight)),
        );
        doc.block(Tone::Plain, "  ", &s.value);
        if !s.why.is_empty() {
            doc.block(Tone::Muted, "  why: ", &s.why);
        }
        if !s.next_action.is_empty() {
            doc.block(Tone::Muted, "  next: ", &s.next_action);
        }
        if let Some(ev) = evidence.iter().find(|e| e.key == s.key) {
            for row in &ev.rows {
                doc.block(Tone::Muted, "    · ", row);
            }
            if ev.more > 0 {
                doc.push(DocLine::new(
                    Tone::Muted,
                    format!("    · … and {} more", ev.more),
                ));
            }
        }
    }
    doc
}

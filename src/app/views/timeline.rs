//! A partner's timeline as a document: newest first, full text.

use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::Partner;
use crate::domain::timeline::Entry;
use crate::store::Event;

/// The timeline of one partner, then who changed what.
pub fn timeline(partner: &Partner, entries: &[Entry], changes: &[Event]) -> Doc {
    let mut doc = Doc::new(format!("Timeline — {}", partner.name));
    if entries.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            "Nothing logged yet: t logs a touch.",
        ));
    }
    for e in entries {
        let tone = if e.alarm { Tone::Poor } else { Tone::Muted };
        doc.push(DocLine::new(Tone::Muted, format!("{} ", e.on)).and(tone, e.what.clone()));
        doc.block(Tone::Plain, "    ", &e.text);
    }
    if !changes.is_empty() {
        doc.gap();
        doc.push(DocLine::new(Tone::Heading, "Who changed what"));
        for ev in changes {
            let at = ev.at.replace('T', " ").trim_end_matches('Z').to_string();
            let undone = if ev.undone { " (undone)" } else { "" };
            doc.push(
                DocLine::new(Tone::Muted, format!("  {at} UTC "))
                    .and(Tone::Plain, format!("{}: ", ev.who))
                    .and(Tone::Plain, format!("{}{undone}", ev.summary)),
            );
        }
    }
    doc
}

//! A partner's timeline as a document: newest first, full text.

use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::Partner;
use crate::domain::timeline::Entry;

/// The timeline of one partner.
pub fn timeline(partner: &Partner, entries: &[Entry]) -> Doc {
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
    doc
}

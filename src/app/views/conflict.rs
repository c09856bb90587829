//! The conflict overlay as a document: each field both edits changed, both values in full,
//! what was merged, and the keys that settle it.

use crate::app::conflict::Conflict;
use crate::app::doc::{Doc, DocLine, Tone};
use crate::app::{Action, Keymap, Mode};

/// The document the conflict overlay shows and scrolls.
pub fn conflict(c: &Conflict, keymap: &Keymap) -> Doc {
    let mut doc = Doc::new("Someone else saved this first");
    let key = |a: &Action| keymap.key_for(Mode::Conflict, a).unwrap_or_default();
    for (field, mine, theirs) in &c.rows {
        doc.push(DocLine::new(Tone::Heading, field.clone()));
        doc.push(DocLine::new(Tone::Ours, "  yours"));
        doc.block(Tone::Plain, "    ", or_empty(mine));
        doc.push(DocLine::new(Tone::Theirs, "  theirs (saved)"));
        doc.block(Tone::Plain, "    ", or_empty(theirs));
        doc.gap();
    }
    if c.rows.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            "the saved version has the same values as yours",
        ));
    }
    if !c.merged.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            format!(
                "Their change to {} is kept either way.",
                c.merged.join(", ")
            ),
        ));
    }
    doc.gap();
    doc.push(
        DocLine::new(Tone::Key, key(&Action::KeepMine))
            .and(Tone::Plain, " keep mine (overwrite theirs)   ")
            .and(Tone::Key, key(&Action::TakeTheirs))
            .and(Tone::Plain, " take theirs (drop mine)"),
    );
    if let Some(down) = keymap.key_for(Mode::Conflict, &Action::Down) {
        let up = key(&Action::Up);
        doc.push(DocLine::new(Tone::Muted, format!("{down}/{up} scroll")));
    }
    doc
}

fn or_empty(value: &str) -> &str {
    if value.is_empty() { "(empty)" } else { value }
}

//! The help overlay as a document, generated from the keymap so it cannot drift from the
//! bindings.

use crate::app::doc::{Doc, DocLine, Tone};
use crate::app::{Action, Keymap, Mode};
use crate::domain::text;

/// Every mode's bindings under a heading, how typing in a form works and the words pactum
/// uses, then the marks.
pub fn help(keymap: &Keymap) -> Doc {
    let close = keymap.name_of(Mode::Help, &Action::Cancel);
    let mut doc = Doc::new(format!("Help — {close} closes"));
    if let Some(bottom) = keymap.key_for(Mode::Help, &Action::Bottom) {
        doc.push(DocLine::new(
            Tone::Muted,
            format!(
                "Words such as charter, slip, brave conversation: explained at the end ({bottom})."
            ),
        ));
        doc.gap();
    }
    for (mode, heading) in [
        (Mode::Dashboard, "Dashboard"),
        (Mode::Today, "Today"),
        (Mode::Reader, "Brief, timeline, explain"),
        (Mode::Review, "Review"),
        (Mode::Search, "Search"),
        (Mode::Form, "Forms"),
        (Mode::Confirm, "Confirm"),
        (Mode::Letter, "Update or plan for a partner"),
        (Mode::LetterText, "Editing a letter here"),
    ] {
        doc.push(DocLine::new(Tone::Heading, heading));
        for (keys, action) in keymap.bindings(mode) {
            doc.push(
                DocLine::new(Tone::Key, text::pad(&keys.join(" "), 22))
                    .and(Tone::Plain, action.describe_in(mode)),
            );
        }
        doc.gap();
    }
    super::glossary::append(&mut doc);
    doc.push(DocLine::new(
        Tone::Muted,
        "Marks: ! overdue  ~ due within 7 days  ∞ ongoing  ✓ kept  ✗ missed  – released",
    ));
    doc.push(DocLine::new(
        Tone::Muted,
        "Keys come from assets/keymap.toml; override them in your config file.",
    ));
    doc
}

/// The width of the widest line, in cells.
pub fn widest(doc: &Doc) -> usize {
    // Lines that hang under a column wrap to the width the others set.
    doc.lines
        .iter()
        .filter(|l| l.hang == 0)
        .map(|l| text::width(&l.plain()))
        .max()
        .unwrap_or(0)
}

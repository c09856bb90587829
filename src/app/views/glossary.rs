//! What help says beyond the keys: how typing in a form works, and the words pactum uses.

use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::text;

/// Where the meanings start, as the keys' descriptions above them.
const COLUMN: usize = 22;

/// Typing in a form: the keys a field takes itself (not rebindable, so not in the keymap).
const FORM_TYPING: &[(&str, &str)] = &[
    (
        "a letter, 1-5",
        "on a choice (kind, by, side, stage, severity…): picks the option it starts and moves on; again on the same field, the next option with that letter",
    ),
    (
        "←/→ space",
        "on a choice: the previous / next option, staying on the field",
    ),
    (
        "←/→",
        "on a date as filled in (shown selected): a day earlier / later; alt-←/→ at any time. A date takes YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2w",
    ),
    (
        "typing",
        "replaces a value as filled in (shown selected); after home, end or ←/→ it inserts",
    ),
    ("ctrl-a ctrl-e", "start / end of the line"),
    ("ctrl-u ctrl-k", "delete to the start / to the end"),
    ("ctrl-w", "delete the word before the cursor"),
];

/// The words of the dashboard, briefly.
const WORDS: &[(&str, &str)] = &[
    (
        "charter",
        "the standing intentions and expectations both sides state at the first meeting: ongoing commitments with no due day, reviewed (honoured or not) rather than kept once",
    ),
    (
        "touch",
        "any contact: call, meeting, email, message; an update is progress we shared",
    ),
    (
        "care touch",
        "a touch with no ask and no immediate return; it counts as care, never as effort one way",
    ),
    (
        "bad news",
        "a touch that disclosed a difficulty to them; telling them is what clears a slip",
    ),
    (
        "slip",
        "a promise of ours that broke: went overdue, was missed, kept late or re-dated late; it stays in the record, and Today says 'tell them' until a bad-news touch does",
    ),
    (
        "released",
        "a commitment dropped by agreement: neither kept nor missed",
    ),
    (
        "severity, reaction",
        "of a problem, 1-5: how bad it really is, and how hard they reacted",
    ),
    (
        "brave conversation",
        "talking openly with them when the reaction outweighs the problem (reaction 2 or more above severity); recorded on the problem",
    ),
    (
        "switched off",
        "signed, then weeks without a touch from us: the fault named is ours",
    ),
    (
        "walk-away review",
        "reciprocity and momentum both poor (commitment dwindling, effort one way): decide whether to go on, and tell them why",
    ),
    (
        "too early",
        "not enough evidence to judge yet; the first step is to state intentions and expectations, with dates",
    ),
];

/// Appends the form typing keys and the glossary to help.
pub fn append(doc: &mut Doc) {
    doc.push(DocLine::new(Tone::Heading, "Typing in a form"));
    for (keys, what) in FORM_TYPING {
        doc.push(
            DocLine::new(Tone::Key, text::pad(keys, COLUMN))
                .and(Tone::Plain, *what)
                .hanging(COLUMN),
        );
    }
    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Words"));
    for (word, meaning) in WORDS {
        doc.push(
            DocLine::new(Tone::Key, text::pad(word, COLUMN))
                .and(Tone::Plain, *meaning)
                .hanging(COLUMN),
        );
    }
    doc.gap();
}

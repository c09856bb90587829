//! The Today agenda as a document: sections with counts, each line actionable.

use crate::app::doc::{Doc, DocLine, Target, Tone};
use crate::domain::agenda::{Agenda, SectionKind};

fn tone(kind: SectionKind) -> Tone {
    match kind {
        SectionKind::OursOverdue
        | SectionKind::WeSlipped
        | SectionKind::SwitchedOff
        | SectionKind::Slipping
        | SectionKind::BraveConversation => Tone::Poor,
        SectionKind::TheirsOverdue | SectionKind::UpdateOwed | SectionKind::CharterReview => {
            Tone::Watch
        }
        SectionKind::DueSoon => Tone::DueSoon,
    }
}

/// Lines per section on the Today screen (a screenful of a large terminal; acting on a line
/// brings the next one in); `pactum today` prints them all.
pub const SCREEN_SECTION_LINES: usize = 50;

/// The agenda of `agenda.today`: each heading with its full count, the lines the agenda holds
/// (a screenful, or all of them), and how many more there are.
pub fn today(agenda: &Agenda) -> Doc {
    let mut doc = Doc::new(format!("Today — {}", agenda.today));
    if agenda.is_empty() {
        doc.push(DocLine::new(
            Tone::Good,
            "Nothing is overdue or due this week on either side, every partner has had their update, and no partnership is slipping.",
        ));
        return doc;
    }
    for section in &agenda.sections {
        doc.gap();
        doc.push(
            DocLine::new(Tone::Heading, section.heading)
                .and(Tone::Muted, format!(" ({})", section.total)),
        );
        for item in &section.items {
            let target = Target {
                partner_id: item.partner_id,
                commitment_id: item.commitment_id,
                problem_id: item.problem_id,
            };
            doc.push(
                DocLine::new(tone(section.kind), "  • ")
                    .and(Tone::Plain, format!("{}: ", item.partner))
                    .and(Tone::Plain, item.text.clone())
                    .on(target),
            );
        }
        if section.total > section.items.len() {
            doc.push(DocLine::new(
                Tone::Muted,
                format!(
                    "  … and {} more (pactum today lists them all)",
                    section.total - section.items.len()
                ),
            ));
        }
    }
    doc
}

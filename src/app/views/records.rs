//! The selected partner's open problems and contacts, as the Health pane's last sections.

use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::{Contact, Problem};

/// Appends "Open problems" (each with its number, the brave conversation and its note) and
/// "Contacts" to `doc`. `keys` are the bound keys for (brave, resolve, add contact), as shown.
pub fn problems_and_contacts(
    doc: &mut Doc,
    problems: &[Problem],
    contacts: &[Contact],
    keys: [&str; 3],
) {
    let [brave, resolve, add_contact] = keys;
    let open: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.resolved_on.is_none())
        .collect();
    if !open.is_empty() {
        doc.gap();
        doc.push(DocLine::new(Tone::Heading, "Open problems").and(
            Tone::Muted,
            format!(" ({brave} brave conversation, {resolve} resolve)"),
        ));
        for p in open {
            let (tone, state) = match p.brave_conversation_on {
                Some(on) => (Tone::Watch, format!("brave conversation {on}")),
                None if p.is_disproportionate() => {
                    (Tone::Poor, "awaiting a brave conversation".to_string())
                }
                None => (Tone::Watch, "open".to_string()),
            };
            doc.push(
                DocLine::new(tone, format!("#{} ", p.id))
                    .and(Tone::Plain, p.summary.clone())
                    .and(
                        Tone::Muted,
                        format!(
                            " — severity {}, reaction {}, {state}",
                            p.severity, p.reaction
                        ),
                    ),
            );
            if !p.brave_note.is_empty() {
                doc.block(Tone::Muted, "    ", &p.brave_note);
            }
        }
    }
    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Contacts"));
    if contacts.is_empty() {
        doc.push(DocLine::new(
            Tone::Muted,
            format!("none recorded: {add_contact} adds who to call"),
        ));
    }
    for c in contacts {
        let reach: Vec<&str> = [c.role.as_str(), c.email.as_str(), c.phone.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut line = DocLine::new(Tone::Plain, c.name.clone());
        if !reach.is_empty() {
            line = line.and(Tone::Muted, format!(" — {}", reach.join(" · ")));
        }
        doc.push(line);
    }
}

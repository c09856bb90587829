//! The pre-call brief as a document, good to read aloud.

use super::level_tone;
use crate::app::doc::{Doc, DocLine, Tone};
use crate::domain::brief::Brief;
use crate::domain::health::Level;
use crate::domain::{Commitment, Side};
use chrono::NaiveDate;

fn due(c: &Commitment, today: NaiveDate) -> (Tone, String) {
    match c.due_on.map(|d| (d, (d - today).num_days())) {
        Some((d, n)) if n < 0 => (
            Tone::Overdue,
            format!(
                "{d}, {} late",
                crate::domain::text::counted(-n, "day", "days")
            ),
        ),
        Some((d, n)) if n <= 7 => (Tone::DueSoon, format!("{d}, in {n} days")),
        Some((d, _)) => (Tone::Muted, d.to_string()),
        None => (Tone::Muted, "ongoing".into()),
    }
}

/// The brief of one partner on `today`.
pub fn brief(b: &Brief, today: NaiveDate) -> Doc {
    let p = &b.partner;
    let mut doc = Doc::new(format!("Brief — {}", p.name));
    let signed = p
        .signed_on
        .map_or("not signed".to_string(), |d| format!("signed {d}"));
    let owner = if p.owner.is_empty() {
        "no owner".to_string()
    } else {
        format!("owner {}", p.owner)
    };
    doc.push(DocLine::new(
        Tone::Plain,
        format!(
            "{} · {signed} · {owner} · updates every {} days",
            p.stage, p.update_every_days
        ),
    ));
    doc.push(DocLine::new(Tone::Heading, "Health: ").and(Tone::Plain, super::headline(&b.health)));
    doc.block(Tone::Muted, "  ", &b.health.reason);
    for s in b
        .health
        .signals_worst_first()
        .into_iter()
        .filter(|s| matches!(s.level, Level::Poor | Level::Watch))
    {
        let (tone, mark) = level_tone(s.level);
        doc.push(
            DocLine::new(tone, format!("  {mark} {}: ", s.key.label()))
                .and(Tone::Plain, s.value.clone()),
        );
    }

    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Talking points"));
    for (i, point) in b.talking_points.iter().enumerate() {
        doc.push(DocLine::new(Tone::Plain, format!("  {}. {point}", i + 1)));
    }

    if !b.our_slips.is_empty() {
        doc.gap();
        doc.push(
            DocLine::new(Tone::Poor, "Our slips, last 30 days")
                .and(Tone::Muted, format!(" ({})", b.our_slips.len())),
        );
        for s in &b.our_slips {
            let told = if s.told { "told" } else { "not told yet" };
            doc.push(
                DocLine::new(
                    Tone::Plain,
                    format!("  {} — broke {}, ", s.commitment.title, s.broke_on),
                )
                .and(if s.told { Tone::Muted } else { Tone::Poor }, told),
            );
        }
    }

    for (side, list) in [(Side::Ours, &b.ours_open), (Side::Theirs, &b.theirs_open)] {
        doc.gap();
        let (heading, tone) = match side {
            Side::Ours => ("We promised (open)", Tone::Ours),
            Side::Theirs => ("They promised (open)", Tone::Theirs),
        };
        doc.push(DocLine::new(tone, heading).and(Tone::Muted, format!(" ({})", list.len())));
        if list.is_empty() {
            doc.push(DocLine::new(Tone::Muted, "  nothing open"));
        }
        for c in list.iter() {
            let (t, when) = due(c, today);
            doc.push(DocLine::new(t, format!("  {when}: ")).and(Tone::Plain, c.title.clone()));
        }
    }

    if !b.problems.is_empty() {
        doc.gap();
        doc.push(DocLine::new(Tone::Heading, "Open problems"));
        for pr in &b.problems {
            let tone = if pr.is_disproportionate() && pr.brave_conversation_on.is_none() {
                Tone::Poor
            } else {
                Tone::Watch
            };
            let brave = pr
                .brave_conversation_on
                .map_or("no brave conversation yet".to_string(), |d| {
                    format!("brave conversation {d}")
                });
            doc.push(
                DocLine::new(
                    tone,
                    format!(
                        "  severity {} · reaction {} · {brave}: ",
                        pr.severity, pr.reaction
                    ),
                )
                .and(Tone::Plain, pr.summary.clone()),
            );
            if !pr.brave_note.is_empty() {
                doc.block(Tone::Muted, "      ", &pr.brave_note);
            }
        }
    }

    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Who to call"));
    if b.contacts.is_empty() {
        doc.push(DocLine::new(Tone::Muted, "  no contacts recorded"));
    }
    for c in &b.contacts {
        let reach: Vec<&str> = [c.role.as_str(), c.email.as_str(), c.phone.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        doc.push(
            DocLine::new(Tone::Plain, format!("  {}", c.name))
                .and(Tone::Muted, format!(" — {}", reach.join(" · "))),
        );
        if !c.note.is_empty() {
            doc.block(Tone::Muted, "      ", &c.note);
        }
    }

    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "What they want"));
    for (label, value) in [
        ("Desired outcome", &p.desired_outcome),
        ("Their goals", &p.their_goals),
        ("Their constraints", &p.their_constraints),
    ] {
        let shown = if value.is_empty() {
            "—"
        } else {
            value.as_str()
        };
        doc.push(
            DocLine::new(Tone::Muted, format!("  {label}: ")).and(Tone::Plain, shown.to_string()),
        );
    }

    doc.gap();
    doc.push(
        DocLine::new(Tone::Heading, "Charter").and(Tone::Muted, " (intentions and expectations)"),
    );
    if b.charter.is_empty() {
        doc.push(DocLine::new(Tone::Muted, "  no charter items"));
    }
    for item in &b.charter {
        let c = &item.commitment;
        let (tone, who) = if c.side == Side::Ours {
            (Tone::Ours, "we")
        } else {
            (Tone::Theirs, "they")
        };
        let review = item
            .last_review
            .map_or("never reviewed".to_string(), |(on, v)| {
                format!("{v} on {on}")
            });
        doc.push(
            DocLine::new(tone, format!("  {who}: "))
                .and(Tone::Plain, c.title.clone())
                .and(Tone::Muted, format!(" — {review}")),
        );
    }

    doc.gap();
    doc.push(DocLine::new(Tone::Heading, "Last touches"));
    if b.touches.is_empty() {
        doc.push(DocLine::new(Tone::Muted, "  none logged"));
    }
    for t in &b.touches {
        let news = if t.bad_news { ", bad news" } else { "" };
        doc.push(DocLine::new(
            Tone::Muted,
            format!("  {} {} by {}{news}", t.on, t.kind, t.initiated_by),
        ));
        doc.block(Tone::Plain, "    ", &t.summary);
    }
    doc
}

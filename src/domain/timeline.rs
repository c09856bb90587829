//! A partner's history, newest first: touches, problems and status changes, in full text.

use super::{Commitment, Problem, Review, Side, Status, Touch};
use chrono::NaiveDate;
use serde::Serialize;

/// One moment in a partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub on: NaiveDate,
    /// What kind of moment: "call by us", "problem opened", "kept (ours)" …
    pub what: String,
    /// The full text.
    pub text: String,
    /// A difficulty disclosed, a disproportionate reaction, a missed promise.
    pub alarm: bool,
}

/// Builds the timeline from a partner's rows, newest first (ties: touches before status changes).
pub fn build(
    touches: &[Touch],
    problems: &[Problem],
    commitments: &[Commitment],
    reviews: &[Review],
) -> Vec<Entry> {
    let mut entries: Vec<(NaiveDate, u8, i64, Entry)> = Vec::new();
    for t in touches {
        let mut what = format!("{} by {}", t.kind, t.initiated_by);
        if t.bad_news {
            what.push_str(", bad news");
        }
        entries.push((
            t.on,
            0,
            t.id,
            Entry {
                on: t.on,
                what,
                // An update kept as it was sent is shown whole.
                text: if t.body.trim().is_empty() {
                    t.summary.clone()
                } else {
                    t.body.clone()
                },
                alarm: t.bad_news,
            },
        ));
    }
    for p in problems {
        let alarm = p.is_disproportionate();
        let text = format!(
            "{} (severity {}, reaction {})",
            p.summary, p.severity, p.reaction
        );
        entries.push((
            p.opened_on,
            1,
            p.id,
            Entry {
                on: p.opened_on,
                what: "problem opened".into(),
                text: text.clone(),
                alarm,
            },
        ));
        if let Some(on) = p.brave_conversation_on {
            let note = if p.brave_note.is_empty() {
                p.summary.clone()
            } else {
                format!("{} — {}", p.summary, p.brave_note)
            };
            entries.push((
                on,
                1,
                p.id,
                Entry {
                    on,
                    what: "brave conversation".into(),
                    text: note,
                    alarm: false,
                },
            ));
        }
        if let Some(on) = p.resolved_on {
            entries.push((
                on,
                1,
                p.id,
                Entry {
                    on,
                    what: "problem resolved".into(),
                    text: p.summary.clone(),
                    alarm: false,
                },
            ));
        }
    }
    for c in commitments {
        let side = match c.side {
            Side::Ours => "we promised",
            Side::Theirs => "they promised",
        };
        let due = c
            .due_on
            .map(|d| format!(" (due {d})"))
            .unwrap_or_else(|| " (ongoing)".into());
        entries.push((
            c.made_on,
            2,
            c.id,
            Entry {
                on: c.made_on,
                what: side.into(),
                text: format!("{}{due}", c.title),
                alarm: false,
            },
        ));
        if let (Some(on), status) = (c.closed_on, c.status)
            && status != Status::Open
        {
            let who = if c.side == Side::Ours {
                "ours"
            } else {
                "theirs"
            };
            entries.push((
                on,
                2,
                c.id,
                Entry {
                    on,
                    what: format!("{status} ({who})"),
                    text: c.title.clone(),
                    alarm: status == Status::Missed,
                },
            ));
        }
    }
    for r in reviews {
        let title = commitments
            .iter()
            .find(|c| c.id == r.commitment_id)
            .map_or("", |c| c.title.as_str());
        let text = if r.note.is_empty() {
            title.to_string()
        } else {
            format!("{title} — {}", r.note)
        };
        entries.push((
            r.on,
            3,
            r.id,
            Entry {
                on: r.on,
                what: format!("reviewed: {}", r.verdict),
                text,
                alarm: false,
            },
        ));
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    entries.into_iter().map(|(_, _, _, e)| e).collect()
}

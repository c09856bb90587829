//! The partnership's one-page plan, to share with the partner: the outcome we work towards,
//! their goals and constraints as we understand them, the charter (our intentions, their
//! expectations) with when each was last reviewed and how, both sides' open commitments, and
//! what each side kept lately. Only what the partner may see: no health, no signals, no notes,
//! no other partner.

use super::wording::{PlanWording, fill};
use crate::domain::brief::CharterItem;
use crate::domain::{Commitment, Partner, Side, Status, Verdict};
use chrono::NaiveDate;

/// Days back the plan lists what each side kept.
pub const KEPT_DAYS: i64 = 90;

/// What the plan is drawn from: one partner's records.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanBook {
    pub partner: Partner,
    /// Ongoing items, open, with their last review.
    pub charter: Vec<CharterItem>,
    /// Every commitment of the partner, both sides, open and closed.
    pub commitments: Vec<Commitment>,
}

/// One line of the plan: the partner's own words and, after them, ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub text: String,
    pub note: String,
}

/// A titled part of the plan: prose (`text`) or a list of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    pub heading: String,
    pub text: Option<String>,
    pub lines: Vec<PlanLine>,
}

/// The plan, in parts, each already in the wording's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub as_of: String,
    pub parts: Vec<PlanPart>,
    /// Said under an empty list.
    pub nothing: String,
}

fn prose(heading: &str, text: &str) -> Option<PlanPart> {
    (!text.trim().is_empty()).then(|| PlanPart {
        heading: heading.to_string(),
        text: Some(text.trim().to_string()),
        lines: Vec::new(),
    })
}

fn list(heading: String, lines: Vec<PlanLine>) -> PlanPart {
    PlanPart {
        heading,
        text: None,
        lines,
    }
}

fn charter(items: &[CharterItem], side: Side, w: &PlanWording) -> Vec<PlanLine> {
    items
        .iter()
        .filter(|i| i.commitment.side == side && i.commitment.status == Status::Open)
        .map(|i| PlanLine {
            text: i.commitment.title.trim().to_string(),
            note: match i.last_review {
                Some((on, Verdict::Honoured)) => {
                    fill(&w.reviewed_honoured, &[("on", &on.to_string())])
                }
                Some((on, Verdict::NotHonoured)) => {
                    fill(&w.reviewed_not_honoured, &[("on", &on.to_string())])
                }
                None => w.not_reviewed.clone(),
            },
        })
        .collect()
}

fn open(all: &[Commitment], side: Side, w: &PlanWording, today: NaiveDate) -> Vec<PlanLine> {
    let mut items: Vec<&Commitment> = all
        .iter()
        .filter(|c| c.side == side && !c.ongoing && c.status == Status::Open)
        .collect();
    items.sort_by_key(|c| (c.due_on.is_none(), c.due_on, c.id));
    items
        .into_iter()
        .map(|c| PlanLine {
            text: c.title.trim().to_string(),
            note: match c.due_on {
                Some(d) if d < today => fill(&w.past_due, &[("due", &d.to_string())]),
                Some(d) => fill(&w.due, &[("due", &d.to_string())]),
                None => w.no_due.clone(),
            },
        })
        .collect()
}

fn kept(all: &[Commitment], side: Side, w: &PlanWording, today: NaiveDate) -> Vec<PlanLine> {
    let from = today - chrono::Days::new(KEPT_DAYS.unsigned_abs());
    let mut items: Vec<&Commitment> = all
        .iter()
        .filter(|c| c.side == side && c.status == Status::Kept)
        .filter(|c| c.closed_on.is_some_and(|d| d >= from && d <= today))
        .collect();
    items.sort_by_key(|c| (c.closed_on, c.id));
    items
        .into_iter()
        .map(|c| PlanLine {
            text: c.title.trim().to_string(),
            note: fill(
                &w.kept_on,
                &[(
                    "on",
                    &c.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                )],
            ),
        })
        .collect()
}

/// The plan of `book` on `today` in the words of `w`.
pub fn plan(book: &PlanBook, w: &PlanWording, today: NaiveDate) -> Plan {
    let p = &book.partner;
    let name = p.name.trim();
    let days = KEPT_DAYS.to_string();
    let mut parts: Vec<PlanPart> = [
        prose(&w.outcome, &p.desired_outcome),
        prose(&w.their_goals, &p.their_goals),
        prose(&w.their_constraints, &p.their_constraints),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.push(list(
        w.intentions.clone(),
        charter(&book.charter, Side::Ours, w),
    ));
    parts.push(list(
        w.expectations.clone(),
        charter(&book.charter, Side::Theirs, w),
    ));
    parts.push(list(
        w.ours_open.clone(),
        open(&book.commitments, Side::Ours, w, today),
    ));
    parts.push(list(
        w.theirs_open.clone(),
        open(&book.commitments, Side::Theirs, w, today),
    ));
    parts.push(list(
        fill(&w.ours_kept, &[("days", &days)]),
        kept(&book.commitments, Side::Ours, w, today),
    ));
    parts.push(list(
        fill(&w.theirs_kept, &[("days", &days)]),
        kept(&book.commitments, Side::Theirs, w, today),
    ));
    parts.retain(|part| !part.heading.is_empty());
    Plan {
        title: fill(&w.title, &[("partner", name)]),
        as_of: fill(
            &w.as_of,
            &[("today", &today.to_string()), ("partner", name)],
        ),
        parts,
        nothing: w.nothing.clone(),
    }
}

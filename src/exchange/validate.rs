//! The rules a record must meet before it is written: the same limits and invariants the book
//! enforces on every add (domain::limits and the schema's CHECKs), checked before any write so
//! that an error can name its record and field.

use super::book::{
    Book, CommitmentRecord, ContactRecord, FORMAT, PartnerRecord, ProblemRecord, ReviewRecord,
    TouchRecord,
};
use super::error::ImportError;
use crate::domain::Status;
use crate::domain::limits::{self, LETTER_MAX, NAME_MAX, TAG_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::{chronology, dates};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A field at fault and why.
pub type FieldError = (&'static str, String);

fn text(field: &'static str, value: &str, max: usize, required: bool) -> Result<(), FieldError> {
    limits::check(field, value, max, required)
        .map(drop)
        .map_err(|e| (field, e))
}

/// A partner's own fields (not its records).
pub fn partner(p: &PartnerRecord) -> Result<(), FieldError> {
    text("name", &p.name, NAME_MAX, true)?;
    text("desired_outcome", &p.desired_outcome, TEXT_MAX, false)?;
    text("their_goals", &p.their_goals, TEXT_MAX, false)?;
    text("their_constraints", &p.their_constraints, TEXT_MAX, false)?;
    text("end_reason", &p.end_reason, TEXT_MAX, false)?;
    text("owner", &p.owner, NAME_MAX, false)?;
    limits::check_cadence(p.update_every_days.into()).map_err(|e| ("update_every_days", e))?;
    let days = [
        ("signed_on", "signing day", p.signed_on),
        ("ended_on", "ending day", p.ended_on),
        ("created_on", "day added", Some(p.created_on)),
    ];
    for (field, name, on) in days {
        if let Some(on) = on {
            dates::in_range(name, on).map_err(|e| (field, e))?;
        }
    }
    for tag in &p.tags {
        text("tags", tag, TAG_MAX, true)?;
        if tag.contains(',') {
            return Err(("tags", format!("tag {tag:?} contains a comma")));
        }
    }
    Ok(())
}

/// A key person.
pub fn contact(c: &ContactRecord) -> Result<(), FieldError> {
    text("name", &c.name, NAME_MAX, true)?;
    text("role", &c.role, TEXT_MAX, false)?;
    text("email", &c.email, TEXT_MAX, false)?;
    text("phone", &c.phone, TEXT_MAX, false)?;
    text("note", &c.note, TEXT_MAX, false)
}

/// A day rule of [`chronology`], naming the record's field when it is broken.
fn day(field: &'static str, rule: Result<(), String>) -> Result<(), FieldError> {
    rule.map_err(|e| (field, e))
}

/// A commitment: an ongoing item has no due day; only open items have no closing day; it was
/// made by `today`, is due no earlier than it was made, and closed between the two.
pub fn commitment(c: &CommitmentRecord, today: NaiveDate) -> Result<(), FieldError> {
    text("title", &c.title, TITLE_MAX, true)?;
    text("detail", &c.detail, TEXT_MAX, false)?;
    text("owner", &c.owner, NAME_MAX, false)?;
    if c.ongoing && c.due_on.is_some() {
        return Err((
            "due_on",
            "an ongoing commitment has no due date".to_string(),
        ));
    }
    match (c.status, c.closed_on) {
        (Status::Open, Some(_)) => {
            return Err((
                "closed_on",
                "an open commitment has no closing day".to_string(),
            ));
        }
        (Status::Open, None) | (_, Some(_)) => {}
        (status, None) => {
            return Err((
                "closed_on",
                format!("a {status} commitment needs the day it was closed"),
            ));
        }
    }
    day(
        "made_on",
        chronology::not_after_today("made day", c.made_on, today),
    )?;
    if let Some(due) = c.due_on {
        day(
            "due_on",
            chronology::not_before("due day", due, "made day", c.made_on),
        )?;
    }
    if let Some(closed) = c.closed_on {
        day(
            "closed_on",
            chronology::closing_day(closed, c.made_on, today),
        )?;
    }
    Ok(())
}

/// A review of an ongoing commitment made on `made_on`: between that day and `today`.
pub fn review(r: &ReviewRecord, made_on: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    text("note", &r.note, TEXT_MAX, false)?;
    day(
        "on",
        chronology::follows("review day", r.on, "made day", made_on, today),
    )
}

/// A touch, on a day no later than `today`.
pub fn touch(t: &TouchRecord, today: NaiveDate) -> Result<(), FieldError> {
    text("summary", &t.summary, TEXT_MAX, true)?;
    text("body", &t.body, LETTER_MAX, false)?;
    day("on", chronology::not_after_today("touch day", t.on, today))
}

/// A problem, opened by `today`; its brave conversation and resolution between then and today.
pub fn problem(p: &ProblemRecord, today: NaiveDate) -> Result<(), FieldError> {
    text("summary", &p.summary, TITLE_MAX, true)?;
    text("brave_note", &p.brave_note, TEXT_MAX, false)?;
    limits::check_rating("severity", p.severity.into()).map_err(|e| ("severity", e))?;
    limits::check_rating("reaction", p.reaction.into()).map_err(|e| ("reaction", e))?;
    day(
        "opened_on",
        chronology::not_after_today("problem day", p.opened_on, today),
    )?;
    if let Some(brave) = p.brave_conversation_on {
        let rule = chronology::follows(
            "brave conversation day",
            brave,
            "problem day",
            p.opened_on,
            today,
        );
        day("brave_conversation_on", rule)?;
    }
    if let Some(resolved) = p.resolved_on {
        let rule = chronology::follows("resolved day", resolved, "problem day", p.opened_on, today);
        day("resolved_on", rule)?;
    }
    Ok(())
}

/// Checks a whole document, naming the first bad record by its path in the document. `today`
/// is the day nothing may be recorded after.
pub fn validate(book: &Book, today: NaiveDate) -> Result<(), ImportError> {
    if book.format != FORMAT {
        return Err(ImportError::record(
            "",
            "format",
            format!(
                "this is {:?}, and this pactum reads {FORMAT:?}",
                book.format
            ),
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in book.partners.iter().enumerate() {
        let at =
            |path: String| move |(field, why): FieldError| ImportError::record(path, field, why);
        let base = format!("partners[{i}]");
        partner(p).map_err(at(base.clone()))?;
        if let Some(first) = seen.insert(p.key(), i) {
            return Err(ImportError::record(
                base,
                "name",
                format!("{:?} is also the name of partners[{first}]", p.name),
            ));
        }
        for (j, c) in p.contacts.iter().enumerate() {
            contact(c).map_err(at(format!("{base}.contacts[{j}]")))?;
        }
        for (j, c) in p.commitments.iter().enumerate() {
            let path = format!("{base}.commitments[{j}]");
            commitment(c, today).map_err(at(path.clone()))?;
            if !c.ongoing && !c.reviews.is_empty() {
                return Err(ImportError::record(
                    path,
                    "reviews",
                    "only ongoing commitments are reviewed",
                ));
            }
            for (k, r) in c.reviews.iter().enumerate() {
                review(r, c.made_on, today).map_err(at(format!("{path}.reviews[{k}]")))?;
            }
        }
        for (j, t) in p.touches.iter().enumerate() {
            touch(t, today).map_err(at(format!("{base}.touches[{j}]")))?;
        }
        for (j, pr) in p.problems.iter().enumerate() {
            problem(pr, today).map_err(at(format!("{base}.problems[{j}]")))?;
        }
    }
    Ok(())
}

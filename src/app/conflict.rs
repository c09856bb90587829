//! A stale edit: someone else saved the record after the form was opened. With the version
//! both edits started from (read back from the event log), edits to different fields merge —
//! theirs kept, mine applied — and only a field both changed differently is a conflict to
//! settle: keep mine or take theirs.

use super::effect::Write;
use crate::domain::{Commitment, Contact, Partner};
use crate::store::PartnerEdit;
use chrono::NaiveDate;

/// Someone else saved the record after the form was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What I would save: my changes on top of theirs, mine where both changed a field.
    pub mine: Write,
    /// The record's version now (to overwrite deliberately).
    pub latest_version: i64,
    /// Field, my value, their value — only fields both edits changed, differently.
    pub rows: Vec<(String, String, String)>,
    /// Fields only they changed: their values are kept in `mine`.
    pub merged: Vec<String>,
    /// Lines scrolled in the overlay.
    pub scroll: u16,
}

/// The fields of one three-way merge.
#[derive(Default)]
struct Merge {
    rows: Vec<(String, String, String)>,
    merged: Vec<String>,
}

impl Merge {
    /// Sets `out` for one field: theirs when only they changed it, mine when only I did; a
    /// conflict row when both did differently (or the common version is unknown).
    fn field<T: PartialEq + Clone>(
        &mut self,
        name: &str,
        base: Option<&T>,
        (mine, theirs): (&T, &T),
        out: &mut T,
        show: impl Fn(&T) -> String,
    ) {
        match base {
            Some(base) if mine == base => {
                *out = theirs.clone();
                if theirs != base {
                    self.merged.push(name.to_string());
                }
            }
            _ => {
                *out = mine.clone();
                let theirs_changed = base.is_none_or(|b| theirs != b);
                if theirs_changed && theirs != mine {
                    self.rows.push((name.to_string(), show(mine), show(theirs)));
                }
            }
        }
    }
}

fn day(d: &Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Conflict {
    /// My partner edit against the partner as it is now, `base` as both edits found it.
    pub fn partner(mine: &PartnerEdit, theirs: &Partner, base: Option<&Partner>) -> Conflict {
        let mut m = Merge::default();
        let mut out = mine.clone();
        m.field(
            "name",
            base.map(|b| &b.name),
            (&mine.name, &theirs.name),
            &mut out.name,
            String::clone,
        );
        m.field(
            "stage",
            base.map(|b| &b.stage),
            (&mine.stage, &theirs.stage),
            &mut out.stage,
            |s| s.to_string(),
        );
        m.field(
            "signed on",
            base.map(|b| &b.signed_on),
            (&mine.signed_on, &theirs.signed_on),
            &mut out.signed_on,
            day,
        );
        m.field(
            "update every",
            base.map(|b| &b.update_every_days),
            (&mine.update_every_days, &theirs.update_every_days),
            &mut out.update_every_days,
            |d| d.to_string(),
        );
        m.field(
            "desired outcome",
            base.map(|b| &b.desired_outcome),
            (&mine.desired_outcome, &theirs.desired_outcome),
            &mut out.desired_outcome,
            String::clone,
        );
        m.field(
            "their goals",
            base.map(|b| &b.their_goals),
            (&mine.their_goals, &theirs.their_goals),
            &mut out.their_goals,
            String::clone,
        );
        m.field(
            "their constraints",
            base.map(|b| &b.their_constraints),
            (&mine.their_constraints, &theirs.their_constraints),
            &mut out.their_constraints,
            String::clone,
        );
        m.field(
            "owner",
            base.map(|b| &b.owner),
            (&mine.owner, &theirs.owner),
            &mut out.owner,
            String::clone,
        );
        m.field(
            "tags",
            base.map(|b| &b.tags),
            (&mine.tags, &theirs.tags),
            &mut out.tags,
            |t| t.join(", "),
        );
        Conflict {
            mine: Write::EditPartner(out),
            latest_version: theirs.version,
            rows: m.rows,
            merged: m.merged,
            scroll: 0,
        }
    }

    /// My commitment edit against the commitment as it is now, `base` as both edits found it.
    /// What the form does not edit (status, re-dating) is theirs when the base is known.
    pub fn commitment(
        mine: &Commitment,
        theirs: &Commitment,
        base: Option<&Commitment>,
    ) -> Conflict {
        let mut m = Merge::default();
        let mut out = if base.is_some() {
            theirs.clone()
        } else {
            mine.clone()
        };
        m.field(
            "title",
            base.map(|b| &b.title),
            (&mine.title, &theirs.title),
            &mut out.title,
            String::clone,
        );
        m.field(
            "side",
            base.map(|b| &b.side),
            (&mine.side, &theirs.side),
            &mut out.side,
            |s| s.to_string(),
        );
        m.field(
            "due",
            base.map(|b| &b.due_on),
            (&mine.due_on, &theirs.due_on),
            &mut out.due_on,
            day,
        );
        m.field(
            "detail",
            base.map(|b| &b.detail),
            (&mine.detail, &theirs.detail),
            &mut out.detail,
            String::clone,
        );
        m.field(
            "status",
            base.map(|b| &b.status),
            (&mine.status, &theirs.status),
            &mut out.status,
            |s| s.to_string(),
        );
        Conflict {
            mine: Write::EditCommitment(Box::new(out)),
            latest_version: theirs.version,
            rows: m.rows,
            merged: m.merged,
            scroll: 0,
        }
    }

    /// My contact edit against the contact as it is now. The version both started from is
    /// not read back for contacts: every field that differs is shown.
    pub fn contact(mine: &Contact, theirs: &Contact) -> Conflict {
        let mut m = Merge::default();
        let mut out = mine.clone();
        m.field(
            "name",
            None,
            (&mine.name, &theirs.name),
            &mut out.name,
            String::clone,
        );
        m.field(
            "role",
            None,
            (&mine.role, &theirs.role),
            &mut out.role,
            String::clone,
        );
        m.field(
            "email",
            None,
            (&mine.email, &theirs.email),
            &mut out.email,
            String::clone,
        );
        m.field(
            "phone",
            None,
            (&mine.phone, &theirs.phone),
            &mut out.phone,
            String::clone,
        );
        m.field(
            "note",
            None,
            (&mine.note, &theirs.note),
            &mut out.note,
            String::clone,
        );
        Conflict {
            mine: Write::EditContact(Box::new(out)),
            latest_version: theirs.version,
            rows: m.rows,
            merged: m.merged,
            scroll: 0,
        }
    }

    /// My write again, against their version: a deliberate overwrite of the fields in
    /// conflict, their changes elsewhere kept.
    pub fn keep_mine(&self) -> Write {
        match &self.mine {
            Write::EditPartner(edit) => Write::EditPartner(PartnerEdit {
                version: self.latest_version,
                ..edit.clone()
            }),
            Write::EditCommitment(c) => {
                let mut c = c.clone();
                c.version = self.latest_version;
                Write::EditCommitment(c)
            }
            Write::EditContact(c) => {
                let mut c = c.clone();
                c.version = self.latest_version;
                Write::EditContact(c)
            }
            other => other.clone(),
        }
    }
}

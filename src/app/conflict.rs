//! A stale edit made visible: my version and theirs side by side; keep mine or take theirs.

use super::effect::Write;
use crate::domain::{Commitment, Contact, Partner};
use crate::store::PartnerEdit;

/// Someone else saved the record after the form was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What I tried to save.
    pub mine: Write,
    /// The record's version now (to overwrite deliberately).
    pub latest_version: i64,
    /// Field, my value, their value — only fields that differ.
    pub rows: Vec<(String, String, String)>,
}

fn differ(rows: &mut Vec<(String, String, String)>, field: &str, mine: String, theirs: String) {
    if mine != theirs {
        rows.push((field.to_string(), mine, theirs));
    }
}

impl Conflict {
    /// The conflict between my partner edit and the partner as it is now.
    pub fn partner(mine: &PartnerEdit, theirs: &Partner) -> Conflict {
        let mut rows = Vec::new();
        differ(&mut rows, "name", mine.name.clone(), theirs.name.clone());
        differ(
            &mut rows,
            "stage",
            mine.stage.to_string(),
            theirs.stage.to_string(),
        );
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        differ(
            &mut rows,
            "signed on",
            day(mine.signed_on),
            day(theirs.signed_on),
        );
        differ(
            &mut rows,
            "update every",
            mine.update_every_days.to_string(),
            theirs.update_every_days.to_string(),
        );
        differ(
            &mut rows,
            "desired outcome",
            mine.desired_outcome.clone(),
            theirs.desired_outcome.clone(),
        );
        for (field, m, t) in [
            ("their goals", &mine.their_goals, &theirs.their_goals),
            (
                "their constraints",
                &mine.their_constraints,
                &theirs.their_constraints,
            ),
            ("owner", &mine.owner, &theirs.owner),
        ] {
            differ(&mut rows, field, m.clone(), t.clone());
        }
        differ(
            &mut rows,
            "tags",
            mine.tags.join(", "),
            theirs.tags.join(", "),
        );
        Conflict {
            mine: Write::EditPartner(mine.clone()),
            latest_version: theirs.version,
            rows,
        }
    }

    /// The conflict between my commitment edit and the commitment as it is now.
    pub fn commitment(mine: &Commitment, theirs: &Commitment) -> Conflict {
        let mut rows = Vec::new();
        differ(&mut rows, "title", mine.title.clone(), theirs.title.clone());
        differ(
            &mut rows,
            "side",
            mine.side.to_string(),
            theirs.side.to_string(),
        );
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        differ(&mut rows, "due", day(mine.due_on), day(theirs.due_on));
        differ(
            &mut rows,
            "detail",
            mine.detail.clone(),
            theirs.detail.clone(),
        );
        differ(
            &mut rows,
            "status",
            mine.status.to_string(),
            theirs.status.to_string(),
        );
        Conflict {
            mine: Write::EditCommitment(Box::new(mine.clone())),
            latest_version: theirs.version,
            rows,
        }
    }

    /// The conflict between my contact edit and the contact as it is now.
    pub fn contact(mine: &Contact, theirs: &Contact) -> Conflict {
        let mut rows = Vec::new();
        for (field, m, t) in [
            ("name", &mine.name, &theirs.name),
            ("role", &mine.role, &theirs.role),
            ("email", &mine.email, &theirs.email),
            ("phone", &mine.phone, &theirs.phone),
            ("note", &mine.note, &theirs.note),
        ] {
            differ(&mut rows, field, m.clone(), t.clone());
        }
        Conflict {
            mine: Write::EditContact(Box::new(mine.clone())),
            latest_version: theirs.version,
            rows,
        }
    }

    /// My write again, against their version: a deliberate overwrite.
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

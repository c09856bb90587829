//! Forms for adding and editing records: labelled single-line fields (text, dates, choices;
//! field.rs) with visible limits, keys handled in input.rs, parsed into a write only when every
//! field is valid (parse.rs).

pub mod charter;
mod choice;
mod contact;
mod field;
mod input;
mod line;
mod parse;
mod partner;
mod problem;

pub use choice::Choice;
pub use field::{Entry, Field};
pub use line::LineEdit;

use crate::domain::limits::{TEXT_MAX, TITLE_MAX};
use crate::domain::{Commitment, Initiator, Side, TouchKind, text};

/// A key given to the focused text field.
pub type FormInput = ratatui_textarea::Input;

/// What a form creates or changes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FormKind {
    AddPartner,
    EditPartner {
        id: i64,
        version: i64,
    },
    AddCommitment {
        partner_id: i64,
    },
    EditCommitment(Box<Commitment>),
    LogTouch {
        partner_id: i64,
    },
    AddProblem {
        partner_id: i64,
    },
    EndPartner {
        id: i64,
        name: String,
    },
    Redate {
        id: i64,
        title: String,
    },
    AddContact {
        partner_id: i64,
    },
    EditContact(Box<crate::domain::Contact>),
    /// The brave conversation about one of `choices` (open problems of one partner).
    Brave {
        choices: Vec<i64>,
    },
    /// Resolving one of `choices`.
    Resolve {
        choices: Vec<i64>,
    },
    /// The first-meeting charter of a partner just added, by its name.
    Charter {
        partner: String,
        items: crate::domain::charter::CharterSuggestions,
    },
}

/// An unfinished form, kept between sessions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub kind: FormKind,
    pub title: String,
    pub values: Vec<String>,
    /// Each value's field, so a draft finds its fields again when a form's order changes
    /// (drafts kept before labels were recorded have none, and are read in the old order).
    #[serde(default)]
    pub labels: Vec<String>,
    pub focus: usize,
}

/// An open form.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Submitted and waiting for the book; kept open so nothing typed is lost on failure.
    pub pending: bool,
}

impl Form {
    fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            pending: false,
        }
    }

    /// A new partner (owned by the user who adds it).
    pub fn add_partner() -> Form {
        Form::new(
            FormKind::AddPartner,
            "Add partner".into(),
            partner::fields(&partner::blank(), false),
        )
    }

    /// Changes to every field of a partner but its end (which has its own key).
    pub fn edit_partner(p: &crate::domain::Partner) -> Form {
        Form::new(
            FormKind::EditPartner {
                id: p.id,
                version: p.version,
            },
            format!("Edit {}", text::clean_line(&p.name)),
            partner::fields(p, true),
        )
    }

    /// A new commitment on `side` for a partner.
    pub fn add_commitment(partner_id: i64, partner: &str, side: Side) -> Form {
        Form::new(
            FormKind::AddCommitment { partner_id },
            format!("New commitment with {}", text::clean_line(partner)),
            vec![
                Field::new("Title", "what is promised", TITLE_MAX, ""),
                Field::choice("Side", SIDE_HINT, sides(), side.as_str()),
                Field::date("Due", "YYYY-MM-DD, +3d, +2w; empty = no due day", "+7d"),
                Field::new("Detail", "optional", TEXT_MAX, ""),
                Field::choice(
                    "Ongoing",
                    "yes: a standing intention or expectation, no due day",
                    partner::NO_YES.to_vec(),
                    "no",
                ),
                Field::choice(
                    "First meeting",
                    "yes: stated at the first meeting",
                    partner::NO_YES.to_vec(),
                    "no",
                ),
            ],
        )
    }

    /// Changes to a commitment.
    pub fn edit_commitment(c: &Commitment) -> Form {
        let due = c.due_on.map(|d| d.to_string()).unwrap_or_default();
        Form::new(
            FormKind::EditCommitment(Box::new(c.clone())),
            format!("Edit commitment {}", c.id),
            vec![
                Field::new("Title", "what is promised", TITLE_MAX, &c.title),
                Field::choice("Side", SIDE_HINT, sides(), c.side.as_str()),
                Field::date("Due", "YYYY-MM-DD, +3d, +2w (dated items only)", &due),
                Field::new("Detail", "optional", TEXT_MAX, &c.detail),
                Field::choice(
                    "First meeting",
                    "yes: stated at the first meeting",
                    partner::NO_YES.to_vec(),
                    partner::yes_no(c.origin == crate::domain::Origin::FirstMeeting),
                ),
            ],
        )
    }

    /// A touch with a partner. The picks come first, so a letter each sets them on the way to
    /// the summary: `t m t`, the summary, `enter` logs a meeting they started.
    pub fn log_touch(partner_id: i64, partner: &str) -> Form {
        Form::new(
            FormKind::LogTouch { partner_id },
            format!("Log touch with {}", text::clean_line(partner)),
            vec![
                Field::choice(
                    "Kind",
                    "update = progress we shared; care = no ask",
                    TouchKind::ALL.iter().map(|k| k.as_str()).collect(),
                    TouchKind::Call.as_str(),
                ),
                Field::choice(
                    "By",
                    "who started it",
                    Initiator::ALL.iter().map(|i| i.as_str()).collect(),
                    Initiator::Us.as_str(),
                ),
                Field::new("Summary", "what happened", TEXT_MAX, ""),
                Field::date("On", "YYYY-MM-DD, today, -2d", "today"),
                Field::choice(
                    "Bad news",
                    "did it disclose a difficulty?",
                    partner::NO_YES.to_vec(),
                    "no",
                ),
            ],
        )
    }

    /// A problem with a partner.
    pub fn add_problem(partner_id: i64, partner: &str) -> Form {
        Form::new(
            FormKind::AddProblem { partner_id },
            format!("Problem with {}", text::clean_line(partner)),
            vec![
                Field::new("Summary", "what went wrong", TITLE_MAX, ""),
                Field::rating("Severity", "1-5: how bad it really is", 2),
                Field::rating("Reaction", "1-5: how hard they reacted", 2),
                Field::date("On", "YYYY-MM-DD, today, -2d", "today"),
            ],
        )
    }

    /// Ending a partnership, with the reason given to them.
    pub fn end_partner(id: i64, name: &str) -> Form {
        Form::new(
            FormKind::EndPartner {
                id,
                name: name.to_string(),
            },
            format!("End the partnership with {}", text::clean_line(name)),
            vec![
                Field::new("Reason", "what we told them, and why", TEXT_MAX, ""),
                Field::date("On", "YYYY-MM-DD, today", "today"),
            ],
        )
    }

    /// A new due day for an open commitment: on or after the old one, the slip stays in the
    /// record until a bad-news touch tells them. `from` fills the day in, for `←`/`→` to step
    /// from (empty steps from today).
    pub fn redate(id: i64, title: &str, from: Option<chrono::NaiveDate>) -> Form {
        let from = from.map(|d| d.to_string()).unwrap_or_default();
        Form::new(
            FormKind::Redate {
                id,
                title: title.to_string(),
            },
            format!("Re-date {}", text::clean_line(title)),
            vec![
                Field::date("New due day", "YYYY-MM-DD, +1w …: agreed with them", &from),
                Field::new(
                    "Note",
                    "why, or what was agreed (kept in the log)",
                    TEXT_MAX,
                    "",
                ),
            ],
        )
    }

    /// What was typed so far, to keep when the session ends before the form was saved.
    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind.clone(),
            title: self.title.clone(),
            values: self.fields.iter().map(Field::value).collect(),
            labels: self.fields.iter().map(|f| f.label.to_string()).collect(),
            focus: self.focus,
        }
    }

    /// A form as it was left: its kind's fields, filled with the draft's values.
    pub fn from_draft(draft: Draft) -> Form {
        let mut form = match &draft.kind {
            FormKind::AddPartner => Form::add_partner(),
            FormKind::EditPartner { id, version } => {
                let mut f = Form::edit_partner(&partner::blank());
                f.kind = FormKind::EditPartner {
                    id: *id,
                    version: *version,
                };
                f
            }
            FormKind::AddCommitment { partner_id } => {
                Form::add_commitment(*partner_id, "", Side::Ours)
            }
            FormKind::EditCommitment(c) => Form::edit_commitment(c),
            FormKind::LogTouch { partner_id } => Form::log_touch(*partner_id, ""),
            FormKind::AddProblem { partner_id } => Form::add_problem(*partner_id, ""),
            FormKind::EndPartner { id, name } => Form::end_partner(*id, name),
            FormKind::Redate { id, title } => Form::redate(*id, title, None),
            FormKind::AddContact { partner_id } => Form::add_contact(*partner_id, ""),
            FormKind::EditContact(c) => Form::edit_contact(c, ""),
            FormKind::Brave { choices } => Form::brave(choices.clone(), "", None),
            FormKind::Resolve { choices } => Form::resolve(choices.clone(), "", None),
            // The title, naming the key that skips, comes back with the draft just below.
            FormKind::Charter { partner, items } => Form::charter(partner, items, ""),
        };
        form.title = draft.title;
        let labels: Vec<String> = match (&draft.kind, draft.labels.is_empty()) {
            (FormKind::LogTouch { .. }, true) => ["Summary", "Kind", "By", "On", "Bad news"]
                .map(String::from)
                .to_vec(),
            (_, true) => form.fields.iter().map(|f| f.label.to_string()).collect(),
            (_, false) => draft.labels,
        };
        // A label may repeat (the charter's items): the n-th value of a label fills its n-th field.
        let mut seen: Vec<&str> = Vec::new();
        for (label, value) in labels.iter().zip(draft.values) {
            let nth = seen.iter().filter(|l| **l == label.as_str()).count();
            seen.push(label);
            let mut same = form.fields.iter_mut().filter(|f| f.label == label);
            if let Some(field) = same.nth(nth) {
                field.restore(&value, false);
            }
        }
        form.focus = draft.focus.min(form.fields.len().saturating_sub(1));
        form
    }
}

const SIDE_HINT: &str = "ours = we promised, theirs = they promised";

fn sides() -> Vec<&'static str> {
    Side::ALL.iter().map(|s| s.as_str()).collect()
}

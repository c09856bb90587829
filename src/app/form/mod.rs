//! Forms for adding and editing records: labelled single-line fields with visible limits,
//! parsed into a write only when every field is valid (parse.rs).

pub mod charter;
mod contact;
mod parse;
mod partner;
mod problem;

use crate::domain::limits::{TEXT_MAX, TITLE_MAX};
use crate::domain::{Commitment, Side, text};
use ratatui_textarea::TextArea;

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
    pub focus: usize,
}

/// One labelled line of input.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub hint: &'static str,
    pub max: usize,
    pub area: TextArea<'static>,
}

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.label == other.label && self.value() == other.value()
    }
}

impl Field {
    fn new(label: &'static str, hint: &'static str, max: usize, value: &str) -> Field {
        let mut area = TextArea::new(vec![value.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Field {
            label,
            hint,
            max,
            area,
        }
    }

    /// The text typed so far.
    pub fn value(&self) -> String {
        self.area.lines().join(" ")
    }

    /// Characters typed so far.
    pub fn len(&self) -> usize {
        self.value().chars().count()
    }

    /// True when nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
                Field::new("Side", "ours (we promised) or theirs", 6, side.as_str()),
                Field::new("Due", "YYYY-MM-DD, +3d, +2w; empty = no due day", 12, "+7d"),
                Field::new("Detail", "optional", TEXT_MAX, ""),
                // choice: n, y
                Field::new(
                    "Ongoing",
                    "y: a standing intention or expectation, no due day",
                    3,
                    "n",
                ),
                // choice: n, y
                Field::new("First meeting", "y: stated at the first meeting", 3, "n"),
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
                Field::new("Side", "ours or theirs", 6, c.side.as_str()),
                Field::new("Due", "YYYY-MM-DD, +3d, +2w (dated items only)", 12, &due),
                Field::new("Detail", "optional", TEXT_MAX, &c.detail),
                // choice: n, y
                Field::new(
                    "First meeting",
                    "y: stated at the first meeting",
                    3,
                    partner::yes_no(c.origin == crate::domain::Origin::FirstMeeting),
                ),
            ],
        )
    }

    /// A touch with a partner.
    pub fn log_touch(partner_id: i64, partner: &str) -> Form {
        Form::new(
            FormKind::LogTouch { partner_id },
            format!("Log touch with {}", text::clean_line(partner)),
            vec![
                Field::new("Summary", "what happened", TEXT_MAX, ""),
                Field::new(
                    "Kind",
                    "call meeting email message update care other",
                    8,
                    "call",
                ),
                Field::new("By", "who started it: us or them", 4, "us"),
                Field::new("On", "YYYY-MM-DD, today, -2d", 12, "today"),
                Field::new("Bad news", "y if it disclosed a difficulty", 3, "n"),
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
                Field::new("Severity", "1-5: how bad it really is", 1, "2"),
                Field::new("Reaction", "1-5: how hard they reacted", 1, "2"),
                Field::new("On", "YYYY-MM-DD, today, -2d", 12, "today"),
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
                Field::new("On", "YYYY-MM-DD, today", 12, "today"),
            ],
        )
    }

    /// A new due day for an open commitment: on or after the old one, the slip stays in the
    /// record until a bad-news touch tells them.
    pub fn redate(id: i64, title: &str) -> Form {
        Form::new(
            FormKind::Redate {
                id,
                title: title.to_string(),
            },
            format!("Re-date {}", text::clean_line(title)),
            vec![
                Field::new("New due day", "YYYY-MM-DD, +1w …: agreed with them", 12, ""),
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
            FormKind::Redate { id, title } => Form::redate(*id, title),
            FormKind::AddContact { partner_id } => Form::add_contact(*partner_id, ""),
            FormKind::EditContact(c) => Form::edit_contact(c, ""),
            FormKind::Brave { choices } => Form::brave(choices.clone(), "", None),
            FormKind::Resolve { choices } => Form::resolve(choices.clone(), "", None),
            FormKind::Charter { partner, items } => Form::charter(partner, items),
        };
        form.title = draft.title;
        for (field, value) in form.fields.iter_mut().zip(draft.values) {
            let clean = text::clean_line(&value);
            *field = Field::new(
                field.label,
                field.hint,
                field.max,
                &clean.chars().take(field.max).collect::<String>(),
            );
        }
        form.focus = draft.focus.min(form.fields.len().saturating_sub(1));
        form
    }

    /// Gives a key to the focused field, refusing text beyond the field's limit.
    pub fn input(&mut self, input: FormInput) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            if field.area.input(input) && field.len() > field.max {
                field.area.undo();
                self.error = Some(format!(
                    "{} is limited to {} characters",
                    field.label, field.max
                ));
            } else {
                self.error = None;
            }
        }
    }

    /// Pastes text into the focused field, cleaned like typed text and cut at the limit.
    pub fn paste(&mut self, pasted: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            let room = field.max.saturating_sub(field.len());
            let clean: String = text::clean_line(pasted).chars().take(room).collect();
            if clean.chars().count() < text::clean_line(pasted).chars().count() {
                self.error = Some(format!(
                    "{} is limited to {} characters",
                    field.label, field.max
                ));
            }
            field.area.insert_str(clean);
        }
    }

    /// Moves focus by `step` fields, wrapping.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }
}

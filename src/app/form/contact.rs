//! The contact form: a key person at a partner. Emptying the name of a kept contact removes it
//! (undo puts it back).

use super::{Field, Form, FormKind};
use crate::app::effect::Write;
use crate::domain::limits::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::{Contact, text};

fn fields(c: &Contact) -> Vec<Field> {
    vec![
        Field::new("Name", "who they are", NAME_MAX, &c.name),
        Field::new("Role", "e.g. ops director", TITLE_MAX, &c.role),
        Field::new("Email", "optional", TITLE_MAX, &c.email),
        Field::new("Phone", "optional", TITLE_MAX, &c.phone),
        Field::new(
            "Note",
            "when to call, what they care about",
            TEXT_MAX,
            &c.note,
        ),
    ]
}

impl Form {
    /// A new contact at a partner.
    pub fn add_contact(partner_id: i64, partner: &str) -> Form {
        let blank = Contact {
            id: 0,
            partner_id,
            name: String::new(),
            role: String::new(),
            email: String::new(),
            phone: String::new(),
            note: String::new(),
            version: 0,
        };
        Form::new(
            FormKind::AddContact { partner_id },
            format!("New contact at {}", text::clean_line(partner)),
            fields(&blank),
        )
    }

    /// Changes to a contact; `title` says which of the partner's contacts it is.
    pub fn edit_contact(c: &Contact, title: &str) -> Form {
        Form::new(
            FormKind::EditContact(Box::new(c.clone())),
            if title.is_empty() {
                format!("Edit contact {}", text::clean_line(&c.name))
            } else {
                title.to_string()
            },
            fields(c),
        )
    }

    /// The contact typed in, as a write.
    pub(super) fn contact_write(&self) -> Result<Write, String> {
        let short = |i: usize, what: &str| limits::check(what, &self.get(i), TITLE_MAX, false);
        let contact = |id: i64, partner_id: i64, version: i64| -> Result<Contact, String> {
            Ok(Contact {
                id,
                partner_id,
                name: limits::check("name", &self.get(0), NAME_MAX, true)?,
                role: short(1, "role")?,
                email: short(2, "email")?,
                phone: short(3, "phone")?,
                note: limits::check("note", &self.get(4), TEXT_MAX, false)?,
                version,
            })
        };
        match &self.kind {
            FormKind::EditContact(before) if self.get(0).is_empty() => Ok(Write::RemoveContact {
                id: before.id,
                name: before.name.clone(),
            }),
            FormKind::EditContact(before) => Ok(Write::EditContact(Box::new(contact(
                before.id,
                before.partner_id,
                before.version,
            )?))),
            FormKind::AddContact { partner_id } => {
                Ok(Write::AddContact(Box::new(contact(0, *partner_id, 0)?)))
            }
            _ => Err("not a contact form".into()),
        }
    }
}

//! The key people at a partner: added, changed (checked against the version that was read) and
//! removed, each logged and undoable.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, record};
use super::partners::{check_text, conflict, partner_in};
use super::undo_rows::Removed;
use crate::domain::limits::{self, NAME_MAX, TITLE_MAX};
use crate::domain::{Contact, Stage};
use rusqlite::{OptionalExtension, Row, Transaction, params};

const CONTACT_COLS: &str =
    "SELECT id, partner_id, name, role, email, phone, note, version FROM contact";

fn contact_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        partner_id: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        note: r.get(6)?,
        version: r.get(7)?,
    })
}

/// The contact's fields, checked against their limits.
fn checked(contact: &Contact) -> StoreResult<Contact> {
    let short = |field: &str, value: &str| {
        limits::check(field, value, TITLE_MAX, false).map_err(StoreError::Invalid)
    };
    Ok(Contact {
        name: limits::check("contact name", &contact.name, NAME_MAX, true)
            .map_err(StoreError::Invalid)?,
        role: short("role", &contact.role)?,
        email: short("email", &contact.email)?,
        phone: short("phone", &contact.phone)?,
        note: check_text("note", &contact.note)?,
        ..contact.clone()
    })
}

/// Reads one contact inside a transaction.
pub(super) fn contact_in(tx: &Transaction<'_>, id: i64) -> StoreResult<Contact> {
    tx.query_row(&format!("{CONTACT_COLS} WHERE id = ?1"), [id], contact_row)
        .optional()
        .map_err(StoreError::sql("reading a contact"))?
        .ok_or_else(|| StoreError::NotFound(format!("no contact with id {id}")))
}

/// A partner that has ended keeps its people as they were.
fn not_ended(tx: &Transaction<'_>, partner_id: i64) -> StoreResult<String> {
    let partner = partner_in(tx, partner_id)?;
    if partner.stage == Stage::Ended {
        return Err(StoreError::Invalid(format!(
            "{} has ended; its contacts stay as they were",
            partner.name
        )));
    }
    Ok(partner.name)
}

/// Puts a contact's earlier fields back (undo), if nobody changed it since.
pub(super) fn restore(tx: &Transaction<'_>, c: &Contact, after_version: i64) -> StoreResult<usize> {
    tx.execute(
        "UPDATE contact SET name = ?2, role = ?3, email = ?4, phone = ?5, note = ?6,
         version = version + 1 WHERE id = ?1 AND version = ?7",
        params![
            c.id,
            c.name,
            c.role,
            c.email,
            c.phone,
            c.note,
            after_version
        ],
    )
    .map_err(StoreError::sql("undoing a contact change"))
}

impl Store {
    /// Adds a key person at a partner and returns its id.
    pub fn add_contact(&mut self, contact: &Contact) -> StoreResult<i64> {
        let c = checked(contact)?;
        self.write("adding a contact", |tx, who| {
            let partner = not_ended(tx, c.partner_id)?;
            tx.execute(
                "INSERT INTO contact (partner_id, name, role, email, phone, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![c.partner_id, c.name, c.role, c.email, c.phone, c.note],
            )
            .map_err(StoreError::sql("adding a contact"))?;
            let id = tx.last_insert_rowid();
            let undo = UndoStep::Delete {
                entity: "contact".into(),
                id,
                version: 1,
            };
            let text = format!("added contact {} at {partner}", c.name);
            record(tx, who, "add", "contact", id, &text, Some(&undo))?;
            Ok(id)
        })
    }

    /// Changes a contact's name, role, email, phone and note; a stale `version` is a conflict.
    /// Returns the event id.
    pub fn edit_contact(&mut self, contact: &Contact) -> StoreResult<i64> {
        let c = checked(contact)?;
        self.write("changing a contact", |tx, who| {
            let before = contact_in(tx, c.id)?;
            if before.version != c.version {
                return Err(conflict("contact", &before.name));
            }
            not_ended(tx, before.partner_id)?;
            tx.execute(
                "UPDATE contact SET name = ?2, role = ?3, email = ?4, phone = ?5, note = ?6,
                 version = version + 1 WHERE id = ?1",
                params![c.id, c.name, c.role, c.email, c.phone, c.note],
            )
            .map_err(StoreError::sql("changing a contact"))?;
            let text = format!("changed contact {}", c.name);
            let undo = UndoStep::RestoreContact {
                after_version: before.version + 1,
                before,
            };
            record(tx, who, "edit", "contact", c.id, &text, Some(&undo))
        })
    }

    /// Removes a contact (undo puts it back). Returns the event id.
    pub fn remove_contact(&mut self, id: i64) -> StoreResult<i64> {
        self.write("removing a contact", |tx, who| {
            let before = contact_in(tx, id)?;
            let partner = not_ended(tx, before.partner_id)?;
            tx.execute("DELETE FROM contact WHERE id = ?1", [id])
                .map_err(StoreError::sql("removing a contact"))?;
            let text = format!("removed contact {} at {partner}", before.name);
            let undo = UndoStep::Reinsert {
                row: Removed::Contact(before),
            };
            record(tx, who, "remove", "contact", id, &text, Some(&undo))
        })
    }

    /// One contact by id.
    pub fn contact(&self, id: i64) -> StoreResult<Contact> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CONTACT_COLS} WHERE id = ?1"))
            .map_err(StoreError::sql("reading a contact"))?;
        stmt.query_row([id], contact_row)
            .optional()
            .map_err(StoreError::sql("reading a contact"))?
            .ok_or_else(|| StoreError::NotFound(format!("no contact with id {id}")))
    }

    /// The key people at a partner, in the order they were added.
    pub fn contacts(&self, partner_id: i64) -> StoreResult<Vec<Contact>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CONTACT_COLS} WHERE partner_id = ?1 ORDER BY id"))
            .map_err(StoreError::sql("reading contacts"))?;
        stmt.query_map([partner_id], contact_row)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading contacts"))
    }

    /// Every contact of the book, by partner then in the order added.
    pub fn all_contacts(&self) -> StoreResult<Vec<Contact>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CONTACT_COLS} ORDER BY partner_id, id"))
            .map_err(StoreError::sql("reading contacts"))?;
        stmt.query_map([], contact_row)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading contacts"))
    }
}

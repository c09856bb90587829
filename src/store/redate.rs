//! Changing a commitment's wording and due day. A new due day follows the re-date rule of
//! [`crate::domain::slips::redate`]: moved on or after the day it was due, the slip stays in
//! the record, judged late once, and "not yet told" until a bad-news touch follows.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, commitment_in, record};
use super::partners::conflict;
use crate::domain::limits::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::text::quoted;
use crate::domain::{Commitment, Origin, Side, Slip, Status, chronology, slips};
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// Changes a commitment's title, detail, side and due day; a stale version is a conflict.
    /// A new due day follows the re-date rule ([`crate::domain::slips::redate`]): moved on or
    /// after the day it was due, the slip stays in the record.
    pub fn edit_commitment(&mut self, edited: &Commitment, today: NaiveDate) -> StoreResult<i64> {
        let title =
            limits::check("title", &edited.title, TITLE_MAX, true).map_err(StoreError::Invalid)?;
        let detail = limits::check("detail", &edited.detail, TEXT_MAX, false)
            .map_err(StoreError::Invalid)?;
        self.write("changing a commitment", |tx, who| {
            let before = commitment_in(tx, edited.id)?;
            if before.version != edited.version {
                return Err(conflict("commitment", &before.title));
            }
            let due_on = if before.ongoing { None } else { edited.due_on };
            let slip = match due_on {
                Some(due) if before.due_on != Some(due) && before.status == Status::Open => {
                    slips::redate(&before, due, today).map_err(StoreError::Invalid)?
                }
                Some(due) => {
                    chronology::not_before("due day", due, "made day", before.made_on)
                        .map_err(StoreError::Invalid)?;
                    before.slip
                }
                None => before.slip,
            };
            let owner = limits::check("owner", &edited.owner, NAME_MAX, false)
                .map_err(StoreError::Invalid)?;
            let row = Row {
                title: &title,
                detail: &detail,
                due_on,
                side: edited.side,
                origin: edited.origin,
                owner: &owner,
            };
            write_row(tx, edited.id, &row, slip)?;
            let text = match redate_words(&before, due_on, slip) {
                Some(words) => format!("changed commitment {}: {words}", quoted(&title)),
                None => format!("changed commitment {}", quoted(&title)),
            };
            let undo = UndoStep::RestoreCommitment {
                after_version: before.version + 1,
                before,
            };
            record(tx, who, "edit", "commitment", edited.id, &text, Some(&undo))
        })
    }

    /// Moves an open commitment's due day to `due`, by agreement. Moved on or after the day it
    /// was due, the slip is kept: judged late once, and "slipped, not yet told" until a
    /// bad-news touch follows. `note` (why, or what was agreed) goes into the event log.
    /// Returns the event id, for undo.
    pub fn redate_commitment(
        &mut self,
        id: i64,
        due: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        let note = limits::check("note", note, TEXT_MAX, false).map_err(StoreError::Invalid)?;
        self.write("re-dating a commitment", |tx, who| {
            let before = commitment_in(tx, id)?;
            let slip = slips::redate(&before, due, today).map_err(StoreError::Invalid)?;
            let row = Row {
                title: &before.title,
                detail: &before.detail,
                due_on: Some(due),
                side: before.side,
                origin: before.origin,
                owner: &before.owner,
            };
            write_row(tx, id, &row, slip)?;
            let mut text = format!(
                "re-dated {}: {}",
                quoted(&before.title),
                redate_words(&before, Some(due), slip).unwrap_or_default()
            );
            if !note.is_empty() {
                text.push_str(&format!(" — {}", quoted(&note)));
            }
            let undo = UndoStep::RestoreCommitment {
                after_version: before.version + 1,
                before,
            };
            record(tx, who, "redate", "commitment", id, &text, Some(&undo))
        })
    }
}

/// The editable fields of a commitment.
struct Row<'a> {
    title: &'a str,
    detail: &'a str,
    due_on: Option<NaiveDate>,
    side: Side,
    origin: Origin,
    owner: &'a str,
}

/// Writes the editable fields of a commitment and its slip, bumping its version.
fn write_row(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    row: &Row<'_>,
    slip: Option<Slip>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE commitment SET title = ?2, detail = ?3, due_on = ?4, side = ?5,
         original_due_on = ?6, slipped_due_on = ?7, slipped_on = ?8, origin = ?9, owner = ?10,
         version = version + 1
         WHERE id = ?1",
        params![
            id,
            row.title,
            row.detail,
            row.due_on,
            row.side,
            slip.map(|s| s.original_due_on),
            slip.map(|s| s.missed_due_on),
            slip.map(|s| s.redated_on),
            row.origin,
            row.owner
        ],
    )
    .map_err(StoreError::sql("changing a commitment"))?;
    Ok(())
}

/// "due 2026-03-10 → 2026-04-01 (late: 42 days after it was due)", when the due day moved.
fn redate_words(
    before: &Commitment,
    due_on: Option<NaiveDate>,
    slip: Option<Slip>,
) -> Option<String> {
    if before.due_on == due_on {
        return None;
    }
    let show = |d: Option<NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    let late = match slip {
        Some(s) if before.slip != slip => match s.days_late() {
            0 => " (late: re-dated on the day it was due)".to_string(),
            1 => " (late: 1 day after it was due)".to_string(),
            n => format!(" (late: {n} days after it was due)"),
        },
        _ => String::new(),
    };
    Some(format!(
        "due {} → {}{late}",
        show(before.due_on),
        show(due_on)
    ))
}

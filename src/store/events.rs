//! The append-only event log: who changed what, when, and how to undo it.

use super::convert::{commitment_cols, problem_cols};
use super::error::{StoreError, StoreResult};
use super::undo_rows::Removed;
use super::{Store, convert};
use crate::domain::{Commitment, Problem, Touch};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// How to reverse one change. Stored as JSON with its event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum UndoStep {
    /// Reverse an add: delete the row it created, if it is still at `version` and nothing
    /// hangs from it.
    Delete {
        entity: String,
        id: i64,
        #[serde(default = "first_version")]
        version: i64,
    },
    /// Reverse a change of a commitment: put the earlier row back.
    RestoreCommitment {
        before: Commitment,
        after_version: i64,
    },
    /// Reverse a change of a touch.
    RestoreTouch { before: Touch, after_version: i64 },
    /// Reverse a change of a problem.
    RestoreProblem { before: Problem, after_version: i64 },
    /// Reverse a change of a partner.
    RestorePartner {
        before: Box<crate::domain::Partner>,
        after_version: i64,
    },
    /// Reverse several changes made as one (a charter of several items).
    Batch { steps: Vec<UndoStep> },
    /// Reverse a change of a contact.
    RestoreContact {
        before: crate::domain::Contact,
        after_version: i64,
    },
    /// Reverse an undone add (or a removal): put the removed row back.
    Reinsert { row: Removed },
}

/// The version a row is added with (undo records written before versions were kept in them).
fn first_version() -> i64 {
    1
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    pub undone: bool,
}

/// Appends an event inside the write's transaction and returns its id.
pub(super) fn record(
    tx: &Transaction<'_>,
    who: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    summary: &str,
    undo: Option<&UndoStep>,
) -> StoreResult<i64> {
    let undo = undo
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Invalid(format!("recording the change: {e}")))?;
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    tx.execute(
        "INSERT INTO event (at, who, action, entity, entity_id, summary, undo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, who, action, entity, entity_id, summary, undo],
    )
    .map_err(StoreError::sql("recording the change"))?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// The newest events about one partner and its records (commitments and their reviews,
    /// touches, problems, contacts), with who made them.
    pub fn partner_events(&self, partner_id: i64, limit: u32) -> StoreResult<Vec<Event>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, at, who, action, entity, entity_id, summary, undone FROM event e
                 WHERE (entity = 'partner' AND entity_id = ?1)
                    OR (entity = 'commitment' AND entity_id IN (SELECT id FROM commitment WHERE partner_id = ?1))
                    OR (entity = 'touch' AND entity_id IN (SELECT id FROM touch WHERE partner_id = ?1))
                    OR (entity = 'problem' AND entity_id IN (SELECT id FROM problem WHERE partner_id = ?1))
                    OR (entity = 'contact' AND entity_id IN (SELECT id FROM contact WHERE partner_id = ?1))
                 ORDER BY id DESC LIMIT ?2",
            )
            .map_err(StoreError::sql("reading the event log"))?;
        stmt.query_map(params![partner_id, limit], event_row)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading the event log"))
    }

    /// The newest events first, optionally for one entity.
    pub fn events(&self, limit: u32) -> StoreResult<Vec<Event>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, at, who, action, entity, entity_id, summary, undone
                 FROM event ORDER BY id DESC LIMIT ?1",
            )
            .map_err(StoreError::sql("reading the event log"))?;
        let rows = stmt
            .query_map([limit], event_row)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading the event log"))?;
        Ok(rows)
    }
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        summary: r.get(6)?,
        undone: r.get(7)?,
    })
}

/// Reads one commitment inside a transaction.
pub(super) fn commitment_in(tx: &Transaction<'_>, id: i64) -> StoreResult<Commitment> {
    tx.query_row(
        concat!(
            "SELECT ",
            commitment_cols!(),
            " FROM commitment WHERE id = ?1"
        ),
        [id],
        convert::commitment,
    )
    .optional()
    .map_err(StoreError::sql("reading a commitment"))?
    .ok_or_else(|| StoreError::NotFound(format!("no commitment with id {id}")))
}

/// Reads one problem inside a transaction.
pub(super) fn problem_in(tx: &Transaction<'_>, id: i64) -> StoreResult<Problem> {
    tx.query_row(
        concat!("SELECT ", problem_cols!(), " FROM problem WHERE id = ?1"),
        [id],
        convert::problem,
    )
    .optional()
    .map_err(StoreError::sql("reading a problem"))?
    .ok_or_else(|| StoreError::NotFound(format!("no problem with id {id}")))
}

//! The append-only event log: who changed what, when, and how to undo it.

use super::convert::{commitment_cols, problem_cols};
use super::error::{StoreError, StoreResult};
use super::{Store, convert};
use crate::domain::{Commitment, Problem, Touch};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// How to reverse one change. Stored as JSON with its event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum UndoStep {
    /// Reverse an add: delete the row it created.
    Delete { entity: String, id: i64 },
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
    /// Reverses the change recorded as event `event_id`, unless someone changed the row since.
    /// Returns a sentence saying what was undone.
    pub fn undo(&mut self, event_id: i64) -> StoreResult<String> {
        self.write("undoing the last change", |tx, who| {
            let row: Option<(String, Option<String>, bool)> = tx
                .query_row(
                    "SELECT summary, undo, undone FROM event WHERE id = ?1",
                    [event_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(StoreError::sql("reading the event log"))?;
            let Some((summary, Some(undo), false)) = row else {
                return Err(StoreError::NotFound("nothing to undo".into()));
            };
            let step: UndoStep = serde_json::from_str(&undo)
                .map_err(|e| StoreError::Invalid(format!("the undo record is damaged: {e}")))?;
            apply(tx, &step)?;
            tx.execute("UPDATE event SET undone = 1 WHERE id = ?1", [event_id])
                .map_err(StoreError::sql("recording the undo"))?;
            let text = format!("undid: {summary}");
            record(tx, who, "undo", "event", event_id, &text, None)?;
            Ok(text)
        })
    }

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

fn stale() -> StoreError {
    StoreError::Conflict(
        "cannot undo: someone changed that record since; open it to see their version".into(),
    )
}

fn apply(tx: &Transaction<'_>, step: &UndoStep) -> StoreResult<()> {
    let sql = StoreError::sql("undoing the last change");
    let changed = match step {
        UndoStep::Delete { entity, id } => {
            let n = match entity.as_str() {
                "partner" => tx.execute("DELETE FROM partner WHERE id = ?1", [id]),
                "commitment" => tx.execute("DELETE FROM commitment WHERE id = ?1", [id]),
                "touch" => tx.execute("DELETE FROM touch WHERE id = ?1", [id]),
                "problem" => tx.execute("DELETE FROM problem WHERE id = ?1", [id]),
                "review" => tx.execute("DELETE FROM review WHERE id = ?1", [id]),
                "contact" => tx.execute("DELETE FROM contact WHERE id = ?1", [id]),
                other => return Err(StoreError::Invalid(format!("cannot undo a change to {other}"))),
            };
            n.map_err(sql)?
        }
        UndoStep::RestoreCommitment { before: c, after_version } => tx
            .execute(
                "UPDATE commitment SET side = ?2, title = ?3, detail = ?4, made_on = ?5, due_on = ?6,
                 ongoing = ?7, origin = ?8, status = ?9, closed_on = ?10, original_due_on = ?12,
                 slipped_due_on = ?13, slipped_on = ?14, version = version + 1
                 WHERE id = ?1 AND version = ?11",
                params![
                    c.id, c.side, c.title, c.detail, c.made_on, c.due_on, c.ongoing, c.origin,
                    c.status, c.closed_on, after_version,
                    c.slip.map(|s| s.original_due_on), c.slip.map(|s| s.missed_due_on),
                    c.slip.map(|s| s.redated_on)
                ],
            )
            .map_err(sql)?,
        UndoStep::RestoreTouch { before: t, after_version } => tx
            .execute(
                "UPDATE touch SET on_day = ?2, kind = ?3, initiated_by = ?4, summary = ?5,
                 bad_news = ?6, version = version + 1 WHERE id = ?1 AND version = ?7",
                params![t.id, t.on, t.kind, t.initiated_by, t.summary, t.bad_news, after_version],
            )
            .map_err(sql)?,
        UndoStep::RestoreProblem { before: p, after_version } => tx
            .execute(
                "UPDATE problem SET opened_on = ?2, summary = ?3, severity = ?4, reaction = ?5,
                 brave_conversation_on = ?6, brave_note = ?7, resolved_on = ?8,
                 version = version + 1 WHERE id = ?1 AND version = ?9",
                params![
                    p.id, p.opened_on, p.summary, p.severity, p.reaction,
                    p.brave_conversation_on, p.brave_note, p.resolved_on, after_version
                ],
            )
            .map_err(sql)?,
        UndoStep::RestorePartner { before: p, after_version } => {
            super::partners::restore(tx, p, *after_version)?
        }
    };
    if changed == 0 {
        return Err(stale());
    }
    Ok(())
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

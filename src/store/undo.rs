//! Undo, and undo of an undo. An undo reverses only what its event did: when anyone has since
//! changed the record, or added records that hang from it, it refuses and names who, from the
//! event log. Each undo is logged with the step that reverses it, so it can be undone in turn.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, commitment_in, problem_in, record};
use super::undo_rows::{self, Removed};
use rusqlite::{OptionalExtension, Transaction, params};

/// An event as undo reads it.
struct Logged {
    summary: String,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    step: Option<String>,
    undone: bool,
}

impl Store {
    /// Reverses the change recorded as event `event_id` (which may itself be an undo: then
    /// the change is made again), unless someone changed the record since. Returns a sentence
    /// saying what was undone; the new event, which reverses this one, is [`Store::last_event`].
    pub fn undo(&mut self, event_id: i64) -> StoreResult<String> {
        self.write("undoing the last change", |tx, who| {
            let event = logged(tx, event_id)?;
            let (Some(step), false) = (&event.step, event.undone) else {
                return Err(StoreError::NotFound("nothing to undo".into()));
            };
            let step: UndoStep = serde_json::from_str(step)
                .map_err(|e| StoreError::Invalid(format!("the undo record is damaged: {e}")))?;
            let base = base_summary(&event.summary);
            // An undo is logged against the change it reverses (its root), so the root's
            // `undone` mark always says whether that change stands.
            let (root, redo) = match (event.action.as_str(), event.entity.as_str()) {
                ("undo", "event") => (event.entity_id.unwrap_or(event_id), true),
                ("redo", "event") => (event.entity_id.unwrap_or(event_id), false),
                _ => (event_id, false),
            };
            let (action, verb) = if redo {
                ("redo", "redid")
            } else {
                ("undo", "undid")
            };
            let reverse = apply(tx, event_id, &step).map_err(|e| match e {
                StoreError::Conflict(why) => StoreError::Conflict(format!(
                    "cannot {action} {}: {why}; nothing was changed",
                    crate::domain::text::quoted(base)
                )),
                e => e,
            })?;
            tx.execute("UPDATE event SET undone = 1 WHERE id = ?1", [event_id])
                .and_then(|_| {
                    tx.execute(
                        "UPDATE event SET undone = ?2 WHERE id = ?1",
                        params![root, !redo],
                    )
                })
                .map_err(StoreError::sql("recording the undo"))?;
            let text = format!("{verb}: {base}");
            record(tx, who, action, "event", root, &text, Some(&reverse))?;
            Ok(text)
        })
    }
}

fn logged(tx: &Transaction<'_>, id: i64) -> StoreResult<Logged> {
    tx.query_row(
        "SELECT summary, action, entity, entity_id, undo, undone FROM event WHERE id = ?1",
        [id],
        |r| {
            Ok(Logged {
                summary: r.get(0)?,
                action: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                step: r.get(4)?,
                undone: r.get(5)?,
            })
        },
    )
    .optional()
    .map_err(StoreError::sql("reading the event log"))?
    .ok_or_else(|| StoreError::NotFound("nothing to undo".into()))
}

/// The change itself, without the "undid: " or "redid: " of earlier undos.
fn base_summary(summary: &str) -> &str {
    summary
        .strip_prefix("undid: ")
        .or_else(|| summary.strip_prefix("redid: "))
        .unwrap_or(summary)
}

/// Applies `step` (recorded by event `since`) and returns the step that reverses it.
fn apply(tx: &Transaction<'_>, since: i64, step: &UndoStep) -> StoreResult<UndoStep> {
    let stale = |entity: &str, id: i64| -> StoreResult<UndoStep> {
        Err(StoreError::Conflict(in_the_way(tx, since, entity, id)?))
    };
    let sql = StoreError::sql("undoing the last change");
    match step {
        UndoStep::Delete {
            entity,
            id,
            version,
        } => {
            let Some(row) = undo_rows::read(tx, entity, *id)? else {
                return stale(entity, *id);
            };
            if row.id_version().1 != *version || undo_rows::dependents(tx, entity, *id)? > 0 {
                return stale(entity, *id);
            }
            // Later events about the record (a check, say) are someone's work too.
            if later_events(tx, since, entity, *id)?.is_some() {
                return stale(entity, *id);
            }
            undo_rows::delete(tx, entity, *id)?;
            Ok(UndoStep::Reinsert { row })
        }
        UndoStep::Reinsert { row } => {
            let (id, version) = row.id_version();
            // SQLite gives the highest id again once its row is gone: someone may hold it now.
            if undo_rows::read(tx, row.entity(), id)?.is_some() {
                return stale(row.entity(), id);
            }
            undo_rows::reinsert(tx, row)?;
            Ok(UndoStep::Delete {
                entity: row.entity().to_string(),
                id,
                version,
            })
        }
        UndoStep::RestoreCommitment {
            before: c,
            after_version,
        } => {
            let now = commitment_in(tx, c.id).ok();
            let Some(now) = now.filter(|now| now.version == *after_version) else {
                return stale("commitment", c.id);
            };
            tx.execute(
                "UPDATE commitment SET side = ?2, title = ?3, detail = ?4, made_on = ?5, due_on = ?6,
                 ongoing = ?7, origin = ?8, status = ?9, closed_on = ?10, original_due_on = ?12,
                 slipped_due_on = ?13, slipped_on = ?14, owner = ?15, version = version + 1
                 WHERE id = ?1 AND version = ?11",
                params![
                    c.id, c.side, c.title, c.detail, c.made_on, c.due_on, c.ongoing, c.origin,
                    c.status, c.closed_on, after_version,
                    c.slip.map(|s| s.original_due_on), c.slip.map(|s| s.missed_due_on),
                    c.slip.map(|s| s.redated_on), c.owner
                ],
            )
            .map_err(sql)?;
            Ok(UndoStep::RestoreCommitment {
                before: now,
                after_version: after_version + 1,
            })
        }
        UndoStep::RestoreTouch {
            before: t,
            after_version,
        } => {
            let now = match undo_rows::read(tx, "touch", t.id)? {
                Some(Removed::Touch(now)) if now.version == *after_version => now,
                _ => return stale("touch", t.id),
            };
            tx.execute(
                "UPDATE touch SET on_day = ?2, kind = ?3, initiated_by = ?4, summary = ?5,
                 bad_news = ?6, version = version + 1 WHERE id = ?1 AND version = ?7",
                params![
                    t.id,
                    t.on,
                    t.kind,
                    t.initiated_by,
                    t.summary,
                    t.bad_news,
                    after_version
                ],
            )
            .map_err(sql)?;
            Ok(UndoStep::RestoreTouch {
                before: now,
                after_version: after_version + 1,
            })
        }
        UndoStep::RestoreProblem {
            before: p,
            after_version,
        } => {
            let now = problem_in(tx, p.id).ok();
            let Some(now) = now.filter(|now| now.version == *after_version) else {
                return stale("problem", p.id);
            };
            tx.execute(
                "UPDATE problem SET opened_on = ?2, summary = ?3, severity = ?4, reaction = ?5,
                 brave_conversation_on = ?6, brave_note = ?7, resolved_on = ?8,
                 version = version + 1 WHERE id = ?1 AND version = ?9",
                params![
                    p.id,
                    p.opened_on,
                    p.summary,
                    p.severity,
                    p.reaction,
                    p.brave_conversation_on,
                    p.brave_note,
                    p.resolved_on,
                    after_version
                ],
            )
            .map_err(sql)?;
            Ok(UndoStep::RestoreProblem {
                before: now,
                after_version: after_version + 1,
            })
        }
        UndoStep::Batch { steps } => {
            // Reversed last first, so a batch and its reverse mirror each other.
            let mut reverse = Vec::with_capacity(steps.len());
            for step in steps.iter().rev() {
                reverse.push(apply(tx, since, step)?);
            }
            Ok(UndoStep::Batch { steps: reverse })
        }
        UndoStep::RestoreContact {
            before: c,
            after_version,
        } => {
            let now = match undo_rows::read(tx, "contact", c.id)? {
                Some(Removed::Contact(now)) if now.version == *after_version => now,
                _ => return stale("contact", c.id),
            };
            if super::contacts::restore(tx, c, *after_version)? == 0 {
                return stale("contact", c.id);
            }
            Ok(UndoStep::RestoreContact {
                before: now,
                after_version: after_version + 1,
            })
        }
        UndoStep::RestorePartner {
            before: p,
            after_version,
        } => {
            let now = match undo_rows::read(tx, "partner", p.id)? {
                Some(Removed::Partner(now)) if now.version == *after_version => now,
                _ => return stale("partner", p.id),
            };
            if super::partners::restore(tx, p, *after_version)? == 0 {
                return stale("partner", p.id);
            }
            Ok(UndoStep::RestorePartner {
                before: now,
                after_version: after_version + 1,
            })
        }
    }
}

/// The newest change since event `since` to the record `entity`/`id` or to the records that
/// hang from it, not itself undone: (who, what, how many such changes).
fn later_events(
    tx: &Transaction<'_>,
    since: i64,
    entity: &str,
    id: i64,
) -> StoreResult<Option<(String, String, i64)>> {
    tx.query_row(
        "SELECT who, summary, count(*) OVER () FROM event e
         WHERE id > ?1 AND undone = 0 AND entity <> 'event' AND (
               (entity = ?2 AND entity_id = ?3)
            OR (?2 = 'partner' AND (
                   (entity = 'commitment' AND entity_id IN (SELECT id FROM commitment WHERE partner_id = ?3))
                OR (entity = 'touch' AND entity_id IN (SELECT id FROM touch WHERE partner_id = ?3))
                OR (entity = 'problem' AND entity_id IN (SELECT id FROM problem WHERE partner_id = ?3))
                OR (entity = 'contact' AND entity_id IN (SELECT id FROM contact WHERE partner_id = ?3)))))
         ORDER BY id DESC LIMIT 1",
        params![since, entity, id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
    .map_err(StoreError::sql("reading the event log"))
}

/// Says whose change since event `since` stands in the way of undoing it, from the event log.
fn in_the_way(tx: &Transaction<'_>, since: i64, entity: &str, id: i64) -> StoreResult<String> {
    let found = match later_events(tx, since, entity, id)? {
        Some(found) => Some(found),
        // Not logged against the record: an import or a restore of the whole book, if any.
        None => tx
            .query_row(
                "SELECT who, summary, 1 FROM event
                 WHERE id > ?1 AND entity = 'book' ORDER BY id DESC LIMIT 1",
                [since],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(StoreError::sql("reading the event log"))?,
    };
    Ok(match found {
        Some((who, what, n)) => {
            let more = match n {
                ..=1 => String::new(),
                2 => " (and 1 more change)".to_string(),
                n => format!(" (and {} more changes)", n - 1),
            };
            format!("{who} has since {what}{more}")
        }
        None => "the record was changed since, outside pactum's log".to_string(),
    })
}

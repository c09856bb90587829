//! The rows an undo removes, kept whole in its event so that undoing the undo puts them back.

use super::convert::{self, touch_cols};
use super::error::{StoreError, StoreResult};
use super::events::{commitment_in, problem_in};
use super::partners::partner_in;
use crate::domain::{Commitment, Contact, Partner, Problem, Review, Touch};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// One removed row, as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Removed {
    Partner(Box<Partner>),
    Commitment(Commitment),
    Touch(Touch),
    Problem(Problem),
    Contact(Contact),
    Review(Review),
}

impl Removed {
    /// The table the row lives in, as the event log names it.
    pub fn entity(&self) -> &'static str {
        match self {
            Removed::Partner(_) => "partner",
            Removed::Commitment(_) => "commitment",
            Removed::Touch(_) => "touch",
            Removed::Problem(_) => "problem",
            Removed::Contact(_) => "contact",
            Removed::Review(_) => "review",
        }
    }

    /// The row's id and version (reviews are never edited: always version 1).
    pub fn id_version(&self) -> (i64, i64) {
        match self {
            Removed::Partner(p) => (p.id, p.version),
            Removed::Commitment(c) => (c.id, c.version),
            Removed::Touch(t) => (t.id, t.version),
            Removed::Problem(p) => (p.id, p.version),
            Removed::Contact(c) => (c.id, c.version),
            Removed::Review(r) => (r.id, 1),
        }
    }
}

/// Reads the row `entity`/`id` whole, or `None` when it is gone.
pub(super) fn read(tx: &Transaction<'_>, entity: &str, id: i64) -> StoreResult<Option<Removed>> {
    let gone = |e: StoreError| match e {
        StoreError::NotFound(_) => Ok(None),
        e => Err(e),
    };
    let sql = StoreError::sql("reading the record to undo");
    match entity {
        "partner" => partner_in(tx, id).and_then(|mut p| {
            // Straight from the table: the joined list splits a tag holding a comma.
            let mut stmt = tx
                .prepare_cached("SELECT tag FROM tag WHERE partner_id = ?1 ORDER BY tag")
                .map_err(&sql)?;
            p.tags = stmt
                .query_map([id], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(&sql)?;
            Ok(Some(Removed::Partner(Box::new(p))))
        }),
        "commitment" => commitment_in(tx, id).map(|c| Some(Removed::Commitment(c))),
        "problem" => problem_in(tx, id).map(|p| Some(Removed::Problem(p))),
        "touch" => tx
            .query_row(
                concat!("SELECT ", touch_cols!(), " FROM touch WHERE id = ?1"),
                [id],
                convert::touch,
            )
            .optional()
            .map(|t| t.map(Removed::Touch))
            .map_err(sql),
        "contact" => tx
            .query_row(
                "SELECT id, partner_id, name, role, email, phone, note, version
                 FROM contact WHERE id = ?1",
                [id],
                |r| {
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
                },
            )
            .optional()
            .map(|c| c.map(Removed::Contact))
            .map_err(sql),
        "review" => tx
            .query_row(
                "SELECT id, commitment_id, on_day, verdict, note FROM review WHERE id = ?1",
                [id],
                |r| {
                    Ok(Review {
                        id: r.get(0)?,
                        commitment_id: r.get(1)?,
                        on: r.get(2)?,
                        verdict: r.get(3)?,
                        note: r.get(4)?,
                    })
                },
            )
            .optional()
            .map(|r| r.map(Removed::Review))
            .map_err(sql),
        other => Err(StoreError::Invalid(format!(
            "cannot undo a change to {other}"
        ))),
    }
    .or_else(gone)
}

/// The records hanging from a row that removing it would take with it: how many.
pub(super) fn dependents(tx: &Transaction<'_>, entity: &str, id: i64) -> StoreResult<i64> {
    let sql = match entity {
        "partner" => {
            "SELECT (SELECT count(*) FROM commitment WHERE partner_id = ?1)
                  + (SELECT count(*) FROM touch WHERE partner_id = ?1)
                  + (SELECT count(*) FROM problem WHERE partner_id = ?1)
                  + (SELECT count(*) FROM contact WHERE partner_id = ?1)"
        }
        "commitment" => "SELECT count(*) FROM review WHERE commitment_id = ?1",
        _ => return Ok(0),
    };
    tx.query_row(sql, [id], |r| r.get(0))
        .map_err(StoreError::sql("reading the record to undo"))
}

/// Removes the row `entity`/`id` (its dependents were checked to be none).
pub(super) fn delete(tx: &Transaction<'_>, entity: &str, id: i64) -> StoreResult<usize> {
    let sql = StoreError::sql("undoing the last change");
    match entity {
        "partner" => tx.execute("DELETE FROM partner WHERE id = ?1", [id]),
        "commitment" => tx.execute("DELETE FROM commitment WHERE id = ?1", [id]),
        "touch" => tx.execute("DELETE FROM touch WHERE id = ?1", [id]),
        "problem" => tx.execute("DELETE FROM problem WHERE id = ?1", [id]),
        "review" => tx.execute("DELETE FROM review WHERE id = ?1", [id]),
        "contact" => tx.execute("DELETE FROM contact WHERE id = ?1", [id]),
        other => {
            return Err(StoreError::Invalid(format!(
                "cannot undo a change to {other}"
            )));
        }
    }
    .map_err(sql)
}

/// Puts a removed row back under its own id (checked to be free), refusing when its name was
/// taken or the record it belongs to is gone.
pub(super) fn reinsert(tx: &Transaction<'_>, row: &Removed) -> StoreResult<()> {
    let owner_gone =
        |what: &str| StoreError::Conflict(format!("the {what} it belonged to was removed since"));
    let sql = StoreError::sql("redoing the change");
    match row {
        Removed::Partner(p) => {
            super::partners::name_taken(tx, &p.name, p.id).map_err(|e| match e {
                StoreError::Invalid(why) => StoreError::Conflict(why),
                e => e,
            })?;
            tx.execute(
                "INSERT INTO partner (id, name, stage, signed_on, desired_outcome, their_goals,
                 their_constraints, update_every_days, owner, ended_on, end_reason, created_on,
                 version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    p.id,
                    p.name,
                    p.stage,
                    p.signed_on,
                    p.desired_outcome,
                    p.their_goals,
                    p.their_constraints,
                    p.update_every_days,
                    p.owner,
                    p.ended_on,
                    p.end_reason,
                    p.created_on,
                    p.version
                ],
            )
            .map_err(&sql)?;
            for tag in &p.tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)",
                    params![p.id, tag],
                )
                .map_err(&sql)?;
            }
        }
        Removed::Commitment(c) => {
            read(tx, "partner", c.partner_id)?.ok_or_else(|| owner_gone("partner"))?;
            tx.execute(
                "INSERT INTO commitment (id, partner_id, side, title, detail, made_on, due_on,
                 ongoing, origin, status, closed_on, owner, version, original_due_on,
                 slipped_due_on, slipped_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    c.id,
                    c.partner_id,
                    c.side,
                    c.title,
                    c.detail,
                    c.made_on,
                    c.due_on,
                    c.ongoing,
                    c.origin,
                    c.status,
                    c.closed_on,
                    c.owner,
                    c.version,
                    c.slip.map(|s| s.original_due_on),
                    c.slip.map(|s| s.missed_due_on),
                    c.slip.map(|s| s.redated_on)
                ],
            )
            .map_err(&sql)?;
        }
        Removed::Touch(t) => {
            read(tx, "partner", t.partner_id)?.ok_or_else(|| owner_gone("partner"))?;
            tx.execute(
                "INSERT INTO touch (id, partner_id, on_day, kind, initiated_by, summary, bad_news,
                 version, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    t.id,
                    t.partner_id,
                    t.on,
                    t.kind,
                    t.initiated_by,
                    t.summary,
                    t.bad_news,
                    t.version,
                    t.body
                ],
            )
            .map_err(&sql)?;
        }
        Removed::Problem(p) => {
            read(tx, "partner", p.partner_id)?.ok_or_else(|| owner_gone("partner"))?;
            tx.execute(
                "INSERT INTO problem (id, partner_id, opened_on, summary, severity, reaction,
                 brave_conversation_on, brave_note, resolved_on, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    p.id,
                    p.partner_id,
                    p.opened_on,
                    p.summary,
                    p.severity,
                    p.reaction,
                    p.brave_conversation_on,
                    p.brave_note,
                    p.resolved_on,
                    p.version
                ],
            )
            .map_err(&sql)?;
        }
        Removed::Contact(c) => {
            read(tx, "partner", c.partner_id)?.ok_or_else(|| owner_gone("partner"))?;
            tx.execute(
                "INSERT INTO contact (id, partner_id, name, role, email, phone, note, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    c.id,
                    c.partner_id,
                    c.name,
                    c.role,
                    c.email,
                    c.phone,
                    c.note,
                    c.version
                ],
            )
            .map_err(&sql)?;
        }
        Removed::Review(r) => {
            read(tx, "commitment", r.commitment_id)?.ok_or_else(|| owner_gone("commitment"))?;
            tx.execute(
                "INSERT INTO review (id, commitment_id, on_day, verdict, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![r.id, r.commitment_id, r.on, r.verdict, r.note],
            )
            .map_err(&sql)?;
        }
    }
    Ok(())
}

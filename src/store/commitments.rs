//! Commitments both ways, and the reviews of ongoing ones.

use super::Store;
use super::convert::{self, commitment_cols};
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, commitment_in, record};
use super::partners::partner_in;
use super::records::NewCommitment;
use crate::domain::chronology;
use crate::domain::limits::{self, TEXT_MAX, TITLE_MAX};
use crate::domain::{Commitment, Review, Side, Stage, Status, Verdict};
use chrono::NaiveDate;
use rusqlite::params;

/// Which commitments a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommitmentFilter {
    pub partner_id: Option<i64>,
    pub open_only: bool,
    pub side: Option<Side>,
}

/// One partner's whole ledger, read through an index on partner_id (an `?1 IS NULL OR` test
/// on partner_id would make SQLite scan every commitment of the book). `?2` (open only) is
/// answered by [`OPEN_LEDGER_SQL`] instead.
pub(super) const LEDGER_SQL: &str = concat!(
    "SELECT ",
    commitment_cols!(),
    " FROM commitment
     WHERE partner_id = ?1 AND (?3 IS NULL OR side = ?3)
     ORDER BY status <> 'open', ongoing, due_on IS NULL, due_on, id"
);

/// One partner's open items only: a range of the commitment_partner index, so a long history
/// of closed items is never read (named, because a book without statistics could otherwise be
/// read through the agenda's index on status, in the ledger's order).
pub(super) const OPEN_LEDGER_SQL: &str = concat!(
    "SELECT ",
    commitment_cols!(),
    " FROM commitment INDEXED BY commitment_partner
     WHERE partner_id = ?1 AND status = 'open'
       AND (?3 IS NULL OR side = ?3)
     ORDER BY ongoing, due_on IS NULL, due_on, id"
);

/// The last review of each ongoing commitment of a partner: its charter items through the
/// commitment_ongoing index, each one's newest review the first of review_commitment read
/// backwards (not a subquery per review of the partner).
pub(super) const LAST_REVIEWS_SQL: &str = "
SELECT c.id, r.on_day, r.verdict
FROM commitment c
JOIN review r ON r.id = (SELECT x.id FROM review x WHERE x.commitment_id = c.id
                         ORDER BY x.on_day DESC, x.id DESC LIMIT 1)
WHERE c.partner_id = ?1 AND c.ongoing = 1";

/// Commitments of every partner (`?1` is NULL).
const ALL_COMMITMENTS_SQL: &str = concat!(
    "SELECT ",
    commitment_cols!(),
    " FROM commitment
     WHERE ?1 IS NULL
       AND (?2 = 0 OR status = 'open')
       AND (?3 IS NULL OR side = ?3)
     ORDER BY status <> 'open', ongoing, due_on IS NULL, due_on, id"
);

impl Store {
    /// Adds a commitment and returns its id. It is made no later than `today`, and due no
    /// earlier than the day it was made.
    pub fn add_commitment(&mut self, new: &NewCommitment, today: NaiveDate) -> StoreResult<i64> {
        let title =
            limits::check("title", &new.title, TITLE_MAX, true).map_err(StoreError::Invalid)?;
        let detail =
            limits::check("detail", &new.detail, TEXT_MAX, false).map_err(StoreError::Invalid)?;
        if new.ongoing && new.due_on.is_some() {
            return Err(StoreError::Invalid(
                "an ongoing commitment has no due date: drop --due or --ongoing".into(),
            ));
        }
        chronology::commitment_days(new.made_on, new.due_on, today).map_err(StoreError::Invalid)?;
        self.write("adding a commitment", |tx, who| {
            let partner = partner_in(tx, new.partner_id)?;
            if partner.stage == Stage::Ended {
                return Err(StoreError::Invalid(format!(
                    "{} has ended; commitments cannot be added",
                    partner.name
                )));
            }
            tx.execute(
                "INSERT INTO commitment (partner_id, side, title, detail, made_on, due_on, ongoing,
                 origin, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    new.partner_id,
                    new.side,
                    title,
                    detail,
                    new.made_on,
                    new.due_on,
                    new.ongoing,
                    new.origin,
                    who
                ],
            )
            .map_err(StoreError::sql("adding a commitment"))?;
            let id = tx.last_insert_rowid();
            let undo = UndoStep::Delete {
                entity: "commitment".into(),
                id,
                version: 1,
            };
            let text = format!(
                "added {} commitment {} for {}",
                new.side,
                crate::domain::text::quoted(&title),
                partner.name
            );
            record(tx, who, "add", "commitment", id, &text, Some(&undo))?;
            Ok(id)
        })
    }

    /// Closes an open commitment as kept, missed or released on `on`, a day between the one it
    /// was made and `today` (or reopens a closed one with `Status::Open`). A closed commitment
    /// is never closed again: its history stays as it was. Returns the event id, for undo.
    pub fn set_status(
        &mut self,
        id: i64,
        status: Status,
        on: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        self.write("changing a commitment", |tx, who| {
            let before = commitment_in(tx, id)?;
            match (before.status, status) {
                (Status::Open, Status::Open) => {
                    return Err(StoreError::Invalid(format!(
                        "commitment {id} is open: nothing changed"
                    )));
                }
                (Status::Open, _) => {}
                (_, Status::Open) => {}
                (closed, _) => {
                    let on = before
                        .closed_on
                        .map(|d| format!(" (on {d})"))
                        .unwrap_or_default();
                    return Err(StoreError::Invalid(format!(
                        "commitment {id} is already {closed}{on}: nothing changed"
                    )));
                }
            }
            if before.ongoing && matches!(status, Status::Kept | Status::Missed) {
                return Err(StoreError::Invalid(format!(
                    "{} is ongoing: review it as honoured or not honoured instead",
                    crate::domain::text::quoted(&before.title)
                )));
            }
            let closed_on = (status != Status::Open).then_some(on);
            if let Some(on) = closed_on {
                chronology::closing_day(on, before.made_on, today).map_err(StoreError::Invalid)?;
            }
            tx.execute(
                "UPDATE commitment SET status = ?2, closed_on = ?3, version = version + 1
                 WHERE id = ?1",
                params![id, status, closed_on],
            )
            .map_err(StoreError::sql("changing a commitment"))?;
            let verb = match status {
                Status::Open => "reopened",
                Status::Kept => "kept",
                Status::Missed => "missed",
                Status::Released => "released",
            };
            let text = format!("{verb} {}", crate::domain::text::quoted(&before.title));
            let undo = UndoStep::RestoreCommitment {
                after_version: before.version + 1,
                before,
            };
            record(tx, who, verb, "commitment", id, &text, Some(&undo))
        })
    }

    /// One commitment by id.
    pub fn commitment(&self, id: i64) -> StoreResult<Commitment> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT ",
                commitment_cols!(),
                " FROM commitment WHERE id = ?1"
            ))
            .map_err(StoreError::sql("reading a commitment"))?;
        stmt.query_row([id], convert::commitment)
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    StoreError::NotFound(format!("no commitment with id {id}"))
                }
                e => StoreError::sql("reading a commitment")(e),
            })
    }

    /// Commitments matching `filter`: open before closed, then by due day (undated last).
    pub fn commitments(&self, filter: CommitmentFilter) -> StoreResult<Vec<Commitment>> {
        let sql = match (filter.partner_id, filter.open_only) {
            (Some(_), true) => OPEN_LEDGER_SQL,
            (Some(_), false) => LEDGER_SQL,
            (None, _) => ALL_COMMITMENTS_SQL,
        };
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(StoreError::sql("listing commitments"))?;
        stmt.query_map(
            params![filter.partner_id, filter.open_only, filter.side],
            convert::commitment,
        )
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("listing commitments"))
    }

    /// Records a verdict on an ongoing commitment and returns the review's id.
    pub fn add_review(
        &mut self,
        commitment_id: i64,
        verdict: Verdict,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        let reviewed = self.add_reviews(&[commitment_id], verdict, on, note, today)?;
        Ok(reviewed.first().map_or(0, |(id, _)| *id))
    }

    /// Records one verdict on each of several ongoing commitments, all or nothing: every id is
    /// checked (it exists, is ongoing, is named once, was made by `on`) before any review is
    /// written, in one transaction. Returns each review's id with its commitment's title.
    pub fn add_reviews(
        &mut self,
        commitment_ids: &[i64],
        verdict: Verdict,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> StoreResult<Vec<(i64, String)>> {
        let note = limits::check("note", note, TEXT_MAX, false).map_err(StoreError::Invalid)?;
        chronology::not_after_today("review day", on, today).map_err(StoreError::Invalid)?;
        for (i, id) in commitment_ids.iter().enumerate() {
            if commitment_ids[..i].contains(id) {
                return Err(StoreError::Invalid(format!(
                    "commitment {id} is named twice: review each commitment once"
                )));
            }
        }
        self.write("reviewing a commitment", |tx, who| {
            let mut reviewed = Vec::with_capacity(commitment_ids.len());
            for &commitment_id in commitment_ids {
                let c = commitment_in(tx, commitment_id)?;
                if !c.ongoing {
                    return Err(StoreError::Invalid(format!(
                        "commitment {commitment_id} ({}) is dated: keep, miss or release it \
                         instead of reviewing it; nothing was reviewed",
                        crate::domain::text::quoted(&c.title)
                    )));
                }
                chronology::not_before("review day", on, "made day", c.made_on)
                    .map_err(StoreError::Invalid)?;
                tx.execute(
                    "INSERT INTO review (commitment_id, on_day, verdict, note)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![commitment_id, on, verdict, note],
                )
                .map_err(StoreError::sql("reviewing a commitment"))?;
                let id = tx.last_insert_rowid();
                let undo = UndoStep::Delete {
                    entity: "review".into(),
                    id,
                    version: 1,
                };
                let text = format!(
                    "reviewed {}: {verdict}",
                    crate::domain::text::quoted(&c.title)
                );
                record(
                    tx,
                    who,
                    "review",
                    "commitment",
                    commitment_id,
                    &text,
                    Some(&undo),
                )?;
                reviewed.push((id, c.title));
            }
            Ok(reviewed)
        })
    }

    /// Every review of a partner's commitments, oldest first.
    pub fn reviews(&self, partner_id: i64) -> StoreResult<Vec<Review>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.id, r.commitment_id, r.on_day, r.verdict, r.note FROM review r
                 JOIN commitment c ON c.id = r.commitment_id
                 WHERE c.partner_id = ?1 ORDER BY r.on_day, r.id",
            )
            .map_err(StoreError::sql("reading reviews"))?;
        stmt.query_map([partner_id], |r| {
            Ok(Review {
                id: r.get(0)?,
                commitment_id: r.get(1)?,
                on: r.get(2)?,
                verdict: r.get(3)?,
                note: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading reviews"))
    }

    /// The last review day of each ongoing commitment of a partner, by commitment id.
    pub fn last_reviews(&self, partner_id: i64) -> StoreResult<Vec<(i64, NaiveDate, Verdict)>> {
        let mut stmt = self
            .conn
            .prepare_cached(LAST_REVIEWS_SQL)
            .map_err(StoreError::sql("reading reviews"))?;
        stmt.query_map([partner_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading reviews"))
    }
}

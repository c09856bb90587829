//! Queries for the Today agenda's "We slipped — tell them" and "Switched off since signing".

use super::Store;
use super::convert::{self, commitment_cols};
use super::error::{StoreError, StoreResult};
use crate::domain::Commitment;
use chrono::NaiveDate;
use rusqlite::params;

/// Our missed items closed on or after ?2 and our open items re-dated late (not overdue
/// again), of partners not ended, each with its partner's last bad-news touch up to ?1.
pub(super) const SLIPPED: &str = concat!(
    "SELECT p.name, (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = c.partner_id
                     AND t.bad_news = 1 AND t.on_day <= ?1), ",
    commitment_cols!(c),
    " FROM commitment c INDEXED BY commitment_missed JOIN partner p ON p.id = c.partner_id
     WHERE c.status = 'missed' AND c.side = 'ours' AND c.closed_on BETWEEN ?2 AND ?1
       AND c.ongoing = 0 AND p.stage <> 'ended'
     UNION ALL
     SELECT p.name, (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = c.partner_id
                     AND t.bad_news = 1 AND t.on_day <= ?1), ",
    commitment_cols!(c),
    " FROM commitment c INDEXED BY commitment_slipped JOIN partner p ON p.id = c.partner_id
     WHERE c.original_due_on IS NOT NULL AND c.side = 'ours' AND c.status = 'open'
       AND c.due_on >= ?1 AND p.stage <> 'ended'"
);

/// A signed partner's id, name, signing day and our last touch.
pub type SignedSilence = (i64, String, NaiveDate, Option<NaiveDate>);

/// Signed partners (signed on or before ?1) with their signing day and our last touch.
pub(super) const SIGNED_SILENCE: &str = "
SELECT p.id, p.name, p.signed_on,
  (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
   AND t.on_day <= ?1)
FROM partner p WHERE p.stage = 'signed' AND p.signed_on <= ?1";

impl Store {
    /// The day of a partner's latest bad-news touch up to `today`, if any.
    pub fn last_bad_news(
        &self,
        partner_id: i64,
        today: NaiveDate,
    ) -> StoreResult<Option<NaiveDate>> {
        self.conn
            .prepare_cached(
                "SELECT max(on_day) FROM touch WHERE partner_id = ?1 AND bad_news = 1
                 AND on_day <= ?2",
            )
            .and_then(|mut stmt| stmt.query_row(params![partner_id, today], |r| r.get(0)))
            .map_err(StoreError::sql("reading the last bad-news touch"))
    }

    /// Our promises that broke and may not be told yet: missed since `since`, or re-dated
    /// late and open; each with its partner's name and last bad-news touch (up to `today`).
    /// The caller decides with [`crate::domain::slips`] which are untold.
    pub fn slipped_rows(
        &self,
        today: NaiveDate,
        since: NaiveDate,
    ) -> StoreResult<Vec<(String, Option<NaiveDate>, Commitment)>> {
        let mut stmt = self
            .conn
            .prepare_cached(SLIPPED)
            .map_err(StoreError::sql("reading our slips"))?;
        stmt.query_map(params![today, since], |r| {
            Ok((r.get(0)?, r.get(1)?, convert::commitment_at(r, 2)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading our slips"))
    }

    /// Signed partners with the day they were signed and our last touch up to `today`.
    pub fn signed_silence(&self, today: NaiveDate) -> StoreResult<Vec<SignedSilence>> {
        let mut stmt = self
            .conn
            .prepare_cached(SIGNED_SILENCE)
            .map_err(StoreError::sql("reading our last touches"))?;
        stmt.query_map(params![today], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading our last touches"))
    }
}

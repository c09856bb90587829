//! Queries shaped for the Today agenda and the Brief: windowed and indexed, no whole-book loads.

use super::Store;
use super::convert::{self, commitment_cols, problem_cols};
use super::error::{StoreError, StoreResult};
use crate::domain::agenda::Cadence;
use crate::domain::brief::CharterItem;
use crate::domain::{Commitment, Problem};
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// Open dated commitments due on or before `horizon`, of partners not ended, with the
    /// partner's name, earliest first.
    pub fn due_by(&self, horizon: NaiveDate) -> StoreResult<Vec<(String, Commitment)>> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT pname, ",
                commitment_cols!(),
                " FROM (SELECT p.name AS pname, c.* FROM commitment c JOIN partner p ON p.id = c.partner_id
                       WHERE c.status = 'open' AND c.due_on <= ?1 AND c.ongoing = 0 AND p.stage <> 'ended')
                 ORDER BY due_on, id"
            ))
            .map_err(StoreError::sql("reading what is due"))?;
        stmt.query_map([horizon], |r| {
            Ok((r.get(0)?, convert::commitment_at(r, 1)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading what is due"))
    }

    /// Unresolved problems of partners not ended whose reaction exceeds the severity by `gap`
    /// or more and that have no brave conversation yet, oldest first.
    pub fn unfaced_problems(&self, gap: u8) -> StoreResult<Vec<(String, Problem)>> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT pname, ",
                problem_cols!(),
                " FROM (SELECT p.name AS pname, x.* FROM problem x JOIN partner p ON p.id = x.partner_id
                       WHERE x.resolved_on IS NULL AND x.brave_conversation_on IS NULL
                         AND x.reaction - x.severity >= ?1 AND p.stage <> 'ended')
                 ORDER BY opened_on, id"
            ))
            .map_err(StoreError::sql("reading problems"))?;
        stmt.query_map([gap], |r| Ok((r.get(0)?, convert::problem_at(r, 1)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading problems"))
    }

    /// Open ongoing commitments of partners not ended whose last review (or, never reviewed,
    /// whose making) is before `cutoff`, with the last review day, stalest first.
    pub fn stale_charter(
        &self,
        cutoff: NaiveDate,
    ) -> StoreResult<Vec<(String, Commitment, Option<NaiveDate>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "WITH charter AS MATERIALIZED (
                   SELECT p.name AS pname, c.*,
                     (SELECT max(on_day) FROM review r WHERE r.commitment_id = c.id) AS last
                   FROM commitment c JOIN partner p ON p.id = c.partner_id
                   WHERE c.ongoing = 1 AND c.status = 'open' AND p.stage <> 'ended')
                 SELECT pname, ",
                commitment_cols!(),
                ", last FROM charter
                 WHERE coalesce(last, made_on) < ?1
                 ORDER BY coalesce(last, made_on), id"
            ))
            .map_err(StoreError::sql("reading the charter"))?;
        stmt.query_map([cutoff], |r| {
            Ok((r.get(0)?, convert::commitment_at(r, 1)?, r.get(14)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the charter"))
    }

    /// Each partner not ended: id, name, last update day, agreed cadence.
    pub fn cadences(&self) -> StoreResult<Vec<Cadence>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.name,
                   (SELECT max(on_day) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'update'),
                   p.update_every_days
                 FROM partner p WHERE p.stage <> 'ended' ORDER BY p.name COLLATE NOCASE",
            )
            .map_err(StoreError::sql("reading update cadences"))?;
        stmt.query_map([], |r| {
            Ok(Cadence {
                partner_id: r.get(0)?,
                partner: r.get(1)?,
                last_update_on: r.get(2)?,
                update_every_days: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading update cadences"))
    }

    /// A partner's commitments of one side kept on or after `since`.
    pub fn kept_since(&self, partner_id: i64, since: NaiveDate) -> StoreResult<Vec<Commitment>> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT ",
                commitment_cols!(),
                " FROM commitment WHERE partner_id = ?1 AND side = 'theirs' AND status = 'kept'
                   AND closed_on >= ?2 ORDER BY closed_on DESC, id DESC"
            ))
            .map_err(StoreError::sql("reading kept commitments"))?;
        stmt.query_map(params![partner_id, since], convert::commitment)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading kept commitments"))
    }
}

impl Store {
    /// The items of the review ritual: open ongoing and open dated commitments of one partner
    /// (or of every partner not ended), by partner, ongoing first, then by due day; each with
    /// its last review.
    pub fn review_items(&self, partner: Option<i64>) -> StoreResult<Vec<(String, CharterItem)>> {
        let (lo, hi) = partner.map_or((i64::MIN, i64::MAX), |id| (id, id));
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT pname, ",
                commitment_cols!(),
                ", (SELECT on_day FROM review r WHERE r.commitment_id = id ORDER BY on_day DESC, r.id DESC LIMIT 1),
                   (SELECT verdict FROM review r WHERE r.commitment_id = id ORDER BY on_day DESC, r.id DESC LIMIT 1)
                 FROM (SELECT p.name AS pname, c.* FROM commitment c JOIN partner p ON p.id = c.partner_id
                       WHERE c.partner_id BETWEEN ?1 AND ?2 AND c.status = 'open' AND p.stage <> 'ended')
                 ORDER BY pname COLLATE NOCASE, partner_id, ongoing DESC, due_on, id"
            ))
            .map_err(StoreError::sql("reading the checklist"))?;
        stmt.query_map(params![lo, hi], |r| {
            let on: Option<NaiveDate> = r.get(14)?;
            let verdict: Option<crate::domain::Verdict> = r.get(15)?;
            let item = CharterItem {
                commitment: convert::commitment_at(r, 1)?,
                last_review: on.zip(verdict),
            };
            Ok((r.get(0)?, item))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the checklist"))
    }

    /// Records that an open dated commitment was looked at in a review and left open.
    pub fn record_check(&mut self, id: i64, on: NaiveDate) -> StoreResult<i64> {
        self.write("recording a review", |tx, who| {
            let c = super::events::commitment_in(tx, id)?;
            let text = format!("checked {:?} on {on}: still open", c.title);
            super::events::record(tx, who, "check", "commitment", id, &text, None)
        })
    }
}

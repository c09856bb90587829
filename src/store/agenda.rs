//! Queries shaped for the Today agenda and the Brief: windowed and indexed, no whole-book loads.

use super::Store;
use super::convert::{self, commitment_cols, problem_cols};
use super::error::{StoreError, StoreResult};
use crate::domain::brief::CharterItem;
use crate::domain::{Commitment, Problem, Side};
use chrono::NaiveDate;
use rusqlite::params;

/// Which open dated commitments an agenda section reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Due before `today`.
    Overdue { today: NaiveDate },
    /// Due from `today` to `horizon`, both included.
    Soon {
        today: NaiveDate,
        horizon: NaiveDate,
    },
}

/// SQLite's "no limit".
fn sql_limit(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// Partners whose records no agenda shows (read through the `partner_ended` index).
macro_rules! not_ended {
    () => {
        "partner_id NOT IN (SELECT id FROM partner WHERE stage = 'ended')"
    };
}

macro_rules! due_sql {
    ($range:literal, $limit:literal) => {
        concat!(
            "SELECT p.name, ",
            commitment_cols!(c),
            " FROM commitment c JOIN partner p ON p.id = c.partner_id
             WHERE c.status = 'open' AND c.ongoing = 0 AND c.side = ?1 AND ",
            $range,
            " AND p.stage <> 'ended'
             ORDER BY c.due_on, c.partner_id, c.id LIMIT ",
            $limit
        )
    };
}

pub(crate) const DUE_OVERDUE: &str = due_sql!("c.due_on < ?2", "?3");
pub(crate) const DUE_SOON: &str = due_sql!("c.due_on >= ?2 AND c.due_on <= ?3", "?4");

/// Open dated items of both sides due from ?1 (today) to ?2 (the horizon), partners not ended.
/// An ongoing item has no due day, so a range of due days holds dated items only.
pub(crate) const DUE_SOON_COUNT: &str = concat!(
    "SELECT count(*) FROM commitment
     WHERE status = 'open' AND ongoing = 0 AND side IN ('ours', 'theirs')
       AND due_on BETWEEN ?1 AND ?2 AND ",
    not_ended!()
);

pub(crate) const STALE_CHARTER: &str = concat!(
    "SELECT p.name, ",
    commitment_cols!(c),
    ", c.last_review_on FROM commitment c JOIN partner p ON p.id = c.partner_id
     WHERE c.status = 'open' AND c.ongoing = 1 AND coalesce(c.last_review_on, c.made_on) < ?1
       AND p.stage <> 'ended'
     ORDER BY coalesce(c.last_review_on, c.made_on), c.partner_id, c.id LIMIT ?2"
);

pub(crate) const STALE_CHARTER_COUNT: &str = concat!(
    "SELECT count(*) FROM commitment
     WHERE status = 'open' AND ongoing = 1 AND coalesce(last_review_on, made_on) < ?1 AND ",
    not_ended!()
);

impl Store {
    /// Open dated commitments of one side, of partners not ended, due before `today`
    /// (`Overdue`) or from `today` to the horizon (`Soon`), earliest first, at most `limit`.
    /// Read in the order of the `commitment_agenda` index, so a screenful costs a screenful.
    pub fn due_rows(
        &self,
        side: Side,
        bucket: Due,
        limit: Option<usize>,
    ) -> StoreResult<Vec<(String, Commitment)>> {
        let limit = sql_limit(limit);
        let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, convert::commitment_at(r, 1)?));
        match bucket {
            Due::Overdue { today } => self
                .conn
                .prepare_cached(DUE_OVERDUE)
                .and_then(|mut stmt| stmt.query_map(params![side, today, limit], row)?.collect()),
            Due::Soon { today, horizon } => {
                self.conn.prepare_cached(DUE_SOON).and_then(|mut stmt| {
                    stmt.query_map(params![side, today, horizon, limit], row)?
                        .collect()
                })
            }
        }
        .map_err(StoreError::sql("reading what is due"))
    }

    /// How many open dated commitments of partners not ended, both sides, are due from
    /// `today` to `horizon`.
    pub fn due_soon_count(&self, today: NaiveDate, horizon: NaiveDate) -> StoreResult<usize> {
        self.conn
            .prepare_cached(DUE_SOON_COUNT)
            .and_then(|mut stmt| stmt.query_row(params![today, horizon], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(StoreError::sql("counting what is due"))
    }

    /// Unresolved problems of partners not ended whose reaction exceeds the severity by `gap`
    /// or more and that have no brave conversation yet, oldest first, at most `limit`; with
    /// how many there are in all (one pass over the few open problems).
    pub fn unfaced_problems(
        &self,
        gap: u8,
        limit: Option<usize>,
    ) -> StoreResult<(Vec<(String, Problem)>, usize)> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT count(*) OVER (), p.name, ",
                problem_cols!(x),
                " FROM problem x JOIN partner p ON p.id = x.partner_id
                 WHERE x.resolved_on IS NULL AND x.brave_conversation_on IS NULL
                   AND x.reaction - x.severity >= ?1 AND p.stage <> 'ended'
                 ORDER BY x.opened_on, x.id LIMIT ?2"
            ))
            .map_err(StoreError::sql("reading problems"))?;
        let mut total = 0;
        let rows = stmt
            .query_map(params![gap, sql_limit(limit)], |r| {
                total = r.get::<_, i64>(0)?;
                Ok((r.get(1)?, convert::problem_at(r, 2)?))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(StoreError::sql("reading problems"))?;
        Ok((rows, usize::try_from(total).unwrap_or(0)))
    }

    /// Open ongoing commitments of partners not ended whose last review (or, never reviewed,
    /// whose making) is before `cutoff`, with the last review day, stalest first, at most
    /// `limit`; read in the order of the `commitment_charter` index.
    pub fn stale_charter(
        &self,
        cutoff: NaiveDate,
        limit: Option<usize>,
    ) -> StoreResult<Vec<(String, Commitment, Option<NaiveDate>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(STALE_CHARTER)
            .map_err(StoreError::sql("reading the charter"))?;
        stmt.query_map(params![cutoff, sql_limit(limit)], |r| {
            Ok((
                r.get(0)?,
                convert::commitment_at(r, 1)?,
                r.get(1 + convert::COMMITMENT_COLS)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the charter"))
    }

    /// How many charter items [`Store::stale_charter`] would list without a limit.
    pub fn stale_charter_count(&self, cutoff: NaiveDate) -> StoreResult<usize> {
        self.conn
            .prepare_cached(STALE_CHARTER_COUNT)
            .and_then(|mut stmt| stmt.query_row([cutoff], |r| r.get::<_, i64>(0)))
            .map(|n| n as usize)
            .map_err(StoreError::sql("counting the charter"))
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
                ", (SELECT on_day FROM review r WHERE r.commitment_id = x.id ORDER BY on_day DESC, r.id DESC LIMIT 1),
                   (SELECT verdict FROM review r WHERE r.commitment_id = x.id ORDER BY on_day DESC, r.id DESC LIMIT 1)
                 FROM (SELECT p.name AS pname, c.* FROM commitment c JOIN partner p ON p.id = c.partner_id
                       WHERE c.partner_id BETWEEN ?1 AND ?2 AND c.status = 'open' AND p.stage <> 'ended') AS x
                 ORDER BY pname COLLATE NOCASE, partner_id, ongoing DESC, due_on, id"
            ))
            .map_err(StoreError::sql("reading the checklist"))?;
        stmt.query_map(params![lo, hi], |r| {
            let on: Option<NaiveDate> = r.get(1 + convert::COMMITMENT_COLS)?;
            let verdict: Option<crate::domain::Verdict> = r.get(2 + convert::COMMITMENT_COLS)?;
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
            let text = format!(
                "checked {} on {on}: still open",
                crate::domain::text::quoted(&c.title)
            );
            super::events::record(tx, who, "check", "commitment", id, &text, None)
        })
    }
}

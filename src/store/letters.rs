//! What the letters to a partner need beyond its records: the day of our last update.

use super::Store;
use super::error::{StoreError, StoreResult};
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// The day of a partner's latest `update` touch up to `today`, if any.
    pub fn last_update(&self, partner_id: i64, today: NaiveDate) -> StoreResult<Option<NaiveDate>> {
        self.conn
            .prepare_cached(
                "SELECT max(on_day) FROM touch WHERE partner_id = ?1 AND kind = 'update'
                 AND on_day <= ?2",
            )
            .and_then(|mut stmt| stmt.query_row(params![partner_id, today], |r| r.get(0)))
            .map_err(StoreError::sql("reading the last update"))
    }
}

//! A record as it was at an earlier version, read back from the event log: the common ground
//! two edits started from, so edits to different fields can be merged.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::UndoStep;
use crate::domain::{Commitment, Partner};

impl Store {
    /// The partner as it was at `version`, when the log still holds the change that left it.
    pub fn partner_as_of(&self, id: i64, version: i64) -> StoreResult<Option<Partner>> {
        Ok(self
            .steps("partner", id)?
            .into_iter()
            .find_map(|step| match step {
                UndoStep::RestorePartner { before, .. } if before.version == version => {
                    Some(*before)
                }
                _ => None,
            }))
    }

    /// The commitment as it was at `version`, when the log still holds the change that left it.
    pub fn commitment_as_of(&self, id: i64, version: i64) -> StoreResult<Option<Commitment>> {
        Ok(self
            .steps("commitment", id)?
            .into_iter()
            .find_map(|step| match step {
                UndoStep::RestoreCommitment { before, .. } if before.version == version => {
                    Some(before)
                }
                _ => None,
            }))
    }

    /// The undo steps recorded for one record, oldest first (unreadable ones are skipped).
    fn steps(&self, entity: &str, id: i64) -> StoreResult<Vec<UndoStep>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT undo FROM event WHERE entity = ?1 AND entity_id = ?2 AND undo IS NOT NULL
                 ORDER BY id",
            )
            .map_err(StoreError::sql("reading the event log"))?;
        let rows: Vec<String> = stmt
            .query_map(rusqlite::params![entity, id], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading the event log"))?;
        Ok(rows
            .iter()
            .filter_map(|json| serde_json::from_str(json).ok())
            .collect())
    }
}

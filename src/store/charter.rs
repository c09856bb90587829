//! The first-meeting charter written at once: each intention (ours) and expectation (theirs)
//! an ongoing first-meeting commitment, in one transaction, logged and undone as one change.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, record};
use crate::domain::limits::{self, TITLE_MAX};
use crate::domain::{Origin, Side, Stage};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Adds the charter of the partner named `partner` (exactly, ignoring case): `ours` and
    /// `theirs` become ongoing first-meeting commitments made `today`. Returns how many were
    /// added; the event that undoes them all is [`Store::last_event`].
    pub fn add_charter(
        &mut self,
        partner: &str,
        ours: &[String],
        theirs: &[String],
        today: NaiveDate,
    ) -> StoreResult<usize> {
        let mut items = Vec::new();
        for (side, list) in [(Side::Ours, ours), (Side::Theirs, theirs)] {
            for title in list {
                let title = limits::check("charter item", title, TITLE_MAX, true)
                    .map_err(StoreError::Invalid)?;
                items.push((side, title));
            }
        }
        if items.is_empty() {
            return Err(StoreError::Invalid("the charter has no items".into()));
        }
        self.write("adding the charter", |tx, who| {
            let found: Option<(i64, String, Stage)> = tx
                .query_row(
                    "SELECT id, name, stage FROM partner WHERE name = ?1 COLLATE NOCASE",
                    [partner],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(StoreError::sql("finding the partner"))?;
            let Some((partner_id, name, stage)) = found else {
                return Err(StoreError::NotFound(format!(
                    "no partner named {}",
                    crate::domain::text::quoted(partner)
                )));
            };
            if stage == Stage::Ended {
                return Err(StoreError::Invalid(format!(
                    "{name} has ended; commitments cannot be added"
                )));
            }
            let mut steps = Vec::with_capacity(items.len());
            for (side, title) in &items {
                tx.execute(
                    "INSERT INTO commitment (partner_id, side, title, made_on, ongoing, origin,
                     owner) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
                    params![partner_id, side, title, today, Origin::FirstMeeting, who],
                )
                .map_err(StoreError::sql("adding the charter"))?;
                steps.push(UndoStep::Delete {
                    entity: "commitment".into(),
                    id: tx.last_insert_rowid(),
                    version: 1,
                });
            }
            let n_ours = items.iter().filter(|(s, _)| *s == Side::Ours).count();
            let text = format!(
                "added the charter of {name}: {} of ours, {} of theirs",
                n_ours,
                items.len() - n_ours
            );
            let undo = UndoStep::Batch { steps };
            record(tx, who, "add", "partner", partner_id, &text, Some(&undo))?;
            Ok(items.len())
        })
    }
}

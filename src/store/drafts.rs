//! Unfinished forms, kept in the book per person: a dropped link or a killed
//! terminal loses nothing that was typed; the next start offers it back, once.

use super::Store;
use super::error::{StoreError, StoreResult};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Keeps `form` (the form's state as JSON) as this user's draft, replacing an earlier one.
    pub fn save_draft(&mut self, form: &str) -> StoreResult<()> {
        self.write("keeping the unfinished form", |tx, who| {
            let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            tx.execute(
                "INSERT OR REPLACE INTO draft (who, saved_at, form) VALUES (?1, ?2, ?3)",
                params![who, at, form],
            )
            .map_err(StoreError::sql("keeping the unfinished form"))?;
            Ok(())
        })
    }

    /// Takes this user's draft, if any: it is offered once, then gone.
    pub fn take_draft(&mut self) -> StoreResult<Option<String>> {
        self.write("reading the unfinished form", |tx, who| {
            let form: Option<String> = tx
                .query_row("SELECT form FROM draft WHERE who = ?1", [who], |r| r.get(0))
                .optional()
                .map_err(StoreError::sql("reading the unfinished form"))?;
            if form.is_some() {
                tx.execute("DELETE FROM draft WHERE who = ?1", [who])
                    .map_err(StoreError::sql("reading the unfinished form"))?;
            }
            Ok(form)
        })
    }
}

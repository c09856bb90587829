//! Applying an imported book in one transaction: everything or nothing. Partners are matched by
//! name (case-insensitive), records by their identity within the partner, so importing the same
//! file twice adds nothing the second time. A dry run does the same work and rolls it back.

mod records;

use super::Store;
use super::bulk::SetAside;
use super::error::{StoreError, StoreResult};
use super::events::record;
use crate::exchange::{Book, ImportReport, PartnerRecord};
use records::{commitments, contacts, problems, touches};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

impl Store {
    /// Merges `book` into this book in one transaction and reports what was added, matched and
    /// skipped. With `dry_run` the transaction is rolled back: the report says what would happen.
    /// `progress` is told how many records were handled, as they are.
    pub fn import_book(
        &mut self,
        book: &Book,
        file: &str,
        dry_run: bool,
        progress: &mut dyn FnMut(u64),
    ) -> StoreResult<ImportReport> {
        let doing = "importing";
        // A large import touches every index of the big tables in no particular order: a
        // larger page cache for the run keeps them from being read and written again and again.
        self.conn
            .execute_batch("PRAGMA cache_size = -262144")
            .map_err(StoreError::sql(doing))?;
        let out = self.import_in_one(book, file, dry_run, progress);
        self.conn
            .execute_batch("PRAGMA cache_size = -2000")
            .map_err(StoreError::sql(doing))?;
        out
    }

    fn import_in_one(
        &mut self,
        book: &Book,
        file: &str,
        dry_run: bool,
        progress: &mut dyn FnMut(u64),
    ) -> StoreResult<ImportReport> {
        let doing = "importing";
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing))?;
        let mut report = ImportReport {
            file: file.to_string(),
            dry_run,
            ..ImportReport::default()
        };
        let aside = SetAside::take(&tx).map_err(StoreError::sql(doing))?;
        let mut partners = Vec::with_capacity(book.partners.len());
        for p in &book.partners {
            let pid = import_partner(&tx, p, &mut report).map_err(|e| match e {
                StoreError::Invalid(why) => StoreError::Invalid(format!(
                    "{file}, partner {}: {why}",
                    crate::domain::text::quoted(&p.name)
                )),
                other => other,
            })?;
            partners.push(pid);
            progress(
                1 + (p.contacts.len() + p.commitments.len() + p.touches.len() + p.problems.len())
                    as u64,
            );
        }
        if let Some(events) = &book.events {
            report.events.skipped = events.len();
            if !events.is_empty() {
                report.notes.push(
                    "the file's event log is kept there for the record, not imported: this import is one event".into(),
                );
            }
        }
        aside
            .restore(&tx, &partners)
            .map_err(StoreError::sql(doing))?;
        if dry_run {
            tx.rollback().map_err(StoreError::sql(doing))?;
            return Ok(report);
        }
        let summary = format!(
            "imported {file}: {} partners, {} commitments, {} touches added",
            report.partners.added, report.commitments.added, report.touches.added
        );
        let event = record(&tx, &self.user, "import", "book", 0, &summary, None)?;
        tx.commit().map_err(StoreError::sql(doing))?;
        // A write of this handle: the lines it memoised are patched for the partners touched.
        self.writes += 1;
        self.last_event = Some(event);
        Ok(report)
    }
}

fn import_partner(
    tx: &Transaction<'_>,
    p: &PartnerRecord,
    report: &mut ImportReport,
) -> StoreResult<i64> {
    let sql = StoreError::sql("importing a partner");
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM partner WHERE name = ?1 COLLATE NOCASE")
        .and_then(|mut s| s.query_row([p.name.trim()], |r| r.get(0)).optional())
        .map_err(&sql)?;
    let pid = match existing {
        Some(id) => {
            report.partners.matched += 1;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO partner (name, stage, signed_on, desired_outcome, their_goals,
                 their_constraints, update_every_days, owner, ended_on, end_reason, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
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
                    p.created_on
                ])
            })
            .map_err(&sql)?;
            report.partners.added += 1;
            tx.last_insert_rowid()
        }
    };
    let fresh = existing.is_none();
    {
        let mut tag = tx
            .prepare_cached("INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)")
            .map_err(&sql)?;
        for t in &p.tags {
            tag.execute(params![pid, t]).map_err(&sql)?;
        }
    }
    contacts(tx, pid, fresh, p, &mut report.contacts)?;
    commitments(tx, pid, fresh, &p.commitments, report)?;
    touches(tx, pid, fresh, p, &mut report.touches)?;
    problems(tx, pid, fresh, p, &mut report.problems)?;
    Ok(pid)
}

//! Applying an imported book in one transaction: everything or nothing. Partners are matched by
//! name (case-insensitive), records by their identity within the partner, so importing the same
//! file twice adds nothing the second time. A dry run does the same work and rolls it back.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::record;
use crate::exchange::{Book, CommitmentRecord, Counts, ImportReport, PartnerRecord};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::collections::HashMap;

/// Existing rows of one partner, by identity; each can match one imported record.
type Pool<K> = HashMap<K, Vec<i64>>;

fn take<K: std::hash::Hash + Eq>(pool: &mut Pool<K>, key: &K) -> Option<i64> {
    let ids = pool.get_mut(key)?;
    let id = ids.pop();
    if ids.is_empty() {
        pool.remove(key);
    }
    id
}

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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing))?;
        let mut report = ImportReport {
            file: file.to_string(),
            dry_run,
            ..ImportReport::default()
        };
        for p in &book.partners {
            import_partner(&tx, p, &mut report).map_err(|e| match e {
                StoreError::Invalid(why) => {
                    StoreError::Invalid(format!("{file}, partner {:?}: {why}", p.name))
                }
                other => other,
            })?;
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
        self.last_event = Some(event);
        Ok(report)
    }
}

fn import_partner(
    tx: &Transaction<'_>,
    p: &PartnerRecord,
    report: &mut ImportReport,
) -> StoreResult<()> {
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
    problems(tx, pid, fresh, p, &mut report.problems)
}

/// Contacts are the same person when their emails match (ignoring case), else their names.
fn contacts(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    p: &PartnerRecord,
    counts: &mut Counts,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing contacts");
    let mut by_email: Pool<String> = HashMap::new();
    let mut by_name: Pool<String> = HashMap::new();
    if !fresh {
        let mut s = tx
            .prepare_cached(
                "SELECT id, name, email FROM contact WHERE partner_id = ?1 ORDER BY id DESC",
            )
            .map_err(&sql)?;
        let rows = s
            .query_map([pid], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(&sql)?;
        for (id, name, email) in rows {
            if !email.trim().is_empty() {
                by_email
                    .entry(email.trim().to_ascii_lowercase())
                    .or_default()
                    .push(id);
            }
            by_name
                .entry(name.trim().to_ascii_lowercase())
                .or_default()
                .push(id);
        }
    }
    let mut used: std::collections::HashSet<i64> = std::collections::HashSet::new();
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO contact (partner_id, name, role, email, phone, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(&sql)?;
    for c in &p.contacts {
        let email = c.email.trim().to_ascii_lowercase();
        let name = c.name.trim().to_ascii_lowercase();
        let mut found = None;
        if !email.is_empty() {
            while let Some(id) = take(&mut by_email, &email) {
                if !used.contains(&id) {
                    found = Some(id);
                    break;
                }
            }
        }
        if found.is_none() {
            while let Some(id) = take(&mut by_name, &name) {
                if !used.contains(&id) {
                    found = Some(id);
                    break;
                }
            }
        }
        match found {
            Some(id) => {
                used.insert(id);
                counts.matched += 1;
            }
            None => {
                insert
                    .execute(params![pid, c.name, c.role, c.email, c.phone, c.note])
                    .map_err(&sql)?;
                counts.added += 1;
            }
        }
    }
    Ok(())
}

/// A commitment is the same when partner, side, title and the day it was made match. Reviews
/// of a matched commitment are merged the same way (day, verdict and note).
fn commitments(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    list: &[CommitmentRecord],
    report: &mut ImportReport,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing commitments");
    let mut pool: Pool<(String, String, String)> = HashMap::new();
    if !fresh {
        let mut s = tx
            .prepare_cached(
                "SELECT id, side, title, made_on FROM commitment WHERE partner_id = ?1 ORDER BY id DESC",
            )
            .map_err(&sql)?;
        let rows = s
            .query_map([pid], |r| {
                Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(&sql)?;
        for (id, key) in rows {
            pool.entry(key).or_default().push(id);
        }
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO commitment (partner_id, side, title, detail, made_on, due_on, ongoing,
             origin, status, closed_on, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .map_err(&sql)?;
    let mut review = tx
        .prepare_cached(
            "INSERT INTO review (commitment_id, on_day, verdict, note) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(&sql)?;
    for c in list {
        let key = (c.side.to_string(), c.title.clone(), c.made_on.to_string());
        let (cid, matched) = match take(&mut pool, &key) {
            Some(id) => {
                report.commitments.matched += 1;
                (id, true)
            }
            None => {
                insert
                    .execute(params![
                        pid,
                        c.side,
                        c.title,
                        c.detail,
                        c.made_on,
                        c.due_on,
                        c.ongoing,
                        c.origin,
                        c.status,
                        c.closed_on,
                        c.owner
                    ])
                    .map_err(&sql)?;
                report.commitments.added += 1;
                (tx.last_insert_rowid(), false)
            }
        };
        let mut have: Pool<(String, String, String)> = HashMap::new();
        if matched && !c.reviews.is_empty() {
            let mut s = tx
                .prepare_cached(
                    "SELECT id, on_day, verdict, note FROM review WHERE commitment_id = ?1",
                )
                .map_err(&sql)?;
            let rows = s
                .query_map([cid], |r| {
                    Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(&sql)?;
            for (id, key) in rows {
                have.entry(key).or_default().push(id);
            }
        }
        for r in &c.reviews {
            let key = (r.on.to_string(), r.verdict.to_string(), r.note.clone());
            if take(&mut have, &key).is_some() {
                report.reviews.matched += 1;
            } else {
                review
                    .execute(params![cid, r.on, r.verdict, r.note])
                    .map_err(&sql)?;
                report.reviews.added += 1;
            }
        }
    }
    Ok(())
}

/// A touch is the same when day, kind, who started it and summary match.
fn touches(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    p: &PartnerRecord,
    counts: &mut Counts,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing touches");
    let mut pool: Pool<(String, String, String, String)> = HashMap::new();
    if !fresh {
        let mut s = tx
            .prepare_cached(
                "SELECT id, on_day, kind, initiated_by, summary FROM touch WHERE partner_id = ?1",
            )
            .map_err(&sql)?;
        let rows = s
            .query_map([pid], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(&sql)?;
        for (id, key) in rows {
            pool.entry(key).or_default().push(id);
        }
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary, bad_news)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(&sql)?;
    for t in &p.touches {
        let key = (
            t.on.to_string(),
            t.kind.to_string(),
            t.initiated_by.to_string(),
            t.summary.clone(),
        );
        if take(&mut pool, &key).is_some() {
            counts.matched += 1;
        } else {
            insert
                .execute(params![
                    pid,
                    t.on,
                    t.kind,
                    t.initiated_by,
                    t.summary,
                    t.bad_news
                ])
                .map_err(&sql)?;
            counts.added += 1;
        }
    }
    Ok(())
}

/// A problem is the same when the day it opened and its summary match.
fn problems(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    p: &PartnerRecord,
    counts: &mut Counts,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing problems");
    let mut pool: Pool<(String, String)> = HashMap::new();
    if !fresh {
        let mut s = tx
            .prepare_cached("SELECT id, opened_on, summary FROM problem WHERE partner_id = ?1")
            .map_err(&sql)?;
        let rows = s
            .query_map([pid], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(&sql)?;
        for (id, key) in rows {
            pool.entry(key).or_default().push(id);
        }
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO problem (partner_id, opened_on, summary, severity, reaction,
             brave_conversation_on, brave_note, resolved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .map_err(&sql)?;
    for pr in &p.problems {
        if take(&mut pool, &(pr.opened_on.to_string(), pr.summary.clone())).is_some() {
            counts.matched += 1;
        } else {
            insert
                .execute(params![
                    pid,
                    pr.opened_on,
                    pr.summary,
                    pr.severity,
                    pr.reaction,
                    pr.brave_conversation_on,
                    pr.brave_note,
                    pr.resolved_on
                ])
                .map_err(&sql)?;
            counts.added += 1;
        }
    }
    Ok(())
}

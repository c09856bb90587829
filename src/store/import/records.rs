//! Matching and inserting the records of one partner: each kind has an identity, and each
//! existing row can match one imported record (so in-file repeats are kept, as in the book).

use crate::exchange::{CommitmentRecord, Counts, ImportReport, PartnerRecord};
use crate::store::convert::Day;
use crate::store::error::{StoreError, StoreResult};
use rusqlite::{Transaction, params};
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

/// Loads the rows a query returns (`id` first, then the identity) into a pool.
fn load_pool<K: std::hash::Hash + Eq>(
    tx: &Transaction<'_>,
    query: &str,
    owner: i64,
    key: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<K>,
) -> StoreResult<Pool<K>> {
    let sql = StoreError::sql("importing: reading what the book has");
    let mut stmt = tx.prepare_cached(query).map_err(&sql)?;
    let mut rows = stmt.query([owner]).map_err(&sql)?;
    let mut pool: Pool<K> = HashMap::new();
    while let Some(r) = rows.next().map_err(&sql)? {
        let id: i64 = r.get(0).map_err(&sql)?;
        pool.entry(key(r).map_err(&sql)?).or_default().push(id);
    }
    Ok(pool)
}

/// Contacts are the same person when their emails match (ignoring case), else their names.
pub(super) fn contacts(
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
pub(super) fn commitments(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    list: &[CommitmentRecord],
    report: &mut ImportReport,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing commitments");
    let mut pool = if fresh {
        HashMap::new()
    } else {
        load_pool(
            tx,
            "SELECT id, side, title, made_on FROM commitment WHERE partner_id = ?1 ORDER BY id DESC",
            pid,
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?
    };
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
                        Day(Some(c.made_on)),
                        Day(c.due_on),
                        c.ongoing,
                        c.origin,
                        c.status,
                        Day(c.closed_on),
                        c.owner
                    ])
                    .map_err(&sql)?;
                report.commitments.added += 1;
                (tx.last_insert_rowid(), false)
            }
        };
        let mut have = if matched && !c.reviews.is_empty() {
            load_pool(
                tx,
                "SELECT id, on_day, verdict, note FROM review WHERE commitment_id = ?1 ORDER BY id DESC",
                cid,
                |r| {
                    Ok((
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )?
        } else {
            HashMap::new()
        };
        for r in &c.reviews {
            let key = (r.on.to_string(), r.verdict.to_string(), r.note.clone());
            if take(&mut have, &key).is_some() {
                report.reviews.matched += 1;
            } else {
                review
                    .execute(params![cid, Day(Some(r.on)), r.verdict, r.note])
                    .map_err(&sql)?;
                report.reviews.added += 1;
            }
        }
    }
    Ok(())
}

/// A touch is the same when day, kind, who started it and summary match.
pub(super) fn touches(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    p: &PartnerRecord,
    counts: &mut Counts,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing touches");
    let mut pool = if fresh {
        HashMap::new()
    } else {
        load_pool(
            tx,
            "SELECT id, on_day, kind, initiated_by, summary FROM touch WHERE partner_id = ?1 ORDER BY id DESC",
            pid,
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?
    };
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary, bad_news, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
                    Day(Some(t.on)),
                    t.kind,
                    t.initiated_by,
                    t.summary,
                    t.bad_news,
                    t.body
                ])
                .map_err(&sql)?;
            counts.added += 1;
        }
    }
    Ok(())
}

/// A problem is the same when the day it opened and its summary match.
pub(super) fn problems(
    tx: &Transaction<'_>,
    pid: i64,
    fresh: bool,
    p: &PartnerRecord,
    counts: &mut Counts,
) -> StoreResult<()> {
    let sql = StoreError::sql("importing problems");
    let mut pool = if fresh {
        HashMap::new()
    } else {
        load_pool(
            tx,
            "SELECT id, opened_on, summary FROM problem WHERE partner_id = ?1 ORDER BY id DESC",
            pid,
            |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )?
    };
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
                    Day(Some(pr.opened_on)),
                    pr.summary,
                    pr.severity,
                    pr.reaction,
                    Day(pr.brave_conversation_on),
                    pr.brave_note,
                    Day(pr.resolved_on)
                ])
                .map_err(&sql)?;
            counts.added += 1;
        }
    }
    Ok(())
}

//! Reading the whole book for an export, and the calendar feed. One query per table, rows
//! dealt to their partner by id, so exporting a large book stays linear; all of them in one
//! read transaction, so an export is the book at one moment even while others write.

use super::Store;
use super::error::{StoreError, StoreResult};
use crate::exchange::ics::{DueItem, UpdateDue};
use crate::exchange::{
    Book, CommitmentRecord, ContactRecord, EventRecord, PartnerRecord, ProblemRecord, ReviewRecord,
    TouchRecord,
};
use rusqlite::Row;
use std::collections::HashMap;

/// The partner a row (whose first column is `partner_id`) belongs to.
fn slot<'a>(
    partners: &'a mut [PartnerRecord],
    at: &HashMap<i64, usize>,
    r: &Row<'_>,
) -> rusqlite::Result<Option<&'a mut PartnerRecord>> {
    let pid: i64 = r.get(0)?;
    Ok(at.get(&pid).and_then(|i| partners.get_mut(*i)))
}

impl Store {
    /// The whole book as a `pactum/1` document (without `exported_at`), partners by name and
    /// every other record in the order it was entered; the event log too when `with_events`.
    pub fn export_book(&self, with_events: bool) -> StoreResult<Book> {
        self.in_one_snapshot(|| self.read_book(with_events))
    }

    fn read_book(&self, with_events: bool) -> StoreResult<Book> {
        let mut partners: Vec<PartnerRecord> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        self.each(
            "SELECT id, name, stage, signed_on, desired_outcome, their_goals, their_constraints,
                    update_every_days, owner, ended_on, end_reason, created_on
             FROM partner ORDER BY name COLLATE NOCASE, id",
            |r| {
                at.insert(r.get(0)?, partners.len());
                partners.push(PartnerRecord {
                    name: r.get(1)?,
                    stage: r.get(2)?,
                    signed_on: r.get(3)?,
                    desired_outcome: r.get(4)?,
                    their_goals: r.get(5)?,
                    their_constraints: r.get(6)?,
                    update_every_days: r.get(7)?,
                    owner: r.get(8)?,
                    ended_on: r.get(9)?,
                    end_reason: r.get(10)?,
                    created_on: r.get(11)?,
                    tags: Vec::new(),
                    contacts: Vec::new(),
                    commitments: Vec::new(),
                    touches: Vec::new(),
                    problems: Vec::new(),
                });
                Ok(())
            },
        )?;
        self.each(
            "SELECT partner_id, tag FROM tag ORDER BY partner_id, tag",
            |r| {
                if let Some(p) = slot(&mut partners, &at, r)? {
                    p.tags.push(r.get(1)?);
                }
                Ok(())
            },
        )?;
        self.each(
            "SELECT partner_id, name, role, email, phone, note FROM contact ORDER BY id",
            |r| {
                if let Some(p) = slot(&mut partners, &at, r)? {
                    p.contacts.push(ContactRecord {
                        name: r.get(1)?,
                        role: r.get(2)?,
                        email: r.get(3)?,
                        phone: r.get(4)?,
                        note: r.get(5)?,
                    });
                }
                Ok(())
            },
        )?;
        // Reviews first, dealt to their commitment when it is read.
        let mut reviews: HashMap<i64, Vec<ReviewRecord>> = HashMap::new();
        self.each(
            "SELECT commitment_id, on_day, verdict, note FROM review ORDER BY id",
            |r| {
                reviews.entry(r.get(0)?).or_default().push(ReviewRecord {
                    on: r.get(1)?,
                    verdict: r.get(2)?,
                    note: r.get(3)?,
                });
                Ok(())
            },
        )?;
        self.each(
            "SELECT partner_id, side, title, detail, made_on, due_on, ongoing, origin, status,
                    closed_on, owner, id FROM commitment ORDER BY id",
            |r| {
                if let Some(p) = slot(&mut partners, &at, r)? {
                    p.commitments.push(CommitmentRecord {
                        side: r.get(1)?,
                        title: r.get(2)?,
                        detail: r.get(3)?,
                        made_on: r.get(4)?,
                        due_on: r.get(5)?,
                        ongoing: r.get(6)?,
                        origin: r.get(7)?,
                        status: r.get(8)?,
                        closed_on: r.get(9)?,
                        owner: r.get(10)?,
                        reviews: reviews.remove(&r.get::<_, i64>(11)?).unwrap_or_default(),
                    });
                }
                Ok(())
            },
        )?;
        self.each(
            "SELECT partner_id, on_day, kind, initiated_by, summary, bad_news, body FROM touch ORDER BY id",
            |r| {
                if let Some(p) = slot(&mut partners, &at, r)? {
                    p.touches.push(TouchRecord {
                        on: r.get(1)?,
                        kind: r.get(2)?,
                        initiated_by: r.get(3)?,
                        summary: r.get(4)?,
                        bad_news: r.get(5)?,
                        body: r.get(6)?,
                    });
                }
                Ok(())
            },
        )?;
        self.each(
            "SELECT partner_id, opened_on, summary, severity, reaction, brave_conversation_on,
                    brave_note, resolved_on FROM problem ORDER BY id",
            |r| {
                if let Some(p) = slot(&mut partners, &at, r)? {
                    p.problems.push(ProblemRecord {
                        opened_on: r.get(1)?,
                        summary: r.get(2)?,
                        severity: r.get(3)?,
                        reaction: r.get(4)?,
                        brave_conversation_on: r.get(5)?,
                        brave_note: r.get(6)?,
                        resolved_on: r.get(7)?,
                    });
                }
                Ok(())
            },
        )?;
        let mut book = Book::new(partners);
        if with_events {
            let mut events = Vec::new();
            self.each(
                "SELECT at, who, action, entity, summary, undone FROM event ORDER BY id",
                |r| {
                    events.push(EventRecord {
                        at: r.get(0)?,
                        who: r.get(1)?,
                        action: r.get(2)?,
                        entity: r.get(3)?,
                        summary: r.get(4)?,
                        undone: r.get(5)?,
                    });
                    Ok(())
                },
            )?;
            book.events = Some(events);
        }
        Ok(book)
    }

    /// Open dated commitments and each partner's next update, for `pactum ics`. Ended
    /// partnerships are left out.
    pub fn calendar_feed(&self) -> StoreResult<(Vec<DueItem>, Vec<UpdateDue>)> {
        self.in_one_snapshot(|| self.read_calendar())
    }

    fn read_calendar(&self) -> StoreResult<(Vec<DueItem>, Vec<UpdateDue>)> {
        let mut items = Vec::new();
        self.each(
            "SELECT c.id, p.name, c.side, c.title, c.detail, c.made_on, c.due_on
             FROM commitment c JOIN partner p ON p.id = c.partner_id
             WHERE c.status = 'open' AND c.due_on IS NOT NULL AND p.stage <> 'ended'
             ORDER BY c.due_on, c.id",
            |r| {
                items.push(DueItem {
                    id: r.get(0)?,
                    partner: r.get(1)?,
                    side: r.get(2)?,
                    title: r.get(3)?,
                    detail: r.get(4)?,
                    made_on: r.get(5)?,
                    due_on: r.get(6)?,
                });
                Ok(())
            },
        )?;
        let mut updates = Vec::new();
        self.each(
            // The update cadence is agreed at signing and counts from the signing day.
            "SELECT p.id, p.name, p.update_every_days,
                    (SELECT max(on_day) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'update'
                       AND t.on_day >= p.signed_on),
                    p.signed_on
             FROM partner p WHERE p.stage = 'signed' AND p.signed_on IS NOT NULL
             ORDER BY p.name COLLATE NOCASE",
            |r| {
                updates.push(UpdateDue {
                    partner_id: r.get(0)?,
                    partner: r.get(1)?,
                    every_days: r.get(2)?,
                    last_update: r.get(3)?,
                    since: r.get(4)?,
                });
                Ok(())
            },
        )?;
        Ok((items, updates))
    }

    /// Runs `read` inside one read transaction: every query in it sees the book as it was at
    /// the first, whatever other sessions commit meanwhile (WAL keeps that snapshot for it).
    fn in_one_snapshot<T>(&self, read: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
        let sql = StoreError::sql("reading the book for export");
        // Deferred: it takes no lock, and writers are never held up by it.
        let tx = self.conn.unchecked_transaction().map_err(&sql)?;
        let out = read()?;
        tx.commit().map_err(sql)?;
        Ok(out)
    }

    /// Runs a query without parameters and hands each row to `f`.
    fn each(
        &self,
        query: &str,
        mut f: impl FnMut(&Row<'_>) -> rusqlite::Result<()>,
    ) -> StoreResult<()> {
        let sql = StoreError::sql("reading the book for export");
        let mut stmt = self.conn.prepare(query).map_err(&sql)?;
        let mut rows = stmt.query([]).map_err(&sql)?;
        while let Some(row) = rows.next().map_err(&sql)? {
            f(row).map_err(&sql)?;
        }
        Ok(())
    }
}

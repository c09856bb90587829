//! The demo book: a TOML file in assets/ whose dates are day offsets from the day it is loaded,
//! so it never goes stale.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::record;
use crate::domain::dates::shift;
use crate::domain::{Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use chrono::NaiveDate;
use rusqlite::{Transaction, params};
use serde::Deserialize;

/// The demo book shipped with pactum.
pub const DEMO_TOML: &str = include_str!("../../assets/demo.toml");

/// A book described with day offsets (negative = before the day it is loaded).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoBook {
    pub partner: Vec<DemoPartner>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPartner {
    pub name: String,
    /// The lesson this partner shows (documentation only).
    pub lesson: String,
    pub stage: Stage,
    pub created: i64,
    pub signed: Option<i64>,
    #[serde(default = "fourteen")]
    pub update_every: u32,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub constraints: String,
    #[serde(default)]
    pub owner: String,
    pub ended: Option<i64>,
    #[serde(default)]
    pub end_reason: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub contact: Vec<DemoContact>,
    #[serde(default)]
    pub commitment: Vec<DemoCommitment>,
    #[serde(default)]
    pub touch: Vec<DemoTouch>,
    #[serde(default)]
    pub problem: Vec<DemoProblem>,
}

fn fourteen() -> u32 {
    14
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoContact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCommitment {
    pub side: Side,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    pub made: i64,
    pub due: Option<i64>,
    #[serde(default)]
    pub ongoing: bool,
    #[serde(default = "later")]
    pub origin: Origin,
    #[serde(default = "open")]
    pub status: Status,
    pub closed: Option<i64>,
    #[serde(default)]
    pub review: Vec<DemoReview>,
}

fn later() -> Origin {
    Origin::Later
}
fn open() -> Status {
    Status::Open
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoReview {
    pub on: i64,
    pub verdict: Verdict,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoTouch {
    pub on: i64,
    pub kind: TouchKind,
    pub by: Initiator,
    pub summary: String,
    #[serde(default)]
    pub bad_news: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoProblem {
    pub opened: i64,
    pub summary: String,
    pub severity: u8,
    pub reaction: u8,
    pub brave: Option<i64>,
    #[serde(default)]
    pub brave_note: String,
    pub resolved: Option<i64>,
}

impl DemoBook {
    /// The demo book shipped in assets/.
    pub fn shipped() -> StoreResult<DemoBook> {
        toml::from_str(DEMO_TOML)
            .map_err(|e| StoreError::Invalid(format!("the shipped demo book is damaged: {e}")))
    }
}

impl Store {
    /// Number of partners in the book (ended included).
    pub fn partner_count(&self) -> StoreResult<i64> {
        self.conn
            .query_row("SELECT count(*) FROM partner", [], |r| r.get(0))
            .map_err(StoreError::sql("counting partners"))
    }

    /// Loads `book` with its offsets counted from `today`, in one transaction. Partners of the
    /// same name are replaced. Returns how many partners were loaded.
    pub fn load_demo(&mut self, book: &DemoBook, today: NaiveDate) -> StoreResult<usize> {
        self.write("loading the demo book", |tx, who| {
            for p in &book.partner {
                insert_partner(tx, p, today, who)?;
            }
            let text = format!("loaded the demo book ({} partners)", book.partner.len());
            record(tx, who, "demo", "book", 0, &text, None)?;
            Ok(book.partner.len())
        })
    }
}

fn insert_partner(
    tx: &Transaction<'_>,
    p: &DemoPartner,
    today: NaiveDate,
    who: &str,
) -> StoreResult<()> {
    let sql = StoreError::sql("loading the demo book");
    let day = |offset: i64| shift(today, offset);
    let owner = if p.owner.is_empty() {
        who
    } else {
        p.owner.as_str()
    };
    tx.execute(
        "DELETE FROM partner WHERE name = ?1 COLLATE NOCASE",
        [&p.name],
    )
    .map_err(&sql)?;
    tx.execute(
        "INSERT INTO partner (name, stage, signed_on, desired_outcome, their_goals,
         their_constraints, update_every_days, owner, ended_on, end_reason, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            p.name,
            p.stage,
            p.signed.map(day),
            p.outcome,
            p.goals,
            p.constraints,
            p.update_every,
            owner,
            p.ended.map(day),
            p.end_reason,
            day(p.created)
        ],
    )
    .map_err(&sql)?;
    let pid = tx.last_insert_rowid();
    for tag in &p.tags {
        tx.execute(
            "INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)",
            params![pid, tag],
        )
        .map_err(&sql)?;
    }
    for c in &p.contact {
        tx.execute(
            "INSERT INTO contact (partner_id, name, role, email, phone, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![pid, c.name, c.role, c.email, c.phone, c.note],
        )
        .map_err(&sql)?;
    }
    for c in &p.commitment {
        tx.execute(
            "INSERT INTO commitment (partner_id, side, title, detail, made_on, due_on, ongoing,
             origin, status, closed_on, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                pid, c.side, c.title, c.detail, day(c.made), c.due.map(day), c.ongoing, c.origin,
                c.status, c.closed.map(day), owner
            ],
        )
        .map_err(&sql)?;
        let cid = tx.last_insert_rowid();
        for r in &c.review {
            tx.execute(
                "INSERT INTO review (commitment_id, on_day, verdict, note) VALUES (?1, ?2, ?3, ?4)",
                params![cid, day(r.on), r.verdict, r.note],
            )
            .map_err(&sql)?;
        }
    }
    for t in &p.touch {
        tx.execute(
            "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary, bad_news)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![pid, day(t.on), t.kind, t.by, t.summary, t.bad_news],
        )
        .map_err(&sql)?;
    }
    for pr in &p.problem {
        tx.execute(
            "INSERT INTO problem (partner_id, opened_on, summary, severity, reaction,
             brave_conversation_on, brave_note, resolved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                pid, day(pr.opened), pr.summary, pr.severity, pr.reaction, pr.brave.map(day),
                pr.brave_note, pr.resolved.map(day)
            ],
        )
        .map_err(&sql)?;
    }
    Ok(())
}

//! Queries shaped for the dashboard: one aggregated row per partner, no record lists.

use super::Store;
use super::error::{StoreError, StoreResult};
use crate::domain::Stage;
use crate::domain::facts::{PartnerFacts, SideCounts};
use crate::domain::health::HealthSummary;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

/// One partner's haystack for the `/` filter, the partner being `p`: its fields one per line.
macro_rules! haystack {
    () => {
        "(p.name
           || char(10) || coalesce((SELECT group_concat(tag, char(10)) FROM tag WHERE partner_id = p.id), '')
           || char(10) || coalesce((SELECT group_concat(name, char(10)) FROM contact WHERE partner_id = p.id), '')
           || char(10) || coalesce((SELECT group_concat(title, char(10)) FROM commitment
                               WHERE partner_id = p.id AND status = 'open'), '')
           || char(10) || coalesce((SELECT group_concat(replace(summary, char(10), ' '), char(10)) FROM
                                (SELECT summary FROM touch WHERE partner_id = p.id
                                 ORDER BY on_day DESC, id DESC LIMIT 5)), ''))"
    };
}
pub(super) use haystack;

const SEARCH_INDEX_SQL: &str = concat!(
    "SELECT p.id, CASE WHEN x.text IS NOT NULL THEN x.text ELSE ",
    haystack!(),
    " END FROM partner p LEFT JOIN partner_search x ON x.partner_id = p.id"
);

/// One line of the Relationships pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub stage: Stage,
    pub owner: String,
    pub update_every_days: u32,
    pub facts: PartnerFacts,
    /// The partner's verdict and score today, when known (kept per partner in the book).
    #[serde(skip)]
    pub health: Option<HealthSummary>,
}

const ROWS_SQL: &str = "
SELECT p.id, p.name, p.stage, p.owner, p.update_every_days,
  (SELECT count(*) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'ours'),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'ours' AND c.due_on < ?1),
  (SELECT min(due_on) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'ours'),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'theirs'),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'theirs' AND c.due_on < ?1),
  (SELECT min(due_on) FROM commitment c WHERE c.partner_id = p.id AND c.status = 'open' AND c.side = 'theirs'),
  (SELECT max(on_day) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'update'),
  (SELECT max(on_day) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'),
  (SELECT max(on_day) FROM touch t WHERE t.partner_id = p.id),
  (SELECT count(*) FROM problem x WHERE x.partner_id = p.id AND x.resolved_on IS NULL),
  (SELECT count(*) FROM problem x WHERE x.partner_id = p.id AND x.resolved_on IS NULL
     AND x.brave_conversation_on IS NULL AND x.reaction - x.severity >= 2)
FROM partner p
WHERE (?2 IS NULL OR p.id = ?2)
ORDER BY p.name COLLATE NOCASE";

impl Store {
    /// Every partner with the facts the dashboard shows, in name order.
    pub fn partner_rows(&self, today: NaiveDate) -> StoreResult<Vec<PartnerRow>> {
        self.rows(today, None)
    }

    /// The dashboard facts of one partner.
    pub fn partner_row(&self, today: NaiveDate, id: i64) -> StoreResult<PartnerRow> {
        self.rows(today, Some(id))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("no partner with id {id}")))
    }

    fn rows(&self, today: NaiveDate, only: Option<i64>) -> StoreResult<Vec<PartnerRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(ROWS_SQL)
            .map_err(StoreError::sql("reading the dashboard"))?;
        stmt.query_map(params![today, only], |r| {
            Ok(PartnerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                stage: r.get(2)?,
                owner: r.get(3)?,
                update_every_days: r.get(4)?,
                facts: PartnerFacts {
                    ours: SideCounts {
                        open: r.get(5)?,
                        overdue: r.get(6)?,
                        next_due: r.get(7)?,
                    },
                    theirs: SideCounts {
                        open: r.get(8)?,
                        overdue: r.get(9)?,
                        next_due: r.get(10)?,
                    },
                    last_update_on: r.get(11)?,
                    last_their_touch_on: r.get(12)?,
                    last_touch_on: r.get(13)?,
                    open_problems: r.get(14)?,
                    unfaced_problems: r.get(15)?,
                },
                health: None,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the dashboard"))
    }
}

impl Store {
    /// What the `/` filter searches, one text per partner with one field per line: name, tags,
    /// contact names, open commitment titles and the summaries of the last five touches. Read
    /// as kept with the dashboard lines; built afresh for partners whose line was dropped.
    pub fn search_index(&self) -> StoreResult<Vec<(i64, String)>> {
        self.search_index_of(SEARCH_INDEX_SQL)
    }

    /// The haystacks built afresh for every partner (what [`Store::search_index`] keeps).
    pub fn search_index_afresh(&self) -> StoreResult<Vec<(i64, String)>> {
        self.search_index_of(concat!("SELECT p.id, ", haystack!(), " FROM partner p"))
    }

    /// How many partners' haystacks are kept.
    pub fn kept_haystacks(&self) -> StoreResult<usize> {
        self.conn
            .query_row("SELECT count(*) FROM partner_search", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(StoreError::sql("counting the search haystacks"))
    }

    fn search_index_of(&self, sql: &str) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(StoreError::sql("building the search index"))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("building the search index"))
    }
}

//! Each partner's dashboard line kept as of one day and rule set (`partner_summary`), so the
//! Relationships pane orders every partner by reading one narrow table instead of assessing the
//! whole book. Triggers delete a partner's line whenever its records change (schema step 2).
//! The sorted lines are also memoised in the handle until the book changes.

use super::Store;
use super::dashboard::{PartnerRow, haystack};
use super::error::{StoreError, StoreResult};
use crate::domain::facts::{PartnerFacts, SideCounts};
use crate::domain::health::{Band, HealthInput, HealthSummary, HealthVerdict};
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// The sorted dashboard lines of one day and rule set, valid while the book is unchanged.
#[derive(Debug, Clone)]
pub(super) struct Memo {
    today: NaiveDate,
    rules_key: String,
    data_version: i64,
    writes: u64,
    rows: Vec<PartnerRow>,
}

macro_rules! summary_rows_sql {
    ($day:literal) => {
        concat!(
            "SELECT p.id, p.name, p.stage, p.owner, p.update_every_days, s.on_day IS NOT NULL,
  s.ours_open, s.ours_overdue, s.ours_next_due, s.theirs_open, s.theirs_overdue, s.theirs_next_due,
  s.last_update_on, s.last_their_touch_on, s.last_touch_on, s.open_problems, s.unfaced_problems,
  s.score, s.level, s.verdict, s.ended, s.on_day
FROM partner p
LEFT JOIN partner_summary s ON s.partner_id = p.id AND s.rules_key = ?2 AND ",
            $day
        )
    };
}

/// Today's lines (?1 today, ?2 the rules key).
pub(super) const SUMMARY_ROWS_SQL: &str = summary_rows_sql!("s.on_day = ?1");
/// The latest lines kept, of today or an earlier day.
const EARLIER_ROWS_SQL: &str = summary_rows_sql!("s.on_day <= ?1");

const SAVE_SQL: &str = "
INSERT OR REPLACE INTO partner_summary (partner_id, rules_key, on_day, ours_open, ours_overdue,
  ours_next_due, theirs_open, theirs_overdue, theirs_next_due, last_update_on,
  last_their_touch_on, last_touch_on, open_problems, unfaced_problems, score, level, verdict, ended)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// The health input a line was assessed from, kept beside it (and dropped with it).
const SAVE_INPUT_SQL: &str =
    "INSERT OR REPLACE INTO partner_input (partner_id, rules_key, input) VALUES (?1, ?2, ?3)";

/// The partner's `/` haystack as it is when its line is written (dropped with the line).
const SAVE_SEARCH_SQL: &str = concat!(
    "INSERT OR REPLACE INTO partner_search (partner_id, text) SELECT p.id, ",
    haystack!(),
    " FROM partner p WHERE p.id = ?1"
);

fn verdict_code(v: HealthVerdict) -> i64 {
    HealthVerdict::ALL.iter().position(|x| *x == v).unwrap_or(0) as i64
}

fn band_code(b: Band) -> i64 {
    Band::ALL.iter().position(|x| *x == b).unwrap_or(0) as i64
}

/// Days in the line are stored as day numbers: reading ten thousand lines parses no text.
fn num(day: Option<NaiveDate>) -> Option<i32> {
    day.map(|d| d.num_days_from_ce())
}

fn day(num: Option<i32>) -> Option<NaiveDate> {
    num.and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn from_code<T: Copy>(all: &[T], code: i64) -> rusqlite::Result<T> {
    usize::try_from(code)
        .ok()
        .and_then(|i| all.get(i).copied())
        .ok_or(rusqlite::Error::IntegralValueOutOfRange(0, code))
}

/// Per-connection (temporary) triggers that note which partners this handle's own writes
/// touched: their lines were deleted, or the partner itself was added or removed. The memoised
/// lines are then patched for those partners only, instead of all being read again.
pub(super) fn watch_own_writes(conn: &rusqlite::Connection) -> StoreResult<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS touched (partner_id INTEGER PRIMARY KEY);
         CREATE TEMP TRIGGER IF NOT EXISTS touched_line AFTER DELETE ON main.partner_summary
         BEGIN INSERT OR IGNORE INTO temp.touched VALUES (OLD.partner_id); END;
         CREATE TEMP TRIGGER IF NOT EXISTS touched_added AFTER INSERT ON main.partner
         BEGIN INSERT OR IGNORE INTO temp.touched VALUES (NEW.id); END;
         CREATE TEMP TRIGGER IF NOT EXISTS touched_removed AFTER DELETE ON main.partner
         BEGIN INSERT OR IGNORE INTO temp.touched VALUES (OLD.id); END;",
    )
    .map_err(StoreError::sql("watching this session's writes"))
}

impl Store {
    /// The memoised sorted lines of `today` and `rules_key` while no other connection has
    /// committed since they were made, with the partners this handle's own writes touched since
    /// (whose lines must be computed again). `None`: read every line.
    pub fn memo_rows(
        &mut self,
        today: NaiveDate,
        rules_key: &str,
    ) -> StoreResult<Option<(Vec<PartnerRow>, Vec<i64>)>> {
        let data_version = self.data_version()?;
        let Some(memo) = &self.memo else {
            return Ok(None);
        };
        if memo.today != today || memo.rules_key != rules_key || memo.data_version != data_version {
            return Ok(None);
        }
        let touched = if memo.writes == self.writes {
            Vec::new()
        } else {
            self.take_touched()?
        };
        Ok(self.memo.as_ref().map(|m| (m.rows.clone(), touched)))
    }

    /// The partners noted by [`watch_own_writes`] since the last call, and forgets them.
    fn take_touched(&self) -> StoreResult<Vec<i64>> {
        let sql = StoreError::sql("reading this session's writes");
        let ids = self
            .conn
            .prepare_cached("SELECT partner_id FROM temp.touched")
            .map_err(&sql)?
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<i64>>>())
            .map_err(&sql)?;
        self.conn
            .execute("DELETE FROM temp.touched", [])
            .map_err(&sql)?;
        Ok(ids)
    }

    /// Keeps `rows` (already sorted) as the lines of `today` and `rules_key` until the book
    /// changes.
    pub fn set_memo_rows(
        &mut self,
        today: NaiveDate,
        rules_key: &str,
        rows: &[PartnerRow],
    ) -> StoreResult<()> {
        // Every line was just read or computed: what was noted before is already in them.
        self.take_touched()?;
        self.memo = Some(Memo {
            today,
            rules_key: rules_key.to_string(),
            data_version: self.data_version()?,
            writes: self.writes,
            rows: rows.to_vec(),
        });
        Ok(())
    }

    /// Every partner's line, in no particular order. A partner whose line is missing or not of
    /// `today` and `rules_key` comes with `health: None` and empty facts: compute and save it.
    pub fn summary_rows(&self, today: NaiveDate, rules_key: &str) -> StoreResult<Vec<PartnerRow>> {
        Ok(self
            .rows_of(SUMMARY_ROWS_SQL, today, rules_key)?
            .into_iter()
            .map(|(row, _)| row)
            .collect())
    }

    /// Every partner's latest kept line of `today` or before (under `rules_key`), with the day
    /// it was assessed; `health: None` where a partner has none (changed since, or new).
    pub fn earlier_rows(
        &self,
        today: NaiveDate,
        rules_key: &str,
    ) -> StoreResult<Vec<(PartnerRow, Option<NaiveDate>)>> {
        self.rows_of(EARLIER_ROWS_SQL, today, rules_key)
    }

    fn rows_of(
        &self,
        sql: &str,
        today: NaiveDate,
        rules_key: &str,
    ) -> StoreResult<Vec<(PartnerRow, Option<NaiveDate>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(StoreError::sql("reading the dashboard"))?;
        stmt.query_map(params![today, rules_key], |r| {
            let fresh: bool = r.get(5)?;
            let mut row = PartnerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                stage: r.get(2)?,
                owner: r.get(3)?,
                update_every_days: r.get(4)?,
                facts: PartnerFacts::default(),
                health: None,
            };
            if fresh {
                row.facts = PartnerFacts {
                    ours: SideCounts {
                        open: r.get(6)?,
                        overdue: r.get(7)?,
                        next_due: day(r.get(8)?),
                    },
                    theirs: SideCounts {
                        open: r.get(9)?,
                        overdue: r.get(10)?,
                        next_due: day(r.get(11)?),
                    },
                    last_update_on: day(r.get(12)?),
                    last_their_touch_on: day(r.get(13)?),
                    last_touch_on: day(r.get(14)?),
                    open_problems: r.get(15)?,
                    unfaced_problems: r.get(16)?,
                };
                let verdict: HealthVerdict = from_code(&HealthVerdict::ALL, r.get(19)?)?;
                let ended: bool = r.get(20)?;
                // The level is the verdict's colour (the stored code is checked, not trusted).
                let _stored: Band = from_code(&Band::ALL, r.get(18)?)?;
                row.health = Some(HealthSummary {
                    score: r.get(17)?,
                    level: verdict.colour().filter(|_| !ended),
                    verdict,
                    ended,
                });
            }
            Ok((row, r.get(21)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the dashboard"))
    }

    /// The health inputs kept with today's lines (`None` where a line has none).
    pub fn summary_inputs(
        &self,
        today: NaiveDate,
        rules_key: &str,
    ) -> StoreResult<HashMap<i64, HealthInput>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT i.partner_id, i.input FROM partner_input i
                 JOIN partner_summary s ON s.partner_id = i.partner_id AND s.rules_key = i.rules_key
                 WHERE s.on_day = ?1 AND i.rules_key = ?2",
            )
            .map_err(StoreError::sql("reading kept health inputs"))?;
        let mut rows = stmt
            .query(params![today, rules_key])
            .map_err(StoreError::sql("reading kept health inputs"))?;
        let mut inputs = HashMap::new();
        while let Some(r) = rows
            .next()
            .map_err(StoreError::sql("reading kept health inputs"))?
        {
            let id: i64 = r
                .get(0)
                .map_err(StoreError::sql("reading kept health inputs"))?;
            let text: String = r
                .get(1)
                .map_err(StoreError::sql("reading kept health inputs"))?;
            // A line written by another version may not parse: it is simply computed again.
            if let Ok(input) = serde_json::from_str(&text) {
                inputs.insert(id, input);
            }
        }
        Ok(inputs)
    }

    /// The health input kept with one partner's line of today, if there is one that parses.
    pub fn summary_input(
        &self,
        today: NaiveDate,
        rules_key: &str,
        partner_id: i64,
    ) -> StoreResult<Option<HealthInput>> {
        let text: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT i.input FROM partner_input i
                 JOIN partner_summary s ON s.partner_id = i.partner_id AND s.rules_key = i.rules_key
                 WHERE i.partner_id = ?1 AND s.on_day = ?2 AND i.rules_key = ?3",
            )
            .and_then(|mut stmt| {
                stmt.query_row(params![partner_id, today, rules_key], |r| r.get(0))
                    .optional()
            })
            .map_err(StoreError::sql("reading a kept health input"))?
            .flatten();
        // A line written by another version may not parse: it is then assessed afresh.
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Saves the lines of `rows` that carry a health summary, as of `today` and `rules_key`,
    /// with the health input each was assessed from (when given).
    pub fn save_summaries(
        &mut self,
        today: NaiveDate,
        rules_key: &str,
        rows: &[&PartnerRow],
        inputs: &HashMap<i64, HealthInput>,
    ) -> StoreResult<usize> {
        self.write("recording the dashboard lines", |tx, _| {
            let mut stmt = tx
                .prepare_cached(SAVE_SQL)
                .map_err(StoreError::sql("recording the dashboard lines"))?;
            let mut input = tx
                .prepare_cached(SAVE_INPUT_SQL)
                .map_err(StoreError::sql("recording the dashboard lines"))?;
            let mut no_input = tx
                .prepare_cached(
                    "DELETE FROM partner_input WHERE partner_id = ?1 AND rules_key = ?2",
                )
                .map_err(StoreError::sql("recording the dashboard lines"))?;
            let mut search = tx
                .prepare_cached(SAVE_SEARCH_SQL)
                .map_err(StoreError::sql("recording the dashboard lines"))?;
            let mut n = 0;
            for row in rows {
                let Some(h) = row.health else { continue };
                let f = &row.facts;
                stmt.execute(params![
                    row.id,
                    rules_key,
                    today,
                    f.ours.open,
                    f.ours.overdue,
                    num(f.ours.next_due),
                    f.theirs.open,
                    f.theirs.overdue,
                    num(f.theirs.next_due),
                    num(f.last_update_on),
                    num(f.last_their_touch_on),
                    num(f.last_touch_on),
                    f.open_problems,
                    f.unfaced_problems,
                    h.score,
                    // The column predates colourless verdicts: too early and ended store amber
                    // and are read back from the verdict.
                    band_code(h.level.unwrap_or(Band::Amber)),
                    verdict_code(h.verdict),
                    h.ended,
                ])
                .map_err(StoreError::sql("recording the dashboard lines"))?;
                if let Some(text) = inputs
                    .get(&row.id)
                    .and_then(|i| serde_json::to_string(i).ok())
                {
                    input
                        .execute(params![row.id, rules_key, text])
                        .map_err(StoreError::sql("recording the dashboard lines"))?;
                } else {
                    // A line replaced without its input must not keep an older day's.
                    no_input
                        .execute(params![row.id, rules_key])
                        .map_err(StoreError::sql("recording the dashboard lines"))?;
                }
                search
                    .execute([row.id])
                    .map_err(StoreError::sql("recording the dashboard lines"))?;
                n += 1;
            }
            Ok(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for v in HealthVerdict::ALL {
            assert_eq!(
                from_code(&HealthVerdict::ALL, verdict_code(v)).ok(),
                Some(v)
            );
        }
        for b in Band::ALL {
            assert_eq!(from_code(&Band::ALL, band_code(b)).ok(), Some(b));
        }
        assert!(from_code(&Band::ALL, 7).is_err());
    }
}

//! Each partner's dashboard line kept as of one day and rule set (`partner_summary`), so the
//! Relationships pane orders every partner by reading one narrow table instead of assessing the
//! whole book. Triggers delete a partner's line whenever its records change (schema step 2).
//! The sorted lines are also memoised in the handle until the book changes.

use super::Store;
use super::dashboard::PartnerRow;
use super::error::{StoreError, StoreResult};
use crate::domain::facts::{PartnerFacts, SideCounts};
use crate::domain::health::{Band, HealthSummary, HealthVerdict};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;

/// The sorted dashboard lines of one day and rule set, valid while the book is unchanged.
#[derive(Debug, Clone)]
pub(super) struct Memo {
    today: NaiveDate,
    rules_key: String,
    data_version: i64,
    writes: u64,
    rows: Vec<PartnerRow>,
}

pub(super) const SUMMARY_ROWS_SQL: &str = "
SELECT p.id, p.name, p.stage, p.owner, p.update_every_days, s.on_day IS NOT NULL,
  s.ours_open, s.ours_overdue, s.ours_next_due, s.theirs_open, s.theirs_overdue, s.theirs_next_due,
  s.last_update_on, s.last_their_touch_on, s.last_touch_on, s.open_problems, s.unfaced_problems,
  s.score, s.level, s.verdict, s.ended
FROM partner p
LEFT JOIN partner_summary s ON s.partner_id = p.id AND s.rules_key = ?2 AND s.on_day = ?1";

const SAVE_SQL: &str = "
INSERT OR REPLACE INTO partner_summary (partner_id, rules_key, on_day, ours_open, ours_overdue,
  ours_next_due, theirs_open, theirs_overdue, theirs_next_due, last_update_on,
  last_their_touch_on, last_touch_on, open_problems, unfaced_problems, score, level, verdict, ended)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

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

impl Store {
    /// The memoised sorted lines of `today` and `rules_key`, if nothing changed the book since
    /// they were made (no write through this handle, no commit by another connection).
    pub fn memo_rows(
        &self,
        today: NaiveDate,
        rules_key: &str,
    ) -> StoreResult<Option<Vec<PartnerRow>>> {
        let Some(memo) = &self.memo else {
            return Ok(None);
        };
        let fresh = memo.today == today
            && memo.rules_key == rules_key
            && memo.writes == self.writes
            && memo.data_version == self.data_version()?;
        Ok(fresh.then(|| memo.rows.clone()))
    }

    /// Keeps `rows` (already sorted) as the lines of `today` and `rules_key` until the book
    /// changes.
    pub fn set_memo_rows(
        &mut self,
        today: NaiveDate,
        rules_key: &str,
        rows: &[PartnerRow],
    ) -> StoreResult<()> {
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
        let mut stmt = self
            .conn
            .prepare_cached(SUMMARY_ROWS_SQL)
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
                row.health = Some(HealthSummary {
                    score: r.get(17)?,
                    level: from_code(&Band::ALL, r.get(18)?)?,
                    verdict: from_code(&HealthVerdict::ALL, r.get(19)?)?,
                    ended: r.get(20)?,
                });
            }
            Ok(row)
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading the dashboard"))
    }

    /// Saves the lines of `rows` that carry a health summary, as of `today` and `rules_key`.
    pub fn save_summaries(
        &mut self,
        today: NaiveDate,
        rules_key: &str,
        rows: &[&PartnerRow],
    ) -> StoreResult<usize> {
        self.write("recording the dashboard lines", |tx, _| {
            let mut stmt = tx
                .prepare_cached(SAVE_SQL)
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
                    band_code(h.level),
                    verdict_code(h.verdict),
                    h.ended
                ])
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

//! The daily health snapshots, and the trend they make.

use super::Store;
use super::error::{StoreError, StoreResult};
use crate::domain::health::Health;
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashMap;

fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    StoreError::sql(doing)
}

impl Store {
    /// Records today's health of each partner, writing only what changed since the last
    /// computation of the day (the latest of the day wins). Returns how many were written.
    pub fn save_snapshots(
        &mut self,
        today: NaiveDate,
        health: &[(i64, &Health)],
    ) -> StoreResult<usize> {
        let read = sql("reading health snapshots");
        let mut stored: HashMap<i64, (Option<u8>, String, String)> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT partner_id, score, verdict, signals FROM health_snapshot
                     WHERE partner_id BETWEEN ?2 AND ?3 AND on_day = ?1",
                )
                .map_err(&read)?;
            // One partner's snapshot is looked up by key, not by reading the whole day.
            let (lo, hi) = match health {
                [(id, _)] => (*id, *id),
                _ => (i64::MIN, i64::MAX),
            };
            let mut rows = stmt.query(params![today, lo, hi]).map_err(&read)?;
            while let Some(r) = rows.next().map_err(&read)? {
                stored.insert(
                    r.get(0).map_err(&read)?,
                    (
                        r.get(1).map_err(&read)?,
                        r.get(2).map_err(&read)?,
                        r.get(3).map_err(&read)?,
                    ),
                );
            }
        }
        let changed: Vec<(i64, &Health, String)> = health
            .iter()
            .filter(|(_, h)| !h.ended)
            .map(|(id, h)| (*id, *h, signal_levels(h)))
            .filter(|(id, h, levels)| {
                stored.get(id) != Some(&(h.score, h.verdict.as_str().to_string(), levels.clone()))
            })
            .collect();
        if changed.is_empty() {
            return Ok(0);
        }
        self.write("recording health snapshots", |tx, _| {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO health_snapshot (partner_id, on_day, score, level, verdict, signals, rules_version)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (partner_id, on_day) DO UPDATE SET score = excluded.score,
                       level = excluded.level, verdict = excluded.verdict,
                       signals = excluded.signals, rules_version = excluded.rules_version",
                )
                .map_err(sql("recording health snapshots"))?;
            for (id, h, levels) in &changed {
                stmt.execute(params![
                    id, today, h.score, h.level.map(|b| b.as_str()), h.verdict.as_str(), levels, h.rules_version
                ])
                .map_err(sql("recording health snapshots"))?;
            }
            Ok(changed.len())
        })
    }

    /// The score trend of a partner: the last snapshot of each of the last `weeks` weeks
    /// (ending today), oldest first; weeks without a snapshot are left out.
    pub fn health_trend(
        &self,
        partner_id: i64,
        today: NaiveDate,
        weeks: u32,
    ) -> StoreResult<Vec<(NaiveDate, Option<u8>)>> {
        let since = crate::domain::dates::shift(today, -(i64::from(weeks) * 7 - 1));
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT on_day, score FROM health_snapshot
                 WHERE partner_id = ?1 AND on_day BETWEEN ?2 AND ?3 ORDER BY on_day",
            )
            .map_err(sql("reading the health trend"))?;
        let days: Vec<(NaiveDate, Option<u8>)> = stmt
            .query_map(params![partner_id, since, today], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .and_then(|rows| rows.collect())
            .map_err(sql("reading the health trend"))?;
        // Keep the last snapshot of each week (weeks counted back from today).
        let mut weekly: Vec<(NaiveDate, Option<u8>)> = Vec::new();
        for (day, score) in days {
            let week = (today - day).num_days() / 7;
            match weekly.last_mut() {
                Some(last) if (today - last.0).num_days() / 7 == week => *last = (day, score),
                _ => weekly.push((day, score)),
            }
        }
        Ok(weekly)
    }
}

/// Each signal's level, compact and stable, as stored with a snapshot.
fn signal_levels(h: &Health) -> String {
    let levels: serde_json::Map<String, serde_json::Value> = h
        .signals
        .iter()
        .map(|s| {
            (
                s.key.as_str().to_string(),
                serde_json::Value::from(s.level.as_str()),
            )
        })
        .collect();
    serde_json::Value::Object(levels).to_string()
}

//! Health aggregates for every partner (or one), computed with grouped SQL over indexed
//! columns — never by loading a partner's rows — and the daily health snapshots.

use super::Store;
use super::error::{StoreError, StoreResult};
use crate::domain::health::{Health, HealthInput, HealthWindows, OpenProblem, Rules, SideLedger};
use crate::domain::{Side, Stage};
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashMap;

// One row per partner and side, each figure an index range over the partner's rows of that
// side in one window (or its open items), so a partner with two thousand commitments costs
// about the same as one with twenty. `due_on` set implies not ongoing (a CHECK of the table).
pub(super) const COMMITMENTS: &str = "
WITH s AS MATERIALIZED (
  SELECT p.id, p.signed_on, p.signed_on <= ?3 AS signed, x.side, x.due_from, x.due_to
  FROM partner p, (SELECT 'ours' AS side, ?4 AS due_from, ?5 AS due_to
                   UNION ALL SELECT 'theirs', ?6, ?7) x
  WHERE p.id BETWEEN ?1 AND ?2)
SELECT s.id, s.side,
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id
     AND c.status IN ('open', 'kept', 'missed') AND c.side = s.side
     AND c.due_on BETWEEN s.due_from AND s.due_to),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'kept'
     AND c.side = s.side AND c.due_on BETWEEN s.due_from AND s.due_to
     AND c.closed_on <= c.due_on),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'open'
     AND c.side = s.side AND c.due_on IS NOT NULL),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'open'
     AND c.side = s.side AND c.due_on < ?3),
  (SELECT min(c.due_on) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'open'
     AND c.side = s.side AND c.due_on < ?3),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'kept'
     AND c.side = s.side AND c.closed_on BETWEEN ?8 AND ?3),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.side = s.side
     AND c.made_on BETWEEN ?9 AND ?3),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.side = s.side
     AND c.made_on BETWEEN ?10 AND ?11),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'kept'
     AND c.side = s.side AND c.closed_on BETWEEN ?9 AND ?3),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.status = 'kept'
     AND c.side = s.side AND c.closed_on BETWEEN ?10 AND ?11),
  (SELECT count(*) FROM commitment c WHERE c.partner_id = s.id AND c.ongoing = 1
     AND c.side = s.side AND c.status = 'open'),
  (SELECT min(c.made_on) FROM commitment c WHERE c.partner_id = s.id AND c.ongoing = 1
     AND c.side = s.side AND c.status = 'open'),
  iif(s.signed, EXISTS (SELECT 1 FROM commitment c WHERE c.partner_id = s.id
     AND c.side = s.side AND c.made_on < s.signed_on), 0)
FROM s";

// One row per partner, each figure an index range count on the touch indexes (windows of
// days, never a partner's whole history), so a partner with twenty thousand touches costs the
// same as one with twenty. The signing windows are computed once per partner (materialised).
pub(super) const TOUCHES: &str = "
WITH p AS MATERIALIZED (
  SELECT id, signed_on, signed_on <= ?3 AS signed, max(signed_on, ?5) AS after_from,
    date(signed_on, ?6) AS before_from, date(signed_on, '-1 day') AS before_to
  FROM partner WHERE id BETWEEN ?1 AND ?2)
SELECT p.id,
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.on_day BETWEEN ?4 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?4 AND ?3),
  (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'update'
     AND t.on_day <= ?3),
  (SELECT min(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.on_day <= ?3),
  iif(p.signed, (SELECT count(*) FROM touch t WHERE t.partner_id = p.id
     AND t.on_day BETWEEN p.after_from AND ?3), 0),
  iif(p.signed, (SELECT count(*) FROM touch t WHERE t.partner_id = p.id
     AND t.on_day BETWEEN p.before_from AND p.before_to), 0),
  iif(p.signed, EXISTS (SELECT 1 FROM touch t WHERE t.partner_id = p.id
     AND t.on_day < p.signed_on), 0),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'care'
     AND t.on_day BETWEEN ?7 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?8 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?9 AND ?10)
FROM p";

pub(super) const PROBLEMS: &str = "
SELECT x.partner_id, x.id, x.summary, x.opened_on, x.severity, x.reaction, x.brave_conversation_on,
  x.resolved_on IS NULL OR x.resolved_on > ?3,
  EXISTS (SELECT 1 FROM touch t WHERE t.partner_id = x.partner_id AND t.kind = 'update'
          AND t.on_day BETWEEN x.opened_on AND ?3)
FROM problem x
WHERE x.partner_id BETWEEN ?1 AND ?2 AND x.opened_on <= ?3
ORDER BY x.partner_id, x.opened_on, x.id";

pub(super) const REVIEWS: &str = "
SELECT c.partner_id, max(r.on_day)
FROM review r JOIN commitment c ON c.id = r.commitment_id
WHERE c.partner_id BETWEEN ?1 AND ?2 AND c.ongoing = 1 AND r.on_day <= ?3
GROUP BY c.partner_id";

const PARTNERS: &str = "
SELECT id, stage, signed_on, update_every_days FROM partner
WHERE id BETWEEN ?1 AND ?2 ORDER BY id";

fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    StoreError::sql(doing)
}

impl Store {
    /// The health aggregates of every partner (`only = None`) or of one, by partner id.
    pub fn health_inputs(
        &self,
        today: NaiveDate,
        rules: &Rules,
        only: Option<i64>,
    ) -> StoreResult<Vec<(i64, HealthInput)>> {
        let (lo, hi) = only.map_or((i64::MIN, i64::MAX), |id| (id, id));
        // Windows that do not depend on the partner; the signing windows are computed in SQL
        // from each partner's signed_on, with the same definitions as HealthWindows.
        let w = HealthWindows::new(rules, today, None);
        let long_signed = HealthWindows::new(rules, today, Some(NaiveDate::MIN));
        let after_from = long_signed.after_signing.map_or(today, |r| r.from);
        let minus_n = format!("-{} days", rules.windows.after_signing_days);
        let read = sql("assessing health");

        let mut inputs: HashMap<i64, HealthInput> = HashMap::new();
        let mut order = Vec::new();
        let mut stmt = self.conn.prepare_cached(PARTNERS).map_err(&read)?;
        let mut rows = stmt.query(params![lo, hi]).map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            let id: i64 = r.get(0).map_err(&read)?;
            let input = HealthInput {
                stage: r.get::<_, Stage>(1).map_err(&read)?,
                signed_on: r.get(2).map_err(&read)?,
                update_every_days: r.get(3).map_err(&read)?,
                ..HealthInput::default()
            };
            order.push(id);
            inputs.insert(id, input);
        }

        let mut stmt = self.conn.prepare_cached(COMMITMENTS).map_err(&read)?;
        let mut rows = stmt
            .query(params![
                lo,
                hi,
                today,
                w.our_due.from,
                w.our_due.to,
                w.their_due.from,
                w.their_due.to,
                w.recent_touches.from,
                w.momentum_recent.from,
                w.momentum_before.from,
                w.momentum_before.to
            ])
            .map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) else {
                continue;
            };
            let side: Side = r.get(1).map_err(&read)?;
            let n = |i: usize| r.get::<_, Option<u32>>(i).map(Option::unwrap_or_default);
            let ledger = SideLedger {
                due_in_window: n(2).map_err(&read)?,
                kept_on_time: n(3).map_err(&read)?,
                open_dated: n(4).map_err(&read)?,
                overdue: n(5).map_err(&read)?,
                oldest_overdue_due_on: r.get(6).map_err(&read)?,
                kept_recent: n(7).map_err(&read)?,
            };
            if side == Side::Theirs {
                input.their_activity_recent.commitments_made = n(8).map_err(&read)?;
                input.their_activity_before.commitments_made = n(9).map_err(&read)?;
                input.their_activity_recent.commitments_kept = n(10).map_err(&read)?;
                input.their_activity_before.commitments_kept = n(11).map_err(&read)?;
                input.theirs = ledger;
            } else {
                input.ours = ledger;
            }
            input.ongoing_items += n(12).map_err(&read)?;
            let since: Option<NaiveDate> = r.get(13).map_err(&read)?;
            input.ongoing_since = match (input.ongoing_since, since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            input.logged_before_signing |= n(14).map_err(&read)? > 0;
        }

        let mut stmt = self.conn.prepare_cached(TOUCHES).map_err(&read)?;
        let mut rows = stmt
            .query(params![
                lo,
                hi,
                today,
                w.recent_touches.from,
                after_from,
                minus_n,
                w.care.from,
                w.momentum_recent.from,
                w.momentum_before.from,
                w.momentum_before.to
            ])
            .map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) else {
                continue;
            };
            let n = |i: usize| r.get::<_, Option<u32>>(i).map(Option::unwrap_or_default);
            input.touches_recent_by_us = n(1).map_err(&read)?;
            input.touches_recent_by_them = n(2).map_err(&read)?;
            input.last_update_on = r.get(3).map_err(&read)?;
            input.first_touch_on = r.get(4).map_err(&read)?;
            input.touches_after_signing = n(5).map_err(&read)?;
            input.touches_before_signing = n(6).map_err(&read)?;
            input.logged_before_signing |= n(7).map_err(&read)? > 0;
            input.care_recent = n(8).map_err(&read)?;
            input.their_activity_recent.touches_started = n(9).map_err(&read)?;
            input.their_activity_before.touches_started = n(10).map_err(&read)?;
        }

        let mut stmt = self.conn.prepare_cached(PROBLEMS).map_err(&read)?;
        let mut rows = stmt.query(params![lo, hi, today]).map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) else {
                continue;
            };
            input.problems_logged += 1;
            if r.get::<_, bool>(7).map_err(&read)? {
                input.open_problems.push(OpenProblem {
                    id: r.get(1).map_err(&read)?,
                    summary: r.get(2).map_err(&read)?,
                    opened_on: r.get(3).map_err(&read)?,
                    severity: r.get(4).map_err(&read)?,
                    reaction: r.get(5).map_err(&read)?,
                    brave_conversation_on: r.get(6).map_err(&read)?,
                    update_since_opened: r.get(8).map_err(&read)?,
                });
            }
        }

        let mut stmt = self.conn.prepare_cached(REVIEWS).map_err(&read)?;
        let mut rows = stmt.query(params![lo, hi, today]).map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            if let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) {
                input.last_review_on = r.get(1).map_err(&read)?;
            }
        }

        // Facts that only count once signed (as HealthInput::from_rows defines them).
        for input in inputs.values_mut() {
            if input.signed_on.is_none_or(|on| on > today) {
                input.logged_before_signing = false;
            }
        }
        Ok(order
            .into_iter()
            .filter_map(|id| inputs.remove(&id).map(|input| (id, input)))
            .collect())
    }

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
                    id, today, h.score, h.level.as_str(), h.verdict.as_str(), levels, h.rules_version
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

//! Health aggregates for every partner (or one), computed with grouped SQL — never by loading
//! a partner's rows into memory. `HealthInput::from_rows` is the definition each figure is
//! tested against.

use super::Store;
use super::error::{StoreError, StoreResult};
use crate::domain::health::{HealthInput, HealthWindows, OpenProblem, Rules, SideLedger};
use crate::domain::{Side, Stage};
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashMap;

// One row per partner and side: one pass over the partner's commitments. `jd` is the judged
// due day (the first one missed when re-dated late); `ot` is "kept on time".
macro_rules! judged {
    () => {
        "coalesce(original_due_on, due_on)"
    };
}
macro_rules! on_time {
    () => {
        "coalesce(status = 'kept' AND original_due_on IS NULL
                  AND (due_on IS NULL OR closed_on <= due_on), 0)"
    };
}

pub(super) const COMMITMENTS: &str = concat!(
    "SELECT partner_id, side,
  sum(ongoing = 0 AND status <> 'released' AND ",
    judged!(),
    " BETWEEN
      iif(side = 'ours', ?4, ?6) AND iif(side = 'ours', ?5, ?7)),
  sum(ongoing = 0 AND status <> 'released' AND ",
    judged!(),
    " BETWEEN
      iif(side = 'ours', ?4, ?6) AND iif(side = 'ours', ?5, ?7) AND ",
    on_time!(),
    "),
  sum(ongoing = 0 AND status = 'open' AND due_on IS NOT NULL),
  sum(ongoing = 0 AND status = 'open' AND due_on < ?3),
  min(iif(ongoing = 0 AND status = 'open' AND due_on < ?3, due_on, NULL)),
  sum(ongoing = 0 AND status = 'kept' AND ",
    judged!(),
    " BETWEEN ?8 AND ?9),
  sum(",
    on_time!(),
    " AND closed_on BETWEEN ?10 AND ?3),
  sum(",
    on_time!(),
    " AND closed_on BETWEEN ?11 AND ?12),
  sum(ongoing = 0 AND status <> 'released' AND ",
    judged!(),
    " BETWEEN ?13 AND ?14
      AND NOT ",
    on_time!(),
    "),
  sum(ongoing = 0 AND status <> 'released' AND ",
    judged!(),
    " BETWEEN ?15 AND ?14
      AND NOT ",
    on_time!(),
    "),
  sum(ongoing = 1 AND status = 'open'),
  min(iif(ongoing = 1 AND status = 'open', made_on, NULL)),
  max(ongoing = 0 AND status <> 'released' AND ",
    judged!(),
    " < ?3),
  min(iif(made_on <= ?3, made_on, NULL))
FROM commitment WHERE partner_id BETWEEN ?1 AND ?2
GROUP BY partner_id, side"
);

// Reviews "not honoured" in the review window, by side; and each charter's item left longest
// without a review (its made day when never reviewed).
pub(super) const NOT_HONOURED: &str = "
SELECT c.partner_id, c.side, count(*)
FROM commitment c JOIN review r ON r.commitment_id = c.id
WHERE c.partner_id BETWEEN ?1 AND ?2 AND c.ongoing = 1 AND r.verdict = 'not-honoured'
  AND r.on_day BETWEEN ?4 AND ?3
GROUP BY c.partner_id, c.side";

pub(super) const CHARTER: &str = "
SELECT c.partner_id, min(coalesce((SELECT max(r.on_day) FROM review r
                                   WHERE r.commitment_id = c.id AND r.on_day <= ?3), c.made_on))
FROM commitment c
WHERE c.partner_id BETWEEN ?1 AND ?2 AND c.ongoing = 1 AND c.status = 'open'
GROUP BY c.partner_id";

// One row per partner, each figure an index range on the touch indexes (windows of days,
// never a partner's whole history, but for the courtship's count).
pub(super) const TOUCHES: &str = "
WITH p AS MATERIALIZED (
  SELECT id, signed_on, signed_on <= ?3 AS signed,
    max(date(signed_on, '+1 day'), ?5) AS after_from
  FROM partner WHERE id BETWEEN ?1 AND ?2)
SELECT p.id,
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.on_day BETWEEN ?4 AND ?3)
  - (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.kind IN ('update', 'care') AND t.on_day BETWEEN ?4 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?4 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.on_day BETWEEN ?6 AND ?3)
  - (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.kind IN ('update', 'care') AND t.on_day BETWEEN ?6 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?6 AND ?3),
  (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'update'
     AND t.on_day <= ?3),
  (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.bad_news = 1
     AND t.on_day <= ?3),
  (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'us'
     AND t.on_day <= ?3),
  (SELECT min(t.on_day) FROM touch t WHERE t.partner_id = p.id AND t.on_day <= ?3),
  iif(p.signed, (SELECT count(*) FROM touch t WHERE t.partner_id = p.id
     AND t.initiated_by = 'us' AND t.on_day <= p.signed_on), 0),
  iif(p.signed, (SELECT count(*) FROM touch t WHERE t.partner_id = p.id
     AND t.initiated_by = 'us' AND t.on_day BETWEEN p.after_from AND ?3), 0),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.kind = 'care'
     AND t.on_day BETWEEN ?7 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?8 AND ?3),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day BETWEEN ?9 AND ?10),
  (SELECT count(*) FROM touch t WHERE t.partner_id = p.id AND t.initiated_by = 'them'
     AND t.on_day <= ?3)
FROM p";

// Our broken promises (see `domain::slips`): open and overdue, missed, open and re-dated
// late, or kept late. Those that broke in the slips window (?5 on) are recent slips; the open
// ones, and missed ones that broke on or after ?4, that no bad-news touch has told them of
// are untold (kept late ones aside: delivered).
pub(super) const BROKEN: &str = "
WITH p AS MATERIALIZED (
  SELECT id, (SELECT max(t.on_day) FROM touch t WHERE t.partner_id = partner.id
              AND t.bad_news = 1 AND t.on_day <= ?3) AS told
  FROM partner WHERE id BETWEEN ?1 AND ?2),
b AS (
  SELECT p.id AS pid, p.told, date(c.due_on, '+1 day') AS broke, c.due_on AS told_from,
         NULL AS late, 0 AS delivered, 1 AS current
  FROM p CROSS JOIN commitment c INDEXED BY commitment_partner
    ON c.partner_id = p.id AND c.status = 'open' AND c.side = 'ours'
    AND c.ongoing = 0 AND c.due_on < ?3
  UNION ALL
  SELECT p.id, p.told,
    min(c.closed_on, date(coalesce(c.original_due_on, c.due_on, c.closed_on), '+1 day')),
    min(c.closed_on, coalesce(c.original_due_on, c.due_on, c.closed_on)), NULL, 0, 0
  FROM p CROSS JOIN commitment c INDEXED BY commitment_partner
    ON c.partner_id = p.id AND c.status = 'missed' AND c.side = 'ours'
    AND c.ongoing = 0
  UNION ALL
  SELECT p.id, p.told, min(date(c.slipped_due_on, '+1 day'), c.slipped_on), c.slipped_on,
    CAST(julianday(c.slipped_on) - julianday(c.slipped_due_on) AS INTEGER), 0, 1
  FROM p CROSS JOIN commitment c INDEXED BY commitment_slipped
    ON c.partner_id = p.id AND c.side = 'ours'
    AND c.original_due_on IS NOT NULL AND c.status = 'open' AND c.due_on >= ?3
  UNION ALL
  SELECT p.id, p.told,
    min(c.closed_on, date(coalesce(c.original_due_on, c.due_on), '+1 day')), NULL, NULL, 1, 0
  FROM p CROSS JOIN commitment c INDEXED BY commitment_kept
    ON c.partner_id = p.id AND c.status = 'kept' AND c.side = 'ours'
    AND c.ongoing = 0 AND c.closed_on >= ?5 AND c.due_on IS NOT NULL
    AND (c.closed_on > c.due_on OR c.original_due_on IS NOT NULL))
SELECT pid,
  sum(broke BETWEEN ?5 AND ?3),
  sum(delivered = 0 AND (current OR broke >= ?4) AND broke <= ?3
      AND (told IS NULL OR told < told_from)),
  min(iif(delivered = 0 AND (current OR broke >= ?4) AND broke <= ?3
          AND (told IS NULL OR told < told_from), broke, NULL)),
  max(iif(delivered = 0 AND (current OR broke >= ?4) AND broke <= ?3
          AND (told IS NULL OR told < told_from), late, NULL))
FROM b
GROUP BY pid";

pub(super) const PROBLEMS: &str = "
SELECT x.partner_id, x.id, x.summary, x.opened_on, x.severity, x.reaction, x.brave_conversation_on,
  x.resolved_on IS NULL OR x.resolved_on > ?3
FROM problem x
WHERE x.partner_id BETWEEN ?1 AND ?2 AND x.opened_on <= ?3
ORDER BY x.partner_id, x.opened_on, x.id";

const PARTNERS: &str = "
SELECT id, stage, signed_on, update_every_days FROM partner
WHERE id BETWEEN ?1 AND ?2 ORDER BY id";

fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    StoreError::sql(doing)
}

fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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
        // Windows that do not depend on the partner; the signing window is computed in SQL
        // from each partner's signed_on, with the same definition as HealthWindows.
        let w = HealthWindows::new(rules, today, None);
        let long_signed = HealthWindows::new(rules, today, Some(NaiveDate::MIN));
        let after_from = long_signed.after_signing.map_or(today, |r| r.from);
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
                w.effort_due.from,
                w.effort_due.to,
                w.momentum_recent.from,
                w.momentum_before.from,
                w.momentum_before.to,
                w.lapse_recent.from,
                w.lapse_recent.to,
                w.lapse_evidence.from
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
                kept_for_effort: n(7).map_err(&read)?,
                ..SideLedger::default()
            };
            if side == Side::Theirs {
                input.their_delivery_recent.kept_on_time = n(8).map_err(&read)?;
                input.their_delivery_before.kept_on_time = n(9).map_err(&read)?;
                input.their_lapsed_recent = n(10).map_err(&read)?;
                input.their_lapsed_evidence = n(11).map_err(&read)?;
                input.theirs = ledger;
            } else {
                input.ours = ledger;
            }
            input.ongoing_items += n(12).map_err(&read)?;
            input.ongoing_since = earlier(input.ongoing_since, r.get(13).map_err(&read)?);
            input.fallen_due |= n(14).map_err(&read)? > 0;
            input.first_record_on = earlier(input.first_record_on, r.get(15).map_err(&read)?);
        }

        let mut stmt = self.conn.prepare_cached(NOT_HONOURED).map_err(&read)?;
        let mut rows = stmt
            .query(params![lo, hi, today, w.reviews.from])
            .map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) else {
                continue;
            };
            let n: u32 = r.get(2).map_err(&read)?;
            match r.get::<_, Side>(1).map_err(&read)? {
                Side::Ours => input.ours.not_honoured = n,
                Side::Theirs => input.theirs.not_honoured = n,
            }
        }

        let mut stmt = self.conn.prepare_cached(CHARTER).map_err(&read)?;
        let mut rows = stmt.query(params![lo, hi, today]).map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            if let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) {
                input.least_recent_review_on = r.get(1).map_err(&read)?;
            }
        }

        let mut stmt = self.conn.prepare_cached(TOUCHES).map_err(&read)?;
        let mut rows = stmt
            .query(params![
                lo,
                hi,
                today,
                w.recent_touches.from,
                after_from,
                w.effort.from,
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
            input.conversations_recent.by_us = n(1).map_err(&read)?;
            input.conversations_recent.by_them = n(2).map_err(&read)?;
            input.conversations_effort.by_us = n(3).map_err(&read)?;
            input.conversations_effort.by_them = n(4).map_err(&read)?;
            input.last_update_on = r.get(5).map_err(&read)?;
            input.last_bad_news_on = r.get(6).map_err(&read)?;
            input.last_touch_by_us_on = r.get(7).map_err(&read)?;
            input.first_record_on = earlier(input.first_record_on, r.get(8).map_err(&read)?);
            input.our_touches_courtship = n(9).map_err(&read)?;
            input.our_touches_after_signing = n(10).map_err(&read)?;
            input.care_recent = n(11).map_err(&read)?;
            input.their_delivery_recent.conversations_started = n(12).map_err(&read)?;
            input.their_delivery_before.conversations_started = n(13).map_err(&read)?;
            input.their_conversations_ever = n(14).map_err(&read)?;
        }

        let mut stmt = self.conn.prepare_cached(BROKEN).map_err(&read)?;
        let mut rows = stmt
            .query(params![lo, hi, today, w.our_due.from, w.slips.from])
            .map_err(&read)?;
        while let Some(r) = rows.next().map_err(&read)? {
            if let Some(input) = inputs.get_mut(&r.get::<_, i64>(0).map_err(&read)?) {
                let n = |i: usize| r.get::<_, Option<u32>>(i).map(Option::unwrap_or_default);
                input.ours.slips_recent = n(1).map_err(&read)?;
                input.untold.count = n(2).map_err(&read)?;
                input.untold.oldest_broken_on = r.get(3).map_err(&read)?;
                input.untold.most_days_late_redated = r.get(4).map_err(&read)?;
            }
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
                });
            }
        }

        // Facts that only count once signed (as HealthInput::from_rows defines them).
        for input in inputs.values_mut() {
            if input.signed_on.is_none_or(|on| on > today) {
                input.our_touches_courtship = 0;
                input.our_touches_after_signing = 0;
            }
        }
        Ok(order
            .into_iter()
            .filter_map(|id| inputs.remove(&id).map(|input| (id, input)))
            .collect())
    }
}

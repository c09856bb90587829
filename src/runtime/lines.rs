//! The dashboard's lines, one per partner: kept in the book per day and rule set, assessed
//! again only for partners whose records changed, memoised in the open book, sorted by urgency.

use super::assess_with_inputs;
use crate::domain::Stage;
use crate::domain::health::{HealthInput, HealthSummary, Rules};
use crate::store::{PartnerRow, Store, StoreError, StoreResult};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Above this many partners whose lines are stale, one grouped pass over the whole book is
/// cheaper than assessing them one by one.
pub(super) const BULK: usize = 300;

/// The key of a rule set in `partner_summary`: lines made under other rules are recomputed.
pub fn rules_key(rules: &Rules) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(rules)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!(
        "{}-{:016x}",
        crate::domain::health::RULES_VERSION,
        hasher.finish()
    )
}

/// One partner's line read and assessed afresh (`None` when the partner is gone); its health
/// input is added to `inputs`, to be kept with the line.
fn fresh_line(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    id: i64,
    inputs: &mut HashMap<i64, HealthInput>,
) -> StoreResult<Option<PartnerRow>> {
    let mut row = match store.partner_row(today, id) {
        Ok(row) => row,
        Err(StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let (health, input) = assess_with_inputs(store, today, rules, Some(id))?;
    inputs.extend(input);
    row.health = health.get(&id).map(HealthSummary::from);
    Ok(Some(row))
}

/// Every partner's dashboard line, most urgent first (walk-away review, at risk, needs
/// attention, healthy; then by score; then by next due; ended last). Lines are kept per partner
/// in the book; only partners whose records changed (or all, on a new day or new rules) are
/// assessed again, and today's snapshots of those are recorded.
pub fn dashboard_rows(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
) -> StoreResult<Vec<PartnerRow>> {
    kept_lines(store, today, rules, false).map(|(rows, _)| rows)
}

/// As [`dashboard_rows`]; with `earlier_allowed`, when the whole book would be assessed again,
/// each partner's latest kept line is returned instead, with the newest day among them.
pub(super) fn kept_lines(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    earlier_allowed: bool,
) -> StoreResult<(Vec<PartnerRow>, Option<NaiveDate>)> {
    let key = rules_key(rules);
    let mut inputs = HashMap::new();
    let (mut rows, stale) = match store.memo_rows(today, &key)? {
        Some((rows, touched)) if touched.is_empty() => return Ok((rows, None)),
        Some((mut rows, touched)) => {
            // Only this session wrote since: recompute the partners it touched, keep the rest.
            rows.retain(|r| !touched.contains(&r.id));
            let kept = rows.len();
            for id in touched {
                if let Some(row) = fresh_line(store, today, rules, id, &mut inputs)? {
                    rows.push(row);
                }
            }
            let changed: Vec<usize> = (kept..rows.len()).collect();
            (rows, changed)
        }
        None => {
            // Each partner's latest kept line, in one read: today's are current.
            let kept = store.earlier_rows(today, &key)?;
            let stale = kept.iter().filter(|(_, day)| *day != Some(today)).count();
            if stale > BULK && earlier_allowed {
                let as_of = kept.iter().filter_map(|(_, day)| *day).max();
                let mut rows: Vec<PartnerRow> = kept.into_iter().map(|(row, _)| row).collect();
                sort_lines(&mut rows);
                return Ok((rows, Some(as_of.unwrap_or(today))));
            }
            let mut rows: Vec<PartnerRow> = kept
                .into_iter()
                .map(|(row, day)| match day == Some(today) {
                    true => row,
                    false => PartnerRow {
                        facts: Default::default(),
                        health: None,
                        ..row
                    },
                })
                .collect();
            let stale: Vec<usize> = (0..rows.len())
                .filter(|i| rows[*i].health.is_none())
                .collect();
            if stale.len() > BULK {
                let (health, all) = assess_with_inputs(store, today, rules, None)?;
                inputs = all;
                let facts: HashMap<i64, PartnerRow> = store
                    .partner_rows(today)?
                    .into_iter()
                    .map(|r| (r.id, r))
                    .collect();
                for i in &stale {
                    let row = &mut rows[*i];
                    if let Some(fresh) = facts.get(&row.id) {
                        row.facts = fresh.facts.clone();
                    }
                    row.health = health.get(&row.id).map(HealthSummary::from);
                }
            } else {
                for i in &stale {
                    if let Some(row) = fresh_line(store, today, rules, rows[*i].id, &mut inputs)? {
                        rows[*i] = row;
                    }
                }
            }
            (rows, stale)
        }
    };
    if !stale.is_empty() {
        let changed: Vec<&PartnerRow> = stale.iter().map(|i| &rows[*i]).collect();
        // A book opened read-only, or busy, still shows its lines; saving them waits.
        let _ = store.save_summaries(today, &key, &changed, &inputs);
    }
    sort_lines(&mut rows);
    store.set_memo_rows(today, &key, &rows)?;
    Ok((rows, None))
}

/// Most urgent first: walk-away review, at risk, needs attention, healthy; then by score; then
/// by next due; ended last.
fn sort_lines(rows: &mut [PartnerRow]) {
    rows.sort_by_key(|r| {
        let h = r.health;
        (
            r.stage == Stage::Ended,
            h.map(|h| h.verdict),
            h.and_then(|h| h.score).map_or(101, u16::from),
            r.facts.next_due().is_none(),
            r.facts.next_due(),
            r.id,
        )
    });
}

//! Performs the effects `update` asks for, against the book, and reports back as Actions.
//! Shared by the terminal loop and by `pactum render`.

use crate::app::{Action, Effect, Loaded, Write};
pub mod drafts;
mod screens;
pub use screens::{agenda, brief, explain, one_health, open_screen, timeline};

use crate::app::conflict::Conflict;
use crate::domain::Stage;
use crate::domain::health::{Health, Rules, assess};
use crate::store::{CommitmentFilter, DemoBook, Store, StoreError, StoreResult};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Weeks of trend shown in the Health pane.
pub const TREND_WEEKS: u32 = 18;

/// Assesses every partner (or one) and records today's snapshots of those that changed.
pub fn assess_all(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    only: Option<i64>,
) -> StoreResult<HashMap<i64, Health>> {
    let health: HashMap<i64, Health> = store
        .health_inputs(today, rules, only)?
        .into_iter()
        .map(|(id, input)| (id, assess(&input, today, rules)))
        .collect();
    let pairs: Vec<(i64, &Health)> = health.iter().map(|(id, h)| (*id, h)).collect();
    // A book opened read-only by the OS, or busy, still shows health; the snapshot waits.
    let _ = store.save_snapshots(today, &pairs);
    Ok(health)
}

/// Loads what the dashboard shows: every partner's row and health, most urgent first
/// (walk-away review, at risk, needs attention, healthy; then by score; then by next due), and
/// the ledger and trend of `partner` (or of the first row).
pub fn load(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    partner: Option<i64>,
    show_closed: bool,
    owner: Option<&str>,
) -> StoreResult<Loaded> {
    let health = assess_all(store, today, rules, None)?;
    let mut rows = store.partner_rows(today)?;
    if let Some(owner) = owner {
        rows.retain(|r| r.owner == owner);
    }
    rows.sort_by_key(|r| {
        let h = health.get(&r.id);
        (
            r.stage == Stage::Ended,
            h.map(|h| h.verdict),
            h.and_then(|h| h.score).map_or(101, u16::from),
            r.facts.next_due().is_none(),
            r.facts.next_due(),
        )
    });
    let chosen = partner
        .filter(|id| rows.iter().any(|r| r.id == *id))
        .or_else(|| rows.first().map(|r| r.id));
    let (partner, ledger, last_reviews, trend) = match chosen {
        Some(id) => (
            Some(store.partner(id)?),
            store.commitments(CommitmentFilter {
                partner_id: Some(id),
                open_only: !show_closed,
                side: None,
            })?,
            store.last_reviews(id)?,
            store.health_trend(id, today, TREND_WEEKS)?,
        ),
        None => (None, Vec::new(), Vec::new(), Vec::new()),
    };
    Ok(Loaded {
        rows,
        partner,
        ledger,
        last_reviews,
        health,
        trend,
    })
}

/// Performs one effect. Returns the action that reports its outcome, if any.
pub fn perform(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    effect: Effect,
) -> Option<Action> {
    let outcome = match effect {
        Effect::Quit => return None,
        Effect::Load {
            partner,
            show_closed,
            owner,
        } => {
            return Some(
                match load(store, today, rules, partner, show_closed, owner.as_deref()) {
                    Ok(data) => Action::Loaded(Box::new(data)),
                    Err(e) => Action::Failed(e.to_string()),
                },
            );
        }
        Effect::LoadSearch => {
            return Some(match store.search_index() {
                Ok(index) => Action::SearchIndex(index),
                Err(e) => Action::Failed(e.to_string()),
            });
        }
        Effect::Open(request) => {
            return Some(match open_screen(store, today, rules, request) {
                Ok(screen) => Action::ScreenReady(Box::new(screen)),
                Err(e) => Action::Failed(e.to_string()),
            });
        }
        Effect::Undo(event) => store.undo(event).map(|message| (message, None)),
        Effect::LoadDemo => DemoBook::shipped()
            .and_then(|book| store.load_demo(&book, today))
            .map(|n| (format!("loaded the demo book: {n} partners"), None)),
        Effect::Write(write) => match write_one(store, today, write.clone()) {
            Err(StoreError::Conflict(reason)) => {
                return Some(match conflict(store, &write) {
                    Some(view) => Action::Conflicted(Box::new(view)),
                    None => Action::Failed(reason),
                });
            }
            other => other,
        },
    };
    Some(match outcome {
        Ok((message, undo)) => Action::Written { message, undo },
        Err(e) => Action::Failed(e.to_string()),
    })
}

/// The two versions of a record an edit collided on.
fn conflict(store: &Store, write: &Write) -> Option<Conflict> {
    match write {
        Write::EditPartner(edit) => store
            .partner(edit.id)
            .ok()
            .map(|theirs| Conflict::partner(edit, &theirs)),
        Write::EditCommitment(c) => store
            .commitment(c.id)
            .ok()
            .map(|theirs| Conflict::commitment(c, &theirs)),
        _ => None,
    }
}

fn write_one(
    store: &mut Store,
    today: NaiveDate,
    write: Write,
) -> StoreResult<(String, Option<i64>)> {
    let message = match write {
        Write::AddPartner(new) => {
            store.add_partner(&new)?;
            format!("added partner {}", new.name.trim())
        }
        Write::EditPartner(edit) => {
            store.edit_partner(&edit)?;
            format!("saved {}", edit.name.trim())
        }
        Write::AddCommitment(new) => {
            let id = store.add_commitment(&new)?;
            format!("added commitment {id}")
        }
        Write::EditCommitment(c) => {
            store.edit_commitment(&c)?;
            format!("saved commitment {}", c.id)
        }
        Write::SetStatus { id, status } => {
            store.set_status(id, status, today)?;
            format!("commitment {id} {status} — u undoes")
        }
        Write::Review { id, verdict } => {
            store.add_review(id, verdict, today, "")?;
            format!("reviewed commitment {id}: {verdict}")
        }
        Write::AddTouch(new) => {
            store.add_touch(&new)?;
            format!("logged {}", new.kind)
        }
        Write::AddProblem(new) => {
            let id = store.add_problem(&new)?;
            format!("opened problem {id}")
        }
        Write::Checked { id } => {
            store.record_check(id, today)?;
            format!("commitment {id} checked: still open")
        }
        Write::EndPartner { id, reason, on } => {
            store.end_partner(id, on, &reason)?;
            "partnership ended; the reason is recorded".to_string()
        }
    };
    Ok((message, store.last_event()))
}

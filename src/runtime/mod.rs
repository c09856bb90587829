//! Performs the effects `update` asks for, against the book, and reports back as Actions.
//! Shared by the terminal loop and by `pactum render`.

use crate::app::action::UndoHint;
use crate::app::{Action, Effect, Loaded, Made, Write};
pub mod drafts;
pub mod letters;
mod lines;
mod screens;
pub use lines::{dashboard_rows, rules_key};
pub use screens::{agenda, brief, explain, one_health, open_screen, timeline};

use crate::app::conflict::Conflict;
use crate::domain::health::{Health, HealthInput, Rules, assess};
use crate::store::{CommitmentFilter, DemoBook, PartnerRow, Store, StoreError, StoreResult};
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
    Ok(assess_with_inputs(store, today, rules, only)?.0)
}

/// As [`assess_all`], also returning the inputs each health was assessed from.
pub fn assess_with_inputs(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    only: Option<i64>,
) -> StoreResult<(HashMap<i64, Health>, HashMap<i64, HealthInput>)> {
    let inputs: HashMap<i64, HealthInput> = store
        .health_inputs(today, rules, only)?
        .into_iter()
        .collect();
    let health = assess_inputs(store, today, rules, &inputs);
    Ok((health, inputs))
}

/// Assesses kept or fresh inputs and records today's snapshots of those that changed.
pub fn assess_inputs(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    inputs: &HashMap<i64, HealthInput>,
) -> HashMap<i64, Health> {
    let health: HashMap<i64, Health> = inputs
        .iter()
        .map(|(id, input)| (*id, assess(input, today, rules)))
        .collect();
    let pairs: Vec<(i64, &Health)> = health.iter().map(|(id, h)| (*id, h)).collect();
    // A book opened read-only by the OS, or busy, still shows health; the snapshot waits.
    let _ = store.save_snapshots(today, &pairs);
    health
}

/// Every partner's full health (not ended ones only when `open_only`), from the inputs kept
/// with the dashboard lines; only partners whose records changed are aggregated again.
pub fn health_of_all(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
) -> StoreResult<HashMap<i64, Health>> {
    let rows = dashboard_rows(store, today, rules)?;
    let mut inputs = store.summary_inputs(today, &rules_key(rules))?;
    let missing: Vec<i64> = rows
        .iter()
        .map(|r| r.id)
        .filter(|id| !inputs.contains_key(id))
        .collect();
    if missing.len() > lines::BULK {
        inputs = store
            .health_inputs(today, rules, None)?
            .into_iter()
            .collect();
    } else {
        for id in missing {
            inputs.extend(store.health_inputs(today, rules, Some(id))?);
        }
    }
    Ok(assess_inputs(store, today, rules, &inputs))
}

/// Loads what the dashboard shows: every partner's line, most urgent first (see
/// [`dashboard_rows`]), and the ledger, full health and trend of `partner` (or of the first
/// line). `health` holds the chosen partner's health only: the lines carry the others' verdicts.
pub fn load(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    partner: Option<i64>,
    show_closed: bool,
    owner: Option<&str>,
) -> StoreResult<Loaded> {
    let rows = dashboard_rows(store, today, rules)?;
    load_with(store, today, rules, rows, partner, show_closed, owner)
}

/// As [`load`], for the dashboard's loop: on the first start of a day (or after a change of
/// rules) of a book with many partners, the list first shows each partner's line of the last day
/// it was assessed (`lines_as_of`), so the first frame does not wait for the whole book to be
/// assessed again; [`catch_up`] then brings every line to today.
pub fn load_first(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    partner: Option<i64>,
    show_closed: bool,
    owner: Option<&str>,
) -> StoreResult<Loaded> {
    let (rows, as_of) = lines::kept_lines(store, today, rules, true)?;
    let mut loaded = load_with(store, today, rules, rows, partner, show_closed, owner)?;
    loaded.lines_as_of = as_of;
    Ok(loaded)
}

/// Brings every dashboard line to today (see [`load_first`]).
pub fn catch_up(store: &mut Store, today: NaiveDate, rules: &Rules) -> StoreResult<()> {
    dashboard_rows(store, today, rules).map(drop)
}

/// The dashboard's data around `rows`, the lines in urgency order.
fn load_with(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    mut rows: Vec<PartnerRow>,
    partner: Option<i64>,
    show_closed: bool,
    owner: Option<&str>,
) -> StoreResult<Loaded> {
    if let Some(owner) = owner {
        rows.retain(|r| r.owner == owner);
    }
    let chosen = partner
        .filter(|id| rows.iter().any(|r| r.id == *id))
        .or_else(|| rows.first().map(|r| r.id));
    let Some(id) = chosen else {
        return Ok(Loaded {
            rows,
            ..Loaded::default()
        });
    };
    let mut health = HashMap::new();
    if let Some((_, input)) = store.health_inputs(today, rules, Some(id))?.pop() {
        health.insert(id, assess(&input, today, rules));
    }
    Ok(Loaded {
        partner: Some(store.partner(id)?),
        ledger: store.commitments(CommitmentFilter {
            partner_id: Some(id),
            open_only: !show_closed,
            side: None,
        })?,
        last_reviews: store.last_reviews(id)?,
        problems: store.problems(Some(id), true)?,
        contacts: store.contacts(id)?,
        trend: store.health_trend(id, today, TREND_WEEKS)?,
        rows,
        health,
        lines_as_of: None,
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
        Effect::DraftUpdate(_)
        | Effect::SharePlan(_)
        | Effect::EditLetter(_)
        | Effect::Copy(_)
        | Effect::WriteLetter { .. } => {
            return letters::perform(store, today, &crate::config::shipped_wording(), effect);
        }
        Effect::Load {
            partner,
            show_closed,
            owner,
        } => {
            return Some(
                match load_first(store, today, rules, partner, show_closed, owner.as_deref()) {
                    Ok(data) => Action::Loaded(Box::new(data)),
                    Err(e) => failed(store, &e),
                },
            );
        }
        Effect::CatchUp => {
            return Some(match catch_up(store, today, rules) {
                Ok(()) => Action::CaughtUp,
                Err(e) => failed(store, &e),
            });
        }
        Effect::LoadSearch => {
            return Some(match store.search_index() {
                Ok(index) => Action::SearchIndex(index),
                Err(e) => failed(store, &e),
            });
        }
        Effect::Open(request) => {
            return Some(match open_screen(store, today, rules, request) {
                Ok(screen) => Action::ScreenReady(Box::new(screen)),
                Err(e) => failed(store, &e),
            });
        }
        Effect::Undo(event) => store.undo(event).map(|message| {
            // The undo is itself undoable: the undo key again reverses it.
            let again = if message.starts_with("redid") {
                UndoHint::Undo
            } else {
                UndoHint::Redo
            };
            (message, Some(again), store.last_event(), None)
        }),
        Effect::LoadDemo => DemoBook::shipped()
            .and_then(|book| store.load_demo(&book, today))
            .map(|n| {
                (
                    format!("loaded the demo book: {n} partners"),
                    None,
                    None,
                    None,
                )
            }),
        Effect::Write(write) => match write_one(store, today, write.clone()) {
            Err(StoreError::Conflict(reason)) => match conflict(store, &write) {
                // Edits to different fields: saved together, without asking.
                Some(view) if view.rows.is_empty() => write_one(store, today, view.keep_mine())
                    .map(|(message, hint, undo, made)| {
                        (merged_message(&message, &view), hint, undo, made)
                    }),
                Some(view) => return Some(Action::Conflicted(Box::new(view))),
                None => return Some(Action::Failed(reason)),
            },
            other => other,
        },
    };
    Some(match outcome {
        Ok((message, hint, undo, made)) => Action::Written {
            message,
            hint,
            undo,
            made,
        },
        Err(e) => failed(store, &e),
    })
}

/// Reports a failure, letting the store take note of damage (it then refuses to write).
fn failed(store: &mut Store, error: &StoreError) -> Action {
    store.note_failure(error);
    Action::Failed(error.to_string())
}

/// The two versions of a record an edit collided on, with the one both started from when the
/// event log still holds it.
fn conflict(store: &Store, write: &Write) -> Option<Conflict> {
    match write {
        Write::EditPartner(edit) => {
            let base = store.partner_as_of(edit.id, edit.version).ok().flatten();
            (store.partner(edit.id).ok())
                .map(|theirs| Conflict::partner(edit, &theirs, base.as_ref()))
        }
        Write::EditCommitment(c) => {
            let base = store.commitment_as_of(c.id, c.version).ok().flatten();
            (store.commitment(c.id).ok())
                .map(|theirs| Conflict::commitment(c, &theirs, base.as_ref()))
        }
        Write::EditContact(c) => store
            .contact(c.id)
            .ok()
            .map(|theirs| Conflict::contact(c, &theirs)),
        _ => None,
    }
}

/// What a merged save says: whose other changes it kept.
fn merged_message(saved: &str, view: &Conflict) -> String {
    if view.merged.is_empty() {
        format!("{saved} (someone else had saved it meanwhile; nothing of theirs was changed)")
    } else {
        format!(
            "{saved}, merged with another session's change to {}",
            view.merged.join(", ")
        )
    }
}

/// What a write says, what the undo key would do next, the event that undoes it, and the
/// record it created.
type Outcome = (String, Option<UndoHint>, Option<i64>, Option<Made>);

fn write_one(store: &mut Store, today: NaiveDate, write: Write) -> StoreResult<Outcome> {
    let mut made = None;
    let mut hint = None;
    let message = match write {
        Write::AddPartner(new) => {
            made = Some(Made::Partner(store.add_partner(&new)?));
            format!("added partner {}", new.name.trim())
        }
        Write::EditPartner(edit) => {
            store.edit_partner(&edit)?;
            format!("saved {}", edit.name.trim())
        }
        Write::AddCommitment(new) => {
            let id = store.add_commitment(&new, today)?;
            made = Some(Made::Commitment {
                partner: new.partner_id,
                side: new.side,
                id,
            });
            format!("added commitment {id}")
        }
        Write::EditCommitment(c) => {
            store.edit_commitment(&c, today)?;
            format!("saved commitment {}", c.id)
        }
        Write::SetStatus { id, status } => {
            hint = Some(UndoHint::Undoes);
            store.set_status(id, status, today, today)?;
            format!("commitment {id} {status}")
        }
        Write::Review { id, verdict } => {
            store.add_review(id, verdict, today, "", today)?;
            format!("reviewed commitment {id}: {verdict}")
        }
        Write::AddTouch(new) => {
            store.add_touch(&new, today)?;
            format!("logged {}", new.kind)
        }
        Write::AddProblem(new) => {
            let id = store.add_problem(&new, today)?;
            format!("opened problem {id}")
        }
        Write::Checked { id } => {
            store.record_check(id, today)?;
            format!("commitment {id} checked: still open")
        }
        Write::Redate { id, due, note } => {
            store.redate_commitment(id, due, &note, today)?;
            match store.commitment(id)?.slip {
                Some(slip) if slip.redated_on == today => format!(
                    "commitment {id} now due {due}; late, so it stays a slip until a bad-news touch tells them"
                ),
                _ => format!("commitment {id} now due {due}"),
            }
        }
        Write::RecordUpdate { touch, text } => {
            hint = Some(UndoHint::Undoes);
            let id = store.add_touch_with_text(&touch, &text, today)?;
            if touch.bad_news {
                format!(
                    "recorded update {id}, as bad news: it tells them what slipped or went wrong"
                )
            } else {
                format!("recorded update {id}")
            }
        }
        Write::AddContact(c) => {
            hint = Some(UndoHint::Undoes);
            store.add_contact(&c)?;
            format!("added contact {}", c.name.trim())
        }
        Write::EditContact(c) => {
            store.edit_contact(&c)?;
            format!("saved contact {}", c.name.trim())
        }
        Write::RemoveContact { id, name } => {
            hint = Some(UndoHint::Undoes);
            store.remove_contact(id)?;
            format!("removed contact {}", name.trim())
        }
        Write::Brave { id, on, note } => {
            hint = Some(UndoHint::Undoes);
            store.brave_conversation(id, on, &note, today)?;
            format!("problem {id}: brave conversation recorded")
        }
        Write::Resolve { id, on } => {
            hint = Some(UndoHint::Undoes);
            store.resolve_problem(id, on, today)?;
            format!("problem {id} resolved")
        }
        Write::Charter {
            partner,
            ours,
            theirs,
        } => {
            hint = Some(UndoHint::Undoes);
            let n = store.add_charter(&partner, &ours, &theirs, today)?;
            format!(
                "charter recorded: {}",
                crate::domain::text::counted(i64::try_from(n).unwrap_or(i64::MAX), "item", "items")
            )
        }
        Write::EndPartner { id, reason, on } => {
            store.end_partner(id, on, &reason)?;
            "partnership ended; the reason is recorded".to_string()
        }
    };
    Ok((message, hint, store.last_event(), made))
}

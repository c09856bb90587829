//! Performs the effects `update` asks for, against the book, and reports back as Actions.
//! Shared by the terminal loop and by `pactum render`.

use crate::app::{Action, Effect, Loaded, Write};
use crate::domain::Stage;
use crate::store::{CommitmentFilter, DemoBook, Store, StoreResult};
use chrono::NaiveDate;

/// Loads what the dashboard shows: every partner's row (most urgent first) and the ledger of
/// `partner` (or of the first row).
pub fn load(
    store: &Store,
    today: NaiveDate,
    partner: Option<i64>,
    show_closed: bool,
) -> StoreResult<Loaded> {
    let mut rows = store.partner_rows(today)?;
    rows.sort_by_key(|r| {
        (
            r.stage == Stage::Ended,
            r.facts.attention(today, r.update_every_days),
            r.facts.next_due().is_none(),
            r.facts.next_due(),
        )
    });
    let chosen = partner
        .filter(|id| rows.iter().any(|r| r.id == *id))
        .or_else(|| rows.first().map(|r| r.id));
    let (partner, ledger, last_reviews) = match chosen {
        Some(id) => (
            Some(store.partner(id)?),
            store.commitments(CommitmentFilter {
                partner_id: Some(id),
                open_only: !show_closed,
                side: None,
            })?,
            store.last_reviews(id)?,
        ),
        None => (None, Vec::new(), Vec::new()),
    };
    Ok(Loaded {
        rows,
        partner,
        ledger,
        last_reviews,
    })
}

/// Performs one effect. Returns the action that reports its outcome, if any.
pub fn perform(store: &mut Store, today: NaiveDate, effect: Effect) -> Option<Action> {
    let outcome = match effect {
        Effect::Quit => return None,
        Effect::Load {
            partner,
            show_closed,
        } => {
            return Some(match load(store, today, partner, show_closed) {
                Ok(data) => Action::Loaded(Box::new(data)),
                Err(e) => Action::Failed(e.to_string()),
            });
        }
        Effect::Undo(event) => store.undo(event).map(|message| (message, None)),
        Effect::LoadDemo => DemoBook::shipped()
            .and_then(|book| store.load_demo(&book, today))
            .map(|n| (format!("loaded the demo book: {n} partners"), None)),
        Effect::Write(write) => write_one(store, today, write),
    };
    Some(match outcome {
        Ok((message, undo)) => Action::Written { message, undo },
        Err(e) => Action::Failed(e.to_string()),
    })
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
        Write::EndPartner { id, reason, on } => {
            store.end_partner(id, on, &reason)?;
            "partnership ended; the reason is recorded".to_string()
        }
    };
    Ok((message, store.last_event()))
}

//! Reads what a letter to one partner is drafted from: the update we owe them, the plan we share.

use crate::app::letter::{Letter, LetterKind};
use crate::app::{Action, Effect};
use crate::domain::brief::CharterItem;
use crate::domain::letter::Wording;
use crate::domain::letter::plan::{Plan, PlanBook, plan as draw_plan};
use crate::domain::letter::update::summary_of;
use crate::domain::letter::update::{UpdateBook, UpdateDraft, draft};
use crate::domain::text::clean_line;
use crate::domain::{Initiator, TouchKind};
use crate::exchange::plan::{html, markdown};
use crate::store::{CommitmentFilter, NewTouch, Store, StoreResult};
use chrono::NaiveDate;
use std::path::Path;

fn all_commitments(store: &Store, id: i64) -> StoreResult<Vec<crate::domain::Commitment>> {
    store.commitments(CommitmentFilter {
        partner_id: Some(id),
        open_only: false,
        side: None,
    })
}

/// The update owed to partner `id` on `today`, drafted in the words of `wording`.
pub fn update_draft(
    store: &Store,
    today: NaiveDate,
    wording: &Wording,
    id: i64,
) -> StoreResult<UpdateDraft> {
    let book = UpdateBook {
        partner: store.partner(id)?,
        contacts: store.contacts(id)?,
        commitments: all_commitments(store, id)?,
        problems: store.problems(Some(id), true)?,
        last_update_on: store.last_update(id, today)?,
        last_bad_news_on: store.last_bad_news(id, today)?,
    };
    Ok(draft(&book, &wording.update, today))
}

/// The update touch that records `sent` (the draft as it was sent) on `today`: from us, its
/// first line the summary, the whole text kept, bad news when it tells them of a slip or a
/// problem.
pub fn update_touch(draft: &UpdateDraft, sent: &str, today: NaiveDate) -> (NewTouch, String) {
    let touch = NewTouch {
        partner_id: draft.partner_id,
        on: today,
        kind: TouchKind::Update,
        initiated_by: Initiator::Us,
        summary: summary_of(sent),
        bad_news: draft.discloses(sent),
    };
    (touch, sent.to_string())
}

/// The plan shared with partner `id` on `today`.
pub fn plan(store: &Store, today: NaiveDate, wording: &Wording, id: i64) -> StoreResult<Plan> {
    let commitments = all_commitments(store, id)?;
    let reviews = store.last_reviews(id)?;
    let charter = commitments
        .iter()
        .filter(|c| c.ongoing)
        .map(|c| CharterItem {
            commitment: c.clone(),
            last_review: reviews
                .iter()
                .find(|(cid, _, _)| *cid == c.id)
                .map(|(_, on, verdict)| (*on, *verdict)),
        })
        .collect();
    let book = PlanBook {
        partner: store.partner(id)?,
        charter,
        commitments,
    };
    Ok(draw_plan(&book, &wording.plan, today))
}

/// Performs a letter's effect against the book and files, in the words of `wording`: drafts
/// the update, draws up the plan, writes a letter to a file. The terminal's own effects (the
/// editor, the clipboard) are the terminal loop's; here they do nothing.
pub fn perform(
    store: &Store,
    today: NaiveDate,
    wording: &Wording,
    effect: Effect,
) -> Option<Action> {
    let failed = |e: crate::store::StoreError| Action::Failed(e.to_string());
    match effect {
        Effect::DraftUpdate(id) => Some(
            update_draft(store, today, wording, id)
                .and_then(|draft| {
                    let name = store.partner(id)?.name;
                    let text = draft.text.clone();
                    let kind = LetterKind::Update(Box::new(draft));
                    Ok(Action::LetterReady(Box::new(Letter::new(
                        id, &name, kind, text,
                    ))))
                })
                .unwrap_or_else(failed),
        ),
        Effect::SharePlan(id) => Some(
            plan(store, today, wording, id)
                .and_then(|plan| {
                    let name = store.partner(id)?.name;
                    let kind = LetterKind::Plan { html: html(&plan) };
                    Ok(Action::LetterReady(Box::new(Letter::new(
                        id,
                        &name,
                        kind,
                        markdown(&plan),
                    ))))
                })
                .unwrap_or_else(failed),
        ),
        Effect::WriteLetter { path, text } => {
            let shown = clean_line(&path);
            Some(
                match crate::files::write_whole(Path::new(&path), text.as_bytes(), 0o600) {
                    Ok(()) => Action::LetterSaved(format!("wrote {shown}")),
                    Err(e) => Action::Failed(format!("{shown}: {e}")),
                },
            )
        }
        _ => None,
    }
}

//! Reads what a letter to one partner is drafted from: the update we owe them, the plan we share.

use crate::domain::brief::CharterItem;
use crate::domain::letter::Wording;
use crate::domain::letter::plan::{Plan, PlanBook, plan as draw_plan};
use crate::domain::letter::update::summary_of;
use crate::domain::letter::update::{UpdateBook, UpdateDraft, draft};
use crate::domain::{Initiator, TouchKind};
use crate::store::{CommitmentFilter, NewTouch, Store, StoreResult};
use chrono::NaiveDate;

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

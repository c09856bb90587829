//! Changing any of a partner's recorded facts at once, as `pactum partner edit` does: only the
//! fields given change, in one transaction, logged once (and undone as one change).

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, record};
use super::partners::{check_name, check_text, name_taken, partner_in, tags_in};
use crate::domain::limits::{self, TAG_MAX};
use crate::domain::{Stage, chronology};
use chrono::NaiveDate;
use rusqlite::params;

/// What to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerChanges {
    pub name: Option<String>,
    pub stage: Option<Stage>,
    pub signed_on: Option<NaiveDate>,
    pub update_every_days: Option<u32>,
    pub desired_outcome: Option<String>,
    pub their_goals: Option<String>,
    pub their_constraints: Option<String>,
    pub owner: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
}

impl PartnerChanges {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == PartnerChanges::default()
    }
}

impl Store {
    /// Applies `changes` to partner `id` on `today`. Signing (stage `signed`) without a signing
    /// day records today; a signing day is never after today. Ending goes through
    /// [`Store::end_partner`], which records the reason. Returns the event id.
    pub fn change_partner(
        &mut self,
        id: i64,
        changes: &PartnerChanges,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        if changes.is_empty() {
            return Err(StoreError::Invalid(
                "nothing to change: give at least one field to edit".into(),
            ));
        }
        if changes.stage == Some(Stage::Ended) {
            return Err(StoreError::Invalid(
                "a partnership ends with `partner end NAME --reason TEXT`, which records why"
                    .into(),
            ));
        }
        if let Some(on) = changes.signed_on {
            chronology::not_after_today("signing day", on, today).map_err(StoreError::Invalid)?;
        }
        let name = changes.name.as_deref().map(check_name).transpose()?;
        let texts = [
            ("desired outcome", &changes.desired_outcome),
            ("their goals", &changes.their_goals),
            ("their constraints", &changes.their_constraints),
            ("owner", &changes.owner),
        ];
        let mut checked = Vec::new();
        for (field, value) in texts {
            checked.push(value.as_deref().map(|v| check_text(field, v)).transpose()?);
        }
        let tags = changes
            .add_tags
            .iter()
            .map(|t| limits::check("tag", t, TAG_MAX, true).map_err(StoreError::Invalid))
            .collect::<StoreResult<Vec<_>>>()?;
        self.write("changing a partner", |tx, who| {
            let mut before = partner_in(tx, id)?;
            before.tags = tags_in(tx, id)?;
            if before.stage == Stage::Ended {
                return Err(StoreError::Invalid(format!(
                    "{} has ended; its record stays as it was",
                    before.name
                )));
            }
            if let Some(name) = &name {
                name_taken(tx, name, id)?;
            }
            let stage = changes.stage.unwrap_or(before.stage);
            let signed_on = match (stage, changes.signed_on, before.signed_on) {
                (_, Some(on), _) => Some(on),
                (Stage::Signed, None, None) => Some(today),
                (_, None, kept) => kept,
            };
            tx.execute(
                "UPDATE partner SET name = ?2, stage = ?3, signed_on = ?4, update_every_days = ?5,
                 desired_outcome = ?6, their_goals = ?7, their_constraints = ?8, owner = ?9,
                 version = version + 1 WHERE id = ?1",
                params![
                    id,
                    name.as_deref().unwrap_or(&before.name),
                    stage,
                    signed_on,
                    changes
                        .update_every_days
                        .unwrap_or(before.update_every_days),
                    checked[0].as_deref().unwrap_or(&before.desired_outcome),
                    checked[1].as_deref().unwrap_or(&before.their_goals),
                    checked[2].as_deref().unwrap_or(&before.their_constraints),
                    checked[3].as_deref().unwrap_or(&before.owner),
                ],
            )
            .map_err(StoreError::sql("changing a partner"))?;
            for tag in &tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)",
                    params![id, tag],
                )
                .map_err(StoreError::sql("tagging a partner"))?;
            }
            for tag in &changes.remove_tags {
                tx.execute(
                    "DELETE FROM tag WHERE partner_id = ?1 AND tag = ?2",
                    params![id, tag],
                )
                .map_err(StoreError::sql("untagging a partner"))?;
            }
            let mut what = Vec::new();
            if stage != before.stage {
                what.push(format!("stage {} → {stage}", before.stage));
            }
            if signed_on != before.signed_on {
                what.push(format!(
                    "signed on {}",
                    signed_on.map_or("none".to_string(), |d| d.to_string())
                ));
            }
            let summary = if what.is_empty() {
                format!(
                    "changed partner {}",
                    name.as_deref().unwrap_or(&before.name)
                )
            } else {
                format!(
                    "changed partner {}: {}",
                    name.as_deref().unwrap_or(&before.name),
                    what.join(", ")
                )
            };
            let undo = UndoStep::RestorePartner {
                after_version: before.version + 1,
                before: Box::new(before),
            };
            record(tx, who, "edit", "partner", id, &summary, Some(&undo))
        })
    }
}

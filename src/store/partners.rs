//! Partners, their tags and their contacts.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, record};
use crate::domain::limits::{self, NAME_MAX, TAG_MAX, TEXT_MAX};
use crate::domain::resolve::resolve_partner;
use crate::domain::{Partner, Stage};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// What is needed to add a partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPartner {
    pub name: String,
    pub stage: Stage,
    pub signed_on: Option<NaiveDate>,
    pub update_every_days: u32,
    pub desired_outcome: String,
    pub their_goals: String,
    pub their_constraints: String,
    pub tags: Vec<String>,
    pub created_on: NaiveDate,
}

impl NewPartner {
    /// A prospect with the default cadence of 14 days.
    pub fn named(name: &str, today: NaiveDate) -> NewPartner {
        NewPartner {
            name: name.to_string(),
            stage: Stage::Prospect,
            signed_on: None,
            update_every_days: 14,
            desired_outcome: String::new(),
            their_goals: String::new(),
            their_constraints: String::new(),
            tags: Vec::new(),
            created_on: today,
        }
    }
}

/// The editable fields of a partner, checked against the version that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEdit {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub stage: Stage,
    pub signed_on: Option<NaiveDate>,
    pub update_every_days: u32,
    pub desired_outcome: String,
    pub their_goals: String,
    pub their_constraints: String,
    pub owner: String,
    /// The whole set of tags after the edit.
    pub tags: Vec<String>,
}

fn partner_row(r: &Row<'_>) -> rusqlite::Result<Partner> {
    let tags: Option<String> = r.get(13)?;
    Ok(Partner {
        id: r.get(0)?,
        name: r.get(1)?,
        stage: r.get(2)?,
        signed_on: r.get(3)?,
        desired_outcome: r.get(4)?,
        their_goals: r.get(5)?,
        their_constraints: r.get(6)?,
        update_every_days: r.get(7)?,
        owner: r.get(8)?,
        ended_on: r.get(9)?,
        end_reason: r.get(10)?,
        created_on: r.get(11)?,
        version: r.get(12)?,
        tags: tags
            .map(|t| t.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

pub(super) fn check_name(name: &str) -> StoreResult<String> {
    limits::check("partner name", name, NAME_MAX, true).map_err(StoreError::Invalid)
}

pub(super) fn check_text(field: &str, value: &str) -> StoreResult<String> {
    limits::check(field, value, TEXT_MAX, false).map_err(StoreError::Invalid)
}

pub(super) fn name_taken(tx: &Transaction<'_>, name: &str, except: i64) -> StoreResult<()> {
    let other: Option<String> = tx
        .query_row(
            "SELECT name FROM partner WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()
        .map_err(StoreError::sql("checking the partner name"))?;
    match other {
        Some(existing) => Err(StoreError::Invalid(format!(
            "a partner named {} already exists",
            crate::domain::text::quoted(&existing)
        ))),
        None => Ok(()),
    }
}

impl Store {
    /// Adds a partner owned by this session's user and returns its id.
    pub fn add_partner(&mut self, new: &NewPartner) -> StoreResult<i64> {
        let name = check_name(&new.name)?;
        let outcome = check_text("desired outcome", &new.desired_outcome)?;
        let goals = check_text("their goals", &new.their_goals)?;
        let constraints = check_text("their constraints", &new.their_constraints)?;
        let tags = new
            .tags
            .iter()
            .map(|t| limits::check("tag", t, TAG_MAX, true).map_err(StoreError::Invalid))
            .collect::<StoreResult<Vec<_>>>()?;
        self.write("adding a partner", |tx, who| {
            name_taken(tx, &name, 0)?;
            tx.execute(
                "INSERT INTO partner (name, stage, signed_on, desired_outcome, their_goals,
                 their_constraints, update_every_days, owner, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    name,
                    new.stage,
                    new.signed_on,
                    outcome,
                    goals,
                    constraints,
                    new.update_every_days,
                    who,
                    new.created_on
                ],
            )
            .map_err(StoreError::sql("adding a partner"))?;
            let id = tx.last_insert_rowid();
            for tag in &tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)",
                    params![id, tag],
                )
                .map_err(StoreError::sql("tagging a partner"))?;
            }
            let undo = UndoStep::Delete {
                entity: "partner".into(),
                id,
                version: 1,
            };
            record(
                tx,
                who,
                "add",
                "partner",
                id,
                &format!("added partner {name}"),
                Some(&undo),
            )?;
            Ok(id)
        })
    }

    /// Changes every editable field of a partner (its tags replaced by the edit's); a stale
    /// `version` is a conflict. Ending goes through [`Store::end_partner`]. Returns the event id.
    pub fn edit_partner(&mut self, edit: &PartnerEdit) -> StoreResult<i64> {
        let name = check_name(&edit.name)?;
        let outcome = check_text("desired outcome", &edit.desired_outcome)?;
        let goals = check_text("their goals", &edit.their_goals)?;
        let constraints = check_text("their constraints", &edit.their_constraints)?;
        let owner = check_text("owner", &edit.owner)?;
        let tags = edit
            .tags
            .iter()
            .map(|t| limits::check("tag", t, TAG_MAX, true).map_err(StoreError::Invalid))
            .collect::<StoreResult<Vec<_>>>()?;
        if edit.stage == Stage::Ended {
            return Err(StoreError::Invalid(
                "a partnership ends with its own command, which records why".into(),
            ));
        }
        self.write("changing a partner", |tx, who| {
            let mut before = partner_in(tx, edit.id)?;
            if before.version != edit.version {
                return Err(conflict("partner", &before.name));
            }
            if before.stage == Stage::Ended {
                return Err(StoreError::Invalid(format!(
                    "{} has ended; its record stays as it was",
                    before.name
                )));
            }
            name_taken(tx, &name, edit.id)?;
            before.tags = tags_in(tx, edit.id)?;
            tx.execute(
                "UPDATE partner SET name = ?2, stage = ?3, signed_on = ?4, update_every_days = ?5,
                 desired_outcome = ?6, their_goals = ?7, their_constraints = ?8, owner = ?9,
                 version = version + 1 WHERE id = ?1",
                params![
                    edit.id,
                    name,
                    edit.stage,
                    edit.signed_on,
                    edit.update_every_days,
                    outcome,
                    goals,
                    constraints,
                    owner
                ],
            )
            .map_err(StoreError::sql("changing a partner"))?;
            set_tags(tx, edit.id, &tags)?;
            let undo = UndoStep::RestorePartner {
                after_version: before.version + 1,
                before: Box::new(before),
            };
            record(
                tx,
                who,
                "edit",
                "partner",
                edit.id,
                &format!("changed partner {name}"),
                Some(&undo),
            )
        })
    }

    /// Records the end of a partnership and the reason given to them. Returns the event id.
    pub fn end_partner(&mut self, id: i64, on: NaiveDate, reason: &str) -> StoreResult<i64> {
        let reason =
            limits::check("reason", reason, TEXT_MAX, true).map_err(StoreError::Invalid)?;
        self.write("ending a partnership", |tx, who| {
            let mut before = partner_in(tx, id)?;
            before.tags = tags_in(tx, id)?;
            if before.stage == Stage::Ended {
                return Err(StoreError::Invalid(format!(
                    "{} has already ended",
                    before.name
                )));
            }
            tx.execute(
                "UPDATE partner SET stage = 'ended', ended_on = ?2, end_reason = ?3,
                 version = version + 1 WHERE id = ?1",
                params![id, on, reason],
            )
            .map_err(StoreError::sql("ending a partnership"))?;
            let text = format!("ended partnership with {}", before.name);
            let undo = UndoStep::RestorePartner {
                after_version: before.version + 1,
                before: Box::new(before),
            };
            record(tx, who, "end", "partner", id, &text, Some(&undo))
        })
    }

    /// One partner by id.
    pub fn partner(&self, id: i64) -> StoreResult<Partner> {
        let mut stmt = self
            .conn
            .prepare_cached(PARTNER_BY_ID)
            .map_err(StoreError::sql("reading a partner"))?;
        stmt.query_row([id], partner_row)
            .optional()
            .map_err(StoreError::sql("reading a partner"))?
            .ok_or_else(|| StoreError::NotFound(format!("no partner with id {id}")))
    }

    /// Every partner by name, ended ones only when asked.
    pub fn partners(&self, include_ended: bool) -> StoreResult<Vec<Partner>> {
        let mut stmt = self
            .conn
            .prepare_cached(PARTNERS_ALL)
            .map_err(StoreError::sql("listing partners"))?;
        stmt.query_map([include_ended], partner_row)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("listing partners"))
    }

    /// The signing day of every signed partner: when its update cadence starts.
    pub fn signing_days(&self) -> StoreResult<std::collections::HashMap<i64, NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, signed_on FROM partner WHERE stage = 'signed' AND signed_on IS NOT NULL",
            )
            .map_err(StoreError::sql("reading signing days"))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("reading signing days"))
    }

    /// Finds a partner by id, exact name or unique case-insensitive prefix.
    pub fn resolve_partner(&self, query: &str) -> StoreResult<i64> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM partner ORDER BY name COLLATE NOCASE")
            .map_err(StoreError::sql("finding a partner"))?;
        let names: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("finding a partner"))?;
        resolve_partner(query, &names).map_err(StoreError::NotFound)
    }
}

const PARTNER_BY_ID: &str = "SELECT id, name, stage, signed_on, desired_outcome, their_goals, their_constraints, \
     update_every_days, owner, ended_on, end_reason, created_on, version, \
     (SELECT group_concat(tag, ',') FROM (SELECT tag FROM tag WHERE partner_id = partner.id ORDER BY tag)) \
     FROM partner WHERE id = ?1";

const PARTNERS_ALL: &str = "SELECT id, name, stage, signed_on, desired_outcome, their_goals, their_constraints, \
     update_every_days, owner, ended_on, end_reason, created_on, version, \
     (SELECT group_concat(tag, ',') FROM (SELECT tag FROM tag WHERE partner_id = partner.id ORDER BY tag)) \
     FROM partner WHERE ?1 OR stage <> 'ended' ORDER BY name COLLATE NOCASE";

pub(super) fn conflict(what: &str, name: &str) -> StoreError {
    StoreError::Conflict(format!(
        "someone else changed {what} {} since you opened it; reopen it to see their version",
        crate::domain::text::quoted(name)
    ))
}

/// Reads one partner inside a transaction.
pub(super) fn partner_in(tx: &Transaction<'_>, id: i64) -> StoreResult<Partner> {
    tx.query_row(PARTNER_BY_ID, [id], partner_row)
        .optional()
        .map_err(StoreError::sql("reading a partner"))?
        .ok_or_else(|| StoreError::NotFound(format!("no partner with id {id}")))
}

/// A partner's tags straight from the table (the joined list would split a tag holding a comma).
pub(super) fn tags_in(tx: &Transaction<'_>, id: i64) -> StoreResult<Vec<String>> {
    let mut stmt = tx
        .prepare_cached("SELECT tag FROM tag WHERE partner_id = ?1 ORDER BY tag")
        .map_err(StoreError::sql("reading tags"))?;
    stmt.query_map([id], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("reading tags"))
}

/// Replaces a partner's tags with `tags`.
pub(super) fn set_tags(tx: &Transaction<'_>, id: i64, tags: &[String]) -> StoreResult<()> {
    tx.execute("DELETE FROM tag WHERE partner_id = ?1", [id])
        .map_err(StoreError::sql("tagging a partner"))?;
    for tag in tags {
        tx.execute(
            "INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)",
            params![id, tag],
        )
        .map_err(StoreError::sql("tagging a partner"))?;
    }
    Ok(())
}

/// Puts a partner's earlier fields back (undo), if nobody changed it since: its owner and
/// tags too.
pub(super) fn restore(tx: &Transaction<'_>, p: &Partner, after_version: i64) -> StoreResult<usize> {
    let n = tx
        .execute(
            "UPDATE partner SET name = ?2, stage = ?3, signed_on = ?4, desired_outcome = ?5,
         their_goals = ?6, their_constraints = ?7, update_every_days = ?8, ended_on = ?9,
         end_reason = ?10, owner = ?12, version = version + 1 WHERE id = ?1 AND version = ?11",
            params![
                p.id,
                p.name,
                p.stage,
                p.signed_on,
                p.desired_outcome,
                p.their_goals,
                p.their_constraints,
                p.update_every_days,
                p.ended_on,
                p.end_reason,
                after_version,
                p.owner
            ],
        )
        .map_err(StoreError::sql("undoing a partner change"))?;
    if n > 0 {
        set_tags(tx, p.id, &p.tags)?;
    }
    Ok(n)
}

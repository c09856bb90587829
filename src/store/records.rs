//! Touches and problems, and the inputs for adding records.

use super::Store;
use super::convert::{self, problem_cols, touch_cols};
use super::error::{StoreError, StoreResult};
use super::events::{UndoStep, problem_in, record};
use super::partners::partner_in;
use crate::domain::chronology;
use crate::domain::limits::{self, LETTER_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::{Initiator, Origin, Problem, Side, Touch, TouchKind};
use chrono::NaiveDate;
use rusqlite::params;

/// One partner's touches, newest first: a backward walk of the touch_partner index that stops
/// at the limit or at `since` (`''` sorts before every day, so no `since` reads them all).
pub(super) const PARTNER_TOUCHES_SQL: &str = concat!(
    "SELECT ",
    touch_cols!(),
    " FROM touch WHERE partner_id = ?1 AND on_day >= coalesce(?2, '')
     ORDER BY on_day DESC, id DESC LIMIT ?3"
);

/// Touches of every partner (`?1` is NULL).
const ALL_TOUCHES_SQL: &str = concat!(
    "SELECT ",
    touch_cols!(),
    " FROM touch WHERE ?1 IS NULL AND (?2 IS NULL OR on_day >= ?2)
     ORDER BY on_day DESC, id DESC LIMIT ?3"
);

/// What is needed to add a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommitment {
    pub partner_id: i64,
    pub side: Side,
    pub title: String,
    pub detail: String,
    pub made_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub ongoing: bool,
    pub origin: Origin,
}

/// What is needed to log a touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTouch {
    pub partner_id: i64,
    pub on: NaiveDate,
    pub kind: TouchKind,
    pub initiated_by: Initiator,
    pub summary: String,
    pub bad_news: bool,
}

/// What is needed to open a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProblem {
    pub partner_id: i64,
    pub opened_on: NaiveDate,
    pub summary: String,
    pub severity: u8,
    pub reaction: u8,
}

impl Store {
    /// Logs a touch (on a day no later than `today`) and returns its id.
    pub fn add_touch(&mut self, new: &NewTouch, today: NaiveDate) -> StoreResult<i64> {
        self.add_touch_with_text(new, "", today)
    }

    /// Logs a touch with its whole text kept beside the summary (an update as it was sent).
    pub fn add_touch_with_text(
        &mut self,
        new: &NewTouch,
        body: &str,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        let summary =
            limits::check("summary", &new.summary, TEXT_MAX, true).map_err(StoreError::Invalid)?;
        let body = limits::check("text", body, LETTER_MAX, false).map_err(StoreError::Invalid)?;
        chronology::not_after_today("touch day", new.on, today).map_err(StoreError::Invalid)?;
        self.write("logging a touch", |tx, who| {
            let partner = partner_in(tx, new.partner_id)?;
            tx.execute(
                "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary, bad_news, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    new.partner_id,
                    new.on,
                    new.kind,
                    new.initiated_by,
                    summary,
                    new.bad_news,
                    body
                ],
            )
            .map_err(StoreError::sql("logging a touch"))?;
            let id = tx.last_insert_rowid();
            let undo = UndoStep::Delete {
                entity: "touch".into(),
                id,
                version: 1,
            };
            let text = format!("logged {} with {}", new.kind, partner.name);
            record(tx, who, "add", "touch", id, &text, Some(&undo))?;
            Ok(id)
        })
    }

    /// Touches, newest first, optionally of one partner and since a day.
    pub fn touches(
        &self,
        partner_id: Option<i64>,
        since: Option<NaiveDate>,
        limit: u32,
    ) -> StoreResult<Vec<Touch>> {
        let sql = if partner_id.is_some() {
            PARTNER_TOUCHES_SQL
        } else {
            ALL_TOUCHES_SQL
        };
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(StoreError::sql("listing touches"))?;
        stmt.query_map(params![partner_id, since, limit], convert::touch)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("listing touches"))
    }

    /// Opens a problem (on a day no later than `today`) and returns its id.
    pub fn add_problem(&mut self, new: &NewProblem, today: NaiveDate) -> StoreResult<i64> {
        let summary =
            limits::check("summary", &new.summary, TITLE_MAX, true).map_err(StoreError::Invalid)?;
        let severity =
            limits::check_rating("severity", new.severity.into()).map_err(StoreError::Invalid)?;
        let reaction =
            limits::check_rating("reaction", new.reaction.into()).map_err(StoreError::Invalid)?;
        chronology::not_after_today("problem day", new.opened_on, today)
            .map_err(StoreError::Invalid)?;
        self.write("opening a problem", |tx, who| {
            let partner = partner_in(tx, new.partner_id)?;
            tx.execute(
                "INSERT INTO problem (partner_id, opened_on, summary, severity, reaction)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![new.partner_id, new.opened_on, summary, severity, reaction],
            )
            .map_err(StoreError::sql("opening a problem"))?;
            let id = tx.last_insert_rowid();
            let undo = UndoStep::Delete {
                entity: "problem".into(),
                id,
                version: 1,
            };
            let text = format!(
                "opened problem {} with {}",
                crate::domain::text::quoted(&summary),
                partner.name
            );
            record(tx, who, "add", "problem", id, &text, Some(&undo))?;
            Ok(id)
        })
    }

    /// Records the brave conversation about a problem, once: on a day between the problem's
    /// and `today`. Returns the event id.
    pub fn brave_conversation(
        &mut self,
        id: i64,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        let note = limits::check("note", note, TEXT_MAX, false).map_err(StoreError::Invalid)?;
        self.change_problem(id, "brave", |p| {
            if let Some(had) = p.brave_conversation_on {
                return Err(format!(
                    "problem {id}: the brave conversation is already recorded (on {had}): \
                     nothing changed"
                ));
            }
            chronology::follows(
                "brave conversation day",
                on,
                "problem day",
                p.opened_on,
                today,
            )?;
            p.brave_conversation_on = Some(on);
            p.brave_note = note.clone();
            Ok(format!(
                "had the brave conversation about {}",
                crate::domain::text::quoted(&p.summary)
            ))
        })
    }

    /// Marks a problem resolved, once: on a day between the problem's and `today`. Returns the
    /// event id.
    pub fn resolve_problem(
        &mut self,
        id: i64,
        on: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<i64> {
        self.change_problem(id, "resolve", |p| {
            if let Some(had) = p.resolved_on {
                return Err(format!(
                    "problem {id} is already resolved (on {had}): nothing changed"
                ));
            }
            chronology::follows("resolved day", on, "problem day", p.opened_on, today)?;
            p.resolved_on = Some(on);
            Ok(format!(
                "resolved problem {}",
                crate::domain::text::quoted(&p.summary)
            ))
        })
    }

    /// Applies `change` to a problem; it returns the event's text, or why it refuses.
    fn change_problem(
        &mut self,
        id: i64,
        action: &'static str,
        change: impl FnOnce(&mut Problem) -> Result<String, String>,
    ) -> StoreResult<i64> {
        self.write("changing a problem", |tx, who| {
            let before = problem_in(tx, id)?;
            let mut after = before.clone();
            let text = change(&mut after).map_err(StoreError::Invalid)?;
            tx.execute(
                "UPDATE problem SET brave_conversation_on = ?2, brave_note = ?3, resolved_on = ?4,
                 version = version + 1 WHERE id = ?1",
                params![
                    id,
                    after.brave_conversation_on,
                    after.brave_note,
                    after.resolved_on
                ],
            )
            .map_err(StoreError::sql("changing a problem"))?;
            let undo = UndoStep::RestoreProblem {
                after_version: before.version + 1,
                before,
            };
            record(tx, who, action, "problem", id, &text, Some(&undo))
        })
    }

    /// Problems of a partner (or all), open ones first, newest first.
    pub fn problems(&self, partner_id: Option<i64>, open_only: bool) -> StoreResult<Vec<Problem>> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT ",
                problem_cols!(),
                " FROM problem WHERE partner_id BETWEEN ?1 AND ?2
                   AND (?3 = 0 OR resolved_on IS NULL)
                 ORDER BY resolved_on IS NOT NULL, opened_on DESC, id DESC"
            ))
            .map_err(StoreError::sql("listing problems"))?;
        // A range, not `?1 IS NULL OR`, so one partner's problems are found through the index.
        let (lo, hi) = partner_id.map_or((i64::MIN, i64::MAX), |id| (id, id));
        stmt.query_map(params![lo, hi, open_only], convert::problem)
            .and_then(|rows| rows.collect())
            .map_err(StoreError::sql("listing problems"))
    }
}

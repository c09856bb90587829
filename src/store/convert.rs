//! The domain's words as SQLite text, and rows as domain types.

use crate::domain::{
    Commitment, Initiator, Origin, Problem, Side, Slip, Stage, Status, Touch, TouchKind, Verdict,
};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! sql_word {
    ($($t:ty),+) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|e: String| FromSqlError::Other(e.into()))
            }
        }
    )+};
}

sql_word!(Stage, Side, Status, Origin, TouchKind, Initiator, Verdict);

/// Columns read by [`commitment`], in order, as a literal for `concat!`.
macro_rules! commitment_cols {
    () => {
        "id, partner_id, side, title, detail, made_on, due_on, ongoing, origin, status, closed_on, owner, version, original_due_on, slipped_due_on, slipped_on"
    };
    (c) => {
        "c.id, c.partner_id, c.side, c.title, c.detail, c.made_on, c.due_on, c.ongoing, c.origin, c.status, c.closed_on, c.owner, c.version, c.original_due_on, c.slipped_due_on, c.slipped_on"
    };
}
pub(crate) use commitment_cols;

/// How many columns `commitment_cols!()` selects: a column selected after them is at
/// `start + COMMITMENT_COLS`.
pub const COMMITMENT_COLS: usize = 16;

/// A commitment from a row selected with `commitment_cols!()`.
pub fn commitment(r: &Row<'_>) -> rusqlite::Result<Commitment> {
    commitment_at(r, 0)
}

/// A commitment whose `commitment_cols!()` start at column `at`.
pub fn commitment_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Commitment> {
    Ok(Commitment {
        id: r.get(at)?,
        partner_id: r.get(at + 1)?,
        side: r.get(at + 2)?,
        title: r.get(at + 3)?,
        detail: r.get(at + 4)?,
        made_on: r.get(at + 5)?,
        due_on: r.get(at + 6)?,
        ongoing: r.get(at + 7)?,
        origin: r.get(at + 8)?,
        status: r.get(at + 9)?,
        closed_on: r.get(at + 10)?,
        owner: r.get(at + 11)?,
        version: r.get(at + 12)?,
        slip: match (r.get(at + 13)?, r.get(at + 14)?, r.get(at + 15)?) {
            (Some(original_due_on), Some(missed_due_on), Some(redated_on)) => Some(Slip {
                original_due_on,
                missed_due_on,
                redated_on,
            }),
            _ => None,
        },
    })
}

/// Columns read by [`touch`], in order, as a literal for `concat!`.
macro_rules! touch_cols {
    () => {
        "id, partner_id, on_day, kind, initiated_by, summary, bad_news, version, body"
    };
}
pub(crate) use touch_cols;

/// A touch from a row selected with `touch_cols!()`.
pub fn touch(r: &Row<'_>) -> rusqlite::Result<Touch> {
    Ok(Touch {
        id: r.get(0)?,
        partner_id: r.get(1)?,
        on: r.get(2)?,
        kind: r.get(3)?,
        initiated_by: r.get(4)?,
        summary: r.get(5)?,
        bad_news: r.get(6)?,
        version: r.get(7)?,
        body: r.get(8)?,
    })
}

/// Columns read by [`problem`], in order, as a literal for `concat!`.
macro_rules! problem_cols {
    () => {
        "id, partner_id, opened_on, summary, severity, reaction, brave_conversation_on, brave_note, resolved_on, version"
    };
    (x) => {
        "x.id, x.partner_id, x.opened_on, x.summary, x.severity, x.reaction, x.brave_conversation_on, x.brave_note, x.resolved_on, x.version"
    };
}
pub(crate) use problem_cols;

/// A problem from a row selected with `problem_cols!()`.
pub fn problem(r: &Row<'_>) -> rusqlite::Result<Problem> {
    problem_at(r, 0)
}

/// A problem whose `problem_cols!()` start at column `at`.
pub fn problem_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Problem> {
    Ok(Problem {
        id: r.get(at)?,
        partner_id: r.get(at + 1)?,
        opened_on: r.get(at + 2)?,
        summary: r.get(at + 3)?,
        severity: r.get(at + 4)?,
        reaction: r.get(at + 5)?,
        brave_conversation_on: r.get(at + 6)?,
        brave_note: r.get(at + 7)?,
        resolved_on: r.get(at + 8)?,
        version: r.get(at + 9)?,
    })
}

/// A day bound as `YYYY-MM-DD` text by chrono's `Display`: rusqlite's own binding of a date
/// parses a strftime pattern for every value, which shows in an import of a million rows.
pub struct Day(pub Option<chrono::NaiveDate>);

impl rusqlite::ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(match self.0 {
            Some(day) => rusqlite::types::ToSqlOutput::from(day.to_string()),
            None => rusqlite::types::ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

//! Whether a database holds the whole pactum schema: every table, index and trigger exactly as
//! the migrations make them, and no record pointing at one that is not there.

use super::error::{StoreError, StoreResult};
use super::schema;
use rusqlite::Connection;

/// One schema object: (type, name, table, SQL).
type Object = (String, String, String, Option<String>);

fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', type, name",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// The schema of the latest version, as the migrations build it from nothing.
fn reference() -> StoreResult<Vec<Object>> {
    let sql = StoreError::sql("building the reference schema");
    let conn = Connection::open_in_memory().map_err(&sql)?;
    for step in schema::MIGRATIONS {
        conn.execute_batch(step).map_err(&sql)?;
    }
    objects(&conn).map_err(sql)
}

/// Why `conn` (at the latest schema version) is not a whole pactum book, or `None` when it is:
/// a table, index or trigger missing, changed or added, or a record whose partner, commitment
/// … is not there.
pub(super) fn problem(conn: &Connection) -> StoreResult<Option<String>> {
    let unreadable = |_| StoreError::Invalid("SQLite cannot read its schema".into());
    let found = objects(conn).map_err(unreadable)?;
    let wanted = reference()?;
    if let Some(w) = wanted.iter().find(|w| !found.iter().any(|f| f.1 == w.1)) {
        return Ok(Some(format!("its {} {} is missing", w.0, w.1)));
    }
    if let Some(w) = wanted.iter().find(|w| !found.contains(w)) {
        return Ok(Some(format!("its {} {} is not pactum's", w.0, w.1)));
    }
    if let Some(f) = found.iter().find(|f| !wanted.contains(f)) {
        return Ok(Some(format!(
            "it has a {} {} pactum does not make",
            f.0, f.1
        )));
    }
    let orphan: Option<String> = conn
        .prepare("SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(unreadable)?;
    Ok(orphan.map(|table| format!("a {table} record points at one that is not there")))
}

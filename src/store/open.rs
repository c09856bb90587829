//! Creating, checking and migrating a book file.

use super::error::{StoreError, StoreResult};
use super::schema;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

/// The first 16 bytes of every SQLite database file.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for another session before reporting the book busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the book, creating it privately when missing, and brings its schema up to date.
pub fn connect(path: &Path) -> StoreResult<Connection> {
    let io = |e| StoreError::Io(path.to_path_buf(), e);
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(StoreError::NotABook(
                path.to_path_buf(),
                "it is a symbolic link",
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::NotABook(
                path.to_path_buf(),
                "it is a directory",
            ));
        }
        Ok(meta) if meta.len() > 0 => check_magic(path)?,
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => create_private(path).map_err(io)?,
        Err(e) => return Err(io(e)),
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(StoreError::sql("opening the book"))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(StoreError::sql("setting the busy timeout"))?;
    check_is_ours(&conn, path)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(StoreError::sql("switching the book to WAL"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Invalid(format!(
            "{} could not be put in WAL mode (it stayed {mode})",
            path.display()
        )));
    }
    // synchronous = FULL: in WAL mode every commit is fsynced, so an acknowledged write survives
    // a power cut, not only a crash of pactum. Writes are rare and small; the cost is invisible.
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        .map_err(StoreError::sql("configuring the book"))?;
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .map_err(StoreError::sql("checking foreign keys"))?;
    if fk != 1 {
        return Err(StoreError::Invalid(
            "foreign keys could not be enabled".into(),
        ));
    }
    migrate(conn, path)
}

fn check_magic(path: &Path) -> StoreResult<()> {
    let mut head = [0u8; 16];
    let mut file = fs::File::open(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    let n = file
        .read(&mut head)
        .map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    if n < 16 || &head != MAGIC {
        return Err(StoreError::NotABook(
            path.to_path_buf(),
            "it is not an SQLite database",
        ));
    }
    Ok(())
}

/// Creates the directory (0700) and an empty file (0600) before SQLite sees it.
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        fs::create_dir_all(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        // Another process starting at the same moment created it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        other => other.map(drop),
    }
}

/// Refuses SQLite files that hold someone else's tables, before anything is written to them.
fn check_is_ours(conn: &Connection, path: &Path) -> StoreResult<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| StoreError::NotABook(path.to_path_buf(), "SQLite cannot read it"))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )
        .map_err(|_| StoreError::NotABook(path.to_path_buf(), "SQLite cannot read it"))?;
    if version == 0 && tables > 0 {
        return Err(StoreError::NotABook(
            path.to_path_buf(),
            "it is an SQLite database of another program",
        ));
    }
    let known = schema::latest();
    if version > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known,
        });
    }
    Ok(())
}

/// Applies missing migrations inside one immediate transaction: the write lock makes concurrent
/// starters wait, and the version is re-read under it, so a book is migrated exactly once.
fn migrate(mut conn: Connection, path: &Path) -> StoreResult<Connection> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(StoreError::sql("locking the book to migrate it"))?;
    let current: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(StoreError::sql("reading the schema version"))?;
    let known = schema::latest();
    if current > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    for (index, step) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(step)
            .map_err(StoreError::sql("migrating the book"))?;
        // PRAGMA cannot take a bound parameter; the value is our own integer, not input.
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(StoreError::sql("recording the schema version"))?;
    }
    tx.commit().map_err(StoreError::sql("migrating the book"))?;
    Ok(conn)
}

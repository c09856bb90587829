//! Creating, checking and migrating a book file. Every connection is set up the same way:
//! busy handler first, then WAL checked, foreign keys checked on, `synchronous = FULL`.

use super::error::{StoreError, StoreResult};
use super::place::{self, BookOptions, MigrationLock};
use super::schema;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// The first 16 bytes of every SQLite database file.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Opens the book, creating it (privately, or group-shared in a team directory) when missing,
/// and brings its schema up to date. Returns the connection and one-line warnings to show.
pub fn connect(path: &Path, options: &BookOptions) -> StoreResult<(Connection, Vec<String>)> {
    let io = |e| StoreError::Io(path.to_path_buf(), e);
    let mut warnings = Vec::new();
    place::guard(path)?;
    place::refuse_read_only_companions(path)?;
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
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Some(w) = place::check_filesystem(path, options)? {
                warnings.push(w);
            }
            place::create_book(path).map_err(io)?;
        }
        Err(e) => return Err(io(e)),
    }
    if warnings.is_empty()
        && let Some(w) = place::check_filesystem(path, options)?
    {
        warnings.push(w);
    }
    warnings.extend(place::permission_warning(path));
    let claimed = place::claim_companions(path)?;
    let opened = open_checked(path, options);
    if opened.is_err() {
        // Only the empty files made just now: SQLite has not used them.
        for file in claimed {
            if fs::metadata(&file).is_ok_and(|m| m.len() == 0) {
                let _ = fs::remove_file(file);
            }
        }
    }
    opened.map(|conn| (conn, warnings))
}

/// [`connect`] for a restore: a book found damaged is still opened (the restore replaces its
/// pages whole); the flag says it was.
pub fn connect_to_repair(
    path: &Path,
    options: &BookOptions,
) -> StoreResult<(Connection, Vec<String>, bool)> {
    match connect(path, options) {
        Ok((conn, warnings)) => Ok((conn, warnings, false)),
        Err(StoreError::Damaged) => {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_NOFOLLOW,
            )
            .map_err(StoreError::sql("opening the book"))?;
            Ok((conn, Vec::new(), true))
        }
        Err(e) => Err(e),
    }
}

fn open_checked(path: &Path, options: &BookOptions) -> StoreResult<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW,
    )
    .map_err(StoreError::sql("opening the book"))?;
    // Busy timeout first, so every later statement waits instead of failing; then the checks
    // that read only, before anything is written to a file that may not be ours.
    wait_when_busy(&mut conn, options.busy_timeout)?;
    // Room for every statement pactum prepares, so none is compiled again (with its triggers)
    // for each row of a long import.
    conn.set_prepared_statement_cache_capacity(128);
    // Each b-tree page is checked more closely as it is read, so a damaged page is reported
    // (and never written onto) rather than followed.
    conn.pragma_update(None, "cell_size_check", true)
        .map_err(StoreError::sql("configuring the book"))?;
    check_is_ours(&conn, path)?;
    configure(&conn, path, options)?;
    migrate(&mut conn, path, options)?;
    Ok(conn)
}

/// Waits up to `timeout` for a lock held by another session, in short naps (1–3 ms). SQLite's
/// own busy timeout backs off to 100 ms naps, so a session that has waited a while sleeps
/// through the moments the lock is free and others keep winning: with eight busy writers some
/// writes starved past 5 s. With short naps every waiter has an even chance at each release.
fn wait_when_busy(conn: &mut Connection, timeout: Duration) -> StoreResult<()> {
    let mut started = Instant::now();
    conn.busy_handler(Some(move |count: i32| {
        let now = Instant::now();
        if count == 0 {
            started = now;
        }
        if now.duration_since(started) >= timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(
            1 + u64::from(count.unsigned_abs() % 3),
        ));
        true
    }))
    .map_err(StoreError::sql("setting the busy timeout"))
}

/// WAL, foreign keys and durability, each checked rather than assumed.
fn configure(conn: &Connection, path: &Path, options: &BookOptions) -> StoreResult<()> {
    let mut mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(StoreError::sql("reading the book's journal mode"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // A new book. Switching needs the file to itself, and two sessions switching at once
        // would each hold a read lock the other waits on: SQLite answers one of them "busy" at
        // once rather than deadlock. So the switch is made under the migration lock, in turn.
        let _lock = MigrationLock::acquire(path, options.busy_timeout)?;
        mode = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(StoreError::sql("switching the book to WAL"))?;
    }
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Invalid(format!(
            "{} could not be put in WAL mode (it stayed {mode})",
            path.display()
        )));
    }
    // synchronous = FULL: in WAL mode every commit is fsynced, so an acknowledged write survives
    // a power cut, not only a crash of pactum. Writes are rare and small; the cost is invisible.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
    )
    .map_err(StoreError::sql("configuring the book"))?;
    // One plan per statement, whatever its bound values: without this, on an analyzed book
    // (sqlite_stat4) every new binding of a date window expires the cached statement and SQLite
    // parses and plans it again on each run, which cost more than running it.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .map_err(StoreError::sql("configuring the book"))?;
    let (fk, sync): (i64, i64) = conn
        .query_row(
            "SELECT foreign_keys, synchronous FROM pragma_foreign_keys, pragma_synchronous",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(StoreError::sql("checking the connection settings"))?;
    if fk != 1 || sync != 2 {
        return Err(StoreError::Invalid(
            "foreign keys or synchronous = FULL could not be enabled".into(),
        ));
    }
    Ok(())
}

/// How long the check when a book is opened may take: about 20 ms per MB, so a book of up to
/// some 2 MB (thousands of records) is checked whole; a bigger one as far as it gets, since
/// every command and every start pays it (`pactum doctor` checks it all; damage met later
/// while reading is still reported and stops writes).
const CHECK_BUDGET: Duration = Duration::from_millis(40);

/// SQLite's `integrity_check` (every page, and every index against its table), cut short after
/// [`CHECK_BUDGET`]. True when it found the book damaged; a check cut short, or one that
/// found the book busy, found nothing.
pub(super) fn looks_damaged(conn: &Connection) -> StoreResult<bool> {
    let handle = conn.get_interrupt_handle();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let timer = std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(CHECK_BUDGET)
        {
            // A no-op when the check has just finished: no statement is running then.
            handle.interrupt();
        }
    });
    let result = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get::<_, String>(0));
    let _ = done.send(());
    let _ = timer.join();
    match result {
        Ok(verdict) => Ok(verdict != "ok"),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => {
            Ok(false)
        }
        Err(e) => match StoreError::sql("checking the book")(e) {
            StoreError::Damaged => Ok(true),
            StoreError::Busy => Ok(false),
            other => Err(other),
        },
    }
}

pub(super) fn check_magic(path: &Path) -> StoreResult<()> {
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

/// Refuses SQLite files that hold someone else's tables, before anything is written to them.
fn check_is_ours(conn: &Connection, path: &Path) -> StoreResult<()> {
    // One statement, so one snapshot: read apart, another process could commit its first
    // migration in between, and its tables would be seen with the version 0 read before them.
    let (version, tables): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM sqlite_schema
                      WHERE type = 'table' AND name NOT LIKE 'sqlite_%')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match StoreError::sql("reading the book")(e) {
            // Damaged, busy, or a file SQLite could not open: each says so. Only a file that
            // SQLite reads and finds to be no database is "not a pactum book".
            StoreError::Sqlite(..) => {
                StoreError::NotABook(path.to_path_buf(), "SQLite cannot read it")
            }
            other => other,
        })?;
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

/// Applies missing migrations. Processes that find the book old take `<book>.lock` in turn;
/// the one holding it migrates inside one immediate transaction and re-reads the version under
/// both locks, so a book is migrated exactly once however many processes start at once. Each
/// applied step from 2 on is recorded in `migration_log` with the process id.
pub(super) fn migrate(
    conn: &mut Connection,
    path: &Path,
    options: &BookOptions,
) -> StoreResult<()> {
    let known = schema::latest();
    if schema_version(conn)? == known {
        return Ok(());
    }
    let _lock = MigrationLock::acquire(path, options.busy_timeout)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(StoreError::sql("locking the book to migrate it"))?;
    let current = schema_version(&tx)?;
    if current > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    apply_steps(&tx, current)?;
    tx.commit().map_err(StoreError::sql("migrating the book"))
}

/// Migrates a copy no other process knows of (a backup checked before it is restored).
pub(super) fn migrate_private(conn: &mut Connection) -> StoreResult<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(StoreError::sql("migrating the copy"))?;
    let current = schema_version(&tx)?;
    apply_steps(&tx, current)?;
    tx.commit().map_err(StoreError::sql("migrating the copy"))
}

/// Applies the migrations after `current`, each recorded (from 3 on) in `migration_log`.
fn apply_steps(tx: &rusqlite::Transaction<'_>, current: i64) -> StoreResult<()> {
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for (index, step) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
        let version = index as i64 + 1;
        tx.execute_batch(step)
            .map_err(StoreError::sql("migrating the book"))?;
        // PRAGMA cannot take a bound parameter; the value is our own integer, not input.
        tx.pragma_update(None, "user_version", version)
            .map_err(StoreError::sql("recording the schema version"))?;
        if version >= schema::MIGRATION_LOG_SINCE {
            tx.execute(
                "INSERT INTO migration_log (version, applied_at, pid) VALUES (?1, ?2, ?3)",
                params![version, at, std::process::id()],
            )
            .map_err(StoreError::sql("recording the migration"))?;
        }
    }
    Ok(())
}

fn schema_version(conn: &Connection) -> StoreResult<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(StoreError::sql("reading the schema version"))
}

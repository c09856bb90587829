//! Backups and restores through SQLite's online backup API, so both work while other sessions
//! have the book open and write to it.

use super::error::{StoreError, StoreResult};
use super::events::record;
use super::{Store, open, place, schema, schema_check};
use crate::files::Staged;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a backup or restore keeps trying when the other side stays locked.
const RETRY_FOR: Duration = Duration::from_secs(10);

/// What a backup or a restore copied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Copied {
    /// The file written (the backup), or read (the restore).
    pub path: PathBuf,
    /// The schema version of the copy.
    pub schema_version: i64,
    /// Partners in the copy.
    pub partners: i64,
    /// Events in the copy's log.
    pub events: i64,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Restore only: where the book as it was before the restore was saved.
    pub previous: Option<PathBuf>,
}

/// Copies everything in one backup step (`-1` pages: one read snapshot, so writers in WAL mode
/// are not held up). Retries briefly only when the destination is locked by another session.
fn copy_all(from: &Connection, to: &mut Connection, doing: &'static str) -> StoreResult<()> {
    let backup = Backup::new(from, to).map_err(StoreError::sql(doing))?;
    let started = Instant::now();
    loop {
        match backup.step(-1).map_err(StoreError::sql(doing))? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() > RETRY_FOR => return Err(StoreError::Busy),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

impl Store {
    /// Writes a consistent copy of the whole book to `dest` (0600, fsynced, in rollback-journal
    /// mode so it is one self-contained file), checked with `integrity_check` before it takes
    /// the name `dest`. Refuses to replace an existing file unless `overwrite`.
    pub fn backup_to(&self, dest: &Path, overwrite: bool) -> StoreResult<Copied> {
        self.copy_out(dest, overwrite, true)
    }

    /// [`Store::backup_to`], checked or (for the copy of a damaged book kept aside before a
    /// restore) taken as it is.
    fn copy_out(&self, dest: &Path, overwrite: bool, check: bool) -> StoreResult<Copied> {
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| StoreError::Io(p, e)
        };
        if !overwrite && fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::Invalid(format!(
                "{} exists: choose another name, or add --force to replace it",
                dest.display()
            )));
        }
        if same_file(dest, &self.path) {
            return Err(StoreError::Invalid(
                "the backup cannot be the book itself: choose another file".into(),
            ));
        }
        let staged = Staged::beside(dest, 0o600).map_err(io(dest))?;
        let tmp = staged.path().to_path_buf();
        let copied = {
            let mut copy =
                Connection::open(&tmp).map_err(StoreError::sql("creating the backup"))?;
            copy_all(&self.conn, &mut copy, "copying the book")?;
            let journal = copy
                .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                    r.get::<_, String>(0)
                })
                .map_err(StoreError::sql("finishing the backup"));
            // A damaged book's schema may not even parse: its copy is kept as it is.
            if check {
                journal?;
            }
            if check {
                verify(&copy, &tmp)?
            } else {
                Copied {
                    path: tmp.clone(),
                    schema_version: 0,
                    partners: 0,
                    events: 0,
                    bytes: 0,
                    previous: None,
                }
            }
        };
        // Dropping `staged` on any failure above removes the temporary file.
        if overwrite {
            staged.commit()
        } else {
            staged.commit_new()
        }
        .map_err(io(dest))?;
        let bytes = fs::metadata(dest).map_err(io(dest))?.len();
        Ok(Copied {
            path: dest.to_path_buf(),
            bytes,
            ..copied
        })
    }

    /// Replaces the book's contents with the backup at `src`. The backup is first copied
    /// beside the book, and the copy checked: intact, a pactum book this binary can read,
    /// migrated when older, then every table, index and trigger as pactum makes them and no
    /// record pointing at a missing one. Only then are the current contents saved beside the
    /// book under a name never used before (`<book>.before-restore-<UTC time>`, see
    /// [`kept_aside_name`]) and the copy put in. Any failure leaves the book as it was. Goes
    /// through SQLite, so sessions that have the book open keep working and see the restored
    /// data on their next read.
    pub fn restore_from(&mut self, src: &Path) -> StoreResult<Copied> {
        if same_file(src, &self.path) {
            return Err(StoreError::Invalid(
                "the backup to restore cannot be the book itself: choose a backup file".into(),
            ));
        }
        let source = open_backup(src)?;
        let staged = Staged::beside(&self.path, place::file_mode(&self.path))
            .map_err(|e| StoreError::Io(self.path.clone(), e))?;
        // Declared after `staged`, so it is closed before the temporary file is removed.
        let mut copy =
            Connection::open(staged.path()).map_err(StoreError::sql("copying the backup"))?;
        copy_all(&source, &mut copy, "copying the backup").map_err(|e| match e {
            StoreError::Damaged => damaged_backup(src),
            other => other,
        })?;
        drop(source);
        let mut copied = verify(&copy, src)?;
        open::migrate_private(&mut copy)?;
        if let Some(why) = schema_check::problem(&copy)? {
            return Err(StoreError::Invalid(format!(
                "{} is not a usable pactum book ({why}); nothing was changed",
                src.display()
            )));
        }
        let stamp = chrono::Utc::now().format("%Y-%m-%dT%H-%M-%SZ").to_string();
        let previous = kept_aside_name(&self.path, &stamp);
        // Never replaces a file: one that took the name meanwhile makes the restore stop here.
        // A damaged book is kept aside as it is (page for page), for whoever wants to look.
        self.copy_out(&previous, false, !self.damaged)?;
        copy_all(&copy, &mut self.conn, "restoring the book").map_err(|e| {
            StoreError::Invalid(format!(
                "{e}; the book was not changed, and a copy of it is in {}",
                previous.display()
            ))
        })?;
        // Every page is now the checked copy's.
        self.damaged = false;
        let text = format!(
            "restored the book from {} (the book before is in {})",
            src.display(),
            previous.display()
        );
        self.write("recording the restore", |tx, who| {
            record(tx, who, "restore", "book", 0, &text, None).map(drop)
        })?;
        copied.previous = Some(previous);
        copied.bytes = fs::metadata(src).map(|m| m.len()).unwrap_or(0);
        Ok(copied)
    }
}

/// Where the book is kept aside before a restore: `<book>.before-restore-<stamp>`, or with
/// `-2`, `-3` … added when a file of that name exists (two restores in one second).
fn kept_aside_name(book: &Path, stamp: &str) -> PathBuf {
    let base = format!("{}.before-restore-{stamp}", book.display());
    std::iter::once(PathBuf::from(&base))
        .chain((2..).map(|n| PathBuf::from(format!("{base}-{n}"))))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| PathBuf::from(base))
}

/// Opens a backup read-only after checking its first bytes, so a wrong file is never touched.
fn open_backup(src: &Path) -> StoreResult<Connection> {
    let meta = fs::metadata(src).map_err(|e| StoreError::Io(src.to_path_buf(), e))?;
    if !meta.is_file() {
        return Err(StoreError::NotABook(
            src.to_path_buf(),
            "it is not a regular file",
        ));
    }
    open::check_magic(src)?;
    Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| StoreError::NotABook(src.to_path_buf(), "SQLite cannot read it"))
}

/// Checks a copy: intact, a pactum book, not newer than this binary. Counts what it holds.
fn verify(conn: &Connection, path: &Path) -> StoreResult<Copied> {
    let not_ours = |why| StoreError::NotABook(path.to_path_buf(), why);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| match StoreError::sql("checking the copy")(e) {
            StoreError::Damaged => damaged_backup(path),
            _ => not_ours("SQLite cannot read it"),
        })?;
    if integrity != "ok" {
        return Err(StoreError::Invalid(format!(
            "{} is damaged (integrity_check: {integrity}); nothing was changed",
            path.display()
        )));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_ours("SQLite cannot read it"))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('partner', 'event')",
            [],
            |r| r.get(0),
        )
        .map_err(|_| not_ours("SQLite cannot read it"))?;
    if version < 1 || tables != 2 {
        return Err(not_ours("it has no pactum tables"));
    }
    if version > schema::latest() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: schema::latest(),
        });
    }
    let (partners, events): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM partner), (SELECT count(*) FROM event)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(StoreError::sql("counting the copy"))?;
    Ok(Copied {
        path: path.to_path_buf(),
        schema_version: version,
        partners,
        events,
        bytes: 0,
        previous: None,
    })
}

/// A backup SQLite found damaged while copying it.
fn damaged_backup(src: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} is damaged (SQLite could not read all of it); nothing was changed",
        src.display()
    ))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

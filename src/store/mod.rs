//! The only module that touches SQLite (WAL, short write transactions, versions on every row). Returns domain types.

mod agenda;
mod as_of;
mod backup;
mod bulk;
mod charter;
mod commitments;
mod contacts;
pub use commitments::CommitmentFilter;
mod convert;
mod dashboard;
mod demo;
mod doctor;
mod drafts;
mod error;
mod events;
mod export;
mod generate;
mod generate_words;
mod health;
mod health_inputs;
mod import;
mod letters;
mod open;
mod partner_changes;
mod partners;
mod place;
#[cfg(test)]
mod plans;
mod records;
mod redate;
pub mod schema;
mod schema_check;
mod slips;
mod summary;
mod undo;
mod undo_rows;

pub use agenda::Due;
pub use backup::Copied;
pub use dashboard::PartnerRow;
pub use demo::DemoBook;
pub use doctor::{Check, check_files};
pub use error::{StoreError, StoreResult};
pub use events::{Event, UndoStep};
pub use generate::{GenCounts, GenSpec};
pub use open::MAGIC;
pub use partner_changes::PartnerChanges;
pub use partners::{NewPartner, PartnerEdit};
pub use place::{BookOptions, FsKind, classify as classify_filesystem};
pub use records::{NewCommitment, NewProblem, NewTouch};
pub use undo_rows::Removed;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// An open book. Every write is one short `BEGIN IMMEDIATE` transaction.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    user: String,
    last_event: Option<i64>,
    /// Writes made through this handle, so memoised reads know when they went stale.
    writes: u64,
    memo: Option<summary::Memo>,
    warnings: Vec<String>,
    /// Set once this handle has seen the book damaged: from then on it refuses to write.
    damaged: bool,
}

impl Store {
    /// Opens (creating if needed, 0600 in a 0700 directory) and migrates the book at `path`.
    /// `user` is recorded in the event log for every change.
    /// Options come from the environment ([`BookOptions::from_env`]).
    pub fn open(path: &Path, user: &str) -> StoreResult<Store> {
        Store::open_with(path, user, &BookOptions::from_env())
    }

    /// [`Store::open`] with explicit options (a short busy timeout in tests, …).
    pub fn open_with(path: &Path, user: &str, options: &BookOptions) -> StoreResult<Store> {
        let (conn, warnings) = open::connect(path, options)?;
        // A damaged book is said so before anything is read from it or written to it.
        if open::looks_damaged(&conn)? {
            return Err(StoreError::Damaged);
        }
        summary::watch_own_writes(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            last_event: None,
            writes: 0,
            memo: None,
            warnings,
            damaged: false,
        })
    }

    /// Opens the book to restore a backup into it: like [`Store::open`], but a damaged book is
    /// opened too (writes refused until the restore has put whole pages back).
    pub fn open_to_restore(path: &Path, user: &str) -> StoreResult<Store> {
        let (conn, warnings, damaged) = open::connect_to_repair(path, &BookOptions::from_env())?;
        let damaged = damaged || open::looks_damaged(&conn).unwrap_or(true);
        if !damaged {
            summary::watch_own_writes(&conn)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            last_event: None,
            writes: 0,
            memo: None,
            warnings,
            damaged,
        })
    }

    /// Whether a new book may be created at `path` (see [`place::guard`]), without creating it.
    pub fn may_create(path: &Path) -> StoreResult<()> {
        place::guard(path)
    }

    /// Takes note of a failure met while using the book: once it was damage, every later
    /// write through this handle is refused, so a damaged book is never made worse.
    pub fn note_failure(&mut self, error: &StoreError) {
        self.damaged |= error.is_damage();
    }

    /// One-line warnings found while opening (a book readable by others, a FUSE mount).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Where the book lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who is recorded for changes made through this handle.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The schema version of the book.
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(StoreError::sql("reading the schema version"))
    }

    /// The book's own id: random, made with the book and kept by backups and restores.
    pub fn book_id(&self) -> StoreResult<String> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'book_id'", [], |r| {
                r.get(0)
            })
            .map_err(StoreError::sql("reading the book's id"))
    }

    /// The event recorded by this handle's last write (undo it with [`Store::undo`]).
    pub fn last_event(&self) -> Option<i64> {
        self.last_event
    }

    /// SQLite's counter of commits made by *other* connections, for live refresh.
    pub fn data_version(&self) -> StoreResult<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(StoreError::sql("checking for changes"))
    }

    /// Runs `f` in one short immediate transaction and commits it.
    fn write<T>(
        &mut self,
        doing: &'static str,
        f: impl FnOnce(&Transaction<'_>, &str) -> StoreResult<T>,
    ) -> StoreResult<T> {
        if self.damaged {
            return Err(StoreError::Damaged);
        }
        self.writes += 1;
        let written = self.write_once(doing, f);
        if let Err(e) = &written {
            self.note_failure(e);
        }
        written
    }

    fn write_once<T>(
        &mut self,
        doing: &'static str,
        f: impl FnOnce(&Transaction<'_>, &str) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing))?;
        let out = f(&tx, &self.user)?;
        // Under the write lock the newest event is the one this write recorded.
        let event: Option<i64> = tx
            .query_row("SELECT max(id) FROM event", [], |r| r.get(0))
            .map_err(StoreError::sql(doing))?;
        tx.commit().map_err(StoreError::sql(doing))?;
        self.last_event = event;
        Ok(out)
    }
}

//! What can go wrong with a book, each as one sentence a person can act on.

use std::fmt;
use std::path::PathBuf;

/// A failure of the book. `Display` is the one line shown to the user.
#[derive(Debug)]
pub enum StoreError {
    /// The file exists but is not a SQLite database, or is one that pactum did not create.
    NotABook(PathBuf, &'static str),
    /// The book's schema is newer than this binary understands.
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// Another session held the book longer than the busy timeout.
    Busy,
    /// SQLite found the book's pages damaged (corrupt, or not a database past its header),
    /// or a value in it that pactum never writes.
    Damaged,
    /// A file pactum will not open or create, and why (another user's file outside a team
    /// directory, a symbolic link, a device, a directory anyone may write to).
    Refused(PathBuf, String),
    /// Someone else changed the record since it was read.
    Conflict(String),
    /// Input the book refuses (a rule of the domain or a constraint).
    Invalid(String),
    /// A record that does not exist.
    NotFound(String),
    /// Any other SQLite failure, with what was being done.
    Sqlite(&'static str, rusqlite::Error),
    /// A file-system failure, with the path.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotABook(p, why) => write!(
                f,
                "{} is not a pactum book ({why}); it was left untouched",
                p.display()
            ),
            StoreError::TooNew { path, found, known } => write!(
                f,
                "{} was written by a newer pactum (schema {found}, this one knows up to {known}): upgrade pactum to open it",
                path.display()
            ),
            StoreError::Busy => write!(
                f,
                "the book is busy in another session; nothing was lost, try again"
            ),
            StoreError::Damaged => write!(
                f,
                "the book is damaged: run `pactum doctor`, then `pactum restore`"
            ),
            StoreError::Refused(p, why) => write!(f, "{}: {why}", p.display()),
            StoreError::Conflict(what) => write!(f, "{what}"),
            StoreError::Invalid(what) | StoreError::NotFound(what) => write!(f, "{what}"),
            StoreError::Sqlite(doing, e) => write!(f, "{doing}: {e}"),
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// Wraps a SQLite error, recognising a busy book, a damaged one and violated constraints.
    pub fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
        move |e| {
            if shows_damage(&e) {
                return StoreError::Damaged;
            }
            match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    StoreError::Busy
                }
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    StoreError::Invalid(format!("{doing}: the book refused it ({e})"))
                }
                _ => StoreError::Sqlite(doing, e),
            }
        }
    }

    /// True when the book itself is damaged (see [`StoreError::Damaged`]).
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged)
    }

    /// True when trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Busy)
    }
}

/// True for the errors only a damaged book gives: SQLite's corrupt and not-a-database codes
/// (a malformed schema is one), a table or column of pactum's schema missing, and a column that does not hold what pactum wrote there (text
/// that is not UTF-8, a date or enum pactum cannot read back, a number of the wrong type).
fn shows_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::Error as E;
    match e {
        E::FromSqlConversionFailure(..)
        | E::IntegralValueOutOfRange(..)
        | E::Utf8Error(..)
        | E::InvalidColumnType(..) => true,
        // pactum's own statements name only tables and columns its schema has: when SQLite
        // says one is missing, the schema text in the book was damaged.
        E::SqliteFailure(f, Some(message)) if f.code == rusqlite::ErrorCode::Unknown => {
            names_missing_schema(message)
        }
        E::SqlInputError { msg, .. } => names_missing_schema(msg),
        _ => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        ),
    }
}

fn names_missing_schema(message: &str) -> bool {
    [
        "no such table",
        "no such column",
        "no such index",
        "has no column named",
        "unknown function",
        "malformed database schema",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

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
            StoreError::Conflict(what) => write!(f, "{what}"),
            StoreError::Invalid(what) | StoreError::NotFound(what) => write!(f, "{what}"),
            StoreError::Sqlite(doing, e) => write!(f, "{doing}: {e}"),
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// Wraps a SQLite error, recognising a busy book and violated constraints.
    pub fn sql(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
        move |e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::ConstraintViolation) => {
                StoreError::Invalid(format!("{doing}: the book refused it ({e})"))
            }
            _ => StoreError::Sqlite(doing, e),
        }
    }

    /// True when trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Busy)
    }
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

//! Your data in and out (issue 6): the `pactum/1` JSON document, CSV tables, vCard contacts and
//! an RFC 5545 calendar. Pure: these modules parse and format text; the store reads and writes the
//! book, the commands read and write files.
//!
//! Every import becomes a [`Book`] first (JSON directly; CSV and vCard through their parsers),
//! is checked whole by [`validate`], and only then handed to the store, which applies it in one
//! transaction. So a bad line anywhere leaves the book unchanged.

pub mod alarm;
pub mod book;
pub mod csv;
pub mod error;
pub mod ics;
pub mod json;
pub mod json_text;
pub mod plan;
pub mod report;
pub mod validate;
pub mod vcard;

pub use book::{
    Book, CommitmentRecord, ContactRecord, EventRecord, FORMAT, PartnerRecord, ProblemRecord,
    ReviewRecord, TouchRecord,
};
pub use error::ImportError;
pub use report::{Counts, ImportReport};
pub use validate::validate;

use std::path::Path;

/// The kinds of file `pactum import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Csv,
    VCard,
}

impl FileKind {
    /// Guesses the kind from the extension, then from the first non-blank characters.
    pub fn detect(path: &Path, text: &str) -> Option<FileKind> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => return Some(FileKind::Json),
            Some("csv") => return Some(FileKind::Csv),
            Some("vcf" | "vcard") => return Some(FileKind::VCard),
            _ => {}
        }
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            Some(FileKind::Json)
        } else if head
            .get(..11)
            .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCARD"))
        {
            Some(FileKind::VCard)
        } else if head.lines().next().is_some_and(|l| l.contains(',')) {
            Some(FileKind::Csv)
        } else {
            None
        }
    }
}

/// Days and names that CSV and vCard rows do not carry but a new partner needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// The day new partners are recorded as created.
    pub today: chrono::NaiveDate,
    /// Who owns new partners and commitments (the OS user).
    pub owner: String,
}

//! What an import did (or, in a dry run, would do), per kind of record.

use serde::Serialize;
use std::fmt;

/// Records of one kind: newly written, already in the book, or not imported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    /// Already in the book (same identity): left as they are, not duplicated.
    pub matched: usize,
    /// Not imported on purpose (the reasons are in the report's notes).
    pub skipped: usize,
}

/// The report printed after an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub dry_run: bool,
    pub partners: Counts,
    pub contacts: Counts,
    pub commitments: Counts,
    pub reviews: Counts,
    pub touches: Counts,
    pub problems: Counts,
    pub events: Counts,
    /// Things the user should know: unknown columns, cards without an organisation …
    pub notes: Vec<String>,
}

impl ImportReport {
    /// Rows the import writes (or would write).
    pub fn added(&self) -> usize {
        self.rows().iter().map(|(_, c)| c.added).sum()
    }

    fn rows(&self) -> [(&'static str, Counts); 7] {
        [
            ("partners", self.partners),
            ("contacts", self.contacts),
            ("commitments", self.commitments),
            ("reviews", self.reviews),
            ("touches", self.touches),
            ("problems", self.problems),
            ("events", self.events),
        ]
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            writeln!(f, "dry run of {}: nothing was written", self.file)?;
        } else {
            writeln!(f, "imported {}", self.file)?;
        }
        writeln!(
            f,
            "  {:<12} {:>7} {:>8} {:>8}",
            "", "added", "matched", "skipped"
        )?;
        for (name, c) in self.rows() {
            if c == Counts::default() {
                continue;
            }
            writeln!(
                f,
                "  {name:<12} {:>7} {:>8} {:>8}",
                c.added, c.matched, c.skipped
            )?;
        }
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        Ok(())
    }
}

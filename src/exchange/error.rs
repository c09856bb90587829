//! An import error: which file, where in it, which field, and what is wrong — one sentence.

use std::fmt;

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of a text file (1-based).
    Line(u64),
    /// A record of a JSON document, as a path (`partners[2].commitments[0]`), with its line
    /// when the parser knew it.
    Record(String, Option<u64>),
}

/// Why an import was refused. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub place: Place,
    /// The field (column, property) at fault; empty when the whole line or record is.
    pub field: String,
    pub reason: String,
}

impl ImportError {
    /// A problem on a line of the file.
    pub fn line(line: u64, field: &str, reason: impl Into<String>) -> ImportError {
        ImportError {
            file: String::new(),
            place: Place::Line(line),
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// A problem in a record of a document.
    pub fn record(path: impl Into<String>, field: &str, reason: impl Into<String>) -> ImportError {
        ImportError {
            file: String::new(),
            place: Place::Record(path.into(), None),
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// Names the file the error was found in.
    pub fn in_file(mut self, file: &str) -> ImportError {
        self.file = file.to_string();
        self
    }
}

/// Field names, paths and reasons echo the file's own text (serde quotes an unknown key): one
/// line, control characters in caret form; a name is cut to a readable length.
fn shown(text: &str) -> String {
    crate::domain::text::fit(text, 60)
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = if self.file.is_empty() {
            "the file".to_string()
        } else {
            crate::domain::text::clean_line(&self.file)
        };
        match &self.place {
            Place::Line(n) => write!(f, "{file} line {n}")?,
            Place::Record(path, Some(n)) if path.is_empty() => write!(f, "{file} line {n}")?,
            Place::Record(path, Some(n)) => write!(f, "{file} line {n}, record {}", shown(path))?,
            Place::Record(path, None) if path.is_empty() => write!(f, "{file}")?,
            Place::Record(path, None) => write!(f, "{file} record {}", shown(path))?,
        }
        if !self.field.is_empty() {
            write!(f, ", field {}", shown(&self.field))?;
        }
        write!(f, ": {}", crate::domain::text::clean_line(&self.reason))
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_with_file_place_and_field() {
        let e = ImportError::line(12, "due_on", "malformed date \"x\"").in_file("a.csv");
        assert_eq!(
            e.to_string(),
            "a.csv line 12, field due_on: malformed date \"x\""
        );
        let e = ImportError::record("partners[1].touches[0]", "summary", "must not be empty")
            .in_file("b.json");
        assert_eq!(
            e.to_string(),
            "b.json record partners[1].touches[0], field summary: must not be empty"
        );
    }

    #[test]
    fn text_from_the_file_is_one_line_in_caret_form() {
        let e = ImportError::record("partners[3]", "due_\n\u{1b}[2J", "unknown field `due_\n`")
            .in_file("x\ny.json");
        assert_eq!(
            e.to_string(),
            "x y.json record partners[3], field due_ ^[[2J: unknown field `due_ `"
        );
    }
}

//! The `pactum/1` JSON document: written pretty and stable, read with the path of a bad field.

use super::book::Book;
use super::error::{ImportError, Place};
use super::validate::validate;
use chrono::NaiveDate;

/// The document as text: pretty-printed, fields in a fixed order, a final newline.
pub fn to_json(book: &Book) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut text = super::json_text::pretty(book).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads and checks a document. A syntax or type error names its line and the path of the field
/// (`partners[2].commitments[0].due_on`); a broken rule names the record and the field. Nothing
/// in it may have happened after `today`.
pub fn from_json(text: &str, today: NaiveDate) -> Result<Book, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text.trim_start_matches('\u{feff}'));
    let book: Book = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let line = u64::try_from(inner.line()).ok().filter(|n| *n > 0);
        let (record, field) = split_path(&path);
        ImportError {
            file: String::new(),
            place: Place::Record(record, line),
            field,
            reason: reason(&inner),
        }
    })?;
    validate(&book, today)?;
    Ok(book)
}

/// `partners[2].commitments[0].due_on` → (`partners[2].commitments[0]`, `due_on`).
fn split_path(path: &str) -> (String, String) {
    if path == "." || path.is_empty() {
        return (String::new(), String::new());
    }
    match path.rsplit_once('.') {
        Some((record, field)) if !field.ends_with(']') => (record.to_string(), field.to_string()),
        Some(_) => (path.to_string(), String::new()),
        None if path.ends_with(']') => (path.to_string(), String::new()),
        None => (String::new(), path.to_string()),
    }
}

/// serde_json's message without its own " at line L column C" (the place is said once).
fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_record_and_field() {
        assert_eq!(
            split_path("partners[2].commitments[0].due_on"),
            ("partners[2].commitments[0]".into(), "due_on".into())
        );
        assert_eq!(
            split_path("partners[2]"),
            ("partners[2]".into(), String::new())
        );
        assert_eq!(split_path("format"), (String::new(), "format".into()));
    }

    #[test]
    fn a_bad_date_names_line_record_and_field() {
        let text = r#"{"format": "pactum/1", "partners": [
  {"name": "Acme", "stage": "signed", "signed_on": "2026-02-30"}
]}"#;
        let e = from_json(text, NaiveDate::MAX)
            .unwrap_err()
            .in_file("x.json");
        let s = e.to_string();
        assert!(
            s.starts_with("x.json line 2, record partners[0], field signed_on: "),
            "{s}"
        );
    }

    #[test]
    fn an_unknown_format_is_refused() {
        let e = from_json(r#"{"format": "pactum/9", "partners": []}"#, NaiveDate::MAX).unwrap_err();
        assert!(e.to_string().contains("pactum/9"), "{e}");
    }
}

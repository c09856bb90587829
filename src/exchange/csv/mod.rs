//! CSV tables (RFC 4180, through the `csv` crate): partners with their contacts, commitments and
//! touches, one header row each. Cells a spreadsheet would run as a formula are made inert.

mod export;
mod import;

pub use export::{Table, export};
pub use import::import;

/// First characters that make a spreadsheet evaluate a cell (CSV formula injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a cell safe for a spreadsheet: one that a spreadsheet would run as a formula gets a
/// leading `'`, as does one that already starts with `'` (so that import can undo it exactly).
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) || c == '\'' => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Reverses [`inert`]: drops one leading `'` when it guards a formula start or another `'`.
/// Text like `'tis` that a person typed is left alone.
pub fn revive(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .chars()
                .next()
                .is_some_and(|c| FORMULA_STARTS.contains(&c) || c == '\'') =>
        {
            rest
        }
        _ => cell,
    }
}

/// A partner's tags in one cell, separated by `; `. A `;` or `\\` inside a tag is written `\\;`
/// or `\\\\`, so that [`split_tags`] gives the same tags back.
pub fn join_tags(tags: &[String]) -> String {
    let escaped: Vec<String> = tags
        .iter()
        .map(|t| t.replace('\\', "\\\\").replace(';', "\\;"))
        .collect();
    escaped.join("; ")
}

/// Reverses [`join_tags`]: splits at each `;` not escaped, trims, and drops empty tags. A `\\`
/// before any other character is kept as typed (files written by hand, or before escaping).
pub fn split_tags(cell: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut tag = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&next @ (';' | '\\')) => {
                    tag.push(next);
                    chars.next();
                }
                _ => tag.push(c),
            },
            ';' => tags.push(std::mem::take(&mut tag)),
            _ => tag.push(c),
        }
    }
    tags.push(tag);
    tags.iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(&["retail", "eu"], "retail; eu")]
    #[case(&["a;b", "c"], "a\\;b; c")]
    #[case(&["back\\slash;", ";"], "back\\\\slash\\;; \\;")]
    #[case(&[], "")]
    fn tags_come_back_as_they_were(#[case] tags: &[&str], #[case] cell: &str) {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        assert_eq!(join_tags(&tags), cell);
        assert_eq!(split_tags(cell), tags);
    }

    #[test]
    fn an_older_or_typed_cell_splits_as_before() {
        assert_eq!(split_tags(" retail ;;eu; a\\b"), ["retail", "eu", "a\\b"]);
    }

    #[rstest]
    #[case("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    #[case("+1 555", "'+1 555")]
    #[case("-2+3", "'-2+3")]
    #[case("@cmd", "'@cmd")]
    #[case("\tx", "'\tx")]
    #[case("\rx", "'\rx")]
    #[case("'=x", "''=x")]
    #[case("plain", "plain")]
    #[case("", "")]
    #[case("a=b", "a=b")]
    fn formula_cells_are_made_inert_and_come_back(#[case] cell: &str, #[case] safe: &str) {
        assert_eq!(inert(cell), safe);
        assert_eq!(revive(safe), cell);
    }

    #[test]
    fn typed_apostrophes_stay() {
        assert_eq!(revive("'tis"), "'tis");
    }
}

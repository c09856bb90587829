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

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

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

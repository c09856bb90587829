//! Documented maximum lengths of what people type, enforced before anything is stored.

/// Longest partner or contact name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest commitment title or touch/problem summary, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest free text (detail, note, goals, reasons), in characters.
pub const TEXT_MAX: usize = 4000;
/// Longest text kept with a touch beside its summary (a sent update, in full), in characters.
pub const LETTER_MAX: usize = 20_000;
/// Longest tag, in characters.
pub const TAG_MAX: usize = 32;

/// Trims `value` and checks it is non-empty (when `required`) and within `max` characters.
pub fn check(field: &str, value: &str, max: usize, required: bool) -> Result<String, String> {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        return Err(format!("{field} must not be empty"));
    }
    let count = trimmed.chars().count();
    if count > max {
        return Err(format!(
            "{field} is {count} characters long; the limit is {max}"
        ));
    }
    Ok(trimmed.to_string())
}

/// Checks a 1–5 rating such as a problem's severity or the partner's reaction.
pub fn check_rating(field: &str, value: i64) -> Result<u8, String> {
    u8::try_from(value)
        .ok()
        .filter(|v| (1..=5).contains(v))
        .ok_or_else(|| format!("{field} must be between 1 and 5, not {value}"))
}

/// Checks an update cadence in days (1–365).
pub fn check_cadence(value: i64) -> Result<u32, String> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=365).contains(v))
        .ok_or_else(|| format!("update cadence must be 1 to 365 days, not {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("  Acme  ", true, Ok("Acme".to_string()))]
    #[case("   ", true, Err("name must not be empty".to_string()))]
    #[case("", false, Ok(String::new()))]
    fn trims_and_requires(
        #[case] v: &str,
        #[case] req: bool,
        #[case] want: Result<String, String>,
    ) {
        assert_eq!(check("name", v, NAME_MAX, req), want);
    }

    #[test]
    fn counts_characters_not_bytes() {
        let eighty = "é".repeat(NAME_MAX);
        assert!(check("name", &eighty, NAME_MAX, true).is_ok());
        let err = check("name", &format!("{eighty}x"), NAME_MAX, true).unwrap_err();
        assert!(err.contains("limit is 80"), "{err}");
    }

    #[rstest]
    #[case(1, true)]
    #[case(5, true)]
    #[case(0, false)]
    #[case(6, false)]
    #[case(-1, false)]
    fn ratings(#[case] v: i64, #[case] ok: bool) {
        assert_eq!(check_rating("severity", v).is_ok(), ok);
    }

    #[test]
    fn cadence_bounds() {
        assert_eq!(check_cadence(14), Ok(14));
        assert!(check_cadence(0).is_err());
        assert!(check_cadence(366).is_err());
    }
}

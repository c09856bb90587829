//! The date forms every command and form takes: `YYYY-MM-DD`, `today`, `tomorrow`, `yesterday`, `+3d`, `-2w`.

use chrono::{Days, NaiveDate};

/// The accepted forms, for error messages.
pub const DATE_FORMS: &str = "YYYY-MM-DD, today, tomorrow, yesterday, +Nd, -Nd, +Nw or -Nw";

/// The first day pactum keeps. Years 1900–9999 keep every day four digits wide in the book,
/// its exports and the calendar (a year past 9999 was written as `+211920409`).
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid day");
/// The last day pactum keeps.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid day");

/// `day` (named `field`, e.g. "due day") lies between [`FIRST_DAY`] and [`LAST_DAY`].
pub fn in_range(field: &str, day: NaiveDate) -> Result<NaiveDate, String> {
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        return Ok(day);
    }
    Err(format!(
        "{field} {day} is out of range: pactum keeps days from {FIRST_DAY} to {LAST_DAY}"
    ))
}

/// Parses a date the user typed, relative to `today`, within [`FIRST_DAY`]..=[`LAST_DAY`].
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let day = parse_any_date(input, today)?;
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        return Ok(day);
    }
    let typed = super::text::quoted(input.trim());
    let shown = if input.trim() == day.to_string() {
        typed
    } else {
        format!("{typed} ({day})")
    };
    Err(format!(
        "date {shown} is out of range: pactum keeps days from {FIRST_DAY} to {LAST_DAY}"
    ))
}

fn parse_any_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "malformed date {}: use {DATE_FORMS}",
            super::text::quoted(input)
        )
    };
    match s.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(bad),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        _ => {}
    }
    if let Some(sign) = s.chars().next().filter(|c| *c == '+' || *c == '-') {
        let body = &s[1..];
        // The unit is the last character, whatever its width in bytes.
        let cut = body.char_indices().last().map_or(0, |(i, _)| i);
        let (num, unit) = body.split_at(cut);
        let n: u64 = num.parse().map_err(|_| bad())?;
        let days = match unit {
            "d" => n,
            "w" => n.checked_mul(7).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        let moved = if sign == '+' {
            today.checked_add_days(Days::new(days))
        } else {
            today.checked_sub_days(Days::new(days))
        };
        return moved.ok_or_else(bad);
    }
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or_else(bad)
}

/// Adds a signed number of days, saturating at the calendar's ends.
pub fn shift(day: NaiveDate, offset: i64) -> NaiveDate {
    let moved = if offset >= 0 {
        day.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    moved.unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[rstest]
    #[case("2026-03-01", "2026-03-01")]
    #[case("today", "2026-11-27")]
    #[case("Tomorrow", "2026-11-28")]
    #[case("yesterday", "2026-11-26")]
    #[case("+3d", "2026-11-30")]
    #[case("+2w", "2026-12-11")]
    #[case("-1w", "2026-11-20")]
    #[case(" +0d ", "2026-11-27")]
    fn accepted(#[case] input: &str, #[case] want: &str) {
        assert_eq!(parse_date(input, d("2026-11-27")), Ok(d(want)));
    }

    #[rstest]
    #[case("")]
    #[case("2026-13-01")]
    #[case("2026-2-1")]
    #[case("27/11/2026")]
    #[case("+3")]
    #[case("+d")]
    #[case("+3m")]
    #[case("+99999999999999999999w")]
    #[case("next week")]
    #[case("-7d\u{335}")]
    #[case("+3日")]
    #[case("+é")]
    fn rejected_with_the_forms(#[case] input: &str) {
        let err = parse_date(input, d("2026-11-27")).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }

    #[rstest]
    #[case("+1000000w", "date \"+1000000w\" (+21192-04-03) is out of range")]
    #[case("-50000w", "date \"-50000w\" (1068-")]
    #[case("0001-01-01", "date \"0001-01-01\" is out of range")]
    #[case("1899-12-31", "date \"1899-12-31\" is out of range")]
    fn out_of_range_with_the_range(#[case] input: &str, #[case] start: &str) {
        let err = parse_date(input, d("2026-11-27")).unwrap_err();
        assert!(err.starts_with(start), "{err}");
        assert!(
            err.ends_with("pactum keeps days from 1900-01-01 to 9999-12-31"),
            "{err}"
        );
    }

    #[rstest]
    #[case("1900-01-01")]
    #[case("9999-12-31")]
    fn the_range_ends_are_kept(#[case] input: &str) {
        assert_eq!(parse_date(input, d("2026-11-27")), Ok(d(input)));
    }

    #[test]
    fn shift_both_ways() {
        assert_eq!(shift(d("2026-11-27"), -27), d("2026-10-31"));
        assert_eq!(shift(d("2026-11-27"), 4), d("2026-12-01"));
    }
}

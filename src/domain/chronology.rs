//! The order of a record's days: nothing is recorded as having happened after today, a
//! commitment is not due before it was made, and nothing is closed, reviewed, talked through or
//! resolved before the record it follows began; and every day lies in the range pactum keeps
//! ([`super::dates::in_range`], which a book written by hand or an import could break). Each refusal is one sentence naming the day at
//! fault and the day it was held against.

use chrono::NaiveDate;

/// `day` (named `field`, e.g. "touch day") is not after `today`.
pub fn not_after_today(field: &str, day: NaiveDate, today: NaiveDate) -> Result<(), String> {
    super::dates::in_range(field, day)?;
    if day > today {
        return Err(format!(
            "{field} {day} is after today ({today}): record it once it has happened"
        ));
    }
    Ok(())
}

/// `day` (named `field`) is not before `start` (named `start_field`).
pub fn not_before(
    field: &str,
    day: NaiveDate,
    start_field: &str,
    start: NaiveDate,
) -> Result<(), String> {
    super::dates::in_range(field, day)?;
    if day < start {
        return Err(format!("{field} {day} is before the {start_field} {start}"));
    }
    Ok(())
}

/// A day that follows an earlier one (a closing after the made day, a review of a commitment, a
/// brave conversation or resolution of a problem): on or after `start`, and not after `today`.
pub fn follows(
    field: &str,
    day: NaiveDate,
    start_field: &str,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    not_before(field, day, start_field, start)?;
    not_after_today(field, day, today)
}

/// A new commitment's days: made not after today, due (when dated) not before it was made.
pub fn commitment_days(
    made_on: NaiveDate,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), String> {
    not_after_today("made day", made_on, today)?;
    match due_on {
        Some(due) => not_before("due day", due, "made day", made_on),
        None => Ok(()),
    }
}

/// The day a commitment is kept, missed or released: on or after the day it was made, and not
/// after today.
pub fn closing_day(
    closed_on: NaiveDate,
    made_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    follows("closing day", closed_on, "made day", made_on, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const TODAY: &str = "2026-11-27";

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case("2026-11-27", None)]
    #[case("2020-01-01", None)]
    #[case(
        "2026-11-28",
        Some("touch day 2026-11-28 is after today (2026-11-27): record it once it has happened")
    )]
    fn nothing_happened_after_today(#[case] day: &str, #[case] want: Option<&str>) {
        assert_eq!(
            not_after_today("touch day", d(day), d(TODAY))
                .err()
                .as_deref(),
            want
        );
    }

    #[rstest]
    #[case(
        "2026-01-01",
        Some("+21192-04-09"),
        Some(
            "due day +21192-04-09 is out of range: pactum keeps days from 1900-01-01 to 9999-12-31"
        )
    )]
    #[case(
        "1066-10-14",
        None,
        Some(
            "made day 1066-10-14 is out of range: pactum keeps days from 1900-01-01 to 9999-12-31"
        )
    )]
    #[case("2026-01-01", None, None)]
    #[case("2026-11-27", Some("2026-11-27"), None)]
    #[case("2026-01-01", Some("2026-01-01"), None)]
    #[case("2026-01-01", Some("2027-06-01"), None)]
    #[case(
        "2026-01-01",
        Some("2020-01-01"),
        Some("due day 2020-01-01 is before the made day 2026-01-01")
    )]
    #[case(
        "2027-03-07",
        None,
        Some("made day 2027-03-07 is after today (2026-11-27): record it once it has happened")
    )]
    #[case(
        "2027-03-07",
        Some("2027-04-01"),
        Some("made day 2027-03-07 is after today (2026-11-27): record it once it has happened")
    )]
    fn a_commitment_is_made_by_today_and_due_after_it_was_made(
        #[case] made: &str,
        #[case] due: Option<&str>,
        #[case] want: Option<&str>,
    ) {
        let got = commitment_days(d(made), due.map(d), d(TODAY));
        assert_eq!(got.err().as_deref(), want);
    }

    #[rstest]
    #[case("2026-03-01", "2026-03-01", None)]
    #[case("2026-03-01", "2026-11-27", None)]
    #[case(
        "2026-03-01",
        "2020-01-01",
        Some("closing day 2020-01-01 is before the made day 2026-03-01")
    )]
    #[case(
        "2026-03-01",
        "2026-12-27",
        Some("closing day 2026-12-27 is after today (2026-11-27): record it once it has happened")
    )]
    #[case(
        "2027-01-01",
        "2026-11-27",
        Some("closing day 2026-11-27 is before the made day 2027-01-01")
    )]
    fn a_commitment_closes_between_its_made_day_and_today(
        #[case] made: &str,
        #[case] closed: &str,
        #[case] want: Option<&str>,
    ) {
        let got = closing_day(d(closed), d(made), d(TODAY));
        assert_eq!(got.err().as_deref(), want);
    }

    #[rstest]
    #[case("2026-05-01", None)]
    #[case("2026-04-01", None)]
    #[case(
        "2026-03-31",
        Some("brave conversation day 2026-03-31 is before the problem day 2026-04-01")
    )]
    #[case(
        "2026-11-28",
        Some(
            "brave conversation day 2026-11-28 is after today (2026-11-27): record it once it has happened"
        )
    )]
    fn a_follow_up_lies_between_its_start_and_today(#[case] day: &str, #[case] want: Option<&str>) {
        let got = follows(
            "brave conversation day",
            d(day),
            "problem day",
            d("2026-04-01"),
            d(TODAY),
        );
        assert_eq!(got.err().as_deref(), want);
    }
}

//! Slips: promises of ours that were broken — missed, kept late, left overdue, or re-dated on or
//! after their due day — and whether we have told the partner (history stays as it happened).
//!
//! A re-date before the due day is a new date agreed in time, not a slip. A re-date on or after
//! it keeps the due day first missed (on-time keeping is judged against it, once) and the day it
//! happened. Only a bad-news touch tells them: for an item overdue, on or after its due day;
//! for one marked missed, on or after the due day or the day it was marked, whichever came
//! first; for one re-dated late, on or after the re-date (the new date is what they must
//! hear). Nothing erases the slip.

use chrono::NaiveDate;

use super::types::{Commitment, Side, Slip, Status};

/// What a re-date of `c` to `new_due` on `today` records: the slip it keeps (the one it had, a
/// new one when the re-date is late, or none). Refuses a re-date that makes no sense.
pub fn redate(
    c: &Commitment,
    new_due: NaiveDate,
    today: NaiveDate,
) -> Result<Option<Slip>, String> {
    let title = super::text::quoted(&c.title);
    if c.ongoing {
        return Err(format!(
            "{title} is ongoing: it has no due day (review it instead)"
        ));
    }
    if c.status != Status::Open {
        return Err(format!(
            "{title} is already {}: its history stays as it was",
            c.status
        ));
    }
    if new_due < c.made_on {
        return Err(format!(
            "the new due day {new_due} is before the day it was made ({})",
            c.made_on
        ));
    }
    if new_due < today {
        return Err(format!(
            "the new due day {new_due} is in the past: agree a day from today ({today}) on"
        ));
    }
    if c.due_on == Some(new_due) {
        return Err(format!("{title} is already due on {new_due}"));
    }
    Ok(match c.due_on {
        Some(due) if today >= due => Some(Slip {
            original_due_on: c.slip.map_or(due, |s| s.original_due_on),
            missed_due_on: due,
            redated_on: today,
        }),
        _ => c.slip,
    })
}

/// A broken promise of ours, as the agenda, the brief and openness see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Broken {
    /// The day it broke: the day after the missed due day (or the day it was marked missed or
    /// re-dated, when that came first).
    pub on: NaiveDate,
    /// A bad-news touch on or after this day tells them.
    pub told_from: NaiveDate,
    /// How it broke.
    pub how: Breach,
}

/// How a promise of ours broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// Open, past its due day.
    Overdue,
    /// Marked missed.
    Missed,
    /// Re-dated on or after its due day (`days_late` then).
    Redated { days_late: i64 },
    /// Kept after its due day.
    KeptLate,
}

/// How `c` (of ours) broke by `today`, if it did. Released items never count.
pub fn broken(c: &Commitment, today: NaiveDate) -> Option<Broken> {
    if c.side != Side::Ours || c.ongoing {
        return None;
    }
    let after = |day: NaiveDate| day.succ_opt().unwrap_or(day);
    match c.status {
        Status::Released => None,
        Status::Missed => {
            let closed = c.closed_on.unwrap_or(today);
            let due = c.judged_due_on();
            Some(Broken {
                on: due.map_or(closed, |d| closed.min(after(d))),
                told_from: due.map_or(closed, |d| closed.min(d)),
                how: Breach::Missed,
            })
        }
        Status::Kept => {
            let (due, closed) = (c.judged_due_on()?, c.closed_on?);
            (closed > due || c.slip.is_some()).then(|| Broken {
                on: after(due).min(closed),
                told_from: due,
                how: Breach::KeptLate,
            })
        }
        Status::Open => match (c.slip, c.due_on) {
            (_, Some(due)) if due < today => Some(Broken {
                on: after(due),
                told_from: due,
                how: Breach::Overdue,
            }),
            (Some(slip), _) => Some(Broken {
                on: after(slip.missed_due_on).min(slip.redated_on),
                told_from: slip.redated_on,
                how: Breach::Redated {
                    days_late: slip.days_late(),
                },
            }),
            _ => None,
        },
    }
}

/// Whether a bad-news touch on `last_bad_news_on` (the latest up to today) told them of `b`.
pub fn told(b: &Broken, last_bad_news_on: Option<NaiveDate>) -> bool {
    last_bad_news_on.is_some_and(|on| on >= b.told_from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::types::Origin;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    fn ours(due: Option<&str>, status: Status, closed: Option<&str>) -> Commitment {
        Commitment {
            id: 1,
            partner_id: 1,
            side: Side::Ours,
            title: "Pilot report".into(),
            detail: String::new(),
            made_on: day("2026-01-01"),
            due_on: due.map(day),
            ongoing: false,
            origin: Origin::Later,
            status,
            closed_on: closed.map(day),
            owner: String::new(),
            version: 1,
            slip: None,
        }
    }

    #[test]
    fn a_redate_before_the_due_day_is_no_slip() {
        let c = ours(Some("2026-03-10"), Status::Open, None);
        assert_eq!(redate(&c, day("2026-03-20"), day("2026-03-09")), Ok(None));
    }

    #[test]
    fn a_redate_on_or_after_the_due_day_keeps_the_slip() {
        let c = ours(Some("2026-03-10"), Status::Open, None);
        let on_the_day = redate(&c, day("2026-03-20"), day("2026-03-10")).unwrap();
        assert_eq!(
            on_the_day,
            Some(Slip {
                original_due_on: day("2026-03-10"),
                missed_due_on: day("2026-03-10"),
                redated_on: day("2026-03-10"),
            })
        );
        // Re-dated late twice: the first missed day stays, the latest one is told from.
        let again = Commitment {
            due_on: Some(day("2026-03-20")),
            slip: on_the_day,
            ..c
        };
        let second = redate(&again, day("2026-04-01"), day("2026-03-25"))
            .unwrap()
            .unwrap();
        assert_eq!(second.original_due_on, day("2026-03-10"));
        assert_eq!(second.missed_due_on, day("2026-03-20"));
        assert_eq!(second.days_late(), 5);
    }

    #[test]
    fn redates_that_make_no_sense_are_refused() {
        let c = ours(Some("2026-03-10"), Status::Open, None);
        assert!(redate(&c, day("2026-03-10"), day("2026-03-01")).is_err());
        assert!(redate(&c, day("2026-03-05"), day("2026-03-08")).is_err());
        assert!(redate(&c, day("2025-12-01"), day("2025-11-01")).is_err());
        let kept = ours(Some("2026-03-10"), Status::Kept, Some("2026-03-09"));
        assert!(redate(&kept, day("2026-04-01"), day("2026-03-12")).is_err());
    }

    #[test]
    fn broken_promises_and_when_telling_counts() {
        let today = day("2026-03-20");
        let overdue = broken(&ours(Some("2026-03-10"), Status::Open, None), today).unwrap();
        assert_eq!(
            (overdue.on, overdue.told_from),
            (day("2026-03-11"), day("2026-03-10"))
        );
        assert!(!told(&overdue, Some(day("2026-03-09"))));
        assert!(told(&overdue, Some(day("2026-03-10"))));
        let early_miss = ours(Some("2026-03-30"), Status::Missed, Some("2026-03-15"));
        let b = broken(&early_miss, today).unwrap();
        assert_eq!(
            (b.on, b.told_from, b.how),
            (day("2026-03-15"), day("2026-03-15"), Breach::Missed)
        );
        let on_time = ours(Some("2026-03-10"), Status::Kept, Some("2026-03-10"));
        assert_eq!(broken(&on_time, today), None);
        let late = ours(Some("2026-03-10"), Status::Kept, Some("2026-03-12"));
        assert_eq!(broken(&late, today).map(|b| b.how), Some(Breach::KeptLate));
        let released = ours(Some("2026-03-10"), Status::Released, Some("2026-03-12"));
        assert_eq!(broken(&released, today), None);
        let due_today = ours(Some("2026-03-20"), Status::Open, None);
        assert_eq!(broken(&due_today, today), None);
    }

    #[test]
    fn a_redated_item_stays_broken_until_kept() {
        let c = ours(Some("2026-03-10"), Status::Open, None);
        let slip = redate(&c, day("2026-04-01"), day("2026-03-15")).unwrap();
        let redated = Commitment {
            due_on: Some(day("2026-04-01")),
            slip,
            ..c
        };
        let b = broken(&redated, day("2026-03-20")).unwrap();
        assert_eq!(b.how, Breach::Redated { days_late: 5 });
        assert_eq!((b.on, b.told_from), (day("2026-03-11"), day("2026-03-15")));
        // Kept on the new day: still late against the day first missed.
        let kept = Commitment {
            status: Status::Kept,
            closed_on: Some(day("2026-04-01")),
            ..redated
        };
        assert_eq!(
            broken(&kept, day("2026-04-02")).map(|b| b.how),
            Some(Breach::KeptLate)
        );
    }
}

//! Our reliability: do we keep what we promise, on time?
//!
//! Good: on-time share ≥ 90 % and nothing of ours overdue. Watch: share 70 % ≤ s < 90 %, or
//! something 1–14 days overdue. Poor: share < 70 %, or anything more than 14 days overdue.
//! Unknown: nothing of ours was due in the window and nothing is overdue.

use super::{Context, combine, grade_up, ratio};
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, percent, plural};

/// Days our oldest open dated item is overdue on `today`, when something is.
pub(crate) fn days_our_oldest_overdue(context: &Context) -> Option<i64> {
    context
        .input
        .ours
        .oldest_overdue_due_on
        .map(|due| days_between(due, context.today))
        .filter(|days| *days > 0)
}

pub(super) fn read(context: &Context) -> Reading {
    let t = &context.rules.thresholds;
    let ours = &context.input.ours;
    let window = context.rules.windows.reliability_days;

    let on_time = ratio(ours.kept_on_time.into(), ours.due_in_window.into()).map(|share| {
        let level = grade_up(share, t.our_on_time_good, t.our_on_time_watch);
        let value = format!(
            "kept {} of {} on time",
            ours.kept_on_time, ours.due_in_window
        );
        match level {
            Level::Good => Reading::new(
                level,
                value,
                format!("{} of our promises were kept on time", percent(share)),
                "keep promising only what we can date and keep",
            ),
            Level::Watch => Reading::new(
                level,
                value,
                format!(
                    "on time {}, below the {} we aim for",
                    percent(share),
                    percent(t.our_on_time_good)
                ),
                "date our next promises realistically, and keep them",
            ),
            _ => Reading::new(
                level,
                value,
                format!(
                    "on time {}, under {}: our word is slipping",
                    percent(share),
                    percent(t.our_on_time_watch)
                ),
                "promise less, date it realistically, and keep the next one on time",
            ),
        }
    });

    let overdue = days_our_oldest_overdue(context).map(|overdue_days| {
        let (value, next) = if ours.overdue > 1 {
            (
                format!(
                    "{} of ours overdue, the oldest by {}",
                    plural(ours.overdue, "item", "items"),
                    days(overdue_days)
                ),
                format!(
                    "deliver our {} overdue items or agree new dates with them",
                    ours.overdue
                ),
            )
        } else {
            (
                format!("our open item is {} overdue", days(overdue_days)),
                "deliver our overdue item or agree a new date with them".to_string(),
            )
        };
        if overdue_days > i64::from(t.our_overdue_days) {
            let why = format!(
                "something of ours is {} overdue, more than {}",
                days(overdue_days),
                t.our_overdue_days
            );
            Reading::new(Level::Poor, value, why, next)
        } else {
            let why = format!("something of ours is {} overdue", days(overdue_days));
            Reading::new(Level::Watch, value, why, next)
        }
    });

    let unknown = Reading::new(
        Level::Unknown,
        format!("nothing of ours was due in the last {window} days"),
        "no dated commitment of ours to judge yet",
        "give our next commitment a due date",
    );
    // Overdue first: when both are at the same level, the overdue item is the thing to act on.
    combine(vec![overdue, on_time], unknown)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, SideLedger};
    use crate::domain::health::signal::{Level, SignalKey};

    fn ours(due: u32, kept_on_time: u32, overdue_days: Option<u64>) -> HealthInput {
        HealthInput {
            ours: SideLedger {
                due_in_window: due,
                kept_on_time,
                open_dated: u32::from(overdue_days.is_some()),
                overdue: u32::from(overdue_days.is_some()),
                oldest_overdue_due_on: overdue_days.map(ago),
                kept_recent: kept_on_time,
            },
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::all_kept(10, 10, None, Level::Good)]
    #[case::exactly_90_percent_is_good(10, 9, None, Level::Good)]
    #[case::just_under_90_is_watch(1000, 899, None, Level::Watch)]
    #[case::exactly_70_percent_is_watch(10, 7, None, Level::Watch)]
    #[case::just_under_70_is_poor(1000, 699, None, Level::Poor)]
    #[case::none_kept(4, 0, None, Level::Poor)]
    #[case::one_day_overdue_is_watch(10, 10, Some(1), Level::Watch)]
    #[case::fourteen_days_overdue_is_watch(10, 10, Some(14), Level::Watch)]
    #[case::fifteen_days_overdue_is_poor(10, 10, Some(15), Level::Poor)]
    #[case::due_today_is_not_overdue(10, 10, Some(0), Level::Good)]
    #[case::overdue_beyond_the_window_still_counts(0, 0, Some(200), Level::Poor)]
    #[case::nothing_due_nothing_overdue(0, 0, None, Level::Unknown)]
    #[case::the_worse_part_wins(10, 6, Some(3), Level::Poor)]
    fn levels(
        #[case] due: u32,
        #[case] kept: u32,
        #[case] overdue_days: Option<u64>,
        #[case] expected: Level,
    ) {
        let read = reading(SignalKey::OurReliability, &ours(due, kept, overdue_days));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn value_and_action_in_the_users_words() {
        let read = reading(SignalKey::OurReliability, &ours(10, 9, Some(20)));
        assert_eq!(
            read.value,
            "our open item is 20 days overdue; kept 9 of 10 on time"
        );
        assert_eq!(
            read.why,
            "something of ours is 20 days overdue, more than 14"
        );
        assert_eq!(
            read.next_action,
            "deliver our overdue item or agree a new date with them"
        );
        let good = reading(SignalKey::OurReliability, &ours(10, 9, None));
        assert_eq!(good.value, "kept 9 of 10 on time");
    }

    #[test]
    fn unknown_says_why() {
        let read = reading(SignalKey::OurReliability, &ours(0, 0, None));
        assert_eq!(read.value, "nothing of ours was due in the last 180 days");
    }
}

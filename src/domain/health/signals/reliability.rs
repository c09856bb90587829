//! Our reliability: do we keep what we promise, on time — and when we slip, do we own it?
//!
//! Evidence: at least 2 of our dated commitments fell due in the last 180 days (judged by the
//! due day first missed when one was re-dated late), or one of ours is overdue, slipped in the
//! last 30 days or was reviewed "not honoured" in 90 days; else unknown. Four parts, the
//! worst wins:
//! - on time: good ≥ 90 %; watch 70 % ≤ s < 90 %, or below 70 % over fewer than 4 items;
//!   poor below 70 % over 4 or more (a re-date after the due day is late, once);
//! - overdue: 1–14 days watch, more than 14 poor;
//! - slips: promises of ours that broke in the last 30 days (went overdue, missed, kept late,
//!   re-dated late): 1 watch, 2 or more poor; a re-date made more than 14 days late and not
//!   yet told is poor, as the overdue item was;
//! - our ongoing items reviewed "not honoured" in 90 days: 1 watch, 2 or more poor.

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

/// How many days late an untold re-date of ours was made, when it was more than the overdue
/// limit: it weighs as the overdue item it replaced until we tell them.
pub(crate) fn untold_late_redate(context: &Context) -> Option<i64> {
    let limit = i64::from(context.rules.thresholds.our_overdue_days);
    context
        .input
        .untold
        .most_days_late_redated
        .filter(|days| *days > limit)
}

pub(super) fn read(context: &Context) -> Reading {
    let t = &context.rules.thresholds;
    let ours = &context.input.ours;
    let window = context.rules.windows.reliability_days;
    let slip_days = context.rules.windows.slip_days;
    let evidence = ours.due_in_window >= context.rules.evidence.reliability_min_due
        || ours.overdue > 0
        || ours.slips_recent > 0
        || ours.not_honoured > 0
        || context.input.untold.most_days_late_redated.is_some();
    if !evidence {
        return Reading::new(
            Level::Unknown,
            match ours.due_in_window {
                0 => format!("nothing of ours fell due in the last {window} days"),
                n => format!("only {n} of ours fell due in the last {window} days"),
            },
            "too few dated commitments of ours to judge yet",
            "note what we promise, each with a due day",
        );
    }

    let on_time = ratio(ours.kept_on_time.into(), ours.due_in_window.into()).map(|share| {
        let mut level = grade_up(share, t.our_on_time_good, t.our_on_time_watch);
        if level == Level::Poor && ours.due_in_window < t.min_items_for_poor {
            level = Level::Watch;
        }
        let value = format!(
            "kept {} of {} on time ({})",
            ours.kept_on_time,
            ours.due_in_window,
            percent(share)
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
                    "deliver our {} overdue items, or tell them and agree new dates",
                    ours.overdue
                ),
            )
        } else {
            (
                format!("our open item is {} overdue", days(overdue_days)),
                "deliver our overdue item, or tell them and agree a new date".to_string(),
            )
        };
        if overdue_days > i64::from(t.our_overdue_days) {
            Reading::new(
                Level::Poor,
                value,
                format!(
                    "something of ours is {} overdue, more than {}",
                    days(overdue_days),
                    t.our_overdue_days
                ),
                next,
            )
        } else {
            Reading::new(
                Level::Watch,
                value,
                format!("something of ours is {} overdue", days(overdue_days)),
                next,
            )
        }
    });

    let late_redate = untold_late_redate(context).map(|late| {
        Reading::new(
            Level::Poor,
            format!("re-dated {} after it was due, not yet told", days(late)),
            format!(
                "we moved a promise {} after its due day and have not told them",
                days(late)
            ),
            "tell them we slipped, and the new date, in a bad-news update",
        )
    });

    let slips = (ours.slips_recent > 0).then(|| {
        let value = format!(
            "{} in {slip_days} days",
            plural(ours.slips_recent, "slip", "slips")
        );
        if ours.slips_recent >= t.our_slips_poor {
            Reading::new(
                Level::Poor,
                value,
                format!(
                    "{} promises of ours broke in {slip_days} days: overdue, missed, late or re-dated",
                    ours.slips_recent
                ),
                "own the slips with them, and promise only what we can keep",
            )
        } else {
            Reading::new(
                Level::Watch,
                value,
                format!("one slip of ours in {slip_days} days"),
                "make sure they heard it from us, with the new date",
            )
        }
    });

    let review_days = context.rules.windows.review_days;
    let not_honoured = (ours.not_honoured > 0).then(|| {
        let value = format!(
            "our charter reviewed not honoured {} in {review_days} days",
            plural(ours.not_honoured, "time", "times")
        );
        let level = if ours.not_honoured >= t.not_honoured_poor {
            Level::Poor
        } else {
            Level::Watch
        };
        Reading::new(
            level,
            value,
            "we did not live up to what we stated at the start",
            "pick the intention we let slide and act on it this week",
        )
    });

    let unknown = Reading::new(
        Level::Unknown,
        format!("nothing of ours was due in the last {window} days"),
        "no dated commitment of ours to judge yet",
        "give our next commitment a due date",
    );
    // Overdue first: when parts share a level, the overdue item is the thing to act on.
    combine(
        vec![overdue, late_redate, slips, on_time, not_honoured],
        unknown,
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, SideLedger, Untold};
    use crate::domain::health::signal::{Level, SignalKey};

    fn ours(due: u32, kept_on_time: u32, overdue_days: Option<u64>) -> HealthInput {
        HealthInput {
            ours: SideLedger {
                due_in_window: due,
                kept_on_time,
                open_dated: u32::from(overdue_days.is_some()),
                overdue: u32::from(overdue_days.is_some()),
                oldest_overdue_due_on: overdue_days.map(ago),
                ..SideLedger::default()
            },
            ..HealthInput::default()
        }
    }

    fn with(mut input: HealthInput, slips: u32, not_honoured: u32) -> HealthInput {
        input.ours.slips_recent = slips;
        input.ours.not_honoured = not_honoured;
        input
    }

    #[rstest]
    #[case::all_kept(ours(10, 10, None), Level::Good)]
    #[case::exactly_90_percent_is_good(ours(10, 9, None), Level::Good)]
    #[case::just_under_90_is_watch(ours(1000, 899, None), Level::Watch)]
    #[case::exactly_70_percent_is_watch(ours(10, 7, None), Level::Watch)]
    #[case::just_under_70_is_poor(ours(1000, 699, None), Level::Poor)]
    #[case::none_kept_of_four_is_poor(ours(4, 0, None), Level::Poor)]
    #[case::none_kept_of_three_is_only_watch(ours(3, 0, None), Level::Watch)]
    #[case::one_day_overdue_is_watch(ours(10, 10, Some(1)), Level::Watch)]
    #[case::fourteen_days_overdue_is_watch(ours(10, 10, Some(14)), Level::Watch)]
    #[case::fifteen_days_overdue_is_poor(ours(10, 10, Some(15)), Level::Poor)]
    #[case::due_today_is_not_overdue(ours(10, 10, Some(0)), Level::Good)]
    #[case::overdue_beyond_the_window_still_counts(ours(0, 0, Some(200)), Level::Poor)]
    #[case::nothing_due_nothing_overdue(ours(0, 0, None), Level::Unknown)]
    #[case::one_item_due_is_too_little(ours(1, 1, None), Level::Unknown)]
    #[case::two_items_due_are_enough(ours(2, 2, None), Level::Good)]
    #[case::one_overdue_alone_is_evidence(ours(1, 0, Some(3)), Level::Watch)]
    #[case::the_worse_part_wins(ours(10, 6, Some(3)), Level::Poor)]
    #[case::one_slip_is_watch(with(ours(10, 10, None), 1, 0), Level::Watch)]
    #[case::two_slips_are_poor(with(ours(10, 10, None), 2, 0), Level::Poor)]
    #[case::a_slip_alone_is_evidence(with(ours(0, 0, None), 1, 0), Level::Watch)]
    #[case::one_not_honoured_is_watch(with(ours(10, 10, None), 0, 1), Level::Watch)]
    #[case::two_not_honoured_are_poor(with(ours(10, 10, None), 0, 2), Level::Poor)]
    fn levels(#[case] input: HealthInput, #[case] expected: Level) {
        let read = reading(SignalKey::OurReliability, &input);
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[rstest]
    #[case::told_or_not_late_enough(Some(14), Level::Watch)]
    #[case::redated_more_than_14_days_late(Some(15), Level::Poor)]
    fn an_untold_late_redate_weighs_as_the_overdue_item(
        #[case] late: Option<i64>,
        #[case] expected: Level,
    ) {
        let mut input = with(ours(10, 9, None), 1, 0);
        input.untold = Untold {
            count: 1,
            oldest_broken_on: Some(ago(20)),
            most_days_late_redated: late,
        };
        assert_eq!(reading(SignalKey::OurReliability, &input).level, expected);
    }

    #[test]
    fn value_and_action_in_the_users_words() {
        let read = reading(SignalKey::OurReliability, &ours(10, 9, Some(20)));
        assert_eq!(
            read.value,
            "our open item is 20 days overdue; kept 9 of 10 on time (90 %)"
        );
        assert_eq!(
            read.why,
            "something of ours is 20 days overdue, more than 14"
        );
        assert_eq!(
            read.next_action,
            "deliver our overdue item, or tell them and agree a new date"
        );
        let good = reading(SignalKey::OurReliability, &ours(3, 2, None));
        assert_eq!(good.value, "kept 2 of 3 on time (67 %)");
    }

    #[test]
    fn unknown_says_why() {
        let read = reading(SignalKey::OurReliability, &ours(0, 0, None));
        assert_eq!(read.value, "nothing of ours fell due in the last 180 days");
    }
}

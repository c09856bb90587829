//! Reciprocity: do they keep their word, and does the effort run both ways?
//!
//! Evidence: at least 2 of their dated commitments fell due in the last 90 days, or at least
//! 4 conversations in 90 days over a partnership at least 45 days old; else unknown. A
//! conversation is any touch but our own `update` and `care` (what the seed asks of us never
//! counts as one-way effort). Four parts, the worst wins:
//! - their on-time share (overdue and open counts as not kept): good ≥ 80 %; watch 50 % ≤ s <
//!   80 %, or below 50 % over fewer than 4 items; poor below 50 % over 4 or more;
//! - effort in 60 days = (our kept + conversations we started) ÷ (their kept + conversations
//!   they started), kept promises counted when they fell due: watch above 2; poor above 3
//!   when they started no conversation and kept none of their promises;
//! - share of the conversations they started in 90 days: watch below 25 %;
//! - their ongoing items reviewed "not honoured" in 90 days: watch.

use super::{Context, combine, grade_up, ratio};
use crate::domain::health::signal::{Level, Reading, percent, plural};

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let t = &context.rules.thresholds;
    let w = &context.rules.windows;
    let e = &context.rules.evidence;
    let theirs = &input.theirs;
    let conversations = input.conversations_recent;
    let history_days = input
        .first_record_on
        .map_or(0, |first| (context.today - first).num_days());
    let evidence = theirs.due_in_window >= e.reciprocity_min_due
        || (conversations.total() >= u64::from(e.reciprocity_min_conversations)
            && history_days >= i64::from(e.reciprocity_min_history_days));
    if !evidence {
        return Reading::new(
            Level::Unknown,
            format!(
                "{} of theirs due in {} days, {} in {} days",
                theirs.due_in_window,
                w.reciprocity_commitment_days,
                plural(
                    u32::try_from(conversations.total()).unwrap_or(u32::MAX),
                    "conversation",
                    "conversations"
                ),
                w.reciprocity_touch_days
            ),
            "too little of their side yet to judge",
            "note what they promise, with a date, and who starts each conversation",
        );
    }

    let on_time = ratio(theirs.kept_on_time.into(), theirs.due_in_window.into()).map(|share| {
        let mut level = grade_up(share, t.their_on_time_good, t.their_on_time_watch);
        if level == Level::Poor && theirs.due_in_window < t.min_items_for_poor {
            level = Level::Watch;
        }
        let value = format!(
            "they kept {} of {} on time ({})",
            theirs.kept_on_time,
            theirs.due_in_window,
            percent(share)
        );
        let next = if theirs.overdue > 0 {
            format!(
                "they owe {}, {} overdue: ask",
                plural(theirs.open_dated, "item", "items"),
                theirs.overdue
            )
        } else {
            "ask them to date what they promise, and follow up on the day".to_string()
        };
        match level {
            Level::Good => Reading::new(
                level,
                value,
                "they keep their promises on time",
                "thank them for delivering; keep asking for dates",
            ),
            Level::Watch => Reading::new(
                level,
                value,
                format!(
                    "they kept {} on time, below {}",
                    percent(share),
                    percent(t.their_on_time_good)
                ),
                next,
            ),
            _ => Reading::new(
                level,
                value,
                format!(
                    "they kept {} on time, under {}",
                    percent(share),
                    percent(t.their_on_time_watch)
                ),
                next,
            ),
        }
    });

    let effort_window = input.conversations_effort;
    let our_effort = u64::from(input.ours.kept_for_effort) + u64::from(effort_window.by_us);
    let their_effort = u64::from(theirs.kept_for_effort) + u64::from(effort_window.by_them);
    let effort = (our_effort + their_effort > 0).then(|| {
        let days = w.effort_days;
        match ratio(our_effort, their_effort) {
            Some(r) => {
                let value =
                    format!("effort {r:.1} to 1 in {days} days (ours {our_effort}, theirs {their_effort})");
                if r > t.effort_ratio_watch {
                    Reading::new(
                        Level::Watch,
                        value,
                        format!("we put in {r:.1} times their effort"),
                        "ask for their share of the work on the next call",
                    )
                } else {
                    Reading::new(Level::Good, value, "the effort runs both ways", "keep it two-way")
                }
            }
            None => Reading::new(
                Level::Poor,
                format!("effort one way in {days} days (ours {our_effort}, theirs 0)"),
                format!(
                    "in {days} days they started no conversation and kept no promise while we kept at it"
                ),
                "say plainly what we need from them; if nothing changes, review the partnership",
            ),
        }
    });

    let started = ratio(conversations.by_them.into(), conversations.total()).map(|share| {
        let value = format!(
            "they started {} of {} conversations in {} days",
            conversations.by_them,
            conversations.total(),
            w.reciprocity_touch_days
        );
        if share < t.their_touch_share {
            Reading::new(
                Level::Watch,
                value,
                format!(
                    "they started {}, under {} of the conversations",
                    percent(share),
                    percent(t.their_touch_share)
                ),
                "leave room for them to reach out; ask them to set up the next conversation",
            )
        } else {
            Reading::new(Level::Good, value, "they reach out too", "keep it two-way")
        }
    });

    let not_honoured = (theirs.not_honoured > 0).then(|| {
        Reading::new(
            Level::Watch,
            format!(
                "their charter reviewed not honoured {} in {} days",
                plural(theirs.not_honoured, "time", "times"),
                w.review_days
            ),
            "they have not lived up to what we expected of them",
            "raise the expectation they let slide, plainly, on the next call",
        )
    });

    let unknown = Reading::new(
        Level::Unknown,
        "nothing of theirs to judge".to_string(),
        "nothing yet to judge their side by",
        "note what they promise, with a date",
    );
    combine(vec![on_time, effort, started, not_honoured], unknown)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{Conversations, HealthInput, SideLedger};
    use crate::domain::health::signal::{Level, SignalKey};

    /// `(due, kept on time)` of theirs; `(our kept, our conversations)`, `(their kept, their
    /// conversations)` in the effort window, the same conversations in the share's window;
    /// a partnership 100 days old.
    fn input(theirs_due: (u32, u32), ours: (u32, u32), theirs: (u32, u32)) -> HealthInput {
        let talk = Conversations {
            by_us: ours.1,
            by_them: theirs.1,
        };
        HealthInput {
            ours: SideLedger {
                kept_for_effort: ours.0,
                ..SideLedger::default()
            },
            theirs: SideLedger {
                due_in_window: theirs_due.0,
                kept_on_time: theirs_due.1,
                kept_for_effort: theirs.0,
                ..SideLedger::default()
            },
            conversations_recent: talk,
            conversations_effort: talk,
            first_record_on: Some(ago(100)),
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::all_good((10, 10), (5, 5), (5, 5), Level::Good)]
    #[case::their_80_percent_is_good((10, 8), (5, 5), (5, 5), Level::Good)]
    #[case::their_just_under_80_is_watch((1000, 799), (5, 5), (5, 5), Level::Watch)]
    #[case::their_50_percent_is_watch((10, 5), (5, 5), (5, 5), Level::Watch)]
    #[case::their_just_under_50_is_poor((1000, 499), (5, 5), (5, 5), Level::Poor)]
    #[case::under_50_over_three_items_is_watch((3, 1), (5, 5), (5, 5), Level::Watch)]
    #[case::under_50_over_four_items_is_poor((4, 1), (5, 5), (5, 5), Level::Poor)]
    #[case::effort_exactly_2_is_good((0, 0), (0, 4), (0, 2), Level::Good)]
    #[case::effort_just_over_2_is_watch((0, 0), (0, 201), (0, 100), Level::Watch)]
    #[case::effort_far_over_3_with_some_from_them_is_watch((0, 0), (0, 40), (1, 1), Level::Watch)]
    #[case::effort_one_way_is_poor((0, 0), (3, 5), (0, 0), Level::Poor)]
    #[case::share_exactly_25_percent_is_good((0, 0), (0, 3), (1, 1), Level::Good)]
    #[case::share_under_25_percent_is_watch((0, 0), (0, 7), (1, 2), Level::Watch)]
    #[case::too_few_conversations_is_unknown((0, 0), (0, 2), (0, 1), Level::Unknown)]
    #[case::one_of_theirs_due_is_too_little((1, 0), (0, 0), (0, 0), Level::Unknown)]
    #[case::two_of_theirs_due_are_enough((2, 2), (0, 0), (0, 0), Level::Good)]
    fn levels(
        #[case] theirs_due: (u32, u32),
        #[case] ours: (u32, u32),
        #[case] theirs: (u32, u32),
        #[case] expected: Level,
    ) {
        let read = reading(SignalKey::Reciprocity, &input(theirs_due, ours, theirs));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn conversations_need_45_days_of_history() {
        let mut young = input((0, 0), (0, 4), (0, 4));
        young.first_record_on = Some(ago(44));
        assert_eq!(
            reading(SignalKey::Reciprocity, &young).level,
            Level::Unknown
        );
        young.first_record_on = Some(ago(45));
        assert_eq!(reading(SignalKey::Reciprocity, &young).level, Level::Good);
    }

    #[test]
    fn their_not_honoured_charter_is_watch() {
        let mut input = input((4, 4), (2, 2), (2, 2));
        input.theirs.not_honoured = 1;
        assert_eq!(reading(SignalKey::Reciprocity, &input).level, Level::Watch);
    }

    #[test]
    fn they_owe_items_names_the_count() {
        let mut owed = input((5, 1), (2, 10), (0, 2));
        owed.theirs.open_dated = 3;
        owed.theirs.overdue = 2;
        let read = reading(SignalKey::Reciprocity, &owed);
        assert_eq!(read.level, Level::Poor);
        assert_eq!(read.next_action, "they owe 3 items, 2 overdue: ask");
        assert_eq!(
            read.value,
            "they kept 1 of 5 on time (20 %); effort 6.0 to 1 in 60 days (ours 12, theirs 2); \
             they started 2 of 12 conversations in 90 days"
        );
    }
}

//! Reciprocity: do they keep their word, and does the effort run both ways?
//!
//! Three parts, the worst wins:
//! - their on-time share: good ≥ 80 %, watch 50 % ≤ s < 80 %, poor < 50 %;
//! - effort ratio (ours ÷ theirs): good < 2, watch 2 ≤ r ≤ 3, poor > 3; with nothing from
//!   them and something from us the ratio is infinite (poor);
//! - share of touches they started: watch below 25 % (exactly 25 % is good).
//!
//! A part with nothing to count is not judged; with no part judged the signal is unknown.

use super::{Context, combine, grade_up, ratio};
use crate::domain::health::signal::{Level, Reading, percent, plural};

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let t = &context.rules.thresholds;
    let w = &context.rules.windows;
    let theirs = &input.theirs;

    let on_time = ratio(theirs.kept_on_time.into(), theirs.due_in_window.into()).map(|share| {
        let level = grade_up(share, t.their_on_time_good, t.their_on_time_watch);
        let value = format!(
            "they kept {} of {} on time",
            theirs.kept_on_time, theirs.due_in_window
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

    let our_effort = u64::from(input.ours.kept_recent) + u64::from(input.touches_recent_by_us);
    let their_effort = u64::from(theirs.kept_recent) + u64::from(input.touches_recent_by_them);
    let effort = (our_effort + their_effort > 0).then(|| {
        let value = match ratio(our_effort, their_effort) {
            Some(r) => format!(
                "effort {r:.1} to 1 in {} days (ours {our_effort}, theirs {their_effort})",
                w.reciprocity_touch_days
            ),
            None => format!(
                "effort one way in {} days (ours {our_effort}, theirs 0)",
                w.reciprocity_touch_days
            ),
        };
        match ratio(our_effort, their_effort) {
            Some(r) if r < t.effort_ratio_watch => Reading::new(
                Level::Good,
                value,
                "the effort runs both ways",
                "keep it two-way",
            ),
            Some(r) if r <= t.effort_ratio_poor => Reading::new(
                Level::Watch,
                value,
                format!("we put in {r:.1} times their effort"),
                "ask for their share of the work on the next call",
            ),
            _ => Reading::new(
                Level::Poor,
                value,
                format!(
                    "we put in more than {} times their effort: it runs one way",
                    t.effort_ratio_poor
                ),
                "say plainly what we need from them; if nothing changes, review the partnership",
            ),
        }
    });

    let touches = u64::from(input.touches_recent_by_us) + u64::from(input.touches_recent_by_them);
    let started = ratio(input.touches_recent_by_them.into(), touches).map(|share| {
        let value = format!(
            "they started {} of {touches} touches in {} days",
            input.touches_recent_by_them, w.reciprocity_touch_days
        );
        if share < t.their_touch_share {
            Reading::new(
                Level::Watch,
                value,
                format!(
                    "they started {}, under {} of the touches",
                    percent(share),
                    percent(t.their_touch_share)
                ),
                "leave room for them to reach out; ask them to set up the next conversation",
            )
        } else {
            Reading::new(Level::Good, value, "they reach out too", "keep it two-way")
        }
    });

    let unknown = Reading::new(
        Level::Unknown,
        format!(
            "nothing of theirs due in {} days and no touches in {} days",
            w.reciprocity_commitment_days, w.reciprocity_touch_days
        ),
        "nothing yet to judge their side by",
        "note what they promise, with a date",
    );
    combine(vec![on_time, effort, started], unknown)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::reading;
    use crate::domain::health::input::{HealthInput, SideLedger};
    use crate::domain::health::signal::{Level, SignalKey};

    /// `(due, kept on time)` of theirs, `(our kept, our touches)`, `(their kept, their touches)`.
    fn input(theirs_due: (u32, u32), ours: (u32, u32), theirs: (u32, u32)) -> HealthInput {
        HealthInput {
            ours: SideLedger {
                kept_recent: ours.0,
                ..SideLedger::default()
            },
            theirs: SideLedger {
                due_in_window: theirs_due.0,
                kept_on_time: theirs_due.1,
                kept_recent: theirs.0,
                ..SideLedger::default()
            },
            touches_recent_by_us: ours.1,
            touches_recent_by_them: theirs.1,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::all_good((10, 10), (5, 5), (5, 5), Level::Good)]
    #[case::their_80_percent_is_good((10, 8), (5, 5), (5, 5), Level::Good)]
    #[case::their_just_under_80_is_watch((1000, 799), (5, 5), (5, 5), Level::Watch)]
    #[case::their_50_percent_is_watch((10, 5), (5, 5), (5, 5), Level::Watch)]
    #[case::their_just_under_50_is_poor((1000, 499), (5, 5), (5, 5), Level::Poor)]
    #[case::effort_just_under_2_is_good((0, 0), (0, 199), (0, 100), Level::Good)]
    #[case::effort_exactly_2_is_watch((0, 0), (0, 4), (0, 2), Level::Watch)]
    #[case::effort_exactly_3_is_watch((0, 0), (0, 6), (0, 2), Level::Watch)]
    #[case::effort_just_over_3_is_poor((0, 0), (0, 301), (0, 100), Level::Poor)]
    #[case::effort_one_way_is_poor((0, 0), (3, 0), (0, 0), Level::Poor)]
    #[case::kept_commitments_count_as_effort((0, 0), (6, 0), (1, 1), Level::Watch)]
    #[case::share_exactly_25_percent_is_good((0, 0), (0, 3), (1, 1), Level::Good)]
    #[case::share_under_25_percent_is_watch((0, 0), (0, 31), (10, 10), Level::Watch)]
    #[case::nothing_at_all_is_unknown((0, 0), (0, 0), (0, 0), Level::Unknown)]
    #[case::only_their_commitments((4, 4), (0, 0), (0, 0), Level::Good)]
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
    fn they_owe_items_names_the_count() {
        let mut owed = input((5, 1), (2, 10), (0, 2));
        owed.theirs.open_dated = 3;
        owed.theirs.overdue = 2;
        let read = reading(SignalKey::Reciprocity, &owed);
        assert_eq!(read.level, Level::Poor);
        assert_eq!(read.next_action, "they owe 3 items, 2 overdue: ask");
        assert_eq!(
            read.value,
            "they kept 1 of 5 on time; effort 6.0 to 1 in 90 days (ours 12, theirs 2); \
             they started 2 of 12 touches in 90 days"
        );
    }
}

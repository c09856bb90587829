//! Momentum: is their commitment dwindling?
//!
//! Their activity = touches they started + commitments they made + commitments of theirs kept.
//! Ratio = activity per day in the last 30 days ÷ activity per day in the 60 days before.
//! Good ≥ 0.8, watch 0.5 ≤ r < 0.8, poor < 0.5. Unknown when they did nothing in the 60 days
//! before (nothing to compare with).

use super::{Context, grade_up};
use crate::domain::health::signal::{Level, Reading, percent};

pub(super) fn read(context: &Context) -> Reading {
    let t = &context.rules.thresholds;
    let recent_days = context.windows.momentum_recent.days();
    let before_days = context.windows.momentum_before.days();
    let recent = context.input.their_activity_recent.total();
    let before = context.input.their_activity_before.total();
    if before == 0 || recent_days == 0 || before_days == 0 {
        return Reading::new(
            Level::Unknown,
            format!(
                "no activity of theirs in the {before_days} days before the last {recent_days}"
            ),
            "nothing to compare their recent activity with",
            "log when they reach out, promise or deliver",
        );
    }
    // Per-day rates compared with a single division.
    let ratio = (recent as f64 * f64::from(before_days)) / (before as f64 * f64::from(recent_days));
    let value = format!(
        "their activity: {recent} in {recent_days} days vs {before} in the {before_days} before ({} of the pace)",
        percent(ratio)
    );
    match grade_up(ratio, t.momentum_good, t.momentum_watch) {
        Level::Good => Reading::new(
            Level::Good,
            value,
            "they are as engaged as before",
            "keep giving them reasons to engage",
        ),
        Level::Watch => Reading::new(
            Level::Watch,
            value,
            format!("their activity slowed to {} of its pace", percent(ratio)),
            "check in: ask what is on their plate",
        ),
        _ => Reading::new(
            Level::Poor,
            value,
            format!(
                "their activity fell below {} of its pace: commitment dwindling",
                percent(t.momentum_watch)
            ),
            "ask what changed on their side",
        ),
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::reading;
    use crate::domain::health::input::{HealthInput, TheirActivity};
    use crate::domain::health::signal::{Level, SignalKey};

    fn touches(n: u32) -> TheirActivity {
        TheirActivity {
            touches_started: n,
            ..TheirActivity::default()
        }
    }

    fn input(recent: TheirActivity, before: TheirActivity) -> HealthInput {
        HealthInput {
            their_activity_recent: recent,
            their_activity_before: before,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::same_pace(touches(5), touches(10), Level::Good)]
    #[case::exactly_80_percent_is_good(touches(4), touches(10), Level::Good)]
    #[case::just_under_80_is_watch(touches(399), touches(1000), Level::Watch)]
    #[case::exactly_50_percent_is_watch(touches(5), touches(20), Level::Watch)]
    #[case::just_under_50_is_poor(touches(249), touches(1000), Level::Poor)]
    #[case::dried_up(touches(0), touches(12), Level::Poor)]
    #[case::nothing_before_is_unknown(touches(6), touches(0), Level::Unknown)]
    #[case::commitments_made_and_kept_count(
        TheirActivity { touches_started: 1, commitments_made: 2, commitments_kept: 2 },
        touches(10),
        Level::Good
    )]
    fn levels(
        #[case] recent: TheirActivity,
        #[case] before: TheirActivity,
        #[case] expected: Level,
    ) {
        let read = reading(SignalKey::Momentum, &input(recent, before));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn value_in_the_users_words() {
        let read = reading(SignalKey::Momentum, &input(touches(1), touches(12)));
        assert_eq!(
            read.value,
            "their activity: 1 in 30 days vs 12 in the 60 before (16 % of the pace)"
        );
    }
}

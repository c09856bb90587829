//! Charter review: are the standing intentions and expectations reviewed from time to time?
//!
//! d = days since the open ongoing item left longest without a review was last reviewed (an
//! item never reviewed counts from the day it was made; a skipped item is not reviewed).
//! Good d < 30; watch 30 ≤ d ≤ 45; poor d > 45. Unknown without open ongoing items.

use chrono::Days;

use super::Context;
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, plural};

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let t = &context.rules.thresholds;
    let (true, Some(since)) = (input.ongoing_items > 0, input.least_recent_review_on) else {
        return Reading::new(
            Level::Unknown,
            "no ongoing items".into(),
            "the charter has no standing intentions or expectations",
            "add the intentions and expectations of the first meeting as ongoing items",
        );
    };
    let elapsed = days_between(since, context.today).max(0);
    let items = plural(input.ongoing_items, "ongoing item", "ongoing items");
    let value = if input.ongoing_items == 1 {
        format!(
            "{} since the ongoing item was reviewed or made",
            days(elapsed)
        )
    } else {
        format!(
            "{} since the least recently reviewed of {items} was reviewed or made",
            days(elapsed)
        )
    };
    let review = format!("review the charter: walk the {items}");
    if elapsed > i64::from(t.charter_poor_days) {
        let why = format!("more than {} days without a review", t.charter_poor_days);
        Reading::new(Level::Poor, value, why, review)
    } else if elapsed >= i64::from(t.charter_watch_days) {
        Reading::new(Level::Watch, value, "a charter review is due", review)
    } else {
        let due = since
            .checked_add_days(Days::new(u64::from(t.charter_watch_days)))
            .unwrap_or(since);
        let why = format!("reviewed within {} days", t.charter_watch_days);
        Reading::new(Level::Good, value, why, format!("next review by {due}"))
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::HealthInput;
    use crate::domain::health::signal::{Level, SignalKey};

    fn input(items: u32, made: Option<u64>, reviewed: Option<u64>) -> HealthInput {
        HealthInput {
            ongoing_items: items,
            ongoing_since: made.map(ago),
            least_recent_review_on: reviewed.or(made).map(ago),
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::reviewed_today(3, Some(200), Some(0), Level::Good)]
    #[case::twenty_nine_days_is_good(3, Some(200), Some(29), Level::Good)]
    #[case::thirty_days_is_watch(3, Some(200), Some(30), Level::Watch)]
    #[case::forty_five_days_is_watch(3, Some(200), Some(45), Level::Watch)]
    #[case::forty_six_days_is_poor(3, Some(200), Some(46), Level::Poor)]
    #[case::never_reviewed_counts_from_the_oldest(2, Some(50), None, Level::Poor)]
    #[case::never_reviewed_but_new(2, Some(5), None, Level::Good)]
    #[case::no_ongoing_items(0, None, Some(3), Level::Unknown)]
    fn levels(
        #[case] items: u32,
        #[case] made: Option<u64>,
        #[case] reviewed: Option<u64>,
        #[case] expected: Level,
    ) {
        let read = reading(SignalKey::CharterReview, &input(items, made, reviewed));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn value_in_the_users_words() {
        let read = reading(SignalKey::CharterReview, &input(3, Some(200), Some(50)));
        assert_eq!(
            read.value,
            "50 days since the least recently reviewed of 3 ongoing items was reviewed or made"
        );
        assert_eq!(
            read.next_action,
            "review the charter: walk the 3 ongoing items"
        );
    }
}

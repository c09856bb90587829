//! After signing: did we switch off once it was signed?
//!
//! Signed partners only, from `after_signing_min_days` (30) after signing. Two parts:
//! - pace: touches per day since signing (at most the last 90 days) ÷ touches per day in the 90
//!   days before signing. Good ≥ 0.8, watch 0.5 ≤ r < 0.8, poor < 0.5. Not judged when nothing
//!   at all was logged before signing. Nothing in the 90 days before but something logged
//!   earlier: any touch since is good, none is poor.
//! - care: no `care` touch in the last 90 days is poor; one or more is good.

use super::{Context, combine, grade_up};
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, percent, plural};
use crate::domain::types::Stage;

/// Touches per 30 days, for the value shown.
fn per_month(touches: u32, days: u32) -> f64 {
    f64::from(touches) * 30.0 / f64::from(days.max(1))
}

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let w = &context.rules.windows;
    let t = &context.rules.thresholds;
    let unknown = |value: String, why: String| {
        Reading::new(
            Level::Unknown,
            value,
            why,
            "keep the pace you had before signing",
        )
    };
    let (Stage::Signed, Some(signed_on)) = (input.stage, input.signed_on) else {
        return unknown(
            "not signed".into(),
            "judged only once a partner is signed".into(),
        );
    };
    let (Some(after), Some(before)) = (
        context.windows.after_signing,
        context.windows.before_signing,
    ) else {
        return unknown(
            format!("signing date {signed_on} is after today"),
            "judged only after signing".into(),
        );
    };
    let days_signed = days_between(signed_on, context.today);
    if days_signed < i64::from(w.after_signing_min_days) {
        return unknown(
            format!("signed {} ago", days(days_signed)),
            format!(
                "judged from {} days after signing",
                w.after_signing_min_days
            ),
        );
    }

    let (after_n, before_n) = (input.touches_after_signing, input.touches_before_signing);
    let pace = input.logged_before_signing.then(|| {
        let value = format!(
            "{:.1} touches a month since signing vs {:.1} before",
            per_month(after_n, after.days()),
            per_month(before_n, before.days())
        );
        let switched_off = |value: String, why: String| {
            Reading::new(
                Level::Poor,
                value,
                why,
                "call with no ask: show you still care now that it is signed",
            )
        };
        if before_n == 0 {
            return if after_n > 0 {
                Reading::new(
                    Level::Good,
                    value,
                    "more touches since signing than before",
                    "keep the pace",
                )
            } else {
                switched_off(value, "no touch at all since signing".into())
            };
        }
        // Pace ratio (after / days after) ÷ (before / days before), with one division.
        let ratio = (f64::from(after_n) * f64::from(before.days()))
            / (f64::from(before_n) * f64::from(after.days().max(1)));
        let value = format!("{value} ({} of the pace)", percent(ratio));
        match grade_up(ratio, t.after_signing_good, t.after_signing_watch) {
            Level::Good => Reading::new(
                Level::Good,
                value,
                "the pace held after signing",
                "keep the pace",
            ),
            Level::Watch => Reading::new(
                Level::Watch,
                value,
                format!(
                    "touches slowed to {} of the pace before signing",
                    percent(ratio)
                ),
                "plan a care touch and a check-in",
            ),
            _ => switched_off(
                value,
                format!(
                    "touches fell to {} of the pace before signing: switched off",
                    percent(ratio)
                ),
            ),
        }
    });

    let care = if input.care_recent == 0 {
        Reading::new(
            Level::Poor,
            format!("no care touch in {} days", w.care_days),
            format!("no touch without an ask in the last {} days", w.care_days),
            "make a care touch: no ask, no pitch",
        )
    } else {
        Reading::new(
            Level::Good,
            format!(
                "{} in {} days",
                plural(input.care_recent, "care touch", "care touches"),
                w.care_days
            ),
            "we keep caring without an immediate return".to_string(),
            "keep caring without an ask",
        )
    };
    combine(
        vec![pace, Some(care)],
        unknown(String::new(), String::new()),
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::HealthInput;
    use crate::domain::health::signal::{Level, SignalKey};
    use crate::domain::types::Stage;

    /// Signed 120 days ago: after window = last 90 days, before window = 90 days.
    fn signed(after: u32, before: u32, logged_before: bool, care: u32) -> HealthInput {
        HealthInput {
            stage: Stage::Signed,
            signed_on: Some(ago(120)),
            touches_after_signing: after,
            touches_before_signing: before,
            logged_before_signing: logged_before,
            care_recent: care,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::same_pace(signed(10, 10, true, 1), Level::Good)]
    #[case::exactly_80_percent_is_good(signed(8, 10, true, 1), Level::Good)]
    #[case::just_under_80_is_watch(signed(79, 100, true, 1), Level::Watch)]
    #[case::exactly_50_percent_is_watch(signed(5, 10, true, 1), Level::Watch)]
    #[case::just_under_50_is_poor(signed(49, 100, true, 1), Level::Poor)]
    #[case::switched_off(signed(0, 10, true, 0), Level::Poor)]
    #[case::no_care_touch_is_poor(signed(10, 10, true, 0), Level::Poor)]
    #[case::nothing_before_signing_leaves_pace_unjudged(signed(0, 0, false, 1), Level::Good)]
    #[case::quiet_before_window_but_touches_since(signed(3, 0, true, 1), Level::Good)]
    #[case::quiet_before_and_since(signed(0, 0, true, 1), Level::Poor)]
    #[case::not_signed(HealthInput { care_recent: 0, ..HealthInput::default() }, Level::Unknown)]
    #[case::too_soon(HealthInput { signed_on: Some(ago(29)), ..signed(0, 10, true, 0) }, Level::Unknown)]
    #[case::thirty_days_is_judged(HealthInput { signed_on: Some(ago(30)), ..signed(0, 10, true, 0) }, Level::Poor)]
    #[case::signed_in_the_future(HealthInput { signed_on: Some(ago(0) + chrono::Days::new(5)), ..signed(0, 10, true, 0) }, Level::Unknown)]
    fn levels(#[case] input: HealthInput, #[case] expected: Level) {
        let read = reading(SignalKey::AfterSigning, &input);
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn a_short_time_since_signing_compares_paces_per_day() {
        // Signed 45 days ago: 45 days after (signing day included) vs 90 days before.
        let input = HealthInput {
            signed_on: Some(ago(44)),
            ..signed(3, 10, true, 1)
        };
        let read = reading(SignalKey::AfterSigning, &input);
        assert_eq!(read.level, Level::Watch, "{read:?}");
        assert_eq!(
            read.value,
            "2.0 touches a month since signing vs 3.3 before (60 % of the pace); 1 care touch in 90 days"
        );
    }

    #[test]
    fn switched_off_says_so() {
        let read = reading(SignalKey::AfterSigning, &signed(2, 10, true, 1));
        assert_eq!(
            read.why,
            "touches fell to 20 % of the pace before signing: switched off"
        );
        assert_eq!(
            read.next_action,
            "call with no ask: show you still care now that it is signed"
        );
    }
}

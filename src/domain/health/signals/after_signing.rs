//! After signing: did we switch off once it was signed?
//!
//! Signed partners only, judged from 14 days after signing. Three parts, the worst wins:
//! - pace: our touches per day since signing (at most the last 90 days; the signing day
//!   belongs to the courtship) ÷ our touches per day during the courtship (first record to
//!   the signing day, taken as at least 14 days). Good ≥ 0.8, watch 0.5 ≤ r < 0.8, poor
//!   < 0.5. Not judged when we logged no touch in the courtship;
//! - silence: days since our last touch of any kind (from the signing day at the earliest):
//!   watch 21–30, poor more than 30 — we switched off;
//! - care: no `care` touch in the last 90 days is watch, once signed 30 days.

use chrono::NaiveDate;

use super::{Context, combine, grade_up};
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, percent, plural};
use crate::domain::types::Stage;

/// Touches per 30 days, for the value shown.
fn per_month(touches: u32, days: i64) -> f64 {
    f64::from(touches) * 30.0 / (days.max(1) as f64)
}

/// The signing day, when the partner is signed and has been for the least time judged.
fn judged_signing(context: &Context) -> Option<NaiveDate> {
    let input = context.input;
    let signed_on = input.signed_on.filter(|_| input.stage == Stage::Signed)?;
    let days_signed = days_between(signed_on, context.today);
    (days_signed >= i64::from(context.rules.windows.after_signing_min_days)).then_some(signed_on)
}

/// Days without a touch from us since signing: from our last touch, or from the signing day
/// when that is later (or we never touched them). Today's agenda uses the same count.
pub fn days_without_us(
    signed_on: NaiveDate,
    last_touch_by_us: Option<NaiveDate>,
    today: NaiveDate,
) -> i64 {
    let since = last_touch_by_us.map_or(signed_on, |on| on.max(signed_on));
    days_between(since, today)
}

/// Days without any touch from us since signing, when we have switched off: more than
/// `silence_poor_days`. The verdict names it as ours.
pub(crate) fn switched_off_days(context: &Context) -> Option<i64> {
    let signed_on = judged_signing(context)?;
    let silent = days_without_us(signed_on, context.input.last_touch_by_us_on, context.today);
    (silent > i64::from(context.rules.thresholds.silence_poor_days)).then_some(silent)
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
            "keep caring after signing: touches, updates, a call with no ask",
        )
    };
    let (Stage::Signed, Some(signed_on)) = (input.stage, input.signed_on) else {
        return unknown(
            "not signed".into(),
            "judged only once a partner is signed".into(),
        );
    };
    let days_signed = days_between(signed_on, context.today);
    let Some(after) = context.windows.after_signing.filter(|_| days_signed >= 0) else {
        return unknown(
            format!("signing date {signed_on} is after today"),
            "judged only after signing".into(),
        );
    };
    if judged_signing(context).is_none() {
        return unknown(
            format!("signed {} ago", days(days_signed)),
            format!(
                "judged from {} days after signing",
                w.after_signing_min_days
            ),
        );
    }

    let first = input.first_record_on.unwrap_or(signed_on).min(signed_on);
    let courtship_days = days_between(first, signed_on).max(i64::from(w.courtship_min_days));
    let after_days = i64::from(after.days()).max(1);
    let (after_n, before_n) = (input.our_touches_after_signing, input.our_touches_courtship);
    let pace = (before_n > 0).then(|| {
        // Pace ratio (after / days after) ÷ (before / courtship days), with one division.
        let ratio = (f64::from(after_n) * courtship_days as f64)
            / (f64::from(before_n) * after_days as f64);
        let value = format!(
            "{:.1} touches a month from us since signing vs {:.1} in the {}-day courtship ({} of the pace)",
            per_month(after_n, after_days),
            per_month(before_n, courtship_days),
            courtship_days,
            percent(ratio)
        );
        match grade_up(ratio, t.after_signing_good, t.after_signing_watch) {
            Level::Good => Reading::new(
                Level::Good,
                value,
                "our pace held after signing",
                "keep the pace",
            ),
            Level::Watch => Reading::new(
                Level::Watch,
                value,
                format!("our touches slowed to {} of the courtship's pace", percent(ratio)),
                "plan a care touch and a check-in",
            ),
            _ => Reading::new(
                Level::Poor,
                value,
                format!(
                    "our touches fell to {} of the courtship's pace since signing",
                    percent(ratio)
                ),
                "call with no ask: show we still care now that it is signed",
            ),
        }
    });

    let silent = days_without_us(signed_on, input.last_touch_by_us_on, context.today).max(0);
    let silence = {
        let value = match input.last_touch_by_us_on {
            Some(on) if on >= signed_on => format!("{} since our last touch", days(silent)),
            _ => format!("no touch from us since signing {} ago", days(silent)),
        };
        if silent > i64::from(t.silence_poor_days) {
            Reading::new(
                Level::Poor,
                value,
                format!(
                    "we have not been in touch for {} since signing: we switched off",
                    days(silent)
                ),
                "call them, with no ask",
            )
        } else if silent >= i64::from(t.silence_watch_days) {
            Reading::new(
                Level::Watch,
                value,
                format!("{} without a touch from us", days(silent)),
                "get in touch this week, with no ask",
            )
        } else {
            Reading::new(Level::Good, value, "we stay in touch", "keep in touch")
        }
    };

    let care = (days_signed >= i64::from(w.care_after_signing_days)).then(|| {
        if input.care_recent == 0 {
            Reading::new(
                Level::Watch,
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
        }
    });
    // Silence first: when parts share a level, being out of touch is the thing to act on.
    combine(
        vec![Some(silence), pace, care],
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

    /// Signed 120 days ago after a 90-day courtship: the after window is the last 90 days.
    fn signed(after: u32, before: u32, last_touch: Option<u64>, care: u32) -> HealthInput {
        HealthInput {
            stage: Stage::Signed,
            signed_on: Some(ago(120)),
            first_record_on: Some(ago(210)),
            our_touches_after_signing: after,
            our_touches_courtship: before,
            last_touch_by_us_on: last_touch.map(ago),
            care_recent: care,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::same_pace(signed(10, 10, Some(2), 1), Level::Good)]
    #[case::exactly_80_percent_is_good(signed(8, 10, Some(2), 1), Level::Good)]
    #[case::just_under_80_is_watch(signed(79, 100, Some(2), 1), Level::Watch)]
    #[case::exactly_50_percent_is_watch(signed(5, 10, Some(2), 1), Level::Watch)]
    #[case::just_under_50_is_poor(signed(49, 100, Some(2), 1), Level::Poor)]
    #[case::no_care_touch_is_watch(signed(10, 10, Some(2), 0), Level::Watch)]
    #[case::nothing_in_the_courtship_leaves_pace_unjudged(signed(1, 0, Some(2), 1), Level::Good)]
    #[case::twenty_days_silent_is_good(signed(10, 10, Some(20), 1), Level::Good)]
    #[case::twenty_one_days_silent_is_watch(signed(10, 10, Some(21), 1), Level::Watch)]
    #[case::thirty_days_silent_is_watch(signed(10, 10, Some(30), 1), Level::Watch)]
    #[case::thirty_one_days_silent_is_poor(signed(10, 10, Some(31), 1), Level::Poor)]
    #[case::not_signed(HealthInput { care_recent: 0, ..HealthInput::default() }, Level::Unknown)]
    #[case::thirteen_days_is_too_soon(HealthInput { signed_on: Some(ago(13)), ..signed(0, 10, None, 0) }, Level::Unknown)]
    #[case::fourteen_days_is_judged(HealthInput { signed_on: Some(ago(14)), ..signed(0, 10, None, 0) }, Level::Poor)]
    #[case::signed_in_the_future(HealthInput { signed_on: Some(ago(0) + chrono::Days::new(5)), ..signed(0, 10, None, 0) }, Level::Unknown)]
    fn levels(#[case] input: HealthInput, #[case] expected: Level) {
        let read = reading(SignalKey::AfterSigning, &input);
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn a_short_courtship_is_measured_as_it_was() {
        // A 19-day courtship with 6 touches from us; signed 40 days ago; 6 touches since.
        let input = HealthInput {
            signed_on: Some(ago(40)),
            first_record_on: Some(ago(59)),
            ..signed(6, 6, Some(3), 1)
        };
        let read = reading(SignalKey::AfterSigning, &input);
        // 6 in 40 days vs 6 in 19 days: 47 % of the pace.
        assert_eq!(read.level, Level::Poor, "{read:?}");
        assert!(read.value.contains("19-day courtship"), "{read:?}");
    }

    #[test]
    fn silence_says_we_switched_off() {
        let read = reading(SignalKey::AfterSigning, &signed(2, 10, Some(40), 1));
        assert_eq!(
            read.why,
            "we have not been in touch for 40 days since signing: we switched off"
        );
        assert_eq!(read.next_action, "call them, with no ask");
    }
}

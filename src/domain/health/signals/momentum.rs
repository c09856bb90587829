//! Momentum: is their commitment dwindling? Judged by what they deliver, never by what they
//! promise.
//!
//! Their delivery = their commitments kept on time + conversations they started. Ratio =
//! delivery per day in the last 30 days ÷ delivery per day in the 60 days before. Good ≥ 0.8,
//! watch 0.5 ≤ r < 0.8, poor < 0.5 (dwindling); nothing delivered in either window is
//! dwindled; something now after nothing before is good. Lapses — their promises due in the
//! last 30 days and not kept on time — while nothing of theirs was kept on time in those days:
//! one is watch, 2 or more poor.
//!
//! Evidence: a partnership at least 60 days old (first record) with at least 3 deliveries of
//! theirs or lapses in the 90 days — or with at least 3 conversations they started, ever:
//! going silent after engaging is dwindling, not an absence of evidence; else unknown.

use super::{Context, combine, grade_up};
use crate::domain::health::signal::{Level, Reading, percent, plural};

pub(super) fn read(context: &Context) -> Reading {
    let t = &context.rules.thresholds;
    let e = &context.rules.evidence;
    let input = context.input;
    let recent_days = context.windows.momentum_recent.days();
    let before_days = context.windows.momentum_before.days();
    let recent = input.their_delivery_recent.total();
    let before = input.their_delivery_before.total();
    let age = input
        .first_record_on
        .map_or(0, |first| (context.today - first).num_days());
    let events = recent + before + u64::from(input.their_lapsed_evidence);
    // Silence after a history of engagement is evidence too: a partner who talked and then
    // stopped has dwindled, not become unknown.
    let history = input.their_conversations_ever >= e.momentum_min_events;
    if age < i64::from(e.momentum_min_age_days)
        || (events < u64::from(e.momentum_min_events) && !history)
        || recent_days == 0
        || before_days == 0
    {
        return Reading::new(
            Level::Unknown,
            format!(
                "{} deliveries or lapses of theirs in {} days",
                events,
                recent_days + before_days
            ),
            format!(
                "judged on a partnership of {} days or more with {} or more deliveries or lapses",
                e.momentum_min_age_days, e.momentum_min_events
            ),
            "log when they reach out and when they deliver",
        );
    }
    let pace = {
        // Per-day rates compared with a single division.
        let ratio = (recent as f64 * f64::from(before_days))
            / ((before as f64).max(f64::MIN_POSITIVE) * f64::from(recent_days));
        let level = match (recent, before) {
            (0, _) => Level::Poor,
            (_, 0) => Level::Good,
            _ => grade_up(ratio, t.momentum_good, t.momentum_watch),
        };
        let shown = if before == 0 {
            String::new()
        } else {
            format!(" ({} of the pace)", percent(ratio))
        };
        let value = format!(
            "their delivery: {recent} in {recent_days} days vs {before} in the {before_days} before{shown}"
        );
        match level {
            Level::Good => Reading::new(
                Level::Good,
                value,
                "they deliver and reach out as before",
                "keep giving them reasons to engage",
            ),
            Level::Watch => Reading::new(
                Level::Watch,
                value,
                format!("their delivery slowed to {} of its pace", percent(ratio)),
                "check in: ask what is on their plate",
            ),
            _ => Reading::new(
                Level::Poor,
                value,
                format!(
                    "their delivery fell below {} of its pace: their commitment is dwindling",
                    percent(t.momentum_watch)
                ),
                "ask what changed on their side",
            ),
        }
    };
    // Lapses weigh while nothing of theirs was kept on time in the same days.
    let nothing_kept = input.their_delivery_recent.kept_on_time == 0;
    let lapsed = (input.their_lapsed_recent > 0 && nothing_kept).then(|| {
        let value = format!(
            "{} of theirs lapsed unkept in {recent_days} days",
            plural(input.their_lapsed_recent, "promise", "promises")
        );
        if input.their_lapsed_recent >= t.lapsed_poor {
            Reading::new(
                Level::Poor,
                value,
                "their promises lapse and nothing of theirs was kept",
                "ask what they can still deliver, and by when",
            )
        } else {
            Reading::new(
                Level::Watch,
                value,
                "a promise of theirs lapsed",
                "ask about what they owe",
            )
        }
    });
    combine(
        vec![Some(pace), lapsed],
        Reading::new(Level::Unknown, String::new(), "", ""),
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, TheirDelivery};
    use crate::domain::health::signal::{Level, SignalKey};

    fn talks(n: u32) -> TheirDelivery {
        TheirDelivery {
            conversations_started: n,
            kept_on_time: 0,
        }
    }

    fn input(recent: TheirDelivery, before: TheirDelivery) -> HealthInput {
        HealthInput {
            their_delivery_recent: recent,
            their_delivery_before: before,
            first_record_on: Some(ago(200)),
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::same_pace(talks(5), talks(10), Level::Good)]
    #[case::exactly_80_percent_is_good(talks(4), talks(10), Level::Good)]
    #[case::just_under_80_is_watch(talks(399), talks(1000), Level::Watch)]
    #[case::exactly_50_percent_is_watch(talks(5), talks(20), Level::Watch)]
    #[case::just_under_50_is_poor(talks(249), talks(1000), Level::Poor)]
    #[case::dried_up(talks(0), talks(12), Level::Poor)]
    #[case::something_after_nothing_is_good(talks(6), talks(0), Level::Good)]
    #[case::two_events_are_too_few(talks(1), talks(1), Level::Unknown)]
    #[case::kept_commitments_count(
        TheirDelivery { conversations_started: 1, kept_on_time: 4 },
        talks(10),
        Level::Good
    )]
    fn levels(
        #[case] recent: TheirDelivery,
        #[case] before: TheirDelivery,
        #[case] expected: Level,
    ) {
        let read = reading(SignalKey::Momentum, &input(recent, before));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn silence_after_engaging_is_dwindled_not_unknown() {
        let mut silent = input(talks(0), talks(0));
        assert_eq!(reading(SignalKey::Momentum, &silent).level, Level::Unknown);
        silent.their_conversations_ever = 3;
        assert_eq!(reading(SignalKey::Momentum, &silent).level, Level::Poor);
    }

    #[test]
    fn a_young_partnership_is_not_judged() {
        let mut young = input(talks(0), talks(12));
        young.first_record_on = Some(ago(59));
        assert_eq!(reading(SignalKey::Momentum, &young).level, Level::Unknown);
    }

    #[test]
    fn lapses_without_delivery_are_dwindling() {
        let mut lapsing = input(talks(5), talks(10));
        lapsing.their_lapsed_recent = 2;
        lapsing.their_lapsed_evidence = 2;
        assert_eq!(reading(SignalKey::Momentum, &lapsing).level, Level::Poor);
        // Nothing delivered in either window, but three lapses: dwindled.
        let mut silent = input(talks(0), talks(0));
        silent.their_lapsed_evidence = 3;
        assert_eq!(reading(SignalKey::Momentum, &silent).level, Level::Poor);
        let mut one = input(talks(5), talks(10));
        one.their_lapsed_recent = 1;
        one.their_lapsed_evidence = 1;
        assert_eq!(reading(SignalKey::Momentum, &one).level, Level::Watch);
        // Something of theirs kept on time in the same days: the lapse does not weigh.
        one.their_delivery_recent.kept_on_time = 1;
        assert_eq!(reading(SignalKey::Momentum, &one).level, Level::Good);
    }

    #[test]
    fn value_in_the_users_words() {
        let read = reading(SignalKey::Momentum, &input(talks(1), talks(12)));
        assert_eq!(
            read.value,
            "their delivery: 1 in 30 days vs 12 in the 60 before (17 % of the pace)"
        );
    }
}

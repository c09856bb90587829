//! Openness & cadence: do we keep them updated, even when there are difficulties?
//!
//! Evidence: the partner is signed, or there is a slip of ours or an open problem to disclose;
//! else unknown (a courtship is not judged on an update cadence). Two parts, the worst wins:
//! - cadence (signed partners): d = days since our last `update` touch, the clock starting on
//!   the signing day; c = agreed `update_every_days`. Good d ≤ 1 × c; watch 1 × c < d ≤ 2 × c;
//!   poor d > 2 × c;
//! - disclosure (any stage): our broken promises (overdue, missed, re-dated late) and open
//!   problems with no bad-news touch on or after them. Watch while the oldest is up to 7 days
//!   old; poor beyond. Told, they are good.

use chrono::{Days, NaiveDate};

use super::{Context, combine};
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, plural};
use crate::domain::types::Stage;

/// The day the cadence clock runs from: our last update, or the signing day when that is
/// later (or there was no update). `None` when not signed by today.
pub(crate) fn cadence_since(context: &Context) -> Option<NaiveDate> {
    let input = context.input;
    let signed = input
        .signed_on
        .filter(|on| input.stage == Stage::Signed && *on <= context.today)?;
    Some(input.last_update_on.map_or(signed, |u| u.max(signed)))
}

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let t = &context.rules.thresholds;
    let cadence = input.update_every_days;
    let on_cadence = cadence_since(context).map(|since| {
        let elapsed = days_between(since, context.today).max(0);
        let days_text = days(elapsed);
        let updated_since_signing = input.last_update_on.is_some_and(|u| u >= since);
        let value = if updated_since_signing {
            format!("{days_text} since our last update, agreed every {cadence}")
        } else {
            format!("no update since signing {days_text} ago, agreed every {cadence}")
        };
        let send = if updated_since_signing {
            format!("send an update: {days_text} since the last")
        } else {
            "send a first update on progress since signing".to_string()
        };
        // Whole days against a multiple of the cadence: exact in f64 for any real cadence.
        let days_f = elapsed as f64;
        let cadence_f = f64::from(cadence);
        if days_f > t.cadence_poor * cadence_f {
            let why = format!(
                "more than {} × the agreed {cadence} days without an update",
                t.cadence_poor
            );
            Reading::new(Level::Poor, value, why, send)
        } else if days_f > t.cadence_watch * cadence_f {
            Reading::new(Level::Watch, value, "the update is late", send)
        } else {
            let due = since
                .checked_add_days(Days::new(u64::from(cadence)))
                .unwrap_or(since);
            let next = format!("send the next update by {due}");
            Reading::new(Level::Good, value, "updates go out on cadence", next)
        }
    });
    combine(vec![disclosure(context), on_cadence], unknown())
}

fn unknown() -> Reading {
    Reading::new(
        Level::Unknown,
        "not signed, nothing to disclose".to_string(),
        "the update cadence starts at signing",
        "share progress openly, even when there are difficulties",
    )
}

/// Our slips and open problems, told or not.
fn disclosure(context: &Context) -> Option<Reading> {
    let input = context.input;
    let t = &context.rules.thresholds;
    let told_problem = |opened: NaiveDate| input.last_bad_news_on.is_some_and(|on| on >= opened);
    let untold_problems: Vec<_> = input
        .open_problems
        .iter()
        .filter(|p| !told_problem(p.opened_on))
        .collect();
    let oldest = untold_problems
        .iter()
        .map(|p| p.opened_on)
        .chain(input.untold.oldest_broken_on)
        .min();
    let Some(oldest) = oldest else {
        let told = input.open_problems.len() + usize::from(input.ours.slips_recent > 0);
        return (told > 0).then(|| {
            Reading::new(
                Level::Good,
                "our difficulties told".to_string(),
                "we told them about the difficulty",
                "keep them updated until it is behind us",
            )
        });
    };
    let age = days_between(oldest, context.today).max(0);
    let what = match (input.untold.count, untold_problems.first()) {
        (0, Some(p)) => format!("open problem \"{}\"", p.summary),
        (n, None) => plural(n, "slip of ours", "slips of ours"),
        (_, Some(_)) => format!(
            "{} and {}",
            plural(input.untold.count, "slip of ours", "slips of ours"),
            plural(
                u32::try_from(untold_problems.len()).unwrap_or(u32::MAX),
                "open problem",
                "open problems"
            )
        ),
    };
    let value = format!("{what} not told, the oldest {} ago", days(age));
    let next = match untold_problems.first() {
        Some(p) if input.untold.count == 0 => {
            format!(
                "tell them about \"{}\" in an update, bad news included",
                p.summary
            )
        }
        _ => "tell them we slipped, what happens next and the new date (a bad-news update)"
            .to_string(),
    };
    Some(if age > i64::from(t.disclosure_days) {
        Reading::new(
            Level::Poor,
            value,
            format!(
                "a difficulty of ours kept from them more than {} days",
                t.disclosure_days
            ),
            next,
        )
    } else {
        Reading::new(
            Level::Watch,
            value,
            "a difficulty they have not heard of from us",
            next,
        )
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, OpenProblem, Untold};
    use crate::domain::health::signal::{Level, SignalKey};
    use crate::domain::types::Stage;

    fn problem(opened: u64) -> OpenProblem {
        OpenProblem {
            id: 7,
            summary: "late delivery".into(),
            opened_on: ago(opened),
            severity: 3,
            reaction: 3,
            brave_conversation_on: None,
        }
    }

    fn signed(signed_days_ago: u64, last_update: Option<u64>) -> HealthInput {
        HealthInput {
            stage: Stage::Signed,
            signed_on: Some(ago(signed_days_ago)),
            update_every_days: 14,
            last_update_on: last_update.map(ago),
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::updated_today(signed(100, Some(0)), Level::Good)]
    #[case::exactly_the_cadence_is_good(signed(100, Some(14)), Level::Good)]
    #[case::one_day_late_is_watch(signed(100, Some(15)), Level::Watch)]
    #[case::exactly_twice_the_cadence_is_watch(signed(100, Some(28)), Level::Watch)]
    #[case::more_than_twice_is_poor(signed(100, Some(29)), Level::Poor)]
    #[case::the_clock_starts_at_signing(signed(10, None), Level::Good)]
    #[case::an_update_before_signing_does_not_stop_it(signed(29, Some(40)), Level::Poor)]
    #[case::not_signed_is_unknown(HealthInput { last_update_on: Some(ago(90)), ..HealthInput::default() }, Level::Unknown)]
    fn cadence(#[case] input: HealthInput, #[case] expected: Level) {
        let read = reading(SignalKey::Openness, &input);
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[rstest]
    #[case::untold_problem_of_7_days_is_watch(7, None, Level::Watch)]
    #[case::untold_problem_of_8_days_is_poor(8, None, Level::Poor)]
    #[case::told_on_the_day_it_opened(10, Some(10), Level::Good)]
    #[case::told_before_it_opened_is_not_told(10, Some(11), Level::Poor)]
    fn disclosure_of_a_problem(
        #[case] opened: u64,
        #[case] bad_news: Option<u64>,
        #[case] expected: Level,
    ) {
        let input = HealthInput {
            open_problems: vec![problem(opened)],
            last_bad_news_on: bad_news.map(ago),
            ..HealthInput::default()
        };
        assert_eq!(reading(SignalKey::Openness, &input).level, expected);
    }

    #[rstest]
    #[case::slip_3_days_untold(3, Level::Watch)]
    #[case::slip_8_days_untold(8, Level::Poor)]
    fn disclosure_of_a_slip(#[case] broken: u64, #[case] expected: Level) {
        let input = HealthInput {
            untold: Untold {
                count: 1,
                oldest_broken_on: Some(ago(broken)),
                most_days_late_redated: None,
            },
            ..signed(100, Some(1))
        };
        let read = reading(SignalKey::Openness, &input);
        assert_eq!(read.level, expected, "{read:?}");
        assert!(
            read.next_action.starts_with("tell them we slipped"),
            "{read:?}"
        );
    }
}

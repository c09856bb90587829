//! Openness & cadence: do we keep them updated, even when there are difficulties?
//!
//! Cadence: d = days since our last `update` touch (or, before the first update, since the
//! first touch), c = agreed `update_every_days`. Good d ≤ 1 × c; watch 1 × c < d ≤ 2 × c;
//! poor d > 2 × c. Disclosure: an open problem with no update since it opened is poor.
//! Unknown: no touch at all and no open problem.

use chrono::Days;

use super::{Context, combine};
use crate::domain::health::input::days_between;
use crate::domain::health::signal::{Level, Reading, days, plural};

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    let t = &context.rules.thresholds;
    let cadence = input.update_every_days;

    let since = input.last_update_on.or(input.first_touch_on);
    let on_cadence = since.map(|since| {
        let elapsed = days_between(since, context.today).max(0);
        let days_text = days(elapsed);
        let value = match input.last_update_on {
            Some(_) => format!("{days_text} since our last update, agreed every {cadence}"),
            None => {
                format!("no update yet, {days_text} since the first touch, agreed every {cadence}")
            }
        };
        let send = match input.last_update_on {
            Some(_) => format!("send an update: {days_text} since the last"),
            None => "send a first update on progress".to_string(),
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

    let undisclosed: Vec<_> = input
        .open_problems
        .iter()
        .filter(|p| !p.update_since_opened)
        .collect();
    let disclosure = match undisclosed.first() {
        Some(first) => {
            let value = match undisclosed.len() {
                1 => format!("open problem \"{}\" not disclosed", first.summary),
                n => format!(
                    "{n} open problems not disclosed, the first \"{}\"",
                    first.summary
                ),
            };
            Some(Reading::new(
                Level::Poor,
                value,
                format!(
                    "\"{}\" opened on {} with no update to them since",
                    first.summary, first.opened_on
                ),
                format!(
                    "disclose \"{}\" in an update, bad news included",
                    first.summary
                ),
            ))
        }
        None if !input.open_problems.is_empty() => Some(Reading::new(
            Level::Good,
            format!(
                "{} disclosed",
                plural(
                    u32::try_from(input.open_problems.len()).unwrap_or(u32::MAX),
                    "open problem",
                    "open problems"
                )
            ),
            "we told them about the difficulty",
            "keep them updated until it is resolved",
        )),
        None => None,
    };

    let unknown = Reading::new(
        Level::Unknown,
        "no touch logged yet".to_string(),
        "nothing to measure the update cadence from",
        "log touches and the updates we send",
    );
    // Disclosure first: an undisclosed problem is the more urgent of two poor parts.
    combine(vec![disclosure, on_cadence], unknown)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, OpenProblem};
    use crate::domain::health::signal::{Level, SignalKey};

    fn problem(update_since_opened: bool) -> OpenProblem {
        OpenProblem {
            id: 7,
            summary: "late delivery".into(),
            opened_on: ago(10),
            severity: 3,
            reaction: 3,
            brave_conversation_on: None,
            update_since_opened,
        }
    }

    fn input(
        last_update: Option<u64>,
        first_touch: Option<u64>,
        problems: Vec<OpenProblem>,
    ) -> HealthInput {
        HealthInput {
            update_every_days: 14,
            last_update_on: last_update.map(ago),
            first_touch_on: first_touch.map(ago),
            open_problems: problems,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::updated_today(Some(0), Some(100), vec![], Level::Good)]
    #[case::exactly_the_cadence_is_good(Some(14), Some(100), vec![], Level::Good)]
    #[case::one_day_late_is_watch(Some(15), Some(100), vec![], Level::Watch)]
    #[case::exactly_twice_the_cadence_is_watch(Some(28), Some(100), vec![], Level::Watch)]
    #[case::more_than_twice_is_poor(Some(29), Some(100), vec![], Level::Poor)]
    #[case::never_updated_counts_from_first_touch(None, Some(29), vec![], Level::Poor)]
    #[case::never_updated_but_new(None, Some(3), vec![], Level::Good)]
    #[case::nothing_logged(None, None, vec![], Level::Unknown)]
    #[case::undisclosed_problem_is_poor(Some(1), Some(100), vec![problem(false)], Level::Poor)]
    #[case::disclosed_problem_is_fine(Some(1), Some(100), vec![problem(true)], Level::Good)]
    #[case::undisclosed_problem_alone_is_judged(None, None, vec![problem(false)], Level::Poor)]
    fn levels(
        #[case] last_update: Option<u64>,
        #[case] first_touch: Option<u64>,
        #[case] problems: Vec<OpenProblem>,
        #[case] expected: Level,
    ) {
        let read = reading(
            SignalKey::Openness,
            &input(last_update, first_touch, problems),
        );
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn cadence_in_the_users_words() {
        let read = reading(SignalKey::Openness, &input(Some(31), Some(100), vec![]));
        assert_eq!(read.value, "31 days since our last update, agreed every 14");
        assert_eq!(read.next_action, "send an update: 31 days since the last");
    }

    #[test]
    fn an_undisclosed_problem_leads() {
        let read = reading(
            SignalKey::Openness,
            &input(Some(31), Some(100), vec![problem(false)]),
        );
        assert_eq!(
            read.next_action,
            "disclose \"late delivery\" in an update, bad news included"
        );
    }
}

//! Adversity: when they reacted out of proportion, did we have the brave conversation?
//!
//! Disproportionate: an unresolved problem with reaction − severity ≥ `disproportion_gap` (2).
//! Poor: such a problem with no brave conversation held (a date after today is not held yet).
//! Watch: every such problem had its brave conversation, but one is not resolved. Good: none.
//! Unknown: no problem was ever logged: the partnership has not been tested yet.

use super::Context;
use crate::domain::health::input::OpenProblem;
use crate::domain::health::signal::{Level, Reading};

fn disproportionate<'a>(context: &'a Context) -> impl Iterator<Item = &'a OpenProblem> {
    let gap = i16::from(context.rules.thresholds.disproportion_gap);
    context
        .input
        .open_problems
        .iter()
        .filter(move |p| i16::from(p.reaction) - i16::from(p.severity) >= gap)
}

fn brave_held(problem: &OpenProblem, context: &Context) -> bool {
    problem
        .brave_conversation_on
        .is_some_and(|on| on <= context.today)
}

/// Unresolved disproportionate problems with no brave conversation yet, oldest first.
pub(crate) fn unfaced_problems<'a>(context: &'a Context) -> Vec<&'a OpenProblem> {
    let mut unfaced: Vec<&OpenProblem> = disproportionate(context)
        .filter(|p| !brave_held(p, context))
        .collect();
    unfaced.sort_by_key(|p| (p.opened_on, p.id));
    unfaced
}

pub(super) fn read(context: &Context) -> Reading {
    let input = context.input;
    if input.problems_logged == 0 && input.open_problems.is_empty() {
        return Reading::new(
            Level::Unknown,
            "no problem logged yet".into(),
            "not yet tested by adversity",
            "when a problem comes, log its severity and their reaction",
        );
    }
    let unfaced = unfaced_problems(context);
    if let Some(first) = unfaced.first() {
        let more = match unfaced.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Reading::new(
            Level::Poor,
            format!(
                "reaction {} to a problem of severity {}: \"{}\", no brave conversation{more}",
                first.reaction, first.severity, first.summary
            ),
            "their reaction is out of proportion to the problem and we have not talked about it",
            format!("have the brave conversation about \"{}\"", first.summary),
        );
    }
    let faced = disproportionate(context).min_by_key(|p| (p.opened_on, p.id));
    if let Some(problem) = faced {
        let held = problem
            .brave_conversation_on
            .map_or_else(String::new, |on| format!(" on {on}"));
        return Reading::new(
            Level::Watch,
            format!(
                "brave conversation held{held} about \"{}\"; not resolved yet",
                problem.summary
            ),
            "the reaction was out of proportion; we talked, and it is still open",
            format!("resolve \"{}\" and log it", problem.summary),
        );
    }
    let value = match input.open_problems.len() {
        0 => "no open problem".to_string(),
        n => format!("{n} open, in proportion"),
    };
    Reading::new(
        Level::Good,
        value,
        "problems are met in proportion",
        "keep facing problems early and openly",
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::super::fixtures::{ago, reading};
    use crate::domain::health::input::{HealthInput, OpenProblem};
    use crate::domain::health::signal::{Level, SignalKey};

    fn problem(severity: u8, reaction: u8, brave_days_ago: Option<i64>) -> OpenProblem {
        OpenProblem {
            id: 1,
            summary: "outage".into(),
            opened_on: ago(20),
            severity,
            reaction,
            brave_conversation_on: brave_days_ago.map(|d| ago(0) - chrono::Duration::days(d)),
        }
    }

    fn input(problems: Vec<OpenProblem>, logged: u32) -> HealthInput {
        HealthInput {
            open_problems: problems,
            problems_logged: logged,
            ..HealthInput::default()
        }
    }

    #[rstest]
    #[case::never_tested(vec![], 0, Level::Unknown)]
    #[case::all_resolved(vec![], 3, Level::Good)]
    #[case::in_proportion(vec![problem(3, 4, None)], 1, Level::Good)]
    #[case::gap_of_one_is_proportionate(vec![problem(1, 2, None)], 1, Level::Good)]
    #[case::gap_of_two_unfaced_is_poor(vec![problem(1, 3, None)], 1, Level::Poor)]
    #[case::five_to_one_unfaced_is_poor(vec![problem(1, 5, None)], 1, Level::Poor)]
    #[case::brave_conversation_held_is_watch(vec![problem(1, 5, Some(2))], 1, Level::Watch)]
    #[case::brave_conversation_today_counts(vec![problem(1, 5, Some(0))], 1, Level::Watch)]
    #[case::brave_conversation_planned_is_not_held(vec![problem(1, 5, Some(-3))], 1, Level::Poor)]
    #[case::one_faced_one_not(vec![problem(1, 5, Some(2)), problem(2, 5, None)], 2, Level::Poor)]
    fn levels(#[case] problems: Vec<OpenProblem>, #[case] logged: u32, #[case] expected: Level) {
        let read = reading(SignalKey::Adversity, &input(problems, logged));
        assert_eq!(read.level, expected, "{read:?}");
    }

    #[test]
    fn names_the_brave_conversation_to_have() {
        let read = reading(SignalKey::Adversity, &input(vec![problem(1, 5, None)], 1));
        assert_eq!(
            read.value,
            "reaction 5 to a problem of severity 1: \"outage\", no brave conversation"
        );
        assert_eq!(
            read.next_action,
            "have the brave conversation about \"outage\""
        );
    }
}

//! One file per signal of the §4 table. Each reads the aggregates of [`HealthInput`] and returns
//! a [`Reading`]: level, value in the user's words, why, and the next action.

mod adversity;
mod after_signing;
mod charter;
mod momentum;
mod openness;
mod reciprocity;
mod reliability;

use chrono::NaiveDate;

use super::input::{HealthInput, HealthWindows};
use super::rules::Rules;
use super::signal::{Level, Reading, SignalKey};

pub(crate) use adversity::unfaced_problems;
pub use after_signing::days_without_us;
pub(crate) use after_signing::switched_off_days;
pub(crate) use reliability::{days_our_oldest_overdue, untold_late_redate};

/// What every signal reads from.
pub(crate) struct Context<'a> {
    pub input: &'a HealthInput,
    pub rules: &'a Rules,
    pub windows: HealthWindows,
    pub today: NaiveDate,
}

impl<'a> Context<'a> {
    pub fn new(input: &'a HealthInput, rules: &'a Rules, today: NaiveDate) -> Self {
        Context {
            input,
            rules,
            windows: input.windows(rules, today),
            today,
        }
    }
}

/// Reads one signal.
pub(crate) fn read(key: SignalKey, context: &Context) -> Reading {
    match key {
        SignalKey::OurReliability => reliability::read(context),
        SignalKey::Reciprocity => reciprocity::read(context),
        SignalKey::Openness => openness::read(context),
        SignalKey::AfterSigning => after_signing::read(context),
        SignalKey::Adversity => adversity::read(context),
        SignalKey::Momentum => momentum::read(context),
        SignalKey::CharterReview => charter::read(context),
    }
}

/// Joins the judged parts of a signal that measures several things: the level is the worst
/// part's, the why and next action are the first worst part's (parts come in priority order),
/// and the value lists every judged part. `None` parts were not judged; when none was, the
/// signal is unknown and reads `unknown`.
fn combine(parts: Vec<Option<Reading>>, unknown: Reading) -> Reading {
    let judged: Vec<Reading> = parts.into_iter().flatten().collect();
    let level = judged
        .iter()
        .fold(Level::Unknown, |worst, part| worst.worse(part.level));
    let Some(lead) = judged.iter().find(|part| part.level == level) else {
        return unknown;
    };
    let value = judged
        .iter()
        .map(|part| part.value.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    Reading::new(level, value, lead.why.clone(), lead.next_action.clone())
}

/// Grades a "bigger is better" fraction: good at or above `good`, watch at or above `watch`,
/// poor below.
fn grade_up(value: f64, good: f64, watch: f64) -> Level {
    if value >= good {
        Level::Good
    } else if value >= watch {
        Level::Watch
    } else {
        Level::Poor
    }
}

/// `numerator / denominator` for counts, `None` when the denominator is 0.
fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    // Counts stay far below 2^53, so the conversion is exact.
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

#[cfg(test)]
pub(crate) mod fixtures {
    use chrono::NaiveDate;

    use super::super::input::HealthInput;
    use super::super::rules::Rules;
    use super::{Context, Reading, SignalKey, read};

    /// The fixed today of every table.
    pub fn today() -> NaiveDate {
        day("2026-11-27")
    }

    pub fn day(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    /// `n` days before the fixed today.
    pub fn ago(n: u64) -> NaiveDate {
        today() - chrono::Days::new(n)
    }

    /// Reads `key` for `input` with the default rules on the fixed today.
    pub fn reading(key: SignalKey, input: &HealthInput) -> Reading {
        let rules = Rules::default();
        read(key, &Context::new(input, &rules, today()))
    }
}

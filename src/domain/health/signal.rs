//! One signal of the §4 table: a level, a value in the user's words, why, and what to do next.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The signals of §4, in the order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKey {
    OurReliability,
    Reciprocity,
    Openness,
    AfterSigning,
    Adversity,
    Momentum,
    CharterReview,
}

impl SignalKey {
    /// Every signal, in the order of the §4 table.
    pub const ALL: [SignalKey; 7] = [
        SignalKey::OurReliability,
        SignalKey::Reciprocity,
        SignalKey::Openness,
        SignalKey::AfterSigning,
        SignalKey::Adversity,
        SignalKey::Momentum,
        SignalKey::CharterReview,
    ];

    /// The key as it appears in JSON and the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKey::OurReliability => "our_reliability",
            SignalKey::Reciprocity => "reciprocity",
            SignalKey::Openness => "openness",
            SignalKey::AfterSigning => "after_signing",
            SignalKey::Adversity => "adversity",
            SignalKey::Momentum => "momentum",
            SignalKey::CharterReview => "charter_review",
        }
    }

    /// The signal's name in words, for screens.
    pub fn label(self) -> &'static str {
        match self {
            SignalKey::OurReliability => "our reliability",
            SignalKey::Reciprocity => "reciprocity",
            SignalKey::Openness => "openness & cadence",
            SignalKey::AfterSigning => "after signing",
            SignalKey::Adversity => "adversity",
            SignalKey::Momentum => "momentum",
            SignalKey::CharterReview => "charter review",
        }
    }
}

impl fmt::Display for SignalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a signal reads. `Unknown` = not enough data to judge: left out of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Good,
    Watch,
    Poor,
    Unknown,
}

impl Level {
    /// Points towards the score: good 100, watch 60, poor 0; unknown has none.
    pub fn points(self) -> Option<u8> {
        match self {
            Level::Good => Some(100),
            Level::Watch => Some(60),
            Level::Poor => Some(0),
            Level::Unknown => None,
        }
    }

    /// Order for "worst first": poor, watch, good, then unknown (nothing to act on).
    pub fn urgency(self) -> u8 {
        match self {
            Level::Poor => 0,
            Level::Watch => 1,
            Level::Good => 2,
            Level::Unknown => 3,
        }
    }

    /// The worse of two judged levels; an unknown part never hides a judged one.
    pub fn worse(self, other: Level) -> Level {
        match (self, other) {
            (Level::Unknown, x) | (x, Level::Unknown) => x,
            (a, b) if a.urgency() <= b.urgency() => a,
            (_, b) => b,
        }
    }

    /// The word shown and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Good => "good",
            Level::Watch => "watch",
            Level::Poor => "poor",
            Level::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One judged signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub key: SignalKey,
    pub level: Level,
    /// The measure in the user's words, e.g. "kept 9 of 10 on time".
    pub value: String,
    /// One line: why it reads at this level.
    pub why: String,
    /// What to do about it, e.g. "send an update: 31 days since the last".
    pub next_action: String,
    /// The weight from the rules (before re-normalisation).
    pub weight: u32,
    /// Points from the level (`None` when unknown).
    pub points: Option<u8>,
}

/// What a signal module works out; `assess` adds the weight and points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    pub level: Level,
    pub value: String,
    pub why: String,
    pub next_action: String,
}

impl Reading {
    pub fn new(
        level: Level,
        value: String,
        why: impl Into<String>,
        next: impl Into<String>,
    ) -> Self {
        Reading {
            level,
            value,
            why: why.into(),
            next_action: next.into(),
        }
    }

    pub fn into_signal(self, key: SignalKey, weight: u32) -> Signal {
        Signal {
            key,
            level: self.level,
            points: self.level.points(),
            value: self.value,
            why: self.why,
            next_action: self.next_action,
            weight,
        }
    }
}

/// "1 item" / "3 items".
pub(crate) fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "1 day" / "3 days".
pub(crate) fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        format!("{count} days")
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn list_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A fraction as a whole percentage rounded down, e.g. "89 %" for 0.899, so a value shown
/// below a threshold never prints as the threshold itself.
pub(crate) fn percent(fraction: f64) -> String {
    // Rounded to the nearest whole per cent (2 of 3 is 67 %), but never up to 100 % when
    // something is missing; the tiny nudge keeps 0.7 (stored as 0.69999…) printing as 70.
    let rounded = (fraction * 100.0 + 1e-9).round();
    let shown = if fraction < 1.0 {
        rounded.min(99.0)
    } else {
        rounded
    };
    format!("{shown:.0} %")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_numbers() {
        assert_eq!(
            (days(1), days(0), days(31)),
            ("1 day".into(), "0 days".into(), "31 days".into())
        );
        assert_eq!(percent(0.7), "70 %");
        assert_eq!(percent(2.0 / 3.0), "67 %", "rounded to the nearest");
        assert_eq!(
            percent(0.996),
            "99 %",
            "never 100 % while something is missing"
        );
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(list_words(&["a", "b", "c"]), "a, b and c");
        assert_eq!(list_words(&["a"]), "a");
    }

    #[test]
    fn worse_ignores_unknown_parts() {
        assert_eq!(Level::Unknown.worse(Level::Watch), Level::Watch);
        assert_eq!(Level::Good.worse(Level::Poor), Level::Poor);
        assert_eq!(Level::Unknown.worse(Level::Unknown), Level::Unknown);
    }
}

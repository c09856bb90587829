//! The band a score falls in, and the verdict in words.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::rules::Bands;
use super::signal::{Level, Signal, SignalKey};

/// Green at or above `bands.green` (75), amber at or above `bands.amber` (50), red below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Red,
    Amber,
    Green,
}

impl Band {
    /// The band of a 0–100 score.
    pub fn of(score: u8, bands: &Bands) -> Band {
        if score >= bands.green {
            Band::Green
        } else if score >= bands.amber {
            Band::Amber
        } else {
            Band::Red
        }
    }

    /// The lowest score of this band.
    pub fn floor(self, bands: &Bands) -> u8 {
        match self {
            Band::Green => bands.green,
            Band::Amber => bands.amber,
            Band::Red => 0,
        }
    }

    /// The band above, if any.
    pub fn next_up(self) -> Option<Band> {
        match self {
            Band::Red => Some(Band::Amber),
            Band::Amber => Some(Band::Green),
            Band::Green => None,
        }
    }

    /// The word shown and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Amber => "amber",
            Band::Red => "red",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict of §4, most urgent first; too early last. (Named apart from `types::Verdict`,
/// the verdict of a review.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthVerdict {
    WalkAwayReview,
    AtRisk,
    NeedsAttention,
    Healthy,
    TooEarly,
}

/// What the verdict is judged from, besides the signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grounds {
    /// The score after caps; `None` when fewer than the minimum of weighted signals are known.
    pub score: Option<u8>,
    /// A courtship (not signed) in which no dated promise of either side has fallen due.
    pub courtship_unjudged: bool,
    /// We switched off after signing: days without a touch from us, beyond the limit.
    pub switched_off_days: Option<i64>,
}

impl HealthVerdict {
    /// The word in JSON and snapshots: `walk-away-review`, `at-risk`, `needs-attention`,
    /// `healthy`, `too-early`.
    pub fn as_str(self) -> &'static str {
        match self {
            HealthVerdict::WalkAwayReview => "walk-away-review",
            HealthVerdict::AtRisk => "at-risk",
            HealthVerdict::NeedsAttention => "needs-attention",
            HealthVerdict::Healthy => "healthy",
            HealthVerdict::TooEarly => "too-early",
        }
    }

    /// The verdict in words, for screens.
    pub fn words(self) -> &'static str {
        match self {
            HealthVerdict::WalkAwayReview => "walk-away review",
            HealthVerdict::AtRisk => "at risk",
            HealthVerdict::NeedsAttention => "needs attention",
            HealthVerdict::Healthy => "healthy",
            HealthVerdict::TooEarly => "too early",
        }
    }

    /// The colour shown: the verdict's own (healthy green, needs attention amber, at risk
    /// and walk-away review red); too early has none.
    pub fn colour(self) -> Option<Band> {
        match self {
            HealthVerdict::WalkAwayReview | HealthVerdict::AtRisk => Some(Band::Red),
            HealthVerdict::NeedsAttention => Some(Band::Amber),
            HealthVerdict::Healthy => Some(Band::Green),
            HealthVerdict::TooEarly => None,
        }
    }

    /// How good the verdict is, for "never better" checks: walk-away review 0 … healthy 3;
    /// too early is not ranked.
    pub fn rank(self) -> Option<u8> {
        match self {
            HealthVerdict::WalkAwayReview => Some(0),
            HealthVerdict::AtRisk => Some(1),
            HealthVerdict::NeedsAttention => Some(2),
            HealthVerdict::Healthy => Some(3),
            HealthVerdict::TooEarly => None,
        }
    }

    /// §4, first match wins: too early (no score, or a courtship with nothing fallen due);
    /// at risk when we switched off after signing; walk-away review when reciprocity and
    /// momentum are both poor; at risk below amber or with two weighted signals poor; needs
    /// attention below green or with one; healthy otherwise.
    pub fn judge(grounds: Grounds, signals: &[Signal], bands: &Bands) -> HealthVerdict {
        let poor = |key: SignalKey| {
            signals
                .iter()
                .any(|s| s.key == key && s.level == Level::Poor)
        };
        let weighted_poor = signals
            .iter()
            .filter(|s| s.weight > 0 && s.level == Level::Poor)
            .count();
        let Some(score) = grounds.score.filter(|_| !grounds.courtship_unjudged) else {
            return HealthVerdict::TooEarly;
        };
        if grounds.switched_off_days.is_some() {
            HealthVerdict::AtRisk
        } else if poor(SignalKey::Reciprocity) && poor(SignalKey::Momentum) {
            HealthVerdict::WalkAwayReview
        } else if score < bands.amber || weighted_poor >= 2 {
            HealthVerdict::AtRisk
        } else if score < bands.green || weighted_poor == 1 {
            HealthVerdict::NeedsAttention
        } else {
            HealthVerdict::Healthy
        }
    }
}

impl fmt::Display for HealthVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(100, Band::Green)]
    #[case(75, Band::Green)]
    #[case(74, Band::Amber)]
    #[case(50, Band::Amber)]
    #[case(49, Band::Red)]
    #[case(0, Band::Red)]
    fn band_boundaries(#[case] score: u8, #[case] band: Band) {
        assert_eq!(Band::of(score, &Bands::default()), band);
    }

    #[test]
    fn words_and_wire_names() {
        assert_eq!(HealthVerdict::NeedsAttention.to_string(), "needs attention");
        assert_eq!(HealthVerdict::WalkAwayReview.as_str(), "walk-away-review");
        assert_eq!(HealthVerdict::TooEarly.as_str(), "too-early");
        assert_eq!(HealthVerdict::TooEarly.colour(), None);
        assert_eq!(HealthVerdict::NeedsAttention.colour(), Some(Band::Amber));
        let json = serde_json_like(HealthVerdict::WalkAwayReview);
        assert_eq!(json, "\"walk-away-review\"");
        assert_eq!(serde_json_like(Band::Amber), "\"amber\"");
    }

    /// Serialises through TOML's value serializer to check the serde names without serde_json.
    fn serde_json_like<T: Serialize>(value: T) -> String {
        #[derive(Serialize)]
        struct Wrap<T> {
            v: T,
        }
        let text = toml::to_string(&Wrap { v: value }).expect("serialises");
        text.trim().trim_start_matches("v = ").to_string()
    }
}

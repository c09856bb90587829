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

/// The verdict of §4, most urgent first. (Named apart from `types::Verdict`, the verdict of a
/// review.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthVerdict {
    WalkAwayReview,
    AtRisk,
    NeedsAttention,
    Healthy,
}

impl HealthVerdict {
    /// The word in JSON and snapshots: `walk-away-review`, `at-risk`, `needs-attention`, `healthy`.
    pub fn as_str(self) -> &'static str {
        match self {
            HealthVerdict::WalkAwayReview => "walk-away-review",
            HealthVerdict::AtRisk => "at-risk",
            HealthVerdict::NeedsAttention => "needs-attention",
            HealthVerdict::Healthy => "healthy",
        }
    }

    /// The verdict in words, for screens.
    pub fn words(self) -> &'static str {
        match self {
            HealthVerdict::WalkAwayReview => "walk-away review",
            HealthVerdict::AtRisk => "at risk",
            HealthVerdict::NeedsAttention => "needs attention",
            HealthVerdict::Healthy => "healthy",
        }
    }

    /// §4: walk-away review when reciprocity and momentum are both poor, whatever the score;
    /// else at risk when red; needs attention when amber or any weighted signal is poor;
    /// healthy otherwise.
    pub fn judge(band: Band, signals: &[Signal]) -> HealthVerdict {
        let poor = |key: SignalKey| {
            signals
                .iter()
                .any(|s| s.key == key && s.level == Level::Poor)
        };
        if poor(SignalKey::Reciprocity) && poor(SignalKey::Momentum) {
            HealthVerdict::WalkAwayReview
        } else if band == Band::Red {
            HealthVerdict::AtRisk
        } else if band == Band::Amber
            || signals
                .iter()
                .any(|s| s.weight > 0 && s.level == Level::Poor)
        {
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

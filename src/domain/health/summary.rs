//! The part of a health that a list of partners needs: the dot, the sort key. Kept per partner
//! so the dashboard can order ten thousand partners without assessing them all.

use super::{Band, Health, HealthVerdict};
use serde::Serialize;

/// Verdict, score and band of one partner, as the Relationships pane and its sort use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HealthSummary {
    pub score: Option<u8>,
    /// The verdict's colour; `None` for too early and ended.
    pub level: Option<Band>,
    pub verdict: HealthVerdict,
    /// The partner has ended: not scored.
    pub ended: bool,
}

impl From<&Health> for HealthSummary {
    fn from(h: &Health) -> HealthSummary {
        HealthSummary {
            score: h.score,
            level: h.level,
            verdict: h.verdict,
            ended: h.ended,
        }
    }
}

impl HealthVerdict {
    /// Every verdict, most urgent first (the order of the enum).
    pub const ALL: [HealthVerdict; 5] = [
        HealthVerdict::WalkAwayReview,
        HealthVerdict::AtRisk,
        HealthVerdict::NeedsAttention,
        HealthVerdict::Healthy,
        HealthVerdict::TooEarly,
    ];
}

impl Band {
    /// Every band, lowest first (the order of the enum).
    pub const ALL: [Band; 3] = [Band::Red, Band::Amber, Band::Green];
}

//! The health rule set (README, "Health"): windows, thresholds, weights and bands, read from the `[health]`
//! table of the config file. Every field has the documented default, so a config file names only
//! what it changes. `assets/rules.toml` lists the defaults with the meaning of each key.

use serde::{Deserialize, Serialize};

use super::signal::SignalKey;

/// Bumped whenever the meaning of a rule changes, and stored with every health snapshot so a
/// trend can tell a rule change from a change in behaviour.
pub const RULES_VERSION: u32 = 2;

/// Everything `assess` needs to know besides the partner's data and today.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    pub windows: Windows,
    pub evidence: EvidenceMinimums,
    pub thresholds: Thresholds,
    pub weights: Weights,
    pub bands: Bands,
}

/// How far back each signal looks, in days. A window of N days ending today covers today and
/// the N − 1 days before; a window of N days "due" covers the N days before today (see
/// [`super::HealthWindows`] for the exact dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Windows {
    /// Our dated commitments whose (first) due day fell in this many days are judged for
    /// on-time keeping; our broken promises from this many days are told or not.
    pub reliability_days: u32,
    /// Our slips (missed, kept late, re-dated late) of this many days count as recent.
    pub slip_days: u32,
    /// Their dated commitments due in this many days are judged for on-time keeping.
    pub reciprocity_commitment_days: u32,
    /// Conversations of this many days give the share they started.
    pub reciprocity_touch_days: u32,
    /// The effort ratio's window: conversations started, and promises kept that fell due.
    pub effort_days: u32,
    /// Ongoing items reviewed "not honoured" in this many days count against their side.
    pub review_days: u32,
    /// Our touches per day in at most this many days since signing are compared with the
    /// courtship's.
    pub after_signing_days: u32,
    /// After signing is judged from this many days after signing.
    pub after_signing_min_days: u32,
    /// The courtship (first record to signing) is taken as at least this many days long.
    pub courtship_min_days: u32,
    /// A signed partner should have had a `care` touch within this many days ...
    pub care_days: u32,
    /// ... judged once the partner has been signed this many days.
    pub care_after_signing_days: u32,
    /// Their recent delivery: this many days ending today ...
    pub momentum_recent_days: u32,
    /// ... compared, per day, with this many days just before.
    pub momentum_before_days: u32,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            reliability_days: 180,
            slip_days: 30,
            reciprocity_commitment_days: 90,
            reciprocity_touch_days: 90,
            effort_days: 60,
            review_days: 90,
            after_signing_days: 90,
            after_signing_min_days: 14,
            courtship_min_days: 14,
            care_days: 90,
            care_after_signing_days: 30,
            momentum_recent_days: 30,
            momentum_before_days: 60,
        }
    }
}

/// The least evidence each signal needs to be judged (principle 1: judge on evidence, never
/// on absence). Below it the signal is unknown and left out of the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvidenceMinimums {
    /// Our reliability: at least this many of our commitments fell due in its window (or one
    /// of ours is overdue, slipped or reviewed "not honoured").
    pub reliability_min_due: u32,
    /// Reciprocity: at least this many of theirs fell due in its window ...
    pub reciprocity_min_due: u32,
    /// ... or at least this many conversations in its window ...
    pub reciprocity_min_conversations: u32,
    /// ... over a partnership at least this many days old.
    pub reciprocity_min_history_days: u32,
    /// Momentum: a partnership at least this many days old ...
    pub momentum_min_age_days: u32,
    /// ... with at least this many deliveries of theirs or lapses in the two windows.
    pub momentum_min_events: u32,
    /// A verdict needs at least this many weighted signals known; fewer is "too early".
    pub min_known_signals: u32,
}

impl Default for EvidenceMinimums {
    fn default() -> Self {
        EvidenceMinimums {
            reliability_min_due: 2,
            reciprocity_min_due: 2,
            reciprocity_min_conversations: 4,
            reciprocity_min_history_days: 45,
            momentum_min_age_days: 60,
            momentum_min_events: 3,
            min_known_signals: 2,
        }
    }
}

/// Where each level starts. Shares and ratios are fractions (0.9 = 90 %). A value equal to a
/// `*_good` threshold is good; equal to a `*_watch` threshold is watch; the poor side of every
/// boundary is strict ("less than", "more than"), as in the §4 table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Our on-time share at or above this is good.
    pub our_on_time_good: f64,
    /// Our on-time share at or above this (and below good) is watch; below it, poor when
    /// judged over `min_items_for_poor` items or more, watch over fewer.
    pub our_on_time_watch: f64,
    /// Something of ours overdue 1 to this many days is watch; more than this, poor (and the
    /// score is capped below green). A re-date made more than this many days late, not yet
    /// told, counts the same.
    pub our_overdue_days: u32,
    /// Our slips in `slip_days`: this many or more is poor (one is watch).
    pub our_slips_poor: u32,
    /// Reviews "not honoured" of one side's ongoing items in `review_days`: this many or
    /// more is poor for our reliability (one is watch); for reciprocity any is watch.
    pub not_honoured_poor: u32,
    /// An on-time share below watch is poor only over at least this many items.
    pub min_items_for_poor: u32,
    /// Their on-time share at or above this is good.
    pub their_on_time_good: f64,
    /// Their on-time share at or above this (and below good) is watch; below it, poor over
    /// `min_items_for_poor` items or more, watch over fewer.
    pub their_on_time_watch: f64,
    /// Effort ratio (ours ÷ theirs) above this is watch.
    pub effort_ratio_watch: f64,
    /// Effort ratio above this is poor, when in the effort window they started no
    /// conversation and kept none of their promises: the effort runs one way.
    pub effort_ratio_poor: f64,
    /// They started less than this share of the conversations: watch.
    pub their_touch_share: f64,
    /// Days since our last update (from signing at the earliest) above this multiple of the
    /// agreed cadence: watch.
    pub cadence_watch: f64,
    /// Days since our last update above this multiple of the agreed cadence: poor.
    pub cadence_poor: f64,
    /// A slip or problem not told for more than this many days: poor (up to it: watch).
    pub disclosure_days: u32,
    /// Our touch pace after signing ÷ the courtship's, at or above this: good.
    pub after_signing_good: f64,
    /// At or above this (and below good): watch; below it: poor.
    pub after_signing_watch: f64,
    /// Days without any touch from us since signing, from this many: watch ...
    pub silence_watch_days: u32,
    /// ... more than this many: poor — we switched off.
    pub silence_poor_days: u32,
    /// Their delivery per day, recent ÷ before, at or above this: good.
    pub momentum_good: f64,
    /// At or above this (and below good): watch; below it: poor (dwindling).
    pub momentum_watch: f64,
    /// This many of their promises lapsed unkept in the recent window, with nothing of theirs
    /// kept in it: poor.
    pub lapsed_poor: u32,
    /// Days since an ongoing item was last reviewed, from this many: watch.
    pub charter_watch_days: u32,
    /// More than this many days: poor.
    pub charter_poor_days: u32,
    /// A reaction at least this much above the problem's severity is disproportionate.
    pub disproportion_gap: u8,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            our_on_time_good: 0.90,
            our_on_time_watch: 0.70,
            our_overdue_days: 14,
            our_slips_poor: 2,
            not_honoured_poor: 2,
            min_items_for_poor: 4,
            their_on_time_good: 0.80,
            their_on_time_watch: 0.50,
            effort_ratio_watch: 2.0,
            effort_ratio_poor: 3.0,
            their_touch_share: 0.25,
            cadence_watch: 1.0,
            cadence_poor: 2.0,
            disclosure_days: 7,
            after_signing_good: 0.8,
            after_signing_watch: 0.5,
            silence_watch_days: 21,
            silence_poor_days: 30,
            momentum_good: 0.8,
            momentum_watch: 0.5,
            lapsed_poor: 2,
            charter_watch_days: 30,
            charter_poor_days: 45,
            disproportion_gap: 2,
        }
    }
}

/// How much each signal counts in the score. Only the ratio between weights matters; unknown
/// signals are left out and the rest re-normalised. Charter review is shown but unweighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub our_reliability: u32,
    pub reciprocity: u32,
    pub openness: u32,
    pub after_signing: u32,
    pub adversity: u32,
    pub momentum: u32,
    pub charter_review: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            our_reliability: 20,
            reciprocity: 25,
            openness: 15,
            after_signing: 15,
            adversity: 10,
            momentum: 15,
            charter_review: 0,
        }
    }
}

impl Weights {
    /// The weight of one signal.
    pub fn of(&self, key: SignalKey) -> u32 {
        match key {
            SignalKey::OurReliability => self.our_reliability,
            SignalKey::Reciprocity => self.reciprocity,
            SignalKey::Openness => self.openness,
            SignalKey::AfterSigning => self.after_signing,
            SignalKey::Adversity => self.adversity,
            SignalKey::Momentum => self.momentum,
            SignalKey::CharterReview => self.charter_review,
        }
    }
}

/// Lowest score of each band: green at or above `green`, amber at or above `amber`, red below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bands {
    pub green: u8,
    pub amber: u8,
}

impl Default for Bands {
    fn default() -> Self {
        Bands {
            green: 75,
            amber: 50,
        }
    }
}

impl Rules {
    /// Checks the rules make sense together; the error is one sentence naming the key.
    pub fn validate(&self) -> Result<(), String> {
        let t = &self.thresholds;
        let w = &self.windows;
        let b = &self.bands;
        let fraction_pairs = [
            ("our_on_time", t.our_on_time_watch, t.our_on_time_good),
            ("their_on_time", t.their_on_time_watch, t.their_on_time_good),
            ("after_signing", t.after_signing_watch, t.after_signing_good),
            ("momentum", t.momentum_watch, t.momentum_good),
        ];
        for (name, watch, good) in fraction_pairs {
            if !(0.0..=good).contains(&watch) || !good.is_finite() {
                return Err(format!(
                    "health.thresholds: {name}_watch ({watch}) must be between 0 and {name}_good ({good})"
                ));
            }
        }
        let ordered = [
            ("effort_ratio", t.effort_ratio_watch, t.effort_ratio_poor),
            ("cadence", t.cadence_watch, t.cadence_poor),
        ];
        for (name, watch, poor) in ordered {
            if !(0.0..=poor).contains(&watch) || !poor.is_finite() {
                return Err(format!(
                    "health.thresholds: {name}_watch ({watch}) must be between 0 and {name}_poor ({poor})"
                ));
            }
        }
        if !(0.0..=1.0).contains(&t.their_touch_share) {
            return Err("health.thresholds: their_touch_share must be between 0 and 1".into());
        }
        if t.charter_watch_days > t.charter_poor_days {
            return Err(
                "health.thresholds: charter_watch_days must not exceed charter_poor_days".into(),
            );
        }
        if b.amber > b.green || b.green > 100 {
            return Err("health.bands: need 0 ≤ amber ≤ green ≤ 100".into());
        }
        if t.silence_watch_days > t.silence_poor_days {
            return Err(
                "health.thresholds: silence_watch_days must not exceed silence_poor_days".into(),
            );
        }
        let windows = [
            ("reliability_days", w.reliability_days),
            ("slip_days", w.slip_days),
            ("reciprocity_commitment_days", w.reciprocity_commitment_days),
            ("reciprocity_touch_days", w.reciprocity_touch_days),
            ("effort_days", w.effort_days),
            ("review_days", w.review_days),
            ("after_signing_days", w.after_signing_days),
            ("courtship_min_days", w.courtship_min_days),
            ("care_days", w.care_days),
            ("momentum_recent_days", w.momentum_recent_days),
            ("momentum_before_days", w.momentum_before_days),
        ];
        for (name, days) in windows {
            if !(1..=3660).contains(&days) {
                return Err(format!(
                    "health.windows: {name} ({days}) must be between 1 and 3660 days"
                ));
            }
        }
        Ok(())
    }
}

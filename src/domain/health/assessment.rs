//! `assess`: signals → score → caps → band → verdict, and what the explain view asks of them.

use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Reverse;

use super::input::HealthInput;
use super::rules::{Bands, RULES_VERSION, Rules};
use super::score::{Contribution, caps, score, weighted_score};
use super::signal::{Level, Signal, SignalKey, list_words};
use super::signals::{Context, read, switched_off_days};
use super::verdict::{Band, Grounds, HealthVerdict};
use crate::domain::types::Stage;

/// The health of one partnership on one day.
///
/// With too little evidence (fewer than two weighted signals known, or a courtship in which
/// nothing has fallen due) the verdict is too early and there is no score. For an ended
/// partner `score` and `level` are `None`; the signals and verdict are still worked out, for
/// the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    /// 0–100 after caps; `None` for ended partners and when it is too early.
    pub score: Option<u8>,
    /// The score before caps (what the signals alone give).
    pub uncapped_score: Option<u8>,
    /// The verdict's colour; `None` for too early and ended.
    pub level: Option<Band>,
    pub verdict: HealthVerdict,
    /// Every signal, in the order of the §4 table (see [`Health::signals_worst_first`]).
    pub signals: Vec<Signal>,
    /// The caps in force, in words ("at most 74: …").
    pub caps: Vec<String>,
    /// The signal behind each cap, in the same order as `caps`.
    #[serde(skip)]
    pub cap_sources: Vec<SignalKey>,
    /// The verdict's evidence and next action, in one line.
    pub reason: String,
    /// Weighted signals left out of the score because they are unknown.
    pub unknown_left_out: Vec<SignalKey>,
    /// Each counted signal's re-normalised weight × points.
    pub contributions: Vec<Contribution>,
    /// The rule set's version, stored with snapshots.
    pub rules_version: u32,
    /// The partner has ended: not scored.
    #[serde(skip)]
    pub ended: bool,
    /// Days without a touch from us since signing, when we switched off.
    #[serde(skip)]
    pub switched_off_days: Option<i64>,
    /// The charter has standing items (the first meeting's intentions and expectations).
    #[serde(skip)]
    charter_written: bool,
    #[serde(skip)]
    bands: Bands,
}

/// Judges one partnership on `today` by `rules` (README, "Health"). Pure: no I/O, no clock.
pub fn assess(input: &HealthInput, today: NaiveDate, rules: &Rules) -> Health {
    let context = Context::new(input, rules, today);
    let signals: Vec<Signal> = SignalKey::ALL
        .iter()
        .map(|&key| read(key, &context).into_signal(key, rules.weights.of(key)))
        .collect();
    let known = signals
        .iter()
        .filter(|s| s.weight > 0 && s.level != Level::Unknown)
        .count();
    let enough = known >= usize::try_from(rules.evidence.min_known_signals).unwrap_or(usize::MAX);
    let (uncapped, contributions) = score(&signals);
    let uncapped = uncapped.filter(|_| enough);
    let caps = caps(&context);
    let ceiling = rules.bands.green.saturating_sub(1);
    let capped = uncapped.map(|s| if caps.is_empty() { s } else { s.min(ceiling) });
    let courtship_unjudged = input.stage != Stage::Signed && !input.fallen_due;
    let switched_off_days = switched_off_days(&context);
    let verdict = HealthVerdict::judge(
        Grounds {
            score: capped,
            courtship_unjudged,
            switched_off_days,
        },
        &signals,
        &rules.bands,
    );
    let ended = input.stage == Stage::Ended;
    let scored = verdict != HealthVerdict::TooEarly && !ended;
    let unknown_left_out = signals
        .iter()
        .filter(|s| s.weight > 0 && s.level == Level::Unknown)
        .map(|s| s.key)
        .collect();
    let mut health = Health {
        score: capped.filter(|_| scored),
        uncapped_score: uncapped.filter(|_| scored),
        level: verdict.colour().filter(|_| !ended),
        verdict,
        signals,
        cap_sources: caps.iter().map(|c| c.source).collect(),
        caps: caps.into_iter().map(|c| c.text).collect(),
        reason: String::new(),
        unknown_left_out,
        contributions,
        rules_version: RULES_VERSION,
        ended,
        switched_off_days,
        charter_written: input.ongoing_items > 0,
        bands: rules.bands.clone(),
    };
    health.reason = health.explain_verdict();
    health
}

impl Health {
    /// The signals, worst first: poor, watch, good, unknown; heavier weight first within a level.
    pub fn signals_worst_first(&self) -> Vec<&Signal> {
        let mut sorted: Vec<&Signal> = self.signals.iter().collect();
        sorted.sort_by_key(|s| (s.level.urgency(), Reverse(s.weight)));
        sorted
    }

    /// One signal by key.
    pub fn signal(&self, key: SignalKey) -> Option<&Signal> {
        self.signals.iter().find(|s| s.key == key)
    }

    /// Sum of the weights counted in the score (after leaving unknown signals out).
    pub fn counted_weight(&self) -> u32 {
        self.contributions.iter().map(|c| c.weight).sum()
    }

    /// Sum of all weights, as configured.
    pub fn total_weight(&self) -> u32 {
        self.signals.iter().map(|s| s.weight).sum()
    }

    fn explain_verdict(&self) -> String {
        if self.ended {
            return "ended: not scored".into();
        }
        let value = |key| self.signal(key).map_or("", |s: &Signal| s.value.as_str());
        match self.verdict {
            HealthVerdict::TooEarly if self.charter_written => {
                "too early to judge — the charter is written: keep the dated next steps on both sides; the verdict comes as they fall due"
                    .into()
            }
            HealthVerdict::TooEarly => {
                "too early to judge — state our intentions and expectations, and note what each side promises, with dates"
                    .into()
            }
            HealthVerdict::AtRisk if self.switched_off_days.is_some() => format!(
                "we switched off: we have not been in touch for {} since signing — call them, with no ask",
                super::signal::days(self.switched_off_days.unwrap_or(0))
            ),
            HealthVerdict::WalkAwayReview => format!(
                "reciprocity and momentum both poor ({}; {}) — commitment dwindling, effort one way: hold a walk-away review, tell them why, and decide",
                value(SignalKey::Reciprocity),
                value(SignalKey::Momentum)
            ),
            HealthVerdict::Healthy => {
                let judged = self.signals.iter().filter(|s| s.level != Level::Unknown);
                let good = judged.clone().filter(|s| s.level == Level::Good).count();
                let next = self
                    .signals_worst_first()
                    .into_iter()
                    .find(|s| s.level == Level::Watch)
                    .or_else(|| {
                        self.signal(SignalKey::Openness)
                            .filter(|s| s.level == Level::Good)
                    })
                    .map_or("keep doing what works", |s| s.next_action.as_str());
                format!("{good} of {} signals good — {next}", judged.count())
            }
            HealthVerdict::AtRisk | HealthVerdict::NeedsAttention => {
                match self
                    .signals_worst_first()
                    .into_iter()
                    .find(|s| matches!(s.level, Level::Poor | Level::Watch))
                {
                    Some(s) => format!(
                        "{} {} ({}) — {}",
                        s.key.label(),
                        s.level,
                        s.value,
                        s.next_action
                    ),
                    None => format!("score {}", self.score.unwrap_or(0)),
                }
            }
        }
    }

    /// The band the score falls in (the explain view's scale), when there is a score.
    pub fn score_band(&self) -> Option<Band> {
        self.score.map(|s| Band::of(s, &self.bands))
    }

    /// A sentence on what would move the partnership to the next band, for the explain view:
    /// the smallest change of a single signal that gets there, or else the signals with the most
    /// to gain, taken together until they get there. A cap's signal counts even if unweighted.
    pub fn next_band_hint(&self) -> String {
        if self.ended {
            return "ended partners are not scored".into();
        }
        let Some(band) = self.score_band() else {
            return "too early to score: log what each side promises, with dates, and the conversations".into();
        };
        let Some(target) = band.next_up() else {
            return match self
                .signals_worst_first()
                .into_iter()
                .find(|s| s.level == Level::Watch)
            {
                Some(s) => format!(
                    "green, the top band; to keep it there, {}: {}",
                    s.key.label(),
                    s.next_action
                ),
                None => "green, the top band, with every judged signal good".into(),
            };
        };
        let counted: Vec<&Signal> = self
            .signals
            .iter()
            .filter(|s| s.weight > 0 || self.cap_sources.contains(&s.key))
            .filter(|s| matches!(s.level, Level::Poor | Level::Watch))
            .collect();
        let mut single: Vec<(u8, &Signal, Level, u8)> = Vec::new();
        for s in &counted {
            let ups: &[Level] = if s.level == Level::Poor {
                &[Level::Watch, Level::Good]
            } else {
                &[Level::Good]
            };
            for (step, &to) in ups.iter().enumerate() {
                let (score, band) = self.what_if(&[(s.key, to)]);
                if band >= target {
                    single.push((u8::try_from(step).unwrap_or(u8::MAX), s, to, score));
                    break;
                }
            }
        }
        single.sort_by_key(|(step, s, _, _)| (*step, s.level.urgency(), Reverse(s.weight)));
        if let Some((_, s, to, score)) = single.first() {
            return format!(
                "{} from {} to {} would make it {target} ({score}): {}",
                s.key.label(),
                s.level,
                to,
                s.next_action
            );
        }
        let mut by_gain = counted;
        by_gain
            .sort_by_key(|s| Reverse(u64::from(s.weight) * u64::from(100 - s.points.unwrap_or(0))));
        let mut changes: Vec<(SignalKey, Level)> = Vec::new();
        for s in &by_gain {
            changes.push((s.key, Level::Good));
            let (score, band) = self.what_if(&changes);
            if band >= target {
                let labels: Vec<&str> = changes.iter().map(|(k, _)| k.label()).collect();
                return format!(
                    "{} to good together would make it {target} ({score}); start with {}: {}",
                    list_words(&labels),
                    by_gain[0].key.label(),
                    by_gain[0].next_action
                );
            }
        }
        format!("{target} is out of reach while unknown signals stay unknown")
    }

    /// Score and band if the given signals read at the given levels; a cap lifts when its
    /// signal is no longer poor.
    fn what_if(&self, changes: &[(SignalKey, Level)]) -> (u8, Band) {
        let level_of = |s: &Signal| {
            changes
                .iter()
                .find(|(k, _)| *k == s.key)
                .map_or(s.level, |(_, to)| *to)
        };
        let score = weighted_score(
            self.signals
                .iter()
                .map(|s| (s.weight, level_of(s).points())),
        )
        .unwrap_or(0);
        let capped = self.cap_sources.iter().any(|source| {
            self.signal(*source)
                .is_some_and(|s| level_of(s) == Level::Poor)
        });
        if capped {
            let ceiling = self.bands.green.saturating_sub(1);
            let score = score.min(ceiling);
            (score, Band::of(score, &self.bands).min(Band::Amber))
        } else {
            (score, Band::of(score, &self.bands))
        }
    }
}

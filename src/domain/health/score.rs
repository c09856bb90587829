//! From signals to a number: weights, re-normalisation over the signals that are known, and the
//! caps of §4.

use serde::Serialize;

use super::signal::{Signal, SignalKey};
use super::signals::{Context, days_our_oldest_overdue, unfaced_problems, untold_late_redate};

/// One signal's part of the score, for the explain view: weight × points, re-normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub key: SignalKey,
    /// The weight from the rules.
    pub weight: u32,
    /// `weight` ÷ the total weight of the signals counted (the re-normalised weight, 0–1).
    pub share: f64,
    /// 100 good, 60 watch, 0 poor.
    pub points: u8,
    /// `share × points`; the contributions add up to the score before rounding and caps.
    pub contributed: f64,
}

/// The weighted mean of the points of the signals that count (weight > 0, level known),
/// rounded half up; `None` when nothing counts, so there is never a division by zero.
pub(crate) fn weighted_score(parts: impl Iterator<Item = (u32, Option<u8>)>) -> Option<u8> {
    let (total, sum) = parts
        .filter_map(|(weight, points)| points.map(|p| (u64::from(weight), u64::from(p))))
        .fold((0u64, 0u64), |(total, sum), (w, p)| {
            (total + w, sum + w * p)
        });
    (total > 0).then(|| u8::try_from((sum + total / 2) / total).unwrap_or(100))
}

/// The score of `signals` and each signal's contribution to it.
pub(crate) fn score(signals: &[Signal]) -> (Option<u8>, Vec<Contribution>) {
    let counted: Vec<(&Signal, u8)> = signals
        .iter()
        .filter(|s| s.weight > 0)
        .filter_map(|s| s.points.map(|p| (s, p)))
        .collect();
    let total: u64 = counted.iter().map(|(s, _)| u64::from(s.weight)).sum();
    let contributions = counted
        .iter()
        .map(|(s, points)| {
            // total > 0 here: at least this signal's positive weight is in it.
            let share = f64::from(s.weight) / total as f64;
            Contribution {
                key: s.key,
                weight: s.weight,
                share,
                points: *points,
                contributed: share * f64::from(*points),
            }
        })
        .collect();
    let score = weighted_score(signals.iter().map(|s| (s.weight, s.points)));
    (score, contributions)
}

/// A cap of §4: the score may be no higher than just below green while the condition holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cap {
    /// The signal whose poor level is behind the cap (improving it to watch lifts the cap).
    pub source: SignalKey,
    pub text: String,
}

/// The caps in force: a disproportionate reaction without a brave conversation; something of
/// ours more than `our_overdue_days` overdue.
pub(crate) fn caps(context: &Context) -> Vec<Cap> {
    let mut caps = Vec::new();
    if let Some(problem) = unfaced_problems(context).first() {
        caps.push(Cap {
            source: SignalKey::Adversity,
            text: format!(
                "at most {}: reaction {} to a problem of severity {} (\"{}\") with no brave conversation",
                context.rules.bands.green.saturating_sub(1),
                problem.reaction,
                problem.severity,
                problem.summary
            ),
        });
    }
    let limit = context.rules.thresholds.our_overdue_days;
    let ceiling = context.rules.bands.green.saturating_sub(1);
    if let Some(days) = days_our_oldest_overdue(context).filter(|d| *d > i64::from(limit)) {
        caps.push(Cap {
            source: SignalKey::OurReliability,
            text: format!(
                "at most {ceiling}: something of ours is {} overdue (more than {limit})",
                crate::domain::health::signal::days(days)
            ),
        });
    } else if let Some(days) = untold_late_redate(context) {
        caps.push(Cap {
            source: SignalKey::OurReliability,
            text: format!(
                "at most {ceiling}: we re-dated a promise {} after it was due and have not told them",
                crate::domain::health::signal::days(days)
            ),
        });
    }
    caps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_counted_is_no_score() {
        assert_eq!(
            weighted_score([(0, Some(100)), (20, None)].into_iter()),
            None
        );
        assert_eq!(weighted_score(std::iter::empty()), None);
    }

    #[test]
    fn rounds_half_up() {
        // (1 × 100 + 1 × 60 + 2 × 0) / 4 = 40; (100 + 60 + 0) / 3 = 53.33 → 53; 60·1 + 0·… .
        assert_eq!(
            weighted_score([(1, Some(100)), (1, Some(60)), (2, Some(0))].into_iter()),
            Some(40)
        );
        assert_eq!(
            weighted_score([(1, Some(100)), (1, Some(60)), (1, Some(0))].into_iter()),
            Some(53)
        );
        assert_eq!(
            weighted_score([(1, Some(100)), (1, Some(0))].into_iter()),
            Some(50)
        );
        assert_eq!(
            weighted_score([(1, Some(61)), (1, Some(0))].into_iter()),
            Some(31)
        );
    }
}

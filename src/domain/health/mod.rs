//! Partnership health (README, "Health"): explainable signals, a score, a verdict.
//!
//! [`assess`] is a pure function of a partner's [`HealthInput`] (aggregates a store computes
//! with SQL over the windows of [`HealthWindows`]), `today` and the [`Rules`]. Every signal
//! yields a [`Level`], a value in the user's words, a one-line why and a next action; unknown
//! signals are left out and the other weights re-normalised; caps and the verdict follow §4.
//!
//! Boundaries (defaults): a value equal to a "good" threshold is good and one equal to a "watch"
//! threshold is watch; the poor side is always strict. So on time 90 % is good, 70 % watch;
//! their on time 80 % good, 50 % watch; 14 days overdue watch, 15 poor; effort ratio 2 and 3
//! watch, above 3 poor; their touch share 25 % fine, below it watch; days since the update equal
//! to the cadence good, up to 2 × watch, beyond poor; after-signing and momentum ratios 0.8 good,
//! 0.5 watch; charter 29 days good, 30 and 45 watch, 46 poor; score 75 green, 50 amber.

mod assessment;
mod evidence;
mod input;
mod reference;
mod rules;
mod score;
mod signal;
mod signals;
mod summary;
mod verdict;

#[cfg(test)]
mod tests;

pub use assessment::{Health, assess};
pub use evidence::{Evidence, MAX_ROWS, evidence};
pub use input::{
    Conversations, DateRange, HealthInput, HealthWindows, OpenProblem, SideLedger, TheirDelivery,
    Untold,
};
pub use rules::{Bands, EvidenceMinimums, RULES_VERSION, Rules, Thresholds, Weights, Windows};
pub use score::Contribution;
pub use signal::{Level, Signal, SignalKey};
pub use signals::days_without_us;
pub use summary::HealthSummary;
pub use verdict::{Band, Grounds, HealthVerdict};

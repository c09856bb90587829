//! What the explain view reads: re-normalisation, order, wire names, next-band hints.

use super::inputs::{all_good, health};
use super::rows::ago;
use crate::domain::health::{Band, SignalKey, TheirDelivery};
use crate::domain::types::Stage;

#[test]
fn unknown_signals_are_left_out_and_the_rest_renormalised() {
    let mut input = all_good();
    input.stage = Stage::Engaged;
    input.problems_logged = 0;
    input.ours.kept_on_time = 8;
    let h = health(&input);
    // Not signed: no update cadence and nothing after signing to judge.
    assert_eq!(
        h.unknown_left_out,
        [
            SignalKey::Openness,
            SignalKey::AfterSigning,
            SignalKey::Adversity
        ]
    );
    assert_eq!((h.counted_weight(), h.total_weight()), (60, 100));
    // (20 × 60 + 40 × 100) / 60 = 86.7
    assert_eq!(h.score, Some(87));
    let shares: f64 = h.contributions.iter().map(|c| c.share).sum();
    let total: f64 = h.contributions.iter().map(|c| c.contributed).sum();
    assert!(
        (shares - 1.0).abs() < 1e-9 && (total - 86.667).abs() < 0.01,
        "{shares} {total}"
    );
}

#[test]
fn signals_worst_first() {
    let mut input = all_good();
    input.last_update_on = Some(ago(20));
    input.theirs.kept_on_time = 0;
    input.stage = Stage::Engaged;
    let order: Vec<SignalKey> = health(&input)
        .signals_worst_first()
        .iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(
        order[..2],
        [SignalKey::Reciprocity, SignalKey::OurReliability]
    );
    assert_eq!(order.last(), Some(&SignalKey::AfterSigning));
}

#[test]
fn signals_serialise_with_the_documented_words() {
    let h = health(&all_good());
    let text = toml::to_string(&h.signals[0]).expect("serialises");
    assert!(
        text.contains("key = \"our_reliability\"") && text.contains("level = \"good\""),
        "{text}"
    );
}

#[test]
fn several_signals_together_when_no_single_one_is_enough() {
    let mut input = all_good();
    input.ours.kept_on_time = 0;
    input.theirs.kept_on_time = 0;
    input.last_update_on = Some(ago(60));
    input.care_recent = 0;
    input.their_delivery_recent = TheirDelivery::default();
    let h = health(&input);
    assert_eq!((h.score, h.score_band()), (Some(19), Some(Band::Red)));
    assert_eq!(
        h.next_band_hint(),
        "reciprocity and our reliability to good together would make it amber (64); start with reciprocity: ask them to date what they promise, and follow up on the day"
    );
}

//! Verdict and caps, on inputs built field by field.

use rstest::rstest;

use super::inputs::{all_good, health, level, outage, walk_away_input};
use super::rows::{ago, today};
use crate::domain::health::{Band, HealthInput, HealthVerdict, Level, Rules, SignalKey, assess};
use crate::domain::types::Stage;

#[test]
fn all_good_is_healthy_and_green() {
    let h = health(&all_good());
    assert_eq!(
        (h.score, h.level, h.verdict),
        (Some(100), Band::Green, HealthVerdict::Healthy)
    );
    assert!(h.caps.is_empty() && h.unknown_left_out.is_empty());
    assert_eq!(
        h.reason,
        format!(
            "7 of 7 signals good — send the next update by {}",
            ago(3) + chrono::Days::new(14)
        )
    );
    assert_eq!(
        h.next_band_hint(),
        "green, the top band, with every judged signal good"
    );
}

#[test]
fn walk_away_review_when_reciprocity_and_momentum_are_poor() {
    let h = health(&walk_away_input());
    assert_eq!(level(&h, SignalKey::Reciprocity), Level::Poor);
    assert_eq!(level(&h, SignalKey::Momentum), Level::Poor);
    assert_eq!(
        (h.score, h.verdict),
        (Some(60), HealthVerdict::WalkAwayReview)
    );
    assert!(
        h.reason
            .starts_with("reciprocity and momentum both poor (they kept 0 of 10 on time"),
        "{}",
        h.reason
    );
}

#[test]
fn walk_away_review_whatever_the_score() {
    let mut rules = Rules::default();
    rules.weights.reciprocity = 1;
    rules.weights.momentum = 1;
    let h = assess(&walk_away_input(), today(), &rules);
    assert_eq!(h.level, Band::Green);
    assert_eq!(h.verdict, HealthVerdict::WalkAwayReview);
}

#[test]
fn reciprocity_poor_alone_is_not_a_walk_away() {
    let mut input = all_good();
    input.theirs.kept_on_time = 0;
    let h = health(&input);
    assert_eq!(
        (h.score, h.verdict),
        (Some(75), HealthVerdict::NeedsAttention)
    );
}

#[test]
fn red_is_at_risk() {
    let mut input = all_good();
    input.ours.kept_on_time = 5;
    input.theirs.kept_on_time = 0;
    input.last_update_on = Some(ago(60));
    let h = health(&input);
    assert_eq!(
        (h.score, h.level, h.verdict),
        (Some(40), Band::Red, HealthVerdict::AtRisk)
    );
    // Worst first: the heaviest poor signal names the next action.
    assert!(
        h.reason
            .starts_with("reciprocity poor (they kept 0 of 10 on time"),
        "{}",
        h.reason
    );
    assert!(
        h.next_band_hint()
            .starts_with("reciprocity from poor to watch would make it amber (55)"),
        "{}",
        h.next_band_hint()
    );
}

#[rstest]
#[case::green_with_a_poor_weighted_signal(Some(60), None, Some(85), HealthVerdict::NeedsAttention)]
#[case::amber_from_watch_signals(Some(20), Some(7), Some(70), HealthVerdict::NeedsAttention)]
#[case::watch_alone_stays_healthy(Some(20), None, Some(94), HealthVerdict::Healthy)]
fn needs_attention(
    #[case] update_ago: Option<i64>,
    #[case] ours_kept_of_10: Option<u32>,
    #[case] score: Option<u8>,
    #[case] verdict: HealthVerdict,
) {
    let mut input = all_good();
    input.last_update_on = update_ago.map(ago);
    if let Some(kept) = ours_kept_of_10 {
        input.ours.kept_on_time = kept;
        input.theirs.kept_on_time = 7;
        input.their_activity_recent.touches_started = 7;
    }
    let h = health(&input);
    assert_eq!(
        (h.score, h.verdict),
        (score, verdict),
        "{:?}",
        h.signals_worst_first()
    );
}

#[test]
fn an_unweighted_poor_signal_does_not_need_attention() {
    let mut input = all_good();
    input.last_review_on = Some(ago(100));
    let h = health(&input);
    assert_eq!(level(&h, SignalKey::CharterReview), Level::Poor);
    assert_eq!(h.verdict, HealthVerdict::Healthy);
}

#[test]
fn a_disproportionate_reaction_caps_at_amber_until_the_brave_conversation() {
    let mut input = all_good();
    input.open_problems = vec![outage(None)];
    let h = health(&input);
    assert_eq!(
        (h.uncapped_score, h.score, h.level),
        (Some(90), Some(74), Band::Amber)
    );
    assert_eq!(
        h.caps,
        [
            "at most amber: reaction 5 to a problem of severity 1 (\"the outage\") with no brave conversation"
        ]
    );
    assert_eq!(h.verdict, HealthVerdict::NeedsAttention);
    assert_eq!(
        h.reason,
        "adversity poor (reaction 5 to a problem of severity 1: \"the outage\", no brave conversation) — have the brave conversation about \"the outage\""
    );
    assert_eq!(
        h.next_band_hint(),
        "adversity from poor to watch would make it green (96): have the brave conversation about \"the outage\""
    );

    input.open_problems = vec![outage(Some(-2))];
    assert_eq!(
        health(&input).score,
        Some(74),
        "a planned conversation is not held yet"
    );

    input.open_problems = vec![outage(Some(1))];
    let h = health(&input);
    assert_eq!(
        (h.score, h.level, h.verdict),
        (Some(96), Band::Green, HealthVerdict::Healthy)
    );
    assert!(h.caps.is_empty());
    assert_eq!(level(&h, SignalKey::Adversity), Level::Watch);
}

#[rstest]
#[case::fourteen_days_is_not_capped(14, Some(92), Band::Green, 0)]
#[case::fifteen_days_caps_at_amber(15, Some(74), Band::Amber, 1)]
fn our_overdue_item_caps_at_amber(
    #[case] days: i64,
    #[case] score: Option<u8>,
    #[case] band: Band,
    #[case] caps: usize,
) {
    let mut input = all_good();
    input.ours.open_dated = 1;
    input.ours.overdue = 1;
    input.ours.oldest_overdue_due_on = Some(ago(days));
    let h = health(&input);
    assert_eq!((h.score, h.level, h.caps.len()), (score, band, caps));
}

#[test]
fn a_cap_never_raises_a_low_score() {
    let mut input = walk_away_input();
    input.last_update_on = Some(ago(60));
    input.open_problems = vec![outage(None)];
    let h = health(&input);
    // Reliability and after signing only: 35, already below the cap.
    assert_eq!(
        (h.uncapped_score, h.score, h.level),
        (Some(35), Some(35), Band::Red)
    );
}

#[test]
fn nothing_logged_reads_not_enough_data() {
    let h = health(&HealthInput::default());
    assert_eq!(
        (h.score, h.level, h.verdict),
        (None, Band::Amber, HealthVerdict::NeedsAttention)
    );
    assert!(h.reason.starts_with("not enough data yet"));
    assert!(h.next_band_hint().starts_with("not enough data yet"));
    assert_eq!(h.unknown_left_out.len(), 6);
    assert!(h.signals.iter().all(|s| s.level == Level::Unknown));
}

#[test]
fn all_weights_zero_is_no_score_not_a_division_by_zero() {
    let rules = Rules {
        weights: crate::domain::health::Weights {
            our_reliability: 0,
            reciprocity: 0,
            openness: 0,
            after_signing: 0,
            adversity: 0,
            momentum: 0,
            charter_review: 0,
        },
        ..Rules::default()
    };
    let h = assess(&all_good(), today(), &rules);
    assert_eq!(h.score, None);
    assert!(h.contributions.is_empty());
}

#[test]
fn ended_partners_are_not_scored() {
    let input = HealthInput {
        stage: Stage::Ended,
        ..all_good()
    };
    let h = health(&input);
    assert_eq!(h.score, None);
    assert_eq!(h.reason, "ended: not scored");
    assert_eq!(h.next_band_hint(), "ended partners are not scored");
}

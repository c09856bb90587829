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
        (Some(100), Some(Band::Green), HealthVerdict::Healthy)
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
    assert!(h.score.is_some_and(|s| s >= 75), "{:?}", h.score);
    assert_eq!(h.verdict, HealthVerdict::WalkAwayReview);
    assert_eq!(h.level, Some(Band::Red), "the colour is the verdict's");
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
        (Some(40), Some(Band::Red), HealthVerdict::AtRisk)
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
        input.their_delivery_recent.conversations_started = 7;
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
    input.least_recent_review_on = Some(ago(100));
    let h = health(&input);
    assert_eq!(level(&h, SignalKey::CharterReview), Level::Poor);
    assert_eq!(h.verdict, HealthVerdict::Healthy);
}

#[test]
fn a_disproportionate_reaction_caps_at_amber_until_the_brave_conversation() {
    let mut input = all_good();
    input.open_problems = vec![outage(None)];
    // We told them about it (a bad-news update the day it opened): only adversity is poor.
    input.last_bad_news_on = Some(ago(20));
    let h = health(&input);
    assert_eq!(
        (h.uncapped_score, h.score, h.level),
        (Some(90), Some(74), Some(Band::Amber))
    );
    assert_eq!(
        h.caps,
        [
            "at most 74: reaction 5 to a problem of severity 1 (\"the outage\") with no brave conversation"
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
        (Some(96), Some(Band::Green), HealthVerdict::Healthy)
    );
    assert!(h.caps.is_empty());
    assert_eq!(level(&h, SignalKey::Adversity), Level::Watch);
}

#[rstest]
#[case::fourteen_days_is_not_capped(14, Some(92), Some(Band::Green), 0)]
#[case::fifteen_days_caps_at_amber(15, Some(74), Some(Band::Amber), 1)]
fn our_overdue_item_caps_at_amber(
    #[case] days: i64,
    #[case] score: Option<u8>,
    #[case] band: Option<Band>,
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
        (Some(35), Some(35), Some(Band::Red))
    );
}

#[test]
fn nothing_logged_is_too_early() {
    let h = health(&HealthInput::default());
    assert_eq!(
        (h.score, h.level, h.verdict),
        (None, None, HealthVerdict::TooEarly)
    );
    assert!(
        h.reason
            .starts_with("too early to judge — state our intentions")
    );
    assert!(h.next_band_hint().starts_with("too early to score"));
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

#[test]
fn one_known_signal_is_too_early_two_are_judged() {
    // Only reliability known: too early, whatever it says.
    let mut input = HealthInput {
        fallen_due: true,
        ..HealthInput::default()
    };
    input.ours.due_in_window = 4;
    let h = health(&input);
    assert_eq!((h.verdict, h.score), (HealthVerdict::TooEarly, None));
    // Reciprocity known too: judged.
    input.theirs.due_in_window = 2;
    input.theirs.kept_on_time = 2;
    let h = health(&input);
    // (0 × 20 + 100 × 25) / 45 = 56, one weighted signal poor.
    assert_eq!(h.score, Some(56));
    assert_eq!(
        h.verdict,
        HealthVerdict::NeedsAttention,
        "{:?}",
        h.signals_worst_first()
    );
}

#[test]
fn a_courtship_with_nothing_fallen_due_is_too_early() {
    let mut input = all_good();
    input.stage = Stage::Engaged;
    input.fallen_due = false;
    assert_eq!(health(&input).verdict, HealthVerdict::TooEarly);
    input.fallen_due = true;
    assert_eq!(health(&input).verdict, HealthVerdict::Healthy);
}

#[rstest]
#[case::thirty_days_is_only_watch(30, HealthVerdict::Healthy)]
#[case::thirty_one_days_switched_off(31, HealthVerdict::AtRisk)]
fn switching_off_after_signing_is_at_risk_whatever_else_holds(
    #[case] silent: i64,
    #[case] verdict: HealthVerdict,
) {
    let mut input = all_good();
    input.last_touch_by_us_on = Some(ago(silent));
    input.last_update_on = Some(ago(10));
    let h = health(&input);
    assert_eq!(h.verdict, verdict, "{:?}", h.signals_worst_first());
    if verdict == HealthVerdict::AtRisk {
        assert_eq!(
            h.reason,
            format!(
                "we switched off: we have not been in touch for {silent} days since signing — call them, with no ask"
            )
        );
    }
}

#[test]
fn switching_off_wins_over_a_walk_away_review() {
    let mut input = walk_away_input();
    input.last_touch_by_us_on = Some(ago(40));
    let h = health(&input);
    assert_eq!(h.verdict, HealthVerdict::AtRisk);
    assert!(h.reason.starts_with("we switched off"), "{}", h.reason);
}

#[test]
fn two_weighted_signals_poor_are_at_risk_even_when_the_score_is_not_red() {
    let mut input = all_good();
    input.theirs.kept_on_time = 0; // reciprocity poor (25)
    input.last_update_on = Some(ago(60)); // openness poor (15)
    let h = health(&input);
    assert_eq!(h.score, Some(60));
    assert_eq!(h.verdict, HealthVerdict::AtRisk);
}

#[test]
fn an_untold_late_redate_caps_like_the_overdue_item() {
    let mut input = all_good();
    input.ours.slips_recent = 1;
    input.untold = crate::domain::health::Untold {
        count: 1,
        oldest_broken_on: Some(ago(20)),
        most_days_late_redated: Some(20),
    };
    let h = health(&input);
    assert_eq!(h.caps.len(), 1, "{:?}", h.caps);
    assert!(h.caps[0].contains("re-dated a promise 20 days after it was due"));
    assert!(h.score.is_some_and(|s| s <= 74));
    // Told: the cap lifts; the slip still counts.
    input.untold = crate::domain::health::Untold::default();
    let h = health(&input);
    assert!(h.caps.is_empty());
    assert_eq!(level(&h, SignalKey::OurReliability), Level::Watch);
}

//! Inputs built field by field, shared by the verdict and explain tests.

use super::rows::{ago, today};
use crate::domain::health::{
    Conversations, Health, HealthInput, Level, OpenProblem, Rules, SideLedger, SignalKey,
    TheirDelivery, assess,
};
use crate::domain::types::Stage;

/// Every signal good.
pub fn all_good() -> HealthInput {
    let ledger = SideLedger {
        due_in_window: 10,
        kept_on_time: 10,
        kept_for_effort: 5,
        ..SideLedger::default()
    };
    let talk = Conversations {
        by_us: 10,
        by_them: 10,
    };
    HealthInput {
        stage: Stage::Signed,
        signed_on: Some(ago(200)),
        update_every_days: 14,
        ours: ledger.clone(),
        theirs: ledger,
        fallen_due: true,
        first_record_on: Some(ago(300)),
        conversations_recent: talk,
        conversations_effort: talk,
        last_update_on: Some(ago(3)),
        last_touch_by_us_on: Some(ago(3)),
        problems_logged: 1,
        our_touches_after_signing: 30,
        our_touches_courtship: 30,
        care_recent: 3,
        their_delivery_recent: TheirDelivery {
            conversations_started: 10,
            ..TheirDelivery::default()
        },
        their_delivery_before: TheirDelivery {
            conversations_started: 20,
            ..TheirDelivery::default()
        },
        ongoing_items: 3,
        ongoing_since: Some(ago(300)),
        least_recent_review_on: Some(ago(5)),
        ..HealthInput::default()
    }
}

pub fn health(input: &HealthInput) -> Health {
    assess(input, today(), &Rules::default())
}

pub fn level(h: &Health, key: SignalKey) -> Level {
    h.signal(key).map_or(Level::Unknown, |s| s.level)
}

pub fn outage(brave_ago: Option<i64>) -> OpenProblem {
    OpenProblem {
        id: 4,
        summary: "the outage".into(),
        opened_on: ago(20),
        severity: 1,
        reaction: 5,
        brave_conversation_on: brave_ago.map(ago),
    }
}

/// Reciprocity and momentum poor, the rest good.
pub fn walk_away_input() -> HealthInput {
    let mut input = all_good();
    input.theirs.kept_on_time = 0;
    input.theirs.kept_for_effort = 0;
    input.conversations_effort.by_them = 0;
    input.their_delivery_recent = TheirDelivery::default();
    input
}

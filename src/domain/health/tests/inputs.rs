//! Inputs built field by field, shared by the verdict and explain tests.

use super::rows::{ago, today};
use crate::domain::health::{
    Health, HealthInput, Level, OpenProblem, Rules, SideLedger, SignalKey, TheirActivity, assess,
};
use crate::domain::types::Stage;

/// Every signal good.
pub fn all_good() -> HealthInput {
    let ledger = SideLedger {
        due_in_window: 10,
        kept_on_time: 10,
        kept_recent: 5,
        ..SideLedger::default()
    };
    HealthInput {
        stage: Stage::Signed,
        signed_on: Some(ago(200)),
        update_every_days: 14,
        ours: ledger.clone(),
        theirs: ledger,
        touches_recent_by_us: 10,
        touches_recent_by_them: 10,
        last_update_on: Some(ago(3)),
        first_touch_on: Some(ago(300)),
        problems_logged: 1,
        touches_after_signing: 30,
        touches_before_signing: 30,
        logged_before_signing: true,
        care_recent: 3,
        their_activity_recent: TheirActivity {
            touches_started: 10,
            ..TheirActivity::default()
        },
        their_activity_before: TheirActivity {
            touches_started: 20,
            ..TheirActivity::default()
        },
        ongoing_items: 3,
        ongoing_since: Some(ago(300)),
        last_review_on: Some(ago(5)),
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
        update_since_opened: true,
    }
}

/// Reciprocity and momentum poor, the rest good.
pub fn walk_away_input() -> HealthInput {
    let mut input = all_good();
    input.theirs.kept_on_time = 0;
    input.their_activity_recent = TheirActivity::default();
    input
}

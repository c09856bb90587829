//! The partner form's fields: every field of a partner but its end.

use super::Field;
use crate::domain::limits::{NAME_MAX, TEXT_MAX};
use crate::domain::{Partner, Stage};

/// The options of a yes-or-no field.
pub(super) const NO_YES: [&str; 2] = ["no", "yes"];

/// "yes" or "no".
pub(super) fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

/// A partner with nothing typed yet: a prospect with the usual cadence.
pub(super) fn blank() -> Partner {
    Partner {
        id: 0,
        name: String::new(),
        stage: crate::domain::Stage::Prospect,
        signed_on: None,
        desired_outcome: String::new(),
        their_goals: String::new(),
        their_constraints: String::new(),
        update_every_days: 14,
        owner: String::new(),
        ended_on: None,
        end_reason: String::new(),
        created_on: chrono::NaiveDate::MIN,
        version: 0,
        tags: Vec::new(),
    }
}

/// A partner's fields: the main ones, and when `full` (editing) what they want, tags and
/// owner too (a new partner is the adder's; the rest follows with its edit).
pub(super) fn fields(p: &Partner, full: bool) -> Vec<Field> {
    let signed = p.signed_on.map(|d| d.to_string()).unwrap_or_default();
    let mut fields = vec![
        Field::new("Name", "company or person", NAME_MAX, &p.name),
        Field::choice(
            "Stage",
            "where we are with them",
            stages(p.stage),
            p.stage.as_str(),
        ),
        Field::date(
            "Signed on",
            "YYYY-MM-DD, today, -3d; empty = today once signed",
            &signed,
        ),
        Field::new(
            "Update every",
            "days, agreed cadence",
            3,
            &p.update_every_days.to_string(),
        ),
        Field::new(
            "Desired outcome",
            "what success looks like",
            TEXT_MAX,
            &p.desired_outcome,
        ),
    ];
    if full {
        fields.extend([
            Field::new(
                "Their goals",
                "what they want to achieve",
                TEXT_MAX,
                &p.their_goals,
            ),
            Field::new(
                "Their limits",
                "their constraints: budget, time, people",
                TEXT_MAX,
                &p.their_constraints,
            ),
            Field::new("Tags", "comma-separated", TEXT_MAX, &p.tags.join(", ")),
            Field::new("Owner", "who looks after it", NAME_MAX, &p.owner),
        ]);
    }
    fields
}

/// The stages a form sets; ending a partnership has its own form, so `ended` is offered only
/// to a partnership already ended (shown as it is; saving it is refused as before).
fn stages(now: Stage) -> Vec<&'static str> {
    (Stage::ALL.iter())
        .filter(|s| **s != Stage::Ended || now == Stage::Ended)
        .map(|s| s.as_str())
        .collect()
}

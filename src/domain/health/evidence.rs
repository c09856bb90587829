//! The rows behind each signal, for the explain view: which commitments, touches, problems and
//! reviews a figure was counted from. Pure, over one partner's rows.

use super::input::HealthWindows;
use super::rules::Rules;
use super::signal::SignalKey;
use crate::domain::{
    Commitment, Initiator, Partner, Problem, Review, Side, Status, Touch, TouchKind,
};
use chrono::NaiveDate;

/// At most this many rows are listed per signal; the rest are counted.
pub const MAX_ROWS: usize = 8;

/// The evidence of one signal: lines naming rows, and how many more were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub key: SignalKey,
    pub rows: Vec<String>,
    pub more: usize,
}

fn listed(key: SignalKey, all: Vec<String>) -> Evidence {
    let more = all.len().saturating_sub(MAX_ROWS);
    Evidence {
        key,
        rows: all.into_iter().take(MAX_ROWS).collect(),
        more,
    }
}

fn commitment_line(c: &Commitment) -> String {
    let due = c
        .due_on
        .map_or("ongoing".to_string(), |d| format!("due {d}"));
    let state = match (c.status, c.closed_on) {
        (Status::Kept, Some(on)) if c.due_on.is_some_and(|d| on <= d) => {
            format!("kept {on}, on time")
        }
        (Status::Kept, Some(on)) => format!("kept {on}, late"),
        (status, Some(on)) => format!("{status} {on}"),
        (status, None) => status.to_string(),
    };
    format!("#{} {} — {due}, {state}", c.id, c.title)
}

fn touch_line(t: &Touch) -> String {
    format!("{} {} by {}: {}", t.on, t.kind, t.initiated_by, t.summary)
}

/// The rows behind every signal of one partner on `today`.
pub fn evidence(
    partner: &Partner,
    commitments: &[Commitment],
    reviews: &[Review],
    touches: &[Touch],
    problems: &[Problem],
    today: NaiveDate,
    rules: &Rules,
) -> Vec<Evidence> {
    let w = HealthWindows::new(rules, today, partner.signed_on);
    let side_due = |side: Side, range: super::DateRange| -> Vec<String> {
        let mut rows: Vec<&Commitment> = commitments
            .iter()
            .filter(|c| c.side == side && !c.ongoing && c.status != Status::Released)
            .filter(|c| {
                c.due_on
                    .is_some_and(|d| range.contains(d) || (c.status == Status::Open && d < today))
            })
            .collect();
        rows.sort_by_key(|c| (c.due_on, c.id));
        rows.into_iter().map(commitment_line).collect()
    };
    let touches_in = |range: super::DateRange, keep: &dyn Fn(&Touch) -> bool| -> Vec<String> {
        touches
            .iter()
            .filter(|t| range.contains(t.on) && keep(t))
            .map(touch_line)
            .collect()
    };
    let mut reciprocity = side_due(Side::Theirs, w.their_due);
    reciprocity.extend(touches_in(w.recent_touches, &|t| {
        t.initiated_by == Initiator::Them
    }));
    let openness: Vec<String> = touches
        .iter()
        .filter(|t| t.kind == TouchKind::Update && t.on <= today)
        .take(3)
        .map(touch_line)
        .chain(
            problems
                .iter()
                .filter(|p| p.resolved_on.is_none())
                .map(|p| format!("problem #{} opened {}: {}", p.id, p.opened_on, p.summary)),
        )
        .collect();
    let after_signing: Vec<String> = match (w.after_signing, w.before_signing) {
        (Some(after), Some(before)) => {
            let a = touches.iter().filter(|t| after.contains(t.on)).count();
            let b = touches.iter().filter(|t| before.contains(t.on)).count();
            let mut rows = vec![
                format!("{a} touches {} to {} (since signing)", after.from, after.to),
                format!(
                    "{b} touches {} to {} (before signing)",
                    before.from, before.to
                ),
            ];
            rows.extend(touches_in(w.care, &|t| t.kind == TouchKind::Care));
            rows
        }
        _ => vec!["not signed: nothing to compare".into()],
    };
    let adversity: Vec<String> = problems
        .iter()
        .filter(|p| p.resolved_on.is_none_or(|on| on > today))
        .map(|p| {
            let brave = p
                .brave_conversation_on
                .map_or("no brave conversation".to_string(), |d| {
                    format!("brave conversation {d}")
                });
            format!(
                "#{} {} severity {}, reaction {} — {brave}: {}",
                p.id, p.opened_on, p.severity, p.reaction, p.summary
            )
        })
        .collect();
    let activity = |range: super::DateRange| -> usize {
        touches
            .iter()
            .filter(|t| t.initiated_by == Initiator::Them && range.contains(t.on))
            .count()
            + commitments
                .iter()
                .filter(|c| c.side == Side::Theirs)
                .map(|c| {
                    usize::from(range.contains(c.made_on))
                        + usize::from(
                            c.status == Status::Kept
                                && c.closed_on.is_some_and(|on| range.contains(on)),
                        )
                })
                .sum::<usize>()
    };
    let momentum = vec![
        format!(
            "{} of their actions {} to {}",
            activity(w.momentum_recent),
            w.momentum_recent.from,
            w.momentum_recent.to
        ),
        format!(
            "{} of their actions {} to {}",
            activity(w.momentum_before),
            w.momentum_before.from,
            w.momentum_before.to
        ),
    ];
    let charter: Vec<String> = commitments
        .iter()
        .filter(|c| c.ongoing && c.status == Status::Open)
        .map(|c| {
            let last = reviews
                .iter()
                .filter(|r| r.commitment_id == c.id)
                .map(|r| r.on)
                .max();
            let side = if c.side == Side::Ours { "we" } else { "they" };
            match last {
                Some(on) => format!("#{} ({side}) {} — last reviewed {on}", c.id, c.title),
                None => format!("#{} ({side}) {} — never reviewed", c.id, c.title),
            }
        })
        .collect();
    vec![
        listed(SignalKey::OurReliability, side_due(Side::Ours, w.our_due)),
        listed(SignalKey::Reciprocity, reciprocity),
        listed(SignalKey::Openness, openness),
        listed(SignalKey::AfterSigning, after_signing),
        listed(SignalKey::Adversity, adversity),
        listed(SignalKey::Momentum, momentum),
        listed(SignalKey::CharterReview, charter),
    ]
}

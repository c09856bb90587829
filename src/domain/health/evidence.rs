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
    let due = match (c.due_on, c.slip) {
        (Some(d), Some(slip)) => format!(
            "due {} (first due {}, re-dated {} late on {})",
            d,
            slip.original_due_on,
            super::signal::days(slip.days_late()),
            slip.redated_on
        ),
        (Some(d), None) => format!("due {d}"),
        (None, _) if c.ongoing => "ongoing".to_string(),
        (None, _) => "no due day".to_string(),
    };
    let state = match (c.status, c.closed_on) {
        (Status::Kept, Some(on)) if super::reference::kept_on_time(c) => {
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
                c.judged_due_on().is_some_and(|d| range.contains(d))
                    || c.due_on
                        .is_some_and(|d| c.status == Status::Open && d < today)
            })
            .collect();
        rows.sort_by_key(|c| (c.judged_due_on(), c.id));
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
        super::reference::is_conversation(t)
    }));
    let openness: Vec<String> = touches
        .iter()
        .filter(|t| (t.kind == TouchKind::Update || t.bad_news) && t.on <= today)
        .take(3)
        .map(|t| {
            let line = touch_line(t);
            if t.bad_news {
                format!("{line} (bad news)")
            } else {
                line
            }
        })
        .chain(
            commitments
                .iter()
                .filter_map(|c| crate::domain::slips::broken(c, today).map(|b| (c, b)))
                .filter(|(_, b)| b.how != crate::domain::slips::Breach::KeptLate)
                .filter(|(_, b)| b.on >= w.our_due.from)
                .map(|(c, b)| {
                    let told = touches
                        .iter()
                        .any(|t| t.bad_news && t.on >= b.told_from && t.on <= today);
                    format!(
                        "slip: {} — broke {}, {}",
                        commitment_line(c),
                        b.on,
                        if told { "told" } else { "not told yet" }
                    )
                }),
        )
        .chain(
            problems
                .iter()
                .filter(|p| p.resolved_on.is_none())
                .map(|p| format!("problem #{} opened {}: {}", p.id, p.opened_on, p.summary)),
        )
        .collect();
    let after_signing: Vec<String> = match (w.after_signing, partner.signed_on) {
        (Some(after), Some(signed)) => {
            let ours = |keep: &dyn Fn(NaiveDate) -> bool| {
                touches
                    .iter()
                    .filter(|t| t.initiated_by == Initiator::Us && keep(t.on))
                    .count()
            };
            let a = ours(&|on| after.contains(on));
            let b = ours(&|on| on <= signed);
            let last = touches
                .iter()
                .filter(|t| t.initiated_by == Initiator::Us && t.on <= today)
                .map(|t| t.on)
                .max();
            let mut rows = vec![
                format!(
                    "{a} touches from us {} to {} (since signing)",
                    after.from, after.to
                ),
                format!("{b} touches from us up to {signed} (the courtship)"),
                match last {
                    Some(on) => format!("our last touch {on}"),
                    None => "no touch from us yet".to_string(),
                },
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
    let delivery = |range: super::DateRange| -> usize {
        touches
            .iter()
            .filter(|t| t.initiated_by == Initiator::Them && range.contains(t.on))
            .count()
            + commitments
                .iter()
                .filter(|c| c.side == Side::Theirs && super::reference::kept_on_time(c))
                .filter(|c| c.closed_on.is_some_and(|on| range.contains(on)))
                .count()
    };
    let mut momentum = vec![
        format!(
            "{} deliveries of theirs {} to {}",
            delivery(w.momentum_recent),
            w.momentum_recent.from,
            w.momentum_recent.to
        ),
        format!(
            "{} deliveries of theirs {} to {}",
            delivery(w.momentum_before),
            w.momentum_before.from,
            w.momentum_before.to
        ),
    ];
    momentum.extend(
        commitments
            .iter()
            .filter(|c| c.side == Side::Theirs && !c.ongoing && c.status != Status::Released)
            .filter(|c| !super::reference::kept_on_time(c))
            .filter(|c| {
                c.judged_due_on()
                    .is_some_and(|d| w.lapse_evidence.contains(d))
            })
            .map(|c| format!("lapsed: {}", commitment_line(c))),
    );
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

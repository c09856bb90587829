//! The daily agenda, the two-minute morning check-in: what is overdue or due both ways, who is owed an update,
//! which partnerships are slipping. Built from rows a store selected for it; pure.

use super::health::HealthVerdict;
use super::slips::{Breach, Broken};
use super::{Commitment, Problem, Side};
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The sections of the agenda, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    OursOverdue,
    WeSlipped,
    SwitchedOff,
    TheirsOverdue,
    DueSoon,
    UpdateOwed,
    Slipping,
    BraveConversation,
    CharterReview,
}

impl SectionKind {
    /// The heading shown above the section.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::OursOverdue => "We owe, overdue",
            SectionKind::WeSlipped => "We slipped — tell them",
            SectionKind::SwitchedOff => "Switched off since signing",
            SectionKind::TheirsOverdue => "They owe, overdue (chase)",
            SectionKind::DueSoon => "Due within 7 days, both ways",
            SectionKind::UpdateOwed => "Owed an update",
            SectionKind::Slipping => "Walk-away review or at risk",
            SectionKind::BraveConversation => "Awaiting a brave conversation",
            SectionKind::CharterReview => "Charter items not reviewed",
        }
    }
}

/// One actionable line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub partner_id: i64,
    pub partner: String,
    /// The commitment this line is about, if any (keep / miss / release act on it).
    pub commitment_id: Option<i64>,
    /// The problem this line is about, if any.
    pub problem_id: Option<i64>,
    /// What the line says, e.g. "Send pricing — 3 days late".
    pub text: String,
}

/// One section with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: &'static str,
    pub items: Vec<AgendaItem>,
    /// How many lines the section has in all; more than `items` when the agenda was cut to a
    /// screenful (the JSON and the plain text are never cut).
    #[serde(skip)]
    pub total: usize,
}

/// A signed partner's agreed update cadence and last update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    pub partner_id: i64,
    pub partner: String,
    pub last_update_on: Option<NaiveDate>,
    /// The clock starts on the signing day when no update was shared since.
    pub signed_on: NaiveDate,
    pub update_every_days: u32,
}

/// A partnership in walk-away review or at risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slipping {
    pub partner_id: i64,
    pub partner: String,
    pub verdict: HealthVerdict,
    pub score: Option<u8>,
    /// The verdict's evidence and next action, when it was worked out.
    pub reason: Option<String>,
}

/// Everything the agenda is built from.
#[derive(Debug, Clone, Default)]
pub struct AgendaInput {
    /// Open dated commitments due on or before the horizon, with their partner's name.
    pub due: Vec<(String, Commitment)>,
    /// Signed partners with their last update and agreed cadence (prospects agreed none yet).
    pub cadence: Vec<Cadence>,
    /// Partners (not ended) in walk-away review or at risk.
    pub slipping: Vec<Slipping>,
    /// Unresolved problems with a disproportionate reaction and no brave conversation.
    pub unfaced: Vec<(String, Problem)>,
    /// Open ongoing commitments with their last review day, not reviewed within the window.
    pub stale_charter: Vec<(String, Commitment, Option<NaiveDate>)>,
    /// Our broken promises not yet told (missed, or re-dated late), with their partner's
    /// name and how they broke; overdue ones are under "We owe, overdue".
    pub slipped: Vec<(String, Commitment, Broken)>,
    /// Signed partners without a touch from us for more than the limit: name, partner id,
    /// days silent.
    pub switched_off: Vec<(String, i64, i64)>,
    /// The full size of each section whose rows the store cut to a screenful.
    pub totals: HashMap<SectionKind, usize>,
}

/// The agenda: sections in order, empty ones kept so counts read "0".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub today: NaiveDate,
    pub sections: Vec<Section>,
}

/// Days of look-ahead for "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

fn late(days: i64) -> String {
    match days {
        1 => "1 day late".into(),
        n => format!("{n} days late"),
    }
}

fn due_in(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        n => format!("due in {n} days"),
    }
}

/// Keeps the first `limit` of `items` in the order of `cmp`, sorted (all of them without a
/// limit); the rest is never sorted.
fn head<T>(items: &mut Vec<T>, limit: Option<usize>, cmp: impl Fn(&T, &T) -> Ordering) {
    if let Some(n) = limit.filter(|n| *n < items.len()) {
        items.select_nth_unstable_by(n, &cmp);
        items.truncate(n);
    }
    items.sort_by(cmp);
}

impl Agenda {
    /// Sorts the input into the sections of the daily check-in, each cut to `limit` lines
    /// when given (the screen), with its full count kept.
    pub fn build(
        input: AgendaInput,
        today: NaiveDate,
        charter_days: u32,
        limit: Option<usize>,
    ) -> Agenda {
        let mut ours_overdue = Vec::new();
        let mut theirs_overdue = Vec::new();
        let mut due_soon = Vec::new();
        let mut due = input.due;
        due.sort_by_key(|(_, c)| (c.due_on, c.partner_id, c.id));
        for (partner, c) in due {
            let Some(on) = c.due_on else { continue };
            let days = (on - today).num_days();
            let item = |text: String| AgendaItem {
                partner_id: c.partner_id,
                partner: partner.clone(),
                commitment_id: Some(c.id),
                problem_id: None,
                text,
            };
            match (days < 0, c.side) {
                (true, Side::Ours) => {
                    ours_overdue.push(item(format!("{} — {}", c.title, late(-days))))
                }
                (true, Side::Theirs) => {
                    theirs_overdue.push(item(format!("{} — {}", c.title, late(-days))))
                }
                (false, side) if days <= DUE_SOON_DAYS => {
                    let who = if side == Side::Ours {
                        "we owe"
                    } else {
                        "they owe"
                    };
                    due_soon.push(item(format!("{} — {who}, {}", c.title, due_in(days))));
                }
                _ => {}
            }
        }
        // Partners owed an update, the longest overdue first; lines are written only for
        // what is shown.
        let mut owed: Vec<(i64, i64, Cadence)> = input
            .cadence
            .into_iter()
            .filter_map(|c| {
                let start = c.last_update_on.unwrap_or(c.signed_on).max(c.signed_on);
                let since = (today - start).num_days();
                let late_by = since - i64::from(c.update_every_days);
                (late_by > 0).then_some((late_by, since, c))
            })
            .collect();
        let owed_total = owed.len();
        head(&mut owed, limit, |a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.2.partner.cmp(&b.2.partner))
                .then_with(|| a.2.partner_id.cmp(&b.2.partner_id))
        });
        let owed: Vec<AgendaItem> = owed
            .into_iter()
            .map(|(_, since, c)| {
                let every = c.update_every_days;
                AgendaItem {
                    partner_id: c.partner_id,
                    partner: c.partner,
                    commitment_id: None,
                    problem_id: None,
                    text: match c.last_update_on {
                        Some(on) if on >= c.signed_on => {
                            format!("last update {since} days ago, agreed every {every}")
                        }
                        _ => format!(
                            "signed {since} days ago, no update shared since, agreed every {every}"
                        ),
                    },
                }
            })
            .collect();
        let mut slipping = input.slipping;
        let slipping_total = slipping.len();
        head(&mut slipping, limit, |a, b| {
            (a.verdict, a.score)
                .cmp(&(b.verdict, b.score))
                .then_with(|| a.partner.cmp(&b.partner))
                .then_with(|| a.partner_id.cmp(&b.partner_id))
        });
        let slipping: Vec<AgendaItem> = slipping
            .into_iter()
            .map(|sl| {
                let text = match (&sl.reason, sl.score) {
                    (Some(reason), _) => format!("{}: {reason}", sl.verdict.words()),
                    (None, Some(score)) => format!(
                        "{}, score {score}/100 — the brief has the reasons",
                        sl.verdict.words()
                    ),
                    (None, None) => format!("{} — the brief has the reasons", sl.verdict.words()),
                };
                AgendaItem {
                    partner_id: sl.partner_id,
                    partner: sl.partner,
                    commitment_id: None,
                    problem_id: None,
                    text,
                }
            })
            .collect();
        let brave = input
            .unfaced
            .into_iter()
            .map(|(partner, p)| AgendaItem {
                partner_id: p.partner_id,
                partner,
                commitment_id: None,
                problem_id: Some(p.id),
                text: format!(
                    "{} — reaction {} to severity {}, open {} days",
                    p.summary,
                    p.reaction,
                    p.severity,
                    (today - p.opened_on).num_days()
                ),
            })
            .collect();
        let charter = input
            .stale_charter
            .into_iter()
            .map(|(partner, c, last)| AgendaItem {
                partner_id: c.partner_id,
                partner,
                commitment_id: Some(c.id),
                problem_id: None,
                text: match last {
                    Some(on) => format!(
                        "{} — last reviewed {} days ago",
                        c.title,
                        (today - on).num_days()
                    ),
                    None => format!("{} — never reviewed (over {charter_days} days)", c.title),
                },
            })
            .collect();
        let mut slipped = input.slipped;
        slipped.sort_by_key(|(partner, c, b)| (b.on, partner.clone(), c.id));
        let slipped: Vec<AgendaItem> = slipped
            .into_iter()
            .map(|(partner, c, b)| AgendaItem {
                partner_id: c.partner_id,
                partner,
                commitment_id: Some(c.id),
                problem_id: None,
                text: match (b.how, c.due_on) {
                    (Breach::Redated { days_late }, Some(due)) => format!(
                        "{} — re-dated {} after it was due, now due {due}: tell them the new date",
                        c.title,
                        late(days_late).replace(" late", "")
                    ),
                    _ => format!(
                        "{} — missed {}: tell them, and what happens next",
                        c.title,
                        c.closed_on.map_or_else(String::new, |d| d.to_string())
                    ),
                },
            })
            .collect();
        let mut switched_off = input.switched_off;
        switched_off.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let switched_off: Vec<AgendaItem> = switched_off
            .into_iter()
            .map(|(partner, partner_id, days)| AgendaItem {
                partner_id,
                partner,
                commitment_id: None,
                problem_id: None,
                text: format!("{days} days without a touch from us: call them, with no ask"),
            })
            .collect();
        let mut totals = input.totals;
        totals.insert(SectionKind::UpdateOwed, owed_total);
        totals.insert(SectionKind::Slipping, slipping_total);
        let section = |kind: SectionKind, mut items: Vec<AgendaItem>| {
            let total = totals.get(&kind).copied().unwrap_or(items.len());
            items.truncate(limit.unwrap_or(usize::MAX));
            Section {
                kind,
                heading: kind.heading(),
                items,
                total,
            }
        };
        Agenda {
            today,
            sections: vec![
                section(SectionKind::OursOverdue, ours_overdue),
                section(SectionKind::WeSlipped, slipped),
                section(SectionKind::SwitchedOff, switched_off),
                section(SectionKind::TheirsOverdue, theirs_overdue),
                section(SectionKind::DueSoon, due_soon),
                section(SectionKind::UpdateOwed, owed),
                section(SectionKind::Slipping, slipping),
                section(SectionKind::BraveConversation, brave),
                section(SectionKind::CharterReview, charter),
            ],
        }
    }

    /// True when nothing needs doing.
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.items.is_empty())
    }
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;

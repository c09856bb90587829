//! The pre-call brief for one partner, and the talking points generated from its signals.

use super::health::{Health, HealthVerdict, Level, SignalKey};
use super::{Commitment, Contact, Partner, Problem, Side, Status, Touch, Verdict};
use chrono::NaiveDate;
use serde::Serialize;

/// A charter item (ongoing commitment) with its last review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CharterItem {
    pub commitment: Commitment,
    pub last_review: Option<(NaiveDate, Verdict)>,
}

/// Everything to say on a call with one partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub partner: Partner,
    pub contacts: Vec<Contact>,
    /// Intentions (ours) and expectations (theirs), ongoing.
    pub charter: Vec<CharterItem>,
    /// Open dated commitments of ours, overdue first.
    pub ours_open: Vec<Commitment>,
    /// Open dated commitments of theirs, overdue first.
    pub theirs_open: Vec<Commitment>,
    /// Their commitments kept in the last 30 days (to thank them for).
    pub theirs_kept_recently: Vec<Commitment>,
    /// The last five touches, newest first, in full.
    pub touches: Vec<Touch>,
    /// Unresolved problems.
    pub problems: Vec<Problem>,
    pub health: Health,
    pub talking_points: Vec<String>,
}

/// Days back that count as "recently kept" for thanks.
pub const THANKS_DAYS: i64 = 30;

impl Brief {
    /// Assembles a brief and generates its talking points.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        partner: Partner,
        contacts: Vec<Contact>,
        charter: Vec<CharterItem>,
        open_dated: Vec<Commitment>,
        theirs_kept_recently: Vec<Commitment>,
        touches: Vec<Touch>,
        problems: Vec<Problem>,
        health: Health,
        today: NaiveDate,
    ) -> Brief {
        let mut dated = open_dated;
        dated.sort_by_key(|c| (c.due_on, c.id));
        let (ours_open, theirs_open): (Vec<Commitment>, Vec<Commitment>) =
            dated.into_iter().partition(|c| c.side == Side::Ours);
        let mut brief = Brief {
            partner,
            contacts,
            charter,
            ours_open,
            theirs_open,
            theirs_kept_recently,
            touches,
            problems,
            health,
            talking_points: Vec::new(),
        };
        brief.talking_points = talking_points(&brief, today);
        brief
    }
}

fn days_late(c: &Commitment, today: NaiveDate) -> i64 {
    c.due_on.map_or(0, |d| (today - d).num_days())
}

/// The points to make on the call, most pressing first: apologise for and re-date what we owe;
/// ask about what they owe; share the update that is due; raise the brave conversation; thank
/// them for what they kept.
pub fn talking_points(b: &Brief, today: NaiveDate) -> Vec<String> {
    let mut points = Vec::new();
    if b.health.verdict == HealthVerdict::WalkAwayReview && !b.health.ended {
        points.push(format!(
            "Walk-away review: say plainly that the effort runs one way ({}) and ask whether they still want this partnership.",
            b.health.signal(SignalKey::Reciprocity).map_or("", |s| s.value.as_str())
        ));
    }
    for c in b.ours_open.iter().filter(|c| days_late(c, today) > 0) {
        points.push(format!(
            "Apologise for \"{}\" ({} late) and agree a new date.",
            c.title,
            super::text::counted(days_late(c, today), "day", "days")
        ));
    }
    for c in &b.theirs_open {
        match days_late(c, today) {
            n if n > 0 => points.push(format!(
                "Ask about \"{}\": they promised it for {}, {n} days ago.",
                c.title,
                c.due_on.map(|d| d.to_string()).unwrap_or_default()
            )),
            n if n >= -7 => points.push(format!(
                "Check that \"{}\" is on track for {}.",
                c.title,
                c.due_on.map(|d| d.to_string()).unwrap_or_default()
            )),
            _ => {}
        }
    }
    if let Some(s) = b
        .health
        .signal(SignalKey::Openness)
        .filter(|s| matches!(s.level, Level::Watch | Level::Poor))
    {
        points.push(format!("Share the update that is due: {}.", s.value));
    }
    for p in b
        .problems
        .iter()
        .filter(|p| p.is_disproportionate() && p.brave_conversation_on.is_none())
    {
        points.push(format!(
            "Raise the brave conversation about \"{}\": their reaction ({}/5) is out of proportion to the problem ({}/5).",
            p.summary, p.reaction, p.severity
        ));
    }
    for c in &b.theirs_kept_recently {
        if c.status == Status::Kept {
            points.push(format!("Thank them for \"{}\".", c.title));
        }
    }
    if points.is_empty() {
        points.push("Nothing is owed either way: ask what is changing in their business and how we can help.".into());
    }
    points
}

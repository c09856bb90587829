//! The pre-call brief for one partner, and the talking points generated from its signals.

use super::health::{Health, HealthVerdict, Level, SignalKey};
use super::slips;
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
    /// Our promises that broke in the last 30 days (or were re-dated late in them), told or
    /// not: the call recalls them.
    pub our_slips: Vec<Slip30>,
    pub talking_points: Vec<String>,
}

/// One of our recent slips, as the brief recalls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slip30 {
    pub commitment: Commitment,
    /// The day it broke.
    pub broke_on: NaiveDate,
    /// Whether a bad-news touch has told them.
    pub told: bool,
}

/// Days back the brief recalls our slips.
pub const SLIP_RECALL_DAYS: i64 = 30;

/// Our slips to recall on `today`: of `ours` (any status), those that broke — or were re-dated
/// late — in the last [`SLIP_RECALL_DAYS`], told or not by `last_bad_news_on`.
pub fn recent_slips(
    ours: &[Commitment],
    last_bad_news_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Slip30> {
    let from = today - chrono::Days::new(SLIP_RECALL_DAYS.unsigned_abs());
    let mut slips: Vec<Slip30> = ours
        .iter()
        .filter_map(|c| {
            let b = slips::broken(c, today)?;
            let recent = b.on >= from || c.slip.is_some_and(|s| s.redated_on >= from);
            recent.then(|| Slip30 {
                commitment: c.clone(),
                broke_on: b.on,
                told: b.how == slips::Breach::KeptLate || slips::told(&b, last_bad_news_on),
            })
        })
        .collect();
    slips.sort_by_key(|s| (s.told, s.broke_on, s.commitment.id));
    slips
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
        our_slips: Vec<Slip30>,
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
            our_slips,
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
/// ask about what they owe; share the update that is due; raise the brave conversation, or
/// close a problem after it; thank them for what they kept.
pub fn talking_points(b: &Brief, today: NaiveDate) -> Vec<String> {
    let mut points = Vec::new();
    if b.health.verdict == HealthVerdict::WalkAwayReview && !b.health.ended {
        points.push(format!(
            "Walk-away review: say plainly that the effort runs one way ({}) and ask whether they still want this partnership.",
            b.health.signal(SignalKey::Reciprocity).map_or("", |s| s.value.as_str())
        ));
    }
    for s in &b.our_slips {
        let c = &s.commitment;
        let what = match (c.status, c.slip, c.due_on) {
            (Status::Missed, _, _) => "we missed it".to_string(),
            (Status::Kept, _, _) => format!(
                "we delivered it late, on {}",
                c.closed_on.map(|d| d.to_string()).unwrap_or_default()
            ),
            (_, Some(slip), Some(due)) => {
                format!("first due {}, re-dated to {due}", slip.original_due_on)
            }
            _ => continue, // overdue and open: apologised for below
        };
        if s.told {
            points.push(format!(
                "We told them \"{}\" slipped ({what}): confirm the new plan holds, and thank them for their patience.",
                c.title
            ));
        } else {
            points.push(format!(
                "Tell them \"{}\" slipped ({what}): say what happened, what happens next and by when — before anything else.",
                c.title
            ));
        }
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
    for p in b.problems.iter().filter(|p| p.resolved_on.is_none()) {
        if let Some(on) = p.brave_conversation_on {
            points.push(format!(
                "Close \"{}\": the brave conversation was held on {on}; check that what was agreed holds and, if so, call it resolved.",
                p.summary
            ));
        }
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

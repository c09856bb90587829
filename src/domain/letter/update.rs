//! The partner update, drafted from the book: what slipped (first, plainly), what we did, what
//! comes next from us, what we need from them, the open problems, and a line of care — since our
//! last update, or since signing when there was none. Empty sections are left out.

use super::wording::{UpdateWording, fill};
use crate::domain::limits::TITLE_MAX;
use crate::domain::slips::{self, Breach};
use crate::domain::{Commitment, Contact, Partner, Problem, Side, Status};
use chrono::NaiveDate;

/// What the update is drafted from: one partner's records.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateBook {
    pub partner: Partner,
    pub contacts: Vec<Contact>,
    /// Every commitment of the partner, both sides, open and closed.
    pub commitments: Vec<Commitment>,
    /// Unresolved problems.
    pub problems: Vec<Problem>,
    /// Our last `update` touch up to today.
    pub last_update_on: Option<NaiveDate>,
    /// Our last bad-news touch up to today.
    pub last_bad_news_on: Option<NaiveDate>,
}

/// Where the update starts counting from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Our last update (what happened on its day was in it).
    LastUpdate(NaiveDate),
    /// The signing day, when no update was shared yet.
    Signing(NaiveDate),
    /// The day the partnership was recorded, when it is not signed and no update was shared.
    Start(NaiveDate),
}

impl Since {
    /// The first day whose events belong in the update.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Since::LastUpdate(d) => d.succ_opt().unwrap_or(d),
            Since::Signing(d) | Since::Start(d) => d,
        }
    }
}

/// A drafted update: its text, and what of it is bad news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateDraft {
    pub partner_id: i64,
    pub since: Since,
    pub text: String,
    /// Titles of the slips and summaries of the problems the draft discloses.
    pub disclosures: Vec<String>,
}

impl UpdateDraft {
    /// Whether `sent` (the draft as edited) still tells them of a slip or a problem: a slip's
    /// title or a problem's summary is in it (ignoring case). Recording such an update marks it
    /// bad news, which tells them of every slip up to its day.
    pub fn discloses(&self, sent: &str) -> bool {
        let sent = sent.to_lowercase();
        self.disclosures
            .iter()
            .any(|d| !d.trim().is_empty() && sent.contains(&d.trim().to_lowercase()))
    }
}

/// The summary of a sent letter: its first line with text, cut to a title's length.
pub fn summary_of(sent: &str) -> String {
    let first = sent
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.chars().count() <= TITLE_MAX {
        first.to_string()
    } else {
        let mut cut: String = first.chars().take(TITLE_MAX - 1).collect();
        cut.push('…');
        cut
    }
}

/// The day a commitment was first due, as the partner heard it.
fn was(c: &Commitment) -> String {
    c.judged_due_on().map(|d| d.to_string()).unwrap_or_default()
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Pushes a section (heading, then lines) unless it has no lines or no heading words.
fn section(out: &mut Vec<String>, heading: &str, lines: Vec<String>) {
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return;
    }
    out.push(String::new());
    if !heading.is_empty() {
        out.push(heading.to_string());
    }
    out.extend(lines);
}

/// Drafts the update of `book` on `today` in the words of `w`.
pub fn draft(book: &UpdateBook, w: &UpdateWording, today: NaiveDate) -> UpdateDraft {
    let p = &book.partner;
    let since = match (book.last_update_on, p.signed_on) {
        (Some(d), _) => Since::LastUpdate(d),
        (None, Some(d)) => Since::Signing(d),
        (None, None) => Since::Start(p.created_on),
    };
    let from = since.first_day();
    let mut ours: Vec<&Commitment> = book
        .commitments
        .iter()
        .filter(|c| c.side == Side::Ours && !c.ongoing)
        .collect();
    ours.sort_by_key(|c| (c.judged_due_on(), c.closed_on, c.id));
    let mut disclosures = Vec::new();

    // What slipped: every item of ours late and open (it is still owed), and every miss or
    // late re-date since the last update or not told yet.
    let mut slipped = Vec::new();
    let mut slipped_ids = Vec::new();
    for c in &ours {
        let Some(b) = slips::broken(c, today) else {
            continue;
        };
        let told = slips::told(&b, book.last_bad_news_on);
        let title = c.title.trim();
        let line = match b.how {
            Breach::Overdue => fill(&w.slipped_overdue, &[("title", title), ("was", &was(c))]),
            Breach::Redated { .. } if b.told_from >= from || !told => fill(
                &w.slipped_redated,
                &[("title", title), ("was", &was(c)), ("due", &day(c.due_on))],
            ),
            Breach::Missed if b.on >= from || !told => match c.judged_due_on() {
                Some(_) => fill(&w.slipped_missed, &[("title", title), ("was", &was(c))]),
                None => fill(&w.slipped_missed_undated, &[("title", title)]),
            },
            _ => continue,
        };
        disclosures.push(title.to_string());
        slipped_ids.push(c.id);
        slipped.push(line);
    }

    let done: Vec<String> = ours
        .iter()
        .filter(|c| c.status == Status::Kept && c.closed_on.is_some_and(|d| d >= from))
        .map(|c| {
            let late = slips::broken(c, today).is_some_and(|b| b.how == Breach::KeptLate);
            let values = [
                ("title", c.title.trim()),
                ("on", &day(c.closed_on)),
                ("was", &was(c)),
            ];
            fill(if late { &w.done_late } else { &w.done_item }, &values)
        })
        .collect();

    let next: Vec<String> = ours
        .iter()
        .filter(|c| c.status == Status::Open && !slipped_ids.contains(&c.id))
        .map(|c| match c.due_on {
            Some(due) => fill(
                &w.next_item,
                &[("title", c.title.trim()), ("due", &due.to_string())],
            ),
            None => fill(&w.next_undated, &[("title", c.title.trim())]),
        })
        .collect();

    let mut theirs: Vec<&Commitment> = book
        .commitments
        .iter()
        .filter(|c| c.side == Side::Theirs && !c.ongoing && c.status == Status::Open)
        .collect();
    theirs.sort_by_key(|c| (c.due_on.is_none(), c.due_on, c.id));
    let need: Vec<String> = theirs
        .iter()
        .map(|c| {
            let title = c.title.trim();
            match c.due_on {
                Some(due) if due < today => fill(
                    &w.need_overdue,
                    &[("title", title), ("due", &due.to_string())],
                ),
                Some(due) => fill(&w.need_item, &[("title", title), ("due", &due.to_string())]),
                None => fill(&w.need_undated, &[("title", title)]),
            }
        })
        .collect();

    let mut problems: Vec<&Problem> = book
        .problems
        .iter()
        .filter(|x| x.resolved_on.is_none())
        .collect();
    problems.sort_by_key(|x| (x.opened_on, x.id));
    let problem_lines: Vec<String> = problems
        .iter()
        .map(|x| {
            disclosures.push(x.summary.trim().to_string());
            let opened = x.opened_on.to_string();
            let values = |on: &str, agreement: &str| {
                [
                    ("summary", x.summary.trim().to_string()),
                    ("opened", opened.clone()),
                    ("on", on.to_string()),
                    ("agreement", agreement.to_string()),
                ]
            };
            let (template, on, agreement) = match x.brave_conversation_on {
                Some(on) if !x.brave_note.trim().is_empty() => (
                    &w.problem_agreed,
                    on.to_string(),
                    x.brave_note.trim().to_string(),
                ),
                Some(on) => (&w.problem_talked, on.to_string(), String::new()),
                None => (&w.problem, String::new(), String::new()),
            };
            let owned = values(&on, &agreement);
            let pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            fill(template, &pairs)
        })
        .collect();

    let today_s = today.to_string();
    let since_s = match since {
        Since::LastUpdate(d) | Since::Signing(d) | Since::Start(d) => d.to_string(),
    };
    let contact = book
        .contacts
        .first()
        .map(|c| c.name.trim())
        .filter(|n| !n.is_empty());
    let mut lines = vec![fill(
        &w.subject,
        &[("partner", p.name.trim()), ("today", &today_s)],
    )];
    lines.push(String::new());
    lines.push(match contact {
        Some(name) => fill(
            &w.greeting,
            &[("contact", name), ("partner", p.name.trim())],
        ),
        None => fill(&w.greeting_without_contact, &[("partner", p.name.trim())]),
    });
    lines.push(String::new());
    let opening = match since {
        Since::LastUpdate(_) => &w.since_update,
        Since::Signing(_) => &w.since_signing,
        Since::Start(_) => &w.since_start,
    };
    lines.push(fill(opening, &[("since", &since_s)]));
    let slipped_any = !slipped.is_empty();
    section(&mut lines, &w.slipped, slipped);
    section(&mut lines, &w.done, done);
    section(&mut lines, &w.next, next);
    section(&mut lines, &w.need, need);
    section(&mut lines, &w.problems, problem_lines);
    let care = if slipped_any {
        &w.care_after_slip
    } else {
        &w.care
    };
    section(&mut lines, "", vec![care.clone()]);
    section(&mut lines, "", vec![w.sign_off.clone()]);
    let mut text = lines.join("\n");
    text.push('\n');
    UpdateDraft {
        partner_id: p.id,
        since,
        text,
        disclosures,
    }
}

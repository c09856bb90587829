//! The screens over the dashboard: Today, Brief, Timeline and Explain (documents to read and
//! act on), and the Review ritual. Their state changes happen here, called from `update`.

use super::doc::Doc;
use super::effect::{Effect, Write};
use super::scroll;
use super::{Action, App, Confirm, Form, Mode, Notice, Overlay};
use crate::domain::{Commitment, Status, Verdict, text};
use chrono::NaiveDate;

/// A screen the runtime is asked to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Today,
    Brief(i64),
    Timeline(i64),
    Explain(i64),
    /// The review ritual for one partner, or every partner.
    Review(Option<i64>),
}

impl Request {
    /// The partner the screen is about, if one.
    pub fn partner(self) -> Option<i64> {
        match self {
            Request::Brief(id) | Request::Timeline(id) | Request::Explain(id) => Some(id),
            Request::Review(id) => id,
            Request::Today => None,
        }
    }
}

/// A document on screen, scrolled, with a cursor over its actionable lines (Today).
#[derive(Debug, Clone, PartialEq)]
pub struct Reader {
    pub request: Request,
    pub doc: Doc,
    pub scroll: usize,
    /// Index into `doc.targets()`.
    pub cursor: usize,
    /// The screen esc returns to: Today, for a brief or timeline opened from it.
    pub back: Option<Box<Reader>>,
}

/// One item of the review ritual.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub partner: String,
    pub commitment: Commitment,
    pub last_review: Option<(NaiveDate, Verdict)>,
}

/// What the ritual recorded, for its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub honoured: u32,
    pub not_honoured: u32,
    pub kept: u32,
    pub missed: u32,
    pub still_open: u32,
    pub released: u32,
    pub skipped: u32,
}

impl Tally {
    /// The summary sentence.
    pub fn summary(&self) -> String {
        let parts = [
            (self.honoured, "honoured"),
            (self.not_honoured, "not honoured"),
            (self.kept, "kept"),
            (self.missed, "missed"),
            (self.still_open, "still open"),
            (self.released, "released"),
            (self.skipped, "skipped"),
        ];
        let said: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        if said.is_empty() {
            "nothing reviewed".into()
        } else {
            said.join(", ")
        }
    }
}

/// The review ritual in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRun {
    pub scope: Option<i64>,
    pub items: Vec<ReviewItem>,
    pub index: usize,
    pub tally: Tally,
}

impl ReviewRun {
    /// The item under review, if any is left.
    pub fn current(&self) -> Option<&ReviewItem> {
        self.items.get(self.index)
    }

    /// True when every item has had its verdict.
    pub fn done(&self) -> bool {
        self.index >= self.items.len()
    }
}

/// What covers the dashboard (under any overlay).
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Dashboard,
    Reader(Box<Reader>),
    Review(Box<ReviewRun>),
}

/// Handles an action while a reading screen is open.
pub fn reader_action(app: &mut App, mut reader: Box<Reader>, action: Action) -> Vec<Effect> {
    let targets = reader.doc.targets();
    let today_screen = reader.request == Request::Today;
    let (width, page) = scroll::reader_view(app.size);
    let page = page.max(1);
    let target = targets
        .get(reader.cursor)
        .and_then(|i| reader.doc.lines[*i].target);
    let partner = target.map(|t| t.partner_id).or(reader.request.partner());
    let mut effects = Vec::new();
    match action {
        Action::Cancel => {
            if let Some(back) = reader.back.take() {
                // Back where it was opened from, read again in its place.
                let request = back.request;
                app.screen = Screen::Reader(back);
                return vec![Effect::Open(request)];
            }
            app.screen = Screen::Dashboard;
            return vec![app.reload()];
        }
        Action::Down
        | Action::Up
        | Action::PageDown
        | Action::PageUp
        | Action::Top
        | Action::Bottom
            if today_screen && !targets.is_empty() =>
        {
            let last = targets.len() - 1;
            reader.cursor = match action {
                Action::Down => (reader.cursor + 1).min(last),
                Action::Up => reader.cursor.saturating_sub(1),
                Action::PageDown => (reader.cursor + page / 2).min(last),
                Action::PageUp => reader.cursor.saturating_sub(page / 2),
                Action::Top => 0,
                _ => last,
            };
            scroll::settle(&mut reader, app.size);
        }
        Action::Down
        | Action::Up
        | Action::PageDown
        | Action::PageUp
        | Action::Top
        | Action::Bottom => {
            let limit = scroll::rows_of(&reader.doc, width).limit(page);
            reader.scroll = match action {
                Action::Down => reader.scroll.saturating_add(1).min(limit),
                Action::Up => reader.scroll.saturating_sub(1),
                Action::PageDown => reader.scroll.saturating_add(page).min(limit),
                Action::PageUp => reader.scroll.saturating_sub(page),
                Action::Top => 0,
                _ => limit,
            };
        }
        Action::Keep | Action::Miss | Action::Release if today_screen => {
            match target.and_then(|t| t.commitment_id) {
                Some(id) => {
                    let (status, word) = match action {
                        Action::Keep => (Status::Kept, "kept"),
                        Action::Miss => (Status::Missed, "missed"),
                        _ => (Status::Released, "released (dropped by agreement)"),
                    };
                    let write = Effect::Write(Write::SetStatus { id, status });
                    if status == Status::Kept {
                        effects.push(write);
                    } else {
                        let line = reader.doc.lines[targets[reader.cursor]].plain();
                        app.overlay = Some(Overlay::Confirm(Confirm {
                            question: format!("Mark as {word}? {}", text::fit(line.trim(), 60)),
                            on_yes: write,
                        }));
                    }
                }
                None => not_a_commitment(app),
            }
        }
        Action::Redate if today_screen => match target.and_then(|t| t.commitment_id) {
            Some(id) => {
                let line = reader.doc.lines[targets[reader.cursor]].plain();
                let title = line.trim().trim_start_matches('•').trim();
                app.overlay = Some(Overlay::Form(Box::new(Form::redate(id, title, None))));
            }
            None => not_a_commitment(app),
        },
        Action::Brave | Action::Resolve | Action::AddContact
            if super::records::on_line(
                app,
                &action,
                partner,
                target.and_then(|t| t.problem_id),
                &targets
                    .get(reader.cursor)
                    .map(|i| reader.doc.lines[*i].plain())
                    .unwrap_or_default(),
            ) => {}
        // The last change of this session (a keep on Today, say), as on the dashboard.
        Action::Undo => match app.last_change.take() {
            Some(event) => effects.push(Effect::Undo(event)),
            None => app.notice = Some(Notice::Info("nothing to undo in this session".into())),
        },
        Action::LogTouch => match partner {
            Some(id) => {
                let name = app.partner_name(id);
                app.overlay = Some(Overlay::Form(Box::new(Form::log_touch(id, &name))));
            }
            None => app.notice = Some(Notice::Info("move to a line first".into())),
        },
        Action::Brief => {
            if let Some(id) = partner {
                effects.push(Effect::Open(Request::Brief(id)));
            }
        }
        Action::DraftUpdate => match partner {
            Some(id) => effects.push(Effect::DraftUpdate(id)),
            None => app.notice = Some(Notice::Info("move to a line first".into())),
        },
        Action::SharePlan => {
            if let Some(id) = partner {
                effects.push(Effect::SharePlan(id));
            }
        }
        Action::Submit | Action::OpenPartner => {
            if let Some(id) = partner {
                app.screen = Screen::Dashboard;
                app.select_partner(id);
                return vec![app.reload()];
            }
        }
        _ => {}
    }
    app.screen = Screen::Reader(reader);
    effects
}

/// Handles an action during the review ritual: one key per verdict.
pub fn review_action(app: &mut App, mut run: Box<ReviewRun>, action: Action) -> Vec<Effect> {
    if action == Action::Cancel || run.done() {
        if matches!(action, Action::Cancel | Action::Submit) {
            let reviewed = run.index.min(run.items.len());
            app.notice = Some(Notice::Info(format!(
                "review: {reviewed} of {} — {}",
                run.items.len(),
                run.tally.summary()
            )));
            app.screen = Screen::Dashboard;
            return vec![app.reload()];
        }
        app.screen = Screen::Review(run);
        return Vec::new();
    }
    let Some(item) = run.current() else {
        app.screen = Screen::Review(run);
        return Vec::new();
    };
    let c = &item.commitment;
    let id = c.id;
    let write = match (action, c.ongoing) {
        (Action::Honoured, true) => Some((
            Write::Review {
                id,
                verdict: Verdict::Honoured,
            },
            &mut run.tally.honoured,
        )),
        (Action::NotHonoured, true) => Some((
            Write::Review {
                id,
                verdict: Verdict::NotHonoured,
            },
            &mut run.tally.not_honoured,
        )),
        (Action::Keep, false) => Some((
            Write::SetStatus {
                id,
                status: Status::Kept,
            },
            &mut run.tally.kept,
        )),
        (Action::Miss, false) => Some((
            Write::SetStatus {
                id,
                status: Status::Missed,
            },
            &mut run.tally.missed,
        )),
        (Action::StillOpen, false) => Some((Write::Checked { id }, &mut run.tally.still_open)),
        (Action::Release, _) => Some((
            Write::SetStatus {
                id,
                status: Status::Released,
            },
            &mut run.tally.released,
        )),
        (Action::Skip, _) => {
            run.tally.skipped += 1;
            run.index += 1;
            app.screen = Screen::Review(run);
            return Vec::new();
        }
        (Action::Honoured | Action::NotHonoured, false) => {
            app.notice = Some(Notice::Info(
                "a dated item: k kept, m missed, o still open, r released".into(),
            ));
            None
        }
        (Action::Keep | Action::Miss | Action::StillOpen, true) => {
            app.notice = Some(Notice::Info(
                "an ongoing item: h honoured, n not honoured".into(),
            ));
            None
        }
        _ => None,
    };
    let mut effects = Vec::new();
    if let Some((write, count)) = write {
        *count += 1;
        run.index += 1;
        effects.push(Effect::Write(write));
    }
    app.screen = Screen::Review(run);
    effects
}

/// Keep, miss, release or redate on a Today line that is not a commitment.
fn not_a_commitment(app: &mut App) {
    let open = app.keymap.name_of(Mode::Today, &Action::OpenPartner);
    app.notice = Some(Notice::Info(format!(
        "this line is not a commitment: {open} opens the partner"
    )));
}

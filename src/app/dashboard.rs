//! The dashboard's own keys: moving in its panes, and the actions on the selected partner and
//! commitment. Called by `update` when no overlay, screen or filter takes the key.

use super::effect::{Effect, Write};
use super::layout::{areas, inner_rows};
use super::screen::Request;
use super::scroll;
use super::search::Search;
use super::{Action, App, Confirm, Form, Mode, Notice, Overlay, Pane};
use crate::domain::{Side, Status, Verdict, text};
use ratatui::layout::Rect;

fn move_cursor(app: &mut App, to: impl Fn(usize, usize) -> usize) -> Vec<Effect> {
    match app.pane {
        Pane::Health => {
            let limit = scroll::health_limit(app);
            let at = usize::from(app.health_scroll);
            let to = to(at, usize::from(limit) + 1).min(usize::from(limit));
            app.health_scroll = u16::try_from(to).unwrap_or(limit);
        }
        Pane::Relationships => {
            let n = app.data.rows.len();
            let next = to(app.selected, n).min(n.saturating_sub(1));
            if next != app.selected {
                app.selected = next;
                return vec![app.reload()];
            }
        }
        Pane::Ours => {
            let n = app.side(Side::Ours).len();
            app.cursor_ours = to(app.cursor_ours, n).min(n.saturating_sub(1));
        }
        Pane::Theirs => {
            let n = app.side(Side::Theirs).len();
            app.cursor_theirs = to(app.cursor_theirs, n).min(n.saturating_sub(1));
        }
    }
    Vec::new()
}

fn page(app: &App) -> usize {
    let a = areas(Rect::new(0, 0, app.size.0, app.size.1));
    inner_rows(a.relationships).max(1)
}

pub(super) fn dashboard(app: &mut App, action: Action) -> Vec<Effect> {
    app.notice = None;
    let partner = app.selected_row().map(|r| (r.id, r.name.clone()));
    match action {
        Action::Down => move_cursor(app, |i, _| i.saturating_add(1)),
        Action::Up => move_cursor(app, |i, _| i.saturating_sub(1)),
        Action::Top => move_cursor(app, |_, _| 0),
        Action::Bottom => move_cursor(app, |_, n| n.saturating_sub(1)),
        Action::PageDown => {
            let p = page(app);
            move_cursor(app, move |i, _| i.saturating_add(p))
        }
        Action::PageUp => {
            let p = page(app);
            move_cursor(app, move |i, _| i.saturating_sub(p))
        }
        Action::NextPane => {
            app.pane = app.pane.step(true);
            Vec::new()
        }
        Action::PrevPane => {
            app.pane = app.pane.step(false);
            Vec::new()
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            Vec::new()
        }
        Action::AddPartner => open(app, Form::add_partner()),
        Action::LoadDemo if app.data.rows.is_empty() => vec![Effect::LoadDemo],
        Action::LoadDemo => notice(
            app,
            "the demo loads into an empty book only: try `pactum demo --force`",
        ),
        Action::Undo => match app.last_change.take() {
            Some(event) => vec![Effect::Undo(event)],
            None => notice(app, "nothing to undo in this session"),
        },
        Action::OpenToday => vec![Effect::Open(Request::Today)],
        Action::Search => {
            app.search = Some(Search {
                origin: app.selected_row().map(|r| r.id),
                ..Search::default()
            });
            app.pane = Pane::Relationships;
            vec![Effect::LoadSearch]
        }
        Action::ReviewAll => vec![Effect::Open(Request::Review(None))],
        Action::MineOnly => {
            app.mine_only = !app.mine_only;
            let say = if app.mine_only {
                format!("showing partners owned by {}", app.user)
            } else {
                "showing every partner".into()
            };
            app.notice = Some(Notice::Info(say));
            vec![app.reload()]
        }
        Action::ToggleClosed => {
            app.show_closed = !app.show_closed;
            vec![app.reload()]
        }
        other => {
            let Some((id, name)) = partner else {
                return notice(app, "add a partner first (P), or load the demo (D)");
            };
            with_partner(app, other, id, &name)
        }
    }
}

fn with_partner(app: &mut App, action: Action, id: i64, name: &str) -> Vec<Effect> {
    match action {
        Action::EditPartner => match app.data.partner.clone() {
            Some(p) => open(app, Form::edit_partner(&p)),
            None => Vec::new(),
        },
        // Said before the form is filled in, not after.
        Action::AddCommitment
            if app
                .selected_row()
                .is_some_and(|r| r.stage == crate::domain::Stage::Ended) =>
        {
            notice(
                app,
                &format!(
                    "{} has ended: no new commitments (its history stays in the timeline)",
                    text::quoted(name)
                ),
            )
        }
        Action::AddCommitment => {
            let side = if app.pane == Pane::Theirs {
                Side::Theirs
            } else {
                Side::Ours
            };
            let form = Form::add_commitment(id, name, side);
            // A partner added today is at its first meeting: what is promised is its charter.
            let first_day = app
                .data
                .partner
                .as_ref()
                .is_some_and(|p| p.created_on == app.today);
            open(
                app,
                if first_day {
                    form.at_first_meeting()
                } else {
                    form
                },
            )
        }
        Action::LogTouch => open(app, Form::log_touch(id, name)),
        Action::Brief => vec![Effect::Open(Request::Brief(id))],
        Action::DraftUpdate => vec![Effect::DraftUpdate(id)],
        Action::SharePlan => vec![Effect::SharePlan(id)],
        Action::Timeline => vec![Effect::Open(Request::Timeline(id))],
        Action::Explain => vec![Effect::Open(Request::Explain(id))],
        Action::Review => vec![Effect::Open(Request::Review(Some(id)))],
        Action::AddProblem => open(app, Form::add_problem(id, name)),
        Action::EndPartner => open(app, Form::end_partner(id, name)),
        Action::EditCommitment => match app.selected_commitment().cloned() {
            Some(c) => open(app, Form::edit_commitment(&c)),
            None => pick_first(app, "a commitment"),
        },
        Action::Redate => match app.selected_commitment().cloned() {
            Some(c) if c.ongoing => {
                notice(app, "an ongoing item has no due day: review it instead")
            }
            Some(c) => {
                // A day still to come is where ←/→ step from; an overdue one steps from today.
                let from = c.due_on.filter(|due| *due >= app.today);
                open(app, Form::redate(c.id, &c.title, from))
            }
            None => pick_first(app, "a commitment"),
        },
        Action::Keep | Action::Miss | Action::Release => status_change(app, action),
        Action::Brave
        | Action::Resolve
        | Action::AddContact
        | Action::EditContact
        | Action::Charter => super::records::on_partner(app, action, id, name),
        Action::Honoured | Action::NotHonoured => {
            let verdict = if action == Action::Honoured {
                Verdict::Honoured
            } else {
                Verdict::NotHonoured
            };
            match app.selected_commitment() {
                Some(c) if c.ongoing => vec![Effect::Write(Write::Review { id: c.id, verdict })],
                Some(_) => notice(
                    app,
                    "only ongoing items are reviewed; keep, miss or release dated ones",
                ),
                None => pick_first(app, "an ongoing commitment"),
            }
        }
        _ => Vec::new(),
    }
}

/// Asks for a ledger line first, naming the key that moves there.
fn pick_first(app: &mut App, what: &str) -> Vec<Effect> {
    let key = app.keymap.name_of(Mode::Dashboard, &Action::NextPane);
    notice(app, &format!("select {what} first ({key} to the ledger)"))
}

fn status_change(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = app.selected_commitment() else {
        return pick_first(app, "a commitment");
    };
    if c.status != Status::Open {
        let undo = app.keymap.name_of(Mode::Dashboard, &Action::Undo);
        return notice(
            app,
            &format!("that commitment is already closed; undo ({undo}) reopens the last change"),
        );
    }
    let (status, word) = match action {
        Action::Keep => (Status::Kept, "kept"),
        Action::Miss => (Status::Missed, "missed"),
        _ => (Status::Released, "released (dropped by agreement)"),
    };
    if c.ongoing && status != Status::Released {
        return notice(
            app,
            "ongoing items are reviewed: H honoured, N not honoured",
        );
    }
    let write = Effect::Write(Write::SetStatus { id: c.id, status });
    if status == Status::Kept {
        return vec![write];
    }
    let question = format!("Mark {} as {word}?", text::quoted(&c.title));
    app.overlay = Some(Overlay::Confirm(Confirm {
        question,
        on_yes: write,
    }));
    Vec::new()
}

fn open(app: &mut App, form: Form) -> Vec<Effect> {
    app.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

pub(super) fn notice(app: &mut App, text: &str) -> Vec<Effect> {
    app.notice = Some(Notice::Info(text.to_string()));
    Vec::new()
}

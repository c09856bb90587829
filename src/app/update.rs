//! The one place the dashboard's state changes.

use super::effect::{Effect, Write};
use super::layout::{areas, inner_rows};
use super::screen::{self, Request, Screen};
use super::scroll;
use super::search::Search;
use super::{Action, App, Confirm, Form, Notice, Overlay, Pane};
use crate::domain::{Side, Status, Verdict, text};
use ratatui::layout::Rect;

/// Applies `action` to `app` and returns the work the runtime must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Loaded(data) => {
            let stale = data.lines_as_of.is_some();
            apply_loaded(app, *data);
            if stale {
                vec![Effect::CatchUp]
            } else {
                Vec::new()
            }
        }
        Action::CaughtUp => vec![app.reload()],
        // What is on screen is read again: the dashboard, and an open reader (Today, a brief,
        // a timeline) in its place. A review walk keeps its list until it ends.
        Action::BookChanged => {
            let mut effects = vec![app.reload()];
            if let Screen::Reader(r) = &app.screen {
                effects.push(Effect::Open(r.request));
            }
            effects
        }
        Action::SearchIndex(index) => {
            let order: Vec<i64> = app.data.rows.iter().map(|r| r.id).collect();
            if let Some(search) = &mut app.search {
                search.index = index.into();
                search.refresh(&order);
            }
            Vec::new()
        }
        Action::ScreenReady(screen) => {
            app.screen = keep_place(&app.screen, *screen, app.size);
            Vec::new()
        }
        Action::Written { message, undo } => {
            if matches!(app.overlay, Some(Overlay::Form(_) | Overlay::Conflict(_))) {
                app.overlay = None;
            }
            if undo.is_some() {
                app.last_change = undo;
            }
            app.notice = Some(Notice::Info(message));
            let mut effects = vec![app.reload()];
            if let Screen::Reader(r) = &app.screen {
                effects.push(Effect::Open(r.request));
            }
            effects
        }
        Action::RestoreDraft(draft) => {
            app.overlay = Some(Overlay::Form(Box::new(Form::from_draft(*draft))));
            app.notice = Some(Notice::Info(
                "your unfinished form was kept: finish it, or esc drops it".into(),
            ));
            Vec::new()
        }
        Action::Conflicted(conflict) => {
            app.overlay = Some(Overlay::Conflict(conflict));
            Vec::new()
        }
        Action::Failed(reason) => {
            match &mut app.overlay {
                Some(Overlay::Form(form)) if form.pending => {
                    form.pending = false;
                    form.error = Some(reason);
                }
                _ => app.notice = Some(Notice::Error(reason)),
            }
            Vec::new()
        }
        Action::Resize { width, height } => {
            app.size = (width, height);
            if let Screen::Reader(reader) = &mut app.screen {
                scroll::settle(reader, app.size);
            }
            app.health_scroll = app.health_scroll.min(scroll::health_limit(app));
            let help_limit = scroll::help_limit(app);
            if let Some(Overlay::Help { scroll }) = &mut app.overlay {
                *scroll = (*scroll).min(help_limit);
            }
            Vec::new()
        }
        Action::Click { column, row } => super::mouse::click(app, column, row),
        // Quitting works from every screen and overlay; an unfinished form is kept as a draft
        // by the runtime on the way out.
        Action::Quit => {
            app.quit = true;
            vec![Effect::Quit]
        }
        other => match app.overlay.take() {
            None => match std::mem::replace(&mut app.screen, Screen::Dashboard) {
                Screen::Dashboard if app.search.is_some() => {
                    super::search::search_action(app, other)
                }
                Screen::Dashboard => dashboard(app, other),
                Screen::Reader(reader) => screen::reader_action(app, reader, other),
                Screen::Review(run) => screen::review_action(app, run, other),
            },
            Some(Overlay::Form(form)) => form_action(app, *form, other),
            Some(Overlay::Confirm(confirm)) => match other {
                Action::Confirm => vec![confirm.on_yes],
                Action::Cancel => {
                    app.notice = Some(Notice::Info("cancelled".into()));
                    Vec::new()
                }
                _ => {
                    app.overlay = Some(Overlay::Confirm(confirm));
                    Vec::new()
                }
            },
            Some(Overlay::Conflict(conflict)) => match other {
                Action::KeepMine => vec![Effect::Write(conflict.keep_mine())],
                Action::TakeTheirs | Action::Cancel => {
                    app.notice = Some(Notice::Info(
                        "kept their version; yours was not saved".into(),
                    ));
                    vec![app.reload()]
                }
                _ => {
                    app.overlay = Some(Overlay::Conflict(conflict));
                    Vec::new()
                }
            },
            Some(Overlay::Help { scroll }) => {
                app.overlay = match other {
                    Action::Cancel | Action::Help => None,
                    Action::Down => Some(Overlay::Help {
                        scroll: scroll.saturating_add(1).min(scroll::help_limit(app)),
                    }),
                    Action::Up => Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    _ => Some(Overlay::Help { scroll }),
                };
                Vec::new()
            }
        },
    }
}

/// A reloaded screen keeps the reader's place when it shows the same thing.
fn keep_place(old: &Screen, mut new: Screen, size: (u16, u16)) -> Screen {
    if let (Screen::Reader(old), Screen::Reader(new)) = (old, &mut new) {
        if old.request == new.request {
            let targets = new.doc.targets().len();
            new.cursor = old.cursor.min(targets.saturating_sub(1));
            new.scroll = old.scroll;
            new.back = old.back.clone();
            scroll::settle(new, size);
        } else if old.request == Request::Today {
            // A brief or timeline opened from Today: esc goes back to the same place there.
            new.back = Some(old.clone());
        }
    }
    new
}

fn apply_loaded(app: &mut App, data: super::Loaded) {
    let keep = data.partner.as_ref().map(|p| p.id);
    let partner_changed = app.data.partner.as_ref().map(|p| p.id) != keep;
    app.data = data;
    app.loaded = true;
    app.selected = keep
        .and_then(|id| app.data.rows.iter().position(|r| r.id == id))
        .unwrap_or(0)
        .min(app.data.rows.len().saturating_sub(1));
    if partner_changed {
        app.cursor_ours = 0;
        app.cursor_theirs = 0;
        app.health_scroll = 0;
    }
    app.health_scroll = app.health_scroll.min(scroll::health_limit(app));
    app.cursor_ours = app
        .cursor_ours
        .min(app.side(Side::Ours).len().saturating_sub(1));
    app.cursor_theirs = app
        .cursor_theirs
        .min(app.side(Side::Theirs).len().saturating_sub(1));
}

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

fn dashboard(app: &mut App, action: Action) -> Vec<Effect> {
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
            app.search = Some(Search::default());
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
            open(app, Form::add_commitment(id, name, side))
        }
        Action::LogTouch => open(app, Form::log_touch(id, name)),
        Action::Brief => vec![Effect::Open(Request::Brief(id))],
        Action::Timeline => vec![Effect::Open(Request::Timeline(id))],
        Action::Explain => vec![Effect::Open(Request::Explain(id))],
        Action::Review => vec![Effect::Open(Request::Review(Some(id)))],
        Action::AddProblem => open(app, Form::add_problem(id, name)),
        Action::EndPartner => open(app, Form::end_partner(id, name)),
        Action::EditCommitment => match app.selected_commitment().cloned() {
            Some(c) => open(app, Form::edit_commitment(&c)),
            None => notice(app, "select a commitment first (Tab to the ledger)"),
        },
        Action::Keep | Action::Miss | Action::Release => status_change(app, action),
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
                None => notice(
                    app,
                    "select an ongoing commitment first (Tab to the ledger)",
                ),
            }
        }
        _ => Vec::new(),
    }
}

fn status_change(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = app.selected_commitment() else {
        return notice(app, "select a commitment first (Tab to the ledger)");
    };
    if c.status != Status::Open {
        return notice(
            app,
            "that commitment is already closed; undo (u) reopens the last change",
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

fn form_action(app: &mut App, mut form: Form, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Cancel => {
            app.notice = Some(Notice::Info("form closed; nothing was saved".into()));
            return effects;
        }
        Action::NextField => form.move_focus(true),
        Action::PrevField => form.move_focus(false),
        Action::Input(input) if !form.pending => form.input(input),
        Action::Paste(text) if !form.pending => form.paste(&text),
        Action::Submit if !form.pending => match form.to_write(app.today) {
            Ok(write) => {
                form.pending = true;
                form.error = None;
                effects.push(Effect::Write(write));
            }
            Err(reason) => form.error = Some(reason),
        },
        _ => {}
    }
    app.overlay = Some(Overlay::Form(Box::new(form)));
    effects
}

fn open(app: &mut App, form: Form) -> Vec<Effect> {
    app.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

fn notice(app: &mut App, text: &str) -> Vec<Effect> {
    app.notice = Some(Notice::Info(text.to_string()));
    Vec::new()
}

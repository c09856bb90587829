//! The one place the dashboard's state changes (the dashboard's own keys are in `dashboard.rs`).

use super::dashboard::dashboard;
use super::effect::{Effect, Made};
use super::screen::{self, Request, Screen};
use super::scroll;
use super::{Action, App, Form, Mode, Notice, Overlay};
use crate::domain::Side;

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
        Action::BookChanged => read_again(app),
        Action::SearchIndex(index) => {
            let order: Vec<i64> = app.data.rows.iter().map(|r| r.id).collect();
            if let Some(search) = &mut app.search {
                search.index = index.into();
                search.refresh(&order);
            }
            super::search::follow(app)
        }
        Action::ScreenReady(screen) => {
            app.screen = keep_place(&app.screen, *screen, app.size);
            super::letter::point_to_update(app);
            Vec::new()
        }
        Action::LetterReady(letter) => {
            let text = letter.text.clone();
            let update = matches!(letter.kind, super::letter::LetterKind::Update(_));
            app.overlay = Some(Overlay::Letter(letter));
            // The draft goes straight to the editor; the plan is shown as it is.
            if update {
                vec![Effect::EditLetter(text)]
            } else {
                Vec::new()
            }
        }
        Action::Edited(outcome) => {
            super::letter::edited(app, outcome);
            Vec::new()
        }
        Action::LetterSaved(message) => {
            app.notice = Some(Notice::Info(message));
            Vec::new()
        }
        Action::Written {
            mut message,
            hint,
            undo,
            made,
        } => {
            if let Some(hint) = hint {
                // Named after the overlay closes: the key of the screen the notice is read on.
                let mode = match app.overlay {
                    Some(Overlay::Form(_) | Overlay::Conflict(_) | Overlay::Letter(_)) | None => {
                        app.screen_mode()
                    }
                    Some(_) => app.mode(),
                };
                if let Some(key) = app.keymap.key_for(mode, &Action::Undo) {
                    message = format!("{message} — {}", hint.words(&key));
                }
            }
            if matches!(&app.overlay, Some(Overlay::Form(f)) if f.kind == super::form::FormKind::AddPartner)
            {
                message.push_str(&super::records::charter_offer(app));
            }
            if matches!(
                app.overlay,
                Some(Overlay::Form(_) | Overlay::Conflict(_) | Overlay::Letter(_))
            ) {
                app.overlay = None;
            }
            if undo.is_some() {
                app.last_change = undo;
            }
            app.notice = Some(Notice::Info(message));
            let mut effects = read_again(app);
            // What was just added is what the next key acts on: read the book around it.
            if let Some(made) = made {
                app.select_made = Some(made);
                let partner = match made {
                    Made::Partner(id) | Made::Commitment { partner: id, .. } => id,
                };
                if let Some(Effect::Load { partner: p, .. }) = effects.first_mut() {
                    *p = Some(partner);
                }
            }
            effects
        }
        Action::RestoreDraft(draft) => {
            app.overlay = Some(Overlay::Form(Box::new(Form::from_draft(*draft))));
            let cancel = app.keymap.name_of(Mode::Form, &Action::Cancel);
            app.notice = Some(Notice::Info(format!(
                "your unfinished form was kept: finish it, or {cancel} drops it"
            )));
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
            Some(Overlay::Letter(letter)) => super::letter::letter_action(app, letter, other),
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
                other => {
                    let mut conflict = conflict;
                    let last = scroll::conflict_limit(app, &conflict);
                    let page = (app.size.1 / 2).max(1);
                    conflict.scroll = match other {
                        Action::Down => conflict.scroll.saturating_add(1),
                        Action::Up => conflict.scroll.saturating_sub(1),
                        Action::PageDown => conflict.scroll.saturating_add(page),
                        Action::PageUp => conflict.scroll.saturating_sub(page),
                        _ => conflict.scroll,
                    }
                    .min(last);
                    app.overlay = Some(Overlay::Conflict(conflict));
                    Vec::new()
                }
            },
            Some(Overlay::Help { scroll }) => {
                let last = scroll::help_limit(app);
                // Half a screen per page, as in the reading screens.
                let page = (app.size.1 / 2).max(1);
                let to = match other {
                    Action::Cancel | Action::Help => None,
                    Action::Down => Some(scroll.saturating_add(1)),
                    Action::Up => Some(scroll.saturating_sub(1)),
                    Action::PageDown => Some(scroll.saturating_add(page)),
                    Action::PageUp => Some(scroll.saturating_sub(page)),
                    Action::Top => Some(0),
                    Action::Bottom => Some(last),
                    _ => Some(scroll),
                };
                app.overlay = to.map(|s| Overlay::Help {
                    scroll: s.min(last),
                });
                Vec::new()
            }
        },
    }
}

/// The effects that read again what is on screen: the dashboard, and an open reader in place.
fn read_again(app: &App) -> Vec<Effect> {
    let mut effects = vec![app.reload()];
    if let Screen::Reader(r) = &app.screen {
        effects.push(Effect::Open(r.request));
    }
    effects
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
    match app.select_made.take() {
        Some(Made::Partner(_)) => app.pane = super::Pane::Relationships,
        Some(Made::Commitment { side, id, .. }) => {
            if let Some(at) = app.side(side).iter().position(|c| c.id == id) {
                match side {
                    Side::Ours => app.cursor_ours = at,
                    Side::Theirs => app.cursor_theirs = at,
                }
                app.pane = match side {
                    Side::Ours => super::Pane::Ours,
                    Side::Theirs => super::Pane::Theirs,
                };
            }
        }
        None => {}
    }
    app.health_scroll = app.health_scroll.min(scroll::health_limit(app));
    app.cursor_ours = app
        .cursor_ours
        .min(app.side(Side::Ours).len().saturating_sub(1));
    app.cursor_theirs = app
        .cursor_theirs
        .min(app.side(Side::Theirs).len().saturating_sub(1));
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
        Action::Input(input) if !form.pending => form.input(input, app.today),
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

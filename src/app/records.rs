//! Keys for the records around a partnership that are not commitments: facing and resolving a
//! problem, the partner's contacts, and the charter step that follows adding a partner.

use super::effect::Effect;
use super::{Action, App, Form, Mode, Notice, Overlay};
use crate::domain::{Problem, text};

/// "C" for an action, as bound in `mode` (or the action's name when unbound).
fn key(app: &App, mode: Mode, action: &Action) -> String {
    app.keymap.name_of(mode, action)
}

fn say(app: &mut App, text: String) -> Vec<Effect> {
    app.notice = Some(Notice::Info(text));
    Vec::new()
}

fn open(app: &mut App, form: Form) -> Vec<Effect> {
    app.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// The problems still awaiting a brave conversation, the disproportionate ones first.
fn unfaced(problems: &[Problem]) -> Vec<&Problem> {
    let mut list: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.resolved_on.is_none() && p.brave_conversation_on.is_none())
        .collect();
    list.sort_by_key(|p| !p.is_disproportionate());
    list
}

/// The dashboard's keys for problems, contacts and the charter, on the selected partner.
pub(super) fn on_partner(app: &mut App, action: Action, id: i64, name: &str) -> Vec<Effect> {
    let problems = app.data.problems.clone();
    match action {
        Action::Brave => {
            let waiting = unfaced(&problems);
            if waiting.is_empty() {
                let add = key(app, Mode::Dashboard, &Action::AddProblem);
                return say(
                    app,
                    format!(
                        "no open problem awaits a brave conversation with {}: {add} opens one",
                        text::quoted(name)
                    ),
                );
            }
            let choices = waiting.iter().map(|p| p.id).collect();
            let title = format!("with {} about #{}", name, waiting[0].id);
            open(app, Form::brave(choices, &title, None))
        }
        Action::Resolve => {
            let open_ones: Vec<i64> = problems
                .iter()
                .filter(|p| p.resolved_on.is_none())
                .map(|p| p.id)
                .collect();
            if open_ones.is_empty() {
                return say(app, format!("{} has no open problem", text::quoted(name)));
            }
            let title = format!("a problem with {name}");
            open(app, Form::resolve(open_ones, &title, None))
        }
        Action::AddContact => open(app, Form::add_contact(id, name)),
        Action::Charter => {
            let skip = app.keymap.name_of(Mode::Form, &Action::Cancel);
            let form = Form::charter(name, &app.charter, &skip);
            open(app, form)
        }
        Action::EditContact => {
            let contacts = app.data.contacts.clone();
            if contacts.is_empty() {
                let add = key(app, Mode::Dashboard, &Action::AddContact);
                return say(
                    app,
                    format!("no contacts at {} yet: {add} adds one", text::quoted(name)),
                );
            }
            let at = app.contact_cursor % contacts.len();
            app.contact_cursor = at + 1;
            let again = key(app, Mode::Dashboard, &Action::EditContact);
            let title = format!(
                "Contact {} of {} at {} ({again} again: the next; an empty name removes it)",
                at + 1,
                contacts.len(),
                text::clean_line(name)
            );
            open(app, Form::edit_contact(&contacts[at], &title))
        }
        _ => Vec::new(),
    }
}

/// The brave conversation and the resolution from a Today line about a problem, or contacts
/// from a reading screen. `line` is the line's text, for the form's title.
pub(super) fn on_line(
    app: &mut App,
    action: &Action,
    partner: Option<i64>,
    problem: Option<i64>,
    line: &str,
) -> bool {
    match (action, problem, partner) {
        (Action::Brave, Some(id), _) => {
            let about = text::fit(line.trim().trim_start_matches('•').trim(), 50);
            app.overlay = Some(Overlay::Form(Box::new(Form::brave(
                vec![id],
                &format!("— {about}"),
                Some(id),
            ))));
        }
        (Action::Resolve, Some(id), _) => {
            let about = text::fit(line.trim().trim_start_matches('•').trim(), 50);
            app.overlay = Some(Overlay::Form(Box::new(Form::resolve(
                vec![id],
                &format!("— {about}"),
                Some(id),
            ))));
        }
        (Action::Brave | Action::Resolve, None, _) => {
            app.notice = Some(Notice::Info(
                "this line is not a problem: open the partner to face or resolve its problems"
                    .into(),
            ));
        }
        (Action::AddContact, _, Some(id)) => {
            let name = app.partner_name(id);
            app.overlay = Some(Overlay::Form(Box::new(Form::add_contact(id, &name))));
        }
        _ => return false,
    }
    true
}

/// What the notice adds after a partner is saved: the key of the charter step.
pub(super) fn charter_offer(app: &App) -> String {
    format!(
        " — {}: state the first-meeting charter",
        key(app, Mode::Dashboard, &Action::Charter)
    )
}

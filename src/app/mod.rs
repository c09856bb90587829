//! The dashboard's state machine: `update(&mut App, Action) -> Vec<Effect>`, no I/O.

pub mod action;
pub mod conflict;
mod dashboard;
pub mod doc;
pub mod effect;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod letter;
pub mod load;
mod mouse;
mod records;
pub mod screen;
pub mod scroll;
pub mod search;
mod update;
pub mod views;

pub use action::Action;
pub use effect::{Effect, Made, Write};
pub use form::Form;
pub use keymap::{Key, KeyCode, Keymap, Mode};
pub use load::Loaded;
pub use screen::{Reader, Request, ReviewRun, Screen};
pub use update::update;

use crate::domain::{Commitment, Side};
use crate::store::PartnerRow;
use chrono::NaiveDate;

/// The focusable panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Relationships,
    Ours,
    Theirs,
    Health,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Relationships, Pane::Ours, Pane::Theirs, Pane::Health];

    fn step(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        Pane::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// A question before something that cannot be taken back with one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Effect,
}

/// What covers the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help { scroll: u16 },
    Form(Box<Form>),
    Confirm(Confirm),
    Conflict(Box<conflict::Conflict>),
    Letter(Box<letter::Letter>),
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// The whole state of the dashboard.
#[derive(Debug, Clone)]
pub struct App {
    pub today: NaiveDate,
    pub keymap: Keymap,
    pub data: Loaded,
    /// False until the first load arrives (no welcome flash on a full book).
    pub loaded: bool,
    pub selected: usize,
    pub pane: Pane,
    pub cursor_ours: usize,
    pub cursor_theirs: usize,
    pub show_closed: bool,
    /// Only partners owned by `user` are listed.
    pub mine_only: bool,
    /// The OS user at the keyboard (for "mine").
    pub user: String,
    /// Lines scrolled in the Health pane.
    pub health_scroll: u16,
    pub overlay: Option<Overlay>,
    /// The screen under any overlay.
    pub screen: Screen,
    /// The `/` filter, while open.
    pub search: Option<search::Search>,
    pub notice: Option<Notice>,
    /// The event that undoes this session's last change.
    pub last_change: Option<i64>,
    /// The first-meeting checklist offered after a partner is added.
    pub charter: crate::domain::charter::CharterSuggestions,
    /// The contact the next edit-contact key opens (it steps through them).
    pub contact_cursor: usize,
    /// Terminal size, for mouse hit-testing.
    pub size: (u16, u16),
    /// Copying may write OSC 52 to the terminal (`[clipboard] osc52 = true`).
    pub osc52: bool,
    pub quit: bool,
    /// A record just added, to select when the book has been read again.
    pub select_made: Option<Made>,
}

impl App {
    /// A dashboard with nothing loaded yet.
    pub fn new(today: NaiveDate, keymap: Keymap) -> App {
        App {
            today,
            keymap,
            data: Loaded::default(),
            loaded: false,
            selected: 0,
            pane: Pane::Relationships,
            cursor_ours: 0,
            cursor_theirs: 0,
            show_closed: false,
            mine_only: false,
            user: String::new(),
            health_scroll: 0,
            overlay: None,
            screen: Screen::Dashboard,
            search: None,
            notice: None,
            last_change: None,
            charter: form::charter::shipped(),
            contact_cursor: 0,
            size: (80, 24),
            osc52: false,
            quit: false,
            select_made: None,
        }
    }

    /// The mode whose keymap is in force.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            None => self.screen_mode(),
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Form(_)) => Mode::Form,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Conflict(_)) => Mode::Conflict,
            Some(Overlay::Letter(l)) if l.editing.is_some() => Mode::LetterText,
            Some(Overlay::Letter(l)) if l.path.is_some() => Mode::Form,
            Some(Overlay::Letter(_)) => Mode::Letter,
        }
    }

    /// The mode of the screen under any overlay.
    pub fn screen_mode(&self) -> Mode {
        match &self.screen {
            Screen::Dashboard if self.search.is_some() => Mode::Search,
            Screen::Dashboard => Mode::Dashboard,
            Screen::Reader(r) if r.request == Request::Today => Mode::Today,
            Screen::Reader(_) => Mode::Reader,
            Screen::Review(_) => Mode::Review,
        }
    }

    /// The name of the loaded partner `id` (empty when it is not among the loaded lines).
    pub fn partner_name(&self, id: i64) -> String {
        (self.data.rows.iter())
            .find(|r| r.id == id)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }

    /// The selected partner's row.
    pub fn selected_row(&self) -> Option<&PartnerRow> {
        self.data.rows.get(self.selected)
    }

    /// One side of the selected partner's ledger, in display order.
    pub fn side(&self, side: Side) -> Vec<&Commitment> {
        self.data.ledger.iter().filter(|c| c.side == side).collect()
    }

    /// The commitment under the cursor in the focused ledger column.
    pub fn selected_commitment(&self) -> Option<&Commitment> {
        match self.pane {
            Pane::Ours => self.side(Side::Ours).get(self.cursor_ours).copied(),
            Pane::Theirs => self.side(Side::Theirs).get(self.cursor_theirs).copied(),
            _ => None,
        }
    }

    /// The health of a partner, when assessed.
    pub fn health(&self, partner_id: i64) -> Option<&crate::domain::health::Health> {
        self.data.health.get(&partner_id)
    }

    /// The Health pane of the selected partner at `width` cells, when assessed.
    pub fn health_doc(&self, width: usize) -> Option<doc::Doc> {
        let h = self.selected_row().and_then(|r| self.health(r.id))?;
        let trend: Vec<Option<u8>> = self.data.trend.iter().map(|(_, s)| *s).collect();
        // Why an ended partnership ended, said in its place.
        let ended = (self.data.partner.as_ref())
            .filter(|p| h.ended && !p.end_reason.is_empty())
            .map(|p| match p.ended_on {
                Some(on) => format!("ended on {on}: {}", p.end_reason),
                None => format!("ended: {}", p.end_reason),
            });
        let mut doc = views::health(h, &trend, ended, width);
        let key = |action: &Action| {
            self.keymap
                .key_for(Mode::Dashboard, action)
                .unwrap_or_else(|| action.describe().to_string())
        };
        let keys = [
            key(&Action::Brave),
            key(&Action::Resolve),
            key(&Action::AddContact),
        ];
        if !h.ended {
            views::problems_and_contacts(
                &mut doc,
                &self.data.problems,
                &self.data.contacts,
                [&keys[0], &keys[1], &keys[2]],
            );
        }
        Some(doc)
    }

    /// Selects a partner by id (the ledger follows on the next load).
    pub fn select_partner(&mut self, id: i64) {
        if let Some(i) = self.data.rows.iter().position(|r| r.id == id) {
            self.selected = i;
            self.pane = Pane::Relationships;
        }
    }

    /// The unfinished form on screen, if any, to keep as a draft.
    pub fn draft(&self) -> Option<form::Draft> {
        match &self.overlay {
            Some(Overlay::Form(form)) => Some(form.draft()),
            _ => None,
        }
    }

    /// The effect that reloads the dashboard around the current selection.
    pub fn reload(&self) -> Effect {
        Effect::Load {
            partner: self.selected_row().map(|r| r.id),
            show_closed: self.show_closed,
            owner: self.mine_only.then(|| self.user.clone()),
        }
    }
}

//! Everything that can happen to the dashboard. Bindable actions deserialise from the keymap
//! (`down = "down"`); the rest are produced by the runtime.

use super::form::FormInput;
use super::load::Loaded;
use super::screen::Screen;
use serde::Deserialize;

/// One thing that happened: a bound key, typed text, or the result of an effect.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    AddPartner,
    EditPartner,
    AddCommitment,
    EditCommitment,
    /// Move an open commitment's due day (a slip when late; it stays in the record).
    Redate,
    LogTouch,
    AddProblem,
    /// Record the brave conversation about an open problem, with its note.
    Brave,
    /// Mark an open problem resolved.
    Resolve,
    AddContact,
    /// The first-meeting charter: typical intentions and expectations to pick, and free items.
    Charter,
    /// Edit the partner's contacts, one after another (an emptied name removes one).
    EditContact,
    Keep,
    Miss,
    Release,
    Honoured,
    NotHonoured,
    ToggleClosed,
    EndPartner,
    Undo,
    Help,
    LoadDemo,
    Cancel,
    Confirm,
    NextField,
    PrevField,
    Submit,
    OpenToday,
    Brief,
    Timeline,
    Explain,
    Review,
    ReviewAll,
    OpenPartner,
    StillOpen,
    Skip,
    Search,
    MineOnly,
    KeepMine,
    TakeTheirs,
    /// Draft the update owed to the partner, from the book.
    DraftUpdate,
    /// The plan to share with the partner.
    SharePlan,
    EditLetter,
    CopyLetter,
    WriteLetter,
    /// Record the update as sent (an update touch with its whole text).
    RecordLetter,
    /// Unbinds a default key.
    None,
    /// Ctrl-Z: hand the terminal back to the shell (handled by the runtime).
    #[serde(skip)]
    Suspend,
    /// A key with no binding, given to the focused text field.
    #[serde(skip)]
    Input(FormInput),
    /// Text pasted into the terminal (bracketed paste).
    #[serde(skip)]
    Paste(String),
    /// Fresh data from the book.
    #[serde(skip)]
    Loaded(Box<Loaded>),
    /// The haystacks of the `/` filter: (partner id, text).
    #[serde(skip)]
    SearchIndex(Vec<(i64, String)>),
    /// Every dashboard line is today's now.
    CaughtUp,
    /// Another session (or a command) changed the book.
    BookChanged,
    /// A screen the runtime loaded.
    #[serde(skip)]
    ScreenReady(Box<Screen>),
    /// A write succeeded: what to say, the event that undoes it, and the record it created.
    #[serde(skip)]
    Written {
        message: String,
        /// What the undo key does next, named after the message with the key bound to it.
        hint: Option<UndoHint>,
        undo: Option<i64>,
        made: Option<super::effect::Made>,
    },
    /// An unfinished form from an earlier session.
    #[serde(skip)]
    RestoreDraft(Box<super::form::Draft>),
    /// An edit met someone else's newer version.
    #[serde(skip)]
    Conflicted(Box<super::conflict::Conflict>),
    /// A write or load failed, with the one-line reason.
    #[serde(skip)]
    Failed(String),
    /// A letter drafted from the book, to edit and send.
    #[serde(skip)]
    LetterReady(Box<super::letter::Letter>),
    /// The editor came back with the text (`None`: no editor is set; edit in place), or failed.
    #[serde(skip)]
    Edited(Result<Option<String>, String>),
    /// A letter was written to a file: what to say.
    #[serde(skip)]
    LetterSaved(String),
    /// A mouse click at a cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// The terminal changed size.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// What a bound action does in `mode`, where that says more than [`Action::describe`]: enter
    /// in the filter jumps, leaving a review keeps the verdicts already given.
    pub fn describe_in(&self, mode: super::Mode) -> &'static str {
        use super::Mode;
        match (mode, self) {
            (Mode::Search, Action::Submit) => "jump to partner",
            (Mode::Review, Action::Submit) => "finish",
            (Mode::Review, Action::Cancel) => "stop (verdicts given are kept)",
            (Mode::Today | Mode::Reader, Action::Cancel) => "back",
            (Mode::Help, Action::Cancel) => "close",
            (Mode::Letter, Action::Cancel) => "close (nothing recorded)",
            (Mode::LetterText, Action::Submit) => "done editing",
            (Mode::LetterText, Action::Cancel) => "drop the edit",
            _ => self.describe(),
        }
    }

    /// What a bound action does, for the footer and the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::AddPartner => "add partner",
            Action::EditPartner => "edit partner",
            Action::AddCommitment => "add commitment",
            Action::EditCommitment => "edit commitment",
            Action::Redate => "re-date (a late one stays a slip)",
            Action::LogTouch => "log touch",
            Action::AddProblem => "add problem",
            Action::Brave => "brave conversation (with a note)",
            Action::Resolve => "resolve a problem",
            Action::AddContact => "add contact",
            Action::Charter => "first-meeting charter",
            Action::EditContact => "edit contacts (next one each time)",
            Action::Keep => "keep",
            Action::Miss => "miss",
            Action::Release => "release",
            Action::Honoured => "review: honoured",
            Action::NotHonoured => "review: not honoured",
            Action::ToggleClosed => "show/hide closed",
            Action::EndPartner => "end partnership",
            Action::Undo => "undo last change",
            Action::Help => "help",
            Action::LoadDemo => "load demo book",
            Action::Cancel => "cancel",
            Action::Confirm => "confirm",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::Submit => "save",
            Action::OpenToday => "today's agenda",
            Action::Brief => "brief for a call",
            Action::Timeline => "timeline",
            Action::Explain => "explain health",
            Action::Review => "review this partner",
            Action::ReviewAll => "review every partner",
            Action::OpenPartner => "open partner",
            Action::StillOpen => "still open",
            Action::Skip => "skip",
            Action::Search => "search",
            Action::MineOnly => "show only mine",
            Action::KeepMine => "keep mine",
            Action::TakeTheirs => "take theirs",
            Action::DraftUpdate => "draft the update owed, from the book",
            Action::SharePlan => "the plan to share with them",
            Action::EditLetter => "edit",
            Action::CopyLetter => "copy (OSC 52 clipboard)",
            Action::WriteLetter => "write to a file",
            Action::RecordLetter => "record as sent",
            _ => "",
        }
    }
}

/// What pressing the undo key would do after a write, for the message that reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoHint {
    /// It undoes the write just made.
    Undoes,
    /// It redoes what an undo just took back.
    Redo,
    /// It undoes again what a redo just put back.
    Undo,
}

impl UndoHint {
    /// The hint's words after the key: "u undoes", "u to redo".
    pub fn words(self, key: &str) -> String {
        match self {
            UndoHint::Undoes => format!("{key} undoes"),
            UndoHint::Redo => format!("{key} to redo"),
            UndoHint::Undo => format!("{key} to undo"),
        }
    }
}

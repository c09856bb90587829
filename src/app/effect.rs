//! What `update` asks the runtime to do. The runtime performs it and reports back as an Action.

use crate::domain::{Commitment, Side, Status, Verdict};
use crate::store::{NewCommitment, NewPartner, NewProblem, NewTouch, PartnerEdit};
use chrono::NaiveDate;

/// A change to the book.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    AddPartner(NewPartner),
    EditPartner(PartnerEdit),
    AddCommitment(NewCommitment),
    EditCommitment(Box<Commitment>),
    SetStatus {
        id: i64,
        status: Status,
    },
    Review {
        id: i64,
        verdict: Verdict,
    },
    AddTouch(NewTouch),
    AddProblem(NewProblem),
    EndPartner {
        id: i64,
        reason: String,
        on: NaiveDate,
    },
    /// A new due day for an open commitment (a late one stays a slip).
    Redate {
        id: i64,
        due: NaiveDate,
        note: String,
    },
    AddContact(Box<crate::domain::Contact>),
    EditContact(Box<crate::domain::Contact>),
    RemoveContact {
        id: i64,
        name: String,
    },
    /// The brave conversation about a problem, with its note.
    Brave {
        id: i64,
        on: NaiveDate,
        note: String,
    },
    Resolve {
        id: i64,
        on: NaiveDate,
    },
    /// The first-meeting charter of the partner of that name: ongoing items on each side.
    Charter {
        partner: String,
        ours: Vec<String>,
        theirs: Vec<String>,
    },
    /// A dated commitment looked at in a review and left open.
    Checked {
        id: i64,
    },
    /// An update sent: the touch, with its whole text.
    RecordUpdate {
        touch: NewTouch,
        text: String,
    },
}

/// A record a write created, to be selected once the book is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Partner(i64),
    Commitment { partner: i64, side: Side, id: i64 },
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Reload the dashboard's data, keeping `partner` selected when given.
    Load {
        partner: Option<i64>,
        show_closed: bool,
        /// Only partners of this owner ("mine").
        owner: Option<String>,
    },
    /// Write to the book, then reload.
    Write(Write),
    /// Bring every dashboard line to today (after a first frame drawn from earlier lines).
    CatchUp,
    /// Load the haystacks of the `/` filter.
    LoadSearch,
    /// Load a screen.
    Open(super::screen::Request),
    /// Undo the change recorded as this event.
    Undo(i64),
    /// Load the demo book into an empty book.
    LoadDemo,
    /// Draft the update owed to a partner.
    DraftUpdate(i64),
    /// Draw up the plan shared with a partner.
    SharePlan(i64),
    /// Hand the terminal to the user's editor with this text.
    EditLetter(String),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Write a letter to a file (private, replaced whole).
    WriteLetter { path: String, text: String },
    /// Leave the event loop.
    Quit,
}

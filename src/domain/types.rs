//! The entities of the book, in the partnership's own words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Defines a closed set of words stored as text (and checked by the schema).
/// A type's name as words: `TouchKind` → "touch kind".
fn spaced(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $word)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored and displayed word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let words: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("unknown {} {}: expected one of {}", spaced(stringify!($name)), crate::domain::text::quoted(s), words.join(", "))
                    })
            }
        }
    };
}

word_enum!(
    /// Where a relationship stands.
    Stage { Prospect = "prospect", Engaged = "engaged", Signed = "signed", Ended = "ended" }
);
word_enum!(
    /// Who owes a commitment: `Ours` = we promised them, `Theirs` = they promised us.
    Side { Ours = "ours", Theirs = "theirs" }
);
word_enum!(
    /// Where a commitment stands. `Released` = dropped by agreement.
    Status { Open = "open", Kept = "kept", Missed = "missed", Released = "released" }
);
word_enum!(
    /// When a commitment was made.
    Origin { FirstMeeting = "first-meeting", Later = "later" }
);
word_enum!(
    /// The kind of an interaction. `Update` = progress we shared; `Care` = no ask, no return.
    TouchKind { Call = "call", Meeting = "meeting", Email = "email", Message = "message", Update = "update", Care = "care", Other = "other" }
);
word_enum!(
    /// Who started an interaction.
    Initiator { Us = "us", Them = "them" }
);
word_enum!(
    /// A dated verdict on an ongoing commitment.
    Verdict { Honoured = "honoured", NotHonoured = "not-honoured" }
);

/// A relationship with a company or a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub stage: Stage,
    pub signed_on: Option<NaiveDate>,
    pub desired_outcome: String,
    pub their_goals: String,
    pub their_constraints: String,
    pub update_every_days: u32,
    pub owner: String,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: String,
    pub tags: Vec<String>,
    pub created_on: NaiveDate,
    pub version: i64,
}

/// A key person at a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub partner_id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub note: String,
    pub version: i64,
}

/// One promise, on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: i64,
    pub partner_id: i64,
    pub side: Side,
    pub title: String,
    pub detail: String,
    pub made_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub ongoing: bool,
    pub origin: Origin,
    pub status: Status,
    pub closed_on: Option<NaiveDate>,
    pub owner: String,
    pub version: i64,
    /// Set once the commitment was re-dated on or after its due day: the broken promise stays
    /// in the record: history stays as it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<Slip>,
}

/// A late re-date kept on a commitment: which due day was missed and when it was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slip {
    /// The due day first missed: on-time keeping is judged against it, whatever the new day.
    pub original_due_on: NaiveDate,
    /// The due day in force when it was last re-dated late (telling them counts from here).
    pub missed_due_on: NaiveDate,
    /// The day of that late re-date.
    pub redated_on: NaiveDate,
}

impl Slip {
    /// How many days late the promise was when it was last re-dated (0 on the due day itself).
    pub fn days_late(&self) -> i64 {
        (self.redated_on - self.missed_due_on).num_days()
    }
}

impl Commitment {
    /// The due day on-time keeping is judged by: the first one missed, when it was re-dated late.
    pub fn judged_due_on(&self) -> Option<NaiveDate> {
        self.slip.map(|s| s.original_due_on).or(self.due_on)
    }

    /// Days past due on `today` for an open dated item (0 when not overdue).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        match (self.status, self.due_on) {
            (Status::Open, Some(due)) if due < today => (today - due).num_days(),
            _ => 0,
        }
    }
}

/// A dated verdict on an ongoing commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub commitment_id: i64,
    pub on: NaiveDate,
    pub verdict: Verdict,
    pub note: String,
}

/// An interaction with a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    pub id: i64,
    pub partner_id: i64,
    pub on: NaiveDate,
    pub kind: TouchKind,
    pub initiated_by: Initiator,
    pub summary: String,
    pub bad_news: bool,
    pub version: i64,
    /// The whole text, when more was said than the summary (an update as it was sent).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}

/// A moment of adversity: how bad it was, and how hard they reacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub id: i64,
    pub partner_id: i64,
    pub opened_on: NaiveDate,
    pub summary: String,
    pub severity: u8,
    pub reaction: u8,
    pub brave_conversation_on: Option<NaiveDate>,
    pub brave_note: String,
    pub resolved_on: Option<NaiveDate>,
    pub version: i64,
}

impl Problem {
    /// The partner's reaction is out of proportion to the problem (reaction − severity ≥ 2).
    pub fn is_disproportionate(&self) -> bool {
        i16::from(self.reaction) - i16::from(self.severity) >= 2
    }
}

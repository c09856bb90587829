//! The `pactum/1` document: the whole book, without row ids.
//!
//! Records are nested under their partner and keep the book's order (partners by name, the rest
//! in the order they were entered), so an export imported into an empty book exports again to
//! the same bytes. Row ids and edit versions are not part of the document: they belong to one
//! book file, and a merge would have to renumber them anyway.

use crate::domain::{Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The value of the document's `format` field.
pub const FORMAT: &str = "pactum/1";

/// A whole book, or the part of one that a CSV or vCard file describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    pub format: String,
    /// When the export was written (UTC, RFC 3339); ignored on import.
    #[serde(default)]
    pub exported_at: String,
    pub partners: Vec<PartnerRecord>,
    /// The event log, only with `export --events`; never imported (the import is one event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<EventRecord>>,
}

impl Book {
    /// An empty document of the current format.
    pub fn new(partners: Vec<PartnerRecord>) -> Book {
        Book {
            format: FORMAT.to_string(),
            exported_at: String::new(),
            partners,
            events: None,
        }
    }
}

/// A partner with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerRecord {
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
    pub created_on: NaiveDate,
    pub tags: Vec<String>,
    pub contacts: Vec<ContactRecord>,
    pub commitments: Vec<CommitmentRecord>,
    pub touches: Vec<TouchRecord>,
    pub problems: Vec<ProblemRecord>,
}

impl PartnerRecord {
    /// A new prospect named `name`, as CSV and vCard imports create them.
    pub fn prospect(name: &str, today: NaiveDate, owner: &str) -> PartnerRecord {
        PartnerRecord {
            name: name.to_string(),
            stage: Stage::Prospect,
            signed_on: None,
            desired_outcome: String::new(),
            their_goals: String::new(),
            their_constraints: String::new(),
            update_every_days: 14,
            owner: owner.to_string(),
            ended_on: None,
            end_reason: String::new(),
            created_on: today,
            tags: Vec::new(),
            contacts: Vec::new(),
            commitments: Vec::new(),
            touches: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The name as partners are matched: case-insensitive, as the book's unique index (ASCII).
    pub fn key(&self) -> String {
        self.name.trim().to_ascii_lowercase()
    }
}

/// A key person at a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRecord {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub note: String,
}

/// One promise, with the reviews of it when it is ongoing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentRecord {
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
    pub reviews: Vec<ReviewRecord>,
}

/// A dated verdict on an ongoing commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    pub on: NaiveDate,
    pub verdict: Verdict,
    pub note: String,
}

/// An interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TouchRecord {
    pub on: NaiveDate,
    pub kind: TouchKind,
    pub initiated_by: Initiator,
    pub summary: String,
    pub bad_news: bool,
    /// The whole text beside the summary (an update as it was sent); optional, absent when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}

/// A moment of adversity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemRecord {
    pub opened_on: NaiveDate,
    pub summary: String,
    pub severity: u8,
    pub reaction: u8,
    pub brave_conversation_on: Option<NaiveDate>,
    pub brave_note: String,
    pub resolved_on: Option<NaiveDate>,
}

/// One line of the event log, for the record (`export --events`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub at: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub summary: String,
    pub undone: bool,
}

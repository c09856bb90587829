//! Writing a table of the book as CSV.

use super::inert;
use crate::exchange::book::Book;
use std::fmt;
use std::str::FromStr;

/// The tables `export --format csv` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per contact (a partner without contacts has one row with empty contact cells).
    Partners,
    Commitments,
    Touches,
}

impl Table {
    const ALL: [(Table, &'static str); 3] = [
        (Table::Partners, "partners"),
        (Table::Commitments, "commitments"),
        (Table::Touches, "touches"),
    ];

    /// The header row of this table.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Table::Partners => &PARTNER_COLUMNS,
            Table::Commitments => &COMMITMENT_COLUMNS,
            Table::Touches => &TOUCH_COLUMNS,
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Table::ALL.iter().find(|(t, _)| t == self).map(|(_, n)| *n);
        f.write_str(name.unwrap_or_default())
    }
}

impl FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> Result<Table, String> {
        Table::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(s.trim()))
            .map(|(t, _)| *t)
            .ok_or_else(|| {
                format!("unknown table {s:?}: expected partners, commitments or touches")
            })
    }
}

pub(super) const PARTNER_COLUMNS: [&str; 17] = [
    "name",
    "stage",
    "signed_on",
    "update_every_days",
    "desired_outcome",
    "their_goals",
    "their_constraints",
    "owner",
    "ended_on",
    "end_reason",
    "created_on",
    "tags",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_note",
];

pub(super) const COMMITMENT_COLUMNS: [&str; 11] = [
    "partner",
    "side",
    "title",
    "detail",
    "made_on",
    "due_on",
    "ongoing",
    "origin",
    "status",
    "closed_on",
    "owner",
];

pub(super) const TOUCH_COLUMNS: [&str; 6] = [
    "partner",
    "on",
    "kind",
    "initiated_by",
    "summary",
    "bad_news",
];

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The table as CSV text, header first; `tick` is called once per row written.
pub fn export(book: &Book, table: Table, tick: &mut dyn FnMut()) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut row = |cells: &[String]| {
        // Writing to memory cannot fail.
        let _ = w.write_record(cells.iter().map(|c| inert(c).into_owned()));
        tick();
    };
    let header: Vec<String> = table.header().iter().map(|s| s.to_string()).collect();
    row(&header);
    for p in &book.partners {
        match table {
            Table::Partners => {
                let own = [
                    p.name.clone(),
                    p.stage.to_string(),
                    day(p.signed_on),
                    p.update_every_days.to_string(),
                    p.desired_outcome.clone(),
                    p.their_goals.clone(),
                    p.their_constraints.clone(),
                    p.owner.clone(),
                    day(p.ended_on),
                    p.end_reason.clone(),
                    p.created_on.to_string(),
                    super::join_tags(&p.tags),
                ];
                if p.contacts.is_empty() {
                    let mut cells = own.to_vec();
                    cells.resize(PARTNER_COLUMNS.len(), String::new());
                    row(&cells);
                }
                for c in &p.contacts {
                    let mut cells = own.to_vec();
                    cells
                        .extend([&c.name, &c.role, &c.email, &c.phone, &c.note].map(String::clone));
                    row(&cells);
                }
            }
            Table::Commitments => {
                for c in &p.commitments {
                    row(&[
                        p.name.clone(),
                        c.side.to_string(),
                        c.title.clone(),
                        c.detail.clone(),
                        c.made_on.to_string(),
                        day(c.due_on),
                        c.ongoing.to_string(),
                        c.origin.to_string(),
                        c.status.to_string(),
                        day(c.closed_on),
                        c.owner.clone(),
                    ]);
                }
            }
            Table::Touches => {
                for t in &p.touches {
                    row(&[
                        p.name.clone(),
                        t.on.to_string(),
                        t.kind.to_string(),
                        t.initiated_by.to_string(),
                        t.summary.clone(),
                        t.bad_news.to_string(),
                    ]);
                }
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

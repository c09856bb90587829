//! The data a dashboard frame is drawn from, loaded by the runtime through shaped queries.

use crate::domain::health::Health;
use crate::domain::{Commitment, Contact, Partner, Problem, Verdict};
use crate::store::PartnerRow;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Everything the dashboard shows, as loaded from the book.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// One aggregated row per partner.
    pub rows: Vec<PartnerRow>,
    /// The partner whose ledger is loaded.
    pub partner: Option<Partner>,
    /// That partner's commitments (open ones, or all when closed are shown).
    pub ledger: Vec<Commitment>,
    /// That partner's unresolved problems, newest first.
    pub problems: Vec<Problem>,
    /// That partner's key people.
    pub contacts: Vec<Contact>,
    /// Last review of each ongoing commitment: (commitment id, day, verdict).
    pub last_reviews: Vec<(i64, NaiveDate, Verdict)>,
    /// Each partner's health today, by partner id.
    pub health: HashMap<i64, Health>,
    /// The selected partner's weekly score trend, oldest first.
    pub trend: Vec<(NaiveDate, Option<u8>)>,
    /// `Some(day)`: the list shows the lines of `day`, the last day they were assessed, while
    /// they are brought to today; `None`: today's lines.
    pub lines_as_of: Option<NaiveDate>,
}

//! Row builders for tests that go through [`HealthInput::from_rows`].

use chrono::{Days, NaiveDate};

use crate::domain::health::{Health, HealthInput, Rules, assess};
use crate::domain::types::{
    Commitment, Initiator, Origin, Partner, Problem, Review, Side, Stage, Status, Touch, TouchKind,
};

pub fn today() -> NaiveDate {
    "2026-11-27".parse().expect("a date")
}

/// `n` days before today (negative: after).
pub fn ago(n: i64) -> NaiveDate {
    if n >= 0 {
        today() - Days::new(n.unsigned_abs())
    } else {
        today() + Days::new(n.unsigned_abs())
    }
}

/// One partner's rows.
#[derive(Debug, Clone)]
pub struct Book {
    pub partner: Partner,
    pub commitments: Vec<Commitment>,
    pub reviews: Vec<Review>,
    pub touches: Vec<Touch>,
    pub problems: Vec<Problem>,
}

impl Book {
    pub fn new(stage: Stage, signed_days_ago: Option<i64>) -> Book {
        Book {
            partner: Partner {
                id: 1,
                name: "Acme".into(),
                stage,
                signed_on: signed_days_ago.map(ago),
                desired_outcome: String::new(),
                their_goals: String::new(),
                their_constraints: String::new(),
                update_every_days: 14,
                owner: "me".into(),
                ended_on: None,
                end_reason: String::new(),
                tags: Vec::new(),
                created_on: ago(400),
                version: 1,
            },
            commitments: Vec::new(),
            reviews: Vec::new(),
            touches: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// A dated commitment made 30 days before it is due; `closed` in days ago.
    pub fn promise(
        &mut self,
        side: Side,
        due_ago: i64,
        status: Status,
        closed_ago: Option<i64>,
    ) -> i64 {
        let id = i64::try_from(self.commitments.len()).unwrap_or(0) + 1;
        self.commitments.push(Commitment {
            id,
            partner_id: 1,
            side,
            title: format!("item {id}"),
            detail: String::new(),
            made_on: ago(due_ago + 30),
            due_on: Some(ago(due_ago)),
            ongoing: false,
            origin: Origin::Later,
            status,
            closed_on: closed_ago.map(ago),
            owner: "me".into(),
            version: 1,
            slip: None,
        });
        id
    }

    pub fn touch(&mut self, on_ago: i64, kind: TouchKind, by: Initiator) {
        let id = i64::try_from(self.touches.len()).unwrap_or(0) + 1;
        self.touches.push(Touch {
            id,
            partner_id: 1,
            on: ago(on_ago),
            kind,
            initiated_by: by,
            summary: format!("touch {id}"),
            bad_news: false,
            version: 1,
            body: String::new(),
        });
    }

    pub fn problem(&mut self, opened_ago: i64, severity: u8, reaction: u8) -> usize {
        let id = i64::try_from(self.problems.len()).unwrap_or(0) + 1;
        self.problems.push(Problem {
            id,
            partner_id: 1,
            opened_on: ago(opened_ago),
            summary: "the outage".into(),
            severity,
            reaction,
            brave_conversation_on: None,
            brave_note: String::new(),
            resolved_on: None,
            version: 1,
        });
        self.problems.len() - 1
    }

    /// Health on another day than the fixed today.
    pub fn health_on(&self, day: NaiveDate) -> Health {
        assess(&self.input_on(day), day, &Rules::default())
    }

    pub fn input_on(&self, day: NaiveDate) -> HealthInput {
        HealthInput::from_rows(
            &self.partner,
            &self.commitments,
            &self.reviews,
            &self.touches,
            &self.problems,
            day,
            &Rules::default(),
        )
    }

    pub fn input(&self) -> HealthInput {
        HealthInput::from_rows(
            &self.partner,
            &self.commitments,
            &self.reviews,
            &self.touches,
            &self.problems,
            today(),
            &Rules::default(),
        )
    }

    pub fn health(&self) -> Health {
        assess(&self.input(), today(), &Rules::default())
    }
}

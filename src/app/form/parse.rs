//! Turning a filled form into a write, or into the one sentence that says which field is wrong.

use super::{Form, FormKind};
use crate::app::effect::Write;
use crate::domain::chronology;
use crate::domain::limits::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::{Initiator, Origin, Side, Stage, TouchKind, parse_date};
use crate::store::{NewCommitment, NewPartner, NewProblem, NewTouch, PartnerEdit};
use chrono::NaiveDate;

impl Form {
    pub(super) fn get(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|f| f.value().trim().to_string())
            .unwrap_or_default()
    }

    /// Parses the form into a write, or says which field is wrong.
    pub fn to_write(&self, today: NaiveDate) -> Result<Write, String> {
        let date = |i: usize| -> Result<Option<NaiveDate>, String> {
            let v = self.get(i);
            if v.is_empty() {
                Ok(None)
            } else {
                parse_date(&v, today).map(Some)
            }
        };
        let required_date = |i: usize| date(i)?.ok_or_else(|| "a date is needed".to_string());
        let number = |i: usize, what: &str| -> Result<i64, String> {
            self.get(i)
                .parse::<i64>()
                .map_err(|_| format!("{what} must be a number"))
        };
        let yes = |i: usize| matches!(self.get(i).to_lowercase().as_str(), "y" | "yes");
        let origin = |i: usize| {
            if yes(i) {
                Origin::FirstMeeting
            } else {
                Origin::Later
            }
        };
        match &self.kind {
            FormKind::AddContact { .. } | FormKind::EditContact(_) => self.contact_write(),
            FormKind::Brave { .. } | FormKind::Resolve { .. } => self.problem_write(today),
            FormKind::Charter { partner, .. } => self.charter_write(partner),
            FormKind::AddPartner | FormKind::EditPartner { .. } => {
                let name = limits::check("name", &self.get(0), NAME_MAX, true)?;
                let stage: Stage = self.get(1).parse()?;
                if stage == Stage::Ended {
                    return Err("end a partnership with its own key, giving the reason".into());
                }
                // Signing without a day signs today.
                let signed_on = match (date(2)?, stage) {
                    (None, Stage::Signed) => Some(today),
                    (on, _) => on,
                };
                if let Some(on) = signed_on {
                    chronology::not_after_today("signing day", on, today)?;
                }
                let every = limits::check_cadence(number(3, "update every")?)?;
                let text =
                    |i: usize, what: &str| limits::check(what, &self.get(i), TEXT_MAX, false);
                let outcome = text(4, "desired outcome")?;
                let their_goals = text(5, "their goals")?;
                let their_constraints = text(6, "their constraints")?;
                let mut tags: Vec<String> = Vec::new();
                for tag in self
                    .get(7)
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                {
                    let tag = limits::check("tag", tag, limits::TAG_MAX, true)?;
                    if !tags.contains(&tag) {
                        tags.push(tag);
                    }
                }
                Ok(match self.kind {
                    FormKind::EditPartner { id, version } => Write::EditPartner(PartnerEdit {
                        id,
                        version,
                        name,
                        stage,
                        signed_on,
                        update_every_days: every,
                        desired_outcome: outcome,
                        their_goals,
                        their_constraints,
                        owner: limits::check("owner", &self.get(8), NAME_MAX, false)?,
                        tags,
                    }),
                    _ => Write::AddPartner(NewPartner {
                        stage,
                        signed_on,
                        update_every_days: every,
                        desired_outcome: outcome,
                        their_goals,
                        their_constraints,
                        tags,
                        ..NewPartner::named(&name, today)
                    }),
                })
            }
            FormKind::AddCommitment { partner_id } => {
                let title = limits::check("title", &self.get(0), TITLE_MAX, true)?;
                let side: Side = self.get(1).parse()?;
                let due_on = date(2)?;
                let ongoing = yes(4);
                if ongoing && due_on.is_some() {
                    return Err(
                        "an ongoing item has no due day: empty Due, or answer n to Ongoing".into(),
                    );
                }
                chronology::commitment_days(today, due_on, today)?;
                Ok(Write::AddCommitment(NewCommitment {
                    partner_id: *partner_id,
                    side,
                    title,
                    detail: self.get(3),
                    made_on: today,
                    due_on,
                    ongoing,
                    origin: origin(5),
                }))
            }
            FormKind::EditCommitment(before) => {
                let mut c = (**before).clone();
                c.title = limits::check("title", &self.get(0), TITLE_MAX, true)?;
                c.side = self.get(1).parse()?;
                c.due_on = date(2)?;
                if c.ongoing && c.due_on.is_some() {
                    return Err("an ongoing item has no due day: empty Due".into());
                }
                if let Some(due) = c.due_on {
                    chronology::not_before("due day", due, "made day", c.made_on)?;
                }
                c.detail = self.get(3);
                c.origin = origin(4);
                Ok(Write::EditCommitment(Box::new(c)))
            }
            FormKind::LogTouch { partner_id } => {
                let kind = self.get(0).parse::<TouchKind>()?;
                let initiated_by = self.get(1).parse::<Initiator>()?;
                let summary = limits::check("summary", &self.get(2), TEXT_MAX, true)?;
                let on = required_date(3)?;
                chronology::not_after_today("touch day", on, today)?;
                Ok(Write::AddTouch(NewTouch {
                    partner_id: *partner_id,
                    summary,
                    kind,
                    initiated_by,
                    on,
                    bad_news: matches!(self.get(4).to_lowercase().as_str(), "y" | "yes"),
                }))
            }
            FormKind::AddProblem { partner_id } => {
                let summary = limits::check("summary", &self.get(0), TITLE_MAX, true)?;
                let severity = limits::check_rating("severity", number(1, "severity")?)?;
                let reaction = limits::check_rating("reaction", number(2, "reaction")?)?;
                let opened_on = required_date(3)?;
                chronology::not_after_today("problem day", opened_on, today)?;
                Ok(Write::AddProblem(NewProblem {
                    partner_id: *partner_id,
                    summary,
                    severity,
                    reaction,
                    opened_on,
                }))
            }
            FormKind::Redate { id, .. } => Ok(Write::Redate {
                id: *id,
                due: required_date(0)?,
                note: limits::check("note", &self.get(1), TEXT_MAX, false)?,
            }),
            FormKind::EndPartner { id, .. } => Ok(Write::EndPartner {
                id: *id,
                reason: limits::check("reason", &self.get(0), TEXT_MAX, true)?,
                on: required_date(1)?,
            }),
        }
    }
}

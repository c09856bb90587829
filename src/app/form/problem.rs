//! Facing and closing a problem: the brave conversation (with its note) and the resolution.
//! Each names one of the partner's open problems by its number.

use super::{Field, Form, FormKind};
use crate::app::effect::Write;
use crate::domain::limits::{self, TEXT_MAX};
use crate::domain::{parse_date, text};
use chrono::NaiveDate;

/// The problem named in field `i`: "3" or "#3", one of `choices`.
fn chosen(form: &Form, i: usize, choices: &[i64]) -> Result<i64, String> {
    let typed = form.get(i);
    let id = typed.trim_start_matches('#').parse::<i64>().map_err(|_| {
        format!(
            "problem must be a number, e.g. #{}",
            choices.first().unwrap_or(&1)
        )
    })?;
    if choices.contains(&id) {
        return Ok(id);
    }
    let open: Vec<String> = choices.iter().map(|c| format!("#{c}")).collect();
    Err(format!(
        "#{id} is not an open problem here; open: {}",
        open.join(", ")
    ))
}

fn day(form: &Form, i: usize, today: NaiveDate) -> Result<NaiveDate, String> {
    match form.get(i) {
        v if v.is_empty() => Ok(today),
        v => parse_date(&v, today),
    }
}

impl Form {
    /// The brave conversation about one of `choices`, `first` chosen; the note comes first,
    /// so enter after typing it records the conversation.
    pub fn brave(choices: Vec<i64>, title: &str, first: Option<i64>) -> Form {
        let first = first.or(choices.first().copied());
        Form::new(
            FormKind::Brave { choices },
            format!("Brave conversation {}", text::clean_line(title)),
            vec![
                Field::new("Note", "what was said, what was agreed", TEXT_MAX, ""),
                Field::new(
                    "Problem",
                    "its number (#) in the Health pane",
                    8,
                    &first.map(|id| format!("#{id}")).unwrap_or_default(),
                ),
                Field::date("On", "YYYY-MM-DD, today, -2d", "today"),
            ],
        )
    }

    /// Resolving one of `choices`, `first` chosen.
    pub fn resolve(choices: Vec<i64>, title: &str, first: Option<i64>) -> Form {
        let first = first.or(choices.first().copied());
        Form::new(
            FormKind::Resolve { choices },
            format!("Resolve {}", text::clean_line(title)),
            vec![
                Field::new(
                    "Problem",
                    "its number (#) in the Health pane",
                    8,
                    &first.map(|id| format!("#{id}")).unwrap_or_default(),
                ),
                Field::date("On", "YYYY-MM-DD, today, -2d", "today"),
            ],
        )
    }

    /// The brave conversation or the resolution typed in, as a write.
    pub(super) fn problem_write(&self, today: NaiveDate) -> Result<Write, String> {
        match &self.kind {
            FormKind::Brave { choices } => Ok(Write::Brave {
                id: chosen(self, 1, choices)?,
                on: day(self, 2, today)?,
                note: limits::check("note", &self.get(0), TEXT_MAX, false)?,
            }),
            FormKind::Resolve { choices } => Ok(Write::Resolve {
                id: chosen(self, 0, choices)?,
                on: day(self, 1, today)?,
            }),
            _ => Err("not a problem form".into()),
        }
    }
}

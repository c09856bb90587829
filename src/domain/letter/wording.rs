//! The words of the letters, read from `assets/letters.toml` (with the user's lines merged on
//! top by the config): templates whose `{word}`s are filled in here.

use serde::{Deserialize, Serialize};

/// Every line of the letters.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub update: UpdateWording,
    pub plan: PlanWording,
}

/// The partner update's lines (see `assets/letters.toml` for what each one takes).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateWording {
    pub subject: String,
    pub greeting: String,
    pub greeting_without_contact: String,
    pub since_update: String,
    pub since_signing: String,
    pub since_start: String,
    pub slipped: String,
    pub slipped_redated: String,
    pub slipped_overdue: String,
    pub slipped_missed: String,
    pub slipped_missed_undated: String,
    pub done: String,
    pub done_item: String,
    pub done_late: String,
    pub next: String,
    pub next_item: String,
    pub next_undated: String,
    pub need: String,
    pub need_overdue: String,
    pub need_item: String,
    pub need_undated: String,
    pub problems: String,
    pub problem: String,
    pub problem_agreed: String,
    pub problem_talked: String,
    pub care: String,
    pub care_after_slip: String,
    pub sign_off: String,
}

/// The shared plan's lines.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanWording {
    pub title: String,
    pub as_of: String,
    pub outcome: String,
    pub their_goals: String,
    pub their_constraints: String,
    pub intentions: String,
    pub expectations: String,
    pub reviewed_honoured: String,
    pub reviewed_not_honoured: String,
    pub not_reviewed: String,
    pub ours_open: String,
    pub theirs_open: String,
    pub due: String,
    pub past_due: String,
    pub no_due: String,
    pub ours_kept: String,
    pub theirs_kept: String,
    pub kept_on: String,
    pub nothing: String,
}

/// `template` with each `{word}` of `values` filled in, in one pass: a value that itself holds
/// braces (a title typed with `{due}` in it) is never filled again. Braces naming no value
/// stay as they are. Values come from the book: each is put in as one clean line (control
/// characters in caret form), so a letter never carries an escape sequence to a terminal or a
/// mail.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let word = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == word)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(&crate::domain::text::clean_line(v));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_each_word_once_and_leaves_unknown_braces() {
        assert_eq!(
            fill(
                "- {title}, by {due} {x}",
                &[("title", "Ship {due}"), ("due", "2026-12-01")]
            ),
            "- Ship {due}, by 2026-12-01 {x}"
        );
        assert_eq!(fill("{", &[]), "{");
        assert_eq!(fill("a}{b", &[("b", "c")]), "a}{b");
    }
}

//! The charter step offered after a partner is added: the typical intentions and expectations
//! as a checklist, plus free items of either side. Each one picked becomes an ongoing
//! first-meeting commitment.

use super::{Field, Form, FormKind};
use crate::app::effect::Write;
use crate::domain::charter::{CharterSuggestions, free_items};
use crate::domain::limits::{self, TEXT_MAX, TITLE_MAX};
use crate::domain::text;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// The suggestions shipped in assets/charter.toml.
pub fn shipped() -> CharterSuggestions {
    toml::from_str(include_str!("../../../assets/charter.toml")).unwrap_or_default()
}

/// A suggestion as a field's hint, which lives as long as the program: each distinct text is
/// kept once, so opening the step again costs nothing more.
fn lasting(item: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut seen) = seen.lock() else {
        return "";
    };
    if let Some(kept) = seen.get(item) {
        return kept;
    }
    let kept: &'static str = Box::leak(item.to_string().into_boxed_str());
    seen.insert(kept);
    kept
}

const MORE_OURS: &str = "More of ours";
const MORE_THEIRS: &str = "More of theirs";

impl Form {
    /// The charter step for the partner named `partner`: y picks an item.
    pub fn charter(partner: &str, items: &CharterSuggestions, skip: &str) -> Form {
        let mut fields = Vec::new();
        for (label, list) in [
            ("We intend", &items.intentions),
            ("We expect", &items.expectations),
        ] {
            for item in list {
                fields.push(Field::choice(
                    label,
                    lasting(&text::clean_line(item)),
                    super::partner::NO_YES.to_vec(),
                    "no",
                ));
            }
        }
        fields.push(Field::new(
            MORE_OURS,
            "our own intentions, separated by ;",
            TEXT_MAX,
            "",
        ));
        fields.push(Field::new(
            MORE_THEIRS,
            "what we expect of them, separated by ;",
            TEXT_MAX,
            "",
        ));
        Form::new(
            FormKind::Charter {
                partner: partner.to_string(),
                items: items.clone(),
            },
            format!(
                "Charter with {}: y picks, {skip} skips",
                text::clean_line(partner)
            ),
            fields,
        )
    }

    /// The picked and typed items of the charter step, as one write.
    pub(super) fn charter_write(&self, partner: &str) -> Result<Write, String> {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for field in &self.fields {
            let value = field.value();
            match field.label {
                MORE_OURS => ours.extend(free_items(&value)),
                MORE_THEIRS => theirs.extend(free_items(&value)),
                side if matches!(value.trim().to_lowercase().as_str(), "y" | "yes") => {
                    let list = if side == "We intend" {
                        &mut ours
                    } else {
                        &mut theirs
                    };
                    list.push(field.hint.to_string());
                }
                _ => {}
            }
        }
        for item in ours.iter().chain(&theirs) {
            limits::check("charter item", item, TITLE_MAX, true)?;
        }
        if ours.is_empty() && theirs.is_empty() {
            return Err(
                "nothing picked: y picks an item, or closing the form skips the charter".into(),
            );
        }
        Ok(Write::Charter {
            partner: partner.to_string(),
            ours,
            theirs,
        })
    }
}

impl Form {
    /// The add-commitment form with "first meeting" answered yes.
    pub fn at_first_meeting(mut self) -> Form {
        for field in &mut self.fields {
            if field.label == "First meeting" {
                field.restore("yes", true);
            }
        }
        self
    }
}

//! The first-meeting charter: the typical intentions (ours) and expectations (theirs) offered
//! when a partner is added, each picked one becoming an ongoing first-meeting commitment.

use super::limits::{self, TITLE_MAX};
use serde::{Deserialize, Serialize};

/// The suggestions a charter step offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterSuggestions {
    /// What we intend to be for them (our side).
    pub intentions: Vec<String>,
    /// What we expect of them (their side).
    pub expectations: Vec<String>,
}

impl CharterSuggestions {
    /// Says what is wrong with a list from a config file: an empty or over-long item.
    pub fn validate(&self) -> Result<(), String> {
        for item in self.intentions.iter().chain(&self.expectations) {
            limits::check("charter item", item, TITLE_MAX, true)?;
        }
        Ok(())
    }
}

/// Splits free items typed on one line ("Weekly call; Shared roadmap") into titles.
pub fn free_items(typed: &str) -> Vec<String> {
    typed
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_items_split_on_semicolons_and_drop_blanks() {
        assert_eq!(
            free_items(" Weekly call ;; Shared roadmap;"),
            vec!["Weekly call".to_string(), "Shared roadmap".to_string()]
        );
        assert!(free_items("  ").is_empty());
    }

    #[test]
    fn an_empty_item_is_refused() {
        let s = CharterSuggestions {
            intentions: vec![" ".into()],
            expectations: Vec::new(),
        };
        assert!(s.validate().is_err());
    }
}

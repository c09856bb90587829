//! The optional config file: `[keys.<mode>]` overrides (defaults in assets/keymap.toml) and
//! `[health]` rules (defaults in assets/rules.toml), `[letters.*]` wording (defaults in
//! assets/letters.toml), `[clipboard]` and `[calendar]`. The user's file is merged on top.

mod print;

use crate::app::Keymap;
use crate::domain::charter::CharterSuggestions;
use crate::domain::health::Rules;
use crate::domain::letter::Wording;
use crate::exchange::alarm::AlarmLead;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Settings in force for this run.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub rules: Rules,
    /// The words of the update and the plan.
    pub wording: Wording,
    /// Copying sends the text to the terminal's clipboard (OSC 52); off unless the config
    /// says `[clipboard] osc52 = true`, as some terminals refuse or mangle it.
    pub osc52: bool,
    /// The first-meeting checklist (defaults in assets/charter.toml).
    pub charter: CharterSuggestions,
    /// How long before a due day the calendar reminds (`[calendar] alarm_before`).
    pub alarm_before: AlarmLead,
    /// The `[keys.<mode>]` tables as the file gave them (merged into `keymap`), so the
    /// effective settings can be written back.
    pub key_changes: toml::Table,
    /// The file the settings came from, if any.
    pub source: Option<PathBuf>,
}

impl Config {
    /// Shipped defaults only.
    pub fn defaults() -> Config {
        Config {
            keymap: Keymap::defaults(),
            rules: Rules::default(),
            wording: shipped_wording(),
            osc52: false,
            charter: crate::app::form::charter::shipped(),
            alarm_before: AlarmLead::default(),
            key_changes: toml::Table::new(),
            source: None,
        }
    }

    /// Reads `explicit` (which must exist), or the default path when it exists.
    pub fn load(explicit: Option<&Path>, default: &Path) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if default.exists() => default.to_path_buf(),
            None => return Ok(Config::defaults()),
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
        let mut config =
            Config::parse(&text).map_err(|e| format!("config {}: {e}", path.display()))?;
        config.source = Some(path);
        Ok(config)
    }

    /// Parses config text over the defaults.
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let mut config = Config::defaults();
        if let Some(keys) = table.remove("keys") {
            let toml::Value::Table(keys) = keys else {
                return Err("[keys] must be a table".into());
            };
            config.keymap.merge(keys.clone())?;
            config.key_changes = keys;
        }
        if let Some(health) = table.remove("health") {
            config.rules = Rules::deserialize(health).map_err(|e| format!("[health]: {e}"))?;
            config.rules.validate()?;
        }
        if let Some(letters) = table.remove("letters") {
            config.wording = wording_over(letters)?;
        }
        if let Some(clipboard) = table.remove("clipboard") {
            config.osc52 = Clipboard::deserialize(clipboard)
                .map_err(|e| format!("[clipboard]: {e}"))?
                .osc52;
        }
        if let Some(charter) = table.remove("charter") {
            let toml::Value::Table(mut charter) = charter else {
                return Err("[charter] must be a table".into());
            };
            let shipped = crate::app::form::charter::shipped();
            // A list not given keeps the shipped one.
            for (key, list) in [
                ("intentions", shipped.intentions),
                ("expectations", shipped.expectations),
            ] {
                if !charter.contains_key(key) {
                    let items = list.into_iter().map(toml::Value::String).collect();
                    charter.insert(key.into(), toml::Value::Array(items));
                }
            }
            config.charter = CharterSuggestions::deserialize(toml::Value::Table(charter))
                .map_err(|e| format!("[charter]: {e}"))?;
            config
                .charter
                .validate()
                .map_err(|e| format!("[charter]: {e}"))?;
        }
        if let Some(calendar) = table.remove("calendar") {
            let calendar =
                Calendar::deserialize(calendar).map_err(|e| format!("[calendar]: {e}"))?;
            if let Some(lead) = calendar.alarm_before {
                config.alarm_before = lead.parse().map_err(|e| format!("[calendar]: {e}"))?;
            }
        }
        if let Some(unknown) = table.keys().next() {
            return Err(format!(
                "unknown setting {} (known: [keys.*], [health], [letters.*], [clipboard], [charter], [calendar])",
                crate::domain::text::quoted(unknown)
            ));
        }
        Ok(config)
    }
}

/// The shipped words of the letters.
pub const DEFAULT_LETTERS: &str = include_str!("../../assets/letters.toml");

/// `[calendar]`: the reminder's lead time, e.g. `alarm_before = "1d"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Calendar {
    alarm_before: Option<String>,
}

/// `[clipboard]`: whether copying may use OSC 52.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clipboard {
    #[serde(default)]
    osc52: bool,
}

fn shipped_table() -> toml::Table {
    // The shipped file is part of the binary and tested; an empty table only if it were broken.
    toml::from_str(DEFAULT_LETTERS).unwrap_or_default()
}

/// The shipped wording.
pub fn shipped_wording() -> Wording {
    match Wording::deserialize(toml::Value::Table(shipped_table())) {
        Ok(w) => w,
        Err(e) => panic!("assets/letters.toml does not read: {e}"),
    }
}

/// The shipped wording with the user's `[letters.update]` and `[letters.plan]` lines on top.
fn wording_over(user: toml::Value) -> Result<Wording, String> {
    let toml::Value::Table(user) = user else {
        return Err("[letters] must be a table".into());
    };
    let mut merged = shipped_table();
    for (letter, lines) in user {
        let (Some(toml::Value::Table(into)), toml::Value::Table(lines)) =
            (merged.get_mut(&letter), lines)
        else {
            return Err(format!(
                "unknown letter [letters.{letter}] (known: update, plan)"
            ));
        };
        for (key, value) in lines {
            if !into.contains_key(&key) {
                return Err(format!("[letters.{letter}]: unknown line {key:?}"));
            }
            if !value.is_str() {
                return Err(format!("[letters.{letter}]: {key} must be text"));
            }
            into.insert(key, value);
        }
    }
    Wording::deserialize(toml::Value::Table(merged)).map_err(|e| format!("[letters]: {e}"))
}

/// A TOML syntax error on one line: where, and what.
fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_default_is_fine_missing_explicit_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let absent = dir.path().join("config.toml");
        assert!(Config::load(None, &absent).unwrap().source.is_none());
        let err = Config::load(Some(&absent), &absent).unwrap_err();
        assert!(err.contains("cannot read config"), "{err}");
    }

    #[test]
    fn bad_keys_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[keys.dashboard]\n\"x\" = \"fly\"\n").unwrap();
        let err = Config::load(Some(&path), &path).unwrap_err();
        assert!(err.contains("config.toml"), "{err}");
    }

    #[test]
    fn the_shipped_rules_file_is_a_valid_config() {
        let config = Config::parse(include_str!("../../assets/rules.toml")).unwrap();
        assert_eq!(config.rules, Rules::default());
    }

    #[test]
    fn health_overrides_keep_other_defaults_and_unknowns_are_refused() {
        let config = Config::parse("[health.weights]\nreciprocity = 40\n").unwrap();
        assert_eq!(config.rules.weights.reciprocity, 40);
        assert_eq!(config.rules.windows, Rules::default().windows);
        assert!(Config::parse("[health.weights]\nreciprocty = 40\n").is_err());
        assert!(Config::parse("[colours]\nx = 1\n").is_err());
    }

    #[test]
    fn letters_and_clipboard_override_the_shipped_words() {
        let config =
            Config::parse("[letters.update]\ncare = \"Merci.\"\n[clipboard]\nosc52 = true\n")
                .unwrap();
        assert_eq!(config.wording.update.care, "Merci.");
        assert_eq!(config.wording.plan, shipped_wording().plan);
        assert!(config.osc52);
        assert!(!Config::defaults().osc52);
        assert!(Config::parse("[letters.update]\ncar = \"x\"\n").is_err());
        assert!(Config::parse("[letters.memo]\nx = \"x\"\n").is_err());
        assert!(Config::parse("[letters.update]\ncare = 3\n").is_err());
    }

    #[test]
    fn the_charter_list_given_replaces_the_shipped_one_and_the_other_stays() {
        let config = Config::parse("[charter]\nintentions = [\"Weekly call\"]\n").unwrap();
        assert_eq!(config.charter.intentions, vec!["Weekly call".to_string()]);
        assert_eq!(
            config.charter.expectations,
            crate::app::form::charter::shipped().expectations
        );
        assert!(Config::parse("[charter]\nintentions = [\"\"]\n").is_err());
        assert!(Config::parse("[charter]\nhopes = []\n").is_err());
    }

    #[test]
    fn a_syntax_error_is_one_line_with_its_place() {
        let e = Config::parse("[keys]\n[health\nx = 1\n").unwrap_err();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.starts_with("line 2, column "), "{e}");
    }
}

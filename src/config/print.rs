//! The settings in force, written back as a config file: `pactum config`.

use crate::config::Config;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Clipboard {
    osc52: bool,
}

#[derive(Serialize)]
struct Calendar {
    alarm_before: String,
}

/// Everything the config file can set, in its own sections.
#[derive(Serialize)]
struct Effective<'a> {
    health: &'a crate::domain::health::Rules,
    letters: &'a crate::domain::letter::Wording,
    clipboard: Clipboard,
    charter: &'a crate::domain::charter::CharterSuggestions,
    calendar: Calendar,
    keys: &'a toml::Table,
}

impl Config {
    /// The effective settings as TOML that this loader reads back to the same settings, headed
    /// by comments naming the config file and the book. Keys are the shipped ones
    /// (assets/keymap.toml) with the file's changes, which are written as they were given.
    pub fn to_toml(&self, book: &Path) -> Result<String, String> {
        let effective = Effective {
            health: &self.rules,
            letters: &self.wording,
            clipboard: Clipboard { osc52: self.osc52 },
            charter: &self.charter,
            calendar: Calendar {
                alarm_before: self.alarm_before.to_string(),
            },
            keys: &self.key_changes,
        };
        let body = toml::to_string(&effective).map_err(|e| format!("writing the settings: {e}"))?;
        let config = match &self.source {
            Some(path) => path.display().to_string(),
            None => "none (the shipped defaults)".into(),
        };
        Ok(format!(
            "# config: {}\n# book: {}\n# keys: the shipped ones with the changes under [keys]\n\n{body}",
            one_line(&config),
            one_line(&book.display().to_string()),
        ))
    }
}

/// A path in a comment: on one line, whatever its bytes.
fn one_line(text: &str) -> String {
    crate::domain::text::clean_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Key, Mode};

    const CHANGED: &str = r#"
[keys.dashboard]
"x" = "quit"
"q" = "none"

[health.weights]
reciprocity = 40

[letters.update]
care = "Merci, \"à bientôt\"."

[clipboard]
osc52 = true

[charter]
intentions = ["Answer within a day"]

[calendar]
alarm_before = "12h"
"#;

    fn settings(config: &Config) -> String {
        let text = config.to_toml(Path::new("/b/pactum.db")).unwrap();
        // The first line names the file the settings came from.
        text.split_once('\n').unwrap().1.to_string()
    }

    #[test]
    fn the_written_settings_read_back_the_same() {
        for given in ["", CHANGED] {
            let config = Config::parse(given).unwrap();
            let written = config.to_toml(Path::new("/b/pactum.db")).unwrap();
            let back = Config::parse(&written).unwrap();
            assert_eq!(back.rules, config.rules);
            assert_eq!(back.wording, config.wording);
            assert_eq!(back.osc52, config.osc52);
            assert_eq!(back.charter, config.charter);
            assert_eq!(back.alarm_before, config.alarm_before);
            assert_eq!(settings(&back), settings(&config));
            for key in ["x", "q", "j", "?"] {
                let key = Key::parse(key).unwrap();
                assert_eq!(
                    back.keymap.action(Mode::Dashboard, key),
                    config.keymap.action(Mode::Dashboard, key)
                );
            }
        }
    }

    #[test]
    fn the_changes_show_and_the_paths_head_it() {
        let mut config = Config::parse(CHANGED).unwrap();
        config.source = Some("/c/config.toml".into());
        let text = config.to_toml(Path::new("/b/pactum.db")).unwrap();
        assert!(text.starts_with("# config: /c/config.toml\n# book: /b/pactum.db\n"));
        assert!(text.contains("alarm_before = \"12h\""), "{text}");
        assert!(text.contains("osc52 = true"), "{text}");
        assert!(text.contains("reciprocity = 40"), "{text}");
        assert_eq!(
            Config::defaults()
                .to_toml(Path::new("/b"))
                .unwrap()
                .lines()
                .next(),
            Some("# config: none (the shipped defaults)")
        );
    }
}

//! Keys are data: the defaults in assets/keymap.toml, the user's config merged on top.

use super::action::Action;
use serde::Deserialize;
use std::collections::HashMap;

/// The shipped default bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Which set of bindings is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Dashboard,
    Form,
    Confirm,
    Help,
    Reader,
    Today,
    Review,
    Search,
    Conflict,
    /// A letter to a partner (the update, the plan): edit, copy, write, record.
    Letter,
    /// Editing a letter in place (no editor found): unbound keys are typed.
    LetterText,
}

/// A key with its modifiers, as written in the keymap (`"j"`, `"ctrl-d"`, `"backtab"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The keys pactum knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    /// A plain key without modifiers.
    pub fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// Parses a key name from the keymap.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let mut key = Key::plain(KeyCode::Esc);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED
                .iter()
                .find(|(name, _)| *name == rest)
                .map(|(_, code)| *code)
                .ok_or_else(|| format!("unknown key name {}", crate::domain::text::quoted(text)))?,
        };
        Ok(key)
    }

    /// The key as written in the keymap and shown in the footer.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => NAMED
                .iter()
                .find(|(_, code)| *code == other)
                .map(|(name, _)| (*name).to_string())
                .unwrap_or_default(),
        };
        let mut label = String::new();
        if self.ctrl {
            label.push_str("ctrl-");
        }
        if self.alt {
            label.push_str("alt-");
        }
        label + &base
    }
}

/// Bindings per mode, in the order they were written (the first key of an action is the one
/// hints show).
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    modes: HashMap<Mode, Vec<(Key, Action)>>,
}

#[derive(Deserialize)]
struct KeymapFile {
    #[serde(default)]
    keys: toml::Table,
}

impl Keymap {
    /// The shipped defaults.
    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        // The shipped file is tested; a failure here would be a build defect, so fall back empty.
        let _ = map.merge_toml(DEFAULT_KEYMAP);
        map
    }

    /// Merges `[keys.<mode>]` tables from TOML text on top of the current bindings.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), String> {
        let file: KeymapFile = toml::from_str(text).map_err(|e| format!("keys: {e}"))?;
        self.merge(file.keys)
    }

    /// Merges parsed `[keys]` tables; `"none"` unbinds a key.
    pub fn merge(&mut self, keys: toml::Table) -> Result<(), String> {
        for (mode_name, bindings) in keys {
            let mode = Mode::deserialize(toml::Value::String(mode_name.clone()))
                .map_err(|_| format!("unknown key mode [keys.{mode_name}]"))?;
            let toml::Value::Table(bindings) = bindings else {
                return Err(format!(
                    "[keys.{mode_name}] must be a table of key = \"action\""
                ));
            };
            let table = self.modes.entry(mode).or_default();
            for (name, action) in bindings {
                let key = Key::parse(&name)?;
                let action = Action::deserialize(action).map_err(|e| {
                    format!(
                        "[keys.{mode_name}] {}: {e}",
                        crate::domain::text::quoted(&name)
                    )
                })?;
                table.retain(|(k, _)| *k != key);
                if action != Action::None {
                    table.push((key, action));
                }
            }
        }
        Ok(())
    }

    /// The action bound to `key` in `mode`.
    pub fn action(&self, mode: Mode, key: Key) -> Option<&Action> {
        self.modes
            .get(&mode)
            .and_then(|m| m.iter().find(|(k, _)| *k == key))
            .map(|(_, a)| a)
    }

    /// Each action of `mode` with all its keys, in the order actions are declared in help.
    pub fn bindings(&self, mode: Mode) -> Vec<(Vec<String>, Action)> {
        let mut grouped: Vec<(Vec<String>, Action)> = Vec::new();
        if let Some(table) = self.modes.get(&mode) {
            for (key, action) in table {
                match grouped.iter_mut().find(|(_, a)| a == action) {
                    Some((keys, _)) => keys.push(key.label()),
                    None => grouped.push((vec![key.label()], action.clone())),
                }
            }
        }
        grouped.sort_by_key(|(_, a)| order(a));
        grouped
    }

    /// The first key bound to `action` in `mode`, for hints.
    pub fn key_for(&self, mode: Mode, action: &Action) -> Option<String> {
        self.bindings(mode)
            .into_iter()
            .find(|(_, a)| a == action)
            .and_then(|(keys, _)| keys.into_iter().next())
    }

    /// The key to name in a message for `action` in `mode`: the first one bound, or the
    /// action's own name when no key does it.
    pub fn name_of(&self, mode: Mode, action: &Action) -> String {
        self.key_for(mode, action)
            .unwrap_or_else(|| action.describe().to_string())
    }
}

fn order(action: &Action) -> usize {
    const ORDER: &[&str] = &[
        "help",
        "quit",
        "next pane",
        "previous pane",
        "down",
        "up",
        "first",
        "last",
        "page down",
        "page up",
        "add partner",
        "edit partner",
        "add commitment",
        "edit commitment",
        "log touch",
        "add problem",
        "keep",
        "miss",
        "release",
        "review: honoured",
        "review: not honoured",
        "show/hide closed",
        "end partnership",
        "undo last change",
        "load demo book",
        "save",
        "next field",
        "previous field",
        "confirm",
        "cancel",
    ];
    ORDER
        .iter()
        .position(|d| *d == action.describe())
        .unwrap_or(ORDER.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_keymap_parses() {
        let mut map = Keymap::default();
        map.merge_toml(DEFAULT_KEYMAP).unwrap();
        assert_eq!(
            map.action(Mode::Dashboard, Key::parse("j").unwrap()),
            Some(&Action::Down)
        );
        assert_eq!(
            map.action(Mode::Dashboard, Key::parse("ctrl-c").unwrap()),
            Some(&Action::Quit)
        );
    }

    #[test]
    fn user_bindings_merge_on_top_and_unbind() {
        let mut map = Keymap::defaults();
        map.merge_toml("[keys.dashboard]\n\"x\" = \"keep\"\n\"K\" = \"none\"\n")
            .unwrap();
        assert_eq!(
            map.action(Mode::Dashboard, Key::parse("x").unwrap()),
            Some(&Action::Keep)
        );
        assert_eq!(map.action(Mode::Dashboard, Key::parse("K").unwrap()), None);
        assert_eq!(
            map.action(Mode::Dashboard, Key::parse("j").unwrap()),
            Some(&Action::Down)
        );
    }

    #[test]
    fn bad_names_are_errors() {
        assert!(Key::parse("ctrl-").is_err());
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        assert!(
            Keymap::defaults()
                .merge_toml("[keys.dashboard]\n\"hyper-x\" = \"keep\"")
                .is_err()
        );
        assert!(
            Keymap::defaults()
                .merge_toml("[keys.dashboard]\n\"x\" = \"explode\"")
                .is_err()
        );
    }

    #[test]
    fn labels_round_trip() {
        for name in ["j", "ctrl-d", "backtab", "space", "alt-x", "?"] {
            assert_eq!(Key::parse(name).unwrap().label(), name);
        }
    }
}

//! The optional config file: key overrides today, health rules with their own issue.
//! Defaults ship in assets/ (keymap.toml); the user's file is merged on top.

use crate::app::Keymap;
use std::path::{Path, PathBuf};

/// Settings in force for this run.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    /// The file the settings came from, if any.
    pub source: Option<PathBuf>,
}

impl Config {
    /// Shipped defaults only.
    pub fn defaults() -> Config {
        Config {
            keymap: Keymap::defaults(),
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
        let mut config = Config::defaults();
        config
            .keymap
            .merge_toml(&text)
            .map_err(|e| format!("config {}: {e}", path.display()))?;
        config.source = Some(path);
        Ok(config)
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
}

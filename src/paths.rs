//! Where things live by default, and who is at the keyboard.

use std::env;
use std::path::PathBuf;

fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    match env::var_os(var).filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => home().join(fallback),
    }
}

fn home() -> PathBuf {
    env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `$XDG_DATA_HOME/pactum/pactum.db`, falling back to `~/.local/share/pactum/pactum.db`.
pub fn default_book() -> PathBuf {
    xdg_dir("XDG_DATA_HOME", ".local/share")
        .join("pactum")
        .join("pactum.db")
}

/// `$XDG_CONFIG_HOME/pactum/config.toml`, falling back to `~/.config/pactum/config.toml`.
pub fn default_config() -> PathBuf {
    xdg_dir("XDG_CONFIG_HOME", ".config")
        .join("pactum")
        .join("config.toml")
}

/// The OS user recorded in the event log: `SUDO_USER` before `USER` (a shared box is often
/// reached through sudo), then `LOGNAME`.
pub fn os_user() -> String {
    ["SUDO_USER", "USER", "LOGNAME"]
        .iter()
        .filter_map(|v| env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

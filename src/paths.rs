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

/// The OS user recorded in the event log and keying drafts: the login name of the real uid
/// (`getuid`), never `USER` or `LOGNAME`, which anyone can set. `SUDO_USER` names the person
/// only when the real uid is root (as under `sudo`); an uid with no account is `uid N`.
pub fn os_user() -> String {
    // SAFETY: getuid cannot fail and has no preconditions.
    let uid = unsafe { libc::getuid() };
    if uid == 0
        && let Some(person) = env::var("SUDO_USER")
            .ok()
            .filter(|v| !v.trim().is_empty() && !v.chars().any(char::is_control))
    {
        return person;
    }
    account_name(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// The login name of `uid` from the account database.
fn account_name(uid: libc::uid_t) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: getpwuid_r writes at most `buf.len()` bytes into `buf` and fills `entry`, whose
    // strings point into `buf`; both outlive every read below. `found` is null on failure.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut entry, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(entry.pw_name).to_string_lossy();
        (!name.trim().is_empty()).then(|| name.into_owned())
    }
}

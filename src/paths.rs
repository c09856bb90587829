//! Where things live by default, and who is at the keyboard.

use std::env;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

/// `$VAR` when it is an absolute path, else `~/fallback`: the XDG spec says a relative path in
/// these variables is invalid and to be ignored (it would name a different place from every
/// working directory).
fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    xdg_dir_from(env::var_os(var), home, fallback)
}

fn xdg_dir_from(
    value: Option<OsString>,
    home: impl FnOnce() -> PathBuf,
    fallback: &str,
) -> PathBuf {
    match value.map(PathBuf::from).filter(|dir| dir.is_absolute()) {
        Some(dir) => dir,
        None => home().join(fallback),
    }
}

/// `HOME`, else the home directory of the real uid's account (a service or `env -i` may run
/// without `HOME`), else the working directory.
fn home() -> PathBuf {
    home_from(env::var_os("HOME"))
}

fn home_from(value: Option<OsString>) -> PathBuf {
    value
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            // SAFETY: getuid cannot fail and has no preconditions.
            account(unsafe { libc::getuid() }).and_then(|a| a.home)
        })
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
    account(uid)
        .and_then(|a| a.name)
        .unwrap_or_else(|| format!("uid {uid}"))
}

/// What the account database says of one uid.
struct Account {
    /// The login name, when not blank.
    name: Option<String>,
    /// The home directory, when absolute.
    home: Option<PathBuf>,
}

/// The account of `uid` from the account database (`getpwuid_r`), if it has one.
fn account(uid: libc::uid_t) -> Option<Account> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: getpwuid_r writes at most `buf.len()` bytes into `buf` and fills `entry`, whose
    // strings point into `buf`; both outlive every read below. `found` is null on failure.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut entry, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc != 0 || found.is_null() {
            return None;
        }
        let text = |p: *const libc::c_char| {
            (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_bytes().to_vec())
        };
        let name = text(entry.pw_name)
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .filter(|n| !n.trim().is_empty());
        let home = text(entry.pw_dir)
            .map(|d| PathBuf::from(OsString::from_vec(d)))
            .filter(|d| d.is_absolute());
        Some(Account { name, home })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home() -> PathBuf {
        PathBuf::from("/home/someone")
    }

    #[test]
    fn a_relative_xdg_dir_is_ignored() {
        let from = |v: &str| xdg_dir_from(Some(v.into()), home, ".local/share");
        assert_eq!(from("/data"), PathBuf::from("/data"));
        for ignored in ["", "data", "./data", "../data", "~/data"] {
            assert_eq!(
                from(ignored),
                PathBuf::from("/home/someone/.local/share"),
                "{ignored}"
            );
        }
        assert_eq!(
            xdg_dir_from(None, home, ".config"),
            PathBuf::from("/home/someone/.config")
        );
    }

    #[test]
    fn without_home_the_account_database_names_it() {
        assert_eq!(home_from(Some("/h".into())), PathBuf::from("/h"));
        // SAFETY: getuid cannot fail and has no preconditions.
        let uid = unsafe { libc::getuid() };
        // This machine's passwd file, read as text: the same answer by another road.
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let listed = passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 5 && f[2] == uid.to_string()).then(|| PathBuf::from(f[5]))
        });
        if let Some(listed) = listed {
            assert_eq!(home_from(None), listed);
            assert_eq!(home_from(Some("".into())), listed);
        }
    }
}

//! Who did it comes from the real uid, not from variables anyone can set: `USER=carol` and
//! `SUDO_USER=bob` are not believed (`SUDO_USER` only under a real uid of root, as with sudo).

use std::os::unix::fs::chown;
use std::os::unix::process::CommandExt;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_pactum");
const NOBODY: u32 = 65534;

fn root() -> bool {
    // SAFETY: getuid cannot fail.
    unsafe { libc::getuid() == 0 }
}

/// Runs pactum on `book` with `env`, as `nobody` when the tests run as root (so the run is not
/// root's), else as ourselves.
fn pactum(book: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("HOME", book.parent().unwrap())
        .envs(env.iter().copied())
        .arg("--db")
        .arg(book)
        .args(["--today", "2026-11-27"])
        .args(args);
    if root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "pactum {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The login name the tests' runs have: `nobody`, or our own.
fn runner() -> String {
    if root() {
        return "nobody".into();
    }
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn user_and_sudo_user_cannot_forge_who_made_a_change() {
    let dir = tempfile::tempdir().unwrap();
    if root() {
        chown(dir.path(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let book = dir.path().join("book.db");
    pactum(&book, &[("USER", "carol")], &["partner", "add", "Acme"]);
    pactum(
        &book,
        &[("SUDO_USER", "bob"), ("USER", "carol"), ("LOGNAME", "dave")],
        &["touch", "add", "Acme", "call about the renewal"],
    );
    let log: serde_json::Value =
        serde_json::from_str(&pactum(&book, &[], &["log", "--json"])).unwrap();
    let who: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["who"].as_str().unwrap())
        .collect();
    assert_eq!(who, [runner(), runner()], "{log}");
}

#[test]
fn sudo_user_names_the_person_only_under_a_real_uid_of_root() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let out = Command::new(BIN)
            .env_clear()
            .env("HOME", dir.path())
            .envs(env.iter().copied())
            .arg("--db")
            .arg(&book)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[("SUDO_USER", "alice")], &["partner", "add", "Acme"]);
    let log: serde_json::Value = serde_json::from_str(&run(&[], &["log", "--json"])).unwrap();
    let expected = if root() {
        "alice".to_string()
    } else {
        runner()
    };
    assert_eq!(log[0]["who"], expected.as_str(), "{log}");
}

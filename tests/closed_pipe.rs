//! A reader that leaves early (`pactum export | head -1`) is a quiet, successful end, whichever
//! command was writing: exit status 0 and nothing on stderr.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const TODAY: &str = "2026-11-27";

fn pactum(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pactum"));
    cmd.arg("--db")
        .arg(db)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .env_remove("PACTUM_DB")
        .env("XDG_CONFIG_HOME", db.parent().unwrap())
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn demo_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let out = pactum(&db, &["demo"])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

/// Runs with standard output a pipe whose reading end is already closed: the first write
/// fails with a broken pipe, every time.
fn into_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    pactum(db, args).stdout(writer).output().unwrap()
}

fn assert_quiet_success(args: &[&str], out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "pactum {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "pactum {args:?}");
}

#[test]
fn every_writing_command_ends_quietly_when_the_reader_is_gone() {
    let (_dir, db) = demo_book();
    let commands: &[&[&str]] = &[
        &["export"],
        &["export", "--table", "partners"],
        &["ics"],
        &["partner", "list"],
        &["partner", "list", "--json"],
        &["today"],
        &["today", "--json"],
        &["brief", "Brightwater"],
        &["health"],
        &["render"],
        &["update", "Brightwater"],
        &["completions", "bash"],
    ];
    for args in commands {
        assert_quiet_success(args, &into_closed_pipe(&db, args));
    }
}

#[test]
fn export_read_for_one_line_then_left_exits_zero() {
    let (_dir, db) = demo_book();
    let mut child = pactum(&db, &["export"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "{");
    let out = child.wait_with_output().unwrap();
    assert_quiet_success(&["export"], &out);
}

#[test]
fn a_real_failure_still_fails_into_a_closed_pipe() {
    let (_dir, db) = demo_book();
    let out = into_closed_pipe(&db, &["brief", "nobody-by-this-name"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("pactum: "));
}

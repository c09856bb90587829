//! Files written with `--out` (export, ics): a temporary file nobody can plant or link, never
//! shared by two writers, and gone when the write fails.

mod pty;

use pty::Home;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;

fn book() -> Home {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    home.cli(&[
        "commitment",
        "add",
        "Acme",
        "Send pricing",
        "--ours",
        "--due",
        "+3d",
    ]);
    home
}

#[test]
fn a_planted_temporary_file_or_link_is_neither_written_nor_handed_the_book() {
    let home = book();
    let dir = home.root();
    // The names the old exports wrote through: another user's file, and a link to a victim.
    let planted = dir.join("out.pactum-tmp");
    fs::write(&planted, "planted").unwrap();
    fs::set_permissions(&planted, fs::Permissions::from_mode(0o666)).unwrap();
    let victim = dir.join("victim.txt");
    fs::write(&victim, "the victim's file").unwrap();
    symlink(&victim, dir.join("cal.pactum-tmp")).unwrap();

    let out = dir.join("out.json");
    home.cli(&["export", "--out", out.to_str().unwrap()]);
    let cal = dir.join("cal.ics");
    home.cli(&["ics", "--out", cal.to_str().unwrap()]);

    assert_eq!(fs::read_to_string(&planted).unwrap(), "planted");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the victim's file");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["partners"][0]["name"], "Acme");
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        fs::read_to_string(&cal)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn exports_with_one_stem_at_once_each_get_their_own_file() {
    let home = book();
    let dir = home.root();
    let run = |args: Vec<String>| {
        let mut cmd = Command::new(pty::BIN);
        cmd.env_clear()
            .envs(home.env())
            .arg("--db")
            .arg(home.db())
            .args(["--today", pty::TODAY])
            .args(args);
        cmd.spawn().unwrap()
    };
    for round in 0..8 {
        let stem = dir.join(format!("book{round}"));
        let target = |ext: &str| stem.with_extension(ext).display().to_string();
        let children = [
            run(vec!["export".into(), "--out".into(), target("json")]),
            run(["export", "--table", "partners", "--out"]
                .map(String::from)
                .into_iter()
                .chain([target("csv")])
                .collect()),
            run(vec!["ics".into(), "--out".into(), target("ics")]),
        ];
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        let read = |ext: &str| fs::read_to_string(stem.with_extension(ext)).unwrap();
        assert!(
            read("json").starts_with('{'),
            "round {round}: {}",
            read("json")
        );
        assert!(
            read("csv").starts_with("name"),
            "round {round}: {}",
            read("csv")
        );
        assert!(read("ics").starts_with("BEGIN:VCALENDAR"), "round {round}");
    }
}

#[test]
fn a_failed_export_leaves_no_temporary_file() {
    let home = book();
    let dir = home.root();
    let taken = dir.join("taken");
    fs::create_dir(&taken).unwrap();
    fs::write(taken.join("inside"), "x").unwrap();
    let before = fs::read_dir(dir).unwrap().count();
    let err = home.cli_fails(&["export", "--out", taken.to_str().unwrap()]);
    assert!(err.contains("taken"), "{err}");
    assert_eq!(
        fs::read_dir(dir).unwrap().count(),
        before,
        "nothing left beside it"
    );
}

/// Runs `pactum import …` and returns its stderr, failing the test if it runs past 10 s.
fn import_fails_quickly(home: &Home, args: &[&str]) -> String {
    let mut child = Command::new(pty::BIN)
        .env_clear()
        .envs(home.env())
        .arg("--db")
        .arg(home.db())
        .arg("import")
        .args(args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("pactum import {args:?} still running after 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "pactum import {args:?} succeeded");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn import_refuses_endless_and_oversized_files_without_reading_them() {
    let home = book();
    let err = import_fails_quickly(&home, &["/dev/zero"]);
    assert!(err.contains("a device, not a regular file"), "{err}");

    let fifo = home.root().join("x.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = import_fails_quickly(&home, &[fifo.to_str().unwrap()]);
    assert!(err.contains("a FIFO, not a regular file"), "{err}");

    let big = home.root().join("big.json");
    fs::File::create(&big)
        .unwrap()
        .set_len(2 * 1024 * 1024)
        .unwrap();
    let err = import_fails_quickly(&home, &[big.to_str().unwrap(), "--max-size", "1"]);
    assert!(
        err.contains("larger than 1 MB") && err.contains("--max-size"),
        "{err}"
    );
    let list: serde_json::Value =
        serde_json::from_str(&home.cli(&["partner", "list", "--json"]).0).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "nothing imported: {list}"
    );
}

/// Runs pactum with its stderr a pipe whose reader has gone; returns how it ended.
fn with_stderr_gone(home: &Home, args: &[&str]) -> std::process::ExitStatus {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pactum"))
        .env_clear()
        .envs(home.env())
        .arg("--db")
        .arg(home.db())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The read end closes before pactum writes its error: the write fails with EPIPE.
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), None, "pactum {args:?} died of a signal");
    status
}

#[test]
fn an_error_told_to_a_stderr_that_is_gone_still_exits_with_its_code() {
    let home = book();
    let usage = with_stderr_gone(&home, &["--no-such-option"]);
    assert_eq!(usage.code(), Some(2));
    let failure = with_stderr_gone(&home, &["partner", "show", "Nobody"]);
    assert_eq!(failure.code(), Some(1));
}

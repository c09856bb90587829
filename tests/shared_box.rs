//! A book on a shared box: busy books, team directories, permissions, backups taken while
//! others write, restores seen by other sessions, and the doctor.

use chrono::NaiveDate;
use pactum::domain::{Initiator, TouchKind};
use pactum::store::{
    BookOptions, FsKind, NewPartner, NewTouch, Store, StoreError, classify_filesystem, schema,
};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn open(path: &Path) -> Store {
    Store::open(path, "tester").unwrap()
}

fn touch(partner_id: i64, summary: &str) -> NewTouch {
    NewTouch {
        partner_id,
        on: today(),
        kind: TouchKind::Call,
        initiated_by: Initiator::Us,
        summary: summary.into(),
        bad_news: false,
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// Runs the real binary on `book` through `sh`, so a umask can be set first.
fn pactum(book: &Path, shell_prefix: &str, args: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{shell_prefix} exec \"$PACTUM\" --db \"$BOOK\" --today 2026-11-27 {args}"
        ))
        .env("PACTUM", env!("CARGO_BIN_EXE_pactum"))
        .env("BOOK", book)
        .env("USER", "alice")
        .env_remove("SUDO_USER")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_busy_book_is_a_clear_retryable_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(open(&path));
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let quick = BookOptions {
        busy_timeout: Duration::from_millis(100),
        ..BookOptions::default()
    };
    let mut store = Store::open_with(&path, "tester", &quick).unwrap();
    let err = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Busy) && err.is_retryable(),
        "{err}"
    );

    let out = pactum(&path, "PACTUM_BUSY_TIMEOUT_MS=150", "partner add Acme");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "pactum: the book is busy in another session; nothing was lost, try again\n"
    );

    holder.execute_batch("COMMIT").unwrap();
    store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
}

#[test]
fn a_team_directory_shares_every_file_with_the_group() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let book = team.join("book.db");
    // A strict umask must not make the team book private.
    let out = pactum(&book, "umask 077;", "partner add Acme");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(mode(&book), 0o660);
    assert_eq!(mode(&team.join("book.db.lock")), 0o660);
    // SQLite gives -wal and -shm the book's mode while a session has it open.
    let mut store = open(&book);
    store
        .add_partner(&NewPartner::named("Brightwater", today()))
        .unwrap();
    assert_eq!(mode(&team.join("book.db-wal")), 0o660);
    assert_eq!(mode(&team.join("book.db-shm")), 0o660);

    let doctor = pactum(&book, "", "doctor");
    assert!(doctor.status.success(), "{}", text(&doctor.stdout));
    assert!(text(&doctor.stdout).contains("(team directory)"));
}

#[test]
fn a_personal_book_is_private_despite_a_loose_umask_and_warns_when_opened_up() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mine/book.db");
    let out = pactum(&book, "umask 000;", "partner add Acme");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode(&book), 0o600);
    assert_eq!(mode(book.parent().unwrap()), 0o700);

    std::fs::set_permissions(&book, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = pactum(&book, "", "partner list");
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("readable by others (mode 0644)") && err.contains("chmod 600"),
        "{err}"
    );
}

#[test]
fn network_filesystems_are_named_and_fuse_is_only_suspected() {
    for (magic, name) in [
        (0x6969, "NFS"),
        (0x517B, "SMB"),
        (0xFF53_4D42, "CIFS"),
        (0xFE53_4D42, "SMB2"),
        (0x0102_1997, "9p"),
        (0x00C3_6400, "Ceph"),
        (0x0BD0_0BD0, "Lustre"),
    ] {
        assert_eq!(classify_filesystem(magic), FsKind::Network(name));
    }
    assert_eq!(classify_filesystem(0x6573_5546), FsKind::Fuse);
    assert_eq!(classify_filesystem(0xEF53), FsKind::Local("ext4"));
    assert!(matches!(classify_filesystem(0x1234), FsKind::Unknown(_)));
}

#[test]
fn a_backup_taken_while_others_write_is_whole_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = open(&path);
    let acme = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut other = Store::open(&path, "bob").unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                other
                    .add_touch(&touch(acme, &format!("call {n}")), today())
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(100));
    let acknowledged = store.touches(Some(acme), None, 100_000).unwrap().len() as i64;
    let file = dir.path().join("backup.db");
    let copied = store.backup_to(&file, false).unwrap();
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(acknowledged > 0 && written > acknowledged);

    assert_eq!(mode(&file), 0o600);
    assert_eq!(copied.schema_version, schema::latest());
    let copy = rusqlite::Connection::open(&file).unwrap();
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let journal: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete", "a backup is one self-contained file");
    let touches: i64 = copy
        .query_row("SELECT count(*) FROM touch", [], |r| r.get(0))
        .unwrap();
    assert!(touches >= acknowledged, "{touches} < {acknowledged}");

    let again = store.backup_to(&file, false).unwrap_err().to_string();
    assert!(again.contains("--force"), "{again}");
    store.backup_to(&file, true).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_restore_replaces_the_book_under_an_open_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut mine = open(&path);
    let mut theirs = Store::open(&path, "bob").unwrap();
    mine.add_partner(&NewPartner::named("Before", today()))
        .unwrap();
    let file = dir.path().join("backup.db");
    mine.backup_to(&file, false).unwrap();
    theirs
        .add_partner(&NewPartner::named("After", today()))
        .unwrap();
    assert_eq!(theirs.partners(true).unwrap().len(), 2);
    let seen = theirs.data_version().unwrap();

    let copied = mine.restore_from(&file).unwrap();
    assert_eq!(copied.partners, 1);
    let previous = copied.previous.unwrap();
    assert!(previous.exists());

    // The other session notices (its dashboard refreshes) and reads the restored book.
    assert_ne!(theirs.data_version().unwrap(), seen);
    let names: Vec<String> = theirs
        .partners(true)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Before"]);
    theirs
        .add_partner(&NewPartner::named("Later", today()))
        .unwrap();
    assert_eq!(mine.partners(true).unwrap().len(), 2);
    assert_eq!(mine.events(1).unwrap()[0].action, "add");
    assert!(
        mine.events(5)
            .unwrap()
            .iter()
            .any(|e| e.action == "restore" && e.who == "tester")
    );
    // The book as it was before the restore is itself a valid backup.
    let mut other = open(&dir.path().join("other.db"));
    assert_eq!(other.restore_from(&previous).unwrap().partners, 2);
}

#[test]
fn a_restore_refuses_files_that_are_not_intact_pactum_books() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = open(&path);
    store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let refuse = |store: &mut Store, file: &Path| store.restore_from(file).unwrap_err().to_string();

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a database").unwrap();
    assert!(refuse(&mut store, &notes).contains("not an SQLite database"));

    let songs = dir.path().join("songs.db");
    rusqlite::Connection::open(&songs)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT); PRAGMA user_version = 1;")
        .unwrap();
    assert!(refuse(&mut store, &songs).contains("no pactum tables"));

    let newer = dir.path().join("newer.db");
    store.backup_to(&newer, false).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(refuse(&mut store, &newer).contains("newer pactum"));

    let damaged = dir.path().join("damaged.db");
    store.backup_to(&damaged, false).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, bytes).unwrap();
    let err = refuse(&mut store, &damaged);
    assert!(
        err.contains("damaged") || err.contains("cannot read"),
        "{err}"
    );

    assert_eq!(
        store.partners(true).unwrap().len(),
        1,
        "the book is unchanged"
    );
    let kept_aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .count();
    assert_eq!(kept_aside, 0, "nothing was kept aside");
}

#[test]
fn the_doctor_reports_each_check_and_fails_on_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mine/book.db");
    assert!(pactum(&book, "", "partner add Acme").status.success());
    let out = pactum(&book, "", "doctor");
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}");
    for name in [
        "integrity",
        "foreign keys",
        "journal mode",
        "schema",
        "durability",
        "book file",
        "wal file",
        "shm file",
        "directory",
        "filesystem",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("ok") && l.contains(name)),
            "{name}: {report}"
        );
    }

    std::fs::set_permissions(&book, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = pactum(&book, "", "doctor --json");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).lines().count(), 1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let problems: Vec<&serde_json::Value> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false)
        .collect();
    assert_eq!(problems.len(), 1, "{json}");
    assert_eq!(problems[0]["name"], "book file");
    assert!(
        problems[0]["fix"]
            .as_str()
            .unwrap()
            .starts_with("chmod 600")
    );
}

#[test]
fn the_log_says_who_did_what_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    assert!(pactum(&book, "", "partner add Acme").status.success());
    assert!(
        pactum(&book, "", "partner add Brightwater")
            .status
            .success()
    );
    // USER is not believed; SUDO_USER is, under a real uid of root (as with sudo).
    let out = Command::new(env!("CARGO_BIN_EXE_pactum"))
        .args([
            "--db",
            book.to_str().unwrap(),
            "touch",
            "add",
            "Acme",
            "Called",
        ])
        .env("USER", "carol")
        .env("SUDO_USER", "dave")
        .output()
        .unwrap();
    assert!(out.status.success());
    let me = text(&Command::new("id").arg("-un").output().unwrap().stdout)
        .trim()
        .to_string();
    // SAFETY: getuid cannot fail.
    let dave = if unsafe { libc::getuid() } == 0 {
        "dave"
    } else {
        me.as_str()
    };
    let log = text(&pactum(&book, "", "log").stdout);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(
        lines[0].contains(dave) && lines[0].contains("logged call") && !log.contains("carol"),
        "{log}"
    );
    assert!(lines[2].contains(&me) && lines[2].contains("added partner Acme"));

    let json: serde_json::Value =
        serde_json::from_slice(&pactum(&book, "", "log Acme --json").stdout).unwrap();
    let who: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["who"].as_str().unwrap())
        .collect();
    assert_eq!(who, [dave, me.as_str()]);
    let show = text(&pactum(&book, "", "partner show Acme").stdout);
    assert!(
        show.contains("recent changes") && show.contains(&format!("{dave}: ")),
        "{show}"
    );
}

//! Whose files pactum writes into: a book, `-wal` or `-shm` of another user is refused outside
//! a team directory, no book is made in a directory everyone may write to, a book path that is
//! not a regular file is refused before anything is created, and the doctor's advice is never a
//! chmod of /tmp or of someone else's file. Tests run as root chown files to `nobody` to stand
//! for another user.

mod common;

use common::{pactum_on as pactum, text};
use std::os::unix::fs::{PermissionsExt, chown};
use std::path::Path;
use std::process::{Command, Output};

const NOBODY: u32 = 65534;

fn set_mode(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A directory like /tmp: world-writable with the sticky bit.
fn sticky_dir(parent: &Path) -> std::path::PathBuf {
    let dir = parent.join("public");
    std::fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o1777);
    dir
}

/// A book made privately, then moved into `dir`.
fn my_book_in(dir: &Path, private: &Path) -> std::path::PathBuf {
    let made = private.join("made.db");
    assert!(pactum(&made, &["partner", "add", "Acme"]).status.success());
    let book = dir.join("book.db");
    std::fs::rename(&made, &book).unwrap();
    book
}

#[test]
fn no_book_is_created_in_a_directory_everyone_may_write_to() {
    let tmp = tempfile::tempdir().unwrap();
    let public = sticky_dir(tmp.path());
    let book = public.join("shared.db");
    let out = pactum(&book, &["partner", "add", "Acme"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("every user may write in this directory"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&public).unwrap().count(),
        0,
        "nothing created"
    );

    // The doctor says so too, and its advice is never `chmod 700` of that directory.
    let doctor = pactum(&book, &["doctor"]);
    let report = text(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "{report}");
    assert!(!report.contains("chmod 700"), "{report}");
    assert!(report.contains("a directory of your own"), "{report}");
}

#[test]
fn another_users_book_wal_or_shm_is_refused_and_never_written() {
    if !is_root() {
        eprintln!("skipped: needs root to chown files to another user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let private = tmp.path().join("mine");
    std::fs::create_dir(&private).unwrap();
    let public = sticky_dir(tmp.path());

    // Another user pre-created the book, readable and writable by all.
    let planted = public.join("planted.db");
    std::fs::write(&planted, b"").unwrap();
    set_mode(&planted, 0o666);
    chown(&planted, Some(NOBODY), None).unwrap();
    let out = pactum(&planted, &["partner", "add", "Secret"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("belongs to another user"), "{err}");
    assert_eq!(std::fs::metadata(&planted).unwrap().len(), 0, "not written");

    // My own book in the shared directory, with another user's -wal, then -shm, beside it.
    let book = my_book_in(&public, &private);
    for suffix in ["-wal", "-shm"] {
        let file = public.join(format!("book.db{suffix}"));
        std::fs::write(&file, b"").unwrap();
        set_mode(&file, 0o666);
        chown(&file, Some(NOBODY), None).unwrap();
        let out = pactum(&book, &["partner", "add", "Secret"]);
        assert_eq!(out.status.code(), Some(1), "{suffix}");
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("-{} file belongs to another user", &suffix[1..])),
            "{err}"
        );
        assert_eq!(std::fs::metadata(&file).unwrap().len(), 0, "not written");

        // The doctor's advice is never a chmod of that file, nor of /tmp-like directories.
        let report = text(&pactum(&book, &["doctor"]).stdout);
        assert!(report.contains("not yours"), "{report}");
        assert!(!report.contains("chmod"), "{report}");
        std::fs::remove_file(&file).unwrap();
    }
    // With the planted files gone, my book in the sticky directory still opens, and its -wal
    // and -shm are mine.
    let out = pactum(&book, &["partner", "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn in_a_team_directory_members_files_are_shared() {
    if !is_root() {
        eprintln!("skipped: needs root to chown files to another user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team");
    std::fs::create_dir(&team).unwrap();
    set_mode(&team, 0o2770);
    // Before the first book: the doctor guides the set-up, and succeeds.
    let book = team.join("team.db");
    let doctor = pactum(&book, &["doctor"]);
    let report = text(&doctor.stdout);
    assert!(doctor.status.success(), "{report}{}", text(&doctor.stderr));
    assert!(report.contains("(team directory)"), "{report}");
    assert!(report.contains("creates the book here"), "{report}");

    assert!(pactum(&book, &["partner", "add", "Acme"]).status.success());
    // Made by another member: same group, another owner.
    chown(&book, Some(NOBODY), None).unwrap();
    let out = pactum(&book, &["partner", "add", "Brightwater"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn a_planted_wal_link_is_named_as_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book.db");
    assert!(pactum(&book, &["partner", "add", "Acme"]).status.success());
    let target = tmp.path().join("elsewhere");
    std::fs::write(&target, b"").unwrap();
    std::os::unix::fs::symlink(&target, tmp.path().join("book.db-wal")).unwrap();
    let out = pactum(&book, &["partner", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("-wal file is a symbolic link"), "{err}");
    assert!(!err.contains("not a pactum book"), "{err}");
    assert_eq!(std::fs::metadata(&target).unwrap().len(), 0);
}

#[test]
fn a_device_or_fifo_is_not_a_book_and_nothing_is_left_beside_it() {
    let out = pactum(Path::new("/dev/null"), &["partner", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );

    let tmp = tempfile::tempdir().unwrap();
    if is_root() {
        // A device of our own (a copy of /dev/null's numbers), so that what is left beside it
        // is seen in a directory nobody else uses.
        let device = tmp.path().join("null.db");
        let c = std::ffi::CString::new(device.to_str().unwrap()).unwrap();
        // SAFETY: mknod on a NUL-terminated path we own.
        let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
        assert_eq!(made, 0);
        let out = pactum(&device, &["partner", "add", "Acme"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains("not a regular file"));
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "nothing left"
        );
        std::fs::remove_file(&device).unwrap();
    }

    let fifo = tmp.path().join("book.db");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = pactum(&fifo, &["partner", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a regular file"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn the_default_books_directories_are_private_whatever_the_umask() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$PACTUM\" --today 2026-11-27 partner add Acme")
        .env("PACTUM", env!("CARGO_BIN_EXE_pactum"))
        .env("HOME", tmp.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("PACTUM_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    for dir in [".local", ".local/share", ".local/share/pactum"] {
        let mode = std::fs::metadata(tmp.path().join(dir))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700, "{dir}");
    }
}

/// Runs pactum as `nobody` when the tests run as root (root may write a 0444 file; nobody may
/// not), else as ourselves.
fn pactum_as_a_user(book: &Path, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pactum"));
    cmd.env_clear()
        .env("HOME", book.parent().unwrap())
        .arg("--db")
        .arg(book)
        .args(["--today", "2026-11-27"])
        .args(args);
    if is_root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    cmd.output().unwrap()
}

#[test]
fn a_read_only_shm_beside_a_writable_book_is_named_with_its_fix() {
    let tmp = tempfile::tempdir().unwrap();
    if is_root() {
        chown(tmp.path(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let book = tmp.path().join("book.db");
    let made = pactum_as_a_user(&book, &["partner", "add", "Acme"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    // A stale -shm left read-only (a copy, an archive, a chmod), the user's own.
    let shm = tmp.path().join("book.db-shm");
    std::fs::write(&shm, b"").unwrap();
    if is_root() {
        chown(&shm, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    set_mode(&shm, 0o444);

    let out = pactum_as_a_user(&book, &["partner", "add", "Beta"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "{}: the book's -shm file is read-only (mode 0444)",
            shm.display()
        )),
        "{err}"
    );
    assert!(err.contains("chmod u+w"), "{err}");
    assert!(!err.contains("readonly database"), "{err}");

    // The fix it names works.
    if shm.exists() {
        set_mode(&shm, 0o600);
    }
    let again = pactum_as_a_user(&book, &["partner", "add", "Beta"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
}

//! `pactum doctor`'s checks: each one ok, or a one-line problem with its fix.

use super::error::StoreError;
use super::place::{self, FsKind};
use super::{Store, schema};
use serde::Serialize;
use std::ffi::CStr;
use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// What was checked ("integrity", "book file", "filesystem" …).
    pub name: String,
    pub ok: bool,
    /// What was found, in one line.
    pub detail: String,
    /// For a problem: what to do about it.
    pub fix: Option<String>,
}

impl Check {
    fn ok(name: &str, detail: String) -> Check {
        Check {
            name: name.into(),
            ok: true,
            detail,
            fix: None,
        }
    }

    fn problem(name: &str, detail: String, fix: String) -> Check {
        Check {
            name: name.into(),
            ok: false,
            detail,
            fix: Some(fix),
        }
    }
}

/// Checks what can be checked without SQLite: the directory, the book and the files SQLite keeps
/// beside it (permissions and ownership), and the filesystem they are on.
pub fn check_files(book: &Path) -> Vec<Check> {
    let dir = place::directory(book);
    let me = place::me();
    let team_gid = place::is_team_dir(&dir)
        .then(|| fs::metadata(&dir).ok().map(|m| m.gid()))
        .flatten();
    let mut checks = vec![dir_check(&dir, team_gid, me)];
    let suffixed = |s: &str| {
        let mut p = book.as_os_str().to_owned();
        p.push(s);
        std::path::PathBuf::from(p)
    };
    let shared = place::open_to_others(&dir);
    checks.push(file_check("book file", book, team_gid, me, shared));
    for (name, path) in [
        ("wal file", suffixed("-wal")),
        ("shm file", suffixed("-shm")),
        ("lock file", place::lock_path(book)),
    ] {
        checks.push(file_check(name, &path, team_gid, me, shared));
    }
    // A book's directory may not exist yet: its filesystem is that of the nearest one above.
    let existing = dir
        .ancestors()
        .find(|d| d.exists())
        .unwrap_or(Path::new("."));
    checks.push(match place::fs_kind(existing) {
        Ok(kind @ FsKind::Network(_)) => Check::problem(
            "filesystem",
            format!("{kind}: WAL is unsafe on a network filesystem"),
            "move the book to a local disk (pactum backup FILE there, then --db FILE)".into(),
        ),
        Ok(FsKind::Fuse) => Check::ok(
            "filesystem",
            "FUSE: fine if local; if it is a network mount (sshfs …), move the book to a local disk".into(),
        ),
        Ok(kind) => Check::ok("filesystem", kind.to_string()),
        Err(e) => Check::problem(
            "filesystem",
            format!("cannot tell ({e})"),
            format!("check that {} is readable", dir.display()),
        ),
    });
    checks
}

fn dir_check(dir: &Path, team_gid: Option<u32>, me: u32) -> Check {
    let meta = match fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Check::ok(
                "directory",
                format!("{} not present (created 0700 with the book)", dir.display()),
            );
        }
        Err(e) => {
            return Check::problem(
                "directory",
                format!("{}: {e}", dir.display()),
                "check the path given with --db".into(),
            );
        }
    };
    let mode = meta.mode() & 0o7777;
    let shown = dir.display();
    match team_gid {
        Some(gid) => {
            let detail = format!(
                "{shown} {mode:04o} group {} (team directory)",
                group_name(gid)
            );
            if mode & 0o070 != 0o070 || mode & 0o007 != 0 {
                Check::problem(
                    "directory",
                    format!("{detail}: the group needs rwx and others nothing"),
                    format!("chmod 2770 {shown}"),
                )
            } else {
                Check::ok("directory", detail)
            }
        }
        None => {
            let detail = format!("{shown} {mode:04o} owner {}", user_name(meta.uid()));
            // Never "chmod /tmp" nor a chmod of someone else's directory: the way out is a
            // directory of one's own.
            if mode & 0o002 != 0 || meta.uid() != me {
                let why = if mode & 0o002 != 0 {
                    "every user may write here, so another could read or replace the book"
                } else {
                    "not yours, so its owner decides who reads the book"
                };
                Check::problem("directory", format!("{detail}: {why}"), elsewhere())
            } else if mode & 0o077 != 0 {
                Check::problem(
                    "directory",
                    format!("{detail}: other users can look inside"),
                    format!("chmod 700 {shown} (or set up a team directory, see the README)"),
                )
            } else {
                Check::ok("directory", detail)
            }
        }
    }
}

/// The fix for a book in a directory that is not the user's own.
fn elsewhere() -> String {
    "keep the book in a directory of your own: pactum backup ~/pactum.db, then use \
     --db ~/pactum.db (or a team directory, see the README)"
        .into()
}

fn file_check(name: &str, path: &Path, team_gid: Option<u32>, me: u32, shared: bool) -> Check {
    let shown = path.display();
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Check::ok(name, format!("{shown} not present (created when needed)"));
        }
        Err(e) => {
            return Check::problem(
                name,
                format!("{shown}: {e}"),
                "check its permissions".into(),
            );
        }
    };
    if meta.file_type().is_symlink() {
        return Check::problem(
            name,
            format!("{shown} is a symbolic link; pactum refuses to follow it"),
            format!("put the file itself at {shown} and remove the link"),
        );
    }
    let mode = meta.mode() & 0o7777;
    let detail = format!(
        "{shown} {mode:04o} owner {} group {}",
        user_name(meta.uid()),
        group_name(meta.gid())
    );
    match team_gid {
        Some(gid) if meta.gid() != gid => Check::problem(
            name,
            format!("{detail}: not the team's group {}", group_name(gid)),
            format!("chgrp {} {shown}", group_name(gid)),
        ),
        Some(_) if mode & 0o660 != 0o660 || mode & 0o007 != 0 => Check::problem(
            name,
            format!("{detail}: the team needs read and write, others nothing"),
            format!("chmod 660 {shown}"),
        ),
        // Another user's file: pactum refuses it, and never advises a chmod of it. In a
        // directory of one's own it can only come from a run under sudo; elsewhere it may have
        // been planted.
        None if meta.uid() != me => Check::problem(
            name,
            format!(
                "{detail}: not yours ({}), so pactum refuses to use it",
                user_name(me)
            ),
            if shared {
                elsewhere()
            } else {
                format!(
                    "if it was made by pactum under sudo: sudo chown {} {shown}; if not, remove it",
                    user_name(me)
                )
            },
        ),
        None if mode & 0o077 != 0 => Check::problem(
            name,
            format!("{detail}: other users can read it"),
            format!("chmod 600 {shown}"),
        ),
        _ => Check::ok(name, detail),
    }
}

impl Store {
    /// Checks the book through SQLite: integrity, foreign keys, journal mode, schema version and
    /// durability setting.
    pub fn check_book(&self) -> Vec<Check> {
        let restore = "restore the last good backup: pactum restore FILE";
        let mut checks = Vec::new();
        checks.push(match self.pragma_rows("PRAGMA integrity_check(10)") {
            Ok(rows) if rows == ["ok"] => Check::ok("integrity", "integrity_check: ok".into()),
            Ok(rows) => Check::problem(
                "integrity",
                format!("integrity_check: {}", rows.join("; ")),
                restore.into(),
            ),
            Err(e) => Check::problem("integrity", unread(&e), restore.into()),
        });
        checks.push(
            match self.pragma_rows("SELECT \"table\" FROM pragma_foreign_key_check") {
                Ok(rows) if rows.is_empty() => {
                    Check::ok("foreign keys", "foreign_key_check: ok".into())
                }
                Ok(rows) => Check::problem(
                    "foreign keys",
                    format!(
                        "{} rows point at missing records (in {})",
                        rows.len(),
                        rows.first().map_or("", String::as_str)
                    ),
                    restore.into(),
                ),
                Err(e) => Check::problem("foreign keys", unread(&e), restore.into()),
            },
        );
        checks.push(match self.pragma_rows("PRAGMA journal_mode") {
            Ok(rows) if rows == ["wal"] => Check::ok("journal mode", "wal".into()),
            Ok(rows) => Check::problem(
                "journal mode",
                format!("{} instead of wal", rows.join("")),
                "open the book with pactum on a local disk; it switches it to WAL".into(),
            ),
            Err(e) => Check::problem("journal mode", unread(&e), restore.into()),
        });
        checks.push(match self.schema_version() {
            Ok(v) if v == schema::latest() => Check::ok("schema", format!("version {v}")),
            Ok(v) => Check::problem(
                "schema",
                format!("version {v}, this pactum writes {}", schema::latest()),
                "open the book once with this pactum to migrate it".into(),
            ),
            Err(e) => Check::problem("schema", unread(&e), restore.into()),
        });
        checks.push(match self.pragma_rows("PRAGMA synchronous") {
            Ok(rows) if rows == ["2"] => Check::ok(
                "durability",
                "synchronous = FULL: every commit is on disk before it is acknowledged".into(),
            ),
            Ok(rows) => Check::problem(
                "durability",
                format!("synchronous = {}", rows.join("")),
                "report a bug: pactum sets FULL".into(),
            ),
            Err(e) => Check::problem("durability", unread(&e), restore.into()),
        });
        checks
    }

    fn pragma_rows(&self, sql: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(sql)
            .map_err(StoreError::sql("checking the book"))?;
        stmt.query_map([], |r| {
            r.get::<_, rusqlite::types::Value>(0).map(|v| match v {
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Integer(i) => i.to_string(),
                other => format!("{other:?}"),
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(StoreError::sql("checking the book"))
    }
}

/// Why a check could not be made; for a damaged book, without sending the reader back here.
fn unread(e: &StoreError) -> String {
    if e.is_damage() {
        "not checked: SQLite could not read the book (it is damaged)".into()
    } else {
        e.to_string()
    }
}

/// The login name of `uid`, or the number when it has none.
fn user_name(uid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: an all-zero passwd is a valid value (integers and null pointers).
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both ours and large enough or it fails.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
        // SAFETY: pw_name points into `buf`, NUL-terminated by getpwuid_r.
        return unsafe { CStr::from_ptr(pwd.pw_name) }
            .to_string_lossy()
            .into_owned();
    }
    uid.to_string()
}

/// The name of group `gid`, or the number when it has none.
fn group_name(gid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: an all-zero group is a valid value (integers and null pointers).
    let mut grp: libc::group = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: as in `user_name`, with getgrgid_r.
    let rc = unsafe { libc::getgrgid_r(gid, &mut grp, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() && !grp.gr_name.is_null() {
        // SAFETY: gr_name points into `buf`, NUL-terminated by getgrgid_r.
        return unsafe { CStr::from_ptr(grp.gr_name) }
            .to_string_lossy()
            .into_owned();
    }
    gid.to_string()
}

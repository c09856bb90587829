//! A damaged book: copies of a book with bytes flipped past the header, read and written. Every
//! run on a copy SQLite finds damaged fails with one line that sends the user to `doctor` and
//! `restore` (never exit 0, never "not a pactum book", never an SQL statement), no write is
//! accepted, and no copy gets worse. `PACTUM_DAMAGE_COPIES` sets how many copies (default 24).

mod common;

use common::{pactum_on as pactum, text};
use rusqlite::Connection;
use std::path::Path;

const DAMAGED: &str = "pactum: the book is damaged: run `pactum doctor`, then `pactum restore`\n";

/// `integrity_check`'s findings, or the error that stopped it.
fn integrity(book: &Path) -> Vec<String> {
    let conn = Connection::open(book).unwrap();
    let rows = conn
        .prepare("PRAGMA integrity_check(1000)")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        });
    rows.unwrap_or_else(|e| vec![format!("error: {e}")])
}

/// A small deterministic generator (no seed file, the same copies every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn damaged_copies_fail_clearly_take_no_write_and_get_no_worse() {
    let copies: usize = std::env::var("PACTUM_DAMAGE_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    assert!(pactum(&base, &["demo"]).status.success());
    let out = pactum(
        &base,
        &[
            "gen",
            "--partners",
            "20",
            "--commitments",
            "200",
            "--touches",
            "1000",
            "--force",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // One self-contained file to copy.
    let clean = dir.path().join("clean.db");
    assert!(
        pactum(&base, &["backup", clean.to_str().unwrap()])
            .status
            .success()
    );
    let bytes = std::fs::read(&clean).unwrap();

    let mut rng = Lcg(14);
    let (mut damaged, mut runs) = (0, 0);
    for n in 0..copies * 4 {
        if damaged == copies {
            break;
        }
        let mut copy = bytes.clone();
        for _ in 0..[1, 4, 16][rng.next(3) as usize] {
            let at = 100 + rng.next(copy.len() as u64 - 100) as usize;
            copy[at] ^= 1 << rng.next(8);
        }
        let book = dir.path().join(format!("copy{n}.db"));
        std::fs::write(&book, &copy).unwrap();
        let before = integrity(&book);
        if before == ["ok"] {
            continue; // a flip SQLite cannot see (inside a text, say): not damage it can report
        }
        damaged += 1;
        for args in [
            &["today"][..],
            &["partner", "list"],
            &["export"],
            &["log"],
            &["health"],
            &["touch", "add", "1", "called"],
            &["partner", "add", "Newco"],
        ] {
            let out = pactum(&book, args);
            runs += 1;
            assert_eq!(out.status.code(), Some(1), "copy{n} {args:?}");
            assert_eq!(text(&out.stderr), DAMAGED, "copy{n} {args:?}");
        }
        let after = integrity(&book);
        assert!(
            after.iter().all(|l| before.contains(l)),
            "copy{n} got worse:\n{before:?}\n{after:?}"
        );
        // The way out works: the doctor names the damage, and a restore mends it.
        let doctor = pactum(&book, &["doctor"]);
        assert_eq!(doctor.status.code(), Some(1));
        assert!(text(&doctor.stdout).contains("PROBLEM  integrity"));
        let restore = pactum(&book, &["restore", clean.to_str().unwrap()]);
        assert!(restore.status.success(), "{}", text(&restore.stderr));
        assert!(pactum(&book, &["partner", "list"]).status.success());
    }
    assert_eq!(damaged, copies, "not enough damaged copies");
    println!("{damaged} damaged copies, {runs} runs: every one failed with the damaged line");
}

#[test]
fn a_damaged_schema_is_one_line_without_sql() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    assert!(pactum(&book, &["partner", "add", "Acme"]).status.success());
    {
        let conn = Connection::open(&book).unwrap();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, 'stage', 'stagf') WHERE name = 'partner';",
        )
        .unwrap();
    }
    for args in [&["partner", "list"][..], &["partner", "add", "Other"]] {
        let out = pactum(&book, args);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stderr), DAMAGED, "{args:?}");
    }
}

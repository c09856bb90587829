//! The real binary refuses a command that would rewrite history or record a day out of order,
//! with one line naming what is wrong, and leaves the book exactly as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-27";

struct Book {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Book {
    /// A book with partner Acme, an ongoing item of each side (1, 2), a dated item (3) and a
    /// kept one (4).
    fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        let book = Book { dir, db };
        book.ok(&[
            "partner",
            "add",
            "Acme",
            "--stage",
            "signed",
            "--signed-on",
            "-60d",
        ]);
        let add = |title: &str, extra: &[&str]| {
            let mut args = vec!["commitment", "add", "Acme", title, "--made-on", "-60d"];
            args.extend_from_slice(extra);
            book.ok(&args);
        };
        add("Regular care", &["--ours", "--ongoing"]);
        add("Honest feedback", &["--theirs", "--ongoing"]);
        add("Send pricing", &["--ours", "--due", "-5d"]);
        add("Intro to CFO", &["--theirs", "--due", "-20d"]);
        book.ok(&["commitment", "keep", "4", "--on", "-20d"]);
        book
    }

    fn run(&self, args: &[&str]) -> (String, String, i32) {
        let out = Command::new(env!("CARGO_BIN_EXE_pactum"))
            .arg("--db")
            .arg(&self.db)
            .args(["--today", TODAY])
            .args(args)
            .env_remove("PACTUM_DB")
            .env_remove("PACTUM_TODAY")
            .env("XDG_CONFIG_HOME", self.dir.path())
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (out, err, code) = self.run(args);
        assert_eq!(code, 0, "pactum {args:?} failed: {err}");
        out
    }

    /// Every row of the book, as JSON: equal snapshots = an unchanged book.
    fn snapshot(&self) -> String {
        [
            self.ok(&["export", "--events"]),
            self.ok(&["commitment", "list", "--json"]),
        ]
        .join("\n")
        .lines()
        .filter(|l| !l.contains("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
    }

    /// Runs a command that must be refused with exit 1 and one line on stderr containing
    /// `says`, and checks the book is unchanged.
    fn refused(&self, args: &[&str], says: &str) {
        let before = self.snapshot();
        let (out, err, code) = self.run(args);
        assert_eq!(
            code, 1,
            "pactum {args:?} should fail; out: {out} err: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(says),
            "pactum {args:?}: {err:?} lacks {says:?}"
        );
        assert_eq!(self.snapshot(), before, "pactum {args:?} changed the book");
    }
}

#[test]
fn a_review_of_several_ids_is_all_or_nothing() {
    let book = Book::new();
    book.refused(
        &["review", "1", "2", "3", "--honoured"],
        "commitment 3 (\"Send pricing\") is dated",
    );
    book.refused(
        &["review", "1", "2", "11", "--honoured"],
        "no commitment with id 11",
    );
    book.refused(
        &["review", "1", "1", "1", "--honoured"],
        "commitment 1 is named twice",
    );
    book.refused(
        &["review", "1", "--honoured", "--on", "+1d"],
        "review day 2026-11-28 is after today (2026-11-27)",
    );
    let out = book.ok(&["review", "1", "2", "--not-honoured"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("Regular care") && out.contains("Honest feedback"),
        "{out}"
    );
}

#[test]
fn a_closed_commitment_cannot_be_closed_again() {
    let book = Book::new();
    for verb in ["keep", "miss", "release"] {
        book.refused(
            &["commitment", verb, "4"],
            "commitment 4 is already kept (on 2026-11-07): nothing changed",
        );
    }
    book.ok(&["commitment", "release", "3"]);
    book.refused(
        &["commitment", "keep", "3"],
        "commitment 3 is already released",
    );
}

#[test]
fn a_problem_has_one_brave_conversation() {
    let book = Book::new();
    book.ok(&[
        "problem",
        "add",
        "Acme",
        "Late delivery",
        "--severity",
        "2",
        "--reaction",
        "5",
        "--on",
        "-10d",
    ]);
    book.refused(
        &["problem", "brave", "1", "--on", "-11d", "--note", "x"],
        "brave conversation day 2026-11-16 is before the problem day 2026-11-17",
    );
    book.ok(&["problem", "brave", "1", "--on", "-3d", "--note", "talked"]);
    book.refused(
        &["problem", "brave", "1", "--note", "again"],
        "problem 1: the brave conversation is already recorded (on 2026-11-24)",
    );
}

#[test]
fn days_out_of_order_or_after_today_are_refused() {
    let book = Book::new();
    book.refused(
        &["commitment", "keep", "3", "--on", "2020-01-01"],
        "closing day 2020-01-01 is before the made day 2026-09-28",
    );
    book.refused(
        &["commitment", "keep", "3", "--on", "+30d"],
        "closing day 2026-12-27 is after today (2026-11-27)",
    );
    book.refused(
        &[
            "commitment",
            "add",
            "Acme",
            "x",
            "--ours",
            "--due",
            "2020-01-01",
            "--made-on",
            "2026-01-01",
        ],
        "due day 2020-01-01 is before the made day 2026-01-01",
    );
    book.refused(
        &[
            "commitment",
            "add",
            "Acme",
            "x",
            "--ours",
            "--made-on",
            "+100d",
        ],
        "made day 2027-03-07 is after today (2026-11-27)",
    );
    book.refused(
        &["touch", "add", "Acme", "x", "--on", "+100d"],
        "touch day 2027-03-07 is after today (2026-11-27)",
    );
    book.refused(
        &[
            "problem",
            "add",
            "Acme",
            "x",
            "--severity",
            "2",
            "--reaction",
            "2",
            "--on",
            "+5w",
        ],
        "problem day 2027-01-01 is after today (2026-11-27)",
    );
    // On the day itself, and due after today, are fine.
    book.ok(&["commitment", "keep", "3", "--on", "-60d"]);
    book.ok(&["touch", "add", "Acme", "x", "--on", "today"]);
    book.ok(&["commitment", "add", "Acme", "x", "--ours", "--due", "+30d"]);
}

#[test]
fn an_import_with_a_day_out_of_order_names_file_line_and_field() {
    let book = Book::new();
    let csv = book.dir.path().join("touches.csv");
    std::fs::write(
        &csv,
        "partner,on,kind,initiated_by,summary\nAcme,2026-11-01,call,us,ok\nAcme,2027-01-05,call,us,later\n",
    )
    .unwrap();
    book.refused(
        &["import", csv.to_str().unwrap()],
        "touches.csv line 3, field on: touch day 2027-01-05 is after today (2026-11-27)",
    );
    let export = book.ok(&["export"]);
    let json = book.dir.path().join("book.json");
    std::fs::write(
        &json,
        export.replacen(
            "\"closed_on\": \"2026-11-07\"",
            "\"closed_on\": \"2020-01-01\"",
            1,
        ),
    )
    .unwrap();
    book.refused(
        &["import", json.to_str().unwrap()],
        "record partners[0].commitments[3], field closed_on: closing day 2020-01-01 is before the made day 2026-09-28",
    );
}

#[test]
fn a_restore_keeps_each_earlier_book_and_refuses_the_book_itself() {
    let book = Book::new();
    let db = book.db.to_str().unwrap().to_string();
    book.refused(
        &["restore", &db],
        "the backup to restore cannot be the book itself",
    );
    let backup = book.dir.path().join("backup.db");
    book.ok(&["backup", backup.to_str().unwrap()]);
    let kept = |out: &str| -> PathBuf {
        let at = out.find("the book as it was is in ").unwrap();
        PathBuf::from(out[at + 25..].trim())
    };
    let first = kept(&book.ok(&["restore", backup.to_str().unwrap()]));
    let second = kept(&book.ok(&["restore", backup.to_str().unwrap()]));
    assert_ne!(first, second);
    assert!(is_book(&first) && is_book(&second));
}

fn is_book(path: &Path) -> bool {
    path.is_file() && path.to_string_lossy().contains("book.db.before-restore-")
}

#[test]
fn a_day_beyond_the_kept_range_is_refused_and_never_reaches_the_calendar() {
    let book = Book::new();
    let range = "is out of range: pactum keeps days from 1900-01-01 to 9999-12-31";
    book.refused(
        &[
            "commitment",
            "add",
            "Acme",
            "x",
            "--ours",
            "--due",
            "+1000000w",
        ],
        &format!("date \"+1000000w\" (+21192-04-03) {range}"),
    );
    book.refused(
        &["commitment", "redate", "3", "--due", "+1000000w"],
        "(+21192-04-03) is out of range",
    );
    book.refused(
        &["touch", "add", "Acme", "x", "--on", "1066-10-14"],
        &format!("date \"1066-10-14\" {range}"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_pactum"))
        .arg("--db")
        .arg(&book.db)
        .args(["--today", "+1000000w", "today"])
        .env_remove("PACTUM_TODAY")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(range), "{err}");
    // A file cannot bring one in either.
    let export = book.ok(&["export"]);
    let json = book.dir.path().join("far.json");
    std::fs::write(
        &json,
        export.replacen(
            "\"due_on\": \"2026-11-22\"",
            "\"due_on\": \"+21192-04-09\"",
            1,
        ),
    )
    .unwrap();
    book.refused(&["import", json.to_str().unwrap()], range);
    let csv = book.dir.path().join("far.csv");
    std::fs::write(
        &csv,
        "partner,side,title,made_on,due_on\nAcme,ours,far,2026-11-01,9999-12-31\nAcme,ours,x,1899-12-31,\n",
    )
    .unwrap();
    book.refused(
        &["import", csv.to_str().unwrap()],
        "far.csv line 3, field made_on: date 1899-12-31 is out of range",
    );
    // The last day kept is written to the calendar with four digits, like any other.
    book.ok(&[
        "commitment",
        "add",
        "Acme",
        "far",
        "--ours",
        "--due",
        "9999-12-31",
    ]);
    let ics = book.ok(&["ics"]);
    assert!(ics.contains("DUE;VALUE=DATE:99991231"), "{ics}");
    assert!(!ics.contains(":+"), "{ics}");
}

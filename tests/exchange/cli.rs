//! The real binary: export → new empty book → import → export gives the same document; a bad
//! file is one sentence on stderr, exit 1, and the book unchanged.

use super::support::{dump, fixture};
use std::path::Path;
use std::process::{Command, Output};

fn pactum(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pactum"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-27"])
        .args(args)
        .env_remove("PACTUM_DB")
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn without_stamp(text: &str) -> String {
    text.lines()
        .filter(|l| !l.contains("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn leave_with_everything_and_come_back_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let file = dir.path().join("book.json");
    ok(&pactum(&a, &["demo"]));
    ok(&pactum(&a, &["export", "--out", file.to_str().unwrap()]));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let report = ok(&pactum(&b, &["import", file.to_str().unwrap()]));
    assert!(report.starts_with("imported "), "{report}");
    let first = std::fs::read_to_string(&file).unwrap();
    let second = ok(&pactum(&b, &["export"]));
    assert_eq!(without_stamp(&first), without_stamp(&second));

    let before = dump(&b);
    let dry = ok(&pactum(
        &b,
        &["import", file.to_str().unwrap(), "--dry-run"],
    ));
    assert!(
        dry.contains("nothing was written") && dry.contains("matched"),
        "{dry}"
    );
    assert_eq!(dump(&b), before);
}

#[test]
fn a_bad_line_is_one_sentence_and_the_book_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    ok(&pactum(&db, &["demo"]));
    let before = dump(&db);
    let bad = fixture("commitments-bad-line.csv");
    let out = pactum(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.ends_with("line 3, field due_on: malformed date \"2026-13-01\": use YYYY-MM-DD; nothing was imported\n"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(out.stdout.is_empty());
    assert_eq!(dump(&db), before);
}

#[test]
fn csv_export_needs_a_table_and_ics_writes_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    ok(&pactum(&db, &["demo"]));
    let out = pactum(&db, &["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    let csv = ok(&pactum(&db, &["export", "--table", "touches"]));
    assert!(csv.starts_with("partner,on,kind,initiated_by,summary,bad_news\r\n"));
    let ics = ok(&pactum(&db, &["ics"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let vcf = fixture("address-book-4.0.vcf");
    let report = ok(&pactum(&db, &["import", vcf.to_str().unwrap()]));
    assert!(report.contains("contacts"), "{report}");
}

#[test]
fn tags_with_semicolons_survive_a_csv_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let tags = ["eu;retail", "back\\slash", "plain", "=sum;"];
    let mut args = vec!["partner", "add", "Acme"];
    for t in tags {
        args.extend(["--tag", t]);
    }
    ok(&pactum(&db, &args));
    let csv = dir.path().join("partners.csv");
    ok(&pactum(
        &db,
        &[
            "export",
            "--table",
            "partners",
            "--out",
            csv.to_str().unwrap(),
        ],
    ));
    let other = dir.path().join("other.db");
    ok(&pactum(&other, &["import", csv.to_str().unwrap()]));
    let shown = ok(&pactum(&other, &["partner", "show", "Acme", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let mut back: Vec<&str> = json["partner"]["tags"]
        .as_array()
        .unwrap_or_else(|| panic!("no tags in {shown}"))
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    back.sort_unstable();
    let mut want = tags.to_vec();
    want.sort_unstable();
    assert_eq!(back, want, "{}", std::fs::read_to_string(&csv).unwrap());
}

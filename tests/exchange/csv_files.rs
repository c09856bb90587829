//! CSV: formula cells made inert, headers recognised, unknown columns reported, lines named.

use super::common::book;
use super::support::{defaults, dump, fixture, import};
use pactum::domain::{Origin, Side, Status};
use pactum::exchange::csv::{Table, export, import as read_csv};
use pactum::exchange::{Book, CommitmentRecord, PartnerRecord};

fn risky_book() -> Book {
    let today = super::common::today();
    let mut p = PartnerRecord::prospect("=cmd|' /C calc'!A0", today, "tester");
    p.desired_outcome = "+1 more customer".into();
    p.commitments.push(CommitmentRecord {
        side: Side::Theirs,
        title: "@SUM(1+1)".into(),
        detail: "-2 days, then\ta tab".into(),
        made_on: today,
        due_on: None,
        ongoing: false,
        origin: Origin::Later,
        status: Status::Open,
        closed_on: None,
        owner: "\tnobody".into(),
        reviews: Vec::new(),
    });
    Book::new(vec![p])
}

#[test]
fn formula_cells_are_inert_in_every_table() {
    let book = risky_book();
    for table in [Table::Partners, Table::Commitments] {
        let text = export(&book, table, &mut || {});
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        for row in reader.records() {
            for cell in row.unwrap().iter() {
                let first = cell.chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "{table}: live formula cell {cell:?}"
                );
            }
        }
        assert!(text.contains("'=cmd"), "{text}");
    }
}

#[test]
fn inert_cells_come_back_exactly_on_import() {
    let book = risky_book();
    let text = export(&book, Table::Commitments, &mut || {});
    let (back, notes) = read_csv(&text, &defaults()).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back.partners[0].name, book.partners[0].name);
    assert_eq!(back.partners[0].commitments, book.partners[0].commitments);
}

#[test]
fn partners_csv_with_contacts_and_an_unknown_column() {
    let text = std::fs::read_to_string(fixture("partners.csv")).unwrap();
    let (doc, notes) = read_csv(&text, &defaults()).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("\"Favourite colour\""), "{notes:?}");
    assert_eq!(doc.partners.len(), 2);
    assert_eq!(doc.partners[0].name, "=HYPERLINK(\"http://evil.example\")");
    let acme = &doc.partners[1];
    assert_eq!(acme.stage, pactum::domain::Stage::Signed);
    assert_eq!(acme.update_every_days, 30);
    assert_eq!(acme.tags, ["retail", "uk"]);
    assert_eq!(acme.contacts.len(), 2);
    assert_eq!(acme.contacts[1].phone, "-12");
    let (_d, mut store) = book(false);
    let report = import(&mut store, &doc, false);
    assert_eq!(report.partners.added, 2);
    assert_eq!(report.contacts.added, 2);
    let again = import(&mut store, &doc, false);
    assert_eq!(again.added(), 0, "{again}");
}

#[test]
fn a_commitments_header_is_recognised_in_any_spelling() {
    let text = "Partner,Side,Title,Due On\r\nAcme,theirs,Intro to their CFO,2026-12-01\r\n";
    let (doc, notes) = read_csv(text, &defaults()).unwrap();
    assert!(notes.is_empty());
    let c = &doc.partners[0].commitments[0];
    assert_eq!(
        (c.side, c.title.as_str()),
        (Side::Theirs, "Intro to their CFO")
    );
    assert_eq!(c.due_on.unwrap().to_string(), "2026-12-01");
}

#[test]
fn a_header_pactum_does_not_know_is_refused() {
    let err = read_csv("foo,bar\n1,2\n", &defaults())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("the file line 1: the header is not one pactum knows"),
        "{err}"
    );
}

#[test]
fn a_bad_line_in_the_middle_names_line_and_field_and_writes_nothing() {
    let (dir, mut store) = book(true);
    let before = dump(&dir.path().join("book.db"));
    let text = std::fs::read_to_string(fixture("commitments-bad-line.csv")).unwrap();
    let err = read_csv(&text, &defaults())
        .unwrap_err()
        .in_file("commitments-bad-line.csv")
        .to_string();
    assert_eq!(
        err,
        "commitments-bad-line.csv line 3, field due_on: malformed date \"2026-13-01\": use YYYY-MM-DD"
    );
    let _ = &mut store;
    assert_eq!(dump(&dir.path().join("book.db")), before);
}

#[test]
fn demo_tables_export_and_import_back() {
    let (_a, demo) = book(true);
    let whole = demo.export_book(false).unwrap();
    for table in [Table::Partners, Table::Commitments, Table::Touches] {
        let text = export(&whole, table, &mut || {});
        assert!(text.ends_with("\r\n"));
        let (doc, notes) = read_csv(&text, &defaults()).unwrap();
        assert!(notes.is_empty(), "{table}: {notes:?}");
        let (_b, mut empty) = book(false);
        let report = import(&mut empty, &doc, false);
        assert_eq!(
            report.partners.added,
            whole.partners.len() - missing(&whole, table)
        );
    }
}

/// Partners a table does not mention (no commitments, or no touches).
fn missing(book: &Book, table: Table) -> usize {
    book.partners
        .iter()
        .filter(|p| match table {
            Table::Partners => false,
            Table::Commitments => p.commitments.is_empty(),
            Table::Touches => p.touches.is_empty(),
        })
        .count()
}

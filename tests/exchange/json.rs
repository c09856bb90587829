//! The pactum/1 document: round trip, merge without duplicates, dry run, all or nothing.

use super::common::{book, today};
use super::support::{dump, export_text, import};
use pactum::domain::{Side, Status};
use pactum::exchange::json::{from_json, to_json};
use pactum::exchange::{CommitmentRecord, Counts, PartnerRecord};

#[test]
fn demo_book_round_trips_byte_for_byte() {
    let (_a, demo) = book(true);
    let first = export_text(&demo);
    assert!(first.contains("\"format\": \"pactum/1\""));
    let doc = from_json(&first, today()).unwrap();
    let (_b, mut empty) = book(false);
    let report = import(&mut empty, &doc, false);
    assert_eq!(report.partners.added, doc.partners.len());
    assert_eq!(report.partners.matched, 0);
    assert_eq!(export_text(&empty), first);
}

#[test]
fn a_generated_book_round_trips_byte_for_byte() {
    let (_a, mut generated) = book(false);
    let spec = pactum::store::GenSpec {
        partners: 60,
        commitments: 900,
        touches: 4_000,
        seed: 7,
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    generated.generate(spec, today, false).unwrap();
    let first = export_text(&generated);
    let doc = from_json(&first, today).unwrap();
    let (_b, mut empty) = book(false);
    let report = import(&mut empty, &doc, false);
    assert_eq!(report.partners.added, 60);
    assert_eq!(export_text(&empty), first);
    // The work of the triggers an import sets aside is done: each commitment's last review
    // day, so the agendas of the two books are the same.
    let rules = pactum::domain::health::Rules::default();
    let agenda = |store: &mut pactum::store::Store| {
        let a = pactum::runtime::agenda(store, today, &rules, None).unwrap();
        // Ids differ between the books, and they break ties of the same day: compare sets.
        let texts = |s: &pactum::domain::agenda::Section| {
            let mut texts: Vec<String> = s.items.iter().map(|i| i.text.clone()).collect();
            texts.sort();
            texts
        };
        a.sections
            .iter()
            .map(|s| (s.kind, texts(s)))
            .collect::<Vec<_>>()
    };
    let theirs = agenda(&mut generated);
    assert!(theirs.iter().any(|(_, items)| !items.is_empty()));
    assert_eq!(agenda(&mut empty), theirs);
}

#[test]
fn an_import_drops_the_dashboard_lines_of_the_partners_it_adds_to() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let rules = pactum::domain::health::Rules::default();
    let (_a, mut store) = book(true);
    let lines = pactum::runtime::dashboard_rows(&mut store, today, &rules).unwrap();
    let mut doc = store.export_book(false).unwrap();
    let first = &mut doc.partners[0];
    let before = lines
        .iter()
        .find(|r| r.name == first.name)
        .unwrap()
        .facts
        .ours
        .open;
    first.commitments.push(CommitmentRecord {
        side: Side::Ours,
        title: "A promise made elsewhere".into(),
        due_on: Some(pactum::domain::dates::shift(today, 3)),
        ongoing: false,
        status: Status::Open,
        closed_on: None,
        reviews: Vec::new(),
        ..first.commitments[0].clone()
    });
    let report = import(&mut store, &doc, false);
    assert_eq!(report.commitments.added, 1);
    let name = doc.partners[0].name.clone();
    let lines = pactum::runtime::dashboard_rows(&mut store, today, &rules).unwrap();
    let after = lines.iter().find(|r| r.name == name).unwrap();
    assert_eq!(after.facts.ours.open, before + 1);
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let (_a, mut store) = book(true);
    let doc = store.export_book(false).unwrap();
    let before = export_text(&store);
    let report = import(&mut store, &doc, false);
    assert_eq!(report.added(), 0, "{report}");
    assert_eq!(report.partners.matched, doc.partners.len());
    let commitments: usize = doc.partners.iter().map(|p| p.commitments.len()).sum();
    assert_eq!(report.commitments.matched, commitments);
    assert_eq!(export_text(&store), before);
}

#[test]
fn merge_matches_partners_by_name_ignoring_case_and_adds_only_what_is_new() {
    let (_a, mut store) = book(true);
    let mut doc = store.export_book(false).unwrap();
    let mut northwind = doc.partners.remove(
        doc.partners
            .iter()
            .position(|p| p.name == "Northwind Logistics")
            .unwrap(),
    );
    northwind.name = "NORTHWIND LOGISTICS".into();
    let mut new_item: CommitmentRecord = northwind.commitments[0].clone();
    new_item.title = "Share the 2027 roadmap".into();
    new_item.side = Side::Ours;
    new_item.ongoing = false;
    new_item.status = Status::Open;
    new_item.closed_on = None;
    new_item.due_on = Some(super::common::today());
    new_item.reviews.clear();
    northwind.commitments.push(new_item);
    let newcomer = PartnerRecord::prospect("Zephyr Labs", super::common::today(), "tester");
    doc.partners = vec![northwind.clone(), newcomer];

    let report = import(&mut store, &doc, false);
    assert_eq!(
        report.partners,
        Counts {
            added: 1,
            matched: 1,
            skipped: 0
        }
    );
    assert_eq!(
        report.commitments,
        Counts {
            added: 1,
            matched: northwind.commitments.len() - 1,
            skipped: 0
        }
    );
    assert_eq!(report.touches.added, 0);
    assert_eq!(report.contacts.added, 0);
    let names: Vec<String> = store
        .partners(true)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        names.contains(&"Northwind Logistics".to_string()),
        "the book's name is kept"
    );
    assert!(!names.contains(&"NORTHWIND LOGISTICS".to_string()));
    assert!(names.contains(&"Zephyr Labs".to_string()));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let (_a, demo) = book(true);
    let doc = demo.export_book(false).unwrap();
    let (dir, mut empty) = book(false);
    let path = dir.path().join("book.db");
    let before = dump(&path);
    let report = import(&mut empty, &doc, true);
    assert!(report.dry_run);
    assert_eq!(report.partners.added, doc.partners.len());
    assert!(
        report
            .to_string()
            .starts_with("dry run of test.json: nothing was written")
    );
    assert_eq!(dump(&path), before);
}

#[test]
fn a_record_the_book_refuses_rolls_back_everything() {
    let (dir, mut store) = book(true);
    let path = dir.path().join("book.db");
    let mut doc = store.export_book(false).unwrap();
    for p in &mut doc.partners {
        p.name = format!("{} II", p.name);
    }
    // Unchecked on purpose: the store's constraints must still keep the book whole.
    let last = doc.partners.len() - 1;
    doc.partners[last]
        .problems
        .push(pactum::exchange::ProblemRecord {
            opened_on: super::common::today(),
            summary: "impossible".into(),
            severity: 9,
            reaction: 1,
            brave_conversation_on: None,
            brave_note: String::new(),
            resolved_on: None,
        });
    let before = dump(&path);
    let err = store
        .import_book(&doc, "bad.json", false, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.json") && err.contains("II"), "{err}");
    assert_eq!(dump(&path), before);
}

#[test]
fn errors_name_the_record_and_field() {
    let (_a, demo) = book(true);
    let mut doc = demo.export_book(false).unwrap();
    doc.partners[1].commitments[0].title = "   ".into();
    let err = from_json(&to_json(&doc), today())
        .unwrap_err()
        .in_file("x.json")
        .to_string();
    assert_eq!(
        err,
        "x.json record partners[1].commitments[0], field title: title must not be empty"
    );
    let text = to_json(&demo.export_book(false).unwrap()).replacen(
        "\"kind\": \"call\"",
        "\"kind\": \"fax\"",
        1,
    );
    let err = from_json(&text, today()).unwrap_err().to_string();
    assert!(err.contains("field kind: unknown variant `fax`"), "{err}");
    assert!(err.contains(" line "), "{err}");
}

#[test]
fn events_are_exported_on_request_and_not_imported() {
    let (_a, demo) = book(true);
    let doc = demo.export_book(true).unwrap();
    let events = doc.events.as_ref().unwrap();
    assert!(events.iter().any(|e| e.action == "demo"));
    let (_b, mut empty) = book(false);
    let report = import(
        &mut empty,
        &from_json(&to_json(&doc), today()).unwrap(),
        false,
    );
    assert_eq!(report.events.skipped, events.len());
    let log = empty.events(10).unwrap();
    assert_eq!(log.len(), 1, "only the import itself is logged");
    assert_eq!(log[0].action, "import");
}

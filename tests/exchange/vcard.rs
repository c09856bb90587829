//! vCard fixtures written by hand: folded lines, quoted-printable, several TEL and EMAIL, ORG,
//! TITLE, N without FN, 4.0 URIs and PREF, and BEGIN/END nesting errors.

use super::common::book;
use super::support::{defaults, dump, fixture, import};
use pactum::exchange::vcard::{parse, to_book};

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

#[test]
fn vcard_3_quirks() {
    let cards = parse(&read("address-book-3.0.vcf")).unwrap();
    assert_eq!(cards.len(), 5);
    let helen = &cards[0];
    assert_eq!(helen.org, "Northwind Logistics");
    assert_eq!(helen.emails.len(), 2);
    assert_eq!(helen.phones.len(), 3);
    assert_eq!(
        helen.note,
        "Prefers calls before 10am, never on Fridays.\nAsk about the Bristol depot."
    );
    assert_eq!(cards[1].full_name, "Amélie Dubois");
    assert_eq!(cards[1].org, "Café Lumière Distribution");
    assert_eq!(cards[1].name_parts[1], "Amélie");
    assert_eq!(cards[2].display_name(), "Chidi Okafor", "N without FN");

    let (doc, notes, skipped) = to_book(&cards, &defaults()).unwrap();
    assert_eq!(skipped, 2, "{notes:?}");
    assert!(notes[0].contains("\"Grandma\" has no ORG"), "{notes:?}");
    assert!(notes[1].contains("repeats the card at line 1"), "{notes:?}");
    let names: Vec<&str> = doc.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Northwind Logistics",
            "Café Lumière Distribution",
            "Brightwater Retail Group"
        ]
    );
    let c = &doc.partners[0].contacts[0];
    assert_eq!(c.role, "Head of Operations");
    assert_eq!(c.phone, "+44 7700 900123", "the preferred phone");
    assert_eq!(c.email, "helen.marsh@northwind.example", "the first email");
    assert!(
        c.note
            .contains("other phones: +44 113 496 0000 (work); +44 113 496 0999 (home)"),
        "{}",
        c.note
    );
    assert!(
        c.note
            .contains("other emails: helen@marsh-family.example (home)"),
        "{}",
        c.note
    );
    assert_eq!(
        doc.partners[2].contacts[0].role, "Buyer",
        "ROLE when there is no TITLE"
    );
}

#[test]
fn vcard_4_pref_and_uris() {
    let cards = parse(&read("address-book-4.0.vcf")).unwrap();
    let (doc, _, skipped) = to_book(&cards, &defaults()).unwrap();
    assert_eq!(skipped, 0);
    let raj = &doc.partners[0].contacts[0];
    assert_eq!(raj.role, "Integration Lead, IT");
    assert_eq!(raj.email, "raj.patel@northwind.example");
    assert_eq!(raj.phone, "+44-113-496-0101");
    assert!(raj.note.contains("+44-7700-900456 (cell)"), "{}", raj.note);
}

#[test]
fn contacts_match_existing_ones_by_email_then_name_and_orgs_become_prospects() {
    let (_d, mut store) = book(true);
    let cards = parse(&read("address-book-3.0.vcf")).unwrap();
    let (doc, _, _) = to_book(&cards, &defaults()).unwrap();
    let first = import(&mut store, &doc, false);
    // Northwind and Brightwater are in the demo; the café is a new prospect.
    assert_eq!((first.partners.added, first.partners.matched), (1, 2));
    let new = store.resolve_partner("Café Lumière Distribution").unwrap();
    assert_eq!(
        store.partner(new).unwrap().stage,
        pactum::domain::Stage::Prospect
    );
    // Same people again, one renamed but with the same email, one by name only.
    let again = import(&mut store, &doc, false);
    assert_eq!(again.contacts.added, 0, "{again}");
    assert_eq!(again.contacts.matched, 3);
}

#[test]
fn nesting_errors_name_the_line() {
    let (dir, _store) = book(true);
    let before = dump(&dir.path().join("book.db"));
    let err = parse(&read("nesting-error.vcf"))
        .unwrap_err()
        .in_file("nesting-error.vcf")
        .to_string();
    assert_eq!(
        err,
        "nesting-error.vcf line 10, field BEGIN: BEGIN:VCARD inside the card begun at line 6: its END:VCARD is missing"
    );
    assert_eq!(dump(&dir.path().join("book.db")), before);
}

#[test]
fn other_structure_errors() {
    let cases = [
        (
            "END:VCARD\r\n",
            "line 1, field END: END without a BEGIN:VCARD before it",
        ),
        (
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n",
            "line 1, field END: the card begun here has no END:VCARD",
        ),
        (
            "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n",
            "line 1, field VERSION: the card has no VERSION",
        ),
        (
            "BEGIN:VCARD\r\nVERSION:5.0\r\nEND:VCARD\r\n",
            "line 2, field VERSION: vCard version \"5.0\"",
        ),
        ("FN:A\r\n", "line 1, field FN: property outside a card"),
        (
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ\r\nEND:VCARD\r\n",
            "line 3, field FN: malformed quoted-printable",
        ),
    ];
    for (text, want) in cases {
        let err = parse(text).unwrap_err().to_string();
        assert!(err.contains(want), "{text:?}: {err}");
    }
}

//! Properties: the import parsers never panic, and any valid book round-trips.

use super::common::book;
use super::support::{defaults, export_text, import};
use chrono::NaiveDate;
use pactum::domain::{Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use pactum::exchange::{
    Book, CommitmentRecord, ContactRecord, PartnerRecord, ProblemRecord, ReviewRecord, TouchRecord,
};
use proptest::prelude::*;
use proptest::sample::select;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parsers_never_panic(text in "(?s).{0,400}") {
        let _ = pactum::exchange::json::from_json(&text, super::common::today());
        let _ = pactum::exchange::csv::import(&text, &defaults());
        let _ = pactum::exchange::vcard::parse(&text);
        let _ = pactum::exchange::FileKind::detect(std::path::Path::new("x"), &text);
    }

    #[test]
    fn vcard_parser_never_panics_on_card_shaped_input(
        body in proptest::collection::vec("[A-Z;=:\\\\,\" \\t\\r\\n0-9a-zé]{0,30}", 0..12)
    ) {
        let text = format!("BEGIN:VCARD\r\nVERSION:3.0\r\n{}\r\nEND:VCARD\r\n", body.join("\r\n"));
        if let Ok(cards) = pactum::exchange::vcard::parse(&text) {
            let _ = pactum::exchange::vcard::to_book(&cards, &defaults());
        }
    }

    #[test]
    fn csv_parser_never_panics_on_table_shaped_input(
        rows in proptest::collection::vec("[a-z0-9,\"'=\\- \\r\\n]{0,40}", 0..8)
    ) {
        let text = format!("partner,side,title,due_on\n{}", rows.join("\n"));
        let _ = pactum::exchange::csv::import(&text, &defaults());
    }
}

/// A day from 2020 to today: what has happened (made, touched, closed, reviewed, opened).
fn day() -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let past = (super::common::today() - start).num_days() as u64;
    (0..=past).prop_map(move |n| start + chrono::Days::new(n))
}

/// A day from 2020 to 2030: when something is due.
fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..4000)
        .prop_map(|n| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(n as u64))
}

/// Text that is valid where it is required: non-blank, with quirks (quotes, commas, newlines,
/// control characters, non-ASCII).
fn text(required: bool) -> impl Strategy<Value = String> {
    let body = "[a-zA-Z0-9 ,;\"'=\\n\\t\u{1b}éß日本]{0,24}";
    body.prop_map(move |s| {
        if required && s.trim().is_empty() {
            format!("x{s}")
        } else {
            s
        }
    })
}

fn commitment() -> impl Strategy<Value = CommitmentRecord> {
    (
        select(Side::ALL),
        text(true),
        text(false),
        day(),
        proptest::option::of(any_day()),
        any::<bool>(),
        select(Origin::ALL),
        select(Status::ALL),
        day(),
        proptest::collection::vec((day(), select(Verdict::ALL), text(false)), 0..3),
    )
        .prop_map(
            |(side, title, detail, made_on, due, ongoing, origin, status, closed, reviews)| {
                CommitmentRecord {
                    side,
                    title,
                    detail,
                    made_on,
                    // In the order the book keeps: due and closed no earlier than made.
                    due_on: if ongoing {
                        None
                    } else {
                        due.map(|d| d.max(made_on))
                    },
                    ongoing,
                    origin,
                    status,
                    closed_on: (status != Status::Open).then_some(closed.max(made_on)),
                    owner: "tester".into(),
                    reviews: if ongoing {
                        reviews
                            .into_iter()
                            .map(|(on, verdict, note)| ReviewRecord {
                                on: on.max(made_on),
                                verdict,
                                note,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            },
        )
}

fn partner(name: String) -> impl Strategy<Value = PartnerRecord> {
    (
        select(Stage::ALL),
        day(),
        1u32..=365,
        text(false),
        proptest::collection::btree_set("[a-z]{1,8}", 0..3),
        proptest::collection::vec((text(true), text(false), text(false)), 0..3),
        proptest::collection::vec(commitment(), 0..4),
        proptest::collection::vec(
            (
                day(),
                select(TouchKind::ALL),
                select(Initiator::ALL),
                text(true),
                any::<bool>(),
            ),
            0..4,
        ),
        proptest::collection::vec(
            (
                day(),
                text(true),
                1u8..=5,
                1u8..=5,
                proptest::option::of(day()),
            ),
            0..2,
        ),
    )
        .prop_map(
            move |(
                stage,
                created_on,
                every,
                outcome,
                tags,
                contacts,
                commitments,
                touches,
                problems,
            )| {
                PartnerRecord {
                    stage,
                    desired_outcome: outcome,
                    update_every_days: every,
                    tags: tags.into_iter().collect(),
                    contacts: contacts
                        .into_iter()
                        .map(|(name, email, note)| ContactRecord {
                            name,
                            role: String::new(),
                            email,
                            phone: String::new(),
                            note,
                        })
                        .collect(),
                    commitments,
                    touches: touches
                        .into_iter()
                        .map(|(on, kind, initiated_by, summary, bad_news)| TouchRecord {
                            on,
                            kind,
                            initiated_by,
                            summary,
                            bad_news,
                            body: String::new(),
                        })
                        .collect(),
                    problems: problems
                        .into_iter()
                        .map(|(opened_on, summary, severity, reaction, resolved_on)| {
                            ProblemRecord {
                                opened_on,
                                summary,
                                severity,
                                reaction,
                                brave_conversation_on: None,
                                brave_note: String::new(),
                                resolved_on: resolved_on.map(|d| d.max(opened_on)),
                            }
                        })
                        .collect(),
                    ..PartnerRecord::prospect(&name, created_on, "tester")
                }
            },
        )
}

fn any_book() -> impl Strategy<Value = Book> {
    // Names as stored: no space at either end (a name is trimmed when it is checked).
    proptest::collection::btree_set("[A-Za-z]([A-Za-z0-9 &é]{0,14}[A-Za-z0-9&é])?", 0..5)
        .prop_map(|names| {
            // Unique ignoring ASCII case, in the book's order (name COLLATE NOCASE).
            let mut seen = std::collections::BTreeMap::new();
            for n in names {
                seen.entry(n.trim().to_ascii_lowercase()).or_insert(n);
            }
            seen.into_values().collect::<Vec<_>>()
        })
        .prop_flat_map(|names| names.into_iter().map(partner).collect::<Vec<_>>())
        .prop_map(Book::new)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_book_round_trips(doc in any_book()) {
        let text = pactum::exchange::json::to_json(&doc);
        let read = pactum::exchange::json::from_json(&text, super::common::today()).unwrap();
        prop_assert_eq!(&read, &doc);
        let (_d, mut store) = book(false);
        import(&mut store, &read, false);
        prop_assert_eq!(export_text(&store), text);
    }
}

//! The agenda built from hand-made inputs.

use super::*;
use crate::domain::{Origin, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn c(id: i64, side: Side, title: &str, due: &str) -> Commitment {
    Commitment {
        id,
        partner_id: 1,
        side,
        title: title.into(),
        detail: String::new(),
        made_on: d("2026-10-01"),
        due_on: Some(d(due)),
        ongoing: false,
        origin: Origin::Later,
        status: Status::Open,
        closed_on: None,
        owner: String::new(),
        version: 1,
        slip: None,
    }
}

#[test]
fn sections_in_order_oldest_first_with_counts() {
    let input = AgendaInput {
        due: vec![
            ("Acme".into(), c(1, Side::Ours, "Deck", "2026-11-25")),
            ("Acme".into(), c(2, Side::Ours, "Pricing", "2026-11-20")),
            ("Acme".into(), c(3, Side::Theirs, "Intro", "2026-11-26")),
            ("Acme".into(), c(4, Side::Theirs, "Data", "2026-11-27")),
            ("Acme".into(), c(5, Side::Ours, "Later", "2026-12-10")),
        ],
        // The clock starts at signing: Umbrella signed 5 days ago owes nothing yet, Hooli's
        // update before signing does not count.
        cadence: [
            (1, "Acme", Some(d("2026-11-01")), d("2026-06-01")),
            (2, "Globex", Some(d("2026-11-20")), d("2026-06-01")),
            (3, "Initech", None, d("2026-09-01")),
            (4, "Umbrella", None, d("2026-11-22")),
            (5, "Hooli", Some(d("2026-10-01")), d("2026-11-01")),
        ]
        .into_iter()
        .map(|(partner_id, name, last_update_on, signed_on)| Cadence {
            partner_id,
            partner: name.into(),
            last_update_on,
            signed_on,
            update_every_days: 14,
        })
        .collect(),
        ..AgendaInput::default()
    };
    let agenda = Agenda::build(input, d("2026-11-27"), 45, None);
    let texts = |k: usize| -> Vec<String> {
        agenda.sections[k]
            .items
            .iter()
            .map(|i| i.text.clone())
            .collect()
    };
    assert_eq!(
        texts(0),
        vec!["Pricing — 7 days late", "Deck — 2 days late"]
    );
    // 1 and 2: we slipped, switched off (none here).
    assert_eq!(texts(3), vec!["Intro — 1 day late"]);
    assert_eq!(texts(4), vec!["Data — they owe, due today"]);
    assert_eq!(
        texts(5),
        vec![
            "signed 87 days ago, no update shared since, agreed every 14".to_string(),
            "last update 26 days ago, agreed every 14".to_string(),
            "signed 26 days ago, no update shared since, agreed every 14".to_string(),
        ]
    );
    assert!(!agenda.is_empty());
}

#[test]
fn empty_input_is_an_empty_agenda() {
    let agenda = Agenda::build(AgendaInput::default(), d("2026-11-27"), 45, None);
    assert!(agenda.is_empty());
    assert_eq!(agenda.sections.len(), 9);
}

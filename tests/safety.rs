//! The sanitiser under proptest: whatever text comes in, what leaves it cannot
//! steer a terminal, is stable when cleaned again, and takes exactly the cells it claims — as
//! ratatui lays them out.
//!
//! 10,000 cases per property (`cargo test` runs them in the debug profile). A longer run:
//! `PROPTEST_CASES=1000000 cargo test --release --test safety`.

mod hostile;

use hostile::{config, forbidden, hostile};
use pactum::domain::text::{clean_block, clean_line, fit, pad, width};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const CASES: u32 = 10_000;

/// The column where ratatui puts a marker drawn right after `text` on one line.
fn laid_out_width(text: &str) -> usize {
    let area = Rect::new(0, 0, 420, 1);
    let mut buf = Buffer::empty(area);
    let line = Line::from(vec![Span::raw(text.to_string()), Span::raw("|")]);
    buf.set_line(0, 0, &line, area.width);
    (0..area.width)
        .rposition(|x| buf[(x, 0)].symbol() == "|")
        .unwrap_or(usize::from(area.width))
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn clean_line_leaves_no_control_or_bidi_and_is_idempotent(s in hostile()) {
        let clean = clean_line(&s);
        prop_assert!(
            !clean.chars().any(forbidden),
            "{:?} cleaned to {:?}", s, clean
        );
        prop_assert_eq!(clean_line(&clean), clean.clone());
        prop_assert_eq!(width(&clean), laid_out_width(&clean), "{:?}", clean);
    }

    #[test]
    fn clean_block_keeps_newlines_only_and_is_idempotent(s in hostile()) {
        let clean = clean_block(&s);
        prop_assert!(
            !clean.chars().any(|c| c != '\n' && forbidden(c)),
            "{:?} cleaned to {:?}", s, clean
        );
        prop_assert_eq!(clean_block(&clean), clean.clone());
        prop_assert_eq!(clean_line(&clean), clean_line(&s));
    }

    #[test]
    fn fit_never_exceeds_its_width(s in hostile(), n in 0usize..200) {
        let got = fit(&s, n);
        prop_assert!(!got.chars().any(forbidden), "{:?}", got);
        prop_assert!(width(&got) <= n, "{:?} fit to {} is {:?}", s, n, got);
        prop_assert!(laid_out_width(&got) <= n, "{:?} fit to {} is {:?}", s, n, got);
        let clean = clean_line(&s);
        if width(&clean) <= n {
            prop_assert_eq!(got, clean);
        } else if n > 0 {
            // Cut between characters and marked.
            prop_assert!(got.ends_with('…'), "{:?}", got);
            prop_assert!(clean.starts_with(got.trim_end_matches('…')), "{:?}", got);
        }
    }

    #[test]
    fn pad_is_exactly_its_width(s in hostile(), n in 0usize..200) {
        let got = pad(&s, n);
        prop_assert_eq!(width(&got), n, "{:?}", got);
        prop_assert_eq!(laid_out_width(&got), n, "{:?} padded to {} is {:?}", s, n, got);
    }
}

#[test]
fn contact_fields_have_limits_too() {
    use pactum::domain::Contact;
    use pactum::domain::limits::{TEXT_MAX, TITLE_MAX};
    use pactum::store::{NewPartner, Store};
    let dir = hostile::tempdir();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let partner_id = store
        .add_partner(&NewPartner::named("Acme", today))
        .unwrap();
    let contact = Contact {
        id: 0,
        partner_id,
        name: "Nadia".into(),
        role: String::new(),
        email: String::new(),
        phone: String::new(),
        note: String::new(),
        version: 0,
    };
    let too_long = [
        Contact {
            role: "r".repeat(TITLE_MAX + 1),
            ..contact.clone()
        },
        Contact {
            email: "e".repeat(TITLE_MAX + 1),
            ..contact.clone()
        },
        Contact {
            phone: "1".repeat(TITLE_MAX + 1),
            ..contact.clone()
        },
        Contact {
            note: "n".repeat(TEXT_MAX + 1),
            ..contact.clone()
        },
    ];
    for c in &too_long {
        let err = store.add_contact(c).unwrap_err().to_string();
        assert!(err.contains("the limit is"), "{err}");
    }
    let at_limit = Contact {
        role: "r".repeat(TITLE_MAX),
        note: "n".repeat(TEXT_MAX),
        ..contact
    };
    store.add_contact(&at_limit).unwrap();
}

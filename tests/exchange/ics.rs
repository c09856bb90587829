//! The calendar: checked by the `icalendar` crate's parser and by a strict reading of RFC 5545's
//! rules for content lines (CRLF, 75 octets, balanced components, required properties).

use super::common::{book, today};
use chrono::{TimeZone, Utc};
use pactum::domain::Side;
use pactum::exchange::alarm::AlarmLead;
use pactum::exchange::ics::{DueItem, Feed, UpdateDue, calendar};
use std::str::FromStr;

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap()
}

const BOOK: &str = "0123456789abcdef0123456789abcdef";

fn feed() -> Feed {
    Feed {
        book_id: BOOK.into(),
        alarm_before: AlarmLead::default(),
    }
}

/// RFC 5545 §3.1 and §3.6, strictly: returns the unfolded lines.
fn strict(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let body = &text[..text.len() - 2];
    let mut lines: Vec<String> = Vec::new();
    for physical in body.split("\r\n") {
        assert!(
            !physical.contains('\n') && !physical.contains('\r'),
            "bare LF/CR in {physical:?}"
        );
        assert!(
            physical.len() <= 75,
            "{} octets: {physical:?}",
            physical.len()
        );
        assert!(
            !physical.chars().any(|c| c.is_control() && c != '\t'),
            "control in {physical:?}"
        );
        match physical.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .expect("a fold continues a line")
                .push_str(rest),
            None => lines.push(physical.to_string()),
        }
    }
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    for l in &lines {
        let (name, value) = l.split_once(':').expect("NAME:value");
        let prop = name.split(';').next().unwrap();
        assert!(
            prop.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "{prop}"
        );
        match prop {
            "BEGIN" => stack.push((value.to_string(), Vec::new())),
            "END" => {
                let (open, props) = stack.pop().expect("END after BEGIN");
                assert_eq!(open, value, "END matches BEGIN");
                let has = |p: &str| props.iter().any(|x| x == p);
                match value {
                    "VCALENDAR" => assert!(has("VERSION") && has("PRODID")),
                    "VTODO" => assert!(has("UID") && has("DTSTAMP") && has("DUE")),
                    "VEVENT" => assert!(has("UID") && has("DTSTAMP") && has("DTSTART")),
                    "VALARM" => assert!(has("ACTION") && has("TRIGGER") && has("DESCRIPTION")),
                    other => panic!("unexpected component {other}"),
                }
            }
            p => stack
                .last_mut()
                .expect("inside a component")
                .1
                .push(p.to_string()),
        }
    }
    assert!(stack.is_empty(), "every BEGIN has its END");
    lines
}

#[test]
fn demo_calendar_passes_strict_parsers() {
    let (_d, store) = book(true);
    let (items, updates) = store.calendar_feed().unwrap();
    assert!(!items.is_empty() && !updates.is_empty());
    let text = calendar(&feed(), &items, &updates, today(), stamp());
    let lines = strict(&text);
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VTODO").count(),
        items.len()
    );
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        updates.len()
    );

    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("icalendar parses it");
    assert_eq!(parsed.components.len(), items.len() + updates.len());
    let typed = icalendar::Calendar::from_str(&text).expect("icalendar reads it");
    use icalendar::Component;
    let todos: Vec<_> = typed
        .components
        .iter()
        .filter_map(|c| c.as_todo())
        .collect();
    assert_eq!(todos.len(), items.len());
    for (todo, item) in todos.iter().zip(&items) {
        assert_eq!(
            todo.get_uid(),
            Some(format!("commitment-{}@{BOOK}.pactum", item.id).as_str())
        );
        assert!(todo.get_due().is_some());
        let summary = todo.get_summary().unwrap();
        assert!(
            summary.contains(&item.partner) && summary.contains(&item.title),
            "{summary}"
        );
    }
}

#[test]
fn summaries_say_who_owes_what_and_text_is_escaped() {
    let item = |side, title: &str| DueItem {
        id: 7,
        partner: "Smith, Jones; Partners".into(),
        side,
        title: title.into(),
        detail: "line one\nline two \\ end".into(),
        made_on: today(),
        due_on: today(),
    };
    let items = [
        item(Side::Ours, "Send pricing"),
        item(Side::Theirs, "Intro to their CFO"),
    ];
    let updates = [UpdateDue {
        partner_id: 3,
        partner: "Zephyr".into(),
        every_days: 14,
        last_update: Some(today() - chrono::Days::new(20)),
        since: today(),
    }];
    let text = calendar(&feed(), &items, &updates, today(), stamp());
    let lines = strict(&text);
    assert!(lines.contains(&"SUMMARY:We owe Smith\\, Jones\\; Partners: Send pricing".to_string()));
    assert!(
        lines.contains(
            &"SUMMARY:Smith\\, Jones\\; Partners owes us: Intro to their CFO".to_string()
        )
    );
    assert!(lines.contains(
        &"DESCRIPTION:line one\\nline two \\\\ end\\nPromised on 2026-11-27.".to_string()
    ));
    assert!(lines.contains(&"CATEGORIES:ours".to_string()));
    assert!(lines.contains(&"CATEGORIES:theirs".to_string()));
    assert!(lines.contains(&"DUE;VALUE=DATE:20261127".to_string()));
    assert!(lines.contains(&"DTSTAMP:20261127T093000Z".to_string()));
    // 20 days since the last update with a 14-day cadence: late, so shown today.
    assert!(lines.contains(&"SUMMARY:Update Zephyr (due since 2026-11-21)".to_string()));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20261127".to_string()));
    assert!(lines.contains(&format!("UID:update-3@{BOOK}.pactum")));
}

#[test]
fn uids_are_stable_across_exports() {
    let (_d, store) = book(true);
    let (items, updates) = store.calendar_feed().unwrap();
    let later = stamp() + chrono::Duration::hours(5);
    let a = calendar(&feed(), &items, &updates, today(), stamp());
    let b = calendar(&feed(), &items, &updates, today(), later);
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&a), uids(&b));
}

/// An alarm as parsed: action, trigger, description.
type Alarm = (String, String, String);

/// The parsed calendar's to-dos: summary and alarms.
fn parsed_todos(text: &str) -> Vec<(String, Vec<Alarm>)> {
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("icalendar parses it");
    parsed
        .components
        .iter()
        .filter(|c| c.name == "VTODO")
        .map(|todo| {
            let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
                c.find_prop(name)
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default()
            };
            let alarms = todo
                .components
                .iter()
                .filter(|c| c.name == "VALARM")
                .map(|a| {
                    (
                        prop(a, "ACTION"),
                        prop(a, "TRIGGER"),
                        prop(a, "DESCRIPTION"),
                    )
                })
                .collect();
            (prop(todo, "SUMMARY"), alarms)
        })
        .collect()
}

#[test]
fn each_due_item_carries_one_display_alarm_before_it() {
    let (_d, store) = book(true);
    let (items, updates) = store.calendar_feed().unwrap();
    let todos = parsed_todos(&calendar(&feed(), &items, &updates, today(), stamp()));
    assert_eq!(todos.len(), items.len());
    for (summary, alarms) in &todos {
        assert_eq!(alarms.len(), 1, "{summary}");
        let (action, trigger, description) = &alarms[0];
        assert_eq!((action.as_str(), trigger.as_str()), ("DISPLAY", "-P1D"));
        assert_eq!(description, summary);
    }
    let three_hours = Feed {
        alarm_before: "3h".parse().unwrap(),
        ..feed()
    };
    let todos = parsed_todos(&calendar(&three_hours, &items, &updates, today(), stamp()));
    assert!(todos.iter().all(|(_, a)| a.len() == 1 && a[0].1 == "-PT3H"));
}

#[test]
fn two_books_never_share_a_uid_and_one_book_keeps_its_own() {
    let uids = |store: &pactum::store::Store| {
        let (items, updates) = store.calendar_feed().unwrap();
        let feed = Feed {
            book_id: store.book_id().unwrap(),
            alarm_before: AlarmLead::default(),
        };
        let text = calendar(&feed, &items, &updates, today(), stamp());
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (_a, first) = book(true);
    let (_b, second) = book(true);
    let (one, other) = (uids(&first), uids(&second));
    assert!(!one.is_empty());
    // The same demo in both: same ids, yet no UID in common.
    assert!(one.iter().all(|u| !other.contains(u)), "{one:?}");
    assert_eq!(uids(&first), one);
}

#[test]
fn a_book_from_before_the_id_gets_one_when_upgraded_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(pactum::store::Store::open(&path, "tester").unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE meta; PRAGMA user_version = 10;")
        .unwrap();
    let id = pactum::store::Store::open(&path, "tester")
        .unwrap()
        .book_id()
        .unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let again = pactum::store::Store::open(&path, "tester").unwrap();
    assert_eq!(again.book_id().unwrap(), id);
    assert_eq!(
        again.schema_version().unwrap(),
        pactum::store::schema::latest()
    );
}

#[test]
fn update_reminders_follow_the_cadence_agreed_at_signing() {
    use pactum::domain::Stage;
    use pactum::domain::dates::shift;
    use pactum::store::NewPartner;
    let (_dir, mut store) = book(false);
    store
        .add_partner(&NewPartner::named("Prospect", today()))
        .unwrap();
    let signed = store
        .add_partner(&NewPartner {
            stage: Stage::Signed,
            signed_on: Some(shift(today(), -5)),
            ..NewPartner::named("Signed", shift(today(), -40))
        })
        .unwrap();
    let (_, updates) = store.calendar_feed().unwrap();
    assert_eq!(updates.len(), 1, "only the signed partner: {updates:?}");
    assert_eq!(updates[0].partner_id, signed);
    assert_eq!(updates[0].since, shift(today(), -5));
    assert_eq!(updates[0].due(), shift(today(), 9));
}

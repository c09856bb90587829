//! The Today agenda read a screenful at a time: the screen's sections are the heads of the
//! whole agenda with the whole counts, and the last review day kept on each commitment follows
//! its reviews, their undo, and the upgrade of an older book.

use chrono::NaiveDate;
use pactum::app::views;
use pactum::domain::dates::shift;
use pactum::domain::health::Rules;
use pactum::domain::{Origin, Side, Verdict};
use pactum::runtime;
use pactum::store::{GenSpec, NewCommitment, NewPartner, Store, schema};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn generated(path: &Path) -> Store {
    let mut store = Store::open(path, "tester").unwrap();
    let spec = GenSpec {
        partners: 300,
        commitments: 6_000,
        touches: 20_000,
        seed: 3,
    };
    store.generate(spec, today(), false).unwrap();
    store
}

#[test]
fn a_screenful_is_the_head_of_the_whole_agenda_with_whole_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = generated(&dir.path().join("gen.db"));
    let rules = Rules::default();
    let whole = runtime::agenda(&mut store, today(), &rules, None).unwrap();
    let cut = runtime::agenda(&mut store, today(), &rules, Some(5)).unwrap();
    assert_eq!(whole.sections.len(), cut.sections.len());
    let mut cut_somewhere = false;
    for (w, c) in whole.sections.iter().zip(&cut.sections) {
        assert_eq!(w.kind, c.kind);
        assert_eq!(
            w.total,
            w.items.len(),
            "{:?}: the whole agenda is whole",
            w.kind
        );
        assert_eq!(
            c.total,
            w.items.len(),
            "{:?}: the screen counts it all",
            w.kind
        );
        let head = &w.items[..w.items.len().min(5)];
        assert_eq!(c.items, head, "{:?}: the screen shows the head", w.kind);
        cut_somewhere |= w.items.len() > 5;
    }
    assert!(
        cut_somewhere,
        "the generated book fills more than a screenful"
    );
    // The screen says how many more there are.
    let doc = views::today(&cut).plain();
    assert!(doc.contains("more (pactum today lists them all)"), "{doc}");
}

/// A partner with one ongoing item made 200 days ago: never reviewed, so due for review.
fn charter_book(path: &Path) -> (Store, i64) {
    let mut store = Store::open(path, "tester").unwrap();
    let long_ago = shift(today(), -200);
    let p = store
        .add_partner(&NewPartner::named("Acme", long_ago))
        .unwrap();
    let c = store
        .add_commitment(
            &NewCommitment {
                partner_id: p,
                side: Side::Ours,
                title: "Monthly report".into(),
                detail: String::new(),
                made_on: long_ago,
                due_on: None,
                ongoing: true,
                origin: Origin::FirstMeeting,
            },
            today(),
        )
        .unwrap();
    (store, c)
}

fn stale(store: &Store) -> Vec<(i64, Option<NaiveDate>)> {
    let cutoff = shift(today(), -45);
    let rows = store.stale_charter(cutoff, None).unwrap();
    assert_eq!(store.stale_charter_count(cutoff).unwrap(), rows.len());
    rows.into_iter().map(|(_, c, last)| (c.id, last)).collect()
}

#[test]
fn the_last_review_day_follows_reviews_and_their_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, c) = charter_book(&dir.path().join("book.db"));
    assert_eq!(stale(&store), vec![(c, None)]);
    let old = shift(today(), -60);
    store
        .add_review(c, Verdict::Honoured, old, "", today())
        .unwrap();
    assert_eq!(stale(&store), vec![(c, Some(old))]);
    store
        .add_review(c, Verdict::Honoured, today(), "", today())
        .unwrap();
    assert_eq!(stale(&store), vec![], "reviewed today: not due");
    let last = store.events(1).unwrap().remove(0);
    store.undo(last.id).unwrap();
    assert_eq!(
        stale(&store),
        vec![(c, Some(old))],
        "the undone review is gone"
    );
}

#[test]
fn an_older_book_gets_its_last_review_days_when_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let (mut store, c) = charter_book(&path);
    let old = shift(today(), -60);
    store
        .add_review(c, Verdict::Honoured, old, "", today())
        .unwrap();
    drop(store);
    // Take the book back to schema 6, as an older pactum left it (before the last review day
    // was kept, before the kept search haystacks of schema 8, the slips of schema 9 and the touch text of
    // schema 10).
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER partner_search_line;
         DROP TABLE partner_search;
         DROP TRIGGER partner_summary_tag_insert;
         DROP TRIGGER partner_summary_tag_update;
         DROP TRIGGER partner_summary_tag_delete;
         DROP TRIGGER partner_summary_contact_insert;
         DROP TRIGGER partner_summary_contact_update;
         DROP TRIGGER partner_summary_contact_delete;
         DROP TRIGGER commitment_last_review_insert;
         DROP TRIGGER commitment_last_review_update;
         DROP TRIGGER commitment_last_review_delete;
         DROP INDEX commitment_agenda;
         DROP INDEX commitment_charter;
         DROP INDEX partner_ended;
         CREATE INDEX commitment_due ON commitment(status, due_on);
         ALTER TABLE commitment DROP COLUMN last_review_on;
         DROP INDEX commitment_slipped;
         DROP INDEX touch_partner_by_kind;
         DROP INDEX touch_bad_news;
         DROP INDEX commitment_missed;
         DROP TRIGGER partner_input_line;
         DROP TABLE partner_input;
         ALTER TABLE commitment DROP COLUMN original_due_on;
         ALTER TABLE commitment DROP COLUMN slipped_due_on;
         ALTER TABLE commitment DROP COLUMN slipped_on;
         ALTER TABLE touch DROP COLUMN body;
         DROP TABLE meta;
         PRAGMA user_version = 6;",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(stale(&store), vec![(c, Some(old))]);
    assert_eq!(store.schema_version().unwrap(), schema::latest());
}

#[test]
fn the_checklist_shows_each_items_own_last_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    let p = store
        .add_partner(&NewPartner::named("Acme", shift(today(), -400)))
        .unwrap();
    let item = |title: &str, ongoing: bool| NewCommitment {
        partner_id: p,
        side: Side::Ours,
        title: title.into(),
        detail: String::new(),
        made_on: shift(today(), -300),
        due_on: (!ongoing).then(|| shift(today(), 10)),
        ongoing,
        origin: Origin::FirstMeeting,
    };
    let reviewed = store
        .add_commitment(&item("Monthly report", true), today())
        .unwrap();
    let never = store
        .add_commitment(&item("Quarterly review", true), today())
        .unwrap();
    let dated = store
        .add_commitment(&item("Send the deck", false), today())
        .unwrap();
    // Review ids and commitment ids overlap on purpose: review 1 is of another item.
    store
        .add_review(never, Verdict::Honoured, shift(today(), -200), "", today())
        .unwrap();
    store
        .add_review(
            reviewed,
            Verdict::Honoured,
            shift(today(), -90),
            "",
            today(),
        )
        .unwrap();
    store
        .add_review(
            reviewed,
            Verdict::NotHonoured,
            shift(today(), -30),
            "",
            today(),
        )
        .unwrap();
    let last = |id: i64| {
        store
            .review_items(Some(p))
            .unwrap()
            .into_iter()
            .find(|(_, i)| i.commitment.id == id)
            .unwrap()
            .1
            .last_review
    };
    assert_eq!(
        last(reviewed),
        Some((shift(today(), -30), Verdict::NotHonoured))
    );
    assert_eq!(last(never), Some((shift(today(), -200), Verdict::Honoured)));
    assert_eq!(last(dated), None);
}

#[test]
fn an_update_is_owed_only_on_the_cadence_agreed_at_signing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.db"), "tester").unwrap();
    let signed = |name: &str, days_ago: i64| NewPartner {
        stage: pactum::domain::Stage::Signed,
        signed_on: Some(shift(today(), -days_ago)),
        created_on: shift(today(), -days_ago - 30),
        ..NewPartner::named(name, shift(today(), -days_ago - 30))
    };
    store
        .add_partner(&NewPartner::named("Prospect met today", today()))
        .unwrap();
    store.add_partner(&signed("Signed last week", 7)).unwrap();
    store
        .add_partner(&signed("Signed a month ago", 30))
        .unwrap();
    let agenda = runtime::agenda(&mut store, today(), &Rules::default(), None).unwrap();
    let owed = agenda
        .sections
        .iter()
        .find(|s| s.kind == pactum::domain::agenda::SectionKind::UpdateOwed)
        .unwrap();
    let lines: Vec<String> = owed
        .items
        .iter()
        .map(|i| format!("{}: {}", i.partner, i.text))
        .collect();
    assert_eq!(
        lines,
        vec!["Signed a month ago: signed 30 days ago, no update shared since, agreed every 14"]
    );
}

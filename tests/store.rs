//! The store on real temp files: migrations, permissions, round trips, constraints, undo,
//! conflicts and concurrent starts.

use chrono::NaiveDate;
use pactum::domain::{Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use pactum::store::{
    CommitmentFilter, DemoBook, NewCommitment, NewPartner, NewProblem, NewTouch, PartnerEdit,
    Store, StoreError, schema,
};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn open(path: &Path) -> Store {
    Store::open(path, "tester").unwrap()
}

fn commitment(partner_id: i64, side: Side, title: &str, due: Option<NaiveDate>) -> NewCommitment {
    NewCommitment {
        partner_id,
        side,
        title: title.into(),
        detail: String::new(),
        made_on: today(),
        due_on: due,
        ongoing: due.is_none(),
        origin: Origin::Later,
    }
}

#[test]
fn a_new_book_is_migrated_private_and_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/book.db");
    let store = open(&path);
    assert_eq!(store.schema_version().unwrap(), schema::latest());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let journal: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    for table in [
        "partner",
        "tag",
        "contact",
        "commitment",
        "review",
        "touch",
        "problem",
        "health_snapshot",
        "event",
    ] {
        let n: i64 = raw
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
}

#[test]
fn reopening_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = open(&path);
    store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    drop(store);
    let store = open(&path);
    assert_eq!(store.partners(true).unwrap().len(), 1);
}

#[test]
fn a_newer_book_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(open(&path));
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path, "tester").err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("newer pactum"), "{err}");
}

#[test]
fn files_that_are_not_books_are_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, b"these are my notes, not a database\n").unwrap();
    let before = std::fs::read(&text).unwrap();
    let err = Store::open(&text, "tester").err().unwrap().to_string();
    assert!(
        err.contains("not an SQLite database") && err.contains("left untouched"),
        "{err}"
    );
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let err = Store::open(&other, "tester").err().unwrap().to_string();
    assert!(err.contains("another program"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn a_symlinked_book_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.db");
    drop(open(&real));
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let err = Store::open(&link, "tester").err().unwrap().to_string();
    assert!(err.contains("symbolic link"), "{err}");
}

#[test]
fn records_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.db"));
    let id = store
        .add_partner(&NewPartner {
            stage: Stage::Signed,
            signed_on: Some(today()),
            tags: vec!["retail".into(), "eu".into()],
            desired_outcome: "grow together".into(),
            ..NewPartner::named("Acme Ünïcode 日本", today())
        })
        .unwrap();
    let p = store.partner(id).unwrap();
    assert_eq!(p.name, "Acme Ünïcode 日本");
    assert_eq!(p.tags, vec!["eu".to_string(), "retail".to_string()]);
    assert_eq!(p.owner, "tester");
    assert_eq!(p.version, 1);

    let due = Some(today() + chrono::Days::new(3));
    let c = store
        .add_commitment(&commitment(id, Side::Ours, "Send pricing", due), today())
        .unwrap();
    let got = store.commitment(c).unwrap();
    assert_eq!(
        (got.side, got.due_on, got.status, got.ongoing),
        (Side::Ours, due, Status::Open, false)
    );

    let t = store
        .add_touch(
            &NewTouch {
                partner_id: id,
                on: today(),
                kind: TouchKind::Update,
                initiated_by: Initiator::Us,
                summary: "line one\nline two".into(),
                bad_news: true,
            },
            today(),
        )
        .unwrap();
    let touches = store.touches(Some(id), None, 10).unwrap();
    assert_eq!(touches[0].id, t);
    assert_eq!(touches[0].summary, "line one\nline two");

    let pr = store
        .add_problem(
            &NewProblem {
                partner_id: id,
                opened_on: today(),
                summary: "late delivery".into(),
                severity: 1,
                reaction: 5,
            },
            today(),
        )
        .unwrap();
    let row = store.partner_row(today(), id).unwrap();
    assert_eq!((row.facts.ours.open, row.facts.unfaced_problems), (1, 1));
    assert_eq!(row.facts.last_update_on, Some(today()));
    store
        .brave_conversation(pr, today(), "talked it through", today())
        .unwrap();
    assert_eq!(
        store
            .partner_row(today(), id)
            .unwrap()
            .facts
            .unfaced_problems,
        0
    );
    store.resolve_problem(pr, today(), today()).unwrap();
    assert_eq!(
        store.partner_row(today(), id).unwrap().facts.open_problems,
        0
    );
}

#[test]
fn the_schema_refuses_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = open(&path);
    let id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let bad = [
        "INSERT INTO commitment (partner_id, side, title, made_on) VALUES (1, 'both', 't', '2026-01-01')",
        "INSERT INTO commitment (partner_id, side, title, made_on, status) VALUES (1, 'ours', 't', '2026-01-01', 'done')",
        "INSERT INTO commitment (partner_id, side, title, made_on, ongoing, due_on) VALUES (1, 'ours', 't', '2026-01-01', 1, '2026-02-01')",
        "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary) VALUES (1, '2026-01-01', 'fax', 'us', 's')",
        "INSERT INTO problem (partner_id, opened_on, summary, severity, reaction) VALUES (1, '2026-01-01', 's', 0, 6)",
        "INSERT INTO partner (name, created_on) VALUES ('ACME', '2026-01-01')",
        "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary) VALUES (999, '2026-01-01', 'call', 'us', 's')",
        "INSERT INTO partner (name, stage, created_on) VALUES ('B', 'married', '2026-01-01')",
    ];
    for sql in bad {
        assert!(raw.execute(sql, []).is_err(), "accepted: {sql}");
    }
    assert_eq!(id, 1);
    let err = store
        .add_partner(&NewPartner::named("acme", today()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("already exists"), "{err}");
    let err = store
        .add_partner(&NewPartner::named(&"x".repeat(81), today()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("limit is 80"), "{err}");
}

#[test]
fn status_changes_undo_and_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = open(&path);
    let id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let c = store
        .add_commitment(
            &commitment(id, Side::Theirs, "Intro to CFO", Some(today())),
            today(),
        )
        .unwrap();
    let event = store.set_status(c, Status::Kept, today(), today()).unwrap();
    assert_eq!(store.last_event(), Some(event));
    let kept = store.commitment(c).unwrap();
    assert_eq!((kept.status, kept.closed_on), (Status::Kept, Some(today())));
    let said = store.undo(event).unwrap();
    assert!(said.contains("Intro to CFO"), "{said}");
    let back = store.commitment(c).unwrap();
    assert_eq!((back.status, back.closed_on), (Status::Open, None));
    assert!(store.undo(event).is_err(), "an event undoes once");

    // Another session edits the partner; our stale form is a conflict, not an overwrite.
    let mut other = Store::open(&path, "colleague").unwrap();
    let before = store.data_version().unwrap();
    let p = store.partner(id).unwrap();
    let edit = PartnerEdit {
        id,
        version: p.version,
        name: "Acme Corp".into(),
        stage: Stage::Engaged,
        signed_on: None,
        update_every_days: 7,
        desired_outcome: String::new(),
        their_goals: String::new(),
        their_constraints: String::new(),
        owner: p.owner.clone(),
        tags: Vec::new(),
    };
    other.edit_partner(&edit).unwrap();
    assert_ne!(
        store.data_version().unwrap(),
        before,
        "other session's commit is noticed"
    );
    let err = store
        .edit_partner(&PartnerEdit {
            name: "Mine".into(),
            ..edit
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.partner(id).unwrap().name, "Acme Corp");
}

#[test]
fn ongoing_items_are_reviewed_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.db"));
    let id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let c = store
        .add_commitment(&commitment(id, Side::Ours, "Regular care", None), today())
        .unwrap();
    assert!(store.set_status(c, Status::Kept, today(), today()).is_err());
    store
        .add_review(c, Verdict::Honoured, today(), "", today())
        .unwrap();
    assert_eq!(
        store.last_reviews(id).unwrap(),
        vec![(c, today(), Verdict::Honoured)]
    );
    let dated = store
        .add_commitment(&commitment(id, Side::Ours, "Deck", Some(today())), today())
        .unwrap();
    assert!(
        store
            .add_review(dated, Verdict::Honoured, today(), "", today())
            .is_err()
    );
}

#[test]
fn ending_a_partnership_records_the_reason_and_blocks_new_promises() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.db"));
    let id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    store
        .end_partner(id, today(), "effort ran one way; told them in person")
        .unwrap();
    let p = store.partner(id).unwrap();
    assert_eq!((p.stage, p.ended_on), (Stage::Ended, Some(today())));
    assert!(
        store
            .add_commitment(&commitment(id, Side::Ours, "x", Some(today())), today())
            .is_err()
    );
    assert!(store.partners(false).unwrap().is_empty());
    assert_eq!(store.partners(true).unwrap().len(), 1);
}

#[test]
fn the_demo_book_loads_with_every_lesson() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.db"));
    let book = DemoBook::shipped().unwrap();
    assert!(book.partner.len() >= 8);
    assert_eq!(store.load_demo(&book, today()).unwrap(), book.partner.len());
    assert_eq!(store.partner_count().unwrap() as usize, book.partner.len());
    let stages: Vec<Stage> = store
        .partners(true)
        .unwrap()
        .iter()
        .map(|p| p.stage)
        .collect();
    assert!(stages.contains(&Stage::Ended) && stages.contains(&Stage::Signed));
    // Loading again replaces rather than duplicating.
    store.load_demo(&book, today()).unwrap();
    assert_eq!(store.partner_count().unwrap() as usize, book.partner.len());
    let all = store.commitments(CommitmentFilter::default()).unwrap();
    assert!(
        all.iter()
            .any(|c| c.origin == Origin::FirstMeeting && c.ongoing)
    );
}

#[test]
fn eight_processes_starting_at_once_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path, "tester").unwrap();
                s.add_partner(&NewPartner::named(&format!("P{i}"), today()))
                    .unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let store = open(&path);
    assert_eq!(store.partner_count().unwrap(), 8);
    assert_eq!(store.schema_version().unwrap(), schema::latest());
}

#[test]
fn two_sessions_editing_one_commitment_never_overwrite_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut first = Store::open(&path, "maria").unwrap();
    let mut second = Store::open(&path, "tom").unwrap();
    let partner = first
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let id = first
        .add_commitment(
            &commitment(partner, Side::Ours, "Deck", Some(today())),
            today(),
        )
        .unwrap();
    let rounds = 50;
    let mut conflicts = 0;
    for round in 0..rounds {
        // Both open the same commitment; the first saves; the second's save is stale.
        let mut mine = first.commitment(id).unwrap();
        let mut theirs = second.commitment(id).unwrap();
        mine.title = format!("Deck v{round} (maria)");
        theirs.title = format!("Deck v{round} (tom)");
        first.edit_commitment(&mine, today()).unwrap();
        match second.edit_commitment(&theirs, today()) {
            Err(StoreError::Conflict(_)) => conflicts += 1,
            other => panic!("round {round}: the stale save was not a conflict: {other:?}"),
        }
        assert_eq!(
            second.commitment(id).unwrap().title,
            mine.title,
            "round {round}"
        );
    }
    assert_eq!(conflicts, rounds);
}

//! `restore` checks a copy of the backup before the book is touched: a file that is not a whole
//! pactum book is refused and the book stays as it was, still usable.

use chrono::NaiveDate;
use pactum::store::{NewPartner, Store, schema};
use rusqlite::Connection;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// A book with one partner, and a backup of it after `damage` was done to the backup.
fn book_and_backup(dir: &Path, damage: &str) -> (Store, std::path::PathBuf) {
    let mut store = Store::open(&dir.join("book.db"), "tester").unwrap();
    let id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let backup = dir.join("backup.db");
    store.backup_to(&backup, false).unwrap();
    Connection::open(&backup)
        .unwrap()
        .execute_batch(damage)
        .unwrap();
    store.partner(id).unwrap();
    (store, backup)
}

/// The book is unchanged, still takes writes, nothing was kept aside and no temporary file is
/// left beside it.
fn untouched(store: &mut Store, dir: &Path) {
    assert_eq!(store.partners(true).unwrap()[0].name, "Acme");
    store
        .add_partner(&NewPartner::named("Later", today()))
        .unwrap();
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.contains(".partial"))
        .collect();
    assert!(names.is_empty(), "left beside the book: {names:?}");
}

#[test]
fn a_file_with_empty_pactum_named_tables_is_refused_and_the_book_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = book_and_backup(dir.path(), "");
    let fake = dir.path().join("fake.db");
    Connection::open(&fake)
        .unwrap()
        .execute_batch(&format!(
            "CREATE TABLE partner (id INTEGER PRIMARY KEY);
             CREATE TABLE event (id INTEGER PRIMARY KEY);
             PRAGMA user_version = {};",
            schema::latest()
        ))
        .unwrap();
    let err = store.restore_from(&fake).unwrap_err().to_string();
    assert!(
        err.contains("not a usable pactum book (its table commitment is missing)"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    untouched(&mut store, dir.path());
}

#[test]
fn a_backup_missing_an_index_or_holding_orphans_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = book_and_backup(dir.path(), "DROP INDEX touch_partner;");
    let err = store.restore_from(&backup).unwrap_err().to_string();
    assert!(err.contains("index touch_partner is missing"), "{err}");
    untouched(&mut store, dir.path());

    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = book_and_backup(
        dir.path(),
        "PRAGMA foreign_keys = OFF;
         INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary)
         VALUES (999, '2026-11-01', 'call', 'us', 'nobody');",
    );
    let err = store.restore_from(&backup).unwrap_err().to_string();
    assert!(err.contains("a touch record points at"), "{err}");
    untouched(&mut store, dir.path());
}

#[test]
fn an_older_backup_is_migrated_on_the_copy_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").unwrap();
    let old = dir.path().join("old.db");
    let conn = Connection::open(&old).unwrap();
    conn.execute_batch(schema::MIGRATIONS[0]).unwrap();
    conn.execute_batch(
        "INSERT INTO partner (name, created_on) VALUES ('Oldco', '2025-01-01');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let copied = store.restore_from(&old).unwrap();
    assert_eq!(copied.partners, 1);
    assert_eq!(store.schema_version().unwrap(), schema::latest());
    assert_eq!(store.partners(true).unwrap()[0].name, "Oldco");
}

//! Helpers: a logical dump of every table, imports as the command runs them, fixtures.

use pactum::exchange::{Book, Defaults, ImportReport};
use pactum::store::Store;
use rusqlite::types::Value;
use std::path::{Path, PathBuf};

/// Every row of every table, ids and the event log included: equal dumps = an unchanged book.
const TABLES: [&str; 9] = [
    "SELECT * FROM partner ORDER BY rowid",
    "SELECT * FROM tag ORDER BY rowid",
    "SELECT * FROM contact ORDER BY rowid",
    "SELECT * FROM commitment ORDER BY rowid",
    "SELECT * FROM review ORDER BY rowid",
    "SELECT * FROM touch ORDER BY rowid",
    "SELECT * FROM problem ORDER BY rowid",
    "SELECT * FROM health_snapshot ORDER BY rowid",
    "SELECT * FROM event ORDER BY rowid",
];

pub fn dump(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut out = String::new();
    for sql in TABLES {
        out.push_str(sql);
        out.push('\n');
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<Value> = (0..n).map(|i| r.get(i).unwrap()).collect();
            out.push_str(&format!("{cells:?}\n"));
        }
    }
    out
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn defaults() -> Defaults {
    Defaults {
        today: super::common::today(),
        owner: "tester".into(),
    }
}

/// Imports a document the way `pactum import` does after parsing.
pub fn import(store: &mut Store, book: &Book, dry_run: bool) -> ImportReport {
    store
        .import_book(book, "test.json", dry_run, &mut |_| {})
        .unwrap()
}

/// The export without its timestamp, as text.
pub fn export_text(store: &Store) -> String {
    pactum::exchange::json::to_json(&store.export_book(false).unwrap())
}

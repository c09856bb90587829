//! Malformed imports: mutated exports (JSON, CSV, vCard) read and imported into a real book.
//! Every refused import leaves the book exactly as it was and says why in one line; every
//! accepted one leaves the book whole. `PACTUM_IMPORT_FUZZ=N` runs N cases (default 400).

use super::common::book;
use super::support::{defaults, dump, fixture};
use pactum::exchange::csv::{Table, export as csv_export, import as read_csv};
use pactum::exchange::{json, vcard};
use pactum::store::Store;

/// A small deterministic generator, so a failing case is found again by its number.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HOSTILE: [&str; 10] = [
    "\u{1b}[2J",
    "\u{202e}",
    "\u{85}",
    "\"",
    ",",
    "\n",
    "9999-99-99",
    "-1",
    "END:VCARD",
    "{\"partners\":[",
];

/// One of eight ways to damage a document.
fn mutate(text: &str, dice: &mut Dice) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let at = dice.below(lines.len());
    match dice.below(8) {
        0 => {
            return text
                .chars()
                .take(dice.below(text.chars().count()))
                .collect();
        }
        1 => {
            let mut bytes = text.as_bytes().to_vec();
            for _ in 0..=dice.below(4) {
                let i = dice.below(bytes.len());
                let pool = b"\"{}[],:;\\0\x7f";
                bytes[i] = pool[dice.below(pool.len())];
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
        2 => drop(lines.remove(at)),
        3 => {
            let copy = lines[at].clone();
            lines.insert(dice.below(lines.len()), copy);
        }
        4 => {
            let other = dice.below(lines.len());
            lines.swap(at, other);
        }
        5 => {
            let line = &mut lines[at];
            let cut = line
                .char_indices()
                .map(|(i, _)| i)
                .nth(dice.below(line.chars().count()));
            line.insert_str(
                cut.unwrap_or(line.len()),
                HOSTILE[dice.below(HOSTILE.len())],
            );
        }
        6 => {
            // A value replaced: the text after the first separator on the line.
            let line = &mut lines[at];
            if let Some(i) = line.find([':', ',']) {
                line.truncate(i + 1);
                line.push_str(HOSTILE[dice.below(HOSTILE.len())]);
            }
        }
        _ => lines[at] = lines[at].repeat(2 + dice.below(3)),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Reads and imports as `pactum import` does; the one-line message on refusal.
fn import(store: &mut Store, kind: usize, text: &str) -> Result<(), String> {
    let today = super::common::today();
    let book = match kind {
        0 => json::from_json(text, today).map_err(|e| e.to_string())?,
        1 => read_csv(text, &defaults()).map_err(|e| e.to_string())?.0,
        _ => {
            let cards = vcard::parse(text).map_err(|e| e.to_string())?;
            vcard::to_book(&cards, &defaults())
                .map_err(|e| e.to_string())?
                .0
        }
    };
    store
        .import_book(&book, "fuzz", false, &mut |_| {})
        .map(drop)
        .map_err(|e| e.to_string())
}

#[test]
fn malformed_imports_change_nothing_or_leave_the_book_whole() {
    let cases: usize = std::env::var("PACTUM_IMPORT_FUZZ")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    let (dir, mut store) = book(true);
    let path = dir.path().join("book.db");
    let exported = store.export_book(false).unwrap();
    let sources = [
        json::to_json(&exported),
        csv_export(&exported, Table::Commitments, &mut || {}),
        std::fs::read_to_string(fixture("address-book-4.0.vcf")).unwrap(),
    ];
    let mut dice = Dice(0x5eed_1234_abcd_0001);
    let (mut refused, mut accepted) = (0, 0);
    let mut before = dump(&path);
    for case in 0..cases {
        let kind = case % sources.len();
        let text = mutate(&sources[kind], &mut dice);
        match import(&mut store, kind, &text) {
            Err(message) => {
                refused += 1;
                assert!(!message.contains('\n'), "case {case}: {message:?}");
                assert!(!message.is_empty(), "case {case}");
                assert_eq!(
                    dump(&path),
                    before,
                    "case {case} changed the book: {message}"
                );
            }
            Ok(()) => {
                accepted += 1;
                let conn = rusqlite::Connection::open(&path).unwrap();
                let broken: i64 = conn
                    .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(broken, 0, "case {case} left orphans");
                before = dump(&path);
            }
        }
    }
    println!(
        "{cases} malformed imports: {refused} refused with the book unchanged, {accepted} accepted whole"
    );
    assert!(
        refused > cases / 4,
        "too few refusals ({refused}): the mutations are too gentle"
    );
}

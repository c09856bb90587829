//! Speed properties that are exact rather than timed: what reaches the terminal per frame, the
//! dashboard lines kept per partner, and the query plans on the big tables.

mod common;

use common::{app, book, drive, today};
use pactum::domain::health::Rules;
use pactum::runtime;
use pactum::store::{GenSpec, Store};
use pactum::tui::backend::AnsiBackend;
use pactum::tui::draw_frame;
use pactum::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::Cell;
use std::io::{BufWriter, Write};
use std::rc::Rc;

/// Counts the bytes and the writes that would reach the terminal.
#[derive(Clone, Default)]
struct Counter {
    bytes: Rc<Cell<usize>>,
    writes: Rc<Cell<usize>>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        self.writes.set(self.writes.get() + 1);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Counter {
    fn take(&self) -> (usize, usize) {
        (self.bytes.replace(0), self.writes.replace(0))
    }
}

type Screen = Terminal<AnsiBackend<BufWriter<Counter>>>;

fn screen(counter: &Counter) -> Screen {
    // The same buffered writer as the dashboard's, in front of the counter.
    let writer = BufWriter::with_capacity(1 << 18, counter.clone());
    Terminal::with_options(
        AnsiBackend::new(writer),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 200, 50)),
        },
    )
    .unwrap()
}

#[test]
fn a_frame_is_one_write_and_an_unchanged_frame_writes_nothing() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 200, 50);
    let theme = Theme { color: true };
    let counter = Counter::default();
    let mut terminal = screen(&counter);
    let mut shown: Option<Buffer> = None;

    assert!(draw_frame(&mut terminal, &mut shown, &app, &theme).unwrap());
    let (bytes, writes) = counter.take();
    assert!(bytes > 1000, "the first frame draws the screen ({bytes} B)");
    assert_eq!(writes, 1, "one write per frame");

    // Nothing changed: not a byte.
    assert!(!draw_frame(&mut terminal, &mut shown, &app, &theme).unwrap());
    assert_eq!(counter.take(), (0, 0));

    // The selection moves one row: only the changed cells go out.
    drive(&mut app, &mut store, &["j"]);
    assert!(draw_frame(&mut terminal, &mut shown, &app, &theme).unwrap());
    let (bytes, writes) = counter.take();
    assert_eq!(writes, 1);
    println!("selection moved one row (demo book, 200x50): {bytes} B in {writes} write");

    // Within one partner's ledger only the two cursor rows change.
    while app.side(pactum::domain::Side::Ours).len() < 2 {
        drive(&mut app, &mut store, &["j"]);
    }
    drive(&mut app, &mut store, &["tab"]);
    draw_frame(&mut terminal, &mut shown, &app, &theme).unwrap();
    counter.take();
    drive(&mut app, &mut store, &["j"]);
    draw_frame(&mut terminal, &mut shown, &app, &theme).unwrap();
    let (bytes, _) = counter.take();
    assert!(
        bytes > 0 && bytes <= 400,
        "a cursor move in the ledger sends {bytes} B"
    );
    println!("cursor moved one row in the ledger (demo book, 200x50): {bytes} B");
}

#[test]
fn dashboard_lines_are_kept_and_a_write_refreshes_only_its_partner() {
    let (_dir, mut store) = book(true);
    let rules = Rules::default();
    let key = runtime::rules_key(&rules);
    let first = runtime::dashboard_rows(&mut store, today(), &rules).unwrap();
    assert!(first.iter().all(|r| r.health.is_some()));
    let kept = store.summary_rows(today(), &key).unwrap();
    assert!(
        kept.iter().all(|r| r.health.is_some()),
        "every line was saved"
    );

    // A touch logged for one partner (by any writer) drops that partner's line only.
    let id = first[0].id;
    store
        .add_touch(
            &pactum::store::NewTouch {
                partner_id: id,
                on: today(),
                kind: pactum::domain::TouchKind::Update,
                initiated_by: pactum::domain::Initiator::Us,
                summary: "shared the plan".into(),
                bad_news: false,
            },
            today(),
        )
        .unwrap();
    let stale: Vec<i64> = store
        .summary_rows(today(), &key)
        .unwrap()
        .iter()
        .filter(|r| r.health.is_none())
        .map(|r| r.id)
        .collect();
    assert_eq!(stale, vec![id]);

    // Recomputed lines equal a full computation from scratch.
    let again = runtime::dashboard_rows(&mut store, today(), &rules).unwrap();
    let other_day = pactum::domain::dates::shift(today(), 0);
    let (_dir2, mut fresh) = book(true);
    fresh
        .add_touch(
            &pactum::store::NewTouch {
                partner_id: id,
                on: today(),
                kind: pactum::domain::TouchKind::Update,
                initiated_by: pactum::domain::Initiator::Us,
                summary: "shared the plan".into(),
                bad_news: false,
            },
            today(),
        )
        .unwrap();
    let scratch = runtime::dashboard_rows(&mut fresh, other_day, &rules).unwrap();
    assert_eq!(again, scratch);
}

#[test]
fn generated_books_are_the_same_for_the_same_seed() {
    let spec = GenSpec {
        partners: 40,
        commitments: 400,
        touches: 2000,
        seed: 9,
    };
    let text = |seed: u64| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db"), "t").unwrap();
        let counts = store
            .generate(GenSpec { seed, ..spec }, today(), false)
            .unwrap();
        assert_eq!(counts.partners, 40);
        assert_eq!(counts.commitments, 400);
        assert_eq!(counts.touches, 2000);
        let rows = runtime::dashboard_rows(&mut store, today(), &Rules::default()).unwrap();
        format!("{rows:?}")
    };
    assert_eq!(text(9), text(9));
    assert_ne!(text(9), text(10));
}

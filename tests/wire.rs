//! The dashboard's backend (`pactum::wire`) leaves a terminal showing exactly what crossterm's
//! own backend would — every cell's text, colours and attributes — frame after frame, on the
//! demo book with partners and promises in wide, accented and combining text, at several sizes,
//! in fewer bytes. (Emoji sequences are left out: where ratatui and a terminal disagree on their
//! width no backend draws the row as laid out, and the two disagree differently.)

mod common;

use common::{app, press, run, today};
use pactum::app::App;
use pactum::domain::dates::shift;
use pactum::domain::{Origin, Side};
use pactum::store::{NewCommitment, NewPartner, Store};
use pactum::ui::{self, Theme};
use pactum::wire::Wire;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Bytes written, shared with the test.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

fn options(width: u16, height: u16) -> TerminalOptions {
    TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    }
}

/// Each cell as the terminal shows it: text, colours, bold, italic, underline, inverse.
fn cells(screen: &vt100::Screen, width: u16, height: u16) -> Vec<String> {
    let mut out = Vec::new();
    for row in 0..height {
        for col in 0..width {
            if let Some(c) = screen.cell(row, col) {
                out.push(format!(
                    "{row},{col} {:?} {:?} {:?} {}{}{}{}",
                    c.contents(),
                    c.fgcolor(),
                    c.bgcolor(),
                    u8::from(c.bold()),
                    u8::from(c.italic()),
                    u8::from(c.underline()),
                    u8::from(c.inverse())
                ));
            }
        }
    }
    out
}

/// The demo book with partners and promises in wide, accented and combining text.
fn book() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::book(true);
    for (name, title) in [
        ("東京エレクトロン商事", "見積書を送る"),
        ("Café Zürich AG", "Prüfbericht schicken"),
        ("Ｆｕｌｌｗｉｄｔｈ Ｌｔｄ", "한국어 제안서"),
        ("Cafe\u{301} Combining", "ﾊﾞﾝﾄﾞ 半角"),
    ] {
        let id = store
            .add_partner(&NewPartner::named(name, today()))
            .unwrap();
        store
            .add_commitment(&NewCommitment {
                partner_id: id,
                side: Side::Ours,
                title: title.into(),
                detail: String::new(),
                made_on: shift(today(), -10),
                due_on: Some(shift(today(), -2)),
                ongoing: false,
                origin: Origin::Later,
            })
            .unwrap();
    }
    (dir, store)
}

/// Drives the app through `keys`, drawing a frame after each with both backends into two
/// emulated terminals, and compares them. Returns the bytes each backend wrote.
fn compare(
    store: &mut Store,
    app: &mut App,
    keys: &[&str],
    width: u16,
    height: u16,
) -> (usize, usize) {
    let theme = Theme { color: true };
    let (ours, theirs) = (Sink::default(), Sink::default());
    let mut wire = Terminal::with_options(Wire::new(ours.clone()), options(width, height)).unwrap();
    let mut reference = Terminal::with_options(
        CrosstermBackend::new(theirs.clone()),
        options(width, height),
    )
    .unwrap();
    let parser = || {
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        vt100::Parser::new(nz(height), nz(width), 0)
    };
    let mut seen = (parser(), parser());
    let mut bytes = (0, 0);
    for key in std::iter::once(&"").chain(keys) {
        if !key.is_empty() {
            let effects = press(app, &[key]);
            run(app, store, effects);
        }
        wire.draw(|f| ui::draw(app, &theme, f)).unwrap();
        reference.draw(|f| ui::draw(app, &theme, f)).unwrap();
        let (a, b) = (ours.take(), theirs.take());
        bytes = (bytes.0 + a.len(), bytes.1 + b.len());
        seen.0.process(&a);
        seen.1.process(&b);
        let (ours, theirs) = (
            cells(seen.0.screen(), width, height),
            cells(seen.1.screen(), width, height),
        );
        let differ: Vec<String> = (ours.iter().zip(&theirs))
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("{a}  ≠  {b}"))
            .collect();
        assert!(
            differ.is_empty(),
            "after {key:?} at {width}x{height}:\n{}",
            differ.join("\n")
        );
    }
    bytes
}

#[test]
fn the_wire_shows_what_crossterm_shows_in_fewer_bytes() {
    let keys = [
        "j", "j", "tab", "j", "tab", "tab", "G", "T", "j", "esc", "b", "pagedown", "esc", "L",
        "esc", "i", "esc", "?", "esc", "c", "k", "k", "/", "a", "esc", "P", "esc",
    ];
    let (mut ours, mut theirs) = (0, 0);
    for (width, height) in [(80, 24), (200, 50), (41, 11), (120, 40)] {
        let (_dir, mut store) = book();
        let mut app = app(&mut store, width, height);
        let (a, b) = compare(&mut store, &mut app, &keys, width, height);
        ours += a;
        theirs += b;
    }
    assert!(ours < theirs, "{ours} B against crossterm's {theirs} B");
    println!("the same frames: {ours} B against crossterm's {theirs} B");
}

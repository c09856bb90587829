//! The dashboard's backend (`pactum::tui::backend`) leaves a terminal showing exactly the frame ratatui
//! laid out — every cell's text, colours and attributes — frame after frame, on the demo book
//! with partners and promises in wide, accented and combining text, at several sizes, and in
//! fewer bytes than crossterm's own backend. (Emoji sequences and halfwidth sound marks (ﾊﾞ) are
//! left out: ratatui and terminals disagree on their width — ratatui counts ﾊﾞ as three
//! columns, vt100 as one — so no backend can draw such a row as laid out. What ours does with
//! them, leave no stale characters, is checked on its own below.)

mod common;

use common::{app, press, run, today};
use pactum::app::App;
use pactum::domain::dates::shift;
use pactum::domain::{Origin, Side};
use pactum::store::{NewCommitment, NewPartner, Store};
use pactum::tui::backend::AnsiBackend;
use pactum::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
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

/// A screen cell by cell: its text and look (`colours bold italic underline inverse`), or
/// `None` for a cell a wide symbol covers. A blank is a space whether it was erased, never
/// written or written as one: all three look the same.
type Screen = Vec<Vec<Option<String>>>;

fn describe(text: &str, fg: String, bg: String, attrs: [bool; 4]) -> Option<String> {
    let text = if text.is_empty() { " " } else { text };
    let [b, i, u, r] = attrs.map(u8::from);
    Some(format!("{text:?} {fg} {bg} {b}{i}{u}{r}"))
}

/// The emulated terminal's screen.
fn shown(screen: &vt100::Screen, width: u16, height: u16) -> Screen {
    let name = |c: vt100::Color| match c {
        vt100::Color::Default => "default".to_string(),
        vt100::Color::Idx(n) => format!("#{n}"),
        vt100::Color::Rgb(r, g, b) => format!("rgb({r},{g},{b})"),
    };
    (0..height)
        .map(|row| {
            (0..width)
                .map(|col| {
                    let c = screen.cell(row, col).unwrap();
                    let attrs = [c.bold(), c.italic(), c.underline(), c.inverse()];
                    let (fg, bg) = (name(c.fgcolor()), name(c.bgcolor()));
                    (!c.is_wide_continuation())
                        .then(|| describe(c.contents(), fg, bg, attrs))
                        .flatten()
                })
                .collect()
        })
        .collect()
}

/// The frame as ratatui laid it out.
fn laid_out(buffer: &Buffer) -> Screen {
    let name = |c: Color| match c {
        Color::Reset => "default".to_string(),
        Color::Indexed(n) => format!("#{n}"),
        Color::Rgb(r, g, b) => format!("rgb({r},{g},{b})"),
        basic => {
            let order = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ];
            format!("#{}", order.iter().position(|o| *o == basic).unwrap())
        }
    };
    let area = buffer.area;
    (0..area.height)
        .map(|row| {
            let mut covered = 0;
            (0..area.width)
                .map(|col| {
                    if covered > 0 {
                        covered -= 1;
                        return None;
                    }
                    let c = &buffer[(col, row)];
                    covered = c.symbol().cell_width().saturating_sub(1);
                    let m = c.modifier;
                    let attrs = [
                        m.contains(Modifier::BOLD),
                        m.contains(Modifier::ITALIC),
                        m.contains(Modifier::UNDERLINED),
                        m.contains(Modifier::REVERSED),
                    ];
                    describe(c.symbol(), name(c.fg), name(c.bg), attrs)
                })
                .collect()
        })
        .collect()
}

/// The first cells where two screens differ.
fn differences(ours: &Screen, expected: &Screen) -> Vec<String> {
    let mut out = Vec::new();
    for (row, (a, b)) in ours.iter().zip(expected).enumerate() {
        for (col, (a, b)) in a.iter().zip(b).enumerate() {
            if a != b {
                out.push(format!("{row},{col}: {a:?}  ≠  laid out {b:?}"));
            }
        }
    }
    out.truncate(5);
    out
}

/// The demo book with partners and promises in wide, accented and combining text.
fn book() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::book(true);
    for (name, title) in [
        ("東京エレクトロン商事", "見積書を送る"),
        ("Café Zürich AG", "Prüfbericht schicken"),
        ("Ｆｕｌｌｗｉｄｔｈ Ｌｔｄ", "한국어 제안서"),
        ("Cafe\u{301} Combining", "ﾊﾝｶｸ 半角"),
    ] {
        let id = store
            .add_partner(&NewPartner::named(name, today()))
            .unwrap();
        store
            .add_commitment(
                &NewCommitment {
                    partner_id: id,
                    side: Side::Ours,
                    title: title.into(),
                    detail: String::new(),
                    made_on: shift(today(), -10),
                    due_on: Some(shift(today(), -2)),
                    ongoing: false,
                    origin: Origin::Later,
                },
                today(),
            )
            .unwrap();
    }
    (dir, store)
}

/// Drives the app through `keys`, drawing a frame after each with our backend and crossterm's
/// into two emulated terminals; checks ours shows the frame as laid out after every key.
/// Returns the bytes each backend wrote.
fn compare(
    store: &mut Store,
    app: &mut App,
    keys: &[&str],
    width: u16,
    height: u16,
) -> (usize, usize) {
    let theme = Theme { color: true };
    let (ours, theirs) = (Sink::default(), Sink::default());
    let mut wire =
        Terminal::with_options(AnsiBackend::new(ours.clone()), options(width, height)).unwrap();
    let mut reference = Terminal::with_options(
        CrosstermBackend::new(theirs.clone()),
        options(width, height),
    )
    .unwrap();
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut seen = vt100::Parser::new(nz(height), nz(width), 0);
    let mut bytes = (0, 0);
    for key in std::iter::once(&"").chain(keys) {
        if !key.is_empty() {
            let effects = press(app, &[key]);
            run(app, store, effects);
        }
        let frame = laid_out(wire.draw(|f| ui::draw(app, &theme, f)).unwrap().buffer);
        reference.draw(|f| ui::draw(app, &theme, f)).unwrap();
        let (a, b) = (ours.take(), theirs.take());
        bytes = (bytes.0 + a.len(), bytes.1 + b.len());
        seen.process(&a);
        let differ = differences(&shown(seen.screen(), width, height), &frame);
        assert!(
            differ.is_empty(),
            "after {key:?} at {width}x{height}:\n{}",
            differ.join("\n")
        );
    }
    bytes
}

#[test]
fn the_wire_shows_each_frame_as_laid_out_in_fewer_bytes_than_crossterm() {
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

#[test]
fn a_cluster_a_terminal_draws_narrower_leaves_no_stale_text() {
    // ratatui counts ﾊﾞ three columns wide and the emoji sequences two; vt100, like some
    // terminals, draws them narrower (or wider). Whatever it draws, nothing of the old text
    // may stay in the columns ratatui counts as covered, and what follows keeps its column.
    use ratatui::widgets::Paragraph;
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    for cluster in ["ﾊ\u{ff9e}", "☺\u{fe0f}", "👩\u{200d}💻", "e\u{301}\u{301}"] {
        let sink = Sink::default();
        let mut terminal =
            Terminal::with_options(AnsiBackend::new(sink.clone()), options(12, 1)).unwrap();
        let mut screen = vt100::Parser::new(nz(1), nz(12), 0);
        terminal
            .draw(|f| f.render_widget(Paragraph::new("ABCDEFGHIJ"), f.area()))
            .unwrap();
        let after = terminal
            .draw(|f| f.render_widget(Paragraph::new(format!("{cluster}xyz")), f.area()))
            .unwrap()
            .buffer
            .content()
            .iter()
            .position(|c| c.symbol() == "x")
            .unwrap();
        screen.process(&sink.take());
        let row = screen.screen().contents();
        assert!(
            !row.contains(|c: char| "ABCDEFGHIJ".contains(c)),
            "{cluster:?}: old text left on the row: {row:?}"
        );
        assert_eq!(
            screen.screen().cell(0, after as u16).unwrap().contents(),
            "x",
            "{cluster:?}: the text after it moved: {row:?}"
        );
    }
}

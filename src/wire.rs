//! What a frame costs on the wire: a ratatui backend for ANSI terminals that sends each changed
//! cell with the shortest common sequences — one SGR per change of style, the 16 basic colours
//! as `30–37`/`90–97`, a relative move (`CUF`) over unchanged cells of a row and an absolute one
//! only where the row changes or the cursor's place is not known. crossterm's own backend writes
//! each colour as a 256-colour index, both colours at every change, and an absolute move for
//! every gap: the same frames cost it about a third more (tests/wire.rs checks that a terminal
//! shows exactly the same cells either way).

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::terminal::{self, Clear};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// A terminal on `W` (a buffered stdout in the dashboard).
#[derive(Debug)]
pub struct Wire<W: Write> {
    out: W,
}

impl<W: Write> Wire<W> {
    pub fn new(out: W) -> Wire<W> {
        Wire { out }
    }
}

/// The style the terminal draws with: colours and attributes, as after `ESC[0m` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

const ATTRIBUTES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// Appends the SGR parameters of `color`: `base` 30 for the foreground, 40 for the background.
fn color(params: &mut Vec<String>, color: Color, base: u8) {
    let basic = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    params.push(match color {
        Color::Reset => basic(9),
        Color::Black => basic(0),
        Color::Red => basic(1),
        Color::Green => basic(2),
        Color::Yellow => basic(3),
        Color::Blue => basic(4),
        Color::Magenta => basic(5),
        Color::Cyan => basic(6),
        Color::Gray => basic(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(n) => format!("{};5;{n}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    });
}

/// One SGR sequence taking the terminal from `from` to `to` (nothing when they are the same).
fn sgr(out: &mut impl Write, from: Pen, to: Pen) -> io::Result<()> {
    if from == to {
        return Ok(());
    }
    let mut params = Vec::new();
    // An attribute is switched off by starting again from the default style.
    let from = if from.modifier.difference(to.modifier).is_empty() {
        from
    } else {
        params.push("0".to_string());
        Pen::default()
    };
    for (modifier, code) in ATTRIBUTES {
        if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
            params.push(code.to_string());
        }
    }
    if to.fg != from.fg {
        color(&mut params, to.fg, 30);
    }
    if to.bg != from.bg {
        color(&mut params, to.bg, 40);
    }
    write!(out, "\x1b[{}m", params.join(";"))
}

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = Pen::default();
        // Where the cursor stands, when that is known.
        let mut at: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match at {
                Some(here) if here == (x, y) => {}
                // Unchanged cells on the row are skipped by a relative move: shorter.
                Some((cx, cy)) if cy == y && cx < x => write!(self.out, "\x1b[{}C", x - cx)?,
                _ => write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?,
            }
            let want = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            sgr(&mut self.out, pen, want)?;
            pen = want;
            let symbol = cell.symbol();
            self.out.write_all(symbol.as_bytes())?;
            // A one-cell symbol leaves the cursor on the next cell, as ratatui lays cells out;
            // after an emoji sequence, whose width terminals disagree on, the next cell is
            // placed by an absolute move, so the rest of the row keeps its columns.
            let narrow =
                UnicodeWidthStr::width(symbol) == 1 && !symbol.contains(['\u{fe0f}', '\u{200d}']);
            at = narrow.then_some((x + 1, y));
        }
        sgr(&mut self.out, pen, Pen::default())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, cursor::Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, cursor::Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = cursor::position()?;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.out, cursor::MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, Clear(kind))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

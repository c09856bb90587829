//! What a frame costs on the wire: a ratatui backend for ANSI terminals that sends each changed
//! cell with the shortest common sequences — one SGR per change of style, the 16 basic colours
//! as `30–37`/`90–97`; over unchanged cells of a row, a relative move (`CUF`), or for a gap of
//! one to three plain characters the characters again (shorter); a run of blanks erased
//! (`ECH`) rather than written out; an absolute move only where the row changes or the cursor's
//! place is not known. crossterm's own backend writes each colour as a 256-colour index, both
//! colours at every change, and an absolute move for every gap: the same frames cost it about
//! half as much again. A wide cluster of several characters (ﾊﾞ, an emoji sequence) is drawn
//! over erased cells, so a terminal that draws it narrower than ratatui counts leaves no stale
//! text (crossterm's backend does). tests/wire.rs checks the terminal shows every frame as
//! ratatui laid it out.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::crossterm::terminal::{self, Clear};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// A terminal on `W` (a buffered stdout in the dashboard).
#[derive(Debug)]
pub struct AnsiBackend<W: Write> {
    out: W,
    shown: Shown,
}

impl<W: Write> AnsiBackend<W> {
    pub fn new(out: W) -> AnsiBackend<W> {
        AnsiBackend {
            out,
            shown: Shown::default(),
        }
    }
}

/// What the terminal shows, as far as this backend drew it: cells never drawn since the screen
/// was cleared are blank. Unknown after a partial clear, until the next full one.
#[derive(Debug, Default)]
struct Shown {
    width: u16,
    cells: Vec<Cell>,
    unknown: bool,
}

impl Shown {
    fn get(&self, x: u16, y: u16) -> Option<&Cell> {
        if self.unknown {
            return None;
        }
        if x >= self.width {
            return Some(&BLANK);
        }
        let index = usize::from(y) * usize::from(self.width) + usize::from(x);
        Some(self.cells.get(index).unwrap_or(&BLANK))
    }

    fn set(&mut self, x: u16, y: u16, cell: &Cell) {
        if x >= self.width {
            // Wider than any cell drawn before: lay the rows out again at the new width.
            let width = x
                .saturating_add(1)
                .max(self.width.saturating_mul(2))
                .max(256);
            let old = std::mem::take(&mut self.cells);
            let rows = old.len() / usize::from(self.width.max(1));
            self.cells = vec![BLANK.clone(); rows * usize::from(width)];
            for (row, cells) in old.chunks(usize::from(self.width.max(1))).enumerate() {
                let start = row * usize::from(width);
                self.cells[start..start + cells.len()].clone_from_slice(cells);
            }
            self.width = width;
        }
        let index = usize::from(y) * usize::from(self.width) + usize::from(x);
        if index >= self.cells.len() {
            self.cells.resize(
                (usize::from(y) + 1) * usize::from(self.width),
                BLANK.clone(),
            );
        }
        self.cells[index] = cell.clone();
        // A wide symbol covers the cells after it; whatever they held is gone from the screen.
        let wide = cell.symbol().cell_width();
        for covered in 1..wide {
            if let Some(cx) = x.checked_add(covered) {
                self.set(cx, y, &BLANK);
            }
        }
    }

    fn clear(&mut self, known: bool) {
        self.cells.clear();
        self.unknown = !known;
    }
}

static BLANK: Cell = Cell::EMPTY;

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

/// Erasing a run costs `ESC[nX` and leaves the cursor at its start; a run this long or longer
/// of blank cells in the plain style is erased rather than written out as spaces.
const ERASE_AT_LEAST: usize = 6;

/// Whether the terminal may erase `cell` rather than print it: a blank in the default style
/// (terminals erase to the default look, given the default background).
fn erasable(cell: &Cell) -> bool {
    cell.symbol() == " " && pen_of(cell) == Pen::default()
}

fn pen_of(cell: &Cell) -> Pen {
    Pen {
        fg: cell.fg,
        bg: cell.bg,
        modifier: cell.modifier,
    }
}

/// Decimal digits of `n`, for the length of a sequence carrying it.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

impl<W: Write> AnsiBackend<W> {
    /// Moves the cursor from `at` to `(x, y)`: nothing when it is there; over a short gap of
    /// unchanged plain ASCII in the current style, by printing those cells again (fewer bytes
    /// than a move); along the row by a relative move; otherwise by an absolute one.
    fn go(&mut self, at: Option<(u16, u16)>, x: u16, y: u16, pen: Pen) -> io::Result<()> {
        match at {
            Some(here) if here == (x, y) => Ok(()),
            Some((cx, cy)) if cy == y && cx < x => {
                let gap = usize::from(x - cx);
                let mut again = [0u8; 3];
                let reprint = gap < 3 + digits(gap)
                    && (cx..x).enumerate().all(|(i, col)| {
                        self.shown.get(col, y).is_some_and(|cell| {
                            let symbol = cell.symbol().as_bytes();
                            let plain =
                                symbol.len() == 1 && symbol[0].is_ascii_graphic() || symbol == b" ";
                            if plain {
                                again[i] = symbol[0];
                            }
                            plain && pen_of(cell) == pen
                        })
                    });
                if reprint {
                    self.out.write_all(&again[..gap])
                } else {
                    write!(self.out, "\x1b[{gap}C")
                }
            }
            _ => write!(self.out, "\x1b[{};{}H", y + 1, x + 1),
        }
    }
}

impl<W: Write> Backend for AnsiBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let mut pen = Pen::default();
        // Where the cursor stands, when that is known.
        let mut at: Option<(u16, u16)> = None;
        let mut i = 0;
        while i < cells.len() {
            let (x, y, cell) = cells[i];
            self.go(at, x, y, pen)?;
            // A run of erasable cells, each right after the one before.
            let run = cells[i..]
                .iter()
                .enumerate()
                .take_while(|(k, (cx, cy, c))| {
                    *cy == y && usize::from(*cx) == usize::from(x) + k && erasable(c)
                })
                .count();
            // Erasing leaves the cursor at the run's start: a cell right after the run then
            // needs a move that printing would not have.
            let after = match cells.get(i + run) {
                Some((nx, ny, _)) if *ny == y && usize::from(*nx) == usize::from(x) + run => {
                    3 + digits(run)
                }
                _ => 0,
            };
            if run >= ERASE_AT_LEAST && 3 + digits(run) + after < run {
                sgr(&mut self.out, pen, Pen::default())?;
                pen = Pen::default();
                write!(self.out, "\x1b[{run}X")?;
                for &(cx, cy, c) in &cells[i..i + run] {
                    self.shown.set(cx, cy, c);
                }
                at = Some((x, y));
                i += run;
                continue;
            }
            let want = pen_of(cell);
            sgr(&mut self.out, pen, want)?;
            pen = want;
            let symbol = cell.symbol();
            // The width ratatui lays the cell out with (and skips the covered cells by).
            let width = usize::from(symbol.cell_width());
            if width > 1 && symbol.chars().nth(1).is_some() {
                // A wide cluster of several characters (a letter and its mark, an emoji
                // sequence): a terminal may draw it narrower than ratatui counts, and would
                // then leave what was there in the cells ratatui counts as covered. Erased
                // first, they are blank either way.
                write!(self.out, "\x1b[{width}X")?;
            }
            self.out.write_all(symbol.as_bytes())?;
            self.shown.set(x, y, cell);
            // A one-cell symbol leaves the cursor on the next cell, as ratatui lays cells out;
            // after an emoji sequence, whose width terminals disagree on, the next cell is
            // placed by an absolute move, so the rest of the row keeps its columns.
            let narrow = width == 1 && !symbol.contains(['\u{fe0f}', '\u{200d}']);
            at = narrow.then_some((x + 1, y));
            i += 1;
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
        // After a full clear every cell is blank; after a partial one, what stayed is not known.
        self.shown.clear(clear_type == ClearType::All);
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

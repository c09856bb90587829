//! Scrolling text whose lines take one or more rows each. The offset counts rows, not lines,
//! so a long wrapped line scrolls a row at a time and the end is where the last row shows.
//! Heights come from [`DocLine::rows`](super::doc::DocLine::rows), the measure drawing uses.

use super::doc::Doc;
use super::layout::{areas, conflict_box, help_box, inside, reader_text};
use super::screen::{Reader, Request};
use super::{App, views};
use ratatui::layout::Rect;
use std::ops::Range;

/// Rows of each line laid end to end: where each line starts, and the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    starts: Vec<usize>,
    total: usize,
}

impl Rows {
    /// The layout of lines of these heights.
    pub fn new(heights: impl IntoIterator<Item = usize>) -> Rows {
        let mut starts = Vec::new();
        let mut total = 0usize;
        for h in heights {
            starts.push(total);
            total += h;
        }
        Rows { starts, total }
    }

    /// All rows of all lines.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The rows line `i` takes (empty past the end).
    pub fn of(&self, i: usize) -> Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(self.total);
        let end = self.starts.get(i + 1).copied().unwrap_or(self.total);
        start..end
    }

    /// The last useful offset in a view of `page` rows: the one that shows the last row at the
    /// bottom (0 when everything fits).
    pub fn limit(&self, page: usize) -> usize {
        self.total.saturating_sub(page)
    }
}

/// The offset nearest `top` that shows all of `want` in `page` rows; when `want` is taller than
/// the page, its start.
pub fn reveal(top: usize, want: Range<usize>, page: usize) -> usize {
    if want.start < top || want.len() > page {
        want.start
    } else {
        top.max(want.end.saturating_sub(page))
    }
}

/// The terminal of `size` as a rectangle.
fn screen(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

/// The rows of `doc`'s lines at `width` cells.
pub fn rows_of(doc: &Doc, width: usize) -> Rows {
    Rows::new(doc.lines.iter().map(|l| l.rows(width)))
}

/// The furthest `doc` scrolls in `area`.
fn limit_in(doc: &Doc, area: Rect) -> u16 {
    let limit = rows_of(doc, usize::from(area.width)).limit(usize::from(area.height));
    u16::try_from(limit).unwrap_or(u16::MAX)
}

/// The furthest the Health pane scrolls: its last row at the bottom of the pane.
pub fn health_limit(app: &App) -> u16 {
    let area = inside(areas(screen(app.size)).health);
    app.health_doc(usize::from(area.width))
        .map_or(0, |doc| limit_in(&doc, area))
}

/// The furthest the conflict overlay scrolls.
pub fn conflict_limit(app: &App, c: &super::conflict::Conflict) -> u16 {
    let doc = views::conflict(c, &app.keymap);
    let width = usize::from(inside(conflict_box(screen(app.size), 0)).width);
    let area = inside(conflict_box(screen(app.size), rows_of(&doc, width).total()));
    limit_in(&doc, area)
}

/// The furthest the help overlay scrolls: its last row at the bottom of the box.
pub fn help_limit(app: &App) -> u16 {
    let doc = views::help(&app.keymap);
    let area = inside(help_box(screen(app.size), views::widest(&doc)));
    limit_in(&doc, area)
}

/// The text columns and rows of a reading screen on a terminal of `size`.
pub fn reader_view(size: (u16, u16)) -> (usize, usize) {
    let text = reader_text(screen(size));
    (usize::from(text.width), usize::from(text.height))
}

/// Keeps a reading screen's scroll within its text and, on Today, the cursor line fully on
/// screen: with the line above it when there is room (a section's heading over its first
/// item), and on the last item everything after it (the "… and N more" line).
pub fn settle(reader: &mut Reader, size: (u16, u16)) {
    let (width, page) = reader_view(size);
    let rows = rows_of(&reader.doc, width);
    reader.scroll = reader.scroll.min(rows.limit(page));
    if reader.request != Request::Today {
        return;
    }
    let targets = reader.doc.targets();
    let Some(&line) = targets.get(reader.cursor) else {
        return;
    };
    let own = rows.of(line);
    let end = if reader.cursor + 1 == targets.len() {
        rows.total()
    } else {
        own.end
    };
    let above = rows.of(line.saturating_sub(1)).start;
    let want = [above..end, own.start..end, own]
        .into_iter()
        .find(|r| r.len() <= page)
        .unwrap_or_else(|| rows.of(line));
    reader.scroll = reveal(reader.scroll, want, page);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_lay_lines_end_to_end() {
        let rows = Rows::new([1, 3, 1]);
        assert_eq!(rows.total(), 5);
        assert_eq!(rows.of(1), 1..4);
        assert_eq!(rows.of(2), 4..5);
        assert_eq!(rows.of(9), 5..5);
        assert_eq!(rows.limit(2), 3);
        assert_eq!(rows.limit(9), 0);
    }

    #[test]
    fn reveal_moves_as_little_as_it_can() {
        // Already on screen: stays.
        assert_eq!(reveal(2, 3..5, 4), 2);
        // Above: its start at the top.
        assert_eq!(reveal(4, 1..3, 4), 1);
        // Below: its end at the bottom, all rows of it shown.
        assert_eq!(reveal(0, 5..8, 4), 4);
        // Taller than the page: its start at the top.
        assert_eq!(reveal(0, 5..11, 4), 5);
    }
}

//! Screen geometry shared by drawing and mouse hit-testing. Saturating arithmetic only.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Smallest terminal the dashboard draws in; below it a "too small" message is shown.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Where each part of the dashboard goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub relationships: Rect,
    pub ours: Rect,
    pub theirs: Rect,
    pub health: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the screen into the dashboard's areas. Narrow screens stack the panes.
pub fn areas(screen: Rect) -> Areas {
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let wide = body.width >= 100;
    let [left, right] = if wide {
        Layout::horizontal([Constraint::Percentage(36), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body)
    };
    let [ledger, health] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(right);
    let [ours, theirs] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(ledger);
    Areas {
        title,
        relationships: left,
        ours,
        theirs,
        health,
        status,
        footer,
    }
}

/// Where the full-width screens (Today, Brief, Timeline, Explain, Review) go: between the
/// title and the status line.
pub fn body(screen: Rect) -> Rect {
    let a = areas(screen);
    Rect {
        height: a.status.y.saturating_sub(a.title.bottom()),
        ..a.relationships.union(a.health)
    }
}

/// Inside a one-cell border (as `Block::bordered().inner`).
pub fn inside(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

/// Where a reading screen's text goes: inside the body's border, right of the one-column
/// cursor mark.
pub fn reader_text(screen: Rect) -> Rect {
    let inner = inside(body(screen));
    Rect {
        x: inner.x.saturating_add(1).min(inner.right()),
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// The help box for content `widest` cells wide: as wide as that allows, up to the screen less
/// a margin of two columns each side, and two rows shorter than the screen.
pub fn help_box(screen: Rect, widest: usize) -> Rect {
    let width = u16::try_from(widest.saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(screen.width.saturating_sub(4));
    centered(screen, width, screen.height.saturating_sub(2))
}

/// The conflict overlay's box for a document of `rows` rows: 90 wide at most, as tall as
/// the document and the screen allow.
pub fn conflict_box(screen: Rect, rows: usize) -> Rect {
    let height = u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX);
    centered(screen, 90, height.min(screen.height.saturating_sub(2)))
}

/// Lines of list content inside a bordered pane.
pub fn inner_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// A centred box of at most `width`×`height`, clamped to `screen`.
pub fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(screen.width);
    let h = height.min(screen.height);
    Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The first row shown so that `selected` stays visible in `rows` lines.
pub fn scroll_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected.saturating_sub(rows - 1)
    }
}

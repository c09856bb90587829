//! Mouse clicks select a partner, a commitment, or a pane.

use super::effect::Effect;
use super::layout::{self, areas, inner_rows};
use super::{App, Pane};
use crate::domain::Side;
use ratatui::layout::{Position, Rect};

/// Handles a left click at a cell of the dashboard.
pub(super) fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    if app.overlay.is_some() {
        return Vec::new();
    }
    let a = areas(Rect::new(0, 0, app.size.0, app.size.1));
    let at = Position::new(column, row);
    let line = |area: Rect| usize::from(row.saturating_sub(area.y + 1));
    if a.relationships.contains(at) {
        app.pane = Pane::Relationships;
        let offset = layout::scroll_offset(app.selected, inner_rows(a.relationships));
        let i = offset + line(a.relationships);
        if i < app.data.rows.len() && i != app.selected {
            app.selected = i;
            return vec![app.reload()];
        }
    } else if a.ours.contains(at) {
        app.pane = Pane::Ours;
        let offset = layout::scroll_offset(app.cursor_ours, inner_rows(a.ours));
        let n = app.side(Side::Ours).len();
        app.cursor_ours = (offset + line(a.ours)).min(n.saturating_sub(1));
    } else if a.theirs.contains(at) {
        app.pane = Pane::Theirs;
        let offset = layout::scroll_offset(app.cursor_theirs, inner_rows(a.theirs));
        let n = app.side(Side::Theirs).len();
        app.cursor_theirs = (offset + line(a.theirs)).min(n.saturating_sub(1));
    } else if a.health.contains(at) {
        app.pane = Pane::Health;
    }
    Vec::new()
}

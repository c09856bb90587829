//! Wide symbols under overlays: every frame must be one a terminal can show, so no wide symbol
//! keeps a neighbour that something else drew over its right half, and an overlay's border is
//! whole on every row, whatever wide text lies under its edge.

mod common;

use common::{app, book, drive, today};
use pactum::store::NewPartner;
use pactum::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};

/// Places where a wide symbol's covered cells hold something else.
fn broken_wide_symbols(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    let mut out = Vec::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let width = cell.symbol().cell_width().max(1);
            for covered in x + 1..(x + width).min(area.width) {
                if buffer[(covered, y)].symbol() != " " {
                    out.push(format!(
                        "{:?} at {x},{y} under {:?}",
                        cell.symbol(),
                        buffer[(covered, y)].symbol()
                    ));
                }
            }
            x += width;
        }
    }
    out
}

/// Whether the overlay titled `title` has its left edge on every row: `┌` before the title,
/// `│` down to `└`.
fn left_edge_whole(buffer: &Buffer, title: &str) -> Result<(), String> {
    let area = buffer.area;
    let cells =
        |y: u16| -> Vec<&str> { (0..area.width).map(|x| buffer[(x, y)].symbol()).collect() };
    let wanted: Vec<String> = format!(" {title}").chars().map(String::from).collect();
    for y in 0..area.height {
        let row = cells(y);
        let Some(at) = (0..row.len()).find(|&x| {
            row.len() >= x + wanted.len() && wanted.iter().zip(&row[x..]).all(|(w, c)| w == c)
        }) else {
            continue;
        };
        let left = at.checked_sub(1).ok_or("the title is at the left edge")?;
        if row[left] != "┌" {
            return Err(format!("row {y}: no ┌ before the title: {}", row.concat()));
        }
        for below in y + 1..area.height {
            let row = cells(below);
            match row[left] {
                "└" => return Ok(()),
                "│" => {}
                _ => {
                    return Err(format!(
                        "row {below}: no │ at column {left}: {}",
                        row.concat()
                    ));
                }
            }
        }
        return Err("no bottom edge".into());
    }
    Err(format!("no overlay titled {title:?}"))
}

#[test]
fn an_overlay_over_wide_names_keeps_its_border_whole() {
    let (_dir, mut store) = book(true);
    // The same wide name shifted by one column each time, so one of them straddles each
    // overlay's left border whatever its column.
    for n in 0..30 {
        let pad = "abc".get(..n % 4).unwrap_or_default();
        store
            .add_partner(&NewPartner::named(
                &format!("{pad}東京 Trading 株式会社 {n}"),
                today(),
            ))
            .unwrap();
    }
    for (width, height) in [(120, 35), (100, 30), (81, 24)] {
        for (keys, title) in [
            (vec!["P"], "Add partner"),
            (vec!["G", "X"], "End the partnership"),
        ] {
            let mut app = app(&mut store, width, height);
            drive(&mut app, &mut store, &keys);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|f| ui::draw(&app, &Theme { color: true }, f))
                .unwrap();
            let buffer = terminal.backend().buffer();
            let broken = broken_wide_symbols(buffer);
            assert!(
                broken.is_empty(),
                "{keys:?} at {width}x{height}: {broken:?}"
            );
            if let Err(e) = left_edge_whole(buffer, title) {
                panic!("{keys:?} at {width}x{height}: {e}");
            }
        }
    }
}

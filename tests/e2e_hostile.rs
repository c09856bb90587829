//! Hostile text and a resize storm, end to end: the real binary in a pseudo-terminal, its output
//! parsed by a vt100 terminal that records every request to change the terminal's state.
//!
//! The harness (tests/pty, shared with `e2e_pty.rs`) has a parser that records window-title,
//! OSC, bell, clipboard and resize requests.

mod hostile;
mod pty;

use hostile::{HOSTILE_NAME, HOSTILE_TITLE, forbidden};
use pty::{Home, Session};
use std::thread;
use std::time::Duration;

const TITLE_BAR: &str = " pactum — agreements must be kept";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// A book with the hostile partner and an overdue commitment of ours with the hostile title.
fn hostile_home() -> Home {
    let home = Home::new();
    home.cli(&[
        "partner",
        "add",
        HOSTILE_NAME,
        "--stage",
        "signed",
        "--signed-on",
        "-60d",
    ]);
    home.cli(&[
        "commitment",
        "add",
        "ACME",
        HOSTILE_TITLE,
        "--ours",
        "--made-on",
        "-20d",
        "--due",
        "-3d",
    ]);
    home
}

#[test]
fn hostile_text_cannot_change_the_terminal() {
    let home = hostile_home();
    let mut s = Session::spawn(&home, 160, 40);
    s.wait_for("ACME^[]0;owned");
    assert!(s.row(0).starts_with(TITLE_BAR), "row 0: {:?}", s.row(0));
    // The screen clears once, when the program starts; never again because of the data.
    let clears = count(&s.raw(), b"\x1b[2J");

    s.send("b");
    s.wait_for("Brief — ACME^[]0;owned^G^[[2J^[[31mFAKE");
    assert!(
        s.row(0).starts_with(TITLE_BAR),
        "row 0 in Brief: {:?}",
        s.row(0)
    );

    s.send("\x1b");
    s.wait_until("the dashboard again", |screen| {
        !screen.contents().contains("Brief —")
    });
    s.send("T");
    s.wait_for("Pay 0001$ by ^[[2J Friday");
    s.wait_for("ACME^[]0;owned");
    assert!(
        s.row(0).starts_with(TITLE_BAR),
        "row 0 in Today: {:?}",
        s.row(0)
    );
    assert_eq!(
        count(&s.raw(), b"\x1b[2J"),
        clears,
        "the screen was cleared again"
    );

    s.send("q");
    s.wait_until("the dashboard again", |screen| {
        screen.contents().contains("Relationships")
    });
    s.send("q");
    assert!(
        s.wait_exit().success(),
        "pactum failed:\n{}",
        s.screen_text()
    );

    let raw = s.raw();
    let shown = String::from_utf8_lossy(&raw);
    for (what, bytes) in [
        ("the OSC title sequence", b"\x1b]0;owned".as_slice()),
        ("the red SGR before FAKE", b"\x1b[31mFAKE".as_slice()),
        ("U+202E", "\u{202e}".as_bytes()),
        ("U+202C", "\u{202c}".as_bytes()),
        ("U+009B", "\u{9b}".as_bytes()),
        ("a bell", b"\x07".as_slice()),
    ] {
        assert!(
            !contains(&raw, bytes),
            "{what} reached the terminal: {shown:?}"
        );
    }
    let parser = s.parser.lock().unwrap();
    let requests = parser.callbacks();
    assert!(requests.titles.is_empty(), "window title set: {requests:?}");
    assert!(requests.osc.is_empty(), "OSC sent: {requests:?}");
    assert_eq!(requests.bells, 0, "bell rung: {requests:?}");
    assert_eq!(requests.clipboard, 0, "clipboard used: {requests:?}");
    assert_eq!(requests.resizes, 0, "window resize requested: {requests:?}");
}

#[test]
fn plain_text_outputs_show_hostile_text_in_caret_form() {
    let home = hostile_home();
    home.cli(&[
        "touch",
        "add",
        "ACME",
        "line one\n\x1b[2Jline \u{202e}two\t.",
    ]);
    for args in [
        &["partner", "list"][..],
        &["partner", "show", "ACME"],
        &["commitment", "list"],
        &["touch", "list"],
        &["health"],
        &["today"],
        &["brief", "ACME"],
        &["render", "--size", "160x40"],
        &["render", "--size", "100x30", "--view", "brief:ACME"],
        &["render", "--size", "100x30", "--view", "timeline:ACME"],
        &["render", "--size", "100x30", "--view", "explain:ACME"],
        &["render", "--size", "100x30", "--view", "review:ACME"],
        &["render", "--size", "100x30", "--view", "today"],
        &["log"],
        &["log", "ACME"],
        &["update", "ACME"],
        &["plan", "ACME"],
        &["plan", "ACME", "--format", "html"],
        &["contact", "list"],
        &["problem", "list"],
    ] {
        let (out, err) = home.cli(args);
        for text in [&out, &err] {
            let bad = text.chars().find(|c| *c != '\n' && forbidden(*c));
            assert!(bad.is_none(), "pactum {args:?} printed {bad:?}:\n{text}");
        }
    }
    let (shown, _) = home.cli(&["partner", "show", "ACME"]);
    assert!(shown.contains("ACME^[]0;owned^G^[[2J^[[31mFAKE"), "{shown}");
    // JSON keeps the exact stored text; JSON escapes it.
    let (json, _) = home.cli(&["partner", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(list[0]["name"], HOSTILE_NAME, "{json}");
    assert!(!json.contains('\x1b'), "{json}");
}

#[test]
fn error_messages_show_hostile_names_in_caret_form() {
    let home = hostile_home();
    home.cli(&["partner", "add", "ACME\u{202e}\x1b[2J two"]);
    for args in [
        &["partner", "show", "acme"][..],
        &["partner", "show", "ACNE\x1b]0;owned"],
        &["partner", "add", HOSTILE_NAME],
        &["commitment", "add", "ACME\x1b[31mFAKE", "x", "--ours"],
    ] {
        let err = home.cli_fails(args);
        let bad = err.chars().find(|c| *c != '\n' && forbidden(*c));
        assert!(
            bad.is_none(),
            "pactum {args:?} wrote {bad:?} to stderr:\n{err}"
        );
        assert!(err.starts_with("pactum: "), "{err}");
    }
    let ambiguous = home.cli_fails(&["partner", "show", "acme"]);
    assert!(ambiguous.contains("ACME^[]0;owned^G"), "{ambiguous}");
}

/// The screen's rows, right-trimmed, as `pactum render` prints them.
fn rows_of(screen: &vt100::Screen) -> Vec<String> {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .map(|r| r.trim_end().to_string())
        .collect()
}

#[test]
fn a_resize_storm_ends_on_a_correct_frame() {
    let home = Home::new();
    home.cli(&["demo"]);
    let (want, _) = home.cli(&["render", "--size", "100x30"]);
    let want: Vec<String> = want.lines().map(str::to_string).collect();
    assert!(want.iter().any(|l| l.contains("Relationships")), "{want:?}");

    let mut s = Session::spawn(&home, 100, 30);
    s.wait_for("Relationships");
    // A key answered means the event loop (and its SIGWINCH handler) is running.
    s.send("j");
    s.wait_until("the selection to move", |screen| {
        rows_of(screen).get(28) != want.get(28)
    });
    s.send("k");

    // Hundreds of sizes from 1×1 to 300×100, 0–2 ms apart: many are drawn, many overtaken.
    let mut seed: u32 = 0x9e37_79b9;
    let mut next = |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    for i in 0..400u32 {
        let (cols, rows) = match i % 10 {
            0 => (1, 1),
            1 => (300, 100),
            2 => (40, 10),
            3 => (39, 9),
            _ => (1 + next(300), 1 + next(100)),
        };
        s.resize(cols as u16, rows as u16);
        thread::sleep(Duration::from_millis(u64::from(next(3))));
        if i % 50 == 0 {
            assert!(s.alive(), "pactum died in the storm:\n{}", s.screen_text());
        }
    }
    s.resize(100, 30);

    s.wait_until(
        "the dashboard drawn at 100×30, as `pactum render` draws it",
        |screen| rows_of(screen) == want,
    );
    assert!(s.alive(), "pactum died after the storm");
    assert!(!s.screen_text().contains("terminal too small"));

    s.send("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "pactum exited with {status:?}:\n{}",
        s.screen_text()
    );
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("panicked"), "a panic was printed: {raw:?}");
}

#[test]
fn importing_a_hostile_file_reports_in_caret_form() {
    let home = hostile_home();
    let header = "Name,Stage,Update every days,Created on,Tags\n";
    let good = home.dir.path().join("good.csv");
    let row = "\"Evil\x1b]0;owned\x07\u{202e}Corp\",prospect,14,2026-01-05,\x1b[31mred\n";
    std::fs::write(&good, format!("{header}{row}")).unwrap();
    let bad = home.dir.path().join("bad.csv");
    let row = "\"Bad\x1b[2J\u{9b}date\",prospect,14,2026-13-45\x1b[2J,x\n";
    std::fs::write(&bad, format!("{header}{row}")).unwrap();
    let (good, bad) = (good.display().to_string(), bad.display().to_string());
    for args in [
        &["import", "--dry-run", &good][..],
        &["import", &good],
        &["import", &bad],
        &["log"],
        &["partner", "list"],
    ] {
        let (_, out, err) = home.cli_any(args);
        for text in [&out, &err] {
            let bad = text.chars().find(|c| *c != '\n' && forbidden(*c));
            assert!(bad.is_none(), "pactum {args:?} printed {bad:?}:\n{text}");
        }
    }
    let (listed, _) = home.cli(&["partner", "list"]);
    assert!(listed.contains("Evil^[]0;owned^GCorp"), "{listed}");
}

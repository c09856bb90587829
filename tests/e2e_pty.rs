//! End-to-end tests of the dashboard in a real pseudo-terminal.
//!
//! Each test starts the `pactum` binary on a pty, feeds everything it writes into a
//! `vt100::Parser` on a reader thread (keeping a copy of the raw bytes), types keys into the
//! master side, and waits — with a deadline, never a fixed sleep — for text to appear.

use portable_pty::{CommandBuilder, native_pty_system};
use std::io::Read;
use std::process::Command;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

mod pty;

use pty::*;

/// Position of the first occurrence of `needle` in `hay` at or after `from`.
fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Asserts the program entered the alternate screen and left it afterwards, and that the
/// emulated terminal is back in its normal mode.
fn assert_alternate_screen_left(session: &Session) {
    let raw = session.raw();
    let shown = String::from_utf8_lossy(&raw);
    let entered = find_from(&raw, b"\x1b[?1049h", 0)
        .unwrap_or_else(|| panic!("never entered the alternate screen; output: {shown:?}"));
    assert!(
        find_from(&raw, b"\x1b[?1049l", entered).is_some(),
        "the alternate screen was not left after being entered; output: {shown:?}"
    );
    let parser = session.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "the terminal is still on the alternate screen"
    );
}

#[test]
fn add_partner_and_commitment_keep_it_and_see_it_after_restart() {
    let home = Home::new();
    let mut s = home.spawn(100, 30);
    s.wait_for("Welcome to pactum");

    s.send("P");
    s.wait_for("Add partner");
    s.send("Acme");
    s.wait_for("Acme");
    s.send("\r");
    s.wait_in_pane("Relationships", "Acme");

    s.send("a");
    s.wait_for("New commitment with Acme");
    s.send("Send pricing");
    s.wait_for("Send pricing");
    s.send("\r");
    s.wait_in_pane("We promised", "Send pricing");
    // The commitment just added is the selected one.
    s.wait_for("▶ We promised");
    s.send("K");
    s.wait_in_status("kept");

    s.send("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "pactum exited with {status:?}; the screen:\n{}",
        s.screen_text()
    );
    drop(s);

    let listed = home.cli(&["commitment", "list", "--json"]).0;
    let list: serde_json::Value = serde_json::from_str(&listed).expect("JSON from the CLI");
    let item = list
        .as_array()
        .expect("a JSON array")
        .iter()
        .find(|c| c["title"] == "Send pricing")
        .unwrap_or_else(|| panic!("no \"Send pricing\" in {listed}"));
    assert_eq!(item["status"], "kept", "in {listed}");
    assert_eq!(item["side"], "ours", "in {listed}");

    let mut again = home.spawn(100, 30);
    again.wait_in_pane("Relationships", "Acme");
    again.send("q");
    let status = again.wait_exit();
    assert!(status.success(), "second run exited with {status:?}");
}

#[test]
fn quitting_restores_the_terminal() {
    let home = Home::new();
    let mut s = home.spawn(100, 30);
    s.wait_for("Welcome to pactum");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "pactum exited with {status:?}");

    assert_alternate_screen_left(&s);
    let raw = s.raw();
    let shown = String::from_utf8_lossy(&raw);
    let entered = find_from(&raw, b"\x1b[?1049h", 0).expect("entered the alternate screen");
    assert!(
        find_from(&raw, b"\x1b[?1000l", entered).is_some()
            || find_from(&raw, b"\x1b[?1006l", entered).is_some(),
        "mouse capture was not disabled; output: {shown:?}"
    );
    assert!(
        find_from(&raw, b"\x1b[?2004l", entered).is_some(),
        "bracketed paste was not disabled; output: {shown:?}"
    );
    assert!(
        find_from(&raw, b"\x1b[?25h", entered).is_some(),
        "the cursor was not shown again; output: {shown:?}"
    );

    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(!screen.bracketed_paste(), "bracketed paste is still on");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is still on"
    );
}

#[test]
fn welcome_on_an_empty_book_and_d_loads_the_demo() {
    let home = Home::new();
    let mut s = home.spawn(100, 30);
    s.wait_for("Welcome to pactum");
    s.send("D");
    s.wait_for("Northwind");
    s.wait_for("loaded the demo book");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "pactum exited with {status:?}");
}

#[test]
fn a_tiny_terminal_says_so_and_recovers_when_resized() {
    let home = Home::new();
    // A partner, so the full dashboard (not the welcome) shows once there is room.
    home.cli(&["partner", "add", "Acme"]);
    let mut s = home.spawn(20, 5);
    s.wait_for("terminal too small");

    s.resize(100, 30);
    // crossterm installs its SIGWINCH handler on the first poll, just after the first draw;
    // a resize landing in that instant is lost. If the dashboard does not come, wiggle the
    // size once more (the same size again would send no SIGWINCH).
    if !s.shows_within("Relationships", Duration::from_secs(3)) {
        s.resize(99, 30);
        s.resize(100, 30);
    }
    s.wait_for("Relationships");
    s.wait_in_pane("Relationships", "Acme");
    assert!(
        !s.screen_text().contains("terminal too small"),
        "the too-small message stayed after resizing:\n{}",
        s.screen_text()
    );

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "pactum exited with {status:?}");
    assert_alternate_screen_left(&s);
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let home = Home::new();
    let mut s = home.spawn(100, 30);
    s.wait_for("Welcome to pactum");

    let pid = s.child.process_id().expect("the child's pid");
    let killed = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .expect("running kill");
    assert!(killed.success(), "kill -TERM {pid} failed");

    let status = s.wait_exit();
    assert!(
        status.success(),
        "pactum exited with {status:?} after SIGTERM"
    );
    assert_alternate_screen_left(&s);
}

#[test]
fn sigquit_restores_the_terminal_and_keeps_the_draft() {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    let mut s = home.spawn(100, 30);
    s.wait_in_pane("Relationships", "Acme");
    s.send("t");
    s.wait_for("Log touch with Acme");
    // Past the kind and who started it, to the summary.
    s.send("\t\t");
    s.send("Asked for the signed order");
    s.wait_for("Asked for the signed order");
    let pid = s.child.process_id().expect("the child's pid");
    let quit = Command::new("kill")
        .arg("-QUIT")
        .arg(pid.to_string())
        .status()
        .expect("running kill");
    assert!(quit.success(), "kill -QUIT {pid} failed");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "pactum exited with {status:?} after SIGQUIT"
    );
    assert_alternate_screen_left(&s);

    let mut again = home.spawn(100, 30);
    again.wait_for("Asked for the signed order");
    again.wait_in_status("unfinished form");
    again.send("\x1b");
    again.wait_until("the form to close", |s| {
        !s.contents().contains("Log touch with")
    });
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn today_keeps_an_overdue_commitment_in_place() {
    let home = Home::new();
    home.cli(&[
        "partner",
        "add",
        "Acme",
        "--stage",
        "signed",
        "--signed-on",
        "-60d",
    ]);
    home.cli(&[
        "commitment",
        "add",
        "Acme",
        "Send pricing",
        "--ours",
        "--made-on",
        "-20d",
        "--due",
        "-5d",
    ]);
    home.cli(&[
        "commitment",
        "add",
        "Acme",
        "Draft the plan",
        "--ours",
        "--made-on",
        "-20d",
        "--due",
        "-1d",
    ]);
    let mut session = home.spawn(100, 30);
    session.wait_in_pane("Relationships", "Acme");
    session.send("T");
    session.wait_for("We owe, overdue (2)");
    session.wait_for("Send pricing — 5 days late");
    session.send("K");
    session.wait_for("We owe, overdue (1)");
    session.wait_until("Send pricing to leave the agenda", |s| {
        !s.contents().contains("Send pricing")
    });
    session.send("\x1b");
    session.wait_in_pane("Relationships", "Acme");
    session.send("q");
    assert!(session.wait_exit().success());
    let kept = home.cli(&["commitment", "list", "Acme", "--json"]).0;
    let list: serde_json::Value = serde_json::from_str(&kept).unwrap();
    let pricing = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == "Send pricing")
        .unwrap();
    assert_eq!(pricing["status"], "kept");
}

#[test]
fn a_dropped_link_keeps_the_unfinished_form_as_a_draft() {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    let mut s = home.spawn(100, 30);
    s.wait_in_pane("Relationships", "Acme");
    s.send("t");
    s.wait_for("Log touch with Acme");
    s.send("\t\t");
    s.send("Promised the revised quote by Friday");
    s.wait_for("Promised the revised quote by Friday");
    let pid = s.child.process_id().expect("the child's pid");
    let hung_at = Instant::now();
    let hung = Command::new("kill")
        .arg("-HUP")
        .arg(pid.to_string())
        .status()
        .expect("running kill");
    assert!(hung.success());
    assert!(s.wait_exit().success());
    let gone = hung_at.elapsed();
    assert!(
        gone < Duration::from_secs(2),
        "took {gone:?} to go after SIGHUP"
    );

    let mut again = home.spawn(100, 30);
    again.wait_for("Log touch with");
    again.wait_for("Promised the revised quote by Friday");
    again.wait_in_status("unfinished form");
    again.send("\r");
    again.wait_in_status("logged call");
    again.send("q");
    assert!(again.wait_exit().success());
    let touches = home.cli(&["touch", "list", "Acme"]).0;
    assert!(
        touches.contains("Promised the revised quote by Friday"),
        "{touches}"
    );
}

#[test]
fn a_dropped_link_ends_the_session_instead_of_spinning() {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    let pair = native_pty_system()
        .openpty(size(100, 30))
        .expect("opening a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env_clear();
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    cmd.arg("--db");
    cmd.arg(home.db());
    cmd.cwd(home.root());
    let mut child = pair.slave.spawn_command(cmd).expect("spawning pactum");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("cloning the reader");
    let (seen_tx, seen) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        let mut all = Vec::new();
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&all).contains("Acme") {
                // Stop reading and close this copy of the master, so dropping the last one
                // below really closes the terminal.
                let _ = seen_tx.send(());
                break;
            }
        }
    });
    seen.recv_timeout(TIMEOUT)
        .expect("the dashboard to show Acme");
    // The link drops: the terminal's master side closes under the running dashboard.
    drop(pair.master);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("polling the child") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "pactum kept running after its terminal closed"
        );
        thread::sleep(POLL);
    };
    // Restoring a terminal that is gone fails, and so does saying so on its stderr: neither is
    // a reason to die of SIGABRT (a panic in the panic hook) or a panic (exit 101). Exit 1 is
    // fine: a frame that could not be written is a failure, told to nobody.
    assert!(
        status.signal().is_none() && status.exit_code() <= 1,
        "pactum ended with {status:?} after its terminal closed"
    );
}

#[test]
fn two_dashboards_on_one_book_see_each_others_changes() {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    let mut first = home.spawn(100, 30);
    let second = home.spawn(100, 30);
    first.wait_in_pane("Relationships", "Acme");
    second.wait_in_pane("Relationships", "Acme");
    first.send("a");
    first.wait_for("New commitment with Acme");
    first.send("Order form\r");
    first.wait_in_pane("We promised", "Order form");
    let seen = Instant::now();
    assert!(
        second.shows_within("Order form", Duration::from_secs(2)),
        "the other dashboard did not refresh within 2 s:\n{}",
        second.screen_text()
    );
    eprintln!(
        "the other dashboard showed the change after {:?}",
        seen.elapsed()
    );
}

#[test]
fn a_new_day_shows_yesterdays_list_first_then_catches_up() {
    let home = Home::new();
    // A book of 400 partners whose lines were last assessed yesterday.
    let yesterday = "2026-11-26";
    home.cli_on(
        yesterday,
        &[
            "gen",
            "--partners",
            "400",
            "--commitments",
            "2000",
            "--touches",
            "8000",
        ],
    );
    home.cli_on(yesterday, &["render"]);
    let mut s = home.spawn(120, 30);
    s.wait_until("the list brought to today", |screen| {
        let title = screen.rows(0, 120).next().unwrap_or_default();
        title.contains("400 partners · 2026-11-27") && !title.contains("as of")
    });
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(
        raw.contains("list as of 2026-11-26, updating"),
        "the first frame said the list was yesterday's"
    );
    s.send("q");
    s.wait_exit();
}

/// The screen row of the relationships list's selection marker.
fn selected_row(screen: &vt100::Screen) -> Option<usize> {
    screen
        .rows(0, screen.size().1.get())
        .position(|row| row.starts_with("│›"))
}

#[test]
fn keys_that_arrive_together_are_answered_with_one_frame() {
    let home = Home::new();
    let mut s = home.spawn(120, 40);
    s.wait_for("Welcome to pactum");
    s.send("D");
    s.wait_for("loaded the demo book");
    let top = {
        let parser = s.parser.lock().unwrap();
        selected_row(parser.screen()).expect("a selected partner")
    };
    let wait_row = |s: &Session, row: usize| {
        s.wait_until(&format!("the selection on row {row}"), |sc| {
            selected_row(sc) == Some(row)
        });
    };

    // One key at a time, each answered before the next: a frame per key.
    let before = s.raw().len();
    for step in 1..=8 {
        s.send("j");
        wait_row(&s, top + step);
    }
    let stepwise = s.raw().len() - before;
    for step in (0..8).rev() {
        s.send("k");
        wait_row(&s, top + step);
    }

    // The same eight keys in one burst (a held key, a slow link): answered first, drawn once.
    let before = s.raw().len();
    s.send("jjjjjjjj");
    wait_row(&s, top + 8);
    let burst = s.raw().len() - before;
    println!("8 keys: {stepwise} B one at a time, {burst} B in one burst");
    assert!(
        burst * 3 < stepwise,
        "a burst of 8 keys sent {burst} B, one key at a time {stepwise} B"
    );
    s.send("q");
    assert!(s.wait_exit().success());
}

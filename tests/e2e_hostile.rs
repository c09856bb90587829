//! Hostile text and a resize storm, end to end: the real binary in a pseudo-terminal, its output
//! parsed by a vt100 terminal that records every request to change the terminal's state.
//!
//! The harness is the one of `e2e_pty.rs` (a reader thread feeding a `vt100::Parser`, waits
//! with a deadline, never a fixed sleep), with a parser that records window-title, OSC, bell
//! and clipboard requests.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pactum");
const TODAY: &str = "2026-11-27";
const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(20);
const TITLE_BAR: &str = " pactum — agreements must be kept";

/// The partner name: retitles the window, rings the bell, clears the screen and fakes red
/// output, if anything lets it through.
const HOSTILE_NAME: &str = "ACME\x1b]0;owned\x07\x1b[2J\x1b[31mFAKE";
/// A commitment title with a right-to-left override and a C1 CSI (U+009B).
const HOSTILE_TITLE: &str = "Pay \u{202e}0001$\u{202c} by \u{9b}2J Friday";

/// Requests the program made of the terminal, beyond drawing.
#[derive(Default, Debug)]
struct Requests {
    titles: Vec<String>,
    osc: Vec<String>,
    bells: usize,
    clipboard: usize,
    resizes: usize,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, _: (u16, u16)) {
        self.resizes += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.clipboard += 1;
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.clipboard += 1;
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let parts: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.osc.push(parts.join(";"));
    }
}

type Parser = vt100::Parser<Requests>;

/// A temporary home and book, and the environment every run gets.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("creating a temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("book.db")
    }

    fn env(&self) -> Vec<(String, String)> {
        let root = self.dir.path();
        let mut env = vec![
            ("HOME".to_string(), root.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                root.join("config").display().to_string(),
            ),
            (
                "XDG_DATA_HOME".into(),
                root.join("data").display().to_string(),
            ),
            (
                "XDG_STATE_HOME".into(),
                root.join("state").display().to_string(),
            ),
            (
                "XDG_CACHE_HOME".into(),
                root.join("cache").display().to_string(),
            ),
            (
                "XDG_RUNTIME_DIR".into(),
                root.join("runtime").display().to_string(),
            ),
            ("TERM".into(), "xterm-256color".into()),
            ("USER".into(), "tester".into()),
            ("LANG".into(), "C.UTF-8".into()),
        ];
        if let Ok(path) = std::env::var("PATH") {
            env.push(("PATH".to_string(), path));
        }
        env
    }

    /// Runs a subcommand that must fail; returns its stderr.
    fn cli_fails(&self, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .env_clear()
            .envs(self.env())
            .arg("--db")
            .arg(self.db())
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("running pactum");
        assert!(!out.status.success(), "pactum {args:?} succeeded");
        String::from_utf8(out.stderr).expect("utf-8 errors")
    }

    /// Runs a non-interactive subcommand on this book; returns its stdout and stderr.
    fn cli(&self, args: &[&str]) -> (String, String) {
        let out = Command::new(BIN)
            .env_clear()
            .envs(self.env())
            .arg("--db")
            .arg(self.db())
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("running pactum");
        assert!(
            out.status.success(),
            "pactum {args:?} failed: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).expect("utf-8 output"),
            String::from_utf8(out.stderr).expect("utf-8 errors"),
        )
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a non-zero size")
}

/// A running dashboard on a pty.
struct Session {
    parser: Arc<Mutex<Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader_done: Receiver<()>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Session {
    fn spawn(home: &Home, cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("opening a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        cmd.arg("--db");
        cmd.arg(home.db());
        cmd.args(["--today", TODAY]);
        cmd.cwd(home.dir.path());
        let child = pair.slave.spawn_command(cmd).expect("spawning pactum");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(Parser::new_with_callbacks(
            nz(rows),
            nz(cols),
            0,
            Requests::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("cloning the reader");
        let (done_tx, reader_done) = mpsc::channel();
        {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                    parser.lock().unwrap().process(&buf[..n]);
                }
                let _ = done_tx.send(());
            });
        }
        let writer = pair.master.take_writer().expect("taking the writer");
        Session {
            parser,
            raw,
            reader_done,
            writer,
            master: pair.master,
            child,
        }
    }

    fn screen_text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Row `n` of the screen.
    fn row(&self, n: u16) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        screen
            .rows(0, screen.size().1.get())
            .nth(usize::from(n))
            .unwrap_or_default()
    }

    fn wait_until(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if check(self.parser.lock().unwrap().screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{}",
                self.screen_text()
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("writing");
        self.writer.flush().expect("flushing");
    }

    /// Resizes the pty (the child gets SIGWINCH) and the emulated terminal with it.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resizing");
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                break status;
            }
            if Instant::now() > deadline {
                let screen = self.screen_text();
                let _ = self.child.kill();
                panic!("pactum did not exit within {TIMEOUT:?}; the screen:\n{screen}");
            }
            thread::sleep(POLL);
        };
        self.reader_done
            .recv_timeout(TIMEOUT)
            .expect("the pty reader did not finish after the child exited");
        status
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A control or bidi control character.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

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

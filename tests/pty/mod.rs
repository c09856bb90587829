//! The pseudo-terminal harness of the end-to-end runs (`e2e_pty.rs`, `e2e_hostile.rs`): a reader
//! thread feeding a vt100 parser, waits with a deadline, never a fixed sleep; its parser
//! records every request to change the terminal's state beyond drawing.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_pactum");
pub const TODAY: &str = "2026-11-27";
pub const TIMEOUT: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(20);

/// Requests the program made of the terminal, beyond drawing.
#[derive(Default, Debug)]
pub struct Requests {
    pub titles: Vec<String>,
    pub osc: Vec<String>,
    pub bells: usize,
    pub clipboard: usize,
    pub resizes: usize,
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

pub type Parser = vt100::Parser<Requests>;

/// A temporary home and book, and the environment every run gets.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("creating a temp dir"),
        }
    }

    pub fn root(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Starts the dashboard on this book in a `cols`×`rows` pty.
    pub fn spawn(&self, cols: u16, rows: u16) -> Session {
        Session::spawn(self, cols, rows)
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("book.db")
    }

    pub fn env(&self) -> Vec<(String, String)> {
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

    /// Runs a subcommand, whether it succeeds or not; returns its stdout and stderr.
    pub fn cli_any(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(BIN)
            .env_clear()
            .envs(self.env())
            .arg("--db")
            .arg(self.db())
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("running pactum");
        (
            out.status.success(),
            String::from_utf8(out.stdout).expect("utf-8 output"),
            String::from_utf8(out.stderr).expect("utf-8 errors"),
        )
    }

    /// Runs a subcommand that must fail; returns its stderr.
    pub fn cli_fails(&self, args: &[&str]) -> String {
        let (ok, _, err) = self.cli_any(args);
        assert!(!ok, "pactum {args:?} succeeded");
        err
    }

    /// Runs a non-interactive subcommand on this book; returns its stdout and stderr.
    pub fn cli(&self, args: &[&str]) -> (String, String) {
        self.cli_on(TODAY, args)
    }

    /// As [`Home::cli`], on another day.
    pub fn cli_on(&self, today: &str, args: &[&str]) -> (String, String) {
        let out = Command::new(BIN)
            .env_clear()
            .envs(self.env())
            .arg("--db")
            .arg(self.db())
            .args(["--today", today])
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

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a non-zero size")
}

/// A running dashboard on a pty.
pub struct Session {
    pub parser: Arc<Mutex<Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub reader_done: Receiver<()>,
    pub writer: Box<dyn Write + Send>,
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
}

impl Session {
    pub fn spawn(home: &Home, cols: u16, rows: u16) -> Session {
        Session::spawn_with(home, cols, rows, &[])
    }

    /// As [`Session::spawn`], with more environment (`EDITOR` …).
    pub fn spawn_with(home: &Home, cols: u16, rows: u16, extra: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("opening a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra {
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

    pub fn screen_text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Row `n` of the screen.
    pub fn row(&self, n: u16) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        screen
            .rows(0, screen.size().1.get())
            .nth(usize::from(n))
            .unwrap_or_default()
    }

    pub fn wait_until(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
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

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// True if `text` shows up on the screen within `limit`.
    pub fn shows_within(&self, text: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.screen_text().contains(text) {
                return true;
            }
            thread::sleep(POLL);
        }
        false
    }

    /// Waits until `text` is inside the bordered pane titled `title`.
    pub fn wait_in_pane(&self, title: &str, text: &str) {
        self.wait_until(&format!("{text:?} in the {title:?} pane"), |s| {
            pane_text(s, title).is_some_and(|body| body.contains(text))
        });
    }

    /// Waits until the status line (second row from the bottom) contains `text`.
    pub fn wait_in_status(&self, text: &str) {
        self.wait_until(&format!("{text:?} in the status line"), |s| {
            let (rows, _) = s.size();
            let status_row = rows.get().saturating_sub(2);
            s.rows(0, s.size().1.get())
                .nth(usize::from(status_row))
                .is_some_and(|row| row.contains(text))
        });
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("writing");
        self.writer.flush().expect("flushing");
    }

    /// Resizes the pty (the child gets SIGWINCH) and the emulated terminal with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resizing");
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    pub fn raw(&self) -> Vec<u8> {
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

/// The text inside the bordered pane whose top border carries `title`, row by row.
pub fn pane_text(screen: &vt100::Screen, title: &str) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let cell = |r: u16, c: u16| -> String {
        screen
            .cell(r, c)
            .map(|cell| cell.contents().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| " ".to_string())
    };
    let row_cells = |r: u16| -> Vec<String> { (0..cols).map(|c| cell(r, c)).collect() };
    let needle: Vec<String> = title.chars().map(|c| c.to_string()).collect();
    for top in 0..rows {
        let line = row_cells(top);
        let Some(start) = line
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
        else {
            continue;
        };
        let left = line[..start].iter().rposition(|c| c == "┌")?;
        let right = start + line[start..].iter().position(|c| c == "┐")?;
        let mut body = String::new();
        for r in top + 1..rows {
            let row = row_cells(r);
            if row[left] == "└" {
                return Some(body);
            }
            body.push_str(&row[left + 1..right].concat());
            body.push('\n');
        }
        return None;
    }
    None
}

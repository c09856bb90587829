//! The dashboard on a real terminal that names no TERM: refused in one line, screen untouched.

mod pty;

use pty::*;

#[test]
fn an_empty_term_on_a_tty_gets_one_line_pointing_to_the_commands() {
    let home = Home::new();
    let mut s = Session::spawn_with(&home, 100, 30, &[("TERM", "")]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        raw.contains("(no TERM) cannot show the dashboard"),
        "{raw:?}"
    );
    assert!(raw.contains("pactum today"), "{raw:?}");
    // Nothing drawn: no alternate screen was entered.
    assert!(!raw.contains("\u{1b}[?1049h"), "{raw:?}");
}

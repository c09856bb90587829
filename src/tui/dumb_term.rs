//! A terminal that cannot draw the dashboard: `TERM=dumb` (Emacs shells, some CI logs), or no
//! `TERM` at all on a terminal. The commands still work there; the dashboard says so and stops
//! before touching the screen.

use std::ffi::OsStr;

/// Whether the dashboard may start under `term` (the value of `TERM`), `on_tty` telling whether
/// the program talks to a terminal. Without a terminal the dashboard's own check speaks.
pub fn check(term: Option<&OsStr>, on_tty: bool) -> Result<(), String> {
    let named = match term {
        Some(t) if t.eq_ignore_ascii_case("dumb") => "TERM=dumb",
        Some(t) if !t.is_empty() => return Ok(()),
        _ if on_tty => "no TERM",
        _ => return Ok(()),
    };
    Err(format!(
        "this terminal ({named}) cannot show the dashboard; the commands work here: \
         pactum today, pactum brief NAME, pactum health (pactum --help lists them all)"
    ))
}

/// [`check`] for this process.
pub fn check_here() -> Result<(), String> {
    // SAFETY: isatty only inspects the descriptor.
    let on_tty =
        unsafe { libc::isatty(libc::STDIN_FILENO) == 1 || libc::isatty(libc::STDOUT_FILENO) == 1 };
    check(std::env::var_os("TERM").as_deref(), on_tty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dumb_and_missing_terms_only() {
        fn term(t: &str) -> Option<&OsStr> {
            Some(OsStr::new(t))
        }
        assert!(check(term("xterm-256color"), true).is_ok());
        assert!(check(term("linux"), false).is_ok());
        for (t, tty) in [
            (term("dumb"), true),
            (term("DUMB"), false),
            (term(""), true),
            (None, true),
        ] {
            let err = check(t, tty).unwrap_err();
            assert!(err.contains("pactum today") && !err.contains('\n'), "{err}");
        }
        // Not on a terminal and no TERM: left to the dashboard's own check.
        assert!(check(None, false).is_ok());
        assert!(check(term(""), false).is_ok());
    }
}

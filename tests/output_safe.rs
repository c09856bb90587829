//! What pactum prints is safe on a terminal: in every JSON it writes, C1 controls, DEL, bidi
//! controls and line separators come out as `\uXXXX` (and read back as they were); paths and
//! usage errors are cleaned like any other text.

mod pty;

use pty::Home;

const HOSTILE: &str = "Acme\u{9b}2J\u{9d}0;owned\u{7}\u{202e}cba\u{7f}\u{2066}x\u{2028}y";

fn raw_dangerous(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
                | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn json_output_and_json_exports_escape_c1_bidi_and_del() {
    let home = Home::new();
    home.cli(&["partner", "add", HOSTILE]);
    home.cli(&[
        "commitment",
        "add",
        "Acme",
        HOSTILE,
        "--theirs",
        "--due",
        "today",
    ]);
    home.cli(&["touch", "add", "Acme", HOSTILE]);
    for args in [
        &["partner", "list", "--json"][..],
        &["commitment", "list", "--json"],
        &["touch", "list", "--json"],
        &["log", "--json"],
        &["today", "--json"],
        &["brief", "Acme", "--json"],
        &["health", "--json"],
        &["export"],
        &["export", "--events"],
    ] {
        let (out, _) = home.cli(args);
        assert_eq!(
            raw_dangerous(&out),
            Vec::<char>::new(),
            "pactum {args:?}: {out}"
        );
        assert!(
            out.contains("\\u009b") && out.contains("\\u202e"),
            "pactum {args:?}: {out}"
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }
    let exported: serde_json::Value = serde_json::from_str(&home.cli(&["export"]).0).unwrap();
    assert_eq!(
        exported["partners"][0]["name"], HOSTILE,
        "read back as it was"
    );
}

#[test]
fn a_hostile_book_path_and_hostile_arguments_reach_no_terminal_raw() {
    let home = Home::new();
    let dir = home.root().join("d\u{1b}]0;owned\u{7}\u{9b}2J\u{202e}");
    std::fs::create_dir(&dir).unwrap();
    let book = dir.join("book.db");
    let backup = home.root().join("b\u{1b}[31m.db");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(pty::BIN)
            .env_clear()
            .envs(home.env())
            .arg("--db")
            .arg(&book)
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            raw_dangerous(&text),
            Vec::<char>::new(),
            "{args:?}: {text:?}"
        );
        text
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    run(&[&os("partner"), &os("add"), &os("Acme")]);
    let said = run(&[&os("backup"), backup.as_os_str()]);
    assert!(said.contains("backed up"), "{said}");
    run(&[&os("restore"), backup.as_os_str()]);
    run(&[&os("doctor")]);
    let usage = run(&[
        &os("partner"),
        &os("add"),
        &os("--bogus\u{1b}]0;owned\u{7}\u{9b}"),
    ]);
    assert!(usage.contains("--bogus"), "{usage}");
}

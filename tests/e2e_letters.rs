//! End-to-end: U in the real dashboard in a pseudo-terminal hands the draft to a stub $EDITOR
//! and takes the terminal back, on success and on failure; y sends one OSC 52 when the config
//! enables it; r records the edited text.

mod pty;

use pty::*;
use std::os::unix::fs::PermissionsExt;

fn stub_editor(home: &Home, name: &str, body: &str) -> String {
    let path = home.root().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn the_draft_goes_to_the_editor_and_comes_back_recorded() {
    let home = Home::new();
    home.cli(&["demo"]);
    let config = home.root().join("config/pactum");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[clipboard]\nosc52 = true\n").unwrap();
    let editor = stub_editor(
        &home,
        "ed.sh",
        "printf 'P.S. edited in the stub\\n' >> \"$1\"",
    );
    let mut s = Session::spawn_with(&home, 120, 36, &[("EDITOR", &editor)]);
    s.wait_in_pane("Relationships", "Brightwater");
    s.send("U");
    s.wait_for("Update for Brightwater");
    s.wait_for("P.S. edited in the stub");
    // The terminal is ours again: the dashboard's footer is drawn and keys work.
    s.send("y");
    s.wait_in_status("clipboard");
    assert_eq!(
        s.parser.lock().unwrap().callbacks().clipboard,
        1,
        "one OSC 52"
    );
    s.send("r");
    s.wait_in_status("recorded update");
    let (json, _) = home.cli(&["touch", "list", "Brightwater", "--json"]);
    let touches: serde_json::Value = serde_json::from_str(&json).unwrap();
    let body = touches[0]["body"].as_str().unwrap();
    assert!(body.contains("P.S. edited in the stub"), "{body}");
    assert!(body.starts_with("Brightwater Retail Group: our update of"));
    assert_eq!(touches[0]["kind"], "update");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_failing_editor_gives_the_terminal_back_and_keeps_the_draft() {
    let home = Home::new();
    home.cli(&["demo"]);
    let editor = stub_editor(&home, "bad.sh", "echo 'P.S. never kept' >> \"$1\"; exit 3");
    let mut s = Session::spawn_with(&home, 120, 36, &[("EDITOR", &editor)]);
    s.wait_in_pane("Relationships", "Brightwater");
    s.send("U");
    s.wait_in_status("exited with status 3");
    let screen = s.screen_text();
    assert!(
        screen.contains("Update for Brightwater") && !screen.contains("never kept"),
        "{screen}"
    );
    // Without OSC 52 enabled, y says so and nothing reaches the terminal.
    s.send("y");
    s.wait_in_status("osc52 = true");
    assert_eq!(s.parser.lock().unwrap().callbacks().clipboard, 0);
    s.send("\x1b");
    s.wait_in_status("nothing was recorded");
    s.send("q");
    assert!(s.wait_exit().success());
    let (json, _) = home.cli(&["touch", "list", "Brightwater", "--json"]);
    assert!(!json.contains("never kept"));
}

#[test]
fn an_editor_that_is_not_there_is_said_and_the_terminal_is_back() {
    let home = Home::new();
    home.cli(&["demo"]);
    let mut s = Session::spawn_with(&home, 120, 36, &[("VISUAL", "/nonexistent/editor")]);
    s.wait_in_pane("Relationships", "Brightwater");
    s.send("U");
    s.wait_in_status("not found");
    s.send("\x1b");
    s.wait_in_status("nothing was recorded");
    s.send("q");
    assert!(s.wait_exit().success());
}

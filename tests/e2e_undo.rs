//! End-to-end: the dashboard's undo in a real pseudo-terminal while another process writes to
//! the same book.

mod pty;

use pty::*;

#[test]
fn u_refuses_to_remove_what_the_command_line_added_since_and_redoes_its_own_undo() {
    let home = Home::new();
    let mut s = home.spawn(160, 30);
    s.wait_for("Welcome to pactum");
    s.send("P");
    s.wait_for("Add partner");
    s.send("UndoCo\r");
    s.wait_in_pane("Relationships", "UndoCo");

    home.cli(&["commitment", "add", "UndoCo", "Intro to CFO", "--theirs"]);
    home.cli(&["touch", "add", "UndoCo", "they called", "--by", "them"]);
    s.send("u");
    s.wait_in_status("cannot undo");
    assert!(
        s.screen_text().contains("has since"),
        "the refusal names the change in the way:\n{}",
        s.screen_text()
    );

    // Our own later add undoes, and u again brings it back.
    s.send("P");
    s.wait_for("Add partner");
    s.send("Solo\r");
    s.wait_in_pane("Relationships", "Solo");
    s.send("u");
    s.wait_in_status("u to redo");
    s.wait_until("Solo gone", |screen| {
        pane_text(screen, "Relationships").is_some_and(|body| !body.contains("Solo"))
    });
    s.send("u");
    s.wait_in_status("redid");
    s.wait_in_pane("Relationships", "Solo");
    s.send("q");
    assert!(s.wait_exit().success());

    let listed = home.cli(&["commitment", "list", "UndoCo", "--json"]).0;
    assert!(listed.contains("Intro to CFO"), "{listed}");
    let touches = home.cli(&["touch", "list", "UndoCo"]).0;
    assert!(touches.contains("they called"), "{touches}");
}

//! End-to-end: the brave conversation recorded from its line on Today, in a real
//! pseudo-terminal, and Today read again without it.

mod pty;

use pty::*;

#[test]
fn b_on_todays_line_records_the_brave_conversation_and_today_refreshes() {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    home.cli(&[
        "problem",
        "add",
        "Acme",
        "Invoice sent twice",
        "--severity",
        "1",
        "--reaction",
        "5",
    ]);
    let mut s = home.spawn(120, 30);
    s.wait_in_pane("Relationships", "Acme");
    s.send("T");
    s.wait_for("Awaiting a brave conversation (1)");
    // A prospect owes no update yet: the problem's line is the first on Today.
    s.send("B");
    s.wait_for("Brave conversation");
    s.send("Talked it through with their COO\r");
    // Today is read again: that line was all there was to act on.
    s.wait_for("Nothing is overdue or due this week");
    s.wait_in_status("brave conversation recorded");
    let (listed, _) = home.cli(&["problem", "list", "Acme"]);
    assert!(
        listed.contains("note: Talked it through with their COO"),
        "{listed}"
    );
    s.send("q");
    s.send("q");
    s.wait_exit();
}

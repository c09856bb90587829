//! The real binary on a book built only with the command line and `--today`.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-11-27";

struct Book {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Book {
    fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        Book { _dir: dir, db }
    }

    fn run(&self, args: &[&str]) -> (String, String, i32) {
        run_in(&self.db, args)
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let (out, err, code) = self.run(args);
        assert_eq!(code, 0, "pactum {args:?} failed: {err}");
        out
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn run_in(db: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_pactum"))
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env_remove("PACTUM_DB")
        .env_remove("PACTUM_TODAY")
        .env("XDG_CONFIG_HOME", db.parent().unwrap())
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn signal<'a>(health: &'a Value, key: &str) -> &'a str {
    health["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["level"]
        .as_str()
        .unwrap()
}

#[test]
fn add_prints_ids_and_render_shows_the_ledger() {
    let book = Book::new();
    assert_eq!(book.ok(&["partner", "add", "Acme"]), "added partner 1\n");
    assert_eq!(
        book.ok(&[
            "commitment",
            "add",
            "Acme",
            "Send pricing",
            "--ours",
            "--due",
            "+3d"
        ]),
        "added commitment 1\n"
    );
    let screen = book.ok(&["render", "--size", "120x40"]);
    assert!(screen.contains("Acme"), "{screen}");
    let ours = screen
        .lines()
        .position(|l| l.contains("We promised"))
        .unwrap();
    assert!(
        screen
            .lines()
            .nth(ours + 1)
            .unwrap()
            .contains("Send pricing"),
        "{screen}"
    );
}

#[test]
fn bad_input_is_one_clear_line_and_a_nonzero_exit() {
    let book = Book::new();
    book.ok(&["partner", "add", "Globex"]);
    let (_, err, code) = book.run(&["commitment", "add", "Globx", "x", "--ours"]);
    assert_eq!(
        (code, err.trim()),
        (1, "pactum: no partner named \"Globx\"; closest: Globex")
    );
    let (_, err, code) = book.run(&[
        "commitment",
        "add",
        "Globex",
        "x",
        "--ours",
        "--due",
        "31/12",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("YYYY-MM-DD") && err.lines().count() == 1,
        "{err}"
    );
    let (_, _, code) = book.run(&["commitment", "add", "Globex", "x"]);
    assert_eq!(code, 2, "usage errors exit 2");
}

#[test]
fn a_file_that_is_not_a_book_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "not a database at all\n").unwrap();
    let (_, err, code) = run_in(&notes, &["partner", "list"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a pactum book"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "not a database at all\n"
    );
}

#[test]
fn walk_away_review_when_the_effort_runs_one_way() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Oneway",
        "--stage",
        "signed",
        "--signed-on",
        "-300d",
    ]);
    for (made, due) in [
        ("-170d", "-160d"),
        ("-130d", "-120d"),
        ("-90d", "-80d"),
        ("-50d", "-40d"),
        ("-45d", "-10d"),
    ] {
        let id = book.ok(&[
            "commitment",
            "add",
            "Oneway",
            "Our deliverable",
            "--ours",
            "--made-on",
            made,
            "--due",
            due,
        ]);
        let id = id.trim().rsplit(' ').next().unwrap().to_string();
        book.ok(&["commitment", "keep", &id, "--on", due]);
        let theirs = book.ok(&[
            "commitment",
            "add",
            "Oneway",
            "Their input",
            "--theirs",
            "--made-on",
            made,
            "--due",
            due,
        ]);
        let theirs = theirs.trim().rsplit(' ').next().unwrap().to_string();
        book.ok(&["commitment", "miss", &theirs, "--on", due]);
    }
    for day in (1..=88).step_by(4) {
        book.ok(&[
            "touch",
            "add",
            "Oneway",
            "Progress call",
            "--by",
            "us",
            "--on",
            &format!("-{day}d"),
        ]);
    }
    // Their last call is more than 60 days old: in the effort window they started nothing and
    // kept nothing, while we delivered and called.
    for day in [62, 70, 75] {
        book.ok(&[
            "touch",
            "add",
            "Oneway",
            "They called",
            "--by",
            "them",
            "--on",
            &format!("-{day}d"),
        ]);
    }
    let h = book.json(&["health", "Oneway", "--json"]);
    assert_eq!(h["verdict"], "walk-away-review", "{h:#}");
    assert_eq!(signal(&h, "reciprocity"), "poor");
    assert_eq!(signal(&h, "momentum"), "poor");
}

#[test]
fn switched_off_after_signing() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Quiet",
        "--stage",
        "signed",
        "--signed-on",
        "-100d",
    ]);
    for day in (101..=185).step_by(6) {
        book.ok(&[
            "touch",
            "add",
            "Quiet",
            "Courting call",
            "--on",
            &format!("-{day}d"),
        ]);
    }
    book.ok(&["touch", "add", "Quiet", "One call since", "--on", "-60d"]);
    let h = book.json(&["health", "Quiet", "--json"]);
    assert_eq!(signal(&h, "after_signing"), "poor", "{h:#}");
}

#[test]
fn a_disproportionate_reaction_caps_at_amber_until_the_brave_conversation() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Touchy",
        "--stage",
        "signed",
        "--signed-on",
        "-200d",
    ]);
    for day in (1..=80).step_by(10) {
        book.ok(&[
            "touch",
            "add",
            "Touchy",
            "Fortnightly update",
            "--kind",
            "update",
            "--on",
            &format!("-{day}d"),
        ]);
        book.ok(&[
            "touch",
            "add",
            "Touchy",
            "They asked",
            "--by",
            "them",
            "--on",
            &format!("-{}d", day + 2),
        ]);
    }
    let id = book.ok(&[
        "problem",
        "add",
        "Touchy",
        "Typo in a report",
        "--severity",
        "1",
        "--reaction",
        "5",
        "--on",
        "-3d",
    ]);
    let id = id.trim().rsplit(' ').next().unwrap().to_string();
    let h = book.json(&["health", "Touchy", "--json"]);
    assert_eq!(signal(&h, "adversity"), "poor", "{h:#}");
    assert_ne!(h["level"], "green");
    assert!(!h["caps"].as_array().unwrap().is_empty());
    book.ok(&["problem", "brave", &id, "--note", "Talked it through"]);
    let h = book.json(&["health", "Touchy", "--json"]);
    assert_ne!(signal(&h, "adversity"), "poor", "{h:#}");
}

#[test]
fn healthy_when_both_sides_keep_their_word() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Steady",
        "--stage",
        "signed",
        "--signed-on",
        "-150d",
    ]);
    for day in (10..=170).step_by(20) {
        for side in ["--ours", "--theirs"] {
            let id = book.ok(&[
                "commitment",
                "add",
                "Steady",
                "Deliver",
                side,
                "--made-on",
                &format!("-{}d", day + 10),
                "--due",
                &format!("-{day}d"),
            ]);
            let id = id.trim().rsplit(' ').next().unwrap().to_string();
            book.ok(&["commitment", "keep", &id, "--on", &format!("-{day}d")]);
        }
    }
    for day in (1..=230).step_by(7) {
        book.ok(&[
            "touch",
            "add",
            "Steady",
            "Update",
            "--kind",
            "update",
            "--on",
            &format!("-{day}d"),
        ]);
        book.ok(&[
            "touch",
            "add",
            "Steady",
            "Their call",
            "--by",
            "them",
            "--on",
            &format!("-{}d", day + 2),
        ]);
    }
    book.ok(&[
        "touch",
        "add",
        "Steady",
        "Coffee, no agenda",
        "--kind",
        "care",
        "--on",
        "-20d",
    ]);
    let h = book.json(&["health", "Steady", "--json"]);
    assert_eq!(
        (h["verdict"].as_str(), h["level"].as_str()),
        (Some("healthy"), Some("green")),
        "{h:#}"
    );
}

#[test]
fn today_lists_ours_first_then_theirs_then_updates_and_brave_conversations() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Acme",
        "--stage",
        "signed",
        "--signed-on",
        "-60d",
    ]);
    book.ok(&[
        "partner",
        "add",
        "Globex",
        "--stage",
        "signed",
        "--signed-on",
        "-60d",
    ]);
    book.ok(&[
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
    book.ok(&[
        "commitment",
        "add",
        "Globex",
        "Intro to their CFO",
        "--theirs",
        "--made-on",
        "-20d",
        "--due",
        "-2d",
    ]);
    book.ok(&[
        "touch",
        "add",
        "Acme",
        "Status update",
        "--kind",
        "update",
        "--on",
        "-3d",
    ]);
    book.ok(&[
        "touch",
        "add",
        "Globex",
        "Status update",
        "--kind",
        "update",
        "--on",
        "-30d",
    ]);
    book.ok(&[
        "problem",
        "add",
        "Acme",
        "Invoice sent twice",
        "--severity",
        "1",
        "--reaction",
        "4",
    ]);
    let text = book.ok(&["today"]);
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing from:\n{text}"))
    };
    assert!(at("Send pricing") < at("Intro to their CFO"), "{text}");
    assert!(at("Intro to their CFO") < at("Owed an update"));
    assert!(
        text[at("Owed an update")..].contains("Globex: last update 30 days ago"),
        "{text}"
    );
    assert!(
        text[at("Awaiting a brave conversation")..].contains("Acme: Invoice sent twice"),
        "{text}"
    );
    let json = book.json(&["today", "--json"]);
    assert_eq!(json["sections"][0]["kind"], "ours-overdue");
    assert_eq!(json["sections"][0]["items"][0]["commitment_id"], 1);
    let empty = Book::new();
    assert!(empty.ok(&["today"]).contains("Nothing is overdue"));
}

#[test]
fn brief_shows_both_sides_and_talking_points_naming_the_overdue() {
    let book = Book::new();
    book.ok(&[
        "partner",
        "add",
        "Acme",
        "--stage",
        "signed",
        "--signed-on",
        "-60d",
    ]);
    book.ok(&[
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
    book.ok(&[
        "commitment",
        "add",
        "Acme",
        "Intro to their CFO",
        "--theirs",
        "--made-on",
        "-20d",
        "--due",
        "-2d",
    ]);
    let text = book.ok(&["brief", "acme"]);
    let points = &text[text.find("Talking points").unwrap()..];
    assert!(points.contains("Apologise for \"Send pricing\""), "{text}");
    assert!(
        points.contains("Ask about \"Intro to their CFO\""),
        "{text}"
    );
    assert!(
        text.contains("We promised (open) (1)") && text.contains("They promised (open) (1)"),
        "{text}"
    );
    let json = book.json(&["brief", "acme", "--json"]);
    assert_eq!(json["ours_open"][0]["title"], "Send pricing");
    assert_eq!(json["theirs_open"][0]["title"], "Intro to their CFO");
    assert!(json["talking_points"].as_array().unwrap().len() >= 2);
}

#[test]
fn an_ended_partner_reports_no_verdict_of_health_in_json() {
    let book = Book::new();
    book.ok(&["partner", "add", "Gone", "--stage", "signed"]);
    book.ok(&["partner", "end", "Gone", "--reason", "Effort ran one way"]);
    let h = book.json(&["health", "Gone", "--json"]);
    assert_eq!(h["verdict"], "ended", "{h:#}");
    assert!(h["score"].is_null() && h["level"].is_null(), "{h:#}");
    // A partner not ended but with nothing to judge yet has a verdict and no band.
    book.ok(&["partner", "add", "New"]);
    let h = book.json(&["health", "New", "--json"]);
    assert!(h["score"].is_null() && h["level"].is_null(), "{h:#}");
    assert_ne!(h["verdict"], "ended", "{h:#}");
}

#[test]
fn without_user_variables_the_account_name_is_the_owner() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pactum"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_clear()
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["partner", "add", "Acme"]);
    let log = run(&["log", "--limit", "1"]);
    let account = Command::new("id").arg("-un").output().unwrap();
    let account = String::from_utf8_lossy(&account.stdout).trim().to_string();
    assert!(!account.is_empty());
    assert!(
        log.contains(&format!("  {account}  ")) || log.contains(&format!(" {account} ")),
        "{log:?} should name {account}"
    );
    assert!(!log.contains("unknown"), "{log}");
}

#[test]
fn a_db_in_a_directory_that_does_not_exist_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no/such/dir/book.db");
    let (_, err, code) = run_in(&db, &["partner", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no such directory"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!dir.path().join("no").exists(), "nothing created");
}

#[test]
fn partner_edit_writes_a_whole_partnership_from_the_command_line() {
    let book = Book::new();
    book.ok(&["partner", "add", "Acme", "--tag", "retail"]);
    book.ok(&[
        "partner",
        "edit",
        "Acme",
        "--stage",
        "signed",
        "--signed-on",
        "-10d",
        "--update-every",
        "7",
        "--goals",
        "Cut waste 15 %",
        "--constraints",
        "Budget set in March",
        "--owner",
        "maria",
        "--tag",
        "key-account",
        "--untag",
        "retail",
    ]);
    let p = book.json(&["partner", "show", "Acme", "--json"]);
    let partner = &p["partner"];
    assert_eq!(partner["stage"], "signed");
    assert_eq!(partner["signed_on"], "2026-11-17");
    assert_eq!(partner["update_every_days"], 7);
    assert_eq!(partner["their_goals"], "Cut waste 15 %");
    assert_eq!(partner["their_constraints"], "Budget set in March");
    assert_eq!(partner["owner"], "maria");
    assert_eq!(partner["tags"], serde_json::json!(["key-account"]));
    let log = book.json(&["log", "Acme", "--json"]);
    assert!(
        log[0]["summary"]
            .as_str()
            .unwrap()
            .contains("stage prospect → signed"),
        "{log:#}"
    );
    // Ending goes through `partner end`, with the reason; nothing to change is an error.
    let (_, err, code) = book.run(&["partner", "edit", "Acme", "--stage", "ended"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("partner end"), "{err}");
    let (_, err, code) = book.run(&["partner", "edit", "Acme"]);
    assert_eq!(
        (code, err.trim()),
        (
            1,
            "pactum: nothing to change: give at least one field to edit"
        )
    );
}

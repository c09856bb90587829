//! The binary as other tools call it: cron, calendars, dumb terminals, odd environments.

use std::path::PathBuf;
use std::process::Command;

const TODAY: &str = "2026-11-27";

struct Book {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Book {
    fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        Book { dir, db }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pactum"));
        cmd.arg("--db")
            .arg(&self.db)
            .args(["--today", TODAY])
            .env_remove("PACTUM_DB")
            .env_remove("PACTUM_TODAY")
            .env("XDG_CONFIG_HOME", self.dir.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> (String, String, i32) {
        output(self.command().args(args))
    }

    fn ok(&self, args: &[&str]) -> String {
        let (out, err, code) = self.run(args);
        assert_eq!(code, 0, "pactum {args:?} failed: {err}");
        out
    }
}

fn output(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn today_if_any_is_silent_on_an_empty_book() {
    let book = Book::new();
    assert_eq!(
        book.run(&["today", "--if-any"]),
        (String::new(), String::new(), 0)
    );
    assert_eq!(book.ok(&["today", "--if-any", "--json"]), "");
    // Without the flag the agenda is printed as before, empty sections and all.
    assert!(!book.ok(&["today"]).is_empty());
}

#[test]
fn today_if_any_prints_the_agenda_when_there_is_something() {
    let book = Book::new();
    book.ok(&["demo"]);
    let plain = book.ok(&["today"]);
    assert_eq!(book.ok(&["today", "--if-any"]), plain);
    assert!(plain.contains("We owe, overdue"), "{plain}");
    assert_eq!(
        book.ok(&["today", "--if-any", "--json"]),
        book.ok(&["today", "--json"])
    );
}

#[test]
fn today_if_any_is_silent_when_everything_is_far_ahead() {
    let book = Book::new();
    book.ok(&["partner", "add", "Acme"]);
    // The update owed is shared today: nothing to act on for a fortnight.
    book.ok(&["touch", "add", "Acme", "Kick-off notes", "--kind", "update"]);
    book.ok(&[
        "commitment",
        "add",
        "Acme",
        "Send pricing",
        "--ours",
        "--due",
        "+60d",
    ]);
    book.ok(&[
        "commitment",
        "add",
        "Acme",
        "Intro call",
        "--theirs",
        "--due",
        "+90d",
    ]);
    assert_eq!(book.ok(&["today", "--if-any"]), "");
    // Once one comes within the week, it is worth a mail.
    book.ok(&[
        "commitment",
        "add",
        "Acme",
        "Draft terms",
        "--ours",
        "--due",
        "+3d",
    ]);
    let out = book.ok(&["today", "--if-any"]);
    assert!(out.contains("Draft terms"), "{out}");
}

fn uids(ics: &str) -> Vec<&str> {
    ics.lines().filter(|l| l.starts_with("UID:")).collect()
}

#[test]
fn the_calendar_keeps_its_uids_per_book_and_reminds_as_configured() {
    let (one, two) = (Book::new(), Book::new());
    one.ok(&["demo"]);
    two.ok(&["demo"]);
    let first = one.ok(&["ics"]);
    // Another run, another process: the same book gives the same UIDs.
    assert_eq!(uids(&one.ok(&["ics"])), uids(&first));
    let other = two.ok(&["ics"]);
    assert!(!uids(&first).is_empty());
    assert!(uids(&first).iter().all(|u| !uids(&other).contains(u)));
    assert!(first.contains("TRIGGER;RELATED=END:-P1D\r\n"));

    let config = one.dir.path().join("pactum");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[calendar]\nalarm_before = \"2h\"\n",
    )
    .unwrap();
    let ics = one.ok(&["ics"]);
    assert!(ics.contains("TRIGGER;RELATED=END:-PT2H\r\n"));
    assert!(!ics.contains("-P1D"));

    std::fs::write(
        config.join("config.toml"),
        "[calendar]\nalarm_before = \"soon\"\n",
    )
    .unwrap();
    let (out, err, code) = one.run(&["ics"]);
    assert_eq!((out.as_str(), code), ("", 1));
    assert!(
        err.contains("alarm_before") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn term_dumb_refuses_the_dashboard_but_not_the_commands() {
    let book = Book::new();
    book.ok(&["demo"]);
    let (out, err, code) = output(book.command().env("TERM", "dumb"));
    assert_eq!((out.as_str(), code), ("", 1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("pactum: this terminal (TERM=dumb) cannot show the dashboard")
            && err.contains("pactum today")
            && err.contains("pactum brief NAME"),
        "{err}"
    );
    let today = output(book.command().env("TERM", "dumb").arg("today"));
    assert_eq!(today.2, 0, "{}", today.1);
    assert!(today.0.contains("We owe, overdue"));
    let brief = output(
        book.command()
            .env("TERM", "dumb")
            .args(["brief", "Brightwater"]),
    );
    assert_eq!(brief.2, 0, "{}", brief.1);
}

#[test]
fn relative_xdg_dirs_are_ignored_for_the_home_defaults() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    // A config where the relative XDG_CONFIG_HOME would point: broken, so reading it would fail.
    std::fs::create_dir_all(cwd.path().join("cfg/pactum")).unwrap();
    std::fs::write(cwd.path().join("cfg/pactum/config.toml"), "not toml [").unwrap();
    std::fs::create_dir_all(home.path().join(".config/pactum")).unwrap();
    std::fs::write(
        home.path().join(".config/pactum/config.toml"),
        "[calendar]\nalarm_before = \"2h\"\n",
    )
    .unwrap();
    let pactum = |args: &[&str]| {
        output(
            Command::new(env!("CARGO_BIN_EXE_pactum"))
                .current_dir(cwd.path())
                .env_remove("PACTUM_DB")
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", "data")
                .env("XDG_CONFIG_HOME", "cfg")
                .env("XDG_STATE_HOME", "state")
                .args(["--today", TODAY])
                .args(args),
        )
    };
    let (_, err, code) = pactum(&["partner", "add", "Acme"]);
    assert_eq!(code, 0, "{err}");
    pactum(&[
        "commitment",
        "add",
        "Acme",
        "Send pricing",
        "--ours",
        "--due",
        "+3d",
    ]);
    assert!(home.path().join(".local/share/pactum/pactum.db").is_file());
    assert!(!cwd.path().join("data").exists());
    let (ics, err, code) = pactum(&["ics"]);
    assert_eq!(code, 0, "{err}");
    assert!(ics.contains("TRIGGER;RELATED=END:-PT2H"), "{ics}");
}

#[test]
fn pactum_config_writes_a_config_that_reads_back_the_same() {
    let book = Book::new();
    let given = book.dir.path().join("given.toml");
    std::fs::write(
        &given,
        "[calendar]\nalarm_before = \"3d\"\n[keys.dashboard]\n\"x\" = \"quit\"\n",
    )
    .unwrap();
    let first = book.ok(&["--config", given.to_str().unwrap(), "config"]);
    assert!(
        first.starts_with(&format!("# config: {}\n", given.display())),
        "{first}"
    );
    assert!(
        first.contains(&format!("# book: {}\n", book.db.display())),
        "{first}"
    );
    assert!(first.contains("alarm_before = \"3d\""), "{first}");
    let again = book.dir.path().join("again.toml");
    std::fs::write(&again, &first).unwrap();
    let second = book.ok(&["--config", again.to_str().unwrap(), "config"]);
    let settings = |t: &str| t.split_once('\n').unwrap().1.to_string();
    assert_eq!(settings(&second), settings(&first));
}

//! Files written with `--out` (export, ics): a temporary file nobody can plant or link, never
//! shared by two writers, and gone when the write fails.

mod pty;

use pty::Home;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;

fn book() -> Home {
    let home = Home::new();
    home.cli(&["partner", "add", "Acme"]);
    home.cli(&[
        "commitment",
        "add",
        "Acme",
        "Send pricing",
        "--ours",
        "--due",
        "+3d",
    ]);
    home
}

#[test]
fn a_planted_temporary_file_or_link_is_neither_written_nor_handed_the_book() {
    let home = book();
    let dir = home.root();
    // The names the old exports wrote through: another user's file, and a link to a victim.
    let planted = dir.join("out.pactum-tmp");
    fs::write(&planted, "planted").unwrap();
    fs::set_permissions(&planted, fs::Permissions::from_mode(0o666)).unwrap();
    let victim = dir.join("victim.txt");
    fs::write(&victim, "the victim's file").unwrap();
    symlink(&victim, dir.join("cal.pactum-tmp")).unwrap();

    let out = dir.join("out.json");
    home.cli(&["export", "--out", out.to_str().unwrap()]);
    let cal = dir.join("cal.ics");
    home.cli(&["ics", "--out", cal.to_str().unwrap()]);

    assert_eq!(fs::read_to_string(&planted).unwrap(), "planted");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the victim's file");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["partners"][0]["name"], "Acme");
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        fs::read_to_string(&cal)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn exports_with_one_stem_at_once_each_get_their_own_file() {
    let home = book();
    let dir = home.root();
    let run = |args: Vec<String>| {
        let mut cmd = Command::new(pty::BIN);
        cmd.env_clear()
            .envs(home.env())
            .arg("--db")
            .arg(home.db())
            .args(["--today", pty::TODAY])
            .args(args);
        cmd.spawn().unwrap()
    };
    for round in 0..8 {
        let stem = dir.join(format!("book{round}"));
        let target = |ext: &str| stem.with_extension(ext).display().to_string();
        let children = [
            run(vec!["export".into(), "--out".into(), target("json")]),
            run(["export", "--table", "partners", "--out"]
                .map(String::from)
                .into_iter()
                .chain([target("csv")])
                .collect()),
            run(vec!["ics".into(), "--out".into(), target("ics")]),
        ];
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        let read = |ext: &str| fs::read_to_string(stem.with_extension(ext)).unwrap();
        assert!(
            read("json").starts_with('{'),
            "round {round}: {}",
            read("json")
        );
        assert!(
            read("csv").starts_with("name"),
            "round {round}: {}",
            read("csv")
        );
        assert!(read("ics").starts_with("BEGIN:VCALENDAR"), "round {round}");
    }
}

#[test]
fn a_failed_export_leaves_no_temporary_file() {
    let home = book();
    let dir = home.root();
    let taken = dir.join("taken");
    fs::create_dir(&taken).unwrap();
    fs::write(taken.join("inside"), "x").unwrap();
    let before = fs::read_dir(dir).unwrap().count();
    let err = home.cli_fails(&["export", "--out", taken.to_str().unwrap()]);
    assert!(err.contains("taken"), "{err}");
    assert_eq!(
        fs::read_dir(dir).unwrap().count(),
        before,
        "nothing left beside it"
    );
}

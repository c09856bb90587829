//! The commands that complete the book from the command line: contacts, commitment edit,
//! problem list, partner edit of every field, and what the brief then says.

mod common;

use common::{pactum_on as pactum, text};

fn ok(book: &std::path::Path, args: &[&str]) -> String {
    let out = pactum(book, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    ok(&path, &["partner", "add", "Acme"]);
    (dir, path)
}

#[test]
fn contacts_are_added_edited_listed_as_json_and_removed() {
    let (_dir, db) = book();
    let added = ok(
        &db,
        &[
            "contact",
            "add",
            "Acme",
            "Dana Reyes",
            "--role",
            "ops director",
            "--email",
            "dana@acme.test",
        ],
    );
    assert_eq!(added.trim(), "added contact 1");
    ok(
        &db,
        &[
            "contact",
            "edit",
            "1",
            "--phone",
            "+1 555 0100",
            "--note",
            "mornings",
        ],
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&db, &["contact", "list", "Acme", "--json"])).unwrap();
    assert_eq!(listed[0]["name"], "Dana Reyes");
    assert_eq!(listed[0]["role"], "ops director");
    assert_eq!(listed[0]["phone"], "+1 555 0100");
    assert_eq!(listed[0]["note"], "mornings");
    assert_eq!(listed[0]["version"], 2);
    assert!(ok(&db, &["contact", "list"]).contains("Dana Reyes — ops director"));

    let nothing = pactum(&db, &["contact", "edit", "1"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(text(&nothing.stderr).contains("nothing to change"));

    assert!(ok(&db, &["contact", "remove", "1"]).contains("removed contact 1 (Dana Reyes)"));
    assert!(ok(&db, &["contact", "list", "Acme"]).contains("no contacts"));
    let gone = pactum(&db, &["contact", "remove", "1"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(text(&gone.stderr).contains("no contact with id 1"));
}

#[test]
fn partner_edit_covers_every_field_and_the_brief_names_them() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "partner",
            "edit",
            "Acme",
            "--stage",
            "signed",
            "--goals",
            "Cut waste 15 %",
            "--constraints",
            "No budget before Q3",
            "--owner",
            "maria",
            "--tag",
            "retail",
        ],
    );
    ok(
        &db,
        &[
            "contact",
            "add",
            "Acme",
            "Dana Reyes",
            "--role",
            "ops director",
        ],
    );
    ok(
        &db,
        &[
            "commitment",
            "add",
            "Acme",
            "Regular honest feedback",
            "--theirs",
            "--ongoing",
            "--first-meeting",
        ],
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&db, &["partner", "show", "Acme", "--json"])).unwrap();
    let p = &shown["partner"];
    assert_eq!(p["stage"], "signed");
    assert_eq!(
        p["signed_on"], "2026-11-27",
        "signing without a day signs today"
    );
    assert_eq!(p["their_goals"], "Cut waste 15 %");
    assert_eq!(p["their_constraints"], "No budget before Q3");
    assert_eq!(p["owner"], "maria");
    assert_eq!(p["tags"][0], "retail");
    let brief = ok(&db, &["brief", "Acme"]);
    assert!(brief.contains("Dana Reyes — ops director"), "{brief}");
    assert!(brief.contains("Their goals: Cut waste 15 %"), "{brief}");
    assert!(brief.contains("they: Regular honest feedback"), "{brief}");
}

#[test]
fn commitment_edit_changes_only_what_is_given_and_a_one_off_needs_no_due_day() {
    let (_dir, db) = book();
    // A one-off expectation with no date: neither dated nor ongoing.
    ok(
        &db,
        &[
            "commitment",
            "add",
            "Acme",
            "Access to their ops director",
            "--theirs",
        ],
    );
    ok(
        &db,
        &[
            "commitment",
            "edit",
            "1",
            "--title",
            "Intro to their ops director",
            "--first-meeting",
        ],
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["commitment", "list", "Acme", "--json"])).unwrap();
    let c = &list[0];
    assert_eq!(c["title"], "Intro to their ops director");
    assert_eq!(c["origin"], "first-meeting");
    assert_eq!(c["ongoing"], false);
    assert_eq!(c["due_on"], serde_json::Value::Null);
    assert_eq!(c["side"], "theirs");
    let nothing = pactum(&db, &["commitment", "edit", "1"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(text(&nothing.stderr).contains("nothing to change"));
}

#[test]
fn problem_list_shows_the_brave_conversation_and_its_note_as_text_and_json() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "problem",
            "add",
            "Acme",
            "Invoice sent twice",
            "--severity",
            "1",
            "--reaction",
            "5",
        ],
    );
    assert!(ok(&db, &["problem", "list", "Acme"]).contains("awaiting a brave conversation"));
    ok(
        &db,
        &[
            "problem",
            "brave",
            "1",
            "--note",
            "Talked it through with their COO",
        ],
    );
    let listed = ok(&db, &["problem", "list", "--open"]);
    assert!(listed.contains("brave conversation 2026-11-27"), "{listed}");
    assert!(
        listed.contains("note: Talked it through with their COO"),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["problem", "list", "Acme", "--json"])).unwrap();
    assert_eq!(json[0]["brave_note"], "Talked it through with their COO");
    ok(&db, &["problem", "resolve", "1"]);
    assert!(ok(&db, &["problem", "list", "--open"]).contains("no problems"));
    assert!(ok(&db, &["problem", "list"]).contains("resolved 2026-11-27"));
}

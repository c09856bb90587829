//! `pactum update` and `pactum plan` on the binary: the draft to stdout or a private file,
//! `--log` recording it, the plan as an HTML file.

mod common;

use common::{book, pactum_on, text};
use std::os::unix::fs::PermissionsExt;

#[test]
fn update_prints_the_draft_and_log_records_it_once() {
    let (dir, store) = book(true);
    drop(store);
    let db = dir.path().join("book.db");
    let out = pactum_on(&db, &["update", "Lumen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let draft = text(&out.stdout);
    assert!(
        draft.starts_with("Lumen Health Partners: our update of 2026-11-27\n"),
        "{draft}"
    );
    assert!(draft.contains("What slipped"));
    // Nothing was recorded by drafting.
    let before = text(&pactum_on(&db, &["touch", "list", "Lumen", "--json"]).stdout);
    let file = dir.path().join("update.txt");
    let out = pactum_on(
        &db,
        &["update", "Lumen", "--out", file.to_str().unwrap(), "--log"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("wrote ") && said.contains("logged update") && said.contains("bad news"),
        "{said}"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, draft);
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let after = text(&pactum_on(&db, &["touch", "list", "Lumen", "--json"]).stdout);
    assert_ne!(before, after);
    let touches: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(touches[0]["kind"], "update");
    assert_eq!(touches[0]["bad_news"], true);
    assert_eq!(touches[0]["body"].as_str().unwrap(), draft.trim());
    // Today no longer lists Lumen as owed an update.
    let today = text(&pactum_on(&db, &["today", "--json"]).stdout);
    let agenda: serde_json::Value = serde_json::from_str(&today).unwrap();
    let owed = agenda["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "update-owed")
        .unwrap();
    assert!(!owed["items"].to_string().contains("Lumen"), "{owed}");
}

#[test]
fn plan_writes_one_html_page_or_markdown() {
    let (dir, store) = book(true);
    drop(store);
    let db = dir.path().join("book.db");
    let page = dir.path().join("plan.html");
    let out = pactum_on(
        &db,
        &[
            "plan",
            "Brightwater",
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Approve the phase 2 budget"));
    let md = text(&pactum_on(&db, &["plan", "Brightwater"]).stdout);
    assert!(
        md.starts_with("# Our plan with Brightwater Retail Group"),
        "{md}"
    );
    let bad = pactum_on(&db, &["plan", "Nobody"]);
    assert_eq!(bad.status.code(), Some(1));
}

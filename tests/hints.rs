//! Messages name keys as the keymap binds them: after a rebind in the config, a hint names the
//! new key, never the shipped one.

mod common;

use common::{book, drive, today};
use pactum::app::{Action, App, Notice, update};
use pactum::config::Config;
use pactum::domain::{Origin, Side};
use pactum::store::{NewCommitment, NewPartner, Store};

const REBOUND: &str = r#"
[keys.dashboard]
"u" = "none"
"z" = "undo"
"tab" = "none"
"l" = "none"
"right" = "none"
"n" = "next_pane"

[keys.form]
"esc" = "none"
"ctrl-g" = "cancel"
"#;

fn info(app: &App) -> String {
    match &app.notice {
        Some(Notice::Info(m)) => m.clone(),
        other => panic!("expected a notice, got {other:?}"),
    }
}

/// A book of one partner with one promise of ours, overdue.
fn one_promise() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = book(false);
    let id = store
        .add_partner(&NewPartner::named("Globex", today()))
        .unwrap();
    let promise = NewCommitment {
        partner_id: id,
        side: Side::Ours,
        title: "Late deck".into(),
        detail: String::new(),
        made_on: today() - chrono::Days::new(20),
        due_on: Some(today() - chrono::Days::new(3)),
        ongoing: false,
        origin: Origin::Later,
    };
    store.add_commitment(&promise, today()).unwrap();
    (dir, store)
}

fn rebound_app(store: &mut Store) -> App {
    let config = Config::parse(REBOUND).unwrap();
    let mut app = common::app(store, 120, 40);
    app.keymap = config.keymap;
    app
}

#[test]
fn a_rebound_undo_is_the_key_the_messages_name() {
    let (_dir, mut store) = one_promise();
    let mut app = rebound_app(&mut store);

    drive(&mut app, &mut store, &["K"]);
    assert_eq!(info(&app), "select a commitment first (n to the ledger)");

    drive(&mut app, &mut store, &["n", "K"]);
    let kept = info(&app);
    assert!(kept.ends_with("kept — z undoes"), "{kept}");

    drive(&mut app, &mut store, &["z"]);
    let undone = info(&app);
    assert!(undone.ends_with(" — z to redo"), "{undone}");
}

#[test]
fn the_shipped_keys_still_read_as_before() {
    let (_dir, mut store) = one_promise();
    let mut app = common::app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["K"]);
    assert_eq!(info(&app), "select a commitment first (tab to the ledger)");
    drive(&mut app, &mut store, &["tab", "K"]);
    assert!(info(&app).ends_with("kept — u undoes"), "{}", info(&app));
}

#[test]
fn an_unbound_undo_is_not_offered() {
    let (_dir, mut store) = one_promise();
    let mut app = common::app(&mut store, 120, 40);
    app.keymap = Config::parse("[keys.dashboard]\n\"u\" = \"none\"\n")
        .unwrap()
        .keymap;
    drive(&mut app, &mut store, &["tab", "K"]);
    let kept = info(&app);
    assert!(kept.ends_with(" kept"), "{kept}");
}

#[test]
fn a_kept_draft_names_the_rebound_cancel_key() {
    let (_dir, mut store) = book(true);
    let mut app = rebound_app(&mut store);
    let draft = pactum::app::form::Form::add_problem(1, "Acme").draft();
    update(&mut app, Action::RestoreDraft(Box::new(draft)));
    assert_eq!(
        info(&app),
        "your unfinished form was kept: finish it, or ctrl-g drops it"
    );
}

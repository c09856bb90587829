//! Undo on a shared book: it reverses only its own change, refuses (naming who) when another
//! session has since built on or changed the record, and is itself undoable.

mod common;

use common::{app, book, drive, today, type_text};
use pactum::app::Notice;
use pactum::domain::{Initiator, Origin, Side, Status, TouchKind};
use pactum::store::{CommitmentFilter, NewCommitment, NewPartner, NewProblem, NewTouch, Store};
use std::path::Path;

fn promise(partner_id: i64, title: &str) -> NewCommitment {
    NewCommitment {
        partner_id,
        side: Side::Theirs,
        title: title.into(),
        detail: String::new(),
        made_on: today(),
        due_on: Some(today()),
        ongoing: false,
        origin: Origin::Later,
    }
}

fn touch(partner_id: i64) -> NewTouch {
    NewTouch {
        partner_id,
        on: today(),
        kind: TouchKind::Call,
        initiated_by: Initiator::Them,
        summary: "they called about the renewal".into(),
        bad_news: false,
    }
}

/// Bob, in another session on the same book, builds on partner `id`: two commitments, a touch
/// and a problem.
fn bob_builds_on(path: &Path, id: i64) -> Store {
    let mut bob = Store::open(path, "bob").unwrap();
    bob.add_commitment(&promise(id, "Intro to CFO"), today())
        .unwrap();
    bob.add_commitment(&promise(id, "Send the logo"), today())
        .unwrap();
    bob.add_touch(&touch(id), today()).unwrap();
    let problem = NewProblem {
        partner_id: id,
        opened_on: today(),
        summary: "invoice dispute".into(),
        severity: 2,
        reaction: 4,
    };
    bob.add_problem(&problem, today()).unwrap();
    bob
}

fn counts(store: &Store, id: i64) -> (usize, usize, usize) {
    let filter = CommitmentFilter {
        partner_id: Some(id),
        ..CommitmentFilter::default()
    };
    (
        store.commitments(filter).unwrap().len(),
        store.touches(Some(id), None, 100).unwrap().len(),
        store.problems(Some(id), false).unwrap().len(),
    )
}

#[test]
fn undoing_an_add_refuses_when_another_session_built_on_it_and_names_them() {
    let (dir, mut alice) = book(false);
    let id = alice
        .add_partner(&NewPartner::named("UndoCo", today()))
        .unwrap();
    let added = alice.last_event().unwrap();
    let bob = bob_builds_on(&dir.path().join("book.db"), id);

    let refused = alice.undo(added).unwrap_err().to_string();
    assert!(refused.contains("cannot undo"), "{refused}");
    assert!(refused.contains("bob has since"), "{refused}");
    assert!(refused.contains("3 more changes"), "{refused}");
    assert!(refused.contains("nothing was changed"), "{refused}");
    assert_eq!(bob.partner(id).unwrap().name, "UndoCo");
    assert_eq!(counts(&bob, id), (2, 1, 1), "all of bob's records stand");
    let last = alice.events(1).unwrap();
    assert_ne!(last[0].action, "undo", "a refused undo logs nothing");
}

#[test]
fn undoing_an_add_refuses_when_another_session_changed_the_record() {
    let (dir, mut alice) = book(false);
    let id = alice
        .add_partner(&NewPartner::named("UndoCo", today()))
        .unwrap();
    let c = alice
        .add_commitment(&promise(id, "Intro to CFO"), today())
        .unwrap();
    let added = alice.last_event().unwrap();
    let mut bob = Store::open(&dir.path().join("book.db"), "bob").unwrap();
    bob.set_status(c, Status::Kept, today(), today()).unwrap();

    let refused = alice.undo(added).unwrap_err().to_string();
    assert!(refused.contains("bob has since kept"), "{refused}");
    assert_eq!(alice.commitment(c).unwrap().status, Status::Kept);

    // The same for an edit: bob reopens what alice kept; alice's undo of her keep refuses.
    let reopened = bob.set_status(c, Status::Open, today(), today()).unwrap();
    alice.set_status(c, Status::Kept, today(), today()).unwrap();
    let alice_kept = alice.last_event().unwrap();
    assert!(alice_kept > reopened);
    bob.set_status(c, Status::Open, today(), today()).unwrap();
    let refused = alice.undo(alice_kept).unwrap_err().to_string();
    assert!(refused.contains("bob has since reopened"), "{refused}");
    assert_eq!(alice.commitment(c).unwrap().status, Status::Open);
}

#[test]
fn an_undo_is_undoable_and_the_record_comes_back_whole() {
    let (_dir, mut store) = book(false);
    let mut new = NewPartner::named("UndoCo", today());
    new.tags = vec!["emea, north".into(), "key".into()];
    new.desired_outcome = "a three-year renewal".into();
    let id = store.add_partner(&new).unwrap();
    let before = store.partner(id).unwrap();
    let added = store.last_event().unwrap();

    let said = store.undo(added).unwrap();
    assert_eq!(said, "undid: added partner UndoCo");
    assert!(store.partner(id).is_err(), "the add is undone");
    let undo = store.last_event().unwrap();

    let said = store.undo(undo).unwrap();
    assert_eq!(said, "redid: added partner UndoCo");
    let back = store.partner(id).unwrap();
    assert_eq!(back.name, before.name);
    assert_eq!(back.owner, before.owner);
    assert_eq!(back.desired_outcome, before.desired_outcome);
    assert_eq!(back.version, before.version);
    let mut tags = back.tags.join(",");
    tags.retain(|c| c != ' ');
    assert_eq!(tags, "emea,north,key", "tags come back");
    let log = store.events(10).unwrap();
    let original = log.iter().find(|e| e.id == added).unwrap();
    assert!(!original.undone, "the add stands again");

    let redo = store.last_event().unwrap();
    assert_eq!(store.undo(redo).unwrap(), "undid: added partner UndoCo");
    assert!(store.partner(id).is_err());
    assert!(store.undo(redo).is_err(), "each event reverses once");
}

#[test]
fn undoing_an_undone_edit_makes_the_edit_again() {
    let (_dir, mut store) = book(false);
    let id = store
        .add_partner(&NewPartner::named("UndoCo", today()))
        .unwrap();
    let c = store
        .add_commitment(&promise(id, "Intro to CFO"), today())
        .unwrap();
    let kept = store.set_status(c, Status::Kept, today(), today()).unwrap();
    store.undo(kept).unwrap();
    assert_eq!(store.commitment(c).unwrap().status, Status::Open);
    store.undo(store.last_event().unwrap()).unwrap();
    let again = store.commitment(c).unwrap();
    assert_eq!(
        (again.status, again.closed_on),
        (Status::Kept, Some(today()))
    );
    store.undo(store.last_event().unwrap()).unwrap();
    assert_eq!(store.commitment(c).unwrap().status, Status::Open);
}

#[test]
fn a_redo_refuses_when_the_name_or_the_id_was_taken_since() {
    let (dir, mut alice) = book(false);
    let undoco = alice
        .add_partner(&NewPartner::named("UndoCo", today()))
        .unwrap();
    let added = alice.last_event().unwrap();
    alice
        .add_partner(&NewPartner::named("Other", today()))
        .unwrap();
    alice.undo(added).unwrap();
    let undo = alice.last_event().unwrap();
    let mut bob = Store::open(&dir.path().join("book.db"), "bob").unwrap();
    bob.add_partner(&NewPartner::named("undoco", today()))
        .unwrap();
    let refused = alice.undo(undo).unwrap_err().to_string();
    assert!(refused.starts_with("cannot redo"), "{refused}");
    assert!(refused.contains("already exists"), "{refused}");
    assert!(alice.partner(undoco).is_err());

    // The newest row's id is given out again once it is gone: the redo names who holds it.
    let last = alice
        .add_partner(&NewPartner::named("Newest", today()))
        .unwrap();
    alice.undo(alice.last_event().unwrap()).unwrap();
    let undo = alice.last_event().unwrap();
    let took = bob
        .add_partner(&NewPartner::named("Bobs", today()))
        .unwrap();
    assert_eq!(took, last, "SQLite reuses the id");
    let refused = alice.undo(undo).unwrap_err().to_string();
    assert!(
        refused.contains("bob has since added partner Bobs"),
        "{refused}"
    );
    assert_eq!(bob.partner(took).unwrap().name, "Bobs");
}

#[test]
fn u_in_the_dashboard_refuses_to_remove_another_sessions_work_then_redoes_its_own() {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "UndoCo");
    drive(&mut app, &mut store, &["enter"]);
    let id = app.data.rows[0].id;
    let bob = bob_builds_on(&dir.path().join("book.db"), id);

    drive(&mut app, &mut store, &["u"]);
    assert!(
        matches!(&app.notice, Some(Notice::Error(m)) if m.contains("bob has since")),
        "{:?}",
        app.notice
    );
    assert_eq!(counts(&bob, id), (2, 1, 1));

    // Our own add, with nothing built on it, undoes; u again puts it back.
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Solo");
    drive(&mut app, &mut store, &["enter"]);
    let solo = |app: &pactum::app::App| app.data.rows.iter().any(|r| r.name == "Solo");
    assert!(solo(&app));
    drive(&mut app, &mut store, &["u"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("undid") && m.contains("u to redo")),
        "{:?}",
        app.notice
    );
    assert!(!solo(&app), "undone");
    drive(&mut app, &mut store, &["u"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("redid")),
        "{:?}",
        app.notice
    );
    assert!(solo(&app), "redone");
}

//! The partner update drafted from the book, and recording it: from the demo partners and from
//! purpose-built books (snapshots of the text), bad news exactly when a slip or a problem is
//! told, and Today cleared of the partner once it is recorded.

mod common;

use chrono::{Days, NaiveDate};
use common::{book, today};
use pactum::config::shipped_wording;
use pactum::domain::{Contact, Origin};
use pactum::domain::{Initiator, Side, Stage, Status, TouchKind};
use pactum::runtime::{self, letters};
use pactum::store::{NewCommitment, NewPartner, NewProblem, NewTouch, Store};

fn ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

fn ahead(n: u64) -> NaiveDate {
    today() + Days::new(n)
}

fn partner(store: &mut Store, name: &str, signed_ago: Option<u64>) -> i64 {
    let mut new = NewPartner::named(name, ago(120));
    if let Some(n) = signed_ago {
        new.stage = Stage::Signed;
        new.signed_on = Some(ago(n));
    }
    store.add_partner(&new).unwrap();
    store.resolve_partner(name).unwrap()
}

fn promise(
    store: &mut Store,
    p: i64,
    side: Side,
    title: &str,
    made: u64,
    due: Option<NaiveDate>,
) -> i64 {
    let new = NewCommitment {
        partner_id: p,
        side,
        title: title.into(),
        detail: String::new(),
        made_on: ago(made),
        due_on: due,
        ongoing: false,
        origin: Origin::Later,
    };
    store.add_commitment(&new, today()).unwrap()
}

fn update_touch(store: &mut Store, p: i64, on: NaiveDate, bad_news: bool) {
    let t = NewTouch {
        partner_id: p,
        on,
        kind: TouchKind::Update,
        initiated_by: Initiator::Us,
        summary: "update".into(),
        bad_news,
    };
    store.add_touch(&t, today()).unwrap();
}

fn draft(store: &Store, p: i64) -> pactum::domain::letter::update::UpdateDraft {
    letters::update_draft(store, today(), &shipped_wording(), p).unwrap()
}

/// A partner we let down: a re-date after the due day, a miss, one kept, one of theirs late,
/// and a problem with the brave conversation held.
fn slipping(store: &mut Store) -> i64 {
    let p = partner(store, "Slipco", Some(90));
    store
        .add_contact(&Contact {
            id: 0,
            partner_id: p,
            name: "Ada Byrne".into(),
            role: "COO".into(),
            email: String::new(),
            phone: String::new(),
            note: String::new(),
            version: 0,
        })
        .unwrap();
    update_touch(store, p, ago(30), false);
    let late = promise(store, p, Side::Ours, "Pilot report", 60, Some(ago(10)));
    store.redate_commitment(late, ahead(5), "", ago(8)).unwrap();
    let missed = promise(store, p, Side::Ours, "Training day", 60, Some(ago(6)));
    store
        .set_status(missed, Status::Missed, ago(5), today())
        .unwrap();
    let kept = promise(store, p, Side::Ours, "Data import", 60, Some(ago(20)));
    store
        .set_status(kept, Status::Kept, ago(21), today())
        .unwrap();
    promise(store, p, Side::Ours, "Phase 2 plan", 10, Some(ahead(12)));
    promise(
        store,
        p,
        Side::Theirs,
        "Sign the order form",
        40,
        Some(ago(3)),
    );
    let problem = store
        .add_problem(
            &NewProblem {
                partner_id: p,
                opened_on: ago(12),
                summary: "Invoices sent twice".into(),
                severity: 1,
                reaction: 4,
            },
            today(),
        )
        .unwrap();
    store
        .brave_conversation(
            problem,
            ago(9),
            "we credit the second invoice this month",
            today(),
        )
        .unwrap();
    p
}

#[test]
fn a_partner_with_slips_and_a_problem_hears_what_slipped_first() {
    let (_dir, mut store) = book(false);
    let p = slipping(&mut store);
    let d = draft(&store, p);
    insta::assert_snapshot!("update_slipping", d.text);
    let slipped = d.text.find("What slipped").unwrap();
    for later in [
        "Done",
        "Next from us",
        "What we need from you",
        "Open problems",
    ] {
        assert!(
            d.text.find(later).unwrap() > slipped,
            "{later} after what slipped"
        );
    }
    assert!(d.discloses(&d.text));
}

#[test]
fn a_model_partner_hears_only_done_next_and_care() {
    let (_dir, mut store) = book(false);
    let p = partner(&mut store, "Modelco", Some(60));
    update_touch(&mut store, p, ago(14), false);
    let kept = promise(
        &mut store,
        p,
        Side::Ours,
        "Quarterly report",
        30,
        Some(ago(5)),
    );
    store
        .set_status(kept, Status::Kept, ago(6), today())
        .unwrap();
    promise(
        &mut store,
        p,
        Side::Ours,
        "Roll-out to Leeds",
        3,
        Some(ahead(9)),
    );
    let d = draft(&store, p);
    insta::assert_snapshot!("update_model", d.text);
    for absent in ["What slipped", "What we need from you", "Open problems"] {
        assert!(!d.text.contains(absent), "{absent} is left out when empty");
    }
    assert!(!d.discloses(&d.text));
}

#[test]
fn with_no_update_yet_the_draft_starts_from_signing() {
    let (_dir, mut store) = book(false);
    let p = partner(&mut store, "Newco", Some(20));
    let kept = promise(
        &mut store,
        p,
        Side::Ours,
        "Kick-off workshop",
        25,
        Some(ago(18)),
    );
    store
        .set_status(kept, Status::Kept, ago(19), today())
        .unwrap();
    let before = promise(&mut store, p, Side::Ours, "Proposal", 60, Some(ago(40)));
    store
        .set_status(before, Status::Kept, ago(41), today())
        .unwrap();
    let d = draft(&store, p);
    insta::assert_snapshot!("update_from_signing", d.text);
    assert!(d.text.contains(&format!("since we signed on {}", ago(20))));
    assert!(
        !d.text.contains("Proposal"),
        "kept before signing: not in it"
    );
}

#[test]
fn the_demo_partners_drafts() {
    let (_dir, store) = book(true);
    for name in [
        "Lumen Health Partners",
        "Northwind Logistics",
        "Brightwater Retail Group",
    ] {
        let p = store.resolve_partner(name).unwrap();
        let d = draft(&store, p);
        insta::assert_snapshot!(
            format!("update_demo_{}", name.split(' ').next().unwrap()),
            d.text
        );
    }
}

#[test]
fn recording_marks_bad_news_exactly_when_a_slip_or_problem_is_told() {
    let (_dir, mut store) = book(false);
    let p = slipping(&mut store);
    let d = draft(&store, p);
    let (touch, _) = letters::update_touch(&d, &d.text, today());
    assert!(touch.bad_news);
    assert_eq!(touch.summary, format!("Slipco: our update of {}", today()));
    // Edited down to the good news only: not bad news.
    let cut: String = d
        .text
        .lines()
        .filter(|l| {
            !l.contains("Pilot report") && !l.contains("Training day") && !l.contains("Invoices")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!letters::update_touch(&d, &cut, today()).0.bad_news);
    // A model partner's update is never bad news.
    let m = partner(&mut store, "Modelco", Some(60));
    promise(&mut store, m, Side::Ours, "Roll-out", 3, Some(ahead(9)));
    let dm = draft(&store, m);
    assert!(!letters::update_touch(&dm, &dm.text, today()).0.bad_news);
}

#[test]
fn recording_the_update_takes_the_partner_off_owed_and_we_slipped() {
    let (_dir, mut store) = book(false);
    let p = slipping(&mut store);
    let rules = pactum::domain::health::Rules::default();
    let lines = |store: &mut Store, kind: &str| -> Vec<String> {
        let agenda = runtime::agenda(store, today(), &rules, None).unwrap();
        let json = serde_json::to_value(&agenda).unwrap();
        json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == kind)
            .flat_map(|s| s["items"].as_array().unwrap().clone())
            .map(|i| i["partner"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(lines(&mut store, "we-slipped"), ["Slipco", "Slipco"]);
    assert_eq!(lines(&mut store, "update-owed"), ["Slipco"]);
    let d = draft(&store, p);
    let (touch, text) = letters::update_touch(&d, &d.text, today());
    let id = store.add_touch_with_text(&touch, &text, today()).unwrap();
    assert!(lines(&mut store, "we-slipped").is_empty());
    assert!(lines(&mut store, "update-owed").is_empty());
    let kept = store.touches(Some(p), None, 1).unwrap().remove(0);
    assert_eq!((kept.id, kept.bad_news), (id, true));
    assert_eq!(kept.body, d.text.trim());
    // The next draft starts from today's update: nothing is repeated but what is still owed.
    let again = draft(&store, p);
    assert!(!again.text.contains("Training day"));
    assert!(!again.text.contains("Data import"));
}

//! The `/` filter's haystacks kept with the dashboard lines: the same text as built afresh,
//! and never stale after a change to what they hold.

mod common;

use common::today;
use pactum::domain::health::Rules;
use pactum::domain::{Contact, Initiator, TouchKind};
use pactum::runtime;
use pactum::store::{NewPartner, NewTouch, PartnerEdit, Store};

/// The haystacks as the filter reads them (kept with the lines), after the dashboard kept its
/// lines, checked against the haystacks built afresh.
fn kept(store: &mut Store) -> Vec<(i64, String)> {
    runtime::dashboard_rows(store, today(), &Rules::default()).unwrap();
    let kept = store.search_index().unwrap();
    assert_eq!(
        store.kept_haystacks().unwrap(),
        kept.len(),
        "every haystack is kept"
    );
    assert_eq!(kept, store.search_index_afresh().unwrap());
    kept
}

fn text_of(index: &[(i64, String)], id: i64) -> String {
    index.iter().find(|(p, _)| *p == id).unwrap().1.clone()
}

#[test]
fn the_haystacks_kept_with_the_lines_follow_every_change() {
    let (_dir, mut store) = common::book(true);
    let first = kept(&mut store);
    assert!(first.len() >= 10);
    let id = store
        .add_partner(&NewPartner {
            tags: vec!["logistics".into()],
            ..NewPartner::named("Quokka Freight", today())
        })
        .unwrap();
    assert!(text_of(&kept(&mut store), id).contains("logistics"));
    store
        .add_contact(&Contact {
            id: 0,
            partner_id: id,
            name: "Wilhelmina Ortiz".into(),
            role: String::new(),
            email: String::new(),
            phone: String::new(),
            note: String::new(),
            version: 1,
        })
        .unwrap();
    assert!(text_of(&kept(&mut store), id).contains("Wilhelmina Ortiz"));
    store
        .add_touch(
            &NewTouch {
                partner_id: id,
                on: today(),
                kind: TouchKind::Call,
                initiated_by: Initiator::Us,
                summary: "talked through the zeppelin route".into(),
                bad_news: false,
            },
            today(),
        )
        .unwrap();
    assert!(text_of(&kept(&mut store), id).contains("zeppelin route"));
    let partner = store.partner(id).unwrap();
    store
        .edit_partner(&PartnerEdit {
            id,
            version: partner.version,
            name: "Quokka Air Freight".into(),
            stage: partner.stage,
            signed_on: partner.signed_on,
            update_every_days: partner.update_every_days,
            desired_outcome: partner.desired_outcome.clone(),
            their_goals: partner.their_goals.clone(),
            their_constraints: partner.their_constraints.clone(),
            owner: partner.owner.clone(),
            tags: partner.tags.clone(),
        })
        .unwrap();
    assert!(text_of(&kept(&mut store), id).starts_with("Quokka Air Freight\n"));
}

//! An export is the book at one moment: taken while another session writes, every touch it
//! holds comes with the commitment written before it.

use crate::common::today;
use pactum::domain::{Initiator, Origin, Side, TouchKind};
use pactum::store::{GenSpec, NewCommitment, NewTouch, Store};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[test]
fn an_export_taken_while_another_session_writes_is_one_moment_of_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut store = Store::open(&path, "tester").unwrap();
    let spec = GenSpec {
        partners: 50,
        commitments: 2_000,
        touches: 2_000,
        seed: 7,
    };
    store.generate(spec, today(), false).unwrap();
    let partner = store.partners(false).unwrap()[0].id;

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, path) = (stop.clone(), path.clone());
        std::thread::spawn(move || {
            let mut other = Store::open(&path, "writer").unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let promise = NewCommitment {
                    partner_id: partner,
                    side: Side::Ours,
                    title: format!("pair {n}"),
                    detail: String::new(),
                    made_on: today(),
                    due_on: Some(today()),
                    ongoing: false,
                    origin: Origin::Later,
                };
                other.add_commitment(&promise, today()).unwrap();
                let touch = NewTouch {
                    partner_id: partner,
                    on: today(),
                    kind: TouchKind::Email,
                    initiated_by: Initiator::Us,
                    summary: format!("about pair {n}"),
                    bad_news: false,
                };
                other.add_touch(&touch, today()).unwrap();
                n += 1;
            }
            n
        })
    };

    let mut torn = 0;
    for _ in 0..20 {
        let book = store.export_book(false).unwrap();
        let titles: HashSet<&str> = book
            .partners
            .iter()
            .flat_map(|p| p.commitments.iter().map(|c| c.title.as_str()))
            .collect();
        let lonely = book
            .partners
            .iter()
            .flat_map(|p| p.touches.iter())
            .filter_map(|t| t.summary.strip_prefix("about "))
            .filter(|pair| !titles.contains(pair))
            .count();
        torn += usize::from(lonely > 0);
    }
    stop.store(true, Ordering::Relaxed);
    let pairs = writer.join().unwrap();
    assert!(pairs > 0, "the writer wrote while the exports ran");
    assert_eq!(
        torn, 0,
        "exports holding a touch without its commitment ({pairs} pairs written)"
    );
}

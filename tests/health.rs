//! Health on a real book: the SQL aggregates agree with the reference definition over rows,
//! the demo partners get the verdicts their lessons call for, and snapshots make a trend.

mod common;

use common::{book, today};
use pactum::domain::dates::shift;
use pactum::domain::health::{HealthInput, HealthVerdict, Level, Rules, SignalKey, assess};
use pactum::store::{CommitmentFilter, Store};

fn reference(store: &Store, id: i64, day: chrono::NaiveDate, rules: &Rules) -> HealthInput {
    let partner = store.partner(id).unwrap();
    let commitments = store
        .commitments(CommitmentFilter {
            partner_id: Some(id),
            ..Default::default()
        })
        .unwrap();
    let reviews = store.reviews(id).unwrap();
    let touches = store.touches(Some(id), None, u32::MAX).unwrap();
    let problems = store.problems(Some(id), false).unwrap();
    HealthInput::from_rows(
        &partner,
        &commitments,
        &reviews,
        &touches,
        &problems,
        day,
        rules,
    )
}

#[test]
fn sql_aggregates_match_the_reference_on_every_demo_partner_and_day() {
    let (_dir, store) = book(true);
    let rules = Rules::default();
    for offset in [-400, -200, -91, -90, -30, -1, 0, 1, 29, 60, 200] {
        let day = shift(today(), offset);
        let all = store.health_inputs(day, &rules, None).unwrap();
        assert_eq!(all.len() as i64, store.partner_count().unwrap());
        for (id, input) in &all {
            let want = reference(&store, *id, day, &rules);
            let mut got = input.clone();
            got.open_problems.sort_by_key(|p| p.id);
            let mut want_sorted = want.clone();
            want_sorted.open_problems.sort_by_key(|p| p.id);
            assert_eq!(got, want_sorted, "partner {id} on {day}");
            let one = store.health_inputs(day, &rules, Some(*id)).unwrap();
            assert_eq!(
                one,
                vec![(*id, input.clone())],
                "partner {id} alone on {day}"
            );
        }
    }
}

#[test]
fn sql_aggregates_match_the_reference_on_a_generated_book() {
    // Long histories with every status, ongoing items, reviews and signing days, unlike the
    // hand-written demo: the index-range figures against the row-by-row definition.
    let (_dir, mut store) = book(false);
    let spec = pactum::store::GenSpec {
        partners: 12,
        commitments: 600,
        touches: 3_000,
        seed: 7,
    };
    store.generate(spec, today(), false).unwrap();
    // Slips kept: re-date some open items of ours, late and in time, and tell of a few.
    let open = store
        .commitments(CommitmentFilter {
            open_only: true,
            side: Some(pactum::domain::Side::Ours),
            ..Default::default()
        })
        .unwrap();
    for (n, c) in open
        .iter()
        .filter(|c| c.due_on.is_some())
        .take(40)
        .enumerate()
    {
        let on = shift(today(), -(n as i64 % 9));
        let Some(due) = c.due_on else { continue };
        let new_due = shift(due.max(on), 5 + n as i64);
        store.redate_commitment(c.id, new_due, "", on).unwrap();
        if n % 3 == 0 {
            let new = pactum::store::NewTouch {
                partner_id: c.partner_id,
                on,
                kind: pactum::domain::TouchKind::Update,
                initiated_by: pactum::domain::Initiator::Us,
                summary: "we slipped".into(),
                bad_news: true,
            };
            store.add_touch(&new, today()).unwrap();
        }
    }
    let rules = Rules::default();
    let now = store.health_inputs(today(), &rules, None).unwrap();
    let some = |f: fn(&HealthInput) -> bool| now.iter().any(|(_, i)| f(i));
    assert!(some(|i| i.ours.kept_on_time > 0 && i.theirs.overdue > 0));
    assert!(some(|i| i.their_delivery_before.kept_on_time > 0));
    assert!(some(
        |i| i.ongoing_items > 0 && i.least_recent_review_on.is_some()
    ));
    assert!(some(|i| i.our_touches_courtship > 0));
    assert!(some(|i| i.untold.most_days_late_redated.is_some()));
    assert!(some(|i| i.last_bad_news_on.is_some()));
    // Six weeks on, open items of ours have fallen overdue: recent slips, told or not.
    let later = store
        .health_inputs(shift(today(), 45), &rules, None)
        .unwrap();
    assert!(
        later
            .iter()
            .any(|(_, i)| i.ours.slips_recent > 0 && i.untold.count > 0)
    );
    for offset in [-2000, -365, -90, -1, 0, 20, 45, 90] {
        let day = shift(today(), offset);
        for (id, input) in store.health_inputs(day, &rules, None).unwrap() {
            let mut got = input.clone();
            got.open_problems.sort_by_key(|p| p.id);
            let mut want = reference(&store, id, day, &rules);
            want.open_problems.sort_by_key(|p| p.id);
            assert_eq!(got, want, "partner {id} on {day}");
            let one = store.health_inputs(day, &rules, Some(id)).unwrap();
            assert_eq!(one, vec![(id, input)], "partner {id} alone on {day}");
        }
    }
}

fn verdict_of(store: &Store, name: &str) -> pactum::domain::health::Health {
    let id = store.resolve_partner(name).unwrap();
    let rules = Rules::default();
    let (_, input) = store
        .health_inputs(today(), &rules, Some(id))
        .unwrap()
        .remove(0);
    assess(&input, today(), &rules)
}

#[test]
fn each_demo_partner_gets_the_verdict_of_its_lesson() {
    let (_dir, store) = book(true);
    let healthy = verdict_of(&store, "Northwind");
    assert_eq!(healthy.verdict, HealthVerdict::Healthy, "{healthy:#?}");
    let switched_off = verdict_of(&store, "Harbourline");
    assert_eq!(
        switched_off.signal(SignalKey::AfterSigning).unwrap().level,
        Level::Poor
    );
    assert_ne!(switched_off.verdict, HealthVerdict::Healthy);
    let one_way = verdict_of(&store, "Brightwater");
    assert_eq!(
        one_way.verdict,
        HealthVerdict::WalkAwayReview,
        "{one_way:#?}"
    );
    let reaction = verdict_of(&store, "Kestrel");
    assert_eq!(
        reaction.signal(SignalKey::Adversity).unwrap().level,
        Level::Poor
    );
    assert!(reaction.score.unwrap() < 75 && !reaction.caps.is_empty());
    let unreliable = verdict_of(&store, "Lumen");
    assert_eq!(
        unreliable.signal(SignalKey::OurReliability).unwrap().level,
        Level::Poor
    );
    assert_ne!(unreliable.verdict, HealthVerdict::Healthy);
    let ended = verdict_of(&store, "Granite");
    assert_eq!(ended.score, None);
    // A prospect three weeks in, its charter written and nothing fallen due: too early.
    let prospect = verdict_of(&store, "Alder");
    assert_eq!(prospect.verdict, HealthVerdict::TooEarly, "{prospect:#?}");
    assert_eq!((prospect.score, prospect.level), (None, None));
    assert!(
        prospect.reason.contains("the charter is written"),
        "{}",
        prospect.reason
    );
    let switched_off = verdict_of(&store, "Harbourline");
    assert_eq!(switched_off.verdict, HealthVerdict::AtRisk);
    assert!(
        switched_off.reason.starts_with("we switched off"),
        "{}",
        switched_off.reason
    );
    for healthy in ["Halcyon", "Saltmarsh", "Oakridge"] {
        let h = verdict_of(&store, healthy);
        assert_eq!(h.verdict, HealthVerdict::Healthy, "{healthy}: {h:#?}");
    }
    let saltmarsh = verdict_of(&store, "Saltmarsh");
    assert_eq!(
        saltmarsh.signal(SignalKey::Openness).unwrap().level,
        Level::Watch,
        "updates overdue"
    );
}

#[test]
fn snapshots_are_daily_and_make_a_weekly_trend() {
    let (_dir, mut store) = book(true);
    let rules = Rules::default();
    let id = store.resolve_partner("Northwind").unwrap();
    let (_, input) = store
        .health_inputs(today(), &rules, Some(id))
        .unwrap()
        .remove(0);
    let h = assess(&input, today(), &rules);
    assert_eq!(store.save_snapshots(today(), &[(id, &h)]).unwrap(), 1);
    assert_eq!(
        store.save_snapshots(today(), &[(id, &h)]).unwrap(),
        0,
        "unchanged: no write"
    );
    assert_eq!(
        store.health_trend(id, today(), 18).unwrap(),
        vec![(today(), h.score)]
    );
    for back in [1, 8, 9, 20] {
        let day = shift(today(), -back);
        let (_, input) = store
            .health_inputs(day, &rules, Some(id))
            .unwrap()
            .remove(0);
        store
            .save_snapshots(day, &[(id, &assess(&input, day, &rules))])
            .unwrap();
    }
    let trend = store.health_trend(id, today(), 18).unwrap();
    let days: Vec<i64> = trend
        .iter()
        .map(|(d, _)| (today() - *d).num_days())
        .collect();
    assert_eq!(
        days,
        vec![20, 8, 0],
        "the last snapshot of each week, oldest first"
    );
}

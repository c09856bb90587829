//! Random books built through the real store API, within the documented limits, and the demo
//! book with hostile partners added.

use super::{HOSTILE_NAME, HOSTILE_TITLE, SEQUENCES, field, required, tempdir};
use chrono::{Days, NaiveDate};
use pactum::domain::limits::{NAME_MAX, TAG_MAX, TEXT_MAX, TITLE_MAX};
use pactum::domain::{Contact, Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use pactum::store::{NewCommitment, NewPartner, NewProblem, NewTouch, Store};
use proptest::collection::vec;
use proptest::prelude::*;
use tempfile::TempDir;

#[derive(Debug, Clone)]
pub struct CommitmentSpec {
    theirs: bool,
    title: String,
    detail: String,
    made_ago: u64,
    due_in: Option<i64>,
    status: u8,
}

#[derive(Debug, Clone)]
pub struct PartnerSpec {
    name: String,
    stage: u8,
    outcome: String,
    goals: String,
    tags: Vec<String>,
    ended: Option<String>,
    commitments: Vec<CommitmentSpec>,
    touches: Vec<(u64, u8, bool, String, bool)>,
    problems: Vec<(u64, String, u8, u8, Option<String>, bool)>,
    contacts: Vec<(String, String, String)>,
}

/// A random book: partners in full, plus many bare partners for long lists.
#[derive(Debug, Clone)]
pub struct BookSpec {
    partners: Vec<PartnerSpec>,
    bare: Vec<String>,
}

fn commitment() -> impl Strategy<Value = CommitmentSpec> {
    (
        any::<bool>(),
        required(TITLE_MAX),
        field(TEXT_MAX),
        0u64..400,
        prop::option::weighted(0.8, -90i64..90),
        0u8..5,
    )
        .prop_map(
            |(theirs, title, detail, made_ago, due_in, status)| CommitmentSpec {
                theirs,
                title,
                detail,
                made_ago,
                due_in,
                status,
            },
        )
}

fn partner() -> impl Strategy<Value = PartnerSpec> {
    (
        (
            required(NAME_MAX),
            0u8..3,
            field(TEXT_MAX),
            field(TEXT_MAX),
            vec(required(TAG_MAX), 0..3),
            prop::option::weighted(0.15, required(TEXT_MAX)),
        ),
        vec(commitment(), 0..7),
        vec(
            (
                0u64..400,
                0u8..7,
                any::<bool>(),
                required(TEXT_MAX),
                any::<bool>(),
            ),
            0..5,
        ),
        vec(
            (
                0u64..300,
                required(TITLE_MAX),
                1u8..=5,
                1u8..=5,
                prop::option::of(field(TEXT_MAX)),
                any::<bool>(),
            ),
            0..3,
        ),
        vec((required(NAME_MAX), field(80), field(80)), 0..3),
    )
        .prop_map(
            |(
                (name, stage, outcome, goals, tags, ended),
                commitments,
                touches,
                problems,
                contacts,
            )| {
                PartnerSpec {
                    name,
                    stage,
                    outcome,
                    goals,
                    tags,
                    ended,
                    commitments,
                    touches,
                    problems,
                    contacts,
                }
            },
        )
}

/// Random books of up to 8 full partners and up to 60 bare ones.
pub fn book() -> impl Strategy<Value = BookSpec> {
    (
        vec(partner(), 0..8),
        prop_oneof![3 => Just(0usize..1), 1 => Just(20usize..60)]
            .prop_flat_map(|n| vec(required(NAME_MAX), n)),
    )
        .prop_map(|(partners, bare)| BookSpec { partners, bare })
}

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn offset(today: NaiveDate, days: i64) -> NaiveDate {
    today
        .checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(today)
}

/// Writes `spec` into a new book through the store API. Writes the store refuses (a name
/// taken twice, say) are skipped: the test is about showing what was accepted.
pub fn build(spec: &BookSpec, today: NaiveDate) -> (TempDir, Store) {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("book.db"), "tester").expect("opening a book");
    for p in &spec.partners {
        add_partner(&mut store, p, today);
    }
    for name in &spec.bare {
        let _ = store.add_partner(&NewPartner::named(name, today));
    }
    (dir, store)
}

fn add_partner(store: &mut Store, p: &PartnerSpec, today: NaiveDate) {
    let stage = [Stage::Prospect, Stage::Engaged, Stage::Signed][usize::from(p.stage % 3)];
    let new = NewPartner {
        stage,
        signed_on: (stage == Stage::Signed).then(|| ago(today, 120)),
        desired_outcome: p.outcome.clone(),
        their_goals: p.goals.clone(),
        tags: p.tags.clone(),
        ..NewPartner::named(&p.name, ago(today, 400))
    };
    let Ok(id) = store.add_partner(&new) else {
        return;
    };
    for c in &p.commitments {
        let due_on = c.due_in.map(|d| offset(today, d));
        let Ok(cid) = store.add_commitment(
            &NewCommitment {
                partner_id: id,
                side: if c.theirs { Side::Theirs } else { Side::Ours },
                title: c.title.clone(),
                detail: c.detail.clone(),
                made_on: ago(today, c.made_ago),
                due_on,
                ongoing: due_on.is_none(),
                origin: Origin::Later,
            },
            today,
        ) else {
            continue;
        };
        match (due_on, c.status) {
            (Some(_), 1) => drop(store.set_status(cid, Status::Kept, today, today)),
            (Some(_), 2) => drop(store.set_status(cid, Status::Missed, today, today)),
            (Some(_), 3) => drop(store.set_status(cid, Status::Released, today, today)),
            (None, 1) => drop(store.add_review(cid, Verdict::Honoured, today, &c.detail, today)),
            (None, 2) => drop(store.add_review(cid, Verdict::NotHonoured, today, &c.title, today)),
            _ => {}
        }
    }
    const KINDS: [&str; 7] = [
        "call", "meeting", "email", "message", "update", "care", "other",
    ];
    for (days, kind, us, summary, bad_news) in &p.touches {
        let _ = store.add_touch(
            &NewTouch {
                partner_id: id,
                on: ago(today, *days),
                kind: KINDS[usize::from(*kind % 7)]
                    .parse::<TouchKind>()
                    .expect("a touch kind"),
                initiated_by: if *us { Initiator::Us } else { Initiator::Them },
                summary: summary.clone(),
                bad_news: *bad_news,
            },
            today,
        );
    }
    for (days, summary, severity, reaction, brave, resolved) in &p.problems {
        let Ok(pid) = store.add_problem(
            &NewProblem {
                partner_id: id,
                opened_on: ago(today, *days),
                summary: summary.clone(),
                severity: *severity,
                reaction: *reaction,
            },
            today,
        ) else {
            continue;
        };
        if let Some(note) = brave {
            let _ = store.brave_conversation(pid, today, note, today);
        }
        if *resolved {
            let _ = store.resolve_problem(pid, today, today);
        }
    }
    for (name, role, email) in &p.contacts {
        let _ = store.add_contact(&Contact {
            id: 0,
            partner_id: id,
            name: name.clone(),
            role: role.clone(),
            email: email.clone(),
            phone: String::new(),
            note: String::new(),
            version: 0,
        });
    }
    if let Some(reason) = &p.ended {
        let _ = store.end_partner(id, today, reason);
    }
}

/// The demo book plus partners whose every text field is hostile.
pub fn hostile_demo(store: &mut Store, today: NaiveDate) {
    store
        .load_demo(
            &pactum::store::DemoBook::shipped().expect("the demo book"),
            today,
        )
        .expect("loading the demo");
    let long = SEQUENCES
        .concat()
        .repeat(TEXT_MAX)
        .chars()
        .take(TEXT_MAX)
        .collect::<String>();
    let title = SEQUENCES
        .concat()
        .chars()
        .take(TITLE_MAX)
        .collect::<String>();
    let spec = PartnerSpec {
        name: HOSTILE_NAME.into(),
        stage: 2,
        outcome: long.clone(),
        goals: "\t\u{202e}goals\r\n\x1b[2Jmore".into(),
        tags: vec!["\x1b[31mred".into(), "日本語テキスト".into()],
        ended: None,
        commitments: vec![
            CommitmentSpec {
                theirs: false,
                title: HOSTILE_TITLE.into(),
                detail: long.clone(),
                made_ago: 30,
                due_in: Some(-3),
                status: 0,
            },
            CommitmentSpec {
                theirs: true,
                title: title.clone(),
                detail: String::new(),
                made_ago: 30,
                due_in: None,
                status: 0,
            },
        ],
        touches: vec![
            (2, 0, false, long.clone(), true),
            (9, 2, true, title.clone(), false),
        ],
        problems: vec![(5, title.clone(), 4, 3, Some(long.clone()), false)],
        contacts: vec![(
            HOSTILE_NAME.into(),
            "\u{9b}31m".into(),
            "a@\u{202e}b".into(),
        )],
    };
    add_partner(store, &spec, today);
    let mut second = spec.clone();
    second.name = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} ﾊﾞ \u{202e}emordnilap".into();
    add_partner(store, &second, today);
}

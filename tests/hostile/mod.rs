//! Hostile data for the safety tests: text that attacks terminals and readers, and random books
//! built from it through the real store API, within the documented limits.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};
use pactum::domain::limits::{NAME_MAX, TAG_MAX, TEXT_MAX, TITLE_MAX};
use pactum::domain::{Contact, Initiator, Origin, Side, Stage, Status, TouchKind, Verdict};
use pactum::store::{NewCommitment, NewPartner, NewProblem, NewTouch, Store};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use tempfile::TempDir;

/// The proptest configuration of these tests: `cases` unless PROPTEST_CASES says otherwise.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        failure_persistence: None,
        // ChaCha, the default generator, is slow without optimisation; XorShift is plenty here.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Characters terminals and readers trip over, mixed with ordinary ones.
pub fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range('\u{0}', '\u{1f}'),
        1 => Just('\u{7f}'),
        3 => prop::char::range('\u{80}', '\u{9f}'),
        3 => select(vec![
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ]),
        2 => prop::char::range('\u{4e00}', '\u{9fff}'),
        2 => prop::char::range('\u{ac00}', '\u{d7a3}'),
        2 => select(vec![
            '😀', '👍', '❤', '\u{fe0f}', '\u{fe0e}', '\u{200d}', '\u{1f3fd}', '🇫', '🇷', '👨',
            '👩', '👧', '\u{ff9e}', '\u{ff9f}', 'ﾊ', '…', '—',
        ]),
        2 => prop::char::range('\u{300}', '\u{36f}'),
        2 => select(vec!['\t', '\n', '\r', ' ', '\u{a0}', '\u{3000}', '\u{2028}', '\u{ad}']),
        4 => prop::char::range('a', 'z'),
    ]
}

/// Whole sequences that attack terminals, and emoji sequences whose width is not the sum of
/// their characters'.
pub const SEQUENCES: &[&str] = &[
    "\x1b[2J",
    "\x1b[H",
    "\x1b]0;owned\x07",
    "\x1b]2;title\x1b\\",
    "\x1b]52;c;b3duZWQ=\x07",
    "\x1b[31mFAKE",
    "\x1b[?1049l",
    "\x1b[6n",
    "\x1bP+q544e\x1b\\",
    "\u{9b}2J",
    "\u{9d}0;owned\u{9c}",
    "\r\n",
    "❤\u{fe0f}",
    "👨\u{200d}👩\u{200d}👧",
    "👍\u{1f3fd}",
    "🇫🇷",
    "e\u{301}\u{302}",
    "ﾊﾞﾟ",
    "\u{202e}gnp.exe",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => vec(hostile_char(), 0..8).prop_map(String::from_iter),
        2 => select(SEQUENCES).prop_map(String::from),
        1 => any::<String>(),
    ]
}

/// Arbitrary text, biased towards what breaks terminals.
pub fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => vec(fragment(), 0..12).prop_map(|parts| parts.concat()),
    ]
}

/// Text for a field of at most `max` characters: empty, short and hostile, or up to the limit.
pub fn field(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        6 => hostile(),
        1 => (hostile(), 0..=max).prop_map(|(s, n)| s.chars().cycle().take(n).collect()),
        1 => hostile_char().prop_map(move |c| c.to_string().repeat(max)),
    ]
    .prop_map(move |s| s.chars().take(max).collect())
}

/// As [`field`], never blank (the store requires it).
pub fn required(max: usize) -> impl Strategy<Value = String> {
    field(max).prop_map(|s| if s.trim().is_empty() { "x".into() } else { s })
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A character that must never reach a terminal from the book.
pub fn forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Panics if a rendered screen (lines of text) holds a control or bidi character.
pub fn assert_clean_screen(screen: &str, what: &str) {
    if let Some(c) = screen.chars().find(|c| *c != '\n' && forbidden(*c)) {
        panic!("{what}: {c:?} reached the screen:\n{screen}");
    }
}

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

/// A temp dir in memory when the system has one: the book writes with `synchronous = FULL`.
pub fn tempdir() -> TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temp dir")
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
        let Ok(cid) = store.add_commitment(&NewCommitment {
            partner_id: id,
            side: if c.theirs { Side::Theirs } else { Side::Ours },
            title: c.title.clone(),
            detail: c.detail.clone(),
            made_on: ago(today, c.made_ago),
            due_on,
            ongoing: due_on.is_none(),
            origin: Origin::Later,
        }) else {
            continue;
        };
        match (due_on, c.status) {
            (Some(_), 1) => drop(store.set_status(cid, Status::Kept, today)),
            (Some(_), 2) => drop(store.set_status(cid, Status::Missed, today)),
            (Some(_), 3) => drop(store.set_status(cid, Status::Released, today)),
            (None, 1) => drop(store.add_review(cid, Verdict::Honoured, today, &c.detail)),
            (None, 2) => drop(store.add_review(cid, Verdict::NotHonoured, today, &c.title)),
            _ => {}
        }
    }
    const KINDS: [&str; 7] = [
        "call", "meeting", "email", "message", "update", "care", "other",
    ];
    for (days, kind, us, summary, bad_news) in &p.touches {
        let _ = store.add_touch(&NewTouch {
            partner_id: id,
            on: ago(today, *days),
            kind: KINDS[usize::from(*kind % 7)]
                .parse::<TouchKind>()
                .expect("a touch kind"),
            initiated_by: if *us { Initiator::Us } else { Initiator::Them },
            summary: summary.clone(),
            bad_news: *bad_news,
        });
    }
    for (days, summary, severity, reaction, brave, resolved) in &p.problems {
        let Ok(pid) = store.add_problem(&NewProblem {
            partner_id: id,
            opened_on: ago(today, *days),
            summary: summary.clone(),
            severity: *severity,
            reaction: *reaction,
        }) else {
            continue;
        };
        if let Some(note) = brave {
            let _ = store.brave_conversation(pid, today, note);
        }
        if *resolved {
            let _ = store.resolve_problem(pid, today);
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

/// The partner name of the end-to-end test: it retitles the window, clears the screen and
/// fakes red output, if anything lets it through.
pub const HOSTILE_NAME: &str = "ACME\x1b]0;owned\x07\x1b[2J\x1b[31mFAKE";
/// A commitment title with a right-to-left override and a C1 CSI.
pub const HOSTILE_TITLE: &str = "Pay \u{202e}0001$\u{202c} by \u{9b}2J Friday";

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

//! The first start of a day on a big book: the first frame shows each partner's line of the
//! last day it was assessed, says so, and every line is brought to today right after.

mod common;

use chrono::NaiveDate;
use common::today;
use pactum::app::{Action, App, Effect, Keymap, update};
use pactum::domain::dates::shift;
use pactum::domain::health::Rules;
use pactum::runtime;
use pactum::store::{GenSpec, Store};
use pactum::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn perform(store: &mut Store, day: NaiveDate, effect: Effect) -> Action {
    runtime::perform(store, day, &Rules::default(), effect).expect("a report")
}

fn load() -> Effect {
    Effect::Load {
        partner: None,
        show_closed: false,
        owner: None,
    }
}

fn title(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| ui::draw(app, &Theme { color: false }, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol())
        .collect()
}

#[test]
fn a_new_day_starts_from_yesterdays_lines_and_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let rules = Rules::default();
    {
        let mut store = Store::open(&path, "tester").unwrap();
        let spec = GenSpec {
            partners: 400,
            commitments: 3_000,
            touches: 12_000,
            seed: 5,
        };
        store.generate(spec, today(), false).unwrap();
        // Yesterday's session: every line assessed and kept.
        runtime::load(&mut store, today(), &rules, None, false, None).unwrap();
    }
    let tomorrow = shift(today(), 1);
    let mut store = Store::open(&path, "tester").unwrap();
    let mut app = App::new(tomorrow, Keymap::defaults());
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 30,
        },
    );

    // The first frame: yesterday's 400 lines, said to be so.
    let Action::Loaded(first) = perform(&mut store, tomorrow, load()) else {
        panic!("loaded");
    };
    assert_eq!(first.lines_as_of, Some(today()));
    assert_eq!(first.rows.len(), 400);
    assert!(first.rows.iter().all(|r| r.health.is_some()));
    let effects = update(&mut app, Action::Loaded(first));
    assert_eq!(effects, vec![Effect::CatchUp]);
    // Said in full on an 80-column title bar.
    assert!(
        title(&app).contains("list as of 2026-11-27, updating…"),
        "{}",
        title(&app)
    );

    // Right after: every line assessed for the new day, and the list reloaded.
    let caught = perform(&mut store, tomorrow, Effect::CatchUp);
    assert_eq!(caught, Action::CaughtUp);
    let effects = update(&mut app, caught);
    assert_eq!(effects.len(), 1);
    let Action::Loaded(fresh) = perform(&mut store, tomorrow, effects[0].clone()) else {
        panic!("loaded");
    };
    assert_eq!(fresh.lines_as_of, None);
    assert!(update(&mut app, Action::Loaded(fresh.clone())).is_empty());
    assert!(!title(&app).contains("as of"));
    let expected = runtime::load(&mut store, tomorrow, &rules, None, false, None).unwrap();
    assert_eq!(fresh.rows, expected.rows);
    let kept = store
        .summary_rows(tomorrow, &runtime::rules_key(&rules))
        .unwrap();
    assert!(
        kept.iter().all(|r| r.health.is_some()),
        "every line kept for the new day"
    );
}

#[test]
fn a_small_book_is_assessed_before_its_first_frame() {
    let (_dir, mut store) = common::book(true);
    let Action::Loaded(first) = perform(&mut store, shift(today(), 1), load()) else {
        panic!("loaded");
    };
    assert_eq!(first.lines_as_of, None);
}

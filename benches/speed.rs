//! The speed targets of issue 8, on the 10,000 / 100,000 / 1,000,000 book and on a 100-partner
//! book for comparison. `cargo bench --bench speed`. The books are generated once (`pactum gen`,
//! seed 1, today 2026-11-27) into the temp directory and reused while the schema is the same.

use chrono::NaiveDate;
use divan::Bencher;
use pactum::app::{Action, App, Effect, Keymap, Write, update};
use pactum::cli::Command;
use pactum::config::Config;
use pactum::context::Context;
use pactum::domain::Status;
use pactum::domain::health::Rules;
use pactum::runtime;
use pactum::store::{CommitmentFilter, GenSpec, Store, schema};
use pactum::tui::backend::AnsiBackend;
use pactum::tui::draw_frame;
use pactum::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::path::PathBuf;

fn main() {
    divan::main();
}

const BIG: GenSpec = GenSpec {
    partners: 10_000,
    commitments: 100_000,
    touches: 1_000_000,
    seed: 1,
};
const SMALL: GenSpec = GenSpec {
    partners: 100,
    commitments: 1_000,
    touches: 10_000,
    seed: 1,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("a valid day")
}

/// The book of `spec`, generated on first use and kept in the temp directory, with the lines of
/// the day kept.
fn book(spec: GenSpec) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "pactum-bench-{}-{}-{}-s{}-v{}.db",
        spec.partners,
        spec.commitments,
        spec.touches,
        spec.seed,
        schema::latest()
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial, "bench").expect("a new book");
        store.generate(spec, today(), false).expect("generated");
        // The day's lines kept, as by a first session of the day.
        runtime::load(&mut store, today(), &Rules::default(), None, false, None).expect("lines");
        drop(store);
        std::fs::rename(&partial, &path).expect("book in place");
    }
    path
}

/// A private copy of a book, for benchmarks that write.
fn copy_of(spec: GenSpec, name: &str) -> PathBuf {
    let from = book(spec);
    let to = std::env::temp_dir().join(format!("pactum-bench-{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(&from, &to).expect("copied");
    to
}

fn open(spec: GenSpec) -> Store {
    Store::open(&book(spec), "bench").expect("open")
}

/// An app at 200×50 with the book loaded, as the dashboard starts.
fn started(store: &mut Store) -> App {
    let mut app = App::new(today(), Keymap::defaults());
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 50,
        },
    );
    let first = app.reload();
    perform_all(&mut app, store, vec![first]);
    app
}

/// Performs effects as the terminal loop does.
fn perform_all(app: &mut App, store: &mut Store, mut effects: Vec<Effect>) {
    let rules = Rules::default();
    while let Some(effect) = effects.pop() {
        if let Some(report) = runtime::perform(store, today(), &rules, effect) {
            effects.extend(update(app, report));
        }
    }
}

fn draw_test(app: &App, theme: &Theme) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal.draw(|f| ui::draw(app, theme, f)).expect("drawn");
    terminal.backend().clone()
}

/// Open the book, load the dashboard, draw the first full frame at 200×50.
#[divan::bench(args = ["big", "small"], sample_count = 30)]
fn start_to_first_frame(bencher: Bencher, which: &str) {
    let spec = if which == "big" { BIG } else { SMALL };
    let path = book(spec);
    let theme = Theme { color: true };
    drop(started(&mut open(spec))); // lines of the day computed once, as by yesterday's session
    bencher.bench_local(|| {
        let mut store = Store::open(&path, "bench").expect("open");
        let app = started(&mut store);
        draw_test(&app, &theme)
    });
}

/// Bringing a new day's lines up to date (or after a change of rules): every line is assessed
/// again. The dashboard does this right after its first frame (`first_frame_of_a_day`).
#[divan::bench(sample_count = 5)]
fn first_start_of_a_day(bencher: Bencher) {
    let path = copy_of(BIG, "new-day");
    let rules = Rules::default();
    let mut day = 0;
    bencher.bench_local(|| {
        day += 1;
        let mut store = Store::open(&path, "bench").expect("open");
        let later = pactum::domain::dates::shift(today(), day);
        runtime::load(&mut store, later, &rules, None, false, None).expect("loaded")
    });
}

/// The first frame of a new day, as the dashboard draws it: open the book, read each partner's
/// latest kept line (yesterday's), load the chosen partner for today, draw at 200×50.
#[divan::bench(sample_count = 30)]
fn first_frame_of_a_day(bencher: Bencher) {
    let path = copy_of(BIG, "new-day-frame");
    let rules = Rules::default();
    let theme = Theme { color: true };
    let later = pactum::domain::dates::shift(today(), 1);
    bencher.bench_local(|| {
        let mut store = Store::open(&path, "bench").expect("open");
        let data =
            runtime::load_first(&mut store, later, &rules, None, false, None).expect("loaded");
        assert!(data.lines_as_of.is_some(), "a new day");
        let mut app = App::new(later, Keymap::defaults());
        update(
            &mut app,
            Action::Resize {
                width: 200,
                height: 50,
            },
        );
        drop(update(&mut app, Action::Loaded(Box::new(data))));
        draw_test(&app, &theme)
    });
}

/// One frame drawn at 200×50 from loaded state.
#[divan::bench(args = ["big", "small"])]
fn one_frame(bencher: Bencher, which: &str) {
    let mut store = open(if which == "big" { BIG } else { SMALL });
    let app = started(&mut store);
    let theme = Theme { color: true };
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    bencher.bench_local(|| {
        terminal
            .draw(|f| ui::draw(&app, &theme, f))
            .map(|_| ())
            .expect("drawn");
    });
}

/// A key through update, the effects it asks for, and the frame flushed to a byte sink.
#[divan::bench(args = ["j/k", "tab"], sample_count = 200)]
fn keystroke_to_frame(bencher: Bencher, key: &str) {
    let mut store = open(BIG);
    let mut app = started(&mut store);
    let theme = Theme { color: true };
    let mut terminal = Terminal::with_options(
        AnsiBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 200, 50)),
        },
    )
    .expect("terminal");
    let mut shown = None;
    let mut down = true;
    bencher.bench_local(|| {
        let action = match key {
            "tab" => Action::NextPane,
            _ if down => Action::Down,
            _ => Action::Up,
        };
        down = !down;
        let effects = update(&mut app, action);
        perform_all(&mut app, &mut store, effects);
        draw_frame(&mut terminal, &mut shown, &app, &theme).expect("drawn");
    });
}

/// `pactum health` for every partner, text output to a sink.
#[divan::bench(sample_count = 10)]
fn health_all(bencher: Bencher) {
    let ctx = Context {
        today: today(),
        config: Config::defaults(),
        db: book(BIG),
    };
    bencher.bench_local(|| {
        let mut out = Vec::new();
        let cmd = Command::Health {
            partner: None,
            json: false,
        };
        pactum::cli::dispatch(&ctx, cmd, &mut out).expect("health");
        out.len()
    });
}

/// One partner's health (a partner with a long history, and an ordinary one).
#[divan::bench(args = [1, 500])]
fn health_one(bencher: Bencher, id: i64) {
    let mut store = open(BIG);
    let rules = Rules::default();
    bencher.bench_local(|| {
        runtime::assess_all(&mut store, today(), &rules, Some(id)).expect("health")
    });
}

/// Keep a commitment from the dashboard: the write, then the refreshed dashboard.
#[divan::bench(sample_count = 50)]
fn write_keep_commitment(bencher: Bencher) {
    let path = copy_of(BIG, "write");
    let mut store = Store::open(&path, "bench").expect("open");
    let mut app = started(&mut store);
    let open_ids: Vec<i64> = store
        .commitments(CommitmentFilter {
            partner_id: None,
            open_only: true,
            side: None,
        })
        .expect("listed")
        .into_iter()
        .filter(|c| !c.ongoing)
        .map(|c| c.id)
        .collect();
    let mut next = open_ids.into_iter();
    bencher.bench_local(|| {
        let id = next.next().expect("enough open commitments");
        let write = Effect::Write(Write::SetStatus {
            id,
            status: Status::Kept,
        });
        perform_all(&mut app, &mut store, vec![write]);
    });
}

/// Open a screen from the dashboard (its data loaded, the frame drawn): Today and Brief.
#[divan::bench(args = ["today", "brief"], sample_count = 50)]
fn open_screen(bencher: Bencher, which: &str) {
    let mut store = open(BIG);
    let mut app = started(&mut store);
    let theme = Theme { color: true };
    bencher.bench_local(|| {
        let action = if which == "today" {
            Action::OpenToday
        } else {
            Action::Brief
        };
        let effects = update(&mut app, action);
        perform_all(&mut app, &mut store, effects);
        let drawn = draw_test(&app, &theme);
        let back = update(&mut app, Action::Cancel);
        drop(back);
        drawn
    });
}

/// `pactum today` for every partner, text output to a sink.
#[divan::bench(sample_count = 10)]
fn today_command(bencher: Bencher) {
    let ctx = Context {
        today: today(),
        config: Config::defaults(),
        db: book(BIG),
    };
    bencher.bench_local(|| {
        let mut out = Vec::new();
        pactum::cli::dispatch(
            &ctx,
            Command::Today {
                json: false,
                if_any: false,
            },
            &mut out,
        )
        .expect("today");
        out.len()
    });
}

/// Opening the `/` filter: every partner's haystack loaded and prepared for keystrokes.
#[divan::bench(sample_count = 10)]
fn search_index_load(bencher: Bencher) {
    let store = open(BIG);
    bencher.bench_local(|| {
        let index = store.search_index().expect("index");
        pactum::app::search::Index::from(index).len()
    });
}

/// One keystroke of the `/` filter over every partner (the haystacks loaded once). `unique`:
/// every field made distinct (a number appended), as in a book whose touch summaries and
/// titles never repeat: no field is shared between partners.
#[divan::bench(args = ["book", "unique"], sample_count = 100)]
fn search_keystroke(bencher: Bencher, text: &str) {
    let store = open(BIG);
    let mut rows = store.search_index().expect("index");
    if text == "unique" {
        let mut n = 0;
        for (_, fields) in &mut rows {
            *fields = fields
                .split('\n')
                .map(|f| {
                    n += 1;
                    format!("{f} {n}")
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    let order: Vec<i64> = store
        .partners(true)
        .expect("partners")
        .iter()
        .map(|p| p.id)
        .collect();
    let mut search = pactum::app::search::Search {
        index: rows.into(),
        ..Default::default()
    };
    let queries: Vec<&str> = match std::env::var("SEARCH_QUERIES") {
        Ok(q) => q.leak().split(',').collect(),
        Err(_) => vec!["a", "ac", "acm", "acme", "acme b"],
    };
    let mut i = 0;
    bencher.bench_local(|| {
        search.query = queries[i % queries.len()].to_string();
        i += 1;
        search.refresh(&order);
        search.matches.len()
    });
}

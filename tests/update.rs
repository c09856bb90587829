//! `update` driven by key sequences through the real keymap, asserting state and effects.

mod common;

use common::{app, book, drive, press, today, type_text};
use pactum::app::{Effect, Mode, Notice, Overlay, Pane, Write};
use pactum::domain::{Side, Status};
use pactum::store::CommitmentFilter;

#[test]
fn j_and_k_move_the_selection_and_reload_the_ledger() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    assert_eq!(app.selected, 0);
    let effects = press(&mut app, &["j"]);
    assert_eq!(app.selected, 1);
    let id = app.data.rows[1].id;
    assert_eq!(
        effects,
        vec![Effect::Load {
            partner: Some(id),
            show_closed: false,
            owner: None
        }]
    );
    press(&mut app, &["k", "k"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &["G"]);
    assert_eq!(app.selected, app.data.rows.len() - 1);
    press(&mut app, &["g"]);
    assert_eq!(app.selected, 0);
}

#[test]
fn tab_cycles_panes_and_the_ledger_cursor_moves_within_a_side() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    press(&mut app, &["tab"]);
    assert_eq!(app.pane, Pane::Ours);
    press(&mut app, &["tab", "tab", "tab"]);
    assert_eq!(app.pane, Pane::Relationships);
    press(&mut app, &["backtab"]);
    assert_eq!(app.pane, Pane::Health);
}

#[test]
fn add_a_partner_and_a_commitment_by_keys_then_keep_and_undo() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    assert!(app.loaded && app.data.rows.is_empty());
    drive(&mut app, &mut store, &["P"]);
    assert_eq!(app.mode(), Mode::Form);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.overlay, None, "{:?}", app.notice);
    assert_eq!(app.data.rows[0].name, "Acme");

    drive(&mut app, &mut store, &["a"]);
    type_text(&mut app, &mut store, "Send pricing");
    drive(&mut app, &mut store, &["enter"]);
    let ours = app.side(Side::Ours);
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].title, "Send pricing");
    assert_eq!(ours[0].due_on, Some(today() + chrono::Days::new(7)));

    drive(&mut app, &mut store, &["K"]);
    let all = store.commitments(CommitmentFilter::default()).unwrap();
    assert_eq!(all[0].status, Status::Kept);
    assert!(
        app.side(Side::Ours).is_empty(),
        "closed items hide by default"
    );
    drive(&mut app, &mut store, &["c"]);
    assert_eq!(app.side(Side::Ours).len(), 1, "c shows closed items");

    drive(&mut app, &mut store, &["u"]);
    let all = store.commitments(CommitmentFilter::default()).unwrap();
    assert_eq!(all[0].status, Status::Open, "undo reopened it");
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("undid")));
}

#[test]
fn miss_asks_first_and_cancel_changes_nothing() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter", "a"]);
    type_text(&mut app, &mut store, "Deck");
    drive(&mut app, &mut store, &["enter", "M"]);
    assert_eq!(app.mode(), Mode::Confirm);
    drive(&mut app, &mut store, &["n"]);
    assert_eq!(
        store.commitments(CommitmentFilter::default()).unwrap()[0].status,
        Status::Open
    );
    let effects = press(&mut app, &["M", "y"]);
    assert!(matches!(
        &effects[..],
        [Effect::Write(Write::SetStatus {
            status: Status::Missed,
            ..
        })]
    ));
}

#[test]
fn a_bad_form_keeps_everything_typed_and_says_why() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["tab", "tab"]);
    type_text(&mut app, &mut store, "31/12/2026");
    drive(&mut app, &mut store, &["enter"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("form closed")
    };
    assert!(
        form.error.as_deref().unwrap_or("").contains("YYYY-MM-DD"),
        "{:?}",
        form.error
    );
    assert_eq!(form.fields[0].value(), "Acme");
    // A duplicate name fails in the book; the form stays open with the reason.
    drive(&mut app, &mut store, &["esc", "P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter", "P"]);
    type_text(&mut app, &mut store, "ACME");
    drive(&mut app, &mut store, &["enter"]);
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("form closed")
    };
    assert!(
        form.error
            .as_deref()
            .unwrap_or("")
            .contains("already exists"),
        "{:?}",
        form.error
    );
    assert_eq!(form.fields[0].value(), "ACME");
}

#[test]
fn typing_past_a_limit_is_refused_visibly() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, &"x".repeat(85));
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(form.fields[0].len(), 80);
    assert!(
        form.error
            .as_deref()
            .unwrap_or("")
            .contains("limited to 80")
    );
}

#[test]
fn pasted_text_is_cleaned_like_typed_text() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    pactum::app::update(
        &mut app,
        pactum::app::Action::Paste("Ac\x1b[2Jme\nLtd".into()),
    );
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(form.fields[0].value(), "Ac^[[2Jme Ltd");
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    press(&mut app, &["?"]);
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &["j", "esc"]);
    assert_eq!(app.mode(), Mode::Dashboard);
    assert_eq!(press(&mut app, &["q"]), vec![Effect::Quit]);
}

#[test]
fn d_loads_the_demo_only_into_an_empty_book() {
    let (_dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["D"]);
    assert!(app.data.rows.len() >= 8);
    assert_eq!(press(&mut app, &["D"]), vec![]);
}

#[test]
fn a_click_selects_a_partner() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    let effects = pactum::app::update(&mut app, pactum::app::Action::Click { column: 5, row: 4 });
    assert_eq!(app.selected, 2);
    assert_eq!(app.pane, Pane::Relationships);
    assert_eq!(effects.len(), 1);
}

fn select(app: &mut pactum::app::App, store: &mut pactum::store::Store, name: &str) {
    drive(app, store, &["/"]);
    type_text(app, store, name);
    drive(app, store, &["enter"]);
    assert!(
        app.selected_row()
            .unwrap()
            .name
            .to_lowercase()
            .contains(name)
    );
}

#[test]
fn the_review_ritual_writes_every_verdict() {
    use pactum::app::Screen;
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    select(&mut app, &mut store, "lumen");
    drive(&mut app, &mut store, &["r"]);
    let Screen::Review(run) = &app.screen else {
        panic!("review did not open")
    };
    let titles: Vec<String> = run
        .items
        .iter()
        .map(|i| i.commitment.title.clone())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(run.items[0].commitment.ongoing, "ongoing items come first");
    // h: honoured (ongoing); k: kept (dated); o: still open (dated).
    drive(&mut app, &mut store, &["k"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("ongoing item")),
        "k is refused on an ongoing item"
    );
    drive(&mut app, &mut store, &["h", "k", "o"]);
    let Screen::Review(run) = &app.screen else {
        panic!("review closed early")
    };
    assert!(run.done());
    assert_eq!(run.tally.summary(), "1 honoured, 1 kept, 1 still open");
    let partner = app.selected_row().unwrap().id;
    let reviews = store.last_reviews(partner).unwrap();
    assert!(
        reviews
            .iter()
            .any(|(_, on, v)| *on == today() && *v == pactum::domain::Verdict::Honoured)
    );
    let all = store
        .commitments(CommitmentFilter {
            partner_id: Some(partner),
            ..Default::default()
        })
        .unwrap();
    let by_title = |t: &str| all.iter().find(|c| c.title == t).unwrap().status;
    assert_eq!(by_title(&titles[1]), Status::Kept);
    assert_eq!(by_title(&titles[2]), Status::Open);
    assert!(store.events(5).unwrap().iter().any(|e| e.action == "check"));
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(matches!(&app.notice, Some(Notice::Info(m)) if m.contains("review: 3 of 3")));
}

#[test]
fn today_keeps_a_line_in_place_and_it_leaves_the_agenda() {
    use pactum::app::Screen;
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["T"]);
    let Screen::Reader(reader) = &app.screen else {
        panic!("today did not open")
    };
    let first = reader.doc.lines[reader.doc.targets()[0]].plain();
    assert!(first.contains("Send our redlines"), "{first}");
    drive(&mut app, &mut store, &["K"]);
    let Screen::Reader(reader) = &app.screen else {
        panic!("today closed")
    };
    assert!(
        !reader.doc.plain().contains("Send our redlines"),
        "kept items leave the agenda"
    );
    drive(&mut app, &mut store, &["t"]);
    assert_eq!(
        app.mode(),
        Mode::Form,
        "t logs a touch for the line's partner"
    );
    drive(&mut app, &mut store, &["esc", "j", "enter"]);
    assert_eq!(
        app.screen,
        Screen::Dashboard,
        "enter opens the line's partner"
    );
}

#[test]
fn a_stale_edit_is_a_visible_conflict_keep_mine_or_take_theirs() {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    let id = app.selected_row().unwrap().id;
    for choice in ["m", "t"] {
        drive(&mut app, &mut store, &["E"]);
        // Another session renames the partner while our form is open.
        let mut other =
            pactum::store::Store::open(&dir.path().join("book.db"), "colleague").unwrap();
        let p = other.partner(id).unwrap();
        other
            .edit_partner(&pactum::store::PartnerEdit {
                id,
                version: p.version,
                name: format!("Theirs {choice}"),
                stage: p.stage,
                signed_on: p.signed_on,
                update_every_days: 7,
                desired_outcome: p.desired_outcome.clone(),
                their_goals: p.their_goals.clone(),
                their_constraints: p.their_constraints.clone(),
                owner: p.owner.clone(),
                tags: p.tags.clone(),
            })
            .unwrap();
        // The name is filled in; end moves past it so typing adds to it.
        drive(&mut app, &mut store, &["end"]);
        type_text(&mut app, &mut store, " Mine");
        drive(&mut app, &mut store, &["enter"]);
        assert_eq!(app.mode(), Mode::Conflict, "{:?}", app.notice);
        let Some(Overlay::Conflict(c)) = &app.overlay else {
            unreachable!()
        };
        assert!(c.rows.iter().any(|(f, mine, theirs)| f == "name"
            && mine.ends_with("Mine")
            && theirs == &format!("Theirs {choice}")));
        drive(&mut app, &mut store, &[choice]);
        let name = store.partner(id).unwrap().name;
        if choice == "m" {
            assert!(name.ends_with(" Mine"), "keep mine overwrote: {name}");
        } else {
            assert_eq!(name, "Theirs t", "take theirs left their version");
        }
        assert_eq!(app.overlay, None);
    }
}

#[test]
fn m_shows_only_my_partners() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    let all = app.data.rows.len();
    drive(&mut app, &mut store, &["m"]);
    assert!(app.data.rows.len() < all);
    assert!(app.data.rows.iter().all(|r| r.owner == "tester"));
    drive(&mut app, &mut store, &["m"]);
    assert_eq!(app.data.rows.len(), all);
}

#[test]
fn the_list_follows_own_writes_and_other_sessions() {
    let (dir, mut store) = book(false);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["P"]);
    type_text(&mut app, &mut store, "Acme");
    drive(&mut app, &mut store, &["enter"]);
    assert_eq!(app.data.rows.len(), 1);
    drive(&mut app, &mut store, &["u"]);
    assert!(app.data.rows.is_empty(), "undoing the add removes the line");
    // Another session adds a partner and a late commitment: a reload sees both.
    let mut other = pactum::store::Store::open(&dir.path().join("book.db"), "colleague").unwrap();
    let id = other
        .add_partner(&pactum::store::NewPartner::named("Globex", today()))
        .unwrap();
    other
        .add_commitment(
            &pactum::store::NewCommitment {
                partner_id: id,
                side: Side::Ours,
                title: "Late deck".into(),
                detail: String::new(),
                made_on: today() - chrono::Days::new(20),
                due_on: Some(today() - chrono::Days::new(3)),
                ongoing: false,
                origin: pactum::domain::Origin::Later,
            },
            today(),
        )
        .unwrap();
    let reload = app.reload();
    common::run(&mut app, &mut store, vec![reload]);
    assert_eq!(app.data.rows.len(), 1);
    assert_eq!(app.data.rows[0].facts.ours.overdue, 1);
    // Our own keep: the line is patched for that partner.
    drive(&mut app, &mut store, &["tab", "K"]);
    assert_eq!(app.data.rows[0].facts.ours.overdue, 0, "{:?}", app.notice);
}

#[test]
fn ctrl_c_quits_from_every_screen_and_keeps_a_form_as_a_draft() {
    // From each place: the keys that lead there, then ctrl-c.
    for (place, keys) in [
        (Mode::Dashboard, vec![]),
        (Mode::Today, vec!["T"]),
        (Mode::Reader, vec!["b"]),
        (Mode::Review, vec!["r"]),
        (Mode::Help, vec!["?"]),
        (Mode::Search, vec!["/"]),
        (Mode::Form, vec!["P"]),
        (Mode::Confirm, vec!["tab", "tab", "M"]),
    ] {
        let (_dir, mut store) = book(true);
        let mut app = app(&mut store, 120, 40);
        drive(&mut app, &mut store, &keys);
        assert_eq!(app.mode(), place, "{keys:?}");
        assert_eq!(
            press(&mut app, &["ctrl-c"]),
            vec![Effect::Quit],
            "ctrl-c in {place:?}"
        );
        assert!(app.quit, "{place:?}");
        if place == Mode::Form {
            assert!(app.draft().is_some(), "the form is kept as a draft");
        }
    }
}

#[test]
fn today_is_read_again_when_another_session_changes_the_book() {
    use pactum::app::{Action, Screen};
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["T", "j"]);
    let shows = |app: &pactum::app::App, text: &str| match &app.screen {
        Screen::Reader(r) => r.doc.plain().contains(text),
        _ => panic!("today closed"),
    };
    assert!(shows(&app, "Send our redlines"));
    // Another session keeps it.
    let id = store
        .commitments(CommitmentFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.title.contains("Send our redlines"))
        .unwrap()
        .id;
    store
        .set_status(id, Status::Kept, today(), today())
        .unwrap();
    let effects = pactum::app::update(&mut app, Action::BookChanged);
    common::run(&mut app, &mut store, effects);
    assert!(
        !shows(&app, "Send our redlines"),
        "the kept item left Today"
    );
    assert_eq!(app.mode(), Mode::Today, "still on Today");
    let Screen::Reader(r) = &app.screen else {
        unreachable!()
    };
    assert_eq!(r.cursor, 1, "the cursor keeps its place");
}

#[test]
fn u_on_today_undoes_a_keep_made_there() {
    use pactum::app::Screen;
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 30);
    drive(&mut app, &mut store, &["T", "K"]);
    let listed = |app: &pactum::app::App| match &app.screen {
        Screen::Reader(r) => r.doc.plain().contains("Send our redlines"),
        _ => panic!("today closed"),
    };
    assert!(!listed(&app), "kept and gone");
    drive(&mut app, &mut store, &["u"]);
    assert!(listed(&app), "undone: back on Today");
    assert_eq!(app.mode(), Mode::Today);
    drive(&mut app, &mut store, &["u"]);
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("redid")),
        "an undo is undone in turn: {:?}",
        app.notice
    );
    assert!(!listed(&app), "kept again");
}

#[test]
fn a_on_an_ended_partner_says_so_before_any_form() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    // The demo's ended partner is listed last.
    drive(&mut app, &mut store, &["G"]);
    assert_eq!(
        app.selected_row().unwrap().stage,
        pactum::domain::Stage::Ended
    );
    drive(&mut app, &mut store, &["a"]);
    assert_eq!(app.mode(), Mode::Dashboard, "no form opened");
    assert!(
        matches!(&app.notice, Some(Notice::Info(m)) if m.contains("has ended")),
        "{:?}",
        app.notice
    );
}

#[test]
fn esc_from_a_brief_opened_on_today_goes_back_to_today_in_its_place() {
    use pactum::app::Screen;
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    drive(&mut app, &mut store, &["T", "j", "j"]);
    let cursor = |app: &pactum::app::App| match &app.screen {
        Screen::Reader(r) => (r.request, r.cursor),
        _ => panic!("not a reader"),
    };
    let on_today = cursor(&app);
    drive(&mut app, &mut store, &["b"]);
    assert_eq!(app.mode(), Mode::Reader, "the brief");
    drive(&mut app, &mut store, &["esc"]);
    assert_eq!(app.mode(), Mode::Today);
    assert_eq!(cursor(&app), on_today, "same line on Today");
    drive(&mut app, &mut store, &["esc"]);
    assert_eq!(app.mode(), Mode::Dashboard);
}

#[test]
fn help_goes_to_its_end_and_back_with_g_and_pages() {
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 100, 24);
    let scroll = |app: &pactum::app::App| match &app.overlay {
        Some(Overlay::Help { scroll }) => usize::from(*scroll),
        other => panic!("help closed: {other:?}"),
    };
    drive(&mut app, &mut store, &["?", "G"]);
    let last = scroll(&app);
    assert!(last > 0, "the help is longer than the screen");
    drive(&mut app, &mut store, &["j", "pagedown"]);
    assert_eq!(scroll(&app), last, "stops at the end");
    drive(&mut app, &mut store, &["pageup"]);
    assert!(scroll(&app) < last);
    drive(&mut app, &mut store, &["g"]);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn d_on_today_redates_an_overdue_promise_and_the_slip_stays_on_today() {
    use pactum::app::Screen;
    let (_dir, mut store) = book(true);
    let mut app = app(&mut store, 120, 40);
    // The first line of Today: our oldest overdue item (Lumen's redlines, 25 days late).
    drive(&mut app, &mut store, &["T", "d"]);
    assert_eq!(app.mode(), Mode::Form, "the re-date form is open");
    type_text(&mut app, &mut store, "+2w");
    drive(&mut app, &mut store, &["tab"]);
    type_text(&mut app, &mut store, "legal review moved");
    drive(&mut app, &mut store, &["enter"]);
    let redlines = store
        .commitments(pactum::store::CommitmentFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.title.starts_with("Send our redlines"))
        .unwrap();
    let slip = redlines.slip.expect("a late re-date keeps the slip");
    assert_eq!(
        redlines.due_on,
        Some(pactum::domain::dates::shift(today(), 14))
    );
    assert_eq!(slip.redated_on, today());
    assert_eq!((today() - slip.original_due_on).num_days(), 25);
    let Screen::Reader(r) = &app.screen else {
        panic!("back on Today")
    };
    let text = r.doc.plain();
    assert!(
        text.contains(
            "Send our redlines on the data-processing agreement — re-dated 25 days after it was due"
        ),
        "{text}"
    );
    let log = store.events(1).unwrap().remove(0);
    assert!(
        log.summary.contains("→") && log.summary.contains("legal review moved"),
        "{}",
        log.summary
    );
}

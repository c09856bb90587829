//! The shared plan: the HTML page read by a real HTML parser (no script, every text escaped, a
//! hostile name inert), the Markdown escaped, and nothing internal in either: no health score,
//! no signal, no other partner.

mod common;

use chrono::Days;
use common::{book, today};
use pactum::config::shipped_wording;
use pactum::domain::{Origin, Side, Stage, Status};
use pactum::exchange::plan::{html, markdown};
use pactum::runtime::letters;
use pactum::store::{NewCommitment, NewPartner, Store};
use scraper::{Html, Selector};

const HOSTILE: &str = "<script>alert(1)</script>Evil & \"Co\" \x1b]0;owned\x07 \u{202e}x";

fn add(store: &mut Store, p: i64, side: Side, title: &str, due: Option<u64>, ongoing: bool) -> i64 {
    let new = NewCommitment {
        partner_id: p,
        side,
        title: title.into(),
        detail: "internal detail: margin 40 %".into(),
        made_on: today() - Days::new(60),
        due_on: due.map(|d| today() + Days::new(d)),
        ongoing,
        origin: Origin::FirstMeeting,
    };
    store.add_commitment(&new, today()).unwrap()
}

fn hostile_book(store: &mut Store) -> i64 {
    let mut new = NewPartner::named(HOSTILE, today() - Days::new(100));
    new.stage = Stage::Signed;
    new.signed_on = Some(today() - Days::new(80));
    new.desired_outcome = "Forecasts <b>in every</b> store\n\n* not a list *".into();
    store.add_partner(&new).unwrap();
    let p = store
        .partners(false)
        .unwrap()
        .into_iter()
        .find(|x| x.name == HOSTILE)
        .unwrap()
        .id;
    add(
        store,
        p,
        Side::Ours,
        "Ship <img src=x onerror=alert(1)>",
        Some(5),
        false,
    );
    add(
        store,
        p,
        Side::Theirs,
        "[click](javascript:alert(1))",
        Some(9),
        false,
    );
    add(store, p, Side::Ours, "Regular honest feedback", None, true);
    let kept = add(store, p, Side::Theirs, "# Sent the data", Some(0), false);
    store
        .set_status(kept, Status::Kept, today(), today())
        .unwrap();
    // Another partner, whose records must not show.
    store
        .add_partner(&NewPartner::named("Othercorp", today()))
        .unwrap();
    let other = store.resolve_partner("Othercorp").unwrap();
    add(store, other, Side::Ours, "Othercorp secret", Some(3), false);
    p
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn the_html_plan_is_one_inert_self_contained_page() {
    let (_dir, mut store) = book(false);
    let p = hostile_book(&mut store);
    let plan = letters::plan(&store, today(), &shipped_wording(), p).unwrap();
    let page = html(&plan);
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    for tag in [
        "script", "img", "link", "iframe", "object", "embed", "a", "b",
    ] {
        assert!(texts(&doc, tag).is_empty(), "no <{tag}> in\n{page}");
    }
    let any = Selector::parse("*").unwrap();
    for e in doc.select(&any) {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "no event handler: {name}");
        }
    }
    // The hostile name is shown as text: its markup visible, its controls visible, no bidi.
    let h1 = texts(&doc, "h1").remove(0);
    assert!(
        h1.contains("<script>alert(1)</script>Evil & \"Co\""),
        "{h1}"
    );
    assert!(
        h1.contains("^[]0;owned^G") && !h1.contains('\u{202e}'),
        "{h1}"
    );
    assert_eq!(texts(&doc, "title").remove(0), h1);
    let items = texts(&doc, "li").join("\n");
    assert!(
        items.contains("Ship <img src=x onerror=alert(1)>"),
        "{items}"
    );
    assert!(items.contains("[click](javascript:alert(1))"));
    assert!(!page.contains('\x1b') && !page.contains('\x07'));
}

#[test]
fn the_markdown_plan_escapes_what_markdown_would_read() {
    let (_dir, mut store) = book(false);
    let p = hostile_book(&mut store);
    let plan = letters::plan(&store, today(), &shipped_wording(), p).unwrap();
    let md = markdown(&plan);
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\>Evil \\& \"Co\""),
        "{md}"
    );
    assert!(md.contains("\\[click\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("Ship \\<img src=x onerror=alert(1)\\>"));
    assert!(
        md.contains("- \\# Sent the data"),
        "a heading marker inside an item is escaped"
    );
    assert!(md.contains("\\* not a list \\*"), "{md}");
    assert!(md.contains("Forecasts \\<b\\>in every\\</b\\> store"));
    for line in md.lines() {
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }
    assert_eq!(
        pactum::exchange::plan::markdown(&plan),
        md,
        "the same plan, the same text"
    );
}

#[test]
fn the_plan_holds_nothing_internal() {
    let (_dir, mut store) = book(true);
    let p = store.resolve_partner("Brightwater").unwrap();
    // Notes stay in the book: review notes, the brave conversation's note, contacts' notes.
    let mut notes: Vec<String> = store
        .reviews(p)
        .unwrap()
        .into_iter()
        .map(|r| r.note)
        .collect();
    notes.extend(
        store
            .problems(Some(p), false)
            .unwrap()
            .into_iter()
            .map(|x| x.brave_note),
    );
    notes.extend(store.contacts(p).unwrap().into_iter().map(|c| c.note));
    notes.retain(|n| n.len() > 8);
    assert!(!notes.is_empty(), "the demo partner has notes to keep home");
    let health = pactum::runtime::one_health(&mut store, today(), &Default::default(), p).unwrap();
    let plan = letters::plan(&store, today(), &shipped_wording(), p).unwrap();
    for text in [markdown(&plan), html(&plan)] {
        let lower = text.to_lowercase();
        for word in [
            "health",
            "score",
            "signal",
            "walk-away",
            "reciprocity",
            "momentum",
            "/100",
            "verdict",
        ] {
            assert!(!lower.contains(word), "{word} leaked:\n{text}");
        }
        assert!(!text.contains(&health.reason));
        for other in store.partners(true).unwrap().iter().filter(|x| x.id != p) {
            assert!(!text.contains(&other.name), "{} leaked", other.name);
        }
        let all = store.commitments(Default::default()).unwrap();
        let own: Vec<&str> = all
            .iter()
            .filter(|c| c.partner_id == p)
            .map(|c| c.title.as_str())
            .collect();
        for c in all
            .iter()
            .filter(|c| c.partner_id != p && !own.contains(&c.title.as_str()))
        {
            assert!(!text.contains(&c.title), "{} leaked", c.title);
        }
        assert!(!text.contains("internal detail"));
        for note in &notes {
            assert!(!text.contains(note.as_str()), "note leaked: {note}");
        }
        // Both sides' promises are there.
        assert!(text.contains("Approve the phase 2 budget"));
        assert!(text.contains("Participation in joint quarterly reviews"));
    }
}

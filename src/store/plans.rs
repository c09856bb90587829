//! The query plans of the dashboard's and health's queries on the big tables: one partner is
//! always found through an index, never by scanning every commitment or touch.

use super::{Store, agenda, commitments, health_inputs as health, records, summary};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// The plan SQLite chooses for `sql` with `args`, one detail per line.
fn plan(store: &Store, sql: &str, args: Vec<Value>) -> String {
    let explain = ["EXPLAIN QUERY PLAN ", sql].concat();
    let mut stmt = store.conn.prepare(&explain).expect("prepared");
    let rows = stmt
        .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
        .expect("planned");
    rows.map(|r| r.expect("a plan line"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Health arguments for partner 7 alone (?1 = ?2 = 7), dates as strings.
fn one_partner(n: usize) -> Vec<Value> {
    let mut args = vec![Value::Integer(7), Value::Integer(7)];
    args.extend((2..n).map(|_| text("2026-11-27")));
    args
}

fn assert_no_full_scan(plan: &str) {
    for table in ["commitment", "touch", "review", "problem"] {
        for alias in [table, &table[..1]] {
            let scan = format!("SCAN {alias} ");
            assert!(
                !plan.contains(&scan) && !plan.ends_with(&format!("SCAN {alias}")),
                "full scan of {table}:\n{plan}"
            );
        }
    }
}

#[test]
fn one_partner_is_read_through_the_indexes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    for (name, sql, n) in [
        ("commitments", health::COMMITMENTS, 15),
        ("touches", health::TOUCHES, 10),
        ("broken", health::BROKEN, 5),
        ("problems", health::PROBLEMS, 3),
        ("not honoured", health::NOT_HONOURED, 4),
        ("charter", health::CHARTER, 3),
    ] {
        let p = plan(&store, sql, one_partner(n));
        assert_no_full_scan(&p);
        assert!(p.contains("USING"), "{name} uses an index:\n{p}");
    }
    let touches = plan(&store, health::TOUCHES, one_partner(10));
    assert!(touches.contains("touch_partner"), "{touches}");
}

#[test]
fn one_partners_commitment_figures_are_one_walk_of_its_ledger() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    // One pass over the partner's own rows through the partner index: never the book's.
    let p = plan(&store, health::COMMITMENTS, one_partner(15));
    assert!(
        p.contains("SEARCH commitment USING INDEX commitment_")
            && p.contains("(partner_id>? AND partner_id<?)"),
        "{p}"
    );
    // Their broken promises: the open overdue and missed ones by index range, the re-dated
    // ones from the small partial index of slips.
    let untold = plan(&store, health::BROKEN, one_partner(5));
    assert!(untold.contains("commitment_slipped"), "{untold}");
    assert!(untold.contains("touch_bad_news"), "{untold}");
    let reviews = plan(&store, health::CHARTER, one_partner(3));
    assert!(reviews.contains("commitment_ongoing"), "{reviews}");
}

#[test]
fn the_dashboard_lines_are_one_lookup_per_partner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    let p = plan(
        &store,
        summary::SUMMARY_ROWS_SQL,
        vec![text("2026-11-27"), text("key")],
    );
    assert!(p.contains("SEARCH s USING PRIMARY KEY"), "{p}");
    assert_no_full_scan(&p);
}

#[test]
fn a_partners_ledger_uses_the_partner_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    let args = || vec![Value::Integer(7), Value::Integer(1), Value::Null];
    let open = plan(&store, commitments::OPEN_LEDGER_SQL, args());
    assert!(
        open.contains("commitment_partner (partner_id=? AND status=?)"),
        "{open}"
    );
    let all = plan(&store, commitments::LEDGER_SQL, args());
    assert!(all.contains("(partner_id=?)"), "{all}");
    assert_no_full_scan(&all);
}

#[test]
fn a_briefs_recent_touches_and_reviews_are_index_walks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    let touches = plan(
        &store,
        records::PARTNER_TOUCHES_SQL,
        vec![Value::Integer(7), Value::Null, Value::Integer(5)],
    );
    // Newest first straight from the index: no sort of the partner's whole history.
    assert!(
        touches.contains("touch_partner (partner_id=? AND on_day>?)"),
        "{touches}"
    );
    assert!(!touches.contains("TEMP B-TREE"), "{touches}");
    let reviews = plan(
        &store,
        commitments::LAST_REVIEWS_SQL,
        vec![Value::Integer(7)],
    );
    assert!(reviews.contains("commitment_ongoing"), "{reviews}");
    assert_no_full_scan(&reviews);
}

#[test]
fn the_agenda_reads_a_screenful_in_index_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("p.db"), "t").expect("book");
    let day = || text("2026-11-27");
    let side = || text("ours");
    for (sql, args, index) in [
        (
            agenda::DUE_OVERDUE,
            vec![side(), day(), Value::Integer(100)],
            "commitment_agenda",
        ),
        (
            agenda::DUE_SOON,
            vec![side(), day(), day(), Value::Integer(100)],
            "commitment_agenda",
        ),
        (
            agenda::DUE_SOON_COUNT,
            vec![day(), day()],
            "COVERING INDEX commitment_agenda",
        ),
        (
            agenda::STALE_CHARTER,
            vec![day(), Value::Integer(100)],
            "commitment_charter",
        ),
        (
            agenda::STALE_CHARTER_COUNT,
            vec![day()],
            "COVERING INDEX commitment_charter",
        ),
    ] {
        let p = plan(&store, sql, args);
        assert_no_full_scan(&p);
        assert!(p.contains(index), "{index}:\n{p}");
        // Rows come in the index's order: no sort of the whole section before the limit.
        assert!(!p.contains("TEMP B-TREE FOR ORDER BY"), "{p}");
    }
}

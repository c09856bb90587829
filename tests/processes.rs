//! Real processes on one book: eight starting at once on an old book, concurrent writers, and a
//! writer killed with SIGKILL at random moments. Figures are printed (`-- --nocapture`);
//! longer runs are set by environment variables (README, "Reliability").
//!
//! Writers are this test binary run again as a child (`child_writer`), writing through the same
//! `Store` calls as `pactum touch add`, so each write is timed inside the process.

use chrono::NaiveDate;
use pactum::domain::{Initiator, TouchKind};
use pactum::store::{NewPartner, NewTouch, Store, schema};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Not a test of its own: the body of a writer process when `PACTUM_CHILD_BOOK` is set.
/// Prints `ACK <touch id> <commit µs>` after each acknowledged write, `ERR <message>` for a
/// failure the user would see.
#[test]
fn child_writer() {
    let Ok(book) = std::env::var("PACTUM_CHILD_BOOK") else {
        return;
    };
    let writes = setting("PACTUM_CHILD_WRITES", 1);
    let partner_id = setting("PACTUM_CHILD_PARTNER", 1) as i64;
    let mut out = std::io::stdout().lock();
    let mut store = match Store::open(Path::new(&book), "writer") {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(out, "ERR {e}");
            return;
        }
    };
    for i in 0..writes {
        let started = Instant::now();
        let line = match store.add_touch(
            &NewTouch {
                partner_id,
                on: today(),
                kind: TouchKind::Call,
                initiated_by: Initiator::Us,
                summary: format!("write {i} of process {}", std::process::id()),
                bad_news: false,
            },
            today(),
        ) {
            Ok(id) => format!("ACK {id} {}", started.elapsed().as_micros()),
            Err(e) => format!("ERR {e}"),
        };
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
}

fn spawn_writer(book: &Path, partner_id: i64, writes: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
        .env("PACTUM_CHILD_BOOK", book)
        .env("PACTUM_CHILD_PARTNER", partner_id.to_string())
        .env("PACTUM_CHILD_WRITES", writes.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// (acknowledged touch ids with their commit time in µs, errors shown)
fn collect(child: Child) -> (Vec<(i64, u64)>, Vec<String>) {
    let output = child.wait_with_output().unwrap();
    parse(&String::from_utf8_lossy(&output.stdout))
}

fn parse(text: &str) -> (Vec<(i64, u64)>, Vec<String>) {
    let mut acks = Vec::new();
    let mut errors = Vec::new();
    // Only whole lines count: a line cut by SIGKILL was never acknowledged. The test harness
    // may print "test child_writer ... " before the first line, hence the search for the mark.
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        let start = line.find("ACK ").or_else(|| line.find("ERR ")).unwrap_or(0);
        let line = &line[start..];
        let mut words = line.split_whitespace();
        match words.next() {
            Some("ACK") => {
                let id = words.next().and_then(|w| w.parse().ok()).unwrap();
                let micros = words.next().and_then(|w| w.parse().ok()).unwrap();
                acks.push((id, micros));
            }
            Some("ERR") => errors.push(line.trim().to_string()),
            _ => {}
        }
    }
    (acks, errors)
}

fn count(book: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(book)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

#[test]
fn eight_processes_on_an_old_book_migrate_it_exactly_once() {
    let rounds = setting("PACTUM_RACE_ROUNDS", 5);
    let processes = 8;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.db");
        // A book as the previous pactum left it: schema 1 only, in WAL, with a partner.
        let old = rusqlite::Connection::open(&book).unwrap();
        old.execute_batch(schema::MIGRATIONS[0]).unwrap();
        old.execute_batch(
            "PRAGMA user_version = 1; PRAGMA journal_mode = WAL;
             INSERT INTO partner (name, created_on) VALUES ('Acme', '2026-01-01');",
        )
        .unwrap();
        drop(old);

        let children: Vec<Child> = (0..processes)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_pactum"))
                    .args(["--db", book.to_str().unwrap(), "partner", "list", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut pids = Vec::new();
        for child in children {
            pids.push(i64::from(child.id()));
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stdout).contains("Acme"));
        }
        assert_eq!(count(&book, "PRAGMA user_version"), schema::latest());
        assert_eq!(
            count(
                &book,
                "SELECT count(*) FROM migration_log WHERE version = 3"
            ),
            1,
            "round {round}: migrated more than once"
        );
        let by = count(&book, "SELECT pid FROM migration_log WHERE version = 3");
        assert!(
            pids.contains(&by),
            "round {round}: migrated by one of the eight"
        );
    }
    eprintln!("migration race: {rounds} rounds × {processes} processes: migrated once every time");
}

#[test]
fn concurrent_writers_lose_nothing() {
    let processes = setting("PACTUM_STRESS_PROCS", 8);
    let writes = setting("PACTUM_STRESS_WRITES", 60);
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    let partner_id = Store::open(&book, "tester")
        .unwrap()
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();

    let started = Instant::now();
    let children: Vec<Child> = (0..processes)
        .map(|_| spawn_writer(&book, partner_id, writes))
        .collect();
    let mut latencies = Vec::new();
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    for child in children {
        let (acks, errs) = collect(child);
        ids.extend(acks.iter().map(|(id, _)| *id));
        latencies.extend(acks.iter().map(|(_, us)| *us));
        errors.extend(errs);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    ids.sort_unstable();
    ids.dedup();
    let expected = (processes * writes) as i64;
    let present = count(&book, "SELECT count(*) FROM touch");
    eprintln!(
        "concurrent writers: {processes} processes × {writes} writes: {present} of {expected} present, \
         {} errors shown, {:.0} writes/s over {:.2} s (incl. process start), commit latency \
         p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        errors.len(),
        expected as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(ids.len() as i64, expected, "every write acknowledged once");
    assert_eq!(present, expected, "no lost writes");
    assert_eq!(
        count(&book, "SELECT count(*) FROM event WHERE entity = 'touch'"),
        expected
    );
}

#[test]
fn a_writer_killed_at_random_moments_loses_no_acknowledged_commit() {
    let rounds = setting("PACTUM_KILL_ROUNDS", 100);
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    let partner_id = Store::open(&book, "tester")
        .unwrap()
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    // A small deterministic generator: the moments differ per round, the run is reproducible.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut acknowledged = Vec::new();
    for round in 0..rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = spawn_writer(&book, partner_id, 1_000_000);
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut text = String::new();
        if round % 2 == 1 {
            // Half the kills land while writing (after the first acknowledged write), half
            // anywhere from the start (opening, configuring, the first transaction).
            while out.read_line(&mut text).unwrap_or(0) > 0 && !text.contains("ACK ") {}
        }
        std::thread::sleep(Duration::from_micros(1_000 + seed % 20_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        out.read_to_string(&mut text).unwrap();
        let (acks, errors) = parse(&text);
        assert_eq!(errors, Vec::<String>::new(), "round {round}");
        acknowledged.extend(acks.into_iter().map(|(id, _)| id));

        let conn = rusqlite::Connection::open(&book).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        // A touch and its event are one transaction: never one without the other.
        let orphans: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM touch WHERE id NOT IN
                            (SELECT entity_id FROM event WHERE entity = 'touch'))
                      + (SELECT count(*) FROM event WHERE entity = 'touch' AND entity_id NOT IN
                            (SELECT id FROM touch))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "round {round}: a partial transaction");
    }
    let conn = rusqlite::Connection::open(&book).unwrap();
    let mut lost = 0;
    for id in &acknowledged {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM touch WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        lost += usize::from(n == 0);
    }
    let present: i64 = conn
        .query_row("SELECT count(*) FROM touch", [], |r| r.get(0))
        .unwrap();
    eprintln!(
        "kill test: {rounds} SIGKILLs, {} commits acknowledged, {present} present, {lost} lost, \
         0 integrity failures, 0 partial transactions",
        acknowledged.len()
    );
    assert_eq!(lost, 0);
}

#[test]
fn a_backup_while_four_processes_write_holds_every_acknowledged_commit() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    let mut store = Store::open(&book, "tester").unwrap();
    let partner_id = store
        .add_partner(&NewPartner::named("Acme", today()))
        .unwrap();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut children = Vec::new();
    let mut readers = Vec::new();
    for _ in 0..4 {
        let mut child = spawn_writer(&book, partner_id, 1_000_000);
        let out = BufReader::new(child.stdout.take().unwrap());
        let acknowledged = Arc::clone(&acknowledged);
        readers.push(std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let (acks, errors) = parse(&format!("{line}\n"));
                assert_eq!(errors, Vec::<String>::new());
                acknowledged
                    .lock()
                    .unwrap()
                    .extend(acks.into_iter().map(|(id, _)| id));
            }
        }));
        children.push(child);
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().unwrap().len() < 40 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let before: Vec<i64> = acknowledged.lock().unwrap().clone();
    let file = dir.path().join("backup.db");
    let copied = store.backup_to(&file, false).unwrap();
    let during = acknowledged.lock().unwrap().len() - before.len();
    for mut child in children {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    for reader in readers {
        reader.join().unwrap();
    }

    let copy = rusqlite::Connection::open(&file).unwrap();
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let missing = before
        .iter()
        .filter(|id| {
            copy.query_row("SELECT count(*) FROM touch WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
                == 0
        })
        .count();
    eprintln!(
        "backup while 4 processes write: {} commits acknowledged before it began, {missing} missing \
         from it; {during} more acknowledged while it ran; {} events in it; integrity_check ok",
        before.len(),
        copied.events
    );
    assert!(before.len() >= 40);
    assert_eq!(missing, 0);
}

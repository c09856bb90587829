//! `pactum gen`: a deterministic synthetic book of any size, for benchmarks and for trying the
//! dashboard on a big book. Everything is inserted in one transaction with prepared statements,
//! partner by partner, so each index grows at its end.

use super::Store;
use super::bulk::SetAside;
use super::error::{StoreError, StoreResult};
use super::events::record;
use super::generate_words::{self as words, Rng, quotas};
use crate::domain::dates::shift;
use chrono::NaiveDate;
use rusqlite::{Statement, Transaction, params};
use serde::Serialize;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenSpec {
    pub partners: u64,
    pub commitments: u64,
    pub touches: u64,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GenCounts {
    pub partners: u64,
    pub commitments: u64,
    pub touches: u64,
    pub reviews: u64,
    pub problems: u64,
    pub contacts: u64,
}

/// The prepared statements of one generation run.
struct Inserts<'t> {
    partner: Statement<'t>,
    tag: Statement<'t>,
    contact: Statement<'t>,
    commitment: Statement<'t>,
    review: Statement<'t>,
    touch: Statement<'t>,
    problem: Statement<'t>,
}

impl<'t> Inserts<'t> {
    fn prepare(tx: &'t Transaction<'_>) -> rusqlite::Result<Inserts<'t>> {
        Ok(Inserts {
            partner: tx.prepare(
                "INSERT INTO partner (name, stage, signed_on, desired_outcome, update_every_days,
                 owner, ended_on, end_reason, created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            tag: tx.prepare("INSERT OR IGNORE INTO tag (partner_id, tag) VALUES (?1, ?2)")?,
            contact: tx.prepare(
                "INSERT INTO contact (partner_id, name, role, email) VALUES (?1, ?2, ?3, ?4)",
            )?,
            commitment: tx.prepare(
                "INSERT INTO commitment (partner_id, side, title, made_on, due_on, ongoing, origin,
                 status, closed_on, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            review: tx.prepare(
                "INSERT INTO review (commitment_id, on_day, verdict) VALUES (?1, ?2, ?3)",
            )?,
            touch: tx.prepare(
                "INSERT INTO touch (partner_id, on_day, kind, initiated_by, summary, bad_news)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            problem: tx.prepare(
                "INSERT INTO problem (partner_id, opened_on, summary, severity, reaction,
                 brave_conversation_on, resolved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
        })
    }
}

/// One partner's shape: days are offsets from today (negative = past).
struct Shape {
    id: i64,
    created: i64,
    signed: Option<i64>,
    owner: &'static str,
    their_share: u64,
    /// How well the partnership is looked after: 0 well kept, 1 slipping, 2 failing.
    care: usize,
    /// Days between updates agreed with the partner.
    every: u32,
    ended: bool,
}

impl Store {
    /// Fills the book with a synthetic book of `spec`'s size, dated around `today`. With
    /// `replace`, every partner already in the book is deleted first (the event log is kept).
    ///
    /// For the run only, `synchronous = OFF` and a larger page cache: a machine crash during
    /// generation can leave a damaged book, which is acceptable for a synthetic book that is
    /// made again with one command; the book's normal settings are restored afterwards.
    pub fn generate(
        &mut self,
        spec: GenSpec,
        today: NaiveDate,
        replace: bool,
    ) -> StoreResult<GenCounts> {
        let sql = StoreError::sql("generating the book");
        self.conn
            .execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")
            .map_err(&sql)?;
        let out = self.write("generating the book", |tx, who| {
            if replace {
                tx.execute("DELETE FROM partner", []).map_err(&sql)?;
            }
            // The book has no partner left, so no dashboard line to drop afterwards.
            let aside = SetAside::take(tx).map_err(&sql)?;
            let counts = fill(tx, spec, today).map_err(&sql)?;
            aside.restore(tx, &[]).map_err(&sql)?;
            let text = format!(
                "generated a synthetic book: {} partners, {} commitments, {} touches (seed {})",
                counts.partners, counts.commitments, counts.touches, spec.seed
            );
            record(tx, who, "gen", "book", 0, &text, None)?;
            Ok(counts)
        });
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA cache_size = -2000;")
            .map_err(&sql)?;
        let counts = out?;
        // Fresh statistics let the planner pick the per-partner indexes on the big tables.
        self.conn.execute_batch("ANALYZE").map_err(&sql)?;
        Ok(counts)
    }
}

fn fill(tx: &Transaction<'_>, spec: GenSpec, today: NaiveDate) -> rusqlite::Result<GenCounts> {
    let mut rng = Rng::new(spec.seed);
    let n = usize::try_from(spec.partners).unwrap_or(usize::MAX);
    let heavy = (n / 2000).clamp(usize::from(n >= 10), 5);
    let commitment_quota = quotas(&mut rng, spec.commitments, n, heavy);
    let touch_quota = quotas(&mut rng, spec.touches, n, heavy);
    let mut ins = Inserts::prepare(tx)?;
    let mut counts = GenCounts::default();
    let day = |offset: i64| shift(today, offset);
    let combos = words::NAME_FIRST.len() * words::NAME_SECOND.len();
    for p in 0..n {
        let long = p < heavy;
        let name = {
            let first = words::NAME_FIRST[p % words::NAME_FIRST.len()];
            let second =
                words::NAME_SECOND[(p / words::NAME_FIRST.len()) % words::NAME_SECOND.len()];
            let legal = rng.pick(words::LEGAL);
            match p / combos {
                0 => format!("{first} {second} {legal}"),
                k => format!("{first} {second} {legal} {}", k + 1),
            }
        };
        let created = if long {
            -rng.range(2500, 3650)
        } else {
            -rng.range(20, 1500)
        };
        let stage = match (long, rng.weighted(&[15, 20, 55, 10])) {
            (true, _) | (_, 2) => "signed",
            (_, 0) => "prospect",
            (_, 1) => "engaged",
            _ => "ended",
        };
        let signed =
            matches!(stage, "signed" | "ended").then(|| (created + rng.range(10, 200)).min(-1));
        let ended = (stage == "ended").then(|| rng.range(signed.unwrap_or(created), 0));
        let owner = *rng.pick(words::OWNERS);
        // Most partnerships are well kept, some slip, a few are failing (long ones: any).
        let care = rng.weighted(&[60, 30, 10]);
        let every = *rng.pick(&[7u32, 14, 14, 14, 30]);
        let id = ins.partner.insert(params![
            name,
            stage,
            signed.map(day),
            rng.pick(words::OUTCOMES),
            every,
            owner,
            ended.map(day),
            ended.map_or("", |_| *rng.pick(words::END_REASONS)),
            day(created)
        ])?;
        let shape = Shape {
            id,
            created,
            signed,
            owner,
            their_share: match care {
                0 => rng.range(35, 60) as u64,
                1 => rng.range(20, 45) as u64,
                _ => 5,
            },
            every,
            ended: ended.is_some(),
            care,
        };
        counts.partners += 1;
        for _ in 0..rng.below(4) {
            ins.tag.execute(params![shape.id, rng.pick(words::TAGS)])?;
        }
        for _ in 0..rng.range(1, 3) {
            let person = rng.pick(words::PEOPLE);
            let email = format!("{}@example.com", person.to_lowercase());
            ins.contact
                .execute(params![shape.id, person, rng.pick(words::ROLES), email])?;
            counts.contacts += 1;
        }
        commitments(
            &mut ins,
            &mut rng,
            &shape,
            commitment_quota[p],
            today,
            &mut counts,
        )?;
        touches(&mut ins, &mut rng, &shape, touch_quota[p], today)?;
        counts.touches += touch_quota[p];
        let problems = if long {
            12
        } else {
            rng.weighted(&[70, 22, 8]) as u64
        };
        for _ in 0..problems {
            let opened = rng.range(shape.created, 0);
            let brave = rng.chance(40).then(|| rng.range(opened, 0));
            let resolved = rng
                .chance(55)
                .then(|| rng.range(brave.unwrap_or(opened), 0));
            ins.problem.execute(params![
                shape.id,
                day(opened),
                rng.pick(words::PROBLEMS),
                rng.range(1, 5),
                rng.range(1, 5),
                brave.map(day),
                resolved.map(day)
            ])?;
            counts.problems += 1;
        }
    }
    Ok(counts)
}

fn commitments(
    ins: &mut Inserts<'_>,
    rng: &mut Rng,
    p: &Shape,
    n: u64,
    today: NaiveDate,
    counts: &mut GenCounts,
) -> rusqlite::Result<()> {
    let day = |offset: i64| shift(today, offset);
    for _ in 0..n {
        let ours = rng.chance(50);
        let side = if ours { "ours" } else { "theirs" };
        let made = rng.range(p.created, 0);
        let origin = if made - p.created < 7 {
            "first-meeting"
        } else {
            "later"
        };
        if rng.chance(8) {
            let title = if ours {
                rng.pick(words::ONGOING_OURS)
            } else {
                rng.pick(words::ONGOING_THEIRS)
            };
            let released = rng.chance(10);
            let id = ins.commitment.insert(params![
                p.id,
                side,
                title,
                day(made),
                None::<NaiveDate>,
                true,
                origin,
                if released { "released" } else { "open" },
                released.then(|| day(rng.range(made, 0))),
                p.owner
            ])?;
            // Reviews over the item's life; a well-kept charter was looked at lately.
            let mut reviewed: Vec<i64> = (0..rng.below(5)).map(|_| rng.range(made, 0)).collect();
            if !released && rng.chance([85, 40, 10][p.care]) {
                reviewed.push(rng.range(made.max(-40), 0));
            }
            for on in reviewed {
                let verdict = if rng.chance(80) {
                    "honoured"
                } else {
                    "not-honoured"
                };
                ins.review.execute(params![id, day(on), verdict])?;
                counts.reviews += 1;
            }
        } else {
            let due = made + rng.range(3, 90);
            let title = if ours {
                rng.pick(words::OUR_TITLES)
            } else {
                rng.pick(words::THEIR_TITLES)
            };
            let (status, closed) = if due > 0 {
                match rng.weighted(&[85, 10, 5]) {
                    0 => ("open", None),
                    1 => ("kept", Some(rng.range(made, 0))),
                    _ => ("released", Some(rng.range(made, 0))),
                }
            } else {
                // Old items were mostly settled: the longer past due, the rarer an open one.
                let still_open = match due {
                    -30..=0 => [6, 17, 30][p.care],
                    -180..=-31 => [1, 4, 8][p.care],
                    _ => [0, 1, 2][p.care],
                };
                let (missed, late) = [(2, 1), (8, 6), (20, 10)][p.care];
                match rng.weighted(&[75, missed, 5, still_open]) {
                    0 => ("kept", Some((due + rng.range(-10, late)).clamp(made, 0))),
                    1 => ("missed", Some(due.min(0))),
                    2 => ("released", Some(rng.range(made, 0))),
                    _ => ("open", None),
                }
            };
            ins.commitment.execute(params![
                p.id,
                side,
                title,
                day(made),
                day(due),
                false,
                origin,
                status,
                closed.map(day),
                p.owner
            ])?;
        }
        counts.commitments += 1;
    }
    Ok(())
}

fn touches(
    ins: &mut Inserts<'_>,
    rng: &mut Rng,
    p: &Shape,
    n: u64,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    // Oldest first, so each partner's touches go into the indexes in order.
    // Denser lately: a live relationship talks more as it grows.
    let mut days: Vec<i64> = (0..n)
        .map(|_| {
            let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
            p.created - (p.created as f64 * u.sqrt()) as i64
        })
        .collect();
    days.sort_unstable();
    // A quiet spell after signing for some partners: the switch-off the health rules look for.
    let quiet = p.signed.filter(|_| rng.chance([5, 20, 50][p.care]));
    // Most live partnerships have had their update within the agreed cadence: the newest
    // touch is that update.
    let fresh = !p.ended && quiet.is_none() && rng.chance([90, 60, 20][p.care]);
    let newest = days.len().wrapping_sub(1);
    for (i, offset) in days.into_iter().enumerate() {
        let offset = match quiet {
            Some(s) if offset > s => rng.range(p.created, s),
            _ => offset,
        };
        let update_now = fresh && i == newest;
        let offset = if update_now {
            offset.max(-rng.range(0, i64::from(p.every)))
        } else {
            offset
        };
        let kind = if update_now {
            "update"
        } else {
            [
                "call", "meeting", "email", "message", "update", "care", "other",
            ][rng.weighted(&[25, 15, 25, 15, 10, [12, 7, 2][p.care], 3])]
        };
        let by = if update_now || rng.below(100) >= p.their_share {
            "us"
        } else {
            "them"
        };
        let bad_news = kind == "update" && rng.chance(8);
        ins.touch.execute(params![
            p.id,
            shift(today, offset),
            kind,
            by,
            rng.pick(words::TOUCH_SUMMARIES),
            bad_news
        ])?;
    }
    Ok(())
}

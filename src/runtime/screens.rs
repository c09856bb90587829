//! Loading the data of the Today, Brief, Timeline and Explain screens (shared with the
//! command line, so `pactum today` and the Today screen say the same thing).

use super::{assess_all, dashboard_rows};
use crate::app::screen::{Reader, Request, ReviewItem, ReviewRun, Screen, Tally};
use crate::app::views;
use crate::domain::agenda::{Agenda, AgendaInput, Cadence, DUE_SOON_DAYS, Slipping};
use crate::domain::brief::{Brief, CharterItem, THANKS_DAYS};
use crate::domain::dates::shift;
use crate::domain::health::{Evidence, Health, HealthVerdict, Rules, evidence};
use crate::domain::timeline::{self, Entry};
use crate::domain::{Partner, Stage, Verdict};
use crate::store::{CommitmentFilter, Event, PartnerRow, Store, StoreError, StoreResult};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Days after which a charter item counts as not reviewed (the charter signal's poor line).
fn charter_days(rules: &Rules) -> u32 {
    rules.thresholds.charter_poor_days
}

/// How many slipping partnerships the agenda gives the reasons of.
pub const SLIPPING_REASONS: usize = 25;

/// The daily agenda across every partner that is not ended.
pub fn agenda(store: &mut Store, today: NaiveDate, rules: &Rules) -> StoreResult<Agenda> {
    // The dashboard's per-partner lines carry every verdict and the update facts, kept in the
    // book; only the few slipping partners are assessed in full, for their reasons.
    let rows = dashboard_rows(store, today, rules)?;
    let open: Vec<&PartnerRow> = rows.iter().filter(|r| r.stage != Stage::Ended).collect();
    let cadence = open
        .iter()
        .map(|r| Cadence {
            partner_id: r.id,
            partner: r.name.clone(),
            last_update_on: r.facts.last_update_on,
            update_every_days: r.update_every_days,
        })
        .collect();
    // Reasons for the most urgent few; past that, a book in trouble lists verdicts and scores
    // (each reason costs a full assessment).
    let mut slipping: Vec<Slipping> = open
        .iter()
        .filter_map(|r| {
            let h = r.health?;
            matches!(
                h.verdict,
                HealthVerdict::WalkAwayReview | HealthVerdict::AtRisk
            )
            .then(|| Slipping {
                partner_id: r.id,
                partner: r.name.clone(),
                verdict: h.verdict,
                score: h.score,
                reason: None,
            })
        })
        .collect();
    slipping.sort_by_key(|s| (s.verdict, s.score));
    for s in slipping.iter_mut().take(SLIPPING_REASONS) {
        s.reason = Some(one_health(store, today, rules, s.partner_id)?.reason);
    }
    let days = charter_days(rules);
    let input = AgendaInput {
        due: store.due_by(shift(today, DUE_SOON_DAYS))?,
        cadence,
        slipping,
        unfaced: store.unfaced_problems(rules.thresholds.disproportion_gap)?,
        stale_charter: store.stale_charter(shift(today, -i64::from(days)))?,
    };
    Ok(Agenda::build(input, today, days))
}

/// The pre-call brief of one partner.
pub fn brief(store: &mut Store, today: NaiveDate, rules: &Rules, id: i64) -> StoreResult<Brief> {
    let partner = store.partner(id)?;
    let health = one_health(store, today, rules, id)?;
    let open = store.commitments(CommitmentFilter {
        partner_id: Some(id),
        open_only: true,
        side: None,
    })?;
    let reviews: HashMap<i64, (NaiveDate, Verdict)> = store
        .last_reviews(id)?
        .into_iter()
        .map(|(cid, on, verdict)| (cid, (on, verdict)))
        .collect();
    let (charter, dated): (Vec<_>, Vec<_>) = open.into_iter().partition(|c| c.ongoing);
    let charter = charter
        .into_iter()
        .map(|c| CharterItem {
            last_review: reviews.get(&c.id).copied(),
            commitment: c,
        })
        .collect();
    Ok(Brief::new(
        partner,
        store.contacts(id)?,
        charter,
        dated,
        store.kept_since(id, shift(today, -THANKS_DAYS))?,
        store.touches(Some(id), None, 5)?,
        store.problems(Some(id), true)?,
        health,
        today,
    ))
}

/// One partner's health (and today's snapshot).
pub fn one_health(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    id: i64,
) -> StoreResult<Health> {
    assess_all(store, today, rules, Some(id))?
        .remove(&id)
        .ok_or_else(|| StoreError::NotFound(format!("no partner with id {id}")))
}

/// Most entries a timeline loads (newest first); older history stays in the book.
pub const TIMELINE_LIMIT: u32 = 500;

/// Most changes of the event log shown under a timeline.
pub const CHANGES_LIMIT: u32 = 100;

/// A partner's timeline, newest first, and who changed what (the event log).
pub fn timeline(store: &Store, id: i64) -> StoreResult<(Partner, Vec<Entry>, Vec<Event>)> {
    let partner = store.partner(id)?;
    let touches = store.touches(Some(id), None, TIMELINE_LIMIT)?;
    let commitments = store.commitments(CommitmentFilter {
        partner_id: Some(id),
        ..Default::default()
    })?;
    let problems = store.problems(Some(id), false)?;
    let reviews = store.reviews(id)?;
    let mut entries = timeline::build(&touches, &problems, &commitments, &reviews);
    if let (Stage::Ended, Some(on)) = (partner.stage, partner.ended_on) {
        entries.insert(
            0,
            Entry {
                on,
                what: "partnership ended".into(),
                text: partner.end_reason.clone(),
                alarm: true,
            },
        );
    }
    entries.truncate(TIMELINE_LIMIT as usize);
    let changes = store.partner_events(id, CHANGES_LIMIT)?;
    Ok((partner, entries, changes))
}

/// The explain view of one partner: its health and the rows behind each signal.
pub fn explain(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    id: i64,
) -> StoreResult<(Partner, Health, Vec<Evidence>)> {
    let partner = store.partner(id)?;
    let health = one_health(store, today, rules, id)?;
    let w = &rules.windows;
    let longest = w
        .reliability_days
        .max(w.reciprocity_commitment_days)
        .max(w.after_signing_days * 2)
        .max(w.care_days);
    let since = partner
        .signed_on
        .map_or(shift(today, -i64::from(longest)), |s| s.min(today))
        .min(shift(today, -i64::from(longest)));
    let touches = store.touches(
        Some(id),
        Some(shift(since, -i64::from(w.after_signing_days))),
        u32::MAX,
    )?;
    let commitments = store.commitments(CommitmentFilter {
        partner_id: Some(id),
        ..Default::default()
    })?;
    let problems = store.problems(Some(id), false)?;
    let reviews = store.reviews(id)?;
    let rows = evidence(
        &partner,
        &commitments,
        &reviews,
        &touches,
        &problems,
        today,
        rules,
    );
    Ok((partner, health, rows))
}

/// Loads a screen for the dashboard.
pub fn open_screen(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    request: Request,
) -> StoreResult<Screen> {
    let doc = match request {
        Request::Today => views::today(&agenda(store, today, rules)?, views::SCREEN_SECTION_LINES),
        Request::Brief(id) => views::brief(&brief(store, today, rules, id)?, today),
        Request::Timeline(id) => {
            let (partner, entries, changes) = timeline(store, id)?;
            views::timeline(&partner, &entries, &changes)
        }
        Request::Explain(id) => {
            let (partner, health, rows) = explain(store, today, rules, id)?;
            views::explain(&partner, &health, &rows)
        }
        Request::Review(scope) => {
            let items = store
                .review_items(scope)?
                .into_iter()
                .map(|(partner, item)| ReviewItem {
                    partner,
                    commitment: item.commitment,
                    last_review: item.last_review,
                })
                .collect();
            return Ok(Screen::Review(Box::new(ReviewRun {
                scope,
                items,
                index: 0,
                tally: Tally::default(),
            })));
        }
    };
    Ok(Screen::Reader(Box::new(Reader {
        request,
        doc,
        scroll: 0,
        cursor: 0,
    })))
}

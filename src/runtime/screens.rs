//! Loading the data of the Today, Brief, Timeline and Explain screens (shared with the
//! command line, so `pactum today` and the Today screen say the same thing).

use super::{assess_all, dashboard_rows, rules_key};
use crate::app::screen::{Reader, Request, ReviewItem, ReviewRun, Screen, Tally};
use crate::app::views;
use crate::domain::agenda::{Agenda, AgendaInput, Cadence, DUE_SOON_DAYS, SectionKind, Slipping};
use crate::domain::brief::{Brief, CharterItem, THANKS_DAYS, recent_slips};
use crate::domain::dates::shift;
use crate::domain::health::{Evidence, Health, HealthVerdict, Rules, assess, evidence};
use crate::domain::slips;
use crate::domain::timeline::{self, Entry};
use crate::domain::{Partner, Side, Stage, Verdict};
use crate::store::{CommitmentFilter, Due, Event, PartnerRow, Store, StoreError, StoreResult};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Days after which a charter item counts as not reviewed (the charter signal's poor line).
fn charter_days(rules: &Rules) -> u32 {
    rules.thresholds.charter_poor_days
}

/// How many slipping partnerships the agenda gives the reasons of.
pub const SLIPPING_REASONS: usize = 25;

/// The daily agenda across every partner that is not ended; each section cut to `limit` lines
/// (the screen) with its full count, or whole (`pactum today`).
pub fn agenda(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    limit: Option<usize>,
) -> StoreResult<Agenda> {
    // The dashboard's per-partner lines carry every verdict and the update facts, kept in the
    // book; the slipping partners' reasons come from the health inputs kept with them.
    let rows = dashboard_rows(store, today, rules)?;
    let open: Vec<&PartnerRow> = rows.iter().filter(|r| r.stage != Stage::Ended).collect();
    // The update cadence is agreed at signing, and its clock starts on the signing day.
    let signed = store.signing_days()?;
    let cadence = open
        .iter()
        .filter(|r| r.stage == Stage::Signed)
        .filter_map(|r| {
            Some(Cadence {
                partner_id: r.id,
                partner: r.name.clone(),
                last_update_on: r.facts.last_update_on,
                signed_on: *signed.get(&r.id)?,
                update_every_days: r.update_every_days,
            })
        })
        .collect();
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
    // In the agenda's order, so the reasons go to the lines shown first.
    slipping.sort_by(|a, b| {
        (a.verdict, a.score)
            .cmp(&(b.verdict, b.score))
            .then_with(|| a.partner.cmp(&b.partner))
            .then_with(|| a.partner_id.cmp(&b.partner_id))
    });
    for s in slipping.iter_mut().take(SLIPPING_REASONS) {
        s.reason = Some(kept_health(store, today, rules, s.partner_id)?.reason);
    }
    let days = charter_days(rules);
    let horizon = shift(today, DUE_SOON_DAYS);
    let cutoff = shift(today, -i64::from(days));
    let mut due = Vec::new();
    for (side, bucket) in [
        (Side::Ours, Due::Overdue { today }),
        (Side::Theirs, Due::Overdue { today }),
        (Side::Ours, Due::Soon { today, horizon }),
        (Side::Theirs, Due::Soon { today, horizon }),
    ] {
        due.extend(store.due_rows(side, bucket, limit)?);
    }
    let (unfaced, unfaced_total) =
        store.unfaced_problems(rules.thresholds.disproportion_gap, limit)?;
    let mut totals = HashMap::from([(SectionKind::BraveConversation, unfaced_total)]);
    if limit.is_some() {
        // The overdue counts are the lines' own (the same rule: open, due before today).
        let overdue = |side: fn(&PartnerRow) -> u32| open.iter().map(|r| side(r) as usize).sum();
        totals.insert(SectionKind::OursOverdue, overdue(|r| r.facts.ours.overdue));
        totals.insert(
            SectionKind::TheirsOverdue,
            overdue(|r| r.facts.theirs.overdue),
        );
        totals.insert(SectionKind::DueSoon, store.due_soon_count(today, horizon)?);
        totals.insert(
            SectionKind::CharterReview,
            store.stale_charter_count(cutoff)?,
        );
    }
    let input = AgendaInput {
        due,
        cadence,
        slipping,
        unfaced,
        stale_charter: store.stale_charter(cutoff, limit)?,
        slipped: untold_slips(store, today, rules)?,
        switched_off: switched_off(store, today, rules)?,
        totals,
    };
    Ok(Agenda::build(input, today, days, limit))
}

/// One partner's health from the input kept with its dashboard line today (current: a change
/// to its records deletes the line), or assessed afresh when there is none.
fn kept_health(store: &mut Store, today: NaiveDate, rules: &Rules, id: i64) -> StoreResult<Health> {
    match store.summary_input(today, &rules_key(rules), id)? {
        Some(input) => Ok(assess(&input, today, rules)),
        None => one_health(store, today, rules, id),
    }
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
    let ours = store.commitments(CommitmentFilter {
        partner_id: Some(id),
        open_only: false,
        side: Some(Side::Ours),
    })?;
    let last_bad_news = store.last_bad_news(id, today)?;
    Ok(Brief::new(
        partner,
        store.contacts(id)?,
        charter,
        dated,
        store.kept_since(id, shift(today, -THANKS_DAYS))?,
        store.touches(Some(id), None, 5)?,
        store.problems(Some(id), true)?,
        health,
        recent_slips(&ours, last_bad_news, today),
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
        Request::Today => views::today(&agenda(
            store,
            today,
            rules,
            Some(views::SCREEN_SECTION_LINES),
        )?),
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
        back: None,
    })))
}

/// Our broken promises not yet told (missed within the reliability window, or re-dated late),
/// as the Today agenda lists them.
fn untold_slips(
    store: &Store,
    today: NaiveDate,
    rules: &Rules,
) -> StoreResult<Vec<(String, crate::domain::Commitment, slips::Broken)>> {
    let since = shift(today, -i64::from(rules.windows.reliability_days));
    Ok(store
        .slipped_rows(today, since)?
        .into_iter()
        .filter_map(|(partner, told, c)| {
            let broken = slips::broken(&c, today)?;
            (!slips::told(&broken, told)).then_some((partner, c, broken))
        })
        .collect())
}

/// Signed partners (signed at least `silence_watch_days` ago) with more than that many days
/// without a touch from us, counted from the signing day at the earliest.
fn switched_off(
    store: &Store,
    today: NaiveDate,
    rules: &Rules,
) -> StoreResult<Vec<(String, i64, i64)>> {
    let limit = i64::from(rules.thresholds.silence_watch_days);
    Ok(store
        .signed_silence(today)?
        .into_iter()
        .filter_map(|(id, name, signed_on, last)| {
            let days = crate::domain::health::days_without_us(signed_on, last, today);
            (days > limit).then_some((name, id, days))
        })
        .collect())
}

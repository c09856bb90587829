//! `pactum health [PARTNER] [--json]`: the verdict, score and signals of each partnership.

use super::{json, line};
use crate::app::views::headline;
use crate::context::Context;
use crate::domain::health::{Health, Level};
use crate::domain::text::clean_line;
use crate::runtime::{assess_all, health_of_all};
use serde::Serialize;
use std::io::Write;

/// One partner's health as documented in the README.
#[derive(Debug, Serialize)]
pub struct HealthReport<'a> {
    pub partner: &'a str,
    pub score: Option<u8>,
    /// `None` with the score: no band without a score.
    pub level: Option<&'static str>,
    /// `ended` for an ended partner, which is not assessed.
    pub verdict: &'static str,
    pub reason: &'a str,
    pub signals: Vec<SignalReport<'a>>,
    pub caps: &'a [String],
}

/// One signal in the JSON report.
#[derive(Debug, Serialize)]
pub struct SignalReport<'a> {
    pub key: &'static str,
    pub level: &'static str,
    pub value: &'a str,
    pub why: &'a str,
    pub next_action: &'a str,
}

impl<'a> HealthReport<'a> {
    /// The report of `health` for the partner named `partner`.
    pub fn new(partner: &'a str, health: &'a Health) -> HealthReport<'a> {
        HealthReport {
            partner,
            score: health.score,
            level: health.level.map(|b| b.as_str()),
            verdict: if health.ended {
                "ended"
            } else {
                health.verdict.as_str()
            },
            reason: &health.reason,
            signals: health
                .signals
                .iter()
                .map(|s| SignalReport {
                    key: s.key.as_str(),
                    level: s.level.as_str(),
                    value: &s.value,
                    why: &s.why,
                    next_action: &s.next_action,
                })
                .collect(),
            caps: &health.caps,
        }
    }
}

pub fn run(
    ctx: &Context,
    partner: Option<String>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let mut store = ctx.open()?;
    let err = |e: crate::store::StoreError| e.to_string();
    let only = partner
        .as_deref()
        .map(|p| store.resolve_partner(p))
        .transpose()
        .map_err(err)?;
    let health = match only {
        Some(_) => assess_all(&mut store, ctx.today, &ctx.config.rules, only),
        None => health_of_all(&mut store, ctx.today, &ctx.config.rules),
    }
    .map_err(err)?;
    let mut partners: Vec<(String, &Health)> = Vec::new();
    for p in store.partners(only.is_some()).map_err(err)? {
        if let Some(h) = health.get(&p.id) {
            partners.push((p.name, h));
        }
    }
    partners.sort_by_key(|(_, h)| (h.verdict, h.score.map_or(101, u16::from)));
    if as_json {
        let reports: Vec<HealthReport> = partners
            .iter()
            .map(|(n, h)| HealthReport::new(n, h))
            .collect();
        return match (only, reports.as_slice()) {
            (Some(_), [one]) => json(out, one),
            _ => json(out, &reports),
        };
    }
    if partners.is_empty() {
        return line(
            out,
            "no partnerships to assess: pactum partner add NAME, or pactum demo",
        );
    }
    for (i, (name, h)) in partners.iter().enumerate() {
        if i > 0 {
            line(out, "")?;
        }
        line(out, &format!("{} — {}", clean_line(name), headline(h)))?;
        line(out, &format!("  {}", clean_line(&h.reason)))?;
        for cap in &h.caps {
            line(out, &format!("  cap: {}", clean_line(cap)))?;
        }
        for s in h.signals_worst_first() {
            let mark = match s.level {
                Level::Good => "✓",
                Level::Watch => "~",
                Level::Poor => "!",
                Level::Unknown => "?",
            };
            line(
                out,
                &format!("  {mark} {:<19} {}", s.key.label(), clean_line(&s.value)),
            )?;
            if matches!(s.level, Level::Watch | Level::Poor) {
                line(
                    out,
                    &format!(
                        "      {} → {}",
                        clean_line(&s.why),
                        clean_line(&s.next_action)
                    ),
                )?;
            }
        }
    }
    Ok(())
}

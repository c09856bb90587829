//! `pactum partner add|list|show|edit|end`.

use super::{json, line};
use crate::context::Context;
use crate::domain::Stage;
use crate::domain::facts::days_since;
use crate::domain::limits::check_cadence;
use crate::domain::text::{clean_block, clean_line, pad};
use crate::store::{CommitmentFilter, NewPartner, PartnerChanges};
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum PartnerCmd {
    /// Add a partner; prints its id
    Add {
        name: String,
        #[arg(long, default_value = "prospect")]
        stage: Stage,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        signed_on: Option<String>,
        /// Agreed update cadence in days
        #[arg(long, value_name = "DAYS", default_value_t = 14)]
        update_every: i64,
        /// The desired outcome of the partnership
        #[arg(long, value_name = "TEXT", default_value = "")]
        outcome: String,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// List partners (ended ones with --all)
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one partner with contacts, ledger and problems
    Show {
        partner: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a partner: name, stage (signing without --signed-on records today), signing
    /// day, update cadence, outcome, their goals and constraints, owner, tags. Only the fields
    /// given change
    Edit {
        partner: String,
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// prospect, engaged or signed (ending is `partner end`, with the reason)
        #[arg(long)]
        stage: Option<Stage>,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        signed_on: Option<String>,
        /// Agreed update cadence in days
        #[arg(long, value_name = "DAYS")]
        update_every: Option<i64>,
        /// The desired outcome of the partnership
        #[arg(long, value_name = "TEXT")]
        outcome: Option<String>,
        /// What they want to achieve
        #[arg(long, value_name = "TEXT")]
        goals: Option<String>,
        /// What limits them (budget, time, people)
        #[arg(long, value_name = "TEXT")]
        constraints: Option<String>,
        #[arg(long, value_name = "USER")]
        owner: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long = "untag", value_name = "TAG")]
        untags: Vec<String>,
    },
    /// End a partnership, recording the reason given to them
    End {
        partner: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
    },
}

pub fn run(ctx: &Context, cmd: PartnerCmd, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    match cmd {
        PartnerCmd::Add {
            name,
            stage,
            signed_on,
            update_every,
            outcome,
            tags,
        } => {
            let new = NewPartner {
                stage,
                signed_on: signed_on
                    .as_deref()
                    .map(|d| ctx.date(Some(d)))
                    .transpose()?,
                update_every_days: check_cadence(update_every)?,
                desired_outcome: outcome,
                tags,
                ..NewPartner::named(&name, ctx.today)
            };
            let id = store.add_partner(&new).map_err(|e| e.to_string())?;
            line(out, &format!("added partner {id}"))
        }
        PartnerCmd::List { all, json: as_json } => {
            let partners = store.partners(all).map_err(|e| e.to_string())?;
            if as_json {
                return json(out, &partners);
            }
            if partners.is_empty() {
                return line(
                    out,
                    "no partners yet: pactum partner add NAME, or pactum demo",
                );
            }
            line(
                out,
                &format!(
                    "{:>5}  {}  {}  {:<10}  {}",
                    "id",
                    pad("name", 32),
                    pad("stage", 8),
                    "signed",
                    "owner"
                ),
            )?;
            for p in partners {
                let signed = p
                    .signed_on
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "—".into());
                line(
                    out,
                    &format!(
                        "{:>5}  {}  {}  {:<10}  {}",
                        p.id,
                        pad(&p.name, 32),
                        pad(p.stage.as_str(), 8),
                        signed,
                        clean_line(&p.owner)
                    ),
                )?;
            }
            Ok(())
        }
        PartnerCmd::Show {
            partner,
            json: as_json,
        } => {
            let id = store.resolve_partner(&partner).map_err(|e| e.to_string())?;
            show(ctx, &store, id, as_json, out)
        }
        PartnerCmd::Edit {
            partner,
            name,
            stage,
            signed_on,
            update_every,
            outcome,
            goals,
            constraints,
            owner,
            tags,
            untags,
        } => {
            let id = store.resolve_partner(&partner).map_err(|e| e.to_string())?;
            let changes = PartnerChanges {
                name,
                stage,
                signed_on: signed_on
                    .as_deref()
                    .map(|d| ctx.date(Some(d)))
                    .transpose()?,
                update_every_days: update_every.map(check_cadence).transpose()?,
                desired_outcome: outcome,
                their_goals: goals,
                their_constraints: constraints,
                owner,
                add_tags: tags,
                remove_tags: untags,
            };
            store
                .change_partner(id, &changes, ctx.today)
                .map_err(|e| e.to_string())?;
            line(out, &format!("changed partner {id}"))
        }
        PartnerCmd::End {
            partner,
            reason,
            on,
        } => {
            let id = store.resolve_partner(&partner).map_err(|e| e.to_string())?;
            let on = ctx.date(on.as_deref())?;
            store
                .end_partner(id, on, &reason)
                .map_err(|e| e.to_string())?;
            line(out, &format!("ended partner {id}"))
        }
    }
}

#[derive(Serialize)]
struct Shown {
    partner: crate::domain::Partner,
    facts: crate::domain::facts::PartnerFacts,
    contacts: Vec<crate::domain::Contact>,
    commitments: Vec<crate::domain::Commitment>,
    problems: Vec<crate::domain::Problem>,
    recent_touches: Vec<crate::domain::Touch>,
    recent_changes: Vec<crate::store::Event>,
}

fn show(
    ctx: &Context,
    store: &crate::store::Store,
    id: i64,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let err = |e: crate::store::StoreError| e.to_string();
    let shown = Shown {
        partner: store.partner(id).map_err(err)?,
        facts: store.partner_row(ctx.today, id).map_err(err)?.facts,
        contacts: store.contacts(id).map_err(err)?,
        commitments: store
            .commitments(CommitmentFilter {
                partner_id: Some(id),
                ..Default::default()
            })
            .map_err(err)?,
        problems: store.problems(Some(id), false).map_err(err)?,
        recent_touches: store.touches(Some(id), None, 5).map_err(err)?,
        recent_changes: store.partner_events(id, 5).map_err(err)?,
    };
    if as_json {
        return json(out, &shown);
    }
    let p = &shown.partner;
    line(
        out,
        &format!("{} (#{}) — {}", clean_line(&p.name), p.id, p.stage),
    )?;
    if let Some(s) = p.signed_on {
        line(out, &format!("signed {s}"))?;
    }
    if let (Some(e), reason) = (p.ended_on, &p.end_reason) {
        line(out, &format!("ended {e}: {}", clean_line(reason)))?;
    }
    line(
        out,
        &format!(
            "owner {} · updates every {} days",
            clean_line(&p.owner),
            p.update_every_days
        ),
    )?;
    if !p.tags.is_empty() {
        line(out, &format!("tags: {}", clean_line(&p.tags.join(", "))))?;
    }
    if !p.desired_outcome.is_empty() {
        line(
            out,
            &format!("desired outcome: {}", clean_line(&p.desired_outcome)),
        )?;
    }
    let f = &shown.facts;
    let ago = |d| days_since(d, ctx.today).map_or("never".to_string(), |n| format!("{n} days ago"));
    line(
        out,
        &format!(
            "we owe {} open ({} overdue) · they owe {} open ({} overdue) · last update {} · their last touch {}",
            f.ours.open,
            f.ours.overdue,
            f.theirs.open,
            f.theirs.overdue,
            ago(f.last_update_on),
            ago(f.last_their_touch_on)
        ),
    )?;
    if !shown.contacts.is_empty() {
        line(out, "\ncontacts")?;
        for c in &shown.contacts {
            line(
                out,
                &format!(
                    "  {} — {} · {} · {}",
                    clean_line(&c.name),
                    clean_line(&c.role),
                    clean_line(&c.email),
                    clean_line(&c.phone)
                ),
            )?;
        }
    }
    line(out, "\ncommitments")?;
    super::commitment::table(ctx, &shown.commitments, out)?;
    if !shown.problems.is_empty() {
        line(out, "\nproblems")?;
        for pr in &shown.problems {
            let state = match (pr.resolved_on, pr.brave_conversation_on) {
                (Some(d), _) => format!("resolved {d}"),
                (None, Some(d)) => format!("brave conversation {d}"),
                (None, None) if pr.is_disproportionate() => {
                    "disproportionate, no brave conversation yet".into()
                }
                (None, None) => "open".into(),
            };
            line(
                out,
                &format!(
                    "  #{} {} severity {} reaction {} — {} ({state})",
                    pr.id,
                    pr.opened_on,
                    pr.severity,
                    pr.reaction,
                    clean_line(&pr.summary)
                ),
            )?;
        }
    }
    if !shown.recent_touches.is_empty() {
        line(out, "\nlast touches")?;
        for t in &shown.recent_touches {
            line(
                out,
                &format!(
                    "  {} {} by {}{}: {}",
                    t.on,
                    t.kind,
                    t.initiated_by,
                    if t.bad_news { " (bad news)" } else { "" },
                    clean_block(&t.summary).replace('\n', "\n    ")
                ),
            )?;
        }
    }
    if !shown.recent_changes.is_empty() {
        line(out, "\nrecent changes (pactum log NAME for more)")?;
        for e in &shown.recent_changes {
            line(
                out,
                &format!(
                    "  {} {}: {}{}",
                    e.at,
                    clean_line(&e.who),
                    clean_line(&e.summary),
                    if e.undone { " (undone)" } else { "" }
                ),
            )?;
        }
    }
    Ok(())
}

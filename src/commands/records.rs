//! `pactum touch …`, `pactum problem …` and `pactum review …`.

use super::{json, line};
use crate::context::Context;
use crate::domain::Verdict;
use crate::domain::limits::check_rating;
use crate::domain::text::clean_line;
use crate::domain::{Initiator, TouchKind};
use crate::store::{NewProblem, NewTouch, StoreError};
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum TouchCmd {
    /// Log a touch; prints its id
    Add {
        partner: String,
        summary: String,
        #[arg(long, default_value = "call")]
        kind: TouchKind,
        #[arg(long, default_value = "us")]
        by: Initiator,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
        /// The touch disclosed a difficulty
        #[arg(long)]
        bad_news: bool,
    },
    /// List touches, newest first
    List {
        partner: Option<String>,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProblemCmd {
    /// Open a problem; prints its id
    Add {
        partner: String,
        summary: String,
        /// How bad the problem really is, 1–5
        #[arg(long)]
        severity: i64,
        /// How hard the partner reacted, 1–5
        #[arg(long)]
        reaction: i64,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Record the brave conversation about a problem
    Brave {
        id: i64,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Mark a problem resolved
    Resolve {
        id: i64,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// List problems (unresolved first), of one partner or of every partner
    List {
        partner: Option<String>,
        /// Unresolved ones only
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Ongoing commitment ids
    #[arg(required = true)]
    pub ids: Vec<i64>,
    #[arg(
        long,
        conflicts_with = "not_honoured",
        required_unless_present = "not_honoured"
    )]
    pub honoured: bool,
    #[arg(long)]
    pub not_honoured: bool,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub on: Option<String>,
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
}

fn err(e: StoreError) -> String {
    e.to_string()
}

pub fn touch(ctx: &Context, cmd: TouchCmd, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    match cmd {
        TouchCmd::Add {
            partner,
            summary,
            kind,
            by,
            on,
            bad_news,
        } => {
            let partner_id = store.resolve_partner(&partner).map_err(err)?;
            let new = NewTouch {
                partner_id,
                on: ctx.date(on.as_deref())?,
                kind,
                initiated_by: by,
                summary,
                bad_news,
            };
            let id = store.add_touch(&new, ctx.today).map_err(err)?;
            line(out, &format!("added touch {id}"))
        }
        TouchCmd::List {
            partner,
            since,
            json: as_json,
        } => {
            let partner_id = partner
                .map(|p| store.resolve_partner(&p))
                .transpose()
                .map_err(err)?;
            let since = since.as_deref().map(|d| ctx.date(Some(d))).transpose()?;
            let list = store.touches(partner_id, since, u32::MAX).map_err(err)?;
            if as_json {
                return json(out, &list);
            }
            if list.is_empty() {
                return line(out, "no touches");
            }
            for t in list {
                let news = if t.bad_news { " bad-news" } else { "" };
                line(
                    out,
                    &format!(
                        "{:>6}  {}  {:<8} by {:<4}{news}  {}",
                        t.id,
                        t.on,
                        t.kind.as_str(),
                        t.initiated_by.as_str(),
                        clean_line(&t.summary)
                    ),
                )?;
            }
            Ok(())
        }
    }
}

pub fn problem(ctx: &Context, cmd: ProblemCmd, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    match cmd {
        ProblemCmd::Add {
            partner,
            summary,
            severity,
            reaction,
            on,
        } => {
            let partner_id = store.resolve_partner(&partner).map_err(err)?;
            let new = NewProblem {
                partner_id,
                opened_on: ctx.date(on.as_deref())?,
                summary,
                severity: check_rating("severity", severity)?,
                reaction: check_rating("reaction", reaction)?,
            };
            let id = store.add_problem(&new, ctx.today).map_err(err)?;
            line(out, &format!("added problem {id}"))
        }
        ProblemCmd::Brave { id, on, note } => {
            store
                .brave_conversation(id, ctx.date(on.as_deref())?, &note, ctx.today)
                .map_err(err)?;
            line(out, &format!("problem {id}: brave conversation recorded"))
        }
        ProblemCmd::List {
            partner,
            open,
            json: as_json,
        } => {
            let partner_id = partner
                .map(|p| store.resolve_partner(&p))
                .transpose()
                .map_err(err)?;
            let list = store.problems(partner_id, open).map_err(err)?;
            if as_json {
                return json(out, &list);
            }
            if list.is_empty() {
                return line(out, "no problems");
            }
            for p in list {
                let state = match (p.resolved_on, p.brave_conversation_on) {
                    (Some(d), _) => format!("resolved {d}"),
                    (None, Some(d)) => format!("brave conversation {d}"),
                    (None, None) if p.is_disproportionate() => {
                        "awaiting a brave conversation".into()
                    }
                    (None, None) => "open".into(),
                };
                line(
                    out,
                    &format!(
                        "{:>6}  {}  partner {:<5}  severity {} reaction {}  {}  ({state})",
                        p.id,
                        p.opened_on,
                        p.partner_id,
                        p.severity,
                        p.reaction,
                        clean_line(&p.summary)
                    ),
                )?;
                if !p.brave_note.is_empty() {
                    line(out, &format!("        note: {}", clean_line(&p.brave_note)))?;
                }
            }
            Ok(())
        }
        ProblemCmd::Resolve { id, on } => {
            store
                .resolve_problem(id, ctx.date(on.as_deref())?, ctx.today)
                .map_err(err)?;
            line(out, &format!("problem {id} resolved"))
        }
    }
}

pub fn review(ctx: &Context, args: ReviewArgs, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let verdict = if args.honoured {
        Verdict::Honoured
    } else {
        Verdict::NotHonoured
    };
    let on = ctx.date(args.on.as_deref())?;
    // All or nothing: every id is checked before any review is written.
    let reviewed = store
        .add_reviews(&args.ids, verdict, on, &args.note, ctx.today)
        .map_err(err)?;
    for (rid, title) in reviewed {
        line(
            out,
            &format!("added review {rid}: {} {verdict}", clean_line(&title)),
        )?;
    }
    Ok(())
}

//! `pactum commitment add|keep|miss|release|redate|edit|list`.

use super::{json, line};
use crate::context::Context;
use crate::domain::text::{clean_line, pad};
use crate::domain::{Commitment, Origin, Side, Status};
use crate::store::{CommitmentFilter, NewCommitment};
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum CommitmentCmd {
    /// Add a commitment (--ours: we promised; --theirs: they promised); prints its id
    Add {
        partner: String,
        title: String,
        #[arg(long, conflicts_with = "theirs", required_unless_present = "theirs")]
        ours: bool,
        #[arg(long)]
        theirs: bool,
        #[arg(
            long,
            value_name = "DATE",
            allow_hyphen_values = true,
            conflicts_with = "ongoing"
        )]
        due: Option<String>,
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        made_on: Option<String>,
        /// A standing intention or expectation, reviewed rather than kept
        #[arg(long)]
        ongoing: bool,
        /// Made in the first meeting (part of the charter)
        #[arg(long)]
        first_meeting: bool,
        #[arg(long, value_name = "TEXT", default_value = "")]
        detail: String,
    },
    /// Mark kept
    Keep(StatusArgs),
    /// Mark missed
    Miss(StatusArgs),
    /// Release (dropped by agreement)
    Release(StatusArgs),
    /// Move an open commitment's due day, by agreement. Moved on or after the day it was due,
    /// the slip stays in the record (counted late once) and stays "not yet told" until a
    /// bad-news touch follows, e.g. `pactum touch add Acme "New date for the report" --kind
    /// update --bad-news`
    Redate {
        id: i64,
        /// The new due day (YYYY-MM-DD, today, +3d, +2w …)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        due: String,
        /// Why, or what was agreed (kept in the log)
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Change a commitment's title, detail, owner or origin (its due day: redate). Only the
    /// fields given change
    Edit {
        id: i64,
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        #[arg(long, value_name = "TEXT")]
        detail: Option<String>,
        #[arg(long, value_name = "USER")]
        owner: Option<String>,
        /// Made in the first meeting (part of the charter)
        #[arg(long, conflicts_with = "later")]
        first_meeting: bool,
        /// Made after the first meeting
        #[arg(long)]
        later: bool,
    },
    /// List commitments
    List {
        partner: Option<String>,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        side: Option<Side>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    pub id: i64,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub on: Option<String>,
}

pub fn run(ctx: &Context, cmd: CommitmentCmd, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let err = |e: crate::store::StoreError| e.to_string();
    match cmd {
        CommitmentCmd::Edit {
            id,
            title,
            detail,
            owner,
            first_meeting,
            later,
        } => {
            if title.is_none() && detail.is_none() && owner.is_none() && !first_meeting && !later {
                return Err("nothing to change: give --title, --detail, --owner, --first-meeting or --later".into());
            }
            let mut c = store.commitment(id).map_err(err)?;
            c.title = title.unwrap_or(c.title);
            c.detail = detail.unwrap_or(c.detail);
            c.owner = owner.unwrap_or(c.owner);
            if first_meeting {
                c.origin = Origin::FirstMeeting;
            } else if later {
                c.origin = Origin::Later;
            }
            store.edit_commitment(&c, ctx.today).map_err(err)?;
            line(out, &format!("changed commitment {id}"))
        }
        CommitmentCmd::Add {
            partner,
            title,
            ours: _,
            theirs,
            due,
            made_on,
            ongoing,
            first_meeting,
            detail,
        } => {
            let partner_id = store.resolve_partner(&partner).map_err(err)?;
            let new = NewCommitment {
                partner_id,
                side: if theirs { Side::Theirs } else { Side::Ours },
                title,
                detail,
                made_on: ctx.date(made_on.as_deref())?,
                due_on: due.as_deref().map(|d| ctx.date(Some(d))).transpose()?,
                ongoing,
                origin: if first_meeting {
                    Origin::FirstMeeting
                } else {
                    Origin::Later
                },
            };
            let id = store.add_commitment(&new, ctx.today).map_err(err)?;
            line(out, &format!("added commitment {id}"))
        }
        CommitmentCmd::Keep(args) => status(ctx, &mut store, args, Status::Kept, out),
        CommitmentCmd::Miss(args) => status(ctx, &mut store, args, Status::Missed, out),
        CommitmentCmd::Release(args) => status(ctx, &mut store, args, Status::Released, out),
        CommitmentCmd::Redate { id, due, note } => {
            let due = ctx.date(Some(&due))?;
            let before = store.commitment(id).map_err(err)?;
            store
                .redate_commitment(id, due, &note, ctx.today)
                .map_err(err)?;
            let after = store.commitment(id).map_err(err)?;
            let late = match after.slip {
                Some(slip) if after.slip != before.slip => format!(
                    " — late: first due {}, counted as a slip until a bad-news touch tells them",
                    slip.original_due_on
                ),
                _ => String::new(),
            };
            line(out, &format!("commitment {id} now due {due}{late}"))
        }
        CommitmentCmd::List {
            partner,
            open,
            side,
            json: as_json,
        } => {
            let partner_id = partner
                .map(|p| store.resolve_partner(&p))
                .transpose()
                .map_err(err)?;
            let list = store
                .commitments(CommitmentFilter {
                    partner_id,
                    open_only: open,
                    side,
                })
                .map_err(err)?;
            if as_json {
                return json(out, &list);
            }
            table(ctx, &list, out)
        }
    }
}

fn status(
    ctx: &Context,
    store: &mut crate::store::Store,
    args: StatusArgs,
    status: Status,
    out: &mut dyn Write,
) -> Result<(), String> {
    let on = ctx.date(args.on.as_deref())?;
    store
        .set_status(args.id, status, on, ctx.today)
        .map_err(|e| e.to_string())?;
    line(out, &format!("commitment {} {status}", args.id))
}

/// Prints commitments as a table, or a sentence when there are none.
pub fn table(ctx: &Context, list: &[Commitment], out: &mut dyn Write) -> Result<(), String> {
    if list.is_empty() {
        return line(out, "  no commitments");
    }
    for c in list {
        let when = match (c.status, c.due_on) {
            (_, _) if c.ongoing => "ongoing".to_string(),
            (Status::Open, Some(d)) if d < ctx.today => format!("{d} overdue"),
            (Status::Open, Some(d)) => format!("due {d}"),
            (Status::Open, None) => "no date".to_string(),
            (s, _) => format!(
                "{s} {}",
                c.closed_on.map(|d| d.to_string()).unwrap_or_default()
            ),
        };
        let who = match c.side {
            Side::Ours => "we",
            Side::Theirs => "they",
        };
        line(
            out,
            &format!(
                "{:>6}  {:<4}  {}  {}",
                c.id,
                who,
                pad(&when, 20),
                clean_line(&c.title)
            ),
        )?;
    }
    Ok(())
}

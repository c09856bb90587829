//! `pactum commitment add|keep|miss|release|redate|edit|list`.

use super::{json, line};
use crate::cli::{CommitmentCmd, Context, StatusArgs};
use crate::domain::text::{clean_line, pad};
use crate::domain::{Commitment, Origin, Side, Status};
use crate::store::{CommitmentFilter, NewCommitment};
use std::io::Write;

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

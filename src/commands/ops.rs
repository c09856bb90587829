//! Looking after the book: `pactum backup|restore|doctor|log`.

use super::{json, line};
use crate::context::Context;
use crate::domain::text::{clean_line, pad};
use crate::paths;
use crate::store::{Check, Copied, Store, check_files};
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// The book-care commands, flattened into the top level of the command line.
#[derive(Debug, Subcommand)]
pub enum OpsCmd {
    /// Copy the whole book to FILE (consistent even while others write; 0600, verified)
    Backup {
        file: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Replace the book with the backup FILE (verified first; the current book is kept aside)
    Restore { file: PathBuf },
    /// Check the book: integrity, foreign keys, journal mode, schema, permissions, filesystem
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Who changed what, newest first (all, or one partner's)
    Log {
        partner: Option<String>,
        /// How many events
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: OpsCmd, out: &mut dyn Write) -> Result<(), String> {
    match cmd {
        OpsCmd::Backup { file, force } => {
            let store = ctx.open()?;
            let copied = store.backup_to(&file, force).map_err(|e| e.to_string())?;
            line(
                out,
                &format!(
                    "backed up {} to {} (integrity ok)",
                    counts(&copied),
                    shown(&file)
                ),
            )
        }
        OpsCmd::Restore { file } => {
            // A damaged book is opened too: restoring a backup is the way out of damage.
            let mut store =
                Store::open_to_restore(&ctx.db, &paths::os_user()).map_err(|e| e.to_string())?;
            let copied = store.restore_from(&file).map_err(|e| e.to_string())?;
            let previous = copied.previous.as_ref().map_or(String::new(), |p| {
                format!("; the book as it was is in {}", shown(p))
            });
            line(
                out,
                &format!(
                    "restored {} from {}{previous}",
                    counts(&copied),
                    shown(&file)
                ),
            )
        }
        OpsCmd::Doctor { json: as_json } => doctor(ctx, as_json, out),
        OpsCmd::Log {
            partner,
            limit,
            json: as_json,
        } => {
            let store = ctx.open()?;
            let events = match partner {
                Some(name) => {
                    let id = store.resolve_partner(&name).map_err(|e| e.to_string())?;
                    store.partner_events(id, limit)
                }
                None => store.events(limit),
            }
            .map_err(|e| e.to_string())?;
            if as_json {
                return json(out, &events);
            }
            if events.is_empty() && limit == 0 {
                return Ok(());
            }
            if events.is_empty() {
                return line(out, "no changes recorded yet");
            }
            for e in events {
                line(
                    out,
                    &format!(
                        "{}  {}  {}{}",
                        e.at,
                        pad(&clean_line(&e.who), 12),
                        clean_line(&e.summary),
                        if e.undone { " (undone)" } else { "" }
                    ),
                )?;
            }
            Ok(())
        }
    }
}

/// A path as plain output shows it: cleaned like any text that came from a user.
fn shown(path: &std::path::Path) -> String {
    clean_line(&path.display().to_string())
}

fn counts(c: &Copied) -> String {
    let plural = |n: i64, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} and {} (schema {}, {} KiB)",
        plural(c.partners, "partner"),
        plural(c.events, "event"),
        c.schema_version,
        c.bytes.div_ceil(1024)
    )
}

#[derive(Serialize)]
struct Report {
    book: PathBuf,
    ok: bool,
    checks: Vec<Check>,
}

/// Prints every check, then fails (exit 1) when any found a problem.
fn doctor(ctx: &Context, as_json: bool, out: &mut dyn Write) -> Result<(), String> {
    let mut checks = check_files(&ctx.db);
    if std::fs::symlink_metadata(&ctx.db).is_err() {
        // Before the first start (a team directory just set up): whether a book can be made.
        checks.push(match Store::may_create(&ctx.db) {
            Ok(()) => Check {
                name: "new book".into(),
                ok: true,
                detail: "pactum creates the book here on first start".into(),
                fix: None,
            },
            Err(e) => Check {
                name: "new book".into(),
                ok: false,
                detail: e.to_string(),
                fix: Some("name a book in a directory of your own with --db".into()),
            },
        });
    } else {
        // Opened even when damaged, so that the checks below say where.
        match Store::open_to_restore(&ctx.db, &paths::os_user()) {
            Ok(store) => checks.extend(store.check_book()),
            Err(e) => checks.push(Check {
                name: "open".into(),
                ok: false,
                detail: e.to_string(),
                fix: Some("see the message: the book was not opened".into()),
            }),
        }
    }
    let problems = checks.iter().filter(|c| !c.ok).count();
    if as_json {
        json(
            out,
            &Report {
                book: ctx.db.clone(),
                ok: problems == 0,
                checks,
            },
        )?;
    } else {
        line(out, &format!("book {}", shown(&ctx.db)))?;
        for c in &checks {
            let mark = if c.ok { "ok     " } else { "PROBLEM" };
            line(
                out,
                &format!("{mark}  {}  {}", pad(&c.name, 12), clean_line(&c.detail)),
            )?;
            if let Some(fix) = &c.fix {
                line(out, &format!("{:22}fix: {}", "", clean_line(fix)))?;
            }
        }
    }
    match problems {
        0 => Ok(()),
        1 => Err("doctor found 1 problem (the fix is above)".into()),
        n => Err(format!("doctor found {n} problems (the fixes are above)")),
    }
}

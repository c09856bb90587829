//! `pactum update` and `pactum plan`: the letters to a partner, drafted from the book. pactum
//! sends nothing itself: the text goes to standard output or a file, for the user to send.

use super::line;
use crate::context::Context;
use crate::domain::text::{clean_block, clean_line};
use crate::exchange::plan::{html, markdown};
use crate::runtime::letters;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    pub partner: String,
    /// Write the draft to this file (private, replaced whole) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also record it as an update touch sent today (bad news when it tells of a slip or a problem)
    #[arg(long)]
    pub log: bool,
}

/// The formats of `pactum plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// Markdown, for mail and chat
    Md,
    /// One self-contained HTML page, to open in a browser or print
    Html,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    pub partner: String,
    #[arg(long, value_enum, default_value = "md")]
    pub format: PlanFormat,
    /// Write the plan to this file (private, replaced whole) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn err(e: crate::store::StoreError) -> String {
    e.to_string()
}

/// Writes `text` whole to `path` (0600, staged beside it), or to `out`: exact into a pipe,
/// cleaned for a terminal.
fn deliver(path: Option<&Path>, text: &str, out: &mut dyn Write) -> Result<(), String> {
    match path {
        Some(path) => crate::files::write_whole(path, text.as_bytes(), 0o600)
            .map_err(|e| format!("{}: {e}", clean_line(&path.display().to_string()))),
        None if std::io::stdout().is_terminal() => {
            line(out, clean_block(text).trim_end_matches('\n'))
        }
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| format!("writing output: {e}")),
    }
}

pub fn update(ctx: &Context, args: UpdateArgs, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let id = store.resolve_partner(&args.partner).map_err(err)?;
    let draft = letters::update_draft(&store, ctx.today, &ctx.config.wording, id).map_err(err)?;
    deliver(args.out.as_deref(), &draft.text, out)?;
    if let Some(path) = &args.out {
        line(
            out,
            &format!("wrote {}", clean_line(&path.display().to_string())),
        )?;
    }
    if args.log {
        let (touch, text) = letters::update_touch(&draft, &draft.text, ctx.today);
        let touch_id = store
            .add_touch_with_text(&touch, &text, ctx.today)
            .map_err(err)?;
        let said = if touch.bad_news {
            "logged update {id} (bad news: it tells them what slipped or went wrong)"
        } else {
            "logged update {id}"
        };
        // On stderr when the draft went to standard output, so a pipe carries the draft only.
        let note = said.replace("{id}", &touch_id.to_string());
        if args.out.is_some() {
            line(out, &note)?;
        } else {
            let _ = writeln!(std::io::stderr(), "{note}");
        }
    }
    Ok(())
}

pub fn plan(ctx: &Context, args: PlanArgs, out: &mut dyn Write) -> Result<(), String> {
    let store = ctx.open()?;
    let id = store.resolve_partner(&args.partner).map_err(err)?;
    let plan = letters::plan(&store, ctx.today, &ctx.config.wording, id).map_err(err)?;
    let text = match args.format {
        PlanFormat::Md => markdown(&plan),
        PlanFormat::Html => html(&plan),
    };
    deliver(args.out.as_deref(), &text, out)?;
    if let Some(path) = &args.out {
        line(
            out,
            &format!("wrote {}", clean_line(&path.display().to_string())),
        )?;
    }
    Ok(())
}

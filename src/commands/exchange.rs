//! `pactum export`, `pactum import` and `pactum ics`: files in and out of the book.

use super::line;
use crate::context::Context;
use crate::domain::text::{clean_block, clean_line};
use crate::exchange::csv::Table;
use crate::exchange::{self, Defaults, FileKind, ImportError, ImportReport, ics, json};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The formats of `pactum export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole book as a `pactum/1` document (imports back)
    Json,
    /// One table (`--table`) for a spreadsheet
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (the whole book) or csv (one table) [default: json, or csv with --table]
    #[arg(long)]
    pub format: Option<ExportFormat>,
    /// The CSV table: partners (with contacts), commitments or touches
    #[arg(long)]
    pub table: Option<Table>,
    /// Write to FILE (created private, 0600) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include the event log (JSON only; kept for the record, not imported back)
    #[arg(long)]
    pub events: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .json export, a .csv table (partners, commitments or touches) or a .vcf address book
    pub file: PathBuf,
    /// Print what would be added, matched and skipped; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse a file larger than this many megabytes
    #[arg(long, value_name = "MB", env = "PACTUM_IMPORT_MAX_MB", default_value_t = 256,
          value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_size: u64,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Records below this many are imported without a progress bar.
const PROGRESS_FROM: u64 = 1000;

pub fn export(ctx: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<(), String> {
    let format = args.format.unwrap_or(if args.table.is_some() {
        ExportFormat::Csv
    } else {
        ExportFormat::Json
    });
    let store = ctx.open()?;
    let text = match format {
        ExportFormat::Json => {
            if args.table.is_some() {
                return Err(
                    "--table picks a CSV table; the JSON export holds the whole book".into(),
                );
            }
            let mut book = store.export_book(args.events).map_err(|e| e.to_string())?;
            book.exported_at =
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            json::to_json(&book)
        }
        ExportFormat::Csv => {
            if args.events {
                return Err("--events is for the JSON export".into());
            }
            let table = args.table.ok_or(
                "a CSV file holds one table: add --table partners, --table commitments or --table touches",
            )?;
            let book = store.export_book(false).map_err(|e| e.to_string())?;
            exchange::csv::export(&book, table, &mut || {})
        }
    };
    deliver(args.out.as_deref(), &text, format == ExportFormat::Csv, out)
}

pub fn ics(ctx: &Context, args: IcsArgs, out: &mut dyn Write) -> Result<(), String> {
    let store = ctx.open()?;
    let (items, updates) = store.calendar_feed().map_err(|e| e.to_string())?;
    let feed = ics::Feed {
        book_id: store.book_id().map_err(|e| e.to_string())?,
        alarm_before: ctx.config.alarm_before,
    };
    let text = ics::calendar(&feed, &items, &updates, ctx.today, chrono::Utc::now());
    deliver(args.out.as_deref(), &text, false, out)
}

/// Writes to the file (private, replaced whole) or to standard output. Text for a terminal is
/// sanitised; into a pipe it is exact.
fn deliver(
    to: Option<&Path>,
    text: &str,
    raw_cells: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    match to {
        Some(path) => write_private(path, text),
        None if raw_cells && std::io::stdout().is_terminal() => {
            line(out, clean_block(text).trim_end_matches('\n'))
        }
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| format!("writing output: {e}")),
    }
}

/// The file is replaced whole, private (0600), through a temporary file nobody else can reach.
fn write_private(path: &Path, text: &str) -> Result<(), String> {
    crate::files::write_whole(path, text.as_bytes(), 0o600)
        .map_err(|e| format!("{}: {e}", clean_line(&path.display().to_string())))
}

pub fn import(ctx: &Context, args: ImportArgs, out: &mut dyn Write) -> Result<(), String> {
    let name = args.file.display().to_string();
    let refused = |e: ImportError| format!("{}; nothing was imported", e.in_file(&name));
    let bytes = crate::files::read_bounded(&args.file, args.max_size * crate::files::MB)
        .map_err(|e| match e {
            crate::files::ReadRefused::TooLarge(_) => format!(
                "{name}: {e} (--max-size or PACTUM_IMPORT_MAX_MB raises the limit); nothing was imported"
            ),
            e => format!("{name}: {e}; nothing was imported"),
        })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let at = good.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        refused(ImportError::line(at, "", "the text is not UTF-8"))
    })?;
    let mut store = ctx.open()?;
    let defaults = Defaults {
        today: ctx.today,
        owner: store.user().to_string(),
    };
    let (book, notes, skipped_cards) = match FileKind::detect(&args.file, &text) {
        Some(FileKind::Json) => (
            json::from_json(&text, ctx.today).map_err(refused)?,
            Vec::new(),
            0,
        ),
        Some(FileKind::Csv) => {
            let (book, notes) = exchange::csv::import(&text, &defaults).map_err(refused)?;
            (book, notes, 0)
        }
        Some(FileKind::VCard) => {
            let cards = exchange::vcard::parse(&text).map_err(refused)?;
            exchange::vcard::to_book(&cards, &defaults).map_err(refused)?
        }
        None => {
            return Err(format!(
                "{name}: not a file pactum imports (use a .json export, a .csv table or a .vcf address book)"
            ));
        }
    };
    let total: u64 = book
        .partners
        .iter()
        .map(|p| {
            1 + (p.contacts.len() + p.commitments.len() + p.touches.len() + p.problems.len()) as u64
        })
        .sum();
    let bar = progress_bar(total);
    let mut report = store
        .import_book(&book, &name, args.dry_run, &mut |n| bar.inc(n))
        .map_err(|e| format!("{e}; nothing was imported"))?;
    bar.finish_and_clear();
    report.contacts.skipped += skipped_cards;
    report.notes.extend(notes);
    print_report(&report, out)
}

/// A bar on standard error for large imports, and only when it is a terminal.
fn progress_bar(total: u64) -> ProgressBar {
    if total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("importing {bar:40} {pos}/{len} records {eta}")
    {
        bar.set_style(style);
    }
    bar
}

fn print_report(report: &ImportReport, out: &mut dyn Write) -> Result<(), String> {
    for text in report.to_string().lines() {
        line(out, &clean_line(text))?;
    }
    Ok(())
}

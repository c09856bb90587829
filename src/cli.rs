//! The command line (every command is in the README's "Command line"): parsing, global options, and dispatch.

use crate::commands;
use crate::config::Config;
use crate::context::Context;
use crate::domain::parse_date;
use crate::paths;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// pactum — the partnership book: commitments both ways, and the health of each relationship.
#[derive(Debug, Parser)]
#[command(name = "pactum", version, about, long_about = None)]
pub struct Cli {
    /// The book to open [default: $XDG_DATA_HOME/pactum/pactum.db]
    #[arg(long, global = true, env = "PACTUM_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Pin today's date (YYYY-MM-DD, today, +3d, -2w …)
    #[arg(
        long,
        global = true,
        env = "PACTUM_TODAY",
        value_name = "DATE",
        allow_hyphen_values = true
    )]
    pub today: Option<String>,
    /// Config file [default: $XDG_CONFIG_HOME/pactum/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Partners: add, list, show, end
    #[command(subcommand)]
    Partner(commands::partner::PartnerCmd),
    /// Commitments both ways: add, keep, miss, release, redate, edit, list
    #[command(subcommand)]
    Commitment(commands::commitment::CommitmentCmd),
    /// Contacts, the key people at a partner: add, edit, remove, list
    #[command(subcommand)]
    Contact(commands::contact::ContactCmd),
    /// Touches (calls, meetings, updates …): add, list
    #[command(subcommand)]
    Touch(commands::records::TouchCmd),
    /// Problems: add, brave (the brave conversation), resolve, list
    #[command(subcommand)]
    Problem(commands::records::ProblemCmd),
    /// Review ongoing commitments: honoured or not honoured
    Review(commands::records::ReviewArgs),
    /// The daily agenda: overdue and due both ways, updates owed, partnerships slipping
    Today {
        #[arg(long)]
        json: bool,
        /// Print nothing when nothing needs doing (for cron: mail only when there is something)
        #[arg(long)]
        if_any: bool,
    },
    /// The pre-call brief of one partner
    Brief {
        partner: String,
        #[arg(long)]
        json: bool,
    },
    /// Health of each partnership: verdict, score, signals (all not ended, or one)
    Health {
        partner: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Draft the update owed to a partner from the book: what slipped first, what we did, what
    /// is next from us, what we need from them, open problems
    Update(commands::letters::UpdateArgs),
    /// The partnership's plan to share with them: outcome, charter, both sides' open promises
    Plan(commands::letters::PlanArgs),
    /// Load the demo book (dates relative to today)
    Demo {
        /// Load even into a book that has partners (demo partners of the same name are replaced)
        #[arg(long)]
        force: bool,
    },
    /// Fill an empty book with a synthetic one (for benchmarks); the same seed gives the same book
    Gen {
        #[arg(long, default_value_t = 10_000)]
        partners: u64,
        #[arg(long, default_value_t = 100_000)]
        commitments: u64,
        #[arg(long, default_value_t = 1_000_000)]
        touches: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Delete every partner already in the book first
        #[arg(long)]
        force: bool,
    },
    /// Print a screen as plain text
    Render {
        /// Terminal size, WIDTHxHEIGHT
        #[arg(long, default_value = "100x30")]
        size: String,
        /// dashboard[:NAME], today, brief:NAME, timeline:NAME, explain:NAME or review[:NAME]
        #[arg(long, default_value = "dashboard")]
        view: String,
    },
    /// Export the book: the whole of it as JSON, or one CSV table
    Export(commands::exchange::ExportArgs),
    /// Import a JSON export, a CSV table or a vCard address book (merges; never duplicates)
    Import(commands::exchange::ImportArgs),
    /// Write a calendar (RFC 5545) of due commitments and updates
    Ics(commands::exchange::IcsArgs),
    /// Book care: backup, restore, doctor, log (flattened: `pactum backup FILE` …)
    #[command(flatten)]
    Ops(commands::OpsCmd),
    /// Print the config file's path, the book's path and the settings in force, as a config file
    Config,
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

/// Writes one line to stderr. A stderr that is gone (a closed terminal, a reader that left)
/// is no reason to panic: the exit code still says what happened.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Entry point of the binary: parse, run, and turn failures into one line and an exit code.
pub fn main() -> ExitCode {
    install_hooks();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // A usage error quotes the arguments: each line is cleaned like any other output.
            let text = e.to_string();
            for l in text.trim_end().lines() {
                say(&crate::domain::text::clean_line(l));
            }
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            // Reasons can quote names from the book: cleaned like any other output, and on one
            // line (a reason from a library may span several).
            say(&format!(
                "pactum: {}",
                crate::domain::text::clean_line(reason.trim())
            ));
            ExitCode::FAILURE
        }
    }
}

/// color-eyre reports panics (and any eyre report); the terminal is given back first, so a
/// panic in the dashboard leaves a readable report and a usable shell.
fn install_hooks() {
    let (panic_hook, eyre_hook) = color_eyre::config::HookBuilder::default().into_hooks();
    // Installed once, here; a second install is the only failure, and changes nothing.
    let _ = eyre_hook.install();
    let report = panic_hook.into_panic_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::tui::restore_after_panic();
        report(info);
    }));
}

fn context(cli: &Cli) -> Result<Context, String> {
    let real_today = chrono::Local::now().date_naive();
    let today = match &cli.today {
        Some(t) => parse_date(t, real_today).map_err(|e| format!("--today: {e}"))?,
        None => real_today,
    };
    let config = Config::load(cli.config.as_deref(), &paths::default_config())?;
    // A book named with --db (or PACTUM_DB) is created if missing, with its own directory
    // (private), but not a chain of them: a mistyped path would otherwise leave a new empty
    // book and directories behind.
    if let Some(db) = &cli.db
        && let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty())
        && let Some(above) = dir.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
        && !above.is_dir()
    {
        return Err(format!(
            "{}: no such directory (pactum creates a book's own directory, not the ones above it; check the path)",
            above.display()
        ));
    }
    let db = cli.db.clone().unwrap_or_else(paths::default_book);
    Ok(Context { today, config, db })
}

/// Runs a parsed command line. A reader that went away before the output was all written
/// (`pactum export | head -1`) is not a failure for a Unix tool: the run counts as done.
pub fn run(cli: Cli) -> Result<(), String> {
    let ctx = context(&cli)?;
    // One buffer for the whole output: a line-buffered stdout makes a system call per line.
    let mut out =
        std::io::BufWriter::with_capacity(1 << 16, Watched::new(std::io::stdout().lock()));
    let result = match cli.command {
        None => crate::tui::dumb_term::check_here().and_then(|()| crate::tui::run(&ctx)),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generated whole first: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "pactum", &mut script);
            out.write_all(&script)
                .map_err(|e| format!("writing output: {e}"))
        }
        Some(command) => dispatch(&ctx, command, &mut out),
    };
    let flushed = std::io::Write::flush(&mut out);
    if out.get_ref().reader_left {
        return Ok(());
    }
    match flushed {
        Err(e) if result.is_ok() => Err(format!("writing output: {e}")),
        _ => result,
    }
}

/// Standard output that notices when its reader has gone (a closed pipe): the command then
/// fails on its next write, as any write error ends it, and [`run`] knows it was no failure.
struct Watched<W: Write> {
    inner: W,
    reader_left: bool,
}

impl<W: Write> Watched<W> {
    fn new(inner: W) -> Watched<W> {
        Watched {
            inner,
            reader_left: false,
        }
    }

    fn watch<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            self.reader_left = true;
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// Runs one subcommand, writing its output to `out`.
pub fn dispatch(ctx: &Context, command: Command, out: &mut dyn Write) -> Result<(), String> {
    match command {
        Command::Partner(cmd) => commands::partner::run(ctx, cmd, out),
        Command::Commitment(cmd) => commands::commitment::run(ctx, cmd, out),
        Command::Contact(cmd) => commands::contact::run(ctx, cmd, out),
        Command::Touch(cmd) => commands::records::touch(ctx, cmd, out),
        Command::Problem(cmd) => commands::records::problem(ctx, cmd, out),
        Command::Review(args) => commands::records::review(ctx, args, out),
        Command::Demo { force } => commands::demo::run(ctx, force, out),
        Command::Gen {
            partners,
            commitments,
            touches,
            seed,
            force,
        } => {
            let spec = crate::store::GenSpec {
                partners,
                commitments,
                touches,
                seed,
            };
            commands::generate::run(ctx, spec, force, out)
        }
        Command::Health { partner, json } => commands::health::run(ctx, partner, json, out),
        Command::Config => {
            writeln!(out, "{}", ctx.config.to_toml(&ctx.db)?.trim_end()).map_err(|e| e.to_string())
        }
        Command::Today { json, if_any } => commands::reading::today(ctx, json, if_any, out),
        Command::Brief { partner, json } => commands::reading::brief(ctx, &partner, json, out),
        Command::Update(args) => commands::letters::update(ctx, args, out),
        Command::Plan(args) => commands::letters::plan(ctx, args, out),
        Command::Render { size, view } => commands::render::run(ctx, &size, &view, out),
        Command::Export(args) => commands::exchange::export(ctx, args, out),
        Command::Import(args) => commands::exchange::import(ctx, args, out),
        Command::Ics(args) => commands::exchange::ics(ctx, args, out),
        Command::Ops(cmd) => commands::ops::run(ctx, cmd, out),
        Command::Completions { .. } => Ok(()),
    }
}

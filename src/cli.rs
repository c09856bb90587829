//! The command line (every command is in the README's "Command line"): parsing, global options, and dispatch.

use crate::commands;
use crate::config::Config;
use crate::domain::{Initiator, Side, Stage, TouchKind, parse_date};
use crate::paths;
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
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
    Partner(PartnerCmd),
    /// Commitments both ways: add, keep, miss, release, redate, edit, list
    #[command(subcommand)]
    Commitment(CommitmentCmd),
    /// Contacts, the key people at a partner: add, edit, remove, list
    #[command(subcommand)]
    Contact(commands::contact::ContactCmd),
    /// Touches (calls, meetings, updates …): add, list
    #[command(subcommand)]
    Touch(TouchCmd),
    /// Problems: add, brave (the brave conversation), resolve, list
    #[command(subcommand)]
    Problem(ProblemCmd),
    /// Review ongoing commitments: honoured or not honoured
    Review(ReviewArgs),
    /// The daily agenda: overdue and due both ways, updates owed, partnerships slipping
    Today {
        #[arg(long)]
        json: bool,
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
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

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

/// What every command needs: the day and the settings.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: NaiveDate,
    pub config: Config,
    pub db: PathBuf,
}

impl Context {
    /// Parses an optional date argument, defaulting to today.
    pub fn date(&self, arg: Option<&str>) -> Result<NaiveDate, String> {
        arg.map_or(Ok(self.today), |a| parse_date(a, self.today))
    }

    /// Opens the book for this run.
    pub fn open(&self) -> Result<Store, String> {
        let store = Store::open(&self.db, &paths::os_user()).map_err(|e| e.to_string())?;
        for warning in store.warnings() {
            say(&format!("pactum: {warning}"));
        }
        Ok(store)
    }
}

/// Writes one line to stderr. A stderr that is gone (a closed terminal, a reader that left)
/// is no reason to panic: the exit code still says what happened.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Entry point of the binary: parse, run, and turn failures into one line and an exit code.
pub fn main() -> ExitCode {
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
        None => crate::tui::run(&ctx),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generated whole first: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "pactum", &mut script);
            out.write_all(&script)
                .map_err(|e| format!("writing output: {e}"))
        }
        Some(command) => commands::run(&ctx, command, &mut out),
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

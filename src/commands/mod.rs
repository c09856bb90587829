//! The non-interactive subcommands. Each prints text (sanitised) or `--json` (exact text).

mod commitment;
pub mod contact;
mod demo;
pub mod exchange;
mod generate;
mod health;
pub mod letters;
mod ops;
mod partner;
mod reading;
mod records;
pub mod render;

use crate::cli::{Command, Context};
pub use ops::OpsCmd;
use serde::Serialize;
use std::io::Write;

/// Runs one subcommand, writing its output to `out`.
pub fn run(ctx: &Context, command: Command, out: &mut dyn Write) -> Result<(), String> {
    match command {
        Command::Partner(cmd) => partner::run(ctx, cmd, out),
        Command::Commitment(cmd) => commitment::run(ctx, cmd, out),
        Command::Contact(cmd) => contact::run(ctx, cmd, out),
        Command::Touch(cmd) => records::touch(ctx, cmd, out),
        Command::Problem(cmd) => records::problem(ctx, cmd, out),
        Command::Review(args) => records::review(ctx, args, out),
        Command::Demo { force } => demo::run(ctx, force, out),
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
            generate::run(ctx, spec, force, out)
        }
        Command::Health { partner, json } => health::run(ctx, partner, json, out),
        Command::Today { json } => reading::today(ctx, json, out),
        Command::Brief { partner, json } => reading::brief(ctx, &partner, json, out),
        Command::Update(args) => letters::update(ctx, args, out),
        Command::Plan(args) => letters::plan(ctx, args, out),
        Command::Render { size, view } => render::run(ctx, &size, &view, out),
        Command::Export(args) => exchange::export(ctx, args, out),
        Command::Import(args) => exchange::import(ctx, args, out),
        Command::Ics(args) => exchange::ics(ctx, args, out),
        Command::Ops(cmd) => ops::run(ctx, cmd, out),
        Command::Completions { .. } => Ok(()),
    }
}

/// Writes `value` as pretty JSON and a newline.
fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), String> {
    let text =
        crate::exchange::json_text::pretty(value).map_err(|e| format!("writing JSON: {e}"))?;
    line(out, &text)
}

/// Writes one line of output. A reader that went away (`pactum today | head`) fails the
/// write; the command line takes that as a quiet end, not an error.
fn line(out: &mut dyn Write, text: &str) -> Result<(), String> {
    writeln!(out, "{text}").map_err(|e| format!("writing output: {e}"))
}

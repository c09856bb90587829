//! The non-interactive subcommands. Each prints text (sanitised) or `--json` (exact text).

pub mod commitment;
pub mod contact;
pub mod demo;
pub mod exchange;
pub mod generate;
pub mod health;
pub mod letters;
pub mod ops;
pub mod partner;
pub mod reading;
pub mod records;
pub mod render;

pub use ops::OpsCmd;
use serde::Serialize;
use std::io::Write;

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

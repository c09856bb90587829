//! `pactum today` and `pactum brief`: the same documents as the screens, as plain text or JSON.

use super::json;
use crate::app::views;
use crate::context::Context;
use crate::runtime;
use std::io::Write;

fn err(e: crate::store::StoreError) -> String {
    e.to_string()
}

fn print(out: &mut dyn Write, text: &str) -> Result<(), String> {
    out.write_all(text.as_bytes())
        .map_err(|e| format!("writing output: {e}"))
}

/// The agenda; with `if_any`, nothing at all when it has no line to act on.
pub fn today(
    ctx: &Context,
    as_json: bool,
    if_any: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let mut store = ctx.open()?;
    let agenda = runtime::agenda(&mut store, ctx.today, &ctx.config.rules, None).map_err(err)?;
    if if_any && agenda.is_empty() {
        return Ok(());
    }
    if as_json {
        return json(out, &agenda);
    }
    print(out, &views::today(&agenda).plain())
}

pub fn brief(
    ctx: &Context,
    partner: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let mut store = ctx.open()?;
    let id = store.resolve_partner(partner).map_err(err)?;
    let brief = runtime::brief(&mut store, ctx.today, &ctx.config.rules, id).map_err(err)?;
    if as_json {
        return json(out, &brief);
    }
    print(out, &views::brief(&brief, ctx.today).plain())
}

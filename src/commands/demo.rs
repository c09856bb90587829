//! `pactum demo [--force]`.

use super::line;
use crate::context::Context;
use crate::store::DemoBook;
use std::io::Write;

pub fn run(ctx: &Context, force: bool, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let existing = store.partner_count().map_err(|e| e.to_string())?;
    if existing > 0 && !force {
        return Err(format!(
            "the book already has {}; use --force to load the demo beside them (demo partners of the same name are replaced)",
            crate::domain::text::counted(existing, "partner", "partners")
        ));
    }
    let book = DemoBook::shipped().map_err(|e| e.to_string())?;
    let n = store
        .load_demo(&book, ctx.today)
        .map_err(|e| e.to_string())?;
    line(
        out,
        &format!(
            "loaded the demo book: {n} partners, dated around {}",
            ctx.today
        ),
    )
}

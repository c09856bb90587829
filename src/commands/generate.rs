//! `pactum gen`: a synthetic book of a given size, the same for the same seed.

use super::line;
use crate::context::Context;
use crate::store::GenSpec;
use std::io::Write;
use std::time::Instant;

pub fn run(ctx: &Context, spec: GenSpec, force: bool, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let existing = store.partner_count().map_err(|e| e.to_string())?;
    if existing > 0 && !force {
        return Err(format!(
            "the book already has {}; gen fills an empty book (use --force to delete them all and generate in their place)",
            crate::domain::text::counted(existing, "partner", "partners")
        ));
    }
    let started = Instant::now();
    let counts = store
        .generate(spec, ctx.today, force)
        .map_err(|e| e.to_string())?;
    line(
        out,
        &format!(
            "generated {} partners, {} commitments ({} reviews), {} touches, {} problems, {} contacts around {} (seed {}) in {:.1} s",
            counts.partners,
            counts.commitments,
            counts.reviews,
            counts.touches,
            counts.problems,
            counts.contacts,
            ctx.today,
            spec.seed,
            started.elapsed().as_secs_f64()
        ),
    )
}

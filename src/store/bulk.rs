//! Bulk writes (import, gen) in one transaction: the triggers that would fire once per inserted
//! row are set aside for the transaction and their work is done once, for the whole set, at the
//! end. Row by row they also make SQLite journal every statement (a trigger makes each insert a
//! multi-row write), which costs more than the inserts themselves on a big book.

use rusqlite::Transaction;

/// The per-row insert triggers: dashboard lines (and `/` haystacks) of the partner dropped, a
/// review's day put on its commitment.
const INSERT_TRIGGERS: &str =
    "'partner_summary_commitment_insert', 'partner_summary_review_insert',
     'partner_summary_touch_insert', 'partner_summary_problem_insert',
     'partner_summary_tag_insert', 'partner_summary_contact_insert',
     'commitment_last_review_insert'";

/// The insert triggers as stored, dropped until [`SetAside::restore`] (a rollback restores
/// them too: DDL is part of the transaction).
pub(super) struct SetAside {
    stored: Vec<String>,
    /// The last review before the bulk write: reviews after it were added by it.
    reviews_before: i64,
}

impl SetAside {
    pub(super) fn take(tx: &Transaction<'_>) -> rusqlite::Result<SetAside> {
        let triggers: Vec<(String, String)> = tx
            .prepare(&format!(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'trigger' AND name IN ({INSERT_TRIGGERS})"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut stored = Vec::new();
        for (name, sql) in triggers {
            // The names are our own constants read back from the schema, not input.
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
            stored.push(sql);
        }
        let reviews_before =
            tx.query_row("SELECT coalesce(max(id), 0) FROM review", [], |r| r.get(0))?;
        Ok(SetAside {
            stored,
            reviews_before,
        })
    }

    /// Does the triggers' work for everything written since [`SetAside::take`] — the lines of
    /// `partners` dropped, the last review day of each newly reviewed commitment — and puts
    /// the triggers back.
    pub(super) fn restore(self, tx: &Transaction<'_>, partners: &[i64]) -> rusqlite::Result<()> {
        let mut drop_line = tx.prepare("DELETE FROM partner_summary WHERE partner_id = ?1")?;
        for id in partners {
            drop_line.execute([id])?;
        }
        tx.execute(
            "UPDATE commitment SET last_review_on =
               (SELECT max(on_day) FROM review r WHERE r.commitment_id = commitment.id)
             WHERE id IN (SELECT commitment_id FROM review WHERE id > ?1)",
            [self.reviews_before],
        )?;
        for sql in &self.stored {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

//! The book's schema, one migration per `user_version`. Append only: never edit a shipped step.

/// Each entry moves the book from `user_version = index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: every entity of the book: partners, contacts, commitments, reviews, touches, problems.
    "
    CREATE TABLE partner (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
        stage             TEXT NOT NULL DEFAULT 'prospect'
                          CHECK (stage IN ('prospect', 'engaged', 'signed', 'ended')),
        signed_on         TEXT,
        desired_outcome   TEXT NOT NULL DEFAULT '',
        their_goals       TEXT NOT NULL DEFAULT '',
        their_constraints TEXT NOT NULL DEFAULT '',
        update_every_days INTEGER NOT NULL DEFAULT 14 CHECK (update_every_days BETWEEN 1 AND 365),
        owner             TEXT NOT NULL DEFAULT '',
        ended_on          TEXT,
        end_reason        TEXT NOT NULL DEFAULT '',
        created_on        TEXT NOT NULL,
        version           INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE tag (
        partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        tag        TEXT NOT NULL CHECK (length(tag) > 0),
        PRIMARY KEY (partner_id, tag)
    ) STRICT;

    CREATE TABLE contact (
        id         INTEGER PRIMARY KEY,
        partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role       TEXT NOT NULL DEFAULT '',
        email      TEXT NOT NULL DEFAULT '',
        phone      TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        version    INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX contact_partner ON contact(partner_id);

    CREATE TABLE commitment (
        id         INTEGER PRIMARY KEY,
        partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        side       TEXT NOT NULL CHECK (side IN ('ours', 'theirs')),
        title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
        detail     TEXT NOT NULL DEFAULT '',
        made_on    TEXT NOT NULL,
        due_on     TEXT,
        ongoing    INTEGER NOT NULL DEFAULT 0 CHECK (ongoing IN (0, 1)),
        origin     TEXT NOT NULL DEFAULT 'later' CHECK (origin IN ('first-meeting', 'later')),
        status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'missed', 'released')),
        closed_on  TEXT,
        owner      TEXT NOT NULL DEFAULT '',
        version    INTEGER NOT NULL DEFAULT 1,
        CHECK (ongoing = 0 OR due_on IS NULL),
        CHECK ((status = 'open') = (closed_on IS NULL))
    ) STRICT;
    CREATE INDEX commitment_partner ON commitment(partner_id, status, side, due_on);
    CREATE INDEX commitment_due ON commitment(status, due_on);

    CREATE TABLE review (
        id            INTEGER PRIMARY KEY,
        commitment_id INTEGER NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        on_day        TEXT NOT NULL,
        verdict       TEXT NOT NULL CHECK (verdict IN ('honoured', 'not-honoured')),
        note          TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX review_commitment ON review(commitment_id, on_day);

    CREATE TABLE touch (
        id           INTEGER PRIMARY KEY,
        partner_id   INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        on_day       TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'message', 'update', 'care', 'other')),
        initiated_by TEXT NOT NULL CHECK (initiated_by IN ('us', 'them')),
        summary      TEXT NOT NULL CHECK (length(trim(summary)) > 0),
        bad_news     INTEGER NOT NULL DEFAULT 0 CHECK (bad_news IN (0, 1)),
        version      INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX touch_partner ON touch(partner_id, on_day);
    CREATE INDEX touch_partner_kind ON touch(partner_id, kind, on_day);
    CREATE INDEX touch_partner_by ON touch(partner_id, initiated_by, on_day);

    CREATE TABLE problem (
        id                    INTEGER PRIMARY KEY,
        partner_id            INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        opened_on             TEXT NOT NULL,
        summary               TEXT NOT NULL CHECK (length(trim(summary)) > 0),
        severity              INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
        reaction              INTEGER NOT NULL CHECK (reaction BETWEEN 1 AND 5),
        brave_conversation_on TEXT,
        brave_note            TEXT NOT NULL DEFAULT '',
        resolved_on           TEXT,
        version               INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX problem_partner ON problem(partner_id, resolved_on);

    CREATE TABLE health_snapshot (
        partner_id    INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        on_day        TEXT NOT NULL,
        score         INTEGER CHECK (score BETWEEN 0 AND 100),
        level         TEXT NOT NULL CHECK (level IN ('green', 'amber', 'red')),
        verdict       TEXT NOT NULL
                      CHECK (verdict IN ('healthy', 'needs-attention', 'at-risk', 'walk-away-review')),
        signals       TEXT NOT NULL,
        rules_version INTEGER NOT NULL,
        PRIMARY KEY (partner_id, on_day)
    ) STRICT;

    CREATE TABLE event (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER,
        summary   TEXT NOT NULL,
        undo      TEXT,
        undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
    ) STRICT;
    CREATE INDEX event_entity ON event(entity, entity_id);
    ",
    // 2: each partner's dashboard line (facts and health summary) as of one day and rule set,
    // so the dashboard orders every partner without assessing them all. Any change to a
    // partner's records deletes its line (triggers, so every writer is covered); the next load
    // computes it again. Days are day numbers (from 0001-01-01 = 1). Keyed by rule set too, so sessions with different rules do not fight.
    "
    CREATE TABLE partner_summary (
        partner_id          INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        rules_key           TEXT NOT NULL,
        on_day              TEXT NOT NULL,
        ours_open           INTEGER NOT NULL,
        ours_overdue        INTEGER NOT NULL,
        ours_next_due       INTEGER,
        theirs_open         INTEGER NOT NULL,
        theirs_overdue      INTEGER NOT NULL,
        theirs_next_due     INTEGER,
        last_update_on      INTEGER,
        last_their_touch_on INTEGER,
        last_touch_on       INTEGER,
        open_problems       INTEGER NOT NULL,
        unfaced_problems    INTEGER NOT NULL,
        score               INTEGER CHECK (score BETWEEN 0 AND 100),
        level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 2),
        verdict             INTEGER NOT NULL CHECK (verdict BETWEEN 0 AND 3),
        ended               INTEGER NOT NULL CHECK (ended IN (0, 1)),
        PRIMARY KEY (partner_id, rules_key)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER partner_summary_partner AFTER UPDATE ON partner BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.id;
    END;
    CREATE TRIGGER partner_summary_commitment_insert AFTER INSERT ON commitment BEGIN
        DELETE FROM partner_summary WHERE partner_id = NEW.partner_id;
    END;
    CREATE TRIGGER partner_summary_commitment_update AFTER UPDATE ON commitment BEGIN
        DELETE FROM partner_summary WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
    END;
    CREATE TRIGGER partner_summary_commitment_delete AFTER DELETE ON commitment BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.partner_id;
    END;
    CREATE TRIGGER partner_summary_review_insert AFTER INSERT ON review BEGIN
        DELETE FROM partner_summary
        WHERE partner_id = (SELECT partner_id FROM commitment WHERE id = NEW.commitment_id);
    END;
    CREATE TRIGGER partner_summary_review_update AFTER UPDATE ON review BEGIN
        DELETE FROM partner_summary
        WHERE partner_id IN (SELECT partner_id FROM commitment
                             WHERE id IN (OLD.commitment_id, NEW.commitment_id));
    END;
    CREATE TRIGGER partner_summary_review_delete AFTER DELETE ON review BEGIN
        DELETE FROM partner_summary
        WHERE partner_id = (SELECT partner_id FROM commitment WHERE id = OLD.commitment_id);
    END;
    CREATE TRIGGER partner_summary_touch_insert AFTER INSERT ON touch BEGIN
        DELETE FROM partner_summary WHERE partner_id = NEW.partner_id;
    END;
    CREATE TRIGGER partner_summary_touch_update AFTER UPDATE ON touch BEGIN
        DELETE FROM partner_summary WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
    END;
    CREATE TRIGGER partner_summary_touch_delete AFTER DELETE ON touch BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.partner_id;
    END;
    CREATE TRIGGER partner_summary_problem_insert AFTER INSERT ON problem BEGIN
        DELETE FROM partner_summary WHERE partner_id = NEW.partner_id;
    END;
    CREATE TRIGGER partner_summary_problem_update AFTER UPDATE ON problem BEGIN
        DELETE FROM partner_summary WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
    END;
    CREATE TRIGGER partner_summary_problem_delete AFTER DELETE ON problem BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.partner_id;
    END;
    ",
    // 3: which process applied each later migration (proof that a book is migrated once).
    "
    CREATE TABLE migration_log (
        version    INTEGER NOT NULL,
        applied_at TEXT NOT NULL,
        pid        INTEGER NOT NULL
    ) STRICT;
    ",
    // 4: the health inputs (aggregates) behind each dashboard line, so every partner's full
    // health is assessed from one read while its records are unchanged.
    "
    ALTER TABLE partner_summary ADD COLUMN input TEXT;
    DELETE FROM partner_summary;
    ",
    // 5: an unfinished form per person, kept when a session ends before it was saved.
    "
    CREATE TABLE draft (
        who      TEXT PRIMARY KEY,
        saved_at TEXT NOT NULL,
        form     TEXT NOT NULL
    ) STRICT;
    ",
    // 6: one partner's health from index ranges over its windows, not from walking its whole
    // ledger: kept items by closing day, items by the day they were made, and the charter
    // (ongoing items, small) apart from the dated ones.
    "
    CREATE INDEX commitment_kept ON commitment(partner_id, side, closed_on) WHERE status = 'kept';
    CREATE INDEX commitment_made ON commitment(partner_id, side, made_on);
    CREATE INDEX commitment_ongoing ON commitment(partner_id, side, status, made_on)
        WHERE ongoing = 1;
    ",
    // 7: the Today agenda read by index ranges, a screenful at a time: each commitment's last
    // review day kept on its row (by triggers, in the review's own transaction), and partial
    // indexes of the open items only, in the order the agenda's sections are read (closed
    // items, most of a book, cost nothing to write). They replace commitment_due.
    "
    ALTER TABLE commitment ADD COLUMN last_review_on TEXT;
    UPDATE commitment SET last_review_on =
        (SELECT max(on_day) FROM review r WHERE r.commitment_id = commitment.id);
    CREATE TRIGGER commitment_last_review_insert AFTER INSERT ON review BEGIN
        UPDATE commitment SET last_review_on =
            (SELECT max(on_day) FROM review WHERE commitment_id = NEW.commitment_id)
        WHERE id = NEW.commitment_id;
    END;
    CREATE TRIGGER commitment_last_review_update AFTER UPDATE ON review BEGIN
        UPDATE commitment SET last_review_on =
            (SELECT max(on_day) FROM review r WHERE r.commitment_id = commitment.id)
        WHERE id IN (OLD.commitment_id, NEW.commitment_id);
    END;
    CREATE TRIGGER commitment_last_review_delete AFTER DELETE ON review BEGIN
        UPDATE commitment SET last_review_on =
            (SELECT max(on_day) FROM review WHERE commitment_id = OLD.commitment_id)
        WHERE id = OLD.commitment_id;
    END;
    CREATE INDEX commitment_agenda ON commitment(side, due_on, partner_id)
        WHERE status = 'open' AND ongoing = 0;
    CREATE INDEX commitment_charter
        ON commitment(coalesce(last_review_on, made_on), partner_id, last_review_on, made_on)
        WHERE status = 'open' AND ongoing = 1;
    CREATE INDEX partner_ended ON partner(id) WHERE stage = 'ended';
    DROP INDEX commitment_due;
    ",
    // 8: the `/` filter's haystack of each partner, written with its dashboard line and dropped
    // with it whenever the partner's records change; tags and contacts, which the haystack
    // holds, now drop the line too. (A table of its own: in the line's row it would push the
    // lines past a page each and slow the dashboard's read of them threefold.)
    "
    CREATE TABLE partner_search (
        partner_id INTEGER PRIMARY KEY REFERENCES partner(id) ON DELETE CASCADE,
        text       TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER partner_search_line AFTER DELETE ON partner_summary BEGIN
        DELETE FROM partner_search WHERE partner_id = OLD.partner_id;
    END;
    CREATE TRIGGER partner_summary_tag_insert AFTER INSERT ON tag BEGIN
        DELETE FROM partner_summary WHERE partner_id = NEW.partner_id;
    END;
    CREATE TRIGGER partner_summary_tag_update AFTER UPDATE ON tag BEGIN
        DELETE FROM partner_summary WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
    END;
    CREATE TRIGGER partner_summary_tag_delete AFTER DELETE ON tag BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.partner_id;
    END;
    CREATE TRIGGER partner_summary_contact_insert AFTER INSERT ON contact BEGIN
        DELETE FROM partner_summary WHERE partner_id = NEW.partner_id;
    END;
    CREATE TRIGGER partner_summary_contact_update AFTER UPDATE ON contact BEGIN
        DELETE FROM partner_summary WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
    END;
    CREATE TRIGGER partner_summary_contact_delete AFTER DELETE ON contact BEGIN
        DELETE FROM partner_summary WHERE partner_id = OLD.partner_id;
    END;
    ",
    // 9: slips kept (health rules version 2): a commitment re-dated on or after its due day
    // keeps the due day it first missed, the due day in force when it was last re-dated late,
    // and that day; conversations told apart from our updates and care; the last bad-news
    // touch. The kept lines were made under the old rules and hold the old inputs; they are
    // made again, and may say "too early" (verdict 4), as snapshots may, with no colour. The
    // health input kept with a line moves to a table of its own: inline, the larger v2 input
    // overflowed each line's page and the dashboard's read of every line took five times as
    // long.
    "
    ALTER TABLE commitment ADD COLUMN original_due_on TEXT;
    ALTER TABLE commitment ADD COLUMN slipped_due_on TEXT;
    ALTER TABLE commitment ADD COLUMN slipped_on TEXT;
    CREATE INDEX commitment_slipped ON commitment(partner_id, side, original_due_on)
        WHERE original_due_on IS NOT NULL;
    CREATE INDEX touch_partner_by_kind ON touch(partner_id, initiated_by, kind, on_day);
    CREATE INDEX touch_bad_news ON touch(partner_id, on_day) WHERE bad_news = 1;
    CREATE INDEX commitment_missed ON commitment(closed_on, partner_id)
        WHERE status = 'missed' AND side = 'ours';
    DROP TABLE partner_summary;
    CREATE TABLE partner_summary (
        partner_id          INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        rules_key           TEXT NOT NULL,
        on_day              TEXT NOT NULL,
        ours_open           INTEGER NOT NULL,
        ours_overdue        INTEGER NOT NULL,
        ours_next_due       INTEGER,
        theirs_open         INTEGER NOT NULL,
        theirs_overdue      INTEGER NOT NULL,
        theirs_next_due     INTEGER,
        last_update_on      INTEGER,
        last_their_touch_on INTEGER,
        last_touch_on       INTEGER,
        open_problems       INTEGER NOT NULL,
        unfaced_problems    INTEGER NOT NULL,
        score               INTEGER CHECK (score BETWEEN 0 AND 100),
        level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 2),
        verdict             INTEGER NOT NULL CHECK (verdict BETWEEN 0 AND 4),
        ended               INTEGER NOT NULL CHECK (ended IN (0, 1)),
        PRIMARY KEY (partner_id, rules_key)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE partner_input (
        partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        rules_key  TEXT NOT NULL,
        input      TEXT NOT NULL,
        PRIMARY KEY (partner_id, rules_key)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER partner_input_line AFTER DELETE ON partner_summary BEGIN
        DELETE FROM partner_input
        WHERE partner_id = OLD.partner_id AND rules_key = OLD.rules_key;
    END;
    DELETE FROM partner_search;
    CREATE TRIGGER partner_search_line AFTER DELETE ON partner_summary BEGIN
        DELETE FROM partner_search WHERE partner_id = OLD.partner_id;
    END;
    CREATE TABLE health_snapshot_9 (
        partner_id    INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        on_day        TEXT NOT NULL,
        score         INTEGER CHECK (score BETWEEN 0 AND 100),
        level         TEXT CHECK (level IN ('green', 'amber', 'red')),
        verdict       TEXT NOT NULL CHECK (verdict IN
                      ('healthy', 'needs-attention', 'at-risk', 'walk-away-review', 'too-early')),
        signals       TEXT NOT NULL,
        rules_version INTEGER NOT NULL,
        PRIMARY KEY (partner_id, on_day)
    ) STRICT;
    INSERT INTO health_snapshot_9 SELECT partner_id, on_day, score, level, verdict, signals,
        rules_version FROM health_snapshot;
    DROP TABLE health_snapshot;
    ALTER TABLE health_snapshot_9 RENAME TO health_snapshot;
    ",
    // 10: a touch keeps its whole text beside the summary: an update drafted from the book is
    // recorded as it was sent (its first line is the summary).
    "
    ALTER TABLE touch ADD COLUMN body TEXT NOT NULL DEFAULT '';
    ",
    // 11: facts about the book itself, one row each. The first is its own id, random, made once:
    // a calendar's UIDs carry it, so the items of two books subscribed side by side never take
    // each other's place.
    "
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO meta (key, value) VALUES ('book_id', lower(hex(randomblob(16))));
    ",
];

/// The first migration recorded in `migration_log` (the one that creates it).
pub const MIGRATION_LOG_SINCE: i64 = 3;

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

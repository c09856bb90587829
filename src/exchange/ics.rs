//! An RFC 5545 calendar: a VTODO for each open dated commitment (both sides) and a VEVENT for
//! each partner's next update. CRLF line ends, lines folded at 75 octets, text escaped.

use super::alarm::AlarmLead;
use crate::domain::Side;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// An open dated commitment, as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// The commitment's row id: the UID is `commitment-<id>@<book id>.pactum`, stable across edits of the
    /// title, side or due day, so calendar apps update the item instead of adding another.
    pub id: i64,
    pub partner: String,
    pub side: Side,
    pub title: String,
    pub detail: String,
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// When a signed partner is next owed an update: the last `update` touch (or the signing day)
/// plus the agreed cadence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateDue {
    pub partner_id: i64,
    pub partner: String,
    pub every_days: u32,
    /// The last update we shared, if any.
    pub last_update: Option<NaiveDate>,
    /// The signing day: counted from here when no update was shared since.
    pub since: NaiveDate,
}

impl UpdateDue {
    /// The day the next update is due.
    pub fn due(&self) -> NaiveDate {
        let from = self.last_update.unwrap_or(self.since);
        from.checked_add_days(Days::new(self.every_days.into()))
            .unwrap_or(from)
    }
}

/// Whose calendar it is and how it reminds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The book's own id, in every UID: two books' items never share one.
    pub book_id: String,
    /// How long before its due day each commitment reminds (a `VALARM`).
    pub alarm_before: AlarmLead,
}

/// Writes the calendar. An update already late is put on `today`, saying since when it is due,
/// so that it shows where the user looks. `stamp` is the DTSTAMP of every component.
pub fn calendar(
    feed: &Feed,
    items: &[DueItem],
    updates: &[UpdateDue],
    today: NaiveDate,
    stamp: DateTime<Utc>,
) -> String {
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut put = |name: &str, value: &str| fold_into(&mut out, &format!("{name}:{value}"));
    put("BEGIN", "VCALENDAR");
    put("VERSION", "2.0");
    put("PRODID", "-//pactum//pactum commitments//EN");
    put("CALSCALE", "GREGORIAN");
    put("X-WR-CALNAME", "pactum");
    for c in items {
        let summary = match c.side {
            Side::Ours => format!("We owe {}: {}", c.partner, c.title),
            Side::Theirs => format!("{} owes us: {}", c.partner, c.title),
        };
        let mut description = format!("Promised on {}.", c.made_on);
        if !c.detail.trim().is_empty() {
            description = format!("{}\n{description}", c.detail.trim());
        }
        put("BEGIN", "VTODO");
        put(
            "UID",
            &format!("commitment-{}@{}.pactum", c.id, feed.book_id),
        );
        put("DTSTAMP", &stamp);
        put("DUE;VALUE=DATE", &date(c.due_on));
        put("SUMMARY", &escape(&summary));
        put("DESCRIPTION", &escape(&description));
        put("CATEGORIES", c.side.as_str());
        put("STATUS", "NEEDS-ACTION");
        put("BEGIN", "VALARM");
        put("ACTION", "DISPLAY");
        put("TRIGGER;RELATED=END", &feed.alarm_before.trigger());
        put("DESCRIPTION", &escape(&summary));
        put("END", "VALARM");
        put("END", "VTODO");
    }
    for u in updates {
        let due = u.due();
        let (day, summary) = if due < today {
            (today, format!("Update {} (due since {due})", u.partner))
        } else {
            (due, format!("Update {}", u.partner))
        };
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let description = match u.last_update {
            Some(last) => format!(
                "Agreed cadence: every {} days. Last update shared on {last}.",
                u.every_days
            ),
            None => format!(
                "Agreed cadence: every {} days. No update shared since signing on {}.",
                u.every_days, u.since
            ),
        };
        put("BEGIN", "VEVENT");
        put(
            "UID",
            &format!("update-{}@{}.pactum", u.partner_id, feed.book_id),
        );
        put("DTSTAMP", &stamp);
        put("DTSTART;VALUE=DATE", &date(day));
        put("DTEND;VALUE=DATE", &date(next));
        put("SUMMARY", &escape(&summary));
        put("DESCRIPTION", &escape(&description));
        put("CATEGORIES", "update");
        put("TRANSP", "TRANSPARENT");
        put("END", "VEVENT");
    }
    put("END", "VCALENDAR");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline. Bidi
/// overrides are dropped, as on screen: the calendar is read by others.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if crate::domain::text::is_bidi_control(c) => {}
            // Other control characters are not allowed in a content line.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line exceeds 75 octets (continuations start with a
/// space), never splitting a UTF-8 character, each ended by CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("pay\u{202e}moc.exe\u{2066}x"), "paymoc.exex");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(100)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }
}

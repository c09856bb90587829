//! Reading a CSV table: the header says which table it is; unknown columns are reported.

use super::export::{COMMITMENT_COLUMNS, PARTNER_COLUMNS, TOUCH_COLUMNS, Table};
use super::revive;
use crate::domain::{Initiator, Origin, Side, Status, TouchKind};
use crate::exchange::book::{Book, CommitmentRecord, ContactRecord, PartnerRecord, TouchRecord};
use crate::exchange::error::ImportError;
use crate::exchange::{Defaults, validate};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::str::FromStr;

/// Reads a CSV table into a book of the partners it names; returns notes for the report
/// (unknown columns). Partners named only by a commitment or touch row are new prospects.
pub fn import(text: &str, defaults: &Defaults) -> Result<(Book, Vec<String>), ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let lines = Lines::of(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e, &lines)),
        None => return Err(ImportError::line(1, "", "the file is empty")),
    };
    let names: Vec<String> = header.iter().map(normalise).collect();
    let table = recognise(&names)?;
    let known = table.header();
    let mut notes = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if !known.contains(&n.as_str()) {
            notes.push(format!(
                "column {} ({:?}) is not a pactum {table} column: not imported",
                i + 1,
                header.get(i).unwrap_or_default()
            ));
        }
    }
    let mut builder = Builder {
        defaults,
        partners: Vec::new(),
        index: HashMap::new(),
    };
    for record in records {
        let record = record.map_err(|e| csv_error(&e, &lines))?;
        let line = lines.at(record.position().map_or(0, |p| p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != names.len() {
            return Err(ImportError::line(
                line,
                "",
                format!(
                    "the row has {} cells and the header {}",
                    record.len(),
                    names.len()
                ),
            ));
        }
        let row = Row {
            line,
            cells: names
                .iter()
                .zip(record.iter())
                .map(|(n, c)| (n.as_str(), revive(c.trim())))
                .collect(),
        };
        match table {
            Table::Partners => builder.partner_row(&row)?,
            Table::Commitments => builder.commitment_row(&row)?,
            Table::Touches => builder.touch_row(&row)?,
        }
    }
    Ok((Book::new(builder.partners), notes))
}

fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

fn recognise(names: &[String]) -> Result<Table, ImportError> {
    let has = |n: &str| names.iter().any(|x| x == n);
    let table = if has("partner") && has("side") && has("title") {
        Table::Commitments
    } else if has("partner") && has("on") && has("summary") {
        Table::Touches
    } else if has("name") {
        Table::Partners
    } else {
        return Err(ImportError::line(
            1,
            "",
            format!(
                "the header is not one pactum knows: partners need {:?}, commitments {:?}, touches {:?}",
                PARTNER_COLUMNS[0],
                &COMMITMENT_COLUMNS[..3],
                [TOUCH_COLUMNS[0], TOUCH_COLUMNS[1], TOUCH_COLUMNS[4]]
            ),
        ));
    };
    Ok(table)
}

/// Line numbers from byte offsets (the csv crate's own line count is off after CRLF endings).
struct Lines<'t>(&'t [u8], Vec<u64>);

impl Lines<'_> {
    fn of(text: &str) -> Lines<'_> {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i as u64)
            .collect();
        Lines(text.as_bytes(), newlines)
    }

    /// The 1-based line of the record starting at byte `offset`; the crate may report the
    /// offset of the line break just before the record.
    fn at(&self, mut offset: u64) -> u64 {
        while matches!(self.0.get(offset as usize), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.1.partition_point(|&nl| nl < offset) as u64 + 1
    }
}

fn csv_error(e: &::csv::Error, lines: &Lines) -> ImportError {
    let line = lines.at(e.position().map_or(0, |p| p.byte()));
    let reason = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        _ => e.to_string(),
    };
    ImportError::line(line, "", reason)
}

struct Row<'a> {
    line: u64,
    cells: HashMap<&'a str, &'a str>,
}

impl Row<'_> {
    fn text(&self, column: &str) -> String {
        self.cells
            .get(column)
            .copied()
            .unwrap_or_default()
            .to_string()
    }

    fn required(&self, column: &str) -> Result<String, ImportError> {
        let v = self.text(column);
        if v.is_empty() {
            return Err(ImportError::line(self.line, column, "must not be empty"));
        }
        Ok(v)
    }

    fn parse<T: FromStr<Err = String>>(&self, column: &str, default: T) -> Result<T, ImportError> {
        match self.cells.get(column).copied().unwrap_or_default() {
            "" => Ok(default),
            v => v
                .parse()
                .map_err(|e| ImportError::line(self.line, column, e)),
        }
    }

    fn day(&self, column: &str) -> Result<Option<NaiveDate>, ImportError> {
        match self.cells.get(column).copied().unwrap_or_default() {
            "" => Ok(None),
            v => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("malformed date {v:?}: use YYYY-MM-DD"))
                .and_then(|day| crate::domain::dates::in_range("date", day))
                .map(Some)
                .map_err(|e| ImportError::line(self.line, column, e)),
        }
    }

    fn number(&self, column: &str, default: u32) -> Result<u32, ImportError> {
        match self.cells.get(column).copied().unwrap_or_default() {
            "" => Ok(default),
            v => v.parse().map_err(|_| {
                ImportError::line(self.line, column, format!("{v:?} is not a whole number"))
            }),
        }
    }

    fn flag(&self, column: &str) -> Result<bool, ImportError> {
        let v = self.cells.get(column).copied().unwrap_or_default();
        match v.to_ascii_lowercase().as_str() {
            "" | "false" | "no" | "n" | "0" => Ok(false),
            "true" | "yes" | "y" | "1" => Ok(true),
            _ => Err(ImportError::line(
                self.line,
                column,
                format!("{v:?} is not true or false"),
            )),
        }
    }

    fn check(&self, checked: Result<(), (&'static str, String)>) -> Result<(), ImportError> {
        checked.map_err(|(field, why)| ImportError::line(self.line, field, why))
    }
}

struct Builder<'d> {
    defaults: &'d Defaults,
    partners: Vec<PartnerRecord>,
    index: HashMap<String, usize>,
}

impl Builder<'_> {
    /// The partner named `name` in this file, created as a prospect on first mention.
    fn partner(&mut self, row: &Row<'_>, column: &str) -> Result<&mut PartnerRecord, ImportError> {
        let name = row.required(column)?;
        let fresh = PartnerRecord::prospect(&name, self.defaults.today, &self.defaults.owner);
        row.check(validate::partner(&fresh).map_err(|(_, why)| (column_name(column), why)))?;
        let i = *self.index.entry(fresh.key()).or_insert_with(|| {
            self.partners.push(fresh);
            self.partners.len() - 1
        });
        Ok(&mut self.partners[i])
    }

    fn partner_row(&mut self, row: &Row<'_>) -> Result<(), ImportError> {
        let d = self.defaults;
        let key = row.required("name")?.to_ascii_lowercase();
        if !self.index.contains_key(&key) {
            let p = PartnerRecord {
                stage: row.parse("stage", crate::domain::Stage::Prospect)?,
                signed_on: row.day("signed_on")?,
                update_every_days: row.number("update_every_days", 14)?,
                desired_outcome: row.text("desired_outcome"),
                their_goals: row.text("their_goals"),
                their_constraints: row.text("their_constraints"),
                owner: Some(row.text("owner"))
                    .filter(|o| !o.is_empty())
                    .unwrap_or(d.owner.clone()),
                ended_on: row.day("ended_on")?,
                end_reason: row.text("end_reason"),
                created_on: row.day("created_on")?.unwrap_or(d.today),
                tags: super::split_tags(&row.text("tags")),
                ..PartnerRecord::prospect(&row.text("name"), d.today, &d.owner)
            };
            row.check(validate::partner(&p))?;
            self.index.insert(key.clone(), self.partners.len());
            self.partners.push(p);
        }
        let contact = ContactRecord {
            name: row.text("contact_name"),
            role: row.text("contact_role"),
            email: row.text("contact_email"),
            phone: row.text("contact_phone"),
            note: row.text("contact_note"),
        };
        let any = [&contact.role, &contact.email, &contact.phone, &contact.note];
        if contact.name.is_empty() && any.iter().all(|v| v.is_empty()) {
            return Ok(());
        }
        row.check(validate::contact(&contact).map_err(|(f, why)| (contact_column(f), why)))?;
        let i = self.index[&key];
        self.partners[i].contacts.push(contact);
        Ok(())
    }

    fn commitment_row(&mut self, row: &Row<'_>) -> Result<(), ImportError> {
        let d = self.defaults;
        let status = row.parse("status", Status::Open)?;
        let c = CommitmentRecord {
            side: row.parse("side", Side::Ours)?,
            title: row.required("title")?,
            detail: row.text("detail"),
            made_on: row.day("made_on")?.unwrap_or(d.today),
            due_on: row.day("due_on")?,
            ongoing: row.flag("ongoing")?,
            origin: row.parse("origin", Origin::Later)?,
            status,
            closed_on: row.day("closed_on")?,
            owner: Some(row.text("owner"))
                .filter(|o| !o.is_empty())
                .unwrap_or(d.owner.clone()),
            reviews: Vec::new(),
        };
        if row.text("side").is_empty() {
            return Err(ImportError::line(
                row.line,
                "side",
                "must be ours or theirs",
            ));
        }
        row.check(validate::commitment(&c, d.today))?;
        self.partner(row, "partner")?.commitments.push(c);
        Ok(())
    }

    fn touch_row(&mut self, row: &Row<'_>) -> Result<(), ImportError> {
        let t = TouchRecord {
            on: row
                .day("on")?
                .ok_or_else(|| ImportError::line(row.line, "on", "must not be empty"))?,
            kind: row.parse("kind", TouchKind::Call)?,
            initiated_by: row.parse("initiated_by", Initiator::Us)?,
            summary: row.required("summary")?,
            bad_news: row.flag("bad_news")?,
            body: String::new(),
        };
        row.check(validate::touch(&t, self.defaults.today))?;
        self.partner(row, "partner")?.touches.push(t);
        Ok(())
    }
}

fn column_name(column: &str) -> &'static str {
    if column == "partner" {
        "partner"
    } else {
        "name"
    }
}

fn contact_column(field: &'static str) -> &'static str {
    match field {
        "name" => "contact_name",
        "role" => "contact_role",
        "email" => "contact_email",
        "phone" => "contact_phone",
        _ => "contact_note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Defaults {
        Defaults {
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
            owner: "tester".into(),
        }
    }

    #[test]
    fn lines_count_quoted_newlines_and_either_line_end() {
        for end in ["\n", "\r\n"] {
            let text = [
                "partner,side,title,detail",
                "Acme,ours,A,\"two\nlines\"",
                "Acme,ours,B,",
                "Acme,maybe,C,",
            ]
            .join(end);
            let e = import(&text, &defaults()).unwrap_err();
            assert_eq!(e.place, crate::exchange::error::Place::Line(5), "{end:?}");
            assert_eq!(e.field, "side");
        }
    }

    #[test]
    fn a_short_row_is_named() {
        let e = import("name,stage\nAcme\n", &defaults()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the file line 2: the row has 1 cells and the header 2"
        );
    }
}

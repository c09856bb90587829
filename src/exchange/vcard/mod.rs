//! vCard 3.0 and 4.0 (and the 2.1 habits address books still write): each card becomes a
//! contact, its ORG the partner. Our own parser: the format is small, and its quirks are the job.

mod lines;

pub use lines::{ContentLine, content_lines, unescape};

use crate::exchange::book::{Book, ContactRecord, PartnerRecord};
use crate::exchange::error::ImportError;
use crate::exchange::{Defaults, validate};
use std::collections::HashMap;

/// A phone number or email address with its types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub value: String,
    /// Upper-case types (WORK, CELL …), PREF included when the card prefers it.
    pub types: Vec<String>,
}

impl Typed {
    fn preferred(&self) -> bool {
        self.types.iter().any(|t| t == "PREF")
    }
}

/// What pactum takes from one card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// The line of its BEGIN:VCARD.
    pub line: u64,
    pub version: String,
    pub full_name: String,
    /// N: family; given; additional; prefixes; suffixes.
    pub name_parts: Vec<String>,
    pub org: String,
    pub title: String,
    pub role: String,
    pub emails: Vec<Typed>,
    pub phones: Vec<Typed>,
    pub note: String,
}

impl Card {
    /// FN, or N as "Given Family", or the first email.
    pub fn display_name(&self) -> String {
        if !self.full_name.trim().is_empty() {
            return self.full_name.trim().to_string();
        }
        let part = |i: usize| self.name_parts.get(i).map_or("", |s| s.trim());
        let joined = [part(3), part(1), part(2), part(0), part(4)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !joined.is_empty() {
            return joined;
        }
        self.emails
            .first()
            .map(|e| e.value.clone())
            .unwrap_or_default()
    }
}

/// Reads every card of a file. BEGIN/END must pair up; an error names the line.
pub fn parse(text: &str) -> Result<Vec<Card>, ImportError> {
    let mut cards = Vec::new();
    let mut open: Option<Card> = None;
    for cl in content_lines(text)? {
        let value_upper = cl.raw.trim().to_ascii_uppercase();
        match (cl.name.as_str(), open.as_mut()) {
            ("BEGIN", _) if value_upper != "VCARD" => {
                return Err(ImportError::line(
                    cl.line,
                    "BEGIN",
                    format!("BEGIN:{} is not a vCard", cl.raw.trim()),
                ));
            }
            ("BEGIN", Some(card)) => {
                return Err(ImportError::line(
                    cl.line,
                    "BEGIN",
                    format!(
                        "BEGIN:VCARD inside the card begun at line {}: its END:VCARD is missing",
                        card.line
                    ),
                ));
            }
            ("BEGIN", None) => {
                open = Some(Card {
                    line: cl.line,
                    ..Card::default()
                });
            }
            ("END", None) => {
                return Err(ImportError::line(
                    cl.line,
                    "END",
                    "END without a BEGIN:VCARD before it",
                ));
            }
            ("END", Some(card)) => {
                if value_upper != "VCARD" {
                    return Err(ImportError::line(
                        cl.line,
                        "END",
                        format!(
                            "END:{} closes the card begun at line {}: expected END:VCARD",
                            cl.raw.trim(),
                            card.line
                        ),
                    ));
                }
                if card.version.is_empty() {
                    return Err(ImportError::line(
                        card.line,
                        "VERSION",
                        "the card has no VERSION",
                    ));
                }
                cards.extend(open.take());
            }
            (_, None) => {
                return Err(ImportError::line(
                    cl.line,
                    &cl.name,
                    "property outside a card (before BEGIN:VCARD or after END:VCARD)",
                ));
            }
            (_, Some(card)) => property(card, &cl)?,
        }
    }
    if let Some(card) = open {
        return Err(ImportError::line(
            card.line,
            "END",
            "the card begun here has no END:VCARD",
        ));
    }
    Ok(cards)
}

fn property(card: &mut Card, cl: &ContentLine) -> Result<(), ImportError> {
    let typed = |cl: &ContentLine| -> Result<Typed, ImportError> {
        let mut types = cl.param("TYPE");
        if !cl.param("PREF").is_empty() && !types.iter().any(|t| t == "PREF") {
            types.push("PREF".into());
        }
        let value = cl.value()?;
        // vCard 4.0 may write a phone as a URI.
        let value = value
            .strip_prefix("tel:")
            .unwrap_or(&value)
            .trim()
            .to_string();
        Ok(Typed { value, types })
    };
    match cl.name.as_str() {
        "VERSION" => {
            let v = cl.raw.trim();
            if !matches!(v, "2.1" | "3.0" | "4.0") {
                return Err(ImportError::line(
                    cl.line,
                    "VERSION",
                    format!("vCard version {v:?} is not 2.1, 3.0 or 4.0"),
                ));
            }
            card.version = v.to_string();
        }
        "FN" => card.full_name = cl.value()?.trim().to_string(),
        "N" => card.name_parts = cl.components()?,
        "ORG" => card.org = cl.components()?.into_iter().next().unwrap_or_default(),
        "TITLE" => card.title = cl.value()?.trim().to_string(),
        "ROLE" => card.role = cl.value()?.trim().to_string(),
        "NOTE" => card.note = cl.value()?.trim().to_string(),
        "EMAIL" => card.emails.push(typed(cl)?),
        "TEL" => card.phones.push(typed(cl)?),
        _ => {}
    }
    Ok(())
}

/// The best of several: the preferred one, else the first.
fn pick(list: &[Typed]) -> Option<usize> {
    list.iter()
        .position(Typed::preferred)
        .or(if list.is_empty() { None } else { Some(0) })
}

fn others(list: &[Typed], chosen: Option<usize>) -> Vec<String> {
    list.iter()
        .enumerate()
        .filter(|(i, t)| Some(*i) != chosen && !t.value.is_empty())
        .map(|(_, t)| {
            let kinds: Vec<&str> = t
                .types
                .iter()
                .map(|s| s.as_str())
                .filter(|s| !matches!(*s, "PREF" | "INTERNET" | "VOICE"))
                .collect();
            if kinds.is_empty() {
                t.value.clone()
            } else {
                format!("{} ({})", t.value, kinds.join(", ").to_ascii_lowercase())
            }
        })
        .collect()
}

/// A card as a contact: the preferred (or first) email and phone; the others in the note.
pub fn contact(card: &Card) -> ContactRecord {
    let email = pick(&card.emails);
    let phone = pick(&card.phones);
    let mut note = vec![card.note.clone()];
    let more_phones = others(&card.phones, phone);
    if !more_phones.is_empty() {
        note.push(format!("other phones: {}", more_phones.join("; ")));
    }
    let more_emails = others(&card.emails, email);
    if !more_emails.is_empty() {
        note.push(format!("other emails: {}", more_emails.join("; ")));
    }
    let role = if card.title.is_empty() {
        &card.role
    } else {
        &card.title
    };
    ContactRecord {
        name: card.display_name(),
        role: role.clone(),
        email: email
            .map(|i| card.emails[i].value.clone())
            .unwrap_or_default(),
        phone: phone
            .map(|i| card.phones[i].value.clone())
            .unwrap_or_default(),
        note: note
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Cards as a book of (new-prospect) partners with their contacts. Cards without an ORG or a
/// name, and repeats of a card earlier in the file (same email, else same name, same ORG), are
/// skipped with a note. Returns the book, the notes and how many cards were skipped.
pub fn to_book(
    cards: &[Card],
    defaults: &Defaults,
) -> Result<(Book, Vec<String>, usize), ImportError> {
    let mut partners: Vec<PartnerRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    let mut notes = Vec::new();
    let mut skipped = 0;
    for card in cards {
        let c = contact(card);
        let org = card.org.trim();
        if org.is_empty() || c.name.trim().is_empty() {
            let who = if c.name.is_empty() {
                "a card without a name".to_string()
            } else {
                format!("{:?}", c.name)
            };
            let why = if org.is_empty() {
                "has no ORG, so no partner"
            } else {
                "has no name"
            };
            notes.push(format!("line {}: {who} {why}: skipped", card.line));
            skipped += 1;
            continue;
        }
        let fresh = PartnerRecord::prospect(org, defaults.today, &defaults.owner);
        validate::partner(&fresh).map_err(|(_, why)| ImportError::line(card.line, "ORG", why))?;
        validate::contact(&c).map_err(|(f, why)| {
            let field = match f {
                "name" => "FN",
                "role" => "TITLE",
                "email" => "EMAIL",
                "phone" => "TEL",
                _ => "NOTE",
            };
            ImportError::line(card.line, field, why)
        })?;
        let p = *index.entry(fresh.key()).or_insert_with(|| {
            partners.push(fresh);
            partners.len() - 1
        });
        let by_email =
            (!c.email.is_empty()).then(|| (p, format!("@{}", c.email.to_ascii_lowercase())));
        let by_name = (p, c.name.trim().to_ascii_lowercase());
        if let Some(first) = by_email.iter().chain([&by_name]).find_map(|k| seen.get(k)) {
            notes.push(format!(
                "line {}: {:?} repeats the card at line {first}: skipped",
                card.line, c.name
            ));
            skipped += 1;
            continue;
        }
        if let Some(k) = by_email {
            seen.insert(k, card.line);
        }
        seen.insert(by_name, card.line);
        partners[p].contacts.push(c);
    }
    Ok((Book::new(partners), notes, skipped))
}

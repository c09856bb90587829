//! A letter to a partner on its way out: the update drafted from the book (edited in the
//! user's editor or in place), or the shared plan. pactum sends nothing: the user copies it
//! (OSC 52), writes it to a file, and — for an update — records it as sent.

use super::doc::{DocLine, Tone};
use super::effect::{Effect, Write};
use super::form::FormInput;
use super::{Action, App, Notice, Overlay};
use crate::domain::letter::update::{UpdateDraft, summary_of};
use crate::domain::limits::LETTER_MAX;
use crate::domain::{Initiator, TouchKind};
use crate::store::NewTouch;
use ratatui_textarea::TextArea;

/// What the letter is.
#[derive(Debug, Clone, PartialEq)]
pub enum LetterKind {
    /// The update owed, as drafted (what it discloses decides bad news when recorded).
    Update(Box<UpdateDraft>),
    /// The shared plan; `html` is written when the file is named `.html`.
    Plan { html: String },
}

/// A letter on screen, with the choices: edit, copy, write to a file, record.
#[derive(Debug, Clone)]
pub struct Letter {
    pub partner_id: i64,
    pub partner: String,
    pub kind: LetterKind,
    /// The text as it stands (edited or not).
    pub text: String,
    /// Lines scrolled in the preview.
    pub scroll: u16,
    /// Editing in place (no editor was found).
    pub editing: Option<TextArea<'static>>,
    /// The file name being typed, when writing to a file.
    pub path: Option<TextArea<'static>>,
}

impl PartialEq for Letter {
    fn eq(&self, other: &Letter) -> bool {
        self.partner_id == other.partner_id && self.kind == other.kind && self.text == other.text
    }
}

impl Letter {
    /// A letter with its first text.
    pub fn new(partner_id: i64, partner: &str, kind: LetterKind, text: String) -> Letter {
        Letter {
            partner_id,
            partner: partner.to_string(),
            kind,
            text,
            scroll: 0,
            editing: None,
            path: None,
        }
    }

    /// The heading of the overlay.
    pub fn title(&self) -> String {
        match self.kind {
            LetterKind::Update(_) => format!("Update for {}", self.partner),
            LetterKind::Plan { .. } => format!("Plan with {}", self.partner),
        }
    }

    /// The file name offered when writing it out.
    fn file_name(&self) -> String {
        let stem: String = self
            .partner
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let stem = stem.trim_matches('-');
        let stem = if stem.is_empty() { "partner" } else { stem };
        match self.kind {
            LetterKind::Update(_) => format!("{stem}-update.txt"),
            LetterKind::Plan { .. } => format!("{stem}-plan.html"),
        }
    }

    /// The text to write to `path`: the plan as HTML when the name ends `.html` or `.htm`.
    pub fn text_for(&self, path: &str) -> String {
        let lower = path.to_ascii_lowercase();
        match &self.kind {
            LetterKind::Plan { html } if lower.ends_with(".html") || lower.ends_with(".htm") => {
                html.clone()
            }
            _ => self.text.clone(),
        }
    }
}

/// The base64 of `bytes` (standard alphabet, padded).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The one OSC 52 sequence that puts `text` on the terminal's clipboard: the text travels as
/// base64, so nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn key_hint(app: &App, action: &Action) -> String {
    app.keymap
        .key_for(super::Mode::Letter, action)
        .unwrap_or_else(|| "?".into())
}

/// Handles an action while a letter is open.
pub fn letter_action(app: &mut App, mut letter: Box<Letter>, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(mut area) = letter.editing.take() {
        match action {
            Action::Cancel => app.notice = Some(Notice::Info("edit dropped".into())),
            Action::Submit => {
                letter.text = area.lines().join("\n");
                app.notice = Some(Notice::Info("edited".into()));
            }
            Action::Input(input) => {
                type_into(&mut area, input, LETTER_MAX);
                letter.editing = Some(area);
            }
            Action::Paste(text) => {
                area.insert_str(crate::domain::text::clean_block(&text));
                letter.editing = Some(area);
            }
            _ => letter.editing = Some(area),
        }
        app.overlay = Some(Overlay::Letter(letter));
        return effects;
    }
    if let Some(mut path) = letter.path.take() {
        match action {
            Action::Cancel => app.notice = Some(Notice::Info("not written".into())),
            Action::Submit => {
                let name = path.lines().join("").trim().to_string();
                if name.is_empty() {
                    letter.path = Some(path);
                } else {
                    effects.push(Effect::WriteLetter {
                        text: letter.text_for(&name),
                        path: name,
                    });
                }
            }
            Action::Input(input) => {
                type_into(&mut path, input, 4096);
                letter.path = Some(path);
            }
            _ => letter.path = Some(path),
        }
        app.overlay = Some(Overlay::Letter(letter));
        return effects;
    }
    match action {
        Action::Cancel => {
            app.notice = Some(Notice::Info("closed; nothing was recorded".into()));
            return effects;
        }
        Action::Down => letter.scroll = letter.scroll.saturating_add(1),
        Action::Up => letter.scroll = letter.scroll.saturating_sub(1),
        Action::EditLetter => effects.push(Effect::EditLetter(letter.text.clone())),
        Action::CopyLetter if app.osc52 => {
            effects.push(Effect::Copy(letter.text.clone()));
            app.notice = Some(Notice::Info(
                "sent to the terminal's clipboard (OSC 52)".into(),
            ));
        }
        Action::CopyLetter => {
            app.notice = Some(Notice::Error(format!(
                "copying needs `osc52 = true` under [clipboard] in the config (some terminals refuse it); {} writes a file",
                key_hint(app, &Action::WriteLetter)
            )));
        }
        Action::WriteLetter => {
            let mut area = TextArea::new(vec![letter.file_name()]);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            letter.path = Some(area);
        }
        Action::RecordLetter => match &letter.kind {
            LetterKind::Update(draft) => {
                let touch = NewTouch {
                    partner_id: letter.partner_id,
                    on: app.today,
                    kind: TouchKind::Update,
                    initiated_by: Initiator::Us,
                    summary: summary_of(&letter.text),
                    bad_news: draft.discloses(&letter.text),
                };
                effects.push(Effect::Write(Write::RecordUpdate {
                    touch,
                    text: letter.text.clone(),
                }));
            }
            LetterKind::Plan { .. } => {
                app.notice = Some(Notice::Info(
                    "a plan is not recorded: copy it or write it to a file".into(),
                ));
            }
        },
        _ => {}
    }
    app.overlay = Some(Overlay::Letter(letter));
    effects
}

/// Types a key into a text area, refusing to grow it past `max` characters.
fn type_into(area: &mut TextArea<'static>, input: FormInput, max: usize) {
    let before = area.lines().to_vec();
    area.input(input);
    let count: usize = area.lines().iter().map(|l| l.chars().count() + 1).sum();
    if count > max + 1 {
        *area = TextArea::new(before);
    }
}

/// Under a brief's first line, when the partner is owed an update, one line pointing to the
/// key that drafts it (as the keymap has it; none when it is unbound).
pub fn point_to_update(app: &mut App) {
    let super::Screen::Reader(reader) = &mut app.screen else {
        return;
    };
    let super::Request::Brief(id) = reader.request else {
        return;
    };
    let Some(row) = app.data.rows.iter().find(|r| r.id == id) else {
        return;
    };
    // An update cadence is agreed at signing: prospects and ended partners are owed none.
    if row.stage != crate::domain::Stage::Signed {
        return;
    }
    let every = i64::from(row.update_every_days);
    let since = crate::domain::facts::days_since(row.facts.last_update_on, app.today);
    if since.is_some_and(|d| d <= every) {
        return;
    }
    let Some(key) = app
        .keymap
        .key_for(super::Mode::Reader, &Action::DraftUpdate)
    else {
        return;
    };
    let why = match since {
        Some(d) => format!("An update is owed (the last was {d} days ago, agreed every {every}): "),
        None => format!("An update is owed (none shared yet, agreed every {every}): "),
    };
    let line = DocLine::new(Tone::Watch, why)
        .and(Tone::Key, key)
        .and(Tone::Plain, " drafts it from the book");
    let at = reader.doc.lines.len().min(1);
    reader.doc.lines.insert(at, line);
}

/// The editor came back (or none was found, or it failed).
pub fn edited(app: &mut App, outcome: Result<Option<String>, String>) {
    let Some(Overlay::Letter(letter)) = &mut app.overlay else {
        return;
    };
    match outcome {
        Ok(Some(text)) => {
            letter.text = text;
            app.notice = Some(Notice::Info("edited".into()));
        }
        Ok(None) => {
            // No $VISUAL or $EDITOR: edit in place.
            let lines = letter.text.lines().map(crate::domain::text::clean_line);
            let mut area = TextArea::new(lines.collect());
            area.move_cursor(ratatui_textarea::CursorMove::Top);
            letter.editing = Some(area);
            app.notice = Some(Notice::Info("no $VISUAL or $EDITOR: editing here".into()));
        }
        Err(reason) => app.notice = Some(Notice::Error(reason)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_the_standard_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64("é\x1b]0;x\x07".as_bytes()), "w6kbXTA7eAc=");
    }

    #[test]
    fn one_osc52_sequence_with_nothing_raw_inside() {
        let s = osc52("line one\n\x1b]0;owned\x07");
        assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
        assert_eq!(s.matches('\x1b').count(), 1);
        assert_eq!(s.matches('\x07').count(), 1);
    }
}

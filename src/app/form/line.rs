//! One line of text being edited, with the keys a shell's line editor has: `ctrl-a`/`ctrl-e`
//! to the start and end, `ctrl-u` clears to the start, `ctrl-k` to the end, `ctrl-w` deletes
//! the word before the cursor (back to a space), `alt-b`/`alt-f` move by words.
//!
//! A value the form filled in is *fresh*: like selected text, the first character typed (or a
//! paste) replaces it and backspace clears it; moving the cursor first keeps it for editing.

use super::FormInput;
use crate::domain::text;
use ratatui_textarea::Key;

/// The text, the cursor (in characters) and whether the value is still as the form filled it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    chars: Vec<char>,
    cursor: usize,
    pub fresh: bool,
}

/// What a key did to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    /// The text or the cursor changed (or nothing needed to).
    Done,
    /// The key is not an editing key.
    Ignored,
    /// The text would pass the field's limit; nothing changed.
    TooLong,
}

impl LineEdit {
    /// A line holding `value`, cursor at the end.
    pub fn new(value: &str, fresh: bool) -> LineEdit {
        let chars: Vec<char> = value.chars().collect();
        LineEdit {
            cursor: chars.len(),
            chars,
            fresh: fresh && !value.is_empty(),
        }
    }

    /// The text.
    pub fn value(&self) -> String {
        self.chars.iter().collect()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Characters held.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Applies one key; `max` is the field's limit in characters.
    pub fn edit(&mut self, input: &FormInput, max: usize) -> Edited {
        let (ctrl, alt) = (input.ctrl, input.alt);
        match input.key {
            Key::Char(c) if !ctrl && !alt => self.insert(&c.to_string(), max),
            Key::Backspace if alt => self.kill(self.word_start(char::is_alphanumeric)),
            Key::Char('h') if ctrl => self.kill(self.cursor.saturating_sub(1)),
            Key::Backspace => self.kill(self.cursor.saturating_sub(1)),
            Key::Char('w') if ctrl => self.kill(self.word_start(|c| !c.is_whitespace())),
            Key::Char('u') if ctrl => self.kill(0),
            Key::Delete | Key::Char('d') if ctrl || input.key == Key::Delete => {
                self.kill_forward(self.cursor + 1)
            }
            Key::Char('d') if alt => self.kill_forward(self.word_end()),
            Key::Char('k') if ctrl => self.kill_forward(self.chars.len()),
            Key::Left if ctrl || alt => self.go(self.word_start(char::is_alphanumeric)),
            Key::Char('b') if alt => self.go(self.word_start(char::is_alphanumeric)),
            Key::Left | Key::Char('b') if !alt => self.go(self.cursor.saturating_sub(1)),
            Key::Right if ctrl || alt => self.go(self.word_end()),
            Key::Char('f') if alt => self.go(self.word_end()),
            Key::Right | Key::Char('f') if !alt => self.go(self.cursor + 1),
            Key::Home | Key::Char('a') if !alt => self.go(0),
            Key::End | Key::Char('e') if !alt => self.go(self.chars.len()),
            _ => Edited::Ignored,
        }
    }

    /// Inserts cleaned text at the cursor (replacing a fresh value), unless it would pass `max`.
    pub fn insert(&mut self, typed: &str, max: usize) -> Edited {
        let clean: Vec<char> = text::clean_line(typed).chars().collect();
        let kept = if self.fresh { 0 } else { self.chars.len() };
        if kept + clean.len() > max {
            return Edited::TooLong;
        }
        if self.fresh {
            self.fresh = false;
            self.replace_all("");
        }
        let added = clean.len();
        self.chars.splice(self.cursor..self.cursor, clean);
        self.cursor += added;
        Edited::Done
    }

    /// Replaces the whole text; the cursor goes to the end.
    pub fn replace_all(&mut self, value: &str) {
        self.chars = value.chars().collect();
        self.cursor = self.chars.len();
    }

    /// Deletes from `from` up to the cursor (a fresh value goes whole).
    fn kill(&mut self, from: usize) -> Edited {
        if self.fresh {
            self.fresh = false;
            self.replace_all("");
        } else {
            let from = from.min(self.cursor);
            self.chars.drain(from..self.cursor);
            self.cursor = from;
        }
        Edited::Done
    }

    /// Deletes from the cursor up to `to` (a fresh value goes whole).
    fn kill_forward(&mut self, to: usize) -> Edited {
        if self.fresh {
            self.fresh = false;
            self.replace_all("");
        } else {
            let to = to.min(self.chars.len());
            self.chars.drain(self.cursor..to);
        }
        Edited::Done
    }

    fn go(&mut self, to: usize) -> Edited {
        self.fresh = false;
        self.cursor = to.min(self.chars.len());
        Edited::Done
    }

    /// Where the word before the cursor starts: back over what is not part of a word, then
    /// over the word's characters.
    fn word_start(&self, in_word: impl Fn(char) -> bool) -> usize {
        let mut at = self.cursor;
        while at > 0 && !in_word(self.chars[at - 1]) {
            at -= 1;
        }
        while at > 0 && in_word(self.chars[at - 1]) {
            at -= 1;
        }
        at
    }

    /// Where the word after the cursor ends.
    fn word_end(&self) -> usize {
        let mut at = self.cursor;
        let n = self.chars.len();
        while at < n && !self.chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < n && self.chars[at].is_alphanumeric() {
            at += 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: Key, ctrl: bool, alt: bool) -> FormInput {
        FormInput {
            key: k,
            ctrl,
            alt,
            shift: false,
        }
    }

    fn typed(line: &mut LineEdit, text: &str) {
        for c in text.chars() {
            line.edit(&key(Key::Char(c), false, false), 80);
        }
    }

    #[test]
    fn the_first_key_replaces_a_fresh_value_but_typing_after_a_move_inserts() {
        let mut line = LineEdit::new("call", true);
        typed(&mut line, "m");
        assert_eq!(line.value(), "m");
        let mut line = LineEdit::new("+7d", true);
        line.edit(&key(Key::Home, false, false), 80);
        typed(&mut line, "x");
        assert_eq!(line.value(), "x+7d");
        let mut line = LineEdit::new("today", true);
        line.edit(&key(Key::Backspace, false, false), 80);
        assert_eq!(line.value(), "");
    }

    #[test]
    fn readline_keys_behave_as_in_a_shell() {
        let mut line = LineEdit::new("", false);
        typed(&mut line, "sent the 2026-10-27 deck");
        line.edit(&key(Key::Char('w'), true, false), 80);
        assert_eq!(line.value(), "sent the 2026-10-27 ");
        line.edit(&key(Key::Char('w'), true, false), 80);
        assert_eq!(line.value(), "sent the ", "ctrl-w takes the date whole");
        line.edit(&key(Key::Char('a'), true, false), 80);
        typed(&mut line, "we ");
        assert_eq!(line.value(), "we sent the ");
        line.edit(&key(Key::Char('k'), true, false), 80);
        assert_eq!(line.value(), "we ");
        line.edit(&key(Key::Char('e'), true, false), 80);
        typed(&mut line, "called");
        line.edit(&key(Key::Left, false, false), 80);
        line.edit(&key(Key::Char('u'), true, false), 80);
        assert_eq!(line.value(), "d", "ctrl-u clears to the start");
        assert_eq!(line.cursor(), 0);
        line.edit(&key(Key::Char('d'), true, false), 80);
        assert_eq!(line.value(), "");
    }

    #[test]
    fn a_key_past_the_limit_changes_nothing() {
        let mut line = LineEdit::new("12", false);
        assert_eq!(
            line.edit(&key(Key::Char('3'), false, false), 2),
            Edited::TooLong
        );
        assert_eq!(line.value(), "12");
        let mut fresh = LineEdit::new("2", true);
        assert_eq!(
            fresh.edit(&key(Key::Char('4'), false, false), 1),
            Edited::Done
        );
        assert_eq!(fresh.value(), "4");
    }

    #[test]
    fn control_characters_are_cleaned_as_typed() {
        let mut line = LineEdit::new("", false);
        line.insert("a\u{202E}b\tc", 80);
        assert_eq!(line.value(), "ab c");
    }
}

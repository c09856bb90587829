//! Keys and pastes given to the focused field.
//!
//! - A choice: a letter or digit picks the option it starts and moves on to the next field
//!   (pressed again on the same field it goes on to the next option with that letter);
//!   `←`/`→` and space step through the options in place.
//! - A date: `←`/`→` step the day while the date is as the form filled it in or as stepped
//!   (shown selected), and `alt-←`/`alt-→` at any time; once you type or move the cursor
//!   (`home`, `end`, `ctrl-a`, `ctrl-e`), `←`/`→` move the cursor.
//! - Text: the line editor's keys (line.rs).

use super::field::Entry;
use super::line::{Edited, LineEdit};
use super::{Form, FormInput};
use crate::domain::{dates, parse_date};
use chrono::NaiveDate;
use ratatui_textarea::Key;

impl Form {
    /// Gives a key to the focused field, refusing text beyond the field's limit.
    pub fn input(&mut self, input: FormInput, today: NaiveDate) {
        let last = self.fields.len().saturating_sub(1);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        self.error = None;
        let plain = !input.ctrl && !input.alt;
        match &mut field.entry {
            Entry::Choice(choice) => match input.key {
                Key::Char(' ') if plain => choice.step(true),
                Key::Char(c) if plain => {
                    if choice.pick(c) {
                        self.focus = (self.focus + 1).min(last);
                    } else {
                        self.error =
                            Some(format!("{}: press {} — or ←/→", field.label, choice.keys()));
                    }
                }
                Key::Left => choice.step(false),
                Key::Right => choice.step(true),
                _ => {}
            },
            Entry::Date(line) => {
                let step = match input.key {
                    Key::Left if !input.ctrl => Some(-1),
                    Key::Right if !input.ctrl => Some(1),
                    _ => None,
                };
                let stepped = step
                    .filter(|_| input.alt || line.fresh || line.is_empty())
                    .is_some_and(|days| step_day(line, days, today));
                if !stepped && line.edit(&input, field.max) == Edited::TooLong {
                    self.error = Some(too_long(field.label, field.max));
                }
            }
            Entry::Text(line) => {
                if line.edit(&input, field.max) == Edited::TooLong {
                    self.error = Some(too_long(field.label, field.max));
                }
            }
        }
    }

    /// Pastes text into the focused field, cleaned like typed text and cut at the limit; a
    /// choice takes a paste that names one of its options.
    pub fn paste(&mut self, pasted: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        self.error = None;
        let clean = crate::domain::text::clean_line(pasted);
        match &mut field.entry {
            Entry::Text(line) | Entry::Date(line) => {
                let room = if line.fresh {
                    field.max
                } else {
                    field.max.saturating_sub(line.len())
                };
                let cut: String = clean.chars().take(room).collect();
                if cut.chars().count() < clean.chars().count() {
                    self.error = Some(too_long(field.label, field.max));
                }
                line.insert(&cut, field.max);
            }
            Entry::Choice(_) => field.restore(&clean, false),
        }
    }

    /// Moves focus one field forward or back, wrapping.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }
}

/// Moves the date a day; false when the field holds no date to move (empty counts as today).
fn step_day(line: &mut LineEdit, days: i64, today: NaiveDate) -> bool {
    let value = line.value();
    let day = if value.trim().is_empty() {
        Ok(today)
    } else {
        parse_date(&value, today)
    };
    let Ok(day) = day else {
        return false;
    };
    line.replace_all(&dates::shift(day, days).to_string());
    line.fresh = true;
    true
}

fn too_long(label: &str, max: usize) -> String {
    format!("{label} is limited to {max} characters")
}

//! One labelled line of a form: free text, a date, or a choice.

use super::choice::Choice;
use super::line::LineEdit;
use crate::domain::text;

/// What a field holds and how keys change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Free text.
    Text(LineEdit),
    /// A day, in the words the command line takes (`2026-12-04`, `today`, `+3d`, `-2w`);
    /// `←`/`→` step it a day while it is as filled in.
    Date(LineEdit),
    /// One of a few options.
    Choice(Choice),
}

/// One labelled line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub hint: &'static str,
    /// Characters allowed (text and dates).
    pub max: usize,
    pub entry: Entry,
}

/// The longest date a form takes as typed (`2026-12-04`, `tomorrow`, `+100w`).
const DATE_MAX: usize = 12;

impl Field {
    /// Free text of at most `max` characters, pre-filled with `value`.
    pub fn new(label: &'static str, hint: &'static str, max: usize, value: &str) -> Field {
        Field {
            label,
            hint,
            max,
            entry: Entry::Text(LineEdit::new(value, true)),
        }
    }

    /// A day, pre-filled with `value` (a date or a word such as `today`, or empty).
    pub fn date(label: &'static str, hint: &'static str, value: &str) -> Field {
        Field {
            label,
            hint,
            max: DATE_MAX,
            entry: Entry::Date(LineEdit::new(value, true)),
        }
    }

    /// One of `options`, `value` picked (the first option when `value` is none of them).
    pub fn choice(
        label: &'static str,
        hint: &'static str,
        options: Vec<&'static str>,
        value: &str,
    ) -> Field {
        Field {
            label,
            hint,
            max: options.iter().map(|o| o.chars().count()).max().unwrap_or(0),
            entry: Entry::Choice(Choice::new(options, value, true)),
        }
    }

    /// A rating from 1 to 5, `value` picked; a digit sets it.
    pub fn rating(label: &'static str, hint: &'static str, value: u8) -> Field {
        Field {
            label,
            hint,
            max: 1,
            entry: Entry::Choice(Choice::new(
                vec!["1", "2", "3", "4", "5"],
                &value.to_string(),
                false,
            )),
        }
    }

    /// The text typed so far, or the option picked.
    pub fn value(&self) -> String {
        match &self.entry {
            Entry::Text(line) | Entry::Date(line) => line.value(),
            Entry::Choice(choice) => choice.value().to_string(),
        }
    }

    /// Puts back a value kept from an earlier session (cleaned, cut to the limit; a choice
    /// keeps its pick when the value is none of its options). `fresh` says whether typing
    /// replaces it.
    pub fn restore(&mut self, value: &str, fresh: bool) {
        let clean: String = text::clean_line(value).chars().take(self.max).collect();
        match &mut self.entry {
            Entry::Text(line) | Entry::Date(line) => *line = LineEdit::new(&clean, fresh),
            Entry::Choice(choice) => {
                // The option named, or the one option it begins ("y" for "yes").
                let typed = clean.trim().to_lowercase();
                let named = |o: &&str| o.eq_ignore_ascii_case(&typed);
                let begun: Vec<usize> = (choice.options.iter().enumerate())
                    .filter(|(_, o)| !typed.is_empty() && o.to_lowercase().starts_with(&typed))
                    .map(|(i, _)| i)
                    .collect();
                if let Some(i) = choice.options.iter().position(named) {
                    choice.index = i;
                } else if let [i] = begun[..] {
                    choice.index = i;
                }
            }
        }
    }

    /// Characters typed so far.
    pub fn len(&self) -> usize {
        self.value().chars().count()
    }

    /// True when nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True for a pick among options.
    pub fn is_choice(&self) -> bool {
        matches!(self.entry, Entry::Choice(_))
    }
}

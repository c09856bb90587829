//! Styles named by meaning. Widgets ask for a meaning, never a colour. With `NO_COLOR` every
//! meaning keeps only its modifiers, and symbols carry what colour would have said.

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Title,
    Muted,
    Selected,
    Focused,
    Overdue,
    DueSoon,
    Ours,
    Theirs,
    Good,
    Watch,
    Poor,
    Key,
    Error,
    Info,
}

/// The styles in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// The style of a meaning.
    pub fn style(&self, meaning: Meaning) -> Style {
        let (fg, modifier) = match meaning {
            Meaning::Title => (Some(Color::Cyan), Modifier::BOLD),
            Meaning::Muted => (Some(Color::DarkGray), Modifier::empty()),
            Meaning::Selected => (None, Modifier::REVERSED),
            Meaning::Focused => (Some(Color::Yellow), Modifier::BOLD),
            Meaning::Overdue => (Some(Color::Red), Modifier::BOLD),
            Meaning::DueSoon => (Some(Color::Yellow), Modifier::empty()),
            Meaning::Ours => (Some(Color::Blue), Modifier::BOLD),
            Meaning::Theirs => (Some(Color::Magenta), Modifier::BOLD),
            Meaning::Good => (Some(Color::Green), Modifier::empty()),
            Meaning::Watch => (Some(Color::Yellow), Modifier::empty()),
            Meaning::Poor => (Some(Color::Red), Modifier::BOLD),
            Meaning::Key => (Some(Color::Cyan), Modifier::BOLD),
            Meaning::Error => (Some(Color::Red), Modifier::BOLD),
            Meaning::Info => (Some(Color::Green), Modifier::empty()),
        };
        let style = Style::default().add_modifier(modifier);
        match fg {
            Some(color) if self.color => style.fg(color),
            _ => style,
        }
    }
}

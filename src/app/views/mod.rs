//! Documents for the reading screens, built from loaded data; pure.

mod brief;
mod conflict;
mod explain;
mod glossary;
mod health;
mod help;
mod records;
mod timeline;
mod today;

pub use brief::brief;
pub use conflict::conflict;
pub use explain::explain;
pub use health::{band_tone, headline, health, sparkline};
pub use help::{help, widest};
pub use records::problems_and_contacts;
pub use timeline::timeline;
pub use today::{SCREEN_SECTION_LINES, today};

use super::doc::Tone;
use crate::domain::health::Level;

/// The tone and symbol of a signal level.
pub fn level_tone(level: Level) -> (Tone, &'static str) {
    match level {
        Level::Good => (Tone::Good, "✓"),
        Level::Watch => (Tone::Watch, "~"),
        Level::Poor => (Tone::Poor, "!"),
        Level::Unknown => (Tone::Muted, "?"),
    }
}

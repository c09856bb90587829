//! Letters to a partner drafted from the book: the update we owe them, and the plan we share.
//! Pure: the words come from the wording (assets/letters.toml and the config), the facts from
//! the records given.

pub mod plan;
pub mod update;
pub mod wording;

pub use wording::{Wording, fill};

//! Pure types and rules of a partnership book. No I/O, no SQL, no terminal.

pub mod agenda;
pub mod brief;
pub mod charter;
pub mod chronology;
pub mod dates;
pub mod facts;
pub mod health;
pub mod letter;
pub mod limits;
pub mod resolve;
pub mod slips;
pub mod text;
pub mod timeline;
pub mod types;

pub use dates::parse_date;
pub use types::*;

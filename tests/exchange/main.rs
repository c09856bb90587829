//! Data in and out (issue 6): JSON round trip and merge, CSV, vCard, the calendar, and the
//! all-or-nothing rule of every import.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod csv_files;
mod fuzz;
mod ics;
mod json;
mod properties;
mod snapshot;
mod support;
mod vcard;

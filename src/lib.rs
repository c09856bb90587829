//! pactum: the partnership book. Layers, one way only (README, "Layout of the code"):
//! `cli`/`tui` → `app` → `domain`, with `store` the only module that touches SQLite.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_print;
pub mod domain;
pub mod dumb_term;
pub mod editor;
pub mod exchange;
pub mod files;
pub mod paths;
pub mod runtime;
pub mod store;
pub mod tty;
pub mod tui;
pub mod ui;
pub mod wire;

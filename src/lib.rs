//! pactum: the partnership book. Layers, one way only (README, "Layout of the code"):
//! `cli`/`tui` → `app` → `domain`, with `store` the only module that touches SQLite.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod domain;
pub mod editor;
pub mod exchange;
pub mod files;
pub mod paths;
pub mod runtime;
pub mod store;
pub mod tui;
pub mod ui;

//! pactum: the partnership book. Layers, one way only (docs/ARCHITECTURE.md, checked by
//! tests/layers.rs): `cli` → `commands`/`tui` → `runtime`/`ui` → `app` → `domain`, with
//! `store` the only module that touches SQLite and `tui` the only one that touches a terminal.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod domain;
pub mod exchange;
pub mod files;
pub mod paths;
pub mod runtime;
pub mod store;
pub mod tui;
pub mod ui;

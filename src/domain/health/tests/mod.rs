//! Tests across signals: score, caps, verdict, hints, the reference aggregates, properties.

mod explain;
mod inputs;
mod properties;
mod rows;
mod rules_file;
mod strategies;
mod verdicts;

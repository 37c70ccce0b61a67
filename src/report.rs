//! Renderings of a run and of a gradient check — text, JSON and Markdown — shared by the command
//! line (`src/cli`) and the explorer (`src/tui`, which exports Markdown).
//!
//! Pure functions of the engine's results and the preset: no terminal, no clap, no files (the
//! callers write what these return).

pub mod compare;
pub mod figure;
pub mod graph_report;
pub mod histogram;
pub mod json;
pub mod markdown;
pub mod text;
pub mod train;

//! backstep: step through the forward and backward pass of the layers of *Deep Learning from
//! Scratch*, chapter 5, one elementary operation at a time.
//!
//! - [`engine`]: the maths and the tape (no UI, no I/O);
//! - [`lesson`]: what narrates the tape (learning aids, the book's figures);
//! - [`preset`]: the TOML preset format and the built-in presets;
//! - [`cli`]: the headless subcommands (`trace`, `check`, `presets`);
//! - [`tui`]: the explorer, a ratatui front end over the tape;
//! - [`i18n`]: the learner's language (English, 中文, 日本語) and the message catalogs.

pub mod cli;
pub mod engine;
pub mod i18n;
pub mod lesson;
pub mod preset;
pub mod report;
pub mod tui;

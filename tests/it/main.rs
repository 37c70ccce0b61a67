//! backstep's integration tests, one crate so the library is linked once.
//!
//! Each module is one subject (the CLI, the explorer, training, …); `support` holds what they share.
//! The tmux end-to-end test (`tests/e2e_tmux.rs`) stays a crate of its own: it drives the built binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    dead_code
)]

mod aids;
mod chapter6;
mod chapter7;
mod chapter7_fast;
mod check_cli;
mod check_popup;
mod cli;
mod compare;
mod compare_screen;
mod conv_explorer;
mod conv_training;
mod decay;
mod docs;
mod error_words;
mod experiments;
mod explorer;
mod explorer_graph;
mod gradients;
mod graph;
mod histogram;
mod interaction;
mod labs;
mod lang;
mod lang_output;
mod lang_screens;
mod layers;
mod narration;
mod numbers;
mod presets;
mod renaming;
mod rows_epochs;
mod search;
mod search_screen;
mod seed_word;
mod special_files;
mod support;
mod tape;
mod threads;
mod train_app;
mod train_screen;
mod training;
mod untranslated;
mod wording;

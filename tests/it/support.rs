//! Helpers shared by the integration tests: a key driver for the explorer, and words that read wrong.

pub mod cli;
pub mod driver;
pub mod words;

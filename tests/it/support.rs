//! Helpers shared by the integration tests: a key driver for the explorer, and words that read wrong.

pub mod driver;
pub mod words;

//! Helpers shared by the integration tests: a key driver for the explorer, words that read wrong,
//! and temporary folders that clean up after themselves.

pub mod cli;
pub mod driver;
pub mod temp;
pub mod words;

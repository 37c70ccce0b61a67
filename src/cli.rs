//! The command line: `backstep [--preset P]`, `presets`, `trace`, `check`.
//!
//! Parsing is clap's; each subcommand writes to a `Write` so tests can read it. Errors are
//! returned to `main`, which prints them and exits with code 2 (a failed check exits 1).

pub mod markdown;
pub mod output;

use std::io::Write;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::check::{DEFAULT_H, DEFAULT_TOLERANCE, gradient_check};
use crate::preset::{BUILTINS, Preset};

/// Step through backpropagation, one matrix operation at a time.
#[derive(Debug, Parser)]
#[command(
    name = "backstep",
    version,
    about,
    long_about = None,
    after_help = "Without a command, opens the explorer on the preset (default: two-layer); press ? there for every key."
)]
pub struct Cli {
    /// A built-in preset name (see `backstep presets`) or the path of a .toml preset file.
    #[arg(long, short, global = true, value_name = "NAME|PATH")]
    pub preset: Option<String>,
    /// What to do; without a command, open the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in presets, one line each.
    Presets,
    /// Print every forward and backward step of a preset.
    Trace {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = TraceFormat::Text)]
        format: TraceFormat,
    },
    /// Compare backprop's gradients with central differences; exit 1 when an error exceeds the tolerance.
    Check {
        /// Step h of the central differences.
        #[arg(long, default_value_t = DEFAULT_H)]
        eps: f64,
        /// Largest relative error that passes.
        #[arg(long, default_value_t = DEFAULT_TOLERANCE)]
        tol: f64,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
}

/// Formats of `trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// Human-readable steps.
    Text,
    /// The JSON contract of DESIGN.md.
    Json,
    /// Study notes: every step with its formula, NumPy line and matrices as tables.
    Markdown,
}

/// Formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// How a headless command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the gradient check failed.
    CheckFailed,
}

/// Load the preset named on the command line, or the default.
pub fn load_preset(arg: Option<&str>) -> Result<Preset> {
    match arg {
        Some(p) => Preset::resolve(p),
        None => Preset::default_preset(),
    }
}

/// Run a headless command, writing to `out`.
pub fn run_command(
    command: &Command,
    preset_arg: Option<&str>,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        Command::Presets => {
            let width = BUILTINS.iter().map(|b| b.name.len()).max().unwrap_or(0);
            for b in BUILTINS {
                writeln!(out, "{:width$}  {}", b.name, b.summary)?;
            }
            Ok(Outcome::Success)
        }
        Command::Trace { format } => {
            let preset = load_preset(preset_arg)?;
            let run = preset.network.run(&preset.inputs)?;
            match format {
                TraceFormat::Text => output::trace_text(&preset, &run, out)?,
                TraceFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &output::trace_json(&preset, &run))?;
                    writeln!(out)?;
                }
                TraceFormat::Markdown => {
                    out.write_all(markdown::trace_markdown(&preset, &run).as_bytes())?
                }
            }
            Ok(Outcome::Success)
        }
        Command::Check { eps, tol, format } => {
            anyhow::ensure!(
                eps.is_finite() && *eps > 0.0,
                "--eps must be a positive number, got {eps}"
            );
            anyhow::ensure!(
                tol.is_finite() && *tol > 0.0,
                "--tol must be a positive number, got {tol}"
            );
            let preset = load_preset(preset_arg)?;
            let report = gradient_check(&preset.network, &preset.inputs, *eps, *tol)?;
            match format {
                CheckFormat::Text => output::check_text(&preset, &report, out)?,
                CheckFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &output::check_json(&preset, &report))?;
                    writeln!(out)?;
                }
            }
            Ok(if report.passed() {
                Outcome::Success
            } else {
                Outcome::CheckFailed
            })
        }
    }
}

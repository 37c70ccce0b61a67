//! `backstep histogram`: send 1,000 inputs through a preset's network and count each hidden
//! activation layer's outputs into the book's 30 bins over [0, 1] (chapter 6.2.2,
//! `weight_init_activation_histogram.py`). Text and JSON here; on a terminal without `--format`,
//! `main.rs` opens the histogram screen instead.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::ValueEnum;

use super::PresetArg;
use crate::preset::histogram::Histograms;
use crate::preset::{Init, Preset, TrainOverrides};
use crate::report::histogram::{to_histogram_json, write_text};

/// Formats of `histogram`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistogramFormat {
    /// One row per bin, one column per layer.
    Text,
    /// JSON: every layer's edges, counts, and the values below and above.
    Json,
}

/// The flags of `backstep histogram`.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct HistogramArgs {
    /// The preset (default: init-sigmoid).
    #[command(flatten)]
    pub preset: PresetArg,
    /// Initial weights of every Affine W (std:0.01, xavier or he), each keeping its shape and
    /// random seed.
    #[arg(long, value_name = "std:S|xavier|he", value_parser = crate::cli::init_arg)]
    pub init: Option<Init>,
    /// Output format, which runs it headless. Without it: the histogram screen when stdout is a
    /// terminal, else text.
    #[arg(long, short, value_enum)]
    pub format: Option<HistogramFormat>,
    /// Threads.
    #[command(flatten)]
    pub threads: super::ThreadsArg,
}

/// The preset `histogram` uses without `--preset`.
pub const DEFAULT_PRESET: &str = "init-sigmoid";

impl HistogramArgs {
    /// The preset with `--init` applied to every Affine W.
    pub fn load(&self) -> Result<Preset> {
        let name = self.preset.preset.as_deref().unwrap_or(DEFAULT_PRESET);
        let overrides = TrainOverrides {
            init: self.init,
            ..TrainOverrides::default()
        };
        Preset::resolve_with(name, &overrides)
    }

    /// The preset and its histograms.
    pub fn compute(&self) -> Result<(Preset, Histograms)> {
        let preset = self.load()?;
        let histograms = preset.histograms()?;
        Ok((preset, histograms))
    }

    /// True when the histogram screen should open: no `--format` and stdout is a terminal.
    pub fn wants_screen(&self) -> bool {
        self.format.is_none() && std::io::stdout().is_terminal()
    }
}

/// Compute the histograms of `args` and write its format to `out`.
pub fn run_histogram(args: &HistogramArgs, out: &mut dyn Write) -> Result<()> {
    let (preset, h) = args.compute()?;
    match args.format.unwrap_or(HistogramFormat::Text) {
        HistogramFormat::Text => write_text(&preset.name, &preset.title, args.init, &h, out)?,
        HistogramFormat::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &to_histogram_json(&preset.name, args.init, &h),
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

//! `backstep compare`: train one run per value of a setting, on the same data, the same initial
//! weights and the same mini-batches, and print them side by side (text, JSON, CSV); on a terminal
//! without `--format`, `main.rs` opens the compare screen instead.
//!
//! Each run is exactly the run `backstep train` makes with that setting; the runs are spread over
//! the cores ([`crate::engine::experiment::spread`]).

use std::io::Write;

use anyhow::{Context, Result, anyhow};
use clap::ValueEnum;

use super::PresetArg;
use crate::engine::experiment::{spread, train_to_end};
use crate::preset::TrainOverrides;
use crate::preset::compare::{CompareRun, Vary, compare_runs};
use crate::report::compare::{FinishedRun, to_compare_json, write_csv, write_text};

/// Formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// One line per run: its final loss and accuracies.
    Text,
    /// JSON: every run as `train --format json` gives it, with its value.
    Json,
    /// One row per run and iteration: run,iter,loss,train_acc,test_acc.
    Csv,
}

/// The flags of `backstep compare`.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct CompareArgs {
    /// The training preset (default: lab-optimizers).
    #[command(flatten)]
    pub preset: PresetArg,
    /// What to vary and its values: optimizer, lr, init, weight_decay, dropout, batch_norm or
    /// batch, like optimizer=sgd,adam (default: the preset's [compare] section).
    #[arg(long, value_name = "KEY=V1,V2,…")]
    pub vary: Option<String>,
    /// Iterations of every run.
    #[arg(long, allow_negative_numbers = true)]
    pub iters: Option<usize>,
    /// The data set: digits, spiral, xor, circles, moons, mnist:DIR or preset.
    #[arg(long, value_name = "NAME|mnist:DIR")]
    pub data: Option<String>,
    /// Seed of the data, the split and the mini-batch order.
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Weight decay λ of every run (default: the preset's, else 0).
    #[arg(long, value_name = "λ", allow_negative_numbers = true, value_parser = crate::cli::finite_number)]
    pub weight_decay: Option<f64>,
    /// Output format, which runs it headless. Without it: the compare screen when stdout is a
    /// terminal, else text.
    #[arg(long, short, value_enum)]
    pub format: Option<CompareFormat>,
    /// Threads.
    #[command(flatten)]
    pub threads: super::ThreadsArg,
}

/// The preset `compare` uses without `--preset`.
pub const DEFAULT_PRESET: &str = "lab-optimizers";

impl CompareArgs {
    /// The flags every run shares.
    fn overrides(&self) -> TrainOverrides {
        TrainOverrides {
            data: self.data.clone(),
            iters: self.iters,
            seed: self.seed,
            weight_decay: self.weight_decay,
            ..TrainOverrides::default()
        }
    }

    /// True when the compare screen should open: no `--format` and stdout is a terminal.
    pub fn wants_screen(&self) -> bool {
        self.format.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
    }

    /// The varied setting and the preset of every run. `--vary` errors name the flag.
    pub fn load(&self) -> Result<(Vary, Vec<CompareRun>)> {
        let vary = match &self.vary {
            Some(text) => Some(Vary::parse(text).map_err(|e| {
                anyhow!(crate::t!(
                    "err-who-said",
                    who = format!("--vary {text}"),
                    error = format!("{e:#}")
                ))
            })?),
            None => None,
        };
        let name = self.preset.preset.as_deref().unwrap_or(DEFAULT_PRESET);
        compare_runs(name, vary.as_ref(), &self.overrides())
    }
}

/// Train every run to its end, spread over the cores.
pub fn run_all(runs: Vec<CompareRun>) -> Result<Vec<FinishedRun>> {
    let jobs: Vec<Box<dyn FnOnce() -> Result<FinishedRun> + Send>> = runs
        .into_iter()
        .map(|run| {
            Box::new(move || {
                let mut trainer = run.preset.trainer()?;
                let last = train_to_end(&mut trainer)
                    .with_context(|| format!("{} ({})", run.preset.source.describe(), run.value))?;
                Ok(FinishedRun {
                    value: run.value,
                    preset: run.preset,
                    trainer,
                    last,
                })
            }) as Box<dyn FnOnce() -> Result<FinishedRun> + Send>
        })
        .collect();
    spread(jobs).into_iter().collect()
}

/// Run the comparison of `args`, writing its format to `out`.
pub fn run_compare(args: &CompareArgs, out: &mut dyn Write) -> Result<()> {
    let (vary, runs) = args.load()?;
    let finished = run_all(runs)?;
    let key = vary.key.as_str();
    match args.format.unwrap_or(CompareFormat::Text) {
        CompareFormat::Text => write_text(key, &finished, out)?,
        CompareFormat::Csv => write_csv(&finished, out)?,
        CompareFormat::Json => {
            let name = finished.first().map_or("", |r| r.preset.name.as_str());
            serde_json::to_writer_pretty(&mut *out, &to_compare_json(name, key, &finished))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

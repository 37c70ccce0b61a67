//! `backstep train`: run a preset's `[train]` loop headless and print what the book prints.
//!
//! - text: the preset, the data and the settings, then per epoch
//!   `iter  0  loss 1.0986  train acc, test acc | 0.3333, 0.3333` (train_neuralnet.py's line),
//!   then the final numbers; a progress bar on stderr when stderr is a terminal;
//! - JSON: the contract in README.md ("Training");
//! - CSV: `iter,loss,train_acc,test_acc`, one row per iteration, the accuracies empty between
//!   evaluations (and `test_acc` empty without a test set).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};

use super::PresetArg;
use crate::engine::optim::OptimizerKind;
use crate::preset::{Init, Preset, TrainOverrides};
use crate::report::train as report;

/// Formats of `train`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainFormat {
    /// The book's lines: iteration, loss, train and test accuracy each epoch.
    Text,
    /// JSON: the contract of README.md ("train --format json").
    Json,
    /// One row per iteration: iter,loss,train_acc,test_acc.
    Csv,
}

/// The optimizers, as `--optimizer` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OptimizerArg {
    /// `W ← W − lr·dW` (default lr 0.1, train_neuralnet.py's; the SGD class's own is 0.01).
    Sgd,
    /// `v ← αv − lr·dW; W ← W + v` (default lr 0.01, α 0.9).
    Momentum,
    /// `h ← h + dW⊙dW; W ← W − lr·dW/(√h + 1e-7)` (default lr 0.01).
    Adagrad,
    /// The book's Adam with bias correction (default lr 0.001, β1 0.9, β2 0.999).
    Adam,
}

impl From<OptimizerArg> for OptimizerKind {
    fn from(o: OptimizerArg) -> Self {
        match o {
            OptimizerArg::Sgd => OptimizerKind::Sgd,
            OptimizerArg::Momentum => OptimizerKind::Momentum,
            OptimizerArg::Adagrad => OptimizerKind::AdaGrad,
            OptimizerArg::Adam => OptimizerKind::Adam,
        }
    }
}

/// The flags of `backstep train`.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct TrainArgs {
    /// The training preset (train-spiral, train-xor, train-digits, train-mnist or a file with [train]).
    #[command(flatten)]
    pub preset: PresetArg,
    /// The data set: digits, spiral, xor, circles, moons, mnist:DIR or preset.
    #[arg(long, value_name = "NAME|mnist:DIR")]
    pub data: Option<String>,
    /// Iterations.
    #[arg(long, allow_negative_numbers = true)]
    pub iters: Option<usize>,
    /// Rows per mini-batch (at least the training rows: every row, in order, each iteration).
    #[arg(long, allow_negative_numbers = true)]
    pub batch: Option<usize>,
    /// Learning rate (default: the preset's, else the optimizer's).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::finite_number)]
    pub lr: Option<f64>,
    /// Optimizer.
    #[arg(long, value_enum)]
    pub optimizer: Option<OptimizerArg>,
    /// Seed of the data, the split and the mini-batch order.
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Initial weights of every Affine W (std:0.01, xavier or he), each keeping its shape and random seed.
    #[arg(long, value_name = "std:S|xavier|he", value_parser = crate::cli::init_arg)]
    pub init: Option<Init>,
    /// Weight decay λ: the loss adds 0.5·λ·ΣW² over every Affine W, each dW adds λ·W (default:
    /// the preset's, else 0).
    #[arg(long, value_name = "λ", allow_negative_numbers = true, value_parser = crate::cli::finite_number)]
    pub weight_decay: Option<f64>,
    /// Text output: print every epoch's line (by default about 20 evenly spaced epochs and the
    /// last; JSON and CSV always hold every one).
    #[arg(long)]
    pub all_epochs: bool,
    /// Output format, which runs it headless. Without it: the training screen when stdout is a
    /// terminal, else text.
    #[arg(long, short, value_enum)]
    pub format: Option<TrainFormat>,
    /// Threads.
    #[command(flatten)]
    pub threads: super::ThreadsArg,
}

impl TrainArgs {
    /// The flags that override the preset's `[train]` values.
    pub fn overrides(&self) -> TrainOverrides {
        TrainOverrides {
            data: self.data.clone(),
            iters: self.iters,
            batch: self.batch,
            lr: self.lr,
            optimizer: self.optimizer.map(Into::into),
            seed: self.seed,
            init: self.init,
            weight_decay: self.weight_decay,
        }
    }

    /// Load the preset with the flags applied; it must have a `[train]` section.
    pub fn load(&self) -> Result<Preset> {
        let name = self.preset.preset.as_deref().unwrap_or("train-spiral");
        let preset = Preset::resolve_with(name, &self.overrides())?;
        anyhow::ensure!(
            preset.training.is_some(),
            crate::t!("cli-nothing-to-train", preset = preset.source.describe())
        );
        Ok(preset)
    }

    /// True when the training screen should open instead of headless output: no `--format` and
    /// stdout is a terminal. (The screen is not built yet, so `run` prints text either way; this
    /// is the hook the screen will use.)
    pub fn wants_screen(&self) -> bool {
        self.format.is_none() && std::io::stdout().is_terminal()
    }
}

/// Run the loop of `args`, writing `format` to `out`.
pub fn run_train(args: &TrainArgs, out: &mut dyn Write) -> Result<()> {
    let preset = args.load()?;
    let mut trainer = preset.trainer()?;
    let format = args.format.unwrap_or(TrainFormat::Text);
    let iters = trainer.config().iters;
    let epochs = report::EpochLines::new(iters, trainer.iter_per_epoch(), args.all_epochs);
    let mut bar = Progress::new(iters);
    match format {
        TrainFormat::Text => {
            report::header(&preset, &trainer, out)?;
            if let Some(note) = epochs.note() {
                writeln!(out, "{note}")?;
            }
        }
        TrainFormat::Csv => writeln!(out, "iter,loss,train_acc,test_acc")?,
        TrainFormat::Json => {}
    }
    let mut epoch_index = 0;
    while !trainer.finished() {
        let step = trainer.step().with_context(|| preset.source.describe())?;
        bar.advance(trainer.iteration());
        match format {
            TrainFormat::Text => {
                if let Some(e) = step.epoch {
                    if epochs.shows(epoch_index) {
                        let line = report::epoch_line(&step, &e);
                        // through the bar: it is cleared first and drawn again after, so no
                        // stale bar is left above the line
                        bar.bar.suspend(|| writeln!(out, "{line}"))?;
                    }
                    epoch_index += 1;
                }
            }
            TrainFormat::Csv => {
                let row = report::csv_row(&step);
                bar.bar.suspend(|| writeln!(out, "{row}"))?;
            }
            TrainFormat::Json => {}
        }
    }
    bar.bar.finish_and_clear();
    let last = trainer.final_report()?;
    match format {
        TrainFormat::Text => {
            writeln!(out, "{}", report::final_line(&last))?;
        }
        TrainFormat::Csv => {}
        TrainFormat::Json => {
            let json = report::to_json(&preset, &trainer, last);
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// How often the bar's rate and time left are worked out again.
const RATE_EVERY: Duration = Duration::from_millis(250);

/// The progress bar on stderr (hidden when stderr is not a terminal) with a rate and time
/// left of our own, from the last few seconds (see [`report::RecentRate`]).
struct Progress {
    bar: ProgressBar,
    started: Instant,
    rate: report::RecentRate,
    last_message: Option<Instant>,
    iters: usize,
}

impl Progress {
    fn new(iters: usize) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(iters as u64);
            let template = format!(
                "{{bar:40}} {{pos}}/{{len}} {}  {{msg}}",
                crate::t!("report-train-bar-unit")
            );
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            started: Instant::now(),
            rate: report::RecentRate::default(),
            last_message: None,
            iters,
        }
    }

    /// `done` iterations have run.
    fn advance(&mut self, done: usize) {
        self.bar.set_position(done as u64);
        if self.bar.is_hidden() {
            return;
        }
        let now = Instant::now();
        if self
            .last_message
            .is_some_and(|at| now.duration_since(at) < RATE_EVERY)
        {
            return;
        }
        self.last_message = Some(now);
        self.rate.record(now.duration_since(self.started), done);
        self.bar
            .set_message(self.rate.words(self.iters.saturating_sub(done)));
    }
}

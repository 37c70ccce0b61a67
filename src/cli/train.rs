//! `backstep train`: run a preset's `[train]` loop headless and print what the book prints.
//!
//! - text: the preset, the data and the settings, then per epoch
//!   `iter  0  loss 1.0986  train acc, test acc | 0.3333, 0.3333` (train_neuralnet.py's line),
//!   then the final numbers; a progress bar on stderr when stderr is a terminal;
//! - JSON: the contract in README.md ("train --format json");
//! - CSV: `iter,loss,train_acc,test_acc`, one row per iteration, the accuracies empty between
//!   evaluations (and `test_acc` empty without a test set).

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::PresetArg;
use crate::engine::optim::OptimizerKind;
use crate::engine::train::{Epoch, StepReport, Trainer};
use crate::preset::{Preset, TrainOverrides};

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
    /// `W ← W − lr·dW` (default lr 0.1).
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
    #[arg(long)]
    pub iters: Option<usize>,
    /// Rows per mini-batch (at least the training rows: every row, in order, each iteration).
    #[arg(long)]
    pub batch: Option<usize>,
    /// Learning rate (default: the preset's, else the optimizer's).
    #[arg(long)]
    pub lr: Option<f64>,
    /// Optimizer.
    #[arg(long, value_enum)]
    pub optimizer: Option<OptimizerArg>,
    /// Seed of the data, the split and the mini-batch order.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output format; without it, text (the training screen will open here on a terminal).
    #[arg(long, short, value_enum)]
    pub format: Option<TrainFormat>,
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
        }
    }

    /// Load the preset with the flags applied; it must have a `[train]` section.
    pub fn load(&self) -> Result<Preset> {
        let name = self.preset.preset.as_deref().unwrap_or("train-spiral");
        let preset = Preset::resolve_with(name, &self.overrides())?;
        anyhow::ensure!(
            preset.training.is_some(),
            "{} has no [train] section, so there is nothing to train: use train-spiral, train-xor, train-digits, train-mnist or a preset with [train]",
            preset.source.describe()
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

/// `train --format json` (a contract).
#[derive(Debug, Serialize)]
struct TrainJson<'a> {
    preset: &'a str,
    data: DataJson<'a>,
    config: ConfigJson,
    loss: &'a [f64],
    epochs: Vec<EpochJson>,
    #[serde(rename = "final")]
    last: FinalJson,
    params: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct DataJson<'a> {
    name: &'a str,
    train: usize,
    test: usize,
    features: usize,
    classes: usize,
}

#[derive(Debug, Serialize)]
struct ConfigJson {
    iters: usize,
    batch: usize,
    lr: f64,
    optimizer: &'static str,
    seed: u64,
}

#[derive(Debug, Serialize)]
struct EpochJson {
    iter: usize,
    train_acc: f64,
    test_acc: Option<f64>,
}

#[derive(Debug, Serialize)]
struct FinalJson {
    loss: Option<f64>,
    train_acc: f64,
    test_acc: Option<f64>,
}

/// Run the loop of `args`, writing `format` to `out`.
pub fn run_train(args: &TrainArgs, out: &mut dyn Write) -> Result<()> {
    let preset = args.load()?;
    let mut trainer = preset.trainer()?;
    let format = args.format.unwrap_or(TrainFormat::Text);
    let bar = progress(trainer.config().iters);
    match format {
        TrainFormat::Text => header(&preset, &trainer, out)?,
        TrainFormat::Csv => writeln!(out, "iter,loss,train_acc,test_acc")?,
        TrainFormat::Json => {}
    }
    while !trainer.finished() {
        let report = trainer.step()?;
        bar.inc(1);
        match format {
            TrainFormat::Text => {
                if let Some(e) = report.epoch {
                    writeln!(out, "{}", epoch_line(&report, &e))?;
                }
            }
            TrainFormat::Csv => writeln!(out, "{}", csv_row(&report))?,
            TrainFormat::Json => {}
        }
    }
    bar.finish_and_clear();
    let last = trainer.final_report()?;
    match format {
        TrainFormat::Text => {
            let test = last.test_acc.map_or("—".to_string(), |a| format!("{a:.4}"));
            writeln!(
                out,
                "final  loss {}  train acc {:.4}  test acc {test}",
                last.loss.map_or("—".to_string(), |l| format!("{l:.4}")),
                last.train_acc
            )?;
        }
        TrainFormat::Csv => {}
        TrainFormat::Json => {
            let json = to_json(&preset, &trainer, last);
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A progress bar on stderr when it is a terminal, else a hidden one.
fn progress(iters: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(iters as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} iterations  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}

fn header(preset: &Preset, trainer: &Trainer, out: &mut dyn Write) -> Result<()> {
    let data = trainer.data();
    let c = trainer.config();
    writeln!(out, "{} — {}", preset.name, preset.title)?;
    writeln!(
        out,
        "data {}: {} training rows, {} test rows, {} features, {} classes",
        data.name,
        data.train.rows(),
        data.test_rows(),
        data.features(),
        data.classes
    )?;
    writeln!(
        out,
        "{} lr {}, batch {}, {} iterations ({} per epoch), seed {}",
        c.optimizer.kind.as_str(),
        c.optimizer.lr,
        c.batch,
        c.iters,
        trainer.iter_per_epoch(),
        c.seed
    )?;
    Ok(())
}

/// `iter     0  loss 1.0986  train acc, test acc | 0.3333, 0.3333`.
fn epoch_line(report: &StepReport, e: &Epoch) -> String {
    let test = e.test_acc.map_or("—".to_string(), |a| format!("{a:.4}"));
    format!(
        "iter {:>6}  loss {:.4}  train acc, test acc | {:.4}, {test}",
        report.iter, report.loss, e.train_acc
    )
}

/// `12,0.5321,,` or `0,1.0986,0.3333,0.35` at full precision.
fn csv_row(report: &StepReport) -> String {
    let (train, test) = match report.epoch {
        Some(e) => (
            e.train_acc.to_string(),
            e.test_acc.map(|a| a.to_string()).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    format!("{},{},{train},{test}", report.iter, report.loss)
}

fn to_json<'a>(
    preset: &'a Preset,
    trainer: &'a Trainer,
    last: crate::engine::train::Final,
) -> TrainJson<'a> {
    let data = trainer.data();
    let c = trainer.config();
    let mut params = serde_json::Map::new();
    for l in &trainer.network().layers {
        for (param, m) in l.layer.param_list() {
            let value = if l.layer.is_vector(param) {
                serde_json::Value::from(m.iter().copied().collect::<Vec<f64>>())
            } else {
                crate::report::json::rows(m)
            };
            params.insert(format!("{}.{}", l.name, param.key()), value);
        }
    }
    TrainJson {
        preset: &preset.name,
        data: DataJson {
            name: &data.name,
            train: data.train.rows(),
            test: data.test_rows(),
            features: data.features(),
            classes: data.classes,
        },
        config: ConfigJson {
            iters: c.iters,
            batch: c.batch,
            lr: c.optimizer.lr,
            optimizer: c.optimizer.kind.as_str(),
            seed: c.seed,
        },
        loss: trainer.losses(),
        epochs: trainer
            .epochs()
            .iter()
            .map(|e| EpochJson {
                iter: e.iter,
                train_acc: e.train_acc,
                test_acc: e.test_acc,
            })
            .collect(),
        last: FinalJson {
            loss: last.loss,
            train_acc: last.train_acc,
            test_acc: last.test_acc,
        },
        params,
    }
}

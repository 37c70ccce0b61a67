//! `backstep search`: the book's hyperparameter search (6.5, `hyperparameter_optimization.py`),
//! headless as text or JSON; on a terminal without `--format`, `main.rs` opens the search screen
//! instead.
//!
//! - JSON (docs/cli.md, "search"): `{ "preset", "validation": rows, "epochs",
//!   "trials": [ { "lr", "weight_decay", "val_acc": [per epoch], "train_acc": [per epoch],
//!   "final_val_acc" } ] }`, best first;
//! - text: one line per trial, best first, as the book prints `Best-1(val acc:0.83) | lr:…, weight
//!   decay:…`.

use std::io::Write;

use anyhow::{Result, anyhow, bail};
use clap::ValueEnum;
use serde::Serialize;

use super::PresetArg;
use crate::engine::experiment::LogUniform;
use crate::engine::search::{
    LR_RANGE, SearchSpec, Trial, VALIDATION_FRACTION, WEIGHT_DECAY_RANGE, lr_to_search, search,
};
use crate::engine::train::MAX_ITERS;
use crate::i18n::format::{flag_value, parse_finite, sci};
use crate::preset::{Preset, TrainOverrides};
use crate::t;

/// Formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One line per trial, best first.
    Text,
    /// JSON: every trial with its accuracies per epoch, best first.
    Json,
}

/// The flags of `backstep search`.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct SearchArgs {
    /// The training preset (default: train-digits).
    #[command(flatten)]
    pub preset: PresetArg,
    /// Trials (the book runs 100).
    #[arg(long, default_value_t = 100, allow_negative_numbers = true)]
    pub trials: usize,
    /// Epochs each trial trains (the book's 50).
    #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
    pub epochs: usize,
    /// The learning rates to draw from, log-uniformly (default: the book's 1e-6,1e-2).
    #[arg(long, value_name = "LO,HI", allow_hyphen_values = true)]
    pub lr: Option<String>,
    /// The weight decays to draw from, log-uniformly (default: the book's 1e-8,1e-4).
    #[arg(long, value_name = "LO,HI", allow_hyphen_values = true)]
    pub weight_decay: Option<String>,
    /// The data set: digits, spiral, xor, circles, moons, mnist:DIR or preset.
    #[arg(long, value_name = "NAME|mnist:DIR")]
    pub data: Option<String>,
    /// Seed of the data, the split, the hold-out, the draws and the mini-batch order.
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Output format, which runs it headless. Without it: the search screen when stdout is a
    /// terminal, else text.
    #[arg(long, short, value_enum)]
    pub format: Option<SearchFormat>,
    /// Threads.
    #[command(flatten)]
    pub threads: super::ThreadsArg,
}

/// The preset `search` uses without `--preset`.
pub const DEFAULT_PRESET: &str = "train-digits";

/// The most trials one search runs (`--trials`).
pub const MAX_TRIALS: usize = 10_000;

/// `LO,HI` of the flag `flag`: two numbers above 0, LO ≤ HI. Errors name the flag and repeat
/// the text as given: what is wrong with a number that does not read, else the rule with the
/// book's range as the example.
fn range(flag: &str, text: Option<&str>, default: (f64, f64)) -> Result<LogUniform> {
    let Some(text) = text else {
        return LogUniform::between(default.0, default.1)
            .ok_or_else(|| anyhow!("{flag}: {}", t!("ch6b-search-bad-range", example = "")));
    };
    let example = format!("{:e},{:e}", default.0, default.1);
    let bad = || {
        anyhow!(
            "{flag} {text}: {}",
            t!("ch6b-search-bad-range", example = example.as_str())
        )
    };
    let Some((lo, hi)) = text.split_once(',') else {
        return Err(bad());
    };
    let lo = parse_finite(lo).map_err(|why| anyhow!("{flag} {text}: {why}"))?;
    let hi = parse_finite(hi).map_err(|why| anyhow!("{flag} {text}: {why}"))?;
    LogUniform::between(lo, hi).ok_or_else(bad)
}

impl SearchArgs {
    /// True when the search screen should open: no `--format` and stdout is a terminal.
    pub fn wants_screen(&self) -> bool {
        self.format.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
    }

    /// The preset and what to search; errors name the flag.
    pub fn load(&self) -> Result<(Preset, SearchSpec)> {
        if self.trials == 0 {
            bail!("--trials 0: {}", t!("ch6b-search-no-trials"));
        }
        if self.trials > MAX_TRIALS {
            bail!(
                "--trials {}: {}",
                self.trials,
                t!("search-too-many-trials", max = MAX_TRIALS.to_string())
            );
        }
        if self.epochs == 0 {
            bail!("--epochs 0: {}", t!("ch6b-search-no-epochs"));
        }
        let spec = SearchSpec {
            trials: self.trials,
            epochs: self.epochs,
            lr: range("--lr", self.lr.as_deref(), LR_RANGE)?,
            weight_decay: range(
                "--weight-decay",
                self.weight_decay.as_deref(),
                WEIGHT_DECAY_RANGE,
            )?,
        };
        let name = self.preset.preset.as_deref().unwrap_or(DEFAULT_PRESET);
        let overrides = TrainOverrides {
            data: self.data.clone(),
            seed: self.seed,
            ..TrainOverrides::default()
        };
        let preset = Preset::resolve_with(name, &overrides)?;
        let Some(training) = &preset.training else {
            bail!(t!(
                "ch6b-search-no-train",
                preset = preset.source.describe()
            ));
        };
        // each trial trains epochs × its iterations per epoch on the rows left after the hold-out
        let rows = training.data.train.rows();
        let left = rows - validation_rows(rows).min(rows);
        let per_epoch = left.div_ceil(training.config.batch.max(1)).max(1);
        if self.epochs.saturating_mul(per_epoch) > MAX_ITERS {
            bail!(
                "--epochs {}: {}",
                self.epochs,
                t!(
                    "search-too-many-epochs",
                    per_epoch = per_epoch,
                    max = MAX_ITERS.to_string(),
                    most = (MAX_ITERS / per_epoch).to_string()
                )
            );
        }
        Ok((preset, spec))
    }
}

/// The validation rows held out of `rows` training rows (as [`hold_out`] does).
///
/// [`hold_out`]: crate::engine::experiment::hold_out
pub fn validation_rows(rows: usize) -> usize {
    (VALIDATION_FRACTION * rows as f64).floor() as usize
}

/// A finished search of a preset.
#[derive(Debug)]
pub struct SearchResult {
    /// The preset searched.
    pub preset: Preset,
    /// The validation rows held out.
    pub validation: usize,
    /// The trials, best first.
    pub trials: Vec<Trial>,
}

/// Run the search of `preset` with `spec`.
pub fn run_search(preset: Preset, spec: &SearchSpec) -> Result<SearchResult> {
    let Some(training) = &preset.training else {
        bail!(t!(
            "ch6b-search-no-train",
            preset = preset.source.describe()
        ));
    };
    let validation = validation_rows(training.data.train.rows());
    let trials = search(&preset.network, &training.data, training.config, spec)
        .map_err(|e| anyhow!("{}: {e:#}", preset.source.describe()))?;
    Ok(SearchResult {
        preset,
        validation,
        trials,
    })
}

#[derive(Debug, Serialize)]
struct SearchJson<'a> {
    preset: &'a str,
    validation: usize,
    epochs: usize,
    trials: Vec<TrialJson<'a>>,
}

#[derive(Debug, Serialize)]
struct TrialJson<'a> {
    lr: f64,
    weight_decay: f64,
    val_acc: &'a [f64],
    train_acc: &'a [f64],
    final_val_acc: f64,
}

/// `backstep search`: run it and write its format to `out`.
pub fn run(args: &SearchArgs, out: &mut dyn Write) -> Result<()> {
    let (preset, spec) = args.load()?;
    let result = run_search(preset, &spec)?;
    match args.format.unwrap_or(SearchFormat::Text) {
        SearchFormat::Json => {
            let json = SearchJson {
                preset: &result.preset.name,
                validation: result.validation,
                epochs: spec.epochs,
                trials: result
                    .trials
                    .iter()
                    .map(|t| TrialJson {
                        lr: t.lr,
                        weight_decay: t.weight_decay,
                        val_acc: &t.val_acc,
                        train_acc: &t.train_acc,
                        final_val_acc: t.final_val_acc,
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        SearchFormat::Text => {
            writeln!(out, "{} — {}", result.preset.name, result.preset.title)?;
            writeln!(
                out,
                "{}",
                t!(
                    "ch6b-search-header",
                    trials = result.trials.len(),
                    epochs = spec.epochs,
                    validation = result.validation
                )
            )?;
            for (rank, trial) in result.trials.iter().enumerate() {
                writeln!(
                    out,
                    "{}",
                    t!(
                        "ch6b-search-line",
                        rank = rank + 1,
                        acc = format!("{:.4}", trial.final_val_acc),
                        lr = sci(trial.lr),
                        decay = sci(trial.weight_decay)
                    )
                )?;
            }
            if let Some(training) = &result.preset.training {
                let (classes, lr) = (training.data.classes, training.config.optimizer.lr);
                let best = result.trials.first().map(|t| t.final_val_acc);
                if let Some((lo, hi)) = lr_to_search(best, classes, lr, spec.lr) {
                    writeln!(
                        out,
                        "{}",
                        t!(
                            "ch6b-search-chance",
                            classes = classes,
                            preset = result.preset.name.as_str(),
                            lr = flag_value(lr),
                            lo = flag_value(lo),
                            hi = flag_value(hi)
                        )
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

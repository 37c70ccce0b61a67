//! The `[train]` section of a preset, command-line overrides, and building the training setup.
//!
//! ```toml
//! [train]
//! data = "spiral"      # digits | spiral | xor | circles | moons | "mnist:DIR" | "preset"
//! points = 100         # generated sets: points per class
//! classes = 3
//! noise = 0.2
//! seed = 0             # data, split and mini-batch order
//! test_fraction = 0.2  # generated sets and digits
//! iters = 10000
//! batch = 100
//! lr = 1.0             # default: the optimizer's (SGD 0.1, Momentum and AdaGrad 0.01, Adam 0.001)
//! optimizer = "sgd"    # sgd | momentum | adagrad | adam
//! momentum = 0.9       # momentum only
//! init = "he"          # every Affine W: std:0.01 | xavier | he (keeps its shape and random seed)
//! eval_samples = 1000  # per-epoch accuracies on the first 1,000 rows of each set (default: all)
//! weight_decay = 0.1   # λ: the loss adds 0.5·λ·ΣW² over every Affine W, each dW adds λ·W
//! train_rows = 300     # keep the first 300 training rows (overfit_weight_decay.py's x_train[:300])
//! epochs = 201         # instead of iters: iters = epochs × iter_per_epoch
//! ```

use std::sync::Arc;

use crate::t;
use anyhow::{Result, anyhow, bail, ensure};
use serde::Deserialize;
use toml::Spanned;

use super::Init;
pub use super::data::DataSpec;
use super::data::{load_mnist, mnist_needs_folder};
use crate::engine::data::generated::Generated;
use crate::engine::data::{Dataset, Labeled, Layout, digits};
use crate::engine::optim::{Optimizer, OptimizerConfig, OptimizerKind};
use crate::engine::train::{MAX_ITERS, TrainConfig};

/// The `[train]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTrain {
    data: Option<Spanned<String>>,
    points: Option<Spanned<i64>>,
    classes: Option<Spanned<i64>>,
    noise: Option<Spanned<f64>>,
    seed: Option<Spanned<i64>>,
    test_fraction: Option<Spanned<f64>>,
    iters: Option<Spanned<i64>>,
    batch: Option<Spanned<i64>>,
    lr: Option<Spanned<f64>>,
    optimizer: Option<Spanned<String>>,
    momentum: Option<Spanned<f64>>,
    init: Option<Spanned<String>>,
    eval_samples: Option<Spanned<i64>>,
    weight_decay: Option<Spanned<f64>>,
    train_rows: Option<Spanned<i64>>,
    epochs: Option<Spanned<i64>>,
}

/// A `[train]` section with its defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainSection {
    /// The data set.
    pub data: DataSpec,
    /// Generated sets: points per class (default 100).
    pub points: usize,
    /// Generated sets: classes (default 3 for the spiral, else 2).
    pub classes: Option<usize>,
    /// Generated sets: noise (default 0.2 for the spiral, 0.1 otherwise).
    pub noise: Option<f64>,
    /// Seed of the data, the split and the mini-batch order (default 0).
    pub seed: u64,
    /// Share of rows kept for testing (default 0.2; digits and generated sets).
    pub test_fraction: f64,
    /// Iterations (default 10,000).
    pub iters: usize,
    /// Rows per mini-batch (default 100).
    pub batch: usize,
    /// The learning rate; `None`: the optimizer's default.
    pub lr: Option<f64>,
    /// The optimizer (default SGD).
    pub optimizer: OptimizerKind,
    /// Momentum's α (default 0.9).
    pub momentum: f64,
    /// How every Affine W is drawn (`std:0.01`, `xavier`, `he`); `None`: as each W's generator says.
    pub init: Option<Init>,
    /// Rows of each set measured at an epoch's end (the book's `evaluate_sample_num_per_epoch`);
    /// `None`: all of them. The final accuracies always use every row.
    pub eval_samples: Option<usize>,
    /// Weight decay λ (default 0: none).
    pub weight_decay: f64,
    /// Keep only the first this many training rows (`x_train[:300]`); `None`: every one.
    pub train_rows: Option<usize>,
    /// Train this many epochs instead of `iters`: iters = epochs × iter_per_epoch, worked out
    /// once the data set is known ([`TrainSection::iters_for`]).
    pub epochs: Option<usize>,
}

impl Default for TrainSection {
    fn default() -> Self {
        TrainSection {
            data: DataSpec::Preset,
            points: 100,
            classes: None,
            noise: None,
            seed: 0,
            test_fraction: 0.2,
            iters: 10_000,
            batch: 100,
            lr: None,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            init: None,
            eval_samples: None,
            weight_decay: 0.0,
            train_rows: None,
            epochs: None,
        }
    }
}

/// Command-line flags that override the `[train]` values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainOverrides {
    /// `--data`.
    pub data: Option<String>,
    /// `--iters`.
    pub iters: Option<usize>,
    /// `--batch`.
    pub batch: Option<usize>,
    /// `--lr`.
    pub lr: Option<f64>,
    /// `--optimizer`.
    pub optimizer: Option<OptimizerKind>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--init`: how every Affine W is drawn, keeping its shape and random seed. Unlike the other
    /// flags it applies to a preset without `[train]` too.
    pub init: Option<Init>,
    /// `--weight-decay`.
    pub weight_decay: Option<f64>,
}

impl TrainOverrides {
    /// True when no flag was given.
    pub fn is_empty(&self) -> bool {
        *self == TrainOverrides::default()
    }
}

/// `line L, column C` of a spanned value, through the caller's locator.
type Locate<'a> = &'a dyn Fn(std::ops::Range<usize>) -> String;

fn whole<T>(v: &Spanned<i64>, name: &str, at: Locate<'_>, min: i64) -> Result<T>
where
    T: TryFrom<i64>,
{
    let n = *v.get_ref();
    ensure!(
        n >= min,
        "{}: {}",
        at(v.span()),
        t!(
            "perr-at-least",
            name = name,
            n = n.to_string(),
            min = min.to_string()
        )
    );
    T::try_from(n).map_err(|_| {
        anyhow!(
            "{}: {}",
            at(v.span()),
            t!("perr-too-large", name = name, n = n.to_string())
        )
    })
}

impl RawTrain {
    /// Check every value and fill in the defaults; errors carry the line and column.
    pub(crate) fn resolve(&self, at: Locate<'_>) -> Result<TrainSection> {
        let mut s = TrainSection::default();
        if let Some(d) = &self.data {
            s.data = DataSpec::parse(d.get_ref()).map_err(|e| anyhow!("{}: {e}", at(d.span())))?;
        }
        if let Some(v) = &self.points {
            s.points = whole(v, "points", at, 1)?;
        }
        if let Some(v) = &self.classes {
            s.classes = Some(whole(v, "classes", at, 1)?);
        }
        if let Some(v) = &self.seed {
            s.seed = whole(v, "seed", at, 0)?;
        }
        if let Some(v) = &self.eval_samples {
            s.eval_samples = Some(whole(v, "eval_samples", at, 1)?);
        }
        if let Some(v) = &self.iters {
            s.iters = whole(v, "iters", at, 1)?;
            ensure!(
                s.iters <= MAX_ITERS,
                "{}: {}",
                at(v.span()),
                t!(
                    "perr-iters-too-many",
                    n = s.iters.to_string(),
                    max = MAX_ITERS.to_string()
                )
            );
        }
        if let Some(v) = &self.batch {
            s.batch = whole(v, "batch", at, 1)?;
        }
        if let Some(v) = &self.train_rows {
            s.train_rows = Some(whole(v, "train_rows", at, 1)?);
        }
        if let Some(v) = &self.epochs {
            ensure!(
                self.iters.is_none(),
                "{}: {}",
                at(v.span()),
                crate::t!("ch6c-epochs-and-iters")
            );
            s.epochs = Some(whole(v, "epochs", at, 1)?);
        }
        let number = |v: &Spanned<f64>, name: &str| -> Result<f64> {
            let x = *v.get_ref();
            ensure!(
                x.is_finite(),
                "{}: {}",
                at(v.span()),
                t!(
                    "perr-not-finite",
                    name = name,
                    why = crate::i18n::format::not_finite(x)
                )
            );
            Ok(x)
        };
        if let Some(v) = &self.noise {
            s.noise = Some(number(v, "noise")?);
        }
        if let Some(v) = &self.test_fraction {
            s.test_fraction = number(v, "test_fraction")?;
        }
        if let Some(v) = &self.lr {
            s.lr = Some(number(v, "lr")?);
        }
        if let Some(v) = &self.momentum {
            s.momentum = number(v, "momentum")?;
        }
        if let Some(v) = &self.weight_decay {
            let lambda = number(v, "weight_decay")?;
            ensure!(
                lambda >= 0.0,
                "{}: {}",
                at(v.span()),
                t!(
                    "ch6c-weight-decay-bad",
                    key = "weight_decay",
                    value = crate::i18n::format::given(lambda)
                )
            );
            s.weight_decay = lambda;
        }
        if let Some(v) = &self.init {
            s.init =
                Some(Init::parse(v.get_ref()).map_err(|e| anyhow!("{}: init: {e}", at(v.span())))?);
        }
        if let Some(o) = &self.optimizer {
            s.optimizer = OptimizerKind::parse(o.get_ref()).ok_or_else(|| {
                anyhow!(
                    "{}: {}",
                    at(o.span()),
                    t!(
                        "perr-optimizer-unknown",
                        optimizer = o.get_ref().as_str(),
                        names = "sgd, momentum, adagrad, adam"
                    )
                )
            })?;
        }
        Ok(s)
    }
}

impl TrainSection {
    /// The section with the command-line flags applied.
    pub fn with(&self, o: &TrainOverrides) -> Result<TrainSection> {
        let mut s = self.clone();
        if let Some(d) = &o.data {
            let data = DataSpec::parse(d).map_err(|e| anyhow!("--data: {e}"))?;
            if data != s.data {
                // The preset's classes and noise describe its own data set.
                s.classes = None;
                s.noise = None;
            }
            s.data = data;
        }
        if let Some(opt) = o.optimizer {
            if opt != s.optimizer {
                // The preset's learning rate was chosen for its optimizer.
                s.lr = None;
            }
            s.optimizer = opt;
        }
        if let Some(iters) = o.iters {
            // --iters wins over the section's epochs as over its iters
            s.iters = iters;
            s.epochs = None;
        }
        s.batch = o.batch.unwrap_or(s.batch);
        s.lr = o.lr.or(s.lr);
        s.seed = o.seed.unwrap_or(s.seed);
        s.init = o.init.or(s.init);
        if let Some(lambda) = o.weight_decay {
            ensure!(
                lambda.is_finite() && lambda >= 0.0,
                t!(
                    "ch6c-weight-decay-bad",
                    key = "--weight-decay",
                    value = crate::i18n::format::given(lambda)
                )
            );
            s.weight_decay = lambda;
        }
        ensure!(s.iters > 0, t!("perr-flag-iters-zero"));
        ensure!(
            s.iters <= MAX_ITERS,
            t!(
                "perr-flag-iters-too-many",
                n = s.iters.to_string(),
                max = MAX_ITERS.to_string()
            )
        );
        ensure!(s.batch > 0, t!("perr-flag-batch-zero"));
        Ok(s)
    }

    /// The loop's settings.
    pub fn config(&self) -> Result<TrainConfig> {
        let optimizer = OptimizerConfig {
            lr: self.lr.unwrap_or(self.optimizer.default_lr()),
            momentum: self.momentum,
            ..OptimizerConfig::defaults(self.optimizer)
        };
        optimizer.validate()?;
        Ok(TrainConfig {
            iters: self.iters,
            batch: self.batch,
            optimizer,
            seed: self.seed,
            eval_samples: self.eval_samples,
            weight_decay: self.weight_decay,
        })
    }

    /// The iterations to run on `data`: `epochs × iter_per_epoch` when the section gives epochs
    /// (`iter_per_epoch = max(⌈train rows / batch⌉, 1)`), else `iters`.
    pub fn iters_for(&self, data: &Dataset) -> Result<usize> {
        let Some(epochs) = self.epochs else {
            return Ok(self.iters);
        };
        let per_epoch = data.train.rows().div_ceil(self.batch.max(1)).max(1);
        let iters = epochs.saturating_mul(per_epoch);
        ensure!(
            iters <= MAX_ITERS,
            crate::t!(
                "ch6c-epochs-too-many",
                epochs = epochs,
                per_epoch = per_epoch,
                max = MAX_ITERS
            )
        );
        Ok(iters)
    }

    /// Build the data set (its first `train_rows` training rows when the section says so);
    /// `own` is the preset's `x` and one-hot `t` (for `data = "preset"`) and `preset` its name
    /// (for the MNIST error).
    pub fn dataset(&self, own: Option<Labeled>, preset: &str) -> Result<Dataset> {
        let mut data = self.whole_dataset(own, preset)?;
        if let Some(n) = self.train_rows {
            let rows = data.train.rows();
            ensure!(
                n <= rows,
                crate::t!(
                    "ch6c-train-rows-too-many",
                    n = n,
                    data = data.name.as_str(),
                    rows = rows
                )
            );
            if n < rows {
                data.train = data.train.select(&(0..n).collect::<Vec<_>>());
            }
        }
        Ok(data)
    }

    fn whole_dataset(&self, own: Option<Labeled>, preset: &str) -> Result<Dataset> {
        let generated_only = |what: &str, given: bool| -> Result<()> {
            ensure!(
                !given || matches!(self.data, DataSpec::Generated(_)),
                t!("perr-generated-only", what = what, data = self.data.name())
            );
            Ok(())
        };
        generated_only("classes", self.classes.is_some())?;
        generated_only("noise", self.noise.is_some())?;
        match &self.data {
            DataSpec::Digits => Dataset::split(
                "digits",
                digits::load()?,
                self.test_fraction,
                self.seed,
                Layout::Image {
                    width: 8,
                    height: 8,
                },
            ),
            DataSpec::Generated(shape) => {
                let all = Generated {
                    shape: *shape,
                    points: self.points,
                    classes: self.classes.unwrap_or(shape.default_classes()),
                    noise: self
                        .noise
                        .unwrap_or(if shape.as_str() == "spiral" { 0.2 } else { 0.1 }),
                    seed: self.seed,
                }
                .generate()?;
                Dataset::split(
                    shape.as_str(),
                    all,
                    self.test_fraction,
                    self.seed,
                    Layout::Points,
                )
            }
            DataSpec::Mnist(Some(dir)) => load_mnist(dir),
            DataSpec::Mnist(None) => Err(mnist_needs_folder(preset)),
            DataSpec::Preset => match own {
                Some(all) => {
                    let layout = if all.x.ncols() == 2 {
                        Layout::Points
                    } else {
                        Layout::Plain
                    };
                    Ok(Dataset::whole("preset", all, layout))
                }
                None => bail!(t!("perr-data-preset-none", names = super::data::DATA_NAMES)),
            },
        }
    }
}

/// A preset's training setup, resolved: the section, the loop's settings and the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// The `[train]` values after the flags.
    pub section: TrainSection,
    /// The loop's settings.
    pub config: TrainConfig,
    /// The data set.
    pub data: Arc<Dataset>,
    /// The optimizer, state included, that the update phase applies: an iteration opened from
    /// the training screen carries the trainer's (Momentum's v, AdaGrad's h, Adam's m, v and
    /// step count), so an edit reruns the same update; `None` for a fresh one.
    pub optimizer: Option<Optimizer>,
}

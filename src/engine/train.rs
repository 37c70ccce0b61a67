//! The training loop of the book's `train_neuralnet.py`, one iteration at a time.
//!
//! A [`Trainer`] owns the network, the optimizer and its state, the data set and the iteration
//! counter. [`Trainer::step`] runs one iteration exactly as the book and README ("Training") pin it down:
//! 1. draw a mini-batch of `batch` row indices **with replacement** from the training rows
//!    (`np.random.choice(train_size, batch_size)`), from the SplitMix64 stream of the seed; with
//!    `batch` ≥ the training rows every iteration uses all rows in order instead (plain gradient
//!    descent, no randomness);
//! 2. forward and backward on it, then update every parameter with the optimizer;
//! 3. record the mini-batch loss **after** the update (a forward pass with `train = false`);
//! 4. when `i % iter_per_epoch == 0` (i from 0, `iter_per_epoch = max(⌈train_rows / batch⌉, 1)`),
//!    measure train and test accuracy after that update.
//!
//! It is `Send`, so a screen can run it on a worker thread. [`Trainer::record_next`] records the
//! iteration about to run (its mini-batch, the current weights: forward, backward and the
//! updates) for the explorer without changing the trainer.

pub mod decay;
mod eval;
mod pass;

pub use pass::run_with_update;
use pass::{apply, has_modes, test_mode};

use std::sync::Arc;

use anyhow::{Result, ensure};

use super::Matrix;
use super::data::{Dataset, Labeled, Layout};
use super::linalg::team_if;
use super::network::{Inputs, Network, Run, Targets};
use super::optim::{Optimizer, OptimizerConfig};
use super::rng::SplitMix64;
use super::run::Overflow;
use super::tensor::ImageShape;
use crate::i18n::format;

pub use eval::{accuracy, grid_points, predict_scores};

/// The purpose mixed into the seed for the mini-batch draws (see [`SplitMix64::stream`]).
pub const BATCH_STREAM: u64 = 0x4241_5443_4800_0000;

/// The most iterations a run may have: the loss of every one is kept (for the chart, `--format
/// json` and `csv`), and the book trains 10,000.
pub const MAX_ITERS: usize = 10_000_000;

/// The loop's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Iterations to run.
    pub iters: usize,
    /// Rows per mini-batch.
    pub batch: usize,
    /// The optimizer and its hyper-parameters.
    pub optimizer: OptimizerConfig,
    /// The seed of the mini-batch order (the data and split use it too, upstream).
    pub seed: u64,
    /// Rows of each set measured at an epoch's end, the first ones (the book's
    /// `evaluate_sample_num_per_epoch`); `None`: every row.
    pub eval_samples: Option<usize>,
    /// Weight decay λ (6.4.2): the loss adds 0.5·λ·ΣW² over every Affine W and each W's
    /// gradient adds λ·W (the book's `MultiLayerNet`); 0 for none.
    pub weight_decay: f64,
}

/// Accuracy measured at an epoch boundary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epoch {
    /// The iteration after whose update it was measured (from 0).
    pub iter: usize,
    /// Accuracy on every training row.
    pub train_acc: f64,
    /// Accuracy on the test rows, when there are any.
    pub test_acc: Option<f64>,
}

/// What one iteration did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepReport {
    /// Its index (from 0).
    pub iter: usize,
    /// The mini-batch loss after the update.
    pub loss: f64,
    /// The accuracies, when this iteration closed an epoch.
    pub epoch: Option<Epoch>,
}

/// The numbers after the last iteration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Final {
    /// The last recorded loss.
    pub loss: Option<f64>,
    /// Accuracy on every training row with the current weights.
    pub train_acc: f64,
    /// Accuracy on the test rows, when there are any.
    pub test_acc: Option<f64>,
}

/// The iteration about to run, recorded for the explorer.
#[derive(Debug, Clone)]
pub struct RecordedIteration {
    /// Which iteration (from 0).
    pub iter: usize,
    /// Its mini-batch.
    pub inputs: Inputs,
    /// Forward, backward and the update phase on the current weights.
    pub run: Run,
    /// The optimizer with its state before this iteration's update.
    pub optimizer: Optimizer,
}

/// The training loop's state: network, optimizer, data, iteration counter and history.
#[derive(Debug, Clone)]
pub struct Trainer {
    initial: Network,
    network: Network,
    data: Arc<Dataset>,
    config: TrainConfig,
    optimizer: Optimizer,
    batch_rng: SplitMix64,
    iter: usize,
    losses: Vec<f64>,
    epochs: Vec<Epoch>,
}

impl Trainer {
    /// A trainer at iteration 0. Errors when the network does not end in Softmax-with-Loss, does
    /// not fit the data's features or classes, or the settings are out of range.
    pub fn new(mut network: Network, data: Arc<Dataset>, config: TrainConfig) -> Result<Trainer> {
        ensure!(config.iters > 0, crate::t!("err-iters-zero"));
        ensure!(
            config.iters <= MAX_ITERS,
            crate::t!(
                "err-iters-max",
                iters = config.iters.to_string(),
                max = MAX_ITERS.to_string()
            )
        );
        ensure!(config.batch > 0, crate::t!("err-batch-zero"));
        ensure!(
            config.weight_decay.is_finite() && config.weight_decay >= 0.0,
            crate::t!(
                "ch6c-weight-decay-bad",
                key = "weight_decay",
                value = format::given(config.weight_decay)
            )
        );
        ensure!(network.has_loss(), crate::t!("err-train-needs-loss"));
        ensure!(
            data.train.rows() > 0,
            crate::t!("err-no-training-rows", name = data.name.as_str())
        );
        let probe = data.train.select(&[0]);
        let image = image_of(&network, &data);
        network
            .resolve_images(image)
            .and_then(|()| network.validate(&inputs(probe, image)))
            .map_err(|e| {
                anyhow::anyhow!(crate::t!(
                    "err-network-data",
                    name = data.name.as_str(),
                    features = data.features(),
                    classes = data.classes,
                    error = format!("{e:#}")
                ))
            })?;
        Ok(Trainer {
            initial: network.clone(),
            network,
            data,
            optimizer: Optimizer::new(config.optimizer)?,
            batch_rng: SplitMix64::stream(config.seed, BATCH_STREAM),
            config,
            iter: 0,
            losses: Vec::new(),
            epochs: Vec::new(),
        })
    }

    /// The sample shape of the rows the network reads: 1×H×W images when its first layer is a
    /// convolution (or pooling) and the data set holds images, else `None`.
    pub fn image(&self) -> Option<ImageShape> {
        image_of(&self.network, &self.data)
    }

    /// The settings.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The data set.
    pub fn data(&self) -> &Arc<Dataset> {
        &self.data
    }

    /// The network with the current parameters.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The optimizer with its state.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// Iterations run so far (the index of the next one).
    pub fn iteration(&self) -> usize {
        self.iter
    }

    /// True when `iters` iterations have run.
    pub fn finished(&self) -> bool {
        self.iter >= self.config.iters
    }

    /// `max(⌈train_rows / batch⌉, 1)`.
    pub fn iter_per_epoch(&self) -> usize {
        self.data.train.rows().div_ceil(self.config.batch).max(1)
    }

    /// The loss of every iteration so far (after its update).
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// The accuracies measured so far, one per epoch.
    pub fn epochs(&self) -> &[Epoch] {
        &self.epochs
    }

    /// The current parameters, keyed `layer name.parameter` (`Affine1.W`), in layer order.
    pub fn params(&self) -> Vec<(String, &Matrix)> {
        self.network
            .layers
            .iter()
            .flat_map(|l| {
                l.layer
                    .params()
                    .into_iter()
                    .map(move |(p, m)| (format!("{}.{p}", l.name), m))
            })
            .collect()
    }

    /// Change the learning rate from the next iteration on (the optimizer's state is kept).
    pub fn set_lr(&mut self, lr: f64) -> Result<()> {
        self.optimizer.set_lr(lr)?;
        self.config.optimizer.lr = lr;
        Ok(())
    }

    /// Switch optimizer from the next iteration on; its state starts from zeros.
    pub fn set_optimizer(&mut self, config: OptimizerConfig) -> Result<()> {
        self.optimizer = Optimizer::new(config)?;
        self.config.optimizer = config;
        Ok(())
    }

    /// Back to iteration 0 with the initial weights, fresh optimizer state and the mini-batch
    /// order of `seed` (the data set stays as it is).
    pub fn restart(&mut self, seed: u64) -> Result<()> {
        self.network = self.initial.clone();
        self.optimizer = Optimizer::new(self.config.optimizer)?;
        self.config.seed = seed;
        self.batch_rng = SplitMix64::stream(seed, BATCH_STREAM);
        self.iter = 0;
        self.losses.clear();
        self.epochs.clear();
        Ok(())
    }

    /// The row indices of the next mini-batch, drawn from `rng`.
    fn draw(&self, rng: &mut SplitMix64) -> Option<Vec<usize>> {
        draw(self.data.train.rows(), self.config.batch, rng)
    }

    /// The mini-batch the next iteration will use (the whole training set in gradient descent).
    pub fn next_batch(&self) -> Labeled {
        match self.draw(&mut self.batch_rng.clone()) {
            Some(idx) => self.data.train.select(&idx),
            None => self.data.train.clone(),
        }
    }

    /// Run one iteration (see the module documentation).
    pub fn step(&mut self) -> Result<StepReport> {
        // One team for the whole step (its products, the update, the evaluation), when some
        // product of it is large enough to split.
        let evaluates = self.iter % self.iter_per_epoch() == 0;
        let rows = if evaluates {
            eval::CHUNK_ROWS.min(self.data.train.rows())
        } else {
            self.config.batch.min(self.data.train.rows())
        };
        let (iter, lr) = (self.iter, self.config.optimizer.lr);
        team_if(self.network.splits_products(rows), || self.step_alone())
            .map_err(|e| in_training(e, iter, lr))
    }

    fn step_alone(&mut self) -> Result<StepReport> {
        let drawn = draw(
            self.data.train.rows(),
            self.config.batch,
            &mut self.batch_rng,
        );
        let batch = match drawn {
            Some(idx) => self.data.train.select(&idx),
            None => self.data.train.clone(),
        };
        let inputs = inputs(batch, self.image());
        let resolved = self.network.validate(&inputs)?;
        let (_, mut grads) = self.network.param_gradients(&inputs, &resolved)?;
        let lambda = self.config.weight_decay;
        decay::add_to_grads(&self.network, &mut grads, lambda);
        if has_modes(&self.network) {
            // Dropout's next mask, BatchNorm's running statistics: from this batch's forward.
            let caches = self.network.forward_caches(&inputs, &resolved)?;
            for (l, cache) in self.network.layers.iter_mut().zip(&caches) {
                l.layer.train_step(self.iter as u64, cache);
            }
        }
        apply(&mut self.network, &mut self.optimizer, &grads, false)?;
        let mut loss = test_mode(&self.network).objective(&inputs, &resolved)?;
        if lambda != 0.0 {
            loss += decay::penalty(&self.network, lambda);
        }
        if !loss.is_finite() {
            return Err(Overflow {
                what: crate::t!("err-what-the-loss"),
                value: loss,
            }
            .into());
        }
        self.losses.push(loss);
        let iter = self.iter;
        let epoch = if iter % self.iter_per_epoch() == 0 {
            let (train_acc, test_acc) = self.accuracies_on(self.config.eval_samples)?;
            let e = Epoch {
                iter,
                train_acc,
                test_acc,
            };
            self.epochs.push(e);
            Some(e)
        } else {
            None
        };
        self.iter += 1;
        Ok(StepReport { iter, loss, epoch })
    }

    /// Train and test accuracy with the current weights.
    pub fn accuracies(&self) -> Result<(f64, Option<f64>)> {
        self.accuracies_on(None)
    }

    /// Train and test accuracy on the first `limit` rows of each set (every row for `None`).
    fn accuracies_on(&self, limit: Option<usize>) -> Result<(f64, Option<f64>)> {
        let network = test_mode(&self.network);
        let head = |set: &Labeled| -> Result<f64> {
            match limit.filter(|&n| n < set.rows()) {
                Some(n) => accuracy(&network, &set.select(&(0..n).collect::<Vec<_>>())),
                None => accuracy(&network, set),
            }
        };
        let train = head(&self.data.train)?;
        let test = match &self.data.test {
            Some(t) => Some(head(t)?),
            None => None,
        };
        Ok((train, test))
    }

    /// The numbers after the last iteration: the last loss and both accuracies now.
    pub fn final_report(&self) -> Result<Final> {
        let (train_acc, test_acc) = self.accuracies()?;
        Ok(Final {
            loss: self.losses.last().copied(),
            train_acc,
            test_acc,
        })
    }

    /// Class probabilities (softmax of the scores) for the rows of `x`, with the current weights.
    pub fn predict(&self, x: &Matrix) -> Result<Matrix> {
        Ok(super::layer::softmax_rows(&predict_scores(
            &self.network,
            x,
        )?))
    }

    /// The predicted class of each row of `x` (e.g. test images), with the current weights.
    pub fn predict_labels(&self, x: &Matrix) -> Result<Vec<usize>> {
        let network = test_mode(&self.network);
        Ok(super::data::argmax_rows(&predict_scores(&network, x)?))
    }

    /// The predicted class at each point of a `cols`×`rows` grid over the rectangle `x` × `y`
    /// (row 0 at the top, `y.1`), for a decision-boundary map of 2-D data.
    pub fn predict_grid(
        &self,
        x: (f64, f64),
        y: (f64, f64),
        cols: usize,
        rows: usize,
    ) -> Result<Vec<usize>> {
        ensure!(
            self.data.features() == 2,
            crate::t!(
                "err-boundary-features",
                name = self.data.name.as_str(),
                features = self.data.features().to_string()
            )
        );
        let points = grid_points(x, y, cols, rows);
        Ok(super::data::argmax_rows(&predict_scores(
            &self.network,
            &points,
        )?))
    }

    /// Record the iteration about to run: its mini-batch and the current weights; the tape holds
    /// forward, backward and then the update phase the optimizer would apply (with its current
    /// state). The trainer does not change.
    pub fn record_next(&self) -> Result<RecordedIteration> {
        let inputs = inputs(self.next_batch(), self.image());
        let run = run_with_update(
            &self.network,
            &inputs,
            &self.optimizer,
            self.config.weight_decay,
        )?;
        Ok(RecordedIteration {
            iter: self.iter,
            inputs,
            run,
            optimizer: self.optimizer.clone(),
        })
    }
}

/// `batch` row indices drawn with replacement from `rows`, or `None` when the batch takes every row.
/// An error of iteration `iter` at learning rate `lr`, said for training: an overflow (f64's
/// inf or NaN, almost always from too large a learning rate) says to lower the learning rate and
/// names the iteration; any other error is prefixed with the iteration.
fn in_training(e: anyhow::Error, iter: usize, lr: f64) -> anyhow::Error {
    match e.downcast_ref::<Overflow>() {
        Some(o) => anyhow::anyhow!(crate::t!(
            "err-overflow-training",
            iter = iter.to_string(),
            what = o.what.as_str(),
            value = format::num(o.value, 0),
            inf = format::not_finite(f64::INFINITY),
            lr = format::given(lr)
        )),
        None => e.context(crate::t!("err-iteration", iter = iter.to_string())),
    }
}

fn draw(rows: usize, batch: usize, rng: &mut SplitMix64) -> Option<Vec<usize>> {
    (batch < rows).then(|| (0..batch).map(|_| rng.below(rows)).collect())
}

/// The sample shape a data set's rows have for `network`: N×1×H×W images when its first layer
/// slides windows and the rows are images.
pub fn image_of(network: &Network, data: &Dataset) -> Option<ImageShape> {
    match data.layout {
        Layout::Image { width, height } if network.takes_images() => {
            Some(ImageShape::new(1, height, width))
        }
        _ => None,
    }
}

/// A mini-batch as network inputs.
fn inputs(batch: Labeled, image: Option<ImageShape>) -> Inputs {
    Inputs {
        image,
        x: batch.x,
        t: Some(Targets::OneHot(batch.t)),
        dout: None,
    }
}

#[cfg(test)]
mod tests;

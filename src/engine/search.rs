//! The hyperparameter search of the book's `ch06/hyperparameter_optimize.py` (6.5).
//!
//! 20 % of the training rows are held out for validation before training
//! ([`super::experiment::hold_out`]); each trial draws a weight decay and a learning rate
//! log-uniformly (`weight_decay = 10 ** np.random.uniform(-8, -4)`, then
//! `lr = 10 ** np.random.uniform(-6, -2)`, in that order, from the project's SplitMix64), trains
//! the preset's network from its initial weights for `epochs` epochs on the rest, and records the
//! train and validation accuracy of every epoch. The trials are independent and run over the cores;
//! [`search`] returns them ranked by their final validation accuracy, best first.

use std::sync::Arc;

use anyhow::{Result, ensure};

use super::data::Dataset;
use super::experiment::{LogUniform, SEARCH_STREAM, hold_out, spread, train_to_end};
use super::network::Network;
use super::rng::SplitMix64;
use super::train::{TrainConfig, Trainer};

/// The share of the training rows held out for validation (`validation_rate = 0.20`).
pub const VALIDATION_FRACTION: f64 = 0.2;

/// The book's learning-rate range, `10^U(−6, −2)`.
pub const LR_RANGE: (f64, f64) = (1e-6, 1e-2);

/// The book's weight-decay range, `10^U(−8, −4)`.
pub const WEIGHT_DECAY_RANGE: (f64, f64) = (1e-8, 1e-4);

/// What to search.
#[derive(Debug, Clone)]
pub struct SearchSpec {
    /// Trials (the book's `optimization_trial = 100`).
    pub trials: usize,
    /// Epochs each trial trains (the book's 50).
    pub epochs: usize,
    /// Where the learning rates are drawn.
    pub lr: LogUniform,
    /// Where the weight decays are drawn.
    pub weight_decay: LogUniform,
}

/// One trial: its draws and its accuracies.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    /// The trial's number in drawing order (from 0).
    pub index: usize,
    /// The learning rate drawn.
    pub lr: f64,
    /// The weight decay λ drawn.
    pub weight_decay: f64,
    /// Validation accuracy at every epoch.
    pub val_acc: Vec<f64>,
    /// Training accuracy at every epoch.
    pub train_acc: Vec<f64>,
    /// Validation accuracy after the last iteration.
    pub final_val_acc: f64,
}

/// The `(lr, weight_decay)` of `trials` trials drawn from `seed`, in drawing order.
pub fn draws(spec: &SearchSpec, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = SplitMix64::stream(seed, SEARCH_STREAM);
    (0..spec.trials)
        .map(|_| {
            let weight_decay = spec.weight_decay.draw(&mut rng);
            let lr = spec.lr.draw(&mut rng);
            (lr, weight_decay)
        })
        .collect()
}

/// Run the search on `network` and `data` with the loop's settings `base` (its batch, optimizer
/// and seed; the learning rate, weight decay and iterations come from each trial). The trials
/// come back ranked by final validation accuracy, best first (ties in drawing order).
pub fn search(
    network: &Network,
    data: &Dataset,
    base: TrainConfig,
    spec: &SearchSpec,
) -> Result<Vec<Trial>> {
    ensure!(spec.trials > 0, crate::t!("ch6b-search-no-trials"));
    ensure!(spec.epochs > 0, crate::t!("ch6b-search-no-epochs"));
    let data = Arc::new(hold_out(data, VALIDATION_FRACTION, base.seed)?);
    let iter_per_epoch = data.train.rows().div_ceil(base.batch.max(1)).max(1);
    let iters = spec.epochs.saturating_mul(iter_per_epoch);
    let jobs: Vec<Box<dyn FnOnce() -> Result<Trial> + Send + '_>> = draws(spec, base.seed)
        .into_iter()
        .enumerate()
        .map(|(index, (lr, weight_decay))| {
            let data = data.clone();
            Box::new(move || {
                let mut config = base;
                config.iters = iters;
                config.optimizer.lr = lr;
                config = with_weight_decay(config, weight_decay);
                let mut trainer = Trainer::new(network.clone(), data, config)?;
                let last = train_to_end(&mut trainer)?;
                let epochs = trainer.epochs();
                Ok(Trial {
                    index,
                    lr,
                    weight_decay,
                    val_acc: epochs.iter().filter_map(|e| e.test_acc).collect(),
                    train_acc: epochs.iter().map(|e| e.train_acc).collect(),
                    final_val_acc: last.test_acc.unwrap_or(0.0),
                })
            }) as Box<dyn FnOnce() -> Result<Trial> + Send + '_>
        })
        .collect();
    let mut trials = spread(jobs).into_iter().collect::<Result<Vec<Trial>>>()?;
    trials.sort_by(|a, b| {
        b.final_val_acc
            .total_cmp(&a.final_val_acc)
            .then(a.index.cmp(&b.index))
    });
    Ok(trials)
}

/// `config` with its weight decay set to λ, the trial's draw (whatever `config` had): the loop
/// then adds 0.5·λ·ΣW² to the loss and λ·W to each W's gradient.
fn with_weight_decay(config: TrainConfig, weight_decay: f64) -> TrainConfig {
    TrainConfig {
        weight_decay,
        ..config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optim::{OptimizerConfig, OptimizerKind};

    fn config(weight_decay: f64) -> TrainConfig {
        TrainConfig {
            iters: 7,
            batch: 5,
            optimizer: OptimizerConfig::defaults(OptimizerKind::Momentum),
            seed: 3,
            eval_samples: Some(11),
            weight_decay,
        }
    }

    #[test]
    fn a_trial_trains_with_the_weight_decay_it_drew_and_the_rest_of_base() {
        // from no decay to a drawn λ, from a preset's λ to a smaller draw, and to 0
        for (base, drawn) in [(0.0, 3.2e-5), (0.1, 1e-8), (0.5, 0.0)] {
            let trial = with_weight_decay(config(base), drawn);
            assert_eq!(trial.weight_decay, drawn, "base λ {base}");
            assert_eq!(
                trial,
                TrainConfig {
                    weight_decay: drawn,
                    ..config(base)
                }
            );
        }
    }
}

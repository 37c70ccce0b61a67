//! The hyperparameter search of the book's `ch06/hyperparameter_optimization.py` (6.5).
//!
//! 20 % of the training rows are held out for validation before training
//! ([`super::experiment::hold_out`]); each trial draws a weight decay and a learning rate
//! log-uniformly (`weight_decay = 10 ** np.random.uniform(-8, -4)`, then
//! `lr = 10 ** np.random.uniform(-6, -2)`, in that order, from the project's SplitMix64), trains
//! the preset's network from its initial weights for `epochs` epochs on the rest, and records the
//! train and validation accuracy of every epoch. The trials are independent and run over the cores;
//! [`search`] returns them ranked by their final validation accuracy, best first.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Result, ensure};

use super::data::Dataset;
use super::experiment::{LogUniform, SEARCH_STREAM, hold_out, spread};
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

/// What a running search reports, from the thread of the trial it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchEvent {
    /// Trial `index` measured its accuracies at an epoch's end.
    Epoch {
        /// The trial's number in drawing order.
        index: usize,
    },
    /// A trial ended (in the order they end, not ranked).
    Trial(Trial),
}

/// How a caller follows a search: `report` hears every [`SearchEvent`]; setting `cancel`
/// stops it (each trial looks between iterations) and the trials that ended come back.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    /// Called with each event, from the trials' threads.
    pub report: &'a (dyn Fn(SearchEvent) + Sync),
    /// Set to stop the search.
    pub cancel: &'a AtomicBool,
}

/// The learning rates to search instead when no trial did better than guessing (a final
/// validation accuracy of at most 1.5 in `classes`, 0.15 for ten digits) while the preset's own
/// `lr` lies outside the range searched: from `lr`/100 to 10·`lr`. `None` when some trial
/// learned, or when the preset's lr was searched (the trouble is elsewhere).
pub fn lr_to_search(
    best: Option<f64>,
    classes: usize,
    lr: f64,
    searched: LogUniform,
) -> Option<(f64, f64)> {
    let best = best?;
    let guessing = best <= 1.5 / classes.max(1) as f64;
    // the range holds powers of ten; a tenth of a percent of slack for the rounding of log10
    let power = lr.log10();
    let outside = power < searched.lo - 1e-3 || power > searched.hi + 1e-3;
    (guessing && outside && lr.is_finite() && lr > 0.0).then(|| (lr / 100.0, lr * 10.0))
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
    let cancel = AtomicBool::new(false);
    let watch = Watch {
        report: &|_| {},
        cancel: &cancel,
    };
    search_watched(network, data, base, spec, watch)
}

/// [`search`], reporting each epoch and trial to `watch` and stopping when it is cancelled:
/// then only the trials that ended come back, ranked.
pub fn search_watched(
    network: &Network,
    data: &Dataset,
    base: TrainConfig,
    spec: &SearchSpec,
    watch: Watch<'_>,
) -> Result<Vec<Trial>> {
    ensure!(spec.trials > 0, crate::t!("ch6b-search-no-trials"));
    ensure!(spec.epochs > 0, crate::t!("ch6b-search-no-epochs"));
    let data = Arc::new(hold_out(data, VALIDATION_FRACTION, base.seed)?);
    let iter_per_epoch = data.train.rows().div_ceil(base.batch.max(1)).max(1);
    let iters = spec.epochs.saturating_mul(iter_per_epoch);
    type Job<'a> = Box<dyn FnOnce() -> Result<Option<Trial>> + Send + 'a>;
    let jobs: Vec<Job<'_>> = draws(spec, base.seed)
        .into_iter()
        .enumerate()
        .map(|(index, (lr, weight_decay))| {
            let data = data.clone();
            Box::new(move || {
                if watch.cancel.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let mut config = base;
                config.iters = iters;
                config.optimizer.lr = lr;
                config = with_weight_decay(config, weight_decay);
                let mut trainer = Trainer::new(network.clone(), data, config)?;
                while !trainer.finished() {
                    if watch.cancel.load(Ordering::Relaxed) {
                        return Ok(None);
                    }
                    if trainer.step()?.epoch.is_some() {
                        (watch.report)(SearchEvent::Epoch { index });
                    }
                }
                let last = trainer.final_report()?;
                let epochs = trainer.epochs();
                let trial = Trial {
                    index,
                    lr,
                    weight_decay,
                    val_acc: epochs.iter().filter_map(|e| e.test_acc).collect(),
                    train_acc: epochs.iter().map(|e| e.train_acc).collect(),
                    final_val_acc: last.test_acc.unwrap_or(0.0),
                };
                (watch.report)(SearchEvent::Trial(trial.clone()));
                Ok(Some(trial))
            }) as Job<'_>
        })
        .collect();
    let mut trials: Vec<Trial> = spread(jobs)
        .into_iter()
        .collect::<Result<Vec<Option<Trial>>>>()?
        .into_iter()
        .flatten()
        .collect();
    rank(&mut trials);
    Ok(trials)
}

/// Sort `trials` by final validation accuracy, best first; ties in drawing order.
pub fn rank(trials: &mut [Trial]) {
    trials.sort_by(|a, b| {
        b.final_val_acc
            .total_cmp(&a.final_val_acc)
            .then(a.index.cmp(&b.index))
    });
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::optim::{OptimizerConfig, OptimizerKind};

    #[test]
    fn a_search_where_nothing_learned_suggests_a_range_around_the_presets_lr() {
        let book = LogUniform::between(1e-6, 1e-2).unwrap();
        // ten digits, every trial at chance, the preset trains with 0.1: search 1e-3 to 1
        let (lo, hi) = lr_to_search(Some(0.1185), 10, 0.1, book).unwrap();
        assert!(
            (lo - 1e-3).abs() < 1e-15 && (hi - 1.0).abs() < 1e-12,
            "{lo} {hi}"
        );
        assert!(
            lr_to_search(Some(0.15), 10, 0.1, book).is_some(),
            "1.5 in 10 is guessing"
        );
        // a trial that learned, or a preset whose lr was searched: nothing to suggest
        assert_eq!(lr_to_search(Some(0.16), 10, 0.1, book), None);
        assert_eq!(lr_to_search(Some(0.1), 10, 1e-2, book), None);
        assert_eq!(lr_to_search(Some(0.1), 10, 1e-6, book), None);
        assert!(
            lr_to_search(Some(0.1), 10, 1e-7, book).is_some(),
            "below the range"
        );
        assert_eq!(lr_to_search(None, 10, 0.1, book), None, "no trial ended");
        // two classes: guessing is 0.5, up to 0.75
        assert!(lr_to_search(Some(0.7), 2, 0.1, book).is_some());
    }

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

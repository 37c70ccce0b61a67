//! Chapter 6's experiments: what `compare` and `search` change in a run, without I/O.
//!
//! - [`with_dropout`] and [`with_batch_norm`] make a network the book's `MultiLayerNetExtend`
//!   (`common/multi_layer_net_extend.py`): a Dropout after every hidden activation, a BatchNorm
//!   after every hidden Affine;
//! - [`hold_out`] keeps a share of the training rows apart for validation, as
//!   `hyperparameter_optimization.py` does before training;
//! - [`LogUniform`] draws `10 ** np.random.uniform(lo, hi)`, the search's learning rates and
//!   weight decays.
//!
//! The runs themselves are ordinary [`super::train::Trainer`]s: a compared run is exactly the
//! run `backstep train` makes with that setting.

use anyhow::{Result, ensure};

use super::Matrix;
use super::data::{Dataset, Labeled};
use super::layer::{BatchNorm, Dropout, Layer, LayerKind};
use super::network::{NamedLayer, Network};
use super::rng::SplitMix64;
use super::train::{Final, Trainer};

/// The purpose mixed into the seed for the masks of the Dropouts [`with_dropout`] adds.
pub const DROPOUT_STREAM: u64 = 0x4452_4F50_0000_0000;

/// The purpose mixed into the seed for the validation hold-out of [`hold_out`].
pub const VALIDATION_STREAM: u64 = 0x5641_4C49_4400_0000;

/// The purpose mixed into the seed for the search's draws.
pub const SEARCH_STREAM: u64 = 0x5345_4152_4348_0000;

/// Run independent `jobs` over the cores and return their results in job order; each job's
/// matrix products stay on one core ([`super::par::map`]).
pub fn spread<'a, T: Send>(jobs: Vec<Box<dyn FnOnce() -> T + Send + 'a>>) -> Vec<T> {
    super::par::map(jobs)
}

/// Run `trainer` to its last iteration and make the final evaluation (`backstep train`'s `final`).
pub fn train_to_end(trainer: &mut Trainer) -> Result<Final> {
    while !trainer.finished() {
        trainer.step()?;
    }
    trainer.final_report()
}

/// The positions of the Affine layers of `network`, first to last.
fn affines(network: &Network) -> Vec<usize> {
    network
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.layer.kind() == LayerKind::Affine)
        .map(|(i, _)| i)
        .collect()
}

/// The first of `Kind1`, `Kind2`, … not yet taken in `network`.
fn free_name(network: &Network, display: &str, from: &mut usize) -> String {
    loop {
        *from += 1;
        let name = format!("{display}{from}");
        if !network.layers.iter().any(|l| l.name == name) {
            return name;
        }
    }
}

/// `network` with a Dropout of `ratio` after every hidden activation: before every Affine but
/// the first, where `MultiLayerNetExtend` puts `Dropout{idx}` (after `Activation_function{idx}`).
/// Each added Dropout draws its masks from its own seed, derived from `seed`. A ratio of 0 adds
/// none.
pub fn with_dropout(network: &Network, ratio: f64, seed: u64) -> Result<Network> {
    // checks the ratio even when no layer would be added
    Dropout::new(ratio, 0, true)?;
    if ratio == 0.0 {
        return Ok(network.clone());
    }
    let before: Vec<usize> = affines(network).into_iter().skip(1).collect();
    let mut seeds = SplitMix64::stream(seed, DROPOUT_STREAM);
    let mut out = Network { layers: Vec::new() };
    let mut counter = 0;
    for (i, l) in network.layers.iter().enumerate() {
        if before.contains(&i) {
            let name = free_name(network, LayerKind::Dropout.display(), &mut counter);
            out.layers.push(NamedLayer {
                name,
                layer: Layer::Dropout(Dropout::new(ratio, seeds.next_u64() >> 1, true)?),
            });
        }
        out.layers.push(l.clone());
    }
    Ok(out)
}

/// `network` with a BatchNorm after every hidden Affine (every Affine but the last), as
/// `MultiLayerNetExtend(use_batchnorm=True)`: γ = 1, β = 0, running mean 0 and variance 1,
/// momentum 0.9.
pub fn with_batch_norm(network: &Network) -> Network {
    let hidden: Vec<usize> = {
        let mut a = affines(network);
        a.pop();
        a
    };
    let mut out = Network { layers: Vec::new() };
    let mut counter = 0;
    for (i, l) in network.layers.iter().enumerate() {
        out.layers.push(l.clone());
        if !hidden.contains(&i) {
            continue;
        }
        let Layer::Affine(affine) = &l.layer else {
            continue;
        };
        let h = affine.w.ncols();
        let name = free_name(network, LayerKind::BatchNorm.display(), &mut counter);
        out.layers.push(NamedLayer {
            name,
            layer: Layer::BatchNorm(BatchNorm {
                gamma: Matrix::ones((1, h)),
                beta: Matrix::zeros((1, h)),
                momentum: 0.9,
                running_mean: Matrix::zeros((1, h)),
                running_var: Matrix::ones((1, h)),
                train: true,
            }),
        });
    }
    out
}

/// `data` with `fraction` of its training rows held out for validation, as
/// `hyperparameter_optimization.py`: shuffle the training rows (from `seed`), the first
/// ⌊fraction·N⌋ become the validation rows (the new test set), the rest the training rows.
/// The original test rows are not used.
pub fn hold_out(data: &Dataset, fraction: f64, seed: u64) -> Result<Dataset> {
    let n = data.train.rows();
    let validation = (fraction * n as f64).floor() as usize;
    ensure!(
        validation > 0 && validation < n,
        crate::t!(
            "ch6b-hold-out-too-few",
            data = &data.name,
            rows = n,
            fraction = crate::i18n::format::given(fraction)
        )
    );
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix64::stream(seed, VALIDATION_STREAM).shuffle(&mut order);
    let pick = |idx: &[usize]| -> Labeled { data.train.select(idx) };
    Ok(Dataset {
        name: data.name.clone(),
        train: pick(&order[validation..]),
        test: Some(pick(&order[..validation])),
        classes: data.classes,
        layout: data.layout,
    })
}

/// `10^U(lo, hi)`: a value drawn log-uniformly between `10^lo` and `10^hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogUniform {
    /// The lowest power of ten.
    pub lo: f64,
    /// The highest power of ten.
    pub hi: f64,
}

impl LogUniform {
    /// A range between the values `lo` and `hi` (not their logarithms), both positive, `lo ≤ hi`.
    pub fn between(lo: f64, hi: f64) -> Option<LogUniform> {
        (lo.is_finite() && hi.is_finite() && lo > 0.0 && lo <= hi).then(|| LogUniform {
            lo: lo.log10(),
            hi: hi.log10(),
        })
    }

    /// One draw: `10 ** uniform(lo, hi)`.
    pub fn draw(&self, rng: &mut SplitMix64) -> f64 {
        10f64.powf(self.lo + (self.hi - self.lo) * rng.uniform())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::engine::layer::Relu;

    fn net(sizes: &[usize]) -> Network {
        let mut layers = Vec::new();
        for (k, w) in sizes.windows(2).enumerate() {
            if k > 0 {
                layers.push(NamedLayer {
                    name: format!("ReLU{k}"),
                    layer: Layer::Relu(Relu),
                });
            }
            layers.push(NamedLayer {
                name: format!("Affine{}", k + 1),
                layer: Layer::affine(Matrix::zeros((w[0], w[1])), Matrix::zeros((1, w[1]))),
            });
        }
        Network { layers }
    }

    fn names(n: &Network) -> Vec<&str> {
        n.layers.iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn dropout_follows_every_hidden_activation_as_multilayernetextend() {
        let n = with_dropout(&net(&[4, 3, 3, 2]), 0.5, 0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            names(&n),
            [
                "Affine1", "ReLU1", "Dropout1", "Affine2", "ReLU2", "Dropout2", "Affine3"
            ]
        );
        let seeds: Vec<u64> = n
            .layers
            .iter()
            .filter_map(|l| match &l.layer {
                Layer::Dropout(d) => Some(d.seed),
                _ => None,
            })
            .collect();
        assert_ne!(seeds[0], seeds[1], "each Dropout draws its own masks");
        assert_eq!(
            with_dropout(&net(&[4, 3, 2]), 0.0, 0).ok(),
            Some(net(&[4, 3, 2]))
        );
        assert!(with_dropout(&net(&[4, 3, 2]), 1.0, 0).is_err());
    }

    #[test]
    fn batch_norm_follows_every_hidden_affine() {
        let n = with_batch_norm(&net(&[4, 3, 5, 2]));
        assert_eq!(
            names(&n),
            [
                "Affine1",
                "BatchNorm1",
                "ReLU1",
                "Affine2",
                "BatchNorm2",
                "ReLU2",
                "Affine3"
            ]
        );
        let Layer::BatchNorm(bn) = &n.layers[4].layer else {
            panic!("not a BatchNorm: {:?}", n.layers[4])
        };
        assert_eq!(bn.gamma, Matrix::ones((1, 5)));
        assert_eq!(bn.beta, Matrix::zeros((1, 5)));
    }

    #[test]
    fn hold_out_takes_a_fifth_of_the_training_rows_and_keeps_them_apart() {
        let x = Matrix::from_shape_fn((10, 1), |(r, _)| r as f64);
        let labels: Vec<usize> = (0..10).map(|r| r % 2).collect();
        let all = Labeled::from_labels(x, &labels, 2).unwrap_or_else(|e| panic!("{e}"));
        let data = Dataset::whole("preset", all, super::super::data::Layout::Plain);
        let held = hold_out(&data, 0.2, 0).unwrap_or_else(|e| panic!("{e}"));
        let val = held.test.as_ref().map(|t| t.rows());
        assert_eq!((held.train.rows(), val), (8, Some(2)));
        let mut seen: Vec<f64> = held.train.x.iter().copied().collect();
        seen.extend(held.test.iter().flat_map(|t| t.x.iter().copied()));
        seen.sort_by(f64::total_cmp);
        assert_eq!(seen, (0..10).map(f64::from).collect::<Vec<_>>());
        assert!(hold_out(&data, 0.01, 0).is_err());
    }

    #[test]
    fn log_uniform_draws_stay_in_range_and_spread_over_the_decades() {
        let range = LogUniform::between(1e-6, 1e-2).unwrap_or_else(|| panic!("range"));
        let mut rng = SplitMix64::stream(0, SEARCH_STREAM);
        let draws: Vec<f64> = (0..1000).map(|_| range.draw(&mut rng)).collect();
        assert!(draws.iter().all(|&v| (1e-6..=1e-2).contains(&v)));
        // a quarter of the exponents per decade, roughly
        let below_1e4 = draws.iter().filter(|&&v| v < 1e-4).count();
        assert!((400..600).contains(&below_1e4), "{below_1e4}");
        assert!(LogUniform::between(0.0, 1.0).is_none());
        assert!(LogUniform::between(1.0, 0.1).is_none());
    }
}

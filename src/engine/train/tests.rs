//! The loop against an independent computation, and its bookkeeping.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use ndarray::array;

use super::*;
use crate::engine::data::{
    Layout,
    generated::{Generated, Shape2D},
};
use crate::engine::layer::Layer;
use crate::engine::network::NamedLayer;
use crate::engine::optim::OptimizerKind;

fn tiny_net() -> Network {
    Network {
        layers: vec![
            NamedLayer {
                name: "Affine1".into(),
                layer: Layer::affine(
                    array![[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]],
                    array![[0.01, 0.0, -0.01]],
                ),
            },
            NamedLayer {
                name: "ReLU".into(),
                layer: Layer::Relu(crate::engine::layer::Relu),
            },
            NamedLayer {
                name: "Affine2".into(),
                layer: Layer::affine(
                    array![[0.2, -0.1], [-0.3, 0.4], [0.5, 0.6]],
                    array![[0.0, 0.05]],
                ),
            },
            NamedLayer {
                name: "SoftmaxWithLoss".into(),
                layer: Layer::SoftmaxWithLoss(crate::engine::layer::SoftmaxWithLoss),
            },
        ],
    }
}

fn tiny_data() -> Arc<Dataset> {
    let x = array![[1.0, 0.5], [-1.0, 2.0], [0.3, -0.7], [2.0, 1.0]];
    Arc::new(Dataset::whole(
        "preset",
        Labeled::from_labels(x, &[0, 1, 1, 0], 2).unwrap(),
        Layout::Points,
    ))
}

fn config(iters: usize, batch: usize, kind: OptimizerKind) -> TrainConfig {
    TrainConfig {
        eval_samples: None,
        weight_decay: 0.0,
        iters,
        batch,
        optimizer: OptimizerConfig::defaults(kind),
        seed: 0,
    }
}

/// The same two-layer net written out with plain loops: forward, loss, backward and SGD.
struct Plain {
    w1: Vec<Vec<f64>>,
    b1: Vec<f64>,
    w2: Vec<Vec<f64>>,
    b2: Vec<f64>,
}

impl Plain {
    fn hidden(&self, x: &[f64]) -> Vec<f64> {
        (0..self.b1.len())
            .map(|j| {
                (x.iter()
                    .enumerate()
                    .map(|(i, v)| v * self.w1[i][j])
                    .sum::<f64>()
                    + self.b1[j])
                    .max(0.0)
            })
            .collect()
    }
    fn probs(&self, h: &[f64]) -> Vec<f64> {
        let s: Vec<f64> = (0..self.b2.len())
            .map(|k| {
                h.iter()
                    .enumerate()
                    .map(|(j, v)| v * self.w2[j][k])
                    .sum::<f64>()
                    + self.b2[k]
            })
            .collect();
        let max = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = s.iter().map(|v| (v - max).exp()).collect();
        let total: f64 = e.iter().sum();
        e.iter().map(|v| v / total).collect()
    }
    fn loss(&self, xs: &[Vec<f64>], labels: &[usize]) -> f64 {
        xs.iter()
            .zip(labels)
            .map(|(x, &t)| -(self.probs(&self.hidden(x))[t] + 1e-7).ln())
            .sum::<f64>()
            / xs.len() as f64
    }
    /// One step of full-batch gradient descent.
    fn step(&mut self, xs: &[Vec<f64>], labels: &[usize], lr: f64) {
        let n = xs.len() as f64;
        let mut gw1 = vec![vec![0.0; self.b1.len()]; xs[0].len()];
        let mut gb1 = vec![0.0; self.b1.len()];
        let mut gw2 = vec![vec![0.0; self.b2.len()]; self.b1.len()];
        let mut gb2 = vec![0.0; self.b2.len()];
        for (x, &t) in xs.iter().zip(labels) {
            let h = self.hidden(x);
            let y = self.probs(&h);
            let ds: Vec<f64> = (0..y.len())
                .map(|k| (y[k] - if k == t { 1.0 } else { 0.0 }) / n)
                .collect();
            for k in 0..ds.len() {
                gb2[k] += ds[k];
                for j in 0..h.len() {
                    gw2[j][k] += h[j] * ds[k];
                }
            }
            for j in 0..h.len() {
                if h[j] <= 0.0 {
                    continue;
                }
                let dh: f64 = (0..ds.len()).map(|k| ds[k] * self.w2[j][k]).sum();
                gb1[j] += dh;
                for i in 0..x.len() {
                    gw1[i][j] += x[i] * dh;
                }
            }
        }
        let sub =
            |w: &mut Vec<f64>, g: &Vec<f64>| w.iter_mut().zip(g).for_each(|(w, g)| *w -= lr * g);
        self.w1.iter_mut().zip(&gw1).for_each(|(w, g)| sub(w, g));
        self.w2.iter_mut().zip(&gw2).for_each(|(w, g)| sub(w, g));
        sub(&mut self.b1, &gb1);
        sub(&mut self.b2, &gb2);
    }
}

fn rows(m: &Matrix) -> Vec<Vec<f64>> {
    m.rows().into_iter().map(|r| r.to_vec()).collect()
}

#[test]
fn full_batch_gradient_descent_matches_a_hand_written_net() {
    let data = tiny_data();
    let mut trainer =
        Trainer::new(tiny_net(), data.clone(), config(5, 100, OptimizerKind::Sgd)).unwrap();
    let Layer::Affine(crate::engine::layer::Affine { w: w1, b: b1 }) = &tiny_net().layers[0].layer
    else {
        unreachable!()
    };
    let Layer::Affine(crate::engine::layer::Affine { w: w2, b: b2 }) = &tiny_net().layers[2].layer
    else {
        unreachable!()
    };
    let mut plain = Plain {
        w1: rows(w1),
        b1: b1.row(0).to_vec(),
        w2: rows(w2),
        b2: b2.row(0).to_vec(),
    };
    let xs = rows(&data.train.x);
    let labels = data.train.labels();
    for i in 0..5 {
        let report = trainer.step().unwrap();
        plain.step(&xs, &labels, 0.1);
        let loss = plain.loss(&xs, &labels);
        assert!(
            (report.loss - loss).abs() < 1e-12,
            "iteration {i}: {} vs {loss}",
            report.loss
        );
    }
    let params = trainer.params();
    assert_eq!(params[0].0, "Affine1.W");
    for (i, row) in plain.w1.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            assert!((params[0].1[[i, j]] - v).abs() < 1e-12);
        }
    }
    for (k, v) in plain.b2.iter().enumerate() {
        assert!((params[3].1[[0, k]] - v).abs() < 1e-12);
    }
}

#[test]
fn epochs_fall_where_the_book_puts_them() {
    // 4 rows, batch 3: iter_per_epoch = ⌈4/3⌉ = 2, so accuracy at iterations 0, 2, 4.
    let mut trainer =
        Trainer::new(tiny_net(), tiny_data(), config(5, 3, OptimizerKind::Sgd)).unwrap();
    assert_eq!(trainer.iter_per_epoch(), 2);
    let mut count = 0;
    while !trainer.finished() {
        assert_eq!(trainer.iteration(), count);
        assert_eq!(trainer.step().unwrap().iter, count);
        count += 1;
    }
    assert_eq!((trainer.iteration(), count), (5, 5));
    let iters: Vec<usize> = trainer.epochs().iter().map(|e| e.iter).collect();
    assert_eq!(iters, vec![0, 2, 4]);
    assert_eq!(trainer.losses().len(), 5);
    assert!(trainer.epochs()[0].test_acc.is_none());
}

#[test]
fn mini_batches_are_drawn_with_replacement_from_the_seed() {
    let t = Trainer::new(tiny_net(), tiny_data(), config(5, 3, OptimizerKind::Sgd)).unwrap();
    let a = t.next_batch();
    assert_eq!(a.rows(), 3);
    assert_eq!(a, t.next_batch(), "peeking does not draw");
    let mut moved = t.clone();
    moved.step().unwrap();
    let mut other = t.clone();
    other.restart(9).unwrap();
    // Over a few draws another seed gives another order.
    let draws = |mut t: Trainer| {
        (0..4)
            .map(|_| {
                let b = t.next_batch();
                t.step().unwrap();
                b.x
            })
            .collect::<Vec<_>>()
    };
    assert_ne!(draws(t.clone()), draws(other));
}

#[test]
fn a_new_rate_or_optimizer_changes_the_next_step_as_a_fresh_trainer_would_take_it() {
    let sgd = Trainer::new(tiny_net(), tiny_data(), config(3, 4, OptimizerKind::Sgd)).unwrap();
    // a batch of exactly the 4 training rows takes all of them, in order (plain gradient descent)
    assert_eq!(sgd.next_batch(), tiny_data().train);
    let mut over = config(3, 5, OptimizerKind::Sgd);
    over.seed = 3;
    let over = Trainer::new(tiny_net(), tiny_data(), over).unwrap();
    assert_eq!(over.next_batch(), tiny_data().train);
    // the next step at lr 0.5, taken two ways: changed on the trainer, or set from the start
    let mut changed = sgd.clone();
    changed.set_lr(0.5).unwrap();
    let mut fresh_config = config(3, 4, OptimizerKind::Sgd);
    fresh_config.optimizer.lr = 0.5;
    let mut fresh = Trainer::new(tiny_net(), tiny_data(), fresh_config).unwrap();
    assert_eq!(changed.config().optimizer.lr, 0.5);
    assert_eq!(changed.optimizer().config().lr, 0.5);
    changed.step().unwrap();
    fresh.step().unwrap();
    assert_eq!(changed.params(), fresh.params());
    let mut plain = sgd.clone();
    plain.step().unwrap();
    assert_ne!(
        changed.params(),
        plain.params(),
        "lr 0.5 moves further than 0.1"
    );
    assert!(changed.set_lr(-1.0).is_err());
    assert_eq!(changed.config().optimizer.lr, 0.5);
    // the same for a switch to Adam
    let adam = OptimizerConfig::defaults(OptimizerKind::Adam);
    let mut switched = sgd.clone();
    switched.set_optimizer(adam).unwrap();
    assert_eq!(switched.config().optimizer.kind, OptimizerKind::Adam);
    assert_eq!(switched.optimizer().config().kind, OptimizerKind::Adam);
    let mut fresh =
        Trainer::new(tiny_net(), tiny_data(), config(3, 4, OptimizerKind::Adam)).unwrap();
    switched.step().unwrap();
    fresh.step().unwrap();
    assert_eq!(switched.params(), fresh.params());
}

#[test]
fn the_recorded_iteration_is_the_one_that_runs() {
    for kind in OptimizerKind::ALL {
        let mut trainer = Trainer::new(tiny_net(), tiny_data(), config(3, 3, kind)).unwrap();
        trainer.step().unwrap();
        let recorded = trainer.record_next().unwrap();
        assert_eq!(recorded.iter, 1);
        assert_eq!(recorded.inputs.x, trainer.next_batch().x);
        trainer.step().unwrap();
        // The last update of each parameter writes what the step produced.
        for (name, value) in trainer.params() {
            let (layer, param) = name.split_once('.').unwrap();
            let layer = trainer
                .network()
                .layers
                .iter()
                .position(|l| l.name == layer)
                .unwrap();
            let last = recorded
                .run
                .tape
                .steps
                .iter()
                .rev()
                .find(|s| {
                    s.phase == crate::engine::Phase::Update
                        && s.layer == layer
                        && s.writes.kind
                            == crate::engine::Kind::Param(
                                crate::engine::Param::from_key(param).unwrap(),
                            )
                })
                .unwrap();
            let gap = (&last.writes.value - value)
                .iter()
                .fold(0.0f64, |m, v| m.max(v.abs()));
            assert!(gap < 1e-12, "{kind:?} {name}: {gap}");
        }
    }
}

#[test]
fn the_trainer_can_move_to_a_worker_thread() {
    fn is_send<T: Send + 'static>(_: &T) {}
    let trainer = Trainer::new(tiny_net(), tiny_data(), config(1, 4, OptimizerKind::Adam)).unwrap();
    is_send(&trainer);
    let handle = std::thread::spawn(move || {
        let mut t = trainer;
        t.step().map(|r| r.loss)
    });
    assert!(handle.join().unwrap().unwrap().is_finite());
}

#[test]
fn a_grid_of_predictions_covers_the_plane() {
    let trainer = Trainer::new(tiny_net(), tiny_data(), config(1, 4, OptimizerKind::Sgd)).unwrap();
    let grid = trainer
        .predict_grid((-1.0, 1.0), (-1.0, 1.0), 4, 3)
        .unwrap();
    assert_eq!(grid.len(), 12);
    let points = grid_points((-1.0, 1.0), (-1.0, 1.0), 4, 3);
    assert_eq!((points[[0, 0]], points[[0, 1]]), (-0.75, 1.0 - 1.0 / 3.0));
    let labels = trainer.predict_labels(&points).unwrap();
    assert_eq!(labels, grid);
    let p = trainer.predict(&points).unwrap();
    assert!((p.row(0).sum() - 1.0).abs() < 1e-12);
}

#[test]
fn xor_is_learned_completely() {
    let all = Generated {
        shape: Shape2D::Xor,
        points: 50,
        classes: 2,
        noise: 0.1,
        seed: 0,
    }
    .generate()
    .unwrap();
    let data = Arc::new(Dataset::split("xor", all, 0.2, 0, Layout::Points).unwrap());
    let mut rng = SplitMix64(5);
    let mut normal = |r: usize, c: usize| Matrix::from_shape_simple_fn((r, c), || rng.normal());
    let net = Network {
        layers: vec![
            NamedLayer {
                name: "Affine1".into(),
                layer: Layer::affine(normal(2, 16), Matrix::zeros((1, 16))),
            },
            NamedLayer {
                name: "ReLU".into(),
                layer: Layer::Relu(crate::engine::layer::Relu),
            },
            NamedLayer {
                name: "Affine2".into(),
                layer: Layer::affine(normal(16, 2) * 0.1, Matrix::zeros((1, 2))),
            },
            NamedLayer {
                name: "SoftmaxWithLoss".into(),
                layer: Layer::SoftmaxWithLoss(crate::engine::layer::SoftmaxWithLoss),
            },
        ],
    };
    let mut trainer = Trainer::new(net, data, config(500, 100, OptimizerKind::Sgd)).unwrap();
    while !trainer.finished() {
        trainer.step().unwrap();
    }
    let last = trainer.final_report().unwrap();
    assert_eq!(last.train_acc, 1.0);
    assert_eq!(last.test_acc, Some(1.0));
}

#[test]
fn a_network_that_does_not_fit_is_an_error() {
    let mut net = tiny_net();
    net.layers.pop();
    let e = Trainer::new(net, tiny_data(), config(1, 1, OptimizerKind::Sgd)).unwrap_err();
    assert!(e.to_string().contains("softmax_with_loss"), "{e}");
    let x = array![[1.0, 2.0, 3.0]];
    let data = Arc::new(Dataset::whole(
        "preset",
        Labeled::from_labels(x, &[0], 2).unwrap(),
        Layout::Plain,
    ));
    let e = Trainer::new(tiny_net(), data, config(1, 1, OptimizerKind::Sgd)).unwrap_err();
    assert!(format!("{e:#}").contains("3 features"), "{e:#}");
    let e = Trainer::new(tiny_net(), tiny_data(), config(0, 1, OptimizerKind::Sgd)).unwrap_err();
    assert!(e.to_string().contains("iters is 0"), "{e}");
    // a thousand times the book's 10,000 iterations is the most (every loss is kept): one more is
    // refused, the limit itself accepted
    let e = Trainer::new(
        tiny_net(),
        tiny_data(),
        config(MAX_ITERS + 1, 1, OptimizerKind::Sgd),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("iters is 10000001: at most 10000000"),
        "{e}"
    );
    assert!(
        Trainer::new(
            tiny_net(),
            tiny_data(),
            config(MAX_ITERS, 1, OptimizerKind::Sgd)
        )
        .is_ok()
    );
}

#[test]
fn dropout_and_batchnorm_run_in_test_mode_for_accuracy_and_move_on_with_each_step() {
    use crate::engine::layer::{BatchNorm, Dropout};
    let named = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    let mut net = tiny_net();
    net.layers.insert(
        1,
        named(
            "BatchNorm",
            Layer::BatchNorm(BatchNorm {
                gamma: Matrix::ones((1, 3)),
                beta: Matrix::zeros((1, 3)),
                momentum: 0.9,
                running_mean: Matrix::zeros((1, 3)),
                running_var: Matrix::ones((1, 3)),
                train: true,
            }),
        ),
    );
    net.layers.insert(
        3,
        named(
            "Dropout",
            Layer::Dropout(Dropout::new(0.5, 7, true).unwrap()),
        ),
    );
    assert!(super::pass::has_modes(&net));
    assert!(!super::pass::has_modes(&tiny_net()));
    // the test-time copy: both layers switched off training, the original untouched
    let modes = |n: &Network| -> Vec<bool> {
        n.layers
            .iter()
            .filter_map(|l| match &l.layer {
                Layer::Dropout(d) => Some(d.train),
                Layer::BatchNorm(b) => Some(b.train),
                _ => None,
            })
            .collect()
    };
    assert_eq!(modes(&super::pass::test_mode(&net)), [false, false]);
    assert_eq!(modes(&net), [true, true]);
    let plain = tiny_net();
    assert!(matches!(
        super::pass::test_mode(&plain),
        std::borrow::Cow::Borrowed(_)
    ));
    // a step moves Dropout's mask on (seed + iteration) and BatchNorm's running mean off 0
    let mut trainer = Trainer::new(net, tiny_data(), config(3, 4, OptimizerKind::Sgd)).unwrap();
    trainer.step().unwrap();
    let layers = &trainer.network().layers;
    assert!(matches!(&layers[3].layer, Layer::Dropout(d) if d.iteration == 1 && d.train));
    assert!(
        matches!(&layers[1].layer, Layer::BatchNorm(b) if b.running_mean.iter().any(|&m| m != 0.0))
    );
}

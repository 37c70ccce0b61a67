#![allow(clippy::expect_used, missing_docs)]
//! The book's SimpleConvNet (ch07/simple_convnet.py: Conv 30 filters 5×5 → ReLU → Pool 2×2
//! stride 2 → Affine 4320 → 100 → ReLU → Affine 100 → 10 → Softmax-with-Loss, weights
//! 0.01·N(0,1)) trained the way `train-convnet-mnist` and the book's `common/trainer.py` train
//! it: batch 100 of 1×28×28 images drawn with replacement, Adam with lr 0.001, the loss after
//! each update. The data are random numbers of MNIST's shape (60,000 training and 10,000 test
//! rows), rounded to f32 like the book's images; the timing does not depend on the values.
//!
//! `cargo bench --bench convnet` prints the median of single training iterations (the book's
//! `Trainer.train_step` without its epoch's evaluation) and of single gradient passes.
//! `cargo bench --bench convnet -- --loop [--iters N]` runs the preset's whole loop (12,000
//! iterations, 1,000 rows of each set evaluated per epoch) or its first N iterations.
//! `python3 benches/numpy_convnet.py [--loop [--iters N]]` runs the same in NumPy, with the
//! book's classes.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backstep::engine::data::{Dataset, Labeled, Layout};
use backstep::engine::layer::{Affine, Convolution, Pooling, Relu, SoftmaxWithLoss};
use backstep::engine::optim::{OptimizerConfig, OptimizerKind};
use backstep::engine::rng::SplitMix64;
use backstep::engine::tensor::ImageShape;
use backstep::engine::train::{TrainConfig, Trainer};
use backstep::engine::{Inputs, Layer, Matrix, NamedLayer, Network, Targets};

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The book's SimpleConvNet with weights 0.01·N(0,1) from `rng` and zero biases.
fn simple_convnet(rng: &mut SplitMix64) -> Network {
    let mut normal =
        |r: usize, c: usize| Matrix::from_shape_simple_fn((r, c), || 0.01 * rng.normal());
    let layer = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    let conv = Convolution::new(
        normal(30, 25),
        Matrix::zeros((1, 30)),
        ImageShape::new(1, 5, 5),
        1,
        0,
    );
    Network {
        layers: vec![
            layer("Conv1", Layer::Convolution(conv)),
            layer("ReLU1", Layer::Relu(Relu)),
            layer("Pool1", Layer::Pooling(Pooling::new(2, 2, 2))),
            layer(
                "Affine1",
                Layer::Affine(Affine {
                    w: normal(4320, 100),
                    b: Matrix::zeros((1, 100)),
                }),
            ),
            layer("ReLU2", Layer::Relu(Relu)),
            layer(
                "Affine2",
                Layer::Affine(Affine {
                    w: normal(100, 10),
                    b: Matrix::zeros((1, 10)),
                }),
            ),
            layer("Softmax-with-Loss", Layer::SoftmaxWithLoss(SoftmaxWithLoss)),
        ],
    }
}

fn labeled(rows: usize, rng: &mut SplitMix64) -> Labeled {
    let x = Matrix::from_shape_simple_fn((rows, 784), || f64::from(rng.uniform() as f32));
    let labels: Vec<usize> = (0..rows).map(|_| rng.below(10)).collect();
    Labeled::from_labels(x, &labels, 10).expect("labels below 10")
}

/// `train-convnet-mnist`'s trainer on random data of MNIST's shape.
fn trainer(iters: usize) -> Trainer {
    let mut rng = SplitMix64(0);
    let data = Dataset {
        name: "random, MNIST's shape".into(),
        train: labeled(60_000, &mut rng),
        test: Some(labeled(10_000, &mut rng)),
        classes: 10,
        layout: Layout::Image {
            width: 28,
            height: 28,
        },
    };
    let config = TrainConfig {
        eval_samples: Some(1_000),
        iters,
        batch: 100,
        optimizer: OptimizerConfig {
            lr: 0.001,
            ..OptimizerConfig::defaults(OptimizerKind::Adam)
        },
        seed: 0,
        weight_decay: 0.0,
    };
    let trainer = Trainer::new(simple_convnet(&mut SplitMix64(1)), Arc::new(data), config)
        .expect("the net fits the data");
    assert_eq!(trainer.iter_per_epoch(), 600);
    assert_eq!(trainer.image(), Some(ImageShape::new(1, 28, 28)));
    trainer
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn arg_after(flag: &str) -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1)?.parse().ok()
}

/// Single training iterations (an epoch's evaluation left out) and single gradient passes.
fn iterations() {
    let reps = arg_after("--reps").unwrap_or(200);
    let mut trainer = trainer(reps + 30);
    let mut times = Vec::with_capacity(reps);
    for i in 0..reps + 20 {
        let start = Instant::now();
        let report = trainer.step().expect("the step runs");
        let ms = start.elapsed().as_secs_f64() * 1e3;
        if i >= 20 && report.epoch.is_none() {
            times.push(ms);
        }
    }
    println!(
        "backstep SimpleConvNet training iteration, batch 100 of 1x28x28, Adam: median {:.3} ms ({} iterations)",
        median(times),
        reps
    );
    let net = trainer.network().clone();
    let batch = trainer.next_batch();
    let inputs = Inputs {
        image: trainer.image(),
        x: batch.x,
        t: Some(Targets::OneHot(batch.t)),
        dout: None,
    };
    let resolved = net.validate(&inputs).expect("valid network");
    let grads: Vec<f64> = (0..reps / 2 + 10)
        .map(|_| {
            let start = Instant::now();
            black_box(
                net.param_gradients(black_box(&inputs), &resolved)
                    .expect("runs"),
            );
            start.elapsed().as_secs_f64() * 1e3
        })
        .skip(10)
        .collect();
    println!(
        "backstep SimpleConvNet forward+backward (the parameter gradients, as SimpleConvNet.gradient returns): median {:.3} ms",
        median(grads)
    );
}

/// `train-convnet-mnist`'s loop, whole or its first `--iters` iterations.
fn whole_loop() {
    let iters = arg_after("--iters").unwrap_or(12_000);
    let mut trainer = trainer(iters);
    let (mut plain, mut with_eval, mut evals) = (Duration::ZERO, Duration::ZERO, 0u32);
    let mut times = Vec::with_capacity(iters);
    let start = Instant::now();
    while !trainer.finished() {
        let s = Instant::now();
        let report = trainer.step().expect("the step runs");
        if report.epoch.is_some() {
            with_eval += s.elapsed();
            evals += 1;
        } else {
            plain += s.elapsed();
            times.push(s.elapsed().as_secs_f64() * 1e3);
        }
    }
    let total = start.elapsed();
    let per_iter = plain / (iters as u32 - evals).max(1);
    let per_eval = with_eval.saturating_sub(per_iter * evals) / evals.max(1);
    println!(
        "backstep train-convnet-mnist loop, {iters} iters of batch 100 on 60000x1x28x28, {evals} evaluations of 1000 + 1000 rows: \
         {:.2} s ({:.3} ms per iteration, {:.1} ms per evaluation)",
        total.as_secs_f64(),
        per_iter.as_secs_f64() * 1e3,
        per_eval.as_secs_f64() * 1e3
    );
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        println!(
            "iterations: median {:.3} ms, 10th percentile {:.3} ms, 90th {:.3} ms, slowest {:.3} ms",
            at(0.5),
            at(0.1),
            at(0.9),
            at(1.0)
        );
    }
}

fn main() {
    // as the binary: helpers linger between calls only while no other program wants a core
    backstep::engine::linalg::set_crowd_probe(backstep::cli::running_threads);
    if std::env::args().any(|a| a == "--loop") {
        whole_loop();
    } else {
        iterations();
    }
}

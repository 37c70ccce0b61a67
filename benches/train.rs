#![allow(clippy::expect_used, missing_docs)]
//! The book's whole training loop (ch05/train_neuralnet.py) at MNIST's shape, timed once:
//! TwoLayerNet 784 → 50 → 10, 10,000 iterations of batch 100 drawn with replacement from
//! 60,000 × 784 training rows, SGD with lr 0.1, the loss after each update, and train and test
//! accuracy on all 60,000 + 10,000 rows every 600 iterations (17 evaluations). The data are
//! random numbers of that shape (the timing does not depend on the values), rounded to f32 like
//! the book's images (`load_mnist` returns float32; backstep's MNIST reader gives the same values
//! in f64).
//!
//! `cargo bench --bench train` runs the whole loop; `cargo bench --bench train -- --quick` runs
//! 1,200 iterations (2 evaluations) and prints the same per-iteration and per-evaluation
//! figures. `python3 benches/numpy_reference.py [--quick]` runs the same loop in NumPy.

use std::sync::Arc;
use std::time::{Duration, Instant};

use backstep::engine::Matrix;
use backstep::engine::data::{Dataset, Labeled, Layout};
use backstep::engine::optim::{OptimizerConfig, OptimizerKind};
use backstep::engine::rng::SplitMix64;
use backstep::engine::train::{TrainConfig, Trainer};

mod common;
use common::two_layer_net;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn labeled(rows: usize, rng: &mut SplitMix64) -> Labeled {
    let x = Matrix::from_shape_simple_fn((rows, 784), || f64::from(rng.uniform() as f32));
    let labels: Vec<usize> = (0..rows).map(|_| rng.below(10)).collect();
    Labeled::from_labels(x, &labels, 10).expect("labels below 10")
}

fn main() {
    // as the binary: helpers linger between calls only while no other program wants a core
    backstep::engine::linalg::set_crowd_probe(backstep::cli::running_threads);
    let quick = std::env::args().any(|a| a == "--quick");
    let iters = if quick { 1_200 } else { 10_000 };
    let mut rng = SplitMix64(0);
    let data = Dataset {
        name: "random, MNIST's shape".into(),
        train: labeled(60_000, &mut rng),
        test: Some(labeled(10_000, &mut rng)),
        classes: 10,
        layout: Layout::Plain,
    };
    let config = TrainConfig {
        eval_samples: None,
        weight_decay: 0.0,
        iters,
        batch: 100,
        optimizer: OptimizerConfig {
            lr: 0.1,
            ..OptimizerConfig::defaults(OptimizerKind::Sgd)
        },
        seed: 0,
    };
    let mut trainer = Trainer::new(two_layer_net(&mut rng), Arc::new(data), config)
        .expect("the net fits the data");
    assert_eq!(trainer.iter_per_epoch(), 600);
    let (mut plain, mut with_eval, mut evals) = (Duration::ZERO, Duration::ZERO, 0u32);
    let start = Instant::now();
    while !trainer.finished() {
        let s = Instant::now();
        let report = trainer.step().expect("the step runs");
        if report.epoch.is_some() {
            with_eval += s.elapsed();
            evals += 1;
        } else {
            plain += s.elapsed();
        }
    }
    let total = start.elapsed();
    let per_iter = plain / (iters as u32 - evals);
    let per_eval = (with_eval - per_iter * evals) / evals.max(1);
    println!(
        "backstep training loop {iters} iters of batch 100 on 60000x784, {evals} evaluations: \
         {:.2} s ({:.3} ms per iteration, {:.1} ms per evaluation of 60000 + 10000 rows)",
        total.as_secs_f64(),
        per_iter.as_secs_f64() * 1e3,
        per_eval.as_secs_f64() * 1e3
    );
}

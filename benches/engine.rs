#![allow(clippy::expect_used)]
//! Engine benchmarks: one forward + backward of the book's MNIST-shaped two-layer net
//! (100×784 → 50 → 10) — with ∂L/∂x of the data, and without it (what `TwoLayerNet.gradient`
//! returns, what training needs) — and the whole gradient check on the book's gradient-check shape
//! (3 samples, 784 → 50 → 10, 39,760 parameters).

use std::hint::black_box;

use backstep::engine::check::gradient_check;
use criterion::{Criterion, criterion_group, criterion_main};

mod common;
use common::two_layer;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn forward_backward(c: &mut Criterion) {
    let (net, inputs) = two_layer(100);
    let resolved = net.validate(&inputs).expect("valid network");
    c.bench_function("forward+backward 100x784-50-10", |b| {
        b.iter(|| black_box(net.gradients(black_box(&inputs), &resolved).expect("runs")))
    });
    c.bench_function("parameter gradients 100x784-50-10", |b| {
        b.iter(|| {
            black_box(
                net.param_gradients(black_box(&inputs), &resolved)
                    .expect("runs"),
            )
        })
    });
    c.bench_function("recorded run (tape) 100x784-50-10", |b| {
        b.iter(|| black_box(net.run(black_box(&inputs)).expect("runs")))
    });
}

fn numerical_gradient(c: &mut Criterion) {
    let (net, inputs) = two_layer(3);
    let mut group = c.benchmark_group("gradient check");
    group.sample_size(10);
    group.bench_function("check 3x784-50-10 (39,760 params)", |b| {
        b.iter(|| black_box(gradient_check(&net, &inputs, 1e-4, 1e-4).expect("runs")))
    });
    group.finish();
}

criterion_group!(benches, forward_backward, numerical_gradient);
criterion_main!(benches);

#![allow(clippy::expect_used, missing_docs)]
//! backstep timed the way `benches/numpy_reference.py` times NumPy, for the README's ratios: each
//! call timed on its own, the median of many. (Criterion's `benches/engine.rs` averages batches
//! of calls, so on a busy machine a preempted call lands in its figure and not in NumPy's median.)
//!
//! `cargo bench --bench versus_numpy` then `python3 benches/numpy_reference.py --skip-loop`, back
//! to back.

use std::hint::black_box;
use std::time::Instant;

mod common;
use common::two_layer;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The median of `reps` single calls of `f`, in milliseconds, after 100 warm-up calls.
fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..100 {
        f();
    }
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[reps / 2]
}

fn main() {
    // as the binary: helpers linger between calls only while no other program wants a core
    backstep::engine::linalg::set_crowd_probe(backstep::cli::running_threads);
    let (net, inputs) = two_layer(100);
    let resolved = net.validate(&inputs).expect("valid network");
    let full = median_ms(2000, || {
        black_box(net.gradients(black_box(&inputs), &resolved).expect("runs"));
    });
    println!("backstep forward+backward 100x784-50-10 (with dX of the data): median {full:.3} ms");
    let params = median_ms(2000, || {
        black_box(
            net.param_gradients(black_box(&inputs), &resolved)
                .expect("runs"),
        );
    });
    println!(
        "backstep forward+backward 100x784-50-10 (parameter gradients, as TwoLayerNet.gradient returns): median {params:.3} ms"
    );
}

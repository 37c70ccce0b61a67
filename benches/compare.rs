#![allow(clippy::expect_used, missing_docs)]
//! A 4-run `compare` (the runs spread over the cores by `engine::par::map`) against the same 4
//! runs one after another: `lab-optimizers` (SGD, Momentum, AdaGrad, Adam on 64 → 100 ×4 → 10,
//! batch 128, the digits), 500 iterations each (`--quick`: 100), timed once each way.
//!
//! `cargo bench --bench compare [-- --quick]` prints both times and their ratio. On a machine
//! with n free cores the spread runs should take about 1/min(n, 4) of the sequential ones.

use std::time::Instant;

use backstep::cli::compare::run_all;
use backstep::engine::experiment::train_to_end;
use backstep::preset::TrainOverrides;
use backstep::preset::compare::compare_runs;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let overrides = TrainOverrides {
        iters: Some(if quick { 100 } else { 500 }),
        ..TrainOverrides::default()
    };
    let load = || compare_runs("lab-optimizers", None, &overrides).expect("the lab loads");
    let (_, runs) = load();
    let started = Instant::now();
    let mut sequential = Vec::new();
    for run in runs {
        let mut trainer = run.preset.trainer().expect("a trainer");
        sequential.push(train_to_end(&mut trainer).expect("the run trains"));
    }
    let one_by_one = started.elapsed();
    let (_, runs) = load();
    let started = Instant::now();
    let spread = run_all(runs).expect("the runs train");
    let together = started.elapsed();
    for (s, p) in sequential.iter().zip(&spread) {
        assert_eq!(*s, p.last, "spreading the runs changed a result");
    }
    println!(
        "4 runs of {} iterations, {} threads: one after another {:.2} s, spread {:.2} s ({:.2}×)",
        overrides.iters.unwrap_or(0),
        backstep::engine::linalg::threads(),
        one_by_one.as_secs_f64(),
        together.as_secs_f64(),
        one_by_one.as_secs_f64() / together.as_secs_f64()
    );
}

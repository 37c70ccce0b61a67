#![allow(clippy::expect_used, missing_docs)]
//! The team against one core, on a quiet machine and beside a busy process: the book's
//! TwoLayerNet (784 → 50 → 10) trained for 2,000 iterations of batch 100 on 10,000 rows of MNIST's
//! shape, with train and test accuracy every 100 iterations (10,000 + 2,000 rows).
//!
//! Four runs a round, alternating: the team (`--threads` = every core), one core (`--threads 1`),
//! then both again beside a busy process (`while :; do :; done`), pinned to the last core with
//! `taskset` where the system has it, else an unpinned busy thread. `cargo bench --bench busy`
//! runs 3 rounds; `-- --rounds N` sets the count. Each ratio is the median over rounds of the
//! team's run over the one-core run beside it; the load average is printed, since other work on
//! the machine moves every figure. The medians go in docs/performance.md.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use backstep::engine::Matrix;
use backstep::engine::data::{Dataset, Labeled, Layout};
use backstep::engine::linalg::{self, set_threads};
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

/// One whole loop with `threads` threads (0: every core), on a thread of its own so that its
/// team is built for that count.
fn run(data: &Arc<Dataset>, threads: usize) -> Duration {
    let data = Arc::clone(data);
    std::thread::spawn(move || {
        set_threads(threads);
        let mut rng = SplitMix64(0);
        let config = TrainConfig {
            eval_samples: None,
            weight_decay: 0.0,
            iters: 2_000,
            batch: 100,
            optimizer: OptimizerConfig {
                lr: 0.1,
                ..OptimizerConfig::defaults(OptimizerKind::Sgd)
            },
            seed: 0,
        };
        let mut trainer =
            Trainer::new(two_layer_net(&mut rng), data, config).expect("the net fits the data");
        let start = Instant::now();
        while !trainer.finished() {
            trainer.step().expect("the step runs");
        }
        start.elapsed()
    })
    .join()
    .expect("the run finishes")
}

/// Something busy on the last core while it lives.
enum Busy {
    Pinned(Child),
    Thread(Arc<AtomicBool>),
}

impl Busy {
    fn start() -> Busy {
        let last = linalg::threads().saturating_sub(1);
        let pinned = Command::new("taskset")
            .args(["-c", &last.to_string(), "sh", "-c", "while :; do :; done"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match pinned {
            Ok(child) => Busy::Pinned(child),
            Err(_) => {
                let stop = Arc::new(AtomicBool::new(false));
                let flag = Arc::clone(&stop);
                std::thread::spawn(move || {
                    while !flag.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                });
                Busy::Thread(stop)
            }
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Busy::Pinned(_) => "a busy process pinned to the last core (taskset)",
            Busy::Thread(_) => "a busy thread (taskset not found: not pinned)",
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        match self {
            Busy::Pinned(child) => {
                child.kill().ok();
                child.wait().ok();
            }
            Busy::Thread(stop) => stop.store(true, Ordering::Relaxed),
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // as the binary: helpers linger between calls only while no other program wants a core
    backstep::engine::linalg::set_crowd_probe(backstep::cli::running_threads);
    let rounds = std::env::args()
        .skip_while(|a| a != "--rounds")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3usize);
    let mut rng = SplitMix64(1);
    let data = Arc::new(Dataset {
        name: "random, MNIST's width".into(),
        train: labeled(10_000, &mut rng),
        test: Some(labeled(2_000, &mut rng)),
        classes: 10,
        layout: Layout::Plain,
    });
    let cores = linalg::threads();
    let mut times: [Vec<Duration>; 4] = Default::default();
    let mut beside = "";
    for round in 0..rounds {
        times[0].push(run(&data, 0));
        times[1].push(run(&data, 1));
        let busy = Busy::start();
        beside = busy.what();
        std::thread::sleep(Duration::from_millis(200));
        times[2].push(run(&data, 0));
        times[3].push(run(&data, 1));
        drop(busy);
        eprintln!(
            "round {} of {rounds}: {:?}",
            round + 1,
            times.iter().map(|t| t[round]).collect::<Vec<_>>()
        );
    }
    let m: Vec<f64> = times
        .iter()
        .map(|t| median(t.clone()).as_secs_f64())
        .collect();
    // each round's team run against the one-core run beside it, then the median of those
    let ratio = |team: usize| {
        let mut r: Vec<f64> = times[team]
            .iter()
            .zip(&times[team + 1])
            .map(|(t, one)| t.as_secs_f64() / one.as_secs_f64())
            .collect();
        r.sort_by(f64::total_cmp);
        r[r.len() / 2]
    };
    println!(
        "2,000 iterations of batch 100, 784 → 50 → 10, 20 evaluations; medians of {rounds} rounds on {cores} cores, load average {}",
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    );
    println!("machine    team ({cores} threads)  one core   team / one core (median of pairs)");
    println!(
        "quiet      {:>8.2} s         {:>6.2} s   {:.2}×",
        m[0],
        m[1],
        ratio(0)
    );
    println!(
        "busy       {:>8.2} s         {:>6.2} s   {:.2}×",
        m[2],
        m[3],
        ratio(2)
    );
    println!("busy: {beside}");
}

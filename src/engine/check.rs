//! The gradient check: backprop's gradients against central differences.
//!
//! For every cell of x and of every parameter, `(L(θ + h) − L(θ − h)) / 2h` is compared with the
//! analytic gradient of one backward pass. The report gives, per tensor, the max absolute
//! difference and the max relative error `|a − n| / max(|a|, |n|, floor)` (the floor 1e-6 at the
//! book's h = 1e-4, larger at smaller steps: [`error_floor`]), and the cost of each
//! method: 2 forward passes per cell versus one forward plus one backward.
//!
//! Each perturbed forward pass reuses the unchanged part of the base pass: nudging `W[i,j]` only
//! changes column j of that layer's output, so only that column is recomputed and carried
//! forward (a row, a column or a whole matrix) until a layer mixes it. The result is the same
//! number a full forward pass gives (tested against [`numerical_gradient_naive`]).

mod delta;
pub mod notes;

pub use delta::{Delta, cell_to_row, map_cells, materialize};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::Matrix;
use super::network::{Inputs, Network};
use delta::Base;
pub use notes::{CheckNote, KinkNote, LogEpsilonNote};

/// Default step for central differences (the book's h = 1e-4).
pub const DEFAULT_H: f64 = 1e-4;
/// Default tolerance on the relative error.
pub const DEFAULT_TOLERANCE: f64 = 1e-4;

/// One tensor's comparison.
#[derive(Debug, Clone)]
pub struct TensorCheck {
    /// Layer index, or `None` for the input x.
    pub layer: Option<usize>,
    /// `x`, or the layer's name.
    pub layer_name: String,
    /// `x`, `W`, `b` or `w`.
    pub param: String,
    /// Backprop's gradient.
    pub analytic: Matrix,
    /// Central differences.
    pub numerical: Matrix,
    /// max |analytic − numerical|.
    pub max_abs_diff: f64,
    /// max |a − n| / max(|a|, |n|, floor), the floor 1e-6 at h ≥ 1e-4 ([`error_floor`]).
    pub max_rel_err: f64,
}

/// The whole check.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The step h.
    pub h: f64,
    /// The tolerance on the relative error.
    pub tolerance: f64,
    /// x first, then each parameter in layer order.
    pub tensors: Vec<TensorCheck>,
    /// Number of cells checked (x and all parameters).
    pub cells: usize,
    /// Number of parameters (excluding x).
    pub parameters: usize,
    /// Forward passes the numerical gradient took (2 per cell).
    pub numerical_passes: usize,
    /// Time for the whole numerical gradient.
    pub numerical_time: Duration,
    /// Time for one forward + one backward pass.
    pub backprop_time: Duration,
    /// The scalar differentiated.
    pub objective: f64,
    /// Why some relative errors can be large although backprop is right (a kink within h, the
    /// loss's 1e-7): see [`notes`].
    pub notes: Vec<CheckNote>,
}

impl CheckReport {
    /// The largest relative error over all tensors.
    pub fn max_rel_err(&self) -> f64 {
        self.tensors
            .iter()
            .map(|t| t.max_rel_err)
            .fold(0.0, f64::max)
    }

    /// True when every relative error is within the tolerance.
    pub fn passed(&self) -> bool {
        self.tensors.iter().all(|t| t.max_rel_err <= self.tolerance)
    }

    /// How many times longer the numerical gradient took than backprop.
    pub fn speedup(&self) -> f64 {
        self.numerical_time.as_secs_f64() / self.backprop_time.as_secs_f64().max(1e-9)
    }

    /// Backprop's speed against the numerical gradient, in words both the CLI and the explorer
    /// print: `34× faster than the numerical gradient`, `about as fast as …`, `3× slower than …`.
    pub fn speed_comparison(&self) -> String {
        let speedup = self.speedup();
        if speedup >= 1.5 {
            format!("{speedup:.0}× faster than the numerical gradient")
        } else if speedup > 1.0 / 1.5 {
            "about as fast as the numerical gradient".to_string()
        } else {
            format!(
                "{:.0}× slower than the numerical gradient (at this size, fixed costs dominate)",
                1.0 / speedup.max(1e-9)
            )
        }
    }
}

/// The smallest denominator of the relative error at step `h`: 1e-6 at the book's h = 1e-4 and
/// above, and as many times larger as h is smaller. Rounding in f64 puts an error of about
/// ε·|L| / h into every central difference (1e-12 at h = 1e-4, 1e-8 at h = 1e-8), so a gradient
/// below the floor is compared by its absolute difference, scaled as that noise is: a smaller
/// step, which the kink note suggests, does not make a gradient of 1e-9 fail on its rounding.
pub fn error_floor(h: f64) -> f64 {
    1e-6 * (DEFAULT_H / h).max(1.0)
}

/// Relative error as the check defines it: `|a − n| / max(|a|, |n|, floor)`, the floor being
/// [`error_floor`] of the step.
pub fn relative_error(a: f64, n: f64, floor: f64) -> f64 {
    (a - n).abs() / a.abs().max(n.abs()).max(floor)
}

pub(crate) fn compare(analytic: &Matrix, numerical: &Matrix, h: f64) -> (f64, f64) {
    let floor = error_floor(h);
    analytic
        .iter()
        .zip(numerical.iter())
        .fold((0.0, 0.0), |(abs, rel), (&a, &n)| {
            let d = if a.is_nan() || n.is_nan() {
                f64::INFINITY
            } else {
                (a - n).abs()
            };
            let r = if d.is_infinite() {
                f64::INFINITY
            } else {
                relative_error(a, n, floor)
            };
            (f64::max(abs, d), f64::max(rel, r))
        })
}

/// Which tensor a cell belongs to: x (`None`) or parameter `name` of layer `l`.
#[derive(Debug, Clone)]
struct Target {
    layer: Option<(usize, super::operand::Param)>,
    param: &'static str,
    shape: (usize, usize),
}

/// How a caller follows a long check: `progress(done, total)` is called from the worker threads
/// every [`PROGRESS_EVERY`] cells and at the end, and the check stops early with an error once
/// `cancel` is set. The engine stays UI-free: the caller decides what to do with the numbers.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    /// Called with (cells done, cells in all).
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
    /// Set by the caller to stop the check.
    pub cancel: &'a AtomicBool,
}

/// A flag nobody sets: the check of a caller that never cancels.
static NEVER: AtomicBool = AtomicBool::new(false);

impl Watch<'static> {
    /// No progress reports and no cancelling.
    pub fn never() -> Self {
        Watch {
            progress: &|_, _| {},
            cancel: &NEVER,
        }
    }
}

/// Cells between two progress reports.
pub const PROGRESS_EVERY: usize = 512;

/// The message of the error a cancelled check returns.
pub const CANCELLED: &str = "the gradient check was cancelled";

/// Run the check with step `h` and `tolerance`.
pub fn gradient_check(
    net: &Network,
    inputs: &Inputs,
    h: f64,
    tolerance: f64,
) -> Result<CheckReport> {
    gradient_check_watched(net, inputs, h, tolerance, Watch::never())
}

/// [`gradient_check`], reporting progress and stopping when asked (see [`Watch`]).
pub fn gradient_check_watched(
    net: &Network,
    inputs: &Inputs,
    h: f64,
    tolerance: f64,
    watch: Watch<'_>,
) -> Result<CheckReport> {
    // One recorded run gives backprop's gradients and the base pass the perturbed ones start
    // from; it also warms caches and allocator, so the timings are of a warm machine.
    let run = net.run(inputs)?;
    check_run_watched(net, inputs, &run, h, tolerance, watch)
}

/// The check of the gradients a run holds (`run.dx` and each layer's `grads`), which need not
/// be the ones backprop computed: a test can hand it a wrong gradient and see the check fail.
/// The run's forward values are the base pass the perturbed ones start from.
pub fn check_run(
    net: &Network,
    inputs: &Inputs,
    run: &super::network::Run,
    h: f64,
    tolerance: f64,
) -> Result<CheckReport> {
    check_run_watched(net, inputs, run, h, tolerance, Watch::never())
}

/// [`check_run`], reporting progress and stopping when asked (see [`Watch`]).
pub fn check_run_watched(
    net: &Network,
    inputs: &Inputs,
    run: &super::network::Run,
    h: f64,
    tolerance: f64,
    watch: Watch<'_>,
) -> Result<CheckReport> {
    anyhow::ensure!(
        h.is_finite() && h > 0.0,
        "h must be a positive number, got {h}"
    );
    // The backprop time is the best of three unrecorded passes (a single short pass is mostly
    // noise).
    let resolved = net.validate(inputs)?;
    let mut backprop_time = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        std::hint::black_box(net.gradients(inputs, &resolved)?);
        backprop_time = backprop_time.min(started.elapsed());
    }

    let mut targets = vec![Target {
        layer: None,
        param: "x",
        shape: inputs.x.dim(),
    }];
    let mut analytic = vec![run.dx.clone()];
    for (i, l) in net.layers.iter().enumerate() {
        for ((param, p), g) in l.layer.param_list().into_iter().zip(&run.layers[i].grads) {
            targets.push(Target {
                layer: Some((i, param)),
                param: param.key(),
                shape: p.dim(),
            });
            analytic.push(g.value.clone());
        }
    }

    let started = Instant::now();
    let base = Base::new(net, run);
    let jobs: Vec<(usize, usize, usize)> = targets
        .iter()
        .enumerate()
        .flat_map(|(k, t)| (0..t.shape.0).flat_map(move |r| (0..t.shape.1).map(move |c| (k, r, c))))
        .collect();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunk = jobs.len().div_ceil(threads).max(256);
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let numerical_cell = |&(k, r, c): &(usize, usize, usize)| {
        if watch.cancel.load(Ordering::Relaxed) {
            return f64::NAN;
        }
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        if finished % PROGRESS_EVERY == 0 || finished == total {
            (watch.progress)(finished, total);
        }
        let t: &Target = &targets[k];
        let plus = base.perturbed(t.layer, r, c, h);
        let minus = base.perturbed(t.layer, r, c, -h);
        (plus - minus) / (2.0 * h)
    };
    let values: Vec<f64> = if jobs.len() <= chunk {
        jobs.iter().map(numerical_cell).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| {
                    let numerical_cell = &numerical_cell;
                    scope.spawn(move || part.iter().map(numerical_cell).collect::<Vec<f64>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    let numerical_time = started.elapsed();
    anyhow::ensure!(!watch.cancel.load(Ordering::Relaxed), CANCELLED);
    anyhow::ensure!(
        values.len() == jobs.len(),
        "a worker thread of the gradient check failed"
    );

    let mut offset = 0;
    let mut tensors = Vec::with_capacity(targets.len());
    for (t, a) in targets.iter().zip(analytic) {
        let count = t.shape.0 * t.shape.1;
        let numerical = Matrix::from_shape_vec(t.shape, values[offset..offset + count].to_vec())?;
        offset += count;
        let (max_abs_diff, max_rel_err) = compare(&a, &numerical, h);
        tensors.push(TensorCheck {
            layer: t.layer.map(|(i, _)| i),
            layer_name: t
                .layer
                .map(|(i, _)| net.layers[i].name.clone())
                .unwrap_or_else(|| "x".into()),
            param: t.param.to_string(),
            analytic: a,
            numerical,
            max_abs_diff,
            max_rel_err,
        });
    }
    let parameters = targets.iter().skip(1).map(|t| t.shape.0 * t.shape.1).sum();
    Ok(CheckReport {
        h,
        tolerance,
        tensors,
        cells: jobs.len(),
        parameters,
        numerical_passes: 2 * jobs.len(),
        numerical_time,
        backprop_time,
        objective: run.objective,
        notes: notes::find(run, h, tolerance),
    })
}

/// The numerical gradient the slow, obvious way: a full forward pass per perturbation. Returns
/// one matrix per tensor, in the order of [`gradient_check`] (x, then parameters).
pub fn numerical_gradient_naive(net: &Network, inputs: &Inputs, h: f64) -> Result<Vec<Matrix>> {
    let resolved = net.validate(inputs)?;
    let mut out = Vec::new();
    let eval = |x: &Matrix, net: &Network| -> Result<f64> {
        let inputs = Inputs {
            x: x.clone(),
            ..inputs.clone()
        };
        net.objective(&inputs, &resolved)
    };
    let mut g = Matrix::zeros(inputs.x.dim());
    for ((r, c), cell) in g.indexed_iter_mut() {
        let mut x = inputs.x.clone();
        x[[r, c]] += h;
        let plus = eval(&x, net)?;
        x[[r, c]] -= 2.0 * h;
        *cell = (plus - eval(&x, net)?) / (2.0 * h);
    }
    out.push(g);
    for (i, l) in net.layers.iter().enumerate() {
        for (name, p) in l.layer.params() {
            let mut g = Matrix::zeros(p.dim());
            for ((r, c), cell) in g.indexed_iter_mut() {
                let mut n2 = net.clone();
                let mut eval_at = |delta: f64| -> Result<f64> {
                    if let Some(m) = n2.layers[i].layer.param_mut(name) {
                        m[[r, c]] += delta;
                    }
                    eval(&inputs.x, &n2)
                };
                let plus = eval_at(h)?;
                let minus = eval_at(-2.0 * h)?;
                *cell = (plus - minus) / (2.0 * h);
            }
            out.push(g);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod watch_tests {
    use super::*;
    use crate::preset::Preset;
    use std::sync::Mutex;

    #[test]
    fn the_error_floor_grows_as_the_step_shrinks() {
        assert_eq!(error_floor(1e-4), 1e-6);
        assert_eq!(error_floor(1e-2), 1e-6);
        assert!((error_floor(1e-8) - 1e-2).abs() < 1e-15);
        // a gradient of 1e-9 whose central difference at h = 1e-8 carries 2e-8 of rounding
        let (a, n) = (1e-9, 2.1e-8);
        assert!((relative_error(a, n, error_floor(1e-8)) - 2e-6).abs() < 1e-12);
        assert!((relative_error(a, n, error_floor(1e-4)) - 2e-2).abs() < 1e-8);
        // above the floor the error is relative to the larger of the two
        assert!((relative_error(0.5, 0.4, error_floor(1e-8)) - 0.2).abs() < 1e-12);
        // compare takes the step's floor: the same matrices fail at 1e-4 and pass at 1e-8
        let (am, nm) = (Matrix::from_elem((1, 2), a), Matrix::from_elem((1, 2), n));
        assert!(compare(&am, &nm, 1e-4).1 > 1e-2);
        assert!(compare(&am, &nm, 1e-8).1 < 1e-5);
        // the max absolute difference, and a NaN on either side fails as infinity (f64::max
        // would otherwise skip it and let the check pass)
        let (abs, rel) = compare(
            &ndarray::array![[1.0, 2.0]],
            &ndarray::array![[1.5, 2.0]],
            1e-4,
        );
        assert_eq!((abs, rel), (0.5, 0.5 / 1.5));
        for (a, n) in [(f64::NAN, 1.0), (1.0, f64::NAN)] {
            let got = compare(
                &Matrix::from_elem((1, 1), a),
                &Matrix::from_elem((1, 1), n),
                1e-4,
            );
            assert_eq!(got, (f64::INFINITY, f64::INFINITY));
        }
    }

    #[test]
    fn a_watched_check_reports_progress_and_stops_when_cancelled() {
        // 803 cells: a report at 512 and one at the end
        let preset = Preset::builtin("train-spiral").expect("built-in");
        let seen = Mutex::new(Vec::new());
        let cancel = AtomicBool::new(false);
        let progress = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
        let watch = Watch {
            progress: &progress,
            cancel: &cancel,
        };
        let report =
            gradient_check_watched(&preset.network, &preset.inputs, DEFAULT_H, 1e-4, watch)
                .expect("checks");
        let cells = report.cells;
        assert_eq!(seen.lock().unwrap().last(), Some(&(cells, cells)));
        // every PROGRESS_EVERY cells and at the end, not at every cell (in any order: threads)
        let mut got: Vec<usize> = seen.lock().unwrap().iter().map(|&(d, _)| d).collect();
        got.sort_unstable();
        let want: Vec<usize> = (1..=cells)
            .filter(|&f| f % PROGRESS_EVERY == 0 || f == cells)
            .collect();
        assert_eq!(got, want);
        assert_eq!(got, [512, 803]);
        cancel.store(true, Ordering::Relaxed);
        let err = gradient_check_watched(&preset.network, &preset.inputs, DEFAULT_H, 1e-4, watch)
            .expect_err("cancelled");
        assert_eq!(err.to_string(), CANCELLED);
    }
}

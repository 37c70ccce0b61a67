//! The gradient check: backprop's gradients against central differences.
//!
//! For every cell of x and of every parameter, `(L(θ + h) − L(θ − h)) / 2h` is compared with the
//! analytic gradient a of one backward pass. The report gives, per tensor, the max absolute
//! difference, the max relative error `|a − n| / max(|a|, |n|, floor)` and the cell where it is
//! largest, and the cost of each method: 2 forward passes per cell versus one forward plus one
//! backward. The floor comes from rounding ([`rounding`]): L is computed to about ±δL, so a
//! central difference is good to about ±δL/h, and a gradient below (δL/h)/tolerance is compared
//! by its absolute difference — a difference rounding alone can make never fails.
//!
//! Each perturbed forward pass reuses the unchanged part of the base pass: nudging `W[i,j]` only
//! changes column j of that layer's output, so only that column is recomputed and carried
//! forward (a row, a column or a whole matrix) until a layer mixes it. The result is the same
//! number a full forward pass gives (tested against [`numerical_gradient_naive`]).

mod delta;
pub mod notes;
pub mod rounding;

pub use delta::{Delta, cell_to_row, map_cells, materialize};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::Matrix;
use super::network::{Inputs, Network};
use crate::i18n::format;
use delta::Base;
pub use notes::{CheckNote, ConstantColumnNote, KinkNote, LogEpsilonNote};

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
    /// max |a − n| / max(|a|, |n|, floor), the floor of [`CheckReport::floor`].
    pub max_rel_err: f64,
    /// The cell (row, column) of the largest relative error.
    pub worst: (usize, usize),
}

impl TensorCheck {
    /// `Affine1.W` for a parameter, `x` for the input (a graph input by its name).
    pub fn name(&self) -> String {
        if self.layer.is_some() {
            format!("{}.{}", self.layer_name, self.param)
        } else {
            self.param.clone()
        }
    }

    /// The worst cell, named: `Affine1.W[412,17]`.
    pub fn worst_cell(&self) -> String {
        format!("{}[{},{}]", self.name(), self.worst.0, self.worst.1)
    }

    /// The cells whose relative error (with `floor`) exceeds `tolerance`, in row-major order.
    pub fn failing_cells(&self, floor: f64, tolerance: f64) -> Vec<(usize, usize)> {
        self.analytic
            .indexed_iter()
            .filter(|&(ix, &a)| cell_error(a, self.numerical[ix], floor) > tolerance)
            .map(|(ix, _)| ix)
            .collect()
    }
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
    /// How far rounding can move one evaluation of the objective, δL (see [`rounding`]).
    pub rounding: f64,
    /// Why some relative errors can be large although backprop is right (a kink within h, the
    /// loss's 1e-7): see [`notes`].
    pub notes: Vec<CheckNote>,
}

impl CheckReport {
    /// How far rounding can move a central difference at this step: δL / h (each of L(θ + h)
    /// and L(θ − h) is off by up to δL, and their difference is divided by 2h).
    pub fn noise(&self) -> f64 {
        self.rounding / self.h
    }

    /// The floor of the relative error: gradients below it are compared by absolute
    /// difference, and a difference up to [`CheckReport::noise`] passes.
    pub fn floor(&self) -> f64 {
        error_floor(self.rounding, self.h, self.tolerance)
    }

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
            crate::t!("report-check-faster", times = format!("{speedup:.0}"))
        } else if speedup > 1.0 / 1.5 {
            crate::t!("report-check-as-fast")
        } else {
            crate::t!(
                "report-check-slower",
                times = format!("{:.0}", 1.0 / speedup.max(1e-9))
            )
        }
    }
}

/// The smallest denominator of the relative error: (δL / h) / tolerance, where δL is how far
/// rounding can move one evaluation of L ([`rounding`]). A gradient below the floor is compared by
/// its absolute difference, and passes when that difference is at most δL / h — what rounding
/// alone can make at this step. A smaller step raises the floor as 1/h.
pub fn error_floor(rounding: f64, h: f64, tolerance: f64) -> f64 {
    rounding / h / tolerance.max(f64::MIN_POSITIVE)
}

/// Relative error as the check defines it: `|a − n| / max(|a|, |n|, floor)`, the floor being
/// [`error_floor`] of the step.
pub fn relative_error(a: f64, n: f64, floor: f64) -> f64 {
    (a - n).abs() / a.abs().max(n.abs()).max(floor)
}

/// One cell's relative error; a NaN on either side (or an infinite difference) is infinity,
/// so it fails.
fn cell_error(a: f64, n: f64, floor: f64) -> f64 {
    if a.is_nan() || n.is_nan() || (a - n).is_infinite() {
        f64::INFINITY
    } else {
        relative_error(a, n, floor)
    }
}

/// The max absolute difference, the max relative error with `floor`, and the cell of that
/// relative error (the first, if several share it).
pub(crate) fn compare(
    analytic: &Matrix,
    numerical: &Matrix,
    floor: f64,
) -> (f64, f64, (usize, usize)) {
    analytic.indexed_iter().zip(numerical.iter()).fold(
        (0.0, 0.0, (0, 0)),
        |(abs, rel, worst), ((ix, &a), &n)| {
            let d = if a.is_nan() || n.is_nan() {
                f64::INFINITY
            } else {
                (a - n).abs()
            };
            let r = cell_error(a, n, floor);
            let (rel, worst) = if r > rel { (r, ix) } else { (rel, worst) };
            (f64::max(abs, d), rel, worst)
        },
    )
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
        crate::t!("err-h-positive", h = format::given(h))
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
    let threads = crate::engine::linalg::threads().min(8);
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
    anyhow::ensure!(
        !watch.cancel.load(Ordering::Relaxed),
        crate::t!("err-check-cancelled")
    );
    anyhow::ensure!(values.len() == jobs.len(), crate::t!("err-check-worker"));

    let rounding = rounding::objective_rounding(run, net.layers.iter().map(|l| Some(&l.layer)));
    let floor = error_floor(rounding, h, tolerance);
    let mut offset = 0;
    let mut tensors = Vec::with_capacity(targets.len());
    for (t, a) in targets.iter().zip(analytic) {
        let count = t.shape.0 * t.shape.1;
        let numerical = Matrix::from_shape_vec(t.shape, values[offset..offset + count].to_vec())?;
        offset += count;
        let (max_abs_diff, max_rel_err, worst) = compare(&a, &numerical, floor);
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
            worst,
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
        rounding,
        notes: notes::find(run, h, tolerance, rounding),
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
    fn the_error_floor_is_the_rounding_at_this_step_over_the_tolerance() {
        // L good to ±1e-15: at h = 1e-4 a central difference is good to ±1e-11, and with a
        // tolerance of 1e-4 the floor is 1e-7; at h = 1e-8 both are 10,000 times larger
        assert!((error_floor(1e-15, 1e-4, 1e-4) - 1e-7).abs() < 1e-20);
        assert!((error_floor(1e-15, 1e-8, 1e-4) - 1e-3).abs() < 1e-16);
        // below the floor a difference up to the rounding passes at any tolerance
        let floor = error_floor(1e-15, 1e-4, 1e-6);
        assert!((relative_error(1e-12, 1e-12 + 1e-11, floor) - 1e-6).abs() < 1e-15);
        // above the floor the error is relative to the larger of the two
        assert!((relative_error(0.5, 0.4, floor) - 0.2).abs() < 1e-12);
        // compare takes the floor, and names the cell of the largest relative error
        let (a, n) = (1e-9, 2.1e-8);
        let (am, nm) = (
            ndarray::array![[0.5, a], [0.25, 0.25]],
            ndarray::array![[0.5, n], [0.25, 0.25]],
        );
        let (abs, rel, worst) = compare(&am, &nm, error_floor(1e-15, 1e-4, 1e-4));
        assert_eq!(worst, (0, 1));
        assert!((abs - 2e-8).abs() < 1e-20 && rel > 1e-2, "{rel}");
        assert!(compare(&am, &nm, error_floor(1e-15, 1e-8, 1e-4)).1 < 1e-4);
        // the max absolute difference, and a NaN on either side fails as infinity (f64::max
        // would otherwise skip it and let the check pass), and is the worst cell
        let (abs, rel, worst) = compare(
            &ndarray::array![[1.0, 2.0]],
            &ndarray::array![[1.5, 2.0]],
            1e-7,
        );
        assert_eq!((abs, rel, worst), (0.5, 0.5 / 1.5, (0, 0)));
        for (a, n) in [(f64::NAN, 1.0), (1.0, f64::NAN)] {
            let got = compare(&ndarray::array![[1.0, a]], &ndarray::array![[1.0, n]], 1e-7);
            assert_eq!(got, (f64::INFINITY, f64::INFINITY, (0, 1)));
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
        assert_eq!(err.to_string(), "the gradient check was cancelled");
    }
}

//! A network: a chain of named layers, its inputs, and a run that records the tape.
//!
//! [`Network::run`] does one forward pass then one backward pass and returns a [`Run`]: the tape
//! of every elementary step plus each layer's output, `dout`, `dx` and parameter gradients.
//! [`Network::objective`] is the same forward pass without recording (for the gradient check).
//!
//! The scalar being differentiated is the loss when the chain ends in Softmax-with-Loss;
//! otherwise it is `L = Σ dout ⊙ out` for the given (or all-ones) `dout`, so that `dout` really is
//! ∂L/∂out and every gradient can be checked numerically.

use std::ops::Range;

use anyhow::{Context, Result, bail, ensure};

use super::Matrix;
use super::format::{first, n4, shape};
use super::layer::{Cache, Grad, Layer, LayerKind, loss_recorded};
use super::tape::{NoRecord, Phase, Recorder, Tape};

/// The most cells all layer outputs together may have: the tape keeps a few copies of each.
pub const MAX_ACTIVATION_CELLS: usize = 10_000_000;

/// A layer with its display name.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedLayer {
    /// Display name, unique in the network (`Affine1`, `ReLU`, …).
    pub name: String,
    /// The layer.
    pub layer: Layer,
}

/// Targets for Softmax-with-Loss: class labels or one-hot rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Targets {
    /// One class index per row of the batch.
    Labels(Vec<usize>),
    /// An N×K matrix of one-hot (or soft) rows.
    OneHot(Matrix),
}

impl Targets {
    /// The N×K matrix form, or an error when the targets do not fit `n` rows of `k` classes.
    pub fn one_hot(&self, n: usize, k: usize) -> Result<Matrix> {
        match self {
            Targets::Labels(labels) => {
                ensure!(
                    labels.len() == n,
                    "t has {} labels but the batch has {n} rows: give one label per row",
                    labels.len()
                );
                let mut m = Matrix::zeros((n, k));
                for (row, &label) in labels.iter().enumerate() {
                    ensure!(
                        label < k,
                        "label {label} (row {row}) is out of range: the output has {k} classes, so labels go from 0 to {}",
                        k.saturating_sub(1)
                    );
                    m[[row, label]] = 1.0;
                }
                Ok(m)
            }
            Targets::OneHot(m) => {
                ensure!(
                    m.dim() == (n, k),
                    "t is {}×{} but the output is {n}×{k}: one row per sample, one column per class",
                    m.nrows(),
                    m.ncols()
                );
                // (y − t)/N is the gradient only when each row of t is a distribution.
                for (row, r) in m.rows().into_iter().enumerate() {
                    ensure!(
                        r.iter().all(|&v| v >= 0.0),
                        "t row {row} has a negative value: targets are one-hot rows (or probabilities)"
                    );
                    let sum = r.sum();
                    ensure!(
                        (sum - 1.0).abs() <= 1e-9,
                        "t row {row} sums to {sum}: each row of t must sum to 1 (one-hot, like [0, 1, 0]), \
                         because backward's (y − t)/N assumes it"
                    );
                }
                Ok(m.clone())
            }
        }
    }
}

/// What a network runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// The input batch, N×D.
    pub x: Matrix,
    /// Targets, required when the last layer is Softmax-with-Loss.
    pub t: Option<Targets>,
    /// The gradient arriving at the last output when there is no loss (default: all ones).
    pub dout: Option<Matrix>,
}

/// A chain of layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The layers, first to last.
    pub layers: Vec<NamedLayer>,
}

/// One layer's part of a run.
#[derive(Debug, Clone)]
pub struct LayerRun {
    /// The layer's kind.
    pub kind: LayerKind,
    /// The layer's name.
    pub name: String,
    /// What the layer received in forward.
    pub input: Matrix,
    /// What it output (probabilities for Softmax-with-Loss).
    pub out: Matrix,
    /// ∂L/∂out, the gradient that arrived in backward (for the loss layer: ones, ∂L/∂L = 1).
    pub dout: Matrix,
    /// ∂L/∂input.
    pub dx: Matrix,
    /// Gradients of the parameters.
    pub grads: Vec<Grad>,
    /// Tape indices of its forward steps.
    pub forward_steps: Range<usize>,
    /// Tape indices of its backward steps.
    pub backward_steps: Range<usize>,
}

/// The result of one forward and one backward pass.
#[derive(Debug, Clone)]
pub struct Run {
    /// Every step.
    pub tape: Tape,
    /// Per layer.
    pub layers: Vec<LayerRun>,
    /// The loss, when the chain ends in Softmax-with-Loss.
    pub loss: Option<f64>,
    /// The scalar that was differentiated: the loss, or Σ dout ⊙ out.
    pub objective: f64,
    /// The last layer's output.
    pub out: Matrix,
    /// ∂L/∂x.
    pub dx: Matrix,
    /// The one-hot targets used, if any.
    pub t: Option<Matrix>,
    /// The gradient that started the backward pass at the last output (when there is no loss).
    pub dout: Option<Matrix>,
}

impl Run {
    /// The tape index of the forward step of `layer` that wrote the ReLU mask (`None` for a
    /// layer that is not a ReLU).
    pub fn mask_step(&self, layer: usize) -> Option<usize> {
        let steps = self.layers.get(layer)?.forward_steps.clone();
        steps.into_iter().find(|&s| {
            self.tape
                .steps
                .get(s)
                .is_some_and(|s| s.op == super::Op::Mask)
        })
    }
}

/// Shapes and targets resolved by [`Network::validate`].
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The one-hot targets, when there is a loss.
    pub t: Option<Matrix>,
    /// The starting gradient, when there is no loss.
    pub dout: Option<Matrix>,
    /// The output shape of each layer.
    pub shapes: Vec<(usize, usize)>,
}

impl Resolved {
    /// The scalar backward differentiates, given the last layer's cache and output: the loss,
    /// or `Σ dout ⊙ out` when the chain has no loss.
    pub fn objective(&self, last: Option<&Cache>, out: &Matrix) -> f64 {
        match (last, &self.dout) {
            (Some(Cache::Loss(c)), _) => c.loss,
            (_, Some(d)) => (d * out).sum(),
            _ => 0.0,
        }
    }
}

/// Move one cell of one layer's output by `h` before the next layer reads it: the nudge of a
/// forward output. The layer's own cache keeps what forward computed; for Softmax-with-Loss the
/// loss steps after y are recorded again from the moved y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutputNudge {
    /// Layer index.
    pub layer: usize,
    /// Row of the output cell.
    pub row: usize,
    /// Column of the output cell.
    pub col: usize,
    /// How far to move it.
    pub h: f64,
}

impl Network {
    /// True when the last layer is Softmax-with-Loss.
    pub fn has_loss(&self) -> bool {
        self.layers
            .last()
            .is_some_and(|l| l.layer.kind() == LayerKind::SoftmaxWithLoss)
    }

    /// Check that the chain fits the inputs: every layer's shape, the loss layer only at the end,
    /// targets and `dout`. Errors name both layers and both shapes.
    pub fn validate(&self, inputs: &Inputs) -> Result<Resolved> {
        ensure!(
            !self.layers.is_empty(),
            "the network has no layers: add at least one [[layers]] table"
        );
        let mut shape_in = inputs.x.dim();
        ensure!(
            shape_in.0 > 0 && shape_in.1 > 0,
            "x is empty: give at least one row with one value"
        );
        let mut shapes = Vec::with_capacity(self.layers.len());
        for (i, l) in self.layers.iter().enumerate() {
            if l.layer.kind() == LayerKind::SoftmaxWithLoss && i + 1 != self.layers.len() {
                bail!(
                    "layer {i} ({}) is softmax_with_loss but is not the last layer: the loss must end the chain",
                    l.name
                );
            }
            l.layer
                .check_parameters()
                .with_context(|| format!("layer {i} ({})", l.name))?;
            let from = if i == 0 {
                "x is".to_string()
            } else {
                format!("layer {} ({}) outputs", i - 1, self.layers[i - 1].name)
            };
            let out = l.layer.output_shape(shape_in).with_context(|| {
                format!(
                    "shape mismatch: {from} {}×{} but layer {i} ({}) cannot take it",
                    shape_in.0, shape_in.1, l.name
                )
            })?;
            shapes.push(out);
            shape_in = out;
        }
        let activations: usize = shapes.iter().map(|(r, c)| r.saturating_mul(*c)).sum();
        ensure!(
            activations <= MAX_ACTIVATION_CELLS,
            "the layers' outputs total {activations} cells; at most {MAX_ACTIVATION_CELLS} are allowed, \
             so that the tape of every step fits in memory: use fewer layers or smaller matrices"
        );
        let (n, k) = shape_in;
        let (t, dout) = if self.has_loss() {
            let t = inputs.t.as_ref().context("the last layer is softmax_with_loss, so the preset needs targets t (class labels or one-hot rows)")?;
            ensure!(
                inputs.dout.is_none(),
                "dout is given but the chain ends in a loss, where backward starts from ∂L/∂L = 1: remove dout"
            );
            (Some(t.one_hot(n, k)?), None)
        } else {
            ensure!(
                inputs.t.is_none(),
                "t is given but the chain does not end in softmax_with_loss, so nothing reads it: \
                 remove t or add a softmax_with_loss layer"
            );
            let dout = match &inputs.dout {
                Some(d) => {
                    ensure!(
                        d.dim() == (n, k),
                        "dout is {}×{} but the last output is {n}×{k}: they must match",
                        d.nrows(),
                        d.ncols()
                    );
                    d.clone()
                }
                None => Matrix::ones((n, k)),
            };
            (None, Some(dout))
        };
        Ok(Resolved { t, dout, shapes })
    }

    /// Forward then backward, recording every step.
    pub fn run(&self, inputs: &Inputs) -> Result<Run> {
        self.run_nudged(inputs, None)
    }

    /// [`Network::run`], with one cell of one layer's output moved by h (see [`OutputNudge`]).
    pub fn run_nudged(&self, inputs: &Inputs, nudge: Option<OutputNudge>) -> Result<Run> {
        let resolved = self.validate(inputs)?;
        let mut tape = Tape::new();
        let mut caches: Vec<Cache> = Vec::with_capacity(self.layers.len());
        let mut layers: Vec<LayerRun> = Vec::with_capacity(self.layers.len());
        let mut x = inputs.x.clone();
        for (i, l) in self.layers.iter().enumerate() {
            tape.enter(Phase::Forward, i, &l.name, l.layer.kind());
            let start = tape.len();
            let (mut out, mut cache) = l.layer.forward(&x, resolved.t.as_ref(), &mut tape)?;
            if let Some(n) = nudge.filter(|n| n.layer == i) {
                nudge_output(n, &l.name, &mut out, &mut cache, &mut tape)?;
            }
            ensure_finite(&out, || format!("layer {i} ({}) output", l.name))?;
            layers.push(LayerRun {
                kind: l.layer.kind(),
                name: l.name.clone(),
                input: x,
                out: out.clone(),
                dout: Matrix::zeros((0, 0)),
                dx: Matrix::zeros((0, 0)),
                grads: vec![],
                forward_steps: start..tape.len(),
                backward_steps: 0..0,
            });
            caches.push(cache);
            x = out;
        }
        let out = x;
        let loss = match caches.last() {
            Some(Cache::Loss(c)) => Some(c.loss),
            _ => None,
        };
        let objective = resolved.objective(caches.last(), &out);
        ensure_finite([&objective], || match loss {
            Some(_) => "the loss L".to_string(),
            None => "L = Σ dout ⊙ out (the scalar backward differentiates)".to_string(),
        })?;
        let start_dout = resolved.dout.clone();
        let mut dout = start_dout.clone().unwrap_or_else(|| Matrix::ones((1, 1)));
        for i in (0..self.layers.len()).rev() {
            let l = &self.layers[i];
            tape.enter(Phase::Backward, i, &l.name, l.layer.kind());
            let note = self.dout_note(i, &dout, loss);
            tape.prefix_next(|| note);
            let start = tape.len();
            let (dx, grads) = l.layer.backward(&caches[i], &dout, &mut tape)?;
            ensure_finite(&dx, || format!("the gradient dx of layer {i} ({})", l.name))?;
            for g in &grads {
                ensure_finite(&g.value, || {
                    format!("the gradient d{} of layer {i} ({})", g.name, l.name)
                })?;
            }
            let lr = &mut layers[i];
            lr.dout = dout;
            lr.dx = dx.clone();
            lr.grads = grads;
            lr.backward_steps = start..tape.len();
            dout = dx;
        }
        Ok(Run {
            tape,
            layers,
            loss,
            objective,
            out,
            dx: dout,
            t: resolved.t,
            dout: start_dout,
        })
    }

    /// The sentence that says what `dout` is when layer `i`'s backward starts.
    fn dout_note(&self, i: usize, dout: &Matrix, loss: Option<f64>) -> String {
        let l = &self.layers[i];
        if l.layer.kind() == LayerKind::SoftmaxWithLoss {
            return format!(
                "Backward starts here, at the loss L = {}, from ∂L/∂L = 1.",
                loss.map(n4).unwrap_or_default()
            );
        }
        if i + 1 == self.layers.len() {
            return format!(
                "dout ({}) is the starting gradient: with L = Σ dout ⊙ out, dout[0,0] = {} = ∂L/∂out[0,0].",
                shape(dout),
                first(dout)
            );
        }
        // Quote the cell with the largest gradient: it shows best what dout means.
        let (r, c, v) = dout
            .indexed_iter()
            .fold((0, 0, 0.0f64), |best, ((r, c), &v)| {
                if v.abs() > best.2.abs() {
                    (r, c, v)
                } else {
                    best
                }
            });
        format!(
            "dout = ∂L/∂out of {} ({}), arriving from layer {} ({}) as its dx; dout[{r},{c}] = {}: nudge out[{r},{c}] by h and L moves by about {}·h.",
            l.name,
            shape(dout),
            i + 1,
            self.layers[i + 1].name,
            n4(v),
            n4(v)
        )
    }

    /// Forward without recording: every layer's cache and the last output.
    fn forward_fast(&self, inputs: &Inputs, resolved: &Resolved) -> Result<(Vec<Cache>, Matrix)> {
        let mut caches = Vec::with_capacity(self.layers.len());
        let mut last: Option<Matrix> = None;
        for l in &self.layers {
            let x = last.as_ref().unwrap_or(&inputs.x);
            let (out, cache) = l.layer.forward(x, resolved.t.as_ref(), &mut NoRecord)?;
            caches.push(cache);
            last = Some(out);
        }
        let out = last.unwrap_or_else(|| inputs.x.clone());
        Ok((caches, out))
    }

    /// Forward only, without recording: the scalar that backward differentiates (the loss, or
    /// Σ dout ⊙ out).
    pub fn objective(&self, inputs: &Inputs, resolved: &Resolved) -> Result<f64> {
        let (caches, out) = self.forward_fast(inputs, resolved)?;
        Ok(resolved.objective(caches.last(), &out))
    }

    /// Forward and backward without recording: (objective, dx, gradients per layer).
    pub fn gradients(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
    ) -> Result<(f64, Matrix, Vec<Vec<Grad>>)> {
        let (caches, out) = self.forward_fast(inputs, resolved)?;
        let objective = resolved.objective(caches.last(), &out);
        let mut dout = resolved
            .dout
            .clone()
            .unwrap_or_else(|| Matrix::ones((1, 1)));
        let mut grads = vec![Vec::new(); self.layers.len()];
        for i in (0..self.layers.len()).rev() {
            let (dx, g) = self.layers[i]
                .layer
                .backward(&caches[i], &dout, &mut NoRecord)?;
            grads[i] = g;
            dout = dx;
        }
        Ok((objective, dout, grads))
    }
}

/// Apply `n` to the output `out` of the layer just run: move the cell, and make the tape say
/// what the next layer will read. For Softmax-with-Loss the loss steps after y are recorded
/// again from the moved y, so the loss is the nudged one.
fn nudge_output(
    n: OutputNudge,
    name: &str,
    out: &mut Matrix,
    cache: &mut Cache,
    tape: &mut Tape,
) -> Result<()> {
    let (rows, cols) = out.dim();
    let cell = out.get_mut((n.row, n.col)).with_context(|| {
        format!(
            "cell [{},{}] is outside the output of {name}, which is {rows}×{cols}",
            n.row, n.col
        )
    })?;
    *cell += n.h;
    match cache {
        Cache::Loss(c) => {
            let at = c.y_step.context("the loss layer recorded no y step")?;
            tape.truncate(at + 1);
            if let Some(step) = tape.steps.get_mut(at) {
                step.writes.value = out.clone();
            }
            c.y = out.clone();
            c.loss = loss_recorded(&c.y, &c.t, tape);
        }
        _ => {
            let last = tape
                .steps
                .last_mut()
                .context("the layer recorded no step")?;
            last.writes.value = out.clone();
        }
    }
    Ok(())
}

/// An error when `values` (a matrix, or one number) hold inf or NaN: f64 overflowed somewhere
/// in `what`.
fn ensure_finite<'a>(
    values: impl IntoIterator<Item = &'a f64>,
    what: impl FnOnce() -> String,
) -> Result<()> {
    if let Some(v) = values.into_iter().find(|v| !v.is_finite()) {
        bail!(
            "{} became {v}: the numbers are too large for f64 (about ±1.8e308 at most); use smaller values",
            what()
        );
    }
    Ok(())
}

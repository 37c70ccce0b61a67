//! The one forward-and-backward pass, generic over the [`Recorder`].
//!
//! [`Network::run`] records every step on a [`Tape`]; [`Network::gradients`] and
//! [`Network::objective`] run the same code with [`NoRecord`], which builds no step and no note.
//! A nudge (see [`OutputNudge`]) moves one cell of one layer's output before the next layer reads it.

use std::borrow::Cow;

use anyhow::{Context, Result, bail};

use super::Matrix;
use super::layer::{Cache, Grad};
use super::network::{Inputs, LayerRun, Network, OutputNudge, Resolved, Run};
use super::notes::dout_note;
use super::tape::{NoRecord, Phase, Recorder, Tape};

/// How far back a pass goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backward {
    /// Forward only.
    No,
    /// Down to ∂L/∂x of the inputs.
    Full,
    /// Down to the first layer's parameter gradients, without its dx.
    Params,
}

/// What one pass produced, whoever recorded it.
struct Pass {
    layers: Vec<LayerRun>,
    caches: Vec<Cache>,
    out: Matrix,
    dx: Matrix,
    objective: f64,
    loss: Option<f64>,
}

impl Network {
    /// Forward then backward, recording every step.
    pub fn run(&self, inputs: &Inputs) -> Result<Run> {
        self.run_nudged(inputs, None)
    }

    /// [`Network::run`], with one cell of one layer's output moved by h (see [`OutputNudge`]).
    pub fn run_nudged(&self, inputs: &Inputs, nudge: Option<OutputNudge>) -> Result<Run> {
        let resolved = self.validate(inputs)?;
        let mut tape = Tape::new();
        let pass = self.pass(inputs, &resolved, nudge, Backward::Full, &mut tape)?;
        Ok(Run {
            tape,
            layers: pass.layers,
            loss: pass.loss,
            objective: pass.objective,
            out: pass.out,
            dx: pass.dx,
            t: resolved.t,
            dout: resolved.dout,
        })
    }

    /// Forward only, without recording: the scalar that backward differentiates (the loss, or
    /// Σ dout ⊙ out).
    pub fn objective(&self, inputs: &Inputs, resolved: &Resolved) -> Result<f64> {
        Ok(self
            .pass(inputs, resolved, None, Backward::No, &mut NoRecord)?
            .objective)
    }

    /// Forward and backward without recording: (objective, dx, gradients per layer).
    pub fn gradients(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
    ) -> Result<(f64, Matrix, Vec<Vec<Grad>>)> {
        let pass = self.pass(inputs, resolved, None, Backward::Full, &mut NoRecord)?;
        let grads = pass.layers.into_iter().map(|l| l.grads).collect();
        Ok((pass.objective, pass.dx, grads))
    }

    /// Forward and backward without recording, stopping at the parameters: (objective,
    /// gradients per layer) — what the book's `TwoLayerNet.gradient` returns. The first layer's
    /// `dx` (∂L/∂x of the data, which training never reads) is not computed: for Affine that
    /// saves the `dY·Wᵀ` product, a third of the work at the book's MNIST shape.
    pub fn param_gradients(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
    ) -> Result<(f64, Vec<Vec<Grad>>)> {
        let pass = self.pass(inputs, resolved, None, Backward::Params, &mut NoRecord)?;
        let grads = pass.layers.into_iter().map(|l| l.grads).collect();
        Ok((pass.objective, grads))
    }

    /// The forward caches of a pass without recording (for training hooks and tests).
    pub fn forward_caches(&self, inputs: &Inputs, resolved: &Resolved) -> Result<Vec<Cache>> {
        Ok(self
            .pass(inputs, resolved, None, Backward::No, &mut NoRecord)?
            .caches)
    }

    /// Forward (and, when `backward`, backward) through every layer, reporting to `rec`.
    fn pass<R: Recorder>(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
        nudge: Option<OutputNudge>,
        backward: Backward,
        rec: &mut R,
    ) -> Result<Pass> {
        let mut caches: Vec<Cache> = Vec::with_capacity(self.layers.len());
        let mut layers: Vec<LayerRun> = Vec::with_capacity(self.layers.len());
        // Without a tape, nobody reads a layer's input, output or dx afterwards: keep no copies
        // (at the book's MNIST shape a copy of x is 627 KB, and fresh memory costs page faults).
        let mut x: Cow<'_, Matrix> = Cow::Borrowed(&inputs.x);
        for (i, l) in self.layers.iter().enumerate() {
            rec.enter(Phase::Forward, i, &l.name, l.layer.kind());
            let start = rec.position();
            let (mut out, mut cache) = l.layer.forward(&x, resolved.t.as_ref(), rec)?;
            if let Some(n) = nudge.filter(|n| n.layer == i) {
                let (rows, cols) = out.dim();
                let cell = out.get_mut((n.row, n.col)).with_context(|| {
                    format!(
                        "cell [{},{}] is outside the output of {}, which is {rows}×{cols}",
                        n.row, n.col, l.name
                    )
                })?;
                *cell += n.h;
                cache.after_nudge(&out, rec)?;
            }
            ensure_finite(&out, || format!("layer {i} ({}) output", l.name))?;
            let (input, kept_out) = if R::RECORDS {
                (x.into_owned(), out.clone())
            } else {
                (Matrix::zeros((0, 0)), Matrix::zeros((0, 0)))
            };
            layers.push(LayerRun {
                kind: l.layer.kind(),
                name: l.name.clone(),
                input,
                out: kept_out,
                dout: Matrix::zeros((0, 0)),
                dx: Matrix::zeros((0, 0)),
                grads: vec![],
                forward_steps: start..rec.position(),
                backward_steps: 0..0,
            });
            caches.push(cache);
            x = Cow::Owned(out);
        }
        let out = x.into_owned();
        let loss = caches.last().and_then(Cache::loss);
        let objective = resolved.objective(caches.last(), &out);
        ensure_finite([&objective], || match loss {
            Some(_) => "the loss L".to_string(),
            None => "L = Σ dout ⊙ out (the scalar backward differentiates)".to_string(),
        })?;
        if backward == Backward::No {
            return Ok(Pass {
                layers,
                caches,
                dx: Matrix::zeros((0, 0)),
                out,
                objective,
                loss,
            });
        }
        let mut dout = resolved
            .dout
            .clone()
            .unwrap_or_else(|| Matrix::ones((1, 1)));
        for i in (0..self.layers.len()).rev() {
            let l = &self.layers[i];
            rec.enter(Phase::Backward, i, &l.name, l.layer.kind());
            rec.prefix_next(|| dout_note(self, i, &dout, loss));
            let start = rec.position();
            let (dx, grads) = if i == 0 && backward == Backward::Params {
                let grads = l.layer.param_grads(&caches[i], &dout)?;
                (Matrix::zeros((0, 0)), grads)
            } else {
                l.layer.backward(&caches[i], &dout, rec)?
            };
            ensure_finite(&dx, || format!("the gradient dx of layer {i} ({})", l.name))?;
            for g in &grads {
                ensure_finite(&g.value, || {
                    format!("the gradient d{} of layer {i} ({})", g.name, l.name)
                })?;
            }
            let lr = &mut layers[i];
            lr.dout = dout;
            if R::RECORDS {
                lr.dx = dx.clone();
            }
            lr.grads = grads;
            lr.backward_steps = start..rec.position();
            dout = dx;
        }
        Ok(Pass {
            layers,
            caches,
            out,
            dx: dout,
            objective,
            loss,
        })
    }
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

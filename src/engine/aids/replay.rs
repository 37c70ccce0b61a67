//! Rerunning a network for the nudge: forward and backward exactly as [`Network::run`] does,
//! optionally with one cell of one layer's output moved by h, and the cell-by-cell difference of
//! two tapes.
//!
//! Used only by [`super::nudge`]; it does no I/O and touches no UI.

use anyhow::{Context, Result, bail, ensure};

use super::nudge::{CellChange, StepChange, bump};
use crate::engine::Matrix;
use crate::engine::layer::Cache;
use crate::engine::network::{Inputs, Network, Resolved};
use crate::engine::op::UnaryFn;
use crate::engine::tape::{Phase, Recorder, Tape};

/// Add `h` to one cell of layer `layer`'s output before the next layer reads it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Override {
    /// Layer index.
    pub layer: usize,
    /// Row.
    pub row: usize,
    /// Column.
    pub col: usize,
    /// The nudge.
    pub h: f64,
}

/// Forward and backward like [`Network::run`], optionally overriding one output cell; returns
/// the tape and the objective.
pub(super) fn replay(
    net: &Network,
    inputs: &Inputs,
    resolved: &Resolved,
    over: Option<Override>,
) -> Result<(Tape, f64)> {
    let mut tape = Tape::new();
    let mut caches = Vec::with_capacity(net.layers.len());
    let mut x = inputs.x.clone();
    for (i, l) in net.layers.iter().enumerate() {
        tape.enter(Phase::Forward, i, &l.name, l.layer.kind());
        let (mut out, mut cache) = l.layer.forward(&x, resolved.t.as_ref(), &mut tape)?;
        if let Some(o) = over.filter(|o| o.layer == i) {
            bump(
                &mut out,
                o.row,
                o.col,
                o.h,
                &format!("the output of {}", l.name),
            )?;
            match &mut cache {
                Cache::Loss(c) => {
                    c.y = out.clone();
                    c.loss = patch_loss_steps(&mut tape, c.y_step, &c.y, &c.t)?;
                }
                _ => {
                    let last = tape
                        .steps
                        .last_mut()
                        .context("the layer recorded no step")?;
                    last.writes.value = out.clone();
                }
            }
        }
        caches.push(cache);
        x = out;
    }
    let objective = match (caches.last(), &resolved.dout) {
        (Some(Cache::Loss(c)), _) => c.loss,
        (_, Some(d)) => (d * &x).sum(),
        _ => 0.0,
    };
    let mut dout = resolved
        .dout
        .clone()
        .unwrap_or_else(|| Matrix::ones((1, 1)));
    for i in (0..net.layers.len()).rev() {
        let l = &net.layers[i];
        tape.enter(Phase::Backward, i, &l.name, l.layer.kind());
        let (dx, _) = l.layer.backward(&caches[i], &dout, &mut tape)?;
        dout = dx;
    }
    Ok((tape, objective))
}

/// After y of Softmax-with-Loss was nudged: rewrite what its last steps wrote (y, log y, ℓ, L),
/// computed as the layer computes them, and return the new loss.
fn patch_loss_steps(tape: &mut Tape, y_step: Option<usize>, y: &Matrix, t: &Matrix) -> Result<f64> {
    let at = y_step.context("the loss layer recorded no y step")?;
    let logy = y.mapv(|v| UnaryFn::LogEps.apply(v));
    let mut per_row = Matrix::zeros((y.nrows(), 1));
    for n in 0..y.nrows() {
        per_row[[n, 0]] = t
            .row(n)
            .iter()
            .zip(logy.row(n).iter())
            .map(|(&q, &l)| if q != 0.0 { -q * l } else { 0.0 })
            .sum();
    }
    let loss = per_row.mean().unwrap_or(0.0);
    let values = [y.clone(), logy, per_row, Matrix::from_elem((1, 1), loss)];
    let labels = ["÷ sum", "log", "−Σ t·log y", "mean"];
    for (k, (value, label)) in values.into_iter().zip(labels).enumerate() {
        let step = tape
            .steps
            .get_mut(at + k)
            .context("the loss layer recorded fewer steps than expected")?;
        if step.label != label {
            bail!(
                "the loss layer's step {} is \"{}\", expected \"{label}\": the nudge needs updating",
                at + k + 1,
                step.label
            );
        }
        step.writes.value = value;
    }
    Ok(loss)
}

/// The steps whose written values differ, cell by cell.
pub(super) fn diff(base: &Tape, nudged: &Tape) -> Result<Vec<StepChange>> {
    ensure!(
        base.len() == nudged.len(),
        "the nudged run has {} steps but the base run has {}",
        nudged.len(),
        base.len()
    );
    let mut out = Vec::new();
    for (k, (a, b)) in base.steps.iter().zip(nudged.steps.iter()).enumerate() {
        let (va, vb) = (&a.writes.value, &b.writes.value);
        ensure!(
            va.dim() == vb.dim(),
            "step {} changed shape under the nudge",
            k + 1
        );
        let cells: Vec<CellChange> = va
            .indexed_iter()
            .zip(vb.iter())
            .filter(|((_, x), y)| x.to_bits() != y.to_bits())
            .map(|(((row, col), &before), &after)| CellChange {
                row,
                col,
                before,
                after,
            })
            .collect();
        if !cells.is_empty() {
            out.push(StepChange { step: k, cells });
        }
    }
    Ok(out)
}

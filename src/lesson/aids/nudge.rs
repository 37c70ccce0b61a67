//! The nudge: move one cell by h, rerun, and compare the change in the objective with what
//! backprop predicted (the cell's gradient × h). This is what `dout` *is*: nudge `out[i,j]` of a
//! layer by h and L moves by about `dout[i,j]·h`.
//!
//! A target is a cell of x, of a parameter, or of a layer's forward output. For a forward output,
//! the layer runs as usual, then that one output cell is replaced by `out + h` and the rest of the
//! chain runs forward from there (the layer's own cache is left as forward made it). The report
//! also lists every tape step whose written value changed, cell by cell, so the explorer can
//! highlight the ripple step by step.
//!
//! The objective is the loss, or `Σ dout ⊙ out` when the chain has no loss (see
//! [`Run::objective`](crate::engine::Run::objective)). A special case is the output of Softmax-with-Loss, the probabilities y:
//! its backward never forms ∂L/∂y (it goes straight from L to the scores with `(y − t)/N`), and
//! `run.layers[last].dout` is ∂L/∂L = 1, not ∂L/∂y. So for y the predicted change uses the
//! cross-entropy's own derivative `∂L/∂y[n,k] = −t[n,k] / (N·(y[n,k] + 1e-7))`, and
//! [`NudgeReport::gradient_source`] says so.

use anyhow::{Context, Result, ensure};

use crate::engine::Matrix;
use crate::engine::layer::LayerKind;
use crate::engine::network::{Inputs, Network, OutputNudge};
use crate::engine::tape::Tape;
use crate::i18n::Msg;
use crate::msg;

/// The default nudge.
pub const DEFAULT_NUDGE_H: f64 = 1e-3;

/// The cell to nudge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NudgeTarget {
    /// A cell of the input x.
    Input {
        /// Row.
        row: usize,
        /// Column.
        col: usize,
    },
    /// A cell of a parameter: `W` or `b` of an Affine, `w` of a Mul, `b` of an Add.
    Param {
        /// Layer index.
        layer: usize,
        /// Parameter name.
        name: String,
        /// Row.
        row: usize,
        /// Column.
        col: usize,
    },
    /// A cell of a layer's forward output.
    Output {
        /// Layer index.
        layer: usize,
        /// Row.
        row: usize,
        /// Column.
        col: usize,
    },
}

impl NudgeTarget {
    /// How the cell is named on screen: `x[0,1]`, `Affine1.W[2,0]`, `Affine2 out[1,0]`.
    pub fn describe(&self, net: &Network) -> String {
        let name = |l: usize| {
            net.layers
                .get(l)
                .map(|n| n.name.clone())
                .unwrap_or_else(|| format!("layer {}", l + 1))
        };
        match self {
            NudgeTarget::Input { row, col } => format!("x[{row},{col}]"),
            NudgeTarget::Param {
                layer,
                name: p,
                row,
                col,
            } => format!("{}.{p}[{row},{col}]", name(*layer)),
            NudgeTarget::Output { layer, row, col } => format!("{} out[{row},{col}]", name(*layer)),
        }
    }
}

/// One cell of a step's written matrix that moved.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// Row.
    pub row: usize,
    /// Column.
    pub col: usize,
    /// Value before the nudge.
    pub before: f64,
    /// Value after the nudge.
    pub after: f64,
}

/// A tape step whose written value changed.
#[derive(Debug, Clone, PartialEq)]
pub struct StepChange {
    /// Tape index (the same in the base run and the nudged one).
    pub step: usize,
    /// The cells that changed, row-major.
    pub cells: Vec<CellChange>,
}

/// What a nudge did.
#[derive(Debug, Clone, PartialEq)]
pub struct NudgeReport {
    /// The nudged cell.
    pub target: NudgeTarget,
    /// `x[0,1]`, `Affine1.W[2,0]`, …
    pub target_name: String,
    /// The nudge.
    pub h: f64,
    /// `L` or `Σ dout ⊙ out`.
    pub objective_name: &'static str,
    /// The objective before.
    pub base: f64,
    /// The objective after.
    pub nudged: f64,
    /// `nudged − base`.
    pub actual: f64,
    /// ∂objective/∂cell from the backward pass.
    pub gradient: f64,
    /// Where `gradient` comes from, e.g. `dW of Affine1` or `dout arriving at Affine2`.
    pub gradient_source: Msg,
    /// `gradient × h`.
    pub predicted: f64,
    /// `actual / predicted`; `None` when the prediction is 0.
    pub ratio: Option<f64>,
    /// `|actual − predicted| / max(|actual|, |predicted|)`; 0 when both are 0.
    pub relative_gap: f64,
    /// Every step whose written value changed, in tape order.
    pub changes: Vec<StepChange>,
}

/// Nudge `target` by `h` and report the change in the objective against backprop's prediction.
pub fn nudge(net: &Network, inputs: &Inputs, target: &NudgeTarget, h: f64) -> Result<NudgeReport> {
    ensure!(
        h.is_finite() && h != 0.0,
        "{}",
        crate::t!("views-nudge-bad-h", h = crate::i18n::format::given(h))
    );
    let run = net.run(inputs)?;
    let base = run.objective;
    let (gradient, gradient_source, after) = match target {
        NudgeTarget::Input { row, col } => {
            let mut moved = inputs.clone();
            bump(&mut moved.x, *row, *col, h, "x")?;
            let g = cell(&run.dx, *row, *col)?;
            (g, msg!("views-nudge-from-dx"), net.run(&moved)?)
        }
        NudgeTarget::Param {
            layer,
            name,
            row,
            col,
        } => {
            let mut moved = net.clone();
            let nl = moved
                .layers
                .get_mut(*layer)
                .with_context(|| no_layer(*layer, net))?;
            let lname = nl.name.clone();
            let available: Vec<&str> = nl.layer.params().iter().map(|(n, _)| *n).collect();
            let available = available.join(", ");
            let p = nl.layer.param_mut(name).with_context(|| {
                crate::t!(
                    "views-nudge-no-param",
                    layer = lname.as_str(),
                    name = name.as_str(),
                    available = available.as_str()
                )
            })?;
            bump(p, *row, *col, h, name)?;
            let grad = run.layers[*layer]
                .grads
                .iter()
                .find(|g| g.name == name.as_str())
                .with_context(|| {
                    crate::t!(
                        "views-nudge-no-grad",
                        layer = lname.as_str(),
                        name = name.as_str()
                    )
                })?;
            let g = cell(&grad.value, *row, *col)?;
            (
                g,
                msg!("views-nudge-from-grad", name = name.as_str(), layer = lname),
                moved.run(inputs)?,
            )
        }
        NudgeTarget::Output { layer, row, col } => {
            let lr = run
                .layers
                .get(*layer)
                .with_context(|| no_layer(*layer, net))?;
            let value = cell(&lr.out, *row, *col)?;
            let (g, source) = if lr.kind == LayerKind::SoftmaxWithLoss {
                let t = run
                    .t
                    .as_ref()
                    .with_context(|| crate::t!("views-nudge-no-targets"))?;
                let n = lr.out.nrows() as f64;
                (
                    -cell(t, *row, *col)? / (n * (value + 1e-7)),
                    msg!("views-nudge-from-loss"),
                )
            } else {
                (
                    cell(&lr.dout, *row, *col)?,
                    msg!("views-nudge-from-dout", layer = lr.name.as_str()),
                )
            };
            let over = OutputNudge {
                layer: *layer,
                row: *row,
                col: *col,
                h,
            };
            (g, source, net.run_nudged(inputs, Some(over))?)
        }
    };
    let nudged = after.objective;
    let actual = nudged - base;
    let predicted = gradient * h;
    let scale = actual.abs().max(predicted.abs());
    Ok(NudgeReport {
        target_name: target.describe(net),
        target: target.clone(),
        h,
        objective_name: if run.loss.is_some() {
            "L"
        } else {
            "Σ dout ⊙ out"
        },
        base,
        nudged,
        actual,
        gradient,
        gradient_source,
        predicted,
        ratio: (predicted != 0.0).then(|| actual / predicted),
        relative_gap: if scale == 0.0 {
            0.0
        } else {
            (actual - predicted).abs() / scale
        },
        changes: diff(&run.tape, &after.tape)?,
    })
}

fn no_layer(layer: usize, net: &Network) -> String {
    crate::t!("views-nudge-no-layer", k = layer + 1, n = net.layers.len())
}

fn cell(m: &Matrix, row: usize, col: usize) -> Result<f64> {
    m.get((row, col)).copied().with_context(|| {
        crate::t!(
            "views-nudge-outside",
            cell = format!("[{row},{col}]"),
            shape = format!("{}×{}", m.nrows(), m.ncols())
        )
    })
}

fn bump(m: &mut Matrix, row: usize, col: usize, h: f64, what: &str) -> Result<()> {
    let (r, c) = m.dim();
    let v = m.get_mut((row, col)).with_context(|| {
        crate::t!(
            "views-nudge-outside-of",
            cell = format!("[{row},{col}]"),
            name = what,
            shape = format!("{r}×{c}")
        )
    })?;
    *v += h;
    Ok(())
}

/// The steps whose written values differ between two tapes of the same network, cell by cell.
fn diff(base: &Tape, nudged: &Tape) -> Result<Vec<StepChange>> {
    ensure!(
        base.len() == nudged.len(),
        "{}",
        crate::t!(
            "views-nudge-step-count",
            nudged = nudged.len(),
            base = base.len()
        )
    );
    let mut out = Vec::new();
    for (k, (a, b)) in base.steps.iter().zip(nudged.steps.iter()).enumerate() {
        let (va, vb) = (&a.writes.value, &b.writes.value);
        ensure!(
            va.dim() == vb.dim(),
            "{}",
            crate::t!("views-nudge-shape-changed", k = k + 1)
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

#[cfg(test)]
mod tests;

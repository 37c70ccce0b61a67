//! Softmax-with-Loss: softmax, then the mean cross-entropy against the targets t.
//!
//! `ℓ[n] = −Σₖ t[n,k]·log(y[n,k] + 1e-7)` and `L = mean ℓ`; backward is the famous shortcut
//! `dx = (y − t) / N`. Cache: `y` and `t` (and the loss).

use anyhow::{Context, Result, ensure};
use ndarray::{Array1, ArrayView1};

use super::softmax::{SOFTMAX_NAMES, softmax_recorded, softmax_rows, softmax_vec};
use super::{Grad, LayerType};
use crate::engine::Matrix;
use crate::engine::check::{Delta, cell_to_row, materialize};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{inline, n4};

/// Softmax then the mean cross-entropy against targets `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SoftmaxWithLoss;

/// What Softmax-with-Loss's backward needs: `y` and `t`.
#[derive(Debug, Clone)]
pub struct LossCache {
    /// The probabilities.
    pub y: Matrix,
    /// The tape index of the forward step that wrote `y`.
    pub y_step: Option<usize>,
    /// One-hot targets, N×K.
    pub t: Matrix,
    /// The loss L.
    pub loss: f64,
}

const LOG_Y: Kind = Kind::Temp(3);
const ROW_LOSS: Kind = Kind::Temp(4);
const ERROR: Kind = Kind::Temp(5);
const BATCH: Kind = Kind::Temp(6);

/// The book's guard in the loss, `log(y + 1e-7)`: it keeps log 0 = −inf away, and makes the loss
/// differ slightly from the function whose derivative backward's `(y − t)/N` is.
pub const LOG_EPSILON: f64 = 1e-7;

/// Cross-entropy of one row of probabilities against its target row: `−Σₖ t[k]·log(y[k] + 1e-7)`.
pub fn cross_entropy_row(y: ArrayView1<'_, f64>, t: ArrayView1<'_, f64>) -> f64 {
    y.iter()
        .zip(t.iter())
        .map(|(&p, &q)| {
            if q != 0.0 {
                -q * (p + LOG_EPSILON).ln()
            } else {
                0.0
            }
        })
        .sum()
}

/// Mean cross-entropy of probabilities `y` against one-hot `t`, with the book's `log(y + 1e-7)`.
pub fn cross_entropy(y: &Matrix, t: &Matrix) -> f64 {
    let n = y.nrows().max(1) as f64;
    let total: f64 = y
        .rows()
        .into_iter()
        .zip(t.rows())
        .map(|(p, q)| cross_entropy_row(p, q))
        .sum();
    total / n
}

/// The loss half of Softmax-with-Loss, from the probabilities `y`: `log`, `−Σ t·log y` per row,
/// mean. Also used when a nudge moves a cell of y after softmax wrote it.
pub(crate) fn loss_recorded(y: &Matrix, t: &Matrix, rec: &mut impl Recorder) -> f64 {
    // The whole of log y only for the tape: the loss reads it where t is not 0 (one cell a row
    // for one-hot targets), so an unrecorded pass takes the log of those cells alone.
    let logy_cell = std::cell::OnceCell::new();
    let logy = || logy_cell.get_or_init(|| y.mapv(|v| UnaryFn::LogEps.apply(v)));
    rec.record(|| {
        StepDraft::new(Op::Unary(UnaryFn::LogEps), "log", "log y = log(y + 1e-7)")
            .read(Kind::Output, "y", y)
            .writes(LOG_Y, "log y", logy())
            .numpy("log_y = np.log(self.y + 1e-7)")
            .note(crate::msg!("narr-loss-log"))
    });
    let mut per_row = Matrix::zeros((y.nrows(), 1));
    for (n, mut cell) in per_row.rows_mut().into_iter().enumerate() {
        let l: f64 = t
            .row(n)
            .iter()
            .zip(y.row(n).iter())
            .map(|(&q, &p)| {
                if q != 0.0 {
                    -q * UnaryFn::LogEps.apply(p)
                } else {
                    0.0
                }
            })
            .sum();
        cell[0] = l;
    }
    rec.record(|| {
        StepDraft::new(
            Op::CrossEntropyRows,
            "−Σ t·log y",
            "ℓ[n] = −Σₖ t[n,k]·log y[n,k]",
        )
        .read(Kind::Targets, "t", t)
        .read(LOG_Y, "log y", logy())
        .writes(ROW_LOSS, "ℓ", &per_row)
        .numpy("l = -np.sum(self.t * log_y, axis=1)")
        .note(crate::msg!(
            "narr-loss-rows",
            l = inline(&per_row),
            n = per_row.nrows()
        ))
    });
    let loss = per_row.mean().unwrap_or(0.0);
    let l = Matrix::from_elem((1, 1), loss);
    rec.record(|| {
        StepDraft::new(Op::Mean, "mean", "L = (1/N) Σₙ ℓ[n]")
            .read(ROW_LOSS, "ℓ", &per_row)
            .writes(Kind::Loss, "L", &l)
            .numpy("self.loss = np.sum(l) / batch_size  # = cross_entropy_error(self.y, self.t)")
            .note(crate::msg!(
                "narr-loss-mean",
                rows = per_row.nrows(),
                loss = n4(loss),
                below_zero = if loss < 0.0 { "yes" } else { "no" }
            ))
    });
    loss
}

impl LayerType for SoftmaxWithLoss {
    type Cache = LossCache;
    const TYPE: &'static str = "softmax_with_loss";
    const DISPLAY: &'static str = "Softmax-with-Loss";
    const KEEPS_IMAGE: bool = false;
    const NAMES: super::Names = SOFTMAX_NAMES;
    const IS_LOSS: bool = true;

    /// Softmax (4 steps), `log`, `−Σ t·log y` per row, mean.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, LossCache)> {
        let t = t.with_context(|| crate::t!("err-loss-needs-t"))?;
        ensure!(
            t.dim() == x.dim(),
            crate::t!(
                "err-loss-t-shape",
                t = format!("{}×{}", t.nrows(), t.ncols()),
                x = format!("{}×{}", x.nrows(), x.ncols())
            )
        );
        let (y, y_step) = softmax_recorded(x, rec);
        let loss = loss_recorded(&y, t, rec);
        Ok((
            y.clone(),
            LossCache {
                y,
                y_step,
                t: t.clone(),
                loss,
            },
        ))
    }

    /// `y − t`, then `÷ N`.
    fn backward<R: Recorder>(
        &self,
        cache: &LossCache,
        _dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        let (y, t) = (&cache.y, &cache.t);
        let d = y - t;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Sub), "y − t", "d = y − t")
                .cached(Kind::Output, "y", y, cache.y_step)
                .read(Kind::Targets, "t", t)
                .writes(ERROR, "y − t", &d)
                .numpy("d = self.y - self.t")
                .note(crate::msg!("narr-loss-back-error"))
        });
        let n = Matrix::from_elem((1, 1), y.nrows() as f64);
        let dx = &d / &n;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Div), "÷ N", "dx = (y − t) / N")
                .read(ERROR, "y − t", &d)
                .read(BATCH, "N", &n)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = d / batch_size  # batch_size = self.t.shape[0]: dx = (self.y - self.t) / batch_size")
                .note(crate::msg!("narr-loss-back-div", n = y.nrows()))
        });
        Ok((dx, vec![]))
    }

    fn loss(cache: &LossCache) -> Option<f64> {
        Some(cache.loss)
    }

    /// Each row's loss −log y_t moves by at most 2·ε·max|x| from the rounding of `x − max`
    /// (its gradient per score is at most 1), and by a few ε from exp, the sum and the log; the
    /// mean over the N rows keeps the average of those.
    fn rounding(&self, x: &Matrix, _out: &Matrix, _dout: &Matrix, _dx: &Matrix) -> f64 {
        let n = x.nrows().max(1) as f64;
        let shifts: f64 = x
            .rows()
            .into_iter()
            .map(|r| 4.0 * r.iter().fold(0.0, |m: f64, v| m.max(v.abs())))
            .sum();
        4.0 + shifts / n
    }

    fn jacobian(&self, (n, d): (usize, usize), _: (usize, usize)) -> String {
        crate::t!("jac-softmax-loss", n = n, d = d)
    }

    fn propagate(&self, x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        Delta::Full(softmax_rows(&materialize(x, delta)))
    }

    fn loss_rows(&self, y: &Matrix, t: &Matrix) -> Option<Array1<f64>> {
        Some(Array1::from_iter(
            y.rows()
                .into_iter()
                .zip(t.rows())
                .map(|(y, t)| cross_entropy_row(y, t)),
        ))
    }

    /// A one-row change recomputes that row's loss only.
    fn perturbed_loss(
        &self,
        x: &Matrix,
        t: &Matrix,
        delta: Delta,
        base: f64,
        rows: Option<&Array1<f64>>,
    ) -> f64 {
        let n = x.nrows() as f64;
        match (cell_to_row(x, delta), rows) {
            (Delta::Row(i, r), Some(rows)) => {
                base + (cross_entropy_row(softmax_vec(&r).view(), t.row(i)) - rows[i]) / n
            }
            (other, _) => cross_entropy(&softmax_rows(&materialize(x, other)), t),
        }
    }

    /// A nudge of y: the loss steps after y are recorded again from the moved y.
    fn after_nudge<R: Recorder>(cache: &mut LossCache, out: &Matrix, rec: &mut R) -> Result<()> {
        if let Some(at) = cache.y_step {
            rec.truncate(at + 1);
            rec.rewrite(Some(at), out);
        }
        cache.y = out.clone();
        cache.loss = loss_recorded(&cache.y, &cache.t, rec);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::tape::NoRecord;
    use ndarray::array;

    #[test]
    fn a_one_row_change_gives_the_loss_a_full_forward_gives() {
        // The gradient check subtracts two such losses, so a wrong constant would cancel there:
        // the value itself is pinned here.
        let layer = SoftmaxWithLoss;
        let x = array![[0.3, 2.9, 4.0], [1.0, -1.0, 0.5]];
        let t = array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]];
        let (y, cache) = layer.forward(&x, Some(&t), &mut NoRecord).unwrap();
        let base = SoftmaxWithLoss::loss(&cache).unwrap();
        let rows = layer.loss_rows(&y, &t).unwrap();
        let mut moved = x.clone();
        moved[[1, 2]] += 0.25;
        let (_, full) = layer.forward(&moved, Some(&t), &mut NoRecord).unwrap();
        let want = SoftmaxWithLoss::loss(&full).unwrap();
        for delta in [
            Delta::Cell(1, 2, moved[[1, 2]]),
            Delta::Row(1, moved.row(1).to_owned()),
            Delta::Full(moved.clone()),
        ] {
            let got = layer.perturbed_loss(&x, &t, delta.clone(), base, Some(&rows));
            assert!((got - want).abs() < 1e-15, "{delta:?}: {got} vs {want}");
        }
        // without the per-row losses, the same number from a full recompute
        let got = layer.perturbed_loss(&x, &t, Delta::Cell(1, 2, moved[[1, 2]]), base, None);
        assert!((got - want).abs() < 1e-15);
    }
}

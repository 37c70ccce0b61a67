//! Softmax, row by row.
//!
//! Softmax subtracts each row's max before `exp` (so logits up to 1e4 do not overflow), then
//! divides by the row sum. Its backward is `dx = y ⊙ (dout − Σₖ dout[n,k]·y[n,k])`. Cache: `y`.
//! The recorded softmax is shared with Softmax-with-Loss (`softmax_loss.rs`).

use anyhow::Result;
use ndarray::{Array1, ArrayViewMut1, Axis};

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, cell_to_row, materialize};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, n4};

/// Softmax over each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Softmax;

/// What Softmax's backward needs: `y`.
#[derive(Debug, Clone)]
pub struct SoftmaxCache {
    /// The probabilities.
    pub y: Matrix,
    /// The tape index of the forward step that wrote `y`.
    pub y_step: Option<usize>,
}

/// The names of softmax's operands: `x`, `y`, `dout`.
pub(super) const SOFTMAX_NAMES: super::Names = super::Names {
    input: "x",
    output: "y",
    dout: "dout",
};

/// Row-wise softmax without recording (max subtracted first).
pub fn softmax_rows(x: &Matrix) -> Matrix {
    let mut y = x.clone();
    for row in y.rows_mut() {
        softmax_row(row);
    }
    y
}

/// Softmax of one row, in place (max subtracted first).
pub fn softmax_row(mut row: ArrayViewMut1<'_, f64>) {
    let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    row.mapv_inplace(|v| (v - max).exp());
    let sum = row.sum();
    row.mapv_inplace(|v| v / sum);
}

/// Softmax of one row as a new vector.
pub(super) fn softmax_vec(r: &Array1<f64>) -> Array1<f64> {
    let mut y = r.clone();
    softmax_row(y.view_mut());
    y
}

/// Softmax recorded as four steps (`x − max`, `exp`, `Σ row`, `÷ sum`); returns y and the index
/// of the step that wrote it.
pub(super) fn softmax_recorded(x: &Matrix, rec: &mut impl Recorder) -> (Matrix, Option<usize>) {
    let mut a = x.clone();
    for mut row in a.rows_mut() {
        let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        row.mapv_inplace(|v| v - max);
    }
    rec.record(|| {
        StepDraft::new(Op::SubRowMax, "x − max", "a = x − max_k x[·,k]")
            .read(Kind::Input, "x", x)
            .writes(Kind::Temp(0), "a", &a)
            .numpy("a = x - np.max(x, axis=1, keepdims=True)")
            .note(crate::msg!("narr-softmax-sub-max"))
    });
    let e = a.mapv(f64::exp);
    rec.record(|| {
        StepDraft::new(Op::Unary(UnaryFn::Exp), "exp", "e = exp(a)")
            .read(Kind::Temp(0), "a", &a)
            .writes(Kind::Temp(1), "e", &e)
            .numpy("e = np.exp(a)")
            .note(crate::msg!("narr-softmax-exp"))
    });
    let s = e.sum_axis(Axis(1)).insert_axis(Axis(1));
    rec.record(|| {
        StepDraft::new(Op::RowSum, "s = Σₖ e", "s = Σₖ e[·,k]")
            .read(Kind::Temp(1), "e", &e)
            .writes(Kind::Temp(2), "s", &s)
            .numpy("s = np.sum(e, axis=1, keepdims=True)")
            .note(crate::msg!("narr-softmax-row-sum", first = first(&s)))
    });
    let y = &e / &s;
    let y_step = rec.record(|| {
        StepDraft::new(Op::Binary(BinOp::Div), "÷ sum", "y = e / s")
            .read(Kind::Temp(1), "e", &e)
            .read(Kind::Temp(2), "s", &s)
            .writes(Kind::Output, "y", &y)
            .numpy("self.y = e / s")
            .note(crate::msg!("narr-softmax-div", row = row_text(&y, 0)))
    });
    (y, y_step)
}

fn row_text(m: &Matrix, r: usize) -> String {
    if m.ncols() > 6 || r >= m.nrows() {
        return format!("({} values)", m.ncols());
    }
    let cells: Vec<String> = m.row(r).iter().map(|&v| n4(v)).collect();
    format!("[{}]", cells.join(", "))
}

impl LayerType for Softmax {
    type Cache = SoftmaxCache;
    const TYPE: &'static str = "softmax";
    const DISPLAY: &'static str = "Softmax";
    const KEEPS_IMAGE: bool = false;
    const NAMES: super::Names = SOFTMAX_NAMES;

    /// Softmax forward, four steps.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, SoftmaxCache)> {
        let (y, y_step) = softmax_recorded(x, rec);
        Ok((y.clone(), SoftmaxCache { y, y_step }))
    }

    /// Softmax backward: `dx = y ⊙ (dout − Σₖ dout ⊙ y)`, four steps.
    fn backward<R: Recorder>(
        &self,
        cache: &SoftmaxCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.y.dim(), "dout")?;
        let y = &cache.y;
        let (p_kind, s_kind, q_kind) = (Kind::Temp(3), Kind::Temp(4), Kind::Temp(5));
        let p = dout * y;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "dout ⊙ y", "p = dout ⊙ y")
                .read(Kind::Dout, "dout", dout)
                .cached(Kind::Output, "y", y, cache.y_step)
                .writes(p_kind, "p", &p)
                .numpy("p = dout * self.y")
                .note(crate::msg!("narr-softmax-back-p"))
        });
        let s = p.sum_axis(Axis(1)).insert_axis(Axis(1));
        rec.record(|| {
            StepDraft::new(Op::RowSum, "sum_p = Σₖ p", "sum_p = Σₖ p[·,k]")
                .read(p_kind, "p", &p)
                .writes(s_kind, "sum_p", &s)
                .numpy("sum_p = np.sum(p, axis=1, keepdims=True)")
                .note(crate::msg!("narr-softmax-back-sum", first = first(&s)))
        });
        let q = dout - &s;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Sub), "dout − sum_p", "q = dout − sum_p")
                .read(Kind::Dout, "dout", dout)
                .read(s_kind, "sum_p", &s)
                .writes(q_kind, "q", &q)
                .numpy("q = dout - sum_p")
                .note(crate::msg!("narr-softmax-back-sub"))
        });
        let dx = y * &q;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "y ⊙ ·", "dx = y ⊙ (dout − sum_p)")
                .cached(Kind::Output, "y", y, cache.y_step)
                .read(q_kind, "q", &q)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = self.y * q")
                .note(crate::msg!("narr-softmax-back-dx", first = first(&dx)))
        });
        Ok((dx, vec![]))
    }

    /// `x − max` loses up to ε·2·max|x| of each row to rounding, which exp turns into that
    /// relative error of every y in the row; exp, the sum and the division add a few more.
    fn rounding(&self, x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        if out.dim() != dout.dim() || out.dim() != x.dim() {
            return 0.0;
        }
        x.rows()
            .into_iter()
            .zip(out.rows())
            .zip(dout.rows())
            .map(|((xr, yr), gr)| {
                let shift = 4.0 * xr.iter().fold(0.0, |m: f64, v| m.max(v.abs()));
                yr.iter()
                    .zip(gr)
                    .map(|(y, g)| (y * g).abs() * (4.0 + shift))
                    .sum::<f64>()
            })
            .sum()
    }

    fn jacobian(&self, (n, d): (usize, usize), _: (usize, usize)) -> String {
        crate::t!("jac-softmax", d = d, n = n)
    }

    /// A cell or row change stays in its row.
    fn propagate(&self, x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        match cell_to_row(x, delta) {
            Delta::Row(n, r) => Delta::Row(n, softmax_vec(&r)),
            other => Delta::Full(softmax_rows(&materialize(x, other))),
        }
    }
}

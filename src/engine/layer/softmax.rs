//! Softmax (row by row) and Softmax-with-Loss (softmax + mean cross-entropy).
//!
//! Softmax subtracts each row's max before `exp` (so logits up to 1e4 do not overflow), then
//! divides by the row sum. Its backward is `dx = y ⊙ (dout − Σₖ dout[n,k]·y[n,k])`.
//! Softmax-with-Loss adds `ℓ[n] = −Σₖ t[n,k]·log(y[n,k] + 1e-7)` and `L = mean ℓ`; its backward is
//! the famous shortcut `dx = (y − t) / N`. Cache: `y` (and `t`).

use ndarray::{ArrayView1, ArrayViewMut1, Axis};

use super::affine::cached_note;
use super::draft;
use crate::engine::Matrix;
use crate::engine::format::{first, inline, n4};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::tape::{Operand, Recorder};

/// What Softmax's backward needs: `y`.
#[derive(Debug, Clone)]
pub struct SoftmaxCache {
    /// The probabilities.
    pub y: Matrix,
    /// The tape index of the forward step that wrote `y`.
    pub y_step: Option<usize>,
}

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

fn softmax_recorded(x: &Matrix, rec: &mut impl Recorder) -> (Matrix, Option<usize>) {
    let mut a = x.clone();
    for mut row in a.rows_mut() {
        let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        row.mapv_inplace(|v| v - max);
    }
    rec.record(|| {
        draft(Op::SubRowMax, "x − max", "a = x − max_k x[·,k]", vec![Operand::new("x", x)], Operand::new("a", &a),
            "subtract each row's largest score: exp can no longer overflow, and softmax is unchanged".into())
    });
    let e = a.mapv(f64::exp);
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::Exp),
            "exp",
            "e = exp(a)",
            vec![Operand::new("a", &a)],
            Operand::new("e", &e),
            "every cell is now in (0, 1], the row's max cell exactly 1".into(),
        )
    });
    let s = e.sum_axis(Axis(1)).insert_axis(Axis(1));
    rec.record(|| {
        draft(
            Op::RowSum,
            "Σ row",
            "s = Σₖ e[·,k]",
            vec![Operand::new("e", &e)],
            Operand::new("s", &s),
            format!("one sum per row (an N×1 column): s[0] = {}", first(&s)),
        )
    });
    let y = &e / &s;
    let y_step = rec.record(|| {
        draft(
            Op::Binary(BinOp::Div),
            "÷ sum",
            "y = e / s",
            vec![Operand::new("e", &e), Operand::new("s", &s)],
            Operand::new("y", &y),
            format!(
                "each row now sums to 1: row 0 of y = {}; y is kept for backward",
                row_text(&y, 0)
            ),
        )
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

/// Softmax forward, four steps.
pub fn forward(x: &Matrix, rec: &mut impl Recorder) -> (Matrix, SoftmaxCache) {
    let (y, y_step) = softmax_recorded(x, rec);
    (y.clone(), SoftmaxCache { y, y_step })
}

/// Softmax backward: `dx = y ⊙ (dout − Σₖ dout ⊙ y)`, four steps.
pub fn backward(cache: &SoftmaxCache, dout: &Matrix, rec: &mut impl Recorder) -> Matrix {
    let y = &cache.y;
    let p = dout * y;
    rec.record(|| {
        draft(Op::Binary(BinOp::Mul), "dout ⊙ y", "p = dout ⊙ y", vec![Operand::new("dout", dout), Operand::cached("y", y, cache.y_step)], Operand::new("p", &p),
            format!("every output of a row depends on every input of that row, so the row's gradients mix{}", cached_note(cache.y_step, "y")))
    });
    let s = p.sum_axis(Axis(1)).insert_axis(Axis(1));
    rec.record(|| {
        draft(
            Op::RowSum,
            "Σ row",
            "s = Σₖ p[·,k]",
            vec![Operand::new("p", &p)],
            Operand::new("s", &s),
            format!(
                "s[n] = Σₖ dout[n,k]·y[n,k], the part shared by the whole row; s[0] = {}",
                first(&s)
            ),
        )
    });
    let q = dout - &s;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Sub),
            "dout − s",
            "q = dout − s",
            vec![Operand::new("dout", dout), Operand::new("s", &s)],
            Operand::new("q", &q),
            "subtract the row's shared part from each cell".into(),
        )
    });
    let dx = y * &q;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Mul),
            "y ⊙ ·",
            "dx = y ⊙ (dout − s)",
            vec![Operand::cached("y", y, cache.y_step), Operand::new("q", &q)],
            Operand::new("dx", &dx),
            format!(
                "the Jacobian diag(y) − y·yᵀ applied to dout, without building it; dx[0,0] = {}",
                first(&dx)
            ),
        )
    });
    dx
}

/// Softmax-with-Loss forward: softmax (4 steps), `log`, `−Σ t·log y` per row, mean.
pub fn forward_loss(x: &Matrix, t: &Matrix, rec: &mut impl Recorder) -> (Matrix, LossCache) {
    let (y, y_step) = softmax_recorded(x, rec);
    let loss = loss_recorded(&y, t, rec);
    (
        y.clone(),
        LossCache {
            y,
            y_step,
            t: t.clone(),
            loss,
        },
    )
}

/// The loss half of Softmax-with-Loss, from the probabilities `y`: `log`, `−Σ t·log y` per row,
/// mean. Also used when a nudge moves a cell of y after softmax wrote it.
pub(crate) fn loss_recorded(y: &Matrix, t: &Matrix, rec: &mut impl Recorder) -> f64 {
    let logy = y.mapv(|v| UnaryFn::LogEps.apply(v));
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::LogEps),
            "log",
            "log y = log(y + 1e-7)",
            vec![Operand::new("y", y)],
            Operand::new("log y", &logy),
            "the 1e-7 keeps log(0) = −inf away".into(),
        )
    });
    let mut per_row = Matrix::zeros((y.nrows(), 1));
    for (n, mut cell) in per_row.rows_mut().into_iter().enumerate() {
        let l: f64 = t
            .row(n)
            .iter()
            .zip(logy.row(n).iter())
            .map(|(&q, &l)| if q != 0.0 { -q * l } else { 0.0 })
            .sum();
        cell[0] = l;
    }
    rec.record(|| {
        draft(
            Op::CrossEntropyRows,
            "−Σ t·log y",
            "ℓ[n] = −Σₖ t[n,k]·log y[n,k]",
            vec![Operand::new("t", t), Operand::new("log y", &logy)],
            Operand::new("ℓ", &per_row),
            format!(
                "t picks the log-probability of the right class in each row: ℓ = {}",
                inline(&per_row)
            ),
        )
    });
    let loss = per_row.mean().unwrap_or(0.0);
    let l = Matrix::from_elem((1, 1), loss);
    rec.record(|| {
        draft(
            Op::Mean,
            "mean",
            "L = (1/N) Σₙ ℓ[n]",
            vec![Operand::new("ℓ", &per_row)],
            Operand::new("L", &l),
            format!(
                "the loss averages the {} rows: L = {}",
                per_row.nrows(),
                n4(loss)
            ),
        )
    });
    loss
}

/// Softmax-with-Loss backward: `y − t`, then `÷ N`.
pub fn backward_loss(cache: &LossCache, rec: &mut impl Recorder) -> Matrix {
    let (y, t) = (&cache.y, &cache.t);
    let d = y - t;
    rec.record(|| {
        draft(Op::Binary(BinOp::Sub), "y − t", "d = y − t", vec![Operand::cached("y", y, cache.y_step), Operand::new("t", t)], Operand::new("y − t", &d),
            format!("softmax and cross-entropy together simplify to y − t: the error of each probability{}", cached_note(cache.y_step, "y")))
    });
    let n = Matrix::from_elem((1, 1), y.nrows() as f64);
    let dx = &d / &n;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Div),
            "÷ N",
            "dx = (y − t) / N",
            vec![Operand::new("y − t", &d), Operand::new("N", &n)],
            Operand::new("dx", &dx),
            format!(
                "L is a mean over N = {} rows, so each row's gradient is divided by N",
                y.nrows()
            ),
        )
    });
    dx
}

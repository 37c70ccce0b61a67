//! Affine: `Y = X·W + b` (b added to every row).
//!
//! Shapes: X is N×D, W is D×H, b is 1×H, Y is N×H.
//! Backward: `dX = dY·Wᵀ` (N×D), `dW = Xᵀ·dY` (D×H), `db = Σₙ dY[n,·]` (1×H, the column sum,
//! because forward added the same b to all N rows). Cache: `x`.

use ndarray::Axis;

use super::draft;
use crate::engine::Matrix;
use crate::engine::format::{first, inline, shape};
use crate::engine::op::{BinOp, Op};
use crate::engine::tape::{Operand, Recorder};

/// What Affine's backward needs: the input `x` (for `dW = Xᵀ·dY`).
#[derive(Debug, Clone)]
pub struct AffineCache {
    /// The input of the forward pass.
    pub x: Matrix,
    /// The tape index of the forward step that read it (the `X·W` step).
    pub x_step: Option<usize>,
}

/// `Y = X·W + b`, recorded as two steps: the product, then the bias.
pub fn forward(
    x: &Matrix,
    w: &Matrix,
    b: &Matrix,
    rec: &mut impl Recorder,
) -> (Matrix, AffineCache) {
    let xw = x.dot(w);
    let x_step = rec.record(|| {
        draft(
            Op::MatMul { transpose_a: false, transpose_b: false },
            "X·W",
            "X·W",
            vec![Operand::new("X", x), Operand::new("W", w)],
            Operand::new("X·W", &xw),
            format!(
                "X ({}) · W ({}) → {}: each cell is a row of X dotted with a column of W, e.g. X·W[0,0] = {}; X is kept for backward",
                shape(x),
                shape(w),
                shape(&xw),
                first(&xw)
            ),
        )
    });
    let y = &xw + b;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Add),
            "+ b",
            "Y = X·W + b",
            vec![Operand::new("X·W", &xw), Operand::new("b", b)],
            Operand::new("Y", &y),
            format!(
                "b = {} is added to every one of the {} rows (broadcast); that is why backward sums dY over rows",
                inline(b),
                y.nrows()
            ),
        )
    });
    (
        y,
        AffineCache {
            x: x.clone(),
            x_step,
        },
    )
}

/// `dX = dY·Wᵀ`, `dW = Xᵀ·dY`, `db = Σ rows dY`, recorded as three steps.
pub fn backward(
    cache: &AffineCache,
    w: &Matrix,
    dy: &Matrix,
    rec: &mut impl Recorder,
) -> (Matrix, Matrix, Matrix) {
    let x = &cache.x;
    let dx = dy.dot(&w.t());
    rec.record(|| {
        draft(
            Op::MatMul { transpose_a: false, transpose_b: true },
            "dX = dY·Wᵀ",
            "dX = dY · Wᵀ",
            vec![Operand::new("dY", dy), Operand::new("W", w)],
            Operand::new("dX", &dx),
            format!(
                "dY ({}) · Wᵀ ({}×{}) → dX ({}): X[n,i] fed Y[n,·] through row i of W, so its gradient collects dY[n,·]·W[i,·]; dX[0,0] = {}",
                shape(dy),
                w.ncols(),
                w.nrows(),
                shape(&dx),
                first(&dx)
            ),
        )
    });
    let dw = x.t().dot(dy);
    rec.record(|| {
        draft(
            Op::MatMul { transpose_a: true, transpose_b: false },
            "dW = Xᵀ·dY",
            "dW = Xᵀ · dY",
            vec![Operand::cached("X", x, cache.x_step), Operand::new("dY", dy)],
            Operand::new("dW", &dw),
            format!(
                "Xᵀ ({}×{}) · dY ({}) → dW ({}), the shape of W; W[i,j] met X[n,i] in every row n, so dW[i,j] sums X[n,i]·dY[n,j] over the batch{}",
                x.ncols(),
                x.nrows(),
                shape(dy),
                shape(&dw),
                cached_note(cache.x_step, "X")
            ),
        )
    });
    let db = dy.sum_axis(Axis(0)).insert_axis(Axis(0));
    rec.record(|| {
        draft(
            Op::ColumnSum,
            "db = Σ rows",
            "db = Σₙ dY[n,·]",
            vec![Operand::new("dY", dy)],
            Operand::new("db", &db),
            format!(
                "b was added to all {} rows, so db is the column sum of dY: {}",
                dy.nrows(),
                inline(&db)
            ),
        )
    });
    (dx, dw, db)
}

/// `"; uses X cached at forward step 3"` (1-based for people), or nothing.
pub(crate) fn cached_note(step: Option<usize>, what: &str) -> String {
    step.map(|s| format!("; uses {what} cached at forward step {}", s + 1))
        .unwrap_or_default()
}

//! The Mul and Add nodes of the buy-apple graph, on whole matrices.
//!
//! Mul: `out = x ⊙ w`; backward `dx = dout ⊙ w`, `dw = dout ⊙ x` (cache: `x`). Add: `out = x + b`;
//! backward passes `dout` unchanged to both. When the parameter is 1×1 it was broadcast to every
//! cell, so its gradient is the sum over all cells.

use super::affine::cached_note;
use super::{draft, sum_all};
use crate::engine::Matrix;
use crate::engine::format::{first, inline};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::tape::{Operand, Recorder};

/// What Mul's backward needs: `x` (the other factor).
#[derive(Debug, Clone)]
pub struct MulCache {
    /// The input of the forward pass.
    pub x: Matrix,
    /// The tape index of the forward step that read it.
    pub x_step: Option<usize>,
}

/// Add's backward needs only the input's shape.
#[derive(Debug, Clone)]
pub struct AddCache {
    /// The input shape.
    pub x_dim: (usize, usize),
}

/// `out = x ⊙ w`.
pub fn mul_forward(x: &Matrix, w: &Matrix, rec: &mut impl Recorder) -> (Matrix, MulCache) {
    let out = x * w;
    let x_step = rec.record(|| {
        draft(
            Op::Binary(BinOp::Mul),
            "x · w",
            "out = x ⊙ w",
            vec![Operand::new("x", x), Operand::new("w", w)],
            Operand::new("out", &out),
            format!(
                "{} × {} = {}; x is kept for backward (dw needs it)",
                first(x),
                first(w),
                first(&out)
            ),
        )
    });
    (
        out,
        MulCache {
            x: x.clone(),
            x_step,
        },
    )
}

/// `dx = dout ⊙ w`, `dw = dout ⊙ x` (summed when w is 1×1).
pub fn mul_backward(
    cache: &MulCache,
    w: &Matrix,
    dout: &Matrix,
    rec: &mut impl Recorder,
) -> (Matrix, Matrix) {
    let x = &cache.x;
    let dx = dout * w;
    rec.record(|| {
        draft(Op::Binary(BinOp::Mul), "dx = dout · w", "dx = dout ⊙ w", vec![Operand::new("dout", dout), Operand::new("w", w)], Operand::new("dx", &dx),
            format!("a multiply node swaps its inputs: the gradient for x is dout times the other factor w: {} × {} = {}", first(dout), first(w), first(&dx)))
    });
    let local = dout * x;
    let broadcast = w.dim() == (1, 1) && x.dim() != (1, 1);
    let dw = if broadcast {
        sum_all(&local)
    } else {
        local.clone()
    };
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Mul),
            "dw = dout · x",
            "dw = dout ⊙ x",
            vec![
                Operand::new("dout", dout),
                Operand::cached("x", x, cache.x_step),
            ],
            Operand::new(if broadcast { "dout ⊙ x" } else { "dw" }, &local),
            format!(
                "and the gradient for w is dout times x: {} × {} = {}{}",
                first(dout),
                first(x),
                first(&local),
                cached_note(cache.x_step, "x")
            ),
        )
    });
    if broadcast {
        rec.record(|| {
            draft(
                Op::SumAll,
                "dw = Σ",
                "dw = Σ (dout ⊙ x)",
                vec![Operand::new("dout ⊙ x", &local)],
                Operand::new("dw", &dw),
                format!(
                    "w is 1×1 and was used for every cell, so its gradient sums them: dw = {}",
                    inline(&dw)
                ),
            )
        });
    }
    (dx, dw)
}

/// `out = x + b`.
pub fn add_forward(x: &Matrix, b: &Matrix, rec: &mut impl Recorder) -> (Matrix, AddCache) {
    let out = x + b;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Add),
            "x + b",
            "out = x + b",
            vec![Operand::new("x", x), Operand::new("b", b)],
            Operand::new("out", &out),
            format!("{} + {} = {}", first(x), first(b), first(&out)),
        )
    });
    (out, AddCache { x_dim: x.dim() })
}

/// `dx = dout`, `db = dout` (summed when b is 1×1).
pub fn add_backward(b: &Matrix, dout: &Matrix, rec: &mut impl Recorder) -> (Matrix, Matrix) {
    let dx = dout.clone();
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::Copy),
            "dx = dout",
            "dx = dout",
            vec![Operand::new("dout", dout)],
            Operand::new("dx", &dx),
            "an add node passes the gradient through unchanged: ∂(x + b)/∂x = 1".into(),
        )
    });
    let broadcast = b.dim() == (1, 1) && dout.dim() != (1, 1);
    let db = if broadcast {
        sum_all(dout)
    } else {
        dout.clone()
    };
    rec.record(|| {
        if broadcast {
            draft(
                Op::SumAll,
                "db = Σ dout",
                "db = Σ dout",
                vec![Operand::new("dout", dout)],
                Operand::new("db", &db),
                format!(
                    "b is 1×1 and was added to every cell, so its gradient sums dout: {}",
                    inline(&db)
                ),
            )
        } else {
            draft(
                Op::Unary(UnaryFn::Copy),
                "db = dout",
                "db = dout",
                vec![Operand::new("dout", dout)],
                Operand::new("db", &db),
                "and to b as well: ∂(x + b)/∂b = 1".into(),
            )
        }
    });
    (dx, db)
}

//! Sigmoid: `y = 1 / (1 + exp(−x))`, element-wise.
//!
//! Forward is shown as three steps (`exp(−x)`, `1 + ·`, `1 / ·`) and keeps `y`. Backward uses the
//! identity `dy/dx = y(1 − y)`, so it needs only the cached `y`: `dx = dout ⊙ y ⊙ (1 − y)`,
//! shown as `1 − y`, `y ⊙ (1 − y)`, `dout ⊙ ·`. For x = −1e4, `exp(−x)` overflows to inf and
//! `1 / inf` is exactly 0, so y and dx stay finite.

use super::affine::cached_note;
use super::draft;
use crate::engine::Matrix;
use crate::engine::format::first;
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::tape::{Operand, Recorder};

/// What Sigmoid's backward needs: its output `y`.
#[derive(Debug, Clone)]
pub struct SigmoidCache {
    /// The output of the forward pass.
    pub y: Matrix,
    /// The tape index of the forward step that wrote `y`.
    pub y_step: Option<usize>,
}

/// Forward in three steps.
pub fn forward(x: &Matrix, rec: &mut impl Recorder) -> (Matrix, SigmoidCache) {
    let e = x.mapv(|v| UnaryFn::NegExp.apply(v));
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::NegExp),
            "exp(−x)",
            "e = exp(−x)",
            vec![Operand::new("x", x)],
            Operand::new("e", &e),
            format!("e[0,0] = exp(−{}) = {}", first(x), first(&e)),
        )
    });
    let s = e.mapv(|v| UnaryFn::OnePlus.apply(v));
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::OnePlus),
            "1 + ·",
            "s = 1 + e",
            vec![Operand::new("e", &e)],
            Operand::new("s", &s),
            "add 1 to every cell".into(),
        )
    });
    let y = s.mapv(|v| UnaryFn::Reciprocal.apply(v));
    let y_step = rec.record(|| {
        draft(
            Op::Unary(UnaryFn::Reciprocal),
            "1 / ·",
            "y = 1 / s",
            vec![Operand::new("s", &s)],
            Operand::new("y", &y),
            format!(
                "y = 1/(1 + exp(−x)), between 0 and 1; y[0,0] = {}; y is kept for backward",
                first(&y)
            ),
        )
    });
    (y.clone(), SigmoidCache { y, y_step })
}

/// Backward in three steps: `1 − y`, `y(1 − y)`, `dout ⊙ ·`.
pub fn backward(cache: &SigmoidCache, dout: &Matrix, rec: &mut impl Recorder) -> Matrix {
    let y = &cache.y;
    let u = y.mapv(|v| UnaryFn::OneMinus.apply(v));
    rec.record(|| {
        draft(
            Op::Unary(UnaryFn::OneMinus),
            "1 − y",
            "u = 1 − y",
            vec![Operand::cached("y", y, cache.y_step)],
            Operand::new("u", &u),
            format!(
                "backward needs only the output y, not x{}",
                cached_note(cache.y_step, "y")
            ),
        )
    });
    let g = y * &u;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Mul),
            "y(1 − y)",
            "g = y ⊙ (1 − y)",
            vec![Operand::cached("y", y, cache.y_step), Operand::new("u", &u)],
            Operand::new("g", &g),
            format!(
                "the local derivative dy/dx = y(1 − y), at most 0.25 (at x = 0); g[0,0] = {}",
                first(&g)
            ),
        )
    });
    let dx = dout * &g;
    rec.record(|| {
        draft(
            Op::Binary(BinOp::Mul),
            "dout ⊙ y(1 − y)",
            "dx = dout ⊙ y ⊙ (1 − y)",
            vec![Operand::new("dout", dout), Operand::new("g", &g)],
            Operand::new("dx", &dx),
            format!(
                "chain rule, cell by cell: dx = dout · dy/dx; dx[0,0] = {} · {} = {}",
                first(dout),
                first(&g),
                first(&dx)
            ),
        )
    });
    dx
}

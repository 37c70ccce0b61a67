//! Sigmoid: `y = 1 / (1 + exp(−x))`, element-wise.
//!
//! Forward is shown as three steps (`exp(−x)`, `1 + ·`, `1 / ·`) and keeps `y`. Backward uses the
//! identity `dy/dx = y(1 − y)`, so it needs only the cached `y`: `dx = dout ⊙ y ⊙ (1 − y)`,
//! shown as `1 − y`, `y ⊙ (1 − y)`, `dout ⊙ ·`. For x = −1e4, `exp(−x)` overflows to inf and
//! `1 / inf` is exactly 0, so y and dx stay finite.

use anyhow::Result;

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand};

/// Sigmoid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sigmoid;

/// What Sigmoid's backward needs: its output `y`.
#[derive(Debug, Clone)]
pub struct SigmoidCache {
    /// The output of the forward pass.
    pub y: Matrix,
    /// The tape index of the forward step that wrote `y`.
    pub y_step: Option<usize>,
}

const E: Kind = Kind::Temp(0);
const S: Kind = Kind::Temp(1);
const U: Kind = Kind::Temp(2);
const G: Kind = Kind::Temp(3);

impl LayerType for Sigmoid {
    type Cache = SigmoidCache;
    const TYPE: &'static str = "sigmoid";
    const DISPLAY: &'static str = "Sigmoid";
    const NAMES: super::Names = super::Names {
        input: "x",
        output: "y",
        dout: "dout",
    };

    /// Forward in three steps.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, SigmoidCache)> {
        let e = x.mapv(|v| UnaryFn::NegExp.apply(v));
        rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::NegExp), "exp(−x)", "e = exp(−x)")
                .read(Kind::Input, "x", x)
                .writes(E, "e", &e)
                .numpy("e = np.exp(-x)")
                .note(format!(
                    "e[0,0] = {} = {}",
                    UnaryFn::NegExp.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                    first(&e)
                ))
        });
        let s = e.mapv(|v| UnaryFn::OnePlus.apply(v));
        rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::OnePlus), "1 + ·", "s = 1 + e")
                .read(E, "e", &e)
                .writes(S, "s", &s)
                .numpy("s = 1 + e")
                .note("add 1 to every cell")
        });
        let y = s.mapv(|v| UnaryFn::Reciprocal.apply(v));
        let y_step = rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::Reciprocal), "1 / ·", "y = 1 / s")
                .read(S, "s", &s)
                .writes(Kind::Output, "y", &y)
                .numpy("out = 1 / s; self.out = out")
                .note(format!(
                    "y = 1/(1 + exp(−x)), between 0 and 1; y[0,0] = {}; y is kept for backward",
                    first(&y)
                ))
        });
        Ok((y.clone(), SigmoidCache { y, y_step }))
    }

    /// Backward in three steps: `1 − y`, `y(1 − y)`, `dout ⊙ ·`.
    fn backward<R: Recorder>(
        &self,
        cache: &SigmoidCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.y.dim(), "dout")?;
        let y = &cache.y;
        let u = y.mapv(|v| UnaryFn::OneMinus.apply(v));
        rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::OneMinus), "1 − y", "u = 1 − y")
                .cached(Kind::Output, "y", y, cache.y_step)
                .writes(U, "u", &u)
                .numpy("u = 1.0 - self.out")
                .note("backward needs only the output y, not x")
        });
        let g = y * &u;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "y(1 − y)", "g = y ⊙ (1 − y)")
                .cached(Kind::Output, "y", y, cache.y_step)
                .read(U, "u", &u)
                .writes(G, "g", &g)
                .numpy("g = u * self.out")
                .note(format!(
                    "the local derivative ∂y/∂x = y(1 − y), at most 0.25 (at x = 0); g[0,0] = {}",
                    first(&g)
                ))
        });
        let dx = dout * &g;
        rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Mul),
                "dout ⊙ y(1 − y)",
                "dx = dout ⊙ y ⊙ (1 − y)",
            )
            .read(Kind::Dout, "dout", dout)
            .read(G, "g", &g)
            .writes(Kind::Dx, "dx", &dx)
            .numpy("dx = dout * g")
            .note(format!(
                "chain rule, cell by cell: dx = dout · ∂y/∂x; dx[0,0] = {} · {} = {}",
                first(dout),
                first_operand(&g),
                first(&dx)
            ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        "diagonal: ∂y[i]/∂x[i] = y(1 − y), every other entry 0. The shortcut dx = dout ⊙ y ⊙ (1 − y) multiplies by this diagonal cell by cell".into()
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| 1.0 / (1.0 + (-v).exp()))
    }
}

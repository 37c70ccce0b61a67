//! Sigmoid: `y = 1 / (1 + exp(−x))`, element-wise.
//!
//! Forward is shown as three steps (`exp(−x)`, `1 + ·`, `1 / ·`) and keeps `y`. Backward uses the
//! identity `dy/dx = y(1 − y)`, so it needs only the cached `y`: `dx = dout ⊙ y ⊙ (1 − y)`,
//! shown as `1 − y`, `y ⊙ (1 − y)`, `dout ⊙ ·`. For x = −1e4, `exp(−x)` overflows to inf and
//! `1 / inf` is exactly 0, so y and dx stay finite.

use super::Names;
use super::elementwise::{ACTIVATION_NAMES, Elementwise, ElementwiseCache, Keep};
use crate::engine::Matrix;
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand};

/// Sigmoid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sigmoid;

const U: Kind = Kind::Temp(2);
const G: Kind = Kind::Temp(3);

impl Elementwise for Sigmoid {
    const TYPE: &'static str = "sigmoid";
    const DISPLAY: &'static str = "Sigmoid";
    const NAMES: Names = ACTIVATION_NAMES;
    const KEEP: Keep = Keep::Output;
    const CHAIN: &'static [UnaryFn] = &[UnaryFn::NegExp, UnaryFn::OnePlus, UnaryFn::Reciprocal];
    const BETWEEN: &'static [&'static str] = &["e", "s"];

    /// Forward in three steps: `e = exp(−x)`, `s = 1 + e`, `y = 1 / s`.
    fn forward_words(&self, i: usize, x: &Matrix, to: &Matrix, draft: StepDraft) -> StepDraft {
        match i {
            0 => draft.numpy("e = np.exp(-x)").note(crate::msg!(
                "narr-sigmoid-exp",
                expr = UnaryFn::NegExp.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first = first(to)
            )),
            1 => draft
                .numpy("s = 1 + e")
                .note(crate::msg!("narr-sigmoid-add-one")),
            _ => draft
                .numpy("out = 1 / s; self.out = out")
                .note(crate::msg!("narr-sigmoid-out", first = first(to))),
        }
    }

    /// Backward in three steps: `1 − y`, `y(1 − y)`, `dout ⊙ ·`.
    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix {
        let y = &cache.kept;
        let u = y.mapv(|v| UnaryFn::OneMinus.apply(v));
        rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::OneMinus), "1 − y", "u = 1 − y")
                .cached(Kind::Output, "y", y, cache.step)
                .writes(U, "u", &u)
                .numpy("u = 1.0 - self.out")
                .note(crate::msg!("narr-sigmoid-back-u"))
        });
        let g = y * &u;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "y(1 − y)", "g = y ⊙ (1 − y)")
                .cached(Kind::Output, "y", y, cache.step)
                .read(U, "u", &u)
                .writes(G, "g", &g)
                .numpy("g = u * self.out")
                .note(crate::msg!("narr-sigmoid-back-g", first = first(&g)))
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
            .note(crate::msg!(
                "narr-sigmoid-back-dx",
                dout = first(dout),
                g = first_operand(&g),
                first = first(&dx)
            ))
        });
        dx
    }

    fn jacobian_sentence(&self) -> String {
        crate::t!("jac-sigmoid")
    }
}

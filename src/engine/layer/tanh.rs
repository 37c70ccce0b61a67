//! Tanh: `y = tanh(x)`, element-wise, chapter 6.2's other activation (the book's
//! `weight_init_activation_histogram.py`: `def tanh(x): return np.tanh(x)`).
//!
//! Forward is one step and keeps `y`; since ∂tanh(x)/∂x = 1 − tanh(x)² = 1 − y², backward is
//! `dx = dout ⊙ (1 − y²)`, one step reading the cached output, as Sigmoid's reads its `y`.

use super::Names;
use super::elementwise::{ACTIVATION_NAMES, Elementwise, ElementwiseCache, Keep, dx_step};
use crate::engine::Matrix;
use crate::engine::op::{Expr, Op, UnaryFn};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand};

/// Tanh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tanh;

impl Elementwise for Tanh {
    const TYPE: &'static str = "tanh";
    const DISPLAY: &'static str = "Tanh";
    const NAMES: Names = ACTIVATION_NAMES;
    const KEEP: Keep = Keep::Output;
    const CHAIN: &'static [UnaryFn] = &[UnaryFn::Tanh];

    fn forward_words(&self, _: usize, x: &Matrix, y: &Matrix, draft: StepDraft) -> StepDraft {
        let x00 = x.get((0, 0)).copied().unwrap_or(f64::NAN);
        draft
            .numpy("out = np.tanh(x); self.out = out")
            .note(crate::msg!(
                "narr-tanh-out",
                expr = UnaryFn::Tanh.show_value(x00),
                first = first(y)
            ))
    }

    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix {
        let y = &cache.kept;
        let dx = dout * &y.mapv(|v| 1.0 - v * v);
        rec.record(|| {
            let one_minus_y2 = Expr::Const("1", 1.0) - Expr::r(1) * Expr::r(1);
            let draft = StepDraft::new(
                Op::Map(Expr::r(0) * one_minus_y2),
                "dout ⊙ (1 − y²)",
                "dx = dout ⊙ (1 − y ⊙ y)",
            )
            .numpy("dx = dout * (1.0 - self.out**2)")
            .note(crate::msg!(
                "narr-tanh-back",
                dout = first(dout),
                y = first_operand(y),
                first = first(&dx)
            ));
            dx_step(self, cache, dout, &dx, draft)
        });
        dx
    }

    fn jacobian_sentence(&self) -> String {
        crate::t!("jac-tanh")
    }
}

//! Exp: the `exp` node of the book's Fig. 5-19, `out = exp(x)`, element-wise.
//!
//! Forward keeps `out`, because exp is its own derivative: backward is `dx = dout ⊙ out`, one
//! step reading the cached output. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]): `e = exp(neg_x)`, `dneg_x = de ⊙ e`. An `exp` that overflows (x above about 709) makes `inf`,
//! which the run reports as an error naming the node.

use std::borrow::Cow;

use super::NodeNames;
use super::elementwise::{Elementwise, ElementwiseCache, Keep, dx_step};
use crate::engine::Matrix;
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand};

/// `out = exp(x)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Exp {
    /// What the steps call the operands (`x`, `out` in a chain).
    pub names: NodeNames,
}

impl Default for Exp {
    fn default() -> Self {
        Exp {
            names: NodeNames::chain(""),
        }
    }
}

impl Elementwise for Exp {
    const TYPE: &'static str = "exp";
    const DISPLAY: &'static str = "Exp";
    const KEEP: Keep = Keep::Output;
    const CHAIN: &'static [UnaryFn] = &[UnaryFn::Exp];

    fn names(&self) -> Cow<'_, NodeNames> {
        Cow::Borrowed(&self.names)
    }

    fn forward_words(&self, _: usize, x: &Matrix, out: &Matrix, draft: StepDraft) -> StepDraft {
        let n = &self.names;
        draft
            .numpy(format!(
                "out = np.exp(x); self.out = out{}",
                n.here(&["x", "out"])
            ))
            .note(crate::msg!(
                "narr-exp-out",
                out = &n.out,
                expr = UnaryFn::Exp.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first = first(out)
            ))
    }

    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix {
        let dx = dout * &cache.kept;
        let n = &self.names;
        let (x, out, dx_name) = (&n.x, &n.out, n.grad(0));
        rec.record(|| {
            let draft = StepDraft::new(
                Op::Binary(BinOp::Mul),
                &format!("dout ⊙ {out}"),
                &format!("{dx_name} = dout ⊙ exp({x})"),
            )
            .numpy(format!("dx = dout * self.out{}", n.here(&["dx", "out"])))
            .note(crate::msg!(
                "narr-exp-back",
                x = x,
                out = out,
                dx = &dx_name,
                dout = first(dout),
                kept = first_operand(&cache.kept),
                first = first(&dx),
                partial = n.partial(0, &dx)
            ));
            dx_step(self, cache, dout, &dx, draft)
        });
        dx
    }

    fn jacobian_sentence(&self) -> String {
        let (x, out, dx) = (&self.names.x, &self.names.out, self.names.grad(0));
        crate::t!("jac-exp", out = out, x = x, dx = dx)
    }
}

//! Reciprocal: the `/` node of the book's Fig. 5-19, `out = 1 / x`, element-wise.
//!
//! Forward keeps `out`: since ∂(1/x)/∂x = −1/x² = −out², backward is `dx = −dout ⊙ out²`, one
//! step reading the cached output (the book: "−dout·y²"). A cell equal to 0 is an error naming
//! the cell, never a silent `inf`. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]).

use std::borrow::Cow;

use super::NodeNames;
use super::elementwise::{Elementwise, ElementwiseCache, Keep, dx_step};
use crate::engine::Matrix;
use crate::engine::op::{Expr, Op, UnaryFn};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand, short};

/// `out = 1 / x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reciprocal {
    /// What the steps call the operands (`x`, `out` in a chain).
    pub names: NodeNames,
}

impl Default for Reciprocal {
    fn default() -> Self {
        Reciprocal {
            names: NodeNames::chain(""),
        }
    }
}

impl Elementwise for Reciprocal {
    const TYPE: &'static str = "reciprocal";
    const DISPLAY: &'static str = "Reciprocal";
    const KEEP: Keep = Keep::Output;
    const CHAIN: &'static [UnaryFn] = &[UnaryFn::Reciprocal];

    fn in_domain(v: f64) -> bool {
        v != 0.0
    }

    fn outside_domain(&self, at: &str, v: f64) -> String {
        crate::t!("err-reciprocal-domain", at = at, v = short(v))
    }

    fn names(&self) -> Cow<'_, NodeNames> {
        Cow::Borrowed(&self.names)
    }

    fn forward_words(&self, _: usize, x: &Matrix, out: &Matrix, draft: StepDraft) -> StepDraft {
        let n = &self.names;
        draft
            .numpy(format!(
                "out = 1 / x; self.out = out{}",
                n.here(&["x", "out"])
            ))
            .note(crate::msg!(
                "narr-reciprocal-out",
                out = &n.out,
                expr = UnaryFn::Reciprocal.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first = first(out)
            ))
    }

    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix {
        let y = &cache.kept;
        let dx = -(dout * y * y);
        let n = &self.names;
        let (x, out, dx_name) = (&n.x, &n.out, n.grad(0));
        rec.record(|| {
            let draft = StepDraft::new(
                Op::Map(Expr::Const("−1", -1.0) * Expr::r(0) * Expr::r(1) * Expr::r(1)),
                &format!("−dout ⊙ {out}²"),
                &format!("{dx_name} = −dout ⊙ {out}²"),
            )
            .numpy(format!(
                "dx = -dout * self.out**2{}",
                n.here(&["dx", "out"])
            ))
            .note(crate::msg!(
                "narr-reciprocal-back",
                x = x,
                out = out,
                dx = &dx_name,
                dout = first_operand(dout),
                y = first_operand(y),
                first = first(&dx),
                partial = n.partial(0, &dx)
            ));
            dx_step(self, cache, dout, &dx, draft)
        });
        dx
    }

    fn jacobian_sentence(&self) -> String {
        let (x, out, dx) = (&self.names.x, &self.names.out, self.names.grad(0));
        crate::t!("jac-reciprocal", out = out, x = x, dx = dx)
    }
}

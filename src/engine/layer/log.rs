//! Log: the `log` node (the natural logarithm of the book's Fig. 5-29), `out = log(x)`,
//! element-wise.
//!
//! Forward keeps `x`: backward is `dx = dout / x`, one step reading the cached input. Unlike
//! Softmax-with-Loss's `log(y + 1e-7)` there is no guard: a cell ≤ 0 is an error naming the
//! cell, never a silent `-inf` or NaN. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]).

use std::borrow::Cow;

use super::NodeNames;
use super::elementwise::{Elementwise, ElementwiseCache, Keep, dx_step};
use crate::engine::Matrix;
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand, short};

/// `out = log(x)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// What the steps call the operands (`x`, `out` in a chain).
    pub names: NodeNames,
}

impl Default for Log {
    fn default() -> Self {
        Log {
            names: NodeNames::chain(""),
        }
    }
}

impl Elementwise for Log {
    const TYPE: &'static str = "log";
    const DISPLAY: &'static str = "Log";
    const KEEP: Keep = Keep::Input;
    const CHAIN: &'static [UnaryFn] = &[UnaryFn::Log];

    fn in_domain(v: f64) -> bool {
        v > 0.0
    }

    fn outside_domain(&self, at: &str, v: f64) -> String {
        crate::t!("err-log-domain", at = at, v = short(v))
    }

    fn names(&self) -> Cow<'_, NodeNames> {
        Cow::Borrowed(&self.names)
    }

    fn forward_words(&self, _: usize, x: &Matrix, out: &Matrix, draft: StepDraft) -> StepDraft {
        let n = &self.names;
        draft
            .numpy(format!(
                "self.x = x; out = np.log(x){}",
                n.here(&["x", "out"])
            ))
            .note(crate::msg!(
                "narr-log-out",
                out = &n.out,
                expr = UnaryFn::Log.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first = first(out),
                x = &n.x
            ))
    }

    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix {
        let dx = dout / &cache.kept;
        let n = &self.names;
        let (x, dx_name) = (&n.x, n.grad(0));
        rec.record(|| {
            let draft = StepDraft::new(
                Op::Binary(BinOp::Div),
                &format!("dout / {x}"),
                &format!("{dx_name} = dout / {x}"),
            )
            .numpy(format!("dx = dout / self.x{}", n.here(&["dx", "x"])))
            .note(crate::msg!(
                "narr-log-back",
                x = x,
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
        crate::t!("jac-log", out = out, x = x, dx = dx)
    }
}

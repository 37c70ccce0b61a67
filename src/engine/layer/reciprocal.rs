//! Reciprocal: the `/` node of the book's Fig. 5-19, `out = 1 / x`, element-wise.
//!
//! Forward keeps `out`: since ∂(1/x)/∂x = −1/x² = −out², backward is `dx = −dout ⊙ out²`, one
//! step reading the cached output (the book: "−dout·y²"). A cell equal to 0 is an error naming
//! the cell, never a silent `inf`. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]).

use anyhow::Result;

use super::{Grad, LayerType, NodeNames, OutOfDomain, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{Expr, Op, UnaryFn};
use crate::engine::operand::Kind;
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

/// What Reciprocal's backward needs: its output.
#[derive(Debug, Clone)]
pub struct ReciprocalCache {
    /// The output of the forward pass.
    pub out: Matrix,
    /// The tape index of the forward step that wrote it.
    pub out_step: Option<usize>,
}

impl LayerType for Reciprocal {
    type Cache = ReciprocalCache;
    const TYPE: &'static str = "reciprocal";
    const DISPLAY: &'static str = "Reciprocal";

    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, ReciprocalCache)> {
        let n = &self.names;
        if let Some(((r, c), &v)) = x.indexed_iter().find(|(_, v)| **v == 0.0) {
            return Err(OutOfDomain(format!(
                "1 / 0 is not a number, and its input {}[{r},{c}] = {}",
                n.x,
                short(v)
            ))
            .into());
        }
        let out = x.mapv(|v| UnaryFn::Reciprocal.apply(v));
        let out_step = rec.record(|| {
            StepDraft::new(
                Op::Unary(UnaryFn::Reciprocal),
                &format!("1 / {}", n.x),
                &format!("{} = 1 / {}", n.out, n.x),
            )
            .read(Kind::Input, &n.x, x)
            .writes(Kind::Output, &n.out, &out)
            .numpy(format!(
                "out = 1 / x; self.out = out{}",
                n.here(&["x", "out"])
            ))
            .note(format!(
                "{}[0,0] = {} = {}; {} is kept for backward",
                n.out,
                UnaryFn::Reciprocal.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first(&out),
                n.out
            ))
        });
        Ok((out.clone(), ReciprocalCache { out, out_step }))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &ReciprocalCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.out.dim(), "dout")?;
        let y = &cache.out;
        let dx = -(dout * y * y);
        let n = &self.names;
        let (x, out, dx_name) = (&n.x, &n.out, n.grad(0));
        rec.record(|| {
            StepDraft::new(
                Op::Map(Expr::Const("−1", -1.0) * Expr::r(0) * Expr::r(1) * Expr::r(1)),
                &format!("−dout ⊙ {out}²"),
                &format!("{dx_name} = −dout ⊙ {out}²"),
            )
            .read(Kind::Dout, "dout", dout)
            .cached(Kind::Output, out, y, cache.out_step)
            .writes(Kind::Dx, &dx_name, &dx)
            .numpy(format!("dx = -dout * self.out**2{}", n.here(&["dx", "out"])))
            .note(format!(
                "∂(1/{x})/∂{x} = −1/{x}² = −{out}², so {dx_name} = −dout · {out}²; {dx_name}[0,0] = −{} · {}² = {}{}",
                first_operand(dout),
                first_operand(y),
                first(&dx),
                n.partial(0, &dx)
            ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        let (x, out, dx) = (&self.names.x, &self.names.out, self.names.grad(0));
        format!(
            "diagonal: ∂{out}[i]/∂{x}[i] = −1/{x}[i]² = −{out}[i]², every other entry 0. The shortcut {dx} = −dout ⊙ {out}² multiplies by this diagonal cell by cell"
        )
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| if v != 0.0 { 1.0 / v } else { f64::NAN })
    }
}

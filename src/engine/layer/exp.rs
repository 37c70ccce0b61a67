//! Exp: the `exp` node of the book's Fig. 5-19, `out = exp(x)`, element-wise.
//!
//! Forward keeps `out`, because exp is its own derivative: backward is `dx = dout ⊙ out`, one
//! step reading the cached output. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]): `e = exp(neg_x)`, `dneg_x = de ⊙ e`. An `exp` that overflows (x above about 709) makes `inf`,
//! which the run reports as an error naming the node.

use anyhow::Result;

use super::{Grad, LayerType, NodeNames, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
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

/// What Exp's backward needs: its output.
#[derive(Debug, Clone)]
pub struct ExpCache {
    /// The output of the forward pass.
    pub out: Matrix,
    /// The tape index of the forward step that wrote it.
    pub out_step: Option<usize>,
}

impl LayerType for Exp {
    type Cache = ExpCache;
    const TYPE: &'static str = "exp";
    const DISPLAY: &'static str = "Exp";

    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, ExpCache)> {
        let out = x.mapv(|v| UnaryFn::Exp.apply(v));
        let n = &self.names;
        let out_step = rec.record(|| {
            StepDraft::new(
                Op::Unary(UnaryFn::Exp),
                &format!("exp({})", n.x),
                &format!("{} = exp({})", n.out, n.x),
            )
            .read(Kind::Input, &n.x, x)
            .writes(Kind::Output, &n.out, &out)
            .numpy(format!(
                "out = np.exp(x); self.out = out{}",
                n.here(&["x", "out"])
            ))
            .note(format!(
                "{}[0,0] = {} = {}; {} is kept for backward, since exp is its own derivative",
                n.out,
                UnaryFn::Exp.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first(&out),
                n.out
            ))
        });
        Ok((out.clone(), ExpCache { out, out_step }))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &ExpCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.out.dim(), "dout")?;
        let dx = dout * &cache.out;
        let n = &self.names;
        let (x, out, dx_name) = (&n.x, &n.out, n.grad(0));
        rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Mul),
                &format!("dout ⊙ {out}"),
                &format!("{dx_name} = dout ⊙ exp({x})"),
            )
            .read(Kind::Dout, "dout", dout)
            .cached(Kind::Output, out, &cache.out, cache.out_step)
            .writes(Kind::Dx, &dx_name, &dx)
            .numpy(format!("dx = dout * self.out{}", n.here(&["dx", "out"])))
            .note(format!(
                "∂exp({x})/∂{x} = exp({x}) = {out}, so {dx_name} = dout · {out}; {dx_name}[0,0] = {} · {} = {}{}",
                first(dout),
                first_operand(&cache.out),
                first(&dx),
                n.partial(0, &dx)
            ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        let (x, out, dx) = (&self.names.x, &self.names.out, self.names.grad(0));
        format!(
            "diagonal: ∂{out}[i]/∂{x}[i] = exp({x}[i]) = {out}[i], every other entry 0. The shortcut {dx} = dout ⊙ {out} multiplies by this diagonal cell by cell"
        )
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| v.exp())
    }
}

//! Add: the add node, on whole matrices.
//!
//! `out = x + b`; backward passes `dout` unchanged to both. When `b` is 1×1 it was broadcast to
//! every cell, so its gradient is the sum over all cells. Cache: only x's shape.

use anyhow::Result;

use super::mul::{check_param, pick};
use super::{Grad, LayerType, ensure_dout, sum_all};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::format::{first, inline};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Recorder, StepDraft};

/// `x + b`, `b` of x's shape or 1×1.
#[derive(Debug, Clone, PartialEq)]
pub struct Add {
    /// The other term.
    pub b: Matrix,
}

/// Add's backward needs only the input's shape.
#[derive(Debug, Clone)]
pub struct AddCache {
    /// The input shape.
    pub x_dim: (usize, usize),
}

const B: Kind = Kind::Param(Param::Bias);

impl LayerType for Add {
    type Cache = AddCache;
    const TYPE: &'static str = "add";
    const DISPLAY: &'static str = "Add";

    fn params(&self) -> Vec<(Param, &Matrix)> {
        vec![(Param::Bias, &self.b)]
    }

    fn param_mut(&mut self, param: Param) -> Option<&mut Matrix> {
        (param == Param::Bias).then_some(&mut self.b)
    }

    fn output_shape(&self, input: (usize, usize)) -> Result<(usize, usize)> {
        check_param(&self.b, input, "b")?;
        Ok(input)
    }

    /// `out = x + b`.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, AddCache)> {
        let b = &self.b;
        let out = x + b;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Add), "x + b", "out = x + b")
                .read(Kind::Input, "x", x)
                .read(B, "b", b)
                .writes(Kind::Output, "out", &out)
                .numpy("out = x + self.b")
                .note(format!("{} + {} = {}", first(x), first(b), first(&out)))
        });
        Ok((out, AddCache { x_dim: x.dim() }))
    }

    /// `dx = dout`, `db = dout` (summed when b is 1×1).
    fn backward<R: Recorder>(
        &self,
        cache: &AddCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.x_dim, "dout")?;
        let b = &self.b;
        let dx = dout.clone();
        rec.record(|| {
            StepDraft::new(Op::Unary(UnaryFn::Copy), "dx = dout", "dx = dout")
                .read(Kind::Dout, "dout", dout)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = dout * 1")
                .note("an add node passes the gradient through unchanged: ∂(x + b)/∂x = 1")
        });
        let broadcast = b.dim() == (1, 1) && dout.dim() != (1, 1);
        let db = if broadcast {
            sum_all(dout)
        } else {
            dout.clone()
        };
        rec.record(|| {
            if broadcast {
                StepDraft::new(Op::SumAll, "db = Σ dout", "db = Σ dout")
                    .read(Kind::Dout, "dout", dout)
                    .writes(Kind::Grad(Param::Bias), "db", &db)
                    .numpy("db = np.sum(dout)  # b was broadcast to every cell")
                    .note(format!(
                        "b is 1×1 and was added to every cell, so its gradient sums dout: {}",
                        inline(&db)
                    ))
            } else {
                StepDraft::new(Op::Unary(UnaryFn::Copy), "db = dout", "db = dout")
                    .read(Kind::Dout, "dout", dout)
                    .writes(Kind::Grad(Param::Bias), "db", &db)
                    .numpy("db = dout * 1")
                    .note("and to b as well: ∂(x + b)/∂b = 1")
            }
        });
        Ok((dx, vec![Grad::new(Param::Bias, db)]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        "the identity: ∂(x + b)/∂x = 1 on the diagonal. The shortcut passes dout through unchanged"
            .into()
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, ix| v + pick(&self.b, ix))
    }

    fn param_delta(
        &self,
        _x: &Matrix,
        y: &Matrix,
        _param: Param,
        r: usize,
        c: usize,
        d: f64,
    ) -> Delta {
        if self.b.dim() == (1, 1) {
            Delta::Full(y.mapv(|v| v + d))
        } else {
            Delta::Cell(r, c, y[[r, c]] + d)
        }
    }
}

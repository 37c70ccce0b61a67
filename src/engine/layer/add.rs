//! Add: the add node, on whole matrices.
//!
//! `out = x + b`; backward passes `dout` unchanged to both. When `b` is 1×1 it was broadcast to
//! every cell, so its gradient is the sum over all cells. Cache: only x's shape. The NumPy lines
//! are the book's `AddLayer` (`ch05/layer_naive.py`: `out = x + y`, `dx = dout * 1`,
//! `dy = dout * 1`), with a comment naming what `x` and `y` are here (see [`NodeNames`]).

use anyhow::Result;

use super::mul::{check_param, pick};
use super::{Grad, LayerType, NodeNames, ensure_dout, sum_all};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand, inline};

/// `x + b`, `b` of x's shape or 1×1.
#[derive(Debug, Clone, PartialEq)]
pub struct Add {
    /// The other term.
    pub b: Matrix,
    /// What the steps call the operands (`x`, `b`, `out` in a chain).
    pub names: NodeNames,
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
        let n = &self.names;
        rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Add),
                &format!("{} + {}", n.x, n.y),
                &format!("{} = {} + {}", n.out, n.x, n.y),
            )
            .read(Kind::Input, &n.x, x)
            .read(B, &n.y, b)
            .writes(Kind::Output, &n.out, &out)
            .numpy(format!("out = x + y{}", n.here(&["x", "y", "out"])))
            .note(crate::msg!(
                "narr-add-out",
                x0 = first(x),
                y0 = first_operand(b),
                first = first(&out)
            ))
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
        let n = &self.names;
        let (dx_name, dy_name) = (n.grad(0), n.grad(1));
        let sum = format!("({} + {})", n.x, n.y);
        let dx = dout.clone();
        rec.record(|| {
            StepDraft::new(
                Op::Unary(UnaryFn::Copy),
                &format!("{dx_name} = dout"),
                &format!("{dx_name} = dout"),
            )
            .read(Kind::Dout, "dout", dout)
            .writes(Kind::Dx, &dx_name, &dx)
            .numpy(format!("dx = dout * 1{}", n.here(&["dx"])))
            .note(crate::msg!(
                "narr-add-back-dx",
                sum = &sum,
                x = &n.x,
                partial = n.partial(0, &dx)
            ))
        });
        let broadcast = b.dim() == (1, 1) && dout.dim() != (1, 1);
        let db = if broadcast {
            sum_all(dout)
        } else {
            dout.clone()
        };
        rec.record(|| {
            if broadcast {
                StepDraft::new(
                    Op::SumAll,
                    &format!("{dy_name} = Σ dout"),
                    &format!("{dy_name} = Σ dout"),
                )
                .read(Kind::Dout, "dout", dout)
                .writes(Kind::Grad(Param::Bias), &dy_name, &db)
                .numpy(format!(
                    "dy = np.sum(dout)  # y was broadcast to every cell{}",
                    n.here(&["dy"]).replacen("  #", ";", 1)
                ))
                .note(crate::msg!(
                    "narr-add-back-sum",
                    y = &n.y,
                    value = inline(&db),
                    partial = n.partial(1, &db)
                ))
            } else {
                StepDraft::new(
                    Op::Unary(UnaryFn::Copy),
                    &format!("{dy_name} = dout"),
                    &format!("{dy_name} = dout"),
                )
                .read(Kind::Dout, "dout", dout)
                .writes(Kind::Grad(Param::Bias), &dy_name, &db)
                .numpy(format!("dy = dout * 1{}", n.here(&["dy"])))
                .note(crate::msg!(
                    "narr-add-back-dy",
                    y = &n.y,
                    sum = &sum,
                    partial = n.partial(1, &db)
                ))
            }
        });
        Ok((dx, vec![Grad::new(Param::Bias, db)]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        let (x, y) = (&self.names.x, &self.names.y);
        crate::t!("jac-add", x = x, y = y)
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

//! Mul: the multiply node of the buy-apple graph, on whole matrices.
//!
//! `out = x ⊙ w`; backward `dx = dout ⊙ w`, `dw = dout ⊙ x` (cache: `x`). When `w` is 1×1 it was
//! broadcast to every cell, so its gradient is the sum over all cells. The NumPy lines are the
//! book's `MulLayer` (`ch05/layer_naive.py`: `forward(x, y)`, `backward` returns `dx, dy`), with
//! a comment naming what `x` and `y` are here; the steps use [`NodeNames`] (a graph node's
//! inputs are named by their sources).

use anyhow::{Result, ensure};

use super::{Grad, LayerType, NodeNames, ensure_dout, sum_all};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{BinOp, Op};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::Arg;
use crate::i18n::format::{first, first_operand, inline};

/// `x ⊙ w`, `w` of x's shape or 1×1.
#[derive(Debug, Clone, PartialEq)]
pub struct Mul {
    /// The other factor.
    pub w: Matrix,
    /// What the steps call the operands (`x`, `w`, `out` in a chain).
    pub names: NodeNames,
}

/// What Mul's backward needs: `x` (the other factor).
#[derive(Debug, Clone)]
pub struct MulCache {
    /// The input of the forward pass.
    pub x: Matrix,
    /// The tape index of the forward step that read it.
    pub x_step: Option<usize>,
}

const W: Kind = Kind::Param(Param::Factor);
const CELLS: Kind = Kind::Temp(0);

/// `p` is `input`'s shape or 1×1, or an error naming `name`.
pub(super) fn check_param(p: &Matrix, input: (usize, usize), name: &str) -> Result<()> {
    let (n, d) = input;
    ensure!(
        p.dim() == input || p.dim() == (1, 1),
        crate::t!(
            "err-factor-shape",
            name = name,
            shape = format!("{}×{}", p.nrows(), p.ncols()),
            input = format!("{n}×{d}")
        )
    );
    Ok(())
}

/// `p[r,c]`, or `p[0,0]` when p is 1×1.
pub(super) fn pick(p: &Matrix, (r, c): (usize, usize)) -> f64 {
    if p.dim() == (1, 1) {
        p[[0, 0]]
    } else {
        p[[r, c]]
    }
}

impl LayerType for Mul {
    type Cache = MulCache;
    const TYPE: &'static str = "mul";
    const DISPLAY: &'static str = "Mul";

    fn params(&self) -> Vec<(Param, &Matrix)> {
        vec![(Param::Factor, &self.w)]
    }

    fn param_mut(&mut self, param: Param) -> Option<&mut Matrix> {
        (param == Param::Factor).then_some(&mut self.w)
    }

    fn output_shape(&self, input: (usize, usize)) -> Result<(usize, usize)> {
        check_param(&self.w, input, "w")?;
        Ok(input)
    }

    /// `out = x ⊙ w`.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, MulCache)> {
        let w = &self.w;
        let out = x * w;
        let n = &self.names;
        let x_step = rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Mul),
                &format!("{} · {}", n.x, n.y),
                &format!("{} = {} ⊙ {}", n.out, n.x, n.y),
            )
            .read(Kind::Input, &n.x, x)
            .read(W, &n.y, w)
            .writes(Kind::Output, &n.out, &out)
            .numpy(format!(
                "self.x = x; self.y = y; out = x * y{}",
                n.here(&["x", "y", "out"])
            ))
            .note(crate::msg!(
                "narr-mul-out",
                x0 = first(x),
                y0 = first_operand(w),
                first = first(&out),
                x = &n.x,
                dy = n.grad(1)
            ))
        });
        Ok((
            out,
            MulCache {
                x: x.clone(),
                x_step,
            },
        ))
    }

    /// `dx = dout ⊙ w`, `dw = dout ⊙ x` (summed when w is 1×1).
    fn backward<R: Recorder>(
        &self,
        cache: &MulCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.x.dim(), "dout")?;
        let (x, w) = (&cache.x, &self.w);
        let n = &self.names;
        let (dx_name, dy_name) = (n.grad(0), n.grad(1));
        let dx = dout * w;
        rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Mul),
                &format!("{dx_name} = dout · {}", n.y),
                &format!("{dx_name} = dout ⊙ {}", n.y),
            )
            .read(Kind::Dout, "dout", dout)
            .read(W, &n.y, w)
            .writes(Kind::Dx, &dx_name, &dx)
            .numpy(format!("dx = dout * self.y{}", n.here(&["dx", "y"])))
            .note(crate::msg!(
                "narr-mul-back-dx",
                x = &n.x,
                y = &n.y,
                dout = first(dout),
                y0 = first_operand(w),
                first = first(&dx),
                partial = n.partial(0, &dx)
            ))
        });
        let local = dout * x;
        let broadcast = w.dim() == (1, 1) && x.dim() != (1, 1);
        let dw = if broadcast {
            sum_all(&local)
        } else {
            local.clone()
        };
        let cells = format!("dout ⊙ {}", n.x);
        rec.record(|| {
            let draft = StepDraft::new(
                Op::Binary(BinOp::Mul),
                &format!("{dy_name} = dout · {}", n.x),
                &format!("{dy_name} = dout ⊙ {}", n.x),
            )
            .read(Kind::Dout, "dout", dout)
            .cached(Kind::Input, &n.x, x, cache.x_step)
            .note(crate::msg!(
                "narr-mul-back-dy",
                y = &n.y,
                x = &n.x,
                dout = first(dout),
                x0 = first_operand(x),
                first = first(&local),
                partial = if broadcast {
                    Arg::Text(String::new())
                } else {
                    n.partial(1, &local)
                }
            ));
            if broadcast {
                draft
                    .writes(CELLS, &cells, &local)
                    .numpy(format!("dy_cells = dout * self.x{}", n.here(&["x"])))
            } else {
                draft
                    .writes(Kind::Grad(Param::Factor), &dy_name, &local)
                    .numpy(format!("dy = dout * self.x{}", n.here(&["dy", "x"])))
            }
        });
        if broadcast {
            rec.record(|| {
                StepDraft::new(
                    Op::SumAll,
                    &format!("{dy_name} = Σ"),
                    &format!("{dy_name} = Σ ({cells})"),
                )
                .read(CELLS, &cells, &local)
                .writes(Kind::Grad(Param::Factor), &dy_name, &dw)
                .numpy(format!(
                    "dy = np.sum(dy_cells)  # y was broadcast to every cell{}",
                    n.here(&["dy"]).replacen("  #", ";", 1)
                ))
                .note(crate::msg!(
                    "narr-mul-back-sum",
                    y = &n.y,
                    dy = &dy_name,
                    value = inline(&dw),
                    partial = n.partial(1, &dw)
                ))
            });
        }
        Ok((dx, vec![Grad::new(Param::Factor, dw)]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        let (x, y) = (&self.names.x, &self.names.y);
        crate::t!("jac-mul", x = x, y = y, dx = self.names.grad(0))
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, ix| v * pick(&self.w, ix))
    }

    fn param_delta(
        &self,
        x: &Matrix,
        _y: &Matrix,
        _param: Param,
        r: usize,
        c: usize,
        d: f64,
    ) -> Delta {
        let w = &self.w;
        if w.dim() == (1, 1) {
            Delta::Full(x * (w[[0, 0]] + d))
        } else {
            Delta::Cell(r, c, x[[r, c]] * (w[[r, c]] + d))
        }
    }
}

//! Mul: the multiply node of the buy-apple graph, on whole matrices.
//!
//! `out = x ⊙ w`; backward `dx = dout ⊙ w`, `dw = dout ⊙ x` (cache: `x`). When `w` is 1×1 it was
//! broadcast to every cell, so its gradient is the sum over all cells.

use anyhow::{Result, ensure};

use super::{Grad, LayerType, ensure_dout, sum_all};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::format::{first, inline};
use crate::engine::op::{BinOp, Op};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Recorder, StepDraft};

/// `x ⊙ w`, `w` of x's shape or 1×1.
#[derive(Debug, Clone, PartialEq)]
pub struct Mul {
    /// The other factor.
    pub w: Matrix,
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
        "{name} is {}×{} but the input is {n}×{d}: {name} must be {n}×{d} or 1×1",
        p.nrows(),
        p.ncols()
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
        let x_step = rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "x · w", "out = x ⊙ w")
                .read(Kind::Input, "x", x)
                .read(W, "w", w)
                .writes(Kind::Output, "out", &out)
                .numpy("self.x = x; self.y = w; out = x * self.y")
                .note(format!(
                    "{} × {} = {}; x is kept for backward (dw needs it)",
                    first(x),
                    first(w),
                    first(&out)
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
        let dx = dout * w;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "dx = dout · w", "dx = dout ⊙ w")
                .read(Kind::Dout, "dout", dout)
                .read(W, "w", w)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = dout * self.y")
                .note(format!(
                    "a multiply node swaps its inputs: the gradient for x is dout times the other factor w: {} × {} = {}",
                    first(dout),
                    first(w),
                    first(&dx)
                ))
        });
        let local = dout * x;
        let broadcast = w.dim() == (1, 1) && x.dim() != (1, 1);
        let dw = if broadcast {
            sum_all(&local)
        } else {
            local.clone()
        };
        rec.record(|| {
            let draft = StepDraft::new(Op::Binary(BinOp::Mul), "dw = dout · x", "dw = dout ⊙ x")
                .read(Kind::Dout, "dout", dout)
                .cached(Kind::Input, "x", x, cache.x_step)
                .note(format!(
                    "and the gradient for w is dout times x: {} × {} = {}",
                    first(dout),
                    first(x),
                    first(&local)
                ));
            if broadcast {
                draft
                    .writes(CELLS, "dout ⊙ x", &local)
                    .numpy("dw_cells = dout * self.x")
            } else {
                draft
                    .writes(Kind::Grad(Param::Factor), "dw", &local)
                    .numpy("dw = dout * self.x")
            }
        });
        if broadcast {
            rec.record(|| {
                StepDraft::new(Op::SumAll, "dw = Σ", "dw = Σ (dout ⊙ x)")
                    .read(CELLS, "dout ⊙ x", &local)
                    .writes(Kind::Grad(Param::Factor), "dw", &dw)
                    .numpy("dw = np.sum(dw_cells)  # w was broadcast to every cell")
                    .note(format!(
                        "w is 1×1 and was used for every cell, so its gradient sums them: dw = {}",
                        inline(&dw)
                    ))
            });
        }
        Ok((dx, vec![Grad::new(Param::Factor, dw)]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        "diagonal: ∂(x ⊙ w)[i]/∂x[i] = w[i] (the other factor). The shortcut dx = dout ⊙ w multiplies by it cell by cell".into()
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

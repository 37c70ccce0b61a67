//! ReLU: `out = x` where `x > 0`, else 0.
//!
//! Forward first computes the boolean `mask = (x ≤ 0)` — the book's `self.mask = (x <= 0)` — then
//! copies x with the masked cells set to 0. Backward reuses that same mask: `dx = dout` with the
//! masked cells set to 0. Cache: the mask (stored as 1.0 = True, 0.0 = False).

use anyhow::Result;
use ndarray::{ArrayView2, Zip};

use super::{Grad, Kink, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{MaskRule, Op};
use crate::engine::operand::{Kind, MaskSense};
use crate::engine::pool;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::inline;

/// ReLU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Relu;

/// What ReLU's backward needs: the mask.
#[derive(Debug, Clone)]
pub struct ReluCache {
    /// 1.0 where `x ≤ 0` (True, blocked), 0.0 elsewhere.
    pub mask: Matrix,
    /// The tape index of the forward step that wrote the mask.
    pub mask_step: Option<usize>,
}

const MASK: Kind = Kind::Mask(MaskSense::TrueBlocks);

/// The mask `x ≤ 0` as 1.0 / 0.0.
pub fn relu_mask(x: &Matrix) -> Matrix {
    x.mapv(|v| {
        if MaskRule::AtMostZero.test(v) {
            1.0
        } else {
            0.0
        }
    })
}

/// `m` with the cells where `mask` is True set to 0.
pub fn apply_mask(m: &Matrix, mask: &Matrix) -> Matrix {
    // A select in one pass, not a copy and then a store under a branch: a mask of random signs
    // mispredicts that branch half the time (about 3 ns a cell at the book's 100×50).
    ndarray::Zip::from(m).and(mask).map_collect(|&v, &k| {
        if MaskSense::TrueBlocks.blocks(k) {
            0.0
        } else {
            v
        }
    })
}

/// Forward without a tape: the mask and `out` of [`relu_mask`] and [`apply_mask`] in one pass,
/// in reused memory.
fn forward_fast(x: &Matrix) -> (Matrix, ReluCache) {
    let (rows, cols) = x.dim();
    let (mut mask, mut out) = (pool::uninit(rows, cols), pool::uninit(rows, cols));
    let cell = |v: f64| {
        let blocked = MaskRule::AtMostZero.test(v);
        (
            if blocked { 1.0 } else { 0.0 },
            if blocked { 0.0 } else { v },
        )
    };
    let x = x.as_standard_layout();
    if let (Some(xs), Some(ms), Some(os)) = (x.as_slice(), mask.as_slice_mut(), out.as_slice_mut())
    {
        // plain indexing: also quick in an unoptimised build (the tests')
        for i in 0..xs.len().min(ms.len()).min(os.len()) {
            (ms[i], os[i]) = cell(xs[i]);
        }
    } else {
        Zip::from(&mut mask)
            .and(&mut out)
            .and(&x)
            .for_each(|m, o, &v| (*m, *o) = cell(v));
    }
    (
        out,
        ReluCache {
            mask,
            mask_step: None,
        },
    )
}

/// `f(a, b)` into each cell of a matrix of `a`'s shape from reused memory (a pass without a
/// tape), over slices where the operands are contiguous.
fn cellwise(a: ArrayView2<'_, f64>, b: Option<&Matrix>, f: impl Fn(f64, f64) -> f64) -> Matrix {
    let mut out = pool::uninit(a.nrows(), a.ncols());
    let a = a.as_standard_layout();
    let b = b.map(|b| b.as_standard_layout());
    let bs = match &b {
        Some(b) => b.as_slice(),
        None => a.as_slice(),
    };
    if let (Some(xs), Some(ys), Some(os)) = (a.as_slice(), bs, out.as_slice_mut()) {
        // plain indexing: also quick in an unoptimised build (the tests')
        for i in 0..xs.len().min(ys.len()).min(os.len()) {
            os[i] = f(xs[i], ys[i]);
        }
    } else {
        match &b {
            Some(b) => Zip::from(&mut out)
                .and(&a)
                .and(b)
                .for_each(|o, &x, &y| *o = f(x, y)),
            None => Zip::from(&mut out).and(&a).for_each(|o, &x| *o = f(x, x)),
        }
    }
    out
}

fn count_true(mask: &Matrix) -> usize {
    mask.iter().filter(|&&k| k != 0.0).count()
}

impl LayerType for Relu {
    type Cache = ReluCache;
    const TYPE: &'static str = "relu";
    const DISPLAY: &'static str = "ReLU";
    /// The corner of max(0, x) at x = 0: slope 0 on the left, 1 on the right. Backward uses 0
    /// there, because the mask `x ≤ 0` is True at 0.
    const FINITE_OUT: bool = true;
    const FINITE_DX: bool = true;
    const KINKS: &'static [Kink] = &[Kink {
        at: 0.0,
        slopes: (0.0, 1.0),
        backward_slope: 0.0,
    }];

    /// Forward: mask, then apply.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, ReluCache)> {
        if !rec.records() {
            return Ok(forward_fast(x));
        }
        let mask = relu_mask(x);
        let mask_step = rec.record(|| {
            StepDraft::new(
                Op::Mask(MaskRule::AtMostZero),
                "mask = x ≤ 0",
                "mask = (x ≤ 0)",
            )
            .read(Kind::Input, "x", x)
            .writes(MASK, "mask", &mask)
            .numpy("self.mask = (x <= 0)")
            .note(crate::msg!(
                "narr-relu-mask",
                k = count_true(&mask),
                n = mask.len()
            ))
        });
        let out = apply_mask(x, &mask);
        rec.record(|| {
            StepDraft::new(Op::ApplyMask, "out[mask] = 0", "out = x;  out[mask] = 0")
                .read(Kind::Input, "x", x)
                .cached(MASK, "mask", &mask, mask_step)
                .writes(Kind::Output, "out", &out)
                .numpy("out = x.copy(); out[self.mask] = 0")
                .note(if out.len() <= 16 {
                    crate::msg!("narr-relu-apply-small", out = inline(&out))
                } else {
                    crate::msg!("narr-relu-apply", k = count_true(&mask))
                })
        });
        Ok((out, ReluCache { mask, mask_step }))
    }

    /// `max(0, x)` in one pass (the same cells as mask-then-apply: x ≤ 0 gives 0).
    fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
        Ok(cellwise(x, None, |v, _| {
            if MaskRule::AtMostZero.test(v) { 0.0 } else { v }
        }))
    }

    fn recycle(cache: ReluCache) {
        pool::give(cache.mask);
    }

    /// Backward: `dx = dout` with the masked cells set to 0.
    fn backward<R: Recorder>(
        &self,
        cache: &ReluCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.mask.dim(), "dout")?;
        if !rec.records() {
            let dx = cellwise(dout.view(), Some(&cache.mask), |v, k| {
                if MaskSense::TrueBlocks.blocks(k) {
                    0.0
                } else {
                    v
                }
            });
            return Ok((dx, vec![]));
        }
        let dx = apply_mask(dout, &cache.mask);
        rec.record(|| {
            StepDraft::new(
                Op::ApplyMask,
                "dout[mask] = 0",
                "dout[mask] = 0;  dx = dout",
            )
            .read(Kind::Dout, "dout", dout)
            .cached(MASK, "mask", &cache.mask, cache.mask_step)
            .writes(Kind::Dx, "dx", &dx)
            .numpy("dout[self.mask] = 0; dx = dout")
            .note(crate::msg!(
                "narr-relu-backward",
                k = count_true(&cache.mask),
                n = cache.mask.len()
            ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        crate::t!("jac-relu")
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| if v <= 0.0 { 0.0 } else { v })
    }
}

//! ReLU: `out = x` where `x > 0`, else 0.
//!
//! Forward first computes the boolean `mask = (x ≤ 0)` — the seed's `self.mask = (x <= 0)` — then
//! copies x with the masked cells set to 0. Backward reuses that same mask: `dx = dout` with the
//! masked cells set to 0. Cache: the mask (stored as 1.0 = True, 0.0 = False).

use super::affine::cached_note;
use super::{Kink, draft};
use crate::engine::Matrix;
use crate::engine::format::inline;
use crate::engine::op::Op;
use crate::engine::tape::{Operand, Recorder};

/// What ReLU's backward needs: the mask.
#[derive(Debug, Clone)]
pub struct ReluCache {
    /// 1.0 where `x ≤ 0` (True, blocked), 0.0 elsewhere.
    pub mask: Matrix,
    /// The tape index of the forward step that wrote the mask.
    pub mask_step: Option<usize>,
}

/// Where ReLU has no derivative: the corner of max(0, x) at x = 0, slope 0 on the left, 1 on the
/// right. Backward uses 0 there, because the mask `x ≤ 0` is True at 0.
pub fn kinks() -> &'static [Kink] {
    &[Kink {
        at: 0.0,
        slopes: (0.0, 1.0),
        backward_slope: 0.0,
    }]
}

/// The mask `x ≤ 0` as 1.0 / 0.0.
pub fn relu_mask(x: &Matrix) -> Matrix {
    x.mapv(|v| if v <= 0.0 { 1.0 } else { 0.0 })
}

/// `m` with the cells where `mask` is True set to 0.
pub fn apply_mask(m: &Matrix, mask: &Matrix) -> Matrix {
    let mut out = m.clone();
    out.zip_mut_with(mask, |v, &k| {
        if k != 0.0 {
            *v = 0.0;
        }
    });
    out
}

fn count_true(mask: &Matrix) -> usize {
    mask.iter().filter(|&&k| k != 0.0).count()
}

/// Forward: mask, then apply.
pub fn forward(x: &Matrix, rec: &mut impl Recorder) -> (Matrix, ReluCache) {
    let mask = relu_mask(x);
    let mask_step = rec.record(|| {
        draft(
            Op::Mask,
            "mask = x ≤ 0",
            "mask = (x ≤ 0)",
            vec![Operand::new("x", x)],
            Operand::new("mask", &mask),
            format!(
                "{} of {} cells are ≤ 0 and become True; the mask is kept for backward",
                count_true(&mask),
                mask.len()
            ),
        )
    });
    let out = apply_mask(x, &mask);
    rec.record(|| {
        draft(
            Op::ApplyMask,
            "out[mask] = 0",
            "out = x;  out[mask] = 0",
            vec![
                Operand::new("x", x),
                Operand::cached("mask", &mask, mask_step),
            ],
            Operand::new("out", &out),
            if out.len() <= 16 {
                format!("copy x and zero the True cells: out = {}", inline(&out))
            } else {
                format!("copy x and zero the {} True cells", count_true(&mask))
            },
        )
    });
    (out, ReluCache { mask, mask_step })
}

/// Backward: `dx = dout` with the masked cells set to 0.
pub fn backward(cache: &ReluCache, dout: &Matrix, rec: &mut impl Recorder) -> Matrix {
    let dx = apply_mask(dout, &cache.mask);
    rec.record(|| {
        draft(
            Op::ApplyMask,
            "dout[mask] = 0",
            "dout[mask] = 0;  dx = dout",
            vec![Operand::new("dout", dout), Operand::cached("mask", &cache.mask, cache.mask_step)],
            Operand::new("dx", &dx),
            format!(
                "a cell that forward set to 0 does not move when x moves, so its gradient is 0: {} of {} cells blocked{}",
                count_true(&cache.mask),
                cache.mask.len(),
                cached_note(cache.mask_step, "the mask")
            ),
        )
    });
    dx
}

//! Dropout (chapter 6): `mask = rand > ratio`, forward `x ⊙ mask`, backward `dout ⊙ mask`.
//!
//! The book draws `np.random.rand(*x.shape)` each call; here the numbers come from the project's
//! SplitMix64 seeded with `seed` (plus the training iteration), so the tape, the Jacobian and the
//! gradient check see the same mask every time. At test time (`train = false`) no cell is
//! dropped and the output is scaled instead: `x · (1 − ratio)`. Cache: the mask, shown like
//! ReLU's (here True keeps a cell, False drops it).

use anyhow::{Result, ensure};

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::op::{MaskRule, Op, UnaryFn};
use crate::engine::operand::{Kind, MaskSense};
use crate::engine::rng::uniform_matrix;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{given, short};

/// Dropout with drop ratio `ratio`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropout {
    /// The share of cells dropped in training, in [0, 1).
    pub ratio: f64,
    /// The seed the mask is drawn from.
    pub seed: u64,
    /// The training iteration: the mask is drawn from `seed + iteration` (0 outside training).
    pub iteration: u64,
    /// Training behaviour (a random mask) or test behaviour (scale by `1 − ratio`).
    pub train: bool,
}

impl Dropout {
    /// Dropout of `ratio` with masks drawn from `seed`, in training mode when `train`.
    pub fn new(ratio: f64, seed: u64, train: bool) -> Result<Dropout> {
        ensure!(
            (0.0..1.0).contains(&ratio),
            crate::t!("err-dropout-ratio", ratio = given(ratio))
        );
        Ok(Dropout {
            ratio,
            seed,
            iteration: 0,
            train,
        })
    }

    /// The mask for an input of `shape`: 1.0 (True, kept) where `rand > ratio`.
    pub fn mask(&self, shape: (usize, usize)) -> (Matrix, Matrix) {
        let rand = uniform_matrix(self.seed.wrapping_add(self.iteration), shape);
        let rule = MaskRule::Above(self.ratio);
        let mask = rand.mapv(|v| if rule.test(v) { 1.0 } else { 0.0 });
        (rand, mask)
    }
}

/// What Dropout's backward needs: the mask (none at test time).
#[derive(Debug, Clone)]
pub struct DropoutCache {
    /// 1.0 where the cell was kept (True), 0.0 where it was dropped; `None` at test time.
    pub mask: Option<Matrix>,
    /// The tape index of the forward step that wrote the mask.
    pub mask_step: Option<usize>,
    /// The input's shape.
    pub x_dim: (usize, usize),
}

const MASK: Kind = Kind::Mask(MaskSense::TrueKeeps);

fn kept(mask: &Matrix) -> usize {
    mask.iter().filter(|&&k| k != 0.0).count()
}

impl LayerType for Dropout {
    type Cache = DropoutCache;
    const TYPE: &'static str = "dropout";
    const DISPLAY: &'static str = "Dropout";
    const NUMBERED: bool = true;

    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, DropoutCache)> {
        let ratio = short(self.ratio);
        if !self.train {
            let keep = 1.0 - self.ratio;
            let out = x * keep;
            rec.record(|| {
                StepDraft::new(
                    Op::Unary(UnaryFn::Scale(keep)),
                    "x · (1 − ratio)",
                    "out = x · (1 − ratio)",
                )
                .read(Kind::Input, "x", x)
                .writes(Kind::Output, "out", &out)
                .numpy("out = x * (1.0 - self.dropout_ratio)")
                .note(crate::msg!(
                    "narr-dropout-test",
                    ratio = &ratio,
                    keep = short(keep)
                ))
            });
            return Ok((
                out,
                DropoutCache {
                    mask: None,
                    mask_step: None,
                    x_dim: x.dim(),
                },
            ));
        }
        let (rand, mask) = self.mask(x.dim());
        let mask_step = rec.record(|| {
            StepDraft::new(
                Op::Mask(MaskRule::Above(self.ratio)),
                "mask = rand > dropout_ratio",
                "mask = (rand > dropout_ratio)",
            )
            .read(Kind::Random, "rand", &rand)
            .writes(MASK, "mask", &mask)
            .numpy("self.mask = np.random.rand(*x.shape) > self.dropout_ratio")
            .note(crate::msg!(
                "narr-dropout-mask",
                k = kept(&mask),
                n = mask.len(),
                ratio = &ratio,
                // as text: a seed may not fit an i64
                seed = self.seed.wrapping_add(self.iteration).to_string()
            ))
        });
        let out = x * &mask;
        rec.record(|| {
            StepDraft::new(Op::ApplyMask, "x ⊙ mask", "out = x ⊙ mask")
                .read(Kind::Input, "x", x)
                .cached(MASK, "mask", &mask, mask_step)
                .writes(Kind::Output, "out", &out)
                .numpy("out = x * self.mask")
                .note(crate::msg!(
                    "narr-dropout-apply",
                    k = mask.len() - kept(&mask)
                ))
        });
        Ok((
            out,
            DropoutCache {
                mask: Some(mask),
                mask_step,
                x_dim: x.dim(),
            },
        ))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &DropoutCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.x_dim, "dout")?;
        let Some(mask) = &cache.mask else {
            let keep = 1.0 - self.ratio;
            let dx = dout * keep;
            rec.record(|| {
                StepDraft::new(
                    Op::Unary(UnaryFn::Scale(keep)),
                    "dout · (1 − ratio)",
                    "dx = dout · (1 − ratio)",
                )
                .read(Kind::Dout, "dout", dout)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = dout * (1.0 - self.dropout_ratio)")
                .note(crate::msg!("narr-dropout-back-test"))
            });
            return Ok((dx, vec![]));
        };
        let dx = dout * mask;
        rec.record(|| {
            StepDraft::new(Op::ApplyMask, "dout ⊙ mask", "dx = dout ⊙ mask")
                .read(Kind::Dout, "dout", dout)
                .cached(MASK, "mask", mask, cache.mask_step)
                .writes(Kind::Dx, "dx", &dx)
                .numpy("dx = dout * self.mask")
                .note(crate::msg!(
                    "narr-dropout-back",
                    k = mask.len() - kept(mask),
                    n = mask.len()
                ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        if self.train {
            crate::t!("jac-dropout-train")
        } else {
            crate::t!("jac-dropout-test", keep = short(1.0 - self.ratio))
        }
    }

    /// In training, the next iteration draws its mask from `seed + iteration + 1`.
    fn train_step(&mut self, iteration: u64, _cache: &DropoutCache) {
        self.iteration = iteration.wrapping_add(1);
    }
}

//! Batch Normalization (chapter 6), the book's `BatchNormalization` on an N×D batch.
//!
//! Forward in training: `μ = mean over rows`, `xc = x − μ`, `var = mean of xc²`,
//! `std = √(var + 10e-7)`, `x̂ = xc / std`, `out = γ ⊙ x̂ + β`; γ and β are 1×D like a bias. At
//! test time (`train = false`) the running mean and variance replace the batch's. Backward is the
//! computational graph's sub-steps, each a step of its own: dβ, dγ, dx̂, dstd, dvar, dxc, dmu, dx
//! (`dmu` is the book's name: Σ dxc = −∂L/∂μ, its minus applied in `dx = dxc − dmu / N`).
//! Cache: xc, std, x̂ (and μ, var for the running statistics).

use anyhow::{Result, ensure};
use ndarray::Axis;

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::op::{BinOp, Expr, Op, Reduce, UnaryFn};
use crate::engine::operand::{Kind, Param, Stat};
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::inline;

/// The book's guard inside the square root: `10e-7` (= 1e-6).
pub const BN_EPS: f64 = 10e-7;

/// Batch Normalization with scale γ, shift β and running statistics for test time.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNorm {
    /// γ, 1×D.
    pub gamma: Matrix,
    /// β, 1×D.
    pub beta: Matrix,
    /// How much of the old running statistics each training iteration keeps (0.9).
    pub momentum: f64,
    /// The running mean, 1×D (starts at 0).
    pub running_mean: Matrix,
    /// The running variance, 1×D (starts at 1).
    pub running_var: Matrix,
    /// Training behaviour (batch statistics) or test behaviour (running statistics).
    pub train: bool,
}

/// What BatchNorm's backward needs.
#[derive(Debug, Clone)]
pub struct BatchNormCache {
    /// `x − μ`.
    pub xc: Matrix,
    /// `√(var + 10e-7)`, 1×D.
    pub std: Matrix,
    /// `xc / std`.
    pub xn: Matrix,
    /// The batch mean (training only; for the running statistics).
    pub mu: Matrix,
    /// The batch variance (training only).
    pub var: Matrix,
    /// Forward steps that wrote xc, std, x̂.
    pub steps: [Option<usize>; 3],
}

const MU: Kind = Kind::Temp(0);
const XC: Kind = Kind::Temp(1);
const VAR: Kind = Kind::Temp(2);
const STD: Kind = Kind::Temp(3);
const XN: Kind = Kind::Temp(4);
const DXN: Kind = Kind::Temp(5);
const DSTD: Kind = Kind::Temp(6);
const DVAR: Kind = Kind::Temp(7);
const DXC: Kind = Kind::Temp(8);
const DMU: Kind = Kind::Temp(9);
const GAMMA: Kind = Kind::Param(Param::Gamma);
const BETA: Kind = Kind::Param(Param::Beta);

impl LayerType for BatchNorm {
    type Cache = BatchNormCache;
    const TYPE: &'static str = "batch_norm";
    const DISPLAY: &'static str = "BatchNorm";
    const NUMBERED: bool = true;
    const VECTORS: &'static [Param] = &[Param::Gamma, Param::Beta];

    fn params(&self) -> Vec<(Param, &Matrix)> {
        vec![(Param::Gamma, &self.gamma), (Param::Beta, &self.beta)]
    }

    fn param_mut(&mut self, param: Param) -> Option<&mut Matrix> {
        match param {
            Param::Gamma => Some(&mut self.gamma),
            Param::Beta => Some(&mut self.beta),
            _ => None,
        }
    }

    fn output_shape(&self, (n, d): (usize, usize)) -> Result<(usize, usize)> {
        for (name, m) in [
            ("gamma", &self.gamma),
            ("beta", &self.beta),
            ("running_mean", &self.running_mean),
            ("running_var", &self.running_var),
        ] {
            ensure!(
                m.dim() == (1, d),
                crate::t!("err-bn-param", name = name, values = m.len(), d = d)
            );
        }
        Ok((n, d))
    }

    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, BatchNormCache)> {
        let n = x.nrows();
        let (mu, var, xc, xc_step, std, std_step);
        if self.train {
            mu = x
                .mean_axis(Axis(0))
                .map_or_else(|| Matrix::zeros((1, x.ncols())), |m| m.insert_axis(Axis(0)));
            rec.record(|| {
                StepDraft::new(
                    Op::ColumnReduce(Expr::r(0), Reduce::Mean),
                    "μ = mean",
                    "μ = (1/N) Σₙ x[n,·]",
                )
                .read(Kind::Input, "x", x)
                .writes(MU, "μ", &mu)
                .numpy("mu = x.mean(axis=0)")
                .note(crate::msg!(
                    "bn-mean",
                    n = n,
                    mu = inline(&mu),
                    d = mu.ncols()
                ))
            });
            xc = x - &mu;
            xc_step = rec.record(|| {
                StepDraft::new(Op::Binary(BinOp::Sub), "x − μ", "xc = x − μ")
                    .read(Kind::Input, "x", x)
                    .read(MU, "μ", &mu)
                    .writes(XC, "xc", &xc)
                    .numpy("xc = x - mu")
                    .note(crate::msg!("bn-center"))
            });
            var = xc
                .mapv(|v| v * v)
                .mean_axis(Axis(0))
                .map_or_else(|| Matrix::zeros((1, x.ncols())), |m| m.insert_axis(Axis(0)));
            rec.record(|| {
                StepDraft::new(
                    Op::ColumnReduce(Expr::r(0) * Expr::r(0), Reduce::Mean),
                    "var",
                    "var = (1/N) Σₙ xc[n,·]²",
                )
                .read(XC, "xc", &xc)
                .writes(VAR, "var", &var)
                .numpy("var = np.mean(xc**2, axis=0)")
                .note(crate::msg!("bn-var", var = inline(&var)))
            });
            std = var.mapv(|v| (v + BN_EPS).sqrt());
            std_step = rec.record(|| {
                StepDraft::new(
                    Op::Map((Expr::r(0) + Expr::Const("10e-7", BN_EPS)).apply(UnaryFn::Sqrt)),
                    "√(var + ε)",
                    "std = √(var + 10e-7)",
                )
                .read(VAR, "var", &var)
                .writes(STD, "std", &std)
                .numpy("std = np.sqrt(var + 10e-7)")
                .note(crate::msg!("bn-std"))
            });
        } else {
            mu = Matrix::zeros((0, 0));
            var = Matrix::zeros((0, 0));
            xc = x - &self.running_mean;
            xc_step = rec.record(|| {
                StepDraft::new(
                    Op::Binary(BinOp::Sub),
                    "x − running μ",
                    "xc = x − running_mean",
                )
                .read(Kind::Input, "x", x)
                .read(
                    Kind::Running(Stat::Mean),
                    "running_mean",
                    &self.running_mean,
                )
                .writes(XC, "xc", &xc)
                .numpy("xc = x - self.running_mean")
                .note(crate::msg!("bn-test-center"))
            });
            std = self.running_var.mapv(|v| (v + BN_EPS).sqrt());
            std_step = rec.record(|| {
                StepDraft::new(
                    Op::Map((Expr::r(0) + Expr::Const("10e-7", BN_EPS)).apply(UnaryFn::Sqrt)),
                    "√(running var + ε)",
                    "std = √(running_var + 10e-7)",
                )
                .read(Kind::Running(Stat::Var), "running_var", &self.running_var)
                .writes(STD, "std", &std)
                .numpy("std = np.sqrt(self.running_var + 10e-7)")
                .note(crate::msg!("bn-test-std"))
            });
        }
        let xn = &xc / &std;
        let xn_step = rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Div), "xc ÷ std", "x̂ = xc / std")
                .read(XC, "xc", &xc)
                .read(STD, "std", &std)
                .writes(XN, "x̂", &xn)
                .numpy("xn = xc / std")
                .note(crate::msg!("bn-normalize"))
        });
        let out = &xn * &self.gamma + &self.beta;
        rec.record(|| {
            StepDraft::new(
                Op::Map(Expr::r(1) * Expr::r(0) + Expr::r(2)),
                "γ ⊙ x̂ + β",
                "out = γ ⊙ x̂ + β",
            )
            .read(XN, "x̂", &xn)
            .read(GAMMA, "γ", &self.gamma)
            .read(BETA, "β", &self.beta)
            .writes(Kind::Output, "out", &out)
            .numpy("out = self.gamma * xn + self.beta")
            .note(crate::msg!(
                "bn-scale-shift",
                gamma = inline(&self.gamma),
                beta = inline(&self.beta)
            ))
        });
        Ok((
            out,
            BatchNormCache {
                xc,
                std,
                xn,
                mu,
                var,
                steps: [xc_step, std_step, xn_step],
            },
        ))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &BatchNormCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.xn.dim(), "dout")?;
        let c = cache;
        let [xc_step, std_step, xn_step] = c.steps;
        let n = dout.nrows() as f64;
        let dbeta = dout.sum_axis(Axis(0)).insert_axis(Axis(0));
        rec.record(|| {
            StepDraft::new(Op::ColumnSum, "dβ = Σₙ dout", "dβ = Σₙ dout[n,·]")
                .read(Kind::Dout, "dout", dout)
                .writes(Kind::Grad(Param::Beta), "dβ", &dbeta)
                .numpy("dbeta = dout.sum(axis=0)")
                .note(crate::msg!("bn-back-beta", dbeta = inline(&dbeta)))
        });
        let dgamma = (&c.xn * dout).sum_axis(Axis(0)).insert_axis(Axis(0));
        rec.record(|| {
            StepDraft::new(
                Op::ColumnReduce(Expr::r(0) * Expr::r(1), Reduce::Sum),
                "dγ = Σ x̂ ⊙ dout",
                "dγ = Σₙ x̂[n,·] ⊙ dout[n,·]",
            )
            .cached(XN, "x̂", &c.xn, xn_step)
            .read(Kind::Dout, "dout", dout)
            .writes(Kind::Grad(Param::Gamma), "dγ", &dgamma)
            .numpy("dgamma = np.sum(self.xn * dout, axis=0)")
            .note(crate::msg!("bn-back-gamma", dgamma = inline(&dgamma)))
        });
        let dxn = dout * &self.gamma;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Mul), "dx̂ = dout ⊙ γ", "dx̂ = γ ⊙ dout")
                .read(Kind::Dout, "dout", dout)
                .read(GAMMA, "γ", &self.gamma)
                .writes(DXN, "dx̂", &dxn)
                .numpy("dxn = self.gamma * dout")
                .note(crate::msg!("bn-back-xn"))
        });
        if !self.train {
            let dx = &dxn / &c.std;
            rec.record(|| {
                StepDraft::new(Op::Binary(BinOp::Div), "dx̂ ÷ std", "dx = dx̂ / std")
                    .read(DXN, "dx̂", &dxn)
                    .cached(STD, "std", &c.std, std_step)
                    .writes(Kind::Dx, "dx", &dx)
                    .numpy("dx = dxn / self.std")
                    .note(crate::msg!("bn-back-test"))
            });
            return Ok((
                dx,
                vec![
                    Grad::new(Param::Gamma, dgamma),
                    Grad::new(Param::Beta, dbeta),
                ],
            ));
        }
        let dstd = -((&dxn * &c.xc) / (&c.std * &c.std))
            .sum_axis(Axis(0))
            .insert_axis(Axis(0));
        rec.record(|| {
            StepDraft::new(
                Op::ColumnReduce(
                    Expr::r(0) * Expr::r(1) / (Expr::r(2) * Expr::r(2)),
                    Reduce::NegSum,
                ),
                "dstd",
                "dstd = −Σₙ dx̂ ⊙ xc / std²",
            )
            .read(DXN, "dx̂", &dxn)
            .cached(XC, "xc", &c.xc, xc_step)
            .cached(STD, "std", &c.std, std_step)
            .writes(DSTD, "dstd", &dstd)
            .numpy("dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)")
            .note(crate::msg!("bn-back-std"))
        });
        let dvar = 0.5 * &dstd / &c.std;
        rec.record(|| {
            StepDraft::new(
                Op::Map(Expr::Const("0.5", 0.5) * Expr::r(0) / Expr::r(1)),
                "dvar",
                "dvar = 0.5 · dstd / std",
            )
            .read(DSTD, "dstd", &dstd)
            .cached(STD, "std", &c.std, std_step)
            .writes(DVAR, "dvar", &dvar)
            .numpy("dvar = 0.5 * dstd / self.std")
            .note(crate::msg!("bn-back-var"))
        });
        let dxc = &dxn / &c.std + &(&c.xc * &dvar * (2.0 / n));
        rec.record(|| {
            StepDraft::new(
                Op::Map(
                    Expr::r(0) / Expr::r(1) + Expr::Const("2/N", 2.0 / n) * Expr::r(2) * Expr::r(3),
                ),
                "dxc",
                "dxc = dx̂ / std + (2/N) · xc ⊙ dvar",
            )
            .read(DXN, "dx̂", &dxn)
            .cached(STD, "std", &c.std, std_step)
            .cached(XC, "xc", &c.xc, xc_step)
            .read(DVAR, "dvar", &dvar)
            .writes(DXC, "dxc", &dxc)
            .numpy("dxc = dxn / self.std + (2.0 / self.batch_size) * self.xc * dvar")
            .note(crate::msg!("bn-back-xc", n = dout.nrows()))
        });
        let dmu = dxc.sum_axis(Axis(0)).insert_axis(Axis(0));
        rec.record(|| {
            StepDraft::new(
                Op::ColumnReduce(Expr::r(0), Reduce::Sum),
                "dmu = Σ dxc",
                "dmu = Σₙ dxc[n,·]",
            )
            .read(DXC, "dxc", &dxc)
            .writes(DMU, "dmu", &dmu)
            .numpy("dmu = np.sum(dxc, axis=0)")
            .note(crate::msg!("bn-back-mu"))
        });
        let dx = &dxc - &(&dmu / n);
        rec.record(|| {
            StepDraft::new(
                Op::Map(Expr::r(0) - Expr::r(1) / Expr::Const("N", n)),
                "dx",
                "dx = dxc − dmu / N",
            )
            .read(DXC, "dxc", &dxc)
            .read(DMU, "dmu", &dmu)
            .writes(Kind::Dx, "dx", &dx)
            .numpy("dx = dxc - dmu / self.batch_size")
            .note(crate::msg!("bn-back-x", n = dout.nrows()))
        });
        Ok((
            dx,
            vec![
                Grad::new(Param::Gamma, dgamma),
                Grad::new(Param::Beta, dbeta),
            ],
        ))
    }

    /// `x − μ` loses up to ε·(|x| + |μ|) to rounding however small the difference is, and
    /// x̂ = xc / std multiplies that by 1/std (1,000 for a constant column, where std is only
    /// √10e-7): the error of each output cell is about 2·|γ|·(|x| + |μ|)/std, plus a few
    /// roundings of the output itself.
    fn rounding(&self, x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        let d = x.ncols();
        if out.dim() != dout.dim() || out.dim() != x.dim() || self.gamma.dim() != (1, d) {
            return 0.0;
        }
        let (mu, var) = if self.train {
            let mu = x
                .mean_axis(Axis(0))
                .map_or_else(|| Matrix::zeros((1, d)), |m| m.insert_axis(Axis(0)));
            let var = (x - &mu)
                .mapv(|v| v * v)
                .mean_axis(Axis(0))
                .map_or_else(|| Matrix::zeros((1, d)), |m| m.insert_axis(Axis(0)));
            (mu, var)
        } else {
            (self.running_mean.clone(), self.running_var.clone())
        };
        if mu.dim() != (1, d) || var.dim() != (1, d) {
            return 0.0;
        }
        let gain = Matrix::from_shape_fn((1, d), |(_, j)| {
            self.gamma[[0, j]].abs() / (var[[0, j]] + BN_EPS).sqrt()
        });
        let cell =
            (x.mapv(f64::abs) + &mu.mapv(f64::abs)) * &gain * 2.0 + &out.mapv(|v| 4.0 * v.abs());
        (&cell * &dout.mapv(f64::abs)).sum()
    }

    fn jacobian(&self, (n, d): (usize, usize), _: (usize, usize)) -> String {
        if self.train {
            crate::t!("jac-bn-train", d = d, n = n)
        } else {
            crate::t!("jac-bn-test")
        }
    }

    /// In training, the running statistics move toward the batch's: `r ← momentum·r + (1 − momentum)·batch`.
    fn train_step(&mut self, _iteration: u64, cache: &BatchNormCache) {
        if !self.train || cache.mu.dim() != self.running_mean.dim() {
            return;
        }
        let m = self.momentum;
        self.running_mean = &self.running_mean * m + &cache.mu * (1.0 - m);
        self.running_var = &self.running_var * m + &cache.var * (1.0 - m);
    }
}

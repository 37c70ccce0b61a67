//! Affine: `Y = X·W + b` (b added to every row).
//!
//! Shapes: X is N×D, W is D×H, b is 1×H, Y is N×H.
//! Backward: `dX = dY·Wᵀ` (N×D), `dW = Xᵀ·dY` (D×H), `db = Σₙ dY[n,·]` (1×H, the column sum,
//! because forward added the same b to all N rows). Cache: `x`.

use anyhow::{Result, ensure};
use ndarray::{ArrayView2, Axis};

use super::{Grad, LayerType, Names, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::Delta;
use crate::engine::linalg::{matmul, matmul_nt, matmul_tn};
use crate::engine::op::{BinOp, Op};
use crate::engine::operand::{Kind, Param};
use crate::engine::pool;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, inline, shape};

/// `Y = X·W + b`; `W` is D×H, `b` is 1×H (added to every row).
#[derive(Debug, Clone, PartialEq)]
pub struct Affine {
    /// Weights, D×H.
    pub w: Matrix,
    /// Bias, 1×H.
    pub b: Matrix,
}

/// What Affine's backward needs: the input `x` (for `dW = Xᵀ·dY`).
#[derive(Debug, Clone)]
pub struct AffineCache {
    /// The input of the forward pass.
    pub x: Matrix,
    /// The tape index of the forward step that read it (the `X·W` step).
    pub x_step: Option<usize>,
}

const X: Kind = Kind::Input;
const W: Kind = Kind::Param(Param::Weights);
const B: Kind = Kind::Param(Param::Bias);
const XW: Kind = Kind::Temp(0);

impl LayerType for Affine {
    type Cache = AffineCache;
    const TYPE: &'static str = "affine";
    const DISPLAY: &'static str = "Affine";
    const KEEPS_IMAGE: bool = false;
    const NAMES: Names = Names {
        input: "X",
        output: "Y",
        dout: "dY",
    };
    const VECTORS: &'static [Param] = &[Param::Bias];

    fn params(&self) -> Vec<(Param, &Matrix)> {
        vec![(Param::Weights, &self.w), (Param::Bias, &self.b)]
    }

    fn param_mut(&mut self, param: Param) -> Option<&mut Matrix> {
        match param {
            Param::Weights => Some(&mut self.w),
            Param::Bias => Some(&mut self.b),
            _ => None,
        }
    }

    fn check_parameters(&self) -> Result<()> {
        let (w, b) = (&self.w, &self.b);
        ensure!(
            b.dim() == (1, w.ncols()),
            crate::t!(
                "err-affine-b",
                values = b.len(),
                w = format!("{}×{}", w.nrows(), w.ncols()),
                cols = w.ncols().to_string()
            )
        );
        Ok(())
    }

    fn output_shape(&self, (n, d): (usize, usize)) -> Result<(usize, usize)> {
        let w = &self.w;
        ensure!(
            w.nrows() == d,
            crate::t!(
                "err-affine-w",
                w = format!("{}×{}", w.nrows(), w.ncols()),
                d = d
            )
        );
        self.check_parameters()?;
        Ok((n, w.ncols()))
    }

    /// `Y = X·W + b`, recorded as two steps: the product, then the bias.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, AffineCache)> {
        let (w, b) = (&self.w, &self.b);
        let xw = matmul(x.view(), w.view());
        let x_step = rec.record(|| {
            StepDraft::new(
                Op::MatMul {
                    transpose_a: false,
                    transpose_b: false,
                },
                "X·W",
                "X·W",
            )
            .read(X, "X", x)
            .read(W, "W", w)
            .writes(XW, "X·W", &xw)
            .numpy("self.x = x; xw = np.dot(x, self.W)")
            .note(crate::msg!(
                "narr-affine-xw",
                x = shape(x),
                w = shape(w),
                xw = shape(&xw),
                first = first(&xw)
            ))
        });
        let y = &xw + b;
        rec.record(|| {
            StepDraft::new(Op::Binary(BinOp::Add), "+ b", "Y = X·W + b")
                .read(XW, "X·W", &xw)
                .read(B, "b", b)
                .writes(Kind::Output, "Y", &y)
                .numpy("out = xw + self.b")
                .note(crate::msg!(
                    "narr-affine-add-b",
                    b = inline(b),
                    rows = y.nrows(),
                    h = b.ncols()
                ))
        });
        Ok((
            y,
            AffineCache {
                x: if rec.records() {
                    x.clone()
                } else {
                    pool::copy(x)
                },
                x_step,
            },
        ))
    }

    /// `dX = dY·Wᵀ`, `dW = Xᵀ·dY`, `db = Σ rows dY`, recorded as three steps.
    fn backward<R: Recorder>(
        &self,
        cache: &AffineCache,
        dy: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        let w = &self.w;
        ensure_dout(dy, (cache.x.nrows(), w.ncols()), "dY")?;
        let x = &cache.x;
        let dx = if rec.records() {
            matmul_nt(dy, w)
        } else {
            pool::matmul(dy.view(), w.t())
        };
        rec.record(|| {
            StepDraft::new(
                Op::MatMul {
                    transpose_a: false,
                    transpose_b: true,
                },
                "dX = dY·Wᵀ",
                "dX = dY · Wᵀ",
            )
            .read(Kind::Dout, "dY", dy)
            .read(W, "W", w)
            .writes(Kind::Dx, "dX", &dx)
            .numpy("dx = np.dot(dout, self.W.T)")
            .note(crate::msg!(
                "narr-affine-dx",
                dy = shape(dy),
                wt = format!("{}×{}", w.ncols(), w.nrows()),
                dx = shape(&dx),
                first = first(&dx)
            ))
        });
        let dw = matmul_tn(x, dy);
        rec.record(|| {
            StepDraft::new(
                Op::MatMul {
                    transpose_a: true,
                    transpose_b: false,
                },
                "dW = Xᵀ·dY",
                "dW = Xᵀ · dY",
            )
            .cached(X, "X", x, cache.x_step)
            .read(Kind::Dout, "dY", dy)
            .writes(Kind::Grad(Param::Weights), "dW", &dw)
            .numpy("self.dW = np.dot(self.x.T, dout)")
            .note(crate::msg!(
                "narr-affine-dw",
                xt = format!("{}×{}", x.ncols(), x.nrows()),
                dy = shape(dy),
                dw = shape(&dw)
            ))
        });
        let db = dy.sum_axis(Axis(0)).insert_axis(Axis(0));
        rec.record(|| {
            StepDraft::new(Op::ColumnSum, "db = Σₙ dY", "db = Σₙ dY[n,·]")
                .read(Kind::Dout, "dY", dy)
                .writes(Kind::Grad(Param::Bias), "db", &db)
                .numpy("self.db = np.sum(dout, axis=0)")
                .note(crate::msg!(
                    "narr-affine-db",
                    rows = dy.nrows(),
                    db = inline(&db),
                    h = db.ncols()
                ))
        });
        Ok((
            dx,
            vec![Grad::new(Param::Weights, dw), Grad::new(Param::Bias, db)],
        ))
    }

    /// `X·W + b`, reading X in place.
    fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
        let mut y = matmul(x, self.w.view());
        y += &self.b;
        Ok(y)
    }

    /// `dW = Xᵀ·dY` and `db = Σ rows dY`, without `dX = dY·Wᵀ`.
    fn param_grads(&self, cache: &AffineCache, dy: &Matrix) -> Result<Vec<Grad>> {
        self.param_grads_from(&cache.x, cache, dy)
    }

    /// `X·W + b` as [`Affine::infer`] computes it (the same numbers as `forward`), with a cache
    /// that holds no copy of X.
    fn forward_lean(&self, x: &Matrix, _t: Option<&Matrix>) -> Result<(Matrix, AffineCache)> {
        let cache = AffineCache {
            x: Matrix::zeros((0, 0)),
            x_step: None,
        };
        Ok((self.infer(x.view())?, cache))
    }

    /// `dW = Xᵀ·dY` and `db = Σ rows dY` with the forward pass's X given.
    fn param_grads_from(&self, x: &Matrix, _: &AffineCache, dy: &Matrix) -> Result<Vec<Grad>> {
        ensure_dout(dy, (x.nrows(), self.w.ncols()), "dY")?;
        let dw = matmul_tn(x, dy);
        let db = dy.sum_axis(Axis(0)).insert_axis(Axis(0));
        Ok(vec![
            Grad::new(Param::Weights, dw),
            Grad::new(Param::Bias, db),
        ])
    }

    /// `dX = dY·Wᵀ`, `dW = Xᵀ·dY` and `db = Σ rows dY` with the forward pass's X given: the
    /// numbers of [`Affine::backward`], after a pass that kept no copy of X.
    fn backward_from(
        &self,
        x: &Matrix,
        cache: &AffineCache,
        dy: &Matrix,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dy, (x.nrows(), self.w.ncols()), "dY")?;
        let dx = pool::matmul(dy.view(), self.w.t());
        Ok((dx, self.param_grads_from(x, cache, dy)?))
    }

    fn recycle(cache: AffineCache) {
        pool::give(cache.x);
    }

    /// Each output cell is a dot product of D terms plus b: its rounding error is at most
    /// (D + 1)·ε·(|x|·|W| + |b|) whatever the terms cancel to.
    fn rounding(&self, x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        let (d, h) = self.w.dim();
        if x.ncols() != d || out.dim() != dout.dim() || out.dim() != (x.nrows(), h) {
            return 0.0;
        }
        let magnitude =
            matmul(x.mapv(f64::abs).view(), self.w.mapv(f64::abs).view()) + &self.b.mapv(f64::abs);
        (d as f64 + 1.0) * (&magnitude * &dout.mapv(f64::abs)).sum()
    }

    fn jacobian(&self, (n, d): (usize, usize), (_, k): (usize, usize)) -> String {
        crate::t!("jac-affine", k = k, d = d, n = n)
    }

    /// Moving `x[r,c]` changes row r only; a row change stays a row; a column change of the
    /// input moves every row.
    fn propagate(&self, x: &Matrix, y: &Matrix, delta: Delta) -> Delta {
        let (w, b) = (&self.w, &self.b);
        match delta {
            Delta::Cell(r, c, v) => {
                let mut row = y.row(r).to_owned();
                row.scaled_add(v - x[[r, c]], &w.row(c));
                Delta::Row(r, row)
            }
            Delta::Row(n, r) => Delta::Row(
                n,
                matmul(r.view().insert_axis(Axis(0)), w.view())
                    .row(0)
                    .to_owned()
                    + b.row(0),
            ),
            Delta::Col(j, c) => {
                let change = &c - &x.column(j);
                let mut m = y.clone();
                for (n, mut row) in m.axis_iter_mut(Axis(0)).enumerate() {
                    row.scaled_add(change[n], &w.row(j));
                }
                Delta::Full(m)
            }
            Delta::Full(m) => Delta::Full(matmul(m.view(), w.view()) + b),
        }
    }

    /// Moving `W[i,j]` or `b[0,j]` changes column j of the output only.
    fn param_delta(
        &self,
        x: &Matrix,
        y: &Matrix,
        param: Param,
        r: usize,
        c: usize,
        d: f64,
    ) -> Delta {
        match param {
            Param::Weights => Delta::Col(c, &y.column(c) + &(x.column(r).to_owned() * d)),
            _ => Delta::Col(c, y.column(c).mapv(|v| v + d)),
        }
    }
}

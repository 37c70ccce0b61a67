//! Convolution (chapter 7), the book's `Convolution` class through im2col.
//!
//! Shapes: x is N×C×H×W, W is FN×C×FH×FW, b has FN values, out is N×FN×OH×OW with
//! `OH = (H + 2·pad − FH) / stride + 1`. Each 4-D tensor is kept as N rows of C·H·W columns, and
//! W as FN rows of C·FH·FW (so `W.reshape(FN, -1)` is W itself).
//!
//! Forward: `col = im2col(x)` (one row per window, N·OH·OW × C·FH·FW), `col_W = W.reshape(FN, -1).T`,
//! `out = col·col_W + b` — an Affine layer on the rows of col — then the reshape/transpose to
//! N×FN×OH×OW. Backward: dout back to (N·OH·OW)×FN, `db = Σ dout` over rows, `dW = colᵀ·dout`
//! reshaped to FN×C×FH×FW, `dcol = dout·col_Wᵀ`, `dx = col2im(dcol)`: each x cell collects the
//! gradient of every window cell that copied it. Cache: col and col_W (and N).

use std::cell::Cell;
use std::thread::LocalKey;

use anyhow::{Result, ensure};
use ndarray::{ArrayView2, ArrayViewMut2, Axis, Slice};

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::linalg::{fill_rows, matmul, matmul_into, matmul_tn, one_core};
use crate::engine::op::Op;
use crate::engine::operand::{Kind, Param};
use crate::engine::pool;
use crate::engine::tape::{Recorder, StepDraft};
use crate::engine::tensor::{
    ImageShape, Window, column_sums, from_image, sample_to_image, to_image,
};
use crate::i18n::format::first;
use crate::t;

/// A convolution layer: FN filters of C×FH×FW, a bias per filter, a stride and zero padding.
#[derive(Debug, Clone, PartialEq)]
pub struct Convolution {
    /// The filters, FN rows of C·FH·FW (the book's W, FN×C×FH×FW).
    pub w: Matrix,
    /// The biases, 1×FN.
    pub b: Matrix,
    /// The shape of one filter, C×FH×FW.
    pub filter: ImageShape,
    /// Step between windows (the book's default 1).
    pub stride: usize,
    /// Zeros around each input channel (default 0).
    pub pad: usize,
    /// The sample shape of the input, C×H×W (set when the network is resolved).
    pub input: ImageShape,
}

/// What Convolution's backward needs: col, col_W and the batch size.
#[derive(Debug, Clone)]
pub struct ConvCache {
    /// im2col of the input, N·OH·OW × C·FH·FW.
    pub col: Matrix,
    /// `W.reshape(FN, -1).T`, C·FH·FW × FN.
    pub col_w: Matrix,
    /// N, the batch size (col2im's `self.x.shape`).
    pub n: usize,
    /// Tape index of the step that wrote col.
    pub col_step: Option<usize>,
    /// Tape index of the step that wrote col_W.
    pub col_w_step: Option<usize>,
}

/// The most cells a buffer of [`with_buffer`] keeps between passes: 2²¹ (16 MiB), enough for the
/// book's SimpleConvNet at batch 100 (57,600 × 30 sums, 57,600 × 25 col).
const KEEP_CELLS: usize = 1 << 21;

/// The most cells of the product [`Convolution::image_of_blocks`] makes at a time: 2¹⁶ (512
/// KiB, within a core's second-level cache), at least a sample's.
pub(super) const BLOCK_CELLS: usize = 1 << 16;

thread_local! {
    /// This thread's buffer for col·col_W before `+ b` and the reshape, in a pass without a tape.
    pub(super) static SUMS: Cell<Vec<f64>> = const { Cell::new(Vec::new()) };
    /// This thread's buffer for col in prediction (nothing keeps it for a backward pass).
    pub(super) static COLS: Cell<Vec<f64>> = const { Cell::new(Vec::new()) };
}

/// `f` given `len` cells of this thread's `buffer` (their values left from the last pass): a
/// matrix a pass throws away is written into the same memory each time instead of fresh pages
/// the system zeroes first. Above [`KEEP_CELLS`] a fresh buffer is used and dropped.
pub(super) fn with_buffer<T>(
    buffer: &'static LocalKey<Cell<Vec<f64>>>,
    len: usize,
    f: impl FnOnce(&mut [f64]) -> T,
) -> T {
    if len > KEEP_CELLS {
        return f(&mut vec![0.0; len]);
    }
    let mut buf = buffer.with(Cell::take);
    if buf.len() < len {
        buf.resize(len, 0.0);
    }
    let out = f(&mut buf[..len]);
    buffer.with(|b| b.set(buf));
    out
}

const X: Kind = Kind::Input;
const W: Kind = Kind::Param(Param::Weights);
const B: Kind = Kind::Param(Param::Bias);
const COL: Kind = Kind::Temp(0);
const COL_W: Kind = Kind::Temp(1);
const OUT2D: Kind = Kind::Temp(2);
const DOUT2D: Kind = Kind::Temp(3);
const DW2D: Kind = Kind::Temp(4);
const DCOL: Kind = Kind::Temp(5);

impl Convolution {
    /// A convolution of filters `w` (FN rows of `filter`'s C·FH·FW cells) with biases `b` (1×FN);
    /// the input shape is set when the network is resolved.
    pub fn new(w: Matrix, b: Matrix, filter: ImageShape, stride: usize, pad: usize) -> Self {
        Convolution {
            w,
            b,
            filter,
            stride,
            pad,
            input: ImageShape::new(filter.c, filter.h, filter.w),
        }
    }

    /// FN, the number of filters.
    pub fn filters(&self) -> usize {
        self.w.nrows()
    }

    /// The windows over the input.
    pub fn window(&self) -> Window {
        Window {
            input: self.input,
            fh: self.filter.h,
            fw: self.filter.w,
            stride: self.stride,
            pad: self.pad,
        }
    }

    /// The sample shape of the output, FN×OH×OW.
    pub fn out_image(&self) -> ImageShape {
        let (oh, ow) = self.window().out_hw();
        ImageShape::new(self.filters(), oh, ow)
    }

    /// `W` as FN×C×FH×FW.
    fn w_shape(&self) -> String {
        self.filter.batch(self.filters())
    }

    /// col·col_W + b, the product behind every output cell ((N·OH·OW)×FN).
    fn product(&self, col: &Matrix, col_w: &Matrix) -> Matrix {
        let mut out = matmul(col.view(), col_w.view());
        out += &self.b;
        out
    }

    /// Forward when nothing records the steps: the same im2col, col_W and product as the book's
    /// steps, with `+ b` and the reshape to N×FN×OH×OW done in one pass (no (N·OH·OW)×FN matrix
    /// of sums in between). Every output cell is the same sum of the same numbers in the same
    /// order as [`LayerType::forward`]'s, so the numbers are the same to the bit.
    fn forward_fast(&self, x: ArrayView2<'_, f64>) -> (Matrix, ConvCache) {
        let n = x.nrows();
        let col = self.window().im2col_view(x);
        let col_w = self.w.t().to_owned();
        let out = self.image_of_product(col.view(), &col_w, n);
        let cache = ConvCache {
            col,
            col_w,
            n,
            col_step: None,
            col_w_step: None,
        };
        (out, cache)
    }

    /// `col·col_W + b` reshaped to N×FN×OH×OW: the product of a few samples' rows at a time
    /// into this thread's buffer, small enough to stay in the core's cache, and from there to
    /// its place (instead of the whole (N·OH·OW)×FN product through memory). Each row of the
    /// product is the same sum of the same numbers, in the same order, as in one product.
    fn image_of_product(&self, col: ArrayView2<'_, f64>, col_w: &Matrix, n: usize) -> Matrix {
        self.image_of_blocks(n, &|first, rows, sums| {
            let block = col.slice_axis(Axis(0), Slice::from(first..first + rows));
            matmul_into(block, col_w.view(), sums);
        })
    }

    /// The output N×FN×OH×OW, a block of samples at a time (shared by the cores of a team):
    /// `product(first_row, rows, sums)` writes rows `first_row..` of `col·col_W` into `sums`,
    /// then `+ b` and the reshape move them to their place.
    fn image_of_blocks(
        &self,
        n: usize,
        product: &(dyn Fn(usize, usize, ArrayViewMut2<'_, f64>) + Sync),
    ) -> Matrix {
        let (fnum, plane) = (self.filters(), self.window().positions());
        let d = fnum * plane;
        // every cell is written: each sample from its rows of the product
        let mut out = pool::uninit(n, d);
        if d == 0 {
            return out;
        }
        let b = self.b.as_standard_layout();
        let b = b.as_slice();
        let samples = (BLOCK_CELLS / d).max(1);
        fill_rows(out.view_mut(), &|first, mut block| {
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            one_core(|| {
                for (j, dst) in o.chunks_mut(samples * d).enumerate() {
                    let count = dst.len() / d;
                    let row = (first + j * samples) * plane;
                    with_buffer(&SUMS, count * d, |buf| {
                        if let Ok(sums) =
                            ArrayViewMut2::from_shape((count * plane, fnum), &mut *buf)
                        {
                            product(row, count * plane, sums);
                        }
                        for (from, dst) in buf.chunks_exact(d).zip(dst.chunks_exact_mut(d)) {
                            sample_to_image(from, dst, fnum, plane, b);
                        }
                    });
                }
            });
        });
        out
    }
}

impl Convolution {
    /// Backward without recording from dout already in 2-D (`d2`, (N·OH·OW)×FN, given back
    /// for reuse): `db`, `dW` and, with `dx`, `dcol` and col2im (else dx is empty) — the
    /// numbers of [`LayerType::backward`]'s steps.
    pub(super) fn backward_2d(
        &self,
        cache: &ConvCache,
        d2: Matrix,
        dx: bool,
    ) -> (Matrix, Vec<Grad>) {
        let db = column_sums(&d2);
        let dw = matmul_tn(&cache.col, &d2).t().to_owned();
        let dx = if dx {
            let dcol = pool::matmul(d2.view(), cache.col_w.t());
            let dx = self.window().col2im(&dcol, cache.n);
            pool::give(dcol);
            dx
        } else {
            Matrix::zeros((0, 0))
        };
        pool::give(d2);
        (
            dx,
            vec![Grad::new(Param::Weights, dw), Grad::new(Param::Bias, db)],
        )
    }
}

impl LayerType for Convolution {
    type Cache = ConvCache;
    const TYPE: &'static str = "convolution";
    const DISPLAY: &'static str = "Conv";
    const NUMBERED: bool = true;
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

    fn param_image(&self, param: Param) -> Option<ImageShape> {
        (param == Param::Weights).then_some(self.filter)
    }

    fn check_parameters(&self) -> Result<()> {
        ensure!(
            self.w.ncols() == self.filter.len() && !self.filter.is_empty(),
            "{}",
            t!("conv-w-shape", w = self.w_shape())
        );
        ensure!(
            self.b.dim() == (1, self.filters()),
            "{}",
            t!(
                "conv-b-shape",
                values = self.b.len(),
                w = self.w_shape(),
                filters = self.filters()
            )
        );
        ensure!(self.stride > 0, "{}", t!("conv-stride-zero"));
        Ok(())
    }

    fn set_input_image(&mut self, input: ImageShape) {
        self.input = input;
    }

    fn output_image(&self, input: Option<ImageShape>) -> Result<Option<ImageShape>> {
        let w = self.w_shape();
        let Some(img) = input else {
            anyhow::bail!("{}", t!("conv-needs-image", w = w));
        };
        ensure!(
            img.c == self.filter.c,
            "{}",
            t!(
                "conv-channels",
                w = w,
                x = img.to_string(),
                filter = self.filter.c,
                input = img.c
            )
        );
        let win = Window {
            input: img,
            ..self.window()
        };
        ensure!(
            win.out_h().is_some() && win.out_w().is_some(),
            "{}",
            t!(
                "conv-too-small",
                w = w,
                x = img.to_string(),
                pad = self.pad,
                stride = self.stride
            )
        );
        ensure!(
            img == self.input,
            "{}",
            t!(
                "conv-resolved",
                x = img.to_string(),
                was = self.input.to_string()
            )
        );
        Ok(Some(self.out_image()))
    }

    fn output_shape(&self, (n, d): (usize, usize)) -> Result<(usize, usize)> {
        self.check_parameters()?;
        ensure!(
            d == self.input.len(),
            "{}",
            t!(
                "conv-columns",
                x = self.input.to_string(),
                cells = self.input.len(),
                d = d
            )
        );
        Ok((n, self.out_image().len()))
    }

    /// `col = im2col(x)`, `col_W = W.reshape(FN, -1).T`, `out = col·col_W + b`, reshape.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, ConvCache)> {
        if !rec.records() {
            return Ok(self.forward_fast(x.view()));
        }
        let win = self.window();
        let (n, fnum) = (x.nrows(), self.filters());
        let (oh, ow) = win.out_hw();
        let col = win.im2col(x);
        let col_step = rec.record(|| {
            StepDraft::new(Op::Im2col(win), "im2col", "col = im2col(x)")
                .read_image(X, "x", x, Some(self.input))
                .writes(COL, "col", &col)
                .numpy("col = im2col(x, FH, FW, self.stride, self.pad)")
                .note(crate::msg!(
                    "conv-im2col-note",
                    x = self.input.batch(n),
                    fh = win.fh,
                    fw = win.fw,
                    stride = win.stride,
                    pad = win.pad,
                    rows = col.nrows(),
                    cols = col.ncols(),
                    oh = oh,
                    ow = ow
                ))
        });
        let col_w = self.w.t().to_owned();
        let col_w_step = rec.record(|| {
            StepDraft::new(Op::Transpose, "col_W = Wᵀ", "col_W = W.reshape(FN, −1)ᵀ")
                .read_image(W, "W", &self.w, Some(self.filter))
                .writes(COL_W, "col_W", &col_w)
                .numpy("col_W = self.W.reshape(FN, -1).T")
                .note(crate::msg!(
                    "conv-col-w-note",
                    w = self.w_shape(),
                    rows = col_w.nrows(),
                    cols = col_w.ncols()
                ))
        });
        let out2d = self.product(&col, &col_w);
        rec.record(|| {
            StepDraft::new(Op::MatMulBias, "col·col_W + b", "out = col · col_W + b")
                .read(COL, "col", &col)
                .read(COL_W, "col_W", &col_w)
                .read(B, "b", &self.b)
                .writes(OUT2D, "out2d", &out2d)
                .numpy("out = np.dot(col, col_W) + self.b")
                .note(crate::msg!(
                    "conv-product-note",
                    rows = out2d.nrows(),
                    cols = out2d.ncols(),
                    terms = col.ncols(),
                    first = first(&out2d)
                ))
        });
        let out_image = self.out_image();
        let out = to_image(&out2d, n, oh * ow);
        rec.record(|| {
            StepDraft::new(
                Op::ToImage {
                    plane: oh * ow,
                    channels: fnum,
                },
                "reshape",
                "out = out.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)",
            )
            .read(OUT2D, "out2d", &out2d)
            .writes_image(Kind::Output, "out", &out, Some(out_image))
            .numpy("out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)")
            .note(crate::msg!("conv-to-image-note", out = out_image.batch(n)))
        });
        Ok((
            out,
            ConvCache {
                col,
                col_w,
                n,
                col_step,
                col_w_step,
            },
        ))
    }

    /// dout to 2-D, `db`, `dW = colᵀ·dout` and its reshape, `dcol = dout·col_Wᵀ`, col2im.
    fn backward<R: Recorder>(
        &self,
        cache: &ConvCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        let win = self.window();
        let out_image = self.out_image();
        let plane = out_image.plane();
        ensure_dout(dout, (cache.n, out_image.len()), "dout")?;
        let d2 = from_image(dout, plane);
        rec.record(|| {
            StepDraft::new(
                Op::FromImage { plane },
                "dout → 2-D",
                "dout = dout.transpose(0, 2, 3, 1).reshape(−1, FN)",
            )
            .read_image(Kind::Dout, "dout", dout, Some(out_image))
            .writes(DOUT2D, "dout2d", &d2)
            .numpy("dout = dout.transpose(0,2,3,1).reshape(-1, FN)")
            .note(crate::msg!(
                "conv-dout-2d-note",
                rows = d2.nrows(),
                cols = d2.ncols()
            ))
        });
        let db = column_sums(&d2);
        rec.record(|| {
            StepDraft::new(Op::ColumnSum, "db = Σᵣ dout", "db = Σ dout[r,·]")
                .read(DOUT2D, "dout2d", &d2)
                .writes(Kind::Grad(Param::Bias), "db", &db)
                .numpy("self.db = np.sum(dout, axis=0)")
                .note(crate::msg!(
                    "conv-db-note",
                    rows = d2.nrows(),
                    filters = db.ncols()
                ))
        });
        let dw2d = matmul_tn(&cache.col, &d2);
        rec.record(|| {
            StepDraft::new(
                Op::MatMul {
                    transpose_a: true,
                    transpose_b: false,
                },
                "colᵀ·dout",
                "dW = colᵀ · dout",
            )
            .cached(COL, "col", &cache.col, cache.col_step)
            .read(DOUT2D, "dout2d", &d2)
            .writes(DW2D, "dW2d", &dw2d)
            .numpy("self.dW = np.dot(self.col.T, dout)")
            .note(crate::msg!("conv-dw-note", windows = cache.col.nrows()))
        });
        let dw = dw2d.t().to_owned();
        rec.record(|| {
            StepDraft::new(
                Op::Transpose,
                "dW reshape",
                "dW = dWᵀ.reshape(FN, C, FH, FW)",
            )
            .read(DW2D, "dW2d", &dw2d)
            .writes_image(Kind::Grad(Param::Weights), "dW", &dw, Some(self.filter))
            .numpy("self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)")
            .note(crate::msg!("conv-dw-reshape-note", w = self.w_shape()))
        });
        let dcol = pool::matmul(d2.view(), cache.col_w.t());
        rec.record(|| {
            StepDraft::new(
                Op::MatMul {
                    transpose_a: false,
                    transpose_b: true,
                },
                "dcol = dout·col_Wᵀ",
                "dcol = dout · col_Wᵀ",
            )
            .read(DOUT2D, "dout2d", &d2)
            .cached(COL_W, "col_W", &cache.col_w, cache.col_w_step)
            .writes(DCOL, "dcol", &dcol)
            .numpy("dcol = np.dot(dout, self.col_W.T)")
            .note(crate::msg!(
                "conv-dcol-note",
                rows = dcol.nrows(),
                cols = dcol.ncols()
            ))
        });
        let dx = win.col2im(&dcol, cache.n);
        rec.record(|| {
            StepDraft::new(Op::Col2im(win), "col2im", "dx = col2im(dcol)")
                .read(DCOL, "dcol", &dcol)
                .writes_image(Kind::Dx, "dx", &dx, Some(self.input))
                .numpy("dx = col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)")
                .note(crate::msg!(
                    "conv-col2im-note",
                    x = self.input.batch(cache.n)
                ))
        });
        if !rec.records() {
            pool::give(d2);
            pool::give(dcol);
        }
        Ok((
            dx,
            vec![Grad::new(Param::Weights, dw), Grad::new(Param::Bias, db)],
        ))
    }

    /// `db` and `dW` without `dcol` and col2im (a first layer's dx is never read in training).
    fn param_grads(&self, cache: &ConvCache, dout: &Matrix) -> Result<Vec<Grad>> {
        ensure_dout(dout, (cache.n, self.out_image().len()), "dout")?;
        let d2 = from_image(dout, self.out_image().plane());
        Ok(self.backward_2d(cache, d2, false).1)
    }

    /// The output alone, through the same arithmetic as [`LayerType::forward`]: im2col, the
    /// product, `+ b` and the reshape a block of samples at a time (nothing keeps col).
    fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
        let win = self.window();
        let (plane, k) = (win.positions(), win.window_len());
        let col_w = self.w.t().to_owned();
        let x = x.as_standard_layout();
        Ok(self.image_of_blocks(x.nrows(), &|first, rows, sums| {
            let samples = x.slice_axis(
                Axis(0),
                Slice::from(first / plane.max(1)..(first + rows) / plane.max(1)),
            );
            with_buffer(&COLS, rows * k, |buf| {
                if let Ok(mut col) = ArrayViewMut2::from_shape((rows, k), buf) {
                    win.im2col_to(samples, col.view_mut());
                    matmul_into(col.view(), col_w.view(), sums);
                }
            });
        }))
    }

    /// Each output cell is a dot product of C·FH·FW terms plus b.
    fn rounding(&self, x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        if out.dim() != dout.dim() || x.ncols() != self.input.len() {
            return 0.0;
        }
        let win = self.window();
        let col = win.im2col(&x.mapv(f64::abs));
        let mut mag = matmul(col.view(), self.w.mapv(f64::abs).t());
        mag += &self.b.mapv(f64::abs);
        let mag = to_image(&mag, x.nrows(), self.out_image().plane());
        (self.filter.len() as f64 + 1.0) * (&mag * &dout.mapv(f64::abs)).sum()
    }

    fn recycle(cache: ConvCache) {
        pool::give(cache.col);
    }

    fn jacobian(&self, _input: (usize, usize), _output: (usize, usize)) -> String {
        t!(
            "conv-jacobian",
            fh = self.filter.h,
            fw = self.filter.w,
            channels = self.filter.c
        )
    }
}

//! Max pooling (chapter 7), the book's `Pooling` class through im2col.
//!
//! Shapes: x is N×C×H×W, out is N×C×OH×OW with `OH = (H − pool_h) / stride + 1` (no padding).
//! Forward: `col = im2col(x)`, reshaped to one row per window and channel
//! ((N·OH·OW·C) × pool_h·pool_w), `arg_max = np.argmax(col, axis=1)` (the first of equal
//! values), `out = np.max(col, axis=1)`, reshaped to N×C×OH×OW. Backward: `dmax` holds each
//! window's dout at its argmax and 0 elsewhere — a mask like ReLU's — then col2im adds the windows
//! back into dx. Cache: arg_max (and N).

use std::sync::Mutex;

use anyhow::{Result, ensure};
use ndarray::ArrayView2;

use super::{Grad, LayerType, ensure_dout};
use crate::engine::Matrix;
use crate::engine::linalg::fill_rows;
use crate::engine::op::Op;
use crate::engine::operand::Kind;
use crate::engine::pool;
use crate::engine::tape::{Recorder, StepDraft};
use crate::engine::tensor::{ImageShape, Window, from_image, reshape, to_image};
use crate::t;

/// Max pooling over `pool_h`×`pool_w` windows.
#[derive(Debug, Clone, PartialEq)]
pub struct Pooling {
    /// Window height.
    pub pool_h: usize,
    /// Window width.
    pub pool_w: usize,
    /// Step between windows (the book's default 1).
    pub stride: usize,
    /// The sample shape of the input, C×H×W (set when the network is resolved).
    pub input: ImageShape,
}

/// What Pooling's backward needs: where each window's maximum sat.
#[derive(Debug, Clone)]
pub struct PoolCache {
    /// `np.argmax(col, axis=1)`, one column index per window and channel ((N·OH·OW·C)×1).
    pub arg_max: Matrix,
    /// N, the batch size.
    pub n: usize,
    /// Tape index of the step that wrote arg_max.
    pub arg_step: Option<usize>,
}

const COL: Kind = Kind::Temp(0);
const ROWS: Kind = Kind::Temp(1);
const ARG: Kind = Kind::Temp(2);
const MAX: Kind = Kind::Temp(3);
const DOUT2D: Kind = Kind::Temp(4);
const DMAX: Kind = Kind::Temp(5);
const DCOL: Kind = Kind::Temp(6);

impl Pooling {
    /// Max pooling over `pool_h`×`pool_w` windows moved by `stride`.
    pub fn new(pool_h: usize, pool_w: usize, stride: usize) -> Self {
        Pooling {
            pool_h,
            pool_w,
            stride,
            input: ImageShape::new(1, pool_h, pool_w),
        }
    }

    /// The windows over the input.
    pub fn window(&self) -> Window {
        Window {
            input: self.input,
            fh: self.pool_h,
            fw: self.pool_w,
            stride: self.stride,
            pad: 0,
        }
    }

    /// The sample shape of the output, C×OH×OW.
    pub fn out_image(&self) -> ImageShape {
        let (oh, ow) = self.window().out_hw();
        ImageShape::new(self.input.c, oh, ow)
    }

    /// Each window's first maximum and its column, from col reshaped to rows of one window.
    fn max_rows(&self, rows: &Matrix) -> (Matrix, Matrix) {
        let r = rows.nrows();
        let mut arg = Matrix::zeros((r, 1));
        let mut max = Matrix::zeros((r, 1));
        for (i, row) in rows.rows().into_iter().enumerate() {
            let (k, v) = first_max(row.iter().copied());
            arg[[i, 0]] = k as f64;
            max[[i, 0]] = v;
        }
        (arg, max)
    }
}

impl Pooling {
    /// Forward when nothing records the steps: each window's first maximum found in x itself,
    /// without col or its reshape; `arg_max` and the output hold the numbers the book's steps
    /// give (a maximum is one of the window's cells, copied).
    fn forward_fast(&self, x: ArrayView2<'_, f64>) -> (Matrix, PoolCache) {
        let (n, per) = (x.nrows(), self.out_image().len());
        let x = x.as_standard_layout();
        let d = self.input.len();
        let Some(xs) = x.as_slice().filter(|_| per > 0 && d > 0) else {
            let cache = PoolCache {
                arg_max: Matrix::zeros((n * per, 1)),
                n,
                arg_step: None,
            };
            return (Matrix::zeros((n, per)), cache);
        };
        // every cell is written: each window's maximum, and its place in the cache's
        // (N·OH·OW·C)×1 column, a sample's OH·OW·C places in (p, c) order
        let mut out = pool::uninit(n, per);
        let mut arg_max = pool::uninit(n * per, 1);
        {
            // each sample's places, for whichever core writes its maxima
            let places: Vec<Mutex<&mut [f64]>> = match arg_max.as_slice_mut() {
                Some(a) => a.chunks_exact_mut(per).map(Mutex::new).collect(),
                None => Vec::new(),
            };
            fill_rows(out.view_mut(), &|first, mut block| {
                let Some(o) = block.as_slice_mut() else {
                    return;
                };
                for (i, maxima) in o.chunks_exact_mut(per).enumerate() {
                    let sample = xs.get((first + i) * d..(first + i + 1) * d);
                    let places = places.get(first + i).and_then(|p| p.lock().ok());
                    if let (Some(sample), Some(mut places)) = (sample, places) {
                        self.sample_maxima(sample, maxima, &mut places);
                    }
                }
            });
        }
        let cache = PoolCache {
            arg_max,
            n,
            arg_step: None,
        };
        (out, cache)
    }

    /// The output of [`Pooling::forward_fast`] alone (prediction): where each maximum sat is
    /// written into a scratch row and dropped.
    fn maxima(&self, x: ArrayView2<'_, f64>) -> Matrix {
        let (n, per) = (x.nrows(), self.out_image().len());
        let x = x.as_standard_layout();
        let d = self.input.len();
        let Some(xs) = x.as_slice().filter(|_| per > 0 && d > 0) else {
            return Matrix::zeros((n, per));
        };
        // every cell is written: each window's maximum
        let mut out = pool::uninit(n, per);
        fill_rows(out.view_mut(), &|first, mut block| {
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            let mut places = vec![0.0; per];
            for (i, maxima) in o.chunks_exact_mut(per).enumerate() {
                if let Some(sample) = xs.get((first + i) * d..(first + i + 1) * d) {
                    self.sample_maxima(sample, maxima, &mut places);
                }
            }
        });
        out
    }

    /// One sample's window maxima (C·OH·OW, the output's order) and where each sat (k, which is
    /// ky·pool_w + kx, in (p, c) order). A row of windows at a time: each window compares its cells in
    /// (ky, kx) order and keeps the first of equal values, as `np.argmax` does.
    fn sample_maxima(&self, sample: &[f64], maxima: &mut [f64], places: &mut [f64]) {
        if (self.pool_h, self.pool_w, self.stride) == (2, 2, 2) {
            self.sample_maxima_2x2(sample, maxima, places);
            return;
        }
        let (oh, ow) = self.window().out_hw();
        let ImageShape { c: ch, h, w } = self.input;
        let (ph, pw, s) = (self.pool_h, self.pool_w, self.stride);
        let mut best = vec![(0usize, f64::NEG_INFINITY); ow];
        for (c, (channel, out)) in sample
            .chunks_exact((h * w).max(1))
            .zip(maxima.chunks_exact_mut((oh * ow).max(1)))
            .enumerate()
        {
            for (oy, out_row) in out.chunks_exact_mut(ow.max(1)).enumerate() {
                for ky in 0..ph {
                    let Some(line) = channel.get((oy * s + ky) * w..(oy * s + ky + 1) * w) else {
                        continue;
                    };
                    for kx in 0..pw {
                        let k = ky * pw + kx;
                        for (b, &v) in best.iter_mut().zip(line.iter().skip(kx).step_by(s)) {
                            if k == 0 || v > b.1 {
                                *b = (k, v);
                            }
                        }
                    }
                }
                for (ox, (o, &(k, v))) in out_row.iter_mut().zip(&best).enumerate() {
                    *o = v;
                    if let Some(place) = places.get_mut((oy * ow + ox) * ch + c) {
                        *place = k as f64;
                    }
                }
            }
        }
    }

    /// [`Pooling::sample_maxima`] of 2×2 windows with stride 2 (the book's SimpleConvNet's): the
    /// four cells of each window compared in the same order, (0, 0), (0, 1), (1, 0), (1, 1).
    fn sample_maxima_2x2(&self, sample: &[f64], maxima: &mut [f64], places: &mut [f64]) {
        let (oh, ow) = self.window().out_hw();
        let ImageShape { c: ch, h, w } = self.input;
        if oh == 0 || ow == 0 || h * w == 0 {
            return;
        }
        // plain indexing, not iterator adaptors: also quick in an unoptimised build (the tests')
        let plane = oh * ow;
        for c in 0..ch {
            let channel = &sample[c * h * w..(c + 1) * h * w];
            let out = &mut maxima[c * plane..(c + 1) * plane];
            for oy in 0..oh {
                let top = &channel[2 * oy * w..2 * oy * w + 2 * ow];
                let bottom = &channel[(2 * oy + 1) * w..(2 * oy + 1) * w + 2 * ow];
                for ox in 0..ow {
                    let (mut k, mut v) = (0.0, top[2 * ox]);
                    if top[2 * ox + 1] > v {
                        (k, v) = (1.0, top[2 * ox + 1]);
                    }
                    if bottom[2 * ox] > v {
                        (k, v) = (2.0, bottom[2 * ox]);
                    }
                    if bottom[2 * ox + 1] > v {
                        (k, v) = (3.0, bottom[2 * ox + 1]);
                    }
                    out[oy * ow + ox] = v;
                    places[(oy * ow + ox) * ch + c] = k;
                }
            }
        }
    }

    /// Backward when nothing records the steps: each dout added straight into the dx cell where
    /// its window's maximum sat, without dmax and dcol. col2im adds a cell's windows in the
    /// order of dcol's rows and every other term it adds is 0, so dx is the same to the bit.
    fn backward_fast(&self, cache: &PoolCache, dout: &Matrix) -> Matrix {
        let (oh, ow) = self.window().out_hw();
        let ImageShape { c: ch, h, w } = self.input;
        let (pw, s, d) = (self.pool_w.max(1), self.stride, self.input.len());
        let per = ch * oh * ow;
        let dout = dout.as_standard_layout();
        let arg = cache.arg_max.as_standard_layout();
        let (Some(ds), Some(args)) = (dout.as_slice(), arg.as_slice()) else {
            return Matrix::zeros((cache.n, d));
        };
        if per == 0 || d == 0 {
            return Matrix::zeros((cache.n, d));
        }
        if (self.pool_h, pw, s) == (2, 2, 2) && h == 2 * oh && w == 2 * ow {
            return self.backward_2x2(cache.n, ds, args);
        }
        let mut dx = pool::zeros(cache.n, d);
        // where each window starts in a channel, and each of its cells from there
        let starts: Vec<usize> = (0..oh * ow)
            .map(|p| (p / ow.max(1)) * s * w + (p % ow.max(1)) * s)
            .collect();
        let cells: Vec<usize> = (0..self.pool_h * pw)
            .map(|k| (k / pw) * w + k % pw)
            .collect();
        fill_rows(dx.view_mut(), &|first, mut block| {
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            for (i, sample) in o.chunks_exact_mut(d).enumerate() {
                let n = first + i;
                let Some((g, a)) = sample_parts(ds, args, n, per) else {
                    continue;
                };
                // window by window (p = oy·OW + ox), channel by channel within each
                for (p, (places, &start)) in a.chunks_exact(ch).zip(&starts).enumerate() {
                    for (c, &k) in places.iter().enumerate() {
                        let at = c * h * w + start + cells.get(k as usize).copied().unwrap_or(0);
                        if let (Some(cell), Some(&v)) = (sample.get_mut(at), g.get(c * oh * ow + p))
                        {
                            *cell += v;
                        }
                    }
                }
            }
        });
        dx
    }
}

impl Pooling {
    /// [`Pooling::backward_fast`] of 2×2 windows with stride 2 that tile x: every dx cell is
    /// in one window, so each is written once, `0 + dout` where the maximum sat (the sum col2im
    /// makes) and 0 elsewhere.
    fn backward_2x2(&self, n: usize, ds: &[f64], args: &[f64]) -> Matrix {
        let (oh, ow) = self.window().out_hw();
        let ImageShape { c: ch, h, w } = self.input;
        let (per, d) = (ch * oh * ow, self.input.len());
        // every cell is written: the windows tile each channel
        let mut dx = pool::uninit(n, d);
        fill_rows(dx.view_mut(), &|first, mut block| {
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            for (i, sample) in o.chunks_exact_mut(d).enumerate() {
                let n = first + i;
                let Some((g, a)) = sample_parts(ds, args, n, per) else {
                    sample.fill(0.0);
                    continue;
                };
                // plain indexing: also quick in an unoptimised build (the tests')
                for c in 0..ch {
                    let channel = &mut sample[c * h * w..(c + 1) * h * w];
                    for oy in 0..oh {
                        for ox in 0..ow {
                            let p = oy * ow + ox;
                            let (k, v) = (a[p * ch + c], g[c * oh * ow + p]);
                            let top = 2 * oy * w + 2 * ox;
                            let at = |j: f64| if k == j { 0.0 + v } else { 0.0 };
                            channel[top] = at(0.0);
                            channel[top + 1] = at(1.0);
                            channel[top + w] = at(2.0);
                            channel[top + w + 1] = at(3.0);
                        }
                    }
                }
            }
        });
        dx
    }
}

/// Sample `n`'s douts and the places of its windows' maxima (`per` of each), when both are there.
fn sample_parts<'a>(
    ds: &'a [f64],
    args: &'a [f64],
    n: usize,
    per: usize,
) -> Option<(&'a [f64], &'a [f64])> {
    let at = n * per..(n + 1) * per;
    Some((ds.get(at.clone())?, args.get(at)?))
}

/// True when x cell (`row`, `col`) (sample `row`, C·H·W column `col`) is where the maximum of
/// some window sat: `arg_max` (one row per window and channel, (N·OH·OW·C)×1, as
/// [`PoolCache::arg_max`]) points at it. The cells of the mask a pooling layer's backward
/// reads, drawn `■` like ReLU's mask.
pub fn is_window_max(window: &Window, arg_max: &Matrix, row: usize, col: usize) -> bool {
    if col >= window.input.len() {
        return false;
    }
    let size = window.fh * window.fw;
    let (c, y, x) = window.input.chw(col);
    window
        .copies_of(row, c, y, x)
        .into_iter()
        .any(|(r, k)| arg_max.get((r * window.input.c + c, 0)) == Some(&((k % size.max(1)) as f64)))
}

/// `np.argmax` and `np.max` of one row: the first maximum wins a tie.
fn first_max(row: impl Iterator<Item = f64>) -> (usize, f64) {
    let mut best = (0, f64::NEG_INFINITY);
    for (k, v) in row.enumerate() {
        if k == 0 || v > best.1 {
            best = (k, v);
        }
    }
    best
}

impl LayerType for Pooling {
    type Cache = PoolCache;
    const TYPE: &'static str = "pooling";
    const DISPLAY: &'static str = "Pool";
    const NUMBERED: bool = true;
    const FINITE_OUT: bool = true;

    fn check_parameters(&self) -> Result<()> {
        ensure!(
            self.pool_h > 0 && self.pool_w > 0 && self.stride > 0,
            "{}",
            t!("pool-zero")
        );
        Ok(())
    }

    fn set_input_image(&mut self, input: ImageShape) {
        self.input = input;
    }

    fn output_image(&self, input: Option<ImageShape>) -> Result<Option<ImageShape>> {
        let Some(img) = input else {
            anyhow::bail!("{}", t!("pool-needs-image"));
        };
        let win = Window {
            input: img,
            ..self.window()
        };
        ensure!(
            win.out_h().is_some() && win.out_w().is_some(),
            "{}",
            t!(
                "pool-too-small",
                window = format!("{}×{}", self.pool_h, self.pool_w),
                x = img.to_string(),
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

    /// `col = im2col(x)`, one row per window and channel, `arg_max`, `max`, reshape.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, PoolCache)> {
        if !rec.records() {
            return Ok(self.forward_fast(x.view()));
        }
        let win = self.window();
        let n = x.nrows();
        let (oh, ow) = win.out_hw();
        let size = self.pool_h * self.pool_w;
        let col = win.im2col(x);
        rec.record(|| {
            StepDraft::new(Op::Im2col(win), "im2col", "col = im2col(x)")
                .read_image(Kind::Input, "x", x, Some(self.input))
                .writes(COL, "col", &col)
                .numpy("col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)")
                .note(crate::msg!(
                    "conv-im2col-note",
                    x = self.input.batch(n),
                    fh = win.fh,
                    fw = win.fw,
                    stride = win.stride,
                    pad = 0,
                    rows = col.nrows(),
                    cols = col.ncols(),
                    oh = oh,
                    ow = ow
                ))
        });
        let rows = reshape(&col, col.len() / size.max(1), size);
        rec.record(|| {
            StepDraft::new(
                Op::Reshape {
                    rows: rows.nrows(),
                    cols: size,
                },
                "reshape",
                "col = col.reshape(−1, pool_h·pool_w)",
            )
            .read(COL, "col", &col)
            .writes(ROWS, "col_rows", &rows)
            .numpy("col = col.reshape(-1, self.pool_h*self.pool_w)")
            .note(crate::msg!(
                "pool-rows-note",
                rows = rows.nrows(),
                cols = size
            ))
        });
        let (arg_max, max) = self.max_rows(&rows);
        let arg_step = rec.record(|| {
            StepDraft::new(Op::RowArgMax, "arg_max", "arg_max = argmaxₖ col[r,k]")
                .read(ROWS, "col_rows", &rows)
                .writes(ARG, "arg_max", &arg_max)
                .numpy("arg_max = np.argmax(col, axis=1)")
                .note(crate::msg!("pool-argmax-note"))
        });
        rec.record(|| {
            StepDraft::new(Op::RowMax, "max", "out = maxₖ col[r,k]")
                .read(ROWS, "col_rows", &rows)
                .writes(MAX, "max", &max)
                .numpy("out = np.max(col, axis=1)")
                .note(crate::msg!("pool-max-note", rows = max.nrows()))
        });
        let out_image = self.out_image();
        let out = to_image(&max, n, oh * ow);
        rec.record(|| {
            StepDraft::new(
                Op::ToImage {
                    plane: oh * ow,
                    channels: self.input.c,
                },
                "reshape",
                "out = out.reshape(N, OH, OW, C).transpose(0, 3, 1, 2)",
            )
            .read(MAX, "max", &max)
            .writes_image(Kind::Output, "out", &out, Some(out_image))
            .numpy("out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)")
            .note(crate::msg!("conv-to-image-note", out = out_image.batch(n)))
        });
        Ok((
            out,
            PoolCache {
                arg_max,
                n,
                arg_step,
            },
        ))
    }

    /// dout to one value per window and channel, `dmax` at the argmax, col2im.
    fn backward<R: Recorder>(
        &self,
        cache: &PoolCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        let win = self.window();
        let out_image = self.out_image();
        let plane = out_image.plane();
        let size = self.pool_h * self.pool_w;
        ensure_dout(dout, (cache.n, out_image.len()), "dout")?;
        if !rec.records() {
            return Ok((self.backward_fast(cache, dout), Vec::new()));
        }
        let d2 = from_image(dout, plane);
        rec.record(|| {
            StepDraft::new(
                Op::FromImage { plane },
                "dout → 2-D",
                "dout = dout.transpose(0, 2, 3, 1)",
            )
            .read_image(Kind::Dout, "dout", dout, Some(out_image))
            .writes(DOUT2D, "dout2d", &d2)
            .numpy("dout = dout.transpose(0, 2, 3, 1)")
            .note(crate::msg!(
                "pool-dout-note",
                rows = d2.nrows(),
                cols = d2.ncols()
            ))
        });
        let r = cache.arg_max.nrows();
        let mut dmax = Matrix::zeros((r, size));
        for (i, &k) in cache.arg_max.iter().enumerate() {
            let (a, b) = (i / d2.ncols().max(1), i % d2.ncols().max(1));
            if let (Some(cell), Some(&v)) = (dmax.get_mut((i, k as usize)), d2.get((a, b))) {
                *cell = v;
            }
        }
        rec.record(|| {
            StepDraft::new(
                Op::ScatterArgMax,
                "dmax",
                "dmax[r, arg_max[r]] = dout[r]",
            )
            .read(DOUT2D, "dout2d", &d2)
            .cached(ARG, "arg_max", &cache.arg_max, cache.arg_step)
            .writes(DMAX, "dmax", &dmax)
            .numpy("dmax = np.zeros((dout.size, pool_size)); dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()")
            .note(crate::msg!("pool-dmax-note", rows = r, cols = size))
        });
        let dcol = reshape(&dmax, cache.n * plane, win.window_len());
        rec.record(|| {
            StepDraft::new(
                Op::Reshape {
                    rows: dcol.nrows(),
                    cols: dcol.ncols(),
                },
                "reshape",
                "dcol = dmax.reshape(N·OH·OW, −1)",
            )
            .read(DMAX, "dmax", &dmax)
            .writes(DCOL, "dcol", &dcol)
            .numpy("dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)")
            .note(crate::msg!(
                "pool-dcol-note",
                rows = dcol.nrows(),
                cols = dcol.ncols()
            ))
        });
        let dx = win.col2im(&dcol, cache.n);
        rec.record(|| {
            StepDraft::new(Op::Col2im(win), "col2im", "dx = col2im(dcol)")
                .read(DCOL, "dcol", &dcol)
                .writes_image(Kind::Dx, "dx", &dx, Some(self.input))
                .numpy("dx = col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)")
                .note(crate::msg!("pool-col2im-note", x = self.input.batch(cache.n)))
        });
        Ok((dx, Vec::new()))
    }

    /// The output alone, each window's first maximum.
    fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
        Ok(self.maxima(x))
    }

    fn recycle(cache: PoolCache) {
        pool::give(cache.arg_max);
    }

    /// Taking a maximum rounds nothing.
    fn rounding(&self, _x: &Matrix, _out: &Matrix, _dout: &Matrix, _dx: &Matrix) -> f64 {
        0.0
    }

    fn jacobian(&self, _input: (usize, usize), _output: (usize, usize)) -> String {
        t!(
            "pool-jacobian",
            window = format!("{}×{}", self.pool_h, self.pool_w)
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{Pooling, is_window_max};
    use crate::engine::Matrix;
    use crate::engine::layer::LayerType;
    use crate::engine::tape::NoRecord;
    use crate::engine::tensor::ImageShape;

    #[test]
    fn the_mask_marks_each_windows_first_maximum() {
        // the `pooling` preset: 2×2 windows, stride 2; the top-left window [1, 3, 3, 0] has a tie
        // and np.argmax takes the first 3, at (0, 1), not the one at (1, 0)
        let mut pool = Pooling::new(2, 2, 2);
        pool.input = ImageShape::new(1, 4, 4);
        let x = Matrix::from_shape_vec(
            (1, 16),
            vec![
                1.0, 3.0, 2.0, 0.0, 3.0, 0.0, 1.0, 4.0, 5.0, 2.0, -1.0, 0.5, 1.0, 6.0, 0.0, -2.0,
            ],
        )
        .unwrap();
        let (_, cache) = pool.forward(&x, None, &mut NoRecord).unwrap();
        let marked: Vec<usize> = (0..16)
            .filter(|&j| is_window_max(&pool.window(), &cache.arg_max, 0, j))
            .collect();
        assert_eq!(marked, vec![1, 7, 11, 13]);
        assert!(!is_window_max(&pool.window(), &cache.arg_max, 0, 16));
    }
}

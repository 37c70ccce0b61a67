//! Convolution → ReLU → max pooling run as one when nothing records the steps (training's path:
//! the book's SimpleConvNet chains them). A few samples at a time, im2col, the product, `+ b`,
//! ReLU and the window maxima are done in the core's cache, so the N×FN×OH×OW output (14 MB at
//! the book's sizes), ReLU's mask and ReLU's output never go through memory. What backward needs
//! of ReLU and pooling fits one byte a pooled cell: which cell of its window held the maximum,
//! and whether ReLU blocked it. Backward then writes the convolution's dout in 2-D,
//! (N·OH·OW)×FN, straight from pooling's dout, where the layers one by one write pooling's dx,
//! ReLU's dx and their transpose.
//!
//! Every number is the layer-by-layer path's to the bit: the same product rows (one product of
//! a few samples' rows at a time, as [`Convolution`]'s own fast path), the same `v + b`, the same
//! `v ≤ 0` test and the same first maximum of each window (`np.argmax`: the first of equal
//! values). Backward's dout cell is `0 + dout` where the maximum sat and ReLU let it through, 0
//! elsewhere — the sum col2im makes when windows do not overlap, which is why only pooling whose
//! windows do not overlap (stride ≥ the window) is run this way.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use ndarray::{ArrayView2, ArrayViewMut2, Axis, Slice};

use super::convolution::{BLOCK_CELLS, COLS, SUMS, with_buffer};
use super::{ConvCache, Convolution, Grad, Layer, Pooling, ensure_dout};
use crate::engine::Matrix;
use crate::engine::linalg::{fill_rows, matmul_into, one_core};
use crate::engine::op::MaskRule;
use crate::engine::operand::Param;
use crate::engine::pool;
use crate::engine::tensor::{ImageShape, Window};

/// A pooled cell's byte: set when ReLU blocked the window's maximum (it is 0, and no gradient
/// reaches the convolution through it). The low bits hold the cell of the window, ky·pool_w + kx.
const BLOCKED: u8 = 0x80;

/// A convolution, the ReLU after it and the max pooling after that, when they can run as one.
#[derive(Debug, Clone, Copy)]
pub struct ConvReluPool<'a> {
    conv: &'a Convolution,
    pool: &'a Pooling,
}

/// What backward needs of the three layers: the convolution's cache (col, col_W) and each
/// pooled cell's byte, (n, q, c) order with q = oy·OW + ox of the pooled output.
#[derive(Debug, Clone)]
pub struct FusedCache {
    conv: ConvCache,
    places: Vec<u8>,
}

impl FusedCache {
    /// Give the big matrices back for reuse.
    pub fn recycle(self) {
        pool::give(self.conv.col);
    }
}

impl<'a> ConvReluPool<'a> {
    /// The three layers as one, when they are Convolution, ReLU and Pooling, in that order, and
    /// the pooling windows do not overlap (stride at least the window; the book's 2×2 stride 2).
    pub fn of(conv: &'a Layer, relu: &'a Layer, pool: &'a Layer) -> Option<Self> {
        let (Layer::Convolution(conv), Layer::Relu(_), Layer::Pooling(pool)) = (conv, relu, pool)
        else {
            return None;
        };
        let fits = pool.stride >= pool.pool_h
            && pool.stride >= pool.pool_w
            && pool.pool_h * pool.pool_w > 0
            && pool.pool_h * pool.pool_w <= usize::from(BLOCKED)
            && pool.input == conv.out_image()
            && !pool.out_image().is_empty()
            && conv.window().window_len() > 0;
        fits.then_some(ConvReluPool { conv, pool })
    }

    /// The shape of one pooled sample, FN×POH×POW.
    fn pooled(&self) -> ImageShape {
        self.pool.out_image()
    }

    /// The convolution's windows and `col_W = Wᵀ`, when `x` has its columns (else the layers
    /// one by one say what is wrong).
    fn fits(&self, x: ArrayView2<'_, f64>) -> Option<(Window, Matrix)> {
        (x.ncols() == self.conv.input.len())
            .then(|| (self.conv.window(), self.conv.w.t().to_owned()))
    }

    /// Forward for backward: the pooled output and the cache, or `None` when some output of
    /// the convolution is not finite (the layers one by one then say which).
    pub fn forward(&self, x: ArrayView2<'_, f64>) -> Option<(Matrix, FusedCache)> {
        let (win, col_w) = self.fits(x)?;
        let n = x.nrows();
        let (plane, k, per) = (win.positions(), win.window_len(), self.pooled().len());
        let x = x.as_standard_layout();
        // every cell of col, the output and the places is written below
        let mut col = pool::uninit(n, plane * k);
        let mut out = pool::uninit(n, per);
        let mut places = vec![0u8; n * per];
        let finite = AtomicBool::new(true);
        {
            let outs: Vec<Mutex<&mut [f64]>> = match out.as_slice_mut() {
                Some(o) => o.chunks_exact_mut(per).map(Mutex::new).collect(),
                None => return None,
            };
            let spots: Vec<Mutex<&mut [u8]>> =
                places.chunks_exact_mut(per).map(Mutex::new).collect();
            // shared between the cores by samples: each writes its samples' col rows
            fill_rows(col.view_mut(), &|first, mut block| {
                let rows = block.nrows();
                let Some(cols) = block.as_slice_mut() else {
                    return;
                };
                let cols = RefCell::new(cols);
                let product = |s: usize, count: usize, sums: ArrayViewMut2<'_, f64>| {
                    let mut cols = cols.borrow_mut();
                    let at = (s - first) * plane * k..(s - first + count) * plane * k;
                    let Some(Ok(mut c)) = cols
                        .get_mut(at)
                        .map(|c| ArrayViewMut2::from_shape((count * plane, k), c))
                    else {
                        return;
                    };
                    win.im2col_to(
                        x.slice_axis(Axis(0), Slice::from(s..s + count)),
                        c.view_mut(),
                    );
                    matmul_into(c.view(), col_w.view(), sums);
                };
                let sample = |s: usize, sums: &[f64]| {
                    let (Some(o), Some(p)) = (outs.get(s), spots.get(s)) else {
                        return;
                    };
                    let (Ok(mut o), Ok(mut p)) = (o.lock(), p.lock()) else {
                        return;
                    };
                    if !self.pool_sample(sums, &mut o, Some(&mut p)) {
                        finite.store(false, Ordering::Relaxed);
                    }
                };
                one_core(|| self.blocks(first, rows, &product, &sample));
            });
        }
        if !finite.load(Ordering::Relaxed) {
            pool::give(col);
            pool::give(out);
            return None;
        }
        let col = col
            .into_shape_with_order((n * plane, k))
            .unwrap_or_else(|_| Matrix::zeros((n * plane, k)));
        let conv = ConvCache {
            col,
            col_w,
            n,
            col_step: None,
            col_w_step: None,
        };
        Some((out, FusedCache { conv, places }))
    }

    /// The pooled output alone (prediction, the loss after an update), or `None` when some
    /// output of the convolution is not finite.
    pub fn infer(&self, x: ArrayView2<'_, f64>) -> Option<Matrix> {
        let (win, col_w) = self.fits(x)?;
        let n = x.nrows();
        let (plane, k, per) = (win.positions(), win.window_len(), self.pooled().len());
        let x = x.as_standard_layout();
        // every cell is written: each sample's pooled cells
        let mut out = pool::uninit(n, per);
        let finite = AtomicBool::new(true);
        fill_rows(out.view_mut(), &|first, mut block| {
            let rows = block.nrows();
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            let o = RefCell::new(o);
            let product = |s: usize, count: usize, sums: ArrayViewMut2<'_, f64>| {
                let samples = x.slice_axis(Axis(0), Slice::from(s..s + count));
                with_buffer(&COLS, count * plane * k, |buf| {
                    if let Ok(mut c) = ArrayViewMut2::from_shape((count * plane, k), buf) {
                        win.im2col_to(samples, c.view_mut());
                        matmul_into(c.view(), col_w.view(), sums);
                    }
                });
            };
            let sample = |s: usize, sums: &[f64]| {
                let mut o = o.borrow_mut();
                let Some(dst) = o.get_mut((s - first) * per..(s - first + 1) * per) else {
                    return;
                };
                if !self.pool_sample(sums, dst, None) {
                    finite.store(false, Ordering::Relaxed);
                }
            };
            one_core(|| self.blocks(first, rows, &product, &sample));
        });
        if finite.load(Ordering::Relaxed) {
            Some(out)
        } else {
            pool::give(out);
            None
        }
    }

    /// Samples `first..first + rows` a few at a time (the product's rows within
    /// [`BLOCK_CELLS`], as [`Convolution`]'s fast path): `product(s, count, sums)` writes the
    /// rows of `col·col_W` of samples `s..s + count` into `sums`, then `sample(s, sums)` is
    /// given each sample's rows (OH·OW × FN).
    fn blocks(
        &self,
        first: usize,
        rows: usize,
        product: &dyn Fn(usize, usize, ArrayViewMut2<'_, f64>),
        sample: &dyn Fn(usize, &[f64]),
    ) {
        let (fnum, plane) = (self.conv.filters(), self.conv.window().positions());
        let d = fnum * plane;
        if d == 0 {
            return;
        }
        let step = (BLOCK_CELLS / d).max(1);
        for s in (first..first + rows).step_by(step) {
            let count = step.min(first + rows - s);
            with_buffer(&SUMS, count * d, |buf| {
                if let Ok(sums) = ArrayViewMut2::from_shape((count * plane, fnum), &mut *buf) {
                    product(s, count, sums);
                }
                for (j, sums) in buf.chunks_exact(d).enumerate() {
                    sample(s + j, sums);
                }
            });
        }
    }

    /// One sample's pooled cells (FN×POH×POW, the output's order) from its product rows `sums`
    /// (OH·OW × FN): each window's first maximum of `ReLU(v + b)`, and with `places` where it
    /// sat. False when some `v + b` is not finite.
    fn pool_sample(&self, sums: &[f64], out: &mut [f64], mut places: Option<&mut [u8]>) -> bool {
        let fnum = self.conv.filters();
        let b = self.conv.b.as_standard_layout();
        let Some(b) = b.as_slice() else {
            return false;
        };
        // plain indexing: also quick in an unoptimised build (the tests')
        let mut lanes = vec![0.0; fnum];
        for row in sums.chunks_exact(fnum) {
            for f in 0..fnum {
                lanes[f] += (row[f] + b[f]) * 0.0;
            }
        }
        if !lanes.iter().all(|v| v.is_finite()) {
            return false;
        }
        let (_, ow) = self.conv.window().out_hw();
        let pooled = self.pooled();
        let (ph, pw, s) = (self.pool.pool_h, self.pool.pool_w, self.pool.stride);
        let pplane = pooled.plane();
        let (mut best, mut at) = (vec![0.0; fnum], vec![0u8; fnum]);
        for py in 0..pooled.h {
            for px in 0..pooled.w {
                let q = py * pooled.w + px;
                for ky in 0..ph {
                    for kx in 0..pw {
                        let k = ky * pw + kx;
                        let p = (py * s + ky) * ow + px * s + kx;
                        let row = &sums[p * fnum..(p + 1) * fnum];
                        for f in 0..fnum {
                            let v = row[f] + b[f];
                            let r = if MaskRule::AtMostZero.test(v) { 0.0 } else { v };
                            if k == 0 || r > best[f] {
                                best[f] = r;
                                at[f] = k as u8;
                            }
                        }
                    }
                }
                for f in 0..fnum {
                    out[f * pplane + q] = best[f];
                }
                if let Some(places) = places.as_deref_mut() {
                    let spots = &mut places[q * fnum..(q + 1) * fnum];
                    for f in 0..fnum {
                        // ReLU blocked the maximum exactly when it is ReLU's 0
                        spots[f] = if best[f] == 0.0 {
                            at[f] | BLOCKED
                        } else {
                            at[f]
                        };
                    }
                }
            }
        }
        true
    }

    /// The convolution's dout in 2-D, (N·OH·OW)×FN, from pooling's `dout` (N×FN×POH×POW):
    /// `0 + dout` where a window's maximum sat and ReLU let it through, 0 elsewhere.
    fn dout_2d(&self, cache: &FusedCache, dout: &Matrix) -> Matrix {
        let n = cache.conv.n;
        let fnum = self.conv.filters();
        let plane = self.conv.window().positions();
        let (_, ow) = self.conv.window().out_hw();
        let pooled = self.pooled();
        let (per, pplane) = (pooled.len(), pooled.plane());
        let (pw, s) = (self.pool.pool_w, self.pool.stride);
        let dout = dout.as_standard_layout();
        // every cell is written: zeros, then the maxima's
        let mut d2 = pool::uninit(n, plane * fnum);
        let Some(ds) = dout.as_slice() else {
            d2.fill(0.0);
            return d2
                .into_shape_with_order((n * plane, fnum))
                .unwrap_or_default();
        };
        fill_rows(d2.view_mut(), &|first, mut block| {
            let Some(o) = block.as_slice_mut() else {
                return;
            };
            // a sample at a time, zeros then the maxima's, while its 2-D dout is in the cache
            for (i, sample) in o.chunks_exact_mut(plane * fnum).enumerate() {
                sample.fill(0.0);
                let at = (first + i) * per..(first + i + 1) * per;
                let (Some(g), Some(spots)) = (ds.get(at.clone()), cache.places.get(at)) else {
                    continue;
                };
                // plain indexing: also quick in an unoptimised build (the tests')
                for py in 0..pooled.h {
                    for px in 0..pooled.w {
                        let q = py * pooled.w + px;
                        for f in 0..fnum {
                            let spot = spots[q * fnum + f];
                            if spot & BLOCKED != 0 {
                                continue;
                            }
                            let k = usize::from(spot);
                            let p = (py * s + k / pw) * ow + px * s + k % pw;
                            sample[p * fnum + f] = 0.0 + g[f * pplane + q];
                        }
                    }
                }
            }
        });
        d2.into_shape_with_order((n * plane, fnum))
            .unwrap_or_default()
    }

    /// Backward from pooling's `dout`: the convolution's dx (with `dx`, else empty) and its
    /// gradients, dW and db.
    pub fn backward(
        &self,
        cache: &FusedCache,
        dout: &Matrix,
        dx: bool,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, (cache.conv.n, self.pooled().len()), "dout")?;
        let d2 = self.dout_2d(cache, dout);
        let (dx, mut grads) = self.conv.backward_2d(&cache.conv, d2, dx);
        for g in &mut grads {
            g.vector = g.param == Param::Bias;
        }
        Ok((dx, grads))
    }
}

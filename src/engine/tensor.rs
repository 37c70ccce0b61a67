//! The book's 4-D tensors (N×C×H×W, chapter 7) as backstep keeps them.
//!
//! A tensor stays a 2-D [`Matrix`](super::Matrix) of N rows and C·H·W columns — each sample
//! flattened the way the book's `Affine` flattens it (`x.reshape(x.shape[0], -1)`, C-order) — plus
//! its [`ImageShape`] (C, H, W). So im2col's output is an ordinary matrix and every view,
//! explanation, check and JSON writer that reads matrices keeps working; what draws or writes a
//! tensor in 4-D reads the shape beside it (an [`Operand`](super::Operand)'s `image`, a
//! [`LayerRun`](super::LayerRun)'s `input_image` and `out_image`).
//!
//! Cell (n, c, h, w) of the tensor is cell (n, c·H·W + h·W + w) of the matrix.

use std::fmt;

use ndarray::{ArrayView2, ArrayViewMut2};

use super::Matrix;
use super::linalg::fill_rows;
use super::pool;

/// The shape of one sample of a 4-D tensor: C channels of H×W cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageShape {
    /// Channels.
    pub c: usize,
    /// Height (rows of each channel).
    pub h: usize,
    /// Width (columns of each channel).
    pub w: usize,
}

impl ImageShape {
    /// C channels of H×W.
    pub fn new(c: usize, h: usize, w: usize) -> Self {
        ImageShape { c, h, w }
    }

    /// Cells per sample, C·H·W: the number of columns of the matrix.
    pub fn len(&self) -> usize {
        self.c * self.h * self.w
    }

    /// True when a sample has no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cells per channel, H·W.
    pub fn plane(&self) -> usize {
        self.h * self.w
    }

    /// The matrix column of channel `c`, row `h`, column `w` of a sample.
    pub fn col(&self, c: usize, h: usize, w: usize) -> usize {
        (c * self.h + h) * self.w + w
    }

    /// The (c, h, w) of matrix column `col` (the inverse of [`ImageShape::col`]).
    pub fn chw(&self, col: usize) -> (usize, usize, usize) {
        let w = col % self.w.max(1);
        let rest = col / self.w.max(1);
        (rest / self.h.max(1), rest % self.h.max(1), w)
    }

    /// The matrix cell (row, col) of tensor cell (n, c, h, w).
    pub fn index(&self, n: usize, c: usize, h: usize, w: usize) -> (usize, usize) {
        (n, self.col(c, h, w))
    }

    /// The tensor cell (n, c, h, w) of matrix cell (row, col).
    pub fn cell(&self, row: usize, col: usize) -> (usize, usize, usize, usize) {
        let (c, h, w) = self.chw(col);
        (row, c, h, w)
    }

    /// The four dimensions [N, C, H, W] of a batch of `n` samples.
    pub fn dims(&self, n: usize) -> [usize; 4] {
        [n, self.c, self.h, self.w]
    }

    /// True when a matrix with `cols` columns holds samples of this shape.
    pub fn fits(&self, cols: usize) -> bool {
        self.len() == cols
    }

    /// `N×C×H×W` for a batch of `n` samples.
    pub fn batch(&self, n: usize) -> String {
        format!("{n}×{self}")
    }
}

impl fmt::Display for ImageShape {
    /// `C×H×W`, e.g. `1×28×28`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{}×{}", self.c, self.h, self.w)
    }
}

/// The windows a convolution or a pooling layer slides over its input: the geometry of the
/// book's `im2col` and `col2im` (`common/util.py`).
///
/// `col` has one row per window — (n, oy, ox) in that order, N·OH·OW rows — and one column per
/// cell of a window — (c, ky, kx), C·FH·FW columns. Cell (row, col) of `col` copies x cell
/// (n, c, oy·stride + ky − pad, ox·stride + kx − pad), or is 0 where that falls in the padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// The shape of one input sample.
    pub input: ImageShape,
    /// Window height (FH, `pool_h`).
    pub fh: usize,
    /// Window width (FW, `pool_w`).
    pub fw: usize,
    /// Step between windows.
    pub stride: usize,
    /// Zeros around each channel.
    pub pad: usize,
}

impl Window {
    /// `OH = (H + 2·pad − FH) / stride + 1`, or `None` when the window does not fit (or the
    /// stride is 0).
    pub fn out_h(&self) -> Option<usize> {
        out_size(self.input.h, self.fh, self.stride, self.pad)
    }

    /// `OW = (W + 2·pad − FW) / stride + 1`, or `None` when the window does not fit.
    pub fn out_w(&self) -> Option<usize> {
        out_size(self.input.w, self.fw, self.stride, self.pad)
    }

    /// OH and OW (0 when they do not fit).
    pub fn out_hw(&self) -> (usize, usize) {
        (self.out_h().unwrap_or(0), self.out_w().unwrap_or(0))
    }

    /// Windows per sample, OH·OW.
    pub fn positions(&self) -> usize {
        let (oh, ow) = self.out_hw();
        oh * ow
    }

    /// Cells of one window, C·FH·FW: the columns of `col`.
    pub fn window_len(&self) -> usize {
        self.input.c * self.fh * self.fw
    }

    /// The shape of `col` for `n` samples: (N·OH·OW, C·FH·FW).
    pub fn col_dim(&self, n: usize) -> (usize, usize) {
        (n * self.positions(), self.window_len())
    }

    /// The x cell (n, c, y, x) that `col` cell (`row`, `col`) copies, or `None` when it is a
    /// zero of the padding.
    pub fn source(&self, row: usize, col: usize) -> Option<(usize, usize, usize, usize)> {
        let (oh, ow) = self.out_hw();
        if oh == 0 || ow == 0 || self.fh == 0 || self.fw == 0 {
            return None;
        }
        let (n, p) = (row / (oh * ow), row % (oh * ow));
        let (oy, ox) = (p / ow, p % ow);
        let per = self.fh * self.fw;
        let (c, k) = (col / per, col % per);
        let (ky, kx) = (k / self.fw, k % self.fw);
        let y = (oy * self.stride + ky).checked_sub(self.pad)?;
        let x = (ox * self.stride + kx).checked_sub(self.pad)?;
        (y < self.input.h && x < self.input.w && c < self.input.c).then_some((n, c, y, x))
    }

    /// Where window `row` of `col` lies on x: its sample n and the (y, x) of its top-left cell
    /// (negative where the window starts in the padding); `None` past the last window.
    pub fn corner(&self, row: usize) -> Option<(usize, isize, isize)> {
        let (oh, ow) = self.out_hw();
        let per = oh * ow;
        if per == 0 {
            return None;
        }
        let (n, p) = (row / per, row % per);
        let (oy, ox) = (p / ow, p % ow);
        let at = |o: usize| (o * self.stride) as isize - self.pad as isize;
        Some((n, at(oy), at(ox)))
    }

    /// Every `col` cell (row, col) that copies x cell (n, c, y, x), window by window.
    pub fn copies_of(&self, n: usize, c: usize, y: usize, x: usize) -> Vec<(usize, usize)> {
        let (oh, ow) = self.out_hw();
        let mut out = Vec::new();
        for oy in 0..oh {
            let Some(ky) = (y + self.pad).checked_sub(oy * self.stride) else {
                continue;
            };
            if ky >= self.fh {
                continue;
            }
            for ox in 0..ow {
                let Some(kx) = (x + self.pad).checked_sub(ox * self.stride) else {
                    continue;
                };
                if kx < self.fw {
                    let row = (n * oh + oy) * ow + ox;
                    out.push((row, (c * self.fh + ky) * self.fw + kx));
                }
            }
        }
        out
    }

    /// The book's `im2col(x, FH, FW, stride, pad)`: x (N×C·H·W) to `col` (N·OH·OW × C·FH·FW).
    pub fn im2col(&self, x: &Matrix) -> Matrix {
        self.im2col_view(x.view())
    }

    /// [`Window::im2col`] of a view (a block of rows read in place).
    pub fn im2col_view(&self, x: ArrayView2<'_, f64>) -> Matrix {
        let (rows, cols) = self.col_dim(x.nrows());
        let mut col = pool::uninit(rows, cols);
        self.im2col_to(x, col.view_mut());
        col
    }

    /// [`Window::im2col`] into a buffer of the right shape (every cell is written).
    pub fn im2col_into(&self, x: &Matrix, col: &mut Matrix) {
        self.im2col_to(x.view(), col.view_mut());
    }

    /// [`Window::im2col`] of a view into a row-major view of the right shape (every cell is
    /// written): each row copied from its window; inside a team the rows are shared between the
    /// cores ([`fill_rows`]).
    pub fn im2col_to(&self, x: ArrayView2<'_, f64>, mut col: ArrayViewMut2<'_, f64>) {
        let x = x.as_standard_layout();
        let (per, k, d) = (self.positions(), self.window_len(), self.input.len());
        let Some(xs) = x.as_slice() else { return };
        if per == 0 || k == 0 {
            return;
        }
        if d == 0 {
            col.fill(0.0);
            return;
        }
        fill_rows(col, &|first, mut block| {
            let Some(out) = block.as_slice_mut() else {
                return;
            };
            for (i, row) in out.chunks_exact_mut(k).enumerate() {
                let (n, p) = ((first + i) / per, (first + i) % per);
                match xs.get(n * d..(n + 1) * d) {
                    Some(sample) => self.copy_window(sample, p, row),
                    None => row.fill(0.0),
                }
            }
        });
    }

    /// Row `p` of one sample's col: the cells of window `p` of `sample` (C·H·W values), in
    /// (c, ky, kx) order, 0 where the window lies on the padding.
    fn copy_window(&self, sample: &[f64], p: usize, row: &mut [f64]) {
        let ow = self.out_w().unwrap_or(0).max(1);
        let (oy, ox) = (p / ow, p % ow);
        let ImageShape { c: ch, h, w } = self.input;
        let (fh, fw, s, pad) = (self.fh, self.fw, self.stride, self.pad);
        let left = ox * s;
        let inside = left >= pad && left - pad + fw <= w;
        let mut lines = row.chunks_exact_mut(fw.max(1));
        for c in 0..ch {
            for ky in 0..fh {
                let Some(line) = lines.next() else { return };
                let y = (oy * s + ky).wrapping_sub(pad);
                let src = if y < h {
                    sample.get((c * h + y) * w..(c * h + y + 1) * w)
                } else {
                    None
                };
                let Some(src) = src else {
                    line.fill(0.0);
                    continue;
                };
                if inside {
                    line.copy_from_slice(&src[left - pad..left - pad + fw]);
                } else {
                    for (kx, v) in line.iter_mut().enumerate() {
                        let xx = (left + kx).wrapping_sub(pad);
                        *v = src.get(xx).copied().unwrap_or(0.0);
                    }
                }
            }
        }
    }

    /// The book's `col2im(dcol, x.shape, FH, FW, stride, pad)`: each cell of `dcol` added back
    /// into the x cell it was copied from (padding dropped): an `n`×C·H·W matrix. Each x cell
    /// adds its copies window by window, in the order of `dcol`'s rows, as the book's loop does.
    pub fn col2im(&self, dcol: &Matrix, n: usize) -> Matrix {
        let mut dx = pool::zeros(n, self.input.len());
        let dcol = dcol.as_standard_layout();
        let (per, k, d) = (self.positions(), self.window_len(), self.input.len());
        let Some(cs) = dcol.as_slice() else {
            return dx;
        };
        if per == 0 || k == 0 || d == 0 {
            return dx;
        }
        fill_rows(dx.view_mut(), &|first, mut block| {
            let Some(out) = block.as_slice_mut() else {
                return;
            };
            for (i, xs) in out.chunks_exact_mut(d).enumerate() {
                let n = first + i;
                let Some(rows) = cs.get(n * per * k..(n + 1) * per * k) else {
                    continue;
                };
                for (p, row) in rows.chunks_exact(k).enumerate() {
                    self.add_window(row, p, xs);
                }
            }
        });
        dx
    }

    /// Adds row `p` of one sample's dcol into the cells of window `p` of `sample`.
    fn add_window(&self, row: &[f64], p: usize, sample: &mut [f64]) {
        let ow = self.out_w().unwrap_or(0).max(1);
        let (oy, ox) = (p / ow, p % ow);
        let ImageShape { c: ch, h, w } = self.input;
        let (fh, fw, s, pad) = (self.fh, self.fw, self.stride, self.pad);
        let left = ox * s;
        let inside = left >= pad && left - pad + fw <= w;
        let mut lines = row.chunks_exact(fw.max(1));
        for c in 0..ch {
            for ky in 0..fh {
                let Some(line) = lines.next() else { return };
                let y = (oy * s + ky).wrapping_sub(pad);
                if y >= h {
                    continue;
                }
                let Some(dst) = sample.get_mut((c * h + y) * w..(c * h + y + 1) * w) else {
                    continue;
                };
                if inside {
                    for (d, v) in dst[left - pad..left - pad + fw].iter_mut().zip(line) {
                        *d += v;
                    }
                } else {
                    for (kx, v) in line.iter().enumerate() {
                        let xx = (left + kx).wrapping_sub(pad);
                        if let Some(d) = dst.get_mut(xx) {
                            *d += v;
                        }
                    }
                }
            }
        }
    }
}

/// `(size + 2·pad − filter) / stride + 1`, or `None` when the filter does not fit.
pub fn out_size(size: usize, filter: usize, stride: usize, pad: usize) -> Option<usize> {
    if stride == 0 || filter == 0 {
        return None;
    }
    (size + 2 * pad)
        .checked_sub(filter)
        .map(|room| room / stride + 1)
}

/// The book's `x.reshape(N, a, b, K).transpose(0, 3, 1, 2)` on a matrix holding N·P·K values
/// in the order (n, p, k): the N×(K·P) tensor whose cell (n, k·P + p) is value (n·P + p)·K + k.
/// The value order is row by row, so `src` may be (N·P)×K or (N·P·K)×1.
pub fn to_image(src: &Matrix, n: usize, plane: usize) -> Matrix {
    image_of(src.view(), n, plane, None)
}

/// [`to_image`] of `src + b` (b: 1×K, added to each row of an (N·P)×K `src`) in one pass: the
/// same sums as adding first, without the (N·P)×K matrix of them (Convolution's `out = col·col_W
/// + b` followed by its reshape, when nothing records the steps between).
pub fn to_image_plus(src: ArrayView2<'_, f64>, b: &Matrix, n: usize, plane: usize) -> Matrix {
    image_of(src, n, plane, Some(b))
}

fn image_of(src: ArrayView2<'_, f64>, n: usize, plane: usize, bias: Option<&Matrix>) -> Matrix {
    let k = src.len().checked_div(n * plane).unwrap_or(0);
    // every cell is written below: n·plane·k ≤ src.len()
    let mut out = pool::uninit(n, k * plane);
    let src = src.as_standard_layout();
    let bias = bias.map(|b| b.as_standard_layout());
    let b = bias.as_ref().and_then(|b| b.as_slice());
    let (Some(s), d) = (src.as_slice(), k * plane) else {
        return out;
    };
    if d == 0 {
        return out;
    }
    fill_rows(out.view_mut(), &|first, mut block| {
        let Some(o) = block.as_slice_mut() else {
            return;
        };
        for (i, dst) in o.chunks_exact_mut(d).enumerate() {
            let Some(from) = s.get((first + i) * d..(first + i + 1) * d) else {
                continue;
            };
            sample_to_image(from, dst, k, plane, b);
        }
    });
    out
}

/// Positions a block of [`sample_to_image`] and [`from_image`] takes at a time: the block's
/// rows of the source (64 × K values) stay in the first-level cache while each of its K
/// channels is written 64 values at a time.
const BLOCK: usize = 64;

/// One sample of [`to_image`] (of [`to_image_plus`] with `b`): `dst[kk·P + p] = from[p·K + kk]
/// (+ b[kk])`, from its P×K values to its K×P cells, a block of positions at a time (each sum is
/// the same `v + b`).
pub fn sample_to_image(from: &[f64], dst: &mut [f64], k: usize, plane: usize, b: Option<&[f64]>) {
    // plain indexing, not iterator adaptors: also quick in an unoptimised build (the tests')
    for p0 in (0..plane).step_by(BLOCK) {
        let p1 = (p0 + BLOCK).min(plane);
        for kk in 0..k {
            let bk = b.and_then(|b| b.get(kk).copied());
            let out = &mut dst[kk * plane + p0..kk * plane + p1];
            let mut at = p0 * k + kk;
            match bk {
                Some(bk) => {
                    for o in out {
                        *o = from[at] + bk;
                        at += k;
                    }
                }
                None => {
                    for o in out {
                        *o = from[at];
                        at += k;
                    }
                }
            }
        }
    }
}

/// The inverse of [`to_image`], the book's `dout.transpose(0, 2, 3, 1).reshape(-1, K)`: from an
/// N×(K·P) tensor, the (N·P)×K matrix whose cell (n·P + p, k) is tensor cell (n, k·P + p).
pub fn from_image(src: &Matrix, plane: usize) -> Matrix {
    let k = src.ncols().checked_div(plane).unwrap_or(0);
    // every cell is written below
    let mut out = pool::uninit(src.nrows() * plane, k);
    let src = src.as_standard_layout();
    let (Some(s), d) = (src.as_slice(), src.ncols()) else {
        return out;
    };
    if k == 0 {
        return out;
    }
    fill_rows(out.view_mut(), &|first, mut block| {
        let Some(o) = block.as_slice_mut() else {
            return;
        };
        // blocks of rows within one sample: each channel's stretch of the block is read once
        let mut r = 0;
        let rows = o.len() / k;
        while r < rows {
            let (n, p0) = ((first + r) / plane, (first + r) % plane);
            let p1 = (p0 + BLOCK).min(plane).min(p0 + rows - r);
            let Some(sample) = s.get(n * d..(n + 1) * d) else {
                break;
            };
            let block = &mut o[r * k..(r + p1 - p0) * k];
            // plain indexing: also quick in an unoptimised build (the tests')
            for kk in 0..k {
                let channel = &sample[kk * plane + p0..kk * plane + p1];
                for (j, &v) in channel.iter().enumerate() {
                    block[j * k + kk] = v;
                }
            }
            r += p1 - p0;
        }
    });
    out
}

/// The column sums of `m` as a 1×K row, each added row by row from 0 — the numbers
/// `m.sum_axis(Axis(0))` gives for a row-major matrix (the book's `np.sum(dout, axis=0)`), in
/// one pass over the rows instead of one array operation per row.
#[allow(clippy::needless_range_loop)] // indexing: quick unoptimised too
pub fn column_sums(m: &Matrix) -> Matrix {
    let k = m.ncols();
    let mut sums = Matrix::zeros((1, k));
    match (m.as_slice(), sums.as_slice_mut()) {
        // plain indexing over slices: also quick in an unoptimised build (the tests')
        (Some(values), Some(s)) if k > 0 => {
            for row in values.chunks_exact(k) {
                for j in 0..k {
                    s[j] += row[j];
                }
            }
        }
        _ => {
            for row in m.rows() {
                for (s, &v) in sums.iter_mut().zip(row) {
                    *s += v;
                }
            }
        }
    }
    sums
}

/// NumPy's `reshape` of a matrix to `rows`×`cols` (the same values in the same order).
pub fn reshape(src: &Matrix, rows: usize, cols: usize) -> Matrix {
    let values: Vec<f64> = src.iter().copied().collect();
    Matrix::from_shape_vec((rows, cols), values).unwrap_or_else(|_| Matrix::zeros((0, 0)))
}

#[cfg(test)]
mod tests {
    use super::{ImageShape, Matrix, Window, from_image, to_image};

    #[test]
    fn im2col_gives_the_books_shapes() {
        // "im2col of a 1×3×7×7 input with 5×5 filters is (9, 75); of ten such inputs (90, 75)"
        let w = Window {
            input: ImageShape::new(3, 7, 7),
            fh: 5,
            fw: 5,
            stride: 1,
            pad: 0,
        };
        assert_eq!(w.im2col(&Matrix::zeros((1, 147))).dim(), (9, 75));
        assert_eq!(w.im2col(&Matrix::zeros((10, 147))).dim(), (90, 75));
    }

    #[test]
    fn every_col_cell_copies_its_source_and_col2im_adds_them_back() {
        let w = Window {
            input: ImageShape::new(2, 4, 5),
            fh: 3,
            fw: 2,
            stride: 2,
            pad: 1,
        };
        let x = Matrix::from_shape_fn((2, 40), |(r, c)| (r * 40 + c) as f64 + 1.0);
        let col = w.im2col(&x);
        assert_eq!(col.dim(), (2 * 2 * 3, 12));
        let mut counts = Matrix::zeros((2, 40));
        for ((r, c), v) in col.indexed_iter() {
            match w.source(r, c) {
                Some((n, ch, y, xx)) => {
                    let j = w.input.col(ch, y, xx);
                    assert_eq!(*v, x[[n, j]]);
                    counts[[n, j]] += 1.0;
                    assert!(w.copies_of(n, ch, y, xx).contains(&(r, c)));
                }
                None => assert_eq!(*v, 0.0),
            }
        }
        // 2×3 windows a sample; window 4 is sample 0's second row of windows, second column:
        // from image row 2·1 − 1 and column 2·1 − 1; window 0 starts in the padding, at −1
        assert_eq!(w.corner(4), Some((0, 1, 1)));
        assert_eq!(w.corner(5), Some((0, 1, 3)));
        assert_eq!(w.corner(0), Some((0, -1, -1)));
        assert_eq!(w.corner(6), Some((1, -1, -1)));
        for r in 0..col.nrows() {
            assert!(w.corner(r).is_some());
            let (n, y0, x0) = w.corner(r).unwrap_or_default();
            for c in 0..col.ncols() {
                if let Some((sn, _, y, xx)) = w.source(r, c) {
                    assert_eq!(sn, n);
                    assert!((y0..y0 + 3).contains(&(y as isize)));
                    assert!((x0..x0 + 2).contains(&(xx as isize)));
                }
            }
        }
        // col2im of all ones counts how many windows cover each cell
        let ones = Matrix::ones(col.dim());
        assert_eq!(w.col2im(&ones, 2), counts);
        for ((n, j), v) in counts.indexed_iter() {
            let (ch, y, xx) = w.input.chw(j);
            assert_eq!(w.copies_of(n, ch, y, xx).len() as f64, *v);
        }
    }

    #[test]
    fn column_sums_are_sum_axis_to_the_bit_and_to_image_plus_adds_b_first() {
        use ndarray::Axis;
        let mut rng = crate::engine::rng::SplitMix64(5);
        for (rows, cols) in [(1, 1), (1, 4), (7, 1), (57, 30), (300, 3)] {
            let m = Matrix::from_shape_simple_fn((rows, cols), || rng.normal() * 1e3);
            let want = m.sum_axis(Axis(0)).insert_axis(Axis(0));
            let got = super::column_sums(&m);
            assert_eq!(got.dim(), want.dim());
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g.to_bits(), w.to_bits(), "{rows}×{cols}");
            }
        }
        // (N·P)×K with N = 2, P = 3, K = 2, and a bias per column
        let src = Matrix::from_shape_fn((6, 2), |(r, c)| (r * 2 + c) as f64 * 0.1);
        let b = ndarray::array![[0.3, -0.7]];
        assert_eq!(
            super::to_image_plus(src.view(), &b, 2, 3),
            to_image(&(&src + &b), 2, 3)
        );
    }

    #[test]
    fn to_image_and_from_image_are_the_books_transposes() {
        // out (N·P)×K with N = 2, P = 3, K = 2 → N×(K·P)
        let src = Matrix::from_shape_fn((6, 2), |(r, c)| (r * 2 + c) as f64);
        let img = to_image(&src, 2, 3);
        assert_eq!(img.dim(), (2, 6));
        // cell (n=1, k=1, p=2) = src[(1·3 + 2), 1]
        assert_eq!(img[[1, 3 + 2]], src[[5, 1]]);
        assert_eq!(from_image(&img, 3), src);
        // a column of N·P·K values reads in the same order
        let flat = super::reshape(&src, 12, 1);
        assert_eq!(to_image(&flat, 2, 3), img);
    }

    #[test]
    fn a_cell_is_where_numpy_reshape_puts_it() {
        // np.arange(2*3*4*5).reshape(2, 3, 4, 5)[1, 2, 3, 4] sits at row 1, column 2*20 + 3*5 + 4
        let s = ImageShape::new(3, 4, 5);
        assert_eq!(s.len(), 60);
        assert_eq!(s.plane(), 20);
        assert_eq!(s.index(1, 2, 3, 4), (1, 59));
        assert_eq!(s.index(0, 1, 0, 2), (0, 22));
        for col in 0..s.len() {
            let (c, h, w) = s.chw(col);
            assert!(c < 3 && h < 4 && w < 5);
            assert_eq!(s.col(c, h, w), col);
        }
        assert_eq!(s.cell(1, 22), (1, 1, 0, 2));
        assert_eq!(s.dims(2), [2, 3, 4, 5]);
        assert!(s.fits(60) && !s.fits(59));
    }

    #[test]
    fn the_shape_shows_as_c_by_h_by_w() {
        let s = ImageShape::new(1, 28, 28);
        assert_eq!(s.to_string(), "1×28×28");
        assert_eq!(s.batch(100), "100×1×28×28");
        assert!(!s.is_empty() && ImageShape::new(0, 2, 2).is_empty());
    }
}

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

#[cfg(test)]
mod tests {
    use super::ImageShape;

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

//! Memory reused between the passes of training: the big matrices of a pass without a tape (a
//! convolution's col and output, ReLU's mask, pooling's dx…) are taken from this thread's free
//! list and given back when the pass is done with them, instead of fresh pages that the system
//! zeroes first (the book's SimpleConvNet makes about ten matrices of 14 MB a training iteration;
//! the allocator hands freed pages back to the system within milliseconds, and zeroing them again
//! cost more than the products).
//!
//! A matrix from [`uninit`] holds whatever an earlier matrix left: only for a caller that writes
//! every cell. Matrices under [`MIN_CELLS`] are left to the allocator, which keeps them itself.

use std::cell::RefCell;

use ndarray::ArrayView2;

use super::{Matrix, linalg};

/// The smallest matrix worth keeping: 2¹⁵ cells (256 KiB).
const MIN_CELLS: usize = 1 << 15;

/// The most cells this thread keeps: 2²⁴ (128 MiB), more than the working set of the book's
/// SimpleConvNet at batch 100 (about 9.2 million cells at the end of its backward pass).
const MAX_CELLS: usize = 1 << 24;

thread_local! {
    /// This thread's free buffers, oldest first.
    static FREE: RefCell<Vec<Vec<f64>>> = const { RefCell::new(Vec::new()) };
}

/// `len` cells: a kept buffer (the smallest that fits; its values left from earlier use) and
/// `false`, or a fresh zeroed one and `true`.
fn take(len: usize) -> (Vec<f64>, bool) {
    if len >= MIN_CELLS {
        let kept = FREE.with(|free| {
            let mut free = free.borrow_mut();
            let best = free
                .iter()
                .enumerate()
                .filter(|(_, v)| v.capacity() >= len)
                .min_by_key(|(_, v)| v.capacity())
                .map(|(i, _)| i)?;
            Some(free.swap_remove(best))
        });
        if let Some(mut v) = kept {
            if v.len() >= len {
                v.truncate(len);
            } else {
                v.resize(len, 0.0);
            }
            return (v, false);
        }
    }
    (vec![0.0; len], true)
}

/// A `rows`×`cols` matrix whose cells hold whatever an earlier matrix left (zeros when fresh):
/// for a caller that writes every cell.
pub fn uninit(rows: usize, cols: usize) -> Matrix {
    let (v, _) = take(rows * cols);
    Matrix::from_shape_vec((rows, cols), v).unwrap_or_else(|_| Matrix::zeros((rows, cols)))
}

/// A `rows`×`cols` matrix of zeros, in reused memory when there is some.
pub fn zeros(rows: usize, cols: usize) -> Matrix {
    let (v, fresh) = take(rows * cols);
    let mut m =
        Matrix::from_shape_vec((rows, cols), v).unwrap_or_else(|_| Matrix::zeros((rows, cols)));
    if !fresh {
        m.fill(0.0);
    }
    m
}

/// A copy of `m` (row-major), in reused memory when there is some.
pub fn copy(m: &Matrix) -> Matrix {
    let mut c = uninit(m.nrows(), m.ncols());
    c.assign(m);
    c
}

/// [`linalg::matmul`]'s product (the same numbers), written into reused memory.
pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Matrix {
    let mut c = uninit(a.nrows(), b.ncols());
    linalg::matmul_into(a, b, c.view_mut());
    c
}

/// Give `m`'s memory back for a later matrix of this thread.
pub fn give(m: Matrix) {
    let (v, _) = m.into_raw_vec_and_offset();
    let cap = v.capacity();
    if !(MIN_CELLS..=MAX_CELLS).contains(&cap) {
        return;
    }
    FREE.with(|free| {
        let mut free = free.borrow_mut();
        free.push(v);
        let mut total: usize = free.iter().map(Vec::capacity).sum();
        while total > MAX_CELLS && !free.is_empty() {
            total -= free.remove(0).capacity();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_matrix_comes_back_and_zeros_are_zeros() {
        let mut m = uninit(300, 200);
        m.fill(7.0);
        let at = m.as_ptr();
        give(m);
        // the same memory, smaller: its old values (a caller writes every cell)
        let again = uninit(200, 200);
        assert_eq!(again.as_ptr(), at);
        assert!(again.iter().all(|&v| v == 7.0));
        give(again);
        let z = zeros(300, 200);
        assert_eq!(z.as_ptr(), at);
        assert!(z.iter().all(|&v| v == 0.0));
        give(z);
        let c = copy(&Matrix::from_elem((250, 200), 2.5));
        assert_eq!(c.as_ptr(), at);
        assert_eq!(c, Matrix::from_elem((250, 200), 2.5));
        // small matrices are left to the allocator, and a matrix grows into a kept buffer
        give(uninit(2, 2));
        assert!(FREE.with(|f| f.borrow().iter().all(|v| v.capacity() >= MIN_CELLS)));
        give(c);
        let big = zeros(400, 200);
        assert_eq!(big.dim(), (400, 200));
        assert!(big.iter().all(|&v| v == 0.0));
    }
}

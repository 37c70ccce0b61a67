//! Matrix products: every product of the engine goes through [`matmul`] (or its transposed
//! forms [`matmul_tn`] and [`matmul_nt`]), so the backend is chosen in one place.
//!
//! The backend is faer's `matmul` (pure Rust, stable AVX2/FMA kernels picked at run time), which
//! on this project's machine is about 20 % faster per core than matrixmultiply (ndarray's `.dot`)
//! and than OpenBLAS at the book's shapes (README, "Performance"). Products with more than
//! [`PARALLEL_WORK`] multiply-adds use every core; smaller ones stay on the calling thread.
//!
//! Views of any layout are accepted: row-major (a matrix, a block of its rows) and column-major
//! (a transposed matrix, `x.t()`) are read in place; anything else is copied once first.

use faer::{Accum, MatMut, MatRef, Par};
use ndarray::ArrayView2;

use super::Matrix;

/// Products of at least this many multiply-adds (m·k·n) run on every core. The book's batch of
/// 100 (100×784·784×50 is 3.9 million) stays on one thread: on the shared 2-core machine
/// splitting it made a whole forward + backward 1.2–4× slower (README, "Performance"); a
/// prediction over thousands of rows, or a 1000×1000 preset, is split.
pub const PARALLEL_WORK: usize = 1 << 22;

/// `a · b`.
///
/// # Panics
/// If the inner dimensions differ — a programming error, as with ndarray's `dot`; networks are
/// validated before they run.
pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Matrix {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    assert_eq!(k, k2, "matmul: {m}×{k} · {k2}×{n} do not fit");
    let mut c = Matrix::zeros((m, n));
    if m == 0 || n == 0 || k == 0 {
        return c;
    }
    let par = if m.saturating_mul(k).saturating_mul(n) >= PARALLEL_WORK {
        Par::rayon(0)
    } else {
        Par::Seq
    };
    let a_own;
    let a = match faer_view(&a) {
        Some(v) => v,
        None => {
            a_own = a.as_standard_layout().into_owned();
            MatRef::from_row_major_slice(a_own.as_slice().unwrap_or(&[]), m, k)
        }
    };
    let b_own;
    let b = match faer_view(&b) {
        Some(v) => v,
        None => {
            b_own = b.as_standard_layout().into_owned();
            MatRef::from_row_major_slice(b_own.as_slice().unwrap_or(&[]), k, n)
        }
    };
    if let Some(out) = c.as_slice_mut() {
        faer::linalg::matmul::matmul(
            MatMut::from_row_major_slice_mut(out, m, n),
            Accum::Replace,
            a,
            b,
            1.0,
            par,
        );
    }
    c
}

/// `aᵀ · b` (the `dW = Xᵀ·dY` form), reading `a` in place.
pub fn matmul_tn(a: &Matrix, b: &Matrix) -> Matrix {
    matmul(a.t(), b.view())
}

/// `a · bᵀ` (the `dX = dY·Wᵀ` form), reading `b` in place.
pub fn matmul_nt(a: &Matrix, b: &Matrix) -> Matrix {
    matmul(a.view(), b.t())
}

/// `a` as a faer view without copying, when its memory is row- or column-major contiguous.
fn faer_view<'a>(a: &ArrayView2<'a, f64>) -> Option<MatRef<'a, f64>> {
    let (r, c) = a.dim();
    if let Some(s) = a.to_slice() {
        return Some(MatRef::from_row_major_slice(s, r, c));
    }
    (*a).reversed_axes()
        .to_slice()
        .map(|s| MatRef::from_column_major_slice(s, r, c))
}

#[cfg(test)]
mod tests {
    use ndarray::{Axis, Slice};

    use super::*;

    fn random(r: usize, c: usize, seed: &mut u64) -> Matrix {
        Matrix::from_shape_simple_fn((r, c), || {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
    }

    fn assert_close(got: &Matrix, want: &Matrix) {
        assert_eq!(got.dim(), want.dim());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() <= 1e-12 * (1.0 + w.abs()), "{g} vs {w}");
        }
    }

    #[test]
    fn agrees_with_ndarray_dot_on_every_layout_and_edge_shape() {
        let mut seed = 7;
        let shapes = [
            (1, 1, 1),
            (1, 5, 1),
            (1, 7, 9),
            (9, 7, 1),
            (3, 1, 4),
            (2, 3, 2),
            (17, 33, 5),
            (100, 784, 50),
            (0, 3, 4),
            (3, 0, 4),
            (3, 4, 0),
        ];
        for (m, k, n) in shapes {
            let a = random(m, k, &mut seed);
            let b = random(k, n, &mut seed);
            let want = a.dot(&b);
            assert_close(&matmul(a.view(), b.view()), &want);
            let at = a.t().to_owned();
            assert_close(&matmul_tn(&at.as_standard_layout().into_owned(), &b), &want);
            let bt = b.t().as_standard_layout().into_owned();
            assert_close(&matmul_nt(&a, &bt), &want);
        }
    }

    #[test]
    fn reads_strided_and_sliced_views() {
        let mut seed = 11;
        let big = random(40, 30, &mut seed);
        let b = random(15, 6, &mut seed);
        // Every other column: neither row- nor column-major contiguous, so it is copied.
        let rows3 = big.slice_axis(Axis(0), Slice::from(3..20));
        let a = rows3.slice_axis(Axis(1), Slice::new(0, None, 2));
        assert_close(&matmul(a, b.view()), &a.dot(&b));
        // A block of rows is read in place.
        let rows = big.slice_axis(Axis(0), Slice::from(5..12));
        let w = random(30, 4, &mut seed);
        assert_close(&matmul(rows, w.view()), &rows.dot(&w));
        // Transposed block of rows (column-major).
        let v = random(7, 3, &mut seed);
        assert_close(&matmul(rows.t(), v.view()), &rows.t().dot(&v));
    }

    #[test]
    fn large_products_use_the_parallel_path_and_agree() {
        let mut seed = 3;
        let a = random(400, 200, &mut seed);
        let b = random(200, 60, &mut seed);
        const { assert!(400 * 200 * 60 >= PARALLEL_WORK) };
        assert_close(&matmul(a.view(), b.view()), &a.dot(&b));
        assert_close(&matmul_tn(&a.t().to_owned(), &b), &a.dot(&b));
    }

    #[test]
    fn zero_inner_dimension_gives_zeros() {
        let a = Matrix::zeros((3, 0));
        let b = Matrix::zeros((0, 4));
        assert_eq!(matmul(a.view(), b.view()), Matrix::zeros((3, 4)));
    }
}

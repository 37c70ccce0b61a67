//! Data sets for training: labelled rows, a fixed seeded train/test split, and the sets themselves.
//!
//! - [`digits`]: the 8×8 handwritten digits embedded in the binary (UCI, via scikit-learn);
//! - [`generated`]: the 2-D sets `spiral`, `xor`, `circles`, `moons`;
//! - [`idx`]: the IDX format of MNIST, parsed from bytes (reading the files is the caller's I/O);
//! - a preset's own `x` and `t` become a data set with [`Dataset::whole`].
//!
//! Targets are one-hot rows, like the book's `load_mnist(one_hot_label=True)`. Every random
//! choice draws from [`SplitMix64`], so a seed gives the same set and split everywhere. Nothing here
//! does I/O.

pub mod digits;
pub mod generated;
pub mod idx;

use anyhow::{Result, ensure};

use super::Matrix;
use super::linalg::fill_rows;
use super::rng::SplitMix64;
use crate::i18n::format;

/// The purpose mixed into the seed for the train/test shuffle (see [`SplitMix64::stream`]).
pub const SPLIT_STREAM: u64 = 0x5350_4C49_5400_0000;

/// Rows with one-hot targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Labeled {
    /// The inputs, N×D.
    pub x: Matrix,
    /// The targets, N×K one-hot rows.
    pub t: Matrix,
}

impl Labeled {
    /// Rows `x` with class `labels` (each below `classes`) as one-hot targets.
    pub fn from_labels(x: Matrix, labels: &[usize], classes: usize) -> Result<Labeled> {
        ensure!(
            x.nrows() == labels.len(),
            crate::t!("err-data-labels", rows = x.nrows(), labels = labels.len())
        );
        let mut t = Matrix::zeros((labels.len(), classes));
        for (row, &label) in labels.iter().enumerate() {
            ensure!(
                label < classes,
                crate::t!(
                    "err-data-label-range",
                    label = label.to_string(),
                    row = row.to_string(),
                    classes = classes
                )
            );
            t[[row, label]] = 1.0;
        }
        Ok(Labeled { x, t })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.x.nrows()
    }

    /// The rows at `indices`, in that order (an index may repeat).
    pub fn select(&self, indices: &[usize]) -> Labeled {
        Labeled {
            x: gather_rows(&self.x, indices),
            t: gather_rows(&self.t, indices),
        }
    }

    /// The class of each row: the index of its largest target (`np.argmax(t, axis=1)`).
    pub fn labels(&self) -> Vec<usize> {
        argmax_rows(&self.t)
    }
}

/// The rows of `m` at `indices`, in that order: ndarray's `select` appends row by row, which at
/// a batch of 100 MNIST rows took a third of a training step; this copies each row once, split
/// across a training step's team ([`fill_rows`]).
fn gather_rows(m: &Matrix, indices: &[usize]) -> Matrix {
    let cols = m.ncols();
    let mut out = Matrix::zeros((indices.len(), cols));
    fill_rows(out.view_mut(), &|first, mut block| {
        let rows = &indices[first..first + block.nrows()];
        match (m.as_slice(), block.as_slice_mut()) {
            (Some(src), Some(dst)) => interleave_rows(dst, src, rows, cols),
            _ => {
                for (mut row, &i) in block.rows_mut().into_iter().zip(rows) {
                    row.assign(&m.row(i));
                }
            }
        }
    });
    out
}

/// Row `rows[k]` of the row-major `src` (`cols` wide) into row k of `dst`, four rows at a time,
/// one cache line (8 values) of each in turn: scattered rows wait on memory, and this keeps four
/// rows' fetches in flight instead of one (a batch of 100 random rows of 784 from MNIST's 60,000:
/// 84 → 72 µs on one core here).
fn interleave_rows(dst: &mut [f64], src: &[f64], rows: &[usize], cols: usize) {
    const GROUP: usize = 4;
    const LINE: usize = 8;
    if cols == 0 {
        return;
    }
    for (out, group) in dst.chunks_mut(cols * GROUP).zip(rows.chunks(GROUP)) {
        for c in (0..cols).step_by(LINE) {
            let e = (c + LINE).min(cols);
            for (k, &r) in group.iter().enumerate() {
                out[k * cols + c..k * cols + e].copy_from_slice(&src[r * cols + c..r * cols + e]);
            }
        }
    }
}

/// The index of the largest value in each row (the first one on ties), like `np.argmax(m, axis=1)`.
pub fn argmax_rows(m: &Matrix) -> Vec<usize> {
    m.rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = k;
                }
            }
            best
        })
        .collect()
}

/// How the rows of a data set can be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Points in the plane (two features): a decision-boundary map fits.
    Points,
    /// Images of `width`×`height` pixels, row by row, values in [0, 1].
    Image {
        /// Pixels per row.
        width: usize,
        /// Rows of pixels.
        height: usize,
    },
    /// Just numbers.
    Plain,
}

/// A data set split into training and test rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Its name as the preset or `--data` spells it: `spiral`, `digits`, `mnist`, `preset`.
    pub name: String,
    /// The training rows.
    pub train: Labeled,
    /// The test rows, when there are any.
    pub test: Option<Labeled>,
    /// Number of classes (columns of t).
    pub classes: usize,
    /// How a row can be drawn.
    pub layout: Layout,
}

impl Dataset {
    /// Every row for training, no test set (a preset's own x and t).
    pub fn whole(name: &str, all: Labeled, layout: Layout) -> Dataset {
        let classes = all.t.ncols();
        Dataset {
            name: name.to_string(),
            train: all,
            test: None,
            classes,
            layout,
        }
    }

    /// Shuffle once with `seed`, then take the first ⌊(1 − test_fraction)·N⌋ rows for training and
    /// the rest for testing (`test_fraction` = 0: no test set).
    pub fn split(
        name: &str,
        all: Labeled,
        test_fraction: f64,
        seed: u64,
        layout: Layout,
    ) -> Result<Dataset> {
        ensure!(
            test_fraction.is_finite() && (0.0..1.0).contains(&test_fraction),
            crate::t!("err-test-fraction", value = format::given(test_fraction))
        );
        let n = all.rows();
        let n_train = ((1.0 - test_fraction) * n as f64).floor() as usize;
        ensure!(
            n_train > 0,
            crate::t!(
                "err-test-fraction-all",
                name = name,
                n = n,
                value = format::given(test_fraction)
            )
        );
        let mut order: Vec<usize> = (0..n).collect();
        SplitMix64::stream(seed, SPLIT_STREAM).shuffle(&mut order);
        let classes = all.t.ncols();
        let train = all.select(&order[..n_train]);
        let test = (n_train < n).then(|| all.select(&order[n_train..]));
        Ok(Dataset {
            name: name.to_string(),
            train,
            test,
            classes,
            layout,
        })
    }

    /// Number of input features (columns of x).
    pub fn features(&self) -> usize {
        self.train.x.ncols()
    }

    /// The rectangle `((x_min, x_max), (y_min, y_max))` around every row of 2-D data (train and
    /// test), widened by `margin` times its size on each side: the plane of a decision-boundary map.
    /// `None` unless there are exactly 2 features.
    pub fn bounds(&self, margin: f64) -> Option<((f64, f64), (f64, f64))> {
        if self.features() != 2 {
            return None;
        }
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for part in std::iter::once(&self.train).chain(self.test.as_ref()) {
            for row in part.x.rows() {
                for k in 0..2 {
                    lo[k] = lo[k].min(row[k]);
                    hi[k] = hi[k].max(row[k]);
                }
            }
        }
        let widen = |k: usize| {
            let pad = (hi[k] - lo[k]).max(1e-9) * margin;
            (lo[k] - pad, hi[k] + pad)
        };
        Some((widen(0), widen(1)))
    }

    /// Number of test rows (0 without a test set).
    pub fn test_rows(&self) -> usize {
        self.test.as_ref().map_or(0, Labeled::rows)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ndarray::Axis;

    fn numbered(n: usize) -> Labeled {
        let x = Matrix::from_shape_fn((n, 1), |(r, _)| r as f64);
        let labels: Vec<usize> = (0..n).map(|r| r % 2).collect();
        Labeled::from_labels(x, &labels, 2).unwrap()
    }

    #[test]
    fn select_gathers_rows_in_order_with_repeats_and_from_any_layout() {
        let m = Matrix::from_shape_fn((5, 3), |(r, c)| (10 * r + c) as f64);
        let want = m.select(Axis(0), &[4, 0, 4, 2]);
        assert_eq!(gather_rows(&m, &[4, 0, 4, 2]), want);
        // a transposed matrix has rows that are not contiguous
        let t = m.t().to_owned().reversed_axes();
        assert_eq!(gather_rows(&t, &[4, 0, 4, 2]), want);
        assert_eq!(gather_rows(&m, &[]).dim(), (0, 3));
        // rows copied a cache line at a time, four rows in turn: a width that is not a multiple
        // of 8 and a last group of three
        let odd = Matrix::from_shape_fn((9, 13), |(r, c)| (100 * r + c) as f64);
        let idx = [8, 0, 3, 3, 7, 1, 2];
        assert_eq!(gather_rows(&odd, &idx), odd.select(Axis(0), &idx));
        let d = numbered(6);
        let picked = d.select(&[5, 1]);
        assert_eq!(
            picked.x,
            Matrix::from_shape_vec((2, 1), vec![5.0, 1.0]).unwrap()
        );
        assert_eq!(picked.labels(), vec![1, 1]);
        // the book's batch (100 rows of 784) is split across a team's cores: same rows
        let big = Matrix::from_shape_fn((1000, 784), |(r, c)| (r * 1000 + c) as f64);
        let idx: Vec<usize> = (0..100).map(|i| (i * 397 + 11) % 1000).collect();
        let want = big.select(Axis(0), &idx);
        assert_eq!(
            crate::engine::linalg::team(|| gather_rows(&big, &idx)),
            want
        );
        assert_eq!(gather_rows(&big, &idx), want);
    }

    #[test]
    fn the_split_takes_the_floor_and_keeps_every_row_once() {
        let d = Dataset::split("n", numbered(10), 0.25, 0, Layout::Plain).unwrap();
        assert_eq!(d.train.rows(), 7); // ⌊0.75 · 10⌋
        assert_eq!(d.test_rows(), 3);
        let mut all: Vec<f64> = d.train.x.iter().copied().collect();
        all.extend(d.test.as_ref().unwrap().x.iter().copied());
        assert_ne!(all, (0..10).map(|v| v as f64).collect::<Vec<_>>());
        all.sort_by(f64::total_cmp);
        assert_eq!(all, (0..10).map(|v| v as f64).collect::<Vec<_>>());
        // Targets travel with their rows.
        for (x, t) in d.train.x.iter().zip(d.train.labels()) {
            assert_eq!(*x as usize % 2, t);
        }
        // The same seed gives the same split; another seed another one.
        let again = Dataset::split("n", numbered(10), 0.25, 0, Layout::Plain).unwrap();
        assert_eq!(again, d);
        let other = Dataset::split("n", numbered(10), 0.25, 1, Layout::Plain).unwrap();
        assert_ne!(other.train.x, d.train.x);
    }

    #[test]
    fn a_bad_fraction_is_an_error() {
        for f in [1.0, -0.1, f64::NAN] {
            let e = Dataset::split("n", numbered(4), f, 0, Layout::Plain).unwrap_err();
            assert!(e.to_string().contains("test_fraction"), "{e}");
        }
        let e = Dataset::split("n", numbered(1), 0.5, 0, Layout::Plain).unwrap_err();
        assert!(e.to_string().contains("none for training"), "{e}");
        let none = Dataset::split("n", numbered(4), 0.0, 0, Layout::Plain).unwrap();
        assert!(none.test.is_none());
    }

    #[test]
    fn bounds_cover_every_point_with_a_margin() {
        let x = ndarray::array![[0.0, -1.0], [2.0, 1.0], [1.0, 0.0], [0.5, 0.5]];
        let all = Labeled::from_labels(x, &[0, 1, 0, 1], 2).unwrap();
        let d = Dataset::split("p", all, 0.25, 0, Layout::Points).unwrap();
        assert_eq!(d.bounds(0.1), Some(((-0.2, 2.2), (-1.2, 1.2))));
        assert_eq!(
            Dataset::whole("n", numbered(3), Layout::Plain).bounds(0.1),
            None
        );
    }

    #[test]
    fn argmax_takes_the_first_of_ties() {
        let m = ndarray::array![[0.1, 0.7, 0.2], [0.5, 0.5, 0.0]];
        assert_eq!(argmax_rows(&m), vec![1, 0]);
    }
}

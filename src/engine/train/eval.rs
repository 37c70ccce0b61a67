//! Prediction and accuracy with `train = false`, like the book's `predict` and `accuracy`.
//!
//! The scores are the output of the last layer before Softmax-with-Loss; their row-wise argmax is
//! the predicted class (softmax keeps the order). Large sets go through in chunks of
//! [`CHUNK_ROWS`] rows so the intermediate outputs stay small.

use anyhow::{Result, ensure};
use ndarray::{ArrayView2, Axis, Slice};

use crate::engine::Matrix;
use crate::engine::data::{Labeled, argmax_rows};
use crate::engine::layer::{Layer, LayerKind};
use crate::engine::linalg::{in_team, spread};
use crate::engine::network::Network;

/// Rows per forward pass when predicting many rows.
pub const CHUNK_ROWS: usize = 10_000;

/// Rows per forward pass inside a team, where each core takes chunks of its own.
const SPREAD_ROWS: usize = 2_500;

/// The most cells the widest matrix of one block's pass may hold (2²¹, 16 MiB of f64): the
/// size the memory a pass reuses keeps ([`crate::engine::pool`], a convolution's buffers), so
/// that block after block is written into the same memory.
const BLOCK_CELLS: usize = 1 << 21;

/// `f(start, end)` for consecutive blocks of `n` rows, results in order: blocks of
/// [`CHUNK_ROWS`], or inside a team smaller ones spread over its cores (so that they share them
/// evenly: the book's 10,000 test rows are 4 blocks, not 1); fewer rows when a row of some matrix
/// of `network`'s pass on `cols` columns is wide, so a block's matrices stay under
/// [`BLOCK_CELLS`] cells (the book's SimpleConvNet: 17,280 cells a row after its convolution,
/// 121 rows a block, where 10,000 rows would take 1.4 GB a matrix).
fn by_blocks<T: Send>(
    network: &Network,
    cols: usize,
    n: usize,
    f: impl Fn(usize, usize) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let rows = if in_team() { SPREAD_ROWS } else { CHUNK_ROWS };
    let rows = rows
        .min(BLOCK_CELLS / widest_row(network, cols).max(1))
        .max(1);
    spread(n.div_ceil(rows), |i| f(i * rows, ((i + 1) * rows).min(n)))
        .into_iter()
        .collect()
}

/// The scores (the input of the final Softmax-with-Loss, or the last output) for the rows of `x`,
/// predicted block by block: each block of rows is read in place, and no layer keeps a cache.
pub fn predict_scores(network: &Network, x: &Matrix) -> Result<Matrix> {
    let parts = by_blocks(network, x.ncols(), x.nrows(), |start, end| {
        forward_scores(network, block(x, start, end))
    })?;
    let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
    ensure!(!views.is_empty(), crate::t!("err-no-rows-to-predict"));
    Ok(ndarray::concatenate(Axis(0), &views)?)
}

/// The cells of one row of the widest matrix a pass of `network` on `cols` columns makes: each
/// layer's output, and a convolution's im2col and product.
fn widest_row(network: &Network, cols: usize) -> usize {
    let mut d = cols;
    let mut widest = cols;
    for l in &network.layers {
        let out = l.layer.output_shape((1, d)).map_or(d, |(_, o)| o);
        let inner = match &l.layer {
            Layer::Convolution(c) => {
                let (windows, cells) = c.window().col_dim(1);
                windows * cells.max(c.filters())
            }
            _ => 0,
        };
        widest = widest.max(out).max(inner);
        d = out;
    }
    widest
}

/// Rows `start..end` of `m`, in place.
fn block(m: &Matrix, start: usize, end: usize) -> ArrayView2<'_, f64> {
    m.slice_axis(Axis(0), Slice::from(start..end))
}

/// The scores of a block of rows: layer by layer, and a convolution, ReLU and pooling as one
/// where they can ([`Network::fused_at`]).
fn forward_scores(network: &Network, x: ArrayView2<'_, f64>) -> Result<Matrix> {
    let end = network
        .layers
        .iter()
        .position(|l| l.layer.kind() == LayerKind::SoftmaxWithLoss)
        .unwrap_or(network.layers.len());
    let mut out: Option<Matrix> = None;
    let mut i = 0;
    while let Some(l) = network.layers.get(i).filter(|_| i < end) {
        let input = out.as_ref().map_or(x, |m| m.view());
        // not finite inside: layer by layer, as before
        if let Some(pooled) = network.fused_at(i, end).and_then(|f| f.infer(input)) {
            out = Some(pooled);
            i += 3;
            continue;
        }
        out = Some(l.layer.infer(input)?);
        i += 1;
    }
    Ok(out.unwrap_or_else(|| x.to_owned()))
}

/// The share of rows whose predicted class is the target's (`np.sum(y == t) / N`).
pub fn accuracy(network: &Network, data: &Labeled) -> Result<f64> {
    let n = data.rows();
    ensure!(n > 0, crate::t!("err-accuracy-no-rows"));
    let counts = by_blocks(network, data.x.ncols(), n, |start, end| {
        let scores = forward_scores(network, block(&data.x, start, end))?;
        let predicted = argmax_rows(&scores);
        let truth = argmax_rows(&block(&data.t, start, end).to_owned());
        Ok(predicted.iter().zip(&truth).filter(|(p, t)| p == t).count())
    })?;
    let right: usize = counts.into_iter().sum();
    Ok(right as f64 / n as f64)
}

/// The centres of a `cols`×`rows` grid over `x` × `y`, row by row from the top (`y.1`) down.
pub fn grid_points(x: (f64, f64), y: (f64, f64), cols: usize, rows: usize) -> Matrix {
    let cols = cols.max(1);
    let rows = rows.max(1);
    Matrix::from_shape_fn((rows * cols, 2), |(i, k)| {
        let (r, c) = (i / cols, i % cols);
        if k == 0 {
            x.0 + (c as f64 + 0.5) * (x.1 - x.0) / cols as f64
        } else {
            y.1 - (r as f64 + 0.5) * (y.1 - y.0) / rows as f64
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::NamedLayer;
    use crate::engine::layer::{Affine, Layer, SoftmaxWithLoss};

    /// Scores = x itself (W = I, b = 0), then Softmax-with-Loss: the predicted class is the
    /// larger of a row's two values.
    fn identity_net() -> Network {
        let layer = |name: &str, layer| NamedLayer {
            name: name.into(),
            layer,
        };
        Network {
            layers: vec![
                layer(
                    "Affine",
                    Layer::Affine(Affine {
                        w: Matrix::eye(2),
                        b: Matrix::zeros((1, 2)),
                    }),
                ),
                layer("Loss", Layer::SoftmaxWithLoss(SoftmaxWithLoss)),
            ],
        }
    }

    #[test]
    fn accuracy_counts_the_rows_whose_largest_score_is_the_target_across_chunks() {
        // row i predicts class i % 2; its label is right on every row but each third one:
        // 10,001 rows (two chunks) with 3,334 wrong
        let n = CHUNK_ROWS + 1;
        let x = Matrix::from_shape_fn((n, 2), |(i, c)| if c == i % 2 { 1.0 } else { 0.0 });
        let labels: Vec<usize> = (0..n)
            .map(|i| if i % 3 == 0 { 1 - i % 2 } else { i % 2 })
            .collect();
        let data = Labeled::from_labels(x.clone(), &labels, 2).unwrap();
        let net = identity_net();
        let wrong = (0..n).filter(|i| i % 3 == 0).count();
        assert_eq!(wrong, 3334);
        let acc = accuracy(&net, &data).unwrap();
        assert_eq!(acc, (n - wrong) as f64 / n as f64);
        // the scores are x, predicted in two chunks and put back together in order
        assert_eq!(predict_scores(&net, &x).unwrap(), x);
        let none = Labeled::from_labels(Matrix::zeros((0, 2)), &[], 2).unwrap();
        assert!(accuracy(&net, &none).is_err());
    }

    #[test]
    fn accuracy_in_a_team_spreads_its_chunks_and_counts_the_same() {
        // 5,003 rows: three chunks of a team's evaluation, the last of 3 rows
        let n = 2 * SPREAD_ROWS + 3;
        let x = Matrix::from_shape_fn((n, 2), |(i, c)| if c == i % 2 { 1.0 } else { 0.0 });
        let labels: Vec<usize> = (0..n)
            .map(|i| if i % 7 == 0 { 1 - i % 2 } else { i % 2 })
            .collect();
        let data = Labeled::from_labels(x, &labels, 2).unwrap();
        let net = identity_net();
        let wrong = (0..n).filter(|i| i % 7 == 0).count();
        let want = (n - wrong) as f64 / n as f64;
        assert_eq!(accuracy(&net, &data).unwrap(), want);
        assert_eq!(
            crate::engine::linalg::team(|| accuracy(&net, &data)).unwrap(),
            want
        );
        // the scores of spread blocks come back in row order
        assert_eq!(
            crate::engine::linalg::team(|| predict_scores(&net, &data.x)).unwrap(),
            data.x
        );
    }

    #[test]
    fn a_convnets_blocks_are_sized_by_its_widest_matrix() {
        use crate::engine::layer::{Convolution, Pooling, Relu};
        use crate::engine::tensor::ImageShape;
        // the book's SimpleConvNet's first layers: 30 filters of 5×5 on 1×28×28 write
        // 24·24·30 = 17,280 cells a row (im2col: 24·24·25 = 14,400), pooling 4,320
        let mut conv = Convolution::new(
            Matrix::zeros((30, 25)),
            Matrix::zeros((1, 30)),
            ImageShape::new(1, 5, 5),
            1,
            0,
        );
        conv.input = ImageShape::new(1, 28, 28);
        let mut pool = Pooling::new(2, 2, 2);
        pool.input = ImageShape::new(30, 24, 24);
        let net = Network {
            layers: vec![
                NamedLayer {
                    name: "Conv1".into(),
                    layer: Layer::Convolution(conv),
                },
                NamedLayer {
                    name: "ReLU1".into(),
                    layer: Layer::Relu(Relu),
                },
                NamedLayer {
                    name: "Pool1".into(),
                    layer: Layer::Pooling(pool),
                },
            ],
        };
        assert_eq!(widest_row(&net, 784), 17_280);
        assert_eq!(BLOCK_CELLS / 17_280, 121);
        // a two-column net keeps the chunk of CHUNK_ROWS rows
        assert_eq!(widest_row(&identity_net(), 2), 2);
    }

    #[test]
    fn grid_points_are_cell_centres_row_by_row_from_the_top() {
        // x over [0, 4] in 4 columns, y over [0, 2] in 2 rows: centres at x = 0.5 … 3.5, and the
        // top row (y = 1.5) first
        let g = grid_points((0.0, 4.0), (0.0, 2.0), 4, 2);
        let want = ndarray::array![
            [0.5, 1.5],
            [1.5, 1.5],
            [2.5, 1.5],
            [3.5, 1.5],
            [0.5, 0.5],
            [1.5, 0.5],
            [2.5, 0.5],
            [3.5, 0.5]
        ];
        assert_eq!(g, want);
        // no columns or rows asked for: one cell, the centre
        assert_eq!(
            grid_points((0.0, 4.0), (0.0, 2.0), 0, 0),
            ndarray::array![[2.0, 1.0]]
        );
    }
}

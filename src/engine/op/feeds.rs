//! Which cells of a step's inputs went into one cell of its output.
//!
//! Pure index bookkeeping over [`Op`]: no arithmetic. The explorer uses it to mark (with `›`) the
//! cells the current step read to make the selected cell, and to scroll a read pane so that they
//! are visible.

use super::{Op, broadcast_index};
use crate::engine::Matrix;

/// True when cell (`i`, `j`) of read operand `read` was used to make cell `out` of the output.
pub fn feeds(
    op: &Op,
    read: usize,
    operand: &Matrix,
    out: (usize, usize),
    i: usize,
    j: usize,
) -> bool {
    let (r, c) = out;
    match op {
        Op::MatMul {
            transpose_a,
            transpose_b,
        } => match (read, transpose_a, transpose_b) {
            (0, false, _) => i == r,
            (0, true, _) => j == r,
            (1, _, false) => j == c,
            (1, _, true) => i == c,
            _ => false,
        },
        Op::Binary(_) => match read {
            0 => (i, j) == (r, c),
            1 => broadcast_index(operand, r, c) == (i, j),
            _ => false,
        },
        Op::Unary(_) | Op::Mask(_) | Op::ApplyMask | Op::Update(_) => (i, j) == (r, c),
        Op::Map(_) => broadcast_index(operand, r, c) == (i, j),
        Op::ColumnReduce(..) => j == broadcast_index(operand, 0, c).1,
        Op::ColumnSum => j == c,
        Op::RowSum | Op::SubRowMax | Op::CrossEntropyRows => i == r,
        Op::SumAll | Op::Mean => true,
    }
}

/// A cell of read operand `read` that fed `out`, to keep in view when the operand is larger
/// than its pane.
pub fn anchor(op: &Op, read: usize, operand: &Matrix, out: (usize, usize)) -> (usize, usize) {
    let (r, c) = out;
    let cell = match op {
        Op::MatMul {
            transpose_a,
            transpose_b,
        } => match (read, transpose_a, transpose_b) {
            (0, false, _) => (r, 0),
            (0, true, _) => (0, r),
            (1, _, false) => (0, c),
            (1, _, true) => (c, 0),
            _ => (0, 0),
        },
        Op::Binary(_) if read == 1 => broadcast_index(operand, r, c),
        Op::Binary(_) | Op::Unary(_) | Op::Mask(_) | Op::ApplyMask | Op::Update(_) => (r, c),
        Op::Map(_) => broadcast_index(operand, r, c),
        Op::ColumnReduce(..) => broadcast_index(operand, 0, c),
        Op::ColumnSum => (0, c),
        Op::RowSum | Op::SubRowMax | Op::CrossEntropyRows => (r, 0),
        Op::SumAll | Op::Mean => (0, 0),
    };
    let (rows, cols) = operand.dim();
    (
        cell.0.min(rows.saturating_sub(1)),
        cell.1.min(cols.saturating_sub(1)),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::engine::op::BinOp;

    #[test]
    fn matmul_reads_a_row_and_a_column() {
        let x = Matrix::zeros((2, 3));
        let dw = Op::MatMul {
            transpose_a: true,
            transpose_b: false,
        };
        // dW[1,2] = Σₙ X[n,1]·dY[n,2]: column 1 of X, column 2 of dY.
        assert!(feeds(&dw, 0, &x, (1, 2), 0, 1));
        assert!(feeds(&dw, 0, &x, (1, 2), 1, 1));
        assert!(!feeds(&dw, 0, &x, (1, 2), 1, 0));
        assert!(feeds(&dw, 1, &x, (1, 2), 1, 2));
        assert!(!feeds(&dw, 1, &x, (1, 2), 1, 1));
        assert_eq!(anchor(&dw, 0, &x, (1, 2)), (0, 1));
    }

    #[test]
    fn broadcast_bias_reads_its_one_row() {
        let b = Matrix::zeros((1, 4));
        let add = Op::Binary(BinOp::Add);
        assert!(feeds(&add, 1, &b, (1, 3), 0, 3));
        assert!(!feeds(&add, 1, &b, (1, 3), 1, 3));
        assert_eq!(anchor(&add, 1, &b, (1, 3)), (0, 3));
        assert!(feeds(&Op::ColumnSum, 0, &b, (0, 2), 1, 2));
    }

    #[test]
    fn a_column_reduce_reads_its_column() {
        let x = Matrix::zeros((3, 2));
        let gamma = Matrix::zeros((1, 2));
        let op = Op::ColumnReduce(super::super::Expr::r(0), super::super::Reduce::Sum);
        assert!(feeds(&op, 0, &x, (0, 1), 2, 1));
        assert!(!feeds(&op, 0, &x, (0, 1), 2, 0));
        assert!(feeds(&op, 1, &gamma, (0, 1), 0, 1));
        assert_eq!(anchor(&op, 0, &x, (0, 1)), (0, 1));
        let map = Op::Map(super::super::Expr::r(0));
        assert!(feeds(&map, 1, &gamma, (2, 1), 0, 1));
        assert!(!feeds(&map, 1, &gamma, (2, 1), 0, 0));
    }
}

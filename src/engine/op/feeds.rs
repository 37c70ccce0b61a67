//! Which cells of a step's inputs went into one cell of its output.
//!
//! Pure index bookkeeping, asked of each op's unit ([`OpUnit::feeds`](super::OpUnit::feeds)): no arithmetic. The explorer uses it to mark (with `›`) the
//! cells the current step read to make the selected cell, and to scroll a read pane so that they
//! are visible.

use super::Op;
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
    op.with_unit(|u| u.feeds(read, operand, out, i, j))
}

/// A cell of read operand `read` that fed `out`, to keep in view when the operand is larger
/// than its pane.
pub fn anchor(op: &Op, read: usize, operand: &Matrix, out: (usize, usize)) -> (usize, usize) {
    let cell = op.with_unit(|u| u.anchor(read, operand, out));
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
    fn cell_by_cell_ops_read_the_same_cell_and_sums_their_line() {
        let x = Matrix::zeros((3, 4));
        let same = [
            Op::Unary(super::super::UnaryFn::Exp),
            Op::Mask(super::super::MaskRule::AtMostZero),
            Op::ApplyMask,
            Op::Binary(BinOp::Mul),
        ];
        for op in &same {
            assert!(feeds(op, 0, &x, (1, 2), 1, 2), "{op:?}");
            assert!(!feeds(op, 0, &x, (1, 2), 2, 1), "{op:?}");
            assert!(!feeds(op, 0, &x, (1, 2), 1, 3), "{op:?}");
            assert_eq!(anchor(op, 0, &x, (1, 2)), (1, 2), "{op:?}");
        }
        // column 2 of every row
        assert!(feeds(&Op::ColumnSum, 0, &x, (0, 2), 2, 2));
        assert!(!feeds(&Op::ColumnSum, 0, &x, (0, 2), 2, 1));
        assert_eq!(anchor(&Op::ColumnSum, 0, &x, (0, 2)), (0, 2));
        // row 1 of every column
        assert!(feeds(&Op::RowSum, 0, &x, (1, 0), 1, 3));
        assert!(!feeds(&Op::RowSum, 0, &x, (1, 0), 2, 3));
        assert_eq!(anchor(&Op::RowSum, 0, &x, (1, 0)), (1, 0));
        // everything
        assert!(feeds(&Op::SumAll, 0, &x, (0, 0), 2, 3));
        assert_eq!(anchor(&Op::Mean, 0, &x, (0, 0)), (0, 0));
    }

    #[test]
    fn matmul_anchors_at_the_start_of_the_row_or_column_read() {
        let m = Matrix::zeros((4, 5));
        let op = |transpose_a, transpose_b| Op::MatMul {
            transpose_a,
            transpose_b,
        };
        // A·B: row r of A, column c of B
        assert_eq!(anchor(&op(false, false), 0, &m, (2, 3)), (2, 0));
        assert_eq!(anchor(&op(false, false), 1, &m, (2, 3)), (0, 3));
        // Aᵀ: column r of A; Bᵀ: row c of B
        assert_eq!(anchor(&op(true, false), 0, &m, (2, 3)), (0, 2));
        assert_eq!(anchor(&op(false, true), 1, &m, (2, 3)), (3, 0));
        assert!(feeds(&op(false, true), 1, &m, (2, 3), 3, 4));
        assert!(!feeds(&op(false, true), 1, &m, (2, 3), 2, 3));
        // a third operand of a product reads nothing
        assert!(!feeds(&op(false, false), 2, &m, (2, 3), 2, 3));
        assert_eq!(anchor(&op(false, false), 2, &m, (2, 3)), (0, 0));
        // a binary op's first operand is read at the same cell, not broadcast
        let b = Matrix::zeros((1, 5));
        assert_eq!(anchor(&Op::Binary(BinOp::Add), 0, &m, (2, 3)), (2, 3));
        assert_eq!(anchor(&Op::Binary(BinOp::Add), 1, &b, (2, 3)), (0, 3));
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

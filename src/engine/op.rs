//! The elementary operations a step can perform: each op is one unit, in one file.
//!
//! An [`Op`] knows nothing about layers: it combines its read operands into the written one. Each
//! op implements [`OpUnit`] in its own file — how it computes a cell, how it explains a cell it
//! wrote (the terms, with their values, that were combined into it: the answer to "how does one
//! cell of dW come about?"), which cells of its reads a cell comes from, and its NumPy line — so
//! a new op is its file, a variant of [`Op`] and one arm in [`Op::with_unit`].
//!
//! | op | file |
//! |----|------|
//! | [`Op::MatMul`] | `op/matmul.rs` |
//! | [`Op::Binary`] ([`BinOp`]) | `op/binary.rs` |
//! | [`Op::Unary`] ([`UnaryFn`]) | `op/unary.rs` |
//! | [`Op::ColumnSum`], [`Op::RowSum`], [`Op::SumAll`], [`Op::Mean`] | `op/sum.rs` |
//! | [`Op::Mask`] ([`MaskRule`]) | `op/mask.rs` |
//! | [`Op::ApplyMask`] | `op/apply_mask.rs` |
//! | [`Op::SubRowMax`] | `op/sub_row_max.rs` |
//! | [`Op::CrossEntropyRows`] | `op/cross_entropy.rs` |
//! | [`Op::Map`] ([`Expr`]) | `op/expr.rs` |
//! | [`Op::ColumnReduce`] | `op/column_reduce.rs` |
//! | [`Op::Update`] ([`UpdateRule`]) | `optim/rule.rs` |
//! | [`Op::Decay`] ([`Decay`]) | `op/decay.rs` |
//! | [`Op::Im2col`], [`Op::Col2im`], [`Op::MatMulBias`], [`Op::Transpose`], [`Op::Reshape`], [`Op::ToImage`], [`Op::FromImage`], [`Op::RowMax`], [`Op::RowArgMax`], [`Op::ScatterArgMax`] (chapter 7) | `op/window.rs` |

mod apply_mask;
mod binary;
mod cell;
mod column_reduce;
mod cross_entropy;
mod decay;
mod explanation;
mod expr;
mod feeds;
mod mask;
mod matmul;
mod sub_row_max;
mod sum;
mod unary;
mod window;

use super::Matrix;
use super::operand::Operand;
use super::optim::UpdateRule;
use super::tensor::Window;

pub use binary::BinOp;
pub use cell::Cell;
pub use decay::{Decay, half_square_sum};
pub use explanation::{Combine, Explanation, Shown, Term};
pub use expr::{Expr, Reduce};
pub use feeds::{anchor, feeds};
pub use mask::MaskRule;
pub use unary::UnaryFn;

/// One elementary operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Matrix product `A·B` of `reads[0]` and `reads[1]`, either transposed first.
    MatMul {
        /// Use `reads[0]ᵀ`.
        transpose_a: bool,
        /// Use `reads[1]ᵀ`.
        transpose_b: bool,
    },
    /// `reads[0] ∘ reads[1]`, the second broadcast when it is 1×C, R×1 or 1×1.
    Binary(BinOp),
    /// `f(reads[0])` cell by cell.
    Unary(UnaryFn),
    /// Sum of each column of `reads[0]` (a 1×C result): the bias gradient.
    ColumnSum,
    /// Sum of each row of `reads[0]` (an R×1 result).
    RowSum,
    /// Sum of every cell of `reads[0]` (1×1): the gradient of a broadcast scalar.
    SumAll,
    /// Mean of every cell of `reads[0]` (1×1): the loss over the batch.
    Mean,
    /// A boolean mask of `reads[0]` by `rule`, stored as 1 (True) / 0 (False).
    Mask(MaskRule),
    /// `reads[0]` with the cells that the mask `reads[1]` blocks set to 0 (which cells those
    /// are, True or False ones, says the mask operand's [`Kind`](super::Kind)).
    ApplyMask,
    /// `reads[0]` minus the maximum of its row (the softmax overflow guard).
    SubRowMax,
    /// Per row: `−Σₖ t[n,k]·reads[1][n,k]` with `reads[0] = t` (cross-entropy of log y).
    CrossEntropyRows,
    /// A formula of the reads, cell by cell (each read broadcast like a bias when it is 1×C,
    /// R×1 or 1×1): a layer's step that no simpler op describes.
    Map(Expr),
    /// Per column c: the formula at (n, c), reduced over the rows n (a 1×C result).
    ColumnReduce(Expr, Reduce),
    /// An optimizer's update of a parameter or of its state, cell by cell from the same cell of
    /// each read (the update phase of a training preset).
    Update(UpdateRule),
    /// Weight decay: its penalty joining the loss, or `λ·W` joining a gradient (training with
    /// `weight_decay`).
    Decay(Decay),
    /// The book's `im2col`: every window of the 4-D `reads[0]` as a row (chapter 7).
    Im2col(Window),
    /// The book's `col2im`: each cell of `reads[0]` (one per window cell) added back into the x
    /// cell it was copied from.
    Col2im(Window),
    /// `reads[0] · reads[1] + reads[2]`, the last a row added to every row (a convolution's
    /// `np.dot(col, col_W) + self.b`).
    MatMulBias,
    /// `reads[0]ᵀ`.
    Transpose,
    /// NumPy's `reshape`: the values of `reads[0]` in the same order, `rows`×`cols`.
    Reshape {
        /// Rows written.
        rows: usize,
        /// Columns written.
        cols: usize,
    },
    /// `reshape(N, OH, OW, K).transpose(0, 3, 1, 2)`: values in the order (n, p, k) to a 4-D
    /// tensor of K channels of `plane` = OH·OW cells (see [`to_image`](super::tensor::to_image)).
    ToImage {
        /// Cells per channel, OH·OW.
        plane: usize,
        /// Channels, K.
        channels: usize,
    },
    /// `transpose(0, 2, 3, 1).reshape(-1, K)`: a 4-D tensor to one row per (n, p), one column
    /// per channel (see [`from_image`](super::tensor::from_image)).
    FromImage {
        /// Cells per channel, OH·OW.
        plane: usize,
    },
    /// `np.max(reads[0], axis=1)`: each row's maximum (an R×1 result).
    RowMax,
    /// `np.argmax(reads[0], axis=1)`: the column of each row's first maximum (R×1).
    RowArgMax,
    /// Pooling's `dmax`: row r holds value r of `reads[0]` (in row order) at column
    /// `reads[1][r,0]` (the argmax) and 0 elsewhere.
    ScatterArgMax,
}

/// Everything one op knows, in one place: implemented once per op, in the op's own file.
///
/// `reads` are the step's read operands in the order the op combines them; `out` = (`r`, `c`)
/// is a cell of the written matrix.
pub trait OpUnit {
    /// Cell (`r`, `c`) of the written matrix, computed from the reads; `None` when an operand
    /// the op needs is missing.
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64>;

    /// How cell (`r`, `c`) of `writes` was made: the terms with their values; `None` when the
    /// cell is outside `writes` or the operands do not fit the op.
    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation>;

    /// True when cell (`i`, `j`) of read operand `read` (whose value is `operand`) was used to
    /// make cell `out`.
    fn feeds(&self, read: usize, operand: &Matrix, out: (usize, usize), i: usize, j: usize)
    -> bool;

    /// One cell of read operand `read` that fed `out`, to keep in view when the operand is
    /// larger than its pane (before clamping to the operand's shape).
    fn anchor(&self, read: usize, operand: &Matrix, out: (usize, usize)) -> (usize, usize);

    /// The right-hand side of the NumPy line that does this op, given the reads' Python names
    /// (`args[i]` for `reads[i]`; `x` where one is missing).
    fn numpy(&self, args: &[String]) -> String;
}

impl Op {
    /// Run `work` on this op's unit: the one `match` over the ops; everything else asks the unit.
    pub fn with_unit<T>(&self, work: impl FnOnce(&dyn OpUnit) -> T) -> T {
        match self {
            Op::MatMul {
                transpose_a,
                transpose_b,
            } => work(&matmul::MatMul {
                transpose_a: *transpose_a,
                transpose_b: *transpose_b,
            }),
            Op::Binary(op) => work(op),
            Op::Unary(f) => work(f),
            Op::ColumnSum => work(&sum::Sum::Columns),
            Op::RowSum => work(&sum::Sum::Rows),
            Op::SumAll => work(&sum::Sum::All),
            Op::Mean => work(&sum::Sum::Mean),
            Op::Mask(rule) => work(rule),
            Op::ApplyMask => work(&apply_mask::ApplyMask),
            Op::SubRowMax => work(&sub_row_max::SubRowMax),
            Op::CrossEntropyRows => work(&cross_entropy::CrossEntropyRows),
            Op::Map(expr) => work(expr),
            Op::ColumnReduce(expr, reduce) => work(&column_reduce::ColumnReduce {
                expr,
                reduce: *reduce,
            }),
            Op::Update(rule) => work(rule),
            Op::Decay(d) => work(d),
            Op::Im2col(_)
            | Op::Col2im(_)
            | Op::MatMulBias
            | Op::Transpose
            | Op::Reshape { .. }
            | Op::ToImage { .. }
            | Op::FromImage { .. }
            | Op::RowMax
            | Op::RowArgMax
            | Op::ScatterArgMax => work(&window::Chapter7(self)),
        }
    }

    /// Explain cell (`r`, `c`) of `writes`; `None` when the cell is outside it or the step's
    /// operands do not fit the op.
    pub fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        self.with_unit(|u| u.explain(reads, writes, r, c))
    }

    /// Cell (`r`, `c`) of the written matrix, computed from `reads` by this op alone.
    pub fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        self.with_unit(|u| u.cell(reads, r, c))
    }

    /// The right-hand side of this op's NumPy line for reads named `args` in Python.
    pub fn numpy(&self, args: &[String]) -> String {
        self.with_unit(|u| u.numpy(args))
    }
}

/// Index of the broadcast operand `b` that pairs with cell (`r`, `c`) of the first operand.
pub fn broadcast_index(b: &Matrix, r: usize, c: usize) -> (usize, usize) {
    let (br, bc) = b.dim();
    (if br == 1 { 0 } else { r }, if bc == 1 { 0 } else { c })
}

/// The Python name of read `i` (`x` when the step has no such read).
fn arg(args: &[String], i: usize) -> &str {
    args.get(i).map_or("x", String::as_str)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use crate::preset::{BUILTINS, Preset};

    /// Every op computes, cell by cell, what its layer wrote with ndarray: the unit and the
    /// layer agree on what the op is, so an explanation never explains a different sum.
    #[test]
    fn every_builtin_step_is_what_its_op_computes_cell_by_cell() {
        let mut ops = std::collections::BTreeSet::new();
        for b in BUILTINS {
            let p = Preset::builtin(b.name).unwrap();
            let run = p.run().unwrap();
            for (k, s) in run.tape.steps.iter().enumerate() {
                ops.insert(format!("{:?}", std::mem::discriminant(&s.op)));
                for ((r, c), &want) in s.writes.value.indexed_iter() {
                    let got = s.op.cell(&s.reads, r, c).unwrap_or_else(|| {
                        panic!("{} step {k} {:?}: no cell ({r},{c})", b.name, s.op)
                    });
                    let tol = 1e-9 * want.abs().max(1.0);
                    assert!(
                        (got - want).abs() <= tol || (got.is_nan() && want.is_nan()),
                        "{} step {k} ({}) {:?} cell ({r},{c}): op {got}, layer {want}",
                        b.name,
                        s.label,
                        s.op
                    );
                }
            }
        }
        // the built-ins exercise every op but SumAll and the update rules (optim tests have
        // those): 12 of chapters 5 and 6, 10 of chapter 7
        assert_eq!(ops.len(), 22, "{ops:?}");
    }
}

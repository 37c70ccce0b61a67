//! The elementary operations a step can perform, and how each explains a cell it wrote.
//!
//! An [`Op`] knows nothing about layers: it combines its read operands into the written one. Given
//! a cell it lists the terms, with their values, that were combined into it — the answer to
//! "how does one cell of dW come about?".

mod explain;
mod explanation;
mod expr;
mod feeds;

use super::Matrix;
use super::optim::UpdateRule;
use crate::i18n::format::n4;

pub use explanation::{Combine, Explanation, Term};
pub use expr::{Expr, Reduce};
pub use feeds::{anchor, feeds};

/// An element-wise binary operation; the second operand may be broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `a + b`
    Add,
    /// `a − b`
    Sub,
    /// `a ⊙ b` (element-wise product)
    Mul,
    /// `a ÷ b`
    Div,
}

impl BinOp {
    /// The symbol shown between operands.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "−",
            BinOp::Mul => "·",
            BinOp::Div => "÷",
        }
    }

    /// Apply to two numbers.
    pub fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => a / b,
        }
    }
}

/// An element-wise function of one operand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnaryFn {
    /// `exp(−x)` (sigmoid, first step)
    NegExp,
    /// `exp(x)`
    Exp,
    /// `1 + x`
    OnePlus,
    /// `1 / x`
    Reciprocal,
    /// `1 − x`
    OneMinus,
    /// `log(x + 1e-7)` (the book's guard against log 0)
    LogEps,
    /// `log(x)`, the natural logarithm (a `log` node; its input is checked to be above 0)
    Log,
    /// `x · k`
    Scale(f64),
    /// `√x`
    Sqrt,
    /// `x` unchanged (an add node passes its gradient through)
    Copy,
}

impl UnaryFn {
    /// Apply to one number.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            UnaryFn::NegExp => (-x).exp(),
            UnaryFn::Exp => x.exp(),
            UnaryFn::OnePlus => 1.0 + x,
            UnaryFn::Reciprocal => 1.0 / x,
            UnaryFn::OneMinus => 1.0 - x,
            UnaryFn::LogEps => (x + 1e-7).ln(),
            UnaryFn::Log => x.ln(),
            UnaryFn::Scale(k) => x * k,
            UnaryFn::Sqrt => x.sqrt(),
            UnaryFn::Copy => x,
        }
    }

    /// The function written around a number: like [`UnaryFn::show`], with a negative number in
    /// parentheses where it follows an operator (`exp(−(-2.0000))`, `1 − (-0.5000)`).
    pub fn show_value(self, v: f64) -> String {
        match self {
            UnaryFn::NegExp | UnaryFn::OnePlus | UnaryFn::Reciprocal | UnaryFn::OneMinus => {
                self.show(&crate::i18n::format::operand(v))
            }
            _ => self.show(&n4(v)),
        }
    }

    /// The function written around an argument, e.g. `exp(−0.5)`.
    pub fn show(self, arg: &str) -> String {
        match self {
            UnaryFn::NegExp => format!("exp(−{arg})"),
            UnaryFn::Exp => format!("exp({arg})"),
            UnaryFn::OnePlus => format!("1 + {arg}"),
            UnaryFn::Reciprocal => format!("1 / {arg}"),
            UnaryFn::OneMinus => format!("1 − {arg}"),
            UnaryFn::LogEps => format!("log({arg} + 1e-7)"),
            UnaryFn::Log => format!("log({arg})"),
            UnaryFn::Scale(k) => format!("{arg} · {}", n4(k)),
            UnaryFn::Sqrt => format!("√({arg})"),
            UnaryFn::Copy => arg.to_string(),
        }
    }
}

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
}

/// How a mask is made from its input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MaskRule {
    /// `x ≤ 0` (ReLU: True blocks).
    AtMostZero,
    /// `rand > ratio` (Dropout: True keeps).
    Above(f64),
}

impl MaskRule {
    /// True when `v` makes a True cell.
    pub fn test(self, v: f64) -> bool {
        match self {
            MaskRule::AtMostZero => v <= 0.0,
            MaskRule::Above(ratio) => v > ratio,
        }
    }

    /// The comparison written after a value, e.g. `≤ 0` or `> 0.5`.
    pub fn show(self) -> String {
        match self {
            MaskRule::AtMostZero => "≤ 0".to_string(),
            MaskRule::Above(ratio) => format!("> {}", crate::i18n::format::short(ratio)),
        }
    }
}

/// Index of the broadcast operand `b` that pairs with cell (`r`, `c`) of the first operand.
pub fn broadcast_index(b: &Matrix, r: usize, c: usize) -> (usize, usize) {
    let (br, bc) = b.dim();
    (if br == 1 { 0 } else { r }, if bc == 1 { 0 } else { c })
}

#[cfg(test)]
mod tests {
    use super::{MaskRule, UnaryFn};

    #[test]
    fn mask_rules_test_and_show_their_comparison() {
        // ReLU: x ≤ 0 is True (blocked), 0 included
        assert!(MaskRule::AtMostZero.test(0.0));
        assert!(MaskRule::AtMostZero.test(-1e-300));
        assert!(!MaskRule::AtMostZero.test(1e-300));
        // Dropout: rand > ratio keeps, a draw equal to the ratio does not
        assert!(!MaskRule::Above(0.5).test(0.5));
        assert!(MaskRule::Above(0.5).test(0.5000001));
        assert_eq!(MaskRule::AtMostZero.show(), "≤ 0");
        assert_eq!(MaskRule::Above(0.5).show(), "> 0.5");
    }

    #[test]
    fn unary_functions_are_written_around_their_argument() {
        let shown: Vec<String> = [
            UnaryFn::NegExp,
            UnaryFn::Exp,
            UnaryFn::OnePlus,
            UnaryFn::Reciprocal,
            UnaryFn::OneMinus,
            UnaryFn::LogEps,
            UnaryFn::Log,
            UnaryFn::Scale(0.5),
            UnaryFn::Sqrt,
            UnaryFn::Copy,
        ]
        .iter()
        .map(|f| f.show("x"))
        .collect();
        assert_eq!(
            shown,
            [
                "exp(−x)",
                "exp(x)",
                "1 + x",
                "1 / x",
                "1 − x",
                "log(x + 1e-7)",
                "log(x)",
                "x · 0.5000",
                "√(x)",
                "x"
            ]
        );
        // after an operator a negative number goes in parentheses; elsewhere it does not
        assert_eq!(UnaryFn::NegExp.show_value(-2.0), "exp(−(-2.0000))");
        assert_eq!(UnaryFn::OneMinus.show_value(-0.5), "1 − (-0.5000)");
        assert_eq!(UnaryFn::OnePlus.show_value(0.25), "1 + 0.2500");
        assert_eq!(UnaryFn::Exp.show_value(-2.0), "exp(-2.0000)");
    }
}

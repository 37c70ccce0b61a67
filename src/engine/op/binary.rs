//! `a ∘ b` cell by cell (`+ − · ÷`), the second operand broadcast when it is a row, a column or
//! 1×1 (the bias of `X·W + b`).

use super::cell::{Cell, at, nm};
use super::explanation::Explanation;
use super::{OpUnit, arg, broadcast_index};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, operand};

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

    /// The operator in Python.
    pub fn python(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
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

impl OpUnit for BinOp {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let (a, b) = (&reads.first()?.value, &reads.get(1)?.value);
        let (br, bc) = broadcast_index(b, r, c);
        Some(self.apply(at(a, r, c), at(b, br, bc)))
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        let (a, b) = (reads.first()?, reads.get(1)?);
        let (br, bc) = broadcast_index(&b.value, r, c);
        let (va, vb) = (at(&a.value, r, c), at(&b.value, br, bc));
        let note = (b.value.dim() != a.value.dim()).then(|| {
            crate::msg!(
                "narr-broadcast-note",
                name = nm(&b.name),
                shape = format!("{}×{}", b.value.nrows(), b.value.ncols()),
                cell = format!("{}[{br},{bc}]", nm(&b.name)),
                every = match b.value.dim() {
                    (1, 1) => "cell",
                    (1, _) => "row",
                    _ => "column",
                },
            )
        });
        Some(cell.single(
            format!(
                "{}[{r},{c}] {} {}[{br},{bc}]",
                nm(&a.name),
                self.symbol(),
                nm(&b.name)
            ),
            format!("{} {} {}", n4(va), self.symbol(), operand(vb)),
            self.apply(va, vb),
            note,
        ))
    }

    fn feeds(
        &self,
        read: usize,
        operand: &Matrix,
        (r, c): (usize, usize),
        i: usize,
        j: usize,
    ) -> bool {
        match read {
            0 => (i, j) == (r, c),
            1 => broadcast_index(operand, r, c) == (i, j),
            _ => false,
        }
    }

    fn anchor(&self, read: usize, operand: &Matrix, (r, c): (usize, usize)) -> (usize, usize) {
        if read == 1 {
            broadcast_index(operand, r, c)
        } else {
            (r, c)
        }
    }

    fn numpy(&self, args: &[String]) -> String {
        format!("{} {} {}", arg(args, 0), self.python(), arg(args, 1))
    }
}

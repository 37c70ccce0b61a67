//! `A·B`, either operand transposed first: each cell is the sum over k of a row of A times a
//! column of B (`dW = Xᵀ·dY`, `dX = dY·Wᵀ`).

use super::cell::{Cell, at, nm};
use super::explanation::{Combine, Explanation, Term};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, operand};

/// [`Op::MatMul`](super::Op::MatMul) as a unit.
pub(super) struct MatMul {
    pub transpose_a: bool,
    pub transpose_b: bool,
}

impl MatMul {
    /// The cell of A read with k for output row `r`.
    fn idx_a(&self, r: usize, k: usize) -> (usize, usize) {
        if self.transpose_a { (k, r) } else { (r, k) }
    }

    /// The cell of B read with k for output column `c`.
    fn idx_b(&self, c: usize, k: usize) -> (usize, usize) {
        if self.transpose_b { (c, k) } else { (k, c) }
    }

    /// How many products make one cell.
    fn k_len(&self, a: &Matrix) -> usize {
        if self.transpose_a {
            a.nrows()
        } else {
            a.ncols()
        }
    }
}

impl OpUnit for MatMul {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let (a, b) = (&reads.first()?.value, &reads.get(1)?.value);
        Some((0..self.k_len(a)).fold(0.0, |sum, k| {
            let (ia, ib) = (self.idx_a(r, k), self.idx_b(c, k));
            sum + at(a, ia.0, ia.1) * at(b, ib.0, ib.1)
        }))
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
        let k_len = self.k_len(&a.value);
        let terms: Vec<Term> = (0..k_len)
            .map(|k| {
                let (ia, ib) = (self.idx_a(r, k), self.idx_b(c, k));
                let (va, vb) = (at(&a.value, ia.0, ia.1), at(&b.value, ib.0, ib.1));
                Term {
                    symbol: format!(
                        "{}[{},{}]·{}[{},{}]",
                        nm(&a.name),
                        ia.0,
                        ia.1,
                        nm(&b.name),
                        ib.0,
                        ib.1
                    ),
                    numbers: format!("{}·{}", n4(va), operand(vb)).into(),
                    value: va * vb,
                }
            })
            .collect();
        let (k, sub) = if self.transpose_a {
            ("n", "ₙ")
        } else {
            ("k", "ₖ")
        };
        let ia = if self.transpose_a {
            format!("{k},{r}")
        } else {
            format!("{r},{k}")
        };
        let ib = if self.transpose_b {
            format!("{c},{k}")
        } else {
            format!("{k},{c}")
        };
        Some(Explanation {
            rule: format!(
                "{} = Σ{sub} {}[{ia}]·{}[{ib}]",
                cell.target,
                nm(&a.name),
                nm(&b.name)
            ),
            target: cell.target,
            terms,
            combine: Combine::Sum,
            value: cell.value,
            // A's row r (or column r of Aᵀ's A) times B's column c (or row c)
            note: Some(crate::msg!(
                "narr-matmul-note",
                n = k_len,
                a = nm(&a.name),
                a_line = if self.transpose_a { "column" } else { "row" },
                r = r,
                b = nm(&b.name),
                b_line = if self.transpose_b { "row" } else { "column" },
                c = c,
            )),
        })
    }

    fn feeds(&self, read: usize, _: &Matrix, (r, c): (usize, usize), i: usize, j: usize) -> bool {
        match (read, self.transpose_a, self.transpose_b) {
            (0, false, _) => i == r,
            (0, true, _) => j == r,
            (1, _, false) => j == c,
            (1, _, true) => i == c,
            _ => false,
        }
    }

    fn anchor(&self, read: usize, _: &Matrix, (r, c): (usize, usize)) -> (usize, usize) {
        match (read, self.transpose_a, self.transpose_b) {
            (0, false, _) => (r, 0),
            (0, true, _) => (0, r),
            (1, _, false) => (0, c),
            (1, _, true) => (c, 0),
            _ => (0, 0),
        }
    }

    fn numpy(&self, args: &[String]) -> String {
        let t = |yes: bool| if yes { ".T" } else { "" };
        format!(
            "np.dot({}{}, {}{})",
            arg(args, 0),
            t(self.transpose_a),
            arg(args, 1),
            t(self.transpose_b)
        )
    }
}

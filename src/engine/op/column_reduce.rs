//! A formula reduced over the rows of each column — a sum, a mean or a negated sum
//! (BatchNorm's `mu = np.mean(x, axis=0)`, `dgamma = np.sum(self.xn * dout, axis=0)`).

use super::cell::Cell;
use super::explanation::{Combine, Explanation, Term};
use super::{Expr, OpUnit, Reduce, broadcast_index};
use crate::engine::Matrix;
use crate::engine::operand::Operand;

/// [`Op::ColumnReduce`](super::Op::ColumnReduce) as a unit.
pub(super) struct ColumnReduce<'a> {
    pub expr: &'a Expr,
    pub reduce: Reduce,
}

impl ColumnReduce<'_> {
    /// How many rows n the formula runs over: the most of any operand it reads.
    fn rows(&self, reads: &[Operand]) -> usize {
        self.expr
            .reads()
            .iter()
            .filter_map(|&i| reads.get(i))
            .map(|o| o.value.nrows())
            .max()
            .unwrap_or(0)
    }
}

impl OpUnit for ColumnReduce<'_> {
    fn cell(&self, reads: &[Operand], _: usize, c: usize) -> Option<f64> {
        reads.first()?;
        let rows = self.rows(reads);
        Some(
            self.reduce
                .apply((0..rows).map(|n| self.expr.eval(reads, n, c))),
        )
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        reads.first()?;
        let (expr, rows) = (self.expr, self.rows(reads));
        let terms: Vec<Term> = (0..rows)
            .map(|n| Term {
                symbol: expr.show(reads, n, c, false),
                numbers: expr.show(reads, n, c, true).into(),
                value: expr.eval(reads, n, c),
            })
            .collect();
        let inner = expr
            .show(reads, usize::MAX, c, false)
            .replace(&format!("[{},", usize::MAX), "[n,");
        let (sign, combine) = match self.reduce {
            Reduce::Sum => ("Σₙ", Combine::Sum),
            Reduce::Mean => ("(1/N) Σₙ", Combine::Mean),
            Reduce::NegSum => ("−Σₙ", Combine::NegSum),
        };
        Some(Explanation {
            rule: format!("{} = {sign} {inner}", cell.target),
            target: cell.target,
            terms,
            combine,
            value: cell.value,
            note: Some(crate::msg!("narr-column-reduce-note", n = rows, c = c)),
        })
    }

    fn feeds(
        &self,
        _: usize,
        operand: &Matrix,
        (_, c): (usize, usize),
        _: usize,
        j: usize,
    ) -> bool {
        j == broadcast_index(operand, 0, c).1
    }

    fn anchor(&self, _: usize, operand: &Matrix, (_, c): (usize, usize)) -> (usize, usize) {
        broadcast_index(operand, 0, c)
    }

    fn numpy(&self, args: &[String]) -> String {
        let inner = self.expr.python(args);
        match self.reduce {
            Reduce::Sum => format!("np.sum({inner}, axis=0)"),
            Reduce::Mean => format!("np.mean({inner}, axis=0)"),
            Reduce::NegSum => format!("-np.sum({inner}, axis=0)"),
        }
    }
}

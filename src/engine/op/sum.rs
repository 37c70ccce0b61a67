//! Sums of a read operand: of each column (the bias gradient `db = Σₙ dY[n,·]`), of each row, of
//! every cell (the gradient of a broadcast scalar), and the mean (the loss over the batch).

use super::cell::{Cell, at, nm};
use super::explanation::{Combine, Explanation, Term};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::n4;

/// [`Op::ColumnSum`](super::Op::ColumnSum), [`Op::RowSum`](super::Op::RowSum),
/// [`Op::SumAll`](super::Op::SumAll) and [`Op::Mean`](super::Op::Mean) as a unit.
pub(super) enum Sum {
    Columns,
    Rows,
    All,
    Mean,
}

impl Sum {
    /// The cells of `a` that make output cell (`r`, `c`).
    fn cells(&self, a: &Matrix, r: usize, c: usize) -> Vec<(usize, usize)> {
        match self {
            Sum::Columns => (0..a.nrows()).map(|n| (n, c)).collect(),
            Sum::Rows => (0..a.ncols()).map(|k| (r, k)).collect(),
            Sum::All | Sum::Mean => a.indexed_iter().map(|(ix, _)| ix).collect(),
        }
    }
}

impl OpUnit for Sum {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let a = &reads.first()?.value;
        let cells = self.cells(a, r, c);
        let sum: f64 = cells.iter().map(|&(i, j)| at(a, i, j)).sum();
        Some(match self {
            Sum::Mean => sum / cells.len().max(1) as f64,
            _ => sum,
        })
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        let a = reads.first()?;
        let terms: Vec<Term> = self
            .cells(&a.value, r, c)
            .iter()
            .map(|&(i, j)| Term {
                symbol: format!("{}[{i},{j}]", nm(&a.name)),
                numbers: n4(at(&a.value, i, j)).into(),
                value: at(&a.value, i, j),
            })
            .collect();
        let target = &cell.target;
        let (rule, note) = match self {
            Sum::Columns => (
                format!("{target} = Σₙ {}[n,{c}]", nm(&a.name)),
                crate::msg!(
                    "narr-sum-columns-note",
                    rows = a.value.nrows(),
                    c = c,
                    name = nm(&a.name)
                ),
            ),
            Sum::Rows => (
                format!("{target} = Σₖ {}[{r},k]", nm(&a.name)),
                crate::msg!("narr-sum-rows-note", r = r, name = nm(&a.name)),
            ),
            Sum::All => (
                format!("{target} = Σ {}[i,j]", nm(&a.name)),
                crate::msg!("narr-sum-all-note"),
            ),
            Sum::Mean => (
                format!("{target} = (1/{}) Σ {}[n,0]", terms.len(), nm(&a.name)),
                crate::msg!("narr-mean-note"),
            ),
        };
        Some(Explanation {
            target: cell.target,
            rule,
            terms,
            combine: if matches!(self, Sum::Mean) {
                Combine::Mean
            } else {
                Combine::Sum
            },
            value: cell.value,
            note: Some(note),
        })
    }

    fn feeds(&self, _: usize, _: &Matrix, (r, c): (usize, usize), i: usize, j: usize) -> bool {
        match self {
            Sum::Columns => j == c,
            Sum::Rows => i == r,
            Sum::All | Sum::Mean => true,
        }
    }

    fn anchor(&self, _: usize, _: &Matrix, (r, c): (usize, usize)) -> (usize, usize) {
        match self {
            Sum::Columns => (0, c),
            Sum::Rows => (r, 0),
            Sum::All | Sum::Mean => (0, 0),
        }
    }

    fn numpy(&self, args: &[String]) -> String {
        let a = arg(args, 0);
        match self {
            Sum::Columns => format!("np.sum({a}, axis=0)"),
            Sum::Rows => format!("np.sum({a}, axis=1, keepdims=True)"),
            Sum::All => format!("np.sum({a})"),
            Sum::Mean => format!("np.mean({a})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Kind, Matrix, Op, Operand};
    use ndarray::array;

    fn explain(op: Op, a: &Operand, writes: &Operand, r: usize, c: usize) -> (String, String) {
        let e = op
            .explain(std::slice::from_ref(a), writes, r, c)
            .unwrap_or_else(|| unreachable!("the cell is inside the written matrix"));
        (
            e.rule.clone(),
            format!(
                "{} | {}",
                e.expansion(8),
                e.note.map(|n| n.to_string()).unwrap_or_default()
            ),
        )
    }

    #[test]
    fn sums_say_what_they_sum_over() {
        let d: Matrix = array![[1.0, 2.0], [3.0, 4.0]];
        let dout = Operand::new(Kind::Dout, "dY", &d);
        let db = Operand::new(Kind::Dx, "db", &array![[4.0, 6.0]]);
        assert_eq!(
            explain(Op::ColumnSum, &dout, &db, 0, 1),
            (
                "db[0,1] = Σₙ dY[n,1]".into(),
                "= 2.0000 + 4.0000 = 6.0000 | the bias was added to both rows, so its gradient sums column 1 of dY".into()
            )
        );
        let rows = Operand::new(Kind::Dx, "s", &array![[3.0], [7.0]]);
        assert_eq!(
            explain(Op::RowSum, &dout, &rows, 1, 0),
            (
                "s[1,0] = Σₖ dY[1,k]".into(),
                "= 3.0000 + 4.0000 = 7.0000 | the sum of row 1 of dY".into()
            )
        );
        let all = Operand::new(Kind::Dx, "dk", &array![[10.0]]);
        assert_eq!(
            explain(Op::SumAll, &dout, &all, 0, 0),
            (
                "dk[0,0] = Σ dY[i,j]".into(),
                "= 1.0000 + 2.0000 + 3.0000 + 4.0000 = 10.0000 | a 1×1 operand was broadcast to every cell, so its gradient sums them all".into()
            )
        );
        assert_eq!(Op::Mean.cell(&[dout], 0, 0), Some(2.5));
    }
}

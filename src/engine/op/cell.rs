//! What every op's explanation starts from: the written cell, and how operands are read.

use super::explanation::{Combine, Explanation, Shown, Term};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::Msg;

/// An operand name as it reads before an index: `X`, but `(y − t)` or `(X·W)` for a compound name
/// (the same rule as [`format::cell`](crate::i18n::format::cell)).
pub(super) use crate::i18n::format::indexable as nm;

/// Cell (`r`, `c`) of `m`; NaN outside it.
pub(super) fn at(m: &Matrix, r: usize, c: usize) -> f64 {
    m.get((r, c)).copied().unwrap_or(f64::NAN)
}

/// The written cell being explained: its name with its index (`dW[0,1]`), value and position.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// E.g. `dW[0,1]`.
    pub target: String,
    /// The value the step wrote there.
    pub value: f64,
    /// Its row.
    pub r: usize,
    /// Its column.
    pub c: usize,
}

impl Cell {
    /// Cell (`r`, `c`) of `writes`, or `None` outside it.
    pub fn of(writes: &Operand, r: usize, c: usize) -> Option<Cell> {
        Some(Cell {
            value: *writes.value.get((r, c))?,
            target: format!("{}[{r},{c}]", nm(&writes.name)),
            r,
            c,
        })
    }

    /// An explanation with one term, its value recomputed from the operands (never copied from
    /// the written cell, so an explanation that reads the wrong cell shows a wrong sum).
    pub(super) fn single(
        self,
        rule: String,
        numbers: impl Into<Shown>,
        term: f64,
        note: Option<Msg>,
    ) -> Explanation {
        Explanation {
            rule: format!("{} = {rule}", self.target),
            target: self.target,
            terms: vec![Term {
                symbol: rule,
                numbers: numbers.into(),
                value: term,
            }],
            combine: Combine::Single,
            value: self.value,
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nm;

    #[test]
    fn compound_names_are_parenthesised_before_an_index() {
        assert_eq!(nm("X"), "X");
        assert_eq!(nm("dW"), "dW");
        assert_eq!(nm("y − t"), "(y − t)");
        assert_eq!(nm("X·W"), "(X·W)");
        assert_eq!(nm("dout⊙y"), "(dout⊙y)");
        assert_eq!(nm("a+b"), "(a+b)");
    }
}

//! One row's cross-entropy: minus the sum of t times log y (`-np.sum(t * np.log(y + 1e-7))`).

use super::cell::{Cell, at, nm};
use super::explanation::{Combine, Explanation, Term};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, operand};

/// [`Op::CrossEntropyRows`](super::Op::CrossEntropyRows) as a unit: reads `[t, log y]`.
pub(super) struct CrossEntropyRows;

impl OpUnit for CrossEntropyRows {
    fn cell(&self, reads: &[Operand], r: usize, _: usize) -> Option<f64> {
        let (t, logy) = (&reads.first()?.value, &reads.get(1)?.value);
        Some(-(0..t.ncols()).fold(0.0, |sum, k| sum + at(t, r, k) * at(logy, r, k)))
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        let (a, logy) = (reads.first()?, reads.get(1)?);
        let terms: Vec<Term> = (0..a.value.ncols())
            .map(|k| {
                let (t, l) = (at(&a.value, r, k), at(&logy.value, r, k));
                Term {
                    symbol: format!("{}[{r},{k}]·{}[{r},{k}]", nm(&a.name), nm(&logy.name)),
                    numbers: format!("{}·{}", n4(t), operand(l)).into(),
                    value: t * l,
                }
            })
            .collect();
        Some(Explanation {
            rule: format!(
                "{} = −Σₖ {}[{r},k]·{}[{r},k]",
                cell.target,
                nm(&a.name),
                nm(&logy.name)
            ),
            target: cell.target,
            terms,
            combine: Combine::NegSum,
            value: cell.value,
            note: Some(crate::msg!("narr-cross-entropy-note")),
        })
    }

    fn feeds(&self, _: usize, _: &Matrix, (r, _): (usize, usize), i: usize, _: usize) -> bool {
        i == r
    }

    fn anchor(&self, _: usize, _: &Matrix, (r, _): (usize, usize)) -> (usize, usize) {
        (r, 0)
    }

    fn numpy(&self, args: &[String]) -> String {
        format!("-np.sum({} * {}, axis=1)", arg(args, 0), arg(args, 1))
    }
}

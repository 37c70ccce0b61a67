//! A cell minus its row's maximum: softmax's guard against overflow
//! (`x = x - np.max(x, axis=-1, keepdims=True)`).

use super::cell::{Cell, at, nm};
use super::explanation::Explanation;
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, operand};

/// [`Op::SubRowMax`](super::Op::SubRowMax) as a unit.
pub(super) struct SubRowMax;

/// The maximum of row `r` of `a` and the first column where it is.
fn row_max(a: &Matrix, r: usize) -> (f64, usize) {
    let row = a.row(r);
    let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    (max, row.iter().position(|&v| v == max).unwrap_or(0))
}

impl OpUnit for SubRowMax {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let a = &reads.first()?.value;
        (r < a.nrows()).then(|| at(a, r, c) - row_max(a, r).0)
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
        if r >= a.value.nrows() {
            return None;
        }
        let (max, argmax) = row_max(&a.value, r);
        Some(cell.single(
            format!("{}[{r},{c}] − max_k {}[{r},k]", nm(&a.name), nm(&a.name)),
            format!("{} − {}", n4(at(&a.value, r, c)), operand(max)),
            at(&a.value, r, c) - max,
            Some(crate::msg!(
                "narr-sub-row-max-note",
                r = r,
                cell = format!("{}[{r},{argmax}]", nm(&a.name))
            )),
        ))
    }

    fn feeds(&self, _: usize, _: &Matrix, (r, _): (usize, usize), i: usize, _: usize) -> bool {
        i == r
    }

    fn anchor(&self, _: usize, _: &Matrix, (r, _): (usize, usize)) -> (usize, usize) {
        (r, 0)
    }

    fn numpy(&self, args: &[String]) -> String {
        let a = arg(args, 0);
        format!("{a} - np.max({a}, axis=1, keepdims=True)")
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Kind, Op, Operand};
    use ndarray::array;

    #[test]
    fn sub_row_max_names_the_cell_of_the_max() {
        let a = Operand::new(Kind::Input, "x", &array![[1.0, 5.0, 3.0]]);
        let out = Operand::new(Kind::Temp(0), "x − max", &array![[-4.0, 0.0, -2.0]]);
        let e = Op::SubRowMax
            .explain(&[a], &out, 0, 2)
            .unwrap_or_else(|| unreachable!("the cell is inside the written matrix"));
        assert_eq!(e.expansion(8), "= 3.0000 − 5.0000 = -2.0000");
        assert_eq!(
            e.note.as_ref().map(ToString::to_string).as_deref(),
            Some(
                "row 0's max is x[0,1]; subtracting it keeps exp from overflowing and does not change softmax"
            )
        );
    }
}

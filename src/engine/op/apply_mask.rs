//! A cell after a mask: passed (or kept) as it was, or blocked (dropped) to 0 — ReLU's
//! `out[self.mask] = 0`, Dropout's `x * self.mask`.

use super::cell::{Cell, at, nm};
use super::explanation::{Explanation, Shown};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::{Kind, MaskSense, Operand};
use crate::i18n::format::n4;

/// [`Op::ApplyMask`](super::Op::ApplyMask) as a unit.
pub(super) struct ApplyMask;

/// True when `mask` (a cell `m` of it) blocks: by its sense for a mask operand, else where it is
/// not 0.
fn blocks(mask: &Operand, m: f64) -> bool {
    match mask.kind {
        Kind::Mask(sense) => sense.blocks(m),
        _ => m != 0.0,
    }
}

impl OpUnit for ApplyMask {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let (a, mask) = (reads.first()?, reads.get(1)?);
        let va = at(&a.value, r, c);
        Some(if blocks(mask, at(&mask.value, r, c)) {
            0.0
        } else {
            va
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
        let (a, mask) = (reads.first()?, reads.get(1)?);
        let va = at(&a.value, r, c);
        let m = at(&mask.value, r, c);
        let masked = blocks(mask, m);
        let truth = if m != 0.0 { "True" } else { "False" };
        let keeps_true = matches!(mask.kind, Kind::Mask(MaskSense::TrueKeeps));
        // Dropout's mask keeps its True cells, ReLU's masks them: name what happened.
        let happened = match (keeps_true, masked) {
            (false, true) => "masked",
            (false, false) => "passed",
            (true, true) => "dropped",
            (true, false) => "kept",
        };
        let (an, mn) = (nm(&a.name), nm(&mask.name));
        Some(cell.single(
            if keeps_true {
                format!("{an}[{r},{c}] · {mn}[{r},{c}]")
            } else {
                format!("{an}[{r},{c}] · ~{mn}[{r},{c}]")
            },
            Shown::Words(crate::msg!(
                "narr-apply-mask-numbers",
                happened = happened,
                value = n4(va)
            )),
            if masked { 0.0 } else { va },
            Some(crate::msg!(
                "narr-apply-mask-note",
                happened = happened,
                cell = format!("{mn}[{r},{c}]"),
                truth = truth
            )),
        ))
    }

    fn feeds(&self, _: usize, _: &Matrix, out: (usize, usize), i: usize, j: usize) -> bool {
        (i, j) == out
    }

    fn anchor(&self, _: usize, _: &Matrix, out: (usize, usize)) -> (usize, usize) {
        out
    }

    fn numpy(&self, args: &[String]) -> String {
        format!("np.where({}, 0, {})", arg(args, 1), arg(args, 0))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::operand::MaskSense;
    use crate::engine::{Kind, Op, Operand};
    use ndarray::array;

    fn explain(reads: &[Operand], writes: &Operand, r: usize, c: usize) -> String {
        let e = Op::ApplyMask
            .explain(reads, writes, r, c)
            .unwrap_or_else(|| unreachable!("the cell is inside the written matrix"));
        format!(
            "{} | {}",
            e.expansion(8),
            e.note.map(|n| n.to_string()).unwrap_or_default()
        )
    }

    #[test]
    fn apply_mask_reads_true_and_false_cells() {
        let x = Operand::new(Kind::Dout, "dout", &array![[5.0, -2.0]]);
        let relu_mask = Operand::new(
            Kind::Mask(MaskSense::TrueBlocks),
            "mask",
            &array![[1.0, 0.0]],
        );
        let out = Operand::new(Kind::Dx, "dx", &array![[0.0, -2.0]]);
        assert_eq!(
            explain(&[x.clone(), relu_mask], &out, 0, 0),
            "= masked → 0 (was 5.0000) = 0.0000 | masked: mask[0,0] is True"
        );
        // a mask that is not a mask operand blocks where it is non-zero
        let plain = Operand::new(Kind::Temp(0), "m", &array![[1.0, 0.0]]);
        assert_eq!(
            explain(&[x.clone(), plain.clone()], &out, 0, 0),
            "= masked → 0 (was 5.0000) = 0.0000 | masked: m[0,0] is True"
        );
        assert_eq!(
            explain(&[x, plain], &out, 0, 1),
            "= passed → -2.0000 = -2.0000 | passed: m[0,1] is False"
        );
    }
}
